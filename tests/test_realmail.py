"""Real mail from public test suites (tests/realmail) through the inspection `dlpgate scan` runs.

No message may crash the inspection; every hold must be listed, with its rules,
kinds and a reason, in tests/realmail/expected_holds.toml; a listed hold that no
longer happens fails too, so the list stays true. The constructed negative
controls (tests/realmail/constructed) may never be held.
"""

from __future__ import annotations

import pytest

from tests.realmail.harness import ROOT, Expected, Outcome, compare, load_expected, message_files, scan, scan_all


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return scan_all()


def test_the_set_is_there() -> None:
    files = message_files()
    assert len(files) > 250
    sources = {p.relative_to(ROOT).parts[0] for p in files}
    assert {"cpython", "mail_parser", "talon", "mailman", "flufl_bounce", "constructed"} <= sources


def test_holds_match_the_list(outcomes: list[Outcome]) -> None:
    problems = compare(outcomes, load_expected())
    assert not problems, "real-mail regression set:\n" + "\n".join(problems)


def test_constructed_controls_are_delivered() -> None:
    expected = load_expected()
    for path in sorted((ROOT / "constructed").glob("*.eml")):
        rel = path.relative_to(ROOT).as_posix()
        assert rel not in expected.holds and rel not in expected.known_false, (
            f"{rel}: a negative control is listed as a hold"
        )
        outcome = scan(path)
        assert not outcome.error and not outcome.held, f"{rel}: {outcome}"


def test_compare_reports_each_kind_of_drift() -> None:
    # The checker itself: an unlisted hold, a listed hold that stopped, changed reasons, a crash.
    held = Outcome("a.eml", action="hold", rules=("r",), kinds=("k",))
    expected = Expected(
        holds={
            "b.eml": {"file": "b.eml", "rules": ["r"], "kinds": ["k"], "why": "x"},
            "c.eml": {"file": "c.eml", "rules": ["r"], "kinds": ["other"], "why": "x"},
        }
    )
    got = compare(
        [
            held,
            Outcome("b.eml", action="deliver"),
            Outcome("c.eml", action="hold", rules=("r",), kinds=("k",)),
            Outcome("d.eml", error="RecursionError: x"),
        ],
        expected,
    )
    assert [line.split(":")[0] for line in got] == ["a.eml", "b.eml", "c.eml", "d.eml"]
    assert "unexpected hold" in got[0] and "now deliver" in got[1] and "other reasons" in got[2] and "crashed" in got[3]
    ok = Expected(holds={"a.eml": {"file": "a.eml", "rules": ["r"], "kinds": ["k"], "why": "right"}})
    assert compare([held], ok) == []
    assert (
        "without a `why`"
        in compare([held], Expected(holds={"a.eml": {"file": "a.eml", "rules": ["r"], "kinds": ["k"]}}))[0]
    )
