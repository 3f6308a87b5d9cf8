"""CPU time of ``pipeline.inspect`` per message, this checkout against a baseline checkout, interleaved.

    python bench/inspect_speed.py [--baseline /work/main] [--rounds 3] [--passes 5]

Three sets, built once here and handed to both sides as the same bytes:

* ``100 KB``: 50 different letters of about 100 KB (an HTML part and a CSV
  list, ``corpus.sized``), inspected in turn, so no code gains from keeping
  the analysis of a text it has seen;
* ``real mail``: the real-mail mix of ``make bench`` (``corpus.realmail_mix``);
* ``5 KB``: 50 different plain letters of about 5 KB.

Each round runs a fresh process on the baseline's code (its folder first on
``sys.path``), then one on this checkout's, and so on (A, B, A, B). A process
warms up with one pass over every set, then reports for each set the best of
``--passes`` passes of the mean CPU time per message (``time.process_time``:
the machine is shared, and CPU time is what one worker pays per message).
The ratio printed is baseline / this checkout: above 1 is faster.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SETS = ("100 KB", "real mail", "5 KB")


def build_corpus() -> dict[str, list[bytes]]:
    sys.path.insert(0, str(HERE))
    from bench import corpus

    return {
        "100 KB": [corpus.sized(100_000, seed=1000 + i) for i in range(50)],
        "real mail": [raw for _name, raw in corpus.realmail_mix()],
        "5 KB": [corpus.sized(5_000, seed=2000 + i) for i in range(50)],
    }


def worker(corpus_file: str, passes: int) -> None:
    """Time inspect over the corpus with whatever dlpgate comes first on sys.path."""
    from dlpgate import config, pipeline
    from dlpgate.types import Envelope

    root = Path(pipeline.__file__).resolve().parent.parent
    engine = pipeline.build_engine(config.load(root / "config" / "dlpgate.toml"))
    envelope = Envelope(mail_from="staff@example-trust.nhs.uk", rcpt_tos=("someone@partner.example.org",))
    with open(corpus_file, "rb") as fh:
        sets: dict[str, list[bytes]] = pickle.load(fh)
    best: dict[str, float] = {}
    for n in range(passes + 1):
        for name, messages in sets.items():
            started = time.process_time()
            for raw in messages:
                pipeline.inspect(raw, envelope, engine)
            per_message = (time.process_time() - started) / len(messages) * 1000
            if n:  # the first pass warms up (compiled patterns, lazy tables)
                best[name] = min(best.get(name, per_message), per_message)
    print(json.dumps({"root": str(root), "ms": best}))


def run_side(root: Path, corpus_file: str, passes: int) -> dict[str, float]:
    # The script's own folder (bench/) comes first on sys.path, then PYTHONPATH: dlpgate comes from root.
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", corpus_file, "--passes", str(passes)]
    out = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    if Path(got["root"]) != root.resolve():
        raise SystemExit(f"imported dlpgate from {got['root']}, not {root}")
    return got["ms"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="/work/main", help="checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.passes)
        return
    random.seed(0)
    sides = {"baseline": Path(args.baseline).resolve(), "this": HERE}
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = os.path.join(tmp, "corpus.pickle")
        with open(corpus_file, "wb") as fh:
            pickle.dump(build_corpus(), fh)
        got: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
        for r in range(args.rounds):
            for side, root in sides.items():
                got[side].append(run_side(root, corpus_file, args.passes))
                print(f"round {r + 1} {side}: " + ", ".join(f"{k} {v:.2f} ms" for k, v in got[side][-1].items()),
                      file=sys.stderr)
    print(f"{'set':<10} {'baseline ms':>12} {'this ms':>9} {'ratio':>6}  (median of {args.rounds} rounds)")
    for name in SETS:
        base = statistics.median(r[name] for r in got["baseline"])
        this = statistics.median(r[name] for r in got["this"])
        print(f"{name:<10} {base:>12.2f} {this:>9.2f} {base / this:>6.2f}")


if __name__ == "__main__":
    main()
