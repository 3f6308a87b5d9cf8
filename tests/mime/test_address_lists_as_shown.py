"""Address lists read as a mail program shows them: a list in encoded words split anywhere,
links pasted with "mailto:", many groups, invisible characters, a broken quote."""

from __future__ import annotations

from email import message_from_bytes
from email.header import Header
from email.policy import compat32

from dlpgate.mime import headers as H

PEOPLE = [(f"Siân Example{i}", f"person{i}@gmail.com") for i in range(8)]


def to_of(to_header: str) -> tuple[str, ...]:
    raw = f"From: a@example-trust.nhs.uk\r\nTo: {to_header}\r\nSubject: x\r\n\r\nbody\r\n".encode()
    return H.addresses(message_from_bytes(raw, policy=compat32), "to")


def test_a_list_in_encoded_words_split_anywhere_shows_every_address() -> None:
    # what email.header.Header writes for a whole list when a name is not ASCII
    for charset in ("utf-8", "iso-8859-1"):
        encoded = Header(", ".join(f"{n} <{a}>" for n, a in PEOPLE), charset).encode()
        got = {a.lower() for a in to_of(encoded)}
        assert {a for _n, a in PEOPLE} <= got, encoded


def test_mailto_links_and_many_groups_are_read_not_reported() -> None:
    links = "; ".join(f"mailto:{a}" for _n, a in PEOPLE * 8)  # 64 colons
    assert {a for _n, a in PEOPLE} <= set(to_of(links))
    groups = " ".join(f"Ward {i} relatives: r{i}@gmail.com;" for i in range(80))
    raw = f"From: a@example-trust.nhs.uk\r\nTo: {groups}\r\n\r\nx\r\n".encode()
    msg = message_from_bytes(raw, policy=compat32)
    assert H.address_problem_fields(msg) == []
    assert len(H.addresses(msg, "to")) == 80


def test_an_invisible_character_after_an_address_is_not_part_of_it() -> None:
    got = to_of('"A" <a@sky.com\u200b>, b@gmail.com\u2060')
    assert set(got) == {"a@sky.com", "b@gmail.com"}
