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
