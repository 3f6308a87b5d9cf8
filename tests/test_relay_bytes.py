"""The byte passes of the receive -> relay path against the slow paths they replace.

- The DATA payload the relay writes (read off the wire by a loopback SMTP
  server) equals aiosmtplib's own preparation of the same outgoing bytes
  (normalize_message_line_endings, then its dot-stuffing): for plain bytes, for
  a Canonical message (line endings not normalised again) and for a DotFree
  one (nothing dot-stuffed), for every .eml under tests/ and for edge cases.
- canonicalize, line_endings, unstuff and dot_stuff give the bytes of the
  count- and replace-based code they replace, and the types they give
  (Canonical, DotFree) hold what they claim.
- header_count gives what the multiline regular expression gave.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
from pathlib import Path

import pytest
from aiosmtplib.protocol import PERIOD_REGEX, normalize_message_line_endings
from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate import smtp_data
from dlpgate.actions.relay import OK, SmtpRelay
from dlpgate.actions.rewrite import add_header, rewrite_bcc
from dlpgate.canonical import Canonical, DotFreeCanonical, add_field, canonicalize, crlf_only, line_endings
from dlpgate.smtp import header_count
from dlpgate.smtp_data import DotFree
from tests.conftest import INTERNAL, free_port

TESTS = Path(__file__).parent
EML = sorted(TESTS.glob("**/*.eml"))

EDGE = {
    "empty": b"",
    "lone CRLF": b"\r\n",
    "lone dot": b".",
    "lone dot line": b".\r\n",
    "two dots": b"..\r\n",
    "three dots": b"...\r\n",
    "dot lines": b"Subject: d\r\n\r\n.\r\n..\r\n.x\r\nx.\r\n...\r\n",
    "first line a dot": b".Subject: d\r\n\r\nbody\r\n",
    "dot line last, no CRLF": b"Subject: d\r\n\r\nbody\r\n.",
    "bare CR": b"Subject: r\r\n\r\na\rb\r.c\r",
    "bare LF": b"Subject: l\n\nline one\n.\nline two\n",
    "LF then dot at the start": b"\n.x\n",
    "CR LF mixture": b"Subject: m\r\nX: y\n\r\na\r\r\nb\n\rc\r\n.\r\r\n",
    "LF CR": b"a\n\rb\n\r",
    "no final CRLF": b"Subject: n\r\n\r\nno end",
    "only headers": b"Subject: h\r\nTo: a@example.org\r\n",
    "only headers, no CRLF": b"Subject: h",
    "obsolete colon": b"To : a@x\r\nCc\t: b@y\r\n\r\nbody\r\n",
    "a line that is no field": b"Subject: s\r\nnot a field\r\n.Cc: a@x\r\n\r\nbody\r\n",
    "mbox From line": b"From a@x Mon Jan  1 00:00:00 2024\r\nSubject: f\r\n\r\n.body\r\n",
    "starts with an empty line": b"\r\n.body\r\n",
    "folded field": b"Subject: one\r\n two\r\n\tthree\r\n\r\nbody\r\n",
    "NUL and 8-bit": b"Subject: \xe9\r\n\r\n\x00\xff\r\n",
}


def aiosmtplib_payload(outgoing: bytes) -> bytes:
    """aiosmtplib's execute_data_command preparation of a message."""
    return PERIOD_REGEX.sub(b"..", normalize_message_line_endings(bytes(outgoing))) + b".\r\n"


# -- the slow paths, as they were ---------------------------------------------

_LINE_END = re.compile(rb"\r\n|\r|\n")
_FIELD = re.compile(rb"[\x21-\x39\x3b-\x7e]+:")
_OBS_FIELD = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]+:")


def slow_line_endings(raw: bytes) -> bytes:
    crlf = raw.count(b"\r\n")
    if raw.count(b"\n") != crlf or raw.count(b"\r") != crlf:
        raw = _LINE_END.sub(b"\r\n", raw)
    return raw if raw.endswith(b"\r\n") else raw + b"\r\n"


