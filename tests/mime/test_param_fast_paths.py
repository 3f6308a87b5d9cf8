"""The structure-field readings of dlpgate.mime.headers give what the stdlib's give.

``get_param``, ``get_filename``, ``get_boundary``, ``get_content_type``,
``get_content_disposition`` and ``get_text`` read a field's first value from
``raw_index`` and split its parameters once per part; each must give what the
``email.message.Message`` method it stands for gives (or raise what it
raises), with and without the index, on every part of every test message
(tests/**/*.eml, parsed by the stdlib and by fastsplit) and on seeded
Content-Type and Content-Disposition fields: RFC 2231 continuations and
charset'language' values, quoting and escaped quotes, ";" inside quotes,
folding, 8-bit bytes, encoded words, bare and repeated parameters.

``filename``, ``filenames``, ``charset``, ``disposition`` and ``content_type``
must give what they gave when they asked the Message (the earlier code, kept
below), and fastsplit's own index must be ``raw_index`` of the message it built.
"""

from __future__ import annotations

import email
import email.policy
import random
from collections.abc import Callable
from email.message import Message
from email.parser import BytesParser
from pathlib import Path

from dlpgate.mime import fastsplit
from dlpgate.mime import headers as H

TESTS = Path(__file__).resolve().parents[1]

PARAMS = ("name", "filename", "charset", "boundary", "smime-type", "NAME", "FileName", "name*", "x", "",
          "text/plain", "format", "type")
HEADERS = ("content-type", "content-disposition", "Content-Type", "x-missing")


# --- the earlier code, which asked the Message -----------------------------------


def _filename_before(part: Message) -> str:
    # An RFC 2231 value is read as decode_text reads its bytes under its label (rfc2231_text):
    # UTF-8 under "iso-8859-1" as UTF-8, where the standard library reads Latin-1.
    try:
        name: object = part.get_param("filename", None, header="content-disposition")
        if name is None:
            name = part.get_param("name", header="content-type")
        if name is not None:
            name = H.rfc2231_text(name).strip()  # type: ignore[arg-type]
    except Exception:
        return ""
    if not name:
        return ""
    return H.decode_header_value(str(name))


def _filenames_before(part: Message) -> list[str]:
    out: list[str] = []
    for param, header in (("filename", "content-disposition"), ("name", "content-type")):
        try:
            value = part.get_param(param, None, header=header)
            if isinstance(value, tuple):
                value = H.rfc2231_text(value)
        except Exception:
            continue
        if value:
            text = H.decode_header_value(str(value))
            if text and text not in out:
                out.append(text)
    index = H.raw_index(part)
    for header in ("content-disposition", "content-type"):
        for raw in index.get(header, []):
            for m in H._NAME_PARAM.finditer(H.unfold(raw)):
                text = H._param_text(m.group(1), m.group(2))
                if text and text not in out and not any(text in seen for seen in out):
                    out.append(text)
    return out


def _content_type_before(part: Message) -> str:
    try:
        ctype = part.get_content_type()
    except Exception:
        return "text/plain"
    return ctype if isinstance(ctype, str) else "text/plain"


def _charset_before(part: Message) -> str | None:
    try:
        cs = part.get_param("charset", header="content-type")
    except Exception:
        return None
    if cs is None:
        return None
    if isinstance(cs, tuple):
        cs = cs[2]
    cs = H._fix_8bit(str(cs)).strip().strip("\"'")
    return cs or None


def _disposition_before(part: Message) -> str:
    try:
        return (part.get_content_disposition() or "").lower()
    except Exception:
        return ""


# --- comparison ----------------------------------------------------------------


def _outcome(call: Callable[..., object], *args: object, **kwargs: object) -> tuple[str, object]:
    try:
        return "value", call(*args, **kwargs)
    except Exception as exc:  # the same exception type must come out of both
        return "raises", type(exc)


_MISSING = object()


def _text_of(part: Message, name: str) -> str | None:
    value = part.get(name)
    return None if value is None else str(value)


def check_part(
    part: Message, params: tuple[str, ...] = PARAMS, failobjs: tuple[object, ...] = (None, _MISSING, "")
) -> None:
    """Every reading of ``part`` as the stdlib (or the earlier code) reads it."""
    for index in (None, H.raw_index(part)):
        for header in HEADERS:
            for param in params:
                for failobj in failobjs:
                    want = _outcome(part.get_param, param, failobj, header=header)
                    got = _outcome(H.get_param, part, param, header, index, failobj)
                    assert got == want, (param, header, H.raw_values(part, header))
            assert _outcome(H.get_text, part, header, index) == _outcome(_text_of, part, header), header
        assert _outcome(H.get_filename, part, index) == _outcome(part.get_filename)
        assert _outcome(H.get_boundary, part, index) == _outcome(part.get_boundary)
        assert _outcome(H.get_content_type, part, index) == _outcome(part.get_content_type)
        assert _outcome(H.get_content_disposition, part, index) == _outcome(part.get_content_disposition)
        assert H.filename(part, index) == _filename_before(part)
        assert H.filenames(part, index) == _filenames_before(part)
        assert H.content_type(part, index) == _content_type_before(part)
        assert H.charset(part, index) == _charset_before(part)
        assert H.disposition(part, index) == _disposition_before(part)


def _parts(msg: Message) -> list[Message]:
    try:
        return list(msg.walk())
    except Exception:  # a tree the stdlib cannot walk: its top part only
        return [msg]


