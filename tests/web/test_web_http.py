"""The console over HTTP (httpx against the real uvicorn listener): every refusal, and the audit."""

from __future__ import annotations

import re
import threading
import time

import httpx
import pytest

from dlpgate.links import load_secret, make_token
from tests.synthetic import build_message
from tests.web.conftest import EXTERNAL, PASSWORD, SENDER, held_message, hold_notice_link


def wait_until(fn, timeout: float = 10.0):
    """fn() once it is truthy (the gateway's outbox sends notices in the background)."""
    end = time.monotonic() + timeout
    while not (value := fn()) and time.monotonic() < end:
        time.sleep(0.05)
    return value


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field on the page"
    return m.group(1)


def client(gw) -> httpx.Client:
    c = httpx.Client(base_url=gw.url, follow_redirects=False, timeout=20)
    gw.closers.append(c.close)  # closed when the gateway stops
    return c


def login(gw, name: str, password: str = PASSWORD) -> httpx.Client:
    c = client(gw)
    r = c.post("/login", data={"csrf": csrf_of(c.get("/login").text), "name": name, "password": password})
    assert r.status_code == 303, r.text
    return c


def page_csrf(c: httpx.Client, path: str = "/queue") -> str:
    r = c.get(path)
    assert r.status_code == 200, r.text
    return csrf_of(r.text)


@pytest.fixture
def gw(console, sink, nhs):
    g = console()
    for name, role in (("alice", "admin"), ("rita", "reviewer"), ("rory", "releaser")):
        g.add_user(name, role)
    g.qid = g.hold(held_message(nhs))
    return g


# -- logging in ------------------------------------------------------------------------


def test_pages_need_a_login(gw):
    c = client(gw)
    for path in ("/queue", f"/message/{gw.qid}", "/audit", "/overview", "/users", "/requests"):
        r = c.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path


def test_wrong_password_is_refused_and_audited(gw):
    c = client(gw)
    r = c.post("/login", data={"csrf": csrf_of(c.get("/login").text), "name": "alice", "password": "wrong password!"})
    assert r.status_code == 401 and "Wrong user name or password" in r.text
    assert c.get("/queue").status_code == 303
    assert any(rec["event"] == "login_failed" for rec in gw.store.audit_records(20))


def test_five_failures_lock_the_account_from_that_address_even_for_the_right_password(gw):
    c = client(gw)
    token = csrf_of(c.get("/login").text)
    for _ in range(5):
        assert c.post("/login", data={"csrf": token, "name": "rita", "password": "not it at all"}).status_code == 401
    r = c.post("/login", data={"csrf": token, "name": "rita", "password": PASSWORD})
    assert r.status_code == 429 and "Too many failed attempts. Try again in 1 minute." in r.text
    # other accounts from the same address are not locked (behind a proxy every user shares it)
    r = c.post("/login", data={"csrf": token, "name": "alice", "password": PASSWORD})
    assert r.status_code == 303


def test_unknown_user_and_disabled_user_cannot_log_in(gw):
    gw.users.set_disabled("rory", True, "test")
    c = client(gw)
    token = csrf_of(c.get("/login").text)
    assert c.post("/login", data={"csrf": token, "name": "nobody", "password": PASSWORD}).status_code == 401
    assert c.post("/login", data={"csrf": token, "name": "rory", "password": PASSWORD}).status_code == 401


def test_session_cookie_is_httponly_samesite_strict_and_signed(gw):
    c = client(gw)
    r = c.get("/login")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    assert r.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["referrer-policy"] == "no-referrer"
    # a forged cookie is ignored
    forged = client(gw)
    forged.cookies.set("dlpgate_session", "eyJ1c2VyIjogImFsaWNlIn0=.forged.sig")
    assert forged.get("/queue").status_code == 303


def test_cookie_is_secure_behind_https(console):
    g = console(web={"base_url": "https://dlpgate.example-trust.nhs.uk"})
    r = client(g).get("/login")
    assert "secure" in r.headers["set-cookie"].lower()


def test_idle_timeout_ends_the_session(console, nhs):
    g = console(web={"idle_timeout_minutes": 0.02})
    g.add_user("alice", "admin")
    c = login(g, "alice")
    assert c.get("/queue").status_code == 200
    time.sleep(1.5)
    r = c.get("/queue")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_logout_ends_the_session_and_needs_csrf(gw):
    c = login(gw, "alice")
    assert c.post("/logout", data={}).status_code == 403
    assert c.post("/logout", data={"csrf": page_csrf(c)}).status_code == 303
    assert c.get("/queue").status_code == 303


