"""One recogniser for the 10-digit health numbers: NHS, CHI and H&C.

The schemes differ only in their ranges, check digits, groupings and words: a
:class:`dlpgate.detectors.numbers.SchemeSpec` each (``numbers.SCHEMES``).
Finding and weighing are shared (:func:`dlpgate.detectors.numbers.analyse`,
run once per segment of a message for all three detectors); a detector module adds its NAME,
options and the finding kinds it emits.

Every candidate that passes its scheme's checks is reported, with a confidence
from the evidence for and against it; rules decide with ``min_confidence``.
Findings are one per (place, confidence, category), so a rule can count just
the instances at or above its threshold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dlpgate.detectors import health_terms
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.numbers import (
    CATEGORIES,
    CONTEXT_CASE_SENSITIVE,
    CONTEXT_WORDS,
    LUHN,
    MAX_EVIDENCE,
    MOD11,
    OTHER_ID,
    OTHER_LABEL,
    PRIOR,
    SCHEMES,
    TEST,
    Analysis,
    SchemeSpec,
    analyse,
    classify,
    confidence,
    find_candidates,
    mask,
    person_named_beside,
    rounds_to,
    scottish_mail,
)
from dlpgate.detectors.spans import Span
from dlpgate.detectors.trade import explained as trade_explained
from dlpgate.detectors.trade import health_or_person, trade_entries
from dlpgate.mime.errors import InspectionTimeout
from dlpgate.types import DetectorContext, Finding, ParsedMessage

__all__ = ["CATEGORIES", "RETIRED", "NumberDetector", "Scheme", "build_scheme"]

#: Options of the old per-scheme detectors that no longer exist, with what replaces them.
RETIRED: Mapping[str, str] = {
    "base_confidence": "no longer used: each number's confidence now comes from the evidence around it; "
    "set min_confidence on the rule instead",
    "context_confidence": "no longer used: each number's confidence now comes from the evidence around it; "
    "set min_confidence on the rule instead",
    "luhn_confidence": "no longer used: a Luhn-only CHI number needs CHI or patient context; "
    "set min_confidence on the rule instead",
}


@dataclass(frozen=True)
class Scheme:
    """A detector over one health number: its name (= finding kind), label and options."""

    name: str
    description: str
    defaults: Mapping[str, Any]

    @property
    def spec(self) -> SchemeSpec:
        return SCHEMES[self.name]


def shared_analyses(message: ParsedMessage, window: int, today: date | None) -> list:
    """The per-segment analyses of this message for (window, today), shared by the three detectors.

    Kept on the message itself (``ParsedMessage.shared``), so they live exactly as
    long as the inspection: the first detector fills a slot, the others read it.
    """
    shared = getattr(message, "shared", None)  # a message-like object without it: nothing shared
    key = f"numbers.analyse {window} {today}"
    kept = shared.get(key) if shared is not None else None
    # Kept with the segments they were made from (a copy of the message with other segments
    # would otherwise read them).
    if isinstance(kept, tuple):
        segments, results = kept
        if segments is message.segments and isinstance(results, list):
            return results
    results = [None] * len(message.segments)
    if shared is not None:
        shared[key] = (message.segments, results)
    return results


class NumberDetector:
    def __init__(self, scheme: Scheme, *, test_range: bool, luhn: bool, window: int,
                 internal_domains: tuple[str, ...] = ()) -> None:
        self.name = scheme.name
        self.kind = scheme.name
        self._test_range = test_range
        self._luhn = luhn
        self._window = window
        self._internal = internal_domains

    def _accept(self, rule: str) -> bool:
        if rule == TEST:
            return self._test_range
        if rule == LUHN:
            return self._luhn
        return True

    def _flags(self, digits: str) -> bool:
        """Ten digits pass this detector's scheme's checks, by a rule it reports."""
        found = classify(digits)
        return found is not None and found[0] == self.kind and self._accept(found[1])

    def spans(self, text: str) -> list[Span]:
        """Where this detector's numbers are in ``text``: candidates that pass its checks,
        phone numbers (by their prefix or a cue) left out."""
        return [Span(c.start, c.end, self.kind) for c in find_candidates(text, self._flags)]

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        """Pure: read the message, return findings. Never includes detected values."""
        results = self._analyses(message, deadline)
        if not any(result.by_scheme.get(self.kind) for result in results):
            return []  # no number of this scheme in any part (most messages): nothing below can add one
        # Digits the message writes as another thing's number (after an order's or an
        # invoice's label) are that number wherever they stand without a label: in the
        # subject, in a file name ("PO 4526018155" in the body, "4526018155.pdf" attached).
        explained, weakly = _explained(results)
        # Numbers another part shows only rounded ("4.01E+09") in a column of another thing's
        # ("Catalogue no"): the same number spelled out here is one of those things, when no
        # part speaks for patients and nothing around it does (numbers.Analysis.rounded).
        rounded = (frozenset().union(*(r.rounded for r in results))
                   if any(r.rounded for r in results) and not any(r.patients for r in results) else frozenset())
        # Bare numbers of a supplier's mail, or of a bounce's returned headers (detectors.trade).
        trade = trade_entries(message, results, self._internal)
        slots = _Slots()
        for n, (segment, result) in enumerate(zip(message.segments, results, strict=True)):
            found = result.by_scheme.get(self.kind)
            if not found:
                continue
            where = segment.where
            moved: dict[tuple[str, float], int] = {}
            masks: set[str] = set()
            traded = trade.get(n, frozenset())
            for entry in result.unlabelled if explained or traded or rounded else ():
                scheme, rule, conf, digits, _form = entry
                other = explained.get(digits)
                if other is None and rounded and rounds_to(digits, rounded):
                    other = (confidence(PRIOR[(scheme, rule)] + OTHER_LABEL), OTHER_ID)
                    weak = True
                else:
                    weak = digits in weakly
                if other is not None and (
                        weak and (conf > confidence(PRIOR[(scheme, rule)]) or person_named_beside(segment.text, digits))
                        or person_named_beside(segment.text, digits, closely=True)):
                    # evidence for it where it stands (a context word, a person beside it); a
                    # name written against it speaks for a person whatever labels it elsewhere
                    other = None
                if other is None and entry in traded:
                    other = trade_explained(entry)
                if scheme == self.kind and other is not None and (rule == MOD11 or self._accept(rule)):
                    moved[(rule, conf)] = moved.get((rule, conf), 0) + 1
                    masks.add(mask(digits))
                    slots.add((where, other[0], other[1]), 1, (mask(digits),))
            for rule, conf, category, count, evidence in found:
                if rule != MOD11 and not self._accept(rule):
                    continue
                if not category and (rule, conf) in moved:
                    count -= moved[(rule, conf)]
                    evidence = tuple(e for e in evidence if e not in masks)
                if count > 0:
                    slots.add((where, conf, category), count, evidence)
        return [
            Finding(
                detector=self.name,
                kind=self.kind,
                where=where,
                count=count,
                confidence=conf,
                evidence=tuple(evidence),
                category=category,
                identifies_patient=True,
            )
            for (where, conf, category), (count, evidence) in slots.items()
        ]

    def _analyses(self, message: ParsedMessage, deadline: float | None) -> list[Analysis]:
        """Every segment's analysis, shared with the other number detectors."""
        today = getattr(message, "date", None)
        today = today if isinstance(today, date) else None
        results = shared_analyses(message, self._window, today)
        support = None
        for n, segment in enumerate(message.segments):
            if deadline is not None and n % 64 == 0 and message.clock() > deadline:
                raise InspectionTimeout("inspection time limit reached")
            if results[n] is None:
                support = support or lone_support(message, self._internal, self._window)
                # (an export's records read again as a table: their numbers are the file's text's)
                results[n] = analyse("" if segment.records else segment.text, segment.tabular, self._window, today, deadline, message.clock,
                                     support)
        if support is not None:  # (filled now, not by a detector before this one)
            self._siblings_elsewhere(message, results, today, deadline, support)
        return results

    def _siblings_elsewhere(self, message: ParsedMessage, results: list[Analysis], today: date | None,
                            deadline: float | None, support: Callable[[str, int, int], bool]) -> None:
        """A part's bare numbers read again with the numbers of their form that the message's
        other parts name as another thing's (its Subject "RE: [Ticket#...] printer jam"), as
        siblings named in their own text are (numbers._named_siblings); not when any part
        speaks for patients (a health number's or a patient's label, a list of their numbers)."""
        if not any(r.named for r in results) or any(r.patients for r in results):
            return
        # how many parts name each number of each form: once for the message, not once a part
        parts: dict[str, Counter[str]] = {}
        for result in results:
            for form, digits in result.named.items():
                parts.setdefault(form, Counter()).update(digits)
        for n, result in enumerate(results):
            if not result.unlabelled:
                continue
            # the numbers of each form the other parts name (not this part's own)
            own = result.named
            elsewhere = {form: others for form, counted in parts.items()
                         if (others := frozenset(d for d, k in counted.items() if k > (d in own.get(form, ()))))}
            if not any(elsewhere.get(form, frozenset()) - {digits} for _s, _r, _c, digits, form in result.unlabelled):
                continue
            segment = message.segments[n]
            results[n] = analyse("" if segment.records else segment.text, segment.tabular, self._window, today, deadline,
                                 message.clock, support, elsewhere)


