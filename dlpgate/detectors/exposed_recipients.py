"""Recipients exposed to each other in To/Cc (should have been Bcc).

Reads the recipient lists every reader of the message sees: ``message.to``,
``message.cc``, ``message.resent_to``, ``message.resent_cc``, where replies go
(``message.reply_to``: Reply-To, Mail-Followup-To, Mail-Reply-To) and, when a sender
left one in the header, Bcc / Resent-Bcc (``message.bcc``); envelope-only
recipients are never looked at. Addresses are parsed with
:func:`email.utils.getaddresses` (dlpgate.mime.headers.addresses also keeps any
other ``local@domain`` text of those fields: a list written without commas) and
normalised with ``email_validator``
(no DNS); an address that fails validation but still has ``local@domain`` is
counted in lower case, anything else is skipped.

External: domain neither equal to nor a subdomain of any ``ctx.internal_domains``
entry, or a local part that routes elsewhere (``x%gmail.com@trust...``,
``"x@gmail.com"@trust...``: dlpgate/addresses.py), judged by the domain it
routes to. ``ctx.secure_domains`` are trusted for content only: for exposure they
are external like anything else.

Exposure when either

* at least ``min_webmail`` (2) distinct external addresses are at webmail
  domains (private individuals, listed in ``webmail_domains``), or
* at least ``min_domains`` (10) distinct external non-webmail domains are
  visible (many organisations' staff see each other); the bodies of one public
  service (NHS, government, police, schools: ``_PUBLIC_FAMILIES``) count as one
  organisation, as their staff write to each other across them every day.

Many addresses at a single external organisation are not an exposure.
The finding's category is "webmail", "domains" or "webmail+domains"; its
evidence holds counts only, never an address.

A meeting invitation's attendee list (``ATTENDEE`` lines of a calendar part) is
shown by calendar programs to every attendee, and rewriting the header cannot hide
it: ``min_attendees`` (4) private people there make a second finding, category
"attendees", which the shipped rules hold (professionals' meetings invite many
organisations: their count alone is no exposure there). So do fewer when the header
exposes them already (``min_webmail`` of the private people it shows are attendees
too): a rewrite would hide the header and leave the attendee list showing them. Where
replies go (Reply-To and the like) counts with the lists; a message whose exposure is
there alone needs three private people (one or two are the people meant to get the
replies).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Mapping
from email.utils import getaddresses
from typing import Any

from email_validator import EmailNotValidError, validate_email

from dlpgate.addresses import domain_in, routed_domain
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.mime.headers import FORMAT_CHARS_RE, plain_pairs
from dlpgate.types import DetectorContext, Finding, ParsedMessage

NAME = "exposed_recipients"
KIND = "exposed_recipients"
KINDS: tuple[str, ...] = (KIND,)
#: Why the list counts as exposed: webmail addresses, many organisation domains, or both.
CATEGORIES: tuple[str, ...] = ("webmail", "domains", "webmail+domains", "attendees")
WHERE = "To/Cc headers"
ATTENDEES_WHERE = "meeting invitation's attendee list"
# An invitation's attendees ("ATTENDEE;CN=...:mailto:..."): every calendar program shows
# them to every attendee, and a rewrite of the header cannot hide them.
# vCalendar 1.0 writes the address without "mailto:", or after the person's name as in a
# mail header ("ATTENDEE;ROLE=ATTENDEE;STATUS=NEEDS ACTION:John Public <jp@host.com>", its
# own example); CalDAV servers put the address in EMAIL= and make the value a urn.
# Outlook writes an attendee it could not resolve with the address only in its name
# ("ATTENDEE;CN=\"jo@example.com\";RSVP=TRUE:invalid:nomail").
_ATTENDEE_RE = re.compile(
    r"(?im)^ATTENDEE(?:[^\n]*?;EMAIL=\"?([^\s;,<>\":]+@[^\s;,<>\":]+)\"?[;:][^\n]*"
    r"|[^\n]*?:(?:mailto:)?(?:[^\n<>:@]*<(?:mailto:)?)?([^\s;,<>\":]+@[^\s;,<>\"]+)"
    r"|[^\n:]*?;CN=\"?([^\s;,<>\":]+@[^\s;,<>\":]+)\"?[;:])"
)
# Any other address in a calendar's text: its description's (a booking system's "Confirmed
# attendees: ...", a table of who is coming in its HTML description) is shown to every reader
# too; the organiser's and the event's own identifiers are not people listed.
_CALENDAR_ADDRESS_RE = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_NOT_LISTED_RE = re.compile(r"ORGANIZER|ATTENDEE|UID|X-[\w\-]*(?:SENDER|ORGANIZER|UID|ID)\b")
_MIN_REPLY_TO_WEBMAIL = 3
_ROUTING = frozenset("%!@")


def visible_pairs(visible: list[str]) -> list[tuple[str, str]]:
    """``getaddresses(visible)``; a list of plain entries is read without it
    (dlpgate.mime.headers.plain_pairs, which gives what getaddresses gives). Entries
    that are not plain are read one by one: a broken quote in one ('"Smith, Jane \\"
    <a@x>') must not swallow the others."""
    pairs = plain_pairs(visible)
    if pairs is not None:
        return pairs
    out: list[tuple[str, str]] = []
    for entry in visible:
        one = plain_pairs([entry])
        out.extend(one if one is not None else getaddresses([entry]))
    return out


# Public services whose staff write to each other across organisations every day (a
# network of trusts, a multi-agency safeguarding meeting): each family counts as one
# organisation, however many of its bodies are on the list.
_PUBLIC_FAMILIES = ("nhs.uk", "nhs.net", "nhs.scot", "hscni.net", "gov.uk", "gov.scot", "gov.wales", "police.uk",
                    "sch.uk", "mod.uk", "cjsm.net")


def _organisation(domain: str) -> str:
    """The organisation a domain counts as: its public-service family, or the name it
    registered (a university's staff and students, "leeds.ac.uk" and "student.leeds.ac.uk";
    a company's regions and contractors, "gsk.com" and "uk.gsk.com", are one), under
    whatever public suffix: a firm's UK and international domains ("gleeds.co.uk" and
    "gleeds.com") are one organisation, whose staff see each other every day."""
    family = next((f for f in _PUBLIC_FAMILIES if domain == f or domain.endswith("." + f)), None)
    if family is not None:
        return family
    labels = domain.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS:
        return labels[-3]  # "example.co.uk", "example.com.au"
    return labels[-2] if len(labels) >= 2 else domain


# Second levels under a country's domain that organisations register beneath ("co.uk").
_SECOND_LEVELS = frozenset(("co", "ac", "org", "gov", "ltd", "plc", "me", "net", "com", "edu", "nhs", "sch", "or",
                            "ne", "go", "gob", "gv", "mil", "nic", "police"))


DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    "min_webmail": 2,
    "min_domains": 10,
    # private people (webmail) in one meeting invitation's attendee list that make it
    # exposed: more than a video consultation invites (the patient, family, an interpreter)
    "min_attendees": 4,
    "webmail_domains": "webmail_domains.txt",
}


