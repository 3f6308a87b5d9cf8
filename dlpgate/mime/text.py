"""Byte-level decoding and text normalisation shared by every format.

Everything here is linear in the size of its input and never raises on bad
data: damaged input is decoded as well as possible and reported through the
returned problem notes.
"""

from __future__ import annotations

import binascii
import codecs
import re
import unicodedata
from functools import lru_cache

from dlpgate.types import mask_numbers

# ---------------------------------------------------------------------------
# Content-Transfer-Encoding
# ---------------------------------------------------------------------------

_B64_WHITESPACE = b" \t\r\n\x0b\x0c"
_NOT_B64 = re.compile(rb"[^A-Za-z0-9+/]+")
_PAD_RUNS = re.compile(rb"=+")
_URLSAFE = bytes.maketrans(b"-_", b"+/")


def b64decode_lenient(raw: bytes) -> tuple[bytes, str]:
    """Decode base64, tolerating damage.

    Returns ``(data, status)`` where status is "" (clean), "damaged" (decoded
    after dropping stray characters / fixing padding) or "undecodable"
    (nothing usable; ``data`` is then empty).
    """
    # Line ends are all the white space base64 mail has: two single-byte removals
    # (memchr in C) are cheaper than a translate, which runs only when other white
    # space is left (tests/mime/test_text_fast_paths.py compares the two).
    compact = raw.replace(b"\r", b"").replace(b"\n", b"")
    if b" " in compact or b"\t" in compact or b"\x0b" in compact or b"\x0c" in compact:
        compact = compact.translate(None, _B64_WHITESPACE)
    if not compact:
        return b"", ""
    try:
        return binascii.a2b_base64(compact, strict_mode=True), ""
    except (binascii.Error, ValueError):
        pass
    split = _base64_then_text(raw)
    if split is not None:
        data, status = b64decode_lenient(split[0])
        if status != "undecodable":
            return data + b"\n" + split[1], "damaged"  # the text after it read as text, not as base64
    compact = compact.translate(_URLSAFE)
    invalid = _outside_alphabet(compact)
    if invalid * 4 > len(compact):
        # More than a quarter of the characters are not base64 at all.
        return b"", "undecodable"
    out: list[bytes] = []
    # Concatenated base64 chunks (each with its own padding) are common in
    # broken mailers: decode chunk by chunk.
    for chunk in _PAD_RUNS.split(compact):
        clean = _NOT_B64.sub(b"", chunk)
        rest = len(clean) % 4
        if rest == 1:
            clean = clean[:-1]
        elif rest:
            clean += b"=" * (4 - rest)
        if clean:
            try:
                out.append(binascii.a2b_base64(clean))
            except (binascii.Error, ValueError):  # pragma: no cover - cleaned input
                continue
    data = b"".join(out)
    if not data:
        return b"", "undecodable"
    return data, "damaged"


# A line of base64 (the standard alphabet), whatever its length.
_B64_ALPHABET_LINE = re.compile(rb"[A-Za-z0-9+/]*={0,2}")


def _base64_then_text(raw: bytes) -> tuple[bytes, bytes] | None:
    """``raw`` cut where its lines of base64 end and lines of text follow: a list's footer
    appended to the last part, an epilogue after a mistyped closing boundary ("PGh0bWw+Cg=="
    then "--b-->", "Potentially malicious content"). Else None: a stray character in a line
    ("OTQz!!") is damage, and text has words, a space between them on some line. Asked only
    of base64 that does not decode as it is."""
    pos, n, seen = 0, len(raw), False
    while pos < n:
        end = raw.find(b"\n", pos)
        end = n if end < 0 else end
        line = raw[pos:end].strip()
        if line and not _B64_ALPHABET_LINE.fullmatch(line):
            tail = raw[pos:]
            if seen and any(b" " in t.strip() for t in tail.splitlines()):
                return raw[:pos], tail
            return None
        seen = seen or bool(line)
        pos = end + 1
    return None


def _outside_alphabet(data: bytes) -> int:
    """How many bytes of ``data`` are neither base64 (either alphabet) nor its padding."""
    return len(data.translate(None, _B64_ALPHABET))


_B64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_"


def not_base64(raw: bytes) -> bool:
    """More than one in twenty of the bytes on the lines are not of base64's alphabet
    (spaces, commas, punctuation), and no line is base64: text written as it is, not
    damaged base64 (nor base64 after stray lines, as a header line a bad fold pushed
    into the body)."""
    body = raw.replace(b"\r", b"").replace(b"\n", b"")
    if len(body) < 20 or _outside_alphabet(body) * 20 <= len(body):
        return False
    if any(len(m.group(1)) % 4 == 0 for m in _B64_LINE.finditer(raw)):
        return False
    return not any(_MIXED_RUN.search(m.group()) for m in _B64_RUN.finditer(raw))


# A line of base64: eight or more of its characters, with a digit, "+", "/" or padding
# among them (a word alone on a line, "Confidential", has none).
_B64_LINE = re.compile(rb"(?m)^[ \t]*((?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{6,}[A-Za-z0-9+/=]{2})[ \t]*\r?$")
# ... or a run of twenty or more with capitals, small letters and digits in it: base64
# damaged part of the way along a line (words and URL paths have no such runs).
_B64_RUN = re.compile(rb"[A-Za-z0-9+/]{20,}")
_MIXED_RUN = re.compile(rb"(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])", re.S)


_QP_TRAILING_WS = re.compile(rb"=[ \t]+(?=\r?\n)")


_QP_EQUALS = re.compile(rb"=(?:[0-9A-Fa-f]{2}|[ \t]*\r?$|[ \t]*\r?\n)?")


