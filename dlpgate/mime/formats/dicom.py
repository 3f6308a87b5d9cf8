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

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# Value representations that hold text: names, dates and times, strings, codes, numbers as text.
_TEXT_VRS = frozenset({"PN", "LO", "SH", "LT", "ST", "UT", "UC", "DA", "DT", "TM", "CS", "AE", "AS", "IS", "DS", "UR"})
_MAX_DEPTH = 8  # sequences inside sequences
logging.getLogger("pydicom").setLevel(logging.ERROR)  # it logs each warning as well
_MAX_ELEMENTS = 200_000
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DA = re.compile(r"((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    import pydicom
    from pydicom.errors import InvalidDicomError

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
        if vr not in _TEXT_VRS:
            continue
        value = _text(elem.value, vr)
        if value:
            label = _CAMEL.sub(" ", elem.keyword).lower() if elem.keyword else f"({elem.tag.group:04X},{elem.tag.element:04X})"
            lines.append(f"{label}: {value}")


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
