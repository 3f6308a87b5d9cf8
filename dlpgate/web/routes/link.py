"""The sender's request page: no login, the signed link in the hold notice is the credential."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dlpgate.actions.notice import RULE_REASONS
from dlpgate.admin.requests import LinkSettled, findings_lines_for, sender_may_release
from dlpgate.links import BadToken, LinkExpired
from dlpgate.store import HeldMessage
from dlpgate.web.context import db, render, services
from dlpgate.web.csrf import post
from dlpgate.web.errors import LinkGone, LinkRefused
from dlpgate.web.formatting import subject_view


def _request_view(held: HeldMessage) -> dict[str, Any]:
    return {
        "m": held,
        "subject": subject_view(held),
        "lines": findings_lines_for(held),
        "reasons": [RULE_REASONS.get(r, "a policy rule matched.") for r in held.rules],
        "self_release": sender_may_release(held),
    }


def _settled(request: Request, exc: LinkSettled, status: int = 200) -> Response:
    """A used link, or one whose message was decided: where things stand, not an error."""
    return render(request, "request_status.html", status=status, message=str(exc), req=exc.request, state=exc.state)


def _refused(exc: BadToken) -> LinkRefused:
    return LinkGone(str(exc)) if isinstance(exc, LinkExpired) else LinkRefused(str(exc))


async def request_page(request: Request) -> Response:
    token = request.path_params["token"]
    try:
        _tok, held = await db(services(request).requests.check, token)
    except LinkSettled as exc:
        return _settled(request, exc)
    except BadToken as exc:
        raise _refused(exc) from None
    return render(request, "request.html", token=token, **_request_view(held))


async def request_post(request: Request) -> Response:
    svc = services(request)
    form = await request.form()
    token = request.path_params["token"]
    justification = str(form.get("justification") or "")
    self_release = form.get("action") == "self_release"
    try:
        outcome = await svc.requests.submit(token, justification, self_release)
    except LinkSettled as exc:
        return _settled(request, exc, 409)  # nothing was done
    except BadToken as exc:
        raise _refused(exc) from None
    except ValueError as exc:
        try:
            _tok, held = await db(svc.requests.check, token)
        except LinkSettled as settled:
            return _settled(request, settled, 409)
        return render(request, "request.html", status=400, token=token, error=str(exc), justification=justification, **_request_view(held))
    svc.kick()
    return render(request, "request_done.html", outcome=outcome)


ROUTES = [
    Route("/request/{token}", request_page, methods=["GET"]),
    post("/request/{token}", request_post),
]
