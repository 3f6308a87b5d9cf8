"""text/plain (and any other text/* without a better extractor)."""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote, unquote_plus

from dlpgate.mime.formats import sql
from dlpgate.mime.headers import decoded_block
from dlpgate.mime.text import (
    b64decode_lenient,
    decode_text,
    extension,
    garbled,
    sanitise_name,
    uu_decode,
    uu_lines,
    wide_codec,
    word_stream,
    xxencoded,
)
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def decode(data: bytes, where: str, ctx: ExtractContext) -> tuple[str, list[Problem]]:
    """Decode with the part's declared charset; notes become non-severe problems. Bytes that
    are no text in any charset (a .mat file under a text label: "decoded" as UTF-16 into
    CJK and NULs) are reported as not read, however the decoding went (mime.text.garbled)."""
    text, notes = decode_text(data, ctx.charset)
    text = word_stream(text)  # Word's own text stream: its field marks and cell ends read as what they are
    problems = [Problem(reason, where, detail, severe=False) for reason, detail in notes]
    if garbled(text):
        from dlpgate.mime.formats import SMALLEST_RECORD  # too few bytes to hold a record: noted, as unknown binary is

        problems.append(Problem("undecodable", where, "bytes are not text in any charset", severe=len(data) >= SMALLEST_RECORD))
    return text, problems


# "begin 644 name" ... "end": a uuencoded (or xxencoded) file inside a text body (every
# mail client of the 1990s, and some today, show it as an attachment), also quoted in a
# reply ("> begin 644 name", "> > end"): group 1 is the quote prefix its lines carry.
_UU_BEGIN = re.compile(r"^((?:[ \t]*>)*[ \t]?)begin +[0-7]{3,4} +([^\r\n]+?)[ \t]*\r?\n", re.M)
_UU_END = re.compile(r"^(?:[ \t]*>)*[ \t]?end[ \t]*\r?$", re.M)
_QUOTE_MARK = re.compile(r"[ \t]*>")


# Types whose text is a header block: a bounce's returned headers, a delivery or disposition
# report's fields (RFC 6522, 3464, 8098, 6533).
_HEADER_BLOCKS = frozenset({
    "text/rfc822-headers", "message/global-headers", "message/delivery-status", "message/global-delivery-status",
    "message/disposition-notification",
})


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    if ctx.content_type in _HEADER_BLOCKS:
        text = decoded_block(text)  # "Subject: =?utf-8?q?...?=" as the mail program shows it
    text = yield from file_blocks(text, where, ctx)
    if sql.looks_like(text):
        text = yield from sql.tables(text, where, ctx)  # a dump's rows read as its tables
    values = raw_json = parsed = None
    if _JSON_START.match(text):
        parsed = functools.cache(functools.partial(json_documents, text))  # (parsed once, for both readings)
        values = json_values(text, parsed)
        raw_json, text = text, json_unescaped(text)
    elif "\\" in text:
        text = pasted_escapes(text)
    if "&#" in text or "&amp;" in text:
        text = references_decoded(text)
    if "%" in text or "=" in text:
        text = urls_unquoted(text)
    if ctx.content_type in _ENRICHED and "<" in text:
        text = enriched_text(text)
    if "\\" in text and _tex(text, name, ctx.content_type):
        text = tex_text(text)
    if "+" in text and "'" in text:
        text = edifact_pasted(text)
    yield Segment(text, where)
    if values:
        yield Segment(values, where)
    if raw_json is not None:
        yield from json_records(raw_json, where, parsed)
    if "MSH" in text:
        yield from hl7_pasted(text, where, ctx)
    yield from base64_files(text, where, ctx, data)


def edifact_pasted(text: str) -> str:
    """``text`` with the UN/EDIFACT segments pasted into it read in place (formats/edifact.py)."""
    from dlpgate.mime.formats import edifact

    return edifact.pasted(text)


# An HL7 v2 message pasted into a mail ("here is the ADT that failed:"), quoted in a reply
# or not: its segments from the MSH header on, read field by field as an .hl7 file is.
_HL7_PASTED = re.compile(r"^(?:[ \t]*>)*[ \t]*MSH[|^]", re.M)
# A segment's line, after any quote marks: its three-character name and a separator.
_SEGMENT_LINE = re.compile(r"(?:[ \t]*>)*[ \t]*([A-Z][A-Z0-9]{2}[|^~][^\r\n]*)")


def hl7_pasted(text: str, where: str, ctx: ExtractContext) -> Iterator[Segment]:
    """Each HL7 v2 message pasted into ``text``, read as an .hl7 file is: its segment lines
    from the MSH header on, quote marks taken off, up to the first line that is no segment.
    One pass over the text: the lines a message takes are not looked at again."""
    from dlpgate.mime.formats import hl7

    pos = 0
    for n, m in enumerate(_HL7_PASTED.finditer(text)):
        if m.start() < pos:
            continue  # a later header of the same batch
        lines = []
        pos = m.start()
        while pos < len(text) and (seg := _SEGMENT_LINE.match(text, pos)) is not None:
            lines.append(seg.group(1).strip())
            end = text.find("\n", seg.end())
            pos = len(text) if end < 0 else end + 1
        if len(lines) > 1:
            yield Segment("\n".join(hl7.read_lines("\n".join(lines), ctx)), f"{where}, HL7 message {n + 1}")


