"""Text hidden in picture, sound, video and DICOM metadata that only the container's own
structure holds: every JPEG comment, extended XMP, EXIF IFD1 and big-endian UNICODE
comments, later TIFF pages, GIF comments on any frame and GIF XMP, ImageMagick's raw
IPTC/XMP profiles, JPEG 2000 XML boxes; RIFF INFO in AVI and RF64, iXML, AIFF text chunks,
APEv2, MP4 freeform atoms, QuickTime udta and mdta text, 3GPP assets, Matroska tags and
titles; DICOM private elements of unknown VR. And the negatives: harmless metadata (a
camera, software, a photographer, a camera's serial number in XMP) holds nothing.

Every file is built here, with Pillow, mutagen and pydicom or by hand from the formats'
specifications.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, PngImagePlugin

from dlpgate.mime.formats import image, media
from dlpgate.types import Action, Segment
from tests.content.test_carriers import attached
from tests.formats import docs
from tests.synthetic import nhs_numbers

N = nhs_numbers(40, seed=3131)
PATIENT = "Patient Gladys Pearson DOB 05/06/1938 NHS No {n} - left heel pressure ulcer"


def patient(i: int) -> str:
    return PATIENT.format(n=N[i])


def held_in(data: bytes, name: str, ctype: str, where: str) -> None:
    """The file, attached, is held for the NHS number in its metadata, found at ``where``."""
    v = docs.verdict(attached(name, ctype, data))
    found = docs.found(v, "nhs_number")
    assert any(where in place for place in found), (found, v.action)
    assert v.action == Action.HOLD


def delivered_clean(data: bytes, name: str, ctype: str) -> None:
    v = docs.verdict(attached(name, ctype, data))
    assert v.action == Action.DELIVER, [(f.kind, f.where) for f in v.findings]
    assert not v.findings, [(f.kind, f.where) for f in v.findings]


def image_text(data: bytes) -> str:
    return "\n".join(s.text for s in image.metadata(data, "x") if isinstance(s, Segment))


def media_text(data: bytes) -> str:
    return "\n".join(s.text for s in media.tags(data, "x"))


# --- pictures ---------------------------------------------------------------


def tiff_bytes(ifd0=(), exif=(), ifd1=(), big: bool = False) -> bytes:
    """A TIFF structure (EXIF's): IFD0 (with a pointer to the Exif sub-IFD when there is
    one), the Exif sub-IFD, then IFD1 chained after IFD0. Entries: (tag, type, value bytes)."""
    e = ">" if big else "<"
    entries0 = list(ifd0) + ([(0x8769, 4, b"")] if exif else [])

    def size(entries) -> int:
        return 2 + 12 * len(entries) + 4

    off_exif = 8 + size(entries0)
    off_1 = off_exif + (size(exif) if exif else 0)
    data_off = off_1 + (size(ifd1) if ifd1 else 0)
    data = bytearray()

    def ifd(entries, next_off: int) -> bytes:
        out = struct.pack(e + "H", len(entries))
        for tag, typ, value in sorted(entries, key=lambda t: t[0]):
            if tag == 0x8769:
                out += struct.pack(e + "HHII", tag, 4, 1, off_exif)
            elif len(value) <= 4:
                out += struct.pack(e + "HHI", tag, typ, len(value)) + value.ljust(4, b"\0")
            else:
                out += struct.pack(e + "HHII", tag, typ, len(value), data_off + len(data))
                data.extend(value + (b"\0" if len(value) % 2 else b""))
        return out + struct.pack(e + "I", next_off)

    body = ifd(entries0, off_1 if ifd1 else 0)
    if exif:
        body += ifd(exif, 0)
    if ifd1:
        body += ifd(ifd1, 0)
    return (b"MM\0*" if big else b"II*\0") + struct.pack(e + "I", 8) + body + bytes(data)


def ascii_tag(tag: int, text: str) -> tuple[int, int, bytes]:
    return tag, 2, text.encode() + b"\0"


def jpeg(exif: bytes = b"", segments: list[bytes] = (), comment: bytes = b"") -> bytes:
    """A small real JPEG from Pillow, with extra marker segments right after its SOI."""
    buf = io.BytesIO()
    kw = {"exif": b"Exif\0\0" + exif} if exif else {}
    if comment:
        kw["comment"] = comment
    Image.new("RGB", (16, 12), (180, 90, 60)).save(buf, "JPEG", **kw)
    data = buf.getvalue()
    return data[:2] + b"".join(segments) + data[2:]


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def test_exif_unicode_user_comment_follows_big_endian_byte_order() -> None:
    comment = b"UNICODE\0" + patient(0).encode("utf-16-be")
    data = jpeg(tiff_bytes(ifd0=[ascii_tag(0x010F, "Canon")], exif=[(0x9286, 7, comment)], big=True))
    assert patient(0) in image_text(data)
    held_in(data, "heel.jpg", "image/jpeg", "image metadata")


def test_every_jpeg_comment_segment_is_read_not_only_the_last() -> None:
    data = jpeg(segments=[segment(0xFE, patient(1).encode())], comment=b"CREATOR: gd-jpeg v1.0 (using IJG JPEG v80)")
    text = image_text(data)
    assert patient(1) in text and "CREATOR: gd-jpeg" in text
    held_in(data, "image0.jpeg", "image/jpeg", "image metadata")


def test_jpeg_extended_xmp_is_joined_and_read() -> None:
    guid = b"E5B68D55A64234F29C68E041FEC4EAF0"
    main = (b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
            b'xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="' + guid + b'"/></rdf:RDF></x:xmpmeta>')
    ext = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description><dc:description><rdf:Alt>'
           f'<rdf:li xml:lang="x-default">{patient(2)}</rdf:li></rdf:Alt></dc:description>'
           '</rdf:Description></rdf:RDF></x:xmpmeta>').encode()
    half = len(ext) // 2
    pieces = [
        segment(0xE1, b"http://ns.adobe.com/xmp/extension/\0" + guid + struct.pack(">II", len(ext), off) + part)
        for off, part in ((half, ext[half:]), (0, ext[:half]))  # out of order: joined by offset
    ]
    data = jpeg(segments=[segment(0xE1, main), *pieces])
    assert f"description: {patient(2)}" in image_text(data)
    held_in(data, "wound_crop.jpg", "image/jpeg", "image metadata")


def test_exif_ifd1_the_thumbnails_directory_is_read() -> None:
    data = jpeg(tiff_bytes(ifd0=[ascii_tag(0x010F, "Apple")], ifd1=[ascii_tag(0x010E, patient(3))]))
    assert patient(3) in image_text(data)
    held_in(data, "IMG_0193.JPG", "image/jpeg", "image metadata")


def tiff_pages(descs: list[str]) -> bytes:
    """A little-endian TIFF, one 2x2 grey page per description (ImageDescription)."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    prev_next = 4
    for desc in descs:
        pix = len(out)
        out += b"\x80" * 4
        text = desc.encode() + b"\x00"
        at = len(out)
        out += text + (b"\x00" if len(text) % 2 else b"")
        entries = [(256, 3, 1, 2), (257, 3, 1, 2), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
                   (270, 2, len(text), at), (273, 4, 1, pix), (277, 3, 1, 1), (278, 3, 1, 2), (279, 4, 1, 4)]
        struct.pack_into("<I", out, prev_next, len(out))
        out += struct.pack("<H", len(entries))
        for tag, typ, count, value in entries:
            out += struct.pack("<HHI", tag, typ, count)
            out += struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value)
        prev_next = len(out)
        out += b"\x00\x00\x00\x00"
    return bytes(out)