def looks_quoted_printable(raw: bytes) -> bool:
    """Bytes written in quoted-printable though not labelled so (as a client that lost
    the header sends them): every "=" starts an escape or ends a line, and there are
    escapes and soft line breaks both, or many escapes; an "=" or two left as they were
    only among plenty of both. Text with an "=" of its own ("a = b", "?id=x") is not."""
    if b"=" not in raw or b"-----BEGIN " in raw:
        return False  # none, or armour (PGP, PEM): its base64 ends "=" and "=XXXX"
    escapes = lettered = breaks = bare = 0
    for m in _QP_EQUALS.finditer(raw):
        token = m.group()
        if len(token) == 1:
            bare += 1  # an "=" that is neither an escape nor a soft break ("?ref=22871")
            if bare > 2:
                return False
        elif len(token) == 3 and token[1:2] not in (b"\r", b"\n", b" ", b"\t"):
            escapes += 1
            lettered += not token[1:].isdigit() and token[1:].isupper()  # "=0D", "=E9"; not "x=20", "q=ab"
        else:
            breaks += 1
    if bare:  # a careless encoder left an "=" or two as they were: only with plenty of QP around them
        return escapes >= 3 and breaks >= 2 and bare * 10 <= escapes + breaks
    return (escapes >= 1 and breaks >= 1) or lettered >= 3


def qp_decode(raw: bytes) -> bytes:
    """Quoted-printable; a soft break (``=`` + CRLF, even with trailing blanks) joins lines."""
    if _QP_TRAILING_WS.search(raw) is not None:
        raw = _QP_TRAILING_WS.sub(b"=", raw)
    return binascii.a2b_qp(raw)


# ---------------------------------------------------------------------------
# Charsets
# ---------------------------------------------------------------------------

# Python codecs that no mail client knows and that would let a sender hide
# text (e.g. "unicode_escape" turns \x39 into 9): treated as unknown charsets.
_REFUSED_CODECS = frozenset(
    {
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "undefined",
        "mbcs",
        "oem",
        "charmap",
        "unicode-internal",
        "string-escape",
    }
)
_LATIN1_FAMILY = frozenset({"iso8859-1", "latin-1", "cp1252"})
# Labels that mail clients (per WHATWG) read with a superset codec.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift-jis": "cp932",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "iso8859-9": "cp1254",
}
_MISSING = frozenset({"", "unknown-8bit", "x-unknown", "unknown", "default", "none", "x-user-defined"})


@lru_cache(maxsize=256)
def lookup_charset(name: str) -> str | None:
    """The Python codec name for a MIME charset label, or None if unknown."""
    label = name.strip().strip("\"'").strip().lower()
    ebcdic = _EBCDIC_LABELS.get(label)
    if ebcdic is not None:
        return ebcdic
    candidates = [label]
    if label.startswith("x-"):
        candidates.append(label[2:])
    if label.startswith("cp-"):
        candidates.append("cp" + label[3:])
    for cand in candidates:
        try:
            info = codecs.lookup(cand)
        except (LookupError, ValueError, TypeError):
            continue
        name = info.name.replace("_", "-")
        if not getattr(info, "_is_text_encoding", True) or name in _REFUSED_CODECS:
            return None
        return _SUPERSETS.get(name, name)
    return None


def _decode_8bit_guess(data: bytes) -> str:
    """No usable charset: UTF-8 if it is valid UTF-8, otherwise a single-byte code page
    (see _single_byte)."""
    wide = _sniff_wide(data) if b"\x00" in data[:4096] else None
    if wide:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _single_byte(data)


# --- which single-byte code page, by what the bytes are ---------------------------------
#
# Bytes that are not UTF-8, unlabelled or labelled ISO-8859-1/Windows-1252 (what a mail
# program says of any 8-bit text it was not told about), are read as Windows-1252 unless
# their bytes say otherwise: EBCDIC from a mainframe, a DOS (OEM) code page's box drawing
# (a PAS or ward system's export: "│" 0xB3 and "║" 0xBA, read in Windows-1252 as "³" and
# "º" glued to the numbers in the table's cells), Mac OS Roman (its no-break space 0xCA
# between digit groups reads "Ê", its quotes and dashes capital letters). A wrong choice
# here glues letters to a number's digits, which are then no longer read as one.

