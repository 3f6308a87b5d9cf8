"""Word .docx/.docm/.dotx: the whole package, from its relationships.

The main document (found from the package relationships, not by name) and
the parts it relates to, in reading order: headers, footers, footnotes,
endnotes, comments, building blocks.  Each table is its own tabular segment
("attachment referral.docx, table 2") so a "Date of birth" column header
identifies the patients in its rows.  Text boxes are read in place; tracked
deletions are read too (they are still in the file).  Picture alt text and
field codes come as "..., alt text" and "..., field codes".  Every other
part (charts, SmartArt, properties, custom XML, embedded workbooks and
altChunk documents, pictures, macros, hyperlink targets...) is read or
reported by :meth:`_opc.Package.rest`.

The XML is read directly (streamed, see ``_xmltext``) rather than through
python-docx, which skips text boxes, footnotes and comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._opc import Package, read_package
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# Relationship kind -> label, in the order a reader meets them after the body.
_RELATED = (
    ("header", "header"),
    ("footer", "footer"),
    ("footnotes", "footnotes"),
    ("endnotes", "endnotes"),
    ("comments", "comments"),
    ("commentsExtended", "comments"),
    ("glossaryDocument", "building blocks"),
)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    def read_known(pkg: Package) -> Iterator[Segment | Problem]:
        main = pkg.main_part()
        if not main and "word/document.xml" in pkg.infos:
            main = "word/document.xml"
        if not main:
            yield Problem("corrupt", where, "no main document")
            return
        tables = [0]
        yield from pkg.xml_items(main, where, tables)
        for kind, label in _RELATED:
            for part in pkg.related(main, kind):
                if part in pkg.done:
                    continue
                ctx.check_deadline()
                yield from pkg.xml_items(part, f"{where}, {label}", tables)

    return read_package(data, name, where, ctx, read_known)
