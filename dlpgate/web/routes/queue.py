"""The queue: held mail and its history, filtered by state, rule, sender and day."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import Connection, func, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dlpgate.admin.users import User
from dlpgate.store import HELD, HeldMessage, Store, iso
from dlpgate.store.schema import audit, quarantine
from dlpgate.web.auth import requires
from dlpgate.web.context import db, render, services
from dlpgate.web.formatting import day_start

STATES = ("held", "releasing", "released", "deleted", "expired")


def _queue_rows(
    store: Store, state: str, rule: str, sender: str, start: float | None, end: float | None, limit: int = 200
) -> tuple[list[HeldMessage], Counter[str], set[str]]:
    """The rows shown, the held messages per rule, and which released rows went out rewritten."""
    cols = [c for c in quarantine.c if c.name != "raw"]
    q = select(*cols).order_by(quarantine.c.received.desc()).limit(limit)
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
    with store.engine.connect() as conn:
        rows = [store._held(r) for r in conn.execute(q).mappings()]
        counts: Counter[str] = Counter()
        for (rules,) in conn.execute(select(quarantine.c.rules).where(quarantine.c.state == HELD)):
            counts.update(json.loads(rules))
        rewritten = rewritten_releases(conn, [r.id for r in rows if r.state == "released"])
    return rows, counts, rewritten


def rewritten_releases(conn: Connection, qids: list[str]) -> set[str]:
    """Which of these released messages went out rewritten (the release's audit record says so)."""
    found: set[str] = set()
    for i in range(0, len(qids), 500):
        q = select(audit.c.ref, audit.c.data).where(audit.c.event == "release", audit.c.ref.in_(qids[i : i + 500]))
        found |= {ref for ref, data in conn.execute(q) if json.loads(data).get("rewritten")}
    return found


@requires()
async def queue(request: Request, user: User) -> Response:
    svc = services(request)
    p = request.query_params
    state = p.get("state", "held")
    state = state if state in STATES else ""
    rule, sender = p.get("rule", "").strip(), p.get("sender", "").strip()
    start, end = day_start(p.get("from", "")), day_start(p.get("to", ""))
    rows, counts, rewritten = await db(_queue_rows, svc.store, state, rule, sender, start, end)
    pending = {r.qid for r in await db(svc.requests.list)}
    return render(
        request, "queue.html", user=user, rows=rows, counts=sorted(counts.items()), pending=pending, rewritten=rewritten,
        f={"state": state, "rule": rule, "sender": sender, "from": p.get("from", ""), "to": p.get("to", "")},
        states=STATES, rules=sorted(set(svc.settings.rules) | set(counts)), iso=iso,
    )


ROUTES = [Route("/queue", queue)]
