"""The queue: held mail and its history, filtered by state, rule, sender and day."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dlpgate.admin.users import User
from dlpgate.store import QuarantineState, iso
from dlpgate.web.auth import requires
from dlpgate.web.context import db, render, services
from dlpgate.web.formatting import day_start

STATES = tuple(QuarantineState)


@requires()
async def queue(request: Request, user: User) -> Response:
    svc = services(request)
    p = request.query_params
    state = p.get("state", QuarantineState.HELD)
    state = state if state in STATES else ""
    rule, sender = p.get("rule", "").strip(), p.get("sender", "").strip()
    start, end = day_start(p.get("from", "")), day_start(p.get("to", ""))
    page = await db(svc.store.quarantine.queue, state, rule, sender, start, end)
    pending = {r.qid for r in await db(svc.requests.find)}
    return render(
        request, "queue.html", user=user, rows=page.rows, counts=sorted(page.rule_counts.items()), pending=pending,
        rewritten=page.rewritten,
        f={"state": state, "rule": rule, "sender": sender, "from": p.get("from", ""), "to": p.get("to", "")},
        states=STATES, rules=sorted(set(svc.settings.rules) | set(page.rule_counts)), iso=iso,
    )


ROUTES = [Route("/queue", queue)]
