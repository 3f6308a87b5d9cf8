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
# variables and content-control labels; a mail merge's data source: its query
# ("SELECT * FROM `Patients$` WHERE ..."), connection, table, field names and the
# subject of the mails it sends; PowerPoint's tags (p:tag val).
_VAL_ATTRS = (*(f"{{{ns}}}val" for ns in _W_NS), "val")
_VAL_LOCALS = frozenset({
    "default", "listEntry", "statusText", "helpText", "docVar", "alias", "tag",
    "query", "connectString", "udl", "table", "mappedName", "addressFieldName", "mailSubject",
})  # fmt: skip
_INSTR = _both("instrText", "delInstrText")
_PARA = _both("p")
_TABS = _both("tab", "ptab")
_BREAKS = _both("br", "cr")
_TBL = _both("tbl")
_TR = _both("tr")
_TC = _both("tc")


# What an element is, by tag (a small cache: a part has few distinct tags).
_K_OTHER, _K_PARA, _K_TEXT, _K_INSTR, _K_TAB, _K_BR, _K_TBL, _K_TR, _K_TC, _K_ATTRS, _K_FALLBACK, _K_SKIP = range(12)
_K_RUN, _K_VANISH, _K_DELTEXT, _K_DEL, _K_SYM = 12, 13, 14, 15, 16
_DEL = {f"{{{ns}}}del" for ns in _W_NS}  # a tracked deletion (w:del), whose runs hold w:delText
# Word's runs, and the run property that hides one (hidden text: Word does not show
# it, so a number it cuts reads whole without it).
_RUN = {f"{{{ns}}}r" for ns in _W_NS}
_VANISH = {f"{{{ns}}}{local}" for ns in _W_NS for local in ("vanish", "specVanish")}
_FALSE = frozenset({"0", "false", "off"})
# A character Word draws from a symbol font (w:sym, w:char its code in hex): Insert >
# Symbol writes digits and letters so too ("F034" is "4" in the Symbol font).
_SYM = {f"{{{ns}}}sym" for ns in _W_NS}
_SYM_CHAR = tuple(f"{{{ns}}}char" for ns in _W_NS)
_STARTS = frozenset({_K_PARA, _K_RUN, _K_TBL})  # the kinds whose start matters
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


# Elements known by their full tag (either namespace), in the order they are tried.
_BY_TAG: tuple[tuple[set[str], int], ...] = (
    ({MC_FALLBACK}, _K_FALLBACK), (_POSITION, _K_SKIP), (_PARA, _K_PARA), (_RUN, _K_RUN), (_VANISH, _K_VANISH),
    (_INSTR, _K_INSTR), (_TABS, _K_TAB), (_BREAKS, _K_BR), (_TBL, _K_TBL), (_TR, _K_TR), (_TC, _K_TC), (_DEL, _K_DEL),
    (_SYM, _K_SYM),
)
# Elements known by their local name, in any namespace (w:t, a:t, m:t...).
_BY_LOCAL = {"t": _K_TEXT, "delText": _K_DELTEXT}


def _kind(tag: str) -> int:
    for tags, kind in _BY_TAG:
        if tag in tags:
            return kind
    local = tag.rpartition("}")[2]
    found = _BY_LOCAL.get(local)
    if found is not None:
        return found
    return _K_ATTRS if local in _ATTR_LOCALS else _K_OTHER


# Where the kinds ``read_xml`` yields besides the text are read, after the part's place.
PLACES = {
    "alt": "alt text",
    "fields": "field codes",
    "hidden": "hidden text",
    "deleted": "tracked deletions",
    "worded": "words in its markup",
}
# Elements whose attributes hold no words: text runs, paragraphs and their marks.
_PLAIN_KINDS = frozenset((_K_TEXT, _K_DELTEXT, _K_TAB, _K_BR, _K_VANISH, _K_SKIP, _K_SYM))
# Attributes read another way (above), or that name a typeface.
_READ_ATTRS = frozenset(
    (*_ALT_ATTRS, *_FIELD_ATTRS, *_VAL_ATTRS, _VALUE_ATTR, "typeface", "panose", "pitchFamily", "charset", "Requires")
) | {f"{{{ns}}}{a}" for ns in _W_NS for a in ("ascii", "hAnsi", "eastAsia", "cs")} | {
    f"{{{MC_FALLBACK.partition('}')[0][1:]}}}{a}" for a in ("Ignorable", "ProcessContent", "MustUnderstand")
}  # markup compatibility's lists of namespace prefixes ("w14 wp14")
_LETTERS_MIN = 3
# Elements whose attributes name a style, a font or a theme ("heading 1", "Cambria Math").
_NAMING_ELEMENTS = frozenset(
    ("lsdException", "font", "mathFont", "theme", "clrScheme", "fontScheme", "fmtScheme", "style", "chartStyle",
     "tableStyle", "cellStyle", "dxf", "numFmt")
)
_NOT_WORDS = ("http://", "https://", "urn:", "{")  # namespaces, links (read as links elsewhere), GUIDs


