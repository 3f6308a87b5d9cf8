"""Text whose bytes say how it is structured is read by that structure, whatever its label.

XML documents (Word 2003, flat OpenDocument, SpreadsheetML, HL7 CDA, FHIR),
calendars and contacts, HTML and SVG are recognised by their bytes, so a file
sent as application/octet-stream, as text/plain or without a name is read as
its reader would read it: runs and spans joined as they show, embedded files
decoded. UTF-32 is text; a format=flowed body is read as its reader joins it.
"""

from __future__ import annotations

import base64
import time

import pytest

from dlpgate.mime.sniff import is_zlib, sniff
from dlpgate.mime.text import decode_text, looks_like_text, unflow
from dlpgate.types import Action
from tests.formats import docs
from tests.formats.docs import OCTET
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(40, seed=2323)

W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)


def found(data: bytes, name: str = "", ctype: str = OCTET) -> dict[str, int]:
    return docs.found(docs.verdict(docs.message((name, ctype, data))), "nhs_number")


def where(name: str, ctype: str) -> str:
    return f"attachment {name}" if name else f"unnamed attachment ({ctype})"


# --- XML documents ----------------------------------------------------------------------


def word2003(n: str) -> str:
    runs = "".join(f"<w:r><w:t>{piece}</w:t></w:r>" for piece in (f"NHS number {n[:3]} ", n[3:6], f" {n[6:]}"))
    return (
        f'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="{W2003}">'
        f"<w:body><w:p>{runs}</w:p></w:body></w:wordDocument>"
    )


def flat_odt(n: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {ODF_NS}>\n <office:body><office:text>\n'
        f"  <text:p>Patient <text:span>{n[:3]}</text:span><text:s/><text:span>{n[3:6]}</text:span><text:s/>{n[6:]}</text:p>\n"
        " </office:text></office:body></office:document>"
    )


def flat_ods(n: str) -> str:
    def row(*cells: str) -> str:
        return "<table:table-row>" + "".join(f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells) + "</table:table-row>"

    return (
        f'<?xml version="1.0"?><office:document {ODF_NS}><office:body><office:spreadsheet><table:table table:name="S">'
        f"{row('Name', 'NHS number')}{row('Jane Roe', n[:5] + '<text:span>' + n[5:] + '</text:span>')}"
        "</table:table></office:spreadsheet></office:body></office:document>"
    )


def spreadsheet_2003(n: str) -> str:
    return (
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">NHS number</Data></Cell></Row>'
        f'<Row><Cell><Data ss:Type="String">{spaced(n)}</Data></Cell></Row></Table></Worksheet></Workbook>'
    )


def cda(n: str) -> str:
    return (
        '<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">\n <recordTarget><patientRole>'
        f'<id root="2.16.840.1.113883.2.1.4.1" extension="{n}"/></patientRole></recordTarget>\n</ClinicalDocument>'
    )


def fhir(n: str) -> str:
    return (
        '<Patient xmlns="http://hl7.org/fhir"><identifier><system value="https://fhir.nhs.uk/Id/nhs-number"/>'
        f'<value value="{n}"/></identifier></Patient>'
    )


def data_record(n: str) -> str:
    return f'<?xml version="1.0"?>\n<patients>\n  <patient>\n    <nhsNumber>{n}</nhsNumber>\n  </patient>\n</patients>\n'


XML_CASES = {
    "Word 2003, runs": (word2003, ""),
    "flat ODT, spans and spaces": (flat_odt, ""),
    "flat ODS, a cell cut in two": (flat_ods, ""),
    "SpreadsheetML 2003": (spreadsheet_2003, ""),
    "HL7 CDA identifier": (cda, ", attributes"),
    "FHIR identifier": (fhir, ", attributes"),
    "data record": (data_record, ""),
}
LABELS = [("doc.bin", OCTET), ("", OCTET), ("doc.txt", "text/plain"), ("doc.xml", "application/xml")]


@pytest.mark.parametrize("case", XML_CASES, ids=list(XML_CASES))
@pytest.mark.parametrize("name,ctype", LABELS, ids=[f"{n or 'unnamed'} {c}" for n, c in LABELS])
def test_xml_documents_are_read_as_they_show_whatever_the_label(case: str, name: str, ctype: str) -> None:
    build, suffix = XML_CASES[case]
    n = N[list(XML_CASES).index(case)]
    assert found(build(n).encode(), name, ctype) == {where(name, ctype) + suffix: 1}


def test_xml_in_utf16_without_a_label() -> None:
    data = data_record(N[10]).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    assert found(data) == {"unnamed attachment (application/octet-stream)": 1}


def test_paragraphs_are_not_joined_to_each_other() -> None:
    n = N[11]
    doc = word2003(n).replace(
        f"<w:p>{''.join(f'<w:r><w:t>{p}</w:t></w:r>' for p in (f'NHS number {n[:3]} ', n[3:6], f' {n[6:]}'))}</w:p>",
        f"<w:p><w:r><w:t>Ref {n[:5]}</w:t></w:r></w:p><w:p><w:r><w:t>{n[5:]}</w:t></w:r></w:p>",
    )
    texts = docs.texts(docs.parse_attachment("a.xml", doc.encode(), "application/xml"))
    assert texts["attachment a.xml"].splitlines() == [f"Ref {n[:5]}", n[5:]]


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


EMBEDDED = {
    "Word 2003 binData": lambda n: (
        f'<w:wordDocument xmlns:w="{W2003}"><w:body><w:p><w:r><w:pict>'
        f'<w:binData w:name="wordml://list.csv">{b64(f"NHS number,Name{chr(10)}{n},Roe{chr(10)}")}</w:binData>'
        "</w:pict></w:r></w:p></w:body></w:wordDocument>",
        " > wordml://list.csv",
    ),
    "ODF binary-data": lambda n: (
        f"<office:document {ODF_NS}><office:body><office:text><text:p>Letter</text:p><draw:frame><draw:object>"
        f"<office:binary-data>{b64(f'NHS number {spaced(n)}')}</office:binary-data></draw:object></draw:frame>"
        "</office:text></office:body></office:document>",
        " > embedded file 1",
    ),
    "CDA non-XML body": lambda n: (
        '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><nonXMLBody>'
        f'<text mediaType="text/plain" representation="B64">{b64(f"NHS number {spaced(n)}")}</text>'
        "</nonXMLBody></component></ClinicalDocument>",
        " > embedded file 1",
    ),
    "FHIR attachment data": lambda n: (
        '<DocumentReference xmlns="http://hl7.org/fhir"><content><attachment><contentType value="text/plain"/>'
        f'<data value="{b64(f"NHS number {spaced(n)}")}"/></attachment></content></DocumentReference>',
        " > embedded file 1",
    ),
}


@pytest.mark.parametrize("case", EMBEDDED, ids=list(EMBEDDED))
def test_files_embedded_in_xml_are_read(case: str) -> None:
    doc, suffix = EMBEDDED[case](N[20 + list(EMBEDDED).index(case)])
    assert found(doc.encode(), "doc.xml", "application/xml") == {"attachment doc.xml" + suffix: 1}


def test_the_structure_names_a_number_an_invoice_id_is_not_held() -> None:
    invoice = (
        '<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        f"<cbc:ID>{N[30]}</cbc:ID><cbc:IssueDate>2026-11-02</cbc:IssueDate></Invoice>"
    )
    v = docs.verdict(docs.message(("invoice.xml", "application/xml", invoice.encode())))
    assert v.action is Action.DELIVER
    texts = docs.texts(docs.parse_attachment("invoice.xml", invoice.encode(), "application/xml"))
    assert f"Invoice ID: {N[30]}" in texts["attachment invoice.xml"]


@pytest.mark.parametrize(
    ("element", "label"),
    [("HIVStatus", "HIV Status"), ("GPPractice", "GP Practice"), ("DateOfBirth", "Date Of Birth"),
     ("Address2Line", "Address2 Line"), ("patient_name", "patient name")],
)
def test_an_elements_name_reads_as_its_words_acronym_first_too(element: str, label: str) -> None:
    doc = f'<?xml version="1.0"?><Referrals><Referral><{element}>Example value</{element}></Referral></Referrals>'
    texts = docs.texts(docs.parse_attachment("referrals.xml", doc.encode(), "application/xml"))
    assert f"{label}: Example value" in texts["attachment referrals.xml"]


def test_a_records_health_in_an_element_named_acronym_first_is_held() -> None:
    # "HIVStatus" is read "HIV Status" beside the record's name: a patient's health
    doc = (
        '<?xml version="1.0"?><Referrals><Referral><FullName>Jane Example</FullName>'
        "<DateOfBirth>1961-03-14</DateOfBirth><HIVStatus>Positive</HIVStatus>"
        "<GPPractice>Example Surgery</GPPractice></Referral></Referrals>"
    )
    v = docs.verdict(docs.message(("referrals.xml", "application/xml", doc.encode())))
    assert v.action is Action.HOLD


def test_svg_is_read_as_drawn_not_as_coordinates() -> None:
    n = N[31]
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><path d="M {spaced(n)} L 10 10"/><text x="1" y="2">Clinic</text></svg>'
    assert sniff(svg.encode()).content_type == "image/svg+xml"
    assert found(svg.encode(), "logo", OCTET) == {}
    assert found(svg.replace("Clinic", f"NHS {n}").encode(), "logo", OCTET) == {"attachment logo": 1}


def test_xml_that_is_not_well_formed_is_read_as_text() -> None:
    broken = f'<?xml version="1.0"?><root xmlns="x"><a>NHS number {spaced(N[32])}</b></root>'
    assert found(broken.encode(), "a.xml", "application/xml") == {"attachment a.xml": 1}


def test_entities_are_not_expanded() -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]><r xmlns="x">&l9; NHS {N[33]}</r>'
    started = time.monotonic()
    parsed = docs.parse_attachment("bomb.xml", bomb.encode(), "application/xml")
    assert time.monotonic() - started < 10
    assert "lol" * 100 not in "".join(s.text for s in parsed.segments)
    assert found(bomb.encode(), "bomb.xml", "application/xml") == {"attachment bomb.xml": 1}


def test_an_entity_declared_in_the_document_is_read() -> None:
    doc = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY nhs "{spaced(N[13])}">]><r xmlns="x">NHS &nhs;</r>'
    assert found(doc.encode(), "e.xml", "application/xml") == {"attachment e.xml, attributes": 1}


# --- calendars, contacts and HTML by their bytes ------------------------------------------


def test_a_calendar_sent_as_octet_stream_has_its_attached_file_read() -> None:
    csv = b64(f"NHS number,Name\n{N[34]},Roe\n")
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Clinic\r\n"
        f"ATTACH;FMTTYPE=text/csv;ENCODING=BASE64;VALUE=BINARY:{csv}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    for name, ctype in [("invite.dat", OCTET), ("", OCTET), ("invite.txt", "text/plain")]:
        assert found(ics, name, ctype) == {where(name, ctype) + " > attached file 1": 1}


@pytest.mark.parametrize("size,held", [(3, False), (4, False), (5, True), (64, True)])
def test_unknown_binary_too_small_to_hold_a_number_is_noted_not_held(size: int, held: bool) -> None:
    value = base64.b64encode(bytes([0x8F, 0x03, 0xFE, 0x11, 0x9C] * 13)[:size]).decode()
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Clinic\r\n"
        f"ATTACH;ENCODING=BASE64;VALUE=BINARY:{value}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    v = docs.verdict(docs.message(("invite.ics", "text/calendar", ics)))
    assert {w for w, _ in docs.unscannable(v)} == ({"attachment invite.ics > attached file 1"} if held else set())
    assert (v.action is Action.HOLD) is held


def test_a_time_zones_name_is_no_text_but_anything_else_there_is() -> None:
    n = N[36]
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:STANDARD\r\n"
        "TZNAME:Europe/London(STD)\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:Team meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    v = docs.verdict(docs.message(("invite.ics", "text/calendar", ics.encode())))
    assert not [f for f in v.findings if f.kind == "health_terms"]
    odd = ics.replace("TZID:Europe/London", f"TZID:NHS number {n}")
    assert found(odd.encode(), "invite.ics", "text/calendar") == {"attachment invite.ics": 1}


@pytest.mark.parametrize(
    "prop,value",
    [
        ("DESCRIPTION;LANGUAGE=en-GB", "Patient: Mrs Winifred Example (Ward 8)\\nDiagnosis: Parkinson's disease"),
        ("DESCRIPTION", "Home visit booked.\\nPatient: Mr Alan Example\\nReason: leg ulcer dressing"),
        ("COMMENT;ALTREP=\"cid:x\"", "Patient name: Mrs Joan Example\\nCondition: type 2 diabetes"),
        ("X-NOTES", "Patient: Mr Henry Example \\; diagnosis: COPD"),
    ],
)
def test_a_calendar_values_own_text_keeps_its_first_label_first_on_its_line(prop: str, value: str) -> None:
    # The value is what the organiser typed: "Patient:" began its first line there, as it
    # begins its line in a letter, though the file writes the property's name before it.
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Transport\r\n"
        f"{prop}:{value}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    for name, ctype in [("invite.ics", "text/calendar"), ("visit.dat", OCTET)]:
        v = docs.verdict(docs.message((name, ctype, ics)))
        assert v.action is Action.HOLD, (name, v.findings)
        assert docs.found(v, "patient_identifier"), v.findings


