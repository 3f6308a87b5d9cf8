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


# "begin 644 name" ... "end": a uuencoded file inside a text body (RFC-less, but
# every mail client of the 1990s and some today decode it as an attachment).
_UU_BLOCK = re.compile(r"^begin +([0-7]{3,4}) +([^\r\n]+?)[ \t]*\r?\n(.*?)^end[ \t]*$", re.M | re.S)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    if _PGP_ARMOUR in text:
        yield Problem("encrypted", where, "inline PGP message")
    if "begin " in text:
        text = yield from _uuencoded(text, where, ctx)
    yield Segment(text, where)


def _uuencoded(text: str, where: str, ctx: ExtractContext):
    """Decode every uuencoded block as a file; returns the text without them."""
    rest: list[str] = []
    pos = 0
    for n, m in enumerate(_UU_BLOCK.finditer(text), 1):
        content, status = uu_decode(m.group(0).encode("latin-1", "replace"))
        file_name = m.group(2).strip()
        label = sanitise_name(file_name) or f"file {n}"
        place = f"{where} > uuencoded {label}"
        if status == "undecodable" or not content and status:
            yield Problem("undecodable", place, "uuencoded block could not be decoded")
            continue
        if status == "damaged":
            yield Problem("corrupt", place, "damaged uuencode decoded leniently", severe=False)
        rest.append(text[pos : m.start()])
        pos = m.end()
        yield from ctx.recurse(content, file_name, place)
    rest.append(text[pos:])
    return "".join(rest)
