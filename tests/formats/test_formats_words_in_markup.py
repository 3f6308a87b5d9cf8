"""Words people write into the markup of a document rather than its text: a drop-down's
items, a link's tooltip, a data connection's query, a workbook's tab names, a form field's
name written as one word. Read, each under its place, and judged like any text."""

from __future__ import annotations

import datetime
import io
import zipfile

from tests.formats import docs
from tests.formats.docs import XLSX
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(4, seed=91)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_drop_downs_items_and_a_links_tooltip_are_read() -> None:
    xml = (
        "<w:p><w:r><w:t>Clinic slot request</w:t></w:r></w:p>"
        f'<w:sdt><w:sdtPr><w:dropDownList><w:listItem w:displayText="Aisha Example ({N[0]})" w:value="{N[0]}"/>'
        "</w:dropDownList></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Choose</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        f'<w:p><w:hyperlink w:tooltip="Callum Example NHS {spaced(N[1])} DOB 11/01/1939"><w:r><w:t>notes</w:t></w:r>'
        "</w:hyperlink></w:p>"
    )
    data = docs.zip_of({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {docs.W}><w:body>{xml}</w:body></w:document>',
    })
    v = docs.verdict(docs.message(("slots.docx", DOCX, data)))
    assert docs.found(v, "nhs_number") == {"attachment slots.docx, words in its markup": 2}


def test_style_font_and_theme_names_are_not_read_as_words() -> None:
    text = docs.texts(docs.parse_attachment("letter.docx", docs.docx_lib("Dear Dr Example"), DOCX))
    assert not any("words in its markup" in where for where in text), text


def test_a_workbooks_tab_names_are_read() -> None:
    data = docs.xlsx({f"Example O {N[2]}": [["Clinic", "Date"], ["Diabetes", datetime.date(2026, 12, 1)]],
                      "Sheet2": [["x"]]})
    v = docs.verdict(docs.message(("capacity.xlsx", XLSX, data)))
    assert docs.found(v, "nhs_number") == {"attachment capacity.xlsx, tab names": 1}
    plain = docs.texts(docs.parse_attachment("a.xlsx", docs.xlsx({"Sheet1": [["x"]], "Summary": [["y"]]}), XLSX))
    assert plain["attachment a.xlsx, tab names"] == "Summary"  # "Sheet1" says nothing


def test_a_form_fields_name_written_as_one_word_is_its_label() -> None:
    from dlpgate.detectors.numbers import analyse

    for label, other in (("InvoiceNumber", True), ("PONumber", True), ("NHSNumber", False), ("patientNhsNo", False)):
        conf = analyse(f"SupplierName: Medisupply Ltd\n{label}: {N[3]}\n").by_scheme["nhs_number"][0][1]
        assert (conf < 0.5) is other, label


def test_a_pdf_forms_list_of_choices_is_read() -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    data = docs.pdf_with_form_field("Patient", "")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    field = writer._root_object["/AcroForm"]["/Fields"][0].get_object()
    field[NameObject("/FT")] = NameObject("/Ch")
    field[NameObject("/Opt")] = ArrayObject(
        [TextStringObject(f"Maureen Example ({N[0]})"), ArrayObject([TextStringObject(N[1]), TextStringObject("Aisha Example")])]
    )
    buf = io.BytesIO()
    writer.write(buf)
    v = docs.verdict(docs.message(("booking.pdf", "application/pdf", buf.getvalue())))
    assert sum(docs.found(v, "nhs_number").values()) == 2


def test_words_in_an_opendocuments_markup_are_read() -> None:


    data = docs.odt("Dear Dr Example, the slot is booked.")
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "content.xml":
                body = body.replace(
                    b"</office:text>",
                    f'<text:p><text:hidden-text text:condition="ooow:1" text:string-value="Stanley Example NHS {spaced(N[2])}" '
                    'text:is-hidden="true"/></text:p></office:text>'.encode(),
                )
            out.writestr(info, body)
    assert buf.getvalue() != data
    v = docs.verdict(docs.message(("letter.odt", "application/vnd.oasis.opendocument.text", buf.getvalue())))
    assert docs.found(v, "nhs_number") == {"attachment letter.odt, words in its markup": 1}


# --- Word: symbols, a mail merge's data source, custom XML ---------------------------------

M = nhs_numbers(4, seed=3303)
_SETTINGS_REL = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'settings" Target="settings.xml"/></Relationships>')


