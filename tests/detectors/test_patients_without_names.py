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


THREAD_BODY = ("Result is back: superficial basal cell carcinoma, completely excised, margins clear. Could you let"
               " her know she doesn't need to come back?\n\nThanks\nAmir")


@pytest.mark.parametrize("subject", [
    "RE: KX4471093 - skin biopsy",
    "Fw: RE: M5520184",
    "Skin biopsy - KX4471093",
])
def test_a_hospital_number_the_thread_is_kept_under_with_a_note_of_their_health(subject: str) -> None:
    """The subject holds the patient's hospital number in place of their name; the short body
    says their health ("let her know"): the mail is about that patient."""
    assert _message_patients(("subject", subject), ("message body", THREAD_BODY)), subject


@pytest.mark.parametrize("subject", [
    "PO KX4471093 - outstanding lines",  # an order's number, its label before it
    "Order no: KX4471093 - skin biopsy punches",
    "INC0448213 - skin biopsy request form won't print",  # a service desk's ticket
    "RE: KX4471093 - biopsy training slides",  # words of work after it
])
def test_a_number_in_a_subject_that_is_a_business_reference_names_no_patient(subject: str) -> None:
    assert not _message_patients(("subject", subject), ("message body", THREAD_BODY)), subject


def test_a_hospital_number_subject_over_a_mail_of_stock_names_no_patient() -> None:
    stock = ("Chasing the open lines: K220391 catheter packs x 40 and M0081124 insulin pen needles x 25 - the"
             " diabetes unit is running low, any ETA?\n\nThanks\nProcurement")
    assert not _message_patients(("subject", "RE: RX5561208 - outstanding lines"), ("message body", stock))


SENT_HOME = [
    "Please could you arrange delivery of a riser-recliner chair and a commode to:\n"
    "Flat 12, 8 Example Crescent, Leeds LS9 8QT\n"
    "Gentleman has advanced COPD and is now on home oxygen, so please ring before you come.",
    "Can you send the replacement dressings to:\n4 Sample Lane, Halifax HX3 6PN\n"
    "She has a grade 3 pressure ulcer on her sacrum and the district nurses visit daily.",
]


@pytest.mark.parametrize("text", SENT_HOME)
def test_a_home_that_care_is_sent_to_with_the_health_of_the_one_living_there(text: str) -> None:
    assert "name_address" in patients("Hi Paul,\n\n" + text + "\n\nThanks,\nCommunity Equipment Service"), text


@pytest.mark.parametrize("text", [
    # the place is a service's, or nobody's health is said of a person after it
    "Please could you arrange delivery of twelve chairs to:\n8 Example Crescent, Leeds LS9 8QT\n"
    "The new COPD clinic opens there in March and will run on Tuesdays.",
    "Please send the leaflets to:\nUnit 4, 8 Example Crescent, Leeds LS9 8QT\n"
    "She will hand them out at the diabetes education sessions.",
    "The memory clinic will move to 8 Example Crescent, Leeds LS9 8QT from January. Patients with dementia who"
    " have appointments will get a letter.",
])
def test_an_address_things_are_sent_to_with_no_ones_health_there(text: str) -> None:
    assert "name_address" not in patients("Hi Paul,\n\n" + text + "\n\nThanks"), text


@pytest.mark.parametrize("text", [
    "One of our patients didn't get her results letter. Her email is r.example1972@yahoo.co.uk and it was her"
    " positive chlamydia result, so please check for bounces.",
    "The patient's email address: tom.sample88@gmail.com - he asked for the letter about his new diagnosis of"
    " type 2 diabetes to go there.",
])
def test_a_patients_own_mailbox_given_with_their_health(text: str) -> None:
    assert patients("Hello,\n\n" + text + "\n\nThanks\nPractice Manager") == {"contact": 1}, text


@pytest.mark.parametrize("text", [
    # a colleague's mailbox, the health words a course's or a post's
    "Her email is r.example1972@yahoo.co.uk if you want to invite her to speak at the diabetes conference.",
    "The practice's email is example.surgery@gmail.com and the chlamydia screening leaflets can go there.",
    # the mailbox of the service, no one's given as theirs
    "Results queries: r.example1972@yahoo.co.uk. Chlamydia results take 10 days.",
])
def test_a_mailbox_that_is_not_given_as_a_patients_own(text: str) -> None:
    assert "contact" not in patients("Hello,\n\n" + text + "\n\nThanks\nPractice Manager"), text


