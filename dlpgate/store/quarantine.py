"""Held mail: its bytes (sealed when a key is set), what was found, and its state.

Every change of state is written to the audit trail in the same transaction.
"""

from __future__ import annotations

import json
import secrets
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from dlpgate.report import SUBJECT_HIDDEN, subject_flagged, verdict_record
from dlpgate.store import audit as audit_chain
from dlpgate.store import crypto
from dlpgate.store.engines import Database
from dlpgate.store.outbox import OutboxRepo
from dlpgate.store.records import HeldMessage, Outgoing, QueuePage, StoredVerdict
from dlpgate.store.schema import quarantine
from dlpgate.store.states import QuarantineState
from dlpgate.types import Envelope, Verdict

HELD, RELEASING = QuarantineState.HELD, QuarantineState.RELEASING

_META = [c for c in quarantine.c if c.name != "raw"]


def new_id() -> str:
    return time.strftime("%Y%m%d", time.gmtime()) + "-" + secrets.token_hex(6)


def stored_subject(verdict: Verdict, masked: str = "") -> str:
    """The Subject kept beside a held message: ``masked`` (flagged parts, addresses and
    people's names replaced: "Referral for [...]", notice.mask_subject), or when that is
    missing, as it is, or the placeholder when something was found in it."""
    if masked:
        return masked
    return SUBJECT_HIDDEN if subject_flagged(verdict.findings) else verdict.subject


def _held(row: Any) -> HeldMessage:
    return HeldMessage(
        id=row["id"],
        state=QuarantineState(row["state"]),
        received=row["received"],
        sender=row["sender"],
        recipients=tuple(json.loads(row["recipients"])),
        message_id=row["message_id"],
        subject=row["subject"],
        size=row["size"],
        sha256=row["sha256"],
        action=row["action"],
        rules=tuple(json.loads(row["rules"])),
        verdict=StoredVerdict.from_json(json.loads(row["verdict"])),
        updated=row["updated"],
        updated_by=row["updated_by"],
    )


