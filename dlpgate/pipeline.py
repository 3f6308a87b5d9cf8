"""inspect(raw, envelope) -> Verdict: parse, detect, decide. Pure and synchronous.

An Engine holds what is compiled once at start-up (detectors, rules, limits,
and the external programs found on the machine); inspect() keeps no state
between messages and is pure given its inputs: the programs it runs (OCR, the
Word 97 reader) are the engine's ``tools`` unless others are passed, and the
deadline is read against the ``clock`` it is passed (see dlpgate.mime.tools).

The message is first put in its canonical form (dlpgate/canonical.py), the
bytes the gateway also rewrites, stores and relays.

Time limit: the deadline is passed to the parser, the extractors and every
detector, which check it in their loops. inspect_bounded() adds a hard stop for
whatever does not check it often enough: a watchdog thread raises an exception
inside the inspecting thread once the deadline (plus HARD_STOP_GRACE) has
passed, so its CPU use ends there instead of running on after the SMTP side
has given up (a Python thread cannot be killed from outside; this is the one
way to stop it). The exception derives from BaseException, so the parser's and
extractors' "except Exception" guards cannot turn it into a finding.
"""

from __future__ import annotations

import ctypes
import hashlib
import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dlpgate import mime, policy, redaction
from dlpgate.addresses import routed
from dlpgate.canonical import canonicalize
from dlpgate.config import DATA_DIR, Rule, Settings
from dlpgate.detectors import build_all
from dlpgate.detectors.base import Detector
from dlpgate.mime.tools import Clock, SystemTools, Tools
from dlpgate.types import DetectorContext, Envelope, Finding, Limits, Problem, Verdict

InspectionTimeout = mime.InspectionTimeout
HeavyContent = mime.HeavyContent


@dataclass(frozen=True)
class Engine:
    detectors: tuple[Detector, ...]
    rules: tuple[Rule, ...]
    limits: Limits
    internal_domains: tuple[str, ...]
    secure_domains: tuple[str, ...]
    tools: Tools


def build_detectors(settings: Settings) -> tuple[Detector, ...]:
    """The enabled detectors; raises on a bad detector option or missing file."""
    ctx = DetectorContext(
        internal_domains=settings.domains.internal,
        secure_domains=settings.domains.secure,
        # Data files a config does not name are the packaged ones; those it names
        # were made absolute (from the config's folder) by config.load.
        config_dir=str(DATA_DIR),
    )
    return tuple(build_all(settings.detectors, ctx))


def build_engine(settings: Settings, tools: Tools | None = None) -> Engine:
    """Compile detectors and rules, and find the external programs (unless ``tools`` are given);
    raises on a bad detector option or missing file."""
    return Engine(
        detectors=build_detectors(settings),
        rules=tuple(settings.rules.values()),
        limits=settings.inspection.limits,
        internal_domains=settings.domains.internal,
        secure_domains=settings.domains.secure,
        tools=SystemTools() if tools is None else tools,
    )


def preload_readers() -> list[str]:
    """Import the libraries the attachment readers load on first use, ahead of the first
    message (mime.formats.preload); the names that could not be imported."""
    from dlpgate.mime.formats.preload import preload

    return preload()


def external_recipients(envelope: Envelope, engine: Engine) -> tuple[str, ...]:
    """Envelope recipients outside the trusted domains, or routed elsewhere by their local part."""
    outside = set(policy.external_recipients(envelope.rcpt_tos, engine.internal_domains, engine.secure_domains))
    return tuple(r for r in envelope.rcpt_tos if r in outside or routed(r))


