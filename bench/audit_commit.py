"""CPU per message of committing verdict records, on a real SQLite file.

    .venv/bin/python bench/audit_commit.py [--reps N] [--rounds R] [--path DIR]

Two figures per batch size (1, 3 and 10 verdict records): the store's
append_many called directly, and VerdictLog.record for that many messages at
once (one group commit each time). CPU is time.process_time (every thread of
this process), divided by the messages written; "user" leaves out the
kernel's share (mostly the disk sync of each commit). "hand-off" is the
difference: building the record, the awaits, and the trip to the committer
thread and back. The two alternate for R rounds and each figure is the
median, so a busy neighbour on a shared machine skews both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
from pathlib import Path

from dlpgate.actions.audit import VerdictLog, verdict_entry
from dlpgate.store import open_store
from dlpgate.types import Action, Envelope, Finding, RuleHit, Verdict

ENV = Envelope("a.sender@example-trust.nhs.uk", ("b@partner.example.org", "c@example-trust.nhs.uk"))
VERDICT = Verdict(
    action=Action.DELIVER,
    findings=(Finding("nhs_number", "nhs_number", "message body", 1),),
    hits=(RuleHit("watch", Action.DELIVER, audit_only=True),),
    sha256="ab" * 32,
    message_id="<1234.5678@mail.example-trust.nhs.uk>",
    external_recipients=("b@partner.example.org",),
)


def _clock() -> tuple[float, float]:
    return time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_utime


def _per_message(start: tuple[float, float], messages: int) -> tuple[float, float]:
    cpu, user = _clock()
    return (cpu - start[0]) / messages, (user - start[1]) / messages


def direct(store, size: int, reps: int) -> tuple[float, float]:
    entries = [verdict_entry(ENV, VERDICT) for _ in range(size)]
    for _ in range(20):
        store.audit_many(entries)
    start = _clock()
    for _ in range(reps):
        store.audit_many([verdict_entry(ENV, VERDICT) for _ in range(size)])
    return _per_message(start, reps * size)


def through_log(store, size: int, reps: int) -> tuple[float, float]:
    async def run() -> tuple[float, float]:
        log = VerdictLog(store)
        try:
            for _ in range(20):
                await asyncio.gather(*(log.record(ENV, VERDICT) for _ in range(size)))
            start = _clock()
            for _ in range(reps):
                await asyncio.gather(*(log.record(ENV, VERDICT) for _ in range(size)))
            return _per_message(start, reps * size)
        finally:
            await log.close()

    return asyncio.run(run())


def _median(figures: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(f[0] for f in figures), statistics.median(f[1] for f in figures)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--path", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.path or None) as tmp:
        store = open_store(Path(tmp))
        try:
            for size in (1, 3, 10):
                reps = max(args.reps // size, 50)
                ds, vs = [], []
                for round_ in range(args.rounds):
                    if round_ % 2:
                        vs.append(through_log(store, size, reps))
                    ds.append(direct(store, size, reps))
                    if not round_ % 2:
                        vs.append(through_log(store, size, reps))
                d, v = _median(ds), _median(vs)
                print(
                    f"batch {size:2d}: append_many {d[0] * 1e6:6.1f} us/msg (user {d[1] * 1e6:5.1f})"
                    f"   VerdictLog {v[0] * 1e6:6.1f} us/msg (user {v[1] * 1e6:5.1f})"
                    f"   hand-off {(v[0] - d[0]) * 1e6:6.1f} us/msg   {reps} batches x {args.rounds}"
                )
            assert store.audit_verify().ok
        finally:
            store.close()


if __name__ == "__main__":
    main()
