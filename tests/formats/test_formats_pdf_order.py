"""A PDF page whose content draws a run after the run the page shows right after it (a
number corrected in an editor is drawn at the end of the content, at the place it shows)
is read in page order too: "9051NHS No: 428291" in content order is "NHS No: 4282919051"
on the page. Pages drawn in order, or with a run drawn left of another but far from it (a
right-aligned heading drawn first), are read once, as before."""

from __future__ import annotations

from dlpgate.types import Action
from tests.formats import docs
from tests.synthetic import nhs_numbers

N = nhs_numbers(2, seed=91)
# Helvetica's widths (per 1000 of the size) of "NHS No: " and of a digit
_LABEL, _DIGIT = 722 + 722 + 667 + 278 + 722 + 556 + 278 + 278, 556


def _page(content: bytes) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return docs.pdf_of_objects(objs)


def _edited(title: str, label: str, number: str, last: str, scaled: bool = False) -> bytes:
    """The label and the number's first six digits drawn after its last four, which are
    placed where the six end."""
    end = 72 + (_LABEL + 6 * _DIGIT) * 12 / 1000
    font = b"/F1 1 Tf 12 0 0 12 %.2f 744 Tm" if scaled else b"/F1 12 Tf %.2f 744 Td"
    return _page(
        b"BT /F1 12 Tf 72 760 Td (%s) Tj ET " % title.encode()
        + b"BT " + font % end + b" (%s) Tj ET " % number[6:].encode()
        + b"BT /F1 12 Tf 72 744 Td (%s%s) Tj ET " % (label.encode(), number[:6].encode())
        + b"BT /F1 12 Tf 72 728 Td (%s) Tj ET" % last.encode()
    )


def test_a_number_edited_after_the_page_was_made_is_read_as_the_page_shows_it() -> None:
    for scaled in (False, True):
        data = _edited("Home oxygen order - Olwen Pritchard", "NHS No: ", N[0], "Severe COPD, long-term oxygen", scaled)
        t = docs.texts(docs.parse_attachment("order.pdf", data, "application/pdf"))
        assert N[0] not in t["attachment order.pdf, page 1"]  # content order
        assert t["attachment order.pdf, page 1, in page order"] == f"NHS No: {N[0]}"
        v = docs.verdict(docs.message(("order.pdf", "application/pdf", data)))
        assert v.action is Action.HOLD and docs.found(v, "nhs_number")


def test_an_edited_invoice_is_delivered() -> None:
    data = _edited("Invoice - Medisupplies UK Ltd", "Ref No: ", N[1], "40 boxes nitrile gloves")
    assert docs.verdict(docs.message(("invoice.pdf", "application/pdf", data))).action is Action.DELIVER


def test_a_run_drawn_left_of_another_far_from_it_is_read_once() -> None:
    # a right-aligned "[Function]" (or page number) drawn before its line's start
    data = _page(
        b"BT /F1 12 Tf 474 700 Td ([Function]) Tj ET BT /F1 12 Tf 90 700 Td (int parse_tree) Tj ET"
        b" BT /F1 12 Tf 72 680 Td (drawn in order) Tj ET BT /F1 12 Tf 200 680 Td (left to right) Tj ET"
    )
    t = docs.texts(docs.parse_attachment("manual.pdf", data, "application/pdf"))
    assert "attachment manual.pdf, page 1, in page order" not in t
    assert "int parse_tree" in t["attachment manual.pdf, page 1"]