# text/enriched (RFC 1896) and text/richtext (RFC 1341): formatting commands in
# angle brackets ("<bold>401</bold> 023 2137"), "<<" for a "<", font and colour
# names in <param>. Read as the reader sees it: the commands and parameters go.
_ENRICHED = frozenset({"text/enriched", "text/richtext"})
_ENRICHED_PARAM = re.compile(r"<param>.*?</param>", re.I | re.S)
_ENRICHED_COMMAND = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,60}>")
_LITERAL_LT = "\ufdd0"  # a noncharacter stands for "<<" while the commands are taken out


def enriched_text(text: str) -> str:
    text = _ENRICHED_PARAM.sub("", text.replace("<<", _LITERAL_LT))
    return _ENRICHED_COMMAND.sub("", text).replace(_LITERAL_LT, "<")


# TeX and LaTeX source: spacing written as commands ("4851\\,234\\,567", "NHS~no.", "\\ "),
# a discretionary hyphen or an empty group between characters. Read as the typeset
# text shows it: a space for each space command, nothing for the others.
_TEX_TYPES = frozenset({"application/x-tex", "text/x-tex", "application/x-latex", "text/x-latex"})
_TEX_EXTENSIONS = frozenset({"tex", "latex", "ltx", "sty", "cls", "dtx", "bbl"})
_TEX_SOURCE = re.compile(r"\\(?:documentclass|documentstyle|begin\{document\}|usepackage)\b")
_TEX_SPACE = re.compile(
    r"\\(?:[,;: >]|(?:thinspace|enspace|enskip|quad|qquad|nobreakspace|space)(?![A-Za-z])\s*)"
    r"|\\hspace\*?\{[^{}\n]{0,20}\}|(?<!\\)~"
)
_TEX_NOTHING = re.compile(r"\\[-!/]|\{\}")


def _tex(text: str, name: str, content_type: str) -> bool:
    """TeX source, as its label, its name or its preamble says."""
    return content_type in _TEX_TYPES or extension(name) in _TEX_EXTENSIONS or _TEX_SOURCE.search(text) is not None


def tex_text(text: str) -> str:
    return _TEX_NOTHING.sub("", _TEX_SPACE.sub(" ", text))


# Base64 inside a text: lines of it (an attachment pasted into a body, a message
# whose transfer encoding was lost) or one long token (a JSON field, an HL7 v2
# OBX segment or a CSV cell holding a file).
# Lines of base64 wrapped as MIME and PEM wrap them; the last line ends its own line (a log's
# next line, "2026-12-03 10:12:02 INFO", is not the block's tail), else the first line alone.
_BASE64_RUN = re.compile(rb"(?:[A-Za-z0-9+/]{40,}={0,2}[ \t]*\r?\n){1,}[A-Za-z0-9+/]*={0,2}(?!\S)|[A-Za-z0-9+/]{40,}={0,2}")
_MIN_BASE64_RUN = 40  # characters (30 bytes): shorter runs are ids and words
# The base64 alphabet as "a", everything else as a space: a run worth the regular
# expression shows as 40 "a"s in a row, found by one byte search (prose of 100 KB:
# 0.07 ms, where the expression over all of it takes 5 ms); the expression is then
# tried only where such a run starts.
_B64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_AS_RUNS = bytes(0x61 if i in _B64_ALPHABET else 0x20 for i in range(256))
_LONG_RUN = b"a" * 40


# A run of hexadecimal: a file or text a database or a program wrote that way (PostgreSQL's
# bytea "\\x2550...", SQL Server's varbinary "0x504B...", "xxd -p" lines), or a hash or a key.
_HEX_RUN = re.compile(rb"(?:0?[xX])?([0-9a-fA-F]+(?:\s+[0-9a-fA-F]+)*)\s*")
# The lengths of the hashes and keys written in hexadecimal (MD5, SHA-1, SHA-224, 3DES,
# SHA-256, SHA-384, SHA-512): their bytes are noise, not looked at.
_HASH_LENGTHS = frozenset({32, 40, 48, 56, 64, 96, 128})


def _plainly_text(data: bytes) -> bool:
    """Decoded bytes that are text a person wrote: UTF-8 (or UTF-16/32), not garbled.
    (The looser test for a part, which lets any 8-bit charset through, would take the
    bytes of many a random run for text.)"""
    try:
        text = data.decode(wide_codec(data) or "utf-8")
    except UnicodeDecodeError:
        return False
    return not garbled(text)


