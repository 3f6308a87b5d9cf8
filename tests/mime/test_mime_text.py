"""Unit tables for decoding, normalisation, HTML, calendar and header helpers."""

from __future__ import annotations

import base64
import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate.mime.formats.calendar import unfold
from dlpgate.mime.formats.html import html_to_text
from dlpgate.mime.headers import decode_header_value, decode_words
from dlpgate.mime.text import (
    b64decode_lenient,
    decode_text,
    extension,
    garbled,
    looks_like_text,
    lookup_charset,
    normalise,
    qp_decode,
    sanitise_name,
    uu_decode,
)

NHS = "943 476 5919"


@pytest.mark.parametrize(
    ("raw", "expected", "status"),
    [
        (base64.b64encode(b"hello world"), b"hello world", ""),
        (b"aGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n", b"hello world", ""),
        (b"aGVsbG8=IHdvcmxk", b"hello world", "damaged"),  # padding mid-stream
        (b"aGVsbG8gd29ybGQ", b"hello world", "damaged"),  # padding missing
        (b"aGVsbG8g*d29ybGQ=", b"hello world", "damaged"),  # stray character
        (b"aGVsbG8gd29ybGQ=a", b"hello world", "damaged"),  # dangling character
        (b"!!!! %%%% ????", b"", "undecodable"),
        (b"", b"", ""),
        # text after the base64 (a list's footer, an epilogue after a mistyped boundary): read as text
        (b"aGVsbG8gd29ybGQ=\n\n--b-->\nPotentially malicious content\n", b"hello world\n--b-->\nPotentially malicious content\n",
         "damaged"),
        (b"aGVsbG8gd29y\n_______\nThe list: https://lists.example.org/\n", b"hello wor\n_______\nThe list: https://lists.example.org/\n",
         "damaged"),
    ],
)
def test_b64decode_lenient(raw: bytes, expected: bytes, status: str) -> None:
    assert b64decode_lenient(raw) == (expected, status)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"943 476 59=\r\n19", b"943 476 5919"),
        (b"943 476 59=\n19", b"943 476 5919"),
        (b"943 476 59=  \r\n19", b"943 476 5919"),  # blanks after the soft break
        (b"caf=C3=A9 =3d", "café =".encode()),
    ],
)
def test_qp_decode(raw: bytes, expected: bytes) -> None:
    assert qp_decode(raw) == expected


def test_uu_decode() -> None:
    data = f"NHS {NHS}".encode()
    raw = b"begin 644 x.txt\n" + codecs.encode(data, "uu").split(b"\n", 1)[1]
    assert uu_decode(raw) == (data, "")
    assert uu_decode(b"no begin line") == (b"", "undecodable")


