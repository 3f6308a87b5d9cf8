"""HL7 v2 messages (the pipe-delimited form: ADT, ORU, ORM, REF, MDM...): every field read after its name.

HL7 v2 is how hospital systems pass patient records to each other, and one
such file sent to a wrong address carries a patient's identity and results
together. Each segment is a line of fields; every field that holds something
is read as "<field name>: <value>", the name from the HL7 standard's tables
for the message's version (hl7apy's reference data), so
``PID|1||4010232137^^^NHS^NH||ROE^JANE||19700302`` reads::

    set id: 1
    patient identifier: NHS number: 4010232137
    patient name: JANE ROE
    date of birth: 1970-03-02

* Each message after the first starts after an empty line: one patient's record.
* Components are parted by spaces, repetitions are lines of their own; escape
  sequences (``\\F\\``, ``\\.br\\``, ``\\X41\\``...) are undone.
* An identifier's type code says what its number is (``NH``: NHS number,
  ``MR``: hospital number); a person's name reads given names first; dates
  read as dates.
* A segment the standard does not name (a site's Z-segment) reads "ZPI-3: ...".
* Batches (``FHS``/``BHS``) and MLLP framing are read too; base64 in a field
  (an ``OBX`` holding a PDF report) is read as a file, as in any text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from dlpgate.mime.formats import text as plain
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{2}")
_DEFAULT_VERSION = "2.5"
# What an identifier's type code (HL7 table 0203) says its number is, in the words staff use.
_ID_TYPES = {
    "NH": "NHS number",
    "NHS": "NHS number",
    "MR": "hospital number",
    "PI": "patient identifier",
    "PT": "patient identifier",
    "SS": "social security number",
    "HC": "health card number",
    "JHN": "health number",
}
# Field names whose standard wording is not what staff write.
_RENAMED = {
    "date time of birth": "date of birth",
    "patient identifier list": "patient identifier",
    # versions 2.1 to 2.3 name PID-2, PID-3 and PID-4 so
    "patient id external id": "patient identifier",
    "patient id internal id": "patient identifier",
    "alternate patient id": "patient identifier",
    # PID-19: UK feeds that predate the NHS number in PID-3 carry it here
    "ssn number patient": "patient identifier (SSN field)",
    "ssn number": "patient identifier (SSN field)",
}
_DATE_TYPES = frozenset({"DT", "DTM", "TS"})
_NAME_TYPES = frozenset({"XPN"})
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?)?(?:\.\d+)?(?:[+-]\d{4})?")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = plain.decode(data, where, ctx)
    yield from problems
    lines = read_lines(text.strip("\x0b\x1c\r\n \ufeff"), ctx)
    rendered = "\n".join(lines)
    yield Segment(rendered, where)
    yield from plain.base64_files(rendered, where, ctx)


class _Delimiters:
    def __init__(self, header: str) -> None:
        """From a header segment (MSH, BHS, FHS): its field separator and encoding characters."""
        self.field = header[3:4] or "|"
        enc = header[4:].split(self.field, 1)[0]
        self.component = enc[0:1] or "^"
        self.repetition = enc[1:2] or "~"
        self.escape = enc[2:3] or "\\"
        self.subcomponent = enc[3:4] or "&"
        e = re.escape(self.escape)
        self.escapes = re.compile(f"{e}([^{e}\r\n]{{0,64}}){e}")
        self.simple = {"F": self.field, "S": self.component, "T": self.subcomponent, "R": self.repetition,
                       "E": self.escape}

    def unescape(self, value: str) -> str:
        if self.escape not in value:
            return value
        return self.escapes.sub(self._one, value)

    def _one(self, m: re.Match[str]) -> str:
        code = m.group(1)
        if code in self.simple:
            return self.simple[code]
        if code in (".br", ".sp") or code.startswith(".sp"):
            return "\n"
        if code[:1] == "X" and re.fullmatch(r"X(?:[0-9A-Fa-f]{2})+", code):
            return bytes.fromhex(code[1:]).decode("utf-8", "replace")
        return ""  # highlighting (\H\ \N\), character set switches (\C..\ \M..\), site escapes (\Z..\)


def read_lines(text: str, ctx: ExtractContext) -> list[str]:
    """An HL7 v2 message's fields, "<field name>: <value>" a line."""
    out: list[str] = []
    delims = _Delimiters("MSH|^~\\&")
    version = _DEFAULT_VERSION
    for n, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        if n % 2048 == 2047:
            ctx.check_deadline()
        line = line.strip("\x0b\x1c")
        seg = line[:3]
        if not line.strip():
            continue
        if not _SEGMENT_ID.fullmatch(seg) or (len(line) > 3 and line[3] != delims.field and seg not in _HEADERS):
            out.append(delims.unescape(line))  # a line that is no segment (a note wrapped by a mail client)
            continue
        if seg in _HEADERS:
            if seg == "MSH" and out and out[-1]:
                out.append("")  # each message a record of its own, parted by an empty line
            delims = _Delimiters(line)
            fields = line.split(delims.field)
            if seg == "MSH" and len(fields) > 11:
                version = fields[11].split(delims.component)[0].strip() or _DEFAULT_VERSION
            # fields[1] is the header's second field (the encoding characters): not text.
            numbered = [(i + 1, f) for i, f in enumerate(fields) if i >= 2]
        else:
            fields = line.split(delims.field)
            numbered = list(enumerate(fields))[1:]
        for number, value in numbered:
            if value.strip() and value != '""':
                shown = _field(seg, number, value, delims, version)
                if shown:
                    out.append(shown)
    return out


