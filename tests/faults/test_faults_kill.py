"""SIGKILL the gateway in the middle of a load sent by a retrying client.

Every message the client saw answered 250 must be delivered downstream or in
the quarantine; every other one is retried until it is. Duplicates are counted
and reported: a message the downstream accepted (or the quarantine committed)
just before the kill, whose 250 never reached the client, is sent again by the
client. SMTP cannot avoid that (RFC 1047); the count shows how often it happens.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter

from tests.faults.faults_helpers import EXT, send_retrying, tokens_in
from tests.synthetic import build_message, nhs_numbers, spaced

N = 200
CLIENTS = 8
KILL_AT = (50, 120)  # kill after this many 250s


def make_messages() -> dict[str, tuple[bytes, str]]:
    numbers = nhs_numbers(N // 5, seed=99)
    out = {}
    for i in range(N):
        token = f"load-{i:03d}"
        held = i % 5 == 0
        body = f"Patient NHS No: {spaced(numbers[i // 5])}\r\n" if held else "Minutes of the meeting attached.\r\n"
        raw = build_message(body, subject=f"Load {i}")
        msgid = f"<{token}@example-trust.nhs.uk>"
        raw = raw.replace(b"Message-ID: <", f"Message-ID: {msgid}\r\nX-Old-Message-ID: <".encode(), 1)
        out[token] = (f"X-Test-Token: {token}\r\n".encode() + raw, msgid)
    return out


def test_sigkill_mid_load_loses_nothing_and_counts_duplicates(downstream, gateway_process, capsys):
    downstream.set("smtp")
    gw = gateway_process(smtp={"workers": 2})  # a supervisor and two workers: the whole group is killed
    messages = make_messages()
    work: queue.Queue[str] = queue.Queue()
    for token in messages:
        work.put(token)
    answers: dict[str, tuple[int, str, int]] = {}
    ok = threading.Event()
    lock = threading.Lock()
    deadline = time.monotonic() + 45

    def client() -> None:
        while True:
            try:
                token = work.get_nowait()
            except queue.Empty:
                return
            res = send_retrying(gw.port, messages[token][0], [EXT], deadline, backoff=0.05)
            with lock:
                answers[token] = res
                if sum(1 for c, _, _ in answers.values() if c == 250) >= KILL_AT[-1]:
                    ok.set()

    kills = []

    def killer() -> None:
        for at in KILL_AT:
            while time.monotonic() < deadline:
                with lock:
                    done = sum(1 for c, _, _ in answers.values() if c == 250)
                if done >= at:
                    break
                time.sleep(0.005)
            gw.kill()
            kills.append(done)
            time.sleep(0.3)
            gw.start(wait=False)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)] + [threading.Thread(target=killer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert len(kills) == len(KILL_AT)
    assert len(answers) == N and all(code == 250 for code, _, _ in answers.values()), [
        (t, a) for t, a in answers.items() if a[0] != 250
    ]
    retried = sum(1 for _, _, attempts in answers.values() if attempts > 1)

    held_ids = Counter(mid for (mid,) in gw.sql("select message_id from quarantine"))
    expect_delivered = [t for t in messages if int(t[-3:]) % 5]
    downstream.sink.wait_for(len(expect_delivered), timeout=15)
    time.sleep(0.5)
    delivered = Counter(t for _, _, raw in downstream.sink.messages for t in tokens_in(raw))

    lost, duplicates = [], {}
    for token, (_, msgid) in messages.items():
        n = delivered[token] + held_ids[msgid]
        if n == 0:
            lost.append(token)
        elif n > 1:
            duplicates[token] = n - 1
    # Held messages never leak: nothing with an NHS number reached the external recipient.
    assert not any(delivered[t] for t in messages if int(t[-3:]) % 5 == 0)
    # Each hold's notice is sent or still queued (a notice leased by the killed
    # process is sent again when its lease runs out): none is lost.
    notices = gw.sql("select ref, state from outbox where kind='notice'")
    assert {ref for ref, _ in notices} >= {qid for (qid,) in gw.sql("select id from quarantine")}

    with capsys.disabled():
        print(
            f"\n[sigkill load] {N} messages, {len(KILL_AT)} kills after {kills} x 250; "
            f"{retried} retried by the client; lost {len(lost)}; duplicates {sum(duplicates.values())} "
            f"({', '.join(sorted(duplicates)) or 'none'})"
        )
    assert lost == []
    # A duplicate needs a message in flight at the moment of a kill.
    assert sum(duplicates.values()) <= CLIENTS * len(KILL_AT)
