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

The result is a Canonical: bytes whose type says they are in this form, so the
relay sends them without normalising the line endings again, and canonicalize
returns them as they are. Functions that change a Canonical message give a
Canonical back only when the change keeps the form (add_field). What the DATA
reader learnt is kept too: a message in which it found no line starting with
"." (smtp_data.DotFree) is a DotFreeCanonical when no new line was started,
and the relay then has no dot to add.

Cost: for a message with CRLF line endings and a tidy header block (almost all
mail) two memchr-driven replaces and one comparison over the bytes, one copy,
and a look at the header lines.
"""

from __future__ import annotations

import re

from dlpgate.smtp_data import TYPED_MAX, DotFree

CRLF = b"\r\n"
# RFC 5322 field name: printable ASCII except the colon. A field is a name,
# then the colon. (The email package's parser also skips a line with an empty
# name and reads on; here such a line ends the block, so the parser and the
# next hop agree.)
_NAME = rb"[\x21-\x39\x3b-\x7e]+"
_FIELD = re.compile(_NAME + rb":")
# Obsolete syntax (RFC 5322 4.5.8): white space between the name and the colon.
_OBS_FIELD = re.compile(rb"(" + _NAME + rb")[ \t]+:")
# A header field of one line: a name, its colon, then anything but CR or LF.
_ONE_LINE_FIELD = re.compile(_NAME + rb":[^\r\n]*")
# A line after the first that _tidy_headers would change or end the block at:
# neither folded (white space first) nor a field name followed by its colon.
_UNTIDY_LINE = re.compile(rb"\r\n(?![ \t]|" + _NAME + rb":)")


class Canonical(bytes):
    """Bytes in the canonical form: made by canonicalize() (or add_field() from one)."""

    __slots__ = ()


class DotFreeCanonical(Canonical, DotFree):
    """A Canonical message in which no line starts with "." (dlpgate.smtp_data.DotFree)."""

    __slots__ = ()


def crlf_only(raw: bytes) -> bool:
    """True if every CR in raw is followed by LF and every LF follows a CR.

    Dropping every CR and then writing every LF as CRLF gives raw back exactly
    when its CRs are those of its CRLFs. Single-byte replaces find their byte
    with memchr, several times faster than counting a two-byte needle, but
    make two copies: over TYPED_MAX bytes the three counts are used instead.
    """
    if len(raw) > TYPED_MAX:
        crlf = raw.count(CRLF)
        return raw.count(b"\n") == crlf and raw.count(b"\r") == crlf
    return raw.replace(b"\r", b"").replace(b"\n", CRLF) == raw


def line_endings(raw: bytes) -> bytes:
    """Bare CR and bare LF -> CRLF; a final CRLF (aiosmtplib's normalize_message_line_endings, exactly)."""
    if not crlf_only(raw):
        # CRLF, then a bare CR, then a bare LF, each to one LF; every LF to CRLF: the regex
        # \r\n|\r|\n replaced by CRLF, with memchr-fast replaces
        raw = raw.replace(CRLF, b"\n").replace(b"\r", b"\n").replace(b"\n", CRLF)
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
    # The usual header block: a field (or an mbox "From " line) first, then only
    # fields and folded lines. The loop below would leave it as it is.
    if (raw.startswith(b"From ") or _FIELD.match(raw)) and _UNTIDY_LINE.search(raw, 0, end - 2) is None:
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
    """The canonical form of a message (idempotent; a Canonical is returned as it is).

    A Canonical up to TYPED_MAX bytes; plain bytes over it (no copy is made to
    retype a large message).
    """
    if isinstance(raw, Canonical):
        return raw
    raw = raw if isinstance(raw, bytes) else bytes(raw)
    crlf = line_endings(raw)
    # line_endings gives its input back only when it starts no new line, and
    # _tidy_headers keeps the first byte of every line: DotFree bytes stay so.
    return _typed(_tidy_headers(crlf), crlf is raw and isinstance(raw, DotFree))


def _typed(canonical: bytes, dot_free: bool) -> bytes:
    """Bytes known to be canonical as a Canonical (a DotFreeCanonical when ``dot_free``),
    up to TYPED_MAX bytes; larger ones as they are."""
    if len(canonical) > TYPED_MAX:
        return canonical
    return (DotFreeCanonical if dot_free else Canonical)(canonical)


def add_field(raw: bytes, field: bytes) -> bytes:
    """field (one header line, without its CRLF) put before raw's first line.

    Canonical when raw is, field is a header field of one line (a name, a
    colon, no CR or LF) and raw does not start with an mbox "From " line (which
    keeps its place only as the first line): then the form holds. Also DotFree
    when raw is and field does not start with ".".
    """
    out = field + CRLF + raw
    if isinstance(raw, Canonical) and _ONE_LINE_FIELD.fullmatch(field) and not raw.startswith(b"From "):
        return _typed(out, isinstance(raw, DotFree) and field[:1] != b".")
    return out