def readable_bytes(data: bytes) -> bool:
    """Whether bytes decoded from text (base64, hexadecimal, a hex dump) are a file of a known
    kind or text a person wrote: read as a nested file. Bytes of no known kind (a key, a hash,
    ciphertext, a program's binary) are not: the text they were written in stays read as it is."""
    from dlpgate.mime.sniff import sniff

    found = sniff(data) if data else None
    return found is not None and found.kind != "pgp" and (found.kind != "text" or _plainly_text(data))


def _hex_decoded(run: bytes) -> bytes | None:
    """The bytes a run of hexadecimal stands for ("0x" or "\\x" before it, as databases write
    binary values); None for a run that is no hexadecimal, b"" for a hash's or a key's."""
    m = _HEX_RUN.fullmatch(run)
    if m is None:
        return None
    digits = m.group(1)
    if not digits.isalnum():  # lines of it
        digits = b"".join(digits.split())
    if len(digits) in _HASH_LENGTHS:
        return b""
    return bytes.fromhex(digits[: len(digits) // 2 * 2].decode("ascii"))


def base64_files(text: str, where: str, ctx: ExtractContext, raw: bytes = b"") -> Iterator[Segment | Problem]:
    """Each run of base64 or of hexadecimal in ``text`` whose bytes are text or a file of a
    known kind, read as a nested file ("message body > base64 block 1"). Runs that decode to
    bytes of no known kind (keys, hashes, ciphertext) stay read as the text they are;
    PGP armour is reported by the readers of text already. ``raw``: the bytes the
    text was decoded from, searched instead of encoding the text again."""
    if len(text) < _MIN_BASE64_RUN:
        return
    # The bytes the text was decoded from, when they are ASCII-compatible (no encoding step).
    probe = raw if raw and wide_codec(raw) is None else text.encode("utf-8", "surrogatepass")
    runs = probe.translate(_AS_RUNS)
    n = pos = 0
    while (hit := runs.find(_LONG_RUN, pos)) >= 0:
        start = runs.rfind(b" ", 0, hit) + 1  # where this run of the alphabet starts
        m = _BASE64_RUN.match(probe, start)
        if m is None or len(m.group()) < _MIN_BASE64_RUN:
            end = runs.find(b" ", hit)
            pos = len(runs) if end < 0 else end
            continue
        pos = m.end()
        run = m.group()
        data = _hex_decoded(run)
        kind = "hex"
        if data is None:
            kind = "base64"
            data, status = b64decode_lenient(run)
            if status == "undecodable":
                continue
        if not readable_bytes(data):
            continue
        n += 1
        ctx.check_deadline()
        yield from ctx.recurse(data, "", f"{where} > {kind} block {n}")


_JSON_START = re.compile(r"[ \t\r\n\ufeff]*[\[{]")
# A string escape in JSON and JavaScript: "\n", "\t", "\"", "\u00e9", a surrogate
# pair; JavaScript's "\x41" and "\'" too.
_STRING_ESCAPE = re.compile(
    r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    r"|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([\"'\\/bfnrtv]))"
)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": " ", "f": "\n", "v": "\n",
                   '"': '"', "'": "'", "\\": "\\", "/": "/"}


def _escaped_char(m: re.Match[str]) -> str:
    high, low, code, byte, simple = m.groups()
    if simple:
        return _SIMPLE_ESCAPES[simple]
    if high:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
    ch = chr(int(code or byte, 16))
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ch  # a lone surrogate


def json_unescaped(text: str) -> str:
    """JSON or JavaScript text (an API export, a FHIR resource, a log of JSON lines,
    a report's script data) with its string escapes turned into the characters they
    stand for, so that a note's "\\n" breaks its line and "\\u0034" is a digit, as a
    reader of the strings would see them."""
    return _STRING_ESCAPE.sub(_escaped_char, text) if "\\" in text else text


# Reading JSON by its values: the structure (keys, quotes, braces) splits what a person wrote
# wherever an editor keeps its text in pieces: a chat message's rich text as a list of runs
# (Slack's blocks, Quill's ops, ProseMirror's and Slate's content), one style a run
# ("Re: ", "Mr Leonard Example" in bold, " in bay 2 - ", "new diagnosis of ..."). The values
# reading joins them as the message shows them; the raw text stays read (what a value's key
# says about a number is read there, detectors/numbers.py).
_JSON_VALUES_CAP = 1_000_000  # characters of JSON parsed: a larger file (a log) is read raw only
# Keys of the lists an editor keeps a paragraph's runs in, and the key of a run's text.
_RUN_LISTS = frozenset(("elements", "content", "ops", "children", "runs", "inlines", "spans", "rich_text"))
_TEXT_KEYS = ("text", "insert", "plain_text")
# What is worth parsing for: a list of runs, or a list of strings whose first is words ("[\"Mr
# Leonard Example, bay 2,\", ...": not a log's tags, "[\"api\", \"v2\"]").
_RUN_LIST_KEYS = tuple(f'"{key}"' for key in sorted(_RUN_LISTS))
_RUNS_HINT = re.compile(r'"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*\{')
_WORDS_LIST = re.compile(r'\[[ \t\r\n]*"[^"\n]{0,200}?[A-Za-z][^"\n]{0,200}? [^"\n]{0,200}"[ \t\r\n]*,[ \t\r\n]*"')


def _worth_reading(text: str) -> bool:
    """Whether JSON text holds a list of runs or a list of strings whose first is words
    ("[\"Mr Leonard Example, bay 2,\", ...": not a log's tags, "[\"api\", \"v2\"]")."""
    for key in _RUN_LIST_KEYS:
        at = text.find(key)
        while at >= 0:
            if _RUNS_HINT.match(text, at + len(key) - 1):
                return True
            at = text.find(key, at + 1)
    return _WORDS_LIST.search(text) is not None


_LETTER = re.compile(r"[^\W\d_]")
_MAX_DEPTH = 64


Documents = tuple[list[object], bool]  # JSON text's documents in order, and whether all of it was JSON


def json_documents(text: str) -> Documents:
    """The JSON documents of ``text`` (a document, or JSON lines) in order, and whether all
    of it is JSON: a text damaged or cut short gives the documents before the damage, and False."""
    decoder = json.JSONDecoder()
    documents: list[object] = []
    pos = 0
    text = text.lstrip("\ufeff")
    while (pos := _skip_space(text, pos)) < len(text):
        try:
            value, pos = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            return documents, False
        documents.append(value)
    return documents, True


def json_values(text: str, parsed: Callable[[], Documents] | None = None) -> str | None:
    """The string values of JSON text (a document, or JSON lines) in document order, a value a
    line after its key ("diagnosis: ..."), the runs of one paragraph's rich text joined into one
    line and a list's strings into one; None when the text is no JSON, is larger than
    _JSON_VALUES_CAP, or holds nothing joined (then the raw text reads the same). ``parsed``:
    its documents (json_documents), when another reading of the same text parses them too."""
    if len(text) > _JSON_VALUES_CAP or not _worth_reading(text):
        return None
    documents, whole = parsed() if parsed is not None else json_documents(text)
    if not whole:
        return None
    lines: list[str] = []
    joined = [0]
    for value in documents:
        _values(value, "", lines, joined, 0)
    if not joined[0]:
        return None
    out = "\n".join(lines)
    return references_decoded(out) if "&" in out else out


_SPACE = re.compile(r"[ \t\r\n]*")
# A list of objects: a to-do app's, a CRM's, a form tool's records ([{"name": ..., "notes": ...}]).
_OBJECT_LIST = re.compile(r"\[[ \t\r\n]*\{")
_RECORD_LISTS = 8  # lists of records read as tables, in document order


def json_records(text: str, where: str, parsed: Callable[[], Documents] | None = None) -> Iterator[Segment]:
    """The lists of objects in JSON text, each read as a table of records (formats/_records.py):
    an object's fields its row's cells under its keys' words, an object inside it (an address's
    lines) or a list of strings one cell. Only lists whose objects have a field of names; the
    documents before any damage. ``parsed``: as json_values's."""
    if len(text) > _JSON_VALUES_CAP or _OBJECT_LIST.search(text) is None:
        return
    from dlpgate.mime.formats import _records as records

    documents, _whole = parsed() if parsed is not None else json_documents(text)
    found: list[list[list[tuple[str, str]]]] = []
    for value in documents:
        if len(found) >= _RECORD_LISTS:
            break
        _record_lists(value, found, 0)
    for n, rows in enumerate(found, 1):
        table = records.record_table(rows, where, n)
        if table is not None:
            yield table


def _record_lists(value: object, found: list[list[list[tuple[str, str]]]], depth: int) -> None:
    """The lists of objects in ``value`` whose objects have a field of names, as records."""
    from dlpgate.mime.formats import _records as records

    if depth > _MAX_DEPTH or len(found) >= _RECORD_LISTS:
        return
    if isinstance(value, dict):
        for v in value.values():
            if isinstance(v, (dict, list)):
                _record_lists(v, found, depth + 1)
        return
    if not isinstance(value, list):
        return
    rows: list[list[tuple[str, str]]] = []
    for item in value:
        if isinstance(item, dict):
            fields = _fields(item)
            if any(records.named(label) for label, _ in fields) and len(rows) < records.MAX_RECORDS:
                rows.append(fields)
        if isinstance(item, (dict, list)):
            _record_lists(item, found, depth + 1)
    if rows:
        found.append(rows)


def _fields(item: dict[object, object]) -> list[tuple[str, str]]:
    """An object's fields as a record's (header's words, cell): an object inside it that names
    someone ({"patient": {"name": ...}}) as its own fields after its key ("Patient name"); any
    other (an address's lines) one cell (_cell)."""
    from dlpgate.mime.formats import _records as records

    fields: list[tuple[str, str]] = []
    for k, v in item.items():
        label = records.words(str(k))
        if isinstance(v, dict) and any(records.named(records.words(str(inner))) for inner in v):
            fields.extend((f"{label} {records.words(str(inner)).lower()}", cell)
                          for inner, w in v.items() if (cell := _cell(w)))
        elif cell := _cell(v):
            fields.append((label, cell))
    return fields


def _cell(value: object) -> str:
    """A field's value as a cell: a string or a number; an object's or a list's strings and
    numbers (an address's lines) parted by commas; "" for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool))
    return ""


def _skip_space(text: str, pos: int) -> int:
    m = _SPACE.match(text, pos)
    return m.end() if m is not None else pos


def _run_text(item: object) -> str | None:
    """A rich-text run's text ({"type": "text", "text": "Mr Leonard Example", "style": {...}}),
    "" for an inline thing of no text (an emoji, a mention), None for anything else."""
    if not isinstance(item, dict):
        return None
    for key in _TEXT_KEYS:
        value = item.get(key)
        if isinstance(value, str):
            return value
    if all(not isinstance(v, (dict, list)) and not (isinstance(v, str) and " " in v) for v in item.values()):
        return ""
    return None


def _values(value: object, key: str, lines: list[str], joined: list[int], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str):  # most values: read here, without a call
                if v and _LETTER.search(v):
                    lines.append(v if k in _TEXT_KEYS else f"{k}: {v}")
            elif isinstance(v, (dict, list)):
                _values(v, str(k), lines, joined, depth + 1)
    elif isinstance(value, list):
        runs = key in _RUN_LISTS
        run: list[str] = []
        for item in value:
            if isinstance(item, str):
                if item and _LETTER.search(item):
                    run.append(item)
                continue
            piece = _run_text(item) if runs else None
            if piece is None:
                _join(run, key, runs, lines, joined)
                _values(item, key, lines, joined, depth + 1)
            elif piece:
                run.append(piece)
        _join(run, key, runs, lines, joined)
    elif isinstance(value, str) and _LETTER.search(value):
        lines.append(value)


def _join(run: list[str], key: str, runs: bool, lines: list[str], joined: list[int]) -> None:
    """One line for the pieces gathered: rich text's runs as they are written (each carries its
    own spaces), a list's strings with a space between; after the list's key."""
    if not run:
        return
    said = " ".join("".join(run).split()) if runs else " ".join(run)
    if len(run) > 1:
        joined[0] += 1
    if said:
        lines.append(said if runs or not key else f"{key}: {said}")
    run.clear()


# HTML's character references left in text an exporter escaped for a web page ("she&#39;s",
# "Smith &amp; Sons", "&quot;"): each, ended by its ";", as the character it stands for.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def references_decoded(text: str) -> str:
    """``text`` with its HTML character references as the characters they stand for."""
    return _REFERENCE.sub(lambda m: html.unescape(m.group()), text)


# In text that is not JSON itself, the escapes of JSON pasted into it (a log line's
# "body":"{\"nhsNumber\":\"...\"}", "\u00a0" between digits): quotes, slashes and
# \uXXXX only, so that a Windows path's "\new" or "\t" stays as written.
_PASTED_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|([\"/]))")


def _pasted_char(m: re.Match[str]) -> str:
    code, simple = m.groups()
    if simple:
        return simple
    ch = chr(int(code, 16))
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ch


def pasted_escapes(text: str) -> str:
    """``text`` with the string escapes of JSON pasted into it resolved (_PASTED_ESCAPE)."""
    return _PASTED_ESCAPE.sub(_pasted_char, text)


# A link or request path written in text with percent-escapes ("...summary%3Fnhsnumber%3D
# 4857773456", "nhs=711%20778%202579", a SafeLinks wrapper): an escape of what structures a
# URL (/ ? = & : | # space), and the run without spaces around it.
# ... or a query's value whose spaces a form wrote as "+" ("?nhs=472+301+5567&surname=...")
# ... or Proofpoint's URL Defense (v2) wrapper, whose "u" parameter is the link with "-XX" for
# an escape and "_" for "/" ("u=https-3A__epr.example.org_summary-3Fnhs-3D4857773456").
_URL_ESCAPE = re.compile(
    r"%(?:2[0FfC6c3]|3[AaDdFf]|7[Cc])|[?&][\w.\-]{1,30}=[0-9]{1,6}\+[0-9]|urldefense\.proofpoint\.com/v2/url\?u="
)
_PROOFPOINT_V2 = re.compile(r"(urldefense\.proofpoint\.com/v2/url\?u=)([^&\s]+)")
_PROOFPOINT_ESCAPE = re.compile(r"-([0-9A-Fa-f]{2})")
_RUN_END = re.compile(r"[\s<>\"']")
_RUN_STOPS = frozenset(" \t\r\n\f\v<>\"'")


def _unquoted(run: str) -> str:
    wrapped = _PROOFPOINT_V2.search(run)
    if wrapped is not None:
        link = _PROOFPOINT_ESCAPE.sub(r"%\1", wrapped.group(2).replace("_", "/"))
        run = run[:wrapped.start(2)] + link + run[wrapped.end(2):]
    for _ in range(3):  # a link inside a link's query is escaped again (SafeLinks, login redirects)
        plain = unquote_plus(run) if "?" in run or "=" in run else unquote(run)
        if plain == run:
            break
        run = plain
    return run


def urls_unquoted(text: str) -> str:
    """``text`` with its percent-escaped links and paths as a reader of the link sees them,
    as links in HTML are read (formats/html.py). A "50%" costs one search."""
    m = _URL_ESCAPE.search(text)
    if m is None:
        return text
    out: list[str] = []
    pos = 0
    while m is not None:
        start = m.start()
        while start > pos and text[start - 1] not in _RUN_STOPS:
            start -= 1
        stop = _RUN_END.search(text, m.end())
        end = stop.start() if stop is not None else len(text)
        out.append(text[pos:start])
        out.append(_unquoted(text[start:end]))
        pos = end
        m = _URL_ESCAPE.search(text, end)
    out.append(text[pos:])
    return "".join(out)


# yEnc ("=ybegin line=128 size=1234 name=list.csv" ... "=yend size=1234"), as news
# readers post files, and BinHex 4.0, as old Mac mail programs send them.
_Y_BEGIN = re.compile(r"^=ybegin (?:part=\d+ )?[^\r\n]*?name=([^\r\n]+?)[ \t]*\r?\n(?:=ypart [^\r\n]*\r?\n)?", re.M)
_Y_END = re.compile(r"^=yend[^\r\n]*\r?$", re.M)
_BINHEX_MARK = "(This file must be converted with BinHex"
_BINHEX_ALPHABET = "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr"
_BINHEX_VALUE = {c: i for i, c in enumerate(_BINHEX_ALPHABET)}


def _blocks(text: str, begin_re: re.Pattern[str], end_re: re.Pattern[str]) -> Iterator[tuple[re.Match[str], re.Match[str]]]:
    """Each block from a begin line to the end line after it, in order. Linear: each search
    starts where the last block ended, and the first begin without an end stops it."""
    pos = 0
    while (begin := begin_re.search(text, pos)) is not None:
        end = end_re.search(text, begin.end())
        if end is None:
            return
        yield begin, end
        pos = end.end()


def _yencoded(text: str, where: str, ctx: ExtractContext):
    """Decode every yEnc block as a file; returns the text without them."""
    rest: list[str] = []
    pos = 0
    for n, (begin, end) in enumerate(_blocks(text, _Y_BEGIN, _Y_END), 1):
        raw = text[begin.end():end.start()].encode("latin-1", "replace")
        out = bytearray()
        escaped = False
        for byte in raw:
            if byte in (10, 13) and not escaped:
                continue
            if byte == 0x3D and not escaped:  # "=": the next byte is escaped
                escaped = True
                continue
            out.append((byte - (106 if escaped else 42)) % 256)
            escaped = False
        rest.append(text[pos:begin.start()])
        pos = end.end()
        file_name = begin.group(1).strip()
        yield from ctx.recurse(bytes(out), file_name, f"{where} > yEnc {sanitise_name(file_name) or f'file {n}'}")
    rest.append(text[pos:])
    return "".join(rest)


def _binhexed(text: str, where: str, ctx: ExtractContext):
    """Decode every BinHex 4.0 file (its data fork) as a file; returns the text without
    them. One that does not decode is reported and left in the text."""
    rest: list[str] = []
    pos = n = 0
    while (mark := text.find(_BINHEX_MARK, pos)) >= 0:
        start = text.find(":", text.find("\n", mark))
        end = text.find(":", start + 1)
        if start < 0 or end < 0:
            break
        n += 1
        decoded = yield from _binhex_file(text[start + 1:end], where, n, ctx)
        rest.append(text[pos:mark] if decoded else text[pos:end + 1])
        pos = end + 1
    rest.append(text[pos:])
    return "".join(rest)


def _binhex_file(encoded: str, where: str, n: int, ctx: ExtractContext):
    """One BinHex file's data fork, read as a file; False when it does not decode."""
    place = f"{where} > BinHex file {n}"
    bits = bits_n = 0
    six = bytearray()
    for ch in encoded:
        value = _BINHEX_VALUE.get(ch)
        if value is None:
            if ch in " \t\r\n":
                continue
            yield Problem("undecodable", place, "BinHex data could not be decoded")
            return False
        bits, bits_n = (bits << 6) | value, bits_n + 6
        if bits_n >= 8:
            bits_n -= 8
            six.append((bits >> bits_n) & 0xFF)
    data = bytearray()  # run-length decoding: 0x90 n repeats the byte before it n times in all
    i = 0
    while i < len(six):
        byte = six[i]
        if byte == 0x90 and i + 1 < len(six):
            count = six[i + 1]
            if count == 0:
                data.append(0x90)
            elif data:
                data.extend(data[-1:] * (count - 1))
            i += 2
            continue
        data.append(byte)
        i += 1
    try:
        size = data[0]
        file_name = data[1:1 + size].decode("mac-roman", "replace")
        header = 1 + size + 1 + 4 + 4 + 2  # name, version, type, creator, flags
        data_len = int.from_bytes(data[header:header + 4], "big")
        body = bytes(data[header + 4 + 4 + 2:header + 4 + 4 + 2 + data_len])  # after both lengths and the CRC
    except IndexError:
        yield Problem("undecodable", place, "BinHex data could not be decoded")
        return False
    if len(body) < data_len:
        yield Problem("corrupt", place, "BinHex data cut short", severe=False)
    yield from ctx.recurse(body, file_name, f"{where} > BinHex {sanitise_name(file_name) or f'file {n}'}")
    return True


