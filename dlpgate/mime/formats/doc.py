"""Legacy Word .doc (and .dot) through Debian's antiword.

No maintained Python library reads the Word 97-2003 binary format; antiword
(``apt install antiword``) does, as a subprocess fed a temporary file.  Without
it a .doc is a severe ``unsupported`` problem: it is not passed unread.
Password-protected files are ``encrypted`` (msoffcrypto-tool tells).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import OLE_MAGIC, mislabelled_text, office_encrypted, read_as_text
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
    exe = shutil.which("antiword")
    if exe is None:
        yield Problem("unsupported", where, "legacy Word .doc: antiword is not installed")
        return
    timeout = TIMEOUT
    if ctx.deadline is not None:
        timeout = max(0.1, min(timeout, ctx.deadline - time.monotonic()))
    fd, path = tempfile.mkstemp(suffix=".doc", prefix="dlpgate-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            done = subprocess.run(
                [exe, "-w", "0", "-m", "UTF-8.txt", path],
                capture_output=True,
                timeout=timeout,
                check=False,
                env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
            )
        except subprocess.TimeoutExpired:
            ctx.check_deadline()
            yield Problem("timeout", where, "antiword took too long")
            return
    finally:
        os.unlink(path)
    if done.returncode != 0:
        yield Problem("corrupt", where, "antiword could not read the document")
        return
    yield Segment(done.stdout.decode("utf-8", "replace"), where)
    from dlpgate.mime.formats._opc import ole_embeddings

    yield from ole_embeddings(data, where, ctx)
