"""Who is asking: the staff session named by the session cookie, and the role a route needs.

The cookie (HttpOnly, SameSite=Strict, Secure behind TLS) carries only the
session's random id; the session itself is kept in the store. It is looked up
only when a route asks, once per request, so static files and the senders'
link pages never touch it.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from dlpgate.admin.users import User
from dlpgate.web.context import db, flash, services
from dlpgate.web.errors import Forbidden, LoginNeeded

SESSION_COOKIE = "dlpgate_sid"

Endpoint = Callable[[Request], Awaitable[Response]]
StaffEndpoint = Callable[[Request, User], Awaitable[Response]]


async def current_user(request: Request) -> User | None:
    """The logged-in user, from the server-side session named by the session cookie."""
    if "user" in request.scope:
        return request.scope["user"]
    sid = request.cookies.get(SESSION_COOKIE, "")
    user = await db(services(request).users.session_user, sid) if sid else None
    if sid and user is None and not request.scope.get("session_ended"):
        request.scope["session_ended"] = True
        flash(request, "Your session has ended (timed out or logged out). Please log in again.", "error")
    request.scope["user"] = user
    return user


async def need(request: Request, role: str = "releaser") -> User:
    user = await current_user(request)
    if user is None:
        raise LoginNeeded()
    if not user.can(role):
        raise Forbidden(f"Your role ({user.role}) may not do this: it needs {role} or above.")
    return user


def requires(role: str = "releaser") -> Callable[[StaffEndpoint], Endpoint]:
    """A staff route: its handler runs with the logged-in user, who has at least `role`."""

    def wrap(handler: StaffEndpoint) -> Endpoint:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            return await handler(request, await need(request, role))

        return endpoint

    return wrap


def set_session_cookie(request: Request, response: Response, sid: str) -> None:
    svc = services(request)
    response.set_cookie(
        SESSION_COOKIE, sid, max_age=int(svc.web.session_max_hours * 3600), path="/",
        httponly=True, samesite="strict", secure=svc.secure,
    )


def drop_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=services(request).secure)
