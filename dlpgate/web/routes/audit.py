"""The audit trail, searchable, with the hash chain's check."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import or_, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dlpgate.admin.users import User
from dlpgate.store import Store
from dlpgate.store.schema import audit
from dlpgate.web.auth import requires
from dlpgate.web.context import db, render, services
from dlpgate.web.formatting import fmt_time


def _audit_rows(store: Store, text: str, event: str, actor: str, ref: str, limit: int = 300) -> tuple[list[dict[str, Any]], list[str]]:
    """The newest records that match, and every event name (for the filter's choices)."""
    q = select(audit).order_by(audit.c.seq.desc()).limit(limit)
    if event:
        q = q.where(audit.c.event == event)
    if actor:
        q = q.where(audit.c.actor.contains(actor, autoescape=True))
    if ref:
        q = q.where(audit.c.ref == ref)
    if text:
        q = q.where(
            or_(*(c.contains(text, autoescape=True) for c in (audit.c.event, audit.c.actor, audit.c.ref, audit.c.data)))
        )
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
        events = [e for (e,) in conn.execute(select(audit.c.event).distinct().order_by(audit.c.event))]
    for r in rows:
        r["time"] = fmt_time(r["ts"])
        r["data"] = json.loads(r["data"])
    return rows, events


@requires()
async def audit_page(request: Request, user: User) -> Response:
    store = services(request).store
    p = request.query_params
    f = {k: p.get(k, "").strip() for k in ("q", "event", "actor", "ref")}
    rows, events = await db(_audit_rows, store, f["q"], f["event"], f["actor"], f["ref"])
    verify = await db(store.audit_verify)
    return render(request, "audit.html", user=user, rows=rows, events=events, f=f, verify=verify)


ROUTES = [Route("/audit", audit_page)]
