"""An OLE compound file whose name does not say what it is: told by its streams
(Word, Excel, Outlook item, or an encrypted Office file)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    import olefile

    from dlpgate.mime.formats import doc, msg, xls

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        streams = {"/".join(s) for s in ole.listdir()}
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        yield Problem("encrypted", where, "password-protected Office document")
    elif "WordDocument" in streams:
        yield from doc.extract(data, name, where, ctx)
    elif "Workbook" in streams or "Book" in streams:
        yield from xls.extract(data, name, where, ctx)
    elif any(s.startswith("__substg1.0_") for s in streams):
        yield from msg.extract(data, name, where, ctx)
    else:
        yield Problem("unsupported", where, "OLE compound file of an unknown kind")