def read_xml(stream: IO[bytes], check: Callable[[], None] = lambda: None) -> Iterator[tuple[str, str]]:
    """Text of any Office XML part: ("text" | "table" | "alt" | "fields" | "hidden" | "deleted", text).

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
    Runs Word hides (``w:vanish``) are left out of their paragraph, so what they
    cut reads joined as Word shows it, and come as "hidden"; so do tracked
    deletions (``w:delText``, Word's final view leaves them out), as "deleted",
    each deletion a line of its own.
    """
    part = _Part()
    ends = part.ends
    kinds: dict[str, int] = {}
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
            elif not skip and kind in _STARTS:
                part.start(kind)
            continue
        if kind == _K_FALLBACK:
            skip -= 1
            elem.clear()
            continue
        if skip:
            continue
        if kind == _K_ATTRS:
            part.attributes(elem, tag)
        elif part.record:  # the end of a record of values
            part.lines.append("\t".join(part.record))
            part.record = []
        if kind not in _PLAIN_KINDS and elem.attrib:
            part.attribute_words(elem)
        if kind == _K_TBL:
            yield from part.end_table(elem)
        else:
            ends[kind](elem)
        count += 1
        if count % 20000 == 0:
            check()
            yield from part.flush_long()
    yield from part.finish()


class _Part:
    """What ``read_xml`` has read of one part so far: open paragraphs and table, and the text collected."""

    def __init__(self) -> None:
        self.paras: list[list[str]] = []  # open paragraphs, innermost last
        self.lines: list[str] = []
        self.rows: list[str] = []
        self.row: list[str] = []
        self.cell: list[str] = []
        self.alt: list[str] = []
        self.fields: list[str] = []
        self.record: list[str] = []
        self.hidden: list[str] = []  # text of runs Word does not show
        self.deleted: list[str] = []  # text of tracked deletions
        self.said: list[str] = []  # words in attributes (attribute_words)
        self.run_hidden = False
        self.tbl_depth = 0
        # What to do at the end of an element, by its kind (tables end in end_table).
        self.ends: dict[int, Callable[[etree._Element], None]] = {
            _K_TEXT: self.end_text,
            _K_OTHER: self.end_other,
            _K_ATTRS: self.end_other,
            _K_INSTR: self.end_instr,
            _K_TAB: self.end_tab,
            _K_BR: self.end_break,
            _K_PARA: self.end_para,
            _K_TC: self.end_cell,
            _K_TR: self.end_row,
            _K_SKIP: _nothing,
            _K_RUN: self.end_run,
            _K_VANISH: self.end_vanish,
            _K_DELTEXT: self.end_deltext,
            _K_DEL: self.end_del,
            _K_SYM: self.end_sym,
        }

    def start(self, kind: int) -> None:
        """The start of an element: a paragraph, a run or a table opens."""
        if kind == _K_PARA:
            self.paras.append([])
        elif kind == _K_RUN:
            self.run_hidden = False
        elif kind == _K_TBL:
            self.tbl_depth += 1

    def attributes(self, elem: etree._Element, tag: str) -> None:
        """Alt text, field codes, labels and values an element holds in its attributes."""
        for name in _ALT_ATTRS:
            value = elem.get(name)
            if value and value.strip():
                self.alt.append(value)
        for key in _FIELD_ATTRS:
            instr = elem.get(key)
            if instr and instr.strip():
                self.fields.append(instr.strip())
        if tag.rpartition("}")[2] in _VAL_LOCALS:
            for key in _VAL_ATTRS:
                value = elem.get(key)
                if value and value.strip():
                    self.lines.append(value.strip())
        value = elem.get(_VALUE_ATTR)
        if value is not None and not len(elem):
            self.record.append(value)
        if tag.endswith("}property") and elem.get("name"):
            self.lines.append(elem.get("name", ""))

    def attribute_words(self, elem: etree._Element) -> None:
        """Words a person wrote into an attribute of any element: a drop-down's items, a
        link's tooltip, a section's or a defined name's comment, a data connection's query.
        Values with a space and letters only (ids, sizes and colours are single tokens)."""
        if elem.tag.rpartition("}")[2] in _NAMING_ELEMENTS:
            return
        for key, value in elem.attrib.items():
            if key not in _READ_ATTRS and worded(value):
                self.said.append(value.strip())

    def end_run(self, elem: etree._Element) -> None:
        self.run_hidden = False

    def end_vanish(self, elem: etree._Element) -> None:
        value = next((v for ns in _W_NS if (v := elem.get(f"{{{ns}}}val"))), "")
        parent = elem.getparent()
        grand = parent.getparent() if parent is not None else None
        if value.lower() not in _FALSE and grand is not None and grand.tag in _RUN:
            self.run_hidden = True  # w:r/w:rPr/w:vanish; a paragraph mark's (w:pPr/w:rPr) hides no text

    def end_deltext(self, elem: etree._Element) -> None:
        if elem.text:
            self.deleted.append(elem.text)

    def end_del(self, elem: etree._Element) -> None:
        if self.deleted and self.deleted[-1] != "\n":
            self.deleted.append("\n")

    def end_sym(self, elem: etree._Element) -> None:
        """A symbol font's character, read as the character its code names (a symbol
        font's private-use codes F020-F0FF as their ASCII and Latin-1 ones)."""
        code = next((c for key in _SYM_CHAR if (c := elem.get(key))), "")
        try:
            value = int(code, 16)
        except ValueError:
            return
        if 0xF020 <= value <= 0xF0FF:
            value -= 0xF000
        if 0x20 <= value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:
            self.add_text(chr(value))

    def end_text(self, elem: etree._Element) -> None:
        self.add_text(elem.text)

    def add_text(self, text: str | None) -> None:
        """A run's text: in its paragraph (or table cell), or the hidden text."""
        if text and self.run_hidden:
            self.hidden.append(text)
            return
        if text:
            if self.paras:
                self.paras[-1].append(text)
            elif self.tbl_depth:
                self.cell.append(text)
            elif text.strip():
                self.lines.append(text)

    def end_other(self, elem: etree._Element) -> None:
        if not self.paras and elem.text and not len(elem) and elem.text.strip():
            self.lines.append(elem.text.strip())  # not a cell's text (a table style id): its own line

    def end_instr(self, elem: etree._Element) -> None:
        if elem.text and elem.text.strip():
            self.fields.append(elem.text.strip())

    def end_tab(self, elem: etree._Element) -> None:
        if self.paras:
            self.paras[-1].append(" " if self.tbl_depth else "\t")

    def end_break(self, elem: etree._Element) -> None:
        if self.paras:
            self.paras[-1].append(" " if self.tbl_depth else "\n")

    def end_para(self, elem: etree._Element) -> None:
        paras = self.paras
        text = "".join(paras.pop()) if paras else ""
        if text.strip():
            if paras:
                paras[-1].append(" " + text + " ")  # a paragraph inside a paragraph (a text box)
            else:
                (self.cell if self.tbl_depth else self.lines).append(text)
        elem.clear()

    def end_cell(self, elem: etree._Element) -> None:
        if self.tbl_depth == 1:
            self.row.append(" ".join(self.cell).replace("\t", " ").replace("\n", " "))
            self.cell = []

    def end_row(self, elem: etree._Element) -> None:
        if self.tbl_depth == 1:
            row = self.row
            while row and not row[-1].strip():
                row.pop()
            if row:
                self.rows.append("\t".join(row))
            self.row = []

    def end_table(self, elem: etree._Element) -> Iterator[tuple[str, str]]:
        """The text before an outermost table, then the table."""
        self.tbl_depth -= 1
        if self.tbl_depth == 0:
            if self.lines:
                yield "text", "\n".join(self.lines)
                self.lines = []
            if self.rows:
                yield "table", "\n".join(self.rows)
            self.rows = []
            elem.clear()

    def flush_long(self) -> Iterator[tuple[str, str]]:
        """The lines so far when they are many: a long part is not held whole."""
        if len(self.lines) > 5000:
            yield "text", "\n".join(self.lines)
            self.lines = []

    def finish(self) -> Iterator[tuple[str, str]]:
        if self.record:
            self.lines.append("\t".join(self.record))
        if self.lines:
            yield "text", "\n".join(self.lines)
        if self.alt:
            yield "alt", "\n".join(self.alt)
        if self.fields:
            yield "fields", "\n".join(self.fields)
        if self.hidden:
            yield "hidden", "".join(self.hidden)
        deleted = "".join(self.deleted).strip()
        if deleted:
            yield "deleted", deleted
        if self.said:
            yield "worded", "\n".join(dict.fromkeys(self.said))


