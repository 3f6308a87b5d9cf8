"""Console sessions: only the SHA-256 of the cookie's random id is kept, so a copy of
the database opens no session; deleting the row ends it on every node at once."""

from __future__ import annotations

from sqlalchemy import delete, insert, or_, select, update

from dlpgate.store.accounts import web_sessions
from dlpgate.store.engines import Database
from dlpgate.store.records import WebSession


class SessionRepo:
    def __init__(self, db: Database):
        self.db = db

    def open(self, id_hash: str, user: str, fingerprint: str, address: str, now: float, idle_before: float, created_before: float) -> None:
        """A new session; those idle since before `idle_before` or opened before `created_before` go first."""
        s = web_sessions
        with self.db.tx() as conn:
            conn.execute(delete(s).where(or_(s.c.seen < idle_before, s.c.created < created_before)))
            conn.execute(
                insert(s).values(id_hash=id_hash, user=user, fingerprint=fingerprint, address=address[:100], created=now, seen=now)
            )

    def get(self, id_hash: str) -> WebSession | None:
        with self.db.read() as conn:
            r = conn.execute(select(web_sessions).where(web_sessions.c.id_hash == id_hash)).mappings().first()
        return WebSession(r["user"], r["fingerprint"], r["created"], r["seen"]) if r else None

    def touch(self, id_hash: str, now: float) -> None:
        with self.db.tx() as conn:
            conn.execute(update(web_sessions).where(web_sessions.c.id_hash == id_hash).values(seen=now))

    def end(self, id_hash: str) -> None:
        with self.db.tx() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == id_hash))
