"""Patients known by their own mailbox: a private person's e-mail address beside their health.

A person's own address at a webmail or ISP domain (``jane.example77@gmail.com``,
``a.example@btinternet.com``: which domains are private people's is the exposed-recipients
detector's knowledge, :func:`dlpgate.detectors.exposed_recipients.private_mailbox`) identifies
them as well as their name does. It makes health identifiable where the text pairs it with a
fact of that person's health or care:

* rows (a list's lines, a table's rows) that each hold a private mailbox and a health term
  outside the address, not a member of staff's row (a job title, a role): "jane.example84@
  gmail.com - Colposcopy 22/05", "Hale, Liam<TAB>liam_hale@gmail.com<TAB>Diabetic
  retinopathy screening" (:func:`mailbox_rows`);
* a list of mailboxes alone on their lines (a name beside each at most) under a line that
  introduces them as patients and says their health: "The patients below are booked for
  colposcopy next week:" (:func:`mailboxes_under_intro`);
* the header of a forwarded message, quoted in a body or attached, whose To or Cc shows
  several private people and whose Subject or text says the health of the group they were
  written to as members of ("To: Price, Leanne <leanne_price@gmail.com>; Kowalski, Tracey
  <...>" over "Subject: HIV peer support group - Thursday") (:func:`group_in_header`);
* a private person's own message, quoted in a reply or a forward (its "From:" line, or "On
  ..., Jane Example <jane.example84@hotmail.co.uk> wrote:"), that speaks of their own health
  ("I've been having chest pains again since starting the new tablets", "the GP said my
  HbA1c was 68"), or whose forwarder says it of them above it ("please could you see this
  lady sooner? She has chest pains"); not a member of staff's (a job title signed under it)
  (:func:`own_message_quoted`); so too a text message forwarded by mail, its "From:" line the
  mobile number it came from ("From: Jane Example <+447700900123>") (:func:`own_text_quoted`), or a
  forwarded message signed with its writer's name over their mobile number (:func:`own_message_signed`).
* a forwarded or quoted message written to one private mailbox whose text tells its reader of
  their own health ("To: Jane Example <jane.example77@gmail.com>" over "Dear Madam, ... your
  biopsy showed ...") (:func:`reader_told_in_header`); so too the message's own one reader, at
  a private mailbox, told their own health (health_terms).
* one mailbox the text gives as a person's own in prose ("Her email is jane.example@outlook.com",
  "the patient's e-mail address:"), as a mobile number is given to call them on, with health said
  in its sentence or the next two (:func:`mailbox_told`).

Two distinct mailboxes at least make a list; one is a sign-off's, a patient's own reply, a
group's contact ("contact the support group at hivpeers@gmail.com": an organisation's
mailbox, no member identified). A mailbox that is the message's own sender or recipient is
the reader's own, not another's told. Findings carry counts only, never an address.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from dlpgate.detectors import identifiers
from dlpgate.detectors.identifiers import line_bounds

#: Whether an address is a private person's own mailbox (and not the message's own sender's or reader's).
Private = Callable[[str], bool]

_ADDRESS_RE = identifiers._MAIL_ADDRESS_RE
_MIN_MAILBOXES = 2  # distinct private mailboxes that make a list
_ROW_MAX = 240  # characters: a row is short, a longer line is prose
_TABLE_ROW_MAX = 600  # a table's row may have many cells
# A role or a job on a row: a member of staff's, a volunteer's, a contact's (lower case too).
_ROLE_RE = re.compile(
    r"(?i)\b(?:nurse|nurses|nursing|specialist|consultant|doctor|dr|gp|registrar|physician|surgeon|physio\w*"
    r"|therapist|psychologist|counsellor|dietitian|dietician|pharmacist|midwife|health visitor|hca|ot|salt"
    r"|lead|manager|co-?ordinator|administrator|admin|secretary|receptionist|clerk|director|officer|matron"
    r"|practitioner|worker|assistant|technician|educator|trainer|facilitator|mentor|buddy|champion|volunteer"
    r"|volunteers|trustee|chair|treasurer|founder|organiser|organizer|rep|representative|speaker|team|staff"
    r"|locum|bank|agency|sales|supplier|account manager|contact us|enquiries|helpline"
    # ... or work: a rota, a shift, a meeting's papers, a post
    r"|rota|rotas|shifts?|on[- ]call|cover|agenda|minutes|mdt|audit|interviews?|vacanc(?:y|ies)|recruitment|jobs?"
    r"|conference|webinar|talks?)\b"
)
# Words of a list's introduction that make it one of staff, an event's or a team's.
_NOT_PATIENTS_INTRO_RE = re.compile(
    r"(?i)\b(?:staff|colleagues|team|teams|contacts|speakers?|volunteers?|trustees|committee|suppliers?"
    r"|directory|rota|members of staff|board|delegates|learners|students|trainees)\b"
)
# ... or a course's, unless it says the course is patients' ("our HIV self-management course for
# people newly diagnosed"): weighed as an event's words are (_not_patients_list).
_COURSE_RE = re.compile(r"(?i)\b(?:courses?|training)\b")
# Words that say a list, a course or an event is patients': "patients", "for people on our
# opiate substitution programme", "parents of children with", "people living with HIV".
_OF_PATIENTS_RE = re.compile(
    r"(?i)\b(?:patients?|service users?|(?:for|of)[ \t]+(?:our[ \t]+)?(?:people|clients|parents|carers|families"
    r"|adults|children|young people|mums|mothers|anyone|those)"
    r"|(?:people|adults|children|young people|men|women|mums|mothers|families|those)[ \t]+(?:with|living with"
    r"|affected by|who have|newly diagnosed|recently diagnosed|on)\b)"
)
# A line that is a mailbox alone, a name beside it at most: "Leanne Clarke <l.clarke48@gmail.com>",
# "- jane.example@gmail.com", "Example, Jane (jane.example@gmail.com)". Each word is taken whole
# (possessive): a line of prose with an address in it fails in one pass, not in one per way of
# cutting its first words into pieces.
_MAILBOX_LINE_RE = re.compile(
    r"[ \t>*\-\u2022\u00b7]*(?:[0-9]{1,3}[.)][ \t]*)?(?:[\w'\u2019\-]++[ \t,&]*){0,5}?[ \t]*[<(\[]?(?:mailto:)?"
    r"([\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+)[>)\]]?[ \t;,]*$"
)
_PATIENTS_RE = re.compile(r"(?i)\b(?:patients?|pts|service users?|clients)\b")
_INTRO_REACH = 400  # characters above a list in which its introduction is read
# A forwarded message's header lines: who it was from, when, to whom, about what.
_HEADER_LINE_RE = re.compile(r"(?im)^[ \t>*]*(from|sent|date|to|cc|subject)[ \t]*:[ \t]*")
_TO_LINE_RE = re.compile(r"(?im)^[ \t>*]*(?:to|cc)[ \t]*:")
_HEADER_BLOCK_LINES = 8  # lines of a quoted header around its To
_FORWARDED_TEXT = 2000  # characters of a forwarded message's text under its header read for its health


def _role_free(text: str, terms: Sequence[int], a: int, b: int, skip: Iterable[tuple[int, int]]) -> bool:
    """A health term starts in text[a:b], outside the spans in ``skip`` (addresses), on a line
    (within text[a:b]) that names no role or job (_ROLE_RE, identifiers' job titles) nor a course
    or training taken (identifiers._STAFF_RECORD_RE)."""
    spans = list(skip)
    i = bisect.bisect_left(terms, a)
    checked = -1
    while i < len(terms) and terms[i] < b:
        term = terms[i]
        i += 1
        if term <= checked or any(s <= term < e for s, e in spans):
            continue
        line_start, line_end = line_bounds(text, term)
        line_start, line_end = max(a, line_start), min(b, line_end)
        checked = line_end
        line = text[line_start:line_end]
        for s, e in spans:  # an address's words are no role ("jane.nurse@...")
            if s < line_end and e > line_start:
                s, e = max(s, line_start) - line_start, min(e, line_end) - line_start
                line = line[:s] + " " * (e - s) + line[e:]
        if _OF_PATIENTS_RE.search(line):  # a course or training for patients is theirs, no staff's record
            line = _COURSE_RE.sub(lambda m: " " * len(m.group()), line)  # ("naloxone training for people on ...")
        if (_ROLE_RE.search(line) is None and identifiers._ROLE_LINE_RE.search(line) is None
                and identifiers._JOB_TITLE_RE.search(line) is None and identifiers._STAFF_RECORD_RE.search(line) is None):
            return True
    return False


def _not_patients_list(text: str, start: int, end: int) -> bool:
    """text[start:end], a list's introduction, says the list is not patients': staff's, a team's
    (_NOT_PATIENTS_INTRO_RE, identifiers._STAFF_LIST_RE); or an event's or a course's
    (identifiers._EVENT_LIST_RE, _COURSE_RE) where it does not say they are patients'
    (_OF_PATIENTS_RE: "our education programme for people newly diagnosed")."""
    if _NOT_PATIENTS_INTRO_RE.search(text, start, end) or identifiers._STAFF_LIST_RE.search(text, start, end):
        return True
    return bool(identifiers._EVENT_LIST_RE.search(text, start, end) or _COURSE_RE.search(text, start, end)) and (
        _OF_PATIENTS_RE.search(text, start, end) is None)


def mailbox_rows(text: str, terms: Sequence[int], private: Private, tabular: bool = False) -> int:
    """Rows of ``text`` that each pair a private mailbox with a health term outside the
    address, not a role's (see the module); 0 unless _MIN_MAILBOXES distinct mailboxes are on them."""
    if "@" not in text or not terms:
        return 0
    rows: dict[int, str] = {}
    longest = _TABLE_ROW_MAX if tabular else _ROW_MAX
    for m in _ADDRESS_RE.finditer(text):
        line_start, line_end = line_bounds(text, m.start())
        if line_start in rows or line_end - line_start > longest or not private(m.group()):
            continue
        spans = [a.span() for a in _ADDRESS_RE.finditer(text, line_start, line_end)]
        if _role_free(text, terms, line_start, line_end, spans):
            rows[line_start] = m.group().lower()
    if len(set(rows.values())) < _MIN_MAILBOXES:
        return 0
    if not tabular:
        # the list's own introduction: the lines above its rows, and the paragraph above them
        # (not a letter's heading or a signature further up)
        first = min(rows)
        if _not_patients_list(text, max(first - _INTRO_REACH, identifiers._list_intro_start(text, first)), first):
            return 0
    return len(rows)


_Line = TypeVar("_Line")


def _address_blocks(text: str, read: Callable[[int, int], _Line | None]) -> Iterator[tuple[int, list[_Line]]]:
    """Each run of lines from a line with an "@" on: (where the run starts, what ``read`` took
    of each of its lines). ``read(line_start, line_end)`` gives None for a line that ends the
    run; a line without an "@" ends it too. The search goes on after the run."""
    pos = 0
    while True:
        at = text.find("@", pos)
        if at < 0:
            return
        block_start = line_start = line_bounds(text, at)[0]
        lines: list[_Line] = []
        while line_start < len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            if text.find("@", line_start, line_end) < 0:
                break
            got = read(line_start, line_end)
            if got is None:
                break
            lines.append(got)
            line_start = line_end + 1
        pos = max(line_start, at + 1)
        yield block_start, lines


def mailboxes_under_intro(text: str, terms: Sequence[int], private: Private) -> int:
    """Private mailboxes alone on the lines of a list (a name beside each at most) under a
    line that calls them patients and says their health (see the module)."""
    if "@" not in text or not terms:
        return 0

    def mailbox_line(line_start: int, line_end: int) -> str | None:
        # a mailbox's line is short: checked before the pattern, which backtracks over every
        # word of a long line
        if line_end - line_start > _ROW_MAX:
            return None
        m = _MAILBOX_LINE_RE.match(text, line_start, line_end)
        return m.group(1).lower() if m is not None and private(m.group(1)) else None

    found = 0
    for block_start, lines in _address_blocks(text, mailbox_line):
        block = set(lines)
        if len(block) < _MIN_MAILBOXES:
            continue
        intro_end = block_start
        while intro_end > 0 and text[intro_end - 1] in " \t\r\n":
            intro_end -= 1
        low = max(0, intro_end - _INTRO_REACH)
        blank = text.rfind("\n\n", low, intro_end)
        intro_start = blank + 2 if blank >= 0 else low
        if (
            _PATIENTS_RE.search(text, intro_start, intro_end)
            and not identifiers._PATIENT_TEAM_RE.search(text, intro_start, intro_end)
            and not _not_patients_list(text, intro_start, intro_end)
            and _role_free(text, terms, intro_start, intro_end, ())
        ):
            found += len(block)
    return found


#: Other private people a reply is sent to that make its quoting of one of them a disclosure to the rest.
MIN_OTHERS_TOLD = 2
MIN_GROUP = 4  # private mailboxes listed together that make a group's list (as an invitation's attendees)
# A list's heading or introduction naming whom it lists by their work, many of them: "Our diabetes
# nurses:", "the peer mentors below" (one, "the physiotherapist", is the writer or a facilitator).
_ROLES_RE = re.compile(
    r"(?i)\b(?:nurses|doctors|consultants|gps|clinicians|therapists|physios|physiotherapists|psychologists"
    r"|counsellors|pharmacists|midwives|practitioners|workers|mentors|buddies|champions|facilitators|coordinators"
    r"|co-ordinators|managers|leads|reps|representatives|professionals|employees|governors|members of the)\b"
)


def health_said(text: str, terms: Sequence[int]) -> bool:
    """A health term of ``text`` (their starts: ``terms``) on a line that names no role, job or
    staff's course (_role_free): a subject or a file's name saying what a group is for."""
    return _role_free(text, terms, 0, len(text), ())


def group_listed(text: str, terms: Sequence[int], private: Private, said: bool) -> int:
    """Private mailboxes listed together, MIN_GROUP or more on a run of lines each with one
    at least (an "Attendees: a; b; ..." line, a registrants' table, a greeting a mail merge
    filled with every name), whose health the lines introducing them say (a health term), or
    the message does when ``said`` (its subject, the file's or the sheet's name): the members
    of a group told by what it is for. Not staff's, a team's, an event's or a course's list
    (_not_patients_list, a role on its rows or many in its introduction)."""
    if text.count("@") < MIN_GROUP:
        return 0

    def addresses_line(line_start: int, line_end: int) -> tuple[list[str], bool] | None:
        """The line's private mailboxes, and whether its other words name a role or a job."""
        addresses = [m for m in _ADDRESS_RE.finditer(text, line_start, line_end) if private(m.group())]
        if not addresses:
            return None
        line = text[line_start:line_end]
        for m in reversed(addresses):  # an address's words are no role ("jane.nurse@...")
            line = line[:m.start() - line_start] + " " + line[m.end() - line_start:]
        staff = bool(_ROLE_RE.search(line) or identifiers._JOB_TITLE_RE.search(line))
        return [m.group().lower() for m in addresses], staff

    found = 0
    for block_start, lines in _address_blocks(text, addresses_line):
        members = {address for addresses, _staff in lines for address in addresses}
        if len(members) < MIN_GROUP or any(staff for _addresses, staff in lines):
            continue
        intro = max(block_start - _INTRO_REACH, identifiers._list_intro_start(text, block_start))
        if _not_patients_list(text, intro, block_start) or _ROLES_RE.search(text, intro, block_start):
            continue
        i = bisect.bisect_left(terms, intro)
        if said or (i < len(terms) and terms[i] < block_start):
            found += len(members)
    return found


def group_in_header(text: str, terms: Sequence[int], private: Private) -> int:
    """The private mailboxes in the To or Cc of a forwarded message's header quoted in
    ``text`` (a From, Sent or Date line near it) when its Subject, or its text under the
    header, says health (a term, no role's): the members of a group, told by what it is for."""
    if "@" not in text or not terms:
        return 0
    found = 0
    for to in _TO_LINE_RE.finditer(text):
        line_start, line_end = line_bounds(text, to.start())
        # the header's lines around its To: up and down to a line that is none of them
        top = _header_top(text, line_start)
        header_lines = [m.group(1).lower() for m in _HEADER_LINE_RE.finditer(text, top, min(len(text), line_end + 2000))]
        if not {"from", "sent", "date"} & set(header_lines[:_HEADER_BLOCK_LINES]):
            continue
        # its addresses: the To line and any lines it runs on to, up to the next header line
        end = line_end
        for _ in range(_HEADER_BLOCK_LINES):
            nxt = end + 1
            if nxt >= len(text) or _HEADER_LINE_RE.match(text, nxt) or text[nxt] in "\r\n":
                break
            end = line_bounds(text, nxt)[1]
        mailboxes = {m.group().lower() for m in _ADDRESS_RE.finditer(text, to.end(), end) if private(m.group())}
        if len(mailboxes) < _MIN_MAILBOXES:
            continue
        subject = _SUBJECT_LINE_RE.search(text, top, min(len(text), end + 1000))
        said = False
        if subject is not None and subject.start() - end < 1000:
            s_start, s_end = line_bounds(text, subject.start())
            said = _role_free(text, terms, subject.end(), s_end, ())
            body = text.find("\n", s_end + 1)
        else:
            body = end
        if not said and body >= 0:
            stop = _NEXT_HEADER_RE.search(text, body, body + _FORWARDED_TEXT)
            said = _role_free(text, terms, body, stop.start() if stop else min(len(text), body + _FORWARDED_TEXT), ())
        if said:
            found += len(mailboxes)
    return found


def _header_top(text: str, line_start: int) -> int:
    """Where a quoted header's block starts: up from the line at ``line_start`` over the lines
    that are a header's (Sent, To, Cc, Subject...), a few at the most."""
    top = line_start
    for _ in range(_HEADER_BLOCK_LINES):
        prev = identifiers.previous_line_start(text, top, skip_blank=0) if top else None
        if prev is None or not _HEADER_LINE_RE.match(text, prev):
            break
        top = prev
    return top


def _header_bottom(text: str, line_end: int) -> int:
    """Where a quoted header's block ends: down from the line ending at ``line_end`` over the
    lines that are a header's, a few at the most."""
    body = line_end
    for _ in range(_HEADER_BLOCK_LINES):
        nxt = body + 1
        if nxt >= len(text) or not _HEADER_LINE_RE.match(text, nxt):
            break
        body = line_bounds(text, nxt)[1]
    return body


def reader_told_in_header(text: str, terms: Sequence[int], private: Private) -> int:
    """Forwarded or quoted messages in ``text`` written to one private person (their header's
    To line holds one address, a private mailbox; no Cc) whose text under the header tells that
    reader of their own health (identifiers.reader_told: "Dear Sir, ... your GP has referred you
    to the Rapid Access Chest Pain Clinic"): a clinic's letter to the patient, sent on."""
    if "@" not in text or not terms:
        return 0
    found = 0
    for to in _TO_LINE_RE.finditer(text):
        line_start, line_end = line_bounds(text, to.start())
        if text[to.start():to.end()].strip(" \t>*").lower()[:2] != "to":
            continue
        addresses = list(_ADDRESS_RE.finditer(text, to.end(), line_end))
        if len(addresses) != 1 or not private(addresses[0].group()):
            continue
        top = _header_top(text, line_start)
        body = _header_bottom(text, line_end)
        lines = [m.group(1).lower() for m in _HEADER_LINE_RE.finditer(text, top, body)]
        if not {"from", "sent", "date"} & set(lines) or "cc" in lines:
            continue
        stop = _NEXT_HEADER_RE.search(text, body + 1, body + _FORWARDED_TEXT)
        if identifiers.reader_told(text, terms, body, stop.start() if stop else min(len(text), body + _FORWARDED_TEXT)):
            found += 1
    return found


_SUBJECT_LINE_RE = re.compile(r"(?im)^[ \t>*]*subject[ \t]*:")
_NEXT_HEADER_RE = re.compile(r"(?im)^[ \t>*]*(?:from|-{3,}[ \t]*(?:original|forwarded) message)")


def group_of_attached(subject: str, subject_terms: Sequence[int], body: str, body_terms: Sequence[int],
                      mailboxes: Iterable[str], private: Private) -> int:
    """The private mailboxes an attached message was written to (its To and Cc) when its
    subject or its text says health (a term, no role's): the members of a group."""
    members = {a.lower() for a in mailboxes if private(a)}
    if len(members) < _MIN_MAILBOXES:
        return 0
    if (subject_terms and _role_free(subject, subject_terms, 0, len(subject), ())) or (
            body_terms and _role_free(body, body_terms, 0, min(len(body), _FORWARDED_TEXT), ())):
        return len(members)
    return 0


# Where a quoted message's sender is shown: its header's "From:" line, or a reply's attribution
# ("On Mon, 2 Nov 2026 at 21:03, Jane Example <jane@...> wrote:", perhaps over two lines).
_FROM_LINE_RE = re.compile(r"(?im)^[ \t>*]*from[ \t]*:[ \t]*")
_WROTE_RE = re.compile(r"(?i)\bwrote[ \t]*:")
_ATTRIBUTION_START_RE = re.compile(r"(?im)^[ \t>]*on[ \t]")
_ATTRIBUTION_REACH = 300  # characters before "wrote:" in which its "On ..." starts
_QUOTED_TEXT = 2000  # characters of a quoted message read for its writer's health
# The writer speaking of themselves before a health term, in its clause: "I've been having
# chest pains", "my HbA1c was 68", "I'm not coping with the side effects".
_FIRST_PERSON_RE = re.compile(r"(?i)(?<![\w'\u2019])(?:i|i['\u2019](?:m|ve|d|ll)|me|my|myself)(?![\w'\u2019])")
# ... not of another: a patient, a relative, a colleague, a third person between ("I have a
# patient with diabetes", "my mum's dementia", "I referred her for", "my team's diabetes audit").
_ANOTHER_BETWEEN_RE = re.compile(
    r"(?i)\b(?:patients?|pts?|clients?|service users?|residents?|lady|gentleman|gent|man|woman|boy|girl|child|children"
    r"|baby|son|daughter|mum|mother|dad|father|wife|husband|partner|brother|sister|nan|gran\w*|friend|neighbour"
    r"|colleagues?|team|staff|students?|(?<!from[ \t\n])(?<!from the[ \t\n])(?:clinic|ward|service|practice)|he|she|his|her|him|they"
    r"|them|their)\b"
)  # (not where the writer heard from: "got my results back from clinic today - viral load undetectable")
_FIRST_PERSON_REACH = 60  # characters from the writer's word to the health term
# The forwarder speaking of the quoted writer: "please could you see this lady? She has ...".
_THEM_RE = re.compile(r"(?i)\b(?:she|he|her|his|him|this (?:lady|gentleman|gent|man|woman|patient|pt))\b")
_SIGNATURE_LINE = 60  # characters: a line of a signature is short


def own_message_quoted(text: str, terms: Sequence[int], private: Private) -> int:
    """Private people whose own message ``text`` quotes (a reply's or a forward's: see the
    module) speaking of their own health, or whose forwarder says it of them above it; 0 if
    none. Looked for only where a "From:" line or a "wrote:" and a private mailbox are."""
    if "@" not in text or not terms:
        return 0
    found = 0
    for sender_at, sender_end, body in _quoted_senders(text):
        address = _ADDRESS_RE.search(text, sender_at, sender_end)
        if address is None or not private(address.group()):
            continue
        found += _own_health_quoted(text, terms, sender_at, address.start(), body)
    return found


# One person's own mailbox given as theirs in prose, as a mobile number is given to call them on
# (identifiers.mobile_rows): "Her email is ...", "the patient's e-mail address:", "email him at".
_THEIR_MAILBOX_RE = re.compile(
    r"(?i)(?:\b(?:his|her|their|mum['\u2019]s|dad['\u2019]s|(?:the[ \t]+)?(?:patient|pt|client|service user)['\u2019]s)"
    r"[ \t]+(?:personal[ \t]+|own[ \t]+|home[ \t]+)?e-?mail(?:[ \t]+address)?(?:[ \t]+(?:is|was))?"
    r"|\b(?:e-?mail(?:ed)?|contact(?:ed)?|reply[ \t]+to|write[ \t]+to|wrote[ \t]+to)[ \t]+(?:him|her|them|the[ \t]+patient)"
    r"[ \t]+(?:on|at|via))[ \t]*[:\-]?[ \t]*<?$"
)
_THEIR_MAILBOX_LEAD = 50  # characters before an address in which it is given as someone's
_TOLD_SENTENCES = 3  # the address's sentence and the next two, where that person's health is said


def mailbox_told(text: str, terms: Sequence[int], private: Private) -> int:
    """People whose private mailbox ``text`` gives as theirs in prose (_THEIR_MAILBOX_RE) with
    their health said in its sentence or the next two: "Her email is jane.example@outlook.com
    and the letter was her abnormal smear result"; not a member of staff's absence."""
    if "@" not in text or not terms:
        return 0
    found = 0
    for m in _ADDRESS_RE.finditer(text):
        start = m.start()
        if _THEIR_MAILBOX_RE.search(text, max(0, start - _THEIR_MAILBOX_LEAD), start) is None or not private(m.group()):
            continue
        a = identifiers._sentence_start(text, start, max(0, start - identifiers._SENTENCE_REACH))
        b = identifiers._sentences_end(text, m.end(), _TOLD_SENTENCES, identifiers._CALLED_REACH)
        if identifiers._health_between(text, terms, a, b) and not identifiers._away_from_work(text, a, b, terms):
            found += 1
    return found


# A text message forwarded by mail, its sender shown by the mobile number it came from, a name
# before it at most ("From: Jane Example <+447700900123>", "From: 07700 900123"): a person's own
# phone, as a private mailbox is theirs.
_SMS_SENDER_RE = re.compile(
    r"(?<![\w+])" + identifiers._UK_MOBILE + r"(?![\w])[ \t>)\]]*$", re.M)


def own_text_quoted(text: str, terms: Sequence[int]) -> int:
    """People whose own text message ``text`` quotes, its "From:" line showing the mobile
    number it came from (_SMS_SENDER_RE), speaking of their own health ("do i up the
    novorapid?") or said of them above it, as own_message_quoted reads a private mailbox's
    message; 0 if none."""
    if not terms or not any(w in text for w in ("From:", "from:", "FROM:")):
        return 0
    found = 0
    for sender_at, sender_end, body in _quoted_senders(text):
        mobile = _SMS_SENDER_RE.search(text, sender_at, sender_end)
        if mobile is not None and "@" not in text[sender_at:sender_end]:
            found += _own_health_quoted(text, terms, sender_at, mobile.start(), body)
    return found


# A forwarded message's mark ("---------- Forwarded message ---------", "-----Original Message-----",
# "Begin forwarded message:"), and its writer's signature: their name alone on its line over
# their mobile number alone on its own ("Jane Example" / "07700 900123").
_FORWARD_MARK_RE = re.compile(
    r"(?im)^[ \t>*]*(?:-{3,}[ \t]*(?:original|forwarded)[ \t]+message|begin[ \t]+forwarded[ \t]+message)")
_SIGNED_MOBILE_RE = re.compile(
    r"(?im)^[ \t>*]*(?:(?:mob(?:ile)?|m|tel|phone|t)[ \t.:]*)?" + identifiers._UK_MOBILE + r"[ \t]*$")
_SIGNATURE_LINES = 4  # lines under a signed name in which the writer's mobile is given


def own_message_signed(text: str, terms: Sequence[int]) -> int:
    """Forwarded messages in ``text`` whose writer speaks of their own health ("Since the
    angiogram I have been getting tightness in my chest") and signs with their name and their
    mobile number, no job's (a patient's own message sent on): as own_message_quoted reads one
    whose header shows a private mailbox. 0 if none."""
    if not terms or not any(w in text for w in ("orward", "riginal", "ORWARD", "RIGINAL")):
        return 0
    found = 0
    marks = list(_FORWARD_MARK_RE.finditer(text))
    for i, mark in enumerate(marks):
        start = mark.end()
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        mobile = None
        for m in _SIGNED_MOBILE_RE.finditer(text, start, end):
            mobile = m
        if mobile is None:
            continue
        # the writer's name: a line alone a few lines above the number
        name_line = None
        pos = line_bounds(text, mobile.start())[0]
        for _ in range(_SIGNATURE_LINES):
            prev = identifiers.previous_line_start(text, pos, skip_blank=0) if pos > start else None
            if prev is None or prev < start:
                break
            pos = prev
            line_start, line_end = line_bounds(text, pos)
            line = text[line_start:line_end].strip(" \t>*")
            if not line:
                break
            first = line_start + len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip(" \t>*"))
            if len(line.split()) >= 2 and identifiers._lead_name_end(text, first, first + len(line)) == first + len(line):
                name_line = line_start
                break
        if name_line is None or _signed_by_staff(text, start, end):
            continue
        found += int(_says_own_health(text, terms, start, name_line) or _own_sentence(text, terms, start, name_line))
    return found


