"""Console defences over real HTTP: server-side sessions, login throttling, slow clients, exact link signatures.

Each test here failed against the console before these defences: signed-cookie
sessions survived logout, the lockout could be raced and locked accounts and
addresses for everyone, uvicorn kept trickling clients forever, and a link's
signature was compared after a lenient base64 decode.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from dlpgate.admin.users import LoginRefused, Users, unlock
from dlpgate.links import load_secret, make_token
from dlpgate.store.accounts import login_throttle, web_sessions
from dlpgate.web.server import ACCEPT_BATCH
from tests.web.conftest import PASSWORD, SENDER, held_message
from tests.web.test_web_http import csrf_of, page_csrf


def client(gw, source: str = "127.0.0.1") -> httpx.Client:
    """An HTTP client whose connections come from `source` (any 127.x address reaches the console)."""
    c = httpx.Client(
        base_url=gw.url, follow_redirects=False, timeout=20, transport=httpx.HTTPTransport(local_address=source)
    )
    gw.closers.append(c.close)
    return c


def login(gw, name: str, source: str = "127.0.0.1", password: str = PASSWORD) -> httpx.Response:
    c = client(gw, source)
    r = c.post("/login", data={"csrf": csrf_of(c.get("/login").text), "name": name, "password": password})
    r.client = c  # type: ignore[attr-defined]
    return r


def wrong_passwords_at_once(consoles: list, name: str) -> list[int]:
    """One wrong password for `name` from a client of each console, all sent at the same moment; the statuses."""
    clients = []
    for console in consoles:
        c = client(console)
        clients.append((c, csrf_of(c.get("/login").text)))
    barrier = threading.Barrier(len(clients))
    codes: list[int] = []

    def attempt(c, token):
        barrier.wait()
        codes.append(c.post("/login", data={"csrf": token, "name": name, "password": "wrong password!"}).status_code)

    threads = [threading.Thread(target=attempt, args=ct) for ct in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return codes


def logged_in(gw, name: str, source: str = "127.0.0.1") -> httpx.Client:
    r = login(gw, name, source)
    assert r.status_code == 303, r.text
    return r.client  # type: ignore[attr-defined]


@pytest.fixture
def gw(console, nhs):
    g = console()
    for name, role in (("alice", "admin"), ("rita", "reviewer")):
        g.add_user(name, role)
    return g


# -- sessions ----------------------------------------------------------------------------


def test_a_cookie_saved_before_logout_opens_nothing_from_any_address(gw):
    c = logged_in(gw, "alice")
    saved = dict(c.cookies)
    assert c.get("/queue").status_code == 200
    assert c.post("/logout", data={"csrf": page_csrf(c)}).status_code == 303
    for source in ("127.0.0.1", "127.0.0.2"):
        replay = client(gw, source)
        for k, v in saved.items():
            replay.cookies.set(k, v)
        r = replay.get("/queue")
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), source
    assert any(rec["event"] == "logout" and rec["actor"] == "alice" for rec in gw.store.audit_records(20))


def test_the_store_keeps_only_a_hash_of_the_session_id(gw):
    c = logged_in(gw, "alice")
    sid = c.cookies["dlpgate_sid"]
    assert len(sid) >= 40
    with gw.store.engine.connect() as conn:
        rows = conn.execute(web_sessions.select()).mappings().all()
    assert len(rows) == 1 and rows[0]["user"] == "alice"
    assert sid not in str(dict(rows[0]))
    db_file = gw.settings.storage.path + "/dlpgate.sqlite3"
    gw.store.engine.dispose()
    with open(db_file, "rb") as fh:
        assert sid.encode() not in fh.read()


def test_the_session_cookie_is_opaque_httponly_strict_and_secure_behind_https(console):
    g = console(web={"base_url": "https://dlpgate.example-trust.nhs.uk"})
    g.add_user("alice", "admin")
    c = client(g)
    page = c.get("/login")  # the Secure cookie is not sent back over plain http by a client: send it by hand
    signed = page.headers["set-cookie"].split(";")[0]
    r = c.post("/login", data={"csrf": csrf_of(page.text), "name": "alice", "password": PASSWORD}, headers={"cookie": signed})
    assert r.status_code == 303
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("dlpgate_sid="))
    attrs = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
    assert {"httponly", "secure", "path", "samesite"} <= attrs and "samesite=strict" in cookie.lower()
    assert "alice" not in cookie and "." not in cookie.split(";")[0]  # a random id: nothing signed or readable


def test_a_session_has_an_absolute_lifetime_however_busy(console):
    g = console(web={"session_max_hours": 2.0 / 3600})
    g.add_user("alice", "admin")
    c = logged_in(g, "alice")
    end = time.monotonic() + 2.5
    codes = []
    while time.monotonic() < end:  # busy all along: the idle time-out never applies
        codes.append(c.get("/queue").status_code)
        time.sleep(0.2)
    assert codes[0] == 200 and codes[-1] == 303


def test_disabling_ends_a_session_and_enabling_does_not_bring_it_back(gw):
    c = logged_in(gw, "rita")
    admin = logged_in(gw, "alice")
    assert admin.post("/users/rita/disable", data={"csrf": page_csrf(admin, "/users")}).status_code == 303
    assert c.get("/queue").status_code == 303
    assert admin.post("/users/rita/enable", data={"csrf": page_csrf(admin, "/users")}).status_code == 303
    assert c.get("/queue").status_code == 303


# -- login throttling ----------------------------------------------------------------------


def wrong(gw, name: str, source: str = "127.0.0.1") -> int:
    return login(gw, name, source, password="not the password").status_code


def test_forty_parallel_wrong_passwords_get_at_most_the_limit_checked(gw):
    codes = wrong_passwords_at_once([gw] * 40, "rita")
    assert len(codes) == 40
    checked = [rec for rec in gw.store.audit_records(200) if rec["event"] == "login_failed"]
    assert codes.count(401) <= 5 and len(checked) <= 5, (codes.count(401), len(checked))
    assert codes.count(429) >= 35


def test_failures_lock_one_account_from_one_address_only(gw):
    for _ in range(5):
        assert wrong(gw, "alice", "127.0.0.2") == 401
    locked = login(gw, "alice", "127.0.0.2")
    assert locked.status_code == 429
    # the attacker's address does not lock alice out from elsewhere...
    assert login(gw, "alice", "127.0.0.3").status_code == 303
    # ...nor lock everyone else out from that address (behind a proxy everyone shares it)
    assert login(gw, "rita", "127.0.0.2").status_code == 303
    assert login(gw, "Alice", "127.0.0.2").status_code == 429  # the name's case does not reset the count
    assert "Try again in 1 minute." in locked.text  # the first lock is short: a typist is not shut out for long


def test_back_off_doubles_to_the_configured_longest_lock(gw):
    users = Users(gw.store, max_failures=5, lock_seconds=900)
    assert [users.lock_for(n) for n in range(1, 11)] == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900]


def test_a_successful_login_clears_the_count_for_that_address(gw):
    for _ in range(4):
        assert wrong(gw, "alice") == 401
    assert login(gw, "alice").status_code == 303
    for _ in range(4):
        assert wrong(gw, "alice") == 401
    assert login(gw, "alice").status_code == 303


def test_unlock_clears_the_counts_and_is_audited(gw):
    for source in ("127.0.0.2", "127.0.0.3"):
        for _ in range(5):
            wrong(gw, "rita", source)
        assert login(gw, "rita", source).status_code == 429
    assert unlock(gw.store, "rita", "cli:root") == 2
    assert login(gw, "rita", "127.0.0.2").status_code == 303
    assert any(rec["event"] == "user_unlock" and rec["data"]["cleared"] == 2 for rec in gw.store.audit_records(50))


# -- slow and greedy clients -----------------------------------------------------------------


def _open(gw, n: int) -> list[socket.socket]:
    host, _, port = gw.settings.web.listen.rpartition(":")
    socks = []
    for _ in range(n):
        s = socket.create_connection((host, int(port)), timeout=5)
        s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    return socks


async def _open_connections(gw) -> int:
    """The console's open connections, read on its own event loop (never mid-accept)."""
    return len(gw.running.web.server.server_state.connections)


