#!/usr/bin/env python3
"""Coverage-guided fuzzing of the MIME parser and the whole inspection (atheris).

Not part of `make test` (tests/fuzz/test_fuzz_corpus.py replays the kept corpus).
Run it for a while, then keep only a minimal corpus:

    .venv/bin/pip install atheris            # or: pip install -e '.[fuzz]'
    mkdir -p /tmp/fuzz-new
    .venv/bin/python tests/fuzz/fuzz_parse.py /tmp/fuzz-new tests/fuzz/corpus \\
        -max_len=8192 -max_total_time=600
    # shrink back into the kept corpus (only inputs that add coverage; -merge
    # re-runs the script itself, so the venv's python must come first on PATH):
    mkdir /tmp/fuzz-min && PATH=$PWD/.venv/bin:$PATH tests/fuzz/fuzz_parse.py -merge=1 -max_len=4096 \
        /tmp/fuzz-min tests/fuzz/corpus /tmp/fuzz-new
    rm -f tests/fuzz/corpus/* && cp /tmp/fuzz-min/* tests/fuzz/corpus/

A crash (an exception out of inspect, a hang past the deadline, or content that
could not be read delivered to an external recipient) is written as crash-*;
add it to tests/nasty/corpus/ with its expectation once fixed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

with atheris.instrument_imports(include=["dlpgate"]):
    from dlpgate import config as config_mod
    from dlpgate import pipeline
    from dlpgate.types import Action, Envelope

SETTINGS = config_mod.from_mapping(
    {"domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]}}, config_mod.PROJECT_CONFIG_DIR
)
ENGINE = pipeline.build_engine(SETTINGS)
EXTERNAL = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
TIME_LIMIT = 5.0


def check(data: bytes) -> None:
    start = time.monotonic()
    try:
        verdict = pipeline.inspect(data, EXTERNAL, ENGINE, start + TIME_LIMIT)
    except pipeline.InspectionTimeout:
        return  # the gateway answers 451; fine as long as it is within the limit
    finally:
        if time.monotonic() - start > TIME_LIMIT + 2:
            raise RuntimeError("inspection ran past its deadline")
    if any(p.severe for p in verdict.problems) and verdict.action < Action.HOLD:
        raise AssertionError(f"unreadable content not held: {verdict.problems}")


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