# A hex dump: lines of an offset, the bytes in hexadecimal, and mostly the bytes as ASCII
# ("00000000: 4d53 487c 5e7e 5c26  MSH|^~\\&" from xxd, "00000000  ff fe 73 00 75 00  |..s.u.|"
# from hexdump -C, od -A x -t x1z, PowerShell's Format-Hex, a debugger's); hexdump's and
# od -x's default lines give 16-bit words in the machine's (little-endian) order, no ASCII.
# The ASCII column shows text cut every 16 bytes and dots for the rest (UTF-16's zeros, a
# segment's end): the bytes are what a reader of the dump reads.
_DUMP_LINE = re.compile(r"[ \t>]*([0-9a-fA-F]{4,16})(:?)((?:[ \t]{1,4}[0-9a-fA-F]{2,8}(?![^ \t\r\n]))+)([^\r\n]*)")
_DUMP_END = re.compile(r"[ \t>]*([0-9a-fA-F]{4,16})[ \t]*\r?$")
_DUMP_REPEAT = re.compile(r"[ \t>]*\*[ \t]*\r?$")  # "*": the line before, repeated up to the next offset
_DUMP_GAP = re.compile(r"[ \t]{3,}|[ \t]*[|>]")  # where the hex ends on a line's last row: the padding, the ASCII column's bar
_MAX_DUMP_LINE = 64  # bytes a row: more is no dump


