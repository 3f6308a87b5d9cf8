"""Bare ten-digit numbers that a message's own trade explains: mail between a trust's buyers
and its suppliers, and a bounce returning a sender's own headers.

A supplier's purchase-order or sales-order number passes the NHS number's check digit one
time in eleven, and buyers and suppliers write it bare: "still waiting for 4513517174 -
theatre list is Thursday, can you advise delivery date?" to orders@..., a reply whose
Subject is nothing but "RE: 4500171460". Nothing around such a number labels it (the
number recogniser reads it at its prior); the message as a whole does:

* its vocabulary is a purchase's or a payment's (delivery, dispatch, goods in, PO, order,
  invoice, van, courier, paid, BACS, overdue ...);
* its outside recipients are trade mailboxes (orders@, sales@, accounts@, customerservice@),
  or it comes from one (accounts.payable@: the trust's own trade desk);
* SAP numbers its purchase orders 45..., 47..., 55... (weak: NHS numbers start 4 too).

Enough of it (:func:`_trade_points`) makes the bare numbers the trade's. A message that
speaks of a patient or of anyone's health (the recogniser's context words, clinical and
medicines words, he/she/his/her) gets nothing from it: a bare number beside a patient is
never made weaker, and neither is one with any evidence for it (a context word, a list of
numbers that pass, a health label).

A delivery status report returns to the sender of the bounced message that message's own
headers (text/rfc822-headers): a bare number in them is the recipient's own Subject, not
news to them. Labelled numbers there are still weighed as written.

A machine's report (a monitoring alert, cron's output, a CI or backup job's mail) is written
in fields ("Org: 7422157127", "alertname = ..."), log lines, rows of figures and paths, with
no one greeted, thanked or spoken to (:func:`machine_written`). Its bare ten-digit numbers are
its own: byte and inode counts, fingerprints, organisation and event ids. Where nothing in the
message speaks of a patient or of anyone's health, such a number written as software writes
one (ten digits together) is explained as the trade's are; one grouped 3-3-4, as people write
an NHS number, or with any evidence for it, is weighed as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from dlpgate.addresses import domain_of, in_domains, local_part
from dlpgate.detectors import health_terms
from dlpgate.detectors.numbers import (
    CONTIGUOUS,
    OTHER_ID,
    PRIOR,
    TRADE_WORDS_RE,
    Analysis,
    confidence,
    context_keywords,
)
from dlpgate.types import ParsedMessage

#: What the trade (or the recipient's own headers) counts against a bare number: a bare
#: NHS number's 1.0 becomes -1.0 (confidence 0.26), below any rule's usual threshold.
TRADE = -2.0

_WORD_KEYS = {"dispatched": "dispatch", "despatch": "dispatch", "despatched": "dispatch", "delivered": "delivery",
              "deliver": "delivery", "deliveries": "delivery", "delivering": "delivery", "ordered": "order",
              "orders": "order", "invoiced": "invoice", "invoices": "invoice", "vans": "van", "payments": "payment",
              "paid": "payment", "payment runs": "payment", "payment run": "payment"}

# A person or anyone's health: pronouns of a third person, a titled name, clinical and medicines words the
# recogniser's context words leave out.
_HEALTH_OR_PERSON_RE = re.compile(
    r"(?<![\w-])(?i:he|she|his|her|him|hers|himself|herself|baby|babies|mum|mother|born|aged|years? old"
    r"|pregnan\w*|labour|maternity|antenatal|postnatal|homecare|home care|dispens\w*|medicines?|drugs?|doses?"
    r"|tablets?|capsules?|injections?|insulin|symptoms?|diagnos\w*|ward|carer|relatives?|next of kin|son|daughter"
    r"|wife|husband|client|service user|resident|gp|surgery|hospital no|hospital number|nhs no|nhs number|chi"
    r"|dob|d\.o\.b|bloods?|results?|illness|infection|tested)(?![\w-])"
    r"|(?<![\w-])(?i:mr|mrs|ms|miss|mx)\.?[ \t]+[A-Z]"  # a titled name
)
# Pronouns a signature declares ("Pronouns: she/her"): not a third person spoken of.
_PRONOUNS_RE = re.compile(r"(?i)(?<![\w-])(?:she|he|they)[ \t]*/[ \t]*(?:her|him|them)(?:[ \t]*/[ \t]*(?:hers|his|theirs))?")

# A mailbox of sales, buying, accounts or carriage, by a word of its local part.
_TRADE_MAILBOX_WORDS = (
    "order", "sales", "purchas", "procure", "account", "invoice", "billing", "customerservice", "customercare",
    "custserv", "despatch", "dispatch", "logistic", "warehouse", "deliver", "shipping", "quote", "quotation",
    "tender", "edi", "ecommerce", "spares", "supplies", "goodsin", "supplychain", "creditcontrol", "payable",
    "receivable", "remittance", "credit",
)
_MAILBOX_SPLIT_RE = re.compile(r"[^a-z]+")
_SAP_PREFIXES = ("45", "47", "55")

_MAILBOX, _PREFIX = 3, 1  # points: a trade mailbox; a SAP purchase order's prefix
_WORDS_MAX = 3  # points: one a distinct trade word, at most this many
_ENOUGH = 4  # a trade mailbox and a trade word; else three trade words and the prefix
# Characters of a message's texts read for its trade: a supplier's mail, not a report's pages
# (read whole for a patient's words, which must be absent everywhere).
_TRADE_TEXT_MAX = 200_000

#: A returned header block's sender: "From: Lee Carter <orders@...>".
_RETURNED_FROM_RE = re.compile(r"(?im)^from:[^\n]*?<?([^\s<>\"@:]+@[^\s<>\"]+?)>?[ \t]*$")
_RETURNED_HEADERS = "(rfc822-headers)"

_Entry = tuple[str, str, float, str, str]  # Analysis.unlabelled's (scheme, rule, confidence, digits, form)


def bare(entry: _Entry) -> bool:
    """An unlabelled candidate scored at its prior or below: nothing near it spoke for it."""
    scheme, rule, conf, _digits, _form = entry
    return conf <= confidence(PRIOR[(scheme, rule)])


def explained(entry: _Entry) -> tuple[float, str]:
    """The (confidence, category) a bare number the trade explains gets."""
    return confidence(PRIOR[(entry[0], entry[1])] + TRADE), OTHER_ID


def trade_entries(message: ParsedMessage, results: Sequence[Analysis],
                  internal: Iterable[str] = ()) -> dict[int, frozenset[_Entry]]:
    """By segment: the bare numbers this message's trade or its returned headers explain.
    Kept on the message: the three number detectors ask the same."""
    shared = getattr(message, "shared", None)
    key = "trade.entries"
    kept = shared.get(key) if shared is not None else None
    if isinstance(kept, tuple) and kept[0] is message.segments:
        return kept[1]
    found = _entries(message, results, tuple(internal))
    if shared is not None:
        shared[key] = (message.segments, found)
    return found


def _entries(message: ParsedMessage, results: Sequence[Analysis], internal: tuple[str, ...]) -> dict[int, frozenset[_Entry]]:
    bare_by_segment = {n: [e for e in r.unlabelled if bare(e)] for n, r in enumerate(results) if r.unlabelled}
    bare_by_segment = {n: es for n, es in bare_by_segment.items() if es}
    if not bare_by_segment:
        return {}
    out: dict[int, frozenset[_Entry]] = {}
    recipients = {a.lower() for a in (*message.to, *message.cc)}
    for n, entries in bare_by_segment.items():
        if _own_headers(message.segments[n].where, message.segments[n].text, recipients):
            out[n] = frozenset(entries)
    rest = {n: es for n, es in bare_by_segment.items() if n not in out}
    if not rest:
        return out
    texts = [s.text for s in message.segments]
    if sum(map(len, texts)) > _TRADE_TEXT_MAX:
        return out
    words = _trade_points(texts)
    points = words + (_MAILBOX if _trade_mailboxes(message, internal) or _trade_sender(message) else 0)
    if words and points + _PREFIX >= _ENOUGH:
        if _health_or_person(texts):
            return out
        for n, entries in rest.items():
            mine = frozenset(e for e in entries if points + (_PREFIX if e[3].startswith(_SAP_PREFIXES) else 0) >= _ENOUGH)
            if mine:
                out[n] = mine
        rest = {n: es for n, es in rest.items() if n not in out}
    # A machine's report: its numbers written as software writes them.
    written = {n: frozenset(e for e in es if e[4] == CONTIGUOUS) for n, es in rest.items()}
    written = {n: es for n, es in written.items() if es}
    if written and machine_written(message) and not _health_or_person(texts) and not _health_terms(texts):
        out.update(written)
    return out


def _own_headers(where: str, text: str, recipients: set[str]) -> bool:
    """A bounce's returned header block of a message the recipient sent."""
    if not where.endswith(_RETURNED_HEADERS) or not recipients:
        return False
    senders = {m.group(1).lower() for m in _RETURNED_FROM_RE.finditer(text, 0, min(len(text), 4096))}
    return bool(senders) and senders <= recipients


