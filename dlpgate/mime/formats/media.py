"""The words written into audio and video files: a recording's title, comment, artist, album
(ID3, MP4, Vorbis, ASF, APE tags), read through mutagen. A dictation or a clinic's video
carries them as a player shows them ("Dictation: Patient Jane Example DOB ..."). The sound
and pictures themselves are not read: the file is noted as media, as a photo is.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from dlpgate.types import Segment

_MAX_TAG_CHARS = 4000  # per value: a tag holding a whole file (a lyrics frame, say) is cut there
_MAX_TAGS = 500


def tags(data: bytes, where: str) -> Iterator[Segment]:
    """The text of an audio or video file's tags, "name: value" a line, as ``where, tags``:
    mutagen's tags, then what the container itself carries that mutagen does not read."""
    import mutagen
    from mutagen.apev2 import APEv2

    found: Any = None
    try:
        found = mutagen.File(io.BytesIO(data))
    except Exception:  # damaged audio: its ID3 tags may still read (below); else the note stands
        pass
    tagged = found.tags if found is not None else None
    # once each: a title kept twice is read once, an XMP packet the container's reading found too
    native = list(dict.fromkeys(_native_text(data) + _xmp_anywhere(data)))
    if native:
        yield Segment("\n".join(native), f"{where}, tags")
    if not isinstance(tagged, APEv2) and (b"APETAGEX" in data[-_APE_TAIL:] or data.startswith(b"APETAGEX")):
        ape = _ape_lines(data)
        if ape:
            yield Segment("\n".join(ape), f"{where}, tags")
    if tagged is None and data.startswith(b"ID3"):
        from mutagen.id3 import ID3

        try:
            tagged = ID3(io.BytesIO(data))
        except Exception:
            return
    if not tagged:
        return
    lines = []
    for key, value in list(tagged.items())[:_MAX_TAGS]:
        text = _text(value)
        if text:
            lines.append(f"{_name(key)}: {text[:_MAX_TAG_CHARS]}")
    if lines:
        yield Segment("\n".join(lines), f"{where}, tags")


def _name(key: Any) -> str:
    return str(key).lstrip("\u00a9").replace("----:", "")


def _text(value: Any) -> str:
    """A tag's words: text frames and lists of strings; pictures and binary frames say nothing."""
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    for v in values:
        if type(v).__name__ == "MP4FreeForm":  # a freeform atom ("----:com.apple.iTunes:NOTES"): text as bytes
            words = _bytes_text(bytes(v))
            if words:
                out.append(words)
            continue
        if isinstance(v, (bytes, bytearray)) or type(v).__name__ in ("APIC", "MP4Cover", "Picture", "PRIV", "GEOB"):
            continue
        text = getattr(v, "text", None)
        if isinstance(text, list):
            out.extend(str(t) for t in text)
        else:
            out.append(str(v))
    return ", ".join(t.replace("\x00", ", ").strip() for t in out if str(t).strip())


# A RIFF file's own text (WAVE, AVI, RF64 and BW64 long recordings...): its LIST/INFO chunk
# (INAM title, ICMT comment, IART artist, ISBJ subject, IKEY keywords...), a Broadcast WAVE
# "bext" chunk (description, originator, reference), where dictation systems (WinScribe,
# BigHand) write the author, the job and the patient, and the XML of iXML, axml and XMP
# (_PMX) chunks. mutagen reads a WAVE's ID3 chunk only.
_INFO_NAMES = {b"INAM": "title", b"ICMT": "comment", b"IART": "artist", b"ISBJ": "subject", b"IKEY": "keywords",
               b"IPRD": "product", b"ICOP": "copyright", b"ISFT": "software", b"ITCH": "technician",
               b"IGNR": "genre", b"ICRD": "date"}
_MAX_CHUNKS = 4096
_MAX_XML = 1_000_000
_APE_TAIL = 32 + 128 + 15 + 5100  # an APEv2 footer: last, or before an ID3v1 tag and Lyrics3
_RIFF_FORMS = (b"RIFF", b"RF64", b"BW64")


