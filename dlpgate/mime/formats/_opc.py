"""The whole of an OOXML package (docx, xlsx, pptx): every part read or reported.

A package is a zip of *parts*; ``[Content_Types].xml`` gives each part's
content type and the ``_rels/*.rels`` parts say how parts relate (the main
document, its headers, charts, embedded objects, hyperlinks...).  The format
readers (docx.py, xlsx.py, pptx.py) read the parts they know best and mark
them done; :meth:`Package.rest` then takes every other part of the zip, by
what its content type and the relationships pointing at it say it is, not by
its name:

* XML parts of any kind (drawings and text boxes, charts, SmartArt, notes,
  comments, document properties, parts this module has never heard of) are
  read as text (``_xmltext.read_xml``; markup that is not well-formed, as in
  VML, is read as HTML); custom XML parts, which are data, as XML documents
  are (``xml.extract``: attribute values too, after their names);
* embedded objects and packages (``*/embeddings/*``, Word ``altChunk``
  parts), pictures and media go back to the registry (``ctx.recurse``) as
  nested files, named "attachment a.docx > Microsoft_Excel_Worksheet.xlsx";
  an OLE-wrapped embedding is unwrapped first (``Ole10Native`` file
  packages, ``Package`` streams, Acrobat's ``CONTENTS``);
* macros (``vbaProject.bin``) are read as their VBA source (oletools);
* fonts and printer settings hold no text;
* any other binary part is handed to the registry when its bytes say what
  it is, else read for the text strings it holds, and reported.

External relationship targets (hyperlinks, linked files and templates) are
one "links" segment.  Alt text of pictures is "alt text", field codes are
"field codes", with the place of the part they come from.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from lxml import etree

from dlpgate.mime.formats import _xmltext
from dlpgate.mime.formats._guard import (
    OLE_MAGIC,
    ZIP_MAGIC,
    expansion_budget,
    natural_key,
    read_zip_member,
)
from dlpgate.mime.text import looks_like_text, sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

Item = Segment | Problem

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}

# Relationship types (last path segment) whose targets are nested files.
EMBED_RELS = frozenset({"oleObject", "package", "aFChunk"})
ACTIVEX_RELS = frozenset({"control", "activeXControlBinary"})
MEDIA_RELS = frozenset({"image", "media", "audio", "video", "hdphoto", "wdp", "thumbnail"})
NO_TEXT_RELS = frozenset({"font", "printerSettings", "fontTable"})  # fontTable is XML and is read anyway
NO_TEXT_TYPES = ("font", "obfuscatedfont", "printersettings", "x-fontdata", "x-font")  # content types are lower-cased

# Labels for the parts a reader sees, by the content type's last word ("...drawingml.chart+xml").
_LABELS = {
    "chart": "chart",
    "chartex": "chart",
    "drawing": "drawing",
    "diagramData": "diagram",
    "diagramDrawing": "diagram",
    "core-properties": "properties",
    "extended-properties": "properties",
    "custom-properties": "custom properties",
    "comments": "comments",
    "threadedComments": "comments",
    "person": "people",
    "notesSlide": "notes",
    "notesMaster": "notes master",
    "handoutMaster": "handout master",
    "slideMaster": "slide master",
    "slideLayout": "slide layout",
    "vmlDrawing": "drawing",
    "table": "table definition",
    "pivotCacheDefinition": "pivot cache",
    "pivotCacheRecords": "pivot cache",
    "pivotTable": "pivot table",
    "externalLink": "external link",
    "queryTable": "query",
    "connections": "connections",
    "header": "header",
    "footer": "footer",
    "footnotes": "footnotes",
    "endnotes": "endnotes",
    "customXml": "custom XML",
    "customXmlProperties": "custom XML",
    "main": "document",
    "settings": "settings",
}


@dataclass(frozen=True)
class Rel:
    source: str
    id: str
    type: str  # the last path segment of the relationship type URI
    target: str  # a part name, or the raw target when external
    external: bool


_LABELS_BY_TYPE = {word.lower(): label for word, label in _LABELS.items()}  # content types are lower-cased


def rel_kind(uri: str) -> str:
    return uri.rstrip("/").rpartition("/")[2]


class Package:
    """An opened OOXML zip: parts, their content types and relationships."""

    def __init__(self, zf: zipfile.ZipFile, size: int, where: str, ctx: ExtractContext) -> None:
        self.zf = zf
        self.where = where
        self.ctx = ctx
        self.infos = {i.filename: i for i in zf.infolist() if not i.is_dir()}
        self.cap = expansion_budget(ctx.limits, size)
        self.done: set[str] = set()
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        self.rels: dict[str, list[Rel]] = {}
        self.pointed: dict[str, set[str]] = {}  # part -> relationship kinds pointing at it
        self.problems: list[Problem] = []
        self._content_types()
        for part in sorted(self.infos):
            if part.endswith(".rels"):
                self._read_rels(part)

    # --- structure ------------------------------------------------------------

    def _xml(self, part: str):
        return etree.fromstring(self.read(part), etree.XMLParser(**_PARSER))

    def _content_types(self) -> None:
        name = "[Content_Types].xml"
        if name not in self.infos:
            return
        try:
            root = self._xml(name)
        except etree.XMLSyntaxError:
            self.problems.append(Problem("corrupt", self.where, "unreadable [Content_Types].xml"))
            return
        for elem in root:
            if elem.tag == f"{{{CT_NS}}}Default":
                self.defaults[elem.get("Extension", "").lower()] = elem.get("ContentType", "").lower()
            elif elem.tag == f"{{{CT_NS}}}Override":
                self.overrides[unquote(elem.get("PartName", "")).lstrip("/").lower()] = elem.get(
                    "ContentType", ""
                ).lower()

    def _read_rels(self, rels_part: str) -> None:
        folder, _, base = rels_part.rpartition("/")
        if not folder.endswith("_rels") and folder != "_rels":
            return
        source_dir = folder[: -len("_rels")].rstrip("/")
        source = posixpath.join(source_dir, base[: -len(".rels")]) if base != ".rels" else ""
        try:
            root = self._xml(rels_part)
        except etree.XMLSyntaxError:
            self.problems.append(Problem("corrupt", f"{self.where}, {rels_part}", "unreadable relationships"))
            return
        out = self.rels.setdefault(source, [])
        for elem in root.iter(f"{{{REL_NS}}}Relationship"):
            target = elem.get("Target", "")
            kind = rel_kind(elem.get("Type", ""))
            external = elem.get("TargetMode", "").lower() == "external"
            if not external:
                path = unquote(target.split("#", 1)[0])
                if path.startswith("/"):
                    target = path.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(source_dir, path)) if path else ""
                self.pointed.setdefault(target, set()).add(kind)
            out.append(Rel(source, elem.get("Id", ""), kind, target, external))

    def content_type(self, part: str) -> str:
        ct = self.overrides.get(part.lower())
        if ct is None:
            ct = self.defaults.get(part.rpartition(".")[2].lower(), "")
        return ct

    def related(self, source: str, *kinds: str) -> list[str]:
        """Targets of ``source``'s relationships of these kinds, in their order, that exist."""
        return [r.target for r in self.rels.get(source, ()) if r.type in kinds and not r.external and r.target in self.infos]

    def main_part(self) -> str:
        for r in self.rels.get("", ()):
            if r.type == "officeDocument" and r.target in self.infos:
                return r.target
        return ""

    def read(self, part: str) -> bytes:
        self.done.add(part)
        return read_zip_member(self.zf, self.infos[part], self.cap)

    # --- reading -----------------------------------------------------------

    def xml_items(
        self, part: str, place: str, tables: list[int] | None = None, lenient: bool = False, data: bytes | None = None
    ) -> Iterator[Item]:
        """A part read with ``_xmltext.read_xml``.

        ``lenient``: markup that is not well-formed (VML, hand-made parts) is
        read as HTML instead of raising; noted unless it is VML, which Office
        itself writes that way.
        """
        if data is None:
            data = self.read(part)
        try:
            got = list(_xmltext.read_xml(io.BytesIO(data), self.ctx.check_deadline))
        except etree.XMLSyntaxError:
            if not lenient:
                raise
            from dlpgate.mime.formats import html

            yield from html.rendered_items(html.render(data.decode("utf-8", "replace")), place, self.ctx)
            if not part.lower().endswith(".vml"):
                yield Problem("corrupt", place, "XML part not well-formed; read as loose markup", severe=False)
            return
        for kind, text in got:
            if kind == "table":
                if tables is not None:
                    tables[0] += 1
                    yield Segment(text, f"{place}, table {tables[0]}", tabular=True)
                else:
                    yield Segment(text, place, tabular=True)
            else:
                suffix = _xmltext.PLACES.get(kind)
                yield Segment(text, f"{place}, {suffix}" if suffix else place)

    def label(self, part: str) -> str:
        ct = self.content_type(part)
        word = ct.rpartition(".")[2].partition("+")[0] if ct else ""
        kinds = self.pointed.get(part, set())
        label = _LABELS_BY_TYPE.get(word) or next((_LABELS[k] for k in kinds if k in _LABELS), "")
        if not label:  # no content type or relationship says: the name's word ("footer2.xml")
            label = _LABELS.get(re.sub(r"\d*\.\w+$", "", part.rpartition("/")[2]), "")
        if not label and part.startswith("docProps/"):
            label = "properties"
        if not label and part.lower().startswith("customxml/"):
            label = "custom XML"
        if not label:
            return f"part {sanitise_name(part)}"
        num = re.search(r"(\d+)\.\w+$", part)
        if label in ("chart", "drawing", "diagram") and num:
            return f"{label} {num.group(1)}"
        return label

    def rest(self) -> Iterator[Item]:
        """Every part not read yet, then the external links."""
        yield from self.problems
        self.problems = []
        for part in sorted(self.infos, key=natural_key):
            if part in self.done:
                continue
            self.ctx.check_deadline()
            try:
                yield from self._part(part)
            except Exception as exc:  # one bad part never hides the others
                from dlpgate.mime.errors import InspectionTimeout

                if isinstance(exc, InspectionTimeout):
                    raise
                yield Problem("corrupt", f"{self.where}, {sanitise_name(part)}", f"{type(exc).__name__} reading the part")
        links = [unquote(r.target) for rels in self.rels.values() for r in rels if r.external and r.target.strip()]
        if links:
            yield Segment("\n".join(dict.fromkeys(links)), f"{self.where}, links")

    def _part(self, part: str) -> Iterator[Item]:
        self.done.add(part)
        low = part.lower()
        if low.endswith(".rels") or low == "[content_types].xml":
            return
        ct = self.content_type(part)
        kinds = self.pointed.get(part, set())
        base = part.rpartition("/")[2]
        nested_where = f"{self.where} > {sanitise_name(base) or 'unnamed part'}"
        if kinds & NO_TEXT_RELS - {"fontTable"} or any(t in ct for t in NO_TEXT_TYPES) or ct.startswith("font/"):
            return
        data = self.read(part)
        if "vbaproject" in ct or base.lower() == "vbaproject.bin":
            yield from read_macros(data, f"{self.where}, macros")
            return
        if kinds & EMBED_RELS or "/embeddings/" in low or "oleobject" in ct:
            yield from embedded(data, base, self.where, self.ctx, ct)
            return
        if (kinds & ACTIVEX_RELS or "activex" in ct) and not ct.endswith("xml"):
            # A control's saved state: an OLE storage, or a raw stream of its properties.
            if data.startswith(OLE_MAGIC):
                yield from embedded(data, base, self.where, self.ctx, ct)
            else:
                yield from unknown_binary(data, base, f"{self.where}, {sanitise_name(part)}", nested_where, self.ctx, ct)
            return
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
        if self.label(part) == "custom XML" and "customxmlproperties" not in ct and head.startswith(b"<"):
            # A custom XML part is data (a form's or a system's record, bound to content
            # controls): read as XML documents are, its attribute values after their names.
            from dlpgate.mime.formats import xml

            yield from xml.extract(data, base, f"{self.where}, custom XML", self.ctx)
            return
        if ct.endswith(("+xml", "/xml")) or (low.endswith((".xml", ".vml")) and head.startswith(b"<")):
            place = f"{self.where}, {self.label(part)}"
            if "custom-properties" in ct and (named := custom_properties(data)) is not None:
                if named:
                    yield Segment(named, place)
                return
            ordered = _diagram_text(data) if b"dataModel" in head else None
            if ordered is None:
                yield from self.xml_items(part, place, lenient=True, data=data)
                return
            # a SmartArt diagram's nodes in the order it shows them; what else the part says as read
            if ordered.strip():
                yield Segment(ordered, place)
            yield from (i for i in self.xml_items(part, place, data=data) if not (isinstance(i, Segment) and i.where == place))
            return
        if kinds & MEDIA_RELS or ct.split("/", 1)[0] in ("image", "audio", "video") or "/media/" in low:
            if not ct or ct == "application/octet-stream":
                ct = "image/x-unknown" if "image" in kinds or "/media/" in low else "application/octet-stream"
            yield from self.ctx.recurse(data, base, nested_where, content_type=ct)
            return
        yield from unknown_binary(data, base, f"{self.where}, {sanitise_name(part)}", nested_where, self.ctx, ct)