def _own_sentence(text: str, terms: Sequence[int], start: int, end: int) -> bool:
    """A sentence of text[start:end] with a health term that speaks of health and the writer's
    own word ("I", "my") anywhere in it, no other person in it: "Since the angiogram on the 14th
    I have been getting tightness in my chest"."""
    i = bisect.bisect_left(terms, start)
    while i < len(terms) and terms[i] < end:
        term = terms[i]
        i += 1
        a = identifiers._sentence_start(text, term, max(start, term - identifiers._SENTENCE_REACH))
        b = min(end, identifiers._sentences_end(text, term, 1, identifiers._SENTENCE_REACH))
        if (_FIRST_PERSON_RE.search(text, a, b) and not _ANOTHER_BETWEEN_RE.search(text, a, b)
                and identifiers._about_health(text, term) and not identifiers._ABSENCE_RE.search(text, a, b)
                and not identifiers._PUBLIC_VOICE_RE.search(text, a, b) and not _not_had(text, a, b)):
            return True
    return False


def _own_health_quoted(text: str, terms: Sequence[int], sender_at: int, address: int, body: int) -> int:
    """1 if the message quoted from ``body`` (its sender's name at text[sender_at:address]) speaks
    of its writer's own health, or its forwarder says it of them above it; not a member of
    staff's (a job title by the name or signed under it)."""
    stop = _NEXT_HEADER_RE.search(text, body + 1, body + _QUOTED_TEXT)
    end = stop.start() if stop is not None else min(len(text), body + _QUOTED_TEXT)
    if _signed_by_staff(text, body, end) or identifiers._JOB_TITLE_RE.search(text, sender_at, address):
        return 0
    return int(_says_own_health(text, terms, body, end) or _said_of_them_above(text, terms, sender_at))


