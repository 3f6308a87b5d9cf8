"""Common conditions, operations and treatments, as the NHS Health A to Z names them and as
patients, families and staff write them, are a named patient's health: "end stage kidney
disease", "an underactive thyroid", "a slipped disc", "a blood clot in his leg". The list in
common_conditions.txt is read line by line; the sentences below are written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.detectors.test_health_terms import patients

LIST = Path(__file__).with_name("common_conditions.txt")
FRAMES = {
    "has": "Mr Kwame Asante has {}.",
    "adm": "Mr Kwame Asante was admitted with {}.",
    "on": "Mr Kwame Asante is on {}.",
    "had": "Mr Kwame Asante had {} last month.",
}


def _entries() -> list[tuple[str, str]]:
    out = []
    for line in LIST.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            frame, _, term = line.rpartition("|")
            out.append((frame or "has", term))
    return out


def test_the_a_to_z_list_is_read_as_the_patients_health() -> None:
    entries = _entries()
    assert len(entries) >= 700
    missed = [f"{frame}|{term}" for frame, term in entries if not patients(FRAMES[frame].format(term))]
    assert missed == []


SAMPLE = [
    "Re: Mrs Delyth Parry-Jones - end-stage kidney disease; her sister is being assessed as a living kidney donor",
    "Mr Tomasz Wrobel has an underactive thyroid and was told he has a heart murmur.",
    "Miss Priya Chandrasekar has had a slipped disc since the summer and is off work.",
    "Mr Osagie Eweka was admitted on Sunday with a blood clot in his calf.",
    "Mrs Bronwen Tudor has liver disease and an overactive thyroid.",
    "Mr Callum Fairweather has arthritis in both knees and is on blood thinners.",
    "Ms Ioana Dumitrescu has bulimia and has self-harmed twice this month.",
    "Mr Rhys Pendleton has dyslexia and dyspraxia; please send the letter in large print.",
    "Mr Eamon Gallagher has an alcohol problem and an opioid dependency.",
    "Mrs Halina Nowicka had a spinal cord injury in 2019 and is tetraplegic.",
    "Mr Dariusz Kowal has herpes and bronchitis.",
    "Mrs Adaeze Okonkwo has an aneurysm that is being watched.",
    "Master Finley Ashworth has glue ear and a lazy eye.",
    "Mr Gethin Morgan has Raynaud's and hypermobility.",
    "Mrs Sunita Bhattacharya has lung disease and heart disease.",
    "Mr Obinna Eze had an MI in March and starts cardiac rehab on Monday.",
    "Mrs Gwenllian Price, post MI, needs her echo booked.",
    "Mr Kwabena Mensah's thyroid is underactive, so his levothyroxine goes up to 75 micrograms.",
]


@pytest.mark.parametrize("text", SAMPLE, ids=[s[:40] for s in SAMPLE])
def test_a_named_patients_common_condition_is_health(text: str) -> None:
    assert patients(text)


NOT_PATIENTS = [
    "Our heart disease awareness stand is in the main atrium on Friday.",
    "The kidney disease research network meets on Tuesday in the seminar room.",
    "Can you take a squint at the rota before I send it?",
    "The club will foot the bill for the away coach.",
    "Living donor kidney transplant: a talk for staff, Wednesday 12:30, Lecture Theatre 2.",
    "Our speaker Dr Amir Khan will talk about kidney disease and living donors.",
    "Charlotte Davies is running the London Marathon to fight heart disease.",
    "Please post the parcel to Dale Example, 400 Main St, Lansing, MI 48933.",
    "Dale Example from MI5 will brief the security team on Thursday.",
    "VALTREX, Treatment for Herpes. ZYBAN, helps you stop smoking. Order today!",
    "Lunchtime talk: what happens when the thyroid is underactive? Wednesday 12:30, Seminar Room 2.",
]


@pytest.mark.parametrize("text", NOT_PATIENTS, ids=[s[:40] for s in NOT_PATIENTS])
def test_a_condition_as_a_topic_is_no_patients(text: str) -> None:
    assert not patients(text)
