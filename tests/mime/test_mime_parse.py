"""parse(): structure, naming, limits, deadline, registry hooks, robustness and speed."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlpgate.mime import InspectionTimeout, formats, parse
from dlpgate.mime.formats import ExtractContext
from dlpgate.types import Limits, ParsedMessage, Problem, Segment

NHS = "943 476 5919"


def crlf(text: str | bytes) -> bytes:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def mixed(*parts: str, boundary: str = "BB", head: str = "Subject: t\n") -> bytes:
    body = "".join(f"--{boundary}\n{p}\n" for p in parts)
    return crlf(
        f'{head}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="{boundary}"\n\n{body}--{boundary}--\n'
    )


def wheres(msg: ParsedMessage) -> list[str]:
    return [s.where for s in msg.segments]


def by_where(msg: ParsedMessage) -> dict[str, str]:
    return {s.where: s.text for s in msg.segments}


# --- detection by content type, then extension --------------------------------------


@pytest.mark.parametrize(
    ("headers", "body", "where", "tabular"),
    [
        ('Content-Type: text/csv; name="a.csv"', "h1,h2\n1,2", "attachment a.csv", True),
        ('Content-Type: application/octet-stream; name="a.csv"', "h1,h2\n1,2", "attachment a.csv", True),
        ('Content-Type: application/vnd.ms-excel; name="a.csv"', "h1,h2\n1,2", "attachment a.csv", True),
        ('Content-Type: text/plain; name="a.csv"', "h1,h2\n1,2", "attachment a.csv", True),
        ('Content-Type: text/tab-separated-values; name="a.tsv"', "h1\th2\n1\t2", "attachment a.tsv", True),
        ('Content-Type: application/octet-stream; name="a.txt"', "h1,h2", "attachment a.txt", False),
        ('Content-Type: application/octet-stream; name="a.htm"', "<b>h1</b>,h2", "attachment a.htm", False),
        ('Content-Type: text/x-unknown; name="notes.dat"', "h1,h2", "attachment notes.dat", False),
        ('Content-Type: application/json; name="a.json"', '{"h1,h2": 1}', "attachment a.json", False),
        # mislabelled: bytes are plainly text, so they are scanned anyway
        ('Content-Type: image/png; name="list.csv"', "h1,h2\n1,2", "attachment list.csv", True),
        ('Content-Type: application/x-custom; name="x.bin"', "h1,h2", "attachment x.bin", False),
        ("Content-Type: text/csv\nContent-Disposition: attachment", "h1,h2", "unnamed attachment (text/csv)", True),
    ],
)
def test_detect_format(headers: str, body: str, where: str, tabular: bool) -> None:
    msg = parse(mixed("Content-Type: text/plain\n\nhi", f"{headers}\nContent-Disposition: attachment\n\n{body}"))
    seg = next(s for s in msg.segments if s.where == where)
    assert "h1" in seg.text and seg.tabular is tabular
    # Text under a binary label (image/png) is noted as a mismatch, never held for it.
    assert not [p for p in msg.problems if p.severe]
    mismatch = headers.startswith("Content-Type: image/")
    assert [p.reason for p in msg.problems] == (["mismatch"] if mismatch else [])


@pytest.mark.parametrize(
    ("ctype", "data", "reason", "severe"),
    [
        # (pdf, xlsx, zip... have readers now: damaged ones are "corrupt", see tests/formats)
        ("application/x-msaccess", b"\x00\x01\x00\x00Standard Jet DB\x00", "unsupported", True),
        ("application/x-rar-compressed", b"Rar!\x1a\x07\x00\x00\x01", "unsupported", True),
        ("application/octet-stream", bytes(range(256)), "unsupported", True),
        ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "unsupported", False),
        ("audio/mpeg", b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(range(256)), "unsupported", False),
        ("application/pkcs7-mime", b"0\x82\x01\x00" + bytes(8), "encrypted", True),
    ],
)
def test_unsupported_and_encrypted(ctype: str, data: bytes, reason: str, severe: bool) -> None:
    b64 = base64.encodebytes(data).decode()
    msg = parse(mixed(f'Content-Type: {ctype}; name="f.bin"\nContent-Transfer-Encoding: base64\n\n{b64}'))
    assert [(p.reason, p.where, p.detail, p.severe) for p in msg.problems] == [
        (reason, "attachment f.bin", ctype, severe)
    ]


def test_pgp_signature_skipped_and_inline_pgp_flagged() -> None:
    msg = parse(
        mixed(
            "Content-Type: text/plain\n\n-----BEGIN PGP MESSAGE-----\nhQEMA\n-----END PGP MESSAGE-----",
            'Content-Type: application/pgp-signature; name="signature.asc"\n\nsig',
        )
    )
    # "sig" is not a signature: it is read as the text it is, and the label noted.
    assert [(p.reason, p.where) for p in msg.problems] == [
        ("encrypted", "message body"),
        ("mismatch", "attachment signature.asc"),
    ]
    assert by_where(msg)["attachment signature.asc"] == "sig"


# --- naming -------------------------------------------------------------------------


def test_body_naming_alternatives_and_later_bodies() -> None:
    alt = 'Content-Type: multipart/alternative; boundary="AA"\n\n--AA\nContent-Type: text/plain\n\nplain one\n--AA\nContent-Type: text/html\n\n<p>html one</p>\n--AA--'
    msg = parse(mixed(alt, "Content-Type: text/plain\n\nsecond body", "Content-Type: text/html\n\n<p>third</p>"))
    assert by_where(msg) == {
        "subject": "t",
        "message body": "plain one",
        "message body (html)": "html one",
        "message body part 2": "second body",
        "message body part 3 (html)": "third",
    }


def test_related_inside_alternative_shares_the_body_name() -> None:
    rel = 'Content-Type: multipart/related; boundary="RR"\n\n--RR\nContent-Type: text/html\n\n<p>rich</p>\n--RR--'
    alt = f'Content-Type: multipart/alternative; boundary="AA"\n\n--AA\nContent-Type: text/plain\n\nplain\n--AA\n{rel}\n--AA--'
    assert wheres(parse(mixed(alt))) == ["subject", "message body", "message body (html)"]


def test_unnamed_attached_messages_are_numbered() -> None:
    inner = "Content-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/plain\n\nbody {}"
    msg = parse(mixed(inner.format(1), inner.format(2)))
    assert by_where(msg)["attached message > message body"] == "body 1"
    assert by_where(msg)["attached message 2 > message body"] == "body 2"


def test_message_rfc822_base64_encoded() -> None:
    inner = base64.encodebytes(crlf(f"Subject: inner\nContent-Type: text/plain\n\nNHS {NHS}\n")).decode()
    msg = parse(mixed(f'Content-Type: message/rfc822; name="x.eml"\nContent-Transfer-Encoding: base64\n\n{inner}'))
    assert by_where(msg)["attached message 'x.eml' > message body"].strip() == f"NHS {NHS}"


def test_where_never_contains_subject_or_control_chars() -> None:
    name = "=?utf-8?q?evil=0D=0AInjected=09name.csv?="
    msg = parse(
        mixed(f'Content-Type: text/csv; name="{name}"\nContent-Disposition: attachment; filename="{name}"\n\na,b')
    )
    assert "attachment evil Injected name.csv" in wheres(msg)
    nested = parse(mixed(f"Content-Type: message/rfc822\n\nSubject: NHS {NHS}\nContent-Type: text/plain\n\nx"))
    assert all(NHS not in w for w in wheres(nested))
    assert by_where(nested)["attached message > subject"] == f"NHS {NHS}"


def test_preamble_and_epilogue_are_scanned() -> None:
    raw = crlf(
        'Content-Type: multipart/mixed; boundary="BB"\n\nhidden before 943 476 5919\n--BB\nContent-Type: text/plain\n\nx\n--BB--\nhidden after\n'
    )
    texts = [s.text for s in parse(raw).segments if s.where == "text outside the MIME parts"]
    assert any(NHS in t for t in texts) and any("hidden after" in t for t in texts)


def csv_part(boundary: str) -> str:
    data = base64.encodebytes(f"Name,NHS number\nA Smith,{NHS}\n".encode()).decode()
    return (
        f'--{boundary}\nContent-Type: text/csv; name="list.csv"\nContent-Transfer-Encoding: base64\n'
        f'Content-Disposition: attachment; filename="list.csv"\n\n{data}'
    )


def test_parts_outside_the_parts_are_read_as_parts() -> None:
    """A part after the closing boundary or before the first one, or after an inner
    multipart that reuses its parent's boundary, is shown by clients that split on every
    boundary line: it is decoded and read as the part it is."""
    part = csv_part("BB")
    after = crlf(f'Content-Type: multipart/mixed; boundary="BB"\n\n--BB\nContent-Type: text/plain\n\nSee attached\n--BB--\n{part}--BB--\n')
    before = crlf(f'Content-Type: multipart/mixed; boundary="BB"\n\n{csv_part("XX")}--XX--\n--BB\nContent-Type: text/plain\n\nx\n--BB--\n')
    reused = crlf(
        'Content-Type: multipart/mixed; boundary="BB"\n\n--BB\nContent-Type: multipart/alternative; boundary="BB"\n\n'
        f"--BB\nContent-Type: text/plain\n\nSee attached\n--BB--\n{part}--BB--\n"
    )
    for raw in (after, before, reused):
        got = by_where(parse(raw))
        assert NHS in got["text outside the MIME parts > attachment list.csv"], got
    # the boundary declared is not the one the parts use
    other = crlf(f'Content-Type: multipart/mixed; boundary="AA"\n\n--BB\nContent-Type: text/plain\n\nhi\n{part}--BB--\n')
    assert NHS in by_where(parse(other))["message > attachment list.csv"]


def test_quoted_printable_without_its_label_is_decoded() -> None:
    """A body written in quoted-printable whose header was lost: its soft breaks cut
    numbers. Text with an "=" of its own is left as it is."""
    qp = "Hi,=0D=0A=0D=0APlease book NHS Number 943 47=\n6 5919 for Tuesday.=0D=0AThanks=0D=0A"
    got = by_where(parse(crlf(f"Content-Type: text/plain; charset=utf-8\n\n{qp}")))["message body"]
    assert NHS in got and "=0D" not in got
    # lower-case hex, and a link's "=" a careless encoder left as it was
    qp2 = "Hi Sue,=0D=0A=0D=0ABooked: https://book.example.org/?trust=3DETH&ref=22871 for NHS =\nnumber 943 47=\n6 5919 =e2=80=99s slot.=0D=0A=0D=0AThanks=0D=0A"
    assert NHS in by_where(parse(crlf(f"Content-Type: text/plain; charset=utf-8\n\n{qp2}")))["message body"]
    for text in ("x = 1 and y=20\nz=30=\n", "see https://example.org/?a=3D&b=0A\n", "==== notes ====\n",
                 "http://x.example.com/Click?q=96-pj\nhttp://x.example.com/Click?q=ab-Zc\nhttp://x.example.com/Click?q=c0-kf\n"):
        assert by_where(parse(crlf(f"Content-Type: text/plain\n\n{text}")))["message body"] == text


def test_multipart_without_boundary_read_as_text() -> None:
    raw = crlf(f"Content-Type: multipart/mixed\n\nNHS {NHS}\n")
    msg = parse(raw)
    assert by_where(msg)["message body"].strip() == f"NHS {NHS}"
    assert all(not p.severe for p in msg.problems)


# --- limits ---------------------------------------------------------------------------


def test_segment_truncated_at_max_segment_chars() -> None:
    raw = crlf("Content-Type: text/plain\n\n" + "x" * 500)
    msg = parse(raw, Limits(max_segment_chars=100))
    assert len(by_where(msg)["message body"]) == 100
    assert [(p.reason, p.where) for p in msg.problems] == [("too_large", "message body")]


def test_max_expanded_bytes_stops_walk() -> None:
    big = 'Content-Type: text/plain; name="{}.txt"\nContent-Disposition: attachment\n\n' + "y" * 600
    msg = parse(mixed(*(big.format(i) for i in range(5))), Limits(max_expanded_bytes=1500))
    assert [p.reason for p in msg.problems] == ["too_large"]
    assert sum(w.startswith("attachment") for w in wheres(msg)) == 2


def test_too_many_parts_default_limit() -> None:
    most = Limits().max_parts
    parts = [f"Content-Type: text/plain\n\npart {i}" for i in range(most + 200)]
    msg = parse(mixed(*parts))
    assert [p.reason for p in msg.problems] == ["too_many_parts"]
    assert len(msg.segments) == 1 + most - 1


def test_depth_counts_nested_messages() -> None:
    raw = b"Content-Type: text/plain\r\n\r\ninnermost " + NHS.encode()
    for _ in range(4):
        raw = b"Subject: s\r\nContent-Type: message/rfc822\r\n\r\n" + raw
    assert any(NHS in s.text for s in parse(raw, Limits(max_depth=4)).segments)
    shallow = parse(raw, Limits(max_depth=3))
    assert [p.reason for p in shallow.problems] == ["too_deep"]
    assert not any(NHS in s.text for s in shallow.segments)


def test_absurd_multipart_nesting_does_not_crash() -> None:
    raw = b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(3000))
    raw += f"Content-Type: text/plain\r\n\r\nNHS {NHS}\r\n".encode()
    msg = parse(raw)
    assert any(NHS in s.text for s in msg.segments)
    assert msg.problems


def test_deadline() -> None:
    raw = mixed(*(f"Content-Type: text/plain\n\npart {i}" for i in range(10)))
    with pytest.raises(InspectionTimeout):
        parse(raw, deadline=time.monotonic() - 1)
    assert parse(raw, deadline=time.monotonic() + 60).segments
    assert issubclass(InspectionTimeout, Exception)


def test_deadline_checked_between_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(1000))
    monkeypatch.setattr("dlpgate.mime.walk.time.monotonic", lambda: next(clock))
    raw = mixed(*(f"Content-Type: text/plain\n\npart {i}" for i in range(10)))
    with pytest.raises(InspectionTimeout):
        parse(raw, deadline=4)


# --- registry hooks ---------------------------------------------------------------------


def test_registry_extractor_can_recurse(monkeypatch: pytest.MonkeyPatch) -> None:
    """A future container extractor hands members back through ctx.recurse."""
    seen: list[ExtractContext] = []

    def fake_zip(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
        seen.append(ctx)
        for member in data.split(b"|"):
            member_name, _, content = member.partition(b":")
            yield from ctx.recurse(content, member_name.decode(), f"{where} > {member_name.decode()}")

    monkeypatch.setitem(formats.BY_CONTENT_TYPE, "application/x-fakezip", fake_zip)
    inner_eml = crlf(f"Subject: in\nContent-Type: text/plain\n\nNHS {NHS}").replace(b"|", b"")
    payload = b"a.csv:h1,h2\n1,2|b.eml:" + inner_eml + b"|c.rar:Rar!\x1a\x07\x00"
    b64 = base64.encodebytes(payload).decode()
    msg = parse(mixed(f'Content-Type: application/x-fakezip; name="z.fz"\nContent-Transfer-Encoding: base64\n\n{b64}'))
    got = by_where(msg)
    assert got["attachment z.fz > a.csv"] == "h1,h2\n1,2"
    assert got["attachment z.fz > b.eml > message body"] == f"NHS {NHS}"
    assert [(p.reason, p.where) for p in msg.problems] == [("unsupported", "attachment z.fz > c.rar")]
    assert seen[0].depth == 0 and seen[0].content_type == "application/x-fakezip"
    assert seen[0].limits == Limits()


def test_recurse_respects_depth(monkeypatch: pytest.MonkeyPatch) -> None:
    def nest(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
        yield from ctx.recurse(data, "inner.nest", where + " >", content_type="application/x-nest")

    monkeypatch.setitem(formats.BY_CONTENT_TYPE, "application/x-nest", nest)
    msg = parse(mixed('Content-Type: application/x-nest; name="n"\n\nx'), Limits(max_depth=3))
    assert [p.reason for p in msg.problems] == ["too_deep"]


def test_extractor_exception_becomes_corrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
        yield Segment("partial text", where)
        raise ValueError("boom")

    monkeypatch.setitem(formats.BY_CONTENT_TYPE, "application/x-broken", broken)
    msg = parse(mixed('Content-Type: application/x-broken; name="b"\n\nx', "Content-Type: text/plain\n\nafter"))
    assert by_where(msg)["attachment b"] == "partial text"
    assert by_where(msg)["message body"] == "after"
    assert [(p.reason, p.where, p.detail) for p in msg.problems] == [
        ("corrupt", "attachment b", "ValueError reading application/x-broken")
    ]


def test_lookup_table() -> None:
    lk = formats.lookup
    assert lk("text/csv", "") is formats.BY_CONTENT_TYPE["text/csv"]
    assert lk("application/octet-stream", "x.ICS") is formats.BY_CONTENT_TYPE["text/calendar"]
    assert lk("application/octet-stream", "x.eml") is formats.BY_CONTENT_TYPE["message/rfc822"]
    assert lk("application/pdf", "x.txt") is formats.BY_CONTENT_TYPE["application/pdf"]  # it sniffs the bytes
    assert lk("application/x-rar-compressed", "x.txt") is None  # the walker sniffs the bytes
    assert lk("text/x-anything", "") is formats.BY_CONTENT_TYPE["text/plain"]


# --- robustness -------------------------------------------------------------------------

SEED = mixed(
    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nNHS 943 476 59=\n19",
    "Content-Type: text/html\n\n<p><b>943</b>&nbsp;476</p>",
    f"Content-Type: message/rfc822\n\nSubject: =?utf-8?b?w6k=?=\nContent-Type: text/csv\n\na,b\n{NHS},2",
    'Content-Type: application/octet-stream; name="i.ics"\nContent-Transfer-Encoding: base64\n\nREVTQ1JJUFRJT046YQ0KIGI=',
    head="Subject: =?utf-8?q?x?=\nTo: a@b.c, =?utf-8?q?d?= <d@e.f>\n",
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_never_raises_on_random_bytes(raw: bytes) -> None:
    assert isinstance(parse(raw), ParsedMessage)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_never_raises_on_mutated_message(data: st.DataObject) -> None:
    raw = bytearray(SEED)
    for _ in range(data.draw(st.integers(1, 20))):
        op = data.draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        pos = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if op == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[pos : pos + data.draw(st.integers(1, 50))]
        elif op == "dup":
            raw[pos:pos] = raw[pos : pos + data.draw(st.integers(1, 200))]
        else:
            raw[pos:pos] = data.draw(
                st.sampled_from(
                    [b"=?", b"?=", b"--BB", b"\r\n\r\n", b"<", b"=\r\n", b"\xff", b"\x00", b"boundary=", b'"']
                )
            )
    msg = parse(bytes(raw))
    assert isinstance(msg, ParsedMessage)
    for seg in msg.segments:
        assert "\r" not in seg.text and "\n" not in seg.where
    for prob in msg.problems:
        assert prob.reason in {
            "ambiguous",
            "mismatch",
            "corrupt",
            "encrypted",
            "too_deep",
            "too_large",
            "too_many_parts",
            "undecodable",
            "unknown_charset",
            "unsupported",
        }


@given(st.text(max_size=200))
def test_any_unicode_subject_round_trips(subject: str) -> None:
    from email.header import Header

    encoded = Header(subject, "utf-8").encode()
    msg = parse(crlf(f"Subject: {encoded}\nContent-Type: text/plain\n\nx"))
    assert isinstance(msg.subject, str)


# --- speed ----------------------------------------------------------------------------------


def _best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def test_speed_10mb_csv() -> None:
    rows = "".join(f"Patient {i},01/02/1970,{NHS},Ward {i % 40}\n" for i in range(260_000))
    csv = rows.encode()[: 10 * 1024 * 1024]
    b64 = base64.encodebytes(csv).replace(b"\n", b"\r\n")
    raw = mixed('Content-Type: text/csv; name="big.csv"\nContent-Transfer-Encoding: base64\n\n@@').replace(b"@@", b64)
    msg = parse(raw)
    assert len(by_where(msg)["attachment big.csv"]) == len(csv)
    assert _best_of(2, lambda: parse(raw)) < 2.0  # typically ~0.35 s; generous for slow CI


def test_speed_100kb_html() -> None:
    cell = "<tr><td><b>943</b>&nbsp;476 5919</td><td><span>Ward</span> 7 &amp; co</td></tr>\n"
    html = "<html><body><table>" + cell * (100_000 // len(cell)) + "</table></body></html>"
    raw = crlf("Content-Type: text/html; charset=utf-8\n\n" + html)
    assert _best_of(3, lambda: parse(raw)) < 0.5  # typically ~0.03 s


def _binary_docx_message(docx: bytes) -> bytes:
    head = (
        "From: a@example-trust.nhs.uk\r\nTo: b@care.example.org\r\nSubject: handover\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n'
        "--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=h.docx\r\n"
        "Content-Transfer-Encoding: binary\r\n\r\n"
    )
    return head.encode() + docx + b"\r\n--b--\r\n"


def test_a_binary_part_is_read_as_its_bytes_are_and_held_once_smtp_line_ends_changed_them() -> None:
    # Content-Transfer-Encoding binary (and 8bit): the part's bytes are the file, read as they
    # are. Over SMTP DATA (no BINARYMIME) every client, and the gateway's canonical form,
    # write each bare LF and CR as CRLF: the file the recipient gets is that one, a damaged
    # zip, held as corrupt (nothing passes unscanned) rather than read as the sender's.
    from dlpgate.canonical import canonicalize
    from tests.formats import docs

    docx = docs.docx_lib(f"Patient {NHS} has type 2 diabetes")
    assert b"\n" in docx or b"\r" in docx
    raw = _binary_docx_message(docx)
    parsed = parse(raw)
    assert any(NHS in s.text for s in parsed.segments if s.where == "attachment h.docx")
    assert not [p for p in parsed.problems if p.severe]
    relayed = parse(bytes(canonicalize(raw)))
    assert ("corrupt", "attachment h.docx") in {(p.reason, p.where) for p in relayed.problems if p.severe}
