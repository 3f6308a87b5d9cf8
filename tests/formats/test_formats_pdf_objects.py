"""Text a PDF's objects hold that no page shows: a marked run's replacement text, a figure's
alternate description, a field's tooltip, a layer's name, a link's file path, a page label,
a page's own XMP, a background pattern's strings."""

from __future__ import annotations

import pytest

from tests.formats import docs
from tests.synthetic import nhs_numbers

N = nhs_numbers(2, seed=808, prefix_range=(600, 799))[0]
LINE = f"Patient: Margaret Example NHS No {N}"


def pdf(content: bytes, extra: list[bytes] | tuple[bytes, ...] = (), page_extra: bytes = b"", catalog_extra: bytes = b"",
        trailer_extra: bytes = b"") -> bytes:
    """A one-page PDF with its own xref: objects 1-5 (catalog, pages, page, font, contents),
    then ``extra`` as objects 6, 7, ..."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R "
        + page_extra + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


BODY = b"BT /F1 12 Tf 72 700 Td (Clinic letter: sacral pressure ulcer, grade 3.) Tj ET"
LIT = ("(" + LINE + ")").encode()
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>' + LINE.encode()
       + b"</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>")

CASES = {
    "marked text": pdf(b"/Span << /ActualText " + LIT + b" >> BDC 0 0 m 10 10 l S EMC\n" + BODY, []),
    "figure alt": pdf(BODY, [b"<< /Type /StructElem /S /Figure /Alt " + LIT + b" >>"]),
    "tooltip": pdf(BODY, [b"<< /FT /Sig /T (sig1) /TU " + LIT + b" >>"]),
    "layer": pdf(BODY, [b"<< /Type /OCG /Name " + LIT + b" >>"]),
    "file path": pdf(BODY, [b"<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /A << /S /Launch /F << /Type /Filespec /F ("
                            + f"\\\\\\\\fs01\\\\Patients\\\\Example Margaret {N}\\\\letter.docx".encode() + b") >> >> >>"]),
    "page label": pdf(BODY, [b"<< /Nums [0 << /P " + LIT + b" >>] >>"], catalog_extra=b"/PageLabels 6 0 R"),
    "page XMP": pdf(BODY, [b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(XMP) + XMP + b"\nendstream"],
                    page_extra=b"/Metadata 6 0 R"),
    "pattern": pdf(BODY, [b"<< /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 600 800] /XStep 600 /YStep 800 "
                          b"/Resources << >> /Length %d >>\nstream\n" % (len(LIT) + 30) + b"BT 72 700 Td " + LIT
                          + b" Tj ET" + b" " * 7 + b"\nendstream"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_no_page_shows_is_read(case: str) -> None:
    v = docs.verdict(docs_attached(CASES[case]))
    assert any(w.startswith("attachment letter.pdf") for w in docs.found(v, "nhs_number")), (case, v.findings, v.problems)


def test_a_pdf_with_none_of_them_is_not_swept() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from dlpgate.mime.formats import pdf as pdf_format

    data = pdf(BODY, [])
    assert not pdf_format._may_hold_texts(PdfReader(BytesIO(data)), data)
    assert pdf_format._may_hold_texts(PdfReader(BytesIO(CASES["layer"])), CASES["layer"])


def docs_attached(data: bytes) -> bytes:
    from tests.content.test_carriers import attached

    return attached("letter.pdf", "application/pdf", data)
