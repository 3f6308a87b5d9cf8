"""No message crashes the inspection: absurd headers and structures still get a verdict.

Checked on both paths a message takes: the gateway's pipeline.inspect and
`dlpgate scan --json`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dlpgate.types import Action
from tests.formats import docs

ROOT = Path(__file__).resolve().parents[2]
HEAD = b"From: a@example-trust.nhs.uk\r\nSubject: hi\r\nMessage-ID: <x@example-trust.nhs.uk>\r\n"


def nested_comments(n: int) -> bytes:
    return HEAD + b"To: " + b"(" * n + b"x" + b")" * n + b" <c@partner.example.org>\r\n\r\nbody\r\n"


def nested_groups(n: int) -> bytes:
    return b"From: " + b"g:" * n + b"a@example-trust.nhs.uk" + b";" * n + b"\r\nTo: c@partner.example.org\r\n\r\nbody\r\n"


def nested_multipart(n: int) -> bytes:
    out = b"From: a@example-trust.nhs.uk\r\nTo: c@partner.example.org\r\n"
    for i in range(n):
        out += b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
    return out + b"Content-Type: text/plain\r\n\r\nhello\r\n"


def many_headers(n: int) -> bytes:
    return HEAD + b"To: c@partner.example.org\r\n" + b"X-A: " + b"=?utf-8?q?a?= " * n + b"\r\n" + b"X-B: b\r\n" * n + b"\r\nbody\r\n"


CASES = {
    "comments.eml": (nested_comments(5000), ("header To", "corrupt")),
    "groups.eml": (nested_groups(5000), ("header From", "corrupt")),
    "multipart.eml": (nested_multipart(3000), None),
    "headers.eml": (many_headers(20000), None),
    "binary.eml": (b"\x00\xff" * 5000, None),
    "headers-only.eml": (b"Subject: " + b"(" * 100000, None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pipeline_gives_a_verdict(name: str) -> None:
    raw, problem = CASES[name]
    v = docs.verdict(raw)
    assert v.action in (Action.DELIVER, Action.HOLD)
    if problem is not None:
        assert problem in docs.unscannable(v)
        assert v.action == Action.HOLD  # held once and reviewed, never retried forever


def test_scan_json_gives_a_verdict_for_each(tmp_path: Path) -> None:
    paths = []
    for name, (raw, _problem) in CASES.items():
        (tmp_path / name).write_bytes(raw)
        paths.append(str(tmp_path / name))
    cfg = tmp_path / "dlpgate.toml"
    cfg.write_text('[domains]\ninternal = ["example-trust.nhs.uk"]\n')
    done = subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", "scan", "--json", "--config", str(cfg), *paths],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    results = {Path(r["file"]).name: r for r in map(json.loads, done.stdout.splitlines())}
    assert set(results) == set(CASES)
    for name, (_raw, problem) in CASES.items():
        assert results[name].get("action") in ("deliver", "hold"), results[name]
        if problem is not None:
            rows = {(f["where"], c) for f in results[name]["findings"] for c in f.get("categories", [])}
            assert problem in rows


def test_fastsplit_leaves_ambiguous_structure_to_the_stdlib() -> None:
    from dlpgate.mime import fastsplit

    ok = b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n\r\nx\r\n--B--\r\n'
    assert fastsplit.parse(ok) is not None
    assert fastsplit.parse(b"Content-Type: text/html\r\n" + ok) is None
    assert fastsplit.parse(b"Content-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n" + ok) is None
    assert fastsplit.parse(ok.replace(b'boundary="B"', b'boundary="B"; boundary="C"')) is None
