"""OneNote section and table-of-contents files (``.one``, ``.onetoc2``: MS-ONESTORE).

A section keeps each paragraph's text as a property of its own, UTF-16LE (or one byte a
character for plain ASCII), uncompressed: the runs of text it holds are read, in the order
they are stored. Files dropped onto a page (a PDF, a spreadsheet) are stored whole in
file data objects: each is read as a file, by its bytes. What is read is noted (not
severe): the layout of the pages is not rebuilt.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# (The files' header GUIDs are dlpgate.mime.sniff's ONENOTE_SECTION and ONENOTE_TOC.)
# A file data store object: its header GUID, then its length (8 bytes), 12 bytes unused, the file.
_FILE_DATA = bytes.fromhex("e716e3bd65261145a4c48d4d0b7a9eac")  # {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC}
_FILE_DATA_SKIP = 16 + 8 + 4 + 8
# Text runs: UTF-16LE letters, digits and punctuation (Latin-1 too), four or more; plain
# ASCII on one line, four or more, of which a short one only as a word or a figure ("Lunch",
# "COPD", "9:30"): other short runs are the file's own bytes ("3M8f", "}Yj|").
_TEXT = re.compile(rb"(?:[\t\n\r\x20-\x7e\xa0-\xff]\x00){4,}|[\t\x20-\x7e]{4,}")
_SHORT = 6
_SHORT_WORDS = re.compile(r"[ \t]*(?:[A-Z]?[a-z]+|[A-Z]{2,}|[0-9][0-9 :./\-]*)(?:[ \t]+(?:[A-Za-z]+|[0-9][0-9 :./\-]*))*[ \t]*")
# Runs that are the file's own machinery, not what a page shows.
_MACHINE = re.compile(r"\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    files: list[tuple[int, int]] = []
    pos = data.find(_FILE_DATA)
    while pos >= 0 and pos + _FILE_DATA_SKIP <= len(data):
        (length,) = struct.unpack_from("<Q", data, pos + 16)
        start = pos + _FILE_DATA_SKIP
        if length > len(data) - start:
            yield Problem("corrupt", where, "OneNote file data cut short")
            break
        files.append((start, start + length))
        pos = data.find(_FILE_DATA, start + length)
    texts: list[str] = []
    cursor = 0
    for start, end in [*files, (len(data), len(data))]:
        for m in _TEXT.finditer(data, cursor, start):
            raw = m.group()
            wide = len(raw) > 1 and raw[1] == 0
            text = raw.decode("utf-16-le") if wide else raw.decode("latin-1")
            if not wide and len(text) < _SHORT and not _SHORT_WORDS.fullmatch(text):
                continue
            if text.strip() and not _MACHINE.fullmatch(text.strip()):
                texts.append(text)
        cursor = end
    if texts:
        yield Segment("\n".join(texts), where)
    yield Problem("unsupported", where, "OneNote: the text runs it holds were read, not its page layout", severe=False)
    for n, (start, end) in enumerate(files, 1):
        ctx.check_deadline()
        yield from ctx.recurse(data[start:end], "", f"{where} > embedded file {n}")
