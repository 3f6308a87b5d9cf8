"""PDF: the text layer of every page, form fields and annotations (pypdf).

* encrypted with a user password -> ``Problem("encrypted")``; a PDF that only
  has an owner password (opens without one) is read;
* a page with images but no text layer (a scan) is read by OCR when
  ``inspection.ocr`` is on, and is otherwise a severe ``unsupported`` problem:
  a scanned referral letter must not pass unread;
* a file without its end-of-file marker is truncated: what pypdf can still
  read is scanned, and the file is recorded as ``corrupt``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import mislabelled_text, read_as_text
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# pypdf logs every repair it makes to a damaged file; the problem is recorded here instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for obj in xobjects.values():
            obj = obj.get_object()
            if obj.get("/Subtype") in ("/Image", "/Form"):
                return True
    except Exception:  # noqa: BLE001
        return True  # unknown: treat as possibly scanned
    return False


def _field_text(reader) -> str:
    lines = []
    try:
        fields = reader.get_fields() or {}
    except Exception:  # noqa: BLE001
        fields = {}
    for name, field in fields.items():
        value = field.get("/V") if hasattr(field, "get") else None
        if value is None:
            continue
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        value = str(value).lstrip("/")
        if value.strip():
            label = str(field.get("/TU") or name)
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


def _annotation_text(page) -> str:
    out = []
    try:
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Widget":
                continue  # form fields are read from the AcroForm
            contents = annot.get("/Contents")
            if contents:
                out.append(str(contents))
    except Exception:  # noqa: BLE001
        pass
    return "\n".join(out)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    if b"%PDF" not in data[:1024] and mislabelled_text(data, b"%PDF"):
        yield from read_as_text(data, name, where, ctx)
        return
    truncated = b"%%EOF" not in data[-2048:]
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:  # noqa: BLE001 - unsupported algorithm etc.
            ok = 0
        if not ok:
            yield Problem("encrypted", where, "password-protected PDF")
            return
    if truncated:
        yield Problem("corrupt", where, "truncated PDF (no end-of-file marker); what could be read was scanned")
    try:
        pages = reader.pages
        n = len(pages)
    except FileNotDecryptedError:
        yield Problem("encrypted", where, "password-protected PDF")
        return
    max_chars = ctx.limits.max_segment_chars
    total = 0
    for i in range(n):
        ctx.check_deadline()
        place = f"{where}, page {i + 1}"
        try:
            page = pages[i]
            text = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - one bad page never hides the others
            yield Problem("corrupt", place, f"{type(exc).__name__} reading the page")
            continue
        if text.strip():
            yield Segment(text, place)
            total += len(text)
        elif _has_images(page):
            yield from _scanned_page(page, place, ctx)
        annots = _annotation_text(page)
        if annots.strip():
            yield Segment(annots, f"{place}, comments")
        if total > max_chars:
            yield Problem("too_large", where, f"more than {max_chars} characters; the rest not scanned")
            return
    fields = _field_text(reader)
    if fields:
        yield Segment(fields, f"{where}, form fields")


def _scanned_page(page, place: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not getattr(ctx.limits, "ocr", False):
        yield Problem("unsupported", place, "page without a text layer (scanned image); OCR is off")
        return
    from dlpgate.mime.formats import image

    if not image.tesseract_available():
        yield Problem("unsupported", place, "page without a text layer (scanned image); tesseract not installed")
        return
    found = False
    try:
        images = list(page.images)
    except Exception as exc:  # noqa: BLE001
        yield Problem("unsupported", place, f"page without a text layer; images unreadable ({type(exc).__name__})")
        return
    for img in images:
        ctx.check_deadline()
        text, problem = image.ocr(img.data, ctx)
        if problem:
            yield Problem("unsupported", place, f"page without a text layer; OCR failed ({problem})")
            return
        if text.strip():
            found = True
            yield Segment(text, f"{place} (OCR)")
    if not images:
        yield Problem("unsupported", place, "page without a text layer and no image OCR can read")
    elif not found:
        pass  # OCR ran and found no text: a picture, not a letter
