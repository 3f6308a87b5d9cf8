"""A minimal TNEF writer for tests: a body and attachments, in the layout Outlook uses."""

from __future__ import annotations

import struct

SIGNATURE = 0x223E9F78
LVL_MESSAGE, LVL_ATTACHMENT = 1, 2


def _attr(level: int, name: int, ptype: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BHHI", level, name, ptype, len(data)) + data + struct.pack("<H", checksum)


def tnef(body: str = "", attachments: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    out = struct.pack("<IH", SIGNATURE, 0x0001)
    out += _attr(LVL_MESSAGE, 0x9006, 0x0008, struct.pack("<I", 0x00010000))  # TNEF version
    out += _attr(LVL_MESSAGE, 0x9007, 0x0006, struct.pack("<II", 1252, 0))  # OEM code page
    out += _attr(LVL_MESSAGE, 0x8008, 0x0007, b"IPM.Microsoft Mail.Note\x00")  # message class
    if body:
        out += _attr(LVL_MESSAGE, 0x800C, 0x0002, body.encode("cp1252") + b"\x00")
    for name, data in attachments:
        out += _attr(LVL_ATTACHMENT, 0x9002, 0x0006, b"\x01\x00\xff\xff\xff\xff" + b"\x00" * 8)  # render data
        out += _attr(LVL_ATTACHMENT, 0x8010, 0x0001, name.encode("cp1252") + b"\x00")  # title
        out += _attr(LVL_ATTACHMENT, 0x800F, 0x0006, data)  # data
    return out
