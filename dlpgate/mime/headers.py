"""Header decoding that never raises: RFC 2047 words, RFC 2231 names, 8-bit junk.

Header values are read raw (``Message.raw_items``) so the ``compat32`` policy
never gets the chance to build ``Header`` objects or choke on bare 8-bit
bytes; decoding is done here, leniently.
"""

from __future__ import annotations

import binascii
import codecs
import email.message
import functools
import html
import re
from email.message import Message
from email.policy import compat32
from email.utils import collapse_rfc2231_value, decode_params, getaddresses
from email.utils import unquote as _unquote

import regex

from dlpgate.mime.sniff import MESSAGE_FIELDS
from dlpgate.mime.text import b64decode_lenient, decode_text

_FOLD = re.compile(r"\r?\n(?=[ \t])|\r?\n|\r")
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,75})\?([bBqQ])\?([^?]*?)\?=")
_BLANK = re.compile(r"[ \t]+")


def _fix_8bit(value: str) -> str:
    """Header text from a bytes parse carries raw 8-bit bytes as surrogates."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape")
        return decode_text(raw, None)[0]


def unfold(value: str) -> str:
    return _FOLD.sub("", value) if ("\n" in value or "\r" in value) else value


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words anywhere in ``value``, leniently.

    Adjacent encoded words (only blanks between them) are joined without the
    blanks, and consecutive words in the same charset are decoded together so
    a multi-byte character split across two words survives.
    """
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: list[bytes] = []
    pending_cs: str | None = None
    pos = 0

    def flush() -> None:
        nonlocal pending, pending_cs
        if pending:
            out.append(decode_text(b"".join(pending), pending_cs)[0])
        pending, pending_cs = [], None

    for m in _ENCODED_WORD.finditer(value):
        between = value[pos : m.start()]
        if not (pending and (between == "" or _BLANK.fullmatch(between))):
            flush()
            out.append(between)
        charset = m.group(1).split("*", 1)[0]  # RFC 2231 language suffix
        enc = m.group(2).upper()
        try:
            payload = m.group(3).encode("ascii", "surrogateescape")
        except UnicodeEncodeError:  # 8-bit text inside an encoded word (a script wrote UTF-8 into it)
            payload = m.group(3).encode("utf-8", "surrogateescape")
            charset = "utf-8"
        if enc == "B":
            data, _status = b64decode_lenient(payload)
        else:
            try:
                data = binascii.a2b_qp(payload, header=True)
            except (binascii.Error, ValueError):
                data = payload
        if pending and charset.lower() != (pending_cs or "").lower():
            flush()
        pending_cs = charset
        pending.append(data)
        pos = m.end()
    flush()
    out.append(value[pos:])
    return "".join(out)


def decode_header_value(value: object) -> str:
    """A raw header value as readable text: unfolded, 8-bit fixed, RFC 2047 decoded."""
    if value is None:
        return ""
    text = ""
    try:
        text = value if isinstance(value, str) else str(value)
        text = _fix_8bit(unfold(text))
        return decode_words(text).strip()
    except Exception:  # never let a header stop the scan, nor pass unread: its text as written
        return text.strip()


# A field of a header block with its continuation lines; its name.
_BLOCK_FIELD = re.compile(r"\r?\n(?![ \t])")
_FIELD_NAME = re.compile(r"[!-9;-~]{1,76}")


def decoded_block(text: str) -> str:
    """A header block written as text (a bounce's returned headers, a delivery status
    report's fields) as a mail program shows its fields: each field that holds encoded words
    unfolded onto one line and decoded (decode_header_value); other lines as written."""
    if "=?" not in text:
        return text
    out: list[str] = []
    for field in _BLOCK_FIELD.split(text):
        name, colon, value = field.partition(":")
        if colon and "=?" in value and _FIELD_NAME.fullmatch(name):
            out.append(f"{name}: {decode_header_value(value)}")
        else:
            out.append(field)
    return "\n".join(out)


def raw_values(msg: Message, name: str, index: dict[str, list[str]] | None = None) -> list[str]:
    """Every occurrence of header ``name``, raw (no Header objects); from ``index``
    (``raw_index(msg)``) when the caller has it, for several look-ups in one pass."""
    return (raw_index(msg) if index is None else index).get(name.lower(), [])


def raw_index(msg: Message) -> dict[str, list[str]]:
    """Every header field's raw values by lower-case name, in one pass: ``raw_values`` for all names."""
    out: dict[str, list[str]] = {}
    try:
        for key, value in msg.raw_items():
            if isinstance(key, str):
                name = key.lower()
                text = value if isinstance(value, str) else str(value)
                if name in out:
                    out[name].append(text)
                else:
                    out[name] = [text]
    except Exception:  # what was read before the failure stands
        pass
    return out


def header_text(msg: Message, name: str, index: dict[str, list[str]] | None = None) -> str:
    """The first occurrence of header ``name``, decoded; ``index`` as for ``addresses``."""
    values = raw_values(msg, name, index)
    return decode_header_value(values[0]) if values else ""


def addresses(msg: Message, *names: str, index: dict[str, list[str]] | None = None) -> tuple[str, ...]:
    """Individual addr-specs from every occurrence of the named address headers.

    ``index`` is ``raw_index(msg)`` when the caller has it (one pass over the
    header for several look-ups).
    """
    raws: list[str] = []
    for name in names:
        raws.extend(_as_listed(v) for v in raw_values(msg, name, index))
    if not raws:
        return ()
    pairs, _ok = parsed_address_list(msg, raws)
    return _specs(raws, pairs)