@pytest.mark.parametrize(
    ("data", "charset", "expected", "notes"),
    [
        ("Zoë".encode(), "utf-8", "Zoë", []),
        ("Zoë".encode(), "UTF8", "Zoë", []),
        ("Zoë".encode(), '"utf-8"', "Zoë", []),
        ("café".encode("latin-1"), "iso-8859-1", "café", []),
        ("“x” €".encode("cp1252"), "iso-8859-1", "“x” €", []),  # labelled latin-1, really cp1252
        ("“x” €".encode("cp1252"), "windows-1252", "“x” €", []),
        ("“x”".encode("cp1252"), None, "“x”", []),  # missing: utf-8 strict fails -> cp1252
        ("Zoë".encode(), None, "Zoë", []),  # missing: valid utf-8
        ("Zoë".encode(), "us-ascii", "Zoë", []),  # mislabelled ascii
        (codecs.BOM_UTF16_LE + "NHS".encode("utf-16-le"), "utf-16", "NHS", []),
        (codecs.BOM_UTF16_BE + "NHS".encode("utf-16-be"), "utf-16", "NHS", []),
        ("NHS 943".encode("utf-16-le"), "utf-16", "NHS 943", []),  # no BOM, guessed LE
        ("NHS 943".encode("utf-16-be"), "utf-16", "NHS 943", []),  # no BOM, BE
        ("NHS 943".encode("utf-16-le"), "utf-16le", "NHS 943", []),
        ("NHS 943".encode("utf-16-le"), None, "NHS 943", []),  # unlabelled UTF-16
        # labelled UTF-16 or UTF-32, the bytes ASCII or UTF-8 (no zero byte): read as what they are
        (b"Dear Jo, NHS 943", "utf-16", "Dear Jo, NHS 943", []),
        (b"Dear Jo, NHS 943", "UTF-16LE", "Dear Jo, NHS 943", []),
        ("Siân, NHS 943".encode(), "utf-32", "Siân, NHS 943", []),
        ("番号".encode("utf-16-be"), "utf-16", "番号", []),  # too short to say: the label stands
        ("番号 943".encode("utf-16-be"), "utf-16", "番号 943", []),  # its zero bytes say UTF-16
        ("番号番号番号".encode("utf-16-be"), "utf-16", "番号番号番号", []),  # no zero byte, but no UTF-8 either
        (codecs.BOM_UTF8 + b"x", "iso-8859-1", "x", []),  # BOM wins
        ("番号 943".encode("iso-2022-jp"), "iso-2022-jp", "番号 943", []),
        ("番号 943".encode("shift_jis"), "shift_jis", "番号 943", []),
        ("номер 943".encode("koi8-r"), "koi8-r", "номер 943", []),
        ("号码 943".encode("gbk"), "gb2312", "号码 943", []),
        (b"+ADk-43", "utf-7", "943", []),
        (b"caf\xe9", "x-bogus", "café", [("unknown_charset", "x-bogus")]),
        ("café".encode(), "x-bogus", "café", [("unknown_charset", "x-bogus")]),
        (b"\\x39", "unicode_escape", "\\x39", [("unknown_charset", "unicode_escape")]),  # python-only codec refused
        (b"OTQz", "base64", "OTQz", [("unknown_charset", "base64")]),
        # a stray byte in UTF-8 is read as Windows-1252 (a no-break space, "ÿ"); one it lacks is replaced
        (b"943 \xff 476", "utf-8", "943 \u00ff 476", [("corrupt", "bytes not valid in charset utf-8 were replaced")]),
        (b"943\xa0476 \x81", "utf-8", "943\u00a0476 \ufffd", [("corrupt", "bytes not valid in charset utf-8 were replaced")]),
        (b"", "utf-8", "", []),
    ],
)
def test_decode_text(data: bytes, charset: str | None, expected: str, notes: list) -> None:
    assert decode_text(data, charset) == (expected, notes)


# A DOS export's table (box drawing around the cells) and a Mac OS Roman clinic list.
_BOX = ("\u250c" + "\u2500" * 14 + "\u252c" + "\u2500" * 12 + "\u2510\r\n"
        f"\u2502ROE, JANE     \u2502{NHS.replace(' ', '')}  \u2502\r\n"
        "\u2514" + "\u2500" * 14 + "\u2534" + "\u2500" * 12 + "\u2518\r\n")
_DOUBLE_BOX = f"\u2551ROE, JANE\u2551{NHS.replace(' ', '')}\u2551CATARACT\u2551\r\n" * 2
_MAC_LIST = f"Clinic list \u2013 Saturday\r\nJane O\u2019Roe\t{NHS.replace(' ', chr(0xA0))}\tglaucoma\r\n"
_RECORDS = f"{NHS.replace(' ', '')}ROE                 JANE      19420311F UROLOGY   ".ljust(100) * 3


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        # UTF-8 under a single-byte label: read as the UTF-8 it is, not "943Â 476", "943â€“476"
        (NHS.replace(" ", "\u00a0").encode(), "iso-8859-1", NHS.replace(" ", "\u00a0")),
        (NHS.replace(" ", "\u2013").encode(), "windows-1252", NHS.replace(" ", "\u2013")),
        ("Sián, 943\u2009476".encode(), "iso-8859-15", "Sián, 943\u2009476"),
        ("Siân".encode(), "us-ascii", "Siân"),
        # ... and text in the labelled code page stays so
        ("café, 943\u00a0476".encode("cp1252"), "iso-8859-1", "café, 943\u00a0476"),
        ("Łódź 943".encode("cp1250"), "windows-1250", "Łódź 943"),
        # DOS box drawing, labelled Windows-1252 / ISO-8859-1 or not at all: the lines are not "ÄÄÄ", "³"
        (_BOX.encode("cp437"), "iso-8859-1", _BOX),
        (_BOX.encode("cp437"), None, _BOX),
        (_DOUBLE_BOX.encode("cp850"), "windows-1252", _DOUBLE_BOX),
        # Mac OS Roman: its no-break space 0xCA between the digit groups is no "Ê"
        (_MAC_LIST.encode("mac_roman"), None, _MAC_LIST),
        (_MAC_LIST.encode("mac_roman"), "iso-8859-1", _MAC_LIST),
        # Windows-1252 with a letter of those code pages' lines in it stays Windows-1252
        ("RÉSUMÉ \u2013 ÄÄ, ÍÍ, Ê 943\u00a0476\r\n".encode("cp1252"), "iso-8859-1", "RÉSUMÉ \u2013 ÄÄ, ÍÍ, Ê 943\u00a0476\r\n"),
        ("don\u2019t, ÒkÓ 943\u00a0476".encode("cp1252"), None, "don\u2019t, ÒkÓ 943\u00a0476"),
        # EBCDIC: unlabelled (fixed-width records, or NL line ends), and under labels Python lacks
        (_RECORDS.encode("cp037"), None, _RECORDS),
        (_RECORDS.encode("cp500"), None, _RECORDS),
        ("ROE, JANE 943 476 5919 £412.50\r\n".replace("£", "$").encode("cp037"), "IBM285", "ROE, JANE 943 476 5919 £412.50\r\n"),
        ("ROE, JANE [943] £1\r\n".replace("£", "$").replace("[", "\u00b1").encode("cp037").replace(b"\x8f", b"\xb1"),
         "ebcdic-cp-gb", "ROE, JANE [943] £1\r\n"),
        ("ROE, JANE [943]\n".encode("cp037").replace(b"\xba", b"\xad").replace(b"\xbb", b"\xbd"), "IBM-1047", "ROE, JANE [943]\n"),
    ],
)
def test_decode_text_by_what_the_bytes_are(data: bytes, charset: str | None, expected: str) -> None:
    assert decode_text(data, charset)[0] == expected


