"""Health terms from a lexicon, and patient identifiers without a health number.

Health terms (kind "health_terms")
----------------------------------
The lexicon (``lexicon`` option, default ``lexicon/health_terms.tsv`` relative to
``ctx.config_dir``; see :mod:`dlpgate.detectors.lexicon`) is compiled in ``build``
into ONE pyahocorasick automaton. Each segment is turned into its "word text"
(lower-cased, every non-letter/digit a space, offsets unchanged; see
:func:`dlpgate.detectors.lexicon.word_text`) and scanned once. Keys carry a
leading space, so a term only matches at the start of a word; its end must be a
word end too (a plural "s" may follow). Hyphens, apostrophes (also U+2019) and
line breaks inside a term match each other. Terms match in any case; an
abbreviation matched so must be written in a natural case ("hiv", "HIV", "Hiv",
"hep C" - not the "gIc" of binary noise), and one flagged ``exact`` in the
lexicon only as written ("TOP" but not "top"). Acronyms also match dotted
("H.I.V.", "a.i.d.s"). A capitalised term followed by a trust's name ("Example
Mental Health NHS Foundation Trust") is the organisation, not counted. At each
place the longest match wins (overlaps go to the leftmost-longest). ICD-10 codes
with clinical context count as terms of their chapter's category, and SNOMED CT
concept ids and OPCS-4 codes under a diagnosis or coding scheme's label
("Problems (SNOMED): 49436004") as general ones (see
:mod:`dlpgate.detectors.identifiers`). One finding per (where, category),
``count`` = number of term occurrences, evidence "[oncology term]" - never the
term itself. health_terms findings have ``identifies_patient=False``.

Patient identifiers (kind "patient_identifier", identifies_patient=True)
-----------------------------------------------------------------------
Labels are found by the same automaton pass; the checks at each label are in
:mod:`dlpgate.detectors.identifiers`.

* category "dob": a date-of-birth label then a date (UK and US spellings), on
  the same line or the next; a label's words may be split by a hard wrap ("Date
  of" / "Birth: 11/11/1961", "Hospital" / "Number: K123456"; see _wrapped_label);
* category "dob" too: a person's name right before a date of birth, without a
  label ("Jane Example (02/03/1961)", "EXAMPLE, Jane 02.03.61"), looked for only
  when the message has health terms and no labelled identifier (see
  :func:`dlpgate.detectors.identifiers.patient_names`);
* category "patient_name": a patient label first on its line, ":" and a person's
  name ("Patient: Jane Example", "Service user: Mr J Example"; a bare "Name:" only
  with a clinical field such as "Diagnosis:" near it), looked for as a name with
  its date of birth is;
* category "hospital_number": a patient-ID label ("Hospital No", "MRN", "Patient
  ref", "PAS number", "RTX number" ...) then an identifier of 5+ letters/digits
  holding a digit;
* tables: in a tabular segment, a header cell on the FIRST line naming a date of
  birth or a hospital number (count = non-empty data rows); in other text, a
  delimited header row pasted into a body, or a header row laid out with spaces
  (PDF text) whose following lines carry dates / identifiers (count = those
  rows; category "patient_table" when the only identifying column is an NHS, CHI
  or H&C number).
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import ahocorasick
import regex

from dlpgate.detectors import exposed_recipients, identifiers, lexicon, mailboxes
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.lexicon import (
    Term,
    dotted_form,
    exact_part,
    is_abbreviation,
    load_lexicon,
    term_key,
    word_text,
)
from dlpgate.detectors.numbers import Tally
from dlpgate.detectors.spans import Span
from dlpgate.mime.errors import InspectionTimeout
from dlpgate.mime.headers import DISPLAY_NAMES
from dlpgate.types import DetectorContext, Finding, ParsedMessage, Segment

NAME = "health_terms"
KIND = "health_terms"
KIND_PATIENT = "patient_identifier"
KINDS: tuple[str, ...] = (KIND, KIND_PATIENT)
#: What a rule's categories may name, per kind: the lexicon's categories, and why
#: a patient is identifiable.
CATEGORIES: Mapping[str, tuple[str, ...]] = {
    KIND: lexicon.CATEGORIES,
    KIND_PATIENT: ("dob", "hospital_number", "patient_name", "patient_table", "name_age", "name_address", "contact",
                   "bed_day", "vehicle"),
}

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    "lexicon": "lexicon/health_terms.tsv",
    "patient_identifiers": True,
    "term_confidence": 0.9,
}

PATIENT_CONFIDENCE = 0.9

# Label marks in the automaton; checks at each label's position are in
# :mod:`dlpgate.detectors.identifiers`.
_DOB_MARK = "\x00dob"
_HOSP_MARK = "\x00hospital_number"
_DX_MARK = "\x00diagnosis"
_HEADER_MARK = "\x00header"
_SHORT_SEGMENT = 2048  # characters: a subject, a file name, a header
_MARKS = frozenset((_DOB_MARK, _HOSP_MARK, _DX_MARK, _HEADER_MARK))
_LABELS = (
    (_DOB_MARK, identifiers.DOB_LABELS),
    (_HOSP_MARK, identifiers.ID_LABELS + identifiers.ATTENDANCE_LABELS),
    (_DX_MARK, identifiers.DX_LABELS + identifiers.CODE_SCHEME_LABELS + identifiers.TUMOUR_LABELS
     + identifiers.SYMPTOM_LABELS + identifiers.PATIENT_WORDS_LABELS),
    (_HEADER_MARK, identifiers.HEADER_ONLY_LABELS),
)
# A dotted acronym as written: "H.I.V", "a. i. d. s" (the final dot is outside the match).
_DOTTED_RE = re.compile(r"[A-Za-z](?:\.[ ]?[A-Za-z])+")


# A column of procedures' codes (OPCS-4), numbered as a coded episode's are: "OPCS", "OPCS4
# code", "Procedure 1", "Primary procedure", "Proc_2", "Operation code". (A "Procedure"
# column alone holds words: a theatre list's, a competency record's.)
_PROCEDURE_CODE_CELL_RE = re.compile(
    r"(?i)(?:(?:primary|main|secondary|other)[ _])?(?:opcs[ \-_]?4?(?:[ \-_]?codes?)?(?:[ \-_]?[0-9]{1,2})?"
    r"|(?:procedure|proc|operation|op)s?(?:[ \-_]?codes?(?:[ \-_]?[0-9]{1,2})?|[ \-_]?[0-9]{1,2}))"
    r"|(?:primary|main|secondary)[ _](?:procedure|proc|operation|op)s?")
_OPCS_KEY = " opcs"

CodeColumns = tuple[tuple[int, str], ...]  # (index, how its codes are read: identifiers.scheme_codes' key)


def _header_cells(line: str, max_words: int = 0, split: Callable[[str], list[str]] | None = None,
                  ) -> tuple[bool, bool, CodeColumns, int, bool]:
    """(date-of-birth column, hospital-number column, the columns of coded diagnoses and
    procedures, index of a column of names or -1, whether that column is headed as patients').
    A coding sheet's diagnoses fill several columns ("Dx1 | Dx2 | Dx3", "Primary diagnosis |
    Secondary diagnoses"), a registry's tumour its topography's and its morphology's, an
    episode's procedures theirs ("Procedure 1", "OPCS"): each is read.

    ``max_words``: a cell of more words is not a header cell (prose split at its commas).
    """
    dob = hosp = patient = staff = False
    name = -1
    codes: list[tuple[int, str]] = []
    for i, raw in enumerate((split or identifiers.CELL_SPLIT_RE.split)(line)):
        cell = raw.strip().strip("\"'").strip()
        if not cell or len(cell) > 60 or (max_words and len(cell.split()) > max_words):
            continue
        groups, _ = identifiers.header_groups(cell, whole=False)
        staff = staff or "staff" in groups
        dob = dob or "dob" in groups
        hosp = hosp or "id" in groups
        if "dx" in groups:
            codes.append((i, identifiers.MORPHOLOGY_KEY if "morpholog" in cell.lower() else ""))
        elif _PROCEDURE_CODE_CELL_RE.fullmatch(cell):
            codes.append((i, _OPCS_KEY))
        if "pname" in groups and not patient:
            name, patient = i, True
        elif "name" in groups and name < 0 and word_text(cell).strip() not in _SURNAME_ONLY:
            name = i  # a surname alone cannot be told from any other word: read the forenames
    # A table of staff (job title, band, DBS, assignment number): their dates of birth, not patients'
    # ... unless a clinical column says the table is of their health (a student health service's)
    coded = tuple(codes)
    return dob and (not staff or _diagnoses(coded)), hosp, coded, name, patient


def _diagnoses(codes: CodeColumns) -> bool:
    """Among the columns of codes (_header_cells) a diagnosis's: the table is of patients (its
    names, its dates of birth), where procedures alone may be a competency record's."""
    return any(key != _OPCS_KEY for _i, key in codes)


class _Columns(NamedTuple):
    dob: bool  # a date-of-birth column
    hosp: bool  # a hospital-number column
    codes: CodeColumns  # columns of coded diagnoses and procedures (_header_cells)
    rows: int  # data rows
    header: int  # offset of the header line
    named: bool  # a column of patients' names
    split: Callable[[str], list[str]]  # how its rows split into cells


_NO_COLUMNS = _Columns(False, False, (), 0, 0, False, identifiers.CELL_SPLIT_RE.split)


def _tabular_columns(segment: Segment) -> _Columns:
    """What a sheet's or a file's header row says of its columns (_Columns). The header is the
    first line, or one of the next few under a title ("Clinic list 3 May"). A column
    of names is patients' when it is headed so ("Patient"), or beside a diagnosis
    column, and most of its first cells are people's names."""
    text = segment.text
    for pos, end in _first_lines(text):
        split = _row_splitter(text[pos:end])
        dob, hosp, codes, name, patient = _header_cells(text[pos:end], split=split)
        named = name >= 0 and (patient or _diagnoses(codes)) and bool(
            identifiers.names_in_column(text, end + 1, name, split, count=False))
        if dob and not named:
            dob = _figures_under(text, pos, end, "dob", split)
        if hosp and not named:
            hosp = _figures_under(text, pos, end, "id", split)
        if (dob or hosp or named) and not _blank_form(text, pos, end):
            rest = text[end + 1:]
            rows = sum(1 for line in rest.split("\n") if not identifiers.EMPTY_ROW_RE.fullmatch(line))
            return _Columns(dob, hosp, codes, rows, pos, named, split)
    return _NO_COLUMNS


_COLUMN_SAMPLE_ROWS = 200  # rows under a header in which a column's values are looked for


# A line of a table pasted into a body (tab-separated, as an HTML table renders) that may
# head a column of names.
# Its cells are split by tabs or bars, or aligned with runs of spaces as a plain-text mail
# lays a table out; a reply may quote it ("> Name<tab>Bed").
_NAME_HEADER_LINE_RE = re.compile(
    r"(?im)^(?=[^\n]*(?:[\t|]|\S {2,}\S))(?=[^\n]*(?:name|patient|resident|person|individual|\bpts?\b))[^\n]*$")
_QUOTE_MARKS_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_SPACED_CELLS_RE = re.compile(r" {2,}")
_NAME_HEADERS_TRIED = 5
# Two lines or more in a row each with a tab or a bar: a table pasted into a body, perhaps with
# no header row.
_DELIMITED_BLOCK_RE = re.compile(r"(?m)^[^\n\t|]*[\t|][^\n]*(?:\n[^\n\t|]*[\t|][^\n]*)+")


def _names_beside_health(segment: Segment, terms: list[int]) -> int:
    """Rows of a table with a column of names whose other cells speak of health (see
    identifiers.names_beside_health): a spreadsheet's, a document's or a body's table; with no
    header row, rows that pair a name with health row after row
    (identifiers.names_beside_health_unheaded), or a body's table whose columns' values say
    they are names and dates of birth, record numbers or postcodes (identifiers.typed_columns)."""
    text = segment.text
    if segment.tabular:
        for pos, end in _first_lines(text):
            if identifiers.EMPTY_ROW_RE.fullmatch(text[pos:end]):
                continue
            split = _row_splitter(text[pos:end])
            rows = identifiers.names_beside_health(text, pos, end, split, terms, False)
            if rows:
                return rows
        first = _first_row_of_cells(text)
        if first < 0:
            return 0
        end = text.find("\n", first)
        return identifiers.names_beside_health_unheaded(
            text, first, _row_splitter(text[first:len(text) if end < 0 else end]), terms, False)
    if "\t" not in text and "|" not in text and "  " not in text:
        return 0
    for n, m in enumerate(_NAME_HEADER_LINE_RE.finditer(text)):
        if n >= _NAME_HEADERS_TRIED:
            break
        rows = identifiers.names_beside_health(text, m.start(), m.end(), _body_row_splitter(m.group()), terms, True)
        if rows:
            return rows
    if "\t" not in text and "|" not in text:
        return 0
    for n, m in enumerate(_DELIMITED_BLOCK_RE.finditer(text)):
        if n >= _NAME_HEADERS_TRIED:
            break
        end = text.find("\n", m.start())
        split = _body_row_splitter(text[m.start():end])
        rows = identifiers.names_beside_health_unheaded(text, m.start(), split, terms, True)
        if rows:
            return rows
        typed = identifiers.typed_columns(text, m.start(), split, True)  # "KAUR<tab>TOMASZ<tab>03/11/1961"
        if typed.names and typed.rows:
            return typed.rows
    return 0


def _first_row_of_cells(text: str) -> int:
    """Where a table's first row of two cells or more starts, under any title rows (a header,
    or the first row of data), or -1."""
    for pos, end in _first_lines(text):
        line = text[pos:end]
        if not identifiers.EMPTY_ROW_RE.fullmatch(line) and len(_row_splitter(line)(line)) >= 2:
            return pos
    return -1


