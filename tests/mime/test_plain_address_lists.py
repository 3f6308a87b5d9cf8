"""A plain address list is read as email.utils.getaddresses reads it.

``headers.plain_pairs`` reads a list whose every entry is an addr-spec of
dot-separated atoms, alone or after a display name of plain words; on every
address field of every test message (as ``addresses`` hands them over,
unfolded) and on seeded lists of plain and not-quite-plain entries, it must
give what ``getaddresses`` gives, or decline.
"""

from __future__ import annotations

import email
import email.policy
import random
from email.utils import getaddresses
from pathlib import Path

from dlpgate.mime import headers as H

TESTS = Path(__file__).resolve().parents[1]


def _mail_values() -> list[list[str]]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
        index = H.raw_index(msg)
        for name in H.ADDRESS_FIELDS:
            values = [H._fix_8bit(H.unfold(v)) for v in index.get(name, [])]
            if values:
                out.append(values)
                out.extend([v] for v in values)
    return out


_NAMES = ["John", "Smith", "O'Brien", "Smith-Jones", "NHS", "Ward 7", "J.", "Dr", "\"Q\"", "é", "a,b", "(c)", "",
          '"Smith, John"', '"a\\"b"', '""', '" x "', '"<a@b.c>"', "John  Smith", "\t"]
_SPECS = ["a@b.org", "john.smith@nhs.net", "x+tag@example-trust.nhs.uk", "o'brien@x.uk", "a..b@c.d", ".a@b.c",
          "a@b.", "a@-b.c", "{x}@y.z", "a@b", "a b@c.d", "a@[1.2.3.4]", "@b.c", "a@", "a@b@c"]
_JOINS = [", ", ",", " , ", ",  ", ";", ", ,", ",\n"]


def _seeded(n: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        entries = []
        for _ in range(rng.randint(1, 4)):
            spec = rng.choice(_SPECS)
            r = rng.random()
            if r < 0.4:
                entries.append(spec)
            elif r < 0.9:
                name = " ".join(rng.choice(_NAMES) for _ in range(rng.randint(1, 3)))
                entries.append(f"{name}{rng.choice([' ', '', '  '])}<{spec}>")
            else:
                entries.append(f"{spec} ({rng.choice(_NAMES)})")
        value = entries[0]
        for entry in entries[1:]:
            value += rng.choice(_JOINS) + entry
        if rng.random() < 0.2:
            value = rng.choice([" ", "  ", "\t"]) + value + rng.choice(["", " ", "\t"])
        out.append([value] if rng.random() < 0.7 else [value, rng.choice(_SPECS)])
    return out


def _check(lists: list[list[str]]) -> int:
    taken = 0
    for values in lists:
        got = H.plain_pairs(values)
        if got is not None:
            assert got == getaddresses(values), values
            taken += 1
    return taken


def test_plain_address_fields_of_the_test_mail_read_as_getaddresses_reads_them() -> None:
    assert _check(_mail_values()) > 500


def test_seeded_plain_address_lists_read_as_getaddresses_reads_them() -> None:
    assert _check(_seeded(30000, seed=9)) > 1000