def _quoted_senders(text: str) -> list[tuple[int, int, int]]:
    """(where a quoted message's sender is shown, where that ends, where its text starts) for
    each quoted message in ``text``: its "From:" line, its text after its header's lines; or
    its attribution, its text after its "wrote:"."""
    found = []
    froms = _FROM_LINE_RE.finditer(text) if any(w in text for w in ("From:", "from:", "FROM:")) else ()
    for m in froms:
        line_start, line_end = line_bounds(text, m.start())
        # the header's other lines (Sent, To, Cc, Subject...), up to a line that is none of them
        body = _header_bottom(text, line_end)
        if body > line_end or "@" in text[m.end():line_end]:  # a header's block, not a line of prose
            found.append((m.end(), line_end, min(len(text), body + 1)))
    pos = text.find("wrote")
    while pos >= 0:
        wrote = _WROTE_RE.match(text, pos)
        pos = text.find("wrote", pos + 5)
        if wrote is None:
            continue
        start = None
        for a in _ATTRIBUTION_START_RE.finditer(text, max(0, wrote.start() - _ATTRIBUTION_REACH), wrote.start()):
            start = a.end()
        if start is None or "@" not in text[start:wrote.start()]:
            continue
        body = line_bounds(text, wrote.end())[1]
        # a header quoted at once under it is another message's, read on its "From:" line
        if not (body + 1 < len(text) and _HEADER_LINE_RE.match(text, body + 1)):
            found.append((start, wrote.start(), min(len(text), body + 1)))
    return found


