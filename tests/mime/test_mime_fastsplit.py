"""dlpgate.mime.fastsplit builds exactly the stdlib parser's tree, or declines.

Every message of the test corpora, and generated MIME messages, are parsed by
both; where the fast path answers, every part must match the stdlib's:
headers, payload text, preamble, epilogue, defects, default type.
"""

from __future__ import annotations

import email
import random
from email import policy
from email.message import Message
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlpgate.mime import fastsplit
from tests.synthetic import build_message

HERE = Path(__file__).resolve().parent.parent
CORPUS = sorted((HERE / "messages").glob("*.eml")) + sorted((HERE / "fuzz" / "corpus").iterdir())


def shape(msg: Message) -> tuple:
    payload = msg._payload
    inner = [shape(p) for p in payload] if isinstance(payload, list) else payload
    return (
        msg._headers,
        msg.get_unixfrom(),
        msg.get_default_type(),
        getattr(msg, "preamble", None),
        getattr(msg, "epilogue", None),
        [type(d).__name__ for d in msg.defects],
        inner,
    )


def same_as_stdlib(raw: bytes) -> bool:
    """Asserts the trees match when the fast path answers; returns whether it did."""
    fast = fastsplit.parse(raw)
    if fast is None:
        return False
    assert shape(fast) == shape(email.message_from_bytes(raw, policy=policy.compat32))
    return True


def test_every_corpus_message_parses_as_the_stdlib_parses_it():
    assert len(CORPUS) > 300
    answered = sum(same_as_stdlib(path.read_bytes()) for path in CORPUS)
    assert answered > 20, "the fast path should take most well-formed corpus messages"


ALL_MAIL = sorted(HERE.rglob("*.eml"))


