"""An SQL dump (pg_dump, mysqldump, sqlite3 .dump, a database tool's export) read as the
tables it holds.

A dump is text, but its rows are a table's: ``INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y');``
or a ``COPY t (a, b) FROM stdin;`` block of tab-separated lines. Each table is read as the
SQLite reader reads one (formats/sqlite.py): its column names as the header row (from the
statement's column list, else from the file's ``CREATE TABLE``), then one row a record, a tab
between cells (``attachment rota.sql, table shifts``), so a column's name says what its numbers
are as a CSV's header does. The rest of the file (comments, the schema, statements of another
kind, rows of a table whose columns the file never names) is read as the text it is.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import SheetText
from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_HINT = re.compile(r"(?i)\b(?:insert|replace)\s+(?:(?:ignore|or\s+\w+)\s+)?into\b|^copy\s", re.M)
_NAME = r"(?:`[^`\n]{1,128}`|\"[^\"\n]{1,128}\"|\[[^\]\n]{1,128}\]|[A-Za-z_][\w$]{0,127})"
_QUALIFIED = rf"{_NAME}(?:\s*\.\s*{_NAME}){{0,2}}"
_INSERT = re.compile(
    rf"(?im)^[ \t]*(?:insert|replace)\s+(?:(?:ignore|or\s+\w+)\s+)?into\s+({_QUALIFIED})\s*(\([^()]*\))?\s*values\s*(?=\()"
)
_COPY = re.compile(rf"(?im)^copy\s+({_QUALIFIED})\s*(\([^()]*\))?\s+from\s+stdin\b[^\n]*\n")
_CREATE = re.compile(
    rf"(?im)^[ \t]*create\s+(?:(?:global\s+|local\s+)?(?:temporary|temp|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?({_QUALIFIED})\s*\("
)
_NOT_COLUMN = frozenset({
    "primary", "key", "unique", "constraint", "foreign", "check", "index", "fulltext", "spatial",
    "exclude", "like", "period",
})
_STRING = re.compile(r"(?s)[EeNn]?'(.*)'(?:::[\w\s\[\]()]+)?")
_ESCAPE = re.compile(r"\\(.)", re.S)
_SPACES = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[\t\r\n\v\f]|  |^\s|\s$")
# A row of values with no brackets outside its strings, and its values: read by expression
# (a dump's many rows); any other row is read character by character (_closing, _split_top).
_QUOTED = r"'(?:[^'\\]|''|\\.)*'"
_PLAIN_ROW = re.compile(rf"\(((?:{_QUOTED}|[^'()\"`])*)\)", re.S)
_VALUE = re.compile(rf"(?:{_QUOTED}|[^,'])+", re.S)
_WORDS = ("nto", "NTO", "opy", "OPY")  # INSERT ... INTO, COPY
_ROWS_WORDS = ("alues", "ALUES", "stdin", "STDIN")  # what an INSERT's or a COPY's rows follow (VALUES, FROM stdin)
_MAX_TABLES = 32
_MAX_CELL = 2000
_COPY_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "N": "", "\\": "\\", "b": " ", "f": " ", "v": " "}


def looks_like(text: str) -> bool:
    """The text holds a table's rows as SQL: an INSERT ... VALUES or a COPY ... FROM stdin."""
    if not any(word in text for word in _ROWS_WORDS) or not any(word in text for word in _WORDS):
        return False  # (most texts: a few passes of substring tests, the rarer words first)
    return _HINT.search(text) is not None and (_INSERT.search(text) is not None or _COPY.search(text) is not None)


def _bare(name: str) -> str:
    """A name without its quotes: `shifts` "shifts" [shifts] -> shifts; a schema's part dropped."""
    last = re.split(r"\s*\.\s*(?=[`\"\[A-Za-z_])", name.strip())[-1]
    if last[:1] in "`\"[" and len(last) >= 2:
        last = last[1:-1]
    return last


def _columns(listed: str) -> list[str]:
    """The names of a statement's column list "(a, `b`, "c")"."""
    return [_bare(part) for part in listed.strip()[1:-1].split(",") if part.strip()]


def _split_top(body: str) -> list[str]:
    """``body`` split at its commas outside brackets and quotes."""
    parts, depth, start, quote = [], 0, 0, ""
    for i, ch in enumerate(body):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def _schema(text: str) -> dict[str, list[str]]:
    """Each CREATE TABLE's column names, by the table's bare name (lower case)."""
    tables: dict[str, list[str]] = {}
    for m in _CREATE.finditer(text):
        end = _closing(text, m.end() - 1)
        if end < 0:
            continue
        names = []
        for item in _split_top(text[m.end():end]):
            first = re.match(rf"\s*({_NAME})", item)
            if first is None or first.group(1).lower() in _NOT_COLUMN:
                continue
            names.append(_bare(first.group(1)))
        if names:
            tables.setdefault(_bare(m.group(1)).lower(), names)
    return tables