def test_a_calendar_value_that_is_only_a_label_shape_elsewhere_stays_on_its_line() -> None:
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Agenda: budget and estates\r\n"
        b"DESCRIPTION:Join: https://teams.example.com/l/meetup-join/19%3ameeting\\nMeeting ID: 345 678 912 04\r\n"
        b"URL:https://example.org/a:b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    v = docs.verdict(docs.message(("invite.ics", "text/calendar", ics)))
    assert v.action is not Action.HOLD, v.findings
    text = docs.texts(docs.parse_attachment("invite.ics", ics, "text/calendar"))["attachment invite.ics"]
    assert "SUMMARY:\nAgenda: budget" in text and "URL:https://example.org/a:b" in text


def test_words_built_in_style_list_is_not_read() -> None:
    doc = word2003(N[37]).replace(
        "<w:body>",
        '<w:latentStyles w:defLockedState="off"><w:lsdException w:name="Normal"/>'
        '<w:lsdException w:name="heading 1"/></w:latentStyles><w:body>',
    )
    texts = docs.texts(docs.parse_attachment("letter.xml", doc.encode(), "application/xml"))
    assert "lsd" not in texts.get("attachment letter.xml, attributes", "")
    assert found(doc.encode(), "letter.xml", "application/xml") == {"attachment letter.xml": 1}


def test_a_vcard_sent_as_octet_stream_has_its_soft_breaks_joined() -> None:
    n = N[35]
    vcf = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jane Roe\r\nNOTE;ENCODING=QUOTED-PRINTABLE:NHS {n[:5]}=\r\n{n[5:]}\r\nEND:VCARD\r\n"
    assert found(vcf.encode(), "contact.bin") == {"attachment contact.bin": 1}


@pytest.mark.parametrize(
    "markup",
    [
        "<center><h1>Referral</h1>NHS <span>{a}</span><span>{b}</span></center>",
        "<h1>Referral</h1><p>NHS <b>{a}</b>{b}</p>",
        '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>NHS <b>{a}</b>{b}</p></body></html>',
    ],
    ids=["center", "h1", "xhtml"],
)
@pytest.mark.parametrize("name,ctype", [("page", OCTET), ("page.txt", "text/plain")], ids=["octet", "text/plain"])
def test_html_is_known_by_its_bytes(markup: str, name: str, ctype: str) -> None:
    n = N[36]
    doc = markup.format(a=n[:5], b=n[5:]).encode()
    assert found(doc, name, ctype) == {f"attachment {name}": 1}


def test_text_that_only_starts_with_a_bracket_is_plain_text() -> None:
    assert sniff(b"<I think so> the clinic moved\n").kind == "text"
    assert sniff(b"<main@example.org> wrote:\n> the clinic moved\n").kind == "text"  # an address, not <main>
    assert sniff(b"<https://example.org/clinic>\nthe clinic moved\n").kind == "text"
    assert sniff(b"<root><a/></root>").kind == "text"  # no declaration, no namespace: not known as XML


# --- UTF-32 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_text(codec: str) -> None:
    text = f"NHS number {spaced(N[37])}\r\n"
    data = text.encode(codec)
    assert looks_like_text(data)
    assert decode_text(data, None)[0].lstrip("\ufeff") == text
    assert found(data, "a.bin") == {"attachment a.bin": 1}
    assert found(data, "a.txt", "text/plain") == {"attachment a.txt": 1}


# --- format=flowed ------------------------------------------------------------------------------


def test_unflow() -> None:
    assert unflow(b"one two \r\nthree\r\nfour\r\n", delsp=False) == b"one two three\nfour\n"
    assert unflow(b"12345 \r\n67890\r\n", delsp=True) == b"1234567890\n"
    assert unflow(b"> quoted \r\n> more\r\nnew \r\n>> deeper\r\n", delsp=False) == b"> quoted more\nnew \n>> deeper\n"
    assert unflow(b" stuffed \r\n-- \r\nsig\r\n", delsp=False) == b"stuffed -- \nsig\n"
    assert unflow(b"no soft breaks\r\n", delsp=True) == b"no soft breaks\r\n"


def flowed_message(body: str, delsp: bool) -> bytes:
    params = "; delsp=yes" if delsp else ""
    return (
        "From: dr.jones@example-trust.nhs.uk\r\nTo: someone@partner.example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8; format=flowed{params}\r\n\r\n{body}"
    ).encode()


def test_a_number_cut_by_a_flowed_soft_break_is_read_whole() -> None:
    n = N[38]
    v = docs.verdict(flowed_message(f"Patient NHS number {n[:5]} \r\n{n[5:]} was seen.\r\n", delsp=True))
    assert docs.found(v, "nhs_number") == {"message body": 1}


def test_a_hard_line_break_is_kept() -> None:
    n = N[39]
    v = docs.verdict(flowed_message(f"Order {n[:5]}\r\n{n[5:]} items\r\n", delsp=True))
    assert docs.found(v, "nhs_number") == {}


# --- PDF padding ------------------------------------------------------------------------------------


def test_a_pdf_padded_after_its_end_marker_is_not_truncated() -> None:
    pdf = docs.pdf([f"NHS number {spaced(N[0])}"])
    padded = docs.problems(docs.parse_attachment("a.pdf", pdf + b"\x00" * 5000, "application/pdf"))
    assert not {p for p in padded if p[0] == "corrupt"}
    cut = docs.problems(docs.parse_attachment("a.pdf", pdf[: len(pdf) - 200], "application/pdf"))
    assert ("corrupt", "attachment a.pdf", True) in cut


# --- PDF versions -----------------------------------------------------------------------------------