def health_or_person(text: str) -> bool:
    """``text`` speaks of a patient or of anyone's health: a third person, a titled name,
    clinical and medicines words, the number recogniser's context words."""
    return _health_or_person([text])


def _health_or_person(texts: list[str]) -> bool:
    words = context_keywords(0)
    for t in texts:
        if not t:
            continue
        if "/" in t:
            t = _PRONOUNS_RE.sub(" ", t)
        if _HEALTH_OR_PERSON_RE.search(t) or words.near_any(t, [(0, len(t))]):
            return True
    return False


def _health_terms(texts: list[str]) -> bool:
    """A health term of the shipped lexicon ("sickle cell", "oncology") stands in any of ``texts``."""
    terms = health_terms.shipped()
    return any(t and terms.spans(t) for t in texts)


# What a person writing to someone writes: a greeting leading a line, a first or second person
# ("can u check ..."), a request, thanks. ("Could not connect" is a machine's.)
_HUMAN_RE = re.compile(
    r"(?im)^(?:dear|hi|hello|hiya|hey|good[ \t]+(?:morning|afternoon|evening)|morning|afternoon)\b"
    r"|(?<![\w'\u2019-])(?:(?-i:I)|i['\u2019](?:m|ve|ll|d)|we|we['\u2019](?:re|ve|ll)|our|us|you|you['\u2019](?:re|ve|ll)"
    r"|your|yours|u|ur|please|pls|plz|thanks|thank[ \t]+you|thx|cheers|regards|sorry)(?![\w'\u2019-])"
)
# What a machine writes a line of: a field ("Org: 7422157127", "alertname = ..."), a log's or a
# command's line (a time, a bracket, a prompt, a path, a URL, a rule of dashes first), a row of
# cells or of figures.
_FIELD_LINE_RE = re.compile(r"[*\-]*[ \t]*[\[(]?[A-Za-z_][\w.\-/()\[\]#]*(?:[ \t][\w.\-/()\[\]#]+){0,4}[ \t]*[:=](?:[ \t]|$)")
_LOG_LINE_RE = re.compile(
    r"\[|\$ |# |==>|\+ |[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}:[0-9]{2}|[A-Z][a-z]{2} [ 0-3][0-9] [0-9]{2}:"
    r"|/|[A-Za-z]:\\|[=\-_*#|+~.]{3}|https?://"
)
_CELL_GAP_RE = re.compile(r"\S(?:\t| {2,})(?=\S)")
_FIGURE_RE = re.compile(r"(?<![\w.])[0-9][0-9,.:%]*(?!\w)")
_MACHINE_LINES = 3  # lines a machine's report has at least
_MACHINE_READ = 20_000  # characters of a body read for how it is written


