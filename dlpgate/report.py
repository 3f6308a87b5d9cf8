"""Verdicts as plain data: for JSON output, the quarantine record and the audit trail.

Only kinds, counts, places and masked evidence leave here; detected values never
reach a Finding in the first place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Protocol

from dlpgate.types import Verdict

# The rule for a Subject with something found in it: it is never kept or shown
# as it was. The store keeps it masked or, failing that, this placeholder.
SUBJECT_HIDDEN = "(subject not shown: it contains flagged content)"


class _Placed(Protocol):
    @property
    def where(self) -> str: ...


def subject_flagged(findings: Iterable[_Placed]) -> bool:
    """Something was found in the Subject."""
    return any(f.where == "subject" for f in findings)


def subject_hidden(subject: str) -> bool:
    """A Subject the store keeps as the placeholder (SUBJECT_HIDDEN)."""
    return subject.startswith(SUBJECT_HIDDEN[:18])  # "(subject not shown": also the older wording


def finding_rows(verdict: Verdict) -> list[dict]:
    """One row per (kind, where) with the summed count, in first-seen order."""
    rows: dict[tuple[str, str], dict] = {}
    for f in verdict.findings:
        row = rows.setdefault((f.kind, f.where), {"kind": f.kind, "count": 0, "where": f.where})
        row["count"] += f.count
        if f.category:
            cats = row.setdefault("categories", [])
            if f.category not in cats:
                cats.append(f.category)
    return list(rows.values())


def note_rows(verdict: Verdict) -> list[dict]:
    """What could not be read, one row per (reason, place): kinds and places, never content.
    A minor one (a photo not read for lack of OCR, a charset read with a fallback) did not
    decide the verdict; a reader still sees that the part was not inspected."""
    rows: dict[tuple[str, str], dict] = {}
    for p in verdict.problems:
        row = rows.setdefault((p.reason, p.where), {"reason": p.reason, "where": p.where, "severe": p.severe})
        row["severe"] = row["severe"] or p.severe
    return list(rows.values())


def kind_counts(verdict: Verdict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in verdict.findings:
        counts[f.kind] = counts.get(f.kind, 0) + f.count
    return counts


def verdict_record(verdict: Verdict) -> dict:
    """What the quarantine keeps about why a message was held."""
    return {
        "action": verdict.action.label,
        "hits": [
            {"rule": h.name, "action": h.action.label, "audit_only": h.audit_only, "sender_release": h.sender_release}
            for h in verdict.hits
        ],
        "findings": [asdict(f) | {"evidence": list(f.evidence)} for f in verdict.findings],
        "problems": [asdict(p) for p in verdict.problems],
        "external_recipients": len(verdict.external_recipients),
    }
