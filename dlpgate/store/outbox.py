"""Mail the gateway has promised to send later (notices, DSNs, delayed copies), retried until sent."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from dlpgate.store.engines import Database
from dlpgate.store.records import OutboxItem, Outgoing
from dlpgate.store.schema import outbox
from dlpgate.store.states import OutboxState

PENDING = OutboxState.PENDING


def _due(conn: Connection, now: float, limit: int) -> list[OutboxItem]:
    rows = conn.execute(
        select(outbox).where(outbox.c.state == PENDING, outbox.c.next_attempt <= now).order_by(outbox.c.id).limit(limit)
    ).mappings()
    return [
        OutboxItem(r["id"], r["kind"], r["ref"], r["mail_from"], tuple(json.loads(r["rcpt_tos"])), r["raw"], r["attempts"])
        for r in rows
    ]


class OutboxRepo:
    def __init__(self, db: Database):
        self.db = db

    def add(self, conn: Connection, items: Iterable[Outgoing], now: float) -> None:
        """Queue ``items`` inside the caller's transaction (a hold and its notices commit together)."""
        for item in items:
            conn.execute(
                insert(outbox).values(
                    kind=item.kind,
                    ref=item.ref,
                    mail_from=item.mail_from,
                    rcpt_tos=json.dumps(list(item.rcpt_tos)),
                    raw=item.raw,
                    state=PENDING,
                    attempts=0,
                    next_attempt=now,
                    created=now,
                    last_error="",
                )
            )

    def enqueue(self, items: Iterable[Outgoing]) -> None:
        with self.db.tx() as conn:
            self.add(conn, items, time.time())

    def due(self, now: float | None = None, limit: int = 50) -> list[OutboxItem]:
        with self.db.read() as conn:
            return _due(conn, time.time() if now is None else now, limit)

    def claim_due(self, limit: int = 50, lease: float = 300.0) -> list[OutboxItem]:
        """Due items, each leased to this caller so another process will not send it too.

        A lease that runs out (the process died mid-send) makes the item due again.
        """
        now = time.time()
        won = []
        with self.db.tx() as conn:
            for item in _due(conn, now, limit):
                res = conn.execute(
                    update(outbox)
                    .where(outbox.c.id == item.id, outbox.c.state == PENDING, outbox.c.next_attempt <= now)
                    .values(next_attempt=now + lease)
                )
                if res.rowcount == 1:
                    won.append(item)
        return won

    def done(self, item_id: int) -> None:
        with self.db.tx() as conn:
            conn.execute(update(outbox).where(outbox.c.id == item_id).values(state=OutboxState.SENT, raw=b""))

    def retry(self, item_id: int, error: str, delay: float, give_up: bool = False) -> None:
        with self.db.tx() as conn:
            conn.execute(
                update(outbox)
                .where(outbox.c.id == item_id)
                .values(
                    attempts=outbox.c.attempts + 1,
                    next_attempt=time.time() + delay,
                    last_error=error[:500],
                    state=OutboxState.FAILED if give_up else PENDING,
                )
            )

    def counts(self) -> dict[str, int]:
        with self.db.read() as conn:
            rows = conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state))
            return {state: n for state, n in rows}