def field_addresses(values: list[str]) -> tuple[str, ...]:
    """``addresses`` of raw field values (folded, 8-bit bytes as surrogates) without
    their message: the one reading of how many addresses a field carries, for
    whoever holds the field's text and not the parsed message (the rewrite)."""
    raws = [_as_listed(v) for v in values]
    if not raws:
        return ()
    plain = plain_pairs(raws)
    return _specs(raws, plain if plain is not None else safe_getaddresses(raws)[0])


def _as_listed(value: str) -> str:
    """A raw address field value as its list is parsed: unfolded, 8-bit fixed, and the
    angle brackets, quotes and ampersands an HTML-escaped paste shows ("Jane &lt;a@x.com&gt;")
    as the characters a reader takes them for (their ";" is no group's end)."""
    value = _fix_8bit(unfold(value))
    if "&" in value:
        value = _HTML_ESCAPED.sub(lambda m: html.unescape(m.group()), value)
    return value


def _specs(raws: list[str], pairs: list[tuple[str, str]]) -> tuple[str, ...]:
    """The addr-specs of the parsed ``pairs`` of ``raws``, and every other ``local@domain``
    the fields show, but the one a person's display name holds beside their name (their
    other address: ``_own_other_address``)."""
    seen: dict[str, None] = {}
    for _name, addr in pairs:
        addr = _as_address(addr)
        if addr and any(c not in " \t" for c in addr):
            seen.setdefault(addr, None)
    decoded = [decode_words(raw) if "=?" in raw else raw for raw in raws]
    if sum(text.count("@") for text in decoded) > sum(1 for a in seen if "@" in a):
        # A list written without commas ("a@x.com b@y.com", one per line) parses into one
        # address or none, a list in encoded words split anywhere (as Python's Header
        # writes one) into its first, yet a reader sees each: every local@domain the
        # fields show counts.
        known = {a.lower() for a in seen}
        known.update(own for name, addr in pairs if name and (own := _own_other_address(name, addr)))
        for text in decoded:
            if not text.isascii():
                text = FORMAT_CHARS_RE.sub("", text)
            for m in _ADDRESS_RE.finditer(text):
                # quotes around it are the display name's ("'a@x.com'" <a@x.com>, as Outlook writes a pasted address)
                found = m.group().strip("'`")
                if found.lower() not in known:
                    known.add(found.lower())
                    seen.setdefault(found, None)
        # a whole list read as one address ("a@x.com, b@y.com" in one encoded word) is its addresses, now counted
        for addr in [a for a in seen if a.count("@") > 1 and _LIST_SEPARATOR.search(a)]:
            if all(m.group().strip("'`").lower() in known for m in _ADDRESS_RE.finditer(addr)):
                del seen[addr]
    return tuple(seen)


def _own_other_address(name: str, addr: str) -> str:
    """The address (lower case) in the display ``name`` of the mailbox ``addr`` that is its
    person's other one, written beside their name ("Jane Reid (also jane.reid@gmail.com)"
    <janereid@hotmail.co.uk>, as a contacts list saves it), else "". Not one in angle
    brackets ("Jane <a@x.com>" <b@y.com>, which a reader or a careless parser takes for the
    mailbox), nor a list (a separator or another address in the name), nor one without a
    person's name beside it ("a@x.com" <b@y.com>): the recipients a reader sees there."""
    if "=?" in name:
        name = decode_words(name)
    if "@" not in name:
        return ""
    found = _ADDRESS_RE.findall(name)
    if len(found) != 1 or "@" not in addr or any(c in name for c in "<>,;"):
        return ""
    named = any(w[0].isupper() for w in _NAME_WORD_RE.findall(name.replace(found[0], " ")))
    return found[0].strip("'`").lower() if named else ""


_NAME_WORD_RE = re.compile(r"[^\W\d_]{2,}")  # a word of a person's name, capitalised


def _as_address(addr: str) -> str:
    """One parsed address as a reader takes it: RFC 2047 decoded, and without what a mail
    program or a word processor glued to it that is no part of it (``_unglued``)."""
    addr = decode_words(addr)
    if not addr.isascii() or "&" in addr:
        addr = _unglued(addr)
    addr = addr.strip().strip("<>").strip()
    if len(addr) > 2 and addr[0] == addr[-1] and addr[0] in "'`":
        addr = addr[1:-1]  # "'a@x.com' <a@x.com>", as Outlook writes a pasted address: its name, the same address
    return addr


def _unglued(addr: str) -> str:
    """``addr`` without the characters glued to it: format characters ("\u202aa@x.com\u202c",
    bidi marks a right-to-left mail program writes around it; "a@sky.com\u200b"), HTML's
    escaped angle brackets and quotes, angle brackets of other scripts and typography
    ("Jane «a@x.com»", read as "Jane <a@x.com>": the address inside), and typographic
    quotes ("“a@x.com”", as Word writes them). Else the domain would read
    "gmail.com”", no domain a list names."""
    addr = FORMAT_CHARS_RE.sub("", addr)
    if "&" in addr:
        addr = _HTML_ESCAPED.sub(lambda m: html.unescape(m.group()), addr)
    addr = addr.translate(_ANGLE_BRACKETS)
    if "<" in addr:
        inner = addr.rpartition("<")[2].partition(">")[0]
        if "@" in inner:
            addr = inner
    return addr.strip().strip(_TYPOGRAPHIC_QUOTES).strip()


