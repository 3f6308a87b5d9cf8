"""Bare ten-digit numbers a message's trade explains (detectors.trade): a buyer's terse chase
to a supplier's orders mailbox, a reply whose Subject is the order number, a bounce returning
a supplier's own headers. Each with the patient's twin that must still be held."""

from __future__ import annotations

from dlpgate import pipeline, policy
from dlpgate.config import DEFAULT_RULES
from dlpgate.detectors import build_all, recogniser
from dlpgate.types import Action, DetectorContext, Envelope, ParsedMessage, Segment
from tests.detectors.test_number_lists import CONFIG
from tests.formats.docs import engine
from tests.synthetic import nhs_numbers, spaced

CTX = DetectorContext(internal_domains=("example-trust.nhs.uk",), config_dir=CONFIG)
DETECTORS = [d for d in build_all({}, CTX) if isinstance(d, recogniser.NumberDetector)]
RULES = list(DEFAULT_RULES.values())
PO, PO2 = nhs_numbers(2, seed=3401, prefix_range=(450, 459))  # SAP's purchase orders start 45
OTHER = nhs_numbers(1, seed=3402, prefix_range=(600, 699))[0]
LIST = nhs_numbers(5, seed=3403, prefix_range=(450, 459))


def held(body: str, subject: str = "chasing", to: str = "orders@orthoimplants.example.com") -> bool:
    message = ParsedMessage(
        segments=(Segment(subject, "subject"), Segment(body, "message body")),
        from_=("dawn.fletcher@example-trust.nhs.uk",), to=(to,), subject=subject,
    )
    findings = [f for d in DETECTORS for f in d.detect(message)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


CHASE = "Hi, still waiting for {n} - theatre list is Thursday, can you advise delivery date? Thanks Dawn\n\nSent from my iPhone"


def test_a_terse_chase_to_an_orders_mailbox_is_about_an_order() -> None:
    assert not held(CHASE.format(n=PO))
    assert not held(CHASE.format(n=OTHER), to="sales.uk@orthoimplants.example.com")  # the mailbox and a word


def test_a_bare_number_beside_a_patient_or_anyones_health_is_not_made_weaker() -> None:
    assert held(CHASE.format(n=PO).replace("theatre list", "the patient's theatre list"))
    assert held(CHASE.format(n=PO).replace("theatre list is", "her op is"))
    assert held(CHASE.format(n=PO).replace("theatre list", "his insulin"))


def test_without_a_trade_mailbox_one_trade_word_is_not_enough() -> None:
    assert held(CHASE.format(n=PO), to="lee.carter@orthoimplants.example.com")
    assert held("Still waiting for " + PO + ", can you let me know?", to="orders@orthoimplants.example.com")


def test_a_reply_whose_subject_is_the_order_number() -> None:
    body = ("Hi Lee,\n\nThat's great, thanks. Can you send the delivery note over once it's on the van? Goods In close"
            f" at 4.\n\nDawn\n\nFrom: Lee Carter <orders@orthoimplants.example.com>\nSubject: {PO}\n\n"
            "Hi Dawn, this is on tomorrow's delivery. Lee")
    assert not held(body, subject=f"RE: {PO}")
    # to a person rather than a mailbox: three trade words and a purchase order's prefix still say so
    assert not held(body, subject=f"RE: {PO}", to="lee.carter@orthoimplants.example.com")
    assert held(body.replace("Goods In close at 4", "Mrs Example is waiting"), subject=f"RE: {PO}")


def test_a_list_of_numbers_that_all_pass_is_still_weighed_as_a_list() -> None:
    # the list signal speaks for the numbers: they are not bare
    assert held("Hi, still waiting on delivery for these:\n\n" + "\n".join(LIST) + "\n\nThanks")


def test_a_labelled_health_number_in_trade_mail_is_held() -> None:
    assert held(f"Delivery for NHS no {PO} please, the van can come to Goods In.")


DSN = """From: MAILER-DAEMON@mx01.example-trust.nhs.uk (Mail Delivery System)
To: {to}
Subject: Undelivered Mail Returned to Sender
Message-Id: <20240313080211.1B2C3E0555@mx01.example-trust.nhs.uk>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="XyZ-0412"

--XyZ-0412
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered to one or more recipients.

<theatre.stores.old@example-trust.nhs.uk>: 550 5.1.1 User unknown

--XyZ-0412
Content-Type: message/delivery-status

Reporting-MTA: dns; mx01.example-trust.nhs.uk

Final-Recipient: rfc822; theatre.stores.old@example-trust.nhs.uk
Action: failed
Status: 5.1.1

--XyZ-0412
Content-Type: text/rfc822-headers

From: Lee Carter <{sender}>
To: theatre.stores.old@example-trust.nhs.uk
Subject: {subject}
Message-ID: <a1b2c3d4e5@orthoimplants.example.com>

--XyZ-0412--
"""


def bounced(subject: str, to: str = "lee.carter@orthoimplants.example.com", sender: str = "") -> Action:
    raw = DSN.format(to=to, sender=sender or to, subject=subject).replace("\n", "\r\n").encode()
    return pipeline.inspect(raw, Envelope("", (to,)), engine()).action


def test_a_bounce_returning_the_senders_own_headers_tells_them_nothing_new() -> None:
    assert bounced(OTHER) is Action.DELIVER
    # the returned headers are someone else's: weighed as written
    assert bounced(OTHER, sender="someone.else@partner.example.org") is Action.HOLD
    # a health number's label in the returned Subject is still the label
    assert bounced(f"NHS no {OTHER}") is Action.HOLD


def paid(body: str, subject: str, sender: str = "creditors.ledger@example-trust.nhs.uk",
         to: str = "k.osei@surgical-supplies.example.com", name: str = "") -> bool:
    segments = [Segment(subject, "subject"), Segment(body, "message body")]
    if name:
        segments.append(Segment(name, f"file name of attachment {name}"))
    message = ParsedMessage(segments=tuple(segments), from_=(sender,), to=(to,), subject=subject)
    findings = [f for d in DETECTORS for f in d.detect(message)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


PAID = ("Hello Kofi,\n\nWe settled this one by BACS on 14/10, so it should not show as overdue on your statement."
        "\n\nRegards\nPurchase Ledger\n\n-----Original Message-----\nSubject: {n}\n\nPlease advise when payment "
        "will be made.")


def test_a_reply_from_the_trusts_ledger_about_a_payment_whose_subject_is_the_number() -> None:
    # from an accounts mailbox, words of paying (not of goods): the number is the supplier's invoice's
    assert not paid(PAID.format(n=OTHER), subject=f"RE: {OTHER}")
    # a file named only by the number, under a payment's subject
    assert not paid("Please see the attached payment advice.", "Payment advice - BACS run 77", name=f"{OTHER}.pdf")
    # the same reply from a person, or about a patient, is still weighed as before
    assert paid(PAID.format(n=OTHER), subject=f"RE: {OTHER}", sender="kofi.mensah@example-trust.nhs.uk")
    assert paid(PAID.format(n=OTHER).replace("so it should", "for Mrs Example's wheelchair, so it should"),
                subject=f"RE: {OTHER}")


# A machine's report: monitoring alerts, cron's output, a job's mail. Fields, log lines and rows of
# figures, no one spoken to; its bare numbers are its own counts and ids.
M1, M2, M3 = nhs_numbers(3, seed=3404, prefix_range=(600, 799))
GRAFANA = ("[FIRING:1] Archive free space low (store-03)\nValue: B={a}, C=1\nLabels:\nalertname = Archive free space low\n"
           "instance = store-03:9100\nmountpoint = /archive/tier1\nAnnotations:\ndescription = Free bytes on /archive/tier1 "
           "= {a} (below 5% of 92 TiB)\nFingerprint {b} \u00b7 Sent by Grafana v10.4.1\n")
DATADOG = ("[Triggered on {{host:tie-prod-01}}] Interface engine queue depth > 500\n\nqueue.depth over host:tie-prod-01 was "
           "> 500.0 on average during the last 5m.\nCurrent value: 1,412 messages (threshold 500)\n\nMonitor ID: 141873022"
           "   Org: {a}   Event ID: 7501289441266714113\nNotified: @sre@msp.example.co.uk\n")
DF = ("==> nightly rsync /srv/docstore -> dr01:/backup/docstore\nNumber of files: 4,187,733 (reg: 4,102,218)\n"
      "Total bytes received: 62,118\n\n==> df -i /backup\nFilesystem            Inodes     IUsed      IFree IUse% Mounted on\n"
      "/dev/mapper/vg0-bak {a} 418773312 {b}   10% /backup\n\n==> finished 2024-04-11T03:58:12+01:00 exit 0\n")


def report(body: str, html: bool = False, to: str = "support@vendor.example.com") -> bool:
    message = ParsedMessage(
        segments=(Segment("Alert", "subject"), Segment(body, "message body (html)" if html else "message body")),
        from_=("alerts@example-trust.nhs.uk",), to=(to,), subject="Alert",
    )
    findings = [f for d in DETECTORS for f in d.detect(message)]
    return policy.decide(findings, RULES, True)[0] == Action.HOLD


def test_a_machines_report_writes_its_own_counts_and_ids_bare() -> None:
    assert not report(GRAFANA.format(a=M1, b=M2), html=True)
    assert not report(DATADOG.format(a=M1))
    assert not report(DF.format(a=M1, b=M2))
    assert not report(f"sftp: upload \"/ap/outbound/CN_{M1}_SUPPLYCHAIN_20240411.pdf\" failed: Permission denied\n"
                      f"sftp: upload \"/ap/outbound/LOG_{M2}_COURIER_20240411.pdf\" failed: Permission denied\n"
                      "2024-04-11T04:10:02+01:00 ap_push: 187 files, 185 uploaded, 2 failed\n")


def test_a_machines_report_that_speaks_of_health_or_groups_a_number_as_people_do_is_weighed_as_before() -> None:
    # a health term, a patient's word, a date of birth anywhere in the message
    assert report(GRAFANA.format(a=M1, b=M2).replace("Archive free space", "Sickle cell screening upload"), html=True)
    assert report(DATADOG.format(a=M1).replace("Interface engine", "Patient index"))
    assert report(DF.format(a=M1, b=M2).replace("/backup\n\n", "/backup\nreason = PID-7 date of birth invalid\n\n"))
    # an NHS number's grouping, or its label
    assert report(DATADOG.format(a=spaced(M1)))
    assert report(DATADOG.format(a=M1).replace("Org:", "NHS No:"))


def test_a_person_writing_a_bare_number_is_not_a_machines_report() -> None:
    assert report(f"can you check {M1}")
    assert report(f"Hi Lee,\n\nCan you check this one: {M1}\n\nThanks\nDawn\nTel: 0161 496 0000\nExt: 4412\n"
                  "Web: www.example-trust.nhs.uk\n")
    assert report(f"{M1}\n\nDawn Example\nAdmin Officer\nOutpatients\n")
    # a few fields from a person: a note over them
    assert report(f"Please chase:\n\nRef: 12\nNumber: {M1}\nDate: 11/04/2024\n")
