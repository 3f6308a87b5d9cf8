"""A letter for a patient names them on its subject line and then tells their health as "the
above named", "this patient" or "this gentleman": the health is that named person's. A
template's placeholder, a clinician or a member of staff on the subject line, or a letter whose
paragraph tells no health, is no one's."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

ABOVE_NAMED = [
    # a student number beside the date of birth: still a patient's letter
    "Student Wellbeing Service\n\nRe: Mr Callum Example, DOB 02/09/2004, Student ID 77310452\n\n"
    "To whom it may concern,\n\nThe above named is registered at this surgery. He was seen on 3 March with "
    "worsening anxiety and I have started him on citalopram.\n\nYours faithfully\n",
    "Re: Mrs Agnes Sample\n\nThis patient has advanced Parkinson's disease and cannot attend for jury service.",
    "RE: Miss Tilly Example (Year 9)\n\nThe above-named pupil has type 1 diabetes and carries an insulin pump; "
    "please allow her to test her blood glucose in lessons.",
    "Regarding: Mr Idris Example, 22 Example Street, Leeds\n\nI can confirm this gentleman has chronic "
    "obstructive pulmonary disease and needs a ground-floor flat.",
]

NOT_ABOVE_NAMED = [
    # a template's placeholders
    "Re: [Patient name], DOB <<DOB>>\n\nThe above named has been diagnosed with [condition] and asthma.",
    # a clinician or a member of staff on the subject line
    "Re: Dr Oren Example\n\nThis gentleman will lead our diabetes clinic from May.",
    "Re: Ms Hana Example, Practice Nurse\n\nThe above named runs our asthma clinics on Tuesdays.",
    # no health in the paragraph after it
    "Re: Mr Callum Example\n\nThe above named is registered at this practice and has been since 2019.\n\n"
    "Our practice leaflet on diabetes is attached for your information, as you asked.",
    # no subject line naming anyone
    "Please make sure this patient information leaflet on asthma reaches every school nurse.",
]


@pytest.mark.parametrize("text", ABOVE_NAMED)
def test_the_above_named_is_the_person_on_the_subject_line(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_ABOVE_NAMED)
def test_placeholders_staff_and_no_health_stay_no_ones(text: str) -> None:
    assert not patients(text), text
