"""What the gateway writes never contains a detected value.

A mini end-to-end suite runs against a real gateway process (log to a file,
SQLite store): holds (body, Subject, attachment, attachment NAME), a rewrite,
internal mail, a content view and a release through the CLI. Then everything it
wrote is scanned for the synthetic NHS numbers in every separator variant. The
only places allowed to hold them are the quarantined message itself
(quarantine.raw) and the deliveries of the message (release, internal mail).
"""

from __future__ import annotations

import email
import sqlite3
import subprocess
import sys
import time
from email import policy

import pytest

from tests.conftest import INTERNAL, free_port
from tests.faults.faults_helpers import ROOT, Downstream, GatewayProcess, base_sections, send_once
from tests.synthetic import build_message, nhs_numbers, spaced

SENDER = f"dr.jones@{INTERNAL}"
EXT = "someone@partner.example.org"
SEPARATORS = ["", " ", "-", "\u00a0", "\u2009", "\u202f", ".", "_", "/"]


def variants(number: str) -> list[str]:
    return [spaced(number, sep) if sep else number for sep in SEPARATORS]


def find_values(text: str, numbers: list[str]) -> list[str]:
    return [v for n in numbers for v in variants(n) if v in text]


@pytest.fixture
def world(tmp_path):
    ds = Downstream()
    ds.set("smtp")
    sections = base_sections(tmp_path, ds.port, free_port(), notices={"admins": [f"ig-team@{INTERNAL}"]})
    gw = GatewayProcess(tmp_path, sections).start()
    yield gw, ds
    gw.stop()
    ds.close()


def cli(gw: GatewayProcess, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", *args, "--config", str(gw.config)],
        cwd=str(ROOT),
        capture_output=True,
        timeout=60,
    )


def test_notices_logs_audit_and_outbox_never_contain_detected_values(world):
    gw, ds = world
    numbers = nhs_numbers(8, seed=31)
    n = iter(numbers)
    sent = []

    def send(raw: bytes, rcpts: list[str]) -> str:
        code, text = send_once(gw.port, raw, rcpts)
        assert code == 250, (code, text)
        sent.append(text)
        return text

    held = []
    held.append(send(build_message(f"Patient NHS No: {spaced(next(n))}\r\n", subject="Referral"), [EXT]))
    held.append(send(build_message("See below.\r\n", subject=f"Re: patient {spaced(next(n), '-')}"), [EXT]))
    csv = "Name,NHS number\r\n" + "".join(f"P{i},{spaced(next(n), chr(0xA0))}\r\n" for i in range(2))
    held.append(send(build_message("List attached.\r\n", attachments=[("clinic.csv", "text/csv", csv.encode())]), [EXT]))
    name_number = next(n)
    held.append(
        send(
            build_message(
                "Letter attached.\r\n",
                attachments=[(f"letter_{spaced(name_number, '_')}.txt", "text/plain", f"NHS {name_number}\n".encode())],
            ),
            [EXT],
        )
    )
    # Internal mail with a number is delivered as it is (the message itself).
    send(build_message(f"NHS No {next(n)}\r\n", to=f"colleague@{INTERNAL}"), [f"colleague@{INTERNAL}"])
    # A rewrite: many patients see each other; no number in it.
    patients = [f"patient{i}@gmail.com" for i in range(4)]
    send(build_message("Your appointment.\r\n", to=", ".join(patients)), patients)
    qids = [t.rsplit(" ", 1)[1] for t in held if "Held" in t]
    assert len(qids) == 4

    # Admin acts through the CLI: a content view (audited) and a release.
    shown = cli(gw, "quarantine", "show", qids[0], "--content", "--reason", "IG review", "--actor", "admin:test")
    assert shown.returncode == 0, shown.stderr
    released = cli(gw, "quarantine", "release", qids[1], "--reason", "consented", "--actor", "admin:test")
    assert released.returncode == 0, released.stderr
    deleted = cli(gw, "quarantine", "delete", qids[2], "--reason", "wrong person", "--actor", "admin:test")
    assert deleted.returncode == 0, deleted.stderr
    for args in (("quarantine", "list"), ("audit", "list"), ("quarantine", "show", qids[3])):
        out = cli(gw, *args)
        assert out.returncode == 0, out.stderr
        assert find_values(out.stdout.decode("utf-8", "replace"), numbers) == [], args
    assert cli(gw, "audit", "verify").returncode == 0

    # 4 holds x (sender + admin notice), the release, the internal mail, the rewrite and its notice.
    ds.sink.wait_for(8 + 1 + 1 + 2, timeout=15)
    time.sleep(0.5)
    gw.stop()

    leaks: list[str] = []
    # 1. The log file.
    log = gw.log.read_text("utf-8", "replace")
    assert "decision action=hold" in log
    leaks += [f"log: {v!r}" for v in find_values(log, numbers)]
    # 2. Every table and column of the store, except the held message itself.
    con = sqlite3.connect(gw.db)
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            cols = [r[1] for r in con.execute(f"pragma table_info({table})")]
            kinds = "kind" in cols
            for row in con.execute(f"select * from {table}"):
                record = dict(zip(cols, row, strict=True))
                if kinds and record["kind"] == "copy":
                    continue  # the message itself, queued for a recipient
                for col, value in record.items():
                    if table == "quarantine" and col == "raw":
                        continue
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    leaks += [f"{table}.{col}: {v!r}" for v in find_values(str(value), numbers)]
    finally:
        con.close()
    # 3. Everything sent that is not the message itself: notices and DSNs, decoded.
    notices = 0
    for _, rcpts, raw in ds.sink.messages:
        msg = email.message_from_bytes(raw, policy=policy.default)
        if msg["X-DLPGate-Notice"] != "yes":
            continue
        notices += 1
        text = raw.decode("utf-8", "replace") + "".join(
            p.get_content() for p in msg.walk() if p.get_content_maintype() == "text"
        )
        leaks += [f"notice to {rcpts}: {v!r}" for v in find_values(text, numbers)]
    assert notices >= 9
    # 4. The SMTP replies.
    leaks += [f"reply: {v!r}" for t in sent for v in find_values(t, numbers)]
    assert leaks == []

    # And the numbers really were there to be found: the held message and the release.
    assert any(find_values(raw.decode("utf-8", "replace"), numbers) for _, r, raw in ds.sink.messages if r == (EXT,))