def slow_tidy_headers(raw: bytes) -> bytes:
    if raw.startswith(b"\r\n"):
        return raw
    i = raw.find(b"\r\n\r\n")
    end = len(raw) if i < 0 else i + 2
    lines = raw[:end].split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out: list[bytes] = []
    changed = False
    for n, line in enumerate(lines):
        if line[:1] in (b" ", b"\t") and out:
            out.append(line)
            continue
        if n == 0 and line.startswith(b"From "):
            out.append(line)
            continue
        m = _OBS_FIELD.match(line)
        if m is not None:
            line = m.group(1) + b":" + line[m.end() :]
            changed = True
        elif _FIELD.match(line) is None:
            rest = b"\r\n".join(lines[n:]) + b"\r\n" + raw[end:]
            return (b"\r\n".join(out) + b"\r\n" if out else b"") + b"\r\n" + rest
        out.append(line)
    return b"\r\n".join(out) + b"\r\n" + raw[end:] if changed else raw


def slow_canonicalize(raw: bytes) -> bytes:
    return slow_tidy_headers(slow_line_endings(bytes(raw)))


def slow_unstuff(data: bytes) -> bytes:
    if b"\r\n." in data:
        data = data.replace(b"\r\n.", b"\r\n")
    return data[1:] if data[:1] == b"." else data


_HEADER_END = re.compile(rb"\r?\n\r?\n")
_FIELD_START = re.compile(rb"^[^ \t\r\n]", re.M)


def slow_header_count(raw: bytes) -> int:
    m = _HEADER_END.search(raw)
    return len(_FIELD_START.findall(raw[: m.start()] if m else raw))


def assert_claims(data: bytes) -> None:
    """What the type of data says about it is true."""
    if isinstance(data, Canonical):
        assert slow_canonicalize(bytes(data)) == data
        assert slow_line_endings(bytes(data)) == data
    if isinstance(data, DotFree):
        assert b"\r\n." not in data and not data.startswith(b".")


def received(wire: bytes) -> bytes:
    """The content dlpgate's DATA reader gives for these bytes after DATA."""

    async def read() -> bytes:
        reader = asyncio.StreamReader(limit=smtp_data.CHUNK)
        reader.feed_data(wire)
        reader.feed_eof()
        result = await smtp_data.read_data(reader)
        assert result.content is not None
        return result.content

    return asyncio.run(read())


SAMPLES = {f"edge: {k}": v for k, v in EDGE.items()} | {p.relative_to(TESTS).as_posix(): p for p in EML}


def sample(name: str) -> bytes:
    raw = SAMPLES[name]
    return raw.read_bytes() if isinstance(raw, Path) else raw


def test_the_corpus_is_there():
    assert len(EML) > 300


# -- the pure functions, fast against slow ------------------------------------


@pytest.mark.parametrize("name", list(SAMPLES))
def test_pure_passes_match_the_slow_ones(name: str) -> None:
    raw = sample(name)
    crlf = normalize_message_line_endings(raw)
    for data in (raw, crlf):
        assert line_endings(data) == slow_line_endings(data) == normalize_message_line_endings(data)
        assert crlf_only(data) is (data.count(b"\r\n") == data.count(b"\n") == data.count(b"\r"))
        assert canonicalize(data) == slow_canonicalize(data)
        assert_claims(canonicalize(data))
        assert smtp_data.unstuff(data) == slow_unstuff(data)
        assert_claims(smtp_data.unstuff(data))
        assert smtp_data.dot_stuff(line_endings(data)) == aiosmtplib_payload(data)
        assert header_count(data) == slow_header_count(data)
        assert header_count(data.replace(b"\r\n", b"\n")) == slow_header_count(data.replace(b"\r\n", b"\n"))
    # the gateway's path: the DATA reader, the canonical form, the action's header
    content = received(aiosmtplib_payload(raw))
    assert content == slow_unstuff(aiosmtplib_payload(raw)[:-3])
    canon = canonicalize(content)
    # Typed up to TYPED_MAX bytes; a larger message is not copied to be retyped.
    assert isinstance(canon, Canonical) is (len(canon) <= smtp_data.TYPED_MAX)
    assert canon == slow_canonicalize(content)
    assert_claims(canon)
    marked = add_header(canon, "X-DLPGate-Action", "deliver")
    assert marked == b"X-DLPGate-Action: deliver\r\n" + canon
    assert_claims(marked)
    assert smtp_data.dot_stuff(marked) == aiosmtplib_payload(marked)


