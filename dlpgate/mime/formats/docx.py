"""Word .docx/.docm/.dotx: body, tables, text boxes, headers, footers, footnotes, endnotes, comments.

The XML parts are read directly (streamed, see ``_xmltext``) rather than through
python-docx, which skips text boxes, footnotes and comments.  Each table is its
own tabular segment ("attachment referral.docx, table 2") so a "Date of birth"
column header identifies the patients in its rows.  Tracked deletions are read
too: they are still in the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats import _xmltext
from dlpgate.mime.formats._guard import (
    expansion_budget,
    natural_key,
    open_office_zip,
    read_zip_member,
)
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_PARTS = (
    (re.compile(r"word/document\d*\.xml$"), ""),
    (re.compile(r"word/header\d*\.xml$"), "header"),
    (re.compile(r"word/footer\d*\.xml$"), "footer"),
    (re.compile(r"word/footnotes\.xml$"), "footnotes"),
    (re.compile(r"word/endnotes\.xml$"), "endnotes"),
    (re.compile(r"word/comments\w*\.xml$"), "comments"),
    (re.compile(r"word/glossary/document\.xml$"), "building blocks"),
)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    zf, first = open_office_zip(data, name, where, ctx)
    yield from first
    if zf is None:
        return
    with zf:
        names = {i.filename: i for i in zf.infolist()}
        if "word/document.xml" not in names:
            yield Problem("corrupt", where, "no word/document.xml")
        tables = 0
        cap = expansion_budget(ctx.limits, len(data))
        for pattern, label in _PARTS:
            for part in sorted((n for n in names if pattern.match(n)), key=natural_key):
                ctx.check_deadline()
                place = f"{where}, {label}" if label else where
                xml = read_zip_member(zf, names[part], cap)
                for kind, text in _xmltext.blocks(io.BytesIO(xml), _xmltext.WORD, ctx.check_deadline):
                    if kind == "table":
                        tables += 1
                        yield Segment(text, f"{place}, table {tables}", tabular=True)
                    else:
                        yield Segment(text, place)
