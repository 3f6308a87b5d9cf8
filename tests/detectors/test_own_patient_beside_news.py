"""A writer's own word that a person is their patient, beside a news story, a quiz, an exam
question or a social note about them: "he's on our unit", "the lady we had in bed 7", "we
scanned him". The story is public; what the writer adds of that person's care is not. With
the twins that name no patient of theirs: the story alone, a "no comment", a piece published
with consent, the writer's own health, a colleague, a fundraiser."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients, terms
from tests.detectors.test_patients_as_staff_write import _message_patients

_NEWS_ROVERS = (
    "---------- Forwarded message ---------\nFrom: Dale Valley Gazette <news@dalevalleygazette.example>\n"
    "Subject: Town keeper sidelined with knee knock\n\n"
    "Dale Town goalkeeper Marcus Fenwright will be out for a month with a knee knock picked up on Saturday, "
    "the club confirmed.\n"
)
_NEWS_MAYOR = (
    "-------- Original message --------\nFrom: Northfold Post <desk@northfoldpost.example>\n"
    "Subject: Mayor in hospital\n\n"
    "Northfold mayor Cllr Patricia Quarmby was taken to hospital on Thursday, a family statement said. "
    "She is said to be comfortable.\n"
)

OWN_PATIENT_BESIDE_NEWS = [
    # a pronoun for the person the forwarded story names, and what the writer's own scan found
    "Ha, a knock. He came through our CT on Saturday night - tibial plateau fracture, needs fixing. Keep it quiet.\n\n"
    + _NEWS_ROVERS,
    # on the writer's unit, and what was done for her there
    "Comfortable is one word for it. She's on our cardiac unit, we cardioverted her on Friday and she's still in "
    "atrial fibrillation. Not for sharing!\n\n" + _NEWS_MAYOR,
    # "our patient", what he came in with, and his name in the sentence after
    "That crash on the bypass - the driver is our patient, he came in with a ruptured spleen and he's in HDU now. "
    "Oliver Brindley, in case you wondered.\n\n" + _NEWS_ROVERS,
]


@pytest.mark.parametrize("text", OWN_PATIENT_BESIDE_NEWS)
def test_the_writers_own_patient_beside_a_public_story(text: str) -> None:
    assert _message_patients(("message body", text)), text


OWN_PATIENT_IN_SOCIAL_MAIL = [
    # a quiz or exam question said to be a named patient's case from the writer's own ward
    "Question 5 is lifted from Arthur Penhallow, the gentleman we had in bed 3 last month with the aortic "
    "dissection - I've only changed his age.",
    # a social apology naming a patient in a bay who died, and of what
    "Sorry to miss choir - it was carnage on the ward, Mr Cyril Athey in bay 2 passed this afternoon after his "
    "pneumonia and the family were in bits.",
]


@pytest.mark.parametrize("text", OWN_PATIENT_IN_SOCIAL_MAIL)
def test_a_named_patient_of_the_writer_in_a_social_mail(text: str) -> None:
    assert patients(text), text


NO_PATIENT_OF_THE_WRITERS = [
    # the story alone, with the writer's chat on it
    "Poor lad, a month out. My money's on the reserve keeper now.\n\n" + _NEWS_ROVERS,
    # the press office confirms nothing
    "Thanks for your call. We do not comment on individual patients and cannot confirm who is in our care.\n\n"
    + _NEWS_MAYOR,
    # a story released with the patient's consent
    "Lovely piece in the paper about Mrs Ada Kell - she gave written consent for us to share how she was on our "
    "stroke unit after thrombolysis.",
    # the writer's own health
    "Between us, I was in our CT myself on Saturday night - tibial plateau fracture, so no five-a-side for me.",
    # a member of staff, a volunteer, a fundraiser
    "Amy Fletcher, Ward Manager on our stroke unit, will present the audit of thrombolysis times.",
    "Jane Stables, who volunteers on our stroke unit every Tuesday, has raised money for the stroke charity.",
    "Congratulations to Tom Marsh who is retiring from our dialysis unit after 30 years of renal failure care.",
    # what someone came in with that is no illness
    "Sarah Dyson came in with the cakes for the diabetes education evening.",
    # a service of the writer's, no one's care
    "We had Mrs Pat Jones from the CCG in to give a talk about diabetes prevention.",
]


@pytest.mark.parametrize("text", NO_PATIENT_OF_THE_WRITERS)
def test_no_patient_of_the_writers(text: str) -> None:
    assert not _message_patients(("message body", text)), text


@pytest.mark.parametrize("term", ["aortic dissection", "thrombolysed", "dysphasic", "left-sided weakness", "subdural"])
def test_words_of_acute_care_are_health_terms(term: str) -> None:
    assert terms(f"She had a {term} last week"), term
