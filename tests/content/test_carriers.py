"""Every carrier a message can hide a number in, read as what its bytes are.

One table: each row builds a message the way staff or everyday software
builds it, runs the whole inspection (parse -> detect -> decide) and checks
the finding and its ``where``, or the problem and its reason, or that a clean
message is delivered.  The numbers are synthetic, valid, issued-range NHS
numbers computed here.
"""

from __future__ import annotations

import base64
import bz2
import gzip
import io
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from dlpgate.types import Action
from tests.content import smime_fixtures as smime
from tests.content.tnef_builder import tnef
from tests.formats import docs
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(12, seed=1010)
DATA = Path(__file__).parent / "data"
CSV = f"Name,NHS number\nA Patient,{N[0]}\n".encode()
HEAD = (
    "From: Dr Jones <dr.jones@example-trust.nhs.uk>\r\n"
    "To: someone@partner.example.org\r\n"
    "Message-ID: <carrier@example-trust.nhs.uk>\r\n"
    "Date: Mon, 01 Jan 2024 09:00:00 +0000\r\n"
    "MIME-Version: 1.0\r\n"
)


def b64(data: bytes) -> str:
    return base64.encodebytes(data).decode().replace("\n", "\r\n")


def single(ctype: str, body: bytes | str, *, extra: str = "", cte: str = "", subject: str = "Referral") -> bytes:
    """A one-part message."""
    body = body.encode() if isinstance(body, str) else body
    head = HEAD + f"Subject: {subject}\r\n" + extra + f"Content-Type: {ctype}\r\n"
    if cte:
        head += f"Content-Transfer-Encoding: {cte}\r\n"
    return head.encode() + b"\r\n" + body


def with_parts(*parts: str, extra: str = "", subtype: str = "mixed", params: str = "") -> bytes:
    """A multipart message; each part is its header lines, a blank line and its body."""
    out = HEAD + "Subject: Referral\r\n" + extra + f'Content-Type: multipart/{subtype}; boundary="BB"{params}\r\n\r\n'
    for part in parts:
        out += "--BB\r\n" + part + "\r\n"
    return (out + "--BB--\r\n").encode()


def body_part(text: str = "Please see attached.") -> str:
    return f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}"


def attachment(name: str, ctype: str, data: bytes, *, headers: str = "", disposition: str | None = None) -> str:
    disp = disposition or f'attachment; filename="{name}"'
    return (
        f'Content-Type: {ctype}; name="{name}"\r\nContent-Disposition: {disp}\r\n{headers}'
        f"Content-Transfer-Encoding: base64\r\n\r\n{b64(data)}"
    )


def attached(name: str, ctype: str, data: bytes, **kw) -> bytes:
    return with_parts(body_part(), attachment(name, ctype, data, **kw))


def returned(part_head: str, text: str = "Clinic moved to room 4.") -> bytes:
    """A bounce (multipart/report) returning a message whose header block runs straight on
    from ``part_head``, the returned part's own fields, with no blank line between: as
    CommuniGate Pro and Postfix wrote them."""
    enclosed = (
        "Received: from mx.example-trust.nhs.uk by relay.example.org; Mon, 01 Jan 2024 09:00:00 +0000\r\n"
        "From: Dr Jones <dr.jones@example-trust.nhs.uk>\r\nTo: gone@partner.example.org\r\n"
        "Subject: Referral\r\nDate: Mon, 01 Jan 2024 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="AA"\r\n\r\n'
        f"--AA\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{text}\r\n"
        f"--AA\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>{text}</p>\r\n--AA--"
    )
    return with_parts(
        "Content-Type: text/plain\r\n\r\nYour message could not be delivered.",
        "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.example.org\r\n\r\n"
        "Final-Recipient: rfc822; gone@partner.example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n",
        part_head + enclosed,
        subtype='report; report-type="delivery-status"',
    )


def png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buf, "PNG")
    return buf.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 240)).save(buf, "JPEG")
    return buf.getvalue()


def bmp() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 0, 0)).save(buf, "BMP")
    return buf.getvalue()


def png_with_text(text: str) -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", text, zip=True)
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def jpeg_with_exif(text: str) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x9C9C] = text.encode("utf-16-le")  # XPComment, as Windows Explorer writes it
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def gzip_named(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf) as fh:
        fh.write(data)
    return buf.getvalue()


def zip_commented(comment: str) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.comment = comment.encode()
        zf.writestr("a.txt", "hello")
    return buf.getvalue()


def eml_with_attachment(data: bytes) -> bytes:
    return docs.message(("list.csv", "text/csv", data))


def uuencoded(name: str, data: bytes) -> str:
    import binascii

    lines = [binascii.b2a_uu(data[i : i + 45]).decode().rstrip("\n") for i in range(0, len(data), 45)]
    return f"begin 644 {name}\r\n" + "\r\n".join(lines) + "\r\n`\r\nend\r\n"


def yencoded(name: str, data: bytes) -> str:
    out = bytearray()
    for byte in data:
        c = (byte + 42) % 256
        if c in (0, 10, 13, 0x3D):
            out += bytes([0x3D, (c + 64) % 256])
        else:
            out.append(c)
    lines = [out[i : i + 128].decode("latin-1") for i in range(0, len(out), 128)]
    return f"=ybegin line=128 size={len(data)} name={name}\r\n" + "\r\n".join(lines) + f"\r\n=yend size={len(data)}\r\n"


