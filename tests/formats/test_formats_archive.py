"""Archives: members read through the same extractors; bombs, nesting, protection and limits."""

from __future__ import annotations

import gzip
import io
import lzma
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest

from dlpgate.types import Action, Limits
from tests.formats import docs
from tests.formats.docs import XLSX
from tests.synthetic import nhs_numbers

N = nhs_numbers(8, seed=53)
ZIP = "application/zip"


def csv_of(*numbers: str) -> bytes:
    return ("NHS number,Name\n" + "".join(f"{n},Smith\n" for n in numbers)).encode()


def test_zip_members_and_zip_in_zip_keep_their_origin() -> None:
    inner = docs.zip_of({"ward/list.csv": csv_of(N[0], N[1])})
    xlsx = docs.xlsx({"Patients": [["NHS number"], [int(N[2])]]})
    outer = docs.zip_of(
        {"inner.zip": inner, "book.xlsx": xlsx, "__MACOSX/._list.csv": docs.APPLE_DOUBLE, "readme.txt": f"NHS {N[3]}"}
    )
    v = docs.verdict(docs.message(("patients.zip", ZIP, outer)))
    assert docs.found(v, "nhs_number") == {
        "attachment patients.zip > inner.zip > ward/list.csv": 2,
        "attachment patients.zip > book.xlsx, sheet Patients": 1,
        "attachment patients.zip > readme.txt": 1,
    }
    assert not v.problems


def test_tar_gz_gzip_and_7z() -> None:
    tgz = docs.tar_gz({"a/list.csv": csv_of(N[0])})
    gz = gzip.compress(csv_of(N[1]))
    sz = docs.seven_zip({"list.csv": csv_of(N[2])})
    v = docs.verdict(
        docs.message(
            ("export.tar.gz", "application/gzip", tgz),
            ("list.csv.gz", "application/octet-stream", gz),
            ("export.7z", "application/x-7z-compressed", sz),
        )
    )
    assert docs.found(v, "nhs_number") == {
        "attachment export.tar.gz > export.tar > a/list.csv": 1,
        "attachment list.csv.gz > list.csv": 1,
        "attachment export.7z > list.csv": 1,
    }
    assert not v.problems


def test_7z_members_of_the_same_name_are_each_read() -> None:
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr(csv_of(N[0]), "list.csv")
        z.writestr(b"nothing here\n", "list.csv")  # a second member of the same name
        z.writestr(csv_of(N[1], N[2], N[3]), "list.csv")
        z.writestr(b"", "empty.txt")
    v = docs.verdict(docs.message(("export.7z", "application/x-7z-compressed", buf.getvalue())))
    assert docs.found(v, "nhs_number") == {"attachment export.7z > list.csv": 4}
    assert len(v.findings) == 1 and not v.problems
    assert not v.problems


def test_zstandard_streams_are_read_by_their_bytes() -> None:
    from backports import zstd

    tzst = zstd.compress(docs.tar_gz({"a/list.csv": csv_of(N[0])}, compress=False))
    v = docs.verdict(
        docs.message(
            ("export.tar.zst", "application/zstd", tzst),
            ("list.csv.zst", "application/octet-stream", zstd.compress(csv_of(N[1]))),
            ("data.bin", "application/octet-stream", zstd.compress(csv_of(N[2]))),  # no name says it
        )
    )
    assert docs.found(v, "nhs_number") == {
        "attachment export.tar.zst > export.tar > a/list.csv": 1,
        "attachment list.csv.zst > list.csv": 1,
        "attachment data.bin": 1,
    }
    cut = zstd.compress(csv_of(N[3]) * 50)[:40]
    assert docs.unscannable(docs.verdict(docs.message(("list.csv.zst", "application/zstd", cut)))) == {
        ("attachment list.csv.zst", "corrupt")}


def test_brotli_files_and_parts_are_read_and_a_damaged_one_held() -> None:
    import brotli

    v = docs.verdict(docs.message(("list.csv.br", "application/octet-stream", brotli.compress(csv_of(N[4])))))
    assert docs.found(v, "nhs_number") == {"attachment list.csv.br > list.csv": 1}
    twin = docs.verdict(docs.message(("list.csv.br", "application/octet-stream", brotli.compress(b"Clinic,Date\nDiabetes,1 May\n"))))
    assert twin.action is Action.DELIVER
    cut = brotli.compress(csv_of(N[5]) * 50)[:40]
    assert docs.unscannable(docs.verdict(docs.message(("list.csv.br", docs.OCTET, cut)))) == {
        ("attachment list.csv.br", "corrupt")}
    bomb = brotli.compress(b"\x00" * (60 << 20))
    assert docs.unscannable(docs.verdict(docs.message(("zeros.csv.br", docs.OCTET, bomb)))) == {
        ("attachment zeros.csv.br", "too_large")}


