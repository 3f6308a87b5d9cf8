"""OpenDocument: .odt (text), .ods (spreadsheet), .odp (presentation), .odg, and templates.

content.xml (and styles.xml for headers and footers) read straight from the
zip; meta.xml (title, subject, keywords, user-defined properties) as
"properties"; annotations (comments) where they sit; embedded objects
("Object 1/content.xml": charts, formulas, documents) as "> Object 1";
pictures and OLE objects handed back to the registry; any other file read as
XML text, or handed on or reported (see ``_opc.unknown_binary``).  Paragraphs and headings become lines; each spreadsheet table is a
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
    OLE_MAGIC,
    expansion_budget,
    natural_key,
    open_office_zip,
    read_zip_member,
)
from dlpgate.mime.formats._records import named_value
from dlpgate.mime.formats._xmltext import worded
from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_P = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}
_S, _TAB, _LB = f"{{{TEXT}}}s", f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break"
_TBL, _ROW, _CELL = f"{{{TABLE}}}table", f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-cell"
_COVERED = f"{{{TABLE}}}covered-table-cell"
_PAGE = f"{{{DRAW}}}page"
_ANNOTATION = f"{{{OFFICE}}}annotation"
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
            elif tag == _ANNOTATION:
                pass  # a comment: its paragraphs are lines of their own, its author and date are not text
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


def _row_lines(row) -> list[str]:
    """A table row as tab-separated lines: one per time the row repeats, none for an empty row."""
    cells: list[str] = []
    for cell in row:
        if cell.tag not in (_CELL, _COVERED):
            continue
        text = _cell_text(cell)
        repeat = min(int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1") or 1), _REPEAT_CAP)
        cells.extend([text] * (repeat if text else min(repeat, 1)))
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return []
    repeat = min(int(row.get(f"{{{TABLE}}}number-rows-repeated", "1") or 1), _REPEAT_CAP)
    return ["\t".join(cells)] * repeat


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
    said: list[str] = []  # words in attributes: a field's value, a validation's list, a named expression
    for event, elem in parser:
        tag = elem.tag
        _worded(event, elem, said)
        if event == "start":
            if tag == _TBL:
                tbl_depth += 1
                if tbl_depth == 1:
                    table_name = elem.get(f"{{{TABLE}}}name", "")
                    yield from _text_block(lines, page)
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
            rows.extend(_row_lines(elem))
            elem.clear()
        elif tag == _TBL:
            tbl_depth -= 1
            if tbl_depth == 0:
                if rows:
                    yield "table", table_name, "\n".join(rows)
                rows = []
                elem.clear()
        elif tag == _PAGE:
            yield from _text_block(lines, page)
            page = ""
        count += 1
        if count % 20000 == 0:
            check()
    yield from _text_block(lines, page)
    yield from _text_block(list(dict.fromkeys(said)), "", "worded")


def _worded(event: str, elem, out: list[str]) -> None:
    """Words a person wrote into an attribute (a hidden-text or user field's value, a
    validation's list, a named expression), not a style's or a font's name; read at an
    element's end."""
    if event != "end" or not elem.attrib:
        return
    for key, value in elem.attrib.items():
        local = key.rpartition("}")[2]
        if "font" not in local and "style" not in local and worded(value):
            out.append(value.strip())


def _text_block(lines: list[str], page: str, kind: str = "text") -> Iterator[tuple[str, str, str]]:
    """The lines read so far as one text block (none when there are none); ``lines`` is emptied."""
    if lines:
        yield kind, page, "\n".join(lines)
    lines.clear()


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
        done = {"mimetype", "META-INF/manifest.xml"}
        yield from _document(zf, names, "", where, spreadsheet, cap, ctx, done)
        # Embedded objects (charts, formulas, other documents): "Object 1/content.xml".
        objects = sorted({n.split("/", 1)[0] for n in names if "/" in n and n.split("/", 1)[1] in _PARTS}, key=natural_key)
        for folder in objects:
            if folder in ("META-INF",):
                continue
            yield from _document(zf, names, folder + "/", f"{where} > {sanitise_name(folder)}", False, cap, ctx, done)
        yield from _rest(zf, names, where, cap, ctx, done)


_PARTS = ("content.xml", "styles.xml", "meta.xml")
_NO_TEXT = ("settings.xml", "manifest.rdf", "layout-cache")


def _document(zf, names, prefix: str, where: str, spreadsheet: bool, cap: int, ctx, done: set[str]) -> Iterator[Segment | Problem]:
    tables = 0
    for part in _PARTS:
        path = prefix + part
        if path not in names:
            continue
        done.add(path)
        ctx.check_deadline()
        xml = read_zip_member(zf, names[path], cap)
        if part == "meta.xml":
            text = _meta_text(xml)
            if text:
                yield Segment(text, f"{where}, properties")
            continue
        for kind, label, text in _blocks(xml, ctx.check_deadline):
            if kind == "worded":
                yield Segment(text, f"{where}, words in its markup")
            elif kind == "table":
                tables += 1
                if spreadsheet:
                    yield Segment(text, f"{where}, sheet {sanitise_name(label) or tables}", tabular=True)
                else:
                    yield Segment(text, f"{where}, table {tables}", tabular=True)
            else:
                place = f"{where}, slide {sanitise_name(label)}" if label else where
                if part == "styles.xml":
                    place = f"{where}, headers and footers"
                yield Segment(text, place)


def _meta_text(xml: bytes) -> str:
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    skip = {"creation-date", "date", "editing-duration", "editing-cycles", "document-statistic", "generator", "print-date"}
    out = []
    for elem in root.iter():
        if not isinstance(elem.tag, str) or elem.tag.rpartition("}")[2] in skip:
            continue
        name = elem.get(f"{{{META}}}name")
        value = elem.text.strip() if elem.text else ""
        if name or value:  # a user-defined property: "Name: value" (_records.named_value)
            out.append(named_value(name or "", value))
    return "\n".join(out)


def _rest(zf, names, where: str, cap: int, ctx, done: set[str]) -> Iterator[Segment | Problem]:
    """Every other file in the package: pictures and embedded files handed on, XML read, the rest reported."""
    from dlpgate.mime.formats._opc import embedded, unknown_binary

    for path in sorted(names, key=natural_key):
        if path in done or path.endswith("/") or path.rpartition("/")[2] in _NO_TEXT:
            continue
        ctx.check_deadline()
        data = read_zip_member(zf, names[path], cap)
        if not data:
            continue
        base = path.rpartition("/")[2]
        nested = f"{where} > {sanitise_name(path) or 'unnamed part'}"
        place = f"{where}, {sanitise_name(path)}"
        if path.startswith(("Pictures/", "Thumbnails/", "media/", "ObjectReplacements/")):
            # Pictures, and the preview images (metafiles) of embedded objects.
            ctype = _sniff(data, base)
            yield from ctx.recurse(data, base, nested, content_type="image/x-unknown" if ctype == "application/octet-stream" else ctype)
        elif data.lstrip()[:1] == b"<" and path.endswith((".xml", ".rdf", ".xhtml")):
            try:
                root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
                text = "\n".join(t.strip() for t in root.itertext() if t.strip())
            except etree.XMLSyntaxError:
                yield Problem("corrupt", place, "XML part not well-formed")
                continue
            if text:
                yield Segment(text, place)
        elif data.startswith(OLE_MAGIC) or path.startswith("Object "):
            yield from embedded(data, path, where, ctx)
        else:
            yield from unknown_binary(data, base, place, nested, ctx, "")


def _sniff(data: bytes, name: str) -> str:
    from dlpgate.mime.formats.archive import sniff_content_type

    return sniff_content_type(data, name)
