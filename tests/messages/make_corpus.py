"""Write the synthetic .eml corpus in this folder (deterministic; re-run to regenerate).

    python tests/messages/make_corpus.py

Every number in here is synthetic: 943 476 5919 is the well-known example
NHS number outside the issued ranges.  Files are written with CRLF line
endings, as they travel over SMTP.  See README.md for what each covers.
"""

from __future__ import annotations

import base64
import binascii
import codecs
from pathlib import Path

HERE = Path(__file__).resolve().parent
NHS = "943 476 5919"


def crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data)  # 76-column lines


def headers(subject: str = "Test", extra: str = "") -> bytes:
    text = (
        "From: Clinic Sender <sender@example-trust.nhs.uk>\n"
        "To: recipient@example.org\n"
        f"Subject: {subject}\n"
        "Message-ID: <corpus@example-trust.nhs.uk>\n"
        "Date: Mon, 01 Jan 2024 09:00:00 +0000\n"
        "MIME-Version: 1.0\n"
    ) + extra
    return text.encode("ascii")


def simple(ctype: str, body: bytes, cte: str = "", subject: str = "Test", extra: str = "") -> bytes:
    h = f"Content-Type: {ctype}\n"
    if cte:
        h += f"Content-Transfer-Encoding: {cte}\n"
    return headers(subject, extra) + h.encode("ascii") + b"\n" + body


def multipart(
    subtype: str, parts: list[bytes], boundary: str = "b-outer", subject: str = "Test", close: bool = True
) -> bytes:
    out = [headers(subject), f'Content-Type: multipart/{subtype}; boundary="{boundary}"\n\n'.encode()]
    out.append(b"This is a multi-part message in MIME format.\n")
    for p in parts:
        out.append(f"--{boundary}\n".encode() + p)
        if not p.endswith(b"\n"):
            out.append(b"\n")
    if close:
        out.append(f"--{boundary}--\n".encode())
    return b"".join(out)


def part(ctype: str, body: bytes, cte: str = "", disposition: str = "", extra: str = "") -> bytes:
    h = f"Content-Type: {ctype}\n"
    if cte:
        h += f"Content-Transfer-Encoding: {cte}\n"
    if disposition:
        h += f"Content-Disposition: {disposition}\n"
    h += extra
    return h.encode("utf-8") + b"\n" + body


def nested(depth: int) -> bytes:
    """A message holding a message holding ... ``depth`` levels of message/rfc822."""
    inner = simple("text/plain; charset=us-ascii", f"innermost NHS {NHS}\n".encode(), subject="level 0")
    for level in range(1, depth + 1):
        inner = multipart(
            "mixed",
            [
                part("text/plain", f"level {level} body\n".encode()),
                part("message/rfc822", inner, disposition=f'attachment; filename="level{level - 1}.eml"'),
            ],
            boundary=f"b-level{level}",
            subject=f"level {level}",
        )
    return inner


CSV = f"Name,Date of birth,NHS number\nA Patient,01/02/1970,{NHS}\nB Patient,03/04/1980,401 023 2137\n".encode()

ICS = (
    b"BEGIN:VCALENDAR\n"
    b"VERSION:2.0\n"
    b"BEGIN:VEVENT\n"
    b"SUMMARY:Clinic review\\, room 4\\; bring notes\n"
    b"DESCRIPTION:Patient NHS 943 476 59\n"
    b" 19 to attend.\\nSecond line\n"
    b"END:VEVENT\n"
    b"END:VCALENDAR\n"
)

FAKE_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
FAKE_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

HTML = (
    b"<html><head><style>p { color: red }</style><title>Letter</title></head><body>"
    b"<!-- 111 222 3333 hidden comment -->"
    b"<p>Dear colleague,</p><p>NHS number <b>943</b>&nbsp;476 5919 &amp; more</p>"
    b"<table><tr><td>Name</td><td>Ward</td></tr><tr><td>A Patient</td><td>7</td></tr></table>"
    b"<script>var nhs = '000 000 0000';</script>"
    b"<div>Sp<span>lit</span> word</div></body></html>\n"
)


