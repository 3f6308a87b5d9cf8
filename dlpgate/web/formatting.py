"""How the console shows values: the template filters, and the Jinja environment that has them."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from dlpgate.actions.notice import KIND_LABELS, safe_text
from dlpgate.admin.users import ROLES
from dlpgate.store import HeldMessage


def day_start(text: str) -> float | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def fmt_time(ts: float | None, zone: bool = True) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S" + (" UTC" if zone else ""), time.gmtime(ts)) if ts else ""


def breakable(name: str) -> Markup:
    """A rule name that may wrap after its underscores, not in the middle of a word."""
    return Markup("_<wbr>").join(escape(part) for part in str(name).split("_"))


_DETAIL_LABELS = {
    "external_recipients": "external recipients", "message_id": "Message-ID", "sha256": "SHA-256",
    "retention_days": "retention (days)", "sessions_ended": "sessions ended", "cleared": "counts cleared",
    "unmasked": "unmasked", "justification": "justification", "request": "request",
}


def _detail_value(key: str, value: Any) -> str:
    """One audit value as plain words: lists joined, counts by kind labelled, no Python reprs."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "sha256" and isinstance(value, str):
        return value[:16] + "…" if len(value) > 16 else value
    if key == "findings" and isinstance(value, dict):
        return ", ".join(f"{n} {KIND_LABELS.get(k, (k, k))[0 if n == 1 else 1]}" for k, n in value.items()) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{_DETAIL_LABELS.get(k, k.replace('_', ' '))} {_detail_value(k, v)}" for k, v in value.items()) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(_detail_value(key, v) for v in value) or "none"
    if value is None or value == "":
        return "—"
    return str(value)


def audit_details(data: dict) -> list[tuple[str, str]]:
    """An audit record's data as (label, text) pairs for the audit page."""
    if not isinstance(data, dict):
        return [("", str(data))]
    return [(_DETAIL_LABELS.get(k, k.replace("_", " ")), _detail_value(k, v)) for k, v in data.items()]


def subject_view(held: HeldMessage) -> str:
    """The Subject as the console and the request page show it: never one with a finding in it; safe and short."""
    if held.verdict.subject_flagged:
        return "(not shown: it contains flagged content)"
    return safe_text(held.subject) or "(no subject)"


def recipient_domains(recipients: tuple[str, ...] | list[str]) -> str:
    """'partner.example.org (2), nhs.net': each domain once, with how many recipients it has."""
    counts = Counter(r.rpartition("@")[2].lower() or "?" for r in recipients)
    return ", ".join(f"{d} ({n})" if n > 1 else d for d, n in counts.most_common())


def fmt_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def template_env(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(["html"]))
    env.filters["time"] = fmt_time
    env.filters["size"] = fmt_size
    env.filters["kind"] = lambda k, n=2: KIND_LABELS.get(k, (k, k))[0 if n == 1 else 1]
    env.filters["details"] = audit_details
    env.filters["breakable"] = breakable
    env.filters["subject"] = subject_view
    env.filters["domains"] = recipient_domains
    env.globals["ROLES"] = ROLES
    return env
