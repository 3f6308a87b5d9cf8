"""The part-tree walker: visits every part of a message, nested messages included.

Multipart trees are walked with an explicit stack (no recursion per level);
only nested messages and container members recurse, and those are bounded
by ``limits.max_depth``.  One :class:`Walker` holds the counters shared by
the whole message (parts seen, bytes expanded), so limits apply across all
levels.
"""

from __future__ import annotations

import email
import functools
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from email import policy as _policy
from email.message import Message
from functools import partial

import regex

from dlpgate.mime import fastsplit
from dlpgate.mime import headers as H
from dlpgate.mime.errors import HeavyContent, InspectionTimeout
from dlpgate.mime.formats import (
    ENCRYPTED_CONTENT_TYPES,
    ENCRYPTED_EXTENSIONS,
    SMALLEST_RECORD,
    ExtractContext,
    Extractor,
    choose,
    image,
    is_message_extractor,
    lookup,
    media,
    reads_text,
    says_media,
)
from dlpgate.mime.formats.archive import content_decoded
from dlpgate.mime.sniff import appended_at, more_media, samsung_trailer, sniff
from dlpgate.mime.text import (
    b64decode_lenient,
    clean_label,
    decode_text,
    extension,
    garbled,
    is_uuencode,
    looks_like_text,
    looks_quoted_printable,
    name_as_words,
    not_base64,
    qp_decode,
    sanitise_name,
    unflow,
    uu_decode,
)
from dlpgate.mime.tools import Clock, Tools, default_tools
from dlpgate.types import Limits, Problem, Recipients, Segment

Item = Segment | Problem

# Defects of the email package that change how a part must be read.
_STRUCTURE_DEFECTS = {
    "CloseBoundaryNotFoundDefect": "closing MIME boundary missing",
    "StartBoundaryNotFoundDefect": "MIME boundary not found; body read as text",
    "NoBoundaryInMultipartDefect": "multipart without a boundary; body read as text",
    "MultipartInvariantViolationDefect": "multipart structure broken; body read as text",
}


def parse_bytes(raw: bytes) -> Message:
    """The stdlib parser's tree, compat32 policy (it never validates headers on access).

    Well-formed messages take the same tree from dlpgate.mime.fastsplit, which
    finds MIME boundaries without reading line by line; anything else goes
    to the stdlib parser itself.
    """
    return fastsplit.parse(raw) or email.message_from_bytes(raw, policy=_policy.compat32)


_LENIENT_DECODERS = {"base64": b64decode_lenient, "uuencode": uu_decode}