def inspect(
    raw: bytes,
    envelope: Envelope,
    engine: Engine,
    deadline: float | None = None,
    canonical: bool = False,
    *,
    tools: Tools | None = None,
    clock: Clock = time.monotonic,
    light: bool = False,
) -> Verdict:
    """The verdict for raw; `canonical` says raw is already canonicalize()d (the gateway's case).

    ``tools`` run the external programs (the engine's unless given); ``deadline`` is on ``clock``'s scale.
    ``light``: raise HeavyContent instead of reading a part that needs more than a
    text reader (see dlpgate.mime.parse); the verdict of a light inspection that
    returns is the full inspection's.
    """
    started = time.perf_counter()
    if not canonical:
        raw = canonicalize(raw)
    message = mime.parse(
        raw, engine.limits, deadline, tools=engine.tools if tools is None else tools, clock=clock, light=light
    )
    findings = []
    for detector in engine.detectors:
        if deadline is not None and clock() > deadline:
            raise InspectionTimeout("inspection time limit reached")
        findings.extend(detector.detect(message, deadline))
    findings.extend(policy.problem_findings(message.problems))
    external = external_recipients(envelope, engine)
    action, hits = policy.decide(findings, engine.rules, bool(external))
    shown_findings, problems = shown(findings, message.problems)
    return Verdict(
        action=action,
        hits=hits,
        findings=shown_findings,
        problems=problems,
        external_recipients=external,
        message_id=message.message_id,
        subject=message.subject,
        sha256=hashlib.sha256(raw).hexdigest(),
        inspect_ms=(time.perf_counter() - started) * 1000,
    )


def shown(findings: Iterable[Finding], problems: Iterable[Problem]) -> tuple[tuple[Finding, ...], tuple[Problem, ...]]:
    """Findings and problems with their places (and problems' details) as they may be shown:
    a verdict's places reach notices, logs, the record and the scan command, and a name read
    from the message in one may carry a patient's (dlpgate.redaction.place)."""
    shown_findings = []
    for f in findings:
        where = redaction.place(f.where)
        shown_findings.append(f if where == f.where else replace(f, where=where))
    shown_problems = []
    for p in problems:
        where, detail = redaction.place(p.where), redaction.mask(p.detail)
        shown_problems.append(p if (where, detail) == (p.where, p.detail) else replace(p, where=where, detail=detail))
    return tuple(shown_findings), tuple(shown_problems)


# -- the hard stop ----------------------------------------------------------------

#: Seconds past the deadline before the watchdog stops a thread that did not stop itself.
HARD_STOP_GRACE = 0.2


class HardStop(BaseException):  # not an error: a signal to stop
    """Raised inside an inspecting thread by the watchdog once its deadline has passed."""


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    # exc None clears an exception set earlier and not yet raised.
    _set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


class Watchdog:
    """One daemon thread that stops inspecting threads whose deadline has passed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self._fired: dict[int, int] = {}  # token -> thread id, until disarmed
        self._next = 0
        self._wakes_at = math.inf  # when the watchdog thread looks next, unless woken
        self._thread: threading.Thread | None = None
        self.stops = 0  # how many threads it had to stop (for tests and logs)

    def arm(self, deadline: float) -> int:
        with self._cond:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="inspect-watchdog", daemon=True)
                self._thread.start()
            self._next += 1
            self._armed[self._next] = (deadline, threading.get_ident())
            if deadline < self._wakes_at:  # it sleeps past this deadline: wake it to look again
                self._cond.notify()
            return self._next

    def disarm(self, token: int) -> None:
        with self._cond:
            self._armed.pop(token, None)
            thread_id = self._fired.pop(token, None)
            if thread_id is not None:
                _raise_in(thread_id, None)  # not raised yet: it must not land in later work

    def _run(self) -> None:
        with self._cond:
            while True:
                if not self._armed:
                    self._wakes_at = math.inf
                    self._cond.wait()
                    continue
                token, (deadline, thread_id) = min(self._armed.items(), key=lambda kv: kv[1][0])
                wait = deadline - time.monotonic()
                if wait > 0:
                    # Later deadlines armed meanwhile do not wake it; disarmed ones are
                    # dropped from view when it looks again.
                    self._wakes_at = deadline
                    self._cond.wait(wait)
                    continue
                del self._armed[token]
                self._fired[token] = thread_id
                self.stops += 1
                _raise_in(thread_id, HardStop)


WATCHDOG = Watchdog()


def inspect_bounded(
    raw: bytes, envelope: Envelope, engine: Engine, deadline: float, canonical: bool = False, light: bool = False
) -> Verdict:
    """inspect() that ends by the deadline (plus HARD_STOP_GRACE) whatever the content."""
    token = WATCHDOG.arm(deadline + HARD_STOP_GRACE)
    try:
        try:
            return inspect(raw, envelope, engine, deadline, canonical, light=light)
        finally:
            WATCHDOG.disarm(token)
    except HardStop:
        WATCHDOG.disarm(token)  # when the stop landed inside the first disarm
        raise InspectionTimeout("inspection stopped at its time limit") from None
