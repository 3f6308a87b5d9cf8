"""Office documents: every place text can hide comes out with its origin."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from dlpgate.types import Action
from tests.formats import docs
from tests.formats.docs import DOCX, OCTET, PPTX, XLSX
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(12, seed=31)


# --- xlsx -------------------------------------------------------------------------------


def test_xlsx_numeric_cells_every_sheet_and_origin() -> None:
    data = docs.xlsx(
        {
            "Summary": [["Clinic", "Patients"], ["Diabetes", 2]],
            "Patients": [
                ["NHS number", "Surname", "Date of birth"],
                [int(N[0]), "Smith", datetime.date(1970, 3, 1)],
                [float(N[1]), "Jones", datetime.date(1981, 7, 9)],
            ],
            "Custom format": [["NHS No"], [int(N[2])]],
        },
        number_formats={("Custom format", 2, 1): "000 000 0000"},
    )
    parsed = docs.parse_attachment("attachment list.xlsx", data, XLSX)
    t = docs.texts(parsed)
    sheet = t["attachment attachment list.xlsx, sheet Patients"]
    assert sheet.splitlines()[0] == "NHS number\tSurname\tDate of birth"
    assert f"{N[0]}\tSmith\t1970-03-01" in sheet and f"{N[1]}\tJones\t1981-07-09" in sheet
    assert spaced(N[2]) in t["attachment attachment list.xlsx, sheet Custom format"]
    assert all(s.tabular for s in parsed.segments if ", sheet " in s.where)
    assert not parsed.problems

    v = docs.verdict(docs.message(("list.xlsx", XLSX, data)))
    assert docs.found(v, "nhs_number") == {
        "attachment list.xlsx, sheet Patients": 2,
        "attachment list.xlsx, sheet Custom format": 1,
    }
    assert v.action.label == "hold"


def test_xlsx_a_midnight_time_cell_is_a_time_and_the_sheet_is_read() -> None:
    data = docs.xlsx(
        {"Shifts": [["Shift", "Starts", "NHS number"], ["Night", datetime.time(0, 0), N[3]], ["Day", datetime.time(9, 30), ""]]}
    )
    parsed = docs.parse_attachment("rota.xlsx", data, XLSX)
    sheet = docs.texts(parsed)["attachment rota.xlsx, sheet Shifts"]
    assert f"Night\t00:00:00\t{N[3]}" in sheet and "Day\t09:30:00" in sheet
    assert not parsed.problems


def test_xlsx_a_sheet_the_workbook_no_longer_lists_is_read_as_a_sheet() -> None:
    import io
    import re
    import zipfile

    data = docs.xlsx({"Summary": [["Clinic", "Count"], ["Diabetes", 2]], "Patients": [["Name", "NHS number"], ["Jane Roe", N[4]]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = re.sub(rb'<sheet [^>]*name="Patients"[^>]*/>', b"", body)
            dst.writestr(info, body)
    parsed = docs.parse_attachment("list.xlsx", out.getvalue(), XLSX)
    assert f"Jane Roe\t{N[4]}" in docs.texts(parsed)["attachment list.xlsx, unlisted sheet sheet2.xml"]
    v = docs.verdict(docs.message(("list.xlsx", XLSX, out.getvalue())))
    assert docs.found(v, "nhs_number") == {"attachment list.xlsx, unlisted sheet sheet2.xml": 1}


PPT = "application/vnd.ms-powerpoint"


def _ppt_with(slide_text: bytes) -> bytes:
    """The real embedded-simple-2007.ppt (data/real/SOURCES.md) with one slide's text
    atom overwritten in place by ``slide_text`` of the same length."""
    import io

    import olefile

    buf = io.BytesIO((DATA / "real" / "embedded-simple-2007.ppt").read_bytes())
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        stream = ole.openstream("PowerPoint Document").read()
        old = b"This slide contains an embedded object"
        assert stream.count(old) == 1 and len(slide_text) == len(old)
        ole.write_stream("PowerPoint Document", stream.replace(old, slide_text))
    return buf.getvalue()


@pytest.mark.parametrize("ctype", [PPT, OCTET], ids=["own label", "octet-stream"])
def test_legacy_powerpoint_slides_and_embedded_files_are_read(ctype: str) -> None:
    data = _ppt_with(f"NHS number {spaced(N[6])}: diagnosed HIV".encode())
    parsed = docs.parse_attachment("deck.ppt", data, ctype)
    t = docs.texts(parsed)
    assert f"NHS number {spaced(N[6])}: diagnosed HIV" in t["attachment deck.ppt"].splitlines()
    assert "Embedded Objects" in t["attachment deck.ppt"]  # a slide title
    assert t["attachment deck.ppt > embedded object 1 > embedded file"].startswith("This is a simple ascii")
    assert not parsed.problems
    v = docs.verdict(docs.message(("deck.ppt", ctype, data)))
    assert docs.found(v, "nhs_number") == {"attachment deck.ppt": 1}
    assert v.action.label == "hold"


def test_legacy_powerpoint_that_is_really_pptx_is_read_as_pptx() -> None:
    data = docs.pptx(f"NHS number {spaced(N[7])}")
    v = docs.verdict(docs.message(("old.ppt", PPT, data)))
    assert [w for w in docs.found(v, "nhs_number") if w.startswith("attachment old.ppt, slide ")]


def test_legacy_powerpoint_with_a_damaged_record_keeps_what_it_read() -> None:
    import io

    import olefile

    text = f"NHS number {spaced(N[8])}: diagnosed HIV".encode()
    buf = io.BytesIO(_ppt_with(text))
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        stream = bytearray(ole.openstream("PowerPoint Document").read())
        at = stream.find(text)
        after = at + int.from_bytes(stream[at - 4 : at], "little")  # the end of this text atom
        stream[after + 4 : after + 8] = b"\xff\xff\x00\x00"  # the next atom's length: past its container
        ole.write_stream("PowerPoint Document", bytes(stream))
    parsed = docs.parse_attachment("deck.ppt", buf.getvalue(), PPT)
    assert ("corrupt", "attachment deck.ppt", True) in docs.problems(parsed)
    assert text.decode() in docs.texts(parsed)["attachment deck.ppt"]


XLSB = "application/vnd.ms-excel.sheet.binary.macroEnabled.12"
DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("ctype", [XLSB, XLSX, OCTET], ids=["own label", "labelled xlsx", "octet-stream"])
def test_xlsb_every_sheet_numbers_and_dates(ctype: str) -> None:
    # data/README.md: numbers from nhs_numbers(3, seed=2412); the second sheet is hidden
    n = nhs_numbers(3, seed=2412)
    data = (DATA / "patients.xlsb").read_bytes()
    parsed = docs.parse_attachment("list.xlsb", data, ctype)
    t = docs.texts(parsed)
    clinic = t["attachment list.xlsb, sheet Clinic"].splitlines()
    assert clinic[0] == "Name\tDate of birth\tNHS number\tClinic"
    assert clinic[1] == f"Jane Example\t1970-03-02\t{n[0]}\tDiabetes"
    assert f"{n[2]}\tmoved" in t["attachment list.xlsb, sheet Archive"]
    assert all(s.tabular for s in parsed.segments if ", sheet " in s.where)
    assert not parsed.problems

    v = docs.verdict(docs.message(("list.xlsb", ctype, data)))
    assert docs.found(v, "nhs_number") == {"attachment list.xlsb, sheet Clinic": 2, "attachment list.xlsb, sheet Archive": 1}
    assert v.action.label == "hold"


def test_xlsb_parts_expanding_past_the_budget_are_too_large() -> None:
    from dlpgate.types import Limits

    data = (DATA / "patients.xlsb").read_bytes()
    parsed = docs.parse_attachment("list.xlsb", data, XLSB, limits=Limits(max_expanded_bytes=1000))
    assert "too_large" in {p.reason for p in parsed.problems}
    assert not [s for s in parsed.segments if ", sheet " in s.where]


def test_xlsx_placeholder_format_restores_leading_zero() -> None:
    # A CHI number starting with 0 stored as a number loses its leading zero;
    # a "0000000000" format shows it, and so does the extractor.
    data = docs.xlsx({"S": [["CHI"], [101011234]]}, number_formats={("S", 2, 1): "0000000000"})
    assert "0101011234" in docs.texts(docs.parse_attachment("c.xlsx", data))["attachment c.xlsx, sheet S"]


def test_xlsx_shared_strings_inline_strings_and_sparse_columns() -> None:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Date of birth</t></is></c></row>'
        f'<row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2" t="str"><f>X</f><v>1970-01-01</v></c></row>'
        f'<row r="3"><c r="A3" s="0" t="n"><v>{int(N[3]):.9E}</v></c><c r="B3" t="b"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    files = {
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Clinic &amp; ward" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        "xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<si><t>NHS number</t></si><si><r><t>{N[4][:5]}</t></r><r><t>{N[4][5:]}</t></r></si></sst>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    t = docs.texts(docs.parse_attachment("s.xlsx", docs.zip_of(files)))
    assert t["attachment s.xlsx, sheet Clinic & ward"].splitlines() == [
        "NHS number\t\tDate of birth",
        f"{N[4]}\t\t1970-01-01",
        f"{N[3]}\tTRUE",
    ]


def test_xlsx_formula_without_its_result_is_read_from_the_formula() -> None:
    # openpyxl and report generators save formulas without results (Excel computes them on opening)
    data = docs.xlsx({"S": [
        ["NHS number", "Name"],
        [f'="{N[5]}"', "Smith"],
        [f'=CONCATENATE("{N[6][:3]}","{N[6][3:]}")', "Jones"],
        [f'="NHS ""{N[7][:5]}"&"{N[7][5:]}"""', "Brown"],
        ["=SUM(B2:B4)", "total"],
    ]})
    lines = docs.texts(docs.parse_attachment("f.xlsx", data))["attachment f.xlsx, sheet S"].splitlines()
    assert lines[1:] == [f"{N[5]}\tSmith", f"{N[6]}\tJones", f'NHS "{N[7]}"\tBrown', "SUM(B2:B4)\ttotal"]
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row r="1"><c r="A1" t="str"><f>"{N[8]}"</f></c><c r="B1"><f>1+1</f><v>2</v></c></row>'
        "</sheetData></worksheet>"
    )
    files = {
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    assert docs.texts(docs.parse_attachment("g.xlsx", docs.zip_of(files)))["attachment g.xlsx, sheet S"] == f"{N[8]}\t2"


# --- docx -------------------------------------------------------------------------------


def test_docx_every_part_with_its_origin() -> None:
    data = docs.docx_raw(
        body=[f"Referral for NHS {spaced(N[0])}"],
        table=[["Name", "NHS number", "Date of birth"], ["Smith", N[1], "01/02/1970"]],
        textbox=f"Box {N[2]}",
        header=f"Header {N[3]}",
        footer=f"Footer {N[4]}",
        footnote=f"Footnote {N[5]}",
        comment=f"Comment {N[6]}",
    )
    v = docs.verdict(docs.message(("letter.docx", DOCX, data)))
    assert docs.found(v, "nhs_number") == {
        "attachment letter.docx": 2,  # body paragraph and the text box (read once, not from its fallback)
        "attachment letter.docx, table 1": 1,
        "attachment letter.docx, header": 1,
        "attachment letter.docx, footer": 1,
        "attachment letter.docx, footnotes": 1,
        "attachment letter.docx, comments": 1,
    }
    table = docs.texts(docs.parse_attachment("letter.docx", data))["attachment letter.docx, table 1"]
    assert table.splitlines()[0] == "Name\tNHS number\tDate of birth"
    assert any(f.kind == "patient_identifier" for f in v.findings)


def test_docx_written_by_python_docx() -> None:
    data = docs.docx_lib(f"Patient {N[0]} has type 2 diabetes", header=f"Ref {N[1]}")
    t = docs.texts(docs.parse_attachment("a.docx", data))
    assert N[0] in t["attachment a.docx"] and N[1] in t["attachment a.docx, header"]


def test_docx_password_protected_is_encrypted() -> None:
    data = docs.encrypt_ooxml(docs.docx_lib(f"Patient {N[0]}"))
    v = docs.verdict(docs.message(("secret.docx", DOCX, data)))
    assert docs.unscannable(v) == {("attachment secret.docx", "encrypted")}
    assert v.action.label == "hold" and "unscannable_external" in v.rules


def test_a_protected_document_sent_as_an_outlook_item_is_encrypted() -> None:
    # the Outlook reader opens the item first; what it cannot open is tested for Office's encryption
    data = docs.encrypt_ooxml(docs.docx_lib(f"Patient {N[0]}"))
    parsed = docs.parse_attachment("item.msg", data, "application/vnd.ms-outlook")
    assert docs.problems(parsed) == {("encrypted", "attachment item.msg", True)}


def test_xlsx_password_protected_is_encrypted() -> None:
    data = docs.encrypt_ooxml(docs.xlsx({"S": [["NHS"], [int(N[0])]]}))
    parsed = docs.parse_attachment("secret.xlsx", data, XLSX)
    assert docs.problems(parsed) == {("encrypted", "attachment secret.xlsx", True)}


# Excel encrypts a workbook whose structure is protected (or saved "read-only recommended")
# with its built-in password, and opens it without asking: what anyone who receives it reads.
def test_xlsx_encrypted_with_excels_default_password_is_read_and_noted() -> None:
    data = docs.encrypt_ooxml(
        docs.xlsx({"Patients": [["NHS number", "Surname", "Diagnosis"], [int(N[3]), "Okafor", "breast cancer"]]}),
        "VelvetSweatshop",
    )
    v = docs.verdict(docs.message(("list.xlsx", XLSX, data)))
    assert docs.found(v, "nhs_number") == {"attachment list.xlsx, sheet Patients": 1}
    assert v.action.label == "hold" and "unscannable_external" not in v.rules
    parsed = docs.parse_attachment("list.xlsx", data, XLSX)
    assert docs.problems(parsed) == {("encrypted", "attachment list.xlsx", False)}


def test_a_price_list_encrypted_with_excels_default_password_is_delivered() -> None:
    data = docs.encrypt_ooxml(
        docs.xlsx({"Prices": [["Item", "Code", "Price"], ["Gauze swabs", 40112, 3.25]]}), "VelvetSweatshop"
    )
    v = docs.verdict(docs.message(("prices.xlsx", OCTET, data)))
    assert v.action.label == "deliver" and not docs.unscannable(v)


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_word_and_powerpoint_files_encrypted_with_the_default_password_are_read(kind: str) -> None:
    plain = docs.docx_lib(f"Patient {N[4]}") if kind == "docx" else docs.pptx(f"Patient {N[4]}")
    parsed = docs.parse_attachment(f"a.{kind}", docs.encrypt_ooxml(plain, "VelvetSweatshop"), OCTET)
    assert N[4] in "\n".join(docs.texts(parsed).values())
    assert ("encrypted", f"attachment a.{kind}", False) in docs.problems(parsed)
    assert all(not severe for _, _, severe in docs.problems(parsed))


def test_a_file_needing_another_password_stays_encrypted() -> None:
    # A real password is not guessed: only the one Excel itself uses without asking.
    data = docs.encrypt_ooxml(docs.xlsx({"S": [["Item"], ["Gauze"]]}), "velvetsweatshop")
    parsed = docs.parse_attachment("secret.xlsx", data, XLSX)
    assert docs.problems(parsed) == {("encrypted", "attachment secret.xlsx", True)}


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 40,  # a zip header and nothing else
        docs.zip_of({"word/document.xml": "<w:document><w:body><w:p>unclosed"}),
        docs.docx_lib("fine")[:-200],  # central directory cut off
    ],
    ids=["header-only", "bad-xml", "truncated"],
)
def test_corrupt_docx_is_a_problem_and_still_gets_a_verdict(data: bytes) -> None:
    v = docs.verdict(docs.message(("broken.docx", DOCX, data), body=f"NHS {N[0]}"))
    assert docs.unscannable(v) == {("attachment broken.docx", "corrupt")}
    assert docs.found(v, "nhs_number") == {"message body": 1}
    assert v.action.label == "hold"


