"""SPSS data files (.sav, and .zsav: the same with its data in zlib): research and audit
extracts, survey responses.

Read as SPSS shows them: the data as a sheet (a variable a column, headed by its long name,
a case a row: numbers as their digits, an NHS number stored as a number read whole, system
missing values empty; strings as written), and the dictionary apart (``…, dictionary``): the
file's label, each variable's label, the value labels, the documents and the text of the
extension records (long names, attributes, multiple-response sets). Data in either of the
compressions SPSS writes (bytecode, zlib) is unpacked within the byte budget. A file whose
records do not add up is ``corrupt``; what was read before the damage is still scanned.
"""

from __future__ import annotations

import codecs
import struct
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import SheetText, expansion_budget, sheet_cell, sheet_number
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

MAGICS = (b"$FL2", b"$FL3")
_HEADER = 176
_SYSMIS = -1.7976931348623157e308
# Extension records (type 7) whose data is text: multiple-response sets, product info, long
# variable names, very long strings, file and variable attributes, long string value labels
# and missing values, XML.
_TEXT_EXTENSIONS = frozenset({7, 10, 13, 14, 17, 18, 19, 21, 22, 24})
_CODEPAGES = {65001: "utf-8", 1252: "cp1252", 28591: "latin-1", 20127: "ascii", 1250: "cp1250", 1251: "cp1251",
              932: "cp932", 936: "gbk", 949: "cp949", 950: "cp950"}


class _Damaged(ValueError):
    pass


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if data[:4] not in MAGICS:  # another program's .sav (IDL, a game): unknown binary
        yield Problem("unsupported", where, "not an SPSS data file")
        return
    try:
        dictionary = _Dictionary(data)
    except (_Damaged, struct.error) as exc:
        yield Problem("corrupt", where, f"SPSS dictionary does not add up ({exc})")
        return
    codec = dictionary.codec()
    labels = [dictionary.label] + dictionary.texts
    if any(t.strip() for t in labels):
        yield Segment("\n".join(sheet_cell(t, codec) for t in labels if t.strip()), f"{where}, dictionary")
    try:
        slots = _data_slots(data, dictionary, expansion_budget(ctx.limits, len(data)), ctx)
    except (_Damaged, zlib.error, struct.error) as exc:
        yield Problem("corrupt", where, f"SPSS data unreadable ({exc})")
        slots = iter(())
    damaged = None
    sheet = SheetText("\t".join(sheet_cell(v.name, codec) for v in dictionary.variables), where, ctx.limits)
    width = dictionary.slots
    case: list[bytes | float] = []
    try:
        for value in slots:
            case.append(value)
            if len(case) < width:
                continue
            full = sheet.add("\t".join(_cell(case, v, codec) for v in dictionary.variables))
            case = []
            if full is not None:
                yield full
                break
    except (_Damaged, zlib.error, struct.error) as exc:
        damaged = exc
    if case or damaged is not None:
        yield Problem("corrupt", where, f"SPSS data ends inside a case ({damaged or 'truncated'}); what was read is scanned")
    yield sheet.segment()


class _Variable:
    __slots__ = ("name", "width", "first")

    def __init__(self, name: bytes, width: int, first: int) -> None:
        self.name, self.width, self.first = name, width, first


class _Dictionary:
    """The header and the dictionary records, up to the data."""

    def __init__(self, data: bytes) -> None:
        if len(data) < _HEADER or data[:4] not in MAGICS:
            raise _Damaged("no SPSS header")
        layout = struct.unpack_from("<i", data, 64)[0]
        self.e = "<" if layout in (2, 3) else ">"
        if struct.unpack_from(self.e + "i", data, 64)[0] not in (2, 3):
            raise _Damaged("layout code")
        self.compression, _weight, self.cases = struct.unpack_from(self.e + "iii", data, 72)
        self.bias = struct.unpack_from(self.e + "d", data, 84)[0]
        self.label = data[92 + 17 : 92 + 17 + 64].decode("latin-1")
        self.variables: list[_Variable] = []
        self.texts: list[str] = []
        self.slots = 0
        self.encoding = ""
        self.codepage = 0
        self.long_names = b""
        readers = {2: self._variable, 3: self._value_labels, 6: self._documents, 7: self._extension}
        pos = _HEADER
        while True:
            kind = struct.unpack_from(self.e + "i", data, pos)[0]
            if kind == 999:
                pos += 8
                break
            reader = readers.get(kind)
            if reader is None:
                raise _Damaged(f"record type {kind}")
            pos = reader(data, pos + 4)
            if pos > len(data):
                raise _Damaged("a record runs past the end")
        self.data_start = pos
        if not self.variables:
            raise _Damaged("no variables")
        if self.long_names:  # "SHORT=Long name\t...": the names SPSS shows
            names = dict(p.split(b"=", 1) for p in self.long_names.split(b"\t") if b"=" in p)
            for v in self.variables:
                v.name = names.get(v.name, v.name)

    def _variable(self, data: bytes, pos: int) -> int:
        width, has_label, missing = struct.unpack_from(self.e + "iii", data, pos)
        short = data[pos + 20 : pos + 28].rstrip(b" \x00")
        pos += 28
        if has_label:
            n = struct.unpack_from(self.e + "i", data, pos)[0]
            self.texts.append(data[pos + 4 : pos + 4 + n].decode("latin-1"))
            pos += 4 + (n + 3) // 4 * 4
        if width != -1:  # -1: the next 8 bytes of the string before it
            self.variables.append(_Variable(short, width, self.slots))
        self.slots += 1
        return pos + abs(missing) * 8

    def _value_labels(self, data: bytes, pos: int) -> int:
        count = struct.unpack_from(self.e + "i", data, pos)[0]
        pos += 4
        for _ in range(count):
            n = data[pos + 8]
            self.texts.append(data[pos + 9 : pos + 9 + n].decode("latin-1"))
            pos += 8 + (n + 1 + 7) // 8 * 8
        if struct.unpack_from(self.e + "i", data, pos)[0] != 4:
            raise _Damaged("value labels without their variables")
        return pos + 8 + 4 * struct.unpack_from(self.e + "i", data, pos + 4)[0]

    def _documents(self, data: bytes, pos: int) -> int:
        lines = struct.unpack_from(self.e + "i", data, pos)[0]
        self.texts.append(data[pos + 4 : pos + 4 + 80 * lines].decode("latin-1"))
        return pos + 4 + 80 * lines

    def _extension(self, data: bytes, pos: int) -> int:
        subtype, size, count = struct.unpack_from(self.e + "iii", data, pos)
        body = data[pos + 12 : pos + 12 + size * count]
        if subtype == 20:
            self.encoding = body.decode("ascii", "replace")
        elif subtype == 3 and len(body) >= 32:
            self.codepage = struct.unpack_from(self.e + "i", body, 28)[0]
        elif subtype == 13:
            self.long_names = body
        elif subtype in _TEXT_EXTENSIONS:
            self.texts.append(body.decode("latin-1"))
        return pos + 12 + size * count

    def codec(self) -> str:
        enc = self.encoding.strip().lower()
        if enc:
            try:
                return codecs.lookup(enc).name
            except LookupError:
                pass
        return _CODEPAGES.get(self.codepage, "utf-8")


