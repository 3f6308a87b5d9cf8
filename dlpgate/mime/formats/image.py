"""Images (png, jpeg, tiff, gif, bmp, webp): OCR through Debian's tesseract.

Only when ``inspection.ocr = true``.  With OCR off, or tesseract missing, an
image is recorded as a non-severe ``unsupported`` problem: photos are everyday
mail and are not held for being unread. A picture whose bytes make it a page of a
document (a fax, a TIFF, a page-sized black-and-white scan: :func:`document_scan`),
or that was labelled or named as a document (a scan saved as "referral.pdf"), is a
severe one, as a scanned PDF page is (see pdf.py).
tesseract is run by the tools inspection is given (``ctx.tools.ocr``, see
dlpgate.mime.tools), with the message's remaining inspection time as its time
limit.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from dlpgate.mime.formats.media import iso_boxes
from dlpgate.mime.sniff import BIGTIFF_MAGICS, DOS_EPS_MAGIC, jpeg_segments
from dlpgate.mime.text import clean_label, label_words, looks_like_text
from dlpgate.mime.tools import Outcome
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

OCR_TIMEOUT = 60.0  # seconds, when the message has no deadline
MAX_IMAGE_BYTES = 30 * 1024 * 1024


def ocr(data: bytes, ctx: ExtractContext) -> tuple[str, str]:
    """(text, "") or ("", reason) - the reason says why OCR gave nothing."""
    tools = ctx.tools
    if tools.can_ocr and len(data) > MAX_IMAGE_BYTES:
        return "", "image too large for OCR"
    result = tools.ocr(data, ctx.time_left(OCR_TIMEOUT))
    if result.outcome is Outcome.READ:
        return result.text, ""
    if result.outcome is Outcome.TIMED_OUT:
        ctx.check_deadline()
    return "", result.detail or str(result.outcome)


# EXIF/TIFF tags that hold text a person typed: document name, description,
# artist, copyright, user comment, and Windows' title/comment/author/keywords/subject.
_TEXT_TAGS = (0x010D, 0x010E, 0x013B, 0x8298, 0x9286, 0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F)
_MAX_METADATA = 1_000_000


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP")  # iCCP: a colour profile, its text tags


def _png_info(data: bytes) -> dict[Any, Any]:
    """A PNG's text chunks and EXIF, before and after the image data, without decoding a pixel.

    Pillow reads the chunks after the image data only when it decodes the
    picture (a 1080p screenshot: 10-40 ms); its own chunk reader, walked over
    every chunk here, reads them in microseconds. The CRCs are not checked: a
    damaged checksum does not hide the text from inspection.
    """
    from PIL import PngImagePlugin

    fp = io.BytesIO(data)
    fp.seek(len(_PNG_SIGNATURE))
    png = PngImagePlugin.PngStream(fp)
    try:
        while True:
            cid, pos, length = png.read()
            if cid == b"IEND":
                break
            if cid in _PNG_TEXT_CHUNKS:
                png.call(cid, pos, length)
            else:
                fp.seek(length, io.SEEK_CUR)
            if len(fp.read(4)) < 4:  # the CRC; none left: the file ends here
                break
    except Exception:  # a broken chunk ends the walk; what was read before it stays
        pass
    return png.im_info


_EXIF_HEADER_RE = re.compile(rb"Exif\x00\x00(?:II\*\x00|MM\x00\*)")
_XMP_RE = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.S)
# An XMP packet anywhere in a file (old writers' "x:xapmeta" too): Photoshop, Illustrator,
# InDesign, a video editor or a font tool writes one, in a box, chunk or resource of the
# file's own, or just among its bytes; the packet's markup is the same in all.
_ANY_XMP_RE = re.compile(rb"<x:x[am]pmeta\b.*?</x:x[am]pmeta>", re.S)
_MAX_PACKETS = 16


def xmp_packets(data: bytes) -> list[bytes]:
    """Every XMP packet among ``data``'s bytes, found by its markup, whatever holds it (two
    byte searches when there is none)."""
    if b"<x:xmpmeta" not in data and b"<x:xapmeta" not in data:
        return []
    out: list[bytes] = []
    size = 0
    for m in _ANY_XMP_RE.finditer(data):
        out.append(m.group()[:_MAX_METADATA])
        size += len(out[-1])
        if len(out) >= _MAX_PACKETS or size >= _MAX_METADATA * 4:
            break
    return out


def xmp_texts(data: bytes) -> list[str]:
    """The text of every XMP packet among ``data``'s bytes (xmp_packets), as xml_text reads it."""
    return [xml_text(packet.decode("utf-8", "replace")) for packet in xmp_packets(data)]


def xmp(data: bytes, where: str) -> Iterator[Segment]:
    """The XMP of a file nobody reads otherwise (a font, a design file, unknown binary),
    as ``where, XMP metadata``: its description, title, keywords, as a viewer lists them."""
    text = "\n".join(dict.fromkeys(t for t in xmp_texts(data) if t.strip()))
    if text:
        yield Segment(text, f"{where}, XMP metadata")