def worded(value: str) -> bool:
    """An attribute's value reads as words a person wrote: a space and letters, eight
    characters or more; not a namespace, a link (read as links elsewhere) or a GUID. Ids,
    sizes and colours are single tokens."""
    return (
        " " in value
        and len(value) >= 8
        and not value.startswith(_NOT_WORDS)
        and sum(ch.isalpha() for ch in value[:64]) >= _LETTERS_MIN
    )


def _nothing(elem: etree._Element) -> None:
    """The end of an element that holds no text (a drawing's position)."""


# --- SmartArt ---------------------------------------------------------------------------

_DGM_NS = ("http://schemas.openxmlformats.org/drawingml/2006/diagram", "http://purl.oclc.org/ooxml/drawingml/diagram")
_MAX_DIAGRAM = 1 << 21  # bytes of a diagram's data part read as a tree (a larger one is read as it is written)


def diagram_text(data: bytes) -> str | None:
    """A SmartArt diagram's data part (dgm:dataModel) as its nodes show: each node's text
    (its paragraphs as lines) in the diagram's order, parent before children, siblings in
    their order (the connections' srcOrd), where the part lists its points in the order
    they were added. Nodes no connection reaches follow in the part's order. None when
    the data is no diagram's, or too large."""
    if len(data) > _MAX_DIAGRAM or b"dataModel" not in data[:4096]:
        return None
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    ns = next((n for n in _DGM_NS if root.tag == f"{{{n}}}dataModel"), None)
    if ns is None:
        return None
    texts: dict[str, str] = {}
    order: list[str] = []
    for pt in root.iterfind(f"{{{ns}}}ptLst/{{{ns}}}pt"):
        model = pt.get("modelId", "")
        body = pt.find(f"{{{ns}}}t")
        lines = ["".join(t.text or "" for t in p.iter(*(f"{{{a}}}t" for a in _A_NS))) for p in body.iter(
            *(f"{{{a}}}p" for a in _A_NS))] if body is not None else []
        texts[model] = "\n".join(line for line in lines if line.strip())
        order.append(model)
    children: dict[str, list[tuple[int, str]]] = {}
    for cxn in root.iterfind(f"{{{ns}}}cxnLst/{{{ns}}}cxn"):
        if cxn.get("type", "parOf") != "parOf":
            continue  # presentation's links: no order of the content
        try:
            rank = int(cxn.get("srcOrd", "0"))
        except ValueError:
            rank = 0
        children.setdefault(cxn.get("srcId", ""), []).append((rank, cxn.get("destId", "")))
    out: list[str] = []
    seen: set[str] = set()
    reached = set(dest for kids in children.values() for _rank, dest in kids)
    stack = [m for m in reversed(order) if m not in reached]  # the roots (the "doc" point), in the part's order
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        if texts.get(model):
            out.append(texts[model])
        stack.extend(dest for _rank, dest in sorted(children.get(model, ()), reverse=True))
    out.extend(texts[m] for m in order if m not in seen and texts[m])
    return "\n".join(out)
