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
    type and charset, and two callbacks to hand nested content back:

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

Lookup is by content type first; the file extension decides only when the
content type is generic (application/octet-stream, text/plain,
application/vnd.ms-excel...) or has no extractor of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message

from dlpgate.mime.errors import InspectionTimeout
from dlpgate.mime.text import extension
from dlpgate.types import Limits, Problem, Segment

Item = Segment | Problem


@dataclass(frozen=True)
class ExtractContext:
    """What an extractor may know and call besides the bytes it is given.

    ``limits``: the :class:`~dlpgate.types.Limits` for this message.
    ``depth``: nesting depth of the content being extracted (0 = the
    top-level message; +1 per attached message or container member).
    ``deadline``: a ``time.monotonic()`` value, or None.
    ``content_type``: lower-case ``maintype/subtype`` as declared (may be generic).
    ``charset``: the declared charset parameter, or None.
    ``recurse(data, name, where, content_type=..., charset=None)``: hand a nested
    file back to the registry (depth + 1).
    ``walk_message(msg_or_bytes, where)``: walk a nested message (depth + 1).
    """

    limits: Limits
    depth: int
    deadline: float | None
    content_type: str
    charset: str | None
    recurse: Callable[..., Iterator[Item]]
    walk_message: Callable[[bytes | Message, str], Iterator[Item]]

    def check_deadline(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise InspectionTimeout("inspection deadline reached")


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

# Parts that hold no content of their own (signatures): skipped silently.
SKIP_CONTENT_TYPES: frozenset[str] = frozenset(
    {
        "application/pkcs7-signature",
        "application/x-pkcs7-signature",
        "application/pgp-signature",
    }
)

# Parts whose content is encrypted: Problem("encrypted").
ENCRYPTED_CONTENT_TYPES: frozenset[str] = frozenset(
    {
        "application/pkcs7-mime",
        "application/x-pkcs7-mime",
        "application/pgp-encrypted",
        "multipart/encrypted",
    }
)
ENCRYPTED_EXTENSIONS: frozenset[str] = frozenset({"p7m", "pgp", "gpg", "asc"})

# Parts that cannot carry readable text; an unsupported one is noted, not severe.
NON_TEXT_MAINTYPES: frozenset[str] = frozenset({"image", "audio", "video", "font", "model"})


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


def is_message_extractor(extractor: Extractor | None) -> bool:
    return extractor is not None and extractor is BY_CONTENT_TYPE.get("message/rfc822")


# --- the registry -----------------------------------------------------------
from dlpgate.mime.formats import (  # noqa: E402
    archive,
    calendar,
    csv,
    doc,
    docx,
    html,
    image,
    message,
    msg,
    odf,
    ole,
    pdf,
    pptx,
    rtf,
    text,
    xls,
    xlsx,
)

register(
    text.extract,
    content_types=(
        "text/plain",
        "text/enriched",
        "text/richtext",
        "text/markdown",
        "text/xml",
        "text/rfc822-headers",
        "application/json",
        "application/xml",
        "message/delivery-status",
        "message/disposition-notification",
        "message/global-delivery-status",
        "message/global-headers",
    ),
    extensions=("txt", "text", "log", "md", "json", "xml"),
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
    xls.extract,
    content_types=("application/vnd.ms-excel", "application/msexcel", "application/x-msexcel", "application/x-excel"),
    extensions=("xls", "xlt"),
)
register(doc.extract, content_types=("application/msword", "application/x-msword"), extensions=("doc", "dot"))
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
        "application/x-compressed-tar",
    ),
    extensions=("gz", "gzip", "tgz", "bz2", "tbz", "tbz2", "xz", "txz"),
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
