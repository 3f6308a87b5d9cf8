"""A person named beside their care in the ways incident reports, coding queries, complaint
summaries and chat write it: a medicine given "to" them, "the patient" in the next sentence, a
sentence whose subject they are and whose verbs are their care, "patient" right before their
untitled name, a diagnosis's code after its label beside them. Goods handed to a member of
staff, a talk given to one, a patient team's lead stay no one's health."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

NAMED_BESIDE_CARE = [
    # a medicine or a treatment given to a person named after it
    "At 02:00 the bank nurse administered 40 units of insulin to Gwilym Example instead of 4.",
    "Overnight the syringe driver infused the full morphine dose to Mrs Ottilie Example in under an hour.",
    # ... on a ward, "the patient" then their result and what followed
    "The infusion device gave a free-running bolus of heparin to Ceridwen Example on Ward 14. The patient's"
    " APTT ratio was 5.9 the next morning and a retroperitoneal bleed was confirmed on CT.",
    # a sentence whose subject is the person, its verbs their care, the diagnosis far from the name
    "Mr Lorcan Example attended the Emergency Department on 14 February 2025 with back pain after lifting a wardrobe"
    " and was discharged with a diagnosis of gastroenteritis.",
    "Ms Petra Example attended the urgent treatment centre late on a Sunday evening after twisting her foot"
    " and was discharged with a diagnosis of a sprain.",
    # "patient" right before an untitled name, a few words of their list first
    "For the private knee list patient Rosalind Example (done 12/10 at your Harrogate unit), the op note says"
    " cemented total knee but the implant record disagrees.",
    # ... with a diagnosis's code after its label as the only health detail
    "Coding query for the outsourced list patient Alison Example: primary diagnosis M17.1, please confirm the side.",
]

NOT_NAMED_BESIDE_CARE = [
    "The rep delivered two cartons of insulin pens to Aled Example in pharmacy stores this morning.",
    "Dr Example gave a lecture on asthma to Nia Example's sixth-form class last week.",
    "The patient Safety Lead Grace Example has finished writing the sepsis audit.",
    "Our patient representative Fiona Example chaired the diabetes forum on Monday.",
    "Leah Example attended the emergency planning exercise on Tuesday with the governance team and afterwards"
    " drafted the new sepsis pathway for the board.",
]


@pytest.mark.parametrize("text", NAMED_BESIDE_CARE)
def test_a_person_named_beside_their_care_is_a_patient(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_NAMED_BESIDE_CARE)
def test_goods_talks_and_patient_teams_stay_no_ones_health(text: str) -> None:
    assert not patients(text), text