def test_every_part_of_the_test_mail_reads_as_the_stdlib_reads_it() -> None:
    paths = sorted(TESTS.rglob("*.eml"))
    assert len(paths) > 300
    parts = 0
    for path in paths:
        raw = path.read_bytes()
        trees = [email.message_from_bytes(raw, policy=email.policy.compat32)]
        fast = fastsplit.parse(raw)
        if fast is not None:
            trees.append(fast)
        for tree in trees:
            for part in _parts(tree):
                check_part(part)
                parts += 1
    assert parts > 1000


# --- seeded fields ------------------------------------------------------------------

_MAIN = ["text/plain", "TEXT/HTML", "application/octet-stream", "multipart/mixed", "message/rfc822", "attachment",
         "inline", "Attachment", "", " ", "text", "a/b/c", " text/plain ", "text/\udce9", "x-;y", '"quoted"']
_NAMES = ["name", "NAME", "filename", "FileName", "charset", "boundary", "smime-type", "name*", "filename*",
          "name*0", "name*1", "name*0*", "name*1*", "filename*0*", "filename*1", "filename*2*", "name*10", "x",
          "Name ", " name", "na me", "", "name*x", "name**"]
_VALUES = ['"a b.pdf"', "a.pdf", '"a;b.pdf"', '"a\\"b.pdf"', '"unclosed', "utf-8''%E2%82%AC%20x.pdf",
           "iso-8859-1'en'%A3%20list.csv", "''plain", "bogus-charset''%FF%FE", "'", "''", "%41%42", "us-ascii'en'",
           '"=?utf-8?B?bmFtZS5wZGY=?="', "=?iso-8859-1?Q?caf=E9.txt?=", "caf\udce9.txt", "café.txt", "",
           '""', '"\\\\"', "utf-8", "UTF-8", '"utf-8"', "signed-data", "===b==", '"==b=="', "a=b", '"a";"b"',
           "\u20ac", '"x\udcff"', "utf-8'en'%F0%9F%98%80", "x'y'%ZZ"]
_SEPS = [";", "; ", " ;", ";\r\n\t", ";\r\n ", ";;", "; ;"]


def _field(rng: random.Random) -> str:
    out = rng.choice(_MAIN)
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(_NAMES)
        eq = rng.choice(["=", "=", " = ", "", "=="])
        out += rng.choice(_SEPS) + name + eq + (rng.choice(_VALUES) if eq else "")
    if rng.random() < 0.1:
        out += rng.choice(_SEPS)
    return out


def seeded_messages(n: int, seed: int) -> list[Message]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        lines = []
        for header in ("Content-Type", "Content-Disposition"):
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                lines.append(f"{rng.choice([header, header.lower(), header.upper()])}: {_field(rng)}")
        rng.shuffle(lines)
        raw = ("\r\n".join(lines) + "\r\n\r\nbody\r\n").encode("utf-8", "surrogateescape")
        # Headers only: a multipart whose parameters break the stdlib's RFC 2231 decoder
        # stops the full parse (fastsplit's and the stdlib's alike) at its boundary.
        out.append(BytesParser(policy=email.policy.compat32).parsebytes(raw, headersonly=True))
        try:
            fast = fastsplit.parse(raw)
        except Exception:
            continue
        if fast is not None:
            out.append(fast)
    return out


def test_seeded_fields_read_as_the_stdlib_reads_them() -> None:
    messages = seeded_messages(2500, seed=5)
    assert len(messages) > 2500
    for msg in messages:
        check_part(msg, ("name", "filename", "charset", "boundary", "NAME", "x"), (None, _MISSING))


def test_a_field_set_again_is_read_again() -> None:
    msg = email.message_from_bytes(
        b'Content-Type: text/plain; name="a.txt"; charset=latin-1\r\n'
        b"Content-Disposition: attachment; filename*=utf-8''b%20c.txt\r\n\r\nx\r\n",
        policy=email.policy.compat32,
    )
    check_part(msg)
    msg.replace_header("Content-Type", 'text/html; name="d.htm"; charset=utf-8')
    del msg["Content-Disposition"]
    msg["Content-Disposition"] = 'inline; filename="e.pdf"'
    check_part(msg)
    assert H.get_filename(msg) == "e.pdf" and H.charset(msg) == "utf-8"


def test_a_message_on_another_policy_is_asked_directly() -> None:
    raw = b"Content-Type: text/plain; name*=utf-8''%C3%A9.txt\r\nContent-Disposition: attachment\r\n\r\nx\r\n"
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert H.get_filename(msg) == msg.get_filename()
    assert H.get_param(msg, "name") == msg.get_param("name")
    assert H.get_content_type(msg) == msg.get_content_type()
    assert H.get_content_disposition(msg) == msg.get_content_disposition()


def test_fastsplit_index_is_the_raw_index_of_what_it_built() -> None:
    built = 0
    for path in sorted(TESTS.rglob("*.eml")):
        text = path.read_bytes().decode("ascii", "surrogateescape")
        end = text.find("\r\n\r\n") if "\r\n\r\n" in text else text.find("\n\n")
        if end <= 0:
            continue
        try:
            msg, index = fastsplit._read_headers(text[: end + (2 if text.startswith("\r\n", end) else 1)])
        except fastsplit._Fallback:
            continue
        assert index == H.raw_index(msg), path.name
        built += 1
    assert built > 200