def _isobmff_info(data: bytes) -> tuple[dict[Any, Any], list[Mapping[int, Any]]]:
    """The EXIF and XMP a HEIF or AVIF picture (an iPhone's or an Android phone's photo)
    carries as items of its container, found by their own headers in its bytes: Pillow
    cannot open these pictures, and their metadata needs no pixel."""
    from PIL import Image

    info: dict[Any, Any] = {}
    xmp = _XMP_RE.search(data, 0, _MAX_METADATA * 4)
    if xmp is not None:
        info["xmp"] = xmp.group()
    exif = Image.Exif()
    found = _EXIF_HEADER_RE.search(data)
    if found is None:
        return info, []
    exif.load(data[found.start():found.start() + _MAX_METADATA])
    holder = Image.new("1", (1, 1))
    holder.getexif = lambda: exif  # type: ignore[method-assign]
    return info, _exif_ifds(holder)


def _image_info(data: bytes) -> tuple[dict[Any, Any], list[Mapping[int, Any]]]:
    """(text-bearing info, [EXIF, Exif sub-IFD]) of any picture Pillow opens, and of HEIF
    and AVIF pictures."""
    from PIL import Image

    if data[4:8] == b"ftyp":
        return _isobmff_info(data)
    if data.startswith(_PNG_SIGNATURE):
        # Pillow's own reading of EXIF from those chunks (an eXIf chunk, or ImageMagick's
        # "Raw profile type exif" text), on a stand-in picture that carries them.
        holder = Image.new("1", (1, 1))
        holder.info = _png_info(data)
        return holder.info, _exif_ifds(holder)
    info: dict[Any, Any] = {}
    ifds: list[Mapping[int, Any]] = []
    try:
        with Image.open(io.BytesIO(data)) as img:  # a TIFF's sub-IFD is read from the open file
            info = dict(img.info or {})
            iptc = _iptc_text(img)
            if iptc:
                info["iptc"] = iptc
            ifds = _exif_ifds(img)
            if img.format == "TIFF" and getattr(img, "n_frames", 1) > 1:
                # the first page's tags as they are now: Pillow's EXIF of a TIFF follows the page sought
                ifds.insert(1, {tag: ifds[0].get(tag) for tag in _TEXT_TAGS if tag in ifds[0]})
                ifds.extend(_later_pages(img, info))
    except Exception:  # a picture Pillow cannot open (a JPEG 2000 file without OpenJPEG): its structure is read
        pass
    _add_container_text(data, info)
    if not any(key in info for key in _XMP_KEYS):
        for packet in xmp_packets(data):  # a packet in a place of the file no reader above looks
            _append(info, "xmp", packet)
    return info, ifds


_XMP_KEYS = ("xmp", "XML:com.adobe.xmp")


_MAX_PAGES = 64  # a multi-page TIFF's pages whose tags are read
_MAX_SEGMENTS = 4096  # JPEG marker segments, JP2 boxes and GIF blocks walked


def _later_pages(img: Any, info: dict[Any, Any]) -> list[Mapping[int, Any]]:
    """The text tags (and XMP) of a multi-page TIFF's pages after the first: a scan series
    with the patient's description on page 2. Each page's directory only, no pixel."""
    pages: list[Mapping[int, Any]] = []
    try:
        count = min(getattr(img, "n_frames", 1), _MAX_PAGES)
        for n in range(1, count):
            img.seek(n)
            tags = img.tag_v2
            pages.append({tag: tags.get(tag) for tag in _TEXT_TAGS if tag in tags})
            if 700 in tags:  # XMP
                _append(info, "xmp", tags.get(700))
    except Exception:  # a damaged later page: the pages read so far stay
        pass
    return pages


def _append(info: dict[Any, Any], key: str, value: Any) -> None:
    """Add a value to ``info[key]``, which becomes a list when it holds more than one."""
    if value is None or value == b"" or value == "":
        return
    old = info.get(key)
    if old is None:
        info[key] = value
        return
    values = old if isinstance(old, list) else [old]
    if value not in values:
        values.append(value)
    info[key] = values


def _add_container_text(data: bytes, info: dict[Any, Any]) -> None:
    """What Pillow's info leaves out, from the file's own structure: every JPEG comment and
    its extended XMP, every GIF comment (any frame) and its XMP, a JPEG 2000 file's XML and
    XMP boxes."""
    try:
        if data.startswith(b"\xff\xd8"):
            _jpeg_text(data, info)
        elif data.startswith(b"GIF8") and (b"\x21\xfe" in data or b"XMP DataXMP" in data):
            _gif_text(data, info)
        elif data[4:12] == b"jP  \r\n\x87\n" or data.startswith(b"\xff\x4f\xff\x51"):
            _jp2_text(data, info)
        elif data.startswith(b"8BPS"):
            _psd_text(data, info)
    except Exception:  # a damaged structure: what was read stays
        pass


# Photoshop's image resources that hold words: the IPTC record (caption, keywords, by-line)
# and the XMP packet (description, title); Pillow reads only the colour profile of them.
_PSD_IPTC = 1028
_PSD_XMP = 1060


