"""UN/EDIFACT interchanges: NHS pathology reports to GPs (NHS003, ``MEDRPT``), registration
links (``FHSREG``), a supplier's ``INVOIC``, ``ORDERS`` or ``DESADV``; every segment read as a line.

An interchange is segments ended by ``'``, data elements parted by ``+``, components by
``:``, ``?`` releasing the next character (``ST JAMES?'S``); a ``UNA`` service string
advice at the start may name other characters. Read as plain text, the ``+`` before a
number looks like a dialling prefix and the qualifiers that say what a value is (``OPI``:
the NHS number, ``329``: a date of birth, ``ON``: an order number) are noise. Here the
segments this module knows read as what they say, in the words the detectors read::

    PNA+PAT+6004108235:OPI+++SU:HARTNELL+FO:MAUREEN+TI:MRS'
                               Patient: MRS MAUREEN HARTNELL, NHS number: 6004108235
    DTM+329:19480312:102'      Date of birth: 12/03/1948
    RFF+ON:4500123458'         Order number: 4500123458
    BGM+380+7412589601+9'      Invoice number: 7412589601; 9
    FTX+CID+++LOW HB?: IRON'   Clinical information: LOW HB: IRON
    PIA+1+7022649654:SA'       Supplier's article number: 7022649654

and any other segment keeps its values, its elements parted by "; " (``UNH 1; ORDERS:D:96A:UN:EAN008``),
so no number gains a ``+`` before it and none is left out. The qualifiers named are the
NHS003 guide's (patient, requester, specimen and report references, free text) and the
commerce ones of the UN code lists that suppliers' invoices and orders carry; a qualifier
not named reads as the neutral line, as its value did before (an unknown reference's number
is not taken for an order number).

An interchange is known by its start (``UNA``, ``UNB+``, ``UNH+``) under any label; segments
pasted into a mail are read in place (:func:`pasted`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from dlpgate.mime.formats import text as plain
from dlpgate.mime.sniff import EDIFACT_START
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# An interchange's start, as the sniffer knows it: a service string advice ("UNA:+.? '":
# component and element separators, decimal mark, release character, a reserved space,
# segment terminator), or the interchange or message header.
START = re.compile(EDIFACT_START.pattern.decode("ascii"))


class Syntax(NamedTuple):
    component: str
    element: str
    release: str  # "" when the interchange has none
    terminator: str


DEFAULT = Syntax(":", "+", "?", "'")


def syntax(text: str) -> Syntax:
    """The service characters a ``UNA`` at the start of ``text`` names, else the defaults."""
    stripped = text.lstrip(" \t\r\n\ufeff")
    if not stripped.startswith("UNA") or len(stripped) < 9:
        return DEFAULT
    advice = stripped[3:9]  # component, element, decimal mark, release, reserved, terminator
    release = advice[3]
    return Syntax(advice[0], advice[1], "" if release == " " else release, advice[5])


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = plain.decode(data, where, ctx)
    if START.match(text.lstrip("\ufeff")) is None:  # labelled EDIFACT (or named .edi) but another text: read as text
        yield from plain.extract(data, name, where, ctx)
        return
    yield from problems
    rendered = "\n".join(read_segments(text, ctx))
    yield Segment(rendered, where)
    yield from plain.base64_files(rendered, where, ctx)


def read_segments(text: str, ctx: ExtractContext | None = None) -> list[str]:
    """An interchange's segments, one line each (module docstring). Line breaks are no part
    of the syntax (files wrap long segments at 80 characters): they are taken out."""
    syn = syntax(text)
    body = text.lstrip(" \t\r\n\ufeff")
    if body.startswith("UNA"):
        body = body[9:]
    body = body.replace("\r", "").replace("\n", "")
    out = []
    for n, raw in enumerate(_parts(body, syn.terminator, syn.release)):
        if ctx is not None and n % 2048 == 2047:
            ctx.check_deadline()
        line = segment_line(raw, syn)
        if line:
            out.append(line)
    return out


def _parts(value: str, sep: str, release: str) -> list[str]:
    """``value`` parted at each ``sep`` that its release character does not release; the
    released characters stay released (a later split keeps them too). Each search starts
    where the last one ended: linear however many release characters there are."""
    if not release or release not in value:
        return value.split(sep)
    out, start = [], 0
    at_sep, at_release = value.find(sep), value.find(release)
    while at_sep >= 0:
        if 0 <= at_release < at_sep:  # the character after a release character is data
            if at_release + 1 == at_sep:
                at_sep = value.find(sep, at_sep + 1)
            at_release = value.find(release, at_release + 2)
            continue
        out.append(value[start:at_sep])
        start = at_sep + 1
        at_sep = value.find(sep, start)
    out.append(value[start:])
    return out


def _unreleased(value: str, release: str) -> str:
    return re.sub(re.escape(release) + "(.)", r"\1", value, flags=re.S) if release and release in value else value


def _elements(raw: str, syn: Syntax) -> list[list[str]]:
    """A segment's data elements, each a list of its components, release characters undone."""
    return [
        [_unreleased(c, syn.release).strip() for c in _parts(e, syn.component, syn.release)]
        for e in _parts(raw, syn.element, syn.release)
    ]