def test_ebcdic_with_its_line_ends_is_text() -> None:
    data = ("PAS EXTRACT\n" + f"{NHS} ROE, JANE  CYSTOSCOPY\n" * 3).encode("cp037").replace(b"\x25", b"\x15")
    assert looks_like_text(data)
    assert normalise(decode_text(data, None)[0]) == "PAS EXTRACT\n" + f"{NHS} ROE, JANE  CYSTOSCOPY\n" * 3
    assert not looks_like_text(bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a space or a dash in UTF-8 read as Windows-1252 or Latin-1, then written as UTF-8 again
        ("NHS No:\u00c2\u00a0943\u00c2\u00a0476\u00c2\u00a05919", "NHS No: 943 476 5919"),
        ("943\u00e2\u20ac\u201c476\u00e2\u20ac\u201c5919", "943\u2013476\u20135919"),
        ("943\u00e2\u20ac\u2030476", "943 476"),  # thin space
        ("943\u00c2 476\u00c2 5919", "943 476 5919"),  # its no-break space made a space
        # other letters stay as they are
        ("Siân, CHÂ 5, Ä\u00b0, Straße\u201c, \u00c2\u00a35", "Siân, CHÂ 5, Ä°, Straße\u201c, Â£5"),
    ],
)
def test_spaces_read_as_two_or_three_letters_are_read_again(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_lookup_charset_aliases() -> None:
    assert lookup_charset("x-mac-roman") == "mac-roman"
    assert lookup_charset("ISO-8859-15") == "iso8859-15"
    assert lookup_charset("nonsense") is None
    assert lookup_charset("rot13") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("９４３ ４７６ ５９１９", NHS),
        ("943\u200b476\u200c59\u200d19", "9434765919"),
        ("943\u2060476\ufeff5919\u00ad", "9434765919"),
        ("943\u202e476\u202c", "943476"),  # bidi override
        ("943\U000e0041476", "943476"),  # tag character
        ("943\u00a0476", "943 476"),  # NBSP -> space (NFKC)
        ("\u0669\u0664\u0663", "943"),  # Arabic-Indic digits
        ("\u096f\u096a\u0969", "943"),  # Devanagari digits
        ("\U0001d7eb\U0001d7e6\U0001d7e5", "943"),  # mathematical digits
        ("a\r\nb\rc", "a\nb\nc"),
        # every line break is one: Word's manual break saved as text, a form feed, NEL, U+2028/2029
        ("NHS No: 623\x0b651\x0c4674", "NHS No: 623\n651\n4674"),
        ("Practice: Parkside\x0bNHS No", "Practice: Parkside\nNHS No"),
        ("767\x85398\u20281432\u2029é", "767\n398\n1432\né"),
        ("nul\x00byte", "nulbyte"),
        ("ﬁle café", "file café"),
        ("9\u03324\u03323\u0332", "943"),  # underlined "fancy text"
        ("9\u03364\u0336", "94"),  # struck through
        ("9\ufe0f\u20e34\ufe0f\u20e3", "94"),  # keycap emoji
        ("cafe\u0301 n\u0303", "café ñ"),  # marks on letters stay (composed)
        ("\x1b[1mSurname:\x1b[0m SMITH\x1b[K", "Surname: SMITH "),  # a terminal's colours and erasing
        ("\x1b]0;PAS\x07\x1b(BNHS\x1b[4m No\x1b[0m", "NHS No"),  # a window title, a character set
        ("N\bNH\bHS\bS _\bn_\bo", "NHS no"),  # nroff's bold and underline
        ("X\bX\bX\bX", "X"),  # struck four times
        ("\x1b[2J\x1b[3;12HSMITH\x1b[3;2HSurname:\x1b[4;2HNHS:\x1b[4;12H123", " Surname:  SMITH\n NHS:      123"),
        ("\x1b[2J\x1b[1;1Hfirst\x1b[2J\x1b[1;1Hsecond", "first\nsecond"),  # each cleared screen in turn
        # a printer's PCL: a move on the page is a line break, a font's command a space
        ("\x1b(s0p12h3T\x1b*p100x200YNHS Number: 401 023 2137\x1b*p100x320YDiagnosis", " \nNHS Number: 401 023 2137\nDiagnosis"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_terminal_codes_are_linear_on_hostile_input() -> None:
    import time

    for hostile in ("\x1b[" * 50_000, "\x1b]" + "x" * 100_000, "a\b" * 50_000, "\x1b[99999;99999Hx" * 5_000):
        start = time.perf_counter()
        normalise(hostile)
        assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("<b>943</b>&nbsp;476 5919", "943\u00a0476 5919"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>x</li><li>y</li></ul>", "x\ny"),
        ("<h1>T</h1>body", "T\nbody"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td></td><td>d</td></tr></table>", "a\tb\nc\t\td"),
        ("Sp<span>lit</span> <i>it</i><font color=red>al</font>ic", "Split italic"),
        ("<a href='x>y'>link</a> text", "link text"),
        ("x<script>var a='<p>943</p>';</script>y", "xy"),
        ("x<STYLE type=text/css>p{}</STYLE>y", "xy"),
        ("x<!-- 943 -->y", "xy"),
        ("<!DOCTYPE html><?xml x?>ok", "ok"),
        ("&lt;b&gt; &amp; &#57;&#x34;3 &copy;", "<b> & 943 ©"),
        ("a   b\n\n  c", "a b c"),
        ("<pre>a\n  b</pre>", "a\nb"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("x</ 3", "x</ 3"),
        # unclosed constructs: the rest is scanned, not lost
        ("a<!-- 943 476 5919", "a 943 476 5919"),
        ("a<script>943 476 5919", "a943 476 5919"),
        ('a<img alt="943 476 5919', 'a<img alt="943 476 5919'),
    ],
)
def test_html_to_text(doc: str, expected: str) -> None:
    assert html_to_text(doc) == expected


def test_html_is_linear_on_hostile_input() -> None:
    import time

    for doc in ('<a "' * 50_000, "<!--" * 50_000, "<" * 200_000, "<script>" * 50_000, "</" * 100_000):
        t = time.perf_counter()
        html_to_text(doc)
        assert time.perf_counter() - t < 1.0


@pytest.mark.parametrize(
    ("ics", "expected"),
    [
        ("DESCRIPTION:NHS 943 476 59\r\n 19 ok", "DESCRIPTION:NHS 943 476 5919 ok"),
        ("DESCRIPTION:a\n\tb", "DESCRIPTION:ab"),
        ("SUMMARY:a\\, b\\; c\\nd\\Ne\\\\f", "SUMMARY:a, b; c\nd\ne\\f"),
    ],
)
def test_calendar_unfold(ics: str, expected: str) -> None:
    assert unfold(ics) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=?utf-8?q?Zo=C3=AB?=", "Zoë"),
        ("=?UTF-8?B?Wm/Dqw==?=", "Zoë"),
        ("=?utf-8?q?943?= =?utf-8?q?_476?=\r\n =?utf-8?q?_5919?=", "943 476 5919"),
        ("=?utf-8?b?w6k=?= plain =?utf-8?q?x?=", "é plain x"),
        ("=?utf-8?b?w6k?=", "é"),  # missing padding
        ("=?utf-8?b?4oA=?= =?utf-8?b?kw==?=", "–"),  # character split over two words
        ("=?iso-8859-1?q?caf=E9?= =?utf-8?q?_ok?=", "café ok"),
        ("=?x-bogus?q?caf=E9?=", "café"),
        ("=?utf-8*en?q?hi?=", "hi"),
        ("=?iso-8859-1?q?943=E2=80=93476?=", "943\u2013476"),  # UTF-8 under a Latin-1 label: read as UTF-8
        ("=?windows-1252?b?OTQzwqA0NzY=?=", "943\u00a0476"),
        ("no words", "no words"),
        ("=?broken", "=?broken"),
    ],
)
def test_decode_words(value: str, expected: str) -> None:
    assert decode_header_value(value) == expected


def test_decode_header_8bit() -> None:
    raw = "Caf\udcc3\udca9"  # what the bytes parser makes of b"Caf\xc3\xa9"
    assert decode_header_value(raw) == "Café"
    assert decode_words("x") == "x"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("list.csv", "list.csv"),
        ("evil\r\nX-Header: y.csv", "evil X-Header: y.csv"),
        ("a\x00b\tc.txt", "a b c.txt"),
        ("gnp\u202eexe.csv", "gnpexe.csv"),
        ("x" * 150 + ".csv", "x" * 97 + "..."),
        ("", ""),
        # a number in a name, grouped any way the detectors read one, never reaches ``where``
        ("Referral_943_476_5919.txt", "Referral_###_###_####.txt"),
        ("NHS 943  476  5919.pdf", "NHS ### ### ####.pdf"),
        ("(943) 476-5919 & 9/4/3/4/7/6/5/9/1/9", "(###) ###-#### & #/#/#/#/#/#/#/#/#/#"),
        ("\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19.csv", "##########.csv"),
        ("minutes 12.06.2025.docx", "minutes ##.##.####.docx"),  # a date of birth may be in a name
        ("Book1 v1.2.docx", "Book1 v1.2.docx"),
    ],
)
def test_sanitise_name(name: str, expected: str) -> None:
    assert sanitise_name(name) == expected


