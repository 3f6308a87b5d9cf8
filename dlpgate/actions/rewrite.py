"""Rewrite a message so that no external recipient sees the others. Pure.

Works on the raw header block of the canonical form (dlpgate/canonical.py: CRLF
line endings, a header block of header fields only), so the body stays
byte-identical and the fields removed here are exactly the fields the
inspection read.
  bcc:   To becomes "undisclosed-recipients:;"; every other visible recipient
         list (Cc, Bcc, Resent-To, Resent-Cc, Resent-Bcc, Mail-Followup-To,
         Mail-Reply-To, a Reply-To of more than one address, as the inspection
         counts them) is removed, however many times it occurs; envelope unchanged.
  split: one copy per external recipient with only that address in To;
         internal recipients get one copy with the original headers.
"""

from __future__ import annotations

from dlpgate.addresses import is_internal
from dlpgate.canonical import CRLF, add_field, canonicalize, header_end
from dlpgate.mime.headers import field_addresses

ACTION_HEADER = b"X-DLPGate-Action"
# Fields that show recipients to whoever reads the message. A Resent-* block
# stays valid without them (Resent-Date and Resent-From are its required fields).
RECIPIENT_FIELDS = frozenset(
    {b"to", b"cc", b"bcc", b"resent-to", b"resent-cc", b"resent-bcc", b"mail-followup-to", b"mail-reply-to"}
)


def _recipient_fields(fields: list[bytes]) -> set[bytes]:
    """The names of the fields that show recipients: the lists above, and Reply-To when
    its occurrences carry more than one address (one is where replies go: the sender's,
    a team's mailbox). The addresses are counted as the inspection reads them
    (dlpgate.mime.headers.field_addresses: encoded words decoded, "=?utf-8?B?...?=" that
    holds a whole list, "<=?utf-8?q?a=40gmail.com?=>"), not by the "@" of the raw bytes."""
    names = set(RECIPIENT_FIELDS)
    reply_to = [_value(f) for f in fields if _name(f) == b"reply-to"]
    if reply_to and sum(1 for a in field_addresses(reply_to) if "@" in a) > 1:
        names.add(b"reply-to")
    return names


def split_headers(raw: bytes) -> tuple[list[bytes], bytes]:
    """(logical header fields with their folded lines, the rest from the empty line on), canonical input."""
    end = header_end(raw)
    head, rest = raw[:end], raw[end:]
    fields: list[bytes] = []
    for line in head.split(CRLF)[:-1] if head else []:
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += CRLF + line
        else:
            fields.append(line)
    return fields, rest


def _name(field: bytes) -> bytes:
    return field.split(b":", 1)[0].strip().lower()


def _value(field: bytes) -> str:
    """A field's raw value as the parser reads it (compat32: 8-bit bytes as surrogates)."""
    return field.partition(b":")[2].decode("ascii", "surrogateescape")


def add_header(raw: bytes, name: str, value: str) -> bytes:
    """Prepend a header field; the rest of the message is left untouched (a Canonical stays one)."""
    return add_field(raw, f"{name}: {value}".encode())


def _replace_recipients(raw: bytes, to_value: str) -> bytes:
    fields, rest = split_headers(canonicalize(raw))
    shown = _recipient_fields(fields)
    out = [f for f in fields if _name(f) not in shown]
    out.append(b"To: " + to_value.encode("utf-8"))
    return b"".join(f + CRLF for f in out) + rest


def rewrite_bcc(raw: bytes) -> bytes:
    return add_header(_replace_recipients(raw, "undisclosed-recipients:;"), ACTION_HEADER.decode(), "rewrite; mode=bcc")


def split_copies(
    raw: bytes, rcpt_tos: tuple[str, ...], internal_domains: tuple[str, ...]
) -> list[tuple[tuple[str, ...], bytes]]:
    """[(envelope recipients, message bytes)], one copy per external recipient."""
    raw = canonicalize(raw)
    internal = tuple(r for r in rcpt_tos if is_internal(r, internal_domains))
    copies: list[tuple[tuple[str, ...], bytes]] = []
    if internal:
        copies.append((internal, add_header(raw, ACTION_HEADER.decode(), "rewrite; mode=split; internal copy")))
    for rcpt in rcpt_tos:
        if rcpt in internal:
            continue
        body = _replace_recipients(raw, f"<{rcpt}>")
        copies.append(((rcpt,), add_header(body, ACTION_HEADER.decode(), "rewrite; mode=split")))
    return copies
