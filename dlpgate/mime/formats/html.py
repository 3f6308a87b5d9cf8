"""HTML to text as it renders, plus the text a reader can see or follow elsewhere, in one linear pass.

Rendered text (``where``):

* tags removed; ``style`` contents dropped (CSS; only the strings of its
  ``content:`` declarations, which render, are kept as attribute text - their
  strings joined and their CSS escapes decoded, ``"NHS No: \\34 01"`` reads
  "NHS No: 401" - and its comments as comments);
* block elements (p, div, br, tr, li, h1-h6, table...) become line breaks,
  table cells (td, th) in a row are separated by a tab, so a number split
  over cells, lines or list items reads "401 023\\t2137" / "401 023\\n2137";
  a cell's own paragraph (Outlook puts a ``<p class=MsoNormal>`` in every
  cell) breaks no row: only breaks between a cell's paragraphs are lines;
* inline elements (b, i, span, font, a...) add nothing, so
  ``<b>943</b>&nbsp;476 5919`` reads ``"943\\u00a0476 5919"``; but form
  controls and their labels (button, label, select, textarea) are set off by
  spaces, SVG's ``<text>`` elements (and a ``<tspan>`` placed by its own x, y
  or dy) are lines, and the CSS layout a style attribute or a style sheet sets
  is read as a browser shows it (``_css_layout``): a span made a block is a
  line, an inline-block or a floated element is set off by spaces, flex and
  grid items are cells and rows;
* runs of ASCII white space collapse to one space (as a browser renders
  them), except inside ``pre``/``textarea``; NBSP is kept;
* Outlook's conditional comments (``<!--[if mso]> ... <![endif]-->``) are
  rendered by Outlook: their inner HTML is read as HTML, in place;
* entities decoded with :func:`html.unescape` once, at the end.

Besides the rendered text, separate segments:

* ``where, attributes``: alt, title, value (input, option, button, param),
  placeholder, aria-label, label, summary, abbr, ``data-*`` attributes (the
  data a page's script shows or a report exports, read after the words of
  their name: ``<tr data-nhs-no="...">`` reads "nhs no: ..."; a URL there is
  read as a link), the content of any element (RDFa, microdata)
  and meta content (named or not; not charset/viewport settings);
* ``where, links``: href/src/action/background... URLs with their
  percent-escapes decoded (query strings included; digit runs glued to
  letters, which are tracking tokens, left out); a ``data:`` URI's bytes
  go back to the registry as a nested file (``where > data URI 1``);
* ``where, shared file names``: the texts of links to files on a sharing
  service (OneDrive, SharePoint, Google Drive, Dropbox...) or to a document
  by its extension: what the sender calls the file, as an attachment's name;
* ``where, comments``: ordinary HTML comments (read as HTML), CDATA sections
  and CSS comments (read as text);
* an ``<iframe srcdoc>`` document is rendered into the attribute text;
* ``where, as shown``: the lines that read differently once the elements the
  document hides by its own markup (``hidden``, ``display:none``,
  ``mso-hide:all``, a zero font size, in a style attribute or by a class or
  id that the document's style sheet hides) are taken out - text they cut reads
  joined, as the reader sees it; the hidden text itself stays in the rendering;
* ``where, scripts``: the contents of ``<script>`` elements.  Mail clients
  never run them, but an exported HTML report (DataTables, BI tools) keeps
  its rows as JavaScript or JSON data (``application/ld+json`` too), so they
  are scanned rather than dropped, on their own so code never joins the
  rendered text.

style/class/id and layout attributes are not read: they carry no text and
their digits (colours, sizes, tracking ids) would only make false candidates.

A small hand-written tokenizer is used rather than ``html.parser`` (whose
handling of unclosed constructs is quadratic in Python 3.11 before 3.11.13).
Every scan moves forward; an unclosed comment, tag or script runs to the
end of the document and - to err on the side of scanning more - that rest
is emitted as text with anything tag-like removed.
"""

from __future__ import annotations

import base64
import binascii
import html as _html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, unquote_plus, unquote_to_bytes

from dlpgate.mime.formats._css_layout import BOX_EDGE, VOID, Layout, may_lay_out
from dlpgate.mime.formats.text import decode, edifact_pasted, file_blocks, hl7_pasted, json_unescaped, json_values
from dlpgate.mime.text import sniff_html_charset
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

BLOCK = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html
    iframe legend li listing main menu nav noframes ol option p plaintext pre section summary table
    tbody text tfoot thead title tr ul xml xmp""".split()
)
# SVG's text (<text>, above) is placed run by run: a <tspan> placed by its own x, y or dy
# starts a line (one moved by dx alone goes on the same one).
_PLACED_TSPAN = re.compile(r"""[\s"'/](?:x|y|dy)\s*=""", re.I)
CELL = frozenset({"td", "th"})
_SHAPED = BLOCK | CELL  # elements whose tags break the text whatever their style
# Form controls and their labels: boxes of their own (inline-block), set off by spaces.
FORM_BOXES = frozenset({"button", "label", "select", "textarea", "meter", "progress"})
_OWN_BOXES = FORM_BOXES | {"tspan"}
DROP = frozenset({"script", "style"})
PRE = frozenset({"pre", "textarea", "plaintext", "xmp"})
# Office's namespaced markup (<o:p> aside) holds settings and shapes: each its own line.
INLINE_NAMESPACED = frozenset({"o:p"})