def test_every_test_message_with_message_parts_parses_as_the_stdlib_parses_it():
    assert len(ALL_MAIL) > 300
    answered = with_messages = 0
    for path in ALL_MAIL:
        raw = path.read_bytes()
        for variant in (raw, raw.replace(b"\r\n", b"\n"), raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")):
            if same_as_stdlib(variant):
                answered += 1
                with_messages += any(p.get_content_maintype() == "message" for p in fastsplit.parse(variant).walk())
    assert answered > 500
    assert with_messages > 30


@pytest.mark.parametrize(
    "raw",
    [
        b"Content-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nx\r\n",
        b"Content-Type: message/rfc822\r\n\r\n\r\nno headers inside\r\n",
        b"Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nx\r\n",
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n'
        b"Subject: in\r\n\r\nx\r\n\r\n--b--\r\n",
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n'
        b'Content-Type: multipart/alternative; boundary="c"\r\n\r\n--c\r\n\r\nx\r\n--c--\r\nepi\r\n\r\n--b--\r\n',
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n'
        b'Content-Type: multipart/alternative; boundary="c"\r\n\r\n--c\r\n\r\nx\r\n--c--\r\n--b--\r\n',
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: message/partial\r\n\r\n'
        b"Content-Type: message/rfc822\n\nX: y\n\nbody\n\n--b--\n",
    ],
)
def test_message_parts_parse_as_the_stdlib_parses_them(raw):
    assert same_as_stdlib(raw)


DSN = "Reporting-MTA: dns; mail.example-trust.nhs.uk\r\n\r\nFinal-Recipient: rfc822; a@x.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"


@pytest.mark.parametrize(
    "body",
    [
        DSN,
        DSN + "\r\n",
        DSN + "\r\n\r\n",  # a blank line more: the stdlib makes an empty block of it
        DSN.rstrip("\r\n"),  # no line ending at the end
        "\r\n" + DSN,  # a blank line first: an empty first block
        DSN.replace("\r\n\r\n", "\r\n\r\n\r\n\r\n"),
        DSN.replace("Status: 5.1.1", "Status: 5.1.1\r\n  (continued)"),
        "",
        "\r\n",
    ],
)
@pytest.mark.parametrize("where", ["top", "part", "last part", "in a message"])
def test_delivery_reports_parse_as_the_stdlib_parses_them(body: str, where: str) -> None:
    report = "Content-Type: message/delivery-status\r\n\r\n" + body
    if where == "top":
        raw = "Subject: r\r\n" + report
    elif where == "in a message":
        raw = "Content-Type: message/rfc822\r\n\r\nSubject: r\r\n" + report
    else:
        tail = "" if where == "last part" else "\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: x\r\n"
        raw = (
            'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
            "--b\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n"
            f"--b\r\n{report}{tail}\r\n--b--\r\n"
        )
    for variant in (raw, raw.replace("\r\n", "\n")):
        assert same_as_stdlib(variant.encode()), variant


@pytest.mark.parametrize(
    "raw",
    [
        b"Subject x without a colon\r\n\r\nbody",
        b"Message removed\r\n",
        b"Message removed",
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n'
        b"This message was removed\r\nby the list.\r\n--b--\r\n",
        b"Content-Type: message/rfc822\r\n\r\nplain words\r\n\r\nX: y\r\n",
    ],
)
def test_text_that_is_no_header_block_is_all_body_as_for_the_stdlib(raw: bytes) -> None:
    assert same_as_stdlib(raw)
    assert same_as_stdlib(raw.replace(b"\r\n", b"\n"))


def test_generated_delivery_reports_parse_as_the_stdlib_parses_them() -> None:
    rng = random.Random(2026)
    fields = [
        "Reporting-MTA: dns; a.example",
        "Action: failed",
        "Status: 5.0.0",
        "Diagnostic-Code: smtp; 550 no",
        "X-Note: a\r\n\tb",
        "Arrival-Date: Mon, 1 Jan 2026 00:00:00 +0000",
    ]
    odd = ["not a field", "Content-Type: text/plain", "From x", " continuation first", ": no name"]
    taken = 0
    for _ in range(3000):
        lines: list[str] = []
        for _ in range(rng.randrange(4)):
            lines += [""] * rng.choice([0, 0, 1, 2])
            lines += rng.sample(fields, rng.randrange(1, 4))
            if rng.random() < 0.08:
                lines.insert(rng.randrange(len(lines) + 1), rng.choice(odd))
        eol = rng.choice(["\r\n", "\n"])
        body = eol.join(lines).replace("\r\n", eol) + rng.choice(["", eol, eol * 2])
        report = f"Content-Type: message/delivery-status{eol}{eol}{body}"
        if rng.random() < 0.5:
            raw = f"Subject: r{eol}{report}"
        else:
            raw = (
                f'Content-Type: multipart/report; boundary="b"{eol}{eol}--b{eol}{report}{eol}'
                + rng.choice(["", f"--b{eol}{eol}text{eol}"])
                + f"--b--{eol}"
            )
        taken += same_as_stdlib(raw.encode())
    assert taken > 2000


def test_a_unix_from_line_first_is_kept_as_the_stdlib_keeps_it():
    answered = 0
    for path in ALL_MAIL:
        raw = path.read_bytes()
        for head in (b"From someone Mon Jan 1 00:00:00 2026\r\n", b"From x\n", b"From \r\n"):
            answered += same_as_stdlib(head + raw)
    for raw in (b"From x\r\n\r\nbody", b"From x\r\n", b"From x\nSubject: a\n\nb", b"From x\r\n Subject: a\r\n\r\nb"):
        answered += same_as_stdlib(raw)
    assert answered > 500
    assert fastsplit.parse(b"From someone Mon Jan 1 00:00:00 2026\r\nSubject: x\r\n\r\nbody").get_unixfrom() == (
        "From someone Mon Jan 1 00:00:00 2026"
    )


def test_a_message_with_attachments_takes_the_fast_path():
    raw = build_message("Body text\r\n", attachments=[("a.csv", "text/csv", b"a,b\r\n1,2\r\n"), ("b.bin", "application/octet-stream", b"\x00\x01")])
    assert same_as_stdlib(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"From a\r\nFrom b\r\nSubject: x\r\n\r\nbody",  # a second unix from line
        b"Subject: x\r\nFrom b\r\n\r\nbody",  # a unix from line among the headers
        b"From someone Mon Jan 1 00:00:00 2026",  # nothing but a unix from line
        b"Subject: x\rTo: y\r\r\nbody",  # bare CR
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n--b\r\n\r\nx\r\n--b--\r\n',  # double boundary
        b'Content-Type: multipart/digest; boundary="b"\r\n\r\n--b\r\n\r\nSubject: in\r\n\r\nx\r\n--b--\r\n',
        b"Content-Type: message/rfc822\r\n\r\nFrom x\r\nSubject: in\r\n\r\nx\r\n",  # unix from inside
        b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; a\r\nnot a field\r\n",
        b"Content-Type: message/delivery-status\r\n\r\nContent-Type: text/plain\r\n\r\nStatus: 5.0.0\r\n",
        b"Content-Type: message/delivery-status\r\n\r\nFrom x\r\nStatus: 5.0.0\r\n",
        b"Subject: x\r\nnot a field\r\n\r\nbody",  # a field, then a line that is none
        b"Content-Type: multipart/mixed\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n",  # no boundary parameter
    ],
)
def test_what_it_cannot_mirror_goes_to_the_stdlib(raw):
    assert fastsplit.parse(raw) is None


