"""A patient's identifier split by a hard wrap: plain-text mail, a fixed-width report and an
Outlook reply wrap lines at 72-76 characters wherever a word no longer fits, so a label's
words ("Date of" / "Birth:") or a name ("Mrs Gwendolyn" / "Whitaker (17/03/1952)") may sit on
two lines. Each class with the traps that must stay quiet: the end of one field and the start
of the next, a label's words in prose with no value, a column's header laid out over two lines,
a clinician's name before an event's date."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

# --- a label's words on two lines ------------------------------------------------------------

WRAPPED_LABELS = [
    # a fixed-width report wrapped at 72
    ("Further to the report issued on 28/02/2025 for Mrs Annette Example, Date of\n"
     "Birth: 11/11/1961, the HPV-positive sample shows high-grade dyskaryosis", {"dob": 1}),
    # Outlook's ">" quoted reply: the quote markers start the next line
    ("> Sarah, re Mrs Patricia Example in bed 7, her date of\n> birth is 02/08/1949 and she has MS", {"dob": 1}),
    (">> re Mrs Patricia Example, her date of\n>> birth is 02/08/1949", {"dob": 1}),
    # a letter's Re: line
    ("Re: Mr Desmond Example, Hospital\nNumber: K6612095, 14 Lark Rise, Exampleton", {"hospital_number": 1}),
    ("Please confirm the patient's hospital\nnumber K6612095 on the request form", {"hospital_number": 1}),
    ("Mr Example, Patient\nID: RX1234567, seen in clinic", {"hospital_number": 1}),
    # an indented report: both lines indented alike
    ("   Patient: Mrs J Example, Date of\n   Birth: 11/11/1961", {"dob": 1}),
    # the value on the line after the label's end
    ("Mrs Example, Date of\nBirth:\n11/11/1961", {"dob": 1}),
]


@pytest.mark.parametrize("text,expected", WRAPPED_LABELS, ids=[t[:40] for t, _ in WRAPPED_LABELS])
def test_a_label_split_by_a_hard_wrap_is_read(text: str, expected: dict[str, int]) -> None:
    assert patients(text) == expected


WRAPPED_LABEL_TRAPS = [
    # one field's end, then the next field: no label across them
    "proof of birth\nDate: 03/04/1964",
    "Place of Birth\nDate: 03/04/1964",
    "She was admitted to hospital\nRef: ABC12345",
    # a hospital's name ending its line in an address block, then a field
    "Example General Hospital\nID: RX1234567",
    # the label's words in prose, with no value after them
    "Please bring photo ID and proof of your date of\nbirth to your ID badge appointment on 11/03/2025 at 09:30",
    "please ring and quote your hospital\nnumber, which is printed on your appointment letter.",
    # another identifier's label wrapped
    "Booking for Peter Example, Band 3, Staff\nnumber: 20388120, onto Conflict Resolution on 20/03/2025.",
    # a column's header laid out over two lines: the second line indented to the column
    "Name                  Date of\n                      Birth\nOSEI, Kwame            02/05/1994   5",
    "Name      Hospital\n          Number\nOSEI, K   K1234567",
    # a label split over three lines is no wrap
    "Date\nof\nBirth: 11/11/1961",
]


@pytest.mark.parametrize("text", WRAPPED_LABEL_TRAPS, ids=[t[:30] for t in WRAPPED_LABEL_TRAPS])
def test_no_label_across_a_line_break_that_no_wrap_made(text: str) -> None:
    assert patients(text) == {}


# --- a name split before its date of birth ---------------------------------------------------

WRAPPED_NAMES = [
    "Dear IDT, please arrange a package of care for Mrs Gwendolyn\nWhitaker (17/03/1952) who has advanced heart "
    "failure and is now\nhousebound.",
    "> Dear IDT, please arrange a package of care for Mrs Gwendolyn\n> Whitaker (17/03/1952) who has heart failure.",
    "please arrange a package of care for Gwendolyn\nWhitaker 17/03/1952 who has advanced heart failure.",
    "please arrange a package of care for Mrs\nWhitaker (17/03/1952) who has advanced heart failure.",
    "please see Mrs Gwendolyn Ann\nWhitaker-Jones, 17/03/1952, advanced heart failure.",
]


@pytest.mark.parametrize("text", WRAPPED_NAMES, ids=[t[:40] for t in WRAPPED_NAMES])
def test_a_name_split_by_a_hard_wrap_before_its_date_of_birth_is_read(text: str) -> None:
    assert patients(text) == {"dob": 1}


WRAPPED_NAME_TRAPS = [
    # a speaker before an event's date; a clinician before an old date
    "Places remain on the Heart Failure Study Day led by Dr Gwendolyn\nWhitaker (17/03/2025, Education Centre).",
    "Places remain on the Heart Failure Study Day led by Dr Gwendolyn\nWhitaker (17/03/1995) diuretics in heart failure",
    "Heart failure talk written by Gwendolyn\nWhitaker (17/03/1999).",
    # the line above ends a sentence, a sign-off or a field
    "Heart failure meeting with Gwendolyn.\nWhitaker (17/03/1952) attended.",
    "Heart failure audit.\nKind regards\nWhitaker (17/03/1952)",
    "Scores for your candidate:\n\nName: Ashley Example\nDOB: 03/09/1995\nImpression: Strong on sepsis recognition",
    # a day's name before its date, under a signature
    "Thanks for the heart failure update, Jane Example\nMonday 03/09/2021",
]


@pytest.mark.parametrize("text", WRAPPED_NAME_TRAPS, ids=[t[:40] for t in WRAPPED_NAME_TRAPS])
def test_no_name_joined_across_a_line_that_ends_elsewhere(text: str) -> None:
    assert patients(text) == {}


# --- a sentence of prose cut by a hard wrap ------------------------------------------------------

WRAPPED_PROSE = [
    "Hello all,\n\nA quick update: Joan Example was admitted to Ward 14 on Sunday after\na relapse of her MS and is on IV steroids.",
    "For info, Peter Example was taken to A&E at the weekend with chest pain and\nhas had a stent.",
    "> Can you let the family know that Mrs Rita Example was diagnosed with\n> bowel cancer on Friday?",
    "Thanks for yesterday. As agreed, Mr Alan Example has been started on the\nwarfarin and the INR clinic will see him on Monday.",
]


@pytest.mark.parametrize("text", WRAPPED_PROSE, ids=[t[:40] for t in WRAPPED_PROSE])
def test_a_sentence_cut_by_a_hard_wrap_is_read_whole(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


WRAPPED_PROSE_TRAPS = [
    # a line that ends a sentence or a field, a short line, a list's rows: not joined
    "Agenda for the diabetes network meeting on Tuesday 4 May, all welcome:\nJane Example - insulin pump audit",
    "Jane Example\nDiabetes Specialist Nurse",
    "Our speaker this month is Dr Jane Example, who will talk about\nheart failure in older people.",
    "Minutes: Jane Example presented the sepsis audit results for the\nwhole trust, 92% compliance.",
]


@pytest.mark.parametrize("text", WRAPPED_PROSE_TRAPS, ids=[t[:40] for t in WRAPPED_PROSE_TRAPS])
def test_joining_a_wrap_makes_no_one_a_patient(text: str) -> None:
    assert patients(text) == {}, text


def test_joined_wraps_keep_every_place() -> None:
    from dlpgate.detectors.identifiers import joined_wraps

    text = "> She was admitted to the stroke unit overnight and was seen by\n> the team, then\r\nlater"
    joined = joined_wraps(text)
    assert joined is not None and len(joined) == len(text)
    assert "seen by   the team" in joined and "then\r\nlater" in joined  # a short line is its writer's
    assert joined_wraps("Name: Jane Example\nDOB: 01/02/1950\n- HIV positive\n") is None


def _joined_line_by_line(text: str) -> str | None:
    """joined_wraps as its rule reads, line by line: the form the one-pattern search must match."""
    from dlpgate.detectors import identifiers as i

    out, pos, n = None, 0, len(text)
    while (brk := text.find("\n", pos)) >= 0 and brk + 1 < n:
        line = text[pos:brk].rstrip("\r")
        lead = i._QUOTE_PREFIX_RE.match(line)
        body = line[lead.end():].rstrip()  # type: ignore[union-attr]
        nxt_end = text.find("\n", brk + 1)
        nxt = text[brk + 1:n if nxt_end < 0 else nxt_end]
        nlead = i._QUOTE_PREFIX_RE.match(nxt)
        nbody = nxt[nlead.end():]  # type: ignore[union-attr]
        if (len(body) >= i._WRAP_MIN and body[-1] not in ".!?:;" and nbody[:1].isalnum()
                and line[:lead.end()].count(">") == nxt[:nlead.end()].count(">")  # type: ignore[union-attr]
                and (nbody[0].islower() or body.rsplit(None, 1)[-1].lower() in i._WRAP_WORDS
                     or i._name_cut(body, nbody))):
            out = out or list(text)
            for k in range(pos + len(line), brk + 1 + nlead.end()):  # type: ignore[union-attr]
                out[k] = " "
        pos = brk + 1
    return None if out is None else "".join(out)


def test_joined_wraps_finds_the_breaks_a_line_by_line_reading_finds() -> None:
    import random

    from dlpgate.detectors.identifiers import joined_wraps

    pieces = ["\xa0", "\r", "\x0b", "\u017f", "\u0130", "word ", "Word ", "the ", "to ", "her ", "x" * 30 + " ",
              "long line of prose text here ", "\n", "\r\n", "> ", ">> ", "\n> ", ".", "!", ":", ",", "\u00e9",
              "\u00c9 ", "1", "_", " ", "\t", "\n\n", "- ", "\u03a9 "]
    rng = random.Random(5)
    joined = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        want = _joined_line_by_line(text)
        assert joined_wraps(text) == want, repr(text)
        joined += want is not None
    assert joined > 300


# --- a word hyphenation split at a line's end ------------------------------------------------------

HYPHENATED = [
    # a PDF's text pasted into a mail: the key words cut over two lines
    "Hi, for the HR file: Mr Kenneth Example (staff no. 55120) attended on Monday. He was diag-\n"
    "nosed with multiple scle-\nrosis and is now tak-\ning fingolimod.",
    "Re Ms Poppy Example: she has been re-\nferred with suspected ano-\nrexia and is to start psycho-\nlogy next week.",
]


@pytest.mark.parametrize("text", HYPHENATED, ids=[t[22:52] for t in HYPHENATED])
def test_a_word_split_by_hyphenation_is_read_whole(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


def test_hyphenation_joins_only_lower_case_words_and_keeps_places() -> None:
    from dlpgate.detectors.health_terms import _unhyphenated

    text = "a focal epi-\n  lepsy, then more"
    joined = _unhyphenated(text)
    assert joined is not None and len(joined) == len(text)
    assert joined.startswith("a focal epilepsy ") and joined.endswith(", then more")
    assert _unhyphenated("book a follow-\nup visit and self-\nharm review") is None  # compounds
    assert _unhyphenated("Ward-\nB, 2-\n3, x-\nray, Smith-\nJones") is None


def test_joining_hyphenated_words_makes_no_one_a_patient() -> None:
    assert patients("Our speaker Dr Jane Example will talk about epi-\nlepsy in older people.") == {}
    assert patients("Leaflet proof: if you have been diag-\nnosed with diabetes, ask your nurse.") == {}
