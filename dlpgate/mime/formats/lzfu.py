"""Compressed RTF (MS-OXRTFCP, "LZFu"): the body Outlook items and TNEF keep.

The same output as ``compressed_rtf.decompress`` (tests/formats/test_lzfu.py
compares them), about ten times faster: the 4 KB dictionary is the tail of
the output itself, so a reference is a slice of what was written, and a
control byte of eight literals is one slice of the input.

A body whose checksum does not match is still decompressed (what it says is
read); ``decompress`` says so in its second value, and the caller reports the
damage.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

_PREFILL = (
    b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\"
    b"fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New "
    b"RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\"
    b"f0\\fs20\\b\\i\\u\\tab\\tx"
)
_WINDOW = 4096
_COMPRESSED = b"LZFu"
_UNCOMPRESSED = b"MELA"


class CompressedRtfError(ValueError):
    """Not compressed RTF, or too damaged to decompress."""


def compressed_rtf_body(data: bytes, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """An Outlook item's or TNEF's compressed RTF body, read as RTF; damage is reported."""
    try:
        rtf, intact = decompress(data)
    except CompressedRtfError:
        yield Problem("corrupt", where, "compressed RTF could not be decompressed")
        return
    if not intact:
        yield Problem("corrupt", where, "compressed RTF fails its checksum")
    if rtf:
        yield from ctx.recurse(rtf, "body.rtf", where, content_type="application/rtf")


def decompress(data: bytes) -> tuple[bytes, bool]:
    """(the RTF, whether its checksum matched). Raises CompressedRtfError."""
    if len(data) < 16:
        raise CompressedRtfError("shorter than its header")
    comp_size, raw_size, kind, crc = struct.unpack_from("<II4sI", data)
    body = data[16 : 4 + comp_size]
    if kind == _UNCOMPRESSED:
        return body[:raw_size], crc == 0
    if kind != _COMPRESSED:
        raise CompressedRtfError("unknown compression")
    return _inflate(body), crc == _crc(body)


def _crc(body: bytes) -> int:
    # MS-OXRTFCP's CRC-32 starts at 0 and is not inverted at the end: zlib's, unwrapped.
    return zlib.crc32(body, 0xFFFFFFFF) ^ 0xFFFFFFFF


def _inflate(body: bytes) -> bytes:
    # out starts as the dictionary laid out oldest first, so that its write position
    # is always the end: dictionary offset o lies (end - o') bytes back, o' its distance.
    start = _WINDOW - len(_PREFILL)
    out = bytearray(b" " * start + _PREFILL)
    pos, n = 0, len(body)
    while pos < n:
        control = body[pos]
        pos += 1
        if control == 0 and pos + 8 <= n:  # eight literals
            out += body[pos : pos + 8]
            pos += 8
            continue
        for bit in range(8):
            if not control & (1 << bit):
                if pos >= n:
                    break
                out.append(body[pos])
                pos += 1
                continue
            if pos + 2 > n:
                pos = n
                break
            token = (body[pos] << 8) | body[pos + 1]
            pos += 2
            end = len(out)
            back = ((end - start) % _WINDOW - (token >> 4)) % _WINDOW
            if back == 0:  # a reference to the write position ends the stream
                return bytes(out[_WINDOW:])
            length = (token & 0xF) + 2
            first = end - back
            if back >= length:
                out += out[first : first + length]
            else:  # the copy overlaps what it writes: the last `back` bytes repeat
                run = bytes(out[first:end])
                out += (run * (length // back + 1))[:length]
    return bytes(out[_WINDOW:])
