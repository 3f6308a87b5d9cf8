"""OpenDocument: .odt (text), .ods (spreadsheet), .odp (presentation), and templates.

content.xml (and styles.xml for headers and footers) read straight from the
zip.  Paragraphs and headings become lines; each spreadsheet table is a
tabular segment per sheet ("attachment list.ods, sheet Patients"), text
tables in a document are tabular segments too.  A numeric cell gives its
stored value (``office:value``) when it is a whole number, so a formatted
NHS number still reads as its ten digits.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from dlpgate.mime.formats._guard import (
    expansion_budget,
    open_office_zip,
    read_zip_member,
)
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_P = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}
_S, _TAB, _LB = f"{{{TEXT}}}s", f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break"
_TBL, _ROW, _CELL = f"{{{TABLE}}}table", f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-cell"
_COVERED = f"{{{TABLE}}}covered-table-cell"
_PAGE = f"{{{DRAW}}}page"
_REPEAT_CAP = 100  # repeated empty rows/cells are not expanded beyond this


def _para_text(elem) -> str:
    out: list[str] = []

    def walk(e) -> None:
        if e.text:
            out.append(e.text)
        for child in e:
            tag = child.tag
            if tag == _S:
                out.append(" " * min(int(child.get(f"{{{TEXT}}}c", "1") or 1), 100))
            elif tag == _TAB:
                out.append("\t")
            elif tag == _LB:
                out.append("\n")
            else:
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(elem)
    return "".join(out)


def _cell_text(cell) -> str:
    vtype = cell.get(f"{{{OFFICE}}}value-type")
    if vtype in ("float", "currency", "percentage"):
        value = cell.get(f"{{{OFFICE}}}value", "")
        try:
            f = float(value)
            if f.is_integer() and abs(f) < 1e20:
                return str(int(f))
        except ValueError:
            pass
    parts = [_para_text(p) for p in cell.iter(*_P)]
    return " ".join(p.replace("\t", " ").replace("\n", " ") for p in parts if p)


def _blocks(xml: bytes, check) -> Iterator[tuple[str, str, str]]:
    """(kind, label, text): kind is "text" or "table"; label a sheet/slide name."""
    lines: list[str] = []
    rows: list[str] = []
    tbl_depth = 0
    page = ""
    count = 0
    parser = etree.iterparse(
        io.BytesIO(xml), events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False
    )
    table_name = ""
    for event, elem in parser:
        tag = elem.tag
        if event == "start":
            if tag == _TBL:
                tbl_depth += 1
                if tbl_depth == 1:
                    table_name = elem.get(f"{{{TABLE}}}name", "")
                    if lines:
                        yield "text", page, "\n".join(lines)
                        lines = []
            elif tag == _PAGE:
                page = elem.get(f"{{{DRAW}}}name", "")
            continue
        if tag in _P:
            if not tbl_depth and elem.getparent() is not None and elem.getparent().tag not in _P:
                text = _para_text(elem)
                if text.strip():
                    lines.append(text)
                elem.clear()
        elif tag == _ROW and tbl_depth == 1:
            cells: list[str] = []
            for cell in elem:
                if cell.tag not in (_CELL, _COVERED):
                    continue
                text = _cell_text(cell)
                repeat = min(int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1") or 1), _REPEAT_CAP)
                cells.extend([text] * (repeat if text else min(repeat, 1)))
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                repeat = min(int(elem.get(f"{{{TABLE}}}number-rows-repeated", "1") or 1), _REPEAT_CAP)
                rows.extend(["\t".join(cells)] * repeat)
            elem.clear()
        elif tag == _TBL:
            tbl_depth -= 1
            if tbl_depth == 0:
                if rows:
                    yield "table", table_name, "\n".join(rows)
                rows = []
                elem.clear()
        elif tag == _PAGE:
            if lines:
                yield "text", page, "\n".join(lines)
                lines = []
            page = ""
        count += 1
        if count % 20000 == 0:
            check()
    if lines:
        yield "text", page, "\n".join(lines)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    zf, first = open_office_zip(data, name, where, ctx)
    yield from first
    if zf is None:
        return
    cap = expansion_budget(ctx.limits, len(data))
    with zf:
        names = {i.filename: i for i in zf.infolist()}
        if "content.xml" not in names:
            manifest = (
                read_zip_member(zf, names["META-INF/manifest.xml"], cap) if "META-INF/manifest.xml" in names else b""
            )
            if b"encryption-data" in manifest:
                yield Problem("encrypted", where, "password-protected OpenDocument file")
            else:
                yield Problem("corrupt", where, "no content.xml")
            return
        if "META-INF/manifest.xml" in names and b"encryption-data" in read_zip_member(
            zf, names["META-INF/manifest.xml"], cap
        ):
            yield Problem("encrypted", where, "password-protected OpenDocument file")
            return
        spreadsheet = b"spreadsheet" in (read_zip_member(zf, names["mimetype"], 200) if "mimetype" in names else b"")
        tables = 0
        for part in ("content.xml", "styles.xml"):
            if part not in names:
                continue
            ctx.check_deadline()
            xml = read_zip_member(zf, names[part], cap)
            for kind, label, text in _blocks(xml, ctx.check_deadline):
                if kind == "table":
                    tables += 1
                    if spreadsheet:
                        yield Segment(text, f"{where}, sheet {label or tables}", tabular=True)
                    else:
                        yield Segment(text, f"{where}, table {tables}", tabular=True)
                else:
                    place = f"{where}, slide {label}" if label else where
                    if part == "styles.xml":
                        place = f"{where}, headers and footers"
                    yield Segment(text, place)