# --- pptx, OpenDocument, rtf -------------------------------------------------------------


def test_pptx_slides_tables_and_notes() -> None:
    data = docs.pptx(f"Patient {N[0]}", table=[["NHS number", "Clinic"], [N[1], "Oncology"]], notes=f"Notes {N[2]}")
    v = docs.verdict(docs.message(("review.pptx", PPTX, data)))
    assert docs.found(v, "nhs_number") == {
        "attachment review.pptx, slide 2": 2,
        "attachment review.pptx, notes 2": 1,  # the notes of slide 2
    }


def test_odt_and_ods() -> None:
    odt = docs.odt(f"Referral NHS {spaced(N[0])}")
    ods = docs.ods("Patients", [["NHS number", "Name"], [int(N[1]), "Smith"]])
    parsed = docs.parse_attachment("letter.odt", odt)
    assert spaced(N[0]) in docs.texts(parsed)["attachment letter.odt"]
    t = docs.texts(docs.parse_attachment("list.ods", ods))
    assert t["attachment list.ods, sheet Patients"].splitlines() == ["NHS number\tName", f"{N[1]}\tSmith"]
    v = docs.verdict(docs.message(("list.ods", "application/vnd.oasis.opendocument.spreadsheet", ods)))
    assert docs.found(v, "nhs_number") == {"attachment list.ods, sheet Patients": 1}


