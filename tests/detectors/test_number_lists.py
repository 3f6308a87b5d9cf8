"""The list signal: a column of arbitrary 10-digit IDs is not a patient list; a column of NHS numbers is.

Random 10-digit IDs pass a health number's range and check digit about 1 time
in 25, so a column of them has a few that pass. Those few must not hold the
message; a column of valid NHS numbers (with a typo or two) must.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate import policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors import chi_number, hc_number, nhs_number
from dlpgate.detectors.numbers import classify
from dlpgate.types import Action, DetectorContext, ParsedMessage, Segment
from tests.synthetic import with_check

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")
CTX = DetectorContext(config_dir=CONFIG)
DETECTORS = [m.build(m.DEFAULTS, CTX) for m in (nhs_number, chi_number, hc_number)]
RULES = list(DEFAULT_RULES.values())


def held(text: str, tabular: bool) -> bool:
    msg = ParsedMessage(segments=(Segment(text, "attachment list.csv" if tabular else "message body", tabular),))
    findings = [f for d in DETECTORS for f in d.detect(msg)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


def valid_nhs(rng: random.Random) -> str:
    while True:
        n = with_check(f"{rng.choice([rng.randint(400, 499), rng.randint(600, 799)])}{rng.randrange(10**6):06d}")
        if n:
            return n


def invalid_id(rng: random.Random) -> str:
    while True:
        n = f"{rng.randrange(10**9, 10**10)}"
        if classify(n) is None:
            return n


LAYOUTS = {
    "csv": ("Number,Name,Amount\n", "{n},Name{i},{i}.00", True),
    "csv with an ID header": ("ID,Name,Amount\n", "{n},Name{i},{i}.00", True),
    "body list": ("Here are the IDs:\n", "{n}", False),
    "numbered body list": ("", "{i}. {n}", False),
    "grouped": ("", "{g} - item {i}", False),
    "tabs": ("", "Row {i}\t{n}\tdone", False),
}


def render(numbers: list[str], layout: str) -> tuple[str, bool]:
    head, row, tabular = LAYOUTS[layout]
    lines = [row.format(n=n, i=i + 1, g=f"{n[:3]} {n[3:6]} {n[6:]}") for i, n in enumerate(numbers)]
    return head + "\n".join(lines), tabular


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32),
    rows=st.integers(8, 300),
    share=st.floats(0.0, 0.15),
    layout=st.sampled_from(sorted(LAYOUTS)),
)
def test_a_column_of_random_ids_is_not_held(seed: int, rows: int, share: float, layout: str) -> None:
    rng = random.Random(seed)
    # A few that pass (at least one, at most ~15%): arbitrary IDs pass about 1 time in 25.
    k = max(1, round(rows * share))
    numbers = [valid_nhs(rng) for _ in range(k)] + [invalid_id(rng) for _ in range(rows - k)]
    rng.shuffle(numbers)
    text, tabular = render(numbers, layout)
    assert not held(text, tabular)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32),
    rows=st.integers(1, 300),
    typos=st.integers(0, 2),
    layout=st.sampled_from(sorted(LAYOUTS)),
)
def test_a_column_of_nhs_numbers_is_held_in_full(seed: int, rows: int, typos: int, layout: str) -> None:
    rng = random.Random(seed)
    numbers = [valid_nhs(rng) for _ in range(rows)]
    typos = min(typos, rows // 10)  # a mistyped number or two in a long list
    for i in rng.sample(range(rows), typos):
        numbers[i] = invalid_id(rng)
    text, tabular = render(numbers, layout)
    msg = ParsedMessage(segments=(Segment(text, "x", tabular),))
    findings = [f for d in DETECTORS for f in d.detect(msg)]
    assert sum(f.count for f in findings if f.confidence >= 0.5) == rows - typos
    assert policy.decide(findings, RULES, True)[0] == Action.HOLD
