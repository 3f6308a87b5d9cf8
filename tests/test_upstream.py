"""dlpgate/upstream.py is pinned to the aiosmtpd and aiosmtplib it was read from.

Each upstream function below is copied by dlpgate/upstream.py, or mirrored or
relied on (through upstream.py) elsewhere in dlpgate; its source hash is the
one in the version named by upstream.READ_FROM. When a hash differs, read the
new source against what the comment names, adapt, then update the hash, the
version in READ_FROM and the pin in pyproject.toml together.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import inspect
import re
from importlib.metadata import version

import aiosmtplib
import pytest
from aiosmtpd import smtp as aiosmtpd_smtp

from dlpgate import upstream
from dlpgate.actions.relay import FastDataSMTP
from dlpgate.smtp import GatewaySMTP

PINNED = {
    # copied: upstream.SMTP.smtp_DATA
    "aiosmtpd.smtp:SMTP.smtp_DATA": "3a33f30d3fd6d02f",
    # smtp.simple_address answers as this parser does (upstream.SMTP.quick_address)
    "aiosmtpd.smtp:SMTP._getaddr": "0aeb21c56ac1260e",
    # upstream.SMTP.admit runs before it; it re-arms the timer once per valid command
    "aiosmtpd.smtp:SMTP._handle_client": "0e4d096403af6c74",
    "aiosmtpd.smtp:SMTP._reset_timeout": "fef19b94d28dff31",
    # GatewaySMTP.push replaces it (same encoding, replies grouped)
    "aiosmtpd.smtp:SMTP.push": "15f4f1de5e30c337",
    # where _smtp_methods, _authenticator, _auth_required, _decode_data, _handle_hooks are made
    "aiosmtpd.smtp:SMTP.__init__": "8a9ca80f23ad9bf2",
    "aiosmtpd.smtp:SMTP._cb_client_connected": "a73e95bb7f362ab9",
    "aiosmtpd.smtp:SMTP._set_post_data_state": "1dc8a8abca2a8164",
    "aiosmtpd.smtp:SMTP._call_handler_hook": "6ff23a6634ea0307",
    # upstream.write_payload is its second half
    "aiosmtplib.protocol:SMTPProtocol.execute_data_command": "a55f9634add2db08",
    "aiosmtplib.protocol:SMTPProtocol.read_response": "0b9d810b358b1b0b",
    # relay._Replies stands in for it while pipelined replies are read
    "aiosmtplib.protocol:SMTPProtocol.data_received": "5edbbead3dc96987",
    # canonical.line_endings and smtp_data.dot_stuff give the same bytes
    "aiosmtplib.protocol:normalize_message_line_endings": "b2996d67955888e8",
    # relay.FastDataSMTP.sendmail_fast, _mail, _rcpt: the same commands and errors
    "aiosmtplib.smtp:SMTP.sendmail": "c30688c0a6881505",
    "aiosmtplib.smtp:SMTP.mail": "aa44c3d243b35260",
    "aiosmtplib.smtp:SMTP.rcpt": "00b4c28151b6c900",
    # relay.quote_envelope_address: the same quoting for the simple form
    "aiosmtplib.email:quote_address": "9f59e28fbb07142b",
}


def _source(name: str) -> str:
    module, path = name.split(":")
    obj = importlib.import_module(module)
    for part in path.split("."):
        obj = getattr(obj, part)
    return inspect.getsource(obj)


@pytest.mark.parametrize("package", sorted(upstream.READ_FROM))
def test_the_installed_version_is_the_one_read(package):
    assert version(package) == upstream.READ_FROM[package], (
        f"{package} {version(package)} is installed; dlpgate/upstream.py was read against "
        f"{upstream.READ_FROM[package]}: see this file's docstring"
    )


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_upstream_source_has_not_moved(name):
    digest = hashlib.sha256(_source(name).encode()).hexdigest()[:16]
    assert digest == PINNED[name], f"{name} changed upstream: read it against dlpgate/upstream.py"


async def test_streamreader_still_keeps_its_limit_and_buffer_where_upstream_py_reads_them():
    source = inspect.getsource(asyncio.StreamReader)
    assert "self._limit = limit" in source and "self._buffer = bytearray()" in source
    reader = asyncio.StreamReader(limit=10)
    assert upstream.reader_limit(reader) == 10
    upstream.set_reader_limit(reader, 20)
    assert upstream.reader_limit(reader) == 20
    assert not upstream.line_buffered(reader)
    reader.feed_data(b"RSET")
    assert not upstream.line_buffered(reader)
    reader.feed_data(b"\r\n")
    assert upstream.line_buffered(reader)


def _private_names(source: str) -> set[str]:
    return set(re.findall(r"\b(_[a-z]\w*)", source))


def _upstream_source(cls: type, package: str) -> str:
    return "".join(
        inspect.getsource(inspect.getmodule(base)) for base in cls.__mro__ if base.__module__.startswith(package)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "cls, package",
    [(GatewaySMTP, "aiosmtpd"), (FastDataSMTP, "aiosmtplib")],
    ids=["GatewaySMTP", "FastDataSMTP"],
)
def test_subclasses_of_upstream_classes_neither_reach_in_nor_collide(cls, package):
    """No underscore name of a subclass (its own, or one it would reach for) is also upstream's.

    An upstream private name used outside dlpgate/upstream.py is a reach-in; an
    own name that upstream also uses would silently replace upstream's.
    """
    shared = _private_names(inspect.getsource(cls)) & _private_names(_upstream_source(cls, package))
    assert not shared, f"{cls.__name__} and {package} share {sorted(shared)}: go through dlpgate/upstream.py"


def test_upstream_smtp_routes_only_the_private_parts_it_names():
    """upstream.SMTP overrides aiosmtpd's private methods only to call its hooks."""
    overridden = {n for n in vars(upstream.SMTP) if n.startswith("_") and not n.startswith("__")}
    assert overridden <= {"_handle_client", "_reset_timeout", "_getaddr"}
    for name in overridden:
        assert hasattr(aiosmtpd_smtp.SMTP, name)


def test_the_aiosmtplib_client_keeps_its_protocol_where_write_payload_reads_it():
    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=25, timeout=7.0)
    assert client.protocol is None and client.timeout == 7.0