@functools.lru_cache(maxsize=1024)  # the same colleagues and partners, message after message
def _normalise(addr: str) -> tuple[str, tuple[str, ...]] | None:
    """(lower-cased address, domain spellings) or None when it is no address at all."""
    if not addr.isascii():
        addr = FORMAT_CHARS_RE.sub("", addr)  # "a@sky.com\u200b": what a reader sees
    addr = addr.strip()
    if not addr:
        return None
    return _plain(addr) or _validated(addr)


# A plain address: a dot-atom's characters, one "@", a domain of letters, digits, dots and
# hyphens that starts and ends with neither dot.
_PLAIN = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-](?:[A-Za-z0-9.-]*[A-Za-z0-9-])?")


def _plain(addr: str) -> tuple[str, tuple[str, ...]] | None:
    """``_validated(addr)`` for a plain address at a domain without inbox rules (Gmail's dots,
    "+tag"), or None: valid or not, it is read in lower case (email_validator changes
    nothing else of such an address but an IDNA domain's "xn--" spelling, left to it)
    - without the validator's parse, which costs most of this detector's time."""
    if _PLAIN.fullmatch(addr) is None:
        return None
    domain = addr.rpartition("@")[2].lower()
    if "xn--" in domain or _SAME_INBOX.get(domain, domain) in _INBOX_RULES:
        return None
    return addr.lower(), (domain,)


