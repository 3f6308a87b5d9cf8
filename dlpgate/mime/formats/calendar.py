"""text/calendar (.ics, .vcs) and vCard (.vcf): RFC 5545 / 6350 and vCard 2.1 content lines.

* Folded lines are unfolded (CRLF followed by a space or tab is removed, so a
  number folded across two lines reads whole again) and TEXT escapes are
  undone: ``\\n``/``\\N`` -> newline, ``\\,`` -> ",", ``\\;`` -> ";", ``\\\\`` -> "\\".
* vCard 2.1 / vCalendar 1.0 values in quoted-printable
  (``;ENCODING=QUOTED-PRINTABLE``, soft line breaks ``=`` at line ends) or
  base64 (``ENCODING=b``/``BASE64``, as Outlook exports them) are decoded,
  with the property's ``CHARSET``.
* Binary values - an .ics ``ATTACH;ENCODING=BASE64;VALUE=BINARY``, a contact's
  ``PHOTO``/``LOGO``/``SOUND``/``KEY``, or any base64 value that is not text -
  go back to the registry as nested files ("attachment a.ics > list.csv").
* HTML descriptions (``X-ALT-DESC;FMTTYPE=text/html``) are read as rendered HTML.
* A time zone's id and name (``TZID``, ``TZNAME``) are passed over when they are
  only that ("Europe/London(STD)", "GMT Standard Time"): its "STD" is standard
  time; anything else in them is read.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._records import MAX_RECORDS, record_table
from dlpgate.mime.formats.text import decode
from dlpgate.mime.text import looks_like_text, sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_FOLD = re.compile(r"\r?\n[ \t]")
_ESCAPE = re.compile(r"\\([nN,;\\:])")
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}
# (a quoted parameter value may hold a colon: ALTREP="http://...", CN="Example: Clinic")
_NAME = re.compile(r'^([A-Za-z0-9][A-Za-z0-9_.-]*)((?:;(?:[^:"]|"[^"]*")*)?):(.*)$', re.S)
_PARAM = re.compile(r';([^=;:]+)(?:=("[^"]*"|[^;:]*))?')
_BINARY_PROPS = frozenset({"ATTACH", "PHOTO", "LOGO", "SOUND", "KEY"})
# A time zone's id or name ("GMT Standard Time", "Europe/London(STD)", "BST", "+0100"):
# no run of digits long enough to be a number, nothing but a zone name's characters.
_ZONE_PROPS = frozenset({"TZID", "TZNAME"})
_ZONE_NAME = re.compile(r"(?!.*[0-9]{5})[A-Za-z0-9/_+\-:(). ]{1,64}")
# A value that is a text of its own: lines of its own, or a field's label first ("Patient:
# Mrs ...", "NHS No: ..."). It starts its own line, so its first label is first on its line
# as it was in the text the sender typed.
_OWN_TEXT = re.compile(r"[^\n]*\n|[ \t]*[A-Za-z][\w .'/&()-]{0,40}:[ \t]")


def unfold(text: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], _FOLD.sub("", text))


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], text) if "\\" in text else text


def _logical_lines(text: str) -> list[str]:
    """Content lines: folding undone, and quoted-printable soft line breaks joined."""
    out: list[str] = []
    qp_open = False
    for line in text.splitlines():
        if out and (line[:1] in (" ", "\t")) and not qp_open:
            out[-1] += line[1:]
            continue
        if qp_open and out:
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
        head = out[-1].split(":", 1)[0].upper()
        qp_open = "QUOTED-PRINTABLE" in head and out[-1].endswith("=")
    return out


def _params(raw: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in _PARAM.findall(raw):
        key = key.strip().upper()
        value = value.strip('"').strip()
        if not value and key in ("QUOTED-PRINTABLE", "BASE64", "B"):  # vCard 2.1 bare "ENCODING" words
            key, value = "ENCODING", key
        params.setdefault(key, value)
    return params


_CODING_PARAMS = re.compile(r";(?:ENCODING|CHARSET)=[^;:]*|;(?:QUOTED-PRINTABLE|BASE64)(?=[;:]|$)", re.I)


def _shown_params(raw: str) -> str:
    """A property's parameters as written (CN="...", LANGUAGE...), less the transfer coding."""
    return _unescape(_CODING_PARAMS.sub("", raw)) if raw else ""


