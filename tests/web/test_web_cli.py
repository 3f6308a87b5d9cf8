"""Accounts and retention from the command line, the [web]/[quarantine] config, and `dlpgate serve` with its console."""

from __future__ import annotations

import io
import os
import signal
import smtplib
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from dlpgate import cli
from dlpgate import config as config_mod
from dlpgate.admin.users import LoginRefused, UserError, Users
from dlpgate.links import load_secret, secret_path
from dlpgate.store import open_store
from tests.conftest import free_port


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    path = tmp_path / "dlpgate.toml"
    path.write_text(f'[storage]\npath = "{tmp_path / "var"}"\n[smtp]\nrelay = "dir:{tmp_path / "outbox"}"\n')
    return path


def run(monkeypatch, capsys, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_user_add_list_passwd_disable(cfg, tmp_path, monkeypatch, capsys):
    c = ["--config", str(cfg)]
    assert run(monkeypatch, capsys, ["user", "add", "admin", "--role", "admin", "--password-stdin", *c], "a long enough password\n")[0] == 0
    code, _, err = run(monkeypatch, capsys, ["user", "add", "admin", "--role", "admin", "--password-stdin", *c], "a long enough password\n")
    assert code == 2 and "already exists" in err
    code, _, err = run(monkeypatch, capsys, ["user", "add", "bob", "--role", "reviewer", "--password-stdin", *c], "short\n")
    assert code == 2 and "at least 10" in err
    assert run(monkeypatch, capsys, ["user", "add", "bob", "--role", "releaser", "--password-stdin", *c], "bobs long password\n")[0] == 0
    code, out, _ = run(monkeypatch, capsys, ["user", "list", *c])
    assert "admin" in out and "bob" in out and "releaser" in out
    assert run(monkeypatch, capsys, ["user", "passwd", "bob", "--password-stdin", *c], "bobs new password!\n")[0] == 0
    assert run(monkeypatch, capsys, ["user", "disable", "bob", *c])[0] == 0
    code, _, err = run(monkeypatch, capsys, ["user", "disable", "nobody", *c])
    assert code == 2 and "no user nobody" in err

    store = open_store(tmp_path / "var")
    users = Users(store)
    assert users.get("bob").disabled
    with pytest.raises(LoginRefused):
        users.authenticate("bob", "bobs new password!", "127.0.0.1")
    assert users.authenticate("admin", "a long enough password", "127.0.0.1").role == "admin"
    events = [r["event"] for r in store.audit_records()]
    assert {"user_add", "user_passwd", "user_disable", "login"} <= set(events)
    assert "a long enough password" not in str(store.audit_records())
    store.close()


def test_user_rules(tmp_path):
    store = open_store(tmp_path / "var")
    users = Users(store)
    for name, role in (("bad name", "admin"), ("ok", "superuser")):
        with pytest.raises(UserError):
            users.add(name, role, "long enough password", "test")
    store.close()


def test_quarantine_purge_command(cfg, tmp_path, monkeypatch, capsys, nhs):
    from dlpgate.actions.audit import verdict_entry
    from dlpgate.store import new_id
    from dlpgate.types import Action, Envelope, Verdict

    store = open_store(tmp_path / "var")
    env, verdict, qid = Envelope("a@example-trust.nhs.uk", ("b@example.org",)), Verdict(Action.HOLD), new_id()
    store.hold(b"Subject: x\r\n\r\nbody\r\n", env, verdict, qid=qid, audit=[verdict_entry(env, verdict, qid)])
    store.close()
    code, out, _ = run(monkeypatch, capsys, ["quarantine", "purge", "--config", str(cfg)])
    assert code == 0 and out.startswith("0 messages")
    monkeypatch.setattr(time, "time", lambda real=time.time: real() + 31 * 86400)
    code, out, _ = run(monkeypatch, capsys, ["quarantine", "purge", "--config", str(cfg)])
    assert code == 0 and out.startswith("1 messages")
    monkeypatch.undo()
    store = open_store(tmp_path / "var")
    assert store.get(qid).state == "expired"
    assert [r["event"] for r in store.audit_records(ref=qid)] == ["expire", "verdict"]
    store.close()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"web": {"listen": "nowhere"}}, "web.listen"),
        ({"web": {"base_url": "dlpgate.example"}}, "web.base_url"),
        ({"web": {"idle_timeout_minutes": 0}}, "web.idle_timeout_minutes"),
        ({"web": {"session_max_hours": 0}}, "web.session_max_hours"),
        ({"web": {"header_timeout": -1}}, "web.header_timeout"),
        ({"web": {"max_connections": 0}}, "web.max_connections"),
        ({"web": {"max_request_bytes": 0}}, "web.max_request_bytes"),
        ({"web": {"colour": "blue"}}, "unknown key web.colour"),
        ({"quarantine": {"retention_days": 0}}, "quarantine.retention_days"),
    ],
)
def test_bad_web_config_is_one_line_naming_the_key(table, message):
    with pytest.raises(config_mod.ConfigError, match=message):
        config_mod.from_mapping(table, config_mod.PROJECT_CONFIG_DIR)


def test_shipped_config_has_the_web_defaults():
    settings = config_mod.load(config_mod.PROJECT_CONFIG_DIR / "dlpgate.toml")
    assert settings.web.listen == "127.0.0.1:8025" and settings.web.enabled
    from dlpgate.config import WebSettings

    for key in ("session_max_hours", "header_timeout", "body_timeout", "max_request_bytes", "max_connections"):
        assert getattr(settings.web, key) == getattr(WebSettings(), key), key  # the file shows the defaults
    assert settings.quarantine.retention_days == 30


def test_secret_file_is_made_once_with_0600(tmp_path):
    settings = config_mod.from_mapping({"storage": {"path": str(tmp_path / "var")}}, config_mod.PROJECT_CONFIG_DIR)
    key = load_secret(settings)
    path = secret_path(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(key) == 64
    assert load_secret(settings) == key
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_dlpgate_serve_runs_the_console(tmp_path):
    """`dlpgate serve` (the supervisor and its worker) answers on web.listen, and stops cleanly."""
    web_port, smtp_port = free_port(), free_port()
    cfg = tmp_path / "dlpgate.toml"
    cfg.write_text(
        f'[smtp]\nlisten = "127.0.0.1:{smtp_port}"\nrelay = "dir:{tmp_path / "outbox"}"\nworkers = 1\n'
        f'[storage]\npath = "{tmp_path / "var"}"\n[web]\nlisten = "127.0.0.1:{web_port}"\n'
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "dlpgate.cli", "serve", "--config", str(cfg)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with httpx.Client(timeout=2) as c:
                    status = c.get(f"http://127.0.0.1:{web_port}/login").status_code
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert status == 200, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        while time.monotonic() < deadline and proc.poll() is None:  # the SMTP worker too, so SIGTERM is handled
            try:
                with smtplib.SMTP("127.0.0.1", smtp_port, timeout=5) as s:
                    s.noop()
                break
            except OSError:
                time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == 0
    assert stat.S_IMODE((tmp_path / "var" / "web-secret.key").stat().st_mode) == 0o600


async def test_purge_loop_runs_now_and_then():
    import asyncio

    from dlpgate.web.server import purge_loop

    class Service:
        calls: list[int] = []

        def purge(self, days: int) -> list[str]:
            self.calls.append(days)
            return ["x"] if len(self.calls) == 1 else []

    task = asyncio.create_task(purge_loop(Service(), 30, interval=0.05, first_delay=0))
    await asyncio.sleep(0.3)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert len(Service.calls) >= 3 and set(Service.calls) == {30}
