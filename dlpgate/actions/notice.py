"""Notices to senders and admins. Pure: they are built here and sent by the outbox.

A notice says what kind of data was found, how much and where, and why the
message was held. It never quotes a detected value, a health term or another
recipient's address, and it quotes the Subject only when nothing was found there.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from dlpgate.report import finding_rows
from dlpgate.types import Envelope, Verdict

KIND_LABELS = {
    "nhs_number": ("NHS number", "NHS numbers"),
    "chi_number": ("CHI number", "CHI numbers"),
    "hc_number": ("H&C number", "H&C numbers"),
    "health_terms": ("health term", "health terms"),
    "patient_identifier": ("patient identifier (date of birth or hospital number)", "patient identifiers (dates of birth or hospital numbers)"),
    "unscannable": ("part that could not be scanned", "parts that could not be scanned"),
    "exposed_recipients": ("visible external recipient", "visible external recipients"),
}

RULE_REASONS = {
    "health_identifier_external": "NHS, CHI or H&C numbers were going to a recipient outside the organisation.",
    "patient_health_data_external": "Health information about an identifiable patient was going outside the organisation.",
    "unscannable_external": "Content that could not be scanned (encrypted, damaged or too large) was going outside the organisation.",
    "exposed_recipients": "Many external recipients could see each other's addresses.",
}

# C0 and C1 controls (NEL \x85 is a line break to Unicode) and the Unicode line/paragraph separators.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def safe_text(text: str, limit: int = 120) -> str:
    """Sender-controlled text made safe for one header or body line."""
    return _UNSAFE.sub(" ", text).strip()[:limit]


def describe(kind: str, count: int) -> str:
    one, many = KIND_LABELS.get(kind, (kind.replace("_", " "), kind.replace("_", " ")))
    return f"{count} {one if count == 1 else many}"


def findings_lines(verdict: Verdict) -> list[str]:
    """One line per place: "attachment list.csv: 12 NHS numbers, 12 patient identifiers"."""
    places: dict[str, list[str]] = {}
    for row in finding_rows(verdict):
        text = describe(row["kind"], row["count"])
        if row["kind"] == "unscannable" and row.get("categories"):
            text += f" ({', '.join(c.replace('_', ' ') for c in row['categories'])})"
        places.setdefault(safe_text(row["where"]), []).append(text)
    return [f"{where}: {', '.join(items)}" for where, items in places.items()]


def subject_for_notice(verdict: Verdict) -> str:
    if any(f.where == "subject" for f in verdict.findings):
        return "(subject not shown: it contains flagged content)"
    return f'"{safe_text(verdict.subject)}"' if verdict.subject else "(no subject)"


def notice_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = safe_text(subject, 200)
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "dlpgate.local")
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-DLPGate-Notice"] = "yes"
    msg.set_content(body, cte="8bit")
    return msg


def _reasons(verdict: Verdict) -> list[str]:
    return [f"  - {name}: {RULE_REASONS.get(name, 'a policy rule matched.')}" for name in verdict.acting_rules]


def hold_notice(
    qid: str, envelope: Envelope, verdict: Verdict, notice_from: str, retention_days: int = 30, request_url: str = ""
) -> bytes:
    n = len(envelope.rcpt_tos)
    ext = len(verdict.external_recipients)
    lines = [
        "Your message has NOT been sent. It is held for review.",
        "",
        f"Quarantine ID: {qid}",
        f"Message: {subject_for_notice(verdict)}, to {n} recipient{'s' if n != 1 else ''}"
        f" ({ext} outside the organisation).",
        "",
        "What was found:",
        *[f"  - {line}" for line in findings_lines(verdict)],
        "",
        "Why it was held:",
        *_reasons(verdict),
        "",
        "What to do next:",
        "  - If it was sent to the wrong people, or should not contain patient data, do nothing:",
        f"    it will be deleted after {retention_days} days. Send a corrected message instead.",
        "  - If it must go as it is, send it through a secure route (for example from an nhs.net",
        "    account to an nhs.net or other secure address), or ask for it to be released.",
    ]
    if request_url:
        lines += ["", "Ask for release (you will be asked for a justification):", f"  {request_url}"]
    else:
        lines += [f"    To ask for release, contact your information governance team quoting {qid}."]
    lines += ["", "This notice does not repeat the data that was found.", ""]
    return notice_message(notice_from, envelope.mail_from, f"Message held: {qid}", "\n".join(lines)).as_bytes()


def admin_notice(qid: str, envelope: Envelope, verdict: Verdict, notice_from: str, admins: tuple[str, ...]) -> bytes:
    lines = [
        f"A message was held: {qid}",
        "",
        f"Sender: {safe_text(envelope.mail_from, 254)}",
        f"Recipients: {len(envelope.rcpt_tos)} ({len(verdict.external_recipients)} external)",
        f"Rules: {', '.join(verdict.acting_rules)}",
        "",
        "What was found:",
        *[f"  - {line}" for line in findings_lines(verdict)],
        "",
        f"Review it with: dlpgate quarantine show {qid}",
        "",
    ]
    return notice_message(notice_from, ", ".join(admins), f"Held for review: {qid}", "\n".join(lines)).as_bytes()


def rewrite_notice(envelope: Envelope, verdict: Verdict, notice_from: str, mode: str) -> bytes:
    how = (
        "Each external recipient received a separate copy addressed only to them."
        if mode == "split"
        else "The visible To and Cc lists were replaced, as if every address had been in Bcc."
    )
    lines = [
        f"Your message {subject_for_notice(verdict)} was sent, but rewritten first.",
        "",
        f"It was addressed so that {len(verdict.external_recipients)} people outside the organisation"
        " could see each other's email addresses.",
        how,
        "",
        "Next time, put external recipients in Bcc, or use a mail-merge that sends one message each.",
        "",
    ]
    return notice_message(notice_from, envelope.mail_from, "Your message was rewritten to protect recipients", "\n".join(lines)).as_bytes()


def delivery_failure(envelope: Envelope, refused: dict[str, tuple[int, str]], notice_from: str, reporting_mta: str) -> bytes:
    """A delivery status notification (RFC 3464) for recipients the downstream refused."""
    human = "Your message was delivered to the other recipients, but not to these:\n\n" + "".join(
        f"  <{safe_text(r, 254)}>: {code} {safe_text(text, 200)}\n" for r, (code, text) in refused.items()
    )
    per_message = Message(policy=SMTP)
    per_message["Reporting-MTA"] = f"dns; {safe_text(reporting_mta, 200)}"
    per_message["Arrival-Date"] = format_datetime(datetime.now(UTC))
    blocks = [per_message]
    for rcpt, (code, text) in refused.items():
        temporary = 400 <= code < 500
        block = Message(policy=SMTP)
        block["Final-Recipient"] = f"rfc822; {safe_text(rcpt, 254)}"
        block["Action"] = "delayed" if temporary else "failed"
        block["Status"] = "4.0.0" if temporary else "5.0.0"
        block["Diagnostic-Code"] = f"smtp; {code} {safe_text(text, 200)}"
        blocks.append(block)
    report = MIMEMultipart("report", report_type="delivery-status", policy=SMTP)
    head = notice_message(notice_from, envelope.mail_from, "Undelivered mail: some recipients were refused", "")
    for name in ("From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted", "X-DLPGate-Notice"):
        report[name] = head[name]
    report.attach(MIMEText(human, "plain", "utf-8", policy=SMTP))
    status = Message(policy=SMTP)
    status["Content-Type"] = "message/delivery-status"
    status.set_payload(blocks)
    report.attach(status)
    return report.as_bytes()
