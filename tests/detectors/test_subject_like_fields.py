"""A subject-like line that names a person and what is wrong with them: the Subject, and
the fields that say what a mail or a file is about as a Subject does (Outlook's
Thread-Topic, Keywords, a tool's X-Patient, an attachment's Content-Description and its
file name), with prefixes and topics around the name. Each held case has its twins: a
member of staff's work, an event, a fundraiser, a topic. And a clinic's list of names
with their appointment times, under the clinic's name, against a rota of staff."""

from __future__ import annotations

import pytest

from dlpgate.detectors import health_terms
from dlpgate.types import DetectorContext, ParsedMessage, Segment
from tests.detectors.test_health_terms import CONFIG

DETECTOR = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
SHORT = "Hi, as discussed - see below. Thanks"


def patient_at(*segments: tuple[str, str]) -> set[str]:
    """Where the detector finds a patient identified in the message made of ``segments``
    ((where, text) pairs)."""
    msg = ParsedMessage(segments=tuple(Segment(text, where) for where, text in segments))
    return {f.where for f in DETECTOR.detect(msg) if f.kind == "patient_identifier"}


FIELDS_NAMING_A_PATIENT = [
    # the name led by a prefix or a topic, a title or none, the health after a dash or in brackets
    ("subject", "Urgent: Jacqueline Example - bipolar disorder relapse, detained s2"),
    ("subject", "Tenancy review - Arthur Example - dementia with Lewy bodies"),
    ("subject", "Kwame Example (sickle cell crisis) - fit note"),
    ("subject", "Referral for Mrs Jane Example - COPD exacerbation"),
    ("subject", "RE: Discharge letter - Mrs Sinead Example - HIV viral load results"),
    ("subject", "Jacqueline Example, bipolar disorder relapse"),
    ("subject", "Cover letter - Jane Example - dementia referral"),
    ("subject", "Sarah Porter - bipolar disorder relapse"),  # a family name that is a job's word
    # a result first, then whose ("Abnormal result: ... - Name"), as a lab's system writes it
    ("subject", "Critical result: potassium 6.9 mmol/L - Edwin Example"),
    ("attached message > subject", "Abnormal result: HbA1c 88 mmol/mol - Jane Example"),
    # the same in the other fields that say what a mail is about
    ("header Thread-Topic", "Thread Topic: Jacqueline Example - bipolar disorder relapse, detained s2"),
    ("header Thread-Topic", "Thread Topic: Mrs Amira Example - schizophrenia relapse"),
    ("header Keywords", "Keywords: referral; Jacqueline Example; bipolar disorder"),
    ("header X-Patient", "X Patient: Mrs Jacqueline Example - bipolar disorder"),
    ("header Thread-Topic", "Thread Topic: Lab alert: Hb 68 g/L - Mrs Rosa Example"),
    ("header X-Original-Subject", "X Original Subject: FW: Arthur Example - dementia with Lewy bodies"),
    # ... or a file is about: its part's description, its name (as words: " - " is a run of spaces)
    ("attachment letter.pdf, header Content-Description",
     "Content Description: Discharge letter - Arthur Example - dementia with Lewy bodies"),
    ("file name of attachment x.docx", "Kwame Example   sickle cell crisis admission summary.docx"),
    ("file name of attachment x.pdf", "Mrs Sinead Example   HIV viral load results.pdf"),
    ("file name of attachment x.pdf", "Sinead Example \u2013 HIV viral load results.pdf"),
    ("file name of attachment notes.zip > x.pdf", "Arthur Example   dementia with Lewy bodies.pdf"),
]


@pytest.mark.parametrize(("where", "text"), FIELDS_NAMING_A_PATIENT)
def test_a_subject_like_field_that_names_a_patient_and_their_health(where: str, text: str) -> None:
    assert patient_at((where, text), ("message body", SHORT)) == {where}


