"""Text in Windows drawings (EMF, EMF+, WMF) and in dictation files (a WAVE's INFO and
Broadcast WAVE chunks, a DSS header), built here record by record as the formats define them."""

from __future__ import annotations

import struct

from dlpgate.types import Action
from tests.content.test_carriers import attached
from tests.formats import docs
from tests.synthetic import nhs_numbers

N = nhs_numbers(1, seed=909, prefix_range=(600, 799))[0]
LINE = f"Patient: Margaret Example NHS No {N}"


def emf(text: str, wide: bool = True) -> bytes:
    header = bytearray(108)
    struct.pack_into("<II", header, 0, 1, 108)
    header[40:44] = b" EMF"
    chars = text.encode("utf-16-le" if wide else "cp1252")
    body = bytearray(76)
    struct.pack_into("<II", body, 0, 84 if wide else 83, 0)
    struct.pack_into("<II", body, 44, len(text), 76)  # chars, string offset
    record = body + chars + b"\0" * (-len(chars) % 4)
    struct.pack_into("<I", record, 4, len(record))
    eof = struct.pack("<IIIII", 14, 20, 0, 0, 20)
    return bytes(header + record + eof)


def wmf(text: str) -> bytes:
    raw = text.encode("cp1252") + b"\0" * (len(text) % 2)
    header = struct.pack("<HHHIHIH", 1, 9, 0x300, 0, 0, 0, 0)
    record = struct.pack("<IHH", (6 + 2 + len(raw) + 4) // 2, 0x0521, len(text)) + raw + struct.pack("<hh", 10, 10)
    return header + record + struct.pack("<IH", 3, 0)


def wav(info: dict[bytes, str], description: str = "") -> bytes:
    chunks = b""
    if info:
        sub = b"".join(k + struct.pack("<I", len(v) + 1) + v.encode() + b"\0" + b"\0" * ((len(v) + 1) & 1)
                       for k, v in info.items())
        chunks += b"LIST" + struct.pack("<I", 4 + len(sub)) + b"INFO" + sub
    if description:
        bext = description.encode().ljust(256, b"\0") + b"\0" * 346
        chunks += b"bext" + struct.pack("<I", len(bext)) + bext
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    data = b"data" + struct.pack("<I", 4) + b"\0\0\0\0"
    body = b"WAVE" + fmt + chunks + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def test_the_text_a_drawing_draws() -> None:
    for name, data in (("label.emf", emf(LINE)), ("label_a.emf", emf(LINE, wide=False)), ("label.wmf", wmf(LINE))):
        v = docs.verdict(attached(name, "image/x-emf", data))
        assert f"attachment {name}" in docs.found(v, "nhs_number"), (name, v.findings, v.problems)
    clean = docs.verdict(attached("logo.emf", "image/x-emf", emf("Example Hospitals NHS Trust")))
    assert clean.action == Action.DELIVER, clean.findings


def test_a_dictations_own_text() -> None:
    v = docs.verdict(attached("letter.wav", "audio/wav", wav({b"INAM": "Clinic letter", b"ICMT": LINE})))
    assert "attachment letter.wav, tags" in docs.found(v, "nhs_number"), (v.findings, v.problems)
    v = docs.verdict(attached("letter.wav", "audio/wav", wav({}, description=LINE)))
    assert "attachment letter.wav, tags" in docs.found(v, "nhs_number"), (v.findings, v.problems)
    dss = b"\x02dss" + b"\0" * 8 + b"HMAR" + b"\0" * 10 + b"261203141201" + b"\0" * 40 + LINE.encode() + b"\0" * 600
    v = docs.verdict(attached("HMAR0412.DSS", "application/octet-stream", dss))
    assert "attachment HMAR0412.DSS, tags" in docs.found(v, "nhs_number"), (v.findings, v.problems)
    clean = docs.verdict(attached("note.wav", "audio/wav", wav({b"INAM": "Team meeting"})))
    assert clean.action == Action.DELIVER, clean.findings


def test_a_safari_web_archive_and_a_property_list() -> None:
    import plistlib

    page = f"<html><body><table><tr><td>Margaret Example</td><td>NHS No {N}</td></tr></table></body></html>"
    archive = {"WebMainResource": {"WebResourceData": page.encode(), "WebResourceMIMEType": "text/html",
                                   "WebResourceURL": "https://intranet.example/clinic", "WebResourceTextEncodingName": "UTF-8"}}
    data = plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)
    v = docs.verdict(attached("Clinic list.webarchive", "application/octet-stream", data))
    assert "attachment Clinic list.webarchive > page" in docs.found(v, "nhs_number"), (v.findings, v.problems)
    clean = plistlib.dumps({"WebMainResource": {"WebResourceData": b"<html><body>Shuttle times</body></html>",
                                                "WebResourceMIMEType": "text/html"}}, fmt=plistlib.FMT_BINARY)
    assert docs.verdict(attached("Shuttle.webarchive", "application/octet-stream", clean)).action == Action.DELIVER
    settings = plistlib.dumps({"Notes": LINE, "Count": 3}, fmt=plistlib.FMT_BINARY)
    v = docs.verdict(attached("export.plist", "application/octet-stream", settings))
    assert "attachment export.plist" in docs.found(v, "nhs_number"), (v.findings, v.problems)