# Characters that show nothing: Unicode's format characters (category Cf: zero-width
# space and joiners, a word joiner, a BOM, a soft hyphen, the bidi marks, embeddings and
# isolates U+200E-U+200F, U+202A-U+202E, U+2066-U+2069, tag characters).
FORMAT_CHARS_RE = regex.compile(r"\p{Cf}")
# HTML's escapes of the angle brackets, the double quote and the ampersand ("&lt;", "&#60;",
# "&#x3C;", "&amp;"): pasted from a web page, each as the character it stands for.
_HTML_ESCAPED = re.compile(r"&(?:lt|gt|quot|amp|#0*(?:60|62|34|38)|#x0*(?:3c|3e|22|26));", re.IGNORECASE)
# Angle brackets as other scripts and typography write them: guillemets, fullwidth, CJK and mathematical ones.
_ANGLE_BRACKETS = str.maketrans("\u00ab\u00bb\u2039\u203a\uff1c\uff1e\u3008\u3009\u27e8\u27e9\u2329\u232a",
                                "<><><><><><>")
# Typographic quotes: curly double and single ones, low-9 and reversed-9 ones.
_TYPOGRAPHIC_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a\u201b\u201f"
_LIST_SEPARATOR = re.compile(r"[\s,;]")
# Text a reader takes for an address: local@domain with a dot in the domain.
_ADDRESS_RE = re.compile(r"[\w.+%'=!#$&*/?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def filename(part: Message, index: dict[str, list[str]] | None = None) -> str:
    """The part's file name (RFC 2231 and RFC 2047 forms), decoded, unsanitised; ``index``
    is ``raw_index(part)`` when the caller has it."""
    try:
        found = _filename_param(part, index)
        name = "" if found is None else rfc2231_text(found).strip()
    except Exception:
        return ""
    if not name:
        return ""
    return decode_header_value(name)


def rfc2231_text(value: ParamValue) -> str:
    """A parameter's value as text: an RFC 2231 value (charset, language, its bytes as
    Latin-1 characters) decoded as a body's text is, by what its bytes are under its
    label (decode_text: UTF-8 under "iso-8859-1" reads as UTF-8); else as the standard
    library's collapse_rfc2231_value reads it."""
    if not isinstance(value, tuple):
        return collapse_rfc2231_value(value)
    charset, _language, text = value
    try:
        raw = bytes(text, "raw-unicode-escape")
    except UnicodeEncodeError:
        return collapse_rfc2231_value(value)
    return decode_text(raw, charset or None)[0]


def filenames(part: Message, index: dict[str, list[str]] | None = None) -> list[str]:
    """Every name the part gives itself (Content-Disposition filename, Content-Type
    name; RFC 2231 and RFC 2047 forms), decoded, distinct; ``index`` is
    ``raw_index(part)`` when the caller has it."""
    out: list[str] = []
    if index is None:
        index = raw_index(part)
    for name, header in (("filename", "content-disposition"), ("name", "content-type")):
        try:
            value = get_param(part, name, header, index)
            if isinstance(value, tuple):  # RFC 2231 triple
                value = rfc2231_text(value)
        except Exception:
            continue
        if value:
            text = decode_header_value(str(value))
            if text and text not in out:
                out.append(text)
    # Names a client may pick instead: a repeated parameter or header (one
    # client takes the first, another the last).
    for header in ("content-disposition", "content-type"):
        for raw in index.get(header, []):
            for m in _NAME_PARAM.finditer(unfold(raw)):
                text = _param_text(m.group(1), m.group(2))
                if text and text not in out and not any(text in seen for seen in out):
                    out.append(text)
    return out


_NAME_PARAM = re.compile(r"(?:^|;)\s*(?:file)?name(\*\d*\*?)?\s*=\s*(\"(?:[^\"\\]|\\.)*\"|[^;\s]*)", re.I)


def _param_text(star: str | None, value: str) -> str:
    value = value.strip()
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        value = re.sub(r"\\(.)", r"\1", value[1:-1])
    if star and star.endswith("*"):  # RFC 2231: charset'language'percent-encoded
        from urllib.parse import unquote_to_bytes

        charset, _, rest = value.partition("'")
        _lang, _, encoded = rest.partition("'")
        if encoded or rest:
            return decode_text(unquote_to_bytes(encoded or rest), charset or None)[0].strip()
    return decode_header_value(value)


_BOUNDARY_PARAM = re.compile(r"(?:^|;)\s*boundary\s*(\*0?\*?)?\s*=\s*(\"[^\"]*\"|[^;\s]*)", re.I)


def ambiguities(
    part: Message, index: dict[str, list[str]] | None = None, data: bytes | None = None, codings: bool = True
) -> list[str]:
    """Header fields mail clients read in different ways: each a short description.

    A Content-Type or Content-Transfer-Encoding given twice with different
    readings, or a boundary parameter given twice with different values: one
    client takes the first, another the last, so what the gateway reads may
    not be what the recipient sees. Values that read the same are no rivals:
    the same type and parameters however quoted, ordered or cased, two names of
    one charset, 7bit / 8bit / binary; and, when ``data`` (the part's decoded
    bytes) is given, charsets under which those bytes are the same text.
    ``index`` is ``raw_index(part)`` when the caller has it. Without ``codings``
    the transfer encodings are left to the caller (a leaf part reads its content
    under each: see rival_codings).
    """
    out = []
    if index is None:
        index = raw_index(part)
    ctypes = index.get("content-type", [])
    if len(ctypes) > 1:
        readings = {_type_reading(v) for v in ctypes}
        if len(readings) > 1 and not _same_text(readings, data):
            out.append(f"content-type given {len(ctypes)} times with different values")
    if codings and rival_codings(part, index):
        out.append(coding_ambiguity(part, index))
    for value in ctypes[:1]:
        boundaries = {m.group(2).strip('"') for m in _BOUNDARY_PARAM.finditer(unfold(value))}
        if len(boundaries) > 1:
            out.append("boundary parameter given more than once with different values")
    return out


_TypeReading = tuple[str, frozenset[tuple[str, str]]]


def _type_reading(value: str) -> _TypeReading:
    """A Content-Type value as a client reads it: the type and the parameters (names in
    lower case, values unquoted; a charset by its codec's name)."""
    fetched = _fetched(unfold(value))
    kind = fetched.partition(";")[0]
    params = set()
    for name, found in _split_params(fetched)[1:]:
        text = collapse_rfc2231_value(found) if isinstance(found, tuple) else _unquote(found)
        name = name.lower()
        if name == "charset":
            text = _codec_name(text)
        params.add((name, text))
    return " ".join(kind.lower().split()), frozenset(params)


def _codec_name(label: str) -> str:
    label = label.strip().strip("\"'").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label


def _coding(value: str) -> str:
    """A Content-Transfer-Encoding value as it is read: unquoted, in lower case."""
    return _fix_8bit(unfold(value)).strip().strip("\"'").lower()


def rival_codings(part: Message, index: dict[str, list[str]] | None = None) -> list[str]:
    """The Content-Transfer-Encoding values after the first that read otherwise than it
    (one of each reading; see _coding_reading); empty when it is given once, or every
    time to the same effect."""
    ctes = raw_values(part, "content-transfer-encoding", index)
    if len(ctes) < 2:
        return []
    seen = {_coding_reading(ctes[0])}
    out = []
    for value in ctes[1:]:
        reading = _coding_reading(value)
        if reading not in seen:
            seen.add(reading)
            out.append(value)
    return out


def coding_ambiguity(part: Message, index: dict[str, list[str]] | None = None) -> str:
    return f"content-transfer-encoding given {len(raw_values(part, 'content-transfer-encoding', index))} times with different values"


def _coding_reading(value: str) -> str:
    """A transfer encoding's value compared with another's: its blanks run together, and the
    encodings that leave the bytes as they are (7bit, 8bit, binary) one."""
    coding = " ".join(unfold(value).lower().split()).strip("\"'")
    return "" if coding in _IDENTITY_ENCODINGS else coding


def _same_text(readings: set[_TypeReading], data: bytes | None) -> bool:
    """Whether readings that differ only in their charset show ``data`` as the same text."""
    if data is None or len({(kind, frozenset(p for p in params if p[0] != "charset")) for kind, params in readings}) > 1:
        return False
    texts = set()
    for cs in {dict(params).get("charset", "us-ascii") for _kind, params in readings}:
        try:
            texts.add(data.decode(cs))
        except (LookupError, UnicodeDecodeError):
            return False
        if len(texts) > 1:
            return False
    return True


# Types whose content is a message or its header block (RFC 2046, RFC 6532, RFC 6522).
ENCLOSING_TYPES = frozenset({"message/rfc822", "message/global", "text/rfc822-headers"})
_IDENTITY_ENCODINGS = frozenset({"", "7bit", "8bit", "binary"})


def enclosed_header_start(part: Message, index: dict[str, list[str]] | None = None) -> int:
    """How many of the part's header fields are its own when the enclosed message's
    header block runs on straight after them (no blank line between); 0 otherwise.

    A bounce's returned message written as
    ``Content-Type: message/rfc822`` then ``Received: ...``, ``From: ...``,
    ``Content-Type: multipart/alternative; ...``: the part's own MIME fields are
    the leading Content-* run (one Content-Type, of a type that encloses a message;
    no transfer encoding that changes bytes), and the rest is a message's
    header block (two of the fields every message has, as a saved message is
    recognised). Read with the blank line put back, the second Content-Type is the
    enclosed message's, not a rival to the part's. The reading is exact: a client
    that takes the last Content-Type shows the same body under the same type.
    """
    if index is None:
        index = raw_index(part)
    ctypes = index.get("content-type", [])
    if not ctypes or _fetched(ctypes[0]).partition(";")[0].strip().lower() not in ENCLOSING_TYPES:
        return 0
    names = [name.lower() for name, _value in header_fields(part)]
    own = 0
    while own < len(names) and names[own].startswith("content-"):
        own += 1
    if names[:own].count("content-type") != 1:
        return 0
    encodings = index.get("content-transfer-encoding", [])[: names[:own].count("content-transfer-encoding")]
    if any(_coding(v) not in _IDENTITY_ENCODINGS for v in encodings):
        return 0
    known = sum(name.encode("ascii", "replace") in MESSAGE_FIELDS for name in names[own:])
    return own if known >= 2 else 0


def content_type(part: Message, index: dict[str, list[str]] | None = None) -> str:
    """``maintype/subtype`` in lower case; text/plain when missing or invalid."""
    try:
        ctype = get_content_type(part, index)
    except Exception:
        return "text/plain"
    return ctype if isinstance(ctype, str) else "text/plain"


def charset(part: Message, index: dict[str, list[str]] | None = None) -> str | None:
    try:
        cs = get_param(part, "charset", "content-type", index)
    except Exception:
        return None
    if cs is None:
        return None
    if isinstance(cs, tuple):  # RFC 2231 form: (charset, language, value)
        cs = cs[2]
    cs = _fix_8bit(str(cs)).strip().strip("\"'")
    return cs or None


def flowed(part: Message, index: dict[str, list[str]] | None = None) -> tuple[bool, bool]:
    """(format=flowed, delsp=yes) of a text/plain part (RFC 3676)."""
    if not any("flowed" in v.lower() for v in raw_values(part, "content-type", index)):
        return False, False  # most parts: the parameters are not parsed at all
    try:
        fmt = get_param(part, "format", "content-type", index)
        delsp = get_param(part, "delsp", "content-type", index)
    except Exception:
        return False, False
    on = isinstance(fmt, str) and fmt.strip().strip("\"'").lower() == "flowed"
    return on, on and isinstance(delsp, str) and delsp.strip().strip("\"'").lower() == "yes"


def disposition(part: Message, index: dict[str, list[str]] | None = None) -> str:
    try:
        return (get_content_disposition(part, index) or "").lower()
    except Exception:
        return ""


# --- the stdlib's readings of the structure fields, from the index ----------------
#
# ``Message.get_param`` & co look the field up again and split its parameters
# again on every call (a part's file name, names and charset are five parses of
# two fields). These give what they give (tests/mime/test_param_fast_paths.py
# compares them on every test message and on generated fields) for the compat32
# messages the parser makes, reading the field's first value from ``raw_index``
# and splitting each value once per part, with the stdlib's own splitter and
# RFC 2231 decoder. Any other message is asked directly.

_parseparam = email.message._parseparam  # type: ignore[attr-defined]
_PARAM_LISTS = "_dlpgate_param_lists"
ParamValue = str | tuple[str | None, str | None, str]


def _fetched(value: str) -> str:
    """A raw value as compat32's ``Message.get`` hands it to the parameter splitter
    (which makes it a str): 8-bit bytes (surrogates) become a Header whose text has
    U+FFFD for them."""
    if value.isascii():
        return value
    return str(compat32.header_fetch_parse("", value))


def _split_params(value: str) -> list[tuple[str, ParamValue]]:
    """``Message._get_params_preserve`` on a field whose value (as fetched) is ``value``."""
    params: list[tuple[str, str]] = []
    for p in _parseparam(value):
        try:
            name, val = p.split("=", 1)
            name = name.strip()
            val = val.strip()
        except ValueError:  # a bare attribute
            name = p.strip()
            val = ""
        params.append((name, val))
    return decode_params(params)


def _param_list(part: Message, header: str, value: str) -> list[tuple[str, ParamValue]]:
    """The parameters of ``header`` whose first raw value is ``value``, split once per part
    (kept on the part, by value: a field set again is split again). The caller must not
    change the list."""
    memo = vars(part).get(_PARAM_LISTS)
    if memo is None:
        memo = {}
        setattr(part, _PARAM_LISTS, memo)
    key = (header, value)
    got = memo.get(key)
    if got is None:
        got = memo[key] = _split_params(_fetched(value))
    return got


def _first_value(part: Message, header: str, index: dict[str, list[str]] | None) -> str | None:
    values = raw_values(part, header, index)
    return values[0] if values else None


def _param(part: Message, param: str, header: str, index: dict[str, list[str]] | None) -> ParamValue | None:
    """What ``part.get_param(param, header=header)`` gives: the value, or None when the
    field or the parameter is missing."""
    if part.policy is not compat32:
        return part.get_param(param, None, header=header)
    value = _first_value(part, header, index)
    if value is None:
        return None
    wanted = param.lower()
    for key, found in _param_list(part, header, value):
        if key.lower() == wanted:
            if isinstance(found, tuple):
                return found[0], found[1], _unquote(found[2])
            return _unquote(found)
    return None


def get_param(
    part: Message,
    param: str,
    header: str = "content-type",
    index: dict[str, list[str]] | None = None,
    failobj: object = None,
) -> object:
    """``part.get_param(param, failobj, header=header)``; ``index`` is ``raw_index(part)``
    when the caller has it."""
    value = _param(part, param, header, index)
    return failobj if value is None else value


def _filename_param(part: Message, index: dict[str, list[str]] | None = None) -> ParamValue | None:
    """The part's file name parameter as written: Content-Disposition's filename, else
    Content-Type's name (as ``part.get_filename()`` looks)."""
    name = _param(part, "filename", "content-disposition", index)
    return _param(part, "name", "content-type", index) if name is None else name


def get_filename(part: Message, index: dict[str, list[str]] | None = None) -> str | None:
    """``part.get_filename()``; ``index`` as for ``get_param``."""
    name = _filename_param(part, index)
    return None if name is None else collapse_rfc2231_value(name).strip()


def get_boundary(part: Message, index: dict[str, list[str]] | None = None) -> str | None:
    """``part.get_boundary()``; ``index`` as for ``get_param``."""
    boundary = _param(part, "boundary", "content-type", index)
    if boundary is None:
        return None
    return collapse_rfc2231_value(boundary).rstrip()


def get_text(part: Message, name: str, index: dict[str, list[str]] | None = None) -> str | None:
    """``str(part.get(name))``, or None when the field is missing; ``index`` as for ``get_param``."""
    if part.policy is not compat32:
        value = part.get(name)
        return None if value is None else str(value)
    value = _first_value(part, name, index)
    return None if value is None else _fetched(value)


def get_content_type(part: Message, index: dict[str, list[str]] | None = None) -> str:
    """``part.get_content_type()``; ``index`` as for ``get_param``."""
    if part.policy is not compat32:
        return part.get_content_type()
    value = get_text(part, "content-type", index)
    if value is None:
        return part.get_default_type()
    ctype = value.partition(";")[0].strip().lower()
    return ctype if ctype.count("/") == 1 else "text/plain"


def get_content_disposition(part: Message, index: dict[str, list[str]] | None = None) -> str | None:
    """``part.get_content_disposition()``; ``index`` as for ``get_param``."""
    if part.policy is not compat32:
        return part.get_content_disposition()
    value = get_text(part, "content-disposition", index)
    return None if value is None else value.partition(";")[0].strip().lower()


def transfer_encoding(part: Message, index: dict[str, list[str]] | None = None) -> str:
    values = raw_values(part, "content-transfer-encoding", index)
    return _coding(values[0]) if values else ""


# --- address lists that never recurse too deep ---------------------------------

# email.utils.getaddresses recurses once per nested comment or group: thousands
# of "(" or "g:" in one header blow the stack.  Lists nested deeper than this
# are read approximately instead (see safe_getaddresses).
MAX_ADDRESS_NESTING = 200
_ADDR_SPEC = re.compile(r"[^\s<>()\[\],;:\"\\]+@[^\s<>()\[\],;:\"\\]+")
_MAILTO_RE = re.compile(r"(?i)(?<![\w.])mailto:(?=[^\s@]+@)")


def _shallow(value: str) -> bool:
    """``_nesting(value) <= MAX_ADDRESS_NESTING``; counted in C first, since the nesting
    can be no deeper than the number of "(" and no more than the number of ":"."""
    if value.count("(") <= MAX_ADDRESS_NESTING and value.count(":") <= MAX_ADDRESS_NESTING:
        return True
    return _nesting(value) <= MAX_ADDRESS_NESTING


def _nesting(value: str) -> int:
    """Deepest comment nesting, or the number of group colons, whichever is larger."""
    depth = deepest = 0
    quoted = escaped = False
    colons = 0
    for ch in value:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif quoted:
            quoted = ch != '"'
        elif ch == '"' and depth == 0:
            quoted = True
        elif ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ":" and depth == 0:
            colons += 1
    return max(deepest, colons)


def safe_getaddresses(values: list[str]) -> tuple[list[tuple[str, str]], bool]:
    """``getaddresses(values)`` that never raises; ``(pairs, ok)``.

    ``ok`` is False when the list could not be parsed properly (nested too
    deep, or the parser failed): the addr-specs in it are then picked out by
    pattern, without display names.
    """
    values = [v if isinstance(v, str) else str(v) for v in values]
    # "Name <mailto:a@x>", "mailto:a@x; mailto:b@y": links pasted from a spreadsheet or a
    # web page, whose addresses a reader sees (and whose colons are no groups)
    values = [_MAILTO_RE.sub("", v) if "mailto:" in v.lower() else v for v in values]
    if all(_shallow(v) for v in values):
        try:
            return getaddresses(values), True
        except Exception:  # RecursionError and parser bugs alike
            pass
    pairs = [("", m.group()) for v in values for m in _ADDR_SPEC.finditer(v)]
    return pairs, False


_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_SPEC = rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
# A plain addr-spec: dot-separated atoms, "@", a dot-separated domain.
PLAIN_ADDRESS = re.compile(_PLAIN_SPEC)
# One entry of a plain address list: an addr-spec of dot-separated atoms, alone, or in
# angle brackets after nothing, a display name of plain words or a quoted one without
# escapes; then the comma before the next entry, or the end.
_PLAIN_ENTRY = re.compile(
    rf""" *(?:(?:([A-Za-z0-9'-]+(?: [A-Za-z0-9'-]+)*) *|"([^"\\\r\n]*)" *)?<({_PLAIN_SPEC})>|({_PLAIN_SPEC})) *(,|\Z)"""
)


def plain_pairs(values: list[str]) -> list[tuple[str, str]] | None:
    """What ``getaddresses(values)`` gives when every comma-separated entry is plain
    (``_PLAIN_ENTRY``); None for anything else (tests compare the two)."""
    pairs = []
    for value in values:
        pos = 0
        while True:
            m = _PLAIN_ENTRY.match(value, pos)
            if m is None:
                return None
            words, quoted, spec, bare = m.group(1, 2, 3, 4)
            pairs.append((words or quoted or "", spec) if spec else ("", bare))
            if not m.group(5):
                break
            pos = m.end()
    return pairs


_PARSED_LISTS = "_dlpgate_address_lists"


def parsed_address_list(msg: Message, raws: list[str]) -> tuple[list[tuple[str, str]], bool]:
    """``safe_getaddresses(raws)`` for address fields of ``msg``, parsed once per message.

    The envelope facts (``addresses``) and the problem check
    (``address_problem_fields``) read the same From, To and Cc lists: the result
    is kept on the message object, so it lives as long as the inspection. The
    caller must not change the pairs.
    """
    memo = getattr(msg, _PARSED_LISTS, None)
    if not isinstance(memo, dict):
        memo = {}
        try:
            setattr(msg, _PARSED_LISTS, memo)
        except AttributeError:  # an object that takes no attributes: parsed every time
            pass
    key = tuple(raws)
    got = memo.get(key)
    if got is None:
        plain = plain_pairs(raws) if all(isinstance(v, str) for v in raws) else None
        got = memo[key] = (plain, True) if plain is not None else safe_getaddresses(raws)
    return got


def address_problem_fields(msg: Message, index: dict[str, list[str]] | None = None) -> list[str]:
    """Address header names whose lists cannot be parsed properly; ``index`` is
    ``raw_index(msg)`` when the caller has it."""
    out = []
    if index is None:
        index = raw_index(msg)
    for name in ADDRESS_FIELDS:
        values = index.get(name)
        if values and not parsed_address_list(msg, [_fix_8bit(unfold(v)) for v in values])[1]:
            out.append(name)
    return out


# --- every header a reader can see -----------------------------------------------

ADDRESS_FIELDS = (
    "from",
    "to",
    "cc",
    "bcc",
    "reply-to",
    "sender",
    "resent-from",
    "resent-to",
    "resent-cc",
    "resent-bcc",
    "resent-sender",
    "disposition-notification-to",
    "return-receipt-to",
    "mail-followup-to",
    "mail-reply-to",
    "errors-to",
    "apparently-to",
)
_ADDRESS_SET = frozenset(ADDRESS_FIELDS)

# Header fields that no mail client shows and that are full of machine IDs,
# hashes, dates and routing data: trace fields (RFC 5321/5322), transport and
# structure fields (RFC 2045/2183: content type and disposition parameters are
# read separately, names included), message identifiers, signatures and
# authentication results, and list URLs.  Everything else is scanned: Subject
# (each occurrence), Comments, Keywords, Organization, Thread-Topic,
# Content-Description, and every X- header except the vendor families below.
MACHINE_FIELDS = frozenset(
    {
        "received",
        "return-path",
        "delivered-to",
        "x-original-to",
        "envelope-to",
        "x-envelope-from",
        "x-envelope-to",
        "dkim-signature",
        "domainkey-signature",
        "authentication-results",
        "received-spf",
        "message-id",
        "resent-message-id",
        "content-id",
        "in-reply-to",
        "references",
        "date",
        "resent-date",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "content-length",
        "content-md5",
        "lines",
        "status",
        "x-status",
        "x-keywords",
        "x-uid",
        "x-uidl",
        "thread-index",
        "x-ms-tnef-correlator",
        "x-ms-has-attach",
        "x-originating-ip",
        "x-source-ip",
        "x-mailer",
        "user-agent",
        "x-mimeole",
        "x-msmail-priority",
        "x-priority",
        "importance",
        "priority",
        "precedence",
        "auto-submitted",
        "list-unsubscribe",
        "list-unsubscribe-post",
        "list-subscribe",
        "list-post",
        "list-help",
        "list-archive",
        "list-owner",
        "feedback-id",
        "x-feedback-id",
        "autocrypt",
        "openpgp",
        "x-face",
        "face",
        "x-pgp-key",
        "path",
        "xref",
        "nntp-posting-host",
        "nntp-posting-date",
        "x-trace",
        "x-complaints-to",
        "accept-language",
        "content-language",
        "x-account-key",
        "x-mozilla-status",
        "x-mozilla-status2",
        "x-mozilla-keys",
        "x-apple-base-url",
        "x-apple-mail-remote-attachments",
        "x-universally-unique-identifier",
        "x-smtpapi",
        "tls-required",
        "require-recipient-valid-since",
        "x-beenthere",
        "x-mailman-version",
        "x-mailman-approved-at",
        "x-sieve",
        "delivery-date",
        "original-envelope-id",
        "reporting-mta",
        "received-from-mta",
        "arrival-date",
        "remote-mta",
        "last-attempt-date",
        "will-retry-until",
        "x-original-message-id",
        "x-forwarded-message-id",
        "x-mirrored-by",
        "content-class",
        "x-campaignid",
        "x-campaign-id",
        "x-mailgun-variables",
        "x-entity-id",
        "x-pmflags",
        "x-rcpt-to",
        "x-sender-ip",
        "x-client-ip",
        "x-remote-ip",
    }
)
MACHINE_PREFIXES = (
    "arc-",
    "x-ms-",
    "x-microsoft-",
    "x-forefront-",
    "x-exchange-",
    "x-google-",
    "x-gm-",
    "x-received",
    "x-spam",
    "x-virus",
    "x-amavis",
    "x-ironport-",
    "x-proofpoint-",
    "x-mimecast-",
    "x-sophos-",
    "x-barracuda-",
    "x-mailgun-",
    "x-sg-",
    "x-ses-",
    "x-amazon-",
    "x-yahoo-",
    "x-ymail-",
    "x-aol-",
    "x-apple-",
    "x-dkim",
    "x-authentication-",
    "x-auth",
    "x-originating",
    "x-antiabuse",
    "x-antivirus",
    "x-scanned",
    "x-cmae-",
    "x-halon-",
    "x-mc-",
    "x-sender-id",
    "x-report-abuse",
    "x-abuse",
    "x-csa-",
    "x-rspamd-",
    "x-policy",
    "x-cloudmark",
    "x-eopattributedmessage",
    "x-eoptenantattributedmessage",
    "x-crosspremises",
    "x-organizationheaderspreserved",
    "x-userprincipalname",
    "x-ld-processed",
    "x-headers-end",
    "ironport-",
    "x-ibm-",
    "x-tm-",
    "x-imss-",
    "x-ipas-",
    "x-mga-",
    "x-mailru-",
    "x-dmarc-",
    "x-postfix-",
    "x-mdaemon-",
    "x-originalarrivaltime",
    "x-watchguard-",
    "x-av-",
    "x-mras",
    "x-cbid",
    "x-cbparentid",
    "x-filterd-",
    "x-he-tag",
    "x-session-marker",
    "x-get-message-sender-via",
    "x-tnefevaluated",
    "x-llnoutbound",
    "x-keepsent",
    "x-length",
    "x-vm-",
    "x-loop",
    "x400-",
    "x-dsncontext",
    "x-mime-autoconverted",
    "x-return-path",
    "x-authority",
    "x-msg-ref",
    "x-message-id",
    "x-message-ref",
    "x-queue-id",
    "x-qq-",
    "x-hmail-",
    "x-zoho",
    "x-zm-",
    "x-fe-",
    "x-trace",
    "x-track",
    "x-job",
    "x-mid",
    "x-uid",
    "x-guid",
    "x-request-id",
    "x-correlation-id",
    "x-transaction-id",
    "x-smtp-",
    "x-pm-",
    "x-pobox-",
    "x-ovh-",
    "x-gmx-",
    "x-ui-",
    "x-provags-",
    "x-kasper",
    "x-kse-",
    "x-symantec",
    "x-brightmail",
    "x-trendmicro",
    "x-exclaimer",
    "x-codetwo",
    "x-egress",
    "x-cm-",
    "x-ctch-",
    "x-eset",
    "x-fortinet",
    "x-fe-",
    "x-seg-",
    "x-forcepoint",
    "x-tessian",
    "x-purgate",
    "x-eleven-",
    "x-ncjf-",
    "x-mailcontrol",
    "x-messagelabs",
    "x-msw-",
    "x-ef-",
    "x-mimeole",
    "x-ms-",
)


def is_machine_field(name: str) -> bool:
    return _is_machine_key(name.strip().lower())


@functools.lru_cache(maxsize=4096)  # field names: the same few hundred, message after message
def _is_machine_key(key: str) -> bool:
    return key in MACHINE_FIELDS or key.startswith(MACHINE_PREFIXES)


_ANGLE_ADDR = re.compile(r"<[^<>]*>")
_LEFTOVER = re.compile(r"[\s,;:<>]+")


#: What the label of an address header's display text ends with ("To (display names)").
DISPLAY_NAMES = " (display names)"


def display_text(value: str) -> str:
    """What an address header shows besides the addresses: display names,
    group names and comments (decoded), addresses removed."""
    text = _ANGLE_ADDR.sub(" ", value)
    text = _ADDR_SPEC.sub(" ", text)
    text = _LEFTOVER.sub(" ", text).strip()
    return text.replace('"', "").strip()


def header_fields(msg: Message) -> list[tuple[str, str]]:
    """``(name as written, raw value)`` of every header field, in order."""
    try:
        return [(k if isinstance(k, str) else str(k), v if isinstance(v, str) else str(v)) for k, v in msg.raw_items()]
    except Exception:
        return []


def scanned_headers(msg: Message) -> list[tuple[str, str, str]]:
    """``(label, field name, decoded text)`` for every header a reader can see, in order.

    ``label`` names the field ("Subject", "X-Patient", "To (display names)");
    a field that repeats is numbered from its second occurrence
    ("Subject (2nd)").  Address fields give only their display text.
    """
    out: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    for name, raw in header_fields(msg):
        key = name.strip().lower()
        if not key or is_machine_field(key) and key not in _ADDRESS_SET:
            continue
        seen[key] = seen.get(key, 0) + 1
        label = _field_label(name)
        if key in _ADDRESS_SET:
            text = display_text(decode_header_value(raw))
            label += DISPLAY_NAMES
        else:
            text = decode_header_value(raw)
            if key.startswith("x-"):
                text = _MACHINE_TOKEN.sub(" ", text)
        if seen[key] > 1:
            label += f" ({_ordinal(seen[key])})"
        if text.strip():
            out.append((label, name.strip(), text))
    return out


# A long token with a run of hex digits mixing letters and digits ("819A7A9B",
# a GUID, a hash): a machine identifier, whatever vendor header carries it.
# Dropped from X- fields only, so its timestamps and counters are not read as
# patient numbers; a number a person typed stays.
_MACHINE_TOKEN = re.compile(
    r"(?<!\S)(?=\S*(?=[0-9a-fA-F]{8})(?=[0-9a-fA-F]{0,7}[a-fA-F])(?=[0-9a-fA-F]{0,7}[0-9]))\S{20,}(?!\S)"
)
_LABEL_OK = re.compile(r"[^A-Za-z0-9\-_.]")


@functools.lru_cache(maxsize=4096)  # field names, as for _is_machine_key
def _field_label(name: str) -> str:
    from dlpgate.mime.text import sanitise_name

    # A field name is sender-chosen text too: long digit runs are masked like file names.
    return sanitise_name(_LABEL_OK.sub("?", name.strip())[:60]) or "?"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