def _cell(case: list[bytes | float], v: _Variable, codec: str) -> str:
    if v.width == 0:
        value = case[v.first]
        if not isinstance(value, float) or value <= _SYSMIS or value != value:
            return ""
        return sheet_number(value)
    raw = b"".join(c if isinstance(c, bytes) else struct.pack("<d", c) for c in case[v.first : v.first + (v.width + 7) // 8])
    return sheet_cell(raw[: v.width], codec)


def _data_slots(data: bytes, d: _Dictionary, cap: int, ctx: ExtractContext) -> Iterator[bytes | float]:
    """Each 8-byte slot of the data, in order: a number (numeric variables) or 8 bytes of a string."""
    body = data[d.data_start :]
    numeric = [False] * d.slots
    for v in d.variables:
        if v.width == 0:
            numeric[v.first] = True
    if d.compression == 0:
        return _plain_slots(body, d, numeric, ctx)
    if d.compression == 2:
        body = _unzipped(body, d, cap)
    elif d.compression != 1:
        raise _Damaged(f"compression {d.compression}")
    return _bytecode_slots(body, d, numeric, ctx)


def _plain_slots(body: bytes, d: _Dictionary, numeric: list[bool], ctx: ExtractContext) -> Iterator[bytes | float]:
    for i in range(0, len(body) - len(body) % 8, 8):
        if i % 65536 == 0:
            ctx.check_deadline()
        yield struct.unpack_from(d.e + "d", body, i)[0] if numeric[(i // 8) % d.slots] else body[i : i + 8]
    if len(body) % 8:
        raise _Damaged("a value cut short")


def _bytecode_slots(body: bytes, d: _Dictionary, numeric: list[bool], ctx: ExtractContext) -> Iterator[bytes | float]:
    """SPSS's compression: blocks of eight codes, each a small number (the code less the bias),
    spaces, system missing, the end, or "the next 8 bytes after the block, as they are"."""
    pos, slot, n = 0, 0, len(body)
    while pos + 8 <= n:
        block = body[pos : pos + 8]
        pos += 8
        if pos % 65536 < 8:
            ctx.check_deadline()
        for code in block:
            if code == 0:
                continue
            if code == 252:
                return
            is_number = numeric[slot % d.slots]
            slot += 1
            if code == 253:
                raw = body[pos : pos + 8]
                if len(raw) < 8:
                    raise _Damaged("a value cut short")
                pos += 8
                yield struct.unpack(d.e + "d", raw)[0] if is_number else raw
            elif code == 254:
                yield b"        "
            elif code == 255:
                yield _SYSMIS if is_number else b"        "
            else:
                yield float(code - d.bias) if is_number else struct.pack("<d", code - d.bias)


def _unzipped(body: bytes, d: _Dictionary, cap: int) -> bytes:
    """The bytecode a .zsav keeps in zlib blocks, between its zheader and its ztrailer."""
    if len(body) < 24:
        raise _Damaged("no zlib header")
    zheader, ztrailer, _length = struct.unpack_from(d.e + "qqq", body, 0)
    start = zheader + 24 - d.data_start
    end = ztrailer - d.data_start
    if not 24 <= start <= end <= len(body):
        raise _Damaged("zlib header does not fit")
    rest = body[start:end]
    out = bytearray()
    while rest:
        z = zlib.decompressobj()
        out += z.decompress(rest, max(1, cap - len(out)))
        if z.unconsumed_tail or len(out) >= cap:
            raise _Damaged("expands past the limit")
        if not z.eof:
            raise _Damaged("a zlib block cut short")
        rest = z.unused_data
    return bytes(out)
