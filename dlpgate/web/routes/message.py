"""One held message: its findings, its content for a reviewer, and releasing or deleting it."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dlpgate.actions.notice import RULE_REASONS
from dlpgate.admin.service import NotFound as NoSuchMessage
from dlpgate.admin.users import User
from dlpgate.store import HeldMessage, QuarantineState, iso
from dlpgate.web import content as content_view
from dlpgate.web.auth import requires
from dlpgate.web.context import ConsoleServices, db, flash, form_reason, render, services
from dlpgate.web.csrf import post
from dlpgate.web.errors import Gone, NotFound


async def _held_or_404(svc: ConsoleServices, qid: str, actor: str) -> HeldMessage:
    try:
        return await db(svc.service.show, qid, actor)
    except NoSuchMessage:
        raise NotFound(f"There is no held message {qid}.") from None


@requires()
async def message(request: Request, user: User) -> Response:
    svc = services(request)
    qid = request.path_params["qid"]
    held = await _held_or_404(svc, qid, f"web:{user.name}")
    reqs = await db(svc.requests.find, None, qid)
    rewritten = held.state == QuarantineState.RELEASED and qid in await db(svc.store.audit_log.rewritten, [qid])
    return render(
        request, "message.html", user=user, m=held, findings=held.verdict.findings_by_place(), hits=held.verdict.hits,
        rewritten=rewritten, problems=held.verdict.problems, exposure=held.verdict.exposes_recipients, requests=reqs,
        reasons=RULE_REASONS, iso=iso,
    )


@requires("reviewer")
async def content(request: Request, user: User) -> Response:
    svc = services(request)
    form = await request.form()
    qid = request.path_params["qid"]
    reason = form_reason(form)
    unmasked = form.get("unmasked") == "1"
    held = await _held_or_404(svc, qid, f"web:{user.name}")
    try:
        raw = await db(svc.service.content, qid, f"web:{user.name}", reason + (" [show unmasked]" if unmasked else ""))
    except NoSuchMessage:
        raise Gone(f"The content of {qid} is no longer kept ({held.state}).") from None
    parts = await db(content_view.show, raw, svc.highlighter, unmasked)
    return render(request, "content.html", user=user, m=held, parts=parts, reason=reason, unmasked=unmasked)


async def _decision(request: Request, user: User) -> tuple[str, str, str]:
    """What a release or delete starts from: the message ID, the actor and the reason, for a message that exists."""
    form = await request.form()
    qid = request.path_params["qid"]
    reason = form_reason(form)
    actor = f"web:{user.name}"
    await _held_or_404(services(request), qid, actor)
    return qid, actor, reason


async def _release(request: Request, user: User, rewritten: bool) -> Response:
    svc = services(request)
    qid, actor, reason = await _decision(request, user)
    result = await svc.service.release(qid, actor, reason, rewritten=rewritten)
    message = result.message
    if result.released:
        await db(svc.requests.settle, qid, True, actor, reason)
        svc.kick()
        if rewritten:
            message = message.replace(" released", " released rewritten (visible recipients replaced, as Bcc)", 1)
    flash(request, message, "ok" if result.released else "error")
    return RedirectResponse(f"/message/{qid}", 303)


@requires("releaser")
async def release(request: Request, user: User) -> Response:
    return await _release(request, user, rewritten=False)


@requires("releaser")
async def release_rewritten(request: Request, user: User) -> Response:
    return await _release(request, user, rewritten=True)


@requires("releaser")
async def delete(request: Request, user: User) -> Response:
    svc = services(request)
    qid, actor, reason = await _decision(request, user)
    ok = await db(svc.service.delete, qid, actor, reason)
    if ok:
        await db(svc.requests.settle, qid, False, actor, reason)
        svc.kick()
    flash(request, f"{qid} deleted." if ok else f"{qid} is not held: nothing deleted.", "ok" if ok else "error")
    return RedirectResponse(f"/message/{qid}", 303)


ROUTES = [
    Route("/message/{qid}", message),
    post("/message/{qid}/content", content),
    post("/message/{qid}/release", release),
    post("/message/{qid}/release-rewritten", release_rewritten),
    post("/message/{qid}/delete", delete),
]
