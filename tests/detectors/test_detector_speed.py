"""Speed: every detector's cost over mixed text grows in step with its length.

The test compares two sizes of the same text in one run (a quarter megabyte and a
megabyte, timed in turn so that a busy machine slows both alike): linear work costs
about four times as much for four times the text; anything that grows faster (a
quadratic walk) costs sixteen. The absolute figures are printed with ``pytest -s``;
the speed budget against the SMTP hop is measured by ``make bench``.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from dlpgate.detectors import build_all
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")


def mod11(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return 0 if check == 11 else None if check == 10 else check


def mixed_text(size: int = 1_000_000, seed: int = 11) -> str:
    rng = random.Random(seed)
    prose = (
        "Dear colleague, thank you for seeing this patient in clinic today. The project board "
        "met on Tuesday to discuss the budget, estates and the rota. Please find attached the "
        "minutes. She was diagnosed with type 2 diabetes and hypertension; anaemia noted. "
        "Referred to CAMHS after self-harm. Seen in the GUM clinic for an STI screen and PrEP. "
        "Oesophageal cancer MDT on Friday. Tel 020 7946 0018, mobile 07700 900123. Invoice "
        "1234567890 paid; order ref 2024-05-01. DOB: 03/04/1964. MRN 1234567. "
    ).split(" ")
    parts: list[str] = []
    total = 0
    while total < size:
        r = rng.random()
        if r < 0.004:
            while (c := mod11(nine := rng.choice("467") + str(rng.randrange(10**8)).zfill(8))) is None:
                pass
            word = nine + str(c) if rng.random() < 0.5 else f"{nine[:3]} {nine[3:6]} {nine[6:]}{c}"
        elif r < 0.006:
            word = "+44 7" + str(rng.randrange(10**8)).zfill(8)[:2] + " " + str(rng.randrange(10**6)).zfill(6)
        elif r < 0.01:
            word = str(rng.randrange(10**9, 10**10))
        else:
            word = rng.choice(prose)
        parts.append(word)
        total += len(word) + 1
    words = " ".join(parts)
    return "\n".join(words[i:i + 78] for i in range(0, len(words), 78))


def _best_times(detectors, texts: list[str], rounds: int = 3) -> tuple[list[float], int]:
    """The best of `rounds` times for each text, taken in turn; and the last text's findings."""
    best = [float("inf")] * len(texts)
    found = 0
    for _ in range(rounds):
        for k, text in enumerate(texts):
            cut = len(text) * 6 // 10
            # A new message each time: the number detectors share one analysis per segment; time it cold.
            message = ParsedMessage(
                segments=(Segment(text[:cut], "message body"), Segment(text[cut:], "attachment a.txt")),
                to=("a@gmail.com", "b@trust.nhs.uk"),
            )
            start = time.perf_counter()
            findings = [f for d in detectors for f in d.detect(message)]
            best[k] = min(best[k], time.perf_counter() - start)
            found = len(findings)
    return best, found


def test_one_megabyte_costs_four_quarter_megabytes() -> None:
    text = mixed_text()
    assert len(text) >= 1_000_000
    detectors = build_all({}, DetectorContext(internal_domains=("trust.nhs.uk",), config_dir=CONFIG))
    (quarter, whole), found = _best_times(detectors, [text[: len(text) // 4], text])
    ratio = whole / quarter
    print(f"\n{len(text) / 1e6:.2f} MB: {whole * 1000:.0f} ms, a quarter: {quarter * 1000:.0f} ms, x{ratio:.2f}; {found} findings")
    assert found
    assert ratio < 6.0, f"four times the text cost {ratio:.1f} times as much"
