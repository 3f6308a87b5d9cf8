"""Captions and meeting transcripts: WebVTT (.vtt: Teams, Zoom, Stream) and SubRip (.srt).

A caption file cuts speech into timed cues: a cue number or id, a timing line
("00:00:03.120 --> 00:00:07.400 align:start"), a line or two of what was said,
the speaker in a voice tag ("<v Rachel Moss>") or written before the words
("Rachel: ..."). One sentence often runs over two cues ("The next one is Mrs
Beverley Quinn," / "who was admitted with an upper GI bleed"). Read as the
transcript it is:

* the timing lines and the cue ids go (a cue id of ten digits is no number in the
  text); so do the STYLE and REGION blocks; a NOTE's words are read;
* cue text loses its markup (``<v ...>``, ``<c.x>``, ``<i>``, ``<font ...>``,
  inline timestamps, SubRip's ``{\\an8}``), character references are decoded;
* consecutive cues of one speaker are one turn, on its own line as
  "Speaker: what was said", the voice tag's name as the speaker (a patient who
  speaks is a name in the text); cues that name no speaker continue the turn.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.mime.formats.text import decode
from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# A timing line: a start and an end time ("00:01:02.000 --> 00:01:05.500", SubRip's
# "00:00:01,000 --> 00:00:04,000"), hours optional in WebVTT, cue settings after it.
TIMING = re.compile(r"[ \t]*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]+-->[ \t]+(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}(?:[ \t][^\n]*)?")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>\n]{1,120})>", re.I)
# Other markup in a cue: WebVTT's class, italic, bold, underline, ruby, language tags and inline
# timestamps, SubRip's HTML-like tags; SubRip's (ASS) positioning codes.
_TAG = re.compile(r"</?(?:[A-Za-z][\w.-]{0,30}(?:[ \t][^<>\n]{0,200})?|\d[\d:.]{3,15})>|\{\\[^{}\n]{0,60}\}")
# A speaker written before the words: "Rachel:", "Dr Kate Lyons:", "SPEAKER 1:", "Margaret Sutton (Guest):".
_SPEAKER = re.compile(r"((?:[A-Z][\w'.-]*|\d{1,3})(?:[ \t]+(?:[A-Z][\w'.-]*|\(\w+\)|\d{1,3})){0,4}):[ \t]+(?=\S)")
_SENTENCE_END = re.compile(r"[.?!\u2026][\"'\u201d\u2019)]*$")
_TURN_BREAK = 1000  # characters: a long turn goes on a new line (its speaker again) after a sentence


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    text, problems = decode(data, where, ctx)
    yield from problems
    yield Segment(transcript(text), where)


def transcript(text: str) -> str:
    """The text of a WebVTT or SubRip file as "Speaker: words" turns, a turn a line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    turns = _Turns()
    for n, block in enumerate(_BLANK_LINES.split(text.strip("\n"))):
        lines = block.split("\n")
        first = lines[0].strip()
        if n == 0 and first.startswith("WEBVTT"):
            turns.note([first[6:].strip(" \t-")])  # a title after the signature
            lines = lines[1:]
            if not lines:
                continue
            first = lines[0].strip()
        if first.startswith(("STYLE", "REGION")) and not any(TIMING.fullmatch(line) for line in lines):
            continue  # CSS and layout
        if first.startswith("NOTE") and (len(first) == 4 or first[4] in " \t"):
            turns.note([first[4:], *lines[1:]])
            continue
        timings = [i for i, line in enumerate(lines) if "-->" in line and TIMING.fullmatch(line)]
        if not timings:
            if not (len(lines) == 1 and first.isdigit()):  # a cue number alone: nothing said
                turns.cue(lines)  # words after a blank line inside a cue
            continue
        if timings[0] > 1:
            turns.cue(lines[: timings[0] - 1])  # a cue's words before the next, no blank line between
        for k, at in enumerate(timings):
            stop = timings[k + 1] - 1 if k + 1 < len(timings) else len(lines)
            turns.cue(lines[at + 1 : max(stop, at + 1)], new=True)
    return turns.text()


class _Turns:
    """The turns of a transcript, built cue by cue."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.speaker: str | None = None
        self.words: list[str] = []

    def note(self, lines: list[str]) -> None:
        self._end()
        said = " ".join(line.strip() for line in lines if line.strip())
        if said:
            self.lines.append(said)

    def cue(self, lines: list[str], new: bool = False) -> None:
        """A cue's lines of text; ``new``: a cue of its own (else words that go on the last)."""
        said = " ".join(line.strip() for line in lines if line.strip())
        if not said:
            return
        pieces = _VOICE.split(said)  # words, then (speaker, words) for each voice tag
        self._words(None, pieces[0], new)
        for i in range(1, len(pieces) - 1, 2):
            self._words(html.unescape(pieces[i]).strip(), pieces[i + 1], True)

    def _words(self, speaker: str | None, said: str, new: bool) -> None:
        said = _TAG.sub("", said)
        if "&" in said:
            said = html.unescape(said)
        said = " ".join(said.split())
        if not said:
            if speaker is not None and speaker != self.speaker:
                self._end()
                self.speaker = speaker
            return
        if speaker is None and new:
            m = _SPEAKER.match(said)
            if m is not None:
                speaker, said = m.group(1), said[m.end() :]
        if speaker is not None and speaker != self.speaker:
            self._end()
            self.speaker = speaker
        elif self.words and sum(map(len, self.words)) >= _TURN_BREAK and _SENTENCE_END.search(self.words[-1]):
            self._end()
        self.words.append(said)

    def _end(self) -> None:
        if self.words:
            said = " ".join(self.words)
            self.lines.append(f"{self.speaker}: {said}" if self.speaker else said)
        self.words = []

    def text(self) -> str:
        self._end()
        return "\n".join(self.lines)