# EBCDIC text's bytes: space 0x40, the letters (0x81-0xA9 and 0xC1-0xE9, with gaps), the
# digits 0xF0-0xF9, punctuation, tab 0x05, NL 0x15, LF 0x25 and CR 0x0D.
_EBCDIC_TEXT = bytes(
    [0x05, 0x0D, 0x15, 0x25, 0x40]
    + list(range(0x4B, 0x51)) + list(range(0x5A, 0x62)) + list(range(0x6B, 0x70)) + list(range(0x7A, 0x80))
    + list(range(0x81, 0x8A)) + list(range(0x91, 0x9A)) + list(range(0xA2, 0xAA))
    + list(range(0xC1, 0xCA)) + list(range(0xD1, 0xDA)) + list(range(0xE2, 0xEA)) + list(range(0xF0, 0xFA))
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_EBCDIC_SAMPLE = 4096


def looks_ebcdic(data: bytes) -> bool:
    """EBCDIC text: its space (0x40, "@" in ASCII) one byte in twelve or more, nineteen
    bytes in twenty of EBCDIC text's (see _EBCDIC_TEXT), two thirds of those but its spaces
    above 0x80 (its letters and digits are). ASCII text has its letters and digits below
    0x80; binary has bytes of every value."""
    sample = data[:_EBCDIC_SAMPLE]
    n = len(sample)
    spaces = sample.count(0x40)
    if n < 16 or spaces * 12 < n or spaces == n:
        return False
    if len(sample.translate(None, _EBCDIC_TEXT)) * 20 > n:
        return False
    return (n - len(sample.translate(None, _HIGH_BYTES))) * 3 >= (n - spaces) * 2


# EBCDIC code pages Python lacks, as IBM-037 with the few places where they differ:
# IBM-285 (United Kingdom; 1146 is it with the euro sign) and IBM-1047 (z/OS, Open Systems).
_EBCDIC_VARIANTS: dict[str, dict[int, str]] = {
    "ibm285": {0x4A: "$", 0x5B: "\u00a3", 0xA1: "\u00af", 0xB0: "\u00a2", 0xB1: "[", 0xBA: "^", 0xBC: "~"},
    "ibm1146": {0x4A: "$", 0x5B: "\u00a3", 0xA1: "\u00af", 0xB0: "\u00a2", 0xB1: "[", 0xBA: "^", 0xBC: "~", 0x9F: "\u20ac"},
    "ibm1047": {0x5F: "^", 0xAD: "[", 0xB0: "\u00ac", 0xBA: "\u00dd", 0xBB: "\u00a8", 0xBD: "]"},
}
_EBCDIC_LABELS = {
    alias: page
    for page, aliases in (
        ("ibm285", ("ibm285", "ibm-285", "cp285", "csibm285", "ebcdic-cp-gb", "ebcdic-gb")),
        ("ibm1146", ("ibm01146", "ibm1146", "ibm-1146", "cp1146", "csibm01146", "ebcdic-gb-285+euro")),
        ("ibm1047", ("ibm1047", "ibm-1047", "cp1047", "csibm1047")),
    )
    for alias in aliases
}


@lru_cache(maxsize=4)
def _ebcdic_table(page: str) -> str:
    table = list(bytes(range(256)).decode("cp037"))
    for byte, char in _EBCDIC_VARIANTS[page].items():
        table[byte] = char
    return "".join(table)


# What says DOS: a box's horizontal lines ("─" 0xC4, "═" 0xCD; "ÄÄÄ" is no Windows-1252
# text) or a table's row framed by its verticals ("│" 0xB3, "║" 0xBA) at both ends.
_OEM_SIGNS = re.compile(rb"[\xc4\xcd]{3}|(?m:^[ \t]*[\xb3\xba][^\r\n]*[\xb3\xba][ \t]*\r?$)")
# What says Mac OS Roman: a no-break space (0xCA) or an en dash (0xD0) between digits, an
# en dash between spaces, a closing quote (0xD5) in a word ("don\xd5t", "O\xd5Rourke"),
# curly double quotes (0xD2 ... 0xD3): in Windows-1252 "Ê", "Ð", "Õ", "Ò" and "Ó" there.
_MAC_SIGNS = re.compile(
    rb"[0-9][\xca\xd0][0-9]| \xd0 |[a-z]\xd5[a-z]|[A-Z]\xd5[A-Z][a-z]|\xd2[A-Za-z][^\r\n\xd2\xd3]{0,80}\xd3"
)
# ... and what says Windows-1252 instead: its own quotes and dashes, a no-break space
# between digits, an accented small letter in a word.
_WINDOWS_SIGNS = re.compile(
    rb"[a-z]\x92[a-z]| \x96 |[0-9][\x96\xa0][0-9]|\x93[A-Za-z][^\r\n\x93\x94]{0,80}\x94|[a-z][\xe0-\xfc][a-z]"
)
_SIGNS_SAMPLE = 1 << 18


def _has_any(data: bytes, values: bytes) -> bool:
    """Any of the byte ``values`` in ``data`` (a search in C each: a character class's search
    steps through the bytes one by one)."""
    return any(data.find(values[i : i + 1]) >= 0 for i in range(len(values)))


def single_byte_codec(data: bytes) -> str:
    """The code page of 8-bit text that is not UTF-8, by its bytes (see above): "cp037"
    (EBCDIC), "cp850" (DOS), "mac-roman", else "cp1252"."""
    if looks_ebcdic(data):
        return "cp037"
    sample = data[:_SIGNS_SAMPLE]
    if _has_any(sample, b"\xb3\xba\xc4\xcd") and _OEM_SIGNS.search(sample) is not None:
        codec, signs = "cp850", len(_OEM_SIGNS.findall(sample))
    elif _has_any(sample, b"\xca\xd0\xd2\xd5") and _MAC_SIGNS.search(sample) is not None:
        codec, signs = "mac-roman", len(_MAC_SIGNS.findall(sample))
    else:
        return "cp1252"
    return codec if len(_WINDOWS_SIGNS.findall(sample)) < signs else "cp1252"


def _single_byte(data: bytes) -> str:
    """8-bit text that is not UTF-8 in the code page its bytes say (single_byte_codec);
    Windows-1252's five unassigned bytes make it Latin-1."""
    codec = single_byte_codec(data)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return data.decode("latin-1")


@lru_cache(maxsize=64)
def _ascii_single_byte(codec: str) -> bool:
    """A codec of one byte a character whose first 128 are ASCII's (Latin-1, Windows-125x,
    ISO-8859-x, KOI8, Mac OS Roman, the DOS code pages)."""
    import importlib

    try:
        table = getattr(importlib.import_module("encodings." + codec.replace("-", "_")), "decoding_table", None)
    except ImportError:
        return False
    return isinstance(table, str) and len(table) == 256 and table[:128] == "".join(map(chr, range(128)))


def utf8_mislabelled(data: bytes) -> str | None:
    """Bytes under a single-byte label that are valid UTF-8 with characters beyond ASCII in
    it, as UTF-8 ("466\xc2\xa0897" under ISO-8859-1 reads "466Â 897" as labelled): text in
    a single-byte code page is valid UTF-8 almost never (an accented letter then a symbol of
    0x80-0xBF, every time), UTF-8 under the sending program's default label often. Else None."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


_SOFT_BREAK = re.compile(rb" \r?\n")


def unflow(data: bytes, delsp: bool) -> bytes:
    """A format=flowed body (RFC 3676) as its reader sees it: soft line breaks (a
    line ending in a space) joined to the next line at the same quote depth,
    the space deleted too when ``delsp`` (so a number cut anywhere reads whole
    again), space-stuffing undone. Quote markers are kept ("> " per line)."""
    if not _SOFT_BREAK.search(data) or b"\x00" in data[:4096]:
        return data
    out: list[bytes] = []
    open_depth = -1  # the quote depth of a paragraph still open after a soft break
    for line in data.split(b"\n"):
        if line.endswith(b"\r"):
            line = line[:-1]
        depth = len(line) - len(line.lstrip(b">"))
        content = line[depth:]
        if content.startswith(b" "):
            content = content[1:]
        soft = content.endswith(b" ") and content != b"-- "
        if soft and delsp:
            content = content[:-1]
        if open_depth == depth and out:
            out[-1] += content
        else:
            out.append(b">" * depth + b" " + content if depth else content)
        open_depth = depth if soft else -1
    return b"\n".join(out)


def wide_codec(data: bytes) -> str | None:
    """The codec of text in UTF-16 or UTF-32 (by its byte-order mark or where its zero bytes fall), else None."""
    if data.startswith(_BOM_STARTS):
        for bom, codec in _BOMS:
            if data.startswith(bom):
                return codec if codec != "utf-8-sig" else None
    if data.find(b"\x00", 0, 4096) < 0:
        return None
    return _sniff_wide(data)


def _sniff_wide(data: bytes) -> str | None:
    """BOM-less UTF-32, then UTF-16."""
    return _sniff_utf32(data) or _sniff_utf16(data)


def _sniff_utf32(data: bytes) -> str | None:
    """Guess BOM-less UTF-32 (mostly-ASCII text: three zero bytes in every four)."""
    sample = data[:4096]
    n = len(sample) // 4 * 4
    if n < 8 or sample.count(0) * 2 < n:
        return None
    lanes = [sample[i:n:4].count(0) for i in range(4)]
    quarter = n // 4
    if lanes[0] * 10 < quarter and min(lanes[1:]) * 10 >= quarter * 9:
        return "utf-32-le"
    if lanes[3] * 10 < quarter and min(lanes[:3]) * 10 >= quarter * 9:
        return "utf-32-be"
    return None


def _sniff_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the zero bytes fall (mostly-ASCII text)."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) * 4 < len(sample):
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 2 * even:
        return "utf-16-le"
    if even > 2 * odd:
        return "utf-16-be"
    return None


# A label of UTF-16 or UTF-32 on bytes without a zero byte that are valid UTF-8: no text of
# some length is written so in UTF-16, as every space, line end, digit and letter of the
# ASCII range carries a zero byte ("NHS" is 4E 00 48 00 53 00), and Chinese or Japanese
# text in it is almost never valid UTF-8 besides. Such bytes are ASCII or UTF-8 under a
# wrong label, read as what they are (as UTF-16, "Dear" would be "敄牡"); a very short run
# keeps its label.
_WIDE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_WIDE_MIN_BYTES = 8


def _not_wide(data: bytes) -> bool:
    """Bytes labelled UTF-16 or UTF-32 that are no such text (see _WIDE_CODECS)."""
    if len(data) < _WIDE_MIN_BYTES or b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_STARTS = tuple(bom for bom, _ in _BOMS)  # one test for the text most parts are


def _single_byte_label(data: bytes, codec: str) -> str | None:
    """``data`` read under the label of a single-byte code page where its bytes say what
    they are; None to read it as labelled."""
    if codec in _LATIN1_FAMILY:
        # Mail labelled ISO-8859-1 is in practice Windows-1252 (as in WHATWG), or UTF-8, DOS,
        # Mac or EBCDIC text its sender's program gave its default label: the bytes decide.
        as_utf8 = utf8_mislabelled(data)
        return as_utf8 if as_utf8 is not None else _single_byte(data)
    if codec in _EBCDIC_VARIANTS:
        return codecs.charmap_decode(data, "replace", _ebcdic_table(codec))[0]
    if _ascii_single_byte(codec):
        return utf8_mislabelled(data)
    return None


def decode_text(data: bytes, charset: str | None) -> tuple[str, list[tuple[str, str]]]:
    """Turn the bytes of a text part into str; never raises.

    Returns ``(text, notes)``; each note is ``(reason, detail)`` with reason
    "unknown_charset" (read with a fallback) or "corrupt" (bytes invalid for
    the declared charset were replaced).
    """
    notes: list[tuple[str, str]] = []
    if not data:
        return "", notes
    # A byte-order mark wins over the label (as browsers do).
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-16" and charset and lookup_charset(charset) in ("utf-32", "utf-32-le", "utf-32-be"):
                continue
            return data.decode(codec, errors="replace"), notes
    label = (charset or "").strip().strip("\"'").strip().lower()
    if label in _MISSING:
        return _decode_8bit_guess(data), notes
    found = lookup_charset(label)
    if found is None:
        notes.append(("unknown_charset", clean_label(label)))
        return _decode_8bit_guess(data), notes
    codec = found
    if codec == "ascii" or (codec in _WIDE_CODECS and _not_wide(data)):
        return _decode_8bit_guess(data), notes
    single = _single_byte_label(data, codec)
    if single is not None:
        return single, notes
    if codec == "utf-16":
        codec = _sniff_utf16(data) or "utf-16-be"  # RFC 2781: no BOM means big-endian
    elif codec == "utf-32":
        codec = _sniff_utf32(data) or "utf-32-be"
    try:
        return data.decode(codec), notes
    except UnicodeDecodeError:
        notes.append(("corrupt", f"bytes not valid in charset {clean_label(label)} were replaced"))
        # Windows-1252 text labelled UTF-8 (a no-break space 0xA0 between digit groups):
        # each stray byte is read as Windows-1252, as mail programs show it.
        if codec == "utf-8":
            return _STRAY_RE.sub(_stray_as_cp1252, data.decode(codec, "surrogateescape")), notes
        return data.decode(codec, errors="replace"), notes
    except Exception:  # a codec misbehaving on hostile input
        notes.append(("unknown_charset", clean_label(label)))
        return _decode_8bit_guess(data), notes


# A byte that is no UTF-8, as "surrogateescape" keeps it (U+DC80-U+DCFF), read as Windows-1252:
# only the strays are looked up (a translation of the whole text looks up every character).
_STRAY_RE = re.compile("[\udc80-\udcff]")
_STRAYS_AS_CP1252 = {chr(0xDC00 + b): bytes([b]).decode("cp1252", "replace") for b in range(0x80, 0x100)}


def _stray_as_cp1252(m: re.Match[str]) -> str:
    return _STRAYS_AS_CP1252[m.group()]


_LABEL_OK = re.compile(r"[^A-Za-z0-9_.:+/\-]")


def clean_label(label: str) -> str:
    """A charset/content-type label made safe for a notice."""
    return _LABEL_OK.sub("?", label)[:100]


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)


def sniff_html_charset(data: bytes) -> str | None:
    """The charset from a <meta> tag in the first 2 KB of an HTML document."""
    m = _META_CHARSET.search(data[:2048])
    return m.group(1).decode("ascii") if m else None


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


def _class(codepoints: list[int]) -> str:
    """A regex character class body, consecutive code points merged into ranges."""
    runs: list[list[int]] = []
    for cp in codepoints:
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Patterns for invisible characters and non-ASCII decimal digits.

    Invisible: every format character (Cf: zero-width space/joiners, word
    joiner, BOM, soft hyphen, bidi controls, tag characters...) plus NUL.
    Cf and Nd characters exist only in planes 0, 1 and 14; the combining marks
    a digit may carry (``_DIGIT_MARKS``) are in the BMP pattern too.  BMP and astral
    characters get separate patterns: the astral one is only run when the
    text holds astral characters (a BMP-only class scans much faster).
    """
    invisible: list[int] = [0]
    bmp_other: list[int] = []
    astral: list[int] = []
    for block in (range(0x80, 0x2_0000), range(0xE_0000, 0xE_1000)):
        for cp in block:
            cat = unicodedata.category(chr(cp))
            if cat == "Cf" or cat == "Nd":
                (bmp_other if cp < 0x1_0000 else astral).append(cp)
                if cat == "Cf":
                    invisible.append(cp)
    bmp = sorted([0] + bmp_other + [cp for lo, hi in _DIGIT_MARKS for cp in range(lo, hi + 1)])
    return (
        re.compile(f"[{_class(bmp)}]+"),
        re.compile(f"[{_class(astral)}]+"),
        frozenset(chr(cp) for cp in invisible),
    )


@lru_cache(maxsize=1)
def _strip_pattern() -> re.Pattern[str]:
    invisible = _tables()[2]
    return re.compile(f"[{_class(sorted(ord(c) for c in invisible))}]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# Combining marks a digit may carry: underlined or struck-through "fancy text"
# (4\u0332), a keycap emoji (4\ufe0f\u20e3). On a digit they go; on a letter they stay.
_DIGIT_MARKS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F))
_MARK = frozenset(chr(cp) for lo, hi in _DIGIT_MARKS for cp in range(lo, hi + 1))


