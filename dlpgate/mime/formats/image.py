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
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from dlpgate.mime.text import clean_label, looks_like_text
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
_PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt", b"eXIf")


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
    ifds: list[Mapping[int, Any]] = [exif]
    try:
        ifds.append(exif.get_ifd(0x8769))
    except Exception:
        pass
    return info, ifds


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
    with Image.open(io.BytesIO(data)) as img:  # a TIFF's sub-IFD is read from the open file
        info = dict(img.info or {})
        iptc = _iptc_text(img)
        if iptc:
            info["iptc"] = iptc
        return info, _exif_ifds(img)


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
    try:
        ifds.append(exif.get_ifd(0x8769))  # the Exif sub-IFD (UserComment lives there)
    except Exception:
        pass
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
    for key, value in info.items():
        if key in ("icc_profile", "exif", "dpi", "gamma", "transparency", "duration", "loop"):
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            texts.append(value if key in ("comment", "xmp", "XML:com.adobe.xmp") else f"{key}: {value}")
    for ifd in ifds:
        for tag in _TEXT_TAGS:
            value = ifd.get(tag)
            if isinstance(value, bytes):
                # XP* tags are UTF-16LE; UserComment starts with an 8-byte charset code.
                value = (
                    value.decode("utf-16-le", "replace")
                    if tag >= 0x9C9B
                    else value[8:].decode("utf-16-le" if value.startswith(b"UNICODE") else "latin-1", "replace")
                    if tag == 0x9286
                    else value.decode("utf-8", "replace")
                )
            if isinstance(value, str) and value.strip("\x00 "):
                texts.append(value.strip("\x00"))
    return "\n".join(texts)


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


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
            paper = not bilevel_page and _page_shaped(img.size, img.mode) and _looks_like_paper(data, img)
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
    from PIL import Image

    if img.format == "JPEG":
        img.draft("L", (_SAMPLE_SIDE, _SAMPLE_SIDE))
    small = img.convert("L")
    small.thumbnail((_SAMPLE_SIDE, _SAMPLE_SIDE))
    gray = small.histogram()
    total = sum(gray)
    if sum(gray[225:]) < 0.6 * total or sum(gray[:200]) < 0.003 * total:
        return False  # not paper, or blank paper
    if img.mode in ("1", "L", "LA", "I", "I;16", "F"):
        return True
    with Image.open(io.BytesIO(data)) as again:
        if again.format == "JPEG":
            again.draft("RGB", (_SAMPLE_SIDE, _SAMPLE_SIDE))
        colour = again.convert("RGB")
        colour.thumbnail((_SAMPLE_SIDE, _SAMPLE_SIDE))
        saturation = colour.convert("HSV").getchannel("S").histogram()
    return sum(saturation[80:]) <= 0.1 * sum(saturation)


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
