"""What a place ("where") or a Subject may show: the one redaction of the names people
read in notices, logs, the quarantine record, audit entries and the scan command.

A place is built from names the message chose (a file's, a zip member's, a sheet's, an
attached message's, a header field's) and a Subject is the sender's words: either can
carry a patient. Every part of one that is personal becomes "[...]":

- a number: digits joined by up to five characters that are not letters, holding six
  or more digits, however they are grouped ("485,777,3228", "[485][777][3228]",
  "485 -- 777 -- 3228", a date of birth "03/04/2001");
- an e-mail address, whole;
- a health term, as the health-terms detector reads it (its lexicon and automaton);
- a person's name: a title and the names after it ("Mrs J Walsh", "Dr Ellis"), or a
  given name from the list the detectors use, written with a capital, with the
  capitalised or upper-case words beside it ("Jane Walsh", "WALSH Jane", "Walsh, Jane",
  "Walsh_Jane").

:func:`place` masks a place: each name in it that holds anything personal is masked
whole but for its extension, since the words beside a patient's number or diagnosis are
hers too ("attachment clinic.zip > Patients/Brennan_Ellie_4857773228.txt" -> "attachment
clinic.zip > Patients/[...].txt"); the kinds of place and the containers stay. The
pipeline gives every finding and problem its place so (pipeline.shown). :func:`masked`
masks the spans themselves, in a Subject ("Referral for [...]"). What holds nothing
personal is unchanged ("attachment Book1.xlsx, sheet Sheet1", "page 3").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import regex

from dlpgate.types import MIN_NUMBER_DIGITS

MASK = "[...]"

# Six or more digits (any script's) joined by up to five characters that are neither
# letters nor digits, except ">" (how a place nests: "part 2 > 123.txt" is two places).
# A "#" is a digit already masked (dlpgate.types.mask_numbers), whose neighbours still tell.
_NUMBER_RE = re.compile(r"[\d#](?:(?:[^\w>#]|_){0,5}[\d#])*")
_EMAIL_RE = re.compile(r"[\w.!#$%&*+=?^`{|}~\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Words: letters, with an apostrophe inside ("O'Brien"); a hyphen parts them, as it parts
# "Smith-Jones" and the words of a header field's name ("X-Patient-Walsh-Jane").
_WORD_RE = regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)*")
# What may stand between the words of one name: "Jane Walsh", "WALSH, Jane", "Walsh_Jane",
# "Walsh - Jane", "J. Walsh".
_NAME_GAP_RE = re.compile(r"[\s_\-.,\u2013\u2014]{1,3}")
# Titles as written before a name: "Mr", "MRS", "Dr" ("MS" and "MX" in capitals are more
# often Microsoft's and other programs' marks: "X-MS-Has-Attach").
_TITLES = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "MR", "MRS", "MISS", "DR", "PROF"))
_NAME_REACH = 2  # capitalised words taken either side of a given name, after a title: 3
# Characters a health term's neighbours are read as spaces in: a file name's "_" and a
# path's "/" part words (the detector reads "dest_SMI" in running text as an identifier).
_TERM_SPACES = str.maketrans({c: " " for c in "_/\\+~="})
_EXTENSION_RE = re.compile(r"\.[A-Za-z0-9]{1,6}$")


def _numbers(text: str) -> list[tuple[int, int]]:
    if sum(ch.isdigit() or ch == "#" for ch in text) < MIN_NUMBER_DIGITS:
        return []
    return [
        m.span() for m in _NUMBER_RE.finditer(text) if sum(ch.isdigit() or ch == "#" for ch in m.group()) >= MIN_NUMBER_DIGITS
    ]


def _emails(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _EMAIL_RE.finditer(text)] if "@" in text else []


def _terms(text: str) -> list[tuple[int, int]]:
    from dlpgate.detectors import health_terms

    return [(s.start, s.end) for s in health_terms.shipped().spans(text.translate(_TERM_SPACES))]


def _capitalised(word: str) -> bool:
    """"Walsh", "WALSH", "McDonald": a word written as a name is."""
    return len(word) >= 2 and word[0].isupper() and (word[1:].islower() or word.isupper() or word[1:2].islower())


def _names(text: str) -> list[tuple[int, int]]:
    from dlpgate.detectors.identifiers import _NOT_FAMILY, folded, given_names

    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    if not words:
        return []
    names = given_names()

    def joined(i: int) -> bool:  # words i and i + 1 are parts of one name
        return _NAME_GAP_RE.fullmatch(text, words[i][1], words[i + 1][0]) is not None

    def name_word(i: int) -> bool:
        w = words[i][2]
        return (_capitalised(w) or (len(w) == 1 and w.isupper())) and folded(w) not in _NOT_FAMILY

    found: list[tuple[int, int]] = []
    for i, (_start, _end, word) in enumerate(words):
        title = word in _TITLES
        given = not title and _capitalised(word) and folded(word) in names and folded(word) not in _NOT_FAMILY
        if not (title or given):
            continue
        lo = hi = i
        if given:
            while lo > 0 and i - lo < _NAME_REACH and joined(lo - 1) and name_word(lo - 1):
                lo -= 1
        reach = _NAME_REACH + 1 if title else _NAME_REACH
        while hi + 1 < len(words) and hi - i < reach and joined(hi) and name_word(hi + 1):
            hi += 1
        if lo < hi:  # a title or a given name alone is no one's name
            found.append((words[lo][0], words[hi][1]))
    return found


def _merged(found: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _replaced(text: str, found: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in found:
        out.append(text[pos:start])
        out.append(MASK)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds something personal, in order, merged where they overlap."""
    return _merged([*_numbers(text), *_emails(text), *_names(text), *(_terms(text) if text.strip() else [])])


