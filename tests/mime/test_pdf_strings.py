"""Strings a PDF's objects hold outside the places the extractor reads by name: a form
field's default value (/DV), an application's private data (/PieceInfo), a vendor's
dictionary in the catalog or on a page. They are read as "other text", labelled with their
keys; identifiers, dates and binary strings are not, and a harmless file stays harmless.
All data synthetic; NHS numbers mod-11 valid (tests/synthetic.py)."""

from __future__ import annotations

import io
import zlib

import pytest

from dlpgate.types import Action
from tests.formats import docs
from tests.formats.test_formats_pdf_objects import pdf
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(3, seed=3111, prefix_range=(600, 799)) + nhs_numbers(2, seed=3112, prefix_range=(400, 499))
BODY = b"BT /F1 12 Tf 72 700 Td (Example Teaching Hospitals - clinic letter) Tj ET"
OTHER = "attachment letter.pdf, other text"


def stream(data: bytes, dictionary: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data)
        dictionary += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), dictionary) + data + b"\nendstream"


def lit(text: str) -> bytes:
    return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1") + b")"


def attached(data: bytes) -> bytes:
    from tests.content.test_carriers import attached as attach

    return attach("letter.pdf", "application/pdf", data)


def other_text(data: bytes) -> str:
    from dlpgate import mime

    engine = docs.engine()
    parsed = mime.parse(attached(data), engine.limits, None, tools=engine.tools)
    return "\n".join(s.text for s in parsed.segments if s.where == OTHER)


def field(name: str, default: str) -> bytes:
    return (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T " + lit(name) + b" /DV " + lit(default)
            + b" /Rect [160 700 460 718] /F 4 /P 3 0 R /DA (/Helv 10 Tf 0 g) >>")


def dv_form() -> bytes:
    fields = [field("PatientName", "Irene Exampleson"), field("DOB", "03/12/1983"),
              field("NHSNumber", spaced(N[3])), field("Diagnosis", "type 2 diabetes with peripheral neuropathy")]
    return pdf(BODY, fields, page_extra=b"/Annots [6 0 R 7 0 R 8 0 R 9 0 R]",
               catalog_extra=b"/AcroForm << /Fields [6 0 R 7 0 R 8 0 R 9 0 R] /DA (/Helv 0 Tf 0 g) >>")


def test_form_field_default_values_are_read() -> None:
    data = dv_form()
    text = other_text(data)
    # under the field's name in words, as the form's labels read
    assert f"nhs number: {spaced(N[3])}" in text and "patient name: Irene Exampleson" in text, text
    v = docs.verdict(attached(data))
    assert OTHER in docs.found(v, "nhs_number"), v.findings
    assert v.action is Action.HOLD


@pytest.mark.parametrize("compress", [False, True])
def test_pieceinfo_private_data_stream_is_read(compress: bool) -> None:
    notes = f"%AI layer notes\nCase photo consent: Callum Exampleman DOB 22/04/1952 NHS number {spaced(N[0])}\n"
    data = pdf(BODY, [stream(notes.encode(), compress=compress)],
               page_extra=b"/PieceInfo << /Illustrator << /LastModified (D:20260301120000Z) /Private 6 0 R >> >>")
    assert f"NHS number {spaced(N[0])}" in other_text(data)
    v = docs.verdict(attached(data))
    assert OTHER in docs.found(v, "nhs_number"), v.findings


@pytest.mark.parametrize("indirect", [False, True])
def test_vendor_dictionary_in_the_catalog_is_read(indirect: bool) -> None:
    epr = (b"<< /PatientName (Rajesh Exampleford) /DOB (17/03/1994) /NHSNumber " + lit(spaced(N[1]))
           + b" /Diagnosis (heart failure \\(HFrEF\\)) >>")
    data = pdf(BODY, [epr], catalog_extra=b"/TrustEPR 6 0 R") if indirect else pdf(BODY, catalog_extra=b"/TrustEPR " + epr)
    text = other_text(data)
    assert f"NHSNumber: {spaced(N[1])}" in text and "Diagnosis: heart failure (HFrEF)" in text, text
    v = docs.verdict(attached(data))
    assert OTHER in docs.found(v, "nhs_number"), v.findings
    assert v.action is Action.HOLD


def test_vendor_array_and_nested_dictionary_on_a_page_are_read() -> None:
    data = pdf(BODY, page_extra=b"/AcmeCase << /Meta << /Ids [(case 7) " + lit(N[2]) + b"] >> >>")
    assert f"Ids: case 7 {N[2]}" in other_text(data)


