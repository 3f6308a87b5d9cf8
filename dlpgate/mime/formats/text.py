"""text/plain (and any other text/* without a better extractor)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.text import decode_text, sanitise_name, uu_decode
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_PGP_ARMOUR = "-----BEGIN PGP MESSAGE-----"


def decode(data: bytes, where: str, ctx: ExtractContext) -> tuple[str, list[Problem]]:
    """Decode with the part's declared charset; notes become non-severe problems."""
    text, notes = decode_text(data, ctx.charset)
    return text, [Problem(reason, where, detail, severe=False) for reason, detail in notes]


# "begin 644 name" ... "end": a uuencoded file inside a text body (every mail
# client of the 1990s, and some today, show it as an attachment).
_UU_BEGIN = re.compile(r"^begin +[0-7]{3,4} +([^\r\n]+?)[ \t]*\r?\n", re.M)
_UU_END = re.compile(r"^end[ \t]*\r?$", re.M)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    if _PGP_ARMOUR in text:
        yield Problem("encrypted", where, "inline PGP message")
    if "begin " in text:
        text = yield from _uuencoded(text, where, ctx)
    if _JSON_START.match(text):
        text = json_unescaped(text)
    yield Segment(text, where)


_JSON_START = re.compile(r"[ \t\r\n\ufeff]*[\[{]")
# A string escape in JSON and JavaScript: "\n", "\t", "\"", "\u00e9", a surrogate
# pair; JavaScript's "\x41" and "\'" too.
_STRING_ESCAPE = re.compile(
    r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    r"|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\"'\\/bfnrtv]))"
)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": " ", "f": "\n", "v": "\n",
                   '"': '"', "'": "'", "\\": "\\", "/": "/"}


def _escaped_char(m: re.Match[str]) -> str:
    high, low, code, byte, simple = m.groups()
    if simple:
        return _SIMPLE_ESCAPES[simple]
    if high:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
    ch = chr(int(code or byte, 16))
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ch  # a lone surrogate


def json_unescaped(text: str) -> str:
    """JSON or JavaScript text (an API export, a FHIR resource, a log of JSON lines,
    a report's script data) with its string escapes turned into the characters they
    stand for, so that a note's "\\n" breaks its line and "\\u0034" is a digit, as a
    reader of the strings would see them."""
    return _STRING_ESCAPE.sub(_escaped_char, text) if "\\" in text else text


def _uuencoded(text: str, where: str, ctx: ExtractContext):
    """Decode every uuencoded block as a file; returns the text without them.

    Linear: each search starts where the last block ended, and the first
    "begin" without an "end" after it stops the search.
    """
    rest: list[str] = []
    pos = n = 0
    while (begin := _UU_BEGIN.search(text, pos)) is not None:
        end = _UU_END.search(text, begin.end())
        if end is None:
            break
        n += 1
        content, status = uu_decode(text[begin.start() : end.end()].encode("latin-1", "replace"))
        file_name = begin.group(1).strip()
        place = f"{where} > uuencoded {sanitise_name(file_name) or f'file {n}'}"
        if status == "undecodable":  # not uuencode after all: left in the text
            yield Problem("undecodable", place, "uuencoded block could not be decoded")
            rest.append(text[pos : end.end()])
            pos = end.end()
            continue
        rest.append(text[pos : begin.start()])
        pos = end.end()
        if status == "damaged":
            yield Problem("corrupt", place, "damaged uuencode decoded leniently", severe=False)
        yield from ctx.recurse(content, file_name, place)
    rest.append(text[pos:])
    return "".join(rest)
