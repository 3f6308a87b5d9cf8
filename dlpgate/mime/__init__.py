"""MIME parsing: raw message bytes -> :class:`~dlpgate.types.ParsedMessage`.

``parse(raw, limits, deadline, tools=..., clock=...)`` walks every part of the message (nested
messages, every alternative, attachments) and returns the text segments the
detectors scan plus the problems met on the way.  It never raises on bad
input: a part that cannot be read becomes ``Problem("corrupt", where, ...)``
and the walk goes on.  The only exception it lets out is
:class:`InspectionTimeout`, checked between parts when ``deadline`` (a
value on ``clock``'s scale, ``time.monotonic`` unless another is given) is
given, and in a light parse (``light=True``) :class:`HeavyContent`, a kind of
it, at the first part that needs more than a text reader.  External programs
(OCR, the Word 97 reader) are those of ``tools`` (see dlpgate.mime.tools; the
system's own unless others are given).

Problem reasons emitted here: ambiguous, corrupt, encrypted, mismatch,
too_deep, too_large, too_many_parts, undecodable, unknown_charset, unsupported.

Every part is read as what its bytes are (dlpgate.mime.sniff), the declared
type and file name serving only as hints.  Every header a reader can see is
scanned (see dlpgate.mime.headers.scanned_headers: the first Subject is
"subject", others "header <Name>", address fields "header To (display
names)"), and so is every file name ("file name of attachment x.pdf").

Every segment is normalised (see :func:`dlpgate.mime.text.normalise`):
NFKC, zero-width / format characters removed, CRLF -> LF, non-ASCII decimal
digits mapped to 0-9; segments longer than ``limits.max_segment_chars`` are
truncated and recorded as ``Problem("too_large")``; one holding an OpenPGP message's
armour ("-----BEGIN PGP MESSAGE-----"), whatever it was read from, is recorded as
``Problem("encrypted")``.
"""

from __future__ import annotations

import time

from dlpgate.mime import fastsplit
from dlpgate.mime import headers as _headers
from dlpgate.mime.errors import HeavyContent, InspectionTimeout
from dlpgate.mime.formats import ExtractContext, Extractor, lookup, register
from dlpgate.mime.formats.smime import holds_ciphertext as _holds_ciphertext
from dlpgate.mime.text import decode_text, normalise
from dlpgate.mime.tools import Clock, Tools
from dlpgate.mime.walk import Walker, parse_bytes
from dlpgate.types import Limits, ParsedMessage, Problem, Segment

__all__ = ["parse", "HeavyContent", "InspectionTimeout", "ExtractContext", "Extractor", "lookup", "register"]


# An OpenPGP message written as text: wherever a text was read from (a plain body, an HTML
# body's lines between <br>, a <pre> block, a document), what follows it is ciphertext.
_PGP_ARMOUR = "-----BEGIN PGP MESSAGE-----"


class _Collector:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.segments: list[Segment] = []
        self.problems: list[Problem] = []
        self._seen_problems: set[Problem] = set()

    def add(self, item: Segment | Problem) -> None:
        if isinstance(item, Segment):
            self._segment(item)
        elif isinstance(item, Problem):
            self._problem(item)

    def _problem(self, problem: Problem) -> None:
        if problem not in self._seen_problems:
            self._seen_problems.add(problem)
            self.problems.append(problem)

    def _segment(self, seg: Segment) -> None:
        cap = self.limits.max_segment_chars
        text = seg.text
        original = len(text)
        if original > cap:
            text = text[:cap]
        text = normalise(text)
        if len(text) > cap:
            text = text[:cap]
        if original > cap:
            self._problem(Problem("too_large", seg.where, f"{original} characters; the first {cap} scanned"))
        if _PGP_ARMOUR in text and _holds_ciphertext(text):
            self._problem(Problem("encrypted", seg.where, "inline PGP message"))
        if text and not text.isspace():  # as text.strip(), without the copy
            self.segments.append(seg if text is seg.text else Segment(text, seg.where, seg.tabular, seg.records))


_DEFAULT_LIMITS = Limits()


def parse(
    raw: bytes,
    limits: Limits = _DEFAULT_LIMITS,
    deadline: float | None = None,
    *,
    tools: Tools | None = None,
    clock: Clock = time.monotonic,
    light: bool = False,
) -> ParsedMessage:
    """Parse one message; never raises except :class:`InspectionTimeout`.

    ``light``: read only what text readers read; at the first part that needs
    more (see dlpgate.mime.errors.HeavyContent) stop and raise HeavyContent.
    """
    walker = Walker(limits, deadline, tools, clock, light)
    out = _Collector(limits)
    walker.check_deadline()
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raw = str(raw).encode("utf-8", "surrogateescape")
    raw = bytes(raw)
    try:
        msg = parse_bytes(raw)
    except InspectionTimeout:
        raise
    except Exception as exc:  # e.g. RecursionError on absurd multipart nesting
        reason = "too_deep" if isinstance(exc, RecursionError) else "corrupt"
        out.add(Problem(reason, "message", f"{type(exc).__name__} parsing the message; raw text scanned"))
        out.add(Segment(decode_text(raw, None)[0], "message"))
        return ParsedMessage(segments=tuple(out.segments), problems=tuple(out.problems), clock=clock)

    try:
        index = fastsplit.raw_index(msg)
        from_ = _headers.addresses(msg, "from", index=index)
        to = _headers.addresses(msg, "to", index=index)
        cc = _headers.addresses(msg, "cc", index=index)
        resent_to = _headers.addresses(msg, "resent-to", index=index)
        resent_cc = _headers.addresses(msg, "resent-cc", index=index)
        bcc = _headers.addresses(msg, "bcc", "resent-bcc", index=index)
        reply_to = _headers.addresses(msg, "reply-to", "mail-followup-to", "mail-reply-to", index=index)
        subject = normalise(_headers.header_text(msg, "subject", index))
        message_id = "".join(_headers.header_text(msg, "message-id", index).split())
    except Exception:  # header helpers are defensive; this is belt and braces
        from_, to, cc, subject, message_id = (), (), (), "", ""
        resent_to, resent_cc, bcc, reply_to = (), (), (), ()

    try:
        for item in walker.walk(msg, 0, ""):
            out.add(item)
    except InspectionTimeout:
        raise
    except Exception as exc:
        out.add(Problem("corrupt", "message", f"{type(exc).__name__} walking the message"))

    return ParsedMessage(
        clock=clock,
        segments=tuple(out.segments),
        problems=tuple(out.problems),
        from_=from_,
        to=to,
        cc=cc,
        resent_to=resent_to,
        resent_cc=resent_cc,
        bcc=bcc,
        reply_to=reply_to,
        attached_recipients=tuple(walker.recipients),
        subject=subject,
        message_id=message_id,
    )
