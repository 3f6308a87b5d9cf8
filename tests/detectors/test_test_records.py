"""A record system's test patients and a de-identified image, read as the records they are:
the test patient's record is every field of it (a form's lines, an HL7 message's fields), not
only its name's line; a DICOM file that declares its patient's identity removed and keeps
nothing of theirs identifies no one. Each with the real patient beside it that must still count."""

from __future__ import annotations

import pytest

from dlpgate.detectors import identifiers
from tests.detectors.test_health_terms import patients

TEST_RECORDS = [
    # a training guide's test patient, its fields one to a line
    "Log in to the training system and open:\nPatient: Mickey Mouse\nHospital No: TRN0000001\nDOB: 01/01/1928\n"
    "Diagnosis: pneumonia\n",
    # an HL7 message as the reader renders it, a blank line before the next message
    "message control id: TR0001\nprocessing id: T\npatient identifier: hospital number: TRN0000001 (RX1 MR)\n"
    "patient name: MICKEY MOUSE\ndate of birth: 1928-01-01\ndiagnosis code: J18.9 Pneumonia I10\n\n"
    "message control id: TR0002\nprocessing id: T\npatient identifier: hospital number: TRN0000002 (RX1 MR)\n"
    "patient name: DONALD DUCK\ndate of birth: 1934-06-09\ndiagnosis code: I21.9 Acute myocardial infarction I10\n",
]


@pytest.mark.parametrize("text", TEST_RECORDS, ids=["form", "hl7"])
def test_a_test_patients_whole_record_is_blanked(text: str) -> None:
    assert patients(text) == {}


def test_a_real_patients_record_beside_a_test_patients_is_kept() -> None:
    real = "Patient: Joan Example\nHospital No: RX5660221\nDOB: 28/08/1951\nDiagnosis: pneumonia\n"
    test = "Patient: Mickey Mouse\nHospital No: TRN0000001\nDOB: 01/01/1928\nDiagnosis: pneumonia\n"
    # (what is counted is the whole text's: the real patient keeps it all)
    assert set(patients(test + "\n" + real)) == {"dob", "hospital_number"}
    assert set(patients(real + "\n" + test)) == {"dob", "hospital_number"}
    # two records with no blank line between them: the next name field starts the next record
    assert set(patients(test + real)) == {"dob", "hospital_number"}
    assert set(patients(real + test)) == {"dob", "hospital_number"}


DICOM_DEIDENTIFIED = (
    "modality: CT\nstudy description: CT THORAX\npatient name: {name}\npatient id: STUDY042\npatient sex: M\n"
    "patient age: 067Y\npatient identity removed: YES\ndeidentification method: Basic Application Confidentiality"
    " Profile\n"
)


@pytest.mark.parametrize("name", ["0042 ANON", "ANONYMOUS", "SUBJECT 17", "S042"])
def test_a_dicom_file_declared_de_identified_names_no_one(name: str) -> None:
    assert identifiers.no_real_patient(DICOM_DEIDENTIFIED.format(name=name))


@pytest.mark.parametrize(
    "text",
    [
        DICOM_DEIDENTIFIED.format(name="Patricia PRICE"),  # the flag, but a person's name still there
        DICOM_DEIDENTIFIED.format(name="0042 ANON") + "patient birth date: 1957-11-02\n",
        DICOM_DEIDENTIFIED.format(name="0042 ANON").replace("YES", "NO"),
    ],
    ids=["named", "birth date", "not removed"],
)
def test_a_dicom_file_that_keeps_its_patients_details_is_a_real_patients(text: str) -> None:
    assert not identifiers.no_real_patient(text)


# --- a template's example row, a dummy's marks, a generator's synthetic people ------------------

TEMPLATE_HEADER = "Patient name\tDOB\tHospital number\tDiagnosis\tProcedure\n"
REAL_ROW = "Joan Example\t28/08/1951\tRX5660221\tosteoarthritis hip\tTHR\n"


