"""What a part really is, from its first bytes.

The declared content type and the file name are hints only: mail is read as
what its bytes are.  :func:`sniff` looks at a small prefix (and, for a zip,
at its central directory, which sits at the end) and returns one of the
*kinds* below with a canonical content type, or None when the bytes do not
decide (then the declared type and the extension are used).

Images, audio, video and fonts are recognised with the ``filetype`` package;
the formats that carry content (archives, Office, PDF, TNEF, CMS, PGP, RTF)
with the magic numbers here, because what matters for them is finer than a
media type: a zip that is really an .xlsx, an OLE file that is an .msg, a
CMS blob that is a detached signature.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass

PREFIX = 8192

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # a Zstandard frame
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
APPLE_SINGLE = b"\x00\x05\x16\x00"
APPLE_DOUBLE = b"\x00\x05\x16\x07"
DS_STORE = b"\x00\x00\x00\x01Bud1"  # a Finder folder's .DS_Store
SQLITE_MAGIC = b"SQLite format 3\x00"
# A Windows shell link (.lnk): its header size, then its class id {00021401-0000-0000-C000-000000000046}.
SHELL_LINK_MAGIC = b"\x4c\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"
# OneNote's header GUIDs, as stored (little-endian fields): a section, a notebook's contents.
ONENOTE_SECTION = bytes.fromhex("e4525c7b8cd8a74daeb15378d02996d3")  # {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}
ONENOTE_TOC = bytes.fromhex("a12fff43d9ef764c9ee210ea5722765f")  # {43FF2FA1-EFD9-4C76-9EE2-10EA5722765F}


@dataclass(frozen=True)
class Sniffed:
    """``kind``: zip, ooxml, odf, gzip, bzip2, xz, zstd, 7z, rar, tar, pdf, ole, image,
    media (audio/video/font), icc (a colour profile), apple (AppleSingle/AppleDouble, .DS_Store), onenote, sqlite, lnk (a Windows shortcut), dbase, shapefile, spss, stata, stl (a 3D model), zlib, tnef, cms, pem-cms, pgp, rtf, html, xml, calendar, hl7, edifact, sylk, captions (WebVTT, SubRip), message, text.
    ``content_type``: the canonical content type for the registry."""

    kind: str
    content_type: str


_OOXML = "application/vnd.openxmlformats-officedocument."
BIGTIFF_MAGICS = (b"II+\x00", b"MM\x00+")
DOS_EPS_MAGIC = b"\xc5\xd0\xd3\xc6"
_SIMPLE = (
    (b"%PDF-", Sniffed("pdf", "application/pdf")),
    (b"\x1f\x8b\x08", Sniffed("gzip", "application/gzip")),
    (b"\xfd7zXZ\x00", Sniffed("xz", "application/x-xz")),
    (ZSTD_MAGIC, Sniffed("zstd", "application/zstd")),
    (b"7z\xbc\xaf\x27\x1c", Sniffed("7z", "application/x-7z-compressed")),
    (b"Rar!\x1a\x07", Sniffed("rar", "application/vnd.rar")),
    (TNEF_MAGIC, Sniffed("tnef", "application/ms-tnef")),
    (b"{\\rtf", Sniffed("rtf", "application/rtf")),
    (APPLE_SINGLE, Sniffed("apple", "application/applefile")),
    (APPLE_DOUBLE, Sniffed("apple", "application/applefile")),
    (DS_STORE, Sniffed("apple", "application/x-apple-ds-store")),
    (SQLITE_MAGIC, Sniffed("sqlite", "application/vnd.sqlite3")),
    (SHELL_LINK_MAGIC, Sniffed("lnk", "application/x-ms-shortcut")),
    (b"$FL2", Sniffed("spss", "application/x-spss-sav")),  # SPSS data file
    (b"$FL3", Sniffed("spss", "application/x-spss-sav")),  # SPSS data file, zlib-compressed (.zsav)
    (b"<stata_dta>", Sniffed("stata", "application/x-stata-dta")),  # Stata data file, format 117-119
    (ONENOTE_SECTION, Sniffed("onenote", "application/onenote")),
    (ONENOTE_TOC, Sniffed("onenote", "application/onenote")),
    (b"bplist00", Sniffed("plist", "application/x-bplist")),  # a binary property list (a Safari web archive)
    (DOS_EPS_MAGIC, Sniffed("eps", "application/postscript")),  # an EPS with a preview, as Photoshop saves one
)
_SIMPLE_MAGICS = tuple(magic for magic, _ in _SIMPLE)  # one test for the text most parts are
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_PEM_CMS = re.compile(rb"-----BEGIN (?:PKCS7|CMS|PKCS #7 SIGNED DATA)-----")
_PGP_ARMOUR = re.compile(rb"-----BEGIN PGP (MESSAGE|SIGNATURE|PUBLIC KEY BLOCK|PRIVATE KEY BLOCK)-----")
# Markup at the start of a text: an XML declaration, comments and a doctype may come first.
_PROLOG = rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
_HTML_START = re.compile(
    _PROLOG + rb"<(?:(?:!doctype\s+html|html|head|body|meta|title|table|tr|td|div|span|br|hr|font|style|center|"
    rb"h[1-6]|ul|ol|li|dl|pre|blockquote|strong|em|img|form|section|article|header|nav|main|base|link)(?=[\s/>])"
    rb"|[abipu](?:>|\s+[\w-]+\s*=))",  # a one-letter tag only as markup: "<b>", '<a href=', not "<I think>"
    re.I | re.S,
)
# An XML document: a declaration, or a first element whose name is followed by a
# namespace declaration; a doctype of its own may precede it.
_XML_START = re.compile(
    _PROLOG + rb"(?:<!DOCTYPE\s[^>]*>\s*(?:<!--.*?-->\s*)*)?(?:<\?[^>]*>\s*)*<[A-Za-z_][\w.:-]*(?:\s|/?>)",
    re.S,
)
_SVG_START = re.compile(_PROLOG + rb"(?:<!DOCTYPE\s+svg[^>]*>\s*)?<svg\b", re.I | re.S)
_XML_DECLARATION = re.compile(rb"\s*<\?xml\s")
_XML_NAMESPACED = re.compile(rb"\s*<[A-Za-z_][\w.:-]*\s[^>]*\bxmlns(?::[\w.-]+)?\s*=", re.S)
# An HL7 v2 message or batch: a header segment, its field separator, up to four
# encoding characters and the separator again ("MSH|^~\\&|"); MLLP's start byte may come first.
_HL7_START = re.compile(rb"\s*\x0b?(?:MSH|BHS|FHS)([^A-Za-z0-9\s])[^A-Za-z0-9\s]{1,5}?\1")
# A UN/EDIFACT interchange: its service string advice ("UNA:+.? '"), or its interchange or
# message header ("UNB+UNOA:2+", "UNH+00000001+").
EDIFACT_START = re.compile(rb"\s*(?:UNA[^\w\r\n]{2}[.,][^\w\r\n]{3}|UN[BH]\+[A-Z0-9]{1,35}[:+])")
# Excel's SYLK: its ID record ("ID;PWXL;N;E"), then a record of its own ("C;", "P;", "F;", "B;", "O;").
_SYLK_START = re.compile(rb"\s*ID;P[^\r\n]*\r?\n(?:[CPFBO]|NN|NE|NU|W);")
# Captions: WebVTT's signature ("WEBVTT", alone or before a space, a tab or a title), or
# SubRip's first cue (its number, then its timing line "00:00:01,000 --> 00:00:04,000").
_WEBVTT_START = re.compile(rb"\s*WEBVTT(?:[ \t]|\r?\n|$)")
_SUBRIP_START = re.compile(rb"\s*\d{1,10}[ \t]*\r?\n[ \t]*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->[ \t]*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}")
# iCalendar, vCalendar and vCard content lines.
_CALENDAR_START = re.compile(rb"\s*BEGIN:(?:VCALENDAR|VCARD)\s*\r?\n", re.I)
# The CMS/PKCS#7 content-type OIDs: 1.2.840.113549.1.7.x, and 1.2.840.113549.1.9.16.1.x
# (authenticated, compressed and authEnveloped data).
_PKCS7_OID = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07"
_SMIME_CT_OID = b"\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01"


# An ICC profile's device class (header bytes 12-16): input, display, output, link,
# colour space, abstract, named colour.
_ICC_CLASSES = frozenset((b"scnr", b"mntr", b"prtr", b"link", b"spac", b"abst", b"nmcl"))


def sniff(data: bytes) -> Sniffed | None:
    """The kind of ``data`` from its bytes, or None if they do not decide."""
    if not data:
        return None
    head = data[:PREFIX]
    return _binary_magic(data, head) or _textual_magic(head) or _text_kind(data, head) or _binary_fallback(head)


def _binary_magic(data: bytes, head: bytes) -> Sniffed | None:
    """Formats known by a signature at a fixed place."""
    if head.startswith(_SIMPLE_MAGICS):
        for magic, result in _SIMPLE:
            if head.startswith(magic):
                return result
    if head.startswith(ZIP_MAGICS):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        return Sniffed("ole", "application/x-ole-storage")
    if _BZIP2.match(head):
        return Sniffed("bzip2", "application/x-bzip2")
    if is_der_cms(head):
        return Sniffed("cms", "application/pkcs7-mime")
    if is_der_certificate(head):
        return Sniffed("certificate", "application/pkix-cert")
    if len(head) > 262 and head[257:262] == b"ustar":
        return Sniffed("tar", "application/x-tar")
    if head[36:40] == b"acsp" and head[12:16] in _ICC_CLASSES:  # an ICC colour profile
        return Sniffed("icc", "application/vnd.iccprofile")
    found = _laid_out(data, head)
    if found is not None:
        return found
    if head[128:132] == b"DICM":  # a DICOM file: a 128-byte preamble (a TIFF's header, maybe), then "DICM"
        return Sniffed("dicom", "application/dicom")
    if head[1:2] == b"\x00" and head[0] in (2, 8) and is_raw_dicom(data):  # a DICOM dataset without them
        return Sniffed("dicom", "application/dicom")
    return _media(head)


def _laid_out(data: bytes, head: bytes) -> Sniffed | None:
    """Files of no signature known by a header that adds up to the file: tables, a 3D model."""
    if head[:1] and head[0] in DBASE_VERSIONS and dbase_layout(data) is not None:  # a dBase table
        return Sniffed("dbase", "application/x-dbf")
    if head.startswith(SHAPE_FILE_CODE) and is_shapefile(data):  # a shapefile's geometry or index
        return Sniffed("shapefile", "application/x-shapefile")
    if head[:1] and head[0] in _OLD_STATA and _old_stata(data):  # a Stata data file, format 113-115
        return Sniffed("stata", "application/x-stata-dta")
    if len(data) >= _STL_SMALLEST and (len(data) - 84) % 50 == 0 and _binary_stl(data):  # the size proves it
        return Sniffed("stl", "model/stl")
    return None


_OLD_STATA = frozenset({113, 114, 115})
_STL_SMALLEST = 84 + 50  # a header, a count and one triangle


def _old_stata(data: bytes) -> bool:
    from dlpgate.mime.formats.stata import old_layout

    return old_layout(data)


def _binary_stl(data: bytes) -> bool:
    from dlpgate.mime.formats.stl import is_binary_stl

    return is_binary_stl(data)


# A PDF header on a line of its own within the first 1024 bytes (PDF readers skip what
# comes before it), its first object after it.
_PDF_AFTER_JUNK = re.compile(rb"(?m)^%PDF-[12]\.[0-9]\s")


# --- dBase tables and shapefiles: known by a header that adds up to the file -------------

# The first byte of a dBase file: dBase II-V, FoxBASE, FoxPro and Visual FoxPro, with or without memo.
DBASE_VERSIONS = frozenset({0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x7B, 0x83, 0x8B, 0x8E, 0xCB, 0xE5, 0xF5, 0xFB})
_DBASE_FIELD_TYPES = frozenset(b"CNFDLMGBIYTPWV@+O0Q")
_DBASE_SLACK = 512  # bytes after the last record some writers leave (an end mark, padding)


def dbase_layout(data: bytes) -> tuple[int, int, int, list[tuple[str, int, int, int]]] | None:
    """(records, header length, record length, fields as (name, type, offset, length)) when
    ``data`` is a dBase table whose header adds up to the file's size; None otherwise."""
    if len(data) < 65 or data[0] not in DBASE_VERSIONS or not (1 <= data[2] <= 12 and 1 <= data[3] <= 31):
        return None
    records, header, record = struct.unpack_from("<IHH", data, 4)
    if header < 65 or record < 2 or header > len(data):
        return None
    fields: list[tuple[str, int, int, int]] = []
    pos, offset = 32, 1
    while pos + 32 <= header and data[pos] != 0x0D:
        raw_name = data[pos : pos + 11].split(b"\x00", 1)[0]
        kind, length = data[pos + 11], data[pos + 16]
        if kind not in _DBASE_FIELD_TYPES or not raw_name or not all(0x20 < c < 0x7F for c in raw_name):
            return None
        if kind in b"CQV" and data[0] in (0x30, 0x31, 0x32):
            length += data[pos + 17] << 8  # Visual FoxPro: long character fields use the decimal byte
        fields.append((raw_name.decode("ascii"), kind, offset, length))
        offset += length
        pos += 32
    if not fields or pos >= header or data[pos] != 0x0D or offset != record:
        return None
    end = header + records * record
    if not end <= len(data) <= end + _DBASE_SLACK:
        return None
    return records, header, record, fields


