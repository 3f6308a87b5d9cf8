"""The whole inspection (parse -> detect -> decide) on messages in many encodings.

Each case hides one synthetic, valid, issued-range NHS number in a different
way; each must be found, in the right place, and the message held.
"""

from __future__ import annotations

import base64
import quopri

import pytest

from dlpgate import config, pipeline
from dlpgate.types import Action, Envelope
from tests.synthetic import nhs_numbers, spaced

(N,) = nhs_numbers(1, seed=99, prefix_range=(600, 799))
S = spaced(N)
EXT = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
INT = Envelope("dr.jones@example-trust.nhs.uk", ("nurse@example-trust.nhs.uk",))
HEAD = "From: dr.jones@example-trust.nhs.uk\r\nTo: someone@partner.example.org\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"


@pytest.fixture(scope="module")
def engine():
    settings = config.from_mapping({"domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]}}, config.PROJECT_CONFIG_DIR)
    return pipeline.build_engine(settings)


def msg(body: bytes, ctype: str = "text/plain; charset=utf-8", cte: str = "8bit", subject: str = "Referral") -> bytes:
    head = HEAD.format(subject=subject) + f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n"
    return head.encode() + body


def qp_split_inside_number() -> bytes:
    text = f"Patient NHS number {S} seen today.".encode()
    encoded = quopri.encodestring(text)
    cut = encoded.index(S[5:7].encode())
    return msg(encoded[:cut] + b"=\r\n" + encoded[cut:], cte="quoted-printable")


def nested(depth: int) -> bytes:
    inner = msg(f"NHS No {N}\r\n".encode())
    for level in range(depth):
        b = f"b{level}".encode()
        inner = (
            HEAD.format(subject="Fwd").encode()
            + b'Content-Type: multipart/mixed; boundary="' + b + b'"\r\n\r\n--' + b + b"\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
            + b"--" + b + b"\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--" + b + b"--\r\n"
        )
    return inner


CASES = [
    ("plain grouped", msg(f"NHS number: {S}\r\n".encode()), "message body"),
    ("plain contiguous", msg(f"NHS number: {N}\r\n".encode()), "message body"),
    ("hyphens", msg(f"NHS {N[:3]}-{N[3:6]}-{N[6:]}\r\n".encode()), "message body"),
    ("nbsp", msg(f"NHS {N[:3]}\u00a0{N[3:6]}\u00a0{N[6:]}\r\n".encode()), "message body"),
    ("thin space", msg(f"NHS {N[:3]}\u2009{N[3:6]}\u2009{N[6:]}\r\n".encode()), "message body"),
    ("full-width digits", msg(("NHS " + "".join(chr(0xFF10 + int(d)) for d in N)).encode()), "message body"),
    ("base64", msg(base64.encodebytes(f"NHS No {S}\r\n".encode()), cte="base64"), "message body"),
    ("quoted-printable soft break inside the number", qp_split_inside_number(), "message body"),
    ("utf-16", msg(base64.encodebytes(f"NHS No {S}\r\n".encode("utf-16")), "text/plain; charset=utf-16", "base64"), "message body"),
    ("latin-1", msg(f"Patient café NHS {S}\r\n".encode("latin-1"), "text/plain; charset=iso-8859-1"), "message body"),
    ("unknown charset", msg(f"NHS {S}\r\n".encode(), "text/plain; charset=x-nonsense"), "message body"),
    ("html split by tags", msg(f"<p>NHS: <b>{N[:3]}</b>&nbsp;{N[3:6]} <i>{N[6:]}</i></p>".encode(), "text/html"), "message body"),
    ("html entities", msg(("<p>NHS&#58; " + "".join(f"&#{ord(c)};" for c in S) + "</p>").encode(), "text/html"), "message body"),
    ("rfc 2047 subject", msg(b"see subject\r\n", subject=f"=?utf-8?B?{base64.b64encode(f'NHS {S}'.encode()).decode()}?="), "subject"),
    ("nested message two deep", nested(2), "attached message > attached message"),
]


@pytest.mark.parametrize("name, raw, where", CASES, ids=[c[0] for c in CASES])
def test_number_is_found_and_held_whatever_the_encoding(engine, name, raw, where):
    verdict = pipeline.inspect(raw, EXT, engine)
    places = [f.where for f in verdict.findings if f.kind == "nhs_number"]
    assert verdict.action == Action.HOLD, (name, verdict.findings, verdict.problems)
    assert any(p.startswith(where) for p in places), places


def test_same_message_to_internal_or_secure_recipients_is_delivered(engine):
    raw = msg(f"NHS number: {S}\r\n".encode())
    assert pipeline.inspect(raw, INT, engine).action == Action.DELIVER
    secure = Envelope(EXT.mail_from, ("gp.practice@nhs.net",))
    assert pipeline.inspect(raw, secure, engine).action == Action.DELIVER


@pytest.mark.parametrize(
    "text, action",
    [
        ("Please call me on 07700 900123 about the rota.", Action.DELIVER),
        ("Tel: +44 7700 900019", Action.DELIVER),
        ("Our switchboard is 0113 496 0000, fax 0113 496 0001.", Action.DELIVER),
        ("We discussed depression awareness week and the flu campaign.", Action.DELIVER),
        ("Re: Jane Doe, DOB 03/04/1967. Diagnosis: HIV, started PrEP.", Action.HOLD),
        ("Name,Date of birth,Diagnosis\nA,01/02/1970,schizophrenia\nB,02/03/1980,bipolar disorder\n", Action.HOLD),
        ("Hospital No: RTX1234567 - chemotherapy cycle 3 booked.", Action.HOLD),
    ],
)
def test_health_and_phone_semantics(engine, text, action):
    assert pipeline.inspect(msg(text.encode()), EXT, engine).action == action


def test_exposure_counts_only_visible_external_addresses(engine):
    to = ", ".join(f"p{i}@gmail.com" for i in range(3))
    raw = (f"From: a@example-trust.nhs.uk\r\nTo: {to}\r\nSubject: x\r\n\r\nhello\r\n").encode()
    assert pipeline.inspect(raw, EXT, engine).action == Action.REWRITE
    one_org = ", ".join(f"p{i}@partner.example.org" for i in range(30))
    raw = (f"From: a@example-trust.nhs.uk\r\nTo: {one_org}\r\nSubject: x\r\n\r\nhello\r\n").encode()
    assert pipeline.inspect(raw, EXT, engine).action == Action.DELIVER
    bcc_only = b"From: a@example-trust.nhs.uk\r\nTo: undisclosed-recipients:;\r\nSubject: x\r\n\r\nhello\r\n"
    assert pipeline.inspect(bcc_only, Envelope(EXT.mail_from, tuple(f"p{i}@gmail.com" for i in range(9))), engine).action == Action.DELIVER


def test_deadline_in_the_past_raises_timeout(engine):
    import time

    with pytest.raises(pipeline.InspectionTimeout):
        pipeline.inspect(msg(b"hello"), EXT, engine, deadline=time.monotonic() - 1)


def test_a_cue_word_inside_another_word_is_not_a_phone_cue(engine):
    # "tel" ends "Hotel": the number after it is still an NHS number.
    raw = msg(f"Patient staying at the Hotel {N} until discharge.".encode())
    assert pipeline.inspect(raw, EXT, engine).action == Action.HOLD
    assert pipeline.inspect(msg(f"Tel {N}".encode()), EXT, engine).action == Action.DELIVER