def _psd_text(data: bytes, info: dict[Any, Any]) -> None:
    """A Photoshop file's (.psd, .psb) image resources: after its 26-byte header and its
    colour-mode data, a block of "8BIM" resources (id, padded Pascal name, size, data)."""
    colours = int.from_bytes(data[26:30], "big")
    pos = 30 + colours
    end = min(pos + 4 + int.from_bytes(data[pos:pos + 4], "big"), len(data))
    pos += 4
    for _ in range(_MAX_SEGMENTS):
        if pos + 12 > end or data[pos:pos + 4] != b"8BIM":
            break
        ident = int.from_bytes(data[pos + 4:pos + 6], "big")
        name_len = data[pos + 6]
        pos += 6 + name_len + 1 + ((name_len + 1) & 1)  # the name, with its length byte, padded to even
        size = int.from_bytes(data[pos:pos + 4], "big")
        body = data[pos + 4:pos + 4 + min(size, _MAX_METADATA)]
        if ident == _PSD_IPTC:
            _append(info, "iptc", _iim_text(body))
        elif ident == _PSD_XMP:
            _append(info, "xmp", body)
        pos += 4 + size + (size & 1)


_XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"


def _jpeg_text(data: bytes, info: dict[Any, Any]) -> None:
    """Every COM segment (Pillow keeps the last) and the extended XMP that APP1 segments
    carry in pieces (each: a GUID, the full length, this piece's offset), up to the image data."""
    comments: list[Any] = []
    extended: dict[bytes, dict[int, bytes]] = {}
    size = 0
    for marker, start, end in jpeg_segments(data, _MAX_SEGMENTS):
        if marker in (0xDA, 0xD9):  # start of scan: the metadata is before it
            break
        body = data[start + 4:end]
        if marker == 0xFE:
            comments.append(body)
        elif marker == 0xE1 and body.startswith(_XMP_EXTENSION) and size < _MAX_METADATA * 4:
            head = len(_XMP_EXTENSION)
            guid = body[head:head + 32]
            offset = int.from_bytes(body[head + 36:head + 40], "big")
            piece = body[head + 40:]
            extended.setdefault(guid, {})[offset] = piece
            size += len(piece)
    if len(comments) > 1 or (comments and "comment" not in info):
        info["comment"] = comments
    for pieces in extended.values():
        _append(info, "xmp", b"".join(pieces[k] for k in sorted(pieces)))


def _sub_blocks(data: bytes, pos: int, keep: bool) -> tuple[int, bytes]:
    """A GIF's data sub-blocks from ``pos``: (the position after them, their bytes if kept)."""
    out: list[bytes] = []
    while pos < len(data):
        n = data[pos]
        if n == 0:
            return pos + 1, b"".join(out)
        if keep:
            out.append(data[pos + 1:pos + 1 + n])
        pos += 1 + n
    return pos, b"".join(out)


def _gif_text(data: bytes, info: dict[Any, Any]) -> None:
    """A GIF's comment extensions before any frame (Pillow reads a frame's only on seeking to
    it) and its XMP application extension ("XMP DataXMP", the packet written raw)."""
    comments: list[Any] = []
    flags = data[10] if len(data) > 10 else 0
    pos = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    for _ in range(_MAX_SEGMENTS * 16):
        if pos >= len(data) or data[pos] == 0x3B:
            break
        if data[pos] == 0x21 and pos + 1 < len(data):
            label = data[pos + 1]
            if label == 0xFF and data[pos + 3:pos + 14] == b"XMP DataXMP":
                xmp = _XMP_RE.search(data, pos + 14, pos + 14 + _MAX_METADATA * 4)
                if xmp is not None:
                    _append(info, "xmp", xmp.group())
            pos, body = _sub_blocks(data, pos + 2, label == 0xFE)
            if label == 0xFE and body:
                comments.append(body)
        elif data[pos] == 0x2C and pos + 10 <= len(data):
            local = data[pos + 9]
            pos += 10 + (3 * (2 << (local & 7)) if local & 0x80 else 0) + 1  # descriptor, colours, LZW size
            pos, _ = _sub_blocks(data, pos, False)
        else:
            break
    if comments:
        info["comment"] = comments


_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")


def _jp2_text(data: bytes, info: dict[Any, Any]) -> None:
    """A JPEG 2000 file's "xml " boxes (and those in association boxes) and its XMP "uuid" box."""
    boxes = [(0, len(data), 0)]
    seen = 0
    while boxes and seen < _MAX_SEGMENTS:
        pos, end, depth = boxes.pop()
        for kind, start, stop in iso_boxes(data, pos, end):
            seen += 1
            if seen > _MAX_SEGMENTS:
                break
            body = data[start:stop]
            if kind == b"xml ":
                _append(info, "xml", body[:_MAX_METADATA])
            elif kind == b"uuid" and body[:16] == _XMP_UUID:
                _append(info, "xmp", body[16:16 + _MAX_METADATA])
            elif kind in (b"asoc", b"jp2h", b"res ") and depth < 4:
                boxes.append((start, stop, depth + 1))


def _iptc_text(img: Any) -> str:
    """A photo's IPTC caption, headline, keywords, title and by-line (JPEG, TIFF): what photo
    libraries and news desks write, and what a viewer shows as the picture's description."""
    from PIL import IptcImagePlugin

    try:
        found = IptcImagePlugin.getiptcinfo(img) or {}
    except Exception:  # a damaged IPTC block: the rest of the metadata stays
        return ""
    lines = []
    for (record, _dataset), value in sorted(found.items()):
        if record != 2:  # the application record: the words; record 1 is the envelope
            continue
        for item in value if isinstance(value, list) else [value]:
            text = item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
            if text.strip("\x00 "):
                lines.append(text.strip("\x00 "))
    return "\n".join(lines)


