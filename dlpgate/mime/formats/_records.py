"""The records of an export read as a table: a contact card's, a calendar's event's, a map's
place's, a JSON list's objects, an XML file's repeated elements.

A record's fields are one row; the fields' names (as the reader words them: "Name",
"Address", "Notes") are the header row, cells parted by tabs. The segment is tabular, so the
rules of a sheet read it (detectors/health_terms: a column of names beside a column that
speaks of health): a person's name in one field and a note of their health in another field
of the same record are one row's, and one record's name is never beside another's note.
The reader's own text of the file is read as well; this table is read beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dlpgate.mime.text import camel_words
from dlpgate.types import Segment

Record = Sequence[tuple[str, str]]  # (field's name as a header's words, value), in the record's order

RECORDS_WHERE = ", records"  # the table's place: "attachment contacts.vcf, records"
MAX_RECORDS = 5000  # records of a file read as rows (a table's rules read its first rows)
_MAX_COLUMNS = 24
_MAX_CELL = 2000  # characters of a field's value read into its cell
_SPACE = re.compile(r"\s+")
# A field's name that says a record is a person's or a place's by name ("name", "fullName",
# "patient_name", "FN"): a record without one names no one, and its file is no table of people.
_NAME_FIELD = re.compile(r"(?i)\bname\b")


def named(label: str) -> bool:
    """The field's name (as a header's words) says it holds a name."""
    return _NAME_FIELD.search(label) is not None


def record_table(records: Sequence[Record], where: str, n: int = 1) -> Segment | None:
    """The records as a tabular segment at ``where`` + ", records" (the file's ``n``th table of
    records: ", records 2"); None when no record has a field of names (named) with a value in it."""
    columns: dict[str, int] = {}
    rows: list[dict[int, str]] = []
    any_name = False
    for record in records[:MAX_RECORDS]:
        row: dict[int, str] = {}
        for label, value in record:
            cell = _SPACE.sub(" ", value[:_MAX_CELL]).strip()
            if not cell or not label:
                continue
            k = columns.get(label)
            if k is None:
                if len(columns) >= _MAX_COLUMNS:
                    continue
                k = columns[label] = len(columns)
            row[k] = f"{row[k]}; {cell}" if k in row else cell
            any_name = any_name or named(label)
        if row:
            rows.append(row)
    if not any_name:
        return None
    width = len(columns)
    lines = ["\t".join(columns)]
    lines.extend("\t".join(row.get(k, "") for k in range(width)) for row in rows)
    return Segment("\n".join(lines), where + RECORDS_WHERE + (f" {n}" if n > 1 else ""), tabular=True, records=True)


def words(key: str) -> str:
    """A field's key as a header's words: "fullName" -> "Full name", "home_address" -> "Home address",
    "NHSNumber" -> "Nhs number" (mime.text.camel_words parts them)."""
    spaced = " ".join(camel_words(key, "_-").split()).lower()
    return spaced[:1].upper() + spaced[1:]


def named_value(name: str, value: str) -> str:
    """A property's name and value as the line a reader shows: "Contract ref: 4397131600" (its
    name as a header's words, words), so the name labels the value that follows it."""
    name, value = name.strip(), _SPACE.sub(" ", value).strip()
    if not name or not value:
        return name or value
    return f"{words(name)}: {value}"