def _updated(pdf: bytes, new_text: str | None) -> bytes:
    """``pdf`` with an incremental update appended: the first page's text replaced by
    ``new_text``, or (None) only a new entry in its Info (as signing or a form fill leaves it)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    if new_text is None:
        writer.add_metadata({"/Producer": "an update"})
    else:
        page = writer.pages[0]
        font = next(iter(page["/Resources"]["/Font"].keys()))
        stream = DecodedStreamObject()
        stream.set_data(f"BT {font} 11 Tf 20 800 Td ({new_text}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(pdf[:200]) and out.getvalue().count(b"%%EOF") == 2
    return out.getvalue()


def test_text_an_update_of_a_pdf_blanked_out_is_still_read() -> None:
    letter = docs.pdf([f"Patient: Clive Example  NHS No {spaced(N[8])}\nDiagnosis: prostate cancer"])
    blanked = _updated(letter, "OUTPATIENT LETTER TEMPLATE")
    v = docs.verdict(docs.message(("letter.pdf", "application/pdf", blanked)))
    assert docs.found(v, "nhs_number") == {"attachment letter.pdf, earlier version 1": 1}
    texts = docs.texts(docs.parse_attachment("letter.pdf", blanked, "application/pdf"))
    assert texts["attachment letter.pdf, page 1"].strip() == "OUTPATIENT LETTER TEMPLATE"
    # an update that leaves the pages' text as it was reads nothing twice
    signed = _updated(letter, None)
    texts = docs.texts(docs.parse_attachment("letter.pdf", signed, "application/pdf"))
    assert not [w for w in texts if "earlier version" in w]
    assert docs.found(docs.verdict(docs.message(("letter.pdf", "application/pdf", signed))), "nhs_number") == {
        "attachment letter.pdf, page 1": 1}


# --- base64 inside text ------------------------------------------------------------------------


def test_base64_pasted_into_a_body_is_read_as_a_file() -> None:
    n = N[1]
    blob = b64(f"NHS number,Name,Clinic\n{n},Roe,Outpatients\n{N[4]},Doe,Outpatients\n")
    body = "Here is the list:\n\n" + "\n".join(blob[i : i + 40] for i in range(0, len(blob), 40)) + "\n\nThanks"
    v = docs.verdict(docs.message(body=body))
    assert docs.found(v, "nhs_number") == {"message body > base64 block 1": 2}


def test_pasted_base64_of_one_full_line_and_a_short_last_one_is_read_whole() -> None:
    note = f"Patient NHS number {N[10]} seen in the diabetes clinic".encode()
    b64 = base64.b64encode(note).decode()
    assert 60 < len(b64) < 120
    body = f"Text as the system gave it:\n{b64[:60]}\n{b64[60:]}\n\nThanks"
    texts = docs.texts(docs.parse_attachment("notes.txt", body.encode(), "text/plain"))
    assert note.decode() in texts["attachment notes.txt > base64 block 1"]


def test_base64_in_a_json_field_and_an_hl7_segment_is_read() -> None:
    n, m = N[2], N[3]
    export = f'{{"name": "list.csv", "data": "{b64(f"NHS number,Name,Clinic{chr(10)}{n},Roe,Outpatients{chr(10)}")}"}}'
    assert found(export.encode(), "export.json", "application/json") == {"attachment export.json > base64 block 1": 1}
    pdf = base64.b64encode(docs.pdf([f"NHS number {spaced(m)}"])).decode()
    hl7 = f"MSH|^~\\&|LAB|TRUST|GP|PRAC|202611021200||ORU^R01|1|P|2.4\rOBX|1|ED|PDF^Report||^application^pdf^Base64^{pdf}||||||F\r"
    assert found(hl7.encode(), "result.hl7") == {"attachment result.hl7 > base64 block 1, page 1": 1}


def _mislabelled(cte: str, ctype: str, body: str) -> bytes:
    return (
        "From: a@example-trust.nhs.uk\r\nTo: b@partner.example.org\r\nSubject: list\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n'
        f'--b\r\nContent-Type: {ctype}\r\nContent-Disposition: attachment; filename="list.csv"\r\n'
        f"Content-Transfer-Encoding: {cte}\r\n\r\n{body}\r\n--b--\r\n"
    ).encode()


def test_a_part_labelled_base64_but_written_as_it_is_is_read_as_it_is() -> None:
    rows = f"NHS Number,Surname,Diagnosis\r\n{N[5]},Roe,Type 1 diabetes\r\n{N[6]},Doe,Asthma\r\n"
    v = docs.verdict(_mislabelled("base64", "text/csv", rows))
    assert docs.found(v, "nhs_number") == {"attachment list.csv": 2}
    assert ("corrupt", "attachment list.csv", False) in {(p.reason, p.where, p.severe) for p in v.problems}
    # damaged base64 (a stray character or two) is still decoded
    clean = base64.b64encode(rows.encode()).decode()
    v = docs.verdict(_mislabelled("base64", "text/csv", clean[:20] + "!" + clean[20:]))
    assert docs.found(v, "nhs_number") == {"attachment list.csv": 2}


def test_base64_in_a_list_labelled_7bit_is_read() -> None:
    rows = f"NHS Number,Surname,Diagnosis\r\n{N[7]},Roe,Type 1 diabetes\r\n"
    blob = base64.b64encode(rows.encode()).decode()
    v = docs.verdict(_mislabelled("7bit", "text/csv", "\r\n".join(blob[i:i + 76] for i in range(0, len(blob), 76))))
    assert docs.found(v, "nhs_number") == {"attachment list.csv > base64 block 1": 1}


def test_base64_of_no_known_kind_is_left_as_text() -> None:
    import random

    rng = random.Random(5)
    key = base64.b64encode(bytes(rng.randrange(256) for _ in range(270))).decode()
    signature = "\n".join(key[i : i + 64] for i in range(0, len(key), 64))
    body = (
        f"ssh-rsa {key} admin@host\n\n-----BEGIN PGP SIGNATURE-----\n\n{signature}\n-----END PGP SIGNATURE-----\n"
        f"sha512 {'ab12' * 32}\n"
    )
    parsed = docs.parse_attachment("notes.txt", body.encode(), "text/plain")
    assert not [s.where for s in parsed.segments if "base64" in s.where]
    assert not parsed.problems


# --- hexadecimal inside text: database binary values, hex dumps ---------------------------------


def test_a_file_or_text_written_in_hexadecimal_is_read() -> None:
    pdf = docs.pdf([f"Patient NHS number {spaced(N[11])}, hepatocellular carcinoma"])
    csv = f"document_id,mime_type,content\n88213,application/pdf,\\x{pdf.hex()}\n"  # PostgreSQL's bytea
    assert found(csv.encode(), "rows.csv", "text/csv") == {"attachment rows.csv > hex block 1, page 1": 1}
    note = f"Name: Jane Roe\nNHS: {N[12]}\nAlert: paranoid schizophrenia\n".encode()
    sql = f"UPDATE dbo.Notes SET Body = 0x{note.hex().upper()} WHERE NoteId = 4410;\n"  # SQL Server's varbinary
    assert found(sql.encode(), "update.sql", "application/sql") == {"attachment update.sql > hex block 1": 1}
    wrapped = "\n".join(note.hex()[i : i + 60] for i in range(0, len(note.hex()), 60))  # xxd -p
    assert found(f"Bytes:\n{wrapped}\n".encode(), "dump.txt", "text/plain") == {"attachment dump.txt > hex block 1": 1}
    utf16 = f"NHS number {N[13]}, Jane Roe, asthma".encode("utf-16")
    assert found(f"value=0x{utf16.hex()};".encode(), "v.txt", "text/plain") == {"attachment v.txt > hex block 1": 1}


def test_hashes_keys_and_binary_in_hexadecimal_are_left_as_text() -> None:
    import random

    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(300)).hex()
    body = f"sha256 {'3f' * 32}\nmd5 {'a1' * 16}\nkey 0x{'5c' * 24}\nblob 0x{noise}\ncommit {'9e4b' * 10}\n"
    parsed = docs.parse_attachment("notes.txt", body.encode(), "text/plain")
    assert not [s.where for s in parsed.segments if " block " in s.where]
    assert not parsed.problems
    # nor are the digits of a long hexadecimal run read as numbers
    digits = "".join(f"{rng.randrange(16):x}" if i % 13 else f"A{N[14]}B" for i in range(400))
    assert found(f"0x{digits}".encode(), "blob.txt", "text/plain") == {}


def _xxd(data: bytes) -> str:
    rows = []
    for i in range(0, len(data), 16):
        chunk = data[i : i + 16]
        groups = " ".join(chunk[j : j + 2].hex() for j in range(0, len(chunk), 2))
        rows.append(f"{i:08x}: {groups:<39}  " + "".join(chr(c) if 32 <= c < 127 else "." for c in chunk))
    return "\n".join(rows) + "\n"


def _hexdump_c(data: bytes) -> str:
    rows = []
    for i in range(0, len(data), 16):
        chunk = data[i : i + 16]
        left, right = " ".join(f"{c:02x}" for c in chunk[:8]), " ".join(f"{c:02x}" for c in chunk[8:])
        rows.append(f"{i:08x}  {left:<23}  {right:<23}  |" + "".join(chr(c) if 32 <= c < 127 else "." for c in chunk) + "|")
    return "\n".join(rows) + f"\n{len(data):08x}\n"


def _od_words(data: bytes) -> str:  # hexdump's default: 16-bit words, little-endian, then the length
    size = len(data)
    data += b"\x00" * (len(data) % 2)
    rows = [f"{i:07x} " + " ".join(f"{data[j + 1]:02x}{data[j]:02x}" for j in range(i, min(i + 16, len(data)), 2)) for i in range(0, len(data), 16)]
    return "\n".join(rows) + f"\n{size:07x}\n"


@pytest.mark.parametrize("dump", [_xxd, _hexdump_c, _od_words])
def test_a_hex_dump_is_read_as_the_bytes_it_shows(dump) -> None:
    hl7 = adt(f"{N[15]}^^^NHS^NH", "DG1|1||F20.0^Paranoid schizophrenia^I10").encode()
    body = "The engine rejects this message, dump below:\n\n" + dump(hl7) + "\nThanks"
    texts = docs.texts(docs.parse_attachment("dump.txt", body.encode(), "text/plain"))
    assert f"NHS number: {N[15]}" in texts["attachment dump.txt > hex dump 1"]
    csv = f"surname,forename,nhs_number,result\nROE,Jane,{N[16]},Hepatitis B surface antigen POSITIVE\n".encode("utf-16")
    v = docs.verdict(docs.message(("dump.txt", "text/plain", ("> " + dump(csv).replace("\n", "\n> ")).encode())))
    assert docs.found(v, "nhs_number") == {"attachment dump.txt > hex dump 1": 1}
    # a dump of a program's binary is no file of a known kind: left as the text it is
    binary = bytes(range(7, 200)) * 2
    parsed = docs.parse_attachment("dump.txt", dump(binary).encode(), "text/plain")
    assert not [s.where for s in parsed.segments if "hex dump" in s.where] and not parsed.problems


def test_a_zlib_stream_is_read_as_what_it_holds() -> None:
    import json
    import zlib

    body = f"Patient: Jane Roe\nNHS: {N[17]}\nReason: suspected TB, sputum AFB positive\n".encode()
    hook = json.dumps({"event": "referral.submitted", "body_zlib_b64": base64.b64encode(zlib.compress(body)).decode()})
    assert found(hook.encode(), "hook.json", "application/json") == {"attachment hook.json > base64 block 1": 1}
    packed = zlib.compress(body * 20, 9)
    assert sniff(packed).kind == "zlib"
    assert found(packed, "payload.bin") == {"attachment payload.bin": 20}
    v = docs.verdict(docs.message(("payload.bin", OCTET, packed[:-6])))  # cut short: held
    assert ("attachment payload.bin", "corrupt") in docs.unscannable(v)
    assert sniff(b"x^2 + y^2 = r^2, the circle's equation\n").kind == "text"
    assert not is_zlib(b"\x78\x9c" + b"\xff" * 200)  # the header alone is no stream


# --- HL7 v2 ----------------------------------------------------------------------------------


def adt(pid3: str, extra: str = "", sep: str = "\r") -> str:
    return sep.join(
        [
            "MSH|^~\\&|PAS|RXX|GP|Y01234|202611021200||ADT^A04|123|P|2.4",
            f"PID|1||{pid3}||ROE^JANE^^^MS||19700302|F|||1 High St^^Leeds^^LS1 1AA||0113 496 0000",
            "PV1|1|O|CLINIC",
            *([extra] if extra else []),
            "",
        ]
    )


def test_hl7_fields_are_read_after_their_names() -> None:
    n = N[5]
    msg = adt(f"{n}^^^NHS^NH~RXX1234567^^^RXX^MR", "ZPI|1|Ward 3 \\F\\ bay 2\\.br\\seen \\X4F4B\\")
    text = docs.texts(docs.parse_attachment("adt.hl7", msg.encode(), "application/hl7-v2"))["attachment adt.hl7"]
    lines = text.splitlines()
    for line in (
        f"patient identifier: NHS number: {n} (NHS NH)",
        "patient identifier: hospital number: RXX1234567 (RXX MR)",
        "patient name: MS JANE ROE",
        "date of birth: 1970-03-02",
        "phone number home: 0113 496 0000",
        "ZPI-2: Ward 3 | bay 2",
        "seen OK",
    ):
        assert line in lines, line


@pytest.mark.parametrize(
    "name,ctype,framing",
    [("adt.hl7", "application/hl7-v2", ""), ("adt.dat", OCTET, ""), ("", "text/plain", "\x0b"), ("adt.txt", "text/plain", "")],
    ids=["labelled", "octet-stream", "MLLP framed", "text/plain"],
)
def test_hl7_is_known_by_its_bytes(name: str, ctype: str, framing: str) -> None:
    n = N[6]
    data = (framing + adt(f"{n}^^^NHS^NH") + ("\x1c\r" if framing else "")).encode()
    v = docs.verdict(docs.message((name, ctype, data)))
    assert docs.found(v, "nhs_number") == {where(name, ctype): 1}


def test_an_hl7_record_of_a_named_patient_with_a_diagnosis_is_held() -> None:
    msg = adt("RXX1234567^^^RXX^MR", "DG1|1||E11^Type 2 diabetes mellitus^I10")
    v = docs.verdict(docs.message(("adt.hl7", "application/hl7-v2", msg.encode())))
    assert v.action is Action.HOLD
    assert "patient_health_data_external" in v.rules
    assert docs.found(v, "nhs_number") == {}


@pytest.mark.parametrize("quote", ["", "> ", ">> "])
def test_an_hl7_message_pasted_into_a_mail_is_read_as_hl7(quote: str) -> None:
    # An interface analyst's mail to a supplier: the failing ADT pasted in, perhaps quoted in a reply.
    msg = adt("RXX1234567^^^RXX^MR", "DG1|1||I50.0^Congestive heart failure^I10").strip().replace("\r", "\n")
    body = "Hi, this one failed again:\n\n" + "".join(f"{quote}{line}\n" for line in msg.split("\n")) + "\nThanks"
    v = docs.verdict(docs.message(body=body))
    assert v.action is Action.HOLD
    patient = {f.category for f in v.findings if f.kind == "patient_identifier" and "HL7 message 1" in f.where}
    assert patient == {"dob", "hospital_number"}


def test_an_hl7_message_pasted_into_an_html_mail_is_read_as_hl7() -> None:
    msg = adt("RXX1234567^^^RXX^MR", "DG1|1||I50.0^Congestive heart failure^I10").strip().replace("\r", "\n")
    html = "<p>This one failed:</p><p>" + "<br>".join(line.replace("&", "&amp;") for line in msg.split("\n")) + "</p>"
    v = docs.verdict(docs.message(("", "text/html", html.encode())))
    assert v.action is Action.HOLD
    assert any("HL7 message 1" in f.where for f in v.findings if f.kind == "patient_identifier")


def test_an_nhs_number_in_an_older_feeds_ssn_field_is_a_patient_identifier() -> None:
    # v2.3 feeds from before the NHS number sat in PID-3 put it in PID-19 (the SSN field)
    n = N[9]
    msg = adt("RXX1234567^^^RXX^MR").replace("|0113 496 0000", f"|0113 496 0000||||||{n}").replace("2.4", "2.3")
    v = docs.verdict(docs.message(("adt.hl7", "application/hl7-v2", msg.encode())))
    assert docs.found(v, "nhs_number") == {"attachment adt.hl7": 1}
    assert v.action is Action.HOLD


def test_mail_that_only_talks_about_hl7_is_not_read_as_hl7() -> None:
    body = "The MSH|^~\\& header is fine; PID-3 carries the MRN. Fix due Friday."
    parsed = docs.parse(docs.message(body=body))
    assert not any("HL7" in s.where for s in parsed.segments)


def test_an_hl7_lab_result_of_a_named_patient_is_held() -> None:
    # a result whose test is in no lexicon (glucose) is still a lab result: its fields say so
    oru = adt(
        "RXX1234567^^^RXX^MR",
        "OBR|1||1|GLU^Glucose\rOBX|1|NM|GLU^Glucose||11.2|mmol/L|3.9-7.8|H|||F",
    ).replace("ADT^A04", "ORU^R01")
    v = docs.verdict(docs.message(("result.hl7", "application/hl7-v2", oru.encode())))
    assert v.action is Action.HOLD
    assert "patient_health_data_external" in v.rules


@pytest.mark.parametrize("version", ["2.1", "2.2", "2.3"])
def test_older_hl7_versions_name_the_patient_id_fields_as_patient_identifiers(version: str) -> None:
    # PID-2, PID-3, PID-4 are "Patient ID (External ID)", "(Internal ID)", "Alternate Patient ID" there
    n = N[9]
    for field in (2, 3, 4):
        pid = ["PID", "1", "", "", "", "ROE^JANE", "", "19700302", "F"]
        pid[field] = n
        msg = adt("").replace("|2.4", f"|{version}").replace(adt("").split("\r")[1], "|".join(pid))
        text = docs.texts(docs.parse_attachment("adt.hl7", msg.encode(), "application/hl7-v2"))["attachment adt.hl7"]
        assert f"patient identifier: {n}" in text.splitlines(), (version, field)
        assert found(msg.encode(), "adt.hl7") == {"attachment adt.hl7": 1}, (version, field)


def test_an_hl7_phone_field_is_read_as_a_phone_number() -> None:
    phone = N[7]  # passes the NHS number check, but the field says it is a phone number
    msg = adt("RXX1234567^^^RXX^MR").replace("0113 496 0000", f"{phone}^PRN^PH")
    v = docs.verdict(docs.message(("adt.hl7", "application/hl7-v2", msg.encode())))
    assert v.action is Action.DELIVER


def test_a_report_embedded_in_an_hl7_result_is_read() -> None:
    n = N[8]
    pdf = base64.b64encode(docs.pdf([f"NHS number {spaced(n)}"])).decode()
    oru = adt("RXX1234567^^^RXX^MR", f"OBX|1|ED|PDF^Report||^application^pdf^Base64^{pdf}||||||F").replace("ADT^A04", "ORU^R01")
    assert found(oru.encode(), "result.hl7") == {"attachment result.hl7 > base64 block 1, page 1": 1}


# --- UN/EDIFACT ----------------------------------------------------------------------------------

E = nhs_numbers(6, seed=3303, prefix_range=(440, 449))  # "44...": read as plain text, a UK dialling code


def nhs003(n: str = "", name: str = "+++SU:EXAMPLE+FO:MAUREEN+TI:MRS", dob: str = "19480312", sep: str = "\n") -> str:
    """An NHS003 pathology report (MEDRPT) as a laboratory sends it to a practice."""
    segments = [
        "UNB+UNOA:2+EXTRUSTPATH:80+PRIVGP01:80+240514:0930+00012345++MEDRPT",
        "UNH+00000001+MEDRPT:0:1:RT:NHS003",
        "BGM+++109",
        "NAD+PO+G3312887:900++DR SAMPLE",
        "DTM+137:202405140930:203",
        "S02+02",
        "RFF+SRI:24HA0412221",
        "S07+07",
        f"PNA+PAT{'+' + n + ':OPI' if n else '+'}{name}",
        *([f"DTM+329:{dob}:102"] if dob else []),
        "PDI+2",
        "S20+20",
        "INV+MQ+42R4.:911+HAEMOGLOBIN",
        "RSL+NV+98:7+:::g/L",
        "RND+U+115+165",
        "FTX+CID+++LOW HAEMOGLOBIN. MICROCYTIC PICTURE - ST JAMES?'S TO REVIEW?: FERRITIN",
        "UNT+17+00000001",
        "UNZ+1+00012345",
    ]
    return "UNA:+.? '" + sep + sep.join(s + "'" for s in segments)


def invoic(numbers: list[str]) -> str:
    """A supplier's invoice: its own number, the order and delivery note it answers."""
    invoice, order, note = numbers
    segments = [
        "UNB+UNOC:3+5012345000004:14+5098765000001:14+240514:1102+INV0518++INVOIC",
        "UNH+1+INVOIC:D:96A:UN:EAN008",
        f"BGM+380+{invoice}+9",
        "DTM+137:20240514:102",
        f"RFF+ON:{order}",
        f"RFF+DQ:{note}",
        "NAD+SU+5012345000004::9++MEDISUPPLY UK LTD",
        "NAD+BY+5098765000001::9++EXAMPLE TRUST NHS FT",
        "LIN+1++5012345001234:EN",
        "IMD+F++:::NITRILE GLOVES MEDIUM X100",
        "QTY+47:40",
        "MOA+203:194.00",
        "UNT+12+1",
        "UNZ+1+INV0518",
    ]
    return "UNA:+.? '\n" + "\n".join(s + "'" for s in segments)