def payload_bytes(part: Message, index: dict[str, list[str]] | None = None) -> tuple[bytes, list[tuple[str, str, bool]]]:
    """The part's content with its transfer encoding removed, plus notes
    ``(reason, detail, severe)`` about damage; ``index`` is ``H.raw_index(part)``
    when the caller has it."""
    # The raw payload: compat32's get_payload() would already decode 8-bit
    # bodies with the declared charset and errors="replace".
    payload = getattr(part, "_payload", None)
    if payload is None:
        payload = part.get_payload()
    if payload is None:
        return b"", []
    if isinstance(payload, (bytes, bytearray)):
        raw = bytes(payload)
    else:
        text = payload if isinstance(payload, str) else str(payload)
        try:
            raw = text.encode("ascii", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogateescape")
    cte = H.transfer_encoding(part, index)
    notes: list[tuple[str, str, bool]] = []
    if cte == "quoted-printable":
        return qp_decode(raw), notes
    name = "uuencode" if is_uuencode(cte) else cte
    decode = _LENIENT_DECODERS.get(name)
    if decode is not None and not raw.strip():
        return b"", notes  # an empty part, under any encoding: nothing to decode, nothing held in it
    if decode is not None:
        data, status = decode(raw)
        if status == "damaged" and name == "base64" and not_base64(raw):
            # Labelled base64 but written as it is (a CSV, a letter): the label is wrong, the
            # bytes are what was sent. Read as they are; base64 runs in them are still read
            # (the text readers' base64 blocks).
            notes.append(("corrupt", "labelled base64 but not base64: read as it is", False))
            return raw, notes
        if status == "damaged":
            notes.append(("corrupt", f"damaged {name} decoded leniently", False))
        elif status == "undecodable":
            notes.append(("undecodable", f"{name} could not be decoded; raw text scanned", True))
            data = raw
        elif b"\x00" not in data[:4096] and looks_quoted_printable(data):
            # Quoted-printable text encoded again ("=0D=0A", "=\r\n" inside the base64): a client
            # that encoded an already encoded body; read as its writer meant it, as below.
            notes.append(("corrupt", f"quoted-printable inside {name}: decoded", False))
            return qp_decode(data), notes
        return data, notes
    if cte in ("", "7bit", "8bit") and looks_quoted_printable(raw):
        # Written in quoted-printable, its label lost: decoded, as a client showing it would not
        # be, but as its writer meant it (the escapes and soft breaks cut words and numbers).
        notes.append(("corrupt", "quoted-printable not labelled so: decoded", False))
        return qp_decode(raw), notes
    return raw, notes  # 7bit, 8bit, binary, or unknown: as is


def _rival_readings(part: Message, index: dict[str, list[str]], data: bytes) -> list[bytes | None]:
    """The part's content under each other Content-Transfer-Encoding it is given (a client
    may take the last where the gateway takes the first) when it reads otherwise than
    ``data``: None for a reading that cannot be decoded. Empty when every reading is the same."""
    out: list[bytes | None] = []
    for value in H.rival_codings(part, index):
        other, notes = payload_bytes(part, {**index, "content-transfer-encoding": [value]})
        if any(severe for _reason, _detail, severe in notes):
            out.append(None)
        elif other != data and other not in out:
            out.append(other)
    return out


def _message_bytes(sub: Message) -> bytes:
    """The text a message/* part's enclosed message was parsed from: as the parser kept it
    when it found no header block (get_payload() would decode it), else written out again."""
    payload = vars(sub).get("_payload")
    if not sub.keys() and isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return sub.as_bytes()


def _reencoded_message(sub: Message, cte: str) -> tuple[bytes, list[tuple[str, str, bool]]]:
    """The bytes of a transfer-encoded message/rfc822 part that the parser parsed as is."""
    raw = _message_bytes(sub)
    holder = Message()
    holder["Content-Transfer-Encoding"] = cte
    holder.set_payload(raw.decode("ascii", "surrogateescape"))
    return payload_bytes(holder)


def _blank_line_restored(part: Message, own: int) -> Message:
    """``part`` parsed again with a blank line after its first ``own`` header fields: the
    enclosed message's header block that ran on into them (headers.enclosed_header_start)
    becomes the enclosed message's. ``part`` itself when it cannot be written out again."""
    try:
        fields = H.header_fields(part)
        payload = vars(part).get("_payload")
        if isinstance(payload, list):
            sub = next((p for p in payload if isinstance(p, Message)), None)
            body = b"" if sub is None else _message_bytes(sub)
        else:
            body = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
        head = "".join(f"{name}: {value}\n" for name, value in fields[:own])
        enclosed = "".join(f"{name}: {value}\n" for name, value in fields[own:])
        return parse_bytes(f"{head}\n{enclosed}\n".encode("utf-8", "surrogateescape") + body)
    except Exception:  # read as it is: its Content-Types stay ambiguous
        return part


def _surrogate_text(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    return decode_text(value.encode("utf-8", "surrogateescape"), None)[0]


# A MIME part written out in text: a boundary line, then header lines among which a
# Content-* one (a part after the closing boundary, in the preamble, or under a boundary
# that its multipart does not declare, as buggy generators write them).
_PART_IN_TEXT = regex.compile(
    rb"^--([^\s]{1,70})[ \t]*\r?\n(?:[!-9;-~]+:[^\n]*\n(?:[ \t][^\n]*\n)*){0,20}?"
    rb"content-(?:type|transfer-encoding|disposition):",
    regex.MULTILINE | regex.IGNORECASE,
)


def parts_in_text(data: bytes) -> bytes:
    """``data`` as a multipart message when it holds MIME parts written out as text
    (with the boundary of the first of them), else b"". The parts are then read as
    parts: their transfer encodings undone, their files read by their bytes."""
    m = _PART_IN_TEXT.search(data) if b"--" in data else None
    if m is None:
        return b""
    boundary = m.group(1).decode("ascii", "replace").replace('"', "")
    return b'Content-Type: multipart/mixed; boundary="' + boundary.encode() + b'"\r\n\r\n' + data


def _is_boilerplate(text: str) -> bool:
    """ "This is a multi-part message in MIME format." and the like."""
    return len(text) < 200 and "mime" in text.lower() and not any(c.isdigit() for c in text)


@functools.lru_cache(maxsize=4096)  # field names: the same few hundred, message after message
def _field_words(name: str) -> str:
    """A header field's name as the words a reader sees in it (mime.text.name_as_words)."""
    return name_as_words(name)


# Kinds whose end their own structure shows (sniff.appended_at): what follows it is read too.
_ENDS_KNOWN = frozenset({"image", "media", "pdf", "zip", "ooxml", "odf"})
# Unknown bytes after a file's end up to this many are junk (old GIF writers leave some), not content.
APPENDED_JUNK = 1024

_SMIME_TYPES = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})
_SMIME_LABELS = {"signed-data": "signed message", "compressed-data": "compressed message"}