def segment_line(raw: str, syn: Syntax = DEFAULT) -> str:
    """One segment as a line: after its labels when this module knows its qualifier, else
    its tag and values parted by "; "."""
    raw = raw.strip()
    if not raw:
        return ""
    elements = _elements(raw, syn)
    tag = elements[0][0].upper()
    reader = _READERS.get(tag)
    shown = reader(elements) if reader is not None else None
    return shown if shown is not None else _neutral(tag, elements)


def _neutral(tag: str, elements: list[list[str]]) -> str:
    values = [":".join(e).strip(":") for e in elements[1:]]
    return " ".join([tag, "; ".join(v for v in values if v)]).strip()


def _at(elements: list[list[str]], i: int, j: int = 0) -> str:
    return elements[i][j] if i < len(elements) and j < len(elements[i]) else ""


def _rest(elements: list[list[str]], start: int) -> list[str]:
    return [c for e in elements[start:] for c in e if c]


# --- the segments read after their qualifiers -----------------------------------------

# PNA (person name): an NHS003 patient's identifier and name parts ("SU:HARTNELL"), read as
# staff write a patient's name ("Patient: MRS MAUREEN HARTNELL"), title and forenames first.
_PERSON = {"PAT": "Patient"}
_PERSON_ID = {"OPI": "NHS number"}  # the official patient identifier: in England the NHS number
_NAME_ORDER = ("TI", "FO", "MI", "FS", "SU")  # title, forename, middle name, further forenames, surname


def _person(elements: list[list[str]]) -> str | None:
    who = _PERSON.get(_at(elements, 1).upper(), "Person")
    parts = {code.upper(): value for code, value, *_ in (e + ["", ""] for e in elements[3:]) if value}
    names = [parts.pop(code) for code in _NAME_ORDER if code in parts] + list(parts.values())
    number, kind = _at(elements, 2), _PERSON_ID.get(_at(elements, 2, 1).upper(), "identifier")
    if not names:
        return f"{who} {kind}: {number}" if number else None
    return f"{who}: {' '.join(names)}" + (f", {kind}: {number}" if number else "")


# DTM (date/time/period): qualifier, value, format (102 CCYYMMDD, 203 CCYYMMDDHHMM, 204 ...SS).
_DATES = {
    "329": "Date of birth",
    "137": "Document date",
    "171": "Reference date",
    "3": "Invoice date",
    "2": "Delivery date requested",
    "35": "Delivery date",
    "11": "Despatch date",
    "ISR": "Report issued",
    "SCO": "Specimen collected",
    "SRI": "Specimen received",
}
_DATE_VALUE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?")


def _date(elements: list[list[str]]) -> str | None:
    qualifier, value, form = _at(elements, 1), _at(elements, 1, 1), _at(elements, 1, 2)
    if not value:
        return None
    m = _DATE_VALUE.fullmatch(value) if form in ("102", "203", "204", "") else None
    if m is not None and "01" <= m.group(2) <= "12" and "01" <= m.group(3) <= "31":
        year, month, day, hour, minute, _second = m.groups()
        value = f"{day}/{month}/{year}" + (f" {hour}:{minute}" if hour else "")
    return f"{_DATES.get(qualifier.upper(), 'Date')}: {value}"