def test_disabling_or_a_new_password_ends_existing_sessions(gw):
    c = login(gw, "rita")
    gw.users.passwd("rita", "another long password", "test")
    assert c.get("/queue").status_code == 303
    c = login(gw, "rory")
    gw.users.set_disabled("rory", True, "test")
    assert c.get("/queue").status_code == 303


# -- CSRF ------------------------------------------------------------------------------


POSTS = [
    "/login", "/logout", "/message/{qid}/content", "/message/{qid}/release", "/message/{qid}/release-rewritten",
    "/message/{qid}/delete", "/requests/1/approve", "/requests/1/decline", "/users", "/users/rory/passwd",
    "/users/rory/disable", "/users/rory/enable", "/users/rory/role", "/users/rory/unlock", "/users/rory/add",
    "/request/{token}",
]


def test_every_post_route_is_listed_here(gw):
    from dlpgate.web import create_app

    app = create_app(gw.settings, gw.store, gw.gateway.relay)
    urls = [p.format(qid="20260101-abc", token="t.k") for p in POSTS]
    for route in app.routes:
        if "POST" in (getattr(route, "methods", None) or ()):
            assert any(route.path_regex.match(u) for u in urls), f"POST {route.path} has no CSRF test"


@pytest.mark.parametrize("path", POSTS)
def test_post_without_or_with_a_wrong_csrf_token_is_refused(gw, sink, path):
    c = login(gw, "alice")
    token = make_token(load_secret(gw.settings), gw.qid, SENDER, 3600)
    url = path.format(qid=gw.qid, token=token)
    form = {"reason": "because", "name": "alice", "password": PASSWORD, "justification": "needed for care today"}
    for data in (form, form | {"csrf": "not-the-token"}):
        r = c.post(url, data=data)
        assert r.status_code == 403, (url, r.status_code)
        assert "security token" in r.text
    assert gw.store.get(gw.qid).state == "held"
    assert gw.users.get("rory").disabled is False
    assert c.get("/queue").status_code == 200  # still logged in: the refused logout did nothing


# -- roles -----------------------------------------------------------------------------


def test_releaser_cannot_view_content(gw):
    c = login(gw, "rory")
    page = c.get(f"/message/{gw.qid}").text
    assert "View content" not in page and "needs the reviewer role" in page
    r = c.post(f"/message/{gw.qid}/content", data={"csrf": csrf_of(page), "reason": "curious"})
    assert r.status_code == 403
    assert not any(rec["event"] == "view_content" for rec in gw.store.audit_records(50))


def test_reviewer_and_releaser_cannot_manage_users(gw):
    for name in ("rita", "rory"):
        c = login(gw, name)
        assert c.get("/users").status_code == 403
        r = c.post("/users", data={"csrf": page_csrf(c), "name": "mallory", "role": "admin", "password": "x" * 12, "password2": "x" * 12})
        assert r.status_code == 403
    assert gw.users.get("mallory") is None


def test_admin_manages_users_and_it_is_audited(gw):
    c = login(gw, "alice")
    token = page_csrf(c, "/users")
    r = c.post("/users", data={"csrf": token, "name": "rachel", "role": "reviewer", "password": "p" * 12, "password2": "p" * 12})
    assert r.status_code == 303 and gw.users.get("rachel").role == "reviewer"
    assert c.post("/users/rachel/disable", data={"csrf": token}).status_code == 303
    assert gw.users.get("rachel").disabled
    r = c.post("/users/alice/disable", data={"csrf": token})
    assert not gw.users.get("alice").disabled  # never yourself
    events = [(rec["event"], rec["actor"]) for rec in gw.store.audit_records(20)]
    assert ("user_add", "web:alice") in events and ("user_disable", "web:alice") in events


