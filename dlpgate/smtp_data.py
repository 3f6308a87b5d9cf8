"""Fast SMTP DATA: read the message in large chunks instead of one line at a time.

aiosmtpd reads DATA with one readuntil(b"\\r\\n") per line: some 26,000 awaits
for a 2 MB message, most of the CPU time of a relay. Here the StreamReader is
asked for the terminating <CRLF>.<CRLF> directly (readuntil, which searches its
buffer in C), in pieces of up to CHUNK bytes, and the message is then
dot-unstuffed with one split and join (typed DotFree when it had no dot to
remove, which the relay's dot-stuffing then skips).

The result is byte for byte what aiosmtpd 1.4.6 produces (tests/smtpdata/ checks
that against aiosmtpd itself):

- Lines end with CRLF only. A bare LF or bare CR is data, as in aiosmtpd: it
  ends no line and "\\n.\\n" ends nothing. The bytes are kept as received (the
  relay writes them out CRLF-normalised, as any SMTP client must).
- The message ends at the first line that is a single dot, the very first line
  included (an empty message is "DATA", then ".").
- Dot-unstuffing: a line that starts with "." loses that one dot.
- SIZE: the bytes counted are those received before the final ".\\r\\n", dots
  and CRLFs included (aiosmtpd's count). Over the limit, the rest is still read
  up to the terminator (so the session stays in step) and discarded as it comes,
  then the answer is 552.
- Line length: a line longer than max_line_length bytes (as received, the
  transparency dot included, CRLF not) makes the answer 500 once the message is
  in. aiosmtpd's own limit is 999 (1001 with the CRLF); dlpgate's default is
  far higher (smtp.max_line_length): it sits behind the organisation's own MTA,
  and refusing a long line only bounces real mail that the next hop would take.
  When a message is both too large and has a too-long line, the answer is 552.

Nothing after the terminator is consumed: a command pipelined straight after
the dot (RSET, QUIT, the next MAIL) stays in the reader for the command loop.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

TERMINATOR = b"\r\n.\r\n"
# StreamReader limit while DATA is read (dlpgate/upstream.py sets it): the
# largest piece one readuntil may return without raising LimitOverrunError. The reader pauses the socket at
# twice this, which bounds what one session buffers.
CHUNK = 256 * 1024

REPLY_TOO_BIG = "552 5.3.4 Message too big for system"
REPLY_LINE_TOO_LONG = "500 5.5.2 Line too long (see RFC 5321 4.5.3.1.6)"


@dataclass(frozen=True)
class DataResult:
    """The message (unstuffed), or the reply refusing it."""

    content: bytes | None
    error: str | None = None
    received: int = 0  # bytes counted against SIZE


def _partial_terminator(buf: bytes | bytearray) -> int:
    """Length of the longest proper prefix of TERMINATOR that buf ends with."""
    for k in (4, 3, 2, 1):
        if buf.endswith(TERMINATOR[:k]):
            return k
    return 0


def longest_line_over(data: bytes, limit: int) -> bool:
    """True if a CRLF-terminated line of data is longer than limit (CRLF not counted).

    Jumps from the last CRLF in each window of limit+2 bytes to the next, so the
    cost is a few C-level searches, not one step per line.
    """
    if len(data) <= limit:
        return False
    pos, end = 0, len(data)
    while pos < end:
        i = data.rfind(b"\r\n", pos, pos + limit + 2)
        if i == -1:
            # No line end within limit+2 bytes: this line is too long, unless
            # the data simply ends (only possible without a final CRLF).
            return end - pos > limit
        pos = i + 2
    return False


# Messages up to this size carry what is known of them in their type (DotFree
# here, canonical.Canonical): making the typed bytes is one copy of the message.
# A larger message stays plain bytes, so concurrent large messages do not hold
# a second copy each; the relay's passes over it cost little next to its
# inspection.
TYPED_MAX = 1 << 20


class DotFree(bytes):
    """Bytes with no line that starts with ".": none after a CRLF, and not the first.

    The type is the knowledge: unstuff() found no transparency dot, so
    dot_stuff() has none to add and only ends the message; bytes made from these
    by a change that keeps it (canonical.canonicalize, canonical.add_field) keep
    the type.
    """

    __slots__ = ()


def unstuff(data: bytes) -> bytes:
    """Remove the transparency dot from every line that starts with one (DotFree when there
    is none, up to TYPED_MAX bytes).

    split and join do what replace(b"\\r\\n.", b"\\r\\n") does in one search pass
    (replace counts first, then searches again).
    """
    pieces = data.split(b"\r\n.")
    if len(pieces) == 1 and data[:1] != b".":
        return DotFree(data) if len(data) <= TYPED_MAX else data
    data = b"\r\n".join(pieces)
    return data[1:] if data[:1] == b"." else data


async def read_data(
    reader: asyncio.StreamReader, size_limit: int | None = None, max_line_length: int | None = None
) -> DataResult:
    """Read one DATA body from reader (the 354 already sent), up to and including the dot line.

    One readuntil returns at most the reader's limit: the caller raises it to
    CHUNK for the read (dlpgate.upstream.SMTP.smtp_DATA).
    Raises asyncio.IncompleteReadError if the stream ends first.
    """
    parts: list[bytes] = []
    received = 0
    too_big = False

    def keep(piece: bytes) -> None:
        nonlocal received, too_big
        received += len(piece)
        if too_big:
            return
        if size_limit and received > size_limit:
            too_big = True
            parts.clear()  # discard at once, as aiosmtpd does
        else:
            parts.append(piece)

    # The DATA command's own CRLF counts as the start of the first line, so the
    # terminator may begin "before" the body: read just far enough to tell,
    # exactly, never past a terminator. (Only a run of blank lines and dots keeps
    # this loop going; its bytes go through keep() so SIZE still holds.)
    head, start = bytearray(b"\r\n"), 2
    while True:
        if head.endswith(TERMINATOR):
            keep(bytes(head[start:-3]))
            done = True
            break
        k = _partial_terminator(head)
        if not k:
            keep(bytes(head[start:]))
            done = False
            break
        if len(head) > 4096:
            keep(bytes(head[start:-k]))
            head, start = head[-k:], 0
        head += await reader.readexactly(len(TERMINATOR) - k)
    # head's tail is no prefix of the terminator, so the first terminator in
    # what follows is the end of the message.
    while not done:
        try:
            piece = await reader.readuntil(TERMINATOR)
        except asyncio.LimitOverrunError as exc:
            # exc.consumed bytes hold no complete terminator; a partial one at
            # the end stays in the reader for the next search.
            keep(await reader.readexactly(exc.consumed))
            continue
        keep(piece[:-3])
        done = True

    if too_big:
        return DataResult(None, REPLY_TOO_BIG, received)
    data = parts[0] if len(parts) == 1 else b"".join(parts)
    parts.clear()
    if max_line_length and longest_line_over(data, max_line_length):
        return DataResult(None, REPLY_LINE_TOO_LONG, received)
    return DataResult(unstuff(data), None, received)


# -- the sending side (dlpgate/actions/relay.py) ------------------------------
#
# aiosmtplib prepares DATA with two regular-expression substitutions over the
# whole message (line endings, then dot-stuffing) and a third for SIZE: about
# 50 ms of CPU for a 2 MB message. The relay makes the same bytes with
# canonical.line_endings (nothing at all for a canonical.Canonical message)
# and dot_stuff (one search, none for DotFree bytes): a few C-level passes.


def dot_stuff(normalized: bytes) -> bytes:
    """The DATA payload for a CRLF-normalised message: dot-stuffed, with the final dot line.

    One search pass (split, then join), as in unstuff; none for DotFree bytes.
    """
    if isinstance(normalized, DotFree):
        return normalized + b".\r\n"
    normalized = b"\r\n..".join(normalized.split(b"\r\n."))
    if normalized[:1] == b".":
        return b"." + normalized + b".\r\n"
    return normalized + b".\r\n"