def custom_properties(data: bytes) -> str | None:
    """An OOXML file's custom properties (File > Properties > Custom: a contract's reference, a
    case's number, a system's fields) as "Name: value" lines, each name before its value as
    the dialog shows it (_records.named_value); None where the part is not well-formed."""
    from dlpgate.mime.formats._records import named_value

    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER))
    except etree.XMLSyntaxError:
        return None
    lines = []
    for prop in root:
        if not isinstance(prop.tag, str):
            continue
        line = named_value(prop.get("name") or "", " ".join(t.strip() for t in prop.itertext() if t.strip()))
        if line:
            lines.append(line)
    return "\n".join(lines)


def _diagram_text(data: bytes) -> str | None:
    """_xmltext.diagram_text, None where the part is not well-formed (then read loosely)."""
    try:
        return _xmltext.diagram_text(data)
    except etree.XMLSyntaxError:
        return None


def open_package(data: bytes, name: str, where: str, ctx: ExtractContext) -> tuple[Package | None, list[Item]]:
    from dlpgate.mime.formats._guard import open_office_zip

    zf, first = open_office_zip(data, name, where, ctx)
    if zf is None:
        return None, first
    return Package(zf, len(data), where, ctx), first


def read_package(
    data: bytes, name: str, where: str, ctx: ExtractContext, read_known: Callable[[Package], Iterator[Item]]
) -> Iterator[Item]:
    """An OOXML package: ``read_known`` reads the parts its format knows best, :meth:`Package.rest` every other."""
    pkg, first = open_package(data, name, where, ctx)
    yield from first
    if pkg is None:
        return
    with pkg.zf:
        yield from read_known(pkg)
        yield from pkg.rest()


