"""dBase tables (.dbf: dBase, FoxPro, Clipper exports, a shapefile's attributes) and a
shapefile's geometry (.shp, .shx).

A dBase table is read as a sheet is: its field names as the header row, then every record
(those marked deleted too: their data is still in the file), a tab between cells. Character,
numeric, date and logical fields are read as text; Visual FoxPro's binary integer, double,
currency and date-time fields as the values they hold; a memo field holds only the number
of a block in a separate memo file, and is passed over.

A shapefile's .shp and .shx hold coordinates and offsets, no text: checked to be what they
say (their records run exactly to the end) and noted, as a picture is; anything else under
that header is unknown binary.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import SheetText
from dlpgate.mime.sniff import dbase_layout as table_layout
from dlpgate.mime.sniff import is_shapefile
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_LANGUAGE_DRIVERS = {0x01: "cp437", 0x02: "cp850", 0x64: "cp852", 0x65: "cp866", 0x66: "cp865", 0x67: "cp861",
                     0xC8: "cp1250", 0xC9: "cp1251", 0xCA: "cp1254", 0xCB: "cp1253"}


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    layout = table_layout(data)
    if layout is None:
        yield Problem("corrupt", where, "dBase header does not add up to the file")
        return
    records, header, size, fields = layout
    codec = _LANGUAGE_DRIVERS.get(data[29], "cp1252")
    sheet = SheetText("\t".join(f[0] for f in fields), where, ctx.limits)
    for i in range(records):
        if i % 2048 == 0:
            ctx.check_deadline()
        rec = data[header + i * size : header + (i + 1) * size]
        full = sheet.add("\t".join(_cell(rec[off : off + length], kind, codec) for _, kind, off, length in fields))
        if full is not None:
            yield full
            break
    yield sheet.segment()


def _cell(raw: bytes, kind: int, codec: str) -> str:
    if kind in b"MGP" or (kind == ord("B") and len(raw) == 10):
        return ""  # the number of a block in the memo file: no data of its own
    if kind == ord("I") and len(raw) == 4:
        return str(struct.unpack("<i", raw)[0])
    if kind in b"BO" and len(raw) == 8:  # Visual FoxPro's double, dBase 7's
        return repr(struct.unpack("<d", raw)[0])
    if kind == ord("Y") and len(raw) == 8:
        return str(struct.unpack("<q", raw)[0] / 10000)
    if kind in b"T@" and len(raw) == 8:
        day, ms = struct.unpack("<ii", raw)
        return f"{day} {ms}" if day else ""
    if kind == ord("D") and len(raw) == 8 and raw.isdigit():
        return f"{raw[:4].decode()}-{raw[4:6].decode()}-{raw[6:].decode()}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode(codec, "replace")
    return text.replace("\x00", " ").replace("\t", " ").strip()


# --- shapefile geometry ------------------------------------------------------------------

def extract_shapefile(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not is_shapefile(data) or not _records_fit(data, ctx):
        yield Problem("unsupported", where, "shapefile header over records that do not fit")
        return
    yield Problem("unsupported", where, "shapefile geometry: coordinates, no text", severe=False)


def _records_fit(data: bytes, ctx: ExtractContext) -> bool:
    """The records of a .shp (number, length, then a shape of a known type) or the entries of
    an .shx (offset and length pairs, into a file of the same header) run exactly to the end."""
    body = len(data) - 100
    shape = struct.unpack_from("<i", data, 32)[0]
    # an index: 8-byte entries whose offsets rise and point past the header
    if body % 8 == 0:
        entries = [struct.unpack_from(">ii", data, 100 + i) for i in range(0, body, 8)]
        if all(off >= 50 and length >= 2 for off, length in entries) and all(
            a[0] + 4 + a[1] <= b[0] for a, b in zip(entries, entries[1:], strict=False)
        ):
            return True
    pos, expect = 100, 1
    while pos < len(data):
        if expect % 4096 == 0:
            ctx.check_deadline()
        if pos + 12 > len(data):
            return False
        number, words = struct.unpack_from(">ii", data, pos)
        kind = struct.unpack_from("<i", data, pos + 8)[0]
        if number != expect or words < 2 or kind not in (0, shape):
            return False
        pos += 8 + words * 2
        expect += 1
    return pos == len(data)
