"""Images (png, jpeg, tiff, gif, bmp, webp): OCR through Debian's tesseract.

Only when ``inspection.ocr = true``.  With OCR off, or tesseract missing, an
image is recorded as a non-severe ``unsupported`` problem: photos are everyday
mail and are not held for being unread (a scanned PDF page is; see pdf.py).
tesseract runs as a subprocess, fed on stdin, with the message's remaining
inspection time as its time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from dlpgate.mime.text import clean_label, looks_like_text
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

OCR_TIMEOUT = 60.0  # seconds, when the message has no deadline
MAX_IMAGE_BYTES = 30 * 1024 * 1024


@lru_cache(maxsize=1)
def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def tesseract_available() -> bool:
    return tesseract_path() is not None


def ocr(data: bytes, ctx: ExtractContext) -> tuple[str, str]:
    """(text, "") or ("", reason) - the reason says why OCR gave nothing."""
    exe = tesseract_path()
    if exe is None:
        return "", "tesseract not installed"
    if len(data) > MAX_IMAGE_BYTES:
        return "", "image too large for OCR"
    timeout = OCR_TIMEOUT
    if ctx.deadline is not None:
        timeout = max(0.1, min(timeout, ctx.deadline - time.monotonic()))
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", "eng", "--psm", "3"],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired:
        ctx.check_deadline()
        return "", "OCR timed out"
    except OSError as exc:
        return "", f"tesseract could not run ({exc.__class__.__name__})"
    if done.returncode != 0:
        return "", "tesseract could not read the image"
    return done.stdout.decode("utf-8", "replace"), ""


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not data.startswith(_IMAGE_MAGIC) and looks_like_text(data):
        # Mislabelled text ("image/png" named list.csv): read it as what its name says.
        from dlpgate.mime.formats import BY_CONTENT_TYPE, by_extension

        reader = by_extension(name)
        if reader is None or reader is extract:
            reader = BY_CONTENT_TYPE["text/plain"]
        yield from reader(data, name, where, ctx)
        return
    if not getattr(ctx.limits, "ocr", False):
        # The detail stays the bare content type, as for any format without a reader.
        yield Problem("unsupported", where, clean_label(ctx.content_type), severe=False)
        return
    text, problem = ocr(data, ctx)
    if problem:
        yield Problem("unsupported", where, f"image; {problem}", severe=False)
        return
    if text.strip():
        yield Segment(text, f"{where} (OCR)")
