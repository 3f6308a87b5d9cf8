"""Outlook .msg items (extract-msg): subject, body (plain, else HTML), attachments.

Attachments go back through the registry (``ctx.recurse``); an embedded .msg
is read in place, one level deeper, within the same depth limit.

A signed or encrypted item (IPM.Note.SMIME, IPM.Note.SMIME.MultipartSigned) keeps the
message itself in one attachment (smime.p7m): the signed MIME entity, or a CMS blob. Its
attachments are read as stored, so that blob goes to the registry like any attached file
and is read as what its bytes are (a MIME entity walked as a message, signed data opened,
encrypted data reported), not as extract-msg's partial unwrapping of it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._guard import office_encrypted
from dlpgate.mime.formats.lzfu import compressed_rtf_body
from dlpgate.mime.text import sanitise_name
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

Item = Segment | Problem
logging.getLogger("extract_msg").setLevel(logging.CRITICAL)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    import extract_msg

    try:
        msg = extract_msg.openMsg(data, delayAttachments=False)
    except Exception:
        if office_encrypted(data):  # a password-protected Office file sent as an Outlook item
            yield Problem("encrypted", where, "protected Outlook item")
            return
        raise
    try:
        if msg.exists("EncryptionInfo", prefix=False):  # read from the item's own storage: one parse of it
            yield Problem("encrypted", where, "protected Outlook item")
            return
        yield from _item(msg, where, ctx, 0)
    finally:
        msg.close()


def _item(msg, where: str, ctx: ExtractContext, level: int) -> Iterator[Item]:
    from extract_msg.enums import AttachmentType

    from dlpgate.mime.formats.archive import sniff_content_type

    if ctx.depth + level > ctx.limits.max_depth:
        yield Problem("too_deep", where, f"nested more than {ctx.limits.max_depth} deep; not scanned")
        return
    ctx.check_deadline()
    subject = getattr(msg, "subject", None) or ""
    if subject.strip():
        yield Segment(subject, f"{where} > subject")
    # Every body the item has: Outlook shows the HTML or the RTF one, which need not say
    # what the plain one says. The HTML is read as any mail's (its links, comments, data URIs).
    # Only the HTML the item holds: extract-msg would otherwise make one from the RTF body
    # (read below, its HTML with it) or from the plain one, at 20 ms an item.
    signed = _is_signed(msg)
    # A signed item's body property only: extract-msg's falls back to the signed message's
    # text, which its smime.p7m attachment gives whole (read below).
    body = (_safe(lambda: msg.getStringStream(_PLAIN_BODY)) if signed else _safe(lambda: msg.body)) or ""
    if body.strip():
        yield Segment(body, f"{where} > message body")
    html = _safe(lambda: msg.getStream(_HTML_BODY))
    if html:
        raw = html.encode("utf-8") if isinstance(html, str) else bytes(html)
        yield from ctx.recurse(raw, "body.html", f"{where} > message body (html)", content_type="text/html")
    compressed = _safe(lambda: msg.compressedRtf)
    if compressed:
        yield from compressed_rtf_body(bytes(compressed), f"{where} > message body (rtf)", ctx)
    yield from _headers(msg, where)
    if getattr(msg, "isEncrypted", False):
        yield Problem("encrypted", where, "encrypted Outlook item")
    n = 0
    for att in (msg.rawAttachments if signed else getattr(msg, "attachments", ())) or ():
        n += 1
        att_name = (
            getattr(att, "longFilename", None)
            or getattr(att, "shortFilename", None)
            or getattr(att, "name", None)
            or ""
        )
        label = sanitise_name(str(att_name)) or f"attachment {n}"
        place = f"{where} > {label}"
        kind = getattr(att, "type", None)
        data = getattr(att, "data", None)
        if kind == AttachmentType.MSG and data is not None and not isinstance(data, (bytes, bytearray)):
            yield from _item(data, f"{where} > attached message '{label}'", ctx, level + 1)
        elif isinstance(data, (bytes, bytearray)):
            blob = bytes(data)
            yield from ctx.recurse(blob, str(att_name), place, content_type=sniff_content_type(blob, str(att_name)))
        elif kind in (AttachmentType.WEB,):
            continue  # a link, no content
        else:
            yield Problem("unsupported", place, f"Outlook attachment of type {getattr(kind, 'name', kind)}")


_HTML_BODY = "__substg1.0_10130102"  # PR_HTML, as the item stores it
_PLAIN_BODY = "__substg1.0_1000"  # PR_BODY


def _is_signed(msg) -> bool:
    """An S/MIME item (signed or encrypted), whose message is in its smime.p7m attachment."""
    from extract_msg.msg_classes import MessageSignedBase

    return isinstance(msg, MessageSignedBase)


def _safe(fn):
    try:
        return fn()
    except Exception:  # a damaged property is read as absent
        return None


def _headers(msg, where: str) -> Iterator[Item]:
    """The item's headers (transport headers when kept, else built from its
    properties): display names and every field a reader sees, as for mail."""
    from email.message import Message

    from dlpgate.mime.headers import scanned_headers

    header = _safe(lambda: msg.header)
    if not isinstance(header, Message):
        return
    subjects = 0
    for label, name, text in scanned_headers(header):
        if name.lower() == "subject":
            subjects += 1
            if subjects == 1:
                continue  # the subject property is read above
        yield Segment(f"{name}: {text}", f"{where} > header {label}")
