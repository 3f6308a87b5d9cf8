"""Streaming text out of the XML parts of Office documents (docx, pptx, xlsx drawings, charts...).

Parsed with lxml ``iterparse`` (entities not resolved, no network), paragraphs
and tables cleared as they are consumed, so memory stays bounded by one
paragraph or one table.  Paragraphs become lines; tables become tab-separated
rows (the first row usually holds the column headers); text in
``mc:Fallback`` duplicates ``mc:Choice`` and is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass(frozen=True)
class Vocabulary:
    ns: str
    p: str = "p"
    t: tuple[str, ...] = ("t",)
    tab: str = "tab"
    br: tuple[str, ...] = ("br",)
    tbl: str = "tbl"
    tr: str = "tr"
    tc: str = "tc"

    def q(self, local: str) -> str:
        return f"{{{self.ns}}}{local}"


WORD = Vocabulary(
    ns="http://schemas.openxmlformats.org/wordprocessingml/2006/main", t=("t", "delText"), br=("br", "cr")
)
DRAWING = Vocabulary(ns="http://schemas.openxmlformats.org/drawingml/2006/main")


# --- any OOXML part ------------------------------------------------------------------

_ALT_ATTRS = ("descr", "title")
_VALUE_ATTR = "v"  # pivot cache records and shared items: the values are attributes
# OOXML Transitional and Strict namespaces of the two text vocabularies.
_W_NS = (WORD.ns, "http://purl.oclc.org/ooxml/wordprocessingml/main")
_A_NS = (DRAWING.ns, "http://purl.oclc.org/ooxml/drawingml/main")


def _both(*locals_: str) -> set[str]:
    return {f"{{{ns}}}{local}" for ns in (*_W_NS, *_A_NS) for local in locals_}


_FIELD_ATTRS = tuple(f"{{{ns}}}instr" for ns in _W_NS)
# Word's w:val on form-field defaults, list entries and help text, document
# variables and content-control labels; PowerPoint's tags (p:tag val).
_VAL_ATTRS = (*(f"{{{ns}}}val" for ns in _W_NS), "val")
_VAL_LOCALS = frozenset({"default", "listEntry", "statusText", "helpText", "docVar", "alias", "tag"})
_INSTR = _both("instrText", "delInstrText")
_PARA = _both("p")
_TABS = _both("tab", "ptab")
_BREAKS = _both("br", "cr")
_TBL = _both("tbl")
_TR = _both("tr")
_TC = _both("tc")


# What an element is, by tag (a small cache: a part has few distinct tags).
_K_OTHER, _K_PARA, _K_TEXT, _K_INSTR, _K_TAB, _K_BR, _K_TBL, _K_TR, _K_TC, _K_ATTRS, _K_FALLBACK, _K_SKIP = range(12)
# Where a drawing sits (cell anchors, offsets in EMU): numbers that are not text.
_POSITION = {
    f"{{{ns}}}{local}"
    for ns in (
        "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
        "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
    )
    for local in ("col", "colOff", "row", "rowOff", "posOffset", "x", "y")
}
_ATTR_LOCALS = frozenset({"docPr", "cNvPr", "fldSimple", "property", "imagedata", "n", "s", "d", "b", "e", "m", "x"}) | _VAL_LOCALS


def _kind(tag: str) -> int:
    if tag == MC_FALLBACK:
        return _K_FALLBACK
    if tag in _POSITION:
        return _K_SKIP
    if tag in _PARA:
        return _K_PARA
    if tag in _INSTR:
        return _K_INSTR
    if tag in _TABS:
        return _K_TAB
    if tag in _BREAKS:
        return _K_BR
    if tag in _TBL:
        return _K_TBL
    if tag in _TR:
        return _K_TR
    if tag in _TC:
        return _K_TC
    local = tag.rpartition("}")[2]
    if local in ("t", "delText"):
        return _K_TEXT
    if local in _ATTR_LOCALS:
        return _K_ATTRS
    return _K_OTHER


def read_xml(stream: IO[bytes], check: Callable[[], None] = lambda: None) -> Iterator[tuple[str, str]]:
    """Text of any Office XML part: ("text" | "table" | "alt" | "fields", text).

    WordprocessingML and DrawingML paragraphs (``w:p``, ``a:p``) are lines,
    their runs joined ("t" elements of any namespace: ``w:t``, ``a:t``,
    ``m:t``...); tables are tab-separated rows.  Text outside any paragraph
    (chart values and series names, document properties, custom XML data,
    any part of a kind not known here) is one line per element.  Image alt
    text (``descr``/``title`` attributes) comes as "alt", field codes
    (``w:instrText``, ``w:fldSimple/@w:instr``) as "fields" - never joined to
    the paragraph they sit in, whose result text already shows.  Attribute
    values named ``v`` (pivot cache records and shared items) are read as
    tab-separated records.  ``mc:Fallback`` repeats ``mc:Choice`` and is skipped.
    """
    paras: list[list[str]] = []
    lines: list[str] = []
    rows: list[str] = []
    row: list[str] = []
    cell: list[str] = []
    alt: list[str] = []
    fields: list[str] = []
    record: list[str] = []
    kinds: dict[str, int] = {}
    tbl_depth = 0
    skip = 0
    count = 0
    parser = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    for event, elem in parser:
        tag = elem.tag
        kind = kinds.get(tag)
        if kind is None:
            if not isinstance(tag, str):
                continue
            kind = kinds[tag] = _kind(tag)
        if event == "start":
            if kind == _K_FALLBACK:
                skip += 1
            elif skip:
                pass
            elif kind == _K_PARA:
                paras.append([])
            elif kind == _K_TBL:
                tbl_depth += 1
            continue
        if kind == _K_FALLBACK:
            skip -= 1
            elem.clear()
            continue
        if skip:
            continue
        if kind == _K_ATTRS:
            for name in _ALT_ATTRS:
                value = elem.get(name)
                if value and value.strip():
                    alt.append(value)
            for key in _FIELD_ATTRS:
                instr = elem.get(key)
                if instr and instr.strip():
                    fields.append(instr.strip())
            if tag.rpartition("}")[2] in _VAL_LOCALS:
                for key in _VAL_ATTRS:
                    value = elem.get(key)
                    if value and value.strip():
                        lines.append(value.strip())
            value = elem.get(_VALUE_ATTR)
            if value is not None and not len(elem):
                record.append(value)
            if tag.endswith("}property") and elem.get("name"):
                lines.append(elem.get("name", ""))
        elif record:  # the end of a record of values
            lines.append("\t".join(record))
            record = []
        if kind == _K_TEXT:
            text = elem.text
            if text:
                if paras:
                    paras[-1].append(text)
                elif tbl_depth:
                    cell.append(text)
                elif text.strip():
                    lines.append(text)
        elif kind == _K_OTHER or kind == _K_ATTRS:
            if not paras and elem.text and not len(elem) and elem.text.strip():
                lines.append(elem.text.strip())  # not a cell's text (a table style id): its own line
        elif kind == _K_INSTR:
            if elem.text and elem.text.strip():
                fields.append(elem.text.strip())
        elif kind == _K_TAB:
            if paras:
                paras[-1].append(" " if tbl_depth else "\t")
        elif kind == _K_BR:
            if paras:
                paras[-1].append(" " if tbl_depth else "\n")
        elif kind == _K_PARA:
            text = "".join(paras.pop()) if paras else ""
            if text.strip():
                if paras:
                    paras[-1].append(" " + text + " ")  # a paragraph inside a paragraph (a text box)
                else:
                    (cell if tbl_depth else lines).append(text)
            elem.clear()
        elif kind == _K_TC:
            if tbl_depth == 1:
                row.append(" ".join(cell).replace("\t", " ").replace("\n", " "))
                cell = []
        elif kind == _K_TR:
            if tbl_depth == 1:
                while row and not row[-1].strip():
                    row.pop()
                if row:
                    rows.append("\t".join(row))
                row = []
        elif kind == _K_TBL:
            tbl_depth -= 1
            if tbl_depth == 0:
                if lines:
                    yield "text", "\n".join(lines)
                    lines = []
                if rows:
                    yield "table", "\n".join(rows)
                rows = []
                elem.clear()
        count += 1
        if count % 20000 == 0:
            check()
            if len(lines) > 5000:
                yield "text", "\n".join(lines)
                lines = []
    if record:
        lines.append("\t".join(record))
    if lines:
        yield "text", "\n".join(lines)
    if alt:
        yield "alt", "\n".join(alt)
    if fields:
        yield "fields", "\n".join(fields)