# --- nested files ---------------------------------------------------------------------


def embedded(data: bytes, name: str, parent: str, ctx: ExtractContext, ct: str = "") -> Iterator[Item]:
    """An embedded object, named "parent > name": an OLE wrapper is opened to the
    file it carries, named by the label the document shows ("parent > list.csv")."""
    if data.startswith(OLE_MAGIC):
        try:
            kind, inner_name, payload = _ole_payload(data)
        except Exception:  # a damaged OLE file: the registry's OLE reader reports it
            kind, inner_name, payload = "ole", "", b""
        if kind == "file":
            label = sanitise_name(inner_name) or sanitise_name(name) or "embedded object"
            yield from ctx.recurse(payload, inner_name or name, f"{parent} > {label}", content_type=_sniff(payload, inner_name or name))
            return
        if kind == "strings":
            # An object of a kind no reader knows (an equation, a Visio drawing, a
            # legacy slide deck): the text strings its streams hold.
            where = f"{parent} > {sanitise_name(name) or 'embedded object'}"
            strings = _strings(payload)
            if strings:
                yield Segment("\n".join(strings), where)
            yield Problem("unsupported", where, "embedded object of an unknown kind: only its text strings were read", severe=False)
            return
    where = f"{parent} > {sanitise_name(name) or 'embedded object'}"
    yield from ctx.recurse(data, name, where, content_type=_sniff(data, name, ct))