def _charset(params: dict[str, str], fallback: str) -> str:
    name = params.get("CHARSET", "") or fallback
    try:
        return codecs.lookup(name).name
    except LookupError:
        return fallback


def _text(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return data.decode("utf-8", "replace") if charset != "utf-8" else data.decode("latin-1")


# A property without parameters, escapes or a data: URI is taken as written, before the
# general reading below (tests/formats/test_calendar_fast_path.py reads with both).
_PLAIN_FAST = True


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    lines: list[str] = []
    files: list[tuple[str, str, bytes]] = []  # (file name, content type, bytes)
    records = _Records()
    for line in _logical_lines(text):
        m = _NAME.match(line)
        if m is None:
            if line.strip():
                lines.append(_unescape(line))
            continue
        prop, raw_params, value = m.group(1, 2, 3)
        plain = _as_written(prop, raw_params, value)
        if plain is not None:
            lines.extend(plain)
            records.field(prop, value)
            continue
        upper = prop.upper().rpartition(".")[2]  # item1.TEL as TEL
        params = _params(raw_params) if raw_params else {}
        encoding = params.get("ENCODING", "").upper()
        if encoding == "QUOTED-PRINTABLE":
            value = _text(quopri.decodestring(value.encode("latin-1", "replace")), _charset(params, "utf-8"))
        elif encoding in ("BASE64", "B") or params.get("VALUE", "").upper() == "BINARY":
            compact = "".join(value.split())
            try:
                blob = base64.b64decode(compact + "=" * (-len(compact) % 4))
            except (binascii.Error, ValueError):
                yield Problem("corrupt", where, f"bad base64 in {sanitise_name(upper)}", severe=False)
                lines.append(f"{prop}:{value}")
                continue
            if upper in _BINARY_PROPS or not looks_like_text(blob):
                filename = params.get("FILENAME") or params.get("X-FILENAME") or params.get("X-APPLE-FILENAME") or ""
                ctype = params.get("FMTTYPE") or ""
                if not ctype and params.get("TYPE") and "/" not in params["TYPE"]:
                    ctype = f"image/{params['TYPE'].lower()}" if upper in ("PHOTO", "LOGO") else ""
                files.append((filename, ctype, blob))
                continue
            value = _text(blob, _charset(params, "utf-8"))
        elif value[:5].lower() == "data:" and upper in _BINARY_PROPS:  # vCard 4 "PHOTO:data:image/jpeg;base64,..."
            from dlpgate.mime.formats.html import _data_uri

            decoded = _data_uri(value.strip())
            if decoded is not None:
                files.append(("", decoded[0], decoded[1]))
                continue
        else:
            value = _unescape(value)
            if upper in _ZONE_PROPS and _ZONE_NAME.fullmatch(value):
                continue  # "Europe/London(STD)": a time zone's name, whose "STD" is standard time
        if params.get("FMTTYPE", "").lower() == "text/html" and "<" in value:
            from dlpgate.mime.formats.html import html_to_text

            value = html_to_text(value)
        sep = "\n" if _OWN_TEXT.match(value) else ""
        lines.append(f"{prop}{_shown_params(raw_params)}:{sep}{value}")
        records.field(prop, value)
    yield Segment("\n".join(lines), where)
    yield from records.table(where)
    yield from _files(files, where, ctx)


# A contact card's and an event's fields read as a record's (formats/_records.py), by the
# header's words their column takes. An event names its person in its summary ("Visit Mrs Joan
# Example"): a name with a personal title (not a clinician's, "Dr Example") is the record's name.
# Where an event is (LOCATION: a home, or a clinic's room) is left to the calendar's own text.
_CARD_FIELDS = {
    "FN": "Name", "ADR": "Address", "TEL": "Phone", "EMAIL": "Email", "NOTE": "Notes",
    "TITLE": "Job title", "ROLE": "Role", "ORG": "Organisation",
}
_AT_WORK = frozenset(("Job title", "Role", "Organisation"))
_EVENT_FIELDS = {"SUMMARY": "Summary", "DESCRIPTION": "Notes", "COMMENT": "Notes"}
_RECORDS = {"VCARD": _CARD_FIELDS, "VEVENT": _EVENT_FIELDS, "VTODO": _EVENT_FIELDS, "VJOURNAL": _EVENT_FIELDS}
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,3}")


