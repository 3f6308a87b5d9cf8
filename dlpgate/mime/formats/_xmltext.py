"""Streaming text out of the XML parts of Office documents (docx, pptx).

Parsed with lxml ``iterparse`` (entities not resolved, no network), elements
cleared as they are consumed, so memory stays bounded by one paragraph or one
table.  Paragraphs become lines; tables become tab-separated rows (the first
row usually holds the column headers); text in ``mc:Fallback`` duplicates
``mc:Choice`` and is skipped.
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


def blocks(stream: IO[bytes], vocab: Vocabulary, check: Callable[[], None] = lambda: None) -> Iterator[tuple[str, str]]:
    """Yield ("text", lines) for running text and ("table", rows) per outermost table."""
    P, TBL, TR, TC, TAB = (vocab.q(x) for x in (vocab.p, vocab.tbl, vocab.tr, vocab.tc, vocab.tab))
    T = {vocab.q(x) for x in vocab.t}
    BR = {vocab.q(x) for x in vocab.br}
    paras: list[list[str]] = []
    lines: list[str] = []
    rows: list[str] = []
    row: list[str] = []
    cell: list[str] = []
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
    )
    for event, elem in parser:
        tag = elem.tag
        if event == "start":
            if tag == MC_FALLBACK:
                skip += 1
            elif skip:
                pass
            elif tag == P:
                paras.append([])
            elif tag == TBL:
                tbl_depth += 1
            continue
        # end
        if tag == MC_FALLBACK:
            skip -= 1
            elem.clear()
        elif skip:
            pass
        elif tag in T:
            if paras and elem.text:
                paras[-1].append(elem.text)
        elif tag == TAB:
            if paras:
                paras[-1].append(" " if tbl_depth else "\t")
        elif tag in BR:
            if paras:
                paras[-1].append(" " if tbl_depth else "\n")
        elif tag == P:
            text = "".join(paras.pop()) if paras else ""
            if text.strip():
                (cell if tbl_depth else lines).append(text)
            elem.clear()
        elif tag == TC:
            if tbl_depth == 1:
                row.append(" ".join(cell).replace("\t", " ").replace("\n", " "))
                cell = []
        elif tag == TR:
            if tbl_depth == 1:
                while row and not row[-1].strip():
                    row.pop()
                if row:
                    rows.append("\t".join(row))
                row = []
        elif tag == TBL:
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
    if lines:
        yield "text", "\n".join(lines)
