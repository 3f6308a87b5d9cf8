"""The HTML renderer gives what the earlier renderer gave, on real mail and on tag soup.

``html_render_digests.json`` holds a digest of ``render(doc)`` (text, attribute
text, links, comments, scripts, data: URIs) as the renderer before its speed-up
made it, for every text/html part in the test mail (tests/**/*.eml) and for
3000 documents from the seeded tag-soup generator below. A change that is
meant to change rendering updates the file (``python -m
tests.formats.test_html_render_same``) and says why; any other difference is a
regression.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import random
from pathlib import Path

from dlpgate.mime.formats.html import render

TESTS = Path(__file__).resolve().parents[1]
DIGESTS = Path(__file__).resolve().parent / "data" / "html_render_digests.json"

_TAGS = ["p", "div", "br", "td", "th", "tr", "table", "li", "ul", "b", "span", "a", "img", "input", "meta",
         "script", "style", "pre", "textarea", "o:p", "v:shape", "iframe", "option", "title", "h1", "font", "X-Y"]
_ATTRS = ["alt", "title", "value", "href", "src", "content", "name", "http-equiv", "srcdoc", "style", "class",
          "ALT", "o:title", "data", "srcset", "placeholder", "aria-label", "property", "background"]
_VALUES = ["401 023 2137", "https://example.org/p?id=4010232137&x=1", "data:text/plain;base64,NDAxIDAyMyAyMTM3",
           "data:,401%20023", "#top", "cid:img1", "0; url=https://e.org/401 023 2137", "refresh", "description",
           "viewport", "a&amp;b &#52;01", "x\ny", "", "lc1VH3615", "<p>srcdoc 943 476 5919</p>", "content:'12'"]
_TEXT = ["401 023", "2137", " ", "  ", "\n", "\t", "&nbsp;", "&amp;", "&#10;", "text", "\u00a0", "&", "<", ">",
         "\r\n", "NHS", "\x00", "\x01", "é", "&lt;b&gt;", "--", "]]>"]


def _attr(rng: random.Random) -> str:
    name, value = rng.choice(_ATTRS), rng.choice(_VALUES)
    quote = rng.choice(['"', "'", ""])
    if not quote:
        value = value.replace(" ", "") or "v"
    else:
        value = value.replace(quote, "")
    return f" {name}={quote}{value}{quote}" if rng.random() < 0.9 else f" {name}"


def _piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice(_TEXT)
    if r < 0.7:
        tag = rng.choice(_TAGS)
        attrs = "".join(_attr(rng) for _ in range(rng.randint(0, 3)))
        end = rng.choice([">", ">", ">", "/>", ""])
        return f"<{tag}{attrs}{end}"
    if r < 0.85:
        return f"</{rng.choice(_TAGS)}>"
    return rng.choice([
        "<!-- 401 023 2137 -->", "<!--[if mso]><p>943 476</p><![endif]-->", "<!---->", "<!-->", "<!--", "<![CDATA[x 12]]>",
        "<![CDATA[", "<!DOCTYPE html>", "<?xml version='1.0'?>", "</ 12>", "</", "<3", "<é>", "<!", "<?",
    ])


def tag_soup(n: int = 3000, seed: int = 10) -> list[str]:
    rng = random.Random(seed)
    return ["".join(_piece(rng) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def mail_html() -> list[tuple[str, str]]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        try:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
            parts = [p for p in msg.walk() if p.get_content_type() == "text/html"]
            for i, part in enumerate(parts):
                data = part.get_payload(decode=True)
                if isinstance(data, bytes):
                    out.append((f"{path.relative_to(TESTS).as_posix()} #{i}", data.decode("utf-8", "replace")))
        except Exception:  # a message the stdlib cannot walk gives no HTML here
            continue
    return out


def digest(doc: str) -> str:
    got = render(doc)
    rec = repr((got.text, got.attributes, got.links, got.comments, got.scripts, got.data_uris))
    return hashlib.sha256(rec.encode("utf-8", "surrogatepass")).hexdigest()


def current() -> dict[str, str]:
    table = {name: digest(doc) for name, doc in mail_html()}
    table.update({f"soup {i}": digest(doc) for i, doc in enumerate(tag_soup())})
    return table


def test_rendering_is_unchanged() -> None:
    want = json.loads(DIGESTS.read_text(encoding="utf-8"))
    got = current()
    assert len([k for k in want if not k.startswith("soup")]) > 50
    changed = sorted(k for k in want if got.get(k) != want[k])
    assert not changed, f"{len(changed)} documents render differently: {changed[:10]}"


if __name__ == "__main__":
    DIGESTS.write_text(json.dumps(current(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
