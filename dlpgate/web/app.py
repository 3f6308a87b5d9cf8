"""The admin web console and the staff release-request pages (Starlette, server-rendered).

Everything here is thin over AdminService, Users and Requests. Pages work
without JavaScript. A login opens a session kept in the store; the cookie
(HttpOnly, SameSite=Strict, Secure behind TLS) carries only its random id. It
ends on logout, after the idle time-out or its absolute lifetime, when the
account is disabled and when its password changes, on every node at once. A
signed cookie keeps only the CSRF token and flash messages; every POST
carries that token. Store calls run in worker threads: the console shares its event loop
with the SMTP gateway and must never block it.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dlpgate.actions.notice import KIND_LABELS, RULE_REASONS, safe_text
from dlpgate.admin.requests import (
    BadToken,
    LinkSettled,
    Requests,
    derive,
    findings_lines_for,
    load_secret,
    sender_may_release,
)
from dlpgate.admin.service import AdminService, NotFound
from dlpgate.admin.users import ROLES, LoginRefused, User, UserError, Users
from dlpgate.config import Settings
from dlpgate.store import HeldMessage, QuarantineState, RequestState, Store, iso
from dlpgate.web import content as content_view
from dlpgate.web import overview as overview_mod

HERE = Path(__file__).resolve().parent
STATES = tuple(QuarantineState)
MAX_REASON = 2000
SESSION_COOKIE = "dlpgate_sid"


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class LoginNeeded(Exception):
    pass


async def db(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    return await asyncio.to_thread(fn, *args, **kwargs)


class SecurityHeaders:
    """Headers on every response: no caching of patient data, no framing, no referrer (links carry tokens)."""

    HEADERS = [
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
        (
            b"content-security-policy",
            b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    ]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [h for h in self.HEADERS if h[0] not in names]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """413 for a request body over `limit` bytes, by its Content-Length or as it streams in.

    Also 431 for a header block over MAX_HEADER_BYTES that arrived in one read
    (h11 bounds only the part of a request it is still waiting for).
    """

    MAX_HEADER_BYTES = 16 * 1024

    class TooLarge(Exception):
        pass

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if sum(len(k) + len(v) + 4 for k, v in scope.get("headers", ())) > self.MAX_HEADER_BYTES:
            return await self._refuse(send, 431, b"Request headers too large.")
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                return await self._refuse(send)
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyLimit.TooLarge()
            return message

        async def watching_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyLimit.TooLarge:
            if not started:
                await self._refuse(send)

    @staticmethod
    async def _refuse(send, status: int = 413, body: bytes = b"Request too large.") -> None:
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
        ]})
        await send({"type": "http.response.body", "body": body})


def _day_start(text: str) -> float | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def _fmt_time(ts: float | None, zone: bool = True) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S" + (" UTC" if zone else ""), time.gmtime(ts)) if ts else ""


def _breakable(name: str) -> Markup:
    """A rule name that may wrap after its underscores, not in the middle of a word."""
    return Markup("_<wbr>").join(escape(part) for part in str(name).split("_"))


_DETAIL_LABELS = {
    "external_recipients": "external recipients", "message_id": "Message-ID", "sha256": "SHA-256",
    "retention_days": "retention (days)", "sessions_ended": "sessions ended", "cleared": "counts cleared",
    "unmasked": "unmasked", "justification": "justification", "request": "request",
}


def _detail_value(key: str, value: Any) -> str:
    """One audit value as plain words: lists joined, counts by kind labelled, no Python reprs."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "sha256" and isinstance(value, str):
        return value[:16] + "…" if len(value) > 16 else value
    if key == "findings" and isinstance(value, dict):
        return ", ".join(f"{n} {KIND_LABELS.get(k, (k, k))[0 if n == 1 else 1]}" for k, n in value.items()) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{_DETAIL_LABELS.get(k, k.replace('_', ' '))} {_detail_value(k, v)}" for k, v in value.items()) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(_detail_value(key, v) for v in value) or "none"
    if value is None or value == "":
        return "—"
    return str(value)


