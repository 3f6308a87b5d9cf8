"""The dlpgate command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.synthetic import build_message, nhs_numbers, spaced

NHS = nhs_numbers(3, seed=11)


def dlpgate(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    p = tmp_path / "dlpgate.toml"
    p.write_text(
        f'[smtp]\nlisten = "127.0.0.1:10025"\nrelay = "dir:{tmp_path / "outbox"}"\n'
        '[domains]\ninternal = ["example-trust.nhs.uk"]\nsecure = ["nhs.net"]\n'
        f'[storage]\npath = "{tmp_path / "var"}"\n'
    )
    return p


def test_scan_json_contract(tmp_path, config_file):
    held = tmp_path / "held.eml"
    held.write_bytes(build_message(f"NHS number {spaced(NHS[0])}\n", attachments=[("clinic-list.csv", "text/csv", f"name,nhs\nA,{NHS[1]}\nB,{NHS[2]}\n".encode())]))
    clean = tmp_path / "clean.eml"
    clean.write_bytes(build_message("See you at the meeting.\n"))
    internal = tmp_path / "internal.eml"
    internal.write_bytes(build_message(f"NHS number {NHS[0]}\n", to="nurse@example-trust.nhs.uk"))
    proc = dlpgate("scan", "--config", str(config_file), "--json", str(held), str(clean), str(internal), str(tmp_path / "missing.eml"))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["file"] for r in rows] == [str(held), str(clean), str(internal), str(tmp_path / "missing.eml")]
    assert rows[0]["action"] == "hold"
    nhs_rows = {r["where"]: r["count"] for r in rows[0]["findings"] if r["kind"] == "nhs_number"}
    assert nhs_rows == {"message body": 1, "attachment clinic-list.csv": 2}
    assert rows[1] == {"file": str(clean), "action": "deliver", "rules": [], "findings": []}
    assert rows[2]["action"] == "deliver"
    assert "error" in rows[3]
    assert all(n not in proc.stdout for n in NHS)


def test_scan_envelope_flags_override_headers(tmp_path, config_file):
    f = tmp_path / "m.eml"
    f.write_bytes(build_message(f"NHS number {NHS[0]}\n", to="nurse@example-trust.nhs.uk"))
    proc = dlpgate("scan", "--config", str(config_file), "--json", "--to", "someone@gmail.com", str(f))
    assert json.loads(proc.stdout)["action"] == "hold"


def test_scan_readable_report_and_env_config(tmp_path, config_file):
    f = tmp_path / "m.eml"
    f.write_bytes(build_message(f"NHS number {NHS[0]}\n"))
    proc = dlpgate("scan", str(f), env={"DLPGATE_CONFIG": str(config_file)})
    assert proc.returncode == 0
    assert "action: hold" in proc.stdout and "nhs_number x1" in proc.stdout


def test_quarantine_commands_over_a_real_store(tmp_path, config_file):
    import asyncio

    from dlpgate import config, pipeline
    from dlpgate.server import build_gateway
    from dlpgate.types import Envelope

    settings = config.load(config_file)
    gw = build_gateway(settings)
    raw = build_message(f"NHS number {NHS[0]}\n")
    env = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
    verdict = pipeline.inspect(raw, env, gw.engine)
    reply = asyncio.run(gw.act(env, raw, verdict))
    qid = reply.rsplit(" ", 1)[1]
    gw.store.close()

    rows = [json.loads(line) for line in dlpgate("quarantine", "list", "--json", "--config", str(config_file)).stdout.splitlines()]
    assert rows[0]["id"] == qid and rows[0]["state"] == "held"
    assert set(rows[0]) >= {"id", "state", "sender", "recipients", "received", "rules"}

    shown = dlpgate("quarantine", "show", qid, "--config", str(config_file))
    assert shown.returncode == 0 and NHS[0] not in shown.stdout
    no_reason = dlpgate("quarantine", "show", qid, "--content", "--config", str(config_file))
    assert no_reason.returncode == 2
    content = dlpgate("quarantine", "show", qid, "--content", "--reason", "IG check", "--config", str(config_file))
    assert NHS[0] in content.stdout

    rel = dlpgate("quarantine", "release", qid, "--reason", "ok", "--actor", "admin:ann", "--config", str(config_file))
    assert rel.returncode == 0, rel.stderr + rel.stdout
    again = dlpgate("quarantine", "release", qid, "--config", str(config_file))
    assert again.returncode == 1
    delivered = [p for p in (tmp_path / "outbox").iterdir() if b"someone@partner" in p.read_bytes()[:300]]
    assert len(delivered) == 1

    audit = dlpgate("audit", "list", "--json", "--config", str(config_file))
    events = [json.loads(line)["event"] for line in audit.stdout.splitlines()]
    assert events == ["verdict", "view_metadata", "view_metadata", "view_content", "release"]
    assert NHS[0] not in audit.stdout
    assert "intact" in dlpgate("audit", "verify", "--config", str(config_file)).stdout
