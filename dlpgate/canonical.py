"""One canonical form for a message, made once before inspection.

What the gateway inspects, rewrites, stores and relays are the same bytes, so
no reader (the MIME parser, the rewrite, the downstream MTA, the recipient's
mail program) can see a header the others missed:

- Line endings: every bare LF and bare CR becomes CRLF, in the headers and in
  the body, and the message ends with CRLF. That is what the relay sends in any
  case (an SMTP client must); doing it first means the inspection sees it too.
- The header block holds only header fields: obsolete syntax with white space
  before the colon ("To : a@x") is written "To: a@x", and the block ends at the
  first line that is no header field (the email package's parser ends it there
  too, so a blank line is put before such a line and everyone agrees that it
  and what follows is body).

Cost: for a message with CRLF line endings and a tidy header block (almost all
mail) three C-level counts over the bytes and a look at the header lines.
"""

from __future__ import annotations

import re

CRLF = b"\r\n"
_LINE_END = re.compile(rb"\r\n|\r|\n")
# RFC 5322 field name: printable ASCII except the colon, then the colon. (The
# email package's parser also skips a line with an empty name and reads on;
# here such a line ends the block, so the parser and the next hop agree.)
_FIELD = re.compile(rb"[\x21-\x39\x3b-\x7e]+:")
# Obsolete syntax (RFC 5322 4.5.8): white space between the name and the colon.
_OBS_FIELD = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]+:")


def line_endings(raw: bytes) -> bytes:
    """Bare CR and bare LF -> CRLF; a final CRLF (aiosmtplib's normalisation, exactly)."""
    crlf = raw.count(CRLF)
    if raw.count(b"\n") != crlf or raw.count(b"\r") != crlf:
        raw = _LINE_END.sub(CRLF, raw)
    return raw if raw.endswith(CRLF) else raw + CRLF


def header_end(raw: bytes) -> int:
    """Offset of the CRLF that ends the header block (the empty line's), for CRLF text.

    A message that starts with an empty line has no header block (0); one without
    an empty line is all header block (len(raw)).
    """
    if raw.startswith(CRLF):
        return 0
    i = raw.find(b"\r\n\r\n")
    return len(raw) if i < 0 else i + 2


def header_block(raw: bytes) -> bytes:
    """The lines of the header block with their CRLFs (canonical input)."""
    return raw[: header_end(raw)]


def _tidy_headers(raw: bytes) -> bytes:
    end = header_end(raw)
    if end == 0:
        return raw
    head = raw[:end]
    lines = head.split(CRLF)
    if lines and lines[-1] == b"":
        lines.pop()
    out: list[bytes] = []
    changed = False
    for n, line in enumerate(lines):
        if line[:1] in (b" ", b"\t") and out:
            out.append(line)  # a folded line of the field above
            continue
        if n == 0 and line.startswith(b"From "):
            out.append(line)  # an mbox "From " line: the parser keeps it apart from the fields
            continue
        m = _OBS_FIELD.match(line)
        if m is not None:
            line = m.group(1) + b":" + line[m.end() :]
            changed = True
        elif _FIELD.match(line) is None:
            # Not a header field: the header block ends here, for everyone.
            rest = CRLF.join(lines[n:]) + CRLF + raw[end:]
            head_out = CRLF.join(out) + CRLF if out else b""
            return head_out + CRLF + rest
        out.append(line)
    if not changed:
        return raw
    return CRLF.join(out) + CRLF + raw[end:]


def canonicalize(raw: bytes) -> bytes:
    """The canonical form of a message (idempotent; cheap when already canonical)."""
    return _tidy_headers(line_endings(bytes(raw)))
