"""A named person's own condition said plainly is their health whoever they are (a member of
staff, a contractor's worker, an agency's nurse): a colleague's absence with no condition, a
role or a department named for a condition, a course, a duty or an interest stays no one's."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

OWN_CONDITION = [
    # a job or an apposition beside the name does not make the diagnosis a role
    "Our ward clerk, Hettie Example (Band 3), was diagnosed with Crohn's disease over the summer.",
    "The plumber you sent, Mr Lionel Example, has been admitted with a pulmonary embolism.",
    "At the investigation meeting the charge nurse, Mr Barnaby Example, disclosed a long history of bulimia nervosa.",
    # "he" or "she" standing for the person named just before, an absence said first
    "Owen Example is off until further notice - he's got Hodgkin lymphoma.",
    "Kevin Example from the estates team sends his thanks for the flowers.\n\n"
    "He is now 6 weeks post hip replacement and walking with one crutch.",
    # "off with", "sustained"
    "Rota gap - Dr Imelda Example is off with sciatica, probably until February.",
    "Your agency worker Wilhelmina Example sustained a needlestick injury on Ward 2 last night.",
    # a given name alone, the person written in full before; a given name that is a word too after a worker's noun
    "Maya Example from your agency covered Ward 4 last night.\nMaya sustained a needlestick injury at 3am.",
    "Quick update on your plumber\nWill Example: the cardiologists confirmed he had a heart attack.",
    # a job said between commas, or "who", between the name and the verb
    "Della Example, a nurse on Ward 9, has been diagnosed with ovarian cancer.",
    "Gus Example, one of our domestic staff, has had a stroke and is on the acute unit.",
    "The bay was used by Mrs Wenda Example, who has C. diff, until her discharge.",
    # a leaflet given to a patient about their own condition is still theirs
    "Mrs Joan Example was given our leaflet on diabetes after her diagnosis of type 2 diabetes.",
    "Mr Ray Example has been given information about the stroke he had.",
    # a course of treatment gone through or going on, the person named in full before
    "Re Pippa Example's grievance.\n\nPippa completed her radiotherapy for a brain tumour in June.",
    "Ruben Example (Catering Assistant) has finished six cycles of chemotherapy for myeloma.",
    "Bryony Example (Staff Nurse) is still on apixaban, so no manual handling please.",
    "Lewis Example, Porter, is currently receiving dialysis three times a week.",  # a job between commas
    # an absence since a day after an operation of theirs
    "Please check why Hannah Example (Band 4, Pharmacy Technician) is on half pay. She has been off since 3 March"
    " after her knee replacement.",
    "Gemma Example (Band 2, Housekeeper) has been absent since 9 April after a miscarriage.",
    "Please note Tariq Example (Porter) is on a phased return after his heart attack.",
    "Abigail Example, Staff Nurse, is recovering from a hip replacement and asks for day shifts.",
    # an absence said with how long it is for, then the condition; an operation waited for
    "Bernadette Example's been signed off 4 weeks with shingles, so I'm doing her paper round.",
    "Bad news for Saturday: Gethin Example is off sick for a fortnight with gout.",
    "Rhodri's signed off the spring rota already, and Declan Example's waiting on a cataract op so he can't cover.",
]

NOT_OWN_CONDITION = [
    "Declan Example is waiting for the diabetes nurse to confirm the clinic rota.",
    "Declan Example is waiting on the stroke team to sign off his timesheet.",
    "Maya sustained a needlestick injury at 3am, she is fine and back on shift tomorrow.",  # a first name alone
    "Hettie Example is off sick this week, hope she feels better soon.",
    "Hettie Example is our new Diabetes Nurse Specialist from January.",
    "Owen Example has been trained as a Mental Health First Aider.",
    "Dr Imelda Example has diabetes clinic all Monday afternoon, so please book elsewhere.",
    "Kevin Example has a special interest in heart failure and will lead the audit.",
    "Congratulations to Wilhelmina Example, who was shortlisted for the stroke care award.",
    # a job between commas before work of theirs, and a thing made for a condition
    "Della Example, our practice nurse, has developed a new asthma education pack for schools.",
    "Dr Gus Example, who has run the epilepsy clinic since 2012, retires in March.",
    "Wenda Example, a lead nurse, has a special interest in heart failure.",
    "Hettie Example has made a short stroke awareness video for the staff website.",
    "Sarah Example has developed a new diabetes education pack.",
    # a placement or a rotation named for a specialty, a leaflet or a talk on a condition
    "Sarah Example finished her diabetes placement last week and starts on the wards on Monday.",
    "Priya Example has finished her oncology rotation.",
    "Jane Stables has updated our patient leaflet on diabetes.",
    "Dr Omar Example gave a talk about dementia to the carers' group.",
    "Tom Example has had the dementia toolkit printed for every ward.",
    # a course of work, a post, a rota or a relative's operation, not a treatment of theirs
    "Pippa Example has completed her sepsis training and the dementia e-learning.",
    "Ruben Example underwent training in chemotherapy administration last spring.",
    "Bryony Example is currently on secondment to the cancer alliance.",
    "Lorcan Example is still on stroke nights until the new rota starts.",
    "Hannah Example has been off since Monday after her dad's bypass surgery.",
    "Abigail Example, Staff Nurse, has completed her chemotherapy passport.",
    "Tariq Example (Porter) is on a phased return with the diabetes team's admin staff.",
    "Gemma Example was off sick after the dementia conference.",
    # a doctor's or a nurse's rotation through a specialty
    "Dr Farah Example has started in haematology and will cover the Thursday clinic.",
    "Dr Farah Example finished palliative care in July and moves to acute medicine next.",
    "Oscar Example, Staff Nurse, started on cardiology on Monday.",
]


# A list's rows that name people, a job after the name perhaps, and after a dash or a colon
# their own condition or treatment (a reason recorded first perhaps), against rows of their work.
ROWS_OF_OWN_CONDITION = [
    "Staff not jabbed this year:\n\n  Rhys Example, Radiographer   - exempt: on immunosuppressants for Crohn's disease\n"
    "  Lola Example, Cook            - declined\n",
    "Reasons given:\n  Nia Example, Pharmacist: history of anaphylaxis to egg\n  Ken Example, Porter: declined\n",
    "  Dr Ivo Example, SHO - previous Bell's palsy\n  Tess Example, HCA - no reason\n",
]
ROWS_OF_WORK = [
    "  Rhys Example, Radiographer   - on stroke rotation\n  Lola Example, Cook   - on annual leave\n",
    "  Nia Example, Staff Nurse - previous ICU experience\n  Ken Example, HCA - previous stroke unit experience\n",
    "  Ivo Example, HCA - on diabetes study day\n  Tess Example, HCA - on sepsis e-learning\n",
    "  Zoe Example, Registrar - on call for stroke\n  Ian Example, SHO - on call for cardiology\n",
    "Spring allocations:\n\n  Amy Example, Student Nurse - on oncology\n  Ben Example, Student Nurse - on respiratory\n",
]


@pytest.mark.parametrize("text", ROWS_OF_OWN_CONDITION)
def test_a_rows_own_condition_after_a_named_member_of_staff_is_their_health(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", ROWS_OF_WORK)
def test_rows_of_staff_on_a_rotation_a_course_or_call_are_no_ones_health(text: str) -> None:
    assert not patients(text), text


@pytest.mark.parametrize("text", OWN_CONDITION)
def test_a_named_persons_own_condition_said_plainly_is_their_health(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_OWN_CONDITION)
def test_absence_roles_duties_and_news_stay_no_ones_health(text: str) -> None:
    assert not patients(text), text


def test_a_rota_of_names_with_departments_in_brackets_is_no_ones_health() -> None:
    rota = (
        "Week     | Day                          | Night\n"
        "4 Jan    | Ada Brennan (Pharmacy)       | Rhys Morgan (ICU)\n"
        "11 Jan   | Cora Whitfield (Estates)     | Dev Malik (Radiology)\n"
        "18 Jan   | Rhys Morgan (ICU)            | Ada Brennan (Pharmacy)\n"
    )
    assert not patients(rota)
    wardens = "Fire wardens this month: Ada Brennan (Pharmacy), Rhys Morgan (HDU), Cora Whitfield (Estates) and Dev Malik."
    assert not patients(wardens)


def test_a_patient_with_their_unit_in_brackets_is_still_one() -> None:
    assert patients("Mr Rhys Morgan (ICU) - intubated overnight, sedation weaned this morning.")


def test_a_sickness_record_names_the_condition_in_its_reason_field() -> None:
    record = (
        "Return to work interview\n"
        "Employee: Roland Example      Department: Pharmacy      Manager: Jo Sample\n"
        "Reason for absence: Gallstones - laparoscopic cholecystectomy\n"
        "Trigger reached: No\n"
    )
    assert patients(record)


def test_an_occupational_health_referral_reason_that_wraps_names_the_condition() -> None:
    referral = (
        "Occupational health management referral\n"
        "  Name:        Roland Example\n"
        "  Job:         Cook, Band 2\n"
        "  Reason:      Repeated short absences; asks for advice on duties, currently on\n"
        "               amitriptyline from his GP.\n"
    )
    assert patients(referral)


def test_an_absence_record_with_no_condition_is_no_ones_health() -> None:
    record = (
        "Employee: Roland Example      Department: Pharmacy\n"
        "Reason for absence: Annual leave carried over\n"
        "Reason: Diabetes awareness course attendance\n"
    )
    assert not patients(record)


def test_a_sickness_sheets_reasons_beside_its_employees_are_their_health() -> None:
    sheet = (
        "Employee\tTeam\tFrom\tDays\tAbsence reason\n"
        "Lucy Fenwick\tPathology\t03/02/2027\t2\tChest infection\n"
        "Aaron Blackwood\tPathology\t10/02/2027\t14\tSciatica\n"
        "Megan Thorpe\tPharmacy\t11/02/2027\t1\tChild unwell\n"
        "Iain Crawford\tEstates\t15/02/2027\t30\tDepression\n"
    )
    assert patients(sheet, tabular=True)


def test_a_sickness_sheet_whose_reasons_name_no_condition_is_no_ones_health() -> None:
    sheet = (
        "Employee\tTeam\tFrom\tDays\tAbsence reason\n"
        "Lucy Fenwick\tPathology\t03/02/2027\t2\tCarer's leave\n"
        "Aaron Blackwood\tStroke Unit\t10/02/2027\t14\tJury service\n"
        "Megan Thorpe\tDiabetes Centre\t11/02/2027\t1\tChild unwell\n"
    )
    assert not patients(sheet, tabular=True)