def _closing(text: str, open_at: int) -> int:
    """Where the bracket opened at ``open_at`` closes (quotes skipped), or -1."""
    depth, i, n = 0, open_at, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"`":
            i = _quoted_end(text, i)
            if i < 0:
                return -1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _quoted_end(text: str, i: int) -> int:
    """Just past the quoted string starting at ``i`` ('' and a backslash escape the quote), or -1."""
    q, j, n = text[i], i + 1, len(text)
    while j < n:
        ch = text[j]
        if ch == "\\" and q == "'":
            j += 2
            continue
        if ch == q:
            if j + 1 < n and text[j + 1] == q:
                j += 2
                continue
            return j + 1
        j += 1
    return -1


def _cell(raw: str) -> str:
    """A value as it reads: a string without its quotes and escapes, NULL empty, a cast dropped."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == "'" and raw[-1] == "'":
        raw = raw[1:-1]  # (most values: a plain string, read without an expression)
    elif (m := _STRING.fullmatch(raw)) is not None:
        raw = m.group(1)
    elif raw == "NULL" or raw == "null":
        return ""
    else:
        return raw[:_MAX_CELL]
    if "''" in raw:
        raw = raw.replace("''", "'")
    if "\\" in raw:
        raw = _ESCAPE.sub(_unescaped, raw)
    raw = raw[:_MAX_CELL]
    return _SPACES.sub(" ", raw).strip() if _ODD_SPACE.search(raw) else raw


def _unescaped(e: re.Match[str]) -> str:
    return _COPY_ESCAPES.get(e.group(1), e.group(1))


def _rows(text: str, pos: int) -> tuple[list[list[str]], int]:
    """The tuples of a VALUES list starting at ``pos`` ("(1, 'a'), (2, 'b');") and where it ends."""
    rows: list[list[str]] = []
    n = len(text)
    while pos < n and text[pos] == "(":
        plain = _PLAIN_ROW.match(text, pos)
        if plain is not None:
            rows.append([_cell(part) for part in _VALUE.findall(plain.group(1))])
            pos = plain.end()
        else:
            end = _closing(text, pos)
            if end < 0:
                break
            rows.append([_cell(part) for part in _split_top(text[pos + 1:end])])
            pos = end + 1
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos < n and text[pos] == ",":
            pos += 1
            while pos < n and text[pos] in " \t\r\n":
                pos += 1
    if pos < n and text[pos] == ";":
        pos += 1
    return rows, pos


def _copy_rows(text: str, pos: int) -> tuple[list[list[str]], int]:
    """The tab-separated lines of a COPY block from ``pos`` down to its "\\." line."""
    rows: list[list[str]] = []
    n = len(text)
    while pos < n:
        eol = text.find("\n", pos)
        line = text[pos:eol if eol >= 0 else n].rstrip("\r")
        pos = eol + 1 if eol >= 0 else n
        if line == "\\.":
            break
        rows.append([
            _ESCAPE.sub(_unescaped, cell)[:_MAX_CELL].replace("\t", " ").replace("\n", " ")
            if cell != "\\N" else ""
            for cell in line.split("\t")
        ])
    return rows, pos


def tables(text: str, where: str, ctx: ExtractContext) -> Generator[Segment | Problem, None, str]:
    """Yield each table whose rows the dump holds as a tabular segment; return the rest of
    the text (the rows read out of it) to be read as text."""
    schema = _schema(text)
    found: dict[str, tuple[str, list[str], list[list[str]]]] = {}
    cuts: list[tuple[int, int]] = []
    statements = sorted(
        [(m, False) for m in _INSERT.finditer(text)] + [(m, True) for m in _COPY.finditer(text)],
        key=lambda item: item[0].start(),
    )
    after = 0
    bare: dict[str, str] = {}
    for k, (m, copy) in enumerate(statements):
        if not k & 255:
            ctx.check_deadline()
        if m.start() < after:
            continue  # inside a statement already read
        table = bare.get(m.group(1)) or bare.setdefault(m.group(1), _bare(m.group(1)))
        columns = _columns(m.group(2)) if m.group(2) else schema.get(table.lower(), [])
        rows, after = _copy_rows(text, m.end()) if copy else _rows(text, m.end())
        if not columns or not rows or (table.lower() not in found and len(found) >= _MAX_TABLES):
            continue  # whose columns are not named: read as text
        key = f"{table.lower()}\t" + "\t".join(c.lower() for c in columns)
        found.setdefault(key, (table, columns, []))[2].extend(rows)
        cuts.append((m.start(), after))
    if not cuts:
        return text
    for table, columns, rows in found.values():
        sheet = SheetText("\t".join(c.replace("\t", " ") for c in columns),
                          f"{where}, table {sanitise_name(table) or 'unnamed'}", ctx.limits)
        for row in rows:
            full = sheet.add("\t".join(row))
            if full is not None:
                yield full
                break
        yield sheet.segment()
    rest, last = [], 0
    for start, end in cuts:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    return "".join(rest)