def _content_encoded(coding: str, body: bytes) -> bytes:
    import base64

    return (b"From: dr.jones@example-trust.nhs.uk\r\nTo: someone@partner.example.org\r\nSubject: list\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
            b"Content-Type: text/plain\r\n\r\nSee below.\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Encoding: " + coding.encode() + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(body) + b"--B--\r\n")


@pytest.mark.parametrize("coding", ["br", "gzip", "deflate"])
def test_a_part_labelled_with_a_content_encoding_is_read_decoded(coding: str) -> None:
    import brotli

    compress = {"br": brotli.compress, "gzip": gzip.compress, "deflate": zlib.compress}[coding]
    v = docs.verdict(_content_encoded(coding, compress(csv_of(N[6]))))
    assert docs.found(v, "nhs_number") == {"message body part 2": 1}
    assert docs.verdict(_content_encoded(coding, compress(b"Clinic,Date\nDiabetes,1 May\n"))).action is Action.DELIVER
    # bytes that are not what the label says: read as they are, and held as unreadable
    damaged = docs.verdict(_content_encoded(coding, b"\x8b\x07" + bytes(range(200))))
    assert docs.unscannable(damaged) == {("message body part 2", "undecodable")}


def test_encrypted_zip_entry_and_7z_are_unscannable_other_members_still_read() -> None:
    z = docs.zip_with_encrypted_member("secret.csv", csv_of(N[0]), plain={"open.csv": csv_of(N[1])})
    sz = docs.seven_zip({"secret.csv": csv_of(N[2])}, password="Secret123")
    v = docs.verdict(docs.message(("a.zip", ZIP, z), ("b.7z", "application/octet-stream", sz)))
    assert docs.unscannable(v) == {("attachment a.zip > secret.csv", "encrypted"), ("attachment b.7z", "encrypted")}
    assert docs.found(v, "nhs_number") == {"attachment a.zip > open.csv": 1}
    assert v.action.label == "hold"


