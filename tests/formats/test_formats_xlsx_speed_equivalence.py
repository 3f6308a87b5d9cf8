"""The fast xlsx sheet reader gives exactly what the cell-by-cell reader gave.

Every expected value below was captured from the cell-by-cell reader (before
the bulk fast path was added) on the same generated workbooks, then checked by
hand against the cell values: NHS numbers stored as numbers come out as their
digits, digit-placeholder formats are applied, date styles become ISO dates,
shared strings (rich runs concatenated, phonetic runs dropped) and inline
strings come out flattened to one line, gaps between columns are kept as
empty cells and trailing empty cells are dropped.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import random
import zipfile

import pytest

from dlpgate.mime.formats import ExtractContext
from dlpgate.mime.formats import xlsx as xlsx_mod
from dlpgate.types import Limits, Problem, Segment
from tests.formats import docs

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def run(data: bytes, name: str = "book.xlsx") -> list[tuple]:
    """What the sheet reader yields, as plain tuples (the package's other parts are tested elsewhere)."""
    ctx = ExtractContext(Limits(), 0, None, docs.OCTET, None, None, None)
    out: list[tuple] = []
    for item in xlsx_mod.extract(data, name, f"attachment {name}", ctx):
        if isinstance(item, Segment):
            if ", sheet " not in item.where or not item.tabular:
                continue
            out.append(("segment", item.where, item.text, item.tabular))
        else:
            assert isinstance(item, Problem)
            out.append(("problem", item.reason, item.where, item.detail, item.severe))
    return out


def package(sheets: list[tuple[str, str]], shared: str | None = None, styles: str | None = None) -> bytes:
    """A workbook written part by part: sheets as (name, worksheet XML)."""
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
        + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Target="worksheets/sheet{i + 1}.xml" Type="ws"/>'
            for i in range(len(sheets))
        )
        + "</Relationships>",
    }
    for i, (_, xml) in enumerate(sheets):
        files[f"xl/worksheets/sheet{i + 1}.xml"] = xml
    if shared is not None:
        files["xl/sharedStrings.xml"] = shared
    if styles is not None:
        files["xl/styles.xml"] = styles
    return docs.zip_of(files)


def worksheet(rows: str, prefix: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}" xmlns:r="{REL}">'
        f'<dimension ref="A1:Z9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>{prefix}'
        f'<sheetData>{rows}</sheetData><pageMargins left="0.7"/></worksheet>'
    )


STYLES = (
    f'<styleSheet xmlns="{NS}"><numFmts count="4">'
    '<numFmt numFmtId="164" formatCode="000 000 0000"/>'
    '<numFmt numFmtId="165" formatCode="0000000000"/>'
    '<numFmt numFmtId="166" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="167" formatCode="0.00"/>'
    "</numFmts><cellXfs>"
    '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
    '<xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="49"/><xf numFmtId="22"/>'
    "</cellXfs></styleSheet>"
)

SHARED = (
    f'<sst xmlns="{NS}" count="9" uniqueCount="9">'
    "<si><t>NHS number</t></si>"  # 0
    "<si><t>Surname</t></si>"  # 1
    '<si><r><rPr><b/></rPr><t>943 476</t></r><r><t xml:space="preserve"> 5919</t></r></si>'  # 2 rich runs
    '<si><t>山田</t><rPh sb="0" eb="2"><t>やまだ</t></rPh><phoneticPr fontId="1"/></si>'  # 3 phonetic
    '<si><t xml:space="preserve">  two\tcells\nline  </t></si>'  # 4 tab and newline
    "<si><t>Smith &amp; Sons &lt;Ltd&gt;</t></si>"  # 5 entities
    "<si><t/></si>"  # 6 empty
    "<si><t>Date of birth</t></si>"  # 7
    "<si><t>0101011234</t></si>"  # 8 a number stored as text
    "</sst>"
)


