"""The renderer's quick forms give what the plain forms they stand for give.

* ``_ws_to_space`` and ``_pre_keep`` (chains of ``str.replace``) against
  ``str.translate`` with the same table, and ``_squeeze`` against
  ``re.sub(" +", " ")``, on the text of every HTML part of the test mail
  and on seeded strings (ASCII and not, runs of blanks, markers);
* the pattern that blanks digits glued to letters in links:

``html._GLUED_DIGITS`` is written to start at a digit (so the engine skips to
digits) and at a run's first digit only; its matches, substitutions and
search result must be those of ``(?<=[A-Za-z])[0-9]+|[0-9]+(?=[A-Za-z])`` on
every link of the test mail and on seeded strings of letters, digits,
separators and non-ASCII letters and digits.
"""

from __future__ import annotations

import random
import re

from dlpgate.mime.formats.html import _CELL, _GLUED_DIGITS, _LINE, _pre_keep, _squeeze, _ws_to_space, render
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


def _texts() -> list[str]:
    out = [doc for _name, doc in mail_html()]
    rng = random.Random(11)
    alphabet = [" ", "  ", "\t", "\r", "\n", "\f", "\x0b", "\x00", "\x01", "a", "é", "\u00a0", "\u2028", "\U0001f600"]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(20000)]
    out += [" " * n for n in range(70)] + ["a" + " " * 1000 + "b"]
    return out


def test_blank_helpers_give_what_translate_and_sub_give() -> None:
    ws = str.maketrans("\t\r\n\f", "    ")
    pre = str.maketrans({"\n": _LINE, "\t": _CELL})
    runs = re.compile(" +")
    texts = _texts()
    assert len(texts) > 20000
    for text in texts:
        assert _ws_to_space(text) == text.translate(ws)
        assert _pre_keep(text) == text.translate(pre)
        assert _squeeze(text) == runs.sub(" ", text)
