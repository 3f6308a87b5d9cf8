"""Every carrier of text inside HTML, Office, PDF, calendar and contact files is read.

Each case builds one file that carries a valid NHS number (computed, in an
issued range) in one place only - an attribute, a property, a text box, an
embedded file... - and checks the finding and where it was found.
"""

from __future__ import annotations

import base64
import io
import quopri
import random
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from dlpgate.types import Action
from tests.formats import docs
from tests.formats.docs import DOCX, PPTX, XLSX
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(40, seed=1010)
HTML = "text/html"
ODT = "application/vnd.oasis.opendocument.text"

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


# --- building blocks ------------------------------------------------------------------


def edit_zip(data: bytes, add: dict[str, bytes | str], patch: dict[str, Callable[[str], str]] | None = None) -> bytes:
    """A copy of a zip with parts added or replaced, and parts edited as text."""
    src = zipfile.ZipFile(io.BytesIO(data))
    files: dict[str, bytes | str] = {n: src.read(n) for n in src.namelist()}
    for name, edit in (patch or {}).items():
        files[name] = edit(files[name].decode("utf-8") if isinstance(files[name], bytes) else files[name])
    files.update(add)
    return docs.zip_of(files)


def add_rel(rels_xml: str, rel_id: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{DOC_RELS}/{kind}" Target="{target}"{mode}/>'
    return rels_xml.replace("</Relationships>", rel + "</Relationships>")


def override(ct_xml: str, part: str, ctype: str) -> str:
    return ct_xml.replace("</Types>", f'<Override PartName="/{part}" ContentType="{ctype}"/></Types>')


def docx_with(body_xml: str = "", add: dict | None = None, rels: list[tuple] = (), types: list[tuple] = ()) -> bytes:
    """A python-docx document with extra body XML, parts, relationships and content types."""
    base = docs.docx_lib("Referral letter.")
    patch: dict[str, Callable[[str], str]] = {}
    if body_xml:
        patch["word/document.xml"] = lambda x: x.replace("<w:sectPr", body_xml + "<w:sectPr", 1)
    if rels:

        def edit_rels(x: str) -> str:
            for rel in rels:
                x = add_rel(x, *rel)
            return x

        patch["word/_rels/document.xml.rels"] = edit_rels
    if types:

        def edit_types(x: str) -> str:
            for part, ctype in types:
                x = override(x, part, ctype)
            return x

        patch["[Content_Types].xml"] = edit_types
    return edit_zip(base, add or {}, patch)


def found(data: bytes, name: str, ctype: str) -> dict[str, int]:
    return docs.found(docs.verdict(docs.message((name, ctype, data))), "nhs_number")


def small_xlsx(number: str) -> bytes:
    return docs.xlsx({"Patients": [["NHS number"], [number]]})


# --- HTML -----------------------------------------------------------------------------

HTML_CASES = {
    "img alt": (f'<p>Scan:</p><img src="cid:x" alt="NHS {N[0]}">', "attributes"),
    "title": (f'<span title="Patient {spaced(N[1])}">hover</span>', "attributes"),
    "input value": (f'<form><input type="text" name="nhs" value="{N[2]}"></form>', "attributes"),
    "option value": (f'<select><option value="{N[3]}">Smith</option></select>', "attributes"),
    "meta content": (f'<html><head><meta name="description" content="NHS {N[4]}"></head><body>x</body></html>', "attributes"),
    "aria-label": (f'<div aria-label="NHS {N[5]}"></div>', "attributes"),
    "href query": (f'<a href="https://portal.example.org/view?nhs={N[6]}&amp;x=1">view</a>', "links"),
    "href escaped": (f'<a href="https://portal.example.org/p/{spaced(N[7], "%20")}">view</a>', "links"),
    "img src query": (f'<img src="https://img.example.org/t.gif?id={N[8]}">', "links"),
    "comment": (f"<p>Hello</p><!-- NHS {N[9]} -->", "comments"),
    "commented-out markup": (f"<!-- <table><tr><td>NHS</td><td>{N[10]}</td></tr></table> -->", "comments"),
    "mso conditional": (f"<!--[if mso]><table><tr><td>NHS {N[11]}</td></tr></table><![endif]--><p>Hi</p>", ""),
    "ld+json": (f'<script type="application/ld+json">{{"identifier": "{N[12]}"}}</script>', "scripts"),
    "script string escapes": (f'<script>var rows = ["NHS number:\\n{N[32]}", "\\u0034\\x35"];</script>', "scripts"),
    "css content": (f'<style>.x:after {{ content: "NHS {N[13]}"; }}</style><p class="x">a</p>', "attributes"),
    "css comment": (f"<style>p {{ margin: 0 }} /* list for NHS {N[30]} */</style><p>a</p>", "comments"),
    "data attribute": (f'<table><tr data-nhs="{N[36]}"><td>Row 1</td></tr></table>', "attributes"),
    "data attribute words": (f'<table><tr data-patient="NHS No: {N[37]}"><td>Row 1</td></tr></table>', "attributes"),
    "meta content unnamed": (f'<html><head><meta content="NHS No: {N[38]}"></head><body>x</body></html>', "attributes"),
    "microdata content": (f'<span itemprop="identifier" content="NHS No: {N[39]}">patient</span>', "attributes"),
    "css content escaped": ('<style>p::after { content: "NHS No: \\34 ' + N[13][1:] + '" }</style><p>x</p>', "attributes"),
    "css content strings joined": (f'<style>p::after {{ content: "NHS No: " "{N[13][:4]}" counter(c) "{N[13][4:]}" }}</style><p>x</p>',
                                   "attributes"),
    "display none": (f'<p>Dear Dr Example</p><div style="display:none">NHS No: {N[38]}</div>', ""),
    "unclosed css comment": (f"<style>/* NHS {N[31]}</style><p>a</p>", "comments"),
}


@pytest.mark.parametrize("case", HTML_CASES, ids=list(HTML_CASES))
def test_html_carriers(case: str) -> None:
    markup, suffix = HTML_CASES[case]
    where = "attachment page.html" + (f", {suffix}" if suffix else "")
    assert found(markup.encode(), "page.html", HTML) == {where: 1}


def test_html_body_carriers_in_a_real_message() -> None:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "dr.jones@example-trust.nhs.uk", "x@partner.example.org", "Hi"
    msg.set_content("See below.")
    msg.add_alternative(f'<p>See below.</p><img alt="NHS {N[14]}" src="cid:a"><!-- {N[15]} -->', subtype="html")
    v = docs.verdict(msg.as_bytes())
    assert docs.found(v, "nhs_number") == {
        "message body (html), attributes": 1,
        "message body (html), comments": 1,
    }


def test_html_data_uri_is_read_as_a_file() -> None:
    csv = f"NHS number,Name\n{N[16]},Smith\n".encode()
    markup = f'<a href="data:text/csv;base64,{base64.b64encode(csv).decode()}">list</a>'
    xlsx = base64.b64encode(small_xlsx(N[17])).decode()
    markup += f'<a download="l.xlsx" href="data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,{xlsx}">x</a>'
    markup += f'<img src="data:text/plain,NHS%20{N[18]}">'
    assert found(markup.encode(), "page.html", HTML) == {
        "attachment page.html > data URI 1": 1,
        "attachment page.html > data URI 2, sheet Patients": 1,
        "attachment page.html > data URI 3": 1,
    }


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<table><tr><td>401 023</td><td>2137</td></tr></table>", "401 023\t2137"),
        ("<p>401 023</p><p>2137</p>", "401 023\n2137"),
        ("401 023<br>2137", "401 023\n2137"),
        ("<ul><li>401 023</li><li>2137</li></ul>", "401 023\n2137"),
        ("<div>401 023</div><div>2137</div>", "401 023\n2137"),
        ("<span>401</span> <b>023</b> <font>21</font><a>37</a>", "401 023 2137"),
    ],
    ids=["cells", "paragraphs", "br", "list items", "divs", "inline"],
)
def test_html_text_joined_as_it_renders(markup: str, text: str) -> None:
    # One candidate string, a single tab or line break between the groups: the
    # number detectors decide whether such a break may split a number.
    t = docs.texts(docs.parse_attachment("page.html", markup.encode(), HTML))
    assert t["attachment page.html"] == text


