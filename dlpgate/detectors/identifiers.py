"""Patient identifiers without a health number: dates of birth, ID labels, tables.

Used by :mod:`dlpgate.detectors.health_terms`, whose one automaton pass over the
word text finds every label below; each check here then runs at a label's
position only, over a bounded window, so the cost stays linear in the text.

* Dates of birth: a label (``DOB``, ``D.O.B.``, ``D/O/B``, ``Date of birth``,
  ``Birth date``, ``Born`` written as a label) then a date on the same line
  (within ~40 characters), or the label alone on its line and the date first on
  the next. Dates: ``03/04/1964``, ``03.04.64``, ``3-4-1964`` (day or month
  first), ISO ``1964-04-03``, ``3 April 1964``, ``3rd of April 1964``,
  ``3rd April '64``, ``03-APR-64``, ``03Apr1964``, ``April 3, 1964``, ``Apr 3rd 1964``; right after
  the label also ``03041964`` / ``19640403`` / ``030464`` and ``03 04 1964``. A
  four-digit year must be 1900..this year. A date with no label counts only
  right after a person's name, a year or more ago (``patient_names``, below).
* Patient-ID labels (``Hospital No``, ``Hosp no``, ``MRN``, ``Unit number``,
  ``Case note number``, ``PAS number``, ``Patient ref``, ``Pt ref``, ``Patient
  ID``, ``K number``, a trust code ``RXX number``, a record system's number:
  ``RiO ID``, ``EPR number``, ``EMIS number``, ``SystmOne ID``, ``Mosaic ID``, ...)
  followed, on the same or
  the next line, by an identifier of 5+ letters/digits holding a digit. "Case
  number" alone is not a label (support desks, courts and insurers use it).
* ICD-10 codes (``F20.0``, ``C50.9``, ``B20``) are health details when a
  diagnosis label (``Diagnosis``, ``Dx``, ``ICD-10``, ``Code``) precedes them on the
  line, when they sit in a table column headed so, or - written with a dot and
  subcode - on the same line as a date of birth or patient ID. Each code counts as
  a health term of the category of its chapter (F: mental health, C: oncology,
  B20-B24: HIV ...). A bare code with none of that context (a part or seat
  number) is not read.
* Tables in layout text (PDF, plain-text reports): a line made almost entirely
  of column words (``Surname Forename Date of birth Hospital No Diagnosis``),
  whatever separates them, with an identifying column (date of birth, hospital
  number, NHS/CHI number). Each following line that carries a date (for a
  date-of-birth column) or an identifier (for an ID column) is a patient.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import regex

from dlpgate.detectors.checksums import verhoeff_valid
from dlpgate.detectors.lexicon import term_key, without_surrogates, word_text

# --- labels the automaton looks for (as word text keys) --------------------------

# Database exports write labels in one word ("DateOfBirth", "PatientID", "HospNo").
DOB_LABELS = ("dob", "d o b", "date of birth", "birth date", "birthdate", "born", "date born", "dyddiad geni",
              "ceann latha breith",
              # in the languages trusts translate letters into: Polish, Romanian, Spanish, Portuguese, Lithuanian
              "data urodzenia", "ur", "urodzony", "urodzona", "data nașterii", "data naşterii", "data nasterii",
              "născut", "născută", "nascut", "nascuta", "fecha de nacimiento", "fecha nacimiento",
              "data de nascimento", "data nascimento", "gimimo data", "gimęs", "gimusi",
              "dateofbirth", "patientdob", "pt dob",
              # a contact card's (vCard BDAY), as an address book or a care home's system exports one
              "bday")
ID_LABELS = (
    "hospital no", "hospital number", "hospital num", "hospital id", "hospital ref",
    "hosp no", "hosp number", "hosp num", "hosp id",
    "mrn", "m r n", "medical record no", "medical record number", "medical records no",
    "medical records number", "med rec no",
    "unit no", "unit number", "case note no", "case note number", "case notes no",
    "case notes number", "casenote no", "casenote number", "casenotes no",
    "pas no", "pas number", "pas id",
    "patient id", "patient identifier", "patient ref", "patient reference",
    "patient no", "patient number", "pt id", "pt ref", "pt no", "pt number",
    "k number", "k no", "local patient id", "local patient identifier",
    # Welsh: a hospital's number ("Rhif ysbyty")
    "rhif ysbyty",
    # the record systems' own numbers: mental health (RiO), hospital EPRs, GP systems, social care
    "rio id", "rio no", "rio number", "epr id", "epr no", "epr number", "emis id", "emis no",
    "emis number", "systmone id", "systmone no", "systmone number", "mosaic id", "mosaic no",
    "mosaic number", "s1 id", "s1 no", "s1 number", "cr no", "cr number", "rio",
    # community, mental health and social care records name their patients as clients and
    # service users ("Client ID: 1093375" in RiO and Mosaic)
    "client id", "client no", "client number", "service user id", "service user no", "service user number",
    "person id",
    "a&e no", "a&e number", "a and e no", "a and e number", "ed no", "ed number", "ae no", "ae number",
    # prison healthcare: a prisoner's number names the patient as a hospital number does
    "prison no", "prison number", "prisoner no", "prisoner number", "nomis no", "nomis number",
    "nomis", "nomis id",
    "patientid", "patientno", "patientref", "hospitalno", "hospitalnumber", "hospno",
    "unitno", "pasno", "pasid", "casenoteno", "casenotenumber", "ptid", "localpatientid",
)
# An emergency department's number of one attendance ("ED attendance no. 26/118734", "A&E
# attendance number", a casualty card's): the number of the visit, not of the patient (numbers.py
# reads it as another thing's, as it does a visit's or an episode's), but with the attendance's
# health beside it, it finds the patient's record as their hospital number does. An episode's or
# a spell's number stays a contracting and coding flow's (and a laboratory's specimen's).
ATTENDANCE_LABELS = (
    # (not "attendance no" alone: a course's or a school's register numbers attendances too)
    "ed attendance no", "ed attendance number", "a&e attendance no", "a&e attendance number",
    "ae attendance no", "ae attendance number", "a and e attendance no", "a and e attendance number",
    "cas card no", "cas card number", "casualty card no", "casualty card number",
)
# A bare "Code:" is not among them: product, order and discount codes look the same.
DX_LABELS = (
    "diagnosis", "diagnoses", "diagnosed", "dx", "ddx", "diag", "icd", "icd10", "icd 10",
    "diagnostic code",
    "clinical code", "clinical codes", "read code", "read codes", "snomed code",
)
# A record's field of what troubles the patient: filled in, a health detail as a diagnosis is
# ("Symptoms: cough and fever for 3 days", "Presenting complaint: fall at home").
SYMPTOM_LABELS = ("symptoms", "presenting complaint", "presenting complaints", "presenting symptoms", "chief complaint")
# The patient's own words as a messaging system lays them out ("Patient reply: ...", "Message
# from patient: ..."): a health detail when they say what their body is doing (_OWN_SYMPTOMS_RE).
PATIENT_WORDS_LABELS = ("patient reply", "patient response", "patient message", "patient's reply",
                        "patient's response", "patient's message", "reply from patient", "response from patient",
                        "message from patient")
# A clinical coding scheme's name labelling its codes ("Active problems (SNOMED): 49436004",
# "Procedures (OPCS): W37.1"): read as a diagnosis label is, for the scheme's own codes
# (scheme_codes). Not column headers: a formulary's "SNOMED" column holds no one's diagnosis.
CODE_SCHEME_LABELS = ("snomed", "snomed ct", "opcs", "opcs4", "opcs 4")
OPCS_LABELS = frozenset((" opcs", " opcs4", " opcs 4"))
# A cancer registry's coding of a tumour (ICD-O-3): its site ("Topography: C50.4", an ICD-10
# code of the C chapter) and its histology and behaviour ("Morphology: 8140/3"). A label in
# text and a column's header alike.
TUMOUR_LABELS = ("topography", "morphology")
MORPHOLOGY_KEY = " morphology"
# Identifying column words that are not labels above (tables only).
HEADER_ONLY_LABELS = ("nhs no", "nhs number", "chi no", "chi number", "h c no", "h c number",
                      "nhsno", "nhsnumber", "chino", "chinumber")

_THIS_YEAR = datetime.date.today().year

# --- dates ---------------------------------------------------------------------

_MON = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    # Welsh, as NHS Wales writes them
    r"|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)(?![a-z])"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE_BODY = (
    # 03/04/1964, 3.4.64, 04-03-1964 (day or month first)
    # (spaces around the separators, as forms print them: 03 / 04 / 1964)
    r"(?P<a1>[0-9]{1,2})(?P<as> ?[/.\-] ?)(?P<a2>[0-9]{1,2})(?P=as)(?P<a3>[0-9]{4}|[0-9]{2})"
    # 1964-04-03, 1964/04/03
    r"|(?P<b1>(?:19|20)[0-9]{2})(?P<bs> ?[/.\-] ?)(?P<b2>[0-9]{1,2})(?P=bs)(?P<b3>[0-9]{1,2})"
    # 3 April 1964, 3rd of April '64, 03-APR-64, 3 Apr, 1964
    rf"|(?P<c1>[0-9]{{1,2}}){_ORD}(?:[ ]+of)?[ \-/.,]{{1,3}}{_MON.format(g='cm')}\.?"
    r"(?:[ \-/.,]{1,3}|(?=['\u2019]))['\u2019]?(?P<c3>[0-9]{4}|[0-9]{2})"
    # 02Mar1961, 2MAR61: as some systems print it
    rf"|(?P<g1>[0-9]{{1,2}}){_MON.format(g='gm')}(?P<g3>(?:19|20)[0-9]{{2}}|[0-9]{{2}})"
    # April 3, 1964; Apr 3rd 1964; April 3 '64
    rf"|{_MON.format(g='dm')}\.?[ ]{{1,3}}(?P<d1>[0-9]{{1,2}}){_ORD},?[ ]{{1,3}}"
    r"['\u2019]?(?P<d3>[0-9]{4}|[0-9]{2})"
    # 2.III.1964, 02-IV-64: the month in capital Roman numerals, as much of Europe writes it
    r"|(?P<h1>[0-9]{1,2})(?P<hs> ?[/.\-] ?)(?-i:(?P<hm>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I))(?P=hs)"
    r"(?P<h3>[0-9]{4}|[0-9]{2})"
)
DATE_RE = re.compile(r"(?i)(?<![0-9A-Za-z])(?:" + _DATE_BODY + r")(?![0-9])")
# For long tables: the numeric forms alone (fast), and month names to find the others.
_NUMERIC_DATE_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"(?P<a1>[0-9]{1,2})(?P<as>[/.\-])(?P<a2>[0-9]{1,2})(?P=as)(?P<a3>[0-9]{4}|[0-9]{2})"
    r"|(?P<b1>(?:19|20)[0-9]{2})(?P<bs>[/.\-])(?P<b2>[0-9]{1,2})(?P=bs)(?P<b3>[0-9]{1,2})"
    r")(?![0-9])"
)
# Run on lower-cased text; the leading class lets the engine skip most positions fast.
_MONTH_RE = re.compile(r"[jfmasond](?<![a-z][jfmasond])(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)")
# Right after a label only: 03041964, 19640403, 030464, 03 04 1964.
_COMPACT_RE = re.compile(
    r"(?P<e>[0-9]{8}|[0-9]{6})(?![0-9])"
    r"|(?P<f1>[0-9]{1,2})[ ](?P<f2>[0-9]{1,2})[ ](?P<f3>(?:19|20)[0-9]{2})(?![0-9])"
)
_WEEKDAY_RE = re.compile(r"(?i)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]+")
_LABEL_GAP_RE = re.compile(r"[ \t:=\-#.)(]*")
_LABEL_ONLY_RE = re.compile(r"[ \t:=\-#.)(]*(?:\r?\n|$)")


_OLDEST = 115  # years: a date of birth further back is a form's placeholder ("01/01/1900"), no one's


def _year_ok(text: str) -> bool:
    if len(text) == 2:
        return True
    return _THIS_YEAR - _OLDEST <= int(text) <= _THIS_YEAR


def _dm_ok(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def date_ok(m: re.Match[str]) -> bool:
    """Whether a DATE_RE / _COMPACT_RE match is a plausible calendar date of birth."""
    # Each form's last group names it (a3: 03/04/1964, b3: ISO, c3/d3/g3: month names,
    # h3: Roman numerals).
    last = m.lastgroup
    if last == "a3":
        a, b = int(m.group("a1")), int(m.group("a2"))
        return (_dm_ok(a, b) or _dm_ok(b, a)) and _year_ok(m.group("a3"))
    if last == "b3":
        return _dm_ok(int(m.group("b3")), int(m.group("b2"))) and _year_ok(m.group("b1"))
    if last == "c3":
        return 1 <= int(m.group("c1")) <= 31 and _year_ok(m.group("c3"))
    if last == "d3":
        return 1 <= int(m.group("d1")) <= 31 and _year_ok(m.group("d3"))
    if last == "g3":
        return 1 <= int(m.group("g1")) <= 31 and _year_ok(m.group("g3"))
    if last == "h3":
        return 1 <= int(m.group("h1")) <= 31 and _year_ok(m.group("h3"))
    if last == "f3":
        a, b = int(m.group("f1")), int(m.group("f2"))
        return (_dm_ok(a, b) or _dm_ok(b, a)) and _year_ok(m.group("f3"))
    digits = m.group("e") if last == "e" else None
    if digits is None:
        return False
    if len(digits) == 8:
        head, tail = int(digits[:2]), int(digits[2:4])
        if (_dm_ok(head, tail) or _dm_ok(tail, head)) and _year_ok(digits[4:]):
            return True
        return _dm_ok(int(digits[6:]), int(digits[4:6])) and _year_ok(digits[:4])
    head, tail = int(digits[:2]), int(digits[2:4])
    return _dm_ok(head, tail) or _dm_ok(tail, head)


# Words that, between a DOB label and a date, say the date is something else's.
_OTHER_DATE_WORDS = frozenset(
    "dated sent received letter seen appointment appt admitted admission discharged discharge "
    "referral referred until from since by before after on at due review clinic "
    # a form's help text shows how to write one: "For example, enter January 8, 1980 as 01/08/1980"
    "example examples eg sample".split()
)
_EXAMPLE_RE = re.compile(r"(?i)\be\.\s?g\b")  # "e.g."


def _gap_ok(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    words = word_text(gap).split()
    return len(words) <= 4 and not any(w in _OTHER_DATE_WORDS for w in words) and not _EXAMPLE_RE.search(gap)


def find_date(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first plausible date starting in text[start:end] (end clipped to the line)."""
    pos = start
    while pos < end:
        m = DATE_RE.search(text, pos, end + 32)
        if m is None or m.start() >= end:
            return None
        if date_ok(m):
            return m
        pos = m.start() + 1
    return None


LINE_REACH = 500  # how far a check looks for its line's ends: the work per label stays bounded


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line around ``pos``, at most LINE_REACH characters each way."""
    low = max(0, pos - LINE_REACH)
    start = text.rfind("\n", low, pos) + 1 or low
    high = min(len(text), pos + LINE_REACH)
    end = text.find("\n", pos, high)
    return start, high if end < 0 else end


def next_line_start(text: str, line_end: int, skip_blank: int = 1) -> int | None:
    """Start of the next non-blank line (skipping at most ``skip_blank`` blank lines)."""
    pos = line_end + 1
    for _ in range(skip_blank + 1):
        if pos >= len(text):
            return None
        end = text.find("\n", pos, pos + LINE_REACH)
        end = min(len(text), pos + LINE_REACH) if end < 0 else end
        if text[pos:end].strip():
            return pos
        pos = end + 1
    return None


def previous_line_start(text: str, line_start: int, skip_blank: int = 1) -> int | None:
    """Start of the non-blank line above the one starting at ``line_start`` (skipping at
    most ``skip_blank`` blank lines)."""
    pos = line_start
    for _ in range(skip_blank + 1):
        if pos <= 0:
            return None
        top = text.rfind("\n", 0, pos - 1) + 1
        if text[top:pos - 1].strip():
            return top
        pos = top
    return None


_BORN_AFTER_FIELD_RE = re.compile(
    r"(?:[,;|\t(]|[ ]{2})[ \t]*\Z"
    # ... or after the person it is said of: "your patient born 14/11/1957", "a lady born 02.03.40"
    r"|(?i:\b(?:patient|pt|client|resident|gentleman|lady|man|woman|boy|girl|son|daughter|child|baby|infant))[ \t]+\Z"
)
_BORN_COLON_RE = re.compile(r"[ \t]*[:\-=][ \t]*")
# Words of staff news around "born": a birthday, a welcome, a farewell, a fundraiser.
_NEWS_RE = re.compile(
    r"(?i)\b(?:happy|birthday|congratulat\w*|celebrat\w*|sponsor\w*|marathon|fundrais\w*|retir\w*|farewell"
    r"|welcome to|joined us|anniversary|baby news|new arrival)"
)


# A person's label that says they are no patient: an applicant's, a volunteer's or a member of
# staff's date of birth (a reference request, a DBS check) is no patient's.
_NOT_PATIENT_PERSON_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:candidate|applicant|name of applicant|applicant name|employee|employee name"
    r"|staff member|member of staff|volunteer|delegate|new starter)[ \t]*[:\-\u2013]"
)


# A professional register's number ("GMC: 7123456", "NMC PIN 12A3456E") and a CV's sections
# around a date of birth: a clinician's profile, whose skills name conditions ("competent in
# managing sepsis"), not a patient's record.
_REGISTRATION_RE = re.compile(
    r"\b(?:GMC|NMC|HCPC|GPhC|GDC|GOC)(?:[ \t]+(?:no\.?|number|pin|reg(?:istration)?(?:[ \t]+(?:no\.?|number))?))?"
    r"[ \t]*[:#]?[ \t]*[A-Z]{0,3}[0-9][0-9A-Z]{4,7}\b"
)
_CV_SECTION_RE = re.compile(
    r"(?im)^[ \t*>\u2022\-]*(?:curriculum vitae|cv|qualifications|employment(?: history)?|(?:clinical |work |relevant )?experience"
    r"|education|career(?: history| summary)?|professional memberships|memberships|publications|referees|current post"
    r"|previous posts?|skills|training and courses)\b"
)
_PROFILE_REACH = 800  # characters either side of a date of birth in which a profile's marks are looked for


def _not_a_patient_near(text: str, line_start: int, line_end: int, label: int) -> bool:
    """The person whose date of birth (its label at ``label``) is on this line is said to be
    no patient: an applicant, an employee or a volunteer by their label; a member of staff
    by their record, by their register's number on the line, or by their job title before
    the date ("Leanne Example, Community Staff Nurse, date of birth ..."). Not in an
    occupational health referral or report: there the employee's health is what it is about."""
    if _occupational_health(text):
        return False
    if _NOT_PATIENT_PERSON_RE.search(text, max(0, line_start - 240), line_end):
        return True
    if _NOT_PATIENT_WORDS_RE.search(text, max(line_start, label - _FIELD_REACH), label):
        return True  # "Site pass for your operative Gary Example (DOB ...)"
    if _STAFF_FORM_RE.search(text, max(0, label - _FIELD_REACH), label):
        return True  # "Scores for your candidate:" / "Name: ..." / "DOB: ...": a recruit's form
    if _alone_before(text, line_start, label) and line_start > 0:
        # a record's block, the label first on its line: a register's number on the line
        # above or below ("Dr Kenneth Example" / "DOB ..." / "GMC 7012345")
        above = max(label - _FIELD_REACH, text.rfind("\n", 0, line_start - 1) + 1)
        below = text.find("\n", line_end + 1, label + _FIELD_REACH)
        if _REGISTRATION_RE.search(text, above, min(len(text), label + _FIELD_REACH) if below < 0 else below):
            return True
    return _member_of_staff(text, line_start, line_end, label)


_FIELD_REACH = 240  # characters either side of a label in which the words around it are looked for
# An occupational health referral or report, or a sickness absence case: an employee's health.
_OCCUPATIONAL_HEALTH_RE = re.compile(
    r"(?i)\b(?:occupational health|OH (?:referral|report|assessment|advice|appointment)|management referral"
    r"|fit(?:ness)? (?:for|to) work|fit note|phased return|sickness absence (?:review|meeting|case))\b"
)
# Pay and pensions on the line of a date of birth: an employee's.
_PAY_WORDS_RE = re.compile(r"(?i)\b(?:pension|pensions|payslip|payroll|salary|p45|p60|tax code|retirement estimate)\b")


# Before a date of birth on its line: what the person is there for, which no patient is.
_NOT_PATIENT_WORDS_RE = re.compile(
    r"(?i)\b(?:operatives?|contractors?|sub-?contractors?|volunteers?|volunteering|applicants?|candidates?"
    r"|new starters?|site pass|id badge|induction|dbs (?:check|application)|right to work|job offer"
    r"|offer of employment|pre-employment)\b"
)


# Occupational health as a step of recruitment ("Occupational health clearance", "before your
# OH appointment"): a recruiter's checklist names the checks a role needs (an exposure-prone
# role's hepatitis B, hepatitis C and HIV tests), not what they found.
_OH_STEP_RE = re.compile(
    r"(?i)\b(?:occupational health|OH)[ \t]+(?:clearance|clearances|appointment|questionnaire|form|check|checks"
    r"|screening|team|department)\b|\b(?:occupational health|OH)[ \t]+(?:will|may|would)[ \t]+(?:need|ask|contact)\b"
)
_RECRUITMENT_RE = re.compile(
    r"(?i)\b(?:conditional offer|offer of employment|job offer|pre-?employment|recruitment|applicant|candidate"
    r"|new starter|start date|onboarding|right to work"
    # a volunteer's application and its steps ("Thank you for your application to volunteer")
    r"|application to volunteer|voluntary services|volunteer(?:ing)?[ \t]+(?:application|role|roles|placement"
    r"|induction|coordinator|co-ordinator|opportunit(?:y|ies)))\b"
)
# What a test found, or a condition said of the person: then the mail is about their health.
_PERSONAL_HEALTH_RE = re.compile(
    r"(?i)\b(?:non-?immune|not immune|immune to|positive|negative|reactive|non-?reactive|detected|equivocal|titres?"
    r"|[0-9][ \t]*(?:m?IU/m?L|iu/l)|declared|disclosed|diagnosed|suffers?|unfit|fit (?:for|to) work|adjustments?"
    r"|restrictions?|not cleared|cleared with|your (?:results?|levels?|antibod\w*|bloods|blood tests?|tests? results?)"
    r" (?:was|were|is|are|show\w*|came)|(?:was|were|is|came back) (?:low|high|raised|abnormal|below|above))"
)


@functools.lru_cache(maxsize=8)
def _occupational_health(text: str) -> bool:
    """``text`` is an occupational health referral or report (_OCCUPATIONAL_HEALTH_RE):
    asked once per text, not once per date of birth in it. A recruiter's mail naming
    occupational health only as a step (_OH_STEP_RE), with nothing a test found or a
    condition said of the person, is no report."""
    marks = list(_OCCUPATIONAL_HEALTH_RE.finditer(text))
    if not marks:
        return False
    if all(m.group().lower() == "fit note" for m in marks) and _absence_record(text):
        return False  # an employee's own absence notified to HR, its fit note with it: no referral
    found = [m.start() for m in marks]
    steps = {m.start() for m in _OH_STEP_RE.finditer(text)}
    if not steps.issuperset(found) or _RECRUITMENT_RE.search(text) is None:
        return True
    return _PERSONAL_HEALTH_RE.search(text) is not None


# Fields of an employee's absence notification ("Reason for absence:", "First day of absence:").
_ABSENCE_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:reason for absence|absence reason|(?:first|last) day of absence|(?:start|date|dates)"
    r" of absence|absence (?:start|start date|dates?|type|period)|expected (?:date of )?return(?: date)?)[ \t]*:"
)


def _checks_of_a_role(text: str) -> bool:
    """``text`` is mail to an applicant, a volunteer or a new starter about the steps before
    they start (_RECRUITMENT_RE), with nothing a test found or a condition said of them
    (_PERSONAL_HEALTH_RE): their jabs or their screening are checks the role needs."""
    return _RECRUITMENT_RE.search(text) is not None and _PERSONAL_HEALTH_RE.search(text) is None


def _absence_record(text: str) -> bool:
    """``text`` holds an employee's absence notification: an absence field beside their pay,
    employee or staff number ("Payroll no: ..." / "Reason for absence: ...")."""
    return _ABSENCE_FIELD_RE.search(text) is not None and _STAFF_INLINE_RE.search(text) is not None


def _member_of_staff(text: str, line_start: int, line_end: int, label: int) -> bool:
    """The person whose date of birth (or its label) is at ``label`` on this line is a member
    of staff, a student or a clinician: see _not_a_patient_near."""
    if _REGISTRATION_RE.search(text, line_start, line_end):
        return True
    if any(not _FIELD_COLON_RE.match(text, m.end()) for m in _JOB_TITLE_RE.finditer(text, line_start, label)):
        return True  # a job title in the person's apposition, not a field of a record ("Consultant: Dr ...")
    if _clinician_before(text, line_start, label) or _JOB_AFTER_DATE_RE.match(text, label, line_end):
        return True  # "Dr Andrew Example, DOB ...", "DOB 23/04/1990, Specialty Doctor in Endocrinology"
    if _STUDENT_NO_RE.search(text, line_start, line_end):
        return True  # "Chloe Example (student no. 77123456, DOB ...)"
    if _PAY_WORDS_RE.search(text, max(line_start, label - _FIELD_REACH), min(line_end, label + _FIELD_REACH)):
        return True  # "... DOB 04/07/1955 - pension estimate"
    if _post_after_date(text, label, line_end):
        return True  # "Amy Example   DOB 02/05/1996   Staff Nurse, Band 5   Ward 4   start 11/01/2027"
    return _staff_record_near(text, line_start, line_end)


# A professional title before the name whose date of birth follows on the line.
_PROFESSIONAL_NAME_RE = regex.compile(r"\b(?:Dr|Prof|Professor|Sister|Matron|Nurse)\.?[ \t]+\p{Lu}")
# A greeting's word right before a clinician's title: the reader, not the person of the record.
_GREETED_RE = re.compile(r"(?i)\b(?:dear|hi|hello|hiya|morning|afternoon|thanks|thank you)[ \t,]*$")


def _clinician_before(text: str, line_start: int, label: int) -> bool:
    """A clinician's title and name before the date of birth's label on its line, whose date
    it is: not the reader a greeting names, nor one a lay person's title follows (Outlook
    writes a paragraph as one line: "Dear Dr Karim, Mrs Helen Example (DOB 06/10/1949) ...")."""
    last = None
    for m in _PROFESSIONAL_NAME_RE.finditer(text, line_start, label):
        if not _GREETED_RE.search(text, max(line_start, m.start() - 20), m.start()):
            last = m
    return last is not None and _LAY_TITLE_RE.search(text, last.end(), label) is None


# A job title in apposition right after the date of birth.
_JOBS_AFTER_DATE = (
    "Doctor|Nurse|Consultant|Registrar|Physician|Surgeon|Midwife|Pharmacist|Therapist|Manager|Officer|Assistant"
    "|Practitioner|Fellow|Trainee|Student|Volunteer"
)
_JOB_AFTER_DATE_RE = re.compile(
    rf"[^\n]{{0,30}}?[0-9]{{2,4}}[ \t]*,[ \t]*(?:[A-Z][\w&\-]*[ \t]+){{0,3}}(?:{_JOBS_AFTER_DATE}|Companion)\b"
    # ... or after a dash, the job title all the rest of the line ("DOB 30/08/1992 - Pharmacy
    # Technician"; "- Diabetes Nurse review" is what the patient has)
    rf"|[^\n]{{0,30}}?[0-9]{{2,4}}[ \t]*[\-\u2013\u2014][ \t]*(?:[A-Z][\w&\-]*[ \t]+){{0,3}}"
    rf"(?:{_JOBS_AFTER_DATE}|Technician|Administrator|Receptionist|Porter|Clerk|Paramedic"
    r"|Support Worker|Healthcare Assistant|Secretary|Coordinator|Co-ordinator)[ \t.]*$",
    re.M,
)
_STUDENT_NO_RE = re.compile(r"(?i)\bstudent (?:no|number|id|ref)\b")


# Job titles, capitalised as titles are, in a person's apposition before their date of birth.
_JOB_TITLE_RE = re.compile(
    r"\b(?:Nurse|Sister|Matron|Midwife|Consultant|Physician|Surgeon|Registrar|GP Partner|Salaried GP|Practitioner"
    r"|Therapist|Pharmacist|Dietitian|Physiotherapist|Psychologist|Radiographer|Paramedic|Health Visitor"
    r"|Specialist|Manager|Director|Officer|Administrator|Secretary|Receptionist|Coordinator|Co-ordinator|Assistant"
    r"|Support Worker|Porter|Clerk|Technician|Scientist|Lead)\b"
)
_FIELD_COLON_RE = re.compile(r"[ \t]*(?:name)?[ \t]*:")


# An Agenda for Change pay band ("Band 5", "Band 8a", "B6" after a job title) and a start date
# ("start 04/01/2027", "starting 4 Jan", "start date"): a post's, on a starters' or a rota's row.
_PAY_BAND_RE = re.compile(r"(?i)\bband[ \t]?[2-9][abcd]?\b")
_START_DATE_RE = re.compile(
    r"(?i)\b(?:start(?:s|ing)?|start date|commenc(?:es|ing)|joins|joining)\b[ \t:]*(?:on[ \t]+)?"
    r"(?:[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)
# ... a job title with its band after it, the band maybe shortened: "Physiotherapist, B6", "Staff Nurse band 5"
_TITLED_BAND_RE = re.compile(_JOB_TITLE_RE.pattern + r"[ \t]*,?[ \t]*(?:(?i:band)[ \t]?|B)[2-9][abcd]?\b")


def _post_after_date(text: str, label: int, line_end: int) -> bool:
    """After the date of birth at ``label`` the row names the person's post, as a starters' list or a
    staff roster lays its columns out: a job title (_JOB_TITLE_RE) with its band ("DOB 21/08/1987
    Physiotherapist, B6"), or a pay band with a start date ("Band 7   Cardiology   starting 1 March")."""
    rest = text[label:min(line_end, label + _FIELD_REACH)]
    if _TITLED_BAND_RE.search(rest):
        return True
    # (a job title with a start date alone is not enough: "DOB ... - District Nurse visits starting 4 Jan")
    return _START_DATE_RE.search(rest) is not None and _PAY_BAND_RE.search(rest) is not None


def _staff_record_near(text: str, line_start: int, line_end: int) -> bool:
    """A member of staff's record around this line: a clinician's register number and CV,
    two fields of an employee's record (an assignment, a band, a retirement date), or their
    staff number beside a course's words (a training certificate, "Staff number: ... has
    successfully completed ...")."""
    low, high = max(0, line_start - _PROFILE_REACH), line_end + _PROFILE_REACH
    if _REGISTRATION_RE.search(text, low, high) and _CV_SECTION_RE.search(text, low, high):
        return True
    low, high = max(0, line_start - 400), line_end + 400
    fields = {m.group(1).lower() for m in _STAFF_FIELD_RE.finditer(text, low, high)}
    fields |= {m.group(1).lower() for m in _STAFF_INLINE_RE.finditer(text, low, high)}
    if fields & _NUMBER_FIELDS and _ABSENCE_FIELD_RE.search(text, low, high):
        fields.add("absence")  # an absence notification beside the employee's number
    if fields & _NUMBER_FIELDS and _STAFF_RECORD_RE.search(text, low, high):
        fields.add("training")  # a course's certificate or a training record beside the employee's number
    return len(fields) >= 2  # "Assignment:", "Band:", "Pay number:", "Scheme ref:": an employee's record


# ... and such fields anywhere on a line ("NI: QQ 12 34 56 B   Scheme ref: 1199882A").
_STAFF_INLINE_RE = re.compile(
    r"(?i)\b(ni|ni number|national insurance number|scheme ref(?:erence)?|pay(?:roll)? (?:no|number)|assignment (?:no|number)"
    r"|employee (?:no|number)|staff (?:no|number))[ \t]*:"
)
# ... of which those that number the employee (as _STAFF_INLINE_RE's group 1 reads them, lower case).
_NUMBER_FIELDS = frozenset(("pay no", "pay number", "payroll no", "payroll number", "employee no", "employee number",
                            "staff no", "staff number", "assignment no", "assignment number"))
# Fields of an employee's record (ESR, a pension estimate, a locum agency's profile).
_STAFF_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(assignment|band|job title|post|position|grade|specialty|pay (?:no|number)"
    r"|employee (?:no|number)|staff (?:no|number)|assignment number|start date|contract|hourly rate|agency|gmc|nmc"
    r"|(?:proposed )?retirement date|available from|pensionable pay|scheme|whole[- ]time equivalent|wte"
    r"|department|dept|directorate|cost cent(?:re|er)|employer|effective date|effective|member)"
    r"[ \t]*(?:no\.?|number)?[ \t]*[:#]"
)


# Dog breeds and medicines licensed for animals alone: an animal's marks, as its owner writes of it.
_ANIMAL_WORDS = (
    r"labradors?|labradoodles?|cockapoos?|cavapoos?|spaniels?|terriers?|retrievers?|collies?|poodles?|dachshunds?"
    r"|beagles?|greyhounds?|whippets?|lurchers?|schnauzers?|rottweilers?|alsatians?"
    r"|staffies|staffie|chihuahuas?|shih[ \-]tzus?"
    r"|caninsulin|prozinc|vetmedin|apoquel|cytopoint|metacam|loxicom|onsior|nexgard|bravecto|simparica|drontal"
    r"|milbemax|vetoryl|felimazole|semintra|cardisure|previcox|rimadyl|kennel cough"
)
# Marks of a record about an animal (a vet's): its species, breed or owner.
_ANIMAL_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(species|breed|owner(?:'s name)?|microchip(?: no\.?| number)?)[ \t]*:"
    r"|\b(canine|feline|equine|neutered|spayed|veterinary|vet's|vets|breed|pets?|dogs?|cats?|puppy|kitten"
    # ... a breed as owners name their dog ("our 4-year-old black Labrador"), a medicine made for animals
    # only ("Caninsulin", "Metacam"), or a dog's or a cat's vaccine's disease ("kennel cough")
    rf"|{_ANIMAL_WORDS})\b"
)


# Marks of a patient an actor or a manikin plays: a teaching scenario's.
_SIMULATED_RE = re.compile(
    r"(?i)\b(?:osce|simulated patients?|actor(?:'s)? brief|role[- ]?players?|fictional|fictitious|mock patients?"
    r"|simulation|simman|sim (?:day|session|suite|training)|manikins?|mannequins?|case vignettes?"
    r"|(?:MRCVS|BVSc|BVetMed|BVM&S)\b)"
)


# Marks of a story's people, not real ones: a book club's or a film's (two different marks).
_FICTION_RE = re.compile(
    r"(?i)\b(book[ \-]?clubs?|book[ \-]?clubbers|reading group|storylines?|protagonists?|spoilers?|(?:the|this|her|his|their"
    r"|next|last) (?:novel|book|film|movie|novella|memoir)|novelist|characters|character['\u2019]s|chapters?)\b"
)


# A record system's test patient, as training guides and interface tests name them: the
# name field holds "Test Patient", "TEST, Merge-One", "ZZTEST, Donald", "XXTEST".
_TEST_RECORD_RE = re.compile(
    r"(?im)\b(?:patient(?:'s)?(?: name)?|name|surname|pt)[ \t]*[:\-][ \t]*(?:mr|mrs|ms|miss|mx)?[ \t.]*"
    # ... after its given names too, as HL7's name field reads: "patient name: MR PATIENT ZZZTEST"
    r"(?:[a-z]+[ \t]+){0,2}(?:zz+test|xx+test|test[ \t]*patient|test\b[ \t]*,|testpatient)"
)


# A press release, and what its end says to editors: the people in its story agreed to be.
_RELEASE_RE = re.compile(r"(?i)\b(?:press release|for immediate release|embargoed until)\b")
_FOR_EDITORS_RE = re.compile(r"(?i)\b(?:notes? to editors?|editors'? notes?|consent (?:obtained|given|has been given)"
                             r"|(?:has|have) (?:given )?(?:their |her |his )?consent|available for interview)\b")
# ... unless it is a draft whose people have not agreed yet: "haven't got consent from the family
# yet", "consent not yet obtained", "awaiting the parents' consent", "consent: pending".
_NO_CONSENT_RE = re.compile(
    r"(?i)\b(?:(?:not|n['\u2019]t|yet[ \t\n]+to)[ \t\n]+(?:yet[ \t\n]+)?(?:got|gotten|obtained|given|received|had|sought"
    r"|asked[ \t\n]+for|get|obtain|give|receive|seek)[ \t\n]+(?:[\w'\u2019]+[ \t\n]+){0,3}?consent"
    r"|consent[ \t\n]+(?:(?:is|has|was)[ \t\n]+)?(?:not[ \t\n]+(?:yet[ \t\n]+)?|still[ \t\n]+(?:to[ \t\n]+be[ \t\n]+)?"
    r"|yet[ \t\n]+to[ \t\n]+be[ \t\n]+)(?:been[ \t\n]+)?(?:obtained|given|received|confirmed|agreed|sought|signed)"
    r"|consent[ \t\n]*[:\-\u2013]?[ \t\n]*(?:pending|awaited|tbc|to[ \t\n]+follow|outstanding|not[ \t\n]+yet)"
    r"|(?:awaiting|waiting[ \t\n]+(?:for|on))[ \t\n]+(?:[\w'\u2019]+[ \t\n]+){0,3}?consent)\b"
)


# A piece as published: news or an obituary, its people in the public record, not a patient's
# record disclosed. Its marks (named groups): a copyright line ("\u00a9Loren Example 2002",
# "Copyright 2002 Example News"), a byline ("By Jane Example, Health Correspondent"), a life's
# years after a name or alone on a line ("Ray Example (1919-2002)"), a news agency's dateline
# ("LONDON (Reuters) - "), an obituary's words ("is survived by", "was interred"), a mailing
# list's or a group's footer ("unsubscribe from this group"). News's own marks are all but the
# copyright line and the footer, which any bulletin or reminder service may carry.
_PUBLISHED_MARKS = (
    r"(?m)(?P<copyright>^[ \t>]*(?:\u00a9|\([Cc]\)[ \t]*(?:19|20)[0-9]{2}\b"
    r"|(?i:copyright)\b[ \t]*(?:\u00a9|\([Cc]\))?[ \t]*(?:(?:19|20)[0-9]{2}\b|\p{Lu}))|(?i:\ball rights reserved\b))"
    r"|(?P<lived>(?:(?:\p{Lu}\p{Ll}+[ \t]+){1,3}|^[ \t>]*)"
    r"\([ \t]?(?:1[89]|20)[0-9]{2}[ \t]?[\-\u2013\u2014][ \t]?(?:1[89]|20)[0-9]{2}[ \t]?\))"
    r"|(?P<dateline>^[ \t>]*\p{Lu}{3,}(?:[ \t,]+\p{Lu}[\p{L}.]*){0,3}[ \t]*"
    r"\((?i:reuters|ap|afp|pa|upi|cnn|bbc|bloomberg|xinhua|dpa)\)[ \t]*(?:--|[\-\u2013\u2014])"
    # ... or a newspaper's own line of when the piece was filed: "(Filed: 28/08/2002)"
    r"|^[ \t>]*\((?i:filed|published|posted|updated):[ \t]*[0-9]{1,2}[/.][0-9]{1,2}[/.](?:19|20)?[0-9]{2}[ \t]*\))"
    r"|(?P<obituary>(?i:\b(?:obituar(?:y|ies)|(?:is|was|are|were) survived by|survived by (?:his|her|their)"
    r"|(?:was|were|will be|is to be) interred)\b))"
    r"|(?P<list>(?i:\b(?:unsubscribe from this (?:group|list)|mailing list|listinfo|yahoo!? groups|list archives?)\b))"
)
_BYLINE = (r"(?P<byline>^[ \t>]*(?:By|BY)[ \t]+(?P<writer>\p{Lu}[\p{L}'\-]+)(?:[ \t]+\p{Lu}\.)?"
           r"(?:[ \t]+\p{Lu}[\p{L}'\-]+){1,2}[ \t]*"
           # (a desk after a comma, or the place a correspondent files from: "By Jane Example in Rome")
           r"(?P<desk>,[^\n]{1,60}|[ \t]+in[ \t]+\p{Lu}[\p{L}'\-]+(?:[ \t]+\p{Lu}[\p{L}'\-]+)?[ \t]*)?$)")
_PUBLISHED_RE = regex.compile(_PUBLISHED_MARKS + "|" + _BYLINE)
# What each mark but the byline holds, looked for anywhere (RE2, one pass): a published piece
# has one of them, as it has two marks. Finds at least what _PUBLISHED_MARKS finds.
_PUBLISHED_HINT = (
    r"\u00a9|\([Cc]\)[ \t]*(?:19|20)[0-9]{2}|(?i:copyright|all rights reserved)"
    r"|\((?:1[89]|20)[0-9]{2}[ \t]?[\-\u2013\u2014][ \t]?(?:1[89]|20)[0-9]{2}[ \t]?\)"
    r"|\((?i:reuters|ap|afp|pa|upi|cnn|bbc|bloomberg|xinhua|dpa)\)|\((?i:filed|published|posted|updated):"
    r"|(?i:obituar|survived by|interred|unsubscribe from this|mailing list|listinfo|yahoo!? groups|list archive)"
)
_MARK_KINDS = ("copyright", "lived", "dateline", "obituary", "list", "byline")
_NEWS_MARKS = frozenset(("byline", "lived", "dateline", "obituary"))
_WRITER_RE = re.compile(r"(?i)\b(?:correspondent|reporter|editor|writer|journalist|staff)\b")
_ADULT_LIFE = 18  # years at least between a life's two: a shorter span is more often a period of work
_LIFE_YEARS_RE = re.compile(r"((?:1[89]|20)[0-9]{2})[ \t]?[\-\u2013\u2014][ \t]?((?:1[89]|20)[0-9]{2})")


def _no_patient_hint() -> Callable[[str], Any]:
    """A search for any word of _SIMULATED_RE, _TEST_RECORD_RE or _ANIMAL_RE (RE2: one pass, most text has none)."""
    words = (r"osce|simulated|actor|role[- ]?players?|fictional|fictitious|mock patients?|simulation|simman|vignettes?"
             r"|sim|manikins?|mannequins?|mrcvs|bvsc|bvetmed|species|breed|owner|microchip|canine|feline|equine|neutered|spayed|veterinary|vet's|vets"
             rf"|pets?|dogs?|cats?|puppy|kitten|{_ANIMAL_WORDS}|zz+test|xx+test|test|press release|immediate release|identity removed"
             r"|book[ \-]?club\w*|reading group|storylines?|protagonists?|spoilers?|novelist|characters|character.s"
             r"|chapters?|(?:the|this|her|his|their|next|last) (?:novel|book|film|movie|novella|memoir)")
    # ... or a published piece's marks (_PUBLISHED_HINT)
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return re.compile(rf"(?i)\b(?:{words})\b|{_PUBLISHED_HINT}").search
    hint = regex.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), _PUBLISHED_HINT)
    return re2.compile(rf"(?i)\b(?:{words})\b|{hint}").search


_no_patient_words = _no_patient_hint()


class _GateSet:
    """Every gate's pattern (_re2_gate) in one RE2 set: a text is searched once for all of them
    (RE2::Set, one pass of one automaton), and the gates then asked of the same text answer
    from that pass. A dozen gates asked of a 20 KB text cost about a tenth of their own passes.
    (A set's automaton, unlike one pattern's, never gives up on a text for its cache filling up:
    it starts the cache again and reads on.)"""

    _MEMORY = 32 << 20  # bytes the set's automaton may use

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.compiled: tuple[int, Any] = (0, None)  # (how many sources, the set made of them)
        self.last: tuple[str | None, frozenset[int]] = (None, frozenset())  # the last text and its hits

    def add(self, source: str) -> int:
        self.sources.append(source)
        return len(self.sources) - 1

    def hits(self, text: str) -> frozenset[int] | None:
        """The gates whose pattern RE2 finds in ``text``; None if it cannot take the text (a
        lone surrogate): every gate passes then."""
        last = self.last  # (one read: other threads replace it whole)
        if last[0] is text:
            return last[1]
        count, found = self.compiled
        if found is None or count != len(self.sources):
            import re2

            options = re2.Options()
            options.max_mem = self._MEMORY
            found = re2.Set.SearchSet(options)
            for source in self.sources:
                found.Add(source)
            found.Compile()
            self.compiled = (len(self.sources), found)
        try:
            data = text.encode("utf-8")
        except UnicodeError:
            return None
        hits = frozenset(found.Match(data) or ())
        self.last = (text, hits)
        return hits


_GATES = _GateSet()
#: Characters: a text this long has its words looked for in the gates' one pass (_GateSet)
#: before scans of its own (several substring tests of a long text cost more than the pass).
GATED_FROM = 2000


def _re2_gate(pattern: re.Pattern[str]) -> Callable[[str], Any]:
    """A search (RE2: one pass) that finds at least what ``pattern`` finds, where it finds
    anything: RE2's word boundaries are ASCII's, so it matches where Python's might not, never
    the other way round. Run first, ``pattern`` then only on the texts it passes. The gates
    are searched for together (_GateSet): a gate says whether its pattern is in the text."""
    try:
        import re2  # noqa: F401
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return pattern.search
    index = _GATES.add(regex.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), pattern.pattern))

    def gate(text: str) -> bool:
        hits = _GATES.hits(text)
        return hits is None or index in hits  # (a text RE2 cannot take: let the pattern decide)

    return gate


def re2_lines(pattern: re.Pattern[str], hint: str | None = None) -> Callable[[str], Iterator[re.Match[str]]]:
    """``pattern``'s matches in a text, looked for only on the lines (line_bounds) where RE2
    finds ``hint`` (else ``pattern``'s own source: a superset, see _re2_gate) in one pass: a
    large sheet with a mark on a few of its lines costs RE2's pass and those lines'."""
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return pattern.finditer
    source = regex.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), hint or pattern.pattern)
    finditer = re2.compile(source).finditer

    def matches(text: str) -> Iterator[re.Match[str]]:
        try:
            # an ASCII text's bytes' offsets are its characters' (as _hint_matches reads it): RE2
            # then skips encoding it and working its spans out in characters, most of a short text's cost
            starts = [m.start() for m in finditer(text.encode("ascii") if text.isascii() else text)]
        except UnicodeError:  # a lone surrogate, which RE2 cannot take: the pattern reads it all
            yield from pattern.finditer(text)
            return
        done = -1
        for at in starts:
            if at < done:
                continue
            start, end = line_bounds(text, at)
            done = end
            yield from pattern.finditer(text, start, end)

    return matches


_simulated_gate = _re2_gate(_SIMULATED_RE)
_animal_gate = _re2_gate(_ANIMAL_RE)
_fiction_gate = _re2_gate(_FICTION_RE)


_published_marks_gate = _re2_gate(re.compile(_PUBLISHED_HINT))  # a piece has one of its marks but its byline
# Each mark lies within one line: they are looked for only on the lines holding one's hint or a
# byline's start (a long page with a copyright footer costs RE2's pass and a few lines).
_published_marks = re2_lines(cast("re.Pattern[str]", _PUBLISHED_RE), _PUBLISHED_HINT + r"|(?m:^[ \t>]*(?:By|BY)[ \t])")


def published_piece(text: str) -> bool:
    """``text`` is a piece as published (_PUBLISHED_MARKS): two different marks of one, one of
    them news's own (a byline, a life's years, a dateline, an obituary's words). An obituary
    of a public figure forwarded from a news group ("Ray Example (1919-2002) ... died November
    26, 2002 ... \u00a9Loren Example 2002"), not a clinician's note of a patient's death."""
    if not _published_marks_gate(text):
        return False
    marks: set[str] = set()
    for m in _published_marks(text):
        kind = next(k for k in _MARK_KINDS if m.group(k) is not None)
        if kind == "lived":
            years = _LIFE_YEARS_RE.search(m.group())
            named = [folded(w) for w in m.group()[:m.group().find("(")].split()]
            if (years is None or not _ADULT_LIFE <= int(years.group(2)) - int(years.group(1)) <= _OLDEST
                    or int(years.group(2)) > _THIS_YEAR or named and not any(w in given_names() for w in named)):
                continue  # a period of something ("Audit (2019-2022)"), not a person's life
        elif kind == "byline" and folded(m.group("writer")) not in given_names() and not (
                m.group("desk") and _WRITER_RE.search(m.group("desk"))):
            continue  # "By Friday Morning": no writer named
        marks.add(kind)
        if len(marks) >= 2 and marks & _NEWS_MARKS:
            return True
    return False


# A DICOM file that says its patient's identity was removed (PatientIdentityRemoved, as the
# de-identification profiles set it), its name field a study's code ("ANON^0042", "SUBJECT 17"),
# and none of the patient's own details left: a research data set's pseudonymised image.
_IDENTITY_REMOVED_RE = re.compile(r"(?im)^[ \t]*patient identity removed[ \t]*:[ \t]*yes[ \t]*$")
_DICOM_NAME_RE = re.compile(r"(?im)^[ \t]*(?:patient(?:'s)?|other patient) (?:birth )?names?[ \t]*:[ \t]*([^\n]*)$")
_PERSONAL_FIELD_RE = re.compile(
    r"(?im)^[ \t]*(?:patient(?:'s)? (?:birth date|address|telephone numbers?|mother's birth name)|other patient ids)"
    r"[ \t]*:[ \t]*[^\s]"
)
_PSEUDONYM_WORDS = frozenset(
    "anon anonymous anonymised anonymized anonymisation anonymization removed deidentified de identified redacted "
    "subject study research case patient participant pseudonym unknown".split()
)


def _de_identified(text: str) -> bool:
    """``text`` (a DICOM file's elements) declares the patient's identity removed and keeps no
    name but a pseudonym's, no date of birth and no address: its identifiers are a study's
    (an NHS number left in it is still found as one)."""
    if _IDENTITY_REMOVED_RE.search(text) is None or _PERSONAL_FIELD_RE.search(text):
        return False
    for m in _DICOM_NAME_RE.finditer(text):
        words = word_text(m.group(1)).split()
        if not all(w in _PSEUDONYM_WORDS or len(w) == 1 or any(ch.isdigit() for ch in w) for w in words):
            return False  # a person's name is still there
    return True


def no_real_patient(text: str) -> bool:
    """``text`` is a record of no real person: a teaching scenario's simulated patient
    (an OSCE station, an actor's brief), a record system's test patient ("Patient: ZZTEST,
    Donald"), or an animal (two different marks of one: a vet's "Patient: Bella", "Species:
    Canine", "Owner: Mrs ..."); or a press release whose people consented to be in it ("Notes
    to editors: ... consent obtained"); or a de-identified image (_de_identified). Its names, dates
    of birth and diagnoses disclose no patient's."""
    try:
        if _no_patient_words(text) is None:
            return False
    except UnicodeError:  # a lone surrogate, which RE2 cannot take
        pass
    # Each pattern runs on a text with a word it needs (a cheap test first: most texts that
    # passed the hint have one word of one pattern only).
    low = text.casefold()
    if (_simulated_gate(text) and _SIMULATED_RE.search(text)) or ("test" in low and _TEST_RECORD_RE.search(text)):
        return True
    if (("release" in low or "embargoed" in low) and _RELEASE_RE.search(text) and _FOR_EDITORS_RE.search(text)
            and not ("consent" in low and _NO_CONSENT_RE.search(text))):
        return True  # a press release whose person agreed to be in it: published, not disclosed
    if published_piece(text):
        return True  # news or an obituary as published: a public figure's, not a patient's
    if "identity removed" in low and _de_identified(text):
        return True
    return _two_marks(text, _animal_gate, _ANIMAL_RE, str.lower) or _two_marks(text, _fiction_gate, _FICTION_RE, _story_mark)


# A line that says its case is a real one, left in a teaching scenario or a brief ("Scenario
# based on: Real incident - RX1234567, Mrs Jo Example, 12/10/2026 (remove before use)"): the
# person named after it is a patient, however simulated the rest (a manikin, an actor). Not a
# denial ("no real patient details", "not based on a real case").
_REAL_CASE_RE = re.compile(
    r"(?i)(?<![\w\-])(?<!\bno[ \t])(?<!\bnot[ \t])(?<!\bnon[ \t])(?<!\bnot[ \t]a[ \t])(?<!\bno[ \t]such[ \t])"
    r"(?:real|actual)(?:[ \t\-]+life)?[ \t]+(?:incident|patient|case|event|person)s?\b[ \t]*[:\-\u2013\u2014(,]?"
)
# (looked for only on the lines where RE2 finds its words, without the lookbehinds, in one pass of
# its own: most texts have no such line, and this is asked of texts the other gates were not)
_real_case_lines = re2_lines(_REAL_CASE_RE, r"(?i)\b(?:real|actual)(?:[ \t\-]+life)?[ \t]+(?:incident|patient|case|event|person)")
_REAL_CASE_REACH = 120  # characters after the mark in which the person and their number or date are read
_CASE_NUMBER_RE = re.compile(r"\b[A-Z]{0,4}[0-9]{6,10}\b")


def real_case_named(text: str) -> int:
    """Lines that name a real patient where the text says its case is real (_REAL_CASE_RE): a
    person's name (a title, or a given name first; no clinician's) and a record's number or a
    date after the mark on its line."""
    found = 0
    for m in _real_case_lines(text):
        stop = min(line_bounds(text, m.end())[1], m.end() + _REAL_CASE_REACH)
        if _CASE_NUMBER_RE.search(text, m.end(), stop) is None and find_date(text, m.end(), stop) is None:
            continue
        if any(_a_person_named(text, name) and not name.group("clinician")
               for name in _NAME_RUN_RE.finditer(text, m.end(), stop)):
            found += 1
    return found


def _story_mark(word: str) -> str:
    """A story's mark by its last word's stem: "the novel" and "this novel", "book club" and
    "book clubbers" are one mark each."""
    last = word.lower().replace("-", " ").split()[-1]
    return last.removesuffix("bers").removesuffix("'s").removesuffix("\u2019s").rstrip("s")


def _two_marks(text: str, gate: Callable[[str], Any], pattern: re.Pattern[str], key: Callable[[str], str]) -> bool:
    """``pattern`` finds two different marks in ``text`` (its groups', by ``key``: an animal's, a story's)."""
    if not gate(text):
        return False
    marks: set[str] = set()
    for m in pattern.finditer(text):
        marks.add(key(next(g for g in m.groups() if g is not None)))
        if len(marks) >= 2:
            return True
    return False


def dob_at(text: str, start: int, end: int, born: bool) -> bool:
    """A date of birth after the label at text[start:end]."""
    line_start, line_end = line_bounds(text, start)
    if line_end < end:  # a label hard-wrapped over two lines ("Date of\nBirth: ..."): its date follows its end
        line_end = line_bounds(text, end)[1]
    if _not_a_patient_near(text, line_start, line_end, start):
        return False
    alone = _alone_before(text, line_start, start)
    if born:
        # "Born" is a label only as a field: "Born: 3 April 1964", or first on its
        # line, after a field separator or after a patient with a numeric date ("J
        # Smith, born 03/04/1964", "your patient born 14/11/1957"). "Baby Amelia was
        # born on 3 April" and a biography's "Born 3 April 1964 in Leeds" are news,
        # not records.
        if _BORN_COLON_RE.match(text, end, line_end):
            return _dob_after(text, end, line_end)
        if not alone and not _BORN_AFTER_FIELD_RE.search(text, max(line_start, start - 40), start):
            return False
        m = find_date(text, end, min(line_end, end + 8))
        if m is None:
            return False
        if _NEWS_RE.search(text, max(line_start, start - 200), min(line_end, end + 200)):
            return False  # "Happy 60th to porter Megan Griffin, born ...", a fundraiser's story
        if (m.group("a1") or m.group("b1")) is not None:
            return True
        # A date in words only after the person it is said of ("Harry Clark, born 03 Feb
        # 1947", "Tina Smith (born 2 March 1986)"), not first on its line (a biography).
        before = text[max(line_start, start - 80):start].rstrip(" \t(,;")
        return not alone and _named(before, title_only_ok=True)
    return _dob_after(text, end, line_end)


_BULLET_RE = re.compile(r"[ \t*>\u2022\-]*")


def _alone_before(text: str, line_start: int, start: int) -> bool:
    """Nothing but indentation or a bullet before ``start`` on its line."""
    if start - line_start > 40:
        return False
    m = _BULLET_RE.match(text, line_start, start)
    return m is not None and m.end() == start


def _dob_after(text: str, end: int, line_end: int) -> bool:
    gap = _LABEL_GAP_RE.match(text, end, line_end)
    after = gap.end() if gap else end
    if after < line_end:
        m = _COMPACT_RE.match(text, after, line_end)
        if m and date_ok(m):
            return True
        m = find_date(text, after, min(line_end, end + 40))
        if m and _gap_ok(text, end, m.start()):
            return True
    if after >= line_end or not text[after:line_end].strip():
        # The label ends its line ("Date of birth:"), the date first on the next.
        nxt = next_line_start(text, line_end)
        if nxt is not None:
            n_end = line_bounds(text, nxt)[1]
            lead = nxt + len(text[nxt:n_end]) - len(text[nxt:n_end].lstrip())
            day = _WEEKDAY_RE.match(text, lead, n_end)
            lead = day.end() if day else lead
            m = _COMPACT_RE.match(text, lead, n_end)
            if m and date_ok(m):
                return True
            if find_date(text, lead, min(n_end, lead + 1)):
                return True
    return False


# --- patient-ID labels ------------------------------------------------------------

_ID_VALUE_RE = re.compile(
    r"[ \t]*[.)]?[ \t]*(?:[:#=\-]|(?i:is|\(?no\.?\)?))?[ \t]*[:#=\-]?[ \t]*"
    r"(?P<id>[A-Za-z0-9][A-Za-z0-9/\-]*(?:[ ][0-9]+){0,3})(?![A-Za-z0-9])"
)
TRUST_CODE_RE = re.compile(r"R(?<![A-Za-z0-9]R)[A-Z0-9]{2}[ ]+(?i:number|no\b\.?)")


# A customs Movement Reference Number ("MRN" on import and export papers): two digits of
# the year, the country, thirteen letters and digits and a check character.
_CUSTOMS_MRN = re.compile(r"[0-9]{2}[A-Z]{2}[A-Z0-9]{14}")


def identifier_ok(ident: str) -> bool:
    alnum = sum(1 for ch in ident if ch.isalnum())
    digits = "".join(ch for ch in ident if ch.isdigit())
    return (alnum >= 5 and bool(digits) and not placeholder_digits(digits) and _CUSTOMS_MRN.fullmatch(ident) is None
            and _UK_PHONE_RE.fullmatch(ident) is None)


# A UK telephone number written as one, in groups ("0113 243 3144", "07700 900123"): a
# directory's or a form's entry under the label, not anyone's record number.
_UK_PHONE_RE = re.compile(r"0[1-9][0-9]{2,4}(?:[ \-][0-9]{3,4}){1,2}")


_PLACEHOLDER_RUN = 10  # digits at least of a counted run or a two-digit pattern read as a placeholder (a
# shorter one, "K123456", is as often a record's real number)


def placeholder_digits(digits: str) -> bool:
    """Digits a form, a template or a test record fills in for no one: one digit repeated
    ("RXX0000000", "9999999", "000 000 0000"), or, ten at least, the digits counted up or down
    ("0123456789", "9876543210") or two digits in turn ("1212121212")."""
    n = len(digits)
    if n < 4:
        return False
    if len(set(digits)) == 1:
        return True
    if n < _PLACEHOLDER_RUN:
        return False
    step = (ord(digits[1]) - ord(digits[0])) % 10
    if step in (1, 9) and all((ord(b) - ord(a)) % 10 == step for a, b in zip(digits, digits[1:], strict=False)):
        return True
    return len(set(digits)) == 2 and digits[2:] == digits[:-2]


def id_after(text: str, end: int) -> bool:
    """An identifier right after a label ending at ``end``, or - the label ending
    its line - first on the next line."""
    line_end = line_bounds(text, end)[1]
    m = _ID_VALUE_RE.match(text, end, line_end)
    if m and identifier_ok(m.group("id")):
        return True
    if _LABEL_ONLY_RE.match(text, end):
        nxt = next_line_start(text, line_end)
        if nxt is not None:
            m = _ID_VALUE_RE.match(text, nxt, line_bounds(text, nxt)[1])
            return bool(m and identifier_ok(m.group("id")))
    return False


# A record's other fields, on the lines next to a "Label: number" line, that make it an
# asset's, a vehicle's or an application's ("CI name:", "Vehicle:", "Client secret:").
_TRADE_FIELD_RE = re.compile(
    r"(?im)^[ \t*\-]*(?:ci name|configuration item|cmdb|asset(?: tag)?|serial(?: no| number)?|model|make|vehicle"
    r"|registration|last position|tracker|client secret|secret|api key|redirect uri|endpoint|tenant(?: id)?|scope"
    r"|supplier|vendor|invoice(?: no| number)?|po(?: no| number)?|amount|price|vat)[ \t]*:"
)


def trade_fields_beside(text: str, pos: int) -> bool:
    """The line holding ``pos``, or the line above or below it, is an asset's, a vehicle's
    or an application's field (_TRADE_FIELD_RE): a "Label: number" there is that record's
    number, not a patient's. Within _FIELD_REACH of ``pos`` (a long line's neighbours are near)."""
    line_start, line_end = line_bounds(text, pos)
    low, high = max(0, pos - _FIELD_REACH), pos + _FIELD_REACH
    above = max(low, text.rfind("\n", low, max(0, line_start - 1)) + 1 if line_start else line_start)
    below = text.find("\n", line_end + 1, high)
    return _TRADE_FIELD_RE.search(text, above, min(high, len(text)) if below < 0 else below) is not None


def id_label_ok(text: str, start: int, key: str) -> bool:
    """Label-specific checks on the original text (the key matched case-insensitively)."""
    if key.startswith(" k "):
        return text[start:start + 1] == "K"  # "K number", not "k number"
    if not _PATIENT_IN_LABEL_RE.search(key) and trade_fields_beside(text, start):
        return False  # "Unit No", "Record No", "MRN" in an asset's, a vehicle's or an application's record
    if key.startswith(" client "):
        # a supplier's or a service's client: an account, an invoice, an API's secret
        line_start = max(0, start - _FIELD_REACH, text.rfind("\n", 0, max(0, start - 200)) + 1)
        return _CLIENT_ACCOUNT_RE.search(text, line_start, start + 300) is None
    return True


_PATIENT_IN_LABEL_RE = re.compile(r"patient|hospital|hosp")
_CLIENT_ACCOUNT_RE = re.compile(
    r"(?i)\b(?:invoices?|vat|accounts?|suppliers?|orders?|payments?|client secret|api|secret|credentials?|tenant"
    r"|subscription|licen[cs]e)\b"
)


# --- ICD-10 codes ---------------------------------------------------------------

ICD_RE = re.compile(
    r"(?<![A-Za-z0-9./\-])(?P<l>[A-TV-Z])(?P<n>[0-9]{2})"
    r"(?:(?P<dot>\.)[0-9][0-9A-Z]{0,3}|[0-9])?"
    # Not "M20 2LR": a postcode district reads like a code.
    r"(?![A-Za-z0-9]|[.\-/][0-9A-Za-z]|[ ][0-9][A-Za-z]{2}(?![A-Za-z]))"
)


def icd_category(letter: str, number: int) -> str:
    """Lexicon category for an ICD-10 code, by chapter and block."""
    if letter == "A" and 50 <= number <= 64:
        return "hiv_sexual_health"  # infections with a predominantly sexual mode
    if letter == "B" and 15 <= number <= 24:
        return "hiv_sexual_health"  # viral hepatitis, HIV disease
    if letter == "C" or (letter == "D" and number <= 48):
        return "oncology"
    if letter == "F":
        if 10 <= number <= 19:
            return "substance_misuse"
        if number == 64:
            return "gender_identity"
        return "mental_health"
    if letter == "O" or (letter == "Z" and 30 <= number <= 39) or (letter == "N" and 96 <= number <= 98):
        return "reproductive_health"
    if letter == "Q":
        return "genetic"
    if letter == "T" and number == 74:
        return "safeguarding"
    if letter == "X" and 60 <= number <= 84:
        return "mental_health"  # intentional self-harm
    if letter == "Z" and number == 21:
        return "hiv_sexual_health"
    return "general"


def icd_codes(
    text: str, start: int, end: int, bare_ok: bool, counts: dict[str, int], seen: set[int]
) -> int:
    """Count ICD-10 codes in text[start:end] into ``counts`` by category (each
    place once: ``seen`` holds the offsets already counted)."""
    n = 0
    for m in ICD_RE.finditer(text, start, end):
        if (not bare_ok and m.group("dot") is None) or m.start() in seen:
            continue
        seen.add(m.start())
        category = icd_category(m.group("l"), int(m.group("n")))
        counts[category] = counts.get(category, 0) + 1
        n += 1
    return n


# A SNOMED CT identifier: six to eighteen digits, the last a Verhoeff check digit, the two
# before it its partition ("00" a concept's, "10" one of an extension's namespace).
_CONCEPT_ID_RE = re.compile(r"(?<![0-9A-Za-z.\-/])[1-9][0-9]{5,17}(?![0-9A-Za-z]|[.\-/][0-9])")
# An OPCS-4 procedure code: a chapter's letter (no I or O), three digits, the last after a dot.
_OPCS_RE = re.compile(r"(?<![A-Za-z0-9./\-])[A-HJ-NP-Z][0-9]{2}(?:\.?[0-9])?(?![A-Za-z0-9]|[.\-/][0-9])")


# An ICD-O-3 morphology code: a neoplasm's histology (8000 to 9999) and its behaviour after a
# slash ("8140/3": adenocarcinoma, malignant), perhaps after its "M" ("M8140/3").
_MORPHOLOGY_RE = re.compile(r"(?<![A-Za-z0-9./\-])M?[89][0-9]{3}/[012369](?![0-9]|[./\-][0-9])")


def scheme_codes(text: str, start: int, end: int, key: str, counts: dict[str, int], seen: set[int]) -> int:
    """Coded diagnoses and procedures in text[start:end] after a diagnosis or coding scheme's
    label (``key``): ICD-10 codes by their chapter (icd_codes), SNOMED CT concept ids (their
    check digit and partition) and, after OPCS's label, its procedure codes, these two as
    general health details; after a morphology's label, ICD-O-3's codes of a neoplasm. Each
    place counted once (``seen``)."""
    if key == MORPHOLOGY_KEY:
        n = 0
        for m in _MORPHOLOGY_RE.finditer(text, start, end):
            if m.start() not in seen:
                seen.add(m.start())
                n += 1
        if n:
            counts["oncology"] = counts.get("oncology", 0) + n
        return n
    if key in OPCS_LABELS:
        n = 0
        for m in _OPCS_RE.finditer(text, start, end):
            if m.start() not in seen:
                seen.add(m.start())
                n += 1
        if n:
            counts["general"] = counts.get("general", 0) + n
        return n
    n = icd_codes(text, start, end, True, counts, seen)
    concepts = 0
    for m in _CONCEPT_ID_RE.finditer(text, start, end):
        digits = m.group()
        if m.start() not in seen and digits[-3:-1] in ("00", "10") and verhoeff_valid(digits):
            seen.add(m.start())
            concepts += 1
    if concepts:
        counts["general"] = counts.get("general", 0) + concepts
    return n + concepts


def codes_after_label(
    text: str, start: int, end: int, counts: dict[str, int], seen: set[int], key: str = ""
) -> int:
    """Codes on the rest of a diagnosis or coding scheme's label's line (or the next, if it
    ends there; scheme_codes); returns the end of the text read."""
    line_end = line_bounds(text, end)[1]
    stop = min(line_end, end + 200)
    found = scheme_codes(text, end, stop, key, counts, seen)
    line_start = line_bounds(text, start)[0]
    if not found and _alone_before(text, line_start, start) and _LABEL_ONLY_RE.match(text, end):
        nxt = next_line_start(text, line_end)
        if nxt is not None:
            stop = min(line_bounds(text, nxt)[1], nxt + 200)
            scheme_codes(text, nxt, stop, key, counts, seen)
    return stop


# A diagnosis field's value: words, not a placeholder ("Diagnosis: n/a", "Dx: ____").
_FIELD_VALUE_RE = re.compile(r"[ \t]*[:\-\u2013][ \t]*(?P<value>[^\n]{0,60})")
_NO_VALUE = frozenset(
    "n a na none nil no unknown tbc tbd pending see below above attached letter awaited not known reported recorded"
    " stated given of note".split()
)
_FIELD_LABELS = frozenset((" diagnosis", " diagnoses", " dx", " ddx", " diag", *(term_key(k) for k in SYMPTOM_LABELS)))
_PATIENT_WORDS_KEYS = frozenset(term_key(k) for k in PATIENT_WORDS_LABELS)
_PATIENT_WORDS_RE = re.compile(r"[ \t]*:[ \t]*(?P<value>[^\n]{1,600})")
# What a body is doing, in the first person: "I feel shivery", "I've been vomiting", "my knee
# is swollen", "it's spreading up my leg", "the pain in my chest".
_BODY_PARTS = (r"head|chest|back|neck|shoulders?|arms?|elbows?|wrists?|hands?|fingers?|hips?|legs?|thighs?|knees?"
               r"|calf|calves|ankles?|feet|foot|toes?|stomach|tummy|belly|throat|ears?|eyes?|skin|breasts?|wound"
               r"|stitches|scar|bum|groin|side|ribs|jaw|teeth|tooth|gums?|face|lips?|tongue")
_SYMPTOM_WORDS = (r"pain|painful|hurts?|hurting|aching|aches?|sore|swollen|swelling|spreading|bleeding|bleed|rash"
                  r"|itchy|itching|numb|tingling|throbbing|burning|red|hot|lump|discharge|oozing|pus|bruised|bruising")
_OWN_SYMPTOMS_RE = re.compile(
    r"(?i)\bI(?:['\u2019]m|[ \t]+am|['\u2019]ve[ \t]+been|[ \t]+have[ \t]+been|[ \t]+was)?[ \t]+(?:still[ \t]+)?"
    r"(?:feel|felt|feeling|keep|kept)[ \t]+(?:really[ \t]+|very[ \t]+|so[ \t]+|a[ \t]+bit[ \t]+)?"
    r"(?:shivery|shaky|dizzy|faint|feverish|hot|cold|sick|unwell|poorly|breathless|nauseous|rough|awful|terrible"
    r"|vomiting|being[ \t]+sick|throwing[ \t]+up|coughing|fainting)\b"
    rf"|\b(?:{_SYMPTOM_WORDS})\b[^.!?\n]{{0,40}}\bmy[ \t]+(?:[a-z]+[ \t]+)?(?:{_BODY_PARTS})\b"
    rf"|\bmy[ \t]+(?:[a-z]+[ \t]+)?(?:{_BODY_PARTS})\b[^.!?\n]{{0,40}}\b(?:{_SYMPTOM_WORDS})\b"
)


def diagnosis_filled(text: str, start: int, end: int, key: str) -> bool:
    """A record's diagnosis or symptoms field (SYMPTOM_LABELS), first on its line, filled in
    ("Diagnosis: hernia"): the value is a health detail whatever the lexicon knows of it; and
    the patient's own words in their field (PATIENT_WORDS_LABELS) when they say what their
    body is doing ("Patient reply: the swelling has spread past my knee and I feel shivery")."""
    if not _alone_before(text, line_bounds(text, start)[0], start):
        return False
    if key in _PATIENT_WORDS_KEYS:
        said = _PATIENT_WORDS_RE.match(text, end)
        return said is not None and _OWN_SYMPTOMS_RE.search(said.group("value")) is not None
    if key not in _FIELD_LABELS:
        return False
    m = _FIELD_VALUE_RE.match(text, end)
    if m is None:
        return False
    words = word_text(m.group("value")).split()
    letters = sum(len(w) for w in words if w.isalpha())
    return letters >= 3 and not all(w in _NO_VALUE for w in words)


# --- column headers -------------------------------------------------------------

# Between a delimited table's cells (CSV, a sheet as text, a rendered table), and a row
# made of nothing but delimiters, quotes and space.
CELL_SPLIT_RE = re.compile(r"[,\t;|]")
EMPTY_ROW_RE = re.compile(r"[\s,;|\"']*")

_GROUPS: dict[str, tuple[str, ...]] = {
    "dob": DOB_LABELS,
    "id": ID_LABELS,
    "nhs": HEADER_ONLY_LABELS + ("nhs", "chi", "h c", "hcn", "nhs num", "chi num"),
    "dx": DX_LABELS + TUMOUR_LABELS + ("condition", "conditions", "primary diagnosis", "problem", "problems",
                       "presenting complaint", "indication", "reason for referral"),
    # a column of patients' names: it identifies each row
    "pname": ("patient", "patients", "patient name", "patient names", "pt name", "name of patient",
              "patient s name", "service user", "service user name", "client name"),
    # a column of names: people, patients when the table also has a diagnosis column
    "name": ("surname", "forename", "forenames", "first name", "last name", "given name", "given names",
             "family name", "name", "names", "full name", "person", "individual", "resident", "resident name"),
    # staff's columns: a table of them is of staff, whose dates of birth are no patient's
    "staff": (
        "job title", "role", "band", "grade", "post", "post title", "position", "assignment",
        "assignment number", "assignment no", "employee", "employee number", "employee no", "employee id",
        "staff number", "staff no", "staff id", "payroll", "payroll number", "dbs", "dbs level",
        "dbs number", "dbs check", "esr", "esr number", "professional registration", "gmc", "nmc",
        "hcpc", "start date", "contracted hours", "wte", "line manager", "cost centre",
        # a training record's (a course alone may be a patients' education course: DESMOND, DAFNE)
        "training", "module", "delegate", "delegates", "certificate", "competency", "induction",
        # students' placements and volunteers' checks
        "student", "students", "student id", "student no", "student number", "trainee", "trainees",
        "placement", "placement area", "practice assessor", "practice supervisor", "mentor", "cohort",
        "volunteer", "volunteers", "dbs issued", "dbs date",
    ),
    "other": (
        "title", "initials", "age", "sex", "gender", "address", "postcode", "post code", "ward",
        "bed", "hospital", "consultant", "clinician", "specialty", "speciality", "clinic", "gp", "gp practice",
        "practice", "procedure", "operation", "medication", "medications", "drug", "dose",
        "referral", "referral date", "referred", "referrer", "date", "time", "appt", "appt date",
        "appointment", "appointment date", "admission", "admission date", "admitted",
        "discharge", "discharge date", "discharged", "outcome", "status", "notes", "note",
        "comments", "comment", "result", "results", "test", "priority", "urgency", "team",
        "location", "site", "phone", "telephone", "tel", "tel no", "mobile", "email",
        "ethnicity", "language", "nok", "next of kin", "episode", "source", "type", "category",
        "risk", "reason", "treatment", "allergies", "weight", "height", "bmi", "tci", "los",
        "seen", "wait", "waiting", "weeks", "days", "rtt", "breach", "no", "number", "id", "ref",
        "dept", "department", "doctor", "nurse", "hcp", "day", "month", "year", "dd", "mm",
        "yyyy", "mm yyyy", "dd mm yyyy", "of", "and", "s", "d",
        # a ward handover sheet's columns
        "pmh", "hpc", "plan", "jobs", "to do", "tasks", "dnacpr", "dnar", "resus", "resus status", "edd",
        "news", "news2", "obs", "mobility", "diet", "issues", "background", "social", "bloods",
        "investigations", "escalation", "ceiling of care", "pending", "nbm", "vte", "falls",
    ),
}
_PHRASES: dict[tuple[str, ...], str] = {}
for _group, _names in _GROUPS.items():
    for _name in _names:
        _PHRASES.setdefault(tuple(_name.split()), _group)
_MAX_PHRASE = max(len(p) for p in _PHRASES)
_FIRST_WORDS = frozenset(p[0] for p in _PHRASES)  # a phrase can start only at one of these
MAX_HEADER_CHARS = 400
_NOT_COLUMNS = frozenset(("of", "and", "s", "d", "no", "number", "dd", "mm", "yyyy"))


def header_words(line: str) -> list[str]:
    """The words of a header line or cell, a column's number glued to its word read as the
    word ("Dx1", "Diagnosis2", "Proc3": the first, second, third of that column)."""
    words = word_text(line).split()
    for k, word in enumerate(words):
        if word[-1].isdigit() and word not in _FIRST_WORDS:
            base = word.rstrip("0123456789")
            if base in _FIRST_WORDS and len(word) - len(base) <= 2:
                words[k] = base
    return words


def header_groups(line: str, whole: bool) -> tuple[set[str], int]:
    """Column groups named in ``line`` and how many column phrases it holds.

    With ``whole``, every word must belong to a column phrase (at most one stray
    word per five), else the line is not a header and the result is empty.
    """
    words = header_words(line)
    if not words:
        return set(), 0
    groups: set[str] = set()
    phrases = stray = i = 0
    n = len(words)
    # With ``whole``, past this many stray words the line is no header: stop there (prose lines).
    max_stray = n // 5 if whole else n
    while i < n:
        group = None
        if words[i] in _FIRST_WORDS:
            for size in range(min(_MAX_PHRASE, n - i), 0, -1):
                group = _PHRASES.get(tuple(words[i:i + size]))
                if group is not None:
                    break
        if group is not None:
            # Joining words, and a date's format ("DOB (dd/mm/yyyy)"), are no columns of their own.
            if group != "other" or words[i] not in _NOT_COLUMNS:
                phrases += 1
            groups.add(group)
            i += size
        else:
            stray += 1
            if stray > max_stray:
                return set(), 0
            i += 1
    return groups, phrases


@dataclass(frozen=True)
class Table:
    dob: bool
    ids: bool  # hospital number / MRN / patient ID column
    nhs: bool  # NHS, CHI or H&C number column
    dx: bool
    rows: int


_ID_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{0,3}[0-9](?:[0-9]|[ \-/][0-9]){4,}")


def id_tokens(text: str, start: int, stop: int) -> list[int]:
    return [m.start() for m in _ID_TOKEN_RE.finditer(text, start, stop)]


def row_dates(text: str, start: int, stop: int) -> list[int]:
    """Starts of plausible dates in text[start:stop] (stop is a line end)."""
    found = [m.start() for m in _NUMERIC_DATE_RE.finditer(text, start, stop) if date_ok(m)]
    lowered = text[start:stop].lower()
    if len(lowered) != stop - start:
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text[start:stop])
    for mm in _MONTH_RE.finditer(lowered):
        at = start + mm.start()
        m = DATE_RE.search(text, max(start, at - 16), min(stop, at + 35))
        if m and m.lastgroup in ("c3", "d3", "g3") and date_ok(m) and not text[m.end():m.end() + 1].isdigit():
            found.append(m.start())
    found.sort()
    return found


class _Forward:
    """Matches of ``regex`` from ``pos`` on, read in growing windows that end at a
    line end (a date never spans lines), so a long table costs one regex pass."""

    def __init__(self, find: Callable[[str, int, int], list[int]], text: str, pos: int) -> None:
        self._find, self._text = find, text
        self._to = pos  # scanned up to here
        self._window = 256
        self._found: list[int] = []  # starts of good matches, ascending
        self._i = 0

    def any_in(self, start: int, end: int) -> bool:
        text = self._text
        while self._to < end:
            stop = text.find("\n", min(len(text), max(end, self._to + self._window)))
            stop = len(text) if stop < 0 else stop
            self._found.extend(self._find(text, self._to, stop))
            self._to = stop
            self._window = min(self._window * 2, 1 << 20)
        found, i = self._found, self._i
        while i < len(found) and found[i] < start:
            i += 1
        self._i = i
        return i < len(found) and found[i] < end


_DIGIT_RE = re.compile(r"[0-9]")


def layout_table(text: str, pos: int) -> tuple[int, int, Table] | None:
    """If the line holding ``pos`` is a layout-table header: (header end, end of
    its rows, the table)."""
    start, end = line_bounds(text, pos)
    if end - start > MAX_HEADER_CHARS:
        return None
    groups, phrases = header_groups(text[start:end], whole=True)
    if phrases < 3 or not groups & {"dob", "id", "nhs"}:
        return None
    dob, ids, nhs, dx = "dob" in groups and "staff" not in groups, "id" in groups, "nhs" in groups, "dx" in groups
    dates = _Forward(row_dates, text, end) if dob else None
    tokens = _Forward(id_tokens, text, end) if ids or nhs else None
    rows = 0
    blanks = misses = 0
    pos = end + 1
    n = len(text)
    last = end
    while pos < n:
        line_end = text.find("\n", pos)
        line_end = n if line_end < 0 else line_end
        if line_end - pos < 200 and not text[pos:line_end].strip():
            blanks += 1
            if blanks > 1:
                break
        else:
            blanks = 0
            # Every row worth counting holds a digit (a date, an identifier).
            hit = _DIGIT_RE.search(text, pos, line_end) is not None and (
                (dates is not None and dates.any_in(pos, line_end))
                or (tokens is not None and tokens.any_in(pos, line_end))
            )
            if hit:
                rows += 1
                misses = 0
                last = line_end
            else:
                misses += 1  # a wrapped cell, a page footer
                if misses > 2:
                    break
        pos = line_end + 1
    return end, last, Table(dob, ids, nhs, dx, rows)


# --- a personal name right before a date of birth ----------------------------------
#
# "Jane Example (02/03/1961)", "EXAMPLE, Jane 02.03.61", "Mrs Example, 3 March 1961":
# how staff write a patient without a label. The name is a given name from
# data/given_names.txt and a family name after it (or before it, "EXAMPLE, Jane"),
# or a personal title (Mr, Mrs, Ms, Miss, Master, Mx) and a family name; a
# professional title (Dr, Prof, Nurse...) makes it a clinician, not a patient.
# The date must be a year or more ago (sixteen with a title alone, which
# surgeons share: "Mr Patel 02/03/2019" is a clinic letter); a time after it
# makes it an event ("Jane Example 02/03/2019 14:00").

# Letters of any Latin-script name, accented too ("Siân", "Seán", "Zoë", "Ó Súilleabháin"):
# the name patterns are compiled with ``regex`` for its Unicode letter classes.
_NAME_TOKEN = r"(?:Ma?c|[ODL]['\u2019]|Ó[ ]?)?\p{Lu}(?:\p{Ll}+|\p{Lu}+)(?:['\u2019\-]\p{Lu}?\p{L}+)*"
# A family name's particles (one or two), written in lower case between a given name and the rest
# ("Dafydd ap Rhys", "Ingrid van Dijk", "Ahmed bin Salleh", "Maria de la Cruz", "Pieter van der Berg").
_PARTICLE = r"(?:(?:ap|ab|ferch|verch|van|von|der|den|de|da|di|du|dos|das|del|della|la|le|los|ter|ten|bin|binti|ibn)[ \t]+){1,2}"
# A name's next word, no title: a title starts another name, the capitalised word before it
# none ("Seen Mrs Example", "Reviewed Dr Example": "Seen", then "Mrs Example").
_NEXT_NAME_TOKEN = r"(?!(?:Mr|Mrs|Ms|Miss|Master|Mx|Dr|Prof|Professor)\b)" + _NAME_TOKEN
_NAME_BEFORE_RE = regex.compile(
    # a title, and a given name's initials after it ("Mr O Strand", "Mrs J. K. Example")
    rf"(?:(?P<title>\b(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+)(?:\p{{Lu}}\.?[ \t]+){{0,2}}(?:{_PARTICLE})?"
    # ... or a given name's dotted initials alone before the family name ("J. Doughty", "J.K. Example")
    rf"|(?P<initials>(?<![\p{{L}}.])(?:\p{{Lu}}\.[ \t]?){{1,2}}[ \t]*))?"
    rf"(?P<name>{_NAME_TOKEN}(?:,?[ \t]+(?:{_PARTICLE})?{_NEXT_NAME_TOKEN}){{0,3}})"
    r"[ \t]*(?:[(\[,\-\u2013\u2014:|\t][ \t]*)?$"
)
_TOKEN_RE = re.compile(r"[^\s,]+|,")
_PROFESSIONAL = frozenset(
    "dr doctor prof professor nurse sister matron rev reverend sir dame cllr councillor lord lady consultant".split()
)
# Words after a given name that make the capitalised run a heading, a team or a place.
_NOT_FAMILY = frozenset(
    "nhs trust hospital clinic ward team board department dept service services centre center unit "
    "practice surgery council university college school ltd limited plc group committee meeting "
    "review policy report update updated version issue date approved published minutes agenda "
    "rota list letter referral appointment sent received dated created modified issued reviewed due "
    "expires expiry deadline start end from to on at business journal journals news times post daily "
    "weekly magazine press bank street road avenue city county house inc corp company observer guardian "
    "telegraph herald gazette tribune chronicle suite room lodge wing edition pathway hall building block "
    "floor home homes care nursing hospice "
    # ... and Welsh ones: a hospital, a care, a centre, a surgery, a unit, a service, a health board, a school
    "ysbyty gofal ofal canolfan ganolfan meddygfa feddygfa uned gwasanaeth wasanaeth gwasanaethau wasanaethau "
    "bwrdd iechyd clinig glinig cartref gartref ysgol prifysgol cyngor elusen".split()
)
# Welsh words written as a given name is: "Mae" (is, are: "Mae Ysbyty Gwynedd yn agor ..."),
# "Tîm" (a team: "Tîm Cof Conwy"; the name "Tim" has no circumflex). A capitalised run they
# lead in a Welsh sentence (its "yn", "wedi") is no name of theirs.
_WELSH_LEAD_WORDS = frozenset(("Mae", "Tîm", "Dîm", "Nhîm", "Bydd", "Roedd", "Dyma"))
_WELSH_SENTENCE_RE = re.compile(r"[ \t](?:yn|wedi|gyda|ar gyfer)[ \t]")
# ... of which these are family names too, after a given name: "Liam Ward", "Jo Hall", "Amy House".
_WORD_FAMILY = frozenset("ward hall house bank street lodge wing".split())
# What is said of a place named for a person ("Victoria Ward", "Florence Hall"), not of one.
_PLACE_SAID_RE = re.compile(
    r"(?i)\b(?:outbreaks?|closed|closure|reopen\w*|beds?|bays?|admissions|visiting|deep[ -]clean\w*|refurbish\w*"
    r"|cases|staff(?:ed|ing)?|floor|wards?)\b"
)
# Family names written first, as Chinese, Korean and Vietnamese names are ("Zhang Wei",
# "Nguyen Van An", "Kim Min-jun"): the most common, without those that are English words
# ("Park", "Song", "Sun", "He", "Do"). One of them first, then a given name that is no word
# of a team or a place, is a person's name (_family_first).
FAMILY_FIRST = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu zhu hu guo lin luo zheng liang xie tang deng feng cao peng "
    "zeng xiao tian dong yuan cai jiang yu du cheng wei su lu ding ren shen yao jin qian gao "
    "kim lee choi jung kang cho yoon jang lim shin "
    "nguyen tran pham hoang phan vu dang bui ngo duong".split()
)


def _family_first(words: Sequence[str]) -> bool:
    """``words`` (folded) are a family name from FAMILY_FIRST, then one or two given names."""
    return (2 <= len(words) <= 3 and words[0] in FAMILY_FIRST
            and not any(w in _NOT_FAMILY or len(w.rstrip(".")) < 2 for w in words[1:]))  # ("Chen L.": a citation's)


# A word right before the name that makes it an author, sender or signatory ("By Jane
# Example 08/08/2002", "From: ...", "Approved by ...").
_NOT_PATIENT_BEFORE = frozenset(
    "from to cc bcc sent owner contact lead chair action actions responsible assigned attendees present "
    "apologies manager director officer secretary clerk reviewer approver interpreter translator proofreader".split()
)
# ... but "to" after a verb of speaking is whom the writer spoke to: "Spoke to Dafydd ap Rhys's daughter";
# (_GIVEN_TO_BEFORE_RE) after a verb of giving a medicine or a treatment, what was given a few words between, whom it
# was given to: "administered 10 units of insulin to Idris Example", "the pump gave a bolus of
# morphine to ...".
_SPOKEN_TO_BEFORE_RE = re.compile(r"(?i)\b(?:spoke|speak|speaking|spoken|talked|talking|chatted|chatting)[ \t]+to[ \t]*$")
# (not goods handed over: "delivered two boxes of heparin syringes to ... in stores")
_GIVEN_TO_BEFORE_RE = re.compile(
    r"(?i)\b(?:gave|given|giving|administered|administering|delivered|delivering|infused|infusing|injected|injecting"
    r"|prescribed|dispensed|transfused)(?:[ \t]+(?!(?:box|boxes|packs?|cases?|cartons?|pallets?|crates?|parcels?|stock"
    r"|supplies|orders?|deliver(?:y|ies)|consignments?|batch|batches)\b)[\w'\u2019./%\-]+){1,7}?[ \t]+to[ \t]*$"
)
_GIVEN_TO_REACH = 80  # characters before a name in which the verb of giving of its "to" is read
# ... or a few words before it ("By Sallie Baliunas and Willie Soon 07/23/2002").
_BYLINE_WORDS = frozenset(
    "by author authors written signed approved reviewed prepared presented chaired posted edited".split()
)
# ... unless the word is a verb said by its subject ("We reviewed Gareth Example in clinic",
# "I have reviewed ..."): whom someone reviewed, not who reviewed a document.
_VERB_SUBJECTS = frozenset("i we he she they you have has had i've we've".split())


# ... nor "by" after a bed's or a room's word for who lies in it ("the side room is occupied
# by Mr Example"): its occupant, no author.
_OCCUPANT_BEFORE_BY = frozenset(("occupied",))


def _byline_words(words: list[str]) -> list[str]:
    """``words`` (lower case, the last few before a name) without a byline word said as a verb
    by its subject, nor the "by" of an occupant (_OCCUPANT_BEFORE_BY); what is left counts
    against the name as a byline's."""
    return [w for i, w in enumerate(words)
            if not (w in _BYLINE_WORDS and i and (
                w != "by" and words[i - 1] in _VERB_SUBJECTS or w == "by" and words[i - 1] in _OCCUPANT_BEFORE_BY))]
# A letter (the end of a name), a separator, and where a date starts (group 1), for
# RE2 (no back-references): numeric, ISO and month-name forms. Most dates in mail
# (a list's column, a sent date) have no letter right before them and cost nothing.
_DATE_HINT = (
    # a record system's sex or title between the name and the date: "Mr Colin TATE (M) 14-May-1961"
    r"(?:\pL|\((?i:m|f|male|female|mr|mrs|ms|miss|mx)\))[ \t]{0,6}[(\[,:|\t\-]?[ \t]{0,2}("
    r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}|(?:19|20)[0-9]{2}[/.\-][0-9]{1,2}[/.\-][0-9]{1,2}"
    r"|[0-9]{1,2}(?:st|nd|rd|th)?(?:[ \-]+(?:of[ ]+)?)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    # "September 13, 1992": the month first
    r"|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]+[0-9]{1,2}(?:st|nd|rd|th)?,?[ ]+[0-9]{2,4})"
)
# Words above a list of names with dates that make the dates events of staff (a course
# completed, a last working day, a start, an opt-out), where the dates are recent enough to
# be a child's birth: such a list is not of patients.
_EVENT_RE = re.compile(
    r"(?i)\b(?:training|e-learning|course(?:[ \t]+(?:name|title))?[ \t]*:|leavers|leaving dates?|last working day"
    r"|with effect from|w\.e\.f|effective from|starters|joiners|start dates?|retire(?:d|ment|s)|opt(?:ed)?[ -]outs?"
    r"|expiry dates?|renewal dates?)"
)
_EVENT_YEARS = 10  # a date within this many years of today can be an event as well as a birth
_EVENT_REACH = 400  # characters above the name

_TIME_AFTER_RE = re.compile(r"[ \t,]*(?:at[ \t]+)?[0-9]{1,2}[:.][0-9]{2}(?![0-9])")
# A second date after the first: a period ("Jane Example (01/04/2018 – 31/03/2023)": years of
# service), never a birth.
_RANGE_AFTER_RE = re.compile(
    r"[ \t]*(?:[\-\u2013\u2014]|to|until|till)[ \t]*(?:[0-9]{1,4}[/.\-][0-9]|[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|(?:19|20)[0-9]{2}\b|present\b|now\b|date\b)",
    re.I,
)
# A record system's sex or title after a name, before its date of birth: "TATE, Colin (Mr)".
_MARK_AFTER_NAME_RE = re.compile(r"[ \t]*\((?i:m|f|male|female|mr|mrs|ms|miss|mx)\)[ \t]*$")


# A table's "Name" column or a form's "Full name" cell, tab-separated (an employee's, a
# debtor's: an HTML table's "Employee | Jane Example" row).
_NAME_CELL = r"(?:(?:full[ \t]+)?name|employee(?:[ \t]+name)?|debtor)\t"
# Whom a bill, an employer's scheme or an insurer's policy names, who may be its patient too.
_PAYER_WORDS = r"employee|member|client|customer|policy[ \t]?holder|claimant|debtor|staff[ \t]+member"
# ... or a patient's name label and its colon ("Patient: Jane Example", below).
# A research study's participant, as its consent form or case report form labels them: "Name of
# participant:", "Participant's name:", "Trial participant:".
_PARTICIPANT_LABEL = (r"(?:(?:trial|study|research)[ \t]+)?participant(?:['’]?s)?(?:[ \t]+(?:full[ \t]+)?name)?"
                      r"|name[ \t]+of[ \t]+(?:the[ \t]+)?(?:(?:trial|study|research)[ \t]+)?participant")
_PARTICIPANT_LABEL_RE = regex.compile(rf"(?i)(?:{_PARTICIPANT_LABEL})[ \t]*:")
_NAME_LABEL_HINT = (
    # (a bill's or a scheme's person who is the patient too: "Employee / patient:", "Patient/Member:")
    r"(?i:\b(?:(?:" + _PAYER_WORDS + r")[ \t]*/[ \t]*patient|patient[ \t]*/[ \t]*(?:" + _PAYER_WORDS + r")"
    r"|patient(?:['\x{2019}]?s)?(?:[ \t]+name)?|pt\.?(?:[ \t]+name)?|name[ \t]+of[ \t]+patient"
    r"|service[ \t]+user(?:[ \t]+name)?|client(?:[ \t]+name)?|resident(?:[ \t]+name)?|name[ \t]+of[ \t]+resident"
    r"|child(?:['\x{2019}]?s)?(?:[ \t]+name)?|pupil(?:[ \t]+name)?|prisoner(?:[ \t]+name)?"
    # whom a medico-legal or benefits report, a removal centre or a patient transport booking is of
    r"|detainee(?:[ \t]+name)?|passenger(?:[ \t]+name)?"
    r"|person(?:['\x{2019}]?s)?[ \t]+name|name[ \t]+of[ \t]+(?:person|child|pupil)"
    # Welsh: "Enw'r claf", "Enw claf" (the patient's name)
    r"|enw(?:['\x{2019}]r)?[ \t]+claf|claf|ainm[ \t]+an[ \t]+euslaintich"
    # ... and as letters translated for patients and their families write it: Polish, Romanian,
    # Spanish and Portuguese, Lithuanian ("Pacjentka:", "Numele pacientului:", "Nombre del
    # paciente:", "Paciento vardas, pavardė:")
    r"|pacjent(?:ka)?|pacient(?:ul|a)?|numele[ \t]+pacient(?:ului|ei)|paciente|nombre[ \t]+del[ \t]+paciente"
    r"|nome[ \t]+do[ \t]+(?:paciente|doente|utente)|pacient(?:as|ė)|pacient(?:o|ės)[ \t]+vardas(?:,?[ \t]+pavardė)?"
    r"))[ \t]*(?:[:\t]|[\-\x{2013}\x{2014}][ \t])"
    # a bare "Name:" (group 2), an insurer's "Member name:": a patient's only beside a clinical field (below)
    # ... an employee's on a sickness or an occupational health record ("Employee: ..."), theirs beside its reason (below)
    r"|(?i:\b(name|full[ \t]+name|member[ \t]+name|victim|deceased|name[ \t]+of[ \t]+(?:the[ \t]+)?deceased"
    r"|deceased['\x{2019}]?s[ \t]+name|employee(?:[ \t]+name)?|staff[ \t]+(?:member|name)"
    # ... a bill's or a scheme's: whom a debt, an account or a policy is of, theirs beside the care it names
    r"|debtor(?:[ \t]+name)?|customer(?:[ \t]+name)?|account[ \t]+holder|member|policy[ \t]?holder|claimant"
    # ... a study's participant, whose consent form or case report form names the study
    r"|" + _PARTICIPANT_LABEL + r"))[ \t]*:"
    # "Pt name Nicola Berry": the patient's name label without its colon
    r"|(?i:\b(?:patient(?:['\x{2019}]?s)?|pt\.?)[ \t]+name)[ \t]+"
    # a "Name" column of a table pasted as tab-separated cells: a patient's only beside a clinical column
    rf"|(?i:\b{_NAME_CELL})"
)
_NAME_CELL_RE = re.compile(rf"(?i){_NAME_CELL}")
# A table's clinical column: with it in the header row, a "Name" column is of patients.
_CLINICAL_COLUMN_RE = re.compile(
    r"(?i)\b(?:diagnos[ie]s|dx|conditions?|presenting complaint|reason for (?:admission|referral)"
    r"|clinical (?:details|summary)|working diagnosis|pmh|past medical history|medical history|gestation|edd"
    r"|medications?|allergies|treatment protocol|obstetric history|mental state)\b"
)
# A few words may qualify a record's field label before its colon ("Problems this week:",
# "Meds changed:", "Diagnosis on discharge:"); the label's line is still read for health.
_FIELD_QUALIFIER = r"(?:[ \t]+[a-z][a-z/'\u2019\-]*){0,3}?"
_FIELD_END = r"[ \t]*(?::|\t(?=[ \t]*\S))"
# A clinical record's fields, first on their line: with one of them near it, a bare
# "Name:" field is a patient's ("Name: Jane Example" ... "Diagnosis: schizophrenia"), as
# discharge summaries, handovers, referral forms and clerking notes label them.
_CLINICAL_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:(?:primary|secondary|working|provisional|final|main|principal|medical|current"
    r"|relevant|patient(?:['\u2019]?s)?|discharge|admission|known|active|other|significant)[ \t]+)?"
    r"(?:diagnos[ie]s|dx|condition|conditions|presenting complaint|pc|hpc|history of presenting complaint"
    r"|reason for (?:referral|admission)|(?:past )?medical history|pmh|psh|past surgical history"
    r"|clinical (?:details|summary|history)|co-?morbidit(?:y|ies)|problem list|long[- ]term conditions|ltcs?"
    r"|medication|medications|meds|drug history|dh|tto|allergies|gestation|edd|presenting problem"
    r"|causes? of death|admission|admitted(?: with| for)?|operation|surgery|investigations|resus(?:citation)? status"
    r"|dnacpr|ceiling of care)" + _FIELD_QUALIFIER + _FIELD_END
)
# A sickness absence record's reason or an occupational health referral's (a bare "Reason:"
# only in a text that is one, _occupational_health): the condition it names is the person's.
_ABSENCE_REASON_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:reason for (?:absence|sickness|(?:oh|occupational health) referral)|(?:absence|sickness)"
    r" reason|cause of absence|(?P<bare>reason))" + _FIELD_QUALIFIER + _FIELD_END
)
_WRAPPED_LINES = 3  # lines a field's value may wrap onto
_INDENTED_MORE_RE = re.compile(r"[ \t]+(?![ \t]*[\w/' \-]{1,30}:)\S")


def _wrapped_value_end(text: str, pos: int) -> int:
    """Where the value of the field whose label ends at ``pos`` ends: its line's end, or a
    later line's when the value wraps onto indented lines that hold no field of their own."""
    end = line_bounds(text, pos)[1]
    for _ in range(_WRAPPED_LINES):
        if end >= len(text) or not _INDENTED_MORE_RE.match(text, end + 1):
            break
        end = line_bounds(text, end + 1)[1]
    return end


_CLINICAL_REACH = 400  # characters either side of the name
# A study's title field, first on its line, and what it is of: a condition in patients who have
# it ("Title of study: A trial of Examplinib in adults with heart failure"). One of healthy
# volunteers, of staff or of a service's training is of no one's health.
_STUDY_TITLE_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:(?:full|short|public|lay|scientific)[ \t]+)?(?:title[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?:study|trial|project|research)|(?:study|trial|project|protocol|research)[ \t]+title|study|trial)" + _FIELD_END
)
_NOT_PATIENTS_STUDY_RE = re.compile(
    r"(?i)\b(?:healthy[ \t]+(?:volunteers?|participants?|adults?|subjects?)|staff|workforce|employees?|students?"
    r"|trainees?|training|education|nurses|doctors|clinicians|practitioners|professionals)\b")
_STUDY_TITLE_LINES = 3  # lines a wrapped title may take


def _participant_of_study(text: str, start: int, end: int, terms: Sequence[int]) -> bool:
    """A study participant's name after its label at text[start:end] (_PARTICIPANT_LABEL_RE)
    and, on the same form, the study's title naming the condition it is of (_STUDY_TITLE_RE):
    a consent form or a case report form says that person is in a trial of their illness."""
    if not terms or _PARTICIPANT_LABEL_RE.fullmatch(text, start, end) is None or not name_after_label(text, start, end):
        return False
    low, high = max(0, start - _FORM_REACH), min(len(text), end + _FORM_REACH)
    for title in _STUDY_TITLE_RE.finditer(text, low, high):
        stop = line_bounds(text, title.end())[1]
        for _ in range(_STUDY_TITLE_LINES - 1):  # its wrapped lines, to a blank line or the next field
            if stop >= len(text):
                break
            nxt_end = line_bounds(text, stop + 1)[1]
            if not text[stop + 1:nxt_end].strip() or _FIELD_LABEL_RE.match(text, stop + 1, nxt_end):
                break
            stop = nxt_end
        if _NOT_PATIENTS_STUDY_RE.search(text, title.end(), stop):
            continue
        # (the patients it recruits are a population, "in adults with ...": the participant is one of them)
        i = bisect.bisect_left(terms, title.end())
        while i < len(terms) and terms[i] < stop:
            if _TEAM_AFTER_RE.match(text, terms[i], line_bounds(text, terms[i])[1]) is None:
                return True
            i += 1
    return False


# A booking's record, as a booking system's export or a reminder queue lays it out: its clinic's
# field named for what it treats ("clinic: Sexual Health & GUM - Example Centre", "Service:
# Memory Clinic") beside the appointment's own field and its time ("appointment: 2026-03-05T09:20"):
# the person named is that clinic's patient. (A rota's clinician has a session, no appointment.)
_BOOKED_CLINIC_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*[\"']?(?:clinic|clinic (?:name|type)|service|appointment type|appt type|specialty"
    r"|speciality)[\"']?" + _FIELD_END
)
_APPOINTMENT_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*[\"']?(?:appointment|appt)(?:[ _](?:date|time|datetime|start))?[\"']?"
    + _FIELD_END + r"[ \t\"']*[0-9]"
)


# Fields of an assessment, a handover (SBAR's "Situation:", "Background:"), a referral or an
# insurer's pre-authorisation that say what is wrong only beside the person's home, birth,
# age or membership fields, or beside another such field that says something of health (a
# form of a person): "Name: ... Address: ... Presenting: thoughts of suicide", "Member name:
# ... Membership no: ... Procedure: colonoscopy", "Name: ... Background: COPD ... Problems:
# breathless". A supplier's "Name: / Address: / Order:" has none of them.
_CARE_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:presenting|presentation|risks?|mse|mental state(?: exam\w*)?|symptoms|procedure"
    r"|impression|history|findings|background|situation|assessment|recommendations?|management"
    r"|problems?|issues|concerns|care needs|skin|wounds?"
    # the most general (an insurer's "Plan: Gold, includes cancer cover"): only beside another
    r"|(?P<general>plan|notes?|summary|update|progress))" + _FIELD_QUALIFIER + _FIELD_END
)
# A clinician's or a candidate's own form around those fields: a recruiter's interview
# scores ("Scores for your candidate:" ... "Impression: strong on sepsis recognition"), an
# indemnity's scope of practice ("Member name: Mr Raj Example" ... "Procedure: Total knee
# replacement"): the procedures are what they do, their impression what they showed.
_STAFF_FORM_RE = re.compile(
    r"(?i)\b(?:interviews|interviewers?|interview (?:panel|scores?|notes)|(?:your|the|our|each|shortlisted|internal|external)"
    r"[ \t]+candidates?|applicants?|shortlist\w*|scope of practice|indemnity)\b"
)
# A member of staff's own fields: whose work the general fields then tell.
_STAFF_FIELD_LINE_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:role|job title|position|post|band|grade|employer|qualifications|registration"
    r"|gmc (?:no|number)|nmc pin|years qualified|current post)" + _FIELD_END  # (a form's cell: "Job title<tab>HCA")
)
_PERSON_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:(?:home )?address|dob|d\.o\.b\.?|date of birth|age|membership (?:no|number)\.?"
    r"|member(?:ship)? (?:id|no|number)|policy (?:no|number)\.?|nhs (?:no|number)\.?|hospital (?:no|number)\.?"
    r"|mrn|ward|bed|room (?:no|number)\.?|next of kin|nok)" + _FIELD_END
)


# A plan of one person's care for those who look after them (a school, a nursery, a club, a
# carer), its title near its name field: "Individual Healthcare Plan", "Allergy action plan",
# "Epilepsy care plan", "IHCP"; a health term on it then says that person's condition ("Healthcare
# Plan - Type 1 Diabetes" over "Name: ...", "Also has<tab>Asthma"). Not a course's or a meeting's
# sign-up about such plans (_PLAN_EVENT_RE).
_CARE_PLAN_RE = re.compile(
    r"(?i)\b(?:(?:(?:individual|individualised|individualized|personal|pupil|child)['\u2019]?s?[ \t]+)?(?:health[ \t]?care"
    r"|medical|allergy|anaphylaxis|asthma|epilepsy|seizure|diabetes|emergency|care)[ \t]+(?:action[ \t]+|management[ \t]+"
    r"|care[ \t]+)?plan|IHC?P)\b"
)
_PLAN_EVENT_RE = re.compile(
    r"(?i)\b(?:training|course|certificate|workshop|webinar|template)\b")


def _named_on_care_plan(text: str, low: int, high: int, terms: Sequence[int]) -> bool:
    """text[low:high], around a name field, is a plan of one person's care (_CARE_PLAN_RE) that
    says something of health."""
    plan = _CARE_PLAN_RE.search(text, low, high)
    return (plan is not None and not _PLAN_EVENT_RE.search(text, low, high)
            and _health_between(text, terms, low, high))


def _named_beside_clinical_field(text: str, start: int, end: int, terms: Sequence[int]) -> bool:
    """A name after the bare name label at text[start:end] ("Name:", "Name<tab>"), and a
    clinical record's field near it that says something of health ("Diagnosis: ..."); or a
    care field (_CARE_FIELD_RE) with the person's home, birth or membership field beside; the
    title of a plan of their care (_named_on_care_plan); or, on a bill, a field or an item of
    the care it charges for (_billed_care)."""
    return name_after_label(text, start, end) and _fields_tell_health(text, start, terms)


def _fields_tell_health(text: str, start: int, terms: Sequence[int], introduced: bool = False) -> bool:
    """The fields around ``start``, where a person is named (_named_beside_clinical_field),
    tell their health. ``introduced``: the person is named as whom a care's paper is of
    ("the treatment plan for Jane Example": _named_over_fields), one care field of theirs will do."""
    low, high = max(0, start - _CLINICAL_REACH), start + _CLINICAL_REACH
    billed = _BILL_RE.search(text, low, high) is not None
    staff = _STAFF_FORM_RE.search(text, low, high) is not None or _STAFF_FIELD_LINE_RE.search(text, low, high) is not None

    def not_a_jab(term: int) -> bool:  # (a member of staff's jabs, boosters and screens are their role's)
        return _NOT_TEST_OF_THEIRS_RE.match(text, term) is None

    def said(field: re.Match[str]) -> bool:
        return _health_between(text, terms, field.end(), line_bounds(text, field.end())[1],
                               not_a_jab if staff else None, priced=billed)

    if any(said(field) for field in _CLINICAL_FIELD_RE.finditer(text, low, high)):
        return True
    if any(_health_between(text, terms, field.end(), _wrapped_value_end(text, field.end()), roles=False)
           for field in _ABSENCE_REASON_FIELD_RE.finditer(text, low, high)
           if field.group("bare") is None or _occupational_health(text)):
        return True  # "Reason for absence: slipped disc", an OH referral's "Reason: ... lower back pain": whoever they are
    if staff:
        return False  # (a member of staff's profile: "Role: Band 6 staff nurse", "Background: ...")
    if _named_on_care_plan(text, low, high, terms):
        return True
    if _APPOINTMENT_FIELD_RE.search(text, low, high) and any(
            bisect.bisect_left(terms, field.end()) < bisect.bisect_left(terms, line_bounds(text, field.end())[1])
            for field in _BOOKED_CLINIC_FIELD_RE.finditer(text, low, high)):
        return True  # its clinic's name is its care, a team's name though it be ("GUM - Example Centre")
    if (billed or introduced) and _billed_care(text, terms, low, high):
        return True
    care = [field for field in _CARE_FIELD_RE.finditer(text, low, high) if said(field)]
    return len(care) >= 2 or (len(care) == 1 and care[0].group("general") is None
                              and (introduced or _PERSON_FIELD_RE.search(text, low, high) is not None))


# A bill's, a quote's or a treatment plan's words: its money, what is owed, what the care costs.
_BILL_RE = re.compile(
    r"(?i)\b(?:invoice[sd]?|statement|balance|amount[ \t]+(?:due|owed|outstanding|payable)|total|fees?|costs?|charges?"
    r"|price|payment|paid|deposit|quote|quotation|estimate|outstanding|arrears|debt|bill(?:ed|ing)?|remittance)\b"
    r"|\u00a3|\bGBP\b|\u20ac"
)
# A bill's or a plan's field of the care it charges for or proposes: "Treatment:", "Treatment
# provided:", "Procedure performed:", "Services:", "Description:", "Item:", "Reason for visit:".
_TREATMENT_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:treatments?|procedures?|services?(?:[ \t]+(?:provided|rendered|received|supplied))?"
    r"|therapy|therapies|sessions?|episode|description(?:[ \t]+of[ \t]+(?:treatment|services?|care))?|items?"
    r"|line[ \t]+items?|details|reason[ \t]+for[ \t]+(?:visit|attendance|consultation|treatment|referral|claim))"
    + _FIELD_QUALIFIER + _FIELD_END
)
# A bill's line, the price of what it names: "Physiotherapy - lower back pain  4 x £55  £220.00".
_PRICE_RE = re.compile(r"(?:\u00a3|\bGBP|\u20ac)[ \t]?[0-9]|\b[0-9]{1,3}(?:,?[0-9]{3})*\.[0-9]{2}\b")


# Goods named for the care they serve, a supplier's line: "Knee arthroscopy instrument set",
# "cataract surgery packs", "physiotherapy couch hire".
_GOODS_AFTER_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,3}?[ \t]+(?:sets?|kits?|trays?|instruments?|packs?|towers?|stacks?"
    r"|devices?|consumables|drapes?|stock|machines?|equipment|couch(?:es)?|beds?|chairs?|licen[cs]es?|software"
    r"|supplies|products?|probes?|scopes?|models?|simulators?|manikins?|mannequins?|posters?|booklets?|brochures?"
    r"|printing|hire|rental|spares?|parts?|maintenance|servicing|repairs?|subscriptions?)\b"
)


def _billed_care(text: str, terms: Sequence[int], low: int, high: int) -> bool:
    """In text[low:high], on a bill or a plan, a field of the care it charges for
    (_TREATMENT_FIELD_RE) or a priced line (_PRICE_RE) whose health term speaks of health (its
    money the care's price): "Treatment: hysteroscopy", "Osteopathy - sciatica  £60.00"; not
    goods named for the care they serve (_GOODS_AFTER_RE)."""

    def care(term: int) -> bool:
        return _GOODS_AFTER_RE.match(text, term, line_bounds(text, term)[1]) is None

    for field in _TREATMENT_FIELD_RE.finditer(text, low, high):
        if _health_between(text, terms, field.end(), _wrapped_value_end(text, field.end()), care, priced=True):
            return True
    i = bisect.bisect_left(terms, low)
    line_end = -1
    while i < len(terms) and terms[i] < high:
        term = terms[i]
        i += 1
        if term <= line_end:
            continue
        line_start, line_end = line_bounds(text, term)
        if _PRICE_RE.search(text, line_start, line_end) and _health_between(text, terms, term, line_end, care,
                                                                            priced=True):
            return True
    return False


# Whom a care's paper is of, in the sentence or the line that introduces its fields: a letter's
# "Re:" line ("Re: Mr Tomasz Example"), "the treatment plan for Jane Example", "our invoice for
# Mrs Example", "a report on Ben Example"; the fields below then say their care (_fields_tell_health).
_PAPER_OF_PERSON_RE = re.compile(
    r"(?im)^[ \t>*]*(?:re|regarding)[ \t]*:[ \t]*"
    r"|\b(?:(?:(?:treatment|care|rehab\w*|management|exercise|recovery|discharge|therapy|physio\w*)[ \t]+)?plan"
    r"|report|assessment|invoice|statement|summary|referral|quote|quotation|estimate|bill)s?"
    r"[ \t]+(?:for|of|on|regarding|re|concerning)[ \t]+(?:(?:our|your|the)[ \t]+(?:employee|patient|client|member)"
    r"[ \t]*,?[ \t]+)?"
)
# (looked for with the capital a name starts with after it: "a summary of the ..." is on most letters' lines)
_paper_of_person = re2_lines(_PAPER_OF_PERSON_RE, _PAPER_OF_PERSON_RE.pattern + r"(?-i:[A-Z])")


def _named_over_fields(text: str, terms: Sequence[int], counted: set[int]) -> int:
    """People named as whom a care's paper is of (_PAPER_OF_PERSON_RE), its fields near telling
    their health (_fields_tell_health); one a line, on the lines not counted already."""
    found = 0
    for m in _paper_of_person(text):
        line_start, line_end = line_bounds(text, m.start())
        if line_start in counted or not person_at(text, m.end(), line_end):
            continue
        person = _PERSON_AFTER_RE.match(text, m.end(), line_end)
        if person is None or _ROLE_AFTER_NAME_RE.match(text, person.end(), line_end) or (
                not person.group("title") and len(_TOKEN_RE.findall(person.group("name"))) < 2):
            continue
        if _fields_tell_health(text, m.end(), terms, introduced=True):
            counted.add(line_start)
            found += 1
    return found


# A person's age right after their name (group 3), as ward lists and clinical notes write
# it: "KHAN, Imran (74y)", "(82 yrs)", "(74M)", "41yo", "74 y/o", "Mrs Bell 82 yrs",
# "Peter Example 74M"; it counts with a health term on the same row (_age_after_name).
# Prose ("aged 67", "78 years old") is how news and testimonials write a person: not read
# here (a story that tells of their care is named_in_story's).
_AGE_HINT = (
    r"\pL[ \t]{0,6}(?:[,\-\x{2013}][ \t]{0,2})?"
    r"(\([ \t]?[0-9]{1,3}[ \t]?(?:(?i:y|yo|y/o|y\.o\.|yrs?|years?(?:[ \t]+old)?)|[MF])?[ \t]?\)"
    # "aged 92" after a patient's title and name: "Mrs Edna Example aged 92 has ...", "(aged 92)"
    r"|\(?(?i:aged?)[ \t:]+[0-9]{1,3}\b\)?"
    r"|[0-9]{1,3}[ \t]?(?:(?i:yo|y/o|y\.o\.|y|yrs?|m|f)\b)"
    # a bare figure between commas, after a patient's title and name: "Mrs Patricia Example, 84, ..."
    r"|,[ \t]{0,2}[0-9]{1,3}[ \t]*[,\-\x{2013}\x{2014}]"
    # ... or ending a heading's line: "Mrs Joan Example, 78" over the lines of her care
    r"|,[ \t]{0,2}[0-9]{1,3}[ \t]*(?:\r?\n|$)"
    # a bare figure and a dash after a name, a note's shorthand: "Peter Example 74 - NSTEMI"
    r"|[0-9]{1,3}[ \t]*[\-\x{2013}\x{2014}][ \t])"
)
# A clinical letter's subject line (group 4 is its colon): "Re: Mrs Jane Example, 9 Elm
# Terrace, Leeds", or "Re:" alone with the patient's name and address on the lines below.
_RE_LINE = r"[ \t>*]*(?i:re)[ \t]*"  # "Re" first on a line (quoted or starred), before its colon
_RE_LINE_HINT = rf"(?m:^){_RE_LINE}(:)"
# A UK postcode, whole (its district and its sector and unit: "LS12 3PQ").
_POSTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2}"
# ... (group 5): the end of a home address after a person's name.
_POSTCODE_HINT = rf"\b({_POSTCODE})\b"
# A line introducing a list of patients (group 6 is its colon): "Patients for discussion:",
# "The following patients need review:"; each row that starts with a name is one.
#: Plural nouns for the people a list of patients is of.
PATIENT_NOUNS = ("patients", "pts", "service users", "residents", "clients")
_PATIENTS_LEAD_HINT = (
    r"(?:(?m:^)|[.!?\-\x{2013}][ \t]+)[ \t]*(?i:(?:(?:the following|these|please see(?: below)?(?: the)?"
    r"|see below(?: the)?|(?:here|below|attached|listed below) (?:are|is)(?: the| our| my)?(?: following)?"
    r"|(?:please find|find)(?: below| attached)?(?: the| our)?(?: following)?"
    r"|(?:a |the )?(?:list|details|names) of(?: the| our)?(?: following)?)[ \t]+)?"
    # ... or how many: "Three residents with D&V today:", "2 patients on the ward with flu:"
    r"(?:(?:[0-9]{1,2}|two|three|four|five|six|seven|eight|nine|ten|several|both) (?:of our |more )?)?"
    rf"(?:{'|'.join(PATIENT_NOUNS)}|patient list))\b[^'\x{{2019}}\n:][^\n:]{{0,80}}"
    # the introduction may wrap once ("Here are the patients from this morning's\ndiabetes clinic:")
    # ... and its people are the rows below it, or titled names right after its colon
    # ("... today: Mrs Example (rm 2), Mr Sample (rm 5) and Mrs Lowe (rm 11).")
    r"(?:[^\n:.!?]\n[^\n:]{1,80})?(:)[ \t]*(?:(?m:$)|(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t])"
)

# What was done to them, after "has been", "was" or "is" (_CLINICAL_VERB), or after their
# contraction "'s": "She's been diagnosed with", "He's known to the CMHT", "he's still on the
# CIWA protocol" (_CONTRACTED_VERB, a possessive hint's; read as the words in full).
_DONE_TO_THEM = (
    r"diagnosed(?:[ \t]+[a-z]+){0,2}[ \t]+with|admitted (?:to|with)|treated for|referred (?:to|for)"
    # moved with their care: "is being discharged tomorrow with a new stoma", "transferred to us on IV antibiotics"
    r"|(?:discharged|transferred)(?:[ \t]+(?:home|today|tomorrow|tonight|later|to us|back|here))*[ \t]+(?:from|with|on)"
    r"|started on|prescribed|seen in (?:our |the )?clinic|found to have|tested positive for|detained under"
    # the passive alone, what was done said after it: "has been sectioned under the Mental
    # Health Act", "was diagnosed last year with", "has been admitted overnight with"
    r"|sectioned|diagnosed|(?:re)?admitted|hospitali[sz]ed"
    # a pregnancy's weeks, what is wrong said after them: "is 31/40 with gestational diabetes"
    r"|[0-9]{1,2}(?:\+[0-6])?/40"
    # care whose object is not the health itself: what is wrong is said after it (_CARE_VERBS)
    r"|seen by|reviewed by|assessed by|(?:now )?stable on"
    # whose patient they are: the service's name says what for ("is a patient of our gender identity service")
    r"|a (?:patient|client|service user) (?:of|at|with)|under the care of|known to|on the caseload of"
)
# ... after "'s", which stands for "is" or "has" (not a possessive's: "She's MRI" is none)
_CONTRACTED_VERB = (
    r"(?i:(?:been[ \t]+)?(?:recently[ \t]+|being[ \t]+)?(?:" + _DONE_TO_THEM + r")\b|(?:now[ \t]+|still[ \t]+|also[ \t]+)?on[ \t])"
)
_CONTRACTED_VERB_RE = regex.compile(r"['\u2019]s[ \t]+(?=" + _CONTRACTED_VERB + r")")

# A person's name and what the record says happened to them (group 7): "Oliver Example in
# Year 4 has been diagnosed with asthma", "Mrs Example was admitted with a stroke".
_CLINICAL_VERB = (
    r"((?i:who[ \t]+)?(?i:has been|had been|have been|was|is|were|has)[ \t]+(?i:(?:recently|being)[ \t]+)?"
    r"(?i:" + _DONE_TO_THEM + r")\b"
    # ... under a team, which may be named for what they are treated for ("She's under the
    # perinatal mental health team for anxiety")
    r"|(?i:(?:(?:is|was|has been|had been)[ \t]+)?under[ \t]+(?:the|our)[ \t]+(?:[a-z&'\-]+[ \t]+){0,4}?(?:team|service|clinic)s?)\b"
    # ... and what happened to them said without one: "Tanya Example attended ED with ...",
    # "Gemma Example tested positive for measles", "Amira Example is pregnant (12 weeks)"
    # (a department of emergencies or a clinic by its kind: "attended the Children's ED", "attended
    # the paediatric A&E", "attended the fracture clinic"); their arrival ("came in overnight, fast AF")
    r"|(?i:attended (?:(?:the|our|a)[ \t]+)?(?:[a-z'’\-]+[ \t]+){0,2}?(?:ed|a&e|a and e|emergency department"
    r"|urgent treatment centre|utc|minor injuries(?: unit)?|walk-in centre|clinic)|tested positive for"
    r"|had an? (?:fall|seizure|stroke|heart attack|miscarriage|overdose)|took an overdose|was sectioned|has attended"
    r"|is (?:[0-9]{1,2}(?:\+[0-9])? weeks? )?pregnant|presented with|was brought in"
    # their death and its cause: "Mr John Example died of aspiration pneumonia on Ward 3"
    r"|(?:sadly[ \t]+)?(?:died|passed away)[ \t]+(?:(?:peacefully|suddenly|yesterday|today|overnight|last night)[ \t]+)?"
    r"(?:of|from|following|after|with)"
    r"|came in (?:overnight|last night|this morning|yesterday|today|over the weekend|at the weekend|with|by ambulance|via))\b"
    # ... or what they have: "Mr Walter Example, 86, has dementia" (the term must follow at once)
    r"|(?i:has had|has got|have got|got|has|had|suffers (?:from|with)|is suffering (?:from|with)|lives with|is living with"
    r"|(?:is|was) (?:now |still |also )?on)[ \t])"
)
_CLINICAL_VERB_HINT = r"[\pL0-9)][ \t,]{1,3}" + _CLINICAL_VERB
_VERB_AFTER_AGE_RE = regex.compile(r"[ \t,]{0,3}" + _CLINICAL_VERB)  # after a name's age (_person_at_hint)

# A person's name, then where they lie in hospital (group 8), then their health: "Mrs Kath
# Example on Ward 12, bed 6 - grade 3 pressure ulcer", "Mr George Example, 74, bed 2, NSTEMI".
# A person's name, then what of theirs the record speaks of (group 11): "Mrs Beverley
# Example's MRI shows ...", "Ethan Example's bloods came back ...".
_POSSESSIVE_HINT = (
    r"\pL(['\x{2019}]s[ \t]+(?i:mri|ct|pet|scan|scans|bloods|blood results|blood tests?|results|biopsy|x-?ray|ecg|echo"
    r"|cd4|viral load|admission|diagnosis|referral|discharge|medication|medications|treatment|swab|smear"
    r"|operation|surgery|test results?|symptoms|condition|prognosis|illness|infection|wounds?|ulcers?|leg ulcers?"
    r"|pressure (?:ulcers?|sores?)|fracture|injur(?:y|ies)|seizures?|pain|chemo(?:therapy)?|radiotherapy|pregnancy"
    r"|mental health|memory|mood|care plan|prescription|meds|obs|observations|kidneys?|liver|lungs?|heart)\b"
    # ... or "'s" for "is" or "has" before what was done to them or what they are on (_CONTRACTED_VERB)
    r"|['\x{2019}]s[ \t]+" + _CONTRACTED_VERB + r")"
)

_LOCATION_HINT = (
    r"[\pL0-9)][ ,]{1,3}\(?(?:(?i:on|in)[ ]+)?((?i:ward|bed|bay|side room|cubicle|room|rm|n?gwely|y?stafell)[ \t]*[0-9]{1,3}[A-Za-z]?\b"
    # the units a patient is on by name: "Mr Leonard Example on AMU with an upper GI bleed"
    r"|(?:AMU|MAU|EAU|SAU|CDU|CCU|ITU|ICU|HDU|NICU|SCBU)\b)"
)

# A chat export's line starts with its message's date, time and sender, then the message, as a
# phone's "Export chat" writes them: "07/12/2026, 07:01 - Jo (Ward 9): ...", "[07/12/2026,
# 07:01:12] Jo: ...", "12/7/26, 7:01 AM - Staff Nurse Kay: ...". The message is read past them,
# as past a reply's quote marks (its time is when it was sent, no schedule's slot; its sender's
# role is not the message's sentence's). (One pattern for both RE2 and Python: its characters
# beyond ASCII are written as themselves.)
_CHAT_PREFIX = (
    "\u200e?" r"\[?[0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4},?[ \t]+[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?"
    "(?:[ \t\u202f]?[AaPp]\\.?[Mm]\\.?)?" r"\]?[ \t]*" "(?:[-\u2013][ \t]*)?" r"[^:\n\[\]]{1,40}?:[ \t]+"
)
_CHAT_PREFIX_RE = re.compile(r"[ \t>]*" + _CHAT_PREFIX)

# A row of a ward board or a clinic list (group 9 is where the person's name starts; group 10
# its title): a time, a bed or a bay, or a list's number first, then the name, then their
# health: "A2 - Mrs Ivy Example - fractured NOF", "09:00 John Example 67 knee OA review"; in a
# chat export, after its message's prefix (_CHAT_PREFIX).
_ROW_HINT = (
    r"(?m:^)[ \t>*]*(?:" + _CHAT_PREFIX + r")?(?:[0-9]{1,2}[:.][0-9]{2}|[A-Z]?[0-9]{1,3}[A-Za-z]?"
    r"|(?:(?i:ward|bay)[ \t]*[0-9]{1,3}[A-Za-z]?[ \t,]+)?(?i:bed|bay|side room|room|rm)[ \t]*[0-9]{1,3}[A-Za-z]?)"
    r"[.):,]?[ \t]*(?:[\-\x{2013}:][ \t]*)?(((?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+)?\p{Lu})"
)

# Teams and services named after patients: their lists and signatures are of staff.
PATIENT_TEAMS = (
    "patient experience", "patient experience team", "patient safety", "patient advice", "patient advice and liaison",
    "patient information", "patient services", "patient engagement", "patient participation",
    "patient transport", "patient panel", "patient forum", "patient relations", "patients association",
    "patient representatives", "patient council", "patient participation group",
)
_PATIENT_TEAM_RE = re.compile(
    r"(?i)\bpatients?[ \t]+(?:" + "|".join(sorted({t.split(" ", 1)[1] for t in PATIENT_TEAMS}, key=len, reverse=True))
    + r")\b"
)
# Before a row's name: a list's number or bullet, a bed or bay ("Bed 1 Mrs Ivy Example - COPD").
_LIST_MARK_RE = re.compile(
    r"[ \t]*(?:[0-9]{1,3}[.)][ \t]*|[-*\u2022\u00b7][ \t]*)?(?:(?:bed|bay|side room|room)[ \t]*[0-9]{1,3}[A-Za-z]?[ \t:\-\u2013]*"
    r"|[0-9]{1,2}[:.][0-9]{2}[ \t:\-\u2013]*)?",
    re.I,
)
_LISTED_ROWS = 50  # rows under a patients' list's introduction that are read
_AFTER_LIST = 300  # characters after a patients' list in which its health may be said


# A titled person called a patient in the sentence, no label's colon (group 12 is where
# the title starts): "our patient Mrs Jane Example is coming in for her chemo", "Patient
# Mr Terry Example is coming home for end of life care"; a given and a family name without a
# title, a few words of the list or the service they are on perhaps before "patient" ("the
# private knee list patient Alison Example", "our new patient Tariq Example").
_APPOSITION_HINT = (
    r"(?:(?m:^)[ \t]*|\b(?i:our|my|your|the|this|a|re:?|regarding|referring)[ \t]+(?:[A-Za-z\-]+[ \t]+){0,3}?)"
    r"(?i:patient|client|service user|resident)[ \t]*,?[ \t]+((?:Mr|Mrs|Ms|Miss|Mx|Master|Dr)\.?[ \t]+\p{Lu}"
    r"|\p{Lu}\p{Ll}+[ \t]+\p{Lu}\p{Ll})"
)
# A doctor called a patient ("our patient Dr Amir Example was admitted with chest pain"), the
# name then what happened to them, not whom they saw ("the patient Dr Example referred").
_DOCTOR_TITLE_RE = re.compile(r"Dr\.?[ \t]+")
_PATIENT_DOCTOR_AFTER_RE = re.compile(r"[ \t]*(?:,|\(|(?:was|is|has|had|remains)\b)")


# A bank's, a lawyer's or a fund's client: their money is the text's matter ("this client Mr.
# David Example died ... the funds in his account"), where a mental health service's client is its patient.
_MONEY_RE = re.compile(
    r"(?i)\b(?:bank|banking|account|accounts|funds?|deposit\w*|transfer\w*|beneficiar\w+|next of kin|inheritance"
    r"|US\$|USD|dollars|million|investment|investor|portfolio|attorney|lawyer|barrister|solicitor|estate|claim)\b"
)
_MONEY_REACH = 400  # characters either side of "client" in which its money is said
_MONEY_WORDS = 2


def _client_of_money(text: str, start: int, name: int) -> bool:
    """The word before a name at text[start:name] is "client", and money is spoken of around
    it (_money_between)."""
    return "client" in text[start:name].lower() and _money_between(text, start - _MONEY_REACH, name + _MONEY_REACH)


def _money_between(text: str, a: int, b: int) -> bool:
    """Money is spoken of in text[a:b]: _MONEY_WORDS of _MONEY_RE there."""
    money = _MONEY_RE.finditer(text, max(0, a), b)
    return next(itertools.islice(money, _MONEY_WORDS - 1, None), None) is not None


def _called_patient_at(text: str, pos: int, end: int) -> bool:
    """A person's name at text[pos:end] after a word calling them a patient (person_at); a
    doctor's title then as a personal one, their name followed by what happened to them."""
    title = _DOCTOR_TITLE_RE.match(text, pos, end)
    if title is None:
        return person_at(text, pos, end)
    m = _PERSON_AFTER_RE.match(text, title.end(), end)
    return (m is not None and _PATIENT_DOCTOR_AFTER_RE.match(text, m.end(), end) is not None
            and person_at("Mr " + m.group(), 0, len(m.group()) + 3))


# A hospital's record number without its label (group 13), one to three letters and six to
# eight digits: "Piotr Example RXX482913 - CTPA confirms PE", "K123456 - Faisal Example -
# colonoscopy" (_named_beside_number).
_RECORD_NUMBER_HINT = r"\b([A-Z]{1,3}[0-9]{6,8})\b"
# A numeric date alone on its line (group 14): a record's values one per line, its name above
# (_named_above).
_DATE_ALONE_HINT = (r"(?m:^)[ \t]*((?:19|20)[0-9]{2}[/.\-][0-9]{1,2}[/.\-][0-9]{1,2}"
                    r"|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4})[ \t\r]*(?m:$)")


def _compile_hints() -> Callable[..., Any]:
    pattern = (f"{_DATE_HINT}|{_NAME_LABEL_HINT}|{_AGE_HINT}|{_RE_LINE_HINT}|{_POSTCODE_HINT}|{_PATIENTS_LEAD_HINT}"
               f"|{_CLINICAL_VERB_HINT}|{_LOCATION_HINT}|{_ROW_HINT}|{_POSSESSIVE_HINT}|{_APPOSITION_HINT}"
               f"|{_RECORD_NUMBER_HINT}|{_DATE_ALONE_HINT}")
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return re.compile(pattern).finditer
    return re2.compile(pattern).finditer


_hints = _compile_hints()
_HINTS_TAKE_BYTES = not isinstance(_hints.__self__, re.Pattern)  # type: ignore[attr-defined]  # RE2's


class _Hint:
    """A hint's match with its groups' spans read once: an RE2 match works each group()
    out anew, and a hint is asked for a dozen (a large table has tens of thousands)."""

    __slots__ = ("_spans", "_text")

    def __init__(self, m: Any, text: str, groups: int) -> None:
        self._text = text
        # google-re2's match keeps every group's span in a list (its span() checks the group
        # against the pattern's count, a call into RE2, each time); Python's gives them by span()
        spans = getattr(m, "_spans", None)
        self._spans = spans if isinstance(spans, (list, tuple)) and len(spans) == groups + 1 else [
            m.span(i) for i in range(groups + 1)]

    def group(self, i: int = 0) -> str | None:
        start, end = self._spans[i]
        return None if start < 0 else self._text[start:end]

    def has(self, i: int) -> bool:
        """Group ``i`` took part in the match (``group(i) is not None``)."""
        return self._spans[i][0] >= 0

    def start(self, i: int = 0) -> int:
        return self._spans[i][0]

    def end(self, i: int = 0) -> int:
        return self._spans[i][1]


_HINT_GROUPS = 14  # the groups of _hints (a test checks the count)


def _hint_matches(text: str) -> Iterator[_Hint]:
    """``_hints`` over ``text``; RE2 cannot take a lone surrogate (as UTF-8), so such a
    text is searched as a copy of the same length with U+FFFD in its place."""
    if _HINTS_TAKE_BYTES and text.isascii():
        # its bytes' offsets are its characters': RE2 then skips working out each match's spans
        # in characters (most of the cost of a hint in a large table)
        for m in _hints(text.encode("ascii")):
            yield _Hint(m, text, _HINT_GROUPS)
        return
    try:
        for m in _hints(text):
            yield _Hint(m, text, _HINT_GROUPS)
    except UnicodeError:
        for m in _hints(without_surrogates(text)):
            yield _Hint(m, text, _HINT_GROUPS)


class GivenNames(frozenset[str]):
    """The list of given names (folded); a hyphenated one is a given name when its first
    part is ("ruby-mae", "jean-luc", "lexi-rose")."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word):
            return True
        if not isinstance(word, str) or "-" not in word:
            return False
        parts = word.split("-")
        return len(parts) <= 3 and all(parts) and frozenset.__contains__(self, parts[0])


@functools.cache
def given_names() -> GivenNames:
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "given_names.txt")
    with open(path, encoding="utf-8") as f:
        return GivenNames(line.strip() for line in f if line.strip() and not line.startswith("#"))


# Letters with a stroke or of their own that Unicode does not decompose into a base letter
# and an accent: "Łukasz" -> "lukasz", "Bjørn" -> "bjorn", "Đorđe" -> "dorde".
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae",
                               "œ": "oe", "þ": "th", "ð": "d"})


# A letter's or a mail's sign-off alone on its line: above a name alone on its line, or a
# few lines above a signature's phone number ("Kind regards,", "Many thanks", "Yours sincerely").
SIGN_OFF_RE = re.compile(
    r"(?im)^[ \t>]*(?:(?:kind|kindest|best|warm|warmest|many|with|yours)[ \t]+)?"
    r"(?:regards|wishes|thanks|thank you|cheers|best|sincerely|faithfully|truly|love)[ \t,.!]*$"
)


def folded(word: str) -> str:
    """A name in lower case without its accents, as the list of given names holds it
    ("Siân" -> "sian", "Seán" -> "sean", "Zoë" -> "zoe", "Łukasz" -> "lukasz")."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED)) if not unicodedata.combining(ch))


def _date_year(m: re.Match[str], today_year: int) -> int | None:
    """The four-digit year of a DATE_RE match (two digits: 19xx or 20xx, whichever is past)."""
    year = next((m.group(g) for g in ("a3", "b1", "c3", "d3", "g3", "h3") if m.group(g)), None)
    if year is None:
        return None
    if len(year) == 2:
        yy = int(year)
        return 2000 + yy if yy <= today_year % 100 else 1900 + yy
    return int(year)


def _named(window: str, title_only_ok: bool) -> bool:
    """``window`` (the text before a date, on its line) ends with a person's name."""
    m = _NAME_BEFORE_RE.search(window)
    if m is None:
        return False
    before = _byline_words([w.lower().strip("(:,>.-") for w in window[: m.start()].rstrip(" \t.").split()[-4:]])
    if any(w in _BYLINE_WORDS for w in before):
        return False
    if before[-1:] == ["to"] and (_SPOKEN_TO_BEFORE_RE.search(window, 0, m.start())
                                  or _GIVEN_TO_BEFORE_RE.search(window, 0, m.start())):
        before[-1] = ""  # "Spoke to Dafydd ap Rhys": whom the writer spoke to, not a header's "To:"
    tokens = _TOKEN_RE.findall(m.group("name"))
    words = [folded(t) for t in tokens if t != ","]
    # The word before the name, and capitalised words in front of it ("By David ...").
    lead = before[-1:]
    names = given_names()
    if "," in tokens:  # "EXAMPLE, Jane": family name, comma, given name(s)
        comma = tokens.index(",")
        after = [folded(t) for t in tokens[comma + 1:] if t != ","]
        family = tokens[comma - 1] if comma >= 1 else ""
        # The given name from the list, or any given name after a family name in capitals,
        # as record systems print a patient ("STEPHENSON, Dale 24.08.78": Dale is a word too).
        given = bool(after) and (
            after[0] in names or (len(family) >= 2 and family.isupper() and after[0] not in _NOT_FAMILY)
        )
        if (given and family.lower() not in _NOT_FAMILY
                and not _not_a_patient(lead + [t.lower() for t in tokens[:comma - 1]])):
            return True
    # A family name that is a place's word too, right after a given name and last, the name
    # then alone before what follows it ("Liam Ward is on methadone"), not after another word
    # ("Mary Seacole Ward") nor before a separator ("Victoria Ward - closed to admissions").
    word_family = (len(words) >= 2 and words[-1] in _WORD_FAMILY and words[-2] in names
                   and not window[m.end("name"):].strip(" \t,"))
    for i, w in enumerate(words[:-1]):
        # A title before the given name makes "Hall" or "Ward" after it a family name
        # ("Mrs Helen Ward"), where without one it may be a place's ("Mary Seacole Ward").
        if w in names and (not any(x in _NOT_FAMILY for x in words[i + 1:]) or (m.group("title") and i == 0)
                           or word_family and all(x in names for x in words[i:-1])):
            return not _not_a_patient(lead + words[:i])  # "Jane Example", "Jane Mary EXAMPLE"
    if (
        len(tokens) >= 2 and "," not in tokens and len(tokens[-2]) >= 2 and tokens[-2].isupper()
        and words[-1] in names and words[-2] not in _NOT_FAMILY
    ):
        # "WALKER Jamie", "WOOD BRYAN": a family name in capitals, then the given name, as
        # record systems and ward lists print a patient
        return not _not_a_patient(lead + words[:-2])
    if "," not in tokens and _family_first(words) and all(t[:1].isupper() and not t.isupper() for t in tokens):
        return not _not_a_patient(lead)  # "Zhang Wei", "Nguyen Van An": the family name first
    if m.group("title") and title_only_ok and words[-1] not in _NOT_FAMILY:
        return not _not_a_patient(lead)
    if m.group("initials") and title_only_ok and len(words) == 1 and words[0] not in _NOT_FAMILY:
        return not _not_a_patient(lead)  # "J. Doughty (12.3.61)"
    return False


def _not_a_patient(lead: list[str]) -> bool:
    """Words before a name that make it a clinician, an author or a sender."""
    return any(w in _PROFESSIONAL or w in _NOT_PATIENT_BEFORE or w in _BYLINE_WORDS for w in lead)


NAMES_ENOUGH = 1000  # found: a list of patients, counted no further


class Named(NamedTuple):
    """People a text identifies without a label's number: see :func:`patient_names`."""

    with_dob: int  # a date of birth right after a person's name
    labelled: int  # a patient's name after its label
    with_age: int  # an age right after a person's name
    at_home: int  # a person's name with their home address (a letter's Re: line, a record with a postcode)
    numbered: int = 0  # a list's rows led by a hospital number without its label, each with their health


def patient_names(text: str, today_year: int = _THIS_YEAR,
                  check: Callable[[], None] | None = None, dates: bool = True,
                  terms: Sequence[int] = ()) -> Named:
    """People identified in ``text``, in one pass over it (see above and below);
    ``check`` is called every few hundred places looked at (the inspection deadline).
    Without ``dates``, a date or an age after a name is not read as the person's (a
    table whose header names its columns). ``terms``: where health terms start in
    ``text``, in order (a home address identifies a patient with one in its record)."""
    counts = [0, 0, 0, 0, 0]  # as Named
    homes: set[int] = set()  # where each person found at home is named ("Re:" and a postcode: one person)
    # the lines on which a person was counted: an age, a verb or a bed after them there is the same person's
    counted: set[int] = set()
    rows: list[tuple[int, bool]] = []  # a list's rows that name a person with their health (_named_row)
    for i, hint in enumerate(_hint_matches(text)):
        if check is not None and not i % 512:
            check()
        if sum(counts) >= NAMES_ENOUGH:
            break
        if hint.has(6):
            listed = _patients_listed(text, hint.start(), hint.end(6))
            if not listed:  # ... or named on its line, after its colon
                listed = _patients_inline(text, hint.start(), hint.end(6))
            # their health is said in the list, or right after it ("All have suspected lung
            # cancer."): a list of involvement members or of birthdays says none
            if listed and _health_between(text, terms, hint.start(), line_bounds(text, listed[-1])[1] + _AFTER_LIST):
                counted.update(listed)
                counts[1] += len(listed)
            continue
        if hint.has(4) or hint.has(5):
            named = (_named_at_home(text, hint.end(4), terms) if hint.has(4)
                     else _home_before(text, hint.start(5), terms) if terms else -1)
            if named >= 0 and named not in homes:
                homes.add(named)
                counts[3] += 1
            continue
        line = line_bounds(text, hint.start())[0]
        if line in counted and (hint.group(3) or hint.group(7) or hint.group(8) or hint.group(9)
                                or hint.group(11) or hint.group(13)) is not None:
            continue
        if hint.has(9):
            if terms and _named_row(text, hint.start(9), terms):
                # titled, or in a bed of its own: a row that stands alone
                alone = hint.has(10) or _ONE_BED_RE.search(text, hint.start(), hint.start(9)) is not None
                rows.append((line, alone))
            continue
        field, found = _person_at_hint(text, hint, today_year, dates, terms)
        counts[field] += found
        if found:
            counted.add(line)
    if terms:
        fact_rows, counts[4] = _fact_rows(text, terms, counted | {start for start, _alone in rows})
        rows += fact_rows
    counts[1] += _rows_of_a_list(text, [row for row in rows if row[0] not in counted])
    counts[1] += _conditions_of_named(text, terms, counted)
    if terms:
        counts[1] += _headed_lists(text, terms, counted | {start for start, _alone in rows})
        counts[1] += _named_over_fields(text, terms, counted)
    return Named(*counts)


# A person's name with their title alone on its line, a heading (a colon after it may end it):
# "Mr Emeka Example", the lines under it their timeline or their list of conditions.
_HEADING_NAME_RE = regex.compile(
    rf"[ \t>*\u2022\-]*(?P<title>(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+)(?P<name>(?:\p{{Lu}}\.?[ \t]+){{0,2}}"
    rf"(?:{_PARTICLE})?{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE})?{_NAME_TOKEN}){{1,3}})[ \t]*:?[ \t\r]*"
)
# What a line under the heading says happened to its person: a diagnosis, a treatment
# started or stopped, an admission, a relapse (beside _ROW_FACT_RE's and _NOTE_SIGNAL_RE's).
_OWN_EVENT_RE = re.compile(
    r"(?i)\b(?:diagnosed|diagnosis|dx|started|commenced|stopped|switched|admitted|admission|discharged|referred"
    r"|relapsed?|flare|onset|operated|operation|surgery|underwent|biopsy|confirmed|presented)\b"
)
# A member of staff's own page under their name: their posts, training, registration and
# interests ("Mr Raj Example / Consultant Orthopaedic Surgeon / Special interests: hip and
# knee arthroplasty"), not what happened to a patient.
_STAFF_PAGE_RE = re.compile(
    r"(?i)\b(?:qualified|qualifications?|graduated|joined|appointed|specialist interests?|special interests?|interests"
    r"|clinical interests?|expertise|trained|training|research|publications?|fellowship|mbbs|mbchb|frcs|frcp|mrcp"
    r"|frcog|phd|msc|bsc|rgn|rmn|gmc|nmc|career|biography|profile|clinic list|list for|sessions?)\b"
)
# A timeline's entry: its date first ("Mar 2023:", "12/03/2023 -", "2019:").
_DATED_ROW_RE = re.compile(
    r"(?i)[ \t>*\u2022\-]*(?:(?:[0-9]{1,2}(?:st|nd|rd|th)?[ /.\-]+)?(?:[0-9]{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?[ /.\-]+)?(?:19|20)[0-9]{2}\b[ \t]*[:\-\u2013\u2014,]"
)
_HEADED_ROWS = 12  # lines under a heading's name read as its list
_HEADING_START_RE = re.compile(r"[ \t>*\u2022\-\r]*[^ \t>*\u2022\-\r]")  # a line's first mark: none on a blank line


def _headed_lists(text: str, terms: Sequence[int], done: set[int]) -> int:
    """People named as a heading (_HEADING_NAME_RE: a title and a full name alone on a line,
    a SmartArt diagram's first node, a timeline's or a summary's title) over lines, up to a
    blank line, that say their health: lines with a health term or an event, one of which
    says what happened to them (a diagnosis, a treatment started, a relapse), weighed as a
    list's rows are (_FACT_WEIGHT, _SLOT_WEIGHT, _LIST_WEIGHT). A member of
    staff's name over their page (their job title, interests, qualifications, a clinic's
    sessions) or over other people's rows (a clinic list of names or times) owns no such
    list; nor does a name under a staff heading ("Consultants:")."""
    found = 0
    seen: set[int] = set()  # headings read
    line_end = -1
    last: tuple[int, int | None] = (-1, None)  # the last line walked up from, and the heading found above it
    for term in terms:
        if term <= line_end:
            continue
        line_start, line_end = line_bounds(text, term)
        if line_start in done or line_end - line_start > _FACT_ROW_MAX or "\t" in text[line_start:line_end]:
            continue  # prose, a table's row: no list's
        heading = _heading_above(text, line_start, last)
        last = (line_start, heading)
        if heading is None:
            intro = _intro_above(text, line_start)  # a paragraph that names them over the list
            if intro is not None and intro[0] not in seen and intro[0] not in done:
                seen.add(intro[0])
                if _introduced_list(text, terms, *intro):
                    found += 1
                    done.add(intro[0])
            continue
        if heading in seen or heading in done:
            continue
        seen.add(heading)
        if _owns_the_list(text, terms, heading):
            found += 1
            done.add(heading)
    return found


def _heading_above(text: str, line_start: int, last: tuple[int, int | None]) -> int | None:
    """Where the line of a titled name alone starts (_HEADING_NAME_RE) at most _HEADED_ROWS
    lines above ``line_start``, no blank line between; None if there is none. ``last``: a
    line above walked up from already, and what was found above it (each line is read once)."""
    pos = line_start
    for _ in range(_HEADED_ROWS):
        if pos == 0:
            return None
        low = pos - 1 - _FACT_ROW_MAX  # (a list's row is short: a longer line above is prose)
        above = text.rfind("\n", max(0, low), pos - 1) + 1
        if not above and low > 0:
            return None  # a line of prose above: no list's row
        start = _HEADING_START_RE.match(text, above, pos - 1)
        if start is None:
            return None  # a blank line
        if text[start.end() - 1] == "M" and _HEADING_NAME_RE.fullmatch(text, above, pos - 1) is not None:
            return above
        if text[start.end() - 1].isupper() and _person_heading(text, above, pos - 1)[0] >= 0:
            return above  # "Mr Example, Room 12", "Re: Jane Example", "Jane Example, 3 Elm Road"
        if above == last[0]:
            return last[1]
        pos = above
    return None


def _owns_the_list(text: str, terms: Sequence[int], heading: int) -> bool:
    """The name on the line at ``heading`` is a patient's, the lines under it their health
    (_headed_lists)."""
    head_end = text.find("\n", heading)
    head_end = len(text) if head_end < 0 else head_end
    m = _HEADING_NAME_RE.fullmatch(text, heading, head_end)
    name_at, placed = (m.start("title"), False) if m is not None else _person_heading(text, heading, head_end)
    if name_at < 0 or m is not None and not person_at(text, name_at, head_end):
        return False
    above = text.rfind("\n", 0, max(0, heading - 1)) + 1 if heading else heading
    if heading and _STAFF_HEADING_RE.search(text, above, heading) or _under_team(text, heading):
        return False  # "Consultants:" / "Mr Raj Example": a team's list
    if placed and heading and (_EVENT_LIST_RE.search(text, above, heading) or _ROTA_RE.search(text, above, heading)):
        return False  # "Agenda:" / "Mrs Example, Room 2": a meeting's item, a rota's
    return _list_tells_health(text, terms, heading, _list_rows(text, head_end + 1), placed)


def _list_rows(text: str, pos: int, marked: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the short lines of a list from ``pos`` to a blank line, at most
    _HEADED_ROWS; ``marked``: only lines that start with a bullet or a number."""
    rows: list[tuple[int, int]] = []
    while pos < len(text) and len(rows) < _HEADED_ROWS:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if not text[pos:end].strip() or end - pos > _FACT_ROW_MAX or "\t" in text[pos:end]:
            break
        if marked and _LIST_ROW_RE.match(text, pos, end) is None:
            break
        rows.append((pos, end))
        pos = end + 1
    return rows


def _list_tells_health(text: str, terms: Sequence[int], heading: int, rows: list[tuple[int, int]],
                       placed: bool = False) -> bool:
    """The ``rows`` under the heading (or the introduction) at ``heading`` say one person's
    health (_headed_lists): no member of staff's page, event or times, no row of another
    person's, a row that says what happened to them, and weight enough (one such row will do
    when the heading says where the person is or lives, ``placed``: "Mrs Example, Room 12")."""
    if len(rows) < 2:
        return False
    block_end = rows[-1][1]
    if _OTHERS_CARE_RE.search(text, rows[0][0], block_end):
        return False  # "- spotted sepsis early in two patients": a member of staff's work for others
    if (_ROLE_LINE_RE.search(text, heading, block_end) or _STAFF_PAGE_RE.search(text, heading, block_end)
            or _CV_SECTION_RE.search(text, heading, block_end) or _STAFF_RECORD_RE.search(text, heading, block_end)
            or _EVENT_LIST_RE.search(text, heading, block_end) or _timed_list(text, heading, rows)):
        return False
    weight = 0
    told = False  # a row says both a health term and what happened
    for start, end in rows:
        mark = _LIST_MARK_RE.match(text, start, end)
        if _row_person(text, mark.end() if mark else start, end) is not None:
            return False  # a row of its own person's: the heading's is a list of others
        event = bool(_DATED_ROW_RE.match(text, start, end) or _OWN_EVENT_RE.search(text, start, end)
                     or _ROW_FACT_RE.search(text, start, end) or _NOTE_SIGNAL_RE.search(text, start, end))
        if _health_between(text, terms, start, end):
            weight += _FACT_WEIGHT if event else _SLOT_WEIGHT
            told = told or event
        elif event:
            weight += _SLOT_WEIGHT  # "Jun 2023: started ocrelizumab": an event of theirs, its drug unlisted
    return told and weight >= (_FACT_WEIGHT + _SLOT_WEIGHT if placed else _LIST_WEIGHT)


# "is" or "was" right before a health term, the condition said as what the person is:
# "Arthur Example is diabetic and epileptic", "Graham Example is HIV positive", "She is now
# insulin dependent" (group 1: the verb, whose name or pronoun _named_with_diagnosis reads).
_IS_BEFORE_TERM_RE = re.compile(r"[\w)][ \t,]{1,3}(is|was)[ \t]+(?:(?:now|also|still|known to be)[ \t]+)?$")
_IS_REACH = 30  # characters before a term in which its "is" is looked for
_SKILL_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019]+){0,3}?[ \t\-]+(?:trained|aware|friendly|qualified|certified|accredited)\b"
)


def _conditions_of_named(text: str, terms: Sequence[int], counted: set[int]) -> int:
    """People a sentence says are of a condition, the term right after "is" and the name or
    its pronoun before it (_IS_BEFORE_TERM_RE); not a role ("is diabetes nurse specialist"),
    and one a line, on the lines not counted already."""
    found = 0
    for term in terms:
        m = _IS_BEFORE_TERM_RE.search(text, max(0, term - _IS_REACH), term)  # (on one line: no break in it)
        if m is None:
            continue
        line_start, line_end = line_bounds(text, term)
        if line_start in counted or _ROLE_AFTER_TERM_RE.match(text, term, line_end) or _SKILL_AFTER_TERM_RE.match(
                text, term, line_end) or not _about_health(text, term):
            continue  # "is Mental Health First Aid trained", "is dementia aware": a skill, not a condition
        if _named_with_diagnosis(text, m.start(1), m.end(1), terms):
            counted.add(line_start)
            found += 1
    return found


def _rows_of_a_list(text: str, rows: list[tuple[int, bool]]) -> int:
    """The rows (line start, whether it stands alone) that name a patient: a titled one or
    one in a bed alone, another with such a row on the line above or below it (a ward
    board's, a clinic list's)."""
    starts = {start for start, _alone in rows}
    found = 0
    for start, alone in rows:
        above = text.rfind("\n", 0, max(0, start - 1)) + 1 if start else -1
        below = text.find("\n", start) + 1
        if alone or above in starts or (below and below in starts):
            found += 1
    return found


# A list's row that pairs a person's name with a fact of their own health, whatever the order
# of its cells: "- 09:00 Sarah Example - follow-up, CIN2 on last biopsy", "Hoa Example -
# Vietnamese - 09:20 - 28/40, gestational diabetes". The name leads the row (after a bullet,
# a number, a time or a bed), a separator after it; a rota's, a programme's or a team's row
# pairs a name with a specialty, a clinic or a talk's title, and says no such fact.
_FACT_ROW_MAX = 240  # characters: a row is short; a longer line is prose
_ROW_NAME_END_RE = re.compile(
    r"[ \t]*(?:\([^()\n]{1,40}\))?(?:[ \t]+[0-2]?[0-9][:.][0-5][0-9])?(?:[ \t]*[,\-\u2013\u2014:|][ \t]*|[ ]{2,}(?=\S))"
)
# What is said of one person's health or care on a row (beside _NOTE_SIGNAL_RE's shorthand,
# query diagnoses and results): a gestation, a result, a grade found, their history, their
# own visit ("new", "follow-up", "DNA", "booking appointment").
_ROW_FACT_RE = re.compile(
    r"(?i)(?<![\w/])(?:[0-9]{1,2}(?:\+[0-6])?/40|[0-9]{1,2}[ ]?(?:weeks?|wks?)[ ]+(?:pregnant|gestation)"
    r"|G[0-9]{1,2}[ ]?P[0-9]{1,2}"
    # a result: after what was tested ("HPV positive"), or a cell of its own ("POSITIVE", "negative for MRSA")
    r"|(?:hpv|hiv|hep[ ]?[bc]|swab|test|screen|result|serology|culture|mrsa|covid|pcr|naat|cd4|antibod(?:y|ies)"
    r"|antigen|ig[gm])[ ]+(?:positive|negative|reactive|non-?reactive|(?:not[ ])?detected)"
    r"|(?:positive|negative|reactive|non-?reactive|(?:not[ ])?detected)(?=[ \t]*(?:[,;/)]|$|for\b))"
    r"|(?:high|low)[- ]grade|abnormal|equivocal|inadequate"
    r"|(?:last|previous|prev|recent|latest)[ ](?:biops(?:y|ies)|smears?|scans?|colposcopy|bloods|results?|tests?|ogd"
    r"|endoscopy|colonoscopy|admissions?|episodes?|pregnanc(?:y|ies)|deliver(?:y|ies)|c-?section|cs|miscarriages?"
    r"|stillbirths?|mi|stroke|surgery|op|operation|ct|mri|x-?ray|echo|ecg|hba1c|appointment|appt|review|attack|fall)"
    r"|h/o|pmh|recurren\w+|relapse[ds]?"
    r"|did[ ]not[ ]attend|dna(?:'?d)?|booking[ ](?:appointment|appt|visit|bloods|scan)"
    r"|(?:new|follow[- ]?up|f/u|review)(?=[ \t]*(?:[,;)]|$)))(?![\w/])",
    re.M,
)
# Before "talk": a person's words of ending their life ("watch for suicidal talk"), no talk given.
_NOT_SUICIDAL = r"(?<!suicidal )(?<!suicide )"
# A post's words on a row: its band, hours, vacancy or contract.
_STAFF_POST_RE = re.compile(r"(?i)\b(?:band[ ]?[2-9][abc]?|wte|vacanc(?:y|ies)|fixed[- ]term|secondment)\b")
# An event's list, not a clinic's: its programme, speakers and breaks (not an organisation's
# name: "Example Teaching Hospitals NHS Trust" over its clinic's list).
_EVENT_LIST_RE = re.compile(
    r"(?i)\b(?:programme|program|agenda|speakers?|" + _NOT_SUICIDAL + r"talks?|keynote|lectures?|presentations?"
    r"|webinar|symposium"
    r"|conference|workshops?|coffee|lunch|q&a|panel|rota|on[- ]call|allocations?|interviews?|candidates?"
    r"|teaching(?![ \t]+(?:hospitals?|trust|health|pct|primary|nhs|board)\b)|tutorials?"
    r"|shortlist\w*)\b"
)


def _fact_rows(text: str, terms: Sequence[int], done: set[int]) -> tuple[list[tuple[int, bool]], int]:
    """(the rows: line start, whether it stands alone; the rows led by a hospital number) of
    lines with a health term, not in ``done``, that pair a person, by the name or the number
    in one of their cells, with their health (_fact_row). The rows of one block (no blank line
    between them: a row between may say less, "Fatuma Example - Somali - FGM clinic") are a
    list when two or more are and their evidence weighs enough (_LIST_WEIGHT: two rows that
    each say a fact of one person's health, or an appointment's rows whose notes are a
    clinic's shorthand), each of its rows then standing alone; a named row by itself counts
    only beside another list's row (_rows_of_a_list), a numbered one not at all."""
    found: list[tuple[int, int, int]] = []  # (line start, _fact_row's lead, its weight)
    line_end = -1
    for term in terms:
        if term <= line_end:
            continue  # its line read already (the terms are in order)
        line_start, line_end = line_bounds(text, term)
        if line_start not in done and line_end - line_start <= _FACT_ROW_MAX:
            lead, weight = _fact_row(text, terms, line_start, line_end)
            if lead != _NO_LEAD:
                found.append((line_start, lead, weight))
    if not found:
        return [], 0
    # an event's programme, a rota or new starters above the rows: its speakers' talks, its
    # staff's clinics and posts
    intro = _list_intro_start(text, found[0][0])
    if _EVENT_LIST_RE.search(text, intro, found[0][0]) or _STAFF_LIST_RE.search(text, intro, found[0][0]):
        return [], 0
    listed: set[int] = set()
    for numbered in (False, True):
        block: list[tuple[int, int, int]] = []
        for row in [row for row in found if (row[1] == _NUMBER_LEAD) == numbered] + [(-1, _NO_LEAD, 0)]:
            if block and (row[0] < 0 or _BLANK_LINE_RE.search(text, block[-1][0], row[0]) is not None):
                if len(block) >= 2 and sum(weight for _start, _lead, weight in block) >= _LIST_WEIGHT:
                    listed.update(start for start, _lead, _weight in block)
                block = []
            block.append(row)
    rows = [(start, start in listed or lead == _TITLED_LEAD and weight == _FACT_WEIGHT)
            for start, lead, weight in found if lead != _NUMBER_LEAD and (weight or start in listed)]
    return rows, sum(1 for start, lead, _weight in found if lead == _NUMBER_LEAD and start in listed)


# What leads a list's row: no one; a name; a title and a full name after a time, a number or a
# bed, which stands alone ("09:00 Mrs Sarah Example - follow-up, CIN2 on last biopsy"); a number.
_NO_LEAD, _NAME_LEAD, _TITLED_LEAD, _NUMBER_LEAD = 0, 1, 2, 3
# The evidence a row is a patient's: it says a fact of one person's health or care (_ROW_FACT_RE,
# _NOTE_SIGNAL_RE), or it is an appointment (a time on the row) for a person named in full, its
# note a clinic's shorthand ("09:20 Mark Example - foot ulcer L hallux"), not a talk's title in
# capitals ("Young Onset Dementia"). A list weighs two rows of facts at least.
_FACT_WEIGHT, _SLOT_WEIGHT, _LIST_WEIGHT = 2, 1, 4
# A hospital number without its label leading a row: a trust's code and the number ("RR8
# 4418273"), or letters and digits ("K123456", "RXX482913").
_ROW_NUMBER_RE = re.compile(r"(?:R[A-Z0-9]{2}[ ]?[0-9]{6,8}|[A-Z]{1,3}[0-9]{6,8})(?![\w/])")
# Between a row's cells: a dash with spaces around it ("Insulin pump start - Sofia Example - 09:40").
_CELL_DASH_RE = re.compile(r"[ \t]+[\-\u2013\u2014][ \t]+")
_ROW_CELLS_READ = 3  # cells of a row in which the person's name is looked for
_ROW_TIME_RE = re.compile(r"(?<![0-9:.])[0-2]?[0-9][:.][0-5][0-9](?![0-9])")
# A list's row led by its time, or a time's span: a clinic's or a programme's slot ("- 09:30 Mrs
# Example", "- 14:00-15:00 sepsis talk"), where a time in a row's sentence is when a thing
# happened to its person ("- came off CPAP at 10:40").
_TIMED_ROW_RE = re.compile(r"[ \t>]*(?:(?:[-*\u2022\u00b7\u25aa\u25e6\u2013]|[0-9]{1,2}[.)])[ \t]+)?[0-2]?[0-9][:.][0-5][0-9](?![0-9])")
_TIME_SPAN_RE = re.compile(
    r"(?<![0-9:.])[0-2]?[0-9][:.][0-5][0-9][ \t]*(?:[\-\u2013]|to)[ \t]*[0-2]?[0-9][:.][0-5][0-9](?![0-9])")


def _timed_list(text: str, heading: int, rows: list[tuple[int, int]]) -> bool:
    """The heading (or the introduction) at ``heading`` over ``rows`` says a time, or a row is
    led by one or says a time's span (_TIMED_ROW_RE, _TIME_SPAN_RE): a list of slots."""
    return (_ROW_TIME_RE.search(text, heading, rows[0][0]) is not None
            or any(_TIMED_ROW_RE.match(text, start, end) or _TIME_SPAN_RE.search(text, start, end) for start, end in rows))
_LINE_END_RE = re.compile(r"[ \t\r]*$", re.M)


def _row_person(text: str, pos: int, line_end: int) -> tuple[int, Any, Any] | None:
    """(what leads, the name's or the number's match, the separator after it) of the row whose
    cells start at ``pos``: a lay person's name first (a time may follow it: "Mark Example
    09:20 - ..."), a hospital number first, or a person's name as a later cell of its own
    ("Insulin pump start - Sofia Example - 09:40")."""
    person = _PERSON_AFTER_RE.match(text, pos, line_end)
    if person is not None and _CLINICIAN_MARK_RE.match(text, person.end(), line_end):
        return None  # "KAUR, Harpreet (Dr) - ST4 Diabetes": a rota's doctor
    if person is not None and not person.group("name").isupper() and person_at(text, pos, line_end):
        sep = _ROW_NAME_END_RE.match(text, person.end(), line_end)
        return (_NAME_LEAD, person, sep) if sep is not None else None
    number = _ROW_NUMBER_RE.match(text, pos, line_end)
    if number is not None:
        sep = _ROW_NAME_END_RE.match(text, number.end(), line_end)
        if sep is None or not record_number_ok(number.group()):
            return None
        return _NUMBER_LEAD, number, sep
    for dash in itertools.islice(_CELL_DASH_RE.finditer(text, pos, line_end), _ROW_CELLS_READ - 1):
        person = _PERSON_AFTER_RE.match(text, dash.end(), line_end)
        if person is None or person.group("name").isupper() or not person_at(text, dash.end(), line_end):
            continue
        sep = _ROW_NAME_END_RE.match(text, person.end(), line_end)
        if sep is not None or _LINE_END_RE.match(text, person.end(), line_end):
            return _NAME_LEAD, person, sep
    return None



def _fact_row(text: str, terms: Sequence[int], line_start: int, line_end: int) -> tuple[int, int]:
    """(what leads, the evidence's weight) of the line at text[line_start:line_end] when it is
    a list's row that names a lay person in a cell of its own (_NAME_LEAD; _TITLED_LEAD for a
    title and a given name first after the row's time, number or bed) or leads with a hospital
    number (_NUMBER_LEAD), and its other cells say a health term that speaks of health; a fact
    of a person's own health or care weighs _FACT_WEIGHT, an appointment's note _SLOT_WEIGHT
    (a number's row needs a fact); else (_NO_LEAD, 0)."""
    if "\t" in text[line_start:line_end]:
        return _NO_LEAD, 0  # a table's row: its header says what its cells are (names_beside_health)
    mark = _LIST_MARK_RE.match(text, line_start, line_end)
    pos = mark.end() if mark else line_start
    found = _row_person(text, pos, line_end)
    if found is None:
        return _NO_LEAD, 0
    lead, who, sep = found
    if _NOT_HOME_RE.search(who.group()) or _STAFF_GRADE_RE.match(text, who.start(), line_end):
        return _NO_LEAD, 0
    # the row's other cells: after the name's separator, or (a name in a later cell) all of the row
    rest = sep.end() if sep is not None and who.start() == pos else pos
    if (_STAFF_ROW_RE.search(text, rest, line_end) or _JOB_TITLE_RE.search(text, pos, line_end)
            or _STAFF_RECORD_RE.search(text, rest, line_end) or _STAFF_POST_RE.search(text, rest, line_end)):
        return _NO_LEAD, 0  # "- diabetes nurse specialist", "- signed off", "- Band 6": a member of staff's row
    # what of health is said, not a role ("- diabetes nurse, new": a new starter's post)
    if not _health_between(text, terms, rest, line_end,
                           lambda term: not who.start() <= term < who.end()
                           and _ROLE_AFTER_TERM_RE.match(text, term, line_end) is None):
        return _NO_LEAD, 0
    if _under_team(text, line_start) or _under_header(text, line_start):
        return _NO_LEAD, 0
    if _ROW_FACT_RE.search(text, rest, line_end) or _NOTE_SIGNAL_RE.search(text, rest, line_end):
        words = _TOKEN_RE.findall(who.group("name")) if lead == _NAME_LEAD else []
        if who.group("title") if lead == _NAME_LEAD else False:
            if who.start() == pos > line_start and len(words) >= 2 and folded(words[0]) in given_names():
                lead = _TITLED_LEAD
        return lead, _FACT_WEIGHT
    if lead == _NUMBER_LEAD:
        return _NO_LEAD, 0
    # an appointment for a person named in full, its note in a clinic's lower case
    full = len([t for t in _TOKEN_RE.findall(who.group("name")) if t != ","]) >= 2
    timed = (mark is not None and _ROW_TIME_RE.search(text, line_start, mark.end()) is not None
             or _ROW_TIME_RE.search(text, pos, line_end) is not None)
    note = next((ch for ch in text[rest:line_end] if ch.isalpha()), "")
    return (lead, _SLOT_WEIGHT) if full and timed and note.islower() else (lead, 0)


def _called_patient_with_health(text: str, hint: _Hint, terms: Sequence[int]) -> bool:
    """The person an apposition hint (group 12) calls a patient is one (_called_patient_at: untitled,
    a given name first), their health said in that sentence or the next; no client of money."""
    if _client_of_money(text, hint.start(), hint.start(12)):
        return False
    if not _LAY_TITLE_RE.match(text, hint.start(12)) and not _DOCTOR_TITLE_RE.match(text, hint.start(12)) and (
            folded(text[hint.start(12):hint.end(12)].split()[0]) not in given_names()):
        return False  # untitled, a given name first: "patient Alison Example" (not "Patient Safety Lead ...")
    # (words of work there may be the patient's past: "our patient Dr Example (retired GP) has ...")
    stop = _sentences_end(text, hint.end(), 2, 2 * _SENTENCE_REACH)
    return _called_patient_at(text, hint.start(12), line_bounds(text, hint.start(12))[1]) and (
        _health_between(text, terms, hint.start(), stop) or _first_term_of_person(text, terms, hint.start(), stop))


def _person_at_hint(text: str, hint: _Hint, today_year: int, dates: bool, terms: Sequence[int]) -> tuple[int, int]:
    """(the Named field, how many people) that one hint of ``_hints`` finds (not at home)."""
    if hint.has(7):
        return 1, int(bool(terms) and _named_with_diagnosis(text, hint.start(7), hint.end(7), terms))
    if hint.has(8):
        return 1, int(bool(terms) and _named_at_bed(text, hint.start(8), hint.end(8), terms))
    if hint.has(11):
        return 1, int(bool(terms) and _named_with_diagnosis(text, hint.start(11), hint.end(11), terms))
    if hint.has(3):
        if dates and terms and _age_after_name(text, hint.start(3), terms):
            return 2, 1
        # the age took the name's last letter, where a verb's hint starts: what happened to
        # them is read after it ("Chloe Example (14) attended the Children's ED after an overdose")
        verb = _VERB_AFTER_AGE_RE.match(text, hint.end(3)) if terms else None
        return 1, int(verb is not None and _named_with_diagnosis(text, verb.start(1), verb.end(1), terms))
    if hint.has(13):
        return 1, int(bool(terms) and _named_beside_number(text, hint.start(13), hint.end(13), terms))
    if hint.has(12):  # their health said in that sentence or the next
        return 1, int(_called_patient_with_health(text, hint, terms))
    if hint.has(2):  # a bare "Name:"
        return 1, int(_named_beside_clinical_field(text, hint.start(), hint.end(), terms)
                      or bool(terms) and _form_of_person(text, hint.start(), hint.end(), terms)
                      or _participant_of_study(text, hint.start(), hint.end(), terms))
    date = hint.start(1) if hint.has(1) else hint.start(14)  # (14: a date alone on its line, _named_above)
    if date < 0:
        if _NAME_CELL_RE.fullmatch(text, hint.start(), hint.end()):  # a table's "Name" column, a form's "Full name"
            line_start, line_end = line_bounds(text, hint.start())
            if not _CLINICAL_COLUMN_RE.search(text, line_start, line_end):
                # ... or a form's two columns, a label and its value ("Name<tab>Mrs Winifred
                # Example", "Condition<tab>Heart failure"): the bare "Name:" field's rule
                return 1, int(_named_beside_clinical_field(text, hint.start(), hint.end(), terms))
            return 1, names_under_header(text, hint.start())
        if name_after_label(text, hint.start(), hint.end()):
            return 1, 1
        if text[hint.end() - 1] == "\t":  # "Patient<tab>Ward": a table's header row
            return 1, names_under_header(text, hint.start())
        return 1, 0
    return 0, int(dates and _dob_after_name(text, date, today_year, terms))


_AGE_FIGURE_RE = re.compile(r"\(?[ \t]?([0-9]{1,3})[ \t]?(y/o|y\.o\.|yo|yrs?|y|[MF])", re.I)
# A bare figure in brackets after a titled name ("Mrs Joan Example (67) - new breast
# cancer"): an age only after a patient's title, whose name it then follows at once.
_BARE_AGE_RE = re.compile(r"\([ \t]?([0-9]{1,3})[ \t]?\)")
_AGED_RE = re.compile(r"\(?(?i:aged?)[ \t:]+([0-9]{1,3})\b\)?")
# A bare figure and a dash after a name and a space ("Peter Example 74 - NSTEMI"): an age
# only when what is wrong follows the dash at once (_finding_after_age).
_DASH_AGE_RE = re.compile(r"(?<=\w[ \t])([0-9]{1,3})[ \t]*[\-\u2013\u2014][ \t]")
_COMMA_AGE_RE = re.compile(  # ")": "(Violet Example, 84)"; a heading's line end: "Mrs Joan Example, 78"
    r",[ \t]{0,2}([0-9]{1,3})(?:[ \t]*[,\-\u2013\u2014)]|(?=[ \t\r]*(?:\n|\Z)))")
_TITLED_NAME_END_RE = regex.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+(?:\p{{Lu}}\.?[ \t]+){{0,2}}(?:{_PARTICLE})?{_NAME_TOKEN}"
    rf"(?:[ \t]+(?:{_PARTICLE})?{_NAME_TOKEN}){{0,3}}[ \t]*$"
)


# Where a sentence ends: not at an initial's or a title's full stop ("Mrs J. K. Example",
# "Mr. Example").
# A full stop (or ! or ?) that ends no initial or title ("J. Example", "Mr. Example"). The
# stop comes first and the checks look back from it, so a search skips to the next stop
# instead of trying the checks at every character.
_STOP = r"[.!?](?<!\b[A-Z][.!?])(?<!\bMr[.!?])(?<!\bMrs[.!?])(?<!\bMs[.!?])(?<!\bDr[.!?])"
_SENTENCE_END_RE = re.compile(_STOP + r"(?:[ \t]|$)|\n", re.M)
# The letters of a business's reference numbers, not a hospital's: an order, an invoice, a
# ticket, a change ("PO1234567", "INV0012345", "INC0123456").
_NOT_RECORD_PREFIXES = frozenset(("PO", "INV", "INC", "REF", "ORD", "SO", "CS", "TKT", "REQ", "CHG", "PRB", "SR", "CR"))
_NUMBER_LABEL_BEFORE_RE = re.compile(r"(?i)(?:no|number|ref|order|invoice|account|acc|id|#|:)\.?[ \t]*$")


def record_number_ok(number: str) -> bool:
    """``number`` (a _ROW_NUMBER_RE match: letters and digits without a label, "RXX482913",
    "K123456") may be a hospital's record number: no business's reference's letters, and an
    identifier's (identifier_ok)."""
    return number.rstrip("0123456789") not in _NOT_RECORD_PREFIXES and identifier_ok(number)


def _named_beside_number(text: str, start: int, end: int, terms: Sequence[int]) -> bool:
    """A record number without its label (text[start:end], "RXX482913") right after a
    person's name or right before it after a dash, and a health term on its line that is
    no team's name: "Piotr Example RXX482913 - CTPA confirms PE", "K123456 - Faisal Example
    - colonoscopy Sat list" (the list is theirs). A labelled number ("Order no: ...") is its
    label's, and a table's row its header's, each read as such elsewhere."""
    if not record_number_ok(text[start:end]):
        return False
    line_start, line_end = line_bounds(text, start)
    if "\t" in text[line_start:line_end]:
        return False  # a table's row: its header says whose the numbers are (an asset's serial, a student's ID)
    before = text[max(line_start, start - _NAME_REACH):start]
    if _NUMBER_LABEL_BEFORE_RE.search(before):
        return False
    named = bool(before.strip()) and _named(before, title_only_ok=True)
    if not named:
        sep = _ROW_SEPARATOR_RE.match(text, end, line_end)
        named = sep is not None and sep.end() > end and person_at(text, sep.end(), line_end) and not _not_a_patient(
            [w.lower().strip("(:,>.-") for w in before.split()[-2:]])
    if not named or _JOB_TITLE_RE.search(text, line_start, line_end) or _STAFF_INLINE_RE.search(text, line_start, line_end):
        return False
    if _STAFF_RECORD_RE.search(text, line_start, line_end) or _STAFF_LIST_RE.search(
            text, _list_intro_start(text, line_start), line_start):
        return False  # "Paul Lewis E2345678 - Blood transfusion competency overdue": a staff number
    i = bisect.bisect_left(terms, line_start)
    while i < len(terms) and terms[i] < line_end:
        if not _TEAM_NEXT_RE.match(text, terms[i], line_end) and not _TEAM_AFTER_RE.match(text, terms[i], line_end):
            return True
        i += 1
    return False


# Words of a member of staff's or a student's record on a number's line: training,
# competencies, courses, certificates ("Joanne Price RA123456 - CT head reporting (post-grad
# cert), signed off 3 May", "Sue Parker BK884512 - Dementia Care Mapping course"): the number
# is an employee's, a certificate's or a booking's. (Not a patient's "course of antibiotics",
# "passed away", "death certificate".)
_STAFF_RECORD_RE = re.compile(
    r"(?i)\b(?:signed off|sign-off|courses?(?![ \t]+of\b)|modules?|e-?learning|competenc(?:e|y|ies)|mandatory"
    r"|training|study day|induction|re-?test|(?<!death )certificates?|cert\b"
    r"|passed(?![ \t]+(?:away|on|urine|flatus|stools?|blood|clots?|a|an)\b))"
)
# ... or on its list's introduction, the list's of staff or students: "Allocations confirmed:"
# above "Holly Dean S2234567 - Ward 24 (stroke rehabilitation)", "The following bank workers
# ... are overdue:", "Certificate numbers for last week's course:" (a teaching list of real
# patients may be introduced with "training" or "students": not those words).
_STAFF_LIST_RE = re.compile(
    r"(?i)\b(?:allocat\w*|placements\b|bookings\b|booking ref\w*|(?<!death )certificates?|competenc(?:e|y|ies)"
    r"|mandatory training|bank (?:staff|workers?)|agency (?:staff|workers?|nurses?)|new starters)"
)
_INTRO_REACH = 600  # characters above a number's line in which its list's introduction is read


def _list_intro_start(text: str, line_start: int) -> int:
    """Where the rows around ``line_start`` start, with the line introducing them above a
    blank line if there is one ("Allocations confirmed:", a blank line, then the rows)."""
    low = max(0, line_start - _INTRO_REACH)
    block = _BLANK_LINE_RE.search(text[low:line_start][::-1])
    if block is None:
        return low
    gap_start = line_start - block.end()  # the blank line's first break
    intro = _BLANK_LINE_RE.search(text[low:gap_start][::-1])
    return gap_start - intro.start() if intro is not None else low


_NAME_REACH = 60  # characters before the verb in which the person's name ends (", in Year 4,")


def _verb_words(text: str, verb: int, after: int) -> str:
    """The verb at text[verb:after] in lower case, its contraction's "'s" in full ("he's been
    admitted with": "has been admitted with"; "she's still on": "is still on")."""
    phrase = text[verb:after].lower()
    contracted = _CONTRACTED_VERB_RE.match(phrase) if phrase[:1] in ("'", "\u2019") else None
    if contracted is None:
        return phrase
    rest = phrase[contracted.end():]
    return ("has " if rest.startswith("been") else "is ") + rest


def _named_with_diagnosis(text: str, verb: int, after: int, terms: Sequence[int]) -> bool:
    """A person's name right before what happened to them, and a health term in the same
    sentence after it: "Oliver Example in Year 4 has been diagnosed with asthma"; or right
    before what they have, the term its object: "Mr Walter Example, 86, has dementia"."""
    phrase = _verb_words(text, verb, after)
    having = phrase.rstrip() in _HAVING
    if having and phrase.rstrip() in ("has", "had") and _DONE_AFTER_HAS_RE.match(text, after):
        return False
    if having:
        # the term may hold the verb's last words ("is living with HIV" is one term)
        i = bisect.bisect_left(terms, verb)
        if i == len(terms) or terms[i] >= after + _HAVING_REACH or "\n" in text[after:terms[i]]:
            return False  # "has been", "had a meeting about diabetes": no term as its object
    lead_start = max(text.rfind("\n", 0, verb) + 1, verb - _NAME_REACH)
    lead = text[lead_start:verb]
    # "Oliver Example in Year 4 has been ...": the name may have a few words after it
    cut = _NAME_TAIL_RE.search(lead)
    window = lead[:cut.start()] if cut is not None else lead
    if (not _named(window, title_only_ok=True) and not (cut is not None and _named(lead.rstrip(" \t,"), title_only_ok=True))
            and not _named_before(text, window) and not _named_by_pronoun(text, lead_start + len(window), verb)
            and not _pronoun_leads_clause(text, verb)):
        return False  # ("Your partner, Chelsea Example, has been diagnosed ...": the name is the aside)
    if _JOB_TITLE_RE.search(text, lead_start, verb):
        return False  # "John Example (Porter, Estates) has ...": a member of staff, named with their job
    last = window.rstrip(" \t,").rsplit(None, 1)[-1:]
    if last and last[0].lower() in _WORD_FAMILY and _PLACE_SAID_RE.search(
            text, verb, _sentences_end(text, verb, 1, _SENTENCE_REACH)):
        return False  # "Victoria Ward has had a norovirus outbreak": a ward's, named for a person
    if _public_piece(text, lead_start):
        return False  # "Did you know? Tom Example has type 2 diabetes": a newsletter's public figure
    if phrase.rstrip().endswith(_CARE_VERBS):
        return _care_said_after(text, terms, lead_start, after)
    if having:
        if _NOT_HAD_RE.search(text, after, max(after, terms[i])):
            return False  # "has a passion for dementia care", "has an interest in": the object is another thing
        if _staff_duty(text, terms[i], after) or _if_guidance(text, terms[i]):
            return False  # "is on stroke call this weekend", "has diabetes clinic all day Monday"; a
            # group's guidance: "If Sam Example has epilepsy, she should pack her medication"
        return _first_term_of_person(text, terms, verb, after + _HAVING_REACH)
    if phrase.startswith("has ") and not phrase.startswith("has been") and not phrase.endswith(_ACTIVE_OK):
        return False  # "Sam Example has prescribed...", "has referred to...": what the person did, not had
    # the health term is what happened to them, right after the verb ("was admitted with a
    # stroke"), not a later clause's ("was admitted to the Fellowship ... for work on psychosis")
    services = _SERVICE_VERB_RE.search(phrase) is not None
    if _staff_post_or_obituary(text, phrase, lead_start, after):
        return False
    if phrase[:1] in ("'", "\u2019") and (_TOPIC_AFTER_RE.match(text, verb + 3, line_bounds(text, verb)[1])
                                          or _PROJECT_AFTER_RE.match(text, verb + 3, line_bounds(text, verb)[1])):
        return False  # "Jo Example's infection rates report": a member of staff's work on a topic
    # what of theirs is spoken of may be the term itself ("Mrs Example's MRI shows ..."), and
    # what happened to them may be ("had a stroke", "is pregnant")
    i = bisect.bisect_left(terms, verb)
    first = verb if phrase[:1] in ("'", "\u2019") or (i < len(terms) and terms[i] < after) else after
    return _first_term_of_person(text, terms, first, min(after + _VERB_OBJECT_REACH, _sentences_end(text, after, 1, 200)),
                                 services)


# Words of a member of staff's post under a team, not a patient's care: "as a rotational nurse", "on placement".
_STAFF_UNDER_RE = re.compile(
    r"(?i)\b(?:as an? \w+|rotation\w*|placement|secondment|shadowing|induction|preceptor\w*|students?|trainees?"
    r"|working|works|shifts?|band[ ]?[2-9])\b"
)
# "in" before a name whose "'s memory" follows: a memorial's ("donations in Joanne's memory",
# "a bench in loving memory"), not what the person remembers.
_IN_NAMES_MEMORY_RE = regex.compile(
    r"(?i:\bin[ \t]+(?:(?:loving|fond|proud|happy)[ \t]+)?)(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sister)\.?[ \t]+)?"
    r"(?:\p{Lu}[\p{L}'\-]*[ \t]+){0,2}\p{Lu}[\p{L}'\-]*$"
)
# Words of a colleague's obituary or a death in the news, not a patient's: their work, their career.
_COLLEAGUE_DEATH_RE = re.compile(
    r"(?i)\b(?:obituar\w*|colleagues?|former|retired|career|worked|served|staff|consultant|nurse|doctor|surgeon"
    r"|physician|midwife|porter|manager|director|funeral (?:will be|arrangements)|condolences|tributes?|actor|singer"
    r"|footballer|celebrity|famous|reuters|bbc)\b"
)


def _staff_post_or_obituary(text: str, phrase: str, lead_start: int, after: int) -> bool:
    """What ``phrase`` (the verb, text[:after]; the name's line from ``lead_start``) says is a
    member of staff's post under a team ("is under the stroke team as a rotational nurse"), a
    colleague's obituary ("Mr Hughes, our former consultant urologist, died of prostate
    cancer"), a memorial's "in Joanne's memory" (no one's memory of things) or an estate's
    business (a client who died, their funds): no patient's care."""
    if phrase.startswith(("'s memory", "\u2019s memory")):
        return _IN_NAMES_MEMORY_RE.search(text, lead_start, after - len(phrase)) is not None
    if "under " in phrase:
        return _STAFF_UNDER_RE.search(text, after, _sentences_end(text, after, 1, _SENTENCE_REACH)) is not None
    if phrase.startswith(("died", "passed", "sadly")):
        return _COLLEAGUE_DEATH_RE.search(text, max(0, lead_start - _SENTENCE_REACH), _sentences_end(
            text, after, 2, 2 * _SENTENCE_REACH)) is not None or _money_between(
            text, lead_start - _MONEY_REACH, after + _MONEY_REACH)
    return False


_SERVICE_VERB_RE = re.compile(r"patient|client|service user|care of|known to|caseload|under (?:the|our) ")
# Care whose object is not what is wrong ("was seen by the crisis team", "has attended 5 of 6
# keywork sessions", "is now stable on"): that is said after it, in its sentence or of him or
# her in the next ("... after he took an overdose", "He is now stable on buprenorphine").
_CARE_VERBS = ("seen by", "reviewed by", "assessed by", "has attended", "stable on")
# ... whose object is no care: a member of staff's appraisal or training, an exam, a
# visitor of note ("was reviewed by the appraisal panel", "has attended the paediatric sepsis
# module", "is now stable on the ICU preceptorship programme", "was seen by the Princess
# Royal", "has attended all five MDT meetings as an observer"), a place's stock ("can Jo
# Example order more eye drops for the ward stock cupboard"); read up to the clause's end.
_NOT_CARE_OBJECT_RE = re.compile(
    r"(?i)\b(?:appraisal|revalidation|preceptorship|modules?|e-?learning|observers?|observing|shadowing|OSCE"
    r"|interview panel|(?:ward|pharmacy|clinic|practice|surgery|department)[ \t]+stock"
    r"|stock[ \t]?(?:rooms?|takes?|levels?|cupboards?|checks?|orders?)"
    r"|(?:the|HRH)[ \t]+(?:King|Queen|Prince|Princess|Duke|Duchess|Mayor|Lord Mayor|Minister|Secretary of State)\b"
    r"(?!['\u2019]))"
)
_CLAUSE_END_RE = re.compile(r"[,;:(]")
_SENTENCE_START_RE = re.compile(r"[.!?]?[ \t\n]*")
# The next sentence saying what the person did, not what was done to them: "She presented
# her re-audit", "He missed the ST elevation", "She leads the sepsis huddles", "He still
# needs the neutropenic sepsis e-learning" ("She presented with chest pain" is care).
_DID_RE = re.compile(
    r"(?:He|She)[ \t]+(?:(?:also|still|then|now|has|had|already)[ \t]+)?"
    r"(?:presented(?![ \t]+(?:with|to|at|in|on|via|as|late|acutely|again|unwell)\b)|leads|led|chairs|chaired|runs|ran"
    r"|teaches|taught|audited|pioneered|founded|performed|missed[ \t]+the|needs[ \t]+(?:the|to complete|to do)"
    r"[^.\n]{0,60}?\b(?:e-?learning|module|course|training|sign[- ]off|competency))\b"
)
_GIVEN_NAME_END_RE = regex.compile(r"(?<!\p{Lu}[\p{L}'\-]*\.?[ \t]+)\b(\p{Lu}\p{Ll}+)[ \t]*$")  # no capitalised word before


def _named_before(text: str, window: str) -> bool:
    """``window`` ends with a given name alone (no capitalised word before it), and the text named that
    person in full before it: "Chloe Whitfield (student no. 21034567) has asked us ... I can
    confirm that Chloe was diagnosed with ADHD"."""
    m = _GIVEN_NAME_END_RE.search(window)
    if m is None or folded(m.group(1)) not in given_names():
        return False
    given = m.group(1)
    pos = text.find(given + " ")
    while pos >= 0:
        if person_at(text, pos, min(len(text), pos + 60)) and not _not_a_patient(
                [w.lower().strip("(:,>.-") for w in text[max(0, pos - 40):pos].split()[-2:]]):
            line_start, line_end = line_bounds(text, pos)
            # "Sandra Example - Patient Partner", "Chloe Example, Staff Nurse": named in a role
            return not (_PUBLIC_VOICE_RE.search(text, line_start, line_end) or _JOB_TITLE_RE.search(text, line_start, line_end))
        pos = text.find(given + " ", pos + 1)
    return False


# "He", "She" or "They" right before the verb, the sentence's subject: "She was treated for a
# UTI", "He's already had a GI bleed", "He has had three episodes of acute pancreatitis".
_PRONOUN_END_RE = re.compile(
    r"(?i)(?<![\w'\u2019])(he|she|they)(?:['\u2019]s)?(?:[ \t]+(?:also|already|now|still|recently|previously|since"
    r"|then|just|since then))?[ \t]*$"
)
# A run of capitalised words, a title or a clinician's before it: a person's name, perhaps.
_NAME_RUN_RE = regex.compile(
    rf"\b(?P<title>(?:(?P<clinician>Dr|Prof|Professor|Nurse|Sister|Matron)|Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+"
    rf"(?:\p{{Lu}}\.?[ \t]+){{0,2}})?{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE})?{_NEXT_NAME_TOKEN}){{0,3}}"
)
# Where a sentence ends, for counting sentences back from a pronoun: its full stop (not an
# initial's or a title's), or a blank line (a paragraph's end); a hard wrap is none.
# (a quoted reply's blank line, its quote marks alone, is a blank line too: "Dear Sister," / ">" / "> I visited ...")
_SENTENCE_STOP_RE = re.compile(_STOP + r"[.!?]*(?=\s|$)|\n[ \t\r>]*\n")
_ANTECEDENT_SENTENCES = 2  # sentences before the pronoun's in which the person is named
# ... "they" further back than the sentence before only in its own paragraph: more often many
# people than one (the writers of a piece read, a group), it stands for a person named in the
# paragraph before only right after them
_THEY_SENTENCES = 1
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r>]*\n")
_ANTECEDENT_REACH = 400  # characters at most
# A chat's speaker line, the name and when they wrote ("Dan Example 12/03/2026 14:05",
# "Example, Dan  09:41"): the writer, whom "he" or "she" in their message is not.
_SPEAKER_STAMP_RE = re.compile(
    r"[ \t]*[,\-\u2013]?[ \t]*[(\[]?(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4},?[ \t]+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    r"(?:[ \t]*[AaPp][Mm])?[)\]]?[ \t]*\r?$", re.M)
# ... or a conversation's speaker label ("Tom Example: Yes. Background is T2DM, and he was on
# rivaroxaban"), as a meeting's transcript writes its turns: its speakers talk of others.
_SPEAKER_LABEL_RE = regex.compile(
    r"(?m)^[ \t>]*((?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+)?\p{Lu}[\p{L}'\-]+(?:[ \t]+\p{Lu}[\p{L}'\-]+){0,3})"
    r"(?:[ \t]*\([^)\n]{1,20}\))?:[ \t]"
)
_HE_TITLES = ("Mr", "Master")


def _speaker_label(text: str, m: regex.Match[str]) -> bool:
    """The name run ``m`` labels a turn of a conversation: first on its line before a colon, in
    a text whose turns are so labelled, some speaker more than once (a ward list names each of
    its patients once)."""
    if ":" not in text[m.end():m.end() + 24]:
        return False
    label = _SPEAKER_LABEL_RE.match(text, line_bounds(text, m.start())[0])
    if label is None or label.end(1) != m.end():
        return False
    return _a_conversation(text)


@functools.lru_cache(maxsize=4)
def _a_conversation(text: str) -> bool:
    """``text``'s lines are turns labelled by their speakers, some speaker more than once."""
    seen = Counter(x.group(1) for x in _SPEAKER_LABEL_RE.finditer(text))
    return len(seen) >= 2 and max(seen.values()) >= 2
_SHE_TITLES = ("Mrs", "Ms", "Miss")


def _other_sex(title: str, pronoun: str) -> bool:
    """A personal title ("Mrs", "Mr") of the other sex than ``pronoun`` ("he", "she"; "they"
    is anyone's): whom the pronoun cannot stand for."""
    return title in {"he": _SHE_TITLES, "she": _HE_TITLES}.get(pronoun, ())


def _named_by_pronoun(text: str, end: int, verb: int) -> bool:
    """text[:end] ends with "he", "she" or "they" (the subject of the verb at ``verb``), and the
    last person named before it, in that sentence or the two before, is a lay person of that
    pronoun: "Edna Example is fit for discharge ... She was treated for a UTI", "could you see
    Daniel Example privately as he is keen ... He has had three episodes of pancreatitis".
    A clinician named last is whom it speaks of ("... seen by Dr Example. She has started"), and
    a person named with their job, their news or their public voice is not a patient (a staff
    profile, a retirement, a speaker's biography, a rota's absence)."""
    pronoun = _PRONOUN_END_RE.search(text, max(0, end - 30), end)
    if pronoun is None:
        return False
    return _antecedent_lay(text, pronoun.start(), pronoun.group(1).lower(), verb)


# A named person's care after their "'s": "Can we move Mrs Example's flu jab? She is on chemo".
_CARE_OF_OWNER_RE = re.compile(
    r"(?i)[ \t]+(?:(?:flu|covid|b12|next|first|annual|repeat|depot|home)[ \t]+)?(?:jabs?|vaccinations?|injections?"
    r"|appointments?(?![ \t]+(?:as|to)\b)|appt|bloods|blood tests?|prescriptions?|meds|medication|dressings?)\b"
)


def _antecedent_lay(text: str, at: int, pronoun: str, verb: int, absence_ok: bool = False) -> bool:
    """The last person named before the pronoun at ``at`` ("he", "she" or "they"), in its
    sentence or the two before ("they": of a paragraph before, only the sentence before), is a
    lay person of that pronoun, spoken of as a patient (see _named_by_pronoun); ``verb``: where
    what is said of them is, whose sentence is read. ``absence_ok``: the health is another's
    (their baby's), so their absence from work is no colleague's own illness told to a rota."""
    low = max(0, at - _ANTECEDENT_REACH)
    stops = [m.end() for m in _SENTENCE_STOP_RE.finditer(text, low, at)]
    # a full stop then a blank line is one end: ends with only space between them are merged
    ends: list[int] = []
    for stop in stops:
        if ends and not text[ends[-1]:stop].strip(" \t\r\n.!?"):
            ends[-1] = stop
        else:
            ends.append(stop)
    start = ends[-1 - _ANTECEDENT_SENTENCES] if len(ends) > _ANTECEDENT_SENTENCES else low
    last = None
    names = given_names()
    for m in _NAME_RUN_RE.finditer(text, start, at):
        words = [folded(w) for w in m.group().split()]
        if (m.group("title") or (len(words) >= 2 and any(w in names for w in words))) and not _SPEAKER_STAMP_RE.match(
                text, m.end()) and not _speaker_label(text, m):
            last = m
    if last is None or last.group("clinician") or last.group().endswith(_OWNER_ENDS) and not _CARE_OF_OWNER_RE.match(
            text, last.end()):
        return False  # a clinician is whom it speaks of; "Mrs Example's leaving do ... she": another's, or no one's
    if (pronoun == "they" and len(ends) > _THEY_SENTENCES and last.start() < ends[-1 - _THEY_SENTENCES]
            and _PARAGRAPH_BREAK_RE.search(text, last.end(), at)):
        return False  # "... vs. Tai Bo.\n\nI have to say it has cute truisms. I like their addiction to ...": a group's
    title = last.group("title").split()[0].rstrip(".") if last.group("title") else ""
    if _other_sex(title, pronoun):
        return False  # "Mr Example ... She": another person
    line_start = max(line_bounds(text, last.start())[0], last.start() - _NAME_REACH)
    if not _named(text[line_start:last.end()], title_only_ok=True) or _GREETED_RE.search(
            text, line_start, last.start()) or last.group().split()[0].lower() in ("dear", "hi", "hello"):
        return False  # "Dear Mrs Example, ... She": the reader, no one spoken of
    sentence = max([start] + [e for e in ends if e <= last.start()])  # where the name's sentence starts
    stop = _sentences_end(text, verb, 1, _SENTENCE_REACH)
    return not (_JOB_TITLE_RE.search(text, sentence, at) or _NEWS_RE.search(text, sentence, stop)
                or _told_as_story(text, sentence, stop) or _PUBLIC_VOICE_RE.search(text, sentence, stop)
                or not absence_ok and _ABSENCE_RE.search(text, sentence, stop))


# What one says is a story's ("she said", "he told the paper") unless they rang or came in to
# say it: "Mrs Example rang this morning. She says her insulin pen is broken" is a call's note;
# or the writer visited them and was told it.
_SAID_WORDS = frozenset(("said", "says", "told"))
_CONTACTED_RE = re.compile(
    r"(?i)\b(?:rang|rung|phoned|telephoned|rang in|called in|came in|came to (?:clinic|the surgery|the practice|the desk)"
    r"|attended|popped in|dropped in"
    # ... or a relative's visit, whose news of them the ward's staff gave ("I visited Dad this
    # evening and the nurse said he has another urine infection")
    r"|visited|visiting|(?:came|come|went|go|popped|got)[ \t]+(?:in[ \t]+|up[ \t]+|over[ \t]+)?to[ \t]+see)\b")


def _told_as_story(text: str, start: int, stop: int) -> bool:
    """text[start:stop] has a story's words (_STORY_RE); only what someone said or told,
    after they rang or came in (_CONTACTED_RE), is a contact's note, no story."""
    words = {m.group().lower() for m in _STORY_RE.finditer(text, start, stop)}
    if not words:
        return False
    return bool(words - _SAID_WORDS) or _CONTACTED_RE.search(text, start, stop) is None


# A pronoun first in its sentence, the subject too of a later verb whose own is left out
# after "and", "but" or a comma: "She has had two falls this month and is now on warfarin".
_PRONOUN_LEADS_RE = re.compile(r"[ \t>*]*(he|she|they)\b", re.I)
_ELIDED_SUBJECT_RE = re.compile(r"(?i)(?:\band|\bbut|,)[ \t]+(?:(?:now|also|still|then|since|recently)[ \t]+)?$")


def _pronoun_leads_clause(text: str, verb: int) -> bool:
    """The verb at ``verb`` follows "and", "but" or a comma in a sentence whose subject is
    "he", "she" or "they" first in it, a lay person named before (_antecedent_lay)."""
    if not _ELIDED_SUBJECT_RE.search(text, max(0, verb - 20), verb):
        return False
    start = _sentence_start(text, verb, max(0, verb - _SENTENCE_REACH))
    lead = _PRONOUN_LEADS_RE.match(text, start, verb)
    return lead is not None and _antecedent_lay(text, lead.start(1), lead.group(1).lower(), verb)


# "his", "her" or "their" and a word at most right before a health term: "we have held her
# warfarin", "Her biopsy shows ...", "his recent troponin"; not their work on it ("her
# re-audit of sepsis", "his talk on diabetes", "her interest in dementia").
# A member of staff's work after "his", "her" or "their": their audit, their talk, their team.
_THEIR_WORK = (r"audit|research|work|talk|interest|project|paper|presentation|study|team|role|job|course|training"
               r"|teaching|lecture|experience|passion|expertise|specialism|specialty|background|book|blog|story")
_POSSESSIVE_PRONOUN_RE = re.compile(
    r"(?i)(?<![\w'\u2019])(his|her|their)[ \t]+(?:(?!(?:of|on|in|about|for|to|with|and|or|re-audit|"
    + _THEIR_WORK + r")\b)[\w\-]+[ \t]+)?$"
)
_PRONOUN_OF = {"his": "he", "her": "she", "their": "they"}
# ... or in its sentence, where in their body it is: "Lump in her left breast", "pain in his
# right knee since the fall, ?septic arthritis", "an ulcer on her heel" (not "the stroke ward
# in his hospital": no part of a body). The part after the pronoun, and the word before it:
_BODY_PART_AFTER_RE = re.compile(
    r"(?i)[ \t]+(?:(?:left|right|upper|lower|inner|outer|back|front)[ \t]+)?(?:"
    r"head|face|eyes?|ears?|nose|mouth|tongue|throat|neck|chest|breasts?|nipples?|armpits?|axilla|shoulders?|arms?"
    r"|elbows?|wrists?|hands?|fingers?|thumbs?|back|spine|abdomen|tummy|stomach|belly|groin|hips?|pelvis|bottom"
    r"|buttocks?|legs?|thighs?|knees?|calf|calves|shins?|ankles?|feet|foot|heels?|toes?|skin|scalp|lungs?|liver"
    r"|kidneys?|bowel|bladder|testicles?|testis|scrotum|penis|vulva|vagina|cervix|womb|uterus|ovar(?:y|ies)"
    r"|prostate|brain|bones?|blood|urine|stools?|side|ribs?|jaw|gums?|teeth|tooth|lips?)\b"
    r"(?![ \t\-]+(?:shifts?|office|door|seat|garden|room|pay|log|catalogue|list|team)\b)"
)
_BODY_PREPOSITION_RE = re.compile(r"(?i)\b(?:in|on|of|to|at|under|behind|around|over|near)[ \t]+$")
_BODY_PRONOUNS = (" his ", " her ", " their ")


def _body_said(text: str, term: int) -> tuple[int, str] | None:
    """Where the sentence of the term at ``term`` says the part of a body it is in ("in her
    left breast"), its pronoun's start and the pronoun; None if it does not. Found at each
    "his", "her" or "their" near the term (str.find), the part matched right after it."""
    low, high = max(0, term - _SENTENCE_REACH), term + _SENTENCE_REACH
    for word in _BODY_PRONOUNS:
        at = text.find(word, low, high)
        while at >= 0:
            pronoun = at + 1
            if (_BODY_PART_AFTER_RE.match(text, pronoun + len(word) - 2)
                    and _BODY_PREPOSITION_RE.search(text, max(0, at - 8), pronoun)
                    # in the term's sentence (read to the term's first letter: a query's "?"
                    # before it ends none, "since the fall, ?septic arthritis")
                    and not _SENTENCE_END_RE.search(text, min(pronoun, term), max(pronoun, term + 1))):
                return pronoun, word.strip()
            at = text.find(word, at + 1, high)
    return None


# A sentence led by "His", "Her" or "Their" and a thing of theirs, a health term further on in
# its clause: "Her pain is uncontrolled on current oxycodone" (not their work: "Her team runs
# the diabetes clinic").
_POSSESSIVE_LEADS_RE = re.compile(
    r"(?:(?<=[.!?])[ \t]+|(?m:^)[ \t>*]*)(His|Her|Their)[ \t]+(?!(?:" + _THEIR_WORK + r"|shift|rota|clinic|clinics|list"
    r"|caseload|patients?|clients?|colleagues?|manager|office|colleague|ward|service|unit|department|practice|surgery"
    r"|charity|fundrais\w*)\b)"
    r"[\w\-]+(?:[ \t]+[^\s.;:!?,]+){0,8}?[ \t]+$"
)


# --- a letter's person named on its "Re:" line, their health told as "the above named" ----
#
# A letter for a patient (to a school, a housing officer, a university, an insurer) names them
# on its subject line ("Re: Ms Priya Example, DOB 11/02/2005, Student No. 20418876") and then
# speaks of them as "the above named", "this patient" or "this gentleman", in the paragraph
# that tells their health ("The above named ... She attended ... I diagnosed a moderate
# depressive episode"). Not a template's placeholder ("Re: [Patient name]"), nor a line whose
# person has a job title, nor a health term that is no one's (_about_health).
_ABOVE_NAMED_RE = re.compile(
    r"(?i)\b(?:the[ \t]+above[- \t]?named|the[ \t]+above[ \t]+(?:patient|person|student|pupil|child|gentleman|lady"
    r"|(?:wo)?man|employee|individual)|this[ \t]+(?:patient|gentleman|lady|young[ \t]+(?:man|woman|person)|(?:wo)?man"
    r"|child|boy|girl))\b"
)
_above_named_gate = _re2_gate(_ABOVE_NAMED_RE)  # (one RE2 pass with the other gates)
_SUBJECT_LINE_RE = re.compile(r"(?im)^[ \t>*]*(?:re|regarding|subject)[ \t]*:[ \t]*(?=\S)")
_ABOVE_NAMED_REACH = 800  # characters from a letter's subject line to its "above named"
_ABOVE_NAMED_PARAGRAPH = 600  # characters of the paragraph after "the above named" read for its health


def named_above(text: str, terms: Sequence[int]) -> int:
    """Letters whose subject line names a lay person and whose paragraph about "the above
    named" (see above) tells their health: 1 if any, else 0."""
    if not terms or not _above_named_gate(text):
        return 0
    for m in _ABOVE_NAMED_RE.finditer(text):
        subject = None
        for line in _SUBJECT_LINE_RE.finditer(text, max(0, m.start() - _ABOVE_NAMED_REACH), m.start()):
            subject = line
        if subject is None:
            continue
        line_end = line_bounds(text, subject.start())[1]
        person = _HEAD_PERSON_RE.match(text, subject.end(), line_end)
        if person is None or m.start() < line_end or not _lay_head_person(text, person, subject.end(), line_end):
            continue
        stop = text.find("\n\n", m.end(), m.end() + _ABOVE_NAMED_PARAGRAPH)
        stop = min(len(text), m.end() + _ABOVE_NAMED_PARAGRAPH) if stop < 0 else stop
        if any(m.end() <= term < stop and _about_health(text, term) for term in terms):
            return 1
    return 0


# --- a named person's own condition said plainly, whoever they are ----------------------
#
# A colleague's absence, a clinician's name or a contractor's visit is no patient's, and the
# rules above keep them so ("Sarah is off sick", "Dr Example, diabetes consultant"). But one
# who says plainly that a named person has a condition of their own says their health whatever
# their job: "Our porter, Sam Example (Estates), was diagnosed with Crohn's disease", "she's got
# lupus", "Jo Example is off with sciatica", "he sustained a needlestick injury", "he has
# epilepsy". The verb is one of having or being found or treated for a condition, its object
# the health term a few words on; its subject the person's name, or "he" or "she" standing for
# a person named just before; a given name alone only where the text writes it in full too
# ("Ian has been signed off with stress" is colleagues' news). Not a role or a skill ("has got
# her Mental Health First Aid certificate"), a duty, an interest ("has a passion for dementia
# care"), a hypothesis ("if Jo Example has asthma"), news, a story told, nor a public piece or
# voice (a newsletter's, a fundraiser's).
# ... an absence or a phased return since a day, with a condition or after an operation of theirs
# ("has been off since March after her hip replacement", "is on a phased return after his heart attack").
_AWAY = (
    r"(?:(?:signed[ \t]+)?off(?:[ \t]+sick|[ \t]+work|[ \t]+ill)?|absent|on[ \t]+sick[ \t]+leave"
    r"|on[ \t]+(?:a[ \t]+)?phased[ \t]+return(?:[ \t]+to[ \t]+work)?)"
)
# (how long for perhaps said first: "signed off 6 weeks with", "off sick for a fortnight with")
_OFF_SINCE = (
    r"(?:[ \t]+(?:for[ \t]+)?(?:(?:another|a|an|one|two|three|four|five|six|eight|ten|twelve|a[ \t]+few|several|[0-9]{1,2})"
    r"[ \t\-]+(?:days?|weeks?|months?)|a[ \t]+fortnight))?"
    r"(?:[ \t]+since[ \t]+[^.;\n]{1,25}?)?[ \t]+(?:with|(?:after|following)(?:[ \t]+(?:her|his|their))?)"
)
_OWN_CONDITION_VERB = (
    r"(?:(?:has|have|had|was|is|were|['\u2019]s)[ \t]+)?(?:(?:also|now|since|recently|just|previously|already|then|formally)[ \t]+)?"
    r"(?:been[ \t]+)?(?:(?:also|now|recently|just|formally|since)[ \t]+)?"
    r"(?:diagnosed(?:[ \t]+[a-z]+){0,2}?[ \t]+with|treated[ \t]+for|(?:admitted|hospitali[sz]ed)"
    # ... a place and a day between: "admitted to St Example's Hospice on Friday with"
    r"(?:[ \t]+(?:to|into|at|in)(?:[ \t]+[\w'\u2019\-]+){1,6}?)?[ \t]+(?:with|for)"
    r"|referred[ \t]+for|started[ \t]+on"
    r"|" + _AWAY + _OFF_SINCE + ")"
    r"|(?:is|was|['\u2019]s)[ \t]+(?:now[ \t]+|currently[ \t]+|still[ \t]+)?" + _AWAY + _OFF_SINCE +
    r"|(?:is|was|['\u2019]s)[ \t]+(?:now[ \t]+|still[ \t]+)?recovering[ \t]+from"
    # an operation waited for: "is waiting on a hernia op", "is still waiting for a knee replacement"
    r"|(?:is|was|has[ \t]+been|['\u2019]s)[ \t]+(?:now[ \t]+|still[ \t]+)?waiting[ \t]+(?:on|for)"
    # a course of treatment gone through or going on: "finished chemotherapy", "completed her
    # radiotherapy", "is still on rivaroxaban" (a word of time before "on": "is on stroke" is a rota's)
    r"|(?:(?:has|had)[ \t]+)?(?:(?:now|just|recently|since|already)[ \t]+)?(?:finished|completed|undergone|underwent"
    r"|started)(?:[ \t]+(?:her|his|their))?"
    r"|(?:is|was|['\u2019]s)[ \t]+(?:now[ \t]+|currently[ \t]+|still[ \t]+)?(?:having|receiving|undergoing)"
    r"(?:[ \t]+(?:her|his|their))?"
    r"|(?:is|was|['\u2019]s|remains)[ \t]+(?:now|still|currently)[ \t]+on"
    r"|(?:is|was|['\u2019]s)[ \t]+(?:now[ \t]+)?[0-9]{1,2}[ \t]+(?:days?|weeks?|months?)[ \t]+post(?:[ \t\-]?op)?"
    r"|(?:has|have|['\u2019]s)[ \t]+(?:also[ \t]+|now[ \t]+)?got"
    r"|(?:(?:has|had)[ \t]+(?:also[ \t]+|now[ \t]+|just[ \t]+|recently[ \t]+)?)?(?:suffered|sustained|developed|had)"
    r"|suffers[ \t]+(?:from|with)|is[ \t]+suffering[ \t]+(?:from|with)|disclosed|has"
)
# Between the subject and the verb, a job or place said of them ("Jane Example, a nurse on Ward 4,
# has been diagnosed with", "Jane Example, Staff Nurse, has") or "who" ("used by Mrs Example, who has MRSA").
_OWN_APPOSITIVE = (
    r"(?:[ \t]*,[ \t]*(?:who(?=[ \t])|(?i:a|an|our|the|my|your|their|one[ \t]+of[ \t]+our)[ \t]+[^,()\n.;:!?]{1,60},"
    r"|(?:[A-Z][\w\-]*[ \t]+){0,3}" + _JOB_TITLE_RE.pattern + r"[ \t]*,))?"
)
# The verb, then its object's first words before the health term (no negation, no one's
# "her", "his": "has got her MHFA certificate" is a skill's), ending where the term starts.
_OWN_CONDITION_RE = regex.compile(
    r"(?i:(?<![\w'\u2019])(?P<pronoun>he|she)|(?P<lead>[\p{L}'\u2019)\-]))"
    r"(?:[ \t]*\([^()\n]{1,40}\))?" + _OWN_APPOSITIVE + r"[ \t]*,?(?:[ \t]+|(?=['\u2019]s))"
    r"(?P<verb>(?i:" + _OWN_CONDITION_VERB + r"))"
    r"[ \t]+(?P<object>(?:(?!(?i:no|not|never|any|her|his|their|my|your|our)\b)[\w'\u2019\-]+[ \t]+){0,4}?)$"
)
# A list's row's reason recorded before a condition ("contraindicated:", "exempt -"), and the
# words that then say the condition is the row's person's ("on chemotherapy", "previous anaphylaxis").
_ROW_REASON = (r"(?i:(?:contraindicated|contra-indicated|exempt(?:ion)?|declined|deferred|reason)"
               r"[ \t]*[:,\-\u2013]?[ \t]*)?")
_ROW_VERB = r"(?:currently[ \t]+|still[ \t]+)?on|previous|past|history[ \t]+of|hx[ \t]+of|h/o|known"
_OWN_CONDITION_HINT_RE = re.compile(
    r"(?i)\b(?:diagnosed|treated|admitted|hospitali[sz]ed|referred|started|off|post|got|suffer\w*|sustained"
    r"|developed|had|disclosed|has|finished|completed|undergone|underwent|having|receiving|undergoing"
    r"|absent|recovering|waiting[ \t]+(?:on|for)|sick[ \t]+leave|phased[ \t]+return|(?:now|still|currently)[ \t]+on)\b"
    # ... a list's row: its dash or colon, a reason perhaps, then "on", "previous", "history of"
    r"|[\-\u2013\u2014:][ \t]*" + _ROW_REASON + r"(?i:" + _ROW_VERB + r")\b"
)
# ... or a row of a list that names them (a job of theirs after a comma perhaps) and after its
# dash or colon their own condition or treatment, a reason recorded first perhaps: "Ann Example,
# Porter - exempt: on chemotherapy for myeloma", "Mr Bo Example, Cook: previous anaphylaxis".
_OWN_CONDITION_ROW_RE = regex.compile(
    r"(?P<lead>[\p{L}'\u2019)\-])(?:[ \t]*\([^()\n]{1,40}\))?(?:[ \t]*,[ \t]*[^,()\n.;:!?\-\u2013\u2014]{1,40}?)?"
    r"[ \t]*[\-\u2013\u2014:][ \t]*" + _ROW_REASON +
    r"(?P<verb>(?i:" + _ROW_VERB + r"))"
    r"[ \t]+(?P<object>(?:(?!(?i:no|not|never|any|her|his|their|my|your|our|the|a|an)\b)[\w'\u2019\-]+[ \t]+){0,2}?)$"
)
# The verbs of a course of treatment or of being on one, whose object may be a course of work
# instead: a training, a post, a leave (_NOT_HAD_RE, _POSTING_RE).
_COURSE_VERB_RE = re.compile(
    r"(?:finished|completed|undergone|underwent|started|having|receiving|undergoing)(?: (?:her|his|their))?$|\bon$")
# ... or whose object is a specialty, a rotation's ("has started in oncology", "finished palliative
# care last month"), not a condition of its organ ("renal failure").
_SPECIALTY_AT_RE = re.compile(
    r"(?i)(?:[a-z\-]*(?:ology|iatrics|iatry|paedics)|respiratory|renal|cardiac|palliative[ \t]+care|intensive[ \t]+care"
    r"|critical[ \t]+care|elderly[ \t]+care|acute[ \t]+medicine|stroke[ \t]+medicine|general[ \t]+(?:medicine|surgery)"
    r"|icu|itu|hdu)\b(?![ \t]+(?:failure|disease|cancer|dialysis|replacement|transplant|tumou?r|arrest|infection|syndrome))"
)
_POSTING_RE = re.compile(r"(?i)\b(?:secondment|rotation|placement|induction|leave|attachment|nights|days|shifts?|rota|duty)\b")
# A rota's, a post's, a leave's or a course's words after a term said to be "on", finished or
# started: "is still on stroke nights", "has completed her chemotherapy passport".
_WORK_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:rotas?|rotations?|placements?|blocks?|nights?|days?"
    r"|calls?|shifts?|duty|leave|teams?|wards?|units?|lists?|clinics?|attachments?|secondments?|experience|posts?|roles?"
    r"|passports?|competenc(?:e|y|ies)|modules?|courses?|training|assessments?|induction|nursing|interviews?"
    r"|conferences?|e-?learning|exams?|qualifications?)\b"
)
# ... a member of staff or a team named for the term, waited on ("waiting for the diabetes nurse to call").
_WAITED_FOR_STAFF_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:nurses?|teams?|services?|doctors?|consultants?"
    r"|specialists?|physios?|therapists?|staff|leads?|managers?|co-?ordinators?|secretary|secretaries)\b"
)
_own_condition_gate = _re2_gate(_OWN_CONDITION_HINT_RE)  # (one RE2 pass with the other gates, not a pass of its own)
_OWN_CONDITION_REACH = 120  # characters before a term in which its verb and subject are read
_BARE_HAVING = ("has", "had", "got", "has got", "have got", "'s got", "\u2019s got")
_IF_BEFORE_RE = re.compile(r"(?i)\b(?:if|whether|unless|in case|suppose|say)[ \t]+(?:[\w'\u2019\-]+[ \t]+){0,3}$")
_OWN_SUBJECT_RE = regex.compile(_NAME_RUN_RE.pattern + r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*,?[ \t]*$")
_OWN_ANTECEDENT_REACH = 320  # characters before "he" or "she" in which its person is named


def _own_subject(text: str, low: int, end: int) -> bool:
    """A person is named right before ``end`` (their apposition in brackets between: "Jo
    Example (Band 5)"): a title, or a given name first; not the reader greeted ("Hi Jo,")."""
    m = _OWN_SUBJECT_RE.search(text, low, end)
    return m is not None and _a_person_named(text, m)


def _row_led_by(text: str, line_start: int, end: int) -> bool:
    """The line at ``line_start`` is led (after its indent, a bullet or a number) by the name
    that ends at ``end``: a list's row of that person."""
    m = _OWN_SUBJECT_RE.search(text, line_start, end)
    return m is not None and not text[line_start:m.start()].strip(" \t>*\u2022\u00b7-0123456789.)")


def _a_person_named(text: str, m: regex.Match[str]) -> bool:
    """The name run ``m`` is a person's (a title, or a given name first) and not the reader's greeting."""
    words = [folded(w) for w in m.group().split()]
    if not words or not (m.group("title") or words[0] in given_names() or 2 <= len(words) <= 3
                         and _WORKER_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())):
        return False
    if words[-1] in _WORD_FAMILY and len(words) >= 2:
        return False  # "Victoria Ward has had a norovirus outbreak": a place named for a person
    if len(words) == 1 and not m.group("title") and not _named_in_full(text, m.group()):
        return False  # a given name alone ("Ian has been signed off with stress"): a colleague's news among colleagues
    line_start = line_bounds(text, m.start())[0]
    return not (_GREETED_RE.search(text, line_start, m.start()) or _speaker_label(text, m)
                or _SPEAKER_STAMP_RE.match(text, m.end()))


# A worker's noun right before a name, whose given name may be a word too ("your engineer Dean
# Example", "our porter Will Example"): the words after it are the person's name.
_WORKER_BEFORE_RE = re.compile(
    r"(?i)\b(?:our|your|their|the|my)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:engineer|porter|technician|driver|operative"
    r"|contractor|worker|colleague|cleaner|employee|apprentice|electrician|plumber|fitter|nurse|carer|volunteer)[ \t\r\n,]+$"
)


def _named_in_full(text: str, given: str) -> bool:
    """The given name ``given`` is written with a family name after it somewhere in ``text``
    ("Grace Example ... Grace sustained ..."): the person is identified, not only a first name."""
    return regex.search(r"\b" + re.escape(given) + r"[ \t]+(?!(?:Is|Has|Was|And|The|On|In)\b)\p{Lu}[\p{Ll}'\u2019\-]+",
                        text) is not None


def _own_antecedent(text: str, at: int, pronoun: str) -> bool:
    """The last person named before the pronoun at ``at``, in its paragraph or the one before
    (at most _OWN_ANTECEDENT_REACH back), is one "he" or "she" can stand for, not a clinician by title
    (whom a pronoun after is as often their patient)."""
    low = max(0, at - _OWN_ANTECEDENT_REACH)
    gaps = [gap.end() for gap in _PARAGRAPH_BREAK_RE.finditer(text, low, at)]
    low = gaps[-2] if len(gaps) >= 2 else low  # (its paragraph and the one before)
    last = None
    for m in _NAME_RUN_RE.finditer(text, low, at):
        if _a_person_named(text, m):
            last = m
    if last is None or last.group("clinician") or last.group().endswith(_OWNER_ENDS):
        return False
    title = last.group("title").split()[0].rstrip(".") if last.group("title") else ""
    return not _other_sex(title, pronoun)


def own_condition_plainly(text: str, terms: Sequence[int]) -> int:
    """Sentences that say plainly a named person's own condition (see above); a cheap test
    for their verbs first."""
    if not terms or not _own_condition_gate(text):
        return 0
    found: set[int] = set()
    for term in terms:
        line_start = line_bounds(text, term)[0]
        low = max(0, term - _OWN_CONDITION_REACH, line_start - _OWN_CONDITION_REACH)
        if not _OWN_CONDITION_HINT_RE.search(text, low, term):
            continue  # (no verb of theirs before it: the dearer searches below would find none)
        m = _OWN_CONDITION_RE.search(text, low, term)
        row = m is None
        if row:
            m = _OWN_CONDITION_ROW_RE.search(text, max(line_start, term - _OWN_CONDITION_REACH), term)
        if m is None or "\n\n" in text[m.start():term]:
            continue
        start = _sentence_start(text, m.start(), max(0, m.start() - _SENTENCE_REACH))
        if start in found:
            continue
        verb = " ".join(m.group("verb").lower().split())
        between = m.group("object")
        if verb in _BARE_HAVING or verb.endswith(" had") or verb.endswith(" has"):
            if _NOT_HAD_RE.search(between) or _DONE_AFTER_HAS_RE.match(text, m.end("verb")):
                continue  # "has a passion for dementia care", "has prescribed ..."
        elif _COURSE_VERB_RE.search(verb) and (_NOT_HAD_RE.search(between) or _POSTING_RE.search(between)):
            continue  # "underwent training in chemotherapy", "is currently on secondment to the cancer alliance"
        line_end = line_bounds(text, term)[1]
        if (_ROLE_AFTER_TERM_RE.match(text, term, line_end) or _SKILL_AFTER_TERM_RE.match(text, term, line_end)
                or _staff_duty(text, term, m.start("verb")) or not _about_health(text, term, roles=False)):
            continue
        if verb.endswith(("waiting on", "waiting for")) and _WAITED_FOR_STAFF_RE.match(text, term, line_end):
            continue  # "is waiting for the diabetes nurse to ...": whom they wait for, no operation
        if _OWN_RELATIVE_RE.search(text, m.start("verb"), term) or (_COURSE_VERB_RE.search(verb) and (
                _WORK_AFTER_TERM_RE.match(text, term, line_end) or _SPECIALTY_AT_RE.match(text, term, line_end))):
            continue  # "off since May after her mum's stroke", "is still on stroke nights", "started on cardiology"
        subject = _own_condition_subject(text, m, row, start)
        if subject < 0:
            continue
        stop = _sentences_end(text, term, 1, _SENTENCE_REACH)
        before = _sentence_start(text, max(0, start - 2), max(0, start - _SENTENCE_REACH))
        if (_IF_BEFORE_RE.search(text, max(start, subject - 40), subject) or _NEWS_RE.search(text, before, stop)
                or _OWN_STORY_TOLD_RE.search(text, before, stop) or _publicly_said(text, start)):
            continue  # (news or a story of theirs told in the sentence before too: "... retires this month. He was treated for")
        found.add(start)
    return len(found)


def _own_condition_subject(text: str, m: regex.Match[str], row: bool, start: int) -> int:
    """Where the person whose condition ``m`` says (own_condition_plainly) is read from: their
    name before the verb (its sentence starting at ``start``), or a list's row led by it (``row``:
    not a row of their training or under a list of allocations), or "he" or "she" standing for
    them; -1 if no person is."""
    if row:
        line_start, line_end = line_bounds(text, m.start())
        subject = max(line_start, m.end("lead") - _NAME_REACH)
        if not (_own_subject(text, subject, m.end("lead")) and _row_led_by(text, line_start, m.end("lead"))):
            return -1
        if _STAFF_RECORD_RE.search(text, line_start, line_end) or _STAFF_LIST_RE.search(
                text, _list_intro_start(text, line_start), line_start):
            return -1  # "- on sepsis e-learning", under "Spring allocations:": a record of their work
        return subject
    if m.group("pronoun"):
        subject = m.start("pronoun")
        return subject if _own_antecedent(text, subject, m.group("pronoun").lower()) else -1
    subject = max(start - 1, m.end("lead") - _NAME_REACH, 0)
    return subject if _own_subject(text, subject, m.end("lead")) else -1


# A person's own story told by them or for an event: "spoke about it", "presented", "is running the 10k".
_OWN_STORY_TOLD_RE = re.compile(
    r"(?i)\b(?:spoke|talked|presented|opened up|shared (?:her|his|their) (?:story|experience|journey)"
    r"|(?:running|walking|cycling|swimming|climbing)[ \t]+(?:the[ \t]+|a[ \t]+)?(?:[0-9]+[ \t]?k|half|marathon|race|challenge))\b"
)


def _publicly_said(text: str, start: int) -> bool:
    """The sentence at ``start`` is a public piece's or speaks in public (_public_piece), an
    interview then the media's, not a meeting's ("At interview he disclosed ...")."""
    if _PUBLIC_PIECE_HEAD_RE.search(text, 0, _PUBLIC_HEAD) or _in_the_media(text, start):
        return True
    before = _sentence_start(text, max(0, start - 2), max(0, start - _SENTENCE_REACH))
    after = _sentences_end(text, start, 2, 2 * _SENTENCE_REACH)
    return _PUBLIC_PIECE_RE.search(text, before, after) is not None or any(
        not m.group().lower().startswith("interview") for m in _PUBLIC_VOICE_RE.finditer(text, before, after))


# Guidance to a group for an event (a trip, a match, a course), a condition put as a hypothesis
# of one of them: "if", the name, "has" and the condition bare (no "her", no "again": "If Mr
# Example has his chest pain again" is his care plan), then what they are to bring with them
# ("If Sam Example has epilepsy, she should pack her medication", "they must bring their EpiPen").
_IF_GUIDANCE_RE = regex.compile(
    r"(?i:\b(?:if|in[ \t]+case))[ \t]+(?:\p{Lu}[\p{L}'\u2019.\-]*[ \t]+){1,4}"
    r"(?i:(?:has(?:[ \t]+got)?|suffers[ \t]+(?:from|with))[ \t]+"
    r"(?:(?!(?:a|an|the|his|her|their|again|another|more|further|any|still|recurr\w*|worse|worsening)\b)[\w'\u2019\-]+(?:[ \t]+|(?=,))){1,3}?"
    r",?[ \t]*(?:(?:he|she|they|then)[ \t]+)?(?:should|must|will[ \t]+need[ \t]+to|needs?[ \t]+to|ought[ \t]+to"
    r"|(?:is|are)[ \t]+asked[ \t]+to)[ \t]+(?:(?:also|please|remember[ \t]+to|make[ \t]+sure[ \t]+to)[ \t]+)?"
    r"(?:bring|pack|carry)\b(?:[ \t]+(?:his|her|their|an?|any|the))?)"
)
_IF_GUIDANCE_ITEM = 40  # characters after the guidance's verb in which the thing to bring starts


def _if_guidance(text: str, at: int) -> bool:
    """The health term at ``at`` is in a sentence of guidance to a group (_IF_GUIDANCE_RE): the
    condition put as a hypothesis or the thing to bring for it."""
    if "f" not in text[max(0, at - _SENTENCE_REACH):at]:
        return False
    start = _sentence_start(text, at, max(0, at - _SENTENCE_REACH))
    m = _IF_GUIDANCE_RE.search(text, start, min(len(text), at + _SENTENCE_REACH))
    return m is not None and m.start() < at <= m.end() + _IF_GUIDANCE_ITEM and "\n\n" not in text[m.start():at]


def health_by_pronoun(text: str, terms: Sequence[int]) -> int:
    """A health term that speaks of health, theirs by "his", "her" or "their" right before
    it, the person they stand for a lay one named in that sentence or the two before
    (_antecedent_lay): "I saw Margaret Example in clinic this morning. She has had another
    fall and we have held her warfarin"; or in its sentence, where in their body it is
    ("Could you fit Nkechi Example in this week? Lump in her left breast found last
    Monday"). One a text: it is about that person."""
    for term in terms:
        m = _POSSESSIVE_PRONOUN_RE.search(text, max(0, term - 40), term)
        said = (m.start(1), m.group(1)) if m is not None else _body_said(text, term)
        if said is None:
            lead = _POSSESSIVE_LEADS_RE.search(text, max(0, term - _CLAUSE_REACH), term)
            said = (lead.start(1), lead.group(1)) if lead is not None else None
        if said is None or not _about_health(text, term) or _if_guidance(text, term):
            continue
        if _antecedent_lay(text, said[0], _PRONOUN_OF[said[1].lower()], term):
            return 1
    return 0


# A relative by a named person's "'s" ("Dafydd ap Example's daughter", "dave example's wife"),
# of one sex; "he" or "she" of the other after it is the named person, whose health follows:
# "Spoke to Dafydd ap Example's daughter this afternoon, his dementia is getting worse".
_HER_RELATIVES = ("mother", "mum", "mam", "daughter", "wife", "sister", "grandmother", "nan", "granddaughter",
                  "niece", "aunt", "girlfriend", "stepdaughter", "stepmother")
_HIS_RELATIVES = ("father", "dad", "son", "husband", "brother", "grandfather", "grandad", "grandson", "nephew",
                  "uncle", "boyfriend", "stepson", "stepfather")
# A relative's word between a verb of one's own condition and the term: the condition is theirs (own_condition_plainly).
_OWN_RELATIVE_RE = re.compile(r"(?i)\b(?:" + "|".join(_HER_RELATIVES + _HIS_RELATIVES) + r")(?:['\u2019]s)?\b")
_OWNER_RELATIVE_RE = re.compile(
    r"['\u2019]s[ \t]+(?:(?:late|elderly|eldest|youngest|older|younger)[ \t]+)?(?i:("
    + "|".join(_HER_RELATIVES) + r")|(" + "|".join(_HIS_RELATIVES) + r"))\b"
)
_SHE_HE_RE = re.compile(r"(?i)(?<![\w'\u2019])(?:(she|her|hers)|(he|him|his))(?:['\u2019]s)?(?![\w'\u2019])")
_CLAUSE_REACH = 60  # characters from a pronoun to the health term said of them in its clause
_NEXT_CLAUSE_RE = re.compile(r"[.;!?]|\b(?:and|but)[ \t]+(?:she|he)\b")  # where that clause ends
# A baby known by its mother's name, as a maternity unit names a newborn: "Baby of Amina
# Example", "Amina Example's baby", "her baby" (the mother named before).
_BABY_RE = re.compile(r"\b(?:[Bb]ab(?:y|ies)|BABY|[Tt]wins|[Nn]ewborns?)\b")
_RELATION_REACH = 320  # characters before a health term in which the relative is named: two sentences
_BABY_OF_RE = regex.compile(r"(?i:\bbab(?:y|ies)[ \t]+of)[ \t]+(?=(?:(?:Mrs|Ms|Miss)\.?[ \t]+)?\p{Lu})")
_BABY_OWNER_RE = re.compile(r"(?i)(?:['\u2019]s|\b(his|her|their))[ \t]+(?:(?:new[ \-]?born|newborn|premature|prem|new)[ \t]+)?$")
# ... or by its family name after "Baby", as a neonatal unit's cot card names it ("Baby Example",
# "Baby boy Example", "Twin 2 Example" not): a name's word that no service's or product's is
# ("Baby Clinic", "Baby Friendly"), then no other capitalised word ("Baby Loss Awareness Week").
_BABY_SURNAME_RE = regex.compile(
    r"(?:Baby|BABY)[ \t]+(?:(?:boy|girl|Boy|Girl)[ \t]+)?"
    r"(?!(?i:unit|units|clinic|clinics|friendly|bank|banks|loss|massage|room|rooms|caf[eé]|group|groups|week|box|boxes"
    r"|steps|shower|club|yoga|sensory|signing|feeding|care|centre|center|hub|show|basics|food|milk|formula|monitor"
    r"|news|boomers?|bond|clothes|changing|weigh|weighing|scales|blues|doll|talk|rhyme|music|swim|wipes|gym|spa|ward"
    r"|bundle|pack|led|first|grand|gap|equipment|shark|jesus|bonus|boom|brain|daddy|mama|love|unit's)\b)"
    + _NAME_TOKEN + r"(?=[ \t]*[,.;:)\u2013\u2014\-]|[ \t]+\p{Ll})"
)
# A neonatal unit where the baby is cared for, counted as its care though a unit's name is a
# place's elsewhere ("is being ventilated on our Neonatal Intensive Care Unit"), when no other
# word of a place follows it ("the Neonatal Unit staff room").
_NEONATAL_UNIT_RE = re.compile(
    r"(?i)(?:neonatal(?:[ \t]+intensive[ \t]+care)?[ \t]+unit|nicu|scbu|special[ \t]+care[ \t]+baby[ \t]+unit)"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$|(?:and|with|since|for|at|after|where|until|because|so|but|on|in|under)\b))"
)


# --- a named person's health in the languages trusts translate letters into -----------------
#
# A translated letter, or one to relatives or a hospital abroad, names its patient with the
# language's own title or relation word ("domnul Florin Example", "Sr. Antonio Example",
# "Pani Zofia Example", "ponia Ona Example", "mama - Zofia Example"; in Chinese the title
# follows the name: "林美华女士", "您母亲林美华") and says their illness in the lexicon's words of
# that language, in the sentences after the name or the list below it. A greeting's name is the
# reader's ("Stimată doamnă Example,", "林先生您好"); a job word between the name and the term
# says whose work it is ("Pani Anna Example, pielęgniarka na oddziale intensywnej terapii").
_TITLES_ABROAD = (
    # Polish (with the cases a sentence puts them in), Romanian, Spanish, Portuguese, Lithuanian
    r"Pan|Pani|Pana|Panią|Panu|pan|pani|pana|panią|panu"
    r"|[Dd]omnul|[Dd]omnului|[Dd]oamna|[Dd]oamnei|[Dd]l\.|[Dd]na\.|[Dd]-na|[Dd]-l"
    r"|Sr\.|Sra\.|Srta\.|[Ss]eñor|[Ss]eñora|[Ss]eñorita|don|[Dd]oña|[Ss]enhor|[Ss]enhora|[Dd]ona"
    r"|[Pp]onas|[Pp]onia|[Pp]onui|[Pp]oniai|[Pp]ono|[Pp]onios"
)
_RELATIVES_ABROAD = (
    r"mama|mamy|mamie|mamą|matka|matki|tata|taty|tacie|ojciec|ojca|syn|syna|córka|córki|mąż|męża|żona|żony|brat|brata"
    r"|siostra|siostry|babcia|babci|dziadek|dziadka"
    r"|mama|mamei|tatăl|tatal|fratele|fratelui|sora|surorii|fiul|fiica|soțul|soţul|soțul|soția|soţia|bunica|bunicul"
    r"|madre|padre|hijo|hija|esposo|esposa|marido|hermano|hermana|abuela|abuelo"
    r"|mãe|pai|filho|filha|irmão|irmã|avó|avô"
    r"|motina|mama|tėvas|tėvo|sūnus|sūnaus|dukra|dukros|vyras|vyro|žmona|žmonos|brolis|brolio|sesuo|sesers|močiutė"
)
_NAME_WORD_ABROAD = r"\p{Lu}[\p{Ll}\p{M}'\u2019\-]+"
_NAMED_ABROAD_RE = regex.compile(
    rf"(?<![\p{{L}}.])(?:(?P<title>{_TITLES_ABROAD})|(?P<rel>{_RELATIVES_ABROAD})"
    # ... and a possessive, a comma or a dash between the relative and the name
    r"(?:[ \t]+(?:dumneavoastră|dumneavoastra|dvs\.|su|seu|sua|jūsų|Jūsų|Pana|Pani|pana|pani))?[ \t]*[,:\-\u2013\u2014]?)"
    rf"[ \t]+(?P<name>{_NAME_WORD_ABROAD}(?:[ \t]+{_NAME_WORD_ABROAD}){{0,3}})"
)
# Chinese: a name of two or three characters before a title, or after a relation word.
_HAN_NAME_RE = regex.compile(
    r"(?:母亲|父亲|妈妈|爸爸|儿子|女儿|丈夫|妻子|哥哥|弟弟|姐姐|妹妹|奶奶|爷爷|外婆|外公|患者|病人)(?P<after>\p{Han}{2,3})"
    r"(?=女士|先生|小姐|太太|夫人|的|\p{P}|\s)"
    r"|(?P<before>\p{Han}{2,3})(?:女士|先生|小姐|太太|夫人)(?!您好|你好)"
)
# ... a greeting's: a line led by the name and its title, then a colon, a comma or "hello".
_HAN_GREETING_RE = regex.compile(r"(?:女士|先生|小姐|太太|夫人)?[ \t]*(?:[:：,，]|您好|你好)")
_HAN_TITLE_HINT = regex.compile(r"女士|先生|小姐|太太|夫人|母亲|父亲|妈妈|爸爸|儿子|女儿|丈夫|妻子|患者|病人")
# A department, a centre or a society a Chinese term names ("肿瘤科的护士"): a place of work, not an illness.
_HAN_PLACE_AFTER_RE = regex.compile(r"\p{Han}{0,5}?(?:科|中心|部|医院|协会|協會|基金|学会|研究)")
# The words that say a text is in one of those languages (two of them near the name), where
# English has none of them.
_WORDS_ABROAD_RE = regex.compile(
    # (not those English or a web address writes too: "care", "con", "el", ".com", "para")
    r"(?i)(?<!\p{L})(?:jest|został|została|się|oraz|jego|jej|przez|dla|że|który|która"
    r"|este|sunt|și|şi|în|după|pentru|fost|los|las|del|que|una|está|fue|ingresó|uma|foi|não|seu|sua"
    r"|yra|buvo|kad|jūsų|dėl|jis)(?!\p{L})"
)
# A greeting before the name: the reader's ("Szanowna Pani Example,", "Stimată doamnă Example,").
_GREETING_ABROAD_RE = regex.compile(
    r"(?i)^[ \t]*(?:szanown\w*|drog[aiy]|witam|dzień dobry|stimat\w*|dragă|draga|bună ziua|buna ziua|estimad[oa]s?"
    r"|querid[oa]s?|hola|buenos días|caro|cara|prezad[oa]s?|olá|bom dia|gerb\.?|gerbiam\w*|mielas|miela|laba diena"
    r"|sveiki|dear|hi|hello)\b[^\n]*$"
)
# A job between the name and the term: the person is at work ("pielęgniarka", "asistentă", "enfermera").
_JOB_ABROAD_RE = regex.compile(
    r"(?i)(?<!\p{L})(?:pielęgniar(?:ka|z|ki|ką)|lekarz(?:em|a)?|położn(?:a|ą|ej)|tłumacz(?:ka|em)?|asistent(?:ă|a|ul|e)"
    r"|medic(?:ul|ii)?|doctor(?:ul|iţa|ița)?|interpret(?:ă|ul)?|traducător|enfermer[oa]s?|médic[oa]s?|intérprete"
    r"|enfermeir[oa]s?|tradutor[a]?|slaugytoj(?:a|as|ų)|gydytoj(?:a|as|ų)|vertėj(?:a|as)|rekrutac\w*|recrut\w*"
    r"|recluta\w*|candidat\w*|kandydat\w*|postul|stanowisk\w*|puesto|vaga|personel\w*|personal|szkoleni\w*"
    r"|instruire|formación|formação)(?!\p{L})|护士|医生|主任|院长|教授|专家|代表团|翻译"
)
# ... right after the name: "Pani Anna Example, pielęgniarka oddziałowa".
_JOB_ABROAD_AFTER_RE = regex.compile(r"(?i)[ \t]*[,(\-\u2013]?[ \t]*" + _JOB_ABROAD_RE.pattern[4:])
_ABROAD_REACH = 400  # characters after the name in which their illness is said
_DIACRITICS_RE = regex.compile(r"[ąćęłńśźżăâîșşțţñáéíóúãõçėįųūšžčåøæ]", regex.IGNORECASE)


# Whether a text can name anyone so at all: a title or a relation word of those languages
# before a capital, or a Chinese title or relation word (RE2, with the other gates: an English
# text has none, and is not read further).
_ABROAD_CAPITAL = r"(?:[A-Z]|[^\x00-\x7f])"  # (any letter beyond ASCII may be a capital)
_named_abroad_gate = _re2_gate(re.compile(
    rf"(?:{_TITLES_ABROAD}|{_RELATIVES_ABROAD})[ \t,:\-\u2013\u2014]+(?:[a-zA-Z\u0101-\u017e.]+[ \t,:\-\u2013\u2014]+)?{_ABROAD_CAPITAL}"
    rf"|{_HAN_TITLE_HINT.pattern}"
))


def _han_named(text: str, terms: Sequence[int]) -> int:
    """Chinese names before their title or after a relation word (_HAN_NAME_RE), each with a
    Chinese health term after it in its paragraph: not a greeting's reader, a department's name
    ("肿瘤科") or a person at work (named_abroad)."""
    found = 0
    for m in _HAN_NAME_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _HAN_GREETING_RE.match(text, m.end()) and not text[line_start:m.start()].strip():
            continue  # the reader: "王先生：", "林先生您好"
        stop = min(len(text), m.end() + _ABROAD_REACH // 2)
        para = text.find("\n\n", m.end(), stop)
        stop = stop if para < 0 else para
        for term in terms:
            if not (m.end() <= term < stop) or not ("\u3400" <= text[term] <= "\u9fff"):
                continue
            if _HAN_PLACE_AFTER_RE.match(text, term + 1) or _JOB_ABROAD_RE.search(text, m.end(), term):
                continue  # "肿瘤科的护士": a department
            found += 1
            break
    return found


def named_abroad(text: str, terms: Sequence[int]) -> int:
    """People a letter in another language names with its title or relation word
    (_NAMED_ABROAD_RE, _han_named) and whose illness it says in the next sentences or the
    list below (a health term within _ABROAD_REACH, not past a second paragraph's end): a
    translated letter's patient, a relative abroad's news. Not a greeting's reader, nor a
    person at work (a job word between them, _JOB_ABROAD_RE)."""
    if not terms or not _named_abroad_gate(text):
        return 0
    found = _han_named(text, terms) if _HAN_TITLE_HINT.search(text) else 0
    if found or not _DIACRITICS_RE.search(text) and len(_WORDS_ABROAD_RE.findall(text[:4000])) < 2:
        return found
    for m in _NAMED_ABROAD_RE.finditer(text):
        name = m.group("name").split()
        if len(name) < 2 and folded(name[0]) not in given_names():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _GREETING_ABROAD_RE.match(text[line_start:m.start()] + "\n"):
            continue  # the reader: "Bună ziua doamna Example,"
        start = m.end()
        stop = min(len(text), start + _ABROAD_REACH)
        first = text.find("\n\n", start, stop)
        if first >= 0:
            second = text.find("\n\n", first + 2, stop)
            stop = stop if second < 0 else second
        # (the name's own letters say nothing of the language: "Sr. Zofia Example covers the stroke unit")
        window = text[max(0, m.start() - 200):m.start("name")] + " " + text[m.end("name"):stop]
        if not _DIACRITICS_RE.search(window) and len({w.lower() for w in _WORDS_ABROAD_RE.findall(window)}) < 2:
            continue  # English ("Sr. Jane Example, Ward Sister")
        if any(start <= term < stop and not _JOB_ABROAD_RE.search(text, m.start(), term) for term in terms):
            found += 1
    return found


def relation_named(text: str, terms: Sequence[int]) -> int:
    """A named lay person's health told beside a relative of theirs: after their "'s" and
    a relative of one sex, by a pronoun of the other ("Spoke to Dafydd ap Example's daughter,
    his dementia is getting worse", "dave example's wife rang, he's back on the morphine
    driver"); or their baby's, a newborn known by its mother's name ("Baby of Amina Example
    is on NICU with jaundice", "Amina Example won't be back at work, her baby is on NICU with
    jaundice"). A member of staff's own absence stays theirs (not counted), a baby's care does not."""
    # (looked for before each health term, where the relative or the baby must be: a text's
    # few terms make a few short stretches to read, not the whole text)
    # (each stretch's marks are first found with str.find, far cheaper than a pattern's search)
    read_to = 0
    for term in terms:
        low = max(read_to, term - _RELATION_REACH)
        if text.find("'s ", low, term) >= 0 or text.find("\u2019s ", low, term) >= 0:
            for m in _OWNER_RELATIVE_RE.finditer(text, low, term):
                if _relative_owner_health(text, terms, m):
                    return 1
        low = max(read_to, term - _SENTENCE_REACH)
        if (text.find("aby", low, term) >= 0 or text.find("abies", low, term) >= 0 or text.find("wins", low, term) >= 0
                or text.find("ewborn", low, term) >= 0 or text.find("ABY", low, term) >= 0):
            for baby in _BABY_RE.finditer(text, low, term):
                if _babys_health(text, terms, baby.start(), baby.end()):
                    return 1
        read_to = term
    return 0


# The writer saying whose relative they are: "Hi, this is Mrs Example's daughter", "I'm
# Joan Example's son".
_WRITER_IS_RE = re.compile(r"(?i)\b(?:this is|i am|i'm|i\u2019m|it's|it\u2019s)[ \t]+$")
# ... and then the named person as a relative calls them: "Mum is due her review", "my dad has".
_PARENT_WORD_RE = re.compile(r"(?i)\b(?:(?:my|our)[ \t]+)?(?:mum|mam|mom|mother|dad|father|husband|wife|gran|nan|grandad"
                             r"|grandma|grandpa)\b")
# A relative's given name right after the word: "Keisha Example's son Jayden".
_GIVEN_AFTER_RE = re.compile(r"[ \t,]+([A-Z][a-z'\-]+)\b")


def _relative_owner_health(text: str, terms: Sequence[int], m: Any) -> bool:
    """The name before ``m`` (its "'s" and a relative) is a lay person's, and after the relative,
    in that sentence or the next, a pronoun of the named person's sex (not the relative's) has
    a health term in its clause (_CLAUSE_REACH)."""
    lead_start = max(line_bounds(text, m.start())[0], m.start() - _NAME_REACH)
    window = text[lead_start:m.start()]
    name = _NAME_BEFORE_RE.search(window)
    if (name is None or not _named(window, title_only_ok=True) or _JOB_TITLE_RE.search(window)
            or _GREETED_RE.search(text, lead_start, lead_start + name.start())):
        return False
    theirs = "he" if m.group(1) else "she"  # the named person: of the relative's other sex
    # The writer is the relative ("Hi, this is Mrs Example's daughter. Mum is ..."): "she" and
    # "he" are the named person whatever the sex, and so are "Mum", "my dad"; a relative named
    # after the word ("Keisha Example's son Jayden ... he is using") is one whose health it may be.
    writer = _WRITER_IS_RE.search(text, max(0, lead_start + name.start() - 16), lead_start + name.start()) is not None
    named_relative = _GIVEN_AFTER_RE.match(text, m.end())
    if named_relative is not None and folded(named_relative.group(1)) not in given_names():
        named_relative = None
    stop = _sentences_end(text, m.end(), 2, 2 * _SENTENCE_REACH)
    sentence = _sentence_start(text, m.start(), max(0, m.start() - _SENTENCE_REACH))
    if (_ABSENCE_RE.search(text, sentence, stop) or _PUBLIC_VOICE_RE.search(text, sentence, stop)
            or _NEWS_RE.search(text, sentence, stop) or _FAME_RE.search(text, sentence, stop)
            or _PUBLIC_PIECE_HEAD_RE.search(text, 0, _PUBLIC_HEAD)):
        return False  # a colleague's own absence; a public voice, news, a public figure, a newsletter
    people = list(_SHE_HE_RE.finditer(text, m.end(), stop))
    if writer:
        people = sorted(people + list(_PARENT_WORD_RE.finditer(text, m.end(), stop)), key=lambda p: p.start())
    for p in people:
        if p.re is _SHE_HE_RE and not writer and named_relative is None and (p.group(2) is not None) != (theirs == "he"):
            continue  # the relative's own
        end = min(stop, p.end() + _CLAUSE_REACH)
        clause = _NEXT_CLAUSE_RE.search(text, p.end(), end)
        if clause is not None:
            end = clause.start()

        def of_them(term: int, low: int = p.end()) -> bool:
            return not (_staff_duty(text, term, low) or _work_said_of_term(text, term))

        if _health_between(text, terms, p.end(), end, of_them):
            return True
    return False


def _babys_health(text: str, terms: Sequence[int], start: int, end: int) -> bool:
    """The baby at text[start:end] is one a lay person named is the mother or father of
    ("Baby of Amina Example", "Amina Example's baby", "her baby", the name before), and a
    health term after it in its sentence speaks of health: the baby's."""
    stop = _sentences_end(text, end, 1, _SENTENCE_REACH)
    if not _health_between(text, terms, end, stop) and not any(
            end <= term < stop and _NEONATAL_UNIT_RE.match(text, term) for term in terms):
        return False
    sentence = _sentence_start(text, start, max(0, start - _SENTENCE_REACH))
    if (_PUBLIC_VOICE_RE.search(text, sentence, stop) or _NEWS_RE.search(text, sentence, stop)
            or _FAME_RE.search(text, sentence, stop) or _PUBLIC_PIECE_HEAD_RE.search(text, 0, _PUBLIC_HEAD)):
        return False  # "baby news", "congratulations", a public figure's, a newsletter
    of = _BABY_OF_RE.match(text, start)
    if of is not None:
        name_end = _lead_name_end(text, of.end(), line_bounds(text, of.end())[1])
        return name_end > 0 and not _JOB_TITLE_RE.search(text, of.end(), min(stop, name_end + 40))
    owner = _BABY_OWNER_RE.search(text, max(0, start - 30), start)
    if owner is None:
        return _BABY_SURNAME_RE.match(text, start) is not None
    if owner.group(1) is not None:  # "her baby": the mother named before
        return _antecedent_lay(text, owner.start(1), _PRONOUN_OF[owner.group(1).lower()], end, absence_ok=True)
    lead_start = max(line_bounds(text, owner.start())[0], owner.start() - _NAME_REACH)
    return _named(text[lead_start:owner.start()], title_only_ok=True) and not _JOB_TITLE_RE.search(
        text, lead_start, owner.start())


# A named person the writer saw with what brought them, in a clause after the name: "Siddharth
# Example, who I saw yesterday with a hot swollen knee", "Mrs Example, whom we reviewed in
# clinic with ...", "..., who came in overnight with ..." (not "who I met with my registrar").
_SEEN_WITH_RE = re.compile(
    r"[ \t]*,?[ \t]+who(?:m)?[ \t]+(?:(?:I|we)(?:['\u2019]ve|[ \t]+have|[ \t]+had)?[ \t]+"
    r"(?:saw|seen|reviewed|assessed|examined|admitted|treated|visited|clerked)"
    r"|(?:has[ \t]+|had[ \t]+)?(?:presented|came[ \t]+in|attended|was[ \t]+brought[ \t]+in))\b"
    r"[^.?!\n]{0,60}?[ \t]with[ \t]+(?!(?:my|our|your|his|her|their|the[ \t]+(?:team|registrar|consultant|nurse))\b)"
)
_SEEN_REACH = 420  # characters before a health term in which the clause starts: its sentence and the next, the name


def seen_with(text: str, terms: Sequence[int]) -> int:
    """A lay person named, then a clause that says the writer saw them with what brought them
    (_SEEN_WITH_RE), and a health term that speaks of health in that sentence or the next:
    "Would you be able to see Siddharth Example, who I saw yesterday with a hot swollen knee?
    I'm worried about septic arthritis". Looked for where a "who" follows a name (str.find)."""
    read_to = 0
    for term in terms:  # the clause before a health term, in its sentence or the one before
        at = text.find(" who", max(read_to, term - _SEEN_REACH), term)
        while at >= 0:
            m = _SEEN_WITH_RE.match(text, at - 1 if at and text[at - 1] == "," else at)
            at = text.find(" who", at + 4, term)
            if m is not None and _seen_with_health(text, terms, m):
                return 1
        read_to = term
    return 0


def _seen_with_health(text: str, terms: Sequence[int], m: Any) -> bool:
    """The clause ``m`` (_SEEN_WITH_RE) follows a lay person's name, and a health term that
    speaks of health is said in its sentence or the next (seen_with)."""
    lead_end = m.start()
    lead_start = max(line_bounds(text, lead_end)[0], lead_end - _NAME_REACH)
    window = text[lead_start:lead_end]
    name = _NAME_BEFORE_RE.search(window)
    if (name is None or not _named(window, title_only_ok=True) or _JOB_TITLE_RE.search(window)
            or _GREETED_RE.search(text, lead_start, lead_start + name.start())):
        return False  # "Dear Mrs Example, who ...": the reader
    stop = _sentences_end(text, m.end(), 2, 2 * _SENTENCE_REACH)
    clause = _CLAUSE_END_RE.search(text, m.end(), stop)
    if _ROLE_BETWEEN_RE.search(text, m.end(), clause.start() if clause is not None else stop):
        return False  # "who I saw with the stroke team's registrar": at work
    sentence = _sentence_start(text, lead_end, max(0, lead_end - _SENTENCE_REACH))
    if (_PUBLIC_VOICE_RE.search(text, sentence, stop) or _NEWS_RE.search(text, sentence, stop)
            or _ROLE_LINE_RE.search(text, sentence, stop) or _public_piece(text, sentence)):
        return False  # a public voice, news, a role, a public piece

    def of_them(term: int, low: int = m.end()) -> bool:
        return not (_staff_duty(text, term, low) or _work_said_of_term(text, term))

    return _health_between(text, terms, lead_end, stop, of_them)


# A note's verb of contact and the person named after it: "ring Jack Example tues re PSA 14",
# "chase CT for Mary Example, ?lung ca" (a word of what is chased between, lower case).
_CONTACT_WORDS = ("ring", "call", "phone", "bleep", "chase")
_CONTACT_RE = regex.compile(
    r"(?i:ring|call|phone|bleep|chase)(?:[ \t]+[a-z]{1,10}[ \t]+(?i:for))?[ \t]+"
    r"(?=(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+)?\p{Lu})"
)
# Another patient, whom the person named is asked about: "re the ?PE in bay 4", "a lady in resus".
_ANOTHER_PATIENT_RE = re.compile(r"(?i)\b(?:the|a|another|this|that)[ \t]+(?:\?|(?:pt|patient|lady|gent|man|woman)\b)")


def named_to_act_on(text: str, terms: Sequence[int]) -> int:
    """A lay person a note asks to contact or chase for (_CONTACT_RE), their health said after
    their name in that sentence with a note's words (_NOTE_SIGNAL_RE: a query diagnosis, a
    dose, "bloods"): "chase CT for Mary Example, ?lung ca". Not a colleague asked to see
    another patient ("ring Jane Example re the ?PE in bay 4"), nor one named with their job.
    A note's first _LOWER_REACH characters are read, where a quick mail types it."""
    top = text[:_LOWER_REACH]
    low = top.lower()
    if len(low) != len(top):
        low = top  # a text whose lower case is longer ("İ"): the places kept, capitalised verbs unread
    for word in _CONTACT_WORDS:  # found with str.find, then the pattern tried where the word is
        at = low.find(word)
        while at >= 0:
            m = None if at and low[at - 1].isalnum() else _CONTACT_RE.match(text, at)
            at = low.find(word, at + 1)
            if m is not None and _acted_on(text, terms, m):
                return 1
    return 0


def _acted_on(text: str, terms: Sequence[int], m: Any) -> bool:
    """The person named after a verb of contact (``m``: its match) is a lay one, their health
    said after them in the sentence (named_to_act_on)."""
    line_end = line_bounds(text, m.end())[1]
    name_end = _lead_name_end(text, m.end(), line_end)
    if name_end < 0:
        return False
    stop = _sentences_end(text, name_end, 1, _SENTENCE_REACH)
    return bool(_NOTE_SIGNAL_RE.search(text, name_end, stop) and _health_between(text, terms, name_end, stop)
                and not _AT_WORK_RE.search(text, name_end, stop) and not _JOB_TITLE_RE.search(text, m.start(), stop)
                and not _ANOTHER_PATIENT_RE.search(text, name_end, stop))


def _care_said_after(text: str, terms: Sequence[int], lead_start: int, after: int) -> bool:
    """After a verb of care (_CARE_VERBS), a health term in its sentence, or in the next after
    "he" or "she", that speaks of health; a rota's absence or a public voice makes it no
    patient's ("was seen by the panel for his promotion", "has attended the sepsis training")."""
    first = _sentences_end(text, after, 1, _SENTENCE_REACH)
    end = _sentences_end(text, after, 2, 2 * _SENTENCE_REACH)
    clause = _CLAUSE_END_RE.search(text, after, first)
    if _NOT_CARE_OBJECT_RE.search(text, after, clause.start() if clause is not None else first):
        return False  # "was reviewed by the appraisal panel", "has attended ... as an observer"
    start = _SENTENCE_START_RE.match(text, first)
    did = first < end and start is not None and _DID_RE.match(text, start.end()) is not None

    def of_them(term: int) -> bool:
        if term < first:
            return True
        if did:
            return False  # "She presented her re-audit of sepsis six": what the person did
        start = max(first, text.rfind("\n", 0, term))
        return _THIRD_PERSON_RE.search(text, start, term) is not None

    if not _health_between(text, terms, after, end, of_them):
        return False
    return _ABSENCE_RE.search(text, lead_start, end) is None and _PUBLIC_VOICE_RE.search(text, lead_start, end) is None


def _first_term_of_person(text: str, terms: Sequence[int], a: int, b: int, services: bool = False) -> bool:
    """The first health term in text[a:b] is what a named person has or had (the verb ties
    it to them): not a team's, a place's or a topic's name, and not said in a public voice
    (that sentence or the next: a trustee, a governor, an author, a speaker, a fundraiser).
    Words of work elsewhere in the sentence are the patient's care ("a retired miner",
    "a course of prednisolone", "the Respiratory Team will review him")."""
    i = bisect.bisect_left(terms, a)
    if i == len(terms) or terms[i] >= b:
        return False
    term = terms[i]
    # a service's name says what its patient is treated for ("known to the Community Mental
    # Health Team"); elsewhere a team's or a place's name is where someone works
    if not services and not _about_health(text, term, roles=False):
        return False
    if services and _AS_A_ROLE_RE.search(text, a, term):
        return False  # "known to the team as a great mentor: ... our diabetes ward"
    sentence = _sentences_end(text, term, 1, 300)
    if _ABSENCE_RE.search(text, max(text.rfind("\n", 0, a) + 1, a - _NAME_REACH), sentence):
        return False  # "... tested positive for COVID so won't be in for his nights": a rota's business
    return _PUBLIC_VOICE_RE.search(text, term, _sentences_end(text, term, 2, 400)) is None


# Absence from work: a colleague's illness told to cover a rota or a visit, not a patient's care.
_ABSENCE_RE = re.compile(
    r"(?i)\b(?:won['\u2019]?t be (?:in|at work|working)|not be in|won['\u2019]?t make|can['\u2019]?t make|off sick"
    r"|off work|off until|back at work|back to work|return to work|fit note"
    r"|(?:his|her|their) (?:shifts?|nights|lates|earlies|visit)|cover (?:for|his|her|their)|rota"
    r"|(?:maternity|paternity|adoption|parental|sick|annual) leave)\b"
)
_AS_A_ROLE_RE = re.compile(r"(?i)\bas an? \w+|:")
# What "won't make" or "can't make" misses, when it is care: "won't make dialysis transport on
# Friday", "can't make her appointment" (a patient's, not a colleague's shift).
_MISSED_CARE_RE = re.compile(
    r"[ \t]+(?:(?:his|her|their|the|today['\u2019]s|tomorrow['\u2019]s|this week['\u2019]s)[ \t]+)?"
    r"(?:(?:clinic|hospital|outpatient|OPD)[ \t]+)?(?P<appt>appointments?|appts?\b)?", re.I)


_APPOINTMENT_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+)?[ \t]+(?:appointments?|appts?|referrals?|transport)\b")


def _away_from_work(text: str, start: int, end: int, terms: Sequence[int]) -> bool:
    """A member of staff's absence from work is said in text[start:end] (_ABSENCE_RE): not a
    patient's missed care, what "won't make" or "can't make" misses being a health term that
    speaks of health (no duty of staff's) or an appointment."""
    for m in _ABSENCE_RE.finditer(text, start, end):
        if not m.group().lower().endswith("make"):
            return True
        care = _MISSED_CARE_RE.match(text, m.end())
        if care is None:
            return True
        if care.group("appt"):
            continue
        i = bisect.bisect_left(terms, care.end())
        if not (i < len(terms) and terms[i] == care.end() and _about_health(text, terms[i], roles=False)
                and not _staff_duty(text, terms[i], m.end())):
            return True
        line_end = line_bounds(text, terms[i])[1]
        if _PLACE_AFTER_TERM_RE.match(text, terms[i], line_end) and not _APPOINTMENT_AFTER_TERM_RE.match(
                text, terms[i], line_end):
            return True  # "won't make the diabetes clinic": a clinic of theirs to run ("his dialysis appointment" is care)
    return False


# Between "has" and a health term, the thing the person has instead: "a passion for dementia
# care", "an interest in diabetes", "experience of stroke rehabilitation".
_NOT_HAD_RE = re.compile(
    r"(?i)\b(?:passion|interest|experience|background|expertise|qualification|degree|diploma|role|job|post"
    r"|responsibility|place|meeting|talk|session|list|clinic|training|course|special|skills?)\b"
)
# Words of a person's public role or voice: a line or a sentence with one is not about their health.
# (not speech a condition has taken: "he can no longer speak", "unable to speak")
_SPEECH_LOST = r"(?<!no longer )(?<!unable to )(?<!cannot )(?<!can't )(?<!can\u2019t )(?<!difficulty )(?<!stopped )(?<!not )"
_PUBLIC_VOICE_WORDS = (
    r"trustee|ambassador|patron|campaigner|advocate|blogger|presenter|governor|author|writes|wrote"
    rf"|{_SPEECH_LOST}(?:speaks|speak|speaking)|helped write|patient partner"
)
# A person speaking of their own condition in public, or raising money with it.
_PUBLIC_VOICE_RE = re.compile(
    r"(?i)\b(?:" + _PUBLIC_VOICE_WORDS + r"|speaker|talks|fundrais\w*|raising|sponsor\w*|marathon"
    r"|in aid of|in memory of|interview\w*|the press|press release|story|stories"
    # what they told the media: "told the Echo", "told BBC Radio Wales", "told reporters"
    r"|(?:told|telling|tells)[ \t]+(?:the[ \t]+)?(?:reporters?|journalists?|media|bbc|itv|channel[ \t]+\w+|sky|radio"
    r"|(?:local[ \t]+)?(?:paper|newspaper)|echo|(?:\w+[ \t]+)?(?:echo|news|post|times|mail|gazette|herald|chronicle"
    r"|telegraph|standard|mirror|express|advertiser|argus|star|journal))"
    r"|said in a statement"
    # a public figure's renown beside their name: "Ray Example, a giant of hard science
    # fiction, has died at 70 of ...", "the award-winning novelist"
    r"|(?:a|an|the)[ \t]+(?:giant|legend|pioneer|icon|doyen|titan|luminary|grandee)[ \t]+of"
    r"|best[ \t]+known[ \t]+for|renowned|acclaimed|award-winning|legendary|novelist|poet|playwright|songwriter"
    r"|composer|broadcaster|comedian|astronaut|science[ \t]+fiction|sci-fi)\b"
)


# A member of staff's grade or registration written after their name: a nurse's (RGN, RMN,
# HCA, "Band 5") or a doctor's training grade (FY1, ST3, SpR).
_STAFF_GRADE_RE = re.compile(
    r"[A-Z][a-z'\-]+,?[ \t]+(?:RGN|RMN|RNLD|RNMH|RSCN|RNA|HCA|HCSW|ODP|OT|SLT|ANP|ACP|TNA|Physio|FY[12]|CT[1-3]"
    r"|ST[1-8]|SpR|SHO|Band[ \t]?[2-9][abc]?|Staff Nurse)\b"
)  # right after the name ("Wei Khan RGN", "Omar Example, OT"), not "needs 1:1 HCA"
# Years on a ward: a member of staff's service, a patient lies there for days or weeks.
_YEARS_THERE_RE = re.compile(r"(?i)[ \t,]*for[ \t]+(?:over[ \t]+|more than[ \t]+|nearly[ \t]+)?[0-9]{1,2}[ \t]+years\b")
# A ward's specialty in brackets after its name or number: "Ward 14 (Stroke)", "ITU (Cardiac)".
_WARD_SPECIALTY_RE = re.compile(r"[ \t]*\((?:[A-Z][A-Za-z&/\-]*[ \t]?){1,3}\)")  # its name's words: "(Elderly Care)"


def _named_at_bed(text: str, place: int, after: int, terms: Sequence[int]) -> bool:
    """A person's name right before where they lie in hospital (text[place:after], "Ward
    12", "bed 2"), and a health term after it in the same sentence: a patient's."""
    named_ward = _WARD_SPECIALTY_RE.match(text, after)
    if named_ward is not None:
        after = named_ward.end()  # "Ward 7 (Oncology)": the ward's specialty, not what is wrong with them
    if _YEARS_THERE_RE.match(text, after):
        return False  # "Fiona Example, 52, on Ward 9 for 25 years": a member of staff's service there
    i = bisect.bisect_left(terms, after)
    first_end = _sentences_end(text, after, 1, _BED_REACH)
    if i == len(terms) or terms[i] >= first_end and not _said_after_placed(text, terms[i], after):
        return False
    line_start = text.rfind("\n", 0, place) + 1
    window = text[max(line_start, place - _NAME_REACH):place]
    link = _TO_BED_RE.search(window)
    if link is not None:
        window = window[:link.start()]
    if _STAFF_GRADE_RE.search(window):
        return False  # "Wei Khan RGN ITU": a nurse's shift on a ward, not a patient's bed
    if _ROOM_RE.match(text, place):  # a care home's room, or a clinic's or a meeting's
        verb = _ROOM_VERB_RE.match(text, after)
        if verb is None and not _ROOM_SERVICE_RE.search(text, after, line_bounds(text, after)[1]):
            verb = _ROOM_NOTE_RE.match(text, after)
        return (verb is not None and terms[i] <= verb.end() and _about_health(text, terms[i])
                and (_LAY_TITLE_END_RE.search(window) is not None or _given_name_at_bed(text, window, place, after))
                and not _under_header(text, place))
    return (_named(window, title_only_ok=True) or _given_name_at_bed(text, window, place, after)) and _first_term_about_health(
        text, terms, after, max(first_end, terms[i] + 1)) and not _under_header(text, place)


# Where a patient lies, as its own sentence, its words after the bed no more than the ward's
# name ("an update about Mr Example (Bed 12, Ward Glaslyn).", "Mrs Example, bed 4 on Ward 7."):
# what is wrong is said in the next sentence ("The X-ray shows pneumonia"), unless it speaks of
# another place or person first.
_PLACED_TAIL_RE = re.compile(
    r"[ \t\n]*(?:[,;][ \t\n]*)?(?:(?:on|in|ar|yn)[ \t\n]+)?(?:(?i:ward|uned|unit)[ \t\n]+[\w'\u2019\-]+"
    r"(?:[ \t\n]+[\w'\u2019\-]+)?)?[ \t\n]*\)?[ \t\n]*"
)
_OTHER_TITLE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Nurse|Sister)\b")
_OTHER_PLACED_RE = re.compile(r"(?i:\b(?:bed|bay|side room|cubicle|n?gwely|room|rm|y?stafell)\b)|" + _OTHER_TITLE_RE.pattern)


def _said_after_placed(text: str, term: int, after: int) -> bool:
    """The sentence of a place that ends at ``after`` says only where a person lies (see above;
    a letter's hard wrap may split it), and the health term at ``term`` is in the sentence after it."""
    first_end = _wrapped_sentences_end(text, after, 1, _BED_REACH)
    tail = _PLACED_TAIL_RE.match(text, after, first_end)
    if tail is None or tail.end() != first_end:
        return False
    nxt = first_end + 1
    while nxt < len(text) and text[nxt] in " \t\r\n":
        nxt += 1
    if term < nxt or text.count("\n", first_end, nxt) > 2:
        return False
    return term < _sentences_end(text, nxt, 1, _SENTENCE_REACH) and _OTHER_PLACED_RE.search(text, nxt, term) is None


# A bed's, a side room's or a bay's number, one patient's place: a given name tied to it names them.
# (In Welsh, a bed is "gwely", "yng ngwely 12" after "in"; a room "ystafell"; a ward "ward".)
_ONE_PLACE_RE = re.compile(r"(?i)(?:bed|side room|cubicle|bay|room|rm|n?gwely|y?stafell)[ \t]*[0-9]{1,3}[A-Za-z]?")
# A room's number ("in room 3", "rm 9"): a care home resident's by a lay title and family name
# or a given name alone ("Mrs Example in room 4", "Stan in room 3 has had a TIA"), no one
# else's (a full name in a room is as often a clinic's or a meeting's).
_ROOM_RE = re.compile(r"(?i)r(?:oo)?m\b|y?stafell\b")
# ... and what they have or had right after it, the health term its object: "has had a TIA",
# "has a grade 3 pressure sore" (not "has the flu vaccines", "is running the asthma reviews").
_ROOM_VERB_RE = re.compile(
    r"(?i)[ \t,)]*(?:has had|had|has got|has|has been|was|is now|is)[ \t]+"
    r"(?:(?:a|an|another|new|bad|grade[ \t]?[0-9]|suspected|possible|query|\?)[ \t]*)*")
# ... or a note's separator right after it, what is wrong with them first: a handover's line
# ("Mrs Example rm 6: sats 88% on air", "Stan rm 3 - new cough, ?chest infection").
_ROOM_NOTE_RE = re.compile(
    r"(?i)[ \t)]*[:\-\u2013\u2014][ \t]*(?:(?:new|bad|grade[ \t]?[0-9]|suspected|possible|query|\?)[ \t]*)*")
# ... not a room's rota, what a member of staff runs there ("Jane rm 2: asthma reviews", "Tom rm 5 - flu jabs").
_ROOM_SERVICE_RE = re.compile(
    r"(?i)\b(?:reviews|clinics?|jabs|vaccines|vaccinations|immunisations|lists?|sessions?|smears|checks|screening"
    r"|training|audits?|bookings|slots|appointments|injections|teaching|meeting|if anyone)\b"
)
_LAY_TITLE_END_RE = regex.compile(r"(?<![\p{L}'\-])(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+\p{Lu}[\p{L}'\-]+[ \t,(]*(?:(?i:in|on)[ \t]+)?$")


def _given_name_at_bed(text: str, window: str, place: int, after: int) -> bool:
    """``window`` (the words before the place at text[place:after]) ends with a given name
    alone, no capitalised word before it (_GIVEN_NAME_END_RE), tied right to a bed's, a side
    room's or a bay's number: "Doris in bed 12 on Ward 7 had a fall", "Ahmed (side room 3)";
    anyone on that ward knows whom it means. Not a greeting's ("Hi Doris, bed 12 ...") nor a
    member of staff's (a title or a grade before it)."""
    m = _GIVEN_NAME_END_RE.search(window)
    if m is None or not _ONE_PLACE_RE.fullmatch(text, place, after) or folded(m.group(1)) not in given_names():
        return False
    before = window[:m.start()]
    lead = [w.lower().strip("(:,>.-") for w in before.split()[-1:] if not w.endswith(":")]  # (a speaker's label)
    return not (_not_a_patient(lead) or _GREETING_BEFORE_RE.search(before) or _STAFF_GRADE_RE.search(window))


def _named_row(text: str, start: int, terms: Sequence[int]) -> bool:
    """A person's name at ``start`` (after a row's time, bed or number), then an age or a
    separator, and a health term on the rest of the row."""
    line_end = line_bounds(text, start)[1]
    m = _PERSON_AFTER_RE.match(text, start, line_end)
    if m is None:
        return False
    if m.group("name").isupper() or not person_at(text, start, line_end):
        # a resident by their room and given name, as a care home writes them ("Room 12,
        # Doris - stop alendronic acid", "Rm 2 Ethel - end of life"), or a patient by their
        # bed and family name alone, as a ward's handover does ("Bed 12 Kowalczyk - ?CVA, NBM")
        given = None if m.group("name").isupper() else _GIVEN_AFTER_ROOM_RE.match(text, start, line_end)
        if given is None or folded(given.group("name")) not in given_names():
            given = _surname_after_bed(text, terms, start, line_end)
        if given is None or not _ONE_BED_RE.search(text, text.rfind("\n", 0, start) + 1, start):
            return False
        if folded(given.group("name")) in given_names() and _ROOM_SERVICE_RE.search(text, given.end(), line_end):
            return False  # "Rm 2 Jane: asthma reviews all day": a room's rota, what staff run there
        m = given
    rest = _AFTER_ROW_NAME_RE.match(text, m.end(), line_end)
    row_start = text.rfind("\n", 0, start) + 1
    if rest is None and (m.group("title") and _BED_MARK_RE.search(text, row_start, start)
                         or _ONE_BED_RE.search(text, row_start, start)):
        # "Ward 7 bed 12 Mr Peter Example - NOF fracture"; a bed holds one patient, where a
        # bay is staff's to allocate: "Bed 3 Jan Example - alcohol withdrawal"
        rest = _ROW_SEPARATOR_RE.match(text, m.end(), line_end)
    if rest is None or _STAFF_ROW_RE.search(text, rest.end(), line_end) or _under_team(text, start):
        return False
    # what is wrong with them comes first ("- fractured NOF"), not a later clause's ("- carer
    # for her late husband (dementia)")
    return _first_term_about_health(text, terms, rest.end(), min(line_end, rest.end() + _HAVING_REACH)) and not (
        _under_header(text, start))


_GIVEN_AFTER_ROOM_RE = regex.compile(r"(?P<title>)(?P<name>\p{Lu}\p{Ll}+)(?=[ \t]*[\-\u2013\u2014:,])")
# ... a family name alone after a bed's number, a separator after it ("Bed 14 Evans - DNACPR",
# "Bed 2 O'CONNELL: AF"); not a word a board writes in a bed's place or of its state.
_SURNAME_AFTER_BED_RE = regex.compile(rf"(?P<title>)(?P<name>{_NAME_TOKEN})(?=[ \t]*[\-\u2013\u2014:,|])")
_BED_WORDS = frozenset(
    "patient pt pts gent gentleman lady man woman boy girl baby new admission admissions query transfer isolation "
    "clean dirty free available reserved booked cleaning ready status notes plan update handover allocated nurse "
    "staff hca cns dr doctor consultant team reg sho fy1 fy2 nil nothing same stable unwell sick well home dc tci "
    "day night am pm mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday".split()
)


def _surname_after_bed(text: str, terms: Sequence[int], start: int, line_end: int) -> Any:
    """A family name alone at ``start`` (after a row's bed), no word of a ward's board
    (_NOT_SURNAMES, _BED_WORDS) nor a health term: its match, or None."""
    m = _SURNAME_AFTER_BED_RE.match(text, start, line_end)
    if m is None or len(m.group("name")) < 3:
        return None
    word = folded(m.group("name"))
    if word in _NOT_SURNAMES or word in _BED_WORDS or word in _LEAD_TITLES:
        return None
    i = bisect.bisect_left(terms, start)
    return None if i < len(terms) and terms[i] < m.end() else m


# A row's mark that says where its patient lies: a bed, a bay, a side room.
_BED_MARK_RE = re.compile(r"(?i)\b(?:bed|bay|side room|cubicle|n?gwely)[ \t]*[0-9]")
# One patient's place: a bed, a side room, a care home's room.
_ONE_BED_RE = re.compile(r"(?i)\b(?:bed|side room|cubicle|room|rm|n?gwely|y?stafell)[ \t]*[0-9]{1,3}[A-Za-z]?\b")
_ROW_SEPARATOR_RE = re.compile(r"[ \t]*[,\-\u2013\u2014:|][ \t]*")
# A row of a team's list: its member's role ("- lung cancer nurse specialist", "- Macmillan CNS").
_STAFF_ROW_RE = re.compile(
    r"(?i)\b(?:nurse specialist|specialist nurse|cns|clinical nurse|lead|manager|co-?ordinator|matron|secretary"
    r"|clerk|registrar|consultant|team|volunteer|trustee|chair)\b"
)
# A list's introduction that names a team ("Patient Experience team for the cancer day:").
_TEAM_INTRO_RE = re.compile(r"(?i)\bteam\b[^\n]*:[ \t]*$|\bteam[ \t]*$")


def _under_team(text: str, start: int) -> bool:
    """The row at ``start`` is one of a list (up to a blank line above it) introduced as a team."""
    line_start = text.rfind("\n", 0, start) + 1
    for _ in range(_LISTED_ROWS):
        if line_start == 0:
            return False
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start:line_start - 1]
        if not prev.strip():
            return False
        if _TEAM_INTRO_RE.search(prev) or _PATIENT_TEAM_RE.search(prev):
            return True
        line_start = prev_start
    return False


# After a row's name: its age ("67", "(91)", "82F", "- 74y -"), as a board or a clinic list
# writes a patient (a staff list's or a programme's rows have none), then what is wrong;
# not a figure of something else ("30 min slots", "4 referrals").
_AFTER_ROW_NAME_RE = re.compile(
    r"[ \t]*[,\-\u2013\u2014:|]?[ \t]*\(?[ \t]?[0-9]{1,3}[ \t]?(?:y|yo|y/o|yrs|[MF])?\)?(?![ \t]*(?:min|mins|minutes|hrs|hours"
    r"|days|weeks|slots?|pts|patients|referrals|cases|%|\.[0-9]|[0-9:]))[ \t,\-\u2013]+",
    re.I,
)


# Between a name and its ward or bed: an age, "on", "in" ("Mr George Example, 74, bed 2").
_TO_BED_RE = re.compile(r"(?:,[ \t]*[0-9]{1,3}[ \t]*(?:y|yo|yrs|[MF])?)?[ \t,]*\(?(?:(?:on|in)[ \t]+)?$", re.I)
_BED_REACH = 100  # characters after the ward or bed in which the health term starts


_ACTIVE_OK = ("tested positive for", "started on")  # "has tested positive for": still had, not done
_HAVING = frozenset(("has had", "has got", "have got", "got", "has", "had", "suffers from", "suffers with", "is suffering from", "is suffering with",
                     "lives with", "is living with", "is on", "is now on", "is still on", "is also on", "was on",
                     "was still on", "was also on", "is", "was"))
# After "has": a past participle makes it what the person did ("has shared", "has registered
# for", "has lived with ... and now speaks"), not what they have.
_DONE_AFTER_HAS_RE = re.compile(r"[ \t]*(?:[a-z]+ed|done|given|written|spoken|taken|made|sent|seen|run|won|been)\b")
_HAVING_REACH = 25  # characters after "has" in which its object, the health term, starts ("has a grade 3 ...")
_VERB_OBJECT_REACH = 60  # characters after the verb in which its health term starts


# Words after a name before its verb: "in Year 4", "(Year 4)", ", our patient,".
_NAME_TAIL_RE = re.compile(r"[ \t]*(?:(?:,[^,]{0,40}){1,2},|\([^)]{0,40}\)|in (?:year|class|reception|bed|bay|room) \w+)?"
                           r"(?:[ \t]*,?[ \t]*who)?[ \t]*$",
                           re.I)


def _patients_listed(text: str, start: int, colon: int) -> list[int]:
    """Where the rows start that start with a person's name under a line that introduces
    them as patients ("Patients for discussion:" then "1. Mr Peter Example (71) - nodule"),
    up to a blank line after them; none under a team's name ("Patient Experience team:")."""
    found: list[int] = []
    if _PATIENT_TEAM_RE.search(text, start, colon):
        return found
    pos = text.find("\n", colon)
    rows = 0
    while 0 <= pos < len(text) and rows < _LISTED_ROWS:
        line_start = pos + 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        pos = line_end if line_end < len(text) else -1
        if not text[line_start:line_end].strip():
            if rows:
                break
            continue
        rows += 1
        mark = _LIST_MARK_RE.match(text, line_start, line_end)
        if person_at(text, mark.end() if mark else line_start, line_end):
            found.append(line_start)
    return found


# The separators between the names of a list written on its line: "Mrs A (rm 2), Mr B and Mrs C".
_INLINE_NEXT_RE = re.compile(r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?(?:,|;|&|\band\b)?[ \t]*(?:and[ \t]+)?")
_INLINE_TITLE_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]")


def _patients_inline(text: str, start: int, colon: int) -> list[int]:
    """Where the titled names start that follow, on its line, the colon of a line that
    introduces them as patients ("Three residents with D&V today: Mrs Example (rm 2), Mr
    Sample (rm 5) and Mrs Lowe (rm 11)."), each one after the one before, separated by a
    comma, "and" or "&"; none under a team's name."""
    found: list[int] = []
    if _PATIENT_TEAM_RE.search(text, start, colon):
        return found
    line_end = line_bounds(text, colon)[1]
    pos = colon
    while pos < line_end and len(found) < _LISTED_ROWS:
        gap = _INLINE_NEXT_RE.match(text, pos, line_end)
        pos = gap.end() if gap is not None else pos
        if not _INLINE_TITLE_RE.match(text, pos, line_end) or not _lay_person_at(text, pos):
            break
        person = _PERSON_AFTER_RE.match(text, pos, line_end)
        if person is None:
            break
        found.append(pos)
        pos = person.end()
    return found


_ROW_REACH = 300  # characters of a long line read either side of a name's age for their health


def _age_after_name(text: str, start: int, terms: Sequence[int]) -> bool:
    """An age starts at ``start``, right after a person's name, and the row says something
    of their health ("Peter Example 74M - chest pain, NSTEMI"): a record's line. A race's
    result, a long-service list, a raffle's whisky or a nativity cast are rows too, with no
    health in them ("Mark Example 52M 39:55", "Brenda Example 50 yrs - ward clerk")."""
    if text[start].isdigit() and _AGE_FIGURE_RE.match(text, start) is None:
        # the hint's separator took the comma before a bare age ("Mr Alan Example, 79 - CAP")
        comma = start
        while comma > 0 and text[comma - 1] in " \t":
            comma -= 1
        start = comma - 1 if comma > 0 and text[comma - 1] == "," else start
    line_start, line_end = line_bounds(text, start)
    window_start = max(line_start, start - 80)
    m = _AGE_FIGURE_RE.match(text, start)
    block_end = -1
    if m is None:
        m = (_BARE_AGE_RE.match(text, start) or _COMMA_AGE_RE.match(text, start) or _AGED_RE.match(text, start)
             or _DASH_AGE_RE.match(text, start))
        comma = text.rfind(",", start - 2, start + 1) if text[start] != "(" else -1
        if m is None or not 0 < int(m.group(1)) <= 110:
            return False
        if m.re is _DASH_AGE_RE and not _finding_after_age(text, terms, m.end(), line_end):
            return False
        block_end = _heading_block_end(text, terms, line_start, line_end, start, m.end())
        if block_end < 0 and _TITLED_NAME_END_RE.search(text, window_start, comma if comma >= 0 else start) is None:
            # An untitled name and an age in prose ("Margaret Example, 84, was found on the
            # floor ...", "we saw Daniel Example aged 42 today with a first seizure") is a
            # clinical note's only when what the sentence says next is about their health and
            # speaks of their care (_CARE_CUE_RE: a story, an obituary or a job's shortlist
            # does not), and it is no fundraiser's or retirement's story (_NEWS_RE).
            # where they lie, as its own sentence: what is wrong is said in the next ("Eileen
            # Example, 88, on Ward 24 bed 6. Hip X-ray confirmed fractured NOF")
            # ... or what was done for them first ("Colin Example, 66, seen in fracture clinic today.
            # CT confirms tibial plateau fracture")
            placed = (_PLACE_AFTER_AGE_RE.match(text, m.end()) or _SEEN_AFTER_AGE_RE.match(text, m.end())) is not None
            sentence_end = _sentences_end(text, m.end(), 2 if placed else 1, (2 if placed else 1) * _SENTENCE_REACH)
            around = max(0, start - 300), min(len(text), sentence_end + 300)
            # ... or what is wrong said at once after the age, a note's shorthand with no verb
            # ("Ravi Example, 58, inferior STEMI, PCI to RCA"), or in the lines below a line
            # that introduces their care ("the care plan for Ella Example (9), Year 4:")
            shorthand = _finding_after_age(text, terms, m.end(), line_end) or _introduces_care_below(
                text, terms, m.end(), line_start, line_end)
            if (not shorthand and (m.re is _BARE_AGE_RE or not _health_between(text, terms, m.end(), sentence_end)
                                   or not _CARE_CUE_RE.search(
                                       text, window_start, _sentences_end(text, m.end(), 2, 2 * _SENTENCE_REACH)))
                    or _NEWS_RE.search(text, *around) or _STORY_RE.search(text, *around)):
                return False
    if _NOT_AGE_AFTER_RE.match(text, m.end()):
        return False
    if block_end < 0 and m.re is _AGE_FIGURE_RE:  # "Mr Harold Example 67M" heading its lines
        block_end = _heading_block_end(text, terms, line_start, line_end, start, m.end())
    # the row read around the name: its line, no more than _ROW_REACH either side on a long one
    # (a paragraph written as one line); or the lines below that the row heads
    row_low, row_high = max(line_start, start - _ROW_REACH), min(line_end, m.end() + _ROW_REACH)
    if block_end < 0:
        block_end = _below_intro(text, line_start, line_end)
        if block_end == line_end and not _health_between(text, terms, row_low, row_high):
            block_end = max(line_end, _note_led_by_titled_name(text, line_start, line_end, start))
    high = row_high if block_end == line_end else block_end
    if not _health_after_former_work(text, terms, m.end(), high) and not _health_between(text, terms, row_low, high):
        return False
    return _named(text[window_start:start], title_only_ok=True) and not _under_header(text, start)


# After a name's age, the work they did as its own clause: "90, retired midwife,", "71, a former
# miner,", "(79), ex-postman,".
_FORMER_WORK_AFTER_AGE_RE = re.compile(
    r"\)?[ \t]*(?:an?[ \t]+)?(?:(?:retired|former|ex)[ \t]+|ex-[ \t]*)(?:[A-Za-z][\w'\-]*[ \t]+){0,3}?[A-Za-z][\w'\-]*[ \t]*,", re.I)
_FORMER_WORK_REACH = 300  # characters around read for a story's or a retirement's words
# What a person has, right before a health term: "has advanced dementia", "was admitted with a",
# "is living with" (not "has joined the diabetes panel", "helps out at the dementia cafe").
_HAS_ILLNESS_BEFORE_RE = re.compile(
    r"(?i)\b(?:has|had|with|suffers[ \t]+from|diagnosed[ \t]+with|living[ \t]+with)[ \t]+"
    r"(?:(?:a|an|advanced|severe|early|late|mild|moderate|known|new|worsening|progressive|end[- ]stage|terminal"
    r"|metastatic|chronic|acute|long[- ]standing|recently[ \t]+diagnosed)[ \t]+){0,3}$"
)


def _health_after_former_work(text: str, terms: Sequence[int], after: int, end: int) -> bool:
    """The age that ends at ``after`` is followed by the work its person did before they
    retired (_FORMER_WORK_AFTER_AGE_RE) and text[:end] then says something of their health:
    a patient's past job is no member of staff's role ("Mrs Edna Example, 90, former midwife, has
    advanced dementia"). Not a story's, an obituary's or a retirement's lines."""
    work = _FORMER_WORK_AFTER_AGE_RE.match(text, after)
    if work is None:
        return False
    stop = min(end, _sentences_end(text, work.end(), 1, _SENTENCE_REACH))
    if _ROLE_LINE_RE.search(text, work.end(), stop) or _STAFF_TOPIC_RE.search(text, work.end(), stop):
        return False  # "..., retired GP, will give a talk on dementia care"
    i = bisect.bisect_left(terms, work.end())
    while i < len(terms) and terms[i] < stop and not (
            _HAS_ILLNESS_BEFORE_RE.search(text, work.end(), terms[i]) and _story_term(text, terms, terms[i], terms[i] + 1)):
        i += 1
    if i == len(terms) or terms[i] >= stop:
        return False
    low, high = max(0, after - _FORMER_WORK_REACH), min(len(text), end + _FORMER_WORK_REACH)
    return not (_STORY_RE.search(text, low, high) or _NEWS_RE.search(text, low, work.start())
                or _NEWS_RE.search(text, work.end(), high))


_INTRO_NOTE_LINES = 8  # lines of the paragraph after a person's introduction read for their care


def _note_led_by_titled_name(text: str, line_start: int, line_end: int, start: int) -> int:
    """Where a note about one person ends that opens its paragraph with their title, name and
    age ("Mrs Parisa EXAMPLE, 46, lives with her husband in Otley. ..."), their care in the next
    paragraph ("Right total knee replacement 28/10. Discharged from physio today ..."): the
    end of that paragraph (to a blank line, at most _INTRO_NOTE_LINES lines), with a word of care in
    it; -1 when the line is no such opening: a clinician's or a member of staff's, a story's,
    another person named in the next paragraph, a team's list above."""
    if not _opens_paragraph(text, line_start):
        return -1
    lead = _LINE_LEAD_RE.match(text, line_start, start)
    pos = lead.end() if lead else line_start
    name_end = _lead_name_end(text, pos, start)
    if name_end < 0 or text[name_end:start].strip(" \t,") or _TITLED_NAME_END_RE.search(text, pos, name_end) is None:
        return -1
    blank = _BLANK_LINE_RE.search(text, line_end, min(len(text), line_end + _AFTER_LIST))
    if blank is None:
        return -1
    below = blank.end()
    end = below
    nxt: int | None = below
    for _ in range(_INTRO_NOTE_LINES):
        if nxt is None or nxt >= len(text):
            break
        end = line_bounds(text, nxt)[1]
        nxt = next_line_start(text, end, skip_blank=0)
    if (not _CARE_CUE_RE.search(text, below, end) or _OTHER_TITLE_RE.search(text, below, end)
            or _JOB_TITLE_RE.search(text, line_start, end) or _STAFF_PAGE_RE.search(text, line_start, end)
            or _CV_SECTION_RE.search(text, line_start, end) or _STAFF_RECORD_RE.search(text, line_start, end)
            or _STORY_RE.search(text, line_start, end) or _NEWS_RE.search(text, line_start, end)
            or _under_team(text, line_start)):
        return -1
    return end


# A greeting alone on its line ("Hi Ben,", "Dear Sue", "Morning all,"): what follows it opens the
# letter's first paragraph as a line after a blank one does.
_GREETING_LINE_RE = re.compile(
    r"[ \t>]*(?:Dear|Hi|Hello|Hiya|Hey|Morning|Good[ \t]+(?:morning|afternoon|evening))\b[^,\n:;.!?]{0,40}[,!]?[ \t\r]*\n")


def _opens_paragraph(text: str, line_start: int) -> bool:
    """The line at ``line_start`` opens a paragraph: the text's first line, one after a blank
    line, or one right under a greeting alone on its line that is itself so placed."""
    for greeting in (False, True):
        i = line_start - 1  # (the newline before the line)
        while i > 0 and text[i - 1] in " \t\r":
            i -= 1
        if i <= 0 or text[i - 1] == "\n":
            return True
        if greeting:
            return False
        above = text.rfind("\n", 0, i) + 1
        if not _GREETING_LINE_RE.match(text, above, line_start):
            return False
        line_start = above
    return False


_HEADING_LINES = 6  # lines under a person's heading read for their care


def _heading_block_end(text: str, terms: Sequence[int], line_start: int, line_end: int, start: int, after: int) -> int:
    """Where the lines under a heading that names one lay person and their age end ("Mrs
    Joan Example, 78", "Case 2: Mr Harold Example, 67" on a slide, conditions as bullets
    below): to a blank line, at most _HEADING_LINES. -1 when the line at text[line_start:
    line_end] (the age at text[start:after]) is no such heading: more on it than its lead,
    the name and the age; a clinician's name; a story's or a member of staff's lines below."""
    if text[after:line_end].strip() or after >= len(text) - 1:
        return -1
    lead = _LINE_LEAD_RE.match(text, line_start, start)
    pos = lead.end() if lead else line_start
    name_end = _lead_name_end(text, pos, start)
    if name_end < 0 or text[name_end:start].strip(" \t,"):
        return -1
    below = next_line_start(text, line_end)  # (a blank line may stand under it)
    end, nxt = line_end, below
    for _ in range(_HEADING_LINES):
        if nxt is None:
            break
        end = line_bounds(text, nxt)[1]
        nxt = next_line_start(text, end, skip_blank=0)
    if below is None:
        return -1
    first_end = line_bounds(text, below)[1]
    i = bisect.bisect_left(terms, below)
    term = terms[i] if i < len(terms) and terms[i] < first_end else first_end
    # the first line under it says their work ("Consultant in ...", "Diabetes specialist nurse"),
    # the lines a member of staff's page (as under a titled name alone: _owns_the_list) or a story
    if (_JOB_TITLE_RE.search(text, below, first_end) or _ROLE_BETWEEN_RE.search(text, below, term)
            or term < first_end and _ROLE_AFTER_TERM_RE.match(text, term, first_end)
            or _STAFF_PAGE_RE.search(text, line_start, end) or _CV_SECTION_RE.search(text, line_start, end)
            or _STAFF_RECORD_RE.search(text, line_start, end)
            or _STORY_RE.search(text, line_start, end) or _NEWS_RE.search(text, line_start, end)):
        return -1
    above = previous_line_start(text, line_start, skip_blank=0) if line_start else None
    if above is not None and _STAFF_HEADING_RE.search(text, above, line_start) or _under_team(text, line_start):
        return -1  # "Our team:" over the name
    return end


# After an untitled name's age, its separator and a word or two before the health term that
# are no verb nor a clause's start: "58, inferior STEMI", "(9) - asthma", "81, known COPD".
_NO_FINDING_WORDS = (
    r"(?!(?:is|was|has|had|who|and|but|which|that|the|a|an|to|for|from|with"
    r"|at|in|on|as|after|of|retires|retiring|retired|joins|joined|works|worked|runs|ran|walks|walked|says|said"
    r"|raised|raising|celebrates|celebrating)\b)"
)
_FINDING_LEAD_RE = re.compile(r"[ \t]*(?:[,\-\u2013\u2014:][ \t]*)?(?:" + _NO_FINDING_WORDS + r"[A-Za-z][\w'\-]*[ \t]+){0,2}", re.I)


def _finding_after_age(text: str, terms: Sequence[int], after: int, line_end: int) -> bool:
    """A health term that speaks of health right after a name's age that ends at ``after``,
    a word or two at most before it and no verb (_FINDING_LEAD_RE)."""
    lead = _FINDING_LEAD_RE.match(text, after, line_end)
    i = bisect.bisect_left(terms, after)
    return lead is not None and i < len(terms) and terms[i] <= lead.end() and _about_health(text, terms[i])


def _introduces_care_below(text: str, terms: Sequence[int], after: int, line_start: int, line_end: int) -> bool:
    """The line ends with a colon and says what of a person's care the lines below it give
    (_below_intro), and they say something of health."""
    below = _below_intro(text, line_start, line_end)
    return below > line_end and _health_between(text, terms, line_end, below)


# After a name's age, where the person lies: "on Ward 24 bed 6", "in bay 3", "Ward 7".
_PLACE_AFTER_AGE_RE = re.compile(r"[ \t]*(?:(?:on|in)[ \t]+)?(?:ward|bed|bay|side room|cubicle)[ \t]*[0-9]", re.I)


# After a name's age, what was done for them: "seen in fracture clinic today", "admitted overnight".
_SEEN_AFTER_AGE_RE = re.compile(
    r"[ \t]*(?:(?:was|has been|is|were)[ \t]+)?(?:seen|reviewed|assessed|admitted|readmitted|presented|presenting"
    r"|attended|brought in|referred|transferred|discharged)\b",
    re.I,
)


def _below_intro(text: str, line_start: int, line_end: int) -> int:
    """Where what a line says of its person ends: the line's end, or, when it introduces
    lines below it with words of their care ("a summary for Mrs Priya Example, 37, who is
    transferring to you:"), the end of those (up to _AFTER_LIST characters, to a blank line)."""
    if text[line_start:line_end].rstrip()[-1:] != ":" or not _CARE_CUE_RE.search(text, line_start, line_end):
        return line_end
    below = line_end
    while below < len(text) and text[below] in "\r\n \t":
        below += 1
    stop = min(len(text), below + _AFTER_LIST)
    blank = _BLANK_LINE_RE.search(text, below, stop)
    return blank.start() if blank is not None else stop


# Words of a patient's care around them: where they were seen or lie, what was done or is asked.
# ("seen", "found" and "treated" are a story's words too: "was seen in A&E", "found at his home").
_CARE_CUE_RE = re.compile(
    r"(?i)\b(?:admitted|admission|saw|presented|presenting|referred|referral|review|reviewed"
    r"|please|arrange|ward|bed|bay|clinic|discharged|discharge|commenced|started on|bloods|scan|investigations?"
    r"|plan|observations|obs|prescribed|booked|on the list|follow[- ]up|referring|detained|sectioned|transfer(?:ring|red)?"
    r"|caseload)\b"
)
# A story's words around a person's name and age: what is published, reported or appealed for.
_STORY_RE = re.compile(
    r"(?i)\b(?:said|says|told|died|passed away|funeral|obituary|tribute|police|appealing"
    r"|newsletter|press release|magazine|article|interview|story|published|publication|consented to|reporter"
    r"|newspaper|match|stretchered"
    # a staff magazine's, a fundraiser's, a long servant's ("For the Gazette: Fiona Example, 52, on
    # Ward 9 for 25 years, is walking 100 miles for the hospice. Donations via JustGiving.")
    r"|gazette|bulletin|donations?|donate|justgiving|just giving"
    r"|(?:ward|unit|department|team|hospital|trust)(?:[ \t]+[0-9A-Za-z]+)?[ \t]+for[ \t]+[0-9]{1,2}[ \t]+years)\b"
)
# After an age, words that make the figure something else: "60 yrs young" (a way of speaking),
# "31 yrs reckonable service", "3 yrs post-reg", "2y fixed-term", "12M FTC".
_NOT_AGE_AFTER_RE = re.compile(
    r"\)?[ \t,]*(?:young|service|reckonable|experience|post[- ]?reg\w*|post[- ]?qual\w*|qualified|in post"
    r"|fixed[- ]term|contract|ftc|secondment"
    # a career: "32 yrs a consultant at St Mary's", "15 yrs accredited CBT therapist" (a retired
    # person's former work is no career: "90, former midwife, has advanced dementia")
    r"|(?!(?:(?:a|an)[ \t]+)?(?:retired|former|ex)\b)(?:(?:as|a|an)[ \t]+)?(?:\w+[ \t]+){0,2}(?:consultant|nurse|therapist|doctor|surgeon|gp|midwife|physio\w*"
    r"|pharmacist|manager|volunteer|accredited|registered))\b",
    re.I,
)


_STREET_TYPES = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Terrace|Way|Crescent|Court|Gardens|Gdns|Place"
    "|Grove|Hill|Row|Walk|View|Rise|Mews|Square|Green|Parade|Fold|Croft|Meadows?|Vale|Wynd|Side|Bank"
    "|End|Gate|Park|Brow|Chase|Heights|Wharf"
)
# A Welsh street's type comes first: "14 Heol Las", "3 Ffordd y Parc", "22 Stryd Fawr", "3 Maes y
# Coed", "5 Clos Hendre", "9 Bryn y Môr" ("Bryn" is a given name too: a street's only before "y").
_WELSH_STREET = (r"(?:(?:Heol|Ffordd|Stryd|L[oô]n|Rhodfa|Cilgant|Maes|Clos|Parc|Llys|Cwrt|Teras|Rhes|Gerddi|Cae|Ffos)[ \t]+"
                 r"(?:yr?[ \t]+)?|(?:Bryn|Pen|Tan|Pant|Cefn|Coed)[ \t]+yr?[ \t]+)\p{Lu}[\p{Ll}'\u2019]+")
# A house number and a street ("14 Elm Road", "Flat 2, 9 Ashville Terrace", "8 Canal Side",
# "14 MILL LANE", "14 Heol Las").
_STREET = (
    r"(?:(?:Flat|Apartment|Apt)[ \t]+[0-9]{1,4}[A-Za-z]?,?[ \t]+)?[0-9]{1,4}[A-Za-z]?,?[ \t]+"
    rf"(?:(?:\p{{Lu}}[\p{{Ll}}'\u2019]+[ \t]+){{1,3}}(?:{_STREET_TYPES})|{_WELSH_STREET}"
    # the same in capitals, as a record system or a letter's subject line prints it
    rf"|(?:\p{{Lu}}[\p{{Lu}}'\u2019]+[ \t]+){{1,3}}(?:{_STREET_TYPES.upper()}))\b\.?"
)
_STREET_RE = regex.compile(r"(?:^|(?<=[,\n\t|:])|(?<=\b(?:at|of|from)[ \t]))[ \t]*" + _STREET, regex.M)
# The words that make a name a business's: "Example Opticians", "Example & Sons Ltd".
_BUSINESS_WORDS = r"ltd|limited|plc|llp|pharmacy|opticians?|chemists?|dental|dentists?|solicitors?|funeral|accountants?"
# Words of a business's address, not a home's.
_NOT_HOME_RE = re.compile(
    r"(?i)\b(?:" + _BUSINESS_WORDS + r"|inc|trust|hospital|hospice|practice|surgery|centre|center|clinic|house"
    r"|hall|unit|business|industrial|estate|office|offices|floor|suite|po box|council|university|school"
    r"|college|ward|department|dept|hq|shop|store|stores|goods in"
    r"|goods inwards?|bakery|garage|salon"
    # charities named for people
    r"|marie curie|sue ryder|anthony nolan|leonard cheshire|florence nightingale|martin house"
    # whose address it says it is: a business party's
    r"|invoice|invoices|invoicing|billing|supplier|vendor|contractor|permit|payee|claimant|employee|winner|donor"
    r"|supporter|reference|tenancy|mortgage|juror|jury|employment)\b"
)
# A health term that starts a team's or a place's name ("Community Diabetes Team",
# "Cancer Centre", "Maternity Unit"): where someone works or parks, not their health (a dose's
# "units" after its number is their treatment's: "Insulin - 18 units").
_TEAM_WORDS = (
    r"(?:(?<![0-9][ \t])(?<![0-9])unit|centre|center|team|service|services|department|dept|clinic|ward"
    r"|appeal|network|forum|panel|partnership|programme|program|friendly"
    # people in general: "stroke patients", "cancer survivors"
    r"|patient|survivor|sufferer"
    # a charity's name: "Alzheimer's Society", "Diabetes UK", "Prostate Cancer UK"
    r"|society|uk|foundation|association|charity|research|trust|awareness|lottery|support|fund|shop)s?\b"
)
# (no clause's verb between: "his bowel cancer was missed on Ward 4" is where, no team's name)
_NO_VERB_BEFORE = r"(?!\b(?:was|were|is|are|been|has|had)\b)"
_TEAM_AFTER_RE = re.compile(r"(?:" + _NO_VERB_BEFORE + r"[^\n]){0,30}?\b" + _TEAM_WORDS, re.I)
# ... right after the term, its name's next word at most between: what a named person has
# is no team's name because a clinic is named later in the sentence ("diagnosed with
# gonorrhoea at our clinic").
_TEAM_NEXT_RE = re.compile(r"[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+)?[ \t]+" + _TEAM_WORDS, re.I)
# People in general before a term: "care for people with a terminal illness", "nurse
# patients with advanced COPD", "adults living with epilepsy"; a few counted are some the
# writer knows ("Three residents with D&V today: ...").
_POPULATION_BEFORE_RE = re.compile(
    r"(?i)(?<![0-9][ \t])(?<!\btwo[ \t])(?<!\bthree[ \t])(?<!\bfour[ \t])(?<!\bfive[ \t])(?<!\bsix[ \t])"
    r"(?<!\bboth[ \t])\b(?:patients|people|adults|children|kids|young people|men|women|those|anyone|families|individuals"
    r"|residents|clients|service users|carers|survivors|others)(?:[ \t]+\w+){0,2}?[ \t]+(?:with|living with"
    r"|affected by|recovering from|who have|who had|at risk of|diagnosed with)[ \t]+(?:[\w\-]+[ \t]+){0,2}$"
)
# ... anywhere in a clause: what a service does for people in general ("stem cell transplants
# for people with blood cancer").
_FOR_PEOPLE_RE = re.compile(
    r"(?i)\b(?:patients|people|adults|children|young people|men|women|families|individuals|those)[ \t]+"
    r"(?:with|living with|affected by|who have)\b"
)
# A body named for a field of health: "Royal College of Psychiatrists", "Faculty of Public Health".
_BODY_OF_RE = re.compile(
    r"(?i)\b(?:college|society|association|faculty|institute|academy|foundation|journal|school)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?(?:[\w\-]+[ \t]+){0,2}$"
)
# ... or a piece of writing or teaching on it: "our patient leaflet on diabetes", "a talk about dementia".
_WRITING_ON_RE = re.compile(
    r"(?i)\b(?:leaflets?|guidance|guidelines?|polic(?:y|ies)|posters?|articles?|webinars?|modules?|talks?|lectures?"
    r"|presentations?|training|courses?|factsheets?|booklets?|resources?|toolkits?|information)[ \t]+(?:on|about)[ \t]+"
    r"(?:(?:living[ \t]+with|managing|caring[ \t]+for[ \t]+people[ \t]+with)[ \t]+)?$"
)
_ADDRESS_LINES = 2  # lines after the name's in which the street is looked for
# How a clinical letter speaks of the patient it is about.
_CLINICAL_LETTER_RE = re.compile(
    r"(?i)\bthis (?:lady|gentleman|man|woman|girl|boy|patient|child|young (?:man|woman|lady|person)"
    r"|[0-9]{1,3}[- ]year[- ]old)\b"
    r"|\b(?:thank you|thanks|many thanks) for (?:seeing|referring|reviewing|assessing)\b"
    r"|\bI (?:saw|reviewed|assessed|examined)\b|\b(?:was|were|has been) (?:seen|reviewed|admitted|discharged|referred)\b"
    r"|\b(?:presented|presents|presenting) with\b|\bdiagnosed with\b|\b(?:your|our|my) patient\b"
    r"|\b(?:treated|treatment) for\b|\bready (?:to go home|for discharge)\b"
    r"|\b(?:history|diagnosis) of\b|\bsuspicious of\b|\b(?:grateful if you (?:could|would)|could you(?: please)?) see\b"
    r"|\b(?:your|his|her|their) (?:mother|father|mum|dad|son|daughter|wife|husband|partner|child) (?:has|had|is|was)\b"
    # the letter's subject spoken of by pronoun: "He has epilepsy", "She was born with a cleft lip"
    r"|\b(?:he|she) (?:has|had|is|was|suffers|lives with|was born with)\b|\bborn with\b"
)
_LETTER_REACH = 800  # characters either side of a letter's subject line in which it is looked for
_ADDRESS_REACH = 160  # characters from a street's start to its postcode
_EMPTY_LINE_RE = re.compile(r"[ \t\r\u00a0]*")


# --- a person at the head of a block -----------------------------------------------------
#
# Short mail names a person at the head of a block and tells their health in the lines below:
# a heading with where they are or live ("Mr Example, Room 12", "Re: Jane Example, 3 Elm
# Road"), or a paragraph that introduces a list ("... for Mrs Example, 9 Elm Road - she's
# happy for us to share this." over "- HIV positive, on ..."; "... your mum, Edna, on
# Tuesday. A summary:" over "- Diagnosis: ..."). The list is theirs to a blank line
# (_list_tells_health weighs it as under a titled name alone: _headed_lists).

# Others' care in a list's rows: what a member of staff did for patients, not one person's health.
_OTHERS_CARE_RE = re.compile(r"(?i)\b(?:patients|pts|a patient|service users|residents|clients|colleagues)\b")
# A list's row: a bullet or a number first.
_LIST_ROW_RE = re.compile(r"[ \t>]*(?:[-*\u2022\u00b7\u25aa\u25e6\u2013]|[0-9]{1,2}[.)])[ \t]+\S")
# A newborn not yet registered by a name of their own, as maternity and neonatal units label
# them: "Baby of Sadia Example", "Twin 2 of Mrs Example", "Baby Girl Example", "BOY Example" (the
# mother's name or the family's, one baby's label all the same).
_NEWBORN = (
    r"(?:(?:Baby|BABY|Twin|TWIN|Triplet|TRIPLET)(?:[ \t]+(?:[1-3]|[A-C]|One|Two|Three|ONE|TWO|THREE))?"
    r"[ \t]+(?:(?:Boy|Girl|BOY|GIRL)[ \t]+)?(?:of|OF)|(?:(?:Baby|BABY)[ \t]+)?(?:BOY|GIRL)|(?:Baby|BABY)[ \t]+(?:Boy|Girl))"
    r"[ \t]+(?:(?:Mrs|Ms|Miss)\.?[ \t]+)?(?=\p{Lu})"
)
_NEWBORN_RE = regex.compile(rf"\b{_NEWBORN}")
# A heading's lead: its bullet, and "Re", "Regarding" or "For" before the name, a newborn's label's words.
_HEAD_LEAD_RE = regex.compile(
    rf"[ \t>*\u2022\-]*(?:(?P<re>(?i:re|regarding|for))[ \t]*[:\-]?[ \t]+)?(?P<newborn>{_NEWBORN})?")
_HEAD_PERSON_RE = regex.compile(
    rf"(?P<title>(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+)?(?P<name>(?:\p{{Lu}}\.?[ \t]+){{0,2}}(?:{_PARTICLE})?"
    rf"{_NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE})?{_NAME_TOKEN}){{0,3}})"
)
# After a heading's name, where the person is or lives, their age or birth: ", Room 12", " (bed 4)",
# ", 3 Elm Road", ", 84", " - DOB 02/03/1951".
_HEADING_TAIL_RE = regex.compile(
    r"(?:[ \t]*[,(\-\u2013][ \t]*(?:(?i:room|rm|bed|bay|ward|flat|cubicle|cot|incubator)[ \t]*[0-9]{1,3}[A-Za-z]?\b"
    r"|[0-9]{1,3}[ \t]?(?i:y|yo|yrs?|years|m|f)?(?![\w/.:])"
    r"|(?i:(?:dob|d\.o\.b\.?|born)[: \t]*)?[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}\b"
    rf"|[0-9]{{1,4}}[A-Za-z]?,?[ \t]+(?:\p{{Lu}}[\p{{Ll}}'\u2019]+[ \t]+){{1,3}}(?:{_STREET_TYPES})\b\.?)\)?)+"
)
_HEAD_END_RE = re.compile(r"[ \t]*:?[ \t\r]*")


def _person_heading(text: str, start: int, end: int) -> tuple[int, bool]:
    """(where the person's name starts, whether the line says where they are or live, or
    that the lines are about them) when the line at text[start:end] is a lay person's name
    heading the lines below it: a title and a name, or a given and a family name, after "Re"
    or "For" or alone, where they are after it or not (_HEADING_TAIL_RE); (-1, False) if it
    is none."""
    lead = _HEAD_LEAD_RE.match(text, start, end)
    pos = lead.end() if lead else start
    m = _HEAD_PERSON_RE.match(text, pos, end)
    if m is None:
        return -1, False
    tail = _HEADING_TAIL_RE.match(text, m.end(), end)
    if _HEAD_END_RE.fullmatch(text, tail.end() if tail else m.end(), end) is None:
        return -1, False
    if lead is not None and lead.group("newborn"):
        return start, True  # "Baby of Sadia Example, Cot 7", "BOY Example": a newborn's label
    if not _lay_head_person(text, m, pos, end):
        return -1, False
    return pos, tail is not None or lead is not None and lead.group("re") is not None


def _lay_head_person(text: str, m: regex.Match[str], pos: int, end: int) -> bool:
    """The name ``m`` (_HEAD_PERSON_RE's, from ``pos``) heading its line (to ``end``) is a lay
    person's: a title and a name, or a given and a family name; no job title after it."""
    words = [w for w in _TOKEN_RE.findall(m.group("name")) if len(w.rstrip(".")) > 1]
    if not m.group("title") and (len(words) < 2 or folded(words[0]) not in given_names()):
        return False  # (an untitled name: a given name and a family name)
    return person_at(text, pos, m.end()) and not _JOB_TITLE_RE.search(text, m.end(), end)


_INTRO_LINES = 3  # lines of a paragraph introducing a list read for the person it names
_INTRO_MAX = 400  # characters of it
# A job right after a name: "Mrs Sue Example (diabetes specialist nurse)", ", our practice manager".
_ROLE_AFTER_NAME_RE = re.compile(
    r"(?i)[ \t]*[,(\-\u2013]?[ \t]*(?:(?:our|the|a|an|your|their)[ \t]+)?(?:[\w\-]+[ \t]+){0,3}?"
    r"(?:nurse|doctor|consultant|gp|registrar|physio\w*|pharmacist|therapist|midwife|health visitor|colleague"
    r"|manager|secretary|receptionist|matron|administrator|coordinator|co-ordinator|lead|practitioner|worker)s?\b"
)
# Words before a name that say whom the lines are about: "for", "re", "about", "regarding".
_ABOUT_NAME_RE = re.compile(r"(?i)\b(?:for|re|regarding|about|concerning)[ \t]+")


def _intro_above(text: str, line_start: int) -> tuple[int, int, int] | None:
    """(where the paragraph that introduces a list starts and ends, where the list's first
    row starts) for the row at ``line_start`` of a bulleted list (_LIST_ROW_RE) under a short
    paragraph, a blank line between them or none; None if it is no such row."""
    if _LIST_ROW_RE.match(text, line_start, line_bounds(text, line_start)[1]) is None:
        return None
    pos = line_start
    for _ in range(_HEADED_ROWS):
        if pos == 0:
            return None
        above = text.rfind("\n", 0, pos - 1) + 1
        if text[above:pos - 1].strip() and pos - 1 - above <= _FACT_ROW_MAX and _LIST_ROW_RE.match(
                text, above, pos - 1) is not None:
            pos = above
            continue
        break
    else:
        return None
    first = pos
    intro_end = pos - 1
    above = text.rfind("\n", 0, intro_end) + 1
    if not text[above:intro_end].strip():  # one blank line between
        intro_end = above - 1
        if intro_end <= 0:
            return None
        above = text.rfind("\n", 0, intro_end) + 1
    if not text[above:intro_end].strip():
        return None
    intro_start = above
    for _ in range(_INTRO_LINES - 1):
        if intro_start == 0:
            break
        up = text.rfind("\n", 0, intro_start - 1) + 1
        if not text[up:intro_start - 1].strip() or intro_end - up > _INTRO_MAX:
            break
        intro_start = up
    return intro_start, intro_end, first


def _intro_person(text: str, start: int, end: int) -> tuple[int, bool] | None:
    """(where the name starts, whether where they live or are is said after it, or that the
    lines are about them) of the one lay person the paragraph at text[start:end] names: by
    their title ("for Mrs Jane Example, 3 Elm Road"), as a relative with their name ("your
    mum, Edna"), or after "for" or "re" ("Update for Jane Example:"); not one greeted or
    thanked, a clinician, one with a job after the name, nor one of several named there."""
    found: dict[str, tuple[int, bool]] = {}
    for baby in _NEWBORN_RE.finditer(text, start, end):  # "Baby of Sadia Example (Cot 7)": a newborn's label
        label = _PERSON_AFTER_RE.match(text, baby.end(), end)
        if label is not None:
            found.setdefault(label.group("name").split()[-1].lower(), (baby.start(), True))
    for m in _LAY_TITLE_RE.finditer(text, start, end):
        person = _PERSON_AFTER_RE.match(text, m.start(), end)
        if (person is None or not _lay_person_at(text, m.start()) or _GREETED_RE.search(text, start, m.start())
                or _ROLE_AFTER_NAME_RE.match(text, person.end(), end)):
            continue
        found.setdefault(person.group("name").split()[-1].lower(),
                         (m.start(), _HEADING_TAIL_RE.match(text, person.end(), end) is not None))
    for rel in _RELATIVE_NAMED_RE.finditer(text, start, end):
        first = rel.group("name").split()[0].rstrip(".")
        if first.lower() in _LEAD_TITLES or folded(first) in given_names():
            found.setdefault(rel.group("name").split()[-1].lower(), (rel.start("name"), False))
    for m in _ABOUT_NAME_RE.finditer(text, start, end):
        person = _PERSON_AFTER_RE.match(text, m.end(), end)
        if (person is not None and not person.group("title") and len(person.group("name").split()) >= 2
                and person_at(text, m.end(), end) and not _ROLE_AFTER_NAME_RE.match(text, person.end(), end)):
            found.setdefault(person.group("name").split()[-1].lower(), (m.end(), True))  # (the lines are about them)
    if len(found) != 1 or _JOB_TITLE_RE.search(text, start, end):
        return None
    return next(iter(found.values()))


def health_listed(text: str, terms: Sequence[int]) -> bool:
    """A bulleted list under a short paragraph in ``text`` (a short mail's body, under a
    subject that names a person by their title: "Mr J Example - clinic letter") whose rows say
    one person's health as they would under their name (_list_tells_health)."""
    line_end = -1
    for term in terms:
        if term <= line_end:
            continue
        line_start, line_end = line_bounds(text, term)
        intro = _intro_above(text, line_start)
        if intro is not None and _list_tells_health(text, terms, intro[2], _list_rows(text, intro[2], True)):
            return True
    return False


def _introduced_list(text: str, terms: Sequence[int], start: int, end: int, first: int) -> bool:
    """The paragraph at text[start:end] names one lay person (_intro_person) and introduces
    the bulleted list at ``first``, whose rows say their health (_list_tells_health)."""
    person = _intro_person(text, start, end)
    return person is not None and _list_tells_health(text, terms, start, _list_rows(text, first, True), person[1])


# A form's or a record's fields that tell a person's health, first on their line: their
# history ("Hx:", "Obstetric hx:"), a scan's, a test's or bloods' results, their injuries, a
# pregnancy, what they take or react to ("Dating scan today: ...", "Injuries: ...").
_FORM_HEALTH_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:(?:past|medical|obstetric|obs|gynae|drug|family|social|psych|psychiatric|dating|booking"
    r"|anomaly|growth|ct|mri|us|uss|ultrasound|blood|test|lab|relevant|previous|known|presenting)[ \t]+)?"
    r"(?:hx|pmhx|dhx|history|dx|diagnos[ie]s|conditions?|scan|scans|results?|bloods|injur(?:y|ies)|pregnan(?:t|cy)"
    r"|gestation|meds|medications?|allerg(?:y|ies)|imaging|x-?rays?|complaint)" + _FIELD_QUALIFIER + _FIELD_END
)
# A form's fields of the person's own details: with one of them (or their age, home or
# birth after the name: "Name: Jane Example, 31, 7 Elm Close") the form is of someone
# who can be found.
_FORM_SELF_FIELD_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:(?:home )?address|dob|d\.o\.b\.?|date of birth|age|contact(?: (?:no|number|details))?"
    r"|tel|telephone|phone|mobile|mob|postcode|nhs (?:no|number)\.?|hospital (?:no|number)\.?|next of kin|nok)"
    + _FIELD_END
)
# A form of someone who is no patient: a supplier's, a company's contact, a speaker's or a
# post's ("Company:", "Products:", "Talk:", "Position applied for:").
_NOT_PATIENT_FORM_RE = re.compile(
    r"(?im)^[ \t*\u2022\-]*(?:company|organi[sz]ation|supplier|products?|account(?: no| number)?|invoice|order"
    r"|speaker|topic|talk|session|title(?: of talk)?|abstract|position(?: applied for)?|post applied for|job title"
    r"|vacancy|start date|salary|references?|sponsor)" + _FIELD_END
)
# ... or of someone offering work or time: "Interested in volunteering", "available for shifts".
_FORM_OF_WORK_RE = re.compile(
    r"(?i)\b(?:volunteer\w*|interested in|apply\w*|application|vacanc\w+|shifts?|availab\w+|job|role|employ\w*)\b"
)
_FORM_PARAGRAPHS = 2  # the form's block of fields and the paragraph after it
_FIELD_LABEL_RE = re.compile(r"[ \t*\u2022\-]*[A-Za-z][^:\n]{0,30}:")  # a form's line: its field's label first
_FORM_REACH = 800  # characters of the form read from its name's line
# A paragraph that names someone else: another form's name field, a titled name, a greeting.
_OTHER_NAMED_RE = re.compile(
    r"(?im)^[ \t>*]*(?:name|patient|client|resident|service user|victim|child)[ \t]*:"
    r"|\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z]|^[ \t>]*(?:dear|hi|hello)\b"
)


def _form_of_person(text: str, start: int, end: int, terms: Sequence[int]) -> bool:
    """A form's or a record's name field (its label at text[start:end]: "Name:", "Victim:")
    holding a person's full name, and its block, the lines of fields to a blank line and the
    paragraph after it unless that names someone else (_OTHER_NAMED_RE), telling their
    health: a field of it (_FORM_HEALTH_FIELD_RE: "Hx: ...", "Injuries: ...") says a health
    term; or, with the person's own details (their age, home or birth after the name, a field
    of them: _FORM_SELF_FIELD_RE), a health term and a fact of their care in the block (an
    event, a finding, a note's shorthand: "Attended ED with ...", "22/40 pregnant"). Not a
    member of staff's, an applicant's, a supplier's or a speaker's form, nor a blank template."""
    if not name_after_label(text, start, end):
        return False
    line_start, line_end = line_bounds(text, start)
    value = start + len(text[start:end])
    while value < line_end and text[value] in " \t":
        value += 1
    person = _PERSON_AFTER_RE.match(text, value, line_end)
    if person is None or len([w for w in _TOKEN_RE.findall(person.group("name")) if w != ","]) < 2:
        return False  # a given name alone: "Name: Jane"
    stop = min(len(text), line_start + _FORM_REACH)
    form_end = stop
    block_end = stop
    blank = _BLANK_LINE_RE.search(text, line_start, stop)
    if blank is not None:
        form_end = blank.start()
        block_end = form_end
        pos = blank.end()
        for _ in range(_FORM_PARAGRAPHS - 1):
            nxt = _BLANK_LINE_RE.search(text, pos, stop)
            para_end = nxt.start() if nxt is not None else stop
            if _OTHER_NAMED_RE.search(text, pos, para_end) or SIGN_OFF_RE.search(text, pos, para_end):
                break
            block_end = para_end
            if nxt is None:
                break
            pos = nxt.end()
    low = max(0, line_start - _CLINICAL_REACH)
    if (_STAFF_FORM_RE.search(text, low, block_end) or _STAFF_FIELD_LINE_RE.search(text, low, block_end)
            or _NOT_PATIENT_FORM_RE.search(text, low, block_end) or _CV_SECTION_RE.search(text, low, block_end)
            or _STAFF_RECORD_RE.search(text, line_start, block_end)
            or _EVENT_LIST_RE.search(text, line_start, block_end)):
        return False
    for field in _FORM_HEALTH_FIELD_RE.finditer(text, line_end, form_end):
        if _health_between(text, terms, field.end(), line_bounds(text, field.end())[1]):
            return True
    own = (_HEADING_TAIL_RE.match(text, person.end(), line_end) is not None
           or _FORM_SELF_FIELD_RE.search(text, line_end, form_end) is not None)
    if not own or _ROLE_LINE_RE.search(text, line_end, block_end) or _FORM_OF_WORK_RE.search(text, line_end, block_end):
        return False  # ("Interested in volunteering at the dementia cafe": a volunteer's)

    def fact_beside(term: int) -> bool:  # a fact of their care on the term's line (a field's, among the fields)
        low, high = line_bounds(text, term)
        if term < form_end and _FIELD_LABEL_RE.match(text, low, term) is None:
            return False
        return any(fact.search(text, low, high)
                   for fact in (_OWN_EVENT_RE, _ROW_FACT_RE, _NOTE_SIGNAL_RE, _SEEN_AFTER_AGE_RE))

    return _health_between(text, terms, line_end, block_end, fact_beside)


def _named_at_home(text: str, after: int, terms: Sequence[int]) -> int:
    """A letter's subject line names a person and their home address: "Re: Mrs Jane
    Example, 9 Elm Terrace, Leeds", or "Re:" with the name and the street on the lines
    below (a referral's patient block). A business's address is no home's. Where the
    name's line starts, or -1."""
    line_start, line_end = line_bounds(text, after)
    pos = after
    while pos < line_end and text[pos] in " \t":
        pos += 1
    if pos == line_end:  # "Re:" alone: the name is on the next line
        line_start, line_end = line_bounds(text, min(line_end + 1, len(text)))
        pos = line_start
    if pos >= len(text) or not person_at(text, pos, line_end):
        return -1
    stop = line_end
    for _ in range(_ADDRESS_LINES):
        nxt = text.find("\n", stop + 1)
        stop = len(text) if nxt < 0 else nxt
    street = _STREET_RE.search(text, pos, stop)
    if street is None or _NOT_HOME_RE.search(text, pos, street.end()):
        return -1
    # The letter speaks of its subject as a patient, a health term in that sentence or the
    # next ("Thank you for seeing this lady with varicose veins"), as planning, HR and
    # solicitors' letters about a person at an address do not ("was treated for woodworm",
    # "was admitted to the NMC register").
    for cue in _CLINICAL_LETTER_RE.finditer(text, max(0, line_start - _LETTER_REACH), street.end() + _LETTER_REACH):
        if _first_term_about_health(text, terms, cue.start(), _sentences_end(text, cue.end(), 2, 300)):
            return line_start
    return -1


_RECORD_LINES = 3  # lines with words after a home address's postcode that are its record's
# A letter's date, greeting or subject line after its address block.
_LETTER_START_RE = re.compile(
    r"(?i)[ \t]*(?:dear\b|re\b|ref\b|our ref|your ref|date\b(?![ \t]*(?:/[ \t]*time[ \t]+)?of\b)|subject\b"
    r"|[0-9]{1,2}(?:st|nd|rd|th)?[ /.\-]+(?:[0-9]{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*[ /.\-,]+[0-9]{2,4})"
)
_RE_LINE_RE = re.compile(rf"{_RE_LINE}:[ \t]*")  # "Re:", at a line's start
_DELIVER_TO_RE = re.compile(r"(?i)\b(?:deliver|ship|send|post|dispatch)(?:ed)?[ \t]+to[ \t]*:?[ \t]*")


def _name_before_street(text: str, begin: int, postcode: int) -> tuple[int, str]:
    """(where the name's line starts, the text before the street where the name ends): on
    the street's line, or the line above when the street starts its own."""
    while begin < postcode and text[begin] in " \t":
        begin += 1
    line_start = text.rfind("\n", 0, begin) + 1
    if line_start == begin:  # the street starts its line: the name is the line above
        if begin == 0:
            return line_start, ""
        line_start = text.rfind("\n", 0, begin - 1) + 1
        window = text[line_start:begin - 1].rstrip(" \t,")
    else:
        window = text[max(line_start, begin - 80):begin]
    # "Please deliver to: Mr Harold Example, 23 Sycamore Avenue ...": supplies sent to a
    # patient's home (continence, stoma, oxygen) name the person after the instruction.
    delivery = _DELIVER_TO_RE.search(window)
    if delivery is not None:
        window = window[delivery.end():]
    sentence = _LAST_SENTENCE_RE.search(window)  # "I am the safeguarding lead at the hospital. Mrs Ivy Example, 88, of ..."
    if sentence is not None:
        window = window[sentence.end():]
    # "Mr Dennis Example at 33 Ash Grove", "Mrs Ivy Example, 88, of 3 Church Walk", "who lives at":
    # the words and the age between the name and the street
    link = _TO_STREET_RE.search(window)
    return line_start, window[:link.start()] if link is not None and link.start() < link.end() else window


_LAST_SENTENCE_RE = re.compile(
    r".*[a-z0-9)](?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bMx)(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\bRev)[.!?][ \t]+(?=[A-Z])",
    re.S,
)
_TO_STREET_RE = re.compile(
    r"(?:,[ \t]*[0-9]{1,3}(?:[ \t]*(?:y|yo|yrs|years(?: old)?))?[ \t]*)?,?[ \t]*"
    r"(?:(?:(?:who[ \t]+)?(?:lives|living|resides|residing|is)[ \t]+)?(?:at|of|from))[ \t]*$",
    re.I,
)


# One person spoken of by where they live, not by name (before "at", "of", "who lives at"):
# "the lady at 27 Cranbrook Avenue", "this gentleman of 4 Mill Lane"; or one household, its
# members' health said after it ("the family living at Flat 2, 9 Mill Lane"). (Not people in
# general, a house or a business: "patients at", "the surgery at".)
_UNNAMED_AT_RE = re.compile(
    r"(?i)\b(?:the|this|that|a|an|our|your)[ \t]+(?:(?:elderly|older|old|young|vulnerable|frail|little)[ \t]+)?"
    r"(?:lady|gentleman|gent|man|woman|person|patient|resident|occupant|tenant|client|service user|boy|girl|child"
    r"|adult|(?P<home>family|household|couple))[ \t,]*$"
)
# A member of a household said before a health term in its sentence: "he", "her", "the
# youngest child", "Mum", "her partner".
_MEMBER_BEFORE_RE = re.compile(
    r"(?i)\b(?:he|she|his|her|him|he's|she's|child|son|daughter|baby|boy|girl|mum|mom|dad|mother|father|partner"
    r"|wife|husband|brother|sister|grandmother|grandfather|nan|gran)\b")
_HOUSEHOLD_REACH = 600  # characters after a household's postcode, its paragraph and the next, where a member's health is said


def _unnamed_at_home(text: str, terms: Sequence[int], window: str, street: int, postcode: int) -> bool:
    """A home address (its street at ``street``, its postcode at ``postcode``) identifies the
    one person living there, unnamed, when the words before it (``window``) speak of them by
    it or say they are collected from it, and the sentences after its postcode say their
    health ("the lady at 27 Cranbrook Avenue, Leeds LS11 5BQ - she's known to us. She has
    advanced Alzheimer's", "Collect from 42 Beech Grove, Watford WD17 4PL ... Patient has
    bone metastases"), or a household's, one of them (_members_health); or when it leads a row of a list of such addresses, each with their
    health on its row (a district nurse's visits: "27 Hawthorn Road, Bristol BS7 2QT -
    insulin 10:00, diabetic")."""
    line_start, line_end = line_bounds(text, street)
    sent = _SENT_TO_RE.search(text, max(0, street - _SENT_TO_REACH), street)
    if (_LIST_MARK_RE.fullmatch(text, line_start, street) or not text[line_start:street].strip()) and sent is None:
        return _health_between(text, terms, postcode, line_end) and any(
            _ADDRESS_ROW_RE.match(text, *line_bounds(text, nxt))
            for nxt in (previous_line_start(text, line_start, 0), next_line_start(text, line_end, 0)) if nxt is not None)
    if sent is not None:  # a home that things of care are sent to: whoever lives there said with their health
        return not _NOT_HOME_RE.search(text, sent.start(), street) and _health_between(
            text, terms, postcode, _sentences_end(text, postcode, 3, _LETTER_REACH),
            lambda term: _said_plainly(text, term, postcode) and _PERSON_BEFORE_RE.search(
                text, _sentence_start(text, term, max(postcode, term - _SENTENCE_REACH)), term) is not None)
    unnamed = _UNNAMED_AT_RE.search(window)
    if _NOT_HOME_RE.search(window) or (unnamed or _COLLECT_FROM_RE.search(window)) is None:
        return False
    if _health_between(text, terms, postcode, _sentences_end(text, postcode, 3, _LETTER_REACH),
                       lambda term: _said_plainly(text, term, postcode)):
        return True  # (not advice to whoever may have it: "If anyone in the home has asthma ...")
    return unnamed is not None and unnamed.group("home") is not None and _members_health(text, terms, postcode)


# The same one person by their house number and street alone, the postcode left out, the
# health said in that sentence: "The tenant at Flat 3, 12 Example Road has COPD and can't
# manage the stairs", "the gentleman who lives at 4 Mill Lane is on home oxygen".
_UNNAMED_STREET_RE = regex.compile(
    r"(?i:\b(?:the|this|that|our|your)[ \t]+(?:(?:elderly|older|old|young|vulnerable|frail|little)[ \t]+)?"
    r"(?:lady|gentleman|gent|man|woman|person|patient|resident|occupant|tenant|client|service user|boy|girl|child)"
    r"[ \t,]+(?:(?:who[ \t]+)?(?:lives|living|resides|residing)[ \t]+)?(?:at|of|in)[ \t]+)" + _STREET,
)
_STREET_HEALTH_REACH = 80  # characters from the street to the health term said of whoever lives there
# (whether a text has such a person at all: RE2, with the other gates)
_unnamed_street_gate = _re2_gate(re.compile(
    r"(?i)(?:lady|gentleman|gent|man|woman|person|patient|resident|occupant|tenant|client|service user|boy|girl|child)"
    r"[ \t,]+(?:(?:who[ \t]+)?(?:lives|living|resides|residing)[ \t]+)?(?:at|of|in)[ \t]+(?:flat|apartment|apt|[0-9])"
))


# ... or by the one post they hold at a place named after it: "the headteacher of St Example's
# Primary", "the vicar of St Anne's", "the landlord of the Example Arms" (a post one person holds
# at a time; not a manager's or a chair's, of which a place has several or whose mail is business).
_UNNAMED_POST_RE = regex.compile(
    r"(?i:\bthe[ \t]+(?:head[ \t]?teacher|headmaster|headmistress|vicar|rector|landlord|landlady|lord[ \t]+mayor|mayor)"
    r"[ \t]+(?:of|at)[ \t]+(?:the[ \t]+)?)\p{Lu}"
)
_unnamed_post_gate = _re2_gate(re.compile(
    r"(?i)the[ \t]+(?:head[ \t]?teacher|headmaster|headmistress|vicar|rector|landlord|landlady|mayor)[ \t]+(?:of|at)[ \t]"))
# Others between the post and the health term, whose health it may be: "the headteacher of St
# Example's says three pupils have chickenpox".
_OTHERS_BETWEEN_RE = re.compile(
    r"(?i)\b(?:pupils?|children|child|students?|staff|residents?|patients?|parents?|families|people|members"
    r"|customers|parishioners|teachers?|colleagues?|someone|anyone|cases?|lady|gentleman|man|woman|boy|girl|baby"
    r"|family|husband|wife|partner|son|daughter|mum|dad|mother|father|brother|sister|friend|neighbour)\b")


def unnamed_at_street(text: str, terms: Sequence[int]) -> int:
    """One person spoken of by their house number and street, with no postcode
    (_UNNAMED_STREET_RE), or by the one post they hold at a named place (_UNNAMED_POST_RE, no
    other people between it and the term), and a health term said plainly of them soon after in
    that sentence (_said_plainly, _about_health): "The tenant at Flat 3, 12 Example Road has
    COPD", "the headteacher of St Example's Primary ... with a stroke". Not a business's address
    (_NOT_HOME_RE), nor advice to whoever may live there ("if the tenant at ... has asthma")."""
    if not terms:
        return 0
    streets, posts = _unnamed_street_gate(text), _unnamed_post_gate(text)
    if not streets and not posts:
        return 0
    read_to = 0
    for term in terms:
        low = max(read_to, _sentence_start(text, term, max(0, term - _SENTENCE_REACH)))
        read_to = term
        if text.find(" at ", low, term) < 0 and text.find(" of ", low, term) < 0 and text.find(" in ", low, term) < 0:
            continue
        for m in _UNNAMED_STREET_RE.finditer(text, low, term) if streets else ():
            if (term - m.end() <= _STREET_HEALTH_REACH and not _NOT_HOME_RE.search(text, m.start(), term)
                    and _said_plainly(text, term, low) and _about_health(text, term)):
                return 1
        for m in _UNNAMED_POST_RE.finditer(text, low, term) if posts else ():
            if (term - m.end() <= _STREET_HEALTH_REACH and not _OTHERS_BETWEEN_RE.search(text, m.end(), term)
                    and _said_plainly(text, term, low) and _about_health(text, term)):
                return 1
    return 0


def _said_plainly(text: str, term: int, low: int) -> bool:
    """The health term at ``term`` is said as a plain statement in its sentence (from no
    earlier than ``low``), not as what may be (_MAY_BE_SAID_RE: "if", "may", "could", "Should
    anyone ..."; "she can't manage her insulin", "he should be on oxygen" are plain)."""
    start = _sentence_start(text, term, max(low, term - _SENTENCE_REACH))
    return _MAY_BE_SAID_RE.search(text, start, term) is None and _INVERTED_IF_RE.match(text, start, term) is None


_MAY_BE_SAID_RE = re.compile(
    r"(?i)\b(?:may|might|if|whether|unless|anyone|anybody|could(?![ \t]+not\b)(?!n['\u2019]?t))\b")
_INVERTED_IF_RE = re.compile(r"(?i)[ \t\n]*(?:should|were)\b")  # a condition opening its sentence: "Should he ..."


def _members_health(text: str, terms: Sequence[int], postcode: int) -> bool:
    """After a household's postcode, in its paragraph or the next, a health term said of one
    of them (_MEMBER_BEFORE_RE before it in its sentence), as a plain statement (not "if" or
    "may": _WHAT_MAY_BE_RE): "Her youngest has been admitted twice with acute asthma"."""
    near = min(len(text), postcode + _HOUSEHOLD_REACH)
    paragraph = _PARAGRAPH_END_RE.search(text, postcode, near)
    paragraph = _PARAGRAPH_END_RE.search(text, paragraph.end(), near) if paragraph is not None else None

    def members(term: int) -> bool:
        start = _sentence_start(text, term, max(postcode, term - _SENTENCE_REACH))
        return _MEMBER_BEFORE_RE.search(text, start, term) is not None and _said_plainly(text, term, postcode)

    return _health_between(text, terms, postcode, paragraph.start() if paragraph is not None else near, members)


# What is sent to a home, its address next (on the line or the line below): "Could you arrange
# delivery of the profiling bed and air mattress to:", "Please send the dressings to",
# "Delivery address:". The one living there is spoken of by a person's word before their
# health after it ("Lady is coming home for end of life care", "he is on home oxygen").
_SENT_TO_RE = re.compile(
    r"(?i)\b(?:(?:deliver(?:y|ed|ing)?|send|sent|ship|dispatch|post)\b[^.!?:\n]{0,80}?[ \t]to|delivery[ \t]+address)"
    r"[ \t]*:?[ \t]*\n?[ \t]*$"
)
_SENT_TO_REACH = 120  # characters before the street in which what is sent there is said
_PERSON_WORDS = (r"he|she|his|her|him|he's|she's|lady|gentleman|gent|man|woman|patient|client|service user|resident"
                 r"|child|son|daughter|mum|dad|mother|father|wife|husband|partner")
_PERSON_BEFORE_RE = re.compile(r"(?i)\b(?:" + _PERSON_WORDS + r"|occupant|tenant)\b")
# Where a person is collected from: "Collect from", "pick up from", "Pick-up:".
_COLLECT_FROM_RE = re.compile(
    r"(?i)\b(?:collect|pick[- ]?up|pickup)(?:[ \t]+(?:him|her|them|the patient|patient))?[ \t,:]*$"
)
# A row that a home address leads, its postcode on the row: a visit list's (a flat's number may
# stand for the house's in a block's name: "Flat 6, Brook Court, LS12 2HH").
_ADDRESS_ROW_RE = regex.compile(
    r"[ \t*\-\u2022]*(?:(?:Flat|Apartment|Apt)[ \t]+[0-9]{1,4}[A-Za-z]?,?[ \t]+(?:[0-9]{1,4}[A-Za-z]?,?[ \t]+)?"
    r"|[0-9]{1,4}[A-Za-z]?,?[ \t]+)\p{Lu}"
    r"[^\n]{0,100}?\b" + _POSTCODE + r"\b"
)


# A person's appointment at a clinic or a service named for a health term: "to her appointment
# at the Memory Clinic", "booked into the HIV clinic". (Their health, where a team's or a
# place's name is no one's otherwise: _about_health.)
_BOOKED_AT_RE = re.compile(
    r"(?i)\b(?:appointments?|appts?|booked|booking|attends?|attending|referred|referral)[ \t]+(?:(?:[a-z]+|[0-9:.]+)[ \t]+){0,3}?"
    r"(?:at|in|into|to|with)[ \t]+(?:the[ \t]+|our[ \t]+|your[ \t]+)?$"
)
_BOOKED_REACH = 60  # characters before a clinic's name in which the appointment is said
# ... or, as a transport or an interpreter's booking writes it, the clinic as where the person
# is taken ("Destination: Renal Dialysis Unit") or the appointment's time after the clinic's
# name on its line ("To: Memory Clinic, Outpatients B - appt 14:00", "Fracture Clinic, appointment
# at 10.20"): one appointment, at one time (a clinic's "appointments 09:00-12:00" are its sessions').
_DESTINATION_BEFORE_RE = re.compile(
    r"(?im)^[ \t>*\-\u2022]*(?:destination|drop[- ]?off|dropping[ \t]+off|going[ \t]+to|taking[ \t]+(?:him|her|them)[ \t]+to)"
    r"(?:[ \t]+(?:at|to))?[ \t]*[:\-\u2013]?[ \t]*(?:the[ \t]+)?$"
)
_APPOINTMENT_TIME_AFTER_RE = re.compile(
    r"(?i)[^\n]{0,80}?\b(?:appt|appointment)\b[ \t.:\-\u2013]*(?:(?:is|at|@|for)[ \t]*)?"
    r"[0-2]?[0-9](?:[:.][0-5][0-9](?:[ \t]*[ap]m)?|[ \t]*[ap]m)\b(?![ \t]*[\-\u2013][ \t]*[0-2]?[0-9])"
)


def _booked_into(text: str, terms: Sequence[int], a: int, b: int) -> bool:
    """A health term in text[a:b] names the clinic a person has an appointment at (_BOOKED_AT_RE,
    _DESTINATION_BEFORE_RE, _APPOINTMENT_TIME_AFTER_RE)."""
    i = bisect.bisect_left(terms, a)
    while i < len(terms) and terms[i] < b:
        term = terms[i]
        if _BOOKED_AT_RE.search(text, max(a, term - _BOOKED_REACH), term) or (
                _DESTINATION_BEFORE_RE.search(text, max(a, term - 40), term)):
            return True
        line_end = line_bounds(text, term)[1]
        if _TEAM_NEXT_RE.match(text, term, line_end) and _APPOINTMENT_TIME_AFTER_RE.match(text, term, line_end):
            return True
        i += 1
    return False


# The words after a postcode that are still its address's: up to a comma, a sentence's end or
# a dash, a bracket after it whole ("BD17 5LP (the Contractor)").
_ADDRESS_TAIL_RE = re.compile(r"[^\n,.;:!?()\-\u2013\u2014\u2192>|]*(?:\([^()\n]*\))?")


def _home_before(text: str, postcode: int, terms: Sequence[int]) -> int:
    """The postcode at ``postcode`` ends a person's home address, with a health term in the
    same record: "Mr Colin Example, 18 Hawthorn Drive, Bramley LS13 4PP - epilepsy", a
    visit list's row, a name and address block with the clinical note under it (no blank
    line between). A letter's address block, apart from what the letter says, is no record."""
    low = max(0, postcode - _ADDRESS_REACH)
    street = None
    for found in _STREET_RE.finditer(text, low, postcode):
        if text.count("\n", found.start(), postcode) <= 3:
            street = found  # the nearest street before the postcode (a letterhead's is farther)
    if street is None or _NOT_HOME_RE.search(text, street.start(), postcode):
        return -1
    line_start, window = _name_before_street(text, street.start(), postcode)
    if not window or not _named(window, title_only_ok=True):
        return line_start if _unnamed_at_home(text, terms, window, street.start(), postcode) else -1
    titled = _NAME_BEFORE_RE.search(window)
    if _NOT_HOME_RE.search(window, 0, titled.start() if titled and titled.group("title") else len(window)):
        return -1  # a business's name, not a person's (but "Mrs Helen Ward" is a person's)
    if _RE_LINE_RE.match(text, line_start) or _RE_LINE_RE.fullmatch(text, *line_bounds(text, max(0, line_start - 1))):
        return -1  # a letter's subject line: its own rule decides (_named_at_home)
    end = line_bounds(text, postcode)[1]
    tail = _ADDRESS_TAIL_RE.match(text, postcode, end)
    if tail is not None and _NOT_HOME_RE.search(tail.group()):  # "... BD17 5LP (the Contractor)"
        return -1  # (the sentence that goes on is not the address: "..., to her appointment at the clinic")
    # The record: the name's line to a few lines with words after the postcode's (a visit
    # list's key safe, phone and next of kin come first), up to a letter's date, greeting or
    # subject line: a letter's address block is its addressee's, apart from what it says.
    lines = 0
    stop = end
    letter = -1
    while stop < len(text) and lines < _RECORD_LINES:
        line_start_next, line_end_next = line_bounds(text, stop + 1)
        if _LETTER_START_RE.match(text, line_start_next, line_end_next):
            letter = line_start_next
            break
        stop = line_end_next
        if not _EMPTY_LINE_RE.fullmatch(text, line_start_next, line_end_next):
            lines += 1
            end = stop
    if _health_between(text, terms, line_start, end) or _booked_into(text, terms, line_start, end):
        return line_start
    if letter >= 0 and (titled is not None and titled.group("title") or _named(window, title_only_ok=False)):
        return line_start if _letter_of_their_health(text, terms, letter) else -1
    return -1


def _letter_of_their_health(text: str, terms: Sequence[int], letter: int) -> bool:
    """A letter to the person at the address above its start at ``letter`` ("Ms Jane Example /
    Flat 2, 17 Elm Lane / Leeds / LS8 4HG / Dear Ms Example, You did not attend your appointment
    ... your screening showed high-grade dyskaryosis"): its body speaks of their health, to
    them or of them (_LETTER_TO_PATIENT_RE), or tells them of it ("Your HIV test was negative",
    "for your bowel cancer": told_reader)."""
    for cue in _LETTER_TO_PATIENT_RE.finditer(text, letter, letter + _LETTER_REACH):
        if _health_between(text, terms, cue.start(), _sentences_end(text, cue.end(), 2, 300)):
            return True
    return _health_between(text, terms, letter, letter + _LETTER_REACH, lambda term: told_reader(text, term, letter)) or (
        _reader_care(text, terms, letter, letter + _LETTER_REACH))


# Where a letter to a patient speaks to them ("You did not attend your appointment", "your
# biopsies have confirmed"), or of them to their GP (_CLINICAL_LETTER_RE); whether what
# it says there is of health, _about_health decides (a role, a team's or a ward's name is not).
_LETTER_TO_PATIENT_RE = re.compile(
    _CLINICAL_LETTER_RE.pattern
    + r"|(?i:\byou (?:did not attend|didn't attend|failed to attend|missed your|were seen|attended|have been (?:referred"
    r"|diagnosed|seen|added to|listed)|are (?:due|booked|listed) for|were admitted|were discharged)\b"
    r"|\byour (?:recent |latest |last |next )?(?:appointment(?! (?:as|to|of)\b)|results?|biops(?:y|ies)|scans?|tests?"
    r"|treatment|diagnosis|condition|referral|operation|procedure|surgery|medication|prescription|smear|screening"
    r"|x-?ray|mri|ct|blood tests?|bloods|admission|discharge|endoscopy|colonoscopy|investigations?|symptoms"
    r"|consultation|clinic (?:appointment|visit))\b)"
)


# A course of treatment after "course", no course of study: "has had a course of antibiotics".
_NO_TREATMENT = (r"(?![ \t]+of[ \t]+(?:(?:oral|iv|the|a|new|further|another|[0-9]+[ \t]?(?:days?|weeks?))[ \t]+)?"
                 r"(?:antibiotics?|steroids?|treatment|tablets|chemo\w*|radiotherapy|physio\w*|injections?|medication"
                 r"|prednisolone|antivirals?|\w+(?:cillin|mycin|cycline|azole)|cbt|therapy)\b)")
# Words of a line about someone's work, not their health: a job title, capitalised as
# titles are ("Lung Cancer Clinical Nurse Specialist", "Ward Clerk"), a talk (not a family's
# coming in "to talk about" the plan), a course, a donation, a career ("3 yrs post-reg"); "nursing home" and "the district nurse" are a
# patient's care.
_ROLE_WORDS = (
    r"\b(?:Nurse(?![ \t]+(?:visits?|rounds?|calls?|reviews?)\b)|Nursing|Specialist|Consultant|Lead|Manager|Coordinator|Co-ordinator|Practitioner|Therapist"
    r"|Midwife|Physician|Surgeon|Matron|Director|Officer|Administrator|Secretary|Educator|Clerk|Volunteer"
    r"|Scientist|Assistant|Psychologist|Physiotherapist|Radiographer|Technician|Technologist|Pharmacist"
    r"|Dietitian|Paramedic|Porter|Receptionist|Worker|Support Worker|Team)\b|\bHCA\b"
    r"|(?i:\b(?:clerk|volunteer|speaker|" + _PUBLIC_VOICE_WORDS + r"|" + _NOT_SUICIDAL
    + r"(?<!\bto[ ])talk|talking|retired|retires|retiring"
    r"|retirement|course" + _NO_TREATMENT + r"|training|donation|donated|towards(?![ \t]+(?:the[ \t]+)?end\b)|reckonable"
    r"|post[- ]?reg\w*|post[- ]?qual\w*|in post|of service|years' service|first aid|certificate|passed(?![ \t]+away)"
    # fundraising, prizes, events and a job: a supporter's, a winner's or an employee's line
    r"|in aid of|in memory of|raising|fundrais\w*|lottery|raffle|tombola|winner|prize|sponsor\w*|employed"
    r"|has worked|works as|sings|singing"
    # a play's cast, not a plaster one ("her wrist cast checked", "cast removed")
    r"|(?<!plaster )(?<!wrist )(?<!arm )(?<!leg )(?<!ankle )(?<!foot )(?<!her )(?<!his )(?<!their )cast"
    r"(?![ \t]+(?:removed|removal|off|on|checked|check|changed|change|clinic|review)\b))\b)"
)
_ROLE_LINE_RE = re.compile(_ROLE_WORDS + r"|\u00a3|\bGBP\b")
# ... on a bill's line, the money is the price of the care it names ("Physiotherapy - plantar
# fasciitis, 4 sessions @ £55"): its role's words alone say a line is of work
_ROLE_WORDS_RE = re.compile(_ROLE_WORDS)


def _health_between(text: str, terms: Sequence[int], a: int, b: int,
                    of: Callable[[int], bool] | None = None, roles: bool = True, priced: bool = False) -> bool:
    """A health term that speaks of health (_about_health) starts in text[a:b]; with ``of``,
    one whose start ``of`` also accepts (said of the person the caller has in mind);
    ``roles``, ``priced``: as _about_health's (False: a field's value, whose line a role may share)."""
    i = bisect.bisect_left(terms, a)
    while i < len(terms) and terms[i] < b:
        if (of is None or of(terms[i])) and _about_health(text, terms[i], roles, priced):
            return True
        i += 1
    return False


def speaks_of_health(text: str, terms: Sequence[int]) -> bool:
    """A health term of ``text`` (``terms``: where they start) speaks of health (_about_health)."""
    return _health_between(text, terms, 0, len(text))


def _first_term_about_health(text: str, terms: Sequence[int], a: int, b: int) -> bool:
    """The first health term in text[a:b] speaks of health (_about_health)."""
    i = bisect.bisect_left(terms, a)
    return i < len(terms) and terms[i] < b and _about_health(text, terms[i])


def _sentence_start(text: str, at: int, low: int) -> int:
    """Where the sentence holding ``at`` starts: after the last sentence's end in
    text[low:at], else ``low``."""
    start = low
    for end in _SENTENCE_END_RE.finditer(text, low, at):
        start = end.end()
    return start


def _sentences_end(text: str, at: int, sentences: int, cap: int) -> int:
    """Where the sentence holding ``at``, and the ``sentences - 1`` after it, end: at most
    ``cap`` characters on."""
    end = len(text)
    pos = at
    # searched no further than the cap (and a little more, for what follows an end): a text
    # with no end at all would be searched to its end once for every place asked about
    bound = at + cap + 64
    for _ in range(sentences):
        found = _SENTENCE_END_RE.search(text, pos, bound)
        if found is None:
            end = len(text)
            break
        end, pos = found.start(), found.end()
    return min(end, at + cap)


# A date or a time right after a place's name: the term before the place is what is booked there.
_WHEN_AFTER_PLACE_RE = re.compile(r"[ \t]*[,\-\u2013][ \t]*(?:on[ \t]+)?(?:[0-9]{1,2}[/.][0-9]{1,2}(?:[/.][0-9]{2,4})?|[0-9]{1,2}:[0-9]{2})\b")


_SENTENCE_BACK = 400  # characters before a term searched for its sentence's start, on a long line


def _about_health(text: str, term: int, roles: bool = True, priced: bool = False) -> bool:
    """The health term at ``term`` says something of a person's health: not a team's or a
    place's name ("Community Diabetes Team", "Maternity Unit"), nor a topic ("the hip
    fracture list", "a diabetes specialist interest", "Charcot foot referrals"), nor a
    sentence about work, a role or an event (its line's, when a line is a sentence).
    ``priced``: the line is a bill's, its money the care's price (_ROLE_WORDS_RE)."""
    line_start, line_end = line_bounds(text, term)
    team = (_TEAM_AFTER_RE if roles else _TEAM_NEXT_RE).match(text, term, line_end)
    topic = team is None and _TOPIC_AFTER_RE.match(text, term, line_end) is not None
    if (team is not None or topic) and _OWN_OUTCOME_RE.search(text, max(line_start, term - 40), term) is not None:
        team, topic = None, False  # "your positive chlamydia test from the clinic": a test of theirs that found it
    if team is not None and not ("," in team.group() and _WHEN_AFTER_PLACE_RE.match(text, team.end(), line_end)):
        return False  # (a booking's cells: "Colonoscopy, Endoscopy Unit, 21/06/2025 08:30" is the procedure's)
    if topic and not _own_session(text, term, line_start, line_end):
        return False
    if _POPULATION_BEFORE_RE.search(text, max(line_start, term - 80), term) or _BODY_OF_RE.search(
            text, max(line_start, term - 60), term) or _WRITING_ON_RE.search(text, max(line_start, term - 60), term):
        return False
    if _OPENED_PLACE_AFTER_RE.match(text, term, line_end) and _opened_place(text, term, line_start, line_end):
        return False
    if not roles:
        return True
    speaker = _CHAT_PREFIX_RE.match(text, line_start, term)
    # (the writer's role, before a chat line's text, is not the sentence's)
    start, stop = _sentence_in_line(text, term, speaker.end() if speaker is not None else line_start, line_end)
    return (_ROLE_WORDS_RE if priced else _ROLE_LINE_RE).search(text, start, stop) is None


def _sentence_in_line(text: str, term: int, low: int, line_end: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``term`` inside its line (_SENTENCE_BREAK_RE),
    from ``low`` at the earliest and no further back than _SENTENCE_BACK."""
    start = max(low, term - _SENTENCE_BACK)
    for m in _SENTENCE_BREAK_RE.finditer(text, start, term):
        start = m.end()
    stop = _SENTENCE_BREAK_RE.search(text, term, line_end)
    return start, stop.start() if stop else line_end

# A place or a facility named for a health term, right after it or a word or two on ("the new
# dementia garden", "the stroke rehabilitation courtyard", "the cancer support hub") ...
_OPENED_PLACE_AFTER_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:gardens?|courtyards?|caf[eé]s?|lounges?|suites?|rooms?"
    r"|wings?|hubs?|buildings?|centres?|centers?|units?|wards?|facilit(?:y|ies)|garden room|sensory room|quiet room"
    r"|day room|walks?|trails?|pathways?|benches?|murals?|memorial|library|space)\b"
)
# ... in a sentence that tells of a public occasion there: opening it, launching it, unveiling
# a plaque, cutting the ribbon, a guest of honour; or of someone's work for it: founding it,
# setting it up, organising for it, volunteering there ("staff from the dementia cafe she helped found").
_OCCASION_RE = re.compile(
    r"(?i)\b(?:(?:officially|formally)[ \t]+)?(?:open|opens|opened|opening|launch|launches|launched|unveil|unveils|unveiled"
    r"|unveiling|ribbon|plaque|guest of honou?r|ceremony|dedicat(?:e|es|ed|ing)"
    r"|found|founded|founder|founding|co-?founded|set up|sets up|established|volunteers?|volunteered|volunteering"
    r"|organises|organised|organizes|organized)\b"
)


def _opened_place(text: str, term: int, line_start: int, line_end: int) -> bool:
    """The health term at ``term`` names a place or a facility (_OPENED_PLACE_AFTER_RE) that its
    sentence tells a public occasion at (_OCCASION_RE): "Mr Alf Example, 84, will officially
    open the new dementia garden" names no one's health."""
    return _OCCASION_RE.search(text, *_sentence_in_line(text, term, line_start, line_end)) is not None


# Where a sentence ends inside a line (Outlook writes a paragraph as one line): a full stop,
# "!" or "?" after a word, then a capital.
_SENTENCE_BREAK_RE = re.compile(r"(?<=[a-z0-9)])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][ \t]+(?=[A-Z])")
# ... but a session or a slot of theirs is their care: "missed his dialysis session", "her
# chemo slot" (a service's "dialysis sessions" stay a topic).
_OWN_SESSION_RE = re.compile(r"[\w'\u2019\-]+[ \t]+(?:sessions?|slots?)\b")
# ... and a test's outcome said as someone's right before the test: "your abnormal cervical
# screening result", "her positive chlamydia test": a test of theirs that found something is
# their health (where "cervical screening" alone is a programme, and "your cervical screening"
# a service's invitation).
_OWN_OUTCOME_RE = re.compile(
    r"(?i)(?:\b(?:your|his|her|their)|\w['\u2019]s)[ \t]+(?:(?:recent|latest|last|repeat|second|first)[ \t]+)?"
    r"(?:abnormal|positive|raised|borderline|unclear|inconclusive|reactive)[ \t]+$"
)
_OWNER_JUST_BEFORE_RE = re.compile(r"(?i)(?:\b(?:his|her|their)|\w['\u2019]s)[ \t]+$")


def _own_session(text: str, term: int, line_start: int, line_end: int) -> bool:
    """The health term at ``term`` names a session or a slot of a person's care, theirs by
    "his", "her", "their" or "'s" right before it ("missed his dialysis session"), not one a
    member of staff runs ("ran her diabetes sessions", _staff_duty)."""
    return (_OWN_SESSION_RE.match(text, term, line_end) is not None
            and _OWNER_JUST_BEFORE_RE.search(text, max(line_start, term - 12), term) is not None
            and not _staff_duty(text, term, line_start))

# A health term as a topic: the words after it (at most five, no verb among them) are what the
# sentence is about ("the fractured NOF list", "a diabetes specialist interest",
# "dementia carers' experience", "stroke rehab beds", "Sepsis audit").
_TOPIC_AFTER_RE = re.compile(
    r"[\w'\u2019\-]+(?:[ \t]+(?!(?:has|have|had|is|are|was|were|will|would|can|could|just|now|he|she|they)\b)[\w'\u2019\-]+){0,5}?"
    r"[ \t]+(?:lists?|data|interest|referrals|cases|slots?|sessions?"
    r"|modules?|audits?|experience|story|stories|pathways?|beds|bay|screening|programmes?|training|information"
    r"|placements?|rotations?|secondments?"
    r"|leaflets?|courses?|webinars?|study|studies|trials?|research|champions?|link nurse|awareness|friends"
    r"|huddles?|e-?learning|packs?|toolkits?|resources?|booklets?|guides?|videos?|websites?|campaigns?|posters?"
    r"|strateg(?:y|ies)|frameworks?|quiz(?:zes)?|newsletters?|podcasts?"
    r"|demos?|demonstrations?|talks?|lectures?|presentations?|workshops?|teaching|tutorials?|masterclass(?:es)?"
    r"|reports?|redesign|templates?|dashboards?|rates|policy|policies|guidelines?|statistics|stats|figures"
    # a population's measure: "HIV testing uptake", "screening coverage", "the prevalence of diabetes"
    r"|uptake|coverage|targets?|kpis?|metrics?|indicators?|prevalence|incidence"
    r"|education[ \t]+(?:days?|events?|evenings?|mornings?)|study[ \t]+days?|open[ \t]+days?|away[ \t]+days?|conferences?"
    r"|seminars?|symposi(?:um|a)|qualifications?|competenc(?:y|ies)|skills|expertise|certificates?"
    r"|of luck|of genius)\b",
    re.I,
)
# After a named person's "'s" and a word of care, the project it names: "Claire Example's
# catheter trial summary", "Ian Example's wound dressing evaluation" (their work, not their care);
# or the criteria, guidance or patients of their service ("Mr Example's referral criteria for
# bariatric surgery", "Miss Example's surgery patients"), which only a clinician has.
_PROJECT_AFTER_RE = re.compile(
    r"[\w'\u2019\-]+(?:[ \t]+(?!(?:has|have|had|is|are|was|were|will|would|can|could|he|she|they)\b)[\w'\u2019\-]+){0,2}?"
    r"[ \t]+(?:trials?|evaluations?|audits?|masterclass(?:es)?|sessions?|study|studies|projects?|training|teaching"
    r"|criteria|guidance|guidelines?|protocols?|thresholds?|patients|caseload)\b",
    re.I,
)


# A patient's initials alone first on a line, before a date of birth, as a note or a handover
# writes them ("JP 12/03/1948 - ?PE", "pt AB 01.02.1950"); a code or a department's letters
# are not ("GP", "ED", "DOB").
_INITIALS_ALONE_RE = re.compile(r"[ \t>*\-\u2022]*(?:(?i:pt|patient)\.?[ \t]+)?([A-Z]{2,3})[ \t]*[(\[,:\-\u2013]?[ \t]*")
_NOT_INITIALS = frozenset(("GP", "ED", "AE", "CT", "MRI", "ECG", "CXR", "DOB", "REF", "NHS", "NO", "UK", "AM", "PM"))


# After initials and a date, what was done that day: a document's history, an asset's
# service log ("JP 12/03/2008 - First issue of adult sepsis guideline", "GH 12.06.2004 -
# installed, ward 9 cardiac arrest trolley", "MT 11.01.2010 - firmware update").
_EVENT_AFTER_DATE_RE = re.compile(
    r"(?i)[ \t]*[\-\u2013\u2014:,]?[ \t]*(?:first[ \t]+issue|(?:re-?)?issued?|revised|amended|aligned"
    r"|approved|ratified|installed|serviced|calibrated|decommissioned|firmware|version|v[0-9])\b"
)
_LOG_REACH = 600  # characters either side of a line of initials and a date in which its log's other lines are read


def _initials_logged(text: str, start: int, initials: str, date: str) -> bool:
    """The same initials start another line near ``start`` with another date: a log of one
    person's entries (a CPD log, a document's authors, an engineer's visits), where a
    patient has one date of birth ("KH 14/02/2009 - PILS" / "KH 22/09/2010 - NLS")."""
    low = max(0, start - _LOG_REACH)
    others = re.finditer(rf"(?m)^[ \t>*\-\u2022]*{re.escape(initials)}[ \t]*[(\[,:\-\u2013]?[ \t]*([0-9][0-9/.\-]{{5,9}})",
                         text[low:start + _LOG_REACH])
    return any(m.group(1) != date for m in others)


# A greeting and its reader's name, then a comma, first on a line that goes on (Outlook writes a
# paragraph as one line).
_GREETING_CLAUSE_RE = re.compile(r"[ \t>]*(?:Dear|Hi|Hello|Hiya)[ \t]+[^,\n]{1,40},[ \t]*")


def _dob_after_name(text: str, start: int, today_year: int, terms: Sequence[int] = ()) -> bool:
    """A date of birth starts at ``start``, right after a person's name on its line; or
    after their initials alone (_INITIALS_ALONE_RE), a health term that speaks of health
    then on that line after the date."""
    m = DATE_RE.match(text, start)
    if m is None or not date_ok(m) or _TIME_AFTER_RE.match(text, m.end()) or _RANGE_AFTER_RE.match(text, m.end()):
        return False
    year = _date_year(m, today_year)
    if year is None or year > today_year - 1:
        return False
    if year > today_year - _EVENT_YEARS and _EVENT_RE.search(text, max(0, start - _EVENT_REACH), start):
        return False  # "Course: Dementia Awareness" / "Ross Lewis 03/05/2021": when each completed it
    line_start = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    window = text[line_start:start]
    greeting = _GREETING_CLAUSE_RE.match(window)
    if greeting is not None:
        window = window[greeting.end():]  # "Dear Dr Karim, Helen Example (06/10/1949)": the reader, then the person
    mark = _MARK_AFTER_NAME_RE.search(window)
    if mark is not None:
        window = window[:mark.start()]
    title_only_ok = year <= today_year - 16
    if (not _named(window, title_only_ok) and not _named(_wrapped_name(text, line_start, window), title_only_ok)
            and not (terms and not window.strip() and _named_above(text, line_start, m.end(), title_only_ok))):
        initials = _INITIALS_ALONE_RE.fullmatch(window)
        if (initials is None or initials.group(1) in _NOT_INITIALS or year > today_year - 16
                or not _health_between(text, terms, m.end(), line_bounds(text, start)[1])
                or _EVENT_AFTER_DATE_RE.match(text, m.end()) or _initials_logged(text, start, initials.group(1), m.group())):
            return False
    # (after the name: most dates in a table follow no one's, and this reads the whole line)
    if _member_of_staff(text, line_start, line_bounds(text, start)[1], start):
        return False  # an employee's record, a clinician's CV, a job title or their pension beside the date
    return not _under_header(text, start)


# A record's values one per line, as a form's data or a printed label lays them out: a name
# alone on its line, an identifier or two alone on the lines under it, then the date alone
# ("Mr Raymond Example" / "5103138034" / "1948-02-27").
_STACKED_ID_RE = re.compile(r"[ \t]*[A-Za-z]{0,3}[0-9][0-9 \-]{3,16}[A-Za-z]?[ \t\r]*")
_STACKED_IDS = 2  # identifier lines between the name's and the date's
_STACKED_NAME_MAX = 60  # characters: a name's line


def _named_above(text: str, line_start: int, date_end: int, title_only_ok: bool) -> bool:
    """The date ending at ``date_end`` is alone on its line (at ``line_start``) under a name alone
    on a line above it, with identifiers alone on the lines between (_STACKED_ID_RE): one at
    least, unless the name may be a title and a family name alone (a birth date's year old
    enough, ``title_only_ok``)."""
    if text[date_end:line_bounds(text, date_end)[1]].strip(" \t\r.,"):
        return False
    pos = line_start
    ids = 0
    while pos > 0:
        above = text.rfind("\n", 0, pos - 1) + 1
        line = text[above:pos - 1]
        if ids < _STACKED_IDS and _STACKED_ID_RE.fullmatch(line) and identifier_ok(line.strip()):
            ids += 1
            pos = above
            continue
        name = line.strip(" \t\r")
        return (bool(ids or title_only_ok) and 0 < len(name) <= _STACKED_NAME_MAX and ":" not in name
                and _NAME_BEFORE_RE.match(name) is not None and _named(name, title_only_ok=True))
    return False


# A line that starts with a name's last words and then its date: the name's first words end
# the line above, where a hard wrap left them ("... for Mrs Gwendolyn" / "Whitaker (17/03/1952)").
# (Not a field's label: "Name: Ashley Example" / "DOB: 03/09/1995".)
_WRAPPED_NAME_RE = regex.compile(rf"[ \t>]*{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})?[ \t]*[(\[,\-\u2013\u2014]?[ \t]*")
_WRAP_REACH = 120  # characters of the line above read with the name's last words
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _wrapped_name(text: str, line_start: int, window: str) -> str:
    """``window`` (the start of a line, up to a date) with the end of the line above before it
    when the window is a name's last words alone and the line above runs on into them (no
    sentence's or field's end): the name a hard wrap split. Else ""."""
    if not line_start or text[line_start - 1] != "\n" or not _WRAPPED_NAME_RE.fullmatch(window):
        return ""
    words = word_text(window).lower().split()
    if any(word in DOB_LABELS or word in _NOT_FAMILY or word in _CALENDAR_WORDS for word in words):
        return ""  # a field's label, a place's word, a day's name before its date ("Monday 03/09/2021")
    above = text.rfind("\n", max(0, line_start - 1 - _WRAP_REACH), line_start - 1) + 1
    if not above:
        above = max(0, line_start - 1 - _WRAP_REACH)
    prev = text[above:line_start - 1].rstrip(" \t")
    if not prev or not prev[-1].isalpha():
        return ""
    return prev + " " + window.lstrip(" \t>")


_HEADER_REACH = 4000  # characters above a row in which its table's header row is looked for
TITLE_ROWS = 4  # title lines a table may have above its header row (a sheet, a pasted table)
# A blank line (white space alone, as Outlook leaves a "&nbsp;" paragraph), read backwards: "\n \n".
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\u00a0]*\n")


def _under_header(text: str, start: int) -> bool:
    """The line at ``start`` is a row of a table pasted under a header row (as many
    cells, no digits, a "Name" column): its date's column is named there
    ("Completed", "Appointment"), and a date-of-birth column is read as such elsewhere."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    cells = len(CELL_SPLIT_RE.findall(text, line_start, len(text) if line_end < 0 else line_end))
    if not cells:
        return False
    low = max(0, line_start - _HEADER_REACH)
    block = _BLANK_LINE_RE.search(text[low:line_start][::-1])  # the last blank line above (spaces allowed)
    first_start = line_start - block.start() if block is not None else (0 if low == 0 else text.find("\n", low) + 1)
    # The header row is the block's first line, or one under a few title lines
    # ("Mandatory training - compliance extract").
    for _ in range(TITLE_ROWS + 1):
        first_end = text.find("\n", first_start, line_start)
        if first_end < 0 or first_start >= line_start:
            return False
        header = text[first_start:first_end]
        if len(CELL_SPLIT_RE.findall(header)) == cells:
            break
        first_start = first_end + 1
    else:
        return False
    if any(ch.isdigit() for ch in header):
        return False
    # A header names its columns: one of names (not of patients', whose rows are patients).
    groups: set[str] = set()
    staff = False
    for cell in CELL_SPLIT_RE.split(header):
        groups |= header_groups(cell, whole=False)[0]
        staff = staff or word_text(cell).strip() in _STAFF_COLUMNS
    # ... or of staff, students or volunteers, whose dates of birth are no patients'
    return ("name" in groups or staff or "staff" in groups) and "pname" not in groups


# Columns of staff, whose dates are the column's (an action's due date, a document's date).
_STAFF_COLUMNS = frozenset(
    ("owner", "action owner", "author", "lead", "responsible", "assigned to", "reviewer", "approver",
     "manager", "signed off by", "approved by", "updated by", "completed by")
)


# --- a patient's name after a label ------------------------------------------------
#
# "Patient: Jane Example", "Patient name: EXAMPLE, Jane", "Service user: Mr J Example":
# the label first on its line (or after a tab or "|") with ":" after it, then a name:
# a given name from the list, a personal title, "SURNAME, Given" or an initial and a
# family name. "Patient: Discharge Summary" is a heading, not a name.

_PERSON_AFTER_RE = regex.compile(
    rf"(?P<title>(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+(?:{_PARTICLE})?)?"
    rf"(?P<name>(?:\p{{Lu}}\.?[ \t]+){{0,2}}{_NAME_TOKEN}(?:,?[ \t]+(?:(?:{_PARTICLE})?{_NAME_TOKEN}|\p{{Lu}}\.?(?!\p{{L}}))){{0,3}})"
)


def name_after_label(text: str, start: int, after: int) -> bool:
    """A patient's name after the name label and its colon at text[start:after]."""
    line_start, line_end = line_bounds(text, start)
    if not (_alone_before(text, line_start, start) or text[line_start:start].rstrip(" ")[-1:] in ("\t", "|", ";")):
        return False
    while after < line_end and text[after] in " \t":
        after += 1
    gap = _NEXT_FIELD_GAP_RE.search(text, after, line_end)  # a form's next field on the line ("Department: ...")
    return person_at(text, after, gap.start() if gap is not None else line_end)


_FIELD_GAP = "   "  # spaces that lay a form's fields out along a line, wider than any name's (person_at)
_NEXT_FIELD_GAP_RE = re.compile(_FIELD_GAP + " *|\t")  # ... or a tab, after a field's label


NAME_SAMPLE = 20  # rows whose name cell is read


def table_rows(text: str, pos: int, stop_at_blank: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each row of a table from offset ``pos``, blank rows passed over (or,
    with ``stop_at_blank``, ending the table)."""
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        start, pos = pos, end + 1
        if EMPTY_ROW_RE.fullmatch(text, start, end):
            if stop_at_blank:
                return
            continue
        yield start, end


def name_cell(cells: list[str], column: int) -> str:
    """The cell in ``column`` when it holds a person's name (a given name from the list, a
    personal title, "SURNAME, Given", an initial and a family name), else ""."""
    if column >= len(cells):
        return ""
    cell = cells[column].strip().strip("\"'").strip()
    return cell if cell and (person_at(cell, 0, len(cell)) or folded(cell) in given_names()) else ""


def names_in_column(text: str, pos: int, column: int, split: Callable[[str], list[str]],
                    stop_at_blank: bool = False, count: bool = True) -> int:
    """The rows from offset ``pos`` (up to a blank line with ``stop_at_blank``), when most
    of the first ``NAME_SAMPLE`` cells in ``column`` are people's names; else 0. Without
    ``count``, the rows after the sample are not counted (the result is then only true
    or false)."""
    checked = people = rows = 0
    for start, end in table_rows(text, pos, stop_at_blank):
        rows += 1
        if checked >= NAME_SAMPLE:
            if not count:
                break
            continue
        cells = split(text[start:end])
        if column < len(cells) and cells[column].strip().strip("\"'").strip():
            checked += 1
            people += bool(name_cell(cells, column))
    return rows if checked and 2 * people >= checked else 0


_TABLE_ROWS_READ = 200  # rows under a header read for names beside health
# Header words of a table whose rows are no patients, whatever their cells say: a course's,
# an exam's (an OSCE's "Chest pain" station), a quiz's, a conference's, a directory's
# extensions and bleeps (a contact's column says whom by its cells: _contacts_reach_rows).
_NOT_PATIENTS_TABLE_RE = re.compile(
    r"(?i)\b(?:candidates?|delegates?|stations?|score|scores|marks?|exam|quiz|answer|eponyms?|speakers?"
    r"|authors?|owner|assigned to|reported by|requested by|organi[sz]ation|company|employer|dietary"
    r"|workshops?|permit|vehicle|reg|gift|donations?|donors?|campaign|appeal|supporters?|skills?|trainers?"
    r"|queries|ext|extension|bleep"
    # staff's work by name: a journal club's papers, a conference's talks, a surgeon's cases and
    # outcomes, a competency's sign-off
    r"|papers?|talks?|cases|revision rates?|complication rates?|signed off|sign[- ]off|competenc(?:y|ies))\b"
)
# A contact's column: whom to ask at an organisation (a list of contacts, no patients'), or
# how to reach the row's own person, a phone number or an address (anyone's, patients' too).
_CONTACT_COLUMN_RE = re.compile(r"(?i)contacts?(?:[ ](?:details|no|number|info))?")
_REACH_RE = re.compile(r"\+?[0-9][0-9 ()\-]{8,}[0-9]|@")
# Header cells of the clinic a person is booked into ("Clinic", "Appointment type"): with
# when, a date or a time in the row's cells, a patient's appointment, its clinic their health;
# a job plan's or a template's clinics have a day or a session, no date.
_BOOKING_COLUMN_RE = re.compile(r"(?i)(?:clinic|appointment|appt)s?(?:[ ](?:type|name|booked|attending))?")
_WHEN_CELL_RE = re.compile(
    r"[ \t]*(?=[0-9])(?:[0-3]?[0-9][/.\-][01]?[0-9](?:[/.\-](?:[0-9]{4}|[0-9]{2}))?(?:[ \t,T]+|$))?"
    r"(?:[0-2]?[0-9][:.][0-5][0-9](?:[ \t]*(?i:am|pm))?)?[ \t]*"
)
# Header words of a column of places, teams and events: "Oncology", "Stroke" in it are where
# someone works, not what they have.
_PLACE_COLUMN_RE = re.compile(
    r"(?i)\b(?:department|dept|directorate|division|specialty|speciality|team|service|location|area|site|ward"
    r"|unit|clinic|base|venue|room|session|course|placement|interest)s?\b"
)
_SURNAME_CELLS = frozenset(("surname", "last name", "family name"))
# Header cells of free notes beside names ("Name | Time | Notes" with "post-op day 2"): a
# list of patients' when no cell names a staff column ("Name | Role | Shift | Notes" is a rota).
_NOTE_CELLS = frozenset(("notes", "note", "comments", "comment", "update", "updates", "progress", "nursing notes",
                         "clinical notes", "handover notes"))


# A rota's note beside a name, of a shift or its cover ("No paediatric sepsis cover - needs
# senior support", "Stroke thrombolysis trained", "Swap with Ella if on nights").
_ROTA_NOTE_RE = re.compile(
    r"(?i)\b(?:no[ \t][\w \t]{0,30}cover|cover (?:for|needed|required)|on[- ]call|rota|swap\w*|trained"
    r"|locum|on nights)\b"
)


# Header cells only a list of patients has: where each lies, their age, their plan, their
# care's needs, results, wounds, a theatre list's procedure, a care home's concerns, their
# problems, history and treatment (a rota's, a job plan's or a directory's names have none).
# A diagnosis's header ("Presenting problem", "Primary diagnosis": header_groups' "dx") is one too.
_PATIENT_COLUMN_RE = re.compile(
    r"(?i)^(?:bed|bed no|room|room no|age|\w+ \(age\)|plan|plans|management plan|operation|op|care needs|needs"
    r"|procedure|procedures|planned procedure|concerns|clinical concerns|health concerns"
    r"|health needs|support needs|nursing needs|results?|micro(?:biology)? result|bloods|hb|crp|wcc|egfr"
    r"|diet|diet / allergy|allergy|allergies|mobility|continence|dnacpr|resus|resus status|news2?|obs"
    r"|wound|wound type|dressing|dressings|histology|tumour site|site of tumour|symptoms|presenting complaint"
    r"|issues|clinical issues|medical issues|current issues|risk|risks|nok|next of kin"
    r"|diagnosis|working diagnosis|dx|condition|conditions|reason for referral|reason for admission"
    r"|(?:referred|admitted|seen|listed|attending) for|referral reason|reason for (?:visit|attendance|appointment|review)"
    r"|problem list|pmh|hpc"
    r"|(?:past )?medical history|treatment|treatments|current treatment|treatment plan"
    r"|medication|medications|current medication|meds|care plan|interventions?)$"
)
# A timetable's column of a session: a weekday, a half day, a numbered session ("Mon AM",
# "Tuesday", "Wed 12", "PM", "Session 2"). Its cells say what is on then (a job plan's
# clinic, a theatre's list), not what anyone has.
_WEEKDAY = r"(?:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_SESSION_CELL_RE = re.compile(
    rf"(?i)[ \t]*(?:{_WEEKDAY}\.?(?:[ \t]+[0-3]?[0-9](?:[/.][01]?[0-9])?)?(?:[ \t]*(?:am|pm|all day))?|am|pm"
    r"|(?:session|list)[ \t]*[0-9]{1,2})[ \t]*"
)
# Header words of a column whose cells say no one's health, whatever terms they hold: a talk's
# or a course's topic, a list's or a theatre's kind, an event, a role.
_NOT_CLINICAL_COLUMN_RE = re.compile(
    r"(?i)\b(?:topics?|subjects?|themes?|titles?|purposes?|types?|categor(?:y|ies)|lists?|theatres?|specialism"
    r"|expertise|focus|activit(?:y|ies)|events?|groups?|projects?|roles?|posts?|interests?|trained in|link|champions?"
    r"|leads?|trainers?|mentors?|responsib\w*)\b|\bfor$"  # "Link nurse for", "Contact for": what they answer for
)
# Header words of a table of staff's absence and shifts: the reasons beside their names are
# their own sickness, no patient's ("Name | Dates off | Reason" with "Flu").
# A sickness or absence record's reason column ("Reason", "Absence reason", "Reason for
# absence (ESR)"), and its people's column ("Employee", "Staff member"): whose cells name a
# condition row after row say each one's health, whoever they are (names_beside_health's cells).
_REASON_CELL_RE = re.compile(
    r"(?i)(?:(?:absence|sickness|sick)[ \t]+)?(?:reason|cause)(?:[ \t]+for[ \t]+(?:absence|sickness))?\b(?![ \t]+for[ \t]+leave)")
_EMPLOYEE_CELL_RE = re.compile(r"(?i)(?:employee|staff member|colleague)(?:[ \t]+name)?|name of employee")
_ABSENCE_TABLE_RE = re.compile(
    r"(?i)\b(?:absen\w+|sickness|sick|off sick|days? off|dates? off|leave|shifts?|rota|return to work|rtw|hours)\b"
)
# A patient's header of a column of names, shorter than header_groups' "pname": "Pt", "Pts".
_PT_CELLS = frozenset(("pt", "pts"))
# Where a patient lies and their age: beside them a bare surname is a name ("Bed | Pt | Age |
# Issues" with "Holloway"), the bed, the age and the problems saying who.
_BED_AGE_CELL_RE = re.compile(r"(?i)(?:bed|bay|side room|cubicle|room|age)(?:[ \t]*(?:no\.?|number|/[ \t]*\w+))?")
_BARE_SURNAME_RE = regex.compile(_NAME_TOKEN)
# A ward board's words where a patient's name would be: an empty or closed bed, a bay's sex.
_NOT_SURNAMES = frozenset(
    "empty vacant closed blocked escalation outlier outliers discharged transferred awaiting tbc tba yes no none "
    "male female side bay bed ward".split()
)


class _NameColumns(NamedTuple):
    """What a header row says of its table's columns (_name_table_columns)."""

    column: int  # the column of given names, or -1 for none or a table of no patients
    places: set[int]  # the columns of places and teams
    patients: bool  # the names' header says they are patients'
    noted: bool  # only a column of notes says they may be
    bookings: set[int]  # the columns of the clinics the rows are booked into
    contacts: set[int]  # the columns of contacts, read for whom they reach (_contacts_reach_rows)
    only_bookings: bool  # only those say the rows may be patients: the other cells are not read
    by_cells: bool = False  # no header says it: a column whose cells speak of health row after row does
    surnames: bool = False  # a list by bed and age: a bare surname in the column of names is a name
    others: frozenset[int] = frozenset()  # columns of other people's names ("Clinician name"): not the row's
    reasons: bool = False  # a sickness record's reason column: each row that names a condition counts


_NO_NAMES = _NameColumns(-1, set(), False, False, set(), set(), False)


def _other_name_columns(cells: list[str], column: int, family: int) -> set[int]:
    """The header's columns of other people's names than the row's (``column``, ``family``):
    "Clinician_Name", "Referrer name", someone the row's person sees or was sent by."""
    return {i for i, raw in enumerate(cells) if i not in (column, family) and "name" in header_groups(
        raw.strip().strip("\"'").strip(), whole=False)[0] and word_text(raw.strip().strip("\"'").strip()).strip()
        not in _SURNAME_CELLS}


def _name_table_columns(header: str, split: Callable[[str], list[str]]) -> _NameColumns:
    """What the header row ``header`` says of its table's columns (_header_name_columns); a
    sickness record's (a reason column, _REASON_CELL_RE, its words a code list's: "Reason (ESR
    category)") read by its cells beside its people, employees though they be (``reasons``)."""
    cells = split(header)
    reason = next((i for i, cell in enumerate(cells) if _REASON_CELL_RE.match(cell.strip().strip("\"'").strip())), -1)
    if reason < 0:
        return _header_name_columns(header, cells)
    cells = cells[:reason] + [""] + cells[reason + 1:]
    columns = _header_name_columns(header, cells)
    if columns.column >= 0 and not columns.by_cells or _NOT_PATIENTS_TABLE_RE.search(header) or any(
            ":" in cell.strip().rstrip(":") for cell in cells):
        return columns  # a patients' table whatever its reasons, a form's labels
    column = columns.column if columns.column >= 0 else next(
        (i for i, cell in enumerate(cells) if _EMPLOYEE_CELL_RE.fullmatch(cell.strip().strip("\"'").strip())), -1)
    if column < 0:
        return columns
    places = {i for i, cell in enumerate(cells) if i != column and cell.strip() and (
        _PLACE_COLUMN_RE.search(cell) or _SESSION_CELL_RE.fullmatch(cell.strip()) or _NOT_CLINICAL_COLUMN_RE.search(cell))}
    contacts = {i for i, cell in enumerate(cells) if _CONTACT_COLUMN_RE.fullmatch(cell.strip())}
    return _NameColumns(column, places, False, False, set(), contacts, False, by_cells=True,
                        others=frozenset(_other_name_columns(cells, column, -1)), reasons=True)


def _header_name_columns(header: str, cells: list[str]) -> _NameColumns:
    """What the header row ``header`` says of its table's columns (_NameColumns).
    A table of names is patients' beside a column only such a list has (_PATIENT_COLUMN_RE:
    a bed, an age, a plan, care needs, a procedure, problems, treatment; a diagnosis's), a
    column of notes without a staff column (_NOTE_CELLS) nor a place's (a patient's place is
    their bed: "Name | Ward | Comments" is staff's feedback from where they work), or under a
    patients' header ("Patient", "Pt"); a staff word (a job title, a band, a grade) then means
    what the cells say ("Grade" of a pressure ulcer, "Band" of a gastric band). A contact's
    column is read by its cells, and a clinic's column is a booking's in a table of no staff,
    its rows read for a date or a time. In a table of no staff whose header says none of that,
    a column whose cells speak of health row after row says it (``by_cells``), but a place's,
    a session's ("Mon AM": a job plan's) or a topic's (_NOT_CLINICAL_COLUMN_RE) (names_beside_health)."""
    if _NOT_PATIENTS_TABLE_RE.search(header):
        return _NO_NAMES
    column = -1
    places: set[int] = set()
    bookings: set[int] = set()
    contacts: set[int] = set()
    unread: set[int] = set()  # columns whose cells say no one's health (_NOT_CLINICAL_COLUMN_RE)
    patients = staff = listed = noted = bedded = False
    family = -1  # a column of family names ("Surname"): the names', when no other column is
    for i, raw in enumerate(cells):
        cell = raw.strip().strip("\"'").strip()
        if ":" in cell.rstrip(":"):
            return _NO_NAMES  # a form's "Patient name: e.g. John Smith | DOB: ...", no header row
        groups = header_groups(cell, whole=False)[0]
        staff = staff or "staff" in groups
        listed = (listed or _PATIENT_COLUMN_RE.match(cell) is not None or cell.lower().endswith("(age)")
                  or "dx" in groups)
        noted = noted or cell.lower() in _NOTE_CELLS
        bedded = bedded or _BED_AGE_CELL_RE.fullmatch(cell) is not None
        words = word_text(cell).strip()
        if column < 0 and (("name" in groups or "pname" in groups) and words not in _SURNAME_CELLS
                           or words in _PT_CELLS):
            column, patients = i, "pname" in groups or words in _PT_CELLS
        elif family < 0 and words in _SURNAME_CELLS:
            family = i
        elif _BOOKING_COLUMN_RE.fullmatch(cell):
            bookings.add(i)
        elif _CONTACT_COLUMN_RE.fullmatch(cell):
            contacts.add(i)
        elif _PLACE_COLUMN_RE.search(cell) or _SESSION_CELL_RE.fullmatch(cell):
            places.add(i)
        elif _NOT_CLINICAL_COLUMN_RE.search(cell):
            unread.add(i)
    if column < 0 and family >= 0 and bedded and listed:
        column = family  # "Bed | Surname | Age | Dx": a ward board's patients by family name alone
    others = _other_name_columns(cells, column, family)
    if staff:
        places |= bookings  # a clinic's column in a table of staff is where they work
        bookings = set()
    readable = patients or listed or (noted and not staff and not places)
    if not (readable or bookings):
        if staff or noted or column < 0 or _ABSENCE_TABLE_RE.search(header):
            return _NO_NAMES  # notes beside a place's column are staff's from where they work
        return _NameColumns(column, places | unread, False, False, set(), contacts, False, by_cells=True,
                            others=frozenset(others))
    if staff and not listed:
        return _NO_NAMES
    return _NameColumns(column, places, patients, not (patients or listed), bookings, contacts, not readable,
                        surnames=bedded and listed, others=frozenset(others))


def _bare_surname(line: str, cells: list[str], column: int, terms: Sequence[int], row_start: int) -> bool:
    """The row's cell in ``column`` is a family name alone ("Holloway", "O'NEILL"), no word a
    ward board writes in a bed's place ("Empty", "Closed") nor a health term (the row ``line``
    starts at ``row_start`` in the text of ``terms``)."""
    if column >= len(cells):
        return False
    raw = cells[column]
    cell = raw.strip().strip("\"'").strip()
    if not cell or _BARE_SURNAME_RE.fullmatch(cell) is None or folded(cell) in _NOT_SURNAMES:
        return False
    at = row_start + line.find(raw)
    i = bisect.bisect_left(terms, at)
    return not (i < len(terms) and terms[i] < at + len(raw))


# A measure's value in a cell: a figure, perhaps with its unit ("18", "7.2", "<5", "48 mmol/mol").
_MEASURE_VALUE_RE = re.compile(r"[ \t]*[<>]?[0-9]{1,4}(?:\.[0-9]{1,2})?(?:[ \t]?[A-Za-z\u00b5][A-Za-z/\u00b5]{0,9})?[ \t]*")


def _measure_columns(text: str, terms: Sequence[int], header_start: int, header_end: int,
                     split: Callable[[str], list[str]], columns: _NameColumns) -> list[int]:
    """The header's columns (text[header_start:header_end]) headed by a health term (a test, a
    reading, a clinical questionnaire: "HbA1c", "PHQ-9", "Suicidal ideation item"), not the
    names', a place's, a booking's, a contact's or another person's, nor a topic's or a
    course's (_NOT_CLINICAL_COLUMN_RE, _STAFF_RECORD_RE: "Diabetes module", "Sepsis training
    hours"): a figure under one is a measure of that row's person."""
    i = bisect.bisect_left(terms, header_start)
    if i == len(terms) or terms[i] >= header_end:
        return []
    line = text[header_start:header_end]
    cells = split(line)
    spans = _cell_spans(line, cells, header_start)
    skip = {columns.column} | columns.places | columns.bookings | columns.contacts | columns.others
    found: list[int] = []
    while i < len(terms) and terms[i] < header_end:
        k = _column_at(spans, terms[i])
        if (k >= 0 and k not in skip and k not in found and not _NOT_CLINICAL_COLUMN_RE.search(cells[k])
                and not _STAFF_RECORD_RE.search(cells[k])):
            found.append(k)
        i += 1
    return found


def _cell_spans(line: str, cells: list[str], row_start: int) -> list[tuple[int, int]]:
    """Where each of the row's ``cells`` is in the text (the row ``line`` starts at ``row_start``)."""
    spans, cursor = [], 0
    for raw in cells:
        at = line.find(raw, cursor)
        at = cursor if at < 0 else at
        spans.append((row_start + at, row_start + at + len(raw)))
        cursor = at + len(raw)
    return spans


def _column_at(spans: list[tuple[int, int]], pos: int) -> int:
    return next((k for k, (a, b) in enumerate(spans) if a <= pos < b), -1)


def names_beside_health(text: str, header_start: int, header_end: int, split: Callable[[str], list[str]],
                        terms: Sequence[int], stop_at_blank: bool) -> int:
    """Rows under the header at text[header_start:header_end] whose cell in its column of
    names holds a person's name, and whose other cells say something of health (a health
    term about health, _about_health, outside a column of places or teams): "Name | Ward |
    Bed | Plan" with "DKA protocol", "Surname | Forename | Operation", "First name | Room |
    Care needs". A table that names its rows as staff, students, delegates or an exam's
    candidates is none. Counted when two rows or more are; under a header that names them as
    patients ("Name & address of patient"), every named row. Under a header that says none of
    that, one column must speak of health in most named rows ("Name | Problem", "Name | Visit
    | Details"); beside a bed's and an age's column, a bare surname is a name ("Bed | Pt |
    Age | Issues"). A column headed by a measure of health (a test, a reading, a clinical
    questionnaire: "HbA1c", "PHQ-9") says it of each named row with a figure in it
    (_measure_columns)."""
    columns = _name_table_columns(text[header_start:header_end], split)
    column, surnames = columns.column, columns.surnames
    if column < 0 or columns.contacts and not _contacts_reach_rows(
            text, header_end + 1, columns.contacts, split, stop_at_blank):
        return 0
    measures = _measure_columns(text, terms, header_start, header_end, split, columns)
    if columns.by_cells and _staff_list_above(text, header_start):
        return 0
    found = named = bare = filled = rows = 0
    clinical: dict[int, int] = {}  # by_cells: named rows with health in each column
    told: list[str] | None = None  # the cells of the last named row whose health is said
    for row_start, end in itertools.islice(table_rows(text, header_end + 1, stop_at_blank), _TABLE_ROWS_READ):
        line = text[row_start:end]
        cells = split(line)
        rows += 1
        if surnames and column < len(cells) and cells[column].strip():
            filled += 1
        full = bool(name_cell(cells, column))
        if not (full or surnames and _bare_surname(line, cells, column, terms, row_start)):
            continue
        bare += not full
        named += 1
        if columns.patients:  # "Name & address of patient": each named row is one, the health said anywhere
            found += 1
            told = cells
        elif not (columns.noted and _ROTA_NOTE_RE.search(line)):  # not a rota's note of a shift ("No sepsis cover")
            said = _health_columns(text, terms, line, cells, row_start, columns) or [
                k for k in measures if k < len(cells) and _MEASURE_VALUE_RE.fullmatch(cells[k])]
            found += bool(said)
            told = cells if said else told
            for k in said:
                clinical[k] = clinical.get(k, 0) + 1
    if bare and 2 * bare < filled:
        return 0  # most of the column is no surname: its words are something else's
    if rows == 1 and named == 1 and told is not None and not bare and _one_identified(
            split(text[header_start:header_end]), told, column):
        return 1  # a table of one row, one person's record: a contact card's, an event's
    if columns.by_cells and not columns.reasons:
        # a column whose cells speak of health row after row is a clinical one, whatever its heading
        best = max(clinical.values(), default=0)
        found = best if best >= 2 and 2 * best > named else 0
    return found if found >= 2 or (columns.patients and found) else 0


# Header cells of how to find the row's own person at home: their address, postcode or phone.
_HOME_COLUMN_RE = re.compile(
    r"(?i)(?:home[ ]|postal[ ]|street[ ])?address(?:[ ]line[ ]?1)?|post[ ]?code|(?:home[ ]|mobile[ ])?(?:phone|tel"
    r"|telephone)(?:[ ](?:no|number))?|mobile")
# A name with a personal title, not a clinician's ("Mrs Joan Example"; "Dr Example" is staff's as often).
_LAY_TITLED_RE = re.compile(r"(?i)(?:mr|mrs|ms|miss|mx)\.?[ \t]+\w")


def _one_identified(header: list[str], cells: list[str], column: int) -> bool:
    """A table's one row, whose person's health its cells say (a record: a contact card, a
    calendar's event, a map's place), says who they are beyond a name: by a personal title
    ("Mrs Joan Example"), or with their address or phone number in its cells ("Name | Address
    | Notes"). A name alone in one row may be anyone's (a contact, an author)."""
    if _LAY_TITLED_RE.match(cells[column].strip().strip("\"'")):
        return True
    return any(k < len(cells) and _HOME_COLUMN_RE.fullmatch(cell.strip().strip("\"'").strip())
               and any(ch.isalnum() for ch in cells[k]) for k, cell in enumerate(header) if k != column)


def _role_elsewhere(text: str, term: int, spans: list[tuple[int, int]], others: frozenset[int]) -> bool:
    """The health term at ``term`` speaks of health but for a job's word on its row
    (_ROLE_LINE_RE), each one in a column of another person's name ("Dr K Example (OH
    Physician)" under "Clinician name"): the clinician the row's person sees, not their own job."""
    if not _about_health(text, term, roles=False):
        return False
    line_start, line_end = line_bounds(text, term)
    found = False
    for m in _ROLE_LINE_RE.finditer(text, line_start, line_end):
        if _column_at(spans, m.start()) not in others:
            return False
        found = True
    return found


def _health_columns(text: str, terms: Sequence[int], line: str, cells: list[str], row_start: int,
                    columns: _NameColumns) -> list[int]:
    """The columns of a named row (``line`` at ``row_start``, its ``cells``) that speak of
    health (names_beside_health): the clinic it is booked into at a date or a time ("Memory
    Clinic": the patient's), or a health term about health in a cell not of names nor a
    place's; the first one found, or (``by_cells``) each one."""
    spans = _cell_spans(line, cells, row_start)
    booked = bool(columns.bookings) and any(
        _WHEN_CELL_RE.fullmatch(c) for k, c in enumerate(cells) if k != columns.column)
    said: list[int] = []
    i = bisect.bisect_left(terms, row_start)
    end = row_start + len(line)
    while i < len(terms) and terms[i] < end:
        where = _column_at(spans, terms[i])
        if where in columns.bookings:
            if booked and not _ROTA_NOTE_RE.search(line):
                return [where]
        elif (where != columns.column and where not in columns.places and not columns.only_bookings
              and where not in said and (_about_health(text, terms[i]) or columns.others and _role_elsewhere(
                  text, terms[i], spans, columns.others))):
            said.append(where)
            if not columns.by_cells:
                break
        i += 1
    return said


# A member of staff's cell in a row with no header: a grade, a band, a bleep or an extension,
# a registration, a job title ("Staff Nurse", "HCA", "FY1", "bleep 1489", "ext 4412").
_STAFF_CELL_RE = re.compile(
    r"(?i)\b(?:band[ \t]?[1-9][abc]?|fy[12]|ct[1-3]|st[1-8]|spr|sho|hca|hcsw|rgn|rmn|staff nurse|bleep|ext\.?[ \t]?[0-9]"
    r"|nmc|gmc|wte|on[- ]call|locum)\b"
)
# A cell that is a specialty's or a department's name, a directory's (not what anyone has):
# "Oncology", "Diabetes & Endocrine", "Neurology (epilepsy, MS)", "Respiratory medicine".
_SPECIALTY_CELL_RE = re.compile(
    r"(?i)[ \t]*(?:(?:acute|general|elderly|paediatric|adult|clinical|medical|surgical|community|"
    r"interventional)[ \t]+)?(?:\w*olog(?:y|ies)|\w*iatrics?|orthopaedics|obstetrics|gynae\w*|respiratory|cardiac"
    r"|renal|vascular|stroke|diabetes|endocrine|gastro\w*|hepatology|breast|colorectal|upper gi|ent|eyes|urology"
    r"|sexual health|mental health|palliative care|elderly care|care of the elderly|medicine|surgery|t&o)"
    r"(?:[ \t]*(?:&|and|/)[ \t]*[\w ]+?)?(?:[ \t]+(?:medicine|surgery|service|team))?[ \t]*(?:\([^()\n]*\))?[ \t]*"
)
# A title's words, each capitalised ("Young Onset Dementia", "Living With Heart Failure"): a
# talk's or a session's, not a note of what someone has.
_TITLE_CASE_RE = regex.compile(r"[ \t]*\p{Lu}[\p{L}'\u2019\-]+(?:[ \t]+(?:\p{Lu}[\p{L}'\u2019\-]*|&|[0-9]+|:))+[ \t]*")
_UNHEADED_LEADS = 3  # columns in which a headerless table's column of names is looked for


def names_beside_health_unheaded(text: str, pos: int, split: Callable[[str], list[str]], terms: Sequence[int],
                                 stop_at_blank: bool) -> int:
    """Rows of a table with no header row, from offset ``pos`` (its first row a row of data):
    one column's cells are people's names alone, in a name's shape ("SMITH, John", "John
    Smith", "SMITH John"), another column speaks of health in most of their rows ("Smith,
    John | Bed 3 | COPD exacerbation | home Tues"). Counted when two rows or more are. Not a
    staff list's (a grade, a bleep, a job title, a course on a row: a rota's, a training
    record's), nor a directory's (the health column a specialty's names: "Oncology")."""
    found = table_rows(text, pos, stop_at_blank)
    first = next(found, None)
    if first is None:
        return 0
    cells = split(text[first[0]:first[1]])
    # the column of names, from the first row (before the others are split)
    column = next((k for k in range(_UNHEADED_LEADS) if _whole_name(cells, k)), -1)
    if column < 0:
        return 0
    rows = [(*first, cells)] + [(start, end, split(text[start:end])) for start, end in
                                itertools.islice(found, _TABLE_ROWS_READ - 1)]
    if len(rows) < 2 or _staff_list_above(text, pos):
        return 0
    named = [(start, end, cells) for start, end, cells in rows if _whole_name(cells, column)]
    if len(named) < 2 or 3 * len(named) < 2 * len(rows):
        return 0
    clinical: dict[int, list[str]] = {}  # the cells of each column that speak of health
    for start, end, cells in named:
        line = text[start:end]
        if (_STAFF_CELL_RE.search(line) or _JOB_TITLE_RE.search(line) or _STAFF_RECORD_RE.search(line)
                or _STAFF_POST_RE.search(line)):
            return 0  # a rota's, a training record's or a team's row
        if "@" in line:
            return 0  # a contact list's row: a private mailbox beside health is mailboxes.mailbox_rows' to read
        spans = _cell_spans(line, cells, start)
        said: set[int] = set()
        i = bisect.bisect_left(terms, start)
        while i < len(terms) and terms[i] < end:
            where = _column_at(spans, terms[i])
            if where not in (column, -1) and where not in said and _about_health(text, terms[i]):
                said.add(where)
                clinical.setdefault(where, []).append(cells[where])
            i += 1
    said_most = max(clinical.values(), key=len, default=[])
    if len(said_most) < 2 or 2 * len(said_most) <= len(named):
        return 0
    if 2 * sum(1 for cell in said_most if _SPECIALTY_CELL_RE.fullmatch(cell) or _TITLE_CASE_RE.fullmatch(cell)) >= len(
            said_most):
        return 0  # a directory's specialties, a programme's talks ("Living With Heart Failure")
    return len(said_most)


# --- a table with no header row, its columns typed by their values ------------------

_TYPED_ROWS = 100  # rows of a headerless table whose cells are read for its columns' types
_TYPED_SHARE = 0.8  # of a column's cells of the type: a title's row or a header's stray row aside
_BIRTH_SPAN = 10  # years from a column's earliest date to its latest at least: births', not a quarter's events
_POSTCODE_CELL_RE = re.compile(_POSTCODE)
_RECORD_CELL_RE = re.compile(r"[A-Za-z]{0,3}[0-9]{5,10}")


class Unheaded(NamedTuple):
    """What a headerless table's columns are, by their values (typed_columns)."""

    rows: int  # the table's rows, 0 when it identifies no one
    dob: bool  # a column of dates of birth
    names: bool  # a column of people's names, or a family name's and a given name's side by side
    ids: bool  # a column of record numbers
    address: bool  # a column of postcodes


_NOT_TYPED = Unheaded(0, False, False, False, False)


def _typed_row_gate(text: str, start: int, end: int) -> bool:
    """The first row, text[start:end], holds a date, a record number or a postcode: a row of
    data, not a header's, with the figures without which no typed column identifies anyone (a
    cheap look before the cells are read)."""
    if _DIGIT_RE.search(text, start, end) is None:
        return False  # a header's words
    return bool(row_dates(text, start, end) or _ID_TOKEN_RE.search(text, start, end)
                or _POSTCODE_CELL_RE.search(text, start, end))


def _birth_dates(values: list[str], need: float) -> bool:
    """Most of ``values`` are dates alone, past ones spread over decades (a list's births, not
    its appointments: those fall within a year or two)."""
    years = []
    for value in values:
        m = DATE_RE.fullmatch(value)
        year = _date_year(m, _THIS_YEAR) if m is not None and date_ok(m) else None
        if year is not None:
            years.append(year)
    return len(years) >= need and max(years) <= _THIS_YEAR and max(years) - min(years) >= _BIRTH_SPAN


def _record_numbers(values: list[str], need: float) -> bool:
    """Most of ``values`` are record numbers of one length, each a different one."""
    ids = [v for v in values if _RECORD_CELL_RE.fullmatch(v) and identifier_ok(v)]
    if len(ids) < need or 10 * len(set(ids)) < 9 * len(ids):
        return False
    lengths: dict[int, int] = {}
    for v in ids:
        lengths[len(v)] = lengths.get(len(v), 0) + 1
    return max(lengths.values()) >= need


def _name_words(values: list[str], need: float) -> tuple[bool, int]:
    """(most of ``values`` are one name's word each, how many are given names)."""
    names = given_names()
    words = given = 0
    for value in values:
        if _BARE_SURNAME_RE.fullmatch(value) and folded(value) not in _NOT_SURNAMES:
            words += 1
            given += folded(value) in names
    return words >= need, given


def typed_columns(text: str, pos: int, split: Callable[[str], list[str]], stop_at_blank: bool) -> Unheaded:
    """A table with no header row, from offset ``pos`` (a PAS dump, a query's output pasted
    without its column names), typed by its cells' values: a column of dates of birth (dates
    spread over decades), of people's names (a whole name in one cell, or a family name's
    column beside a given name's: "KAUR,TOMASZ"), of record numbers (of one length, each
    different), of postcodes. Its rows identify patients as a header's columns would when
    names come with a date of birth, a record number or a postcode, or a date of birth with a
    record number. Its first row is data (a header's words say what the columns are:
    names_beside_health). Not a staff list's (a grade, a band, a job title on a row)."""
    found = table_rows(text, pos, stop_at_blank)
    first = next(found, None)
    if first is None or not _typed_row_gate(text, *first):
        return _NOT_TYPED
    rows = [first, *itertools.islice(found, _TYPED_ROWS - 1)]
    if len(rows) < 2:
        return _NOT_TYPED
    table = [[c.strip().strip("\"'").strip() for c in split(text[start:end])] for start, end in rows]
    width = max(len(cells) for cells in table)
    if width < 2:
        return _NOT_TYPED
    need = _TYPED_SHARE * len(table)
    dob = ids = address = False
    names = -1
    words: list[tuple[bool, int]] = []
    for k in range(width):
        values = [cells[k] for cells in table if k < len(cells) and cells[k]]
        if len(values) < need:
            words.append((False, 0))
            continue
        column_need = _TYPED_SHARE * len(values)
        dob = dob or _birth_dates(values, column_need)
        ids = ids or _record_numbers(values, column_need)
        address = address or sum(1 for v in values if _POSTCODE_CELL_RE.fullmatch(v)) >= column_need
        if names < 0 and sum(1 for v in values if _PERSON_AFTER_RE.fullmatch(v) and person_at(v, 0, len(v))) >= column_need:
            names = k
        words.append(_name_words(values, column_need))
    if names < 0:
        # a family name's column beside a given name's, either first: most of one are given names
        names = next((k for k in range(width - 1) if words[k][0] and words[k + 1][0]
                      and 2 * max(words[k][1], words[k + 1][1]) >= len(table)), -1)
    if not (names >= 0 and (dob or ids or address) or dob and ids):
        return _NOT_TYPED
    for start, end in rows:
        line = text[start:end]
        if _STAFF_CELL_RE.search(line) or _JOB_TITLE_RE.search(line) or _STAFF_POST_RE.search(line):
            return _NOT_TYPED  # a staff list's row
    if _staff_list_above(text, pos):
        return _NOT_TYPED
    count = len(rows) + sum(1 for _ in table_rows(text, rows[-1][1] + 1, stop_at_blank)) if len(rows) == _TYPED_ROWS \
        else len(rows)
    return Unheaded(count, dob, names >= 0, ids, address)


def _staff_list_above(text: str, pos: int) -> bool:
    """The lines introducing the table at ``pos`` say it is an event's programme, a rota or
    staff's allocations (_EVENT_LIST_RE, _STAFF_LIST_RE)."""
    intro = _list_intro_start(text, pos)
    return _EVENT_LIST_RE.search(text, intro, pos) is not None or _STAFF_LIST_RE.search(text, intro, pos) is not None


def _whole_name(cells: list[str], column: int) -> bool:
    """The cell in ``column`` is a person's name and nothing else (a bracket or a dash after
    it makes it something else's: "Mr Lau (cataract)" is a surgeon's list)."""
    if column >= len(cells):
        return False
    cell = cells[column].strip().strip("\"'").strip()
    return bool(cell) and _PERSON_AFTER_RE.fullmatch(cell) is not None and person_at(cell, 0, len(cell))


# A session grid's header: a cell that is a session (_SESSION_CELL_RE) between delimiters.
_SESSION_HEADER_CELL_RE = re.compile(
    rf"(?im)(?:^|[\t|])[ \t>]*(?:{_WEEKDAY}\.?(?:[ \t]+[0-3]?[0-9](?:[/.][01]?[0-9])?)?(?:[ \t]*(?:am|pm))?|am|pm)"
    r"[ \t]*(?=[\t|\r]|$)"
)
# The first cell of a session grid's header or rows: a theatre, a room, a list, a half day.
_SESSION_PLACE_RE = re.compile(
    r"(?i)[ \t>]*(?:theatres?|th|rooms?|rm|suites?|labs?|cath lab|lists?|sessions?|am|pm|morning|afternoon|evening"
    r"|opd\w*|clinic rooms?)\b"
)


def _delimited_rows(text: str, pos: int, delim: str) -> list[tuple[int, int]]:
    """(start, end) of the rows from ``pos`` up to a blank line or a line without ``delim``."""
    rows = []
    for start, end in itertools.islice(table_rows(text, pos, stop_at_blank=True), _TABLE_ROWS_READ):
        if delim not in text[start:end]:
            break
        rows.append((start, end))
    return rows


def outside_session_grids(text: str, terms: Sequence[int]) -> Sequence[int]:
    """``terms`` without those in a session grid's rows: a timetable whose columns are
    sessions ("Mon AM", "Tuesday": _SESSION_CELL_RE) and whose rows are theatres, rooms or
    lists ("Th 1", "Room 4", "AM"). Each of its cells is whose list or clinic a session is and
    of what kind ("Mr Lau (cataract)", "Mrs Daly - Gynae onc"): a surgeon's or a clinician's,
    no patient's with their condition. (A clinic's grid of appointments has times for rows.)"""
    if not terms or ("\t" not in text and "|" not in text):
        return terms
    grids: list[tuple[int, int]] = []
    done = -1
    for m in _SESSION_HEADER_CELL_RE.finditer(text):
        if m.start() <= done:
            continue
        line_start, line_end = line_bounds(text, m.start() + 1 if text[m.start()] in "\t|" else m.start())
        done = line_end
        header = text[line_start:line_end]
        delim = "\t" if "\t" in header else "|"
        cells = header.split(delim)
        if sum(1 for cell in cells if _SESSION_CELL_RE.fullmatch(cell.lstrip(" >"))) < 2:
            continue
        rows = _delimited_rows(text, line_end + 1, delim)
        if not rows:
            continue
        leads = sum(1 for start, end in rows if _SESSION_PLACE_RE.match(text[start:end].split(delim, 1)[0]))
        if _SESSION_PLACE_RE.match(cells[0]) or 2 * leads > len(rows):
            grids.append((line_end + 1, rows[-1][1]))
            done = rows[-1][1]
    if not grids:
        return terms
    return [term for term in terms if not any(a <= term < b for a, b in grids)]


def _contacts_reach_rows(text: str, pos: int, columns: set[int], split: Callable[[str], list[str]],
                         stop_at_blank: bool) -> bool:
    """Most of the first ``NAME_SAMPLE`` filled cells of the contact ``columns`` under a header
    (or none is filled) are ways to reach the row's own person, a phone number or an e-mail
    address ("07700 900118"), not whom to ask at an organisation ("Jane Example"): the rows
    may be anyone's, patients' too."""
    checked = reached = 0
    for start, end in table_rows(text, pos, stop_at_blank):
        cells = split(text[start:end])
        for k in columns:
            if k < len(cells) and cells[k].strip():
                checked += 1
                reached += _REACH_RE.search(cells[k]) is not None
        if checked >= NAME_SAMPLE:
            break
    return 2 * reached >= checked


def names_under_header(text: str, start: int) -> int:
    """Rows of patients' names under a tab-separated header row whose cell at ``start``
    names them ("Patient<tab>Diagnosis", an HTML table as it renders)."""
    line_start, line_end = line_bounds(text, start)
    first_or_after_tab = _alone_before(text, line_start, start) or text[start - 1:start] == "\t"
    if not first_or_after_tab or "\t" not in text[line_start:line_end]:
        return 0
    column = text.count("\t", line_start, start)
    return names_in_column(text, line_end + 1, column, lambda line: line.split("\t"), stop_at_blank=True)


# The names forms and examples use for no one.
# Cartoon characters, a dummy data set's patients.
_CARTOON_NAMES = ("mickey mouse", "minnie mouse", "donald duck", "daisy duck", "goofy goof", "bugs bunny", "peppa pig",
                  "homer simpson", "marge simpson", "bart simpson", "fred flintstone", "wilma flintstone")
PLACEHOLDER_NAMES = frozenset(
    ("joe bloggs", "jane bloggs", "fred bloggs", "joe public", "john doe", "jane doe", "a n other", "an other",
     "test patient", "testpatient", "john smith example", *_CARTOON_NAMES)
)
# Test patients as record systems name them ("ZZZTEST^PATIENT^ONE", "XXTEST, Patient01",
# "Test Patient", "Sample Patient" as a name is written, a training unit's "Mrs Test Aac"), and a
# dummy data set's cartoon names. (Not "Jane Doe": a form's example, and an unknown patient's
# name too; not "Ellie Sample": a family name; not "a sample patient letter".)
_TEST_NAME_RE = re.compile(
    r"(?i)\b(?:zz+test\w*|xx+test\w*|test[ \t]?patient\w*|dummy[ \t]patient\w*|(?-i:Sample[ \t]Patient|SAMPLE[ \t]PATIENT)\w*"
    r"|(?:mr|mrs|ms|miss|mx|master)\.?[ \t]+test\b|"
    # the British form's dummy, never an unknown patient's name as "John Doe" can be
    r"(?:joe|jane|fred|joseph)[ \t]+bloggs|a(?:\.[ \t]?|[ \t]+)n\.?[ \t]+other|"
    + "|".join(r"[ \t]+".join(name.split()) for name in _CARTOON_NAMES)
    + r")\b"
)
# A template's example row: a cell that starts by saying so ("EXAMPLE - Joe Bloggs", "Example:
# osteoarthritis knee", "e.g. 01/01/1970"), read in a table's rows only (in prose "Example:" may
# introduce a real case).
_EXAMPLE_CELL_RE = re.compile(
    r"(?im)(?:^|[\t|;,])[ \t\"'(\[]*(?:example|sample|dummy)(?:[ \t]+(?:row|record|patient|entry|data))?"
    r"(?:[ \t]*[:)\]]|[ \t]+[\-\u2013\u2014][ \t])|(?:^|[\t|;,])[ \t\"'(\[]*e\.g\.?[ \t]"
)
# A dummy's other marks in a row: a date a system fills in for no date (1 January 1900, or 1970,
# the epoch) and a number of one repeated digit ("RWH0000000", "999 999 9999"). A row with
# both, or with one and a form's dummy name ("John Doe"), is a placeholder's.
_PLACEHOLDER_DATE_RE = re.compile(r"(?<![0-9])(?:0?1([/.\-])0?1\1(?:1900|1970)|(?:1900|1970)-01-01)(?![0-9])")
_REPEATED_DIGITS_RE = re.compile(r"(?<![0-9])([0-9])\1{5,}(?![0-9])|(?<![0-9])([0-9])\2{2}[ \-]\2{3}[ \-]\2{4}(?![0-9])")
_DOE_RE = re.compile(r"(?i)\b(?:john|jane)[ \t]+doe\b|\bdoe,[ \t]*(?:john|jane)\b")
# A generator's synthetic person (Synthea's "Alfredo17 Kuhn96"): a given name and a family name
# each with digits glued on, as no one's name is written.
_GLUED_NAME_RE = re.compile(r"\b([A-Z][a-z]{2,})[0-9]{1,3}[ \t,;|]+([A-Z][a-z'\-]{2,})[0-9]{1,3}\b")


_PLACEHOLDER_DATE_HINT = r"0?1[/.\-]0?1[/.\-](?:1900|1970)|(?:1900|1970)-01-01"
# Any mark of a test or a placeholder person at all (one pass over a large sheet that has none).
_placeholder_gate = _re2_gate(re.compile(
    r"(?i:" + _TEST_NAME_RE.pattern.removeprefix("(?i)") + r"|example|sample|dummy|e\.g|\bdoe\b)|"
    + _PLACEHOLDER_DATE_HINT + "|" + _GLUED_NAME_RE.pattern))
_test_names = re2_lines(_TEST_NAME_RE)
_example_cells = re2_lines(_EXAMPLE_CELL_RE, r"(?i)example|sample|dummy|e\.g")
_does = re2_lines(_DOE_RE)
_placeholder_dates = re2_lines(_PLACEHOLDER_DATE_RE, _PLACEHOLDER_DATE_HINT)
_glued_names = re2_lines(_GLUED_NAME_RE)


def _placeholder_rows(text: str, tabular: bool) -> list[tuple[int, int]]:
    """Where a table's rows (a record's lines) hold a placeholder person: an example row, a
    dummy's name with a dummy's number or date, a dummy's number with a dummy's date, a
    generator's synthetic name (_EXAMPLE_CELL_RE, _DOE_RE, _PLACEHOLDER_DATE_RE,
    _REPEATED_DIGITS_RE, _GLUED_NAME_RE). Each pattern runs only on a text with a word it
    needs (re2_lines): a large sheet has none of them, or a few."""
    found: list[tuple[int, int]] = []
    for m in _example_cells(text):
        start, end = line_bounds(text, m.start())
        if tabular or any(mark in text[start:end] for mark in _ROW_MARKS):
            found.append(m.span())
    for m in _does(text):
        start, end = line_bounds(text, m.start())
        if _PLACEHOLDER_DATE_RE.search(text, start, end) or _REPEATED_DIGITS_RE.search(text, start, end):
            found.append(m.span())
    for m in _placeholder_dates(text):
        start, end = line_bounds(text, m.start())
        if _REPEATED_DIGITS_RE.search(text, start, end):
            found.append(m.span())
    names = given_names()
    for m in _glued_names(text):
        first, second = folded(m.group(1)), folded(m.group(2))
        if (first in names or second in names) and not ({first, second} & (_CALENDAR_WORDS | _NOT_SURNAMES)):
            found.append(m.span())
    return found


_ROW_MARKS = ("\t", "|", "^")  # a line with one is a table's row or a record's segment (HL7)


def without_test_records(text: str, tabular: bool = False) -> str | None:
    """``text`` with its test patients blanked (same length, line breaks kept), or None
    when it names none: the sentence that names a test or placeholder patient, and the
    whole row of a table or a record that holds one (a test script's "XXTEST, Patient01<tab>01/01/1901" row, an HL7
    "PID|...|ZZZTEST^PATIENT^ONE|..."), a template's example row ("EXAMPLE - Joe Bloggs"), a
    generator's synthetic people (_placeholder_rows). Whoever is still identified in it is
    real: a clinic list with a test row, a footnote that names test patients, an HL7 message
    with a comment about them, a return with its example row left in."""
    if not _placeholder_gate(text):
        return None
    found = sorted({m.span() for m in _test_names(text)} | set(_placeholder_rows(text, tabular)))
    if not found:
        return None
    spans: list[tuple[int, int]] = []
    for at, at_end in found:
        start, end = line_bounds(text, at)
        row = text[start:end]
        record = None if tabular else _field_record(text, start, end)
        if record is not None:
            start, end = record  # a record's fields, one to a line: its identifiers are the test patient's too
        elif not (tabular or any(mark in row for mark in _ROW_MARKS) or row.count(",") >= 2):
            # prose: the sentence that names the test patient ("Scenario 2 - Mrs Test Aac, DOB
            # 02 Feb 1960: add amlodipine."), not the next one about a real patient
            start = _sentence_start(text, at, start)
            end = min(end, _sentences_end(text, at_end, 1, 400))
        spans.append((start, end))
    out: list[str] = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)
        if end > start:
            out.append(text[pos:start])
            out.append(" " * (end - start))
            pos = end
    out.append(text[pos:])
    return "".join(out)


# A record's fields one to a line, "label: value", as a form, a DICOM file or an HL7 message
# reads ("patient name: MICKEY MOUSE", "date of birth: 1928-01-01"); the name's field first.
_FIELD_LINE_RE = re.compile(r"[ \t>*\-\u2022]*([A-Za-z][\w ()'/.&\-]{0,48}?)[ \t]*:[ \t]*\S")
_NAME_FIELD_RE = re.compile(r"(?i)[ \t>*\-\u2022]*(?:patient(?:'s)?(?: full)?(?: name)?|(?:full )?name|surname|pt)[ \t]*:")
_FIELD_RECORD_LINES = 80  # lines either side of a test patient's name read as their record's


def _field_record(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The record of fields around a test patient's name field at text[start:end]: the lines of
    fields above and below it, up to an empty line, a line that is no field, or another
    record's name field (the same label again; above, where that record ends is not known:
    the record starts at the name). None when its line is no name field."""
    field = _FIELD_LINE_RE.match(text, start, end)
    if field is None or _NAME_FIELD_RE.match(text, start, end) is None:
        return None
    label = field.group(1).lower()
    top = start
    for _ in range(_FIELD_RECORD_LINES):
        if top == 0:
            break
        above = text.rfind("\n", 0, top - 1) + 1
        m = _FIELD_LINE_RE.match(text, above, top - 1)
        if m is None:
            break
        if m.group(1).lower() == label:
            top = start
            break
        top = above
    bottom = end
    for _ in range(_FIELD_RECORD_LINES):
        if bottom >= len(text):
            break
        below = text.find("\n", bottom + 1)
        below = len(text) if below < 0 else below
        m = _FIELD_LINE_RE.match(text, bottom + 1, below)
        if m is None or m.group(1).lower() == label:
            break
        bottom = below
    return top, bottom


_LAY_TITLE_RE = re.compile(r"(?:^|(?<=[\s:(\-\[]))(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?[ \t]+(?=[A-Z])")


def titled_person_in(text: str) -> bool:
    """``text`` (a subject line) names a person by a personal title and a name ("Re: Mr
    Daniel Example - Friday", "FW: Mrs J Example"), not a clinician by theirs."""
    return any(_lay_person_at(text, m.start()) for m in _LAY_TITLE_RE.finditer(text))


# A session of learning a member of staff gives or leads: "Lunch & learn - Mr Example - breast
# reconstruction", "Grand round: Miss Example on ovarian cancer", "Journal club - Mr Example".
_LEARNING_EVENTS = (
    r"lunch[ \t]*(?:&|and|'n'|n)[ \t]*learn|grand[ \t]+rounds?|journal[ \t]+club|study[ \t]+days?"
    r"|masterclass(?:es)?|tutorials?|teach-?ins?|in-?service[ \t]+training|teaching[ \t]+(?:session|ward round)s?"
    r"|talks?|lectures?|seminars?|webinars?|symposi(?:um|a)|workshops?|(?<!case )conferences?|keynote"
)
# A subject about a member of staff named by their title: their leave, rota, clinics' cover,
# profile or a talk they give ("Mr Example - annual leave w/c 3 Nov - cover needed",
# "Consultant profile for website - Mr Example", "Lunch & learn - Mr Example - breast reconstruction").
_STAFF_SUBJECT_RE = re.compile(
    r"(?i)\b(?:(?:annual|study|maternity|paternity|parental|special) leave|rota|cover needed|cover required|locum"
    rf"|profile|biography|job plan|appraisal|revalidation|on[- ]call|timetable|clinics? cancelled|{_LEARNING_EVENTS})\b"
)
# A subject that announces a death ("RIP, Jane Example", "In memory of ..."): a notice to those
# who knew them, a colleague's or a public figure's, not a note of a patient's care.
_DEATH_NOTICE_SUBJECT_RE = re.compile(r"(?i)(?:^|[\s:,\-(])(?:R\.?I\.?P\b\.?|in (?:loving )?(?:memory|memoriam)\b|obituar(?:y|ies)\b)")
# Qualifications after a clinician's name ("Mr Jaswinder Example MBChB FRCS (Urol)").
_POSTNOMINALS = r"(?:MBChB|MB[ ]?BS|MBBCh|BM[ ]?BS|FRCS|MRCS|FRCP|MRCP|FRCA|FRCR|FRCOG|MRCOG|MRCPsych|FRCPsych|MRCGP)"


# A job given right after a name, as news and obituaries give a clinician's ("Mr Daniel
# Example, who joins as consultant vascular surgeon", "Mr Example, our former consultant urologist").
_STAFF_APPOSITION = (
    r"(?i:(?:who[ \t]+(?:joins|joined|has joined)[ \t]+(?:us[ \t]+)?as(?:[ \t]+(?:a|an|the|our))?|our)[ \t]+"
    r"(?:(?:former|new|newly[ \t]+appointed|lead)[ \t]+)?(?:[\w\-]+[ \t]+){0,2}?"
    r"(?:consultant|surgeon|physician|registrar|nurse|matron|midwife|anaesthetist|radiologist|pathologist"
    r"|psychiatrist|urologist|cardiologist|oncologist|gp|pharmacist|therapist|director|manager|professor)s?\b)"
)


def staff_in_subject(subject: str, others: Sequence[str]) -> bool:
    """The person a subject names by their title is a member of staff: the subject speaks
    of their work (_STAFF_SUBJECT_RE), or another part names them with their qualifications,
    their job right after the name (_STAFF_APPOSITION) or as the one a secretary works for
    ("Secretary to Mr R. Example", "Mr Example FRCS", "Mr Example, our former consultant urologist")."""
    if _STAFF_SUBJECT_RE.search(subject):
        return True
    for m in _LAY_TITLE_RE.finditer(subject):
        person = _PERSON_AFTER_RE.match(subject, m.end())
        if person is None:
            continue
        surname = re.escape(_TOKEN_RE.findall(person.group("name"))[-1])
        staff = re.compile(
            rf"(?i:\b(?:secretary|pa|assistant)[ \t]+to[ \t]+)(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+(?:[A-Z]\.?[ \t]+){{0,2}}"
            rf"(?:\w+[ \t]+)?{surname}\b|\b{surname},?[ \t]+(?:\([^)\n]{{0,30}}\)[ \t]+)?{_POSTNOMINALS}\b"
            rf"|\b{surname},[ \t]+{_STAFF_APPOSITION}")
        if any(staff.search(text) for text in others):
            return True
    return False


def _lay_person_at(text: str, start: int) -> bool:
    """A person's title and name start at ``start`` (a _LAY_TITLE_RE match), not a
    clinician's: no professional word among the three before it ("Consultant: Mr ...")."""
    if not person_at(text, start, line_bounds(text, start)[1]):
        return False
    words = [w.lower().strip(".:,") for w in text[max(0, start - 40):start].split()[-3:]]
    return not any(w in _PROFESSIONAL or w in _NOT_PATIENT_BEFORE for w in words)


# What of a person's care a note speaks of, right after their name's "'s": "Mrs Khan's obs
# were stable, sats 92% on air", "Winifred Example's care plan", "Mr Example's catheter", what
# they take or use for it ("Mrs Example's inhaler", "Mr Example's hoist sling is too small").
# Health without a term of the lexicon: these words alone are a rota's or a shop's too ("obs
# teaching", "meds"), so they are read only after a person's name (_named: a title, or a given
# and a family name; not a clinician's, "Dr Example's obs teaching", nor one named with a job).
_CARE_NOUNS = ("obs", "observations", "sats", "bloods", "meds", "medication", "medications", "care plan", "wound",
               "wounds", "catheter", "dressing", "dressings", "tablets", "medicines", "inhaler", "inhalers", "nebuliser",
               "insulin", "oxygen", "fluids", "stoma", "continence pads", "hoist", "sling", "commode",
               "pressure mattress", "pressure cushion", "walking frame", "zimmer frame")
_OWNER_MARKS = ("'s ", "\u2019s ")


def care_of_named(text: str) -> list[int]:
    """Where the words of care (_CARE_NOUNS) start that follow a person's name and its "'s".
    Found with str.find: most texts hold few "'s ", and fewer with such a word after them."""
    found = []
    for mark in _OWNER_MARKS:
        at = text.find(mark)
        while at >= 0:
            word = at + len(mark)
            low = text[word:word + 20].lower()
            if any(low.startswith(n) and not low[len(n):len(n) + 1].isalnum() for n in _CARE_NOUNS) and not (
                    _PROJECT_AFTER_RE.match(text, word, line_bounds(text, word)[1])):
                # (a project of theirs is no care: "Claire Example's catheter trial summary",
                # "Ian Example's wound dressing evaluation")
                lead_start = max(line_bounds(text, at)[0], at - _NAME_REACH)
                if _named(text[lead_start:at], title_only_ok=True) and not _JOB_TITLE_RE.search(text, lead_start, at):
                    found.append(word)
            at = text.find(mark, at + 1)
    return sorted(found)


# A third person in the sentence before a health term: "His CD4 came back at 180", "she was
# started on sertraline", "her bloods show".
_THIRD_PERSON_RE = re.compile(r"(?i)\b(?:he|she|his|her|him|he's|she's|ganddo|ganddi)\b")  # (Welsh: "he has", "she has")
_SENTENCE_REACH = 160  # characters of one sentence read around a person or a health term


def health_said_of_them(text: str, terms: Sequence[int]) -> bool:
    """A health term that speaks of health (_about_health) in a sentence that speaks of a
    third person before it ("His CD4 came back at 180 and the HIV viral load is up")."""
    for term in terms:
        start = _sentence_start(text, term, max(0, term - _SENTENCE_REACH))
        if _THIRD_PERSON_RE.search(text, start, term) and _about_health(text, term):
            return True
    return False


# A relative in Welsh after "eich" (your), which mutates none of them: father, mother, husband,
# wife, son, daughter, brother, sister, grandmother and grandfather (north and south), child.
_WELSH_RELATIVES = ("tad", "mam", "gŵr", "gwr", "gwraig", "mab", "merch", "brawd", "chwaer", "nain", "taid",
                    "mam-gu", "tad-cu", "plentyn")
# A relative of the reader or of someone named, by their name: "your father, Mr Albert
# Example,", "your daughter Anya", "her son Oliver (Year 4)".
_RELATIVE_NAMED_RE = regex.compile(
    r"(?i:\b(?:your|his|her|their)[ \t]+(?:mother|father|mum|dad|son|daughter|wife|husband|partner|child"
    r"|brother|sister|grandmother|grandfather|nan|grandad|grandson|granddaughter)"
    # ... and in Welsh, after "eich" (your): "eich tad, Mr Emrys Example"
    r"|\beich[ \t]+(?:" + "|".join(_WELSH_RELATIVES) + r"))[ \t]*,?[ \t]+"
    rf"(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Master|Mx)\.?[ \t]+)?{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})?)"
)
_RELATIVE_REACH = 2  # sentences, the name's and the next, in which their health is said


# The relatives _RELATIVE_NAMED_RE names, after "your", "his", "her" or "their": most parts
# hold none, and finding those words (in C, the interpreter lock kept) is cheaper than the pattern.
_RELATIVES = ("mother", "father", "mum", "dad", "son", "daughter", "wife", "husband", "partner", "child", "brother",
              "sister", "grand", "nan")
_POSSESSIVES = ("your ", "his ", "her ", "their ")


def _relative_mentioned(low: str) -> bool:
    """``low`` (a lower-cased text) has "your", "his", "her" or "their" before a relative."""
    for word, relatives in _POSSESSIVES_OF:
        at = low.find(word)
        while at >= 0:
            if low.startswith(relatives, at + len(word)) and (at == 0 or not low[at - 1].isalpha()):
                return True
            at = low.find(word, at + 1)
    return False


_POSSESSIVES_OF = (*((word, _RELATIVES) for word in _POSSESSIVES), ("eich ", _WELSH_RELATIVES))
# ... and first, in a long text, in the one RE2 pass of the gates: without regard to case, a superset
# of what _relative_mentioned finds in the text lower-cased (no word of either list holds a "k" or
# ends in an "i", the letters that other characters lower-case to)
_relative_gate = _re2_gate(re.compile("(?i)" + "|".join(
    f"{re.escape(word)}(?:{'|'.join(map(re.escape, relatives))})" for word, relatives in _POSSESSIVES_OF)))


def relative_named(text: str, terms: Sequence[int], reader: frozenset[str] = frozenset()) -> int:
    """A relative named by their title or given name ("I am writing about your father, Mr
    Albert Example, on Ward 5. His pneumonia has improved but he has delirium"), and in
    their sentence or the next, of them (he, she, his, her, the name), a health term that
    speaks of health, and a word of their care (_CARE_CUE_RE: a ward, a clinic, a referral):
    a letter to a family about their relative's care. Only in a part with health terms and
    no other identifier. ``reader``: the given names of the one reader (reader_given_names),
    whose greeting by one of them is a lay reader's (_relative_by_given_name)."""
    if (len(text) >= GATED_FROM and not _relative_gate(text)) or not _relative_mentioned(text.lower()):
        return _relative_by_given_name(text, terms, reader)
    found = 0
    for m in _RELATIVE_NAMED_RE.finditer(text):
        name = m.group("name")
        first = name.split()[0].rstrip(".")
        if first.lower() not in ("mr", "mrs", "ms", "miss", "master", "mx") and folded(first) not in given_names():
            continue
        stop = _sentences_end(text, m.end(), _RELATIVE_REACH, 2 * _SENTENCE_REACH)
        # without a word of their care, their health said as theirs: "Her leg ulcers are slowly
        # healing", "started her on flucloxacillin" ("your daughter Anya's application ... She
        # has an interest in mental health" says none)
        cared = _CARE_CUE_RE.search(text, m.start(), stop) is not None
        if not cared and _ROLE_LINE_RE.search(text, m.start(), stop):
            continue  # "Your mother Mrs Joan Example has been a wonderful volunteer. Her stroke club ..."

        def of_them(term: int, after: int = m.end(), surname: str = name.split()[-1], cared: bool = cared) -> bool:
            lead = text[max(after, term - _SENTENCE_REACH):term]
            if not cared:  # ... not a group or a service of theirs ("His cancer support group")
                return _TREATED_THEM_RE.search(lead) is not None and not _NOT_OWN_AFTER_RE.match(text, term)
            return _THIRD_PERSON_RE.search(lead) is not None or surname in lead

        found += (_health_between(text, terms, m.end(), stop, of_them) or _relative_as_subject(text, terms, m.end())
                  or _admitted_to_care_place(text, terms, m.start(), m.end(), stop, of_them)
                  or _relative_said_again(text, terms, m, stop))
    return found or _relative_by_given_name(text, terms, reader)


_RELATIVE_AGAIN_REACH = 2000  # characters of a letter after a relative's name in which it speaks of them again


def _relative_said_again(text: str, terms: Sequence[int], m: Any, stop: int) -> bool:
    """The relative _RELATIVE_NAMED_RE named at ``m`` ("your father, Mr Albert Example,") is
    spoken of again later in the letter by the same words ("when your father described chest
    pain", "the crew took your father to ..."), and in that sentence or the next, a health term
    that speaks of health, said of them (the words again, he, she, his, her, the name before
    it), with a word of their care from the name on (_CARE_CUE_RE): a letter to a family about
    their relative's care that names them once. Not a course's or a job's (_ROLE_LINE_RE)."""
    said = m.group()[:m.start("name") - m.start()].rstrip(" \t,").lower()  # "your father"
    surname = m.group("name").split()[-1]
    limit = min(len(text), m.end() + _RELATIVE_AGAIN_REACH)
    low = text[:limit].lower()
    at = low.find(said, stop, limit)
    while at >= 0:
        end = _sentences_end(text, at, _RELATIVE_REACH, 2 * _SENTENCE_REACH)

        def of_them(term: int, at: int = at) -> bool:
            lead = text[max(at, term - _SENTENCE_REACH):term]
            return said in lead.lower() or _THIRD_PERSON_RE.search(lead) is not None or surname in lead

        if (_CARE_CUE_RE.search(text, m.start(), end) is not None and not _ROLE_LINE_RE.search(text, at, end)
                and _health_between(text, terms, at, end, of_them)):
            return True
        at = low.find(said, at + len(said), limit)
    return False


# An admission's verb right before the place a health term names: "was admitted to the mental
# health unit", "sectioned to the acute psychiatric ward" (as _THEIRS_BEFORE_RE reads it for a given name).
_ADMITTED_TO_BEFORE_RE = re.compile(
    r"(?i)\b(?:admitted|re-?admitted|detained|sectioned)[ \t]+(?:in)?to[ \t]+(?:(?:the|a|an|our)[ \t]+)?(?:[\w\-]+[ \t]+)?$")


# ... the place's name ending there ("the mental health unit overnight", not "the dementia unit's
# staff bank").
_PLACE_ENDS_RE = re.compile(
    r"[ \t]*(?:$|[.,;:!?)\n]|(?:overnight|last|yesterday|today|tonight|this|on|at|in|from|with|under|after|and|for|since"
    r"|where|earlier|again)\b)")


def _admitted_to_care_place(text: str, terms: Sequence[int], start: int, after: int, stop: int,
                            of_them: Callable[[int], bool]) -> bool:
    """In text[after:stop], a person named at text[start:after] is admitted to a place a
    health term names (_PLACE_AFTER_TERM_RE: "He was admitted to the mental health unit
    overnight"): the admission is their health, where _about_health reads the place's name as a
    team's. Not a course's or a job's sentence (_ROLE_LINE_RE)."""
    # (the name the admission's subject: "your father Arthur was admitted to ...")
    subject_to = _sentences_end(text, after, 1, _SENTENCE_REACH) if _SUBJECT_VERB_RE.match(text, after) else after
    i = bisect.bisect_left(terms, after)
    while i < len(terms) and terms[i] < stop:
        term = terms[i]
        i += 1
        line_end = line_bounds(text, term)[1]
        place = _PLACE_AFTER_TERM_RE.match(text, term, line_end)
        if (place and _PLACE_ENDS_RE.match(text, place.end()) and _ADMITTED_TO_BEFORE_RE.search(text, max(after, term - 40), term)
                and (term < subject_to or of_them(term)) and not _staff_duty(text, term, after)):
            return _ROLE_LINE_RE.search(text, start, stop) is None
    return False


# A verb right after a relative's name: the relative is their clause's subject ("your sister,
# Nadia Example, has recently had genetic testing").
_SUBJECT_VERB_RE = re.compile(r"[ \t]*,?[ \t]*(?:who[ \t]+)?(?:has|had|was|is|have)\b")


def _relative_as_subject(text: str, terms: Sequence[int], after: int) -> bool:
    """The relative named right before ``after`` is their sentence's subject (_SUBJECT_VERB_RE),
    and a health term in that sentence or the next speaks of health, not of work or a duty:
    "your sister, Nadia Example, has recently had genetic testing ... found to carry a
    pathogenic variant in the BRCA2 gene"."""
    if _SUBJECT_VERB_RE.match(text, after) is None:
        return False
    stop = _sentences_end(text, after, _RELATIVE_REACH, 2 * _SENTENCE_REACH)
    return _health_between(text, terms, after, stop,
                           lambda term: not (_work_said_of_term(text, term) or _staff_duty(text, term, after)))


# A third person's own, right before a health term: "Her leg ulcers", "started her on flucloxacillin".
_TREATED_THEM_RE = re.compile(
    r"(?i)\b(?:(?:started|start|put|commenced|kept|restarted|treating|treated)[ \t]+(?:him|her)[ \t]+(?:on|for|with)"
    r"|his|her)[ \t]+(?:[\w\-]+[ \t]+){0,2}$"
    # ... or what they have: "She has Alzheimer's disease", "he's been diagnosed with"
    r"|\b(?:he|she)(?:['\u2019]s|[ \t]+(?:has|had|is|was))[ \t]+(?:(?:got|now|also|recently|been|developed|diagnosed"
    r"|with|found|to|have|living)[ \t]+){0,4}$"
)


# "his" or "her" and up to two words, right before a health term: the term is that person's.
_THEIR_TERM_RE = re.compile(r"\b(?:his|her)[ \t]+(?:[\w\-]+[ \t]+){0,2}$")


# A person's possessive and up to one word right before a health term: "Harold Example's
# chest infection", "Pieter van Example's infected wound".
_OWNER_BEFORE_RE = re.compile(r"['\u2019]s[ \t]+(?:[\w\-]+[ \t]+)?$")


def _owned_terms(text: str, terms: Sequence[int]) -> int:
    """Health terms right after a person's name and its "'s" ("Harold Example's chest
    infection has not cleared"), each speaking of health, not a topic of a member of staff's
    work ("Jo Example's infection control audit"). One per person."""
    owners: set[int] = set()
    for term in terms:
        near = text[max(0, term - 30):term]
        if "'" not in near and "\u2019" not in near:
            continue
        m = _OWNER_BEFORE_RE.search(text, max(0, term - 30), term)
        if m is None or m.start() in owners:
            continue
        lead_start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - _NAME_REACH)
        if not _named(text[lead_start:m.start()], title_only_ok=True) or _JOB_TITLE_RE.search(text, lead_start, m.start()):
            continue
        if (_TOPIC_AFTER_RE.match(text, m.start() + 3, line_bounds(text, term)[1]) or not _about_health(text, term)
                or _in_the_media(text, term)):
            continue  # ("Billy Example's Parkinson's documentary": a public figure's, as the media tell it)
        owners.add(m.start())
    return len(owners)


_his_her_gate = _re2_gate(re.compile(" his | her "))  # (one RE2 pass with the other gates)


def own_health(text: str, terms: Sequence[int]) -> int:
    """People whose health a sentence says is theirs without a verb: a health term right
    after a person's "'s" (_owned_terms); or named with a personal title, and later in that
    sentence "his" or "her" right before a health term that speaks of health: "ring Mrs
    Ethel Example re her warfarin, INR 5.2". Not a clinician (titled_person_in's test of
    the words before the title). Only in a part with health terms and no other identifier."""
    owned = _owned_terms(text, terms)
    if owned or (len(text) >= GATED_FROM and not _his_her_gate(text)) or (" his " not in text and " her " not in text):
        return owned
    found = 0
    for m in _LAY_TITLE_RE.finditer(text):
        if not _lay_person_at(text, m.start()):
            continue

        def theirs(term: int, after: int = m.end()) -> bool:
            return _THEIR_TERM_RE.search(text, max(after, term - 40), term) is not None

        found += _health_between(text, terms, m.end(), _sentences_end(text, m.end(), 1, _SENTENCE_REACH), theirs)
    return found


# --- a named person and their health in one sentence of prose -------------------------
#
# Staff write of a patient in a sentence of ordinary words: "Grace Example passed away on the
# ward last night from sepsis", "Padraig Example is on the list for his hip replacement",
# "MACLEOD, Fiona - admitted overnight with DKA", "chase the MRI for Priya Example", "rebook
# Oksana Example's appointment at the HIV clinic". A lay person's name (a title, or a given
# and a family name) and a health term that speaks of health in one sentence, close together,
# is that person's health, unless the sentence says the person is at work (a clinician's title
# or a job after the name, a duty: "is on stroke call", "has diabetes clinic"; what they did:
# "reviewed", "presented"), speaks in public, or is a public piece (a newsletter's "did you know").
_PROSE_REACH = 100  # characters from a person's name to their health term (a term before it: _PROSE_BEFORE)
# A relative clause right after the name (an aside in brackets may come first) is all theirs:
# "Ms Ana Example (passport ending 1234), who received care at Example General Hospital and
# delivered by emergency caesarean section" - the reach is counted from its "who".
_WHO_AFTER_NAME_RE = re.compile(r"[ \t\n]*(?:\([^()\n]{1,60}\))?[ \t\n]*,[ \t\n]*who[ \t\n]+")
_CLAUSE_BREAK_RE = re.compile(r"[.;:!?()]")


# ... and a sentence whose subject is the name, its verb what happened to them in our care
# (_STORY_CARE_RE right after the name), is all theirs to the last such verb before the term:
# "Mr Example attended the Emergency Department on 7 May with abdominal pain and was discharged
# with a diagnosis of constipation" - the reach is counted from "was discharged".
_NAME_VERB_GAP_RE = re.compile(r"[ \t\n]*")


def _prose_reach_end(text: str, end: int, term: int) -> int:
    """Where the reach to a health term at ``term`` is counted from after a name ending at
    ``end``: the "who" of a relative clause of theirs, unbroken up to the term (_WHO_AFTER_NAME_RE),
    or the last verb of their care in a sentence they are the subject of (see above), else the
    name's end."""
    who = _WHO_AFTER_NAME_RE.match(text, end, term)
    if who is None:
        if term - end <= _PROSE_REACH:
            return end
        gap = _NAME_VERB_GAP_RE.match(text, end, term)
        care = _STORY_CARE_RE.match(text, gap.end() if gap else end, term)
        if care is None or _CLAUSE_BREAK_RE.search(text, end, term):
            return end
        last = care.end()
        for again in _STORY_CARE_RE.finditer(text, last, term):
            last = again.end()
        return last
    if _CLAUSE_BREAK_RE.search(text, who.end(), term):
        return end
    return who.end()
_PROSE_BEFORE = 40  # characters from a term to the name after it ("the MRI for Priya Example")
_CAPITAL_RE = regex.compile(r"(?<![\p{L}'\u2019\-])\p{Lu}")
# A term before a name it is for: "chase the MRI for Priya Example", "the bloods of Mr Example".
_FOR_NAME_RE = re.compile(r"(?i)[\w'\u2019\-]*(?:[ \t]+[\w'\u2019\-]+){0,3}?[ \t]+(?:for|of|re|regarding|on)[ \t]+$")
# A clinic, a ward or a list after the term, which _about_health reads as a team's name: a
# person's care where the words before say it is theirs ("his diabetic clinic", "Oksana
# Example's appointment at the HIV clinic", "DNA'd the diabetes clinic", "admitted to the
# stroke unit").
_PLACE_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:clinic|ward|unit|list|service|appointment|referral|session|slot)s?\b"
)
# A screening only people with a condition are called to: its appointment says they have it
# ("diabetic eye screening appointment", where a bowel or a cervical screening's says nothing).
_SCREENED_FOR_CONDITION = (r"diabetic[ \t]+(?:eye|retinal|retinopathy|foot)[ \t]+(?:screening|checks?)"
                          r"(?:[ \t]+(?:programme|service|clinic))?")
_CARE_PAPER_AFTER_RE = re.compile(
    r"(?i)(?:[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+)?[ \t]+(?:clinic|ward|unit|service)|" + _SCREENED_FOR_CONDITION + r")"
    r"[ \t]+(?:appointment|appt|referral|letter|review|visit|follow-up)\b"  # one's ("clinic appointments are moving": the clinician's)
)
_THEIRS_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:his|her|their)|['\u2019]s[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:appointment|referral|review|visit|admission)"
    r"[ \t]+(?:at|with|in|to|on)(?:[ \t]+the)?"
    r"|\b(?:appointment|referral|referred|attended|attend|attends|attending|DNA['\u2019]?d|DNA|missed|admitted|transferred"
    r"|booked)[ \t]+(?:(?:at|with|in|into|to|from|on|for)[ \t]+)?(?:the|our|a)?)[ \t]*$"
)
# A person put on a clinic's list, their name between the verb and the clinic: "add Mr Example
# to the warfarin clinic list", "book Joan Example into the memory clinic".
_PUT_ON_LIST_RE = re.compile(
    r"(?i)\b(?:(?:add|added|adding|put|book|booked|booking|squeeze|squeezed)[ \t]+(?:[\w'\u2019\-.()]+[ \t]+){1,5}?"
    r"(?:on|in)?to"
    # ... or seen there: "thank you for seeing Mr Example in the memory clinic"
    r"|(?:seeing|saw|seen|reviewing|reviewed|assessing|assessed)[ \t]+(?:[\w'\u2019\-.()]+[ \t]+){1,5}?(?:in|at)"
    # ... or taken there: "transport for Mr Example to the oncology day unit", "an interpreter for Mrs Example at the EPU"
    r"|(?:transport|taxi|car|cab|ambulance|interpreter|escort)[ \t]+for[ \t]+(?:[\w'\u2019\-.()]+[ \t]+){1,5}?(?:to|at))"
    r"[ \t]+(?:the|our|a|his|her|their)?[ \t]*$"
)
# ... the clinic or list its last words, when it is: not "the stroke clinic distribution list".
_LIST_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+)?[ \t]+(?:clinic|list|appointment|session|slot|unit)s?(?:[ \t]+list)?"
    r"(?=[ \t]*(?:$|[.,;:!?)\n]|(?:for|on|next|this|tomorrow|today|tonight|at|in|with|please|asap|from|by|as)\b))"
)
# A member of staff's duty, the term its kind: "is on stroke call", "on the cardiology rota",
# "has diabetes clinic all day", "is doing the urology list", "covering the stroke take".
_DUTY_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+)?[ \t]+(?:on-?call|call|rota|take|shift|duty|cover|bleep)\b"
)
_DUTY_BEFORE_TERM_RE = re.compile(
    r"(?i)\b(?:on|has|have|had|runs?|running|ran|doing|does|do|did|covering|covers?|takes?|taking|leads?|leading"
    r"|chairs?|chairing|starts?|starting)[ \t]+(?:(?:the|a|an|his|her|their|our)[ \t]+)?$"
)
# What a member of staff did, right after their name: "Priya Example reviewed the sepsis case".
_WORK_AFTER_NAME_RE = re.compile(
    r"(?i)[ \t,]*(?:(?:has|have|had|will|would|is|was|also|kindly)[ \t]+)?(?:reviewed|saw|see|seeing|assessed"
    r"|examined|prescribed|referred|operated|treated|reported|wrote|written|present|presented|presenting|teaches|taught"
    r"|runs|ran|leads|led|chairs|chaired|covers|covered|covering|works|worked|joined|joins|from|of|at|in the|in our"
    # (not a mother's birth: "gave birth", "delivered by caesarean section", "delivered her baby")
    r"|gave(?![ \t]+birth)|give|giving|delivered(?![ \t]+(?:by|via|vaginally|naturally|her|their|twins|triplets|at[ \t]+[0-9]))"
    r"|organised|organized|completed|attended the (?:conference|course|study day)"
    # ... and in Welsh: "yn gweithio" (works), "yn arwain" (leads), "yn rheoli" (manages), "yn cydlynu", "yn cynnal" (runs)
    r"|(?:yn|wedi)[ \t]+(?:gweithio|arwain|rheoli|cydlynu|cynnal|cadeirio|dysgu|ymuno|adolygu|asesu|trin))\b"
)
# ... not after a verb of care before the name, where "in the" or "at" is where they were seen.
_CARED_FOR_BEFORE_RE = re.compile(
    r"(?i)\b(?:seeing|saw|seen|reviewing|reviewed|assessing|assessed|examining|examined|treating|treated|admitted"
    r"|booked|added)[ \t]+$")
_PLACE_WORDS_RE = re.compile(r"(?i)in the|in our|at")
_FROM_BED_RE = re.compile(r"(?i)[ \t,]*from[ \t]+(?:ward|bed|bay|side[ \t]?room|room|rm)[ \t]+[0-9]{1,3}[a-z]?\b")
# A speaker's or an author's name before their topic: "Mr Gethin Example: Fractured neck of femur".
_HEADING_AFTER_NAME_RE = regex.compile(r"[ \t]*:[ \t]*\p{Lu}")
# Things named for a person: "the Mary Seacole Award", "the Florence Nightingale Foundation".
_NAMED_FOR = frozenset(
    "award awards prize scholarship fellowship foundation fund lecture memorial trust centre center building wing "
    "suite unit ward house society institute college school hospice medal day week appeal garden gardens lounge library "
    "cafe café courtyard chapel".split()
)
# ... what ends the name's own words: a comma, a bracket or a figure after it (an age, a bed)
_NAME_TAIL_BREAK_RE = re.compile(r"[,;()\[\]0-9]")
_GREETING_BEFORE_RE = re.compile(r"(?i)\b(?:dear|hi|hello|hiya|hey|thanks|thank you|cc|attn|fao|to|from|with)[ \t,:]*$")
# A public piece: a newsletter or a bulletin (named in its first lines), an awareness piece,
# a quiz or a public figure ("Did you know? Tom Example has type 2 diabetes").
_PUBLIC_PIECE_HEAD_RE = re.compile(r"(?i)\b(?:newsletter|bulletin|e-?news|magazine|quiz|awareness (?:week|day|month))\b")
# A public figure, or a news agency's dateline ("LIMA, Peru (Reuters) -- ...").
_FAME_WORDS = r"famous|celebrit\w+|actor|actress|singer|footballer|olympian|film star|pop star|prime minister|president"
_NEWS_AGENCY = r"\((?:reuters|ap|afp|pa|upi|cnn|bbc|bloomberg|xinhua|dpa)\)"
_FAME_RE = re.compile(rf"(?i)\b(?:{_FAME_WORDS})\b|{_NEWS_AGENCY}")
_PUBLIC_PIECE_RE = re.compile(
    rf"(?i)\b(?:did you know|{_FAME_WORDS}"
    r"|quiz|awareness (?:week|day|month)|world [a-z']+ day|spoken (?:openly|publicly)"
    r"|openly|publicly|spotlight|volunteers|volunteering|miles|stretchered|first half|second half|match|club|league"
    rf"|fixture|tournament|(?:shared|published|used) with [a-z'\u2019 ]{{0,20}}permission)\b|{_NEWS_AGENCY}"
)
_PUBLIC_HEAD = 300  # characters at a text's top in which a newsletter names itself
# A public figure's illness as the media tell it: a programme, a book or a memoir about it, a
# family's statement ("Billy Example's Parkinson's documentary is on iPlayer", "Michael
# Example's Parkinson's book", "Bruce Example's family update on his dementia"); a book or a
# film only as theirs ("'s new book", "'s Parkinson's book": a patient's is booked). Their own
# announcement on a platform of theirs ("announced on Instagram last night that she has breast
# cancer", "revealed in a video to her followers"), the coverage ("it's all over the Mail
# Online", "front pages", "headlines") and the kind of fame that has it ("the Strictly star",
# "a TV presenter", "influencer").
_MEDIA_RE = re.compile(
    r"(?i)\b(?:documentar(?:y|ies)|docuseries|iplayer|netflix|podcasts?|memoirs?|autobiograph(?:y|ies)|biopic"
    r"|family (?:update|statement)"
    r"|(?:announced|announcing|announces|revealed|reveals|revealing|shared|posted|posting|confirmed|disclosed"
    r"|went public|opened up)(?:[ \t]+[\w'\u2019\-]+){0,4}?[ \t]+(?:on|via|in|to)[ \t]+(?:(?:her|his|their|an?|the)[ \t]+)?"
    r"(?:instagram|insta|twitter|tiktok|facebook|youtube|threads|social media|socials|(?:emotional[ \t]+|online[ \t]+)?video"
    r"|vlog|livestream|live stream|followers|fans)"
    r"|all over the (?:news|papers|press|internet|web|socials|tabloids|telly|tv|front pages?)|mail online|tabloids?"
    r"|front pages?|headlines|news (?:story|stories|coverage)|press coverage"
    r"|(?:tv|telly|soap|reality|radio|sports?|strictly|youtube|tiktok|instagram|social media)[ \t]+(?:stars?|presenters?"
    r"|personalit(?:y|ies))|influencers?|newsreaders?|broadcasters?)\b"
    r"|['\u2019]s[ \t]+(?:[\w'\u2019\-]+[ \t]+){0,2}?(?:book|film|movie|memoir|series|show|album|tour)\b"
)
# A character's illness as a story tells it: a storyline, a plot, an episode, a soap, a drama,
# a novel, the writers, the actor who plays them ("well done to the writers for Sandra
# Example's cancer storyline", "in last night's episode Dr Example's aneurysm burst", "the
# actress who plays her"). Only words a note of care never uses so ("an episode of chest
# pain", "the film showed", "a novel anticoagulant" are not one).
_FICTION_TOLD_RE = re.compile(
    r"(?i)\b(?:story[ \t]?lines?|plot[ \t]?lines?|plot[ \t]+twists?|cliff-?hangers?|spoilers?|soap[ \t]+operas?|the[ \t]+soaps"
    r"|soap[ \t]+(?:characters?|fans?|writers?)|sitcoms?|(?:tv|television|telly|hospital|medical|period|crime|costume"
    r"|radio)[ \t]+dramas?|(?:script|screen)[ \t]?writers?|showrunners?|(?:the|its|their)[ \t]+writers[ \t]+(?:of|on|behind)[ \t]+(?-i:[A-Z])|box[ \t]?sets?"
    r"|(?:series|season|mid-?season)[ \t]+(?:finale|premiere|opener)"
    r"|(?:last|this|next)[ \t]+(?:night|week)['\u2019]s[ \t]+episode|(?:tonight|yesterday|sunday|saturday)['\u2019]s[ \t]+episode"
    r"|episodes?[ \t]+(?:[0-9]+[ \t]+)?of[ \t]+(?:the[ \t]+)?(?:series|show|programme|drama|soap)"
    r"|(?:main|lead|central|fictional|title)[ \t]+characters?|characters?[ \t]+(?:in|on|of)[ \t]+(?:the[ \t]+)?"
    r"(?:book|novel|show|series|soap|film|programme|drama)"
    r"|(?:actor|actress)[ \t]+who[ \t]+plays|(?:who|which)[ \t]+(?:is[ \t]+)?played[ \t]+by|(?:is|was)[ \t]+played[ \t]+by"
    r"|(?:the|this|her|his|their|a)[ \t]+novel(?=[ \t]*[,.;:!?)]|[ \t]+(?:by|about|is|was|where|in[ \t]+which|when)\b))"
)
_MEDIA_SENTENCES = 2  # sentences read for the media's telling: a person's own and the next ("It's all over the BBC")


def _in_the_media(text: str, at: int) -> bool:
    """The sentence holding ``at``, or the next, tells of a person's illness as the media do
    (_MEDIA_RE) or of a character's as a story does (_FICTION_TOLD_RE), and they say nothing
    of care (_CARE_CUE_RE: a ward, a bed, a clinic, a referral)."""
    start = _sentence_start(text, at, max(0, at - _SENTENCE_REACH))
    end = _sentences_end(text, at, _MEDIA_SENTENCES, _MEDIA_SENTENCES * _SENTENCE_REACH)
    return (_MEDIA_RE.search(text, start, end) is not None or _FICTION_TOLD_RE.search(text, start, end) is not None) and (
        _CARE_CUE_RE.search(text, start, end) is None)


# A quiz's or a trivia round's item: a numbered question line ("7.", "Q3:") asking which,
# what or who ("Which composer was deaf when ...?", "Name the nurse who ...?"), its answer after
# a dash or a colon on the line ("? - George III") or on the next, short line, in a text that
# says it is a quiz (_QUIZ_WORD_RE). The people a round asks about are public and historical
# figures, no one's patient; not a ward's questions of its patient (_QUIZ_NOT_RE: a title, care).
_QUIZ_QUESTION_RE = re.compile(
    r"(?i)[ \t>*\u2022\-]*(?:(?:q(?:uestion)?[ \t]*)?[0-9]{1,3}[ \t]*[.):\-]?[ \t]+|q(?:uestion)?[ \t]*[0-9]{1,3}[ \t]*[.:)\-]?[ \t]*)"
    r"(?:which|what|who|whose|whom|where|when|how|in[ \t]+(?:which|what)|name[ \t]+the)\b[^\n?]{3,200}\?"
    r"(?P<answer>[ \t]*[\-\u2013\u2014:=][ \t]*[^\s?][^\n?]{0,80})?[ \t\r]*$"
)
_QUIZ_WORD_RE = re.compile(r"(?i)\b(?:quiz\w*|trivia|tie-?break\w*|(?<!ward )(?<!grand )(?<!board )(?<!take )rounds?)\b")
_QUIZ_NOT_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z]|(?i:\b(?:diagnos\w*|consultant|next[ \t]+of[ \t]+kin|c[oa]me[ \t]+in|meds"
    r"|medications?|allerg\w*|dnacpr|resus|obs|nok)\b)"
)
# ... a question whose person is a pronoun for the one an item before asked of ("Who is her
# consultant?", "What did he come in with?"): a quiz's items each name their own.
_QUIZ_GOES_ON_RE = re.compile(
    r"(?i)[ \t>*\u2022\-]*(?:(?:q(?:uestion)?[ \t]*)?[0-9]{1,3}[ \t]*[.):\-]?[ \t]+)?(?:which|what|who|whose|whom|where|when|how)"
    r"[ \t]+(?:[\w'\u2019]+[ \t]+)?(?:she|he|her|his|him|they|their|them)\b[^\n]*\?"
)
_QUIZ_ANSWER_LINE = 80  # characters at most of an answer on the line under its question
_QUIZ_ROUND_LINES = 8  # lines around an item within which a round has another


def _quiz_question_at(text: str, line_start: int) -> int:
    """Where the quiz item whose question line starts at ``line_start`` ends (its answer's
    line's end: _QUIZ_QUESTION_RE), -1 if it is none; its lines say nothing of care."""
    line_end = line_bounds(text, line_start)[1]
    if "?" not in text[line_start:line_end]:
        return -1
    m = _QUIZ_QUESTION_RE.match(text, line_start, line_end)
    if m is None or m.end() != line_end:
        return -1
    end = line_end
    if m.group("answer") is None:
        nxt = next_line_start(text, line_end)
        if nxt is None:
            return -1
        end = line_bounds(text, nxt)[1]
        answer = text[nxt:end].strip()
        if not answer or len(answer) > _QUIZ_ANSWER_LINE or "?" in answer:
            return -1
    return -1 if _CARE_CUE_RE.search(text, line_start, end) or _QUIZ_NOT_RE.search(text, line_start, end) else end


def _quiz_item(text: str, at: int) -> bool:
    """``at`` is in a quiz's item (_quiz_question_at: its question's line or the answer's under
    it), and another item is within a few lines of it: a round of questions."""
    line_start = line_bounds(text, at)[0]
    end = _quiz_question_at(text, line_start)
    if end < 0:
        above = previous_line_start(text, line_start)
        if above is None or _quiz_question_at(text, above) < line_start:
            return False
        line_start = above
    low = line_start
    for _ in range(_QUIZ_ROUND_LINES):
        if low <= 0:
            break
        low = text.rfind("\n", 0, low - 1) + 1
    pos = low
    others = False
    for _ in range(2 * _QUIZ_ROUND_LINES + 1):
        if _QUIZ_GOES_ON_RE.match(text, pos):
            return False  # "2. Who is her next of kin?": the questions go on about one person
        others = others or pos != line_start and _quiz_question_at(text, pos) >= 0
        nxt = text.find("\n", pos)
        if nxt < 0:
            break
        pos = nxt + 1
    return others


def _public_piece(text: str, start: int) -> bool:
    """The sentence at ``start`` is in a public piece (_PUBLIC_PIECE_HEAD_RE at the text's
    top), or it, the sentence before or the one after says it is one (_PUBLIC_PIECE_RE) or
    speaks in public (_PUBLIC_VOICE_RE: "Now in remission, he is running the Marathon"), or
    is a quiz's item (_quiz_item)."""
    if _PUBLIC_PIECE_HEAD_RE.search(text, 0, _PUBLIC_HEAD) or (
            "?" in text and _quiz_item(text, start) and _QUIZ_WORD_RE.search(text) is not None):
        return True
    before = _sentence_start(text, max(0, start - 2), max(0, start - _SENTENCE_REACH))
    after = _sentences_end(text, start, 2, 2 * _SENTENCE_REACH)
    return (_PUBLIC_PIECE_RE.search(text, before, after) is not None or _PUBLIC_VOICE_RE.search(text, before, after) is not None
            or _in_the_media(text, start))


# A member of staff's own absence from work: "tested positive for COVID so won't be in for his nights".
_TEAM_IN_CLAUSE_RE = re.compile(r"(?:" + _NO_VERB_BEFORE + r"[^\n,;.()]){0,30}?\b" + _TEAM_WORDS, re.I)
# Between a name and a term in prose: no table's cell, field or address ("Amir Example<tab>
# Sepsis Recognition", "CN=Tariq Example:mailto:...@diabetes-...", "Mr Example: Asthma").
# A comma between two digits is the number's own ("NHS 452 601,8155", "1,234"), not a
# field's or a cell's.
_NOT_PROSE_RE = re.compile(r"[\t|@:;=<>/\\\[\]{}\"]|(?<![0-9]),(?=\S)|,(?=[^\s0-9])")
# A job or a grade said between a name and a term, in any case: "Lucy Example, who worked as a
# Band 5 staff nurse on our HIV ward", "Mr Peter Example, consultant urological surgeon - ...".
_ROLE_BETWEEN_RE = re.compile(
    r"(?i)\b(?:nurse|nurses|consultant|surgeon|physician|doctor|registrar|sister|matron|midwife|therapist|pharmacist"
    r"|dietitian|physio|radiographer|paramedic|manager|lead|specialist|practitioner|HCA|band[ \t]?[2-9]|worked|works"
    r"|employed|colleague|locum|trainee|student|volunteer|member of staff|staff|former|chief|executive|porter|carer"
    r"|(?:for|in) [0-9]{1,2} years"
    # a skill or an interest of theirs: "has been trained as a Mental Health First Aider", "a special interest in"
    r"|trained|qualified|certified|accredited|expertise|(?:special|clinical|research) interest)\b"
)
# After a name's "'s", what only a clinician has: "Mr Example's referral criteria", "Miss
# Example's referrals for hysterectomy", "Mr Example's lists", a teacher's "Mrs Example's class".
_CLINICIANS_AFTER_RE = re.compile(r"[ \t]+(?:[\w\-]+[ \t]+)?(?:referrals|patients|lists|clinics|theatres|cases|class|classes|pupils|students|team|staff)\b", re.I)
# A talk's title after its speaker's name: "Mr Obi on breast reconstruction after mastectomy: DIEP vs implant".
_TALK_AFTER_NAME_RE = re.compile(r"[ \t]+on[ \t]+[^.!?\n:]{1,80}:")
_DASH_RE = re.compile(r"[ \t][\-\u2013\u2014][ \t]")
# (a number or a code of theirs may be between: "Amira Example E3456789 - ...")
_DASH_AFTER_NAME_RE = re.compile(
    r"[ \t]*(?:\([^()\n]{1,40}\))?(?:[ \t]+[A-Z0-9]*[0-9][A-Z0-9]*)?[ \t]*[\-\u2013\u2014][ \t]")
# A note's shorthand with a slash between a name and its health: "c/o" (complains of), "h/o", "o/e".
_SHORTHAND_SLASH_RE = re.compile(r"(?i)(?<![\w/])[cho]/[oe](?![\w/])")
# A time in a note's shorthand, days, weeks or months over their whole ("3/7", "14/52", "6/12"):
# a period, not a table's or a form's mark.
_PERIOD_SLASH_RE = re.compile(r"(?<=[0-9])/(?:7|52|12)(?![\w/])")
_TIME_BEFORE_RE = re.compile(r"\b[0-9]{1,2}[:.][0-9]{2}\b")


def _clinicians_own(text: str, end: int, stop: int) -> bool:
    """The name ending at ``end`` with its "'s" is a clinician's: what follows is only theirs
    (_CLINICIANS_AFTER_RE) or their project's (_PROJECT_AFTER_RE)."""
    if not text.endswith(_OWNER_ENDS, 0, end):
        return False
    return bool(_CLINICIANS_AFTER_RE.match(text, end, stop) or _PROJECT_AFTER_RE.match(text, end + 1, stop))


def _work_said_of_term(text: str, term: int, sentence: bool = True, name: tuple[int, int] = (0, 0)) -> bool:
    """The health term at ``term`` is a member of staff's work, a skill or a charity's name:
    a role after it ("diabetes nurse specialist", "stroke consultant"), a skill ("dementia
    aware"), with ``sentence`` a topic of work in its sentence ("dementia strategy", "Grand
    round"), "Sue Ryder"; not the person's own name, text[name[0]:name[1]] ("Amelia Grant",
    "Mr Tom Cover")."""
    line_start, line_end = line_bounds(text, term)
    if _ROLE_AFTER_TERM_RE.match(text, term, line_end) or _SKILL_AFTER_TERM_RE.match(text, term, line_end):
        return True
    if not sentence:
        return False
    start = _sentence_start(text, term, max(line_start, term - _SENTENCE_REACH))
    stop = _sentences_end(text, term, 1, _SENTENCE_REACH)
    return any(not name[0] <= m.start() < name[1] for m in _STAFF_TOPIC_RE.finditer(text, start, stop)) or (
        _CHARITY_NAME_RE.search(text, start, term) is not None)


def _staff_duty(text: str, term: int, low: int) -> bool:
    """The health term at ``term`` names a member of staff's duty, the words before it from
    ``low`` its verb ("on stroke call", "on call for stroke", "has diabetes clinic", "doing
    the urology list", "finished her asthma clinic"), or a rotation's specialty (_rotation_at)."""
    line_end = line_bounds(text, term)[1]
    if _CARE_PAPER_AFTER_RE.match(text, term, line_end) and _THEIRS_JUST_BEFORE_RE.search(text, max(low, term - 20), term):
        return False  # "has his HIV clinic appointment", "has her fracture clinic review": their own visit
    return _DUTY_AFTER_TERM_RE.match(text, term, line_end) is not None or (
        _ON_CALL_FOR_RE.search(text, max(low, term - 30), term) is not None) or (
        _PLACE_AFTER_TERM_RE.match(text, term, line_end) is not None
        and _DUTY_BEFORE_TERM_RE.search(text, max(low, term - 40), term) is not None) or (
        _CLINIC_AFTER_TERM_RE.match(text, term, line_end) is not None
        and _CLINIC_ENDED_BEFORE_RE.search(text, max(low, term - 40), term) is not None) or _rotation_at(text, term, low)


# A clinic, a list or a session a member of staff finished ("finished her asthma review clinic
# early", "wrapped up the diabetes list"): a patient attends one, and finishes a course.
_CLINIC_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:clinic|list|session)s?\b"
    r"(?![ \t]+(?:appointment|appt|referral|letter|review|visit|follow-up))"
)
_CLINIC_ENDED_BEFORE_RE = re.compile(
    r"(?i)\b(?:finish(?:ed|es|ing)?|wrapp(?:ed|ing)[ \t]+up|overran|overrunning)[ \t]+"
    r"(?:(?:the|his|her|their|our|my)[ \t]+)?$"
)
# A specialty said bare, the end of its clause after it ("dermatology and", "urology."), not a
# course of care named for it ("cardiac rehab", "cardiology clinic").
_BARE_SPECIALTY_RE = re.compile(
    _SPECIALTY_AT_RE.pattern + r"(?=[ \t]*(?:$|[.,;:!?)\n]|(?:and|then|now|last|this|next|today|yesterday|tomorrow"
    r"|on|in|at|from|for|since|until|till|before|after)\b))"
)
# A rotation of a member of staff's: a specialty finished or started (no "with": "finished with
# oncology" is a patient's discharge), the next one "now on" or "onto" ("has finished dermatology
# and is now on urology", "started paediatrics last week").
_ROTATION_START_RE = re.compile(
    r"(?i)\b(?:finish(?:ed|es|ing)?|complet(?:ed|es|ing)|start(?:ed|s|ing)|begin(?:s|ning)?|began)[ \t]+(?:(?:in|on)[ \t]+)?$"
)
_ROTATION_NEXT_RE = re.compile(r"(?i)\b(?:now[ \t]+(?:on|in|doing)|onto|on[ \t]+to|moving[ \t]+(?:on)?to)[ \t]+$")


def _rotation_at(text: str, term: int, low: int) -> bool:
    """The health term at ``term`` is a specialty said bare (_BARE_SPECIALTY_RE) as a member of
    staff's rotation: finished or started (_ROTATION_START_RE), or the next one after a
    specialty so finished or started in its sentence (from ``low``)."""
    line_end = line_bounds(text, term)[1]
    if _BARE_SPECIALTY_RE.match(text, term, line_end) is None:
        return False
    if _ROTATION_START_RE.search(text, max(low, term - 24), term):
        return True
    if _ROTATION_NEXT_RE.search(text, max(low, term - 24), term) is None:
        return False
    start = _sentence_start(text, term, max(0, term - _SENTENCE_REACH))
    return any(_ROTATION_START_RE.search(text, max(start, m.start() - 24), m.start()) is not None
               and _BARE_SPECIALTY_RE.match(text, m.start(), line_end) is not None
               for m in _SPECIALTY_AT_RE.finditer(text, start, term))


# "his", "her", "their" or a name's "'s" right before a term, a word at most between ("her
# next fracture clinic review").
_THEIRS_JUST_BEFORE_RE = re.compile(r"(?i)(?:\b(?:his|her|their)|\w['\u2019]s)[ \t]+(?:[\w\-]+[ \t]+)?$")
_ON_CALL_FOR_RE = re.compile(r"(?i)\bon[- ]?call[ \t]+(?:for|to)[ \t]+(?:the[ \t]+)?$")


def _prose_term_theirs(text: str, term: int, low: int) -> bool:
    """The health term at ``term`` speaks of a person's health (_about_health), or names a
    clinic, a ward or a list the words before it (from ``low``) say is theirs; not a staff
    duty ("on stroke call", "has diabetes clinic")."""
    if _staff_duty(text, term, low):
        return False
    line_end = line_bounds(text, term)[1]
    if _CARE_PAPER_AFTER_RE.match(text, term, line_end) and _OWNER_BEFORE_RE.search(text, max(low, term - 30), term):
        return True  # "Mateusz Example's HIV clinic appointment": the clinic's paper of theirs
    if _PLACE_AFTER_TERM_RE.match(text, term, line_end):
        if _THEIRS_BEFORE_RE.search(text, max(low, term - 60), term) or (
                _PUT_ON_LIST_RE.search(text, max(line_bounds(text, term)[0], term - 80), term)
                and _LIST_AFTER_TERM_RE.match(text, term, line_end)):
            return True
    # (a team's word in the next clause is another thing: "admitted with DKA, currently on ward 7")
    return _TEAM_IN_CLAUSE_RE.match(text, term, line_bounds(text, term)[1]) is None and _about_health(
        text, term, roles=False)


# A given name alone and the trade by which a neighbourhood knows them: "Dave the postie",
# "Bev the lollipop lady" (not a health or care job's: "Jo the physio", "Tom the porter", whose
# colleagues name them so).
_KNOWN_BY_TRADE_RE = regex.compile(
    r"(?P<name>\p{Lu}\p{Ll}+)[ \t]+the[ \t]+(?:postie|postman|postwoman|milkman|binman|bin man|window cleaner"
    r"|lollipop (?:man|lady)|butcher|baker|greengrocer|newsagent|plumber|builder|electrician|roofer|joiner|taxi driver"
    r"|cabbie|bus driver|lorry driver|barber|hairdresser|gardener|farmer|vicar|landlord|landlady|chippy man)\b"
)


def _prose_person(text: str, pos: int, stop: int) -> int:
    """Where a lay person's name starting at ``pos`` ends (_lead_name_end, or a given name alone
    and their trade: _KNOWN_BY_TRADE_RE), not said as a member of staff's (a clinician's title or
    a greeting before it, a job or a grade after it, what they did at work right after it); -1
    if none."""
    end = _lead_name_end(text, pos, stop)
    if end < 0:
        trade = _KNOWN_BY_TRADE_RE.match(text, pos, stop)
        name = folded(trade.group("name")) if trade is not None else ""
        if trade is None or name not in given_names() or name in _GIVEN_WORDS or (
                _CAPITALISED_BEFORE_RE.search(text, max(0, pos - 30), pos)):
            return -1
        end = trade.end()
    tokens = [t for t in _TOKEN_RE.findall(text[pos:end]) if t != ","]
    if all(t.isupper() for t in tokens) and (len(tokens) < 2 or any(len(t) < 3 for t in tokens)
                                            or folded(tokens[0]) not in given_names()):
        return -1  # "AL AK AZ AR": codes in capitals ("JOSEPH EXAMPLE" is a name)
    raw = text[max(0, pos - 30):pos].split()[-2:]
    if len(raw) == 2 and raw[1].endswith(":"):
        raw = raw[1:]  # a note's label's word before its colon ("School nurse update: Ellie Example"): no title
    words = [w.lower().strip(".:,()") for w in raw]
    given_to = words[-1:] == ["to"] and _GIVEN_TO_BEFORE_RE.search(text, max(0, pos - _GIVEN_TO_REACH), pos) is not None
    if words[-1:] == ["to"] and (given_to or _SPOKEN_TO_BEFORE_RE.search(text, max(0, pos - 30), pos)):
        words[-1] = ""  # "spoke to Joseph Example", "gave insulin to Joseph Example": no header's "To:"
    if words[-1:] == ["by"] and words[-2:-1] and words[-2] in _OCCUPANT_BEFORE_BY:
        words[-1] = ""  # "occupied by Mr Example": who lies there, no author
    if any(w in _PROFESSIONAL or w in _BYLINE_WORDS for w in words) or words and words[-1] in _NOT_PATIENT_BEFORE:
        return -1  # "Charge Nurse Example", "by Example", "Lead: Example" ("sorry to say Example" is no "to:")
    if len(words) == 2 and words[1] in ("mr", "mrs", "ms", "miss", "mx") and words[0] in _NOT_PATIENT_BEFORE and (
            raw[0].endswith(":") or words[0] not in ("to", "from")):
        return -1  # "Interpreter: Mr Łukasz Example": the name after the title is the label's too ("wrote to Mr ..." is not)
    if "\t" in text[pos:end] or not given_to and _GREETING_BEFORE_RE.search(text, max(0, pos - 12), pos) or _STAFF_GRADE_RE.search(
            text, pos, min(stop, end + 12)) or _JOB_ABROAD_AFTER_RE.match(text, end, stop):
        return -1  # a table's cells, a member of staff's grade or job after the name ("Wei Example RGN",
        # "Anna Example, pielęgniarka")
    # (a titled patient "from Ward 9" is moved from their bed, no colleague from it)
    moved = _LAY_TITLE_RE.match(text, pos) is not None and _FROM_BED_RE.match(text, end, stop) is not None
    work = None if moved else _WORK_AFTER_NAME_RE.match(text, end, stop)
    if work is not None and _CARED_FOR_BEFORE_RE.search(text, max(0, pos - 16), pos) and _PLACE_WORDS_RE.fullmatch(
            work.group().strip(" \t,")):
        work = None  # "thank you for seeing Mr Example in the memory clinic": whom they saw there
    if work is not None or _HEADING_AFTER_NAME_RE.match(text, end, stop) or _TALK_AFTER_NAME_RE.match(text, end, stop):
        return -1
    # (the words run on from the name: "Margaret Example, 84, Ward 9" is where she lies)
    tail = _NAME_TAIL_BREAK_RE.search(text, end, end + 30)
    if not moved and any(folded(w) in _NAMED_FOR for w in text[pos:tail.start() if tail else end + 30].split()[1:4]):
        return -1  # "the Mary Seacole Award", "Florence Nightingale Foundation": named for a person
    run = _CAPITALISED_RUN_RE.match(text, end)  # (the business's word in the name's run of capitals)
    if _BUSINESS_AFTER_NAME_RE.search(text, pos, min(stop, end + 40, run.end() if run is not None else end)):
        return -1  # "Claire Example Opticians, 4 Main Street": a business named for its owner
    return end


# A reference to a published paper, as a CV's publication list or a paper's bibliography writes
# it: a journal's year, volume and pages ("Br J Cancer 2025;132:881-9", "2024;9:102338"), "et
# al.", a DOI or a PubMed id. Its authors' names beside a title's health words are no patient's.
_CITATION_RE = re.compile(
    r"\b(?:19|20)[0-9]{2}[ ]?;[ ]?[0-9]+(?:[ ]?\([0-9A-Za-z\-]+\))?[ ]?:[ ]?[A-Za-z]?[0-9]+"
    r"|\bet[ \t]+al\b|\bdoi[ \t]*:|\bdoi\.org/|\bPMID\b"
)


def _in_citation(text: str, pos: int) -> bool:
    """The line holding ``pos``, or the next (a reference wrapped over two), has a mark of a
    reference to a published paper (_CITATION_RE)."""
    line_start, line_end = line_bounds(text, pos)
    nxt = next_line_start(text, line_end, 0)
    return _CITATION_RE.search(text, line_start, line_bounds(text, nxt)[1] if nxt is not None else line_end) is not None


def named_in_prose(text: str, terms: Sequence[int]) -> int:
    """People whose health a sentence of prose says, by their name close to a health term
    (see above), or whose visit of care a paragraph tells before the list of its outcome
    (_care_listed_after_visit). Only in a part with health terms and no other identifier."""
    return len(_prose_people(text, terms)) or _care_listed_after_visit(text, terms)


# A paragraph that tells of one lay person's visit of care by their name ("Thanks for bringing
# Mr Example (Flat 2, Example House) to clinic today."), then a paragraph whose first line
# introduces what came of it, with a word of care, over a list ("Outcome of the review with Dr
# Example:" / "- Diagnosis remains bipolar disorder"): the list is that person's care. Not a
# visit of business (_NOT_CARE_VISIT_RE: a meeting's, a talk's), nor a member of staff's or a
# public voice's paragraph.
_INTRO_LINE_END_RE = re.compile(r":[ \t\r]*\n")
_VISIT_OF_CARE_RE = re.compile(
    r"(?i)\b(?:(?:to|in|at|from)[ \t\n]+(?:(?:the|our|his|her|their)[ \t\n]+)?(?:today['\u2019]s[ \t\n]+)?"
    r"(?:clinic|appointment|surgery)"
    r"|(?:was|were|been|I|we)[ \t\n]+(?:seen|saw|reviewed|assessed|examined)|review(?:ed)?[ \t\n]+(?:of|with)[ \t\n]+(?:him|her))\b"
)
_VISIT_REACH = 480  # characters of the paragraph above an introduction read for the visit


def _care_listed_after_visit(text: str, terms: Sequence[int]) -> int:
    """1 if a list of care follows a paragraph that tells of a named lay person's visit (see above)."""
    for colon in _INTRO_LINE_END_RE.finditer(text):
        line_start, line_end = line_bounds(text, colon.start())
        below = _below_intro(text, line_start, line_end)
        if below <= line_end or not _health_between(text, terms, line_end, below):
            continue
        above_end = line_start
        while above_end > 0 and text[above_end - 1] in " \t\r\n":
            above_end -= 1
        if text.count("\n", above_end, line_start) < 2:
            continue  # the introduction opens no paragraph of its own
        blank = text.rfind("\n\n", max(0, above_end - _VISIT_REACH), above_end)
        para = blank + 2 if blank >= 0 else max(0, above_end - _VISIT_REACH)
        if (not _VISIT_OF_CARE_RE.search(text, para, above_end) or _NOT_CARE_VISIT_RE.search(text, para, below)
                or _ROLE_LINE_RE.search(text, para, above_end) or _PUBLIC_VOICE_RE.search(text, para, below)
                or _NEWS_RE.search(text, para, below) or _STAFF_RECORD_RE.search(text, para, below)
                or _public_piece(text, para)):
            continue
        if any((end := _prose_person(text, cap.start(), above_end)) >= 0
               and (_TITLED_NAME_END_RE.search(text, para, end) is not None
                    or _cared_for_full_name(text, cap.start(), end, para, above_end, below))
               for cap in _CAPITAL_RE.finditer(text, para, above_end)):
            return 1
    return 0


# A colleague's visit to a clinic rather than a patient's: they shadowed or observed it, on a
# rotation, or came about a pathway or an audit.
_STAFF_VISIT_RE = re.compile(
    r"(?i)\b(?:shadow\w*|observ(?:e|ed|ing)[ \t]+(?:the[ \t]+)?clinic|rotation|pathways?|audit|students?|trainees?|locums?"
    r"|registrars?|elective|work[ \t]+experience|new[ \t]+starters?)\b")


def _cared_for_full_name(text: str, pos: int, end: int, para: int, above_end: int, below: int) -> bool:
    """The untitled name at text[pos:end] is a lay person's whom the visit was for: two or three
    name words, a given name first, right after a verb of their care ("Many thanks for seeing
    Ahmed Hassan Example at the clinic"); no clinician so named in the text, no job nor grade in
    text[para:below] (a colleague's), no colleague's visit told in text[para:above_end] (a
    trainee's, an audit's: _STAFF_VISIT_RE; a patient's list may name their pathway)."""
    words = [t for t in _TOKEN_RE.findall(text[pos:end]) if t != ","]
    if not 2 <= len(words) <= 3 or folded(words[0]) not in given_names():
        return False
    if not _CARED_FOR_BEFORE_RE.search(text, max(para, pos - 16), pos):
        return False
    if (_JOB_TITLE_RE.search(text, para, below) or _STAFF_GRADE_RE.search(text, para, below)
            or _STAFF_VISIT_RE.search(text, para, above_end)):
        return False
    return all(_clinician_named_end(text, w) > len(text) for w in (words[0], words[-1]))


def _not_prose_between(text: str, a: int, b: int, figures: bool) -> bool:
    """text[a:b] holds a table's, a form's or an address's mark (_NOT_PROSE_RE), other than a
    note's shorthand's slash ("c/o", "h/o") or, with ``figures``, a slash between figures
    ("BP 168/94", "repeat in 2/52")."""
    for m in _NOT_PROSE_RE.finditer(text, a, b):
        i = m.start()
        if m.group() != "/" or not (_SHORTHAND_SLASH_RE.match(text, max(0, i - 1)) or _PERIOD_SLASH_RE.match(text, i)
                                    or figures and text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()):
            return True
    return False


# A name with its department in brackets, as a rota or a contact list writes its staff ("Jo
# Example (Radiology) | Sam Example (ICU)"): a unit named for care there is where they work
# when the names around it are so written with departments of no health ("(Pharmacy)",
# "(Estates)").
_NAME_DEPARTMENT_RE = regex.compile(r"\p{Lu}[\p{L}'\u2019\-]+[ \t]+\(([^()\n]{2,30})\)")
_DEPARTMENT_LINES = 2  # lines above and below read for the other names' departments
_DEPARTMENTS_AROUND = 2  # other names with a department of no health that make a list of staff


_BRACKET_AFTER_NAME_RE = regex.compile(r"\p{Lu}[\p{L}'\u2019\-]+[ \t]*\($")


def _department_in_brackets(text: str, terms: Sequence[int], term: int) -> bool:
    """The term at ``term`` fills the brackets right after a name, and the lines around hold
    other names with departments in brackets that name no health (see above)."""
    if _BRACKET_AFTER_NAME_RE.search(text, max(0, term - 40), term) is None:
        return False
    close = text.find(")", term, term + 31)
    if close < 0 or "\n" in text[term:close]:
        return False
    low, high = line_bounds(text, term)
    for _ in range(_DEPARTMENT_LINES):
        low = text.rfind("\n", 0, max(0, low - 1)) + 1
        nxt = text.find("\n", high + 1)
        high = len(text) if nxt < 0 else nxt
    others = 0
    for m in _NAME_DEPARTMENT_RE.finditer(text, low, high):
        i = bisect.bisect_left(terms, m.start(1))
        if i == len(terms) or terms[i] >= m.end(1):
            others += 1
            if others >= _DEPARTMENTS_AROUND:
                return True
    return False


def _name_before_term(text: str, terms: Sequence[int], pos: int, end: int, term: int, stop: int) -> bool:
    """The name at text[pos:end] is joined to the term at ``term`` after it by ordinary words:
    close, no job, grade or table's cell between, no clinician's own after its "'s", not a
    schedule's row; a dash right after it only on a line it leads (_line_led_by_name)."""
    dash = _DASH_RE.search(text, end, term) is not None and _DASH_AFTER_NAME_RE.match(text, end, term) is not None
    if (term - _prose_reach_end(text, end, term) > _PROSE_REACH or _JOB_TITLE_RE.search(text, end, term)
            or _not_prose_between(text, end, term, dash)
            or _ROLE_BETWEEN_RE.search(text, end, term) or _clinicians_own(text, end, stop)
            or _department_in_brackets(text, terms, term)):
        return False
    line_start, line_end = line_bounds(text, pos)
    # (a chat's message's time is when it was sent; a home visit's slot leads its row)
    chat = _CHAT_PREFIX_RE.match(text, line_start, pos)
    lead_start = chat.end() if chat else max(line_start, _visit_slot(text, line_start, line_end))
    if _TIME_BEFORE_RE.search(text, lead_start, pos):
        return False  # a schedule's row: "10:00 Jo Example 20 min slots - asthma"
    if dash:
        # a name and a dash: a note's line led by the name (its term further on), not a list's
        # row after a date ("Sat 9 Jan - Miss Example - gynae oncology"), nor a topic's ("Lunch
        # & learn - Mr Example - ..."); a dash later in a sentence is its own ("Wojciech
        # Example rang - his PSA is up")
        if text[pos - 1:pos] in ('"', "\u201c"):
            lead_start = line_start = pos - 1  # a note quoted in a sentence leads its quotation: 'showed "Mr Example - ..."'
        lead = _LINE_LEAD_RE.match(text, lead_start, pos)
        return lead is not None and lead.end() == pos and _line_led_by_name(text, terms, line_start, line_end, far=True)
    return True


# A business's word in or after its owner's name ("Claire Example Opticians, 4 Main Street"),
# in the run of capitalised words right after it: a verb first makes it a place the person went
# ("Mr Example attended the dental surgery").
_BUSINESS_AFTER_NAME_RE = re.compile(
    r"(?i)\b(?:" + _BUSINESS_WORDS + r"|optometrists?|associates|(?:&|and)[ \t]+(?:sons?|co|partners))\b"
)
_CAPITALISED_BEFORE_RE = regex.compile(r"\p{Lu}[\p{L}'\-]*\.?[ \t]+$")  # "Mr Dave the ...", "Nurse Dave the ..."
_CAPITALISED_RUN_RE = re.compile(r"(?:[ \t]+(?:[A-Z][\w'\u2019\-]*|&|and))*")
# A career's words in a sentence: a contract, a post, an honour for work ("2y fixed-term from
# 1 July, Sexual Health", "admitted to the Fellowship ... for work on psychosis").
_CAREER_RE = re.compile(
    r"(?i)\b(?:fixed[- ]term|ftc|secondment|seconded|substantive post|fellowship|honorary|for (?:(?:his|her|their)[ \t]+)?work on)\b"
)


# A sentence that goes on about the person the one before named, with no subject of its own:
# their pronoun, their age and sex in a note's shorthand, or a finding a few words in ("Can
# someone review Mrs Example in side room 3? 62F, known sickle cell", "Have you seen Mr
# Example in bed 9? NEWS 7 ?sepsis", "... She is 62, known sickle cell"), or "the patient" for
# them ("... to Idris Example on Ward 4. The patient's glucose fell to 1.9"); read from its start
# to its health term.
_REFERS_BACK_RE = re.compile(
    r"[ \t]*(?:(he|she|they)(?:['\u2019]s|[ \t]+(?:is|was|has|had|are|were))[ \t]+"
    r"|the[ \t]+(?:patient|pt)(?:['\u2019]s|[ \t]+(?:is|was|has|had))[ \t]+)?"
    r"(?:[0-9]{1,3}[ \t]?(?:[mf]|yo|y/o|yrs?|years?(?:[ \t]+old)?)?\b[ \t]*[,\-\u2013]?[ \t]*)?"
    r"(?:" + _NO_FINDING_WORDS + r"(?!(?:i|we|you|my|our|your|thanks|thank|please)\b)[\w?+/.'\-]+[ \t]+){0,3}\??$",
    re.I,
)


_GAP_REACH = 8  # characters of space between two sentences read back over
# A sentence that is a case's heading and nothing else: a list's number or "Case 2 -" perhaps, a
# person's name, their age and a record's number perhaps ("3. Case 3 - Jo Example, 71, RX1234567.");
# the sentence after, whatever its length, tells that person's case.
_NAME_AGE_HEADING_RE = regex.compile(
    r"[ \t>*\-\u2022]*(?:[0-9]{1,2}[.)][ \t]+)?(?:(?i:case|patient|pt)(?:[ \t]*[0-9]{1,2}|[ \t]+[A-Z])?[ \t]*[:\-\u2013\u2014][ \t]*)?"
    + _NAME_RUN_RE.pattern
    + r"[ \t]*,[ \t]*[0-9]{1,3}[ \t]*(?:[MFmf]|yo|y/o|yrs?|years?(?:[ \t]+old)?)?"
    r"(?:[ \t]*,[ \t]*[A-Z]{0,4}[0-9][A-Z0-9]{4,11})?[ \t]*\."
)


def _sentence_referred_from(text: str, start: int, term: int) -> int:
    """Where the sentence before starts, if the sentence at ``start`` (its health term at
    ``term``) refers back to it (_REFERS_BACK_RE) and that one ends with a full stop on the
    same line, or a question mark there or at the end of the line before (a question about a
    named patient, the detail next: "Have you seen Mr Example in bed 18? ..."); else ``start``."""
    if start == term and text[term - 1:term] == "?":  # a query's mark ("?sepsis") ends no sentence
        start = _sentence_start(text, term - 1, max(0, term - _SENTENCE_REACH))
    stop = start  # where the sentence before ends, its mark last
    while stop > 0 and start - stop < _GAP_REACH and text[stop - 1] in " \t\r\n":
        stop -= 1
    mark = text[stop - 1:stop]
    breaks = text.count("\n", stop, start)
    if mark not in ("?", ".") or text[stop - 2:stop] == ".." or breaks > 1 or breaks and mark != "?":
        return start
    lead = _REFERS_BACK_RE.match(text, start, term)
    if lead is None:
        # (a sentence of the name, age and number alone heads what follows: "Case 2 - Jo Example, 71, RX12345.";
        # its age's comma close before its end first, a cheap test)
        if mark != "." or text.find(",", max(0, stop - 24), stop) < 0:
            return start
        before = _sentence_start(text, stop - 1, max(0, stop - _SENTENCE_REACH))
        return before if _NAME_AGE_HEADING_RE.fullmatch(text, before, stop) else start
    if lead.group(1) and not _antecedent_lay(text, lead.start(1), lead.group(1).lower(), term):
        return start  # (a pronoun's person is the one it agrees with: "Mr Example ... She was diagnosed")
    return _sentence_start(text, stop - 1, max(0, stop - _SENTENCE_REACH))


# A sentence's opening clause with a health term of "his" or "her", its subject the name
# right after its comma: "Following his stroke in March, Mr Gareth Example still needs ...".
_FRONTED_RE = re.compile(
    r"[ \t>*]*(?i:following|after|since|despite|because of|due to|post)[ \t]+(his|her|their)[ \t]+"
    r"(?:(?:recent|latest|new|first|second|last|bad|major|minor)[ \t]+)?$"
)
_FRONTED_TO_NAME_RE = re.compile(r"[^,.;:!?\n]{0,40},[ \t]+")


def _fronted_own(text: str, start: int, term: int, pos: int) -> bool:
    """The health term at ``term`` is owned by a pronoun in the sentence's opening clause
    (from ``start``) and the name at ``pos`` is that clause's subject right after its comma,
    of the pronoun's sex where its title says it (_FRONTED_RE)."""
    m = _FRONTED_RE.match(text, start, term)
    if m is None or _FRONTED_TO_NAME_RE.fullmatch(text, term, pos) is None:
        return False
    title = text[pos:pos + 5].split(maxsplit=1)[0].rstrip(".").capitalize() if text[pos:pos + 5].strip() else ""
    return not _other_sex(title, _PRONOUN_OF[m.group(1).lower()])


# A table laid out with runs of spaces in a plain-text mail: its cells are split at two spaces
# or more (a reply's quote marks first), its header a line of a few short words to a cell, no
# figure ("Name      Years   Department", "Staff member    Ward    Band").
_SPACED_CELL_GAP_RE = re.compile(r" {2,}|\t")
_HEADER_CELL_RE = re.compile(r"[A-Za-z][A-Za-z&/().'\u2019\-]*(?: [A-Za-z&/().'\u2019\-]+){0,3}")
_LAID_OUT_ROWS_UP = 40  # rows above a cell read for its table's header


def _spaced_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the cells of the line text[start:end] of a table laid out with spaces are (past
    a reply's quote marks)."""
    quoted = _QUOTE_PREFIX_RE.match(text, start, end)
    pos = quoted.end() if quoted is not None else start
    while end > pos and text[end - 1] in " \t\r":
        end -= 1
    cells = []
    for gap in _SPACED_CELL_GAP_RE.finditer(text, pos, end):
        if gap.start() > pos:
            cells.append((pos, gap.start()))
        pos = gap.end()
    if end > pos:
        cells.append((pos, end))
    return cells


def _laid_out_header(text: str, cells: list[tuple[int, int]]) -> bool:
    """The ``cells`` are a header row's: each a few words with no figure (_HEADER_CELL_RE),
    none a person's name, half of them or more a column's known words (header_groups)."""
    known = 0
    for a, b in cells:
        if not _HEADER_CELL_RE.fullmatch(text, a, b) or person_at(text, a, b):
            return False
        known += bool(header_groups(text[a:b], whole=True)[0])
    return 2 * known >= len(cells)


def _in_place_column(text: str, term: int) -> bool:
    """The health term at ``term`` stands in a cell of a table laid out with spaces whose
    header names that column as places or teams (_PLACE_COLUMN_RE; not a clinic booked,
    _BOOKING_COLUMN_RE): "Mrs Parveen Example   20   Diabetes & Endocrinology" under "Name
    Years   Department" says where the row's person works (or lies), not what they have. Its
    header is the one in the same place in the header row when both rows have as many cells
    (columns typed by hand in a proportional font do not line up), else the one above it."""
    line_start, line_end = line_bounds(text, term)
    if "  " not in text[line_start:term]:
        return False  # no run of spaces before it: prose, not a cell
    row = _spaced_cells(text, line_start, line_end)
    k = next((i for i, (a, b) in enumerate(row) if a <= term < b), -1)
    if k < 1:
        return False  # the term opens the row: no column of its own
    pos = line_start
    for _ in range(_LAID_OUT_ROWS_UP):
        above = previous_line_start(text, pos, 0)
        if above is None:
            return False
        pos = above
        end = line_bounds(text, pos)[1]
        cells = _spaced_cells(text, pos, end)
        if len(cells) < 2:
            return False  # a line of prose or a title: the table ended with no header
        if not _laid_out_header(text, cells):
            continue  # another row
        if len(cells) == len(row):
            head = cells[k]
        else:
            at = row[k][0] - line_start
            head = max((c for c in cells if c[0] - pos <= at + 2), key=lambda c: c[0], default=cells[0])
        cell = text[head[0]:head[1]]
        return _PLACE_COLUMN_RE.search(cell) is not None and not _BOOKING_COLUMN_RE.fullmatch(cell)
    return False


# A colleague's death told to those who mourn them: the person named as the writer's colleague
# right before or after their name ("colleagues of the late Joanne Example", "our late
# colleague Anita Example", "Dave Example, our former porter", "Joanne Example, who worked on
# our Children's Ward for 22 years"), a death's word in the sentence. A patient who died is
# named with no tie to us ("the late Mrs Example, who died on Ward 12 of sepsis"), and where
# a patient worked is elsewhere ("who worked at the mill for 40 years").
_COLLEAGUE_BEFORE_RE = re.compile(
    r"(?i)\b(?:colleagues?[ \t]+of|(?:our|my|your|a)[ \t]+(?:(?:late|former|dear|much[- ]loved|valued|retired"
    r"|friend[ \t]+and)[ \t]+)*(?:colleague|co-?worker|team[- ]?mate))[ \t]+(?:the[ \t]+)?(?:late[ \t]+)?$"
)
_COLLEAGUE_AFTER_RE = re.compile(
    r"(?i)[ \t]*,[ \t]+(?:(?:our|my|a)[ \t]+(?:(?:late|former|dear|much[- ]loved|valued|retired)[ \t]+)*colleague"
    r"|our[ \t]+(?:late[ \t]+|former[ \t]+)(?:[\w\-]+[ \t]+){0,2}?(?:nurse|sister|matron|midwife|doctor|consultant"
    r"|surgeon|porter|manager|pharmacist|therapist|physio|secretary|clerk|receptionist|cleaner|housekeeper|hca)"
    r"|who[ \t]+(?:had[ \t]+)?(?:worked|nursed|served)[ \t]+(?:(?:on|in|at|for|with|alongside)[ \t]+(?:our|us|the trust"
    r"|this trust|the hospital)|here)\b"
    r"|who[ \t]+(?:had[ \t]+)?(?:worked|nursed)[ \t]+(?:on|in)[ \t]+the[ \t]+[\w'\u2019& ]{1,30}?(?:ward|unit"
    r"|department|team|theatres?)[ \t]+for[ \t]+[0-9]{1,2}[ \t]+years)"
)
_DEATH_NOTICE_RE = re.compile(
    r"(?i)\b(?:died|passed away|death|the late|funeral|crematorium|memorial|guard of honour|condolences|rip)\b"
)


def _colleague_death(text: str, pos: int, end: int, start: int, stop: int) -> bool:
    """The name at text[pos:end], in the sentence text[start:stop], is a colleague's who died
    (see above)."""
    return (_COLLEAGUE_BEFORE_RE.search(text, max(start, pos - 60), pos) is not None
            or _COLLEAGUE_AFTER_RE.match(text, end, stop) is not None) and _DEATH_NOTICE_RE.search(
        text, start, stop) is not None


# A person's work said right after their name, between commas, as news and reports introduce
# an expert ("said John Example, a 36-year-old psychiatrist who chairs the Net Addiction
# Treatment Center"): the health words of that sentence are their work's, not theirs. (Not a
# former job: "Mrs Ivy Example, a retired nurse, has dementia".)
_WORK_APPOSITIVE_RE = re.compile(
    r"(?i)[ \t]*,[ \t]+(?:an?|the)[ \t]+(?:(?!retired\b|former\b|ex\b)[\w'\-]+[ \t]+){0,3}?"
    r"(?:psychiatrist|psychologist|doctor|consultant|surgeon|physician|nurse|professor|chair(?:man|woman|person)?"
    r"|director|chief executive|spokes(?:man|woman|person)|researcher|scientist|expert|specialist|paediatrician"
    r"|pediatrician|oncologist|cardiologist|neurologist|therapist|counsel+or|pharmacist|midwife|paramedic|epidemiologist)s?\b"
)


# Who lies in a bed or a room, right before their name ("Side room 4 occupied by Mr Example",
# "Bed 12: Mrs Example"): a patient, whatever job or training words their sentence has ("home
# dialysis training" is the patient's own).
_OCCUPANT_BEFORE_RE = re.compile(
    r"(?i)\b(?:occupied[ \t]+by|occupant[ \t]*(?:is|:|-|,)?"
    r"|(?:bed|bay|side[ \t]?room|cubicle)[ \t]+[0-9]{1,3}[a-z]?[ \t]*(?:[:\-\u2013,]|is))[ \t]*(?:(?:the|a)[ \t]+)?$"
)


# A medicine or a treatment given to the person named after it: "gave 20mg of oxycodone to Mr
# Example", "administered the insulin dose to Jo Example" (the verb of giving before the term:
# _GIVEN_TO_BEFORE_RE).
# (a dose's word between: "the morphine dose to", "a heparin bolus to"; not "heparin syringes to")
_TERM_TO_NAME_RE = re.compile(
    r"[\w'\u2019\-]*(?:[ \t]+(?i:dose|doses|bolus|infusion|injection|overdose|units?|tablets?))?[ \t]+to[ \t]+$")


def _given_to(text: str, start: int, term: int, pos: int) -> bool:
    """The health term at ``term`` is what a verb of giving before it gave to the name at ``pos``
    (see above), in the sentence from ``start``."""
    if _TERM_TO_NAME_RE.match(text, term, pos) is None:
        return False
    given = _GIVEN_TO_BEFORE_RE.search(text, max(start, pos - _GIVEN_TO_REACH), pos)
    return given is not None and given.start() < term


def _prose_people(text: str, terms: Sequence[int]) -> dict[int, int]:
    """Where the names of named_in_prose start, each with where its health term starts."""
    found: dict[int, int] = {}
    people: dict[int, list[tuple[int, int]]] = {}  # the names each sentence read holds, by its start
    for term in terms:
        start = _sentence_start(text, term, max(0, term - _SENTENCE_REACH))
        start = _sentence_referred_from(text, start, term)
        stop = _sentences_end(text, term, 1, _SENTENCE_REACH)
        if start not in people:
            people[start] = [(cap.start(), end) for cap in _CAPITAL_RE.finditer(text, start, stop)
                             if 0 <= (end := _prose_person(text, cap.start(), stop)) <= stop]
        low = max(start, term - 2 * _PROSE_REACH)  # (beyond _PROSE_REACH: a relative clause's, _prose_reach_end)
        for pos, end in people[start]:
            if pos < low or pos == term or pos in found or _WORK_APPOSITIVE_RE.match(text, end):
                continue  # (... or "said John Example, a psychiatrist who ...": an expert at work)
            if pos >= term + _PROSE_BEFORE:
                break
            if pos < term - _PROSE_REACH and _prose_reach_end(text, end, term) == end:
                continue
            if pos < term < end:  # the name's run took the term in capitals: "Mateusz Example's HIV clinic"
                end = _prose_person(text, pos, len(text[:term].rstrip(" \t")))
                if end < 0:
                    continue
            if end <= term:
                if not _name_before_term(text, terms, pos, end, term, stop):
                    continue
            elif _fronted_own(text, start, term, pos):
                pass  # "Following his stroke in March, Mr Gareth Example still needs two carers"
            elif (not (_FOR_NAME_RE.search(text, max(term, pos - 40), pos) or _given_to(text, start, term, pos))
                  or _NOT_PROSE_RE.search(text, term, pos) or "," in text[term:pos]):
                continue  # a term before the name: only the one it is for ("the MRI for ...", "gave insulin to ...")
            occupant = _OCCUPANT_BEFORE_RE.search(text, max(start, pos - 40), pos) is not None
            if (not _prose_term_theirs(text, term, min(pos, term)) or _work_said_of_term(text, term, not occupant, (pos, end))
                    or _in_place_column(text, term) or _if_guidance(text, term)):
                continue
            sentence_end = stop
            if (not occupant and _ROLE_LINE_RE.search(text, start, sentence_end)
                    or _PUBLIC_VOICE_RE.search(text, start, sentence_end) or _in_citation(text, pos)
                    or not occupant and _STAFF_RECORD_RE.search(text, start, sentence_end) or _public_piece(text, start)
                    or _money_between(text, start, sentence_end) or _NOT_CARE_OBJECT_RE.search(text, start, sentence_end)
                    or _away_from_work(text, start, sentence_end, terms) or _CAREER_RE.search(text, start, sentence_end)
                    or _colleague_death(text, pos, end, start, sentence_end)):
                break
            found[pos] = term
            break
    return found


# --- a patient's care told as a story ---------------------------------------------------
#
# A reference's anecdote, a newsletter's thank-you, a compliment or a complaint tells of a
# patient as a story does: by their full name or their title, introduced by their age or
# where they are from, then what happened to them in our care, in the clause after the
# introduction or the sentences that go on about them ("... to see Mrs Ann Example, a
# 71-year-old lady from Otley who came in with a perforated ulcer. She went to theatre
# ...", "a card from Ron Example, 80, of Shipley, who had his knee replaced on Ward 6 ... a
# wound infection after the operation"). (A record's "Name, 74," with its health on the row
# is _age_after_name's.)

# A person's introduction after their name: their age between commas, words after it (no
# table's cells: "Example, 81, 3, 12"), in brackets, "a 74-year-old", "aged 74" (group "age"),
# or where they are from (group "place"). A wrapped line may split it.
_STORY_INTRO_RE = re.compile(
    r"(?P<age>,[ \t]+[0-9]{1,3}(?:[ \t\-]*(?:years?|yrs?)(?:[ \t\-]*old)?)?[ \t]*,(?=[ \t]+[A-Za-z])"
    r"|[ \t]*\([ \t]*[0-9]{1,3}[ \t]*\)"
    r"|,?[ \t\n]+an?[ \t\n]+[0-9]{1,3}[ \t\-]*(?:years?|yrs?)[ \t\-\n]*old\b"
    r"|,?[ \t]+aged[ \t]+[0-9]{1,3}\b)"
    r"|,[ \t]*(?:who[ \t]+(?:is|lives|comes)[ \t]+)?(?:from|of)[ \t]+(?P<place>[A-Z][\w'\-]+)"
    # ... or the school a child goes to ("Amy Example, a Year 3 pupil at Northfield Primary, ...")
    r"|,[ \t\n]+an?[ \t\n]+(?:(?i:year|reception|nursery|primary|secondary)[ \t\n]+(?:[0-9]{1,2}[ \t\n]+)?)?"
    r"(?:pupil|schoolgirl|schoolboy)[ \t\n]+(?:at|of|from)[ \t\n]+[A-Z]"
)
# (looked for first with RE2, without its lookahead: most texts have none, and the pattern's
# many ways to begin at a space cost a Python pass over every text)
_story_intro_hint = _re2_gate(re.compile(_STORY_INTRO_RE.pattern.replace("(?=[ \\t]+[A-Za-z])", "")))
# ... its place a town's, not a department's or a team's ("Jan Example, from Pharmacy").
_NOT_TOWN_RE = re.compile(
    r"(?i)(?:the|our|ward|pharmacy|estates|finance|payroll|procurement|facilities|radiology|pathology|theatres?"
    r"|outpatients|maternity|audit|governance|research|it|hr|ops|operations|nhs|trust|hospital|university)$"
)
# ... up to what is said of them: "who", a clause's verb, a sentence's end.
_STORY_INTRO_END_RE = re.compile(r"\bwho\b|[.;:!?]|\b(?:was|is|has|had|came|went)\b")
_STORY_INTRO_REACH = 80  # characters of an introduction read for a job
_STORY_INTRO_WORK_RE = re.compile(r"(?i)\b(?:team|department|dept|office|joins|joined|joining)\b")
# What happened to them in hospital, as a story tells it: their arrival ("came in with",
# "was brought in", "attended A&E", a case report's "was referred to our clinic"), what was
# done ("went to theatre", "had her knee replaced", "was diagnosed", "was discharged"), their
# stay ("was in for three weeks"), their recovery after an operation.
# (its words' spaces as written: a space, a tab or a hard wrap between them)
_STORY_CARE_RE = re.compile(
    r"(?i)\b(?:came in(?:to)?|(?:was|were) brought in|(?:was|were) (?:re)?admitted"
    r"|attended (?:the )?(?:ED|A&E|A and E|emergency|casualty|urgent treatment cent(?:re|er)|UTC|minor injuries"
    r"|walk-in cent(?:re|er))|presented (?:to|with|at)"
    r"|(?:was|were) (?:rushed|taken|transferred|blue-?lighted|blue lighted) (?:in|to)"
    r"|went (?:in)?to (?:theatre|surgery|intensive care|ICU|ITU|HDU|resus)"
    r"|(?:was|were) (?:(?:urgently|then|later|first|initially) )?referred (?:to|with|by|for|back)"
    r"|(?:was|were) (?:operated on|diagnosed|treated|discharged|resuscitated|thrombolysed|ventilated|intubated"
    r"|stented|transfused)|underwent"
    r"|had (?:an? )?(?:operation|surgery|amputation|transplant|transfusion|bypass|stroke|heart attack|cardiac arrest"
    r"|seizure|fall)"
    r"|had (?:his|her|their|a|an|the) (?:[\w\-]+ ){0,3}?(?:replaced|removed|amputated|repaired|fixed|pinned|drained"
    r"|replacement|transplant|operation)"
    r"|after (?:the|his|her|their) (?:operation|surgery)|made a (?:good|full|slow|remarkable|great|steady) recovery"
    r"|(?:was|were) (?:in|on) (?:ward|icu|itu|hdu|intensive care)"
    r"|in for (?:(?:nearly|over|almost|about|just over) )?(?:[0-9]+|a|two|three|four|five|six|several|a few)"
    r" (?:days|weeks|months|nights))\b".replace(" ", r"[ \t\n]+")
)
# A story that is no patient's: a public figure's, the media's, a fundraiser's, a celebration.
_STORY_PUBLIC_RE = re.compile(
    rf"(?i)\b(?:{_FAME_WORDS}|police|reporters?|journalists?|press release|said in a statement|did you know"
    r"|spokes(?:man|woman|person)|inquest|coroner|court|arrested|charged with|sentenced"
    r"|speakers?|talks?[ \t]+(?:about|on)|trustee|governor|councillor|mayor|awards?|prizes?|winners?"
    r"|(?:told|telling|tells)[ \t]+(?:the[ \t]+)?(?:reporters?|journalists?|media|bbc|itv|radio|paper|newspaper|press)"
    r"|fundrais\w*|sponsor\w*|marathon|raised[ \t]+(?:over[ \t]+|nearly[ \t]+|more than[ \t]+)?(?:money|funds|[0-9])"
    r"|raising|in aid of|in memory of|donat\w+|ambassador|patron|campaigner|celebrat\w*|congratulat\w*|birthday"
    rf"|anniversary)\b|{_NEWS_AGENCY}|\u00a3|\bGBP\b"
)
_STORY_SENTENCES = 2  # sentences after the introduction's that go on about the person
# ... or, told of no care, the introduction says what they have: "Mr Roy Example, a 66-year-old
# man from Baildon with Parkinson's disease, ...", "Ann Example, 49, of Ilkley, who has MS".
_STORY_CONDITION_RE = re.compile(
    r"(?i)[ \t\n,]+(?:with|living[ \t\n]+with|who[ \t\n]+(?:has|had)|suffering[ \t\n]+(?:from|with)"
    r"|diagnosed[ \t\n]+with)[ \t\n]+(?:(?:an?|the|advanced|severe|early|late|end|stage|onset|terminal)[ \t\n\-]+){0,3}"
)
# ... in the introduction, before what the sentence goes on to say of them ("Liam Example, 24, was
# stretchered off with a broken ankle": a match's report)
_STORY_PREDICATE_RE = re.compile(
    r"(?i)(?<!who )\b(?:was|were|is|are|has|had|came|went|will|would|did|does|said|says|told|got|gets)\b")
_STORY_CONDITION_REACH = 12  # characters between the clause's word and its health term ("a rare", "chronic")
_PARAGRAPH_START_RE = re.compile(r"[ \t\r]*\n[ \t\r]*\n")  # a blank line after a sentence's end
_DEATH_WORD_RE = re.compile(r"(?i)\b(?:died|passed away|funeral)\b")


_HE_RE = re.compile(r"(?i)\b(?:he|him|his)\b")
_SHE_RE = re.compile(r"(?i)\b(?:she|her)\b")


def _referred_to(text: str, a: int, b: int, title: str, words: Sequence[str]) -> bool:
    """text[a:b] speaks of the person again: by a pronoun of their sex (their title's: either
    without one), or by a word of their name (``words``)."""
    pronouns = (_HE_RE,) if title in _HE_TITLES else (_SHE_RE,) if title in _SHE_TITLES else (_HE_RE, _SHE_RE)
    return any(p.search(text, a, b) for p in pronouns) or any(
        re.search(rf"\b{re.escape(w)}\b", text[a:b]) for w in words)


def _introduced_person(text: str, m: re.Match[str]) -> tuple[int, str, list[str]] | None:
    """The lay person whose name ends right before the introduction ``m`` (_STORY_INTRO_RE):
    (where the name starts, its title, its words); None if no name ends there, a
    clinician's, or one at work (a job or a grade in the introduction or right before it)."""
    window_start = max(0, m.start() - _NAME_REACH)
    window = text[window_start:m.start()]
    name = _NAME_BEFORE_RE.search(window)
    if name is None or window[name.end("name"):].strip(" \t,"):
        return None
    pos = window_start + name.start()
    if _lead_name_end(text, pos, m.start()) < 0:
        return None
    before = text[max(0, pos - 30):pos].split()[-2:]
    if any(w.lower().strip(".,:;()") in _PROFESSIONAL or w.lower().strip(".,:;()") in _BYLINE_WORDS for w in before) or (
            _ROLE_BETWEEN_RE.search(" ".join(before))):
        return None  # "our porter Dave Example, 58, ...": a member of staff
    if m.group("place") and _NOT_TOWN_RE.match(m.group("place")):
        return None
    stop = min(len(text), m.end() + _STORY_INTRO_REACH)
    end = _STORY_INTRO_END_RE.search(text, m.end(), stop)
    intro = text[m.start():end.start() if end else stop]
    if _ROLE_BETWEEN_RE.search(intro) or _JOB_TITLE_RE.search(intro) or _STORY_INTRO_WORK_RE.search(intro):
        return None  # "Margaret Example, 72, a ward sister on Ward 9 for 30 years, ...", "from the IT team"
    title = (name.group("title") or "").strip().rstrip(".")
    words = [w for w in _TOKEN_RE.findall(name.group("name")) if w != "," and len(w) > 2]
    return pos, title, words


def _story_term(text: str, terms: Sequence[int], a: int, b: int) -> bool:
    """A health term in text[a:b] speaks of a person's health: no team's name, no topic, no
    staff duty (_about_health without its test of roles: the introduction was read for a job,
    and a patient's story may name theirs, "a retired joiner")."""
    i = bisect.bisect_left(terms, a)
    while i < len(terms) and terms[i] < b:
        if _about_health(text, terms[i], roles=False) and not _staff_duty(text, terms[i], a):
            return True
        i += 1
    return False


def _intro_condition(text: str, terms: Sequence[int], m: re.Match[str]) -> bool:
    """The introduction ``m`` goes on, before its clause ends, to say what the person has
    (_STORY_CONDITION_RE, then a health term that speaks of health)."""
    stop = min(len(text), m.end() + _STORY_INTRO_REACH)
    end = _SENTENCE_STOP_RE.search(text, m.end(), stop)
    stop = end.start() if end else stop
    verb = _STORY_PREDICATE_RE.search(text, m.end(), stop)
    stop = verb.start() if verb else stop
    for c in _STORY_CONDITION_RE.finditer(text, m.end(), stop):
        i = bisect.bisect_left(terms, c.end())
        if i < len(terms) and terms[i] - c.end() <= _STORY_CONDITION_REACH and not _NOT_HAD_RE.search(
                text, c.end(), terms[i]) and _story_term(text, terms, terms[i], terms[i] + 1):
            return True
    return False


def named_in_story(text: str, terms: Sequence[int]) -> int:
    """People whose care a story tells (see above): a lay person's name, their introduction
    (_STORY_INTRO_RE), and in its sentence and the next ones that refer back to them
    (_referred_to, to a paragraph's end) both what happened to them in hospital
    (_STORY_CARE_RE) and a health term that speaks of health. Not a public figure's, the
    media's or a fundraiser's story (_STORY_PUBLIC_RE), nor a colleague's death. Only in a
    part with health terms and no other identifier."""
    if not _story_intro_hint(text):
        return 0
    found = 0
    done = -1
    for m in _STORY_INTRO_RE.finditer(text):
        if m.start() < done:
            continue
        person = _introduced_person(text, m)
        if person is None:
            continue
        pos, title, words = person
        first = _SENTENCE_STOP_RE.search(text, m.end(), m.end() + 2 * _SENTENCE_REACH)
        end = first.end() if first is not None else min(len(text), m.end() + 2 * _SENTENCE_REACH)
        for _ in range(_STORY_SENTENCES):
            if first is None or "\n" in first.group() or _PARAGRAPH_START_RE.match(text, end):
                break  # a paragraph's end
            first = _SENTENCE_STOP_RE.search(text, end, end + 2 * _SENTENCE_REACH)
            nxt = first.end() if first is not None else min(len(text), end + 2 * _SENTENCE_REACH)
            if not _referred_to(text, end, nxt, title, words):
                break
            end = nxt
        if (_STORY_CARE_RE.search(text, pos, end) is None or not _story_term(text, terms, pos, end)) and not (
                _intro_condition(text, terms, m)):
            continue
        start = _sentence_start(text, pos, max(0, pos - _SENTENCE_REACH))  # (what the sentence says before the name too)
        if (_STORY_PUBLIC_RE.search(text, start, end) or _MEDIA_RE.search(text, start, end)
                or _away_from_work(text, start, end, terms) or _CAREER_RE.search(text, start, end)
                or _DEATH_WORD_RE.search(text, start, end) and _COLLEAGUE_DEATH_RE.search(text, start, end)):
            continue
        found += 1
        done = end
    return found


# The writer's own word that a person is a patient of theirs, beside news, a story or a
# quiz about them: "this is our patient in bay 4", "he was in our MRI", "he's on our stroke
# unit", "the chap we had in bed 12", "Mr Example in bay 2", "we thrombolysed him", "came in last
# night with ...".
# A named person (a lay title's or a given name's and a surname), one described for the reader
# to know (_DESCRIBED_PERSON_RE), or "he" or "she" standing for one the forwarded or quoted
# piece below names (or the sentences before), whose health the
# writer's sentence and the one after say: their patient's, though the piece is public. Only in
# the writer's own text (above a forwarded or quoted message), not a released piece's (said
# published, consented: _RELEASED_RE), and not a member of staff's (a job title, their work:
# _NOT_OWN_PATIENT_RE) nor staff news's (_NEWS_RE).
_OWN_CARE_UNITS = (r"MRI|CT|scanner|ward|unit|HASU|ICU|ITU|HDU|CCU|resus|A&E|ED|department|theatres?|cath[ \t]+lab"
                   r"|bay|side[ \t]?room|clinic")
_OWN_CARE_RE = re.compile(
    # ... "our patient" said of one, not a service's ("our patient leaflet", "our patient survey")
    r"\b(?i:our|my)[ \t]+(?i:patient|pt)(?=[ \t]*(?:[,.!?;:)\-\u2013\n]|$|(?:in|on|at|from|who|is|was|has|had|now)\b|[A-Z]))"
    r"|\b(?i:in|on|to|into|onto|through)[ \t]+(?i:our)[ \t]+(?:[\w&\-]+[ \t]+){0,2}?(?i:" + _OWN_CARE_UNITS + r")\b"
    r"|\b(?i:we)[ \t]+(?:(?:have|had|'ve|\u2019ve)[ \t]+)?(?i:had|admitted|scanned|thrombolysed|treated|ventilated|intubated"
    r"|resuscitated|operated[ \t]+on|looked[ \t]+after|nursed|transfused)"
    r"[ \t]+(?:(?i:him|her)\b|(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z]|(?i:in)[ \t]+(?i:bed|bay)[ \t]+[0-9]"
    r"|(?i:the)[ \t]+[0-9]{1,3}[ \t\-]*(?i:years?|yrs?)[ \t\-]*(?i:old))"
    # ... a titled person or one spoken of right before their bed ("Mr Example in bay 2", "the lady in bed 7"),
    # not a rota's row ("Bay 2 - Jo Example - 1:1 in bed 9")
    r"|(?:\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z][\w'\u2019\-]+(?:[ \t]+[A-Z][\w'\u2019\-]+)?"
    r"|\b(?i:the[ \t]+(?:chap|man|lady|woman|gentleman|gent|fella|lad|girl|boy|patient|pt)))"
    r"[ \t]+(?i:in|from)[ \t]+(?i:bed|bay|side[ \t]?room)[ \t]+[0-9]{1,2}[a-z]?\b"
    r"|(?<!\bI )(?<!\bwe )(?<!\bWe )\b(?i:came|was[ \t]+brought|got[ \t]+brought|was[ \t]+admitted)[ \t]+(?i:in)[ \t]+"
    r"(?:(?P<with>(?i:with))|(?i:last[ \t]+night|this[ \t]+morning|overnight|yesterday|on[ \t]+\w+day))\b"
)
# (whether a text has a claim at all: RE2, with the other gates; the pattern without its
# look-arounds and in any case, so it finds all the pattern finds)
_own_care_gate = _re2_gate(re.compile(
    "(?i)" + _OWN_CARE_RE.pattern.replace(
        r"(?=[ \t]*(?:[,.!?;:)\-\u2013\n]|$|(?:in|on|at|from|who|is|was|has|had|now)\b|[A-Z]))", "").replace(
        r"(?<!\bI )(?<!\bwe )(?<!\bWe )", "")))
_CAME_IN_WITH_REACH = 32  # characters after "came in with" in which what they came with starts
_CAME_WITH_GAP_RE = re.compile(r"(?i)[ \t]+(?:(?!(?:for|to|from|and|of|at|on)\b)[\w\-?']+[ \t]+){0,3}")
_OWN_CARE_PRONOUN_RE = re.compile(r"(?i)\b(?:he|she|him|her)\b(?!['\u2019](?:d|ll))")
# Where a forwarded or quoted message starts below the writer's own text.
_QUOTED_START_RE = re.compile(
    r"(?im)^[ \t]*(?:>|-{2,}[ \t]*(?:forwarded|original)[ \t]+message|begin forwarded message|on .{4,160}wrote:[ \t]*$"
    r"|from:[ \t].*\n[ \t]*(?:sent|date|to):)"
)
_QUOTED_READ = 4000  # characters of the forwarded or quoted message read for the person "he" or "she" is
_QUOTED_HEADER_LINE_RE = re.compile(r"(?i)[ \t>]*(?:from|to|cc|sent|date|subject)[ \t]*:")
# A piece released with its subject's leave: "published with her consent", "his family gave
# permission", "consented to share".
_RELEASED_RE = re.compile(
    r"(?i)\b(?:published|with[ \t]+(?:(?:his|her|their|the[ \t]+family['\u2019]s|full|written)[ \t]+){0,2}"
    r"(?:consent|permission|blessing)|(?:gave|given|granted|signed)[ \t]+(?:(?:us|their|his|her|written)[ \t]+)?"
    r"(?:consent|permission)|consented[ \t]+to|(?:happy|agreed|kindly[ \t]+agreed)[ \t]+to[ \t]+(?:share|be[ \t]+named|feature))"
)
_OWN_CARE_LAY_TITLES = ("mr", "mrs", "ms", "miss", "mx", "master")
# ... nor one who works or volunteers there, nor one who came to speak or visit on business (a
# relative coming in "to talk about" the plan is the family's visit).
_NOT_OWN_PATIENT_RE = re.compile(
    r"(?i)\b(?:works?|worked|working|volunteer\w*|placements?|rotation|student|trainee|staff|colleagues?|shadow\w*"
    r"|(?<!\bto[ ])talks?|meeting|presentation|teaching[ \t]+session|came[ \t]+to[ \t]+(?:speak|talk|visit))\b"
)


# ... or one the writer describes so that the reader knows who, not by name: by their age and
# where they are from ("the 34-year-old pregnant prison officer from Hull"), or by the event in
# the news that brought them in ("the motorcyclist brought in after the A64 collision", "the
# man hurt in Saturday's stabbing").
_DESCRIBED_PERSON_RE = re.compile(
    r"(?i)\bthe[ \t]+(?:[0-9]{1,3}[ \t\-]*(?:years?|yrs?)[ \t\-]*old[ \t]+(?:[\w\-]+[ \t]+){0,4}?(?:from|of)[ \t]+(?-i:[A-Z])"
    r"|(?:[\w\-]+[ \t]+)?(?:motorcyclist|cyclist|driver|pedestrian|passenger|biker|rider|victim|man|woman|lady|boy|girl"
    r"|teenager|lad|child|toddler|pensioner)[ \t]+(?:[\w'\u2019\-]+[ \t]+){0,3}?(?:after|in|from)[ \t]+"
    r"(?:[\w'\u2019\-]+[ \t]+){1,4}?(?:crash|collision|rtc|pile-?up|stabbing|shooting|fire|blaze|explosion|attack"
    r"|assault|incident)\b)"
)


def _lay_person_named(text: str, start: int, stop: int) -> bool:
    """text[start:stop] names a lay person: a lay title and a surname ("Mr Example"), or a given
    name and a surname; no job title right after them, no forwarded header's line (a sender's)."""
    names = given_names()
    for m in _NAME_RUN_RE.finditer(text, start, stop):
        if m.group("clinician"):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _QUOTED_HEADER_LINE_RE.match(text, line_start, m.start() + 1):
            continue
        words = m.group().split()
        titled = m.group("title") is not None and words[0].rstrip(".").lower() in _OWN_CARE_LAY_TITLES
        # (a given name after a word of rank or place: "Cllr Jane Example", "Rovers striker Jo Example")
        if not (titled and len(words) >= 2 or any(folded(w) in names for w in words[:-1])):
            continue
        if _JOB_TITLE_RE.search(text, m.end(), min(stop, m.end() + 40)):
            continue  # "Jane Example, Ward Manager": a colleague
        return True
    return False


def own_patient_told(text: str, terms: Sequence[int]) -> int:
    """1 if the writer's own text says a person is their patient and their health (see above)."""
    claim = _OWN_CARE_RE.search(text) if terms and _own_care_gate(text) else None
    if claim is None:
        return 0
    quoted = _QUOTED_START_RE.search(text)
    own_end = quoted.start() if quoted else len(text)
    if _RELEASED_RE.search(text, 0, own_end):
        return 0
    while claim is not None and claim.start() < own_end:
        sentence = _sentence_start(text, claim.start(), max(0, claim.start() - _SENTENCE_REACH))
        stop = min(own_end, _sentences_end(text, claim.end(), 2, 2 * _SENTENCE_REACH))
        para = _PARAGRAPH_BREAK_RE.search(text, claim.end(), stop)
        if para is not None:
            stop = para.start()
        # ("came in with" what they have: "came in with a subdural", not "with the cakes")
        near = terms[bisect.bisect_right(terms, claim.end()):bisect.bisect_right(terms, claim.end() + _CAME_IN_WITH_REACH)]
        if claim.group("with") and not any(_CAME_WITH_GAP_RE.fullmatch(text, claim.end(), t) for t in near):
            claim = _OWN_CARE_RE.search(text, claim.end())
            continue
        if (bisect.bisect_left(terms, sentence) < bisect.bisect_left(terms, stop)
                and not (_JOB_TITLE_RE.search(text, sentence, stop) or _NOT_OWN_PATIENT_RE.search(text, sentence, stop)
                         or _NEWS_RE.search(text, sentence, stop))):
            if _lay_person_named(text, sentence, stop) or _DESCRIBED_PERSON_RE.search(text, sentence, stop):
                return 1
            if _OWN_CARE_PRONOUN_RE.search(text, sentence, stop) and (
                    quoted is not None and _lay_person_named(text, quoted.start(), min(len(text), quoted.start() + _QUOTED_READ))
                    or _lay_person_named(text, max(0, sentence - 2 * _SENTENCE_REACH), sentence)):
                return 1
        claim = _OWN_CARE_RE.search(text, claim.end())
    return 0


# A UK mobile number first on its line (a results list for an SMS service, a text message's
# log), the row then saying something of that person's health.
# A UK mobile number, as people write it: "07700 900123", "+44 (0)7700 900123", "+447700900123".
_UK_MOBILE = r"(?:\+44[ \t]?\(?0?\)?[ \t]?|0)7[0-9]{3}[ \t]?[0-9]{3}[ \t]?[0-9]{3}"
_MOBILE_ROW_RE = re.compile(r"(?m)^[ \t>*\-\u2022]*" + _UK_MOBILE + r"\b")


_MOBILE_LINE_START = re.compile(r"\n[ \t>*\-\u2022]{0,4}(?:07|\+447|\+44 7)")


# A request to call someone else on a mobile number, or their number given ("please call mum
# back on 07700 900417", "ring her on ...", "his mobile is ..."): a number that reaches them.
# Not the writer's own ("call me on"), nor a service's ("call the ward on").
_CALL_WHEN = r"(?:[ \t]+(?:asap|today|now|please|pls|urgently))*"  # "call her back asap on ..."
_CALLED_ON_MOBILE_RE = re.compile(
    r"(?i)\b(?:(?:call|ring|phone|text|contact)[ \t]+(?:back[ \t]+)?"
    r"(?:him|her|them|mum|dad|mother|father|parents?|carer|wife|husband|partner|son|daughter|pt|patient"
    r"|the[ \t]+(?:patient|parents?|mum|dad|mother|father|family|carer|wife|husband|partner|son|daughter))"
    r"(?:[ \t]+back)?" + _CALL_WHEN + r"(?:[ \t]+(?:on|at)|[ \t]*[:\-])?"
    # ... a call back to whoever rang, on the number they left ("pls call back asap on ...")
    r"|(?:call|ring|phone)[ \t]+back" + _CALL_WHEN + r"[ \t]+(?:on|at)"
    r"|(?:his|her|their|mum(?:'|\u2019)s|dad(?:'|\u2019)s|(?:the[ \t]+)?(?:patient|pt)(?:'|\u2019)s)[ \t]+"
    r"(?:mobile|mob|number|phone|tel)(?:[ \t]+(?:number|no\.?))?(?:[ \t]+is|[ \t]*:))"
    r"[ \t:]*" + _UK_MOBILE + r"\b"
)
_CALLED_REACH = 600  # characters around the number in which the health of the one called is said
_called_on_mobile = re2_lines(_CALLED_ON_MOBILE_RE)  # (one RE2 pass over a text, then its lines with one)
# A UK mobile number anywhere (RE2, one pass): the texts without one have neither a row nor a call.
_mobile_gate = _re2_gate(re.compile(_UK_MOBILE))


def mobile_rows(text: str, terms: Sequence[int]) -> int:
    """People reached by a mobile number beside their health: rows that start with one and say
    something of health after it ("07700 900123 - Your chlamydia test was positive"), or a
    request to call someone on one (_CALLED_ON_MOBILE_RE) with health said around it, not a
    member of staff's absence ("Please call mum back on 07700 900417. 3 y/o boy, fever 39.8")."""
    if not _mobile_gate(text):
        return 0
    called = 0
    for m in _called_on_mobile(text):
        a, b = max(0, m.start() - _CALLED_REACH), m.end() + _CALLED_REACH
        if _health_between(text, terms, a, b) and not _away_from_work(text, a, b, terms):
            called += 1
    if _MOBILE_LINE_START.search(text) is None and not text.lstrip(" \t>*-\u2022").startswith(("07", "+447")):
        return called  # one search for a line that starts so (its line break first: a literal the engine skips to)
    found = called
    for m in _MOBILE_ROW_RE.finditer(text):
        line_end = line_bounds(text, m.start())[1]
        if _health_between(text, terms, m.end(), line_end):
            found += 1
    return found


# A vehicle's registration under its label, as a car park's exemption, a permit or a transport
# booking gives it ("Vehicle reg: AB12 CDE", "Car registration - K123 ABC"), in the current
# format, the prefix or the suffix one: the car of one person, whose health the lines after it
# may say ("Reason: patient receiving chemotherapy on the day unit").
_VEHICLE_REG_RE = re.compile(
    r"(?i:\b(?:(?:vehicle|car|van)[ \t]+(?:reg(?:istration)?|number[ \t]+plate|plate)|reg(?:istration)?[ \t]+(?:no|number|plate|mark)"
    r"|registration|number[ \t]+plate|vrn|vrm)\.?(?:[ \t]+(?:no|number)\.?)?(?:[ \t]+is|[ \t]*[:\-]))[ \t]*"
    r"(?:[A-Z]{2}[0-9]{2}[ ]?[A-Z]{3}|[A-Z][0-9]{1,3}[ ]?[A-Z]{3}|[A-Z]{3}[ ]?[0-9]{1,3}[A-Z])\b"
)
_vehicle_reg_gate = _re2_gate(_VEHICLE_REG_RE)
_VEHICLE_SENTENCES = 3  # the registration's sentence (its field's line) and the next two, where its driver's health is said
# A person before a health term in its sentence, its driver or passenger: "patient receiving
# chemotherapy", "he was attending for dialysis".
_DRIVER_BEFORE_RE = re.compile(r"(?i)\b(?:" + _PERSON_WORDS + r"|pt)\b")


def vehicle_of_patient(text: str, terms: Sequence[int]) -> int:
    """Vehicles given by their registration under its label (_VEHICLE_REG_RE), the health of
    the one who comes in them said plainly of a person (_DRIVER_BEFORE_RE) in that line's
    sentence or the next two ("Vehicle reg: AB12 CDE / Reason: patient receiving chemotherapy
    for ..."); not a member of staff's absence, nor a team's name ("I work on the Haematology
    Day Unit": _about_health)."""
    if not terms or not _vehicle_reg_gate(text):
        return 0
    found = 0
    for m in _VEHICLE_REG_RE.finditer(text):
        b = _sentences_end(text, m.end(), _VEHICLE_SENTENCES, _CALLED_REACH)

        def of_driver(term: int, low: int = m.start()) -> bool:
            start = _sentence_start(text, term, max(low, term - _SENTENCE_REACH))
            return _DRIVER_BEFORE_RE.search(text, start, term) is not None and _said_plainly(text, term, low)

        if _health_between(text, terms, m.end(), b, of_driver) and not _away_from_work(text, m.start(), b, terms):
            found += 1
    return found


# A patient in a ward's shorthand: their initials, then their age and sex ("b3 MK 84F - fall
# overnight", "JT 79 M covid +ve", "Pt RB (84yo F)", "DW F 67"), as handovers, board rounds and
# their subjects write them. A member of staff's initials ("JS to lead the audit", "Rota: JS, MK")
# have no age and sex after them.
_INITIALS_AGE_RE = re.compile(
    r"\b([A-Z]{2,3}|[A-Z]\.[ ]?[A-Z]\.(?:[ ]?[A-Z]\.)?)(?![A-Za-z])[ \t]*[,(:\-\u2013]?[ \t]*"
    r"(?:([0-9]{1,3})[ \t]?(?:(?:yo|y/o|yrs?|y)[ \t]?)?[MF]|[MF][ \t]([0-9]{1,2}))(?:[ \t]?(?:yo|y/o|yrs?|y))?\b"
)
# A cheap first search (RE2, one pass): an age then a sex, or a sex then an age, after a capital.
_AGE_SEX_GATE = _re2_gate(re.compile(r"[A-Z.][ \t]*[,(:\-\u2013]?[ \t]*(?:[0-9]{1,3}[ \t]?(?:(?:yo|y/o|yrs?|y)[ \t]?)?[MF]|[MF][ \t][0-9]{1,2})\b"))
# Capitals that are no one's initials before a figure (with those before a date, _NOT_INITIALS): a
# country's or a currency's ("US 5M adults", "GBP 12M"), a classification's ("ICD F 32").
# ... and a period's ("FU 6M": follow up in six months, "OPA 3M", "KPI 12M rolling", "TCI 2M").
_NOT_AGE_INITIALS = _NOT_INITIALS | frozenset(
    ("US", "USA", "EU", "UN", "WHO", "GBP", "USD", "EUR", "ICD", "CEO", "TOP", "IN", "ON", "AT", "TO", "OF", "BY", "OR",
     "AND", "THE", "FOR", "PER", "AGE", "SEX", "FU", "OPA", "OPD", "OP", "TCI", "RV", "KPI", "YTD", "LTM", "MTD", "FY",
     "RTT", "PRN", "OD", "BD", "TDS", "QDS", "IV", "IM", "SC", "PO", "REV"))
# After the age and sex, where a patient's shorthand goes on: a separator, the line's end, or
# their health at once ("MK 84F - fall", "AB (91 F) found", "JT 79M covid +ve"); not a word
# that makes the figure a period's ("FU 6M in clinic", "12M rolling").
_AFTER_AGE_SEX_RE = re.compile(r"[ \t]*(?:[\-\u2013\u2014,:;)/|]|\r?$|(?:from|seen|with)[ \t])", re.M)
_AGE_WORD_RE = re.compile(r"[ \t]?(?:yo|y/o|yrs?|y)\b")
_TERM_AFTER_AGE = 3  # characters after the age and sex in which their health may start at once
_AGE_SEX_NEXT_LINE = 15  # characters after the age and sex that leave the line for its next one to go on
_OLDEST_AGE = 110
# ... or as a case report introduces its patient: their initials, then their age in words between
# commas ("R.T., a 61-year-old retired plumber from a village near Skipton, presented with ...",
# "Mrs KB, aged 47, was referred ..."). Its health is told in that sentence or the next two.
_CASE_INITIALS_RE = re.compile(
    r"(?<![\w.])((?:[A-Z]\.[ ]?){2,3}|[A-Z]{2,3}(?![\w.]))"
    r"(?:,[ \t\n]+an?[ \t\n]+([0-9]{1,3})[ \t\-]*(?:years?|yrs?)[ \t\-\n]*old\b|,[ \t\n]+aged[ \t\n]+([0-9]{1,3})\b)"
)
_case_initials_gate = _re2_gate(re.compile(r"[A-Z.],[ \t\n]+(?:an?[ \t\n]+[0-9]{1,3}[ \t\-]*(?:years?|yrs?)|aged[ \t\n]+[0-9])"))
_CASE_SENTENCES = 3  # sentences from the introduction's in which the case's health is told


def _case_initials(text: str, terms: Sequence[int]) -> int:
    """Patients a case report introduces by their initials and their age (_CASE_INITIALS_RE), their
    health told in that sentence or the next two; not a member of staff's absence."""
    if not _case_initials_gate(text):
        return 0
    found = 0
    for m in _CASE_INITIALS_RE.finditer(text):
        initials = m.group(1).replace(".", "").replace(" ", "")
        age = int(m.group(2) or m.group(3))
        if initials in _NOT_AGE_INITIALS or not 0 < age <= _OLDEST_AGE:
            continue
        i = bisect.bisect_left(terms, m.start())
        if i < len(terms) and terms[i] < m.end(1):
            continue  # the capitals are a health term
        end = _sentences_end(text, m.end(), _CASE_SENTENCES, _LETTER_REACH)
        start = _sentence_start(text, m.start(), max(0, m.start() - _SENTENCE_REACH))
        if _health_between(text, terms, m.end(), end) and not _away_from_work(text, start, end, terms):
            found += 1
    return found


def initials_with_age(text: str, terms: Sequence[int]) -> int:
    """Patients written as their initials with their age and sex (_INITIALS_AGE_RE) and their
    health on the same line ("b5 DL 67M - D2 post lap chole") or, the line ending with them, on the
    next; initials that are a health term themselves ("TB 6M", "AF 2M") or no one's (_NOT_AGE_INITIALS)
    are none. Each line counts once. (Initials before a date of birth: _dob_after_name.) Else those a
    case report introduces by their initials and age (_case_initials)."""
    if not _AGE_SEX_GATE(text):
        return _case_initials(text, terms)
    found = 0
    done = -1
    for m in _INITIALS_AGE_RE.finditer(text):
        if m.start() < done:
            continue
        initials = m.group(1).replace(".", "").replace(" ", "")
        age = int(m.group(2) or m.group(3))
        if initials in _NOT_AGE_INITIALS or not 0 < age <= _OLDEST_AGE:
            continue
        i = bisect.bisect_left(terms, m.start())
        if i < len(terms) and terms[i] < m.end(1):
            continue  # the capitals are a health term: "TB", "AF", "MI"
        j = bisect.bisect_left(terms, m.end())
        if not (_AFTER_AGE_SEX_RE.match(text, m.end()) or _AGE_WORD_RE.search(m.group())
                or j < len(terms) and terms[j] - m.end() <= _TERM_AFTER_AGE):
            continue  # "FU 6M in diabetes clinic": a period's figure
        line_start, line_end = line_bounds(text, m.start())
        health = _health_between(text, terms, line_start, line_end)
        if not health and line_end - m.end() <= _AGE_SEX_NEXT_LINE:
            nxt = next_line_start(text, line_end)
            health = nxt is not None and _health_between(text, terms, nxt, line_bounds(text, nxt)[1])
        if health:
            found += 1
            done = line_end
    return found or _case_initials(text, terms)


# A patient a ward's jobs list or handover knows by their initials and their bed, and their
# health after it on that line: "JK bed 12 #NOF post op day 2, T2DM", "bay 2 bed 14 - MW - CAP
# day 3 abx" (a bed holds one patient; the initials say which). Not a line all in capitals (an
# estates job's, a stock order's: "BED 9 NG TUBES"), nor a ward's words in capitals for the
# initials: a staff grade, a team, a job on the bed ("bed 4 OT to see", "HCA bed 6 obs", "bed 3 DC today").
_BED_NUMBER = r"(?:(?:bay|b)[ \t]*[0-9]{1,2}[ \t]*[,/\-]?[ \t]*)?(?:bed|side[ \t]?room|sr|cubicle)[ \t]*[0-9]{1,3}[a-z]?\b"
# ... or by a title and their name after the bed, in any case ("bed 11 mr adeyemi LFTs deranged");
# a chat's stamp and speaker may come first ("[07:55, 06/12/2026] Priya: bed 11 ...").
_INITIALS_AT_BED_RE = re.compile(
    r"(?m)^(?:\[[^\]\n]{4,30}\][ \t]*[^:\n]{1,30}:)?"
    rf"[ \t>*\-\u2022]*(?:(?P<before>[A-Z]{{2,3}})[ \t]*[,:\-\u2013]?[ \t]*(?i:{_BED_NUMBER})"
    rf"|(?i:{_BED_NUMBER})[ \t]*[,:\-\u2013(]?[ \t]*(?:(?P<after>[A-Z]{{2,3}})(?![\w.&/'\u2019])"
    r"|(?P<titled>(?i:mrs|mr|ms|miss|mx)\.?[ \t]+[A-Za-z][\w'\u2019\-]+)))"
)
_known_by_bed_gate = _re2_gate(re.compile(r"(?i)\b(?:bed|side[ \t]?room|sr|cubicle)[ \t]*[0-9]"))
_NOT_BED_INITIALS = _NOT_AGE_INITIALS | frozenset((
    "MR", "MRS", "MS", "DR", "RN", "HCA", "OT", "PT", "SLT", "FY", "SHO", "SPR", "REG", "CNS", "ANP", "ACP", "PA", "DN",
    "SW", "NOK", "MDT", "NB", "PS", "FYI", "ETA", "TBC", "TBA", "NA", "NEW", "OUT", "DC", "EDD", "DTA", "OBS", "BP",
    "HR", "RR", "ICU", "ITU", "HDU", "AMU", "SAU", "CCU", "NG", "IT", "ID", "PC", "TV", "OK", "ASAP", "RIP", "AKA",
    "ALL", "ANY", "BAY", "BED", "NOT", "NOW", "PLS", "THE", "AND", "CAN", "ONE", "TWO", "SEE"))


def known_by_bed(text: str, terms: Sequence[int]) -> int:
    """Lines that name a patient by their initials, or a title and name, and their bed (_INITIALS_AT_BED_RE) and say
    their health after them on that line, each counted once; else patients named by their
    family name and their ward or bed (_surname_at_ward)."""
    if not _known_by_bed_gate(text):
        return _surname_at_ward(text, terms)
    found = 0
    for m in _INITIALS_AT_BED_RE.finditer(text):
        group = "before" if m.group("before") else "after" if m.group("after") else "titled"
        if group != "titled" and m.group(group) in _NOT_BED_INITIALS:
            continue
        if group == "titled" and m.group(group).split()[-1].lower() in _NOT_TITLED_NAME:
            continue  # "bed 11 mr head booked": an MR scan's words
        line_start, line_end = line_bounds(text, m.start())
        if not any(ch.islower() for ch in text[line_start:line_end]):
            continue  # a line in capitals: no initials told from its words
        i = bisect.bisect_left(terms, m.start(group))
        if i < len(terms) and terms[i] < m.end(group):
            continue  # the capitals are a health term: "AF bed 4", "bed 4 UTI"
        if _health_between(text, terms, m.end(), line_end):
            found += 1
    return found or _surname_at_ward(text, terms)


# ... or by their family name alone and the ward or bed they lie in, their health said as
# theirs in that sentence: "Example on ward 7 needs his insulin at 22:00, he's a brittle T1DM",
# "Example (bed 4) - her warfarin was missed". Not a given name (staff go by theirs), a title's
# or a grade's word, nor a word a ward writes where a name would be ("Lady on ward 7 needs her ...").
_SURNAME_AT_WARD_RE = regex.compile(
    rf"(?<![\p{{L}}'\u2019\-.])(?P<name>{_NAME_TOKEN})[ \t]+(?:\([ \t]*|(?:is[ \t]+)?(?:on|in)[ \t]+)"
    r"(?i:ward|bed|bay|side[ \t]?room|cubicle)[ \t]*[0-9]{1,3}[A-Za-z]?\b\)?"
)
_surname_at_ward_gate = _re2_gate(re.compile(r"[a-z][ \t]+(?:\([ \t]*|(?:is[ \t]+)?(?:on|in)[ \t]+)(?i:ward|bed|bay|side"
                                             r"|cubicle)[ \t]*[0-9]"))
# ... the pronoun in the clause the name and place lead, a few words on: "needs his", "has had her", "- his"
_VERB_THEN_HIS_HER_RE = re.compile(
    r"(?i)[ \t]*(?:[\-\u2013:][ \t]*)?(?:[a-z']+[ \t]+){0,3}?(?:his|her|he|she|he['\u2019]?s|she['\u2019]?s)\b")
_NOT_SURNAME_AT_WARD = frozenset(
    "anyone anybody someone somebody everyone everybody nobody whoever who he she it this that one patient patients "
    "resident client service user chap guy bloke lad son daughter mum dad mother father wife husband partner brother "
    "sister nan gran granny grandad grandma grandpa baby child boy girl staff nurse nurses student agency bank "
    "locum porter doctor registrar today tonight tomorrow yesterday earlier later now also and but so then".split()
)


def _surname_at_ward(text: str, terms: Sequence[int]) -> int:
    """Patients named by their family name alone and their ward or bed (_SURNAME_AT_WARD_RE), a
    "his", "her", "he" or "she" in the clause they lead (_VERB_THEN_HIS_HER_RE) then a health term
    after it in that sentence."""
    if not _surname_at_ward_gate(text):
        return 0
    names = given_names()
    found = 0
    for m in _SURNAME_AT_WARD_RE.finditer(text):
        name = m.group("name")
        word = folded(name)
        if (name.isupper() or len(word) < 3 or word in names or word in _NOT_SURNAME_AT_WARD or word in _BED_WORDS
                or word in _NOT_SURNAMES or word in _LEAD_TITLES or word in _PROFESSIONAL or word in _NOT_FAMILY):
            continue
        before = text[max(0, m.start() - 12):m.start()].split()
        if before and (before[-1].lower().rstrip(".") in _LEAD_TITLES or before[-1].lower() in _PROFESSIONAL
                       or before[-1][:1].isupper() and before[-1].strip(",.:;!?") == before[-1]):
            continue  # "Mr Example on ward 7", "Sister Example": other rules read a titled name; "Jane Example": a full one
        i = bisect.bisect_left(terms, m.start())
        if i < len(terms) and terms[i] < m.end("name"):
            continue  # the word is a health term: "Norovirus on ward 7"
        pronoun = _VERB_THEN_HIS_HER_RE.match(text, m.end())
        end = _sentences_end(text, m.end(), 1, _SENTENCE_REACH)
        if pronoun is not None and _health_between(text, terms, pronoun.start(), end):
            found += 1
    return found


# One bed of a ward, then a day, then what was found in it: "Ward 22 Bed 14, 06/12/26 - grade 3
# pressure ulcer", "Ward 9 bay 2 bed 4 (3 Dec) - C. diff toxin positive", as a wound photo's
# caption or an incident's line writes them: whoever lay there that day is found by it. A bed's
# fault or a job on it ("Ward 12 Bay 4 bed 3 call bell not working") says no health.
_WARD_BED_RE = re.compile(
    r"(?i)\bward[ \t]*[0-9]{1,3}[A-Za-z]?\b[ \t,:\-]*(?:(?:bay|room)[ \t]*[0-9]{1,3}[A-Za-z]?\b[ \t,:\-]*)?"
    r"(?:bed|side[ \t]?room|sr|cubicle)[ \t]*[0-9]{1,3}[A-Za-z]?\b"
)
_DAY_RE = re.compile(
    r"(?i)(?<![0-9])(?:[0-9]{1,2}[/.][0-9]{1,2}(?:[/.](?:[0-9]{4}|[0-9]{2}))?"
    r"|[0-9]{1,2}(?:st|nd|rd|th)?[ \t]?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)(?![0-9])"
)


# One person by their age and sex and their full postcode, unnamed: "a 34-year-old woman living
# at BD9 6RJ", "78 yo man from LS11 5BQ". A whole postcode is a street's few houses; with an age
# and a sex, one person in them. (A postcode's district alone, "BD9", is thousands.)
_AGED_AT_POSTCODE_RE = re.compile(
    r"(?i:\b(?:(?:[0-9]{1,3}[ \t\-]*(?:years?|yrs?|y)[ \t\-]*old|[0-9]{1,3}[ \t]?(?:yo|y/o)|aged[ \t]+[0-9]{1,3})[ \t]+"
    r"(?:woman|man|lady|gentleman|gent|male|female|boy|girl|child|mother|father|patient|resident)"
    r"\b[^.\n]{0,40}?\b(?:living|lives|resident|residing|from|of|at|in)\b[^.\n]{0,20}?))"
    rf"\b{_POSTCODE}\b"
)
_aged_at_postcode_gate = _re2_gate(re.compile(rf"\b{_POSTCODE}\b"))


def aged_at_postcode(text: str, terms: Sequence[int]) -> int:
    """People identified by their age, sex and full postcode (_AGED_AT_POSTCODE_RE) with their
    health said in that sentence or the next two."""
    if not _aged_at_postcode_gate(text):
        return 0
    found = 0
    for m in _AGED_AT_POSTCODE_RE.finditer(text):
        found += _health_between(text, terms, m.start(), _sentences_end(text, m.end(), 3, _LETTER_REACH))
    return found


# One death by its day, the year given ("Date of death 14/11/2026", "died on 3 March 2027", "died
# at home on 02.01.27"; not "DoD", a discharge's date too), and the age of the one who died near
# it ("aged 58", "a 58-year-old", "Age: 58"): a registry's or a review's record of one person,
# unnamed, whose cause of death is their health.
_DEATH_DAY_RE = re.compile(
    r"(?i)\b(?:date[ \t]+of[ \t]+death|died(?:[ \t]+(?:at[ \t]+home|in[ \t]+hospital))?[ \t]+on)"
    r"[ \t]*[:\-]?[ \t]*(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-](?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ \t]+[0-9]{4})(?![0-9])"
)
_death_day_gate = _re2_gate(re.compile(_DEATH_DAY_RE.pattern.removesuffix("(?![0-9])")))  # (RE2 has no lookahead)
_AGE_AT_DEATH_RE = re.compile(
    r"(?i)\b(?:aged[ \t]+[0-9]{1,3}|age[ \t]*(?:at[ \t]+death)?[ \t]*:[ \t]*[0-9]{1,3}"
    r"|[0-9]{1,3}[ \t\-]*(?:years?|yrs?)[ \t\-]*old)\b"
)
# News of a death that is no care record's: a colleague's, a relative's, a public figure's.
_DEATH_NEWS_RE = re.compile(
    r"(?i)\b(?:obituar\w*|colleagues?|former|retired|career|worked|served|funeral|condolences|tributes?"
    r"|my[ \t]+(?:mum|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|nan|gran\w*)"
    r"|actor|singer|footballer|celebrity|famous|reuters|bbc|court|police|press|reported|inquest[ \t]+heard)\b"
)
_DEATH_SENTENCES = 3  # the death's sentence and the next two, where the age and the cause are said


def died_on_a_day(text: str, terms: Sequence[int]) -> int:
    """Deaths given by their day with the year (_DEATH_DAY_RE) and the age of the one who died
    (_AGE_AT_DEATH_RE), with a health term (the cause) in the day's sentence or the next two:
    "Date of death 14/11/2026, registered with Example Practice, aged 58. Cause on the MCCD: 1a
    metastatic pancreatic adenocarcinoma". Not a colleague's, a relative's or the news's."""
    if not terms or not _death_day_gate(text):
        return 0
    found = 0
    for m in _DEATH_DAY_RE.finditer(text):
        a = _sentence_start(text, m.start(), max(0, m.start() - _SENTENCE_REACH))
        b = _sentences_end(text, m.end(), _DEATH_SENTENCES, _LETTER_REACH)
        if (_AGE_AT_DEATH_RE.search(text, a, b) and _health_between(text, terms, a, b)
                and not _DEATH_NEWS_RE.search(text, max(0, a - _SENTENCE_REACH), b)):
            found += 1
    return found


def bed_on_a_day(text: str, terms: Sequence[int]) -> int:
    """Lines that give one bed of a ward (_WARD_BED_RE) and a day, with a health term that speaks of
    health after the bed on that line: each the patient who lay there that day."""
    if "ward" not in text.lower():
        return 0
    found = 0
    done = -1
    for m in _WARD_BED_RE.finditer(text):
        if m.start() < done:
            continue
        line_start, line_end = line_bounds(text, m.start())
        done = line_end
        if _DAY_RE.search(text, line_start, line_end) and _health_between(text, terms, m.end(), line_end):
            found += 1
    return found


def person_at(text: str, pos: int, end: int) -> bool:
    """text[pos:end] starts with a person's name (see above); a table's name cell too."""
    m = _PERSON_AFTER_RE.match(text, pos, end)
    if m is None:
        return False
    gap = text.find(_FIELD_GAP, pos, m.end())
    if gap > pos:  # a form's next field along the line ("DESMOND EXAMPLE      Date: 09/11"): the name ends there
        m = _PERSON_AFTER_RE.match(text, pos, gap)
        if m is None:
            return False
    tokens = _TOKEN_RE.findall(m.group("name"))
    words = [folded(t).rstrip(".") for t in tokens if t != ","]
    if " ".join(words[:2]) in PLACEHOLDER_NAMES:
        return False
    if tokens[0] in _WELSH_LEAD_WORDS and ("î" in tokens[0] or _WELSH_SENTENCE_RE.search(
            text, m.end(), line_bounds(text, m.end())[1])):
        return False  # "Mae Sian Example yn ...": the name starts after the verb
    if not words or words[0] in _PROFESSIONAL or all(w in _NOT_FAMILY or len(w) == 1 for w in words):
        return False
    if m.group("title"):
        return True
    names = given_names()
    if words[0] in names and any(w in _NOT_FAMILY for w in words[1:]):
        return False  # "Ashley Grange Care Home", "Florence Nightingale Wing": a place named for a person
    if any(len(w) == 1 for w in words[:-1]) and len(words[-1]) > 1:
        return True  # "J Example", "J. A. Example"
    if "," in tokens and len(words) >= 2:
        # "EXAMPLE, Jane"; not an organisation's words before the comma ("Example NHS Trust,
        # Critical Care"), unless a given name follows ("HALL, Jane")
        comma = tokens.index(",")  # (words before it: as many as tokens)
        after = words[comma] if len(words) > comma else ""
        return not comma or words[comma - 1] not in _NOT_FAMILY or after in names
    return len(words) >= 2 and (any(w in names for w in words) or _family_first(words))


# --- names typed in lower case --------------------------------------------------------
#
# Staff type chats and quick mails in lower case: "mo can u ring mrs shirley khan re her
# warfarin", "bed 12 is peter lomax, 71, trop 2900", "re margaret ellis (02/03/51) - COPD".
# Where the words around a lower-case pair say it is a person's name - a personal title
# before it; a bed before it and an age after it; "re" before it and a date after it - the
# name is capitalised in a copy of the text of the same length, which the rules for names
# then read. Ordinary words after "re" or "is" stay as they are: the first word must be a
# given name (not one that is an ordinary word too: "mark", "bill", "frank"), and neither
# may be a word of the sentence ("re", "is", "her", "today").

# Words that start no family name, read after a lower-case given name or "mrs".
_NOT_LOWER_NAME = frozenset(
    "re is was has had have are were be been being am do does did done the a an and or but if so as at by for from in "
    "into of on onto to with without about after before over under again also just still only very too not no yes ok "
    "okay pls plz please thanks thx ta cheers he she his her him hers they them their it its we us our you your u ur i "
    "me my this that these those who whom which what when where why how will would can could should shall may might "
    "must need needs needed said says say told rang ring call called calling seen saw see came come went going gone "
    "get got today tomorrow tmrw tmw tonight yesterday now then later soon asap morning afternoon evening night "
    "am pm bed bay ward room side pt pts patient dr nurse sister re: fyi via per name".split()
)
# Given names that are ordinary words too, which lower-case text cannot tell apart.
_WORD_NAMES = frozenset(
    "mark bill rose grace pat frank jack penny drew ray max sandy amber ruby pearl jade carol lily daisy iris violet "
    "heather hazel robin holly ivy gene jay kim don bob sue dean".split()
)
_LOWER = r"[a-z][a-z'\x{2019}\-]*[a-z]"
# A bed's or a room's number right before a titled family name: "bed 12 mr okafor".
_LOWER_BED_BEFORE_RE = re.compile(r"(?i)\b(?:bed|bay|room|rm|side[ \t]?room|cubicle|sr)[ \t]*[0-9]{1,3}[a-z]?[ \t]*[,:\-\u2013]?[ \t]*$")
# A bed's occupant then their age; "re" a person then their date of birth.
_AGE_AFTER = r"[ \t]*(?:,[ \t]*[0-9]{1,3}[ \t]*(?i:y|yo|yrs|m|f)?\b|\(?[0-9]{1,3}[ \t]?(?i:y|yo|y/o|yrs|m|f)\b)"
_DATE_AFTER = r"[ \t]*[(\[,]?[ \t]*(?:(?i:dob|d\.o\.b\.?|born)[: \t]*)?[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}\b"
_LOWER_REACH = 1200  # characters of a text read for them: a quick mail's or a chat's, typed at its top
# Right after a title and its words, a bed's or a ward's number: whoever lies there ("mr sipho example
# bed 9", "mr example (bed 4)", "ms example on ward 7"), a person even when the first word is no given name
# the list knows.
_PLACE_NEXT_RE = re.compile(
    r"[ \t]*[,(\-\u2013]?[ \t]*(?:(?:in|on)[ \t]+)?(?i:bed|bay|ward|side[ \t]?room|rm|cubicle)[ \t]*[0-9]{1,3}[a-z]?\b")
# ... not an MR scan's or an MS service's words: "mr spine bed 9", "ms clinic on ward 7"
_NOT_TITLED_NAME = frozenset(
    "scan scans imaging head brain spine spinal neck chest abdo abdomen pelvis pelvic knee hip shoulder ankle wrist "
    "liver cardiac heart breast prostate angio mrcp enterography venogram arthrogram guided contrast report reports "
    "request requests booked list slot slots clinic nurse nurses team service relapse patients pts foot done dose "
    "doses meds med any all".split()
)


def _compile_lower_names() -> Callable[[str], Any]:
    """One pass for the six places of a lower-case name (RE2, no look-arounds): a title
    (groups 1-3: the title, the first word, the second; a given name's initial and its dot
    perhaps between, "mr b. example"), a bed before and an age after
    (groups 4-5), "re" before and a date, an age or a dash after (groups 6-7), first on a line
    (after a table's cell of a bed's number perhaps) with a dash or a colon after it, or a
    table's gap (groups 8-10), after a verb of
    contact, a title perhaps first (groups 11-13), before its "'s" and a relative (groups 14-15),
    before an age or a date of birth (groups 16-17), a given name alone in a bed or a room (group 18)
    or after its number first on a line (group 19)."""
    pattern = (
        rf"(?i:\b(mrs|mr|ms|miss|mx))\.?[ \t]+(?:[a-z]\.[ \t]*)?({_LOWER})(?:[ \t]+({_LOWER}))?"
        rf"|(?i:\b(?:bed|bay|room|rm|side[ \t]?room|cubicle|sr)[ \t]*[0-9]{{1,3}}[a-z]?)[ \t]*"
        rf"(?:(?i:is|=)[ \t]+|[\-\x{{2013}}:,][ \t]*)?({_LOWER})[ \t]+({_LOWER}){_AGE_AFTER}"
        rf"|(?i:\b(?:re|regarding|about|pt|patient))[ \t]*:?[ \t]+({_LOWER})[ \t]+({_LOWER})(?:{_DATE_AFTER}|{_AGE_AFTER}"
        # ... or, a short aside perhaps between, a dash or a colon: "re daniel example (LD) - now PEG fed"
        rf"|(?:[ \t]*\([^()\n]{{1,20}}\))?[ \t]*(?:[\-\x{{2013}}\x{{2014}}][ \t]|:))"
        # a note's line led by the name, a dash or a colon after it: "ahmed example - started sertraline",
        # or a table's gap between cells (group 10): "grace example  sickle cell  prn"
        rf"|(?m:^)(?:[0-9]{{1,3}}[a-z]?\t)?[ \t>*\-\x{{2022}}]*({_LOWER})[ \t]+({_LOWER})(?:[ \t]*(?:[\-\x{{2013}}\x{{2014}}][ \t]|:)|(\t|[ ]{{2,}}))"
        # after a note's verb of contact (groups 11-13, a title first perhaps): "ring jack example re
        # psa", "chase ct for mary example", "ring mrs shirley example"
        # (not "call", "contact": ordinary words of a letter, "call the ward", "contact the team")
        rf"|(?i:\b(?:ring|phone|bleep|chase)(?:[ \t]+[a-z]{{1,10}})?[ \t]+for|\b(?:ring|phone|bleep|chase))"
        rf"[ \t]+(?:(?i:(mrs|mr|ms|miss|mx))\.?[ \t]+)?({_LOWER})(?:[ \t]+({_LOWER}))?"
        # the owner of a relative (groups 14-15): "spoke to dave example's wife"
        rf"|\b({_LOWER})[ \t]+({_LOWER})['\x{{2019}}]s[ \t]+(?i:{'|'.join(_HER_RELATIVES + _HIS_RELATIVES)})\b"
        # a given and a family name then their age or date of birth, an aside between perhaps
        # (groups 16-17): "aisha example (as she typed it), 29, 14 weeks pregnant", "jodie example 12/04/97"
        rf"|\b({_LOWER})[ \t]+({_LOWER})(?:[ \t]*\([^()\n]{{1,80}}\))?(?:{_DATE_AFTER}|{_AGE_AFTER})"
        # a given name alone tied to a bed's or a room's number (group 18): "ade in rm 9 has ..."
        rf"|\b({_LOWER})[ \t]+in[ \t]+(?i:bed|bay|room|rm|side[ \t]?room|cubicle)[ \t]*[0-9]{{1,3}}\b"
        # ... or after it, first on a line, a separator after the name (group 19): a care home's
        # handover row, "room 4, elsie: ..."
        rf"|(?m:^)[ \t>*\-\x{{2022}}]*(?i:room|rm|bed|side[ \t]?room|cubicle)[ \t]*[0-9]{{1,3}}[a-z]?[ \t]*[,:]?[ \t]*"
        rf"({_LOWER})[ \t]*[\-\x{{2013}}\x{{2014}}:,]"
    )
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return regex.compile(pattern).finditer
    return re2.compile(pattern).finditer


_lower_names = _compile_lower_names()


def _lower_given(word: str, words_too: bool = False) -> bool:
    """``word`` is a given name; one that is an ordinary word too only with ``words_too``."""
    return len(word) > 2 and (words_too or word not in _WORD_NAMES) and word in given_names()


def _lower_family(word: str | None) -> bool:
    return word is not None and len(word) > 1 and word not in _NOT_LOWER_NAME


# A line a hard wrap cut: plain-text mail, an Outlook reply and a fixed-width report wrap prose
# at 72-78 characters wherever a word no longer fits, so "Janet Example was admitted to Ward 22
# after" / "a relapse of her MS." is one sentence on two lines.
_QUOTE_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?)*")
_WRAP_MIN = 40  # characters of a cut line's text at least: a short line ends where its writer ended it
_WRAP_WORDS = frozenset((
    "to", "the", "a", "an", "of", "and", "or", "with", "after", "before", "for", "her", "his", "their", "in", "on",
    "at", "from", "by", "was", "is", "has", "had", "been", "be", "into", "onto", "under", "over", "about", "but",
))


# ... not where both lines start with a bed's or a room's number: a handover's rows, one a
# line ("rm 7 ... last dose sat)" / "rm 11 ... PEG fed overnight")
_PLACE_ROW_RE = re.compile(r"(?i)(?:room|rm|bed|bay|side[ \t]?room|cubicle)[ \t]*[0-9]{1,3}[a-z]?\b")
# ... a break before a line of text (after its quote markers), found in one pass
_BREAK_BEFORE_TEXT_RE = re.compile(r"\n(?=[ \t]*(?:>[ \t]?)*[^\W_])")


_PROSE_WRAP_MIN = 60  # characters of a cut line's text at least when a capitalised word goes on after it
_PROSE_WORDS_MIN = 8  # words of that line, half of them at least in lower case: prose, no signature's or heading's


def _name_cut(body: str, nbody: str) -> bool:
    """A long line of prose (``body``) ends with a capitalised word and the next (``nbody``) goes
    on with one, then prose: a name cut by the wrap ("... maternity care at Northfield" /
    "General Hospital and delivered ..."), where a signature's or a list's lines are short or
    hold few words in lower case."""
    if len(body) < _PROSE_WRAP_MIN or not nbody[:1].isupper():
        return False
    words = body.split()
    if len(words) < _PROSE_WORDS_MIN or not words[-1][:1].isupper() or 2 * sum(w.islower() for w in words) < len(words):
        return False
    return sum(w.islower() for w in nbody.split()[:8]) >= 2


def _quote_end(line: str) -> int:
    """Where a line's quote markers and indent end (_QUOTE_PREFIX_RE: all of it optional)."""
    m = _QUOTE_PREFIX_RE.match(line)
    return m.end() if m else 0


def joined_wraps(text: str) -> str | None:
    """``text`` with the line breaks a hard wrap made inside a sentence read as spaces (a
    quoted reply's markers on the next line with them), the same length, so every place in it
    stays where it was; None if it has none. A break is a wrap's where the line before holds
    at least _WRAP_MIN characters of text and does not end a sentence or a field (".", "!",
    "?", ":", ";"), both lines are quoted alike, and the next line goes on in lower case, or the
    line before ends with a word no sentence ends with ("to", "the", "of", "her"), or a long
    line of prose and the next cut a capitalised name between them (_name_cut)."""
    out: list[str] | None = None
    n = len(text)
    for m in _BREAK_BEFORE_TEXT_RE.finditer(text):
        brk = m.start()
        pos = text.rfind("\n", 0, brk) + 1
        if brk - pos < _WRAP_MIN:
            continue  # (most breaks: a short line's, a sentence's or a field's end)
        line = text[pos:brk].rstrip("\r")
        if line.rstrip()[-1:] in (".", "!", "?", ":", ";"):
            continue
        lead = _quote_end(line)
        body = line[lead:].rstrip()
        nxt_end = text.find("\n", brk + 1)
        nxt = text[brk + 1:n if nxt_end < 0 else nxt_end]
        nlead = _quote_end(nxt)
        nbody = nxt[nlead:]
        if (len(body) >= _WRAP_MIN and nbody[:1].isalnum() and line[:lead].count(">") == nxt[:nlead].count(">")
                and (nbody[0].islower() or body.rsplit(None, 1)[-1].lower() in _WRAP_WORDS or _name_cut(body, nbody))
                and not (_PLACE_ROW_RE.match(nbody) and _PLACE_ROW_RE.match(body))):
            if out is None:
                out = list(text)
            for i in range(pos + len(line), brk + 1 + nlead):  # ("\r", the break, the next line's markers)
                out[i] = " "
    return None if out is None else "".join(out)


def capitalised_names(text: str) -> str | None:
    """``text`` with the people's names it types in lower case capitalised (see above), or
    None when it types none so. Its first _LOWER_REACH characters are read, in one RE2 pass
    (cheaper than looking for its words with str.find: they start with common letters)."""
    top = text[:_LOWER_REACH]
    try:
        found = list(_lower_names(top))
    except UnicodeError:  # a lone surrogate, which RE2 cannot take: the same places in a copy
        found = list(_lower_names(without_surrogates(top)))
    words: list[int] = []  # where each word to capitalise starts
    for m in found:
        titled = 1 if m.group(1) is not None else 11 if m.group(11) is not None else 0
        if titled:
            title, first, second = m.group(titled).lower(), m.group(titled + 1), m.group(titled + 2)
            given = _lower_given(first)
            if first in _NOT_LOWER_NAME:
                continue
            initial = top.find(".", m.end(titled) + 1, m.start(titled + 1)) - 1  # "mr b. singh": a given name's initial
            if title != "mrs" and not given and initial < 0:
                # "mr scan", "ms relapse", "miss her dose": a title only with a given name after it, or
                # a bed or a ward right after its words or a bed right before ("mr sipho example bed 9",
                # "mr example on ward 7", "bed 12 mr okafor": a family name alone, in the bed it names)
                family = _lower_family(second) and second not in _NOT_TITLED_NAME
                if first in _NOT_TITLED_NAME or not (
                        _PLACE_NEXT_RE.match(top, m.end(titled + (2 if family else 1)))
                        or _LOWER_BED_BEFORE_RE.search(top, max(0, m.start(titled) - 16), m.start(titled))):
                    continue
                given = family
            words += [m.start(titled), m.start(titled + 1)] + ([initial] if initial >= 0 else [])
            if given and _lower_family(second):
                words.append(m.start(titled + 2))
            continue
        if m.group(18) is not None or m.group(19) is not None:
            alone = 18 if m.group(18) is not None else 19
            if _lower_given(m.group(alone)):
                words.append(m.start(alone))  # "ade in rm 9": a given name alone, no word ("will in bed 3")
            continue
        if m.group(12) is not None and m.group(13) is None:
            continue  # "ring jack": a given name alone
        bed = m.group(4) is not None  # a bed's occupant and their age: "bed 4 is ivy jones, 92"
        pair = ((4, 5) if bed else (6, 7) if m.group(6) is not None else (8, 9) if m.group(8) is not None
                else (14, 15) if m.group(14) is not None else (16, 17) if m.group(16) is not None else (12, 13))
        if pair[0] == 8 and m.group(8) in _NOT_LOWER_NAME:
            continue  # "will need - ...": a line's first words, no name
        # a given name that is a word too where the words around say a person: a bed's
        # occupant, a table's first cell, whom a note asks to ring ("ring jack example")
        words_too = bed or m.group(10) is not None or pair[0] == 12
        if _lower_given(m.group(pair[0]), words_too=words_too) and _lower_family(m.group(pair[1])):
            words += [m.start(g) for g in pair]
    if not words:
        return None
    parts, pos = [], 0
    for start in sorted(set(words)):
        parts += [text[pos:start], text[start].upper()]
        pos = start + 1
    parts.append(text[pos:])
    return "".join(parts)


# --- health in shorthand, led by the person it is about ------------------------------
#
# Staff write a patient's health as a note's line that starts with the name, or a letter
# to the patient that names them in its greeting. Read only in a part with health terms
# and no other identifier (the last rules health_terms tries).

# A letter's greeting that names the reader in full or by a personal title: "Dear Jordan
# Example,", "Dear Mr Oduya,", "Hi Kasia Example, your ..." (not "Dear Dr Bell", a colleague;
# not "Dear colleague", "Hi Marcus": no one the mail identifies, unless the one reader's display
# name is "Marcus Example": see addressee_health). A Welsh letter's "Annwyl"; first on its line,
# or in a cell of its own (a bilingual letter's two columns: "Annwyl Mrs Example,<tab>Dear Mrs Example,").
_GREETING_WORDS = r"(?:Dear|Hi|Hello|Annwyl)"
_GREETING_RE = regex.compile(rf"(?m)(?:^|\t)[ \t>]*{_GREETING_WORDS}[ \t]+(?=\p{{Lu}})")
_GREETING_MARKS = ("Dear ", "Hi ", "Hello ", "Annwyl ")
_GREETING_REACH = 3000  # characters of the letter after its greeting in which the reader's health is read
# What of the reader's health the letter tells them, right before a health term: "Your swab
# showed chlamydia", "Your HbA1c is 52 mmol/mol", "your biopsy confirmed ...", "you have been
# diagnosed with ..."; or the term right after "your" and a result after it in its sentence
# ("your chlamydia test from 28/11 was positive", "your HIV test came back reactive"). A
# "your" before a thing of business ("your invoice for the diabetes conference") is none.
_CLINICAL_NOUNS = (
    r"(?:swabs?|samples?|tests?|test results?|results?|blood tests?|bloods|blood results|biops(?:y|ies)|scans?|x-?rays?"
    r"|mri|ct|ultrasound|smear|screen|screening|ecg|echo|urine|hba1c|cholesterol|blood pressure|inr|psa|ferritin"
    r"|haemoglobin|hb|kidney function|liver function|thyroid|levels?|readings?|diagnosis)"
)
_RESULT_VERBS = (
    r"(?:showed|shows|show|confirmed|confirms|confirm|found|revealed|reveals|suggests|suggested|indicates|indicated"
    r"|(?:has|have)[ \t]+(?:shown|confirmed|found|revealed)|came[ \t]+back|(?:has|have)[ \t]+come[ \t]+back)"
)
# ... and the words between such a verb and the term: "positive for", "that you have", "an
# irregular heartbeat (" (a few words, then the term itself, in brackets or not).
_RESULT_TAIL = r"(?:[ \t]+[\w'\u2019\-]+){0,6}?(?:[ \t]+|[ \t]*\()"
# ... after "the results", "these": "that" only as "that you" ("The results show that diabetes
# care improved": a report's, no one's)
_THE_RESULT_TAIL = r"(?:[ \t]+that[ \t]+you\b)?(?:[ \t]+(?!that\b)[\w'\u2019\-]+){0,6}?(?:[ \t]+|[ \t]*\()"
_WELSH_CLINICAL_NOUNS = (  # a test, a sample, a result, a level: "prawf gwaed", "canlyniadau", "colesterol"
    r"(?:prawf|profion|canlyniad(?:au)?|sganiau|sgan|biopsi|sampl|swab|colesterol|siwgr|lefel(?:au)?|pwysedd[ \t]+gwaed"
    r"|hba1c|ecg|pelydr-?x)"
)
_YOUR_RESULT_RE = re.compile(
    rf"(?i)\b(?:your[ \t]+(?:(?:recent|latest|last|repeat|[0-9a-z\-]+)[ \t]+){{0,2}}{_CLINICAL_NOUNS}"
    # "Your swab taken at the sexual health clinic on 6 November has come back positive for":
    # a result's verb, what the sample was between
    rf"(?:[ \t]+[^\s.!?;:]+){{0,10}}?[ \t]+{_RESULT_VERBS}{_RESULT_TAIL}"
    rf"|your[ \t]+(?:(?:recent|latest|last|repeat|[0-9a-z\-]+)[ \t]+){{0,2}}{_CLINICAL_NOUNS}[ \t]+"
    r"(?:(?:from|on|taken|of)[ \t]+[\w/\-]+[ \t]+(?:[\w/\-]+[ \t]+)?)?"
    r"(?:is|was|were|are)"
    r"(?:[ \t]+(?:that|as|to be|now|still|a|an|some|signs of|mild|positive for|negative for|consistent with))*[ \t]+"
    # "The ECG test showed", "the biopsy confirmed", "These show that you have", "They confirm"
    rf"|(?:the|these|those|both)[ \t]+(?:(?:recent|latest|last|repeat|[0-9a-z\-]+)[ \t]+){{0,2}}{_CLINICAL_NOUNS}"
    rf"(?:[ \t]+(?:taken|from|on)[ \t]+[\w/\-]+(?:[ \t]+[\w/\-]+)?)?[ \t]+{_RESULT_VERBS}{_THE_RESULT_TAIL}"
    rf"|(?:these|they|this|those)[ \t]+{_RESULT_VERBS}{_THE_RESULT_TAIL}"
    # in Welsh: "Mae lefel eich colesterol yn 7.2", "eich prawf gwaed yn dangos", "Dangosodd eich
    # prawf ECG guriad calon afreolaidd (ffibriliad atrïaidd)"
    rf"|(?:dangosodd|cadarnhaodd)[ \t]+eich[ \t]+{_WELSH_CLINICAL_NOUNS}{_RESULT_TAIL}"
    rf"|eich[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?{_WELSH_CLINICAL_NOUNS}(?:[ \t]+[\w\-]+){{0,2}}?[ \t]+(?:yn|wedi)"
    r"(?:(?:[ \t]+(?:dangos|cadarnhau))(?:[ \t]+[\w'\u2019\-]+){0,4}?|(?:[ \t]+(?:bod|fod|gennych|uchel|isel))*)"
    r"(?:[ \t]+|[ \t]*\()"
    # "you have type 2 diabetes", "you have been diagnosed with" (not "if you have asthma",
    # "do you have", "anyone who has")
    r"|(?<!\bif[ \t])(?<!\bdo[ \t])(?<!\bwho[ \t])(?<!\bwhen[ \t])(?<!\bonce[ \t])(?<!\bunless[ \t])(?<!\bwhether[ \t])"
    r"(?<!\bshould[ \t])(?<!\bcase[ \t])"
    r"you[ \t]+(?:have|had|'ve|\u2019ve)[ \t]+(?:(?:been[ \t]+)?(?:diagnosed[ \t]+with|tested positive for|found to have"
    r"|started on|prescribed|treated for)|(?:got|now|still)[ \t]+|(?:an?|mild|moderate|severe|early|some|signs of)[ \t]+)*"
    r"[ \t]*"
    # what the reader told the clinic of their own health, said back to them: "You mentioned previous
    # anxiety treatment", "you told us about your asthma", "You said you'd had a DVT" (not "if you mentioned")
    r"|(?<!\bif[ \t])(?<!\bwhen[ \t])(?<!\bunless[ \t])(?<!\bwhether[ \t])"
    r"you[ \t]+(?:mentioned|told[ \t]+(?:us|me)(?:[ \t]+about)?|said|reported|disclosed|described"
    r"|let[ \t]+(?:us|me)[ \t]+know[ \t]+about)(?:[ \t]+(?:that[ \t]+)?you(?:[ \t]*(?:have|had|'ve|\u2019ve|'d|\u2019d))?"
    r"(?:[ \t]+been)?)?(?:[ \t]+(?:an?|your|some|previous|past|prior|recent|ongoing|longstanding|(?:a[ \t]+)?history[ \t]+of"
    r"|mild|moderate|severe))*[ \t]+"
    r")$"
)
_YOUR_TERM_RE = re.compile(r"(?i)\byour[ \t]+$")
# The reader's own condition or treatment, "your" right before it: "Your next cycle of
# chemotherapy for your bowel cancer", "to manage your type 2 diabetes", "your ongoing HIV care";
# in Welsh, "eich" ("Mae lefel eich colesterol yn 7.2").
_YOUR_OWN_RE = re.compile(
    r"(?i)\b(?:your|eich)[ \t]+(?:(?:new|recent|ongoing|current|recurrent|chronic|early|advanced|treated|next|last|first"
    r"|second|third|final)[ \t]+)?$"
)
# ... not when the term names a test, a service, an event or a piece of work ("your HIV test
# is booked", "your diabetes awareness talk", "your cancer nurse post"): the words right after it.
_NOT_OWN_AFTER_RE = re.compile(
    r"(?i)[\w'\-]+(?:[ \t]+[\w'\-]+){0,2}?[ \t]+(?:tests?|testing|screen|screening|checks?|jabs?|vaccin\w*"
    r"|appointments?|clinic|clinics|review|leaflets?|information|awareness|charity|fundrais\w*|appeal|talk|course"
    r"|training|module|session|event|walk|run|team|service|nurse|nurses|specialist|post|role|job|vacancy|interview"
    r"|application|conference|study|research|trial|leave|group|network|forum|day|club|society|choir|cafe|café)\b"
)
_RESULT_AFTER_RE = re.compile(
    r"(?i)\b(?:positive|negative|reactive|detected|abnormal|raised|confirmed|came back|showed|shows)\b"
)


# A long text's greeting marks are looked for first in the one RE2 pass of the gates (_GateSet):
# most texts have none, and four scans of their own cost more.
_greeting_gate = _re2_gate(re.compile("|".join(map(re.escape, _GREETING_MARKS))))


def greeted(text: str) -> bool:
    """``text`` has a greeting's word (_GREETING_MARKS): a letter's, perhaps."""
    if len(text) >= GATED_FROM and not _greeting_gate(text):
        return False
    return any(mark in text for mark in _GREETING_MARKS)


def reader_given_names(display: str, address: str) -> frozenset[str]:
    """The given names (folded) by which a message's one reader is known, as its To header
    gives them with a family name: its display name ("Marcus Example", "Example, Marcus"),
    else its mailbox's ("marcus.example82@..."). A greeting by that given name alone ("Dear
    Marcus,") then names that person (addressee_health). Empty if neither names a person."""
    names = given_names()
    given = display.replace(",", " ").split()
    words = [w for w in given if w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()]
    if 2 <= len(words) <= 4 and len(words) == len(given):
        found = frozenset(folded(w) for w in words if folded(w) in names)
        if found and not any(folded(w) in _NOT_FAMILY or folded(w) in _PROFESSIONAL for w in words):
            return found
    parts = [p.rstrip("0123456789") for p in _MAILBOX_PARTS_RE.split(address.partition("@")[0].lower())]
    if len(parts) == 2 and all(len(p) > 1 and p.isalpha() for p in parts) and parts[0] in names:
        return frozenset((parts[0],))
    return frozenset()


_MAILBOX_PARTS_RE = re.compile(r"[._\-]")


def _greeted_reader_end(text: str, m: Any, reader: frozenset[str]) -> int:
    """Where the name in the greeting ``m`` (_GREETING_RE) ends if it names the reader: a full
    name, a personal title and a family name, or the given name alone that the one reader's
    To header gives with a family name (``reader``: reader_given_names); else -1."""
    line_end = line_bounds(text, m.start())[1]
    cell_end = text.find("\t", m.end(), line_end)
    line_end = cell_end if cell_end >= 0 else line_end  # (a bilingual letter's columns: the greeting's cell)
    person = _PERSON_AFTER_RE.match(text, m.end(), line_end)
    if person is None:
        return -1
    words = [t for t in _TOKEN_RE.findall(person.group("name")) if t != ","]
    if reader and not person.group("title") and len(words) == 1:
        return person.end() if folded(words[0]) in reader else -1  # "Dear Marcus," to "Marcus Example"
    if not person_at(text, m.end(), line_end):
        return -1
    if not person.group("title") and len(words) < 2:
        return -1  # "Hi Marcus": a given name alone identifies no one
    return person.end()


def addressee_health(text: str, terms: Sequence[int], reader: frozenset[str] = frozenset()) -> int:
    """A letter whose greeting names its reader (_GREETING_RE: a full name, or a personal
    title and a family name, or a given name the one reader's To header gives: ``reader``)
    and then tells them of their own health (_YOUR_RESULT_RE): a clinic's results to the
    patient ("Dear Jordan Example, ... Your swab showed chlamydia"), their care of a condition
    ("your HIV clinic appointment"). One per greeting."""
    if not any(mark in text for mark in _GREETING_MARKS):
        return 0
    found = 0
    for m in _GREETING_RE.finditer(text):
        end = _greeted_reader_end(text, m, reader)
        if end < 0:
            continue
        terms = [t for t in terms if t < end or not _in_titles_list(text, t)]
        nxt = _GREETING_RE.search(text, end)  # (a bilingual letter's other greeting, in the cell beside it)
        stop = min(nxt.start() if nxt else len(text), end + _GREETING_REACH)
        found += reader_told(text, terms, end, stop)
    return found


def reader_told(text: str, terms: Sequence[int], a: int, b: int) -> bool:
    """text[a:b] (a letter's, after its greeting) tells its reader of their own health: a result
    or a condition of theirs (told_reader), the care of a condition of theirs (_care_of_condition),
    their appointment at a clinic named for it, their medicines, a test they are to have (_reader_care)."""
    return (_health_between(text, terms, a, b, functools.partial(told_reader, text, after=a))
            or _care_of_condition(text, terms, a, b, _YOUR_OWN_RE, clinic=True)
            or _reader_care(text, terms, a, b) or _results_given(text, terms, a, b))


# A letter's words that give its reader the result of a test of theirs, "your" before the test or
# "you had", a sample's "taken" after it: "the result of the blood test you had on 3 March",
# "Results of biopsy taken 02/03/2026 -", "the results from your scan". What follows in its
# paragraph or the next is the reader's health ("HbA1c: 61 mmol/mol", "... - lobular carcinoma").
# Not a test's equipment, order or audit: the test's word ends the phrase, or its owner's does.
_RESULTS_GIVEN_RE = re.compile(
    r"(?i)\bresults?[ \t]+(?:of|from|for)[ \t]+(?:(?:the|(?P<your>your))[ \t]+)?"
    rf"(?:(?:recent|latest|last|repeat|routine|[0-9a-z\-]+)[ \t]+){{0,2}}?{_CLINICAL_NOUNS}"
    r"(?:[ \t]+(?P<own>you[ \t]+(?:had|have[ \t]+had|['\u2019]ve[ \t]+had|gave|provided)"
    r"|(?:that[ \t]+)?(?:was|were)[ \t]+taken|taken|carried[ \t]+out)\b)?"
    r"(?=[ \t]*(?:[\-:\u2013\u2014,.;(]|$|[ \t][0-9]|[ \t](?:on|in|at|from|dated|last|this|is|was|are|were|showed|shows"
    r"|came|have|has|so|and)\b))",
    re.M,
)
_RESULTS_GIVEN_REACH = 320  # characters after the words in which the result is read (their paragraph and the next)
# ... not in a sentence of a test of work, a course's or a supplier's: a mask's fit test, a water
# sample's, an analyser's validation, an audit's.
_NOT_RESULTS_OF_CARE_RE = re.compile(
    r"(?i)\b(?:fit[ \t\-]+test\w*|masks?|respirators?|audit|survey|quiz|module|exam|course|training|appraisal"
    r"|questionnaire|e-?learning|competenc\w+|water|sinks?|taps?|outlets?|legionella|surfaces?|environment\w*"
    r"|equipment|machines?|devices?|analy[sz]ers?|monitors?|fridges?|validation|calibration|quality[ \t]+control"
    r"|EQA|proficiency|demo\w*|trial|study|research|pilot)\b"
)


def _results_given(text: str, terms: Sequence[int], a: int, b: int) -> bool:
    """text[a:b] (a letter's, after its greeting) gives its reader the result of a test of theirs
    (_RESULTS_GIVEN_RE) and a health term that speaks of health follows in that paragraph or the
    next; not a test of work's (_NOT_RESULTS_OF_CARE_RE), a mailing's (bulk_mail), nor a role's
    checks told to its applicant (_checks_of_a_role)."""
    if text.find("esult", a, b) < 0 and text.find("ESULT", a, b) < 0:
        return False
    for m in _RESULTS_GIVEN_RE.finditer(text, a, b):
        if not (m.group("your") or m.group("own")):
            continue
        stop = min(b, m.end() + _RESULTS_GIVEN_REACH)
        first = _PARAGRAPH_END_RE.search(text, m.end(), stop)
        second = _PARAGRAPH_END_RE.search(text, first.end(), stop) if first else None
        stop = second.start() if second else stop
        start = _sentence_start(text, m.start(), max(a, m.start() - _SENTENCE_REACH))
        if _NOT_RESULTS_OF_CARE_RE.search(text, start, _sentences_end(text, m.end(), 1, _SENTENCE_REACH)):
            continue
        if (_health_between(text, terms, m.end(), stop)
                and not bulk_mail(text) and not _checks_of_a_role(text)):
            return True
    return False


# A letter's words that the papers it sends are the reader's own record of care: "Please see
# the attached letter from your clinic visit", "Your discharge summary is attached", "I enclose
# a copy of your scan report". Not a business's paper ("your invoice", "your CV"), nor an
# inspection's, an audit's or a course's report.
_YOUR_PAPERS = (
    r"(?:clinic[ \t]+letters?|letters?|results?|reports?|records?|notes|summary|summaries|visit|consultation"
    r"|scans?|x-?rays?)"
)
_YOUR_PAPERS_RE = re.compile(
    rf"(?i)\b(?:attach\w*|enclos\w*)\b[^.!?\n]{{0,80}}?\byour[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?{_YOUR_PAPERS}\b"
    rf"|\byour[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?{_YOUR_PAPERS}\b[^.!?\n]{{0,40}}?\b(?:attached|enclosed)\b"
)
_NOT_CARE_PAPERS_RE = re.compile(
    r"(?i)\b(?:inspection|audit|survey|site|training|course|module|certificate|appraisal|invoice|quote|quotation"
    r"|order|application|interview|reference|payslip|contract|rota|timesheet|expenses|project|research|study)\b"
)


def own_papers_sent(text: str) -> bool:
    """``text`` (a letter's) says the papers it sends are its reader's own record of care (see above)."""
    if "your" not in text.lower():
        return False
    for m in _YOUR_PAPERS_RE.finditer(text):
        start = _sentence_start(text, m.start(), max(0, m.start() - _SENTENCE_REACH))
        if not _NOT_CARE_PAPERS_RE.search(text, start, _sentences_end(text, m.end(), 1, _SENTENCE_REACH)):
            return True
    return False


# A mailing's marks: a newsletter's or a campaign's "your" is any member's, no one reader's.
_BULK_MAIL_RE = re.compile(
    r"(?i)\b(?:unsubscribe|you are receiving this|mailing list|newsletter|view (?:this email )?in (?:your )?browser"
    r"|update your preferences)\b"
)


def bulk_mail(text: str) -> bool:
    """``text`` (a mail's body) is a mailing's (_BULK_MAIL_RE)."""
    return _BULK_MAIL_RE.search(text) is not None


# A letter's greeting that names no one: "Dear Sir,", "Dear Madam", "Dear Sir/Madam", "Dear Patient".
_UNNAMED_GREETING_RE = re.compile(
    r"(?i)[ \t>]*(?:Dear|Hi|Hello|Annwyl)[ \t]+(?:Sir|Madam|Patient|Parent|Carer)(?:[ \t]*(?:/|or)[ \t]*(?:Sir|Madam|Carer))?"
    r"[ \t]*[,:!]?[ \t]*$"
)


def greeting_of_no_one(text: str) -> bool | None:
    """Whether ``text``'s letter greetings all name no one ("Dear Sir,": _UNNAMED_GREETING_RE);
    None if it has none (_GREETING_RE). False if one names someone ("Dear Marcus,", "Hi Jo")."""
    if not greeted(text):
        return None
    found = None
    for m in _GREETING_RE.finditer(text):
        start, end = line_bounds(text, m.start())
        if not _UNNAMED_GREETING_RE.fullmatch(text, start, end):
            return False
        found = True
    return found


def greets_reader_by_title(text: str, reader: frozenset[str] = frozenset()) -> bool:
    """A letter's greeting in ``text`` names its reader by a personal title and a family name
    ("Dear Mrs Example,"; _greeted_reader_end)."""
    return greeted(text) and any(
        _LAY_TITLE_RE.match(text, m.end()) and _greeted_reader_end(text, m, reader) >= 0 for m in _GREETING_RE.finditer(text))


# A list of papers' titles: a leaflet's, a booklet's or a video's "your" is any reader's ("2.
# Preparing for your colonoscopy (1,850 words)"), what a quote, a print order or a translation
# asks for, no one's care. Its items are a list's lines (a number or a bullet first) under an
# introduction that names such papers, or an item says its own length.
_TITLES_INTRO_RE = re.compile(
    r"(?i)\b(?:leaflets?|booklets?|factsheets?|fact[ \t]+sheets?|information[ \t]+sheets?|brochures?|posters?|flyers?"
    r"|publications?|titles?|videos?|translat\w*|typeset\w*|reprint\w*|print[ \t]+run)\b"
)
_TITLE_ITEM_RE = re.compile(r"[ \t>]*(?:[0-9]{1,2}[.)]|[-*\u2022\u2013])[ \t]+")
_TITLE_LENGTH_RE = re.compile(r"(?i)\([ \t]*(?:c\.?[ \t]*|approx\.?[ \t]*)?[0-9][0-9,]*[ \t]*(?:words|pages|pp|mins?|minutes)\b")
_TITLES_ITEMS = 12  # items of a list read back for its introduction


def _in_titles_list(text: str, term: int) -> bool:
    """The health term at ``term`` is in a paper's title, an item of a list of them (see above)."""
    lo, hi = line_bounds(text, term)
    if not _TITLE_ITEM_RE.match(text, lo):
        return False
    if _TITLE_LENGTH_RE.search(text, term, hi):
        return True
    for _ in range(_TITLES_ITEMS):
        prev = previous_line_start(text, lo)
        if prev is None:
            return False
        lo = prev
        line_end = line_bounds(text, lo)[1]
        if lo == line_end:
            continue
        if not _TITLE_ITEM_RE.match(text, lo):
            return _TITLES_INTRO_RE.search(text, lo, line_end) is not None
    return False


# What a letter tells its reader of their own care, right before a health term: their
# appointment at a clinic named for a condition or a specialty ("You have an appointment in
# the Heart Failure Clinic", "An appointment has been arranged for you at the Rheumatology
# Clinic", "We have booked you into the Memory Clinic", "Please attend the Diabetes Clinic"),
# the medicines they take ("a list of your medicines, including furosemide"), a test or a
# procedure they are to have ("You will need an echocardiogram").
_READER_BOOKED_RE = re.compile(
    r"(?i)(?:\b(?:you|we)[ \t]+(?:have|are|['\u2019]re|will[ \t]+be|have[ \t]+been|are[ \t]+now)[ \t]+(?:"
    r"an?[ \t]+(?:(?:new|follow[- ]?up|outpatient|first|further|review)[ \t]+)?appointment|booked|referred)"
    r"|\bappointment[ \t]+(?:has|have)[ \t]+been[ \t]+(?:made|arranged|booked|scheduled)[ \t]+for[ \t]+you"
    r"|\byour[ \t]+(?:(?:next|new|follow[- ]?up|first|outpatient|review)[ \t]+)?appointment(?![ \t]+(?:as|to|of)\b)"
    r")(?:[ \t]+[\w'\u2019:.\-]+){0,4}?[ \t]+(?:at|in|into|to|with)[ \t]+"
    r"|\b(?:please|to)[ \t]+attend[ \t]+"
)
# ... the term then a clinic's words after it, no more than a few words on ("Cardiology (Heart
# Failure) Clinic", "the diabetes nurse"); not a post, a meeting or an event there.
_READER_CLINIC_AFTER_RE = re.compile(
    r"(?i)[\w'\u2019()\-]+(?:[ \t]+[\w'\u2019()&\-]+){0,3}?[ \t]+(?:clinics?|outpatients?|service|unit|department"
    r"|team|nurses?|specialists?|consultant|doctor|centre|center|day[ \t]+unit|suite)\b"
    r"(?![ \t]+(?:manager|lead|leads|co-?ordinator|receptionist|secretary|administrator|post|role|vacancy|job|position"
    r"|meeting|staff|team|training|course|open[ \t]+day|party|event|awareness|conference|study[ \t]+day)\b)"
)
# ... its words before the term: "the Rapid Access ", "the Respiratory (".
_READER_CLINIC_LEAD_RE = re.compile(r"(?:(?:the|our)[ \t]+)?(?:\(?[A-Z][\w\-]*\)?[ \t]+){0,2}\(?")
# A visit of business or an event, not of care (said in the sentence or the one before): a
# delivery, a meeting, an interview, an open day.
_NOT_CARE_VISIT_RE = re.compile(
    r"(?i)\b(?:install\w*|deliver\w*|quote|quotation|invoice|order|demo\w*|engineer|maintenance|servicing|meeting"
    r"|presentation|interview|training|induction|tour|talk|speak|speaking|volunteer\w*|shift|rota|placement"
    r"|open[ \t]+day|event|party|celebration|invited|invitation|coffee[ \t]+morning|launch|locum)\b"
)
_READER_MEDICINES_RE = re.compile(
    r"(?i)\byour[ \t]+(?:(?:current|regular|usual|prescribed|own|new)[ \t]+)?(?:medicines|medications?|tablets|drugs"
    r"|inhalers|prescriptions?|injections)[ \t]*,?[ \t]*(?:including|such as|especially|like|:|\()[^.!?\n]{0,60}$"
)
_READER_TEST_RE = re.compile(
    r"(?i)\byou[ \t]+(?:will|may|might)[ \t]+(?:also[ \t]+)?(?:need|have|be[ \t]+having)[ \t]+(?:to[ \t]+have[ \t]+)?"
    r"(?:an?|your)[ \t]+(?:[\w\-]+[ \t]+)?$"
)
_NOT_TEST_OF_THEIRS_RE = re.compile(r"(?i)(?:[\w\-]+[ \t]+){0,2}?(?:jabs?|vaccin\w*|boosters?|immunis\w*|screen\w*)\b")
_READER_CARE_REACH = 160  # characters before a term in which its sentence tells the reader of it


def _reader_care(text: str, terms: Sequence[int], a: int, b: int) -> bool:
    """A health term in text[a:b] is what a letter tells its reader of their own care: their
    appointment at a clinic it names (_READER_BOOKED_RE, _READER_CLINIC_AFTER_RE; not a
    visit of business: _NOT_CARE_VISIT_RE), a medicine of theirs (_READER_MEDICINES_RE), a
    test or a procedure they are to have (_READER_TEST_RE; not a jab or a screen)."""
    i = bisect.bisect_left(terms, a)
    while i < len(terms) and terms[i] < b:
        term = terms[i]
        i += 1
        start = _sentence_start(text, term, max(a, term - _READER_CARE_REACH))
        line_end = line_bounds(text, term)[1]
        if _READER_MEDICINES_RE.search(text, start, term) or (
                _READER_TEST_RE.search(text, start, term) and not _NOT_TEST_OF_THEIRS_RE.match(text, term, line_end)):
            return True
        clinic = _READER_CLINIC_AFTER_RE.match(text, term, line_end)
        if clinic is None:
            continue
        if _clinic_field_of_reader(text, a, term):
            return True
        for booked in _READER_BOOKED_RE.finditer(text, start, term):
            lead = _READER_CLINIC_LEAD_RE.match(text, booked.end(), term)
            before = _sentence_start(text, max(a, start - 2), max(a, start - _SENTENCE_REACH))
            if lead is not None and lead.end() == term and not _NOT_CARE_VISIT_RE.search(
                    text, before, _sentences_end(text, term, 1, _SENTENCE_REACH)):
                return True
    return False


# An appointment letter's field that names the clinic ("Clinic:      Colposcopy Clinic", "Service:
# Memory Assessment Service"), in a letter that tells its reader of their appointment ("your
# appointment has been changed"): the reader is that clinic's patient. Not a visit of business
# (_NOT_CARE_VISIT_RE: an interview's, a meeting's, a delivery's).
_CLINIC_FIELD_RE = re.compile(
    r"[ \t>*]*(?i:clinic|clinic[ \t]+name|department|dept|specialty|speciality|service|appointment[ \t]+(?:with|at|type))"
    r"[ \t]*[:\t][ \t]*(?:(?:the|your)[ \t]+)?(?:[A-Z][\w\-]*[ \t]+){0,2}\(?$"
)
_YOUR_APPOINTMENT_RE = re.compile(
    r"(?i)\byour[ \t]+(?:(?:next|new|follow[- ]?up|first|outpatient|hospital|clinic)[ \t]+)?appointment"
    r"|\bappointment[ \t]+(?:has[ \t]+been[ \t]+(?:made|booked|arranged)[ \t]+)?for[ \t]+you\b"
)


def _clinic_field_of_reader(text: str, a: int, term: int) -> bool:
    """The health term at ``term`` names a clinic in an appointment letter's field, and the letter
    (from ``a``, its greeting's end) tells its reader of their appointment (see above)."""
    line_start, line_end = line_bounds(text, term)
    if _CLINIC_FIELD_RE.fullmatch(text, line_start, term) is None:
        return False
    return (_YOUR_APPOINTMENT_RE.search(text, a, line_end) is not None
            and _NOT_CARE_VISIT_RE.search(text, a, min(len(text), line_end + _READER_CARE_REACH)) is None)


# The care of a condition of theirs after "your", "his", "her": "your HIV clinic appointment",
# "your breast cancer clinic appointment", "her dementia review": a letter to the patient
# telling them of their appointment at a clinic for a condition tells them (and whoever reads
# it) that it is theirs. Not a test, a screen or a jab, a class or an event ("your HIV test
# appointment", "your diabetes awareness session review").
_OWN_CARE_AFTER_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+(?!(?:tests?|testing|screen\w*|checks?|jabs?|vaccin\w*|awareness|training|course|session"
    r"|talk|event|services?|audit|policy|research|study|trial|staff|job|post|interview)\b)[\w'\u2019\-]+){0,2}?"
    r"[ \t]+(?:(?P<clinic>clinic|outpatients?)[ \t]+)?(?:appointments?|review|follow[ \-]?up|consultation)\b"
)
# ... and the appointment of a screening only people with the condition are called to ("your
# diabetic eye screening appointment", _SCREENED_FOR_CONDITION).
_SCREENED_CARE_RE = re.compile(r"(?i)" + _SCREENED_FOR_CONDITION + r"[ \t]+(?:appointments?|appt|review|follow[ \-]?up)\b")


def _care_of_condition(text: str, terms: Sequence[int], a: int, b: int, owner: Any, clinic: bool = False) -> bool:
    """A term in text[a:b] right after an owner's word (``owner``: _YOUR_OWN_RE, _THEIR_OWN_RE)
    names the condition of a clinic's appointment or review of theirs (_OWN_CARE_AFTER_RE); the
    reader's own (``clinic``) only at a clinic named for it: "your rheumatoid arthritis review"
    in a reply to the patient who asked about it says what they told us."""
    i = bisect.bisect_left(terms, a)
    while i < len(terms) and terms[i] < b:
        term = terms[i]
        care = _OWN_CARE_AFTER_RE.match(text, term) if owner.search(text, max(a, term - 24), term) else None
        if care is not None and (care.group("clinic") or not clinic):
            return True
        if _SCREENED_CARE_RE.match(text, term) and owner.search(text, max(a, term - 24), term):
            return True  # "your diabetic eye screening appointment"
        i += 1
    return False


# The reader's relative, in a letter to them: "your mum", "your dad" (not "if your mum has
# dementia": advice to anyone; not "my dad": the writer's own).
_READERS_RELATIVE_RE = re.compile(
    r"(?i)(?<!\bif[ \t])(?<!\bwhether[ \t])(?<!\bwhen[ \t])(?<!\bshould[ \t])(?<!\bcase[ \t])(?<!\bunless[ \t])"
    r"\b(?:your|ur|yr)[ \t]+(?:(?:late|elderly|eldest|youngest|older|younger)[ \t]+)?"
    r"(?:mother|father|mum|mam|mom|dad|son|daughter|wife|husband|partner|brother|sister|grandmother|grandfather|nan"
    r"|nana|nanna|gran|granny|grandma|grandpa|grandad|grandson|granddaughter|auntie|aunty|aunt|uncle|hubby"
    r"|step(?:mum|dad|son|daughter))\b"
)
# A third person's own, or what a result of theirs says, right before a health term: "her
# dementia", "your mum's MMSE", "His pneumonia", "started him on", "the tests are consistent with".
_THEIR_OWN_RE = re.compile(r"(?i)(?:\b(?:his|her|their)|['\u2019]s)[ \t]+(?:[\w\-]+[ \t]+){0,2}$")
# ... what they have, said of them: "she has gestational diabetes", "he's got a chest infection",
# "was diagnosed with" (_THEIR_RESULT_RE's, and a relative's by their given name: _theirs_after)
_THEY_HAVE = (r"(?:diagnosed[ \t]+with|(?:he|she)(?:[ \t]+(?:has|had)|['\u2019]s)"
              r"(?:[ \t]+(?:got|developed|a|an|some|mild|severe))*)")
_THEY_HAVE_RE = re.compile(rf"(?i)\b{_THEY_HAVE}(?:[ \t]+[\w'\u2019\-]+){{0,3}}?(?:[ \t]+|[ \t]*\()$")
_THEIR_RESULT_RE = re.compile(
    r"(?i)\b(?:(?:started|start|put|commenced|kept|restarted|treating|treated)[ \t]+(?:him|her|them)[ \t]+(?:on|for|with)"
    rf"|consistent[ \t]+with|in[ \t]+keeping[ \t]+with|suggestive[ \t]+of|{_THEY_HAVE}"
    rf"|{_RESULT_VERBS})(?:[ \t]+[\w'\u2019\-]+){{0,3}}?(?:[ \t]+|[ \t]*\()$"
)

# ... a word of a ward's or a clinic's care of them besides those of _CARE_CUE_RE.
_TREATED_CUE_RE = re.compile(
    r"(?i)\b(?:antibiotics|oxygen|consultant|doctors?|medication|tablets|results?|tests|update(?:[ \t]+on)?"
    r"|diagnosis|diagnosed|treatment|memory[ \t]+clinic)\b"
)


_READERS_RELATIVES = (*_RELATIVES, "mam", "mom", "late ", "elderly ", "eldest ", "youngest ", "older ", "younger ",
                      "gran", "aunt", "uncle", "hubby", "step")
_YOUR_WORDS = ("your ", "Your ", "YOUR ", "ur ", "Ur ", "yr ", "Yr ")  # (and a text's shorthand: "ur mum")
# ... looked for first with RE2 in one pass (most texts have none), then word by word
_readers_relative_hint = _re2_gate(re.compile(
    "(?:" + "|".join(w.strip() for w in _YOUR_WORDS) + ") (?:" + "|".join(re.escape(w) for w in _READERS_RELATIVES) + ")"))


def _readers_relative_mentioned(text: str) -> bool:
    """``text`` has "your" (or "ur", "yr") right before a relative, not ending a word ("four sons")."""
    if not _readers_relative_hint(text):
        return False
    for word in _YOUR_WORDS:
        at = text.find(word)
        while at >= 0:
            if text.startswith(_READERS_RELATIVES, at + len(word)) and not (at and text[at - 1].isalpha()):
                return True
            at = text.find(word, at + len(word))
    return False


def relative_of_reader(text: str, terms: Sequence[int], reader: frozenset[str] = frozenset()) -> int:
    """A letter whose greeting names its reader (see addressee_health) and speaks of their
    relative's health ("Dear Claire, Thank you for coming with your mum to her dementia
    review. ... the tests are consistent with Alzheimer's disease"; "Hi Darren, an update on
    your dad: his pneumonia is improving"), in the relative's sentence or the next, with a
    word of their care there (_CARE_CUE_RE): the relative is known by the reader's name. One
    per letter."""
    if not _readers_relative_mentioned(text):
        return 0
    for m in _GREETING_RE.finditer(text) if greeted(text) else ():
        end = _greeted_reader_end(text, m, reader)
        if end < 0:
            continue
        nxt = _GREETING_RE.search(text, line_bounds(text, m.start())[1])
        stop = min(nxt.start() if nxt else len(text), end + _GREETING_REACH)
        for rel in _READERS_RELATIVE_RE.finditer(text, end, stop):
            start = _sentence_start(text, rel.start(), max(end, rel.start() - _SENTENCE_REACH))
            near = min(stop, _wrapped_sentences_end(text, rel.end(), _RELATIVE_REACH, 2 * _SENTENCE_REACH))
            if _CARE_CUE_RE.search(text, start, near) is None and _TREATED_CUE_RE.search(text, start, near) is None:
                continue  # "sorry to hear about your dad's stroke": a colleague's sympathy, no care of ours

            def theirs(term: int, low: int = rel.end()) -> bool:
                lead = max(low, term - _SENTENCE_REACH)
                return (_THEIR_OWN_RE.search(text, max(lead, term - 40), term) is not None
                        or _THEIR_RESULT_RE.search(text, lead, term) is not None)

            if _health_between(text, terms, rel.end(), near, theirs) or _care_of_condition(
                    text, terms, rel.end(), near, _THEIR_OWN_RE):
                return 1
    return _readers_relative_news(text, terms)


_WRAPPED_LINE = 60  # characters at least of a line that a hard wrap ends mid-sentence (a letter typed at 72-80)


def _wrapped_sentences_end(text: str, at: int, sentences: int, cap: int) -> int:
    """_sentences_end, where a letter's hard wrap ends the line holding ``at`` mid-sentence (a long
    line with no stop at its end, another line right under it): then only a full stop or a blank
    line ends a sentence (_SENTENCE_STOP_RE), as the reader reads it ("your mother, who is in Bay
    4, was found on the floor" / "beside her bed ... . She was assessed ... a fracture")."""
    end = _sentences_end(text, at, sentences, cap)
    line_start, line_end = line_bounds(text, at)
    if (line_end > end or line_end - line_start < _WRAPPED_LINE or text[line_end - 1:line_end] in ".!?:;"
            or not text[line_end + 1:line_end + 2].strip()):
        return end  # the sentences end on its line, or it is short or ends with a stop: no hard wrap
    pos = stop = at
    for _ in range(sentences):
        found = _SENTENCE_STOP_RE.search(text, pos, at + cap)
        if found is None:
            return at + cap
        pos, stop = found.end(), found.start()
    return max(end, min(stop, at + cap))


# Care news of the reader's relative, with no greeting that names the reader: the relative the
# subject of a plain statement of fact (not a question, a wish, advice, or what may be) whose
# health term is theirs: the relative's own clause ("your mum is drowsy on the morphine"), or
# "she"/"he" or "his"/"her" after them in their paragraph ("your dad's bloods are back - his
# eGFR is 28"), with a word of their care there (_CARE_CUE_RE, _TREATED_CUE_RE, "on" a
# medicine). A colleague's sympathy ("sorry to hear about your dad's stroke", "hope your mum
# is feeling better"), a leaflet's or an advert's "your mum" ("Is your dad on warfarin?", "Help
# your mum manage her diabetes") and a public piece say no one's.
_RELATIVES_NEWS_READ = 20  # the reader's relatives read in a text (a leaflet may say "your child" on every line)
_RELATIVES_NEWS_REACH = 480  # characters of the relative's paragraph after them in which "she" or "he" tells more
_PARAGRAPH_END_RE = re.compile(r"\n[ \t>]*\n")
_SUBJECT_VERB = (r"(?:['\u2019]?s|[ \t]+(?:is|was|has|had|remains|went|came|got|became|seemed|seems|needed|needs"
                 r"|started|stopped|fell|collapsed|looked|looks|felt|feels))\b")
_RELATIVE_CLAUSE_RE = re.compile(_SUBJECT_VERB + r"[^.;:!?\n()]{0,60}$")
_PRONOUN_CLAUSE_RE = re.compile(r"(?i)\b(?:she|he)" + _SUBJECT_VERB + r"[^.;:!?\n()]{0,60}$")
_WHAT_MAY_BE_RE = re.compile(r"(?i)\b(?:may|might|could|should|can|would|if|whether|unless)\b")
_SYMPATHY_RE = re.compile(
    r"(?i)\b(?:sorry|hope|hoping|hopefully|thinking of|thoughts|wishes|wishing|get well|condolences|sympathy|love to"
    r"|prayers|feel(?:ing)? better|on the mend)\b"
)
_ADVICE_BEFORE_RE = re.compile(
    r"(?i)\b(?:help|helping|support|supporting|protect|ask|tell|encourage|make sure|get|does|is|has|did|are|caring"
    r"|care for|look after|looking after|you and|you or|worried|concerned)[ \t]+$"
)
_ON_MEDICINE_RE = re.compile(r"(?i)\bon[ \t]+(?:the[ \t]+|a[ \t]+|his[ \t]+|her[ \t]+)?$")


def _readers_relative_news(text: str, terms: Sequence[int]) -> int:
    """Care news of the reader's relative told in a plain statement, with no greeting that
    names the reader (see above); 1 if the text has any."""
    for n, rel in enumerate(_READERS_RELATIVE_RE.finditer(text)):
        if n >= _RELATIVES_NEWS_READ:
            break
        start = _sentence_start(text, rel.start(), max(0, rel.start() - _SENTENCE_REACH))
        near = min(len(text), rel.end() + _RELATIVES_NEWS_REACH)
        paragraph = _PARAGRAPH_END_RE.search(text, rel.end(), near)
        near = paragraph.start() if paragraph is not None else near
        own_end = _sentences_end(text, rel.end(), 1, _SENTENCE_REACH)
        if (_ADVICE_BEFORE_RE.search(text, max(start, rel.start() - 16), rel.start())
                or text[own_end - 1:own_end] == "?" or _SYMPATHY_RE.search(text, start, own_end)
                or _WHAT_MAY_BE_RE.search(text, start, own_end) or _public_piece(text, start)
                or _NEWS_RE.search(text, start, near)):
            continue

        def theirs(term: int, rel: Any = rel) -> bool:
            lead = max(rel.end(), term - _SENTENCE_REACH)
            if _WHAT_MAY_BE_RE.search(text, _sentence_start(text, term, lead), term):
                return False
            return (_RELATIVE_CLAUSE_RE.fullmatch(text, rel.end(), term) is not None
                    or _PRONOUN_CLAUSE_RE.search(text, lead, term) is not None
                    or _THEIR_OWN_RE.search(text, max(lead, term - 40), term) is not None
                    or _THEIR_RESULT_RE.search(text, lead, term) is not None)

        cue = _CARE_CUE_RE.search(text, start, near) is not None or _TREATED_CUE_RE.search(text, start, near) is not None

        def cared(term: int, rel: Any = rel, low: int = start, cue: bool = cue) -> bool:
            return theirs(term, rel) and (cue or _ON_MEDICINE_RE.search(text, max(low, term - 12), term) is not None)

        if _health_between(text, terms, rel.end(), near, cared):
            return 1
    return 0


def told_reader(text: str, term: int, after: int) -> bool:
    """The health term at ``term`` is what a letter tells its reader of their own health, in
    its sentence (after ``after``): a result (_YOUR_RESULT_RE, or "your" right before the term
    and a result later in the sentence), or "your" right before a condition of theirs."""
    start = _sentence_start(text, term, max(after, term - _SENTENCE_REACH))
    if (_YOUR_RESULT_RE.search(text, start, term) or _listed_under_your_results(text, term, after)
            or _OWN_OUTCOME_RE.search(text, max(start, term - 40), term)):
        return True
    if _YOUR_OWN_RE.search(text, max(start, term - 24), term) and not _NOT_OWN_AFTER_RE.match(text, term):
        # "for your bowel cancer", "your type 2 diabetes": the reader's own; not a check a role
        # needs, told to its applicant ("this just checks your vaccinations before you start")
        return not (_NOT_TEST_OF_THEIRS_RE.match(text, term) and _checks_of_a_role(text))
    if not _YOUR_TERM_RE.search(text, start, term):
        return False
    stop = _SENTENCE_END_RE.search(text, term)
    return _RESULT_AFTER_RE.search(text, term, stop.start() if stop else len(text)) is not None


# A list's introduction that gives the reader their own results: "Your results from the clinic
# on Tues 24/11:", "Your blood test results:", "Here are your latest bloods -"
_YOUR_RESULTS_INTRO_RE = re.compile(
    rf"(?i)\byour[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?{_CLINICAL_NOUNS}\b[^\n:]{{0,60}}?[ \t]*[:\-\u2013][ \t]*$")
# (a bullet, a number, "test: result", or a table's row of cells: "Chlamydia (NAAT)<tab>POSITIVE"
# under its header's "Test<tab>Result")
_ITEM_LINE_RE = re.compile(r"[ \t]*(?:[-*\u2022\u2013>]|[0-9]{1,2}[.)])[ \t]+|[^\n:]{1,40}:[ \t]|[^\n\t:]{1,40}\t(?=[^\n\t]*\S)")
_LIST_ITEMS = 12  # items of a list read back for its introduction
# Results that are not the reader's health: an audit's, a survey's, a course's or a quiz's.
_NOT_HEALTH_RESULTS_RE = re.compile(
    r"(?i)\b(?:audit|survey|quiz|module|exam|examination|course|training|appraisal|questionnaire|poll|competition"
    r"|assessment|e-?learning|practice|team|ward|service|department|unit)\b")
# A list's introduction that recaps the reader's own care: "here's a recap of your consultation:",
# "Your treatment plan -", "a summary of your assessment today:"
_YOUR_CARE_INTRO_RE = re.compile(
    r"(?i)\byour[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:consultations?|assessments?|treatment(?:[ \t]+plan)?|care[ \t]+plan"
    r"|procedures?|operation|surgery|diagnosis|examination|check-?up)\b[^\n:]{0,60}?[ \t]*[:\-\u2013][ \t]*$")
# ... not of a job's, a course's or a supplier's: an interview, an appraisal, a training's assessment
_NOT_CARE_INTRO_RE = re.compile(
    r"(?i)\b(?:interview|recruitment|application|appraisal|probation|induction|training|course|module|exam"
    r"|e-?learning|competenc\w+|audit|inspection|survey|order|quote|quotation|installation|engineer|role|post|job"
    r"|results?|scores?|marks?|grades?|quiz)\b")  # (the reader's results are a list with outcomes: _YOUR_RESULTS_INTRO_RE)
# A test's outcome on the item's line: "POSITIVE rectal, neg throat", "71 (high)", "not detected"
_ITEM_RESULT_RE = re.compile(
    r"(?i)\b(?:positive|negative|pos|neg|detected|not[ \t]+detected|reactive|non-reactive|equivocal|borderline"
    r"|high|low|raised|elevated|reduced|normal|abnormal|clear)\b")


def _listed_under_your_results(text: str, term: int, after: int) -> bool:
    """The health term stands in a list of results (bulleted or "test: result" lines), on a
    line with a test's outcome, that a line giving the reader their own results introduces
    ("Your results from the clinic:\n- chlamydia: POSITIVE"), not an audit's or a course's;
    or in a list that a line recapping the reader's own consultation or plan introduces ("a
    recap of your consultation:\n* Procedure: ..."), whatever its lines say."""
    lo, hi = line_bounds(text, term)
    if lo <= after or not _ITEM_LINE_RE.match(text, lo):
        return False
    result = _ITEM_RESULT_RE.search(text, lo, hi) is not None
    for _ in range(_LIST_ITEMS):
        prev = previous_line_start(text, lo)
        if prev is None or prev < after:
            return False
        lo = prev
        line_end = line_bounds(text, lo)[1]
        if lo == line_end:
            continue  # a blank line between the introduction and its list
        if result and _YOUR_RESULTS_INTRO_RE.search(text, lo, line_end):
            return not _NOT_HEALTH_RESULTS_RE.search(text, lo, line_end)
        if _YOUR_CARE_INTRO_RE.search(text, lo, line_end):
            return not _NOT_CARE_INTRO_RE.search(text, lo, line_end)
        if not _ITEM_LINE_RE.match(text, lo):
            return False
    return False


# A letter to a lay reader by their title and family name ("Dear Mrs Gill,"), and a relative of
# theirs by a given name alone and what of theirs the letter speaks of: "Raymond's scan showed
# the cancer has spread to his liver", "Raymond's lung cancer": the reader's family names them.
_LAY_GREETING_RE = regex.compile(
    rf"[ \t>]*{_GREETING_WORDS}[ \t]+(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_NAME_TOKEN}"
    rf"(?:[ \t]+{_NAME_TOKEN})?[ \t]*(?:[,:!]|$)"
)
# A title right before a given name's "'s": a clinician's ("Dr Raymond's list") or the reader's own.
_TITLES_BEFORE = r"Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Nurse|Sister"
_TITLE_BEFORE_RE = re.compile(rf"\b(?:{_TITLES_BEFORE})\.?[ \t]+$")
# ... or a saint's, before a relative's given name: a place ("St Gemma's Hospice", "St Luke's").
_NOT_RELATIVE_BEFORE_RE = re.compile(rf"\b(?:{_TITLES_BEFORE}|St|Saint)\.?[ \t]+$")
_CLINICAL_THING_RE = re.compile(
    rf"(?i)(?:[\w\-]+[ \t]+)?{_CLINICAL_NOUNS}[ \t]+(?:(?:have|has)[ \t]+)?(?:showed|shows|show|confirmed|confirms|found|came back|revealed)\b"
)


# ... or by a given name alone that the letter's address block above names with a title ("Mrs
# Janet Example" / "9 Orchard Close" over "Dear Janet,"): the same lay reader, known to the sender.
_GIVEN_GREETING_RE = regex.compile(rf"[ \t>]*{_GREETING_WORDS}[ \t]+(?P<given>\p{{Lu}}\p{{Ll}}+)[ \t]*(?:[,:!]|$)")
_ADDRESS_BLOCK_REACH = 300  # characters above a greeting read for the reader's titled name


def _lay_greeting_end(text: str, reader: frozenset[str] = frozenset()) -> int:
    """Where a greeting to a lay reader first on its line (_LAY_GREETING_RE, or a given name
    the address block above gives with a title, or one of ``reader``, the given names the one
    reader's To header gives with a family name: _GIVEN_GREETING_RE) ends; -1 if none.
    Its words found with str.find: a letter has one greeting, most texts none."""
    for mark in _GREETING_MARKS:
        at = text.find(mark)
        while at >= 0:
            line_start = max(text.rfind("\n", 0, at), text.rfind("\t", 0, at)) + 1  # its line's or its cell's start
            m = _LAY_GREETING_RE.match(text, line_start) if not text[line_start:at].strip(" \t>") else None
            if m is not None:
                return m.end()
            given = _GIVEN_GREETING_RE.match(text, line_start) if not text[line_start:at].strip(" \t>") else None
            if given is not None and folded(given.group("given")) in reader:
                return given.end()  # "Hi Kerry," to kerry.example84@...
            if given is not None and regex.search(
                    rf"(?m)^[ \t]*(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+{given.group('given')}[ \t]+{_NAME_TOKEN}[ \t]*$",
                    text[max(0, line_start - _ADDRESS_BLOCK_REACH):line_start]):
                return given.end()
            at = text.find(mark, at + 1)
    return -1


# "his", "her", "she" or "he" in a text (_theirs_after's): looked for in the one RE2 pass of the gates
_theirs_gate = _re2_gate(re.compile(r" (?:his|her|she|he)[ '\u2019]"))
_owns_gate = _re2_gate(re.compile("'s |\u2019s "))  # ... and an owner's "'s " (_OWNER_MARKS)


def _relative_by_given_name(text: str, terms: Sequence[int], reader: frozenset[str] = frozenset()) -> int:
    """A relative of the reader of a letter to a lay person by their title ("Dear Mrs Gill,"),
    or by the given name their To header gives ("Hi Kerry," to kerry.example84@...: ``reader``),
    named by a given name alone with what of theirs the letter speaks of right after its
    "'s": a health term, or a test and what it showed ("Raymond's scan showed the cancer has
    spread to his liver"). One per letter."""
    owns = (len(text) < GATED_FROM or _owns_gate(text)) and ("'s " in text or "\u2019s " in text)
    if not owns and not _theirs_gate(text):
        return 0
    greeting = _lay_greeting_end(text, reader)
    if greeting < 0:
        return 0
    stop = min(len(text), greeting + _GREETING_REACH)
    names = given_names()
    for mark in _OWNER_MARKS if owns else ():
        at = text.find(mark, greeting, stop)
        while at >= 0:
            if _relative_owns_health(text, terms, at, at + len(mark), names):
                return 1
            at = text.find(mark, at + 1, stop)
    return _relative_spoken_of(text, terms, greeting, stop, names)


def _theirs_after(text: str, after: int, term: int) -> bool:
    """The health term at ``term`` is right after "his" or "her", or is what "she has" (_THEY_HAVE_RE:
    "which means she has gestational diabetes"), after ``after``, and a condition of theirs,
    not a service or an event (_NOT_OWN_AFTER_RE)."""
    low = max(after, term - 40)
    return ((_THEIR_TERM_RE.search(text, low, term) is not None or _THEY_HAVE_RE.search(text, low, term) is not None)
            and not _NOT_OWN_AFTER_RE.match(text, term))


_GOES_ON_SENTENCES = 2  # sentences after the one after a name read while each speaks of the person


def _goes_on_about(text: str, at: int, name: str) -> int:
    """Where the sentence holding ``at`` and the next end, and then the sentences after them
    while each speaks of the person again (he, she, his, her, him, ``name``): "... since
    Gordon passed away. We remember him often. As the team said, his motor neurone disease ..."."""
    end = _sentences_end(text, at, 2, 2 * _SENTENCE_REACH)
    for _ in range(_GOES_ON_SENTENCES):
        said = text[_sentence_start(text, end, max(at, end - _SENTENCE_REACH)):end]
        if end >= len(text) or not (_THIRD_PERSON_RE.search(said) or name in said):
            break
        end = _sentences_end(text, end + 1, 1, _SENTENCE_REACH)
    return end


_GIVEN_ALONE_RE = regex.compile(r"(?<![\p{L}'\u2019\-])\p{Lu}\p{Ll}+(?![\p{L}\-]|[ \t]+\p{Lu})")


def _relative_spoken_of(text: str, terms: Sequence[int], greeting: int, stop: int, names: GivenNames) -> int:
    """A relative of a lay reader named by a given name alone after the letter's greeting
    (not the reader's own, not after a title: a clinician's), and in that sentence or the next
    a health term right after "his" or "her" that speaks of their health, not a service's or an
    event's (_NOT_OWN_AFTER_RE): "since Raymond died here on the unit ... his bowel cancer had
    spread", a bereavement letter's or a care home's to the family. Not a job's or a
    fundraiser's sentence (_ROLE_LINE_RE). One per letter."""
    reader = text[text.rfind(" ", 0, greeting - 1) + 1:greeting].strip(" \t,:!")
    for m in _GIVEN_ALONE_RE.finditer(text, greeting, stop):
        word = m.group()
        if word == reader or folded(word) not in names or folded(word) in _GIVEN_WORDS or (
                _NOT_RELATIVE_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())):
            continue
        end = _goes_on_about(text, m.end(), word)
        if _ROLE_LINE_RE.search(text, m.start(), end):
            continue
        if _health_between(text, terms, m.end(), end, functools.partial(_theirs_after, text, m.end())):
            return 1
    return 0


def _relative_owns_health(text: str, terms: Sequence[int], at: int, after: int, names: GivenNames) -> bool:
    """A given name alone ends at ``at``, right before its "'s" (ending at ``after``), and what
    of theirs follows is their health (see _relative_by_given_name)."""
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:at]
    if not (word[:1].isupper() and word[1:].islower() and folded(word) in names) or (
            _NOT_RELATIVE_BEFORE_RE.search(text, max(0, start - 12), start)):
        return False  # "March's audit", "Dr Raymond's list"
    sentence_end = _sentences_end(text, after, 1, _SENTENCE_REACH)
    if _ABSENCE_RE.search(text, start, sentence_end):
        return False  # "Sarah's depression means she won't make her shifts": a colleague's rota
    if _CLINICAL_THING_RE.match(text, after, sentence_end):
        near = sentence_end  # "Raymond's scan showed ...": what it showed, in its sentence
    else:
        lead = _WORDS_BEFORE_TERM_RE.match(text, after, sentence_end)
        near = min(lead.end() if lead else after, sentence_end) + 1
    # ... theirs, not a group or a service ("Raymond's stroke club")
    return _health_between(text, terms, after, near, lambda term: _NOT_OWN_AFTER_RE.match(text, term) is None)


# --- a patient by a given name alone, in news of their care -------------------------------
#
# Staff write of a patient the reader knows by a given name alone: "Erin has been referred to
# the eating disorders service", "Tariq is back on the ward after his overdose", "Darren's
# methadone script has been increased", "Lorraine was very low today ... I've informed the
# crisis team", or by a relation and a given name ("Update on Auntie Bev - the scan showed
# ..."). A given name alone is a colleague's far more often ("Sarah's off sick with a chest
# infection", "Amy ran the diabetes clinic", "Jo is our new crisis team lead"), so it is read
# only as the subject of a sentence of care news: the name first in its sentence (after a
# note's opening: "Quick one -", "Hi team,", "Update on"), then what was done to them
# (_GIVEN_CARED_RE: admitted, referred, discharged, sectioned...), where they lie
# (_GIVEN_PLACED_RE: back on the ward, in A&E, on 1:1 obs) with their health right after
# ("after his overdose", "with a suspected broken hip"), what of their care changed after its
# "'s" (_GIVEN_CHANGE_RE: "Frank's catheter bypassed", "Chidi's HIV viral load is now
# undetectable"), or how they were and the service told (_GIVEN_STATE_RE, _SERVICE_TOLD_RE).
# Not where the sentence, or the next that goes on about them, speaks of work, absence, an
# event, a public voice or a story (_GIVEN_NOT_CARE_RE, _ABSENCE_RE, _ROLE_LINE_RE ...).
_GIVEN_LEAD_RE = regex.compile(
    r"[ \t\r\n>*\-\u2022\"\u201c]*"
    r"(?:(?i:(?:(?:hi|hello|hiya|morning|afternoon|dear)(?:[ \t]+(?:team|all|everyone|both|guys|folks))?"
    r"|quick one|quick update|heads up|update|fyi|just (?:to )?let you know|just fyi|news|please note|sadly"
    r"|unfortunately)(?:[ \t]*[,:!\-\u2013\u2014][ \t]*|[ \t]+(?:on|re|about|that)[ \t]+))"
    r"|(?i:sadly|unfortunately|also|so|and|fyi|btw)[ \t]+"
    # a reason's clause, what is asked after it ("As Kai is still wheezy at night, please ...")
    r"|(?i:as|since|because|now that|given that)[ \t]+(?=\p{Lu}\p{Ll}+[ \t]+(?:is|has|was|['\u2019]s)\b))?"
    # a relative who writes: "this is Babs's niece", "it's Ken's wife"
    r"(?P<writer>(?i:this is|it['\u2019]s|it is|i['\u2019]m|i am)[ \t]+)?"
    r"(?P<rel>(?:Auntie|Aunty|Aunt|Uncle|Nan|Nana|Nanna|Nanny|Gran|Granny|Grandma|Grandad|Grandpa|Cousin)[ \t]+)?"
    r"(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\-]|[ \t]+\p{Lu})(?P<own>['\u2019]s\b)?"
)
# Given names that are ordinary words first in a sentence ("Will be admitted", "May need").
_GIVEN_WORDS = frozenset(("will", "may", "june", "april", "august", "hope", "faith", "chase", "page", "sky", "summer",
                          "rich", "bill", "pat", "sunny", "dawn", "joy", "precious", "major", "king", "prince"))
_GIVEN_AUX = (r"[ \t]+(?:(?:(?:has|had|['\u2019]s)[ \t]+(?:(?:just|now|also|finally|again|already|recently|since)[ \t]+)?"
              r"been|was|is|got|gets|were|been)[ \t]+)(?:(?:just|now|also|finally|again|already|urgently|today|being"
              r"|recently|re-?)[ \t]*)*")
# What was done to them: "has been referred to", "was admitted to", "got sectioned".
_GIVEN_CARED_RE = re.compile(
    _GIVEN_AUX + r"(?:re-?)?(?:admitted|discharged|sectioned|detained|referred|transferred|rushed|taken|brought"
    r"|blue[- ]?lighted|started|commenced|switched|weaned|diagnosed|catheteri[sz]ed|intubated|ventilated|sedated"
    r"|seen|reviewed|assessed|put|scanned|resuscitated)\b", re.I)
# Where they lie or are watched: "is back on the ward", "is in A&E", "is on 1:1 obs".
_GIVEN_PLACED_RE = re.compile(
    r"[ \t]+(?:(?:is|was|['\u2019]s|has been|['\u2019]s been|remains|came|went|got|ended up|been|and)[ \t]+)+"
    r"(?:(?:back|still|now|currently|already|again|straight|just)[ \t]+)*(?:on|in|into|to)[ \t]+(?:the[ \t]+)?"
    r"(?:wards?(?:[ \t]+[0-9]{1,3}[a-z]?)?|bay[ \t]*[0-9]{1,2}|bed[ \t]*[0-9]{1,3}|side[ \t]?room|a&e|a and e|ed|resus"
    r"|itu|icu|hdu|ccu|hospital|hospice|1:1|one[- ]to[- ]one|(?:close|enhanced|hourly|[0-9]-?hourly)[ \t]+obs)\b", re.I)
# ... the place or the service right before the term: "to the", "from the", "is now on the".
_GIVEN_WHERE_RE = re.compile(r"(?i)\b(?:to|from|into|in|on|onto|under)[ \t]+(?:(?:the|a|an)[ \t]+)?$")
# ... not a team, a department or a rota that a member of staff is moved to ("transferred to the diabetes team").
_STAFF_JOINED_RE = re.compile(r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:team|department|dept|directorate|office|rota|network)s?\b")
# ... their health right after a word that makes it theirs: "after his overdose", "with a
# suspected broken hip", "following her fall".
_THEIRS_MARK_RE = re.compile(
    r"(?i)\b(?:his|her|their|with|after|following|for|post|due to|because of|showed|shows|confirmed|confirms|revealed"
    # what a result of theirs means: "came back high so it's gestational diabetes"
    r"|(?:high|low|raised|positive|abnormal)[,]?[ \t]+(?:so|which means)[ \t]+it['\u2019]?s)"
    r"[ \t]+(?:(?:a|an|another|suspected|possible|probable|query|\?|new|bad|severe|acute|further|recurrent)[ \t]+){0,3}$")
# What of their care changed or showed, after "Frank's catheter", "Darren's methadone script".
_GIVEN_CHANGE_RE = re.compile(
    r"(?i)\b(?:bypass\w*|blocked|leaking|increased|reduced|decreased|lowered|raised|upped|doubled|halved|changed"
    r"|stopped|restarted|titrated|withheld|suspended|showed|shows|came back|come back|undetectable|detectable"
    r"|positive|negative|abnormal|notes|noted|confirms|confirmed|dropped|worse|worsening|infected|fell out"
    r"|pulled out|dislodged)\b")
# What of theirs, right after the name's "'s": a health term or a thing of their care.
_GIVEN_CARE_THING_RE = re.compile(
    r"(?i)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:catheter|stoma|script|prescription|dose|results?|bloods|scan|x-?ray|mri"
    r"|ct|ecg|viral load|cd4|bmi|ehcp|care plan|obs|sats|wound|dressing|insulin|inhaler|peg|picc|line|level|inr"
    r"|biopsy|(?:blood|sugar|glucose|urine|swab|smear)[ \t]+tests?)\b")
# What they take, a medicine the term names in the name's sentence: "is on a monthly depot
# (aripiprazole)", "is still taking lithium", "has been on clozapine since 2019".
_GIVEN_TREATED_RE = re.compile(
    r"(?i)[ \t]+(?:is|was|['\u2019]s|has been|['\u2019]s been|had been|remains|stays)[ \t]+"
    r"(?:(?:now|still|currently|already|again|back|also|just|only|being|well|stable)[ \t]+)*(?:on|taking)[ \t]+"
    r"(?:(?:a|an|the|his|her|their|regular)[ \t]+)?(?:[\w\-/]+[ \t]+){0,3}?\(?$")
_TREATED_REACH = 60  # characters from a given name to the medicine they are said to take
# How they were, a concern for their safety or their health: "was very low today".
_GIVEN_STATE_RE = re.compile(
    r"(?i)[ \t]+(?:(?:was|is|has been|['\u2019]s been|['\u2019]s|seemed|seems|appeared|appears|looked|looks|sounded"
    r"|felt|feels)[ \t]+)(?:[\w'\u2019\-]+[ \t]+){0,3}?(?:low|flat|tearful|distressed|agitated|confused|drowsy"
    r"|unwell|poorly|withdrawn|suicidal|paranoid|intoxicated|hallucinating|breathless|clammy|jaundiced"
    r"|coughing|wheezy|wheezing|vomiting|being sick|in pain"
    r"|not (?:eating|drinking|sleeping|himself|herself))\b")
# ... and the service then told of them: "I've informed the crisis team", "we have contacted the DN".
_SERVICE_TOLD_RE = re.compile(
    r"(?i)\b(?:informed|contacted|called|rang|rung|phoned|alerted|referred (?:him|her|them) to|emailed|updated"
    r"|spoken to|spoke to|involved|let)[ \t]+(?:the[ \t]+)?$")
# The sentence after the name's that goes on about them, or tells what was done.
_GOES_ON_RE = re.compile(r"[ \t]*(?:He|She|His|Her|I|I['\u2019]ve|We|We['\u2019]ve|DN|GP)\b")
# Another person between the name and the term: the term is theirs ("with a patient with chest pain").
_OTHER_PERSON_RE = re.compile(
    r"(?i)\b(?:patients?|pts?|man|woman|lady|gent|gentleman|boy|girl|child|baby|resident|client|service user|someone"
    r"|relative|family|admission|case|mum|dad|mother|father|wife|husband|partner|son|daughter|sister|brother)\b")
# A relation first after the name's "'s": the relative's news, not theirs ("Tom's mum is in hospital").
_RELATION_AFTER_RE = re.compile(
    r"(?i)[ \t]+(?:(?:little|baby|eldest|youngest|older|younger|new|late)[ \t]+)?(?:mum|mom|dad|mother|father|wife"
    r"|husband|partner|son|daughter|sister|brother|nan|gran|grandma|grandad|granny|auntie|aunt|uncle|cousin|niece"
    r"|nephew|boy|girl|kids?|child|children|baby|friend|neighbour|dog|cat|fiance|fiancee)\b")
# ... the relative who writes, then the person they write of: "this is Babs's niece - she's".
_WRITER_SAYS_RE = re.compile(r"(?i)[ \t]*(?:[,\-\u2013\u2014:.][ \t]*)?(?:and[ \t]+)?(?:he|she)\b")
# A colleague's news, an event, a story: the sentences of the name are no patient's care.
_GIVEN_NOT_CARE_RE = re.compile(
    r"(?i)\b(?:off[ \t]+(?:sick|work|today|tomorrow|for|till|until|this|next|all|on)|sick[ \t]+(?:leave|note|pay)"
    r"|called in sick|phoned in sick|sickness|leave|rota|shifts?|(?<!most )(?<!every )(?<!some )nights|cover|covering|covered|locum|colleague|staff"
    r"|phased return|light duties|restricted duties|occupational health|OH|working from home|back[ \t]+(?:on|next|in"
    r"|from|at|to)[ \t]+(?:mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|week|work)|back in [0-9]|gone home|get well|well soon"
    r"|best wishes|wishing|our love|thinking of|flowers|cards?|collection|compassionate|bereavement|appraisal"
    r"|be away|away for|time off|flexible working|reasonable adjustments|let (?:everyone|you all|the team) know"
    r"|fun run|[0-9]+ ?k|marathon|play|acting|supplies|stock|orders?|ordered"
    r"|supervision|interview\w*|appointed|seconded|secondment|rotation|placement|band[ \t]?[0-9]|student|trainee"
    r"|fellow|fellowship|teaching|taught|conference|lecture|talk|webinar|workshop|audit|research|project|award"
    r"|fictional|fictitious|scenario|case study|vignette|role[- ]play|simulation|hypothetical|imagine|storyline"
    r"|character|novel|film|celebrity|famous|singer|actor|footballer|newspaper|article|documentary|on stage"
    r"|running|runs|ran|leads|leading|lead|chair\w*|teach\w*|present\w*|observer|manager|new starter|joined"
    r"|starts|shadowing|shadowed|stall|training|course|study day|register|registration|background|expertise"
    r"|passion|interest in|first day|first shift|meet the team|new job|new role|job|advert|vacancy|application"
    # teaching's cases, the media's figures, a piece of work, a pet
    r"|exam|question|quiz|mcq|answer|bbc|itv|sky news|media|headlines?|tabloids?|instagram|twitter|tweet\w*|fans"
    r"|tour|concert|gig|according to|champion|spreadsheet|template|slides|poster|leaflet|document|calculator|policy"
    r"|guidelines?|sop|protocol|video|podcast|vets?|veterinary|dog|cat|puppy|kitten|horse"
    r"|as (?:a|an|the|our)[ \t]+(?:new[ \t]+)?(?:band|nurse|sister|charge|staff|manager|lead|hca|doctor|registrar"
    r"|consultant|member|deputy|senior|junior|locum|bank|volunteer))\b")


def given_name_in_care(text: str, terms: Sequence[int]) -> int:
    """Patients named by a given name alone, or a relation and a given name, whose care the
    sentence their name leads says (see above). One per sentence read."""
    starts: set[int] = set()
    for term in terms:
        start = _whole_sentence_start(text, term)
        if start < 0:
            continue
        starts.add(start)
        stop = start  # the sentence before (its paragraph's, perhaps), when this one goes on about its person
        while stop > 0 and start - stop < _GAP_REACH and text[stop - 1] in " \t\n":
            stop -= 1
        if stop > 0 and text[stop - 1] in ".!?" and _GOES_ON_RE.match(text, start):
            before = _whole_sentence_start(text, stop - 1)
            if before >= 0:
                starts.add(before)
    return sum(1 for start in sorted(starts) if _given_care_news(text, terms, start))


def _whole_sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts (_sentence_start), or -1 when it starts before
    the reach read back (a long sentence's middle is no sentence's start)."""
    low = max(0, at - _SENTENCE_REACH)
    start = _sentence_start(text, at, low)
    return -1 if start == low and low and text[low - 1] != "\n" else start


def _given_care_news(text: str, terms: Sequence[int], start: int) -> bool:
    """The sentence at ``start`` is led by a given name (given_name_in_care) and tells care
    news of that person, in it or the next sentence that goes on about them."""
    m = _GIVEN_LEAD_RE.match(text, start)
    name = folded(m.group("name")) if m is not None else ""
    if m is None or not m.group("rel") and (name not in given_names() or name in _GIVEN_WORDS):
        return _unreached_care_news(text, terms, start)
    news = _GivenNews(text, terms, m)
    if news.not_care(start) or _clinician_so_named(text, m.group("name"), start):
        return False
    if m.group("writer"):
        return news.writers_relative()
    owned = news.owned_news() if m.group("own") else None
    if owned is not None:
        return owned
    return (news.cared() or news.placed() or news.treated() or news.state()
            or bool(m.group("rel")) and news.relations())


# A person the writer could not reach, named by a given name alone at their sentence's end:
# "I couldn't get hold of Nia.", "tried to ring Nia this morning." (whom the writer tells instead
# is a relative, a partner, a carer), or whose news the writer says they give ("here's a quick
# update on Nia.", "some news about Nia:"); the next sentence then says their care, led by "she",
# "he", "her" or "his" (_PRONOUN_NEWS_RE), which _GivenNews reads as it reads one led by the name.
_UNREACHED_RE = regex.compile(
    r"(?i:\b(?:(?:couldn['\u2019]?t|could not|can['\u2019]?t|cannot|unable to|not able to|tried to|been trying to"
    r"|trying to)[ \t]+(?:get hold of|get through to|reach|contact|ring|call|phone|speak to|get)"
    r"|(?P<news>update|news|word)(?:[ \t]+(?:for[ \t]+)?you|[ \t]+from[ \t]+us)?[ \t]+(?:about|on|re|regarding))[ \t]+)"
    r"(?P<name>\p{Lu}\p{Ll}+)(?:[ \t]+(?i:today|this morning|this afternoon|earlier|yesterday|on (?:her|his) mobile"
    r"|following (?:our|your|my|the)(?:[ \t]+phone)?[ \t]+(?:call|conversation|chat|message|email|voicemail)"
    r"|as (?:promised|discussed|requested)|from (?:last night|the weekend|today|this morning)))?"
    # ... or the news right after a colon: "an update on Nia: she was admitted ..."
    r"[ \t]*(?:$|(?P<colon>:)(?=[ \t]*(?i:she|he|her|his)\b))"
)
_PRONOUN_NEWS_RE = re.compile(r"[ \t]*(?P<name>She|He)\b|[ \t]*(?P<own>Her|His)\b")
_PRONOUN_AFTER_COLON_RE = re.compile(_PRONOUN_NEWS_RE.pattern, re.I)


def _unreached_care_news(text: str, terms: Sequence[int], start: int) -> bool:
    """The sentence at ``start`` ends with a given name the writer could not reach, or whose
    news they give (_UNREACHED_RE), and the next says that person's care news: "Couldn't get
    hold of Nia. Her scan came back showing a DVT so she's been started on apixaban"."""
    first = _sentences_end(text, start, 1, _SENTENCE_REACH)
    m = _UNREACHED_RE.search(text, start, first)
    if m is None or folded(m.group("name")) not in given_names() or folded(m.group("name")) in _GIVEN_WORDS:
        return False
    if m.group("colon"):
        lead = _PRONOUN_AFTER_COLON_RE.match(text, m.end())
    else:
        nxt = _SENTENCE_START_RE.match(text, first)
        if nxt is None or text.count("\n", first, nxt.end()) >= (3 if m.group("news") else 2):
            return False  # (the news told may start a paragraph of its own)
        lead = _PRONOUN_NEWS_RE.match(text, nxt.end())
    if lead is None or _clinician_so_named(text, m.group("name"), start):
        return False
    news = _GivenNews(text, terms, lead, "own" if lead.group("own") else "name")
    if news.not_care(start):
        return False
    owned = news.owned_news() if lead.group("own") else None
    if owned is not None:
        return owned
    return news.cared() or news.placed() or news.state()


_CLINICIAN_TITLES = r"(?:Dr|Doctor|Nurse|Sister|Matron|Prof|Professor|Charge Nurse|Staff Nurse)\.?[ \t]+"


def _clinician_so_named(text: str, name: str, before: int) -> bool:
    """The text before ``before`` names a clinician by that given name ("Dr Chloe Example presented
    our audit. Chloe was diagnosed with ADHD herself"): the given name is hers, a colleague's."""
    return _clinician_named_end(text, name) <= before


@functools.lru_cache(maxsize=4)  # (a few: it keeps the texts it was asked of)
def _clinician_named_end(text: str, name: str) -> int:
    """Where a clinician's title and ``name`` first end in the text (past its end if nowhere):
    one search a text and name, however often the name comes in it."""
    m = re.compile(_CLINICIAN_TITLES + re.escape(name)).search(text)
    return m.end() if m is not None else len(text) + 1


class _GivenNews:
    """A sentence led by a given name (``m``: _GIVEN_LEAD_RE's match) and what of their care
    it, or the next sentence that goes on about them, says (_given_care_news)."""

    def __init__(self, text: str, terms: Sequence[int], m: Any, name: str = "name") -> None:
        self.text, self.terms = text, terms
        self.end = m.end(name)  # (``name``: the group of the name, or of the pronoun that stands for it)
        self.after = m.end()
        self.first = _sentences_end(text, self.end, 1, _SENTENCE_REACH)  # the name's sentence's end
        self.reach = self.first  # ... or the next's, when it goes on about them
        nxt = _SENTENCE_START_RE.match(text, self.first)
        if nxt is not None and text.count("\n", self.first, nxt.end()) < 2 and _GOES_ON_RE.match(text, nxt.end()):
            self.reach = _sentences_end(text, self.end, 2, 2 * _SENTENCE_REACH)

    def not_care(self, start: int) -> bool:
        """The sentences read speak of work, absence, an event, a public voice or a story."""
        text, reach = self.text, self.reach
        return bool(
            _GIVEN_NOT_CARE_RE.search(text, start, reach) or _ABSENCE_RE.search(text, start, reach)
            or _ROLE_LINE_RE.search(text, start, reach) or _PUBLIC_VOICE_RE.search(text, start, reach)
            or _STAFF_RECORD_RE.search(text, start, reach) or _CAREER_RE.search(text, start, reach)
            or _NOT_CARE_OBJECT_RE.search(text, start, reach) or _JOB_TITLE_RE.search(text, start, reach)
            or _WORK_AFTER_NAME_RE.match(text, self.after) or _money_between(text, start, reach)
            or _public_piece(text, start))

    def any_term(self, low: int, high: int, test: Callable[[int], bool]) -> bool:
        """A health term starting in text[low:high] that ``test`` accepts."""
        i = bisect.bisect_left(self.terms, low)
        while i < len(self.terms) and self.terms[i] < high:
            if test(self.terms[i]):
                return True
            i += 1
        return False

    def theirs(self, term: int, low: int) -> bool:
        """The term is the person's: no other person between, a health term that speaks of
        health, said as theirs ("after his overdose", "with a suspected broken hip", "and he's
        complaining of": _THEIRS_MARK_RE, _PRONOUN_CLAUSE_RE), from ``low`` on."""
        text = self.text
        if _OTHER_PERSON_RE.search(text, low, term) or _work_said_of_term(text, term) or _staff_duty(text, term, low):
            return False
        lead = max(low, term - 60)
        return bool(_THEIRS_MARK_RE.search(text, lead, term) or _PRONOUN_CLAUSE_RE.search(text, lead, term)) and (
            _about_health(text, term))

    def writers_relative(self) -> bool:
        """"Hi, this is Babs's niece - she's had another fall and is in A&E with ...": the
        relative who writes, then the person they write of, in care."""
        text = self.text
        relation = _RELATION_AFTER_RE.match(text, self.after) if text[self.end:self.after] else None
        said = _WRITER_SAYS_RE.match(text, relation.end(), self.first) if relation is not None else None
        if said is None:
            return False
        low = said.end()
        return (_CARE_CUE_RE.search(text, low, self.reach) is not None or _GIVEN_PLACED_RE.search(
            text, low, self.reach) is not None) and self.any_term(low, self.reach, lambda t: self.theirs(t, low))

    def owned_news(self) -> bool | None:
        """For a sentence led by the person's "'s" or by "her" or "his": False when a relative
        of theirs follows ("Tom's mum is in hospital", "Her mum ...": the relative's), else what
        owned() says of the thing of theirs after it (None: nothing said either way)."""
        if _RELATION_AFTER_RE.match(self.text, self.after):
            return False
        return self.owned()

    def owned(self) -> bool | None:
        """After the name's "'s", a health term or a thing of their care (_GIVEN_CARE_THING_RE)
        and what of it changed or showed (_GIVEN_CHANGE_RE): "Frank's catheter bypassed",
        "Chidi's HIV viral load is now undetectable"; None when neither follows the "'s"."""
        text, after, first = self.text, self.after, self.first
        thing = _GIVEN_CARE_THING_RE.match(text, after, first)
        i = bisect.bisect_left(self.terms, after)
        term = self.terms[i] if i < len(self.terms) and self.terms[i] < after + 30 else -1
        owned = term >= 0 and _WORDS_BEFORE_TERM_RE.fullmatch(text, after + 1, term) is not None
        if thing is None and not owned:
            return None
        if owned and (_NOT_OWN_AFTER_RE.match(text, term) or _PROJECT_AFTER_RE.match(text, after + 1, first)
                      or not _about_health(text, term) or _staff_duty(text, term, after)):
            return False  # "Amy's diabetes clinic", "Claire's sepsis teaching"
        if _GIVEN_CHANGE_RE.search(text, term if owned else after, first) is None:
            return False
        return owned or self.any_term(after, self.reach, lambda t: self.theirs(t, after))

    def cared(self) -> bool:
        """What was done to them (_GIVEN_CARED_RE), and their health or the place or the
        service they went to ("referred to the eating disorders service"); the verb itself may
        be the term ("was sectioned")."""
        text, first = self.text, self.first
        cared = _GIVEN_CARED_RE.match(text, self.after, first)
        if cared is None:
            return False
        low, high = cared.start(), cared.end()

        def of_them(t: int) -> bool:
            if _OTHER_PERSON_RE.search(text, self.end, t):
                return False
            if t < high and _about_health(text, t) or _prose_term_theirs(text, t, low) or self.theirs(t, low):
                return True
            return t < first and _GIVEN_WHERE_RE.search(text, max(high, t - 30), t) is not None and not (
                _work_said_of_term(text, t) or _STAFF_JOINED_RE.match(text, t, first))

        return self.any_term(low, self.reach, of_them)

    def placed(self) -> bool:
        """Where they lie or are watched (_GIVEN_PLACED_RE), their health said as theirs."""
        text = self.text
        placed = _GIVEN_PLACED_RE.match(text, self.after, self.first)
        if placed is None:
            return False
        low, high = placed.start(), placed.end()
        return self.any_term(high - 1, self.reach, lambda t: self.theirs(t, low) or (
            t < high and _about_health(text, t, roles=False) and not _OTHER_PERSON_RE.search(text, self.end, t)))

    def treated(self) -> bool:
        """What they take, right after the name (_GIVEN_TREATED_RE): a term of their health,
        not a place, a service or a duty ("is on the stroke unit", "is on the crisis team")."""
        text, after = self.text, self.after

        def taken(t: int) -> bool:
            line_end = line_bounds(text, t)[1]
            return (t - after <= _TREATED_REACH and _GIVEN_TREATED_RE.fullmatch(text, after, t) is not None
                    and not (_PLACE_AFTER_TERM_RE.match(text, t, line_end) or _NOT_OWN_AFTER_RE.match(text, t, line_end)
                             or _work_said_of_term(text, t) or _staff_duty(text, t, after))
                    and _about_health(text, t, roles=False))

        return self.any_term(after, self.first, taken)

    def state(self) -> bool:
        """How they were (_GIVEN_STATE_RE), then the service told (_SERVICE_TOLD_RE) or their health."""
        text = self.text
        state = _GIVEN_STATE_RE.match(text, self.after, self.first)
        if state is None:
            return False
        low = state.end()
        return self.any_term(low, self.reach, lambda t: _SERVICE_TOLD_RE.search(text, max(low, t - 40), t) is not None
                             or self.theirs(t, low) or self.possessed(t, low))

    def possessed(self, term: int, low: int) -> bool:
        """The term is theirs by "his" or "her" and a word at most right before it ("increase
        his brown inhaler"), in the name's sentence, no other person between."""
        text = self.text
        return (term < self.first and _POSSESSIVE_PRONOUN_RE.search(text, max(low, term - 40), term) is not None
                and not _OTHER_PERSON_RE.search(text, low, term) and not _work_said_of_term(text, term)
                and _about_health(text, term))

    def relations(self) -> bool:
        """A relation and a given name ("Update on Auntie Bev - the scan showed a shadow on her
        lung and she's seeing the oncologist"): a word of care and their health as theirs."""
        text, after = self.text, self.after
        cue = _CARE_CUE_RE.search(text, after, self.reach) or _GIVEN_CARE_THING_RE.match(text, after, self.first)
        return cue is not None and self.any_term(after, self.reach, lambda t: self.theirs(t, after))


# A note's line led by a person's name (a personal title and a name, or a given and a family
# name), then what is wrong with them first after a dash or a colon: an MDT's
# outcomes ("Mr Desmond Example - rectal adenocarcinoma, MRI T2N0. Outcome: ..."), a referral
# list ("Joan Example, Grange Farm Cottage, Kirkby - metastatic pancreatic cancer"; up to
# three cells of an address or a room before the dash). A line about a member of staff names
# their work there, not their health ("Mr Desmond Example - consultant colorectal surgeon").
_LINE_LEAD_RE = re.compile(
    # quote marks, a bullet, a list's number; an opening quotation mark (a note quoted as it
    # shows: '"Mr Example - HIV positive, on ..." for anyone to see'); a chat export's message's
    # date, time and sender (_CHAT_PREFIX)
    r"[ \t>*\-\u2022]*(?:" + _CHAT_PREFIX + r")?[\"\u201c]?(?:[0-9]{1,2}[.)][ \t]*)?"
    # a calendar's property, its value right after its colon: "SUMMARY:Joint visit - Mr Example - ..."
    r"(?:(?:SUMMARY|DESCRIPTION|COMMENT|LOCATION):(?=\S))?"
    # a caption's or a case's short label before the name: "Photo 1:", "Fig. 2", "Image 3 -", "Pt 4:", "Case 2:"
    r"(?:(?i:photo|photograph|pic|picture|image|img|fig|figure|slide|pt|patient|case)\.?[ \t]*[0-9]{1,3}[a-z]?"
    r"[ \t]*[.:)\-\u2013\u2014]?[ \t]+)?"
    # a note's age and sex before the name: "34M Daniel Example - ...", "81 F Mrs Example: ..."
    r"(?:[0-9]{1,3}[ \t]?(?:yo|y/o|yrs?)?[ \t]?[MF][ \t]*[,:]?[ \t]+(?=[A-Z]))?"
    # a visit's or a slot's short label before a titled name: "AM visit: Mrs Example - insulin",
    # "Joint visit - Mr Example - leg ulcer" (a calendar's summary); a topic's ("Lunch & learn -
    # Mr Example - ...") or a speaker's is no visit
    r"(?:(?i:(?:(?:am|pm|morning|afternoon|evening|lunch(?:time)?|tea(?:time)?|bed(?:time)?|night|early|late"
    r"|first|second|third|last|next|new|joint|home|urgent|routine|follow[- ]up|double[- ]handed|[0-9]{1,2}(?:st|nd|rd|th)?)"
    r"[ \t]+){0,2}(?:visits?|calls?|slot|appt|appointment|jv|dressings?)"
    # a note's label: "Medication review: Mr Example - stop simvastatin", "Handover: Mrs Example - ..."
    r"|(?:(?:medication|medicines?|meds?|ward|telephone|phone|tel|clinical|nursing|discharge)[ \t]+)?"
    r"(?:review|update|handover|message|msg|referral|consultation|note|notes|round|summary))"
    r"[ \t]*(?::|[ \t][\-\u2013\u2014])[ \t]*(?=(?:Mrs|Mr|Ms|Miss|Mx)\.?[ \t]+[A-Z]))?"
)
# A calendar's agenda of home visits: a row's time slot, the person visited and what for, their
# home (a house's number and a street, its postcode) on the line under it: "09:15 - 09:45  Edna
# Example - leg ulcer redress" over "12 Elm Close, LS12 3PQ". The slot is read past as a note's
# lead; a slot with no home under it is a clinic's or a meeting's, its names staff's ("10:00
# Jo Example 20 min slots - asthma" over "Room 3").
_TIME = r"[0-9]{1,2}(?:[:.][0-9]{2}(?:[ \t]?[ap]\.?m\.?)?|[ \t]?[ap]\.?m\.?)"
_SLOT_RE = re.compile(rf"(?i)[ \t>*]*{_TIME}(?:[ \t]*(?:[\-\u2013]|to)[ \t]*{_TIME})?[ \t]+(?:[\-\u2013|:][ \t]+)?")


def _visit_slot(text: str, line_start: int, line_end: int) -> int:
    """Where a home visit's time slot ends on the line at text[line_start:line_end] (a home's
    address, no business's, alone on the line under it: _ADDRESS_ROW_RE); -1 if none."""
    slot = _SLOT_RE.match(text, line_start, line_end)
    below = next_line_start(text, line_end, 0) if slot is not None else None
    if slot is None or below is None:
        return -1
    below_end = line_bounds(text, below)[1]
    if _ADDRESS_ROW_RE.match(text, below, below_end) is None or _NOT_HOME_RE.search(text, below, below_end):
        return -1
    return slot.end()


# A log's row led by its date, and a later cell of it (after a tab or a run of spaces) led by a
# titled name: a mileage claim's, a visit log's or a caseload's line, "02/11/2026  Health Ctr  12
# Elm Rd, Yeadon  4.2  Mrs Edna Example - leg ulcer dressing": the cell is read as a note's line.
_LOG_ROW_DATE_RE = re.compile(r"[ \t]*(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{2}-[0-9]{2})(?:\t|[ ]{2})")
_TITLED_CELL_RE = re.compile(r"(?:\t|[ ]{2})[ \t]*(?=(?:Mrs|Mr|Ms|Miss|Mx)\.?[ \t]+[A-Z])")


def _log_row_cell(text: str, line_start: int, line_end: int) -> int:
    """Where a later cell led by a titled name starts on a log's row led by a date (see
    above); -1 if none."""
    if _LOG_ROW_DATE_RE.match(text, line_start, line_end) is None:
        return -1
    cell = _TITLED_CELL_RE.search(text, line_start, line_end)
    return cell.end() if cell is not None else -1


_LEAD_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mx", "master", "dr", "prof"))
_AFTER_LEAD_NAME_RE = re.compile(
    r"[ \t]*(?:\([^()\n]{1,40}\))?(?:[ \t]*,[^,\n\-\u2013\u2014:]{1,40}){0,3}[ \t]*[\-\u2013\u2014:][ \t]*"
)
_WORDS_BEFORE_TERM_RE = re.compile(r"(?:[\w'\u2019/\-]+[ \t]+){0,2}")
# A maternity note's obstetric history after the name: "Amira Example, G3 P2 (2 x SVD), EDD ...".
_GRAVIDA_RE = re.compile(r"[ \t]*[,\-\u2013:][ \t]*G[0-9]{1,2}[ \t]?P[0-9]{1,2}(?:\+[0-9])?\b")
_NOTE_LINES = 3  # lines below a maternity note's first in which its health is said
# A line that introduces a person's care in the lines below it: "please make these changes
# for Mr Stanley Example (Room 12):" then "STOP: donepezil", "START: memantine 5mg".
_CARE_INTRO_RE = regex.compile(r"(?i:\b(?:for|re|regarding|about))[ \t]+(?=\p{Lu})")
_INTRO_END_RE = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*:[ \t]*$")
# ... the line saying what of their care (in lower case: "Stoma Care Office" is a place).
_INTRO_CARE_RE = re.compile(
    r"\b(?:changes?|plan|medication|medicines|meds|prescription|update|summary|handover|results|treatment|instructions"
    r"|care|review|outcome|outcomes)\b"
)
_INTRO_ROWS = 6  # lines below the introduction read, to the first blank line after them


_INITIAL_END_RE = regex.compile(r",?[ \t]+\p{Lu}\.?$")


def _capitals_family(words: Sequence[str]) -> bool:
    """``words`` start with a family name in capitals ("EXAMPLE Jane", "EXAMPLE J"): not an
    organisation's word in capitals ("NHS Trust", "ICU Team") unless a given name follows."""
    if len(words[0]) < 2 or not words[0].isupper():
        return False
    return folded(words[0]) not in _NOT_FAMILY or len(words) > 1 and folded(words[1]) in given_names()


def _lead_name_end(text: str, pos: int, end: int) -> int:
    """Where a lay person's name at text[pos:end] ends (a personal title and a name, or at
    least a given and a family name); -1 if none starts there or it is a clinician's."""
    person = _PERSON_AFTER_RE.match(text, pos, end)
    if person is None or not person_at(text, pos, end):
        return -1
    name = person.group()
    comma = name.find(",")
    if comma > 0 and not name[:comma].split()[-1].isupper():
        name = name[:comma]  # "Joan Example, Grange Farm Cottage": the name, then an address's cells
    initial = _INITIAL_END_RE.search(name)
    if initial and text[person.start() + len(name):person.start() + len(name) + 1].isdigit():
        name = name[:initial.start()]  # "Amira Example, G3 P2": a code after the name, no initial
    words = [t for t in _TOKEN_RE.findall(name) if t != ","]
    if not person.group("title") and (len(words) < 2 or not (
            folded(words[0]) in given_names() or _capitals_family(words)
            or _family_first([folded(w) for w in words]))):
        return -1  # "Hi Marcus", "Thanks Jane": a greeting's word, then a given name alone
    if (not person.group("title") and words[0].isupper() and name[len(words[0]):].lstrip().startswith(",")
            and len(words[1]) > 2 and not words[1].isupper() and folded(words[1]) not in given_names()):
        return -1  # a record's "FAMILY, Given" takes a given name: "VALTREX, Treatment for herpes" is a product's line
    if _CLINICIAN_MARK_RE.match(text, person.start() + len(name), end):
        return -1  # "KAUR, Harpreet (Dr)": a rota's or a staff list's doctor
    return person.start() + len(name)


# A clinician's title in brackets after a name written family name first, as rotas and staff
# lists write it ("KAUR, Harpreet (Dr)", "MOHAMED, Abdi (Sister)"), where a patient's is a lay
# one ("KAUR, Harpreet (Mrs)").
_CLINICIAN_MARK_RE = re.compile(r"[ \t]*\((?:Dr|Prof|Professor|Sister|Matron|Nurse|Rev|Revd)\.?\)")


def _line_led_by_name(text: str, terms: Sequence[int], line_start: int, line_end: int, far: bool = False) -> bool:
    """The line at text[line_start:line_end] starts with a lay person's name and says what
    is wrong with them first after a dash or a colon, or their obstetric history after it.
    ``far``: the health term may be further on in the sentence after the dash, where it
    speaks of theirs (_prose_term_theirs: "Kwame Example - DNA'd his diabetic clinic again")."""
    slot = _visit_slot(text, line_start, line_end)
    if slot < 0:
        slot = _log_row_cell(text, line_start, line_end)
    lead = _LINE_LEAD_RE.match(text, max(line_start, slot), line_end)
    pos = lead.end() if lead else max(line_start, slot)
    first = text[pos:min(line_end, pos + 24)].split(maxsplit=1)
    word = first[0].strip(",.:;()") if first else ""
    if not (word.lower() in _LEAD_TITLES or folded(word) in given_names() or len(word) > 1 and word.isupper()
            or folded(word) in FAMILY_FIRST):
        return False  # a line led by no title, given name or capitalised family name: most of a text's lines
    name_end = _lead_name_end(text, pos, line_end)
    if name_end < 0 or _STAFF_GRADE_RE.match(text, pos, line_end):
        return False
    if _JOB_TITLE_RE.search(text, pos, line_end):
        return False
    gravida = _GRAVIDA_RE.match(text, name_end, line_end)
    if gravida:  # an obstetric history; its health on its line or the lines below
        stop = line_end
        for _ in range(_NOTE_LINES):
            nxt = next_line_start(text, stop, skip_blank=0)
            if nxt is None:
                break
            stop = line_bounds(text, nxt)[1]
        return _health_between(text, terms, gravida.end(), stop)
    sep = _AFTER_LEAD_NAME_RE.match(text, name_end, line_end)
    # (in the sentence after the dash: "- started sertraline ... Crisis team number" is their care)
    if sep is None or _STAFF_ROW_RE.search(text, sep.end(), _sentences_end(text, sep.end(), 1, line_end - sep.end())):
        return False
    if _STAFF_RECORD_RE.search(text, pos, line_end) or _FOR_PEOPLE_RE.search(text, sep.end(), line_end):
        return False  # "- signed off", "- stem cell transplants for people with blood cancer": work, a service
    # (an agenda's rows above a visit's are its other slots: "Handover / allocation" is no list's introduction)
    intro = _list_intro_start(text, line_start) if slot < 0 else line_start
    if _STAFF_LIST_RE.search(text, intro, line_start) or _STAFF_RECORD_RE.search(text, intro, line_start):
        return False  # under "Spring allocations:", "Peer vaccinators signed off under the flu PGD:": staff
    cells = text[pos:sep.start()].split()
    if _NOT_HOME_RE.search(" ".join(cells[3 if _LAY_TITLE_RE.match(text, pos) else 2:])):
        return False  # "Claire Example Opticians, 4 Main Street - glaucoma referral": a business's line
    if not _LAY_TITLE_RE.match(text, pos) and _ORG_NAME_RE.search(text, pos, sep.start()):
        return False  # "Example Medical - insulin pen needle quote": a company's name, no one's
    lead = _WORDS_BEFORE_TERM_RE.match(text, sep.end(), line_end)
    reach = lead.end() if lead else sep.end()
    i = bisect.bisect_left(terms, sep.end())
    if far:
        stop = _sentences_end(text, sep.end(), 1, _PROSE_REACH)
        return (i < len(terms) and terms[i] < stop and _prose_term_theirs(text, terms[i], sep.end())
                and not _work_said_of_term(text, terms[i]) and not _CHARITY_NAME_RE.match(text, pos, line_end))
    return (i < len(terms) and terms[i] <= reach and _about_health(text, terms[i])
            # "Sarah Example - diabetes nurse": her work (a titled name is a patient's, whom one sees)
            and not (_ROLE_AFTER_TERM_RE.match(text, terms[i], line_end) and not _LAY_TITLE_RE.match(text, pos))
            and not _CHARITY_NAME_RE.match(text, pos, line_end))


def _introduced_care(text: str, terms: Sequence[int], line_start: int, line_end: int) -> bool:
    """The line ends with "for" a person's name and a colon, and the lines below it (to the
    first blank line after them) say something of health."""
    if text[line_start:line_end].rstrip(" \t\r")[-1:] != ":":
        return False
    if not _INTRO_CARE_RE.search(text, line_start, line_end):
        return False  # "ask for Paula Example:" above an order's lines
    for m in _CARE_INTRO_RE.finditer(text, line_start, line_end):
        name_end = _lead_name_end(text, m.end(), line_end)
        if name_end < 0 or not _INTRO_END_RE.match(text, name_end, line_end):
            continue
        stop, seen = line_end, 0
        for _ in range(_INTRO_ROWS):
            nxt = next_line_start(text, stop, skip_blank=0 if seen else 1)  # one blank line before the rows
            if nxt is None:
                break
            stop = line_bounds(text, nxt)[1]
            seen += 1
        return seen > 0 and _health_between(text, terms, line_end, stop)
    return False


# A child named with their school year, class, nursery room or age in brackets: "Tyler-James
# Example (Caterpillars room, aged 2)", "Aisha Example (Year 4)", "(Reception)". Their health,
# or what safeguarding says of them, in the sentences after it, of them (he, she, his, her,
# their given name), is a school's or a nursery's record of a child: "... the bruising to his
# upper arms ... I have made a referral to Children's Social Care". Not a prize or a story
# (_about_health: the words of an event in the term's sentence).
_SCHOOL_BRACKET_RE = re.compile(
    r"\((?:[^()\n]{0,40}?[ ,])?(?:(?:Year|Yr)[ ]?(?:[0-9]{1,2}|R)\b|Reception\b|Nursery\b|[A-Z][a-z]+[ ](?:room|class)\b"
    r"|aged[ ][0-9]{1,2}\b)[^()\n]{0,40}\)"
)
_CHILD_REACH = 2  # paragraphs, the name's and the next, in which the child's health is said
_CHILD_TEXT = 800  # characters at most


def child_named_at_school(text: str, terms: Sequence[int]) -> int:
    """Children named before a bracket of their school's or nursery's (_SCHOOL_BRACKET_RE),
    their health said in that paragraph or the next, which speak of them."""
    if "(" not in text:
        return 0
    found = 0
    for m in _SCHOOL_BRACKET_RE.finditer(text):
        line_start = line_bounds(text, m.start())[0]
        window = text[max(line_start, m.start() - _NAME_REACH):m.start()]
        given = _NAME_BEFORE_RE.search(window)
        if given is None or not _named(window, title_only_ok=False) or _JOB_TITLE_RE.search(
                window[given.start():] + m.group()):
            continue  # "Jane Example, Lead Nurse (Year 6 team)"
        first = _TOKEN_RE.findall(given.group("name"))[0]

        stop = _paragraphs_end(text, m.end())  # to the end of the paragraph after the name's
        # the lines after the name speak of the child (he, she, his, her, their given name)
        about = _THIRD_PERSON_RE.search(text, m.end(), stop) is not None or bool(first) and first in text[m.end():stop]
        found += about and _health_between(text, terms, m.end(), stop)
    return found


# A child by their given name alone with their school year, as a school nurse or a school writes
# to the other: "Freya in Year 3 has been diagnosed with ...", "Freya (Year 3)", "Kai, Yr 6, ...".
# Their teacher's class may come between: "Freya in Mr Example's class (Year 3)". Not a year's
# team or its teacher ("Year 3 team", "Year 6 teacher").
_CHILD_YEAR_RE = regex.compile(
    r"(?<![\p{L}'\-])(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)"
    r"(?P<class>[ \t]+in[ \t]+(?:Mrs|Mr|Ms|Miss|Mx)\.?[ \t]+\p{Lu}[\p{L}\-]+['\u2019]s?[ \t]+class)?"
    r"(?:[ \t]+in[ \t]+|[ \t]*\([ \t]*|[ \t]*,[ \t]*)(?:Year|Yr|year|yr)[ ]?(?:[0-9]{1,2}|R)\b"
    r"(?![ \t]*(?:team|teachers?|lead|tutors?|staff|pupils|children|class(?:es)?|group|leader|students)\b)"
)
# ... or the year first, the child then named by their given name: "the Year 10 girl we discussed
# on Monday, Jade.", "a Year 4 boy called Kai".
_YEAR_CHILD_NAMED_RE = re.compile(
    r"\b(?:Year|Yr|year|yr)[ ]?(?:[0-9]{1,2}|R)[ \t]+(?:girl|boy|pupil|student|child|lad|lass)\b"
    r"[^.!?\n]{0,60}?(?:,[ \t]*|\b(?:called|named)[ \t]+)(?P<name>[A-Z][a-z]+)\b(?![ \t]+[A-Z])"
)
_school_year_gate = _re2_gate(re.compile(r"(?:Year|Yr|year|yr)[ ]?(?:[0-9]{1,2}|R)\b"))  # a first search: RE2, one pass
_CHILD_SENTENCE = 320  # characters at most of the child's sentence in which their health is said
# ... or of a sentence after it, in its paragraph, that goes on about the child: "He's still ..."
_CHILD_GOES_ON_RE = re.compile(r"[ \t]*(?:He|She|His|Her)\b")
_CHILD_SENTENCES = 2  # sentences after the child's that are read so
# ... not where those sentences tell of the child's school work or a prize ("won the prize. He
# did his poster on asthma"): a topic, no health of theirs
# ... nor what they say of another ("He lives with his nan, who has dementia")
_CHILD_OTHERS_RE = re.compile(
    r"(?i)\b(?:nan|nana|nanna|nanny|gran|granny|grandma|grandad|grandpa|grandparents?|auntie|aunty|aunt|uncle"
    r"|cousin|niece|nephew|friends?|classmates?|teachers?|carers?|step-?(?:mum|dad|mother|father)|siblings?)\b")
_CHILD_WORK_RE = re.compile(
    r"(?i)\b(?:won|wins|winning|poster|project|assembly|awards?|quiz|competition|charity|essay|presentation"
    r"|homework|story|stories|book|play|show|performance|raised|certificate|topic|lesson|research|talk)\b")


def child_by_given_name(text: str, terms: Sequence[int]) -> int:
    """Children named by a given name alone (given_names) with their school year (_CHILD_YEAR_RE),
    their health said in that sentence, after them (_about_health: not a prize's or an event's):
    "Freya in Year 3 at Westfield Primary has now been diagnosed with childhood absence epilepsy".
    Not after a title or another capitalised word (a teacher, "Miss Freya"; a full name is
    named_in_prose's)."""
    if not _school_year_gate(text):
        return 0
    found = 0
    for m in _CHILD_YEAR_RE.finditer(text):
        if folded(m.group("name")) not in given_names() or folded(m.group("name")) in _NOT_FAMILY:
            continue
        before = text[max(0, m.start() - 12, text.rfind("\n", 0, m.start()) + 1):m.start()].rstrip(" \t")  # (its line)
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        if last[:1].isupper() and last.rstrip(".,:;") not in ("Re", "RE", "Fw", "FW", "Fwd"):
            continue  # "Miss Freya", "Freya Example in Year 3" (named_in_prose)
        stop = _wrapped_sentences_end(text, m.end(), 1, _CHILD_SENTENCE)
        on = _child_goes_on(text, stop)
        if on > stop and (_CHILD_WORK_RE.search(text, m.end(), on) or _ROLE_LINE_RE.search(text, m.end(), on)):
            on = stop  # "Freya (Year 3) won the prize. She did her poster on asthma": her school work
        # (in the sentences after, no one else's: "His sister has diabetes")
        found += _health_between(text, terms, m.end(), on, functools.partial(_childs_own, text, stop))
    for named in _YEAR_CHILD_NAMED_RE.finditer(text):
        name = named.group("name")
        if folded(name) not in given_names() or folded(name) in _NOT_FAMILY:
            continue
        stop = _paragraphs_end(text, named.end())
        # the lines after the name speak of the child (he, she, his, her, their given name)
        about = _THIRD_PERSON_RE.search(text, named.end(), stop) is not None or name in text[named.end():stop]
        found += about and _health_between(text, terms, named.end(), stop)
    return found


def _childs_own(text: str, stop: int, term: int) -> bool:
    """The term at ``term`` is the child's: in their sentence (before ``stop``), or after it with
    no other person between (_OTHER_PERSON_RE, _CHILD_OTHERS_RE)."""
    return term < stop or not (_OTHER_PERSON_RE.search(text, stop, term) or _CHILD_OTHERS_RE.search(text, stop, term))


def _child_goes_on(text: str, stop: int) -> int:
    """Where the sentences right after the one ending at ``stop`` end, in its paragraph, while
    each is led by "he", "she", "his" or "her" (_CHILD_GOES_ON_RE): what the note goes on to say
    of the child it named ("Freya (Year 3) is off on the trip. She still has absence seizures")."""
    for _ in range(_CHILD_SENTENCES):
        nxt = _SENTENCE_START_RE.match(text, stop)
        if nxt is None or "\n" in text[stop:nxt.end()] or not _CHILD_GOES_ON_RE.match(text, nxt.end()):
            break
        stop = _wrapped_sentences_end(text, nxt.end(), 1, _CHILD_SENTENCE)
    return stop


def _paragraphs_end(text: str, at: int) -> int:
    """Where the paragraph after the one holding ``at`` ends (_CHILD_REACH paragraphs), at most
    _CHILD_TEXT characters on: what a note about a child named there goes on to say of them."""
    stop = at
    for _ in range(_CHILD_REACH):
        stop = text.find("\n\n", stop + 2)
        if stop < 0:
            stop = len(text)
            break
    return min(stop, at + _CHILD_TEXT)


def named_in_shorthand(text: str, terms: Sequence[int], reader: frozenset[str] = frozenset(),
                       letter: bool | None = None) -> int:
    """People whose health a note writes in shorthand led by their name: a line led by it
    (_line_led_by_name), a line introducing their care below it (_introduced_care), a child
    named with their school's year or nursery's room (child_named_at_school), a letter's
    reader named in its greeting (addressee_health; ``reader``: the given names the one
    reader's To header gives; ``letter``: whether the text has a greeting, if known). Only in a part with health terms and no other identifier; the
    lines read are those with a health term, or above one."""
    found = 0
    lines: set[int] = set()
    term_lines: set[int] = set()
    for term in terms:
        line_start, line_end = line_bounds(text, term)
        if line_start in term_lines or line_start and text[line_start - 1] != "\n":
            continue  # its line read already, or longer than LINE_REACH: prose, no note's line
        term_lines.add(line_start)
        for start in (line_start, previous_line_start(text, line_start), previous_line_start(text, line_start, 0)):
            if start is None or start in lines:
                continue
            lines.add(start)
            end = line_bounds(text, start)[1]
            if _line_led_by_name(text, terms, start, end) or _introduced_care(text, terms, start, end):
                found += 1
    greeting = greeted(text) if letter is None else letter
    return (found + child_named_at_school(text, terms) + child_by_given_name(text, terms)
            + (addressee_health(text, terms, reader) if greeting else 0))


# A subject-like line (a Subject, Outlook's Thread-Topic, Keywords, a tool's X-Patient
# header, an attachment's Content-Description or file name) that names a person and then
# what is wrong with them: "Re: John Example - positive for MRSA", "Brenda Example - Ward 9 -
# dementia, needs EMI placement", "JAMES EXAMPLE - HIV clinic letter", and the same with
# topics and prefixes around the name: "Urgent: Jane Example - bipolar disorder relapse",
# "Tenancy review - Arthur Example - dementia with Lewy bodies", "Kwame Example (sickle cell
# crisis) - fit note", "Thread Topic: Mrs Jane Example - schizophrenia relapse", a file's
# "Mrs Jane Example - HIV viral load results.pdf" (as words, its " - " is a run of spaces).
# Not a topic or an event ("John Example - MRSA screening training slides"), nor a member
# of staff's work (_STAFF_SUBJECT_RE, a job title, a role after the name: "Amy Example -
# diabetes nurse specialist", "Sarah Example - running for Parkinson's UK").
_SUBJECT_PREFIX_RE = re.compile(r"(?i)[ \t]*(?:(?:re|fw|fwd|aw|wg|tr|sv)[ \t]*:[ \t]*)*")
# Where a topic's segment ends and the next starts: a spaced dash or bar, an en or em dash, a
# colon, a semicolon, a bracket, a file name's run of spaces (its "_-_" as words); where a
# name may start after it, also a word that says whom the line is about ("Referral for").
_TOPIC_GAP = r"[ \t]+[\-|][ \t]+|[ \t]*[\u2013\u2014|:;(][ \t]*|[ \t]{2,}"
_TOPIC_GAP_RE = re.compile(_TOPIC_GAP)
_NAME_START_RE = re.compile(
    rf"(?:{_TOPIC_GAP}|,[ \t]+|\b(?i:for|re|regarding|about|ref|patient|pt|client|resident|service user)[ \t]+)"
    r"(?=[A-Z\u00c0-\u00de])"
)
# A note's words of care and urgency around the name in its subject, no separator between:
# "Referral Marek Example urgent 2WW", "Bloods Jane Example ?AKI", "Discharge John Example today".
_CARE_WORD = (
    r"(?:urgent|routine|2ww|2-week[ \t]wait|referral|referred|review|discharge|admission|admitted|bloods|results?"
    r"|update|transfer|handover|f/u|fu|follow[- ]?up|asap|today|tomorrow|please|pls|plz|new|query|suspected|ref"
    r"|\?[ ]?#?[A-Za-z][\w/]*|re)"
)
_CARE_WORDS_LEAD_RE = re.compile(rf"(?i)(?:{_CARE_WORD}[ \t]+){{1,3}}(?=[A-Z\u00c0-\u00de])")
_CARE_WORDS_RE = re.compile(rf"(?i){_CARE_WORD}(?:[ \t]+{_CARE_WORD}){{0,3}}")


_SUBJECT_SEPARATOR_RE = re.compile(r"[ \t]*(?:[\-\u2013\u2014:|;,(][ \t]*|[ \t]{2,})")
# "HIV clinic letter": the clinic's letter to or about the person, not a team's name.
_CLINIC_PAPER_RE = re.compile(r"(?i)[\w\-]+[ \t]+clinic[ \t]+(?:letter|appointment|results?|summary|notes?)\b")
# A line about a member of staff's work or an event, not a person's health: their cover, a
# request of theirs, a welcome, a talk at a conference, a fundraiser, their work's papers.
_STAFF_TOPIC_RE = re.compile(
    r"(?i)\b(?:cover(?![ \t]+letter)|leave (?:request|form|application)|welcome|farewell|congratulations"
    r"|leaving (?:do|card|party|collection)|retirement|interviews?|shortlist\w*|applicants|job application|cv|resume"
    r"|vacanc\w+|recruit\w*|clinical supervision|mentor\w*|speakers?|speaking|presentations?|presented|talks?"
    r"|conference|symposium|webinar|seminar|keynote|lectures?|podcast|workshops?|courses?" + _NO_TREATMENT + r"|training|teaching"
    r"|e-?learning|awards?|nominat\w+|fundrais\w*|sponsor\w*|charity|marathon|running for|walk(?:ing)? for"
    r"|in aid of|in memory of|newsletter|blog|article|press|story|stories|book (?:launch|review)|slides|poster"
    r"|abstract|portfolio|reflection|reflective|essay|assignment|dissertation|thesis|handout|agenda|minutes"
    r"|job description|person spec\w*|session leads?|strategy|framework|toolkit|business case|proposal|tender"
    r"|bulletin|programme|phd|msc|grant|journal|publication|manuscript|obituar\w+|tribute|pioneer|founder"
    rf"|champion|ambassador|patron|{_LEARNING_EVENTS})\b"
)
# A role right after the health term: "Sarah Example - diabetes nurse", "- stroke consultant"
# (not the patient's "diabetes nurse review", "- heart failure nurse to visit").
_ROLE_AFTER_TERM_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:[ \t]+[\w'\u2019\-]+){0,2}?[ \t]+(?:nurses?|specialists?|consultants?|doctors?|leads?"
    r"|educators?|practitioners?|physios?|physiotherapists?|therapists?|dietitians?|pharmacists?|midwi(?:fe|ves)"
    r"|workers?|co-?ordinators?|managers?|navigators?|facilitators?|advisers?|advisors?|clinicians?|registrars?)\b"
    r"(?![ \t]+(?:review|appointment|visit|referral|follow|to|input|involvement|aware|needed|required|please|asked"
    r"|has|have|will|is|saw|seen)\b)"
)
_OWNER_ENDS = ("'s", "\u2019s")
# Charities named for a person (their names are _NOT_HOME_RE's too): "Sue Ryder - dementia care".
_CHARITY_NAME_RE = re.compile(r"(?i)(?:marie curie|sue ryder|anthony nolan|leonard cheshire|florence nightingale)\b")
# A name that is an organisation's: "Florence Health", "Ada Digital".
_ORG_NAME_RE = re.compile(
    r"(?i)\b(?:health|healthcare|medical|pharma|solutions|consulting|partners|associates|network|alliance|media"
    r"|digital|labs?|systems|technologies|software|ventures|holdings)\b"
)


def subject_names_result(subject: str, terms: Sequence[int]) -> bool:
    """A line of ``subject`` (a subject-like field's text) names a lay person, then after
    a dash, a colon or a bracket something of their health (a health term in ``terms``,
    their starts, that speaks of health)."""
    pos = 0
    while pos < len(subject):
        line_start, line_end = line_bounds(subject, pos)
        if _names_result_in_line(subject, terms, line_start, line_end) or _result_then_name(
                subject, terms, line_start, line_end):
            return True
        pos = line_end + 1
    return False


def _result_then_name(subject: str, terms: Sequence[int], line_start: int, line_end: int) -> bool:
    """The line subject[line_start:line_end] gives a result (_RESULT_VALUE_RE, a health term
    that speaks of health at or before it), then right after it past a separator the lay
    person it is theirs (subject_person): "Abnormal result: HbA1c 92 mmol/mol - Jane Example";
    not "Vitamin D 50 nmol/L leaflet - Jane Example"."""
    if _RESULT_VALUE_RE.search(subject, line_start, line_end) is None:
        return False
    line = subject[line_start:line_end]
    name = subject_person(line)
    at = line.rfind(name[0]) if name else -1
    if at < 0:
        return False
    at += line_start
    results = list(_RESULT_VALUE_RE.finditer(subject, line_start, at))
    if not results or not _RESULT_TO_NAME_RE.fullmatch(subject, results[-1].end(), at):
        return False
    return any(line_start <= term < at and _about_health(subject, term) for term in terms)


# From a result's value to the name it is of: the rest of its number and unit, a bracket, a separator, a title.
_RESULT_TO_NAME_RE = re.compile(
    r"[0-9.]*[ \t]*(?:[\w\u00b5^]+/[\w.^]+)?[ \t]*(?:\([^)\n]{0,30}\)[ \t]*)?[\-\u2013\u2014:|,][ \t]*"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?[ \t]+)?"
)


# A letter's or a mail's own subject line in its text, "Re" or "Regarding" first on a line, with or without
# its colon ("Re Jane Example - thanks for taking her on. Summary: anorexia nervosa, BMI 14.8",
# "> RE: Mr John Example - ?PE"): read as a subject line is.
# (Found after a line break, a literal the search skips to: the text's first line is tried apart.)
_RE_NAME_LINE_RE = re.compile(r"\n[ \t>*]*(?:Re|RE|re|Regarding|REGARDING)(?:[ \t]*:[ \t]*|[ \t]+)(?=[A-Z\u00c0-\u00de])")


def re_line_names_result(text: str, terms: Sequence[int]) -> bool:
    """A line of ``text`` that is its letter's subject ("Re Jane Example - ...") names a lay
    person, then after a dash, a colon or a bracket something of their health, as
    subject_names_result reads a subject."""
    starts = [m.start() + 1 for m in _RE_NAME_LINE_RE.finditer(text)]
    if _RE_NAME_LINE_RE.match("\n" + text[:40]):
        starts.insert(0, 0)
    for start in starts:
        line_start, line_end = line_bounds(text, start)
        if _names_result_in_line(text, terms, line_start, line_end):
            return True
    return False


def _names_result_in_line(text: str, terms: Sequence[int], line_start: int, line_end: int) -> bool:
    i = bisect.bisect_left(terms, line_start)
    if i >= len(terms) or terms[i] >= line_end:
        return False
    prefix = _SUBJECT_PREFIX_RE.match(text, line_start, line_end)
    starts = [prefix.end() if prefix else line_start]
    starts += [m.end() for m in _NAME_START_RE.finditer(text, line_start, line_end)]
    starts += [m.start() for m in _LAY_TITLE_RE.finditer(text, line_start, line_end) if _lay_person_at(text, m.start())]
    # a note's words of care before the name, no separator: "Referral Marek Example suspected lung ca"
    care = _CARE_WORDS_LEAD_RE.match(text, starts[0], line_end)
    care_end = care.end() if care is not None and care.end() > starts[0] else -1
    starts.append(care_end)
    for pos in sorted(set(starts) - {-1}):
        gap = _TOPIC_GAP_RE.search(text, pos, line_end)
        name_end = _lead_name_end(text, pos, gap.start() if gap else line_end)
        if name_end < 0 or _ORG_NAME_RE.search(text, pos, name_end) or _CHARITY_NAME_RE.match(text, pos, name_end):
            continue
        if text[pos:name_end].endswith(_OWNER_ENDS) or text.startswith(_OWNER_ENDS, name_end):
            continue  # "Mrs Example's class - chickenpox": whose class or team, not a person's health
        sep = _SUBJECT_SEPARATOR_RE.match(text, name_end, line_end)
        if (sep is None or sep.end() == name_end) and not (pos == care_end and text[name_end:name_end + 1] in " \t"):
            continue
        return _health_of_named(text, terms, (pos, name_end), sep.end() if sep else name_end, line_start, line_end)
    return False


def _health_of_named(text: str, terms: Sequence[int], name: tuple[int, int], after: int, line_start: int,
                     line_end: int) -> bool:
    """The person named at text[name[0]:name[1]] in a subject-like line is said to have what
    a health term after ``after`` (their name's separator) says, and the rest of the line
    is not about staff or an event (the name left out: "Sarah Porter", "Tom Grant")."""
    line = text[line_start:name[0]] + " \u2026 " + text[name[1]:line_end]
    if _STAFF_SUBJECT_RE.search(line) or _JOB_TITLE_RE.search(line) or _STAFF_TOPIC_RE.search(line):
        return False
    gap = _TOPIC_GAP_RE.search(text, after, line_end)
    segment_end = gap.start() if gap else line_end
    if (_STAFF_GRADE_RE.match(text, name[0], line_end) or _STAFF_ROW_RE.search(text, after, segment_end)
            or _STAFF_RECORD_RE.search(text, after, line_end) or _FOR_PEOPLE_RE.search(text, after, line_end)):
        return False  # "Amy Example - diabetes nurse specialist", "- signed off", "- for people with ..."
    unnamed = text[:name[0]] + " " * (name[1] - name[0]) + text[name[1]:]  # offsets kept
    i = bisect.bisect_left(terms, after)
    while i < len(terms) and terms[i] < line_end:
        term = terms[i]
        if _ROLE_AFTER_TERM_RE.match(text, term, line_end):
            return False  # "Sarah Example - diabetes nurse": her work
        if _about_health(unnamed, term) or _CLINIC_PAPER_RE.match(text, term) and not _TOPIC_AFTER_RE.match(text, term):
            return True
        i += 1
    return False


# A clinic's list of appointments: rows of a time and a person's name, a short note at most
# after it ("09:20  Chioma Example", "10:00 - Mrs Anita Example (new)"), under words that name
# the clinic by a health term ("Thursday's Memory Assessment Clinic", "the HIV clinic",
# "Autism Assessment Service"): who is booked into that clinic, their health. A rota of staff
# with times ("rota", "on call", "cover", "session lead") or an event's programme is not.
_SLOT_ROW_RE = re.compile(
    r"(?m)^[ \t>*\-\u2022]*[0-2]?[0-9][:.][0-5][0-9](?:[ \t]*(?i:am|pm))?(?:[ \t]*[\-\u2013:|,][ \t]*|[ \t]+)(?=[A-Z])"
)
# ... the clinic's name: a health term, then a few words and "clinic", "assessment", "appointment",
# "list" or "unit" ("your colonoscopy appointment at the Endoscopy Unit").
_CLINIC_NAMED_RE = re.compile(
    r"(?i)[\w'\u2019\-]+(?:\s+[\w'\u2019\-]+){0,3}?\s+(?:clinics?|assessments?|outpatients?|appointments?|lists?|units?)\b"
)
_CLINIC_INTRO_REACH = 500  # characters above the first row in which the clinic is named
_SLOT_NOTE_MAX = 30  # characters after a row's name: "(new)", "follow-up", "with daughter"
_ROTA_RE = re.compile(
    r"(?i)\b(?:rota|on[- ]?call|cover|covering|session leads?|staffing|supervis\w+|interviews?|candidates?|panel"
    r"|training|teaching|induction|students?|shadow\w*|speakers?|agenda|programme|presentations?|meeting|huddle"
    r"|away day|who'?s (?:on|in)|allocat\w+|locums?|shifts?)\b"
)
# ... or the list's own heading, the line right above its rows, calls them staff: "Clinicians:".
_STAFF_HEADING_RE = re.compile(
    r"(?i)\b(?:staff|team|clinicians?|doctors|nurses|registrars|consultants|volunteers|facilitators|assessors)\b"
)
_CLINIC_ROWS_MIN = 2
# What a clinic's name ends with, found with str.find before its pattern is tried.
_CLINIC_WORDS = ("linic", "LINIC", "ssessment", "SSESSMENT", "utpatient", "UTPATIENT", "ppointment", "PPOINTMENT",
                 "list", "LIST", "nit", "NIT")  # (a colonoscopy appointment, an endoscopy list, a day unit)
_CLINIC_NAME_REACH = 80  # characters from the health term to the end of the clinic's name
_CLINIC_TERMS_READ = 500  # health terms of a text tried as a clinic's name's start


def _clinics_named(text: str, terms: Sequence[int]) -> list[int]:
    """Where the health terms start that begin a clinic's name (_CLINIC_NAMED_RE): "Memory
    Assessment Clinic", "HIV clinic", "Autism Assessment Service"."""
    found = []
    for term in terms[:_CLINIC_TERMS_READ]:
        end = term + _CLINIC_NAME_REACH
        if any(text.find(word, term, end) >= 0 for word in _CLINIC_WORDS):
            m = _CLINIC_NAMED_RE.match(text, term, end)
            if m and "\n\n" not in m.group():
                found.append(term)
    return found


def clinic_list(text: str, terms: Sequence[int]) -> int:
    """The people of a clinic's list of appointments in ``text``: rows one after another that
    start with a time (_SLOT_ROW_RE), the first within _CLINIC_INTRO_REACH characters after
    a clinic named by a health term (``terms``: their starts), and no word of a rota or a
    programme above them (_ROTA_RE, _STAFF_HEADING_RE) or of a member of staff on a row. The
    names the lists of given names know make the others' ("Chioma Example") names too."""
    best = 0
    done = -1
    for clinic in _clinics_named(text, terms):
        if clinic < done:
            continue
        first = _SLOT_ROW_RE.search(text, clinic, min(len(text), clinic + _CLINIC_INTRO_REACH))
        if first is None:
            continue
        rows, known, people, done = _slot_rows(text, first.start())
        if known and people >= _CLINIC_ROWS_MIN and not _rota_above(text, rows):
            best = max(best, people)
    return best


def _slot_rows(text: str, start: int) -> tuple[list[int], int, int, int]:
    """(where the rows start, people the lists of given names know, people, where the last
    row ends) of the list whose first row starts at ``start``; no people if a row is a
    member of staff's."""
    rows: list[int] = []
    known = people = 0
    pos = start
    while (m := _SLOT_ROW_RE.match(text, pos)) is not None:  # to the first line that is no row
        line_start, line_end = line_bounds(text, m.start())
        rows.append(line_start)
        pos = line_end + 1
        if _slot_of_staff(text, m.end(), line_end):
            return rows, 0, 0, pos
        person = _PERSON_AFTER_RE.match(text, m.end(), line_end)
        words = [folded(t) for t in _TOKEN_RE.findall(person.group("name")) if t != ","] if person else []
        if (person is None or line_end - person.end() > _SLOT_NOTE_MAX or len(words) < 2 and not person.group("title")
                or any(w in _NOT_FAMILY for w in words) or _NOT_HOME_RE.search(person.group())):
            continue  # "12:30 Lunch", "10:00 Team meeting", "11:00 St Mary's Church Hall"
        known += _lead_name_end(text, m.end(), line_end) >= 0
        people += 1
    return rows, known, people, pos


def _slot_of_staff(text: str, name: int, line_end: int) -> bool:
    return bool(_STAFF_GRADE_RE.match(text, name, line_end) or _STAFF_ROW_RE.search(text, name, line_end)
                or _JOB_TITLE_RE.search(text, name, line_end) or _ROTA_RE.search(text, name, line_end))


def _rota_above(text: str, rows: list[int]) -> bool:
    """The words above the rows make them a rota or a programme, or the line right above
    them calls them staff ("Clinicians:")."""
    heading = previous_line_start(text, rows[0], 0)
    return bool(_ROTA_RE.search(text, max(0, rows[0] - _CLINIC_INTRO_REACH), rows[0]) or heading is not None
                and _STAFF_HEADING_RE.search(text, heading, line_bounds(text, heading)[1]))


# A subject that is a person's name alone ("Re: Mr Derek Example", "mrs edith example"), or
# their name and a few words of what it is about ("JAMES EXAMPLE - HIV clinic f/u"), over a
# short body written as a clinical note about one person ("bloods back from this am - K 6.1,
# Na 131, Cr 212. ?AKI on ramipril", "Viral load undetectable, continue Biktarvy"): the note
# is about that person's health. Not a member of staff's subject (their leave, rota, profile,
# a job or an event after their name), nor a body written to or signed by them.
_SUBJECT_NOT_CARE_RE = re.compile(
    r"(?i)\b(?:training|teaching|talk|lecture|presentation|slides|course|module|meeting|agenda|minutes|interview"
    r"|application|reference|references|cv|contract|invoice|order|payment|expenses|timesheet|payslip|leaving|leaver"
    r"|retire\w*|birthday|obituary|condolences?|funeral|award|nomination|congratulations|welcome|induction|shift"
    r"|shifts|rota|leave|cover|absence|sickness|return to work|mentor\w*|supervision|placement|project|audit|research"
    r"|study|poster|abstract|paper|article|book|event|conference|seminar|webinar|visit|tour|dbs|offer|recruitment"
    rf"|vacancy|job|post|role|appointment letter|promotion|secondment|{_LEARNING_EVENTS})\b"
)
_SUBJECT_TAIL_WORDS = 8  # words after the name's separator that may say what the note is about
# What a clinical note writes: a query diagnosis, a result, a dose, its shorthand for what
# was done or is planned for the patient, said in a health term's sentence.
# A result, an analyte's value ("K+ 6.4", "HbA1c 92", "creatinine is 412") or a value in a
# laboratory's unit ("92 mmol/mol", "6.4 mmol/L", "71 g/L").
# Not a level a service sets: "creatinine 150 is the alert level", "a potassium of 6.0 or above".
_NOT_A_LEVEL = (
    r"(?![0-9.]*[ \t]*(?:[\w\u00b5]+/[\w.]+[ \t]*)?(?i:is[ \t]+the|or[ \t]+(?:above|over|more|higher|below|under|less"
    r"|lower)|and[ \t]+(?:above|over|below)|threshold|cut[- ]?off|target|limit|alert|trigger))"
)
_ANALYTE_VALUE = (
    r"(?:\b(?:K|Na|Cr|Hb|WCC|CRP|INR|eGFR|Trop|HbA1c|ALT|Plts?|VL|CD4|BM)[ \t:+]*(?:(?:is|was|of|now|=)[ \t]*)?[0-9]"
    r"|(?i:\b(?:potassium|sodium|creatinine|urea|haemoglobin|hemoglobin|troponin|lactate|bilirubin|ferritin"
    r"|calcium|magnesium|platelets)[ \t:]*(?:(?:is|was|of|now|=)[ \t]*)?[0-9]))" + _NOT_A_LEVEL
)
_RESULT_VALUE_RE = re.compile(
    _ANALYTE_VALUE + r"|(?<![\w.])[0-9]+(?:\.[0-9]+)?[ \t]*(?:[mnpu\u00b5]mol/(?:[Ll]|mol)|m?g/d?[Ll]|[mk]?IU/[Ll]|U/[Ll]"
    r"|x[ ]?10\^?9/[Ll])(?![\w/])" + _NOT_A_LEVEL
)
_NOTE_SIGNAL_RE = re.compile(
    r"(?i:(?<![\w/])(?:o/n|r/v|f/u|d/w|d/c|c/o|h/o|s/b|w/e|nbm|ttos?|obs|bloods|undetectable|detectable|continue"
    r"|continued|restart(?:ed)?|started|stopped|held|holding|withheld|increased?|reduced?|wean(?:ed|ing)?|commenced?"
    r"|titrat\w*|for theatre|listed for|suspected|iv|on (?:x-?ray|ct|mri|cxr|ecg)|x-?ray|cxr|ecg|od|bd|tds|qds|prn|[0-9.]+[ ]?(?:mg|mcg|g|ml|units))"
    r"(?![\w/]))"
    r"|(?<![^\s(,;:/])\?[ ]?#?[A-Za-z]"  # a query diagnosis ("?AKI", "?#NOF"), not a question's end
    r"|" + _ANALYTE_VALUE  # a result: "K 6.1", "creatinine 412 up from 260", "potassium is 6.1"
)
# A line that is a signature's name alone, and the name a greeting or a line's first word speaks to.
_NAME_LINE_RE = re.compile(r"(?m)^[ \t>]*([^\n]{1,40}?)[ \t,.!]*$")
_SPOKEN_TO_RE = re.compile(
    r"(?im)^[ \t>]*(?:(?:hi|dear|hello|hiya|morning|afternoon|thanks|thank you|many thanks|cheers|ta)[ \t,]+"
    r"(?:(?:mr|mrs|ms|miss|mx|dr)\.?[ \t]+)?([\w'\-]+)|([\w'\-]+)[ \t]*(?:,|[\-\u2013\u2014][ \t]))"
)
# The person the subject names at work, or the note's patient someone else: "can he see the
# ?PE in ED", "his list", "the lady in bed 4".
_AT_WORK_RE = re.compile(
    r"(?i)\b(?:(?:can|could|will|would)[ \t]+(?:he|she)[ \t]+(?:see|do|review|cover|take|assess|look at|squeeze in)"
    r"|(?:ask|tell)[ \t]+(?:him|her)[ \t]+to|(?:his|her)[ \t]+(?:lists?(?![ \t]+of\b)|clinic|clinics|patients?|theatre|ward round"
    r"|session|on-?call|registrar|team|secretary)"
    r"|(?:patient|pt|lady|gentleman|gent|man|woman|chap|boy|girl)[ \t]+in[ \t]+(?:bed|bay|side[ \t]?room|room|cubicle|resus))\b"
)
# Not a note about one person: a mail of business (an order, a delivery, stock: a supplier's
# mail about a drug), a list of several patients (a surgeon's theatre list: "list tomorrow: 3 x
# ?appendicitis"), a member of staff's learning or work ("Jane's CPD: ... competency signed off").
_NOT_ONE_NOTE_RE = re.compile(
    r"(?i)\b(?:orders?|ordered|invoices?|stock|delivery|deliveries|supply|supplier|quote|quotation|price|prices|pricing"
    r"|purchase|purchasing|contract|tender|wholesaler|dispatch|dispatched|backorder(?:ed|s)?|discontinued|eta"
    r"|(?:outstanding|open|order)[ \t]+lines"
    r"|lists?|patients|pts|cases"
    r"|cpd|competenc\w*|signed off|portfolio|appraisal|revalidation|training|teaching|course|module|e-?learning"
    r"|mandatory|induction|preceptorship|supervision|poster|audit|project)\b"
)


def subject_person(subject: str) -> list[str]:
    """The words of the person's name ``subject`` is, alone or with a few words of what it is
    about before or after it past a separator ("Fwd: Bloods - Winston Example", "Safeguarding
    concern - Chloe Example, Year 9"), a lay person's (a personal title and a name, or a given
    and a family name); or their hospital number in its place, a thread kept under it ("RE:
    RXX482913 - biopsy", "Bloods - K123456": a record number without its label, not a
    business's reference, record_number_ok); [] if it is none, or a member of staff's subject
    (_STAFF_SUBJECT_RE, a job title, words of work or an event around the name)."""
    if _STAFF_SUBJECT_RE.search(subject) or _JOB_TITLE_RE.search(subject) or _DEATH_NOTICE_SUBJECT_RE.search(subject):
        return []
    prefix = _SUBJECT_PREFIX_RE.match(subject)
    first = prefix.end() if prefix else 0
    # the name first, or after a separator or a word that says whom the line is about, or
    # after a note's words of care with no separator ("Referral Marek Example urgent 2WW")
    care = _CARE_WORDS_LEAD_RE.match(subject, first)
    for pos in sorted({first, *(m.end() for m in _NAME_START_RE.finditer(subject, first)),
                       *((care.end(),) if care and care.end() > first else ())}):
        name_end = _lead_name_end(subject, pos, len(subject))
        number = None
        if name_end < 0:
            number = _ROW_NUMBER_RE.match(subject, pos)
            if (number is None or not record_number_ok(number.group())
                    or _NUMBER_LABEL_BEFORE_RE.search(subject, first, pos)):
                continue  # (not "Order no: K123456", "Ref RX1234567": the number is its label's)
            name_end = number.end()
        name = subject[pos:name_end]
        if name.endswith(("'s", "\u2019s", "'S")):
            return []  # "Mrs Example's leaving do"
        if pos > first and _words_of_work(subject[first:pos]):
            return []  # "Interview feedback - Jane Example", "Welcome - Jane Example"
        tail = subject[name_end:].strip(" \t.,;!")
        if tail:
            sep = _SUBJECT_SEPARATOR_RE.match(subject, name_end)
            if (sep is None or sep.end() == name_end) and not _CARE_WORDS_RE.fullmatch(tail) or _words_of_work(tail):
                return []
        if number is not None:
            return [number.group()]
        words = [w for w in _TOKEN_RE.findall(name) if w != "," and w.rstrip(".").lower() not in _LEAD_TITLES]
        # a given and a family name: a title and a family name alone ("Mr Patel") is how staff
        # write a consultant, whose patients the note may be about
        return words if len(words) >= 2 and len(words[0].rstrip(".")) > 1 else []
    return []


def _words_of_work(words: str) -> bool:
    """The words of a subject before or after a person's name say it is no note of their
    care: too many of them, or words of work, an event or a role."""
    return (len(words.split()) > _SUBJECT_TAIL_WORDS or _SUBJECT_NOT_CARE_RE.search(words) is not None
            or _STAFF_TOPIC_RE.search(words) is not None or _ROLE_LINE_RE.search(words) is not None)


def note_about_them(text: str, terms: Sequence[int], name: Sequence[str]) -> bool:
    """``text`` (a short body under a subject that is a person's name, its words ``name``) is
    a clinical note about one person: a health term that speaks of health, and in its
    sentence what a note writes (_NOTE_SIGNAL_RE) or that person by name before it ("Sickle
    screen on Winston confirms HbSS"); not a colleague's absence, a mail of business or of
    several patients, nor a mail written to or signed by the person the subject names."""
    if _ABSENCE_RE.search(text) or _one_note_not(text) or _named_at_work(text, name):
        return False
    if len(name) == 1 and any(m.group() != name[0] for m in _ROW_NUMBER_RE.finditer(text)):
        return False  # under a hospital number, others like it: a list's codes (an order's lines), not one note
    lowered = {w.lower() for w in name}
    if any((m.group(1) or m.group(2)).lower() in lowered for m in _SPOKEN_TO_RE.finditer(text)):
        return False  # "Hi James,", "Thanks Claire, ...", "Sarah, the ...": the mail is to them
    if any(set(m.group(1).lower().split()) <= lowered for m in _NAME_LINE_RE.finditer(text) if m.group(1).strip()):
        return False  # "James Example" alone on a line: their signature
    for term in terms:
        start = _sentence_start(text, term, max(0, term - _SENTENCE_REACH))
        stop = _SENTENCE_END_RE.search(text, term)
        sentence_end = min(stop.end() if stop else len(text), term + _SENTENCE_REACH)
        named = _name_said(text, start, term, lowered)
        if named is False:
            continue  # "Jane's mum has dementia, started on donepezil": her relative's
        # ... or the person spoken of by a pronoun in that sentence ("still on IV antibiotics
        # for the pneumonia and her oxygen requirement went up overnight"), or asked after in the
        # next two ("Biopsy shows a basal cell carcinoma, margins clear. Can you let her know?",
        # "... a high grade glioma. Referred to the MDT. He doesn't know yet"; not a story's "his"
        # going on: "a C section was called ... the cord around his neck")
        if (named or _NOTE_SIGNAL_RE.search(text, start, sentence_end) or _THIRD_PERSON_RE.search(
                text, start, sentence_end) or _ACT_ON_THEM_RE.search(
                text, sentence_end, _sentences_end(text, term, _ACT_REACH, _ACT_REACH * _SENTENCE_REACH))
                ) and _about_health(text, term):
            return True
    return False


# --- a calendar's event: one person's record -------------------------------------------------
#
# An invitation's event (as the calendar reader writes it: a property to a line, "SUMMARY:",
# "DESCRIPTION:", "LOCATION:") is one record. Its summary may name the person whose care the
# meeting is for, as a mail's subject does (subject_person), the meeting of their care its kind:
# "Discharge planning meeting - Albert Example (Ward 7)", "Albert Example: best interests
# meeting", "Home visit with Mrs Example" (a meeting's or a visit's word in a mail's subject is
# work's; in an event's it is what the event is). Their health in the summary or the
# description is then theirs ("to discuss discharge following a left MCA stroke"); with no such
# kind the description must read as a note about them (note_about_them). Or the event's place is
# the person's home ("Patricia Example's home, 4 Rowan Way, Leeds LS6 2QT"), the summary or the
# description saying what of their care it is for ("Home visit - DNACPR discussion
# (palliative)"). A meeting of staff (a 1:1, an appraisal, a team's meeting, a course) names no
# patient (subject_person's words of work), a meeting of several patients' lists none.
_EVENT_START_RE = re.compile(r"(?m)^BEGIN:VEVENT[ \t\r]*$")
_EVENT_END_RE = re.compile(r"(?m)^END:VEVENT[ \t\r]*$")
# A property's line as the calendar reader writes it (its value after the colon, or on the
# lines below it); an alarm's inside the event is the alarm's ("DESCRIPTION:REMINDER").
_EVENT_LINE_RE = re.compile(
    r"(?m)^(X-[A-Z0-9\-]+|BEGIN|END|UID|DTSTAMP|DTSTART|DTEND|DURATION|SUMMARY|DESCRIPTION|LOCATION|COMMENT|ORGANIZER"
    r"|ATTENDEE|CLASS|PRIORITY|STATUS|SEQUENCE|TRANSP|RRULE|RDATE|EXDATE|RECURRENCE-ID|CREATED|LAST-MODIFIED|CATEGORIES"
    r"|CONTACT|URL|GEO|RELATED-TO|RESOURCES|ATTACH|TRIGGER|ACTION|REPEAT|DUE|COMPLETED|PERCENT-COMPLETE)(?:;[^:\n]*)?:"
)
_EVENT_FIELDS = frozenset(("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"))
# The kind of a meeting of a person's care: how it is held, what of their care it is, then a
# meeting's or a visit's word ("Urgent discharge planning meeting", "Joint home visit", "Best
# interests meeting", "Case conference"); a meeting alone or a planning meeting is no one's care.
_CARE_EVENT = (
    r"(?:(?:urgent|initial|first|new|follow[- ]up|routine|virtual|telephone|phone|video|f2f|face[- ]to[- ]face|joint)[ \t]+)*"
    r"(?:(?:home|discharge(?:[ \t]+planning)?|best[ \t]+interests?|family|case|strategy|safeguarding(?:[ \t]+strategy)?"
    r"|professionals['\u2019]?|core[ \t]+group|child[ \t]+protection|cpa|care[ \t]+(?:planning|plan|and[ \t]+treatment)"
    r"|mdt|mdm|capacity|dnacpr|respect|end[ \t]+of[ \t]+life(?:[ \t]+care)?(?:[ \t]+planning)?|eol|ehcp|lac|tac|s117"
    r"|section[ \t]+117|complex[ \t]+case|multi[- ]?agency|dn|district[ \t]+nurs(?:e|ing)|gp|bedside|medication|meds"
    r"|wound|palliative(?:[ \t]+care)?)[ \t]+){1,3}"
    r"(?:meeting|visit|conference|discussion|review|call|appointment|appt|assessment|huddle)"
)
_CARE_EVENT_FIRST_RE = re.compile(
    rf"(?i)[ \t]*{_CARE_EVENT}(?:[ \t]*[\-\u2013\u2014:|][ \t]*|[ \t]+(?:with|for|re|to see)[ \t]+|[ \t]*(?=\())")
_CARE_EVENT_LAST_RE = re.compile(rf"(?i)(?:[ \t]+[\-\u2013\u2014|][ \t]+|[ \t]*[:(][ \t]*){_CARE_EVENT}\)?[ \t.]*$")
# A home's owner first in the event's place: "Patricia Example's home, ...", "Mr Example, 4 ...".
_HOME_OF_RE = re.compile(r"(?i)['\u2019]s[ \t]+(?:home|house|flat|bungalow|residence|address)\b")
_EVENT_POSTCODE_RE = re.compile(_POSTCODE_HINT)
_CALENDAR_EVENT_REACH = 4000  # characters of an event read for its fields


def _event_fields(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """The spans of the values of the event's fields (_EVENT_FIELDS) in text[start:end], the
    first of each; an alarm's inside it passed over."""
    fields: dict[str, tuple[int, int]] = {}
    lines = list(_EVENT_LINE_RE.finditer(text, start, end))
    depth = 0
    for i, m in enumerate(lines):
        prop = m.group(1)
        if prop in ("BEGIN", "END"):
            depth += 1 if prop == "BEGIN" else -1
            continue
        if depth or prop not in _EVENT_FIELDS or prop in fields:
            continue
        fields[prop] = (m.end(), lines[i + 1].start() - 1 if i + 1 < len(lines) else end)
    return fields


def _event_person(text: str, summary: tuple[int, int]) -> tuple[list[str], bool]:
    """The words of the name of the person the event's summary is about (subject_person), and
    whether it says the meeting of their care it is (_CARE_EVENT)."""
    value = text[summary[0]:summary[1]].strip()
    first = _CARE_EVENT_FIRST_RE.match(value)
    last = _CARE_EVENT_LAST_RE.search(value)
    rest = value[first.end():] if first else value[:last.start()] if last else value
    return subject_person(rest), bool(first or last)


def _home_owner(text: str, location: tuple[int, int]) -> bool:
    """The event's place is a lay person's home: their name first, then "'s home" or a comma,
    and a house's number and street with a postcode; no business's words."""
    a, b = location
    while a < b and text[a] in " \t\n":
        a += 1
    name_end = _lead_name_end(text, a, b)
    if name_end < 0:
        return False
    home = _HOME_OF_RE.match(text, name_end - 2 if text.endswith(_OWNER_ENDS, 0, name_end) else name_end, b)
    after = home.end() if home else name_end
    street = _STREET_RE.search(text, after, b)
    if street is None or text[after:street.start()].strip(" \t") not in (",", "") or _NOT_HOME_RE.search(
            text, a, home.start() if home else name_end) or _NOT_HOME_RE.search(text, after, b):
        return False  # (its "'s house" is a home's, a business's "... House" is not)
    return _EVENT_POSTCODE_RE.search(text, street.end(), b) is not None


def event_of_person(text: str, terms: Sequence[int]) -> int:
    """The events of a calendar (``text``, as the calendar reader writes it) that are one
    person's record (see above): how many."""
    if "BEGIN:VEVENT" not in text:
        return 0
    found = 0
    for m in _EVENT_START_RE.finditer(text):
        stop = _EVENT_END_RE.search(text, m.end(), m.end() + _CALENDAR_EVENT_REACH)
        end = stop.start() if stop else min(len(text), m.end() + _CALENDAR_EVENT_REACH)
        fields = _event_fields(text, m.end(), end)
        said = [fields[f] for f in ("SUMMARY", "DESCRIPTION", "COMMENT") if f in fields]
        if not said or not any(_health_between(text, terms, a, b, lambda t: not _work_said_of_term(text, t))
                               for a, b in said):
            continue
        words = "\n".join(text[a:b] for a, b in said)
        if _ABSENCE_RE.search(words) or _one_note_not(words):
            continue  # a colleague's absence, a meeting of several patients' lists
        name, kind = _event_person(text, fields["SUMMARY"]) if "SUMMARY" in fields else ([], False)
        if name and not kind and "DESCRIPTION" in fields:
            a, b = fields["DESCRIPTION"]
            kind = note_about_them(text[a:b], [t - a for t in terms if a <= t < b], name)
        if name and kind or "LOCATION" in fields and _home_owner(text, fields["LOCATION"]):
            found += 1
    return found


# A relative after a name's "'s": the health after it is the relative's ("Jane's mum has dementia").
_RELATIVE_AFTER_RE = re.compile(r"(?i)[ \t]+(?:" + "|".join(_RELATIVES) + r")")
_WORD_RE = re.compile(r"[\w\-]+(?:['\u2019]s\b)?")


def _name_said(text: str, start: int, end: int, name: set[str]) -> bool | None:
    """Whether a word of the person's name (``name``, lower case), capitalised, in
    text[start:end] says what follows is theirs: "Sickle screen on Winston confirms ...",
    "Chloe Example (14) attended ..."; False if it is their relative's ("Jane's mum has
    dementia"); None if no word of their name is there."""
    for m in _WORD_RE.finditer(text, start, end):
        word = m.group()
        owner = word.endswith(("'s", "\u2019s"))
        if word[0].isupper() and (word[:-2] if owner else word).lower() in name:
            return not (owner and _RELATIVE_AFTER_RE.match(text, m.end()))
    return None


# A mail's header lines quoted in a reply or a forward: the people they name are its
# senders and readers ("To: Price Alun (EXAMPLE TRUST)"), not what the mail is about.
_QUOTED_HEADER_RE = re.compile(r"(?i)[ \t>*]*(?:from|to|cc|bcc|sent|date)[ \t]*:")
# An address starts where its run of local-part characters starts (the lookbehind), taken
# whole (possessive): a long word or link costs one pass, not one per character of it.
_MAIL_ADDRESS_RE = re.compile(r"(?<![\w.+'\-])[\w.+'\-]++@[\w\-]+(?:\.[\w\-]+)+")
# Lists that are one person's, not a surgeon's of several patients: "his list of medications",
# "on the waiting list", "her problem list"; or one the person is put on ("add him to his list",
# "put her on Mr Example's list", "make sure he's on the list for clinic").
_ONE_PERSONS_LIST_RE = re.compile(
    r"(?i)(?:(?:waiting|transplant|problem|medication|medicines?|meds?|drugs?|repeat|allergy|allergies)[ \t\-]+"
    r"|\b(?:him|her|he|she)\b[^.\n]{0,25}?\b(?:on|onto|to|off|from)[ \t]+(?:[\w'\u2019]+[ \t]+){0,3})$"
)
_OF_AFTER_RE = re.compile(r"[ \t]+of\b")
# What a note asks done for its one person, by "him" or "her": "let her know", "ring him", "book her in";
# or says they are yet to be told ("He doesn't know yet", "she hasn't been told").
_ACT_ON_THEM_RE = re.compile(
    r"(?i)\b(?:let|tell|inform|ring|call|phone|contact|update|book|bring|list|see|review|send|refer|ask)[ \t]+(?:him|her)\b"
    r"|\b(?:he|she)(?:[ \t]+(?:does|did|is|has)[ \t]*n[o']?t|[ \t]*(?:doesn|didn|isn|hasn)\u2019t|['\u2019]s[ \t]+not)[ \t]+"
    r"(?:yet[ \t]+)?(?:know|aware|been[ \t]+(?:told|informed))(?:[ \t]+yet)?[ \t]*(?:[,.;:!\n\-\u2013]|$)")
_ACT_REACH = 3  # sentences, a health term's and the two after it, in which a note asks after its person
# "list" a surgeon does to one person: "I'll list him for theatre", "list her at the MDT".
_LIST_THEM_RE = re.compile(r"[ \t]+(?:him|her)\b")


def _one_note_not(text: str) -> bool:
    """A word of business or of several patients (_NOT_ONE_NOTE_RE) in ``text`` as such: not
    a person's name ("Dr Price", "Kate Stock"), nor in a mail address or a quoted header's
    line of senders and readers, nor one person's list ("his list of medications")."""
    for m in _NOT_ONE_NOTE_RE.finditer(text):
        start, end = m.span()
        word = m.group()
        if word.lower() == "list" and (_OF_AFTER_RE.match(text, end) or _LIST_THEM_RE.match(text, end)
                                       or _ONE_PERSONS_LIST_RE.search(text, max(0, start - 60), start)):
            continue
        line_start, line_end = line_bounds(text, start)
        if _QUOTED_HEADER_RE.match(text, line_start, line_end):
            continue
        if any(a.start() <= start and end <= a.end() for a in _MAIL_ADDRESS_RE.finditer(text, line_start, line_end)):
            continue  # "alun.price@example.nhs.uk"
        if word[0].isupper() and word[1:].islower() and _named_word(text, start, end):
            continue
        return True
    return False


_SIGNATURE_WORD_RE = regex.compile(r"\p{Lu}\p{Ll}+(?:['\-]\p{Lu}?\p{Ll}+)?")


def _named_word(text: str, start: int, end: int) -> bool:
    """The capitalised word at text[start:end] is a person's name: a title before it ("Dr
    Price"), a given name right before or after it ("Kate Stock"), or a signature's line of
    two or three capitalised words, no other of business ("Alun Price")."""
    if _TITLE_BEFORE_RE.search(text, max(0, start - 12), start):
        return True
    names = given_names()
    line_start, line_end = line_bounds(text, start)
    before = text[max(line_start, start - 30):start].split()
    after = text[end:min(line_end, end + 30)].split()
    if any(w[:1].isupper() and folded(w.strip(",.;:()")) in names for w in (before[-1:] + after[:1])):
        return True
    others = before + after
    return (1 <= len(others) <= 2 and all(_SIGNATURE_WORD_RE.fullmatch(w) for w in others)
            and not any(_NOT_ONE_NOTE_RE.fullmatch(w) for w in others))


# A clinician named in the sentence before "his list", "her clinic": the list is theirs, and
# the one the note is about the patient they will see ("Dr Price will add him to his list").
_CLINICIAN_NAMED_RE = regex.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+(\p{Lu}[\p{L}'\-]+)")


def _named_at_work(text: str, name: Sequence[str]) -> bool:
    """The person the subject names (``name``'s words) is spoken of at work (_AT_WORK_RE):
    not "his list" or "her clinic" of another clinician named before it in the sentence."""
    lowered = {w.lower() for w in name}
    for m in _AT_WORK_RE.finditer(text):
        if m.group()[:3].lower() in ("his", "her"):
            start = _sentence_start(text, m.start(), max(0, m.start() - _SENTENCE_REACH))
            if any(c.group(1).lower() not in lowered for c in _CLINICIAN_NAMED_RE.finditer(text, start, m.start())):
                continue
        return True
    return False


# A file name that is a person's name and a compact date, as record systems export a
# patient's document ("Example_Jane_12031961_MRI_head_report.txt", read as words:
# "Example Jane 12031961 MRI head report.txt"): the date DDMMYYYY, a past one, can be a
# birth. A board's minutes ("Minutes_Board_12032024_cancer_strategy.pdf") name no one.
_NAME_DATE_FILE_RE = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_NAME_TOKEN}[ \t]+{_NAME_TOKEN})[ \t]+(?P<d>[0-3][0-9])(?P<m>[01][0-9])(?P<y>(?:19|20)[0-9]{{2}})\b"
)


def named_file(name_words: str, today: datetime.date | None = None) -> bool:
    """``name_words`` (a file name as words, mime.text.name_as_words) starts with a person's
    given and family name, either way round, and a past date DDMMYYYY."""
    m = _NAME_DATE_FILE_RE.search(name_words)
    if m is None:
        return False
    today = today or datetime.date.today()
    try:
        date = datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return False
    words = [folded(w) for w in m.group("name").split()]
    names = given_names()
    return (date < today and any(w in names for w in words) and not any(w in _NOT_FAMILY for w in words)
            and " ".join(words) not in PLACEHOLDER_NAMES)


def sheet_of_person(title: str, text: str, terms: Sequence[int]) -> bool:
    """A workbook's sheet titled with a lay person's name alone (one sheet a resident's, as a
    care home's MAR charts are kept: "Ethel Example", or an initial and a family name: "J
    Example"), whose first row heads a clinical column (_CLINICAL_COLUMN_RE: "Medication",
    "Diagnosis") or a care chart's (_CARE_CHART_COLUMN_RE: "Dressing", "Obs") and whose cells
    speak of health. A staff member's sheet of courses or sessions has no such column."""
    title = title.strip()
    initials = _INITIAL_FAMILY_RE.fullmatch(title) or _FAMILY_INITIALS_RE.fullmatch(title)
    if initials is not None:  # "J Example", "Example J": a family name and an initial
        family = folded(initials.group("family"))
        if family in _NOT_FAMILY or family in _NOT_FAMILY_BEFORE_INITIAL or family in given_names():
            return False
    elif _lead_name_end(title, 0, len(title)) != len(title):
        return False
    if _ORG_NAME_RE.search(title) or _CHARITY_NAME_RE.match(title):
        return False
    first = next(table_rows(text, 0), None)
    return (first is not None and (_CLINICAL_COLUMN_RE.search(text, *first) is not None
                                   or _CARE_CHART_COLUMN_RE.search(text, *first) is not None)
            and speaks_of_health(text, terms) and not no_real_patient(text))


# A sheet's title that is an initial and a family name, as a chart's tab is written ("J Example").
_INITIAL_FAMILY_RE = regex.compile(r"(?:\p{Lu}\.?[ \t]*){1,2}[ \t]+(?P<family>\p{Lu}\p{Ll}+(?:['\-]\p{Lu}\p{Ll}+)?)")
# A care chart's column (a wound chart's, an observation chart's): a sheet of one person's care.
_CARE_CHART_COLUMN_RE = re.compile(
    r"(?i)\b(?:dressings?|wound(?:[ \t]+(?:bed|size|site|grade))?|news2?|obs|observations|pressure[ \t]+areas?"
    r"|dose|doses|given[ \t]+by|bowels|fluid[ \t]+(?:intake|balance))\b"
)


# A file named for a patient's paper: a person's name, and what of their care it is ("Khan A -
# discharge letter.pdf", "Aisha Example referral.docx", "MRI report - KHAN, Aisha.pdf"). The
# name may be a family name and initials, as record systems and secretaries name a letter.
_FILE_PAPER_RE = re.compile(
    r"(?i)\b(?:discharge|referral|clinic[ \t]+letter|gp[ \t]+letter|results?|bloods|blood[ \t]+tests?|scans?|x-?rays?"
    r"|mri|ct|ultrasound|echo|ecg|histology|pathology|radiology|care[ \t]+plan|prescriptions?|medications?"
    r"|op(?:eration)?[ \t]+notes?|theatre[ \t]+notes?|admission|handover|consultation|clerking"
    # a specialist's report or assessment of the person ("Psychiatric report", "dementia assessment")
    r"|(?:psychiatric|psychological|psychology|psychiatry|neuropsychological|medical|mental[ \t]+health|capacity"
    r"|cognitive|memory|dementia|autism|adhd)[ \t]+(?:report|assessment))\b"
)
# A record's "Family, Given" ("Example, Harold - dementia assessment.pdf"): the given name a known one.
_FAMILY_COMMA_GIVEN_RE = regex.compile(r"(?P<family>\p{Lu}\p{Ll}+(?:['\-]\p{Lu}\p{Ll}+)?),[ \t]+(?P<given>\p{Lu}\p{Ll}+)(?=[ \t]|$)")
_FAMILY_INITIALS_RE = regex.compile(
    r"(?P<family>\p{Lu}\p{Ll}+(?:['\-]\p{Lu}\p{Ll}+)?|\p{Lu}{2,})[ \t]*,?[ \t]+(?:\p{Lu}\.?[ \t]*){1,2}(?=[ \t]|$)"
)
# Words that a letter follows as a part's or a place's mark, not a family name's initials ("Appendix A").
_NOT_FAMILY_BEFORE_INITIAL = frozenset(
    "appendix annex annexe section part table form schedule option plan site group team level version stage phase "
    "type category grade band bay block area zone list sheet figure item case patient pt client person child baby "
    "test dummy template draft copy page vol volume chapter vitamin hepatitis hep blood".split()
)
# A file of work, not a patient's paper: a template, a blank form, a policy, a course's.
_FILE_OF_WORK_RE = re.compile(
    r"(?i)\b(?:templates?|blank|proforma|pro-forma|policy|policies|guidelines?|guidance|sop|procedure|protocol"
    r"|pathway|criteria|leaflet|poster|audit|slides?|training|teaching|minutes|agenda|rota|dummy)\b"
)


def file_of_person(name_words: str, terms: Sequence[int] = ()) -> bool:
    """``name_words`` (a file's name as words, mime.text.name_as_words; its last line the file's
    own, folders above it) is a patient's paper's: a lay person's name (a title or a given and
    a family name, or a family name and initials), and what of their care it is
    (_FILE_PAPER_RE) or, with ``terms`` (where the name's health terms start), a condition of
    theirs after the name that speaks of health ("Example_Dennis_leg_ulcer_wk3.jpg"); no word
    of work (_FILE_OF_WORK_RE, a member of staff's topic)."""
    line_start = name_words.rfind("\n") + 1
    text = name_words[line_start:]
    dot = text.rfind(".")
    if 0 < dot >= len(text) - 6:
        text = text[:dot]  # the extension
    if _FILE_OF_WORK_RE.search(text) or _words_of_work(text):
        return False
    if not _FILE_PAPER_RE.search(text):
        own = [t - line_start for t in terms if line_start <= t < line_start + len(text)]
        return bool(own) and _condition_after_name(text, own)
    for pos in sorted({0, *(m.end() for m in _TOPIC_GAP_RE.finditer(text))}):
        pos += len(text[pos:]) - len(text[pos:].lstrip(" \t"))
        name_end = _lead_name_end(text, pos, len(text))
        paper = _FILE_PAPER_RE.search(text, pos, name_end) if name_end > 0 else None
        if paper is not None:  # "Jane Example MRI report": the name's run took the paper's word in capitals
            name_end = _lead_name_end(text, pos, len(text[:paper.start()].rstrip(" \t")))
        names = []
        if name_end > 0 and not _ORG_NAME_RE.search(text, pos, name_end) and not _CHARITY_NAME_RE.match(text, pos):
            names.append(text[pos:name_end])
        m = _FAMILY_INITIALS_RE.match(text, pos)
        if m is not None and folded(m.group("family")) not in _NOT_FAMILY_BEFORE_INITIAL and folded(
                m.group("family")) not in _NOT_FAMILY and not _FILE_PAPER_RE.fullmatch(m.group("family")):
            names.append(m.group())
        m = _FAMILY_COMMA_GIVEN_RE.match(text, pos)
        if m is not None and _family_comma_given(m):
            names.append(m.group())
        for name in names:
            if not _FILE_PAPER_RE.search(name) and _FILE_PAPER_RE.search(text[:pos] + text[pos + len(name):]):
                return True
    return False


def _family_comma_given(m: regex.Match[str]) -> bool:
    """A _FAMILY_COMMA_GIVEN_RE match is a person's name: a known given name after a family
    name (the comma says which it is, "Wilson, Harold") that is no role and no word of a part."""
    family = folded(m.group("family"))
    return (folded(m.group("given")) in given_names() and family not in _NOT_FAMILY
            and family not in _PROFESSIONAL and family not in _NOT_FAMILY_BEFORE_INITIAL)


def _condition_after_name(text: str, terms: Sequence[int]) -> bool:
    """``text`` (a file's name as words, no extension) starts with a lay person's name (a given
    and a family name either way round: _lead_name_end) and a health term right after it speaks of
    health, no role's ("Example Dennis leg ulcer wk3"; not "Jane Example diabetes nurse")."""
    term = terms[0]
    before = len(text[:term].rstrip(" \t-"))  # the name runs up to the first term
    words = text[:before].split()
    # a record system's "SURNAME_Forename": a capitalised word, then a given name
    family_first = (len(words) == 2 and all(w[:1].isupper() and w.isalpha() for w in words)
                    and folded(words[1]) in given_names() and folded(words[0]) not in given_names()
                    and folded(words[0]) not in _NOT_FAMILY and folded(words[0]) not in _PROFESSIONAL)
    if not family_first and "," in text[:before]:  # a record's "Family, Given"
        comma = _FAMILY_COMMA_GIVEN_RE.match(text, 0, before)
        family_first = comma is not None and comma.end() == before and _family_comma_given(comma)
    if not family_first and (_lead_name_end(text, 0, before) != before or len(words) < 2):
        return False
    if _ORG_NAME_RE.search(text, 0, before) or _CHARITY_NAME_RE.match(text):
        return False
    return _about_health(text, term) and not _ROLE_AFTER_TERM_RE.match(text, term)


# --- one patient spoken of across a reply chain ----------------------------------------------
#
# A reply chain or a forward is one conversation: its messages, written one under another with
# a reply's quote marks or the header blocks a mail client writes between them ("From: ... /
# Sent: ... / Subject: ...", "On 3 Dec 2026, at 09:12, Jo Example wrote:", "-----Original
# Message-----", "Begin forwarded message:"), may name the patient in one message and say their
# health in another by "he" or "she" alone ("Sorry Leanne - he has ankylosing spondylitis"
# under "The gentleman is Mr Example, mobile ..."; "MRI shows an ACL rupture, so he'll need
# reconstruction" quoted under "your rehab notes for Callum Example"). The health is theirs when
# the chain names one lay person only (the people writing and written to, in its header blocks,
# and names alone on a line, a signature's, are not), in another message than the health's,
# of the pronoun's sex where a title says it, and speaks of them as a patient (_thread_people).
_THREAD_SEPARATOR_RE = re.compile(
    r"(?im)^[ \t>]*(?:from[ \t]*:[ \t]*\S[^\n]*\n(?:[^\n]*\n){0,3}?[ \t>]*(?:sent|date|to|subject)[ \t]*:"
    r"|on[ \t][^\n]{4,200}?wrote[ \t]*:[ \t\r]*$"
    r"|-{2,}[ \t]*(?:original message|forwarded message)[ \t]*-*"
    r"|begin forwarded message[ \t]*:)"
)
# What every separator holds, looked for in a long text in the one RE2 pass of the gates (a superset:
# Python's case-blind "i" is also a dotless or a dotted capital one, RE2's is not)
_thread_gate = _re2_gate(re.compile(r"(?i)from[ \t]*:|wrote[ \t]*:|or[i\u0131\u0130]g[i\u0131\u0130]nal message|forwarded message"))
_THREAD_HEADER_LINE_RE = re.compile(
    r"(?im)^[ \t>]*(?:(?:from|sent|date|to|cc|bcc|reply-to)[ \t]*:[^\n]*"
    r"|on[ \t][^\n]{4,200}?wrote[ \t]*:[ \t\r]*$)"
)
_THREAD_PRONOUN_RE = re.compile(r"(?i)(?<![\w'\u2019])(?:(she|her)|(he|him|his))(?:['\u2019](?:s|ll|d))?(?![\w'\u2019])")
_THREAD_TITLES = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Master"))
_THREAD_NAME_START_RE = regex.compile(r"(?<![\p{L}'\u2019\-])(\p{Lu}[\p{L}'\u2019\-]*)")
_THREAD_TITLE_BEFORE_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Master)\.?[ \t]+$")
# Before a name, a word of the person's care ("the rehab notes for Callum Example", "re Osman
# Example", "the gentleman is", "my father"), or of asking or contacting a colleague.
_POSSESSIVE_RE = re.compile(r"['\u2019]s\b")
# ... or after it, theirs: "whether Tomasz Example's TB screening came back", "Jo Example's bloods".
_THREAD_CARE_AFTER_RE = re.compile(
    r"(?i)['\u2019]s[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:screening|tests?|results?|bloods|swabs?|scans?|x-?rays?|mri"
    r"|biops(?:y|ies)|referral|treatment|diagnosis|symptoms)\b"
)
_THREAD_CARE_BEFORE_RE = re.compile(
    r"(?i)\b(?:(?:notes?|referral|letter|results?|scans?|reports?|bloods|appointment|records?|details|file|plan"
    r"|summary|treatment|care|rehab|physio|therapy|booking|transport|admission|discharge)[ \t]+"
    r"(?:for|of|on|re|regarding|about)"
    r"|re:?|regarding|about|patient|client|resident|gentleman|gent|lady|man|woman|boy|girl|son|daughter|father"
    r"|mother|dad|mum|husband|wife|partner)(?:[ \t]+(?:is|was|called|named))?[ \t,:\-]+$"
)
_THREAD_ASKED_BEFORE_RE = re.compile(
    r"(?i)\b(?:ask|asked|contact|call|ring|phone|email|e-mail|speak[ \t]+(?:to|with)|liaise[ \t]+with|cc|copying"
    r"|thanks?|thank[ \t]+you|from|with|by)[ \t]+$"
)
_THREAD_REACH = 20000  # characters of a chain read for its people
_THREAD_NAMES = 2  # distinct people named at most before the chain is read as of several


def _thread_breaks(text: str) -> list[int]:
    """Where each message of a chain after the first starts: at its header block's first line
    (lines of one block are one break)."""
    breaks: list[int] = []
    for m in _THREAD_SEPARATOR_RE.finditer(text, 0, _THREAD_REACH):
        start = line_bounds(text, m.start())[0]
        if breaks and text.count("\n", breaks[-1], start) <= 6 and not text[breaks[-1]:start].count("\n\n"):
            continue  # the same block's next line
        breaks.append(start)
    return breaks


# Referred to a clinic named for a condition: "Referred to the TB clinic", "referral to the Memory Clinic".
_REFERRED_TO_RE = re.compile(r"(?i)\breferr(?:ed|al)[ \t]+(?:on[ \t]+)?to[ \t]+(?:the[ \t]+)?$")


def _referred_to_clinic(text: str, term: int, start: int) -> bool:
    """The health term at ``term`` names a clinic someone was referred to, in its sentence (from ``start``)."""
    return (_REFERRED_TO_RE.search(text, max(start, term - 30), term) is not None
            and _READER_CLINIC_AFTER_RE.match(text, term, line_bounds(text, term)[1]) is not None)


def _thread_people(text: str, header_words: set[str]) -> dict[str, tuple[int, str, bool]]:
    """The lay people a chain names outside its header blocks, by their family name folded:
    (where first named, their title or "", whether the chain speaks of them as a patient: by
    their title, or after a word of their care, "notes for", "re", "the lady is"). A name after a
    word of asking or contacting ("please ask Sarah Example to ring me") is a colleague's."""
    people: dict[str, tuple[int, str, bool]] = {}
    stop = min(len(text), _THREAD_REACH)
    names = given_names()
    for cap in _THREAD_NAME_START_RE.finditer(text, 0, stop):
        pos = cap.start()
        if folded(cap.group(1)) not in names and cap.group(1) not in _THREAD_TITLES:
            continue  # (most capitalised words: a name starts with a title or a given name)
        line_start, line_end = line_bounds(text, pos)
        if _THREAD_HEADER_LINE_RE.match(text, line_start, line_end):
            continue
        end = _prose_person(text, pos, line_end)
        if end < 0:
            continue
        if not text[line_start:pos].strip(" \t>*") and not text[end:line_end].strip(" \t,.:;"):
            continue  # a name alone on its line: a signature's, a heading's
        words = [folded(w) for w in _TOKEN_RE.findall(text[pos:end]) if w != ","]
        title = words[0].capitalize() if words and words[0] in ("mr", "mrs", "ms", "miss", "mx", "master") else ""
        before = _THREAD_TITLE_BEFORE_RE.search(text, max(0, pos - 12), pos) if not title else None
        title = before.group(1) if before is not None else title
        lead = before.start() if before is not None else pos
        if any(w in header_words for w in words if w not in ("mr", "mrs", "ms", "miss", "mx", "master")):
            continue  # one of the people writing or written to
        if _JOB_TITLE_RE.search(text, end, min(line_end, end + 40)) or _STAFF_GRADE_RE.search(text, end, min(line_end, end + 12)):
            continue
        if _THREAD_ASKED_BEFORE_RE.search(text, max(line_start, lead - 30), lead):
            continue  # "please ask Sarah Example to ring me", "contact Jo Example on ext 4412": a colleague
        own = _POSSESSIVE_RE.search(text, pos, end + 3)  # "Tomasz Example's TB screening": theirs after the name
        cared = (bool(title) or _THREAD_CARE_BEFORE_RE.search(text, max(line_start, lead - 40), lead) is not None
                 or (own is not None and _THREAD_CARE_AFTER_RE.match(text, own.start(), line_end) is not None))
        key = words[-1] if words else ""
        if not key:
            continue
        if key in people:  # ("Mr Rajesh Example", then "Rajesh Example" inside it: one person)
            first, had_title, had_care = people[key]
            people[key] = (first, had_title or title, had_care or cared)
            continue
        people[key] = (pos, title, cared)
        if len(people) >= _THREAD_NAMES:
            break  # several: enough to know
    return people


def named_in_thread(text: str, terms: Sequence[int]) -> int:
    """1 if a reply chain or a forward says a lay person's health by "he" or "she" in one
    message and names them, the only lay person it names, in another (see above)."""
    if not terms or (len(text) >= GATED_FROM and not _thread_gate(text)) or not _THREAD_SEPARATOR_RE.search(
            text, 0, _THREAD_REACH):
        return 0
    breaks = _thread_breaks(text)
    if not breaks:
        return 0
    header_words: set[str] = set()
    for m in _THREAD_HEADER_LINE_RE.finditer(text, 0, _THREAD_REACH):
        header_words.update(folded(w) for w in regex.findall(r"\p{Lu}[\p{L}'\-]+", m.group()))
    people: dict[str, tuple[int, str, bool]] | None = None
    for term in terms:
        if term >= _THREAD_REACH:
            break
        start = _sentence_start(text, term, max(0, term - _SENTENCE_REACH))
        stop = _sentences_end(text, term, 1, _SENTENCE_REACH)
        pronoun = _THREAD_PRONOUN_RE.search(text, start, stop)
        if pronoun is None or not (_about_health(text, term) or _referred_to_clinic(text, term, start)):
            continue
        if (_ABSENCE_RE.search(text, start, stop) or _NEWS_RE.search(text, start, stop)
                or _PUBLIC_VOICE_RE.search(text, start, stop) or _JOB_TITLE_RE.search(text, start, stop)):
            continue
        if people is None:
            people = _thread_people(text, header_words)
            if not people or len(people) >= _THREAD_NAMES:
                return 0
        (pos, title, cared), = people.values()
        if not cared:
            return 0  # a name with nothing of a patient about it: a driver's, a colleague's
        message = bisect.bisect_right(breaks, term)
        if bisect.bisect_right(breaks, pos) == message:
            continue  # named in the same message: read there (named_in_prose, health_by_pronoun)
        if _other_sex(title, "she" if pronoun.group(1) else "he"):
            continue
        if _public_piece(text, start) or _public_piece(text, pos):
            return 0
        return 1
    return 0
