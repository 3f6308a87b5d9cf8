"""Each synthetic message in tests/messages/ -> the segments and problems it must give."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.mime import parse
from dlpgate.types import Limits, ParsedMessage

MESSAGES = Path(__file__).resolve().parents[1] / "messages"
NHS = "943 476 5919"


def load(name: str, limits: Limits | None = None) -> ParsedMessage:
    return parse((MESSAGES / name).read_bytes(), limits or Limits())


def text_at(msg: ParsedMessage, where: str) -> str:
    found = [s.text for s in msg.segments if s.where == where]
    assert found, f"no segment at {where!r}; have {[s.where for s in msg.segments]}"
    return "\n".join(found)


def reasons(msg: ParsedMessage) -> set[tuple[str, bool]]:
    return {(p.reason, p.severe) for p in msg.problems}


def test_every_eml_is_listed_in_readme() -> None:
    readme = (MESSAGES / "README.md").read_text(encoding="utf-8")
    for eml in MESSAGES.glob("*.eml"):
        assert f"`{eml.name}`" in readme


# (file, where, substring the segment text must contain)
SEGMENTS = [
    ("plain_utf8.eml", "message body", f"Patient Zoë Brontë, NHS {NHS}."),
    ("latin1.eml", "message body", f"Café résumé NHS {NHS}"),
    ("windows1252.eml", "message body", f"“Quoted” €5 – NHS {NHS}"),
    ("no_charset_8bit.eml", "message body", f"“No charset” NHS {NHS}"),
    ("utf16le_bom.eml", "message body", f"UTF-16 text NHS {NHS}"),
    ("utf16_no_bom.eml", "message body", f"BOM-less UTF-16 NHS {NHS}"),
    ("iso2022jp.eml", "message body", f"患者番号 {NHS} です。"),
    ("unknown_charset.eml", "message body", f"Bogus charset NHS {NHS} café"),
    ("base64_body.eml", "message body", f"Base64 body NHS {NHS}"),
    ("qp_soft_break.eml", "message body", f"Quoted-printable NHS {NHS} café – end"),
    ("rfc2047_subject_b.eml", "subject", f"Referral for Zoë {NHS}"),
    ("rfc2047_subject_q.eml", "subject", f"Café referral NHS {NHS}"),
    ("rfc2231_filename.eml", "attachment clinic list été.csv", f"A Patient,01/02/1970,{NHS}"),
    ("rfc2231_filename.eml", "attachment résumé.txt", f"RFC 2047 named file NHS {NHS}"),
    ("html_inline.eml", "message body (html)", f"NHS number {NHS} & more"),
    ("html_inline.eml", "message body (html)", "Name\tWard\nA Patient\t7"),
    ("html_inline.eml", "message body (html)", "Split word"),
    ("fullwidth_digits.eml", "message body", f"Full-width NHS {NHS}"),
    ("zero_width.eml", "message body", "Zero width 9434765919 and 9434765919 and 943 476 5919"),
    ("nested_rfc822_two_deep.eml", "message body", "level 2 body"),
    ("nested_rfc822_two_deep.eml", "attached message 'level1.eml' > subject", "level 1"),
    ("nested_rfc822_two_deep.eml", "attached message 'level1.eml' > message body", "level 1 body"),
    (
        "nested_rfc822_two_deep.eml",
        "attached message 'level1.eml' > attached message 'level0.eml' > message body",
        f"innermost NHS {NHS}",
    ),
    ("eml_octet_stream.eml", "attached message 'fwd.eml' > subject", "Fwd: clinic"),
    ("eml_octet_stream.eml", "attached message 'fwd.eml' > message body", f"Forwarded body NHS {NHS}"),
    ("eml_octet_stream.eml", "attached message 'fwd.eml' > attachment list.csv", f"A Patient,01/02/1970,{NHS}"),
    ("csv_attachment.eml", "attachment clinic-list.csv", "Name,Date of birth,NHS number\n"),
    ("csv_attachment.eml", "attachment excel-list.csv", f"A Patient,01/02/1970,{NHS}"),
    ("ics_folded.eml", "attachment invite.ics", f"DESCRIPTION:\nPatient NHS {NHS} to attend.\nSecond line"),
    ("ics_folded.eml", "attachment invite.ics", "SUMMARY:Clinic review, room 4; bring notes"),
    ("multipart_alternative.eml", "message body", "Plain alternative only says hello."),
    ("multipart_alternative.eml", "message body (html)", f"HTML alternative has NHS {NHS}"),
    ("broken_base64.eml", "message body", f"Broken base64 NHS {NHS}"),
    ("missing_close_boundary.eml", "message body", "First part."),
    ("missing_close_boundary.eml", "message body part 2", f"Last part NHS {NHS} runs to the end"),
    ("no_start_boundary.eml", "message body", f"Body without boundaries NHS {NHS}"),
    ("pdf_attachment.eml", "message body", "Letter attached."),
    ("image_attachment.eml", "message body", "Photo attached."),
    ("eight_bit_headers.eml", "subject", f"Café NHS {NHS}"),
    ("eight_bit_headers.eml", "message body", "body ÿþ ok"),
    ("uuencode.eml", "message body", f"uuencoded NHS {NHS}, a line long enough to need two uuencoded lines"),
    ("signed.eml", "message body", f"Signed body NHS {NHS}"),
]


@pytest.mark.parametrize(("name", "where", "expected"), SEGMENTS)
def test_segment_text(name: str, where: str, expected: str) -> None:
    assert expected in text_at(load(name), where)


# (file, problems expected as (reason, where, severe); None = no problems at all)
PROBLEMS = [
    ("plain_utf8.eml", None),
    ("latin1.eml", None),
    ("utf16le_bom.eml", None),
    ("iso2022jp.eml", None),
    ("qp_soft_break.eml", None),
    ("html_inline.eml", None),
    ("nested_rfc822_two_deep.eml", None),
    ("eml_octet_stream.eml", None),
    ("csv_attachment.eml", None),
    # Its "signature" is zeros, not a signature: read as what it is (unreadable), not skipped by its label.
    ("signed.eml", [("corrupt", "attachment smime.p7s", True)]),
    ("unknown_charset.eml", [("unknown_charset", "message body", False)]),
    ("broken_base64.eml", [("corrupt", "message body", False)]),
    ("undecodable_base64.eml", [("undecodable", "unnamed attachment (application/octet-stream)", True)]),
    ("missing_close_boundary.eml", [("corrupt", "message", False)]),
    ("no_start_boundary.eml", [("corrupt", "message", False)]),
    ("pdf_attachment.eml", [("corrupt", "attachment letter.pdf", True)]),  # not a readable PDF
    ("image_attachment.eml", [("unsupported", "attachment photo.png", False)]),
    ("smime_encrypted.eml", [("encrypted", "attachment smime.p7m", True)]),
]


@pytest.mark.parametrize(("name", "expected"), PROBLEMS)
def test_problems(name: str, expected: list[tuple[str, str, bool]] | None) -> None:
    got = {(p.reason, p.where, p.severe) for p in load(name).problems}
    assert got == set(expected or ())


def test_problem_details() -> None:
    assert load("unknown_charset.eml").problems[0].detail == "x-bogus"
    assert "application/pdf" in load("pdf_attachment.eml").problems[0].detail
    assert load("image_attachment.eml").problems[0].detail == "image/png"


def test_tabular_flag() -> None:
    msg = load("csv_attachment.eml")
    tabular = {s.where for s in msg.segments if s.tabular}
    assert tabular == {"attachment clinic-list.csv", "attachment excel-list.csv"}
    assert text_at(msg, "attachment clinic-list.csv").startswith("Name,Date of birth,NHS number\n")


def test_headers() -> None:
    msg = load("rfc2047_subject_q.eml")
    assert msg.from_ == ("sender@example-trust.nhs.uk",)
    assert msg.to == ("recipient@example.org", "zoe@example.org", "j.smith@example.org")
    assert msg.cc == ("elise@example.org",)
    assert msg.subject == f"Café referral NHS {NHS}"
    assert msg.message_id == "<corpus@example-trust.nhs.uk>"


def test_nested_headers_are_not_top_level() -> None:
    msg = load("eml_octet_stream.eml")
    assert msg.subject == "Test"
    assert msg.to == ("recipient@example.org",)


def test_eight_bit_headers_do_not_crash() -> None:
    msg = load("eight_bit_headers.eml")
    assert msg.from_ == ("sender@example-trust.nhs.uk",)
    assert msg.to == ("r@example.org",)
    assert msg.subject == f"Café NHS {NHS}"


def test_html_drops_script_style_comment() -> None:
    text = text_at(load("html_inline.eml"), "message body (html)")
    assert "000 000 0000" not in text  # script
    assert "color" not in text  # style
    assert "111 222 3333" not in text  # comment
    assert "<" not in text


def test_depth_bomb_stops_at_max_depth() -> None:
    msg = load("depth_bomb.eml")
    deep = [p for p in msg.problems if p.reason == "too_deep"]
    assert len(deep) == 1 and deep[0].severe
    assert deep[0].where.count("attached message") == 9  # depth 9 > max_depth 8
    assert "innermost" not in " ".join(s.text for s in msg.segments)
    shallow = load("depth_bomb.eml", Limits(max_depth=20))
    assert not shallow.problems
    assert f"innermost NHS {NHS}" in " ".join(s.text for s in shallow.segments)


def test_too_many_parts() -> None:
    msg = load("too_many_parts.eml", Limits(max_parts=10))
    assert [p.reason for p in msg.problems] == ["too_many_parts"]
    assert sum(s.where.startswith("attachment p") for s in msg.segments) == 9  # root multipart + 9 parts
    assert not load("too_many_parts.eml").problems


def test_every_corpus_file_parses() -> None:
    for eml in sorted(MESSAGES.glob("*.eml")):
        msg = parse(eml.read_bytes())
        assert msg.segments, eml.name
        for seg in msg.segments:
            assert "\r" not in seg.text
            assert "\n" not in seg.where and len(seg.where) < 1200
