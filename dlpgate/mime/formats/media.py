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
    """The text of an audio or video file's tags, "name: value" a line, as ``where, tags``."""
    import mutagen

    found: Any = None
    try:
        found = mutagen.File(io.BytesIO(data))
    except Exception:  # damaged audio: its ID3 tags may still read (below); else the note stands
        pass
    tagged = found.tags if found is not None else None
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        riff = _riff_text(data)
        if riff:
            yield Segment("\n".join(riff), f"{where}, tags")
    elif data[:4] in (b"\x02dss", b"\x03ds2"):
        header = _dictation_header(data)
        if header:
            yield Segment("\n".join(header), f"{where}, tags")
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
        if isinstance(v, (bytes, bytearray)) or type(v).__name__ in ("APIC", "MP4Cover", "Picture", "PRIV", "GEOB"):
            continue
        text = getattr(v, "text", None)
        if isinstance(text, list):
            out.extend(str(t) for t in text)
        else:
            out.append(str(v))
    return ", ".join(t.replace("\x00", ", ").strip() for t in out if str(t).strip())


# A WAVE file's own text: its LIST/INFO chunk (INAM title, ICMT comment, IART artist, ISBJ
# subject, IKEY keywords...) and a Broadcast WAVE "bext" chunk (description, originator,
# reference), where dictation systems (WinScribe, BigHand) write the author, the job and
# the patient. mutagen reads a WAVE's ID3 chunk only.
_INFO_NAMES = {b"INAM": "title", b"ICMT": "comment", b"IART": "artist", b"ISBJ": "subject", b"IKEY": "keywords",
               b"IPRD": "product", b"ICOP": "copyright", b"ISFT": "software", b"ITCH": "technician",
               b"IGNR": "genre", b"ICRD": "date"}
_MAX_CHUNKS = 4096


def _riff_text(data: bytes) -> list[str]:
    lines: list[str] = []
    pos = 12
    for _ in range(_MAX_CHUNKS):
        if pos + 8 > len(data):
            break
        cid, size = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
        body = data[pos + 8:pos + 8 + size]
        if cid == b"LIST" and body[:4] == b"INFO":
            sub = 4
            while sub + 8 <= len(body):
                sid, ssize = body[sub:sub + 4], int.from_bytes(body[sub + 4:sub + 8], "little")
                value = _latin(body[sub + 8:sub + 8 + ssize])
                if value:
                    lines.append(f"{_INFO_NAMES.get(sid, sid.decode('latin-1'))}: {value[:_MAX_TAG_CHARS]}")
                sub += 8 + ssize + (ssize & 1)
        elif cid == b"bext":
            for label, a, b in (("description", 0, 256), ("originator", 256, 288), ("originator reference", 288, 320)):
                value = _latin(body[a:b])
                if value:
                    lines.append(f"{label}: {value}")
        pos += 8 + size + (size & 1)
    return lines


def _dictation_header(data: bytes) -> list[str]:
    """An Olympus or Philips dictation's header (DSS, DS2): its author, job and typist fields
    and the work type and comment written as text in its first blocks; runs of printable
    text of four characters or more, as the header stores them."""
    return [m.decode("latin-1") for m in re.findall(rb"[ -~]{4,}", data[:1536])][:64]


def _latin(raw: bytes) -> str:
    return raw.split(b"\x00", 1)[0].decode("latin-1").strip()
