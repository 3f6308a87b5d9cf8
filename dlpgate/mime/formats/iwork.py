"""Apple iWork archives (.iwa): the text of a Pages, Numbers or Keynote document.

Since iWork 2013 a document's content is a set of ``Index/*.iwa`` files (in the document's
zip, or in an ``Index.zip`` inside it): each is a run of chunks, a zero byte and a 24-bit
length, holding Snappy-compressed data (no framing, no checksums); the data is a series of
protocol-buffer messages, each announced by a length-prefixed ``ArchiveInfo`` that gives the
length of the messages that follow. The text a person typed (paragraphs, table cells,
comments, names) is in the messages' string fields.

Without Apple's schemas every length-delimited field is taken as what its bytes are: text
when it is text, a nested message when it parses as one. Bytes that do not decompress are
``corrupt`` (unread); a stream whose messages stop parsing has the rest read for its strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import expansion_budget
from dlpgate.mime.formats._opc import _strings
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_MAX_NESTING = 24  # messages inside messages: deeper than any iWork schema goes
_LAYOUT = frozenset("\t\n\r\u2028\u2029\ufffc")  # line, paragraph and attachment marks in iWork text


class _Malformed(ValueError):
    pass


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    cap = expansion_budget(ctx.limits, len(data))
    try:
        stream = _chunks(data, cap, ctx)
    except _Malformed as exc:
        yield Problem("corrupt", where, f"not a readable iWork archive ({exc})")
        return
    texts: list[str] = []
    _messages(stream, texts)
    text = "\n".join(t for t in texts if t.strip())
    if text:
        yield Segment(text, where)


def _chunks(data: bytes, cap: int, ctx: ExtractContext) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(data):
        if data[pos] != 0 or pos + 4 > len(data):
            raise _Malformed("chunk header")
        size = int.from_bytes(data[pos + 1 : pos + 4], "little")
        chunk = data[pos + 4 : pos + 4 + size]
        if len(chunk) != size:
            raise _Malformed("chunk runs past the end")
        out += snappy(chunk, cap - len(out), ctx)
        pos += 4 + size
    return bytes(out)


def snappy(data: bytes, cap: int, ctx: ExtractContext | None = None) -> bytes:
    """Decompress one raw Snappy block (no framing) of at most ``cap`` bytes (cramjam's
    decoder), its length checked against ``cap`` from its preamble before it is unpacked."""
    import cramjam

    size, _ = _varint(data, 0)
    if size > cap:
        raise _Malformed(f"expands to {size} bytes, over the limit")
    if ctx is not None:
        ctx.check_deadline()
    try:
        out = bytes(cramjam.snappy.decompress_raw(data))
    except cramjam.DecompressionError as exc:
        raise _Malformed(f"bad Snappy data ({str(exc)[:60]})") from None
    if len(out) != size:
        raise _Malformed("not the length it says")
    return out


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise _Malformed("varint")
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7


def _fields(buf: bytes) -> list[tuple[int, int, int | bytes]] | None:
    """(field number, wire type, value) of a protocol-buffer message, or None when ``buf``
    is not exactly one."""
    out: list[tuple[int, int, int | bytes]] = []
    pos = 0
    try:
        while pos < len(buf):
            key, pos = _varint(buf, pos)
            field, wire = key >> 3, key & 7
            if field == 0:
                return None
            value: int | bytes
            if wire == 0:
                value, pos = _varint(buf, pos)
            elif wire == 1:
                value, pos = 0, pos + 8
            elif wire == 5:
                value, pos = 0, pos + 4
            elif wire == 2:
                length, pos = _varint(buf, pos)
                value = buf[pos : pos + length]
                pos += length
            else:
                return None
            if pos > len(buf):
                return None
            out.append((field, wire, value))
    except _Malformed:
        return None
    return out


def _text(value: bytes) -> str | None:
    """``value`` as text, when it is text (UTF-8, printable but for iWork's layout marks)."""
    try:
        s = value.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return s if all(c.isprintable() or c in _LAYOUT for c in s) else None


def _walk(buf: bytes, texts: list[str], depth: int) -> bool:
    fields = _fields(buf)
    if fields is None:
        return False
    for _field, wire, value in fields:
        if wire != 2 or not isinstance(value, bytes) or not value:
            continue
        s = _text(value)
        if s is not None:
            texts.append(s)
        elif depth >= _MAX_NESTING or not _walk(value, texts, depth + 1):
            texts.extend(_strings(value))  # neither text nor a message: its strings
    return True


def _messages(stream: bytes, texts: list[str]) -> None:
    """Each ArchiveInfo and the messages it announces; the rest of a stream that stops
    parsing is read for its strings."""
    pos = 0
    while pos < len(stream):
        start = pos
        try:
            size, pos = _varint(stream, pos)
            info = _fields(stream[pos : pos + size])
            if info is None or pos + size > len(stream):
                raise _Malformed("archive info")
            pos += size
            for field, wire, value in info:
                if field != 2 or wire != 2 or not isinstance(value, bytes):
                    continue
                for f, w, v in _fields(value) or ():
                    if f == 3 and w == 0 and isinstance(v, int):  # MessageInfo.length
                        message = stream[pos : pos + v]
                        if len(message) != v:
                            raise _Malformed("message runs past the end")
                        if not _walk(message, texts, 0):
                            texts.extend(_strings(message))
                        pos += v
        except _Malformed:
            texts.extend(_strings(stream[start:]))
            return
