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