def _sniff(data: bytes, name: str, ct: str = "") -> str:
    from dlpgate.mime.formats.archive import sniff_content_type

    sniffed = sniff_content_type(data, name)
    if sniffed == "application/octet-stream" and ct and "oleobject" not in ct and "/" in ct:
        return ct
    return sniffed


def _ole_payload(data: bytes) -> tuple[str, str, bytes]:
    """What an OLE embedding holds: ("file", name, bytes) for the file it wraps,
    ("ole", "", b"") for an OLE document the registry reads (Word, Excel, Outlook,
    encrypted), ("strings", "", all stream bytes) for anything else.

    ``\\x01Ole10Native``: an OLE Packager "Package" object (any file dragged into
    a document): a 4-byte size, then label, path, a few fields, the data size and
    the data.  ``Package``: an embedded OOXML file.  ``CONTENTS``: Acrobat's PDF.
    """
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        streams = {"/".join(s): s for s in ole.listdir()}
        if "\x01Ole10Native" in streams:
            label, payload = _ole10native(ole.openstream(streams["\x01Ole10Native"]).read())
            return "file", label, payload
        for stream in ("Package", "CONTENTS", "Contents"):
            if stream in streams:
                return "file", "", ole.openstream(streams[stream]).read()
        names = set(streams)
        if names & {"EncryptionInfo", "EncryptedPackage", "WordDocument", "Workbook", "Book"} or any(
            s.startswith("__substg1.0_") for s in names
        ):
            return "ole", "", b""
        return "strings", "", b"\n".join(ole.openstream(s).read() for s in streams.values() if ole.get_type(s) == olefile.STGTY_STREAM)


