"""Patients named in the machinery of work mail: a phone's chat export (each message led by its
date, time and sender), a calendar's daily agenda of home visits (a slot's time, the person,
what for, their home on the line under it) and an invitation's event (its summary names the
person whose care the meeting is for, or its place is their home). With each, the twins that
name no patient: a chat about rotas and estates, a clinic's schedule of its clinicians, a
team's agenda, meetings of staff."""

from __future__ import annotations

import pytest

from dlpgate import mime
from tests.detectors.test_health_terms import DETECTOR, patients

# A chat's message read past its date, time and sender, as past a reply's quote marks.
CHAT_HOLDS = [
    "14/11/2026, 19:02 - Kemi (Ward 4): Bed 7 Mrs Rosa Example - unwitnessed fall 0200, CT head NAD, neuro obs 4hrly",
    "14/11/2026, 19:03 - Kemi (Ward 4): Side room 2 Dennis Example - norovirus, barrier nursing, fluid chart please",
    "[14/11/2026, 19:04:51] Kemi: Side room 2 Dennis Example - norovirus, barrier nursing, fluid chart please",
    "11/14/26, 7:05 PM - Luis Example: Dennis Example - new AF, started apixaban",
]


@pytest.mark.parametrize("text", CHAT_HOLDS)
def test_a_chat_exports_message_about_a_named_patient(text: str) -> None:
    assert patients(text), text


CHAT_TWINS = [
    "14/11/2026, 08:10 - Tom Example: Xmas rota: Jo Example - 25th earlies, Priya Example - nights, sepsis champion Sam",
    "14/11/2026, 08:11 - Tom Example: Jo Example - on call for stroke tonight, Priya covering the bleep",
    "14/11/2026, 08:12 - Tom Example: Mary Example - dementia champion training on Friday",
    "[14/11/2026, 08:13:02] Priya Example: can anyone swap my late Friday? Sam Example - annual leave",
    "14/11/2026, 08:14 - Estates: Bay 3 closed for HPV clean after C diff, infection prevention sign-off by Mike Example",
    "14/11/2026, 08:15 - Sarah Example: 10:00 Jo Example 20 min slots - asthma",
]


@pytest.mark.parametrize("text", CHAT_TWINS)
def test_a_chat_about_rotas_and_estates_is_no_patients(text: str) -> None:
    assert patients(text) == {}, text


def test_on_call_for_a_specialty_is_a_duty() -> None:
    assert patients("Jo Example - on call for stroke tonight") == {}
    assert patients("Jo Example - admitted with a stroke tonight")


VISITS = (
    "Your agenda for Wednesday, 18 November 2026\n"
    "Calendar: Community Nursing North - Visits\n\n"
    "08:30 - 09:00   Handover / allocation\n"
    "                Hub, Example Health Centre\n"
    "09:30 - 10:00   Winifred Example - venous leg ulcer, 4 layer bandaging\n"
    "                27 Sycamore Drive, LS14 6PT\n"
    "10:15 - 10:45   Godfrey Example - catheter change (long term)\n"
    "                Flat 3, Heron Court, LS14 2BD\n"
)


def test_a_daily_agenda_of_home_visits() -> None:
    assert patients(VISITS) == {"patient_name": 2}, VISITS