def audit_details(data: dict) -> list[tuple[str, str]]:
    """An audit record's data as (label, text) pairs for the audit page."""
    if not isinstance(data, dict):
        return [("", str(data))]
    return [(_DETAIL_LABELS.get(k, k.replace("_", " ")), _detail_value(k, v)) for k, v in data.items()]


def subject_view(held: HeldMessage) -> str:
    """The Subject as the console and the request page show it: never one with a finding in it; safe and short."""
    if held.verdict.subject_flagged:
        return "(not shown: it contains flagged content)"
    return safe_text(held.subject) or "(no subject)"


def recipient_domains(recipients: tuple[str, ...] | list[str]) -> str:
    """'partner.example.org (2), nhs.net': each domain once, with how many recipients it has."""
    counts = Counter(r.rpartition("@")[2].lower() or "?" for r in recipients)
    return ", ".join(f"{d} ({n})" if n > 1 else d for d, n in counts.most_common())


def _fmt_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


class Console:
    def __init__(self, settings: Settings, store: Store, relay, kick: Callable[[], None] | None = None):
        self.settings = settings
        self.web = settings.web
        self.store = store
        self.service = AdminService(store, relay, settings)
        self.users = Users(
            store, self.web.login_max_failures, self.web.login_lock_minutes * 60,
            self.web.idle_timeout_minutes * 60, self.web.session_max_hours * 3600,
        )
        self.requests = Requests(settings, store, self.service)
        self.highlighter = content_view.Highlighter(settings)
        self.kick = kick or (lambda: None)
        self.secret = load_secret(settings)
        self.secure = self.web.secure_cookies or self.web.base_url.startswith("https://")
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
        self.env.filters["time"] = _fmt_time
        self.env.filters["size"] = _fmt_size
        self.env.filters["kind"] = lambda k, n=2: KIND_LABELS.get(k, (k, k))[0 if n == 1 else 1]
        self.env.filters["details"] = audit_details
        self.env.filters["breakable"] = _breakable
        self.env.filters["subject"] = subject_view
        self.env.filters["domains"] = recipient_domains
        self.env.globals["ROLES"] = ROLES

    # -- plumbing -----------------------------------------------------------------

    def csrf(self, request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = secrets.token_urlsafe(32)
            request.session["csrf"] = token
        return token

    async def form(self, request: Request) -> FormData:
        """The POSTed form, after checking its CSRF token against the session's."""
        form = await request.form()
        sent = form.get("csrf")
        have = request.session.get("csrf")
        if not isinstance(sent, str) or not have or not hmac.compare_digest(sent.encode(), have.encode()):
            raise Refused(403, "The form's security token is missing or out of date. Go back, reload the page and try again.")
        return form

    def flash(self, request: Request, text: str, kind: str = "ok") -> None:
        request.session.setdefault("flash", [])
        request.session["flash"] = request.session["flash"] + [[kind, text]]

    async def user(self, request: Request) -> User | None:
        """The logged-in user, from the server-side session named by the session cookie."""
        if "user" in request.scope:
            return request.scope["user"]
        sid = request.cookies.get(SESSION_COOKIE, "")
        user = await db(self.users.session_user, sid) if sid else None
        if sid and user is None and not request.scope.get("session_ended"):
            request.scope["session_ended"] = True
            self.flash(request, "Your session has ended (timed out or logged out). Please log in again.", "error")
        request.scope["user"] = user
        return user

    def set_session_cookie(self, response: Response, sid: str) -> None:
        response.set_cookie(
            SESSION_COOKIE, sid, max_age=int(self.web.session_max_hours * 3600), path="/",
            httponly=True, samesite="strict", secure=self.secure,
        )

    async def need(self, request: Request, role: str = "releaser") -> User:
        user = await self.user(request)
        if user is None:
            raise LoginNeeded()
        if not user.can(role):
            raise Refused(403, f"Your role ({user.role}) may not do this: it needs {role} or above.")
        return user

    def render(self, request: Request, template: str, status: int = 200, user: User | None = None, **ctx: Any) -> HTMLResponse:
        flashes = request.session.pop("flash", []) if "flash" in request.session else []
        html = self.env.get_template(template).render(
            request=request, user=user, csrf=self.csrf(request), flashes=flashes, **ctx
        )
        return HTMLResponse(html, status_code=status)

    @staticmethod
    def reason(form: FormData, required: bool = True) -> str:
        text = str(form.get("reason") or "").strip()[:MAX_REASON]
        if required and not text:
            raise Refused(400, "A reason is needed for this. Go back and type one.")
        return text

    # -- login ---------------------------------------------------------------------

    async def login_page(self, request: Request) -> Response:
        if await self.user(request):
            return RedirectResponse("/queue", 303)
        response = self.render(request, "login.html", next=request.query_params.get("next", ""))
        if request.cookies.get(SESSION_COOKIE):
            response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=self.secure)
        return response

    async def login(self, request: Request) -> Response:
        form = await self.form(request)
        name = str(form.get("name") or "").strip()
        password = str(form.get("password") or "")
        nxt = str(form.get("next") or "")
        address = request.client.host if request.client else "-"
        try:
            user = await db(self.users.authenticate, name, password, address)
        except LoginRefused as exc:
            if exc.locked:
                minutes = max(1, round(exc.retry_after / 60))
                msg = f"Too many failed attempts. Try again in {minutes} minute{'s' if minutes != 1 else ''}."
                status = 429
            else:
                msg, status = "Wrong user name or password.", 401
            return self.render(request, "login.html", status=status, error=msg, next=nxt, name=name)
        old = request.cookies.get(SESSION_COOKIE, "")
        if old:
            await db(self.users.end_session, old)
        sid = await db(self.users.open_session, user, address)
        request.session.clear()
        request.session["csrf"] = secrets.token_urlsafe(32)
        safe_next = nxt if nxt.startswith("/") and not nxt.startswith("//") and "\\" not in nxt else "/queue"
        response = RedirectResponse(safe_next, 303)
        self.set_session_cookie(response, sid)
        return response

    async def logout(self, request: Request) -> Response:
        await self.form(request)
        sid = request.cookies.get(SESSION_COOKIE, "")
        user = await db(self.users.session_user, sid) if sid else None
        if sid:
            await db(self.users.end_session, sid)  # the session is gone from the store: a saved cookie opens nothing
        if user is not None:
            await db(self.store.audit, "logout", user.name, {})
        request.session.clear()
        request.session["csrf"] = secrets.token_urlsafe(32)
        self.flash(request, "You are logged out.")
        response = RedirectResponse("/login", 303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=self.secure)
        return response

    # -- queue and message -----------------------------------------------------------

    async def queue(self, request: Request) -> Response:
        user = await self.need(request)
        p = request.query_params
        state = p.get("state", QuarantineState.HELD)
        state = state if state in STATES else ""
        rule, sender = p.get("rule", "").strip(), p.get("sender", "").strip()
        start, end = _day_start(p.get("from", "")), _day_start(p.get("to", ""))
        page = await db(self.store.quarantine.queue, state, rule, sender, start, end)
        pending = {r.qid for r in await db(self.requests.find)}
        return self.render(
            request, "queue.html", user=user, rows=page.rows, counts=sorted(page.rule_counts.items()), pending=pending,
            rewritten=page.rewritten,
            f={"state": state, "rule": rule, "sender": sender, "from": p.get("from", ""), "to": p.get("to", "")},
            states=STATES, rules=sorted(set(self.settings.rules) | set(page.rule_counts)), iso=iso,
        )

    async def _held_or_404(self, qid: str, actor: str):
        try:
            return await db(self.service.show, qid, actor)
        except NotFound:
            raise Refused(404, f"There is no held message {qid}.") from None

    async def message(self, request: Request) -> Response:
        user = await self.need(request)
        qid = request.path_params["qid"]
        held = await self._held_or_404(qid, f"web:{user.name}")
        reqs = await db(self.requests.find, None, qid)
        rewritten = held.state == QuarantineState.RELEASED and qid in await db(self.store.audit_log.rewritten, [qid])
        return self.render(
            request, "message.html", user=user, m=held, findings=held.verdict.findings_by_place(), hits=held.verdict.hits,
            rewritten=rewritten, problems=held.verdict.problems, exposure=held.verdict.exposes_recipients, requests=reqs,
            reasons=RULE_REASONS, iso=iso,
        )

    async def content(self, request: Request) -> Response:
        form = await self.form(request)
        user = await self.need(request, "reviewer")
        qid = request.path_params["qid"]
        reason = self.reason(form)
        unmasked = form.get("unmasked") == "1"
        held = await self._held_or_404(qid, f"web:{user.name}")
        try:
            raw = await db(self.service.content, qid, f"web:{user.name}", reason + (" [show unmasked]" if unmasked else ""))
        except NotFound:
            raise Refused(410, f"The content of {qid} is no longer kept ({held.state}).") from None
        parts = await db(content_view.show, raw, self.highlighter, unmasked)
        return self.render(request, "content.html", user=user, m=held, parts=parts, reason=reason, unmasked=unmasked)

    async def _act(self, request: Request, what: str) -> Response:
        form = await self.form(request)
        user = await self.need(request, "releaser")
        qid = request.path_params["qid"]
        reason = self.reason(form)
        actor = f"web:{user.name}"
        await self._held_or_404(qid, actor)
        if what == "delete":
            ok = await db(self.service.delete, qid, actor, reason)
            if ok:
                await db(self.requests.settle, qid, False, actor, reason)
                self.kick()
            self.flash(request, f"{qid} deleted." if ok else f"{qid} is not held: nothing deleted.", "ok" if ok else "error")
        else:
            if what == "release-rewritten":
                result = await self.service.release_rewritten(qid, actor, reason)
            else:
                result = await self.service.release(qid, actor, reason)
            message = result.message
            if result.released:
                await db(self.requests.settle, qid, True, actor, reason)
                self.kick()
                if what == "release-rewritten":
                    message = message.replace(" released", " released rewritten (visible recipients replaced, as Bcc)", 1)
            self.flash(request, message, "ok" if result.released else "error")
        return RedirectResponse(f"/message/{qid}", 303)

    async def release(self, request: Request) -> Response:
        return await self._act(request, "release")

    async def release_rewritten(self, request: Request) -> Response:
        return await self._act(request, "release-rewritten")

    async def delete(self, request: Request) -> Response:
        return await self._act(request, "delete")

    # -- release requests (console side) ------------------------------------------------

    async def requests_page(self, request: Request) -> Response:
        user = await self.need(request)
        pending = await db(self.requests.find)
        recent = [r for r in await db(self.requests.find, None, None, 50) if r.state != RequestState.PENDING]
        return self.render(request, "requests.html", user=user, pending=pending, recent=recent)

    async def decide(self, request: Request) -> Response:
        form = await self.form(request)
        user = await self.need(request, "releaser")
        rid = int(request.path_params["rid"])
        if request.path_params["what"] not in ("approve", "decline"):
            raise Refused(404, "No such action.")
        req = await db(self.requests.get, rid)
        if req is None:
            raise Refused(404, f"There is no release request {rid}.")
        actor = f"web:{user.name}"
        if request.path_params["what"] == "approve":
            result = await self.requests.approve(rid, actor, self.reason(form, required=False))
            self.flash(request, result.message, "ok" if result.released else "error")
        else:
            ok = await db(self.requests.decline, rid, actor, self.reason(form))
            self.flash(request, f"Request {rid} declined; the sender is told your reason." if ok else f"Request {rid} was already decided.", "ok" if ok else "error")
        self.kick()
        return RedirectResponse(f"/message/{req.qid}", 303)

    # -- audit and overview --------------------------------------------------------------

    async def audit_page(self, request: Request) -> Response:
        user = await self.need(request)
        p = request.query_params
        f = {k: p.get(k, "").strip() for k in ("q", "event", "actor", "ref")}
        rows, events = await db(self.store.audit_log.search, f["q"], f["event"], f["actor"], f["ref"])
        for r in rows:
            r["time"] = _fmt_time(r["ts"])
        verify = await db(self.store.audit_verify)
        return self.render(request, "audit.html", user=user, rows=rows, events=events, f=f, verify=verify)

    async def overview(self, request: Request) -> Response:
        user = await self.need(request)
        try:
            days = min(max(int(request.query_params.get("days", "14")), 1), 90)
        except ValueError:
            days = 14
        ov = await db(overview_mod.compute, self.store, days)
        return self.render(
            request, "overview.html", user=user, ov=ov, days=days, chart=overview_mod.bar_chart(ov),
            series=overview_mod.SERIES, colours=overview_mod.COLOURS,
        )

    # -- accounts --------------------------------------------------------------------------

    async def users_page(self, request: Request) -> Response:
        user = await self.need(request, "admin")
        return self.render(request, "users.html", user=user, users=await db(self.users.all), locks=await db(self.users.locks))

    async def users_post(self, request: Request) -> Response:
        form = await self.form(request)
        user = await self.need(request, "admin")
        actor = f"web:{user.name}"
        what = request.path_params.get("what", "add")
        name = str(request.path_params.get("name") or form.get("name") or "").strip()
        try:
            if what == "add":
                password = str(form.get("password") or "")
                if password != str(form.get("password2") or ""):
                    raise UserError("the two passwords differ")
                await db(self.users.add, name, str(form.get("role") or ""), password, actor)
                self.flash(request, f"User {name} added.")
            elif what == "passwd":
                await db(self.users.passwd, name, str(form.get("password") or ""), actor)
                self.flash(request, f"Password of {name} changed.")
            elif what in ("disable", "enable"):
                if name == user.name and what == "disable":
                    raise UserError("you cannot disable your own account")
                await db(self.users.set_disabled, name, what == "disable", actor)
                self.flash(request, f"User {name} {what}d.")
            elif what == "unlock":
                n = await db(self.users.unlock, name, actor)
                self.flash(request, f"Failed logins of {name} cleared ({n} address{'es' if n != 1 else ''}).")
            elif what == "role":
                await db(self.users.set_role, name, str(form.get("role") or ""), actor)
                self.flash(request, f"Role of {name} changed.")
            else:
                raise Refused(404, "No such action.")
        except UserError as exc:
            self.flash(request, str(exc), "error")
        return RedirectResponse("/users", 303)

    # -- the sender's request page (no login: the signed link is the credential) ---------

    def _request_view(self, held) -> dict:
        return {
            "m": held,
            "subject": subject_view(held),
            "lines": findings_lines_for(held),
            "reasons": [RULE_REASONS.get(r, "a policy rule matched.") for r in held.rules],
            "self_release": sender_may_release(held),
        }

    def settled(self, request: Request, exc: LinkSettled, status: int = 200) -> Response:
        """A used link, or one whose message was decided: where things stand, not an error."""
        return self.render(request, "request_status.html", status=status, message=str(exc), req=exc.request, state=exc.state)

    async def request_page(self, request: Request) -> Response:
        token = request.path_params["token"]
        try:
            _tok, held = await db(self.requests.check, token)
        except LinkSettled as exc:
            return self.settled(request, exc)
        except BadToken as exc:
            return self.render(request, "error.html", status=_token_status(exc), title="Link refused", message=str(exc))
        return self.render(request, "request.html", token=token, **self._request_view(held))

    async def request_post(self, request: Request) -> Response:
        form = await self.form(request)
        token = request.path_params["token"]
        justification = str(form.get("justification") or "")
        self_release = form.get("action") == "self_release"
        try:
            outcome = await self.requests.submit(token, justification, self_release)
        except LinkSettled as exc:
            return self.settled(request, exc, 409)  # nothing was done
        except BadToken as exc:
            return self.render(request, "error.html", status=_token_status(exc), title="Link refused", message=str(exc))
        except ValueError as exc:
            try:
                _tok, held = await db(self.requests.check, token)
            except LinkSettled as settled:
                return self.settled(request, settled, 409)
            return self.render(request, "request.html", status=400, token=token, error=str(exc), justification=justification, **self._request_view(held))
        self.kick()
        return self.render(request, "request_done.html", outcome=outcome)

    # -- errors -------------------------------------------------------------------------------

    async def on_refused(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        user = await self.user(request) if request.cookies.get(SESSION_COOKIE) else None
        return self.render(request, "error.html", status=exc.status, user=user, title="Refused" if exc.status == 403 else "Not possible", message=exc.message)

    async def on_login_needed(self, request: Request, exc: Exception) -> Response:
        target = request.url.path if request.method == "GET" else "/queue"
        response = RedirectResponse(f"/login?next={target}", 303)
        if request.cookies.get(SESSION_COOKIE):  # a dead session: drop its cookie, so the next page does not ask again
            response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=self.secure)
        return response

    async def on_http(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return self.render(request, "error.html", status=exc.status_code, title="Not found" if exc.status_code == 404 else "Error", message=exc.detail)

    def app(self) -> Starlette:
        async def root(request: Request) -> Response:
            return RedirectResponse("/queue", 303)

        routes = [
            Route("/", root),
            Route("/login", self.login_page, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/logout", self.logout, methods=["POST"]),
            Route("/queue", self.queue),
            Route("/message/{qid}", self.message),
            Route("/message/{qid}/content", self.content, methods=["POST"]),
            Route("/message/{qid}/release", self.release, methods=["POST"]),
            Route("/message/{qid}/release-rewritten", self.release_rewritten, methods=["POST"]),
            Route("/message/{qid}/delete", self.delete, methods=["POST"]),
            Route("/requests", self.requests_page),
            Route("/requests/{rid:int}/{what:str}", self.decide, methods=["POST"]),
            Route("/audit", self.audit_page),
            Route("/overview", self.overview),
            Route("/users", self.users_page, methods=["GET"]),
            Route("/users", self.users_post, methods=["POST"]),
            Route("/users/{name}/{what}", self.users_post, methods=["POST"]),
            Route("/request/{token}", self.request_page, methods=["GET"]),
            Route("/request/{token}", self.request_post, methods=["POST"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]
        middleware = [
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=self.web.max_request_bytes),
            Middleware(
                SessionMiddleware,
                secret_key=derive(self.secret, "session").hex(),
                session_cookie="dlpgate_session",
                max_age=max(int(self.web.session_max_hours * 3600), 3600),  # the CSRF token outlives the session
                same_site="strict",
                https_only=self.secure,
            ),
        ]
        handlers = {Refused: self.on_refused, LoginNeeded: self.on_login_needed, HTTPException: self.on_http}
        app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
        app.state.web_settings = self.web  # the server's connection limits (dlpgate.web.server.WebServer)
        return app


def _token_status(exc: BadToken) -> int:
    text = str(exc)
    return 410 if "expired" in text else 403


def create_app(settings: Settings, store: Store, relay, kick: Callable[[], None] | None = None) -> Starlette:
    return Console(settings, store, relay, kick).app()