HEX_ID = b"<8f3a1c9e0b7d4e2f9a6c5b4d3e2f1a0b>"


def harmless() -> bytes:
    """Vendor dictionaries, defaults and private data holding nothing about a patient."""
    return pdf(
        b"BT /F1 12 Tf 72 700 Td (Print order: hand hygiene posters) Tj ET",
        [
            field("Consent", "Yes"),
            field("Ward", "Ward 7 (stock room)"),
            stream(b"%AI layer notes\nPantone 300C, bleed 3mm, fonts outlined\n", compress=True),
            b"<< /Type /Sig /Filter /Adobe.PPKLite /Contents <3082" + b"0a1b" * 64 + b"> /ByteRange [0 10 20 30]"
            b" /M (D:20261204101500Z) /Reason (Approved for print) >>",
            b"<< /CheckSum <d0dd57c5e4ab6378a4c8d9f52bd5d2aa> /Size 1234 >>",
        ],
        page_extra=b"/Annots [6 0 R 7 0 R] /PieceInfo << /Illustrator << /Private 8 0 R >> >>",
        catalog_extra=b"/AcroForm << /Fields [6 0 R 7 0 R] /SigFlags 3 >> /AcmeLayout << /Paper (A4) /JobRef (PO-20261204)"
        b" /Notes (Print 400 copies, 2 sided) /Uuid (3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b) >>",
        trailer_extra=b"/ID [" + HEX_ID + HEX_ID + b"]",
    )


def test_a_harmless_pdf_with_vendor_data_has_its_text_read_and_no_findings() -> None:
    data = harmless()
    text = other_text(data)
    for line in ("Consent: Yes", "Ward: Ward 7 (stock room)", "Pantone 300C, bleed 3mm", "Paper: A4",
                 "Notes: Print 400 copies, 2 sided", "Reason: Approved for print"):
        assert line in text, (line, text)
    v = docs.verdict(attached(data))
    assert v.action is Action.DELIVER and not v.findings, v.findings


def test_identifiers_dates_names_and_binary_strings_are_not_read() -> None:
    text = other_text(harmless())
    assert "8f3a1c9e" not in text  # the file's /ID
    assert "3082" not in text and "ByteRange" not in text  # a signature's bytes
    assert "D:2026" not in text and "3f2a9c1e" not in text  # a date, a UUID
    assert "CheckSum" not in text  # binary bytes read as PDFDocEncoding
    assert "/Widget" not in text and "Type:" not in text  # names are no strings


def test_page_content_is_not_read_again_as_other_text() -> None:
    shown = f"BT /F1 12 Tf 72 700 Td (NHS number {spaced(N[4])}) Tj ET".encode()
    glyphs = b"0 0 0 0 750 750 d1\n0 0 m 100 0 l 100 100 l h f\nq 1 0 0 1 0 0 cm Q"
    data = pdf(shown, [stream(glyphs)])
    assert other_text(data) == ""
    v = docs.verdict(attached(data))
    assert set(docs.found(v, "nhs_number")) == {"attachment letter.pdf, page 1"}, v.findings


def test_the_sweep_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    from dlpgate.mime.formats import pdf as pdf_format

    dicts = [b"<< /AcmeNote " + lit(f"Shelf {i} restocked with gloves and aprons") + b" >>" for i in range(400)]
    data = pdf(BODY, dicts)

    class Ctx:
        def check_deadline(self) -> None:
            pass

    reader = PdfReader(io.BytesIO(data))
    assert len(pdf_format._object_texts(reader, Ctx())) == 400  # type: ignore[arg-type]
    monkeypatch.setattr(pdf_format, "_MAX_OTHER_CHARS", 2000)
    out = pdf_format._object_texts(PdfReader(io.BytesIO(data)), Ctx())  # type: ignore[arg-type]
    assert sum(map(len, out)) <= 2000 and len(out) < 400


def test_a_plain_pdf_is_still_not_swept() -> None:
    from pypdf import PdfReader

    from dlpgate.mime.formats import pdf as pdf_format

    data = pdf(BODY)
    assert not pdf_format._may_hold_texts(PdfReader(io.BytesIO(data)), data)
    private = pdf(BODY, [stream(b"notes")], page_extra=b"/PieceInfo << /X << /Private 6 0 R >> >>")
    assert pdf_format._may_hold_texts(PdfReader(io.BytesIO(private)), private)
    epr = pdf(BODY, catalog_extra=b"/TrustEPR << /Note (x) >>")
    assert pdf_format._may_hold_texts(PdfReader(io.BytesIO(epr)), epr)
