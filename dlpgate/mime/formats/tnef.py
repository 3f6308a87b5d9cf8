"""Outlook's TNEF (application/ms-tnef, winmail.dat), decoded with tnefparse.

The body (plain text, HTML, or compressed RTF) and every attachment inside are
read; attachments go back through the registry with ``ctx.recurse`` so they
are typed by their bytes like any other file.  String properties of the
message (subject and the like) are scanned too.  An embedded Outlook item
(an attached message, itself TNEF after a 16-byte interface id) is read the
same way, one level deeper.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime import sniff as _sniff
from dlpgate.mime.formats.lzfu import compressed_rtf_body
from dlpgate.mime.text import decode_text, sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

Item = Segment | Problem

# Message-level TNEF attributes that hold text a reader sees.
_TEXT_ATTRIBUTES = frozenset({0x8004, 0x8000})  # attSubject, attFrom
# MAPI string properties that are machine identifiers, not content.
_SKIP_PROPS = frozenset(
    {
        0x001A,  # message class
        0x0E1D,  # normalised subject (a copy of the subject)
        0x1035,  # internet message id
        0x1039,  # references
        0x1042,  # in-reply-to id
        0x3FFA,  # last modifier
        0x0070,  # conversation topic (a copy of the subject)
    }
)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    import tnefparse

    if not data.startswith(_sniff.TNEF_MAGIC):
        yield Problem("corrupt", where, "not a TNEF stream")
        return
    # Checksums are not checked: Outlook writes bad ones often, and the content is still there.
    tnef = tnefparse.TNEF(data, do_checksum=False)
    yield from _body(tnef, where, ctx)
    yield from _properties(tnef, where)
    seen: dict[str, int] = {}
    for attachment in tnef.attachments:
        ctx.check_deadline()
        yield from _attachment(attachment, where, seen, ctx)


def _text(value: object, codepage: str | None = None) -> str:
    if isinstance(value, str):
        return value.rstrip("\x00")
    if isinstance(value, (bytes, bytearray)):
        return decode_text(bytes(value).rstrip(b"\x00"), codepage)[0]
    return ""


def _body(tnef, where: str, ctx: ExtractContext) -> Iterator[Item]:
    codepage = getattr(tnef, "codepage", None)
    if tnef.body:
        yield Segment(_text(tnef.body, codepage), f"{where} > message body")
    if tnef.htmlbody:
        html = tnef.htmlbody
        raw = html.encode("utf-8") if isinstance(html, str) else bytes(html)
        yield from ctx.recurse(raw, "body.html", f"{where} > message body (html)", content_type="text/html")
    compressed = getattr(tnef, "_rtfbody", None)
    if compressed:
        # tnefparse keeps the attribute one byte short (its own reader appends a NUL too)
        yield from compressed_rtf_body(bytes(compressed) + b"\x00", f"{where} > message body (rtf)", ctx)


def _properties(tnef, where: str) -> Iterator[Item]:
    texts = []
    for obj in getattr(tnef, "msgprops", ()):
        if getattr(obj, "name", None) in _TEXT_ATTRIBUTES and isinstance(obj.data, str):
            texts.append(obj.data)
    for prop in getattr(tnef, "mapiprops", ()):
        if getattr(prop, "name", None) in _SKIP_PROPS:
            continue
        values = prop.data if isinstance(prop.data, list) else [prop.data]
        texts.extend(v.rstrip("\x00") for v in values if isinstance(v, str))
    texts = [t for t in texts if t.strip()]
    if texts:
        yield Segment("\n".join(texts), f"{where} > properties")


def _attachment(attachment, where: str, seen: dict[str, int], ctx: ExtractContext) -> Iterator[Item]:
    try:
        name = attachment.long_filename() or ""
    except Exception:
        name = ""
    if not name:
        raw = getattr(attachment, "name", b"") or b""
        name = _text(raw)
    data = getattr(attachment, "data", None)
    label = sanitise_name(name) or "unnamed attachment"
    seen[label] = seen.get(label, 0) + 1
    if seen[label] > 1:
        label = f"{label} ({seen[label]})"
    place = f"{where} > {label}"
    if not isinstance(data, (bytes, bytearray)):
        return
    blob = bytes(data)
    # An embedded object (attach method 5/6): a 16-byte interface id, then the
    # object itself (a TNEF stream for an attached Outlook item, OLE storage...).
    if blob[16:].startswith((_sniff.TNEF_MAGIC, _sniff.OLE_MAGIC)) and _sniff.sniff(blob[:_sniff.PREFIX]) is None:
        blob = blob[16:]
    yield from ctx.recurse(blob, name, place)
