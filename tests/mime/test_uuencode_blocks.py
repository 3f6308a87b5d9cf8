"""Files written as text in a body ("begin 644 name" ... "end"): uuencode quoted in a reply,
in an HTML body's <pre>, xxencode (the same frame, another alphabet), and a block that
decodes to noise (reported as unreadable, its text kept), while prose after a "begin" line
is no block. All data synthetic; NHS numbers mod-11 valid (tests/synthetic.py)."""

from __future__ import annotations

import binascii
import html
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from dlpgate.mime.text import uu_decode
from dlpgate.types import Action
from tests.formats import docs
from tests.synthetic import build_message, nhs_numbers

N = nhs_numbers(3, seed=3107, prefix_range=(600, 799)) + nhs_numbers(2, seed=3108, prefix_range=(400, 499))
CSV = (
    "NHS number,Surname,Forename,DOB,Diagnosis\n"
    f"{N[0]},Exampleton,Kwame,17/01/1996,metastatic breast cancer\n"
    f"{N[1]},Testwright,Doreen,02/05/1980,COPD exacerbation\n"
    f"{N[2]},Sampleford,Stanley,14/07/1990,bipolar affective disorder\n"
).encode()
XX = b"+-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
UU_TO_XX = bytes.maketrans(b"`" + bytes(range(33, 96)), XX)


def uu_lines(data: bytes) -> list[str]:
    return [binascii.b2a_uu(data[i : i + 45], backtick=True).decode().rstrip("\n") for i in range(0, len(data), 45)]


def uu_block(name: str, data: bytes) -> str:
    return f"begin 644 {name}\n" + "\n".join(uu_lines(data)) + "\n`\nend\n"


def xx_block(name: str, data: bytes) -> str:
    lines = [line.encode().translate(UU_TO_XX).decode() for line in uu_lines(data)]
    return f"begin 644 {name}\n" + "\n".join(lines) + "\n+\nend\n"


def quoted(block: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in block.splitlines())


def reply(prefix: str) -> bytes:
    body = (
        "Hi Kate,\n\nResending - see your message below, the list is still in it.\n\n"
        "-----Original Message-----\nFrom: Dave Example\nSubject: list\n\n"
        + quoted("Hi Kate, list below as uuencode:\n\n" + uu_block("list.csv", CSV), prefix)
        + "\n\nKind regards\nDave\n"
    )
    return build_message(body, subject="RE: list")


def html_message(html_body: str, text: str = "Hi Kate, see HTML version.") -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "dr.jones@example-trust.nhs.uk"
    msg["To"] = "someone@partner.example.org"
    msg["Subject"] = "list"
    msg.set_content(text)
    msg.add_alternative(html_body, subtype="html")
    return msg.as_bytes()


def nhs_where(raw: bytes) -> dict[str, int]:
    return docs.found(docs.verdict(raw), "nhs_number")


@pytest.mark.parametrize("prefix", ["> ", ">", ">> ", "> > ", "> > > "])
def test_uuencode_quoted_in_a_reply_is_decoded(prefix: str) -> None:
    v = docs.verdict(reply(prefix))
    assert docs.found(v, "nhs_number").get("message body > uuencoded list.csv") == 3, v.findings
    assert v.action is Action.HOLD


def test_quoted_uuencode_line_starting_with_a_quote_mark_keeps_it() -> None:
    # A data line may itself start with ">" (30 bytes): only the reply's own marks go.
    data = CSV[:45] + CSV[45:75]  # a 45-byte line, then a 30-byte one (">")
    block = uu_block("part.csv", data)
    assert block.splitlines()[2].startswith(">")
    raw = build_message("Below:\n\n" + quoted(block, "> ") + "\n")
    assert segments(raw).get("message body > uuencoded part.csv") == data.decode()


def segments(raw: bytes) -> dict[str, str]:
    from dlpgate import mime

    engine = docs.engine()
    parsed = mime.parse(raw, engine.limits, None, tools=engine.tools)
    out: dict[str, str] = {}
    for seg in parsed.segments:
        out[seg.where] = out.get(seg.where, "") + seg.text
    return out


def test_uuencode_in_an_html_pre_is_decoded() -> None:
    body = (
        "<html><body><p>Hi Kate, list below as uuencode as agreed:</p><pre>"
        + html.escape(uu_block("list.csv", CSV).rstrip("\n"), quote=False)
        + "</pre><p>Dave</p></body></html>"
    )
    found = nhs_where(html_message(body))
    assert any(w.endswith("> uuencoded list.csv") and "html" in w for w in found), found


