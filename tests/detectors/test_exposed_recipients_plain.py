"""A list of plain addresses is read as email.utils.getaddresses reads it.

``exposed_recipients.visible_pairs`` reads a list whose every entry is plain
without getaddresses; on the recipient lists of every test message (To, Cc,
Resent-To, Resent-Cc, Bcc as mime.parse gives them) and on seeded lists of
plain and not-quite-plain addresses it must give what ``getaddresses`` gives.

``exposed_recipients._plain`` reads a plain address without email_validator;
on every address of those lists, and on seeded addresses (case, dots, IDNA
"xn--" domains, the domains of inboxes with rules of their own, addresses the
validator refuses), it must give what ``_validated`` gives whenever it answers.
"""

from __future__ import annotations

import random
from email.utils import getaddresses
from pathlib import Path

from dlpgate import mime
from dlpgate.detectors.exposed_recipients import _SAME_INBOX, _plain, _validated, visible_pairs
from dlpgate.mime.headers import PLAIN_ADDRESS

TESTS = Path(__file__).resolve().parents[1]


def _mail_lists() -> list[list[str]]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        msg = mime.parse(path.read_bytes())
        out.append([*msg.to, *msg.cc, *msg.resent_to, *msg.resent_cc, *msg.bcc])
        out.extend([a] for a in [*msg.to, *msg.cc, *msg.from_])
    return out


_PIECES = ["a", "Z", "0", "bob", "o'brien", "x+tag", "a_b", "-", "!", "#", "$", "%", "&", "*", "/", "=", "?", "^",
           "`", "{", "|", "}", "~", ".", "..", "@", "@@", " ", "\t", ",", ";", ":", "<", ">", "(", ")", '"', "[", "]",
           "\\", "é", "\u00a0", "nhs", "net", "-x", "x-", "1"]


def _seeded(n: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        entries = []
        for _ in range(rng.randint(0, 4)):
            if rng.random() < 0.6:  # mostly plain, to exercise the quick path
                local = ".".join(rng.choice(["a", "bob", "o'brien", "x+tag", "a_b", "{x}", "1", "~u"])
                                 for _ in range(rng.randint(1, 3)))
                domain = ".".join(rng.choice(["nhs", "net", "x-y", "-x", "uk", "1"]) for _ in range(rng.randint(1, 3)))
                entry = f"{local}@{domain}"
            else:
                entry = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 8)))
            entries.append(entry)
        out.append(entries)
    return out


def test_plain_lists_read_as_getaddresses_reads_them() -> None:
    lists = _mail_lists() + _seeded(30000, seed=5)
    plain = 0
    for entries in lists:
        # each entry as getaddresses reads it alone (a broken quote in one swallows no other)
        assert visible_pairs(entries) == [p for e in entries for p in getaddresses([e])], entries
        if entries and all(PLAIN_ADDRESS.fullmatch(e) for e in entries):
            assert visible_pairs(entries) == getaddresses(entries), entries
        plain += bool(entries) and all(PLAIN_ADDRESS.fullmatch(e) for e in entries)
    assert plain > 5000


def test_one_person_is_one_person() -> None:
    """An address Outlook writes with itself in quotes as its display name, and one Gmail
    inbox written with and without its dots, are one person each."""
    from email import message_from_string

    from dlpgate.mime.headers import addresses

    msg = message_from_string('To: "\'margaret.example52@btinternet.com\'" <margaret.example52@btinternet.com>\n\nHi\n')
    assert addresses(msg, "to") == ("margaret.example52@btinternet.com",)
    from dlpgate.detectors.exposed_recipients import _normalise

    assert _normalise("Jane.Example@gmail.com")[0] == _normalise("janeexample+clinic@googlemail.com")[0]
    assert _normalise("jane.example@outlook.com")[0] != _normalise("janeexample@outlook.com")[0]


def test_private_people_at_isps_and_their_subdomains() -> None:
    """Older UK ISPs give each customer a subdomain; .me.uk is a registry for private people."""
    from pathlib import Path

    from dlpgate.detectors.exposed_recipients import domain_in, load_domain_list

    webmail = load_domain_list(str(Path(__file__).resolve().parents[2] / "dlpgate" / "data" / "webmail_domains.txt"))
    for domain in ("example0.plus.com", "jane.me.uk", "tesco.net", "ukr.net", "hotmail.com.br"):
        assert domain_in(domain, webmail), domain
    assert not domain_in("example-trust.nhs.uk", webmail)



_DOMAINS = ["nhs.net", "NHS.uk", "gmail.com", "GoogleMail.com", "googlemail.com.", "outlook.com", "Hotmail.co.uk",
            "pm.me", "me.com", "mac.com", "mail.gmail.com", "xn--bcher-kva.example", "XN--bcher-kva.de", "localhost",
            "1.2.3.4", "x_y.org", "-x.com", "x-.com", "a..b.com", "example.com", "EXAMPLE.CO.UK", "a" * 64 + ".com",
            "test", "x.invalid", "x.local", "123", *_SAME_INBOX]


def test_plain_addresses_read_as_the_validator_reads_them() -> None:
    rng = random.Random(9)
    addresses = {a for entries in _mail_lists() for e in entries for _name, a in getaddresses([e]) if a}
    for _ in range(20000):
        local = "".join(rng.choice(["a", "Bob", "o'brien", "x+tag", "a_b", "{x}", "1", "~u", ".", "..", "-", "=", "%",
                                    "!", "é", " ", '"', "@"]) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.05:
            local = local * 30  # longer than a local part may be
        addresses.add(f"{local}@{rng.choice(_DOMAINS)}".strip())
    answered = 0
    for addr in sorted(addresses):
        if not addr.isascii() or not addr:
            continue
        got = _plain(addr)
        if got is not None:
            answered += 1
            assert got == _validated(addr), addr
    assert answered > 5000
