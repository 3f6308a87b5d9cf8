"""Patients named as hospital systems and staff write the names of every community (a family
name first in capitals, three-part names, particles, Begum and Bibi, letters beyond ASCII),
beside their health: an appointment letter to its addressee, a test's outcome said as the
reader's, a titled name and age whose care follows in the next paragraph, a visit's outcome
listed under it, a bed in Welsh; and the same kinds of names in mail of no patient (a
translation's or a print run's titles, a member of staff, a speaker, an interpreter)."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients, terms

HELD = [
    # an appointment letter's field names the clinic; the letter tells its reader of their appointment
    "Dear Mr OKAFOR Chidi,\n\nYour new appointment is shown below.\n\nService:   Memory Assessment Service\n"
    "Date:      4 March 2027, 10:15\nVenue:     Outpatients, Level 1",
    "Dear Mrs AL-RASHID Samira,\n\nWe are writing to confirm your appointment.\n\n"
    "Clinic:  Heart Failure Clinic (Cardiology, Level 3)\nDate:    Monday 12 April 2027, 14:30",
    # a test's outcome said as the reader's, right before the test
    "Dear Mr TRAN Van Duc,\n\nWe need to go through your borderline bowel cancer screening result with you.",
    "Dear Ms Amina Warsame,\n\nThis letter follows up your positive chlamydia test from the clinic on 2 May.",
    # a bed in Welsh; where the patient lies as its own sentence, what is wrong in the next
    "Annwyl Mr Rhys,\n\nDyma'r newyddion am eich mam, Mrs Eirlys Parry (Gwely 7, Ward Dyfi).\n\n"
    "Mae ganddi niwmonia ac mae hi ar ocsigen.",
    "Mrs Grace Adebayo (Bed 9, Ward Conwy).\nThe chest X-ray shows a pneumonia at the left base.",
    # a relative named after Welsh "eich" (your), "ganddi" (she has) then what is wrong
    "Annwyl Gareth,\n\nMae eich mam, Mrs Olwen Pritchard, yn yr uned strôc ers dydd Llun. Mae ganddi niwmonia hefyd.",
    # a titled name and a bare age open a note; their care is the next paragraph
    "Mrs Parisa KARIMI, 58, lives alone in Otley with her cat. Speaks Farsi; her son translates.\n\n"
    "Left hip replacement 2/11. Discharged from our physio today. Had a DVT scan last week, negative.",
    "Mrs Nasreen Bibi, 64, widowed, lives in Bradford with her sister.\n\n"
    "New diagnosis of type 2 diabetes, started metformin. Review in clinic in 3 months.",
    # a titled person's visit of care, then what came of it listed under its own line
    "Hi Sam,\n\nMany thanks for bringing Mr Dawit Haile Berhe (Flat 3, Example Court) to his appointment today.\n\n"
    "Plan agreed at the review with Dr Osei:\n- Bipolar disorder, currently stable.\n- Lithium level next week.\n\n"
    "Best wishes",
    "Hi Jo,\n\nMrs Khadija bint Salem came to clinic this morning with her niece.\n\nOutcome of today's review:\n"
    "- Rheumatoid arthritis flare, methotrexate increased.\n- Bloods in two weeks.",
]

NOT_HELD = [
    # a visit of business; a greeting that names no one
    "Dear Mr OKAFOR Chidi,\n\nThank you for your application. Details of your interview appointment are below.\n\n"
    "Department:  Diabetes Centre\nDate:        4 March 2027, 10:15",
    "Dear Colleague,\n\nYour appointment is below.\n\nClinic: Heart Failure Clinic",
    # papers' titles: any reader's "your"
    "Dear Ms Mei Chen,\n\nPlease could you quote for translating the leaflets below into Polish and Urdu?\n\n"
    "1. Looking after your stoma (2,100 words)\n2. Recovering from your hip replacement (1,300 words)\n"
    "3. Your first chemotherapy session\n\nThanks",
    "Dear Mrs Nasreen Akhtar,\n\nThe print run for these booklets is approved:\n- Your chemotherapy: a guide\n"
    "- Managing your diabetes during Ramadan\n- Your stay on the maternity unit",
    # a bed, then another's business in the next sentence
    "Please take the spare commode to Mr Idris Rowlands (Gwely 7). The diabetes team will visit at 2.",
    "Collect the pressure cushion from Mr Idris Rowlands (bed 7, Ward Dyfi). Dr Ahmed has pneumonia teaching at 2.",
    "Annwyl Gareth,\n\nDiolch i eich mam, Mrs Olwen Pritchard, am wirfoddoli yn y caffi. Mae hi'n codi arian i'r "
    "uned strôc.",
    # a titled name and an age: a member of staff, a speaker, an interpreter
    "Mrs Parisa KARIMI, 58, joins us on Monday as our new ward manager.\n\n"
    "She was previously on the stroke unit at Leeds. Please make her welcome.",
    "Mrs Parisa KARIMI, 58, is our speaker on Tuesday.\n\n"
    "Her talk covers hip replacement outcomes and the DVT scan audit. Please book via the clinic office.",
    "Mr Łukasz Wiśniewski, 44, Polish and Russian interpreter.\n\n"
    "Available for the cancer clinic on Tuesdays; please book him through the interpreting office.",
    # an interpreter by the label before their title; a doctor on a rota, family name first
    "Interpreter: Ms Ioana Munteanu (Romanian), booked for the lymphoma clinic on 9 June.",
    "OKONKWO, Chidi (Dr) - ST5 Diabetes - long day Sunday.",
    "Rota for w/c 8 March:\nOKONKWO, Chidi (Dr) - ST5 Diabetes - long day Sunday\nPATEL, Hansa (Sister) - Stroke unit - nights",
    # a visit that is no one's care, or a clinician's and a colleague's
    "Many thanks for bringing Mr Dawit Haile Berhe to the clinic open day.\n\nOutcome of the review:\n"
    "- Diabetes clinic moves to Tuesdays.",
    "Thanks for bringing Mr Dawit Haile Berhe to the meeting at the clinic today.\n\nOutcome of the review:\n"
    "- Bipolar disorder pathway to be rewritten.",
    "Dr Amira Al-Sayed will be in clinic today with Mr Tomasz Nowak, our new charge nurse.\n\n"
    "Plan for the review:\n- Dementia screening audit",
]


@pytest.mark.parametrize("text", HELD)
def test_a_patient_named_as_every_community_writes_names_beside_their_health(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_HELD)
def test_the_same_kinds_of_names_in_mail_of_no_patient(text: str) -> None:
    assert not patients(text), text


@pytest.mark.parametrize("text", ["niwmonia", "llid yr ysgyfaint", "haint ar y frest", "deliriwm"])
def test_welsh_words_of_illness_are_health_terms(text: str) -> None:
    assert terms(text), text
