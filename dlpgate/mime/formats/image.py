"""Images (png, jpeg, tiff, gif, bmp, webp): OCR through Debian's tesseract.

Only when ``inspection.ocr = true``.  With OCR off, or tesseract missing, an
image is recorded as a non-severe ``unsupported`` problem: photos are everyday
mail and are not held for being unread (a scanned PDF page is; see pdf.py).
tesseract runs as a subprocess, fed on stdin, with the message's remaining
inspection time as its time limit.
"""

from __future__ import annotations

import io
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


# EXIF/TIFF tags that hold text a person typed: document name, description,
# artist, copyright, user comment, and Windows' title/comment/author/keywords/subject.
_TEXT_TAGS = (0x010D, 0x010E, 0x013B, 0x8298, 0x9286, 0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F)
_MAX_METADATA = 1_000_000


def metadata(data: bytes, where: str) -> Iterator[Segment | Problem]:
    """Text people (and their software) write into a picture: PNG text chunks,
    JPEG/GIF comments, EXIF descriptions and comments, XMP."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            texts = []
            for key, value in (img.info or {}).items():
                if key in ("icc_profile", "exif", "dpi", "gamma", "transparency", "duration", "loop"):
                    continue
                if isinstance(value, bytes):
                    value = value.decode("utf-8", "replace")
                if isinstance(value, str) and value.strip():
                    texts.append(value if key in ("comment", "xmp", "XML:com.adobe.xmp") else f"{key}: {value}")
            exif = img.getexif()
            ifds = [exif]
            try:
                ifds.append(exif.get_ifd(0x8769))  # the Exif sub-IFD (UserComment lives there)
            except Exception:  # noqa: BLE001
                pass
            for ifd in ifds:
                for tag in _TEXT_TAGS:
                    value = ifd.get(tag)
                    if isinstance(value, bytes):
                        # XP* tags are UTF-16LE; UserComment starts with an 8-byte charset code.
                        value = (
                            value.decode("utf-16-le", "replace")
                            if tag >= 0x9C9B
                            else value[8:].decode("utf-16-le" if value.startswith(b"UNICODE") else "latin-1", "replace")
                            if tag == 0x9286
                            else value.decode("utf-8", "replace")
                        )
                    if isinstance(value, str) and value.strip("\x00 "):
                        texts.append(value.strip("\x00"))
    except Exception:  # noqa: BLE001 - metadata is a bonus; the picture itself is judged below
        return
    text = "\n".join(texts)[:_MAX_METADATA]
    if text.strip():
        yield Segment(text, f"{where}, image metadata")


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
    yield from metadata(data, where)
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