class QuarantineRepo:
    # Seals held messages at rest when storage.encryption_key_file is set (store_for).
    cipher: crypto.Cipher | None = None

    def __init__(self, db: Database, outbox: OutboxRepo):
        self.db = db
        self.outbox = outbox

    def hold(
        self,
        raw: bytes,
        envelope: Envelope,
        verdict: Verdict,
        notices: Iterable[Outgoing] = (),
        qid: str | None = None,
        masked_subject: str = "",
        audit: Iterable[audit_chain.Entry] = (),
    ) -> str:
        """Commit a held message, its audit records and its notices in one
        transaction: the 250 that follows means all three are on disk.

        ``masked_subject`` is its Subject with the flagged and personal parts masked,
        kept in its place (see stored_subject); ``audit`` is the
        verdict's record (dlpgate/actions/audit.py builds it)."""
        qid = qid or new_id()
        now = time.time()
        with self.db.tx() as conn:
            conn.execute(
                insert(quarantine).values(
                    id=qid,
                    state=HELD,
                    received=now,
                    sender=envelope.mail_from,
                    recipients=json.dumps(list(envelope.rcpt_tos)),
                    message_id=verdict.message_id,
                    subject=stored_subject(verdict, masked_subject),
                    size=len(raw),
                    sha256=verdict.sha256,
                    action=verdict.action.label,
                    rules=json.dumps(list(verdict.acting_rules)),
                    verdict=json.dumps(verdict_record(verdict)),
                    raw=self.cipher.seal(qid, raw) if self.cipher else raw,
                    updated=now,
                    updated_by="gateway",
                )
            )
            audit_chain.append_many(conn, list(audit))
            self.outbox.add(conn, notices, now)
        return qid

    # -- reading ----------------------------------------------------------------

    def get(self, qid: str) -> HeldMessage | None:
        with self.db.read() as conn:
            row = conn.execute(select(*_META).where(quarantine.c.id == qid)).mappings().first()
            return _held(row) if row else None

    def newest(self, state: str | None = None, limit: int = 1000) -> list[HeldMessage]:
        """Held mail (in any state, or in ``state``), newest first."""
        q = select(*_META).order_by(quarantine.c.received.desc()).limit(limit)
        if state:
            q = q.where(quarantine.c.state == state)
        with self.db.read() as conn:
            return [_held(r) for r in conn.execute(q).mappings()]

    def queue(
        self,
        state: str = "",
        rule: str = "",
        sender: str = "",
        start: float | None = None,
        end: float | None = None,
        limit: int = 200,
    ) -> QueuePage:
        """The console's queue: rows matching every filter given (``sender`` a part of the
        address, any case; ``end`` a day, included), newest first."""
        q = select(*_META).order_by(quarantine.c.received.desc()).limit(limit)
        if state:
            q = q.where(quarantine.c.state == state)
        if rule:
            q = q.where(quarantine.c.rules.contains(json.dumps(rule), autoescape=True))
        if sender:
            q = q.where(func.lower(quarantine.c.sender).contains(sender.lower(), autoescape=True))
        if start is not None:
            q = q.where(quarantine.c.received >= start)
        if end is not None:
            q = q.where(quarantine.c.received < end + 86400)
        with self.db.read() as conn:
            rows = [_held(r) for r in conn.execute(q).mappings()]
            counts: Counter[str] = Counter()
            for (rules,) in conn.execute(select(quarantine.c.rules).where(quarantine.c.state == HELD)):
                counts.update(json.loads(rules))
            rewritten = audit_chain.released_rewritten(conn, [r.id for r in rows if r.state == QuarantineState.RELEASED])
        return QueuePage(rows, dict(counts), rewritten)

    def rules_of(self, qids: Iterable[str]) -> dict[str, list[str]]:
        """The rules that held each of these messages (those still in the quarantine)."""
        ids = list(qids)
        out: dict[str, list[str]] = {}
        with self.db.read() as conn:
            for i in range(0, len(ids), audit_chain.CHUNK):
                q = select(quarantine.c.id, quarantine.c.rules).where(quarantine.c.id.in_(ids[i : i + audit_chain.CHUNK]))
                out.update((qid, json.loads(rules)) for qid, rules in conn.execute(q))
        return out

    def counts(self) -> dict[str, int]:
        with self.db.read() as conn:
            rows = conn.execute(select(quarantine.c.state, func.count()).group_by(quarantine.c.state))
            return {state: n for state, n in rows}

    def content(self, qid: str, actor: str, reason: str) -> bytes | None:
        """The held bytes; every read is written to the audit trail first."""
        with self.db.tx() as conn:
            row = conn.execute(select(quarantine.c.raw).where(quarantine.c.id == qid)).first()
            if row is None or row[0] is None:
                return None
            audit_chain.append(conn, "view_content", actor, {"reason": reason}, qid)
            return crypto.open_blob(self.cipher, qid, row[0])

    # -- changing state -----------------------------------------------------------

    def _move(self, conn: Connection, qid: str, to: QuarantineState, actor: str, only_from: str | None = None, **values: Any) -> bool:
        q = update(quarantine).where(quarantine.c.id == qid)
        if only_from is not None:
            q = q.where(quarantine.c.state == only_from)
        res = conn.execute(q.values(state=to, updated=time.time(), updated_by=actor, **values))
        return res.rowcount == 1

    def claim(self, qid: str, actor: str) -> bytes | None:
        """Atomically move held -> releasing; only one caller ever wins."""
        with self.db.tx() as conn:
            if not self._move(conn, qid, RELEASING, actor, only_from=HELD):
                return None
            raw = conn.execute(select(quarantine.c.raw).where(quarantine.c.id == qid)).scalar_one()
            return crypto.open_blob(self.cipher, qid, raw)

    def unclaim(self, qid: str, actor: str, error: str) -> None:
        with self.db.tx() as conn:
            self._move(conn, qid, HELD, actor, only_from=RELEASING)
            audit_chain.append(conn, "release_failed", actor, {"error": error[:200]}, qid)

    def finish_release(self, qid: str, actor: str, reason: str, extra: dict | None = None) -> None:
        with self.db.tx() as conn:
            self._move(conn, qid, QuarantineState.RELEASED, actor)
            audit_chain.append(conn, "release", actor, {"reason": reason} | (extra or {}), qid)

    def delete(self, qid: str, actor: str, reason: str) -> bool:
        with self.db.tx() as conn:
            if not self._move(conn, qid, QuarantineState.DELETED, actor, only_from=HELD, raw=None):
                return False
            audit_chain.append(conn, "delete", actor, {"reason": reason}, qid)
            return True

    def purge_expired(self, before: float, actor: str = "retention", retention_days: int = 0) -> list[str]:
        """Drop the bytes of mail received before `before`: held -> expired; audit records stay."""
        purged = []
        with self.db.tx() as conn:
            rows = conn.execute(
                select(quarantine.c.id, quarantine.c.state).where(
                    quarantine.c.received < before, quarantine.c.raw.is_not(None), quarantine.c.state != RELEASING
                )
            ).all()
            for qid, state in rows:
                new_state = QuarantineState.EXPIRED if state == HELD else QuarantineState(state)
                self._move(conn, qid, new_state, actor, only_from=state, raw=None)
                audit_chain.append(conn, "expire", actor, {"state": state, "retention_days": retention_days}, qid)
                purged.append(qid)
        return purged
