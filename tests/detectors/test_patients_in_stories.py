"""Patients told of as a story or written to as a letter: a person introduced by their age or
their town and what happened to them in hospital (a reference's anecdote, a newsletter's
thank-you), and a letter to a patient by their title telling them of their clinic appointment,
their medicines, their tests. With each, the twins that name no patient: a public figure, a
fundraiser, a colleague's obituary, a teaching case, a letter to staff or a supplier, a leaflet."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients
from tests.detectors.test_patients_as_staff_write import _message_patients

STORIES = [
    # a reference's anecdote: the introduction's clause says why they came, the sentences after what was done
    "During her night shifts she was asked to see Mr Terence Example, a 66-year-old retired plumber from Skipton who "
    "arrived in resus with a massive pulmonary embolism. She spotted it at once, and Mr Example was thrombolysed "
    "within the hour. He went home a week later.",
    # a newsletter's thank-you: age and town between commas, a given name referring back
    "This month's card came from Dorothy Example, 84, of Keighley, who had her right hip replaced on Ward 14 in "
    "August. Dorothy struggled with a urinary tract infection after the operation but is now home.",
    # the introduction wrapped over two lines (a PDF's text)
    "I first met Mrs Olwen Example, an 88-year-old\nwidow from Harrogate who was brought in after a fall with a "
    "fractured neck of femur. She went to theatre the next morning.",
    # the age in brackets, the stay said in the next sentence
    "We had a thank-you card from Winifred Example (83) from Guiseley, who was admitted to Ward 7 with "
    "pneumonia in May. She spent two weeks with us.",
    # what happened in the clause, what was found in the next sentence, by their given name
    "The ward's card this month is from Nadia Example, 47, from Batley, who was rushed in by ambulance last "
    "spring. Nadia had a subarachnoid haemorrhage and spent ten days with us.",
]


@pytest.mark.parametrize("text", STORIES)
def test_a_story_of_a_named_persons_care(text: str) -> None:
    assert patients(text), text


# A reference's, a news draft's or a case report's patient: introduced by their age or their
# town with what they have said in the same clause (no care told), by the school a child goes
# to, or by their initials and their age (an abstract's case).
INTRODUCED_WITH_THEIR_HEALTH = [
    "Her kindness shows in how she cared for Mr Colin Example, a 67-year-old retired postman from Guiseley with "
    "pancreatic cancer, over his last days here; she made sure his grandchildren could visit.",
    "Lily Example, a Year 2 pupil at Hillcrest Primary, was taken to Calderdale Royal by ambulance after a severe "
    "asthma attack and spent a night on the children's ward.",
    "Case: P.H., a 41-year-old farmer from a hamlet near Hawes, presented to the medical take on 3 April with weight "
    "loss and drenching sweats. A CT was performed. Lymph node biopsy confirmed Hodgkin lymphoma.",
    "Abstract: K.L., a 23-year-old student from Ilkley, attended clinic in June with painless jaundice. Her "
    "bilirubin was 180. Liver biopsy confirmed Wilson's disease.",
    "D.S., aged 58, a taxi driver from Bingley, came to our unit in January with new breathlessness; an echo showed "
    "cardiac amyloidosis.",
]
INTRODUCED_WITH_NO_HEALTH = [
    # what a member of staff or a volunteer brings, a fundraiser's company, a public figure's news
    "We welcome Mrs Ann Example, 61, from Otley, with a passion for diabetes education, who joins the team as a "
    "volunteer.",
    "Dr Sarah Example, a 45-year-old consultant from Leeds with an interest in stroke, joined us in May.",
    "Our new matron Jane Example, 52, from Otley, with 30 years in cancer nursing, starts on Monday.",
    "Congratulations to Mr Tom Example, 58, from Leeds, with multiple sclerosis, who completed the marathon.",
    "Singer Rhys Example, 58, from Cardiff, with prostate cancer, told the BBC he was feeling well.",
    # a pupil's prize or work experience
    "Lucy Example, a pupil at Moorside Junior School, won the county art prize for her poster on healthy hearts.",
    "Lucy Example, a pupil at Moorside Junior School, spent a week on work experience with our diabetes team.",
    # initials with an age: a member of staff's absence, a panel member, a teaching case, a greeting
    "J.K., a 34-year-old porter, was off sick with stress for six weeks; the return to work meeting is on Monday.",
    "Minutes: A.B., a 45-year-old member of the panel, asked about the cancer waiting times data.",
    "The case of R.T., a 61-year-old man with sepsis, was used in this OSCE station for the simulated patient.",
    "Hi JS, a 10-year-old could have written that diabetes leaflet better!",
]


@pytest.mark.parametrize("text", INTRODUCED_WITH_THEIR_HEALTH)
def test_a_person_introduced_with_their_health(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", INTRODUCED_WITH_NO_HEALTH)
def test_a_person_introduced_with_no_health_of_theirs(text: str) -> None:
    assert patients(text) == {}, text


STORY_TWINS = [
    # the doctor's skills, no patient named
    "Dr Example is a calm registrar who manages pulmonary embolism and sepsis confidently. She went to theatre "
    "with the vascular team every week and her discharge summaries are clear.",
    # a colleague's obituary: their work, no care of theirs told
    "We are very sad to tell you that Maureen Example, 71, from Skipton, a theatre sister here for 30 years, died "
    "peacefully at home on Sunday after a long illness.",
    # a fundraiser's thank-you
    "A huge thank you to Gordon Example, 62, from Ilkley, who ran the Leeds half marathon and raised 1,400 pounds "
    "for the stroke unit.",
    # a public figure's illness as the media tell it
    "Singer Rhys Example, 58, from Cardiff, who was diagnosed with prostate cancer last spring, was admitted to "
    "hospital for surgery, his spokesman said.",
    # a teaching case marked as invented
    "This fictional case is for the foundation teaching day. Mrs Nora Example, a 79-year-old woman from Ripon, "
    "came in with a fractured neck of femur. She went to theatre the next day.",
    # a volunteer's story: no care of theirs
    "Our volunteer of the month is Keith Example, 70, from Shipley, who came in to the stroke unit every Tuesday "
    "for ten years to run the tea trolley.",
    # a clinician introduced by age and town
    "Dr Anita Example, 44, from Leeds, joined us as a consultant in diabetes and went to theatre with the "
    "vascular surgeons each week.",
]


@pytest.mark.parametrize("text", STORY_TWINS)
def test_a_story_that_tells_no_patients_care(text: str) -> None:
    assert patients(text) == {}, text


def test_a_case_reports_patient_referred_to_a_clinic_by_name_age_past_job_and_town() -> None:
    # a case report's draft, its patient introduced by name, age, the job they retired from and
    # their town, then referred to a clinic with what was found
    case = ("Case presentation. Mr Cedric Hallowes, a 58-year-old retired bus driver from Penrith, was referred "
            "to the haematology clinic in January with drenching night sweats. Bone marrow biopsy confirmed hairy "
            "cell leukaemia and he began cladribine in February.")
    assert patients(case)
    # someone referred to a team to work for it is no patient
    assert patients("Our new volunteer, Mr Cedric Hallowes, a 58-year-old retired bus driver from Penrith, was "
                    "referred to us by the volunteering team and will help on the leukaemia ward on Tuesdays.") == {}


# A colleague's death told to those who mourn them (a funeral director, the staff): named as
# our colleague or as one who worked here, a memorial's "in her memory". A patient's death
# told to the coroner stays theirs.
@pytest.mark.parametrize(("text", "held"), [
    ("It is with great sadness that we share that our colleague Dave Sample, a porter here for 15 years, passed "
     "away on Sunday after a short battle with pancreatic cancer. His funeral is at Nab Wood Crematorium on 3 "
     "December; donations in Dave's memory to Example Hospice.", False),
    ("Please join us at the funeral of our late colleague Anita Sample, who died of breast cancer on 2 November; "
     "she worked on the Children's Ward for 18 years.", False),
    ("Dear Mr Sample,\n\nThe ward team hope to line the route on Friday. Flowers only from the family; donations in "
     "Lorraine's memory to Example Hospice please.", False),
    ("Dear Coroner,\n\nI am writing to report the death of Mr John Sample, 74, who died on Ward 7 on 3 November of "
     "aspiration pneumonia following a stroke. He had been admitted on 28 October.", True),
    ("Dear HM Coroner, we report the death of the late Mrs Edna Sample, who died on Ward 12 yesterday of sepsis "
     "after a fall at home; she was admitted on 1 November with a fractured hip.", True),
    # what a patient remembers is no memorial
    ("Hi Sue, Mrs Joan Sample's memory has got much worse since her stroke; can the memory clinic see her?", True),
])
def test_a_colleagues_death_notice_names_no_patient(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


LETTERS = [
    "Dear Mr Example,\n\nYou have an appointment in the Atrial Fibrillation Clinic on Friday 5 March at 14:20 with "
    "Dr Jones.",
    "Dear Mrs Example,\n\nAn appointment has been arranged for you at the Osteoporosis Clinic on 9 April. "
    "Please arrive 15 minutes early.",
    "Dear Ms Example,\n\nWe have booked you into the Parkinson's Disease Clinic on 12 May at 10:00.",
    "Dear Mr Example,\n\nPlease bring a list of your current medicines, including warfarin and digoxin, to your "
    "next appointment.",
    "Dear Mrs Example,\n\nYour appointment is on Monday 3 May. You will need an endoscopy on the same day, so "
    "please do not eat after midnight.",
    # a name-and-address block with a house's name (no number), then the greeting
    "Mr Idris Example, Bryn Derw, Ffordd y Llan, Llanrwst LL26 0AB\nAnnwyl Mr Example / Dear Mr Example,\n"
    "Mae apwyntiad wedi'i drefnu i chi. An appointment has been arranged for you in the Rheumatology Clinic.",
]


@pytest.mark.parametrize("text", LETTERS)
def test_a_letter_tells_its_titled_reader_of_their_care(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


LETTER_TWINS = [
    # a letter to a clinician about their work
    "Dear Dr Example,\n\nThank you for your talk on atrial fibrillation. Your slides on anticoagulation were "
    "excellent.",
    # a leaflet to no one
    "Dear patient,\n\nYou have an appointment in the Atrial Fibrillation Clinic. You may be asked to bring a list "
    "of your medicines, including warfarin.",
    # a supplier's visit, a member of staff's post, an interview, an event
    "Dear Mr Example,\n\nYou have an appointment with the Renal Unit on Tuesday to install the new dialysis chairs.",
    "Dear Mr Example,\n\nYour appointment as Consultant in Heart Failure has been confirmed.",
    "Dear Ms Example,\n\nYour interview for the Osteoporosis Clinic nurse post is on 3 May at 10:00.",
    "Dear Mrs Example,\n\nYou are invited to the Osteoporosis Clinic open day. Please attend the Osteoporosis "
    "Clinic reception at 10:00.",
    "Dear Mrs Example,\n\nThank you for your order of medicines, including insulin pens, for the practice.",
    "Dear Mr Example,\n\nYou will need a flu vaccination before your first shift on the ward.",
]


@pytest.mark.parametrize("text", LETTER_TWINS)
def test_a_letter_that_tells_its_reader_of_no_care_of_theirs(text: str) -> None:
    assert patients(text) == {}, text


def test_a_letter_in_an_attachment_and_a_story_in_a_newsletter() -> None:
    """The finding is where the person is named: the letter's file, the newsletter's body."""
    letter = ("Mrs Eirlys Example, Tyddyn Isaf, Lon Goch, Amlwch LL68 9ZZ\nAnnwyl Mrs Example / Dear Mrs Example,\n"
              "Mae apwyntiad wedi'i drefnu i chi yn y Clinig Anadlol. An appointment has been arranged for you in the "
              "Respiratory (Bronchiectasis) Clinic.")
    assert _message_patients(("message body", "Hi Dylan,\n\nAs discussed, a copy of your mum's letter is attached."),
                             ("attachment letter.docx", letter))
    news = ("WARD 6 NEWS\n\nA thank-you from Ward 6\nWe had a lovely note from Barry Example, 77, from Otley, who had "
            "his left knee replaced here in June. Barry had a chest infection after the operation and was in for "
            "two weeks, but he is now back on his bike.\n\nRaffle\nTickets are 1 pound each from the ward office.")
    assert _message_patients(("message body", news))


def test_speech_a_condition_has_taken_is_no_public_voice() -> None:
    # "speak" beside a patient's name is a public voice's (a talk, a campaign) unless it is the
    # speech their condition has taken from them
    story = ("Good news from the ward: our therapy dog sat with Wilf Example on "
             "Ward 3 all afternoon. Wilf has motor neurone disease and is unable to speak now, but his "
             "daughter said he smiled for the first time in weeks.")
    assert patients(story)
    assert not patients("Wilf Example has motor neurone disease and speaks at our carers' events about living with it.")
