"""Legacy PowerPoint (.ppt, .pps, .pot): the text of every slide, note and master, and
the files embedded in it.

A .ppt is an OLE compound file whose "PowerPoint Document" stream is a tree of
records ([MS-PPT] 2.3.1): an 8-byte header (version and instance, type, length),
a container (version 0xF) holding more records, any other record an atom.
Text is in three atoms, read wherever they stand, in the stream's order (the
slides' text first, in slide order, then notes and masters as PowerPoint
stores them): TextCharsAtom (UTF-16), TextBytesAtom (one byte a character,
the low byte of its code point) and CString (UTF-16: comments, hyperlinks,
headers and footers, names). An embedded object (ExOleObjStg: an OLE storage,
zlib-compressed when its instance is 1) is read as a file in turn, as an
embedded object in a legacy Word or Excel file is; PowerPoint keeps its VBA
project in one too, which the OLE reader reads as macros. Pictures are not read
(photos in mail are noted, never read).

There is no maintained Python reader of the binary format; the record walk is
the format's own documented structure, and every record is bounded by its
container, so damage ends the walk with a "corrupt" problem and what was read
is still scanned.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import TooLarge, inflate, legacy_office_front
from dlpgate.mime.formats._opc import ole_properties
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

STREAM = "PowerPoint Document"
_TEXT_CHARS, _TEXT_BYTES, _CSTRING = 0x0FA0, 0x0FA8, 0x0FBA
_OLE_STORAGE = 0x1011  # ExOleObjStg
_HEADER = struct.Struct("<HHI")
_MAX_DEPTH = 32


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from dlpgate.mime.formats import pptx

    front = legacy_office_front(data, name, where, ctx, "PowerPoint presentation", pptx.extract)
    if front is not None:
        yield from front
        return
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists(STREAM):
            yield Problem("unsupported", where, "OLE compound file without a PowerPoint Document stream")
            return
        size = ole.get_size(STREAM)
        budget = ctx.limits.max_expanded_bytes
        if size > budget:
            yield Problem("too_large", where, f"presentation stream over {budget} bytes; not scanned")
            return
        stream = ole.openstream(STREAM).read()
        properties = list(ole_properties(ole, where))
    texts: list[str] = []
    objects: list[bytes] = []
    damaged = _walk(stream, 0, len(stream), 0, texts, objects, ctx)
    text = "\n".join(t for t in texts if t.strip())
    if text:
        yield Segment(text, where)
    yield from properties
    if damaged:
        yield Problem("corrupt", where, f"damaged record in the presentation ({damaged}); what could be read was scanned")
    for i, raw in enumerate(objects, 1):
        ctx.check_deadline()
        yield from ctx.recurse(raw, "", f"{where} > embedded object {i}")


def _walk(
    stream: bytes, pos: int, end: int, depth: int, texts: list[str], objects: list[bytes], ctx: ExtractContext
) -> str:
    """Read the records in stream[pos:end]; "" when they are whole, else what is wrong."""
    if depth > _MAX_DEPTH:
        return "nested too deep"
    while pos + _HEADER.size <= end:
        ver_instance, kind, length = _HEADER.unpack_from(stream, pos)
        body = pos + _HEADER.size
        if body + length > end:
            return "a record runs past its container"
        if ver_instance & 0x000F == 0x000F:
            damaged = _walk(stream, body, body + length, depth + 1, texts, objects, ctx)
            if damaged:
                return damaged
        elif kind in (_TEXT_CHARS, _CSTRING):
            texts.append(stream[body : body + length].decode("utf-16-le", "replace").replace("\r", "\n"))
        elif kind == _TEXT_BYTES:
            texts.append(stream[body : body + length].decode("latin-1").replace("\r", "\n"))
        elif kind == _OLE_STORAGE:
            raw = stream[body : body + length]
            if ver_instance >> 4 == 1 and len(raw) >= 4:  # compressed: its size, then zlib
                try:
                    raw = inflate(raw[4:], ctx.limits.max_expanded_bytes)
                except (zlib.error, TooLarge) as exc:
                    return f"embedded object: {exc}"
            objects.append(raw)
        pos = body + length
        ctx.check_deadline()
    return ""