_content = st.lists(
    st.sampled_from(["", "text", "--bb", "--c", " --b", "X: y", "=3D", "--b--trailing", "\tx", "--"]), max_size=4
)
_eol = st.sampled_from(["\r\n", "\n"])


@st.composite
def _part(draw, eol: str, depth: int) -> list[str]:
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(
            ["Content-Type: text/plain", "X-A: b", "Content-Disposition: attachment", "Content-Type: message/rfc822"]
        )))
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        inner = "c" if depth == 0 else "d"
        lines += [f'Content-Type: multipart/alternative; boundary="{inner}"', ""]
        lines += draw(_multipart_lines(eol, inner, depth + 1))
        return lines
    if depth < 2 and draw(st.integers(0, 4)) == 0:  # an attached message, itself a part or a multipart
        lines += ["Content-Type: message/rfc822", "", "Subject: enclosed"]
        return lines + draw(_part(eol, depth + 1))
    lines.append("")
    lines += draw(_content)
    return lines


@st.composite
def _multipart_lines(draw, eol: str, boundary: str, depth: int) -> list[str]:
    lines = draw(_content)  # preamble
    for _ in range(draw(st.integers(0, 3))):
        lines.append(f"--{boundary}" + draw(st.sampled_from(["", " ", "\t"])))
        lines += draw(_part(eol, depth))
    if draw(st.integers(0, 5)):
        lines.append(f"--{boundary}--")
    lines += draw(_content)  # epilogue
    return lines


@st.composite
def mime_texts(draw) -> bytes:
    eol = draw(_eol)
    head = f'Subject: t{eol}Content-Type: multipart/mixed; boundary="b"{eol}{eol}'
    if draw(st.booleans()):
        head = f"From someone Mon Jan  1 00:00:00 2026{eol}" + head
    body = eol.join(draw(_multipart_lines(eol, "b", 0)))
    if draw(st.booleans()):
        body += eol
    return (head + body).encode()


@given(mime_texts())
@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_multiparts_parse_as_the_stdlib_parses_them(raw):
    same_as_stdlib(raw)


def test_the_generated_messages_mostly_take_the_fast_path():
    taken = []

    @given(mime_texts())
    @settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def run(raw):
        taken.append(fastsplit.parse(raw) is not None)

    run()
    assert sum(taken) > len(taken) // 6  # the rest are the malformed cases it must decline


# A multipart without its closing boundary, or without its first one (or with only a
# closing one), at the top or nested: read as the stdlib reads it, its defect noted.
@pytest.mark.parametrize(
    "raw",
    [
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\none\r\n',
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\npre\r\n--b\r\n\r\none\r\n--b\r\nSubject: t\r\n\r\ntwo',
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\nno boundary at all\r\n',
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\nbefore\r\n--b--\r\nafter\r\n',
        b'Content-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\nContent-Type: multipart/alternative; boundary="i"\r\n'
        b"\r\n--i\r\n\r\ninner, never closed\r\n\r\n--o\r\n\r\nsecond\r\n--o--\r\n",
        b'Content-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\nContent-Type: multipart/alternative; boundary="i"\r\n'
        b"\r\nno inner boundary\r\n--o--\r\nend\r\n",
        b'Content-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\nContent-Type: multipart/alternative; boundary="i"\r\n'
        b"\r\n--i\r\n\r\nneither closed\r\n",
    ],
)
def test_a_multipart_missing_a_boundary_is_read_as_the_stdlib_reads_it(raw):
    for variant in (raw, raw.replace(b"\r\n", b"\n")):
        assert same_as_stdlib(variant), variant


# Headers and no body, no blank line after them: a message, a part, an attached message.
@pytest.mark.parametrize(
    "raw",
    [
        b"Subject: only headers\r\nTo: someone@example.org\r\n",
        b"Subject: no line end at the end\r\nX-Folded: a\r\n b",
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b\r\n\r\nx\r\n--b--\r\n',
        b"Content-Type: message/rfc822\r\n\r\nSubject: inner, headers only\r\n",
        b'Content-Type: multipart/mixed; boundary="b"\r\n',
    ],
)
def test_headers_without_a_body_are_read_as_the_stdlib_reads_them(raw):
    for variant in (raw, raw.replace(b"\r\n", b"\n")):
        assert same_as_stdlib(variant), variant
