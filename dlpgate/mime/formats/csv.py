"""CSV / TSV: decoded like text and marked tabular (the first line holds the headers).

Cells are deliberately not parsed: the raw text is enough for the detectors
and keeps this linear for files of any size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats.text import base64_files, decode
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


_DELIMITERS = (b",", b"\t", b";")  # (a table drawn with bars, a hex dump's column, is read as text)
_SAMPLE_LINES = 30


def looks_delimited(data: bytes) -> bool:
    """True when text's bytes are a table of delimited values, whatever its label says: its
    first line and nearly all of the next (up to 30) hold the same number, two or more, of
    one delimiter: comma, tab or semicolon (a list labelled a picture, an export named .dat or .txt)."""
    lines = [line for line in data[:16384].splitlines()[:_SAMPLE_LINES + 1] if line.strip()]
    if len(data) > 16384 and len(lines) > 1:
        lines.pop()  # cut by the sample
    if len(lines) < 3:
        return False
    for delim in _DELIMITERS:
        want = lines[0].count(delim)
        if want >= 2 and sum(line.count(delim) == want for line in lines[1:]) >= 0.8 * (len(lines) - 1):
            return True
    return False


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    yield Segment(text, where, tabular=True)
    # a file in base64 (a cell holding one, or a list whose transfer encoding was lost)
    yield from base64_files(text, where, ctx, data)


# --- SYLK -----------------------------------------------------------------------------------
# Excel's symbolic link format (.slk: old patient systems and report writers still export it):
# one record a line, fields parted by ";": "C;Y2;X3;K4010232137" puts the value after K in
# row 2, column 3 ("K" followed by a quoted string for text); "F" records format cells and
# "P" records list formats. A ";" in a value is written ";;".
_SYLK_FIELD_SPLIT = "\x00"


def extract_sylk(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """A SYLK file as the sheet Excel shows: a tabular segment, a row a line, cells apart by tabs."""
    text, problems = decode(data, where, ctx)
    yield from problems
    cells: dict[tuple[int, int], str] = {}
    row = col = 1
    other: list[str] = []
    for n, line in enumerate(text.splitlines()):
        if n % 4096 == 0:
            ctx.check_deadline()
        kind, _, rest = line.partition(";")
        if kind not in ("C", "F"):
            if kind not in ("ID", "P", "B", "O", "E", "NN", "NE", "NU", "W", ""):
                other.append(line)  # not a record SYLK defines: read as the text it is
            continue
        value = None
        for field in rest.replace(";;", _SYLK_FIELD_SPLIT).split(";"):
            field = field.replace(_SYLK_FIELD_SPLIT, ";")
            tag, body = field[:1], field[1:]
            if tag == "Y" and body.isdigit():
                row, col = int(body), 1
            elif tag == "X" and body.isdigit():
                col = int(body)
            elif tag == "K" and kind == "C":
                value = body[1:-1].replace('""', '"') if body.startswith('"') and body.endswith('"') and len(body) > 1 else body
            elif tag == "E" and kind == "C" and value is None:
                value = body  # a formula saved without its value
        if value is not None:
            cells[(row, col)] = value.replace("\t", " ")
    if cells:
        rows = max(r for r, _ in cells)
        cols = max(c for _, c in cells)
        if rows * cols <= 4 * len(cells) + 4096:
            lines = ["\t".join(cells.get((r, c), "") for c in range(1, cols + 1)) for r in range(1, rows + 1)]
        else:  # a sparse sheet: each row's cells only
            by_row: dict[int, list[tuple[int, str]]] = {}
            for (r, c), v in cells.items():
                by_row.setdefault(r, []).append((c, v))
            lines = ["\t".join(v for _, v in sorted(by_row[r])) for r in sorted(by_row)]
        yield Segment("\n".join(lines), where, tabular=True)
    if other:
        yield Segment("\n".join(other), where)