# RFF (reference): what the number is. NHS003's report, specimen and investigation
# references; the commerce qualifiers of UN code list 1153.
_REFERENCES = {
    "ON": "Order number",
    "VN": "Supplier's order number",
    "DQ": "Delivery note number",
    "IV": "Invoice number",
    "AAK": "Despatch advice number",
    "CR": "Customer reference",
    "CT": "Contract number",
    "VA": "VAT registration number",
    "PQ": "Payment reference",
    "SRI": "Report reference",
    "ASL": "Specimen reference",
    "STI": "Specimen reference",
    "RTI": "Specimen reference",
    "ARL": "Investigation reference",
    "TN": "Transaction number",
    "CO": "Buyer's order number",
    "AAJ": "Delivery order number",
    "AAN": "Delivery schedule number",
    "AAU": "Despatch note number",
    "AAB": "Proforma invoice number",
    "OI": "Previous invoice number",
    "DL": "Debit note number",
    "PL": "Price list number",
    "LI": "Line item number",
    "IT": "Customer number",
    "IA": "Supplier number",
}


def _reference(elements: list[list[str]]) -> str | None:
    label = _REFERENCES.get(_at(elements, 1).upper())
    value = " ".join(c for c in elements[1][1:] if c) if len(elements) > 1 else ""
    return f"{label}: {value}" if label and value else None


# BGM (beginning of message): the document's name code and its number.
_DOCUMENTS = {
    "380": "Invoice number",
    "381": "Credit note number",
    "383": "Debit note number",
    "325": "Proforma invoice number",
    "220": "Order number",
    "105": "Purchase order number",
    "231": "Order response number",
    "351": "Despatch advice number",
}


def _document(elements: list[list[str]]) -> str | None:
    label, number = _DOCUMENTS.get(_at(elements, 1)), _at(elements, 2)
    if not (label and number):
        return None
    rest = _rest(elements, 3)
    return f"{label}: {number}" + (f"; {'; '.join(rest)}" if rest else "")


# NAD (name and address): the party's role, then its identifier (its code list dropped),
# name and address lines.
_PARTIES = {
    "PAT": "Patient address",
    "PO": "Requesting clinician",
    "GP": "GP",
    "SLA": "Laboratory",
    "SU": "Supplier",
    "BY": "Buyer",
    "DP": "Delivery party",
    "IV": "Invoicee",
}


def _party(elements: list[list[str]]) -> str | None:
    label = _PARTIES.get(_at(elements, 1).upper())
    if label is None:
        return None
    values = ([_at(elements, 2)] if _at(elements, 2) else []) + _rest(elements, 3)
    return f"{label}: {', '.join(values)}"


# FTX (free text): the qualifier says whose words; the text lines are its fourth element.
_FREE_TEXT = {
    "CID": "Clinical information",
    "RIT": "Result",
    "SPC": "Comment",
    "CRR": "Reference range",
    "RPD": "Reference population",
}


def _free_text(elements: list[list[str]]) -> str | None:
    words = " ".join(_rest(elements, 4)) or " ".join(_rest(elements, 2))
    return f"{_FREE_TEXT.get(_at(elements, 1).upper(), 'Free text')}: {words}" if words else None


def _investigation(elements: list[list[str]]) -> str | None:
    code, name = _at(elements, 2), " ".join(_rest(elements, 3))
    return f"Investigation: {name}" + (f" ({code})" if code else "") if name or code else None


def _result(elements: list[list[str]]) -> str | None:
    value = _at(elements, 2)
    unit = next((c for c in reversed(elements[3]) if c), "") if len(elements) > 3 else ""
    return f"Result: {value}" + (f" {unit}" if unit else "") if value else None


def _range(elements: list[list[str]]) -> str | None:
    low, high = _at(elements, 2), _at(elements, 3)
    return f"Reference range: {low} to {high}" if low and high else None


# PIA (additional product id) and LIN (line item): a product's numbers, each with its type
# (UN code list 7143: "SA" the supplier's article number, "IN" the buyer's item number, "EN"
# an EAN...); GIN (goods identity number): serial and batch numbers. A number in these
# segments is a product's whatever its type: one of no type known reads as "Product number".
_ITEM_TYPES = {
    "SA": "Supplier's article number",
    "IN": "Buyer's item number",
    "BP": "Buyer's part number",
    "MF": "Manufacturer's article number",
    "MP": "Product number",
    "VN": "Vendor item number",
    "VP": "Vendor's part number",
    "VS": "Vendor's supplemental item number",
    "EN": "EAN",
    "SRV": "GTIN",
    "UP": "UPC",
    "IB": "ISBN",
    "SN": "Serial number",
    "NB": "Batch number",
    "PV": "Promotional variant number",
    "ST": "Style number",
    "IT": "Buyer's style number",
    "CC": "Commodity code",
    "HS": "Commodity code",
}
_GOODS_IDS = {"BN": "Serial number", "BX": "Batch number", "BJ": "Shipping container code"}


