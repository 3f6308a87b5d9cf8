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
    # where they were seen, right after the sex
    "KT 62M from Monday's clinic (the bus driver with the cough) - CT showed a lung mass, 2ww referral sent",
]


@pytest.mark.parametrize("text", INITIALS_AGE_SEX)
def test_initials_with_age_and_sex_and_health_on_the_row_are_a_patient(text: str) -> None:
    assert "name_age" in patients("Overnight summary\n\n" + text + "\n\nThanks"), text


def test_initials_with_age_and_sex_over_a_line_of_their_health() -> None:
    assert "name_age" in patients("Side room 3 - LM 66M\nC. diff toxin positive, barrier nursing\n")


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
    # a period's figure: follow-up in months, a rolling count
    "Plan: FU 3M in the heart failure clinic with a repeat echo",
    "MRSA bacteraemia, R 12M rolling: 4 cases; CDI 12M total: 19",
    "Clinic outcome - OPD 6M review of the psoriasis",
    # a document's code, its capitals run on into the letter read as a sex ("HTM 03-01")
    "> All surfaces to withstand 1,000ppm chlorine (C. diff / norovirus protocol),\n"
    "> basins to HBN 00-10 with no overflow. Dust control per HTM 03-01.",
]


@pytest.mark.parametrize("text", INITIALS_TWINS)
def test_capitals_and_figures_that_are_no_patients_initials(text: str) -> None:
    assert not patients(text), text


def test_initials_with_age_in_a_teaching_scenario_are_no_patient() -> None:
    assert not patients("OSCE station 4 (simulated patient)\nCandidate brief: KD 54M, central chest pain for 2 hours")


BEDS_ON_A_DAY = [
    "Ward 31 bed 6, 14/11 - category 4 pressure ulcer on the left heel, dressing changed",
    "Photo: ward 8 side room 2 (2nd Oct) - cellulitis spreading past the marked line",
    "Ward 4 Bay 1 Bed 3 - 05.01.27 - C. diff toxin positive, terminal clean after discharge",
]


@pytest.mark.parametrize("text", BEDS_ON_A_DAY)
def test_a_wards_bed_on_a_day_with_its_finding_is_a_patient(text: str) -> None:
    assert "bed_day" in patients("Hi Sam,\n\n" + text + "\n\nThanks"), text


BED_TWINS = [
    "Ward 31 bed 6, 14/11 - the call bell and the bed rail are broken, please repair",
    "Ward 31 bed 6 - category 4 pressure ulcer on the left heel, dressing changed",  # no day: a bed's now
    "Ward 31 has 6 beds free on 14/11 for the pressure ulcer prevention pilot",
]


@pytest.mark.parametrize("text", BED_TWINS)
def test_a_wards_bed_without_a_day_or_a_finding_is_no_patient(text: str) -> None:
    assert "bed_day" not in patients("Hi Sam,\n\n" + text + "\n\nThanks"), text


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
    # a nurse's visits starting on a day are the patient's care, not a post
    text = "Mrs Priya Example   DOB 14/02/1943 - District Nurse visits starting 4 Jan for leg ulcer dressings"
    assert "dob" in patients(text)


def test_a_pets_record_written_by_its_owner_is_no_patients() -> None:
    pet = ("Could I book Rolo in? He's our 7-year-old springer spaniel (DOB 01/05/2019) and was diagnosed with a heart"
           " murmur last year; he's on Vetmedin twice a day and seems breathless on walks.")
    assert not patients(pet)
    # a person's record that only mentions a dog keeps its patient
    person = "Mrs Ann Example, DOB 01/05/1949, diabetes, insulin twice a day; lives alone with her dog."
    assert "dob" in patients(person)


WRAPPED_LETTER = (
    "Dear Mr Example,\n\nThank you for getting in touch, and I understand how worrying this has been.\n\n"
    "I can confirm that your father, who is on Ward 7 in the side room by the desk,\n"
    "became unwell during the night on Tuesday 3 March. He was seen by the registrar\n"
    "and a chest X-ray showed pneumonia of the right lower lobe, so he has started\n"
    "on intravenous antibiotics.\n\nKind regards\nSister Ann Sample\n"
)


