"""A named person's appointment at a clinic, a unit or a screening named for a condition, as
transport desks, carers' agencies, schools and booking systems write of it to others: the
clinic's name is their health. And the same clinics named in mail of no patient: a clinician's
sessions, a room or a template, a job, a report."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

HELD = [
    # "his", "her" before the clinic's name, then its appointment or review: their own visit
    "Could you swap Friday's visit to the afternoon? Mrs Gloria Example has her memory clinic appointment "
    "at 10:30 and her son is taking her.",
    "Mr Desmond Example has his GUM clinic appointment on Wednesday morning, so the support worker should "
    "come after lunch.",
    "Reuben Example (Year 2) has his fracture clinic review on Monday, so he will miss the morning register.",
    "Just to let you know Nadia Example has her Early Pregnancy Unit appointment tomorrow at 9.",
    # a family name that is also a word of work ("Champion", "Grant") is still a name
    "Toby Champion has his HIV clinic appointment on Thursday at 2pm, so the carers should call after four.",
    "Imogen Grant has her gender identity clinic appointment next week and will be out of school all day.",
    # a plaster cast is no play's cast
    "Lily Example (Class 3) has her fracture clinic review on Thursday to get her arm cast off.",
    # a screening that only people with the condition are called to
    "Dear Ms Harriet Example,\n\nYour diabetic retinal screening appointment on 4 March has had to be moved.",
    "Bilal Example has his diabetic eye screening appointment on the 9th, so no driving that afternoon.",
    # a transport booking: the person at their home, taken to the clinic for an appointment
    "Please collect Mr Arthur Example, 12 Larch Grove, Keighley BD21 4QT at 08:40\n"
    "Destination: Dialysis Unit, Airedale General\nWheelchair, transfers with one.",
    "Can we get hospital transport for Mr Caspar Example to the Oncology Day Unit on the 12th? He can't manage the bus.",
    "Ms Farah Example attends the substance misuse service each Monday; please plan her visits round it.",
    "Pick-up: Mrs Vera Example, 9 Poplar Rise, Yeovil BA21 3JJ, 12:50\n"
    "Drop: Memory Clinic, Block C, St Anne's - appt 13:45\nReturn when she phones.",
]

NOT_HELD = [
    # a clinician's own sessions at such a clinic
    "Dr Priya Example has her memory clinic on Tuesday mornings, so please don't book meetings then.",
    "Dr Omar Example's job plan: Mon AM - HIV clinic; Tue PM - GUM clinic; Wed - admin.",
    # a room, a template, a report: the clinic with no patient
    "Room 4 is booked for the fracture clinic on Thursdays, appt slots 09:00 - 12:30; contact Jane Example on ext 2231.",
    "Memory clinic appointments: 42 booked, 3 DNA. Gender identity clinic: 17 booked.",
    # a job there
    "We are recruiting a Band 6 nurse for the Early Pregnancy Unit; interviews on 3 May with Sister Jane Example.",
    # a staff member's taxi to a meeting at such a unit
    "Taxi for Dr Alan Example, 4 Mill Lane, Leeds LS6 1AZ at 08:00\nDestination: Dialysis Unit estates meeting 09:00",
    # transport for staff to a meeting, a volunteer's shift there
    "Can we book a taxi for Dr Caspar Example to the Oncology Day Unit meeting on the 12th?",
    # a play's cast
    "Amelia Example, who plays Mary, and the rest of the cast rehearse on Thursday; the memory clinic cafe is closed.",
]


@pytest.mark.parametrize("text", HELD)
def test_a_named_persons_appointment_at_a_clinic_named_for_a_condition(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", NOT_HELD)
def test_such_clinics_in_mail_of_no_patient(text: str) -> None:
    assert not patients(text), text