def _native_text(data: bytes) -> list[str]:
    """The text a container keeps in its own structure, by what the bytes are."""
    try:
        if data[:4] in _RIFF_FORMS:
            return _riff_text(data)
        if data[:4] == b"FORM" and data[8:12] in (b"AIFF", b"AIFC"):
            return _aiff_text(data)
        if data[4:8] in (b"ftyp", b"moov", b"wide", b"free", b"mdat", b"skip", b"pnot"):
            return _bmff_text(data)
        if data[:4] == b"\x1a\x45\xdf\xa3":
            return _ebml_text(data)
        if data[:4] in (b"\x02dss", b"\x03ds2"):
            return _dictation_header(data)
    except Exception:  # a damaged structure: mutagen's reading stands
        return []
    return []


def _riff_text(data: bytes) -> list[str]:
    lines: list[str] = []
    data_size = -1  # an RF64 file's data chunk size, from its ds64 chunk
    lists = [(12, len(data), 0)]
    chunks = 0
    while lists:
        pos, end, depth = lists.pop()
        while pos + 8 <= end and chunks < _MAX_CHUNKS:
            chunks += 1
            cid, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
            if cid == b"data" and size == 0xFFFFFFFF:
                size = data_size if data_size >= 0 else end - pos - 8
            body = data[pos + 8:pos + 8 + min(size, _MAX_XML)] if cid != b"data" else b""
            if cid == b"ds64" and len(body) >= 16:
                data_size = int.from_bytes(body[8:16], "little")
            elif cid == b"LIST" and body[:4] == b"INFO":
                sub = 4
                while sub + 8 <= len(body):
                    sid, ssize = body[sub:sub + 4], int.from_bytes(body[sub + 4:sub + 8], "little")
                    value = _latin(body[sub + 8:sub + 8 + ssize])
                    if value:
                        lines.append(f"{_INFO_NAMES.get(sid, sid.decode('latin-1'))}: {value[:_MAX_TAG_CHARS]}")
                    sub += 8 + ssize + (ssize & 1)
            elif cid == b"LIST" and body[:4] not in (b"movi", b"rec ") and depth < 3:
                lists.append((pos + 12, min(pos + 8 + size, end), depth + 1))  # AVI's hdrl, strl...
            elif cid == b"bext":
                for label, a, b in (("description", 0, 256), ("originator", 256, 288), ("originator reference", 288, 320)):
                    value = _latin(body[a:b])
                    if value:
                        lines.append(f"{label}: {value}")
            elif cid in (b"labl", b"note") and len(body) > 4:  # a cue point's label or note (LIST adtl)
                value = _latin(body[4:])
                if value:
                    lines.append(f"{'label' if cid == b'labl' else 'note'}: {value[:_MAX_TAG_CHARS]}")
            elif cid in (b"iXML", b"axml", b"_PMX", b"XMP ") or (cid == b"strn" and body):
                lines.extend(_xml_lines(body) if cid != b"strn" else [f"stream name: {_latin(body)}"])
            pos += 8 + size + (size & 1)
    return lines


def _xmp_anywhere(data: bytes) -> list[str]:
    """Every XMP packet in the file, wherever its container keeps it (an MP4's "uuid" box,
    an MP3's PRIV frame, a chunk no reading here knows), read as XMP is (image.xmp_texts)."""
    from dlpgate.mime.formats.image import xmp_texts

    return xmp_texts(data)


def _xml_lines(raw: bytes) -> list[str]:
    from dlpgate.mime.formats.image import xml_text

    text = raw.rstrip(b"\x00").decode("utf-8", "replace")
    return [xml_text(text)] if text.strip() else []


# AIFF/AIFC text chunks (big-endian sizes): NAME, AUTH, ANNO, "(c) ", and COMT's comments.
_AIFF_NAMES = {b"NAME": "name", b"AUTH": "author", b"ANNO": "annotation", b"(c) ": "copyright"}


