"""A real Postfix in front of dlpgate: after-queue content_filter out, reinjection listener back, then a final sink.

    client -> Postfix submission (port A, content_filter=dlpgate:[127.0.0.1]:G)
           -> dlpgate (port G) -> Postfix reinjection (port R, no filter)
           -> relayhost [127.0.0.1]:S, the test's aiosmtpd sink

The Postfix instance is Debian's postfix, run from a temporary folder with its
own main.cf, master.cf, queue and log (`postfix -c DIR start`).
"""

from __future__ import annotations

import os
import shutil
import smtplib
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import INTERNAL, free_port
from tests.synthetic import build_message, nhs_numbers, spaced

SENDER = f"dr.jones@{INTERNAL}"

MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {dir}/spool
data_directory = {dir}/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mta.example-trust.nhs.uk
mydomain = example-trust.nhs.uk
myorigin = $mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
# Everything (internal and external) goes to the test's final sink.
relayhost = [127.0.0.1]:{sink}
smtp_host_lookup = native
smtp_tls_security_level = none
alias_maps =
alias_database =
local_recipient_maps =
maillog_file = {dir}/maillog
maillog_file_prefixes = {dir}
"""

AFTER_QUEUE = """\
# submission from staff: every message goes through dlpgate (after-queue)
127.0.0.1:{submit} inet n - n - - smtpd
  -o content_filter=dlpgate:[127.0.0.1]:{gateway}
"""

BEFORE_QUEUE = """\
# submission from staff: sessions proxied to dlpgate as they happen (before-queue)
127.0.0.1:{submit} inet n - n - 10 smtpd
  -o smtpd_proxy_filter=127.0.0.1:{gateway}
  -o smtpd_proxy_timeout=60s
  -o content_filter=
"""

MASTER_CF = """\
# reinjection from dlpgate: no filter here, or mail would loop
127.0.0.1:{reinject} inet n - n - 10 smtpd
  -o content_filter=
  -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks,no_milters
  -o smtpd_relay_restrictions=permit_mynetworks,reject
  -o mynetworks=127.0.0.0/8
dlpgate   unix  -       -       n       -       4       smtp
  -o smtp_send_xforward_command=yes
  -o disable_mime_output_conversion=yes
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


