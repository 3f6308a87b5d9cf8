"""The format registry: which extractor reads which kind of part.

An *extractor* turns the decoded bytes of one part (or one file inside a
container) into text segments and problems::

    def extract(data: bytes, name: str, where: str, ctx: ExtractContext
                ) -> Iterator[Segment | Problem]: ...

``data``
    the part's content, transfer-encoding already removed.
``name``
    the (decoded, unsanitised) file name, or "" for an unnamed part.
``where``
    the human-readable place to put on every Segment/Problem it yields,
    e.g. "attachment clinic-list.csv" or "attached message 'a.eml' > message body".
    Extractors that produce several segments may refine it
    (``f"{where}, sheet Patients"``).
``ctx``
    an :class:`ExtractContext`: limits, depth, deadline, the part's content
    type and charset, the external programs and clock inspection was given
    (``ctx.tools``, ``ctx.clock``), and two callbacks to hand nested content back:

    * ``ctx.recurse(data, name, where, content_type="application/octet-stream",
      charset=None)`` - run a nested *file* (an archive member, say) through
      this registry at ``depth + 1`` (depth, part-count, size and deadline
      limits are enforced there);
    * ``ctx.walk_message(msg_or_bytes, where)`` - walk a nested *message*
      (bytes of an .eml or an ``email.message.Message``) at ``depth + 1``;
      ``where`` names the message ("attached message 'x.eml'") and becomes
      the prefix of everything inside it.

Extractors yield raw text: the caller normalises every segment (NFKC,
zero-width removal, truncation at ``limits.max_segment_chars``) and turns any
exception an extractor raises into ``Problem("corrupt", where, ...)``, so an
extractor only has to be correct on good input. It must stay linear in
``len(data)`` and should call ``ctx.check_deadline()`` between members if it
loops over many.

To add a format, write ``formats/<name>.py`` with an ``extract`` function and
register it at the bottom of this module::

    register(pdf.extract, content_types=("application/pdf",), extensions=("pdf",))

Containers (archive.py, and the zip-based Office readers) check the sizes a
file declares against the limits before decompressing anything, and stream
what they decompress with a byte budget: see ``_guard.py``.

Which extractor reads a part is decided by its bytes (:func:`choose`, using
dlpgate.mime.sniff): a zip is read as a zip (or as the .docx/.xlsx/.odt it
is) whatever it is labelled, a picture as a picture, text as text.  The
declared content type and the extension are hints, used when the bytes do not
decide (CSV or plain text, say; or unknown binary): then lookup is by content
type first, and the extension decides when the type is generic
(application/octet-stream, text/plain, application/vnd.ms-excel...) or has no
extractor of its own.  When the label and the bytes disagree the part gets a
non-severe ``Problem("mismatch")``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message

from dlpgate.mime.errors import InspectionTimeout
from dlpgate.mime.text import clean_label, extension
from dlpgate.mime.tools import Clock, Tools, default_tools
from dlpgate.types import Limits, Problem, Segment

Item = Segment | Problem


@dataclass(frozen=True)
class ExtractContext:
    """What an extractor may know and call besides the bytes it is given.

    ``limits``: the :class:`~dlpgate.types.Limits` for this message.
    ``depth``: nesting depth of the content being extracted (0 = the
    top-level message; +1 per attached message or container member).
    ``deadline``: a value on ``clock``'s scale, or None.
    ``content_type``: lower-case ``maintype/subtype``: what the bytes showed when they
    decided (a zip labelled image/jpeg comes as application/zip), else as declared.
    ``charset``: the declared charset parameter, or None.
    ``recurse(data, name, where, content_type=..., charset=None)``: hand a nested
    file back to the registry (depth + 1).
    ``walk_message(msg_or_bytes, where)``: walk a nested message (depth + 1).
    ``tools``: the OCR and Word 97 readers (:mod:`dlpgate.mime.tools`).
    ``clock``: what the deadline is read against (``time.monotonic``).
    ``declared``: the label the part came with, when its bytes showed another ("" else).
    """

    limits: Limits
    depth: int
    deadline: float | None
    content_type: str
    charset: str | None
    recurse: Callable[..., Iterator[Item]]
    walk_message: Callable[[bytes | Message, str], Iterator[Item]]
    tools: Tools = field(default_factory=default_tools)
    clock: Clock = time.monotonic
    declared: str = ""  # the content type the part was labelled with, when its bytes said another

    def check_deadline(self) -> None:
        if self.deadline is not None and self.clock() > self.deadline:
            raise InspectionTimeout("inspection deadline reached")

    def time_left(self, cap: float) -> float:
        """Seconds an external program may take: ``cap``, or less when the deadline is nearer."""
        if self.deadline is None:
            return cap
        return max(0.1, min(cap, self.deadline - self.clock()))


Extractor = Callable[[bytes, str, str, ExtractContext], Iterator[Item]]

BY_CONTENT_TYPE: dict[str, Extractor] = {}
BY_EXTENSION: dict[str, Extractor] = {}

# Content types that say little about the content: the extension decides.
GENERIC_CONTENT_TYPES: frozenset[str] = frozenset(
    {
        "application/octet-stream",
        "application/unknown",
        "application/x-unknown",
        "application/binary",
        "application/download",
        "application/force-download",
        "application/x-download",
        "application/save",
        "application/x-msdownload",
        "application/vnd.ms-excel",  # Outlook labels .csv files this way
        "text/plain",
    }
)

# Signature content types: a part so labelled is skipped only when its bytes
# parse as a detached signature (see formats/smime.py); otherwise it is read as
# what it is.
SIGNATURE_CONTENT_TYPES: frozenset[str] = frozenset(
    {
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pgp-signature",
    }
)

# Labels that promise encrypted content: when the bytes are not recognisable
# (neither CMS, PGP, text nor any other known format) the part is
# Problem("encrypted"); otherwise it is read as what its bytes are.
ENCRYPTED_CONTENT_TYPES: frozenset[str] = frozenset(
    {
        "application/pkcs7-mime",
        "application/x-pkcs7-mime",
        "application/pgp-encrypted",
        "multipart/encrypted",
    }
)
ENCRYPTED_EXTENSIONS: frozenset[str] = frozenset({"p7m", "pgp", "gpg", "asc"})

# Labels of parts that cannot carry readable text (the bytes decide whether a part is one).
NON_TEXT_MAINTYPES: frozenset[str] = frozenset({"image", "audio", "video", "font", "model"})
# Fewer bytes than a 10-digit number needs in any binary form (34 bits) carry no record.
SMALLEST_RECORD = 5
# File name extensions of pictures, sound and video: with a media label, what makes unknown
# bytes worth asking a larger signature database about (sniff.more_media).
_MEDIA_EXTENSIONS = frozenset(
    "jpg jpeg png gif tif tiff bmp webp heic heif avif jp2 j2k jxl psd xcf pcx exr hdr dpx tga ico svg raw cr2 "
    "crw nef arw raf rw2 orf dng x3f mrw mp3 m4a aac ac3 eac3 wav flac ogg oga opus wma ape wv tak mpc dsf dff "
    "amr aiff aif au snd mid midi ra rm mp4 m4v mov 3gp 3g2 avi wmv mkv webm flv mpg mpeg ts mts m2ts dv mxf "
    "ttf otf woff woff2 pfb pfm".split()
)


def says_media(content_type: str, name: str) -> bool:
    """The label or the file name says picture, sound, video or font."""
    return content_type.split("/", 1)[0] in NON_TEXT_MAINTYPES or extension(name) in _MEDIA_EXTENSIONS


def register(
    extractor: Extractor,
    content_types: tuple[str, ...] = (),
    extensions: tuple[str, ...] = (),
) -> None:
    """Map content types (lower case) and extensions (no dot) to ``extractor``."""
    for ct in content_types:
        BY_CONTENT_TYPE[ct.lower()] = extractor
    for ext in extensions:
        BY_EXTENSION[ext.lower().lstrip(".")] = extractor


def lookup(content_type: str, name: str) -> Extractor | None:
    """The extractor for a part, or None if its format is not supported.

    Content type first; the file extension when the type is generic or has
    no extractor; any other text/* falls back to the plain-text extractor.
    """
    ct = content_type.lower()
    by_ct = BY_CONTENT_TYPE.get(ct)
    by_ext = BY_EXTENSION.get(extension(name)) if name else None
    if by_ext is not None and (ct in GENERIC_CONTENT_TYPES or by_ct is None):
        if (
            by_ct is None
            and ct.split("/", 1)[0] in NON_TEXT_MAINTYPES | {"application"}
            and ct not in GENERIC_CONTENT_TYPES
        ):
            # e.g. application/pdf named "notes.txt": the caller sniffs the bytes.
            return None
        return by_ext
    if by_ct is not None:
        return by_ct
    if ct.startswith("text/"):
        return BY_CONTENT_TYPE["text/plain"]
    return None


def by_extension(name: str) -> Extractor | None:
    return BY_EXTENSION.get(extension(name)) if name else None


def choose(data: bytes, name: str, content_type: str) -> tuple[Extractor | None, str, str, str]:
    """The extractor for ``data`` decided by its bytes, the declared type and name as hints.

    Returns ``(extractor, kind, mismatch, content_type)``: ``kind`` is the sniffed kind (see
    dlpgate.mime.sniff) or "" when the bytes do not decide; ``mismatch`` is a
    short note when the label says one format and the bytes another ("" when
    they agree or the label says little).  ``extractor`` None with kind
    "media" is a genuine audio/video/font/image file nobody reads; None with
    kind "" is unknown binary; kind "archive" a format libarchive reads (an ISO image, RAR);
    ``content_type`` is the one the bytes show (the declared one for text or
    when the bytes do not decide).
    """
    chosen, kind, mismatch, shown = _choose(data, name, content_type)
    return chosen, kind, mismatch, shown


def _choose(data: bytes, name: str, content_type: str) -> tuple[Extractor | None, str, str, str]:
    from dlpgate.mime.sniff import sniff

    ct = content_type.lower()
    declared = lookup(ct, name)
    found = sniff(data)
    if found is None:
        if archive.other_format(data)[0]:
            return archive.extract_other, "archive", "", ct  # an ISO image, cpio, cab, an .lz4 file ...
        return declared, "", "", ct
    kind = found.kind
    if kind in ("image", "media") and _text_after_magic(data):
        # A picture's or a video's first bytes in front of plain text: the text is what a reader opens.
        note = f"starts like {found.content_type} but the rest is text"
        if kind == "image":  # read both ways: as a picture (OCR) and as the text it also is
            return _image_and_text, kind, note, found.content_type
        return _choose_text(ct, name, declared, "text", note)
    if kind == "message":
        if declared is None or _family(declared) in _BINARY_FAMILIES or ct in GENERIC_CONTENT_TYPES - {"text/plain"}:
            # A saved .eml under a generic or wrong label: walked as the message it is.
            return BY_CONTENT_TYPE["message/rfc822"], kind, _mismatch(ct, declared, kind), "message/rfc822"
        kind = "text"
    if kind in _TEXT_KINDS:
        if kind == "text" and (declared is None or declared is BY_CONTENT_TYPE["text/plain"]
                               or _family(declared) in _BINARY_FAMILIES) and csv.looks_delimited(data):
            # A table of delimited values under a label of plain text, a picture's or none: read
            # as the table it is, its first line its header.
            return csv.extract, kind, _mismatch(ct, declared, kind), ct
        if declared is not None and _family(declared) not in _BINARY_FAMILIES and not _plainer(declared, kind):
            return declared, kind, "", ct
        return _choose_text(ct, name, declared, kind, _mismatch(ct, declared, kind))
    if kind == "ole" and declared is not None and _family(declared) == "zip":
        return ole.extract, kind, "", ct  # a password-protected .docx/.xlsx is an OLE file
    if kind in ("ole", "zip") and declared is not None and _family(declared) == kind:
        return declared, kind, "", ct  # e.g. an .xlsx whose package is damaged: its own reader says how
    chosen = _BY_KIND.get(kind) or BY_CONTENT_TYPE.get(found.content_type)
    if chosen is None and kind in ("ooxml", "odf"):
        chosen = archive.extract_zip
    if chosen is None and kind == "rar" and archive.other_format(data)[0]:
        return archive.extract_other, "archive", "", ct  # a RAR
    if chosen is None or declared is None or _family(declared) != _family(chosen):
        return chosen, kind, _mismatch(ct, declared, kind), ct if kind in ("text", "html") else found.content_type
    return chosen, kind, "", ct if kind in ("text", "html") else found.content_type


# Text whose bytes say how it is structured, and the reader of each structure.
_TEXT_KINDS = {
    "text": "text/plain",
    "html": "text/html",
    "xml": "application/xml",
    "calendar": "text/calendar",
    "hl7": "application/hl7-v2",
    "edifact": "application/edifact",
    "sylk": "application/x-sylk",
    "captions": "text/vtt",
}


def _plainer(declared: Extractor, kind: str) -> bool:
    """True when the label would read markup or content lines as plain text (an .ics,
    an XHTML page or a Word 2003 document labelled text/plain): the bytes decide."""
    return kind != "text" and declared is BY_CONTENT_TYPE["text/plain"]


def _choose_text(
    ct: str, name: str, declared: Extractor | None, kind: str, mismatch: str
) -> tuple[Extractor | None, str, str, str]:
    chosen = by_extension(name)
    if chosen is None or _family(chosen) != "text" or _plainer(chosen, kind):
        chosen = BY_CONTENT_TYPE[_TEXT_KINDS[kind]]
    return chosen, "text", mismatch, ct


def _image_and_text(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    yield from image.extract(data, name, where, ctx)
    yield from text.extract(data, name, where, ctx)


def _text_after_magic(data: bytes) -> bool:
    """True when what follows a media file's magic number is plain text (its tail, where
    a genuine picture or recording holds compressed data, and what follows its header: a
    picture with text appended is a picture, its tail read apart as appended text)."""
    from dlpgate.mime.text import looks_like_text

    skip = 64 if len(data) > 128 else 16  # past the magic number and a fixed header
    if len(data) <= skip:
        return False
    tail = data[max(skip, len(data) - 8192) :]
    try:
        tail[4:-4].decode("utf-8")  # pixel or sample data is seldom valid UTF-8; the cut edges may be
    except UnicodeDecodeError:
        return False
    return looks_like_text(tail) and (len(data) <= skip + 8192 or looks_like_text(data[skip : skip + 8192]))


def _mismatch(ct: str, declared: Extractor | None, kind: str) -> str:
    if ct in GENERIC_CONTENT_TYPES or ct.startswith("multipart/") or declared is None and not ct.startswith("image/"):
        return ""
    return f"labelled {clean_label(ct)} but the content is {kind}"


# Families of readers for binary formats: text handed to one of them is read as text instead.
_BINARY_FAMILIES = frozenset(
    {
        "zip",
        "ole",
        "rtf.extract",
        "pdf.extract",
        "image.extract",
        "tnef.extract",
        "smime.extract_cms",
        "smime.extract_pgp",
        "archive.extract_compressed",
        "archive.extract_tar",
        "archive.extract_7z",
    }
)


def _family(extractor: Extractor) -> str:
    """Which byte family an extractor reads: text, zip, ole, or its own module name."""
    module = getattr(extractor, "__module__", "").rsplit(".", 1)[-1]
    if module in ("text", "csv", "html", "calendar", "message", "xml", "hl7", "edifact", "captions"):
        return "text"
    if module in ("docx", "xlsx", "pptx", "odf") or extractor is archive.extract_zip:
        return "zip"
    if module in ("doc", "xls", "ppt", "msg", "ole"):
        return "ole"
    return f"{module}.{getattr(extractor, '__name__', '')}"


def reads_text(extractor: Extractor) -> bool:
    """True for the readers of text (plain, CSV, HTML, calendar, message): linear in
    their input, no decompression and no external program."""
    return _family(extractor) == "text"


def is_message_extractor(extractor: Extractor | None) -> bool:
    return extractor is not None and extractor is BY_CONTENT_TYPE.get("message/rfc822")


# --- the registry -----------------------------------------------------------
from dlpgate.mime.formats import (  # noqa: E402
    apple,
    archive,
    calendar,
    captions,
    csv,
    dbase,
    dicom,
    doc,
    docx,
    edifact,
    hl7,
    html,
    image,
    iwork,
    message,
    metafile,
    msg,
    odf,
    ole,
    onenote,
    pdf,
    postscript,
    ppt,
    pptx,
    rtf,
    shelllink,
    smime,
    spss,
    sqlite,
    stata,
    stl,
    text,
    tnef,
    xls,
    xlsx,
    xml,
)

register(
    text.extract,
    content_types=(
        "text/plain",
        "text/enriched",
        "text/richtext",
        "text/markdown",
        "text/rfc822-headers",
        "application/json",
        "message/delivery-status",
        "message/disposition-notification",
        "message/global-delivery-status",
        "message/global-headers",
    ),
    extensions=("txt", "text", "log", "md", "json"),
)
register(
    xml.extract,
    content_types=(
        "application/xml",
        "text/xml",
        "application/fhir+xml",
        "application/hl7-v3+xml",
        "application/hl7-cda+xml",
        "application/vnd.oasis.opendocument.text-flat-xml",
        "application/vnd.oasis.opendocument.spreadsheet-flat-xml",
        "application/vnd.oasis.opendocument.presentation-flat-xml",
        "application/vnd.oasis.opendocument.graphics-flat-xml",
    ),
    extensions=("xml", "fodt", "fods", "fodp", "fodg"),
)
register(
    hl7.extract,
    content_types=("application/hl7-v2", "x-application/hl7-v2+er7", "application/x-hl7", "application/edi-hl7"),
    extensions=("hl7", "er7"),
)
register(
    edifact.extract,
    content_types=("application/edifact", "application/x-edifact"),
    extensions=("edi", "edifact"),
)
register(
    html.extract,
    content_types=("text/html", "application/xhtml+xml", "image/svg+xml"),
    extensions=("htm", "html", "xhtml", "shtml", "svg"),
)
register(
    csv.extract,
    content_types=(
        "text/csv",
        "text/comma-separated-values",
        "text/x-csv",
        "text/x-comma-separated-values",
        "application/csv",
        "application/x-csv",
        "text/tab-separated-values",
    ),
    extensions=("csv", "tsv", "tab"),
)
register(csv.extract_sylk, content_types=("application/x-sylk", "text/x-sylk", "text/spreadsheet"), extensions=("slk", "sylk"))
register(
    calendar.extract,
    content_types=(
        "text/calendar",
        "application/ics",
        "text/x-vcalendar",
        "text/vcard",
        "text/x-vcard",
        "text/directory",
    ),
    extensions=("ics", "ical", "ifb", "vcs", "vcf"),
)
register(
    captions.extract,
    content_types=("text/vtt", "application/x-subrip", "text/srt", "application/srt", "text/x-srt"),
    extensions=("vtt", "srt"),
)
register(
    message.extract,
    content_types=("message/rfc822", "message/global"),
    extensions=("eml",),
)

# --- attachments (issue 3) ------------------------------------------------------
_OOXML = "application/vnd.openxmlformats-officedocument."
register(
    xlsx.extract,
    content_types=(
        _OOXML + "spreadsheetml.sheet",
        _OOXML + "spreadsheetml.template",
        "application/vnd.ms-excel.sheet.macroenabled.12",
        "application/vnd.ms-excel.template.macroenabled.12",
    ),
    extensions=("xlsx", "xlsm", "xltx", "xltm"),
)
register(
    docx.extract,
    content_types=(
        _OOXML + "wordprocessingml.document",
        _OOXML + "wordprocessingml.template",
        "application/vnd.ms-word.document.macroenabled.12",
        "application/vnd.ms-word.template.macroenabled.12",
    ),
    extensions=("docx", "docm", "dotx", "dotm"),
)
register(
    pptx.extract,
    content_types=(
        _OOXML + "presentationml.presentation",
        _OOXML + "presentationml.slideshow",
        _OOXML + "presentationml.template",
        "application/vnd.ms-powerpoint.presentation.macroenabled.12",
        "application/vnd.ms-powerpoint.slideshow.macroenabled.12",
    ),
    extensions=("pptx", "pptm", "ppsx", "ppsm", "potx", "potm"),
)
register(
    odf.extract,
    content_types=tuple(
        f"application/vnd.oasis.opendocument.{kind}{suffix}"
        for kind in ("text", "spreadsheet", "presentation")
        for suffix in ("", "-template")
    ),
    extensions=("odt", "ods", "odp", "ott", "ots", "otp"),
)
register(
    odf.extract,
    content_types=tuple(f"application/vnd.oasis.opendocument.{k}" for k in ("graphics", "graphics-template", "text-master", "chart", "formula")),
    extensions=("odg", "otg", "odm", "odc"),
)
register(rtf.extract, content_types=("application/rtf", "text/rtf", "application/x-rtf"), extensions=("rtf",))
register(
    postscript.extract,
    content_types=("application/postscript", "application/eps", "application/x-eps", "image/eps", "image/x-eps"),
    extensions=("ps", "eps", "epsf"),
)
register(
    xls.extract,
    content_types=("application/vnd.ms-excel", "application/msexcel", "application/x-msexcel", "application/x-excel"),
    extensions=("xls", "xlt"),
)
register(doc.extract, content_types=("application/msword", "application/x-msword"), extensions=("doc", "dot"))
register(
    ppt.extract,
    content_types=("application/vnd.ms-powerpoint", "application/mspowerpoint", "application/x-mspowerpoint"),
    extensions=("ppt", "pps", "pot"),
)
register(msg.extract, content_types=("application/vnd.ms-outlook", "application/x-msg"), extensions=("msg",))
register(ole.extract, content_types=("application/x-ole-storage", "application/cdfv2"))
register(
    pdf.extract, content_types=("application/pdf", "application/x-pdf", "application/acrobat"), extensions=("pdf",)
)
register(
    archive.extract_zip,
    content_types=("application/zip", "application/x-zip-compressed", "application/x-zip", "multipart/x-zip"),
    extensions=("zip",),
)
register(
    archive.extract_compressed,
    content_types=(
        "application/gzip",
        "application/x-gzip",
        "application/x-gunzip",
        "application/x-bzip2",
        "application/x-bzip",
        "application/x-xz",
        "application/zstd",
        "application/x-zstd",
        "application/x-compressed-tar",
        "application/x-brotli",
        "application/brotli",
        "application/zlib",
    ),
    extensions=("gz", "gzip", "tgz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "zstd", "tzst", "br"),
)
register(archive.extract_tar, content_types=("application/x-tar", "application/x-gtar"), extensions=("tar",))
register(archive.extract_7z, content_types=("application/x-7z-compressed",), extensions=("7z",))
register(
    image.extract,
    content_types=(
        "image/png",
        "image/x-png",
        "image/jpeg",
        "image/jpg",
        "image/pjpeg",
        "image/tiff",
        "image/gif",
        "image/bmp",
        "image/x-ms-bmp",
        "image/webp",
    ),
    extensions=("png", "jpg", "jpeg", "jpe", "tif", "tiff", "gif", "bmp", "webp"),
)
register(tnef.extract, content_types=("application/ms-tnef", "application/vnd.ms-tnef"), extensions=("tnef",))
register(
    metafile.extract,
    content_types=("image/emf", "image/x-emf", "image/wmf", "image/x-wmf", "application/x-msmetafile"),
    extensions=("emf", "wmf"),
)
register(dicom.extract, content_types=("application/dicom",), extensions=("dcm", "dicom"))
register(image.extract_icc, content_types=("application/vnd.iccprofile",), extensions=("icc", "icm"))
register(apple.extract, content_types=("application/applefile", "application/x-apple-ds-store"))
register(apple.extract_plist, content_types=("application/x-bplist", "application/x-webarchive"), extensions=("webarchive",))
register(onenote.extract, content_types=("application/onenote", "application/msonenote"), extensions=("one", "onetoc2"))
register(sqlite.extract, content_types=("application/vnd.sqlite3", "application/x-sqlite3"), extensions=("sqlite", "sqlite3", "db3"))
register(iwork.extract, extensions=("iwa",))
register(dbase.extract, content_types=("application/x-dbf", "application/dbf", "application/dbase", "application/x-dbase"), extensions=("dbf",))
register(spss.extract, content_types=("application/x-spss-sav", "application/x-spss"), extensions=("sav", "zsav"))
register(stata.extract, content_types=("application/x-stata-dta", "application/x-stata"), extensions=("dta",))
register(
    stl.extract,
    content_types=("model/stl", "model/x.stl-binary", "model/x.stl-ascii", "application/sla", "application/vnd.ms-pki.stl"),
    extensions=("stl",),
)
register(dbase.extract_shapefile, content_types=("application/x-shapefile",), extensions=("shp", "shx"))
register(shelllink.extract, content_types=("application/x-ms-shortcut",), extensions=("lnk",))
register(
    smime.extract_cms,
    content_types=(
        "application/pkcs7-mime",
        "application/x-pkcs7-mime",
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pkcs7",
        "application/x-pkcs7-certificates",
        "application/pkcs7-certificates",
    ),
    extensions=("p7m", "p7s", "p7c", "p7b"),
)
register(
    smime.extract_certificate,
    content_types=("application/pkix-cert", "application/x-x509-ca-cert", "application/x-x509-user-cert"),
    extensions=("cer", "crt", "der"),
)
register(
    smime.extract_pgp,
    content_types=("application/pgp-signature", "application/pgp-encrypted", "application/pgp-keys"),
    extensions=("pgp", "gpg", "asc", "sig"),
)

# Sniffed kinds whose reader is fixed by the bytes alone.
_BY_KIND: dict[str, Extractor] = {
    "zip": archive.extract_zip,
    "gzip": archive.extract_compressed,
    "bzip2": archive.extract_compressed,
    "xz": archive.extract_compressed,
    "zlib": archive.extract_compressed,
    "zstd": archive.extract_compressed,
    "7z": archive.extract_7z,
    "tar": archive.extract_tar,
    "pdf": pdf.extract,
    "ole": ole.extract,
    "image": image.extract,
    "tnef": tnef.extract,
    "cms": smime.extract_cms,
    "certificate": smime.extract_certificate,
    "pem-cms": smime.extract_cms,
    "pgp": smime.extract_pgp,
    "rtf": rtf.extract,
    "dicom": dicom.extract,
    "icc": image.extract_icc,
    "eps": image.extract_eps,
    "postscript": postscript.extract,
    "apple": apple.extract,
    "onenote": onenote.extract,
    "plist": apple.extract_plist,
    "sqlite": sqlite.extract,
    "lnk": shelllink.extract,
    "dbase": dbase.extract,
    "shapefile": dbase.extract_shapefile,
    "spss": spss.extract,
    "stata": stata.extract,
    "stl": stl.extract,
}
