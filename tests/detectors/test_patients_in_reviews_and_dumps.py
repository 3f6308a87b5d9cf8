"""A patient named beside their health where mail hides them among other things: a sports
injury in a quick phone note (lower-case "mri", an age and sex before the name), a text message
of theirs forwarded from their mobile, one case named in an otherwise anonymised review, a
complaint's drafting note, a reminder queue's booking at a sensitive clinic, and a form's data
laid out one value per line. With each, the twins that name no patient."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients, terms

# Injuries of joints, ligaments and tendons as a fracture clinic's or a sports physio's note writes them.
INJURIES = [
    "complete acl rupture on the scan",
    "torn meniscus on the left",
    "bucket-handle tear of the lateral meniscus",
    "ruptured Achilles playing squash",
    "grade 2 ankle sprain",
    "dislocated left shoulder, reduced in ED",
    "rotator cuff tear, for physio",
    "booked for mri knee",
    "hamstring tear at training",
]


@pytest.mark.parametrize("text", INJURIES)
def test_injuries_of_joints_and_ligaments_are_health_terms(text: str) -> None:
    assert terms(text).get("general"), text


NOT_INJURIES = [
    "normal wear and tear on the lift doors",
    "there is a tear in the curtain of bay 3",
    "the ACL on the shared drive blocks the finance group",
    "update the acl for the new VLAN",
    "the dislocation of services during the move",
    "a tear rolled down her cheek at the retirement do",
]


@pytest.mark.parametrize("text", NOT_INJURIES)
def test_a_tear_or_an_access_list_alone_is_no_injury(text: str) -> None:
    assert terms(text) == {}, text


QUICK_NOTES = [
    "hi can u look at this one, 27F Rosalind Example, mri knee yesterday - torn acl + medial meniscus tear, "
    "ortho clinic mon",
    "41 M Mr Tobias Example: ruptured achilles playing five-a-side, in a boot",
    "Kirsty Example 19F - dislocated right kneecap again, physio referral done",
]


@pytest.mark.parametrize("text", QUICK_NOTES)
def test_a_quick_note_of_a_named_patients_injury(text: str) -> None:
    assert patients(text), text


QUICK_NOTE_TWINS = [
    "12M Jo Example - fundraiser for the ortho ward, well done all",
    "£34M Daniel Example - investment in the new orthopaedic theatres",
    "Jo Example will run the sports injury clinic on Tuesdays",
]


@pytest.mark.parametrize("text", QUICK_NOTE_TWINS)
def test_a_figure_before_a_name_of_work_is_no_patient(text: str) -> None:
    assert patients(text) == {}, text


SMS = (
    "Begin forwarded message:\n\n"
    "From: Delphine Example <+447700900456>\n"
    "Date: 3 March 2026 at 07:12:40 GMT\n\n"
    "morning its delphine, i was sick twice in the night and my insulin pump keeps alarming. "
    "should i come in?\n"
)


def test_a_patients_text_message_forwarded_from_their_mobile() -> None:
    assert patients(SMS).get("contact") == 1


SMS_TWINS = [
    # a colleague's own absence
    "Begin forwarded message:\n\nFrom: Priya Example <07700 900111>\nDate: 3 March 2026 at 06:02\n\n"
    "sorry i feel sick so won't make my shift today, can you let the ward know about the insulin chart\n",
    # a text about work, no one's own health
    "Begin forwarded message:\n\nFrom: Tom Example <+447700900222>\nDate: 3 March 2026 at 06:30\n\n"
    "the insulin fridge on ward 6 is alarming again, estates are on their way\n",
]


@pytest.mark.parametrize("text", SMS_TWINS)
def test_a_text_message_of_work_or_absence_is_no_patients(text: str) -> None:
    assert patients(text) == {}, text


REVIEW = (
    "Theme 3 - Delayed escalation\n"
    "  Case 2 (70s) - NEWS2 of 6 not escalated overnight.\n"
    "  Case 3 (Harriet Example, 79, Ward 12) slipped in the shower on 4 May and was on rivaroxaban; the\n"
    "  scan was not done for 11 hours and showed a subdural haematoma; she died on 9 May.\n"
)


def test_one_case_named_in_an_anonymised_review() -> None:
    assert patients(REVIEW)


def test_the_same_review_anonymised_names_no_one() -> None:
    anonymised = REVIEW.replace("Harriet Example, 79, Ward 12", "80s")
    assert patients(anonymised) == {}


def test_a_ward_after_a_name_and_its_age_is_where_they_lie() -> None:
    assert patients("Harriet Example, 79, Ward 12, slipped on 4 May, on rivaroxaban; CT showed a subdural haematoma; "
                    "she died on 9 May.")
    assert patients("Donations to the Mary Example Ward appeal for the stroke unit") == {}


DRAFTING_NOTE = (
    "3. Complaints referred to the Ombudsman: 2\n\n"
    "[note for KB - one of these is the Desmond Example complaint - his son says his lung cancer was "
    "missed on Ward 6 in May; take out before it goes]\n"
)


def test_a_drafting_note_naming_a_complaints_patient() -> None:
    assert patients(DRAFTING_NOTE)


def test_a_term_before_a_teams_name_is_no_ones_health() -> None:
    assert patients("Jo Example joins the Lung Cancer Nurse Specialist Team next week") == {}
    assert patients("Desmond Example's bowel cancer was missed on Ward 6")


QUEUE = (
    "# reminder queue export\n"
    "items:\n"
    "  - name: Ffion Example\n"
    "    phone: \"07700 900318\"\n"
    "    clinic: Sexual Health - Example Street Centre\n"
    "    appointment: 2026-03-06T14:10\n"
    "  - name: Callum Example\n"
    "    phone: \"07700 900319\"\n"
    "    clinic: HIV outpatients\n"
    "    appointment: 2026-03-06T15:30\n"
)


def test_a_reminder_queues_bookings_at_a_sensitive_clinic() -> None:
    assert patients(QUEUE)


QUEUE_TWINS = [
    # a rota of clinicians: sessions, no appointments
    "rota:\n  - name: Ffion Example\n    clinic: Sexual Health - Example Street Centre\n    session: AM\n"
    "  - name: Callum Example\n    clinic: HIV outpatients\n    session: PM\n",
    # a clinic's rooms, no person
    "rooms:\n  - room: 4\n    clinic: Sexual Health - Example Street Centre\n    appointment: 2026-03-06T14:10\n",
]


@pytest.mark.parametrize("text", QUEUE_TWINS)
def test_a_rota_or_a_room_list_is_no_booking(text: str) -> None:
    assert patients(text) == {}, text


FORM_DATA = (
    "Mrs Noreen Example\n"
    "4857773456\n"
    "1939-11-02\n"
    "12 Example Gardens, Bingley BD16 4QQ\n"
    "Hoist and sling; advanced Parkinson's disease, falls\n"
)


def test_a_forms_values_one_per_line_name_a_patient() -> None:
    assert patients(FORM_DATA).get("dob") == 1


FORM_TWINS = [
    # a signature: a name and a phone, no date
    "Jo Example\n07700 900774\nDistrict Nursing Team\nParkinson's disease nurse specialist\n",
    # an order's number and its date under the buyer's name
    "Jo Example\n4500123456\n2026-02-11\nParkinson's disease nurse training packs x 20\n",
    # a date alone under a name, too recent to be a birth
    "Mr Jo Example\n2019-05-04\nParkinson's disease study day\n",
]


@pytest.mark.parametrize("text", FORM_TWINS)
def test_a_name_over_a_phone_or_an_orders_date_is_no_record(text: str) -> None:
    assert patients(text) == {}, text