# Attributes whose text a reader sees (tooltips, image descriptions, field values...).
SHOWN_ATTRS = frozenset(
    {"alt", "title", "placeholder", "aria-label", "aria-description", "aria-placeholder", "label", "summary", "abbr"}
)
VALUE_TAGS = frozenset({"input", "option", "button", "param", "textarea", "select"})
# Attributes holding a URL a reader can follow or a client fetches.
URL_ATTRS = frozenset(
    {"href", "src", "action", "formaction", "background", "poster", "cite", "longdesc", "data", "srcset", "dynsrc", "lowsrc"}
)
# <meta name=...> values that are rendering settings, not text.
META_NOISE = frozenset(
    {
        "viewport",
        "format-detection",
        "x-apple-disable-message-reformatting",
        "color-scheme",
        "supported-color-schemes",
        "theme-color",
        "robots",
        "referrer",
        "progid",
        "originator",
        "generator",
        # http-equiv pragmas (a refresh's URL is read as a link)
        "content-type",
        "x-ua-compatible",
        "refresh",
    }
)

# Attributes of Excel's HTML holding a cell's value (x:num="4339617539", x:str).
_CELL_VALUES = frozenset({"num", "str"})
_WANTED_NAMES = sorted(
    SHOWN_ATTRS | URL_ATTRS | _CELL_VALUES | {"value", "content", "name", "property", "itemprop", "http-equiv", "srcdoc"}
)
# Besides its two cases, what an ASCII letter matches under re.IGNORECASE (Unicode
# simple case folding): İ and ı match i, K (Kelvin) k, ſ (long s) s.
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _anycase(c: str) -> str:
    return f"[{c}{c.upper()}{_FOLDS.get(c, '')}]" if "a" <= c <= "z" else re.escape(c)


def _any_of(words: list[str]) -> str:
    """A pattern for any of ``words`` (lower-case ASCII letters and "-") in any case, as
    re.IGNORECASE reads them: a tree of shared prefixes, each branch starting with a
    character class the engine tests before it enters the branch."""
    firsts = sorted({w[0] for w in words if w})
    branches = [_anycase(c) + _any_of([w[1:] for w in words if w[:1] == c]) for c in firsts]
    if not branches:
        return ""
    if "" in words:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# A wanted attribute (a namespace prefix such as "o:" allowed) and its value, after white space
# or a quote; as ``(?i)(?<=[\s"'/])(?:[a-z]+:)?(alt|title|...)`` and so on (tests/formats/
# test_html_render_speedups.py compares the two). A name is followed by "=" or a blank, so at
# most one wanted name fits at a place, and the letters before a ":" are all letters or none.
_LETTERS = "a-zA-Z" + "".join(_FOLDS.values())
# A data-* attribute's name: "data-" and any more characters of a name.
_DATA_NAME = "".join(map(_anycase, "data-")) + r"""[^\s"'/=>]++"""
_WANTED = re.compile(
    rf"""(?<=[\s"'/])(?:[{_LETTERS}]++:)?({_any_of(_WANTED_NAMES)}|{_DATA_NAME})\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s>]++))"""
)
# A run of ASCII digits with a letter just before or just after it. The run is matched
# from its first digit only (the class first lets the engine skip to digits).
_GLUED_DIGITS = re.compile(r"[0-9](?<![0-9][0-9])(?:(?<=[A-Za-z][0-9])[0-9]*+|[0-9]*+(?=[A-Za-z]))")
_CONDITIONAL = re.compile(r"<!--\[if[^\]>]{0,200}\]>")
# A content declaration's value (up to its end), and the strings in it: a browser shows them
# one after another ("NHS No: " "401" counter(x) "0232137" shows "NHS No: 4010232137").
_CSS_STRING_BODY = r""""(?:[^"\\\n]|\\[\s\S])*+"|'(?:[^'\\\n]|\\[\s\S])*+'"""
_CSS_CONTENT = re.compile(rf"""content\s*+:((?:{_CSS_STRING_BODY}|[^;{{}}"'])*+)""", re.I)
_CSS_STRING = re.compile(r""""((?:[^"\\\n]|\\[\s\S])*+)"|'((?:[^'\\\n]|\\[\s\S])*+)'""")
# A CSS escape: up to six hex digits and one white space after them, an escaped line end
# (nothing), or any other character as itself (CSS Syntax 4.3.7).
_CSS_ESCAPE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6})(?:\r\n|[ \t\r\n\f])?|(\r\n|[\n\r\f])|([\s\S]))")
_URL_START = re.compile(r"(?:[a-z][a-z0-9+.-]*://|//|data:|mailto:|cid:)", re.I)


def _css_unescaped(text: str) -> str:
    """A CSS string's text with its escapes decoded ("\\34 01" -> "401")."""
    if "\\" not in text:
        return text
    return _CSS_ESCAPE.sub(_css_char, text)


