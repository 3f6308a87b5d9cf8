"""Real documents from public packages' test data (data/real/SOURCES.md), read as attachments.

Each is sent under its own label and as application/octet-stream: the verdict
and the reading must be the same, since a part is read as what its bytes are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.types import Action
from tests.formats import docs
from tests.formats.docs import OCTET

REAL = Path(__file__).parent / "data" / "real"

# file -> (its own content type, expected action, expected unscannable categories, kinds that must be found)
CASES = {
    "selenium-pypdf-issue-177.pdf": ("application/pdf", Action.DELIVER, set(), set()),
    "encrypted-file.pdf": ("application/pdf", Action.HOLD, {"encrypted"}, set()),
    "utf-32be.xml": ("application/xml", Action.DELIVER, set(), set()),
    "utf-32le-autodetect.xml": ("application/xml", Action.DELIVER, set(), set()),
    "collection.xml": ("application/xml", Action.DELIVER, set(), set()),
    "sct-inner-content.docx": (docs.DOCX, Action.DELIVER, set(), set()),
    # A lab result and an admission with a diagnosis, each naming its patient: patient data.
    "sample_hl7.hl7": ("application/hl7-v2", Action.HOLD, set(), {"patient_identifier", "health_terms"}),
    "sample_msh.hl7": ("application/hl7-v2", Action.HOLD, set(), {"patient_identifier", "health_terms"}),
    # Excel binary workbooks: with a chart sheet and hidden sheets; plain; needing a password.
    "any_sheets.xlsb": ("application/vnd.ms-excel.sheet.binary.macroEnabled.12", Action.DELIVER, set(), set()),
    "base.xlsb": ("application/vnd.ms-excel.sheet.binary.macroEnabled.12", Action.DELIVER, set(), set()),
    "password.xlsb": ("application/vnd.ms-excel.sheet.binary.macroEnabled.12", Action.HOLD, {"encrypted"}, set()),
    # Legacy PowerPoint: slides with an embedded text file; one needing a password.
    "embedded-simple-2007.ppt": ("application/vnd.ms-powerpoint", Action.DELIVER, set(), set()),
    "encrypted.ppt": ("application/vnd.ms-powerpoint", Action.HOLD, {"encrypted"}, set()),
    "embedded-simple-2007.doc": ("application/msword", Action.DELIVER, set(), set()),
    "VIA_Nytt_1402.doc": ("application/msword", Action.DELIVER, set(), set()),
    "embedded-simple-2007-as2003.xml": ("application/xml", Action.DELIVER, set(), set()),
    "excel4_sample_macro.xls": ("application/vnd.ms-excel", Action.DELIVER, set(), set()),
    # An Excel 2.1 workbook (BIFF2), once held as corrupt.
    "simple2003_21.xls": ("application/vnd.ms-excel", Action.DELIVER, set(), set()),
    # A manual whose blank pages share a resource dictionary that lists pictures: once held as scanned.
    "issue14847.pdf": ("application/pdf", Action.DELIVER, set(), set()),
    # A CT image of a test patient (name, ID, birth date, the study): patient data, once
    # passed as a picture (its preamble starts like a TIFF's).
    "CT_small.dcm": ("application/dicom", Action.HOLD, set(), {"patient_identifier"}),
    # AAC audio (ADIF) that filetype does not know: noted as media, once held as unknown binary.
    "adif.aac": ("audio/aac", Action.DELIVER, set(), set()),
    # OneNote sections and a notebook's contents: once held as unknown binary.
    "example.one": ("application/onenote", Action.DELIVER, set(), set()),
    "New Section 1.one": ("application/onenote", Action.DELIVER, set(), set()),
    "Open Notebook.onetoc2": ("application/onenote", Action.DELIVER, set(), set()),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("labelled", [True, False], ids=["own label", "octet-stream"])
def test_real_document(name: str, labelled: bool) -> None:
    ctype, action, unscannable, kinds = CASES[name]
    data = (REAL / name).read_bytes()
    v = docs.verdict(docs.message((name, ctype if labelled else OCTET, data)))
    assert v.action is action
    assert {category for _, category in docs.unscannable(v)} == unscannable
    assert kinds <= {f.kind for f in v.findings}
    # a phone field that passes a number check is a phone number, never a health number that acts
    assert not [f for f in v.findings if f.kind in ("nhs_number", "chi_number", "hc_number") and not f.category]


def test_utf32_feeds_are_read_as_text() -> None:
    for name in ("utf-32be.xml", "utf-32le-autodetect.xml"):
        texts = docs.texts(docs.parse_attachment(name, (REAL / name).read_bytes()))
        assert "Wellformed UTF-32" in texts[f"attachment {name}"]


def test_hl7_sample_reads_its_fields() -> None:
    text = docs.texts(docs.parse_attachment("a.hl7", (REAL / "sample_msh.hl7").read_bytes()))["attachment a.hl7"]
    lines = text.splitlines()
    assert "patient name: MELLODIAL RUFUSS" in lines
    assert "date of birth: 1952-11-29" in lines
    assert "phone number home: 3472444150 HOME" in lines


def test_a_word_document_whose_last_sector_is_short_is_read() -> None:
    # Writers may end a compound file with a short sector; antiword reads it once padded.
    data = (REAL / "VIA_Nytt_1402.doc").read_bytes()
    assert len(data) % 512
    parsed = docs.parse_attachment("nytt.doc", data, "application/msword")
    assert docs.texts(parsed)["attachment nytt.doc"].strip()
    assert not parsed.problems


def test_word_2003_xml_objects_in_their_compressed_pool_are_read() -> None:
    data = (REAL / "embedded-simple-2007-as2003.xml").read_bytes()
    texts = docs.texts(docs.parse_attachment("old.xml", data, "application/xml"))
    inner = [t for w, t in texts.items() if w.startswith("attachment old.xml > oledata.mso > embedded object 1")]
    assert any("simple ascii text file" in t for t in inner)


def test_an_excel_4_macro_sheet_is_read() -> None:
    data = (REAL / "excel4_sample_macro.xls").read_bytes()
    texts = docs.texts(docs.parse_attachment("m.xls", data, "application/vnd.ms-excel"))
    assert texts["attachment m.xls, sheet Macro1"].split() == ["FALSE", "TRUE"]


def test_a_onenote_sections_text_and_the_files_on_its_pages_are_read() -> None:
    texts = docs.texts(docs.parse_attachment("example.one", (REAL / "example.one").read_bytes(), OCTET))
    assert "Daily Work Schedule" in texts["attachment example.one"]
    assert "Soccer practice" in texts["attachment example.one"]
    assert any(where.startswith("attachment example.one > embedded file 1") for where in texts)
    section = docs.texts(docs.parse_attachment("s.one", (REAL / "New Section 1.one").read_bytes(), OCTET))
    assert "Test Page 2" in section["attachment s.one"]
    # a section written the same way with a patient's details, and a list dropped on its page
    from dlpgate.mime.formats import onenote
    from dlpgate.mime.sniff import ONENOTE_SECTION
    from tests.synthetic import nhs_numbers

    n = nhs_numbers(2, seed=77)
    csv = f"Name,NHS number\nJane Roe,{n[1]}\n".encode()
    page = ("Referral\x00".encode("utf-16-le") + f"Patient NHS No: {n[0]}".encode("utf-16-le") + bytes(8)
            + onenote._FILE_DATA + len(csv).to_bytes(8, "little") + bytes(12) + csv + bytes(8))
    v = docs.verdict(docs.message(("ref.one", OCTET, ONENOTE_SECTION + bytes(64) + page)))
    assert docs.found(v, "nhs_number") == {"attachment ref.one": 1, "attachment ref.one > embedded file 1": 1}