def _says_own_health(text: str, terms: Sequence[int], start: int, end: int) -> bool:
    """A health term in text[start:end] that speaks of health, the writer's own by "I" or
    "my" before it in its clause, no other person between."""
    i = bisect.bisect_left(terms, start)
    while i < len(terms) and terms[i] < end:
        term = terms[i]
        i += 1
        low = max(start, term - _FIRST_PERSON_REACH)
        clause = max(low, *(text.rfind(c, low, term) + 1 for c in ".!?;"))
        mine = list(_FIRST_PERSON_RE.finditer(text, clause, term))
        me = mine[-1] if mine else None  # the last: "my clinic appointment about my diabetes"
        if me is None or _ANOTHER_BETWEEN_RE.search(text, me.end(), term) or not identifiers._about_health(text, term):
            continue
        sentence = identifiers._sentence_start(text, term, max(start, term - identifiers._SENTENCE_REACH))
        stop = identifiers._sentences_end(text, term, 1, identifiers._SENTENCE_REACH)
        if not (identifiers._ABSENCE_RE.search(text, sentence, stop) or identifiers._PUBLIC_VOICE_RE.search(
                text, sentence, stop) or _not_had(text, me.end(), term)):
            return True  # (not "I've got flu so won't be in for my shift": a colleague's own absence)
    return False


