"""Senders' release requests, console side: the list, approving and declining."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dlpgate.admin.users import User
from dlpgate.store import ReleaseRequest, RequestState
from dlpgate.web.auth import requires
from dlpgate.web.context import db, flash, form_reason, render, services
from dlpgate.web.csrf import post
from dlpgate.web.errors import NotFound


@requires()
async def requests_page(request: Request, user: User) -> Response:
    svc = services(request)
    pending = await db(svc.requests.find)
    recent = [r for r in await db(svc.requests.find, None, None, 50) if r.state != RequestState.PENDING]
    return render(request, "requests.html", user=user, pending=pending, recent=recent)


async def _release_request(request: Request) -> ReleaseRequest:
    rid = int(request.path_params["rid"])
    req = await db(services(request).requests.get, rid)
    if req is None:
        raise NotFound(f"There is no release request {rid}.")
    return req


@requires("releaser")
async def approve(request: Request, user: User) -> Response:
    svc = services(request)
    form = await request.form()
    req = await _release_request(request)
    result = await svc.requests.approve(req.id, f"web:{user.name}", form_reason(form, required=False))
    flash(request, result.message, "ok" if result.released else "error")
    svc.kick()
    return RedirectResponse(f"/message/{req.qid}", 303)


@requires("releaser")
async def decline(request: Request, user: User) -> Response:
    svc = services(request)
    form = await request.form()
    req = await _release_request(request)
    ok = await db(svc.requests.decline, req.id, f"web:{user.name}", form_reason(form))
    flash(
        request, f"Request {req.id} declined; the sender is told your reason." if ok else f"Request {req.id} was already decided.",
        "ok" if ok else "error",
    )
    svc.kick()
    return RedirectResponse(f"/message/{req.qid}", 303)


@requires("releaser")
async def no_such_action(request: Request, user: User) -> Response:
    raise NotFound("No such action.")


ROUTES = [
    Route("/requests", requests_page),
    post("/requests/{rid:int}/approve", approve),
    post("/requests/{rid:int}/decline", decline),
    post("/requests/{rid:int}/{what:str}", no_such_action),
]
