"""Windows shell links (.lnk): a shortcut sent in place of the file it points to.

A shortcut holds no document, but it names one: the target's path (a local or a network
path, "\\\\server\\share\\Referrals\\<patient> <number>.docx"), its description, working
folder, arguments and icon, and the names of the folders in its shell ID list. All of it is
read as text ([MS-SHLLINK]); what the structure does not explain (a block this reader does
not know) is read for its strings, so nothing in the file passes unread. A damaged link has
its strings read and is ``corrupt``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats._opc import _strings
from dlpgate.mime.sniff import SHELL_LINK_MAGIC
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_HAS_ID_LIST, _HAS_LINK_INFO, _IS_UNICODE = 0x1, 0x2, 0x80
_STRING_FLAGS = (0x4, 0x8, 0x10, 0x20, 0x40)  # name, relative path, working dir, arguments, icon
_HEADER_SIZE = 0x4C


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not data.startswith(SHELL_LINK_MAGIC):  # named .lnk, but no shell link: unknown binary
        yield Problem("unsupported", where, "not a Windows shortcut")
        return
    texts: list[str] = []
    try:
        rest = _fields(data, texts)
    except (struct.error, IndexError, ValueError):
        # A damaged shortcut: every string in it is still read, and it is corrupt.
        yield Problem("corrupt", where, "shell link structure damaged; its strings read")
        rest = data[_HEADER_SIZE:]
    texts.extend(s for s in _strings(rest) if s.strip())
    text = "\n".join(t for t in texts if t.strip())
    if text:
        yield Segment(text, where)


def _fields(data: bytes, texts: list[str]) -> bytes:
    """Decode the link's own strings into ``texts``; returns the bytes read only for their
    strings (the shell ID list and the extra data blocks)."""
    flags = struct.unpack_from("<I", data, 20)[0]
    pos = _HEADER_SIZE
    loose = []
    if flags & _HAS_ID_LIST:
        size = struct.unpack_from("<H", data, pos)[0]
        loose.append(data[pos + 2 : pos + 2 + size])
        pos += 2 + size
    if flags & _HAS_LINK_INFO:
        size = struct.unpack_from("<I", data, pos)[0]
        texts.extend(_link_info(data[pos : pos + size]))
        pos += size
    wide = bool(flags & _IS_UNICODE)
    for flag in _STRING_FLAGS:
        if flags & flag:
            count = struct.unpack_from("<H", data, pos)[0]
            width = 2 if wide else 1
            raw = data[pos + 2 : pos + 2 + count * width]
            if len(raw) != count * width:
                raise ValueError("string runs past the end")
            texts.append(raw.decode("utf-16-le", "replace") if wide else raw.decode("cp1252", "replace"))
            pos += 2 + count * width
    loose.append(data[pos:])  # extra data: environment paths, tracker (machine name), property stores
    return b"\x00\x00".join(loose)


def _link_info(info: bytes) -> list[str]:
    """The target's paths from a LinkInfo structure: local base path, network share and
    device, the common suffix, and their Unicode forms when present."""
    if len(info) < 28:
        raise ValueError("short LinkInfo")
    header = struct.unpack_from("<I", info, 4)[0]
    offsets = struct.unpack_from("<IIIII", info, 8)  # flags, volume, local path, network, suffix
    out = [_ansi(info, offsets[2]), _ansi(info, offsets[4])]
    if offsets[3]:
        out.extend(_network(info[offsets[3] :]))
    if header >= 0x24:
        for off in struct.unpack_from("<II", info, 28):
            out.append(_wide(info, off))
    return [s for s in out if s]


def _network(block: bytes) -> list[str]:
    if len(block) < 20:
        return []
    size, _flags, net, device = struct.unpack_from("<IIII", block, 0)
    block = block[:size]
    out = [_ansi(block, net), _ansi(block, device)]
    if net > 0x14 and len(block) >= 28:
        for off in struct.unpack_from("<II", block, 20):
            out.append(_wide(block, off))
    return out


def _ansi(buf: bytes, off: int) -> str:
    if not 0 < off < len(buf):
        return ""
    end = buf.find(b"\x00", off)
    return buf[off : end if end >= 0 else len(buf)].decode("cp1252", "replace")


def _wide(buf: bytes, off: int) -> str:
    if not 0 < off < len(buf):
        return ""
    end = off
    while end + 1 < len(buf) and buf[end : end + 2] != b"\x00\x00":
        end += 2
    return buf[off:end].decode("utf-16-le", "replace")
