"""The pattern that blanks digits glued to letters in links matches what the plain one matched.

``html._GLUED_DIGITS`` is written to start at a digit (so the engine skips to
digits) and at a run's first digit only; its matches, substitutions and
search result must be those of ``(?<=[A-Za-z])[0-9]+|[0-9]+(?=[A-Za-z])`` on
every link of the test mail and on seeded strings of letters, digits,
separators and non-ASCII letters and digits.
"""

from __future__ import annotations

import random
import re

from dlpgate.mime.formats.html import _GLUED_DIGITS, render
from tests.formats.test_html_render_same import mail_html, tag_soup

_PLAIN = re.compile(r"(?<=[A-Za-z])[0-9]+|[0-9]+(?=[A-Za-z])")


def _inputs() -> list[str]:
    out = []
    for _name, doc in mail_html():
        out.extend(render(doc).links)
        out.extend(re.findall(r"""(?:href|src)\s*=\s*["']?([^"'>\s]+)""", doc))
    rng = random.Random(7)
    alphabet = "aZq09 5/?=&%._-+é\u0663\u00b2xX"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(30000)]
    out += tag_soup(500)
    out += ["1" * 500, "a" + "1" * 500, "1" * 500 + "a", "a1" * 200, "/12/34a/b56/"]
    return out


def test_glued_digits_match_as_before() -> None:
    inputs = _inputs()
    assert len(inputs) > 30000
    for text in inputs:
        assert (_GLUED_DIGITS.search(text) is None) == (_PLAIN.search(text) is None), text
        assert [m.span() for m in _GLUED_DIGITS.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)], text
        assert _GLUED_DIGITS.sub(" ", text) == _PLAIN.sub(" ", text), text