def _ole10native(raw: bytes) -> tuple[str, bytes]:
    try:
        pos = 4 + 2  # total size, then a flags word
        label_end = raw.index(b"\x00", pos)
        label = raw[pos:label_end].decode("latin-1")
        pos = raw.index(b"\x00", label_end + 1) + 1  # original path
        pos += 4  # reserved
        size = int.from_bytes(raw[pos : pos + 4], "little")
        pos += 4 + size  # temp path (length-prefixed)
        size = int.from_bytes(raw[pos : pos + 4], "little")
        pos += 4
        payload = raw[pos : pos + size]
        if len(payload) != size:
            raise ValueError
        return label, payload
    except (ValueError, IndexError):
        # An Ole10Native stream of another shape (a linked file, an old equation): its bytes as they are.
        return "", raw[4:]


def read_macros(data: bytes, where: str) -> Iterator[Item]:
    try:
        from oletools.olevba import VBA_Parser
    except ImportError:  # pragma: no cover - oletools comes with extract-msg
        yield Problem("unsupported", where, "macros not read (oletools not installed)")
        return
    try:
        parser = VBA_Parser("vbaProject.bin", data=data)
        code = "\n".join(src for _, _, _, src in parser.extract_macros() if src)
        parser.close()
    except Exception as exc:
        yield Problem("corrupt", where, f"{type(exc).__name__} reading the macros")
        return
    if code.strip():
        yield Segment(code, where)


_STRINGS = re.compile(rb"[\x20-\x7e\t]{4,}|(?:[\x20-\x7e]\x00){4,}")


def unknown_binary(data: bytes, name: str, where: str, nested_where: str, ctx: ExtractContext, ct: str) -> Iterator[Item]:
    """A part of no known kind: handed on when its bytes say what it is, else its strings read and reported."""
    from dlpgate.mime.formats.archive import sniff_content_type

    if not data:
        return
    sniffed = sniff_content_type(data, "")
    if sniffed != "application/octet-stream" or data.startswith((*ZIP_MAGIC, OLE_MAGIC)):
        yield from ctx.recurse(data, name, nested_where, content_type=sniffed)
        return
    if looks_like_text(data[:65536]):
        from dlpgate.mime.formats.text import extract as text_extract

        yield from text_extract(data, name, where, ctx)
        return
    strings = _strings(data)
    if strings:
        yield Segment("\n".join(strings), where)
    severe = _entropy(data[:65536]) > 7.2  # compressed or encrypted: its strings say nothing
    yield Problem(
        "unsupported",
        where,
        f"part of unknown type ({ct or 'no content type'}): only its text strings were read",
        severe=severe,
    )


def _strings(data: bytes) -> list[str]:
    """Runs of printable ASCII, and of UTF-16LE ASCII, four characters or more."""
    return [s.decode("utf-16-le") if b"\x00" in s else s.decode("latin-1") for s in _STRINGS.findall(data)]


def _entropy(sample: bytes) -> float:
    if not sample:
        return 0.0
    n = len(sample)
    return -sum(c / n * math.log2(c / n) for c in Counter(sample).values())