def _aiff_text(data: bytes) -> list[str]:
    lines: list[str] = []
    pos = 12
    for _ in range(_MAX_CHUNKS):
        if pos + 8 > len(data):
            break
        cid, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "big")
        if cid in _AIFF_NAMES:
            value = _latin(data[pos + 8:pos + 8 + min(size, _MAX_TAG_CHARS * 4)])
            if value:
                lines.append(f"{_AIFF_NAMES[cid]}: {value[:_MAX_TAG_CHARS]}")
        elif cid == b"COMT":
            body = data[pos + 8:pos + 8 + size]
            sub = 2
            for _ in range(int.from_bytes(body[:2], "big")):
                count = int.from_bytes(body[sub + 6:sub + 8], "big")
                value = _latin(body[sub + 8:sub + 8 + count])
                if value:
                    lines.append(f"comment: {value[:_MAX_TAG_CHARS]}")
                sub += 8 + count + (count & 1)
        pos += 8 + size + (size & 1)
    return lines


def _ape_lines(data: bytes) -> list[str]:
    """An APEv2 tag at the end (or start) of a file of any format: an MP3's, most often."""
    from mutagen.apev2 import APEv2

    try:
        ape = APEv2(io.BytesIO(data))
    except Exception:
        return []
    lines = []
    for key, value in list(ape.items())[:_MAX_TAGS]:
        if type(value).__name__ == "APEBinaryValue":
            continue
        text = str(value).replace("\x00", ", ").strip()
        if text:
            lines.append(f"{key}: {text[:_MAX_TAG_CHARS]}")
    return lines


# ISO base media (MP4, MOV, 3GPP): the text QuickTime and 3GPP keep in a movie's or a track's
# user data ("udta": classic QuickTime "(c)nam"/"(c)cmt" atoms, 3GPP "titl"/"dscp"/"auth"...), and
# a QuickTime "mdta" metadata box: "keys" naming each "ilst" item (com.apple.quicktime.description).
# mutagen reads the iTunes "ilst" (moov/udta/meta) only.
_QT_NAMES = {"nam": "title", "cmt": "comment", "des": "description", "inf": "information", "ART": "artist",
             "aut": "author", "alb": "album", "cpy": "copyright", "day": "date", "dir": "director",
             "wrt": "writer", "prd": "producer", "prf": "performers", "req": "requirements",
             "src": "source", "swr": "software", "too": "encoder", "mak": "make", "mod": "model",
             "xyz": "location", "key": "keywords", "lyr": "lyrics", "ed1": "edit", "fmt": "format"}
_3GPP_NAMES = {b"titl": "title", b"dscp": "description", b"auth": "author", b"cprt": "copyright",
               b"perf": "performer", b"gnre": "genre", b"albm": "album", b"loci": "location",
               b"kywd": "keywords", b"clsf": "classification"}
_BOX_PARENTS = (b"moov", b"trak", b"udta", b"meta")


