"""RTF: the text (striprtf), and what striprtf leaves out; a file that is not RTF is read as text.

Besides the body text:

* document information (``{\\info {\\title} {\\subject} {\\author} {\\keywords}
  {\\doccomm}...}``) as "properties";
* user properties (``{\\*\\userprops}``) as "properties";
* comments (``{\\*\\annotation}``) as "comments", field instructions
  (``{\\*\\fldinst HYPERLINK "..."}``: link targets, merge fields) as "field codes",
  form-field default and help text as "form fields";
* Outlook's HTML kept in RTF (``{\\*\\htmltag}``): attributes, links and
  comments of its tags, as for HTML;
* embedded objects (``{\\*\\objdata}``: an OLE 1.0 object - a file dragged
  into the document, a workbook, a PDF) unwrapped and handed back to the
  registry, named by their label ("attachment letter.rtf > list.csv");
* pictures (``{\\pict}``) handed back as images (OCR when it is on).

Groups are found with one forward scan per kind (a group's end by counting
braces), so the work stays linear in the size of the file.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats import text as _text
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_INFO_FIELDS = (
    "title", "subject", "author", "operator", "keywords", "doccomm", "comment", "company", "manager", "category",
    "hlinkbase", "propname", "staticval",
)
_FORM_FIELDS = ("ffdeftext", "ffhelptext", "ffstattext", "ffentrymcr", "ffl")
# Text on the page or kept with the document that striprtf leaves out (it skips these
# destinations whole): headers and footers, footnotes and endnotes, text boxes (and the
# shape's fallback text), an object's shown result, Word's document variables (which
# record systems' letter templates fill), index and contents entries, the ANSI half of
# \\upr text; and a shape's text properties (alt text, a WordArt's words).
_PAGE_TEXT = {
    "header": "headers and footers", "headerl": "headers and footers", "headerr": "headers and footers",
    "headerf": "headers and footers", "footer": "headers and footers", "footerl": "headers and footers",
    "footerr": "headers and footers", "footerf": "headers and footers", "footnote": "footnotes",
    "shptxt": "text boxes", "dptxbxtext": "text boxes", "shprslt": "text boxes", "result": "objects' text",
    "docvar": "document variables", "xe": "index entries", "tc": "index entries", "txe": "index entries",
    "upr": "other text",
}
_SHAPE_TEXT = frozenset(("wzdescription", "wzname", "wztitle", "gtextunicode", "gtextrtf", "wzsigsetupsuggsigner"))
_DESTINATIONS = re.compile(
    r"\{\\\*\\(annotation|fldinst|objdata|htmltag|docvar|" + "|".join(_FORM_FIELDS) + r")(?![a-zA-Z])"
    r"|\{\\(fldinst|pict|sp|" + "|".join(k for k in _PAGE_TEXT if k != "docvar") + r")(?![a-zA-Z])"
    r"|\{\\(" + "|".join(_INFO_FIELDS) + r")(?![a-zA-Z])"
)
# Groups inside page text that hold no text: pictures, objects' data, binary stores.
_NO_TEXT_GROUP = re.compile(r"\{\\(?:\*\\)?(?:pict|objdata|shppict|nonshppict|blipuid|datastore|themedata|datafield|sp|fldinst)(?![a-zA-Z])")
_CONTROL = re.compile(r"\\'([0-9a-fA-F]{2})|\\u(-?\d+) ?\??|\\([a-zA-Z]+)(-?\d+)? ?|\\([^a-zA-Z])|[{}\r\n]")
_PICT_SKIP = re.compile(r"\\[a-zA-Z]+-?\d* ?|\{[^{}]*\}")
_HEX = re.compile(r"[^0-9a-fA-F]")
_MARK = re.compile(r"[{}\\]")
MAX_GROUP = 64 * 1024 * 1024


def _group_end(raw: str, start: int) -> int:
    """Index just past the group opening at ``start`` (or the end of the text)."""
    depth = 0
    i = start
    n = len(raw)
    while i < n:
        m = _MARK.search(raw, i)
        if m is None:
            return n
        j = m.start()
        ch = raw[j]
        if ch == "\\":
            i = j + 2  # an escaped brace or backslash is not a group mark
            continue
        depth += 1 if ch == "{" else -1
        i = j + 1
        if depth == 0:
            return i
    return n


# "{\\*\\word" opens a group a reader that does not know the word skips whole; striprtf
# skips them token by token (Outlook's HTML kept in RTF is mostly such groups). Field
# instructions stay: striprtf turns a hyperlink's into "text(link)".
_IGNORABLE = re.compile(r"\{\\\*\\(?!fldinst(?![a-zA-Z]))")


def _without_ignorable(raw: str) -> str:
    """The RTF without its ignorable groups ("{\\*\\..."), for striprtf: the same text, faster.

    ``_extras`` reads the groups that hold text (comments, Outlook's HTML tags, objects).
    Each group leaves a line break, which striprtf reads as nothing: text on either side
    stays on lines of its own, as striprtf's hyperlink pattern (a greedy match within a
    line) expects."""
    parts: list[str] = []
    pos = 0
    while (m := _IGNORABLE.search(raw, pos)) is not None:
        parts.append(raw[pos : m.start()])
        parts.append("\n")
        pos = _group_end(raw, m.start())
    if not parts:
        return raw
    parts.append(raw[pos:])
    return "".join(parts)


def _plain(group: str) -> str:
    """The text of an RTF fragment: control words removed, escapes decoded."""
    out: list[str] = []
    pending = bytearray()

    def flush() -> None:
        if pending:
            out.append(pending.decode("cp1252", "replace"))
            pending.clear()

    pos = 0
    for m in _CONTROL.finditer(group):
        if m.start() > pos:
            flush()
            out.append(group[pos : m.start()])
        pos = m.end()
        hexbyte, uni, word, _arg, sym = m.groups()
        if hexbyte:
            pending.append(int(hexbyte, 16))
            continue
        flush()
        if uni:
            out.append(chr(int(uni) % 65536))
        elif word in ("par", "line", "row", "sect", "page"):
            out.append("\n")
        elif word in ("tab", "cell"):
            out.append("\t")
        elif sym in ("\\", "{", "}"):
            out.append(sym)
        elif sym == "~":
            out.append("\u00a0")
    flush()
    out.append(group[pos:])
    return "".join(out)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    head = data[:64].lstrip()
    if not head.startswith(b"{\\rtf"):
        yield from _text.extract(data, name, where, ctx)
        return
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: anything else is escaped (\'e9, \u233), so latin-1 never fails.
    raw = data.decode("latin-1")
    yield Segment(rtf_to_text(_without_ignorable(raw), errors="replace"), where)
    yield from _extras(raw, where, ctx)


def _extras(raw: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    found: dict[str, list[str]] = {"properties": [], "comments": [], "field codes": [], "form fields": []}
    for label in _PAGE_TEXT.values():
        found.setdefault(label, [])
    found["alt text"] = []
    html_tags: list[str] = []
    objects = pictures = 0
    pos = 0
    while True:
        m = _DESTINATIONS.search(raw, pos)
        if m is None:
            break
        end = _group_end(raw, m.start())
        kind = m.group(1) or m.group(2) or m.group(3)
        body = raw[m.end() : end - 1]
        # page text's own groups with a reader of their own (pictures, objects, comments)
        # are read where they are: the scan goes on inside it
        pos = m.end() if kind in _PAGE_TEXT else end
        if kind == "htmltag":  # Outlook's HTML kept in RTF: the tags, whose attributes hold text too
            html_tags.append(_plain(re.sub(r"^\d+ ?", "", body)))
        elif kind == "objdata":
            objects += 1
            ctx.check_deadline()
            yield from _object(_hex(body), f"{where} > embedded object {objects}", where, ctx)
        elif kind == "pict":
            pictures += 1
            ctx.check_deadline()
            blob = _hex(_PICT_SKIP.sub("", body))
            if blob:
                yield from ctx.recurse(blob, "", f"{where} > picture {pictures}", content_type=_picture_type(body))
        else:
            label, text = _group_text(kind, body)
            if text:
                found[label].append(text)
    yield from _extra_segments(found, html_tags, where, ctx)


def _group_text(kind: str, body: str) -> tuple[str, str]:
    """(the place's label, the text) of a destination group that holds text."""
    if kind in _PAGE_TEXT:
        if kind == "docvar":  # "{name}{value}"
            body = re.sub(r"\}\s*\{", ": ", body, count=1)
        return _PAGE_TEXT[kind], _plain(_without_groups(body)).strip()
    if kind == "sp":
        return "alt text", _shape_text(body)
    if kind in _INFO_FIELDS:
        return "properties", _plain(body).strip()
    label = "comments" if kind == "annotation" else "field codes" if kind == "fldinst" else "form fields"
    return label, _plain(body).strip()


def _extra_segments(
    found: dict[str, list[str]], html_tags: list[str], where: str, ctx: ExtractContext
) -> Iterator[Segment | Problem]:
    """The text ``_extras`` found: one segment per kind, and what the HTML tags kept in RTF hold."""
    for label, texts in found.items():
        text = "\n".join(t for t in texts if t)
        if text:
            yield Segment(text, f"{where}, {label}")
    if html_tags:
        from dlpgate.mime.formats import html

        got = html.render("".join(html_tags))
        got.text = ""  # the text between the tags is the RTF text itself, read above
        for item in html.rendered_items(got, where, ctx):
            if not (isinstance(item, Segment) and item.where == where):
                yield item


def _without_groups(body: str) -> str:
    """``body`` without its groups that hold no text (_NO_TEXT_GROUP)."""
    if "{" not in body:
        return body
    out: list[str] = []
    pos = 0
    while True:
        m = _NO_TEXT_GROUP.search(body, pos)
        if m is None:
            out.append(body[pos:])
            return "".join(out)
        out.append(body[pos:m.start()])
        pos = _group_end(body, m.start())


_SN_RE = re.compile(r"\{\\sn[ \t\r\n]*([A-Za-z0-9]+)[ \t\r\n]*\}[ \t\r\n]*\{\\sv(?![a-zA-Z])[ \t\r\n]?")


def _shape_text(body: str) -> str:
    """A shape property's value when the property is text (alt text, a WordArt's words):
    ``{\\sn wzDescription}{\\sv ...}``."""
    m = _SN_RE.match(body)
    if m is None or m.group(1).lower() not in _SHAPE_TEXT:
        return ""
    value = body[m.end():_group_end(body, m.start() + m.group().rfind("{")) - 1]  # up to the \\sv group's end
    return _plain(value).strip()


def _hex(text: str) -> bytes:
    digits = _HEX.sub("", text)
    try:
        return binascii.unhexlify(digits[: len(digits) // 2 * 2])
    except binascii.Error:
        return b""


def _picture_type(body: str) -> str:
    for word, ctype in (("pngblip", "image/png"), ("jpegblip", "image/jpeg"), ("emfblip", "image/x-emf"), ("wmetafile", "image/x-wmf")):
        if "\\" + word in body:
            return ctype
    return "image/x-unknown"


def _lpstring(data: bytes, pos: int) -> tuple[str, int]:
    size = int.from_bytes(data[pos : pos + 4], "little")
    if size > len(data) - pos - 4:
        raise ValueError("bad string length")
    return data[pos + 4 : pos + 4 + size].rstrip(b"\x00").decode("latin-1"), pos + 4 + size


def _object(blob: bytes, where: str, parent: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """An OLE 1.0 object: header, class name, topic, item, native data (embedded
    objects, format 2); a linked object (format 1) names its file in the topic."""
    from dlpgate.mime.formats._opc import _ole10native, _strings, embedded

    native, class_name = b"", ""
    try:
        embedded_format = int.from_bytes(blob[4:8], "little") == 2
        pos = 8  # OLE version, format id
        class_name, pos = _lpstring(blob, pos)
        _topic, pos = _lpstring(blob, pos)
        _item, pos = _lpstring(blob, pos)
        if embedded_format:
            size = int.from_bytes(blob[pos : pos + 4], "little")
            native = blob[pos + 4 : pos + 4 + size]
    except ValueError:
        native = b""
    if not native:
        # A link to a file, a picture-only object, or an object written some other way:
        # the names and text strings it holds.
        strings = _strings(blob[:1024 * 1024])
        if strings:
            yield Segment("\n".join(strings), where)
        yield Problem("unsupported", where, "embedded object without its data: only its text strings were read", severe=False)
        return
    if class_name.startswith("Package"):
        label, payload = _ole10native(len(native).to_bytes(4, "little") + native)
        yield from embedded(payload, label or "embedded object", parent, ctx)
        return
    yield from embedded(native, where.rpartition(" > ")[2], parent, ctx)
