"""Legacy Word .doc (and .dot) through Debian's antiword, and the document's piece table.

No maintained Python library reads the Word 97-2003 binary format; antiword
(``apt install antiword``) does, run by the tools inspection is given
(``ctx.tools.word_doc_text``, see dlpgate.mime.tools), but it prints the body
alone. The rest (headers and footers, notes, comments, text boxes) is read from
the document's own piece table, which also stands in for antiword when it refuses
a file or is missing. A file neither reads is a severe problem: not passed unread.
Password-protected files are ``encrypted`` (msoffcrypto-tool tells), but for those
encrypted with Excel's built-in password, which open without asking: they are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import (
    OLE_MAGIC,
    mislabelled_text,
    office_encrypted,
    protected_office_items,
    read_as_text,
)
from dlpgate.mime.text import WORD_CONTROLS
from dlpgate.mime.tools import Outcome
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

TIMEOUT = 30.0


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if mislabelled_text(data, (OLE_MAGIC, b"PK\x03\x04", b"{\\rtf")):
        yield from read_as_text(data, name, where, ctx)
        return
    if office_encrypted(data):
        yield from protected_office_items(data, where, ctx, "Word document")
        return
    if data.startswith(b"PK\x03\x04"):  # a .docx named .doc
        from dlpgate.mime.formats import docx

        yield from docx.extract(data, name, where, ctx)
        return
    if data.lstrip()[:5] == b"{\\rtf":  # Word saves RTF as .doc too
        from dlpgate.mime.formats import rtf

        yield from rtf.extract(data, name, where, ctx)
        return
    if not data.startswith(OLE_MAGIC):
        yield Problem("corrupt", where, "not a Word document")
        return
    # A compound file is whole 512-byte sectors, but writers may leave the last one short
    # (readers, Word and olefile among them, take it); antiword refuses it until padded.
    short = len(data) % 512
    padded = data + b"\x00" * (512 - short) if short else data
    result = ctx.tools.word_doc_text(padded, ctx.time_left(TIMEOUT))
    pieces = _pieces(data)
    if result.outcome is Outcome.TIMED_OUT:
        ctx.check_deadline()
        yield Problem("timeout", where, result.detail)
        return
    if result.outcome is Outcome.READ:
        yield Segment(result.text, where)
    elif pieces is not None:
        # antiword refuses some files Word opens (a short document kept in the mini
        # stream): the document's own piece table gives the same text.
        yield Segment(pieces[0], where)
    elif result.outcome is Outcome.MISSING:
        yield Problem("unsupported", where, f"legacy Word .doc: {result.detail}")
        return
    else:
        yield Problem("corrupt", where, result.detail)
        return
    if pieces is not None and pieces[1].strip():
        yield Segment(pieces[1], f"{where}, headers, notes and text boxes")
    from dlpgate.mime.formats._opc import ole_embeddings

    yield from ole_embeddings(data, where, ctx)


# --- the document's own text, from its piece table ([MS-DOC] 2.4.1) ---------------------------

_MAX_TEXT = 64 * 1024 * 1024  # characters: a Word file's text is far less


def _pieces(data: bytes) -> tuple[str, str] | None:
    """(main text, the rest: footnotes, headers and footers, comments, endnotes, text boxes)
    read from the document's piece table, or None when the file is no Word 97-2003 document
    that parses (Word 6 and 95 files have no piece table of this form)."""
    import io
    import struct

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.openstream("WordDocument").read()
            if len(word) < 0x200 or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
                return None
            flags = struct.unpack_from("<H", word, 0x0A)[0]
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                return None
            table = ole.openstream(table_name).read()
        csw = struct.unpack_from("<H", word, 32)[0]
        at = 34 + csw * 2
        cslw = struct.unpack_from("<H", word, at)[0]
        lw = struct.unpack_from(f"<{cslw}i", word, at + 2)
        main, rest = lw[3], sum(max(0, n) for n in lw[4:11])  # ccpText; ccpFtn ... ccpHdrTxbx
        at += 2 + cslw * 4
        fc_clx, lcb_clx = struct.unpack_from("<II", word, at + 2 + 33 * 8)
        clx = table[fc_clx:fc_clx + lcb_clx]
        i = 0
        while i < len(clx) and clx[i] == 0x01:  # property modifiers before the piece table
            i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
        if i >= len(clx) or clx[i] != 0x02:
            return None
        size = struct.unpack_from("<I", clx, i + 1)[0]
        plc = clx[i + 5:i + 5 + size]
        n = (len(plc) - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        out: list[str] = []
        total = 0
        for k in range(n):
            count = cps[k + 1] - cps[k]
            if count <= 0:
                continue
            total += count
            if total > _MAX_TEXT:
                return None
            fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
            if fc & 0x40000000:  # 8-bit characters (Windows-1252) at half the offset
                start = (fc & 0x3FFFFFFF) // 2
                out.append(word[start:start + count].decode("cp1252", "replace"))
            else:
                out.append(word[fc:fc + 2 * count].decode("utf-16-le", "replace"))
    except Exception:  # not a document this reads: antiword's verdict stands
        return None
    text = "".join(out)
    return text[:main].translate(WORD_CONTROLS), text[main:main + rest].translate(WORD_CONTROLS)
