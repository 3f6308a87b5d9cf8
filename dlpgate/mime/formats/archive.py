"""Archives: zip (and zip in zip), gzip/bzip2/xz/zstd/Brotli, tar, 7z.

Every member goes back through the registry with ``ctx.recurse`` (depth, part
and byte limits are enforced there), named "attachment a.zip > list.xlsx".

Before anything is decompressed, the sizes the archive declares are checked
(members, total expanded bytes, expansion ratio: see ``_guard``), so a zip
bomb is refused from its central directory in milliseconds.  Decompression
itself is streamed with a byte budget, so an archive that lies about its sizes
is stopped too.  Encrypted members are ``Problem("encrypted")``; the other
members of the archive are still read.
"""

from __future__ import annotations

import bz2
import contextlib
import ctypes
import gzip
import io
import lzma
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from dlpgate.mime.formats._guard import (
    CHUNK,
    OLE_MAGIC,
    ZIP_MAGIC,
    TooLarge,
    expansion_budget,
    inflate,
    is_junk_member,
    member_name,
    mislabelled_text,
    open_zip,
    ratio_problem,
    read_as_text,
    read_stream,
    read_zip_member,
)
from dlpgate.mime.sniff import ZSTD_MAGIC
from dlpgate.mime.text import extension, sanitise_name
from dlpgate.types import Limits, Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

Item = Segment | Problem


