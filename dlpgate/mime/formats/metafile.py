"""Windows drawings (EMF, EMF+ and WMF): the text they draw, record by record.

Office pastes a table "as picture" as an EMF, label printers and Outlook's RTF bodies write
them, and the text stays in their records as characters: EMF's ExtTextOutW/A and
SmallTextOut records, EMF+'s DrawString (inside EMF comment records), WMF's TextOut and
ExtTextOut. The lines come out in the order they are drawn; a drawing with no text is
noted as a picture, as a photo is.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_MAX_RECORDS = 200_000
_EMR_EOF = 14
_EMR_GDICOMMENT = 70
_EMR_EXTTEXTOUTA = 83
_EMR_EXTTEXTOUTW = 84
_EMR_SMALLTEXTOUT = 108
_EMFPLUS_DRAWSTRING = 0x401C
_WMF_PLACEABLE = b"\xd7\xcd\xc6\x9a"
_META_TEXTOUT = 0x0521
_META_EXTTEXTOUT = 0x0A32


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if data[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        lines = _emf_text(data, ctx)
    elif data[:4] == _WMF_PLACEABLE or data[:6] in (b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03"):
        lines = _wmf_text(data, ctx)
    else:
        yield Problem("corrupt", where, "not an EMF or WMF drawing")
        return
    text = "\n".join(line for line in lines if line.strip())
    if text:
        yield Segment(text, where)
    else:
        yield Problem("unsupported", where, "a drawing with no text", severe=False)


def _emf_text(data: bytes, ctx: ExtractContext) -> list[str]:
    lines: list[str] = []
    pos = 0
    for n in range(_MAX_RECORDS):
        if pos + 8 > len(data):
            break
        if not n % 4096:
            ctx.check_deadline()
        kind, size = struct.unpack_from("<II", data, pos)
        if size < 8 or pos + size > len(data):
            break
        record = data[pos:pos + size]
        if kind in (_EMR_EXTTEXTOUTW, _EMR_EXTTEXTOUTA) and size >= 76:
            # bounds (16), graphics mode, x and y scale (12), then EMRTEXT: reference point (8),
            # chars, string offset (from the record's start), options, rectangle, dx offset
            chars, offset = struct.unpack_from("<II", record, 44)
            lines.append(_chars(record, offset, chars, kind == _EMR_EXTTEXTOUTW))
        elif kind == _EMR_SMALLTEXTOUT and size >= 36:
            chars, options = struct.unpack_from("<II", record, 16)
            start = 36 if options & 0x100 else 52  # ETO_NO_RECT: no clipping rectangle
            lines.append(_chars(record, start, chars, not options & 0x200))  # ETO_SMALL_CHARS: one byte each
        elif kind == _EMR_GDICOMMENT and record[12:16] == b"EMF+":
            lines.extend(_emf_plus_text(record[16:]))
        elif kind == _EMR_EOF:
            break
        pos += size
    return lines


def _emf_plus_text(records: bytes) -> list[str]:
    """DrawString records of the EMF+ records one comment carries."""
    out: list[str] = []
    pos = 0
    while pos + 12 <= len(records):
        kind, _flags, size, data_size = struct.unpack_from("<HHII", records, pos)
        if size < 12 or pos + size > len(records):
            break
        if kind == _EMFPLUS_DRAWSTRING and data_size >= 28:
            (length,) = struct.unpack_from("<I", records, pos + 20)
            out.append(_chars(records, pos + 12 + 28, length, True))
        pos += size
    return out


def _wmf_text(data: bytes, ctx: ExtractContext) -> list[str]:
    lines: list[str] = []
    pos = 22 if data[:4] == _WMF_PLACEABLE else 0
    if pos + 18 > len(data):
        return lines
    header_words = struct.unpack_from("<H", data, pos + 2)[0]
    pos += header_words * 2
    for n in range(_MAX_RECORDS):
        if pos + 6 > len(data):
            break
        if not n % 4096:
            ctx.check_deadline()
        words, function = struct.unpack_from("<IH", data, pos)
        if words < 3 or pos + words * 2 > len(data):
            break
        params = pos + 6
        if function == _META_TEXTOUT:
            (length,) = struct.unpack_from("<H", data, params)
            lines.append(_chars(data, params + 2, length, False))
        elif function == _META_EXTTEXTOUT and words >= 7:
            length, options = struct.unpack_from("<HH", data, params + 4)
            start = params + 8 + (8 if options & 0x0006 else 0)  # ETO_OPAQUE, ETO_CLIPPED: a rectangle first
            lines.append(_chars(data, start, length, False))
        elif function == 0:  # META_EOF
            break
        pos += words * 2
    return lines


def _chars(buf: bytes, offset: int, count: int, wide: bool) -> str:
    if offset < 0 or count <= 0 or offset >= len(buf):
        return ""
    raw = buf[offset:offset + count * (2 if wide else 1)]
    return raw.decode("utf-16-le", "replace") if wide else raw.decode("cp1252", "replace")