@pytest.mark.parametrize(("text", "held"), [
    ("9:30am - 10:00am  Winifred Example - venous leg ulcer\n   27 Sycamore Drive, LS14 6PT", True),
    ("09:30 AM  Godfrey Example - insulin 22 units, BM check\n   Flat 3, 9 Heron Court, LS14 2BD", True),
    # a slot with no home under it: a clinic's schedule of its clinicians, a meeting's room
    ("09:30 - 10:00  Winifred Example - venous leg ulcer\n10:00 - 10:30  Travel", False),
    ("10:00 Jo Example 20 min slots - asthma\n10:20 Ann Example 20 min slots - COPD reviews\nRoom 3", False),
    ("09:00 - 09:30  Jo Example - diabetes review\n   Example Health Centre, 12 Main Street, LS12 3PQ", False),
    ("09:00 - 09:30  Jo Example - diabetes training\n   27 Sycamore Drive, LS14 6PT", False),
])
def test_a_slot_is_a_visit_only_with_a_home_under_it(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


STAFF_AGENDA = (
    "Your agenda for Wednesday, 18 November 2026\n\n"
    "08:00 - 08:30   Bed meeting (site)\n"
    "                Operations Centre\n"
    "09:00 - 10:30   Falls Steering Group - hip fracture audit and delirium screening\n"
    "                Boardroom / Teams\n"
    "11:00 - 11:30   1:1 Jo Example\n"
    "                My office\n"
    "13:00 - 14:00   Team meeting - sepsis training, stroke pathway update\n"
    "                Seminar Room 1\n"
)


def test_an_agenda_of_staff_meetings_is_no_patients() -> None:
    assert patients(STAFF_AGENDA) == {}, STAFF_AGENDA


def _event(*fields: str) -> str:
    """An event as the calendar reader writes it: a property to a line."""
    return "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\n" + "\n".join(fields) + (
        "\nDTSTART:20261119T101500\nBEGIN:VALARM\nDESCRIPTION:REMINDER\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR")


@pytest.mark.parametrize("event", [
    _event("SUMMARY:Discharge planning meeting - Harold Example (Ward 12)",
           "DESCRIPTION:To agree discharge to a nursing home after his right MCA stroke with left-sided weakness and "
           "dysphagia (NG fed).", "LOCATION:Ward 12 day room / Microsoft Teams"),
    _event("SUMMARY:Case conference - Lily Example", "DESCRIPTION:Child protection: unexplained spiral fracture of the "
           "left humerus, aged 5 months", "LOCATION:Microsoft Teams Meeting"),
    # the person's home the event's place, the summary what of their care
    _event("SUMMARY:Home visit - DNACPR conversation (palliative, metastatic lung ca)", "DESCRIPTION:",
           "LOCATION:Margaret Example's home, 31 Holly Bank, Leeds LS16 8QR"),
])
def test_an_event_of_one_persons_care(event: str) -> None:
    assert patients(event), event


@pytest.mark.parametrize("event", [
    _event("SUMMARY:Team meeting - Jo Example", "DESCRIPTION:Agenda: diabetes audit, sepsis training, stroke pathway",
           "LOCATION:Seminar Room 2"),
    _event("SUMMARY:1:1 - Sarah Example", "DESCRIPTION:Return to work after her surgery", "LOCATION:My office"),
    _event("SUMMARY:Meeting - Jo Example (Dementia lead)", "DESCRIPTION:Dementia strategy and carers' passport"),
    _event("SUMMARY:Planning meeting - Jo Example", "DESCRIPTION:Stroke pathway redesign, cancer waiting times"),
    _event("SUMMARY:MDT meeting - Jo Example", "DESCRIPTION:Patient list circulated separately, 12 cases of lung cancer"),
    _event("SUMMARY:Upper GI MDT (weekly)", "DESCRIPTION:Standing slot for oesophageal and gastric cancer cases",
           "LOCATION:Microsoft Teams Meeting"),
    _event("SUMMARY:Christmas drinks", "LOCATION:Jo Example's house, 12 Elm Road, Leeds LS1 2AB",
           "DESCRIPTION:Bring a bottle"),
    _event("SUMMARY:Stroke training", "LOCATION:Jo Example's house, 12 Elm Road, Leeds LS1 2AB",
           "DESCRIPTION:Stroke awareness training for the team"),
    _event("SUMMARY:Home visit - Mrs Ivy Example", "DESCRIPTION:Diabetes training for her carers",
           "LOCATION:Example House, 4 Rowan Way, Leeds LS6 2QT"),
])
def test_an_event_of_staff_or_of_no_one(event: str) -> None:
    assert patients(event) == {}, event


INVITE = (
    b"From: Ward 12 Discharge Team <ward12@example.nhs.uk>\r\n"
    b"To: daughter@example.com\r\n"
    b"Subject: Invitation: Discharge planning meeting - Thu 19 Nov 10:15\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
    b"--b1\r\nContent-Type: text/plain\r\n\r\nPlease see the attached invitation.\r\n"
    b"--b1\r\nContent-Type: text/calendar; method=REQUEST; name=\"invite.ics\"\r\n"
    b"Content-Disposition: attachment; filename=\"invite.ics\"\r\n\r\n"
    b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    b"ATTENDEE;CN=Carol Example:mailto:daughter@example.com\r\n"
    b"SUMMARY:Discharge planning meeting - Harold Example (Ward 12)\r\n"
    b"DTSTART;TZID=GMT Standard Time:20261119T101500\r\n"
    b"LOCATION:Ward 12 day room / Microsoft Teams\r\n"
    b"DESCRIPTION:To agree discharge to a nursing home after his right MCA stroke\\, with dysphag\r\n"
    b" ia (NG fed).\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    b"--b1--\r\n"
)


def test_an_invitations_event_as_the_calendar_reader_reads_it() -> None:
    found = DETECTOR.detect(mime.parse(INVITE))
    assert any(f.kind == "patient_identifier" for f in found)
    staff = INVITE.replace(b"Discharge planning meeting - Harold Example (Ward 12)", b"Team meeting - Jo Example").replace(
        b"To agree discharge to a nursing home after his right MCA stroke\\, with dysphag\r\n ia (NG fed).",
        b"Agenda: stroke audit\\, sepsis training")
    assert not any(f.kind == "patient_identifier" for f in DETECTOR.detect(mime.parse(staff)))
