"""Issue 12, defect 8: inspection has a hard time bound, and a message that keeps
running out of time (or keeps failing) is held once instead of retried forever.

The body is the issue's kind: lines of phone-like numbers that are also valid
NHS numbers behind a dialling prefix, each of which sends the number detector
to the phone-number matcher (about 0.3 s of CPU per 90 kB). Unbounded, the
2 MB body here costs several seconds of CPU; with inspection.timeout = 1 the
worker's CPU stops near 1 s, the first attempt gets 451 and the second (same
content, whichever worker process takes it) is held as unscannable / timeout.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import pytest

from dlpgate import config as config_mod
from dlpgate import pipeline
from dlpgate.types import Envelope
from tests.conftest import write_config
from tests.ops.conftest import Node, base_config, wait_smtp
from tests.security.smtp_raw import RawSMTP
from tests.synthetic import build_message, nhs_numbers, spaced

SENDER = "dr.jones@example-trust.nhs.uk"
EXT = "someone@partner.example.org"


def phone_like_body(lines: int) -> str:
    nums = nhs_numbers(200, seed=12, prefix_range=(700, 799))
    return "".join(f"+44 {spaced(nums[i % 200])}\r\n" for i in range(lines))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Spin:
    """A detector that ignores its deadline: only the watchdog can stop it."""

    name = "spin"

    def detect(self, message, deadline=None):
        end = time.monotonic() + 10
        n = 0
        while time.monotonic() < end:
            n += 1
        return []


def test_inspect_bounded_stops_the_thread_near_the_deadline():
    settings = config_mod.from_mapping({"domains": {"internal": ["example-trust.nhs.uk"]}}, config_mod.PROJECT_CONFIG_DIR)
    engine = dataclasses.replace(pipeline.build_engine(settings), detectors=(Spin(),))
    raw = build_message("anything\r\n")  # 10 s of CPU unbounded
    env = Envelope(SENDER, (EXT,))
    result: dict = {}

    def run() -> None:
        start = time.thread_time()
        try:
            pipeline.inspect_bounded(raw, env, engine, time.monotonic() + 0.5)
        except pipeline.InspectionTimeout:
            result["timeout"] = True
        result["cpu"] = time.thread_time() - start

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert result.get("timeout"), result
    assert result["cpu"] < 0.5 + pipeline.HARD_STOP_GRACE + 0.5, result
    # The thread is usable afterwards: no stop left pending for later work.
    clean = pipeline.build_engine(settings)
    assert pipeline.inspect_bounded(build_message("fine\r\n"), env, clean, time.monotonic() + 5).action.label == "deliver"


@pytest.fixture
def node(tmp_path, sink):
    settings = base_config(tmp_path, sink.port, smtp={"workers": 2}, inspection={"timeout": 1.0})
    n = Node(write_config(tmp_path / "node.toml", settings), settings)
    try:
        wait_smtp(n.port, proc=n.proc)
        yield n
    finally:
        n.stop()


def test_a_runaway_message_stops_near_the_limit_then_is_held_on_the_second_attempt(node, sink):
    raw = build_message(phone_like_body(500_000), to=EXT)  # ~9 MB, ~4 s of CPU unbounded
    deadline = time.monotonic() + 30
    while len(node.workers()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = node.workers()
    before = {pid: _cpu_seconds(pid) for pid in workers}
    with RawSMTP(node.port) as c:
        first = c.send(SENDER, [EXT], raw)
    assert first.startswith(b"451"), first
    after_reply = {pid: _cpu_seconds(pid) for pid in workers}
    time.sleep(1.5)
    later = {pid: _cpu_seconds(pid) for pid in workers}
    spent = sum(after_reply[p] - before[p] for p in workers)
    assert spent < 2.2, f"{spent:.2f} s of worker CPU for a 1 s limit"
    burned_after = sum(later[p] - after_reply[p] for p in workers)
    assert burned_after < 0.3, f"the inspection went on after the 451: {burned_after:.2f} s more"

    with RawSMTP(node.port) as c:  # the MTA's retry
        second = c.send(SENDER, [EXT], raw)
    assert second.startswith(b"250") and b"Held" in second, second
    assert not sink.to(EXT)
    from dlpgate.store import open_store

    store = open_store(node.settings["storage"]["path"])
    try:
        (held,) = store.list()
        problems = held.verdict.problems
        assert any(p.reason == "timeout" for p in problems), held.verdict
        assert "unscannable_external" in held.rules
    finally:
        store.close()


class Boom:
    name = "boom"

    def detect(self, message, deadline=None):
        raise ValueError("a detector bug")


def test_a_message_that_makes_inspection_fail_the_same_way_twice_is_held(make_gateway, sink):
    gw = make_gateway()
    gw.gateway.engine = dataclasses.replace(gw.gateway.engine, detectors=(Boom(),))
    raw = build_message("anything\r\n", to=EXT)
    with RawSMTP(gw.port) as c:
        assert c.send(SENDER, [EXT], raw).startswith(b"451")
    with RawSMTP(gw.port) as c:
        reply = c.send(SENDER, [EXT], raw)
    assert b"Held" in reply, reply
    (held,) = gw.store.list()
    assert held.verdict.problems[0].reason == "corrupt"
    assert not sink.to(EXT)
    # Other content is not affected by that count.
    with RawSMTP(gw.port) as c:
        assert c.send(SENDER, [EXT], build_message("other\r\n", to=EXT)).startswith(b"451")


def test_internal_only_mail_that_cannot_be_inspected_is_held_too(make_gateway, sink):
    gw = make_gateway(inspection={"max_failures": 1})
    gw.gateway.engine = dataclasses.replace(gw.gateway.engine, detectors=(Boom(),))
    colleague = "nurse@example-trust.nhs.uk"
    with RawSMTP(gw.port) as c:
        reply = c.send(SENDER, [colleague], build_message("x\r\n", to=colleague))
    assert b"Held" in reply, reply
    (held,) = gw.store.list()
    assert "inspection_failed" in held.rules


def test_a_message_that_only_waited_for_a_busy_thread_is_not_blamed(make_gateway, sink, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from dlpgate import gateway as gateway_mod

    monkeypatch.setattr(gateway_mod, "INLINE_MAX_BYTES", 0)  # every message to an inspection thread
    gw = make_gateway(inspection={"timeout": 0.3, "max_failures": 1})
    gw.gateway.executor = ThreadPoolExecutor(max_workers=1)
    release = threading.Event()
    gw.gateway.executor.submit(release.wait, 10)  # the only thread is busy
    try:
        raw = build_message("waiting\r\n", to=EXT)
        with RawSMTP(gw.port) as c:
            assert c.send(SENDER, [EXT], raw).startswith(b"451")
    finally:
        release.set()
    assert gw.store.list() == []  # not held: the content was never the problem
    with RawSMTP(gw.port) as c:
        assert c.send(SENDER, [EXT], raw).startswith(b"250 2.0.0")
    assert len(sink.wait_for(1)) == 1
    gw.gateway.executor.shutdown()