def test_a_relative_of_the_reader_in_a_hard_wrapped_letter() -> None:
    """The letter's lines wrap mid-sentence: its two sentences about the reader's relative run
    over four lines, and the health said in the second is still theirs."""
    assert "patient_name" in patients(WRAPPED_LETTER)
    # health said a third sentence on, of no one: past the two sentences read for the relative
    visiting = WRAPPED_LETTER.replace(
        "He was seen by the registrar\nand a chest X-ray showed pneumonia of the right lower lobe, so he has started\n"
        "on intravenous antibiotics.", "Visiting is from 2pm to 8pm, and parking\nis free after 6pm. The ward's leaflet"
        " on pneumonia vaccination is at the desk.")
    assert "patient_name" not in patients(visiting)


CHILD_BY_GIVEN_NAME = [
    "Following our meeting, Isla in Year 5 has been diagnosed with type 1 diabetes and is now on insulin.",
    "Just to let you know Kai (Yr 2) was started on a salbutamol inhaler for asthma by his GP this week.",
    "As agreed, Poppy, Year 8, has been referred to CAMHS for anxiety and low mood.",
    # the year first, the child's given name after it; what is said of her in the lines below
    "A short update on the Year 9 girl we talked about on Tuesday, Maisie. Seen with dad today.\n\n"
    "- she has been self-harming again, cuts to both arms\n- started on sertraline by the GP",
    "The Year 4 boy called Alfie had a seizure at lunch; he is on levetiracetam.",
    # the teacher's class between the name and the year; the health in the sentence after, of "she"
    "Freya in Mr Patel's class (Year 3) is staying for the after-school club. She has coeliac disease and must not"
    " have the gluten snacks.",
]


@pytest.mark.parametrize("text", CHILD_BY_GIVEN_NAME)
def test_a_child_by_given_name_and_school_year_with_their_health(text: str) -> None:
    assert "patient_name" in patients("Dear Mr Sample,\n\n" + text + "\n\nBest wishes\nSchool Nursing Team"), text


CHILD_TWINS = [
    "Well done to Isla in Year 5 who ran the 5k for the diabetes charity on Saturday.",
    "Our Year 5 team will run the asthma awareness assembly next week.",
    "Miss Isla in Year 5 leads the epilepsy training for staff.",  # a teacher, titled
    "Isla in Year 5 team has organised the mental health awareness week.",
    "The Year 6 pupils, Isla and Kai, won the diabetes charity quiz for the school.",
    "The Year 9 girl who won, Maisie, gave a talk on mental health awareness week.",
    # the sentence after tells of the child's school work, or of someone else's health
    "Freya in Mr Patel's class (Year 3) won the poster prize. Her poster was on asthma.",
    "Kai (Year 4) helps in the library. His sister has diabetes.",
    "Kai (Year 4) helps in the library. He lives with his nan, who has dementia.",
]


@pytest.mark.parametrize("text", CHILD_TWINS)
def test_a_given_name_with_a_school_year_and_no_health_of_theirs(text: str) -> None:
    assert not patients("Dear Mr Sample,\n\n" + text + "\n\nBest wishes\nSchool Nursing Team"), text


def test_a_course_attendance_number_is_no_patients() -> None:
    text = "Attendance ref: MHFA-20331 for the Mental Health First Aid course on 12 March, 4 delegates."
    assert "hospital_number" not in patients(text)


AGED_AT_POSTCODE = [
    "Possible participant: a 41-year-old woman living at LS11 5BQ, diagnosed with Fabry disease in 2020, on enzyme replacement.",
    "78 yo man from BD9 6RJ, known COPD, admitted overnight with a chest infection.",
]


@pytest.mark.parametrize("text", AGED_AT_POSTCODE)
def test_an_unnamed_person_by_age_sex_and_full_postcode_with_their_health(text: str) -> None:
    assert patients(text) == {"name_address": 1}, text


@pytest.mark.parametrize("text", [
    "A 41-year-old woman from the LS11 area asked about the Fabry disease support group.",  # a district: thousands
    "Our 41-year-old building at LS11 5BQ needs a new boiler before the diabetes clinic opens.",
    "The practice at LS11 5BQ runs the COPD clinic for men over 40 on Tuesdays.",
])
def test_a_postcode_without_one_persons_age_and_sex_names_no_one(text: str) -> None:
    assert "name_address" not in patients(text), text
