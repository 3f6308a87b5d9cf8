"""Findings + problems + rules -> Verdict.

Every enabled rule is checked and every hit is recorded by name; then the most
severe action among the enforcing hits wins (reject > hold > rewrite > deliver).
A rule with ``min_confidence`` reads only the findings at or above it, both for
its kinds and for what identifies a patient.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dlpgate.addresses import domain_of, in_domains
from dlpgate.config import Rule
from dlpgate.types import Action, Finding, Problem, RuleHit

UNSCANNABLE = "unscannable"


def external_recipients(rcpts: Sequence[str], internal: Sequence[str], secure: Sequence[str]) -> tuple[str, ...]:
    """Envelope recipients outside the trusted domains, for content rules."""
    trusted = tuple(internal) + tuple(secure)
    return tuple(r for r in rcpts if not in_domains(domain_of(r), trusted))


def problem_findings(problems: Iterable[Problem]) -> list[Finding]:
    """Severe problems become `unscannable` findings, one per place and reason."""
    counts: dict[tuple[str, str], int] = {}
    for p in problems:
        if p.severe:
            counts[(p.where, p.reason)] = counts.get((p.where, p.reason), 0) + 1
    return [
        Finding(detector="mime", kind=UNSCANNABLE, where=where, count=n, category=reason, evidence=(reason,))
        for (where, reason), n in counts.items()
    ]


def decide(
    findings: Sequence[Finding], rules: Iterable[Rule], has_external: bool
) -> tuple[Action, tuple[RuleHit, ...]]:
    hits = []
    for rule in rules:
        if not rule.enabled:
            continue
        if rule.recipients == "external" and not has_external:
            continue
        floor = rule.min_confidence
        matched = sum(
            f.count
            for f in findings
            if f.kind in rule.kinds
            and f.confidence >= floor
            and (not rule.categories or f.category in rule.categories)
            and f.category not in rule.except_categories
        )
        if matched < rule.min_count:
            continue
        if rule.requires_identifiable and not any(f.identifies_patient and f.confidence >= floor for f in findings):
            continue
        hits.append(RuleHit(rule.name, rule.action, rule.audit_only, rule.sender_release))
    enforced = [h.action for h in hits if not h.audit_only]
    return max(enforced, default=Action.DELIVER), tuple(hits)