class Postfix:
    def __init__(self, sink_port: int, gateway_port: int, mode: str = "after"):
        if not shutil.which("postfix") and not Path("/usr/sbin/postfix").exists():
            pytest.fail("Postfix is not installed: run `make test` (tests/system-packages.txt lists postfix)")
        if os.geteuid() != 0:
            pytest.skip("a Postfix instance needs root to start (its daemons drop to the postfix user)")
        self.dir = Path(tempfile.mkdtemp(prefix="dlpgate-postfix-"))
        self.dir.chmod(0o755)  # the postfix user must reach the queue
        self.submit, self.reinject = free_port(), free_port()
        etc = self.dir / "etc"
        etc.mkdir(mode=0o755)
        (self.dir / "spool").mkdir(mode=0o755)
        (self.dir / "data").mkdir(mode=0o700)
        shutil.chown(self.dir / "data", "postfix")
        fill = {
            "dir": self.dir,
            "sink": sink_port,
            "submit": self.submit,
            "gateway": gateway_port,
            "reinject": self.reinject,
        }
        (etc / "main.cf").write_text(MAIN_CF.format(**fill))
        submit = AFTER_QUEUE if mode == "after" else BEFORE_QUEUE
        (etc / "master.cf").write_text((submit + MASTER_CF).format(**fill))
        self.etc = etc
        self.run("check")
        self.run("start")
        end = time.monotonic() + 20
        while time.monotonic() < end:
            try:
                with smtplib.SMTP("127.0.0.1", self.submit, timeout=5) as s:
                    s.noop()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("Postfix did not start listening:\n" + self.log())

    def run(self, command: str) -> None:
        proc = subprocess.run(
            ["/usr/sbin/postfix", "-c", str(self.etc), command], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, f"postfix {command} failed: {proc.stderr}\n{self.log()}"

    def log(self) -> str:
        path = self.dir / "maillog"
        return path.read_text(errors="replace") if path.exists() else "(no maillog)"

    def send(self, raw: bytes, rcpts: list[str]) -> tuple[int, bytes]:
        with smtplib.SMTP("127.0.0.1", self.submit, timeout=30) as client:
            client.ehlo("workstation.example-trust.nhs.uk")
            client.mail(SENDER)
            for r in rcpts:
                client.rcpt(r)
            return client.data(raw)

    def stop(self) -> None:
        subprocess.run(["/usr/sbin/postfix", "-c", str(self.etc), "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def start_postfix(sink, make_gateway):
    started = []

    def factory(mode: str = "after", **sections) -> Postfix:
        gateway_port = free_port()
        instance = Postfix(sink.port, gateway_port, mode)
        started.append(instance)
        smtp = {"listen": f"127.0.0.1:{gateway_port}", "relay": f"127.0.0.1:{instance.reinject}"}
        instance.gateway = make_gateway(smtp=smtp, **sections)
        return instance

    yield factory
    for instance in started:
        instance.stop()


def wait_for(cond, timeout: float, log) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.1)
    raise AssertionError("timed out; Postfix log:\n" + log())


def test_mixed_verdicts_through_postfix(start_postfix, sink, nhs):
    postfix = start_postfix("after")
    clean_to = "colleague@partner.example.org"
    held_to = "patient.family@partner.example.org"
    exposed = ["a.patient@gmail.com", "b.patient@hotmail.co.uk", "c.patient@yahoo.co.uk"]
    number = spaced(nhs[0])
    postfix.send(build_message("Clinic moved to Tuesday.", subject="clean", to=clean_to), [clean_to])
    postfix.send(build_message(f"NHS No: {number}, seen today.", subject="referral", to=held_to), [held_to])
    postfix.send(build_message("Support group meets Friday.", subject="group", to=", ".join(exposed)), exposed)

    def arrived() -> bool:
        return (
            sink.to(clean_to)
            and all(sink.to(a) for a in exposed)
            and len(sink.to(SENDER)) >= 2  # the hold notice and the rewrite notice
        )

    wait_for(arrived, 60, postfix.log)
    time.sleep(0.5)

    # Clean: delivered once, through both Postfix listeners, marked by dlpgate.
    [clean] = sink.to(clean_to)
    assert b"X-DLPGate-Action: deliver" in clean
    assert clean.count(b"Received: from") >= 2

    # NHS number to an external address: held, never delivered; the sender is told, without the number.
    assert sink.to(held_to) == []
    [held] = postfix.gateway.store.list()
    assert held.recipients == (held_to,) and held.rules == ("health_identifier_external",)
    notices = sink.to(SENDER)
    hold_notice = next(n for n in notices if held.id.encode() in n)
    assert nhs[0].encode() not in hold_notice and number.encode() not in hold_notice

    # Exposed recipients: each still gets it, but nobody sees the others' addresses.
    for addr in exposed:
        copies = sink.to(addr)
        assert len(copies) == 1
        headers = copies[0].split(b"\r\n\r\n", 1)[0]
        for other in exposed:
            assert other.encode() not in headers


def test_before_queue_proxy_gives_the_client_dlpgates_own_reply(start_postfix, sink, nhs):
    postfix = start_postfix("before", rules={"reject_hc": {"kinds": ["hc_number"], "action": "reject"}})
    clean_to = "colleague@partner.example.org"
    held_to = "patient.family@partner.example.org"
    code, _ = postfix.send(build_message("Clinic moved to Tuesday.", subject="clean", to=clean_to), [clean_to])
    assert code == 250
    code, text = postfix.send(build_message(f"NHS No: {spaced(nhs[0])}", subject="referral", to=held_to), [held_to])
    assert code == 250 and b"Held for review as" in text  # dlpgate's reply, passed through by Postfix
    hc = nhs_numbers(1, prefix_range=(320, 399))[0]
    code, text = postfix.send(build_message(f"H&C number: {spaced(hc)}", subject="hc", to=held_to), [held_to])
    wait_for(lambda: sink.to(clean_to) and sink.to(SENDER), 60, postfix.log)
    assert code == 550 and b"reject_hc" in text, (code, text)
    time.sleep(0.5)
    assert sink.to(held_to) == []
    assert [h.recipients for h in postfix.gateway.store.list()] == [(held_to,)]