def test_html_noise_attributes_are_not_read() -> None:
    markup = f'<div style="width:{N[19]}px" class="c{N[20]}" id="i{N[21]}">ok</div>'
    markup += '<meta name="viewport" content="width=4010232137">'
    markup += f'<img data-src="https://img.example.org/x/p{N[23]}.png"><meta http-equiv="X-UA-Compatible" content="IE=edge">'
    assert found(markup.encode(), "page.html", HTML) == {}
    # a data attribute is read after its name's words: a tracking id says it is one
    v = docs.verdict(docs.message(("page.html", HTML, f'<div data-track-id="{N[22]}">ok</div>'.encode())))
    assert v.action is Action.DELIVER


def test_html_data_attributes_css_strings_and_meta_read_as_a_reader_sees_them() -> None:
    markup = (f'<tr data-nhs-no="{N[0]}" data-src="https://img.example.org/a.png" data-note="Ward 4 &amp; 5"><td>x</td></tr>'
              '<meta content="Referral list"><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
              '<style>a::before { content: "Tel \\30 1632 \\"960\\"" } b { content:\'\\\n\' }</style>')
    t = docs.texts(docs.parse_attachment("page.html", markup.encode(), HTML))
    assert t["attachment page.html, attributes"].splitlines() == [
        f"nhs no: {N[0]}", "note: Ward 4 & 5", "Referral list", 'Tel 01632 "960"']
    assert t["attachment page.html, links"] == "https://img.example.org/a.png"



def test_html_links_to_shared_files_keep_their_texts_as_the_files_names() -> None:
    markup = ('<p>The notes: <a href="https://trust-my.sharepoint.com/:w:/g/personal/x/AbC?e=1">Gordon Sampleton '
              '&ndash; falls review</a>, the leaflet <a href="https://example.org/files/leaflet.pdf">walking aids '
              'leaflet</a>, <a href="https://1drv.ms/b/s!Ab">here</a>, <a href="https://news.example.org/story">Ward '
              'news update</a>, <a href="https://1drv.ms/b/s!Cd">https://1drv.ms/b/s!Cd</a></p>')
    t = docs.texts(docs.parse_attachment("page.html", markup.encode(), HTML))
    assert t["attachment page.html, shared file names"].splitlines() == [
        "Gordon Sampleton \u2013 falls review", "walking aids leaflet"]
    plain = '<p>See <a href="https://news.example.org/story">Ward news update</a></p>'
    assert "attachment page.html, shared file names" not in docs.texts(
        docs.parse_attachment("page.html", plain.encode(), HTML))


# --- Office ---------------------------------------------------------------------------


def xlsx_text_box(number: str) -> bytes:
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/></xdr:nvSpPr>'
        f"<xdr:txBody><a:p><a:r><a:t>NHS No {spaced(number)}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
        "</xdr:twoCellAnchor></xdr:wsDr>"
    )
    rels = f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/drawing" Target="../drawings/drawing1.xml"/></Relationships>'
    return edit_zip(
        docs.xlsx({"Clinic": [["Clinic", "Date"], ["Diabetes", "Monday"]]}),
        {"xl/drawings/drawing1.xml": drawing, "xl/worksheets/_rels/sheet1.xml.rels": rels},
        {
            "[Content_Types].xml": lambda x: override(
                x, "xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml"
            )
        },
    )


def xlsx_chart(number: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in (["Clinic", "Seen"], ["A", 3], ["B", 5]):
        ws.append(row)
    chart = BarChart()
    chart.title = f"Patient {number}"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "D2")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_header(number: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "List"
    ws.append(["Clinic"])
    ws.oddHeader.center.text = f"NHS {number}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def docx_core_properties(number: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Letter")
    d.core_properties.subject = f"NHS {number}"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_custom_properties(number: str) -> bytes:
    custom = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="NHS number"><vt:lpwstr>{number}</vt:lpwstr></property>'
        "</Properties>"
    )

    def rels(x: str) -> str:
        return x.replace(
            "</Relationships>",
            f'<Relationship Id="rIdC" Type="{DOC_RELS}/custom-properties" Target="docProps/custom.xml"/></Relationships>',
        )

    return edit_zip(
        docs.docx_lib("Letter"),
        {"docProps/custom.xml": custom},
        {
            "_rels/.rels": rels,
            "[Content_Types].xml": lambda x: override(
                x, "docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"
            ),
        },
    )


WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'


def docx_alt_text(number: str) -> bytes:
    drawing = (
        f'<w:p><w:r><w:drawing><wp:inline {WP}><wp:extent cx="1" cy="1"/>'
        f'<wp:docPr id="7" name="Picture 7" descr="Label showing NHS {number}"/></wp:inline></w:drawing></w:r></w:p>'
    )
    return docx_with(drawing)


def docx_hyperlink(number: str) -> bytes:
    link = '<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>record</w:t></w:r></w:hyperlink></w:p>'
    return docx_with(link, rels=[("rIdL", "hyperlink", f"https://ehr.example.org/patient?nhs={number}", True)])


def docx_field_code(number: str) -> bytes:
    field = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> MERGEFIELD NHS \\* {number} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return docx_with(field)


def docx_simple_field(number: str) -> bytes:
    return docx_with(f'<w:p><w:fldSimple w:instr=" QUOTE &quot;{number}&quot; "><w:r><w:t>y</w:t></w:r></w:fldSimple></w:p>')


def docx_embedded_workbook(number: str) -> bytes:
    name = "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    return docx_with(
        add={name: small_xlsx(number)},
        rels=[("rIdE", "package", "embeddings/Microsoft_Excel_Worksheet.xlsx")],
        types=[(name, XLSX)],
    )


def docx_ole_package(number: str) -> bytes:
    name = "word/embeddings/oleObject1.bin"
    return docx_with(
        add={name: docs.ole_package_object("list.csv", f"NHS number\n{number}\n".encode())},
        rels=[("rIdO", "oleObject", "embeddings/oleObject1.bin")],
        types=[(name, "application/vnd.openxmlformats-officedocument.oleObject")],
    )


def xlsx_ole_package(number: str) -> bytes:
    blob = docs.ole_package_object("notes.txt", f"NHS {number}".encode())
    return edit_zip(docs.xlsx({"S": [["Clinic"]]}), {"xl/embeddings/oleObject1.bin": blob})


def docx_ole_unknown_kind(number: str) -> bytes:
    name = "word/embeddings/oleObject2.bin"
    blob = docs.ole_with_stream("Equation Native", b"\x1c\x00\x00\x00" + f"NHS {number}".encode("utf-16-le"))
    return docx_with(
        add={name: blob},
        rels=[("rIdQ", "oleObject", "embeddings/oleObject2.bin")],
        types=[(name, "application/vnd.openxmlformats-officedocument.oleObject")],
    )


def xlsx_pivot_cache(number: str) -> bytes:
    records = (
        '<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
        f'<r><s v="Smith"/><n v="{number}"/><x v="0"/></r></pivotCacheRecords>'
    )
    return edit_zip(
        docs.xlsx({"Summary": [["Clinic", "Count"], ["A", 1]]}),
        {"xl/pivotCache/pivotCacheRecords1.xml": records},
        {
            "[Content_Types].xml": lambda x: override(
                x,
                "xl/pivotCache/pivotCacheRecords1.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
            )
        },
    )


def docx_alt_chunk(number: str) -> bytes:
    html = f"<html><body><table><tr><td>NHS</td><td>{spaced(number)}</td></tr></table></body></html>"
    return docx_with(
        '<w:altChunk r:id="rIdA"/>',
        add={"word/afchunk.htm": html},
        rels=[("rIdA", "aFChunk", "afchunk.htm")],
        types=[("word/afchunk.htm", "text/html")],
    )


def pptx_embedded_workbook(number: str) -> bytes:
    return edit_zip(docs.pptx("Review"), {"ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx": small_xlsx(number)})


def pptx_chart_title(number: str) -> bytes:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("Seen", (3, 5))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = f"NHS {number}"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def pptx_alt_text(number: str) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    pic = slide.shapes.add_picture(io.BytesIO(docs.png_text(["x"])), 0, 0, Inches(1), Inches(1))
    pic._element.nvPicPr.cNvPr.set("descr", f"NHS {number}")
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def odt_meta(number: str) -> bytes:
    from odf.meta import UserDefined
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    doc.text.addElement(P(text="Letter"))
    doc.meta.addElement(UserDefined(name="NHS number", text=number))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def odt_annotation(number: str) -> bytes:
    from odf.dc import Creator
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    para = P(text="Letter")
    note = Annotation()
    note.addElement(Creator(text="Dr Jones"))
    note.addElement(P(text=f"NHS {number}"))
    para.addElement(note)
    doc.text.addElement(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def odt_embedded_object(number: str) -> bytes:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:p>NHS {number}</text:p></office:text></office:body></office:document-content>"
    )
    return edit_zip(docs.odt("Letter"), {"Object 1/content.xml": content})


