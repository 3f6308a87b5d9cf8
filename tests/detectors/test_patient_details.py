"""Identifiable patient details with no health number (issue 11).

Table tests for: acronyms in any case and dotted; dates of birth in UK and US
spellings with their labels (same line, line before, column header); ICD-10
codes with clinical context; patient-ID labels; tables laid out with spaces.
Each writing class is tested wider than the issue's examples, and each has
traps (ordinary mail that must stay quiet).
"""

from __future__ import annotations

from itertools import product

import pytest

from dlpgate import config, pipeline
from dlpgate.detectors import identifiers
from dlpgate.detectors.checksums import verhoeff_check_digit, verhoeff_valid
from dlpgate.types import Action, Envelope
from tests.detectors.test_health_terms import findings, patients, terms
from tests.synthetic import build_message

# --- acronyms: any case, dotted -------------------------------------------------

HIV = "hiv_sexual_health"
ACRONYMS = [
    ("hiv+", {HIV: 1}),
    ("HIV+", {HIV: 1}),
    ("pt is hiv+ve", {HIV: 1}),
    ("Hiv positive", {HIV: 1}),
    ("H.I.V.", {HIV: 1}),
    ("h.i.v", {HIV: 1}),
    ("H. I. V. status", {HIV: 1}),
    ("known h.i.v.+", {HIV: 1}),
    ("A.I.D.S.", {HIV: 1}),
    ("a.i.d.s related", {HIV: 1}),
    ("Hep C", {HIV: 1}),
    ("hep-c", {HIV: 1}),
    ("HEP C", {HIV: 1}),
    ("HepC", {HIV: 1}),
    ("hep b carrier", {HIV: 1}),
    ("hcv+", {HIV: 1}),
    ("s.t.i. screen", {HIV: 1}),
    ("ptsd", {"mental_health": 1}),
    ("P.T.S.D.", {"mental_health": 1}),
    ("adhd and ocd", {"mental_health": 2}),
    ("C.A.M.H.S.", {"mental_health": 1}),
    ("ivf", {"reproductive_health": 1}),
    ("copd", {"general": 1}),
    # Written case kept where the lower case is an ordinary word.
    ("AIDS", {HIV: 1}),
    ("hearing aids and visual aids", {}),
    ("Aids to daily living", {}),
    ("TOP", {"reproductive_health": 1}),
    ("top of the list; chewing gum; prep the room; a pep talk", {}),
    ("std::vector and pid 1234", {}),
    ("MDs and nurses", {}),
    ("Gord sent a car t-shirt; mash; gad about", {}),
    ("Aki and Tavi sent forms, letters ect.", {}),
    ("AutoRecovery save of Document3.asd; mysql/data.ibd; clip.ivf", {}),
    ("see www.hiv.gov", {}),
    ("tested for hiv. Result: ASD.", {HIV: 1, "mental_health": 1}),
    ("ECT", {"mental_health": 1}),
    # A dotted run that is longer than the acronym.
    ("D.H.I.V.E. programme", {}),
    ("e.g. i.e. a.m. p.m.", {}),
]


