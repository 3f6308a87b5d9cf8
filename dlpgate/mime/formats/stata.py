"""Stata data files (.dta): research extracts, audit and cohort data sets.

Read as Stata's Data Editor shows them: the data as a sheet (a variable a column, headed by
its name, an observation a row: numbers as their digits, an NHS number stored as a double
read whole, missing values empty, a value's label where its variable has one; fixed strings
and long strings (strL) as written), and the dictionary apart (``…, dictionary``): the data
set's label, each variable's label, the value labels and the characteristics (notes).

Two layouts: formats 117, 118 and 119 (Stata 13 and later), tagged ``<stata_dta>...``, and
formats 113, 114 and 115 (Stata 8 to 12), a binary header of fixed fields. A file whose
sections do not add up is ``corrupt``; what was read before the damage is still scanned.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import SheetText, sheet_cell, sheet_number
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

TAGGED = b"<stata_dta>"
OLD_RELEASES = frozenset({113, 114, 115})
_OLD_HEADER = 109  # release, byte order, file type, padding, variables, observations, label, time stamp

# The types of the tagged formats: a fixed string of 1 to 2045 bytes, a long string, numbers.
_STRL = 32768
_NEW_NUMBERS = {65526: ("d", 8), 65527: ("f", 4), 65528: ("l", 4), 65529: ("h", 2), 65530: ("b", 1)}
# ... and of the older formats: a fixed string of 1 to 244 bytes, numbers.
_OLD_NUMBERS = {255: ("d", 8), 254: ("f", 4), 253: ("l", 4), 252: ("h", 2), 251: ("b", 1)}
# The largest value of each type that is not a missing value (".", ".a" ... ".z").
_MISSING_ABOVE = {"b": 100, "h": 32740, "l": 2147483620, "f": 1.701e38, "d": 8.988e307}


class _Damaged(ValueError):
    pass


class _Variable:
    __slots__ = ("name", "code", "size", "labels")

    def __init__(self, name: str, code: str, size: int) -> None:
        # code: a struct code for a number, "s" a fixed string, "L" a long string
        self.name, self.code, self.size = name, code, size
        self.labels = ""  # the name of its value labels


class _File:
    """What a .dta file holds, read section by section."""

    def __init__(self) -> None:
        self.e = "<"
        self.codec = "cp1252"
        self.release = 0
        self.observations = 0
        self.variables: list[_Variable] = []
        self.texts: list[str] = []  # the data set's label, variable labels, characteristics
        self.value_labels: dict[str, dict[int, str]] = {}
        self.strls: dict[bytes, str] = {}
        self.data = b""
        self.damage = ""  # why the data section does not add up

    @property
    def width(self) -> int:
        return sum(v.size for v in self.variables)


def old_layout(data: bytes) -> bool:
    """``data`` starts as a Stata file of format 113-115 does: its release, a byte order, file
    type 1, each variable's type a known one and the fixed sections within the file."""
    if len(data) < _OLD_HEADER or data[0] not in OLD_RELEASES or data[1] not in (1, 2) or data[2:4] != b"\x01\x00":
        return False
    nvar = struct.unpack_from("<H" if data[1] == 2 else ">H", data, 4)[0]
    types = data[_OLD_HEADER : _OLD_HEADER + nvar]
    if nvar == 0 or len(types) < nvar or any(t > 244 and t < 251 or t == 0 for t in types):
        return False
    return _OLD_HEADER + nvar * (1 + 33 + 2 + _fmt_size(data[0]) + 33 + 81) + 2 <= len(data)


def _fmt_size(release: int) -> int:
    return 12 if release < 114 else 49


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    try:
        if data.startswith(TAGGED):
            f = _tagged(data)
        elif old_layout(data):
            f = _old(data)
        else:  # another program's .dta: unknown binary
            yield Problem("unsupported", where, "not a Stata data file")
            return
    except (_Damaged, struct.error, IndexError, ValueError) as exc:
        yield Problem("corrupt", where, f"Stata file does not add up ({exc})")
        return
    dictionary = [t for t in f.texts if t]
    for table, labels in f.value_labels.items():
        dictionary.extend(f"{table}: {value} = {label}" for value, label in labels.items())
    if dictionary:
        yield Segment("\n".join(dictionary), f"{where}, dictionary")
    sheet = SheetText("\t".join(v.name for v in f.variables), where, ctx.limits)
    width = f.width
    rows = len(f.data) // width if width else 0
    formats = [(v, struct.Struct(f.e + v.code) if v.code not in "sL" else None) for v in f.variables]
    for r in range(rows):
        if r % 4096 == 0:
            ctx.check_deadline()
        pos = r * width
        cells = []
        for v, number in formats:
            cells.append(_cell(f, v, number, pos))
            pos += v.size
        full = sheet.add("\t".join(cells))
        if full is not None:
            yield full
            break
    if f.damage or rows < f.observations:
        yield Problem("corrupt", where, f"Stata data ends inside an observation ({f.damage or 'truncated'}); what was read is scanned")
    yield sheet.segment()


