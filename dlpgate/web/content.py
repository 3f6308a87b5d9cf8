"""Held content for a reviewer: findings highlighted, the rest of the data masked.

The scheme, kept simple so that it is honest about what it hides:

- highlighted (shown, in <mark>): numbers that pass the NHS, CHI or H&C checks,
  and health terms from the configured lexicon: what the detectors flagged;
- masked outside those spans: every other digit (dates, phone numbers, other
  identifiers) becomes "•", and the local part of every email address too;
- everything else (words, layout) is shown as it is.

"Show unmasked" is a second, separately audited step that shows all of it.
The spans are found again, on the same extracted text the detectors read, by
the configured detectors themselves (dlpgate.detectors.spans); findings carry
no offsets (they never hold values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from dlpgate import mime, pipeline
from dlpgate.config import Settings
from dlpgate.detectors.spans import Span, flagged_spans

MAX_CHARS = 200_000  # per part shown; the rest is cut with a note
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+'-]+(@[\w-]+(?:\.[\w-]+)+)")


@dataclass(frozen=True)
class ShownPart:
    where: str
    html: Markup
    highlights: int
    cut: bool


class Highlighter:
    def __init__(self, settings: Settings):
        self.detectors = pipeline.build_detectors(settings)

    def spans(self, text: str) -> list[Span]:
        return flagged_spans(self.detectors, text)

    def render(self, text: str, unmasked: bool) -> tuple[Markup, int, bool]:
        cut = len(text) > MAX_CHARS
        text = text[:MAX_CHARS]
        spans = self.spans(text)
        out: list[str] = []
        pos = 0
        for span in spans:
            out.append(_plain(text[pos:span.start], unmasked))
            out.append(f"<mark>{escape(text[span.start:span.end])}</mark>")
            pos = span.end
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