def test_view_content_needs_a_reason_and_is_audited_with_it(gw, nhs):
    c = login(gw, "rita")
    token = page_csrf(c, f"/message/{gw.qid}")
    assert c.post(f"/message/{gw.qid}/content", data={"csrf": token, "reason": "  "}).status_code == 400
    r = c.post(f"/message/{gw.qid}/content", data={"csrf": token, "reason": "IG ticket 42"})
    assert r.status_code == 200
    # the NHS number is highlighted; the phone number and dates outside findings are masked
    assert f"<mark>{nhs[0][:3]} {nhs[0][3:6]} {nhs[0][6:]}</mark>" in r.text
    assert "<mark>diabetes</mark>" in r.text.lower() or "diabetes</mark>" in r.text.lower()
    assert "01632" not in r.text and "••/••/••••" in r.text
    r = c.post(f"/message/{gw.qid}/content", data={"csrf": token, "reason": "IG ticket 42", "unmasked": "1"})
    assert "01632 960 123" in r.text
    views = [rec for rec in gw.store.audit_records(50) if rec["event"] == "view_content"]
    assert [v["data"]["reason"] for v in views] == ["IG ticket 42 [show unmasked]", "IG ticket 42"]
    assert all(v["actor"] == "web:rita" for v in views)


def test_release_needs_a_reason(gw, sink):
    c = login(gw, "rory")
    r = c.post(f"/message/{gw.qid}/release", data={"csrf": page_csrf(c), "reason": ""})
    assert r.status_code == 400
    assert gw.store.get(gw.qid).state == "held"


def test_releaser_releases_on_metadata_once_and_it_is_audited(gw, sink):
    c = login(gw, "rory")
    token = page_csrf(c)
    before = len(sink.to(EXTERNAL))
    r = c.post(f"/message/{gw.qid}/release", data={"csrf": token, "reason": "patient asked for it by email"})
    assert r.status_code == 303
    assert len(sink.to(EXTERNAL)) == before + 1
    r = c.post(f"/message/{gw.qid}/release", data={"csrf": token, "reason": "again"})
    assert len(sink.to(EXTERNAL)) == before + 1
    rec = next(r for r in gw.store.audit_records(20) if r["event"] == "release")
    assert rec["actor"] == "web:rory" and rec["data"]["reason"] == "patient asked for it by email"


