"""Counts for the overview page, from the audit trail, and a server-rendered SVG bar chart.

Verdict records carry the action and the rules that hit; release records name
the quarantine ID, whose rules come from the quarantine row.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from markupsafe import Markup, escape

from dlpgate.store import Store

SERIES = ("held", "released", "rewritten", "rejected")
COLOURS = {"held": "#b45309", "released": "#15803d", "rewritten": "#1d4ed8", "rejected": "#b91c1c"}
_ACTION_SERIES = {"hold": "held", "rewrite": "rewritten", "reject": "rejected"}


@dataclass(frozen=True)
class Overview:
    days: list[str]
    per_day: dict[str, dict[str, int]]
    per_rule: dict[str, dict[str, int]]
    totals: dict[str, int]

    @property
    def acted_on(self) -> int:
        """Messages the gateway acted on (held, rewritten or rejected); releases are later acts on held ones."""
        return sum(self.totals[s] for s in SERIES if s != "released")


def nice_ticks(peak: int, most: int = 5) -> list[int]:
    """Axis ticks from 0 at a step of 1, 2 or 5 times a power of ten, the last at or above `peak`."""
    peak = max(1, peak)
    step, scale = 1, 1
    while True:
        for m in (1, 2, 5):
            step = m * scale
            if -(-peak // step) <= most - 1:
                top = -(-peak // step) * step
                return list(range(0, top + 1, step))
        scale *= 10


def compute(store: Store, days: int, now: float | None = None) -> Overview:
    now = time.time() if now is None else now
    today = int(now // 86400)
    day_keys = [time.strftime("%Y-%m-%d", time.gmtime((today - i) * 86400)) for i in range(days - 1, -1, -1)]
    since = (today - days + 1) * 86400
    per_day = {d: dict.fromkeys(SERIES, 0) for d in day_keys}
    per_rule: dict[str, dict[str, int]] = {}
    released_refs: list[str] = []
    for ts, event, ref, record in store.audit_log.since(since, ("verdict", "release")):
        day = time.strftime("%Y-%m-%d", time.gmtime(ts))
        if day not in per_day:
            continue
        if event == "release":
            released_refs.append(ref)
            per_day[day]["released"] += 1
            continue
        series = _ACTION_SERIES.get(record.get("action", ""))
        if series is None:
            continue
        per_day[day][series] += 1
        for rule in record.get("rules", []):
            per_rule.setdefault(rule, dict.fromkeys(SERIES, 0))[series] += 1
    rules_of = store.quarantine.rules_of(set(released_refs))
    for ref in released_refs:
        for rule in rules_of.get(ref, []):
            per_rule.setdefault(rule, dict.fromkeys(SERIES, 0))["released"] += 1
    totals = {s: sum(d[s] for d in per_day.values()) for s in SERIES}
    return Overview(day_keys, per_day, dict(sorted(per_rule.items())), totals)


def bar_chart(ov: Overview, width: int = 860, height: int = 280) -> Markup:
    """Grouped bars, one group per day, one bar per series; each bar has a <title>."""
    left, right, top, bottom = 44, 10, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max([1] + [v for d in ov.per_day.values() for v in d.values()]))
    peak = ticks[-1]
    n = max(1, len(ov.days))
    group = plot_w / n
    bar = max(1.0, (group - 4) / len(SERIES))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
        f'viewBox="0 0 {width} {height}" width="100%" class="chart">',
        f'<title id="chart-title">Messages held, released, rewritten and rejected per day; {ov.acted_on} acted on in all</title>',
    ]
    for tick in ticks:
        y = top + plot_h - plot_h * tick / peak
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{tick}</text>')
    step = max(1, n // 10)
    for i, day in enumerate(ov.days):
        x0 = left + i * group + 2
        for j, s in enumerate(SERIES):
            v = ov.per_day[day][s]
            h = plot_h * v / peak
            x = x0 + j * bar
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{COLOURS[s]}">'
                f"<title>{escape(day)}: {v} {s}</title></rect>"
            )
        if i % step == 0:
            parts.append(
                f'<text x="{x0 + group / 2 - 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="12">{escape(day[5:])}</text>'
            )
    lx = left
    for s in SERIES:
        parts.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{COLOURS[s]}"/>')
        parts.append(f'<text x="{lx + 14}" y="{height - 5}" font-size="12">{s} ({ov.totals[s]})</text>')
        lx += 130
    parts.append(
        f'<text x="{width - right}" y="{height - 5}" text-anchor="end" font-size="12" font-weight="600">'
        f"total acted on: {ov.acted_on}</text>"
    )
    parts.append("</svg>")
    return Markup("".join(parts))