# ... a place the writer heard from, no other thing they have: "my results back from clinic"
_HEARD_FROM_RE = re.compile(r"(?i)\bfrom[ \t\n]+(?:the[ \t\n]+)?$")


def _not_had(text: str, start: int, end: int) -> bool:
    """Between the writer's word and a health term at text[start:end], a thing they have
    instead (identifiers._NOT_HAD_RE: "my interest in diabetes"); not the clinic they heard from."""
    for m in identifiers._NOT_HAD_RE.finditer(text, start, end):
        if not (m.group().lower() == "clinic" and _HEARD_FROM_RE.search(text, max(start, m.start() - 10), m.start())):
            return True
    return False


def _said_of_them_above(text: str, terms: Sequence[int], sender_at: int) -> bool:
    """The forwarder's own lines above the quoted message (above its header or attribution,
    and any message quoted before it) say a health term of a third person in its sentence:
    the quoted writer's."""
    top = line_bounds(text, sender_at)[0]
    first = _NEXT_HEADER_RE.search(text, 0, top)
    above_end = first.start() if first is not None else top
    for term in terms:
        if term >= above_end:
            break
        start = identifiers._sentence_start(text, term, max(0, term - identifiers._SENTENCE_REACH))
        them = _THEM_RE.search(text, start, term)
        if them is None or not identifiers._about_health(text, term):
            continue
        stop = identifiers._sentences_end(text, term, 1, identifiers._SENTENCE_REACH)
        if not (identifiers._NOT_HAD_RE.search(text, them.end(), term) or identifiers._staff_duty(text, term, them.end())
                or identifiers._work_said_of_term(text, term) or identifiers._PUBLIC_VOICE_RE.search(text, start, stop)
                or identifiers._ABSENCE_RE.search(text, start, stop)):
            return True  # (not "she has a background in stroke", "he has diabetes clinic on Monday")
    return False


def _signed_by_staff(text: str, start: int, end: int) -> bool:
    """A short line of text[start:end] (a signature's) names a job: a member of staff's message."""
    pos = start
    while pos < end:
        line_start, line_end = line_bounds(text, pos)
        line_end = min(line_end, end)
        if line_end - line_start <= _SIGNATURE_LINE and identifiers._JOB_TITLE_RE.search(text, line_start, line_end):
            return True
        pos = line_end + 1
    return False