def _docx(body: str, parts: dict[str, str] | None = None) -> bytes:
    return docs.zip_of({
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {docs.W}><w:body>{body}</w:body></w:document>',
        **(parts or {}),
    })


def _symbols(digits: str, font: str = "Symbol") -> str:
    return "".join(f'<w:r><w:sym w:font="{font}" w:char="F03{d}"/></w:r>' for d in digits)


def test_digits_written_as_symbol_characters_are_read_in_their_paragraph() -> None:
    body = f'<w:p><w:r><w:t xml:space="preserve">NHS No: </w:t></w:r>{_symbols(M[0])}</w:p>'
    v = docs.verdict(docs.message(("letter.docx", DOCX, _docx(body))))
    assert docs.found(v, "nhs_number") == {"attachment letter.docx": 1}
    # a tick and a few digits drawn as symbols are no number
    twin = '<w:p><w:r><w:t>Done </w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>' + _symbols("12") + "</w:p>"
    text = docs.texts(docs.parse_attachment("letter.docx", _docx(twin), DOCX))["attachment letter.docx"]
    assert text == "Done \u00fc12"
    assert docs.verdict(docs.message(("letter.docx", DOCX, _docx(twin)))).action.name == "DELIVER"


def test_a_mail_merges_query_and_data_source_are_read() -> None:
    merge = (f'<w:settings {docs.W}><w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
             '<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source=C:\\clinic\\list.xlsx"/>'
             f"<w:query w:val=\"SELECT * FROM `Sheet1$` WHERE `NHS No` = '{M[1]}'\"/>"
             '<w:odso><w:table w:val="Sheet1$"/></w:odso></w:mailMerge></w:settings>')
    data = _docx("<w:p><w:r><w:t>Dear patient</w:t></w:r></w:p>",
                 {"word/_rels/document.xml.rels": _SETTINGS_REL, "word/settings.xml": merge})
    v = docs.verdict(docs.message(("merge.docx", DOCX, data)))
    assert docs.found(v, "nhs_number") == {"attachment merge.docx, settings": 1}
    twin = merge.replace(M[1], "Outpatients")
    data = _docx("<w:p><w:r><w:t>Dear patient</w:t></w:r></w:p>",
                 {"word/_rels/document.xml.rels": _SETTINGS_REL, "word/settings.xml": twin})
    assert docs.verdict(docs.message(("merge.docx", DOCX, data))).action.name == "DELIVER"


def test_custom_xml_is_read_as_data_its_attributes_after_their_names() -> None:
    item = f'<?xml version="1.0"?><referral><patient nhs="{M[2]}" ward="4"/></referral>'
    props = ('<?xml version="1.0"?><ds:datastoreItem ds:itemID="{6A4C1C8B-4F8E-4C4B-9C1D-2B3E4F5A6B7C}" '
             'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>')
    data = _docx("<w:p><w:r><w:t>Referral</w:t></w:r></w:p>", {"customXml/item1.xml": item,
                                                                "customXml/itemProps1.xml": props})
    v = docs.verdict(docs.message(("referral.docx", DOCX, data)))
    assert docs.found(v, "nhs_number") == {"attachment referral.docx, custom XML, attributes": 1}
    twin = _docx("<w:p><w:r><w:t>Referral</w:t></w:r></w:p>",
                 {"customXml/item1.xml": item.replace(M[2], "1"), "customXml/itemProps1.xml": props})
    assert docs.verdict(docs.message(("referral.docx", DOCX, twin))).action.name == "DELIVER"


def test_a_range_pasted_from_excel_is_read_by_its_cells_values() -> None:
    # A narrow column shows 4.34E+09 (or ######); the whole number is in x:num, and pasting
    # the table back into a sheet brings it back.
    rows = "".join(
        f'<tr><td class=xl65>{name}</td><td class=xl67 align=right x:num="{n}">{n[0]}.{n[1:3]}E+09</td></tr>'
        for name, n in (("Aisha Example", N[2]), ("Callum Example", N[3]))
    )
    html = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>'
        f"<tr><td>Patient</td><td>NHS Number</td></tr>{rows}"
        '<tr><td>Total</td><td x:num="2" x:fmla="=COUNT(B2:B3)">2</td></tr></table></body></html>'
    )
    raw = docs.message(body=html).replace(b"Content-Type: text/plain", b"Content-Type: text/html", 1)
    v = docs.verdict(raw)
    assert sum(docs.found(v, "nhs_number").values()) == 2, v.findings