def test_every_page_of_a_multipage_tiff_has_its_tags_read() -> None:
    data = tiff_pages(["Dermatoscope series", patient(4), "page three"])
    text = image_text(data)
    assert "Dermatoscope series" in text and patient(4) in text and "page three" in text
    held_in(data, "derm_series.tif", "image/tiff", "image metadata")


_FRAME = b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00" + b"\x02\x02\x44\x01\x00"  # a 1x1 frame: clear, 0, end


def gif(*blocks: bytes) -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff" + b"".join(blocks) + b"\x3b"


def gif_comment(text: bytes) -> bytes:
    return b"\x21\xfe" + b"".join(bytes((len(text[i:i + 255]),)) + text[i:i + 255] for i in range(0, len(text), 255)) + b"\0"


def test_a_gif_comment_before_a_later_frame_is_read() -> None:
    data = gif(_FRAME, gif_comment(patient(5).encode()), _FRAME)
    with Image.open(io.BytesIO(data)) as img:
        assert img.n_frames == 2 and "comment" not in img.info  # what Pillow gives without seeking
    assert patient(5) in image_text(data)
    held_in(data, "before_after.gif", "image/gif", "image metadata")


def test_a_gif_xmp_application_extension_is_read() -> None:
    xmp = (f'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>'
           f'<rdf:Description dc:description="{patient(6)}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()
    trailer = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
    data = gif(b"\x21\xff\x0bXMP DataXMP" + xmp + trailer, _FRAME)
    assert f"description: {patient(6)}" in image_text(data)
    held_in(data, "rash.gif", "image/gif", "image metadata")


def raw_profile(kind: str, payload: bytes) -> str:
    hexed = payload.hex()
    return f"\n{kind}\n{len(payload):8d}\n" + "\n".join(hexed[i:i + 72] for i in range(0, len(hexed), 72)) + "\n"


def png_with_text(key: str, value: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value, zip=True)
    buf = io.BytesIO()
    Image.new("RGB", (12, 9), (20, 120, 200)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def test_imagemagick_raw_iptc_and_xmp_profiles_are_decoded() -> None:
    caption = patient(7).encode()
    iptc = b"\x1c\x02\x00\x00\x02\x00\x04" + b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    data = png_with_text("Raw profile type iptc", raw_profile("iptc", iptc))
    assert patient(7) in image_text(data)
    held_in(data, "toe.png", "image/png", "image metadata")
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description><dc:description>{patient(8)}'
           '</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>').encode()
    data = png_with_text("Raw profile type xmp", raw_profile("xmp", xmp))
    text = image_text(data)
    assert f"description: {patient(8)}" in text and xmp.hex()[:40] not in text  # words, not hex digits
    held_in(data, "hip.png", "image/png", "image metadata")


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def test_jpeg2000_xml_and_xmp_boxes_are_read() -> None:
    xml = f"<report><patient>Doreen Bellringer</patient><nhs>{N[9]}</nhs><note>venous ulcer</note></report>"
    data = (box(b"jP  ", b"\r\n\x87\n") + box(b"ftyp", b"jp2 \0\0\0\0jp2 ") + box(b"xml ", xml.encode())
            + box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
                  + f'<x:xmpmeta><rdf:Description dc:title="{patient(10)}"/></x:xmpmeta>'.encode()))
    text = image_text(data)
    assert f"nhs: {N[9]}" in text and f"title: {patient(10)}" in text
    held_in(data, "wound.jp2", "image/jp2", "image metadata")