NAMES_NO_PATIENT = [
    # staff named with a specialty or a service: their cover, leave, role, welcome
    ("subject", "Dr Amy Example - diabetes clinic cover"),
    ("subject", "Amy Example - diabetes clinic cover"),
    ("subject", "Cover: Amy Example - diabetes clinic"),
    ("subject", "Leave request - Jo Example"),
    ("subject", "Leave request - Jo Example - hospital appointment re diabetes"),
    ("subject", "Welcome Sarah Example, diabetes nurse specialist"),
    ("subject", "Welcome to the team: Sarah Example, diabetes nurse specialist"),
    ("subject", "Sarah Example - diabetes nurse"),
    ("subject", "Jane Example - Parkinson's nurse"),
    ("subject", "Jane Example - stroke consultant"),
    ("subject", "Sarah Example - lead nurse, dementia"),
    ("subject", "Jane Example - Cancer Nurse Specialist - annual leave"),
    ("subject", "Jane Example - HIV Prevention Officer"),
    ("subject", "Introducing Jane Example, our new dementia lead"),
    ("subject", "Tenancy review - Arthur Example"),  # no health at all
    # a level a service sets, a leaflet on a result, a result's audit, before a name
    ("subject", "Potassium 6.0 mmol/L alert threshold - Jane Example"),
    ("subject", "FW: HbA1c 48 mmol/mol or above - Jane Example"),
    ("subject", "Vitamin D 50 nmol/L leaflet - Jane Example"),
    ("subject", "HbA1c 48 mmol/mol audit - Jane Example"),
    # speakers, events, fundraisers, a person's work or its papers
    ("subject", "Dementia conference - speakers: Jane Example - living well with dementia"),
    ("subject", "Speaker: Jane Example - living with MS"),
    ("subject", "Presentation by Mrs Jane Example - dementia"),
    ("subject", "Sarah Example - running for Parkinson's UK"),
    ("subject", "Sponsor me! Sarah Example - London Marathon for Alzheimer's Society"),
    ("subject", "Fwd: Jane Example - HIV webinar recording"),
    ("subject", "Obituary: Jane Example - pioneer of stroke care"),
    ("subject", "Congratulations Jane Example - diabetes award"),
    ("subject", "John Example - MRSA screening training slides"),
    ("subject", "Amy Example - asthma audit results"),
    ("subject", "Amy Example - stroke pathway draft v2"),
    ("subject", "Abstract: Jane Example - outcomes in heart failure"),
    ("subject", "Interview schedule - Jane Example - dementia nurse post"),
    # a session of learning a surgeon (titled Mr or Miss) gives
    ("subject", "Lunch & learn - Mr Obi - breast reconstruction"),
    ("subject", "Grand round \u2013 Miss Example \u2013 ovarian cancer"),
    ("subject", "Journal club: Mr Example - prostate cancer"),
    ("subject", "Jane Example - Dementia Care Mapping certificate"),
    # whose class, an organisation or a charity named like a person
    ("subject", "Mrs Example's class - chickenpox outbreak"),
    ("subject", "Sue Ryder - dementia care"),
    ("subject", "Florence Health - dementia platform demo"),
    # the other fields: the same readings
    ("header Thread-Topic", "Thread Topic: Amy Example - diabetes clinic cover"),
    ("header Keywords", "Keywords: dementia, Alzheimer's, memory, carers"),
    ("header X-Patient", "X Patient: Dr Amy Example - oncology"),
    ("header X-Mailer", "X Mailer: Jane Example - HIV viral load results"),  # no field of what the mail is about
    ("file name of attachment x.pdf", "Sarah Example   diabetes nurse specialist CV.pdf"),
    ("file name of attachment x.pptx", "Amy Example   HIV PrEP slides.pptx"),
    ("file name of attachment x.pdf", "Jane Example   breast cancer survivor story.pdf"),
    ("file name of attachment x.docx", "Grace Example   dementia strategy 2024.docx"),
    ("file name of attachment x.pptx", "Jane Example   Asthma (Lecture 3).pptx"),
]


@pytest.mark.parametrize(("where", "text"), NAMES_NO_PATIENT)
def test_subject_like_field_twins_name_no_patient(where: str, text: str) -> None:
    assert patient_at((where, text), ("message body", SHORT)) == set(), text


@pytest.mark.parametrize(("subject", "body"), [
    ("Lunch & learn - Mr Obi - breast reconstruction", "Mr Obi on breast reconstruction after mastectomy: DIEP vs "
     "implant. He has done 200 DIEP flaps. Lunch kindly sponsored."),
    ("Grand round \u2013 Miss Example \u2013 ovarian cancer", "Miss Example will present on ovarian cancer surgery. She "
     "has started a new trial."),
])
def test_a_surgeons_talk_named_in_the_subject_is_no_patients_health(subject: str, body: str) -> None:
    assert patient_at(("subject", subject), ("message body", body)) == set(), subject


