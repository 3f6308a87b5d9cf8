"""Logging in and out: opening and ending the staff session."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dlpgate.admin.users import LoginRefused
from dlpgate.web.auth import SESSION_COOKIE, current_user, drop_session_cookie, set_session_cookie
from dlpgate.web.context import db, flash, render, services
from dlpgate.web.csrf import new_csrf_token, post


async def root(request: Request) -> Response:
    return RedirectResponse("/queue", 303)


async def login_page(request: Request) -> Response:
    if await current_user(request):
        return RedirectResponse("/queue", 303)
    response = render(request, "login.html", next=request.query_params.get("next", ""))
    if request.cookies.get(SESSION_COOKIE):
        drop_session_cookie(request, response)
    return response


def _refusal(exc: LoginRefused) -> tuple[str, int]:
    if exc.locked:
        minutes = max(1, round(exc.retry_after / 60))
        return f"Too many failed attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}.", 429
    return "Wrong user name or password.", 401


def _safe_next(nxt: str) -> str:
    """Only a path on this site: never another host (`//host`, `/\\host`)."""
    return nxt if nxt.startswith("/") and not nxt.startswith("//") and "\\" not in nxt else "/queue"


async def login(request: Request) -> Response:
    users = services(request).users
    form = await request.form()
    name = str(form.get("name") or "").strip()
    password = str(form.get("password") or "")
    nxt = str(form.get("next") or "")
    address = request.client.host if request.client else "-"
    try:
        user = await db(users.authenticate, name, password, address)
    except LoginRefused as exc:
        msg, status = _refusal(exc)
        return render(request, "login.html", status=status, error=msg, next=nxt, name=name)
    old = request.cookies.get(SESSION_COOKIE, "")
    if old:
        await db(users.end_session, old)
    sid = await db(users.open_session, user, address)
    request.session.clear()
    new_csrf_token(request)
    response = RedirectResponse(_safe_next(nxt), 303)
    set_session_cookie(request, response, sid)
    return response


async def logout(request: Request) -> Response:
    svc = services(request)
    sid = request.cookies.get(SESSION_COOKIE, "")
    user = await db(svc.users.session_user, sid) if sid else None
    if sid:
        await db(svc.users.end_session, sid)  # the session is gone from the store: a saved cookie opens nothing
    if user is not None:
        await db(svc.store.audit, "logout", user.name, {})
    request.session.clear()
    new_csrf_token(request)
    flash(request, "You are logged out.")
    response = RedirectResponse("/login", 303)
    drop_session_cookie(request, response)
    return response


ROUTES = [
    Route("/", root),
    Route("/login", login_page, methods=["GET"]),
    post("/login", login),
    post("/logout", logout),
]