# --- a DICOM dataset without its preamble -------------------------------------------------

_DICOM_VRS = frozenset(b"AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split())
_DICOM_LONG_VRS = frozenset(b"OB OD OF OL OV OW SQ SV UC UN UR UT UV".split())  # a reserved word, then a 32-bit length
_DICOM_UNDEFINED = 0xFFFFFFFF  # a sequence's or encapsulated pixel data's length, given by delimiters
_RAW_DICOM_ELEMENTS = 4  # data elements walked


def is_raw_dicom(data: bytes) -> bool:
    """A DICOM dataset without the 128-byte preamble and "DICM" (as some PACS exports and older
    systems write one): from the first byte, little-endian data elements that walk by their
    lengths - the file meta group (0002, explicit VR) or the identification group (0008) first,
    tags ascending, each VR a known one (explicit VR, as the first element says) and each length
    even and within the data, for the first few elements or up to the data's end."""
    n = len(data)
    explicit: bool | None = None
    pos, last, count = 0, -1, 0
    while count < _RAW_DICOM_ELEMENTS:
        if pos == n:
            return count >= 2
        if pos + 8 > n:
            return False
        group, element = struct.unpack_from("<HH", data, pos)
        tag = group << 16 | element
        if tag <= last or (not count and group not in (2, 8)):
            return False
        last = tag
        if group != 2 and explicit is None:
            explicit = data[pos + 4 : pos + 6] in _DICOM_VRS
        if group == 2 or explicit:
            vr = data[pos + 4 : pos + 6]
            if vr not in _DICOM_VRS:
                return False
            if vr in _DICOM_LONG_VRS:
                if pos + 12 > n or data[pos + 6 : pos + 8] != b"\x00\x00":
                    return False
                length, pos = struct.unpack_from("<I", data, pos + 8)[0], pos + 12
            else:
                length, pos = struct.unpack_from("<H", data, pos + 6)[0], pos + 8
        else:
            length, pos = struct.unpack_from("<I", data, pos + 4)[0], pos + 8
        count += 1
        if length == _DICOM_UNDEFINED:  # its items follow: where it ends is not walked to
            return count >= 3
        if length % 2 or pos + length > n:
            return False
        pos += length
    return True


SHAPE_FILE_CODE = b"\x00\x00\x27\x0a"  # 9994, big-endian
_SHAPE_TYPES = frozenset({0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28, 31})


def is_shapefile(data: bytes) -> bool:
    """A shapefile's main file or index: the file code, version 1000, a known shape type and
    a length (in 16-bit words) that is the file's."""
    if len(data) < 100 or not data.startswith(SHAPE_FILE_CODE):
        return False
    length = struct.unpack_from(">i", data, 24)[0]
    version, shape = struct.unpack_from("<ii", data, 28)
    return version == 1000 and shape in _SHAPE_TYPES and length * 2 == len(data)


def _textual_magic(head: bytes) -> Sniffed | None:
    """Formats that begin with text of their own: PDF, RTF, PostScript, PEM and PGP armour."""
    stripped = _strip_bom(head).lstrip()
    if stripped.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and not _text_like(head[:1024])):
        return Sniffed("pdf", "application/pdf")
    if b"%PDF-" in head[:1024] and _PDF_AFTER_JUNK.search(head, 0, 1024) and b" obj" in head:
        return Sniffed("pdf", "application/pdf")  # junk before the header, which readers allow
    if stripped.startswith(b"{\\rtf"):
        return Sniffed("rtf", "application/rtf")
    if stripped.startswith(b"%!PS"):  # a PostScript program or an EPS drawing: its text is in its strings
        return Sniffed("postscript", "application/postscript")
    if _PEM_CMS.match(stripped):
        return Sniffed("pem-cms", "application/pkcs7-mime")
    if _PGP_ARMOUR.match(stripped):
        return Sniffed("pgp", "application/pgp")
    return None