def test_yenc_in_an_html_pre_is_decoded_too() -> None:
    from tests.content.test_carriers import yencoded

    block = yencoded("list.csv", CSV).replace("\r\n", "\n")
    body = "<html><body><pre>" + html.escape(block, quote=False) + "</pre></body></html>"
    found = nhs_where(html_message(body))
    assert any(w.endswith("> yEnc list.csv") for w in found), found


def test_xxencode_is_decoded_as_a_file() -> None:
    block = xx_block("clinic_list.csv", CSV)
    assert block.splitlines()[1].startswith("h")  # a full line: "h" (45) where uuencode has "M"
    assert uu_decode(block.encode()) == (CSV, "")
    v = docs.verdict(build_message("As agreed, the list is xxencoded below.\n\n" + block + "\nKind regards\n"))
    assert docs.found(v, "nhs_number").get("message body > xxencoded clinic_list.csv") == 3, v.findings
    assert v.action is Action.HOLD


def test_uuencode_still_decodes_exactly() -> None:
    for size in (0, 1, 44, 45, 46, 200):
        data = bytes(range(256))[:size]
        block = "begin 644 x.bin\n" + "\n".join(uu_lines(data)) + "\n`\nend\n"
        assert uu_decode(block.encode()) == (data, ""), size


def noise_block() -> str:
    # Lines of an encoding's look (no prose) that neither alphabet decodes: a damaged block.
    lines = ["h" + "~|}{" * 15 for _ in range(6)]
    return "begin 644 clinic_list.csv\n" + "\n".join(lines) + "\n+\nend\n"


def test_a_block_that_decodes_to_noise_is_unreadable_and_kept_in_the_body() -> None:
    block = noise_block()
    assert uu_decode(block.encode()) == (b"", "undecodable")
    raw = build_message("The list, encoded as agreed.\n\n" + block + "\nRegards\n")
    v = docs.verdict(raw)
    assert ("message body > uuencoded clinic_list.csv", "undecodable") in docs.unscannable(v), v.findings
    assert v.action is Action.HOLD
    assert "~|}{" in segments(raw)["message body"]  # its text is read, not dropped


def test_a_mostly_repaired_block_is_noise_not_a_file() -> None:
    # Uuencode's alphabet, but lines far longer than their length character claims.
    lines = ["#" + "ABCDEFGHIJ" * 5 for _ in range(5)]
    block = "begin 644 x.csv\n" + "\n".join(lines) + "\nend\n"
    assert uu_decode(block.encode())[1] == "undecodable"


def test_one_damaged_line_is_still_decoded_leniently() -> None:
    lines = uu_lines(CSV)
    lines[1] = "M" + "~" * 60  # one line out of four not decodable
    data, status = uu_decode(("begin 644 x.csv\n" + "\n".join(lines) + "\n`\nend\n").encode())
    assert status == "damaged" and N[2].encode() in data


PROSE = (
    "Hi all,\n\n"
    "begin 2024 with a review of the clinic rota\n"
    "and the new room bookings for the outpatient team,\n"
    "then we can agree the cover for the bank holiday.\n"
    "end\n\n"
    "Thanks, Dave\n"
)


def test_prose_after_a_begin_line_is_no_block() -> None:
    raw = build_message(PROSE)
    v = docs.verdict(raw)
    assert v.action is Action.DELIVER, v.findings
    assert not docs.unscannable(v)
    assert "room bookings for the outpatient team" in segments(raw)["message body"]


def test_begin_in_a_sentence_is_no_block() -> None:
    raw = build_message("We begin 644 appointments next week.\nClinic B has the rest.\nend\n")
    v = docs.verdict(raw)
    assert not docs.unscannable(v)
    assert "We begin 644 appointments next week." in segments(raw)["message body"]


@pytest.mark.parametrize("cte", ["x-uuencode", "base64"])
def test_an_empty_attachment_is_empty_whatever_its_encoding(cte: str) -> None:
    # a part with a transfer encoding and no body at all: nothing to decode, nothing to hold
    raw = (
        "From: a@example-trust.nhs.uk\r\nTo: b@gmail.com\r\nSubject: comments\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n'
        '--b\r\nContent-Type: application/msword; name="c.doc"\r\nContent-Disposition: attachment; filename="c.doc"\r\n'
        f"Content-Transfer-Encoding: {cte}\r\n\r\n\r\n--b--\r\n"
    ).encode()
    assert docs.verdict(raw).action is Action.DELIVER
