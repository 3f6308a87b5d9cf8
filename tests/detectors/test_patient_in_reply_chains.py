"""A patient in a reply chain or a forward: the quote marks of a reply and the header blocks a
mail client writes between messages (Outlook's "From: / Sent: / To: / Subject:", Gmail's "On
... wrote:", Apple Mail's "Begin forwarded message:") must not cut a patient from their health.
And a named person's infection, procedure or birth told to a contractor or an outside body (an
estates firm, an embassy) is a patient's health. Each class with the traps that must stay quiet."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

# --- one patient named in one message of a chain, their health said by a pronoun in another -----

OUTLOOK_CHAIN = (
    "Hi Priya - she was diagnosed with rheumatoid arthritis in 2021 and is on methotrexate weekly.\n\n"
    "Regards\nTomasz Examplewicz\nClinical Lead\n\n"
    "From: Brookside Pilates <hello@brookside-example.co.uk>\n"
    "Sent: Monday, 7 December 2026 11:02\n"
    "To: Examplewicz Tomasz <tomasz.examplewicz@example.nhs.uk>\n"
    "Subject: RE: Class referral\n\n"
    "Thanks Tomasz, and what does she have? We like to know before the first class.\n\nPriya\n\n"
    "From: Examplewicz Tomasz <tomasz.examplewicz@example.nhs.uk>\n"
    "Sent: Friday, 4 December 2026 16:20\n"
    "To: Brookside Pilates <hello@brookside-example.co.uk>\n"
    "Subject: RE: Class referral\n\n"
    "The lady is Mrs Hannah Examplestone, phone 07700 900 761. She's expecting your call.\n"
)

GMAIL_CHAIN = (
    "Could you send the physio notes for Ewan Sampleford? The surgeons want to see them.\n\n"
    "Kate\n\n"
    "On Tue, 1 Dec 2026 at 18:05, Rob Trainer <rob@trainer-example.co.uk> wrote:\n"
    "> Sure. He took it well. Anything else you need?\n>\n"
    "> On Mon, 30 Nov 2026 at 17:44, Dr Kate Medic <kate.medic@nhs.net> wrote:\n>\n"
    ">> The CT came back: a displaced scaphoid fracture, so he'll need fixation next week.\n"
)


@pytest.mark.parametrize("text", [OUTLOOK_CHAIN, GMAIL_CHAIN], ids=["outlook", "gmail"])
def test_a_chain_names_its_patient_in_one_message_and_their_health_in_another(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


CHAIN_TRAPS = [
    # two lay people named: the pronoun may be either's
    OUTLOOK_CHAIN.replace("The lady is Mrs Hannah Examplestone", "The ladies are Mrs Hannah Examplestone and Mrs Ruth Sampleby"),
    # the only person named is one writing (in the header blocks): a colleague's own news
    ("Hi Sam - he has COVID, so the engineer visit is off until next week.\n\n"
     "From: Sam Fixit <sam@fixit-example.co.uk>\nSent: Monday, 7 December 2026 09:00\n"
     "To: Estates Helpdesk <estates@example.nhs.uk>\nSubject: Boiler service\n\n"
     "Is Gareth Sampleman still booked for Tuesday?\n"),
    # a title of the other sex than the pronoun
    OUTLOOK_CHAIN.replace("Mrs Hannah", "Mr Harold"),
    # the one person named is a colleague to ask, or a driver: nothing of a patient about them
    ("Yes - he has sickle cell disease and will need a side room.\n\n"
     "From: Transport <desk@transport-example.co.uk>\nSent: 2 December 2026 10:00\nTo: Ward 3 <ward3@nhs.net>\n"
     "Subject: pickup\n\nAny clinical needs we should know about? Please ask Sarah Jones to ring me on 0113 496 0000.\n"),
    ("Yes - he has sickle cell disease and will need a side room.\n\n"
     "From: Transport <desk@transport-example.co.uk>\nSent: 2 December 2026 10:00\nTo: Ward 3 <ward3@nhs.net>\n"
     "Subject: pickup\n\nAny clinical needs? Our driver will be Gary Sampleton.\n"),
    # a chain about a colleague off sick
    ("Hi Jo - he has flu and will be off sick until Monday, so please cover his shifts.\n\n"
     "From: Rota Office <rota@example.nhs.uk>\nSent: Monday, 7 December 2026 09:00\nTo: Jo Planner <jo@example.nhs.uk>\n"
     "Subject: Nights\n\nCan Liam Sampleton do Thursday night?\n"),
]


@pytest.mark.parametrize("text", CHAIN_TRAPS, ids=[str(i) for i in range(len(CHAIN_TRAPS))])
def test_no_patient_across_a_chain_that_names_none_or_several(text: str) -> None:
    assert patients(text) == {}, text


# --- a reply's quote marks alone on a line end a paragraph, as a blank line does -----------------

def test_a_forwarded_relatives_complaint_under_quote_marks_is_read() -> None:
    text = (
        "For my records.\n\nSent from my iPhone\n\nBegin forwarded message:\n\n"
        "> From: Mary Sampleton <mary.s@example.net>\n"
        "> To: Ward 4 Sister <ward4@nhs.net>\n"
        "> Subject: My mother\n>\n> Dear Sister,\n>\n"
        "> I came to see Mum (Edith Sampleton, bed 6) after work and she was very drowsy. The doctor "
        "told me she has a kidney infection and is back on IV antibiotics.\n>\n> Mary\n"
    )
    assert patients(text) == {"patient_name": 1}
    # ... the same words, no one named
    assert patients(text.replace(" (Edith Sampleton, bed 6)", "")) == {}


def test_a_lexicons_urine_infection_words() -> None:
    assert patients("Mrs Doreen Example has a urinary infection.") == {"patient_name": 1}
    assert patients("Mr Stan Example has a bladder infection again.") == {"patient_name": 1}


# --- a named person's infection, procedure or birth told to an outside body ------------------------

OUTSIDE_BODIES = [
    # an estates job: the room's occupant and their infection
    "Please delay the decorating in side room 5. The room is occupied by Mrs Joyce Examplefield, who has "
    "norovirus, and she cannot be moved yet.",
    # the occupant of a bed or a room is a patient, whatever training their care involves
    "Access: side room 2 currently occupied by Mr Femi Examplewood (peritoneal dialysis training, "
    "ESBL carrier - gloves and apron).",
    "Bed 7: Mrs Orla Sampleby, stoma care training this week, bowel cancer.",
    # an overseas visitor's invoice: a relative clause after an aside, a birth
    "We write regarding Mrs Leila Sampleova (passport ending 9012), who stayed with us for six nights in late "
    "October and was delivered by emergency caesarean section. The invoice remains unpaid.",
    "Ms Dana Examplova gave birth by caesarean section on 2 October and is chargeable.",
    "Ms Dana Examplova delivered by caesarean section on 2 October.",
    # a capitalised name cut by a long line's wrap, then the procedure
    "We are writing about Mrs Leila Sampleova (passport ending 9012), who was treated at Example County\n"
    "General Hospital and had an emergency appendicectomy there on 2 October. She is chargeable.",
]


@pytest.mark.parametrize("text", OUTSIDE_BODIES, ids=[t[:40] for t in OUTSIDE_BODIES])
def test_a_named_persons_infection_or_procedure_told_to_an_outside_body(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


OUTSIDE_BODY_TRAPS = [
    # work delivered or given by a named person: a talk, training
    "Ms Dana Examplova delivered the sepsis training to the night staff on 2 October.",
    "Seminar room 3 is occupied by the stoma care training group, led by Ms Dana Examplova.",
    "Ms Dana Examplova gave a talk on caesarean section rates at the regional meeting.",
    # a byline's "by", no occupant's
    "The new guidance on norovirus was written by Mrs Joyce Examplefield, our infection control lead.",
    # a relative clause about a person's work
    "We welcome Mrs Leila Sampleova, who joins us from the labour ward and leads our caesarean section audit.",
    # a signature's lines are not a wrapped sentence
    "Please find the invoice attached.\n\nLeila Sampleova\nAccounts Receivable Officer | Financial Services Team\n"
    "Example County General Hospital, Maternity Unit",
]


@pytest.mark.parametrize("text", OUTSIDE_BODY_TRAPS, ids=[t[:40] for t in OUTSIDE_BODY_TRAPS])
def test_work_a_byline_and_a_signature_name_no_patient(text: str) -> None:
    assert patients(text) == {}, text
