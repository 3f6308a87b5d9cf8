"""inspect(raw, envelope) -> Verdict: parse, detect, decide. Pure and synchronous.

An Engine holds what is compiled once at start-up (detectors, rules, limits);
inspect() does no I/O and keeps no state between messages.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from dlpgate import mime, policy
from dlpgate.config import DATA_DIR, Rule, Settings
from dlpgate.detectors import build_all
from dlpgate.detectors.base import Detector
from dlpgate.types import DetectorContext, Envelope, Limits, Verdict

InspectionTimeout = mime.InspectionTimeout


@dataclass(frozen=True)
class Engine:
    detectors: tuple[Detector, ...]
    rules: tuple[Rule, ...]
    limits: Limits
    internal_domains: tuple[str, ...]
    secure_domains: tuple[str, ...]


def build_engine(settings: Settings) -> Engine:
    """Compile detectors and rules; raises on a bad detector option or missing file."""
    ctx = DetectorContext(
        internal_domains=settings.domains.internal,
        secure_domains=settings.domains.secure,
        # Data files a config does not name are the packaged ones; those it names
        # were made absolute (from the config's folder) by config.load.
        config_dir=str(DATA_DIR),
    )
    options = settings.detectors
    return Engine(
        detectors=tuple(build_all(options, ctx)),
        rules=tuple(settings.rules.values()),
        limits=settings.inspection.limits,
        internal_domains=settings.domains.internal,
        secure_domains=settings.domains.secure,
    )


def inspect(raw: bytes, envelope: Envelope, engine: Engine, deadline: float | None = None) -> Verdict:
    started = time.perf_counter()
    message = mime.parse(raw, engine.limits, deadline)
    findings = []
    for detector in engine.detectors:
        if deadline is not None and time.monotonic() > deadline:
            raise InspectionTimeout("inspection time limit reached")
        findings.extend(detector.detect(message))
    findings.extend(policy.problem_findings(message.problems))
    external = policy.external_recipients(envelope.rcpt_tos, engine.internal_domains, engine.secure_domains)
    action, hits = policy.decide(findings, engine.rules, bool(external))
    return Verdict(
        action=action,
        hits=hits,
        findings=tuple(findings),
        problems=message.problems,
        external_recipients=external,
        message_id=message.message_id,
        subject=message.subject,
        sha256=hashlib.sha256(raw).hexdigest(),
        inspect_ms=(time.perf_counter() - started) * 1000,
    )