_HEADERS = frozenset({"MSH", "BHS", "FHS"})


def _field(seg: str, number: int, value: str, d: _Delimiters, version: str) -> str:
    label, datatype = _name(seg, number, version)
    reps = []
    for rep in value.split(d.repetition):
        components = [d.unescape(c.replace(d.subcomponent, " ")).strip() for c in rep.split(d.component)]
        reps.append(_value(components, datatype))
    return "\n".join(f"{label}: {r}" for r in reps if r)


def _value(components: list[str], datatype: str) -> str:
    if datatype == "CX" and len(components) >= 5:
        kind = _ID_TYPES.get(components[4].upper()) or _ID_TYPES.get(components[3].upper())
        if kind and components[0]:
            rest = " ".join(c for c in components[1:] if c)
            return f"{kind}: {components[0]}" + (f" ({rest})" if rest else "")
    if datatype in _NAME_TYPES and len(components) > 1:
        family, given, middle, suffix, prefix = (components + [""] * 5)[:5]
        return " ".join(c for c in (prefix, given, middle, family, suffix) if c)
    if datatype in _DATE_TYPES and components[0]:
        components = [_date(components[0]), *components[1:]]
    return " ".join(c for c in components if c)


def _date(value: str) -> str:
    m = _DATE.fullmatch(value)
    if m is None:
        return value
    year, month, day, hour, minute, second = m.groups()
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return value
    shown = f"{year}-{month}-{day}"
    if hour:
        shown += f" {hour}:{minute or '00'}" + (f":{second}" if second else "")
    return shown


@lru_cache(maxsize=4096)
def _name(seg: str, number: int, version: str) -> tuple[str, str]:
    """A field's name in words and its data type, from the standard's tables; "ZPI-3" when it has none."""
    reference = _reference(f"{seg}_{number}", version) or _reference(f"{seg}_{number}", _DEFAULT_VERSION)
    if reference is None:
        return f"{seg}-{number}", ""
    words = str(reference[3] or "").lower().replace("_", " ").strip()
    if words.endswith(" " + seg.lower()):
        words = words[: -len(seg) - 1]
    words = _RENAMED.get(words, words)
    return (words or f"{seg}-{number}"), str(reference[2] or "")


def _reference(field: str, version: str) -> tuple | None:
    from hl7apy import load_reference

    try:
        found = load_reference(field, "Field", version)
    except Exception:  # an unknown version, segment or field
        return None
    return found if isinstance(found, tuple) and len(found) > 3 else None
