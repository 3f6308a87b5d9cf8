"""Legacy Word .doc (and .dot) through Debian's antiword.

No maintained Python library reads the Word 97-2003 binary format; antiword
(``apt install antiword``) does, run by the tools inspection is given
(``ctx.tools.word_doc_text``, see dlpgate.mime.tools).  Without it a .doc is a
severe ``unsupported`` problem: it is not passed unread.
Password-protected files are ``encrypted`` (msoffcrypto-tool tells).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import OLE_MAGIC, mislabelled_text, office_encrypted, read_as_text
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
        yield Problem("encrypted", where, "password-protected Word document")
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
    if result.outcome is Outcome.MISSING:
        yield Problem("unsupported", where, f"legacy Word .doc: {result.detail}")
        return
    if result.outcome is Outcome.TIMED_OUT:
        ctx.check_deadline()
        yield Problem("timeout", where, result.detail)
        return
    if result.outcome is not Outcome.READ:
        yield Problem("corrupt", where, result.detail)
        return
    yield Segment(result.text, where)
    from dlpgate.mime.formats._opc import ole_embeddings

    yield from ole_embeddings(data, where, ctx)