OFFICE_CASES = {
    "xlsx text box": (xlsx_text_box, "list.xlsx", XLSX, "attachment list.xlsx, sheet Clinic, drawing"),
    "xlsx chart title": (xlsx_chart, "list.xlsx", XLSX, "attachment list.xlsx, sheet Data, chart"),
    "xlsx page header": (xlsx_header, "list.xlsx", XLSX, "attachment list.xlsx, sheet List, headers and links"),
    "docx core properties": (docx_core_properties, "a.docx", DOCX, "attachment a.docx, properties"),
    "docx custom properties": (docx_custom_properties, "a.docx", DOCX, "attachment a.docx, custom properties"),
    "docx alt text": (docx_alt_text, "a.docx", DOCX, "attachment a.docx, alt text"),
    "docx hyperlink target": (docx_hyperlink, "a.docx", DOCX, "attachment a.docx, links"),
    "docx field code": (docx_field_code, "a.docx", DOCX, "attachment a.docx, field codes"),
    "docx simple field": (docx_simple_field, "a.docx", DOCX, "attachment a.docx, field codes"),
    "docx embedded workbook": (
        docx_embedded_workbook,
        "a.docx",
        DOCX,
        "attachment a.docx > Microsoft_Excel_Worksheet.xlsx, sheet Patients",
    ),
    "docx OLE package": (docx_ole_package, "a.docx", DOCX, "attachment a.docx > list.csv"),
    "xlsx OLE package": (xlsx_ole_package, "l.xlsx", XLSX, "attachment l.xlsx > notes.txt"),
    "docx OLE object of unknown kind": (docx_ole_unknown_kind, "a.docx", DOCX, "attachment a.docx > oleObject2.bin"),
    "xlsx pivot cache": (xlsx_pivot_cache, "l.xlsx", XLSX, "attachment l.xlsx, pivot cache"),
    "docx altChunk": (docx_alt_chunk, "a.docx", DOCX, "attachment a.docx > afchunk.htm"),
    "pptx embedded workbook": (
        pptx_embedded_workbook,
        "r.pptx",
        PPTX,
        "attachment r.pptx > Microsoft_Excel_Worksheet1.xlsx, sheet Patients",
    ),
    "pptx chart title": (pptx_chart_title, "r.pptx", PPTX, "attachment r.pptx, slide 1, chart"),
    "pptx alt text": (pptx_alt_text, "r.pptx", PPTX, "attachment r.pptx, slide 1, alt text"),
    "odt properties": (odt_meta, "a.odt", ODT, "attachment a.odt, properties"),
    "odt comment": (odt_annotation, "a.odt", ODT, "attachment a.odt"),
    "odt embedded object": (odt_embedded_object, "a.odt", ODT, "attachment a.odt > Object 1"),
}


@pytest.mark.parametrize("case", OFFICE_CASES, ids=list(OFFICE_CASES))
def test_office_carriers(case: str) -> None:
    build, name, ctype, where = OFFICE_CASES[case]
    number = N[23 + list(OFFICE_CASES).index(case) % 10]
    v = docs.verdict(docs.message((name, ctype, build(number))))
    assert docs.found(v, "nhs_number") == {where: 1}
    assert not docs.unscannable(v)


def test_unknown_parts_are_read_or_reported() -> None:
    # A text file, an XML part and a compressed blob of no known type, none related to anything.
    import os
    import zlib

    blob = zlib.compress(os.urandom(4000))
    data = edit_zip(
        docs.docx_lib("Letter"),
        {
            "word/stash/notes.dat": f"NHS {N[33]}",
            "custom/data.xml": f"<data><patient><id>{N[34]}</id></patient></data>",
            "word/blob.bin": blob,
        },
    )
    v = docs.verdict(docs.message(("a.docx", DOCX, data)))
    assert docs.found(v, "nhs_number") == {
        "attachment a.docx, word/stash/notes.dat": 1,
        "attachment a.docx, part custom/data.xml": 1,
    }
    assert docs.unscannable(v) == {("attachment a.docx, word/blob.bin", "unsupported")}


def test_every_part_of_a_real_package_is_read_or_known() -> None:
    """A package as the libraries write it: no part left unaccounted for, nothing severe."""
    odt = edit_zip(
        odt_embedded_object(N[0]),
        {
            "ObjectReplacements/Object 1": b"VCLMTF\x01\x00" + bytes(range(256)) * 4,  # a StarView metafile preview
            "Pictures/100000000000.svm": b"VCLMTF\x01\x00" + bytes(range(256)) * 4,
            "Thumbnails/thumbnail.png": docs.png_text(["x"]),
            "settings.xml": "<office:document-settings/>",
        },
    )
    fonts = edit_zip(
        docs.docx_lib("Letter"),
        {"word/fonts/font1.odttf": bytes(range(256)) * 64},
        {
            "[Content_Types].xml": lambda x: x.replace(
                "</Types>", '<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/></Types>'
            )
        },
    )
    for name, ctype, data in (
        ("o.odt", ODT, odt),
        ("f.docx", DOCX, fonts),
        ("a.docx", DOCX, docs.docx_lib("Letter", header="Head")),
        ("r.pptx", PPTX, pptx_chart_title(N[35])),
        ("l.xlsx", XLSX, xlsx_chart(N[36])),
    ):
        parsed = docs.parse_attachment(name, data, ctype)
        assert not [p for p in parsed.problems if p.severe], name


# --- PDF ------------------------------------------------------------------------------

PDF_CASES = {
    "Info title": ({"info": {"/Title": "NHS {n}"}}, "attachment a.pdf, properties"),
    "Info custom key": ({"info": {"/PatientRef": "{n}"}}, "attachment a.pdf, properties"),
    "XMP description": ({"xmp_description": "NHS {n}"}, "attachment a.pdf, properties"),
    "bookmark": ({"bookmark": "Patient {n}"}, "attachment a.pdf, bookmarks"),
    "embedded file": ({"attachment": ("list.csv", "NHS number\n{n}\n")}, "attachment a.pdf > list.csv"),
    "comment": ({"annotation": "NHS {n}"}, "attachment a.pdf, page 1, comments"),
    "file annotation": ({"file_annotation": ("note.txt", "NHS {n}")}, "attachment a.pdf > note.txt"),
}


@pytest.mark.parametrize("case", PDF_CASES, ids=list(PDF_CASES))
def test_pdf_carriers(case: str) -> None:
    spec, where = PDF_CASES[case]
    number = N[24 + list(PDF_CASES).index(case)]
    kwargs = {}
    for key, value in spec.items():
        if isinstance(value, dict):
            kwargs[key] = {k: v.format(n=number) for k, v in value.items()}
        elif isinstance(value, tuple):
            kwargs[key] = (value[0], value[1].format(n=number).encode())
        else:
            kwargs[key] = value.format(n=number)
    v = docs.verdict(docs.message(("a.pdf", "application/pdf", docs.pdf_carriers(**kwargs))))
    assert docs.found(v, "nhs_number") == {where: 1}


def test_a_pdfs_title_and_subject_are_read_as_a_reader_shows_them() -> None:
    # the values alone, not "Title: ..." fields: a title naming a patient and their referral
    info = {"/Title": "Referral - Mr Albert Example - suspected colorectal cancer 2WW",
            "/Subject": "FIT 180, iron deficiency anaemia, weight loss", "/Author": "Dr P Sample"}
    data = docs.pdf_carriers(info=info)
    assert docs.texts(docs.parse_attachment("a.pdf", data, "application/pdf"))["attachment a.pdf, properties"].startswith(
        "Referral - Mr Albert Example")
    v = docs.verdict(docs.message(("a.pdf", "application/pdf", data)))
    assert v.action is Action.HOLD and "patient_identifier" in {f.kind for f in v.findings}
    info = {"/Title": "Falls prevention policy - suspected hip fracture pathway", "/Author": "Dr P Sample"}
    assert docs.verdict(docs.message(("a.pdf", "application/pdf", docs.pdf_carriers(info=info)))).action is Action.DELIVER


# --- JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize("ctype,name", [("application/json", "export.json"), ("application/fhir+json", "p.json"),
                                        ("application/octet-stream", "log.ndjson")])
