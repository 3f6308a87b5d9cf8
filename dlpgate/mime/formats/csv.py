"""CSV / TSV: decoded like text and marked tabular (the first line holds the headers).

Cells are deliberately not parsed: the raw text is enough for the detectors
and keeps this linear for files of any size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats.text import base64_files, decode
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    yield Segment(text, where, tabular=True)
    # a file in base64 (a cell holding one, or a list whose transfer encoding was lost)
    yield from base64_files(text, where, ctx, data)
