"""PowerPoint .pptx/.pptm/.ppsx: slides (text boxes, tables), speaker notes, comments."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

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

_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml$")
_NOTES = re.compile(r"ppt/notesSlides/notesSlide(\d+)\.xml$")
_COMMENTS = re.compile(r"ppt/(comments/comment\d+|comments/modernComment\w*)\.xml$")
_OTHER = re.compile(r"ppt/(slideMasters/slideMaster|slideLayouts/slideLayout|diagrams/data|charts/chart)\w*\.xml$")


def _plain_text(xml: bytes) -> str:
    """All text nodes of an XML part (comments: the text is in <p:text>)."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    zf, first = open_office_zip(data, name, where, ctx)
    yield from first
    if zf is None:
        return
    cap = expansion_budget(ctx.limits, len(data))
    with zf:
        names = {i.filename: i for i in zf.infolist()}
        # Slides in file-name order (presentation order would need the rels; close enough).
        for part in sorted(names, key=natural_key):
            m = _SLIDE.match(part) or _NOTES.match(part)
            if m:
                label = f"slide {m.group(1)}" if part.startswith("ppt/slides/") else f"notes {m.group(1)}"
            elif _COMMENTS.match(part):
                label = "comments"
            elif _OTHER.match(part):
                label = "slide masters and charts"
            else:
                continue
            ctx.check_deadline()
            xml = read_zip_member(zf, names[part], cap)
            place = f"{where}, {label}"
            if label == "comments":
                yield Segment(_plain_text(xml), place)
                continue
            for kind, text in _xmltext.blocks(io.BytesIO(xml), _xmltext.DRAWING, ctx.check_deadline):
                yield Segment(text, place, tabular=kind == "table")
