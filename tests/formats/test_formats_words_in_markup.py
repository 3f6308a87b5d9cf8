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