def _typed_columns(text: str) -> identifiers.Unheaded:
    """A sheet's or a file's columns typed by their values, when no header row says what they
    are (identifiers.typed_columns)."""
    first = _first_row_of_cells(text)
    if first < 0:
        return identifiers.Unheaded(0, False, False, False, False)
    end = text.find("\n", first)
    return identifiers.typed_columns(text, first, _row_splitter(text[first:len(text) if end < 0 else end]), False)


def _people_named(segment: Segment, terms: list[int] | None, check: Callable[[], None]) -> identifiers.Named:
    """The people ``segment`` names with their health (identifiers.patient_names), or the rows
    of its table of names beside health (_names_beside_health). ``terms``: where its health
    terms start (None: it has none)."""
    # Under a header row, a date's column says what it is ("Completed", "Appointment");
    # a date-of-birth column was read in _patients.
    dates = not (segment.tabular and _header_row(segment.text))
    named = identifiers.patient_names(segment.text, check=check, dates=dates, terms=terms or ())
    if not any(named) and terms is not None:
        rows = _names_beside_health(segment, terms)
        if rows:
            return identifiers.Named(0, rows, 0, 0)
    return named


def _said_of_people(text: str, terms: Sequence[int], reader: frozenset[str] = frozenset()) -> tuple[int, int]:
    """(relatives, others) whose health ``text`` says by their names in prose or a note's
    shorthand: a reader's relative (identifiers.relative_named, identifiers.relative_of_reader),
    else a person's own (identifiers.own_health, identifiers.named_in_shorthand,
    identifiers.named_in_prose), their care told as a story (identifiers.named_in_story), a
    given name alone in care news (identifiers.given_name_in_care), a calendar's event of
    their care (identifiers.event_of_person), a letter in another language's (identifiers.named_abroad),
    a reply chain's one patient, named in one message and their health said by a pronoun in
    another (identifiers.named_in_thread), or the writer's own word that they are their patient
    beside news about them (identifiers.own_patient_told), or a letter's person named on its subject
    line whose health it tells as "the above named" (identifiers.named_above).
    ``reader``: the given names the one reader's To header gives (identifiers.reader_given_names)."""
    terms = identifiers.outside_session_grids(text, terms)  # a theatre's grid names its surgeons' lists
    letter = identifiers.greeted(text)  # (a letter's greeting looked for once)
    relatives = identifiers.relative_named(text, terms, reader) or identifiers.relative_of_reader(text, terms, reader)
    if relatives:
        return relatives, 0
    return 0, (identifiers.own_health(text, terms) or identifiers.named_in_shorthand(text, terms, reader, letter)
               or identifiers.health_by_pronoun(text, terms) or identifiers.named_to_act_on(text, terms)
               or identifiers.named_in_prose(text, terms) or identifiers.relation_named(text, terms)
               or identifiers.seen_with(text, terms) or identifiers.named_in_story(text, terms)
               or identifiers.given_name_in_care(text, terms) or identifiers.event_of_person(text, terms)
               or identifiers.unnamed_at_street(text, terms) or identifiers.own_condition_plainly(text, terms)
               or identifiers.named_abroad(text, terms) or identifiers.named_in_thread(text, terms)
               or identifiers.own_patient_told(text, terms) or identifiers.named_above(text, terms))


_NOTE_CELLS_READ = 200  # cells of a table with a health term read as notes (a large sheet's first ones)


def _note_cells(text: str, terms: Sequence[int]) -> str | None:
    """A table's text (a sheet's, a CSV's) with only the cells that hold a health term kept,
    each a paragraph of its own, every other character blanked (offsets kept): a note's cell
    ("Mrs Aisha Example called - chemo cycle 3 delayed, neutrophils low") read as the prose it
    is, not beside its row's time or number. None if no cell holds one. The cells are split at
    the first line's delimiter, as its rows are (_row_splitter); quoted commas stay a cell's."""
    first_end = text.find("\n")
    header = text if first_end < 0 else text[:first_end]
    delim = next((d for d in ("\t", ";", "|") if d in header), ",")
    cells: list[tuple[int, int]] = []
    done = -1
    for term in terms:
        if term < done:
            continue
        if len(cells) >= _NOTE_CELLS_READ:
            break
        line_start, line_end = identifiers.line_bounds(text, term)
        a, b = _cell_bounds(text, line_start, line_end, term, delim)
        if not cells or cells[-1] != (a, b):
            cells.append((a, b))
        done = b
    if not cells:
        return None
    parts: list[str] = []
    pos = 0
    for a, b in cells:
        gap = a - pos
        parts.append("\n" + " " * (gap - 2) + "\n" if gap >= 2 else "\n" * gap)
        parts.append(text[a:b])
        pos = b
    gap = len(text) - pos
    parts.append("\n" + " " * (gap - 1) if gap else "")
    return "".join(parts)


def _cell_bounds(text: str, line_start: int, line_end: int, at: int, delim: str) -> tuple[int, int]:
    """Where the cell holding ``at`` starts and ends on its row, its cells split at ``delim`` (a
    comma in double quotes is a cell's own, as Excel writes a CSV)."""
    if delim != "," or '"' not in text[line_start:line_end]:
        return text.rfind(delim, line_start, at) + 1 or line_start, (
            end if (end := text.find(delim, at, line_end)) >= 0 else line_end)
    start, quoted = line_start, False
    for i in range(line_start, line_end):
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            if i >= at:
                return start, i
            start = i + 1
    return start, line_end


def _reader_names(message: ParsedMessage) -> frozenset[str]:
    """The given names by which the message's one reader is known (identifiers.reader_given_names),
    from its To header's display name or its address; empty unless it has one reader."""
    if len(message.to) != 1 or message.cc:
        return frozenset()
    label = "header To" + DISPLAY_NAMES
    display = next((s.text for s in message.segments if s.where == label), "")
    return identifiers.reader_given_names(display.partition(": ")[2] if ": " in display else display, message.to[0])


def _said_in(segment: Segment, terms: list[int], reader: frozenset[str]) -> tuple[int, int, str]:
    """(relatives, others) whose health ``segment`` says by their names (_said_of_people; ``reader``:
    the given names of the message's one reader, _reader_names), and the text read: a sheet's or
    a CSV's text read again by its cells that hold a health term (_note_cells), where the whole
    says no one's."""
    relatives, owners = _said_of_people(segment.text, terms, reader)
    if not (relatives or owners) and segment.tabular:
        # a note's cell of a sheet or a CSV, read as prose (not a session grid's: its surgeons' lists)
        cells = _note_cells(segment.text, identifiers.outside_session_grids(segment.text, terms))
        if cells is not None:
            return (*_said_of_people(cells, terms), cells)
    return relatives, owners, segment.text


def _row_splitter(header: str) -> Callable[[str], list[str]]:
    """How the rows under ``header`` split into cells: at its delimiter, a tab, ";" or "|"
    before ","; a comma-separated row with Excel's quoting ('"RAMAN, Priya",Ward 7'). A
    name written "SURNAME, Forename" stays one cell."""
    for delim in ("\t", ";", "|"):
        if delim in header:
            return functools.partial(_split_at, delim=delim)
    return _csv_cells


def _body_row_splitter(header: str) -> Callable[[str], list[str]]:
    """How the rows of a table in a body split into cells (see _row_splitter): past the
    quote marks of a reply ("> "), and at runs of two spaces or more when no delimiter
    divides the header ("Name            Bed    Plan")."""
    quoted = _QUOTE_MARKS_RE.match(header)
    if quoted and ">" in quoted.group():
        inner = _body_row_splitter(header[quoted.end():])
        return lambda line: inner(_QUOTE_MARKS_RE.sub("", line, count=1))
    if not any(delim in header for delim in ("\t", ";", "|")) and _SPACED_CELLS_RE.search(header.strip()):
        return lambda line: _SPACED_CELLS_RE.split(line.strip())
    return _row_splitter(header)


def _split_at(line: str, delim: str) -> list[str]:
    return line.split(delim)


def _csv_cells(line: str) -> list[str]:
    if '"' not in line:
        return line.split(",")
    try:
        return next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return identifiers.CELL_SPLIT_RE.split(line)


def _figures_under(text: str, pos: int, end: int, group: str, split: Callable[[str], list[str]]) -> bool:
    """A figure in a cell under the header cell (of text[pos:end]) of ``group`` ("dob", "id"):
    a date of birth or a hospital number has one. A form's labels down one column, or a data
    dictionary's field list ("dob,screening,text,Date of birth,date_dmy"), have the header's
    words but no values (_figure)."""
    column = -1
    for i, raw in enumerate(split(text[pos:end])):
        cell = raw.strip().strip("\"'").strip()
        if cell and len(cell) <= 60 and group in identifiers.header_groups(cell, whole=False)[0]:
            column = i
            break
    if column < 0:
        return True
    for line_start, line_end in itertools.islice(identifiers.table_rows(text, end + 1), _COLUMN_SAMPLE_ROWS):
        cells = split(text[line_start:line_end])
        if len(cells) > column and _figure(cells[column]):
            return True
    return False


def _figure(cell: str) -> bool:
    """A cell that holds a value, not a label: a date ("3rd March 1961"), or more digits than
    letters ("03/04/1964", "1001", "RX4471902"); a label's digits among its words ("Delirium
    (4AT) post-op", "Falls in last 12 months") are none."""
    digits = sum(c.isdigit() for c in cell)
    return bool(digits) and (digits > sum(c.isalpha() for c in cell) or bool(identifiers.row_dates(cell, 0, len(cell))))


def _blank_form(text: str, pos: int, end: int) -> bool:
    """The line text[pos:end] is a row of a form to fill in, not a header: a label, an empty
    cell for its value, the next label ("DOB | | NHS No"), and no date or identifier in the
    rows under it (a blank referral form identifies no one)."""
    cells = [c.strip() for c in identifiers.CELL_SPLIT_RE.split(text[pos:end])]
    filled = [i for i, c in enumerate(cells) if c]
    if len(filled) < 2 or all(cells[i] for i in range(filled[0], filled[-1] + 1)):
        return False
    sample = text.find("\n", min(len(text), end + 1 + _VALUE_SAMPLE))
    sample = len(text) if sample < 0 else sample
    return not identifiers.row_dates(text, end + 1, sample) and not identifiers.id_tokens(text, end + 1, sample)


_VALUE_SAMPLE = 64 * 1024  # characters of a table's rows in which its columns' first values are looked for


def _first_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of a table's first lines: its header row, or title rows and the header."""
    pos = 0
    for _ in range(identifiers.TITLE_ROWS + 1):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end
        if end >= len(text):
            return
        pos = end + 1


_SURNAME_ONLY = frozenset(("surname", "last name", "family name"))
_DIGIT_RE = re.compile(r"[0-9]")


def _header_row(text: str) -> bool:
    """A table's first line of cells, under any title lines ("Staff list for CQC inspection"),
    is a header row: two or more cells, no digit."""
    for pos, end in _first_lines(text):
        line = text[pos:end]
        if not identifiers.EMPTY_ROW_RE.fullmatch(line) and len(identifiers.CELL_SPLIT_RE.split(line)) >= 2:
            return not _DIGIT_RE.search(line)
    return False


def _column_codes(text: str, columns: CodeColumns, header: int, counts: dict[str, int], seen: set[int],
                  split: Callable[[str], list[str]], end: int | None = None) -> None:
    """The codes in a delimited table's columns of codes (rows after the header line, up to
    ``end``), each read as its header says (identifiers.scheme_codes), its rows split into
    cells as its header is (``split``)."""
    pos = text.find("\n", header) + 1
    stop = len(text) if end is None else end
    while 0 < pos < stop:
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        cells = split(text[pos:line_end])
        for column, key in columns:
            cell = cells[column].strip() if len(cells) > column else ""
            # the cell's place: past the cells before it, each at least its own length
            at = text.find(cell, pos + sum(map(len, cells[:column])), line_end) if cell else -1
            if at >= 0:
                identifiers.scheme_codes(text, at, at + len(cell), key, counts, seen)
        pos = line_end + 1


_HEADER_CELL_WORDS = 6  # "Patient date of birth (dd/mm/yyyy)"; a clause of prose is longer


class _InlineTable(NamedTuple):
    dob: bool  # a date-of-birth column with dates in it
    hosp: bool  # a hospital-number column with identifiers in it
    rows: int
    codes: CodeColumns  # the columns of coded diagnoses and procedures (_header_cells)
    header: int  # where the header row starts
    end: int  # where the rows end


_NO_TABLE = _InlineTable(False, False, 0, (), 0, 0)


