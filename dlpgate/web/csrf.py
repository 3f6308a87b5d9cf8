"""CSRF: the signed session cookie keeps a random token; every POSTed form must carry it.

CSRFMiddleware sits on each POST route (`post()` builds them), so a form is
checked after routing: an unknown path or method is still a 404 or 405, and a
refusal goes through the console's error handler like any other.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dlpgate.web.errors import Forbidden

STALE = "The form's security token is missing or out of date. Go back, reload the page and try again."


def csrf_token(request: Request) -> str:
    """The session's token, made on first use (every page carries it for its forms)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def new_csrf_token(request: Request) -> None:
    """A fresh token, when the session's holder changes (login, logout)."""
    request.session["csrf"] = secrets.token_urlsafe(32)


class CSRFMiddleware:
    """Refuses (403) a POST whose form's `csrf` field is not the session's token, before the endpoint runs.

    The body is read here and handed on unchanged, so the endpoint reads its form as usual.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        body = await request.body()
        form = await request.form()
        sent = form.get("csrf")
        await form.close()
        have = request.session.get("csrf")
        if not isinstance(sent, str) or not have or not hmac.compare_digest(sent.encode(), have.encode()):
            raise Forbidden(STALE)
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read, then whatever the client sends next (a disconnect)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def post(path: str, endpoint: Callable[..., Any]) -> Route:
    """A POST route whose form must carry the CSRF token."""
    return Route(path, endpoint, methods=["POST"], middleware=[Middleware(CSRFMiddleware)])