@pytest.mark.parametrize("text", [
    "Please add this car to the exemption list.\n\nCar registration: LB68 TWN\n"
    "Reason: patient attends for haemodialysis three times a week on the renal unit.",
    "Vehicle reg - R482 KDE. He comes in daily for radiotherapy for his prostate cancer until 20 March.",
])
def test_a_vehicle_registration_with_the_health_of_the_one_who_comes_in_it(text: str) -> None:
    assert patients("Hi,\n\n" + text + "\n\nThanks\nReception") == {"vehicle": 1}, text


@pytest.mark.parametrize("text", [
    "Please update my permit: new car registration: LB68 TWN. I work on the Renal Dialysis Unit, 8-4.",
    "Vehicle reg: LB68 TWN. The radiotherapy department's pool car needs its MOT booked.",
    "I've changed my car from LB68 TWN to YF70 HNM; she is the new oncology nurse on the day unit.",
])
def test_a_vehicle_registration_with_no_ones_health(text: str) -> None:
    assert "vehicle" not in patients("Hi,\n\n" + text + "\n\nThanks"), text


@pytest.mark.parametrize("text", [
    "Another case for the audit: date of death 03/02/2027, aged 71, registered at Example Lane Surgery. MCCD"
    " 1a: hypoxic brain injury, 1b: cardiac arrest, 2: COPD.",
    "The gentleman died at home on 9 January 2027, a 64-year-old on the palliative register with mesothelioma.",
])
def test_an_unnamed_death_by_its_day_and_age_with_its_cause(text: str) -> None:
    assert patients("Hi Owen,\n\n" + text + "\n\nRegards") == {"name_age": 1}, text


@pytest.mark.parametrize("text", [
    # deaths counted, no day of one; a colleague's obituary; a day of death with no age
    "Deaths in 2026 by cause: cancer 61, dementia 31 (aged 65 and over), circulatory disease 48.",
    "Our former colleague Ann Sample, retired ward sister, died on 3 February 2027, aged 81, after a long"
    " illness with dementia.",
    "Date of death 03/02/2027 - please make sure the cancer registry entry is closed.",
])
def test_deaths_with_no_one_by_a_day_and_age(text: str) -> None:
    assert "name_age" not in patients("Hi Owen,\n\n" + text + "\n\nRegards"), text


@pytest.mark.parametrize("text", [
    "Off the record, the vicar of St Example's in Horsforth came in on Sunday with a heart attack and is on CCU.",
    "Just so you know, the headmistress at Example Grange School was admitted last week with acute appendicitis.",
])
def test_one_person_by_the_post_they_hold_at_a_named_place_with_their_health(text: str) -> None:
    assert patients("Hi Jo,\n\n" + text + "\n\nMartin") == {"patient_name": 1}, text


@pytest.mark.parametrize("text", [
    "The headteacher of St Example's Primary says three pupils have chickenpox this week.",
    "The vicar of St Example's will take the funeral of the lady who died of ovarian cancer.",
    "The headteacher of St Example's Primary has asked for a talk on asthma for the staff.",
    "If the vicar of St Example's has diabetes he may want to join the walking group.",
    "The manager of Example Care Home was admitted with a stroke.",  # a place has several managers
])
def test_a_post_at_a_named_place_with_no_health_of_its_holder(text: str) -> None:
    assert "patient_name" not in patients("Hi Jo,\n\n" + text + "\n\nMartin"), text


@pytest.mark.parametrize("text", [
    "We admitted the 52-year-old taxi driver from Keighley overnight with a ruptured aortic aneurysm.",
    "The cyclist knocked off in the Example Road crash on Friday is on our ICU. She has a fractured skull and a"
    " collapsed lung.",
])
def test_the_writers_own_patient_described_so_the_reader_knows_who(text: str) -> None:
    assert patients("Hi Jo,\n\n" + text + "\n\nH") == {"patient_name": 1}, text


@pytest.mark.parametrize("text", [
    # no word of the writer's own care: news read, passed on
    "Saw this in the paper: the cyclist knocked off in the Example Road crash on Friday has a fractured skull.",
    # a case told by age and sex only
    "We admitted a 52-year-old man from Keighley overnight with a ruptured aortic aneurysm.",
    "We admitted the 52-year-old from the case study with a ruptured aortic aneurysm in the simulation.",
])
def test_a_description_that_is_no_own_patient_known_to_the_reader(text: str) -> None:
    assert "patient_name" not in patients("Hi Jo,\n\n" + text + "\n\nH"), text