def test_two_admins_releasing_at_once_deliver_once(gw, sink):
    gw.add_user("bob", "admin")
    clients = [login(gw, "alice"), login(gw, "bob")]
    tokens = [page_csrf(c) for c in clients]
    barrier = threading.Barrier(2)
    codes = []

    def release(c, token):
        barrier.wait()
        codes.append(c.post(f"/message/{gw.qid}/release", data={"csrf": token, "reason": "both clicked"}).status_code)

    threads = [threading.Thread(target=release, args=pair) for pair in zip(clients, tokens, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert codes == [303, 303]
    time.sleep(0.3)
    originals = [raw for raw in sink.to(EXTERNAL) if b"released by" in raw]
    assert len(originals) == 1
    assert sum(1 for r in gw.store.audit_records(50) if r["event"] == "release") == 1


def test_delete_drops_content_and_release_rewritten_rewrites(gw, sink, nhs):
    c = login(gw, "alice")
    token = page_csrf(c)
    assert c.post(f"/message/{gw.qid}/delete", data={"csrf": token, "reason": "wrong recipient"}).status_code == 303
    assert gw.store.get(gw.qid).state == "deleted"
    r = c.post(f"/message/{gw.qid}/content", data={"csrf": token, "reason": "look"})
    assert r.status_code == 410
    # an exposure hold (a rule that holds on exposed recipients) is released rewritten
    g2 = gw  # same gateway: send a message that both exposes recipients and carries an NHS number
    rcpts = ("a.patient@gmail.com", "b.patient@hotmail.co.uk")
    raw = build_message(f"NHS No: {nhs[1]}", to=", ".join(rcpts), sender=SENDER)
    qid = g2.hold(raw, rcpts=rcpts)
    page = c.get(f"/message/{qid}").text
    assert "Release rewritten" in page
    assert c.post(f"/message/{qid}/release-rewritten", data={"csrf": token, "reason": "ok as bcc"}).status_code == 303
    out = [raw for raw in sink.to("a.patient@gmail.com") if b"released by" in raw]
    assert len(out) == 1 and b"undisclosed-recipients" in out[0] and b"b.patient@hotmail" not in out[0]
    rec = next(r for r in gw.store.audit_records(20) if r["event"] == "release")
    assert rec["data"]["rewritten"] is True


def test_unknown_message_is_404(gw):
    c = login(gw, "alice")
    assert c.get("/message/20990101-nothere").status_code == 404
    assert c.get("/no/such/page").status_code == 404


# -- the pages show what they should ---------------------------------------------------------


def test_queue_filters_and_counts(gw, nhs):
    c = login(gw, "rory")
    page = c.get("/queue").text
    assert gw.qid in page and "health_identifier_external" in page
    assert gw.qid not in c.get("/queue", params={"sender": "nobody-like-this"}).text
    assert gw.qid in c.get("/queue", params={"rule": "health_identifier_external", "from": "2000-01-01"}).text
    assert gw.qid not in c.get("/queue", params={"state": "released"}).text
    assert gw.qid not in c.get("/queue", params={"to": "2000-01-01"}).text


def test_message_page_shows_findings_without_values(gw, nhs):
    c = login(gw, "rory")
    page = c.get(f"/message/{gw.qid}").text
    assert "NHS number" in page and "*** *** " + nhs[0][-4:] in page
    assert nhs[0] not in page and f"{nhs[0][:3]} {nhs[0][3:6]}" not in page
    assert any(r["event"] == "view_metadata" and r["actor"] == "web:rory" for r in gw.store.audit_records(20))


def test_audit_page_searches_and_verifies(gw):
    c = login(gw, "alice")
    page = c.get("/audit").text
    assert "Chain intact" in page and "verdict" in page
    page = c.get("/audit", params={"event": "login", "actor": "alice"}).text
    assert "web:" not in page.split("<tbody>")[1] or "login" in page
    assert gw.qid not in c.get("/audit", params={"ref": "nothing"}).text.split("<tbody>")[1]


def test_overview_counts_and_chart(gw):
    c = login(gw, "alice")
    page = c.get("/overview").text
    assert "<svg" in page and "1</strong> held" in page


# -- the sender's request link --------------------------------------------------------------


def test_hold_notice_carries_the_link_and_get_changes_nothing(gw, sink):
    wait_until(lambda: sink.to(SENDER))
    link = hold_notice_link(sink)
    path = link.split(str(gw.settings.web.listen))[1]
    c = client(gw)
    for _ in range(2):
        r = c.get(path)
        assert r.status_code == 200 and "Ask for release" in r.text and "Release it myself" not in r.text
    assert gw.store.get(gw.qid).state == "held"
    assert not any(r["event"] in ("release_request", "release") for r in gw.store.audit_records(50))


def test_no_link_without_base_url(console, sink, nhs):
    g = console(web={"base_url": ""})
    g.hold(held_message(nhs))
    g.flush()
    notices = sink.wait_for(1) and sink.to(SENDER)
    assert notices and b"/request/" not in notices[0] and b"information governance" in notices[0]


def _request_path(gw, token: str) -> str:
    return f"/request/{token}"


def post_request(c, path, justification="The patient asked for the letter by email.", action="request"):
    token = csrf_of(c.get(path).text) if c.get(path).status_code == 200 else csrf_of(c.get("/login").text)
    return c.post(path, data={"csrf": token, "justification": justification, "action": action})


def test_tampered_token_is_refused(gw):
    secret = load_secret(gw.settings)
    token = make_token(secret, gw.qid, SENDER, 3600)
    payload, sig = token.split(".")
    c = client(gw)
    for bad in (payload[:-2] + "xx." + sig, payload + "." + sig[:-3] + "abc", "nonsense", payload + "."):
        assert c.get(_request_path(gw, bad)).status_code == 403
    other_key = make_token(b"k" * 64, gw.qid, SENDER, 3600)
    assert c.get(_request_path(gw, other_key)).status_code == 403
    wrong_sender = make_token(secret, gw.qid, "someone.else@example-trust.nhs.uk", 3600)
    r = c.get(_request_path(gw, wrong_sender))
    assert r.status_code == 403 and "not valid" in r.text
    r = post_request(c, _request_path(gw, wrong_sender))
    assert r.status_code == 403
    assert gw.store.get(gw.qid).state == "held"


def test_expired_token_is_refused(gw):
    token = make_token(load_secret(gw.settings), gw.qid, SENDER, 7 * 86400, now=time.time() - 8 * 86400)
    c = client(gw)
    r = c.get(_request_path(gw, token))
    assert r.status_code == 410 and "expired" in r.text
    r = c.post(_request_path(gw, token), data={"csrf": csrf_of(c.get("/login").text), "justification": "x" * 20})
    assert r.status_code == 410


def test_token_works_once(gw, sink):
    token = make_token(load_secret(gw.settings), gw.qid, SENDER, 3600)
    c = client(gw)
    r = post_request(c, _request_path(gw, token))
    assert r.status_code == 200 and "sent to the reviewers" in r.text
    # a used link shows where the request stands, not an error; a second POST does nothing
    r = c.get(_request_path(gw, token))
    assert r.status_code == 200 and "already been used" in r.text and "waiting for a reviewer" in r.text
    r = c.post(_request_path(gw, token), data={"csrf": csrf_of(c.get("/login").text), "justification": "x" * 20})
    assert r.status_code == 409 and "waiting for a reviewer" in r.text
    rec = [r for r in gw.store.audit_records(50) if r["event"] == "release_request"]
    assert len(rec) == 1 and rec[0]["actor"] == f"sender:{SENDER}"


def test_request_needs_a_justification(gw):
    token = make_token(load_secret(gw.settings), gw.qid, SENDER, 3600)
    c = client(gw)
    r = post_request(c, _request_path(gw, token), justification="  ")
    assert r.status_code == 400 and "justification" in r.text
    assert c.get(_request_path(gw, token)).status_code == 200  # not used up


def test_self_release_refused_unless_the_rule_allows_it(gw, sink):
    token = make_token(load_secret(gw.settings), gw.qid, SENDER, 3600)
    c = client(gw)
    r = post_request(c, _request_path(gw, token), action="self_release")
    assert r.status_code == 403
    assert gw.store.get(gw.qid).state == "held"


def test_self_release_where_the_rule_allows_it(console, sink, nhs):
    g = console(rules={r: {"sender_release": True} for r in ("health_identifier_external", "patient_health_data_external")})
    qid = g.hold(held_message(nhs))
    token = make_token(load_secret(g.settings), qid, SENDER, 3600)
    c = client(g)
    assert "Release it myself" in c.get(_request_path(g, token)).text
    r = post_request(c, _request_path(g, token), justification="Patient asked for it; consent on file.", action="self_release")
    assert r.status_code == 200 and "released" in r.text
    assert g.store.get(qid).state == "released"
    assert len([raw for raw in sink.to(EXTERNAL) if b"released by sender:" in raw]) == 1
    events = {r["event"]: r for r in g.store.audit_records(50)}
    assert events["sender_release"]["data"]["justification"].startswith("Patient asked")
    assert events["release"]["actor"] == f"sender:{SENDER}"


def test_request_declined_tells_the_sender_the_reason(gw, sink):
    token = make_token(load_secret(gw.settings), gw.qid, SENDER, 3600)
    post_request(client(gw), _request_path(gw, token))
    c = login(gw, "rory")
    page = c.get(f"/message/{gw.qid}").text
    rid = re.search(r'action="/requests/(\d+)/decline"', page).group(1)
    assert c.post(f"/requests/{rid}/decline", data={"csrf": csrf_of(page), "reason": ""}).status_code == 400
    assert c.post(f"/requests/{rid}/decline", data={"csrf": csrf_of(page), "reason": "Use the secure nhs.net route"}).status_code == 303
    declined = wait_until(lambda: [raw for raw in sink.to(SENDER) if b"Release declined" in raw])
    assert len(declined) == 1 and b"Use the secure nhs.net route" in declined[0]
    assert gw.store.get(gw.qid).state == "held"
    admins = wait_until(lambda: [raw for raw in sink.to(f"ig-team@{gw.settings.domains.internal[0]}") if b"Release requested" in raw])
    assert len(admins) == 1


# -- retention -------------------------------------------------------------------------


def test_purge_expires_old_held_mail_and_keeps_the_audit(gw):
    from dlpgate.admin.service import AdminService

    svc = AdminService(gw.store, gw.gateway.relay)
    assert svc.purge(30) == []
    assert svc.purge(30, now=time.time() + 31 * 86400) == [gw.qid]
    held = gw.store.get(gw.qid)
    assert held.state == "expired"
    assert gw.store.content(gw.qid, "test", "check") is None
    assert any(r["event"] == "expire" for r in gw.store.audit_records(10, gw.qid))
    assert any(r["event"] == "verdict" for r in gw.store.audit_records(10, gw.qid))
    assert gw.store.audit_verify().ok
