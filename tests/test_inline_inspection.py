"""Small text-only mail is inspected on the event loop; everything else in an inspection thread.

The light inspection (``light=True``) either gives the full inspection's verdict
or raises HeavyContent (a part a text reader cannot read) before reading that
part; the gateway then inspects the message again from the start in a thread.
Checked here against the full inspection on every .eml file in the test suite,
and end to end: which messages reach the inspection thread, and a light
inspection over its budget.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dlpgate import config as config_mod
from dlpgate import gateway as gateway_mod
from dlpgate import pipeline
from dlpgate.canonical import canonicalize
from dlpgate.types import Envelope
from tests.synthetic import build_message, nhs_numbers, spaced

TESTS = Path(__file__).resolve().parent
SENDER = "dr.jones@example-trust.nhs.uk"
EXT = "someone@partner.example.org"
ENV = Envelope(SENDER, (EXT, "other@elsewhere.example.com"))


@pytest.fixture(scope="module")
def engine() -> pipeline.Engine:
    settings = config_mod.from_mapping(
        {"domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]}}, config_mod.PROJECT_CONFIG_DIR
    )
    return pipeline.build_engine(settings)


def _same(a, b) -> None:
    assert (a.action, a.hits, a.findings, a.problems, a.subject, a.message_id, a.sha256) == (
        b.action, b.hits, b.findings, b.problems, b.subject, b.message_id, b.sha256
    )


def test_light_inspection_gives_the_full_verdict_or_hands_over(engine):
    files = sorted(TESTS.rglob("*.eml"))
    assert len(files) > 300
    light = heavy = 0
    for path in files:
        raw = canonicalize(path.read_bytes())
        full = pipeline.inspect(raw, ENV, engine, canonical=True)
        try:
            got = pipeline.inspect(raw, ENV, engine, canonical=True, light=True)
        except pipeline.HeavyContent:
            heavy += 1
            continue
        light += 1
        _same(got, full)
    # Most mail is text; attachments of every kind are in the suite too.
    assert light > heavy > 20, (light, heavy)


def _zip_message() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("list.txt", "nothing much\n")
    return build_message("see the list\r\n", attachments=[("list.zip", "application/octet-stream", buf.getvalue())])


def test_heavy_content_is_raised_before_its_part_is_read(engine):
    raw = canonicalize(_zip_message())
    with pytest.raises(pipeline.HeavyContent):
        pipeline.inspect(raw, ENV, engine, canonical=True, light=True)
    # Decided by the bytes, not the label: the same zip labelled text/plain.
    relabelled = raw.replace(b"application/octet-stream", b"text/plain")
    with pytest.raises(pipeline.HeavyContent):
        pipeline.inspect(relabelled, ENV, engine, canonical=True, light=True)


class CountingExecutor(ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(max_workers=2, thread_name_prefix="inspect")
        self.jobs = 0

    def submit(self, fn, /, *args, **kwargs):
        self.jobs += 1
        return super().submit(fn, *args, **kwargs)


def _gateway(tmp_path: Path, sink) -> tuple[gateway_mod.Gateway, CountingExecutor]:
    from dlpgate.server import build_gateway

    settings = config_mod.from_mapping(
        {
            "smtp": {"relay": f"127.0.0.1:{sink.port}"},
            "domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]},
            "storage": {"path": str(tmp_path / "var")},
            "notices": {"sender": "dlpgate@example-trust.nhs.uk"},
        },
        config_mod.PROJECT_CONFIG_DIR,
        "test",
    )
    gw = build_gateway(settings)
    executor = CountingExecutor()
    gw.executor = executor
    return gw, executor


def test_where_the_gateway_inspects(tmp_path, sink, monkeypatch):
    gw, executor = _gateway(tmp_path, sink)
    nhs = nhs_numbers(1)[0]

    async def run() -> list:
        out = []
        try:
            # Plain text: on the loop, and the NHS number is still found.
            v = await gw.inspect(canonicalize(build_message(f"NHS number {spaced(nhs)} for review\r\n")), ENV)
            out.append((v.action.label, executor.jobs))
            # An archive: in a thread, read in full.
            v = await gw.inspect(canonicalize(_zip_message()), ENV)
            out.append((v.action.label, executor.jobs))
            # Text over the size limit: in a thread.
            monkeypatch.setattr(gateway_mod, "INLINE_MAX_BYTES", 100)
            v = await gw.inspect(canonicalize(build_message("a plain letter\r\n")), ENV)
            out.append((v.action.label, executor.jobs))
            # Text over the time budget: in a thread, not a timeout.
            monkeypatch.setattr(gateway_mod, "INLINE_MAX_BYTES", 1 << 20)
            monkeypatch.setattr(gateway_mod, "INLINE_BUDGET", 0.0)
            v = await gw.inspect(canonicalize(build_message(f"NHS number {spaced(nhs)}\r\n")), ENV)
            out.append((v.action.label, executor.jobs))
        finally:
            executor.shutdown(wait=True)
            gw.store.close()
        return out

    assert asyncio.run(run()) == [("hold", 0), ("deliver", 1), ("deliver", 2), ("hold", 3)]


def test_the_watchdog_stops_an_earlier_deadline_armed_after_a_later_one():
    """A later deadline armed first does not hide an earlier one armed next."""
    far = pipeline.WATCHDOG.arm(time.monotonic() + 60)
    result: dict = {}

    def spin() -> None:
        token = pipeline.WATCHDOG.arm(time.monotonic() + 0.2)
        start = time.monotonic()
        try:
            while time.monotonic() - start < 10:
                pass
        except pipeline.HardStop:
            result["stopped_after"] = time.monotonic() - start
        finally:
            pipeline.WATCHDOG.disarm(token)

    try:
        t = threading.Thread(target=spin)
        t.start()
        t.join(15)
    finally:
        pipeline.WATCHDOG.disarm(far)
    assert result.get("stopped_after", 99) < 2, result