def _fix_run(m: re.Match[str]) -> str:
    invisible = _tables()[2]
    out: list[str] = []
    start = m.start()
    before = m.string[start - 1] if start else ""
    for ch in m.group():
        if ch in invisible:
            continue
        if ch in _MARK:
            if not ("0" <= (out[-1] if out else before) <= "9"):
                out.append(ch)
            continue
        d = unicodedata.decimal(ch, None)
        out.append(ch if d is None else str(d))
    return "".join(out)


_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")


# A terminal's escape sequences: CSI (ESC [ or the 8-bit 0x9B, parameters, a final byte:
# colours, cursor moves, erasing), OSC/DCS/PM/APC strings (a window title) up to BEL or ST,
# and the two- and three-byte escapes (ESC ( B selects a character set, ESC 7 saves the cursor).
# A printer's PCL commands are escapes too, with values: "ESC*p100x200Y" moves to a place on
# the page (read as a line break), "ESC(s3B" sets a font.
_TERMINAL = re.compile(
    r"(?:\x1b\[|\x9b)([0-?]*)[ -/]*([@-~])|\x1b[\]P^_X][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?"
    r"|\x1b[!-/][`-~](?:[+\-]?[0-9.]{0,12}[`-~]){0,16}[+\-]?[0-9.]{0,12}[@-^]|\x1b[ -/]*[0-~]?"
)
_ROW_COLUMN = re.compile(r"(?:\x1b\[|\x9b)[0-9]*;?[0-9]*[Hf]")
# A character, a backspace, another: printed over each other, as nroff and line printers
# make bold ("N\bN") and underline ("_\bN"); what is read is the letter.
_OVERSTRIKE = re.compile(r"([^\x08\n])\x08([^\x08\n])")
_MAX_COLUMN = 1024  # a screen wider than this is a corrupt position, not a layout
_MAX_ROW = 10_000


