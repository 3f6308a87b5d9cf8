"""CSS layout in HTML: elements a browser shows as boxes of their own are read apart.

Email builders write label/value pairs as spans made blocks (by their own style or
a class of the style sheet), web pages lay records out in flex and grid containers,
charts put their labels in SVG <text> elements: each read glued to the next ("NHS
number6093786099Reason for referral") hid the number and what it was said of. A
browser shows them on separate lines or side by side, and so are they read; the same
markup with an order number is still delivered.
"""

from __future__ import annotations

import pytest

from dlpgate.mime.formats._css_layout import ITEMS_LINES, ITEMS_ONE_ROW, grid_columns
from dlpgate.mime.formats.html import html_to_text, render
from dlpgate.types import Action
from tests.formats import docs
from tests.formats.test_html_render_same import mail_html
from tests.synthetic import nhs_numbers

N = nhs_numbers(6, seed=77)


def _fields(style: str, pairs: list[tuple[str, str]], sheet: str = "", attr: str = "style") -> str:
    head = f"<head><style>{sheet}</style></head>" if sheet else ""
    spans = "".join(f"<span {attr}='{style}'>{label}</span><span {attr}='{style}'>{value}</span>" for label, value in pairs)
    return f"<html>{head}<body><table><tr><td>{spans}</td></tr></table></body></html>"


@pytest.mark.parametrize(
    ("style", "sheet", "attr"),
    [
        ("display:block;font-size:12px", "", "style"),  # the builder's own style on each span
        ("DISPLAY: Block !important", "", "style"),
        ("display:list-item", "", "style"),
        ("position:absolute;top:10px", "", "style"),
        ("lbl", ".lbl{display:block;color:#555}", "class"),  # a class of the style sheet
        ("f", "span.f { display : block }", "class"),
        ("", "span{display:block}", "data-x"),  # every span, by the element's name
    ],
)
def test_spans_made_blocks_are_lines(style: str, sheet: str, attr: str) -> None:
    doc = _fields(style, [("Patient", "Desmond Achterberg"), ("NHS number", N[0]), ("Reason", "prostate cancer")], sheet, attr)
    assert html_to_text(doc).splitlines() == ["Patient", "Desmond Achterberg", "NHS number", N[0], "Reason", "prostate cancer"]


def test_an_id_rule_and_a_sheet_after_the_tags() -> None:
    doc = "<span>NHS No</span><span id=n>4010232137</span>Summary<style>#n{display:block}</style><span id=n>x</span>"
    assert html_to_text(doc).splitlines() == ["NHS No", "4010232137", "Summary", "x"]


def test_an_elements_own_style_wins_over_the_sheet() -> None:
    # the class makes it a block, its own style puts it back in the line: read as shown, joined
    doc = "<style>.b{display:block}</style><p>Ref <span class=b style='display:inline'>12</span>34</p>"
    assert html_to_text(doc) == "Ref 1234"
    # rules for phones (@media) are not what a desktop client shows
    assert html_to_text("<style>@media (max-width:600px){.b{display:block}}</style>a<span class=b>b</span>c") == "abc"


def test_text_after_a_block_is_a_line_of_its_own_and_nested_spans_stay_inside() -> None:
    doc = "<p><span style='display:block'>NHS <span>number</span> <b>401</b></span>0232137 Smith</p>"
    assert html_to_text(doc).splitlines() == ["NHS number 401", "0232137 Smith"]


def test_inline_boxes_are_set_off_by_spaces() -> None:
    doc = (
        "<div><span style='display:inline-block;width:120px'>Olwen Pritchard</span>"
        f"<span style='display:inline-block'>{N[1]}</span><span style='float:left'>COPD</span>after</div>"
    )
    assert html_to_text(doc) == f"Olwen Pritchard {N[1]} COPD after"
    # form controls and their labels are boxes too; a table around them keeps its columns
    assert html_to_text(f"<label>NHS No</label>{N[1]}<button>Send</button>now") == f"NHS No {N[1]} Send now"
    assert html_to_text("<table><tr><td><select><option>x</select></td><td>y</td></tr></table>") == "x\ty"


