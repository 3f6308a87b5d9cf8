"""The audit trail, searchable, with the hash chain's check."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dlpgate.admin.users import User
from dlpgate.web.auth import requires
from dlpgate.web.context import db, render, services
from dlpgate.web.formatting import fmt_time


@requires()
async def audit_page(request: Request, user: User) -> Response:
    store = services(request).store
    p = request.query_params
    f = {k: p.get(k, "").strip() for k in ("q", "event", "actor", "ref")}
    rows, events = await db(store.audit_log.search, f["q"], f["event"], f["actor"], f["ref"])
    for r in rows:
        r["time"] = fmt_time(r["ts"])
    verify = await db(store.audit_verify)
    return render(request, "audit.html", user=user, rows=rows, events=events, f=f, verify=verify)


ROUTES = [Route("/audit", audit_page)]