def _overstruck(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    return first if second == "_" else second


def _unescaped(m: re.Match[str]) -> str:
    """What an escape sequence leaves in the text: a PCL move to a place on the page a line
    break, another PCL command a space, a colour or a title nothing."""
    code = m.group()
    if code[1:3] in ("*p", "&a"):
        return "\n"
    if m.group(2) in (None, "m"):
        return " " if code[1:2] in "!\"#$%&'()*+,-./" and len(code) > 3 else ""
    return " "


def terminal_text(text: str) -> str:
    """Text captured from a terminal or a printer as a person saw it: escape sequences
    removed ("\x1b[1mSurname:\x1b[0m" -> "Surname:"), overstruck letters read once
    ("N\bNH\bHS\bS" -> "NHS"), and a screen drawn by cursor positioning
    ("\x1b[6;2HNHS Number:" ... "\x1b[6;14H943 476 5919") laid out in its rows and columns,
    each cleared screen after the one before."""
    if "\x08" in text:
        for _ in range(8):  # a letter struck three or four times over
            text, found = _OVERSTRIKE.subn(_overstruck, text)
            if not found:
                break
        text = text.replace("\x08", "")
    if "\x1b" not in text and "\x9b" not in text:
        return text
    if not _ROW_COLUMN.search(text):
        return _TERMINAL.sub(_unescaped, text)
    return _screens(text)


def _screens(text: str) -> str:
    """Text with cursor positioning, drawn on a grid (one run of text at a time) and read in
    row order; a cleared screen (ESC [2J) starts a new grid after the last."""
    out: list[str] = []
    grid: dict[int, list[str]] = {}
    row = col = 0

    def put(run: str) -> None:
        nonlocal row, col
        for n, line in enumerate(run.split("\n")):
            if n:
                row, col = min(row + 1, _MAX_ROW), 0
            pieces = line.split("\r")
            for k, piece in enumerate(pieces):
                if k:
                    col = 0
                if piece:
                    cells = grid.setdefault(row, [])
                    if len(cells) < col:
                        cells.extend(" " * (col - len(cells)))
                    cells[col : col + len(piece)] = piece
                    col = min(col + len(piece), _MAX_COLUMN)

    def flush() -> None:
        if grid:
            out.append("\n".join("".join(grid[r]).rstrip() for r in sorted(grid)))
            grid.clear()

    pos = 0
    for m in _TERMINAL.finditer(text):
        put(text[pos : m.start()])
        pos = m.end()
        params, final = m.group(1), m.group(2)
        numbers = [int(p) if p.isdigit() else 0 for p in (params or "").split(";")]
        if final in ("H", "f"):
            row = min(max(numbers[0], 1), _MAX_ROW) - 1
            col = min(max(numbers[1] if len(numbers) > 1 else 1, 1), _MAX_COLUMN) - 1
        elif final == "J" and numbers[0] == 2:
            flush()
        elif final == "C":
            col = min(col + max(numbers[0], 1), _MAX_COLUMN)
    put(text[pos:])
    flush()
    return "\n".join(out)


# A space or a dash in UTF-8 read one byte a character as Windows-1252 or Latin-1 (text
# decoded twice, or copied from a program that misread it): a no-break space is "Â\xa0",
# an en dash "â€“", a thin space "â€‰". Between a number's digit groups the letters glue
# the groups into a word ("466Â 897Â 3467"): read again as the one character they are
# (only when that is a space, a dash or an invisible character: "Ä°" and the like are
# left as they stand). Asked only of text with an "Â" or an "â" in it.
_BYTE_CHARS = bytes(range(0x80, 0xC0)).decode("cp1252", "replace")
_CONTINUATION = "".join(ch for ch in _BYTE_CHARS if ch != "\ufffd") + "\x81\x8d\x8f\x90\x9d"
_MISREAD_SPACE = re.compile(
    f"\u00c2(?:[{re.escape(_CONTINUATION)}]|(?= [0-9]))|\u00e2[{re.escape(_CONTINUATION)}]{{2}}"
)  # "Â" before a space and a digit, after a digit: its no-break space made a space on the way ("466Â 897")
_AS_BYTE = {ch: 0x80 + i for i, ch in enumerate(_BYTE_CHARS) if ch != "\ufffd"} | {
    chr(b): b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)} | {"\u00c2": 0xC2, "\u00e2": 0xE2}


