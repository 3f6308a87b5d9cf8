"""text/plain (and any other text/* without a better extractor)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.text import decode_text
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_PGP_ARMOUR = "-----BEGIN PGP MESSAGE-----"


def decode(data: bytes, where: str, ctx: ExtractContext) -> tuple[str, list[Problem]]:
    """Decode with the part's declared charset; notes become non-severe problems."""
    text, notes = decode_text(data, ctx.charset)
    return text, [Problem(reason, where, detail, severe=False) for reason, detail in notes]


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    if _PGP_ARMOUR in text:
        yield Problem("encrypted", where, "inline PGP message")
    yield Segment(text, where)