def _inline_table(text: str, pos: int) -> _InlineTable:
    """A table pasted into a body: the label's line is a header row of two or more
    short cells, and the rows under it (up to a blank line) have as many cells. A
    date-of-birth column needs a date in its rows, a hospital-number column an
    identifier: prose and blank forms have the cells but not the values."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    header = text[start:end]
    width = len(identifiers.CELL_SPLIT_RE.split(header))
    if width < 2 or identifiers.row_dates(text, start, end):
        return _NO_TABLE  # a row with a date in it is a record's, not a header ("Jo Example, DOB 1/2/1990")
    dob, hosp, *_ = _header_cells(header, _HEADER_CELL_WORDS)
    if not (dob or hosp):
        return _NO_TABLE
    rows = 0
    rows_end = end
    for line in text[end + 1 :].split("\n"):
        if identifiers.EMPTY_ROW_RE.fullmatch(line) or len(identifiers.CELL_SPLIT_RE.split(line)) < width:
            break
        rows += 1
        rows_end += len(line) + 1
    if rows:
        dob = dob and bool(identifiers.row_dates(text, end + 1, rows_end))
        hosp = hosp and bool(identifiers.id_tokens(text, end + 1, rows_end))
    codes = _header_cells(header, _HEADER_CELL_WORDS, _body_row_splitter(header))[2] if rows else ()
    return _InlineTable(dob, hosp, rows, codes, start, rows_end)


# --- words hyphenation split ----------------------------------------------------

# A word a PDF's or a typesetter's hyphenation split at a line's end ("diag-" / "nosed", "epi-" /
# "lepsy"): a lower-case letter before the hyphen, a lower-case word first on the next line. It is
# read as the one word ("diagnosed"), the line it ends joined to the line before, as the paragraph
# it is; the same length, so offsets after the word stay as written. These first halves make a
# compound instead ("follow-" / "up", "self-" / "harm"), left as written.
_HYPHEN_BREAK_RE = re.compile(r"-\n[ \t]*([a-z]+)")
_COMPOUND_FIRST = frozenset((
    "self", "non", "follow", "well", "x", "long", "short", "part", "full", "half", "day", "step", "in", "law",
    "high", "low", "left", "right", "life", "type", "first", "second", "third", "check", "drop", "walk",
    "sign", "co", "ex", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
))
_LETTERS_BEFORE_RE = re.compile(r"[A-Za-z]+$")


def _unhyphenated(text: str) -> str | None:
    """``text`` with each word hyphenation split at a line's end written whole (_HYPHEN_BREAK_RE),
    the characters it took up after it as spaces; None if it has none."""
    parts: list[str] = []
    pos = 0
    at = text.find("-\n")
    while at >= 0:
        m = _HYPHEN_BREAK_RE.match(text, at) if at and "a" <= text[at - 1] <= "z" else None
        at = text.find("-\n", at + 2)
        if m is None:
            continue
        first = _LETTERS_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())
        if first is None or len(first.group()) < 2 or first.group().lower() in _COMPOUND_FIRST:
            continue
        parts.append(text[pos:m.start()])
        parts.append(m.group(1).ljust(m.end() - m.start()))
        pos = m.end()
    if not parts:
        return None
    parts.append(text[pos:])
    return "".join(parts)


def _dehyphenated(message: ParsedMessage) -> ParsedMessage:
    """``message`` with its words hyphenation split written whole (_unhyphenated), read so
    by the health terms and the people beside them; the message itself unless a segment has a
    hyphen at a line's end (a substring test each)."""
    if not any("-\n" in s.text for s in message.segments):
        return message
    return _texts_rewritten(message, {}, lambda segment: _unhyphenated(segment.text) if "-\n" in segment.text else None)[0]


# --- the detector --------------------------------------------------------------

Label = tuple[str, int, int, str]  # (mark, start, end, key) with offsets into the text
Match = tuple[int, int, str]  # (start, stop, category) of a term, offsets into the text


# Where a gap may start: two spaces, a tab, a line break before a reply's quote markers (the
# text is NFKC: no-break spaces are spaces; a gap's spaces before the break are taken with it).
# Each two-character mark is looked for only when its rarer character is in the text at all
# (a memchr); "  " costs a scan. (A space alone before a line break, and a line's indent alone,
# are not looked for: each would be another scan of every text.)
_GAP_MARKS = (("  ", " "), ("\t", "\t"), ("\n>", ">"), ("\n|", "|"))
# A gap: spaces and tabs, at most one line break, then the next line's indent and quote
# markers; not an empty line (a paragraph ends a term).
_GAP_RE = re.compile(r"[ \t]*(?:\n[ \t>|]*)?")