def test_places_and_problems_never_keep_a_number() -> None:
    from dlpgate.types import Finding, Problem

    sheet = "attachment list.xlsx, sheet Roe 943_476_5919"
    assert Finding("d", "nhs_number", sheet, 1).where == "attachment list.xlsx, sheet Roe ###_###_####"
    problem = Problem("too_large", sheet, "member 'a/943-476-5919.csv' expands past 100 bytes")
    assert problem.where.endswith("###_###_####") and "###-###-####" in problem.detail


@pytest.mark.parametrize(
    ("name", "ext"),
    [
        ("List.CSV", "csv"),
        ("a.tar.gz", "gz"),
        ("noext", ""),
        ("trailing.csv. ", "csv"),
        (".hidden", "hidden"),
        ("x.", ""),
    ],
)
def test_extension(name: str, ext: str) -> None:
    assert extension(name) == ext


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain text 943", True),
        ("Zoë".encode(), True),
        ("NHS".encode("utf-16-le"), True),
        (b"%PDF-1.4 text-looking", False),
        (b"\x89PNG\r\n\x1a\n", False),
        (b"PK\x03\x04", False),
        (bytes(range(256)), False),
        (b"", False),
        # zero bytes in one lane, but as UTF-16 no text: an ASCII header read two bytes at a
        # time, then binary (a MATLAB .mat file's layout)
        (b"MATLAB 5.0 MAT-file, Platform: PCWIN64, Created on: Tue May 14 10:12:03 2024" + b" " * 40
         + b"\x00" * 8 + b"\x00\x01IM" + b"\x0e\x00\x00\x00x\x03\x00\x00" + "Name Age NHS 4010232137 ".encode("utf-16-le") * 8, False),
        ("Name Age NHS 4010232137\r\n".encode("utf-16-le") * 8, True),
    ],
)
def test_looks_like_text(data: bytes, expected: bool) -> None:
    assert looks_like_text(data) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Jo,\r\nNHS 943 476 5919\tWard 7\x0c\x1b[1mbold\x1b[0m N\bN", False),
        ("2024-05-14 INFO started\r\n" + "\x00" * 300 + "2024-05-14 INFO done", False),  # a log padded with NULs
        ("你好，这是一个测试。病人的编号是九四三。" * 40, False),
        ("ありがとうございます。よろしくおねがいします。" * 40, False),  # kana: low bytes printable, but left out
        ("╔" + "═" * 60 + "╗\n║ Clinic list ║\n" + "…" * 40, False),  # one character repeated
        ("x" * 200 + "\x01\x02\x03\x04\x05", True),  # controls: more than 2%
        (bytes(range(256)).decode("latin-1") * 4, True),
        ("Caf\ufffd \ufffd\ufffd \x81\x8d NHS 943", False),  # what a wrong 8-bit label makes of text: its words still read
        (b"Patient: Jane Roe, NHS number 943 476 5919, Ward 7".decode("utf-16-le", "replace"), True),  # ASCII as UTF-16
        (b"Patient: Jane Roe, NHS number 943 476 5919, Ward 7".decode("utf-16-be", "replace"), True),
    ],
)
def test_garbled_text_is_told_by_its_characters(text: str, expected: bool) -> None:
    assert garbled(text) is expected


