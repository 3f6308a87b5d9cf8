"""`make bench`: dlpgate against a bare aiosmtpd relay, measured in the same run, interleaved.

Processes: a cheap sink (bench/sink.py), the gateway (`dlpgate serve`, its
supervisor and workers), the bare relay (bench/bare_relay.py) and, for each
measurement, a load generator (bench/load.py) in its own process. Besides the
synthetic sizes, one point is a real-mail mix: about 3,700 messages from the
regression set tests/realmail (bench/corpus.py realmail_mix says which and
why), each sent to 3 external recipients over 10 connections. Runs
alternate A, B, A, B... so drift on this shared machine hits both alike; the
figures that matter are the ratios. Peak RSS is VmHWM summed over the server's
process tree, reset (/proc/PID/clear_refs) before each measurement.

    .venv/bin/python bench/run.py            # full run (several minutes)
    .venv/bin/python bench/run.py --quick    # fewer messages, one round
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

PY = sys.executable
SIZES = {"5 KB": 5_000, "100 KB": 100_000, "2 MB": 2_000_000}
CONNS = (1, 10, 50)
MIX_LABEL, MIX_CONNS, MIX_RCPTS = "real mail", 10, 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"bench: a server exited at start (code {proc.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                if s.recv(100).startswith(b"220"):
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"bench: nothing answered on port {port}")


def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def cpu_ticks(pid: int) -> dict[int, int]:
    """utime + stime of each process in pid's tree."""
    out = {}
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            out[p] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return out


