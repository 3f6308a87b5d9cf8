"""Header decoding that never raises: RFC 2047 words, RFC 2231 names, 8-bit junk.

Header values are read raw (``Message.raw_items``) so the ``compat32`` policy
never gets the chance to build ``Header`` objects or choke on bare 8-bit
bytes; decoding is done here, leniently.
"""

from __future__ import annotations

import binascii
import re
from email.message import Message
from email.utils import getaddresses

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
        payload = m.group(3).encode("ascii", "surrogateescape")
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
    try:
        text = value if isinstance(value, str) else str(value)
        text = _fix_8bit(unfold(text))
        return decode_words(text).strip()
    except Exception:  # noqa: BLE001 - never let a header stop the scan
        return ""


def raw_values(msg: Message, name: str) -> list[str]:
    """Every occurrence of header ``name``, raw (no Header objects)."""
    name = name.lower()
    out = []
    try:
        for key, value in msg.raw_items():
            if isinstance(key, str) and key.lower() == name:
                out.append(value if isinstance(value, str) else str(value))
    except Exception:  # noqa: BLE001
        pass
    return out


def header_text(msg: Message, name: str) -> str:
    values = raw_values(msg, name)
    return decode_header_value(values[0]) if values else ""


def addresses(msg: Message, *names: str) -> tuple[str, ...]:
    """Individual addr-specs from every occurrence of the named address headers."""
    raws = []
    for name in names:
        raws.extend(_fix_8bit(unfold(v)) for v in raw_values(msg, name))
    if not raws:
        return ()
    try:
        pairs = getaddresses(raws)
    except Exception:  # noqa: BLE001
        return ()
    seen: dict[str, None] = {}
    for _name, addr in pairs:
        addr = decode_words(addr).strip().strip("<>").strip()
        if addr and any(c not in " \t" for c in addr):
            seen.setdefault(addr, None)
    return tuple(seen)


def filename(part: Message) -> str:
    """The part's file name (RFC 2231 and RFC 2047 forms), decoded, unsanitised."""
    try:
        name = part.get_filename()
        if name is None:
            name = part.get_param("name", header="content-type")
            if isinstance(name, tuple):  # RFC 2231 triple
                from email.utils import collapse_rfc2231_value

                name = collapse_rfc2231_value(name)
    except Exception:  # noqa: BLE001
        return ""
    if not name:
        return ""
    return decode_header_value(str(name))


def content_type(part: Message) -> str:
    """``maintype/subtype`` in lower case; text/plain when missing or invalid."""
    try:
        ctype = part.get_content_type()
    except Exception:  # noqa: BLE001
        return "text/plain"
    return ctype if isinstance(ctype, str) else "text/plain"


def charset(part: Message) -> str | None:
    try:
        cs = part.get_param("charset", header="content-type")
    except Exception:  # noqa: BLE001
        return None
    if cs is None:
        return None
    if isinstance(cs, tuple):  # RFC 2231 form: (charset, language, value)
        cs = cs[2]
    cs = _fix_8bit(str(cs)).strip().strip("\"'")
    return cs or None


def disposition(part: Message) -> str:
    try:
        return (part.get_content_disposition() or "").lower()
    except Exception:  # noqa: BLE001
        return ""


def transfer_encoding(part: Message) -> str:
    values = raw_values(part, "content-transfer-encoding")
    if not values:
        return ""
    return _fix_8bit(unfold(values[0])).strip().strip("\"'").lower()
