"""The admin web console and the staff release-request pages (Starlette, server-rendered).

Everything here is thin over AdminService, Users and Requests. Pages work
without JavaScript. A login opens a session kept in the store; the cookie
(HttpOnly, SameSite=Strict, Secure behind TLS) carries only its random id. It
ends on logout, after the idle time-out or its absolute lifetime, when the
account is disabled and when its password changes, on every node at once. A
signed cookie keeps only the CSRF token and flash messages; every POST
carries that token.

The routes live in dlpgate.web.routes, one module per area; this module puts
them together with the middleware and the error handlers.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from dlpgate.actions.relay import Relay
from dlpgate.config import Settings
from dlpgate.links import derive
from dlpgate.store import Store
from dlpgate.web.auth import SESSION_COOKIE, current_user, drop_session_cookie
from dlpgate.web.context import HERE, ConsoleServices, render
from dlpgate.web.errors import ConsoleError, LoginNeeded
from dlpgate.web.middleware import BodyLimit, SecurityHeaders
from dlpgate.web.routes import all_routes


async def on_console_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConsoleError)
    user = await current_user(request) if exc.staff and request.cookies.get(SESSION_COOKIE) else None
    return render(request, "error.html", status=exc.status, user=user, title=exc.title, message=exc.message)


async def on_login_needed(request: Request, exc: Exception) -> Response:
    target = request.url.path if request.method == "GET" else "/queue"
    response = RedirectResponse(f"/login?next={target}", 303)
    if request.cookies.get(SESSION_COOKIE):  # a dead session: drop its cookie, so the next page does not ask again
        drop_session_cookie(request, response)
    return response


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return render(request, "error.html", status=exc.status_code, title="Not found" if exc.status_code == 404 else "Error", message=exc.detail)


def create_app(settings: Settings, store: Store, relay: Relay, kick: Callable[[], None] | None = None) -> Starlette:
    console = ConsoleServices.build(settings, store, relay, kick)
    web = settings.web
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=web.max_request_bytes),
        Middleware(
            SessionMiddleware,
            secret_key=derive(console.secret, "session").hex(),
            session_cookie="dlpgate_session",
            max_age=max(int(web.session_max_hours * 3600), 3600),  # the CSRF token outlives the session
            same_site="strict",
            https_only=console.secure,
        ),
    ]
    routes = [*all_routes(), Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]
    handlers = {ConsoleError: on_console_error, LoginNeeded: on_login_needed, HTTPException: on_http}
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
    app.state.console = console
    app.state.web_settings = web  # the server's connection limits (dlpgate.web.server.WebServer)
    return app