def _validated(addr: str) -> tuple[str, tuple[str, ...]] | None:
    """(lower-cased address, domain spellings) of a stripped address, as email_validator reads it."""
    try:
        result = validate_email(addr, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        local, at, domain = addr.rpartition("@")
        domain = domain.strip().strip(".").lower()
        if not at or not local or not domain:
            return None
        return f"{local}@{domain}".lower(), (domain,)
    domain = result.domain.lower()
    ascii_domain = (result.ascii_domain or domain).lower()
    spellings = (domain,) if ascii_domain == domain else (domain, ascii_domain)
    normal = result.normalized.lower()
    inbox = _SAME_INBOX.get(ascii_domain, ascii_domain)
    if inbox == "gmail.com":
        # Gmail reads "jane.doe", "janedoe" and "jane.doe+clinic" as one inbox: one person
        local = normal.rpartition("@")[0].split("+", 1)[0].replace(".", "")
        normal = f"{local}@{inbox}"
    elif inbox in _PLUS_INBOX_DOMAINS:
        local = normal.rpartition("@")[0]
        normal = f"{local.split('+', 1)[0]}@{inbox}"  # "sam.jones+hospital@outlook.com": sam.jones's inbox
    return normal, spellings


# One inbox under several domains, by the domain its mail is counted under: Gmail's two,
# Proton's four ("sam@proton.me" and "sam@pm.me"), Apple's three ("jo@icloud.com" and
# "jo@me.com": one Apple ID's).
_SAME_INBOX = {
    "googlemail.com": "gmail.com",
    "protonmail.com": "proton.me", "protonmail.ch": "proton.me", "pm.me": "proton.me",
    "me.com": "icloud.com", "mac.com": "icloud.com",
}
# Mailboxes that deliver "name+tag" to "name" (dots stay part of the name).
_PLUS_INBOX_DOMAINS = frozenset((
    "outlook.com", "outlook.co.uk", "hotmail.com", "hotmail.co.uk", "live.com", "live.co.uk", "msn.com",
    "icloud.com", "fastmail.com", "fastmail.fm", "proton.me",
))
# The inboxes whose addresses _validated reads by their own rules.
_INBOX_RULES = _PLUS_INBOX_DOMAINS | {"gmail.com"}


def load_domain_list(path: str) -> frozenset[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        raise DetectorConfigError(f"detectors.{NAME}.webmail_domains: file not found: {path}") from None
    except OSError as exc:
        raise DetectorConfigError(f"detectors.{NAME}.webmail_domains: cannot read {path}: {exc}") from None
    domains = set()
    for line in lines:
        line = line.split("#", 1)[0].strip().lower().strip(".")
        if line:
            domains.add(line)
    return frozenset(domains)


class ExposedRecipientsDetector:
    def __init__(
        self,
        *,
        internal: Iterable[str],
        webmail: frozenset[str],
        min_webmail: int,
        min_domains: int,
        min_attendees: int = 4,
    ) -> None:
        self.name = NAME
        self._min_attendees = min_attendees
        self._internal = frozenset(d.strip().lower().strip(".") for d in internal if d.strip())
        self._webmail = webmail
        self._min_webmail = min_webmail
        self._min_domains = min_domains

    def _is_internal(self, spellings: tuple[str, ...]) -> bool:
        return any(domain_in(d, self._internal) for d in spellings)

    def _external(self, addresses: Iterable[str]) -> tuple[dict[str, bool], set[str]]:
        """({external address: at a webmail domain}, the organisations of the others)."""
        external: dict[str, bool] = {}
        org_domains: set[str] = set()
        for addr in addresses:
            norm = _normalise(addr)
            if norm is None:
                continue
            address, spellings = norm
            if any(c in _ROUTING for c in address.rpartition("@")[0]):
                spellings = (routed_domain(address) or spellings[-1],)
            elif self._is_internal(spellings):
                continue
            webmail = any(domain_in(d, self._webmail) for d in spellings)
            external[address] = webmail
            if not webmail:
                org_domains.add(_organisation(spellings[-1]))
        return external, org_domains

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        visible = [*message.to, *message.cc, *message.resent_to, *message.resent_cc, *message.bcc]
        listed, org_domains = self._external(addr for _name, addr in visible_pairs(visible))
        external = listed
        if message.reply_to:  # most mail has none: one pass
            external, org_domains = self._external(
                addr for _name, addr in visible_pairs([*visible, *message.reply_to])
            )
        webmail_count = sum(1 for w in external.values() if w)
        # Where replies go names one or two people meant to get them (coordinators, a
        # clinic's team): more than that, or more than the lists show, is a list exposed.
        min_webmail = self._min_webmail
        if len(external) > len(listed):
            min_webmail = max(min_webmail, _MIN_REPLY_TO_WEBMAIL)
        by_webmail = webmail_count >= min_webmail
        by_domains = len(org_domains) >= self._min_domains
        found: list[Finding] = []
        if by_webmail or by_domains:
            category = "+".join(c for c, hit in (("webmail", by_webmail), ("domains", by_domains)) if hit)
            found.append(_finding(WHERE, external, org_domains, category))
        attendees: list[str] = []
        described: list[str] = []  # private people's addresses in a calendar's other text
        for s in message.segments:
            if s.text[:64].lstrip(" \t\r\n\ufeff").upper().startswith("BEGIN:VCALENDAR"):  # a calendar, as read
                attendees.extend(m.group(1) or m.group(2) or m.group(3) for m in _ATTENDEE_RE.finditer(s.text))
                described.extend(self._described(s.text))
        if attendees or described:
            shown = external if by_webmail else None  # the private people a rewrite would hide
            external, org_domains = self._external([*attendees, *described])
            private = [a for a, w in external.items() if w]
            # Professionals' meetings invite many organisations: their count is no exposure
            # there. Private people the header shows each other are exposed already: when the
            # invitation lists them too, no rewrite can hide them, however few they are.
            if len(private) >= self._min_attendees or (
                shown is not None and sum(1 for a in private if shown.get(a)) >= min_webmail
            ):
                found.append(_finding(ATTENDEES_WHERE, external, org_domains, "attendees"))
        return found

    def _described(self, text: str) -> list[str]:
        """The private people's addresses listed together in a calendar's text other than its
        ATTENDEE and ORGANIZER lines and its identifiers: the longest run of lines each with
        one at least (a description's "Confirmed attendees: ..." line, a table of who is
        coming), at a webmail domain, no role's mailbox (private_mailbox). A feed's events
        each naming their own contact are no list."""
        if text.count("@") < 2:
            return []
        longest: list[str] = []
        run: list[str] = []
        last_line = -2
        line = seen = 0  # the line of text[seen]
        for m in _CALENDAR_ADDRESS_RE.finditer(text):
            if _NOT_LISTED_RE.match(text, text.rfind("\n", 0, m.start()) + 1) or not private_mailbox(
                    m.group(), self._webmail):
                continue
            line += text.count("\n", seen, m.start())
            seen = m.start()
            if line > last_line + 1:
                run = []
            run.append(m.group())
            last_line = line
            if len(run) > len(longest):
                longest = run
        return longest


def _finding(where: str, external: dict[str, bool], org_domains: set[str], category: str) -> Finding:
    """The finding for the external addresses of one place ({address: at a webmail domain})."""
    plural = lambda n, one, many: one if n == 1 else many  # noqa: E731
    evidence = (
        f"{len(external)} external {plural(len(external), 'address', 'addresses')} visible",
        f"{sum(external.values())} at webmail domains",
        f"{len(org_domains)} organisation {plural(len(org_domains), 'domain', 'domains')}",
    )
    return Finding(
        detector=NAME,
        kind=KIND,
        where=where,
        count=len(external),
        confidence=1.0,
        evidence=evidence,
        category=category,
        identifies_patient=False,
    )


def build(options: Mapping[str, Any], ctx: DetectorContext) -> ExposedRecipientsDetector:
    opts = {**DEFAULTS, **options}
    min_webmail = int(opts["min_webmail"])
    min_domains = int(opts["min_domains"])
    min_attendees = int(opts["min_attendees"])
    if min_attendees < 1:
        raise DetectorConfigError(f"detectors.{NAME}.min_attendees: must be >= 1, got {min_attendees}")
    if min_webmail < 1:
        raise DetectorConfigError(f"detectors.{NAME}.min_webmail: must be >= 1, got {min_webmail}")
    if min_domains < 2:
        # One external organisation seeing its own staff's addresses is not an exposure.
        raise DetectorConfigError(f"detectors.{NAME}.min_domains: must be >= 2, got {min_domains}")
    path = ctx.webmail_domains or os.path.join(ctx.config_dir, str(opts["webmail_domains"]))
    return ExposedRecipientsDetector(
        internal=ctx.internal_domains,
        webmail=load_domain_list(path),
        min_webmail=min_webmail,
        min_domains=min_domains,
        min_attendees=min_attendees,
    )


# A local part that names an organisation's or a role's mailbox, not a person's: a word of
# its own ("info@", "hello@", "ppg.group@"), or a word it starts or ends with ("hivpeers@",
# "diabetessupport@", "enquiries.ward7@").
_ROLE_LOCAL_WORDS = frozenset(
    "info admin office enquiries enquiry contact contactus hello help support team group groups mail post bookings "
    "booking appointments reception secretary chair treasurer committee membership members newsletter news noreply "
    "donotreply events volunteers volunteering fundraising charity trust society association club project network "
    "forum peers peer clinic service services practice surgery pharmacy ppg friends hub centre center shop sales "
    "accounts orders billing jobs hr it webmaster postmaster manager coordinator general list lists "
    "unsubscribe bounce bounces reply replies feedback complaints pals careers".split()
)
_ROLE_LOCAL_AFFIXES = (
    "support", "group", "peers", "network", "clinic", "enquir", "admin", "office", "charity", "society", "association",
    "foundation", "committee", "project", "forum", "friends", "newsletter", "noreply", "bookings", "appointments",
    "reception", "surgery", "pharmacy", "practice", "services", "volunteers", "events", "fundrais", "info", "contact",
)
_LOCAL_WORDS_RE = re.compile(r"[a-z]+")


def role_mailbox(local: str) -> bool:
    """The local part ``local`` names an organisation's or a role's mailbox, not a person's."""
    words = _LOCAL_WORDS_RE.findall(local.lower())
    return any(w in _ROLE_LOCAL_WORDS or w.startswith(_ROLE_LOCAL_AFFIXES) or w.endswith(_ROLE_LOCAL_AFFIXES)
               for w in words)


def private_mailbox(address: str, webmail: frozenset[str]) -> bool:
    """``address`` is a private person's own mailbox: at a webmail or ISP domain (``webmail``:
    the list this detector counts private people by), its local part no organisation's or
    role's (role_mailbox). Parsed without DNS (email_validator, as _normalise reads it)."""
    norm = _normalise(address)
    if norm is None:
        return False
    _address, spellings = norm
    if not any(domain_in(d, webmail) for d in spellings):
        return False
    # the inbox's own name, without a "+tag" its owner gave ("jane.example+clinic@...")
    return not role_mailbox(address.strip().rpartition("@")[0].split("+", 1)[0])


SHIPPED_WEBMAIL = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", str(DEFAULTS["webmail_domains"]))


def webmail_list(ctx: DetectorContext) -> frozenset[str]:
    """The webmail and ISP domains of a context (this detector's option, as build_all puts
    it there; else the default file in its folder, else the shipped list), read when
    detectors are built."""
    if ctx.webmail_domains:
        return load_domain_list(ctx.webmail_domains)
    path = os.path.join(ctx.config_dir, str(DEFAULTS["webmail_domains"]))
    return load_domain_list(path if os.path.isfile(path) else SHIPPED_WEBMAIL)
