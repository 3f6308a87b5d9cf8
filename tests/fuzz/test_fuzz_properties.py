"""Property tests: any bytes give a verdict, with no exception and no hang past
the time limit; content the parser could not read is never delivered silently
to an external recipient."""

from __future__ import annotations

import base64
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlpgate import config as config_mod
from dlpgate import mime, pipeline
from dlpgate.detectors import build_all
from dlpgate.mime.formats import BY_CONTENT_TYPE, BY_EXTENSION
from dlpgate.types import Action, DetectorContext, Envelope, ParsedMessage, Segment
from tests.synthetic import nhs_numbers, spaced

SETTINGS = config_mod.from_mapping(
    {"domains": {"internal": ["example-trust.nhs.uk"], "secure": ["nhs.net"]}}, config_mod.PROJECT_CONFIG_DIR
)
ENGINE = pipeline.build_engine(SETTINGS)
EXTERNAL = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
TIME_LIMIT = 3.0
# make test: 150 fixed examples each. A longer, random hunt: DLPGATE_FUZZ_EXAMPLES=5000.
_DEEP = int(os.environ.get("DLPGATE_FUZZ_EXAMPLES", "0"))
PROFILE = settings(
    max_examples=_DEEP or 150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=not _DEEP
)

CONTENT_TYPES = sorted(set(BY_CONTENT_TYPE) | {
    "application/octet-stream", "application/pkcs7-mime", "multipart/encrypted", "image/png",
    "message/rfc822", "text/html", "text/plain", "application/zip",
})
EXTENSIONS = sorted(set(BY_EXTENSION) | {"bin", "p7m", "eml"})
CHARSETS = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "utf-16", "x-unknown-charset", "", "utf-7", "gb2312"]
CTES = ["7bit", "8bit", "base64", "quoted-printable", "binary", "x-uuencode", "bogus"]


def inspect_checked(raw: bytes, envelope: Envelope = EXTERNAL):
    """inspect() within the time limit; a timeout is allowed (the gateway answers 451)."""
    start = time.monotonic()
    try:
        verdict = pipeline.inspect(raw, envelope, ENGINE, start + TIME_LIMIT)
    except pipeline.InspectionTimeout:
        verdict = None
    assert time.monotonic() - start < TIME_LIMIT + 2.0
    return verdict


def assert_fail_closed(verdict) -> None:
    if verdict is None:
        return
    if any(p.severe for p in verdict.problems) and verdict.external_recipients:
        assert verdict.action >= Action.HOLD, (verdict.problems, verdict.action)


@PROFILE
@given(st.binary(max_size=6000))
def test_any_bytes_give_a_verdict(raw):
    verdict = inspect_checked(raw)
    assert_fail_closed(verdict)


@st.composite
def mime_messages(draw, depth: int = 0):
    """Messages that look like MIME, with the edges of MIME damaged at random."""
    headers = [b"From: a@example-trust.nhs.uk", b"To: someone@partner.example.org"]
    if draw(st.booleans()):
        headers.append(b"Subject: " + draw(st.binary(max_size=60)).replace(b"\r", b"").replace(b"\n", b""))
    kind = draw(st.sampled_from(["single", "multipart", "nested"] if depth < 3 else ["single"]))
    if kind == "single":
        ctype = draw(st.sampled_from(CONTENT_TYPES))
        charset = draw(st.sampled_from(CHARSETS))
        cte = draw(st.sampled_from(CTES))
        body = draw(st.one_of(st.binary(max_size=1500), st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass"))))
        if cte == "base64" and draw(st.booleans()):
            body = base64.encodebytes(body)
            if draw(st.booleans()):  # broken base64
                body = body[: draw(st.integers(0, len(body)))] + b"!*%"
        headers.append(f"Content-Type: {ctype}".encode() + (f'; charset="{charset}"'.encode() if charset else b""))
        headers.append(f"Content-Transfer-Encoding: {cte}".encode())
        if draw(st.booleans()):
            ext = draw(st.sampled_from(EXTENSIONS))
            headers.append(f'Content-Disposition: attachment; filename="f.{ext}"'.encode())
        return b"\r\n".join(headers) + b"\r\n\r\n" + body
    boundary = draw(st.sampled_from(["b1", "==x==", "", "a" * 80, "b1 b2"]))
    headers.append(f'Content-Type: multipart/{draw(st.sampled_from(["mixed", "alternative", "related"]))}; boundary="{boundary}"'.encode())
    parts = draw(st.lists(mime_messages(depth + 1), max_size=4))
    out = b"\r\n".join(headers) + b"\r\n\r\npreamble\r\n"
    for part in parts:
        if kind == "nested" and draw(st.booleans()):
            part = b"Content-Type: message/rfc822\r\n\r\n" + part
        sep = draw(st.sampled_from([f"--{boundary}", f"--{boundary}", "--other", ""])).encode()
        out += sep + b"\r\n" + part + b"\r\n"
    if draw(st.booleans()):
        out += f"--{boundary}--\r\n".encode()
    return out


@PROFILE
@given(mime_messages())
def test_damaged_mime_gives_a_verdict_and_fails_closed(raw):
    verdict = inspect_checked(raw)
    assert_fail_closed(verdict)


@PROFILE
@given(mime_messages())
def test_parse_never_raises_on_damaged_mime(raw):
    parsed = mime.parse(raw, ENGINE.limits, time.monotonic() + TIME_LIMIT)
    assert isinstance(parsed, ParsedMessage)
    assert all(isinstance(s.text, str) for s in parsed.segments)


@PROFILE
@given(st.sampled_from(CONTENT_TYPES), st.sampled_from(EXTENSIONS), st.binary(max_size=3000))
def test_every_extractor_survives_any_bytes_as_an_attachment(ctype, ext, data):
    raw = (
        b'From: a@example-trust.nhs.uk\r\nTo: someone@partner.example.org\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--B\r\n"
        + f'Content-Type: {ctype}\r\nContent-Disposition: attachment; filename="file.{ext}"\r\n'.encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(data)
        + b"--B--\r\n"
    )
    verdict = inspect_checked(raw)
    assert_fail_closed(verdict)


_CTX = DetectorContext(internal_domains=("example-trust.nhs.uk",), secure_domains=("nhs.net",), config_dir=str(config_mod.DATA_DIR))
DETECTORS = build_all({}, _CTX)
NUMBERS = nhs_numbers(5, seed=61)


@PROFILE
@given(st.text(max_size=3000), st.sampled_from(NUMBERS), st.sampled_from(["", " ", "-", "\u00a0"]), st.booleans())
def test_detectors_survive_any_text_and_never_return_the_value(text, number, sep, embed):
    if embed:
        text = text[: len(text) // 2] + f" NHS number {spaced(number, sep) if sep else number} " + text[len(text) // 2 :]
    parsed = ParsedMessage(
        segments=(Segment(text, "message body"), Segment(text, "attachment x.csv", tabular=True)),
        to=("a@gmail.com", "b@hotmail.co.uk"),
        subject=text[:80],
    )
    for detector in DETECTORS:
        for finding in detector.detect(parsed):
            blob = repr(finding)
            assert number not in blob and spaced(number) not in blob and spaced(number, "-") not in blob