def _closed_up(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each gap (_GAP_RE, two characters or more) as one space or line break, and
    where the gaps were: (offset in the new text just past the gap's one character, characters
    taken out so far). Found with str.find from the marks: most texts have none."""
    runs: list[tuple[int, int]] = []
    match = _GAP_RE.match
    for mark, gate in _GAP_MARKS:
        if gate not in text:
            continue
        i = text.find(mark)
        while i >= 0:
            end = match(text, i).end()  # type: ignore[union-attr]
            runs.append((i, end))
            i = text.find(mark, end if end > i + 1 else i + 2)
    if not runs:
        return text, []
    runs.sort()
    parts: list[str] = []
    gaps: list[tuple[int, int]] = []
    pos = removed = 0
    for i, end in runs:
        if i < pos:
            continue  # inside the gap before
        while i > pos and text[i - 1] in " \t":
            i -= 1  # a gap's spaces before its tab or line break
        if end - i < 2 or text.startswith("\n", end):
            continue
        parts.append(text[pos:i])
        if "\n" in text[i:end]:
            parts.append("\n")
        else:
            parts.append(" ")
        removed += end - i - 1
        gaps.append((i - removed + end - i, removed))
        pos = end
    if not gaps:
        return text, []
    parts.append(text[pos:])
    return "".join(parts), gaps


def _opened_out(
    terms: list[Match], labels: list[Label], gaps: list[tuple[int, int]]
) -> tuple[list[Match], list[Label]]:
    """Terms and labels found in the closed-up text, at their offsets in the text as written."""
    marks = [at for at, _removed in gaps]

    def back(i: int) -> int:
        k = bisect.bisect_right(marks, i) - 1
        return i + (gaps[k][1] if k >= 0 else 0)

    moved = [(back(a), back(b - 1) + 1, c) for a, b, c in terms]
    moved_labels = [(c, back(a), back(b - 1) + 1, e) for c, a, b, e in labels]
    return moved, moved_labels


# Words before a label's first word, on its line, that leave it a wrapped label's start ("her date
# of", "the patient's hospital"): any other capitalised word makes it part of a name ("Example
# General Hospital"), and "of" the end of another phrase ("place of birth").
_WRAP_LEAD_OK = frozenset(("patient", "patients", "patient's", "pt", "your", "her", "his", "their"))


def _wrapped_label(text: str, start: int, end: int, mark: str) -> bool:
    """The label text[start:end] (a date of birth's or a patient ID's) is one phrase that a hard
    wrap split at a line break between its words ("Mrs Example, Date of" / "Birth: 11/11/1961",
    "... her date of" / "> birth is 02/08/1949", "Hospital" / "Number: K123456"): the line above
    ends with its first words, the next starts with the rest, no deeper indented than the line
    above (a column's header laid out over two lines is), written in the same case. Not the end
    of one field and the start of the next ("proof of birth" / "Date: 03/04/1964")."""
    if mark not in (_DOB_MARK, _HOSP_MARK):
        return False
    brk = text.find("\n", start, end)
    if text.find("\n", brk + 1, end) >= 0:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    head_line = text[line_start:brk]
    indent = len(head_line) - len(head_line.lstrip(" \t"))
    tail = text[brk + 1:end]
    if len(tail) - len(tail.lstrip(" \t")) > indent:
        return False
    head, tail = text[start:brk].strip(), tail.strip()
    if not head or not tail or (head[0].islower() and tail[0].isupper()):
        return False
    before = text[line_start:start].rstrip(" \t").rsplit(None, 1)
    lead = before[-1] if before else ""
    if lead.lower() == "of":
        return False
    return not (lead[:1].isupper() and lead[-1:].isalpha() and lead.lower() not in _WRAP_LEAD_OK)


def _leftmost_longest(found: list[tuple[int, int, str]]) -> list[Match]:
    """Matches as (start, -stop in the word text, category) -> the terms counted: where two
    overlap, the one starting first, then the longer; offsets moved into the text."""
    found.sort()
    kept: list[Match] = []
    last_stop = -1
    for start, neg_stop, category in found:
        if start < last_stop:
            continue  # overlaps a longer/earlier match
        last_stop = -neg_stop
        kept.append((start, last_stop - 1, category))
    return kept


def _read_labels(
    text: str, labels: list[Label], counts: dict[str, int], seen: set[int]
) -> tuple[int, int, list[int], list[int]]:
    """The checks at each label: (dates of birth, hospital numbers, a position on each
    line with either, positions of labels that may head a table column). ICD codes
    after a diagnosis label go into ``counts``."""
    dob = hosp = 0
    id_lines: list[int] = []
    header_at: list[int] = []
    dx_done_to = -1
    last: dict[str, int] = {}
    for mark, start, end, key in labels:
        if last.get(mark) == end:
            continue  # "local patient ID" and "patient ID": one label
        last[mark] = end
        if mark == _DX_MARK:
            if start >= dx_done_to:  # "ICD" and "ICD-10" on one line: read it once
                dx_done_to = identifiers.codes_after_label(text, start, end, counts, seen, key)
                # A filled-in diagnosis the lexicon knows nothing of is still a health detail.
                if not counts and identifiers.diagnosis_filled(text, start, end, key):
                    counts["general"] = 1
            continue
        if "\n" not in text[start:end]:  # a label wrapped over two lines heads no table's column
            header_at.append(start)
        if mark == _DOB_MARK:
            if identifiers.dob_at(text, start, end, born=key == " born"):
                dob += 1
                id_lines.append(start)
        elif mark == _HOSP_MARK:
            if identifiers.id_label_ok(text, start, key) and identifiers.id_after(text, end):
                hosp += 1
                id_lines.append(start)
    return dob, hosp, id_lines, header_at


def _trust_code_ids(text: str, id_lines: list[int]) -> int:
    """Hospital numbers written as a trust code then an identifier ("RTX number");
    each one's position is added to ``id_lines``."""
    found = 0
    if "R" in text:  # every trust code starts with R: skip the regex on most text
        for m in identifiers.TRUST_CODE_RE.finditer(text):
            if identifiers.id_after(text, m.end()):
                found += 1
                id_lines.append(m.start())
    return found


def _codes_beside_ids(text: str, id_lines: list[int], counts: dict[str, int], seen: set[int]) -> None:
    """An ICD code written in full ("F20.0") beside a date of birth or patient ID."""
    icd_to = 0  # windows overlap on a busy line: read each stretch once
    for pos in sorted(id_lines):
        line_start, line_end = identifiers.line_bounds(text, pos)
        start = max(line_start, pos - 200, icd_to)
        icd_to = min(line_end, pos + 200)
        if start < icd_to:
            identifiers.icd_codes(text, start, icd_to, False, counts, seen)


class HealthTermsDetector:
    def __init__(self, *, automaton: Any, patient_identifiers: bool, confidence: float,
                 webmail: frozenset[str] = frozenset()) -> None:
        self.name = NAME
        self._webmail = webmail
        self._automaton = automaton
        self._patient_identifiers = patient_identifiers
        self._confidence = confidence

    def _scan(self, text: str, names: bool = False) -> tuple[dict[str, int], list[Label], list[int]]:
        """One automaton pass: term counts per category, the labels found, and where
        the terms start (in order). ``names``: the text is an address header's display names."""
        terms, labels = self._matches(text, names)
        counts: dict[str, int] = {}
        for _start, _stop, category in terms:
            counts[category] = counts.get(category, 0) + 1
        starts = [start for start, _stop, _category in terms]
        results = _lab_results(text, panels=bool(labels))
        # a query diagnosis ("?PE"), a named person's obs or wound ("Mrs Example's obs"): health
        # said in a note's shorthand, which the lexicon cannot hold as words alone
        results += _query_diagnoses(text) + _deaths_in_care(text) + identifiers.care_of_named(text)
        if results:  # a blood result: "K+ 6.9 mmol/L", "Hb 62 g/L", "K 6.8, Na 128, Cr 412"
            counts["general"] = counts.get("general", 0) + len(results)
            starts = sorted(starts + results)
        return counts, labels, starts

    def _matches(self, text: str, names: bool = False) -> tuple[list[Match], list[Label]]:
        """The terms counted, as (start, stop, category) with ``stop`` exclusive in
        ``text`` (leftmost-longest: none overlap), and the labels found. ``names``: the
        text is display names (see _stands_as_name)."""
        # Spaces run together, a line's indent, a reply's quote markers ("multiple\n> sclerosis",
        # "motor  neurone disease") read as the one space between a term's words.
        text, gaps = _closed_up(text)
        # The word text gets a leading space so a term at offset 0 has its space too;
        # automaton offsets are therefore one more than offsets in ``text``.
        words = " " + word_text(text)
        n = len(words)
        found: list[tuple[int, int, str]] = []
        labels: list[Label] = []
        for end, (key_len, entries) in self._automaton.iter(words):
            stop = end + 1  # exclusive, in ``words``
            if stop < n and words[stop] != " " and not _HAN_FIRST <= words[end] <= _HAN_LAST:
                # (Chinese is written without spaces: a term of Han characters ends anywhere)
                # A plural "s" ("STIs", "tumours") is still the term.
                if words[stop] == "s" and (stop + 1 == n or words[stop + 1] == " "):
                    stop += 1
                else:
                    continue
            start = end - key_len + 1  # the key's leading space; the term starts at start + 1
            for category, exact, dotted, name in entries:
                if category in _MARKS:
                    # Labels take no plural and stay on one line ("...of birth\nDate:" is no label),
                    # unless a hard wrap split the label's words ("Date of\nBirth: 11/11/1961").
                    if stop == end + 1 and ("\n" not in text[start:end] or _wrapped_label(text, start, end, category)):
                        labels.append((category, start, stop - 1, exact or ""))
                    continue
                if dotted:
                    if not _dotted_at(text, start, end):
                        continue
                elif exact is not None and not _abbreviation_ok(text, start, end, exact):
                    continue
                if end - start in _ORDINARY_LENGTHS and _ordinary_sense(text, start, end):
                    break  # "a 2 TB drive", "INR 5,000", "Hartford, CT 06103", "a lump sum"
                if (
                    stop < n and text[stop - 1] in " \n" and text[start].isupper()
                    and _in_organisation_name(text, stop - 1)
                ):
                    break  # "Example Mental Health NHS Foundation Trust" in a signature
                if name and self._stands_as_name(text, start, end, names):
                    break  # "Yasmin Begum", "Dear Yasmin": a person, not the pill
                if text[start].isupper() and _TITLE_BEFORE_RE.search(text, max(0, start - 8), start):
                    break  # a family name an eponym's: "Mr Parkinson's letter", "Dr Crohn"
                found.append((start, -stop, category))
                break
        if gaps:
            return _opened_out(_leftmost_longest(found), labels, gaps)
        return _leftmost_longest(found), labels

    def _stands_as_name(self, text: str, start: int, end: int, display: bool) -> bool:
        """The term at text[start:end], a given name too ("Yasmin", a contraceptive pill;
        "TIA"), is a person's name where it stands. In display names (``display``) it is one
        unless the word after it makes it a clinic's or a team's ("TIA Clinic"), or it is
        bracketed or follows another term ("Stroke & TIA", "Stroke TIA"): "Diabetes Clinic"
        and "Jane Example (HIV clinic)" stay health. Elsewhere, written capitalised: after a
        title or a greeting ("Mrs Yasmin Begum", "Dear Yasmin"); in title case before a family
        name ("Yasmin Begum", "Yasmin BEGUM"; not before a dose's, a form's, a day's or a
        sentence's word: "Yasmin OD", "Yasmin Pill", "Yasmin was stopped"); after a family
        name and its comma where a list of names or a field starts ("BEGUM, Yasmin", "From:
        Begum, Yasmin <...>"); before an address ("Yasmin <y.begum@...>"); or alone on its line
        under a sign-off ("Kind regards" / "Yasmin"). "started Yasmin last month", "on yasmin",
        "Microgynon, Yasmin" stay the pill."""
        line_start = text.rfind("\n", 0, start) + 1
        after = _WORD_AFTER_RE.match(text, end)
        following = identifiers.folded(after.group(1)) if after else ""
        if display:
            head = text.find(": ", line_start, start)  # the field's name before its display names
            before = text[head + 2 if head >= 0 else line_start:start].rstrip(" \t")
            if following:
                return following not in _NOT_A_FAMILY_NAME
            if before.endswith(("(", "/", "&", "+", "[", " and", " or")):
                return False
            previous = before.rsplit(None, 1)[-1] if before else ""
            return not (previous and self._automaton.exists(term_key(previous)))
        if _LOCAL_PART_RE.match(text, end):
            return True  # an address's local part: "yasmin.begum@...", "yasmin88@..."
        if not text[start].isupper():
            return False
        before = text[line_start:start]
        lead = before.rstrip(" \t").rsplit(None, 1)
        lead_word = lead[-1].lower() if lead else ""
        if lead_word.rstrip(".") in _NAME_TITLES or lead_word.rstrip(",") in _GREETINGS:
            return True
        if after and text[start + 1:end].islower() and after.group(1)[0].isupper():
            return following not in _NOT_A_FAMILY_NAME
        line_end = text.find("\n", end)
        rest = text[end:line_end if line_end >= 0 else len(text)].strip(" \t\r")
        if _ADDRESS_AFTER_RE.match(rest):
            return True
        family = _FAMILY_COMMA_RE.search(before)
        if family is not None and (not rest or rest[0] in "(;0123456789"):
            return not self._automaton.exists(term_key(family.group(1)))
        if before.strip(" \t>") or rest:
            return False
        above = text[:line_start].rstrip()
        return identifiers.SIGN_OFF_RE.search(above, above.rfind("\n") + 1) is not None

    def _patients(self, segment: Segment, labels: list[Label], counts: dict[str, int], tally: Tally,
                  seen: set[int] | None = None) -> None:
        """The identifiers of ``segment`` (labels, tables) into ``tally``; the codes of diagnoses and
        procedures counted into ``counts``, their offsets into ``seen``."""
        text = segment.text
        where = segment.where
        if (labels or segment.tabular) and identifiers.no_real_patient(text):
            return  # a vet's record, a teaching scenario: its patient is an animal's or an actor's
        seen = set() if seen is None else seen  # ICD codes counted, by offset
        dob, hosp, id_lines, header_at = _read_labels(text, labels, counts, seen)
        hosp += _trust_code_ids(text, id_lines)
        _codes_beside_ids(text, id_lines, counts, seen)
        if dob:
            tally.add(KIND_PATIENT, where, "[date of birth]", PATIENT_CONFIDENCE,
                      category="dob", identifies_patient=True, count=dob)
        if hosp:
            tally.add(KIND_PATIENT, where, "[hospital number]", PATIENT_CONFIDENCE,
                      category="hospital_number", identifies_patient=True, count=hosp)
        if segment.tabular:
            columns = _tabular_columns(segment)
            rows = columns.rows
            if rows and columns.codes:
                _column_codes(text, columns.codes, columns.header, counts, seen, columns.split)
            named = columns.named
            if not (columns.dob or columns.hosp or named):
                typed = _typed_columns(text)  # no header row: its columns by their values
                rows, named = typed.rows, typed.names
                self._columns(tally, where, typed.dob, typed.ids, rows)
                if rows and typed.address and not (typed.dob or typed.ids):
                    tally.add(KIND_PATIENT, where, f"[name and postcode columns, {rows} rows]", PATIENT_CONFIDENCE,
                              category="name_address", identifies_patient=True, count=rows)
            else:
                self._columns(tally, where, columns.dob, columns.hosp, rows)
            if rows and named:
                tally.add(KIND_PATIENT, where, f"[patient name column, {rows} rows]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=rows)
            return
        if not dob and not hosp and header_at:
            table = _inline_table(text, header_at[0])
            if table.rows:
                if table.codes:  # its columns of codes, as a sheet's are read (_column_codes)
                    split = _body_row_splitter(text[table.header:text.find("\n", table.header)])
                    _column_codes(text, table.codes, table.header, counts, seen, split, table.end)
                self._columns(tally, where, table.dob, table.hosp, table.rows)
                return
        self._layout_tables(text, where, header_at, counts, seen, tally)

    def _layout_tables(
        self, text: str, where: str, header_at: list[int], counts: dict[str, int], seen: set[int],
        tally: Tally,
    ) -> None:
        """Tables laid out with spaces (PDF text, plain-text reports), tried at each header label."""
        done_to = -1
        for pos in header_at:
            if pos <= done_to:
                continue
            line_start, line_end = identifiers.line_bounds(text, pos)
            if line_end - line_start < 20:
                done_to = line_end  # the label alone on its line ("Date of birth:"): no header row
                continue
            found = identifiers.layout_table(text, pos)
            if found is None:
                done_to = identifiers.line_bounds(text, pos)[1]
                continue
            header_end, rows_end, table = found
            done_to = rows_end
            if not table.rows:
                continue
            if table.dx:
                identifiers.icd_codes(text, header_end, rows_end, True, counts, seen)
            self._columns(tally, where, table.dob, table.ids, table.rows)
            if table.nhs and not (table.dob or table.ids):
                tally.add(KIND_PATIENT, where, f"[patient table, {table.rows} rows]",
                          PATIENT_CONFIDENCE, category="patient_table", identifies_patient=True,
                          count=table.rows)

    @staticmethod
    def _columns(tally: Tally, where: str, has_dob: bool, has_hosp: bool, rows: int) -> None:
        if rows and has_dob:
            tally.add(KIND_PATIENT, where, f"[date of birth column, {rows} rows]",
                      PATIENT_CONFIDENCE, category="dob", identifies_patient=True, count=rows)
        if rows and has_hosp:
            tally.add(KIND_PATIENT, where, f"[hospital number column, {rows} rows]",
                      PATIENT_CONFIDENCE, category="hospital_number", identifies_patient=True,
                      count=rows)

    def spans(self, text: str) -> list[Span]:
        """Where the health terms this detector counts are in ``text``."""
        return [Span(start, stop, KIND) for start, stop, _category in self._matches(text)[0]]

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        tally = Tally(NAME)
        message = _dehyphenated(message)

        def check() -> None:
            if deadline is not None and message.clock() > deadline:
                raise InspectionTimeout("inspection time limit reached")

        with_terms: dict[int, list[int]] = {}  # id() of the segments with health terms: where they start
        for segment in message.segments:
            if not segment.text:
                continue
            check()
            counts, labels, starts = self._scan(segment.text, DISPLAY_NAMES in segment.where)
            if self._patient_identifiers:
                found = Tally(NAME)
                codes: set[int] = set()
                self._patients(segment, labels, counts, found, codes)
                if found.has(KIND_PATIENT) and not self._test_patients_only(segment):
                    tally.merge(found)
                if codes and not segment.tabular:
                    # a diagnosis's or a procedure's code after its label is a health term where it
                    # stands, beside a person's name as a word is ("patient Jane Example ...
                    # primary diagnosis M16.1"); a sheet's columns of codes are read as columns
                    starts = sorted(set(starts).union(codes))
            for category, count in counts.items() if not segment.records else ():  # (counted in the file's text)
                tally.add(KIND, segment.where, f"[{category} term]", self._confidence,
                          category=category, count=count)
            if counts:
                with_terms[id(segment)] = starts
        if with_terms and self._patient_identifiers and not tally.has(KIND_PATIENT):
            self._named_patients(message, with_terms, tally, check)
        if with_terms and self._patient_identifiers and not tally.has(KIND_PATIENT):
            self._known_by_mailbox(message, with_terms, tally)
        return tally.findings()

    def _known_by_mailbox(self, message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """Private people's own mailboxes beside their health (dlpgate.detectors.mailboxes): rows
        pairing them, a list of them under a line that says their health, the To of a forwarded
        message to a group that its subject or text says is of health, several listed together
        whose group the message's subject or a sheet's name says is of health. Looked for only in
        parts with health terms and an "@", or several "@" when the message says a group's health;
        the message's own sender and readers are not others told of."""
        if self._reader_told(message, with_terms, tally):
            return
        # a list of several private mailboxes may say nothing of health itself, its message does
        listed = {id(s) for s in message.segments if s.text.count("@") >= mailboxes.MIN_GROUP}
        if not message.attached_recipients and not listed and not any(
                "@" in s.text for s in message.segments if id(s) in with_terms):
            return
        own = {a.strip().lower() for a in (*message.from_, *message.to, *message.cc, *message.bcc,
                                           *message.reply_to, *message.resent_to, *message.resent_cc)}
        webmail = self._webmail

        def private(address: str) -> bool:
            return address.lower() not in own and exposed_recipients.private_mailbox(address, webmail)

        # a reply to a group of private people that quotes one of them: the others are told of them
        readers = {a.strip().lower() for a in (*message.to, *message.cc, *message.bcc)}
        senders = {a.strip().lower() for a in message.from_}
        group_told = sum(exposed_recipients.private_mailbox(a, webmail) for a in readers) > mailboxes.MIN_OTHERS_TOLD

        def quoted_private(address: str) -> bool:
            low = address.lower()
            if low in readers and low not in senders:
                return group_told and exposed_recipients.private_mailbox(address, webmail)
            return private(address)

        # the message says the health of a group it lists: its subject, a file's or a sheet's name
        said = bool(listed) and any(
            _mailbox_context(s.where) and mailboxes.health_said(s.text, with_terms[id(s)])
            for s in message.segments if id(s) in with_terms)
        for segment in message.segments:
            terms = with_terms.get(id(segment), [])
            if "@" not in segment.text or not (terms or (said and id(segment) in listed)) or identifiers.no_real_patient(
                    segment.text):
                continue
            text = segment.text
            for read, evidence in (  # read lazily: the first that finds people is enough
                (functools.partial(mailboxes.mailbox_rows, text, terms, private, segment.tabular),
                 "[personal email address and health]"),
                (functools.partial(mailboxes.mailboxes_under_intro, text, terms, private), "[personal email addresses under health]"),
                (functools.partial(mailboxes.group_in_header, text, terms, private), "[personal email addresses of a health group]"),
                (functools.partial(mailboxes.own_message_quoted, text, terms, quoted_private),
                 "[personal email address and own health, quoted]"),
                (functools.partial(mailboxes.group_listed, text, terms, private, said), "[personal email addresses of a health group]"),
                (functools.partial(mailboxes.mailbox_told, text, terms, private), "[personal email address and health]"),
                (functools.partial(mailboxes.reader_told_in_header, text, terms, private),
                 "[personal email address told own health]"),
            ):
                count = read()
                if count:
                    tally.add(KIND_PATIENT, segment.where, evidence, PATIENT_CONFIDENCE,
                              category="contact", identifies_patient=True, count=count)
                    break
        for written in message.attached_recipients:
            # the attached message's own subject and text (not those of a message inside it)
            of = [s for s in message.segments if id(s) in with_terms and (
                s.where == f"{written.where} > subject" or s.where.startswith(f"{written.where} > message body"))]
            subject = next((s for s in of if s.where.endswith("> subject")), None)
            bodies = [s for s in of if s is not subject]
            count = mailboxes.group_of_attached(
                subject.text if subject else "", with_terms[id(subject)] if subject else [],
                bodies[0].text if bodies else "", with_terms[id(bodies[0])] if bodies else [],
                written.addresses, private)
            if count:
                tally.add(KIND_PATIENT, f"{written.where} > header To", "[personal email addresses of a health group]",
                          PATIENT_CONFIDENCE, category="contact", identifies_patient=True, count=count)

    def _reader_told(self, message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> bool:
        """The message's one reader (one To, no Cc) at a private person's own mailbox, and a part
        of its text or a file of it telling that reader of their own health (identifiers.reader_told:
        "Dear Sir, ... the biopsies taken from the polyp were reported as a tubular adenoma", an
        invitation's "Your GP referred you because of the memory problems"): a clinic writing to
        the patient at their own address. Whether added to ``tally``."""
        if len(message.to) != 1 or message.cc:
            return False
        bodies = [s for s in message.segments if s.where.startswith("message body") and s.text]
        private = False
        if exposed_recipients.private_mailbox(message.to[0], self._webmail):
            # a mail to one person: a letter's greeting that names no one ("Dear Sir,"), or none and
            # their name in its To (a greeting that names someone is addressee_health's to read)
            greetings = [identifiers.greeting_of_no_one(s.text) for s in bodies]
            label = "header To" + DISPLAY_NAMES
            display = next((s.text for s in message.segments if s.where == label), "")
            private = False not in greetings and (True in greetings or bool(
                identifiers.reader_given_names(display.partition(": ")[2], "")))
        # "Dear Mrs Example, ... the attached letter from your clinic visit": the file is the reader's own
        papers = any(s.where.startswith("attachment ") and not s.tabular and with_terms.get(id(s)) for s in message.segments) and (
            private or any(identifiers.greets_reader_by_title(s.text) for s in bodies)) and any(
            identifiers.own_papers_sent(s.text) for s in bodies)
        if not private and not papers:
            return False
        if any(identifiers.bulk_mail(s.text) for s in bodies):
            return False  # a newsletter's "your" is any member's
        for segment in message.segments:
            terms = with_terms.get(id(segment))
            if (not terms or segment.where.startswith("header ") or _subject_like(segment.where) is not None
                    or identifiers.no_real_patient(segment.text)):
                continue
            if private and identifiers.reader_told(segment.text, terms, 0, len(segment.text)):
                tally.add(KIND_PATIENT, "header To", "[personal email address told own health]", PATIENT_CONFIDENCE,
                          category="contact", identifies_patient=True, count=1)
                return True
            if (papers and segment.where.startswith("attachment ") and not segment.tabular
                    and identifiers.speaks_of_health(segment.text, terms)):
                tally.add(KIND_PATIENT, "header To", "[reader's own clinical letter attached]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=1)
                return True
        return False

    def _test_patients_only(self, segment: Segment) -> bool:
        """The patients found in ``segment`` are all a record system's test patients or a dummy
        extract's placeholders: with them blanked (identifiers.without_test_records), no one is."""
        masked = identifiers.without_test_records(segment.text, segment.tabular)
        if masked is None:
            return False
        counts, labels, _starts = self._scan(masked, DISPLAY_NAMES in segment.where)
        again = Tally(NAME)
        self._patients(Segment(masked, segment.where, segment.tabular, segment.records), labels, counts, again)
        return not again.has(KIND_PATIENT)

    @staticmethod
    def _named_patients(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally,
                        check: Callable[[], None]) -> None:
        """Health terms and no other identifier: a patient's name after its label ("Patient:
        Jane Example"), or a name written with its date of birth ("Jane Example
        (02/03/1961)"), is one. Searched only then, in the parts with health terms and the
        short ones (the subject, file names): it reads every character, and matters only
        beside health terms. Names typed in lower case where the words around them say they
        are names are read capitalised (identifiers.capitalised_names)."""
        message, with_terms = _names_capitalised(message, with_terms)
        message, with_terms = _wraps_joined(message, with_terms)
        for segment in message.segments:
            if segment.text and (len(segment.text) <= _SHORT_SEGMENT or id(segment) in with_terms):
                named = _people_named(segment, with_terms.get(id(segment)), check)
                if any(named) and _no_real_patient(message, segment):
                    continue  # a vet's record, a teaching scenario
                masked = identifiers.without_test_records(segment.text, segment.tabular) if any(named) else None
                if masked is not None and not any(_people_named(
                        Segment(masked, segment.where, segment.tabular, segment.records), with_terms.get(id(segment)), check)):
                    continue  # a system's test patients, a dummy extract's placeholders
                for count, (evidence, category) in zip(named, _NAMED_AS, strict=True):
                    if count:
                        tally.add(KIND_PATIENT, segment.where, evidence, PATIENT_CONFIDENCE,
                                  category=category, identifies_patient=True, count=count)
        if not tally.has(KIND_PATIENT):
            HealthTermsDetector._subjects_person(message, with_terms, tally)
        if not tally.has(KIND_PATIENT):
            reader = _reader_names(message)  # (the message's, once: the same for each part)
            for segment in message.segments:
                terms = with_terms.get(id(segment))
                rows = HealthTermsDetector._rows_of_people(segment, terms, tally) if terms else 0
                if not terms or rows:
                    continue
                relatives, owners, text = _said_in(segment, terms, reader)
                masked = identifiers.without_test_records(text) if relatives or owners else None
                if masked is not None and not any(_said_of_people(masked, terms, reader)):
                    continue  # a dummy case's cartoon names ("Minnie Mouse's care plan")
                if (relatives or owners) and not _no_real_patient(message, segment):
                    evidence = "[relative's name]" if relatives else "[patient's name]"
                    tally.add(KIND_PATIENT, segment.where, evidence, PATIENT_CONFIDENCE,
                              category="patient_name", identifies_patient=True, count=relatives or owners)
        if not tally.has(KIND_PATIENT):
            HealthTermsDetector._clinic_lists(message, with_terms, tally)
        if not tally.has(KIND_PATIENT):
            HealthTermsDetector._real_case_left(message, with_terms, tally)

    @staticmethod
    def _real_case_left(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """A real patient named where a scenario or a brief says its case is a real one
        (identifiers.real_case_named), beside health terms in the same part (its other texts:
        a document's tables, its file name) - a teaching scenario's or not."""
        with_health = {_part_of(s.where) for s in message.segments if id(s) in with_terms}
        for segment in message.segments:
            if segment.text and _part_of(segment.where) in with_health:
                count = identifiers.real_case_named(segment.text)
                if count:
                    tally.add(KIND_PATIENT, segment.where, "[patient's name]", PATIENT_CONFIDENCE,
                              category="patient_name", identifies_patient=True, count=count)

    @staticmethod
    def _rows_of_people(segment: Segment, terms: list[int], tally: Tally) -> int:
        """Rows that reach a person by their mobile number (identifiers.mobile_rows), or a text
        message of theirs forwarded from it that says their own health (mailboxes.own_text_quoted) or a
        forwarded message of theirs signed with it (mailboxes.own_message_signed), give
        the registration of the vehicle they come in (identifiers.vehicle_of_patient), name a
        patient by their initials, age and sex (identifiers.initials_with_age), by their initials or
        family name and bed or ward (identifiers.known_by_bed), by a ward's bed on a day
        (identifiers.bed_on_a_day) or by their age, sex and full postcode (identifiers.aged_at_postcode),
        or by their age and their day of death (identifiers.died_on_a_day), with their health: how
        many were added to ``tally``."""
        rows = identifiers.mobile_rows(segment.text, terms)
        if rows:
            tally.add(KIND_PATIENT, segment.where, "[mobile number and health]", PATIENT_CONFIDENCE,
                      category="contact", identifies_patient=True, count=rows)
            return rows
        rows = mailboxes.own_text_quoted(segment.text, terms) or mailboxes.own_message_signed(segment.text, terms)
        if rows:
            tally.add(KIND_PATIENT, segment.where, "[mobile number and own health, quoted]", PATIENT_CONFIDENCE,
                      category="contact", identifies_patient=True, count=rows)
            return rows
        rows = identifiers.vehicle_of_patient(segment.text, terms)
        if rows and not identifiers.no_real_patient(segment.text):
            tally.add(KIND_PATIENT, segment.where, "[vehicle registration and health]", PATIENT_CONFIDENCE,
                      category="vehicle", identifies_patient=True, count=rows)
            return rows
        rows = identifiers.initials_with_age(segment.text, terms)
        in_bed = 0 if rows else identifiers.known_by_bed(segment.text, terms)
        beds = 0 if rows or in_bed else identifiers.bed_on_a_day(segment.text, terms)
        homes = 0 if rows or in_bed or beds else identifiers.aged_at_postcode(segment.text, terms)
        deaths = 0 if rows or in_bed or beds or homes else identifiers.died_on_a_day(segment.text, terms)
        if (rows or in_bed or beds or homes or deaths) and identifiers.no_real_patient(segment.text):
            return 0  # a teaching case's, a vet's
        if homes:
            tally.add(KIND_PATIENT, segment.where, "[age, sex and postcode]", PATIENT_CONFIDENCE,
                      category="name_address", identifies_patient=True, count=homes)
            return homes
        if deaths:
            tally.add(KIND_PATIENT, segment.where, "[age and day of death]", PATIENT_CONFIDENCE,
                      category="name_age", identifies_patient=True, count=deaths)
            return deaths
        if rows:
            tally.add(KIND_PATIENT, segment.where, "[initials with age and sex]", PATIENT_CONFIDENCE,
                      category="name_age", identifies_patient=True, count=rows)
        elif in_bed:
            tally.add(KIND_PATIENT, segment.where, "[initials or family name at a bed or ward]", PATIENT_CONFIDENCE,
                      category="patient_name", identifies_patient=True, count=in_bed)
        elif beds:
            tally.add(KIND_PATIENT, segment.where, "[a ward's bed on a day]", PATIENT_CONFIDENCE,
                      category="bed_day", identifies_patient=True, count=beds)
        return rows or in_bed or beds

    @staticmethod
    def _named_in_subject(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """A field that says what the mail or a file is about (_subject_like: the Subject,
        Thread-Topic, X-Patient, a file's name or Content-Description) names a person and their
        health ("Urgent: Jane Example - bipolar relapse": identifiers.subject_names_result); or
        the subject names a person by their title ("Re: Mr Daniel Example - Friday") and a
        part with health terms says what of theirs it is about ("His CD4 came back at 180"), or a
        short body's bulleted list says one person's health ("Mr J Example - clinic letter" over
        "- Huntington's disease confirmed 2019 / - started tetrabenazine": identifiers.health_listed):
        the mail is about that person's health."""
        short_body: bool | None = None
        for segment in message.segments:
            terms = with_terms.get(id(segment))
            about = _subject_like(segment.where) if terms else None
            if not terms or about is None:
                continue
            if about == _OF_MAIL:  # the mail's subject and its kin: a note's, over a short body
                short_body = HealthTermsDetector._short_body(message) if short_body is None else short_body
                if not short_body:
                    continue
            if identifiers.subject_names_result(segment.text, terms) and not _no_real_patient(message, segment):
                tally.add(KIND_PATIENT, segment.where, "[patient's name]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=1)
                return
        for segment in message.segments:  # a letter's own subject line in its text: "Re Jane Example - ..."
            terms = with_terms.get(id(segment))
            if (terms and _subject_like(segment.where) is None and identifiers.re_line_names_result(segment.text, terms)
                    and not _no_real_patient(message, segment)):
                tally.add(KIND_PATIENT, segment.where, "[patient's name]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=1)
                return
        subject = next((s for s in message.segments if s.where == "subject" and s.text), None)
        if subject is None:
            return
        if not identifiers.titled_person_in(subject.text):
            return
        if identifiers.staff_in_subject(subject.text, [s.text for s in message.segments if s is not subject]):
            return  # "Mr Example - annual leave - cover needed": a consultant's clinics, not a patient's
        short = HealthTermsDetector._short_body(message) if short_body is None else short_body
        for segment in message.segments:
            terms = with_terms.get(id(segment))
            # ... or a short body's list says it ("- Huntington's disease confirmed 2019 / - started tetrabenazine")
            if terms and segment is not subject and (identifiers.health_said_of_them(segment.text, terms) or (
                    short and identifiers.health_listed(segment.text, terms))):
                if _no_real_patient(message, segment):
                    return
                tally.add(KIND_PATIENT, "subject", "[patient's name]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=1)
                return

    @staticmethod
    def _clinic_lists(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """A clinic's list of people with their appointment times, under the clinic's name
        said with a health term ("Thursday's Memory Assessment Clinic": identifiers.clinic_list);
        else a file named by a person and a date (_named_file)."""
        for segment in message.segments:
            terms = with_terms.get(id(segment))
            rows = identifiers.clinic_list(segment.text, terms) if terms else 0
            if rows and not _no_real_patient(message, segment):
                tally.add(KIND_PATIENT, segment.where, "[clinic list of names]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=rows)
        if not tally.has(KIND_PATIENT):
            HealthTermsDetector._named_file(message, with_terms, tally)

    @staticmethod
    def _subjects_person(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """The person the subject names, whose health the mail is about: _named_in_subject,
        else _note_under_name."""
        HealthTermsDetector._named_in_subject(message, with_terms, tally)
        if not tally.has(KIND_PATIENT):
            HealthTermsDetector._note_under_name(message, with_terms, tally)

    @staticmethod
    def _note_under_name(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """The subject is a person's name ("Re: Mr Derek Example", "JAMES EXAMPLE - HIV clinic
        f/u") over a short body written as a clinical note about one person ("?AKI on
        ramipril", "Viral load undetectable, continue Biktarvy"): identifiers.subject_person,
        identifiers.note_about_them. A member of staff's name stays theirs (staff_in_subject)."""
        subject = next((s for s in message.segments if s.where == "subject" and s.text), None)
        if subject is None or not HealthTermsDetector._short_body(message):
            return
        name = identifiers.subject_person(subject.text)
        if not name or identifiers.staff_in_subject(subject.text, [s.text for s in message.segments if s is not subject]):
            return
        for segment in message.segments:
            terms = with_terms.get(id(segment))
            if terms and segment.where.startswith("message body") and identifiers.note_about_them(
                    segment.text, terms, name):
                if not _no_real_patient(message, segment):
                    tally.add(KIND_PATIENT, "subject", "[patient's name]", PATIENT_CONFIDENCE,
                              category="patient_name", identifies_patient=True, count=1)
                return

    @staticmethod
    def _short_body(message: ParsedMessage) -> bool:
        """The message's bodies are a note's, _SHORT_BODY characters at most together
        ("Hi, see subject, can we get an assessment this week please"). A body's copies
        (its plain text and its HTML, "message body" and "message body (html)") are one
        body: the longest counts."""
        sizes: dict[str, int] = {}
        for s in message.segments:
            if s.where.startswith("message body"):
                body = s.where.partition(" (")[0]
                sizes[body] = max(sizes.get(body, 0), len(s.text))
        return sum(sizes.values()) <= _SHORT_BODY

    @staticmethod
    def _named_file(message: ParsedMessage, with_terms: dict[int, list[int]], tally: Tally) -> None:
        """A file named as a record system exports a patient's document, a name and a date
        ("Example_Jane_12031961_MRI_head_report.txt": identifiers.named_file), with health
        terms in its name or in the file itself; or named for a person and a paper of their
        care ("Khan A - discharge letter.pdf": identifiers.file_of_person) whose own text
        (its pages, its sheets) speaks of health, or for a person and a condition of theirs
        ("Example_Dennis_leg_ulcer.jpg") whose own text or the mail's speaks of health; or a
        file whose title in its properties is so named (_titled_for_person); or a
        workbook's sheets titled with their person's name over a clinical column or a care
        chart's (identifiers.sheet_of_person)."""
        for segment in message.segments:
            if not segment.where.startswith(_FILE_NAME_OF):
                continue
            of = segment.where[len(_FILE_NAME_OF):]
            if identifiers.named_file(segment.text):
                if id(segment) in with_terms or any(
                        id(s) in with_terms and (s.where == of or s.where.startswith(of + " > ")) for s in message.segments):
                    tally.add(KIND_PATIENT, segment.where, "[name and date in a file name]", PATIENT_CONFIDENCE,
                              category="patient_name", identifies_patient=True, count=1)
                    return
            elif with_terms and identifiers.file_of_person(segment.text, with_terms.get(id(segment), ())) and any(
                    id(s) in with_terms and (s.where == of or s.where.startswith(of + ", ") or (
                        # a photo of a condition the name says ("..._leg_ulcer_wk3.jpg"): the mail's text says it
                        id(segment) in with_terms and s.where.startswith("message body")))
                    and identifiers.speaks_of_health(s.text, with_terms[id(s)]) and not identifiers.no_real_patient(s.text)
                    for s in message.segments):
                tally.add(KIND_PATIENT, segment.where, "[name and paper of care in a file name]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=1)
                return
        # a file's title in its properties, as its name ("Psychiatric report - Jane Example"), over its own text
        for segment in message.segments:
            if with_terms and segment.where.endswith(_PROPERTIES) and HealthTermsDetector._titled_for_person(
                    message, segment, with_terms):
                tally.add(KIND_PATIENT, segment.where, "[name and paper of care in a file's title]", PATIENT_CONFIDENCE,
                          category="patient_name", identifies_patient=True, count=1)
                return
        # a workbook's sheet titled with its person's name (one sheet a resident's)
        sheets = [segment.where for segment in message.segments if segment.tabular and id(segment) in with_terms
                  and _SHEET_OF in segment.where and identifiers.sheet_of_person(
                      segment.where.rpartition(_SHEET_OF)[2], segment.text, with_terms[id(segment)])]
        if sheets:
            # (the workbook's place, not the sheet's: its title is the name)
            tally.add(KIND_PATIENT, sheets[0].rpartition(_SHEET_OF)[0], "[name as a sheet's title]", PATIENT_CONFIDENCE,
                      category="patient_name", identifies_patient=True, count=len(sheets))

    @staticmethod
    def _titled_for_person(message: ParsedMessage, segment: Segment, with_terms: dict[int, list[int]]) -> bool:
        """A line of a file's properties (``segment``: its title, its subject, its keywords; an
        author's or an editor's line is a name alone) named as a patient's paper is
        (identifiers.file_of_person), and the file's own text speaks of health."""
        of = segment.where[:-len(_PROPERTIES)]
        terms = with_terms.get(id(segment), ())
        start = 0
        for line in segment.text.split("\n"):
            end = start + len(line)
            key = _PROPERTY_KEY_RE.match(line)  # a legacy file's "title: ...", "author: ..."
            if key is None or key.group(1) is not None:
                skip = key.end() if key is not None else 0
                own = [t - start - skip for t in terms if start + skip <= t < end]
                if len(line) - skip <= _TITLE_LINE and identifiers.file_of_person(line[skip:], own) and any(
                        s is not segment and id(s) in with_terms and (s.where == of or s.where.startswith(of + ", "))
                        and identifiers.speaks_of_health(s.text, with_terms[id(s)])
                        and not identifiers.no_real_patient(s.text) for s in message.segments):
                    return True
            start = end + 1
        return False


def _part_of(where: str) -> str:
    """The part of the message a segment's place names: an attachment's tables, its properties
    and its file name are that attachment's ("attachment a.docx, table 1", "file name of
    attachment a.docx"); the bodies are one."""
    where = where.removeprefix("file name of ")
    return where.split(",", 1)[0] if where.startswith("attachment ") else "message body"


def _no_real_patient(message: ParsedMessage, segment: Segment) -> bool:
    """``segment`` is no real patient's (identifiers.no_real_patient: a vet's record, a teaching
    scenario); a field that says what the mail is about (_subject_like) by the mail's own text
    too: "Bella Example - insulin repeat" over "Bella (springer spaniel, 9) - Caninsulin ..."."""
    if identifiers.no_real_patient(segment.text):
        return True
    return _subject_like(segment.where) == _OF_MAIL and any(
        identifiers.no_real_patient(s.text) for s in message.segments if s.where.startswith("message body") and s.text)


def _names_capitalised(message: ParsedMessage, with_terms: dict[int, list[int]],
                       ) -> tuple[ParsedMessage, dict[int, list[int]]]:
    """``message`` with the lower-case names of its parts with health terms and of its subject
    capitalised (identifiers.capitalised_names), and where their health terms start (the
    same places: a capital takes a letter's place)."""
    return _texts_rewritten(message, with_terms, lambda segment: identifiers.capitalised_names(segment.text) if (
        segment.text and (id(segment) in with_terms or segment.where == "subject")) else None)


def _wraps_joined(message: ParsedMessage, with_terms: dict[int, list[int]],
                  ) -> tuple[ParsedMessage, dict[int, list[int]]]:
    """``message`` with the hard wraps inside the sentences of its parts of prose with health
    terms read as spaces (identifiers.joined_wraps: "was admitted to Ward 22 after" / "a relapse
    of her MS"), and where their health terms start (the same places). Not a table's rows."""
    return _texts_rewritten(message, with_terms, lambda segment: identifiers.joined_wraps(segment.text) if (
        id(segment) in with_terms and not segment.tabular) else None)


def _texts_rewritten(message: ParsedMessage, with_terms: dict[int, list[int]],
                     rewrite: Callable[[Segment], str | None]) -> tuple[ParsedMessage, dict[int, list[int]]]:
    """``message`` with each part's text as ``rewrite`` gives it (None: as it is; the same
    length, so every place stays where it was), and ``with_terms`` for the parts made anew."""
    segments = []
    moved = dict(with_terms)
    for segment in message.segments:
        text = rewrite(segment)
        if text is None:
            segments.append(segment)
            continue
        again = Segment(text, segment.where, segment.tabular, segment.records)
        segments.append(again)
        if id(segment) in with_terms:
            moved[id(again)] = with_terms[id(segment)]
    if all(a is b for a, b in zip(segments, message.segments, strict=True)):
        return message, with_terms
    return dataclasses.replace(message, segments=tuple(segments)), moved


_SHORT_BODY = 2000  # characters of a mail's bodies, its signature and disclaimer with them, that are a note's
_FILE_NAME_OF = "file name of "
_SHARED_FILE_NAMES = ", shared file names"  # a body's links' texts to shared files (mime.formats.html)
_PROPERTIES = ", properties"  # a file's properties' part: "attachment X.docx, properties"
# A legacy file's property line's key (dlpgate.mime.formats._opc.ole_properties): a title's,
# a subject's, keywords' or comments' (group 1) say what the file is; the rest name people.
_PROPERTY_KEY_RE = re.compile(r"(?:(title|subject|keywords|comments|category)|author|last saved by|manager|company): ")
_TITLE_LINE = 200  # characters: a title's line, not a comment's paragraph
_SHEET_OF = ", sheet "  # a workbook's sheet's part: "attachment X.xlsx, sheet Ethel Example"
# Fields that say what a mail or a file is about, as its subject line does: a line there that
# names a person and their health is about that person (identifiers.subject_names_result).
# The mail's (its Subject, Outlook's Thread-Topic, Keywords, a tool's X-Patient or
# X-Original-Subject) are a note's over a short body; a file's (its name, its part's
# Content-Description) are the file's own.
_OF_MAIL, _OF_FILE = "mail", "file"
_SUBJECT_FIELD_RE = re.compile(
    r"(?i)(?:^|, |> )header (?:(?P<file>content-description)|subject|thread-topic|keywords|summary"
    r"|x-[\w\-]*(?:subject|topic|patient|title|description|summary|regarding|client|document)[\w\-]*)(?: \(|$)"
)


def _mailbox_context(where: str) -> bool:
    """The part at ``where`` says what the mail or a file is about (_subject_like), or names a
    workbook's sheets ("HIV clinic newsletter"): where a list's purpose is said."""
    return where.endswith(", tab names") or _subject_like(where) is not None


def _subject_like(where: str) -> str | None:
    """Whether the part at ``where`` says what the mail (_OF_MAIL) or a file (_OF_FILE) is
    about, as a subject line does; None if it is no such field."""
    if where == "subject" or where.endswith(" > subject"):
        return _OF_MAIL
    if where.startswith(_FILE_NAME_OF) or where.endswith(_SHARED_FILE_NAMES):
        return _OF_FILE
    if "header " not in where:
        return None
    m = _SUBJECT_FIELD_RE.search(where)
    if m is None:
        return None
    return _OF_FILE if m.group("file") else _OF_MAIL


# A laboratory result: a value and the unit a lab reports it in ("6.9 mmol/L", "412 umol/L",
# "62 g/L", "7.2 x10^9/L", "28 mL/min/1.73m2"). A result is a person's health; whose, the
# identifiers around it say. The hint is a cheap test for a unit's slash before the pattern.
_LAB_UNIT_HINT = re.compile(r"/[Ll]\b|/mol\b|/d[Ll]\b|/m[Ll]\b|/min\b")
_LAB_RESULT_RE = re.compile(
    r"(?<![\w.])[0-9]+(?:\.[0-9]+)?[ \t]*(?:[mnp]mol/[Ll]|mmol/mol|[u\u00b5\u03bc]mol/[Ll]|micromol/[Ll]|g/[dD]?[Ll]"
    r"|mg/[dD]?[Ll]|ng/[mM]?[Ll]|(?:[mk]?IU|[mk]?U)/[Ll]|[x\u00d7][ ]?10\^?9/[Ll]|m[Ll]/min(?:/1\.73[ ]?m2)?)(?![\w/])"
)


# Results written as ward staff write them, without units: three analytes with their
# values on one line ("K 6.8, Na 128, Cr 412, Hb 71"), looked for beside a patient's label.
_ANALYTES = r"Na|K|Cr|Creat|Ur|Urea|Hb|WCC|WBC|Plts?|plts?|CRP|INR|ALT|ALP|Bili|Alb|eGFR|Mg|Ca|PO4|Trop|Lac|HbA1c|TSH"
_LAB_PAIR_RE = re.compile(
    rf"(?<![\w.])(?:{_ANALYTES})\+?[ \t]?[:=]?[ \t]?[0-9]+(?:\.[0-9]+)?(?:mmol|umol|mg|g|%)?(?![\w.])"
)
_PANEL_PAIRS = 3
_PANEL_TEXT_MAX = 20_000  # characters: looked for in a mail's or a short file's text, not a long report's


# What a line of results without units nearly always holds; plain substring tests, which
# keep the interpreter lock (an RE2 call per text gives it up, and under load that wait
# costs more than the search).
_PANEL_MARKS = ("Hb ", "Hb:", "Na ", "Na:", "Cr ", "WCC", "CRP", "INR", "Plt", "plt", "eGFR", "Urea")


def _panel_may_hold(text: str) -> bool:
    return any(mark in text for mark in _PANEL_MARKS)


# A bedside reading as a ward, a midwife or a care home writes it, named by its own shorthand:
# a blood pressure ("BP 168/94", "B/P: 150/100"), oxygen saturations ("sats 88% on air",
# "SpO2 91%"; not a school's "SATs"), a body's temperature with its tenth ("temp 39.4"; not a
# machine's or a room's: "CPU temp 39.5"), a pregnancy's weeks and days ("36+2/40", "36+2
# weeks", "is now 36+2", "at 34/40"; not a mark: "scored 34/40", "34/40 tests passed"). Each
# value must be one a body can have. The hint gates the pattern.
_READING_HINT = re.compile(
    r"BP|B/P|[Bb]p |[Bb]lood pressure|[Ss]ats\b|SATS|SpO2|SPO2|SaO2|saturat|[Tt]emp|[Ff]ever|[Ff]ebrile|[Pp]yrexi|/40\b|\+[0-6]\b")
_READING_RE = re.compile(
    r"(?<![\w./])(?:(?:BP|B/P|[Bb]p|[Bb]lood[ \t]pressure)[ \t]*[:=\-]?[ \t]*(?:(?:of|was|is|now|today|reading)[ \t]+)?"
    r"(?P<sys>[0-9]{2,3})/(?P<dia>[0-9]{2,3})(?![\w/.])"
    r"|(?:[Ss]ats|SATS|SpO2|SPO2|SaO2|O2[ \t]sats|[Oo]xygen[ \t]saturations?|[Ss]aturations?|saturating)[ \t]*[:=\-]?[ \t]*"
    r"(?:(?:of|were|was|are|is|now|at|down[ \t]to|dropped[ \t]to)[ \t]+)?(?P<sat>[0-9]{2,3})[ \t]?%"
    r"|(?P<tword>[Tt]emp(?:erature)?|TEMP|[Ff]ever|[Ff]ebrile|[Pp]yrexi(?:a|al))[ \t]*[:=\-]?[ \t]*"
    r"(?:(?:of|was|is|now|at|spiked[ \t]to|up[ \t]to)[ \t]+)?"
    r"(?P<temp>3[4-9]|4[0-2])\.[0-9](?![0-9.])"
    # ... or the value first, as a patient or a quick note writes it: "had 38.9 temp last night"
    r"|(?P<temp_first>3[5-9]|4[0-2])\.[0-9][ \t]?(?:\u00b0[ \t]?C?[ \t]*|[Cc][ \t]+|degrees?[ \t]+)?(?:[Tt]emp(?:erature)?|TEMP)\b"
    r"|(?P<weeks>[0-9]{1,2})\+[0-6](?:/40|[ \t]*(?:weeks?|wks?)\b)(?![\w/])"
    r"|(?:(?<=\bis[ \t])|(?<=\bat[ \t])|(?<=\bnow[ \t]))(?P<gest>[0-9]{1,2})(?:\+[0-6])?(?:/40)?(?![\w/+=*%]|\.[0-9])"
    r")"
)
# ... not a machine's, a room's or a fridge's temperature; not a mark out of 40
_NOT_BODY_TEMP = frozenset(
    "cpu gpu core cores disk hdd ssd drive room fridge freezer water ambient outside air sensor board chip battery "
    "oil engine coolant max min average avg inlet outlet server rack case".split()
)
_MARK_BEFORE_RE = re.compile(r"(?i)\b(?:scor\w*|marks?|result\w*|quiz|test|exam\w*|pass\w*|total|got|achieved)\b[^\n]{0,20}$")
_MARK_AFTER_RE = re.compile(r"(?i)[ \t]*(?:%|marks?\b|points?\b|correct\b|questions?\b|tests?\b|passed\b|pass\b)")


# ... looked for only on the lines where RE2 finds a hint (one pass): the pattern's many starts
# cost Python's engine a step at every character of a long text.
_reading_matches = identifiers.re2_lines(_READING_RE, _READING_HINT.pattern)


def _readings(text: str) -> list[int]:
    """Where the bedside readings in ``text`` start (_READING_RE), their values a body's."""
    found = []
    for m in _reading_matches(text):
        if m.group("sys"):
            ok = 60 <= int(m.group("sys")) <= 260 and 30 <= int(m.group("dia")) < int(m.group("sys"))
            ok = ok and m.group("dia")[0] != "0"
        elif m.group("sat"):
            ok = 50 <= int(m.group("sat")) <= 100
        elif m.group("temp") or m.group("temp_first"):
            before = text[max(0, m.start() - 20):m.start()].split()
            ok = not before or before[-1].lower().strip(":,(") not in _NOT_BODY_TEMP
        else:
            weeks = m.group("weeks") or m.group("gest")
            ok = 4 <= int(weeks) <= 42
            if ok and m.group("gest"):
                written = m.group(0)
                # "is now 36+2", "at 34/40": weeks written with their days or out of 40, not a mark
                ok = (("+" in written or "/40" in written)
                      and not _MARK_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
                      and not _MARK_AFTER_RE.match(text, m.end()))
        if ok:
            found.append(m.start())
    return found


def _lab_results(text: str, panels: bool = True) -> list[int]:
    """Where the blood results in ``text`` start: a value with a lab's unit, a bedside reading
    (_readings: "BP 168/94", "sats 88%", "temp 39.4", "36+2/40"), and (with ``panels``: in a
    text with a patient's label, "DOB", "Hosp No", of up to _PANEL_TEXT_MAX characters) the
    pairs of a line that holds three analytes with their values."""
    found = [m.start() for m in _LAB_RESULT_RE.finditer(text)] if _LAB_UNIT_HINT.search(text) else []
    found += _readings(text)
    # a results line without units is a note's, in a mail or a short file, about someone it labels
    if panels and len(text) <= _PANEL_TEXT_MAX and _panel_may_hold(text):
        by_line: dict[int, list[int]] = {}
        for m in _LAB_PAIR_RE.finditer(text):
            by_line.setdefault(text.rfind("\n", 0, m.start()), []).append(m.start())  # by the line it is on
        for pairs in by_line.values():
            if len(pairs) >= _PANEL_PAIRS:
                found.extend(pairs)
    return sorted(set(found))


# A query diagnosis as a clinician writes one: "?" right before an abbreviation in capitals,
# at a word's start ("JP 12/03/1948 - ?PE", "SOB, ?ACS"): what the patient is thought to
# have. Not a URL's query ("page?ID=5": a letter before it, "=" after) nor a question's mark
# ("is that OK?"). Found with str.find: most texts hold no "?" before a capital.
_QUERY_NOT = frozenset(("OK", "TBC", "TBA", "ASAP", "FYI", "AM", "PM", "URL", "ID"))


def _query_diagnoses(text: str) -> list[int]:
    """Where the query diagnoses in ``text`` start (their "?")."""
    found = []
    at = text.find("?")
    while at >= 0:
        end = at + 1
        while end < len(text) and end - at <= 7 and (text[end].isupper() or text[end].isdigit()):
            end += 1
        if (
            3 <= end - at <= 7 and text[at + 1].isupper() and text[at + 1].isascii()
            and (at == 0 or text[at - 1] in " \t\n(,;/-") and (end == len(text) or text[end] in " \t\n),;.:/-")
            and text[at + 1:end] not in _QUERY_NOT
        ):
            found.append(at)
        at = text.find("?", at + 1)
    return found


# A death as a care record gives it: a time of death to the minute or a ward's, a hospice's
# place after the verb ("passed away peacefully at 03:40", "died in the hospice"), or the care
# that follows a death beside it, in its sentence, the one before or the one after (a
# coroner's, the district nurses', a verification of death: "The coroner's office has asked
# for the GP records of Mr Example, who died suddenly", "his wife Maureen died last night at
# home. Could you let the district nurses know"). A death alone is no health detail: an
# obituary's, a colleague's or a staff member's own loss ("my father passed away peacefully
# last week") is not, nor one among a colleague's or an obituary's words.
_DEATH_RE = re.compile(r"\b(?:[Dd]ied|[Pp]assed away)\b")
_DEATH_PLACE_AFTER_RE = re.compile(
    r"(?i)(?:[ \t]+(?:peacefully|suddenly|unexpectedly|this morning|last night|overnight|earlier|today|yesterday))*"
    r"[ \t]+(?:at[ \t]+[0-2]?[0-9][:.][0-5][0-9]\b|(?:on|in)[ \t]+(?:the[ \t]+)?(?:ward|hospice|resus|icu|itu|hdu"
    r"|care home|nursing home)\b)"
)
_DEATH_CARE_RE = re.compile(
    r"(?i)\b(?:coroner|district nurses?|verification of death|verified (?:the )?death|time of death|expected death"
    r"|unexpected death|MCCD)\b"
)
_DEATH_NOT_RE = re.compile(
    r"(?i)\b(?:obituar\w*|colleagues?|former|retired|career|worked|served|staff|funeral (?:will be|arrangements)"
    r"|condolences|tributes?|my (?:mum|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|nan|gran\w*)"
    r"|actor|singer|footballer|celebrity|famous|reuters|bbc|court|police|press|reported)\b"
)
_DEATH_REACH = 200  # characters before and after a death in which its care is read


def _deaths_in_care(text: str) -> list[int]:
    """Where the deaths ``text`` gives as a care record does start (their verb)."""
    if "died" not in text and "assed away" not in text and "Died" not in text:
        return []
    found = []
    for m in _DEATH_RE.finditer(text):
        low, high = max(0, m.start() - _DEATH_REACH), min(len(text), m.end() + _DEATH_REACH)
        if _DEATH_NOT_RE.search(text, low, high):
            continue
        if _DEATH_PLACE_AFTER_RE.match(text, m.end()) or _DEATH_CARE_RE.search(text, low, high):
            found.append(m.start())
    return found


# The evidence and category of each count identifiers.patient_names returns, in its order.
_NAMED_AS = (
    ("[name and date of birth]", "dob"),
    ("[patient's name]", "patient_name"),
    ("[name and age]", "name_age"),
    ("[name and home address]", "name_address"),
    ("[hospital number and health]", "hospital_number"),
)


# A term that names an organisation, not a person's health: "... Mental Health NHS
# Foundation Trust", "... Cancer Centre NHS Foundation Trust", "... Mental Health
# Partnership NHS Trust", "... Health Board". Every mail from such a trust carries it.
_ORG_AFTER_RE = re.compile(
    r"(?:[ \t\n]+(?:(?:and|&)[ \t]+)?[A-Z][a-z]+){0,4}[ \t]*\n?[ \t]*"
    r"(?:NHS[ \t]+(?:Foundation[ \t]+Trust|Trust|FT)\b"
    r"|(?:Foundation|University|Partnership)[ \t]+Trust\b|Health[ \t]+Board\b)"
)


def _abbreviation_ok(text: str, start: int, end: int, exact: str) -> bool:
    """An abbreviation (``exact``: its written form, or _NATURAL and the term) as written
    at text[start:end] is the term: not an HL7 segment's name, written in a natural case
    or exactly, not a file extension or host, not one code in a list of codes."""
    if _field_name(text, start, end):
        return False
    written = text[start:end]  # the key's span, without a plural "s"
    if exact[0] == _NATURAL:
        if written != exact[1:] and (
            not _natural_case(written)
            # "Document3.asd", "data.ibd", "www.hiv.gov": an extension or a host
            or (start >= 2 and text[start - 1] == "." and text[start - 2].isalnum())
        ):
            return False
    elif not written.startswith(exact):
        return False
    if _in_path_or_identifier(text, start, end) or _in_contact_label(text, start, end):
        return False
    # "GRC\nGUM\nGTM": a list of country or department codes
    return not (written.isupper() and _in_code_list(text, start, end))


# A contact field's label, as a signature writes one: the ways to reach its writer joined by
# "&", "/" or "+", a colon, then the address ("Email&MSM: j.bond@...", "Tel/ICQ: 0161 ...").
# An abbreviation there is a messenger's or a service's name (MSN, MSM), not a health detail.
_CONTACT_WORDS = (r"e-?mail|mail|tel|telephone|phone|fax|mob|mobile|cell|sms|text|web|www|url|homepage|im|icq|aim"
                  r"|msn|yahoo|jabber|xmpp|skype|irc|messenger|chat")
_CONTACT_JOIN = r"[ \t]?[&/+][ \t]?"
_CONTACT_LABEL_BEFORE_RE = re.compile(rf"(?i)\b(?:{_CONTACT_WORDS}){_CONTACT_JOIN}(?:[\w\-]+{_CONTACT_JOIN})*$")
_CONTACT_LABEL_AFTER_RE = re.compile(
    rf"(?i)(?P<tail>(?:{_CONTACT_JOIN}[\w\-]+)*)[ \t]*:[ \t]*"
    r"(?:[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?:https?://|www\.)\S|\+?[0-9][0-9 ()\-]{6,}[0-9])"
)
_CONTACT_WORD_RE = re.compile(rf"(?i)(?:^|[&/+ \t])(?:{_CONTACT_WORDS})\b")


def _in_contact_label(text: str, start: int, end: int) -> bool:
    """The abbreviation at text[start:end] is one of the ways to reach someone in a contact
    field's label (_CONTACT_LABEL_BEFORE_RE, _CONTACT_LABEL_AFTER_RE): a colon and an email
    address, a web address or a phone number after the label, a contact's word joined to it."""
    if text.find(":", end, end + 40) < 0:
        return False  # a label ends with its colon
    after = _CONTACT_LABEL_AFTER_RE.match(text, end)
    if after is None:
        return False
    return (_CONTACT_LABEL_BEFORE_RE.search(text, max(0, start - 40), start) is not None
            or _CONTACT_WORD_RE.search(after.group("tail")) is not None)


# Terms whose word has an ordinary sense the words around it say: a unit after a figure
# ("a 2 TB drive"), a currency before a sum ("INR 5,000", "25,000 INR"), a US state's
# abbreviation in an address ("Hartford, CT 06103"), an image's kind in its header ("Modality: CT":
# a phantom's too), a sum of money ("a lump sum"), a process's number as logs and system alerts
# print it ("PID 8337", "pid=8337", "[PID: 8337]"; not a year or a time ago: "PID 2019", "PID 3/12
# ago", "PID 12 weeks ago").
_ORDINARY_BEFORE = {
    "tb": re.compile(r"[0-9][ \t]?$"), "inr": re.compile(r"[0-9][ \t]?$"),
    # "Hartford, CT", "CO CT DE", "value=CT>": a state's code after a town or among others
    "ct": re.compile(r"(?:,[ \t]*|\b[A-Z]{2}[ \t]+|[=>]|(?i:modality)[ \t]*[:=]?[ \t]*)$"),
}
_ORDINARY_AFTER = {
    "inr": re.compile(r"[ \t.]*[0-9]{1,3}(?:,[0-9]{3})+|[ \t.]*[0-9]{3,}"),
    "ct": re.compile(r"[ \t]+(?:[0-9]{5}\b|[A-Z]{2}\b)|<"),
    "lump": re.compile(r"s?[ \t]+(?:sums?|of)\b", re.I),
    "pid": re.compile(
        r"[ \t]*[:=#][ \t]*[0-9]{1,7}(?![0-9/.])|[ \t]+(?!(?:19|20)[0-9]{2}\b)[0-9]{2,7}(?![0-9/.,:])"
        r"(?![ \t]*(?i:x\b|d\b|days?|w\b|wks?|weeks?|m\b|mo\b|months?|y\b|yrs?|years?|h\b|hrs?|hours?|ago|episodes?|times?))"
    ),
}
_ORDINARY_LENGTHS = frozenset(len(word) for word in (*_ORDINARY_BEFORE, *_ORDINARY_AFTER))


def _ordinary_sense(text: str, start: int, end: int) -> bool:
    """The term at text[start:end] is a word of its ordinary sense here (_ORDINARY_BEFORE,
    _ORDINARY_AFTER)."""
    word = text[start:end].lower()
    before, after = _ORDINARY_BEFORE.get(word), _ORDINARY_AFTER.get(word)
    return bool(before and before.search(text, max(0, start - 12), start)
                or after and after.match(text, end, end + 24))


_TOKEN_EDGE = " \t\r\n<>\"'()[]{}|,;"


def _in_path_or_identifier(text: str, start: int, end: int) -> bool:
    """The abbreviation is a part of a path, a URL or a program's name ("drivers/staging/msm/",
    "techupdate.cnet.com/i/itu/", "dest_SMI"), not a word ("HIV/AIDS" is two words)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before == "_" or after == "_":
        return True
    if before != "/" and after != "/":
        return False
    lo = start
    while lo > 0 and text[lo - 1] not in _TOKEN_EDGE and start - lo < 300:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in _TOKEN_EDGE and hi - end < 300:
        hi += 1
    token = text[lo:hi]
    return token.count("/") >= 2 or "://" in token or token.startswith("www.")


def _in_organisation_name(text: str, end: int) -> bool:
    """The term ending at ``end`` is followed, in capitals, by a trust's name."""
    if end + 1 >= len(text):
        return False
    if not text[end + 1].isupper() and not text.startswith(("and ", "& "), end + 1):
        return False
    return _ORG_AFTER_RE.match(text, end, min(len(text), end + 80)) is not None


# A short code in capitals on its own in a list (a line, a cell, between commas).
_CODE_CELL = re.compile(r"(?:^|(?<=[\n,;\t|]))[ ]?[A-Z]{2,4}[ ]?(?=[\r\n,;\t|]|$)")
_CODE_LIST_REACH = 60  # characters either side
_CODE_LIST_MIN = 8  # codes within reach that make a list of codes


def _in_code_list(text: str, start: int, end: int) -> bool:
    """The abbreviation at text[start:end] is one of many short codes in capitals listed
    around it (ISO country codes, ward or specialty codes): a code, not a condition."""
    lo, hi = max(0, start - _CODE_LIST_REACH), min(len(text), end + _CODE_LIST_REACH)
    return len(_CODE_CELL.findall(text, lo, hi)) >= _CODE_LIST_MIN


_FIELD_NUMBER_RE = re.compile(r"[-.][0-9]{1,3}\b")
# An abbreviation glued by a hyphen to three digits or more is a code's part, not a condition's
# type or grade ("CT-2231-4477120001", a contract's reference; but "HPV-16", "CKD-5").
_GLUED_ID_RE = re.compile(r"-[0-9]{3,}")
# HL7 v2 segments, as a field reference names them ("PID-3"); a condition's abbreviation
# before a number is a type or a grade ("HPV-16", "BRCA-1", "CKD-5").
_HL7_SEGMENTS = frozenset(
    "MSH EVN PID PD1 PV1 PV2 NK1 OBR OBX ORC NTE DG1 PR1 AL1 IN1 GT1 MRG SCH TXA RXA RXE RXO".split()
)


def _field_name(text: str, start: int, end: int) -> bool:
    """The abbreviation at text[start:end] names an HL7 v2 segment, not a condition:
    it starts its line and a "|" follows it ("PID|1||..." is the patient segment), or it
    is a segment's name with a field's number after it ("PID-3", "PID.5"); or it is the
    head of an identifier, a hyphen and three digits or more after it ("CT-2231-...")."""
    if text[end:end + 1] == "|" and (start == 0 or text[start - 1] in "\r\n"):
        return True
    if _GLUED_ID_RE.match(text, end):
        return True
    return text[start:end] in _HL7_SEGMENTS and _FIELD_NUMBER_RE.match(text, end) is not None


# A lexicon term that is a given name too, where it stands as a person's name
# (HealthTermsDetector._stands_as_name): the word after it on its line ...
_WORD_AFTER_RE = regex.compile(
    rf"[ \t]+(?:{identifiers._PARTICLE})?((?:Ma?c|[ODL]['\u2019])?\p{{L}}[\p{{L}}'\u2019\-]*)"
)
# ... which makes it no name: a place's or a team's ("TIA Clinic"), a dose's, a form's
# ("Yasmin OD", "Yasmin Pill"), a day's or a month's, a heading's joining word.
_NOT_A_FAMILY_NAME = identifiers._NOT_FAMILY | identifiers._CALENDAR_WORDS | frozenset(
    "od bd tds qds qid prn nocte mane om po pr im iv sc mg mcg ml tablet tablets tab tabs pill pills capsule capsules "
    "coil implant injection patch ring cocp cop pop ocp contraceptive contraception brand generic side effects "
    "prescription prescribed script repeat dose dosage pack packet leaflet user users and or nor the of in for with "
    "was is has had started stopped".split()
)
# A title just before a capitalised term makes the term a family name: "Mr Parkinson's
# letter", "Dr Down", "Mrs. Hodgkin" (as an eponym's own name was).
_TITLE_BEFORE_RE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|MR|MRS|MS|MISS|DR|PROF)\.?[ \t]+$")
# ... the word before it that names a person after it: a title ("Mrs."), a greeting ("Dear,").
_NAME_TITLES = identifiers._LEAD_TITLES | {"sister", "nurse"}
_GREETINGS = frozenset("dear hi hello hey hiya morning afternoon evening thanks cheers ta".split())
# A family name and its comma before the given name, where a list of names or a field starts
# ("BEGUM, Yasmin", "From: Begum, Yasmin", "To: Jane Example; Malik, Yasmin", "\"Begum, Yasmin").
_FAMILY_COMMA_RE = regex.compile(rf"(?:^|[:;\"'>\t][ \t]*)({identifiers._NAME_TOKEN}),[ \t]*$")
# The rest of an address's local part, up to its "@".
_LOCAL_PART_RE = re.compile(r"[\w.+\-']{0,40}@[\w\-]+\.")
# A mailbox's address after its display name ("Yasmin <y.begum@...>", "Yasmin [mailto:...]").
_ADDRESS_AFTER_RE = re.compile(r"[\"']?[ \t]*(?:<|\[mailto:)[^\s<>@\]]+@")

_NATURAL = "\x01"  # prefix of an abbreviation's written form: any natural case matches
_PARTS_RE = re.compile(r"[^\W_]+")


def _natural_case(written: str) -> bool:
    """Each part lower, upper or title case ("hiv", "HIV", "Hiv", "hep C"), not the
    mixed case of binary noise and random tokens ("gIc", "vtE", "taVi")."""
    return all(p.islower() or p.isupper() or p.istitle() for p in _PARTS_RE.findall(written))


def _dotted_at(text: str, start: int, end: int) -> bool:
    """text[start:end] is an acronym written with dots, not part of a longer dotted run."""
    if not _DOTTED_RE.fullmatch(text, start, end):
        return False
    if start >= 2 and text[start - 1] == "." and text[start - 2].isalpha():
        return False
    return not (end + 1 < len(text) and text[end] == "." and text[end + 1].isalpha())


# The CJK unified ideographs (extension A and the main block): Chinese written without spaces.
_HAN_FIRST, _HAN_LAST = "\u3400", "\u9fff"


def _spacings(key: str) -> list[str]:
    """A label key with one or two spaces in each gap: "Hosp. No", "D. O. B." ("d  o  b")."""
    head, *words = key[1:].split(" ")
    variants = [" " + head]
    for word in words:
        variants = [v + gap + word for v in variants for gap in (" ", "  ")]
    return variants


class Automata:
    """The lexicon's automaton (each key led by a space: a term starts a word) and, apart, its
    Chinese terms' (led by no space: Chinese is written without spaces, so a term starts
    anywhere). Apart, because keys led by a hundred other characters would make the first
    one's every step from its root dearer, on every text; the second is read only on a text
    with Han characters in it."""

    def __init__(self, words: ahocorasick.Automaton, han: ahocorasick.Automaton | None) -> None:
        self.words = words
        self.han = han

    def iter(self, text: str) -> Iterator[tuple[int, tuple[int, tuple[tuple[str, str | None, bool, bool], ...]]]]:
        """Every key's (end, value) in ``text``: the first automaton's, then the Chinese terms'
        (the automaton's own iterator where there are none: no Python frame per match)."""
        if self.han is not None and not text.isascii() and _HAN_RE.search(text):
            return itertools.chain(self.words.iter(text), self.han.iter(text))
        return self.words.iter(text)

    def exists(self, key: str) -> bool:
        return bool(self.words.exists(key))


_HAN_RE = re.compile(f"[{_HAN_FIRST}-{_HAN_LAST}]")


def build_automaton(terms: list[Term], labels: bool = True) -> Automata:
    """The automata (Automata): lexicon terms (and dotted acronyms), plus the patient-identifier labels.

    Each key's value is (key length, entries); an entry is (category or label mark,
    the exact text for an ``exact`` term - for a label, its key - else None,
    whether it is a dotted form, whether the term is a given name too: "Yasmin", "TIA",
    in data/given_names.txt; see HealthTermsDetector._stands_as_name).
    """
    entries: dict[str, list[tuple[str, str | None, bool, bool]]] = {}
    names = identifiers.given_names()
    for term in terms:
        key = term_key(term.text)
        if key[1:2] and _HAN_FIRST <= key[1] <= _HAN_LAST:
            # Chinese has no spaces between words: a Han term starts anywhere ("卵巢癌" holds
            # "癌"). Its value's length still counts the leading space, so that offsets hold.
            entries.setdefault(key[1:], []).append((term.category, None, False, False))
            continue
        if key.strip():
            if term.case_sensitive:
                exact: str | None = exact_part(term.text)  # "TOP"; "MUST" of "MUST score"
            elif is_abbreviation(term.text):
                exact = _NATURAL + term.text
            else:
                exact = None
            entries.setdefault(key, []).append((term.category, exact, False, key[1:] in names))
        dotted = dotted_form(term.text) if term.dotted else None
        if dotted:
            for variant in _spacings(dotted):  # "H.I.V." and "H. I. V."
                entries.setdefault(variant, []).append((term.category, None, True, False))
    if labels:
        for mark, names_ in _LABELS:
            for label in names_:
                key = term_key(label)
                for variant in _spacings(key):
                    entries.setdefault(variant, []).append((mark, key, False, False))
    for values in entries.values():
        # Labels first, then exact-case terms, then case-insensitive ones, then dotted.
        values.sort(key=lambda v: (v[0] not in _MARKS, v[2], v[1] is None))
    return _automata(entries)


def _automata(entries: dict[str, list[tuple[str, str | None, bool, bool]]]) -> Automata:
    """The automata of ``entries`` (build_automaton): keys led by a space in the first, the
    Chinese terms' in the second, each value's length counting a space before it."""
    automaton = ahocorasick.Automaton()
    han = ahocorasick.Automaton()
    for key, values in entries.items():
        if key[0] == " ":
            automaton.add_word(key, (len(key), tuple(values)))
        else:
            han.add_word(key, (len(key) + 1, tuple(values)))
    automaton.make_automaton()
    if len(han):
        han.make_automaton()
    return Automata(automaton, han if len(han) else None)


@functools.lru_cache(maxsize=8)
def _lexicon_automaton(path: str, stamp: tuple[int, int], labels: bool) -> Automata:
    """The automaton of the lexicon at ``path`` (``stamp``: its mtime and size, so an edited
    file is read again): one per file, shared by every detector built from it and by
    :func:`shipped`."""
    return build_automaton(load_lexicon(path), labels=labels)


def _automaton_for(path: str, labels: bool) -> Automata:
    st = os.stat(path)
    return _lexicon_automaton(path, (st.st_mtime_ns, st.st_size), labels)


SHIPPED_LEXICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", str(DEFAULTS["lexicon"]))


@functools.cache
def shipped() -> HealthTermsDetector:
    """The detector with the shipped lexicon and the default options (with the engine's
    automaton when it reads that lexicon too): what masks health terms in the places and
    Subjects shown (dlpgate.redaction), where no configuration is at hand."""
    return HealthTermsDetector(
        automaton=_automaton_for(SHIPPED_LEXICON, bool(DEFAULTS["patient_identifiers"])),
        patient_identifiers=bool(DEFAULTS["patient_identifiers"]),
        confidence=float(DEFAULTS["term_confidence"]),
        webmail=exposed_recipients.load_domain_list(exposed_recipients.SHIPPED_WEBMAIL),
    )


def build(options: Mapping[str, Any], ctx: DetectorContext) -> HealthTermsDetector:
    opts = {**DEFAULTS, **options}
    path = os.path.join(ctx.config_dir, str(opts["lexicon"]))
    if not os.path.isfile(path):
        raise DetectorConfigError(f"detectors.{NAME}.lexicon: file not found: {path}")
    patient_identifiers = bool(opts["patient_identifiers"])
    try:
        automaton = _automaton_for(path, patient_identifiers)
    except DetectorConfigError as exc:
        raise DetectorConfigError(f"detectors.{NAME}.lexicon: {exc}") from None
    confidence = float(opts["term_confidence"])
    if not 0.0 <= confidence <= 1.0:
        raise DetectorConfigError(
            f"detectors.{NAME}.term_confidence: must be between 0 and 1, got {confidence}"
        )
    return HealthTermsDetector(
        automaton=automaton,
        patient_identifiers=patient_identifiers,
        confidence=confidence,
        webmail=exposed_recipients.webmail_list(ctx),
    )