@pytest.mark.parametrize("row", [
    "EXAMPLE - Joe Bloggs\t01/01/1970\tRX0000000\tExample: osteoarthritis knee\tExample: TKR\n",
    "Joe Bloggs\t14/03/1962\tRX5551234\tosteoarthritis knee\tTKR\n",
    "e.g. Jane Smith\t14/03/1962\tRX5551234\tosteoarthritis knee\tTKR\n",
    "Sample row: Jane Smith\t14/03/1962\tRX5551234\tosteoarthritis knee\tTKR\n",
    "A N Other\t14/03/1962\tRX5551234\tosteoarthritis knee\tTKR\n",
    "Jane Doe\t01/01/1970\tRX5551234\tosteoarthritis knee\tTKR\n",
    "DOE, John\t14/03/1962\t9999999999\tosteoarthritis knee\tTKR\n",
    "Jane Smith\t01/01/1970\t0000000000\tosteoarthritis knee\tTKR\n",
], ids=["example", "bloggs", "e.g.", "sample", "a n other", "doe and date", "doe and number", "dummy marks"])
@pytest.mark.parametrize("delim", ["\t", "|", ","])
def test_a_templates_placeholder_row_is_no_patient(row: str, delim: str) -> None:
    text = (TEMPLATE_HEADER + row).replace("\t", delim)
    assert patients(text, tabular=True) == {}
    # a real list that keeps its example row in is still a patient list
    assert patients((TEMPLATE_HEADER + row + REAL_ROW).replace("\t", delim), tabular=True)


@pytest.mark.parametrize("row", [
    "Jane Doe\t14/03/1988\tRX5551234\tunknown female, head injury\tCT head\n",  # an unknown patient's name
    "Jane Smith\t01/01/1970\tRX5551234\tosteoarthritis knee\tTKR\n",  # born on New Year's Day 1970
    "Example-Jones, Jane\t14/03/1962\tRX5551234\tosteoarthritis knee\tTKR\n",  # a name, no example's mark
    "EXAMPLE, Jane\t14/03/1962\tRX5551234\tosteoarthritis knee\tTKR\n",
])
def test_a_real_row_with_one_placeholder_like_mark_is_a_patients(row: str) -> None:
    assert patients(TEMPLATE_HEADER + row, tabular=True)


def test_example_in_prose_may_introduce_a_real_case() -> None:
    assert patients("Example: Mr Smith (DOB 01/02/1950) waited 14 hours in ED with chest pain.\n")


SYNTHEA = ("Id,BIRTHDATE,FIRST,LAST,GENDER,CITY,CONDITION\n"
           "1643661164e8ab4e,2004-11-09,Kimberli861,Bartoletti229,F,Springfield,Prediabetes\n"
           "04751cec98fbda5e,1968-12-12,Jerrold800,Kuhn869,M,Springfield,Hypertension\n"
           "819775e355208216,2010-02-05,Maile237,Hermiston585,M,Pontypridd,Viral sinusitis\n")


def test_a_generators_synthetic_people_are_no_one() -> None:
    assert patients(SYNTHEA, tabular=True) == {}
    assert patients(SYNTHEA.replace(",", "\t"), tabular=True) == {}
    # family name first; in prose
    assert patients("Kuhn96, Alfredo17 (DOB 1968-12-12) has hypertension.\n") == {}
    # a real person's row among them still counts
    assert patients(SYNTHEA + "0aa1,1971-02-03,Joan,Example,F,Leeds,Hypertension\n", tabular=True)


def test_words_with_numbers_glued_on_are_not_taken_for_synthetic_names() -> None:
    # month columns, beds and bays beside a real patient's row: the row is kept
    text = ("Name\tDOB\tJan25 Feb25\tDiagnosis\nJoan Example\t28/08/1951\tBay3 Bed12\tosteoarthritis hip\n")
    assert identifiers.without_test_records(text, True) is None
    assert patients(text, tabular=True)
