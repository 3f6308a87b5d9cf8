"""dlpgate relies on private parts of aiosmtpd and aiosmtplib, all through
dlpgate/upstream.py. pyproject.toml pins both to the versions that module was read
from; this fails loudly when the pins and that module disagree, when the installed
versions leave the pins, or when the private parts move, before any mail is lost to it.
tests/test_upstream.py checks the upstream sources themselves."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PINNED = {"aiosmtpd", "aiosmtplib"}


def requirements() -> dict[str, Requirement]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {r.name.lower(): r for r in map(Requirement, deps)}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_pinned_with_an_upper_bound_and_installed_inside_it(name):
    req = requirements()[name]
    assert any(spec.operator in ("<", "<=", "==", "~=") for spec in req.specifier), f"{name} needs an upper bound in pyproject.toml"
    installed = version(name)
    assert req.specifier.contains(installed, prereleases=True), (
        f"{name} {installed} is outside the tested range {req.specifier}: "
        "check dlpgate/upstream.py against it, run the tests, then move the pin"
    )


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_pin_admits_only_the_version_upstream_py_was_read_from(name):
    from dlpgate.upstream import READ_FROM

    req = requirements()[name]
    assert req.specifier.contains(READ_FROM[name])
    assert str(req.specifier) == f"=={READ_FROM[name]}", f"pin {name} to what dlpgate/upstream.py was read from"


def test_the_private_parts_we_use_are_there():
    import inspect

    import aiosmtplib
    from aiosmtpd import smtp

    for attr in ("_handle_client", "_getaddr", "_set_post_data_state", "_call_handler_hook", "_reset_timeout", "connection_lost"):
        assert hasattr(smtp.SMTP, attr), f"aiosmtpd.smtp.SMTP.{attr} is gone"
    for attr in ("MISSING", "syntax", "AuthResult", "LoginPassword"):
        assert hasattr(smtp, attr), f"aiosmtpd.smtp.{attr} is gone"
    assert "_smtp_methods" in inspect.getsource(smtp.SMTP.__init__)
    assert hasattr(aiosmtplib.SMTP, "execute_command") and "self.protocol" in inspect.getsource(aiosmtplib.SMTP)
    from aiosmtplib.protocol import SMTPProtocol

    assert hasattr(SMTPProtocol, "write") and "timeout" in inspect.signature(SMTPProtocol.read_response).parameters
