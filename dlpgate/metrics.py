"""Prometheus metrics.

Workers count what they do (messages by action, rule hits, inspection time,
relay errors) in prometheus-client's multi-process mode: the supervisor gives
them PROMETHEUS_MULTIPROC_DIR in their environment, and its HTTP listener adds
the files in that folder up. Sizes that live in the database (held messages, notices
pending and failed, release requests) are read from the store at each scrape,
so every node of a cluster reports the same shared figures.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from dlpgate.actions.relay import OK, Relay, RelayResult
from dlpgate.store.states import OutboxState, QuarantineState

MESSAGES = Counter("dlpgate_messages", "Messages decided, by action taken (tempfail: answered 451).", ["action"])
RULE_HITS = Counter("dlpgate_rule_hits", "Rule hits, by rule and the action it proposed.", ["rule", "action"])
INSPECTION = Histogram(
    "dlpgate_inspection_seconds",
    "Time to inspect one message (parse, extract, detect, decide).",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
RELAY_ERRORS = Counter(
    "dlpgate_relay_errors", "Downstream sends not fully accepted, by outcome (temp, perm, partial).", ["status"]
)


def record_decision(verdict) -> None:
    MESSAGES.labels(verdict.action.label).inc()
    INSPECTION.observe(verdict.inspect_ms / 1000.0)
    for hit in verdict.hits:
        RULE_HITS.labels(hit.name, "audit_only" if hit.audit_only else hit.action.label).inc()


def record_tempfail() -> None:
    MESSAGES.labels("tempfail").inc()


class CountingRelay:
    """Wraps a relay to count what the downstream did not fully accept."""

    def __init__(self, relay: Relay):
        self.inner = relay

    async def send(
        self, mail_from, rcpt_tos, raw, smtputf8: bool = False, eight_bit: bool = False, ready=None
    ) -> RelayResult:
        res = await self.inner.send(mail_from, rcpt_tos, raw, smtputf8, eight_bit, ready)
        if res.status != OK:
            RELAY_ERRORS.labels(res.status).inc()
        return res

    def __getattr__(self, name):
        return getattr(self.inner, name)


class StoreCollector:
    """Gauges read from the shared store at scrape time."""

    def __init__(self, store):
        self.store = store

    def collect(self):
        held = GaugeMetricFamily(
            "dlpgate_quarantine_messages", "Messages in the quarantine, by state.", labels=["state"]
        )
        outbox = GaugeMetricFamily(
            "dlpgate_notices",
            "Notices, delivery reports and queued copies, by state (pending, sent, failed).",
            labels=["state"],
        )
        requests = GaugeMetricFamily("dlpgate_release_requests", "Release requests, by state.", labels=["state"])
        up = GaugeMetricFamily("dlpgate_store_up", "1 when the store answered this scrape.")
        try:
            q = self.store.quarantine_counts()
            o = self.store.outbox_counts()
            r = self.store.requests.counts()
        except Exception:  # a scrape must still answer when the database is down
            up.add_metric([], 0)
            yield up
            return
        for state in sorted(set(q) | {QuarantineState.HELD}):
            held.add_metric([state], q.get(state, 0))
        for state in sorted(set(o) | {OutboxState.PENDING, OutboxState.FAILED}):
            outbox.add_metric([state], o.get(state, 0))
        for state, n in sorted(r.items()):
            requests.add_metric([state], n)
        up.add_metric([], 1)
        yield from (held, outbox, requests, up)


class _ThisProcess:
    """This process's own counters (a gateway run in-process, without workers)."""

    def collect(self):
        from prometheus_client import REGISTRY

        yield from REGISTRY.collect()


def registry(store=None, multiprocess_dir: str | None = None) -> CollectorRegistry:
    """What /metrics shows: the workers' counters (summed from multiprocess_dir) and the store's gauges."""
    reg = CollectorRegistry()
    if multiprocess_dir:
        multiprocess.MultiProcessCollector(reg, multiprocess_dir)
    else:
        reg.register(_ThisProcess())
    if store is not None:
        reg.register(StoreCollector(store))
    return reg


def render(reg: CollectorRegistry) -> bytes:
    return generate_latest(reg)
