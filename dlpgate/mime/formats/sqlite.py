"""SQLite database files (an app's export, a research or audit tool's data file).

Every table is read as a sheet is: its column names as the header row, then its rows, a
tab between cells (``attachment audit.sqlite, table patients``). Text and numbers are read
as they are stored; a blob is read as a file in turn. The file is opened in memory from
its bytes (nothing is written to disk), read only. A file SQLite cannot open is
``corrupt``; rows past the segment limit are not read, and that is recorded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import SheetText
from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_BLOBS = 64  # blobs per file read as files


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    con = sqlite3.connect(":memory:")
    try:
        try:
            con.deserialize(data)
            con.execute("PRAGMA query_only = ON")
            tables = [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        except sqlite3.DatabaseError as exc:
            yield Problem("corrupt", where, f"SQLite could not open it ({type(exc).__name__})")
            return
        blobs = 0
        for table in tables:
            ctx.check_deadline()
            place = f"{where}, table {sanitise_name(table) or 'unnamed'}"
            try:
                cur = con.execute(f'SELECT * FROM "{table.replace(chr(34), chr(34) * 2)}"')
            except sqlite3.DatabaseError as exc:
                yield Problem("corrupt", place, f"{type(exc).__name__} reading the table")
                continue
            sheet = SheetText("\t".join(d[0] for d in cur.description or ()), place, ctx.limits)
            for row in cur:
                cells = []
                for value in row:
                    if isinstance(value, bytes):
                        if blobs < _BLOBS and len(value) >= 5:
                            blobs += 1
                            yield from ctx.recurse(value, "", f"{place} > blob {blobs}")
                        cells.append("")
                    else:
                        cells.append("" if value is None else str(value).replace("\t", " ").replace("\n", " "))
                full = sheet.add("\t".join(cells))
                if full is not None:
                    yield full
                    break
            yield sheet.segment()
    finally:
        con.close()
