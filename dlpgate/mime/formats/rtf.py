"""RTF: control words removed with striprtf; a file that is not RTF is read as text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats import text as _text
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    head = data[:64].lstrip()
    if not head.startswith(b"{\\rtf"):
        yield from _text.extract(data, name, where, ctx)
        return
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: anything else is escaped (\'e9, \u233), so latin-1 never fails.
    raw = data.decode("latin-1")
    yield Segment(rtf_to_text(raw, errors="replace"), where)
