"""Patients as care beyond the ward writes of them: a service's letter to a relative that names
them once and then speaks of "your mother", a bereavement letter to the family by a given name
with the cause of death, a clinic's result table to its own reader, a resident's end-of-life
plan, a visit log's rows of names and care; and the same shapes in mail of no patient."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients
from tests.detectors.test_patients_in_quick_mail import _to_one_reader

HELD = [
    # a relative named once, their care told later by the same words
    "Dear Ms Example,\n\nThank you for calling about the treatment your mother, Mrs Hilda Example, had from our crew "
    "on 3 March. I have now reviewed the patient record and the call log.\n\nThe call was first triaged as "
    "non-urgent. At 14:10 your mother was found confused and a crew attended; they recorded a suspected stroke "
    "and took her to the hyperacute unit.\n\nI am sorry for the wait.\n",
    "Dear Mr Example,\n\nI write following our meeting about your husband, Mr Clive Example, and the visit on 2 May. "
    "I have now spoken to the staff on duty that week. I have also read the notes of the referral.\n\n"
    "The notes show that on the first visit your husband had grade 3 pressure ulcers on both heels, "
    "and these should have been escalated.\n",
    # a bereavement letter by a given name, the reader by the address block above the greeting
    "Mrs Sheila Example\n4 Pond Street\nOtley LS21 1AA\n\nDear Sheila,\n\nIt is now some weeks since Gordon "
    "passed away with us on the unit. We remember him often. As the team said at the time, his motor neurone "
    "disease progressed very quickly in the final month.\n",
    # a result table under "here are your results" to its own reader
    "Dear Mr Theo Example,\n\nThanks for coming to the clinic on 3/12. Here are your test results:\n\n"
    "Test\tOutcome\nGonorrhoea (NAAT)\tDetected\nSyphilis\tNegative\n",
    # a resident's end-of-life plan
    "Mrs Winifred Example (Room 4) has been reviewed by the GP and is now in the last days of life.",
    "Following today's visit, Mr Ken Example was started on anticipatory medicines for comfort.",
    # a visit log's rows: a date, places, miles, then a titled name and their care
    "Mileage for October:\n\n14/10/2026\tOtley Clinic\t7 Birch Way, Pool\t3.1\tMr Alan Example - stoma bag change\n",
    "Visits:\n03/10/26  Health Centre  2 Ash Row  2.0  Mrs Nia Example - insulin, pressure ulcer check\n",
]

NOT_HELD = [
    # a relative named once, the words again about no care of theirs
    "Dear Ms Example,\n\nThank you for your letter about your mother, Mrs Hilda Example, and her volunteering with us. "
    "I have passed it on.\n\nOur stroke awareness day is on Friday and your mother is welcome to come along "
    "and help on the stall with the diabetes team.\n",
    # a given name in a letter with the reader's address block: a colleague's work, no one's health
    "Mrs Sheila Example\n4 Pond Street\nOtley LS21 1AA\n\nDear Sheila,\n\nGordon from our fundraising team will call "
    "you next week. His dementia awareness talk raised a lot towards the appeal.\n",
    "Mrs Sheila Example\n4 Pond Street\nOtley LS21 1AA\n\nDear Sheila,\n\nThank you for your donation. Gordon "
    "will send you his cancer research newsletter.\n",
    # a table under "your results" that is a quiz's, not a test's
    "Dear Mr Theo Example,\n\nHere are your results from the quiz:\n\nTopic\tScore\nDiabetes\t8/10\nAsthma\t9/10\n",
    # end-of-life words as a course's or a leaflet's
    "Our study day on care in the last days of life is on 4 June; book via the learning hub.",
    "The leaflet on anticipatory medicines has been reprinted; please order more from stores.",
    # a log's rows of staff and places, no titled person's care
    "Mileage for October:\n\n14/10/2026\tOtley Clinic\tLeeds HQ\t3.1\tdiabetes team meeting\n",
    "Rota:\n03/10/26  Health Centre  Ward 2  Mrs Nia Example - diabetes specialist nurse\n",
]


@pytest.mark.parametrize("text", HELD)
def test_a_patient_as_care_beyond_the_ward_writes_of_them(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_HELD)
def test_the_same_shapes_in_mail_of_no_patient(text: str) -> None:
    assert not patients(text), text


def test_a_result_table_to_its_one_reader_by_a_given_name() -> None:
    body = ("Dear Priya,\n\nThank you for attending the clinic on 2/12. As agreed, here are your results:\n\n"
            "Test\tResult\nChlamydia (NAAT)\tPositive\nHIV\tNegative\n\nPlease ring us to arrange treatment.\n")
    assert _to_one_reader("", "priya.example88@gmail.com", body)
    assert not _to_one_reader("", "priya.example88@gmail.com", body.replace("here are your results", "here is the rota"))
