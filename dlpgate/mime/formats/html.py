"""HTML to text, in one linear pass.

* tags removed; ``script``/``style`` (and ``head`` metadata such as ``title``
  is kept) contents dropped; comments dropped;
* block elements (p, div, br, tr, li, h1-h6, table...) become line breaks,
  table cells (td, th) in a row are separated by a tab;
* inline elements (b, i, span, font, a...) add nothing, so
  ``<b>943</b>&nbsp;476 5919`` reads ``"943\\u00a0476 5919"``;
* runs of ASCII white space collapse to one space (as a browser renders
  them), except inside ``pre``/``textarea``; NBSP is kept;
* entities decoded with :func:`html.unescape` once, at the end.

A small hand-written tokenizer is used rather than ``html.parser`` (whose
handling of unclosed constructs is quadratic in Python 3.11 before 3.11.13).
Every scan moves forward; an unclosed comment, tag or script runs to the
end of the document and - to err on the side of scanning more - that rest
is emitted as text with anything tag-like removed.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats.text import decode
from dlpgate.mime.text import sniff_html_charset
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

BLOCK = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html
    iframe legend li main menu nav noframes ol option p pre section summary table tbody tfoot thead
    title tr ul""".split()
)
CELL = frozenset({"td", "th"})
DROP = frozenset({"script", "style"})
PRE = frozenset({"pre", "textarea", "plaintext", "xmp"})

# A start or end tag, quote-aware; possessive so a failed match costs one scan.
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>\x00]*+)(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_WS_TO_SPACE = str.maketrans("\t\r\n\f", "    ")
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_ROUGH_TAG = re.compile(r"<[^<>]*+>")
_END_CACHE: dict[str, re.Pattern[str]] = {}


def _end_of(tag: str) -> re.Pattern[str]:
    pat = _END_CACHE.get(tag)
    if pat is None:
        pat = _END_CACHE[tag] = re.compile(rf"</{tag}[\s/>]", re.I)
    return pat


_LINE, _CELL = "\x00", "\x01"  # break markers that survive white-space collapsing
_CONTROLS = re.compile(r"[\x00\x01]+")
_PRE_KEEP = str.maketrans({"\n": _LINE, "\t": _CELL})


def html_to_text(doc: str) -> str:
    if "\x00" in doc or "\x01" in doc:
        doc = _CONTROLS.sub("", doc)
    out: list[str] = []
    append = out.append
    n = len(doc)
    pos = 0
    pre = 0

    def rest_as_text(start: int) -> None:
        append(_ROUGH_TAG.sub(" ", doc[start:]))

    while pos < n:
        mk = _MARKUP.search(doc, pos)
        if mk is None:
            append(doc[pos:])
            break
        lt = mk.start()
        if lt > pos:
            append(doc[pos:lt].translate(_PRE_KEEP) if pre else doc[pos:lt])
        nxt = doc[lt + 1]
        if nxt == "!" and doc.startswith("<!--", lt):
            end = doc.find("-->", lt + 4)
            if end < 0:
                rest_as_text(lt + 4)
                break
            pos = end + 3
            continue
        if nxt == "!" or nxt == "?":  # doctype, CDATA, processing instruction: bogus comment
            end = doc.find(">", lt + 2)
            if end < 0:
                rest_as_text(lt + 2)
                break
            pos = end + 1
            continue
        if nxt == "/" and not (doc[lt + 2 : lt + 3].isalpha() and doc[lt + 2 : lt + 3].isascii()):
            append("<")
            pos = lt + 1
            continue
        m = _TAG.match(doc, lt)
        if m is None:
            rest_as_text(lt)
            break
        pos = m.end()
        closing, name = m.group(1, 2)
        name = name.lower()
        if name in BLOCK:
            append(_LINE)
        elif name in CELL:
            if not closing:
                append(_CELL)
        elif name in DROP and not closing and not m.group(0).endswith("/>"):
            end = _end_of(name).search(doc, pos)
            if end is None:
                rest_as_text(pos)
                break
            close = doc.find(">", end.end() - 1)
            pos = n if close < 0 else close + 1
        if name in PRE:
            pre = max(0, pre - 1) if closing else pre + 1
    return _tidy("".join(out))


def _squeeze(text: str, pair: str, one: str) -> str:
    while pair in text:
        text = text.replace(pair, one)
    return text


def _tidy(joined: str) -> str:
    """White space as a browser renders it, then the break markers as lines and tabs.

    The same as these substitutions in turn, with str methods (a regular
    expression that matches at every space is slow in Python):
    ``[ \t\r\n\f]+`` -> " ", entities decoded, markers replaced, `` {2,}`` -> " ",
    `` *\t *`` -> "\t", `` *\n[ \n]*`` -> "\n", ``\n\t`` -> "\n".
    """
    joined = _squeeze(joined.translate(_WS_TO_SPACE), "  ", " ")
    joined = _html.unescape(joined)
    joined = joined.replace(_LINE, "\n").replace(_CELL, "\t")
    joined = _squeeze(joined, "  ", " ")  # runs of spaces are single from here on
    if "\t" in joined:
        joined = joined.replace(" \t", "\t").replace("\t ", "\t")
    if "\n" in joined:
        joined = _squeeze(joined.replace(" \n", "\n").replace("\n ", "\n"), "\n\n", "\n").replace("\n\t", "\n")
    return joined.strip()


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not ctx.charset:
        sniffed = sniff_html_charset(data)
        if sniffed:
            from dataclasses import replace

            ctx = replace(ctx, charset=sniffed)
    doc, problems = decode(data, where, ctx)
    yield from problems
    yield Segment(html_to_text(doc), where)
