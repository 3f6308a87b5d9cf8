"""Health words about people who are no one's patient: a quiz round's public and historical
figures, a character's illness in a storyline, a doctor's rotation between specialties, a
clinician who finished a clinic, a condition put as a hypothesis in guidance to a group
("if ... has asthma, she should bring her inhaler"). With the twins that still name a patient:
a patient's question in a ward's note, a real person beside the soap chat, a patient moved to
a specialty, a condition said plainly, a care plan's "if ... again"."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

NO_ONES_PATIENT = [
    # a quiz round: numbered questions, their answers after a dash
    "Round 2 for Thursday:\n6. Which composer went deaf? - Beethoven\n"
    "7. What illness killed Robert Louis Stevenson? - Tuberculosis\n8. Which queen carried haemophilia? - Victoria\n",
    # ... their answers on the line under each question
    "Trivia for the staff social:\nQ1: What disease did Jane Austen probably die of?\nAddison's disease\n"
    "Q2: Who discovered penicillin?\nAlexander Fleming\n",
    # a character's illness in a storyline, the writers of the show
    "Hats off to the writers of Brindle Close for Maureen Ashcombe's dementia storyline - "
    "the confusion, the wandering at night, it rang so true.",
    # ... in an episode, the actress who plays her
    "Did anyone see last night's episode? Sheila Varnham's breast cancer has come back and the "
    "actress who plays her was brilliant.",
    # a doctor's rotation between specialties
    "Sam Example finished rheumatology last month and is now on neurology.",
    "Lucy Example has started urology this week.",
    # a clinician who finished a clinic
    "Dee Example finished her diabetes clinic late again.",
    # a condition as a hypothesis in guidance to a group for an event
    "If Priya Example has diabetes, she should pack her insulin and snacks for the residential.",
    "If Tom Example has asthma he should bring his inhaler on the trip.",
]


@pytest.mark.parametrize("text", NO_ONES_PATIENT)
def test_health_words_about_no_ones_patient(text: str) -> None:
    assert not patients(text), text


STILL_A_PATIENT = [
    # a quiz item that asks of a patient in a bed, and a patient after the round
    "Round 2:\n6. Which composer went deaf? - Beethoven\n"
    "7. What illness has Robert Example got in bed 4? - Tuberculosis, needs a side room\n"
    "8. Which queen carried haemophilia? - Victoria\n",
    "Round 2:\n6. Which composer went deaf? - Beethoven\n7. What illness killed Robert Louis Stevenson? - Tuberculosis\n"
    "\nAlso Mrs Joan Example in bay 3 has tuberculosis, please isolate her.",
    # a round's questions that go on about one person, or of care
    "Questions after the round:\n1. What has Jean Example got? - Urosepsis\n2. Who does she live with? - Daughter, Karen\n",
    "Questions from this morning's ward round:\n1. What did Jean Example come in with? - Urosepsis\n"
    "2. Who is her next of kin? - Daughter, Karen\n",
    # a ward's questions and answers about its own patients: no round of a quiz
    "Who is reviewing Mrs Ann Example's leg ulcer? - district nurses\n"
    "What time is Mr Tom Example's MRI? - 3pm, he needs bloods first\n",
    # a real person beside the soap chat
    "Loved the storyline last night. Sad news though: Bernie Example's dementia is worse and she was "
    "admitted to ward 4 last night.",
    # a patient moved to a specialty's team, not a rotation
    "Mr Kevin Example has been moved to cardiology with chest pain.",
    # a condition said plainly, the guidance after it
    "Jo Example has asthma and should bring her inhaler.",
    # a care plan's condition, again
    "If Mrs Example has chest pain again, please call 999 and give her GTN.",
    # a patient's appointment at a clinic she finished
    "Dee Example finished her diabetes clinic appointment and her HbA1c is 74.",
]


@pytest.mark.parametrize("text", STILL_A_PATIENT)
def test_a_patient_beside_those_words(text: str) -> None:
    assert patients(text), text
