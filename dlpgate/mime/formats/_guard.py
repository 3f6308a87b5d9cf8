"""Shared guards for containers: zip bombs, member counts, encrypted Office files.

Every container (zip, docx, xlsx, 7z, tar, gzip...) is checked *before* any
content is decompressed: the sizes it declares must fit the message's
expansion budget and ratio.  Actual decompression is then streamed with a
byte cap, so a container that lies about its sizes cannot grow memory either.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from dlpgate.mime.sniff import OLE_MAGIC, zip_bytes
from dlpgate.types import Limits, Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext, Extractor

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

# The expansion ratio is not applied below this many expanded bytes: small,
# very repetitive files (a CSV of blanks, a log that repeats one stack trace)
# compress far better than 100:1, and this much is read in a few seconds.
RATIO_FLOOR = 32 * 1024 * 1024
CHUNK = 1024 * 1024


class TooLarge(Exception):
    """Raised while streaming when a byte budget is exceeded."""


class SheetText:
    """A table's rows as the lines of one tabular segment, up to a segment's limit of
    characters: ``add`` takes a row while the text fits, and past the limit returns the
    too_large problem to report (the caller stops there)."""

    def __init__(self, header: str, where: str, limits: Limits) -> None:
        self.lines = [header]
        self.where = where
        self._limit = limits.max_segment_chars
        self._size = len(header)  # (the header is the segment's first line: it counts too)

    def add(self, line: str) -> Problem | None:
        self._size += len(line) + 1
        if self._size > self._limit:
            return Problem("too_large", self.where, f"more than {self._limit} characters; the rest not scanned")
        self.lines.append(line)
        return None

    def segment(self) -> Segment:
        return Segment("\n".join(self.lines), self.where, tabular=True)


def sheet_cell(text: str | bytes, codec: str) -> str:
    """A data file's string (a cell, a name, a label) in its codec (as cp1252 when it is not
    that), on one line of a sheet: its tabs and line ends as spaces."""
    raw = text.encode("latin-1") if isinstance(text, str) else text
    try:
        out = raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        out = raw.decode("cp1252", "replace")
    return out.replace("\t", " ").replace("\n", " ").strip()


def sheet_number(value: float) -> str:
    """A data file's number as its digits: a whole number (an NHS number stored as a double)
    read whole, without ".0" or an exponent."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def expansion_budget(limits: Limits, compressed: int) -> int:
    """Most bytes one container of ``compressed`` bytes may expand to."""
    return min(limits.max_expanded_bytes, max(RATIO_FLOOR, compressed * limits.max_expansion_ratio))


def ratio_problem(limits: Limits, expanded: int, compressed: int, where: str) -> Problem | None:
    if expanded > limits.max_expanded_bytes:
        return Problem(
            "too_large",
            where,
            f"expands to {expanded} bytes, over the limit of {limits.max_expanded_bytes}; not scanned",
        )
    if expanded > RATIO_FLOOR and expanded > max(compressed, 1) * limits.max_expansion_ratio:
        return Problem(
            "too_large",
            where,
            f"expands {expanded // max(compressed, 1)}:1, over the ratio limit of {limits.max_expansion_ratio}:1; not scanned",
        )
    return None


def open_zip(data: bytes, where: str, limits: Limits) -> tuple[zipfile.ZipFile | None, list[Problem]]:
    """Open a zip after checking its central directory against the limits.

    Returns (None, [problem]) when it must not be opened further.  Raises
    zipfile.BadZipFile for a damaged file (the caller records ``corrupt``).
    """
    data = zip_bytes(data)
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    if len(infos) > limits.max_archive_members:
        zf.close()
        return None, [
            Problem("too_many_parts", where, f"{len(infos)} members, over the limit of {limits.max_archive_members}")
        ]
    total = 0
    for info in infos:
        total += info.file_size
        problem = ratio_problem(limits, info.file_size, info.compress_size, where)
        if problem:
            zf.close()
            return None, [problem]
    problem = ratio_problem(limits, total, len(data), where)
    if problem:
        zf.close()
        return None, [problem]
    return zf, []


# Files archivers add that carry no content of their own, known by name AND bytes: a
# Windows folder's thumbnail cache (an OLE file of small pictures). A Mac's AppleDouble
# copies ("._name", "__MACOSX/") and .DS_Store files are read (dlpgate.mime.formats.apple),
# and a file with one of these names but other bytes is read as what it is.
_JUNK = {"thumbs.db": OLE_MAGIC}


def is_junk_member(path: str, data: bytes) -> bool:
    magic = _JUNK.get(path.rstrip("/").rpartition("/")[2].lower())
    return magic is not None and data.startswith(magic)


