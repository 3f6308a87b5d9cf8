"""Signatures and sealed content: CMS/PKCS#7 (S/MIME) and OpenPGP, read by what they are.

A part is skipped as a signature only when it parses as one: a detached CMS
signedData (no encapsulated content) or an OpenPGP signature (armour or
binary packets).  Opaque-signed S/MIME (signedData *with* content) is
unwrapped and the inner MIME entity walked like a message ("signed
message > message body").  Certificate bundles (certs-only, .p7c) and public
keys hold no content of their own: noted, not held.  envelopedData,
authEnvelopedData, encryptedData and PGP messages are ``Problem("encrypted")``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime import sniff as _sniff
from dlpgate.mime.text import decode_text, looks_like_text
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

Item = Segment | Problem

_PEM = re.compile(rb"-----BEGIN ([A-Z0-9 #]+)-----\s*(.*?)-----END \1-----", re.S)
_HEADER_LINE = re.compile(rb"[!-9;-~]+:")
_ENCRYPTED_KINDS = {
    "enveloped_data": "S/MIME encrypted (envelopedData)",
    "authenticated_enveloped_data": "S/MIME encrypted (authEnvelopedData)",
    "encrypted_data": "CMS encryptedData",
    "signed_and_enveloped_data": "PKCS#7 signedAndEnvelopedData",
}


def extract_cms(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    """A CMS / PKCS#7 object in DER or PEM."""
    der = data if _sniff.is_der_cms(data[: _sniff.PREFIX]) else _from_pem(data)
    if der is None:
        yield Problem("corrupt", where, "not a readable PKCS#7/CMS object")
        return
    yield from _content_info(der, name, where, ctx)


