"""What every console page shares: the services it is thin over, and rendering a page.

The services live on the app (`app.state.console`); a route reaches them with
`services(request)`. Store calls go through `db`, in worker threads: the
console shares its event loop with the SMTP gateway and must never block it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse

from dlpgate.actions.relay import Relay
from dlpgate.admin.requests import Requests
from dlpgate.admin.service import AdminService
from dlpgate.admin.users import User, Users
from dlpgate.config import Settings, WebSettings
from dlpgate.links import load_secret
from dlpgate.store import Store
from dlpgate.web import content as content_view
from dlpgate.web.csrf import csrf_token
from dlpgate.web.errors import BadRequest
from dlpgate.web.formatting import template_env

HERE = Path(__file__).resolve().parent
MAX_REASON = 2000


@dataclass(frozen=True)
class ConsoleServices:
    settings: Settings
    web: WebSettings
    store: Store
    service: AdminService
    users: Users
    requests: Requests
    highlighter: content_view.Highlighter
    kick: Callable[[], None]
    secret: bytes
    secure: bool  # cookies only over TLS
    env: Environment

    @classmethod
    def build(cls, settings: Settings, store: Store, relay: Relay, kick: Callable[[], None] | None = None) -> ConsoleServices:
        web = settings.web
        service = AdminService(store, relay, settings)
        users = Users(
            store, web.login_max_failures, web.login_lock_minutes * 60,
            web.idle_timeout_minutes * 60, web.session_max_hours * 3600,
        )
        return cls(
            settings=settings, web=web, store=store, service=service, users=users,
            requests=Requests(settings, store, service), highlighter=content_view.Highlighter(settings),
            kick=kick or (lambda: None), secret=load_secret(settings),
            secure=web.secure_cookies or web.base_url.startswith("https://"), env=template_env(HERE / "templates"),
        )


def services(request: Request) -> ConsoleServices:
    svc = request.app.state.console
    assert isinstance(svc, ConsoleServices), "create_app puts the console's services on app.state"
    return svc


async def db(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    return await asyncio.to_thread(fn, *args, **kwargs)


def flash(request: Request, text: str, kind: str = "ok") -> None:
    request.session.setdefault("flash", [])
    request.session["flash"] = request.session["flash"] + [[kind, text]]


def render(request: Request, template: str, status: int = 200, user: User | None = None, **ctx: Any) -> HTMLResponse:
    flashes = request.session.pop("flash", []) if "flash" in request.session else []
    html = services(request).env.get_template(template).render(
        request=request, user=user, csrf=csrf_token(request), flashes=flashes, **ctx
    )
    return HTMLResponse(html, status_code=status)


def form_reason(form: FormData, required: bool = True) -> str:
    text = str(form.get("reason") or "").strip()[:MAX_REASON]
    if required and not text:
        raise BadRequest("A reason is needed for this. Go back and type one.")
    return text