def _cell(f: _File, v: _Variable, number: struct.Struct | None, pos: int) -> str:
    if number is None:
        raw = f.data[pos : pos + v.size]
        if v.code == "L":
            return f.strls.get(raw, "")
        return sheet_cell(raw.split(b"\x00", 1)[0], f.codec)
    value = number.unpack_from(f.data, pos)[0]
    if value != value or value > _MISSING_ABOVE[v.code]:
        return ""
    if v.labels:
        label = f.value_labels.get(v.labels, {}).get(int(value)) if float(value).is_integer() else None
        if label is not None:
            return sheet_cell(label, f.codec)
    if v.code == "f":
        return f"{value:.7g}"
    return sheet_number(float(value))


def _text(raw: bytes, codec: str) -> str:
    return sheet_cell(raw.split(b"\x00", 1)[0], codec)


# --- formats 117, 118, 119 -----------------------------------------------------------------


class _Tags:
    """A reader of the tagged layout: each section between its tags, in order."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def open(self, tag: str) -> None:
        mark = f"<{tag}>".encode()
        if not self.data.startswith(mark, self.pos):
            raise _Damaged(f"no <{tag}> where it belongs")
        self.pos += len(mark)

    def close(self, tag: str) -> None:
        self.open(f"/{tag}")

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise _Damaged("a section runs past the end")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def number(self, code: str) -> int:
        return int(struct.unpack(code, self.take(struct.calcsize(code)))[0])

    def at(self, tag: str) -> bool:
        return self.data.startswith(f"<{tag}>".encode(), self.pos)


def _tagged(data: bytes) -> _File:
    f = _File()
    t = _Tags(data)
    t.open("stata_dta")
    t.open("header")
    t.open("release")
    f.release = int(t.take(3))
    if f.release not in (117, 118, 119):
        raise _Damaged(f"release {f.release}")
    t.close("release")
    t.open("byteorder")
    f.e = {b"LSF": "<", b"MSF": ">"}.get(t.take(3), "")
    if not f.e:
        raise _Damaged("byte order")
    t.close("byteorder")
    e = f.e
    new = f.release >= 118
    f.codec = "utf-8" if new else "cp1252"
    t.open("K")
    nvar = t.number(e + ("I" if f.release == 119 else "H"))
    t.close("K")
    t.open("N")
    f.observations = t.number(e + ("Q" if new else "I"))
    t.close("N")
    t.open("label")
    f.texts.append(_text(t.take(t.number(e + ("H" if new else "B"))), f.codec))
    t.close("label")
    t.open("timestamp")
    t.take(t.number("B"))
    t.close("timestamp")
    t.close("header")
    t.open("map")
    t.take(14 * 8)
    t.close("map")
    name_size = 129 if new else 33
    t.open("variable_types")
    codes = [t.number(e + "H") for _ in range(nvar)]
    t.close("variable_types")
    t.open("varnames")
    names = [_text(t.take(name_size), f.codec) for _ in range(nvar)]
    t.close("varnames")
    t.open("sortlist")
    t.take((nvar + 1) * (4 if f.release == 119 else 2))
    t.close("sortlist")
    t.open("formats")
    t.take(nvar * (57 if new else 49))
    t.close("formats")
    t.open("value_label_names")
    label_names = [_text(t.take(name_size), f.codec) for _ in range(nvar)]
    t.close("value_label_names")
    t.open("variable_labels")
    f.texts.extend(_text(t.take(321 if new else 81), f.codec) for _ in range(nvar))
    t.close("variable_labels")
    for name, code, labels in zip(names, codes, label_names, strict=True):
        if 1 <= code <= 2045:
            v = _Variable(name, "s", code)
        elif code == _STRL:
            v = _Variable(name, "L", 8)
        elif code in _NEW_NUMBERS:
            v = _Variable(name, *_NEW_NUMBERS[code])
        else:
            raise _Damaged(f"variable type {code}")
        v.labels = labels
        f.variables.append(v)
    t.open("characteristics")
    while t.at("ch"):
        t.open("ch")
        f.texts.append(_characteristic(t.take(t.number(e + "I")), name_size, f.codec))
        t.close("ch")
    t.close("characteristics")
    t.open("data")
    size = f.observations * f.width
    f.data = data[t.pos : t.pos + size]
    if len(f.data) < size:
        f.damage = "the data section is cut short"
        return f
    t.pos += size
    try:
        t.close("data")
        _strls(t, f)
        _tagged_value_labels(t, f, name_size)
    except (_Damaged, struct.error, ValueError) as exc:
        f.damage = str(exc)
    return f


def _characteristic(raw: bytes, name_size: int, codec: str) -> str:
    """A characteristic's text (a note: "note1"), after the names of its variable and itself."""
    if raw[name_size : 2 * name_size].split(b"\x00", 1)[0] == b"note0":
        return ""  # the count of notes
    return _text(raw[2 * name_size :], codec)