def cpu_idle() -> tuple[int, int]:
    """(idle + iowait, total) jiffies of the whole machine so far (/proc/stat)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    return fields[3] + fields[4], sum(fields)


def reset_peak(pid: int) -> None:
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/clear_refs", "w") as fh:
                fh.write("5")
        except OSError:
            pass


def peak_rss_mb(pid: int) -> float:
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Server:
    def __init__(self, name: str, argv: list[str], port: int, env: dict | None = None):
        self.name, self.port = name, port
        self.proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wait_port(port, self.proc)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def gateway_config(folder: Path, port: int, sink_port: int, workers: int) -> Path:
    from dlpgate.config import SmtpSettings

    have = {f.name for f in dataclasses.fields(SmtpSettings)}
    smtp = {"listen": f"127.0.0.1:{port}", "relay": f"127.0.0.1:{sink_port}", "max_message_size": 50 * 1024 * 1024}
    for key, value in (("workers", workers), ("max_connections_per_client", 1000), ("relay_tls", "none")):
        if key in have:
            smtp[key] = value
    lines = ["[smtp]"] + [f"{k} = {json.dumps(v)}" for k, v in smtp.items()]
    lines += ["[domains]", 'internal = ["example-trust.nhs.uk"]', 'secure = ["nhs.net"]']
    lines += ["[storage]", f"path = {json.dumps(str(folder / f'var{port}'))}"]
    lines += ["[notices]", 'sender = "dlpgate@example-trust.nhs.uk"']
    from dlpgate import config as config_mod

    if hasattr(config_mod, "WebSettings"):  # no web console: two gateways run side by side
        lines += ["[web]", "enabled = false"]
    path = folder / f"gateway-{port}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def start_gateway(folder: Path, sink_port: int, workers: int) -> Server:
    port = free_port()
    cfg = gateway_config(folder, port, sink_port, workers)
    return Server(f"dlpgate x{workers}", [PY, "-m", "dlpgate.cli", "serve", "--config", str(cfg)], port)


def load(
    port: int, message: Path, conns: int, count: int, rate: float = 0.0, fresh: bool = False, rcpts: int = 1
) -> dict:
    argv = [PY, str(HERE / "load.py"), str(port), str(message), str(conns), str(count), f"{rate:.3f}"]
    if fresh:
        argv.append("fresh")
    if rcpts != 1:
        argv.append(f"rcpts={rcpts}")
    out = subprocess.run(argv, capture_output=True, text=True, timeout=900)
    if out.returncode:
        raise SystemExit(f"bench: load generator failed: {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


@dataclasses.dataclass
class Figures:
    rates: list[float] = dataclasses.field(default_factory=list)
    latencies: list[float] = dataclasses.field(default_factory=list)  # at full load
    paced: list[float] = dataclasses.field(default_factory=list)  # at the offered rate
    peak_mb: float = 0.0
    bad: int = 0

    @property
    def rate(self) -> float:
        return statistics.median(self.rates) if self.rates else float("nan")


def measure(
    server: Server,
    message: Path,
    conns: int,
    count: int,
    fig: Figures,
    rate: float = 0.0,
    fresh: bool = False,
    rcpts: int = 1,
) -> None:
    reset_peak(server.proc.pid)
    res = load(server.port, message, conns, count, rate, fresh, rcpts)
    if rate:
        fig.paced.extend(res["latencies"])
    else:
        fig.rates.append(count / res["elapsed"])
        fig.latencies.extend(res["latencies"])
    fig.peak_mb = max(fig.peak_mb, peak_rss_mb(server.proc.pid))
    fig.bad += res["n_bad"]
    if res["n_bad"]:
        print(f"    {server.name}: {res['n_bad']} messages not accepted, e.g. {res['bad'][:2]}", flush=True)


def count_for(size: int, conns: int, quick: bool) -> int:
    base = {5_000: 500, 100_000: 200, 2_000_000: 30}[size]
    n = max(base, conns * (1 if size >= 2_000_000 else 4))
    return max(conns, n // 3) if quick else n


def inspection_speed(quick: bool) -> list[tuple[str, float]]:
    """MB/s of raw message per detector (on the parsed corpus) and for pipeline.inspect."""
    from dlpgate import config, mime, pipeline
    from dlpgate.types import Envelope

    settings = config.from_mapping(
        {"domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]}}, config.PROJECT_CONFIG_DIR
    )
    engine = pipeline.build_engine(settings)
    msgs = corpus.mixed(20 if quick else 40)
    total_mb = sum(map(len, msgs)) / 1e6
    env = Envelope("bench.sender@example-trust.nhs.uk", ("someone@partner.example.org",))
    parsed = [mime.parse(m, engine.limits) for m in msgs]
    rows = []
    t = time.perf_counter()
    for m in msgs:
        mime.parse(m, engine.limits)
    rows.append(("mime.parse (bytes -> text)", total_mb / (time.perf_counter() - t)))
    for det in engine.detectors:
        t = time.perf_counter()
        for p in parsed:
            det.detect(p)
        rows.append((f"detector {det.name}", total_mb / (time.perf_counter() - t)))
    t = time.perf_counter()
    for m in msgs:
        pipeline.inspect(m, env, engine)
    rows.append(("pipeline.inspect (whole)", total_mb / (time.perf_counter() - t)))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer messages, one round (about 2 minutes)")
    ap.add_argument("--rounds", type=int, default=0, help="A/B rounds per cell (default 2, quick 1)")
    args = ap.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 2)
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="dlpgate-bench-"))
    files = {}
    for label, size in SIZES.items():
        files[label] = folder / f"{size}.eml"
        files[label].write_bytes(corpus.sized(size))
    heavy = folder / "cpu-heavy.eml"
    heavy.write_bytes(corpus.cpu_heavy())
    mix = folder / "realmail"
    mix.mkdir()
    mix_msgs = corpus.realmail_mix()
    random.Random(5).shuffle(mix_msgs)  # sources and sizes spread over the run, the same order every run
    for i, (_, raw) in enumerate(mix_msgs):
        (mix / f"{i:04d}.eml").write_bytes(raw)
    mix_kb = sum(len(raw) for _, raw in mix_msgs) / len(mix_msgs) / 1000

    print(
        f"dlpgate benchmark: {os.cpu_count()} cores, {rounds} interleaved round(s) per cell{' (quick)' if args.quick else ''}",
        flush=True,
    )
    sink_port = free_port()
    servers: list[Server] = []
    try:
        sink = Server("sink", [PY, str(HERE / "sink.py"), str(sink_port)], sink_port)
        servers.append(sink)
        gw = start_gateway(folder, sink_port, 1)
        servers.append(gw)
        bare_port = free_port()
        bare = Server("bare relay", [PY, str(HERE / "bare_relay.py"), str(bare_port), str(sink_port)], bare_port)
        servers.append(bare)
        for srv in (gw, bare):  # warm up: imports, first connections
            load(srv.port, files["5 KB"], 2, 20)

        results: dict[tuple[str, int], dict[str, Figures]] = {}
        for label in SIZES:
            for conns in CONNS:
                n = count_for(SIZES[label], conns, args.quick)
                cell = {"gw": Figures(), "bare": Figures(), "sink": Figures()}
                for _ in range(rounds):
                    measure(gw, files[label], conns, n, cell["gw"])
                    measure(bare, files[label], conns, n, cell["bare"])
                # latency at half the gateway's throughput, the same offered load for all three
                rate = cell["gw"].rate / 2
                paced_n = min(n, max(conns, int(rate * (2 if args.quick else 4))))
                measure(sink, files[label], conns, paced_n, cell["sink"], rate)
                for _ in range(rounds):
                    measure(gw, files[label], conns, paced_n, cell["gw"], rate)
                    measure(bare, files[label], conns, paced_n, cell["bare"], rate)
                cell["offered"] = rate
                results[(label, conns)] = cell
                g, b = cell["gw"], cell["bare"]
                print(
                    f"  {label:>6} x{conns:<3} dlpgate {g.rate:7.1f}/s  bare {b.rate:7.1f}/s  ratio {g.rate / b.rate:5.2f}",
                    flush=True,
                )

        # real mail (tests/realmail, see corpus.realmail_mix), 3 recipients each, as one more cell
        n_mix = 500 if args.quick else 1500
        mcell = {"gw": Figures(), "bare": Figures(), "sink": Figures()}
        for _ in range(rounds):
            measure(gw, mix, MIX_CONNS, n_mix, mcell["gw"], rcpts=MIX_RCPTS)
            measure(bare, mix, MIX_CONNS, n_mix, mcell["bare"], rcpts=MIX_RCPTS)
        rate = mcell["gw"].rate / 2
        paced_n = min(n_mix, max(MIX_CONNS, int(rate * (2 if args.quick else 4))))
        measure(sink, mix, MIX_CONNS, paced_n, mcell["sink"], rate, rcpts=MIX_RCPTS)
        for _ in range(rounds):
            measure(gw, mix, MIX_CONNS, paced_n, mcell["gw"], rate, rcpts=MIX_RCPTS)
            measure(bare, mix, MIX_CONNS, paced_n, mcell["bare"], rate, rcpts=MIX_RCPTS)
        mcell["offered"] = rate
        results[(MIX_LABEL, MIX_CONNS)] = mcell
        g, b = mcell["gw"], mcell["bare"]
        print(
            f"  {MIX_LABEL} x{MIX_CONNS:<3} dlpgate {g.rate:7.1f}/s  bare {b.rate:7.1f}/s  ratio {g.rate / b.rate:5.2f}"
            f"  ({len(mix_msgs)} messages, {mix_kb:.1f} KB average, {MIX_RCPTS} recipients each)",
            flush=True,
        )

        # 2 workers against 1 on inspection-bound mail, interleaved
        gw2 = start_gateway(folder, sink_port, 2)
        servers.append(gw2)
        load(gw2.port, files["5 KB"], 2, 20)
        # persistent sessions (an MTA's connection cache), then a connection per message
        w1, w2, f1, f2 = Figures(), Figures(), Figures(), Figures()
        n_heavy = 100 if args.quick else 250
        shares: list[str] = []
        for _ in range(rounds):
            measure(gw, heavy, 10, n_heavy, w1)
            before = cpu_ticks(gw2.proc.pid)
            measure(gw2, heavy, 10, n_heavy, w2)
            used = sorted((t - before.get(p, 0) for p, t in cpu_ticks(gw2.proc.pid).items()), reverse=True)
            shares.append("/".join(f"{100 * u / max(1, sum(used)):.0f}%" for u in used[:2]))
            measure(gw, heavy, 10, n_heavy, f1, fresh=True)
            measure(gw2, heavy, 10, n_heavy, f2, fresh=True)
        # and on the real-mail mix, where per-message costs weigh more than inspection
        m1, m2 = Figures(), Figures()
        mix_shares: list[str] = []
        idle_2w: list[str] = []
        # Not shortened by --quick: under a second, the sessions' start-up weighs on the ratio.
        n_workers_mix = 1500
        for _ in range(rounds):
            measure(gw, mix, MIX_CONNS, n_workers_mix, m1, rcpts=MIX_RCPTS)
            before = cpu_ticks(gw2.proc.pid)
            idle0 = cpu_idle()
            measure(gw2, mix, MIX_CONNS, n_workers_mix, m2, rcpts=MIX_RCPTS)
            idle1 = cpu_idle()
            used = sorted((t - before.get(p, 0) for p, t in cpu_ticks(gw2.proc.pid).items()), reverse=True)
            mix_shares.append("/".join(f"{100 * u / max(1, sum(used)):.0f}%" for u in used[:2]))
            # With no idle CPU left, a second worker has nowhere to run: the ratio then says little.
            idle_2w.append(f"{100 * (idle1[0] - idle0[0]) / max(1, idle1[1] - idle0[1]):.0f}%")
        heavy_kb = heavy.stat().st_size // 1000
        insp = inspection_speed(args.quick)
    finally:
        for srv in reversed(servers):
            srv.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print()
    print("Throughput at full load (closed loop) and added latency at half the gateway's throughput (open loop;")
    print("added = start of the message to the reply, minus the sink's own p50 at the same load). Peak RSS: VmHWM of")
    print("the server's processes (dlpgate: supervisor + worker).")
    print(
        "| size | conns | dlpgate msg/s | bare msg/s | ratio | offered msg/s | dlpgate added p50 / p99 ms | bare added p50 / p99 ms | dlpgate peak RSS MB | bare peak RSS MB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (label, conns), cell in results.items():
        g, b, s = cell["gw"], cell["bare"], cell["sink"]
        base = pct(s.paced, 0.5)
        gl = [(pct(g.paced, q) - base) * 1000 for q in (0.5, 0.99)]
        bl = [(pct(b.paced, q) - base) * 1000 for q in (0.5, 0.99)]
        print(
            f"| {label} | {conns} | {g.rate:.1f} | {b.rate:.1f} | {g.rate / b.rate:.2f} | {cell['offered']:.1f} | {gl[0]:.1f} / {gl[1]:.1f} | {bl[0]:.1f} / {bl[1]:.1f} | {g.peak_mb:.0f} | {b.peak_mb:.0f} |"
        )
    print()
    print(
        f"Workers on inspection-bound mail ({heavy_kb} KB HTML + CSV, 10 connections): "
        f"1 worker {w1.rate:.1f}/s, 2 workers {w2.rate:.1f}/s, ratio {w2.rate / w1.rate:.2f} (10 sessions, many messages each); "
        f"with a new connection per message: {f1.rate:.1f}/s, {f2.rate:.1f}/s, ratio {f2.rate / f1.rate:.2f}. "
        f"CPU split between the 2 workers (10 sessions): {', '.join(shares)}; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"Workers on the real-mail mix ({MIX_CONNS} connections, {MIX_RCPTS} recipients): "
        f"1 worker {m1.rate:.1f}/s, 2 workers {m2.rate:.1f}/s, ratio {m2.rate / m1.rate:.2f}; "
        f"CPU split between the 2 workers: {', '.join(mix_shares)}; machine CPU idle meanwhile: {', '.join(idle_2w)}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print()
    print("Inspection speed (MB of raw mail per second, one thread, mixed corpus)")
    for name, mbps in insp:
        print(f"  {name:32} {mbps:8.1f} MB/s")

    def lat99(label: str, conns: int) -> float:
        cell = results[(label, conns)]
        return (pct(cell["gw"].paced, 0.99) - pct(cell["sink"].paced, 0.5)) * 1000

    def ratio(label: str, conns: int) -> float:
        cell = results[(label, conns)]
        return cell["gw"].rate / cell["bare"].rate

    mix_ratio, mix_p99 = ratio(MIX_LABEL, MIX_CONNS), lat99(MIX_LABEL, MIX_CONNS)
    targets = [
        ("single worker >= 0.9x bare relay, real-mail mix, 10 conns", mix_ratio, mix_ratio >= 0.9, "x"),
        ("p99 added latency < 20 ms, real-mail mix, 10 conns (at half load)", mix_p99, mix_p99 < 20, " ms"),
        ("2 workers >= 1.6x 1 worker, real-mail mix", m2.rate / m1.rate, m2.rate / m1.rate >= 1.6, "x"),
        ("single worker >= 1.0x bare relay, 5 KB, 10 conns", ratio("5 KB", 10), ratio("5 KB", 10) >= 1.0, "x"),
        ("single worker >= 1.5x bare relay, 100 KB, 10 conns", ratio("100 KB", 10), ratio("100 KB", 10) >= 1.5, "x"),
        ("2 workers >= 1.5x 1 worker, CPU-heavy mail, 10 sessions", w2.rate / w1.rate, w2.rate / w1.rate >= 1.5, "x"),
        (
            "2 workers >= 1.5x 1 worker, CPU-heavy mail, connection per message",
            f2.rate / f1.rate,
            f2.rate / f1.rate >= 1.5,
            "x",
        ),
        (
            "p99 added latency < 50 ms, 100 KB, 10 conns (at half load)",
            lat99("100 KB", 10),
            lat99("100 KB", 10) < 50,
            " ms",
        ),
        (
            "peak RSS < 400 MB, 50 conns x 2 MB",
            results[("2 MB", 50)]["gw"].peak_mb,
            results[("2 MB", 50)]["gw"].peak_mb < 400,
            " MB",
        ),
        ("stretch: >= 1.0x bare relay at 2 MB, 10 conns", ratio("2 MB", 10), ratio("2 MB", 10) >= 1.0, "x"),
    ]
    print()
    for name, value, ok, unit in targets:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {value:.2f}{unit}")
    bad = sum(c[k].bad for c in results.values() for k in ("gw", "bare", "sink"))
    bad += w1.bad + w2.bad + f1.bad + f2.bad + m1.bad + m2.bad
    if bad:
        print(f"  note: {bad} messages were not accepted (see above)")
    print(f"\n(total time {time.monotonic() - started:.0f} s, load average at the end {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
