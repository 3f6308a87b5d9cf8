"""Address lists read as a mail program shows them: a list in encoded words split anywhere,
links pasted with "mailto:", many groups, invisible characters, a broken quote."""

from __future__ import annotations

import unicodedata
from email import message_from_bytes
from email.header import Header
from email.policy import compat32

import pytest

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


GLUED = {
    # a right-to-left mail program's bidi embedding marks around each address
    "bidi embeddings": ", ".join(f"\u202a{a}\u202c" for _n, a in PEOPLE[:3]),
    # bidi isolates around the name and inside the angle brackets
    "bidi isolates": ", ".join(f"\u2068{n}\u2069 <\u2066{a}\u2069>" for n, a in PEOPLE[:3]),
    "right-to-left override and a tag character": ", ".join(f"\u202e{a}\U000e0041" for _n, a in PEOPLE[:3]),
    "Word's curly double quotes": ", ".join(f"\u201c{a}\u201d" for _n, a in PEOPLE[:3]),
    "curly single quotes": ", ".join(f"\u2018{a}\u2019" for _n, a in PEOPLE[:3]),
    "guillemets after a name": ", ".join(f"Person {i} \u00ab{a}\u00bb" for i, (_n, a) in enumerate(PEOPLE[:3])),
    "single guillemets": ", ".join(f"\u2039{a}\u203a" for _n, a in PEOPLE[:3]),
    "fullwidth angle brackets": ", ".join(f"Person {i} \uff1c{a}\uff1e" for i, (_n, a) in enumerate(PEOPLE[:3])),
    "HTML-escaped angle brackets": ", ".join(f"Person {i} &lt;{a}&gt;" for i, (_n, a) in enumerate(PEOPLE[:3])),
    "HTML-escaped quotes and numeric brackets": ", ".join(
        f"&quot;Person, {i}&quot; &#60;{a}&#x3E;" for i, (_n, a) in enumerate(PEOPLE[:3])
    ),
}


@pytest.mark.parametrize("name", list(GLUED))
def test_characters_glued_to_an_address_are_no_part_of_it(name) -> None:
    # else the domain reads "gmail.com\u201d", a domain no list names
    assert set(to_of(GLUED[name])) == {a for _n, a in PEOPLE[:3]}, name


@pytest.mark.parametrize("name", ["bidi embeddings", "Word's curly double quotes", "guillemets after a name"])
def test_glued_characters_in_encoded_words_too(name) -> None:
    encoded = Header(GLUED[name], "utf-8").encode()
    assert {a for _n, a in PEOPLE[:3]} <= set(to_of(encoded)), name


def test_format_characters_are_unicodes_format_class() -> None:
    for ch in ("\u00ad", "\u200b", "\u200e", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\U000e0041"):
        assert unicodedata.category(ch) == "Cf" and H.FORMAT_CHARS_RE.fullmatch(ch), hex(ord(ch))
    for ch in ("a", "\u00e2", " ", "\u00ab", "\u201c", "-"):
        assert not H.FORMAT_CHARS_RE.search(ch)


def test_plain_and_routed_addresses_are_read_as_written() -> None:
    # the harmless twins: nothing glued, nothing trimmed
    got = to_of("Siân <sian@gmail.com>, \"Jo O'Neil\" <jo.o'neil@outlook.com>")
    assert got == ("sian@gmail.com", "jo.o'neil@outlook.com")
    assert to_of('"x@gmail.com"@example-trust.nhs.uk')[0] == '"x@gmail.com"@example-trust.nhs.uk'
    assert to_of("Ben &amp; Jerry <ben&jerry@gmail.com>") == ("ben&jerry@gmail.com",)


def test_a_whole_list_in_one_encoded_word_is_its_addresses() -> None:
    import base64

    word = base64.b64encode(", ".join(a for _n, a in PEOPLE[:4]).encode()).decode()
    assert to_of(f"=?utf-8?B?{word}?=") == tuple(a for _n, a in PEOPLE[:4])


def test_the_count_of_a_fields_addresses_has_one_home() -> None:
    # what the rewrite asks of the fields it keeps: the same reading as a parsed message's
    for value in (*GLUED.values(), "=?utf-8?q?J?= <=?utf-8?q?j=40gmail.com?=>", "a@gmail.com b@sky.com"):
        assert H.field_addresses([value]) == to_of(value), value


def test_an_address_beside_a_persons_name_in_their_display_name_is_their_own() -> None:
    # as a contacts list saves a person with their other address: one person, one recipient
    for value in (
        '"Jane Reid (also jane.reid@gmail.com)" <janereid@hotmail.co.uk>',
        "Jane Reid (also jane.reid@gmail.com) <janereid@hotmail.co.uk>",
        "janereid@hotmail.co.uk (Jane Reid - home: jane.reid@gmail.com)",
        "=?utf-8?q?Si=C3=A2n_Reid_=28also_sian=40gmail=2Ecom=29?= <sian@sky.com>",
    ):
        assert len(to_of(value)) == 1, value
        assert H.field_addresses([value]) == to_of(value), value
    # what a reader or another parser takes for recipients still counts: an address in angle
    # brackets, a list, a name that is an address alone
    for value, n in (
        ('"Jane <jane.reid@gmail.com>" <janereid@hotmail.co.uk>', 2),
        ('"p1@gmail.com, p2@sky.com" <x@example-trust.nhs.uk>', 3),
        ('"Team p1@gmail.com p2@sky.com" <x@example-trust.nhs.uk>', 3),
        ('"p1@gmail.com" <x@example-trust.nhs.uk>', 2),
        ("janereid@hotmail.co.uk (Jane Reid, also jane.reid@gmail.com)", 2),
    ):
        assert len(to_of(value)) == n, value