def _space_read_again(m: re.Match[str]) -> str:
    found = m.group()
    if found == "\u00c2":
        at = m.start()
        return "" if at and "0" <= m.string[at - 1] <= "9" else found
    try:
        char = bytes(_AS_BYTE[ch] for ch in found).decode("utf-8")
    except UnicodeDecodeError:
        return found
    return char if unicodedata.category(char) in ("Zs", "Pd", "Cf") else found


def normalise(text: str) -> str:
    """Normalise a segment for the detectors.

    A terminal's escape sequences and overstruck letters resolved (:func:`terminal_text`);
    CRLF/CR -> LF, and so every other line break (a vertical tab, Word's manual line break in
    its text; a form feed; NEL; U+2028 and U+2029, a phone's notes); NFKC (full-width digits
    become ASCII, NBSP becomes a
    space); format characters (zero-width space/joiners, word joiner, BOM,
    soft hyphen, bidi controls, tags) and NUL removed; any other Unicode
    decimal digit (Arabic-Indic, Devanagari...) mapped to 0-9; combining
    marks on a digit (underlined "fancy text", keycap emoji) removed.  Linear; pure
    ASCII text takes a fast path.
    """
    if "\x1b" in text or "\x08" in text or "\x9b" in text:
        text = terminal_text(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x0b" in text or "\x0c" in text or not text.isascii():
        text = _LINE_BREAKS.sub("\n", text)
    if text.isascii():
        return text.replace("\x00", "") if "\x00" in text else text
    if "\u00c2" in text or "\u00e2" in text:
        text = _MISREAD_SPACE.sub(_space_read_again, text)
    text = unicodedata.normalize("NFKC", text)
    bmp, astral, _invisible = _tables()
    text = bmp.sub(_fix_run, text)
    if _ASTRAL.search(text):
        text = astral.sub(_fix_run, text)
    return text


# ---------------------------------------------------------------------------
# Names used in ``where``
# ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SPACES = re.compile(r"\s+")


_NAME_GLUE = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def name_as_words(name: str) -> str:
    """A file name as the words a person reads in it, for the detectors.

    People and software glue words and numbers in file names
    ("letter_4010232137.pdf", "NHS-No-401 023 2137.csv", "Referral4010232137.pdf",
    "patients/list.csv"): underscores and the like become spaces, folders go on
    lines of their own, and letters and digits that touch are parted, so a number
    in a name is read as it would be in a sentence.
    """
    text = name.replace("\\", "\n").replace("/", "\n")
    text = _NAME_DASH.sub(" ", text.translate(_NAME_SPACES))  # "Example-Jane 01-02-1940": the date keeps its dashes
    return _NAME_GLUE.sub(" ", text)


# A field's name as a form's software writes it: words run together (CamelCase, under-
# scores, dots, dashes), a control's kind before them ("txtPatientName", "chk_Diabetes"),
# an index after them ("dob_1", "Address2"), the form's containers before it
# ("form1[0].#subform[0].PatientName[0]").
# Where a name's words run together in CamelCase: before a capital that follows a small
# letter or a digit ("nhsNumber", "Address2Line"), and before the last capital of a run
# that starts a word ("NHSNumber", "PONumber"). One rule for every reader of such names
# (a form's fields, JSON keys, XML elements, DICOM keywords, a number's label).
CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def camel_words(name: str, separators: str = "") -> str:
    """``name`` with a space where its words run together (CAMEL_BOUNDARY) and for each of
    ``separators`` ("_-": "nhs_number", "date-of-birth"); case and length kept otherwise."""
    words = CAMEL_BOUNDARY.sub(" ", name)
    for sep in separators:
        words = words.replace(sep, " ")
    return words


# ... and, in a field's name, where letters and digits touch ("dob1", "2ndName").
_LABEL_CAMEL = re.compile(CAMEL_BOUNDARY.pattern + r"|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_LABEL_INDEX = re.compile(r"\[\d*\]")
_LABEL_CONTAINER = re.compile(r"(?i)#?(?:sub)?form\d*|#?subform|topmost ?subform|page\d*|#pageset|#area|root")
_LABEL_KIND = re.compile(r"(?:txt|fld|chk|cbo|cmb|cb|lst|opt|rb|rdo|btn|tb|tf|lbl|dd|ddl|frm)(?=[A-Z_\-. ]|$)", re.I)
_LABEL_JOINED = re.compile(r"[_.\[]|[a-z][A-Z]")
_LABEL_SEPARATORS = re.compile(r"[\s_.\-:/#]+")


def label_words(name: str) -> str:
    """A field's or element's name as the words a person reads in it, lower case:
    "PatientName", "pt_name", "txtPatientName", "Patient.Name", "PATIENT_NAME" ->
    "patient name"; "dob_1" -> "dob"; "NHSNo" -> "nhs no". A name written as words
    ("NHS number") or one word ("Consent") is kept as it is written."""
    if " " in name.strip() and not _LABEL_JOINED.search(name):
        return " ".join(name.split())
    parts = [p for p in _LABEL_INDEX.sub("", name).split(".") if p and not _LABEL_CONTAINER.fullmatch(p)]
    words: list[str] = []
    for part in parts or [name]:
        kind = _LABEL_KIND.match(part)
        if kind and kind.end() < len(part) and (part[kind.end()].isupper() or not part[kind.end()].isalnum()):
            if part[: kind.end()].islower() or not part[kind.end()].isalpha():
                part = part[kind.end():]  # "txtName", "TXT_NAME"; not "CBT", "TFName"... left whole
        words.extend(w for w in _LABEL_SEPARATORS.split(_LABEL_CAMEL.sub(" ", part)) if w)
    while len(words) > 1 and words[-1].isdigit():
        words.pop()  # an index: "dob_1", "Address2"
    said = " ".join(words).lower()
    return name.strip() if not said or said == name.strip().lower() else said  # one word: as it is written


_NAME_SPACES = str.maketrans({"_": " ", "+": " ", "~": " ", "=": " "})
_NAME_DASH = re.compile(r"(?<![0-9])-|-(?![0-9])")


def sanitise_name(name: str, cap: int = 100) -> str:
    """A file name made safe for ``where``: no control/format chars, one line, capped."""
    if not name:
        return ""
    name = _CONTROL.sub(" ", name)
    name = _strip_pattern().sub("", name)
    name = _SPACES.sub(" ", name).strip()
    name = mask_numbers(name)  # an identifier would otherwise reach notices, the record and the console
    if len(name) > cap:
        name = name[: cap - 3] + "..."
    return name


def extension(name: str) -> str:
    """Lower-case extension without the dot ("" if none): "List.CSV " -> "csv"."""
    name = name.strip().rstrip(". ").lower()
    dot = name.rfind(".")
    if dot < 0 or dot == len(name) - 1:
        return ""
    ext = name[dot + 1 :]
    return ext if len(ext) <= 10 else ""


# ---------------------------------------------------------------------------
# Sniffing
# ---------------------------------------------------------------------------

_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0",  # OLE (doc, xls, msg)
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"II*\x00",
    b"MM\x00*",
    b"RIFF",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x00\x00\x01\x00",
    # PGP armour (not a clear-signed message: "-----BEGIN PGP SIGNED MESSAGE-----" is text)
    b"-----BEGIN PGP MESSAGE",
    b"-----BEGIN PGP SIGNATURE",
    b"-----BEGIN PGP PUBLIC",
    b"-----BEGIN PGP PRIVATE",
    b"0\x82",  # DER (PKCS#7)
)


# C0 controls but tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


# What no text a person writes has more than a trace of: control characters (but tab, the
# line breaks, form feed, backspace and escape, which terminal captures carry), code points
# no character is assigned to, lone surrogates. Binary read in some charset is full of them:
# a MATLAB .mat file, an ASCII header then numbers, "succeeds" as UTF-16 (its zero bytes
# fall in one lane) as "䅍䱔䉁㔠" and controls. (C1 controls and replacement characters are
# what a wrong 8-bit label makes of text, whose digits and words are still read: not counted.)
_NOT_TEXT_CONTROLS = "\x00-\x07\x0e-\x1a\x1c-\x1f\x7f"
_NOT_TEXT_ASCII = re.compile(f"[{_NOT_TEXT_CONTROLS}]")
_NOT_TEXT_ASCII_BYTES = bytes(b for b in range(128) if _NOT_TEXT_ASCII.match(chr(b)))
_GARBLED_SAMPLE = 4096  # characters judged
_GARBLED_SHARE = 50  # more than one character in this many: not text
# ASCII read two bytes at a time, as UTF-16: each character's two bytes printable ASCII
# ("MATLAB 5.0" -> "䅍䱔䉁㔠"), sixteen in a row, eight of them different (a row of a
# table's double lines, "════", is one character repeated). Chinese text has such runs
# about never (a character's low byte is printable ASCII one time in four or five); kana
# (U+30xx) are left out, their low bytes being so more often.
_PAIR_CLASS = "".join(f"{chr(hi << 8 | 0x20)}-{chr(hi << 8 | 0x7E)}" for hi in range(0x20, 0x7F) if hi != 0x30)
_ASCII_PAIRS = re.compile(f"[{_PAIR_CLASS}]{{16,}}")
_MAY_BE_PAIRS = re.compile("[\u2020-\u7e7e]{16}")  # one range: a quick test before the class above
_PAIRS_DIFFERENT = 8


# Word's text stream (a .doc file's text, and what some senders paste or send from it as a
# body): what its control characters stand for, paragraph and cell ends, line and page breaks,
# a field's begin, separator and end marks, anchors of pictures, notes and objects
# (formats/doc.py reads a Word file's text by it). Its fields show it: a begin mark, then the
# field's code ("\x13 HYPERLINK "http://..." \x14shown text\x15", "\x13 EMBED ...", "\x13PAGE").
WORD_CONTROLS = str.maketrans(
    {"\r": "\n", "\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x13": " ", "\x14": " ", "\x15": " ",
     "\x01": None, "\x02": None, "\x03": None, "\x04": None, "\x05": None, "\x08": None}
)
_WORD_FIELD = re.compile(r"\x13 ?[A-Z][A-Z_]{2,}[ \\\x14\x15]")


def word_stream(text: str) -> str:
    """``text`` read as Word's text stream where its fields show it is one (see
    WORD_CONTROLS): its controls are what they stand for, not bytes of no text."""
    if "\x13" in text and _WORD_FIELD.search(text):
        return text.translate(WORD_CONTROLS)
    return text


@lru_cache(maxsize=1)
def _not_text_bmp() -> re.Pattern[str]:
    """The controls above and every unassigned or surrogate code point of the BMP, as one
    character class (a set the regular expression engine tests in C)."""
    unassigned = [cp for cp in range(0x80, 0x1_0000) if unicodedata.category(chr(cp)) in ("Cn", "Cs")]
    return re.compile(f"[{_NOT_TEXT_CONTROLS}{_class(unassigned)}]")


def garbled(text: str) -> bool:
    """Text decoded from bytes that are not text: more than 2% of its first characters are
    of no text (_NOT_TEXT_CONTROLS, unassigned; Word's text stream read as it stands, see
    word_stream), or it holds ASCII read as UTF-16 (_ASCII_PAIRS). The bytes were not read,
    whatever charset "decoded" them. NULs are left out of the count: a log a program pads
    with runs of them reads as it is."""
    sample = word_stream(text[:_GARBLED_SAMPLE])
    if "\x00" in sample:
        sample = sample.replace("\x00", "")
    if sample.isascii():
        # counted as bytes: one deletion in C, where the expression steps character by character
        kept = sample.encode("ascii").translate(None, _NOT_TEXT_ASCII_BYTES)
        return (len(sample) - len(kept)) * _GARBLED_SHARE > len(sample)
    bad = len(_not_text_bmp().findall(sample))
    if _ASTRAL.search(sample):
        bad += sum(unicodedata.category(ch) == "Cn" for ch in _ASTRAL.findall(sample))
    if bad * _GARBLED_SHARE > len(sample):
        return True
    if _MAY_BE_PAIRS.search(sample) is None:  # Latin text, its quotes and dashes below U+2020
        return False
    return any(len(set(run)) >= _PAIRS_DIFFERENT for run in _ASCII_PAIRS.findall(sample))


def looks_like_text(data: bytes) -> bool:
    """True if the bytes are plainly text (so a mislabelled part can still be scanned)."""
    if not data:
        return False
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return False
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        wide = _sniff_wide(head)
        return wide is not None and not garbled(head[: len(head) // 4 * 4].decode(wide, "replace"))
    if head.isascii():  # UTF-8, without decoding it
        return True
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut by the sample
            return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # one pass, not one count per byte value
    return controls * 100 < len(head) or looks_ebcdic(head)  # EBCDIC's line end NL is 0x15, a control in ASCII


_UU_TYPES = frozenset({"x-uuencode", "uuencode", "x-uue", "uue"})


def is_uuencode(cte: str) -> bool:
    return cte in _UU_TYPES


# xxencode: uuencode's frame ("begin 644 name" ... "end") and line layout, another
# alphabet ("+-0-9A-Za-z", so a full 45-byte line starts with "h" where uuencode's
# starts with "M"). Translated to uuencode's alphabet, it is decoded as uuencode is.
_XX_ALPHABET = b"+-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_XX_TO_UU = bytes.maketrans(_XX_ALPHABET, b"`" + bytes(range(33, 96)))
_LOWER = bytes(range(0x61, 0x7B))


def xxencoded(lines: list[bytes]) -> bool:
    """Lines written in xxencode's alphabet: every character in it, and some lower-case
    letter among them (uuencode's alphabet, space to backquote, has none)."""
    lower = False
    for line in lines:
        line = line.rstrip()
        if line.translate(None, _XX_ALPHABET):
            return False
        lower = lower or len(line.translate(None, _LOWER)) < len(line)
    return lower


def uu_lines(raw: bytes) -> list[bytes] | None:
    """The data lines of a uuencoded (or xxencoded) file: after its "begin" line, up to its
    "end" line (empty lines and a lone "`" left out); None without a begin line."""
    lines = raw.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(b"begin")), None)
    if start is None:
        return None
    body: list[bytes] = []
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if stripped == b"end":
            break
        if stripped not in (b"`", b""):
            body.append(line)
    return body


def uu_decode(raw: bytes) -> tuple[bytes, str]:
    """Decode a uuencoded body ("begin 644 name" ... "end"), or an xxencoded one (told by
    its alphabet); status as for base64: "" clean, "damaged" when some lines would not
    decode and were left out, "undecodable" (``data`` empty) without a begin line or when
    most lines would not decode: noise, not a file that lost a line or two."""
    body = uu_lines(raw)
    if body is None:
        return b"", "undecodable"
    if xxencoded(body):
        body = [line.rstrip().translate(_XX_TO_UU) for line in body]
    out: list[bytes] = []
    bad = 0  # lines that would not decode, or only by cutting or padding much of them
    for line in body:
        # The characters the line's length character claims (after it): four for three bytes.
        claimed = (((line[0] - 32) & 63) * 4 + 2) // 3
        try:
            out.append(binascii.a2b_uu(line))
            if len(line) - 1 < claimed // 2:  # padded with zeros by more than half
                bad += 1
        except (binascii.Error, ValueError):
            # Some encoders pad lines wrongly: retry on the length the line claims.
            try:
                out.append(binascii.a2b_uu(line[: claimed + 1]))
                if len(line.rstrip()) > claimed + 4:  # more than padding (and a check character) cut off
                    bad += 1
            except (binascii.Error, ValueError):
                bad += 1
    if bad * 2 > len(body):
        return b"", "undecodable"
    return b"".join(out), "damaged" if bad else ""
