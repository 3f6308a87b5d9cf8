"""PowerPoint .pptx/.pptm/.ppsx: the whole package, from its relationships.

Slides in presentation order (``p:sldIdLst``), each followed by its speaker
notes ("..., notes 2" for slide 2), comments, charts and SmartArt: text boxes,
tables (tabular segments), picture alt text and chart titles, series names
and cached values.  Masters, layouts, properties, embedded workbooks and
documents, media, macros and link targets are read or reported by
:meth:`_opc.Package.rest`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from dlpgate.mime.formats._guard import natural_key
from dlpgate.mime.formats._opc import _PARSER, Package, read_package
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _slide_order(pkg, main: str) -> list[str]:
    by_id = {r.id: r.target for r in pkg.rels.get(main, ()) if r.type == "slide" and r.target in pkg.infos}
    try:
        root = etree.fromstring(pkg.read(main), etree.XMLParser(**_PARSER))
        order = [by_id[s.get(f"{{{R_NS}}}id")] for s in root.iter(f"{{{P_NS}}}sldId") if s.get(f"{{{R_NS}}}id") in by_id]
    except etree.XMLSyntaxError:
        order = []
    rest = sorted((p for p in by_id.values() if p not in order), key=natural_key)
    if not by_id:  # no relationships: the slide parts by name
        rest = sorted((p for p in pkg.infos if p.startswith("ppt/slides/slide") and p.endswith(".xml")), key=natural_key)
    return list(dict.fromkeys(order + rest))


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    def read_known(pkg: Package) -> Iterator[Segment | Problem]:
        main = pkg.main_part() or ("ppt/presentation.xml" if "ppt/presentation.xml" in pkg.infos else "")
        slides = _slide_order(pkg, main) if main else []
        for number, slide in enumerate(slides, 1):
            ctx.check_deadline()
            place = f"{where}, slide {number}"
            yield from pkg.xml_items(slide, place)
            for kind, label in (
                ("notesSlide", f"{where}, notes {number}"),
                ("comments", f"{place}, comments"),
                ("chart", f"{place}, chart"),
                ("chartEx", f"{place}, chart"),
                ("diagramData", f"{place}, diagram"),
            ):
                for part in pkg.related(slide, kind):
                    if part not in pkg.done:
                        yield from pkg.xml_items(part, label, lenient=True)

    return read_package(data, name, where, ctx, read_known)