PIECES = [b"To", b"Subject", b"X", b":", b" ", b"\t", b"\r", b"\n", b"\r\n", b".", b"..", b"\r\n.", b"From ", b"x", b"\xe9"]
messages = st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join)


@settings(max_examples=1500, deadline=None)
@given(messages)
def test_pure_passes_match_the_slow_ones_on_any_bytes(raw: bytes) -> None:
    assert line_endings(raw) == slow_line_endings(raw) == normalize_message_line_endings(raw)
    assert smtp_data.unstuff(raw) == slow_unstuff(raw)
    for data in (raw, smtp_data.unstuff(raw)):
        out = canonicalize(data)
        assert out == slow_canonicalize(data)
        assert_claims(out)
        assert canonicalize(out) is out
        assert smtp_data.dot_stuff(out) == aiosmtplib_payload(out)
    assert header_count(raw) == slow_header_count(raw)


@settings(max_examples=1000, deadline=None)
@given(messages, st.sampled_from([b"X-DLPGate-Action: deliver", b".X: y", b"From x", b"X y", b"X: a\nb", b"X: a\rb", b"X:"]))
def test_add_field_keeps_the_type_only_when_the_form_holds(raw: bytes, field: bytes) -> None:
    for data in (raw, smtp_data.unstuff(raw)):
        out = add_field(canonicalize(data), field)
        assert out == field + b"\r\n" + canonicalize(data)
        assert_claims(out)
        assert smtp_data.dot_stuff(line_endings(out)) == aiosmtplib_payload(out)


