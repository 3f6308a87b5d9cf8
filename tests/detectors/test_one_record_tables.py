"""A table of one row, one person's record (a contact card's, a calendar's event's, a map's
point's, as formats/_records.py reads them): counted when it says who its person is beyond a
name, by a personal title or their address or phone number."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

ONE_ROW = [
    # (table, expected)
    ("Name\tAddress\tNotes\nPeter Example\t12 High St\tCOPD, on home oxygen", {"patient_name": 1}),
    ("Name\tPhone\tNotes\nPeter Example\t07700 900123\tCOPD, on home oxygen", {"patient_name": 1}),
    ("Name\tDescription\nMrs Joan Example\tinsulin 4pm, leg ulcer dressing", {"patient_name": 1}),
    ("Name\tSummary\tNotes\nMrs Joan Example\tVisit Mrs Joan Example\tInsulin 4pm, leg ulcer dressing",
     {"patient_name": 1}),
    # a name alone in one row may be anyone's
    ("Name\tNotes\nPeter Example\tCOPD, on home oxygen", {}),
    ("Name\tPhone\tNotes\nPeter Example\t\tCOPD, on home oxygen", {}),
    # a clinician's title, a member of staff's card, a service's place
    ("Name\tDescription\nDr Joan Example\tasthma clinic Tuesdays", {}),
    ("Name\tJob title\tAddress\tNotes\nJane Example\tDiabetes Specialist Nurse\t1 High St\tdiabetes clinic", {}),
    ("Name\tOrganisation\tPhone\tNotes\nJane Example\tExample NHS Trust\t01632 960456\tdiabetes clinic", {}),
    ("Name\tAddress\tDescription\nBoots Pharmacy\t1 Market Sq\tasthma clinic Tuesdays", {}),
    # health in no row of a named person
    ("Name\tAddress\tNotes\nPeter Example\t12 High St\tCall back Monday", {}),
]


@pytest.mark.parametrize("text, expected", ONE_ROW)
def test_a_table_of_one_record(text: str, expected: dict[str, int]) -> None:
    assert patients(text, tabular=True) == expected