def corpus() -> dict[str, bytes]:
    c: dict[str, bytes] = {}
    c["plain_utf8.eml"] = simple("text/plain; charset=utf-8", f"Patient Zoë Brontë, NHS {NHS}.\n".encode())
    c["latin1.eml"] = simple(
        "text/plain; charset=iso-8859-1", f"Caf\xe9 r\xe9sum\xe9 NHS {NHS}\n".encode("latin-1"), cte="8bit"
    )
    c["windows1252.eml"] = simple(
        "text/plain; charset=windows-1252",
        f"\u201cQuoted\u201d \u20ac5 \u2013 NHS {NHS}\n".encode("cp1252"),
        cte="8bit",
    )
    c["no_charset_8bit.eml"] = simple("text/plain", f"\u201cNo charset\u201d NHS {NHS}\n".encode("cp1252"), cte="8bit")
    c["utf16le_bom.eml"] = simple(
        "text/plain; charset=utf-16",
        b64(codecs.BOM_UTF16_LE + f"UTF-16 text NHS {NHS}\n".encode("utf-16-le")),
        cte="base64",
    )
    c["utf16_no_bom.eml"] = simple(
        "text/plain; charset=utf-16", b64(f"BOM-less UTF-16 NHS {NHS}\n".encode("utf-16-be")), cte="base64"
    )
    c["iso2022jp.eml"] = simple(
        "text/plain; charset=iso-2022-jp", f"患者番号 {NHS} です。\n".encode("iso-2022-jp"), cte="7bit"
    )
    c["unknown_charset.eml"] = simple(
        "text/plain; charset=x-bogus", f"Bogus charset NHS {NHS} caf\xe9\n".encode("latin-1"), cte="8bit"
    )
    c["base64_body.eml"] = simple("text/plain; charset=utf-8", b64(f"Base64 body NHS {NHS}\n".encode()), cte="base64")
    c["qp_soft_break.eml"] = simple(
        "text/plain; charset=utf-8",
        b"Quoted-printable NHS 943 476 59=\n19 caf=C3=A9 =E2=80=93 end\n",
        cte="quoted-printable",
    )
    c["rfc2047_subject_b.eml"] = simple(
        "text/plain", b"body\n", subject="=?UTF-8?B?UmVmZXJyYWwgZm9yIFpvw6sgOTQzIDQ3NiA1OTE5?="
    )
    c["rfc2047_subject_q.eml"] = (
        headers(
            "=?iso-8859-1?Q?Caf=E9_referral?= =?utf-8?q?_NHS_943_476?=\n =?utf-8?q?_5919?=",
            'To: =?utf-8?q?Dr_Zo=C3=AB?= <zoe@example.org>, "Smith, J" <j.smith@example.org>\n'
            "Cc: =?utf-8?b?w4lsaXNl?= <elise@example.org>\n"
            "Content-Type: text/plain\n",
        )
        + b"\nbody\n"
    )
    c["rfc2231_filename.eml"] = multipart(
        "mixed",
        [
            part("text/plain; charset=utf-8", b"See attached.\n"),
            part(
                "text/csv; charset=utf-8",
                CSV,
                disposition="attachment; filename*=utf-8''clinic%20list%20%C3%A9t%C3%A9.csv",
            ),
            part(
                'application/octet-stream; name="=?utf-8?q?r=C3=A9sum=C3=A9=2Etxt?="',
                b64(f"RFC 2047 named file NHS {NHS}\n".encode()),
                cte="base64",
                disposition='attachment; filename="=?utf-8?q?r=C3=A9sum=C3=A9=2Etxt?="',
            ),
        ],
    )
    c["html_inline.eml"] = simple("text/html; charset=utf-8", HTML, cte="8bit")
    c["fullwidth_digits.eml"] = simple(
        "text/plain; charset=utf-8", "Full-width ＮＨＳ ９４３ ４７６ ５９１９\n".encode(), cte="8bit"
    )
    c["zero_width.eml"] = simple(
        "text/plain; charset=utf-8",
        "Zero width 943\u200b476\u200c59\u200d19 and 943\u2060476\ufeff5919 and 94\u00ad3 476 5919\n".encode(),
        cte="8bit",
    )
    c["nested_rfc822_two_deep.eml"] = nested(2)
    c["eml_octet_stream.eml"] = multipart(
        "mixed",
        [
            part("text/plain", b"Forwarding the message below.\n"),
            part(
                'application/octet-stream; name="fwd.eml"',
                b64(
                    crlf(
                        multipart(
                            "mixed",
                            [
                                part("text/plain; charset=utf-8", f"Forwarded body NHS {NHS}\n".encode()),
                                part("text/csv", CSV, disposition='attachment; filename="list.csv"'),
                            ],
                            boundary="b-inner",
                            subject="Fwd: clinic",
                        )
                    )
                ),
                cte="base64",
                disposition='attachment; filename="fwd.eml"',
            ),
        ],
    )
    c["csv_attachment.eml"] = multipart(
        "mixed",
        [
            part("text/plain", b"List attached.\n"),
            part('text/csv; name="clinic-list.csv"', CSV, disposition='attachment; filename="clinic-list.csv"'),
            part(
                'application/vnd.ms-excel; name="excel-list.csv"',
                b64(CSV),
                cte="base64",
                disposition='attachment; filename="excel-list.csv"',
            ),
        ],
    )
    c["ics_folded.eml"] = multipart(
        "mixed",
        [
            part("text/plain", b"Invitation attached.\n"),
            part(
                'application/octet-stream; name="invite.ics"',
                b64(crlf(ICS)),
                cte="base64",
                disposition='attachment; filename="invite.ics"',
            ),
        ],
    )
    c["multipart_alternative.eml"] = multipart(
        "alternative",
        [
            part("text/plain; charset=utf-8", b"Plain alternative only says hello.\n"),
            part("text/html; charset=utf-8", f"<p>HTML alternative has NHS <i>{NHS}</i></p>\n".encode()),
        ],
    )
    c["broken_base64.eml"] = simple(
        "text/plain; charset=utf-8",
        # Bad padding in the middle, stray characters, final group truncated.
        b"QnJva2VuIGJhc2U2NCBOSFMg==\nOTQzIDQ3NiA1OTE5!!\nIHRhaWw",
        cte="base64",
    )
    c["undecodable_base64.eml"] = simple("application/octet-stream", b"!!!! %%%% ???? ****\n", cte="base64")
    c["missing_close_boundary.eml"] = multipart(
        "mixed",
        [part("text/plain", b"First part.\n"), part("text/plain", f"Last part NHS {NHS} runs to the end\n".encode())],
        close=False,
    )
    c["no_start_boundary.eml"] = (
        headers()
        + b'Content-Type: multipart/mixed; boundary="never-used"\n\n'
        + f"Body without boundaries NHS {NHS}\n".encode()
    )
    c["pdf_attachment.eml"] = multipart(
        "mixed",
        [
            part("text/plain", b"Letter attached.\n"),
            part(
                'application/pdf; name="letter.pdf"',
                b64(FAKE_PDF),
                cte="base64",
                disposition='attachment; filename="letter.pdf"',
            ),
        ],
    )
    c["image_attachment.eml"] = multipart(
        "mixed",
        [
            part("text/plain", b"Photo attached.\n"),
            part(
                'image/png; name="photo.png"',
                b64(FAKE_PNG),
                cte="base64",
                disposition='attachment; filename="photo.png"',
            ),
        ],
    )
    c["depth_bomb.eml"] = nested(12)
    c["too_many_parts.eml"] = multipart(
        "mixed",
        [part("text/plain", f"part {i}\n".encode(), disposition=f'attachment; filename="p{i}.txt"') for i in range(30)],
    )
    c["eight_bit_headers.eml"] = (
        b"From: S\xe9nder <sender@example-trust.nhs.uk>\nTo: r\xc3\xa9cipient <r@example.org>\n"
        b"Subject: Caf\xc3\xa9 NHS 943 476 5919\nMIME-Version: 1.0\nContent-Type: text/plain\n\nbody \xff\xfe ok\n"
    )
    uu_data = f"uuencoded NHS {NHS}, a line long enough to need two uuencoded lines\n".encode()
    uu = (
        b"begin 644 notes.txt\n"
        + b"".join(binascii.b2a_uu(uu_data[i : i + 45]) for i in range(0, len(uu_data), 45))
        + b"`\nend\n"
    )
    c["uuencode.eml"] = simple("text/plain; charset=us-ascii", uu, cte="x-uuencode")
    c["smime_encrypted.eml"] = simple(
        'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"',
        b64(b"0\x82\x01\x00" + bytes(64)),
        cte="base64",
    )
    c["signed.eml"] = multipart(
        "signed",
        [
            part("text/plain; charset=utf-8", f"Signed body NHS {NHS}\n".encode()),
            part('application/pkcs7-signature; name="smime.p7s"', b64(b"0\x82\x01\x00" + bytes(64)), cte="base64"),
        ],
    )
    return c


