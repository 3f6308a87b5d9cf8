"""An OLE compound file whose name does not say what it is: told by its streams
(Word, Excel, PowerPoint, Outlook item, a VBA project, a pool of compressed objects,
an encrypted Office file, or an embedded OLE object
that wraps a file: an "Ole10Native" package, a "CONTENTS" or "Package" stream)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    import olefile

    from dlpgate.mime.formats import doc, msg, ppt, xls

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        streams = {"/".join(s) for s in ole.listdir()}
        embedded = None
        for stream in ("\x01Ole10Native", "Package", "CONTENTS"):
            if stream in streams:
                embedded = (stream, ole.openstream(stream).read())
                break
        pool = _compressed_pool(ole, streams, ctx.limits.max_expanded_bytes) if embedded is None else []
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        from dlpgate.mime.formats._guard import protected_office_items

        yield from protected_office_items(data, where, ctx, "Office document")
    elif "WordDocument" in streams:
        yield from doc.extract(data, name, where, ctx)
    elif "Workbook" in streams or "Book" in streams:
        yield from xls.extract(data, name, where, ctx)
    elif ppt.STREAM in streams:
        yield from ppt.extract(data, name, where, ctx)
    elif any(s.startswith("__substg1.0_") for s in streams):
        yield from msg.extract(data, name, where, ctx)
    elif "VBA/dir" in streams:  # a VBA project on its own (how PowerPoint stores its macros)
        from dlpgate.mime.formats._opc import read_macros

        yield from read_macros(data, f"{where}, macros")
    elif embedded is not None:
        stream, content = embedded
        inner_name, inner = _ole10_native(content) if stream == "\x01Ole10Native" else ("", content)
        yield from ctx.recurse(inner, inner_name, f"{where} > embedded file")
    elif pool:
        for i, inner in enumerate(pool, 1):
            ctx.check_deadline()
            yield from ctx.recurse(inner, "", f"{where} > embedded object {i}")
    else:
        yield Problem("unsupported", where, "OLE compound file of an unknown kind")


def _compressed_pool(ole, streams: set[str], cap: int) -> list[bytes]:
    """The objects of a pool whose every stream is one compressed object (Word 2003 XML's
    "oledata.mso": each stream its object's size, then the object deflated); [] when a
    stream is anything else."""
    import struct
    import zlib

    from dlpgate.mime.formats._guard import TooLarge, inflate

    out = []
    for name in sorted(streams):
        raw = ole.openstream(name).read()
        if len(raw) < 6 or raw[4] != 0x78:
            return []
        size = struct.unpack_from("<I", raw, 0)[0]
        if size > cap:
            return []
        try:
            inner = inflate(raw[4:], size)
        except (zlib.error, TooLarge):
            return []
        if len(inner) != size:
            return []
        out.append(inner)
    return out


def _ole10_native(stream: bytes) -> tuple[str, bytes]:
    """(file name, bytes) of an OLE "Package" object's native data (as oletools reads it)."""
    import struct

    size = struct.unpack_from("<I", stream, 0)[0] if len(stream) >= 4 else 0
    body = stream[4 : 4 + size] if 0 < size <= len(stream) - 4 else stream[4:]
    try:
        pos = 2
        label_end = body.index(b"\x00", pos)
        label = body[pos:label_end].decode("latin-1")
        pos = body.index(b"\x00", label_end + 1) + 1  # source path
        pos += 4  # unknown
        pos = body.index(b"\x00", pos + 4) + 1  # temp path
        actual = struct.unpack_from("<I", body, pos)[0]
        pos += 4
        if actual <= len(body) - pos:
            return label, body[pos : pos + actual]
    except (ValueError, struct.error):
        pass
    return "", body
