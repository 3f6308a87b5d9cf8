"""The SQLite write lock: writers queue on a flock (woken at once) instead of SQLite's sleeping busy handler."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap

import pytest

from dlpgate.store import open_store

WRITER = textwrap.dedent(
    """
    import os
    import sys
    from pathlib import Path
    from dlpgate.store import open_store, write_lock_for
    store = open_store(sys.argv[1])
    if sys.argv[3] == "slow":
        lock = write_lock_for(Path(sys.argv[1]) / "dlpgate.sqlite3")
        os.close(lock._fd)
        lock._fd = None  # SQLite's busy handler alone, as before the lock
    for i in range(int(sys.argv[2])):
        store.audit("probe", sys.argv[4], {"i": i})
    store.close()
    """
)


def _held_elsewhere(lock_file) -> bool:
    """True when another open file (as another process would have) cannot take the flock now."""
    fd = os.open(lock_file, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def test_the_lock_is_held_for_the_transaction_and_let_go_after_commit_rollback_and_error(tmp_path):
    store = open_store(tmp_path)
    lock_file = tmp_path / "dlpgate.sqlite3-writelock"
    assert not _held_elsewhere(lock_file)
    with store.db.tx() as conn:
        conn.exec_driver_sql("SELECT 1")
        assert _held_elsewhere(lock_file)
    assert not _held_elsewhere(lock_file)
    with pytest.raises(RuntimeError):
        with store.db.tx():
            assert _held_elsewhere(lock_file)
            raise RuntimeError("boom")
    assert not _held_elsewhere(lock_file)
    store.audit("x", "test", {})
    assert not _held_elsewhere(lock_file)
    assert store.audit_verify().ok and len(store.audit_records()) == 1
    store.close()


@pytest.mark.parametrize("mode", ["fast", "slow"])
def test_two_processes_writing_at_once_keep_one_whole_chain(tmp_path, mode):
    """With the flock (fast) and with SQLite's busy handler only (slow): every record, one valid chain."""
    open_store(tmp_path).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "60", mode, f"writer{k}"]) for k in range(2)
    ]
    assert [p.wait(120) for p in procs] == [0, 0]
    store = open_store(tmp_path)
    records = store.audit_records()
    assert len(records) == 120
    assert sorted((r["actor"], r["data"]["i"]) for r in records) == sorted(
        (f"writer{k}", i) for k in range(2) for i in range(60)
    )
    assert store.audit_verify().ok
    store.close()
