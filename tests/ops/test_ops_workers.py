"""Several workers on one port: a killed worker loses no accepted message, SIGHUP reloads without dropping sessions."""

from __future__ import annotations

import os
import signal
import smtplib
import threading
import time
from pathlib import Path

import pytest

from dlpgate import config as config_mod
from dlpgate.store import open_store
from dlpgate.workers import worker_count
from tests.conftest import INTERNAL, write_config
from tests.synthetic import build_message, spaced

SENDER = f"dr.jones@{INTERNAL}"
EXT = "someone@partner.example.org"


def wait_until(cond, timeout: float = 20.0, what: str = "condition") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def send_until_accepted(port: int, raw: bytes, rcpts: list[str], deadline: float = 60.0) -> tuple[int, bytes]:
    """What an MTA does: on 4xx or a dropped connection, try again."""
    end = time.monotonic() + deadline
    while True:
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=20) as client:
                client.ehlo("upstream.test")
                client.mail(SENDER)
                for r in rcpts:
                    client.rcpt(r)
                code, text = client.data(raw)
            if code < 400 or code >= 500:
                return code, text
        except (OSError, smtplib.SMTPException):
            pass
        if time.monotonic() > end:
            raise AssertionError("message never accepted")
        time.sleep(0.1)


def test_default_worker_count_is_one_per_core():
    assert worker_count(config_mod.Settings()) == (os.cpu_count() or 1)
    assert worker_count(config_mod.from_mapping({"smtp": {"workers": 3}}, config_mod.PROJECT_CONFIG_DIR)) == 3
    with pytest.raises(config_mod.ConfigError, match="smtp.workers"):
        config_mod.from_mapping({"smtp": {"workers": -1}}, config_mod.PROJECT_CONFIG_DIR)


def test_killing_a_worker_under_load_loses_no_message(start_node, sink, nhs, tmp_path):
    sink.stall = 0.05  # keep sessions in flight, so the kill lands in the middle of some
    node = start_node(smtp={"workers": 2})
    wait_until(lambda: len(node.workers()) == 2, what="two workers")
    n = 40
    subjects = [f"load test {i:03d}" for i in range(n)]
    held = {s for i, s in enumerate(subjects) if i % 5 == 0}
    results: dict[str, tuple[int, bytes]] = {}

    def client(chunk: list[str]) -> None:
        for subject in chunk:
            body = f"NHS No: {spaced(nhs[0])}" if subject in held else "Clinic moved to Tuesday."
            results[subject] = send_until_accepted(node.port, build_message(body, subject=subject, to=EXT), [EXT])

    threads = [threading.Thread(target=client, args=(subjects[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    wait_until(lambda: len(results) >= 8, what="some messages through")
    # A worker that has served mail: one still starting (slow on a busy machine) has no sessions to lose,
    # and its death is reported as a failed start, not as an exit.
    victim = next(pid for pid in node.workers() if f"dlpgate[{pid}] decision" in node.output())
    os.kill(victim, signal.SIGKILL)
    for t in threads:
        t.join(120)
    assert all(code == 250 for code, _ in results.values()), results
    delivered = {
        line.split(b": ", 1)[1].decode()
        for _, rcpts, raw in sink.messages
        if EXT in rcpts
        for line in raw.split(b"\r\n")
        if line.startswith(b"Subject: ")
    }
    store = open_store(node.settings["storage"]["path"])
    try:
        quarantined = {h.subject for h in store.list()}
    finally:
        store.close()
    for subject in subjects:
        assert subject in (quarantined if subject in held else delivered), subject
    assert not (quarantined - held)
    # The supervisor replaced the dead worker.
    wait_until(lambda: len(node.workers()) == 2 and victim not in node.workers(), what="a replacement worker")
    # The supervisor says so in its log (read until it is there: the check above reads /proc, not the log).
    try:
        wait_until(lambda: f"worker {victim} exited" in node.output(), what=f"'worker {victim} exited' in the log")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; workers now {node.workers()}; the log ends:\n{node.output()[-3000:]}") from None


def test_sighup_reloads_without_dropping_a_session_in_progress(start_node, sink, nhs):
    node = start_node(smtp={"workers": 1, "shutdown_grace": 30.0})
    old_workers = node.workers()
    held_body = build_message(f"NHS No: {spaced(nhs[0])}", to=EXT)

    idle = smtplib.SMTP("127.0.0.1", node.port, timeout=10)
    idle.ehlo("idle.test")
    busy = smtplib.SMTP("127.0.0.1", node.port, timeout=30)
    busy.ehlo("busy.test")
    busy.mail(SENDER)
    busy.rcpt(EXT)
    code, _ = busy.docmd("DATA")
    assert code == 354
    half = len(held_body) // 2
    busy.send(held_body[:half])

    # New config: NHS numbers to external recipients are now refused outright.
    settings = dict(node.settings)
    settings["rules.health_identifier_external"] = {"action": "reject"}
    write_config(node.config, settings)
    node.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "configuration reloaded" in node.output(), what="the reload")
    new_workers = [p for p in node.workers() if p not in old_workers]
    assert new_workers and set(old_workers) <= set(node.workers())  # the old worker is still finishing

    # New connections get the new config ...
    with smtplib.SMTP("127.0.0.1", node.port, timeout=30) as c:
        c.ehlo("new.test")
        c.mail(SENDER)
        c.rcpt(EXT)
        code, text = c.data(held_body)
    assert code == 550 and b"health_identifier_external" in text

    # ... the session in progress finishes on the old one, and is not dropped.
    busy.send(held_body[half:] + b"\r\n.\r\n")
    code, text = busy.getreply()
    assert code == 250 and b"Held for review" in text, (code, text)
    busy.quit()

    # The idle session was told to come back (421) rather than cut off mid-transaction.
    try:
        code, _ = idle.noop()
        assert code == 421
    except smtplib.SMTPServerDisconnected:
        pass
    idle.close()
    wait_until(lambda: "finished its sessions" in node.output(), what="the old worker to exit")
    assert not set(old_workers) & set(node.workers())


def test_a_bad_config_on_reload_keeps_the_running_one(start_node, sink, nhs):
    node = start_node(smtp={"workers": 1})
    workers = node.workers()
    node.config.write_text(node.config.read_text() + "\n[smtp.oops]\n")
    node.config.write_text(node.config.read_text().replace("[domains]", "[domains]\nbogus = 1"))
    node.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "reload failed" in node.output(), what="the failed reload")
    lines = [ln for ln in node.output().splitlines() if "reload failed" in ln]
    assert len(lines) == 1 and "config:" in lines[0]
    assert node.workers() == workers
    code, text = node.send(build_message(f"NHS No: {spaced(nhs[0])}", to=EXT), SENDER, [EXT])
    assert code == 250 and b"Held for review" in text


def test_a_worker_has_loaded_the_readers_libraries_before_its_first_message(start_node):
    node = start_node(smtp={"workers": 1})  # answers SMTP: its worker said it was ready
    (worker,) = node.workers()
    maps = Path(f"/proc/{worker}/maps").read_text()
    # compiled extensions of readers that import them only when a file of theirs arrives
    for library in ("lxml/etree", "python_calamine"):
        assert library in maps, library
    assert "decision" not in node.output()  # no message yet
    assert "not available" not in node.output()