def _tidy_by_regex(joined: str) -> str:
    """The white-space rules of html_to_text written as regular expressions: the reference."""
    import html as html_mod
    import re

    joined = re.sub(r"[ \t\r\n\f]+", " ", joined)
    joined = html_mod.unescape(joined)
    # a cell's own paragraph breaks no row: breaks right inside a cell's edges go
    joined = re.sub("(\x01)[ \x00]+|[ \x00]+(\x02)", r"\1\2", joined).replace("\x02", "")
    joined = joined.replace("\x00", "\n").replace("\x01", "\t")
    joined = re.sub(r" {2,}", " ", joined)
    joined = re.sub(r" *\t *", "\t", joined)
    joined = re.sub(r" *\n[ \n]*", "\n", joined).replace("\n\t", "\n")
    return joined.strip()


_TIDY_ALPHABET = " \t\r\n\f\x00\x01\x02\xa0ab&;#9x0"


@given(st.text(alphabet=_TIDY_ALPHABET, max_size=60) | st.text(max_size=40))
@settings(max_examples=3000, deadline=None)
def test_html_white_space_rules_match_the_regular_expression_reference(joined: str) -> None:
    from dlpgate.mime.formats.html import _tidy

    assert _tidy(joined) == _tidy_by_regex(joined)


