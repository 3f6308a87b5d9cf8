"""Legacy Excel .xls (BIFF) through xlrd: every sheet, numbers as digits, dates as ISO dates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import OLE_MAGIC, legacy_office_front
from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def _cell(cell, datemode: int) -> str:
    import xlrd

    ctype, value = cell.ctype, cell.value
    if ctype == xlrd.XL_CELL_NUMBER:
        return str(int(value)) if float(value).is_integer() and abs(value) < 1e20 else str(value)
    if ctype == xlrd.XL_CELL_DATE:
        try:
            d = xlrd.xldate.xldate_as_datetime(value, datemode)
            return d.date().isoformat() if not (d.hour or d.minute or d.second) else d.isoformat()
        except Exception:
            return str(value)
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if value else "FALSE"
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from dlpgate.mime.formats import xlsx

    front = legacy_office_front(data, name, where, ctx, "Excel workbook", xlsx.extract)
    if front is not None:
        yield from front
        return
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Null())
    try:
        titles = xlsx.sheet_titles(book.sheet_names())
        if titles:
            yield Segment(titles, f"{where}, tab names")
        for index in range(book.nsheets):
            ctx.check_deadline()
            # Workbooks older than Excel 5 (BIFF 2-4) are loaded whole: xlrd turns on_demand off for them
            sheet = book.get_sheet(index) if book.on_demand else book.sheet_by_index(index)
            lines = []
            for r in range(sheet.nrows):
                row = [_cell(c, book.datemode) for c in sheet.row(r)]
                while row and not row[-1]:
                    row.pop()
                if row:
                    lines.append("\t".join(row))
            if lines:
                yield Segment("\n".join(lines), f"{where}, sheet {sanitise_name(sheet.name) or index + 1}", tabular=True)
            if book.on_demand:
                book.unload_sheet(index)
        # xlrd passes over the sheets that are not worksheets (Excel 4 macro and dialog sheets)
        others = -1 in getattr(book, "_all_sheets_map", ())
    finally:
        book.release_resources()
    if others:
        yield from _macro_sheets(data, where, ctx)
    if data.startswith(OLE_MAGIC):
        from dlpgate.mime.formats._opc import ole_embeddings

        yield from ole_embeddings(data, where, ctx)


def _macro_sheets(data: bytes, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """The macro and dialog sheets of a legacy workbook (Excel 4 macros keep their cells
    there), through calamine, as xlrd does not read them."""
    from python_calamine import SheetTypeEnum

    from dlpgate.mime.formats import xlsb

    kinds = (SheetTypeEnum.MacroSheet, SheetTypeEnum.DialogSheet)
    for item in xlsb.sheets(data, where, ctx, kinds, "unsupported", "macro sheets"):
        if isinstance(item, Problem):
            yield item
            continue
        place, lines = item
        lines = [line for line in lines if line]
        if lines:
            yield Segment("\n".join(lines), place, tabular=True)


class _Null:
    def write(self, _text: str) -> int:
        return 0
