"""AppleSingle and AppleDouble files (RFC 1740: ``application/applefile``, the first part of
``multipart/appledouble``, and the ``._name`` files a Mac puts in every zip it makes), and a
Finder folder's ``.DS_Store``.

* AppleSingle carries the file itself (its data fork): read as a file, by its bytes;
* both carry the file's real name, a Finder comment, a resource fork and, from a Mac of
  today, its extended attributes (tags, where it was downloaded from): their strings are
  read as text, so nothing in them passes unread;
* a ``.DS_Store`` holds the names of the files in the folder and how they are shown: the
  names are read.

A header that does not add up (entries outside the file) is ``corrupt``.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._opc import _strings
from dlpgate.mime.sniff import DS_STORE
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_DATA_FORK, _RESOURCE_FORK, _REAL_NAME, _COMMENT, _FINDER_INFO, _SHORT_NAME = 1, 2, 3, 4, 9, 13
_FINDER_INFO_SIZE = 32  # what follows it (a Mac of today's extended attributes) has strings
# Text about the file itself rather than its contents: what every Mac writes.
_EMPTY_FORK_NOTE = "This resource fork intentionally left blank"


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if data.startswith(DS_STORE):
        yield from _ds_store(data, where)
        return
    entries = _entries(data)
    if entries is None:
        yield Problem("corrupt", where, "AppleSingle/AppleDouble header does not fit the file")
        return
    real_name = ""
    texts: list[str] = []
    fork = b""
    for entry_id, start, length in entries:
        content = data[start:start + length]
        if entry_id == _DATA_FORK:
            fork = content
        elif entry_id in (_REAL_NAME, _SHORT_NAME):
            real_name = content.decode("mac-roman", "replace")
            texts.append(real_name)
        elif entry_id == _COMMENT:
            texts.append(content.decode("mac-roman", "replace"))
        elif entry_id == _RESOURCE_FORK:
            texts.extend(s for s in _strings(content) if s.strip() != _EMPTY_FORK_NOTE)
        elif entry_id == _FINDER_INFO and length > _FINDER_INFO_SIZE:
            texts.extend(_strings(content[_FINDER_INFO_SIZE:]))
    text = "\n".join(t for t in texts if t.strip())
    if text:
        yield Segment(text, f"{where}, file information")
    if fork:
        yield from ctx.recurse(fork, real_name or name, f"{where} > data fork")


def _entries(data: bytes) -> list[tuple[int, int, int]] | None:
    """(entry id, offset, length) of every entry, or None when the header does not fit."""
    if len(data) < 26:
        return None
    (count,) = struct.unpack_from(">H", data, 24)
    if 26 + 12 * count > len(data):
        return None
    out = []
    for i in range(count):
        entry_id, start, length = struct.unpack_from(">III", data, 26 + 12 * i)
        if start + length > len(data):
            return None
        out.append((entry_id, start, length))
    return out


# A file name in a .DS_Store record: its length (4 bytes), then UTF-16BE.
_DS_NAME = re.compile(rb"(?:\x00[\x20-\x7e]|[\x01-\xff][\x00-\xff](?=\x00[\x20-\x7e])){2,}")


def _ds_store(data: bytes, where: str) -> Iterator[Segment | Problem]:
    """The names a Finder folder's .DS_Store records (UTF-16BE, each before its record)."""
    names: dict[str, None] = {}
    for m in _DS_NAME.finditer(data):
        raw = m.group()
        if len(raw) % 2:
            raw = raw[:-1]
        text = raw.decode("utf-16-be", "replace")
        if any(ch.isalnum() for ch in text):
            names[text] = None
    if names:
        yield Segment("\n".join(names), f"{where}, folder's file names")


# --- property lists -----------------------------------------------------------------------
# A binary property list ("bplist00": a Mac's or an iPhone's settings, exports, Safari's
# .webarchive). A web archive's pages and their resources are read as the files they are
# (the page's HTML, its pictures, its frames); any other list's strings as text, its data
# read as a file when its bytes are of a known kind, else for the strings it holds.
_MAX_PLIST_ITEMS = 20_000


def extract_plist(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    import plistlib

    try:
        root = plistlib.loads(data)
    except Exception as exc:  # plistlib raises several kinds for a damaged list
        yield Problem("corrupt", where, f"unreadable property list ({type(exc).__name__})")
        return
    if isinstance(root, dict) and "WebMainResource" in root:
        yield from _web_archive(root, where, ctx, 0)
        return
    lines: list[str] = []
    blobs: list[bytes] = []
    _plist_walk(root, "", lines, blobs)
    if lines:
        yield Segment("\n".join(lines), where)
    for n, blob in enumerate(blobs, 1):
        yield from _plist_data(blob, f"{where} > data {n}", ctx)


def _plist_walk(value: object, key: str, lines: list[str], blobs: list[bytes]) -> None:
    stack = [(key, value)]
    while stack and len(lines) + len(blobs) < _MAX_PLIST_ITEMS:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed([(str(k), v) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(key, v) for v in value]))
        elif isinstance(value, (bytes, bytearray)):
            if len(value) >= 8:
                blobs.append(bytes(value))
        elif isinstance(value, str) and value.strip():
            lines.append(f"{key}: {value}" if key else value)


def _plist_data(blob: bytes, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    from dlpgate.mime.sniff import sniff

    found = sniff(blob)
    if found is not None and found.kind:
        yield from ctx.recurse(blob, "", where)
        return
    strings = _strings(blob)
    if strings:
        yield Segment("\n".join(strings), where)


def _web_archive(archive: dict, where: str, ctx: ExtractContext, depth: int) -> Iterator[Segment | Problem]:
    resources = [archive.get("WebMainResource")] + list(archive.get("WebSubresources") or [])
    for n, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("WebResourceData"), (bytes, bytearray)):
            continue
        ctx.check_deadline()
        url = str(resource.get("WebResourceURL") or "")
        label = "page" if n == 0 else f"resource {n}"  # a URL may carry what is looked for: not a place's name
        ctype = str(resource.get("WebResourceMIMEType") or "")
        if url:
            yield Segment(url, f"{where}, links")
        name = url.split("?", 1)[0].rstrip("/").rpartition("/")[2]
        yield from ctx.recurse(bytes(resource["WebResourceData"]), name, f"{where} > {label}", content_type=ctype)
    if depth < 4:
        for n, frame in enumerate(archive.get("WebSubframeArchives") or [], 1):
            if isinstance(frame, dict):
                yield from _web_archive(frame, f"{where} > frame {n}", ctx, depth + 1)