def _text_kind(data: bytes, head: bytes) -> Sniffed | None:
    """Text: HTML (SVG too), HL7 v2, UN/EDIFACT, a calendar or contact, XML, a saved message, or plain."""
    from dlpgate.mime.text import looks_like_text

    if not looks_like_text(data):
        return None
    view = _as_ascii(head)
    first = _FIRST_BYTE.match(view)
    if first is not None and first.group(1) in _MARKUP_FIRST:  # most text starts with none of them
        for starts, kind in _STRUCTURED:
            if starts(view):
                return kind
    elif first is not None and (first.group(1) == b"W" and _WEBVTT_START.match(view) or first.group(1).isdigit() and _SUBRIP_START.match(view)):
        return Sniffed("captions", "text/vtt" if first.group(1) == b"W" else "application/x-subrip")
    if _is_message(head):
        return Sniffed("message", "message/rfc822")
    return Sniffed("text", "text/plain")


def _is_xml(view: bytes) -> bool:
    """An XML document: it declares itself, or its first element declares a namespace."""
    if _XML_DECLARATION.match(view) or _XML_NAMESPACED.match(view):
        return _XML_START.match(view) is not None
    return False


# Structured text, in the order its starts are tried (SVG goes to the HTML reader, as a browser shows it).
_STRUCTURED: tuple[tuple[Callable[[bytes], object], Sniffed], ...] = (
    (_HTML_START.match, Sniffed("html", "text/html")),
    (_SVG_START.match, Sniffed("html", "image/svg+xml")),
    (_HL7_START.match, Sniffed("hl7", "application/hl7-v2")),
    (EDIFACT_START.match, Sniffed("edifact", "application/edifact")),
    (_CALENDAR_START.match, Sniffed("calendar", "text/calendar")),
    (_SYLK_START.match, Sniffed("sylk", "application/x-sylk")),
    (_is_xml, Sniffed("xml", "application/xml")),
)
_FIRST_BYTE = re.compile(rb"\s*(.)", re.S)
# The first character of the structured texts above: markup, BEGIN:, MSH/BHS/FHS, MLLP's start byte, UNA/UNB/UNH, ID;P.
_MARKUP_FIRST = frozenset((b"<", b"B", b"b", b"M", b"F", b"\x0b", b"U", b"I"))


