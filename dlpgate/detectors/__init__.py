"""The detector registry.

``MODULES`` maps each detector's NAME to its module (an explicit list; a
duplicate NAME raises at import). ``build_all`` merges each module's DEFAULTS
with the configured options, checks them, and builds every enabled detector.

Option rules: only keys present in a module's DEFAULTS are allowed, and a value
must have the default's type (bool for bool, int for int, int or float for
float, str for str). An option a module has retired (its ``RETIRED`` map) is
refused with a line saying what replaced it. Any problem raises
DetectorConfigError with one line starting "detectors.NAME.KEY: ".

Each module declares the finding kinds it emits as ``KINDS`` (and may declare
the categories it sets as ``CATEGORIES``), so rules can be checked against
them; a module without ``KINDS`` is read for its ``KIND*`` constants.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any

from dlpgate.detectors import (
    chi_number,
    exposed_recipients,
    hc_number,
    health_terms,
    nhs_number,
)
from dlpgate.detectors.base import Detector, DetectorConfigError
from dlpgate.types import PROBLEM_REASONS, DetectorContext

__all__ = [
    "MODULES",
    "OTHER_KINDS",
    "DetectorConfigError",
    "build_all",
    "module_categories",
    "vocabulary",
    "known_kinds",
    "merged_options",
    "option_errors",
    "registry",
]


def registry(modules: Iterable[ModuleType]) -> dict[str, ModuleType]:
    """NAME -> module, in the given order; a NAME used twice raises ValueError."""
    out: dict[str, ModuleType] = {}
    for module in modules:
        name = module.NAME
        if name in out:
            raise ValueError(
                f"duplicate detector NAME {name!r}: {out[name].__name__} and {module.__name__}"
            )
        if not isinstance(module.DEFAULTS.get("enabled"), bool):
            raise ValueError(f"detector {name!r}: DEFAULTS must have a bool 'enabled'")
        out[name] = module
    return out


MODULES: dict[str, ModuleType] = registry(
    (nhs_number, chi_number, hc_number, health_terms, exposed_recipients)
)


#: Kinds that come from outside the detectors (the parser's problems, see
#: policy.problem_findings); their categories are the problem reasons.
OTHER_KINDS: tuple[str, ...] = ("unscannable",)


def module_kinds(module: ModuleType) -> tuple[str, ...]:
    kinds = getattr(module, "KINDS", None)
    if kinds is None:
        kinds = tuple(v for k, v in vars(module).items() if k.startswith("KIND") and isinstance(v, str))
    return tuple(kinds) or (module.NAME,)


def module_categories(module: ModuleType, kind: str) -> frozenset[str]:
    """The categories a module declares for ``kind``: CATEGORIES is one tuple for
    all its kinds, or a mapping per kind; the empty category is not one a rule names."""
    declared = getattr(module, "CATEGORIES", ())
    if isinstance(declared, Mapping):
        declared = declared.get(kind, ())
    return frozenset(declared) - {""}


def vocabulary() -> dict[str, frozenset[str]]:
    """Every finding kind a rule may name (registry order) -> the categories it may name for it."""
    vocab: dict[str, frozenset[str]] = {}
    for module in MODULES.values():
        for kind in module_kinds(module):
            vocab[kind] = vocab.get(kind, frozenset()) | module_categories(module, kind)
    for kind in OTHER_KINDS:
        vocab[kind] = frozenset(PROBLEM_REASONS)
    return vocab


def known_kinds() -> tuple[str, ...]:
    """Every finding kind a rule may name, in registry order."""
    return tuple(vocabulary())


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


def _value_error(default: Any, value: Any) -> str | None:
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    else:
        ok = isinstance(value, type(default))
    if ok:
        return None
    return f"expected {_type_name(default)}, got {value!r} ({_type_name(value)})"


def option_errors(name: str, options: Mapping[str, Any]) -> str | None:
    """The first problem with ``options`` for detector ``name`` as one line, or None."""
    module = MODULES.get(name)
    if module is None:
        known = ", ".join(MODULES)
        return f"detectors.{name}: unknown detector (known: {known})"
    if not isinstance(options, Mapping):
        return f"detectors.{name}: expected a table of options, got {_type_name(options)}"
    retired = getattr(module, "RETIRED", {})
    for key, value in options.items():
        if key in retired and key not in module.DEFAULTS:
            return f"detectors.{name}.{key}: {retired[key]}"
        if key not in module.DEFAULTS:
            known = ", ".join(module.DEFAULTS)
            return f"detectors.{name}.{key}: unknown option (known: {known})"
        problem = _value_error(module.DEFAULTS[key], value)
        if problem:
            return f"detectors.{name}.{key}: {problem}"
    return None


def merged_options(name: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """DEFAULTS of detector ``name`` overlaid with ``options`` (checked first)."""
    options = {} if options is None else options
    problem = option_errors(name, options)
    if problem:
        raise DetectorConfigError(problem)
    merged = dict(MODULES[name].DEFAULTS)
    for key, value in options.items():
        if isinstance(MODULES[name].DEFAULTS[key], float):
            value = float(value)
        merged[key] = value
    return merged


def build_all(options_by_name: Mapping[str, Mapping[str, Any]], ctx: DetectorContext) -> list[Detector]:
    """Build every enabled detector, in MODULES order.

    ``options_by_name`` may name any subset of detectors; the others use their
    DEFAULTS. An unknown detector, unknown option or wrongly typed value raises
    DetectorConfigError before anything is built.
    """
    merged = {}
    for name in options_by_name:
        problem = option_errors(name, options_by_name[name])
        if problem:
            raise DetectorConfigError(problem)
    for name in MODULES:
        merged[name] = merged_options(name, options_by_name.get(name))
    if not ctx.webmail_domains:  # the list of private people's domains, in the exposed-recipients detector's option
        webmail = str(merged[exposed_recipients.NAME]["webmail_domains"])
        ctx = dataclasses.replace(ctx, webmail_domains=os.path.join(ctx.config_dir, webmail))
    return [MODULES[name].build(opts, ctx) for name, opts in merged.items() if opts["enabled"]]
