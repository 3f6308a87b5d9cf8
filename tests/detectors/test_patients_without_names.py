"""Patients a mail identifies without their name: a ward's shorthand of initials, age and sex,
an emergency department's attendance number over the attendance's health. And the look-alikes
that identify no patient: staff initials in minutes and rotas, a starters' list with dates of
birth beside posts and bands, a pet's record written by its owner."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients
from tests.detectors.test_patients_as_staff_write import _message_patients

INITIALS_AGE_SEX = [
    "rm 4 RT 72M - new onset confusion, urine dip +ve, started trimethoprim",
    "Bed 11: AB (91 F) found on floor at 03:10, no head injury, for hip x-ray",
    "SR2 GW 58yo M, ?PE, CTPA requested, on treatment dose enoxaparin",
    "Bay C  PN  F 77  pressure ulcer grade 2 heel, repositioning 2 hourly",
    "Pt H.K. 35F - 12/40, pyelonephritis, on IV antibiotics",
]


@pytest.mark.parametrize("text", INITIALS_AGE_SEX)
def test_initials_with_age_and_sex_and_health_on_the_row_are_a_patient(text: str) -> None:
    assert "patient_name" in patients("Overnight summary\n\n" + text + "\n\nThanks"), text


def test_initials_with_age_and_sex_over_a_line_of_their_health() -> None:
    assert "patient_name" in patients("Side room 3 - LM 66M\nC. diff toxin positive, barrier nursing\n")


def test_a_subject_of_initials_age_sex_and_health_over_a_plain_body() -> None:
    assert _message_patients(("subject", "Ward 5 bed 2 RP 68F influenza A positive 03/01"),
                             ("message body", "Heads up as you were on the ward last night.\n\nJen"))
    assert not _message_patients(("subject", "Ward 5 bed 2 - influenza A positive cases this week"),
                                 ("message body", "Heads up as you were on the ward last night.\n\nJen"))


INITIALS_TWINS = [
    # staff initials: no age and sex after them
    "Attendees: RT (chair), AB (Diabetes Nurse Lead), GW (Pharmacy)\nACTION: RT to rerun the sepsis audit",
    "Nights: RT/AB  GW/PN  ???  - dementia experience preferred for the stroke unit",
    # a country's or a currency's figure, a health term's own capitals
    "UK 5M adults live with diabetes, according to the charity",
    "TB 6M regimen: rifampicin and isoniazid for six months",
    "Funding of GBP 12M for cancer services was announced",
]


@pytest.mark.parametrize("text", INITIALS_TWINS)
def test_capitals_and_figures_that_are_no_patients_initials(text: str) -> None:
    assert "patient_name" not in patients(text), text


def test_initials_with_age_in_a_teaching_scenario_are_no_patient() -> None:
    assert not patients("OSCE station 4 (simulated patient)\nCandidate brief: KD 54M, central chest pain for 2 hours")


ATTENDANCE = [
    "Re the A&E attendance number 25/004512 on 14/10/2026: presenting complaint wrist pain after a fall,"
    " x-ray shows a distal radius fracture.",
    "ED attendance no: 7711293\nDiagnosis: concussion, discharged with head injury advice",
    "Casualty card number 2026-88123 - laceration to the forearm, sutured",
]


@pytest.mark.parametrize("text", ATTENDANCE)
def test_an_attendance_number_over_its_health_identifies_the_patient(text: str) -> None:
    assert "hospital_number" in patients(text), text


def test_attendance_figures_are_no_patients_number() -> None:
    assert "hospital_number" not in patients("ED attendance numbers for October: 11,204 - fractures up 4%")


STARTERS = [
    "Priya Example     DOB 14/02/1993   Healthcare Assistant, Band 3   Ward 7   start 01/02/2027",
    "Tom Sample        DOB 30/09/1990   Occupational Therapist, B6     Stroke Unit",
    "Lena Example      DOB 05/05/1985   Band 7   Cardiology   starting 1 March",
]


@pytest.mark.parametrize("row", STARTERS)
def test_a_starters_row_with_a_post_after_the_date_of_birth_is_staff(row: str) -> None:
    text = "Starters for February, set up on ESR please:\n\n" + row + "\n\nThe diabetes training is booked for week 2."
    assert "dob" not in patients(text), row


def test_a_patients_row_with_a_date_of_birth_stays_a_patients() -> None:
    text = "Priya Example   DOB 14/02/1993   Ward 7   admitted with diabetic ketoacidosis, insulin infusion started"
    assert "dob" in patients(text)


def test_a_pets_record_written_by_its_owner_is_no_patients() -> None:
    pet = ("Could I book Rolo in? He's our 7-year-old springer spaniel (DOB 01/05/2019) and was diagnosed with a heart"
           " murmur last year; he's on Vetmedin twice a day and seems breathless on walks.")
    assert not patients(pet)
    # a person's record that only mentions a dog keeps its patient
    person = "Mrs Ann Example, DOB 01/05/1949, diabetes, insulin twice a day; lives alone with her dog."
    assert "dob" in patients(person)
