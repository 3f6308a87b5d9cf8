"""The load generator: C connections over raw asyncio streams push N messages.

Each connection sends MAIL, RCPT and DATA pipelined, then the dot-stuffed
message, and waits for the reply. Prints one JSON object: elapsed seconds,
the DATA latencies (start of the message to the reply) and the replies that
were not 250. With RATE, the connections together offer RATE messages a
second (open loop, evenly spaced) instead of sending as fast as replies come:
latency then shows what the server adds, not how long messages queue. Usage:
python bench/load.py PORT MESSAGE_FILE CONNECTIONS COUNT [RATE [fresh]]
(RATE 0: as fast as possible; "fresh": a new connection for every message).
MESSAGE_FILE may be a folder: its *.eml files are sent in turn (a mix), each
message once before any is repeated. "rcpts=N" after RATE sends every message
to N recipients (default 1).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

SENDER = b"bench.sender@example-trust.nhs.uk"
RCPT = b"someone@partner.example.org"


def envelope_for(rcpts: int) -> bytes:
    """MAIL, N RCPTs (external addresses, so every content rule applies) and DATA, pipelined."""
    names = [RCPT] + [b"recipient%d@partner%d.example.org" % (i, i) for i in range(1, rcpts)]
    return b"MAIL FROM:<" + SENDER + b">\r\n" + b"".join(b"RCPT TO:<" + r + b">\r\n" for r in names) + b"DATA\r\n"


async def read_reply(reader: asyncio.StreamReader) -> bytes:
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("server closed the connection")
        if line[3:4] != b"-":
            return line


def payload(raw: bytes) -> bytes:
    raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if not raw.endswith(b"\r\n"):
        raw += b"\r\n"
    stuffed = raw.replace(b"\r\n.", b"\r\n..")
    if stuffed.startswith(b"."):
        stuffed = b"." + stuffed
    return stuffed + b".\r\n"


async def connection(
    port: int,
    bodies: list[bytes],
    todo: list[int],
    lat: list[float],
    bad: list[str],
    gap: float = 0.0,
    offset: float = 0.0,
    fresh: bool = False,
    rcpts: int = 1,
) -> None:
    """One client; with fresh, a new connection for every message (else one session for all)."""
    next_at = time.perf_counter() + offset
    while todo:
        await session(port, bodies, todo, lat, bad, gap, next_at, 1 if fresh else len(todo), rcpts)
        next_at = time.perf_counter() + gap if gap else next_at


async def session(
    port: int,
    bodies: list[bytes],
    todo: list[int],
    lat: list[float],
    bad: list[str],
    gap: float,
    next_at: float,
    most: int,
    rcpts: int = 1,
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    await read_reply(reader)
    writer.write(b"EHLO load.bench\r\n")
    await read_reply(reader)
    envelope = envelope_for(rcpts)
    while todo and most > 0:
        most -= 1
        body = bodies[todo.pop() % len(bodies)]
        if gap:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += gap
        writer.write(envelope)
        replies = [await read_reply(reader) for _ in range(rcpts + 2)]
        if replies[-1][:3] != b"354":
            bad.append(b" ".join(r.strip() for r in replies).decode(errors="replace")[:120])
            writer.write(b"RSET\r\n")
            await read_reply(reader)
            continue
        t0 = time.perf_counter()
        writer.write(body)
        reply = await read_reply(reader)
        lat.append(time.perf_counter() - t0)
        if reply[:3] != b"250":
            bad.append(reply.strip().decode(errors="replace")[:120])
    writer.write(b"QUIT\r\n")
    try:
        await read_reply(reader)
    except ConnectionError:
        pass
    writer.close()


def bodies_from(path: str) -> list[bytes]:
    p = Path(path)
    files = sorted(p.glob("*.eml")) if p.is_dir() else [p]
    return [payload(f.read_bytes()) for f in files]


async def main(
    port: int, path: str, conc: int, count: int, rate: float = 0.0, fresh: bool = False, rcpts: int = 1
) -> dict:
    bodies = bodies_from(path)
    todo = list(range(count))[::-1]  # popped from the end: message 0, 1, 2... in turn
    lat: list[float] = []
    bad: list[str] = []
    t0 = time.perf_counter()
    n = min(conc, count)
    gap = n / rate if rate else 0.0
    await asyncio.gather(*(connection(port, bodies, todo, lat, bad, gap, gap * i / n, fresh, rcpts) for i in range(n)))
    return {"elapsed": time.perf_counter() - t0, "latencies": lat, "bad": bad[:5], "n_bad": len(bad)}


if __name__ == "__main__":
    port, path, conc, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rate = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    fresh = "fresh" in sys.argv[6:]
    rcpts = next((int(a[6:]) for a in sys.argv[6:] if a.startswith("rcpts=")), 1)
    print(json.dumps(asyncio.run(main(port, path, conc, count, rate, fresh, rcpts))))