def test_json_strings_are_read_as_their_reader_sees_them(ctype: str, name: str) -> None:
    # "\n" between a label and the number, a number written as \u escapes, a term split by "\n"
    digits = "".join(f"\\u{ord(c):04x}" for c in N[34])
    data = (
        '{"resourceType": "Bundle", "entry": [\n'
        f' {{"note": "Seen today.\\nNHS number:\\n{N[33]}\\nDiagnosis:\\nbreast\\ncancer"}},\n'
        f' {{"id": "{digits}", "path": "C:\\\\new\\\\{N[35][:3]}"}}]}}\n'
    ).encode()
    parsed = docs.parse_attachment(name, data, ctype)
    text = docs.texts(parsed)[f"attachment {name}"]
    assert f"NHS number:\n{N[33]}\nDiagnosis:\nbreast\ncancer" in text
    assert f'"id": "{N[34]}"' in text
    assert "C:\\new\\" in text  # an escaped backslash stays one backslash: no line break
    assert found(data, name, ctype) == {f"attachment {name}": 2}


def test_json_unescaped() -> None:
    from dlpgate.mime.formats.text import json_unescaped

    assert json_unescaped(r'"a\tb\"c\\n\/d"') == '"a\tb"c\\n/d"'
    assert json_unescaped(r"\ud83d\ude00 \u00e9 \ud800x \x41 \'") == "\U0001F600 \u00e9 \ufffdx A '"
    assert json_unescaped(r"no \d+ escapes \q") == r"no \d+ escapes \q"


# --- calendar and contacts --------------------------------------------------------------


def test_ics_base64_attachment_is_read_as_a_file() -> None:
    csv = base64.b64encode(f"NHS number,Name\n{N[31]},Smith\n".encode()).decode()
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Clinic\r\n"
        f"ATTACH;FMTTYPE=text/csv;ENCODING=BASE64;VALUE=BINARY;X-FILENAME=list.csv:{csv[:40]}\r\n {csv[40:]}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    assert found(ics, "invite.ics", "text/calendar") == {"attachment invite.ics > list.csv": 1}


def test_vcard_21_quoted_printable_with_soft_breaks_and_charset() -> None:
    note = quopri.encodestring(f"Zoë – NHS {spaced(N[32])}".encode()).decode()
    note = note[:22] + "=\r\n" + note[22:]  # a soft line break inside the number
    vcf = f"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Smith;Zoë\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{note}\r\nEND:VCARD\r\n"
    t = docs.texts(docs.parse_attachment("zoe.vcf", vcf.encode(), "text/vcard"))
    assert f"NOTE:Zoë – NHS {spaced(N[32])}" in t["attachment zoe.vcf"]
    assert found(vcf.encode(), "zoe.vcf", "text/vcard") == {"attachment zoe.vcf": 1}


def test_vcard_base64_text_as_outlook_exports_it() -> None:
    note = base64.b64encode(f"NHS {N[37]}".encode("utf-16-le")).decode()
    vcf = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Smith;Zoe\r\n"
        f"NOTE;CHARSET=utf-16le;ENCODING=BASE64:\r\n {note}\r\n\r\n"
        f"X-MS-NOTE;ENCODING=b:{base64.b64encode(f'Ref {N[38]}'.encode()).decode()}\r\nEND:VCARD\r\n"
    )
    assert found(vcf.encode(), "zoe.vcf", "text/x-vcard") == {"attachment zoe.vcf": 2}


# --- RTF ------------------------------------------------------------------------------


def _ole1(class_name: bytes, native: bytes) -> str:
    """An OLE 1.0 object as RTF's \\objdata holds it, in hex."""

    def lp(s: bytes) -> bytes:
        return (len(s) + 1).to_bytes(4, "little") + s + b"\x00"

    blob = b"\x01\x05\x00\x00\x02\x00\x00\x00" + lp(class_name) + lp(b"") + lp(b"") + len(native).to_bytes(4, "little") + native
    return blob.hex()


def _packager(label: str, data: bytes) -> bytes:
    path = f"C:\\Users\\jones\\{label}".encode() + b"\x00"
    return (
        b"\x02\x00" + label.encode() + b"\x00" + path + b"\x00\x00\x03\x00"
        + len(path).to_bytes(4, "little") + path + len(data).to_bytes(4, "little") + data
    )


RTF_CASES = {
    "document title": ("{{\\info{{\\title NHS {n}}}}}Body", "attachment l.rtf, properties"),
    "comment": ("Body{{\\*\\atnid JJ}}{{\\*\\annotation{{\\pard NHS {n}\\par}}}}", "attachment l.rtf, comments"),
    "field instruction": (
        'Body {{\\field{{\\*\\fldinst HYPERLINK "https://ehr.example.org/?nhs={n}"}}{{\\fldrslt record}}}}',
        "attachment l.rtf, field codes",
    ),
    "embedded file": ("{{\\object\\objemb{{\\*\\objdata {obj}}}}}", "attachment l.rtf > list.csv"),
    "user property": ("{{\\*\\userprops {{\\propname Ref}}{{\\staticval {n}}}}}Body", "attachment l.rtf, properties"),
    "form field default": ("{{\\*\\formfield{{\\*\\ffdeftext NHS {n}}}}}Body", "attachment l.rtf, form fields"),
    "Outlook HTML tag": (
        '\\fromhtml1 {{\\*\\htmltag84 <img src="cid:x" alt="NHS {n}">}}Body',
        "attachment l.rtf, attributes",
    ),
}


@pytest.mark.parametrize("case", RTF_CASES, ids=list(RTF_CASES))
def test_rtf_carriers(case: str) -> None:
    body, where = RTF_CASES[case]
    number = N[39 - list(RTF_CASES).index(case) % 8]
    obj = _ole1(b"Package", _packager("list.csv", f"NHS number\n{number}\n".encode()))
    rtf = "{\\rtf1\\ansi " + body.format(n=number, obj=obj) + "}"
    assert found(rtf.encode(), "l.rtf", "application/rtf") == {where: 1}


# --- ISO Strict OOXML --------------------------------------------------------------------