def book_shared() -> bytes:
    """Shared and inline strings, every cell type, styles, formulas with cached values, gaps."""
    rows = (
        # header: shared strings, a gap at C
        '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="D1" t="s"><v>7</v></c></row>'
        # numbers as numbers, rich and phonetic shared strings, a date, a boolean
        '<row r="2" spans="1:6"><c r="A2"><v>9434765919</v></c><c r="B2" t="s"><v>2</v></c>'
        '<c r="C2" t="s"><v>3</v></c><c r="D2" s="1"><v>25569</v></c><c r="E2" t="b"><v>1</v></c></row>'
        # placeholder formats, E notation, a styled float, text-number, tab/newline string
        '<row r="3"><c r="A3" s="2"><v>9434765919</v></c><c r="B3" s="3"><v>101011234</v></c>'
        '<c r="C3"><v>9.434765919E9</v></c><c r="D3" s="5"><v>12.5</v></c><c r="E3" t="s"><v>8</v></c>'
        '<c r="F3" t="s"><v>4</v></c></row>'
        # inline strings (plain, preserved, rich), booleans false, error, str formula, ISO date
        '<row r="4"><c r="A4" t="inlineStr"><is><t>Inline &amp; plain</t></is></c>'
        '<c r="B4" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>'
        '<c r="C4" t="inlineStr"><is><r><t>Rich</t></r><r><rPr><i/></rPr><t> inline</t></r></is></c>'
        '<c r="D4" t="b"><v>0</v></c><c r="E4" t="e"><v>#N/A</v></c>'
        '<c r="F4" t="str"><f>A4&amp;"x"</f><v>Inline &amp; plainx</v></c>'
        '<c r="G4" t="d"><v>2021-05-06T00:00:00</v></c></row>'
        # formulas with cached values (plain, shared, styled date), empty styled cells, far column
        '<row r="5"><c r="A5"><f>SUM(1,2)</f><v>3</v></c><c r="B5"><f t="shared" ref="B5:B6" si="0">A5*2</f><v>6</v></c>'
        '<c r="C5" s="1"><f>DATE(2020,1,2)</f><v>43832</v></c><c r="D5" s="3"/><c r="E5" s="3"/>'
        '<c r="AA5" t="s"><v>5</v></c></row>'
        '<row r="6"><c r="A6"><f>A5+1</f><v>4</v></c><c r="B6"><f t="shared" si="0"/><v>8</v></c></row>'
        # out-of-range and empty shared string, empty values, t before s (read the long way), 5.0
        '<row r="7"><c r="A7" t="s"><v>99</v></c><c r="B7" t="s"><v>6</v></c><c r="C7"><v></v></c>'
        '<c r="D7" t="n" s="1"><v>36526.5</v></c><c r="E7"><v>5.0</v></c><c r="F7" s="0"><v>5.0</v></c>'
        '<c r="G7" s="7"><v>44197.75</v></c></row>'
        # an empty row, a row of empty cells only, a self-closing row
        '<row r="8"/><row r="9"><c r="A9" s="3"/><c r="B9" t="s"><v>6</v></c></row>'
        # a row starting at column C; date-format custom; numbers as text via style 49
        '<row r="10"><c r="C10" s="4"><v>25569</v></c><c r="D10" s="6"><v>123</v></c>'
        '<c r="E10" t="n"><v>1.0E+21</v></c><c r="F10"><v>-0</v></c></row>'
    )
    prefixed = (
        f'<x:worksheet xmlns:x="{NS}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1"><x:v>4444444444</x:v></x:c></x:row>'
        '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    pretty = (
        f'<worksheet xmlns="{NS}">\n  <sheetData>\n'
        '    <row r="1">\n      <c r="A1" t="s"><v>0</v></c>\n      <c r="B1"><v>1</v></c>\n    </row>\n'
        '    <row r="2">\n      <c r="A2">\n        <v>2</v>\n      </c>\n      <c r="B2"><v>3</v></c>\n    </row>\n'
        "  </sheetData>\n</worksheet>\n"
    )
    return package(
        [("Mixed", worksheet(rows)), ("Prefixed", prefixed), ("Pretty", pretty), ("Empty", worksheet(""))],
        shared=SHARED,
        styles=STYLES,
    )


