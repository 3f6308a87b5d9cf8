"""Frozen data passed between the stages of the pipeline.

Nothing here imports anything else from dlpgate, so every stage can depend on it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum


class Action(IntEnum):
    """What happens to a message; a higher value is more severe and wins."""

    DELIVER = 0
    REWRITE = 1
    HOLD = 2
    REJECT = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Action:
        return cls[text.upper()]


@dataclass(frozen=True)
class Envelope:
    """The SMTP envelope: who sent it, to whom, and over which connection."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    peer: str = ""
    smtputf8: bool = False
    eight_bit: bool = False


# Six or more digits (any script's) joined by up to five characters that are not letters
# or digits (">" aside: it nests places): an NHS, CHI or H&C number, a phone number or a
# date of birth, however it is grouped ("485,777,3228", "[485][777][3228]", "03/04/2001").
# A place name ("where") or a problem's detail that carries one from a file or sheet name
# would otherwise take it into notices, logs and the record. The rest of what a place may
# not show (names, addresses, health terms) is masked by dlpgate.redaction.
_LONG_NUMBER = re.compile(r"\d(?:(?:[^\w>]|_){0,5}\d)*")
_DIGIT = re.compile(r"\d")
MIN_NUMBER_DIGITS = 6  # digits a number holds for a place or a Subject to mask it (dlpgate.redaction too)


def mask_numbers(text: str) -> str:
    """``text`` with the digits of every long number in it as "#"."""
    if sum(ch.isdigit() for ch in text) < MIN_NUMBER_DIGITS:
        return text
    return _LONG_NUMBER.sub(
        lambda m: _DIGIT.sub("#", m.group()) if sum(ch.isdigit() for ch in m.group()) >= MIN_NUMBER_DIGITS else m.group(), text
    )


@dataclass(frozen=True)
class Segment:
    """A piece of text taken from a message, with where it came from.

    ``where`` is what a person reads in a notice: "message body",
    "attachment clinic-list.csv", "attachment list.xlsx, sheet Patients, row 4".
    ``tabular`` marks text whose first line holds column headers (CSV, a sheet),
    so a "Date of birth" column can identify the patients in its rows.
    ``records`` marks an export's records read again as a table, a record a row
    (dlpgate.mime.formats._records), beside the file's own text: read for which field
    is whose, its numbers and health terms not counted again.
    """

    text: str
    where: str
    tabular: bool = False
    records: bool = False


# Every Problem.reason; also the categories of `unscannable` findings that rules may name.
PROBLEM_REASONS: tuple[str, ...] = (
    "encrypted",
    "corrupt",
    "too_deep",
    "too_large",
    "too_many_parts",
    "undecodable",
    "unknown_charset",
    "timeout",
    "unsupported",
    "ambiguous",
    "mismatch",
)


@dataclass(frozen=True)
class Recipients:
    """The addresses an attached or embedded message was written to (its To and Cc), as its
    reader sees them in its header; ``where`` names the message ("attached message")."""

    where: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """Content that could not be read completely.

    ``reason`` is one of PROBLEM_REASONS: encrypted, corrupt, too_deep, too_large,
    too_many_parts, undecodable, unknown_charset, timeout, unsupported, ambiguous,
    mismatch.
    Unknown charsets that were read with a fallback are recorded with
    ``severe=False``: they are noted, but the text was still scanned.
    """

    reason: str
    where: str
    detail: str = ""
    severe: bool = True

    def __post_init__(self) -> None:
        # A name read from the message (a file's, a sheet's) can carry a number: never kept.
        object.__setattr__(self, "where", mask_numbers(self.where))
        object.__setattr__(self, "detail", mask_numbers(self.detail))


@dataclass(frozen=True)
class ParsedMessage:
    """Everything the detectors read: header facts and text segments."""

    segments: tuple[Segment, ...]
    problems: tuple[Problem, ...] = ()
    from_: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    message_id: str = ""
    # Other header fields that show recipients to whoever reads the message:
    # Resent-To, Resent-Cc, and Bcc / Resent-Bcc when a sender left them in.
    resent_to: tuple[str, ...] = ()
    resent_cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    # Where replies go (Reply-To, Mail-Followup-To, Mail-Reply-To): every mail program shows
    # it, and "Reply" writes to it, so a list of recipients there is exposed as in Cc.
    reply_to: tuple[str, ...] = ()
    # Who the messages attached or embedded in it were written to (their To and Cc), by message.
    attached_recipients: tuple[Recipients, ...] = ()
    # Work the detectors share within this one inspection (the number analysis of
    # each segment, read by the three number detectors); it goes with the message.
    shared: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # The clock the inspection's deadline is on (what pipeline.inspect was given).
    clock: Callable[[], float] = field(default=time.monotonic, compare=False, repr=False)


@dataclass(frozen=True)
class Finding:
    """One detector's result for one place in a message.

    Never holds a detected value: ``evidence`` is masked (e.g. "*** *** 5919"
    or "[mental health term]"), ``count`` is how many instances were found.
    ``category`` refines the kind (health term category, phone-like etc.).
    ``identifies_patient`` marks findings that make a patient identifiable.
    """

    detector: str
    kind: str
    where: str
    count: int
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    category: str = ""
    identifies_patient: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "where", mask_numbers(self.where))  # as Problem.where


@dataclass(frozen=True)
class RuleHit:
    name: str
    action: Action
    audit_only: bool = False
    sender_release: bool = False


@dataclass(frozen=True)
class Verdict:
    """The decision for one message."""

    action: Action
    hits: tuple[RuleHit, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    external_recipients: tuple[str, ...] = ()
    message_id: str = ""
    subject: str = ""
    sha256: str = ""
    inspect_ms: float = 0.0

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(h.name for h in self.hits)

    @property
    def acting_rules(self) -> tuple[str, ...]:
        return tuple(h.name for h in self.hits if not h.audit_only and h.action == self.action)


@dataclass(frozen=True)
class Limits:
    """Bounds on what one message may make the parser do; going past one is a Problem.

    Each field is also a key of the config's [inspection] table, whose settings extend this class.
    """

    max_depth: int = 8
    max_parts: int = 10000
    max_segment_chars: int = 20_000_000
    max_expanded_bytes: int = 200 * 1024 * 1024
    max_expansion_ratio: int = 100
    max_archive_members: int = 10_000
    # Read images and scanned PDF pages with tesseract (inspection.ocr).
    ocr: bool = False


@dataclass(frozen=True)
class HostPort:
    """A TCP address, from "host:port" or "[v6 address]:port" (the brackets are not kept)."""

    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> HostPort:
        """Raises ValueError (saying what is wrong, not where) on anything else; port 0 is allowed."""
        host, sep, port = text.rpartition(":")
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        if not sep or not host or "[" in host or "]" in host or not (port.isascii() and port.isdigit()) or int(port) > 65535:
            raise ValueError(f"must be host:port, got {text!r}")
        return cls(host, int(port))

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


@dataclass(frozen=True)
class DetectorContext:
    """What detectors may know beyond their own options, fixed at start-up."""

    internal_domains: tuple[str, ...] = ()
    secure_domains: tuple[str, ...] = ()
    config_dir: str = "config"
    # The webmail and ISP domains' file (the exposed-recipients detector's option): every
    # detector that tells a private person's own mailbox reads the one list. "": the default.
    webmail_domains: str = ""
