"""The calendar reader takes a property without parameters, escapes or a data: URI as
written, before its general reading: on random calendars and cards, and on every calendar
and card in the real-mail set, it reads exactly what the general reading does."""

from __future__ import annotations

import email
import random
from email import policy

import pytest

from dlpgate import mime
from dlpgate.mime.formats import calendar
from tests.realmail.harness import message_files

NAMES = ["SUMMARY", "DESCRIPTION", "X-ALT-DESC", "TZID", "TZNAME", "item1.TEL", "NOTE", "PHOTO", "ATTACH", "LOCATION", "N", "FN"]
VALUES = [
    "Clinic review", "Patient: Mrs Example", "NHS No: 943 476 5919", "Europe/London(STD)", "GMT Standard Time",
    "line one\\nline two", "a\\, b\\; c", "data:image/png;base64,iVBORw0KGgo=", "DATA:text/plain,hi", "", "  ",
    "12345 67890", "Ward 3: bay 2", "+0100", "BST",
]
PARAMS = ["", "", "", ";LANGUAGE=en-GB", ";ENCODING=QUOTED-PRINTABLE", ';CN="Dr Example"', ";VALUE=TEXT"]


def _read(raw: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    monkeypatch.setattr(calendar, "_PLAIN_FAST", fast)
    parsed = mime.parse(raw)
    return [(s.where, s.text) for s in parsed.segments] + [(p.reason, p.where) for p in parsed.problems]


def _message(body: bytes) -> bytes:
    head = b"From: a@example-trust.nhs.uk\r\nTo: b@example.org\r\nSubject: invite\r\n"
    head += b"Content-Type: text/calendar; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    return head + body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def test_random_calendars_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    for _ in range(300):
        lines = ["BEGIN:VCALENDAR", "BEGIN:VEVENT"]
        for _ in range(rng.randrange(1, 12)):
            lines.append(f"{rng.choice(NAMES)}{rng.choice(PARAMS)}:{rng.choice(VALUES)}")
            if rng.random() < 0.2:
                lines.append(" continued " + rng.choice(VALUES))  # a folded line
        lines += ["END:VEVENT", "END:VCALENDAR"]
        raw = _message("\n".join(lines).encode())
        assert _read(raw, True, monkeypatch) == _read(raw, False, monkeypatch), lines


def test_real_calendars_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = 0
    for path in message_files():
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.compat32)
        for part in msg.walk():
            name = (part.get_filename() or "").lower()
            if part.get_content_type() in ("text/calendar", "text/vcard", "text/x-vcard") or name.endswith((".ics", ".vcf")):
                data = part.get_payload(decode=True)
                if isinstance(data, bytes) and data:
                    seen += 1
                    raw = _message(data)
                    assert _read(raw, True, monkeypatch) == _read(raw, False, monkeypatch), path.name
    assert seen >= 100