_HQX = "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr"


def binhexed(name: str, data: bytes) -> str:
    """BinHex 4.0 of a file with no resource fork (CRCs left zero: the reader does not check them)."""
    head = bytes([len(name)]) + name.encode() + b"\x00" + b"TEXTttxt" + b"\x00\x00"
    raw = head + len(data).to_bytes(4, "big") + bytes(4) + bytes(2) + data + bytes(2)
    raw = raw.replace(b"\x90", b"\x90\x00")  # the run-length marker stands for itself so
    bits = "".join(f"{b:08b}" for b in raw)
    bits += "0" * (-len(bits) % 6)
    chars = "".join(_HQX[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))
    body = "\r\n".join(chars[i : i + 64] for i in range(0, len(chars), 64))
    return "(This file must be converted with BinHex 4.0)\r\n\r\n:" + body + ":\r\n"


def mat_file(names: list[str]) -> bytes:
    """A MATLAB v5 .mat file as MATLAB saves a char matrix: a 116-byte text header, its
    subsystem offset, version and "IM", then a miMATRIX element whose characters are UTF-16
    (miUINT16), stored column by column."""
    width = max(map(len, names))
    rows = [n.ljust(width) for n in names]
    chars = "".join(rows[r][c] for c in range(width) for r in range(len(rows))).encode("utf-16-le")
    chars += bytes(-len(chars) % 8)

    def element(kind: int, body: bytes) -> bytes:
        return kind.to_bytes(4, "little") + len(body).to_bytes(4, "little") + body + bytes(-len(body) % 8)

    flags = element(6, (4).to_bytes(4, "little") + bytes(4))  # miUINT32: mxCHAR_CLASS
    dims = element(5, len(rows).to_bytes(4, "little") + width.to_bytes(4, "little"))  # miINT32
    name = element(1, b"patients")  # miINT8
    matrix = element(14, flags + dims + name + element(4, chars))  # miMATRIX, miUINT16 characters
    header = b"MATLAB 5.0 MAT-file, Platform: PCWIN64, Created on: Tue May 14 10:12:03 2024".ljust(116)
    return header + bytes(8) + b"\x00\x01IM" + matrix


def xmp_packet(description: str) -> bytes:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{description}</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def psd(resources: dict[int, bytes]) -> bytes:
    """A Photoshop file, 16x16 RGB: its header, no colour-mode data, its image resources
    ("8BIM", id, an empty name padded to two bytes, size, data padded to even), no layers,
    raw pixels."""
    block = b"".join(
        b"8BIM" + ident.to_bytes(2, "big") + b"\x00\x00" + len(data).to_bytes(4, "big") + data + bytes(len(data) & 1)
        for ident, data in resources.items()
    )
    header = b"8BPS" + (1).to_bytes(2, "big") + bytes(6) + (3).to_bytes(2, "big") + (16).to_bytes(4, "big") * 2
    header += (8).to_bytes(2, "big") + (3).to_bytes(2, "big")
    return header + bytes(4) + len(block).to_bytes(4, "big") + block + bytes(4) + bytes(2) + b"\x78" * (16 * 16 * 3)


def iptc_caption(text: str) -> bytes:
    """An IPTC-IIM record: its version dataset (2:00), then the caption (2:120)."""
    value = text.encode()
    return b"\x1c\x02\x00\x00\x02\x00\x04" + b"\x1c\x02\x78" + len(value).to_bytes(2, "big") + value


def truetype_with_xmp(description: str) -> bytes:
    """A font's bytes (a TrueType header, its glyphs' table, binary) with an XMP packet in a
    table of its own, as a font tool writes its metadata."""
    glyphs = bytes(range(256)) * 8
    table = xmp_packet(description)
    head = b"\x00\x01\x00\x00" + (2).to_bytes(2, "big") + bytes(6)
    entries = b"glyf" + bytes(4) + (12 + 32).to_bytes(4, "big") + len(glyphs).to_bytes(4, "big")
    entries += b"XMP " + bytes(4) + (12 + 32 + len(glyphs)).to_bytes(4, "big") + len(table).to_bytes(4, "big")
    return head + entries + glyphs + table


XLSX_BYTES = docs.xlsx({"Patients": [["NHS number"], [int(N[1])]]})
ZIP_BYTES = docs.zip_of({"list.csv": CSV})


@dataclass(frozen=True)
class Case:
    id: str
    raw: bytes
    # ("nhs", where) a finding; ("problem", reason, where) a severe problem;
    # ("deliver",) clean and delivered; ("note", reason, where) a non-severe problem on a delivered message.
    expect: tuple


def finding(where: str) -> tuple:
    return ("nhs", where)


PGP_LINES = ["-----BEGIN PGP MESSAGE-----", "", "hQEMA18Bt8IK9MTzAQf8DoggrvPe3aDff24Z2rBfe93KMJD05mNpU9io4hmTa8Ns",
             "dl8SX9dt9QNaPwcFHNM0O5ttqKedSYCfukYO+T4Q0HAed6PCofvSMVDSiKLlJW99", "=e/cq", "-----END PGP MESSAGE-----"]