# --- document properties of legacy (OLE) Office files ----------------------------------------

_OLE_PROPERTIES = ("title", "subject", "author", "keywords", "comments", "last_saved_by", "category", "manager",
                   "company")


def ole_properties(ole, where: str) -> Iterator[Item]:
    """The properties a legacy Word, Excel or PowerPoint file shows (File > Properties: title,
    subject, author, keywords, comments...), from its SummaryInformation streams, as the
    properties of an OOXML file are read."""
    try:
        meta = ole.get_metadata()
    except Exception:  # damaged property streams: nothing to show
        return
    lines = []
    for key in _OLE_PROPERTIES:
        value = getattr(meta, key, None)
        if isinstance(value, bytes):
            value = value.decode("cp1252", "replace")
        if isinstance(value, str) and value.strip("\x00 \t\r\n"):
            lines.append(f"{key.replace('_', ' ')}: {value.strip(chr(0)).strip()}")
    lines.extend(_ole_custom_properties(ole))
    if lines:
        yield Segment("\n".join(lines), f"{where}, properties")


_OLE_CUSTOM = "\x05DocumentSummaryInformation"


def _ole_custom_properties(ole) -> list[str]:
    """A legacy file's custom properties (File > Properties > Custom, the user-defined section
    of its DocumentSummaryInformation) as "Name: value" lines (_records.named_value)."""
    from dlpgate.mime.formats._records import named_value

    if not ole.exists(_OLE_CUSTOM):
        return []
    try:
        found = ole.get_userdefined_properties(_OLE_CUSTOM)
    except Exception:  # a damaged property set: its standard properties are still read
        return []
    lines = []
    for item in found:
        value = item.get("value")
        if isinstance(value, bytes):
            value = value.decode("cp1252", "replace")
        if isinstance(value, bool) or value is None:
            continue
        line = named_value(str(item.get("property_name") or ""), str(value).strip("\x00"))
        if line:
            lines.append(line)
    return lines


# --- objects embedded in legacy (OLE) Word and Excel files ----------------------------------


def ole_embeddings(data: bytes, where: str, ctx: ExtractContext) -> Iterator[Item]:
    """The properties of a Word 97-2003 or Excel 97-2003 file, and the objects embedded in
    it (``ObjectPool/_nnn``, ``MBDxxxxxxxx``): each storage's file handed back to the
    registry, as for OOXML embeddings; a storage of no known kind is read for its strings."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # not OLE: nothing embedded this way
        return
    with ole:
        yield from ole_properties(ole, where)
        storages: dict[tuple[str, ...], list[list[str]]] = {}
        for entry in ole.listdir(streams=True, storages=False):
            top = entry[0]
            if top == "ObjectPool" and len(entry) >= 3:
                storages.setdefault(tuple(entry[:2]), []).append(entry)
            elif top.startswith("MBD") and len(entry) >= 2:
                storages.setdefault((top,), []).append(entry)
        for number, (_key, streams) in enumerate(sorted(storages.items()), 1):
            ctx.check_deadline()
            names = {s[-1]: s for s in streams}
            label = f"embedded object {number}"
            if "\x01Ole10Native" in names:
                inner_name, payload = _ole10native(ole.openstream(names["\x01Ole10Native"]).read())
                place = f"{where} > {sanitise_name(inner_name) or label}"
                yield from ctx.recurse(payload, inner_name, place, content_type=_sniff(payload, inner_name))
                continue
            for stream in ("Package", "CONTENTS", "Contents", "Workbook", "Book"):
                if stream in names:
                    payload = ole.openstream(names[stream]).read()
                    ctype = "application/vnd.ms-excel" if stream in ("Workbook", "Book") else _sniff(payload, "")
                    yield from ctx.recurse(payload, "", f"{where} > {label}", content_type=ctype)
                    break
            else:
                raw = b"\n".join(ole.openstream(s).read() for s in streams if s[-1] not in ("\x01CompObj", "\x03ObjInfo", "\x01Ole"))
                strings = _strings(raw)
                if strings:
                    yield Segment("\n".join(strings), f"{where} > {label}")
                yield Problem(
                    "unsupported", f"{where} > {label}", "embedded object of an unknown kind: only its text strings were read", severe=False
                )
