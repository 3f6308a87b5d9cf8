"""Issue 12, defect 10: held mail is not readable by other local users.

`dlpgate serve` started with umask 000 (the worst case: files would be 0666)
still makes the storage folder 0700, the SQLite database and its -wal/-shm
files 0600, and the dir: relay's folder and files 0700/0600. A store left
behind by an older version with 0755/0644 is tightened at start.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import write_config
from tests.ops.conftest import ROOT, base_config, wait_smtp
from tests.security.smtp_raw import RawSMTP
from tests.synthetic import build_message, spaced

SENDER = "dr.jones@example-trust.nhs.uk"
EXT = "someone@partner.example.org"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _serve(config: Path, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "dlpgate.cli", "serve", "--config", str(config)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            umask=0o000,
        )


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_store_and_outbox_files_are_private_whatever_the_umask(tmp_path, nhs):
    var = tmp_path / "var"
    outbox = tmp_path / "outbox"
    settings = base_config(tmp_path, 1, smtp={"relay": f"dir:{outbox}", "workers": 1})
    config = write_config(tmp_path / "gw.toml", settings)
    proc = _serve(config, tmp_path / "gw.log")
    try:
        port = int(settings["smtp"]["listen"].rsplit(":", 1)[1])
        wait_smtp(port, proc=proc)
        with RawSMTP(port) as c:
            assert c.send(SENDER, [EXT], build_message("plain\r\n")).startswith(b"250")
        with RawSMTP(port) as c:
            assert b"Held" in c.send(SENDER, [EXT], build_message(f"NHS No: {spaced(nhs[0])}\r\n"))
        time.sleep(0.3)
        assert mode(var) == 0o700
        db = var / "dlpgate.sqlite3"
        files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
        for f in files:
            assert f.exists(), f
            assert mode(f) == 0o600, (f, oct(mode(f)))
        assert mode(outbox) == 0o700
        emls = list(outbox.glob("*.eml"))
        assert emls
        for f in emls:
            assert mode(f) == 0o600, (f, oct(mode(f)))
        others = [p for p in var.rglob("*") if mode(p) & 0o077]
        assert not others, others
    finally:
        _stop(proc)


def test_an_existing_open_store_is_tightened_at_start(tmp_path):
    from dlpgate.store import open_store

    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    os.chmod(var, 0o755)
    store = open_store(var)
    store.close()
    db = var / "dlpgate.sqlite3"
    os.chmod(db, 0o644)
    os.chmod(var, 0o755)
    open_store(var).close()
    assert mode(var) == 0o700 and mode(db) == 0o600
