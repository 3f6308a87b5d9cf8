"""Prometheus metrics, the health endpoint and JSON decision logs, from a real `dlpgate serve`."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from dlpgate import logs
from dlpgate.health import OpsServer
from dlpgate.store import open_store
from tests.conftest import INTERNAL, free_port
from tests.synthetic import build_message, spaced

SENDER = f"dr.jones@{INTERNAL}"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode()
        exc.close()
        return exc.code, body


def metric(text: str, name: str, **labels) -> float | None:
    want = name + ("{" + ",".join(f'{k}="{v}"' for k, v in sorted(labels.items())) + "}" if labels else "")
    for line in text.splitlines():
        if line.startswith(want + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics_health_and_json_logs(start_node, sink, nhs):
    mport = free_port()
    node = start_node(smtp={"workers": 2}, metrics={"listen": f"127.0.0.1:{mport}"}, logging={"format": "json"})
    ext = "patient@partner.example.org"
    webmail = ["a.patient@gmail.com", "b.patient@hotmail.co.uk"]
    assert node.send(build_message("Clinic moved to Tuesday.", to=ext), SENDER, [ext])[0] == 250
    code, text = node.send(build_message(f"NHS No: {spaced(nhs[0])} and {nhs[1]}", to=ext), SENDER, [ext])
    assert b"Held" in text
    assert node.send(build_message("Newsletter", to=", ".join(webmail)), SENDER, webmail)[0] == 250
    sink.wait_for(4)

    status, body = get(f"http://127.0.0.1:{mport}/metrics")
    assert status == 200
    assert metric(body, "dlpgate_messages_total", action="deliver") == 1
    assert metric(body, "dlpgate_messages_total", action="hold") == 1
    assert metric(body, "dlpgate_messages_total", action="rewrite") == 1
    assert metric(body, "dlpgate_rule_hits_total", action="hold", rule="health_identifier_external") == 1
    assert metric(body, "dlpgate_rule_hits_total", action="rewrite", rule="exposed_recipients") == 1
    assert metric(body, "dlpgate_inspection_seconds_count") == 3
    assert metric(body, "dlpgate_quarantine_messages", state="held") == 1
    assert metric(body, "dlpgate_notices", state="failed") == 0
    assert metric(body, "dlpgate_notices", state="pending") is not None
    assert metric(body, "dlpgate_store_up") == 1
    assert "dlpgate_release_requests" in body

    status, body = get(f"http://127.0.0.1:{mport}/healthz")
    assert (status, body) == (200, "ok\n")

    # Downstream gone: relay errors are counted, the message is not lost (451).
    sink.data_reply = "451 4.3.0 try later"
    assert node.send(build_message("Another clinic note.", to=ext), SENDER, [ext])[0] == 451
    _, body = get(f"http://127.0.0.1:{mport}/metrics")
    assert metric(body, "dlpgate_relay_errors_total", status="temp") >= 1

    out = node.output()
    decisions = [json.loads(line) for line in out.splitlines() if '"decision"' in line]
    assert {d["action"] for d in decisions} >= {"deliver", "hold", "rewrite"}
    hold = next(d for d in decisions if d["action"] == "hold")
    assert hold["rules"] == ["health_identifier_external"]
    assert hold["findings"] == {"nhs_number": 2}
    assert hold["reply"] == "250" and hold["external"] == 1
    for line in out.splitlines():
        json.loads(line)  # every line is JSON
    for secret in (nhs[0], spaced(nhs[0]), nhs[1], *webmail, ext):
        assert secret not in out


class DownStore:
    """A store whose database does not answer."""

    def ping(self) -> bool:
        return False

    def quarantine_counts(self):
        raise ConnectionError("database down")


def test_health_is_503_when_the_listener_or_the_store_is_down(tmp_path):
    store = open_store(tmp_path)
    closed = f"127.0.0.1:{free_port()}"  # nothing listens here
    for ops_store, reason in ((store, "smtp listener not answering"), (DownStore(), "store not answering")):
        ops = OpsServer(f"127.0.0.1:{free_port()}", closed, ops_store)
        ops.start()
        try:
            status, body = get(f"http://127.0.0.1:{ops.port}/healthz")
            assert status == 503 and reason in body
            status, body = get(f"http://127.0.0.1:{ops.port}/metrics")
            assert status == 200
            assert ("dlpgate_store_up 0.0" in body) == (ops_store is not store)
        finally:
            ops.stop()
    store.close()


def test_json_formatter_uses_fields_and_never_needs_the_message(capsys):
    import io

    buf = io.StringIO()
    logs.setup("json", "info", stream=buf)
    try:
        logging.getLogger("dlpgate").info("decision x", extra={"fields": {"event": "decision", "action": "hold"}})
        logging.getLogger("dlpgate").warning("plain %s", "line")
    finally:
        logging.getLogger().handlers.clear()
    first, second = (json.loads(x) for x in buf.getvalue().splitlines())
    assert first["event"] == "decision" and first["action"] == "hold" and "msg" not in first
    assert second["msg"] == "plain line" and second["level"] == "warning"


def test_store_gauges_count_held_mail_notices_and_release_requests(tmp_path):
    from sqlalchemy import insert

    from dlpgate import metrics
    from dlpgate.store import Outgoing
    from dlpgate.store.schema import metadata

    store = open_store(tmp_path)
    try:
        store.enqueue([Outgoing("notice", "", (SENDER,), b"n"), Outgoing("notice", "", (SENDER,), b"n")])
        table = metadata.tables["release_requests"]
        with store.engine.begin() as conn:
            for i, state in enumerate(("pending", "pending", "approved")):
                conn.execute(
                    insert(table).values(
                        token_id=f"t{i}", qid="q", sender=SENDER, justification="j", state=state, created=0.0
                    )
                )
        body = metrics.render(metrics.registry(store)).decode()
        assert metric(body, "dlpgate_release_requests", state="pending") == 2
        assert metric(body, "dlpgate_release_requests", state="approved") == 1
        assert metric(body, "dlpgate_notices", state="pending") == 2
        assert metric(body, "dlpgate_quarantine_messages", state="held") == 0
    finally:
        store.close()


def test_json_errors_name_the_exception_but_never_quote_its_text():
    import io

    buf = io.StringIO()
    logs.setup("json", "info", stream=buf)
    try:
        value = "40102" + "32137x"  # as a detected value would be: data, not source text
        try:
            int(value)
        except ValueError:
            logging.getLogger("dlpgate").exception("inspection failed")
    finally:
        logging.getLogger().handlers.clear()
    line = json.loads(buf.getvalue())
    assert line["error"] == "ValueError" and "test_ops_metrics.py" in line["traceback"]
    assert "4010232137" not in buf.getvalue()


def test_a_metrics_port_in_use_stops_serve_with_one_line(tmp_path):
    import socket

    from tests.ops.conftest import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        cfg = tmp_path / "c.toml"
        cfg.write_text(
            f'[smtp]\nlisten = "127.0.0.1:{free_port()}"\n[storage]\npath = "{tmp_path}"\n'
            f'[metrics]\nlisten = "127.0.0.1:{port}"\n[web]\nenabled = false\n'
        )
        proc = cli("serve", "--config", str(cfg))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "metrics.listen" in lines[0], proc.stderr