def masked(text: str, also: Iterable[tuple[int, int]] = ()) -> str:
    """``text`` with everything personal in it, and the spans ``also`` given (what the
    configured detectors flag in a Subject), as "[...]"."""
    return _replaced(text, _merged([*spans(text), *also]))


@functools.lru_cache(maxsize=4096)
def mask(text: str) -> str:
    """``text`` with everything personal in it as "[...]" (places repeat: cached)."""
    return masked(text)


# How a place is built around the names in it: a level per container (" > "), a path's
# parts ("/"), a quoted name ("attached message 'x.eml'"), a qualifier after a comma
# (", sheet x", ", properties": lower case, where a name's own comma is followed by a
# capital: "Walsh, Jane.txt").
_PART_END_RE = re.compile(r" > |[/\\']|, (?=[a-z])")
# The words a level or qualifier starts with before its name: the kind of place, kept.
_HEADS = (
    "file name of ", "attachment ", "attached message ", "unnamed attachment ", "header ", "unlisted sheet ",
    "sheet ", "slide ", "table ", "part ", "camera data ", "yEnc ", "BinHex ", "uuencoded ", "xxencoded ",
)


def _part(where: str, start: int, end: int) -> tuple[int, int]:
    """The name around where[start:end]: from the last boundary before it, past the kind
    of place ("attachment ", "sheet "), to the next boundary or the name's extension."""
    lo = 0
    for m in _PART_END_RE.finditer(where, 0, start):
        lo = m.end()
    skipped = True
    while skipped:
        skipped = False
        for head in _HEADS:
            if where.startswith(head, lo) and lo + len(head) <= start:
                lo += len(head)
                skipped = True
    after = _PART_END_RE.search(where, end)
    hi = after.start() if after else len(where)
    ext = _EXTENSION_RE.search(where, lo, hi)  # kept, even from an address's end ("x@y.com.txt")
    return lo, ext.start() if ext and ext.start() > lo else hi


@functools.lru_cache(maxsize=4096)
def place(where: str) -> str:
    """A place as it may be shown: each name in it that holds anything personal masked
    whole but for its extension, since the words beside a patient's number or diagnosis
    are hers too ("attachment Brennan_Ellie_##########.txt" -> "attachment [...].txt",
    "attachment clinic.zip > Patients/Walsh J - HIV.txt" -> "... > Patients/[...].txt");
    the kinds of place and the containers stay."""
    found = spans(where)
    if not found:
        return where
    return _replaced(where, _merged(_part(where, start, end) for start, end in found))