def extract_certificate(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    """An X.509 certificate in DER: whom it names and who issued it, and the names it
    holds (an e-mail address, a host), as its text. Anything else under a certificate's
    label (PEM is text) is read as text."""
    from asn1crypto import x509

    if not _sniff.is_der_certificate(data[: _sniff.PREFIX]):
        from dlpgate.mime.formats import text

        yield from text.extract(data, name, where, ctx)
        return
    try:
        cert = x509.Certificate.load(data)
        lines = [f"Subject: {cert.subject.human_friendly}", f"Issuer: {cert.issuer.human_friendly}"]
        names = cert.subject_alt_name_value
        if names is not None:
            lines.extend(str(n) for n in names.native if n)
    except (ValueError, TypeError, KeyError) as exc:
        yield Problem("corrupt", where, f"not a readable certificate ({type(exc).__name__})")
        return
    yield Segment("\n".join(lines), where)


def _from_pem(data: bytes) -> bytes | None:
    m = _PEM.search(data)
    if m is None:
        return None
    body = b"\n".join(line for line in m.group(2).splitlines() if b":" not in line)
    try:
        return base64.b64decode(b"".join(body.split()), validate=False)
    except (binascii.Error, ValueError):
        return None


def _content_info(der: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    from asn1crypto import cms

    info = cms.ContentInfo.load(der)
    kind = info["content_type"].native
    if kind in _ENCRYPTED_KINDS:
        yield Problem("encrypted", where, _ENCRYPTED_KINDS[kind])
        return
    if kind == "data":
        yield from _inner(info["content"].native or b"", name, where, ctx)
        return
    if kind == "signed_data":
        signed = info["content"]
        signers = len(signed["signer_infos"])
        inner = _encapsulated(signed)
        if inner is None:
            if signers == 0:
                yield Problem("unsupported", where, "certificates only; no content", severe=False)
            # else: a detached signature; the signed content is the part beside it.
            return
        yield from _inner(inner, name, where, ctx)
        return
    if kind == "compressed_data":
        yield from _inner(info["content"].decompressed, name, where, ctx)
        return
    if kind in ("digested_data", "authenticated_data"):
        yield from _inner(_encapsulated(info["content"]) or b"", name, where, ctx)
        return
    yield Problem("unsupported", where, f"CMS content of type {kind}")


def _encapsulated(signed) -> bytes | None:
    """The encapsulated content of a signedData (or similar), None when detached."""
    content = signed["encap_content_info"]["content"]
    native = None if content is None else content.native
    return None if native is None else _octets(native) if not isinstance(native, bytes) else native


def _octets(value: object) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    # Parsed content (eContentType other than id-data): its DER form.
    dump = getattr(value, "dump", None)
    return dump() if callable(dump) else b""


def _inner(content: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    """Encapsulated content: a MIME entity (S/MIME) is walked as a message, anything else is a file."""
    if not content:
        return
    if _looks_like_mime(content):
        yield from ctx.walk_message(content, where)
        return
    inner_name = name[:-4] if name.lower().endswith((".p7m", ".p7s")) else ""
    yield from ctx.recurse(content, inner_name, where)


def _looks_like_mime(content: bytes) -> bool:
    head = content[:4096].lstrip(b"\r\n")
    if not _HEADER_LINE.match(head):
        return False
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].lower()
    return b"content-type:" in block or b"mime-version:" in block


# --- OpenPGP ------------------------------------------------------------------

_ARMOUR = re.compile(
    r"-----BEGIN PGP (MESSAGE|SIGNATURE|PUBLIC KEY BLOCK|PRIVATE KEY BLOCK)-----.*?"
    r"(?:-----END PGP \1-----|\Z)",
    re.S,
)


def extract_pgp(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    """OpenPGP armour or binary packets; text outside armour blocks is scanned."""
    head = data[: _sniff.PREFIX]
    if head[:1] and head[0] & 0x80 and _sniff.is_pgp_packets(head):
        signed = _signed_content(data)
        if signed is not None:
            yield from _read_signed(signed, where, ctx)
            return
        whole = _sniff.pgp_packets(data)
        yield from _packets(whole or _sniff.pgp_packets(head, limit=1) or [], where, whole is not None)
        return
    text, notes = decode_text(data, ctx.charset)
    yield from (Problem(reason, where, detail, severe=False) for reason, detail in notes)
    rest: list[str] = []
    pos = 0
    for n, m in enumerate(_ARMOUR.finditer(text), 1):
        rest.append(text[pos : m.start()])
        pos = m.end()
        if not armoured_base64(m.group()):
            rest.append(m.group())  # armour lines around words: text, read as it is
            continue
        yield from _armoured(m.group(1), _dearmour(m.group()), where, f"{where} > armoured data {n}", ctx)
    rest.append(text[pos:])
    outside = "".join(rest)
    if outside.strip():
        yield Segment(outside, where)


def _armoured(block: str, data: bytes, where: str, inner: str, ctx: ExtractContext) -> Iterator[Item]:
    """What an armour block's base64 holds, by its bytes, not by the armour's label: OpenPGP
    packets as what they are (a signature or key noted, a message encrypted unless signed
    in clear), anything else read as whatever it is."""
    if block == "PRIVATE KEY BLOCK":
        yield Problem("encrypted", where, "PGP private key")
        return
    signed = _signed_content(data) if block == "MESSAGE" else None
    if signed is not None:
        yield from _read_signed(signed, where, ctx)
        return
    tags = _sniff.pgp_packets(data) if data else None
    if tags:
        yield from _packets(tags, where)
    elif block != "MESSAGE" and _starts_as_key_or_signature(data):
        # a key or signature whose packets do not run exactly to the end (an edited one, a
        # version this reader does not know): still a key or a signature, no document
        yield Problem("unsupported", where, f"OpenPGP {block.lower()}: no content (damaged)", severe=False)
    elif block == "MESSAGE" and not _readable(data):
        yield Problem("encrypted", where, "PGP message")  # (damaged packets: ciphertext still)
    elif data:  # no OpenPGP inside: "-----BEGIN PGP PUBLIC KEY BLOCK-----" around a document
        yield Problem("mismatch", where, f"PGP {block.lower()} armour around data that is no OpenPGP", severe=False)
        yield from ctx.recurse(data, "", inner)


def _readable(data: bytes) -> bool:
    """Bytes of a known kind, or plainly text: what an armour's base64 holds when it is a
    document, not ciphertext."""
    found = _sniff.sniff(data) if data else None
    return found is not None and (found.kind != "text" or looks_like_text(data))


def _starts_as_key_or_signature(data: bytes) -> bool:
    header = _sniff.pgp_header(data, 0) if data else None
    return header is not None and (header[0] in _sniff.PGP_KEY_TAGS or header[0] in _sniff.PGP_SIGNATURE_TAGS)


# A line of armour's body: base64, with a reply's quote markers before it.
_ARMOUR_B64_LINE = re.compile(r"[ \t>]*[A-Za-z0-9+/]{4,}={0,2}[ \t]*")
_ARMOUR_HEADER = re.compile(r"[ \t>]*[A-Za-z][A-Za-z-]*: ")


def armoured_base64(block: str) -> bool:
    """True when the lines of an armour block (from its BEGIN line) are base64, as OpenPGP
    writes them; False for armour lines around words ("blah, blah, blah" in a help-desk reply,
    a test message quoted in a list): that is text."""
    b64 = words = 0
    for line in block.splitlines()[1:]:
        body = line.strip(" \t>")
        if not body or body.startswith(("-----", "=")) or _ARMOUR_HEADER.match(line):
            continue  # the END line, the checksum, an armour header ("Version: ...")
        if _ARMOUR_B64_LINE.fullmatch(line):
            b64 += 1
        else:
            words += 1
    return b64 > 0 and b64 >= words


def holds_ciphertext(text: str) -> bool:
    """An armoured OpenPGP message in ``text`` whose lines are base64 (not armour lines around
    words, as a quoted test message has): what any text read from anywhere is checked for."""
    return any(m.group(1) == "MESSAGE" and armoured_base64(m.group()) for m in _ARMOUR.finditer(text))


def signed_blocks(text: str) -> list[tuple[int, int, str, bytes]]:
    """(start, end, file name, content) of each armoured OpenPGP message in ``text`` that is
    signed, not encrypted (``gpg --sign``: compressed literal data, readable by anyone), for
    the readers of text to read in place of the armour; ciphertext is not listed."""
    found = []
    for m in _ARMOUR.finditer(text):
        if m.group(1) == "MESSAGE" and armoured_base64(m.group()):
            signed = _signed_content(_dearmour(m.group()))
            if signed is not None:
                found.append((m.start(), m.end(), *signed))
    return found


def _read_signed(signed: tuple[str, bytes], where: str, ctx: ExtractContext) -> Iterator[Item]:
    name, content = signed
    yield from ctx.recurse(content, name, f"{where} > signed content")


_ARMOUR_BODY = re.compile(r"\r?\n\r?\n(.*?)(?:\r?\n=[A-Za-z0-9+/]{4})?\s*-----END PGP", re.S)


_QUOTE_MARKS = re.compile(r"^[ \t>]*", re.M)


def _dearmour(block: str) -> bytes:
    if "\n>" in block or "\n >" in block:
        block = _QUOTE_MARKS.sub("", block)  # quoted in a reply: "> " before every line
    m = _ARMOUR_BODY.search(block)
    if m is None:
        return b""
    try:
        return base64.b64decode("".join(m.group(1).split()), validate=False)
    except (ValueError, binascii.Error):
        return b""


_MAX_SIGNED = 64 * 1024 * 1024  # bytes of signed content unpacked at most (as max_expanded_bytes)


def _pgp_bodies(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(tag, body) of each OpenPGP packet in ``data`` (partial chunks joined); stops at the
    first that does not parse."""
    pos, n = 0, len(data)
    while pos < n:
        header = _sniff.pgp_header(data, pos)
        if header is None:
            return
        tag, body, length, given = header
        chunks = [data[body:body + length]]
        pos = body + length
        while given == _sniff.PGP_PARTIAL:  # a partial body: this chunk, then another length
            found = _sniff.pgp_new_length(data, pos)
            if found is None:
                return
            length, body, partial = found
            chunks.append(data[body:body + length])
            pos = body + length
            given = _sniff.PGP_PARTIAL if partial else _sniff.PGP_DEFINITE
        yield tag, b"".join(chunks)


def _signed_content(data: bytes, depth: int = 0) -> tuple[str, bytes] | None:
    """(file name, content) of an OpenPGP message that is signed, not encrypted: its
    literal data packet, inside a compressed packet or not. None for anything else."""
    if not data or depth > 2:
        return None
    import bz2
    import zlib

    seen: list[int] = []
    for tag, body in _pgp_bodies(data):
        seen.append(tag)
        if tag in (1, 3, 9, 18, 20):  # session keys or encrypted data: encrypted
            return None
        if tag == 8 and body:  # compressed data: uncompressed, ZIP (raw deflate), ZLIB, BZip2
            algo, packed = body[0], body[1:]
            try:
                if algo == 0:
                    inner = packed
                elif algo == 1:
                    inner = zlib.decompressobj(-15).decompress(packed, _MAX_SIGNED)
                elif algo == 2:
                    inner = zlib.decompressobj().decompress(packed, _MAX_SIGNED)
                elif algo == 3:
                    inner = bz2.BZ2Decompressor().decompress(packed, _MAX_SIGNED)
                else:
                    return None
            except (zlib.error, OSError, ValueError):
                return None
            return _signed_content(inner, depth + 1)
        if tag == 11 and len(body) >= 6:  # literal data: format, name, date, the content
            size = body[1]
            name = body[2:2 + size].decode("utf-8", "replace")
            return name, body[2 + size + 4:]
    return None


def _packets(tags: list[int], where: str, whole: bool = True) -> Iterator[Item]:
    """A signature or a public key holds no content: noted, when its packets make up the
    whole file; packets that start like one but do not run to the end are something else."""
    if not tags:
        yield Problem("corrupt", where, "unreadable OpenPGP data")
    elif all(t in _sniff.PGP_KEY_TAGS or t in _sniff.PGP_SIGNATURE_TAGS for t in tags) and 5 not in tags:
        if whole:
            kind = "signature" if all(t in _sniff.PGP_SIGNATURE_TAGS for t in tags) else "public key"
            yield Problem("unsupported", where, f"OpenPGP {kind}: no content", severe=False)
        else:
            yield Problem("unsupported", where, "bytes that start like an OpenPGP signature or key but are none")
    else:
        yield Problem("encrypted", where, "OpenPGP message")