def test_edifact_segments_are_read_after_their_qualifiers() -> None:
    n = E[0]
    text = docs.texts(docs.parse_attachment("r.edi", nhs003(n).encode(), "application/edifact"))["attachment r.edi"]
    lines = text.splitlines()
    for line in (
        f"Patient: MRS MAUREEN EXAMPLE, NHS number: {n}",
        "Date of birth: 12/03/1948",
        "Sex: female",
        "Requesting clinician: G3312887, DR SAMPLE",
        "Document date: 14/05/2024 09:30",
        "Investigation: HAEMOGLOBIN (42R4.)",
        "Result: 98 g/L",
        "Reference range: 115 to 165",
        "Clinical information: LOW HAEMOGLOBIN. MICROCYTIC PICTURE - ST JAMES'S TO REVIEW: FERRITIN",
        "UNH 00000001; MEDRPT:0:1:RT:NHS003",  # a segment read after no qualifier: its values, no "+"
    ):
        assert line in lines, line
    assert "+" not in text


@pytest.mark.parametrize(
    "name,ctype,sep",
    [("r.edi", "application/edifact", "\n"), ("r.dat", OCTET, ""), ("r.txt", "text/plain", "\r\n"), ("", "text/plain", "")],
    ids=["labelled", "octet-stream", "text/plain", "unnamed, one line"],
)
def test_edifact_is_known_by_its_bytes(name: str, ctype: str, sep: str) -> None:
    # read as plain text, the "+" before the number made it a phone number's dialling prefix
    for n in E[1:3]:
        v = docs.verdict(docs.message((name, ctype, nhs003(n, sep=sep).encode())))
        assert v.action is Action.HOLD
        assert {(f.where, f.category) for f in v.findings if f.kind == "nhs_number"} == {(where(name, ctype), "")}
        assert any(f.category == "dob" for f in v.findings if f.kind == "patient_identifier")


def test_an_edifact_file_wrapped_at_80_characters_is_read() -> None:
    one_line = nhs003(E[3], sep="")
    wrapped = "\r\n".join(one_line[i : i + 80] for i in range(0, len(one_line), 80))
    text = docs.texts(docs.parse_attachment("r.edi", wrapped.encode(), OCTET))["attachment r.edi"]
    assert f"Patient: MRS MAUREEN EXAMPLE, NHS number: {E[3]}" in text.splitlines()


def test_an_edifact_report_of_a_named_patient_without_a_number_is_held() -> None:
    v = docs.verdict(docs.message(("r.edi", "application/edifact", nhs003(dob="").encode())))
    assert v.action is Action.HOLD
    assert {f.category for f in v.findings if f.kind == "patient_identifier"} == {"patient_name"}


@pytest.mark.parametrize("quote", ["", "> "])
def test_edifact_segments_pasted_into_a_mail_are_read_in_place(quote: str) -> None:
    n = E[4]
    segments = nhs003(n).split("\n")[1:]
    body = "Hi, this is the block your parser rejected:\n\n" + "".join(f"{quote}{s}\n" for s in segments) + "\nIt's urgent."
    v = docs.verdict(docs.message(body=body))
    assert v.action is Action.HOLD
    assert {(f.where, f.category) for f in v.findings if f.kind == "nhs_number"} == {("message body", "")}
    text = docs.texts(docs.parse(docs.message(body=body)))["message body"]
    assert "Date of birth: 12/03/1948" in text and "It's urgent." in text


def test_edifact_segments_pasted_into_an_html_mail_are_read_in_place() -> None:
    segments = nhs003(E[4]).split("\n")[1:]
    html = "<p>Hi, the block your parser rejected:</p><p>" + "<br>".join(segments) + "</p>"
    v = docs.verdict(docs.message(("", "text/html", html.encode())))
    assert v.action is Action.HOLD
    where = "unnamed attachment (text/html)"
    assert {f.where for f in v.findings if f.kind == "nhs_number"} == {where}
    text = docs.texts(docs.parse(docs.message(("", "text/html", html.encode()))))[where]
    assert "Date of birth: 12/03/1948" in text


def test_a_supplier_invoice_in_edifact_is_not_held() -> None:
    # its invoice, order and delivery note numbers pass the NHS number check; EDIFACT's
    # own qualifiers say what they are
    numbers = nhs_numbers(3, seed=3304, prefix_range=(450, 749))
    v = docs.verdict(docs.message(("INVOIC.edi", "application/edifact", invoic(numbers).encode())))
    assert v.action is Action.DELIVER
    assert {f.category for f in v.findings if f.kind == "nhs_number"} == {"other_id"}
    text = docs.texts(docs.parse_attachment("i.edi", invoic(numbers).encode(), OCTET))["attachment i.edi"]
    for line in (f"Invoice number: {numbers[0]}; 9", f"Order number: {numbers[1]}", f"Delivery note number: {numbers[2]}"):
        assert line in text.splitlines(), line


def test_invoice_segments_pasted_into_a_mail_are_not_held() -> None:
    numbers = nhs_numbers(3, seed=3305, prefix_range=(450, 749))
    body = "Hi, the order reference we were sent:\n\n" + invoic(numbers) + "\n\nThanks"
    v = docs.verdict(docs.message(body=body))
    assert v.action is Action.DELIVER
    assert {f.category for f in v.findings if f.kind == "nhs_number"} == {"other_id"}


def orders(articles: list[str]) -> str:
    """A trust's order to a supplier: each line's EAN, then the supplier's article number (PIA)."""
    segments = [
        "UNB+UNOC:3+5012345000005:14+5098765000003:14+240311:1412+000412",
        "UNH+1+ORDERS:D:96A:UN:EAN008",
        "BGM+220+PO0412+9",
        "NAD+BY+5012345000005::9",
    ]
    for i, article in enumerate(articles, 1):
        segments += [f"LIN+{i}++50159067800{i:02d}:EN", f"PIA+1+{article}:SA+88{i:03d}:IN", f"QTY+21:{i * 4}"]
    segments += ["LIN+9++" + articles[0] + ":MF", "PIA+5+" + articles[-1] + ":ZZZ", "GIN+BX+" + articles[0]]
    segments += ["UNS+S", f"CNT+2:{len(articles)}", "UNT+20+1", "UNZ+1+000412"]
    return "UNA:+.? '\n" + "\n".join(s + "'" for s in segments)


def test_a_products_numbers_in_an_edifact_order_are_read_after_their_types() -> None:
    # the supplier's article numbers pass the NHS number's check; PIA and LIN say what they are
    articles = nhs_numbers(3, seed=3306, prefix_range=(450, 749))
    v = docs.verdict(docs.message(("ORDERS.edi", "application/edifact", orders(articles).encode())))
    assert v.action is Action.DELIVER
    assert {f.category for f in v.findings if f.kind == "nhs_number"} == {"other_id"}
    lines = docs.texts(docs.parse_attachment("o.edi", orders(articles).encode(), OCTET))["attachment o.edi"].splitlines()
    for line in (
        "Line item 1; EAN: 5015906780001",
        f"Supplier's article number: {articles[0]}; Buyer's item number: 88001",
        f"Line item 9; Manufacturer's article number: {articles[0]}",
        f"Product number: {articles[-1]}",  # a type no list names: still a product's number
        f"Batch number: {articles[0]}",
    ):
        assert line in lines, line


def test_a_patients_number_beside_an_edifact_orders_lines_is_still_held() -> None:
    articles = nhs_numbers(2, seed=3307, prefix_range=(450, 749))
    order = orders(articles).replace("NAD+BY+5012345000005::9'", f"PNA+PAT+{E[5]}:OPI+++SU:EXAMPLE+FO:JOAN'")
    v = docs.verdict(docs.message(("ORDERS.edi", "application/edifact", order.encode())))
    assert v.action is Action.HOLD


def test_mail_that_only_talks_about_edifact_is_read_as_written() -> None:
    body = "The PNA+PAT segment's OPI qualifier marks the NHS number; UNH+ opens a message. It's fine."
    assert docs.texts(docs.parse(docs.message(body=body)))["message body"].strip() == body


def test_a_file_labelled_edifact_that_is_other_text_is_read_as_text() -> None:
    x12 = f"ISA*00*          *00*          *ZZ*SENDER*ZZ*RECEIVER*240514*1102*U*00401*1*0*P*>~NM1*IL*1*ROE*JANE****MI*{N[10]}~"
    text = docs.texts(docs.parse_attachment("claim.edi", x12.encode(), "application/edifact"))["attachment claim.edi"]
    assert text.strip() == x12


def test_edifact_is_sniffed_by_its_start() -> None:
    assert sniff(nhs003(E[5]).encode()).kind == "edifact"
    assert sniff(b"UNB+UNOC:3+5012345000004:14+5098765000001:14+240514:1102+1'").kind == "edifact"
    assert sniff(b"UNBELIEVABLE+ results today").kind == "text"


# --- mailbox files ------------------------------------------------------------------------------


def mbox(count: int, csv_in: int) -> bytes:
    out = b""
    for i in range(1, count + 1):
        body = f"From: a@x.example\nTo: b@y.example\nSubject: m{i}\nMIME-Version: 1.0\n"
        if i == csv_in:
            csv = b64(f"NHS number,Name\n{N[9]},Roe\n")
            body += (
                'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nhello\n--b\n'
                'Content-Type: text/csv; name="list.csv"\nContent-Disposition: attachment; filename="list.csv"\n'
                f"Content-Transfer-Encoding: base64\n\n{csv}\n--b--\n"
            )
        else:
            body += "\nhello\nFrom here on, a body line that is not a separator\n"
        out += f"From a@x.example Mon Jan  1 00:00:00 2026\n{body}\n".encode()
    return out


def test_every_message_of_a_mailbox_file_is_read() -> None:
    assert found(mbox(3, 3), "export.mbox") == {"attachment export.mbox > message 3 > attachment list.csv": 1}
    assert found(mbox(1, 1), "one.mbox") == {"attachment one.mbox > attachment list.csv": 1}


def test_an_embedded_file_name_never_shows_a_number() -> None:
    n, m = N[10], N[11]
    doc = (
        f'<w:wordDocument xmlns:w="{W2003}"><w:body><w:p><w:r><w:pict>'
        f'<w:binData w:name="wordml://{n}.csv">{b64(f"NHS number,Name{chr(10)}{m},Roe{chr(10)}")}</w:binData>'
        "</w:pict></w:r></w:p></w:body></w:wordDocument>"
    )
    v = docs.verdict(docs.message(("doc.xml", "application/xml", doc.encode())))
    assert docs.found(v, "nhs_number") == {
        "attachment doc.xml, attributes": 1,  # the name, as the document holds it
        "file name of attachment doc.xml > wordml://[...].csv": 1,
        "attachment doc.xml > wordml://[...].csv": 1,
    }


def test_a_large_xml_document_is_read_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    from dlpgate.mime.formats import xml

    monkeypatch.setattr(xml, "_STREAM_FROM", 100)
    doc = data_record(N[12]).replace("<patients>", "<patients>" + "<patient><code>1</code></patient>" * 20)
    assert found(doc.encode(), "big.xml", "application/xml") == {"attachment big.xml": 1}