@pytest.mark.parametrize("text,expected", ACRONYMS, ids=[a[0][:30] for a in ACRONYMS])
def test_acronyms(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected


# --- dates of birth -----------------------------------------------------------

DOB_LABELS = ["DOB", "D.O.B.", "D/O/B", "Date of birth", "dob:", "DoB:", "Date Of Birth:",
              "D.O.B", "d-o-b", "Birth date", "DOB -", "Date of Birth (DD/MM/YYYY):", "D. O. B.", "Dyddiad geni:"]
DATES = ["03/Apr/1964", "3rd Apr. 1964", "April 3rd, '64", "1964-4-3", "Tuesday 3 April 1964",
         "03/04/1964", "03.04.1964", "03-04-64", "3/4/64", "12/31/1964", "1964-04-03",
         "1964/04/03", "3 April 1964", "April 3, 1964", "3rd of April 1964", "3rd April '64",
         "3rd April \u201964", "03-APR-1964", "03-Apr-64", "3 Apr 1964", "Apr 3rd 1964",
         "April 3rd, 1964", "03 April, 1964", "3 Sept 1964", "21st December 2001", "Dec. 21, 2001",
         "3rd of April, 1964", "31.12.1999", "03 / 04 / 1964", "03 - 04 - 1964", "1964 / 04 / 03",
         "3 Ebrill 1964", "03 Mawrth 1964",  # spaced as forms print them; Welsh months
         "3.IV.1964", "03-IV-64", "3/IV/1964", "3 . IV . 1964"]  # Roman-numeral months
COMPACT = ["03041964", "19640403", "04031964", "030464", "03 04 1964"]


@pytest.mark.parametrize("label,date", list(product(DOB_LABELS, DATES)))
def test_dob_same_line(label: str, date: str) -> None:
    assert patients(f"Name: J Bloggs  {label} {date}  Ward 3") == {"dob": 1}


@pytest.mark.parametrize("label,date", list(product(["DOB:", "Date of birth", "D/O/B"], DATES + COMPACT)))
def test_dob_label_on_the_line_before(label: str, date: str) -> None:
    assert patients(f"Patient details\n{label}\n{date}\nThanks") == {"dob": 1}
    assert patients(f"{label}\n\n  {date}\n") == {"dob": 1}  # a blank line between


@pytest.mark.parametrize("label,date", list(product(["DOB", "D.O.B.", "Date of birth:", "dob"], COMPACT)))
def test_dob_compact_right_after_a_label(label: str, date: str) -> None:
    assert patients(f"{label} {date}") == {"dob": 1}


@pytest.mark.parametrize(
    "text",
    ["Born: 3 April 1964", "born - 03/04/1964", "Jane Smith, born 03/04/1964, seen today",
     "J Smith | born 1964-04-03 | Ward 3", "Your patient born 14/11/1957 is requesting his warfarin.",
     "a lady born 02.03.40, lives alone"],
)
def test_born_as_a_label(text: str) -> None:
    assert patients(text) == {"dob": 1}


DOB_TRAPS = [
    "Date: April 3, 1964",
    "Sent: 03/04/1964 10:15",
    "Our founder was born on 3 April 1964 in Leeds.",
    "Born 3 April 1964 in Leeds, Dr Smith trained at Guy's.",
    "Baby Amelia, born 3 April 2024, weighing 7lb",  # month name: news, not a record
    "Happy birthday to Sam, 3 April!",
    "born in 1964",
    "the patient was born in 1957 and moved here",
    "DOB: 03/04/2099",  # not yet born
    "DOB: 03/04/1850",
    "DOB: 32/13/1964",
    "DOB: 3.iv.1964",  # Roman months are written in capitals
    "DOB: 3.XIII.1964",
    "DOB: dd/mm/yyyy",
    "Date of birth: ____________",
    "Invoice 03041964 dated 3 May",
    "DOB: unknown\nInvoice 03041964",
    "dob him in 2024",
    "Please bring your date of birth certificate\nand passport",
    "date of birth" + " " * 50 + "03/04/1964",
    "DOB: see letter dated 03/04/1964 from the council and others",
    "proof of birth\nDate: 03/04/1964",  # "birth date" across a line break is no label
]


@pytest.mark.parametrize("text", DOB_TRAPS, ids=[t[:30] for t in DOB_TRAPS])
def test_dob_traps(text: str) -> None:
    assert patients(text) == {}


# --- patient-ID labels --------------------------------------------------------

ID_LABELS = ["Patient ref", "Pt ref", "Pt. Ref:", "Patient reference", "Hospital No", "Hosp no",
             "Hosp. No.", "Hospital number:", "Hospital ID", "MRN", "M.R.N.", "MRN#", "Unit number",
             "Unit No.", "RXX number", "RTH number", "R1H No", "Case note number", "Casenote no",
             "Case notes no.", "PAS number", "PAS No", "PAS ID", "K number", "K No:", "Patient ID",
             "Patient identifier", "Patient number", "Pt ID", "Pt No", "Local patient ID",
             "Medical record number", "Med rec no", "S1 ID", "SystmOne number", "CR No", "CR number"]
ID_VALUES = ["K123456", "12345678", "AB 123456", "RTH-1234567", "0012345/X", "H 1234 5678"]


@pytest.mark.parametrize("label,value", list(product(ID_LABELS, ID_VALUES)))
def test_id_labels(label: str, value: str) -> None:
    assert patients(f"Re: {label} {value} - seen in clinic") == {"hospital_number": 1}


@pytest.mark.parametrize(
    "text",
    ["Hospital Number (MRN): 1234567", "Hosp no. - K123456", "MRN is 1234567", "Patient ID # AB123456",
     "MRN No: 1234567", "Hospital No./MRN: K123456", "Hospital No.: 123456"],
)
def test_id_punctuation(text: str) -> None:
    assert patients(text) == {"hospital_number": 1}


@pytest.mark.parametrize("label", ["Hospital No:", "MRN", "Patient ref", "PAS number"])
def test_id_on_the_line_after_its_label(label: str) -> None:
    assert patients(f"{label}\nK123456\n") == {"hospital_number": 1}


ID_TRAPS = [
    "Case number 01234567: your support ticket",
    "Case No 12-3456 (tribunal)",
    "Patient Safety Meeting ID: 345 678 901 234",
    "Patient Safety Group - meeting 12345678",
    "Unit 4B, Riverside Park",
    "Unit No 4B",
    "Patient ID badges will be issued on 12/05",
    "patient no longer attends",
    "k number 1234567",
    "Our ref: 12345678, your ref AB123456",
    "Ticket number 1234567; Invoice no 1234567; Order number 7654321",
    "Hospital number: not known",
    "Hospital number: RXX0000000",  # a template's or a test letter's placeholder
    "MRN: 9999999",
    "MRN: pending",
    "Filters held at customs. MRN: 24GB4K7A2C9E0H1J3B",  # a customs Movement Reference Number
]


@pytest.mark.parametrize("text", ID_TRAPS, ids=[t[:30] for t in ID_TRAPS])
def test_id_traps(text: str) -> None:
    assert patients(text) == {}


# --- ICD-10 codes -------------------------------------------------------------

ICD = [
    ("Diagnosis: F20.0", {"mental_health": 1}),
    ("Dx F32.1 moderate", {"mental_health": 1}),
    ("ICD-10: C50.9", {"oncology": 1}),
    ("ICD10 B20", {HIV: 1}),
    ("Primary diagnosis - B24", {HIV: 1}),
    ("Diagnoses: F20.0, F41.1; C34.1", {"mental_health": 2, "oncology": 1}),
    ("Diagnosis:\nF10.2", {"substance_misuse": 1}),
    ("diag O03.9", {"reproductive_health": 1}),
    ("Dx: F64.0", {"gender_identity": 1}),
    ("Diagnosis code Q90.9", {"genetic": 1}),
    ("Read code: A54.0", {HIV: 1}),
    ("Clinical codes I10, E11.9", {"general": 2}),
    ("Diagnosis - schizophrenia (F20.0)", {"mental_health": 2}),
    ("she was diagnosed with F31.1 in 2019", {"mental_health": 1, "general": 1}),
    # Beside a date of birth or patient ID, a code written with its subcode.
    ("J Smith  DOB 03/04/1964  F20.0", {"mental_health": 1}),
    ("MRN 1234567 C50.9 R breast", {"oncology": 1}),
    # Traps: part, seat, room, postcode, paper size, motorways; no clinical context.
    ("Part F20.0 x 4, bracket C50.9", {}),
    ("Seat B20, row F; gate C50", {}),
    ("Room B20 at 10:00", {}),
    ("Product code: F20.0", {}),
    # no ICD code, though a diagnosis field filled in is a health detail of its own
    ("Diagnosis: M20 2LR is the postcode", {"general": 1}),
    ("Diagnosis: see A4 sheet", {"general": 1}),
    ("J Smith  DOB 03/04/1964  Ward B20", {}),
    ("Diagnosis: F20.0.1 firmware", {"general": 1}),
    # a coding scheme's codes under its name: SNOMED CT concept ids (check digit, partition), OPCS-4
    ("Referral reason (SNOMED): 239873007", {"general": 1}),
    ("Active problems (SNOMED): 49436004, 73211009, 38341003", {"general": 3}),
    ("Diagnosis:\n22298006", {"general": 1}),
    ("Procedures (OPCS): W37.1 (17/01/2024)", {"general": 1}),
    # ... not a number whose check digit or partition is no concept's
    ("SNOMED release: 20240401", {}),
    ("Active problems (SNOMED): 49436005, 73211019", {}),
]


def test_verhoeff_check_digits() -> None:
    assert verhoeff_check_digit("236") == 3 and verhoeff_check_digit("142857") == 0
    assert verhoeff_valid("2363") and verhoeff_valid("239873007") and not verhoeff_valid("2364")
    assert not verhoeff_valid("7") and not verhoeff_valid("23a3")


@pytest.mark.parametrize("text,expected", ICD, ids=[t[0][:30] for t in ICD])
def test_icd_codes(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected


# --- tables laid out with spaces ----------------------------------------------

ROWS = [
    "Smith John 03/04/1964 K123456 F20.0",
    "Jones Mary 12/11/1958 K654321 C50.9",
    "Patel Anil 1.2.1990 K111222 B20",
]
HEADERS = [
    "Surname Forename Date of birth Hospital No Diagnosis",
    "Surname   Forename   Date of birth   Hospital No   Diagnosis",
    "SURNAME\tFORENAME\tD.O.B.\tHOSP NO\tDIAGNOSIS",
    "Patient Name        DOB           MRN        Ward    Consultant   Diagnosis",
    "NHS No      Surname     Forename    D.O.B     Dx",
    "Name | Date of Birth | Hosp No | Diagnosis",
    "  Last name  First name  Birth date  PAS number  ICD-10 code  ",
    "Surname Forename DOB Case note no Diagnosis",
]


@pytest.mark.parametrize("header", HEADERS)
def test_layout_table(header: str) -> None:
    text = "Clinic list for 3 May\n\n" + header + "\n" + "\n".join(ROWS) + "\n\nRegards\n"
    found = patients(text)
    assert found.get("dob") == 3
    assert set(found) <= {"dob", "hospital_number"}
    if "Diagnosis" in header or "Dx" in header or "ICD" in header or "DIAGNOSIS" in header:
        assert terms(text) == {"mental_health": 1, "oncology": 1, HIV: 1}


def test_layout_table_wider_layouts() -> None:
    # PDF text: a blank line between rows, a wrapped diagnosis, a page footer.
    text = (
        "Surname    Forename   Date of birth   Hospital No   Diagnosis\n"
        "Smith      John       3 Apr 1964      K123456       paranoid\n"
        "                                                    schizophrenia\n\n"
        "Jones      Mary       1958-11-12      K654321       breast cancer\n"
        "Page 1 of 2\n"
        "Patel      Anil       Apr 1, 1990     K111222       HIV\n"
    )
    assert patients(text) == {"dob": 3, "hospital_number": 3}
    # Hospital numbers only, no date of birth column.
    text = "Surname  Forename  Hospital No  Ward\nSmith  John  K123456  3\nJones  Mary  K654321  4\n"
    assert patients(text) == {"hospital_number": 2}
    # NHS numbers only (the numbers detectors judge the values).
    text = "NHS number    Surname    Clinic\n485 777 3456  Smith  Diabetes\n"
    assert patients(text) == {"patient_table": 1}


TABLE_TRAPS = [
    # Sports fixtures.
    "Date        Home         Away        Venue          Kick-off\n"
    "03/04/2024  Leeds        York        Elland Road    15:00\n"
    "10/04/2024  York         Hull        Bootham        19:45\n",
    # Staff rota.
    "Name         Ward     Shift    Date\nA Nurse      Ward 3   Early    03/04/2024\n",
    # Parts list with ICD-like codes.
    "Part No    Description    Code     Qty\nF20.0      Bracket        C50.9    4\nB20        Bolt           F20      10\n",
    # A form with an empty table.
    "Surname   Forename   Date of birth   Hospital No\n\n\nPlease complete and return.\n",
    # A sentence of column words, then prose.
    "Please send the surname, forename, date of birth and hospital number of each patient.\n"
    "We will reply within 5 working days.\n",
    # A header followed by placeholder rows.
    "Surname  Forename  DOB  MRN\nxxxx  xxxx  dd/mm/yyyy  xxxxxxx\n",
]


@pytest.mark.parametrize("text", TABLE_TRAPS, ids=[t[:25] for t in TABLE_TRAPS])
def test_table_traps(text: str) -> None:
    assert patients(text) == {}
    assert terms(text) == {}


NAME_COLUMNS = [
    ("Patient,Age,Diagnosis\nJane Example,54,HIV\nJohn Example,61,Hepatitis B\n", {"patient_name": 2}),
    ("Patient name\tWard\nEXAMPLE, Jane\t7\nMr J Example\t8\n", {"patient_name": 2}),
    ("Name,Condition\nJane Example,asthma\nJohn Example,COPD\n", {"patient_name": 2}),
    ("Forename,Surname,Diagnosis\nJane,Example,asthma\nAoife,Example,COPD\n", {"patient_name": 2}),
    # a staff list: names, no diagnosis column
    ("Name,Role,Team\nJane Example,Nurse,Cancer services\nJohn Example,Doctor,Diabetes\n", {}),
    # a column headed Patient that holds no names
    ("Patient,Count\nInpatients,12\nOutpatients,40\n", {}),
    # a surname alone cannot be told from a word
    ("Surname,Diagnosis\nExample,asthma\nSmith,COPD\n", {}),
]


def test_a_column_of_patients_names_in_a_rendered_html_table() -> None:
    table = "Ward list\nBed\tPatient\tDiagnosis\n3\tJane Example\tHIV\n4\tMr J Example\tasthma\n\nThanks\nJane"
    assert patients(table) == {"patient_name": 2}
    assert patients(table.replace("Jane Example", "Side room").replace("Mr J Example", "Bay 2")) == {}
    assert patients("Patient\tCount\nInpatients with asthma\t12\nOutpatients with COPD\t40\n") == {}


@pytest.mark.parametrize("text,expected", NAME_COLUMNS, ids=[t[0][:30] for t in NAME_COLUMNS])
def test_a_column_of_patients_names(text: str, expected: dict[str, int]) -> None:
    assert patients(text, tabular=True) == expected


def test_tabular_segment_headers_and_diagnosis_column() -> None:
    text = "Surname,Forename,PAS number,Diagnosis\nSmith,John,K123456,F20.0\nJones,Mary,K654321,C50.9\n"
    # the forenames beside a diagnosis column are patients' names too
    assert patients(text, tabular=True) == {"hospital_number": 2, "patient_name": 2}
    found = findings(text, tabular=True)
    assert {f.category: f.count for f in found if f.kind == "health_terms"} == {
        "mental_health": 1, "oncology": 1,
    }
    # A code-like value outside the diagnosis column is not a code.
    text = "Name,DOB,Room,Diagnosis\nA,03/04/1964,B20,asthma\n"
    assert {f.category: f.count for f in findings(text, tabular=True) if f.kind == "health_terms"} == {
        "general": 1,
    }


# --- a term in a trust's name is the organisation, not a patient ------------

ORGANISATIONS = [
    ("Example Mental Health NHS Foundation Trust", {}),
    ("Leeds Mental Health and Learning Disability NHS Foundation Trust", {}),
    ("The Clatterbridge Cancer Centre NHS Foundation Trust", {}),
    ("Example Mental Health Partnership NHS Trust", {}),
    ("Example Mental Health\nNHS Trust", {}),
    # Not a trust's name: still health terms.
    ("Schizophrenia and NHS number 123", {"mental_health": 1}),
    ("Diagnosis: HIV  NHS No: 123", {HIV: 1}),
    ("referred to the mental health trust", {"mental_health": 1}),
    ("Mental Health Trust", {"mental_health": 1}),
]


@pytest.mark.parametrize("text,expected", ORGANISATIONS, ids=[o[0][:30] for o in ORGANISATIONS])
def test_terms_in_organisation_names(text: str, expected: dict[str, int]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    "header,expected",
    [("PatientID,Surname,DateOfBirth\n", {"dob": 2, "hospital_number": 2}),
     ("HospNo\tNHSNumber\tDiag\n", {"hospital_number": 2}),
     ("Patient DOB (dd/mm/yyyy);Ward\n", {"dob": 2}),
     ("date_of_birth|case_note_no|forename\n", {"dob": 2, "hospital_number": 2}),
     ("Name,Date,Ward\n", {})],
)
def test_tabular_header_spellings(header: str, expected: dict[str, int]) -> None:
    delim = next((d for d in ("\t", ";", "|") if d in header), ",")
    rows = "1001,03/04/1964,7\n1002,04/05/1970,8\n".replace(",", delim)
    assert patients(header + rows, tabular=True) == expected


def test_a_header_with_no_values_under_it_is_no_column() -> None:
    # a form's labels down one column; a data dictionary's list of fields
    assert patients("Child's name\nDate of birth\nAddress\nGP\nSchool\n", tabular=True) == {}
    assert patients("Variable,Form,Type,Label,Validation\nrecord_id,screening,text,Record ID,\n"
                    "dob,screening,text,Date of birth,date_dmy\nsex,screening,radio,Sex,\n", tabular=True) == {}


def test_a_blank_forms_labels_with_figures_in_their_words_are_no_values() -> None:
    # a form laid out as a two-column table (a document's), its labels down the first column and
    # their values blank: a label's digits ("(6CIT)", "12 months") are no hospital number or date
    # of birth under the "Hospital number" or "D.O.B." label above it
    form = ("Item\tResponse\nFull name\nHospital number\nD.O.B.\t__ /__ /____\nReason for visit\n"
            "Cognition (6CIT) score\nFalls in last 12 months\t[ ] yes  [ ] no\nDementia diagnosis\n")
    assert patients(form, tabular=True) == {}
    # filled in, the same form identifies its person
    filled = (form.replace("Full name\n", "Full name\tMARGERY OAKENSHAW\n")
              .replace("Hospital number\n", "Hospital number\tQT4407731\n")
              .replace("D.O.B.\t__ /__ /____", "D.O.B.\t14/09/1940"))
    assert patients(filled, tabular=True)


def test_a_tables_diagnosis_column_is_read_in_a_body_as_in_a_sheet() -> None:
    # pasted into a body, tab-separated; a name "SURNAME, Forename" is one cell
    text = ("Hi,\n\nThe spells from the audit sample:\n\nSpell_ID\tPatient\tDOB\tPrimary_Dx\tPrimary_Proc\n"
            "RX1284412\tWALSH, Brendan\t14/02/1957\tC18.7\tH33.3\nRX1290047\tAHMED, Yusuf\t02/11/1981\tB18.2\tX38.8\n"
            "\nThanks\n")
    assert patients(text) == {"dob": 2}
    # the procedures' column (OPCS-4: H33.3, X38.8) is read as procedures, not diagnoses
    assert terms(text) == {"oncology": 1, "hiv_sexual_health": 1, "general": 2}
    assert terms(text.replace("Primary_Proc", "Bay")) == {"oncology": 1, "hiv_sexual_health": 1}
    # the codes of another column are not read as diagnoses
    assert terms(text.replace("Primary_Dx", "Ward").replace("Primary_Proc", "Bay")) == {}


# --- every coded column of a sheet, as coding and registry files head them ------------------

CODING_ROWS = [["LLEWELLYN, Mairead", "RX5477437", "07/02/2024", "F20.0", "B20.9", "Z51.1"],
               ["KAUR, Janet", "RX4916432", "17/06/2024", "N18.4", "C18.7", "E11.9"]]


@pytest.mark.parametrize("heads", [
    ["Dx1", "Dx2", "Dx3"], ["Diagnosis1", "Diagnosis2", "Diagnosis3"], ["DIAG_01", "DIAG_02", "DIAG_03"],
    ["Primary diagnosis", "Secondary diagnoses", "Diag_3"], ["ICD10 code", "Dx 2", "Diagnosis 3"],
])
@pytest.mark.parametrize("delim", ["\t", ",", "|", ";"])
def test_each_diagnosis_column_of_a_sheet_is_read(heads: list[str], delim: str) -> None:
    # a coding backlog: names and hospital numbers, the diagnoses as ICD-10 codes only
    rows = [["Patient", "Hosp No", "Episode start", *heads], *CODING_ROWS]
    quote = (lambda c: f'"{c}"' if "," in c else c) if delim == "," else (lambda c: c)
    text = "".join(delim.join(quote(c) for c in row) + "\n" for row in rows)
    assert patients(text, tabular=True)["hospital_number"] == 2
    got = {f.category: f.count for f in findings(text, tabular=True) if f.kind == "health_terms"}
    # F20.0, B20.9, C18.7 from the second and third columns too; Z51.1, N18.4, E11.9 general
    assert got == {"mental_health": 1, "hiv_sexual_health": 1, "oncology": 1, "general": 3}


@pytest.mark.parametrize("word,groups", [
    ("Dx1", {"dx"}), ("Diagnosis2", {"dx"}), ("Diag_3", {"dx"}), ("Topography", {"dx"}), ("Morphology", {"dx"}),
    ("ICD10", {"dx"}), ("DOB1", {"dob"}), ("Room12", set()), ("Q1", set()),
])
def test_a_column_word_with_its_number_glued_on_is_the_word(word: str, groups: set[str]) -> None:
    assert identifiers.header_groups(word, whole=False)[0] == groups


def test_a_registrys_topography_and_morphology_columns_are_read() -> None:
    text = ("Surname,Forename,BirthDate,Topography,Morphology,Basis\nBevan,Eleri,1952-11-13,C34.1,8070/3,7\n"
            "Watkins,Chidi,1973-12-07,C50.4,M8140/3,7\nBowen,Ahmed,1957-10-11,C61.9,8500/3,7\n")
    assert patients(text, tabular=True) == {"dob": 3, "patient_name": 3}
    got = {f.category: f.count for f in findings(text, tabular=True) if f.kind == "health_terms"}
    assert got == {"oncology": 6}
    # the codes after their labels in a pathology report's text
    assert terms("Topography: C50.4\nMorphology: 8500/3 (ductal carcinoma NOS)") == {"oncology": 3}
    # a morphology's number elsewhere is no code: a page range, a score
    assert terms("Pages 8140/3 of the ledger; score 9000/1") == {}


def test_a_sheets_procedure_code_columns_are_read_but_a_procedure_column_of_words_stays_a_columns() -> None:
    text = ("Patient,Hosp No,Procedure 1,Procedure 2\nJane Example,RX4412981,W37.1,Z84.1\n"
            "Ahmed Example,RX4412982,H33.3,Y53.2\n")
    got = {f.category: f.count for f in findings(text, tabular=True) if f.kind == "health_terms"}
    assert got == {"general": 4}
    # a competency record's "Procedure" column: its names are staff's, not patients' (no codes read)
    staff = "Name\tProcedure\tDate signed off\nAaron Example\tW37.1 practice\t03/06/2026\n"
    assert patients(staff, tabular=True) == {}


# --- a table with no header row: its columns by their values ------------------------------

HEADERLESS = ["KAUR,TOMASZ,03/11/1961,CF72 8XZ,CA BLADDER,TURBT",
              "PRITCHARD,PRIYA,11/11/1965,CF45 4HG,CA PROSTATE,TRUS BIOPSY",
              "BEVAN,COLIN,24/02/1941,NP25 3AY,CA PROSTATE,NEPHRECTOMY",
              "O'BRIEN,FFION,17/07/1978,CF44 8BQ,RENAL CELL CA,TURBT"]


@pytest.mark.parametrize("delim", [",", "\t", "|"])
@pytest.mark.parametrize("case", [str.upper, str.title], ids=["caps", "title"])
def test_a_headerless_sheets_names_and_dates_of_birth_are_read_by_their_values(delim: str, case) -> None:
    text = "".join(case(row).replace(",", delim) + "\n" for row in HEADERLESS)
    assert patients(text, tabular=True) == {"dob": 4, "patient_name": 4}
    # forename first, a record number in the date of birth's place
    swapped = "".join(",".join([r.split(",")[1], r.split(",")[0], f"RX{4412980 + i}", *r.split(",")[3:]]) + "\n"
                      for i, r in enumerate(HEADERLESS))
    assert patients(swapped, tabular=True) == {"hospital_number": 4, "patient_name": 4}


def test_a_headerless_table_pasted_into_a_body_is_read_by_its_values() -> None:
    body = "Hi,\n\nThe list, no headers, as agreed:\n\n" + "\n".join(r.replace(",", "\t") for r in HEADERLESS)
    assert patients(body + "\n\nThanks\n")


@pytest.mark.parametrize("rows", [
    # staff's own dates of birth: a band, a job title on the rows
    ["SMITH,JOHN,03/11/1961,Band 5,Staff Nurse", "JONES,MARY,11/11/1975,Band 6,Sister",
     "BEVAN,COLIN,24/02/1981,Band 2,HCA diabetes link"],
    # appointments: dates within weeks of each other are no births
    ["KAUR,TOMASZ,03/06/2025,Ward 7,Diabetes review", "PRITCHARD,PRIYA,11/06/2025,Ward 3,Diabetes review",
     "BEVAN,COLIN,24/06/2025,Ward 2,Diabetes review"],
    # places, not people, beside their opening dates
    ["CARDIFF,ROYAL,03/11/1961,CF72 8XZ,Cancer centre", "NEWPORT,GWENT,11/11/1975,NP25 3AY,Cancer centre",
     "SWANSEA,MORRISTON,24/02/1941,SA6 6NL,Cancer centre"],
], ids=["staff", "appointments", "places"])
def test_a_headerless_table_of_no_patients_stays_so(rows: list[str]) -> None:
    assert patients("".join(r + "\n" for r in rows), tabular=True) == {}


def test_tabular_header_under_a_title() -> None:
    text = "Clinic list 3 May\n\nName,DOB,Diagnosis\nA,03/04/1964,F20.0\nB,04/05/1970,C50.9\n"
    assert patients(text, tabular=True) == {"dob": 2}
    assert {f.category: f.count for f in findings(text, tabular=True) if f.kind == "health_terms"} == {
        "mental_health": 1, "oncology": 1,
    }
    # Past the first few lines a header is data, not a header.
    text = "title\n" * 6 + "Name,DOB\nA,03/04/1964\n"
    assert patients(text, tabular=True) == {}


# --- findings never carry the value -------------------------------------------

def test_evidence_is_masked() -> None:
    text = ("DOB 3rd April 1964, MRN K1234567, Diagnosis F20.0, hiv+\n"
            "Surname Forename Date of birth Hospital No\nSmith John 03/04/1964 K7654321\n")
    for f in findings(text):
        for ev in f.evidence:
            for secret in ("1964", "K1234567", "F20", "Smith", "hiv+", "April", "7654321"):
                assert secret not in ev, (f, ev)


# --- the whole inspection: held or delivered ----------------------------------

EXT = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
SIGNATURE = (
    "\n\n--\nDr A Jones\nConsultant Psychiatrist\nExample Mental Health NHS Foundation Trust\n"
    "This e-mail is confidential and may contain information about patients. If you are not "
    "the intended recipient, please tell the sender and delete it.\n"
)


@pytest.fixture(scope="module")
def engine():
    settings = config.from_mapping(
        {"domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]}},
        config.PROJECT_CONFIG_DIR,
    )
    return pipeline.build_engine(settings)


HELD = [
    "Re patient: hiv+, D/O/B 03041964",
    "Pt ref AB12345 - H.I.V. clinic follow-up",
    "Dear colleague, Mrs X (Date of birth:\n3rd of April 1964) has hep c.",
    "Hospital No K123456, Diagnosis F20.0",
    "J Smith  DOB 03/04/1964  F20.0",
    "Surname Forename Date of birth Hospital No Diagnosis\n" + "\n".join(ROWS),
]
DELIVERED = [
    "Newsletter\nDate: April 3, 1964 - the day the hospital opened. Our cancer services grew.",
    "Happy birthday to Sam (born 3 April 1984)! Cake in the mental health unit at 3.",
    "Home        Away        Date\nLeeds       York        03/04/2024\nHIV awareness match",
    "Parts list\nF20.0  bracket  x4\nC50.9  bolt  x10\nB20 washer",
    "Invitation: Patient Safety Group\nMeeting ID: 345 678 901 234\nPasscode: 4bX9\n"
    "Agenda: HIV testing week, PTSD support for staff",
    "Case number 01234567: thank you for contacting support about the CAMHS rota tool.",
    # A member of staff's own details to a pension provider, from a mental health trust.
    "Pension form for our employee\nName: Jane Doe\nDate of birth: 03/04/1964\nNI number: QQ123456C",
]


@pytest.mark.parametrize("body", HELD, ids=[b[:30] for b in HELD])
def test_held(engine, body: str) -> None:
    verdict = pipeline.inspect(build_message(body + SIGNATURE), EXT, engine)
    assert verdict.action == Action.HOLD
    assert "patient_health_data_external" in verdict.rules


@pytest.mark.parametrize("body", DELIVERED, ids=[b[:30] for b in DELIVERED])
def test_delivered(engine, body: str) -> None:
    verdict = pipeline.inspect(build_message(body + SIGNATURE), EXT, engine)
    assert verdict.action == Action.DELIVER, verdict.findings


def _sheet_verdict(engine, name: str, rows: list[list[str]]):
    from tests.formats import docs

    if name.endswith(".xlsx"):
        data, ctype = docs.xlsx({"Sheet1": rows}), docs.XLSX
    elif name.endswith(".ods"):
        data, ctype = docs.ods("Sheet1", rows), "application/vnd.oasis.opendocument.spreadsheet"
    else:
        delim = "\t" if name.endswith(".tsv") else ","
        data, ctype = "".join(delim.join(row) + "\n" for row in rows).encode(), "text/csv"
    raw = build_message("Attached." + SIGNATURE, attachments=[(name, ctype, data)])
    return pipeline.inspect(raw, EXT, engine)


@pytest.mark.parametrize("name", ["backlog.xlsx", "backlog.ods", "backlog.tsv"])
def test_a_sheet_of_names_and_diagnosis_codes_in_numbered_columns_is_held(engine, name: str) -> None:
    rows = [["Patient", "Hosp No", "Episode start", "Dx1", "Dx2", "Dx3"], *CODING_ROWS]
    verdict = _sheet_verdict(engine, name, rows)
    assert verdict.action == Action.HOLD and "patient_health_data_external" in verdict.rules


@pytest.mark.parametrize("name", ["list.xlsx", "list.ods", "list.csv", "list.tsv"])
def test_a_headerless_sheet_of_patients_is_held(engine, name: str) -> None:
    verdict = _sheet_verdict(engine, name, [row.split(",") for row in HEADERLESS])
    assert verdict.action == Action.HOLD and "patient_health_data_external" in verdict.rules


@pytest.mark.parametrize("name", ["template.xlsx", "template.ods", "template.csv"])
def test_a_return_template_with_its_example_row_is_delivered(engine, name: str) -> None:
    rows = [["Patient name", "DOB", "Hospital number", "Diagnosis", "Procedure"],
            ["EXAMPLE - Joe Bloggs", "01/01/1970", "RX0000000", "Example: osteoarthritis knee", "Example: TKR"]]
    assert _sheet_verdict(engine, name, rows).action == Action.DELIVER
    rows.append(["Joan Example", "28/08/1951", "RX5660221", "osteoarthritis hip", "THR"])
    assert _sheet_verdict(engine, name, rows).action == Action.HOLD


def _pdf_table(rows: list[list[str]], widths: list[int]) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=10)
    doc.add_page()
    for row in rows:
        for width, cell in zip(widths, row, strict=True):
            doc.cell(width, 8, cell)
        doc.ln(8)
    return bytes(doc.output())


def test_pdf_table_is_held(engine) -> None:
    data = _pdf_table(
        [["Surname", "Forename", "Date of birth", "Hospital No", "Diagnosis"],
         ["Smith", "John", "03/04/1964", "K123456", "F20.0"],
         ["Jones", "Mary", "12/11/1958", "K654321", "C50.9"]],
        [30, 30, 35, 30, 40],
    )
    raw = build_message("List attached.", attachments=[("list.pdf", "application/pdf", data)])
    verdict = pipeline.inspect(raw, EXT, engine)
    assert verdict.action == Action.HOLD and "patient_health_data_external" in verdict.rules
    where = "attachment list.pdf, page 1"
    got = {(f.kind, f.category): f.count for f in verdict.findings if f.where == where}
    assert got == {("patient_identifier", "dob"): 2, ("patient_identifier", "hospital_number"): 2,
                   ("health_terms", "mental_health"): 1, ("health_terms", "oncology"): 1}


def test_pdf_fixture_table_is_delivered(engine) -> None:
    data = _pdf_table(
        [["Date", "Home", "Away", "Venue", "Code"],
         ["03/04/2024", "Leeds", "York", "Elland Road", "F20.0"],
         ["10/04/2024", "Hull", "HIV Charity XI", "Boothferry", "C50.9"]],
        [30, 30, 35, 30, 40],
    )
    raw = build_message("Fixtures attached." + SIGNATURE, attachments=[("fixtures.pdf", "application/pdf", data)])
    assert pipeline.inspect(raw, EXT, engine).action == Action.DELIVER


# --- cost: linear in the text, whatever it holds ------------------------------

DENSE = [
    "DOB x Hospital No Diagnosis F20 ",
    ", born 03/04/1964 ",
    "Date of birth:\n",
    "Surname Forename DOB MRN\n",
    "Surname Forename DOB MRN ",
    "H.I.V. a.b.c.d.e.f ",
    "Diagnosis: F20.0 F20.1 F20.2 ",
]


@pytest.mark.parametrize("unit", DENSE, ids=[d[:20] for d in DENSE])
def test_dense_labels_cost_linear_time(unit: str) -> None:
    import time

    def cost(chars: int) -> float:
        text = unit * (chars // len(unit))
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            findings(text)
            best = min(best, time.process_time() - started)
        return best

    small, large = cost(50_000), cost(400_000)
    # Linear: about 8 times; a quadratic scan would be about 64.
    assert large < 20 * max(small, 1e-3), (small, large)


# --- a name with an age, a name with a home address -----------------------------

NAMED_WITH_DETAILS = [
    ("Bed 1 - KHAN, Imran (74y) - NSTEMI, for angio", {"name_age": 1}),
    ("Bed 3 - McGRATH, Siobhan, 41yo - overdose, psych r/v", {"name_age": 1}),
    ("Liam Example (16y) attended ED with a stab wound", {"name_age": 1}),
    ("Mrs Doreen Walsh 82 yrs, COPD exacerbation", {"name_age": 1}),  # no span of service
    ("Peter Example 74M - chest pain, NSTEMI, for angio", {"name_age": 1}),
    ("Jamie EXAMPLE 23M - sectioned under the Mental Health Act last night", {"name_age": 1}),
    # a bare age and a dash, what is wrong at once after it
    ("New one for you: Arthur Example 74 - NSTEMI, for angio tomorrow.", {"name_age": 1}),
    ("Mrs Beryl Example 81 \u2013 fractured NOF, awaiting theatre", {"name_age": 1}),
    # a clinical letter's subject line: the name and the home address
    ("Re: Mrs Lorraine Example, 8 Canal Side, Macclesfield\n\nThank you for seeing this lady with varicose veins",
     {"name_address": 1}),
    ("Ashwood Surgery, 12 Ashwood Road, Leeds LS6 2QA\nRe:\nMrs Gladys Example\n41 Moorland Road\nPudsey\n"
     "LS28 8EX\nDear colleague, this lady has Alzheimer's disease", {"name_address": 1}),
    # a name and home address with a health term in the same record
    ("Please prepare dosette for discharge: Mr Colin Example, 18 Hawthorn Drive, Bramley LS13 4PP - epilepsy",
     {"name_address": 1}),
    ("Package of care request:\n\nMr Stanley Example\n22 Ashville Terrace\nPateley Bridge\nHG3 5LR\n\n"
     "Parkinson's disease, needs double-handed care", {"name_address": 1}),
    ("Mrs Ethel Example\t12 Quarry Hill Road, Rothwell\tLS26 0AB\tLeg ulcer dressing; diabetes", {"name_address": 1}),
    ("Bed 4 Mrs Example 47 yrs - DKA, insulin infusion", {"name_age": 1}),  # any age, with health on its row
    ("Oliver Example 4y - bronchiolitis, on high flow", {"name_age": 1}),
    ("Mr Example 58m - DKA", {"name_age": 1}),
    ("Re: Ms Olivia Example, Flat 4, 27 Beech Court, Bradford\n\nMs Example is ready to go home after treatment"
     " for a COPD exacerbation.", {"name_address": 1}),
    # (and "She", the person the letter is about, has diabetes)
    ("Dear Mr Oliver,\n\nRe: Mrs Jane Example, 8 Canal Side, Macclesfield\n\nThank you for seeing this 63 year old"
     " lady with knee pain. She has type 2 diabetes on metformin.", {"name_address": 1, "patient_name": 1}),
    ("Edith Example (92 y.o.) - fall at home, osteoporosis", {"name_age": 1}),
    # a title makes a place's word a family name; two asides between name and verb
    ("Mrs Helen Ward (74y) - COPD exacerbation, for home oxygen assessment", {"name_age": 1}),
    ("Mrs Helen Ward, 9 Elm Terrace, Leeds LS6 2AB - COPD exacerbation, lives alone", {"name_address": 1}),
    ("Margaret Example, 81, from Headingley, was admitted with a fractured neck of femur", {"name_age": 1}),
    ("RE: MRS JOAN EXAMPLE, 14 MILL LANE, OTLEY LS21 3HG\n\nThank you for seeing this lady who has a two month"
     " history of rectal bleeding.", {"name_address": 1}),
    # a named person and what the record says happened to them
    ("Oliver Example in Year 4 has been diagnosed with asthma and has had two attacks.", {"patient_name": 1}),
    ("Mrs Ann Example was admitted with a stroke on Tuesday.", {"patient_name": 1}),
    ("Dear Dr Example,\n\nRe:\nMr Colin Example\n18 Hawthorn Drive\nBramley\nLeeds LS13 4PP\n\nI would be grateful if"
     " you could see Mr Example with a pigmented lesion, suspicious of melanoma.", {"name_address": 1}),
    # supplies sent to a patient's home name the person after the instruction
    ("Please deliver to: Mr Harold Example, 23 Sycamore Avenue, Burnley BB10 2QX\nColostomy bags closed 40mm x 60",
     {"name_address": 1}),
]
NOT_NAMED_WITH_DETAILS = [
    # staff and their work: a business address, a job title, a professional title, no person
    "Dr Jane Example\nElm Surgery\n14 Elm Road\nLeeds LS6 2AB\nDiabetes clinic lead",
    "Jane Example\nDiabetes Specialist Nurse\nExample Hospital, 1 Infirmary Road, Leeds LS1 3EX",
    "Mr John Example, Sales Director, Acme Ltd, 1 High Street, Leeds LS1 1AA: insulin pumps",
    "Our diabetes service has run for 25 years; 74 patients were seen",
    "Sepsis audit: Ward 7 (12 beds) - 4 cases",
    "The clinic, 14 Elm Road, Leeds LS6 2AB, runs a dementia cafe",
    # a letter's addressee: the health words are the letter's, not about them
    "Miss Chloe Example\n7 Elm Tree Close\nBramley\nLeeds\nLS13 2PL\n\nDear Miss Example,\n\n"
    "Re: Offer of employment - Staff Nurse, Dementia Care",
    "Mr Rashid Example\n61 Victoria Road\nDewsbury\nWF13 2AB\nDear Mr Example\n"
    "Thank you for contacting us about parking at the Cancer Centre.",
    # whose address it says it is; where someone works
    "Permit holder: Mr Daniel Example, 14 Elm Road, Leeds LS6 2AB - Zone B (Maternity Unit)",
    "the invoice address you gave: Mr Gareth Example, 8 Mill Lane, Otley LS21 3BQ - dementia-friendly lighting",
    "Anna Example, 14 Rose Lane, Garforth LS25 1AB - base should be Community Diabetes Team, Seacroft",
    # years of service, races, contracts, floors
    "Long service awards: Janet Example 40 yrs - Dementia Care, Ward 12",
    "Fiona Example 10M 1:18:34 - running for the Cancer Centre",
    # a figure and a dash after a name that are no age: a score, an item, a date, a role
    "Tom Example 10 - 0 Diabetes United (a friendly)",
    "Sarah Example 3 - Cancer Research UK fundraiser lead",
    "Fiona Example 52 - ward clerk, asthma champion",
    "Lisa Example 07 - 12 - 2025 - diabetes clinic audit meeting",
    "Charge Nurse (Band 6), Ivy Lodge 12M FTC, mental health",
    "Kate Example 2y fixed-term from 1 July, Sexual Health",
    # a letter's Re: line about a person who is no patient: no clinical letter's words
    "Re: Mr John Example, 14 Elm Road - planning application\n\nThe ward extension and the dementia garden",
    "Re:\nMrs Gill Example\n5 Church View\nSkipton\n\nMrs Example is leaving her post as Diabetes Specialist Nurse",
    # a signature with a home address and a job title naming a condition; a donor; a speaker
    "Karen Example\n9 Ashfield Rise\nWetherby LS22 6PP\nTissue Viability Nurse - pressure ulcer prevention lead",
    "Mr & Mrs Roger Example, 3 Orchard Close, Skipton BD23 1TT\n£250 towards the new diabetes education kits",
    "2. Simon Example, 9 Heather Close, Baildon, Shipley BD17 5LP (the Contractor)\n\nThe course covers depression",
    # ages with nothing of health on their row, or a career's years
    "1st - Johnnie Walker 18yo\n2nd - Glen Moray 12yo single malt\n(raffle for the cancer appeal)",
    "Sarah Example 45F 42:10\nMark Example 52M 39:55 - fun run for the diabetes centre",
    "Mr Patel, 32 yrs a consultant at St Mary's, performed 4,000 bowel cancer operations",
    "Rebecca Example 15 yrs accredited CBT therapist. Specialises in anxiety and depression.",
    "Aisha Example 3 yrs post-reg, acute mental health",
    "confirm Mr Motivator 60 yrs young for our staff wellbeing week on dementia",
    "- Grace Suite 2F: door closer on dialysis bay",
    # lists under a line that names patients but introduces other people
    "Patients' Forum members attending:\n\nJohn Example\nMary Example\n\n(on the stroke pathway)",
    "The Patients Association trustees coming on the day:\n\n- Helen Example\n\ncancer care",
    "Thank you to the patients and staff who took part:\n\nSarah Example (Respiratory Physiology)\n\nasthma",
    # a letter's cue words about something else, an addressee who is a doctor
    "Re: Mrs Sandra Example, 9 Priory Close, Harrogate\n\nThe fence was treated for woodworm in 2019. Mrs Example "
    "presented with photographs.\n\nFlu jabs for staff: book now",
    "Dear Dr Example,\n\nRe: Miss Chloe Example, 4 Willow Court, Derby\n\nThank you for your request for a reference."
    " She was admitted to the NMC register in 2019 and worked on our stroke unit.",
    # race results for charities; a course certificate; a professional's news
    "Dave Example (45M) - 1:41:22 - Alzheimer's Society\nLaura Example (38F) - 1:57:05 - Diabetes UK",
    "Ms Laura Example, 3 Glebe Close, Bath BA2 4TT\nMental Health First Aid (2 day) - passed 14/11",
    "Dr Jane Example was diagnosed with cancer last year and is running the 10k.",
    "The Trust was referred to the CQC for its sepsis audit.",
    # jobs, prizes, fundraising, races and casts on a name's row; supporters' and staff's addresses
    "2. Peter Example (62y) - Biomedical Scientist, Haematology / Blood Transfusion",
    "1st GBP 1,000 - Mrs Julie Example, 57 yrs, Healthcare Assistant, Ward 30 (Respiratory / COPD)",
    "1    Mark Example (34M)   MSEN  36:12   in memory of Dad (dementia)",
    "Margaret Example, 22 Moor Lane, Ilkley LS29 8BN\nIn aid of the Hospice's cancer and palliative care services",
    "Winner: Mrs Ivy Example, 12 Rose Street, Bingley BD16 1AB - GBP 1,000\nExample Hospice Lottery",
    "Employee: Ms Chloe Example, 15 Victoria Street, Leeds LS3 1AB - Assistant Psychologist, EIP",
    "Re: Leanne Example, 31 Ash Grove, Wakefield WF1 2JJ - Reference for Staff Nurse post\n\nLeanne has worked on"
    " Ward 5 (Acute Adult Mental Health) and manages patients with psychosis.",
    # testimonials and news write a person with an age too
    "-Dr. Richard Example, 78 years old, Clinical Psychologist: my blood sugar went down",
    "Grandfather John Example, aged 67, praised staff after his heart surgery",
    "-Dr. Richard Example (02/03/1950) says the treatment works",
    # what a person did, not had; a health term later in the sentence is not what happened to them
    "Independent prescriber Sam Example has prescribed over 2,000 courses of nicotine replacement therapy",
    "Amy Example has been admitted to the Fellowship of the Royal College of Psychiatrists for work on psychosis",
    "Pat Example was discharged from the Royal Navy in 1985 and now helps people recovering from a stroke",
    # charities and shops named for people; people with a condition in general
    "Marie Curie\n12 Wellington Street\nLeeds LS1 4DL\nHospice at home: end of life care for people with cancer",
    "Claire Example Opticians, 4 Main Street, Leeds LS17 8AB - glaucoma referral refinement",
    "Re: Miss Chloe Example, 7 Birch Close, Leeds LS16 5QT\n\nI saw Chloe nurse patients with advanced COPD with"
    " great compassion.",
    "Deliver to: Karen Example, Goods In, 12 Mill Lane, Leeds LS12 4AB - insulin pens for the diabetes nurses",
    # a list introduced as service users or residents that says nothing of their health
    "Service users who sat on the interview panel:\n\nGary Example\nLorna Example\n\nThanks to both.",
    "Brenda Example (64y) retires this Friday after 46 years caring for stroke patients.",
]
@pytest.mark.parametrize(("text", "expected"), NAMED_WITH_DETAILS)
def test_a_name_with_an_age_or_a_home_address_identifies_a_patient(text, expected) -> None:
    assert terms(text), text  # each carries a health term: the search runs only then
    assert patients(text) == expected


@pytest.mark.parametrize("text", NOT_NAMED_WITH_DETAILS)
def test_staff_businesses_and_figures_are_no_patient(text) -> None:
    assert patients(text) == {}


def test_a_staff_table_under_a_title_row_is_still_of_staff() -> None:
    table = ("Mandatory training - compliance extract\n"
             "Name\tDate of birth\tJob title\tCourse\tCompleted\n"
             "Hannah Example\t1988-04-02\tStaff Nurse\tSafeguarding Adults Level 3\t2026-09-14\n"
             "Ravi Example\t1979-11-20\tHCA\tDementia awareness\t2026-08-01\n")
    assert patients(table) == {}
    assert patients(table.replace("\tJob title", "\tWard").replace("Staff Nurse", "7")) == {"dob": 2}


def test_a_list_introduced_as_patients_names_each_patient() -> None:
    mdt = ("Lung MDT - Thursday 16 October\n\nPatients for discussion:\n"
           "1. Mr Peter Example (71) - RUL spiculated nodule, for biopsy discussion\n"
           "2. Mrs Alison Example - mesothelioma, post pleurodesis\n"
           "3. Roy Example - small cell lung cancer\n\nPlease add any further patients by Wednesday.")
    assert patients(mdt) == {"patient_name": 3}
    # a team named after patients lists its staff; a list of things is no list of people
    # (the first row still names a patient on its own: a titled name, an age and a finding)
    assert patients(mdt.replace("Patients for discussion:", "Patient Experience team for the cancer day:")) == {
        "name_age": 1}
    # the introduction in other words, wrapped once; an age in brackets after a titled name
    assert patients("Here are the patients from this morning's\ndiabetes clinic who need podiatry:\n\n"
                    "Joan Example - foot ulcer left heel\nPeter Example - charcot foot\n") == {"patient_name": 2}
    assert patients("Could you see Mrs Joan Example (67) urgently - new diagnosis of breast cancer.") == {"name_age": 1}
    # an untitled name, an age and a new diagnosis in one sentence of prose: theirs too
    assert patients("Could you see Joan Example (67) urgently - new diagnosis of breast cancer.") == {"patient_name": 1}
    assert patients("Patients are asked to arrive early.\nParking:\nJoan Example - blue badge holder\n") == {}
    assert patients("Patients seen this week:\n- 14 with COPD\n- 3 with asthma\n") == {}
    # other introductions of patients, and beds before the names
    assert patients("Patient list for Monday's clinic:\n- Mrs Lorraine Example - COPD review\n") == {"patient_name": 1}
    assert patients("Service users moving to your caseload:\n- Kelly Example - depression\n") == {"patient_name": 1}
    assert patients("Patients on the ward tonight:\n\nBed 1 Mrs Ivy Example - COPD, on 2L\n") == {"patient_name": 1}
    # the introduction after another sentence, other words for patients, rooms and clinic times
    assert patients("Thanks for covering. Pts for review on the ward round:\n\nBed 3 - Mr Stanley Example - pneumonia\n") == {
        "patient_name": 1}
    assert patients("For the monitoring - the following clients have not attended:\n\n1. Jordan Example - GAD\n") == {
        "patient_name": 1}
    assert patients("Residents needing a GP visit:\n\nRoom 4 - Mrs Ethel Example - UTI symptoms\n") == {"patient_name": 1}
    assert patients("Patient list - Dr Shah's clinic:\n\n09:00  Mrs P Example  f/u AF, on edoxaban\n") == {
        "patient_name": 1}


def test_a_home_address_records_lines_run_to_the_letters_own_start() -> None:
    # a visit list puts the key safe and the phone before the clinical note
    visit = "Mr George Example\n31 Beck Lane\nBingley BD16 4DD\nKey safe 4471, side door\nInsulin dependent diabetic\n"
    assert patients(visit) == {"name_address": 1}
    assert patients("Mr Colin Example | 18 Hawthorn Drive, Bramley LS13 4PP | catheter change") == {"name_address": 1}
    # a letter's addressee: its date, greeting or subject line ends the address block
    letter = ("Miss Chloe Example\n7 Elm Tree Close\nLeeds LS13 2PL\n2 May 2025\nDear Chloe\n"
              "Offer of employment: Staff Nurse, Dementia Care\nHepatitis B immunisation is required.\n")
    assert patients(letter) == {}


def test_a_staff_sheet_under_a_title_row_keeps_its_dates_of_birth_as_staffs() -> None:
    sheet = ("Riverside Medical Centre - staff list for CQC inspection\n"
             "Name\tJob title\tDate of birth\tDBS number\tClinical lead for\n"
             "Helen Example\tPractice Nurse\t12/05/1974\t001712345678\tDiabetes, asthma\n")
    assert patients(sheet, tabular=True) == {}
