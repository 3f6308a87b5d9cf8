"""STL 3D models (.stl), as CAD programs and 3D printers exchange them: a surgical guide, a
bracket, a scan turned into a model.

A binary STL is an 80-byte header, a count of triangles and 50 bytes a triangle: the size
proves it (mime.sniff). A model holds no text but its header, where exporters write the
program's or the solid's name ("solid MORLEY_Janet_..."): read as the model's text. An ASCII
STL ("solid name", facets, "endsolid name") is text and read as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

HEADER = 80
TRIANGLE = 50


def is_binary_stl(data: bytes) -> bool:
    """An 80-byte header, a triangle count, and 50 bytes for each triangle, to the end."""
    return len(data) >= HEADER + 4 + TRIANGLE and int.from_bytes(data[HEADER : HEADER + 4], "little") * TRIANGLE + HEADER + 4 == len(data)


_NOT_TEXT = re.compile(r"[^\x20-\x7e\xa0-\xff]+")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not is_binary_stl(data):
        from dlpgate.mime.sniff import sniff

        found = sniff(data)
        if found is not None and found.kind == "text":  # an ASCII STL
            from dlpgate.mime.formats import text

            yield from text.extract(data, name, where, ctx)
        else:
            yield Problem("corrupt", where, "STL model whose triangles do not fill the file")
        return
    header = " ".join(_NOT_TEXT.sub(" ", data[:HEADER].decode("latin-1")).split())
    if header:
        yield Segment(header, f"{where}, header")