def test_flex_and_grid_items_are_cells_and_rows() -> None:
    grid = (
        "<div style='display:grid;grid-template-columns:200px 120px 1fr'>"
        f"<span>Desmond Achterberg</span><span>{N[2]}</span><span>prostate cancer</span>"
        f"<span>Imran Choudhury</span><span>{N[3]}</span><span>type 1 diabetes</span></div>after"
    )
    assert html_to_text(grid).splitlines() == [
        f"Desmond Achterberg\t{N[2]}\tprostate cancer",
        f"Imran Choudhury\t{N[3]}\ttype 1 diabetes",
        "after",
    ]
    row = f"<div style='display:flex'><span>Name</span><b>{N[2]}</b></div>"
    assert html_to_text(row) == f"Name\t{N[2]}"
    column = f"<div style='display:flex;flex-direction:column'><span>Name</span><span>{N[2]}</span></div>"
    assert html_to_text(column).splitlines() == ["Name", N[2]]
    # an item's own inline children stay together
    assert html_to_text("<div style='display:flex'><span>40<b>10</b>23</span><span>x</span></div>") == "401023\tx"


@pytest.mark.parametrize(
    ("template", "items"),
    [
        ("", ITEMS_LINES),
        ("none", ITEMS_LINES),
        ("1fr", ITEMS_LINES),
        ("200px 120px 1fr", 3),
        ("repeat(4, 1fr)", 4),
        ("[a] minmax(100px, 1fr) [b] 2fr", 2),
        ("repeat(2, 10px 1fr) 5px", 5),
        ("repeat(auto-fill, minmax(100px, 1fr))", ITEMS_ONE_ROW),
    ],
)
def test_grid_columns(template: str, items: int) -> None:
    assert grid_columns(template) == items


def test_svg_text_elements_are_lines() -> None:
    svg = f"<p>Chart</p><svg><text x='0' y='20'>Desmond Achterberg {N[4]}</text><text x='0' y='40'>prostate cancer</text></svg>"
    assert html_to_text(svg).splitlines() == ["Chart", f"Desmond Achterberg {N[4]}", "prostate cancer"]
    tspans = "<svg><text><tspan x='0' y='10'>a</tspan><tspan x='0' dy='12'>b</tspan><tspan dx='2'>c</tspan></text></svg>"
    assert html_to_text(tspans).splitlines() == ["a", "bc"]  # one moved along its line stays on it


def test_tag_soup_in_a_container_ends_with_it() -> None:
    # unclosed items and a stray end tag: the container still ends where its end tag is
    doc = "<div style='display:flex'><span>a<p>b</span><i>c</div>after</b>d<span>e</span>"
    assert html_to_text(doc).splitlines()[-1] == "afterde"


def test_documents_without_layout_render_as_before() -> None:
    # The layout only adds what a style sets: documents whose tags and sheets set none read
    # as the renderer without it reads them.
    plain = ["<p style='color:red'>display: none of it</p><span>a</span>b", "<style>p{color:red}</style><span>x</span>y"]
    for doc in plain + [doc for _name, doc in mail_html()[:200]]:
        if "display" not in doc and "position" not in doc and "float" not in doc:
            assert render(doc) == render(doc, layout=False)


def test_a_hidden_element_in_a_laid_out_document_is_still_read_as_shown() -> None:
    doc = (
        "<style>.b{display:block}.h{display:none}</style><span class=b>NHS No</span>"
        f"<span class=b>{N[5][:3]}<span class=h>9</span>{N[5][3:]}</span>"
    )
    got = docs.texts(docs.parse_attachment("a.html", doc.encode(), "text/html"))
    assert N[5] in got["attachment a.html, as shown"]


def _mail(html: str) -> bytes:
    return (
        "From: bookings@example-trust.nhs.uk\r\nTo: referrals@private-clinic.co.uk\r\nSubject: New referral\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    ).encode()


def test_a_builders_referral_email_is_held_and_its_order_twin_delivered() -> None:
    referral = _fields(
        "display:block",
        [("Patient", "Desmond Achterberg"), ("NHS number", N[0]), ("Reason for referral", "Metastatic prostate cancer")],
    )
    v = docs.verdict(_mail(referral))
    assert v.action is Action.HOLD and docs.found(v, "nhs_number")
    order = _fields("display:block", [("Supplier", "Medisupplies UK Ltd"), ("PO number", N[0]), ("Delivery", "Gate 3")])
    assert docs.verdict(_mail(order)).action is Action.DELIVER