README_HEAD = """# Synthetic MIME corpus

Generated by `make_corpus.py` (run it to regenerate; the output is deterministic).
All numbers are synthetic: 943 476 5919 is the standard example NHS number,
outside the issued ranges.  `tests/mime/test_mime_corpus.py` asserts on each.

| file | covers |
|------|--------|
"""

COVERS = {
    "plain_utf8.eml": "text/plain, charset utf-8, 7bit header / 8bit body",
    "latin1.eml": "charset iso-8859-1, 8bit",
    "windows1252.eml": "charset windows-1252 (smart quotes, euro, en dash)",
    "no_charset_8bit.eml": "text/plain without charset, Windows-1252 bytes (utf-8 strict fails, falls back)",
    "utf16le_bom.eml": "charset utf-16, little-endian with BOM, base64",
    "utf16_no_bom.eml": "charset utf-16 without BOM (big-endian, detected from zero bytes), base64",
    "iso2022jp.eml": "charset iso-2022-jp (stateful 7-bit Japanese)",
    "unknown_charset.eml": "bogus charset x-bogus: fallback decode + non-severe unknown_charset problem",
    "base64_body.eml": "base64 text body",
    "qp_soft_break.eml": "quoted-printable with a soft line break inside the number",
    "rfc2047_subject_b.eml": "RFC 2047 B-encoded Subject",
    "rfc2047_subject_q.eml": "RFC 2047 Q-encoded, folded, mixed-charset Subject; encoded To/Cc display names; two To addresses",
    "rfc2231_filename.eml": "RFC 2231 (filename*=utf-8''...) and RFC 2047-in-quotes attachment names",
    "html_inline.eml": "HTML: <b>943</b>&nbsp;476 5919, entities, table cells, script/style/comment dropped, inline span",
    "fullwidth_digits.eml": "full-width letters and digits (NFKC)",
    "zero_width.eml": "zero-width space/non-joiner/joiner, word joiner, BOM and soft hyphen inside numbers",
    "nested_rfc822_two_deep.eml": "message/rfc822 inside message/rfc822 (two levels)",
    "eml_octet_stream.eml": ".eml attached as application/octet-stream (base64) holding a body and a CSV",
    "csv_attachment.eml": "text/csv attachment; .csv sent as application/vnd.ms-excel (base64)",
    "ics_folded.eml": ".ics as application/octet-stream with a folded line splitting a number, escapes",
    "multipart_alternative.eml": "multipart/alternative whose HTML alternative alone holds the number",
    "broken_base64.eml": "damaged base64 (padding mid-stream, stray characters, truncated group)",
    "undecodable_base64.eml": "base64 part with no base64 in it",
    "missing_close_boundary.eml": "multipart without its closing boundary",
    "no_start_boundary.eml": "multipart whose boundary never appears (body read as text)",
    "pdf_attachment.eml": "application/pdf attachment: unsupported, severe",
    "image_attachment.eml": "image/png attachment: unsupported, not severe",
    "depth_bomb.eml": "message/rfc822 nested 12 deep (beyond max_depth 8)",
    "too_many_parts.eml": "30 attachments (tests use a low max_parts)",
    "eight_bit_headers.eml": "bare 8-bit bytes in From/To/Subject and body without charset",
    "uuencode.eml": "Content-Transfer-Encoding: x-uuencode",
    "smime_encrypted.eml": "S/MIME enveloped data (application/pkcs7-mime): encrypted",
    "signed.eml": "multipart/signed with a detached signature (signature skipped)",
}


def main() -> None:
    files = corpus()
    missing = set(files) ^ set(COVERS)
    assert not missing, missing
    for name, data in files.items():
        (HERE / name).write_bytes(crlf(data))
    rows = "".join(f"| `{name}` | {COVERS[name]} |\n" for name in sorted(files))
    (HERE / "README.md").write_text(README_HEAD + rows, encoding="utf-8")
    print(f"wrote {len(files)} files to {HERE}")


if __name__ == "__main__":
    main()
