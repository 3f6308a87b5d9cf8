"""The words written into audio and video files: a recording's title, comment, artist, album
(ID3, MP4, Vorbis, ASF, APE tags), read through mutagen. A dictation or a clinic's video
carries them as a player shows them ("Dictation: Patient Jane Example DOB ..."). The sound
and pictures themselves are not read: the file is noted as media, as a photo is.
"""

from __future__ import annotations

import io
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
