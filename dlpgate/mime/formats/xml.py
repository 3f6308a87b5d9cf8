"""XML documents: Word 2003 XML, flat OpenDocument (.fodt, .fods, .fodp), Excel 2003
SpreadsheetML, HL7 CDA and FHIR records, and any other XML, read as a person reads them.

* The text of a paragraph is read joined, however many runs, spans or bold
  words it is cut into: an element is a paragraph when its vocabulary names it
  so (``w:p``, ``text:p``, ``p``, ``h1``...) or when it holds text and elements
  side by side (mixed content). A tab, a line break and ODF's ``text:s`` read
  as the space they show.
* A row (``tr``, ``Row``, ``table:table-row``) is one line, its cells parted
  by tabs; a cell is read as a paragraph.
* A data element (text and nothing else) is read after its name, the words of
  the name parted: ``<nhsNumber>...</nhsNumber>`` reads "nhs Number: ...". A
  name that says little ("ID", "value", "code") takes its parent's name too
  (``<Invoice><ID>`` reads "Invoice ID: ..."): the document's structure is the
  evidence of what a number is.
* Attribute values are read after their element's and their own names
  ("patient nhs: ..."), one to a line, as the document's "attributes" (as for
  HTML); comments are read with the text. An HL7 identifier whose root is the
  NHS number's OID reads "NHS number: ...".
* An HL7 v3 (CDA) patient's header is read as a viewer shows it, in the text:
  their birthTime "date of birth: 1986-09-26", their name's parts joined
  "patient name: Ian Example", the patientRole's other ids "patient identifier: ...".
* An XPS page's text (``Glyphs/@UnicodeString``) is read as its text, a
  run to a line, in the order it is drawn.
* SVG is not read here: its bytes send it to the HTML reader, which reads
  what a browser shows rather than the drawing's coordinates.
* Embedded files (Word 2003 ``w:binData``, ODF ``office:binary-data``, a CDA
  or FHIR body marked base64) go back to the registry as nested files; any
  other long base64 value whose bytes are text or a known format does too
  (FHIR's ``<data value="..."/>``).
* Entities are not resolved and nothing is fetched; the values a document
  declares for its own entities are read with the attributes. XML that is not
  well-formed is read as plain text; a document over 8 MB is read streaming
  (every text and value, in bounded memory).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lxml import etree

from dlpgate.mime.formats import _records as records
from dlpgate.mime.formats import text as plain
from dlpgate.mime.formats._xmltext import PLACES, read_xml
from dlpgate.mime.text import b64decode_lenient, camel_words, sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# Elements that are paragraphs (or headings, list items, captions) in the common vocabularies.
_PARAGRAPHS = frozenset(
    {
        "p", "h", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "caption", "title", "pre",
        "blockquote", "para", "paragraph", "simpara", "heading", "list-item", "note-body",
    }
)  # fmt: skip
_ROWS = frozenset({"tr", "row", "table-row", "Row"})
_CELLS = frozenset({"td", "th", "Cell", "table-cell", "covered-table-cell", "entry", "c"})
_TABS = frozenset({"tab", "ptab"})
_BREAKS = frozenset({"br", "cr", "line-break", "soft-page-break"})
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
# Elements whose content is an embedded file in base64.
_BINARY_ELEMENTS = frozenset({"binData", "binary-data", "BinaryData"})
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]+={0,2}\s*")
# Base64 is wrapped at line ends and indented, never spaced inside a line.
_WORDS_SPACED = re.compile(r"\S[ \t]+\S")
_MIN_BASE64 = 24  # characters: a shorter value is a word or an id, read as it is
# A record's fields whose element names are short for their words (GPX's).
_FIELD_WORDS = {"desc": "Description", "cmt": "Comment"}
_MARKUP = re.compile(r"<[^>]*>")  # a KML description's HTML, in its CDATA
# Names that say little alone: the parent's name is read with them.
_VAGUE = frozenset({"id", "value", "code", "number", "no", "num", "ref", "reference", "key", "text", "extension", "val"})
# Attributes that hold a document's text itself: an XPS page's runs of glyphs
# (Windows' "Microsoft XPS Document Writer" printer).
_TEXT_ATTRIBUTES = frozenset({"UnicodeString"})
# Word's list of its built-in styles and their flags (w:latentStyles/w:lsdException):
# the same few hundred names in every document, nothing a person wrote.
_STYLE_MACHINERY = frozenset({"lsdException", "latentStyles"})
# HL7 v3 / CDA identifier roots (OIDs) and what they name.
_ID_ROOTS = {"2.16.840.1.113883.2.1.4.1": "NHS number"}
# HL7 v3 (CDA documents, NHS v3 messages): a patient's header as a viewer shows it. The
# patient's birthTime (an HL7 timestamp, YYYYMMDD[hhmm...]) reads as a date of birth, the
# parts of their name joined as a patient's name, the record's own ids (a local MRN) as
# patient identifiers; each beside what the elements read as.
_HL7_V3 = "{urn:hl7-org:v3}"
_V3_PATIENTS = frozenset({"patient", "patientPerson"})  # whose name and birthTime are the patient's
_V3_PATIENT_IDS = frozenset({"patientRole", "patient"})  # whose ids are the patient's
_V3_NAME_PARTS = ("prefix", "given", "family", "suffix")  # in the order a name is written
_HL7_TS = re.compile(r"((?:18|19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?:[0-9]{2,}(?:\.[0-9]+)?)?(?:[+-][0-9]{4})?")
_CHECK_EVERY = 4096
# Larger documents are read streaming, element by element, in bounded memory (a tree
# costs several times the file): every text and attribute value is still read, runs
# of a paragraph on lines of their own.
_STREAM_FROM = 8 * 1024 * 1024


def _streamed(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    try:
        parts = list(read_xml(io.BytesIO(data), ctx.check_deadline))
    except (etree.LxmlError, ValueError):
        yield from plain.extract(data, name, where, ctx)
        return
    for kind, text in parts:
        suffix = PLACES.get(kind)
        yield Segment(text, f"{where}, {suffix}" if suffix else where)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if len(data) > _STREAM_FROM:
        yield from _streamed(data, name, where, ctx)
        return
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError):  # not XML after all (or nested past lxml's depth): read as text
        yield from plain.extract(data, name, where, ctx)
        return
    if root is None:
        yield from plain.extract(data, name, where, ctx)
        return
    reader = _Reader(ctx.check_deadline)
    reader.read_document(root)
    yield Segment("\n".join(reader.lines), where)
    if reader.attributes:
        yield Segment("\n".join(reader.attributes), f"{where}, attributes")
    for n, found in enumerate(reader.records.values(), 1):
        table = records.record_table(found, where, n)
        if table is not None:
            yield table
    for i, (label, blob) in enumerate(reader.files, 1):
        ctx.check_deadline()
        # the name is the document's own text: made safe for a notice, and read as words by recurse
        yield from ctx.recurse(blob, label, f"{where} > {sanitise_name(label) or f'embedded file {i}'}")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _words(local: str) -> str:
    """An element's or attribute's name as words: "nhsNumber" -> "nhs Number", "date_of_birth" -> "date of birth"."""
    return camel_words(local, "_-")


def _kept(text: str | None) -> str:
    """Text as it shows: indentation between elements (blank, with a line break) is not text."""
    if not text or (not text.strip() and "\n" in text):
        return ""
    return text


class _Reader:
    def __init__(self, check: Callable[[], None]) -> None:
        self.lines: list[str] = []
        self.attributes: dict[str, None] = {}  # each value once, in document order
        self.files: list[tuple[str, bytes]] = []
        self.records: dict[str, list[list[tuple[str, str]]]] = {}  # by their element's name
        self.check = check
        self.count = 0

    def read_document(self, root: etree._Element) -> None:
        """The root element, the comments before and after it, and the values its
        document type declares for its entities (never expanded in place)."""
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None:
            for entity in dtd.iterentities():
                if entity.content and entity.content.strip():
                    self.attributes[f"{_words(entity.name or '')}: {entity.content.strip()}"] = None
        for before in reversed(list(root.itersiblings(preceding=True))):
            self._comment(before)
        self.read(root)
        for after in root.itersiblings():
            self._comment(after)

    def read(self, root: etree._Element) -> None:
        stack: list[tuple[etree._Element, str]] = [(root, "")]
        while stack:
            elem, parent = stack.pop()
            self._tick()
            if not isinstance(elem.tag, str):
                self._comment(elem)
                continue
            local = _local(elem.tag)
            label = _label(local, parent)
            self._attributes(elem, label)
            if elem.tag.startswith(_HL7_V3):
                self._v3_patient(elem, local, parent)
            children = list(elem)
            if local in _ROWS:
                self._row(elem, children)
            elif local in _PARAGRAPHS or local in _CELLS or _mixed(elem, children):
                self._paragraph(elem)
            elif not children:
                self._value(elem, local, label)
            else:
                self._record(local, children)
                stack.extend((child, local) for child in reversed(children))

    def _record(self, local: str, children: list[etree._Element]) -> None:
        """An element whose data elements are a record's fields, one of them a name (a map's
        place: ``<wpt><name>..</name><desc>..</desc>``, a KML Placemark, ``<patient><name>..
        <condition>..``): its fields gathered, by its element's name, as one record of a table
        (formats/_records.py)."""
        fields: list[tuple[str, str]] = []
        for child in children:
            if isinstance(child.tag, str) and not len(child) and child.text and child.text.strip():
                fields.append((_FIELD_WORDS.get(_local(child.tag)) or records.words(_local(child.tag)), child.text))
        if len(fields) < 2 or not any(records.named(label) for label, _ in fields):
            return
        found = self.records.setdefault(local, [])
        if len(found) < records.MAX_RECORDS:
            found.append([(label, _MARKUP.sub(" ", value) if "<" in value else value) for label, value in fields])

    def _tick(self) -> None:
        self.count += 1
        if self.count % _CHECK_EVERY == 0:
            self.check()

    def _comment(self, node: etree._Element) -> None:
        if isinstance(node, etree._Comment) and node.text and node.text.strip():
            self.lines.append(node.text.strip())

    def _attributes(self, elem: etree._Element, label: str = "") -> None:
        attrib = elem.attrib
        if not attrib or _local(elem.tag) in _STYLE_MACHINERY:
            return
        label = label or _words(_local(elem.tag))
        named = _ID_ROOTS.get(attrib.get("root", ""))
        for key, value in attrib.items():
            value = value.strip()
            if not value:
                continue
            blob = _embedded(elem, "", value) if len(value) >= _MIN_BASE64 else None
            if blob is not None:  # FHIR: <data value="JVBERi0..."/>
                self.files.append(("", blob))
                continue
            local = _local(key)
            if local in _TEXT_ATTRIBUTES:  # the text itself, as XPS draws it
                self.lines.append(value)
                continue
            name = _words(local)
            if named and key == "extension":
                self.attributes[f"{named}: {value}"] = None
            elif label.lower().endswith(name.lower()):
                self.attributes[f"{label}: {value}"] = None
            else:
                self.attributes[f"{label} {name}: {value}"] = None

    def _v3_patient(self, elem: etree._Element, local: str, parent: str) -> None:
        """An HL7 v3 patient's date of birth, name and ids, as their header shows them."""
        line = ""
        if local == "birthTime" and parent in _V3_PATIENTS:
            m = _HL7_TS.fullmatch(elem.get("value", "").strip())
            if m:
                line = f"date of birth: {m.group(1)}-{m.group(2)}-{m.group(3)}"
        elif local == "name" and parent in _V3_PATIENTS:
            parts: dict[str, list[str]] = {part: [] for part in _V3_NAME_PARTS}
            for child in elem:
                text = (child.text or "").strip()
                if isinstance(child.tag, str) and _local(child.tag) in parts and text:
                    parts[_local(child.tag)].append(text)
            written = " ".join(word for part in _V3_NAME_PARTS for word in parts[part])
            line = f"patient name: {written}" if written else ""
        elif local == "id" and parent in _V3_PATIENT_IDS and elem.get("root", "") not in _ID_ROOTS:
            extension = elem.get("extension", "").strip()
            line = f"patient identifier: {extension}" if extension else ""
        if line:
            self.lines.append(line)

    def _value(self, elem: etree._Element, local: str, label: str = "") -> None:
        value = elem.text
        if not value or not value.strip():
            return
        blob = _embedded(elem, local, value)
        if blob is not None:
            self.files.append(
                (elem.get("name") or elem.get("{http://schemas.microsoft.com/office/word/2003/wordml}name") or "", blob)
            )
            return
        self.lines.append(f"{label or _words(local)}: {value.strip()}")

    def _row(self, elem: etree._Element, children: list[etree._Element]) -> None:
        cells = []
        for child in children:
            if isinstance(child.tag, str):
                self._attributes(child)
                cells.append(" ".join(self._inline(child).split()))
            else:
                self._comment(child)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            self.lines.append("\t".join(cells))

    def _paragraph(self, elem: etree._Element) -> None:
        text = self._inline(elem).strip()
        if text:
            self.lines.append(text)

    def _inline(self, elem: etree._Element) -> str:
        """The text of an element as it shows, its descendants' attributes and comments read on their own lines."""
        out: list[str] = []
        self._inline_into(elem, out)
        return "".join(out)

    def _inline_into(self, elem: etree._Element, out: list[str]) -> None:
        out.append(_kept(elem.text))
        for child in elem:
            self._tick()
            tag = child.tag
            if not isinstance(tag, str):
                self._comment(child)
            else:
                self._attributes(child)
                local = _local(tag)
                if local in _TABS:
                    out.append("\t")
                elif local in _BREAKS:
                    out.append("\n")
                elif local == "s" and tag.startswith("{" + _ODF_TEXT):
                    out.append(" " * _count(child.get(f"{{{_ODF_TEXT}}}c")))
                elif local in _PARAGRAPHS or local in _ROWS:
                    out.append("\n")
                    self._inline_into(child, out)
                    out.append("\n")
                elif local in _CELLS:
                    out.append("\t")
                    self._inline_into(child, out)
                elif local in _BINARY_ELEMENTS and child.text:
                    self._value(child, local)
                else:
                    self._inline_into(child, out)
            out.append(_kept(child.tail))


def _label(local: str, parent: str) -> str:
    """What an element's name says, its parent's name with it when its own says little."""
    words = _words(local)
    if parent and local.lower() in _VAGUE:
        return f"{_words(parent)} {words}"
    return words


def _mixed(elem: etree._Element, children: list[etree._Element]) -> bool:
    """Text and elements side by side: a paragraph, whatever the vocabulary calls it."""
    if not children:
        return False
    if elem.text and elem.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in children)


def _count(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _embedded(elem: etree._Element, local: str, value: str) -> bytes | None:
    """The bytes of an embedded file an element holds in base64, or None."""
    from dlpgate.mime.sniff import sniff

    declared = local in _BINARY_ELEMENTS or (elem.get("representation") or "").upper() == "B64"
    if not declared and (len(value) < _MIN_BASE64 or not _BASE64.fullmatch(value) or _WORDS_SPACED.search(value)):
        return None  # (words with spaces between them on a line are text: "Tamoxifen 20mg once daily")
    blob, status = b64decode_lenient(value.encode("utf-8", "replace"))
    if status == "undecodable" or not blob:
        return None
    if declared:
        return blob
    return blob if sniff(blob) is not None else None  # bytes of a known kind, text too; not random bytes
