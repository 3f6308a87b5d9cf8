"""Held content for a reviewer: findings highlighted, the rest of the data masked.

The scheme, kept simple so that it is honest about what it hides:

- highlighted (shown, in <mark>): numbers that pass the NHS, CHI or H&C checks,
  and health terms from the configured lexicon: what the detectors flagged;
- masked outside those spans: every other digit (dates, phone numbers, other
  identifiers) becomes "•", and the local part of every email address too;
- everything else (words, layout) is shown as it is.

"Show unmasked" is a second, separately audited step that shows all of it.
The spans are found again here, on the same extracted text the detectors read;
findings themselves carry no offsets (they never hold values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from dlpgate import mime
from dlpgate.config import DATA_DIR, Settings
from dlpgate.detectors import health_terms
from dlpgate.detectors.checksums import chi_check, is_hc_number, is_nhs_number
from dlpgate.detectors.lexicon import load_lexicon, word_text
from dlpgate.detectors.numbers import find_candidates

MAX_CHARS = 200_000  # per part shown; the rest is cut with a note
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+'-]+(@[\w-]+(?:\.[\w-]+)+)")


@dataclass(frozen=True)
class ShownPart:
    where: str
    html: Markup
    highlights: int
    cut: bool


def _flagged_number(digits: str) -> bool:
    return is_nhs_number(digits) or is_hc_number(digits) or chi_check(digits) is not None


class Highlighter:
    def __init__(self, settings: Settings):
        opts = {**health_terms.DEFAULTS, **settings.detectors.get("health_terms", {})}
        path = Path(str(opts.get("lexicon", "lexicon/health_terms.tsv")))
        if not path.is_absolute():
            path = DATA_DIR / path  # the packaged lexicon; a configured one is already absolute
        self.automaton = None
        if opts.get("enabled", True) and path.exists():
            self.automaton = health_terms.build_automaton(load_lexicon(str(path)), labels=False)

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [(c.start, c.end) for c in find_candidates(text, _flagged_number)]
        if self.automaton is not None:
            words = " " + word_text(text)
            n = len(words)
            for end, (key_len, _entries) in self.automaton.iter(words):
                stop = end + 1
                if stop < n and words[stop] != " ":
                    if words[stop] == "s" and (stop + 1 == n or words[stop + 1] == " "):
                        stop += 1  # a plural, as the detector reads it
                    else:
                        continue
                start = end - key_len + 1  # in `words`; the term starts at this offset in `text`
                found.append((start, stop - 1))
        found.sort(key=lambda s: (s[0], -s[1]))
        merged: list[tuple[int, int]] = []
        for s, e in found:
            if merged and s < merged[-1][1]:
                continue
            merged.append((s, e))
        return merged

    def render(self, text: str, unmasked: bool) -> tuple[Markup, int, bool]:
        cut = len(text) > MAX_CHARS
        text = text[:MAX_CHARS]
        spans = self.spans(text)
        out: list[str] = []
        pos = 0
        for s, e in spans:
            out.append(_plain(text[pos:s], unmasked))
            out.append(f"<mark>{escape(text[s:e])}</mark>")
            pos = e
        out.append(_plain(text[pos:], unmasked))
        return Markup("".join(out)), len(spans), cut


def _plain(text: str, unmasked: bool) -> str:
    if unmasked:
        return str(escape(text))
    text = _EMAIL.sub(lambda m: "•••" + m.group(1), text)
    return str(escape(_DIGIT.sub("•", text)))


def show(raw: bytes, highlighter: Highlighter, unmasked: bool) -> list[ShownPart]:
    parsed = mime.parse(raw)
    parts = []
    for seg in parsed.segments:
        html, n, cut = highlighter.render(seg.text, unmasked)
        parts.append(ShownPart(seg.where, html, n, cut))
    return parts
