"""What the store hands out and takes in: frozen records, one per kind of row.

The repositories (quarantine.py, outbox.py, ...) turn rows into these and back;
nothing outside the store sees a row or a table.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, fields
from typing import Any

from dlpgate.report import subject_flagged
from dlpgate.store.states import OutboxKind, QuarantineState, RequestState
from dlpgate.types import Finding, Problem


class Conflict(Exception):
    """A row with that key exists already (a user name, a used request link)."""


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def _known(cls: type, data: dict) -> dict:
    """The keys of ``data`` that ``cls`` has fields for (records written by other versions may carry more)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@dataclass(frozen=True)
class StoredHit:
    """A rule that hit, as the quarantine keeps it (``action`` is the action's label)."""

    rule: str
    action: str
    audit_only: bool = False
    sender_release: bool = False


@dataclass(frozen=True)
class StoredVerdict:
    """Why a message was held, as kept beside it: kinds, counts, places, masked evidence."""

    action: str = ""
    hits: tuple[StoredHit, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    external_recipients: int = 0

    @classmethod
    def from_json(cls, data: dict) -> StoredVerdict:
        """The verdict from its stored JSON; entries that do not fit (an older layout) are left out."""
        return cls(
            action=str(data.get("action", "")),
            hits=tuple(_each(StoredHit, data.get("hits", ()))),
            findings=tuple(_each(Finding, data.get("findings", ()), evidence=tuple)),
            problems=tuple(_each(Problem, data.get("problems", ()))),
            external_recipients=int(data.get("external_recipients", 0) or 0),
        )

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def subject_flagged(self) -> bool:
        """Something was found in the Subject: it is not shown as it was."""
        return subject_flagged(self.findings)

    @property
    def exposes_recipients(self) -> bool:
        """Visible recipients a rewrite can hide: none in a meeting invitation's attendee
        list, which the message's header does not hold."""
        if any(f.kind == "exposed_recipients" and f.category == "attendees" for f in self.findings):
            return False
        return any(h.rule == "exposed_recipients" for h in self.hits) or any(
            f.kind == "exposed_recipients" for f in self.findings
        )

    def findings_by_place(self) -> dict[str, list[Finding]]:
        places: dict[str, list[Finding]] = {}
        for f in self.findings:
            places.setdefault(f.where, []).append(f)
        return places


def _each(cls: type, items: Any, **convert: Any) -> list:
    out = []
    for item in items or ():
        if not isinstance(item, dict):
            continue
        values = _known(cls, item)
        for key, fn in convert.items():
            if key in values:
                values[key] = fn(values[key])
        try:
            out.append(cls(**values))
        except TypeError:  # a required field missing
            continue
    return out


@dataclass(frozen=True)
class HeldMessage:
    id: str
    state: QuarantineState
    received: float
    sender: str
    recipients: tuple[str, ...]
    message_id: str
    subject: str
    size: int
    sha256: str
    action: str
    rules: tuple[str, ...]
    verdict: StoredVerdict
    updated: float
    updated_by: str

    def summary(self) -> dict:
        return {
            "id": self.id,
            "state": self.state,
            "sender": self.sender,
            "recipients": list(self.recipients),
            "received": iso(self.received),
            "rules": list(self.rules),
            "size": self.size,
            "message_id": self.message_id,
        }


@dataclass(frozen=True)
class QueuePage:
    """The console's queue: the rows that match, rule counts over all held mail, and
    which of the released rows went out rewritten."""

    rows: list[HeldMessage]
    rule_counts: dict[str, int]
    rewritten: set[str]


@dataclass(frozen=True)
class Outgoing:
    """A message the gateway has taken responsibility for sending later."""

    kind: OutboxKind | str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    ref: str = ""


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    ref: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    attempts: int


@dataclass(frozen=True)
class ReleaseRequest:
    id: int
    qid: str
    sender: str
    justification: str
    state: RequestState
    created: float
    decided: float | None
    decided_by: str
    decision_reason: str


@dataclass(frozen=True)
class Account:
    """A console account as stored (the hash is argon2id, never the password)."""

    name: str
    role: str
    password_hash: str
    disabled: bool
    created: float

    @property
    def fingerprint(self) -> str:
        """Changes when the password changes: sessions opened before end."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class WebSession:
    user: str
    fingerprint: str
    created: float
    seen: float