def iso_boxes(data: bytes, pos: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each ISO base media box from ``pos`` to ``end`` (MP4,
    QuickTime, 3GPP, JPEG 2000), at most _MAX_CHUNKS."""
    for _ in range(_MAX_CHUNKS):
        if pos + 8 > end:
            return
        size, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
        head = 8
        if size == 1:
            size, head = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif size == 0:
            size = end - pos
        if size < head:
            return
        yield kind, pos + head, min(pos + size, end)
        pos += size


def _bmff_text(data: bytes) -> list[str]:
    lines: list[str] = []
    stack = [(0, len(data), b"", 0)]
    seen = 0
    while stack and seen < _MAX_CHUNKS:
        pos, end, parent, depth = stack.pop()
        for kind, start, stop in iso_boxes(data, pos, end):
            seen += 1
            if seen > _MAX_CHUNKS:
                break
            if kind == b"meta":
                _qt_meta(data, start, stop, lines)
            elif kind in (b"moov", b"trak", b"udta") and depth < 6:
                stack.append((start, stop, kind, depth + 1))
            elif parent == b"udta":
                lines.extend(_udta_atom(kind, data[start:stop][: _MAX_TAG_CHARS * 4]))
    return lines


def _udta_atom(kind: bytes, body: bytes) -> list[str]:
    """A user data atom's text: classic QuickTime (c)xxx (2-byte length, 2-byte language, text,
    repeated), or a 3GPP asset (version and flags, a packed language, a string)."""
    if kind[:1] == b"\xa9":
        label = _QT_NAMES.get(kind[1:].decode("latin-1"), kind[1:].decode("latin-1"))
        if body[4:8] == b"data":  # iTunes-style, in a data atom
            return [f"{label}: {v}" for v in [_decode(body[16:], 1)] if v]
        out: list[str] = []
        pos = 0
        while pos + 4 <= len(body) and len(out) < 16:
            n = int.from_bytes(body[pos:pos + 2], "big")
            value = _decode(body[pos + 4:pos + 4 + n], 1)
            if value:
                out.append(f"{label}: {value[:_MAX_TAG_CHARS]}")
            pos += 4 + n
        return out
    if kind in _3GPP_NAMES:
        raw = body[6:]
        if kind == b"kywd":  # a count, then each keyword after its length
            words, pos = [], 1
            for _ in range(raw[0] if raw else 0):
                n = raw[pos] if pos < len(raw) else 0
                words.append(_decode_3gpp(raw[pos + 1:pos + 1 + n]))
                pos += 1 + n
            value = ", ".join(w for w in words if w)
        else:
            value = _decode_3gpp(raw)
        return [f"{_3GPP_NAMES[kind]}: {value[:_MAX_TAG_CHARS]}"] if value else []
    if kind in (b"XMP_", b"name"):
        return _xml_lines(body) if kind == b"XMP_" else [f"name: {v}" for v in [_decode(body, 1)] if v]
    return []


def _decode_3gpp(raw: bytes) -> str:
    """A 3GPP string: UTF-16 after a byte order mark, else UTF-8; ends at its NUL."""
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        text = raw.decode("utf-16", "replace")
    else:
        text = raw.decode("utf-8", "replace")
    return text.split("\x00", 1)[0].strip()


def _decode(raw: bytes, kind: int) -> str:
    """A QuickTime value: UTF-8 (1), UTF-16 (2), or bytes that are text."""
    if kind == 2:
        return raw.decode("utf-16-be", "replace").strip("\x00 ").strip()
    if kind in (1, 4):
        return raw.decode("utf-8", "replace").strip("\x00 ").strip()
    return _bytes_text(raw)


def _qt_meta(data: bytes, start: int, stop: int, lines: list[str]) -> None:
    """A QuickTime "mdta" meta box: the "keys" names each "ilst" item by its 1-based index."""
    if data[start + 4:start + 8] != b"hdlr":
        start += 4  # an ISO full box: version and flags first (QuickTime's has none)
    children = {kind: (a, b) for kind, a, b in iso_boxes(data, start, stop)}
    hdlr = children.get(b"hdlr")
    if hdlr is None or data[hdlr[0] + 8:hdlr[0] + 12] != b"mdta" or b"keys" not in children or b"ilst" not in children:
        return  # an iTunes ("mdir") list: mutagen reads it
    a, b = children[b"keys"]
    names: list[str] = []
    pos = a + 8
    for _ in range(min(int.from_bytes(data[a + 4:a + 8], "big"), _MAX_TAGS)):
        n = int.from_bytes(data[pos:pos + 4], "big")
        if n < 8:
            break
        names.append(data[pos + 8:pos + n].decode("utf-8", "replace"))
        pos += n
    a, b = children[b"ilst"]
    for index, item_start, item_stop in iso_boxes(data, a, b):
        i = int.from_bytes(index, "big") - 1
        name = names[i] if 0 <= i < len(names) else index.hex()
        name = name.removeprefix("com.apple.quicktime.")
        for kind, v_start, v_stop in iso_boxes(data, item_start, item_stop):
            if kind == b"data" and v_stop - v_start >= 8:
                value = _decode(data[v_start + 8:v_stop][: _MAX_TAG_CHARS * 4], int.from_bytes(data[v_start:v_start + 4], "big") & 0xFFFFFF)
                if value:
                    lines.append(f"{name}: {value[:_MAX_TAG_CHARS]}")


# Matroska and WebM (EBML): the segment's title, each track's name, tags (SimpleTag TagName
# and TagString), chapter names and attachments' names and descriptions.
_EBML_MASTERS = frozenset((0x18538067, 0x1549A966, 0x1254C367, 0x7373, 0x67C8, 0x1654AE6B, 0xAE,
                           0x1043A770, 0x45B9, 0xB6, 0x80, 0x1941A469, 0x61A7, 0x1F43B675))
_EBML_TEXT = {0x7BA9: "title", 0x536E: "track name", 0x85: "chapter", 0x467E: "attachment description",
              0x466E: "attachment name"}
_TAG_NAME, _TAG_STRING, _CLUSTER = 0x45A3, 0x4487, 0x1F43B675
_MAX_ELEMENTS = 200_000


def _vint(data: bytes, pos: int, marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at ``pos``: (value, its length); (-1, n) for an
    unknown size; (-2, 0) for none."""
    if pos >= len(data) or data[pos] == 0:
        return -2, 0
    first = data[pos]
    n = 9 - first.bit_length()
    raw = int.from_bytes(data[pos:pos + n], "big")
    if marker:
        return raw, n
    value = raw & ((1 << (7 * n)) - 1)
    return (-1 if value == (1 << (7 * n)) - 1 else value), n


