"""The store cannot write: holds answer 451, never 250. A notice that cannot be
sent is kept and retried, and the held message is not affected."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from dlpgate.store import open_store
from tests.faults.faults_helpers import EXT, SENDER, send_once
from tests.synthetic import build_message, nhs_numbers, spaced


def make_read_only(path: Path) -> None:
    """A really read-only file: chmod for a normal user; root ignores modes, so chattr +i."""
    os.chmod(path, 0o444)
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("running as root and chattr +i is not available: cannot make a read-only file")


def undo_read_only(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    os.chmod(path, 0o644)


def test_read_only_database_file_holds_answer_451_never_250(tmp_path, downstream, gateway_process):
    downstream.set("smtp")
    gw = gateway_process(start=False)
    open_store(gw.sections["storage"]["path"]).close()  # the schema exists; now the file turns read-only
    make_read_only(gw.db)
    try:
        gw.start()
        nhs = nhs_numbers(3, seed=5)
        for n in nhs:
            code, text = send_once(gw.port, build_message(f"NHS number {spaced(n)}\r\n"), [EXT])
            assert code == 451 and text.startswith("4.3.0"), (code, text)
        # Fail closed: without an audit record nothing is delivered either.
        code, _ = send_once(gw.port, build_message("Clean note\r\n"), [EXT])
        assert code == 451
        time.sleep(0.3)
        assert downstream.sink.messages == []
    finally:
        gw.stop()
        undo_read_only(gw.db)
    assert gw.sql("select count(*) from quarantine") == [(0,)]
    log = gw.log.read_text()
    assert "Traceback" not in log or "readonly" in log  # logged as a store error, nothing leaked
    for n in nhs:
        assert n not in log and spaced(n) not in log


@pytest.fixture
def tiny_fs(tmp_path):
    """A 2 MB tmpfs, to fill up: a real 'disk full'. Needs mount rights (root)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): disk-full case not run")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_disk_full_holds_answer_451_never_250(tmp_path, tiny_fs, downstream, gateway_process):
    downstream.set("smtp")
    gw = gateway_process(storage={"path": str(tiny_fs / "var")})
    nhs = nhs_numbers(1, seed=6)[0]
    code, _ = send_once(gw.port, build_message(f"NHS number {spaced(nhs)}\r\n"), [EXT])
    assert code == 250  # room left: held
    with open(tiny_fs / "filler", "wb") as fh:  # fill the disk
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    big = "Referral letter.\r\n" + "x" * 200_000 + "\r\n"
    for n in nhs_numbers(3, seed=8):
        code, text = send_once(gw.port, build_message(f"NHS number {spaced(n)}\r\n{big}"), [EXT])
        assert code == 451 and text.startswith("4.3.0"), (code, text)
    os.unlink(tiny_fs / "filler")  # space again: the next hold is taken
    code, _ = send_once(gw.port, build_message(f"NHS number {spaced(nhs)}\r\n"), [EXT])
    assert code == 250
    gw.stop()
    assert gw.sql("select count(*) from quarantine where state='held'") == [(2,)]


def test_notice_that_cannot_be_sent_is_kept_and_retried_held_message_unaffected(downstream, gateway_process):
    downstream.set("down")
    gw = gateway_process()
    nhs = nhs_numbers(1, seed=12)[0]
    code, text = send_once(gw.port, build_message(f"NHS number {spaced(nhs)}\r\n"), [EXT])
    assert code == 250 and "Held" in text
    qid = text.rsplit(" ", 1)[1]
    time.sleep(1.0)  # several failed attempts
    (state, attempts), = gw.sql("select state, attempts from outbox where ref=?", qid)
    assert state == "pending" and attempts >= 1
    assert gw.sql("select state from quarantine where id=?", qid) == [("held",)]
    downstream.set("smtp")
    downstream.sink.wait_for(1, timeout=15)
    time.sleep(0.5)
    assert len(downstream.sink.to(SENDER)) == 1 and not downstream.sink.to(EXT)
    assert gw.sql("select state from outbox where ref=?", qid) == [("sent",)]
    assert gw.sql("select state from quarantine where id=?", qid) == [("held",)]
