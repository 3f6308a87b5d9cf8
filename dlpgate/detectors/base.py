"""What every detector module provides.

A detector module defines ``NAME``, ``DEFAULTS`` (its options with their default
values; the config may override only these keys, with values of the same type)
and ``build(options, ctx) -> Detector``. Patterns, lexicons and lists are loaded
and compiled in ``build``, once, at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from dlpgate.types import DetectorContext, Finding, ParsedMessage


class Detector(Protocol):
    name: str

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        """Pure: read the message, return findings. Never includes detected values.

        ``deadline`` is a ``time.monotonic()`` value; long loops check it and
        raise :class:`dlpgate.mime.errors.InspectionTimeout` once it has passed.
        """
        ...


class DetectorModule(Protocol):
    NAME: str
    DEFAULTS: Mapping[str, Any]
    KINDS: tuple[str, ...]

    def build(self, options: Mapping[str, Any], ctx: DetectorContext) -> Detector: ...


class DetectorConfigError(ValueError):
    """A detector option is unusable (e.g. a lexicon file is missing)."""