def read_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A member's bytes, streamed; TooLarge past ``cap`` bytes. Besides the methods the
    standard library reads (stored, deflate, bzip2, lzma), Deflate64 (9: what Windows
    Explorer writes for large files), Zstandard (93) and xz (95); NotImplementedError for
    any other."""
    other = _OTHER_METHODS.get(info.compress_type)
    try:
        if other is not None:
            try:
                content = other(_raw_member(zf, info), cap)
            except (TooLarge, zipfile.BadZipFile):
                raise
            except Exception as exc:  # each decompressor's own error for damaged data
                raise zipfile.BadZipFile(f"{type(exc).__name__} in member {info.filename!r}") from exc
            if zlib.crc32(content) != info.CRC:
                raise zipfile.BadZipFile(f"bad CRC-32 for member {info.filename!r}")
            return content
        with zf.open(info) as fh:
            return read_stream(fh, cap)
    except TooLarge:
        raise TooLarge(f"member {info.filename!r} expands past {cap} bytes") from None


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as Windows Explorer and 7-Zip show it: the Info-ZIP Unicode Path
    extra field (0x7075: version 1, the CRC-32 of the plain name, the name in UTF-8) when
    its CRC matches the name stored in the header, else that stored name. A zip may carry
    "1.txt" in the header and the patient's name in this field."""
    extra, pos = info.extra, 0
    while pos + 4 <= len(extra):
        kind = int.from_bytes(extra[pos : pos + 2], "little")
        size = int.from_bytes(extra[pos + 2 : pos + 4], "little")
        body = extra[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind != 0x7075 or len(body) < 6 or body[0] != 1:
            continue
        stored = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace")
        if zlib.crc32(stored) != int.from_bytes(body[1:5], "little"):
            break
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            break
    return info.filename


def _raw_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes, after its local header (whose name and extra field
    lengths may differ from the central directory's)."""
    fp = zf.fp
    if fp is None:
        raise zipfile.BadZipFile("the zip is closed")
    fp.seek(info.header_offset)
    head = fp.read(30)
    if len(head) < 30 or not head.startswith(b"PK\x03\x04"):
        raise zipfile.BadZipFile(f"no local header for member {info.filename!r}")
    skip = int.from_bytes(head[26:28], "little") + int.from_bytes(head[28:30], "little")
    fp.seek(info.header_offset + 30 + skip)
    return fp.read(info.compress_size)


def _inflate64(raw: bytes, cap: int) -> bytes:
    """Deflate64 data decompressed a few KB of input at a time (at most about 4 MB of output
    each), so a member that lies about its size stops at ``cap``."""
    from inflate64 import Inflater

    inflater = Inflater()
    out = bytearray()
    for start in range(0, len(raw), 4096):
        out += inflater.inflate(raw[start : start + 4096])
        if len(out) > cap:
            raise TooLarge(f"expands past {cap} bytes")
        if inflater.eof:
            break
    return bytes(out)


def _zstd(raw: bytes, cap: int) -> bytes:
    from dlpgate.mime.formats.archive import zstd_file

    return read_stream(zstd_file(io.BytesIO(raw)), cap)


def _xz(raw: bytes, cap: int) -> bytes:
    import lzma

    return read_stream(lzma.LZMAFile(io.BytesIO(raw)), cap)


# Zip compression methods the standard library's zipfile does not read, and their readers.
_OTHER_METHODS = {9: _inflate64, 93: _zstd, 95: _xz}


def read_stream(fh: IO[bytes] | io.RawIOBase | io.BufferedIOBase, cap: int) -> bytes:
    out = bytearray()
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            break
        out += chunk
        if len(out) > cap:
            raise TooLarge(f"expands past {cap} bytes")
    return bytes(out)


def inflate(data: bytes, cap: int) -> bytes:
    """zlib-compressed ``data`` decompressed; TooLarge past ``cap`` bytes (zlib.error when
    it is not zlib data)."""
    out = zlib.decompressobj().decompress(data, cap + 1)
    if len(out) > cap:
        raise TooLarge(f"expands past {cap} bytes")
    return out


def office_encrypted(data: bytes) -> bool:
    """True for a password-protected Office file (OOXML in an OLE wrapper, or legacy RC4)."""
    if not data.startswith(OLE_MAGIC):
        return False
    try:
        import msoffcrypto

        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # not an Office file msoffcrypto knows (e.g. .msg)
        return _ole_has_stream(data, "EncryptionInfo")


# The password Excel encrypts a workbook with when its author set none: a workbook with a
# protected structure, or saved "read-only recommended", is encrypted with it, and Excel (and
# LibreOffice) open it without asking. Anyone who receives it reads it: so is it read here.
DEFAULT_PASSWORD = "VelvetSweatshop"


def default_password_plain(data: bytes) -> bytes | None:
    """The decrypted file of an Office file encrypted with Excel's built-in password (OOXML
    in its OLE wrapper; Excel's, Word's and PowerPoint's legacy RC4 and XOR encryption),
    None when it is not encrypted, needs another password or cannot be decrypted."""
    if not data.startswith(OLE_MAGIC):
        return None
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile

        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if not office.is_encrypted():
            return None
        if isinstance(office, OOXMLFile):
            office.load_key(password=DEFAULT_PASSWORD, verify_password=True)
        else:
            office.load_key(password=DEFAULT_PASSWORD)  # the legacy formats verify it themselves
        out = io.BytesIO()
        office.decrypt(out)
        plain = out.getvalue()
    except Exception:  # another password, or a file msoffcrypto cannot decrypt
        return None
    return None if not plain or office_encrypted(plain) else plain


def protected_office_items(data: bytes, where: str, ctx: ExtractContext, what: str) -> Iterator[Segment | Problem]:
    """A password-protected Office file: read as its decrypted file when it opens with
    Excel's built-in password (noted, not severe), else one ``encrypted`` problem."""
    plain = default_password_plain(data)
    if plain is None:
        yield Problem("encrypted", where, f"password-protected {what}")
        return
    note = f"{what} encrypted with Excel's default password, which opens it without asking: read"
    yield Problem("encrypted", where, note, severe=False)
    yield from ctx.recurse(plain, "", where, content_type=ctx.content_type)


def _ole_has_stream(data: bytes, name: str) -> bool:
    try:
        import olefile

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ole.exists(name)
    except Exception:
        return False


def guarded_office_zip(data: bytes, where: str, ctx: ExtractContext) -> tuple[zipfile.ZipFile | None, list]:
    """For OOXML/ODF: encrypted (OLE wrapper) -> read when Excel's default password opens
    it, else encrypted; else the zip guard."""
    if data.startswith(OLE_MAGIC):
        if office_encrypted(data):
            return None, list(protected_office_items(data, where, ctx, "Office document"))
        return None, [Problem("corrupt", where, "not a zip-based Office document")]
    return open_zip(data, where, ctx.limits)


def natural_key(name: str) -> tuple:
    """'slide10.xml' after 'slide9.xml'."""
    import re

    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))