def _item_number(element: list[str]) -> str:
    """A product's number (C212: number, type, code list, agency) after its type's name."""
    number = element[0] if element else ""
    if not number:
        return ""
    kind = element[1].upper() if len(element) > 1 else ""
    return f"{_ITEM_TYPES.get(kind, 'Product number')}: {number}"


def _product_ids(elements: list[list[str]]) -> str | None:
    numbers = [n for n in map(_item_number, elements[2:]) if n]
    return "; ".join(numbers) if numbers else None


def _line_item(elements: list[list[str]]) -> str | None:
    line, item = _at(elements, 1), _item_number(elements[3]) if len(elements) > 3 else ""
    if not item:
        return None
    rest = _rest(elements, 4)
    return "; ".join([*([f"Line item {line}"] if line else []), item, *rest])


def _goods_ids(elements: list[list[str]]) -> str | None:
    label = _GOODS_IDS.get(_at(elements, 1).upper(), "Goods identity number")
    numbers = _rest(elements, 2)
    return f"{label}: {', '.join(numbers)}" if numbers else None


_SEX = {"0": "not known", "1": "male", "2": "female", "9": "not specified"}


def _sex(elements: list[list[str]]) -> str | None:
    code = _at(elements, 1)
    return f"Sex: {_SEX.get(code, code)}" if code else None


def _address(elements: list[list[str]]) -> str | None:
    values = _rest(elements, 2)
    if values[:1] in (["US"], ["PAT"]):  # NHS003's address format code ("ADR++US:FLAT 1:...")
        values = values[1:]
    return f"Address: {', '.join(values)}" if values else None


def _specimen(elements: list[list[str]]) -> str | None:
    values = _rest(elements, 2)
    return f"Specimen: {' '.join(values)}" if values else None


_READERS: dict[str, Callable[[list[list[str]]], str | None]] = {
    "PNA": _person,
    "DTM": _date,
    "RFF": _reference,
    "BGM": _document,
    "NAD": _party,
    "FTX": _free_text,
    "INV": _investigation,
    "RSL": _result,
    "RND": _range,
    "PDI": _sex,
    "ADR": _address,
    "SPC": _specimen,
    "PIA": _product_ids,
    "LIN": _line_item,
    "GIN": _goods_ids,
}


# --- segments pasted into a mail ------------------------------------------------------

# A segment written with the default characters: a tag, "+", values up to the terminator.
_SEGMENT = r"[A-Z][A-Z0-9]{2}\+(?=\S)[^'?\r\n]*(?:\?[^\r\n][^'?\r\n]*)*'"
# Segments in a row from a tag on, on one line or a line each (after a reply's quote marks).
_PASTED_RUN = re.compile(rf"(?<![A-Za-z0-9]){_SEGMENT}(?:[ \t]*(?:\r?\n(?:[ \t]*>)*)?[ \t]*{_SEGMENT})*")
_PASTED_SEGMENT = re.compile(_SEGMENT)


def pasted(text: str) -> str:
    """``text`` with the EDIFACT segments pasted into it (an analyst's "this is the segment
    block your parser rejected", quoted in a reply or not) read as a file's are, a line
    each, in place: two segments in a row, or one that ends its line and that this module
    reads after its qualifier (``RFF+ON:4500123458'``; not "the PNA+PAT segment's"). Only the places where a "+" follows three capitals
    are tried (prose of 100 KB with a "+" in every line: about a millisecond)."""
    if "'" not in text:
        return text
    out: list[str] = []
    pos = done = 0
    while (plus := text.find("+", pos)) >= 0:
        pos = plus + 1
        m = _PASTED_RUN.match(text, plus - 3) if plus >= 3 and text[plus - 3].isupper() else None
        if m is None:
            continue
        segments = _PASTED_SEGMENT.findall(m.group())
        pos = m.end()
        if len(segments) < 2 and not _one_segment(segments[0], text, m.end()):
            continue
        out.append(text[done : m.start()])
        out.append("\n".join(line for line in map(segment_line, (s[:-1] for s in segments)) if line))
        done = m.end()
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _one_segment(segment: str, text: str, end: int) -> bool:
    """A segment pasted alone: it ends its line and its qualifier is one this module reads."""
    line_end = text.find("\n", end)
    if text[end : None if line_end < 0 else line_end].strip():
        return False
    reader = _READERS.get(segment[:3])
    return reader is not None and reader(_elements(segment[:-1], DEFAULT)) is not None