def _hex_dumps(text: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """Each hex dump in ``text`` (its first row at offset 0, at the start of a line) whose bytes
    are text or a file of a known kind, read as a nested file ("message body > hex dump 1").
    The dump stays read as the text it is too."""
    n = 0
    pos = 0
    while (at := text.find("0000", pos)) >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        pos = len(text) if end < 0 else end
        if text[start:at].strip(" \t>") or _DUMP_LINE.match(text, start, pos) is None:
            continue
        data, pos = _dump_bytes(text, start)
        if data and readable_bytes(data):
            n += 1
            ctx.check_deadline()
            yield from ctx.recurse(data, "", f"{where} > hex dump {n}")


def _dump_bytes(text: str, start: int) -> tuple[bytes, int]:
    """The bytes of the hex dump whose first row starts at ``start``, and where it ends."""
    rows: list[tuple[str, str, str, str]] = []  # offset, colon, hex, what follows it
    repeats: set[int] = set()
    pos = start
    last = None  # the offset hexdump and od end with: the length
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = _DUMP_LINE.match(text, pos, end)
        if m is not None:
            rows.append((m[1], m[2], m[3], m[4]))
        elif rows and _DUMP_REPEAT.match(text, pos, end):
            repeats.add(len(rows))
        else:
            last = _DUMP_END.match(text, pos, end)
            if last is not None:
                pos = end + 1
            break
        pos = end + 1
    written = [r[0] for r in rows] + ([last.group(1)] if last is not None else [])
    offsets = _dump_offsets(written, [len("".join(r[2].split())) // 2 for r in rows] + [0], repeats)
    words = all(not r[1] and not r[3].strip() and all(len(g) == 4 for g in r[2].split()) for r in rows)
    out = bytearray()
    for i, (_offset, _colon, groups, _after) in enumerate(rows):
        if i + 1 < len(offsets or rows):
            size = offsets[i + 1] - offsets[i] if offsets else _MAX_DUMP_LINE
        else:  # the last row: its hex ends at the padding before the ASCII column
            gap = _DUMP_GAP.search(groups)
            groups, size = (groups[: gap.start()] if gap else groups), _MAX_DUMP_LINE
        row = bytes.fromhex("".join(g[: len(g) // 2 * 2] for g in groups.split()))
        if words:
            row = b"".join(row[j + 1 : j + 2] + row[j : j + 1] for j in range(0, len(row), 2))
        if i + 1 in repeats and offsets:  # "*": this row again up to the next offset
            out += (row[:size] * (size // max(len(row), 1) + 1))[:size]
        else:
            out += row[:size]
        if len(out) > _MAX_DUMP_BYTES:
            break
    if last is not None and offsets:
        del out[offsets[-1] :]  # a 16-bit word's padding
    return bytes(out), pos


_MAX_DUMP_BYTES = 4 << 20  # a dump of more than 4 MB is 20 MB of text: read to there


def _dump_offsets(written: list[str], sizes: list[int], repeats: set[int]) -> list[int] | None:
    """The rows' offsets, read as hexadecimal (or as octal, as od writes them) when each rises
    by at most the bytes its row shows (more before a "*"); None when they do not (then each
    row is read whole)."""
    for base in (16, 8):
        try:
            values = [int(w, base) for w in written]
        except ValueError:
            continue
        steps = [b - a for a, b in zip(values, values[1:], strict=False)]
        if all(0 < step and (step <= sizes[i] or i + 1 in repeats) for i, step in enumerate(steps)):
            return values
    return None


def file_blocks(text: str, where: str, ctx: ExtractContext) -> Generator[Segment | Problem, None, str]:
    """Decode the files written as text in ``text`` (uuencode and xxencode, yEnc, BinHex,
    a signed OpenPGP message's literal data), as a plain body's and an HTML body's text are
    read; returns the text without them. A hex dump's bytes are read too, the dump left in
    the text."""
    if "0000" in text:
        yield from _hex_dumps(text, where, ctx)
    if "begin " in text:
        text = yield from _uuencoded(text, where, ctx)
    if "=ybegin " in text:
        text = yield from _yencoded(text, where, ctx)
    if _BINHEX_MARK in text:
        text = yield from _binhexed(text, where, ctx)
    if _PGP_MESSAGE in text:
        text = yield from _pgp_signed(text, where, ctx)
    return text


_PGP_MESSAGE = "-----BEGIN PGP MESSAGE-----"


def _pgp_signed(text: str, where: str, ctx: ExtractContext):
    """Read the content of each OpenPGP message pasted into ``text`` that is signed but not
    encrypted, as a file; returns the text without those blocks. Ciphertext stays in the text,
    where it is reported as encrypted (dlpgate.mime)."""
    from dlpgate.mime.formats.smime import signed_blocks

    rest: list[str] = []
    pos = 0
    for start, end, file_name, content in signed_blocks(text):
        rest.append(text[pos:start])
        pos = end
        ctx.check_deadline()
        yield from ctx.recurse(content, file_name, f"{where} > signed content")
    rest.append(text[pos:])
    return "".join(rest)


def _unquoted_block(block: str, prefix: str) -> str:
    """A block's lines with the reply's quote marks its begin line carries taken off: as many
    ">" as the prefix has (a data line may itself start with ">"), and the space after them."""
    depth = prefix.count(">")
    if not depth:
        return block
    space = prefix[-1:] in (" ", "\t")
    lines = []
    for line in block.splitlines():
        pos = 0
        for _ in range(depth):
            m = _QUOTE_MARK.match(line, pos)
            if m is None:
                break
            pos = m.end()
        if space and line[pos : pos + 1] in (" ", "\t"):
            pos += 1
        lines.append(line[pos:])
    return "\n".join(lines)


# Prose: words of letters with spaces between them, twice in a line ("of the new clinic").
# A line of uuencode has a space only where it encodes zero bits, xxencode none.
_PROSE_WORDS = re.compile(r"[A-Za-z]{2,} (?=[A-Za-z]{2,})")


def _encoded_block(body: list[bytes]) -> bool:
    """Whether most data lines of a block that would not decode are written as an encoding
    writes them (a damaged or unknown file, unreadable), not prose that a "begin 644 x"
    line happened to start (read as the text it is)."""
    lines = [line.decode("latin-1") for line in body]
    prose = sum(len(_PROSE_WORDS.findall(line)) >= 2 for line in lines)
    return bool(lines) and prose * 2 < len(lines)


def _uuencoded(text: str, where: str, ctx: ExtractContext):
    """Decode every uuencoded (or xxencoded) block as a file; returns the text without them.
    A block that decodes to noise stays in the text, and is reported as unreadable when its
    lines are written in an encoding's alphabet (prose after a "begin" line is no block)."""
    rest: list[str] = []
    pos = 0
    for n, (begin, end) in enumerate(_blocks(text, _UU_BEGIN, _UU_END), 1):
        block = _unquoted_block(text[begin.start() : end.end()], begin.group(1))
        raw = block.encode("latin-1", "replace")
        content, status = uu_decode(raw)
        body = uu_lines(raw) or []
        file_name = begin.group(2).strip()
        kind = "xxencoded" if xxencoded(body) else "uuencoded"
        place = f"{where} > {kind} {sanitise_name(file_name) or f'file {n}'}"
        if status == "undecodable":  # noise, or no uuencode after all: left in the text
            if _encoded_block(body):
                yield Problem("undecodable", place, "uuencoded block could not be decoded")
            rest.append(text[pos : end.end()])
            pos = end.end()
            continue
        rest.append(text[pos : begin.start()])
        pos = end.end()
        if status == "damaged":
            yield Problem("corrupt", place, f"damaged {kind[:-2]} decoded leniently", severe=False)
        yield from ctx.recurse(content, file_name, place)
    rest.append(text[pos:])
    return "".join(rest)