def _exif_ifds(img: Any) -> list[Mapping[int, Any]]:
    exif = img.getexif()
    ifds: list[Mapping[int, Any]] = [exif]
    for ifd in (0x8769, -1):  # the Exif sub-IFD (UserComment lives there), IFD1 (the thumbnail's)
        try:
            found = exif.get_ifd(ifd)
        except Exception:
            continue
        if found:
            ifds.append(found)
    return ifds


def metadata(data: bytes, where: str) -> Iterator[Segment | Problem]:
    """Text people (and their software) write into a picture: PNG text chunks,
    JPEG/GIF comments, EXIF descriptions and comments, XMP."""
    try:
        text = written_text(*_image_info(data))[:_MAX_METADATA]
    except Exception:  # metadata is a bonus; the picture itself is judged below
        return
    if text.strip():
        yield Segment(text, f"{where}, image metadata")


def written_text(info: Mapping[Any, Any], ifds: list[Mapping[int, Any]]) -> str:
    """The typed text of a picture's info (Pillow's ``img.info``) and EXIF directories."""
    texts = []
    big_endian = getattr(ifds[0], "endian", "<") == ">" if ifds else False
    for key, values in info.items():
        if key == "icc_profile" and isinstance(values, bytes):
            texts.append(icc_text(values))  # the embedded profile's description and copyright
            continue
        if key in ("icc_profile", "exif", "dpi", "gamma", "transparency", "duration", "loop"):
            continue
        for value in values if isinstance(values, list) else [values]:
            if isinstance(key, str) and key.startswith("Raw profile type") and isinstance(value, str):
                texts.extend(_raw_profile(key, value))
                continue
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            if not isinstance(value, str) or not value.strip():
                continue
            if key in ("xmp", "XML:com.adobe.xmp", "xml"):
                texts.append(xml_text(value))
            else:
                texts.append(value if key == "comment" else f"{key}: {value}")
    for ifd in ifds:
        for tag in _TEXT_TAGS:
            value = ifd.get(tag)
            if isinstance(value, bytes):
                # XP* tags are UTF-16LE; UserComment starts with an 8-byte charset code.
                value = (
                    value.decode("utf-16-le", "replace")
                    if tag >= 0x9C9B
                    else _utf16(value[8:], big_endian)
                    if tag == 0x9286 and value.startswith(b"UNICODE")
                    else value[8:].decode("latin-1", "replace")
                    if tag == 0x9286
                    else value.decode("utf-8", "replace")
                )
            if isinstance(value, str) and value.strip("\x00 "):
                texts.append(value.strip("\x00"))
    return "\n".join(dict.fromkeys(texts))  # once each: a page's tags may repeat another's