def _css_char(m: re.Match[str]) -> str:
    if m[1]:
        code = int(m[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if m[2] else m[3]


def css_content_strings(css: str) -> list[str]:
    """What a style sheet's content declarations show: each one's strings, joined and
    unescaped."""
    out = []
    for value in _CSS_CONTENT.findall(css):
        shown = "".join(_css_unescaped(a or b) for a, b in _CSS_STRING.findall(value))
        if shown:
            out.append(shown)
    return out
_CSS_COMMENT = re.compile(r"/\*(.*?)(?:\*/|$)", re.S)
_ROUGH_TAG = re.compile(r"<[^<>]*+>")


def collect_dropped(name: str, inner: str, got: Rendered) -> None:
    """What a script or style element's text (``inner``) adds: the script itself; a style
    sheet's ``content:`` strings (they render) and its comments (they travel with the mail,
    as HTML comments do)."""
    if name == "script":
        if inner.strip():
            got.scripts.append(inner)
        return
    if "content" in inner:
        got.attributes.extend(css_content_strings(inner))
    if _MAY_HIDE.search(inner):
        _sheet_hiding(inner, got)
    if "/*" in inner:
        got.comments.extend(_html.escape(c, quote=False) for c in _CSS_COMMENT.findall(inner))
_END_CACHE: dict[str, re.Pattern[str]] = {}


def _end_of(tag: str) -> re.Pattern[str]:
    pat = _END_CACHE.get(tag)
    if pat is None:
        pat = _END_CACHE[tag] = re.compile(rf"</{tag}[\s/>]", re.I)
    return pat


_LINE, _CELL, _CELL_END = "\x00", "\x01", "\x02"  # break markers that survive white-space collapsing
_CONTROLS = re.compile(r"[\x00\x01\x02]+")
# A cell's own paragraph (Outlook and Word put a <p class=MsoNormal> in every cell) breaks no
# row: the breaks right inside a cell's edges go, those between its paragraphs stay.
_CELL_START_EDGE = re.compile("\x01[ \x00]+")
_CELL_END_EDGE = re.compile("[ \x00]+\x02")


def _pre_keep(text: str) -> str:
    """Line breaks and tabs inside pre-formatted text as the break markers, which survive
    white-space collapsing."""
    return text.replace("\n", _LINE).replace("\t", _CELL)


@dataclass
class Rendered:
    """What one HTML document shows and carries: see the module docstring."""

    text: str = ""
    attributes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    data_uris: list[tuple[str, bytes]] = field(default_factory=list)  # (media type, bytes)
    hides: bool = False  # an element hidden by its own markup was met (see as_shown)
    # the classes and ids the document's style sheets hide, and a pattern for the start
    # tags that carry one (see _sheet_hiding)
    hidden_classes: set[str] = field(default_factory=set)
    hidden_ids: set[str] = field(default_factory=set)
    sheet_hides: re.Pattern[str] | None = None


def html_to_text(doc: str) -> str:
    """The rendered text only."""
    return render(doc, collect=False).text


def render(doc: str, collect: bool = True, layout: bool = True) -> Rendered:
    """Rendered text, and (``collect``) attribute text, links, comments, scripts and data: URIs;
    ``layout``: with the document's CSS layout (tests compare the renderer without it with
    its earlier forms)."""
    if "\x00" in doc or "\x01" in doc or "\x02" in doc:
        doc = _CONTROLS.sub("", doc)
    renderer = _Renderer(doc, collect, layout)
    got = renderer.run()
    if renderer.lay is not None and renderer.lay.late:
        # A style sheet laid out elements before it: read again with its rules from the start.
        renderer = _Renderer(doc, collect, layout, renderer.lay.rules)
        got = renderer.run()
    return got


# The next piece of markup: a start or end tag (group 3 is None when its ">" is
# missing), or "<!", "<?" or "</" not starting a tag (group 4). One search per
# tag, quote-aware and possessive, so a failed tag costs one scan.
_NEXT = re.compile(r"""<(?:(/?)([A-Za-z][^\s/>\x00]*+)(?:[^>"']++|"[^"]*+"|'[^']*+')*+(>)?|([!?/]))""")


# What a tag does, from its text alone: (lower-case name, the break marker it adds or
# "", its step into or out of pre-formatted text (1, -1 or 0), the wanted attributes it
# carries, starts a dropped element (script, style)).
_TagEffect = tuple[str, str, int, list[tuple[str, str, str, str]], bool]

# A link tag with nothing else in it (each link of a newsletter is one of its own): it shows
# nothing, breaks no line, and its link is read. No white space or quote in the link, so
# nothing in it can read as hiding the element (_hides, a sheet's class or id); one with
# "tyle" or "TYLE", which _what reads for a style, is read there (tests/formats/
# test_html_render_speedups.py renders such links both ways).
_BARE_LINK = re.compile(r"""<a href="([^"'\s>]*+)">""")

# Links are kept with their glued digits until the end of a document, then blanked in one
# pass over them all, joined by a character links seldom hold (see _flush_links).
_LINK_JOIN = "\x00"


class _Renderer:
    """One pass over a document; every step moves ``pos`` forward."""

    __slots__ = ("doc", "collect", "got", "out", "pre", "plain", "tags", "links", "can_lay", "lay", "cell_value")

    def __init__(
        self, doc: str, collect: bool, layout: bool = True, rules: dict[str, dict[str, tuple[int, str]]] | None = None
    ) -> None:
        self.doc = doc
        self.collect = collect
        self.got = Rendered()
        self.out: list[str] = []
        self.pre = 0
        # What each tag's text does: mail repeats the same tag (the same styled
        # cell or paragraph, the same end tags) many times in one document.
        # ``plain``: tags with nothing to read, no element to skip and no step into
        # or out of pre-formatted text, as their break marker; ``tags``: the others.
        self.plain: dict[str, str] = {}
        self.tags: dict[str, _TagEffect] = {}
        self.links: list[str] = []  # links whose glued digits are still to be blanked
        self.cell_value = ""  # a spreadsheet cell's own value (Excel's x:num), read after its tag
        # The CSS layout (see _css_layout), made when a tag's style or a style sheet first
        # sets a layout property. Inside a flex or grid container every tag's place matters:
        # ``plain`` is emptied when one opens, and takes no tag while one is open, so every
        # tag comes to _tag.
        self.can_lay = layout
        self.lay: Layout | None = Layout(_SHAPED, rules, reread=True) if rules else None

    def run(self) -> Rendered:
        pos = 0
        while pos >= 0:
            pos = self._read(pos)
        self._flush_links()
        self.got.text = _tidy("".join(self.out))
        return self.got

    def _read(self, pos: int) -> int:
        """Text and tags from ``pos`` on, up to markup after which reading goes on
        elsewhere (a comment, a dropped element...): where it goes on, or -1 at the end."""
        doc = self.doc
        append = self.out.append
        plain = self.plain
        pre = self.pre  # changed only by the markup methods
        for m in _NEXT.finditer(doc, pos):
            lt, end = m.span()
            if lt > pos:
                append(_pre_keep(doc[pos:lt]) if pre else doc[pos:lt])
            tagtext = m[0]
            mark = plain.get(tagtext)
            if mark is None:
                nxt = self._tag(m, tagtext) if m[3] else self._markup(m)
                if nxt != end:
                    return nxt
                pre = self.pre
            elif mark:  # a tag seen before: its break marker only
                append(mark)
            pos = end
        append(doc[pos:])
        return -1

    def _markup(self, m: re.Match[str]) -> int:
        """Markup other than a whole tag: where reading goes on, or -1 at the end."""
        if m[2] is None:  # "<!", "<?", or "</" before no letter
            return self._other(m.start(), m[4])
        # a tag that never closes
        self._rest_as_text(m.start())
        return -1

    def _rest_as_text(self, start: int) -> None:
        # Unclosed to the end: read on as text, anything tag-like removed, to err on scanning more.
        self.out.append(_ROUGH_TAG.sub(" ", self.doc[start:]))

    def _other(self, lt: int, kind: str) -> int:
        """After "<!", "<?" or a stray "</": where reading goes on, or -1 at the end."""
        doc = self.doc
        if kind == "/":
            self.out.append("<")
            return lt + 1
        if kind == "!" and doc.startswith("<!--", lt):
            return self._comment(lt)
        if kind == "!" and doc.startswith("<![CDATA[", lt):  # text in XHTML and SVG; hidden in HTML
            end = doc.find("]]>", lt + 9)
            if end < 0:
                self._rest_as_text(lt + 9)
                return -1
            if self.collect and end > lt + 9:
                self.got.comments.append(_html.escape(doc[lt + 9 : end], quote=False))
            return end + 3
        end = doc.find(">", lt + 2)  # doctype, processing instruction: a bogus comment
        if end < 0:
            self._rest_as_text(lt + 2)
            return -1
        return end + 1

    def _comment(self, lt: int) -> int:
        doc = self.doc
        cond = _CONDITIONAL.match(doc, lt)
        if cond is not None:  # Outlook renders what is inside: read on as HTML
            return cond.end()
        if doc.startswith(">", lt + 4) or doc.startswith("->", lt + 4):  # <!--> and <!---> are empty
            return lt + (5 if doc[lt + 4] == ">" else 6)
        end = doc.find("-->", lt + 4)
        if end < 0:
            self._rest_as_text(lt + 4)
            return -1
        if self.collect and end > lt + 4:
            inner = doc[lt + 4 : end]
            if not inner.isspace():
                self.got.comments.append(inner)
        return end + 3

    def _tag(self, m: re.Match[str], tagtext: str) -> int:
        """A whole start or end tag (``tagtext``) not seen before, or with attributes to
        read or an element to skip: where reading goes on, or -1 at the end."""
        what = self.tags.get(tagtext)
        if what is None and self.lay is None and self.collect and not self.cell_value and tagtext.startswith('<a href="'):
            link = _BARE_LINK.fullmatch(tagtext)
            if link is not None and "tyle" not in tagtext and "TYLE" not in tagtext:  # a link and nothing else: what _what and _attributes make of it
                url = link[1]
                self.tags[tagtext] = ("a", "", 0, [("href", url, "", "")], False)  # (a later style sheet looks)
                if url:
                    self._url(_html.unescape(url).strip() if "&" in url else url.strip())
                return m.end()
        if what is None:
            what = self._what(m, tagtext)
            lay = self.lay
            if what[2] or what[3] or what[4] or (lay is not None and lay.placed(what[0], tagtext)):
                self.tags[tagtext] = what
            else:
                self.plain[tagtext] = what[1]
        name, mark, step, found, drop = what
        if found:
            self._attributes(name, found)
        lay = self.lay
        if lay is not None and (lay.open or name in lay.tracked or tagtext in lay.boxes):  # lay.placed
            was_open = lay.open
            mark = lay.end(name, mark) if tagtext[1] == "/" else lay.start(name, tagtext, mark)
            if lay.open and not was_open:
                self.plain.clear()
        if mark:
            self.out.append(mark)
        if self.cell_value:
            self.out.append(self.cell_value)
            self.cell_value = ""
        pos = m.end()
        if drop:
            pos = self._dropped(name, pos)
        if step:
            self.pre = max(0, self.pre + step)
        return pos

    def _sheet(self, css: str) -> None:
        """A style sheet's layout rules: tags read before it may be laid out by it, so their
        effects are worked out again."""
        if not may_lay_out(css):
            return
        lay = self.lay or Layout(_SHAPED)
        if lay.add_sheet(css):
            self.lay = lay
            if not lay.reread and any(self._laid_out(t) for t in (*self.tags, *self.plain) if t[1] != "/"):
                lay.late = True  # (render reads the document again)
            self.plain.clear()
            self.tags.clear()

    def _laid_out(self, tagtext: str) -> bool:
        """Whether the layout makes a box of a start tag read before."""
        name = _tag_name(tagtext)
        shaped = name in BLOCK or name in CELL or (":" in name and name not in INLINE_NAMESPACED)
        return self.lay is not None and self.lay.box(name, tagtext, shaped) is not None

    def _track(self, name: str) -> None:
        """A name the layout tracks from now on: its tags cached as plain are forgotten
        (past a few such names, all plain tags: each is worked out again once, however
        many names a document makes boxes of)."""
        plain = self.plain
        if self.lay is not None and len(self.lay.tracked) > 16:
            plain.clear()
            return
        n = len(name)
        for key in [k for k in plain if _names(k, name, n)]:
            del plain[key]

    def _what(self, m: re.Match[str], tagtext: str) -> _TagEffect:
        """What a tag (``tagtext``) does, which depends on its text alone: see ``_TagEffect``."""
        closing, name = m.group(1, 2)
        name = name.lower()
        found: list[tuple[str, str, str, str]] = []
        if self.collect and not closing and "=" in tagtext:
            # Only the attributes worth reading are matched (one pass in C); the others
            # (style, class, id, sizes...) are never split out.
            found = _WANTED.findall(tagtext, len(name) + 1)
        if self.collect and not closing and not self.got.hides:
            sheet = self.got.sheet_hides
            self.got.hides = _hides(tagtext) or (sheet is not None and sheet.match(tagtext) is not None)
        mark = ""
        drop = False
        if name in BLOCK:
            mark = _LINE
        elif name in CELL:
            mark = _CELL_END if closing else _CELL
        elif name in DROP and not closing and not tagtext.endswith("/>"):
            drop = True
        elif ":" in name and name not in INLINE_NAMESPACED:
            mark = _LINE
        elif name in _OWN_BOXES:
            if name != "tspan":
                mark = BOX_EDGE
            elif not closing and _PLACED_TSPAN.search(tagtext):
                mark = _LINE
        if not closing and self.can_lay:
            lay = self.lay
            if lay is None and ("tyle" in tagtext or "TYLE" in tagtext) and _styled_layout(tagtext):
                lay = self.lay = Layout(_SHAPED)
            if lay is not None and name not in DROP:
                tracked = name in lay.tracked
                lay.box(name, tagtext, mark not in ("", BOX_EDGE))
                if not tracked and name in lay.tracked:
                    self._track(name)
        step = (-1 if closing else 1) if name in PRE else 0
        return name, mark, step, found, drop

    def _dropped(self, name: str, pos: int) -> int:
        """A script or style element: not rendered; its code and CSS strings collected."""
        doc = self.doc
        end_tag = _end_of(name).search(doc, pos)
        if end_tag is None:
            self._rest_as_text(pos)
            return -1
        if self.collect:
            collect_dropped(name, doc[pos : end_tag.start()], self.got)
        if name == "style" and self.can_lay:
            self._sheet(doc[pos : end_tag.start()])
        close = doc.find(">", end_tag.end() - 1)
        return len(doc) if close < 0 else close + 1

    def _attributes(self, tag: str, found: list[tuple[str, str, str, str]]) -> None:
        """Collect what a tag's wanted attributes (``_WANTED`` matches: name and value) show or link to."""
        if len(found) == 1:  # most often: what the loops below do with one attribute
            key, v1, v2, v3 = found[0]
            value = v1 or v2 or v3
            if not value:
                return
            key = key.lower()
            if key != "srcdoc" and (key != "content" or tag != "meta"):
                self._attribute(tag, key, value)
                return
        attrs: dict[str, str] = {}
        for key, v1, v2, v3 in found:
            key = key.lower()
            if key not in attrs:
                attrs[key] = v1 or v2 or v3
        for key, value in attrs.items():
            if value:
                self._attribute(tag, key, value)
        if tag == "iframe" and attrs.get("srcdoc"):
            self._srcdoc(attrs["srcdoc"])
        if tag == "meta" and attrs.get("content"):
            self._meta(attrs)

    def _attribute(self, tag: str, key: str, value: str) -> None:
        """One attribute's value (not empty): text a reader sees, or a link."""
        if key in SHOWN_ATTRS or (key == "value" and tag in VALUE_TAGS) or (key == "content" and tag != "meta"):
            self.got.attributes.append(value)
        elif key in URL_ATTRS:
            self._url(_html.unescape(value).strip() if "&" in value else value.strip())
        elif key in _CELL_VALUES:
            # Excel's HTML (a range pasted into Outlook) keeps a cell's value beside what it
            # shows: 4.34E+09 or ###### in a narrow column, the whole number in x:num, which
            # pasting back into a sheet brings back. Read in the cell, before what it shows.
            if sum(c.isdigit() for c in value) >= 7:
                self.cell_value = f" {value.strip()} "
        elif key.startswith("data-"):
            # A page's own data, after its name's words ("data-nhs-no" reads "nhs no: ..."),
            # which say what a bare number is; a URL (a lazy-loaded picture) is a link.
            url = _html.unescape(value).strip() if "&" in value else value.strip()
            if _URL_START.match(url):
                self._url(url)
            else:
                self.got.attributes.append(f"{key[5:].replace('-', ' ').replace('_', ' ')}: {value}")

    def _srcdoc(self, srcdoc: str) -> None:
        """An iframe's whole document in an attribute, rendered in place."""
        got = self.got
        inner = render(_html.unescape(srcdoc))
        self._flush_links()  # the links before it come first
        got.attributes.append(_html.escape(inner.text, quote=False))
        got.attributes.extend(inner.attributes)
        got.links.extend(inner.links)
        got.comments.extend(inner.comments)
        got.scripts.extend(inner.scripts)
        got.data_uris.extend(inner.data_uris)

    def _meta(self, attrs: dict[str, str]) -> None:
        """A meta element with content: a refresh's URL; the text of any other, named or
        not, but for the settings a browser reads (viewport, charset...)."""
        pragma = (attrs.get("http-equiv") or "").lower()
        if pragma == "refresh":  # "0; url=https://..."
            self._url(_html.unescape(attrs["content"]).partition("=")[2].strip(" '\""))
        named = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or pragma).lower()
        if named not in META_NOISE and not named.startswith("msapplication"):
            self.got.attributes.append(attrs["content"])

    def _url(self, url: str) -> None:
        if url[:1] in ("d", "D") and url[:5].lower() == "data:":
            decoded = _data_uri(url)
            if decoded is not None:
                self.got.data_uris.append(decoded)
            return
        if url.startswith(("#", "cid:")) or len(url) < 8:
            return  # in-page anchors and inline-part references: nothing a reader follows elsewhere
        if "%" in url or "+" in url:
            base, sep, query = url.partition("?")
            if "%" in url or "+" in query:
                url = unquote(base) + sep + unquote_plus(query)
        self.links.append(url)

    def _flush_links(self) -> None:
        """The links kept so far, into ``got.links``: digits glued to letters ("lc1VH3615",
        "OV3323432606") are machine tokens (tracking ids, hashes), blanked so they make no
        candidates; a number set off by "/", "=", "&" or a space is read. The pattern looks
        one character to either side of a digit run, so joined by a character that is
        neither a letter nor a digit the links read as each on its own."""
        links = self.links
        if not links:
            return
        joined = _LINK_JOIN.join(links)
        if joined.count(_LINK_JOIN) == len(links) - 1:
            self.got.links.extend(_GLUED_DIGITS.sub(" ", joined).split(_LINK_JOIN))
        else:  # a link holds the joining character (a decoded %00)
            self.got.links.extend(_GLUED_DIGITS.sub(" ", link) for link in links)
        links.clear()


def _data_uri(url: str) -> tuple[str, bytes] | None:
    head, comma, body = url[5:].partition(",")
    if not comma:
        return None
    params = [p.strip() for p in head.split(";")]
    mediatype = params[0].lower() if params and "/" in params[0] else "text/plain"
    if any(p.lower() == "base64" for p in params[1:]):
        compact = "".join(unquote(body).split())
        try:
            data = base64.b64decode(compact + "=" * (-len(compact) % 4))
        except (binascii.Error, ValueError):
            return mediatype, unquote_to_bytes(body)
    else:
        data = unquote_to_bytes(body)
    return mediatype, data


_SPACE_RUN = re.compile("  +")  # a two-space literal prefix: the engine jumps from run to run


def _squeeze(text: str) -> str:
    """Runs of spaces as one space."""
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def _ws_to_space(text: str) -> str:
    """Tabs, CRs, LFs and form feeds as spaces: four scans in C, whatever characters
    the text holds."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ").replace("\f", " ")


def _tidy(joined: str) -> str:
    """White space as a browser renders it, then the break markers as lines and tabs.

    The same as these substitutions in turn (tests/mime/test_mime_text.py
    checks it against them), with as few passes over the text as possible:
    ``[ \t\r\n\f]+`` -> " ", entities decoded, breaks right inside a cell's edges
    dropped, markers replaced, `` {2,}`` -> " ",
    `` *\t *`` -> "\t", `` *\n[ \n]*`` -> "\n", ``\n\t`` -> "\n".
    """
    joined = _squeeze(_ws_to_space(joined))
    if "&" in joined:
        # Entities may make spaces, tabs and line breaks; the markers make none.
        joined = _squeeze(_html.unescape(joined))
    if _CELL in joined or _CELL_END in joined:
        # (two passes replacing with a plain string: what "(\x01)[ \x00]+|[ \x00]+(\x02)" -> "\1\2"
        # gives, without expanding a template at each match)
        joined = _CELL_END_EDGE.sub(_CELL_END, _CELL_START_EDGE.sub(_CELL, joined))
    joined = joined.replace(_CELL_END, "").replace(_LINE, "\n").replace(_CELL, "\t")
    if "\t" in joined:
        joined = joined.replace(" \t", "\t").replace("\t ", "\t")
    if "\n" in joined:
        # Spaces are single here: each line loses the one at either end, empty
        # lines go, and a line after the first loses one leading tab.
        lines = [line for line in (line.strip(" ") for line in joined.split("\n")) if line]
        joined = "\n".join(
            [lines[0], *(line[1:] if line[0] == "\t" else line for line in lines[1:])] if lines else lines
        )
    return joined.strip()


def _attr_text(values: list[str]) -> str:
    return "\n".join(_html.unescape(v).strip() for v in values if v.strip())


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not ctx.charset:
        sniffed = sniff_html_charset(data)
        if sniffed:
            from dataclasses import replace

            ctx = replace(ctx, charset=sniffed)
    doc, problems = decode(data, where, ctx)
    yield from problems
    got = render(doc)
    yield from rendered_items(got, where, ctx)
    shown = as_shown(doc, got.text, got.sheet_hides) if got.hides else ""
    if shown:
        yield Segment(shown, f"{where}, as shown")
    shared = shared_file_names(doc) if _SHARE_HOST.search(doc) else ""
    if shared:
        yield Segment(shared, f"{where}, {SHARED_FILE_NAMES}")


# A link to a file kept on a sharing service (OneDrive, SharePoint, Google Drive, Dropbox,
# Box, WeTransfer) or to a document by its extension: the link's text is what the sender
# calls the file, as an attachment's name is ("Jane Example - clinic letter").
SHARED_FILE_NAMES = "shared file names"
_SHARE_HOST = re.compile(
    r"(?i)sharepoint\.com|1drv\.ms|onedrive\.live\.com|drive\.google\.com|docs\.google\.com|dropbox\.com"
    r"|\.box\.com|wetransfer\.com|we\.tl/|\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf)[\"'?#]"
)
_FILE_LINK = re.compile(r"""(?is)<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>(.{1,1000}?)</a\s*>""")
_FILE_URL = re.compile(
    r"(?i)^https?://[^/]*(?:sharepoint\.com|1drv\.ms|onedrive\.live\.com|drive\.google\.com|docs\.google\.com"
    r"|dropbox\.com|\.box\.com|wetransfer\.com|we\.tl)(?:/|$)|\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf)(?:[?#]|$)"
)


def shared_file_names(doc: str) -> str:
    """The texts of the document's links to shared files (_FILE_URL), one a line: not a
    link's text that is its URL or an address, nor one of a single word ("here", "link")."""
    names: dict[str, None] = {}
    for m in _FILE_LINK.finditer(doc):
        if _FILE_URL.search(_html.unescape(m[1])) is None:
            continue
        text = " ".join(html_to_text(m[2]).split())
        if " " in text and not _URL_START.match(text) and "@" not in text:
            names[text] = None
    return "\n".join(names)


# The declarations that hide an element: display:none, visibility:hidden, Outlook's
# mso-hide:all, a zero font size.
_HIDING_DECL = (
    r"""(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"""
    r"""|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:[;"'!}]|$))"""
)
# An element hidden by its own markup: the hidden attribute, or an inline style that hides it.
_HIDING_INLINE = rf"""\shidden(?=[\s>/=])|style\s*=\s*(?:"[^"]*|'[^']*){_HIDING_DECL}"""
_HIDING = re.compile(rf"<([a-z][a-z0-9]*)\b[^>]*?(?:{_HIDING_INLINE})", re.I)
_HIDING_DECL_RE = re.compile(_HIDING_DECL, re.I)

# A style sheet that may hide something (a cheap test before its rules are parsed).
_MAY_HIDE = re.compile(r"none|hidden|mso-hide|size\s*:\s*0", re.I)
# A rule: its selectors and declarations. Rules inside @media (and other at-rules with a
# block) apply to some screens only, and are taken out first.
_CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_AT_BLOCK = re.compile(r"@[a-z-]+[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.I)
# A selector that names one class or one id, on any element or one named kind (".x",
# "span.x", "#x"): what a reader's mail client would hide wherever it is.
_SIMPLE_SELECTOR = re.compile(r"\s*(?:[a-z][a-z0-9]*)?([.#])(-?[_a-z][\w-]*)\s*$", re.I)


def _sheet_hiding(css: str, got: Rendered) -> None:
    """Add the classes and ids a style sheet hides to ``got``, and the pattern for the
    start tags that carry one of them (those of earlier sheets too)."""
    css = _AT_BLOCK.sub(" ", _CSS_COMMENT.sub(" ", css.replace("<!--", " ").replace("-->", " ")))
    added = False
    for selectors, declarations in _CSS_RULE.findall(css):
        if _HIDING_DECL_RE.search(declarations) is None:
            continue
        for selector in selectors.split(","):
            m = _SIMPLE_SELECTOR.match(selector)
            if m is not None:
                names = got.hidden_classes if m[1] == "." else got.hidden_ids
                if m[2] not in names:
                    names.add(m[2])
                    added = True
    if added:
        alternatives = []
        if got.hidden_classes:
            classes = "|".join(map(re.escape, sorted(got.hidden_classes)))
            alternatives.append(rf"""\sclass\s*=\s*["']?(?:[^"'>]*?\s)?(?:{classes})(?=[\s"'>/])""")
        if got.hidden_ids:
            ids = "|".join(map(re.escape, sorted(got.hidden_ids)))
            alternatives.append(rf"""\sid\s*=\s*["']?(?:{ids})(?=[\s"'>/])""")
        got.sheet_hides = re.compile(rf"<([a-z][a-z0-9]*)\b[^>]*?(?:{'|'.join(alternatives)})", re.I)


def _styled_layout(tagtext: str) -> bool:
    """Whether a tag with a style may set a layout property (checked once per distinct tag)."""
    low = tagtext.lower()
    return "display" in low or "position" in low or "float" in low


def _names(tagtext: str, name: str, n: int) -> bool:
    """Whether a tag's text (a whole start or end tag) is one of ``name`` (``n`` long)."""
    start = 2 if tagtext[1] == "/" else 1
    if tagtext[start : start + n].lower() != name:
        return False
    after = tagtext[start + n]
    return after in "/>\x00" or after.isspace()


def _tag_name(tagtext: str) -> str:
    """The lower-case name of a tag's text ("</Span>" -> "span")."""
    m = _NEXT.match(tagtext)
    return "" if m is None or m[2] is None else m[2].lower()


def _hides(tagtext: str) -> bool:
    """Whether one start tag may hide its element (checked once per distinct tag by the
    renderer): substring tests first, the full pattern only when one holds."""
    low = tagtext.lower()
    if not ("none" in low or "hidden" in low or "mso-hide" in low or "size" in low):
        return False
    return _HIDING.match(tagtext) is not None


def as_shown(doc: str, rendered: str, sheet: re.Pattern[str] | None = None) -> str:
    """The lines a reader sees that the rendering above does not hold: the document's
    text with its hidden elements taken out, where that joins what they cut ("401<span
    style="display:none">9</span>0232137" shows 4010232137). ``sheet`` matches the
    start tags the document's style sheets hide. The hidden text itself is in the
    rendering, and is read there; "" when nothing is hidden or nothing joins."""
    hidden = list(_HIDING.finditer(doc))
    if sheet is not None:
        hidden = sorted(hidden + list(sheet.finditer(doc)), key=lambda m: m.start())
    if not hidden:
        return ""
    kept: list[str] = []
    pos = 0
    for m in hidden:
        if m.start() < pos:
            continue  # inside an element already taken out
        name = m.group(1).lower()
        kept.append(doc[pos : m.start()])
        tag_end = doc.find(">", m.end() - 1) + 1 or len(doc)
        if name in VOID or doc[tag_end - 2 : tag_end] == "/>":
            pos = tag_end  # an element without content: the tag alone
            continue
        close = _end_of(name).search(doc, tag_end)
        pos = len(doc) if close is None else doc.find(">", close.end() - 1) + 1 or len(doc)
    kept.append(doc[pos:])
    seen = set(rendered.splitlines())
    return "\n".join(line for line in html_to_text("".join(kept)).splitlines() if line.strip() and line not in seen)


def rendered_items(got: Rendered, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """The segments of a rendered document, and its data: URIs handed back to the registry."""
    text = yield from file_blocks(got.text, where, ctx)  # files written as text, as in a plain body
    if "+" in text and "'" in text:
        text = edifact_pasted(text)  # UN/EDIFACT segments pasted into the mail, read in place
    yield Segment(text, where)
    if "MSH" in got.text:
        yield from hl7_pasted(got.text, where, ctx)
    if got.attributes:
        yield Segment(_attr_text(got.attributes), f"{where}, attributes")
    if got.links:
        yield Segment("\n".join(got.links), f"{where}, links")
    if got.comments:
        text = "\n".join(t for t in map(html_to_text, got.comments) if t)
        if text:
            yield Segment(text, f"{where}, comments")
    if got.scripts:
        yield Segment(json_unescaped("\n".join(s.strip() for s in got.scripts)), f"{where}, scripts")
        values = [v for v in map(json_values, got.scripts) if v]  # a page's data: its rich text's runs joined
        if values:
            yield Segment("\n".join(values), f"{where}, scripts")
    for i, (mediatype, blob) in enumerate(got.data_uris, 1):
        ctx.check_deadline()
        yield from ctx.recurse(blob, "", f"{where} > data URI {i}", content_type=mediatype)
