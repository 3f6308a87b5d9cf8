"""text/calendar (.ics) and vCard (.vcf): RFC 5545 / 6350 content lines.

Folded lines are unfolded (CRLF followed by a space or tab is removed, so a
number folded across two lines reads whole again) and TEXT escapes are
undone: ``\\n``/``\\N`` -> newline, ``\\,`` -> ",", ``\\;`` -> ";", ``\\\\`` -> "\\".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats.text import decode
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_FOLD = re.compile(r"\r?\n[ \t]")
_ESCAPE = re.compile(r"\\([nN,;\\:])")
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def unfold(text: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], _FOLD.sub("", text))


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    yield Segment(unfold(text), where)