def open_office_zip(data: bytes, name: str, where: str, ctx) -> tuple[zipfile.ZipFile | None, list]:
    """An OOXML/ODF package opened under the zip guard, for the Office readers.

    Returns (zip or None, what to yield first): a part that only claims to be
    Office but is plainly text comes back as its text segments with no zip;
    a refused package comes back as its problems.
    """
    if mislabelled_text(data, (*ZIP_MAGIC, OLE_MAGIC)):
        return None, list(read_as_text(data, name, where, ctx))
    return guarded_office_zip(data, where, ctx)


def legacy_office_front(
    data: bytes,
    name: str,
    where: str,
    ctx: ExtractContext,
    what: str,
    successor: Extractor,
    also: tuple[bytes, ...] = (),
) -> Iterator[Segment | Problem] | None:
    """What a legacy Office file (.doc, .xls) turns out to be before its own reader runs.

    Plain text under the old name (often a CSV or HTML table) is read as text;
    a password-protected file is one "encrypted" problem (``what`` names it);
    its OOXML successor saved under the old name goes to ``successor``.  None
    when it is none of these: the format's own reader goes on.  ``also``: other
    magic numbers the reader takes (RTF for .doc).
    """
    if mislabelled_text(data, (OLE_MAGIC, b"PK\x03\x04", *also)):
        return read_as_text(data, name, where, ctx)
    if office_encrypted(data):
        return protected_office_items(data, where, ctx, what)
    if data.startswith(b"PK\x03\x04"):
        return successor(data, name, where, ctx)
    return None


def mislabelled_text(data: bytes, magic: bytes | tuple[bytes, ...]) -> bool:
    """True when a part labelled as a binary format is plainly text instead."""
    from dlpgate.mime.text import looks_like_text

    return not data.lstrip()[:1100].startswith(magic) and looks_like_text(data)


def read_as_text(data: bytes, name: str, where: str, ctx) -> Iterator:
    """Mislabelled text: read by what its name says, else as plain text."""
    from dlpgate.mime.formats import BY_CONTENT_TYPE, BY_EXTENSION
    from dlpgate.mime.text import extension

    reader = BY_EXTENSION.get(extension(name)) if name else None
    if reader is None or getattr(reader, "__module__", "").rsplit(".", 1)[-1] not in (
        "text",
        "csv",
        "html",
        "calendar",
    ):
        reader = BY_CONTENT_TYPE["text/plain"]
    yield from reader(data, name, where, ctx)