def test_an_xps_font_is_known_as_a_font_once_deobfuscated() -> None:
    import io
    import uuid
    import zipfile

    font = b"\x00\x01\x00\x00\x00\x0cOS/2" + bytes(range(256)) * 8  # an OpenType font's start
    guid = uuid.UUID("5f906952-1649-6df1-f15a-bb41e926eb01")
    key = bytes.fromhex(guid.hex)[::-1]
    odttf = bytes(b ^ key[i % 16] for i, b in enumerate(font[:32])) + font[32:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("Documents/1/Pages/1.fpage", "<FixedPage xmlns='http://schemas.microsoft.com/xps/2005/06'/>")
        z.writestr(f"Resources/{str(guid).upper()}.odttf", odttf)
        z.writestr("Resources/notes.odttf", odttf)  # no GUID to undo it with: unknown binary
    v = docs.verdict(docs.message(("letter.xps", OCTET, out.getvalue())))
    assert docs.unscannable(v) == {("attachment letter.xps > Resources/notes.odttf", "unsupported")}


def test_an_xps_page_is_read_as_its_text() -> None:
    import io
    import zipfile

    glyphs = "".join(
        f"<Glyphs FontUri='/f.odttf' FontRenderingEmSize='12' OriginX='96' OriginY='{96 + 20 * i}' UnicodeString='{t}'/>"
        for i, t in enumerate(["Patient: Jane Roe", "Date of birth: 02/03/1970", "Diagnosis: HIV"])
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
        z.writestr("Documents/1/Pages/1.fpage", f"<FixedPage xmlns='http://schemas.microsoft.com/xps/2005/06'>{glyphs}</FixedPage>")
    v = docs.verdict(docs.message(("letter.xps", OCTET, out.getvalue())))
    assert v.action is Action.HOLD
    assert {f.where for f in v.findings if f.kind == "patient_identifier"} == {"attachment letter.xps > Documents/1/Pages/1.fpage"}


@pytest.mark.parametrize("ctype", ["text/enriched", "text/richtext"])
def test_enriched_text_is_read_without_its_commands(ctype: str) -> None:
    n = N[14]
    body = f"<bold>NHS</bold> <<number> <color><param>red</param>{n[:5]}</color><italic>{n[5:]}</italic>\n"
    texts = docs.texts(docs.parse_attachment("note.txt", body.encode(), ctype))
    assert f"NHS <number> {n}" in texts["attachment note.txt"]
    assert found(body.encode(), "note", ctype) == {"attachment note": 1}


# --- HTML as shown ---------------------------------------------------------------------------------

HIDING = {
    "display:none": '<span style="display:none">9</span>',
    "hidden attribute": "<span hidden>12 </span>",
    "mso-hide": '<span style="mso-hide:all;display:none">8</span>',
    "zero font size": "<font style='font-size:0px'>7</font>",
    "visibility": '<b style="color:red; visibility: hidden">0</b>',
}


SHEETS = {
    "a class": ('<style type="text/css">\n.x1 { display: none !important; }\n</style>', '<span class="note x1">9</span>'),
    "a class on one element kind": ("<style>p{margin:0} span.gone,.other{font-size:0}</style>", "<span class=gone>9</span>"),
    "an id": ("<style>/* hide */ #h{visibility:hidden}</style>", "<span id='h'>12</span>"),
    "Outlook's class": ("<style><!-- .MsoHide {mso-hide:all} --></style>", '<span class="MsoHide">8</span>'),
}


@pytest.mark.parametrize("case", [*HIDING, *SHEETS], ids=[*HIDING, *SHEETS])
def test_a_number_cut_by_hidden_markup_is_read_as_shown(case: str) -> None:
    n = N[15]
    sheet, hiding = SHEETS.get(case) or ("", HIDING[case])
    page = f"<html><head>{sheet}</head><body><p>Patient NHS number {n[:5]}{hiding}{n[5:]}</p><p>Diagnosis: HIV</p>"
    v = docs.verdict(docs.message(("page.html", "text/html", page.encode())))
    assert docs.found(v, "nhs_number") == {"attachment page.html, as shown": 1}


def test_what_a_style_sheet_hides_on_some_screens_or_in_some_places_is_shown() -> None:
    n = N[15]
    for sheet in ("@media only screen and (max-width: 480px) { .mob { display: none } }", ".wrap .mob { display: none }"):
        page = f"<style>{sheet}</style><p>Patient NHS number {n[:5]}<span class=mob>9</span>{n[5:]}</p>"
        texts = docs.texts(docs.parse_attachment("page.html", page.encode(), "text/html"))
        assert "attachment page.html, as shown" not in texts


def test_hidden_text_that_cuts_nothing_adds_no_reading() -> None:
    page = '<img src="cid:x" style="display:none"><div style="display:none">Preview text</div><p>Clinic moved</p>'
    texts = docs.texts(docs.parse_attachment("page.html", page.encode(), "text/html"))
    assert "attachment page.html, as shown" not in texts
    assert "Preview text" in texts["attachment page.html"]  # hidden text is read, where it is


def test_a_number_cut_by_hidden_word_text_is_read_as_word_shows_it() -> None:
    from tests.formats.test_formats_carriers import docx_with

    n = N[16]
    body = (
        f'<w:p><w:r><w:t xml:space="preserve">NHS number {n[:5]}</w:t></w:r>'
        f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r><w:r><w:t>{n[5:]}</w:t></w:r></w:p>"
        # a hidden paragraph mark hides no text; w:val="0" switches the property off
        "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>Seen in clinic</w:t></w:r></w:p>"
        '<w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>Shown again</w:t></w:r></w:p>'
    )
    texts = docs.texts(docs.parse_attachment("a.docx", docx_with(body), docs.DOCX))
    assert f"NHS number {n}" in texts["attachment a.docx"].splitlines()
    assert "Seen in clinic" in texts["attachment a.docx"] and "Shown again" in texts["attachment a.docx"]
    assert texts["attachment a.docx, hidden text"] == "9"


def test_tracked_deletions_are_read_apart_as_word_shows_the_final_text() -> None:
    from tests.formats.test_formats_carriers import docx_with

    n, old = N[17], N[18]
    body = (
        # a typo put right: Word shows the number without the deleted digit
        f'<w:p><w:r><w:t xml:space="preserve">NHS No: {n[:6]}</w:t></w:r>'
        f'<w:del w:id="1" w:author="A"><w:r><w:delText>7</w:delText></w:r></w:del>'
        f"<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>{n[6:]}</w:t></w:r></w:ins></w:p>"
        # a whole number replaced: the old one is still in the file, a deletion of its own
        f'<w:p><w:r><w:t xml:space="preserve">Previous: </w:t></w:r><w:del w:id="3" w:author="A">'
        f"<w:r><w:delText>{old[:4]}</w:delText></w:r><w:r><w:delText>{old[4:]}</w:delText></w:r></w:del>"
        f'<w:del w:id="4" w:author="A"><w:r><w:delText>TBC</w:delText></w:r></w:del></w:p>'
    )
    texts = docs.texts(docs.parse_attachment("a.docx", docx_with(body), docs.DOCX))
    assert f"NHS No: {n}" in texts["attachment a.docx"].splitlines()
    assert texts["attachment a.docx, tracked deletions"].splitlines() == ["7", old, "TBC"]


def test_an_outlook_table_keeps_each_row_on_its_line() -> None:
    # Outlook and Word put a paragraph (and an <o:p>) in every cell
    cell = "<td><p class=MsoNormal>{}<o:p></o:p></p></td>"
    rows = [("Surname", "Forename", "Date of Birth", "Condition"), ("Mills", "Susan", "11/03/1975", "leg ulcer")]
    table = "<table>" + "".join("<tr>" + "".join(cell.format(c) for c in row) + "</tr>\n" for row in rows) + "</table>"
    html = f"<html><body><p class=MsoNormal>Please see below.<o:p></o:p></p>{table}<p>Thanks</p></body></html>"
    text = docs.texts(docs.parse_attachment("t.html", html.encode(), "text/html"))["attachment t.html"]
    assert "Surname\tForename\tDate of Birth\tCondition\nMills\tSusan\t11/03/1975\tleg ulcer" in text
    # a cell of several paragraphs keeps its lines (a layout table holding a whole letter)
    letter = "<table><tr><td><p>Dear Jo,</p><p>The meeting moved.</p></td></tr></table>"
    assert docs.texts(docs.parse_attachment("l.html", letter.encode(), "text/html"))["attachment l.html"] == (
        "Dear Jo,\nThe meeting moved."
    )


def _sqlite(tables: dict[str, tuple[list[str], list[tuple]]]) -> bytes:
    import sqlite3

    con = sqlite3.connect(":memory:")
    for name, (columns, rows) in tables.items():
        con.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')
        con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})', rows)
    con.commit()
    data = con.serialize()
    con.close()
    return bytes(data)


