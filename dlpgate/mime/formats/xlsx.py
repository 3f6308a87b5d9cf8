"""Excel .xlsx/.xlsm/.xltx: every sheet, shared and inline strings, numbers, dates.

Sheet XML is streamed in chunks of about 1 MiB cut at row ends and read with
regular expressions, not an XML parser: openpyxl and lxml's iterparse are
several times slower on large sheets.  The rows a sheet repeats the shape of
are read a chunk at a time (one pattern for a whole row; values converted a
column at a time), any other row cell by cell, with the same result.  The
sheet XML is read leniently: markup the patterns do not know is skipped, not
reported.  lxml reads the small parts (workbook, shared strings, styles,
comments), so damage there is an error; openpyxl is used only for its
date-format test and serial-to-date conversion.  Numbers come out as
their digits: 9434765919 stored as a number is "9434765919" whatever the
number format, and a format of digit placeholders only (``000 000 0000``,
``0000000000``) is applied, so a CHI number that lost its leading zero gets
it back.  Date-formatted numbers become ISO dates.

Each sheet is one tabular segment ("attachment list.xlsx, sheet Patients")
whose first line is the sheet's first row; a very long sheet is cut into
segments of ``ROWS_PER_SEGMENT`` rows, each starting with that header row.
"""

from __future__ import annotations

import codecs
import datetime
import io
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from html import unescape
from itertools import compress, repeat
from typing import TYPE_CHECKING

from lxml import etree

from dlpgate.mime.formats._guard import natural_key
from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext
    from dlpgate.mime.formats._opc import Package

ROWS_PER_SEGMENT = 50_000
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_C, _ROW, _V, _IS, _T, _SI, _RPH = (f"{{{NS}}}{x}" for x in ("c", "row", "v", "is", "t", "si", "rPh"))
_CELL_REF = re.compile(r"([A-Z]{1,3})")
_PLACEHOLDERS = re.compile(r"^[0 \-]*0[0 \-]*$")
_BUILTIN_DATE_IDS = (
    frozenset(range(14, 23)) | frozenset(range(45, 48)) | frozenset(range(27, 37)) | frozenset(range(50, 59))
)


def _parser_args() -> dict:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def _col_index(ref: str | None) -> int | None:
    if not ref:
        return None
    m = _CELL_REF.match(ref)
    if not m:
        return None
    return _col_number(m.group(1))


def _col_number(letters: str) -> int:
    """The 0-based column of upper-case column letters ("A" is 0)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _flat(text: str) -> str:
    """A cell's text on one line of a tab-separated row."""
    if "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return text


def _shared_strings(xml: bytes) -> list[str]:
    out: list[str] = []
    # "{*}": the Transitional namespace or ISO Strict's (purl.oclc.org) alike.
    for _, si in etree.iterparse(io.BytesIO(xml), events=("end",), tag="{*}si", **_parser_args()):
        # Rich text runs are concatenated; phonetic guides (rPh) are not content.
        text = "".join(t.text or "" for t in si.iter("{*}t") if not t.getparent().tag.endswith("}rPh"))
        out.append(_flat(text))
        si.clear()
    return out


def _styles(xml: bytes | None) -> list[tuple[str, str]]:
    """Per cell style index: ("date", "") | ("placeholder", format) | ("", "")."""
    if not xml:
        return []
    from openpyxl.styles.numbers import is_date_format

    root = etree.fromstring(xml, etree.XMLParser(**_parser_args()))
    fmts = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter("{*}numFmt")}
    out: list[tuple[str, str]] = []
    xfs = root.find("{*}cellXfs")
    for xf in xfs if xfs is not None else ():
        fid = int(xf.get("numFmtId", "0") or 0)
        code = fmts.get(fid, "")
        if fid in _BUILTIN_DATE_IDS or (code and is_date_format(code)):
            out.append(("date", ""))
        elif code and _PLACEHOLDERS.match(code.split(";")[0]):
            out.append(("placeholder", code.split(";")[0]))
        else:
            out.append(("", ""))
    return out


def _apply_placeholders(digits: str, fmt: str) -> str:
    zeros = fmt.count("0")
    if len(digits) > zeros:
        return digits
    digits = digits.rjust(zeros, "0")
    it = iter(digits)
    return "".join(next(it) if ch == "0" else ch for ch in fmt)