def _ebml_text(data: bytes) -> list[str]:
    lines: list[str] = []
    _ebml_walk(data, 0, len(data), 0, lines, [_MAX_ELEMENTS])
    return lines


def _ebml_walk(data: bytes, pos: int, end: int, depth: int, lines: list[str], budget: list[int]) -> None:
    tag_name = tag_string = ""
    while pos < end and budget[0] > 0:
        budget[0] -= 1
        eid, n = _vint(data, pos, True)
        size, m = _vint(data, pos + n, False)
        if eid == -2 or size == -2:
            break
        body = pos + n + m
        stop = end if size < 0 else min(body + size, end)
        if eid == _CLUSTER and size >= 0:
            pass  # a cluster of known size: pictures and sound only, skipped whole
        elif eid in _EBML_MASTERS and depth < 12:
            _ebml_walk(data, body, stop, depth + 1, lines, budget)
        elif size < 0:
            break  # an element of unknown size that holds no elements: the rest cannot be read
        elif eid in _EBML_TEXT or eid in (_TAG_NAME, _TAG_STRING):
            value = data[body:stop][: _MAX_TAG_CHARS * 4].decode("utf-8", "replace").strip("\x00 ").strip()
            if eid == _TAG_NAME:
                tag_name = value
            elif eid == _TAG_STRING:
                tag_string = value
            elif value:
                lines.append(f"{_EBML_TEXT[eid]}: {value[:_MAX_TAG_CHARS]}")
        pos = stop
    if tag_string:
        lines.append(f"{(tag_name or 'tag').lower()}: {tag_string[:_MAX_TAG_CHARS]}")


def _bytes_text(raw: bytes) -> str:
    """Bytes that are text (UTF-8), or ""."""
    from dlpgate.mime.text import looks_like_text

    raw = raw.strip(b"\x00")
    if not raw or not looks_like_text(raw[:4096]):
        return ""
    return raw.decode("utf-8", "replace").strip()


def _dictation_header(data: bytes) -> list[str]:
    """An Olympus or Philips dictation's header (DSS, DS2): its author, job and typist fields
    and the work type and comment written as text in its first blocks; runs of printable
    text of four characters or more, as the header stores them."""
    return [m.decode("latin-1") for m in re.findall(rb"[ -~]{4,}", data[:1536])][:64]


def _latin(raw: bytes) -> str:
    return raw.split(b"\x00", 1)[0].decode("latin-1").strip()
