"""DICOM (medical images, structured reports, ECG waveforms, encapsulated PDFs) through pydicom.

A DICOM file's data elements carry the patient: name, ID, date of birth, the
study's descriptions and a report's text. Each element whose value is text (a
person's name, a date, a code string, free text...) is read after its name in
words ("patient name: Margaret SMITH", "patient id: 4526018155", "patient birth
date: 1961-03-02"), so the labels the detectors know apply; sequences are read
item by item. A document encapsulated in the file (a PDF report) is read as a
file. The picture itself (pixel data) is not read, as no picture is without
OCR: it is noted, like a photo. A file pydicom cannot parse is corrupt.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator, MutableSequence
from typing import TYPE_CHECKING, Any

from dlpgate.mime.text import camel_words
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# Value representations that hold text: names, dates and times, strings, codes, numbers as text.
_TEXT_VRS = frozenset({"PN", "LO", "SH", "LT", "ST", "UT", "UC", "DA", "DT", "TM", "CS", "AE", "AS", "IS", "DS", "UR"})
_MAX_DEPTH = 8  # sequences inside sequences
logging.getLogger("pydicom").setLevel(logging.ERROR)  # it logs each warning as well
_MAX_ELEMENTS = 200_000
_DA = re.compile(r"((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    import pydicom
    from pydicom.errors import InvalidDicomError

    # A private element whose bytes do not fit the VR a dictionary gives it (a vendor's text
    # where pydicom expects numbers) is read as UN, its bytes, not taken for a corrupt file.
    pydicom.config.convert_wrong_length_to_UN = True
    lines: list[str] = []
    files: list[tuple[bytes, str]] = []
    # What a damaged or odd file makes pydicom warn of is no reader's business: the
    # values are read as they are (its warnings would otherwise reach the gateway's log).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ds = pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True, force=True)
            meta = getattr(ds, "file_meta", None)
            if meta is not None:
                _read(meta, lines, files, ctx, 0)
            _read(ds, lines, files, ctx, 0)
        except (InvalidDicomError, ValueError, EOFError, OSError, KeyError, TypeError, AttributeError) as exc:
            yield Problem("corrupt", where, f"{type(exc).__name__} reading DICOM")
            return
    if lines:
        yield Segment("\n".join(lines), where)
    for n, (blob, ctype) in enumerate(files, 1):
        yield from ctx.recurse(blob, "", f"{where} > encapsulated document {n}", content_type=ctype)
    if len(data) > 132 and b"\xe0\x7f\x10\x00" in data:  # (7FE0,0010) Pixel Data: the picture
        yield Problem("unsupported", where, "DICOM image: the picture itself is not read", severe=False)


def _read(ds: Any, lines: list[str], files: list[tuple[bytes, str]], ctx: ExtractContext, depth: int) -> None:
    """Each text element of ``ds`` as "name: value", sequences item by item."""
    for i, elem in enumerate(ds):
        if i % 2000 == 1999:
            ctx.check_deadline()
        if len(lines) > _MAX_ELEMENTS:
            return
        vr = elem.VR
        if vr == "SQ":
            if depth < _MAX_DEPTH:
                for item in elem.value or ():
                    _read(item, lines, files, ctx, depth + 1)
            continue
        if elem.keyword == "EncapsulatedDocument" and isinstance(elem.value, bytes):
            mime = ds.get("MIMETypeOfEncapsulatedDocument", "") or "application/octet-stream"
            files.append((elem.value, str(mime)))
            continue
        private = elem.tag.is_private
        if vr not in _TEXT_VRS:
            # A private element, or one whose VR the file does not say (UN: an implicit-VR
            # file's private tags), whose bytes are text: what a vendor or an anonymiser kept.
            value = _unknown_text(elem.value) if private or vr == "UN" else ""
        else:
            value = _text(elem.value, vr)
        if value:
            tag = f"({elem.tag.group:04X},{elem.tag.element:04X})"
            label = (
                f"private element {tag}"
                if private
                else camel_words(elem.keyword).lower()
                if elem.keyword
                else tag
            )
            lines.append(f"{label}: {value}")


_MAX_UNKNOWN = 65536  # bytes of an element of unknown VR looked at as text


def _unknown_text(value: Any) -> str:
    """The bytes of an element of unknown or binary VR, read as text when they are text:
    printable, with the backslash between values shown as ", "."""
    if not isinstance(value, (bytes, bytearray)) or not value or len(value) > _MAX_UNKNOWN:
        return ""
    raw = bytes(value).rstrip(b"\x00 ")
    if len(raw) < 2:
        return ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if printable < 0.95 * len(text) or not any(ch.isalnum() for ch in text):
        return ""
    return ", ".join(part.strip() for part in text.split("\\") if part.strip())


def _text(value: Any, vr: str) -> str:
    values = value if isinstance(value, (tuple, MutableSequence)) else [value]  # pydicom's MultiValue is one
    out = []
    for v in values:
        if v is None or v == "":
            continue
        if vr == "PN":
            family, _, rest = str(v).partition("^")
            given = " ".join(p for p in rest.split("^") if p)  # given, middle, prefix, suffix
            out.append(f"{given} {family}".strip())
        elif vr == "DA":
            out.append(_DA.sub(r"\1-\2-\3", str(v)))
        else:
            out.append(str(v))
    return ", ".join(s.strip() for s in out if s.strip())