def _as_ascii(head: bytes) -> bytes:
    """The prefix without its byte-order mark, UTF-16 and UTF-32 turned to UTF-8: where markup is looked for."""
    from dlpgate.mime.text import wide_codec

    codec = wide_codec(head)
    if codec is None:  # neither UTF-16 nor UTF-32
        return _strip_bom(head)
    cut = len(head) // 4 * 4  # whole characters
    return head[:cut].decode(codec, errors="replace").lstrip("\ufeff").encode("utf-8")


def _binary_fallback(head: bytes) -> Sniffed | None:
    """What the media library knows beyond the first checks, a zlib stream, then PGP binary packets."""
    media = _media(head, everything=True)
    if media is not None:
        return media
    if head[:1] in _ZLIB_FIRST and is_zlib(head):
        return Sniffed("zlib", "application/zlib")
    if is_pgp_packets(head):
        return Sniffed("pgp", "application/pgp")
    return None


# A zlib stream (RFC 1950), as programs compress a payload without gzip's header (a log's or a
# web hook's "eJ..." field, base64 of 78 9c): deflate (CM 8) with a window of at most 32 KB, its
# two header bytes a multiple of 31, no preset dictionary; known by text only when its first
# bytes inflate (two bytes are no signature: random bytes of that start fail within a few).
_ZLIB_FIRST = frozenset(bytes([cmf]) for cmf in range(0x08, 0x80, 0x10))
_ZLIB_TRIAL = 1024  # bytes inflated to tell a stream


def is_zlib(head: bytes) -> bool:
    """``head`` starts a zlib stream whose first bytes inflate."""
    import zlib

    if len(head) < 8 or (head[0] << 8 | head[1]) % 31 or head[1] & 0x20:
        return False
    z = zlib.decompressobj()
    try:
        out = z.decompress(head[:_ZLIB_TRIAL], _ZLIB_TRIAL)
    except zlib.error:
        return False
    return z.eof or len(out) >= 16


_MEDIA_MAJORS = ("audio/", "video/", "image/", "font/")
_MEDIA_CONFIDENCE = 0.4  # puremagic's: a signature of four bytes or more at a fixed place


def more_media(data: bytes) -> Sniffed | None:
    """Audio, video, picture and font formats filetype does not know (camera raw files,
    old QuickTime, AAC, AC-3, WavPack, Monkey's Audio, PCX, OpenEXR, GIMP...), by
    puremagic's signatures: a genuine one is noted, as a photo is; unknown bytes are held.
    Asked only of bytes no reader knows whose label or name says media (its database is
    read in Python: a millisecond a call)."""
    import puremagic

    try:
        found = puremagic.magic_string(data[:PREFIX])
    except (puremagic.PureError, ValueError):
        return None
    for match in found[:1]:
        if match.confidence >= _MEDIA_CONFIDENCE and match.mime_type.startswith(_MEDIA_MAJORS):
            return Sniffed("media", match.mime_type)
    return None


