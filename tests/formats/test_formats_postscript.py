"""PostScript, EPS (plain and with Photoshop's binary header) and BigTIFF: read by their bytes.

A PostScript program's text is in its strings; its coordinates, operators ("stroke") and
image data are nobody's words, and read as prose they made numbers and health terms."""

from __future__ import annotations

import io
import struct

from PIL import Image

from dlpgate.mime.formats.postscript import program_text
from dlpgate.types import Action
from tests.formats import docs
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(3, seed=4242)

DRAWING = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%Creator: Adobe Illustrator(TM) 5.5\n%%Title: (TRUST LOGO)\n"
    b"%%BoundingBox: 0 0 612 792\n%%EndComments\n"
    b"0 0 0 1 k\n345.752 472.2583 m\n350.9334 467.5681 l\nstroke\nf\n"
    b"<<\n/ImageType 1 /Width 2 /Height 2\n>> image\n<00ff00ff>\nshowpage\n%%EOF\n"
)


def _letter(number: str) -> bytes:
    return (
        b"%!PS-Adobe-3.0\n%%Title: clinic letter\n%%For: jexample\n%%EndComments\n"
        b"/Helvetica findfont 11 scalefont setfont\n72 700 moveto (Patient: Mrs Jane Example) show\n"
        + f"72 686 moveto (NHS Number: {spaced(number)}) show\n".encode()
        + b"72 672 moveto (Diagnosis: type 2 diabetes \\(diet controlled\\)) show\nshowpage\n"
    )


def _with_preview(postscript: bytes) -> bytes:
    """An EPS with the binary header Photoshop writes: the PostScript, then a TIFF preview."""
    buf = io.BytesIO()
    Image.new("1", (40, 40), 1).save(buf, "TIFF")
    tiff = buf.getvalue()
    header = b"\xc5\xd0\xd3\xc6" + struct.pack("<6IH", 30, len(postscript), 0, 0, 30 + len(postscript), len(tiff), 0xFFFF)
    return header + postscript + tiff


def test_a_program_is_read_by_its_strings_and_comments() -> None:
    text = program_text(_letter(N[0]))
    assert "Patient: Mrs Jane Example" in text and "Title: clinic letter" in text and "(diet controlled)" in text
    assert "moveto" not in text and "findfont" not in text


def test_a_printed_letter_is_held_and_a_drawing_is_not() -> None:
    v = docs.verdict(docs.message(("letter.ps", "application/postscript", _letter(N[0]))))
    assert docs.found(v, "nhs_number") == {"attachment letter.ps": 1}
    v = docs.verdict(docs.message(("logo.eps", "application/postscript", DRAWING)))
    assert v.action is Action.DELIVER, v.findings
    assert not docs.found(v, "health_terms")  # "stroke" is an operator here


def test_an_eps_with_a_binary_header_is_read_by_its_postscript() -> None:
    v = docs.verdict(docs.message(("letter.eps", "application/octet-stream", _with_preview(_letter(N[1])))))
    assert docs.found(v, "nhs_number") == {"attachment letter.eps > PostScript": 1}
    v = docs.verdict(docs.message(("logo.eps", "application/postscript", _with_preview(DRAWING))))
    assert v.action is Action.DELIVER, v.findings
    broken = _with_preview(DRAWING)[:40]  # the header points past the end
    v = docs.verdict(docs.message(("logo.eps", "application/postscript", broken)))
    assert ("attachment logo.eps", "corrupt") in docs.unscannable(v)


def test_a_bigtiff_is_a_picture() -> None:
    # BigTIFF: "II", 43, the offsets' size (8), then an 8-byte offset to the first directory
    head = b"II+\x00\x08\x00\x00\x00" + struct.pack("<Q", 16)
    directory = struct.pack("<Q", 0) + struct.pack("<Q", 0)
    v = docs.verdict(docs.message(("scan.tif", "image/tiff", head + directory + b"\x00" * 600)))
    assert not any("no known picture format" in p.detail for p in v.problems), v.problems
    v = docs.verdict(docs.message(("scan.tif", "image/tiff", b"XX+\x00" + b"\x07" * 700)))
    assert any("no known picture format" in p.detail for p in v.problems)