def _utf16(raw: bytes, big_endian: bool) -> str:
    """An EXIF UNICODE comment: UTF-16 in the file's byte order, unless its bytes plainly say
    the other (Latin text has its zero bytes first in big-endian, second in little-endian)."""
    raw = raw[: len(raw) // 2 * 2]
    high_first = raw[0::2].count(0)
    high_second = raw[1::2].count(0)
    if high_first != high_second and max(high_first, high_second) >= len(raw) // 4:
        big_endian = high_first > high_second
    return raw.decode("utf-16-be" if big_endian else "utf-16-le", "replace")


# XML tag or text: a start or end tag, a processing instruction or comment, or the text between.
# No part of a tag runs past a "<", so a broken tag costs one scan to the next one.
_XML_TOKEN = re.compile(r"<!--.*?-->|<[?!][^<>]*>|<(/?)([\w.:-]+)((?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*?)(/?)>|([^<]+)", re.S)
_XML_ATTR = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_XML_SKIP_PREFIXES = ("xmlns", "rdf", "x", "xml", "stEvt", "stRef")
_XML_CONTAINERS = frozenset(("RDF", "Description", "Seq", "Bag", "Alt", "li", "xmpmeta", "xapmeta"))
_MAX_XML_TOKENS = 50_000


def _words(name: str) -> str:
    """An XMP or XML name in words, so a value follows its label: "SerialNumber" -> "serial number"."""
    return label_words(name.rsplit(":", 1)[-1]).lower()


def xml_text(xml: str) -> str:
    """XMP or other XML metadata as "name: value" lines: each attribute and each element's text
    after its name in words (RDF's containers name nothing), as a viewer lists them. Markup
    that yields no line is given back as it is."""
    import html

    lines: list[str] = []
    stack: list[str] = []
    for n, m in enumerate(_XML_TOKEN.finditer(xml[:_MAX_METADATA])):
        if n >= _MAX_XML_TOKENS:
            break
        closing, tag, attrs, empty, text = m.groups()
        if text is not None:
            text = html.unescape(text).strip()
            label = next((t for t in reversed(stack) if t), "")
            if text:
                lines.append(f"{label}: {text}" if label else text)
        elif tag is None:
            continue
        elif closing:
            if stack:
                stack.pop()
        else:
            for key, v1, v2 in _XML_ATTR.findall(attrs):
                value = html.unescape(v1 or v2).strip()
                prefix = key.split(":", 1)[0] if ":" in key else key  # "xmlns" alone is one too
                if value and prefix not in _XML_SKIP_PREFIXES:
                    lines.append(f"{_words(key)}: {value}")
            if not empty:
                local = tag.rsplit(":", 1)[-1]
                stack.append("" if local in _XML_CONTAINERS or tag.split(":", 1)[0] in ("rdf", "x") else _words(tag))
    return "\n".join(lines) if lines else xml


def _raw_profile(key: str, value: str) -> list[str]:
    """ImageMagick's "Raw profile type <name>" text: a line naming the profile, its length,
    then the profile's bytes in hex. IPTC is read as its datasets, XMP as XMP, other
    profiles as their text if they are text. (Pillow reads the "exif" one into EXIF.)"""
    kind = key[len("Raw profile type"):].strip().lower()
    if kind == "exif":
        return []
    lines = value.strip().split("\n")
    if len(lines) < 3:
        return []
    try:
        length = int(lines[1].strip())
        raw = bytes.fromhex("".join(lines[2:])[: length * 2 + 1][: length * 2])
    except ValueError:
        return []
    if kind in ("iptc", "8bim") or raw.startswith((b"\x1c", b"8BIM")):
        text = _iim_text(raw)
        if text:
            return [text]
    xmp = _XMP_RE.search(raw)
    if xmp is not None:
        return [xml_text(xmp.group().decode("utf-8", "replace"))]
    return [f"{kind}: {raw.decode('utf-8', 'replace')}"] if raw and looks_like_text(raw) else []


def _iim_text(raw: bytes) -> str:
    """The application record (2) datasets of an IPTC-IIM stream (0x1C, record, dataset,
    2-byte length, value), as Photoshop's 8BIM resource or on its own: caption, keywords..."""
    out: list[str] = []
    pos = raw.find(b"\x1c")
    while 0 <= pos and pos + 5 <= len(raw) and len(out) < _MAX_SEGMENTS:
        record, dataset, length = raw[pos + 1], raw[pos + 2], int.from_bytes(raw[pos + 3:pos + 5], "big")
        if length & 0x8000:  # an extended length: binary data
            break
        value = raw[pos + 5:pos + 5 + length]
        if record == 2 and dataset != 0 and value.strip(b"\x00 "):
            out.append(value.decode("utf-8", "replace").strip("\x00 "))
        pos = raw.find(b"\x1c", pos + 5 + length)
    return "\n".join(out)


# ICC profile tag types that hold text: ICC v2's textDescription ("desc": ASCII), text ("text"),
# v4's multiLocalizedUnicode ("mluc": UTF-16BE strings, one per language).
_ICC_MAX_TAGS = 1024


def icc_text(data: bytes) -> str:
    """The text tags of an ICC colour profile (its description, copyright, maker and model
    names: "desc", "cprt", "dmnd", "dmdd", any tag of a text type), one per line."""
    count = int.from_bytes(data[128:132], "big")
    texts: list[str] = []
    for i in range(min(count, _ICC_MAX_TAGS)):
        entry = 132 + 12 * i
        if entry + 12 > len(data):
            break
        offset = int.from_bytes(data[entry + 4 : entry + 8], "big")
        size = int.from_bytes(data[entry + 8 : entry + 12], "big")
        tag = data[offset : offset + size]
        kind = tag[:4]
        if kind == b"desc" and len(tag) >= 12:
            length = int.from_bytes(tag[8:12], "big")
            texts.append(tag[12 : 12 + length].decode("latin-1"))
        elif kind == b"text":
            texts.append(tag[8:].decode("latin-1"))
        elif kind == b"mluc" and len(tag) >= 16:
            records = int.from_bytes(tag[8:12], "big")
            step = int.from_bytes(tag[12:16], "big") or 12
            for r in range(min(records, _ICC_MAX_TAGS)):
                at = 16 + r * step
                length = int.from_bytes(tag[at + 4 : at + 8], "big")
                start = int.from_bytes(tag[at + 8 : at + 12], "big")
                texts.append(tag[start : start + length].decode("utf-16-be", "replace"))
    lines = (t.replace("\x00", " ").strip() for t in texts)
    return "\n".join(dict.fromkeys(line for line in lines if line))


def extract_icc(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """An ICC colour profile (printers' and monitors' calibration, a file of its own): its
    text tags; the rest is colour measurement."""
    text = icc_text(data)
    if text:
        yield Segment(text, f"{where}, colour profile")


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", *BIGTIFF_MAGICS, b"BM", b"RIFF")


# TIFF compressions only fax machines and document scanners write (CCITT Group 3 and 4).
_FAX_COMPRESSIONS = frozenset(("group3", "group4", "tiff_ccitt"))
_PAGE_PIXELS = 1000  # the long side of a page scanned at 100 dpi or more
_GREY_MODES = frozenset(("1", "L", "LA", "I;16", "I;16B", "I", "P"))


def document_scan(data: bytes) -> str:
    """What makes a picture a page of a document rather than a photo or a logo, read from
    its header (no pixel decoded): a fax's compression, several pages in one file, a
    page-sized picture in black and white only, as scanners write a letter, or a grey or
    black-and-white TIFF of a page's size (what scanners and fax servers write). "" for
    others."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            compression = str(img.info.get("compression", ""))
            # a scanner's or a fax server's page: grey or black and white, a page's size (not a
            # logo, not print artwork or a camera's colour photograph)
            tiff = img.format == "TIFF" and max(img.size) >= _PAGE_PIXELS and img.mode in _GREY_MODES
            pages = getattr(img, "n_frames", 1) if tiff else 1
            bilevel_page = img.mode == "1" and max(img.size) >= _PAGE_PIXELS
            # judged as it is shown: a phone stores a portrait photo on its side, with an EXIF
            # orientation that turns it upright
            turn = _orientation(img)
            size = (img.size[1], img.size[0]) if turn in _QUARTER_TURNS else img.size
            whole = not bilevel_page and _page_shaped(size, img.mode) and _looks_like_paper(data, img)
            # a camera's photo (JPEG, a camera's frame: not a phone's screenshot, not a banner)
            photo = (not whole and img.format in _CAMERA_FORMATS and max(size) >= _PAGE_PIXELS
                     and max(size) <= _CAMERA_RATIO * min(size))
        # a page that fills the picture, or a letter photographed lying on a desk; either way
        # with print on it (not a product on a white sweep, a chart, snow or a wall)
        paper = (whole or photo) and _printed_page(data, turn, whole)
    except Exception:
        return ""
    if compression in _FAX_COMPRESSIONS:
        return "fax image"
    if pages > 1:
        return f"image of {pages} pages"
    if bilevel_page:
        return "black-and-white page image"
    if paper:
        return "picture of a page"
    if tiff:
        return "TIFF image (scanners' and fax servers' format)"
    return ""


# What a sender's software calls a document (not a picture): a picture sent under one of
# these labels or names is a page it made, a scan saved or renamed as the document.
_DOCUMENT_EXTENSIONS = frozenset(
    ("pdf", "doc", "docx", "docm", "dot", "dotx", "odt", "rtf", "xls", "xlsx", "xlsm", "ods", "ppt", "pptx")
)
_DOCUMENT_TYPES = (
    "application/pdf",
    "application/msword",
    "application/rtf",
    "text/rtf",
    "application/vnd.openxmlformats-officedocument.",
    "application/vnd.oasis.opendocument.",
    "application/vnd.ms-word",
    "application/vnd.ms-powerpoint",
)


def _labelled_document(declared: str, name: str, data: bytes) -> str:
    """A picture labelled or named as a document (a scan saved as "referral.pdf"), large
    enough to show a line of text: read as a page of one. "" for a picture sent as a
    picture or as bytes, or a web bug's few pixels."""
    from PIL import Image

    from dlpgate.mime.text import extension

    if not declared.startswith(_DOCUMENT_TYPES) and extension(name) not in _DOCUMENT_EXTENSIONS:
        return ""
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
    except Exception:
        return ""
    return "picture sent as a document" if max(width, height) >= 200 and min(width, height) >= 20 else ""


def _page_shaped(size: tuple[int, int], mode: str = "RGB") -> bool:
    """Shaped as A4 or US Letter (a scanned or photographed letter), large enough to be
    read: upright, or on its side when it is grey as scanners write a page (a drug chart
    scanned landscape); screenshots and banners in colour are wider than tall."""
    width, height = size
    if mode in _GREY_MODES and width > height:
        width, height = height, width
    return height >= _PAGE_MIN_HEIGHT and 1.25 <= height / max(width, 1) <= 1.5


_PAGE_MIN_HEIGHT = 700
_SAMPLE_SIDE = 400  # pixels: a picture is judged on a copy this small


def _looks_like_paper(data: bytes, img: Any) -> bool:
    """Mostly white and nearly colourless, with marks on it: print on paper, not a photo.
    Decodes the picture (a JPEG at an eighth of its size, its grey only), and only a
    page-shaped one; its colours only when its greys look like paper."""
    if img.format == "JPEG":
        img.draft("L", (_SAMPLE_SIDE, _SAMPLE_SIDE))
    small = img.convert("L")
    small.thumbnail((_SAMPLE_SIDE, _SAMPLE_SIDE))
    gray = small.histogram()
    total = sum(gray)
    if sum(gray[225:]) < 0.6 * total or sum(gray[:200]) < 0.003 * total:
        return False  # not paper, or blank paper
    return img.mode in ("1", "L", "LA", "I", "I;16", "F") or not _in_colour(data)


def _in_colour(data: bytes) -> bool:
    """A tenth or more of the picture in clear colour (a copy of it at most _SAMPLE_SIDE
    pixels, a JPEG decoded at that size): a photo or artwork, not print on paper."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        if img.format == "JPEG":
            img.draft("RGB", (_SAMPLE_SIDE, _SAMPLE_SIDE))
        colour = img.convert("RGB")
    colour.thumbnail((_SAMPLE_SIDE, _SAMPLE_SIDE))
    saturation = colour.convert("HSV").getchannel("S").histogram()
    return sum(saturation[80:]) > 0.1 * sum(saturation)


def picture_not_page(data: bytes) -> str:
    """What makes a picture no page of a document, by the tests document_scan applies: a
    photo, a logo or artwork in colour, in which document_scan finds no page (not a letter
    photographed on a desk). "" when it may be a page (any picture in grey or black and
    white: a scanner's), or cannot be read."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.mode in _GREY_MODES and img.mode != "P":
                return ""
        if document_scan(data) or not _in_colour(data):
            return ""
    except Exception:
        return ""
    return "picture in colour (a photo or artwork)"


_CAMERA_FORMATS = frozenset(("JPEG", "MPO"))  # what phones and cameras send a photo as
_CAMERA_RATIO = 1.8  # 16:9 at most; a phone's screenshot is taller
_EXIF_HEADERS = frozenset(("JPEG", "MPO", "TIFF", "WEBP"))
_ORIENTATION_TAG = 0x0112
_TRANSPOSES = {  # what a viewer does for each EXIF orientation (as PIL.ImageOps.exif_transpose)
    2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
    6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90",
}
_QUARTER_TURNS = frozenset((5, 6, 7, 8))  # EXIF orientations shown turned a quarter


def _orientation(img: Any) -> int:
    """The EXIF orientation a viewer applies (1: as stored), read from the header (a PNG's
    EXIF may follow its pixels: not looked for, that would decode them)."""
    if img.format not in _EXIF_HEADERS:
        return 1
    try:
        value = img.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# A page lying in a photo: its paper is the picture's brightest, nearly colourless part, an
# upright rectangle of a page's proportions (allowing for the camera's angle) with a margin
# of desk beside it, at least this much of the picture, and marked with lines of print.
_PHOTO_SIDE = 320  # pixels: the copy a photo is judged on
_PAGE_SHARE = 0.35  # of the picture the page covers
_PAGE_FILL = 0.75  # of its bounding box the page's paper fills (a page turned up to about 10 degrees)
_PAGE_RATIO = (1.2, 1.62)  # height / width: A4 and Letter, photographed at an angle
_PAPER_DROP = 55  # grey levels below the paper's brightness still paper (shadow, vignetting)
_PAPER_CHROMA = 64  # HSV saturation (of 255): paper under warm light, not wood, skin or sky
_INK_CONTRAST = 28  # a mark is this much darker than the paper around it


def _longest_run(profile: list[int], floor: float, gap: int = 2) -> tuple[int, int]:
    """The longest run of positions whose value reaches floor, bridging gaps of a few."""
    best, start, last = (0, 0), -1, -gap - 2
    for i, value in enumerate(profile):
        if value < floor:
            continue
        if i - last > gap + 1:
            start = i
        last = i
        if last + 1 - start > best[1] - best[0]:
            best = (start, last + 1)
    return best


def _grow(mask: Any, by: int) -> Any:
    """A black-and-white mask (0 or 255) grown by a few pixels, or shrunk when by < 0."""
    from PIL import ImageFilter

    blurred = mask.filter(ImageFilter.BoxBlur(abs(by)))
    return blurred.point(lambda v: 255 if v > 5 else 0) if by > 0 else blurred.point(lambda v: 255 if v >= 250 else 0)


def _printed_page(data: bytes, turn: int, whole: bool) -> bool:
    """A page of a document with print on it. whole: the picture is the page (a scan, a photo
    cropped to the sheet). Otherwise a page photographed on a desk or a table: the largest
    bright, nearly colourless rectangle in the photo, page-shaped and upright as it is shown,
    covering a good part of it, not spanning its whole width (an app's white screen does).
    Either way its paper carries marks as print leaves them: many, thin, spread down the page
    (not a product on a white sweep, a chart's bars, snow or a blank wall)."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(data)) as img:
        full_height = img.size[0] if turn in _QUARTER_TURNS else img.size[1]  # as shown
        if img.format == "JPEG":
            img.draft("L" if whole else "RGB", (_PHOTO_SIDE, _PHOTO_SIDE))
        rgb = img.convert("L" if whole else "RGB")  # a whole page's colours were judged already
    rgb.thumbnail((_PHOTO_SIDE, _PHOTO_SIDE), Image.Resampling.BOX)
    if turn != 1:
        rgb = rgb.transpose(Image.Transpose[_TRANSPOSES[turn]])
    width, height = rgb.size
    grey = rgb.convert("L")
    levels = grey.histogram()
    total, seen, bright = width * height, 0, 255
    for bright in range(255, -1, -1):  # the brightness of the brightest tenth: the paper's
        seen += levels[bright]
        if seen >= total // 10:
            break
    floor = max(140, bright - _PAPER_DROP)
    paper = grey.point(lambda v: 255 if v >= floor else 0)
    if not whole:
        if paper.histogram()[255] < _PAGE_SHARE * _PAGE_FILL * total:
            return False  # too little bright in the picture for a page
        pale = rgb.convert("HSV").getchannel("S").point(lambda v: 255 if v < _PAPER_CHROMA else 0)
        paper = ImageChops.multiply(paper, pale)
    paper = _grow(_grow(paper, 2), -2)  # its print filled in
    if whole:
        return _print_on(grey, paper)
    rows = list(paper.resize((1, height), Image.Resampling.BOX).tobytes())
    top, bottom = _longest_run(rows, max(0.3 * 255, 0.6 * max(rows)))
    if bottom - top < 0.4 * height:
        return False
    cols = list(paper.crop((0, top, width, bottom)).resize((width, 1), Image.Resampling.BOX).tobytes())
    left, right = _longest_run(cols, 0.6 * max(cols))
    box_w, box_h = right - left, bottom - top
    if box_w <= 0 or left <= 0.015 * width and right >= 0.985 * width:
        return False  # no page beside a desk: the whole width is white (an app, a wall, snow)
    if box_w * box_h < _PAGE_SHARE * total or not _PAGE_RATIO[0] <= box_h / box_w <= _PAGE_RATIO[1]:
        return False
    if box_h / height * full_height < _PAGE_MIN_HEIGHT:
        return False  # too few pixels to hold readable print
    box = (left, top, right, bottom)
    page = paper.crop(box)
    if page.histogram()[255] < _PAGE_FILL * box_w * box_h:
        return False  # not a rectangle of paper
    return _print_on(grey.crop(box), page)


def _print_on(grey_page: Any, page: Any) -> bool:
    """Marks as print leaves them on a page's paper (page: its mask): darker than the paper
    beside them, covering a little of it, thin, in many of its rows."""
    from PIL import Image, ImageChops, ImageFilter

    box_w, box_h = page.size
    contrast = ImageChops.subtract(grey_page.filter(ImageFilter.BoxBlur(3)), grey_page)
    ink = ImageChops.multiply(contrast.point(lambda v: 255 if v >= _INK_CONTRAST else 0), page)
    inked = ink.histogram()[255]
    if not 0.01 * box_w * box_h <= inked <= 0.3 * box_w * box_h:
        return False  # blank paper, or a picture on it
    solid = _grow(ink, -2).histogram()[255]
    if solid > 0.2 * inked:
        return False  # broad dark shapes (an object, a chart's bars), not strokes of print
    # lines of print: marks across many of the page's rows, not a few details in one place
    inked_rows = sum(1 for v in ink.resize((1, box_h), Image.Resampling.BOX).tobytes() if v >= 4)
    return inked_rows >= 0.12 * box_h


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    if not data.startswith(_IMAGE_MAGIC) and looks_like_text(data):
        # Mislabelled text ("image/png" named list.csv): read it as what its name says.
        from dlpgate.mime.formats import BY_CONTENT_TYPE, by_extension

        reader = by_extension(name)
        if reader is None or reader is extract:
            reader = BY_CONTENT_TYPE["text/plain"]
        yield from reader(data, name, where, ctx)
        return
    from dlpgate.mime.formats import SMALLEST_RECORD

    if not data.startswith(_IMAGE_MAGIC) and len(data) >= SMALLEST_RECORD:
        from dlpgate.mime.sniff import more_media, sniff

        found = sniff(data) or more_media(data)
        if found is None or found.kind not in ("image", "media"):
            # Labelled a picture, but its bytes are none that dlpgate knows: unknown binary.
            yield Problem("unsupported", where, f"{clean_label(ctx.content_type)}: bytes of no known picture format")
            return
    yield from metadata(data, where)
    if not getattr(ctx.limits, "ocr", False):
        scan = _labelled_document(ctx.declared, name, data) or document_scan(data)
        if scan:  # a page of a document, as a scanned PDF page is: unread, held
            yield Problem("unsupported", where, f"{scan} (document image); OCR is off")
            return
        # The detail stays the bare content type, as for any format without a reader.
        yield Problem("unsupported", where, clean_label(ctx.content_type), severe=False)
        return
    text, problem = ocr(data, ctx)
    if problem:
        scan = _labelled_document(ctx.declared, name, data) or document_scan(data)  # judged only when not read
        yield Problem("unsupported", where, f"{scan or 'image'}; {problem}", severe=bool(scan))
        return
    if text.strip():
        yield Segment(text, f"{where} (OCR)")


def extract_eps(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    """An EPS file with a binary header (as Photoshop and Illustrator save one with a preview):
    its PostScript section read as the text it is; its TIFF or Windows metafile preview, a
    picture of what that program draws, is noted, not read (a line drawing's preview would
    otherwise pass for a scanned page). The header gives each part's place and length."""
    if len(data) < 30 or not data.startswith(DOS_EPS_MAGIC):
        yield Problem("corrupt", where, "EPS header does not fit the file")
        return
    ps_at, ps_len, wmf_at, wmf_len, tiff_at, tiff_len = struct.unpack_from("<6I", data, 4)
    parts = ((ps_at, ps_len), (wmf_at, wmf_len), (tiff_at, tiff_len))
    if not ps_len or any(at + length > len(data) for at, length in parts if length):
        yield Problem("corrupt", where, "EPS header does not fit the file")
        return
    yield from ctx.recurse(data[ps_at:ps_at + ps_len], name, f"{where} > PostScript")
    if wmf_len or tiff_len:
        yield Problem("unsupported", f"{where} > preview", "a preview picture of the drawing, not read", severe=False)
