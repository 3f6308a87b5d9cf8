"""A patient named in one place and their health told in another way than the rules first read:
"he" or "she" admitted somewhere with a condition in the sentence after their name and address, a
newborn known as "Baby" and its family name on a neonatal unit, a case's heading line of name, age
and record number with its events in the sentence after, and a real patient's name left in a
simulation scenario marked as real; and the same shapes where no patient is named."""

from __future__ import annotations

import pytest

from dlpgate.detectors import health_terms
from dlpgate.types import ParsedMessage, Segment
from tests.detectors.test_health_terms import CTX, patients

DETECTOR = health_terms.build(health_terms.DEFAULTS, CTX)

HELD = [
    # "he" or "she" admitted to a named place with a condition, the name and address just before
    "Can you pick up the commode from Mrs Edith Example, 9 Sample Lane, Otley LS21 9ZZ. She was admitted to "
    "St Example's Hospice on Tuesday with metastatic breast cancer.",
    "Can you collect the hoist from Mr Idris Example, 4 Sample Court, Leeds LS6 9ZZ. He was admitted to Example "
    "General over the weekend with a stroke and will not be home for weeks.",
    "Please pause deliveries to Mrs Ada Example, 12 Sample Row. She was hospitalised at Example Royal on "
    "Monday with pneumonia.",
    # a newborn known by "Baby" and its family name, cared for on a neonatal unit
    "Rooms for Mr and Mrs Example please. Their daughter, Baby Example, was born on Sunday and is on our "
    "special care baby unit.",
    "Baby boy Sampleton is on the neonatal unit and his parents need a room near the hospital.",
    # a case's heading of name, age and record number; what happened in the sentence after
    "1. Case A - Harriet Example, 74, RX7712345. Fall on the ward on day 2 with a fractured neck of femur, "
    "died after surgery.",
    "Case 3 - Omar Sample, 59, QE4433219. Wound breakdown on day four after a laparoscopic appendicectomy.",
    "Case 4 - Omar Sample, 59. Readmitted eleven days later with a pulmonary embolism.",
]

NOT_HELD = [
    # the pronoun's verb of no condition; a colleague's honour
    "Please collect the walking frame from Mrs Edith Example, 9 Sample Lane, Otley LS21 9ZZ. She no longer needs it.",
    "Congratulations to Dr Idris Example. He was admitted to the Fellowship of the Royal College for his work "
    "on pneumonia.",
    # "Baby" before a service's or an event's name
    "Baby Clinic is moving to the neonatal unit seminar room from Monday.",
    "Baby Loss Awareness Week: a remembrance service on the neonatal unit on Friday.",
    "Baby Friendly reaccreditation visit to the special care baby unit next week.",
    "Baby Shark singalong for the families on the neonatal unit at 3pm.",
    # a case heading without a name
    "Case 2 - a 61-year-old man, RX4401988. Bile leak on day 3 after laparoscopic cholecystectomy, readmitted.",
    # a winner's name and age, a story of their own after
    "Winner: Ann Example, 51. She ran the marathon after her cancer treatment.",
]


@pytest.mark.parametrize("text", HELD)
def test_a_patient_named_then_their_health_told(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_HELD)
def test_the_same_shapes_naming_no_patient(text: str) -> None:
    assert not patients(text), text


SCENARIO = (
    "SIM SCENARIO 4: Status epilepticus in the day unit",
    "Stem: 34-year-old man, tonic-clonic seizure lasting 8 minutes. Expected actions: buccal midazolam, "
    "call for help, lorazepam IV.",
)


def _scenario(table: str) -> list[str]:
    segments = (
        Segment("Scenario 4 status epilepticus.docx", "file name of attachment s4.docx"),
        Segment(SCENARIO[0], "attachment s4.docx"),
        Segment(table, "attachment s4.docx, table 1", True),
        Segment(SCENARIO[1], "attachment s4.docx"),
    )
    return [f.category for f in DETECTOR.detect(ParsedMessage(segments=segments)) if f.identifies_patient]


@pytest.mark.parametrize("table", [
    "Based on\tReal case: RX5522018, Mr Colin Example, 03/09/2026 - delete before sending\nManikin\tSimMan",
    "Source\tActual patient (Mrs Priya Sample, admitted 21/08/2026)\nFaculty\t2",
])
def test_a_real_patient_left_in_a_scenario(table: str) -> None:
    assert _scenario(table) == ["patient_name"]


@pytest.mark.parametrize("table", [
    "Based on\tNo real patient details; composite of cases from 2026\nManikin\tSimMan",
    "Patient\tMr Frank Example (SimMan 3G) - fictional, 03/09/2026\nFaculty\t2",
    "Based on\tReal incident, reviewed by Dr Jo Example on 03/09/2026\nFaculty\t2",
])
def test_a_scenario_of_no_real_patient(table: str) -> None:
    assert _scenario(table) == []