_MAGIC_TYPES = (
    (b"%PDF", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"{\\rtf", "application/rtf"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def sniff_content_type(data: bytes, name: str) -> str:
    """A content type for a nested file from its first bytes, used only when
    its name does not already say what it is."""
    from dlpgate.mime.formats import by_extension

    if by_extension(name) is not None:
        return "application/octet-stream"
    for magic, ctype in _MAGIC_TYPES:
        if data.startswith(magic):
            return ctype
    if len(data) > 262 and data[257:262] == b"ustar":
        return "application/x-tar"
    if data.startswith(OLE_MAGIC):
        return "application/x-ole-storage"
    return "application/octet-stream"


def _member_where(where: str, path: str) -> str:
    return f"{where} > {sanitise_name(path) or 'unnamed member'}"


def _hand_on(data: bytes, path: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    # The whole path is the name: its folders are scanned as a file name too.
    base = path.rpartition("/")[2]
    if base.lower().endswith(".odttf"):
        data = deobfuscated_font(data, base)
    yield from ctx.recurse(data, path, where, content_type=sniff_content_type(data, base))


def deobfuscated_font(data: bytes, name: str) -> bytes:
    """An obfuscated font (.odttf, as XPS and Office embed fonts) as the font it is: its
    first 32 bytes XORed with the GUID its name spells, in reverse byte order (ECMA-388,
    9.1.7.3). Unchanged when the name is no GUID."""
    try:
        guid = bytes.fromhex(name.rpartition(".")[0].replace("-", "").strip("{}"))
    except ValueError:
        return data
    if len(guid) != 16 or len(data) < 32:
        return data
    key = guid[::-1]
    return bytes(b ^ key[i % 16] for i, b in enumerate(data[:32])) + data[32:]


# --- zip ----------------------------------------------------------------------


def extract_zip(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    if mislabelled_text(data, ZIP_MAGIC):
        yield from read_as_text(data, name, where, ctx)
        return
    zf, problems = open_zip(data, where, ctx.limits)
    yield from problems
    if zf is None:
        return
    office = _office_reader(zf)
    if office is not None:  # a .docx/.xlsx/.odt sent as application/zip
        zf.close()
        yield from office(data, name, where, ctx)
        return
    cap = expansion_budget(ctx.limits, len(data))
    used = 0
    with zf:
        comments = [zf.comment] + [i.comment for i in zf.infolist() if i.comment]
        text = "\n".join(c.decode("utf-8", "replace") for c in comments if c)
        if text.strip():
            yield Segment(text, f"{where}, zip comment")
        for info in zf.infolist():
            ctx.check_deadline()
            if info.is_dir():
                continue
            path = member_name(info)
            place = _member_where(where, path)
            if info.flag_bits & 0x1 or info.compress_type == 99:  # traditional or AES encryption
                yield Problem("encrypted", place, "password-protected zip entry")
                continue
            try:
                content = read_zip_member(zf, info, cap - used)
            except TooLarge:
                yield Problem("too_large", where, f"expands past {cap} bytes; the rest not scanned")
                return
            except NotImplementedError:
                yield Problem("unsupported", place, f"zip compression method {info.compress_type}")
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, lzma.LZMAError) as exc:
                yield Problem("corrupt", place, f"{type(exc).__name__} decompressing the zip entry")
                continue
            used += len(content)
            if not is_junk_member(path, content):
                yield from _hand_on(content, path, place, ctx)


def _office_reader(zf: zipfile.ZipFile):
    from dlpgate.mime.formats import docx, odf, pptx, xlsx

    names = set(zf.namelist())
    if "[Content_Types].xml" in names:
        for marker, reader in (("word/document.xml", docx), ("xl/workbook.xml", xlsx), ("ppt/presentation.xml", pptx)):
            if marker in names:
                return reader.extract
    if "mimetype" in names and "content.xml" in names:
        return odf.extract
    return None


# --- gzip, bzip2, xz, zstd ---------------------------------------------------------

def zstd_file(fileobj: IO[bytes]) -> Any:
    """A Zstandard stream read as a file (the standard library's reader from Python 3.14)."""
    if sys.version_info >= (3, 14):
        from compression.zstd import ZstdFile
    else:
        from backports.zstd import ZstdFile
    return ZstdFile(fileobj)


_OPENERS: dict[bytes, Callable[[IO[bytes]], Any]] = {
    b"\x1f\x8b": lambda fh: gzip.GzipFile(fileobj=fh),
    b"BZh": bz2.BZ2File,
    b"\xfd7zXZ\x00": lzma.LZMAFile,
    ZSTD_MAGIC: zstd_file,
}
def unbrotli(data: bytes, cap: int) -> bytes:
    """A Brotli stream decompressed (it has no magic bytes: known by its name or label);
    TooLarge past ``cap`` bytes, ValueError when it is not a whole Brotli stream."""
    import brotli

    dec = brotli.Decompressor()
    out = bytearray()
    pos = 0
    try:
        for _ in range(len(data) // CHUNK + cap // CHUNK + 16):
            if dec.can_accept_more_data():
                if pos >= len(data):
                    break
                chunk, pos = data[pos : pos + CHUNK], pos + CHUNK
            else:
                chunk = b""
            out += dec.process(chunk, output_buffer_limit=cap + 1 - len(out))
            if len(out) > cap:
                raise TooLarge(f"expands past {cap} bytes")
    except brotli.error as exc:
        raise ValueError(f"not a Brotli stream ({exc})") from None
    if not dec.is_finished():
        raise ValueError("a Brotli stream cut short")
    return bytes(out)


# Content-Encoding values (an HTTP header some programs write on a MIME part too) and
# their decoders: the part's bytes are what they decompress to.
_CONTENT_CODINGS: dict[str, Callable[[bytes, int], bytes]] = {
    "gzip": lambda data, cap: read_stream(gzip.GzipFile(fileobj=io.BytesIO(data)), cap),
    "x-gzip": lambda data, cap: read_stream(gzip.GzipFile(fileobj=io.BytesIO(data)), cap),
    "deflate": lambda data, cap: _inflated(data, cap),
    "br": unbrotli,
    "zstd": lambda data, cap: read_stream(zstd_file(io.BytesIO(data)), cap),
}


def _inflated(data: bytes, cap: int) -> bytes:
    """HTTP's "deflate": a zlib stream, or (as some servers write it) raw deflate."""
    try:
        return inflate(data, cap)
    except zlib.error:
        raw = zlib.decompressobj(-15)
        out = raw.decompress(data, cap + 1)
        if len(out) > cap:
            raise TooLarge(f"expands past {cap} bytes") from None
        if not raw.eof or raw.unused_data:  # a stream ends at the end of the part
            raise ValueError("not a deflate stream") from None
        return out


def content_decoded(data: bytes, coding: str, where: str, limits: Limits) -> tuple[bytes, Problem | None]:
    """A part's bytes with its Content-Encoding (gzip, deflate, br, zstd) undone, and the
    problem when it cannot be: the bytes are then read as they are, and the part is held
    as unreadable. Other codings (identity, or a transfer encoding written there) leave
    the bytes as they are."""
    decode = _CONTENT_CODINGS.get(coding)
    if decode is None or not data:
        return data, None
    cap = expansion_budget(limits, len(data))
    try:
        return decode(data, cap), None
    except TooLarge:
        return data, Problem("too_large", where, f"Content-Encoding {coding} expands past {cap} bytes; not scanned")
    except Exception as exc:  # damaged or not that coding at all
        return data, Problem("undecodable", where, f"Content-Encoding {coding} could not be undone ({type(exc).__name__})")


_SUFFIXES = {"br": "", "gz": "", "gzip": "", "tgz": ".tar", "bz2": "", "tbz2": ".tar", "tbz": ".tar", "xz": "", "txz": ".tar",
             "zst": "", "zstd": "", "tzst": ".tar", "lz4": "", "lz": "", "lzo": "", "z": "", "tlz": ".tar"}


def _inner_name(name: str) -> str:
    ext = extension(name)
    if ext in _SUFFIXES:
        return name.strip()[: -(len(ext) + 1)] + _SUFFIXES[ext]
    return ""


def _gzip_name(data: bytes) -> str:
    """The original file name a gzip header may carry (FNAME, RFC 1952)."""
    if not data.startswith(b"\x1f\x8b") or len(data) < 10 or not data[3] & 0x08:
        return ""
    pos = 10
    if data[3] & 0x04:  # FEXTRA
        if len(data) < 12:
            return ""
        pos += 2 + int.from_bytes(data[10:12], "little")
    end = data.find(b"\x00", pos, pos + 1024)
    return data[pos:end].decode("latin-1") if end > pos else ""


def _unzlibbed(data: bytes, cap: int) -> bytes:
    """A zlib stream decompressed; TooLarge past ``cap`` bytes, ValueError when it is damaged
    or cut short (its checksum is checked at its end)."""
    z = zlib.decompressobj()
    try:
        out = z.decompress(data, cap + 1)
    except zlib.error as exc:
        raise ValueError(f"damaged zlib stream ({exc})") from None
    if len(out) > cap:
        raise TooLarge(f"expands past {cap} bytes")
    if not z.eof:
        raise ValueError("a zlib stream cut short")
    return out


def extract_compressed(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    opener = next((o for magic, o in _OPENERS.items() if data.startswith(magic)), None)
    zlibbed = opener is None and ctx.content_type == "application/zlib"
    brotli = opener is None and not zlibbed and (extension(name) == "br" or "brotli" in ctx.content_type)
    if opener is None and not brotli and not zlibbed:
        yield Problem("corrupt", where, "not a gzip, bzip2, xz, zstd, zlib or Brotli stream")
        return
    cap = expansion_budget(ctx.limits, len(data))
    try:
        if zlibbed:
            content = _unzlibbed(data, cap)
        elif opener is None:
            content = unbrotli(data, cap)
        else:
            with opener(io.BytesIO(data)) as fh:
                content = read_stream(fh, cap)
    except ValueError as exc:
        yield Problem("corrupt", where, str(exc))
        return
    except TooLarge:
        yield Problem("too_large", where, f"expands past {cap} bytes (ratio or size limit); not scanned")
        return
    inner = _gzip_name(data) or _inner_name(name)
    place = _member_where(where, inner) if inner else where
    yield from ctx.recurse(content, inner, place, content_type=sniff_content_type(content, inner))


def _too_many_members(where: str, ctx: ExtractContext) -> Problem:
    return Problem("too_many_parts", where, f"more than {ctx.limits.max_archive_members} members; the rest not scanned")


# --- tar ----------------------------------------------------------------------


def extract_tar(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    limits = ctx.limits
    cap = expansion_budget(limits, len(data))
    used = 0
    members = 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tf:
        for member in tf:
            ctx.check_deadline()
            members += 1
            if members > limits.max_archive_members:
                yield _too_many_members(where, ctx)
                return
            if not member.isfile():
                continue
            place = _member_where(where, member.name)
            if used + member.size > cap:
                yield Problem("too_large", where, f"members declare more than {cap} bytes; the rest not scanned")
                return
            fh = tf.extractfile(member)
            if fh is None:
                continue
            content = read_stream(fh, member.size)
            used += len(content)
            if not is_junk_member(member.name, content):
                yield from _hand_on(content, member.name, place, ctx)


# --- 7z -----------------------------------------------------------------------


class _BudgetIO:
    """py7zr writer that keeps a member in memory within a shared byte budget."""

    def __init__(self, budget: list[int]) -> None:
        self.buffer = io.BytesIO()
        self.budget = budget

    def write(self, s: bytes | bytearray) -> int:
        self.budget[0] -= len(s)
        if self.budget[0] < 0:
            raise TooLarge("7z archive expands past its budget")
        return self.buffer.write(s)

    def read(self, size: int | None = None) -> bytes:
        return self.buffer.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.buffer.seek(offset, whence)

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None  # the bytes are read after extraction

    def seekable(self) -> bool:
        return True

    def size(self) -> int:
        return self.buffer.getbuffer().nbytes


def extract_7z(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    import py7zr
    from py7zr.exceptions import PasswordRequired
    from py7zr.io import Py7zIO, WriterFactory

    limits = ctx.limits
    try:
        archive = py7zr.SevenZipFile(io.BytesIO(data), mode="r")
    except PasswordRequired:
        yield Problem("encrypted", where, "password-protected 7z archive")
        return
    with archive:
        if archive.needs_password():
            yield Problem("encrypted", where, "password-protected 7z archive")
            return
        infos = [i for i in archive.list() if i.is_file]
        if len(infos) > limits.max_archive_members:
            yield Problem(
                "too_many_parts", where, f"{len(infos)} members, over the limit of {limits.max_archive_members}"
            )
            return
        declared = sum(i.uncompressed or 0 for i in infos)
        problem = ratio_problem(limits, declared, len(data), where)
        if problem:
            yield problem
            return
        budget = [expansion_budget(limits, len(data))]
        products: dict[str, _BudgetIO] = {}

        class Factory(WriterFactory):
            def create(self, filename: str) -> Py7zIO:
                products[filename] = product = _BudgetIO(budget)
                return product  # type: ignore[return-value]

        ctx.check_deadline()
        try:
            archive.extract(targets=[i.filename for i in infos], factory=Factory())
        except TooLarge:
            yield Problem("too_large", where, "expands past the size or ratio limit; not scanned")
            return
    # py7zr names a repeated member "name_0", "name_1"...: read every product it
    # made, under the archive's own name when the products follow its members
    made = list(products.items())
    names = [i.filename for i in infos] if len(made) == len(infos) else [n for n, _ in made]
    for member, (_, product) in zip(names, made, strict=True):
        content = product.buffer.getvalue()
        if not is_junk_member(member, content):
            yield from _hand_on(content, member, _member_where(where, member), ctx)
    for info in infos:
        if info.uncompressed and info.filename not in products:
            # a member that declares content and came out as nothing: say so
            yield Problem("corrupt", _member_where(where, info.filename), "7z member could not be extracted")


# --- what libarchive reads ----------------------------------------------------
# ISO 9660 images, cpio, RAR (4 and 5), cab, xar, LHA, ar, a tar inside a stream the readers
# above do not open (lzip, lz4, compress), and single files compressed with lz4, lzip,
# lzma or compress (.Z): formats with no reader above, known by libarchive from their bytes.
# Only these are enabled: not libarchive's "all", whose mtree reader opens the files a
# text names on this machine's disk, nor its filters that run outside programs.
_LA_FORMATS = ("iso9660", "cpio", "rar", "rar5", "cab", "xar", "lha", "ar", "tar")
_LA_FILTERS = ("gzip", "bzip2", "xz", "lzma", "lzip", "lz4", "zstd", "compress")


def _libarchive() -> Any:
    try:
        import libarchive
        from libarchive import ffi
    except (ImportError, OSError):  # the binding, or the C library it loads, missing: unread
        return None
    return libarchive, ffi


@contextlib.contextmanager
def _la_reader(data: bytes, raw: bool) -> Iterator[Any]:
    """A libarchive reader over ``data`` with only the formats and filters above (``raw``:
    one compressed file, the "raw" format)."""
    libarchive, ffi = _libarchive()
    archive_p = ffi.read_new()
    try:
        for name in _LA_FILTERS:
            with contextlib.suppress(ValueError, libarchive.ArchiveError):
                ffi.get_read_filter_function(name)(archive_p)
        for name in ("raw",) if raw else _LA_FORMATS:
            with contextlib.suppress(ValueError, libarchive.ArchiveError):
                ffi.get_read_format_function(name)(archive_p)
        ffi.read_open_memory(archive_p, ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p), len(data))
        yield libarchive.read.ArchiveRead(archive_p)
    finally:
        ffi.read_free(archive_p)


def other_format(data: bytes) -> tuple[str, bool]:
    """(the format libarchive knows ``data`` to be in, whether it is one compressed file),
    or ("", False) when it knows none (or is not installed)."""
    la = _libarchive()
    if la is None:
        return "", False
    error = la[0].ArchiveError
    try:
        with _la_reader(data, raw=False) as reader:
            for _entry in reader:
                break
            return reader.format_name.decode("ascii", "replace"), False
    except error:
        pass
    try:
        with _la_reader(data, raw=True) as reader:
            filters = [f.decode("ascii", "replace") for f in reader.filter_names if f != b"none"]
            return (filters[0], True) if filters else ("", False)
    except error:
        return "", False


def extract_other(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Item]:
    """An archive or a compressed file that libarchive reads (other_format): each file in it,
    within the archive limits; one it cannot take out is reported, not passed over."""
    la = _libarchive()
    fmt, single = other_format(data)
    if la is None or not fmt:
        yield Problem("unsupported", where, "an archive format nothing here reads")
        return
    limits = ctx.limits
    cap = expansion_budget(limits, len(data))
    used = members = 0
    try:
        with _la_reader(data, raw=single) as reader:
            for entry in reader:
                ctx.check_deadline()
                members += 1
                if members > limits.max_archive_members:
                    yield _too_many_members(where, ctx)
                    return
                if not entry.isfile:
                    continue
                path = _inner_name(name) if single else (entry.pathname or "")
                chunks = []
                for block in entry.get_blocks():
                    used += len(block)
                    if used > cap:
                        yield Problem("too_large", where, f"expands past {cap} bytes (ratio or size limit); not scanned")
                        return
                    chunks.append(block)
                content = b"".join(chunks)
                if not is_junk_member(path, content):
                    yield from _hand_on(content, path, _member_where(where, path) if path else where, ctx)
    except la[0].ArchiveError as exc:
        said = str(exc).lower()
        if "encrypt" in said or "passphrase" in said or "password" in said:
            yield Problem("encrypted", where, f"{fmt}: encrypted")
        else:
            yield Problem("corrupt", where, f"{fmt}: cannot be read to its end")