def _web_connections(pid: int, port: int) -> int:
    """Open connections (not the listener) that process ``pid`` holds on local TCP ``port``.

    Counted from /proc/net/tcp{,6} by socket inode, so the database and other
    files the process opens meanwhile do not move the figure.
    """
    import os

    inodes = set()
    for name in ("tcp", "tcp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if int(f[1].rsplit(":", 1)[1], 16) == port and f[3] != "0A":  # 0A: LISTEN
                inodes.add(f[9])
    held = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


def _closed(s: socket.socket) -> bool:
    s.setblocking(False)
    try:
        return s.recv(4096) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_clients_trickling_headers_are_closed_at_the_header_timeout(console, nhs):
    g = console(web={"header_timeout": 3.0, "max_connections": 1000})
    g.add_user("alice", "admin")
    socks = _open(g, 300)
    try:
        start = time.monotonic()
        while time.monotonic() - start < 10:
            open_now = [s for s in socks if not _closed(s)]
            if not open_now:
                break
            for s in open_now:  # one more header line each, well inside any per-read timeout
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass
            time.sleep(1.0)
        still = sum(1 for s in socks if not _closed(s))
        assert still == 0, f"{still} of 300 trickling connections still open after {time.monotonic() - start:.1f} s"
        # the console and the SMTP side on the same loop kept answering
        assert logged_in(g, "alice").get("/queue").status_code == 200
        assert g.hold(held_message(nhs))
    finally:
        for s in socks:
            s.close()


def test_a_full_console_closes_the_oldest_slow_client_and_serves_a_new_one(console):
    g = console(web={"header_timeout": 30.0, "max_connections": 20})
    g.add_user("alice", "admin")
    socks = _open(g, 60)
    try:
        assert g.call(_open_connections(g)) <= 20  # never more held open than the cap
        t0 = time.monotonic()
        c = logged_in(g, "alice")
        assert c.get("/queue").status_code == 200
        assert time.monotonic() - t0 < 10
        time.sleep(0.5)
        alive = [s for s in socks if not _closed(s)]
        assert len(alive) <= 20 and all(_closed(s) for s in socks[:30])
    finally:
        for s in socks:
            s.close()


def test_a_slow_body_is_cut_off_at_the_body_timeout(console):
    g = console(web={"body_timeout": 2.0})
    host, _, port = g.settings.web.listen.rpartition(":")
    s = socket.create_connection((host, int(port)), timeout=5)
    try:
        s.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
        start = time.monotonic()
        while time.monotonic() - start < 10 and not _closed(s):
            try:
                s.sendall(b"a")
            except OSError:
                break
            time.sleep(0.5)
        assert _closed(s) and time.monotonic() - start < 8
    finally:
        s.close()


def test_a_request_over_the_size_limit_is_refused(console):
    g = console(web={"max_request_bytes": 10_000})
    c = client(g)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"csrf": token, "name": "alice", "password": "x" * 20_000})
    assert r.status_code == 413

    def chunks():
        for _ in range(20):
            yield b"a" * 1000

    r = c.post("/login", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert c.get("/login").status_code == 200


def test_an_oversized_header_block_is_refused(console):
    g = console()
    c = client(g)
    assert c.get("/login", headers={"x-big": "a" * 40_000}).status_code == 431  # arrives in one read
    host, _, port = g.settings.web.listen.rpartition(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:  # trickled: h11 stops buffering it
        s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n")
        sent = 0
        try:
            for _ in range(40):
                s.sendall(b"X-Big: " + b"a" * 1000 + b"\r\n")
                sent += 1
                time.sleep(0.01)
        except OSError:
            pass  # refused and closed part-way: what we want
        s.settimeout(5)
        try:
            reply = s.recv(100)
        except ConnectionResetError:
            reply = b""
        assert sent < 40 or reply.startswith(b"HTTP/1.1 4")


# -- release links ----------------------------------------------------------------------------


@pytest.mark.parametrize("junk", ["!!", "=junk", "==", "%20", ".x", "A"])
def test_a_link_signature_with_anything_appended_is_refused(gw, nhs, junk):
    qid = gw.hold(held_message(nhs))
    good = make_token(load_secret(gw.settings), qid, SENDER, 3600)
    c = client(gw)
    assert c.get(f"/request/{good}{junk}").status_code == 403
    r = c.post(f"/request/{good}{junk}", data={"csrf": csrf_of(c.get("/login").text), "justification": "The patient asked for it."})
    assert r.status_code == 403
    assert c.get(f"/request/{good}").status_code == 200


def test_a_link_signature_in_another_base64_spelling_is_refused(gw, nhs):
    qid = gw.hold(held_message(nhs))
    good = make_token(load_secret(gw.settings), qid, SENDER, 3600)
    payload, sig = good.split(".")
    # 32 bytes in 43 characters: the last one carries 2 spare bits, so 3 other letters decode the same
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    i = alphabet.index(sig[-1])
    twins = [alphabet[(i & ~3) | k] for k in range(4) if alphabet[(i & ~3) | k] != sig[-1]]
    c = client(gw)
    for twin in twins:
        assert c.get(f"/request/{payload}.{sig[:-1]}{twin}").status_code == 403
    assert c.get(f"/request/{payload}.{sig}=").status_code == 403


def test_dlpgate_serve_keeps_the_supervisor_bounded_under_a_trickle_flood(tmp_path):
    """The console runs in the `dlpgate serve` supervisor: 300 trickling clients leave it answering and bounded."""
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import free_port

    web_port, smtp_port = free_port(), free_port()
    cfg = tmp_path / "dlpgate.toml"
    cfg.write_text(
        f'[smtp]\nlisten = "127.0.0.1:{smtp_port}"\nrelay = "dir:{tmp_path / "outbox"}"\nworkers = 1\n'
        f'[storage]\npath = "{tmp_path / "var"}"\n'
        f'[web]\nlisten = "127.0.0.1:{web_port}"\nheader_timeout = 3.0\nmax_connections = 50\n'
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "dlpgate.cli", "serve", "--config", str(cfg)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    socks: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                assert httpx.get(f"http://127.0.0.1:{web_port}/login", timeout=2).status_code == 200
                break
            except httpx.TransportError:
                time.sleep(0.2)
        most = _web_connections(proc.pid, web_port)
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", web_port), timeout=5)
            s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        start = time.monotonic()
        answered = None
        while time.monotonic() - start < 10:
            most = max(most, _web_connections(proc.pid, web_port))
            for s in socks:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass
            if answered is None:
                t0 = time.monotonic()
                answered = httpx.get(f"http://127.0.0.1:{web_port}/login", timeout=5).status_code, time.monotonic() - t0
            if all(_closed(s) for s in socks):
                break
            time.sleep(1.0)
        assert all(_closed(s) for s in socks), "trickling connections outlived the header time-out"
        assert answered is not None and answered[0] == 200 and answered[1] < 5, answered
        assert most >= 25, most  # the flood reached the console (so the count below measures it)
        assert most <= 50 + ACCEPT_BATCH + 1, most  # the cap, one accept batch, and the probe
    finally:
        for s in socks:
            s.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0


def test_quiet_pairs_are_forgotten(gw):
    users = Users(gw.store, max_failures=5, lock_seconds=1.0)
    for _ in range(3):
        with pytest.raises(LoginRefused):
            users.authenticate("rita", "wrong password!", "192.0.2.1")
    time.sleep(2.2)
    with pytest.raises(LoginRefused):
        users.authenticate("alice", "wrong password!", "192.0.2.2")  # its count prunes the quiet pair
    with gw.store.engine.connect() as conn:
        left = [r.account for r in conn.execute(login_throttle.select())]
    assert left == ["alice"]