def _explained(results: list[Analysis]) -> tuple[dict[str, tuple[float, str]], set[str]]:
    """Digits the message's parts write after another thing's label, with how they were
    counted there, and those of them whose label is known only by its shape ("RE: [SR#4526018155]
    scanner"): those explain the same digits elsewhere only when no part speaks for patients
    (Analysis.patients) and nothing around them speaks for one (NumberDetector.detect)."""
    explained: dict[str, tuple[float, str]] = {}
    weakly: set[str] = set()
    for result in results:
        for digits, labelled in result.explained.items():
            if digits not in explained or (digits in weakly and digits not in result.weakly):
                explained[digits] = labelled
                if digits in result.weakly:
                    weakly.add(digits)
                else:
                    weakly.discard(digits)
    if weakly and any(result.patients for result in results):
        for digits in weakly:
            del explained[digits]
        weakly.clear()
    return explained, weakly


def lone_support(message: ParsedMessage, internal: Iterable[str], window: int) -> Callable[[str, int, int], bool]:
    """What the message says for a CHI written alone (numbers._lone_chis) beyond the text
    it stands in: the mail is Scotland's health service's (an address at its domains: the
    sender's, a recipient's, the organisation's own; its names in any part), or within
    ``window`` characters of it stand health terms, or words of a person or of anyone's
    health ("she is on the ward": detectors.trade). Read only when such a number is found."""
    scottish: list[bool] = []

    def support(text: str, start: int, end: int) -> bool:
        if not scottish:
            addresses = (*message.from_, *message.to, *message.cc, *(f"@{d}" for d in internal))
            scottish.append(scottish_mail((s.text for s in message.segments), addresses))
        if scottish[0]:
            return True
        near = text[max(0, start - window):min(len(text), end + window)]
        return health_or_person(near) or bool(health_terms.shipped().spans(near))

    return support


