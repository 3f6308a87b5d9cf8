"""More carriers, read as what their bytes are: archives and compressed files libarchive
reads, X.509 certificates, the groups of an RTF file that are not its body, and links and
JSON written with their escapes into plain text."""

from __future__ import annotations

import datetime
import json
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from dlpgate.types import Action
from tests.content.test_carriers import CSV, N, attached, single
from tests.formats import docs

libarchive = pytest.importorskip("libarchive")


def archived(format_name: str, files: dict[str, bytes], filter_name: str | None = None) -> bytes:
    """An archive written by libarchive itself."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out"
        with libarchive.file_writer(str(path), format_name, filter_name) as archive:
            for name, data in files.items():
                archive.add_file_from_memory(name, len(data), data)
        return path.read_bytes()


CLEAN = b"Item,Price\nGloves,4.50\nAprons,2.10\n"


@pytest.mark.parametrize(
    ("format_name", "filter_name", "name"),
    [
        ("cpio", None, "bundle.cpio"),
        ("iso9660", None, "disc.iso"),
        ("ustar", "lzip", "export.tar.lz"),
    ],
)
def test_archives_libarchive_reads(format_name: str, filter_name: str | None, name: str) -> None:
    data = archived(format_name, {"export/clinic.csv": CSV}, filter_name)
    v = docs.verdict(attached(name, "application/octet-stream", data))
    assert v.action == Action.HOLD
    assert any(w.startswith(f"attachment {name} > ") and w.lower().endswith("clinic.csv")
               for w in docs.found(v, "nhs_number")), (docs.found(v, "nhs_number"), v.problems)
    clean = docs.verdict(attached(name, "application/octet-stream", archived(format_name, {"stock.csv": CLEAN}, filter_name)))
    assert clean.action == Action.DELIVER, (clean.findings, clean.problems)


def test_one_compressed_file_is_read() -> None:
    data = archived("raw", {"data": CSV}, "lz4")
    v = docs.verdict(attached("clinic.csv.lz4", "application/octet-stream", data))
    assert "attachment clinic.csv.lz4 > clinic.csv" in docs.found(v, "nhs_number"), (v.findings, v.problems)
    clean = docs.verdict(attached("stock.csv.lz4", "application/octet-stream", archived("raw", {"data": CLEAN}, "lz4")))
    assert clean.action == Action.DELIVER, (clean.findings, clean.problems)


def test_a_cut_archive_is_corrupt_not_passed() -> None:
    data = archived("cpio", {"clinic.csv": CSV * 200})
    v = docs.verdict(attached("bundle.cpio", "application/octet-stream", data[: len(data) // 2]))
    assert v.action == Action.HOLD
    assert ("attachment bundle.cpio", "corrupt") in docs.unscannable(v), v.problems


def certificate(common_name: str) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Hospitals NHS Trust")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def test_a_certificate_is_read_for_what_it_names() -> None:
    v = docs.verdict(attached("sso_signing.cer", "application/pkix-cert", certificate("sso.example-trust.nhs.uk")))
    assert v.action == Action.DELIVER, (v.findings, v.problems)
    v = docs.verdict(attached("sso_signing.cer", "application/octet-stream", certificate(f"NHS {N[1]}")))
    assert "attachment sso_signing.cer" in docs.found(v, "nhs_number"), (v.findings, v.problems)
    # what only calls itself a certificate is read as what it is
    v = docs.verdict(attached("list.cer", "application/pkix-cert", CSV))
    assert "attachment list.cer" in docs.found(v, "nhs_number"), (v.findings, v.problems)


RTF_GROUPS = {
    "headers and footers": r"{\header\pard Re: NHS No {n}\par}",
    "footnotes": r"{\footnote\pard{\super\chftn} NHS No {n}}",
    "text boxes": r"{\shp{\*\shpinst{\sp{\sn fFilled}{\sv 0}}{\shptxt\pard NHS No {n}\par}}}",
    "alt text": r"{\shp{\*\shpinst{\sp{\sn wzDescription}{\sv Wound photo, NHS No {n}}}}}",
    "document variables": r"{\*\docvar {NHSNumber}{NHS No {n}}}",
}


@pytest.mark.parametrize("label", sorted(RTF_GROUPS))
def test_rtf_text_outside_the_body(label: str) -> None:
    group = RTF_GROUPS[label].replace("{n}", N[2])
    rtf = r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}" + group + r"\pard Dear Dr Example, please see the letter.\par}"
    v = docs.verdict(attached("letter.rtf", "application/rtf", rtf.encode()))
    assert f"attachment letter.rtf, {label}" in docs.found(v, "nhs_number"), (docs.found(v, "nhs_number"), v.problems)
    # a picture in a header stays a picture: its hex is no text
    logo = r"{\header{\pict\pngblip\picw10\pich10 " + "4857773456" * 8 + r"}\pard Example Hospitals\par}"
    clean = docs.verdict(attached("letter.rtf", "application/rtf", (r"{\rtf1\ansi" + logo + r"\pard Hello\par}").encode()))
    assert not docs.found(clean, "nhs_number"), clean.findings


def test_links_and_json_escaped_in_plain_text() -> None:
    link = "https://epr.example-trust.nhs.uk/patient/summary?nhsnumber=" + N[3] + "&view=results"
    safelink = "https://eur02.safelinks.protection.outlook.com/?url=" + urllib.parse.quote(link, safe="") + "&data=05"
    v = docs.verdict(single("text/plain", f"Can you look at this one?\r\n{safelink}\r\n"))
    assert "message body" in docs.found(v, "nhs_number"), v.findings
    proofpoint = ("https://urldefense.proofpoint.com/v2/url?u=https-3A__epr.example-trust.nhs.uk_summary-3Fnhs-3D"
                  + N[3] + "-26view-3Dresults&d=DwMFaQ&c=abc&r=def")
    v = docs.verdict(single("text/plain", f"Can you look at this one?\r\n{proofpoint}\r\n"))
    assert "message body" in docs.found(v, "nhs_number"), v.findings
    spaced = f"https://epr.example-trust.nhs.uk/ecg?nhs={N[3][:3]}%20{N[3][3:6]}%20{N[3][6:]}&episode=2"
    assert "message body" in docs.found(docs.verdict(single("text/plain", spaced + "\r\n")), "nhs_number")
    logged = json.dumps({"msg": "webhook rejected", "body": json.dumps({"nhsNumber": N[3], "template": "reminder"})})
    v = docs.verdict(single("text/plain", f"Extract from our log:\r\n\r\n{logged}\r\n"))
    assert "message body" in docs.found(v, "nhs_number"), v.findings
    # an order's number in the same shapes stays an order's
    order = json.dumps({"body": json.dumps({"orderId": N[3], "carrier": "DPD"})})
    assert docs.verdict(single("text/plain", f"Extract from our log:\r\n\r\n{order}\r\n")).action == Action.DELIVER
    # a Windows path's backslashes are no escapes
    path = "The export is in \\\\fileserver\\nhs\\t2\\u2023 as before."
    assert docs.verdict(single("text/plain", path)).action == Action.DELIVER


def test_no_reader_that_opens_this_machines_files() -> None:
    """libarchive's mtree reader takes a text's file names and opens them on the local disk:
    it is not among the formats dlpgate lets it read."""
    from dlpgate.mime.formats.archive import other_format

    spec = b"#mtree\n./passwd type=file mode=0644 contents=/etc/passwd\n"
    assert other_format(spec) == ("", False)
    assert other_format(b"\x00\x01binary of no format\xff" * 20) == ("", False)