_HEADER_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")
# The fields every message has: two of them in a header block make it a message's
# (a saved message here; headers.enclosed_header_start: a returned message run into its part's headers).
MESSAGE_FIELDS = frozenset(
    {b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version", b"content-type", b"received", b"return-path"}
)


def _is_message(head: bytes) -> bool:
    """An RFC 5322 message saved as a file: a header block with at least two
    of the fields every message has, from the first line on (an mbox "From "
    line allowed)."""
    # The first line decides most text: one that is neither a field, a
    # continuation nor a "From " line fails the header block read below
    # whatever follows (tests/mime/test_sniff_fast_paths.py compares the two).
    # A field name cannot run past a line end, so the field is matched on the
    # whole prefix.
    if head[:1] not in (b" ", b"\t") and not head.startswith(b"From ") and _HEADER_FIELD.match(head) is None:
        return False
    return _header_block(head)


_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def _header_block(head: bytes) -> bool:
    """``_is_message`` read in full: the header block up to the first blank line, line by line."""
    parts = _BLANK_LINE.split(head, maxsplit=1)
    lines = parts[0].splitlines()
    if len(parts) == 1:
        lines = lines[:-1]  # the prefix may cut the last line
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    known = 0
    for i, line in enumerate(lines):
        if line[:1] in (b" ", b"\t"):
            continue
        m = _HEADER_FIELD.match(line)
        if m is None:
            return False
        field = m.group(1).lower()
        if i == 0 and field == b"content-type" and len(parts) == 2:
            return True  # a MIME entity (what S/MIME wraps): headers, then its body
        known += field in MESSAGE_FIELDS
    return known >= 2


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def _text_like(head: bytes) -> bool:
    from dlpgate.mime.text import looks_like_text

    return looks_like_text(head)


_IMAGE_TYPES = frozenset(
    {"image/jpeg", "image/png", "image/apng", "image/gif", "image/webp", "image/tiff", "image/bmp", "image/x-icon"}
)


def _media(head: bytes, everything: bool = False) -> Sniffed | None:
    """Images always; audio, video and fonts only once the bytes are known not to be text."""
    import filetype

    if head.startswith(b"BM") and len(head) >= 26 and _bmp_header_ok(head):
        return Sniffed("image", "image/bmp")
    if head.startswith(BIGTIFF_MAGICS):  # a TIFF of 64-bit offsets, as libtiff writes big scans
        return Sniffed("image", "image/tiff")
    kind = filetype.image_match(head) if _may_be_filetype_image(head) else None
    if kind is not None and kind.mime in _IMAGE_TYPES and kind.mime != "image/bmp":
        return Sniffed("image", "image/png" if kind.mime == "image/apng" else kind.mime)
    if kind is not None and kind.mime in (
        "image/heic",
        "image/avif",
        "image/jpx",
        "image/vnd.ms-photo",
        "image/x-canon-cr2",
        "image/vnd.adobe.photoshop",
        "image/x-xcf",
    ):
        return Sniffed("media", kind.mime)
    if _windows_metafile(head):
        return Sniffed("media", "image/emf" if head[40:44] == b" EMF" else "image/wmf")
    for magic, mime in _MORE_MEDIA:
        if head.startswith(magic):
            return Sniffed("media", mime)
    if _NETPBM.match(head):
        return Sniffed("media", "image/x-portable-anymap")
    if not everything:
        return None
    if head[4:8] == b"ftyp" and _3gpp(head):
        return Sniffed("media", _3gpp(head))
    for matcher in (filetype.video_match, filetype.audio_match, filetype.font_match):
        found = matcher(head)
        if found is not None:
            return Sniffed("media", found.mime)
    return None


# What the filetype package's image matchers whose pictures _media takes need at the start
# (XCF, JPEG, JPEG 2000, PNG, GIF, WebP, TIFF and Canon raw, JPEG XR, Photoshop, icon), HEIF
# and AVIF besides by "ftyp" at 4: bytes that have none of them (text, most parts) are not
# put to its matchers, whose others (DWG, BMP, DICOM) decide nothing there
# (tests/mime/test_sniff_fast_paths.py compares the two).
_FILETYPE_IMAGE_STARTS = (
    b"gimp xcf v", b"\xff\xd8\xff", b"\x00\x00\x00\x0c", b"\x89PNG", b"GIF", b"RIFF",
    b"II*\x00", b"MM\x00*", b"II\xbc", b"8BPS", b"\x00\x00\x01\x00",
)


def _may_be_filetype_image(head: bytes) -> bool:
    return head.startswith(_FILETYPE_IMAGE_STARTS) or head[4:8] == b"ftyp"


def _3gpp(head: bytes) -> str:
    """A 3GPP or 3GPP2 file (a phone's voice recording or MMS video: ISO base media, as MP4 is)
    by its major or compatible brands: its type, or ""."""
    size = int.from_bytes(head[:4], "big")
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, min(size, len(head), 64), 4)]
    for brand in brands:
        if brand.startswith(b"3gp") or brand.startswith(b"3ge") or brand.startswith(b"3gg"):
            return "video/3gpp"
        if brand.startswith(b"3g2") or brand == b"kddi":
            return "video/3gpp2"
    return ""