def test_an_sqlite_database_is_read_table_by_table() -> None:
    from tests.synthetic import nhs_numbers

    n = nhs_numbers(3, seed=59)
    csv = f"Name,NHS number\nJane Roe,{n[2]}\n".encode()
    db = _sqlite({
        "patients": (["surname", "dob", "nhs_number", "diagnosis"],
                     [("Example", "1961-11-13", int(n[0]), "COPD"), ("Sample", "1970-01-02", n[1], "asthma")]),
        "letters": (["id", "body"], [(1, csv)]),
        "prices": (["item", "price"], [("gloves", 4.2)]),
    })
    for ctype in ("application/vnd.sqlite3", docs.OCTET):
        v = docs.verdict(docs.message(("audit.db", ctype, db)))
        assert docs.found(v, "nhs_number") == {
            "attachment audit.db, table patients": 2, "attachment audit.db, table letters > blob 1": 1}
        assert not docs.unscannable(v)
    clean = _sqlite({"prices": (["item", "price"], [("gloves", 4.2), ("aprons", 1.1)])})
    assert docs.verdict(docs.message(("prices.sqlite", docs.OCTET, clean))).action is Action.DELIVER
    cut = docs.verdict(docs.message(("audit.db", docs.OCTET, db[: len(db) // 2])))
    assert cut.action is Action.HOLD


def _bold(text: str) -> str:
    return "".join(c + "\b" + c if c.strip() else c for c in text)


@pytest.mark.parametrize(
    "name,build",
    [
        ("putty.log", lambda n: f"\x1b[2J\x1b[H\x1b[7m PATIENT ENQUIRY \x1b[0m\r\n\x1b[1mSurname  :\x1b[0m ROE\r\n"
                                f"\x1b[1mNHS No   :\x1b[0m \x1b[4m{spaced(n)}\x1b[0m\r\n\x1b[1mDiagnosis:\x1b[0m asthma\r\n"),
        ("screen.cap", lambda n: f"\x1b[2J\x1b[6;14H{spaced(n)}\x1b[3;2HSurname:\x1b[6;2HNHS Number:\x1b[3;12HROE"
                                 "\x1b[8;2HProblem:\x1b[8;12Hasthma"),
        ("print.txt", lambda n: _bold("PATIENT") + ": " + _bold("Jane Roe") + "\n" + _bold("NHS NUMBER") + ": "
                                + _bold(n) + "\n" + _bold("DIAGNOSIS") + ": " + _bold("asthma") + "\n"),
    ],
    ids=["a PuTTY log's colours", "a screen drawn by cursor positions", "nroff's overstruck bold"],
)
def test_terminal_captures_are_read_as_the_screen_showed_them(name: str, build) -> None:
    v = docs.verdict(docs.message((name, OCTET, build(N[38]).encode())))
    assert docs.found(v, "nhs_number") == {f"attachment {name}": 1}
    assert v.action is Action.HOLD


def test_a_terminal_log_with_no_patient_is_delivered() -> None:
    log = ("\x1b[1mcore-sw01#\x1b[0m show interfaces status\r\nPort      Name           Status\r\n"
           "Gi1/0/1   WARD7-PRINTER  \x1b[32mconnected\x1b[0m\r\nGi1/0/2   WARD7-WOW-03   \x1b[31mnotconnect\x1b[0m\r\n")
    v = docs.verdict(docs.message(("putty.log", "text/plain", log.encode())))
    assert v.action is Action.DELIVER, v.findings


@pytest.mark.parametrize(
    "value",
    ["Tamoxifen 20mg once daily", "Sertraline 100mg tablets", "Quetiapine 25mg at night", "Olanzapine 10mg daily"],
)
def test_words_in_an_xml_value_are_text_though_every_letter_is_base64s(value: str) -> None:
    # Letters, digits and spaces only, 24 characters or more, decoding to bytes that pass as
    # text: still the words a person wrote, read in place (they were taken for an embedded file).
    from dlpgate import mime

    doc = (
        '<Bundle xmlns="http://hl7.org/fhir"><entry><resource><MedicationStatement><medicationCodeableConcept>'
        f'<text value="{value}"/></medicationCodeableConcept><note><text>{value}</text></note>'
        "</MedicationStatement></resource></entry></Bundle>"
    )
    parsed = mime.parse(docs.message(("bundle.xml", "application/fhir+xml", doc.encode())))
    read = "\n".join(s.text for s in parsed.segments)
    assert read.count(value) == 2
    assert not any("embedded file" in s.where for s in parsed.segments)


# --- an HL7 v3 (CDA) patient's header; HL7 v2 test records -----------------------------------


def cda_header(patient_id: str, birth_time: str = "19860926", root: str = "2.16.840.1.113883.2.1.4.2",
               medication: str = "Quetiapine 25mg once daily") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">'
        '<title>Discharge Summary</title><effectiveTime value="20240604120000+0100"/>'
        f'<recordTarget><patientRole><id root="{root}" extension="{patient_id}"/>'
        '<patient><name><prefix>Mr</prefix><given>Ian</given><family>Example</family></name>'
        f'<birthTime value="{birth_time}"/></patient></patientRole></recordTarget>'
        '<component><structuredBody><component><section><title>Medication on discharge</title><text><table><tbody>'
        f'<tr><td>{medication}</td><td>New</td></tr></tbody></table></text></section></component>'
        "</structuredBody></component></ClinicalDocument>"
    )


def test_a_cda_patients_header_reads_as_a_viewer_shows_it() -> None:
    # birthTime is an HL7 timestamp under CDA's own name; the name's parts are elements of their own
    text = docs.texts(docs.parse_attachment("discharge.xml", cda_header("RX5856660", "198609261230+0100").encode(),
                                            "application/xml"))["attachment discharge.xml"]
    lines = text.splitlines()
    for line in ("patient identifier: RX5856660", "patient name: Mr Ian Example", "date of birth: 1986-09-26"):
        assert line in lines, line
    # the document's own times and ids are not the patient's
    assert "date of birth: 2024-06-04" not in lines and lines.count("patient identifier: RX5856660") == 1


def test_a_cda_with_a_local_mrn_and_a_date_of_birth_but_no_nhs_number_is_held() -> None:
    v = docs.verdict(docs.message(("discharge2.xml", "application/xml", cda_header("RX5856660").encode())))
    assert v.action is Action.HOLD and "patient_health_data_external" in v.rules
    assert {f.category for f in v.findings if f.kind == "patient_identifier"} >= {"dob", "hospital_number"}
    # a template with no patient in it: an imprecise birth time (a year) and no id's extension
    blank = cda_header("", "1986").replace(' extension=""', ' nullFlavor="NI"').replace("Ian", "").replace("Example", "")
    assert docs.verdict(docs.message(("template.xml", "application/xml", blank.encode()))).action is Action.DELIVER


def _training_adt(*patients: tuple[str, str, str], processing: str = "T") -> str:
    return "\r".join(
        line
        for n, (mrn, name, dob) in enumerate(patients, 1)
        for line in (f"MSH|^~\\&|PAS|TRAIN|TIE|TRAIN|20240604||ADT^A01|TR000{n}|{processing}|2.4",
                     f"PID|1||{mrn}^^^RX1^MR||{name}||{dob}|M", "PV1|1|I|W12^B1^01",
                     "DG1|1||I21.9^Acute myocardial infarction^I10")
    ) + "\r"


def test_each_hl7_message_is_a_record_of_its_own() -> None:
    msg = _training_adt(("TRN0000001", "MOUSE^MICKEY", "19280101"), ("TRN0000002", "DUCK^DONALD", "19340609"))
    text = docs.texts(docs.parse_attachment("adt.hl7", msg.encode(), "application/hl7-v2"))["attachment adt.hl7"]
    first, second = text.split("\n\n")
    assert "patient name: MICKEY MOUSE" in first and "TRN0000001" in first and "TRN0000002" not in first
    assert second.startswith("sending application: PAS") and "patient name: DONALD DUCK" in second


def test_hl7_from_a_training_system_with_cartoon_test_patients_is_delivered() -> None:
    # their hospital numbers and dates of birth are the test records' too, not only the name's line
    msg = _training_adt(("TRN0000001", "MOUSE^MICKEY", "19280101"), ("TRN0000002", "DUCK^DONALD", "19340609"))
    v = docs.verdict(docs.message(("training_adt.hl7", "application/hl7-v2", msg.encode())))
    assert v.action is Action.DELIVER, v.findings
    # ... a real patient's message beside a test patient's is still held
    mixed = _training_adt(("RX56602211", "EXAMPLE^JOAN", "19510828"), ("TRN0000002", "DUCK^DONALD", "19340609"),
                          processing="P")
    v = docs.verdict(docs.message(("adt.hl7", "application/hl7-v2", mixed.encode())))
    assert v.action is Action.HOLD and "patient_health_data_external" in v.rules


# --- Word's text stream as a body ------------------------------------------------------------


def _word_stream(middle: str) -> bytes:
    # What a sender's software makes of a Word document "saved" into a body: its OLE
    # signature, then the text stream with Word's field marks and cell ends (see
    # mime.text.WORD_CONTROLS), e.g. a mail-merged flyer.
    return (
        b"\n\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Clinic newsletter\nVisit us online @ "
        b'\x13 HYPERLINK "http://www.example.org" \x01\x14www.example.org\x15\n'
        + middle.encode()
        + b"\nOpening times\x07Mon-Fri\x07\x07\n\x13 EMBED MS_ClipArt_Gallery.5  \x14\x01\x15\n\n"
    )


@pytest.mark.parametrize("ctype", ["text/html", "text/plain"])
def test_words_text_stream_sent_as_a_body_is_read_as_text(ctype: str) -> None:
    # Its control characters are Word's marks (more than one character in fifty of a short
    # flyer), not bytes of no text: the body is read, not held as undecodable.
    clean = _word_stream("Our new phlebotomy hours start in June.")
    v = docs.verdict(docs.message(("flyer.htm" if ctype == "text/html" else "flyer.txt", ctype, clean)))
    assert v.action is Action.DELIVER, v.findings
    n = N[38]
    inside = _word_stream(f'\x13 MERGEFIELD NHSNo \x14NHS number {spaced(n)}\x15 please bring this letter.')
    assert found(inside, "flyer.txt", ctype) == {"attachment flyer.txt": 1}


def test_binary_with_a_word_field_mark_in_it_is_still_no_text() -> None:
    import random

    rnd = random.Random(7)
    blob = bytes(rnd.randrange(256) for _ in range(3000))
    blob = blob[:1000] + b'\x13 HYPERLINK "http://x" \x14x\x15' + blob[1000:]
    v = docs.verdict(docs.message(("notes.txt", "text/plain", blob)))
    assert v.action is Action.HOLD and docs.unscannable(v), v.findings


# --- TeX and LaTeX source -------------------------------------------------------------------

T = nhs_numbers(4, seed=4747)


@pytest.mark.parametrize(
    "written",
    [
        lambda n: f"{n[:3]}\\,{n[3:6]}\\,{n[6:]}",  # thin spaces, as a careful typesetter groups digits
        lambda n: f"{n[:3]}~{n[3:6]}~{n[6:]}",  # ties
        lambda n: f"{n[:3]}\\thinspace {n[3:6]}\\thinspace {n[6:]}",
        lambda n: f"{n[:3]}\\ {n[3:6]}\\hspace{{1pt}}{n[6:]}",
        lambda n: f"{n[:5]}{{}}{n[5:]}",  # an empty group between two digits
    ],
)
def test_tex_source_is_read_as_typeset(written) -> None:
    n = T[0]
    source = ("\\documentclass{article}\n\\begin{document}\nWe present Mrs Jane Roe (NHS number "
              + written(n) + "), aged 34, with peripartum cardiomyopathy.\n\\end{document}\n").encode()
    for name, ctype in (("case.tex", "application/x-tex"), ("case.tex", OCTET), ("case.txt", "text/plain")):
        v = docs.verdict(docs.message((name, ctype, source)))
        assert docs.found(v, "nhs_number") == {f"attachment {name}": 1}, (name, ctype)


def test_tex_spacing_is_read_only_in_tex() -> None:
    # a Windows path's "\," and a tilde in a plain note stay as written
    from dlpgate.mime.formats.text import tex_text

    assert tex_text("a\\,b~c\\-d") == "a b cd"
    benign = b"\\documentclass{article}\n\\begin{document}\nWe audited $n = 1\\,204$ admissions; grant 4\\,412\\,098\\,831.\n\\end{document}\n"
    assert docs.verdict(docs.message(("audit.tex", "text/x-tex", benign))).action is Action.DELIVER
    v = docs.verdict(docs.message(("notes.txt", "text/plain", f"Saved to C:\\files\\,{T[1][:3]}~{T[1][3:]}".encode())))
    assert not docs.found(v, "nhs_number")


# --- data exports: SYLK, dBase, shapefiles -----------------------------------------------------

D = nhs_numbers(6, seed=5151)


def _sylk(rows: list[list]) -> bytes:
    out = ["ID;PWXL;N;E", 'P;PGeneral']
    for y, row in enumerate(rows, 1):
        for x, v in enumerate(row, 1):
            out.append(f"C;Y{y};X{x};K" + (f'"{v}"' if isinstance(v, str) else str(v)))
    return ("\r\n".join(out) + "\r\nE\r\n").encode("cp1252")


def test_a_sylk_export_is_read_as_its_sheet() -> None:
    # "C;Y2;X3;K4010232137": the value is glued to its record's fields; read as the cell it is
    data = _sylk([["Surname", "NHS number", "Diagnosis"], ["Roe", int(D[0]), "Hodgkin lymphoma"]])
    for name, ctype in (("list.slk", "application/vnd.ms-excel"), ("list.txt", "text/plain"), ("list", OCTET)):
        v = docs.verdict(docs.message((name, ctype, data)))
        assert docs.found(v, "nhs_number") == {f"attachment {name}": 1}, name
        assert v.action is Action.HOLD, name
    parsed = docs.parse_attachment("list.slk", data, "application/x-sylk")
    assert docs.texts(parsed)["attachment list.slk"] == f"Surname\tNHS number\tDiagnosis\nRoe\t{D[0]}\tHodgkin lymphoma"
    prices = _sylk([["Item", "Code"]] + [[f"Gloves {i}", 4400000000 + i * 7919] for i in range(20)])
    assert docs.verdict(docs.message(("prices.slk", "application/x-sylk", prices))).action is Action.DELIVER


def _dbf(fields: list[tuple[str, str, int]], rows: list[list], version: int = 3) -> bytes:
    import struct

    record = 1 + sum(length for _, _, length in fields)
    header = 32 + 32 * len(fields) + 1
    out = struct.pack("<B3BIHH20x", version, 125, 3, 1, len(rows), header, record)
    for name, kind, length in fields:
        out += name.encode().ljust(11, b"\0") + kind.encode() + bytes(4) + bytes([length, 0]) + bytes(14)
    out += b"\r"
    for row in rows:
        out += b" " + b"".join((str(v).rjust(n) if k == "N" else str(v).ljust(n)).encode("cp1252")[:n]
                               for (_, k, n), v in zip(fields, row, strict=True))
    return out + b"\x1a"


def test_a_dbase_table_is_read_as_a_sheet() -> None:
    fields = [("SURNAME", "C", 20), ("NHSNO", "N", 10), ("DIAG", "C", 30), ("SEEN", "D", 8)]
    data = _dbf(fields, [["Roe", D[1], "Type 2 diabetes", "20250301"], ["Doe", D[2], "Sickle cell anaemia", "20250302"]])
    for name in ("REGISTER.DBF", "export", "list.dat"):
        v = docs.verdict(docs.message((name, OCTET, data)))
        assert docs.found(v, "nhs_number") == {f"attachment {name}": 2}, name
        assert not docs.unscannable(v), name
    text = docs.texts(docs.parse_attachment("r.dbf", data))["attachment r.dbf"]
    assert text.splitlines()[:2] == ["SURNAME\tNHSNO\tDIAG\tSEEN", f"Roe\t{D[1]}\tType 2 diabetes\t2025-03-01"]
    stock = _dbf([("CODE", "C", 10), ("QTY", "N", 6)], [[f"S{i:05d}", i * 3] for i in range(30)])
    assert docs.verdict(docs.message(("STOCK.DBF", OCTET, stock))).action is Action.DELIVER
    # a header that does not add up to the file is no dBase table: unknown binary, held
    assert docs.unscannable(docs.verdict(docs.message(("x.dbf", OCTET, data[:-40])))) == {("attachment x.dbf", "corrupt")}


def _shapefile(points: int) -> tuple[bytes, bytes]:
    import struct

    records = b"".join(struct.pack(">ii", i, 10) + struct.pack("<idd", 1, -1.5 + i / 100, 52.4) for i in range(1, points + 1))
    bbox = struct.pack("<4d4d", -1.5, 52.4, -1.4, 52.4, 0, 0, 0, 0)
    shp = struct.pack(">i20xi", 9994, (100 + len(records)) // 2) + struct.pack("<ii", 1000, 1) + bbox + records
    index = b"".join(struct.pack(">ii", 50 + 14 * i, 10) for i in range(points))
    shx = struct.pack(">i20xi", 9994, (100 + len(index)) // 2) + struct.pack("<ii", 1000, 1) + bbox + index
    return shp, shx


def test_a_shapefile_is_noted_and_its_attributes_read() -> None:
    shp, shx = _shapefile(12)
    sites = _dbf([("SITE", "C", 20), ("UPRN", "N", 12)], [[f"Site {i}", 100023456789 + i * 97] for i in range(12)])
    files = {"sites.shp": shp, "sites.shx": shx, "sites.dbf": sites, "sites.prj": 'GEOGCS["GCS_WGS_1984"]'}
    v = docs.verdict(docs.message(("sites.zip", "application/zip", docs.zip_of(files))))
    assert v.action is Action.DELIVER, v.findings
    patients = _dbf([("NAME", "C", 20), ("NHSNO", "N", 10), ("DIAG", "C", 20)], [["Jane Roe", D[3], "dementia"]])
    v = docs.verdict(docs.message(("visits.zip", "application/zip", docs.zip_of({**files, "sites.dbf": patients}))))
    assert docs.found(v, "nhs_number") == {"attachment visits.zip > sites.dbf": 1}
    # geometry whose records do not fit its header is unknown binary, held
    v = docs.verdict(docs.message(("a.shp", OCTET, shp[:100] + bytes(len(shp) - 100))))
    assert docs.unscannable(v) == {("attachment a.shp", "unsupported")}


def _sav(variables: list[tuple[str, int]], rows: list[list], compression: int = 1, labels: tuple = ()) -> bytes:
    """An SPSS system file as SPSS writes one: header, a variable record per 8-byte slot
    (continuations for long strings), value labels, long names, the data (bytecode-compressed,
    zlib-compressed as .zsav, or not)."""
    import struct
    import zlib

    slots = sum(1 if w == 0 else (w + 7) // 8 for _, w in variables)
    out = bytearray(b"$FL3" if compression == 2 else b"$FL2")
    out += b"@(#) IBM SPSS STATISTICS".ljust(60) + struct.pack("<iiiii", 2, slots, compression, 0, len(rows))
    out += struct.pack("<d", 100.0) + b"01 Mar 25" + b"09:12:44" + b"Audit extract".ljust(64) + bytes(3)
    shorts = []
    for i, (_name, w) in enumerate(variables):
        shorts.append(f"V{i}")
        out += struct.pack("<iiiiii", 2, w, 0, 0, 0x050A00, 0x050A00) + f"V{i}".encode().ljust(8)
        for _ in range((w + 7) // 8 - 1 if w else 0):
            out += struct.pack("<iiiiii", 2, -1, 0, 0, 0, 0) + b" " * 8
    for value, label in labels:
        out += struct.pack("<ii", 3, 1) + struct.pack("<d", value) + bytes([len(label)]) + label.encode().ljust(7 + len(label) // 8 * 8)
        out += struct.pack("<iii", 4, 1, 1)
    names = "\t".join(f"{s}={n}" for s, (n, _) in zip(shorts, variables, strict=True)).encode()
    out += struct.pack("<iiii", 7, 13, 1, len(names)) + names + struct.pack("<iiii", 7, 20, 1, 5) + b"UTF-8"
    out += struct.pack("<ii", 999, 0)
    cells: list[bytes | float] = []
    for row in rows:
        for (_, w), v in zip(variables, row, strict=True):
            if w == 0:
                cells.append(float(v))
            else:
                raw = str(v).encode().ljust((w + 7) // 8 * 8)
                cells.extend(raw[k : k + 8] for k in range(0, len(raw), 8))
    if compression == 0:
        return bytes(out) + b"".join(c if isinstance(c, bytes) else struct.pack("<d", c) for c in cells)
    data = bytearray()
    for k in range(0, len(cells) + 1, 8):
        block = cells[k : k + 8]
        codes, raws = [], b""
        for c in block:
            if isinstance(c, float) and c.is_integer() and -99 <= c <= 151:
                codes.append(int(c) + 100)
            elif c == b" " * 8:
                codes.append(254)
            else:
                codes.append(253)
                raws += c if isinstance(c, bytes) else struct.pack("<d", c)
        if len(block) < 8:
            codes.append(252)
        data += bytes(codes).ljust(8, b"\x00") + raws
    if compression == 1:
        return bytes(out) + bytes(data)
    start = len(out)
    packed = zlib.compress(bytes(data))
    return bytes(out) + struct.pack("<qqq", start, start + 24 + len(packed), 48) + packed + bytes(48)


def test_an_spss_data_file_is_read_as_its_data_and_dictionary() -> None:
    variables = [("patient_name", 30), ("nhs_number", 0), ("diagnosis", 20), ("hba1c", 0)]
    rows = [["Jane Roe", int(D[4]), "Type 1 diabetes", 71.5], ["John Doe", int(D[5]), "Type 1 diabetes", 58]]
    for compression in (0, 1, 2):
        data = _sav(variables, rows, compression)
        for name in ("audit.sav", "audit.dat"):
            v = docs.verdict(docs.message((name, OCTET, data)))
            assert docs.found(v, "nhs_number") == {f"attachment {name}": 2}, (compression, name)
            assert not docs.unscannable(v), (compression, name)
        text = docs.texts(docs.parse_attachment("a.sav", data))["attachment a.sav"]
        assert text.splitlines()[1] == f"Jane Roe\t{D[4]}\tType 1 diabetes\t71.5", compression
    survey = _sav([("respondent", 0), ("staff_group", 12), ("score", 0)],
                  [[i, "Nursing" if i % 2 else "Admin", i % 5 + 1] for i in range(1, 60)], labels=((5.0, "Very satisfied"),))
    parsed = docs.parse_attachment("survey.sav", survey)
    assert "Very satisfied" in docs.texts(parsed)["attachment survey.sav, dictionary"]
    assert docs.verdict(docs.message(("survey.sav", OCTET, survey))).action is Action.DELIVER
    # cut short: what was read is scanned, the damage is held
    cut = _sav(variables, rows, 0)[:-12]
    v = docs.verdict(docs.message(("audit.sav", OCTET, cut)))
    assert docs.found(v, "nhs_number") == {"attachment audit.sav": 1}
    assert docs.unscannable(v) == {("attachment audit.sav", "corrupt")}
    # another program's .sav is unknown binary
    v = docs.verdict(docs.message(("idl.sav", OCTET, b"SR\x00\x04" + bytes(range(256)) * 2)))
    assert docs.unscannable(v) == {("attachment idl.sav", "unsupported")}


S = nhs_numbers(4, seed=6161)
_DTA_NUMBERS = {"double": (65526, 255, "d"), "float": (65527, 254, "f"), "long": (65528, 253, "l"), "int": (65529, 252, "h"), "byte": (65530, 251, "b")}


def _dta(release: int, variables: list[tuple[str, object, str, str]], rows: list[list], label: str = "", notes: tuple[str, ...] = (),
         value_labels: dict[str, dict[int, str]] | None = None, big: bool = False) -> bytes:
    """A Stata data file as Stata writes one: ``variables`` as (name, type, variable label, value
    labels' name), type a string width, "strL" or a number type; format 117-119 tagged, 113-115 not."""
    import struct

    e = ">" if big else "<"
    value_labels = value_labels or {}
    new = release >= 118
    name_size = 129 if new else 33
    codec = "utf-8" if new else "latin-1"

    def fixed(text: str, size: int) -> bytes:
        return text.encode(codec).ljust(size, b"\x00")[:size]

    def table(labels: dict[int, str]) -> bytes:
        texts, offsets = b"", []
        for text in labels.values():
            offsets.append(len(texts))
            texts += text.encode(codec) + b"\x00"
        n = len(labels)
        return struct.pack(f"{e}II{n}I{n}i", n, len(texts), *offsets, *labels) + texts

    strls, body = b"", b""
    for r, row in enumerate(rows, 1):
        for c, ((_name, kind, _lab, _vl), value) in enumerate(zip(variables, row, strict=True), 1):
            if kind == "strL":
                if release == 117:
                    ref = struct.pack(e + "II", c, r)
                    gso = ref
                else:
                    vsize = 2 if release == 118 else 3
                    v, o = struct.pack(e + "I", c), struct.pack(e + "Q", r)
                    ref = v[:vsize] + o[: 8 - vsize] if not big else v[4 - vsize :] + o[vsize:]
                    gso = v + o
                text = str(value).encode(codec) + b"\x00"
                strls += b"GSO" + gso + bytes([130]) + struct.pack(e + "I", len(text)) + text
                body += ref
            elif isinstance(kind, int):
                body += fixed(str(value), kind)
            else:
                code = _DTA_NUMBERS[str(kind)][2]
                body += struct.pack(e + code, value if value is not None else (8.99e307 if code == "d" else 2.0**127 if code == "f" else 101 if code == "b" else 2**15 - 1 if code == "h" else 2**31 - 1))
    types = [k if isinstance(k, int) else 32768 if k == "strL" else _DTA_NUMBERS[str(k)][0] for _, k, _, _ in variables]
    if release < 117:
        nvar = len(variables)
        out = struct.pack(e + "BBBBHI", release, 1 if big else 2, 1, 0, nvar, len(rows)) + fixed(label, 81) + fixed(" 3 Nov 2026 10:12", 18)
        out += bytes(k if isinstance(k, int) else _DTA_NUMBERS[str(k)][1] for _, k, _, _ in variables)
        out += b"".join(fixed(n, 33) for n, _, _, _ in variables) + bytes(2 * (nvar + 1))
        out += b"".join(fixed("%9.0g", 12 if release == 113 else 49) for _ in variables)
        out += b"".join(fixed(vl, 33) for _, _, _, vl in variables) + b"".join(fixed(lab, 81) for _, _, lab, _ in variables)
        for i, note in enumerate(notes, 1):
            ch = fixed("_dta", 33) + fixed(f"note{i}", 33) + note.encode(codec) + b"\x00"
            out += struct.pack(e + "BI", 1, len(ch)) + ch
        out += struct.pack(e + "BI", 0, 0) + body
        for name, labels in value_labels.items():
            t = table(labels)
            out += struct.pack(e + "I", len(t)) + fixed(name, 33) + bytes(3) + t
        return out
    nvar = len(variables)
    out = b"<stata_dta><header><release>%d</release><byteorder>%s</byteorder>" % (release, b"MSF" if big else b"LSF")
    out += b"<K>" + struct.pack(e + ("I" if release == 119 else "H"), nvar) + b"</K>"
    out += b"<N>" + struct.pack(e + ("Q" if new else "I"), len(rows)) + b"</N>"
    out += b"<label>" + struct.pack(e + ("H" if new else "B"), len(label.encode(codec))) + label.encode(codec) + b"</label>"
    out += b"<timestamp>" + bytes([17]) + b" 3 Nov 2026 10:12" + b"</timestamp></header>"
    out += b"<map>" + bytes(14 * 8) + b"</map>"
    out += b"<variable_types>" + b"".join(struct.pack(e + "H", t) for t in types) + b"</variable_types>"
    out += b"<varnames>" + b"".join(fixed(n, name_size) for n, _, _, _ in variables) + b"</varnames>"
    out += b"<sortlist>" + bytes((nvar + 1) * (4 if release == 119 else 2)) + b"</sortlist>"
    out += b"<formats>" + b"".join(fixed("%9.0g", 57 if new else 49) for _ in variables) + b"</formats>"
    out += b"<value_label_names>" + b"".join(fixed(vl, name_size) for _, _, _, vl in variables) + b"</value_label_names>"
    out += b"<variable_labels>" + b"".join(fixed(lab, 321 if new else 81) for _, _, lab, _ in variables) + b"</variable_labels>"
    out += b"<characteristics>"
    for i, note in enumerate(notes, 1):
        ch = fixed("_dta", name_size) + fixed(f"note{i}", name_size) + note.encode(codec) + b"\x00"
        out += b"<ch>" + struct.pack(e + "I", len(ch)) + ch + b"</ch>"
    out += b"</characteristics><data>" + body + b"</data><strls>" + strls + b"</strls><value_labels>"
    for name, labels in value_labels.items():
        t = table(labels)
        out += b"<lbl>" + struct.pack(e + "I", len(t)) + fixed(name, name_size) + bytes(3) + t + b"</lbl>"
    return out + b"</value_labels></stata_dta>"


_COHORT = [("pid", "double", "NHS number", ""), ("name", 20, "Patient name", ""), ("dx", "strL", "Diagnosis", ""),
           ("sex", "byte", "", "sexlbl"), ("hba1c", "float", "HbA1c mmol/mol", ""), ("visits", "int", "", ""), ("ward", "long", "", "")]


@pytest.mark.parametrize("release", [113, 114, 115, 117, 118, 119])
@pytest.mark.parametrize("big", [False, True])
def test_a_stata_data_file_is_read_as_its_data_and_dictionary(release: int, big: bool) -> None:
    variables = [v if release >= 117 or v[1] != "strL" else (v[0], 40, v[2], v[3]) for v in _COHORT]
    rows = [[int(S[0]), "Jane Roe", "Type 1 diabetes, gastroparesis", 2, 71.5, 3, 12], [int(S[1]), "John Doe", "Pancreatic cancer", 1, None, 0, 9]]
    data = _dta(release, variables, rows, label="Diabetes cohort", notes=("Extract from the renal audit",),
                value_labels={"sexlbl": {1: "Male", 2: "Female"}}, big=big)
    assert sniff(data).kind == "stata"
    for name in ("cohort.dta", "cohort.dat"):
        v = docs.verdict(docs.message((name, OCTET, data)))
        assert docs.found(v, "nhs_number") == {f"attachment {name}": 2}, name
        assert not docs.unscannable(v)
    got = docs.texts(docs.parse_attachment("a.dta", data))
    assert got["attachment a.dta"].splitlines() == [
        "pid\tname\tdx\tsex\thba1c\tvisits\tward",
        f"{S[0]}\tJane Roe\tType 1 diabetes, gastroparesis\tFemale\t71.5\t3\t12",
        f"{S[1]}\tJohn Doe\tPancreatic cancer\tMale\t\t0\t9",
    ]
    dictionary = got["attachment a.dta, dictionary"]
    for text in ("Diabetes cohort", "HbA1c mmol/mol", "Extract from the renal audit", "sexlbl: 2 = Female"):
        assert text in dictionary
    # cut short: what was read is scanned, the damage held
    cut = data[: data.index(b"John Doe") + 4] if release < 117 else data[: data.index(b"</data>") - 30]
    v = docs.verdict(docs.message(("a.dta", OCTET, cut)))
    assert docs.found(v, "nhs_number") == {"attachment a.dta": 1}
    assert docs.unscannable(v) == {("attachment a.dta", "corrupt")}


def test_a_stata_file_of_counts_is_delivered_and_another_programs_dta_is_unknown() -> None:
    counts = _dta(118, [("month", 7, "", ""), ("site", 10, "", ""), ("admissions", "double", "", "")],
                  [["2026-08", "Main", 4120], ["2026-09", "Main", 3990]], label="Admissions by month")
    assert docs.verdict(docs.message(("admissions.dta", "application/x-stata-dta", counts))).action is Action.DELIVER
    v = docs.verdict(docs.message(("game.dta", OCTET, b"DTA\x01" + bytes(range(256)) * 2)))
    assert docs.unscannable(v) == {("attachment game.dta", "unsupported")}


def test_a_binary_stl_model_is_read_as_its_header() -> None:
    import struct

    triangles = b"".join(struct.pack("<12fH", 0, 0, 1, i, 0, 0, i + 1, 0, 0, i, 1, 0, 0) for i in range(30))
    model = b"solid ROE_Jane_" + S[2].encode() + b"_mandible_osteosarcoma"
    stl = model.ljust(80, b"\x00") + struct.pack("<I", 30) + triangles
    assert sniff(stl).kind == "stl"
    v = docs.verdict(docs.message(("guide.stl", OCTET, stl)))
    assert docs.found(v, "nhs_number") == {"attachment guide.stl, header": 1}
    assert not docs.unscannable(v)
    bracket = b"Exported by MeshLab".ljust(80, b" ") + struct.pack("<I", 30) + triangles
    v = docs.verdict(docs.message(("bracket.stl", OCTET, bracket)))
    assert v.action is Action.DELIVER and not docs.unscannable(v)
    # the smallest model, one triangle, is a model too
    one = model.ljust(80, b"\x00") + struct.pack("<I", 1) + triangles[:50]
    assert sniff(one).kind == "stl"
    assert docs.found(docs.verdict(docs.message(("guide.stl", OCTET, one))), "nhs_number") == {"attachment guide.stl, header": 1}
    # a triangle short: no model, unknown binary
    v = docs.verdict(docs.message(("bracket.stl", OCTET, bracket[:-50] + bytes(49))))
    assert docs.unscannable(v) == {("attachment bracket.stl", "corrupt")}


# --- captions and transcripts (WebVTT, SubRip) -----------------------------------------------

VTT = (
    "WEBVTT\n\nNOTE exported by the meeting app\n\nSTYLE\n::cue {{ color: white }}\n\n"
    "4763/18-0\n00:01:02.000 --> 00:01:05.500 align:start\n<v Dr Kate Example>The next one is Mrs Beverley Example,</v>\n\n"
    "4763/19-0\n00:01:05.500 --> 00:01:10.000\n<v Dr Kate Example>who was admitted overnight with an upper GI bleed,\n"
    "NHS number</v>\n\n"
    "4763/20-0\n00:01:10.000 --> 00:01:15.000\n<v Dr Kate Example>{n}, varices banded &amp; <c.yellow>known</c> liver disease.</v>\n\n"
    "4763/21-0\n00:01:15.000 --> 00:01:17.000\n<v Tom Example>Thanks.</v>\n"
)
SRT = (
    "1\r\n00:00:01,000 --> 00:00:04,000\r\nRachel: right, Mr Patrick Example, bed 22,\r\n\r\n"
    "2\r\n00:00:04,000 --> 00:00:09,000\r\n<i>Rachel: came in with a stroke, NHS number</i>\r\n\r\n"
    "3\r\n00:00:09,000 --> 00:00:12,000\r\n{{\\an8}}Rachel: {n}.\r\n\r\n"
    "4\r\n00:00:12,000 --> 00:00:14,000\r\nSam: we're discussing DNACPR.\r\n"
)


@pytest.mark.parametrize("name,ctype", [("handover.vtt", "text/vtt"), ("handover.txt", "text/plain"), ("", OCTET)])
def test_webvtt_is_read_as_the_transcript_it_is(name: str, ctype: str) -> None:
    data = VTT.format(n=spaced(N[36])).encode()
    assert sniff(data).kind == "captions"
    text = docs.texts(docs.parse_attachment(name, data, ctype))[where(name, ctype)]
    assert text.splitlines() == [
        "exported by the meeting app",
        "Dr Kate Example: The next one is Mrs Beverley Example, who was admitted overnight with an upper GI"
        f" bleed, NHS number {spaced(N[36])}, varices banded & known liver disease.",
        "Tom Example: Thanks.",
    ]
    v = docs.verdict(docs.message((name, ctype, data)))
    assert docs.found(v, "nhs_number") == {where(name, ctype): 1}
    assert v.action is Action.HOLD


@pytest.mark.parametrize("name,ctype", [("round.srt", "application/x-subrip"), ("round.txt", "text/plain")])
def test_subrip_is_read_as_the_transcript_it_is(name: str, ctype: str) -> None:
    data = SRT.format(n=N[37]).encode()
    assert sniff(data).kind == "captions"
    text = docs.texts(docs.parse_attachment(name, data, ctype))[where(name, ctype)]
    assert text.splitlines() == [
        f"Rachel: right, Mr Patrick Example, bed 22, came in with a stroke, NHS number {N[37]}.",
        "Sam: we're discussing DNACPR.",
    ]
    assert found(data, name, ctype) == {where(name, ctype): 1}


def test_cue_identifiers_and_timings_are_no_numbers_in_the_text() -> None:
    cues = "".join(
        f"{int(N[38]) + i}\n00:0{i}:00.000 --> 00:0{i}:05.500\n<v Mark Example>Item {i}: {t}</v>\n\n"
        for i, t in enumerate(["14 falls last month, down from 19.", "three pressure ulcers on Ward 9."])
    )
    data = ("WEBVTT\n\n" + cues).encode()
    text = docs.texts(docs.parse_attachment("qs.vtt", data, "text/vtt"))["attachment qs.vtt"]
    assert N[38] not in text and "-->" not in text
    assert found(data, "qs.vtt", "text/vtt") == {}


def test_text_that_only_starts_like_captions_is_plain_text() -> None:
    assert sniff(b"12\nitems on the list, 00:00:01,000 later\n").kind == "text"
    assert sniff(b"WEBVTTX notes\n").kind == "text"


# --- JSON read by its values --------------------------------------------------------------------


def _slack_event(indent: int | None) -> bytes:
    import json

    runs = [{"type": "text", "text": "Re: "}, {"type": "text", "text": "Mr Leonard Example", "style": {"bold": True}},
            {"type": "emoji", "name": "bed"}, {"type": "text", "text": " in bay 2 - "},
            {"type": "text", "text": "new diagnosis of metastatic pancreatic cancer"}, {"type": "text", "text": "."}]
    event = {"channel": "C05XYZ", "ts": "1773307022.000300", "text": "",
             "blocks": [{"type": "rich_text", "block_id": "a1b2",
                         "elements": [{"type": "rich_text_section", "elements": runs}]}]}
    return json.dumps(event, indent=indent).encode()


@pytest.mark.parametrize("indent", [None, 2])
def test_json_rich_text_runs_are_read_as_one_line(indent: int | None) -> None:
    data = _slack_event(indent)
    text = docs.texts(docs.parse_attachment("event.json", data, "application/json"))["attachment event.json"]
    assert "Re: Mr Leonard Example in bay 2 - new diagnosis of metastatic pancreatic cancer." in text.splitlines()
    assert "type: rich_text" in text.splitlines()  # a value after its key; the raw text is read too
    v = docs.verdict(docs.message(("event.json", OCTET, data)))
    assert v.action is Action.HOLD and docs.found(v, "patient_identifier"), v.findings


def test_json_values_reading_is_bounded() -> None:
    from dlpgate.mime.formats.text import _JSON_VALUES_CAP, json_values

    assert json_values('{"tags": ["Mr Leonard Example has", "metastatic cancer"]}') == (
        "tags: Mr Leonard Example has metastatic cancer")
    log = "\n".join(f'{{"ts": "2026-03-12T10:00:{i % 60:02d}Z", "msg": "request {i} served", "tags": ["api", "v2"]}}'
                    for i in range(2000))
    assert json_values(log) is None  # nothing joined: the raw text reads the same
    event = _slack_event(None).decode()
    big = "[" + ",".join([event] * (_JSON_VALUES_CAP // len(event) + 1)) + "]"
    assert len(big) > _JSON_VALUES_CAP and json_values(big) is None
    assert json_values("[" + ",".join([event] * 100) + "]") is not None
    started = time.perf_counter()
    assert json_values(big[: _JSON_VALUES_CAP - 10]) is None  # cut short: not JSON
    assert time.perf_counter() - started < 0.5


# --- HTML character references in text ---------------------------------------------------------


def test_html_character_references_in_text_are_read_as_characters() -> None:
    body = "can you see *Mrs Ruth Example* &amp; her daughter? she&#39;s had a new PE on CTPA, R&D &copy stays"
    text = docs.texts(docs.parse(docs.message(body=body)))["message body"]
    assert "*Mrs Ruth Example* & her daughter? she's had a new PE on CTPA, R&D &copy stays" in text
    data = (b'[{"type": "message", "text": "see *Mrs Ruth Example* &amp; her daughter at 2? she&#39;s had a '
            b'_new PE_ on CTPA, started on LMWH"}]')
    v = docs.verdict(docs.message(("2026-03-12.json", OCTET, data)))
    assert v.action is Action.HOLD and docs.found(v, "patient_identifier"), v.findings


# --- delimited values under another label ----------------------------------------------------


@pytest.mark.parametrize("name,ctype", [("image001.png", "image/png"), ("reads.dat", OCTET), ("reads.txt", "text/plain"),
                                        ("", OCTET)])
def test_delimited_values_are_read_as_the_table_they_are_whatever_the_label(name: str, ctype: str) -> None:
    # Every meter number passes the NHS number's check: the column's header says what they are,
    # which only a table's reading hears.
    meters = "Site,Meter,MPRN,Read date,Reading (m3)\n" + "".join(
        f"Northbridge General - Block {i},G{i},{n},30/11/2026,{288296 + i}\n" for i, n in enumerate(N[20:24]))
    v = docs.verdict(docs.message((name, ctype, meters.encode())))
    assert v.action is Action.DELIVER, docs.found(v, "nhs_number")
    patients = meters.replace("MPRN", "NHS Number").replace("Site", "Patient")
    assert docs.found(docs.verdict(docs.message((name, ctype, patients.encode()))), "nhs_number")


def test_prose_and_a_short_list_are_not_taken_for_a_table() -> None:
    from dlpgate.mime.formats.csv import looks_delimited

    assert not looks_delimited(b"Hi Sam,\n\nThanks, see you then.\n\nJo\n")
    assert not looks_delimited(b"a,b,c\n1,2,3\n")  # too short to say
    assert not looks_delimited(b"One, two, three.\nFour and five.\nSix, seven.\n")
    assert looks_delimited(b"a\tb\tc\n1\t2\t3\n4\t5\t6\n")
    assert looks_delimited(b"a;b;c\n1;2;3\n4;5;6\n7;8;9\n0;1;2\n3;4;5\n7;8\n")  # one short row in six


def _dump(column: str, numbers: list[str], style: str) -> bytes:
    """An SQL dump of a small table of people whose first column, ``column``, holds ``numbers``."""
    people = ["Priya Fenwick", "Owen Tasker", "Ruth Gallacher", "Sam Okonjo", "Lena Marsh", "Iwan Pryor"]
    rows = list(zip(numbers, people, ["Estates", "Pharmacy", "Portering", "Catering", "Estates", "IT"], strict=False))
    schema = f"CREATE TABLE public.lockers (\n    {column} bigint NOT NULL,\n    holder text,\n    dept text,\n    PRIMARY KEY ({column})\n);\n"
    if style == "inserts":  # one INSERT a row, no column list: the names are the schema's
        body = "".join(f"INSERT INTO public.lockers VALUES ({n}, '{p}', '{d}');\n" for n, p, d in rows)
    elif style == "extended":  # mysqldump: one INSERT of many rows with its column list
        body = (f"INSERT INTO `lockers` (`{column}`, `holder`, `dept`) VALUES "
                + ",".join(f"('{n}','{p}','{d}')" for n, p, d in rows) + ";\n")
    else:  # pg_dump: a COPY block
        body = f"COPY public.lockers ({column}, holder, dept) FROM stdin;\n" + "".join(
            f"{n}\t{p}\t{d}\n" for n, p, d in rows) + "\\.\n"
    return f"--\n-- PostgreSQL database dump\n--\n\nSET client_encoding = 'UTF8';\n\n{schema}\n{body}\n".encode()


@pytest.mark.parametrize("style", ["inserts", "extended", "copy"])
def test_an_sql_dump_is_read_as_its_tables(style: str) -> None:
    # ten-digit keys that pass the checks of NHS or H&C numbers: the column's name says what they are
    numbers = nhs_numbers(6, seed=481, prefix_range=(320, 399))
    for ctype, name in (("application/sql", "lockers.sql"), ("text/x-sql", "lockers_export.txt"), (OCTET, "lockers.dat")):
        v = docs.verdict(docs.message((name, ctype, _dump("locker_id", numbers, style))))
        assert v.action is Action.DELIVER, (style, ctype)
        held = docs.verdict(docs.message((name, ctype, _dump("hcn", numbers, style))))
        assert held.action is Action.HOLD, (style, ctype)
        assert docs.found(held, "hc_number") == {f"attachment {name}, table lockers": 6}
    patients = docs.verdict(docs.message(("lockers.sql", "application/sql", _dump("nhs_no", nhs_numbers(6, seed=482), style))))
    assert docs.found(patients, "nhs_number") == {"attachment lockers.sql, table lockers": 6}


def test_an_sql_dump_pasted_into_a_message_is_read_as_its_tables() -> None:
    numbers = nhs_numbers(6, seed=483, prefix_range=(320, 399))
    body = "Hi, the rows that failed to import:\n\n" + _dump("asset_id", numbers, "inserts").decode()
    assert docs.verdict(docs.message(body=body)).action is Action.DELIVER
