"""Picture metadata: a PNG's text is read from its chunks without decoding the picture.

The reference is Pillow itself after it decoded the whole picture (img.load()),
which is when it has read every chunk, before and after the image data. The
PNG path must give the same text, and must not decode a pixel.
"""

from __future__ import annotations

import email
import io
import random
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile, PngImagePlugin

from dlpgate.mime.formats import image
from dlpgate.types import Action, Segment
from tests.content.test_carriers import attached
from tests.formats import docs
from tests.synthetic import nhs_numbers

N = nhs_numbers(4, seed=4040)
TESTS = Path(__file__).resolve().parents[1]


def reference_texts(data: bytes) -> str:
    """What metadata() reads, taken from Pillow's picture after a full decode."""
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        exif = img.getexif()
        ifds = [exif]
        try:
            ifds.append(exif.get_ifd(0x8769))
        except Exception:
            pass
        return image.written_text(dict(img.info), ifds)[: image._MAX_METADATA]


def read(data: bytes) -> str:
    segments = [s for s in image.metadata(data, "x") if isinstance(s, Segment)]
    return segments[0].text if segments else ""


def chunk(cid: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + cid + payload + struct.pack(">I", zlib.crc32(cid + payload))


def text_chunk(rng: random.Random, key: str, value: str) -> bytes:
    kind = rng.choice(["tEXt", "zTXt", "iTXt", "iTXt-z"])
    if kind == "tEXt":
        return chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1", "replace"))
    if kind == "zTXt":
        return chunk(b"zTXt", key.encode("latin-1") + b"\0\0" + zlib.compress(value.encode("latin-1", "replace")))
    zipped = kind == "iTXt-z"
    body = zlib.compress(value.encode()) if zipped else value.encode()
    return chunk(b"iTXt", key.encode("latin-1") + b"\0" + (b"\1\0" if zipped else b"\0\0") + b"en\0" + b"\0" + body)


def exif_chunk(description: str) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = description  # ImageDescription
    return chunk(b"eXIf", exif.tobytes())


def png_with(rng: random.Random, before: list[bytes], after: list[bytes], size: tuple[int, int] = (12, 9)) -> bytes:
    """A real PNG from Pillow with extra chunks spliced in before its first IDAT and before IEND."""
    buf = io.BytesIO()
    Image.new("RGB", size, (rng.randrange(256), 20, 30)).save(buf, "PNG")
    data = buf.getvalue()
    idat = data.index(b"IDAT") - 4
    iend = data.rindex(b"IEND") - 4
    return data[:idat] + b"".join(before) + data[idat:iend] + b"".join(after) + data[iend:]


WORDS = ["Clinic", "Author", "Comment", "Title", "Description", "Software", "ward", "list", "café", "naïve"]


@pytest.mark.parametrize("seed", range(300))
def test_png_text_is_what_pillow_reads_after_decoding(seed: int) -> None:
    rng = random.Random(seed)

    def chunks() -> list[bytes]:
        out = []
        for _ in range(rng.randrange(4)):
            key = rng.choice(WORDS[:6]) + str(rng.randrange(3))
            out.append(text_chunk(rng, key, " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 6)))))
        return out

    before, after = chunks(), chunks()
    if rng.random() < 0.3:
        (before if rng.random() < 0.5 else after).append(exif_chunk("photo of " + rng.choice(WORDS)))
    data = png_with(rng, before, after)
    assert read(data) == reference_texts(data)


def test_text_after_the_image_data_is_read() -> None:
    rng = random.Random(1)
    data = png_with(rng, [], [chunk(b"tEXt", b"Comment\0NHS " + N[0].encode())])
    assert f"NHS {N[0]}" in read(data)
    v = docs.verdict(attached("scan.png", "image/png", data))
    assert "attachment scan.png, image metadata" in docs.found(v, "nhs_number")
    assert v.action == Action.HOLD


def heif(brand: bytes, description: str, xmp: str = "") -> bytes:
    """A HEIF/AVIF file's boxes as a phone writes them, the EXIF item in its data box
    (a 4-byte offset, then "Exif\\0\\0" and the TIFF structure); no picture is needed."""
    exif = Image.Exif()
    exif[0x010E] = description  # ImageDescription
    item = b"\x00\x00\x00\x06Exif\x00\x00" + exif.tobytes()
    box = lambda kind, body: struct.pack(">I", 8 + len(body)) + kind + body  # noqa: E731
    ftyp = box(b"ftyp", brand + b"\x00\x00\x00\x00mif1" + brand)
    return ftyp + box(b"meta", b"\x00" * 4 + (xmp.encode() if xmp else b"")) + box(b"mdat", item)


@pytest.mark.parametrize(("name", "ctype", "brand"), [("IMG_2232.HEIC", "image/heic", b"heic"),
                                                     ("PXL_0412.avif", "image/avif", b"avif")])
def test_a_phones_heif_or_avif_photo_has_its_exif_and_xmp_read(name, ctype, brand) -> None:
    data = heif(brand, f"Patient: Jane Example, NHS No {N[2]}")
    v = docs.verdict(attached(name, ctype, data))
    assert docs.found(v, "nhs_number") == {f"attachment {name}, image metadata": 1}
    assert v.action == Action.HOLD
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description><dc:description>Patient NHS No '
           f'{N[3]}</dc:description></rdf:Description></x:xmpmeta>')
    v = docs.verdict(attached(name, "application/octet-stream", heif(brand, "holiday", xmp)))
    assert docs.found(v, "nhs_number") == {f"attachment {name}, image metadata": 1}
    # a photo with nothing written into it is noted, as any photo is
    v = docs.verdict(attached(name, ctype, heif(brand, "")))
    assert v.action == Action.DELIVER and not docs.unscannable(v)


def test_exif_after_the_image_data_is_read() -> None:
    data = png_with(random.Random(2), [], [exif_chunk(f"patient {N[1]}")])
    assert N[1] in read(data)


def test_no_pixel_is_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    data = png_with(rng, [text_chunk(rng, "Title", "ward list")], [exif_chunk("after")], size=(640, 480))

    def no_decode(self):  # pragma: no cover - failing is the point
        raise AssertionError("picture decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decode)
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", no_decode, raising=False)
    text = read(data)
    assert "ward list" in text and "after" in text


def test_a_damaged_png_still_gives_the_text_before_the_damage() -> None:
    rng = random.Random(4)
    good = chunk(b"tEXt", b"Comment\0first")
    bad_crc = good[:-4] + b"\0\0\0\0"
    data = png_with(rng, [bad_crc], [chunk(b"tEXt", b"Author\0second")])
    assert read(data) == "Comment: first\nAuthor: second"  # a wrong checksum hides nothing
    cut = data[: data.index(b"Author") + 3]  # ends inside the last chunk
    assert read(cut) == "Comment: first"
    assert read(data[:40]) == ""  # not even a whole header: nothing, and no error


def test_every_png_in_the_test_mail_reads_as_pillow_reads_it() -> None:
    seen = 0
    for path in sorted(TESTS.rglob("*.eml")):
        for part in email.message_from_bytes(path.read_bytes()).walk():
            try:
                data = part.get_payload(decode=True)
            except Exception:
                continue
            if isinstance(data, bytes) and data.startswith(b"\x89PNG\r\n\x1a\n"):
                try:
                    expected = reference_texts(data)
                except Exception:
                    continue  # Pillow itself cannot decode it
                assert read(data) == expected, path
                seen += 1
    assert seen >= 1


def icc_profile(tags: dict[bytes, bytes], device_class: bytes = b"prtr") -> bytes:
    """An ICC profile of the given tags (signature -> tag data), header and tag table built by hand."""
    table, body = b"", b""
    start = 128 + 4 + 12 * len(tags)
    for sig, data in tags.items():
        table += sig + struct.pack(">II", start + len(body), len(data))
        body += data + b"\x00" * (-len(data) % 4)
    size = start + len(body)
    header = struct.pack(">I4sI4s4s4s", size, b"lcms", 0x02100000, device_class, b"CMYK", b"Lab ")
    header = header.ljust(36, b"\x00") + b"acsp"
    return header.ljust(128, b"\x00") + struct.pack(">I", len(tags)) + table + body


def icc_desc(text: str) -> bytes:  # ICC v2 textDescriptionType
    ascii_text = text.encode("latin-1") + b"\x00"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text + bytes(12) + bytes(67)


def icc_mluc(text: str) -> bytes:  # ICC v4 multiLocalizedUnicodeType, one record
    utf16 = text.encode("utf-16-be")
    return b"mluc" + bytes(4) + struct.pack(">II", 1, 12) + b"enGB" + struct.pack(">II", len(utf16), 28) + utf16


def test_an_icc_profile_is_read_by_its_text_tags() -> None:
    clean = icc_profile({b"desc": icc_desc("ExampleTrust Coated v2"), b"cprt": b"text" + bytes(4) + b"No copyright\x00",
                         b"dmdd": icc_mluc("Poster printer")})
    v = docs.verdict(docs.message(("coated.icc", "application/vnd.iccprofile", clean)))
    assert v.action is Action.DELIVER, v.findings
    v = docs.verdict(docs.message(("coated.icc", docs.OCTET, clean)))  # known by its bytes, not its label
    assert v.action is Action.DELIVER, v.findings
    marked = icc_profile({b"desc": icc_desc("Coated"), b"dmdd": icc_mluc(f"Jane Roe NHS number {N[0]}")})
    v = docs.verdict(docs.message(("coated.icc", docs.OCTET, marked)))
    assert docs.found(v, "nhs_number") == {"attachment coated.icc, colour profile": 1}


def test_the_icc_profile_a_picture_carries_is_read_with_its_metadata() -> None:
    profile = icc_profile({b"desc": icc_desc(f"Jane Roe NHS number {N[1]}")}, b"mntr")
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 20, 30)).save(buf, "JPEG", icc_profile=profile)
    v = docs.verdict(docs.message(("photo.jpg", "image/jpeg", buf.getvalue())))
    assert docs.found(v, "nhs_number") == {"attachment photo.jpg, image metadata": 1}
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert image.icc_text(srgb)  # a stock profile's description: harmless words