def test_the_types_are_given_where_the_knowledge_is():
    assert type(smtp_data.unstuff(b"a\r\nb\r\n")) is DotFree
    assert type(smtp_data.unstuff(b"a\r\n..b\r\n")) is bytes
    assert type(canonicalize(smtp_data.unstuff(b"A: b\r\n\r\nc\r\n"))) is DotFreeCanonical
    assert type(canonicalize(smtp_data.unstuff(b"A: b\n\n.c\n"))) is Canonical  # a new line starts with "."
    assert type(canonicalize(b"A: b\r\n\r\nc\r\n")) is Canonical
    assert type(add_header(canonicalize(b"A: b\r\n\r\nc\r\n"), "X", "y")) is Canonical
    assert type(add_header(b"A: b\r\n\r\nc\r\n", "X", "y")) is bytes
    assert type(add_header(canonicalize(b"A: b\r\n\r\nc\r\n"), "X", "y\nZ: z")) is bytes
    # Over TYPED_MAX: plain bytes all the way (no copy to retype), the same bytes.
    big = b"A: b\r\n\r\n" + (b"y" * 78 + b"\r\n") * (smtp_data.TYPED_MAX // 80 + 1)
    assert type(smtp_data.unstuff(big)) is bytes
    assert type(canonicalize(smtp_data.unstuff(big))) is bytes and canonicalize(big) == slow_canonicalize(big)
    assert crlf_only(big) and not crlf_only(big + b"\n")
    assert smtp_data.dot_stuff(line_endings(big)) == aiosmtplib_payload(big)


# -- on the wire: a loopback SMTP server keeps each payload as it came -----------


class PayloadRecorder:
    """A loopback SMTP server that keeps every DATA payload byte for byte (dot line included)."""

    def __init__(self, pipelining: bool = True) -> None:
        self.pipelining = pipelining
        self.payloads: list[bytes] = []
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.sessions: set[asyncio.Task] = set()

    def __enter__(self) -> PayloadRecorder:
        self.thread.start()
        start = asyncio.start_server(self._session, "127.0.0.1", self.port, limit=1 << 26)
        self.server = asyncio.run_coroutine_threadsafe(start, self.loop).result(10)
        return self

    def __exit__(self, *exc) -> None:
        async def close() -> None:
            self.server.close()
            for task in self.sessions:
                task.cancel()
            await asyncio.gather(*self.sessions, return_exceptions=True)
            await self.server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        task.add_done_callback(self.sessions.discard)
        writer.write(b"220 recorder ESMTP\r\n")
        try:
            while True:
                verb = (await reader.readuntil(b"\r\n"))[:4].upper()
                if verb == b"EHLO":
                    extra = b"250-PIPELINING\r\n" if self.pipelining else b""
                    writer.write(b"250-recorder\r\n" + extra + b"250-8BITMIME\r\n250 SIZE 0\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 go ahead\r\n")
                    self.payloads.append(await reader.readuntil(b"\r\n.\r\n"))
                    writer.write(b"250 2.0.0 kept\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:
                    writer.write(b"250 ok\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()
        await writer.wait_closed()


def outgoing_variants(raw: bytes) -> list[tuple[str, bytes]]:
    """The bytes the relay is handed for raw: as they are, and as the gateway's actions make them."""
    content = received(aiosmtplib_payload(raw))  # an MTA's DATA, read as the gateway reads it
    canon = canonicalize(content)
    as_data = canonicalize(smtp_data.unstuff(raw))  # raw itself as the bytes after DATA (bare LFs kept)
    return [
        ("plain", raw),
        ("deliver", add_header(canon, "X-DLPGate-Action", "deliver")),
        ("deliver, bare line ends received", add_header(as_data, "X-DLPGate-Action", "deliver")),
        ("bcc rewrite", rewrite_bcc(canon)),
    ]


def relay_all(sends: list[bytes], pipelining: bool) -> list[bytes]:
    with PayloadRecorder(pipelining) as rec:
        relay = SmtpRelay("127.0.0.1", rec.port, timeout=10.0, tls="none", reuse_seconds=60.0)

        async def run() -> None:
            for body in sends:
                res = await relay.send("a@example-trust.nhs.uk", ("b@partner.example.org",), body)
                assert res.status == OK, res
            await relay.aclose()

        asyncio.run(run())
        return rec.payloads


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one command at a time"])
def test_edge_cases_on_the_wire_are_aiosmtplibs_payload(pipelining: bool) -> None:
    sends = [body for raw in EDGE.values() for _, body in outgoing_variants(raw)]
    assert any(isinstance(b, DotFreeCanonical) for b in sends) and any(type(b) is Canonical for b in sends)
    payloads = relay_all(sends, pipelining)
    assert len(payloads) == len(sends)
    for body, payload in zip(sends, payloads, strict=True):
        assert payload == aiosmtplib_payload(body), body[:80]


def test_every_eml_on_the_wire_is_aiosmtplibs_payload() -> None:
    sends = [(f"{p.relative_to(TESTS)} {kind}", body) for p in EML for kind, body in outgoing_variants(p.read_bytes())]
    kinds = {type(b) for _, b in sends}
    assert {bytes, Canonical, DotFreeCanonical} <= kinds
    payloads = relay_all([b for _, b in sends], pipelining=True)
    assert len(payloads) == len(sends)
    wrong = [name for (name, body), payload in zip(sends, payloads, strict=True) if payload != aiosmtplib_payload(body)]
    assert wrong == []


# -- through the gateway --------------------------------------------------------


@pytest.fixture
def recorder():
    with PayloadRecorder() as rec:
        yield rec


def test_gateway_relays_aiosmtplibs_payload(recorder: PayloadRecorder, make_gateway) -> None:
    """Edge cases over SMTP into a real gateway: the downstream gets aiosmtplib's payload of what the gateway relays."""
    gw = make_gateway(smtp={"relay": f"127.0.0.1:{recorder.port}"})
    expected = []
    for raw in EDGE.values():
        wire = aiosmtplib_payload(raw)
        with socket.create_connection(("127.0.0.1", gw.port), timeout=30) as sock, sock.makefile("rb") as replies:
            assert replies.readline()[:3] == b"220"
            sock.sendall(b"EHLO up.test\r\n")
            while replies.readline()[:4] != b"250 ":
                pass
            sock.sendall(f"MAIL FROM:<a@{INTERNAL}>\r\nRCPT TO:<b@{INTERNAL}>\r\nDATA\r\n".encode())
            assert [replies.readline()[:3] for _ in range(3)] == [b"250", b"250", b"354"]
            sock.sendall(wire)
            assert replies.readline()[:3] == b"250", raw
            sock.sendall(b"QUIT\r\n")
            assert replies.readline()[:3] == b"221"
        marked = b"X-DLPGate-Action: deliver\r\n" + slow_canonicalize(slow_unstuff(wire[:-3]))
        expected.append(aiosmtplib_payload(marked))
    assert recorder.payloads == expected
