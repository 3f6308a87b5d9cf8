"""A short replay of the atheris corpus (tests/fuzz/corpus/), in every `make test`.

The harness itself (tests/fuzz/fuzz_parse.py) is run by hand; what it found is
kept small here and replayed with the same checks: a verdict within the time
limit, no exception, unreadable content held for an external recipient.
"""

from __future__ import annotations

import time
from pathlib import Path

from dlpgate import mime, pipeline
from dlpgate.types import Action
from tests.fuzz.test_fuzz_properties import ENGINE, EXTERNAL

CORPUS = Path(__file__).parent / "corpus"
TIME_LIMIT = 5.0


def test_corpus_is_kept_small():
    files = [p for p in CORPUS.iterdir() if p.is_file()]
    assert files, "the kept corpus is empty"
    assert len(files) <= 400 and sum(p.stat().st_size for p in files) < 1_000_000


def test_replay_corpus():
    slowest = 0.0
    for path in sorted(CORPUS.iterdir()):
        data = path.read_bytes()
        start = time.monotonic()
        mime.parse(data, ENGINE.limits, start + TIME_LIMIT)
        try:
            verdict = pipeline.inspect(data, EXTERNAL, ENGINE, start + TIME_LIMIT)
        except pipeline.InspectionTimeout:
            verdict = None
        elapsed = time.monotonic() - start
        slowest = max(slowest, elapsed)
        assert elapsed < TIME_LIMIT + 2, path.name
        if verdict is not None and any(p.severe for p in verdict.problems):
            assert verdict.action >= Action.HOLD, path.name
    assert slowest < TIME_LIMIT + 2