def _smime_label(part: Message, ctype: str, name: str, index: dict[str, list[str]]) -> str:
    """ "signed message" & co for an S/MIME body part (smime.p7m or unnamed)."""
    if ctype not in _SMIME_TYPES or name.strip().lower() not in ("", "smime.p7m"):
        return ""
    try:
        kind = str(H.get_param(part, "smime-type", "content-type", index, "") or "").strip().lower()
    except Exception:
        kind = ""
    return _SMIME_LABELS.get(kind, "")


@dataclass
class _MessageState:
    """Per-message naming state."""

    bodies: int = 0
    slots: dict[int, int] = field(default_factory=dict)
    attached_messages: int = 0
    root: Message | None = None
    root_index: dict[str, list[str]] = field(default_factory=dict)  # headers.raw_index(root)




class Walker:
    def __init__(
        self,
        limits: Limits,
        deadline: float | None,
        tools: Tools | None = None,
        clock: Clock = time.monotonic,
        light: bool = False,
    ) -> None:
        self.limits = limits
        self.light = light  # raise HeavyContent at the first part a text reader cannot read
        self.deadline = deadline  # on ``clock``'s scale
        self.tools = default_tools() if tools is None else tools
        self.clock = clock
        self.parts = 0
        self.expanded = 0
        self.stopped = False
        # who each attached or embedded message was written to (its To and Cc, as its header shows)
        self.recipients: list[Recipients] = []

    # --- limits -----------------------------------------------------------

    def check_deadline(self) -> None:
        if self.deadline is not None and self.clock() > self.deadline:
            raise InspectionTimeout("inspection deadline reached")

    def _count_part(self, where: str) -> Problem | None:
        self.parts += 1
        if self.parts > self.limits.max_parts:
            self.stopped = True
            return Problem("too_many_parts", where, f"more than {self.limits.max_parts} parts; the rest not scanned")
        return None

    def _count_bytes(self, n: int, where: str) -> Problem | None:
        self.expanded += n
        if self.expanded > self.limits.max_expanded_bytes:
            self.stopped = True
            return Problem(
                "too_large", where, f"decoded content over {self.limits.max_expanded_bytes} bytes; the rest not scanned"
            )
        return None

    # --- messages ---------------------------------------------------------

    def walk(self, msg: Message | bytes | None, depth: int, label: str) -> Iterator[Item]:
        """Everything in one message; ``label`` names it ("" for the top level)."""
        where_msg = label or "message"
        if self.stopped:
            return
        if depth > self.limits.max_depth:
            yield Problem("too_deep", where_msg, f"messages nested more than {self.limits.max_depth} deep; not scanned")
            return
        if msg is None:
            return
        if isinstance(msg, (bytes, bytearray)):
            raw = bytes(msg)
            try:
                msg = parse_bytes(raw)
            except InspectionTimeout:
                raise
            except Exception as exc:  # e.g. RecursionError on absurd nesting
                reason = "too_deep" if isinstance(exc, RecursionError) else "corrupt"
                yield Problem(reason, where_msg, f"{type(exc).__name__} parsing message; raw text scanned")
                yield Segment(decode_text(raw, None)[0], where_msg)
                return
        prefix = f"{label} > " if label else ""
        index = fastsplit.raw_index(msg)  # for the headers and the top part alike
        try:
            yield from self._message_headers(msg, index, prefix, where_msg)
        except Exception as exc:  # the body is still read
            yield Problem("corrupt", prefix + "headers", f"{type(exc).__name__} reading the headers")
        state = _MessageState(root=msg, root_index=index)
        stack: list[tuple[Message, int | None]] = [(msg, None)]
        while stack:
            if self.stopped:
                return
            part, group = stack.pop()
            self.check_deadline()
            try:
                yield from self._part(part, group, depth, prefix, where_msg, state, stack)
            except InspectionTimeout:
                raise
            except Exception as exc:  # one bad part never stops the walk
                yield Problem("corrupt", where_msg, f"{type(exc).__name__} reading a part")

    def _part(
        self,
        part: Message,
        group: int | None,
        depth: int,
        prefix: str,
        where_msg: str,
        state: _MessageState,
        stack: list[tuple[Message, int | None]],
    ) -> Iterator[Item]:
        too_many = self._count_part(where_msg)
        if too_many:
            yield too_many
            return
        index = state.root_index if part is state.root else fastsplit.raw_index(part)  # for the look-ups below
        ctype = H.content_type(part, index)
        if ctype in H.ENCLOSING_TYPES and part is not state.root:
            # A returned message whose headers run on from the part's own (no blank line): read
            # with the blank line put back, not as a part with two Content-Types.
            own = H.enclosed_header_start(part, index)
            if own:
                part = _blank_line_restored(part, own)
                index = fastsplit.raw_index(part)
        payload = getattr(part, "_payload", None)
        read_as_text = yield from self._structure_defects(part, where_msg)
        is_message = ctype.partition("/")[0] == "message"
        if isinstance(payload, list) and not is_message:
            yield from self._multipart(part, index, payload, ctype, group, depth, prefix, where_msg, state, stack)
        elif isinstance(payload, list):  # message/rfc822 & co, already parsed
            yield from self._message_part(part, index, payload, ctype, depth, prefix, state)
        else:
            if ctype.startswith("multipart/") or read_as_text:
                written = parts_in_text(payload.encode("utf-8", "surrogateescape")) if isinstance(payload, str) else b""
                if written:  # its parts are there, under another boundary: read as parts
                    yield from self.walk(written, depth + 1, where_msg)
                    return
                ctype = "text/plain"
            yield from self._leaf(part, index, ctype, group, depth, prefix, state)

    @staticmethod
    def _structure_defects(part: Message, where_msg: str) -> Generator[Item, None, bool]:
        """The parser's structural complaints, as problems; returns whether the part is to be read as text."""
        read_as_text = False
        for defect in getattr(part, "defects", ()) or ():
            detail = _STRUCTURE_DEFECTS.get(type(defect).__name__)
            if detail:
                yield Problem("corrupt", where_msg, detail, severe=False)
                read_as_text = read_as_text or detail.endswith("read as text")
        return read_as_text

    def _multipart(
        self,
        part: Message,
        index: dict[str, list[str]],
        payload: list,
        ctype: str,
        group: int | None,
        depth: int,
        prefix: str,
        where_msg: str,
        state: _MessageState,
        stack: list[tuple[Message, int | None]],
    ) -> Iterator[Item]:
        """Queue the children (in order); read the text outside them."""
        for detail in H.ambiguities(part, index):
            yield Problem("ambiguous", where_msg, detail)
        if part is not state.root:
            yield from self._part_headers(part, prefix + "MIME part")
        if ctype in ENCRYPTED_CONTENT_TYPES:
            yield Problem("encrypted", where_msg, ctype)
            return
        child_group = id(part) if ctype.partition("/")[2] == "alternative" else group
        for child in reversed(payload):
            if isinstance(child, Message):
                stack.append((child, child_group))
        for extra in (getattr(part, "preamble", None), getattr(part, "epilogue", None)):
            text = _surrogate_text(extra)
            if not text.strip() or _is_boilerplate(text):
                continue
            where = prefix + "text outside the MIME parts"
            data = extra.encode("utf-8", "surrogateescape") if isinstance(extra, str) else b""
            written = parts_in_text(data)
            if written:  # parts outside the parts: read as parts (a client may show them)
                yield from self.walk(written, depth + 1, where)
            else:  # read as a body is (its base64 and uuencoded files too)
                yield from self.dispatch(data, "", "text/plain", None, where, depth, lookup("text/plain", ""))

    def _message_part(
        self,
        part: Message,
        index: dict[str, list[str]],
        payload: list,
        ctype: str,
        depth: int,
        prefix: str,
        state: _MessageState,
    ) -> Iterator[Item]:
        """A message/rfc822 (or other message/*) part the parser has already parsed."""
        label = prefix + self._message_label(H.filename(part, index), state)
        for detail in H.ambiguities(part, index):
            yield Problem("ambiguous", label, detail)
        if ctype == "message/partial":
            yield Problem("ambiguous", label, "message/partial: a fragment clients join (or not) in their own ways")
        if part is not state.root:
            yield from self._part_headers(part, label)
        yield from self._file_names(part, label, index)
        sub = next((p for p in payload if isinstance(p, Message)), None)
        cte = H.transfer_encoding(part, index)
        if sub is not None and (cte in ("base64", "quoted-printable") or is_uuencode(cte)):
            # Not allowed by RFC 2046, but sent: the parser took the encoded
            # text for a message; decode it and parse again.
            data, notes = _reencoded_message(sub, cte)
            for reason, detail, severe in notes:
                yield Problem(reason, label, detail, severe=severe)
            yield from self.walk(data, depth + 1, label)
            return
        yield from self.walk(sub, depth + 1, label)

    def _leaf(
        self,
        part: Message,
        index: dict[str, list[str]],
        ctype: str,
        group: int | None,
        depth: int,
        prefix: str,
        state: _MessageState,
    ) -> Iterator[Item]:
        """A part with content of its own: a body or an attachment."""
        name_raw = H.filename(part, index)
        data, notes = payload_bytes(part, index)
        rivals = _rival_readings(part, index, data)
        if ctype == "text/plain":
            is_flowed, delsp = H.flowed(part, index)
            if is_flowed:
                data = unflow(data, delsp)
                rivals = [None if rival is None else unflow(rival, delsp) for rival in rivals]
        extractor = lookup(ctype, name_raw)
        where = prefix + self._leaf_label(part, index, ctype, name_raw, extractor, group, state)
        ambiguous = H.ambiguities(part, index, data, codings=False)
        if rivals and any(rival is None for rival in rivals):
            ambiguous.append(H.coding_ambiguity(part, index))  # a client's reading the gateway cannot read
            rivals = []
        elif rivals:
            # Read otherwise under another of its transfer encodings: that reading is scanned too
            # (a client shows one of them, both are read), noted, not held for itself.
            yield Problem("ambiguous", where, f"{H.coding_ambiguity(part, index)}; each reading scanned", severe=False)
        if ambiguous:
            # An empty body shows nothing however it is read: noted, not held.
            raw = part.get_payload(decode=False)
            shows = not isinstance(raw, str) or bool(raw.strip())
            for detail in ambiguous:
                yield Problem("ambiguous", where, detail if shows else f"{detail}; the body is empty", severe=shows)
        if part is not state.root:
            yield from self._part_headers(part, where)
        yield from self._file_names(part, where, index)
        for reason, detail, severe in notes:
            yield Problem(reason, where, detail, severe=severe)
        coding = H.raw_values(part, "content-encoding", index)
        if coding:
            # an HTTP content coding some programs write on a part too: its bytes are compressed
            data, problem = content_decoded(data, H.unfold(coding[0]).strip().strip("\"'").lower(), where, self.limits)
            if problem is not None:
                yield problem
        too_large = self._count_bytes(len(data), where)
        if too_large:
            yield too_large
            return
        yield from self.dispatch(data, name_raw, ctype, H.charset(part, index), where, depth, extractor)
        for rival in rivals:
            if rival is not None:
                yield from self.dispatch(rival, name_raw, ctype, H.charset(part, index), where, depth, extractor)

    def _leaf_label(
        self,
        part: Message,
        index: dict[str, list[str]],
        ctype: str,
        name_raw: str,
        extractor: Extractor | None,
        group: int | None,
        state: _MessageState,
    ) -> str:
        maintype, _, subtype = ctype.partition("/")
        if not name_raw and H.disposition(part, index) != "attachment" and maintype == "text":
            return self._body_label(subtype, group, state)
        smime = _smime_label(part, ctype, name_raw, index)
        if smime:
            return smime
        if is_message_extractor(extractor):
            return self._message_label(name_raw, state)
        name = sanitise_name(name_raw)
        return f"attachment {name}" if name else f"unnamed attachment ({clean_label(ctype)})"

    @staticmethod
    def _file_names(part: Message, where: str, index: dict[str, list[str]]) -> Iterator[Item]:
        names = H.filenames(part, index)
        if names:
            yield Segment(name_as_words("\n".join(names)), f"file name of {where}")

    # --- headers ----------------------------------------------------------

    def _message_headers(self, msg: Message, index: dict[str, list[str]], prefix: str, where_msg: str) -> Iterator[Item]:
        """Every header of a message a reader can see; the first Subject is "subject". An attached
        message's To and Cc are kept (``recipients``): who it was written to shows in its header."""
        if prefix:
            written_to = H.addresses(msg, "to", "cc", index=index)
            if written_to:
                self.recipients.append(Recipients(where_msg, written_to))
        for name in H.address_problem_fields(msg, index):
            yield Problem("corrupt", f"{prefix}header {name.title()}", "address list nested too deeply; read approximately")
        for label, name, text in H.scanned_headers(msg):
            if label == "Subject":
                yield Segment(text, prefix + "subject")
            else:  # the field name goes with its value: it is read with it, and may give context
                yield Segment(f"{_field_words(name)}: {text}", f"{prefix}header {label}")

    @staticmethod
    def _part_headers(part: Message, where: str) -> Iterator[Item]:
        """Headers of a MIME part (Content-Description, X- fields...)."""
        for label, name, text in H.scanned_headers(part):
            yield Segment(f"{_field_words(name)}: {text}", f"{where}, header {label}")

    # --- naming -----------------------------------------------------------

    @staticmethod
    def _body_label(subtype: str, group: int | None, state: _MessageState) -> str:
        slot = state.slots.get(group) if group is not None else None
        if slot is None:
            state.bodies += 1
            slot = state.bodies
            if group is not None:
                state.slots[group] = slot
        base = "message body" if slot == 1 else f"message body part {slot}"
        return base if subtype == "plain" else f"{base} ({clean_label(subtype)})"

    @staticmethod
    def _message_label(name_raw: str, state: _MessageState) -> str:
        name = sanitise_name(name_raw)
        if name:
            return f"attached message '{name}'"
        state.attached_messages += 1
        n = state.attached_messages
        return "attached message" if n == 1 else f"attached message {n}"

    # --- formats ----------------------------------------------------------

    def dispatch(
        self,
        data: bytes,
        name: str,
        ctype: str,
        charset: str | None,
        where: str,
        depth: int,
        extractor: Extractor | None = None,
    ) -> Iterator[Item]:
        """Run the extractor for one part or file, chosen by what its bytes are."""
        if not data:
            return
        chosen, kind, mismatch, shown = choose(data, name, ctype)
        if mismatch:
            yield Problem("mismatch", where, mismatch, severe=False)
        if kind == "" and (ctype in ENCRYPTED_CONTENT_TYPES or extension(name) in ENCRYPTED_EXTENSIONS):
            # Unrecognisable bytes under a label that promises encryption.
            yield Problem("encrypted", where, clean_label(ctype))
            return
        if chosen is not None or kind != "":
            # The bytes decided (a video decides too, though nothing reads it).
            extractor = chosen
        if extractor is None:
            # A genuine audio/video/font/image file nobody reads is noted; unknown
            # binary is held, whatever its label says it is: a label vouches for nothing.
            # Fewer bytes than a 10-digit number needs in any binary form (34 bits) carry
            # no record either: a calendar's or a form's empty binary value.
            if kind == "" and says_media(ctype, name):
                found = more_media(data)  # a format the first checks do not know, as its label says
                if found is not None:
                    kind, shown = found.kind, found.content_type
            severe = kind != "media" and len(data) >= SMALLEST_RECORD
            if kind == "media" and shown.startswith(("audio/", "video/")):
                yield from media.tags(data, where)  # a recording's title and comments
            elif kind == "media" and shown.startswith("image/"):
                yield from image.metadata(data, where)  # a HEIF, AVIF or Photoshop picture's EXIF, IPTC and XMP
            else:
                yield from image.xmp(data, where)  # a font's, a design file's, unknown binary's XMP
            yield Problem("unsupported", where, clean_label(ctype), severe=severe)
            return
        if self.light and not reads_text(extractor):
            raise HeavyContent(f"{clean_label(ctype)} needs the full inspection")
        declared = ""
        if kind not in ("", "text", "html") and ctype != shown:
            declared, ctype = ctype, shown  # what the extractor is told the part is: what its bytes are
        ctx = ExtractContext(
            declared=declared,
            limits=self.limits,
            depth=depth,
            deadline=self.deadline,
            content_type=ctype,
            charset=charset,
            recurse=partial(self.recurse, depth),
            walk_message=partial(self.walk_nested, depth),
            tools=self.tools,
            clock=self.clock,
        )
        try:
            yield from extractor(data, name, where, ctx)
        except InspectionTimeout:
            raise
        except Exception as exc:  # a broken file never stops the walk
            yield Problem("corrupt", where, f"{type(exc).__name__} reading {clean_label(ctype)}")
        tail_at = appended_at(data) if kind in _ENDS_KNOWN else None
        if tail_at is not None:
            yield from self._appended(data[tail_at:], where, depth)

    def _appended(self, tail: bytes, where: str, depth: int) -> Iterator[Item]:
        """Bytes after the end of a picture, a PDF or a zip (see sniff.appended_at): read as the
        file they are (a zip, a 7z, a CSV; a phone's motion-photo video is media), a Samsung
        camera's trailer block by block; unknown binary beyond a few bytes of junk is held."""
        samsung = samsung_trailer(tail)
        if samsung is not None:
            first, blocks = samsung
            for block_name, block in blocks:
                yield from self._appended_file(block, f"{where}, camera data {sanitise_name(block_name)}", depth, True)
            tail = tail[:first]
            if not tail.strip(b"\x00"):
                return
        yield from self._appended_file(tail, where, depth, False)

    def _appended_file(self, tail: bytes, where: str, depth: int, camera: bool) -> Iterator[Item]:
        found = sniff(tail) or more_media(tail)
        if found is None and tail[:1] == b"\x00":
            # zeros a camera pads with before the next picture of an MPO (a 3D camera's second view)
            unpadded = tail.lstrip(b"\x00")
            found = sniff(unpadded) if unpadded else None
            if found is not None:
                tail = unpadded
        plain = found is None or found.kind == "text"
        if plain and not (looks_like_text(tail) and not garbled(decode_text(tail[:8192], None)[0])):
            # A camera's own binary (a depth map) is noted; other unknown bytes are held as
            # unknown binary is, past the few bytes of junk old writers leave after a GIF
            # (8-bit junk "decodes" in some charset too: judged by what it decodes to).
            severe = not camera and len(tail) > APPENDED_JUNK
            yield Problem("unsupported", where, f"{len(tail)} bytes of unknown data after the end of the file", severe=severe)
            return
        shown = found.content_type if found is not None else "text"
        yield Problem("mismatch", where, f"{clean_label(shown)} appended after the end of the file", severe=False)
        ctype = "text/plain" if found is None else "application/octet-stream"
        yield from self.dispatch(tail, "", ctype, None, where, depth)

    def recurse(
        self,
        depth: int,
        data: bytes,
        name: str,
        where: str,
        content_type: str = "application/octet-stream",
        charset: str | None = None,
    ) -> Iterator[Item]:
        """A nested file handed back by an extractor (archive member...)."""
        if self.stopped:
            return
        if depth + 1 > self.limits.max_depth:
            yield Problem("too_deep", where, f"nested more than {self.limits.max_depth} deep; not scanned")
            return
        self.check_deadline()
        for problem in (self._count_part(where), self._count_bytes(len(data), where)):
            if problem:
                yield problem
                return
        if name and name.strip():
            yield Segment(name_as_words(name), f"file name of {where}")
        yield from self.dispatch(data, name, content_type.lower(), charset, where, depth + 1)

    def walk_nested(self, depth: int, msg: Message | bytes, where: str) -> Iterator[Item]:
        yield from self.walk(msg, depth + 1, where)
