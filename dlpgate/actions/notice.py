"""Notices to senders and admins. Pure: they are built here and sent by the outbox.

A notice says what kind of data was found, how much and where, and why the
message was held, in plain words (each rule's `description`). It never quotes a
detected value, a health term or another recipient's address: the original
Subject, like every place, is shown with numbers, health terms, addresses and
people's names masked (dlpgate.redaction).

The wording lives in Jinja2 templates (dlpgate/notices/*.j2; first line
"Subject: ...", a blank line, then the body). A trust can replace any of them
with a file of the same name in the folder `notices.templates`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jinja2

from dlpgate import redaction
from dlpgate.detectors.spans import Span, flagged_spans
from dlpgate.report import finding_rows, subject_flagged, subject_hidden
from dlpgate.types import Envelope, Verdict

if TYPE_CHECKING:
    from dlpgate.config import Settings

KIND_LABELS = {
    "nhs_number": ("NHS number", "NHS numbers"),
    "chi_number": ("CHI number", "CHI numbers"),
    "hc_number": ("H&C number", "H&C numbers"),
    "health_terms": ("health term", "health terms"),
    "patient_identifier": (
        "patient identifier (date of birth, hospital number or patient's name)",
        "patient identifiers (dates of birth, hospital numbers or patients' names)",
    ),
    "unscannable": ("part that could not be scanned", "parts that could not be scanned"),
    "exposed_recipients": ("visible external recipient", "visible external recipients"),
}


def _default_reasons() -> dict[str, str]:
    from dlpgate.config import DEFAULT_RULES

    return {name: rule.description for name, rule in DEFAULT_RULES.items()}


# Plain-language reasons of the shipped rules (the console shows them too).
RULE_REASONS = _default_reasons()
GENERIC_REASON = "A rule set by your organisation to protect patient data matched it."

# C0 and C1 controls (NEL \x85 is a line break to Unicode) and the Unicode line/paragraph separators.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Any run of digits (with the separators numbers are written with) in a subject is masked:
# NHS numbers, dates of birth and hospital numbers are numbers.
_DIGITS = re.compile(r"\d(?:[\d\s/.\-]*\d)?")
MASK = redaction.MASK


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


# -- masking the Subject ----------------------------------------------------------

_span_detectors: dict[str, tuple[Any, ...]] = {}
_span_detectors_lock = threading.Lock()


def _detectors_key(settings: Settings) -> str:
    return repr(sorted((name, sorted(options.items())) for name, options in settings.detectors.items()))


def share_detectors(settings: Settings, detectors: Sequence[Any]) -> None:
    """Mask with the inspection engine's own detectors for these settings (built once, at start-up),
    rather than building a second set on the event loop at the first hold."""
    with _span_detectors_lock:
        _span_detectors[_detectors_key(settings)] = tuple(detectors)


def _flagged_spans(settings: Settings | None, text: str) -> list[Span] | None:
    """Where the configured detectors find numbers and health terms in text; None if they cannot be built."""
    if settings is None:
        from dlpgate.config import Settings as _Settings

        settings = _Settings()
    key = _detectors_key(settings)
    try:
        with _span_detectors_lock:
            detectors = _span_detectors.get(key)
            if detectors is None:
                from dlpgate.pipeline import build_detectors

                detectors = _span_detectors[key] = build_detectors(settings)
        return flagged_spans(detectors, text)
    except Exception:  # no masker means the Subject is not shown at all
        return None


def mask_subject(subject: str, settings: Settings | None = None) -> str:
    """The Subject with numbers, health terms, addresses and people's names replaced by [...];
    "" when it cannot be masked."""
    text = safe_text(subject, 200)
    spans = _flagged_spans(settings, text)
    if spans is None:
        return ""
    # What the detectors flag, and whatever else is personal: names, addresses (dlpgate.redaction).
    return _DIGITS.sub(MASK, redaction.masked(text, ((s.start, s.end) for s in spans)))[:120]


def subject_to_keep(verdict: Verdict, settings: Settings | None = None) -> str:
    """The Subject kept beside a held message (store.stored_subject): masked as a notice
    quotes it when something was found in it, else with only what is personal masked
    (an address, a person's name: "Re: your results ([...])"), so "Minutes 3" stays."""
    if subject_flagged(verdict.findings):
        return mask_subject(verdict.subject, settings)
    return redaction.mask(safe_text(verdict.subject, 1000))


def subject_for_notice(verdict: Verdict, settings: Settings | None = None) -> str:
    return quoted_subject(verdict.subject, settings)


def quoted_subject(subject: str, settings: Settings | None = None) -> str:
    if subject_hidden(subject):
        return "(subject not shown: it contained flagged content)"
    if not subject.strip():
        return "(no subject)"
    masked = mask_subject(subject, settings)
    return f'"{masked}"' if masked else "(subject not shown)"


# -- templates ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _environment(override: str) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("dlpgate", "notices")]
    if override:
        loaders.insert(0, jinja2.FileSystemLoader(override))
    # Plain text mail: no HTML escaping; an undefined name in a trust's template is an error, not a blank.
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


TEMPLATES = ("hold", "admin", "rewrite", "released", "deleted", "request_declined", "release_request")


def render(settings: Settings | None, name: str, **context: Any) -> tuple[str, str]:
    """(Subject, body) of notice `name`, from the trust's template folder or the shipped one."""
    from dlpgate.config import ContactSettings

    override = settings.notices.templates if settings is not None else ""
    contact = settings.notices.contact if settings is not None else ContactSettings()
    context.setdefault("contact", contact)
    context.setdefault("contact_line", contact_line(contact))
    text = _environment(override).get_template(f"{name}.j2").render(**context)
    head, _, body = text.partition("\n")
    if not head.startswith("Subject:"):
        raise ValueError(f"notice template {name}.j2 must start with a 'Subject: ...' line")
    return head[len("Subject:"):].strip(), body.lstrip("\n")


def contact_line(contact: Any) -> str:
    """"the IG team (ig@trust.nhs.uk, 0113 000 0000)"."""
    extra = ", ".join(v for v in (contact.email, contact.phone) if v)
    return f"{contact.name} ({extra})" if extra else contact.name


def check_templates(settings: Settings) -> None:
    """Render every notice once with sample values, so a broken trust template stops start-up."""
    from dlpgate.config import ConfigError

    sample = {
        "qid": "Q", "subject": '"x"', "sender": "a@b.c", "recipients": 1, "external": 1, "reasons": ["r"],
        "findings": ["f"], "rules": ["r"], "retention_days": 30, "request_url": "", "console_url": "",
        "how": "h", "reason": "r", "rewritten": False,
    }
    for name in TEMPLATES:
        try:
            render(settings, name, **sample)
        except (jinja2.TemplateError, ValueError) as exc:
            raise ConfigError(f"config: notices.templates: {name}.j2: {exc}") from None


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


def reasons_for(rule_names: tuple[str, ...] | list[str], settings: Settings | None = None) -> list[str]:
    """The plain-language reason of each rule (its `description`), without repeats."""
    rules = settings.rules if settings is not None else {}
    out: list[str] = []
    for name in rule_names:
        rule = rules.get(name)
        text = (rule.description if rule is not None else "") or RULE_REASONS.get(name, "") or GENERIC_REASON
        if text not in out:
            out.append(text)
    return out


def console_url(settings: Settings | None, qid: str) -> str:
    if settings is None or not settings.web.base_url or not settings.web.enabled:
        return ""
    return f"{settings.web.base_url.rstrip('/')}/message/{qid}"


def hold_notice(
    qid: str,
    envelope: Envelope,
    verdict: Verdict,
    notice_from: str,
    retention_days: int = 30,
    request_url: str = "",
    settings: Settings | None = None,
) -> bytes:
    subject, body = render(
        settings,
        "hold",
        qid=qid,
        subject=subject_for_notice(verdict, settings),
        recipients=len(envelope.rcpt_tos),
        external=len(verdict.external_recipients),
        reasons=reasons_for(verdict.acting_rules, settings),
        findings=findings_lines(verdict),
        retention_days=retention_days,
        request_url=request_url,
    )
    return notice_message(notice_from, envelope.mail_from, subject, body).as_bytes()


def admin_notice(
    qid: str, envelope: Envelope, verdict: Verdict, notice_from: str, admins: tuple[str, ...], settings: Settings | None = None
) -> bytes:
    subject, body = render(
        settings,
        "admin",
        qid=qid,
        sender=safe_text(envelope.mail_from, 254),
        subject=subject_for_notice(verdict, settings),
        recipients=len(envelope.rcpt_tos),
        external=len(verdict.external_recipients),
        rules=list(verdict.acting_rules),
        findings=findings_lines(verdict),
        console_url=console_url(settings, qid),
    )
    return notice_message(notice_from, ", ".join(admins), subject, body).as_bytes()


def rewrite_notice(envelope: Envelope, verdict: Verdict, notice_from: str, mode: str, settings: Settings | None = None) -> bytes:
    how = (
        "Each external recipient received a separate copy addressed only to them."
        if mode == "split"
        else "The visible To and Cc lists were replaced, as if every address had been in Bcc."
    )
    subject, body = render(
        settings, "rewrite", subject=subject_for_notice(verdict, settings), external=len(verdict.external_recipients), how=how
    )
    return notice_message(notice_from, envelope.mail_from, subject, body).as_bytes()


def decision_notice(
    settings: Settings | None,
    decision: str,
    qid: str,
    sender: str,
    original_subject: str,
    reason: str = "",
    rewritten: bool = False,
    findings: list[str] | None = None,
    notice_from: str = "",
) -> bytes:
    """To the sender: their held message was released, deleted, or their request declined."""
    if decision not in ("released", "deleted", "request_declined"):
        raise ValueError(decision)
    notice_from = notice_from or (settings.notices.sender if settings is not None else "postmaster@localhost.localdomain")
    subject, body = render(
        settings,
        decision,
        qid=qid,
        subject=quoted_subject(original_subject, settings),
        reason=safe_text(reason, 1000),
        rewritten=rewritten,
        findings=findings or [],
    )
    return notice_message(notice_from, sender, subject, body).as_bytes()


def delivery_failure(envelope: Envelope, refused: dict[str, tuple[int, str]], notice_from: str, reporting_mta: str) -> bytes:
    """A delivery status notification (RFC 3464) for recipients the downstream refused."""
    human = "Your message was delivered to the other recipients, but not to these:\n\n" + "".join(
        f"  <{safe_text(r, 254)}>: {code} {safe_text(text, 200)}\n" for r, (code, text) in refused.items()
    )
    per_message = Message(policy=SMTP)
    per_message["Reporting-MTA"] = f"dns; {safe_text(reporting_mta, 200)}"
    per_message["Arrival-Date"] = format_datetime(datetime.now(UTC))
    blocks: list[Message | str] = [per_message]
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