def machine_written(message: ParsedMessage) -> bool:
    """The message's body (each of its forms: plain, HTML) is a machine's report: at least a few
    lines, half or more of them written as a machine writes (_FIELD_LINE_RE, _LOG_LINE_RE, rows of
    cells or figures), and hardly any (one in eight of those) as a person writes to someone."""
    bodies = [s.text for s in message.segments if s.where in _BODIES]
    return bool(bodies) and all(_machine_text(t[:_MACHINE_READ]) for t in bodies)


_BODIES = frozenset(("message body", "message body (html)"))


def _machine_text(text: str) -> bool:
    lines = machine = human = 0
    for line in text.splitlines():
        line = line.strip(" \t>\u00a0")
        if not line:
            continue
        lines += 1
        if _HUMAN_RE.search(line):
            human += 1
        elif (_FIELD_LINE_RE.match(line) or _LOG_LINE_RE.match(line) or len(_CELL_GAP_RE.findall(line)) >= 2
              or len(_FIGURE_RE.findall(line)) >= 3):
            machine += 1
    return lines >= _MACHINE_LINES and 2 * machine >= lines and 8 * human <= machine


def _trade_points(texts: list[str]) -> int:
    """A point for each distinct trade word, up to _WORDS_MAX."""
    seen: set[str] = set()
    for t in texts:
        for m in TRADE_WORDS_RE.finditer(t):
            word = m.group().lower().replace(".", "")
            seen.add(_WORD_KEYS.get(word, word))
            if len(seen) >= _WORDS_MAX:
                return _WORDS_MAX
    return len(seen)


def _trade_mailboxes(message: ParsedMessage, internal: tuple[str, ...]) -> bool:
    """Every recipient outside the trust (To and Cc) is a trade mailbox, and there is one."""
    outside = [a for a in (*message.to, *message.cc) if not (internal and in_domains(domain_of(a), internal))]
    return bool(outside) and all(_trade_mailbox(a) for a in outside)


def _trade_sender(message: ParsedMessage) -> bool:
    """The message comes from a mailbox of sales, buying, accounts or carriage ("accounts.payable@",
    "orders@"): its own trade desk's mail."""
    return bool(message.from_) and all(_trade_mailbox(a) for a in message.from_)


def _trade_mailbox(address: str) -> bool:
    words = _MAILBOX_SPLIT_RE.split(local_part(address).lower())
    return any(stem in w for w in words if w for stem in _TRADE_MAILBOX_WORDS)