def test_xmp_is_read_as_labelled_values_and_a_camera_serial_is_not_a_patient() -> None:
    serial = N[11]  # a valid NHS number's digits, as a camera's serial number
    xmp = (b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0">'
           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
           b'xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" aux:SerialNumber="' + serial.encode() + b'" '
           b'aux:LensModel="RF24-105mm F4 L IS USM" xmp:CreatorTool="Adobe Photoshop Lightroom Classic 13.0" '
           b'photoshop:Credit="Example NHS Trust"><dc:creator><rdf:Seq><rdf:li>Tom Brierley</rdf:li></rdf:Seq>'
           b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
    data = jpeg(segments=[segment(0xE1, xmp)])
    text = image_text(data)
    assert f"serial number: {serial}" in text and "creator: Tom Brierley" in text and "<rdf:" not in text
    v = docs.verdict(attached("AR2026_cover.jpg", "image/jpeg", data))
    assert v.action == Action.DELIVER
    assert all(f.confidence < 0.2 for f in v.findings), v.findings  # a serial number, said so: no candidate


def test_harmless_picture_metadata_holds_nothing() -> None:
    exif = tiff_bytes(ifd0=[ascii_tag(0x010F, "Canon"), ascii_tag(0x0110, "Canon EOS R6"),
                            ascii_tag(0x0131, "Adobe Photoshop 25.1"), ascii_tag(0x013B, "Tom Brierley"),
                            ascii_tag(0x8298, "Example NHS Trust")],
                      ifd1=[ascii_tag(0x010E, "thumbnail")], big=True)
    data = jpeg(exif, segments=[segment(0xFE, b"Ward 14 day room refurbishment")], comment=b"CREATOR: gd-jpeg v1.0")
    assert "Tom Brierley" in image_text(data) and "Ward 14 day room" in image_text(data)
    delivered_clean(data, "ward14_dayroom.jpg", "image/jpeg")
    delivered_clean(gif(gif_comment(b"Created with GIMP"), _FRAME, gif_comment(b"Open day banner"), _FRAME),
                    "banner.gif", "image/gif")
    delivered_clean(tiff_pages(["Trust logo", "Example NHS Trust (c) 2026"]), "logo.tif", "image/tiff")


# --- sound and video ----------------------------------------------------------


def riff_chunk(cid: bytes, body: bytes) -> bytes:
    return cid + struct.pack("<I", len(body)) + body + (b"\0" if len(body) % 2 else b"")


def info_list(**values: str) -> bytes:
    return riff_chunk(b"LIST", b"INFO" + b"".join(riff_chunk(k.encode(), v.encode() + b"\0") for k, v in values.items()))


def test_list_info_in_an_avi_is_read() -> None:
    hdrl = riff_chunk(b"LIST", b"hdrl" + riff_chunk(b"avih", b"\0" * 56))
    body = b"AVI " + hdrl + info_list(INAM="Neville Bellringer", ICMT=patient(12)) + riff_chunk(b"LIST", b"movi")
    data = b"RIFF" + struct.pack("<I", len(body)) + body
    assert f"comment: {patient(12)}" in media_text(data)
    held_in(data, "uretho.avi", "video/x-msvideo", "tags")


def wave_fmt() -> bytes:
    return riff_chunk(b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16))