def book_openpyxl() -> bytes:
    """What openpyxl writes: t="n" numbers, inline strings, styles, several sheets."""
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = Workbook()
    ws = wb.active
    ws.title = "Patients"
    ws.append(["NHS number", "Surname", "Date of birth", "Seen", "Score", "Notes"])
    ws.append([9434765919, "Smith", datetime.date(1970, 3, 1), datetime.datetime(2021, 5, 6, 13, 45), 0.5, None])
    ws.append([4010232137.0, "O'Neil & Co", datetime.date(1981, 7, 9), True, -3, "tab\there"])
    ws.append(["0101011234", None, None, None, None, "line1\nline2"])
    ws.append([None, None, None, None, None, None])
    ws.append([1e20, 1.5e-7, 12345678901234567890, False, "=A2*2", "last"])
    ws["H3"] = "far right"
    ws["B8"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold"), " end"])
    fmt = wb.create_sheet("Formats")
    fmt.append(["CHI spaced", "CHI", "Too long", "Date", "Text"])
    fmt.append([101011234, 101011234, 123456789012, datetime.date(2000, 2, 29), "x"])
    fmt.append([9434765919, 1, 5.0, 45000, "y"])
    for r in (2, 3):
        fmt.cell(row=r, column=1).number_format = "000 000 0000"
        fmt.cell(row=r, column=2).number_format = "0000000000"
        fmt.cell(row=r, column=3).number_format = "0000-0000"
        fmt.cell(row=r, column=4).number_format = "dd/mm/yyyy"
    wb.create_sheet("Blank")
    sparse = wb.create_sheet("Sparse")
    sparse["C2"] = "c2"
    sparse["AB2"] = 7
    sparse["A5"] = datetime.time(12, 30)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def big_rows(n: int, seed: int = 3) -> str:
    """Many rows of varying shape: missing cells, formulas, odd rows and comments now and then."""
    rng = random.Random(seed)
    out = [
        '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>7</v></c></row>'
    ]
    for r in range(2, n + 2):
        kind = rng.random()
        cells = []
        if rng.random() > 0.05:
            cells.append(f'<c r="A{r}"><v>{rng.randint(4000000000, 4999999999)}</v></c>')
        if rng.random() > 0.1:
            cells.append(f'<c r="B{r}" t="s"><v>{rng.randint(0, 9)}</v></c>')
        if rng.random() > 0.5:
            cells.append(f'<c r="C{r}" s="3"><v>{rng.randint(1, 999999999)}</v></c>')
        cells.append(f'<c r="D{r}" s="1"><v>{rng.randint(10000, 45000)}</v></c>')
        if kind < 0.02:
            cells.append(f'<c r="E{r}"><f>A{r}+1</f><v>{rng.randint(0, 99)}</v></c>')
        elif kind < 0.03:
            cells.append(f'<c r="E{r}" t="inlineStr"><is><t>note {r} &amp; more</t></is></c>')
        elif kind < 0.035:
            cells.append(f'<c r="E{r}" s="3" t="s"><v>{rng.randint(0, 12)}</v></c>')
        elif kind < 0.036:
            cells.append(f'<c t="s" r="E{r}"><v>5</v></c>')  # attributes in an unusual order
        elif kind < 0.037:
            cells.append(f'<!-- skipped {r} --><c r="E{r}"><v>{r}</v></c>')
        elif kind < 0.038:
            cells.append(f'<c r="E{r}" t="inlineStr"><is><r><t>rich {r}</t></r></is></c>')
        elif kind < 0.05:
            cells.append(f'<c r="E{r}" s="3"/>')
        if rng.random() < 0.3:
            cells.append(f'<c r="F{r}" t="s"><v>{rng.choice([2, 3, 4, 5, 6, 8])}</v></c>')
        out.append(f'<row r="{r}" spans="1:6">' + "".join(cells) + "</row>")
    return "".join(out)


def book_big(n: int = 120_000) -> bytes:
    return package(
        [("Big", worksheet(big_rows(n))), ("Small", worksheet('<row r="1"><c r="A1"><v>1</v></c></row>'))],
        shared=SHARED,
        styles=STYLES,
    )


def digest(items: list[tuple]) -> str:
    return hashlib.sha256(repr(items).encode()).hexdigest()


# --- expected values, captured from the cell-by-cell reader -------------------------------

MIXED = (
    "NHS number\tSurname\t\tDate of birth\n"
    "9434765919\t943 476 5919\t山田\t1970-01-01\tTRUE\n"
    "943 476 5919\t0101011234\t9434765919\t12.5\t0101011234\t  two cells line  \n"
    "Inline & plain\t padded \tRich inline\tFALSE\t#N/A\tInline & plainx\t2021-05-06T00:00:00\n"
    "3\t6\t2020-01-02" + "\t" * 24 + "Smith & Sons <Ltd>\n"
    "4\t8\n"
    "\t\t\t2000-01-01T12:00:00\t5.0\t5\t2021-01-01T18:00:00\n"
    "\t\t1970-01-01\t123\t1.0E+21\t-0"
)


def test_shared_inline_styles_formulas_and_gaps() -> None:
    assert run(book_shared()) == [
        ("segment", "attachment book.xlsx, sheet Mixed", MIXED, True),
        ("segment", "attachment book.xlsx, sheet Prefixed", "NHS number\t\t4444444444\n\tprefixed", True),
        ("segment", "attachment book.xlsx, sheet Pretty", "NHS number\t1\n2\t3", True),
    ]


def test_workbook_written_by_openpyxl() -> None:
    assert run(book_openpyxl()) == [
        (
            "segment",
            "attachment book.xlsx, sheet Patients",
            "NHS number\tSurname\tDate of birth\tSeen\tScore\tNotes\n"
            "9434765919\tSmith\t1970-03-01\t2021-05-06T13:45:00\t0.5\n"
            "4010232137\tO'Neil & Co\t1981-07-09\tTRUE\t-3\ttab here\t\tfar right\n"
            "0101011234\t\t\t\t\tline1 line2\n"
            "1e+20\t1.5e-07\t12345678901234569216\tFALSE\tA2*2\tlast\n"
            "\tplain bold end",
            True,
        ),
        (
            "segment",
            "attachment book.xlsx, sheet Formats",
            "CHI spaced\tCHI\tToo long\tDate\tText\n"
            "010 101 1234\t0101011234\t123456789012\t2000-02-29\tx\n"
            "943 476 5919\t0000000001\t0000-0005\t2023-03-15\ty",
            True,
        ),
        ("segment", "attachment book.xlsx, sheet Sparse", "\t\tc2" + "\t" * 25 + "7\n12:30:00", True),
    ]


def test_long_sheet_of_varying_rows_is_cut_into_segments_with_the_header() -> None:
    out = run(book_big())
    shape = [(o[0], o[1], len(o[2]), o[2].count("\n")) for o in out]
    assert shape == [
        ("segment", "attachment book.xlsx, sheet Big", 2022535, 49999),
        ("segment", "attachment book.xlsx, sheet Big", 2021628, 49999),
        ("segment", "attachment book.xlsx, sheet Big", 807976, 20002),
        ("segment", "attachment book.xlsx, sheet Small", 1, 0),
    ]
    first, second = out[0][2], out[1][2]
    assert first.startswith(
        "NHS number\tSurname\t\tDate of birth\n"
        "4397236329\tDate of birth\t0070361079\t1929-09-26\n"
        "4205883657\tDate of birth\t0590161974\t2012-11-05\n"
        "4162803281\t0101011234\t\t1930-02-03\n"
        "4634688346\t\t0884302097\t1975-09-20\n"
    )
    assert second.startswith(
        "NHS number\tSurname\t\tDate of birth\n"
        "4331839235\t山田\t0193723704\t1973-12-22\n"
        "4463677232\tNHS number\t\t2018-11-13\tnote 50002 & more\n"
    )
    assert digest(out) == "4d1c93364c469b041ea8cf2448d20422f520090ffaadcf0b0902d77537979aa7"


# Malformed parts.  A damaged sharedStrings/styles/workbook part is refused by lxml and the
# attachment is reported corrupt; the sheet XML itself is read leniently, as it always was.
def _sheet(rows: str) -> bytes:
    return package([("S", worksheet(rows))], shared=SHARED, styles=STYLES)


@pytest.mark.parametrize(
    "data, segments",
    [
        (
            package([("S", worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v>')[:-60])]),
            ["1"],
        ),
        (package([("S", "this is <<< not xml &&& <row r=1><c r=A1><v>5</v></c></row>")]), []),
        (
            _sheet(
                '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</row><row r="2"><c r="A2" t="s"><v>0</v></c></row>'
            ),
            ['1\t2</row><row r="2"><c r="A2" t="s"><v>0'],
        ),
    ],
)
def test_damaged_sheet_xml_is_read_as_before(data: bytes, segments: list[str]) -> None:
    assert [o[2] for o in run(data)] == segments


@pytest.mark.parametrize(
    "files",
    [
        {"xl/sharedStrings.xml": "<sst><si><t>x</t></si"},
        {"xl/styles.xml": "<styleSheet><cellXfs>"},
        {"xl/workbook.xml": "<workbook><sheets>"},
        {"xl/workbook.xml": None},
    ],
)
def test_damaged_parts_are_a_corrupt_problem(files: dict) -> None:
    raw = zipfile.ZipFile(io.BytesIO(_sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')))
    parts = {n: raw.read(n) for n in raw.namelist()}
    for name, text in files.items():
        if text is None:
            del parts[name]
        else:
            parts[name] = text
    parsed = docs.parse_attachment("b.xlsx", docs.zip_of(parts), docs.XLSX)
    assert docs.problems(parsed) == {("corrupt", "attachment b.xlsx", True)}
    # No sheet is read; without a workbook the package's other parts are still read as XML.
    assert not [s for s in parsed.segments if "b.xlsx, sheet" in s.where]
    assert docs.problems(docs.parse_attachment("b.xlsx", b"PK\x03\x04garbage" * 10, docs.XLSX)) == {
        ("corrupt", "attachment b.xlsx", True)
    }


def book_shapes() -> bytes:
    """Regular rows of every cell form, with odd rows in between."""
    regular = (
        '<row r="{r}"><c r="A{r}"><v>94347659{r:02d}</v></c><c r="B{r}" t="s"><v>{s}</v></c>'
        '<c r="C{r}" t="inlineStr"><is><t>note {r} &amp; co</t></is></c><c r="D{r}" s="1" t="n"><v>{d}</v></c>'
        '<c r="E{r}"><f>A{r}*2</f><v>{f}</v></c></row>'
    )
    rows = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>Notes</t></is></c><c r="D1" t="s"><v>7</v></c></row>'
    ]
    for r in range(2, 40):
        if r == 10:
            rows.append(
                '<row r="10"><c r="A10" s="2"><v>101011234</v></c><c r="C10" t="inlineStr">'
                '<is><t xml:space="preserve">x\ty </t></is></c><c r="D10" s="4"><v>25569</v></c>'
                '<c r="E10"><f t="shared" si="0"/><v>7</v></c><c r="F10" s="3"/></row>'
            )
        elif r == 15:
            rows.append(
                '<!-- <row r="15"><c r="A15"><v>1</v></c></row> --><row r="15"><c t="s" r="A15"><v>5</v></c></row>'
            )
        elif r == 20:
            rows.append('<row r="20"><c r="A20"><v>1\t2</v></c><c r="B20" t="s"><v>6</v></c></row>')
        elif r == 25:
            rows.append('<row r="25"><c r="B25" t="s"><v>3</v></c></row><c r="C25"><v>floating</v></c>')
        elif r == 30:
            rows.append('<row r="30"/><row r="31"><c r="A31" s="3"/></row>')
        elif r == 31:
            continue
        else:
            rows.append(regular.format(r=r, s=r % 9, d=20000 + r * 400, f=r * 3))
    return package([("Shapes", worksheet("".join(rows)))], shared=SHARED, styles=STYLES)


BIG_30K = "e878755b369fa9690be7c779abd499dfcc1281c17fa0d6418bccf7ff85c554c0"  # book_big(30_000)

SHAPES = [
    "NHS number\tSurname\tNotes\tDate of birth",
    "9434765902\t943 476 5919\tnote 2 & co\t1956-12-11\t6",
    "9434765903\t山田\tnote 3 & co\t1958-01-15\t9",
    "9434765904\t  two cells line  \tnote 4 & co\t1959-02-19\t12",
    "9434765905\tSmith & Sons <Ltd>\tnote 5 & co\t1960-03-25\t15",
    "9434765906\t\tnote 6 & co\t1961-04-29\t18",
    "9434765907\tDate of birth\tnote 7 & co\t1962-06-03\t21",
    "9434765908\t0101011234\tnote 8 & co\t1963-07-08\t24",
    "9434765909\tNHS number\tnote 9 & co\t1964-08-11\t27",
    "010 101 1234\t\tx y \t1970-01-01\t7",
    "9434765911\t943 476 5919\tnote 11 & co\t1966-10-20\t33",
    "9434765912\t山田\tnote 12 & co\t1967-11-24\t36",
    "9434765913\t  two cells line  \tnote 13 & co\t1968-12-28\t39",
    "9434765914\tSmith & Sons <Ltd>\tnote 14 & co\t1970-02-01\t42",
    "1",
    "Smith & Sons <Ltd>",
    "9434765916\tDate of birth\tnote 16 & co\t1972-04-11\t48",
    "9434765917\t0101011234\tnote 17 & co\t1973-05-16\t51",
    "9434765918\tNHS number\tnote 18 & co\t1974-06-20\t54",
    "9434765919\tSurname\tnote 19 & co\t1975-07-25\t57",
    "1\t2",
    "9434765921\t山田\tnote 21 & co\t1977-10-02\t63",
    "9434765922\t  two cells line  \tnote 22 & co\t1978-11-06\t66",
    "9434765923\tSmith & Sons <Ltd>\tnote 23 & co\t1979-12-11\t69",
    "9434765924\t\tnote 24 & co\t1981-01-14\t72",
    "\t山田",
    "\t\tfloating\t9434765926\t0101011234\tnote 26 & co\t1983-03-25\t78",
    "9434765927\tNHS number\tnote 27 & co\t1984-04-28\t81",
    "9434765928\tSurname\tnote 28 & co\t1985-06-02\t84",
    "9434765929\t943 476 5919\tnote 29 & co\t1986-07-07\t87",
    "9434765932\tSmith & Sons <Ltd>\tnote 32 & co\t1989-10-19\t96",
    "9434765933\t\tnote 33 & co\t1990-11-23\t99",
    "9434765934\tDate of birth\tnote 34 & co\t1991-12-28\t102",
    "9434765935\t0101011234\tnote 35 & co\t1993-01-31\t105",
    "9434765936\tNHS number\tnote 36 & co\t1994-03-07\t108",
    "9434765937\tSurname\tnote 37 & co\t1995-04-11\t111",
    "9434765938\t943 476 5919\tnote 38 & co\t1996-05-15\t114",
    "9434765939\t山田\tnote 39 & co\t1997-06-19\t117",
]


def test_rows_of_every_form_with_odd_rows_between() -> None:
    # Row 10: placeholder format, a missing cell, a preserved inline string with a tab,
    # a custom date format, a shared formula, a trailing empty styled cell.  Row 15 is
    # preceded by a commented-out row (read too) and has its attributes in another
    # order.  Row 20 has a raw tab in a value followed by an empty shared string; a
    # cell outside any row joins the next row; rows 30 and 31 have nothing in them.
    assert run(book_shapes()) == [("segment", "attachment book.xlsx, sheet Shapes", "\n".join(SHAPES), True)]


@pytest.mark.parametrize("read_size", [None, 4096, 97])
@pytest.mark.parametrize("index_max", [None, 0])
def test_same_text_whatever_the_read_size_and_shared_string_lookup(monkeypatch, read_size, index_max) -> None:
    """Chunks cut in other places, and shared strings looked up by number rather than by text."""
    if index_max is not None:
        monkeypatch.setattr(xlsx_mod, "SHARED_INDEX_MAX", index_max)
    if read_size is not None:
        read = zipfile.ZipExtFile.read
        monkeypatch.setattr(
            zipfile.ZipExtFile, "read", lambda self, n=-1: read(self, min(n, read_size) if n > 0 else n)
        )
    assert run(book_shapes()) == [("segment", "attachment book.xlsx, sheet Shapes", "\n".join(SHAPES), True)]
    if read_size != 97:  # 97-byte reads of a 20 MB sheet take a while
        assert (
            digest(run(book_big(30_000 if read_size else 120_000)))
            == {
                30_000: BIG_30K,
                120_000: "4d1c93364c469b041ea8cf2448d20422f520090ffaadcf0b0902d77537979aa7",
            }[30_000 if read_size else 120_000]
        )


def test_regular_rows_are_read_in_bulk(monkeypatch) -> None:
    """The fast path is taken: only the odd rows of the long sheet are read cell by cell."""
    calls = []
    cells_to_lines = xlsx_mod._cells_to_lines

    def counted(matches, row, book):
        matches = list(matches)
        calls.append(len(matches))
        return cells_to_lines(matches, row, book)

    monkeypatch.setattr(xlsx_mod, "_cells_to_lines", counted)
    run(book_big())
    assert sum(calls) < 0.05 * 120_000 * 5  # cells read one by one: under 5% of them


def test_a_cell_that_cannot_be_read_stops_the_sheet_where_it_did(monkeypatch) -> None:
    """A shared-string number in superscript digits ("²".isdigit(), but int() refuses it)
    raises, after the segments before it have been given out; the caller reports the
    attachment corrupt."""
    monkeypatch.setattr(xlsx_mod, "ROWS_PER_SEGMENT", 2)
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>{r % 3}</v></c></row>' for r in range(1, 8)
    )
    rows += '<row r="8"><c r="A8" t="s"><v>\u00b2</v></c></row><row r="9"><c r="A9"><v>9</v></c></row>'
    data = package([("S", worksheet(rows))], shared=SHARED, styles=STYLES)
    ctx = ExtractContext(Limits(), 0, None, docs.OCTET, None, None, None)
    got = []
    with pytest.raises(ValueError):
        for item in xlsx_mod.extract(data, "book.xlsx", "attachment book.xlsx", ctx):
            got.append(item.text)
    assert got == [
        "1\tSurname\n2\t943 476 5919",
        "1\tSurname\n3\tNHS number",
        "1\tSurname\n4\tSurname",
        "1\tSurname\n5\t943 476 5919",
        "1\tSurname\n6\tNHS number",
        "1\tSurname\n7\tSurname",
    ]
    parsed = docs.parse_attachment("b.xlsx", data, docs.XLSX)
    assert ("corrupt", "attachment b.xlsx", True) in docs.problems(parsed)


def test_a_number_written_with_a_character_reference_is_still_its_digits() -> None:
    # "&#57;" is "9": XML writers may escape any character, and the number must not hide.
    one = '<row r="{r}"><c r="A{r}"><v>&#57;434765919</v></c><c r="B{r}" t="s"><v>0</v></c></row>'
    rows = "".join(one.format(r=r) for r in range(1, 400))  # enough rows for the bulk path too
    shared = f'<sst xmlns="{NS}"><si><t>Smith</t></si></sst>'
    out = run(package([("Patients", worksheet(rows))], shared=shared))
    lines = out[0][2].splitlines()
    assert len(lines) == 399 and set(lines) == {"9434765919\tSmith"}
