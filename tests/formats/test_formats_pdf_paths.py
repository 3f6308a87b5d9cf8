"""A PDF page drawn mostly with paths is read with its path operators taken out first (the
fast path): its text must be the text pypdf reads from the whole page (the slow path)."""

from __future__ import annotations

import email
import io
from email import policy
from pathlib import Path

import pypdf
import pytest

from dlpgate.mime.formats import pdf as pdf_format
from tests.formats import docs
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(2, seed=83)
ROOT = Path(__file__).resolve().parents[1]
OUTLINED = b"".join(b"%d.%d %d.5 m %d 7%d.25 l %d.1 %d c %d 2 %d 3 %d 4 c h f\n" % ((i,) * 10) for i in range(4000))


def _page(content: bytes) -> bytes:
    """A one-page PDF showing ``content`` with two fonts, /F and /m (names a path
    operator could be mistaken for)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F 5 0 R /m 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    return docs.pdf_of_objects(objs)


def _both(data: bytes) -> list[tuple[str, str]]:
    """Each page's text by the slow path and by the fast path (each from a fresh reader)."""
    slow = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    fast = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        contents = page.get_contents()
        fast.append(pdf_format._text_without_paths(page, contents.get_data()) if contents is not None else "")
    return list(zip(slow, fast, strict=True))


TRICKY = [
    b"BT /F 12 Tf 72 720 Td (NHS number %s) Tj ET" % spaced(N[0]).encode(),
    b"BT /m 11 Tf 1 0 0 1 72 700 Tm (drawn 1 2 m and 3 4 l then h f) Tj ET",  # operators inside a string
    b"BT /F 10 Tf 72 680 Td (nested (0 0 m 5 5 l) and \\( 6 6 re \\) escaped) Tj ET",
    b"BT /F 10 Tf 72 660 Td <3120322033206D> Tj ET",  # a hex string: "1 2 3 m"
    b"BT /F 10 Tf 72 640 Td [(Ward ) -250 (7 ) 120 (c ) 33 (bed 4 l)] TJ ET",  # numbers in a TJ array
    b"% a comment with (an unbalanced parenthesis and 1 2 m\n",
    b"BT /F 10 Tf 12 TL 72 620 Td (first line) ' (second line 4 4 l) ' ET",
    b"BT /F 10 Tf 72 600 Td 10 10 m 20 20 l S (path operators inside a text object) Tj ET",
    b"q 1 0 0 1 5 5 cm BT /F 9 Tf 72 580 Td (%s after a transform) Tj ET Q" % N[1].encode(),
    b"/Span << /ActualText (1 2 m) >> BDC BT /F 9 Tf 72 560 Td (marked) Tj ET EMC",
]


def test_a_page_of_outlined_lettering_reads_the_same_on_the_fast_path() -> None:
    content = OUTLINED + b"\n".join(TRICKY) + b"\n" + OUTLINED
    data = _page(content)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert len(pdf_format._DRAWING.sub(rb"\1", page.get_contents().get_data())) < len(content) // 20
    (slow, fast), = _both(data)
    assert fast == slow
    assert spaced(N[0]) in fast and N[1] in fast
    # the reader's page keeps its own contents: read again the slow way, the same text
    assert pdf_format._page_text(page) == slow == page.extract_text()
    # and the whole extractor, which takes the fast path for this page, finds the number
    parsed = docs.parse_attachment("lettering.pdf", data, "application/pdf")
    assert spaced(N[0]) in docs.texts(parsed)["attachment lettering.pdf, page 1"]


@pytest.mark.parametrize("piece", TRICKY, ids=range(len(TRICKY)))
def test_each_odd_token_reads_the_same_on_the_fast_path(piece: bytes) -> None:
    (slow, fast), = _both(_page(OUTLINED[:2000] + piece + b"\n" + OUTLINED[:2000]))
    assert fast == slow


def _real_pdfs() -> list[tuple[str, bytes]]:
    """Every PDF the tests carry: the real-document fixtures, and attachments in the real-mail set."""
    found = [(str(p.relative_to(ROOT)), p.read_bytes()) for p in sorted((ROOT / "formats" / "data").rglob("*.pdf"))]
    for path in sorted((ROOT / "realmail").rglob("*")):
        if not path.is_file() or path.suffix in {".py", ".md", ".toml"}:
            continue
        raw = path.read_bytes()
        if b"%PDF-" not in raw and b"JVBERi0" not in raw:
            continue
        for part in email.message_from_bytes(raw, policy=policy.compat32).walk():
            try:
                body = part.get_payload(decode=True)
            except Exception:
                continue
            if isinstance(body, bytes) and body.lstrip()[:5] == b"%PDF-":
                found.append((f"{path.relative_to(ROOT)} {part.get_filename()}", body))
    return found


def test_every_real_pdf_reads_the_same_on_the_fast_path() -> None:
    real = _real_pdfs()
    assert len(real) >= 10
    compared = 0
    for name, data in real:
        try:
            pages = _both(data)
        except Exception:
            continue  # a PDF pypdf cannot open either way (damaged, encrypted)
        for i, (slow, fast) in enumerate(pages):
            assert fast == slow, f"{name} page {i + 1}"
            compared += 1
    assert compared >= 20