def test_rtf() -> None:
    rtf = ("{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Patient NHS number " + N[0] + "\\par}").encode()
    v = docs.verdict(docs.message(("letter.rtf", "application/rtf", rtf)))
    assert docs.found(v, "nhs_number") == {"attachment letter.rtf": 1}
    assert "\\par" not in docs.texts(docs.parse_attachment("letter.rtf", rtf))["attachment letter.rtf"]


def test_legacy_xls_numeric_and_text_cells_every_sheet() -> None:
    import io

    import xlwt  # a test extra: writes genuine BIFF8 workbooks

    book = xlwt.Workbook()
    summary = book.add_sheet("Summary")
    summary.write(0, 0, "Clinic")
    summary.write(1, 0, "Diabetes")
    patients = book.add_sheet("Patients")
    for col, head in enumerate(["NHS number", "Surname", "Date of birth"]):
        patients.write(0, col, head)
    patients.write(1, 0, int(N[8]))  # stored as a number
    patients.write(1, 1, "Smith")
    patients.write(1, 2, datetime.date(1970, 3, 1), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    patients.write(2, 0, spaced(N[9]))  # stored as text
    patients.write(2, 1, "Jones")
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 compound file, as Excel 97-2003 writes

    sheet = docs.texts(docs.parse_attachment("old list.xls", data))["attachment old list.xls, sheet Patients"]
    assert sheet.splitlines() == ["NHS number\tSurname\tDate of birth", f"{N[8]}\tSmith\t1970-03-01", f"{spaced(N[9])}\tJones"]
    v = docs.verdict(docs.message(("old list.xls", "application/vnd.ms-excel", data)))
    assert docs.found(v, "nhs_number") == {"attachment old list.xls, sheet Patients": 2}
    assert v.action.label == "hold" and not docs.unscannable(v)


def test_legacy_doc_and_msg_that_cannot_be_read_are_unscannable() -> None:
    ole_junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("old.doc", "item.msg", "old.xls"):
        v = docs.verdict(docs.message((name, OCTET, ole_junk)))
        assert docs.unscannable(v) == {(f"attachment {name}", "corrupt")}, name


def test_mislabelled_text_is_still_read() -> None:
    # A CSV sent as .xls, a text file labelled application/pdf: read as text.
    v = docs.verdict(
        docs.message(
            ("export.xls", "application/vnd.ms-excel", f"NHS number,Name\n{N[0]},Smith\n".encode()),
            ("notes.txt", "application/pdf", f"NHS {N[1]}".encode()),
        )
    )
    assert docs.found(v, "nhs_number") == {"attachment export.xls": 1, "attachment notes.txt": 1}
    assert not docs.unscannable(v)


def test_office_file_sent_as_application_zip_is_read_as_office() -> None:
    data = docs.xlsx({"Patients": [["NHS number"], [int(N[7])]]})
    v = docs.verdict(docs.message(("list.xlsx", "application/zip", data)))
    assert docs.found(v, "nhs_number") == {"attachment list.xlsx, sheet Patients": 1}


def test_text_per_segment_limit_applies_to_documents() -> None:
    from dlpgate.types import Limits

    data = docs.xlsx({"Big": [[f"row {i} " + "x" * 50] for i in range(200)]})
    parsed = docs.parse_attachment("big.xlsx", data, XLSX, limits=Limits(max_segment_chars=1000))
    assert ("too_large", "attachment big.xlsx, sheet Big", True) in docs.problems(parsed)
    assert len(docs.texts(parsed)["attachment big.xlsx, sheet Big"]) <= 1000


@pytest.mark.parametrize("module, name", [("xlsx", "a.xlsx"), ("docx", "a.docx"), ("archive", "a.zip")])
def test_deadline_is_checked_inside_containers(module: str, name: str) -> None:
    import importlib
    import time

    from dlpgate.mime import InspectionTimeout
    from dlpgate.mime.formats import ExtractContext
    from dlpgate.types import Limits

    data = {
        "a.xlsx": docs.xlsx({"S": [[1]]}),
        "a.docx": docs.docx_lib("x"),
        "a.zip": docs.zip_of({"a.txt": "x"}),
    }[name]
    mod = importlib.import_module(f"dlpgate.mime.formats.{module}")
    extract = mod.extract_zip if module == "archive" else mod.extract
    ctx = ExtractContext(Limits(), 0, time.monotonic() - 1, OCTET, None, None, None)
    with pytest.raises(InspectionTimeout):
        list(extract(data, name, f"attachment {name}", ctx))


def _smartart_docx(nodes: list[tuple[str, str, int]]) -> bytes:
    """A docx with a SmartArt diagram: its points (modelId, text) listed as given, each a
    child of the diagram's root at the place (srcOrd) given."""
    dgm = 'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ' \
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    pts = "".join(f'<dgm:pt modelId="{m}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{t}</a:t></a:r></a:p></dgm:t></dgm:pt>'
                  f'<dgm:pt modelId="s{m}" type="sibTrans"><dgm:t><a:bodyPr/><a:p/></dgm:t></dgm:pt>'
                  for m, t, _ord in nodes)
    cxns = "".join(f'<dgm:cxn modelId="c{m}" srcId="doc" destId="{m}" srcOrd="{o}" destOrd="0"/>'
                   f'<dgm:cxn modelId="p{m}" type="presOf" srcId="{m}" destId="x{m}" srcOrd="{9 - o}" destOrd="0"/>'
                   for m, _t, o in nodes)
    data = (f'<?xml version="1.0"?><dgm:dataModel {dgm}><dgm:ptLst><dgm:pt modelId="doc" type="doc"><dgm:t><a:p/></dgm:t>'
            f"</dgm:pt>{pts}</dgm:ptLst><dgm:cxnLst>{cxns}</dgm:cxnLst></dgm:dataModel>")
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Override PartName="/word/diagrams/data1.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"/></Types>')
    body = docs.docx_raw(["Care pathway summary"])
    import io
    import zipfile

    files = {n: zipfile.ZipFile(io.BytesIO(body)).read(n) for n in zipfile.ZipFile(io.BytesIO(body)).namelist()}
    files["[Content_Types].xml"] = ct.encode()
    files["word/diagrams/data1.xml"] = data.encode()
    return docs.zip_of(files)


def test_a_smartart_diagrams_nodes_read_in_the_order_it_shows_them() -> None:
    # added last, shown first: the part lists points as they were added
    data = _smartart_docx([("n2", "Mar 2023: diagnosed relapsing-remitting MS", 1),
                           ("n3", "Jun 2023: started ocrelizumab", 2),
                           ("n1", "Mr Emeka Example-Reid", 0),
                           ("n4", "Jan 2024: optic neuritis relapse", 3)])
    text = docs.texts(docs.parse_attachment("Pathway.docx", data, DOCX))["attachment Pathway.docx, diagram 1"]
    assert text.splitlines() == ["Mr Emeka Example-Reid", "Mar 2023: diagnosed relapsing-remitting MS",
                                 "Jun 2023: started ocrelizumab", "Jan 2024: optic neuritis relapse"]
    v = docs.verdict(docs.message(("Pathway.docx", DOCX, data)))
    assert v.action.label == "hold"


def _with_custom_properties(package: bytes, props: dict[str, str]) -> bytes:
    """``package`` (an OOXML file) with docProps/custom.xml holding ``props`` (File > Properties > Custom)."""
    import io
    import zipfile

    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    items = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{name}">'
                    f"<vt:lpwstr>{value}</vt:lpwstr></property>" for i, (name, value) in enumerate(props.items(), 2))
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns='
              f'"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="{vt}">{items}</Properties>')
    src, out = zipfile.ZipFile(io.BytesIO(package)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
            elif info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org'
                                    b'/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
            z.writestr(info, data)
        z.writestr("docProps/custom.xml", custom)
    return out.getvalue()


def _with_user_defined(odt: bytes, props: dict[str, str]) -> bytes:
    """An ODF file with meta:user-defined properties (File > Properties > Custom Properties)."""
    import io
    import zipfile

    items = "".join(f'<meta:user-defined meta:name="{name}">{value}</meta:user-defined>' for name, value in props.items())
    src, out = zipfile.ZipFile(io.BytesIO(odt)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "meta.xml":
                data = data.replace(b"</office:meta>", items.encode() + b"</office:meta>")
            z.writestr(info, data)
    return out.getvalue()


def test_custom_document_properties_read_as_name_and_value() -> None:
    n = nhs_numbers(2, seed=4807)
    body = "Tender pack for the grounds maintenance contract, lots 1 to 3."
    for name, ctype, build in (("lots.docx", DOCX, lambda p: _with_custom_properties(docs.docx_lib(body), p)),
                               ("lots.pptx", PPTX, lambda p: _with_custom_properties(docs.pptx(body), p)),
                               ("lots.odt", "application/vnd.oasis.opendocument.text",
                                lambda p: _with_user_defined(docs.odt(body), p))):
        for props in ({"TenderRef": n[0]}, {"PurchaseOrderNo": n[0], "Lot": "2"}, {"supplier_account": n[1]}):
            v = docs.verdict(docs.message((name, ctype, build(props))))
            assert v.action is Action.DELIVER, (name, props)
        held = docs.verdict(docs.message((name, ctype, build({"PatientNHSNumber": n[0], "Clinic": "Podiatry"}))))
        assert held.action is Action.HOLD, name


def _ole_custom(props: dict[str, str]) -> bytes:
    """An OLE2 file whose DocumentSummaryInformation holds ``props`` as custom (user-defined) properties."""
    def pad(b: bytes) -> bytes:
        return b + bytes(-len(b) % 4)

    names = b"".join(i.to_bytes(4, "little") + (len(n) + 1).to_bytes(4, "little") + n.encode("cp1252") + b"\x00"
                     for i, n in enumerate(props, 2))
    values = [pad(len(props).to_bytes(4, "little") + names), (2).to_bytes(4, "little") + (1252).to_bytes(4, "little")]
    values += [pad((30).to_bytes(4, "little") + (len(v) + 1).to_bytes(4, "little") + v.encode("cp1252") + b"\x00")
               for v in props.values()]
    table, body, at = b"", b"", 8 + 8 * len(values)
    for pid, value in enumerate(values):
        table += pid.to_bytes(4, "little") + (at + len(body)).to_bytes(4, "little")
        body += value
    section = (8 + len(table) + len(body)).to_bytes(4, "little") + len(values).to_bytes(4, "little") + table + body
    standard = (8).to_bytes(4, "little") + bytes(4)
    head = b"\xfe\xff\x00\x00" + bytes(4) + bytes(16) + (2).to_bytes(4, "little")
    fmtids = (bytes.fromhex("02D5CDD59C2E1B10939708002B2CF9AE"), bytes.fromhex("05D5CDD59C2E1B10939708002B2CF9AE"))
    first = len(head) + 40
    stream = (head + fmtids[0] + first.to_bytes(4, "little") + fmtids[1] + (first + len(standard)).to_bytes(4, "little")
              + standard + section)
    return docs.ole_with_stream("\x05DocumentSummaryInformation", stream)


def test_a_legacy_files_custom_properties_read_as_name_and_value() -> None:
    import io

    import olefile

    from dlpgate.mime.formats._opc import ole_properties

    def read(props: dict[str, str]) -> str:
        with olefile.OleFileIO(io.BytesIO(_ole_custom(props))) as ole:
            return "\n".join(s.text for s in ole_properties(ole, "attachment old.doc"))

    assert read({"ContractRef": "4397131600", "Lot": "2"}) == "Contract ref: 4397131600\nLot: 2"
    assert read({"NHSNumber": "4010232137"}) == "Nhs number: 4010232137"
