"""A patient's health told to their family or to those who look after a child: a newborn by the
label a neonatal unit gives them ("Baby of ...", "Twin 2 of ...") over a list of their care; a plan
of a child's care for a school or a nursery, its name field beside its title; a relative named by a
given name alone to a reader greeted by the given name their To header gives, or said to have a
condition ("she has ..."); a wife's HRT, a ward's word that a mother is fit for discharge. And the
same shapes where no one's health is told."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients, terms
from tests.detectors.test_patients_in_quick_mail import _to_one_reader

NEWBORNS = [
    # a newborn's label as a paragraph over the list of their care, a cot under it
    "Hello Precious,\n\nHere is tonight's news as you asked.\n\nBaby of Precious Adeyemi\nCot 12, Special Care\n\n"
    "- Weaned off CPAP at 14:15, now in air\n- Bilirubin rising again so started back under the lights\n",
    # ... a twin's label as the heading right over the list
    "Twin 1 of Mrs Kowalczyk, cot 5\n- still on CPAP, weaned the pressure overnight\n- bilirubin level repeated\n",
    # ... a family's label in capitals
    "Evening all,\n\nBABY GIRL Fennimore (incubator 2)\n- jaundice, phototherapy started at 09:10\n"
    "- NG tube feeds increased to 20ml\n",
]

NOT_NEWBORNS = [
    # "baby" as a colleague's nickname over their work
    "Meet the baby of the team!\n\nNurse Priya Sandhu, Cot 4 bay lead\n- leads our CPAP training\n"
    "- runs the bilirubin audit\n",
    # a programme's slots, times leading the rows
    "Baby of Precious Adeyemi\n- 09:30 CPAP teaching\n- 11:00 bilirubin workshop\n",
]


@pytest.mark.parametrize("text", NEWBORNS)
def test_a_newborn_by_their_units_label_over_a_list_of_their_care(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_NEWBORNS)
def test_a_newborns_words_over_work_or_slots_name_no_patient(text: str) -> None:
    assert not patients(text), text


def test_a_time_in_a_rows_sentence_is_when_it_happened_not_a_slot() -> None:
    """A titled name and a room over rows of their care: a time said in a row's sentence does not make
    the list a clinic's or a programme's."""
    assert patients("Mrs Rhoda Villiers, Room 6\n- fell at 03:20, hip x-ray booked\n- started on apixaban\n")
    assert not patients("Mrs Rhoda Villiers, Room 6\n- 09:00-10:00 diabetes clinic\n- 11:00 COPD clinic\n")


CARE_PLANS = [
    # a plan's table in an HTML body, the title in the paragraph above it
    "Hi Mrs Okon,\n\nAttached below is Lila's allergy action plan for the classroom wall.\n"
    "Name\tLila Marchetti\nClass\tYear 1 (Owls)\nIn an emergency\tEpiPen 0.15mg x2\n"
    "Also known to have\tEczema and asthma\n",
    # a plan's document: its title naming the condition, the name field among the pupil's details
    "Individual Healthcare Plan - Epilepsy\nName: Rory Featherstone   Year 5   Millbrook Primary\n"
    "Seizures: absences several times a day; if a tonic-clonic seizure lasts over 5 minutes give buccal midazolam.\n",
]

NOT_CARE_PLANS = [
    # a course on such plans, its delegate's name
    "Allergy action plan training for school staff\nName: Joanna Pryce\nSchool: Millbrook Primary\n"
    "Covers anaphylaxis, EpiPen use and asthma.\n",
    # a blank plan to fill in
    "Please use this template for each pupil's individual healthcare plan.\nName: Rory Featherstone\n"
    "It covers epilepsy, diabetes and asthma.\n",
]


@pytest.mark.parametrize("text", CARE_PLANS)
def test_a_childs_care_plan_names_them_beside_its_title(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_CARE_PLANS)
def test_a_course_or_a_blank_plan_names_no_patient(text: str) -> None:
    assert not patients(text), text


def test_a_relative_by_a_given_name_to_a_reader_greeted_by_their_own() -> None:
    """"Hi Kerry," to kerry.example84@...: the reader's To header gives the name, and a given name
    alone then owns a health term ("Dean's methadone"): the reader's relative."""
    methadone = ("Hi Roisin,\n\nThanks for your message. Dean's methadone is dispensed daily under supervision, so "
                 "we can only hand it to someone he has named in writing.\n")
    assert _to_one_reader("", "roisin.quigley84@gmail.com", methadone)
    assert not _to_one_reader("", "info@quigleyjoinery.co.uk", methadone)  # a greeting by a name the To gives no one
    absence = "Hi Roisin,\n\nDean's depression means he won't make his shifts this week.\n"
    assert not _to_one_reader("", "roisin.quigley84@gmail.com", absence)  # a colleague's rota
    hospice = "Hi Roisin,\n\nThanks for sponsoring my run! Every penny goes to St Gemma's Hospice.\n"
    assert not _to_one_reader("", "roisin.quigley84@gmail.com", hospice)  # a saint's name: a place


RELATIVE_CONDITION = [
    # a relative by given name alone, their condition said after "she has"
    "Dear Mr Achterberg,\n\nAbi asked us to write to you as she is away. Her scan was reviewed on Friday and she "
    "has gestational diabetes, so the diabetes midwife will call her.",
    # a wife's HRT, its brand names
    "Dear Mr Pendlebury,\n\nMarion is happy for me to write to you. I've changed her Evorel patches to Estradot "
    "and she should keep taking the Utrogestan at night.",
    # a mother's discharge, in a ward's shorthand
    "Hi Callum,\n\nre your mum Mrs Ferreira (bed 12) - she's MFFD now, just waiting on the care package.",
]


@pytest.mark.parametrize("text", RELATIVE_CONDITION)
def test_a_relatives_condition_told_to_the_family(text: str) -> None:
    assert patients(text), text


def test_a_given_name_who_has_a_talk_or_a_role_is_no_relative() -> None:
    assert not patients("Dear Mr Achterberg,\n\nAbi from our team will call you. She has a diabetes clinic on Friday.")


def test_hrt_medicines_and_discharge_shorthand_are_health_terms() -> None:
    assert terms("switched to oestradiol") == {"reproductive_health": 1}
    assert terms("Utrogestan 100mg at night") == {"reproductive_health": 1}
    assert terms("now MFFD, awaiting package") == {"general": 1}