def _number(text: str, style: tuple[str, str]) -> str:
    kind, fmt = style
    if kind == "date":
        try:
            from openpyxl.utils.datetime import from_excel

            value = from_excel(float(text))
            # A midnight is a date; a day number under 1 (a time of day, 00:00 too) stays a time.
            if isinstance(value, datetime.datetime) and value.time() == datetime.time():
                value = value.date()
            return value.isoformat() if hasattr(value, "isoformat") else str(value)
        except (ValueError, OverflowError, TypeError, AttributeError):
            return text
    if "E" in text or "e" in text or text.endswith(".0"):
        try:
            f = float(text)
            if f.is_integer() and abs(f) < 1e20:
                text = str(int(f))
        except ValueError:
            return text
    if kind == "placeholder" and text.isdigit():
        return _apply_placeholders(text, fmt)
    return text


def _sheets(pkg, main: str) -> tuple[list[tuple[str, str]], str]:
    """(sheet name, part path) in workbook order, and the text of the defined names."""
    wb = etree.fromstring(pkg.read(main), etree.XMLParser(**_parser_args()))
    rels = {r.id: r.target for r in pkg.rels.get(main, ()) if not r.external}
    out = []
    for sheet in wb.iter("{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        path = rels.get(rid, "")
        if path in pkg.infos:
            out.append((sheet.get("name", "") or "?", path))
    # Named ranges and constants (="..."): text a reader sees in the Name Manager.
    names = [f"{d.get('name', '')}: {d.text}" for d in wb.iter("{*}definedName") if d.text and d.text.strip()]
    return out, "\n".join(names)


class _Tail:
    """A stream that keeps the last two chunks read: the markup after a sheet's cells."""

    def __init__(self, fh) -> None:
        self.fh = fh
        self.chunks: list[bytes] = []

    def read(self, n: int) -> bytes:
        chunk = self.fh.read(n)
        if chunk:
            self.chunks = [*self.chunks[-1:], chunk]
        return chunk

    def after_cells(self) -> str:
        data = b"".join(self.chunks)
        at = max(data.rfind(b"</sheetData>"), data.rfind(b":sheetData>"), data.rfind(b"<sheetData/>"))
        return data[at:].decode("utf-8", "replace") if at >= 0 else ""


# Text after a sheet's cells: page headers and footers, hyperlink labels and
# tooltips, data-validation prompts and lists (cell values are read by _rows).
_TAIL_TEXT = re.compile(r">([^<]+)<")
_TAIL_ATTRS = re.compile(r'\b(?:display|tooltip|prompt|promptTitle|error|errorTitle)="([^"]*)"')
_HF_CODES = re.compile(r"&(?:[LCRPNDTZFAGBIUSEXYKH]|\d+|\"[^\"]*\"|&)")


def _after_cells_text(tail: str) -> str:
    lines = [_HF_CODES.sub(" ", unescape(t)).strip() for t in _TAIL_TEXT.findall(tail)]
    lines += [unescape(v) for v in _TAIL_ATTRS.findall(tail)]
    return "\n".join(line for line in lines if line.strip())


# The common machine-written cell first (r, s, t in that order; a value or one
# inline string), then any other cell, then a row end.
_CELL_RE = re.compile(
    r"<c r=\"([A-Z]{1,3})\d+\"(?: s=\"(\d+)\")?(?: t=\"(\w+)\")?"
    r"(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space=\"preserve\")?>([^<]*)</t></is>)</c>)"
    r"|<(?:[\w.-]+:)?(?:c((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?:/>|>(.*?)</(?:[\w.-]+:)?c>)"
    r"|(/(?:[\w.-]+:)?row>|(?:[\w.-]+:)?row\b[^>]*/>))",
    re.S,
)
_ATTR_RE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_V_RE = re.compile(r"<(?:[\w.-]+:)?v(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?v>", re.S)
_T_RE = re.compile(r"<(?:[\w.-]+:)?t(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?t>", re.S)
_F_RE = re.compile(r"<(?:[\w.-]+:)?f(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?f>", re.S)
_FORMULA_LITERAL = re.compile(r'"((?:[^"]|"")*)"')
_ROW_END = re.compile(r"</(?:[\w.-]+:)?row>|<(?:[\w.-]+:)?row\b[^>]*/>")
MAX_ROW_CHARS = 64 * 1024 * 1024


def _value(raw: str, t: str | None, s: str | None, shared: list[str], styles: list, dates: dict[str, str]) -> str:
    if t == "s":
        try:
            idx = int(raw)
        except ValueError:
            return ""
        return shared[idx] if 0 <= idx < len(shared) else ""
    if t is None or t == "n":
        if not raw:
            return ""
        if "&" in raw:  # a character reference ("&#57;434...") is still a digit
            raw = unescape(raw)
        style = styles[int(s)] if s and s.isdigit() and int(s) < len(styles) else ("", "")
        if style[0] == "date":
            got = dates.get(raw)
            if got is None:
                got = _number(raw, style)
                if len(dates) < 100_000:
                    dates[raw] = got
            return got
        return _number(raw, style) if style[0] or not raw.isdigit() else raw
    if t == "b":
        return "TRUE" if raw == "1" else "FALSE" if raw else ""
    # str (formula result), e (error), d (ISO date)
    return unescape(raw) if "&" in raw else raw


class _Book:
    """What every sheet of one workbook shares: its strings and styles, and conversion caches."""

    def __init__(self, shared: list[str], styles: list[tuple[str, str]]) -> None:
        self.shared = shared
        self.styles = styles
        # raw serial -> ISO date (bounded in _value); None and "" are absent/empty cells.
        self.dates: dict = {None: "", "": ""}
        self.columns: dict[str, int] = {}
        self._index: dict | None = None

    def shared_index(self) -> dict:
        """{"12": shared[12], ...} for bulk look-ups, or {} when the table is too big to index."""
        if self._index is None:
            if len(self.shared) > SHARED_INDEX_MAX:
                self._index = {}
            else:
                self._index = dict(zip(map(str, range(len(self.shared))), self.shared, strict=True))
                self._index[None] = self._index[""] = ""
        return self._index

    def style(self, s: str) -> tuple[str, str]:
        styles = self.styles
        return styles[int(s)] if s and s.isdigit() and int(s) < len(styles) else ("", "")


def _cells_to_lines(matches, row: list[str], book: _Book) -> Iterator[str]:
    """``_CELL_RE`` matches (findall tuples) to finished rows; ``row`` is the row in progress."""
    shared, styles, dates, columns = book.shared, book.styles, book.dates, book.columns
    nshared = len(shared)
    for col_letters, s, t, v, istext, attrs, inner, row_end in matches:
        if row_end:
            while row and not row[-1]:
                row.pop()
            if row:
                yield "\t".join(row)
            row.clear()
            continue
        if col_letters:  # the common machine-written cell
            if v:
                if not t:
                    value = v if not s and "E" not in v and "e" not in v and "&" not in v else _value(v, None, s, shared, styles, dates)
                elif t == "s":
                    value = shared[int(v)] if v.isdigit() and int(v) < nshared else ""
                else:
                    value = _flat(_value(v, t, s, shared, styles, dates))
            elif istext:
                value = _flat(unescape(istext) if "&" in istext else istext)
            else:
                value = ""
            col: int | None = columns.get(col_letters)
            if col is None:
                col = columns[col_letters] = _col_number(col_letters)
        else:
            col, value = _other_cell(attrs, inner, book)
        if col is not None and col != len(row) and len(row) < col < len(row) + 16384:
            row.extend([""] * (col - len(row)))
        row.append(value)


def _other_cell(attrs: str, inner: str, book: _Book) -> tuple[int | None, str]:
    """(column, text) of a cell in any form but the common one (second branch of ``_CELL_RE``)."""
    t = s = ref = None
    for name, v1, v2 in _ATTR_RE.findall(attrs):
        name = name.rpartition(":")[2]
        if name == "t":
            t = v1 or v2
        elif name == "s":
            s = v1 or v2
        elif name == "r":
            ref = v1 or v2
    value = ""
    if inner:
        if t == "inlineStr":
            value = unescape("".join(_T_RE.findall(inner)))
        else:
            vm = _V_RE.search(inner)
            value = _value(vm.group(1), t, s, book.shared, book.styles, book.dates) if vm else ""
            if not value and (fm := _F_RE.search(inner)):
                value = _formula_text(unescape(fm.group(1)))
    return _col_index(ref), _flat(value)


def _formula_text(formula: str) -> str:
    """What a formula saved without its result shows: its text literals joined
    (``="452"&"6018155"``, ``CONCATENATE(...)``), else the formula itself.
    Programs that write workbooks (openpyxl, report generators) leave the result
    for Excel to compute on opening."""
    literals = _FORMULA_LITERAL.findall(formula)
    return "".join(lit.replace('""', '"') for lit in literals) if literals else formula


# --- bulk reading of regular rows -----------------------------------------------------
#
# Most sheets repeat a few cell shapes row after row (column A a number, B a shared
# string, D a date...).  The shapes seen in a sheet are compiled into one regular
# expression for a whole row, every cell optional, one group per cell value;
# ``re.split`` with it gives, for a chunk, the text between matched rows and each
# column's raw values, which are then converted a column at a time (dictionary
# look-ups mapped in C) and formatted a row at a time.  A matched row is read
# exactly as ``_cells_to_lines`` reads it: its cells are the forms of the first
# branch of ``_CELL_RE`` (or a formula with a cached value, read by the second),
# its columns increase, and there is only white space between its tags.  Text
# between matched rows that holds a tag (a row of some other shape, a comment...)
# goes through ``_cells_to_lines``; when it cannot be kept apart from the rows
# around it, the whole chunk does.

# ASCII classes where _CELL_RE has \d and \w: narrower is safe (a row the pattern does
# not match is read cell by cell) and faster.
_ROW_OPEN = r'<row(?: [A-Za-z0-9_:.-]+="[^"<>]*")*>'
# Cell shapes: column letters, attributes as the first branch of _CELL_RE reads them, content.
_SPEC_RE = re.compile(
    r'<c r="([A-Z]{1,3})\d+"((?: s="\d+")?(?: t="\w+")?)'
    r'(/>|><v>|><is><t>|><is><t xml:space="preserve">|><f[ />])'
)
_FORMS = {  # content start -> (kind, rest of the cell's pattern)
    "/>": ("empty", "/>"),
    "><v>": ("v", r"><v>([^<]*)</v></c>"),
    "><is><t>": ("is", r"><is><t>([^<]*)</t></is></c>"),
    '><is><t xml:space="preserve">': ("is", r'><is><t xml:space="preserve">([^<]*)</t></is></c>'),
    # with a cached value; one without is read by _other_cell, from its formula
    "f": ("f", r'><f(?: [A-Za-z0-9_:.-]+="[^"<>]*")*(?:/>|>[^<]*</f>)<v>([^<]+)</v></c>'),
}
_SPEC_ATTRS = re.compile(r'(?: s="(\d+)")?(?: t="(\w+)")?')
_NONE_TO_EMPTY = {None: ""}
_date = datetime.date
_EXCEL_DAY_0 = datetime.date(1899, 12, 30).toordinal()  # openpyxl's WINDOWS_EPOCH
MAX_SHAPES = 512  # cell shapes one sheet's row pattern may hold
MAX_LEARNS = 24  # times one sheet's row pattern may be rebuilt
SHARED_INDEX_MAX = 200_000  # strings indexed by their number as text (about 100 bytes each)


def _spec_attrs(attrs: str) -> tuple[str, str]:
    """(s, t) of a cell shape's attributes as ``_SPEC_RE`` took them ("" for one absent)."""
    m = _SPEC_ATTRS.fullmatch(attrs)
    # Every part of _SPEC_ATTRS is optional and _SPEC_RE only takes text it matches.
    assert m is not None
    s, t = m.groups("")
    return s, t


class _RowPattern:
    __slots__ = ("regex", "step", "plan", "positions", "width")

    def __init__(self, specs: set[tuple[str, str, str]]) -> None:
        by_col: dict[str, list[tuple[str, str]]] = {}
        for letters, attrs, form in sorted(specs):
            by_col.setdefault(letters, []).append((attrs, form))
        parts = [_ROW_OPEN]
        self.plan: list[tuple[int, list[tuple[int, str, str, str]]]] = []
        group = 0
        for letters in sorted(by_col, key=_col_number):
            alternatives: list[str] = []
            groups: list[tuple[int, str, str, str]] = []
            for attrs, form in by_col[letters]:
                kind, tail = _FORMS[form]
                alternatives.append(re.escape(attrs) + tail)
                if kind != "empty":
                    s, t = _spec_attrs(attrs)
                    groups.append((group, kind, s, t))
                    group += 1
            parts.append(f'\\s*+(?:<c r="{letters}[0-9]+"(?:' + "|".join(alternatives) + "))?+")
            if groups:
                self.plan.append((_col_number(letters), groups))
        parts.append(r"\s*+</row>")
        self.regex = re.compile("".join(parts))
        self.step = group + 1
        self.positions = [col for col, _ in self.plan]
        self.width = self.positions[-1] + 1 if self.positions else 0


class _SheetReader:
    """The bulk reader of one sheet: its row pattern, learnt from the sheet as it is read."""

    def __init__(self, book: _Book) -> None:
        self.book = book
        self.specs: set[tuple[str, str, str]] = set()
        self.pattern: _RowPattern | None = None
        self.enabled = True
        self.learns = 0
        self.misses = 0

    def lines(self, text: str, row: list[str]) -> list[str] | None:
        """The finished rows of a chunk, or None: read it with ``_cells_to_lines`` instead."""
        try:
            return self._lines(text, row)
        except Exception:  # the cell-by-cell reader redoes the chunk, and raises what it raises
            return None

    def _learn(self, text: str) -> _RowPattern | None:
        """The pattern rebuilt with the cell shapes new in text, or None when there are none (or too many)."""
        found = set()
        for letters, attrs, head in set(_SPEC_RE.findall(text)):
            form = "f" if head.startswith("><f") else head
            if form == "f" and attrs.endswith('t="inlineStr"'):
                continue  # read as an empty inline string: leave it to _cells_to_lines
            if _col_number(letters) < 16384:  # past that, positions depend on the cells before
                found.add((letters, attrs, form))
        specs = self.specs | found
        if specs == self.specs:
            return None
        if len(specs) > MAX_SHAPES or self.learns >= MAX_LEARNS:
            self.enabled = False
            return None
        self.specs, self.pattern, self.learns = specs, _RowPattern(specs), self.learns + 1
        return self.pattern

    def _miss(self, text: str) -> None:
        """The pattern does not fit this chunk: stop trying after a few big ones."""
        if len(text) > 256 * 1024:
            self.misses += 1
            if self.misses >= 4:
                self.enabled = False

    def _lines(self, text: str, row: list[str]) -> list[str] | None:
        pattern = self.pattern or self._learn(text)
        if pattern is None:
            if len(text) > 256 * 1024:  # a big chunk with no cell of a known shape: not worth trying
                self.enabled = False
            return None
        parts = pattern.regex.split(text)
        between = parts[:: pattern.step]
        if "<" in "".join(between):
            relearnt = self._learn("".join(b for b in between if "<" in b))
            if relearnt is not None:
                pattern = relearnt
                parts = pattern.regex.split(text)
                between = parts[:: pattern.step]
            odd_at = [k for k, b in enumerate(between) if "<" in b]
            if 2 * sum(len(between[k]) for k in odd_at) > len(text):
                if len(text) > 256 * 1024:
                    self._miss(text)
                    return None
        else:
            odd_at = []
        n = len(between) - 1  # rows matched
        lines = self._matched(pattern, parts, n, text, keep_places=bool(odd_at))
        if not odd_at:
            if row and n:
                return None  # cells before the first row would belong to it
            return lines
        return self._interleaved(pattern, text, row, n, lines, set(odd_at))

    def _interleaved(
        self, pattern: _RowPattern, text: str, row: list[str], n: int, lines: list[str], odd: set[int]
    ) -> list[str] | None:
        """The n matched rows' lines with the rows the pattern did not match, read cell by cell in their place."""
        spans = [m.span() for m in pattern.regex.finditer(text)]
        if len(spans) != n:
            return None
        out: list[str] = []
        state = list(row)
        for k in range(n + 1):
            if k in odd:
                start = spans[k - 1][1] if k else 0
                stop = spans[k][0] if k < n else len(text)
                found = []
                for m in _CELL_RE.finditer(text, start):
                    if m.start() >= stop:
                        break
                    if m.end() > stop:
                        return None
                    found.append(m.groups(""))
                out.extend(_cells_to_lines(found, state, self.book))
            if k < n:
                if state:
                    return None
                if lines[k]:
                    out.append(lines[k])
        row[:] = state
        return out

    def _matched(self, pattern: _RowPattern, parts: list, n: int, text: str, keep_places: bool) -> list[str]:
        """One line per matched row ("" for a row with nothing in it when keep_places)."""
        if not pattern.plan or not n:
            return [""] * n if keep_places else []
        step = pattern.step
        columns = []
        for _, groups in pattern.plan:
            # A column's forms (a number here, a shared string in the header...): at most
            # one of them in each row.  Mostly one form fills it and the others are rare.
            present = []
            for group, kind, s, t in groups:
                raw = parts[1 + group :: step]
                absent = raw.count(None)
                if absent < n:
                    present.append((n - absent, raw, kind, s, t))
            present.sort(key=lambda p: -p[0])
            if not present:
                columns.append([""] * n)
                continue
            _, raw, kind, s, t = present[0]
            values = self._convert(raw, kind, s, t)
            for count, raw, kind, s, t in present[1:]:
                if count * 8 < n:  # a few cells: convert just those ("" converts to "")
                    at = list(compress(range(n), raw))
                    got = self._convert([raw[i] for i in at], kind, s, t)
                    for i, v in zip(at, got, strict=True):
                        values[i] += v
                else:
                    values = list(map(operator.add, values, self._convert(raw, kind, s, t)))
            columns.append(values)
        by_position = dict(zip(pattern.positions, columns, strict=True))
        cells = [by_position[c] if c in by_position else repeat("", n) for c in range(pattern.width)]
        lines = list(map("\t".join, zip(*cells, strict=False)))  # repeat() has no length
        last = columns[-1]
        if "" in last:  # rows whose last cells are empty: drop them, as _cells_to_lines does
            if "\t" not in text:  # no value holds a tab, so the trailing tabs are exactly those cells
                lines = list(map(str.rstrip, lines, repeat("\t", n)))
            else:
                i = -1
                width, positions = pattern.width, pattern.positions
                while (i := _index_of(last, "", i + 1)) >= 0:
                    row_cells = [""] * width
                    for col, values in zip(positions, columns, strict=True):
                        row_cells[col] = values[i]
                    while row_cells and not row_cells[-1]:
                        row_cells.pop()
                    lines[i] = "\t".join(row_cells)
            if not keep_places and "" in lines:
                lines = [line for line in lines if line]
        return lines

    def _convert(self, raw: list, kind: str, s: str, t: str) -> list[str]:
        """One column's raw values (None for a cell a row does not have) to cell text."""
        if kind == "v":
            if t == "s":
                return self._shared_column(raw)
            return self._value_column(raw, s, t)
        if kind == "is":
            return _inline_column(raw)
        # a formula with its cached value, read as _cells_to_lines reads any other cell
        book = self.book
        shared, styles, dates = book.shared, book.styles, book.dates
        s_or_none, t_or_none = s or None, t or None
        return [_flat(_value(v, t_or_none, s_or_none, shared, styles, dates)) if v else "" for v in raw]

    def _shared_column(self, raw: list) -> list[str]:
        """A column of shared-string numbers (t="s")."""
        book = self.book
        shared = book.shared
        nshared = len(shared)

        def one(v: str | None) -> str:
            return (shared[int(v)] if v.isdigit() and int(v) < nshared else "") if v else ""

        index = book.shared_index()
        if index:
            return _fill(list(map(index.get, raw)), raw, one)
        if None not in raw and "" not in raw:
            joined = "".join(raw)
            if joined.isascii() and joined.isdigit():
                numbers = list(map(int, raw))
                if max(numbers) < nshared:
                    return list(map(shared.__getitem__, numbers))
        return list(map(one, raw))

    def _value_column(self, raw: list, s: str, t: str) -> list[str]:
        """A column of <v> values of any type but shared strings."""
        book = self.book
        shared, styles, dates = book.shared, book.styles, book.dates

        def one(v: str | None) -> str:
            if not v:
                return ""
            if not t:
                return v if not s and "E" not in v and "e" not in v and "&" not in v else _value(v, None, s, shared, styles, dates)
            return _flat(_value(v, t, s, shared, styles, dates))

        if t in ("", "n"):
            style = book.style(s)
            if style[0] == "date":
                return self._date_column(raw, t, one)
            values: list[str] = list(map(_NONE_TO_EMPTY.get, raw, raw)) if None in raw else raw
            joined = "".join(values)
            if not t and not s:
                if "E" not in joined and "e" not in joined and "&" not in joined:
                    return values
            elif not style[0] and joined.isdigit():
                return values
        return list(map(one, raw))

    def _date_column(self, raw: list, t: str, one: Callable[[str | None], str]) -> list[str]:
        """A column of date-styled numbers: cached conversions first, the rest one by one."""
        dates = self.book.dates
        looked = list(map(dates.get, raw))
        if None in looked and _add_day_numbers(dates, raw, looked):
            looked = list(map(dates.get, raw))
        values = _fill(looked, raw, one)
        if t == "n":
            joined = "".join(values)
            if "\t" in joined or "\n" in joined or "\r" in joined:
                values = list(map(_flat, values))
        return values


def _inline_column(raw: list) -> list[str]:
    """A column of inline strings (<is><t>)."""
    values: list[str] = list(map(_NONE_TO_EMPTY.get, raw, raw)) if None in raw else raw
    joined = "".join(values)
    if "&" not in joined and "\t" not in joined and "\n" not in joined and "\r" not in joined:
        return values
    return [_flat(unescape(v) if "&" in v else v) if v else "" for v in values]


def _add_day_numbers(dates: dict, raw: list, values: list) -> bool:
    """Put the date-styled whole day numbers a look-up missed into ``dates``, in bulk.

    A day number from 60 (1900-03-01) on, written in ASCII digits, is what
    ``_number`` turns into ``(1899-12-30 + n days).isoformat()`` through
    openpyxl's ``from_excel``; this computes the same without a Python call per
    date.  False when the missed values are anything else (they are then worked
    out one by one) or would take the cache past its bound.
    """
    missed = list(set(compress(raw, map(operator.is_, values, repeat(None)))))
    joined = "".join(missed)
    if not missed or not joined.isascii() or not joined.isdigit() or max(map(len, missed)) > 7:
        return False
    days = list(map(int, missed))
    if min(days) < 60 or max(days) > 2958465 or len(dates) + len(missed) >= 100_000:
        return False
    ordinals = map(operator.add, days, repeat(_EXCEL_DAY_0))
    dates.update(zip(missed, map(_date.isoformat, map(_date.fromordinal, ordinals)), strict=True))
    return True


def _index_of(values: list, item, start: int) -> int:
    try:
        return values.index(item, start)
    except ValueError:
        return -1


def _fill(values: list, raw: list, one: Callable[[str | None], str]) -> list[str]:
    """Work out the values a look-up missed (None) one by one."""
    i = -1
    while (i := _index_of(values, None, i + 1)) >= 0:
        values[i] = one(raw[i])
    return values


def _last_row_end(text: str) -> int:
    """End of the last row end in text (in its last 512 KiB if there is one there), or -1."""
    tail = max(0, len(text) - 512 * 1024)
    at = text.rfind("</row>", tail)
    if at >= 0 and _ROW_END.search(text, at + 6) is None:
        return at + 6  # what the loop below would find, without scanning the last 512 KiB
    cut = -1
    for m in _ROW_END.finditer(text, tail):
        cut = m.end()
    if cut < 0:
        ends = [m.end() for m in _ROW_END.finditer(text)]
        cut = ends[-1] if ends else -1
    return cut


def _rows(stream, book: _Book, check) -> Iterator[list[str]]:
    """Rows of one sheet as tab-separated lines, in batches, scanned with regular expressions.

    Worksheet XML is machine-written and flat (row > c > v|is), so a regex pass
    over the decompressed text, streamed in chunks cut at row ends, reads it
    several times faster than an XML parser while staying linear.  Chunks of
    regular rows are read in bulk (``_SheetReader``), anything else cell by
    cell (``_cells_to_lines``), with the same result.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    carry = ""
    row: list[str] = []
    reader = _SheetReader(book)
    while True:
        chunk = stream.read(1024 * 1024)  # findall holds one chunk of cells at a time
        text = carry + decoder.decode(chunk, final=not chunk)
        if chunk:
            cut = _last_row_end(text)
            if cut < 0:
                if len(text) > MAX_ROW_CHARS:
                    raise ValueError("worksheet row too long")
                carry = text
                continue
            carry = text[cut:]
            text = text[:cut]
        check()
        lines = reader.lines(text, row) if reader.enabled else None
        if lines is None:
            # findall (tuples, "" for a group that did not take part) is much
            # cheaper per cell than match objects.
            lines = []
            try:
                lines.extend(_cells_to_lines(_CELL_RE.findall(text), row, book))
            except Exception:
                if lines:  # what was read before the bad cell, as a line-by-line reader would give it
                    yield lines
                raise
        if lines:
            yield lines
        if not chunk:
            break
    while row and not row[-1]:
        row.pop()
    if row:
        yield ["\t".join(row)]


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from dlpgate.mime.formats._opc import read_package

    return read_package(data, name, where, ctx, lambda pkg: _workbook(pkg, data, where, ctx))


def _workbook(pkg: Package, data: bytes, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from dlpgate.mime.formats import xlsb

    names = pkg.infos
    main = pkg.main_part() or "xl/workbook.xml"
    if xlsb.is_binary_workbook(pkg, main):
        yield from xlsb.read(pkg, data, main, where, ctx)
        return
    if main not in names:
        yield Problem("corrupt", where, "no xl/workbook.xml")
        return
    strings = pkg.related(main, "sharedStrings") or [p for p in ("xl/sharedStrings.xml",) if p in names]
    shared = _shared_strings(pkg.read(strings[0])) if strings else []
    style_parts = pkg.related(main, "styles") or [p for p in ("xl/styles.xml",) if p in names]
    styles = _styles(pkg.read(style_parts[0]) if style_parts else None)
    book = _Book(shared, styles)
    sheets, defined_names = _sheets(pkg, main)
    if defined_names:
        yield Segment(defined_names, f"{where}, named ranges")
    titles = sheet_titles(name for name, _path in sheets)
    if titles:
        yield Segment(titles, f"{where}, tab names")
    for sheet_name, path in sheets:
        ctx.check_deadline()
        yield from _sheet(pkg, book, path, f"{where}, sheet {sanitise_name(sheet_name) or 'unnamed'}", where, ctx)
    # Sheets the workbook no longer lists (deleted by hand, or by a tool that left the part
    # behind) still hold cells whose strings are in the shared table: read them as sheets.
    for path in sorted(names, key=natural_key):
        if path not in pkg.done and _is_worksheet(pkg, path):
            ctx.check_deadline()
            place = f"{where}, unlisted sheet {sanitise_name(path.rpartition('/')[2])}"
            yield from _sheet(pkg, book, path, place, where, ctx)
    # Comments no sheet points at (an older layout, or a damaged package).
    for part in sorted(n for n in names if n.startswith(("xl/comments", "xl/threadedComments/"))):
        if part not in pkg.done:
            yield from _comments(pkg.read(part), f"{where}, comments")


_DEFAULT_TITLE = re.compile(r"(?i)(?:sheet|tabelle|feuil|hoja|foglio|blad)[ _]?[0-9]*")


def sheet_titles(names: Iterable[str]) -> str:
    """The sheets' names someone gave them ("Oduya O 7428607469"), one a line: text like any
    other, which a place's label does not get read for. "" when all are "Sheet1" and the like."""
    return "\n".join(n for n in names if len(n.strip()) > 2 and not _DEFAULT_TITLE.fullmatch(n.strip()))


def _is_worksheet(pkg: Package, path: str) -> bool:
    ct = pkg.content_type(path)
    if ct:
        return ct.endswith("spreadsheetml.worksheet+xml")
    low = path.lower()
    return low.startswith("xl/worksheets/") and low.endswith(".xml") and low.count("/") == 2


def _sheet(pkg: Package, book: _Book, path: str, place: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """One sheet: its cells, then the text after them, its drawings and charts, and its comments."""
    pkg.done.add(path)
    with pkg.zf.open(pkg.infos[path]) as fh:
        tail = _Tail(fh)
        yield from cell_segments(_rows(tail, book, ctx.check_deadline), place)
    other = _after_cells_text(tail.after_cells())
    if other:
        yield Segment(other, f"{place}, headers and links")
    # The sheet's drawings (text boxes, shapes, pictures' alt text) and their charts.
    for drawing in pkg.related(path, "drawing"):
        if drawing not in pkg.done:
            yield from pkg.xml_items(drawing, f"{place}, drawing", lenient=True)
        for chart in pkg.related(drawing, "chart", "chartEx"):
            if chart not in pkg.done:
                yield from pkg.xml_items(chart, f"{place}, chart", lenient=True)
    for comments in pkg.related(path, "comments", "threadedComment"):
        if comments not in pkg.done:
            yield from _comments(pkg.read(comments), f"{where}, comments")


def cell_segments(batches: Iterator[list[str]], place: str) -> Iterator[Segment]:
    """A sheet's rows as segments of at most ``ROWS_PER_SEGMENT`` rows, each after the first led by the header row."""
    header: str | None = None
    lines: list[str] = []
    fresh = 0
    for batch in batches:
        if header is None:
            header = batch[0]
        done = 0
        while done < len(batch):
            part = batch[done : done + max(1, ROWS_PER_SEGMENT - len(lines))]
            lines += part
            fresh += len(part)
            done += len(part)
            if len(lines) >= ROWS_PER_SEGMENT:
                yield Segment("\n".join(lines), place, tabular=True)
                lines, fresh = [header], 0
    if fresh:
        yield Segment("\n".join(lines), place, tabular=True)


def _comments(xml: bytes, place: str) -> Iterator[Segment]:
    root = etree.fromstring(xml, etree.XMLParser(**_parser_args()))
    yield Segment("\n".join(t for t in root.itertext() if t.strip()), place)