QP_TEXT = f"Dear Jo,=0D=0A=0D=0APatient: Jane Roe=0D=0ANHS number: {N[3][:5]}=\r\n{N[3][5:]}=0D=0AFalls clinic please.=0D=0A"

CASES = [
    # A charset label the bytes contradict: ASCII or UTF-8 labelled UTF-16 is read as what it is;
    # UTF-16 is still told by its zero bytes, whatever the label.
    Case("ASCII labelled utf-16", single('text/plain; charset="utf-16"', f"Dear Jo,\r\nNHS number {N[0]}\r\n", cte="7bit"),
         finding("message body")),
    Case("ASCII labelled utf-16, harmless", single("text/plain; charset=utf-16", "Dear Jo,\r\nClinic moved to room 4.\r\n"),
         ("deliver",)),
    Case("HTML labelled utf-16 in its meta", single("text/html", f'<html><head><meta charset="utf-16"></head><body><p>NHS number {N[1]}</p></body></html>'),
         finding("message body (html)")),
    Case("UTF-8 CSV labelled utf-16", attached("hep.csv", "text/csv; charset=utf-16", f"Surname,NHS number\r\nBévan,{N[2]}\r\n".encode()),
         finding("attachment hep.csv")),
    Case("UTF-16BE CSV labelled utf-16", attached("hep.csv", "text/csv; charset=utf-16", f"Surname,NHS number\r\nBevan,{N[2]}\r\n".encode("utf-16-be")),
         finding("attachment hep.csv")),
    Case("UTF-16LE CSV labelled us-ascii", attached("hep.csv", "text/csv; charset=us-ascii", f"Surname,NHS number\r\nBevan,{N[2]}\r\n".encode("utf-16-le")),
         finding("attachment hep.csv")),
    # Binary that some charset "decodes" is not read: a .mat file (an ASCII header, then UTF-16
    # characters among binary) is held as unreadable under its own label or a text one.
    Case("MATLAB .mat file", attached("cohort.mat", "application/x-matlab-data", mat_file([f"Jane Roe {N[4]}", "John Doe"])),
         ("problem", "unsupported", "attachment cohort.mat")),
    Case("MATLAB .mat file labelled text", attached("cohort.txt", "text/plain", mat_file(["force plate", "calibration"])),
         ("problem", "undecodable", "attachment cohort.txt")),
    Case("log padded with NULs", attached("backup.log", "text/plain", b"01:00 backup started\r\n" + bytes(300) + b"01:42 job finished\r\n"),
         ("deliver",)),
    # Quoted-printable inside base64: its soft breaks cut the number; "=" of a link's query is no QP.
    Case("quoted-printable inside base64", single("text/plain; charset=utf-8", b64(QP_TEXT.encode()), cte="base64"),
         finding("message body")),
    Case("base64 text with its own '='", single("text/plain; charset=utf-8", b64(b"See https://book.example.org/?a=1&b=20 for x = 3D.\r\n"), cte="base64"),
         ("deliver",)),
    # OpenPGP armour in HTML (lines between <br>, a <pre> block) is encrypted as in a plain body.
    Case("PGP armour in an HTML body", single("text/html", f"<html><body><div>{'<br>'.join(PGP_LINES)}</div></body></html>"),
         ("problem", "encrypted", "message body (html)")),
    Case("PGP armour in an HTML pre block",
         with_parts(body_part("The encrypted text is in the HTML version."),
                    "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Below.</p><pre>" + "\r\n".join(PGP_LINES) + "</pre>",
                    subtype="alternative"),
         ("problem", "encrypted", "message body (html)")),
    Case("PGP named in an HTML body", single("text/html", "<p>Please send it PGP-encrypted (BEGIN PGP MESSAGE ... END).</p>"), ("deliver",)),
    # Photoshop metadata, and an XMP packet in any file nobody reads otherwise.
    Case("PSD IPTC caption", attached("foot.psd", "image/vnd.adobe.photoshop", psd({1028: iptc_caption(f"Jane Roe NHS No: {N[5]}")})),
         finding("attachment foot.psd, image metadata")),
    Case("PSD XMP description", attached("wound.psd", "image/vnd.adobe.photoshop", psd({1060: xmp_packet(f"Wound day 14 NHS No: {N[6]}")})),
         finding("attachment wound.psd, image metadata")),
    Case("PSD harmless metadata", attached("logo.psd", "image/vnd.adobe.photoshop",
                                           psd({1028: iptc_caption("Trust logo, blue"), 1060: xmp_packet("Logo master")})),
         ("deliver",)),
    Case("font's XMP", attached("brand.ttf", "font/ttf", truetype_with_xmp(f"Jane Roe NHS No: {N[7]}")),
         finding("attachment brand.ttf, XMP metadata")),
    Case("font's harmless XMP", attached("brand.ttf", "font/ttf", truetype_with_xmp("Trust brand font")), ("deliver",)),
    # --- containers under another label --------------------------------------------
    Case("zip as image/jpeg", attached("patients.jpg", "image/jpeg", ZIP_BYTES), finding("attachment patients.jpg > list.csv")),
    Case("xlsx as image/jpeg", attached("patients.jpg", "image/jpeg", XLSX_BYTES), finding("attachment patients.jpg, sheet Patients")),
    Case(
        "encrypted xlsx as image/jpeg",
        attached("patients.jpg", "image/jpeg", docs.encrypt_ooxml(XLSX_BYTES)),
        ("problem", "encrypted", "attachment patients.jpg"),
    ),
    Case("zip as audio/mpeg", attached("voice.mp3", "audio/mpeg", ZIP_BYTES), finding("attachment voice.mp3 > list.csv")),
    Case("zip as video/mp4", attached("clip.mp4", "video/mp4", ZIP_BYTES), finding("attachment clip.mp4 > list.csv")),
    Case("zip as font/woff", attached("f.woff", "font/woff", ZIP_BYTES), finding("attachment f.woff > list.csv")),
    Case("zip as model/gltf-binary", attached("m.glb", "model/gltf-binary", ZIP_BYTES), finding("attachment m.glb > list.csv")),
    Case("zip as text/plain", attached("notes.txt", "text/plain", ZIP_BYTES), finding("attachment notes.txt > list.csv")),
    Case("zip as text/csv", attached("list.csv", "text/csv", ZIP_BYTES), finding("attachment list.csv > list.csv")),
    Case("zip as text/html", attached("page.html", "text/html", ZIP_BYTES), finding("attachment page.html > list.csv")),
    Case("gzip as text/plain", attached("notes.txt", "text/plain", gzip.compress(CSV)), finding("attachment notes.txt")),
    Case("bzip2 as text/csv", attached("list.csv", "text/csv", bz2.compress(CSV)), finding("attachment list.csv")),
    Case("xlsx as application/pdf", attached("scan.pdf", "application/pdf", XLSX_BYTES), finding("attachment scan.pdf, sheet Patients")),
    Case(
        "zip appended to a real jpeg",
        attached("photo.jpg", "image/jpeg", jpeg() + ZIP_BYTES),
        finding("attachment photo.jpg > list.csv"),
    ),
    Case(
        ".eml as octet-stream, base64 inside",
        attached("fwd", "application/octet-stream", eml_with_attachment(CSV)),
        finding("attachment fwd > attachment list.csv"),
    ),
    Case(
        ".eml as image/gif",
        attached("x.gif", "image/gif", eml_with_attachment(CSV)),
        finding("attachment x.gif > attachment list.csv"),
    ),
    Case("PNG text chunk", attached("a.png", "image/png", png_with_text(f"NHS {N[6]}")), finding("attachment a.png, image metadata")),
    Case("JPEG EXIF comment", attached("a.jpg", "image/jpeg", jpeg_with_exif(f"NHS {N[7]}")), finding("attachment a.jpg, image metadata")),
    Case("gzip original name", attached("a.gz", "application/gzip", gzip_named(f"NHS_{N[8]}.csv", b"hi")), finding("file name of attachment a.gz > [...].csv")),
    Case("zip comment", attached("a.zip", "application/zip", zip_commented(f"patient {N[9]}")), finding("attachment a.zip, zip comment")),
    # --- signatures are checked, not trusted ---------------------------------------------
    Case(
        "csv as pkcs7-signature",
        with_parts(body_part("Signed note"), attachment("smime.p7s", "application/pkcs7-signature", CSV), subtype="signed"),
        finding("attachment smime.p7s"),
    ),
    Case(
        "text as pgp-signature",
        with_parts(body_part("Signed note"), attachment("signature.asc", "application/pgp-signature", f"NHS {spaced(N[2])}".encode()), subtype="signed"),
        finding("attachment signature.asc"),
    ),
    Case(
        "csv as unnamed pkcs7-signature",
        with_parts(body_part("x"), f"Content-Type: application/x-pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n{b64(CSV)}"),
        finding("unnamed attachment (application/x-pkcs7-signature)"),
    ),
    Case("detached S/MIME signed, clean", smime.detached_signed("Clinic moved to room 4."), ("deliver",)),
    Case("detached S/MIME signed, number", smime.detached_signed(f"NHS number {spaced(N[3])}"), finding("message body")),
    Case("opaque S/MIME signed, clean", smime.opaque_signed("Clinic moved to room 4."), ("deliver",)),
    Case("opaque S/MIME signed, number", smime.opaque_signed(f"NHS number {spaced(N[4])}"), finding("signed message > message body")),
    Case(
        "opaque S/MIME without smime-type",
        smime.opaque_signed(f"NHS number {N[4]}", smime_type="x", name="letter.p7m"),
        finding("attachment letter.p7m > message body"),
    ),
    Case(
        "MIME entity under an S/MIME label, not CMS",
        single(
            "application/pkcs7-mime; smime-type=signed-data; name=smime.p7m",
            f"Content-Type: text/csv\r\nContent-Transfer-Encoding: base64\r\n\r\n{b64(CSV)}",
        ),
        finding("signed message > message body (csv)"),
    ),
    Case(
        ".p7c certificates only",
        attached("certs.p7c", "application/pkcs7-mime", smime.certs_only()),
        ("note", "unsupported", "attachment certs.p7c"),
    ),
    Case(
        "detached DER signature alone",
        attached("sig.p7s", "application/octet-stream", smime.detached_signature_der("x")),
        ("deliver",),
    ),
    Case("S/MIME enveloped", smime.enveloped(f"NHS {N[5]}"), ("problem", "encrypted", "attachment smime.p7m")),
    Case(
        "PGP message armour as attachment",
        attached("msg.asc", "application/octet-stream", b"-----BEGIN PGP MESSAGE-----\n\nhQEMA5x\n-----END PGP MESSAGE-----\n"),
        ("problem", "encrypted", "attachment msg.asc"),
    ),
    Case(
        "PGP signature armour and hidden text",
        attached(
            "signature.asc",
            "application/pgp-signature",
            f"NHS {N[6]}\n-----BEGIN PGP SIGNATURE-----\n\niQEz\n-----END PGP SIGNATURE-----\n".encode(),
        ),
        finding("attachment signature.asc"),
    ),
    # --- uuencode inside a text body --------------------------------------------------------
    Case(
        "uuencode in text/plain",
        single("text/plain; charset=us-ascii", "Results below.\r\n\r\n" + uuencoded("list.csv", CSV) + "\r\nThanks\r\n"),
        finding("message body > uuencoded list.csv"),
    ),
    Case(
        "yEnc in text/plain",
        single("text/plain; charset=iso-8859-1", "Results below.\r\n\r\n" + yencoded("list.csv", CSV) + "\r\nThanks\r\n"),
        finding("message body > yEnc list.csv"),
    ),
    Case(
        "BinHex in text/plain",
        single("text/plain; charset=us-ascii", "Results below.\r\n\r\n" + binhexed("list.csv", CSV) + "\r\nThanks\r\n"),
        finding("message body > BinHex list.csv"),
    ),
    Case(
        "two BinHex files in text/plain, the number in the second",
        single(
            "text/plain; charset=us-ascii",
            "Two files.\r\n\r\n" + binhexed("prices.txt", b"Gloves 4.20\r\n") + "\r\nand\r\n" + binhexed("list.csv", CSV),
        ),
        finding("message body > BinHex list.csv"),
    ),
    # --- Mac files: AppleDouble, AppleSingle, what a Mac's zip holds -------------------------------
    Case(
        "multipart/appledouble, clean",
        with_parts(
            body_part(),
            'Content-Type: multipart/appledouble; boundary="AD"\r\n\r\n--AD\r\n'
            + attachment("prices.csv", "application/applefile", docs.APPLE_DOUBLE)
            + "\r\n--AD\r\n"
            + attachment("prices.csv", "text/csv", b"item,price\ngloves,4.20\n")
            + "\r\n--AD--",
        ),
        ("deliver",),
    ),
    Case(
        "AppleSingle: the data fork",
        attached("list", "application/applefile", docs.apple_file({3: b"list.csv", 9: docs.FINDER_INFO, 1: CSV}, single=True)),
        finding("attachment list > data fork"),
    ),
    Case(
        "AppleDouble: a Finder comment",
        attached("._list", "application/octet-stream", docs.apple_file({9: docs.FINDER_INFO, 4: f"NHS {N[10]}".encode()})),
        finding("attachment ._list, file information"),
    ),
    Case(
        "a Mac's zip: its AppleDouble copies are read, a file under their names is read as what it is",
        attached(
            "clinic.zip",
            "application/zip",
            docs.zip_of({"Clinic/list.txt": b"see list", "Clinic/._list.txt": docs.APPLE_DOUBLE, "Clinic/._clinic.csv": CSV}),
        ),
        finding("attachment clinic.zip > Clinic/._clinic.csv"),
    ),
    Case(
        "__MACOSX folder holding a real file",
        attached("clinic.zip", "application/zip", docs.zip_of({"readme.txt": b"see list", "__MACOSX/list.csv": CSV})),
        finding("attachment clinic.zip > __MACOSX/list.csv"),
    ),
    Case(
        "a zip from a Mac, clean",
        attached(
            "prices.zip",
            "application/zip",
            docs.zip_of(
                {
                    "prices.csv": b"item,price\ngloves,4.20\n",
                    "__MACOSX/._prices.csv": docs.APPLE_DOUBLE,
                    ".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(20) + b"\x00\x00\x00\x0a" + "prices.csv".encode("utf-16-be") + b"Iloc",
                    "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
                    "desktop.ini": b"[.ShellClassInfo]\r\nIconResource=C:\\icons\\x.ico,0\r\n",
                }
            ),
        ),
        ("deliver",),
    ),
    Case(
        "a file named desktop.ini is read",
        attached("clinic.zip", "application/zip", docs.zip_of({"desktop.ini": CSV})),
        finding("attachment clinic.zip > desktop.ini"),
    ),
    Case(
        "a .DS_Store records a file's name",
        attached(
            "clinic.zip",
            "application/zip",
            docs.zip_of({".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(20) + f"NHS {N[11]}.docx".encode("utf-16-be") + b"Iloc"}),
        ),
        finding("attachment clinic.zip > .DS_Store, folder's file names"),
    ),
    # --- every header -----------------------------------------------------------------------------
    Case(
        "second Subject",
        single("text/plain", "hello", extra=f"Subject: NHS {spaced(N[7])}\r\n"),
        finding("header Subject (2nd)"),
    ),
    Case(
        "display name in To",
        single("text/plain", "hello").replace(b"To: someone@partner.example.org", f'To: "Patient {N[7]}" <someone@partner.example.org>'.encode()),
        finding("header To (display names)"),
    ),
    Case(
        "display name in From, RFC 2047",
        single("text/plain", "hello").replace(
            b"From: Dr Jones", f"From: =?utf-8?B?{base64.b64encode(f'Re {N[8]}'.encode()).decode()}?=".encode()
        ),
        finding("header From (display names)"),
    ),
    Case(
        "display name in Cc",
        single("text/plain", "hello", extra=f"Cc: NHS {spaced(N[8])} <a@partner.example.org>\r\n"),
        finding("header Cc (display names)"),
    ),
    Case(
        "display name in Reply-To group",
        single("text/plain", "hello", extra=f"Reply-To: Patient {N[8]}: a@partner.example.org;\r\n"),
        finding("header Reply-To (display names)"),
    ),
    Case("X- header", single("text/plain", "hello", extra=f"X-Patient: {N[9]}\r\n"), finding("header X-Patient")),
    Case("number as a header name", single("text/plain", "hello", extra=f"X-{N[9]}: patient\r\n"), finding("header [...]")),
    Case("Thread-Topic", single("text/plain", "hello", extra=f"Thread-Topic: NHS {N[9]}\r\n"), finding("header Thread-Topic")),
    Case(
        "folded Comments",
        single("text/plain", "hello", extra=f"Comments: patient\r\n {spaced(N[9])}\r\n"),
        finding("header Comments"),
    ),
    Case("Keywords", single("text/plain", "hello", extra=f"Keywords: {N[10]}\r\n"), finding("header Keywords")),
    Case(
        "Content-Description",
        attached("a.txt", "text/plain", b"x", headers=f"Content-Description: NHS {N[10]}\r\n"),
        finding("attachment a.txt, header Content-Description"),
    ),
    Case(
        "nested message X- header",
        with_parts(
            body_part(),
            "Content-Type: message/rfc822\r\n\r\n" + f"Subject: fwd\r\nX-Note: {N[11]}\r\n\r\nhi",
        ),
        finding("attached message > header X-Note"),
    ),
    # --- every name ---------------------------------------------------------------------------------
    Case("file name", attached(f"letter_{N[0]}.pdf", "application/octet-stream", b"x"), finding("file name of attachment [...].pdf")),
    Case(
        "file name RFC 2231",
        with_parts(
            body_part(),
            "Content-Type: application/octet-stream\r\n"
            f"Content-Disposition: attachment; filename*=utf-8''{urllib.parse.quote(f'Zoë {spaced(N[1])}.txt')}\r\n\r\nx",
        ),
        finding("file name of attachment [...].txt"),
    ),
    Case(
        "file name RFC 2047 in name=",
        with_parts(
            body_part(),
            f'Content-Type: application/octet-stream; name="=?utf-8?B?{base64.b64encode(f"NHS {N[2]}.doc".encode()).decode()}?="\r\n\r\nx',
        ),
        finding("file name of attachment [...].doc"),
    ),
    Case(
        "repeated filename parameter",
        with_parts(
            body_part(),
            'Content-Type: application/octet-stream; name="a.pdf"\r\n'
            f'Content-Disposition: attachment; filename="a.pdf"; filename="NHS {N[4]}.pdf"\r\n\r\nx',
        ),
        finding("file name of attachment a.pdf"),
    ),
    Case(
        "repeated Content-Disposition",
        with_parts(
            body_part(),
            'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="a.pdf"\r\n'
            f'Content-Disposition: attachment; filename="x {N[5]}.pdf"\r\n\r\nx',
        ),
        finding("file name of attachment a.pdf"),
    ),
    Case(
        "archive member name",
        attached("bundle.zip", "application/zip", docs.zip_of({f"{N[3]}/letter.txt": "Dear colleague"})),
        finding("file name of attachment bundle.zip > [...]/letter.txt"),
    ),
    # --- held wrongly before ---------------------------------------------------------------------------------
    Case("TNEF clean, two files", attached("winmail.dat", "application/ms-tnef", (DATA / "two-files.tnef").read_bytes()), ("deliver",)),
    Case("TNEF clean, html body", attached("winmail.dat", "application/ms-tnef", (DATA / "body.tnef").read_bytes()), ("deliver",)),
    Case("TNEF clean, rtf body", attached("winmail.dat", "application/ms-tnef", (DATA / "rtf.tnef").read_bytes()), ("deliver",)),
    Case(
        "TNEF body with number",
        attached("winmail.dat", "application/ms-tnef", tnef(f"Patient NHS {spaced(N[4])}")),
        finding("attachment winmail.dat > message body"),
    ),
    Case(
        "TNEF attachment with number",
        attached("winmail.dat", "application/octet-stream", tnef("See list", (("list.csv", CSV),))),
        finding("attachment winmail.dat > list.csv"),
    ),
    Case(
        "TNEF zip inside",
        attached("winmail.dat", "application/ms-tnef", tnef("See", (("x.bin", ZIP_BYTES),))),
        finding("attachment winmail.dat > x.bin > list.csv"),
    ),
    Case("real PNG photo", attached("photo.png", "image/png", png()), ("note", "unsupported", "attachment photo.png")),
    Case("real JPEG photo", attached("IMG_0001.JPG", "image/jpeg", jpeg()), ("note", "unsupported", "attachment IMG_0001.JPG")),
    Case("BMP as octet-stream", attached("clock.bmp", "application/octet-stream", bmp()), ("note", "unsupported", "attachment clock.bmp")),
    Case("BMP as application/pdf", attached("scan.pdf", "application/pdf", bmp()), ("note", "unsupported", "attachment scan.pdf")),
    Case("JPEG as text/plain", attached("x.txt", "text/plain", jpeg()), ("note", "unsupported", "attachment x.txt")),
    Case("text as octet-stream, clean", attached("data.bin", "application/octet-stream", b"Clinic moved to room 4.\r\n"), ("deliver",)),
    Case("text as octet-stream, number", attached("data.bin", "application/octet-stream", CSV), finding("attachment data.bin")),
    Case(
        "utf-16 text as octet-stream",
        attached("data", "application/octet-stream", f"Zoë NHS {N[5]}\r\n".encode("utf-16")),
        finding("attachment data"),
    ),
    Case(
        "machine headers with number-like IDs",
        single(
            "text/plain",
            "hello",
            extra=(
                f"Received: from mx.example.org (mx [10.0.0.1]) by gw with ESMTP id {N[6]}; Mon, 1 Jan 2024\r\n"
                f"DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s={N[6]}; b=abc\r\n"
                f"References: <{N[7]}@example.org>\r\nIn-Reply-To: <{N[7]}@example.org>\r\n"
                f"X-MS-Exchange-Organization-Network-Message-Id: {N[8]}\r\nThread-Index: AdQ{N[8]}\r\n"
            ),
        ),
        ("deliver",),
    ),
    # --- parser disagreements --------------------------------------------------------------------------------
    Case(
        "two Content-Types",
        single("text/plain", "hello", extra="Content-Type: text/html\r\n"),
        ("problem", "ambiguous", "message body (html)"),
    ),
    Case(
        "two Content-Types that read the same",  # web forms write the charset quoted once, bare once
        single("text/plain; charset=\"UTF-8\"", "hello", extra="Content-Type: TEXT/plain;  charset=utf8\r\n"),
        ("deliver",),
    ),
    Case(
        "two Content-Types, parameters in another order",
        single("text/plain; format=flowed; charset=us-ascii", "hello", extra="Content-Type: text/plain; charset=ascii; format=\"flowed\"\r\n"),
        ("deliver",),
    ),
    Case(
        "two charsets under which the body is the same text",  # a booking system's ASCII body
        single("text/html; charset=UTF-8", "<p>Room 4 booked</p>", extra="Content-Type: text/html; charset=ISO-8859-1\r\n"),
        ("deliver",),
    ),
    Case(
        "two charsets under which the body is other text",
        single("text/plain; charset=UTF-8", "caf\u00e9", extra="Content-Type: text/plain; charset=ISO-8859-1\r\n"),
        ("problem", "ambiguous", "message body"),
    ),
    Case(
        "7bit and 8bit: the same bytes",
        single("text/plain", "hello", cte="7bit", extra="Content-Transfer-Encoding: 8bit\r\n"),
        ("deliver",),
    ),
    Case(
        "two Content-Types over an empty body",  # as ticket systems re-export mail: nothing to show either way
        single("multipart/mixed; boundary=\"XX\"", "\r\n\r\n", extra="Content-Type: text/plain\r\n"),
        ("note", "ambiguous", "message body"),
    ),
    Case(
        "two transfer encodings, each reading read",  # a client shows one of them: both are scanned
        single("text/plain", "aGVsbG8=", cte="base64", extra="Content-Transfer-Encoding: 7bit\r\n"),
        ("note", "ambiguous", "message body"),
    ),
    Case(
        "two transfer encodings, a number in the last one's reading",
        single("text/plain", b64(f"Patient: Jane Roe, NHS number {N[1]}".encode()), cte="base64",
               extra="Content-Transfer-Encoding: 7bit\r\n"),
        finding("message body"),
    ),
    Case(
        "two transfer encodings, a number in the first one's reading",
        single("text/plain", f"Patient: Jane Roe, NHS number {N[1]}", cte="base64", extra="Content-Transfer-Encoding: 8bit\r\n"),
        finding("message body"),
    ),
    Case(
        "two transfer encodings, one reading not decodable",  # what a client taking it shows is not known
        single("text/plain", "\u00a3\u00a3\u00a3 ### !!! \u00a3\u00a3\u00a3 ### !!!", cte="base64",
               extra="Content-Transfer-Encoding: 8bit\r\n"),
        ("problem", "ambiguous", "message body"),
    ),
    Case(
        "8bit and quoted-printable over text with no escapes: the same text",
        single("text/plain", "Room 4 is booked for Tuesday.", cte="quoted-printable", extra="Content-Transfer-Encoding: 8bit\r\n"),
        ("deliver",),
    ),
    Case(
        "two boundary parameters",
        with_parts(body_part("hello"), params='; boundary="CC"'),
        ("problem", "ambiguous", "message"),
    ),
    Case(
        "returned message run on from its part's headers",  # no blank line: its Content-Type is the message's
        returned("Content-Type: message/rfc822\r\n"),
        ("deliver",),
    ),
    Case(
        "returned message run on, number in its body",
        returned("Content-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n", f"NHS {spaced(N[9])}"),
        finding("attached message 2 > message body"),
    ),
    Case(
        "returned headers run on from a text/rfc822-headers part",
        returned("Content-Type: text/rfc822-headers\r\n"),
        ("deliver",),
    ),
    Case(
        "two Content-Types in a message/rfc822 part's own fields",
        returned("Content-Type: message/rfc822\r\nContent-Type: text/html\r\n"),
        ("problem", "ambiguous", "attached message 2"),
    ),
    Case(
        "two Content-Types in a message/rfc822 part, no message header block between",
        returned("Content-Type: message/rfc822\r\nX-Note: returned\r\nContent-Type: text/html\r\n\r\n"),
        ("problem", "ambiguous", "attached message 2"),
    ),
    Case(
        "returned message run on from a base64 message/rfc822 part",  # the encoding would be the part's
        returned("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n"),
        ("problem", "ambiguous", "attached message 2"),
    ),
    Case(
        "message/partial",
        single("message/partial; id=\"abc@x\"; number=1; total=2", "Subject: part\r\n\r\nfirst half"),
        ("problem", "ambiguous", "attached message"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_carrier(case: Case) -> None:
    v = docs.verdict(case.raw)
    kind = case.expect[0]
    severe = {(p.reason, p.where) for p in v.problems if p.severe}
    if kind == "nhs":
        assert case.expect[1] in docs.found(v, "nhs_number"), (docs.found(v, "nhs_number"), v.problems)
        assert v.action == Action.HOLD
    elif kind == "problem":
        assert (case.expect[1], case.expect[2]) in severe, v.problems
        assert v.action == Action.HOLD
    elif kind == "note":
        assert (case.expect[1], case.expect[2]) in {(p.reason, p.where) for p in v.problems if not p.severe}, v.problems
        assert v.action == Action.DELIVER, (v.findings, v.problems)
    else:
        assert v.action == Action.DELIVER, (v.findings, v.problems)
        assert not severe
    # Nothing detected ever reaches a where: file names there are masked.
    for f in v.findings:
        assert not any(n in f.where for n in N), f.where


def test_returned_message_run_on_is_read_as_the_message() -> None:
    # The header block after the part's own Content-Type is the returned message's: its
    # Subject is that message's, its multipart/alternative is read part by part, the
    # quoted-printable text decoded; nothing is ambiguous.
    from dlpgate import mime

    parsed = mime.parse(returned("Content-Type: message/rfc822\r\n", "Clinic =\r\nmoved to room 4=2E"))
    texts = {s.where: s.text for s in parsed.segments}
    assert texts["attached message 2 > subject"] == "Referral"
    assert texts["attached message 2 > message body"] == "Clinic moved to room 4."
    assert "attached message 2 > message body (html)" in texts
    assert not [p for p in parsed.problems if p.reason == "ambiguous"]


def test_mismatch_is_recorded_without_holding() -> None:
    v = docs.verdict(attached("clock.jpg", "image/jpeg", png()))
    assert v.action == Action.DELIVER
    assert ("mismatch", "attachment clock.jpg") not in {(p.reason, p.where) for p in v.problems}  # both images
    v = docs.verdict(attached("notes.pdf", "application/pdf", b"Clinic moved to room 4.\r\n"))
    assert v.action == Action.DELIVER
    assert {(p.reason, p.where, p.severe) for p in v.problems} == {("mismatch", "attachment notes.pdf", False)}


def test_unknown_binary_is_still_unscannable() -> None:
    blob = bytes(range(256)) * 8
    v = docs.verdict(attached("data.bin", "application/octet-stream", blob))
    assert v.action == Action.HOLD
    assert ("attachment data.bin", "unsupported") in docs.unscannable(v)
    # ...also under a signature label: it is not a signature.
    v = docs.verdict(with_parts(body_part(), attachment("smime.p7s", "application/pkcs7-signature", blob), subtype="signed"))
    assert v.action == Action.HOLD


def test_vendor_ids_in_x_headers_are_not_patient_numbers() -> None:
    # A real anti-spam header whose ID holds a 10-digit run that passes the CHI check.
    raw = single("text/plain", "hello", extra="X-Acme-ID: 155060::1505728827-00002F2E-819A7A9B/3/4467899592\r\n")
    v = docs.verdict(raw)
    assert v.action == Action.DELIVER, v.findings


def test_outlook_item_is_read_with_its_headers() -> None:
    from dlpgate import mime

    data = (DATA / "outlook_newsletter.msg").read_bytes()
    parsed = mime.parse(attached("news.msg", "application/octet-stream", data))
    wheres = {s.where for s in parsed.segments}
    assert "attachment news.msg > message body" in wheres
    assert "attachment news.msg > subject" in wheres
    assert not [p for p in parsed.problems if p.severe]
    assert docs.verdict(attached("news.msg", "application/octet-stream", data)).action == Action.DELIVER


def test_outlook_item_headers_go_through_the_detectors() -> None:
    from email import message_from_string
    from types import SimpleNamespace

    from dlpgate.mime.formats import msg

    item = SimpleNamespace(
        header=message_from_string(f'Subject: x\nTo: "Patient {N[0]}" <a@b.example>\nX-Case: {N[1]}\n\n')
    )
    got = {s.where: s.text for s in msg._headers(item, "attachment a.msg")}
    assert N[0] in got["attachment a.msg > header To (display names)"]
    assert N[1] in got["attachment a.msg > header X-Case"]
