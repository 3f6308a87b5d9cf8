"""Senders' release requests, made through the link in a hold notice; each link works once."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from dlpgate.store import audit as audit_chain
from dlpgate.store.accounts import release_requests
from dlpgate.store.engines import Database
from dlpgate.store.records import Conflict, ReleaseRequest
from dlpgate.store.states import RequestState

_R = release_requests


def _request(row: Any) -> ReleaseRequest:
    return ReleaseRequest(
        id=row["id"],
        qid=row["qid"],
        sender=row["sender"],
        justification=row["justification"],
        state=RequestState(row["state"]),
        created=row["created"],
        decided=row["decided"],
        decided_by=row["decided_by"],
        decision_reason=row["decision_reason"],
    )


class RequestRepo:
    def __init__(self, db: Database):
        self.db = db

    def get(self, rid: int) -> ReleaseRequest | None:
        with self.db.read() as conn:
            r = conn.execute(select(_R).where(_R.c.id == rid)).mappings().first()
        return _request(r) if r else None

    def by_token(self, token_id: str) -> ReleaseRequest | None:
        """The request made with the link whose nonce is `token_id`, if it was used."""
        with self.db.read() as conn:
            r = conn.execute(select(_R).where(_R.c.token_id == token_id)).mappings().first()
        return _request(r) if r else None

    def newest(self, state: str | None = RequestState.PENDING, qid: str | None = None, limit: int = 200) -> list[ReleaseRequest]:
        q = select(_R).order_by(_R.c.created.desc()).limit(limit)
        if state:
            q = q.where(_R.c.state == state)
        if qid:
            q = q.where(_R.c.qid == qid)
        with self.db.read() as conn:
            return [_request(r) for r in conn.execute(q).mappings()]

    def add(self, token_id: str, qid: str, sender: str, justification: str, self_release: bool, actor: str) -> int:
        """Record a request (or a sender's own release) with its audit record; Conflict when
        the link was used already. Returns the request's id."""
        try:
            with self.db.tx() as conn:
                key = conn.execute(
                    insert(_R).values(
                        token_id=token_id, qid=qid, sender=sender, justification=justification[:4000],
                        state=RequestState.SELF_RELEASED if self_release else RequestState.PENDING, created=time.time(),
                        decided=None, decided_by=actor if self_release else "", decision_reason="",
                    )
                ).inserted_primary_key
                if key is None:
                    raise RuntimeError("the database gave no id for the new release request")
                rid = int(key[0])
                event = "sender_release" if self_release else "release_request"
                audit_chain.append(conn, event, actor, {"request": rid, "justification": justification[:4000]}, qid)
        except IntegrityError:
            raise Conflict("release request link already used") from None
        return rid

    def set_state(self, rid: int, state: RequestState, actor: str, reason: str) -> None:
        with self.db.tx() as conn:
            conn.execute(
                update(_R)
                .where(_R.c.id == rid)
                .values(state=state, decided=time.time(), decided_by=actor, decision_reason=reason[:2000])
            )

    def decide(self, rid: int, state: RequestState, actor: str, reason: str) -> ReleaseRequest | None:
        """Move one pending request to `state` (audited as request_<state>); None when someone else decided first."""
        with self.db.tx() as conn:
            res = conn.execute(
                update(_R)
                .where(_R.c.id == rid, _R.c.state == RequestState.PENDING)
                .values(state=state, decided=time.time(), decided_by=actor, decision_reason=reason[:2000])
            )
            if res.rowcount != 1:
                return None
            r = conn.execute(select(_R).where(_R.c.id == rid)).mappings().one()
            audit_chain.append(conn, f"request_{state}", actor, {"request": rid, "reason": reason[:2000]}, r["qid"])
        return _request(r)

    def reopen(self, rid: int) -> None:
        with self.db.tx() as conn:
            conn.execute(update(_R).where(_R.c.id == rid).values(state=RequestState.PENDING, decided=None))

    def counts(self) -> dict[str, int]:
        with self.db.read() as conn:
            return {str(s): n for s, n in conn.execute(select(_R.c.state, func.count()).group_by(_R.c.state))}
