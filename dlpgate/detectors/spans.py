"""Where in a text the detectors find what they report.

Findings carry no offsets (they never hold values). A detector that can say
where it found something offers ``spans(text)``, computed by the same code its
``detect`` uses, so that what the console highlights and what a notice masks
in a Subject is exactly what the detector would report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive
    kind: str  # the finding kind it would count towards


@runtime_checkable
class SpanSource(Protocol):
    def spans(self, text: str) -> list[Span]: ...


def flagged_spans(detectors: Iterable[object], text: str) -> list[Span]:
    """What every detector that offers spans finds in ``text``, in order, without overlaps
    (where two overlap, the one starting first wins, then the longer)."""
    found = [span for d in detectors if isinstance(d, SpanSource) for span in d.spans(text)]
    found.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
