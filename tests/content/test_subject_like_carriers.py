"""The fields that say what a mail or a file is about, read as its Subject is, through the
whole inspection: Outlook's Thread-Topic under a bland Subject, a tool's X-Patient header,
an attachment's Content-Description, its file name encoded (RFC 2047) or plain with the
hyphen people type; and an NHS number that names a file with the word "records" beside it.
Each with a twin that names a member of staff."""

from __future__ import annotations

import pytest

from dlpgate.types import Action
from tests.content.test_carriers import HEAD, attachment, body_part, with_parts
from tests.formats import docs
from tests.synthetic import nhs_numbers

N = nhs_numbers(2, seed=3434, prefix_range=(600, 799))
LETTER = b"Example Hospitals NHS Trust\r\nStandard letter template v3\r\n"


def note(extra: str, subject: str = "RE: update", body: str = "Hi, yes - she won't be back for two weeks.") -> bytes:
    return (HEAD + f"{extra}Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def file_named(name: str, headers: str = "") -> bytes:
    return with_parts(body_part("Please see attached."), attachment(name, "text/plain", LETTER, headers=headers))


CASES = [
    ("thread topic", note("Thread-Topic: Jacqueline Example - bipolar disorder relapse, detained s2\r\n"), True),
    ("thread topic, staff", note("Thread-Topic: Amy Example - diabetes clinic cover\r\n"), False),
    ("x-patient", note("X-Patient: Mrs Jacqueline Example - bipolar disorder\r\n", "New referral"), True),
    ("x-patient, clinician", note("X-Patient: Dr Amy Example - oncology\r\n", "New referral"), False),
    ("subject, topic first", note("", "Tenancy review - Arthur Example - dementia with Lewy bodies"), True),
    ("subject, topic first, no health", note("", "Tenancy review - Arthur Example"), False),
    ("content description", file_named(
        "letter.txt", "Content-Description: Discharge letter - Arthur Example - dementia with Lewy bodies\r\n"), True),
    ("content description, staff", file_named(
        "cv.txt", "Content-Description: Sarah Example - diabetes nurse specialist CV\r\n"), False),
    ("file name, rfc 2047", file_named("=?utf-8?Q?Kwame_Example_-_sickle_cell_crisis_admission_summary.txt?="), True),
    ("file name, plain hyphen", file_named("Mrs Sinead Example - HIV viral load results.txt"), True),
    ("file name, slides", file_named("Amy Example - HIV PrEP slides.txt"), False),
]


@pytest.mark.parametrize(("raw", "held"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_field_that_says_what_the_mail_or_file_is_about(raw: bytes, held: bool) -> None:
    v = docs.verdict(raw)
    assert (v.action == Action.HOLD) == held, (v.findings, v.problems)
    if held:
        assert docs.found(v, "patient_identifier"), v.findings


@pytest.mark.parametrize("name", [f"{N[0]}_records.pdf", f"{N[0]}.pdf", f"{N[0]}_DischargeSummary.pdf",
                                  f"{N[1]} records.txt"])
def test_a_file_named_by_an_nhs_number_and_records_is_held(name: str) -> None:
    # The word "records" after the number says whose records the file holds, not how many.
    v = docs.verdict(file_named(name.replace(".pdf", ".txt")))
    assert v.action == Action.HOLD, v.findings
    assert docs.found(v, "nhs_number"), v.findings


def test_a_count_of_records_is_still_a_count() -> None:
    v = docs.verdict(note("", "Import", f"Imported {N[0]} records into the warehouse overnight."))
    assert v.action == Action.DELIVER, v.findings
