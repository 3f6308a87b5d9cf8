"""A patient introduced beside their care in the ways staff write it: a titled name and age
under a greeting line with their care in the next paragraph, an untitled full name whose visit
of care is listed under it, a relative admitted to a mental health unit, a retired person's
former job between their age and their illness; and the same shapes in mail of no patient (a
colleague's visit, a member of staff's course or post, a retirement's or an obituary's lines)."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

HELD = [
    # a titled name and an age right under the greeting; their care in the next paragraph
    "Hello Priya,\nMr Tomasz Example, 71, lives on his own in Shipley.\n\n"
    "Right knee replacement 14/10. Discharged from the rehab ward today, walking with a frame.",
    "Dear Sue\nMrs Olu Example, 66, lives with her daughter near Ilkley.\n\n"
    "Admitted with a chest infection last week. Now home on oral antibiotics, review in clinic Friday.",
    # an untitled full name whose visit of care is listed under its own line
    "Many thanks for seeing Ahmed Hassan Example at the clinic this morning.\n\nPlan agreed at review:\n"
    "- Type 2 diabetes, start metformin 500mg\n- HbA1c in 3 months",
    "Thanks for reviewing Gareth Example in clinic today.\n\nOutcome of the review:\n"
    "- Bipolar disorder, stable on lithium\n- Lithium level next week",
    # a relative admitted to a mental health unit or ward
    "A quick note about your daughter Chloe: she was admitted to the psychiatric unit last night and is safe.",
    "Just to let you know your father Arthur was admitted to the acute mental health ward yesterday.",
    # a retired person's former job between their age and their illness
    "Mr Albert Example, 79, retired teacher, has advanced Parkinson's and is on the palliative care register.",
    "Mrs Edna Example, 90, former midwife, has advanced dementia and is on the palliative care register.",
]

NOT_HELD = [
    # a colleague's or a trainee's visit to the clinic, a clinician so named
    "Thanks for seeing Amira Example, our new trainee, in clinic today.\n\nOutcome of the review:\n"
    "- Diabetes pathway to be updated\n- Asthma templates to change",
    "Thanks for seeing Amira Example in clinic today before her talk to the trainees.\n\nOutcome of the review:\n"
    "- Dementia pathway to be rewritten",
    "Thanks for seeing Tom Example in clinic today, he shadowed you for his F2 rotation.\n\n"
    "Feedback from the review:\n- Confident with diabetes consultations",
    "Thanks for seeing Priya Example in clinic today.\n\nOutcome of the review:\n- Asthma clinic moves to Fridays\n\n"
    "Dr Priya Example",
    # a relative's course or post on a mental health unit
    "Your son Tom was admitted to the mental health nursing course at Leeds this autumn.",
    "Your sister Grace has started on the mental health unit as the new ward manager.",
    # a member of staff's age and post; a retirement's, a birthday's or an obituary's lines
    "Fiona Example, 52, ward clerk, ran the marathon for the stroke unit.",
    "Mr John Example, 78, retired consultant surgeon, died peacefully after a short illness with cancer.",
    "Mrs Jean Example, 65, retired nurse, celebrates her birthday after beating breast cancer.",
    "Mrs Jane Example, 64, retired midwife, will be running the breastfeeding support group on Thursdays.",
    # a greeting, then a new starter's introduction
    "Hi all,\nMrs Parisa Example, 58, joins us on Monday as our new ward manager.\n\n"
    "She was previously on the stroke unit at Leeds. Please make her welcome.",
]


@pytest.mark.parametrize("text", HELD)
def test_a_patient_introduced_beside_their_care(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_HELD)
def test_the_same_shapes_in_mail_of_no_patient(text: str) -> None:
    assert not patients(text), text