def _zip_bomb() -> bytes:
    """One member of 100 MB of zeros, deflated to about 100 KB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("zeros.csv", "w", force_zip64=True) as fh:
        chunk = b"\x00" * (1 << 20)
        for _ in range(100):
            fh.write(chunk)
    return buf.getvalue()


def test_zip_bomb_is_refused_in_milliseconds_without_memory_growth() -> None:
    bomb = _zip_bomb()
    assert len(bomb) < 200_000
    raw = docs.message(("bomb.zip", ZIP, bomb))
    docs.verdict(docs.message(("small.zip", ZIP, docs.zip_of({"a.txt": b"hello"}))))  # the readers' first use: imports
    tracemalloc.start()
    started = time.perf_counter()
    v = docs.verdict(raw)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert docs.unscannable(v) == {("attachment bomb.zip", "too_large")}
    assert v.action.label == "hold"
    assert elapsed < 0.5, elapsed
    assert peak < 10 * len(raw) + 5_000_000, peak


def _overlapping_zip(copies: int = 50) -> bytes:
    """Fifield-style: many central-directory entries pointing at one 10 MB member."""
    data = docs.zip_of({"f00.bin": b"\x00" * (10 << 20)})
    cd = data.find(b"PK\x01\x02")
    eocd = data.find(b"PK\x05\x06")
    entry = data[cd:eocd]
    entries = b"".join(entry.replace(b"f00.bin", f"f{i:02d}.bin".encode()) for i in range(copies))
    end = bytearray(data[eocd:])
    struct.pack_into("<HHI", end, 8, copies, copies, len(entries))
    return data[:cd] + entries + bytes(end)


def test_overlapping_zip_bomb_is_refused_from_its_declared_sizes() -> None:
    bomb = _overlapping_zip()
    assert len(bomb) < 30_000
    started = time.perf_counter()
    parsed = docs.parse_attachment("overlap.zip", bomb, ZIP)
    assert time.perf_counter() - started < 0.5
    assert docs.problems(parsed) == {("too_large", "attachment overlap.zip", True)}


def _lying_zip() -> bytes:
    """A member whose headers claim 1 KB but whose deflate stream holds 50 MB."""
    data = bytearray(docs.zip_of({"x.txt": b"A" * (50 << 20)}))
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        struct.pack_into("<I", data, data.find(sig) + off, 1024)
    return bytes(data)


def test_zip_lying_about_sizes_is_stopped_at_the_declared_size() -> None:
    raw = docs.message(("liar.zip", ZIP, _lying_zip()))
    tracemalloc.start()
    v = docs.verdict(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert docs.unscannable(v) == {("attachment liar.zip > x.txt", "corrupt")}
    assert peak < 30_000_000, peak


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"\x00" * (60 << 20), compresslevel=9)
    v = docs.verdict(docs.message(("zeros.csv.gz", "application/gzip", bomb)))
    assert docs.unscannable(v) == {("attachment zeros.csv.gz", "too_large")}


def test_xlsx_bomb_is_refused_before_it_reaches_the_spreadsheet_reader() -> None:
    real = docs.xlsx({"S": [["a"]]})
    with zipfile.ZipFile(io.BytesIO(real)) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"] + b" " * (80 << 20)
    parsed = docs.parse_attachment("big.xlsx", docs.zip_of(files), XLSX)
    assert docs.problems(parsed) == {("too_large", "attachment big.xlsx", True)}


def test_deep_nesting_bomb_stops_at_max_depth() -> None:
    data = docs.nested_zip(20, "list.csv", csv_of(N[0]))
    v = docs.verdict(docs.message(("deep.zip", ZIP, data)))
    ((where, reason),) = docs.unscannable(v)
    assert reason == "too_deep" and where.startswith("attachment deep.zip > level18.zip > level17.zip")
    assert v.action.label == "hold"


def test_member_count_and_total_size_limits() -> None:
    many = docs.zip_of({f"f{i}.txt": "x" for i in range(30)})
    parsed = docs.parse_attachment("many.zip", many, ZIP, limits=Limits(max_archive_members=20))
    assert docs.problems(parsed) == {("too_many_parts", "attachment many.zip", True)}
    parsed = docs.parse_attachment("many.zip", many, ZIP, limits=Limits(max_parts=10))
    assert {(r, w.startswith("attachment many.zip > f")) for r, w, _ in docs.problems(parsed)} == {
        ("too_many_parts", True)
    }
    big = docs.zip_of({"a.txt": "x" * 3000, "b.txt": "y" * 3000})
    parsed = docs.parse_attachment("big.zip", big, ZIP, limits=Limits(max_expanded_bytes=5000))
    assert docs.problems(parsed) == {("too_large", "attachment big.zip", True)}


def test_corrupt_archives_get_a_verdict() -> None:
    for name, data in (("a.zip", b"PK\x03\x04junk"), ("b.7z", b"7z\xbc\xaf\x27\x1c junk"), ("c.gz", b"\x1f\x8b junk")):
        v = docs.verdict(docs.message((name, "application/octet-stream", data)))
        assert docs.unscannable(v) == {(f"attachment {name}", "corrupt")}, name


def test_eml_and_docx_inside_a_zip() -> None:
    from tests.synthetic import build_message

    eml = build_message(f"Referral NHS {N[4]}", subject="Referral")
    z = docs.zip_of({"referral.eml": eml, "letter.docx": docs.docx_lib(f"NHS {N[5]}")})
    v = docs.verdict(docs.message(("mail.zip", ZIP, z)))
    assert docs.found(v, "nhs_number") == {
        "attachment mail.zip > referral.eml > message body": 1,
        "attachment mail.zip > letter.docx": 1,
    }


def test_a_compressed_windows_metafile_is_a_picture() -> None:
    # Office's compressed pictures (.emz, .wmz): gzip around an EMF or a WMF.
    emf = b"\x01\x00\x00\x00" + b"\x6c\x00\x00\x00" + bytes(32) + b" EMF" + bytes(200)
    wmf = b"\xd7\xcd\xc6\x9a" + bytes(200)
    for name, data in (("image1.emz", emf), ("image2.wmz", wmf)):
        v = docs.verdict(docs.message((name, "application/octet-stream", gzip.compress(data))))
        assert not docs.unscannable(v), name
    v = docs.verdict(docs.message(("blob.gz", "application/octet-stream", gzip.compress(bytes(range(256)) * 4))))
    assert docs.unscannable(v)  # unknown binary in the gzip is still held


def _raw_zip(name: bytes, data: bytes, method: int, compressed: bytes, extra: bytes = b"") -> bytes:
    """A one-member zip written by hand: the methods and extra fields zipfile cannot write."""
    crc = zlib.crc32(data)
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 63, 0, method, 0, 0, crc, len(compressed), len(data),
                        len(name), len(extra)) + name + extra + compressed
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 0x033F, 63, 0, method, 0, 0, crc, len(compressed),
                          len(data), len(name), len(extra), 0, 0, 0, 0x20, 0) + name + extra
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


def _deflate64(data: bytes) -> bytes:
    import inflate64

    d = inflate64.Deflater()
    return d.deflate(data) + d.flush()


def _zstd(data: bytes) -> bytes:
    import backports.zstd as zstd

    return zstd.compress(data)


@pytest.mark.parametrize(
    "method,compress",
    [(9, _deflate64), (93, _zstd), (95, lambda d: lzma.compress(d, format=lzma.FORMAT_XZ))],
    ids=["Deflate64 (Windows Explorer)", "Zstandard", "xz"],
)
def test_zip_members_in_deflate64_zstd_and_xz_are_read(method, compress) -> None:
    listing = csv_of(N[4], N[5])
    v = docs.verdict(docs.message(("list.zip", ZIP, _raw_zip(b"list.csv", listing, method, compress(listing)))))
    assert docs.found(v, "nhs_number") == {"attachment list.zip > list.csv": 2}
    prices = b"Item,Price\nA4 paper,4.99\nToner,62.00\n"
    v = docs.verdict(docs.message(("prices.zip", ZIP, _raw_zip(b"prices.csv", prices, method, compress(prices)))))
    assert v.action is Action.DELIVER, v.findings


def test_a_damaged_deflate64_member_is_corrupt_not_unread() -> None:
    listing = csv_of(N[4])
    broken = _raw_zip(b"list.csv", listing, 9, b"\xff" * 64)
    parsed = docs.parse_attachment("list.zip", broken, ZIP)
    assert ("corrupt", "attachment list.zip > list.csv") in {(r, w) for r, w, _ in docs.problems(parsed)}


def test_a_deflate64_member_stops_at_the_byte_budget() -> None:
    big = b"0" * (8 * 1024 * 1024)
    limits = Limits(max_expanded_bytes=1024 * 1024)
    parsed = docs.parse_attachment("big.zip", _raw_zip(b"big.txt", big, 9, _deflate64(big)), ZIP, limits=limits)
    assert any(r == "too_large" for r, _, _ in docs.problems(parsed))


def _unicode_path(plain: bytes, shown: str, crc_of: bytes | None = None) -> bytes:
    name = shown.encode("utf-8")
    return struct.pack("<HHBI", 0x7075, 5 + len(name), 1, zlib.crc32(plain if crc_of is None else crc_of)) + name


def test_the_unicode_path_extra_field_is_the_members_name() -> None:
    form = b"Referral form\nPatient name:\nNHS number:\n"
    shown = f"Roe Jane NHS {N[6]} referral.txt"
    data = _raw_zip(b"1.txt", form, 0, form, _unicode_path(b"1.txt", shown))
    v = docs.verdict(docs.message(("form.zip", ZIP, data)))
    assert sum(docs.found(v, "nhs_number").values()) == 1
    assert all("1.txt" not in where for where in docs.found(v, "nhs_number"))


def test_a_unicode_path_whose_crc_does_not_match_is_not_the_name() -> None:
    # Readers ignore the field when the header's name was changed after it was written.
    form = b"Referral form\n"
    data = _raw_zip(b"1.txt", form, 0, form, _unicode_path(b"1.txt", "Budget notes.txt", crc_of=b"other.txt"))
    parsed = docs.parse_attachment("form.zip", data, ZIP)
    assert "attachment form.zip > 1.txt" in docs.texts(parsed)


def test_an_ordinary_archive_of_many_files_is_read_whole() -> None:
    # a project's or a web site's files: more members than a message has MIME parts, far below
    # what one archive may hold (max_archive_members); the last member's number is found
    files = {f"src/module{i}.py": f"# module {i}\nVALUE = {i}\n" for i in range(2500)}
    files["src/zz_notes.txt"] = f"Referral for Mrs Jane Example, NHS number {N[1]}"
    parsed = docs.parse_attachment("project.zip", docs.zip_of(files), ZIP)
    assert not docs.problems(parsed)
    v = docs.verdict(docs.message(("project.zip", ZIP, docs.zip_of(files))))
    assert docs.found(v, "nhs_number") and not docs.unscannable(v)


def test_a_repetitive_log_of_a_few_megabytes_is_read_not_refused_as_a_bomb() -> None:
    trace = "".join(f"\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:{i})\n"
                    for i in range(48))
    log = ("2026-12-01 10:00:00 SEVERE Servlet.service() threw exception\n" + trace) * 2600  # about 12 MB
    data = docs.zip_of({"catalina.out": log})
    assert len(log) // len(data) > 100  # past the ratio limit, below the size it applies from
    v = docs.verdict(docs.message(("logs.zip", ZIP, data)))
    assert not docs.unscannable(v) and v.action.label == "deliver"
