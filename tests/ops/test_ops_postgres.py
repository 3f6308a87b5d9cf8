"""PostgreSQL for several nodes: the same store code on a real server, and two gateway processes sharing it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from dlpgate.store import Outgoing, open_store
from dlpgate.types import Action, Envelope, Finding, Verdict
from tests.conftest import INTERNAL
from tests.ops.conftest import ROOT, cli
from tests.synthetic import build_message, spaced

ENV = Envelope(f"a@{INTERNAL}", ("b@partner.example.org",))
VERDICT = Verdict(
    action=Action.HOLD,
    findings=(Finding("nhs_number", "nhs_number", "message body", 2, evidence=("*** *** 1234",)),),
    sha256="0" * 64,
    message_id="<m@x>",
)
RAW = bytes(range(256)) * 4  # every byte value: bytea must keep them all


@pytest.fixture
def pg_store(pg_url):
    s = open_store(url=pg_url)
    yield s
    s.close()


def test_store_on_postgresql_keeps_bytes_and_claims_once(pg_store):
    assert pg_store.engine.dialect.name == "postgresql"
    assert pg_store.engine.dialect.driver == "psycopg"
    qid = pg_store.hold(RAW, ENV, VERDICT, [Outgoing("notice", "", (ENV.mail_from,), b"notice")])
    assert pg_store.get(qid).recipients == ENV.rcpt_tos
    assert pg_store.content(qid, "tester", "review") == RAW
    winners = []
    barrier = threading.Barrier(8)

    def claim(i: int) -> None:
        barrier.wait()
        if pg_store.claim(qid, f"admin{i}") is not None:
            winners.append(i)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1
    assert pg_store.quarantine_counts() == {"releasing": 1}
    assert pg_store.outbox_counts() == {"pending": 1}
    assert pg_store.ping()


def test_outbox_lease_gives_each_item_to_one_node(pg_url):
    a, b = open_store(url=pg_url), open_store(url=pg_url)
    try:
        a.enqueue([Outgoing("notice", "", (f"x{i}@{INTERNAL}",), b"n") for i in range(20)])
        got: list[list[int]] = [[], []]
        barrier = threading.Barrier(2)

        def take(store, out) -> None:
            barrier.wait()
            for _ in range(5):
                out.extend(item.id for item in store.due_claim(limit=4))

        threads = [threading.Thread(target=take, args=(s, out)) for s, out in ((a, got[0]), (b, got[1]))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(got[0] + got[1]) == sorted(set(got[0] + got[1]))  # nobody got an item twice
        assert len(got[0]) + len(got[1]) == 20
    finally:
        a.close()
        b.close()


def _held_id(reply: tuple[int, bytes]) -> str:
    code, text = reply
    assert code == 250 and b"Held for review as" in text, reply
    return text.decode().rsplit(" ", 1)[1]


def test_two_nodes_share_the_quarantine(pg_url, start_node, sink, nhs):
    storage = {"url": pg_url}
    a = start_node("a", storage=storage)
    b = start_node("b", storage=storage)
    ext = "patient.family@partner.example.org"
    qid = _held_id(a.send(build_message(f"NHS No: {spaced(nhs[0])}", to=ext), f"dr.jones@{INTERNAL}", [ext]))

    # The hold made on node A is on node B's list.
    listed = cli("quarantine", "list", "--json", "--config", str(b.config))
    assert listed.returncode == 0, listed.stderr
    assert qid in listed.stdout

    # Released from node B: delivered once.
    rel = cli("quarantine", "release", qid, "--reason", "consent", "--actor", "admin-b", "--config", str(b.config))
    assert rel.returncode == 0, rel.stderr
    again = cli("quarantine", "release", qid, "--reason", "again", "--config", str(a.config))
    assert again.returncode == 1
    time.sleep(0.5)
    assert len(sink.to(ext)) == 1
    assert b"released by admin-b" in sink.to(ext)[0]

    # Two releases at once, one from each node: delivered once.
    ext2 = "other.patient@partner.example.org"
    qid2 = _held_id(b.send(build_message(f"NHS No: {spaced(nhs[1])}", to=ext2), f"dr.jones@{INTERNAL}", [ext2]))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dlpgate.cli",
                "quarantine",
                "release",
                qid2,
                "--reason",
                "r",
                "--config",
                str(node.config),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for node in (a, b)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 1], outputs
    time.sleep(0.5)
    assert len(sink.to(ext2)) == 1

    # Both holds' notices, and both release notices, reached the sender (each sent
    # by one node's outbox, not both).
    sink.wait_for(6, timeout=10)
    told = sink.to(f"dr.jones@{INTERNAL}")
    assert sum(b"Message held" in m for m in told) == 2 and sum(b"Message released" in m for m in told) == 2
    assert len(told) == 4
    verify = cli("audit", "verify", "--config", str(a.config))
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr


APPENDER = """
import sys
from dlpgate.store import open_store
store = open_store(url=sys.argv[1])
for i in range(int(sys.argv[3])):
    store.audit("test_append", "writer-" + sys.argv[2], {"i": i})
store.close()
"""


def test_audit_chain_stays_intact_under_concurrent_writers(pg_url, tmp_path):
    open_store(url=pg_url).close()  # tables first, as a node's start does
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, pg_url, str(n), "50"], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for n in range(4)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[storage]\nurl = "{pg_url}"\n')
    verify = cli("audit", "verify", "--config", str(cfg))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "intact: 200 records" in verify.stdout


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://u@127.0.0.1/x", "config: storage.url must be postgresql://"),
        ("postgresql://nobody@127.0.0.1:1/none", "storage.url 127.0.0.1:1/none: cannot open the database: OperationalError"),
    ],
)
def test_an_unusable_storage_url_stops_serve_with_one_line(tmp_path, url, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[storage]\nurl = "{url}"\n[web]\nenabled = false\n')
    proc = cli("serve", "--config", str(cfg))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


def test_inspection_failures_are_counted_across_nodes_and_at_once(pg_url):
    stores = [open_store(url=pg_url) for _ in range(2)]
    try:
        barrier = threading.Barrier(8)
        counts: list[int] = []

        def note(i: int) -> None:
            barrier.wait()
            counts.append(stores[i % 2].count_inspection_failure("c" * 64, "timeout"))

        threads = [threading.Thread(target=note, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(counts) == list(range(1, 9))
    finally:
        for s in stores:
            s.close()
