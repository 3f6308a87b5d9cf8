"""An Outlook item's HTML body is read as the item stores it; the HTML extract-msg would make
from its RTF or plain body (at 20 ms an item) says nothing the RTF and plain bodies, read
themselves, do not: every word of it is still read."""

from __future__ import annotations

import email
import html
import re
from email import policy
from pathlib import Path

import extract_msg

from dlpgate import mime
from tests.content.test_carriers import attached
from tests.synthetic import nhs_numbers, spaced

ROOT = Path(__file__).resolve().parents[1]
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def _items() -> list[tuple[str, bytes]]:
    """Every Outlook item the tests carry: fixtures, and the real ones in the real-mail set."""
    found = [(p.name, p.read_bytes()) for p in sorted(ROOT.rglob("*.msg")) if p.is_file()]
    for path in sorted((ROOT / "realmail").rglob("*WRAPPED*.msg.eml")):
        for part in email.message_from_bytes(path.read_bytes(), policy=policy.compat32).walk():
            body = part.get_payload(decode=True)
            if isinstance(body, bytes) and body[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                found.append((path.name, body))
    return found


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def test_every_word_of_the_html_extract_msg_would_make_is_read() -> None:
    items = _items()
    assert len(items) >= 8
    compared = 0
    for name, data in items:
        item = extract_msg.openMsg(data, delayAttachments=False)
        try:
            if item.getStream("__substg1.0_10130102") is not None:
                continue  # an HTML body the item holds is read as it is
            made = item.htmlBody
        except Exception:
            continue  # a damaged item: its bodies are read as far as they go
        finally:
            item.close()
        if not made:
            continue
        made_text = made.decode("utf-8", "replace") if isinstance(made, bytes) else str(made)
        expected = _words(html.unescape(_TAG.sub(" ", made_text)))
        parsed = mime.parse(attached("item.msg", "application/vnd.ms-outlook", data))
        read = set().union(*(_words(s.text) for s in parsed.segments))
        assert expected <= read, (name, sorted(expected - read)[:20])
        compared += 1
    assert compared >= 5


# --- signed and encrypted items: the message is in their smime.p7m ---------------------

_LETTER = "Dear Sirs,\nRe: Wendy Cho NHS {}. Diagnosis: bipolar affective disorder, detained under section 2 of the Mental Health Act.\n"


def _signed_item(body: str | None, number: str) -> bytes:
    from tests.content import smime_fixtures
    from tests.formats import docs

    entity = smime_fixtures.detached_signed(_LETTER.format(spaced(number)))[len(smime_fixtures.HEAD):]
    return docs.outlook_item("IPM.Note.SMIME.MultipartSigned", "Letter from Dr Vaughan", body,
                             [("smime.p7m", "multipart/signed", entity)])


def test_a_signed_outlook_items_message_is_read_whatever_its_body_property_says() -> None:
    from dlpgate.types import Action
    from tests.formats import docs

    number = nhs_numbers(1, seed=4711)[0]
    # an empty body property (extract-msg then gives it, not the signed text), none at all,
    # or one that says something else: the signed message is read, once
    for body in ("", None, "Please see the letter below."):
        item = _signed_item(body, number)
        parsed = mime.parse(attached("Letter from Dr Vaughan.msg", "application/vnd.ms-outlook", item))
        read = "\n".join(s.text for s in parsed.segments)
        assert read.count(spaced(number)) == 1, body
        assert "bipolar affective disorder" in read
        v = docs.verdict(docs.message(("Letter from Dr Vaughan.msg", "application/vnd.ms-outlook", item)))
        assert v.action is Action.HOLD and sum(docs.found(v, "nhs_number").values()) == 1, body


def test_an_encrypted_outlook_item_is_reported_unreadable() -> None:
    from tests.content import smime_fixtures
    from tests.formats import docs

    number = nhs_numbers(1, seed=4712)[0]
    der = smime_fixtures.enveloped_der(_LETTER.format(spaced(number)))
    item = docs.outlook_item("IPM.Note.SMIME", "Letter from Dr Vaughan", None,
                             [("smime.p7m", "application/pkcs7-mime", der)])
    parsed = mime.parse(attached("Letter from Dr Vaughan.msg", "application/vnd.ms-outlook", item))
    assert any(p.reason == "encrypted" and p.severe for p in parsed.problems), parsed.problems