class _Slots(dict[tuple[str, float, str], list]):
    """Findings being counted: (where, confidence, category) -> [count, masked evidence]."""

    def add(self, key: tuple[str, float, str], count: int, evidence: Iterable[str]) -> None:
        slot = self.get(key)
        if slot is None:
            slot = self[key] = [0, []]
        slot[0] += count
        slot[1] += [e for e in evidence if e not in slot[1]][: MAX_EVIDENCE - len(slot[1])]


def build_scheme(scheme: Scheme, options: Mapping[str, Any], ctx: DetectorContext) -> NumberDetector:
    opts = {**scheme.defaults, **options}
    for key in options:
        if key in RETIRED:
            raise DetectorConfigError(f"detectors.{scheme.name}.{key}: {RETIRED[key]}")
    window = int(opts["context_window"])
    if window < 0:
        raise DetectorConfigError(f"detectors.{scheme.name}.context_window: must be >= 0, got {window}")
    return NumberDetector(
        scheme,
        test_range=bool(opts.get("test_range", False)),
        luhn=bool(opts.get("luhn", True)),
        window=window,
        internal_domains=tuple(ctx.internal_domains),
    )


# The words the context check reads, for tests and documentation.
CASE_SENSITIVE_KEYWORDS = CONTEXT_CASE_SENSITIVE
KEYWORDS = CONTEXT_WORDS