# A letter's own subject line in its text, "Re" first on a line with or without its colon:
# the name, then what of their health after a dash, as a subject line says it.
@pytest.mark.parametrize(("body", "held"), [
    ("Kelvin,\n\nRe Danielle Example - thanks for taking her on. Summary: anorexia nervosa, BMI 14.8 at discharge, "
     "QTc 470 on citalopram so we swapped to mirtazapine.\n\nImogen", True),
    ("Kelvin,\n\n> RE: Danielle Example - anorexia nervosa, BMI 14.8 at discharge.", True),
    ("Kelvin,\n\nRegarding Danielle Example - anorexia nervosa, BMI 14.8 at discharge.", True),
    ("Re Danielle Example - anorexia nervosa, BMI 14.8 at discharge.", True),
    ("Kelvin,\n\nRe Jane Example - she will present the anorexia nervosa audit at the study day.", False),
    ("Kelvin,\n\nRe Jane Example - eating disorders nurse specialist post, interview Friday.", False),
    ("Kelvin,\n\nRe Diabetes UK - their newsletter on type 2 diabetes.", False),
])
def test_a_letters_own_re_line_in_its_text(body: str, held: bool) -> None:
    assert patient_at(("subject", "Handover re our mutual patient"), ("message body", body)) == (
        {"message body"} if held else set()), body


def test_a_mails_fields_are_a_notes_over_a_short_body_a_files_are_its_own() -> None:
    long_body = "The ward round is at ten; the bed state is on the board. " * 60
    subject = ("header Thread-Topic", "Thread Topic: Jacqueline Example - bipolar disorder relapse")
    assert patient_at(subject, ("message body", long_body)) == set()
    named = ("file name of attachment x.pdf", "Mrs Sinead Example   HIV viral load results.pdf")
    assert patient_at(named, ("message body", long_body)) == {named[0]}


def appointments(intro: str, rows: str) -> str:
    return f"Dear all,\n\n{intro}\n\n{rows}\nPlease bring a list of your current medication.\n"


SLOTS = "09:00  Gareth Example\n09:20  Chioma Okafor\n09:40  Bernadette Example\n10:00  Anita Example\n"


@pytest.mark.parametrize("text", [
    appointments("Please see the appointment times for Thursday's Memory Assessment Clinic at\nHillcrest Hospital below.",
                 SLOTS),
    "HIV clinic Tuesday 4 June:\n09:00 - Mrs Anita Example (new)\n09:30 - Derek Example\n10:00 - Sian Example (follow-up)\n",
    "Appointments for the Autism Assessment Service on 12 July:\n\n9.30am Tyler Example\n11.00am Amelia Example\n",
    "Dementia assessment clinic list, Monday\n10:00 Gareth Example\n10:45 Chioma Okafor\n",
])
def test_a_clinic_list_of_names_with_their_times_names_its_patients(text: str) -> None:
    assert patient_at(("message body", text)) == {"message body"}


@pytest.mark.parametrize("text", [
    # a rota of the clinic's staff: its words, a heading, a role on a row
    "Memory Assessment Clinic rota - Thursday\n\n09:00  Gareth Example\n13:00  Chioma Okafor\n",
    "Memory Assessment Clinic - Thursday session\nSession lead and cover:\n09:00  Gareth Example\n13:00  Chioma Okafor\n",
    "HIV clinic on call this week:\n08:00 Gareth Example\n20:00 Chioma Okafor\n",
    "Memory Assessment Clinic Thursday\nClinicians:\n09:00  Gareth Example\n13:00  Chioma Okafor\n",
    "Memory Assessment Clinic Thursday\n09:00  Gareth Example (session lead)\n13:00  Chioma Okafor (HCA)\n",
    # an event's programme, interviews, training, a board's agenda
    "Dementia conference programme\n09:00 Gareth Example - welcome\n09:20 Chioma Okafor - keynote\n",
    "Dementia Service interviews, Band 6 post:\n09:00 Gareth Example\n09:45 Chioma Okafor\n",
    "Stroke Service training day\n09:00 Gareth Example\n10:00 Chioma Okafor\n",
    "Board of Directors, 3 June. Cancer services update.\n\n09:00 Gareth Example\n09:20 Chioma Okafor\n",
    # a clinic no health term names; one name alone; no names
    appointments("Please see the appointment times for Thursday's clinic below.", SLOTS),
    appointments("Memory Assessment Clinic, Thursday.", "09:00  Gareth Example\n"),
    "Memory Assessment Clinic\n\nThe clinic runs 09:00 to 17:00 on Thursdays.\n10:00 Team meeting\n12:30 Lunch\n",
])
def test_clinic_list_twins_name_no_patient(text: str) -> None:
    assert patient_at(("message body", text)) == set()


# A subject's name between a note's words of care, no separator, the health in the subject.
@pytest.mark.parametrize(("subject", "named"), [
    ("Referral Marek Example suspected lung cancer", True),
    ("Urgent referral Jane Example ?DVT", True),
    ("Referral pathway update urgent", False),
    ("Referral Jane Example diabetes nurse specialist", False),
    ("Referral Jane Example - suspected cancer training slides", False),
])
def test_a_subjects_name_after_words_of_care_without_a_separator(subject: str, named: bool) -> None:
    assert (patient_at(("subject", subject), ("message body", SHORT)) == {"subject"}) is named