class _Records:
    """The records of a card file or a calendar (VCARD, VEVENT, VTODO) as they are read: each
    its fields' (header's words, value) (formats/_records.py)."""

    def __init__(self) -> None:
        self.done: list[list[tuple[str, str]]] = []
        self.at_work: list[list[tuple[str, str]]] = []  # cards with a job title, a role or an organisation
        self.fields: dict[str, str] | None = None
        self.current: list[tuple[str, str]] = []
        self.n = ""  # a card's structured name, read when it has no FN
        self.inner = 0  # depth of components inside the record

    def field(self, prop: str, value: str) -> None:
        upper = prop.upper().rpartition(".")[2]
        if self.inner:  # a component inside a record (an event's VALARM): not the record's fields
            self.inner += (upper == "BEGIN") - (upper == "END")
        elif upper == "BEGIN":
            if self.fields is None:
                self.fields = _RECORDS.get(value.strip().upper())
                self.current, self.n = [], ""
            else:
                self.inner = 1
        elif self.fields is None:
            return
        elif upper == "END":
            self._end()
        elif upper == "N" and self.fields is _CARD_FIELDS:
            # Family;Given;Additional;Prefix;Suffix -> "Prefix Given Additional Family"
            parts = [p.strip() for p in value.split(";")] + [""] * 5
            self.n = " ".join(p for p in (parts[3], parts[1], parts[2], parts[0]) if p)
        elif upper in self.fields:
            label = self.fields[upper]
            if upper in ("ADR", "ORG"):  # its parts parted by ";"
                value = ", ".join(p.strip() for p in value.split(";") if p.strip())
            elif upper == "SUMMARY":
                m = _TITLED_NAME.search(value)
                if m is not None:
                    self.current.append(("Name", m.group()))
            self.current.append((label, value))

    def table(self, where: str) -> Iterator[Segment]:
        """The records read, as a table (formats/_records.py), if they name anyone: the cards of
        people at work (a job title, a role, an organisation: colleagues, a GP surgery's) a table
        of their own, so their columns say nothing of the other cards of a phone's contacts."""
        for n, done in enumerate((self.done, self.at_work), 1):
            table = record_table(done, where, n) if done else None
            if table is not None:
                yield table

    def _end(self) -> None:
        if self.fields is _CARD_FIELDS and self.n and not any(label == "Name" for label, _ in self.current):
            self.current.insert(0, ("Name", self.n))
        done = self.at_work if any(label in _AT_WORK for label, _ in self.current) else self.done
        if self.current and len(done) < MAX_RECORDS:
            done.append(self.current)
        self.fields, self.current, self.n = None, [], ""


def _as_written(prop: str, raw_params: str, value: str) -> list[str] | None:
    """The line of a property without parameters, escapes or a data: URI (most of a
    calendar's), taken as written: none for a time zone's name; None for the others,
    which the general reading reads."""
    if not _PLAIN_FAST or raw_params or "\\" in value or value[:5].lower() == "data:":
        return None
    if prop.upper().rpartition(".")[2] in _ZONE_PROPS and _ZONE_NAME.fullmatch(value):
        return []
    return [f"{prop}:\n{value}" if _OWN_TEXT.match(value) else f"{prop}:{value}"]


def _files(files: list[tuple[str, str, bytes]], where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """The files a calendar or a card carries (a photo, an attachment), read as attachments."""
    for i, (filename, ctype, blob) in enumerate(files, 1):
        ctx.check_deadline()
        from dlpgate.mime.formats.archive import sniff_content_type

        label = sanitise_name(filename) or f"attached file {i}"
        sniffed = sniff_content_type(blob, filename)
        if sniffed == "application/octet-stream" and ctype:
            sniffed = ctype
        yield from ctx.recurse(blob, filename, f"{where} > {label}", content_type=sniffed)