_TIDY_TOKENS = [" ", "  ", "\t", "\n", "\r\n", "\x00", "\x01", "\x02", "\xa0", "a", "b c", "&amp;", "&#9;", "&#10;",
                "&#32;", "&Tab;", "&NewLine;", "&nbsp;", "&#x20;&#x20;", "&", "\f", "\v", "\u2028"]


@given(st.lists(st.sampled_from(_TIDY_TOKENS), max_size=30))
@settings(max_examples=3000, deadline=None)
def test_html_white_space_rules_match_the_reference_on_entities_and_markers(tokens: list[str]) -> None:
    from dlpgate.mime.formats.html import _tidy

    joined = "".join(tokens)
    assert _tidy(joined) == _tidy_by_regex(joined)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("PatientName", "patient name"), ("pt_name", "pt name"), ("txtPatientName", "patient name"),
        ("Patient.Name", "patient name"), ("PATIENT_NAME", "patient name"), ("dob_1", "dob"), ("NHSNo", "nhs no"),
        ("NHSNumber", "nhs number"), ("chk_Diabetes", "diabetes"), ("TXT_SURNAME", "surname"),
        ("form1[0].#subform[0].DateOfBirth[0]", "date of birth"), ("fldGP-Practice", "gp practice"),
        ("ICD10Code", "icd 10 code"), ("CBTReferral", "cbt referral"), ("Name", "Name"), ("txt", "txt"),
    ],
)
def test_a_fields_name_reads_as_its_words(name: str, words: str) -> None:
    from dlpgate.mime.text import label_words

    assert label_words(name) == words


@pytest.mark.parametrize(
    ("name", "separators", "words"),
    [
        ("nhsNumber", "", "nhs Number"), ("NHSNumber", "", "NHS Number"), ("PONumber", "", "PO Number"),
        ("Address2Line", "", "Address2 Line"), ("nhs_number", "_-", "nhs number"), ("date-of-birth", "_-", "date of birth"),
        ("Patient.NHSNo", "_-.", "Patient NHS No"), ("NHS", "", "NHS"), ("lower", "", "lower"),
    ],
)
def test_camel_case_names_split_where_their_words_run_together(name: str, separators: str, words: str) -> None:
    from dlpgate.mime.text import camel_words

    assert camel_words(name, separators) == words