def _strls(t: _Tags, f: _File) -> None:
    """The long strings (GSO records), by the 8 bytes a data cell refers to each with."""
    t.open("strls")
    e = f.e
    vsize = {117: 4, 118: 2, 119: 3}[f.release]
    while t.data.startswith(b"GSO", t.pos):
        t.take(3)
        v = t.take(4)
        o = t.take(4 if f.release == 117 else 8)
        kind = t.number("B")
        content = t.take(t.number(e + "I"))
        if f.release == 117:
            key = v + o
        elif e == "<":
            key = v[:vsize] + o[: 8 - vsize]
        else:
            key = v[4 - vsize :] + o[vsize:]
        if kind == 130:  # text, ended by a NUL
            f.strls[key] = sheet_cell(content.rstrip(b"\x00"), f.codec)
        else:  # binary: read when it is text
            from dlpgate.mime.text import looks_like_text

            if looks_like_text(content):
                f.strls[key] = sheet_cell(content, f.codec)
    t.close("strls")


def _tagged_value_labels(t: _Tags, f: _File, name_size: int) -> None:
    t.open("value_labels")
    while t.at("lbl"):
        t.open("lbl")
        size = t.number(f.e + "I")
        name = _text(t.take(name_size), f.codec)
        t.take(3)
        f.value_labels[name] = _label_table(t.take(size), f.e, f.codec)
        t.close("lbl")
    t.close("value_labels")
    t.close("stata_dta")


def _label_table(raw: bytes, e: str, codec: str) -> dict[int, str]:
    """A value-label table: how many, the text's length, each label's offset, each value, the texts."""
    n, size = struct.unpack_from(e + "II", raw, 0)
    offsets = struct.unpack_from(f"{e}{n}I", raw, 8)
    values = struct.unpack_from(f"{e}{n}i", raw, 8 + 4 * n)
    text = raw[8 + 8 * n : 8 + 8 * n + size]
    if len(text) < size:
        raise _Damaged("a value-label table cut short")
    return {value: _text(text[offset:], codec) for value, offset in zip(values, offsets, strict=True)}


# --- formats 113, 114, 115 -----------------------------------------------------------------


def _old(data: bytes) -> _File:
    f = _File()
    f.release = data[0]
    f.e = e = "<" if data[1] == 2 else ">"
    nvar, f.observations = struct.unpack_from(e + "HI", data, 4)
    f.texts.append(_text(data[10:91], f.codec))
    pos = _OLD_HEADER
    types = data[pos : pos + nvar]
    pos += nvar
    names = [_text(data[pos + 33 * i : pos + 33 * (i + 1)], f.codec) for i in range(nvar)]
    pos += 33 * nvar + 2 * (nvar + 1) + _fmt_size(f.release) * nvar
    label_names = [_text(data[pos + 33 * i : pos + 33 * (i + 1)], f.codec) for i in range(nvar)]
    pos += 33 * nvar
    f.texts.extend(_text(data[pos + 81 * i : pos + 81 * (i + 1)], f.codec) for i in range(nvar))
    pos += 81 * nvar
    for name, code, labels in zip(names, types, label_names, strict=True):
        v = _Variable(name, *_OLD_NUMBERS[code]) if code in _OLD_NUMBERS else _Variable(name, "s", code)
        v.labels = labels
        f.variables.append(v)
    while True:  # expansion fields: characteristics, until a type 0 of length 0
        if pos + 5 > len(data):
            raise _Damaged("expansion fields run past the end")
        kind, size = struct.unpack_from(e + "BI", data, pos)
        pos += 5
        if kind == 0 and size == 0:
            break
        if pos + size > len(data):
            raise _Damaged("an expansion field runs past the end")
        f.texts.append(_characteristic(data[pos : pos + size], 33, f.codec))
        pos += size
    size = f.observations * f.width
    f.data = data[pos : pos + size]
    if len(f.data) < size:
        f.damage = "the data is cut short"
        return f
    pos += size
    try:
        while pos < len(data):  # value labels, to the end of the file
            length = struct.unpack_from(e + "I", data, pos)[0]
            name = _text(data[pos + 4 : pos + 37], f.codec)
            table = data[pos + 40 : pos + 40 + length]
            if len(table) < length:
                raise _Damaged("a value-label table cut short")
            f.value_labels[name] = _label_table(table, e, f.codec)
            pos += 40 + length
    except (_Damaged, struct.error, ValueError) as exc:
        f.damage = str(exc)
    return f
