"""Inspections that failed, counted per message content, so a message that fails the
same way twice is held instead of retried forever."""

from __future__ import annotations

import time

from sqlalchemy import delete

from dlpgate.store.engines import Database
from dlpgate.store.schema import inspection_failures


class FailureRepo:
    def __init__(self, db: Database):
        self.db = db

    def count(self, sha256: str, reason: str, window: float = 7 * 86400.0) -> int:
        """Note one failed inspection of this content; how many in `window` seconds, this one included.

        One atomic upsert, so workers and nodes noting the same content at once
        each count (PostgreSQL and SQLite both have INSERT ... ON CONFLICT).
        """
        now = time.time()
        t = inspection_failures
        stmt = self.db.upsert(t).values(sha256=sha256, reason=reason[:80], count=1, first=now, last=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=[t.c.sha256, t.c.reason], set_={"count": t.c.count + 1, "last": now}
        ).returning(t.c.count)
        with self.db.tx() as conn:
            # Old notes say nothing about today's retries (and keep the table small).
            conn.execute(delete(t).where(t.c.last < now - window))
            return int(conn.execute(stmt).scalar_one())

    def clear(self, sha256: str) -> None:
        with self.db.tx() as conn:
            conn.execute(delete(inspection_failures).where(inspection_failures.c.sha256 == sha256))
