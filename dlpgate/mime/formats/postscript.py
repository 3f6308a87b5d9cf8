"""PostScript and EPS: the text a page shows, and the document's comments.

A PostScript program draws its text from string literals (``(Patient: Jane Example) show``);
the rest is operators, coordinates and image data, whose digits and words are nobody's text
(a path's ``345.752 472.2583 m``, the operator ``stroke``, hex image data). The comments say
what the document is and who made it (``%%Title: clinic letter``, ``%%For: jexample``).

Each string is read on a line of its own, its escapes undone; the comments first, on theirs.
A string in hexadecimal (``<48656c6c6f>``) is read too. An EPS file with a binary header
(Photoshop's, with a preview) is read by ``image.extract_eps``, its PostScript section here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# A string literal: balanced parentheses (one level nested, as text rarely goes deeper), escapes.
_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)", re.S)
# A hexadecimal string of text (not image data: at most a line's worth, and not the "<<" of a dictionary).
_HEX_STRING = re.compile(rb"(?<!<)<([0-9A-Fa-f\s]{2,400})>(?!>)")
# A comment, first on its line; not the bounding box's figures.
_COMMENT = re.compile(rb"(?m)^%%?(?!%*(?:BoundingBox|HiResBoundingBox|PageBoundingBox|EndComments))[ \t]*([^\r\n]*)")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"", b"f": b"", b"\n": b"", b"\r": b"", b"\r\n": b""}
_MAX_STRINGS = 200_000  # string literals read from one program


def _unescaped(m: re.Match[bytes]) -> bytes:
    code = m.group(1)
    if 0x30 <= code[0] <= 0x37:  # an octal code ("\\101"); "\\8" is the 8 itself
        return bytes((int(code, 8) & 0xFF,))
    return _ESCAPES.get(code, code)


def program_text(data: bytes) -> str:
    """A PostScript program's comments, then the text of its string literals, a line each."""
    lines = [m.group(1).decode("latin-1") for m in _COMMENT.finditer(data) if m.group(1).strip()]
    for n, m in enumerate(_STRING.finditer(data)):
        if n >= _MAX_STRINGS:
            break
        text = _ESCAPE.sub(_unescaped, m.group()[1:-1]) if b"\\" in m.group() else m.group()[1:-1]
        if text.strip():
            lines.append(text.decode("latin-1"))
    for m in _HEX_STRING.finditer(data):
        digits = b"".join(m.group(1).split())
        if len(digits) % 2 == 0:
            text = bytes.fromhex(digits.decode("ascii"))  # (hex digits only, by the pattern)
            if text.strip() and text.isascii() and text.decode("ascii").isprintable():
                lines.append(text.decode("ascii"))
    return "\n".join(lines)


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    ctx.check_deadline()
    text = program_text(data)
    if text.strip():
        yield Segment(text, where)
