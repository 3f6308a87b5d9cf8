"""Rewrite a message so that no external recipient sees the others. Pure.

Works on the raw header block so the body stays byte-identical.
  bcc:   To becomes "undisclosed-recipients:;", Cc is removed; envelope unchanged.
  split: one copy per external recipient with only that address in To;
         internal recipients get one copy with the original headers.
"""

from __future__ import annotations

import re

from dlpgate.policy import domain_of, in_domains

ACTION_HEADER = b"X-DLPGate-Action"
_END = re.compile(rb"\r?\n\r?\n")


def split_headers(raw: bytes) -> tuple[list[bytes], bytes]:
    """(logical header fields with their folded lines, the rest from the blank line on)."""
    m = _END.search(raw)
    head, rest = (raw[: m.start()], raw[m.start():]) if m else (raw, b"")
    eol = b"\r\n" if b"\r\n" in head[:2000] or not head else b"\n"
    fields: list[bytes] = []
    for line in head.split(eol):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += eol + line
        else:
            fields.append(line)
    return fields, rest


def _eol(raw: bytes) -> bytes:
    i = raw.find(b"\n")
    return b"\r\n" if i > 0 and raw[i - 1 : i] == b"\r" else b"\n"


def _name(field: bytes) -> bytes:
    return field.split(b":", 1)[0].strip().lower()


def add_header(raw: bytes, name: str, value: str) -> bytes:
    """Prepend a header field; the rest of the message is left untouched."""
    return f"{name}: {value}".encode() + _eol(raw) + raw


def _rebuild(fields: list[bytes], rest: bytes, eol: bytes) -> bytes:
    return eol.join(fields) + rest


def _replace_recipients(raw: bytes, to_value: str) -> bytes:
    fields, rest = split_headers(raw)
    eol = _eol(raw)
    out: list[bytes] = []
    placed = False
    for f in fields:
        name = _name(f)
        if name == b"cc":
            continue
        if name == b"to":
            if not placed:
                out.append(b"To: " + to_value.encode("utf-8"))
                placed = True
            continue
        out.append(f)
    if not placed:
        out.append(b"To: " + to_value.encode("utf-8"))
    return _rebuild(out, rest, eol)


def rewrite_bcc(raw: bytes) -> bytes:
    return add_header(_replace_recipients(raw, "undisclosed-recipients:;"), ACTION_HEADER.decode(), "rewrite; mode=bcc")


def split_copies(
    raw: bytes, rcpt_tos: tuple[str, ...], internal_domains: tuple[str, ...]
) -> list[tuple[tuple[str, ...], bytes]]:
    """[(envelope recipients, message bytes)], one copy per external recipient."""
    internal = tuple(r for r in rcpt_tos if in_domains(domain_of(r), internal_domains))
    copies: list[tuple[tuple[str, ...], bytes]] = []
    if internal:
        copies.append((internal, add_header(raw, ACTION_HEADER.decode(), "rewrite; mode=split; internal copy")))
    for rcpt in rcpt_tos:
        if rcpt in internal:
            continue
        body = _replace_recipients(raw, f"<{rcpt}>")
        copies.append(((rcpt,), add_header(body, ACTION_HEADER.decode(), "rewrite; mode=split")))
    return copies
