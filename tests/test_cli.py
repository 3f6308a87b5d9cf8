"""The dlpgate command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dlpgate.types import Envelope
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
    assert proc.returncode == 1, proc.stderr  # a file could not be read
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["file"] for r in rows] == [str(held), str(clean), str(internal), str(tmp_path / "missing.eml")]
    assert rows[0]["action"] == "hold"
    nhs_rows = {r["where"]: r["count"] for r in rows[0]["findings"] if r["kind"] == "nhs_number"}
    assert nhs_rows == {"message body": 1, "attachment clinic-list.csv": 2}
    assert rows[1] == {"file": str(clean), "action": "deliver", "rules": [], "findings": [], "notes": []}
    assert rows[2]["action"] == "deliver"
    assert "error" in rows[3]
    assert all(n not in proc.stdout for n in NHS)


def test_scan_notes_what_it_could_not_read(tmp_path, config_file):
    # a photo (no OCR here) is delivered, and the report says it was not read
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 90)).save(buf, "JPEG")
    f = tmp_path / "photo.eml"
    f.write_bytes(build_message("Photo from the garden party.\n", attachments=[("party.jpg", "image/jpeg", buf.getvalue())]))
    row = json.loads(dlpgate("scan", "--config", str(config_file), "--json", str(f)).stdout)
    assert row["action"] == "deliver"
    assert {"reason": "unsupported", "where": "attachment party.jpg", "severe": False} in row["notes"]
    assert "note: attachment party.jpg: unsupported (minor)" in dlpgate("scan", "--config", str(config_file), str(f)).stdout


def test_scan_envelope_flags_override_headers(tmp_path, config_file):
    f = tmp_path / "m.eml"
    f.write_bytes(build_message(f"NHS number {NHS[0]}\n", to="nurse@example-trust.nhs.uk"))
    proc = dlpgate("scan", "--config", str(config_file), "--json", "--to", "someone@gmail.com", str(f))
    assert json.loads(proc.stdout)["action"] == "hold"


@pytest.mark.parametrize(
    ("fields", "recipients"),
    [
        # a display name or a comment that shows another address is no recipient of its own
        ('To: "jane.doe1987@gmail.com" <jane.doe@example-trust.nhs.uk>\n', ("jane.doe@example-trust.nhs.uk",)),
        ("To: jane.doe@example-trust.nhs.uk (home: jane.doe1987@gmail.com)\n", ("jane.doe@example-trust.nhs.uk",)),
        ('To: "Jane" <jane.doe@example-trust.nhs.uk>, Bob <bob@gmail.com>\nCc: ann@nhs.net\n',
         ("jane.doe@example-trust.nhs.uk", "bob@gmail.com", "ann@nhs.net")),
        # a resent message goes to the Resent- recipients, not the original ones
        ("To: jane.doe@example-trust.nhs.uk\nResent-To: someone@icloud.com\nResent-Cc: x@nhs.net\n",
         ("someone@icloud.com", "x@nhs.net")),
        # a list without commas does not parse cleanly: every address it shows
        ("To: a@gmail.com b@yahoo.com\n", ("a@gmail.com", "b@yahoo.com")),
    ],
)
def test_scan_default_envelope_is_what_a_mail_server_takes_from_the_headers(fields, recipients):
    from dlpgate.cli import envelope_from_headers

    raw = f"From: staff@example-trust.nhs.uk\n{fields}Subject: s\n\nbody\n".encode()
    env = envelope_from_headers(raw)
    assert env.mail_from == "staff@example-trust.nhs.uk"
    assert sorted(env.rcpt_tos) == sorted(recipients)


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
    again = dlpgate("quarantine", "release", qid, "--reason", "ok", "--config", str(config_file))
    assert again.returncode == 1
    delivered = [p for p in (tmp_path / "outbox").iterdir() if b"someone@partner" in p.read_bytes()[:300]]
    assert len(delivered) == 1

    audit = dlpgate("audit", "list", "--json", "--config", str(config_file))
    events = [json.loads(line)["event"] for line in audit.stdout.splitlines()]
    assert events == ["verdict", "view_metadata", "view_metadata", "view_content", "release"]
    assert NHS[0] not in audit.stdout
    assert "intact" in dlpgate("audit", "verify", "--config", str(config_file)).stdout


# -- conventions ------------------------------------------------------------------


def test_version_and_bare_command_prints_help():
    from dlpgate import __version__

    v = dlpgate("--version")
    assert v.returncode == 0 and v.stdout.strip() == f"dlpgate {__version__}"
    bare = dlpgate()
    assert bare.returncode == 2 and "commands:" in bare.stdout and "Traceback" not in bare.stderr


def walk_parsers():
    import argparse

    from dlpgate.cli import parser

    todo = [("dlpgate", parser())]
    while todo:
        name, p = todo.pop()
        yield name, p
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help, f"{name} {choice.dest}: subcommand without help"
                todo.extend((f"{name} {n}", sp) for n, sp in action.choices.items())


def test_every_subcommand_and_option_has_help():
    import argparse

    seen = 0
    for name, p in walk_parsers():
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, f"{name}: {action.option_strings or action.dest} has no help"
            seen += 1
    assert seen > 60


def test_release_and_delete_need_a_reason(config_file):
    for verb in ("release", "delete"):
        proc = dlpgate("quarantine", verb, "20260101-abc", "--config", str(config_file))
        assert proc.returncode == 2 and "--reason" in proc.stderr
        blank = dlpgate("quarantine", verb, "20260101-abc", "--reason", "  ", "--config", str(config_file))
        assert blank.returncode == 2 and "must not be empty" in blank.stderr


def hold_some(config_file: Path, specs: list[tuple[str, str, str]]) -> list[str]:
    """Hold messages (sender, subject, body) through a real gateway object; returns their IDs."""
    import asyncio

    from dlpgate import config, pipeline
    from dlpgate.server import build_gateway

    settings = config.load(config_file)
    gw = build_gateway(settings)
    ids = []
    try:
        for sender, subject, body in specs:
            raw = build_message(body, subject=subject, sender=sender)
            env = Envelope(sender, ("someone@partner.example.org",))
            reply = asyncio.run(gw.act(env, raw, pipeline.inspect(raw, env, gw.engine)))
            ids.append(reply.rsplit(" ", 1)[1])
    finally:
        gw.store.close()
    return ids


def test_quarantine_filters_show_text_and_purge_days_zero(config_file):
    a, b, c = hold_some(
        config_file,
        [
            ("ann@example-trust.nhs.uk", "Clinic list", f"NHS number {NHS[0]}\n"),
            ("bob@example-trust.nhs.uk", "Referral", f"NHS number {NHS[1]}\n"),
            ("ann@example-trust.nhs.uk", "Second list", f"NHS number {NHS[2]}\n"),
        ],
    )
    cfg = ["--config", str(config_file)]

    def ids(*args: str) -> list[str]:
        proc = dlpgate("quarantine", "list", "--json", *args, *cfg)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line)["id"] for line in proc.stdout.splitlines()]

    assert set(ids()) == {a, b, c}
    assert set(ids("--sender", "ANN@example-trust.nhs.uk")) == {a, c}
    assert set(ids("--rule", "health_identifier_external")) == {a, b, c}
    assert ids("--rule", "exposed_recipients") == []
    assert len(ids("--limit", "2")) == 2
    assert set(ids("--since", "1h")) == {a, b, c}
    assert ids("--since", "2999-01-01") == []
    bad = dlpgate("quarantine", "list", "--since", "yesterday", *cfg)
    assert bad.returncode == 2 and "not 7d" in bad.stderr

    text = dlpgate("quarantine", "list", *cfg).stdout
    assert a in text and "ann@example-trust.nhs.uk" in text and not text.lstrip().startswith("{")
    shown = dlpgate("quarantine", "show", a, *cfg)
    assert shown.returncode == 0 and "State:       held" in shown.stdout and "NHS number" in shown.stdout
    assert not shown.stdout.lstrip().startswith("{") and NHS[0] not in shown.stdout
    as_json = json.loads(dlpgate("quarantine", "show", a, "--json", *cfg).stdout)
    assert as_json["id"] == a and as_json["state"] == "held"

    purged = dlpgate("quarantine", "purge", "--days", "0", "--json", *cfg)
    assert purged.returncode == 0, purged.stderr
    assert set(json.loads(purged.stdout)["expired"]) == {a, b, c}
    assert set(ids("--state", "expired")) == {a, b, c}


def outbox_notices(config_file: Path) -> list[bytes]:
    from dlpgate import config
    from dlpgate.store import store_for

    store = store_for(config.load(config_file))
    try:
        return [item.raw for item in store.due(now=10**12, limit=1000)]
    finally:
        store.close()


def test_cli_release_and_delete_tell_the_sender_with_a_masked_subject(config_file):
    import email
    from email import policy as email_policy

    a, b = hold_some(
        config_file,
        [
            ("ann@example-trust.nhs.uk", f"Bloods for {NHS[0]}", f"NHS number {NHS[0]}\n"),
            ("bob@example-trust.nhs.uk", "Friday rota", f"NHS number {NHS[1]}\n"),
        ],
    )
    cfg = ["--config", str(config_file)]
    before = len(outbox_notices(config_file))
    rel = dlpgate("quarantine", "release", a, "--reason", "consent on file", *cfg)
    assert rel.returncode == 0, rel.stderr
    gone = dlpgate("quarantine", "delete", b, "--reason", "wrong recipient", "--json", *cfg)
    assert gone.returncode == 0 and json.loads(gone.stdout) == {"id": b, "deleted": True}
    new = outbox_notices(config_file)[before:]
    msgs = [email.message_from_bytes(raw, policy=email_policy.default) for raw in new]
    by_to = {m["To"]: m for m in msgs}
    released, deleted = by_to["ann@example-trust.nhs.uk"], by_to["bob@example-trust.nhs.uk"]
    # The store keeps no Subject that had findings; the release notice masks the original's.
    assert released["Subject"].strip() == 'Message released and sent: "Bloods for [...]"'
    assert a in released.get_content() and NHS[0] not in released.as_string()
    assert "Do not send it again" in released.get_content()
    assert deleted["Subject"] == 'Message deleted, not sent: "Friday rota"'
    assert "wrong recipient" in deleted.get_content() and "NOT sent" in deleted.get_content()
    audit = [json.loads(line) for line in dlpgate("audit", "list", "--json", "--ref", b, *cfg).stdout.splitlines()]
    assert audit[-1]["event"] == "delete" and audit[-1]["data"]["reason"] == "wrong recipient"


def test_audit_list_filters_and_default_limit(config_file):
    ids_ = hold_some(config_file, [("ann@example-trust.nhs.uk", f"m{i}", f"NHS {NHS[0]}\n") for i in range(3)])
    cfg = ["--config", str(config_file)]
    rows = lambda *a: [json.loads(x) for x in dlpgate("audit", "list", "--json", *a, *cfg).stdout.splitlines()]  # noqa: E731
    assert len(rows("--limit", "2")) == 2
    assert [r["ref"] for r in rows("--event", "verdict")] == ids_
    assert rows("--ref", ids_[1])[0]["ref"] == ids_[1]
    assert rows("--since", "2999-01-01") == []
    assert len(rows("--sender", "ann@example-trust.nhs.uk")) == 3
    text = dlpgate("audit", "list", *cfg).stdout
    assert "verdict" in text and "{'" not in text  # readable, not dict reprs
    from dlpgate.cli import DEFAULT_LIMIT, parser

    assert parser().parse_args(["audit", "list"]).limit == DEFAULT_LIMIT == 50


def test_user_unlock_clears_the_lockout(config_file):
    cfg = ["--config", str(config_file)]
    add = subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", "user", "add", "alice", "--role", "admin", "--password-stdin", *cfg],
        input="a long enough password 1\n", capture_output=True, text=True, timeout=60,
    )
    assert add.returncode == 0, add.stderr
    from dlpgate import config
    from dlpgate.admin.users import LoginRefused, Users
    from dlpgate.store import store_for

    store = store_for(config.load(config_file))
    users = Users(store, max_failures=3, lock_seconds=900)
    for _ in range(3):
        with pytest.raises(LoginRefused):
            users.authenticate("alice", "wrong", "192.0.2.1")
    with pytest.raises(LoginRefused):
        users.authenticate("alice", "a long enough password 1", "192.0.2.1")
    # The lock is per account and address: another address still logs in.
    assert users.authenticate("alice", "a long enough password 1", "192.0.2.2").name == "alice"
    proc = dlpgate("user", "unlock", "alice", *cfg)
    assert proc.returncode == 0 and "unlocked" in proc.stdout, proc.stderr
    assert users.authenticate("alice", "a long enough password 1", "192.0.2.1").name == "alice"
    store.close()
    assert dlpgate("user", "unlock", "nobody-here", *cfg).returncode == 2
    again = dlpgate("user", "unlock", "alice", "--json", *cfg)
    assert json.loads(again.stdout) == {"user": "alice", "cleared": 0}
    listed = [json.loads(x) for x in dlpgate("user", "list", "--json", *cfg).stdout.splitlines()]
    assert listed == [{"name": "alice", "role": "admin", "disabled": False}]


def test_user_add_without_a_terminal_is_one_line(config_file):
    proc = subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", "user", "add", "bob", "--role", "admin", "--config", str(config_file)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["dlpgate: no terminal to ask for the password: pipe it in with --password-stdin"]


def test_ctrl_c_is_one_line(monkeypatch, capsys):
    from dlpgate import cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_scan", interrupted)
    assert cli.main(["scan", "x.eml"]) == 130
    assert capsys.readouterr().err == "dlpgate: interrupted\n"


@pytest.mark.parametrize(
    "storage, expect",
    [
        ('path = "{blocker}/var"', "storage.path {blocker}/var: cannot create or open it"),
        ('url = "postgresql://dlpgate:s3cret@127.0.0.1:1/dlpgate"', 'storage.url 127.0.0.1:1/dlpgate: cannot open the database'),
    ],
)
def test_storage_and_database_failures_are_one_line(tmp_path, storage, expect):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    p = tmp_path / "c.toml"
    p.write_text('[domains]\ninternal = ["example.nhs.uk"]\n[storage]\n' + storage.format(blocker=blocker) + "\n")
    for args in (("quarantine", "list"), ("audit", "list"), ("serve",)):
        proc = dlpgate(*args, "--config", str(p))
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and expect.format(blocker=blocker) in lines[0], proc.stderr
        assert "s3cret" not in proc.stderr and "Traceback" not in proc.stderr


def test_config_check_prints_the_effective_config(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('[domains]\ninternal = ["example-trust.nhs.uk"]\n[storage]\npath = "state"\n')
    text = dlpgate("config", "check", "--config", str(p))
    assert text.returncode == 0, text.stderr
    assert "OK" in text.stdout.splitlines()[0] and "warning: domains.internal" in text.stdout
    assert f'path = "{tmp_path / "state"}"' in text.stdout and "[rules.health_identifier_external]" in text.stdout
    import tomllib

    body = "\n".join(line for line in text.stdout.splitlines() if not line.startswith("#"))
    assert tomllib.loads(body)["storage"]["path"] == str(tmp_path / "state")
    js = json.loads(dlpgate("config", "check", "--json", "--config", str(p)).stdout)
    assert js["ok"] is True and js["settings"]["detectors"]["health_terms"]["lexicon"].endswith("health_terms.tsv")
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules.x]\nkinds = ["exposed_recipient"]\n')
    proc = dlpgate("config", "check", "--config", str(bad))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "unknown finding kind 'exposed_recipient'" in proc.stderr