# Media the filetype library does not know, by their first bytes.
_MORE_MEDIA = (
    (b"VCLMTF", "image/x-svm"),  # a StarView metafile: OpenDocument's pictures of objects
    (b"\x02dss", "audio/x-dss"),  # Olympus and Philips dictation (DSS, DS2)
    (b"\x03ds2", "audio/x-ds2"),
    (b"caff", "audio/x-caf"),  # Apple Core Audio
    (b".snd\x00\x00", "audio/basic"),  # Sun and NeXT audio (a header offset under 64 KB)
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "image/jxl"),  # JPEG XL in its container
)


# A binary Netpbm picture (PBM, PGM, PPM, PAM): "P4" to "P7", then its width and height.
_NETPBM = re.compile(rb"P[4-7][ \t\r\n]+(?:#[^\n]*\n[ \t\r\n]*)*[0-9]{1,5}[ \t\r\n]+[0-9]{1,5}[ \t\r\n]")


def _windows_metafile(head: bytes) -> bool:
    """A Windows drawing: EMF (a header record, type 1, with " EMF" at offset 40), or WMF
    (placeable, or a header of type 1 or 2 and size 9 words): Office's pictures."""
    if head[:4] == b"\x01\x00\x00\x00" and head[40:44] == b" EMF":
        return True
    return head[:4] == b"\xd7\xcd\xc6\x9a" or head[:6] in (b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03")


def _bmp_header_ok(head: bytes) -> bool:
    """A Windows bitmap: "BM", a reserved zero, and a sane DIB header size."""
    reserved = head[6:10]
    dib = struct.unpack_from("<I", head, 14)[0]
    return reserved == b"\x00\x00\x00\x00" and dib in (12, 40, 52, 56, 64, 108, 124)


def _zip_kind(data: bytes) -> Sniffed:
    """A zip, an OOXML package or an ODF document.

    Reads the central directory (at the end of the file) and, for ODF, the
    stored ``mimetype`` member; nothing is decompressed.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes(data))) as zf:
            names = zf.namelist()
            nameset = set(names)
            if "[Content_Types].xml" in nameset:
                if any(n.startswith("word/") for n in names):
                    return Sniffed("ooxml", _OOXML + "wordprocessingml.document")
                if any(n.startswith("xl/") for n in names):
                    return Sniffed("ooxml", _OOXML + "spreadsheetml.sheet")
                if any(n.startswith("ppt/") for n in names):
                    return Sniffed("ooxml", _OOXML + "presentationml.presentation")
            if "mimetype" in nameset:
                info = zf.getinfo("mimetype")
                if info.file_size < 200:
                    mimetype = zf.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype.startswith("application/vnd.oasis.opendocument."):
                        return Sniffed("odf", mimetype.split(";")[0])
    except Exception:  # a damaged zip is still a zip; its reader reports the damage
        pass
    return Sniffed("zip", "application/zip")


def is_der_cms(head: bytes) -> bool:
    """A DER/BER ContentInfo: SEQUENCE { OID 1.2.840.113549.1.7.x | authEnvelopedData, [0] ... }."""
    if len(head) < 16 or head[0] != 0x30:
        return False
    pos = _skip_length(head, 1)
    if pos is None:
        return False
    return head.startswith(_PKCS7_OID, pos) or head.startswith(_SMIME_CT_OID, pos)


def is_der_certificate(head: bytes) -> bool:
    """A DER X.509 certificate: SEQUENCE { SEQUENCE (tbsCertificate) { [0] { INTEGER version }
    ..."""
    if len(head) < 16 or head[0] != 0x30:
        return False
    pos = _skip_length(head, 1)
    if pos is None or pos >= len(head) or head[pos] != 0x30:
        return False
    pos = _skip_length(head, pos + 1)
    return pos is not None and head.startswith(b"\xa0\x03\x02\x01", pos)


def _skip_length(head: bytes, pos: int) -> int | None:
    """Position after a DER length at ``pos`` (indefinite length allowed)."""
    if pos >= len(head):
        return None
    first = head[pos]
    if first < 0x80:
        return pos + 1
    if first == 0x80:
        return pos + 1
    n = first & 0x7F
    if n > 4:
        return None
    return pos + 1 + n


# --- OpenPGP binary packets (RFC 4880 section 4.2) ---------------------------

PGP_SIGNATURE_TAGS = frozenset({2})
PGP_KEY_TAGS = frozenset({6, 13, 14, 17, 12})
PGP_ENCRYPTED_TAGS = frozenset({1, 3, 9, 18, 20})
_PGP_TAGS = frozenset(range(1, 22)) - {15, 16}
_PGP_VERSIONS = {
    1: (3, 6),
    2: (3, 4, 5, 6),
    3: (4, 5, 6),
    4: (3, 6),
    5: (3, 4, 5, 6),
    6: (3, 4, 5, 6),
    7: (3, 4, 5, 6),
    8: (0, 1, 2, 3),  # compression algorithm
    14: (3, 4, 5, 6),
    18: (1, 2),
}
# What an OpenPGP file starts with: an encrypted session key, a signature, a
# one-pass signature, a key, or a compressed message.
_PGP_FIRST_TAGS = frozenset({1, 2, 3, 4, 5, 6, 8})


# OpenPGP data packets, the only ones whose length may be partial or run to the end.
PGP_DATA_TAGS = frozenset((8, 9, 11, 18))
# How a packet's length is given: definitely, as the first of partial chunks (a new-format
# packet; more lengths follow each), or to the end of the data (an old-format one).
PGP_DEFINITE, PGP_PARTIAL, PGP_TO_END = "", "partial", "to end"


def pgp_new_length(data: bytes, pos: int) -> tuple[int, int, bool] | None:
    """(length, where the body starts, partial) of a new-format length at ``pos``."""
    n = len(data)
    if pos >= n:
        return None
    first = data[pos]
    if first < 192:
        return first, pos + 1, False
    if first < 224:
        if pos + 1 >= n:
            return None
        return ((first - 192) << 8) + data[pos + 1] + 192, pos + 2, False
    if first == 255:
        if pos + 5 > n:
            return None
        return struct.unpack_from(">I", data, pos + 1)[0], pos + 5, False
    return 1 << (first & 0x1F), pos + 1, True


def pgp_header(data: bytes, pos: int) -> tuple[int, int, int, str] | None:
    """(tag, where the body starts, its length, how the length is given: PGP_DEFINITE,
    PGP_PARTIAL or PGP_TO_END) of the OpenPGP packet header at ``pos``; None when the
    bytes there are no header or are cut short."""
    n = len(data)
    ctb = data[pos]
    if not ctb & 0x80:
        return None
    if ctb & 0x40:  # new format
        found = pgp_new_length(data, pos + 1)
        if found is None:
            return None
        length, body, partial = found
        return ctb & 0x3F, body, length, PGP_PARTIAL if partial else PGP_DEFINITE
    tag, ltype = (ctb >> 2) & 0x0F, ctb & 0x03  # old format
    if ltype == 3:  # indeterminate length
        return tag, pos + 1, n - pos - 1, PGP_TO_END
    size = (1, 2, 4)[ltype]
    if pos + 1 + size > n:
        return None
    return tag, pos + 1 + size, int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), PGP_DEFINITE


def pgp_packets(data: bytes, limit: int = 64) -> list[int] | None:
    """The tags of the OpenPGP packets that make up ``data`` exactly, or None."""
    tags: list[int] = []
    pos = 0
    n = len(data)
    while pos < n:
        if len(tags) >= limit:
            return tags
        header = pgp_header(data, pos)
        if header is None:
            return None
        tag, pos, length, given = header
        if given != PGP_DEFINITE:  # partial, or to the end: only for data packets
            return tags + [tag] if tag in PGP_DATA_TAGS else None
        if tag not in _PGP_TAGS or pos + length > n or not length:
            return None
        version = _PGP_VERSIONS.get(tag)
        if version is not None and data[pos] not in version:
            return None  # these packets start with a version number
        tags.append(tag)
        pos += length
    return tags or None


def is_pgp_packets(head: bytes) -> bool:
    """Binary OpenPGP data (checked on the prefix: the first packet must be whole or a data packet)."""
    if not head or not head[0] & 0x80:
        return False
    # The first two packets must parse whole (a long file's prefix may cut a later one).
    tags = pgp_packets(head, limit=2)
    if not tags or tags[0] not in _PGP_FIRST_TAGS:
        return False
    return len(tags) == 2 or pgp_packets(head) is not None


def trailing_zip(data: bytes) -> int | None:
    """Where a zip archive appended to other content (a picture, say) starts, or None.

    Looks only at the end-of-central-directory record in the last 64 KB and
    the local header it points to.
    """
    tail_start = max(0, len(data) - 65_557)
    eocd = data.rfind(b"PK\x05\x06", tail_start)
    if eocd < 0 or eocd + 22 > len(data):
        return None
    cd_size, cd_offset = struct.unpack_from("<II", data, eocd + 12)
    cd_start = eocd - cd_size
    if cd_start < 0 or not data.startswith(b"PK\x01\x02", cd_start):
        return None
    start = cd_start - cd_offset  # bytes prepended before the archive
    if start <= 0 or not data.startswith(b"PK\x03\x04", start):
        return None
    return start


# After a JPEG's start of scan: the next marker that is not a stuffed zero, a restart or a fill byte.
_JPEG_SCAN_MARKER = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")
_MAX_STRUCTURES = 100_000  # marker segments, chunks or blocks walked to find a file's end


def jpeg_segments(data: bytes, limit: int = _MAX_STRUCTURES) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each of a JPEG's marker segments after its SOI, in order, at most
    ``limit``: walked by their lengths (a marker without one, SOI, TEM or RSTn, has no body;
    fill bytes passed over), a scan's compressed data skipped to the next marker, the EOI last
    (a thumbnail's EOI inside an APP1 segment is not the picture's). Stops where the bytes are
    no marker."""
    pos, n = 2, len(data)
    for _ in range(limit):
        if pos + 2 > n or data[pos] != 0xFF:
            return
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01, 0xD9) or 0xD0 <= marker <= 0xD7:
            yield marker, pos, pos + 2
            if marker == 0xD9:
                return
            pos += 2
            continue
        if pos + 4 > n:
            return
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        yield marker, pos, end
        pos = end
        if marker == 0xDA:
            found = _JPEG_SCAN_MARKER.search(data, pos)
            if found is None:
                return
            pos = found.start()


def _jpeg_end(data: bytes) -> int | None:
    """Where a JPEG ends: after the EOI marker that closes its last scan."""
    for marker, _start, end in jpeg_segments(data):
        if marker == 0xD9:
            return end
    return None


def _png_end(data: bytes) -> int | None:
    """Where a PNG ends: after its IEND chunk (each chunk: length, type, data, CRC)."""
    pos, n = 8, len(data)
    for _ in range(_MAX_STRUCTURES):
        if pos + 12 > n:
            return None
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length
        if kind == b"IEND":
            return pos
    return None


def _gif_end(data: bytes) -> int | None:
    """Where a GIF ends: after its trailer byte (0x3B), its extensions and frames walked by their
    sub-blocks."""
    n = len(data)
    if n < 13:
        return None
    flags = data[10]
    pos = 13 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
    blocks = 0
    while pos < n and blocks < _MAX_STRUCTURES * 10:
        blocks += 1
        byte = data[pos]
        if byte == 0x3B:
            return pos + 1
        if byte == 0x21:
            pos += 2
        elif byte == 0x2C and pos + 10 <= n:
            local = data[pos + 9]
            pos += 10 + (3 * (2 << (local & 7)) if local & 0x80 else 0) + 1  # descriptor, colours, LZW size
        else:
            return None
        while pos < n and data[pos]:  # the data sub-blocks, up to the empty one
            pos += 1 + data[pos]
            blocks += 1
        pos += 1
    return None


def _zip_end(data: bytes) -> int | None:
    """Where a zip (an Office or OpenDocument file too) ends: after its end-of-central-directory
    record and the comment it declares."""
    eocd = _zip_eocd(data)
    if eocd is None:
        return None
    return eocd + 22 + int.from_bytes(data[eocd + 20 : eocd + 22], "little")


def _zip_eocd(data: bytes) -> int | None:
    """Where a zip's end-of-central-directory record is: in its last 64 KB, where readers look
    for it; else, for a zip from the first byte followed by more than 64 KB of other data, the
    first record whose central directory ends where it starts and begins where it says (a zip
    stored inside it counts its offsets from its own start, so matches none)."""
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if eocd >= 0 and eocd + 22 <= len(data):
        return eocd
    if not data.startswith(b"PK\x03\x04"):
        return None
    eocd = data.find(b"PK\x05\x06")
    while 0 <= eocd <= len(data) - 22:
        cd_size, cd_offset = struct.unpack_from("<II", data, eocd + 12)
        if cd_offset + cd_size == eocd and data.startswith(b"PK\x01\x02", cd_offset):
            return eocd
        eocd = data.find(b"PK\x05\x06", eocd + 4)
    return None


def zip_bytes(data: bytes) -> bytes:
    """A zip's own bytes: cut at its end when more than 64 KB follow it, which zip readers
    (looking for its end record in the last 64 KB only) would take for a damaged archive;
    what follows is read as appended data (:func:`appended_at`)."""
    if len(data) <= 65_557 or data.rfind(b"PK\x05\x06", len(data) - 65_557) >= 0:
        return data
    end = _zip_end(data)
    return data if end is None else data[:end]


def _pdf_end(data: bytes) -> int | None:
    """Where a PDF ends: after its last %%EOF marker (an incremental update adds another)."""
    end = data.rfind(b"%%EOF")
    return None if end < 0 else end + 5


# Formats whose own structure says where they end, by their first bytes.
_FILE_ENDS: tuple[tuple[bytes, Callable[[bytes], int | None]], ...] = (
    (b"\xff\xd8\xff", _jpeg_end),
    (b"\x89PNG\r\n\x1a\n", _png_end),
    (b"GIF8", _gif_end),
    (b"PK\x03\x04", _zip_end),
    (b"%PDF-", _pdf_end),
)
# What may follow a file's end without being content: padding and line ends some writers add.
_PADDING = b"\x00\xff \t\r\n\x1a"
_LEADING_PADDING = b" \t\r\n"  # (not zeros or 0xFF: a video box or a JPEG starts with them)


def appended_at(data: bytes) -> int | None:
    """Where bytes appended after the end of a picture, a PDF or a zip begin, or None.

    The file's end is read from its own structure (a JPEG's EOI, a PNG's IEND, a GIF's
    trailer, a zip's end-of-central-directory record, a PDF's last %%EOF); what follows
    it is content a viewer of the file never shows - a CSV after a JPEG, a 7z after a
    PNG - unless it is only padding (zeros, 0xFF, line ends), which is skipped. A zip
    appended to a picture or a PDF is found by its own records (:func:`trailing_zip`)
    even when the file's end is not.
    """
    zip_at = trailing_zip(data)
    if zip_at is not None:
        return zip_at
    reader = next((end for magic, end in _FILE_ENDS if data.startswith(magic)), None)
    end = reader(data) if reader is not None else None
    if end is None or end >= len(data):
        return None
    rest = data[end:]
    if not rest.strip(_PADDING):
        return None
    return end + len(rest) - len(rest.lstrip(_LEADING_PADDING))


def samsung_trailer(tail: bytes) -> tuple[int, list[tuple[str, bytes]]] | None:
    """The blocks of a Samsung camera's trailer (its photos end with one: the motion photo's
    video, the capture time, depth maps), as (where the first block starts, [(name, data)]),
    or None when ``tail`` does not end with one.

    The trailer ends with its directory's length and "SEFT"; the directory ("SEFH", version,
    count, then per block: padding, type, offset back from the directory, length) points at
    blocks that each start with padding, type, their name's length and the name.
    """
    n = len(tail)
    if n < 20 or not tail.endswith(b"SEFT"):
        return None
    size = int.from_bytes(tail[n - 8 : n - 4], "little")
    directory = n - 8 - size
    if directory < 0 or not tail.startswith(b"SEFH", directory):
        return None
    count = int.from_bytes(tail[directory + 8 : directory + 12], "little")
    blocks: list[tuple[str, bytes]] = []
    first = directory
    for i in range(min(count, 1024)):
        entry = directory + 12 + 12 * i
        if entry + 12 > directory + size:
            return None
        offset = int.from_bytes(tail[entry + 4 : entry + 8], "little")
        length = int.from_bytes(tail[entry + 8 : entry + 12], "little")
        start = directory - offset
        if start < 0 or start + length > directory or length < 8:
            return None
        name_length = int.from_bytes(tail[start + 4 : start + 8], "little")
        if 8 + name_length > length:
            return None
        name = tail[start + 8 : start + 8 + name_length].decode("latin-1")
        blocks.append((name, tail[start + 8 + name_length : start + length]))
        first = min(first, start)
    return first, blocks
