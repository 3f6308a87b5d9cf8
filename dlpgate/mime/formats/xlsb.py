"""Excel binary workbooks (.xlsb): every sheet, through calamine.

An .xlsb is an OOXML package whose workbook, sheets and shared strings are
BIFF12 records, not XML: ``xlsx`` hands such a package here when its main
part is ``xl/workbook.bin``. calamine (``python-calamine``) reads the cells:
numbers as their digits (4010232137 stored as a number is "4010232137"),
date-formatted numbers as ISO dates, every sheet, hidden ones too, each one
tabular segment as in ``xlsx``. The package's other parts (drawings, comments,
custom XML, embedded files) are left to the package walk, which reads them
as it does in any Office file.

calamine decompresses the parts it reads itself, without the byte budget
the package walk keeps; so each of those parts is first streamed through
that budget, and one that expands past it stops the workbook as too large.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext
    from dlpgate.mime.formats._opc import Package

# Parts calamine reads, or that hold no text (indexes, styles, the calculation chain).
_READ_HERE = ("xl/worksheets/", "xl/chartsheets/", "xl/macrosheets/", "xl/dialogsheets/")
_NO_TEXT = ("styles.bin", "calcchain.bin", "binaryindex")


def is_binary_workbook(pkg: Package, main: str) -> bool:
    return main.lower().endswith(".bin") or (main not in pkg.infos and "xl/workbook.bin" in pkg.infos)


def read(pkg: Package, data: bytes, main: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from python_calamine import SheetTypeEnum

    from dlpgate.mime.formats.xlsx import cell_segments

    own = [p for p in pkg.infos if _ours(p, main)]
    for part in own:
        ctx.check_deadline()
        pkg.read(part)  # within the budget before calamine decompresses it (see above)
    # Worksheets only: a chart sheet holds no cells, its chart is a part the package walk reads.
    for item in sheets(data, where, ctx, (SheetTypeEnum.WorkSheet,), "corrupt", "binary workbook"):
        if isinstance(item, Problem):
            yield item
            continue
        place, lines = item
        if any(lines):
            yield from cell_segments(iter([lines]), place)


def sheets(
    data: bytes, where: str, ctx: ExtractContext, kinds: tuple, unreadable: str, what: str
) -> Iterator[Problem | tuple[str, list[str]]]:
    """(place, a line per row) of each sheet of ``kinds`` (calamine's SheetTypeEnum) in a
    workbook, as calamine reads it; a workbook it cannot open is an ``unreadable``
    problem naming ``what`` it is, a sheet it cannot read a corrupt one."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [m.name for m in book.sheets_metadata if m.typ in kinds]
    except Exception as exc:  # calamine raises its own error types for damaged records
        yield Problem(unreadable, where, f"{type(exc).__name__} reading the {what}")
        return
    for name in names:
        ctx.check_deadline()
        place = f"{where}, sheet {sanitise_name(name) or 'unnamed'}"
        try:
            rows = book.get_sheet_by_name(name).to_python()
        except Exception as exc:
            yield Problem("corrupt", place, f"{type(exc).__name__} reading the sheet")
            continue
        yield place, [row_text(row) for row in rows]


def _ours(part: str, main: str) -> bool:
    low = part.lower()
    if low.endswith(".rels"):
        return False
    if part == main or low in ("xl/workbook.bin", "xl/sharedstrings.bin"):
        return True
    if low.startswith(_READ_HERE) and low.endswith(".bin"):
        return True
    return low.startswith("xl/") and low.rpartition("/")[2].startswith(_NO_TEXT)


def row_text(row: list) -> str:
    """A row of calamine's values as a line, its cells apart by tabs."""
    return "\t".join(map(_cell, row)).rstrip("\t")


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e20 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")