_STRICT = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def strict(data: bytes) -> bytes:
    """A Transitional package rewritten with the ISO Strict namespaces (as Office's "Strict Open XML" saves)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = {}
    for name in src.namelist():
        raw = src.read(name)
        if name.endswith((".xml", ".rels")):
            text = raw.decode()
            for old, new in _STRICT.items():
                text = text.replace(old, new)
            raw = text.encode()
        out[name] = raw
    return docs.zip_of(out)


def test_strict_ooxml_is_read() -> None:
    xlsx = strict(docs.xlsx({"Patients": [["NHS number", "Name"], [N[0], "Smith"]]}))
    docx = strict(docs.docx_lib(f"Referral NHS {spaced(N[1])}"))
    assert found(xlsx, "s.xlsx", XLSX) == {"attachment s.xlsx, sheet Patients": 1}
    assert found(docx, "s.docx", DOCX) == {"attachment s.docx": 1}
    assert docs.texts(docs.parse_attachment("s.docx", docx, DOCX))["attachment s.docx"] == f"Referral NHS {spaced(N[1])}"


def test_pdf_xfa_form_data() -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(docs.pdf(["Form"]))))
    data = DecodedStreamObject()
    data.set_data(
        f'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1><nhs>{N[2]}</nhs>'
        "</form1></xfa:data></xfa:datasets>".encode()
    )
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): ArrayObject([TextStringObject("datasets"), writer._add_object(data)]),
        }
    )
    buf = io.BytesIO()
    writer.write(buf)
    assert found(buf.getvalue(), "form.pdf", "application/pdf") == {"attachment form.pdf, form fields (XFA)": 1}


def test_vcard_4_data_uri_photo_is_read_as_a_file() -> None:
    text = base64.b64encode(f"NHS {N[3]}".encode()).decode()
    vcf = f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoe\r\nPHOTO:data:text/plain;base64,{text}\r\nEND:VCARD\r\n"
    assert found(vcf.encode(), "z.vcf", "text/vcard") == {"attachment z.vcf > attached file 1": 1}


def test_objects_embedded_in_legacy_excel_files() -> None:
    from dlpgate.mime.formats import ExtractContext
    from dlpgate.mime.formats._opc import ole_embeddings
    from dlpgate.types import Limits, Segment

    handed: list[tuple[str, bytes, str]] = []

    def recurse(data: bytes, name: str, where: str, content_type: str = "", charset=None):
        handed.append((where, data, content_type))
        yield Segment(data.decode("latin-1"), where)

    csv = f"NHS number\n{N[4]}\n".encode()
    native = docs.ole_package_object("list.csv", csv)  # an OLE file: take its Ole10Native stream
    import olefile

    with olefile.OleFileIO(io.BytesIO(native)) as ole:
        stream = ole.openstream("\x01Ole10Native").read()
    data = docs.ole_with_storage("MBD0001ABCD", "\x01Ole10Native", stream)
    ctx = ExtractContext(Limits(), 0, None, "application/vnd.ms-excel", None, recurse, None)
    items = list(ole_embeddings(data, "attachment old.xls", ctx))
    assert [(w, d) for w, d, _ in handed] == [("attachment old.xls > list.csv", csv)]
    assert items and not [i for i in items if not isinstance(i, Segment)]


def test_calendar_parameters_are_read() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Clinic\r\n"
        f'ATTENDEE;CN="Patient {spaced(N[5])}";ROLE=REQ-PARTICIPANT:mailto:clinic@example-trust.nhs.uk\r\n'
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    assert found(ics, "invite.ics", "text/calendar") == {"attachment invite.ics": 1}


# --- the bytes decide, not the label -------------------------------------------------------


@pytest.mark.parametrize(
    "name,ctype",
    [("p.jpg", "image/jpeg"), ("d.mp3", "audio/mpeg"), ("v.mp4", "video/mp4"), ("f.ttf", "font/ttf"),
     ("photo.jpg", docs.OCTET), ("m.glb", "model/gltf-binary")],
)
def test_unknown_bytes_are_held_whatever_media_label_they_carry(name: str, ctype: str) -> None:
    blob = random.Random(7).randbytes(4000)  # no format dlpgate knows: a label alone vouches for nothing
    v = docs.verdict(docs.message((name, ctype, blob)))
    assert v.action is Action.HOLD and docs.unscannable(v) == {(f"attachment {name}", "unsupported")}
    png = docs.png_text(["Clinic car park"])  # a picture is still only noted
    assert docs.verdict(docs.message(("p.png", "image/png", png))).action is Action.DELIVER


def test_bytes_that_only_start_like_an_openpgp_signature_are_read_as_what_they_are() -> None:
    csv = f"Name,NHS number\nJane Roe,{spaced(N[30])}\n".encode()
    for head in (b"\x8b\x01", b"\x9b\x02"):  # old-format signature / key packets of no length: no OpenPGP
        v = docs.verdict(docs.message(("list.csv", "text/csv", head + csv)))
        assert v.action is Action.HOLD, head
        assert not docs.unscannable(v) or docs.found(v, "nhs_number"), head


@pytest.mark.parametrize("name", ["outlook_html_body.msg", "outlook_html_link.msg"])
def test_every_body_of_an_outlook_item_is_read(name: str) -> None:
    # data/README.md: the patient's details are only in the HTML body Outlook shows
    data = (Path(__file__).parent / "data" / name).read_bytes()
    v = docs.verdict(docs.message((name, "application/vnd.ms-outlook", data)))
    assert v.action is Action.HOLD
    assert any("message body (html)" in where for where in docs.found(v, "nhs_number")), docs.found(v, "nhs_number")


def test_windows_1252_bytes_in_a_utf8_body_are_read_as_mail_programs_show_them() -> None:
    n = N[31]
    body = f"Patient NHS number {n[:3]}\xa0{n[3:6]}\xa0{n[6:]}, seen in clinic".encode("cp1252")
    raw = (
        b"From: a@example-trust.nhs.uk\r\nTo: b@partner.example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )
    assert docs.found(docs.verdict(raw), "nhs_number") == {"message body": 1}


def test_a_legacy_word_documents_headers_notes_and_short_files_are_read() -> None:
    # data/README.md: a header antiword leaves out, and a file too short for antiword
    data = (Path(__file__).parent / "data" / "word_header_patient.doc").read_bytes()
    texts = docs.texts(docs.parse_attachment("letter.doc", data, "application/msword"))
    assert texts["attachment letter.doc"].strip() == "Body text."
    assert "NHS No 471 015 1318" in texts["attachment letter.doc, headers, notes and text boxes"]
    short = (Path(__file__).parent / "data" / "word_short_ministream.doc").read_bytes()
    parsed = docs.parse_attachment("minutes.doc", short, "application/msword")
    assert "car park works agreed" in docs.texts(parsed)["attachment minutes.doc"]
    assert not parsed.problems


def _pgp_packet(tag: int, body: bytes) -> bytes:
    assert len(body) < 8384
    if len(body) < 192:
        return bytes([0xC0 | tag, len(body)]) + body
    n = len(body) - 192
    return bytes([0xC0 | tag, (n >> 8) + 192, n & 0xFF]) + body


def _pgp_signed(content: bytes, name: bytes = b"letter.txt") -> bytes:
    """A signed, not encrypted, OpenPGP message as gpg --sign writes it: a compressed packet
    holding a one-pass signature, the literal data and the signature (made up here)."""
    one_pass = _pgp_packet(4, b"\x03\x00\x08\x01" + bytes(8) + b"\x01")
    literal = _pgp_packet(11, b"b" + bytes([len(name)]) + name + bytes(4) + content)
    signature = _pgp_packet(2, b"\x04\x00\x08\x01" + bytes(40))
    return _pgp_packet(8, b"\x02" + zlib.compress(one_pass + literal + signature))


def test_a_signed_not_encrypted_openpgp_message_is_read() -> None:
    letter = f"Patient NHS number {spaced(N[32])}, seen in clinic".encode()
    binary = _pgp_signed(letter)
    armoured = b"-----BEGIN PGP MESSAGE-----\n\n" + base64.encodebytes(binary) + b"=AbCd\n-----END PGP MESSAGE-----\n"
    for name, data in (("letter.txt.gpg", binary), ("letter.asc", armoured)):
        v = docs.verdict(docs.message((name, "application/octet-stream", data)))
        assert docs.found(v, "nhs_number") == {f"attachment {name} > signed content": 1}, name
        assert not docs.unscannable(v), name
    clean = docs.verdict(docs.message(("quote.gpg", docs.OCTET, _pgp_signed(b"Chairs: 12 at 40.00 GBP"))))
    assert clean.action is Action.DELIVER
    # a session key first: encrypted, whatever follows
    encrypted = _pgp_packet(1, b"\x03" + bytes(8) + b"\x01" + bytes(64)) + _pgp_packet(18, b"\x01" + bytes(100))
    assert docs.unscannable(docs.verdict(docs.message(("x.gpg", docs.OCTET, encrypted)))) == {
        ("attachment x.gpg", "encrypted")
    }


def test_a_zip_appended_to_a_pdf_is_read_too() -> None:
    csv = f"Name,NHS number\nJane Roe,{spaced(N[33])}\n"
    data = docs.pdf(["Trust newsletter"]) + docs.zip_of({"patients.csv": csv})
    v = docs.verdict(docs.message(("news.pdf", "application/pdf", data)))
    assert docs.found(v, "nhs_number") == {"attachment news.pdf > patients.csv": 1}


def _small_jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (320, 240), (120, 160, 200)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _small_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 80), (0, 94, 184)).save(buf, "PNG")
    return buf.getvalue()


def _csv_of(*numbers: str) -> bytes:
    return ("Name,NHS number,Diagnosis\n" + "".join(f"Jane Roe,{spaced(n)},diabetes\n" for n in numbers)).encode()


@pytest.mark.parametrize(
    "name,ctype,build,where",
    [
        ("ward.jpg", "image/jpeg", lambda csv: _small_jpeg() + b"\r\n" + csv, "attachment ward.jpg"),
        ("shot.png", "image/png", lambda csv: _small_png() + csv, "attachment shot.png"),
        ("ward.jpg", "image/jpeg", lambda csv: _small_jpeg() + docs.seven_zip({"list.csv": csv}),
         "attachment ward.jpg > list.csv"),
        ("minutes.docx", DOCX, lambda csv: docs.docx_lib("Minutes.") + b"\r\n" + csv, "attachment minutes.docx"),
        ("cover.pdf", "application/pdf", lambda csv: docs.pdf(["Cover"]) + b"\n" + csv, "attachment cover.pdf"),
        ("notes.zip", "application/zip", lambda csv: docs.zip_of({"a.txt": "Minutes."}) + csv + b"lorem ipsum " * 7000,
         "attachment notes.zip"),
        ("minutes.docx", DOCX, lambda csv: docs.docx_lib("Minutes.") + b"lorem ipsum " * 7000 + csv,
         "attachment minutes.docx"),
    ],
    ids=["csv after a JPEG's EOI", "text after a PNG's IEND", "7z after a JPEG", "csv after a DOCX's end record",
         "csv after a PDF's %%EOF", "csv more than 64 KB after a zip's end", "csv more than 64 KB after a DOCX's end"],
)
def test_bytes_after_a_files_end_are_read_as_the_file_they_are(name, ctype, build, where) -> None:
    v = docs.verdict(docs.message((name, ctype, build(_csv_of(N[34], N[35])))))
    assert docs.found(v, "nhs_number") == {where: 2}
    assert v.action is Action.HOLD


@pytest.mark.parametrize(
    "tail",
    [b"", b"\x00" * 4096, b"\r\n", b"\xff" * 100, b"\x9e\x11junk" * 4],
    ids=["nothing", "zero padding", "a line end", "0xFF padding", "a few bytes of junk"],
)
def test_padding_or_junk_after_a_picture_is_no_content(tail: bytes) -> None:
    v = docs.verdict(docs.message(("photo.jpg", "image/jpeg", _small_jpeg() + tail)))
    assert v.action is Action.DELIVER
    v = docs.verdict(docs.message(("logo.png", "image/png", _small_png() + tail)))
    assert v.action is Action.DELIVER


def test_a_zip_followed_by_more_than_64_kb_is_read_not_taken_for_a_damaged_one() -> None:
    data = docs.zip_of({"a.txt": "Minutes."})
    v = docs.verdict(docs.message(("notes.zip", "application/zip", data + b"\x00" * 70000)))
    assert v.action is Action.DELIVER and not docs.unscannable(v)
    texts = docs.texts(docs.parse_attachment("notes.zip", data + b"\x00" * 70000, "application/zip"))
    assert texts["attachment notes.zip > a.txt"] == "Minutes."
    # unknown bytes there are held as unknown binary after any file's end is
    v = docs.verdict(docs.message(("notes.zip", "application/zip", data + bytes(range(256)) * 300)))
    assert docs.unscannable(v) == {("attachment notes.zip", "unsupported")}


def test_unknown_binary_after_a_picture_is_held() -> None:
    tail = random.Random(5).randbytes(20_000)  # what no reader knows: held, as unknown binary is
    v = docs.verdict(docs.message(("photo.jpg", "image/jpeg", _small_jpeg() + tail)))
    assert ("attachment photo.jpg", "unsupported") in docs.unscannable(v)


def _mp4() -> bytes:
    box = (24).to_bytes(4, "big") + b"ftypmp42" + bytes(4) + b"isommp42"
    return box + (4008).to_bytes(4, "big") + b"mdat" + random.Random(7).randbytes(4000)


def _samsung_trailer(blocks: list[tuple[bytes, bytes]]) -> bytes:
    body = b""
    starts = []
    for name, data in blocks:
        starts.append((len(body), len(data) + 8 + len(name)))
        body += b"\x00\x00\x01\x0a" + len(name).to_bytes(4, "little") + name + data
    directory = b"SEFH" + (106).to_bytes(4, "little") + len(blocks).to_bytes(4, "little")
    for start, length in starts:
        directory += b"\x00\x00\x01\x0a" + (len(body) - start).to_bytes(4, "little") + length.to_bytes(4, "little")
    return body + directory + len(directory).to_bytes(4, "little") + b"SEFT"


@pytest.mark.parametrize(
    "tail",
    [
        _mp4(),
        _small_jpeg(),
        b"\x00" * 23 + _small_jpeg(),
        _samsung_trailer([(b"MotionPhoto_Data", _mp4()), (b"Image_UTC_Data", b"1715678400000"),
                          (b"DualShot_DepthMap_1", random.Random(9).randbytes(30_000))]),
    ],
    ids=["a motion photo's video", "a second picture (MPF)", "a second picture after zero padding (an MPO)",
         "a Samsung camera's trailer"],
)
def test_what_cameras_append_is_read_and_not_held(tail: bytes) -> None:
    v = docs.verdict(docs.message(("PXL_20240514.MP.jpg", "image/jpeg", _small_jpeg() + tail)))
    assert v.action is Action.DELIVER, v.findings


def test_a_samsung_trailer_is_read_block_by_block() -> None:
    tail = _samsung_trailer([(b"Image_UTC_Data", b"1715678400000"), (b"Notes", _csv_of(N[36]))])
    v = docs.verdict(docs.message(("20240514.jpg", "image/jpeg", _small_jpeg() + tail)))
    assert docs.found(v, "nhs_number") == {"attachment [...].jpg, camera data Notes": 1}  # a date in a name may be a birth date


@pytest.mark.parametrize(
    "head,ctype",
    [(b"\x02dss", "audio/x-dss"), (b"\x03ds2", "audio/x-ds2"), (b"caff", "audio/x-caf"), (b"VCLMTF", "image/x-svm"),
     (b".snd\x00\x00\x00\x18", "audio/basic"), (b"P5\n256 244\n255\n", "image/x-portable-graymap")],
    ids=["DSS dictation", "DS2 dictation", "Core Audio", "StarView metafile", "Sun audio", "Netpbm"],
)
def test_media_the_bytes_name_are_noted_not_held(head: bytes, ctype: str) -> None:
    # a dictation file is genuine audio (only noted, as a photo is), whatever it is labelled
    data = head + random.Random(3).randbytes(3000)
    for label in (ctype, docs.OCTET):
        v = docs.verdict(docs.message(("note.bin", label, data)))
        assert v.action is Action.DELIVER, label


def _dicom(patient_id: str, preamble: bytes = bytes(128), pdf: bytes = b"") -> bytes:
    from pydicom.uid import ExplicitVRLittleEndian

    ds = docs.dicom_dataset("1.2.840.10008.5.1.4.1.1.7", ExplicitVRLittleEndian)
    ds.preamble = preamble
    ds.PatientName = "SMITH^Margaret"
    ds.PatientID = patient_id
    ds.PatientBirthDate = "19610302"
    ds.StudyDescription = "MRI brain - suspected glioma"
    if pdf:
        ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
        ds.EncapsulatedDocument = pdf
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def test_a_dicom_files_patient_is_read_whatever_its_label_or_preamble() -> None:
    data = _dicom(N[34])
    texts = docs.texts(docs.parse_attachment("scan.dcm", data, "application/dicom"))
    lines = texts["attachment scan.dcm"].splitlines()
    assert "patient name: Margaret SMITH" in lines and f"patient id: {N[34]}" in lines
    assert "patient birth date: 1961-03-02" in lines
    # a preamble that starts like a TIFF picture, and a picture's label: still DICOM
    tiff_like = _dicom(N[35], preamble=b"II*\x00" + bytes(124))
    for name, label in (("scan.jpg", "image/jpeg"), ("scan.bin", docs.OCTET)):
        v = docs.verdict(docs.message((name, label, tiff_like)))
        assert docs.found(v, "nhs_number") == {f"attachment {name}": 1}, label
    report = docs.pdf([f"Report for NHS number {spaced(N[36])}"])
    v = docs.verdict(docs.message(("sr.dcm", "application/dicom", _dicom("RXX123", pdf=report))))
    assert docs.found(v, "nhs_number") == {"attachment sr.dcm > encapsulated document 1, page 1": 1}


def _raw_dicom(name: str, patient_id: str, description: str, implicit: bool, meta: bool = False) -> bytes:
    """A DICOM dataset as some PACS exports and older systems write one: no preamble, no "DICM",
    the data elements from the first byte (the file meta group first, or the dataset itself)."""
    import pydicom
    from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

    ds = docs.dicom_dataset("1.2.840.10008.5.1.4.1.1.2", ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyDate, ds.Modality, ds.Manufacturer = "20250304", "CT", "SIEMENS"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate = name, patient_id, "19520417"
    ds.StudyDescription = description
    ds.Rows = ds.Columns = 8
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.PixelData = bytes(range(128))
    out = io.BytesIO()
    if meta:
        ds.file_meta.ImplementationClassUID = "1.2.276.0.7230010.3.0.3.6.8"
        pydicom.filewriter.write_file_meta_info(out, ds.file_meta, enforce_standard=True)
    pydicom.dcmwrite(out, ds, implicit_vr=implicit, little_endian=True)
    return out.getvalue()


@pytest.mark.parametrize(("implicit", "meta"), [(True, False), (False, False), (True, True)])
def test_a_dicom_dataset_without_its_preamble_is_read_as_dicom(implicit: bool, meta: bool) -> None:
    from dlpgate.mime.sniff import sniff

    data = _raw_dicom("GREGSON^MALCOLM", N[38], "CT CHEST ?LUNG CANCER STAGING", implicit, meta)
    assert data[128:132] != b"DICM" and sniff(data).kind == "dicom"
    # its elements read, under a generic label and a name that says nothing
    v = docs.verdict(docs.message(("IM000001", docs.OCTET, data)))
    assert list(docs.found(v, "nhs_number").values()) == [1]  # (the name, all digits, is not shown)
    assert not docs.unscannable(v)
    # a phantom's daily quality-control image is an ordinary file: delivered, the picture only noted
    qa = _raw_dicom("QA^CATPHAN", "QA-CT2-DAILY", "DAILY QA", implicit, meta)
    v = docs.verdict(docs.message(("IM000001", docs.OCTET, qa)))
    assert v.action is Action.DELIVER and not docs.unscannable(v)


def test_binary_that_starts_like_a_dicom_element_is_not_taken_for_one() -> None:
    from dlpgate.mime.sniff import is_raw_dicom

    rng = random.Random(7)
    for i in range(2000):
        assert not is_raw_dicom(bytes((8 if i % 2 else 2, 0)) + rng.randbytes(600))
    assert not is_raw_dicom(b"\x08\x00" + bytes(200))  # zeros: the same tag again
    element = b"\x08\x00\x05\x00\x0a\x00\x00\x00ISO_IR 100"
    assert not is_raw_dicom(element + element * 3)  # tags that do not ascend
    assert not is_raw_dicom(element + b"\x08\x00\x16\x00\x1b\x00\x00\x00" + bytes(27))  # an odd length
    assert not is_raw_dicom(b"\x10\x00\x10\x00" + element[4:] * 4)  # neither the meta nor the first group


def test_a_legacy_office_files_properties_are_read() -> None:
    # data/README.md: the patient is only in the document's properties (File > Properties)
    data = (Path(__file__).parent / "data" / "word_properties.doc").read_bytes()
    texts = docs.texts(docs.parse_attachment("letter.doc", data, "application/msword"))
    assert "subject: NHS 452 601 8155" in texts["attachment letter.doc, properties"].splitlines()
    v = docs.verdict(docs.message(("letter.doc", "application/msword", data)))
    assert docs.found(v, "nhs_number") == {"attachment letter.doc, properties": 1}


def _jpeg_with_iptc_caption(caption: bytes) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "JPEG")
    jpg = buf.getvalue()
    record = b"\x1c\x02\x78" + len(caption).to_bytes(2, "big") + caption  # 2:120, Caption-Abstract
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record + b"\x00" * (len(record) % 2)
    app13 = b"Photoshop 3.0\x00" + resource
    return jpg[:2] + b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13 + jpg[2:]


def test_a_photos_iptc_caption_is_read() -> None:
    data = _jpeg_with_iptc_caption(f"Wound, NHS number {spaced(N[37])}".encode())
    texts = docs.texts(docs.parse_attachment("wound.jpg", data, "image/jpeg"))
    assert f"Wound, NHS number {spaced(N[37])}" in texts["attachment wound.jpg, image metadata"]


def test_a_recordings_tags_are_read() -> None:
    # an MP3 dictation whose title names its patient (ID3v2.3 TIT2; the audio: one silent frame)
    title = f"Dictation: Jane Roe, NHS {spaced(N[38])}".encode("latin-1")
    frame = b"TIT2" + (len(title) + 1).to_bytes(4, "big") + b"\x00\x00" + b"\x00" + title
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    mp3 = b"ID3\x03\x00\x00" + syncsafe + frame + b"\xff\xfb\x90\x00" + bytes(413)
    v = docs.verdict(docs.message(("dictation.mp3", "audio/mpeg", mp3)))
    assert docs.found(v, "nhs_number") == {"attachment dictation.mp3, tags": 1}
    silent = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" + bytes(413)
    assert docs.verdict(docs.message(("note.mp3", "audio/mpeg", silent))).action is Action.DELIVER


def test_a_query_value_written_with_plus_for_spaces_is_read_as_a_form_decodes_it() -> None:
    from dlpgate.mime.formats.text import urls_unquoted

    link = f"https://epr.example.nhs.uk/search?nhs={spaced(N[30], '+')}&surname=Example"
    assert spaced(N[30]) in urls_unquoted(f"Open {link} to see her record.")
    assert urls_unquoted("Total = 3+4 boxes") == "Total = 3+4 boxes"  # no query: left as written


def _armour(block: str, payload: bytes) -> bytes:
    return (
        f"-----BEGIN PGP {block}-----\nVersion: GnuPG v2\n\n".encode()
        + base64.encodebytes(payload)
        + f"=AbCd\n-----END PGP {block}-----\n".encode()
    )


@pytest.mark.parametrize("block", ["PUBLIC KEY BLOCK", "SIGNATURE", "MESSAGE"])
@pytest.mark.parametrize(("name", "ctype"), [("pubkey.asc", "application/pgp-keys"), ("notes.txt", "text/plain"),
                                             ("data.bin", docs.OCTET), ("signature.asc", "application/pgp-signature")])
def test_pgp_armour_around_what_is_no_openpgp_is_read_as_what_it_holds(block: str, name: str, ctype: str) -> None:
    # The armour's label is no reason to skip it: its base64 is decoded and read by its bytes.
    letter = f"Patient: Jane Example\nNHS number {spaced(N[33])}\nDiagnosis: breast cancer\n".encode()
    v = docs.verdict(docs.message((name, ctype, _armour(block, letter))))
    assert docs.found(v, "nhs_number") == {f"attachment {name} > armoured data 1": 1}


def test_a_real_public_key_and_signature_are_noted_not_held() -> None:
    key = _pgp_packet(6, b"\x04" + bytes(4) + b"\x01" + bytes(40)) + _pgp_packet(13, b"Jo Example <jo@example.org>")
    key += _pgp_packet(2, b"\x04\x13\x08\x01" + bytes(40))
    for block, payload in (("PUBLIC KEY BLOCK", key), ("SIGNATURE", _pgp_packet(2, b"\x04\x00\x08\x01" + bytes(40)))):
        v = docs.verdict(docs.message(("key.asc", "application/pgp-keys", _armour(block, payload))))
        assert v.action is Action.DELIVER, block


def test_pgp_armour_around_words_is_text_not_ciphertext() -> None:
    # A list reply quoting a test message: "-----BEGIN PGP MESSAGE-----" around words is no ciphertext.
    body = ("> -----BEGIN PGP MESSAGE-----\n> Version: GnuPG v1.0.6\n>\n> blah, blah, blah\n"
            "> -----END PGP MESSAGE-----\n\nThat is what exmh shows for it.\n")
    v = docs.verdict(docs.message(("reply.txt", "text/plain", body.encode())))
    assert v.action is Action.DELIVER and not docs.unscannable(v)
    cipher = _armour("MESSAGE", _pgp_packet(1, b"\x03" + bytes(8) + b"\x01" + bytes(64)) + _pgp_packet(18, bytes(90)))
    held = docs.verdict(docs.message(("reply.txt", "text/plain", cipher)))
    assert docs.unscannable(held) == {("attachment reply.txt", "encrypted")}


def _deidentified_dicom(name: str = "ANON^0042", patient_id: str = "STUDY042", birth_date: str = "") -> bytes:
    from pydicom.uid import ExplicitVRLittleEndian

    ds = docs.dicom_dataset("1.2.840.10008.5.1.4.1.1.2", ExplicitVRLittleEndian)
    ds.Modality = "CT"
    ds.StudyDescription = "CT THORAX - ?lung cancer staging"
    ds.PatientName = name
    ds.PatientID = patient_id
    ds.PatientSex = "M"
    ds.PatientAge = "067Y"
    if birth_date:
        ds.PatientBirthDate = birth_date
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "Basic Application Confidentiality Profile"
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()


def test_a_dicom_file_that_declares_its_patient_de_identified_is_delivered() -> None:
    # A research core lab's pseudonymised slice: a study's code for the name and the ID, an age
    # only. No one can be identified from it: its "patient id" is the study's.
    for name in ("ANON^0042", "", "ANONYMOUS", "SUBJECT^17"):
        v = docs.verdict(docs.message(("S042_0001.dcm", "application/dicom", _deidentified_dicom(name))))
        assert v.action is Action.DELIVER, (name, v.findings)


def test_a_dicom_file_said_de_identified_that_still_names_its_patient_is_held() -> None:
    # the flag set but a person's name, a date of birth or an NHS number left in it
    for data in (_deidentified_dicom("PRICE^Patricia"), _deidentified_dicom(birth_date="19571102"),
                 _deidentified_dicom(patient_id=N[37])):
        v = docs.verdict(docs.message(("slice.dcm", "application/dicom", data)))
        assert v.action is Action.HOLD, v.findings


# --- kinds of file a message may carry besides documents ---------------------------------

M = nhs_numbers(8, seed=3838)


def _message_armour(binary: bytes) -> str:
    return "-----BEGIN PGP MESSAGE-----\n\n" + base64.encodebytes(binary).decode() + "=AbCd\n-----END PGP MESSAGE-----\n"


def test_a_signed_openpgp_message_pasted_into_a_body_is_read_not_held_as_ciphertext() -> None:
    # gpg --armor --sign: compressed literal data anyone can read, pasted between words of a mail
    letter = f"Patient: Mrs Example, NHS number {spaced(M[0])}, bipolar disorder".encode()
    v = docs.verdict(docs.message(body="Hi Tom,\n\nSigned note below.\n\n" + _message_armour(_pgp_signed(letter)) + "\nSarah\n"))
    assert docs.found(v, "nhs_number") == {"message body > signed content": 1}
    assert not docs.unscannable(v)
    quoted = "> " + _message_armour(_pgp_signed(letter)).replace("\n", "\n> ")
    v = docs.verdict(docs.message(body="Replying below.\n\n" + quoted))
    assert docs.found(v, "nhs_number") == {"message body > signed content": 1}, v.findings
    clean = docs.verdict(docs.message(body="Release notes:\n\n" + _message_armour(_pgp_signed(b"v4.2: dark mode, A5 printing."))))
    assert clean.action is Action.DELIVER, clean.findings
    encrypted = _pgp_packet(1, b"\x03" + bytes(8) + b"\x01" + bytes(64)) + _pgp_packet(18, b"\x01" + bytes(100))
    held = docs.verdict(docs.message(body="See below.\n\n" + _message_armour(encrypted)))
    assert docs.unscannable(held) == {("message body", "encrypted")}


def _shell_link(path: str, description: str = "", damaged: bool = False) -> bytes:
    """A Windows shortcut ([MS-SHLLINK]): header, LinkInfo with the target's local path,
    then its description and relative path as Unicode strings, as Explorer writes one."""
    import struct

    flags = 0x02 | 0x08 | 0x80 | (0x04 if description else 0)
    header = (struct.pack("<I", 0x4C) + bytes.fromhex("0114020000000000c000000000000046")
              + struct.pack("<II", flags, 0x20) + bytes(24) + struct.pack("<IIIH", 24576, 0, 1, 0) + bytes(10))
    volume = struct.pack("<IIII", 17, 3, 0x1234ABCD, 16) + b"\x00"
    local = path.encode("cp1252") + b"\x00"
    body = struct.pack("<IIIIII", 28, 1, 28, 28 + len(volume), 0, 28 + len(volume) + len(local)) + volume + local + b"\x00"
    info = struct.pack("<I", len(body) + 4) + body

    def counted(s: str) -> bytes:
        return struct.pack("<H", len(s)) + s.encode("utf-16-le")

    strings = (counted(description) if description else b"") + counted(".\\" + path.rsplit("\\", 1)[-1])
    data = header + info + strings + bytes(4)
    return data[: len(data) - 30] if damaged else data


def test_a_windows_shortcut_is_read_for_the_path_it_names() -> None:
    target = f"P:\\Safeguarding\\Referrals\\Jane Roe {M[1]} - MARAC.docx"
    for name, ctype in (("Referral.lnk", docs.OCTET), ("link.dat", docs.OCTET), ("Referral.lnk", "application/x-ms-shortcut")):
        v = docs.verdict(docs.message((name, ctype, _shell_link(target, "MARAC referral"))))
        assert set(docs.found(v, "nhs_number")) == {f"attachment {name}"}, name  # its path, its relative path
        assert not docs.unscannable(v), name
    policy = _shell_link("S:\\Policies\\Infection Control\\Hand Hygiene Policy v3.2.docx", "Hand hygiene")
    assert docs.verdict(docs.message(("Policy.lnk", docs.OCTET, policy))).action is Action.DELIVER
    # a damaged one: its strings are still read, and it is corrupt; bytes named .lnk that are
    # no shortcut are unknown binary
    damaged = docs.verdict(docs.message(("Policy.lnk", docs.OCTET, _shell_link("S:\\Policies\\Hand Hygiene.docx", "x", damaged=True))))
    assert docs.unscannable(damaged) == {("attachment Policy.lnk", "corrupt")}
    parsed = docs.parse_attachment("Referral.lnk", _shell_link(target, "MARAC referral", damaged=True))
    assert M[1] in docs.texts(parsed)["attachment Referral.lnk"]
    other = docs.verdict(docs.message(("x.lnk", docs.OCTET, bytes(range(256)) * 2)))
    assert docs.unscannable(other) == {("attachment x.lnk", "unsupported")}


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _pb(field: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return _varint(field << 3) + _varint(value)
    return _varint(field << 3 | 2) + _varint(len(value)) + value


def _snappy_literal_then_copy(data: bytes) -> bytes:
    """Raw Snappy: the first half as a literal, then the rest as copies where it repeats, as
    the compressor writes them (here: the text written twice, the second time as one copy)."""
    half = len(data) // 2
    assert data[half:] == data[:half]
    out = _varint(len(data)) + bytes([61 << 2]) + (half - 1).to_bytes(2, "little") + data[:half]
    left = half
    while left:
        n = min(64, left)
        out += bytes([((n - 1) << 2) | 2]) + half.to_bytes(2, "little")
        left -= n
    return out


def _iwa(*texts: str) -> bytes:
    """An iWork archive: ArchiveInfo + a storage message per text (field 3: the text, inside a
    nested message as TSWP storage holds it), Snappy-compressed, in one chunk."""
    stream = b""
    for i, text in enumerate(texts, 1):
        message = _pb(1, 1) + _pb(3, text.encode()) + _pb(5, _pb(1, 7) + _pb(2, b"Body"))
        info = _pb(1, i) + _pb(2, _pb(1, 2001) + _pb(2, b"\x01\x00\x05") + _pb(3, len(message)))
        stream += _varint(len(info)) + info + message
    packed = _snappy_literal_then_copy(stream + stream)
    return b"\x00" + len(packed).to_bytes(3, "little") + packed


def test_an_iwork_document_is_read_from_its_archives() -> None:
    from dlpgate.mime.formats.iwork import snappy

    letter = f"Dear Mr Roe, your son (NHS number {spaced(M[2])}) has type 1 diabetes."
    index = docs.zip_of({"Index/Document.iwa": _iwa("Letter", letter), "Index/Metadata.iwa": _iwa("Pages")})
    for files in ({"Index.zip": index, "preview.jpg": b""}, {"Index/Document.iwa": _iwa(letter)}):
        v = docs.verdict(docs.message(("letter.pages", docs.OCTET, docs.zip_of(files))))
        assert list(docs.found(v, "nhs_number").values()) == [2], v.findings  # the stream written twice
        assert not docs.unscannable(v)
    news = docs.zip_of({"Index/Document.iwa": _iwa("Friends of the Hospital newsletter: the fete raised 4,210 pounds.")})
    assert docs.verdict(docs.message(("news.pages", docs.OCTET, news))).action is Action.DELIVER
    # bytes named .iwa that are no archive are unread: held, not passed
    v = docs.verdict(docs.message(("x.numbers", docs.OCTET, docs.zip_of({"Index/Tables/DataList.iwa": bytes(range(256)) * 4}))))
    assert docs.unscannable(v) == {("attachment x.numbers > Index/Tables/DataList.iwa", "corrupt")}
    # each kind of Snappy copy, overlapping ones too
    assert snappy(b"\x0c" + b"\x0cabcd" + b"\x11\x04", 100) == b"abcdabcdabcd"  # 1-byte offset copy
    assert snappy(b"\x09" + b"\x00a" + b"\x1e\x01\x00", 100) == b"a" * 9  # 2-byte offset, run of one
    assert snappy(b"\x06" + b"\x08xyz" + b"\x0b\x03\x00\x00\x00", 100) == b"xyzxyz"  # 4-byte offset
    for bad in (b"\x05\x00a", b"\x04\x00a\x0e\x05\x00", b"\x02\x04ab" + b"\x00"):
        with pytest.raises(ValueError):
            snappy(bad, 100)