def test_list_info_in_an_rf64_long_recording_is_read() -> None:
    samples = b"\0\0" * 400
    ds64 = riff_chunk(b"ds64", struct.pack("<QQQI", 0, len(samples), len(samples) // 2, 0))
    body = b"WAVE" + ds64 + wave_fmt() + info_list(INAM="MDT", ICMT=patient(13))
    data = b"RF64" + b"\xff\xff\xff\xff" + body + b"data" + b"\xff\xff\xff\xff" + samples
    data += info_list(ISBJ="after the data")
    text = media_text(data)
    assert f"comment: {patient(13)}" in text and "subject: after the data" in text
    held_in(data, "mdt_long.wav", "audio/wav", "tags")


def test_an_ixml_chunk_is_read() -> None:
    ixml = (f'<?xml version="1.0" encoding="UTF-8"?><BWFXML><IXML_VERSION>2.10</IXML_VERSION><PROJECT>Urology'
            f"</PROJECT><NOTE>{patient(14)}</NOTE><TAKE>1</TAKE></BWFXML>").encode()
    body = b"WAVE" + wave_fmt() + riff_chunk(b"data", b"\0" * 64) + riff_chunk(b"iXML", ixml)
    data = b"RIFF" + struct.pack("<I", len(body)) + body
    assert f"note: {patient(14)}" in media_text(data)
    held_in(data, "take1.wav", "audio/wav", "tags")


def aiff(*chunks: bytes) -> bytes:
    def chunk(cid: bytes, body: bytes) -> bytes:
        return cid + struct.pack(">I", len(body)) + body + (b"\0" if len(body) % 2 else b"")

    comm = chunk(b"COMM", struct.pack(">hIh", 1, 4, 16) + bytes.fromhex("400eac44000000000000"))
    ssnd = chunk(b"SSND", b"\0" * 8 + b"\0" * 8)
    body = b"AIFF" + comm + b"".join(chunk(c[:4], c[4:]) for c in chunks) + ssnd
    return b"FORM" + struct.pack(">I", len(body)) + body


def test_aiff_name_author_annotation_and_comments_are_read() -> None:
    text = patient(15).encode()
    comt = struct.pack(">H", 1) + struct.pack(">IhH", 0, 0, len(text)) + text + (b"\0" if len(text) % 2 else b"")
    data = aiff(b"NAMEDictation", b"AUTHDr A Consultant", b"ANNO" + text, b"COMT" + comt)
    out = media_text(data)
    assert f"annotation: {patient(15)}" in out and f"comment: {patient(15)}" in out and "author: Dr A Consultant" in out
    held_in(data, "memo.aiff", "audio/aiff", "tags")


def mp3_frames(n: int = 8) -> bytes:
    frame = b"\xff\xfb\x90\x64" + b"\0" * 413  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 417 bytes
    return frame * n


def test_an_apev2_tag_at_the_end_of_an_mp3_is_read(tmp_path: Path) -> None:
    from mutagen.apev2 import APEv2

    path = tmp_path / "dict.mp3"
    path.write_bytes(mp3_frames())
    ape = APEv2()
    ape["Title"] = "Dictation"
    ape["Comment"] = patient(16)
    ape.save(path)
    data = path.read_bytes()
    assert f"Comment: {patient(16)}" in media_text(data)
    held_in(data, "dict_apetag.mp3", "audio/mpeg", "tags")


def ilst_item(kind: bytes, *children: bytes) -> bytes:
    return box(kind, b"".join(children))


def mp4(*moov_children: bytes, brand: bytes = b"M4A ") -> bytes:
    samples = bytes(range(256)) * 8  # coded sound: binary, as a recording's data is
    return box(b"ftyp", brand + b"\0\0\0\0" + brand + b"isom") + box(b"moov", b"".join(moov_children)) + box(b"mdat", samples)


def test_an_mp4_freeform_atom_stored_as_text_bytes_is_read() -> None:
    freeform = ilst_item(b"----", box(b"mean", b"\0" * 4 + b"com.apple.iTunes"), box(b"name", b"\0" * 4 + b"NOTES"),
                         box(b"data", struct.pack(">II", 1, 0) + patient(17).encode()))
    hdlr = box(b"hdlr", b"\0" * 8 + b"mdir" + b"appl" + b"\0" * 9)
    data = mp4(box(b"udta", box(b"meta", b"\0" * 4 + hdlr + box(b"ilst", freeform))))
    assert f"com.apple.iTunes:NOTES: {patient(17)}" in media_text(data)
    held_in(data, "dict.m4a", "audio/mp4", "tags")


def qt_text(kind: bytes, text: str) -> bytes:
    raw = text.encode()
    return box(kind, struct.pack(">HH", len(raw), 0x55C4) + raw)


def test_classic_quicktime_udta_text_atoms_are_read() -> None:
    data = mp4(box(b"udta", qt_text(b"\xa9nam", "Shirley Eccleston") + qt_text(b"\xa9cmt", patient(18))), brand=b"qt  ")
    out = media_text(data)
    assert "title: Shirley Eccleston" in out and f"comment: {patient(18)}" in out
    held_in(data, "renal_us.mov", "video/quicktime", "tags")


def test_quicktime_mdta_keys_and_items_are_read() -> None:
    names = [b"com.apple.quicktime.make", b"com.apple.quicktime.description"]
    keys = box(b"keys", b"\0" * 4 + struct.pack(">I", len(names))
               + b"".join(struct.pack(">I", 8 + len(n)) + b"mdta" + n for n in names))
    items = box(b"ilst", b"".join(
        box(struct.pack(">I", i + 1), box(b"data", struct.pack(">II", 1, 0) + value.encode()))
        for i, value in enumerate(["Apple", patient(19)])))
    hdlr = box(b"hdlr", b"\0" * 8 + b"mdta" + b"\0" * 12 + b"\0")
    data = mp4(box(b"meta", hdlr + keys + items), brand=b"qt  ")
    out = media_text(data)
    assert f"description: {patient(19)}" in out and "make: Apple" in out
    held_in(data, "IMG_1204.MOV", "video/quicktime", "tags")


def asset(kind: bytes, text: str, utf16: bool = False) -> bytes:
    raw = b"\xfe\xff" + text.encode("utf-16-be") if utf16 else text.encode()
    return box(kind, b"\0" * 4 + struct.pack(">H", 0x15C7) + raw + (b"\0\0" if utf16 else b"\0"))


def test_a_3gpp_recording_is_media_and_its_asset_text_is_read() -> None:
    udta = box(b"udta", asset(b"titl", "Phyllis Dunkerley") + asset(b"dscp", patient(20), utf16=True))
    data = mp4(udta, brand=b"3gp4")
    out = media_text(data)
    assert "title: Phyllis Dunkerley" in out and f"description: {patient(20)}" in out
    held_in(data, "voice_0412.3gp", "video/3gpp", "tags")
    # a phone's recording with nothing written into it is media, noted as a recording is
    v = docs.verdict(attached("voice.3gp", "video/3gpp", mp4(box(b"udta", b""), brand=b"3gp4")))
    assert v.action == Action.DELIVER and not docs.unscannable(v)


def ebml(eid: int, body: bytes) -> bytes:
    """An EBML element: its ID's bytes, an 8-byte size, the body."""
    return eid.to_bytes((eid.bit_length() + 7) // 8, "big") + (0x01 << 56 | len(body)).to_bytes(8, "big") + body


def matroska(doctype: bytes, *segment_children: bytes) -> bytes:
    header = ebml(0x1A45DFA3, ebml(0x4286, b"\x01") + ebml(0x4282, doctype))
    return header + ebml(0x18538067, b"".join(segment_children))


def simple_tag(name: str, value: str) -> bytes:
    return ebml(0x67C8, ebml(0x45A3, name.encode()) + ebml(0x4487, value.encode()))


def test_matroska_tags_and_a_webm_title_are_read() -> None:
    tags = ebml(0x1254C367, ebml(0x7373, ebml(0x63C0, b"") + simple_tag("TITLE", "OBS recording")
                                 + simple_tag("COMMENT", patient(21))))
    data = matroska(b"matroska", ebml(0x1549A966, ebml(0x7BA9, b"Screen recording")), ebml(0x1F43B675, b"\0" * 32), tags)
    out = media_text(data)
    assert f"comment: {patient(21)}" in out and "title: Screen recording" in out
    held_in(data, "results_viewer.mkv", "video/x-matroska", "tags")
    data = matroska(b"webm", ebml(0x1549A966, ebml(0x7BA9, patient(22).encode())))
    assert f"title: {patient(22)}" in media_text(data)
    held_in(data, "clip.webm", "video/webm", "tags")


def test_harmless_recording_metadata_holds_nothing() -> None:
    tags = ebml(0x1254C367, ebml(0x7373, simple_tag("COMMENT", "Filmed at Example General Hospital by Comms")))
    delivered_clean(matroska(b"matroska", ebml(0x1549A966, ebml(0x7BA9, b"Trust induction 2026")), tags),
                    "induction.mkv", "video/x-matroska")
    body = b"AVI " + info_list(INAM="Staff voices ep 12", ISFT="Lavf58.29.100", IART="Comms team")
    delivered_clean(b"RIFF" + struct.pack("<I", len(body)) + body, "staff.avi", "video/x-msvideo")
    delivered_clean(aiff(b"NAMEHold music loop", b"(c) Example NHS Trust"), "hold.aiff", "audio/aiff")


# --- DICOM ------------------------------------------------------------------------


def dicom_implicit(private: dict[int, bytes], creator: str = "ACME_US_PRIVATE") -> bytes:
    """An implicit-VR little-endian file whose patient module was blanked, with a private
    block (0019,10xx): read back, its elements have VR UN."""
    import pydicom
    from pydicom.uid import ImplicitVRLittleEndian

    ds = docs.dicom_dataset("1.2.840.10008.5.1.4.1.1.6.1", ImplicitVRLittleEndian)
    ds.PatientName = ""
    ds.PatientID = ""
    ds.Modality = "US"
    ds.StudyDescription = "US ABDOMEN"
    ds.add_new(0x00190010, "LO", creator)
    for element, value in private.items():
        ds.add_new(0x00191000 | element, "UN", value)
    buf = io.BytesIO()
    pydicom.dcmwrite(buf, ds, enforce_file_format=True, implicit_vr=True, little_endian=True)
    return buf.getvalue()


def test_dicom_private_elements_of_unknown_vr_are_read_when_they_are_text() -> None:
    data = dicom_implicit({0x10: b"PEARSON^Gladys", 0x11: N[23].encode(), 0x12: b"19380605 - AAA surveillance ",
                          0x13: b"\x00\x01\x02\x03\xff\xfe\x10\x11"})
    parsed = docs.parse_attachment("sample_anon.dcm", data, "application/dicom")
    text = "\n".join(docs.texts(parsed).values())
    assert "private element (0019,1010): PEARSON^Gladys" in text
    assert f"private element (0019,1011): {N[23]}" in text
    assert "(0019,1013)" not in text  # bytes that are not text say nothing
    held_in(data, "sample_anon.dcm", "application/dicom", "sample_anon.dcm")


def test_dicom_harmless_private_elements_hold_nothing() -> None:
    data = dicom_implicit({0x10: b"GEMS_PETD_01", 0x11: b"LOGIQ E10 firmware R3.1.2"}, creator="GEMS_ACQU_01")
    parsed = docs.parse_attachment("phantom.dcm", data, "application/dicom")
    assert "LOGIQ E10 firmware" in "\n".join(docs.texts(parsed).values())
    delivered_clean(data, "phantom.dcm", "application/dicom")
