"""inspect() runs external programs and reads the time only through what it is given.

A stand-in Tools object and a hand-set clock show that the verdict depends on
them alone; the real programs (tesseract, antiword) are run by the format
tests (tests/formats), and SystemTools without them is checked here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from dlpgate import config, pipeline
from dlpgate.mime.formats import doc, image
from dlpgate.mime.tools import Outcome, SystemTools, ToolResult
from dlpgate.types import Envelope
from tests.formats import docs
from tests.synthetic import nhs_numbers, spaced

N = nhs_numbers(2, seed=1414, prefix_range=(600, 799))
EXT = Envelope("dr.jones@example-trust.nhs.uk", ("someone@partner.example.org",))
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600  # the OLE header Word 97-2003 files start with
PNG = docs.png_text(["a picture"])


class HandClock:
    """A clock that moves only when told."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@dataclass
class CannedTools:
    """Tools that give fixed answers and note each call as (program, timeout)."""

    ocr_result: ToolResult = ToolResult(Outcome.MISSING, detail="no OCR here")
    doc_result: ToolResult = ToolResult(Outcome.MISSING, detail="no Word reader here")
    can_ocr: bool = True
    calls: list[tuple[str, float]] = field(default_factory=list)
    clock: HandClock | None = None
    takes: float = 0.0  # seconds each call moves the clock on

    def _ran(self, program: str, timeout: float) -> None:
        self.calls.append((program, timeout))
        if self.clock is not None:
            self.clock.now += self.takes

    def ocr(self, image: bytes, timeout: float) -> ToolResult:
        self._ran("ocr", timeout)
        return self.ocr_result

    def word_doc_text(self, data: bytes, timeout: float) -> ToolResult:
        self._ran("word", timeout)
        return self.doc_result


@pytest.fixture(scope="module")
def engines():
    def build(**inspection):
        return pipeline.build_engine(config.from_mapping({"inspection": inspection}, config.PROJECT_CONFIG_DIR))

    return {"plain": build(), "ocr": build(ocr=True)}


def test_ocr_text_from_the_given_tools_is_scanned(engines):
    tools = CannedTools(ocr_result=ToolResult(Outcome.READ, f"Patient NHS No: {spaced(N[0])}"))
    v = pipeline.inspect(docs.message(("photo.png", "image/png", PNG)), EXT, engines["ocr"], tools=tools)
    assert docs.found(v, "nhs_number") == {"attachment photo.png (OCR)": 1}
    assert v.action.label == "hold"
    assert tools.calls == [("ocr", image.OCR_TIMEOUT)]


def test_word_text_from_the_given_tools_is_scanned(engines):
    tools = CannedTools(doc_result=ToolResult(Outcome.READ, f"Referral\nNHS number {N[1]}\n"))
    v = pipeline.inspect(docs.message(("old.doc", docs.OCTET, OLE_DOC)), EXT, engines["plain"], tools=tools)
    assert docs.found(v, "nhs_number") == {"attachment old.doc": 1}
    assert tools.calls == [("word", doc.TIMEOUT)]


@pytest.mark.parametrize(
    "result, problem",
    [
        (ToolResult(Outcome.MISSING, detail="antiword is not installed"), ("unsupported", "legacy Word .doc: antiword is not installed")),
        (ToolResult(Outcome.FAILED, detail="antiword could not read the document"), ("corrupt", "antiword could not read the document")),
    ],
)
def test_word_reader_outcomes_become_problems(engines, result, problem):
    v = pipeline.inspect(docs.message(("old.doc", docs.OCTET, OLE_DOC)), EXT, engines["plain"], tools=CannedTools(doc_result=result))
    assert [(p.reason, p.detail) for p in v.problems if p.where == "attachment old.doc"] == [problem]
    assert v.action.label == "hold"


def test_the_given_clock_sets_the_programs_time_limit_and_the_deadline(engines):
    # Deadline 12 on a clock at 0: a real monotonic clock would be long past it.
    clock = HandClock(0.0)
    tools = CannedTools(doc_result=ToolResult(Outcome.READ, "minutes of the meeting"))
    v = pipeline.inspect(docs.message(("old.doc", docs.OCTET, OLE_DOC)), EXT, engines["plain"], 12.0, tools=tools, clock=clock)
    assert v.action.label == "deliver"
    assert tools.calls == [("word", 12.0)]

    clock.now = 12.5
    with pytest.raises(pipeline.InspectionTimeout):
        pipeline.inspect(docs.message(("old.doc", docs.OCTET, OLE_DOC)), EXT, engines["plain"], 12.0, tools=tools, clock=clock)
    assert len(tools.calls) == 1  # stopped before any program ran


def test_a_program_that_runs_out_of_time_is_a_problem_before_the_deadline_and_a_timeout_after(engines):
    raw = docs.message(("old.doc", docs.OCTET, OLE_DOC))
    late = ToolResult(Outcome.TIMED_OUT, detail="antiword took too long")
    # It gave up after its own 30 s limit, with the message's deadline still ahead.
    clock = HandClock(0.0)
    tools = CannedTools(doc_result=late, clock=clock, takes=doc.TIMEOUT)
    v = pipeline.inspect(raw, EXT, engines["plain"], 100.0, tools=tools, clock=clock)
    assert [(p.reason, p.detail) for p in v.problems] == [("timeout", "antiword took too long")]
    # It was stopped by the message's deadline: the whole inspection is out of time.
    clock = HandClock(90.0)
    tools = CannedTools(doc_result=late, clock=clock, takes=10.5)
    with pytest.raises(pipeline.InspectionTimeout, match="deadline reached"):  # the parser's stop
        pipeline.inspect(raw, EXT, engines["plain"], 100.0, tools=tools, clock=clock)
    assert tools.calls == [("word", 10.0)]


def test_without_the_programs_images_and_doc_files_are_reported(engines, tmp_path):
    tools = SystemTools(path=str(tmp_path))  # a folder with no programs in it
    assert not tools.can_ocr
    v = pipeline.inspect(docs.message(("old.doc", docs.OCTET, OLE_DOC)), EXT, engines["plain"], tools=tools)
    assert [(p.reason, p.detail) for p in v.problems] == [("unsupported", "legacy Word .doc: antiword is not installed")]
    v = pipeline.inspect(docs.message(("photo.png", "image/png", PNG)), EXT, engines["ocr"], tools=tools)
    assert [(p.reason, p.detail, p.severe) for p in v.problems] == [("unsupported", "image; tesseract not installed", False)]
    scan = docs.pdf_with_image(PNG)
    v = pipeline.inspect(docs.message(("scan.pdf", "application/pdf", scan)), EXT, engines["ocr"], tools=tools)
    assert ("unsupported", "page without a text layer (scanned image); tesseract not installed") in [
        (p.reason, p.detail) for p in v.problems
    ]


def test_the_engine_finds_the_system_programs_once():
    engine = pipeline.build_engine(config.from_mapping({}, config.PROJECT_CONFIG_DIR))
    assert isinstance(engine.tools, SystemTools)
    assert engine.tools.tesseract and engine.tools.antiword  # the Makefile installs both (tests/system-packages.txt)


def test_the_system_tools_report_what_the_programs_did():
    tools = SystemTools()
    assert tools.ocr(b"not a picture", 30.0) == ToolResult(Outcome.FAILED, detail="tesseract could not read the image")
    # tesseract takes far longer than a millisecond to load its language data.
    assert tools.ocr(PNG, 0.001) == ToolResult(Outcome.TIMED_OUT, detail="OCR timed out")
    assert tools.word_doc_text(OLE_DOC, 30.0) == ToolResult(Outcome.FAILED, detail="antiword could not read the document")



def test_the_detectors_read_the_deadline_on_the_given_clock(engines):
    """Parsing and detecting share the clock inspect was given: the detectors stop on it too."""
    from dlpgate import mime

    raw = ("Subject: list\r\n\r\n" + "\r\n".join(f"{spaced(n)}, a patient seen" for n in N * 300)).encode()
    # Deadline 12 on a clock at 0: time.monotonic() is long past 12, so a detector
    # reading it instead of the given clock would stop the inspection here.
    assert pipeline.inspect(raw, EXT, engines["plain"], 12.0, clock=HandClock(0.0)).action.label == "hold"
    stopped = HandClock(100.0)
    message = mime.parse(raw, engines["plain"].limits, clock=HandClock(0.0))
    assert message.clock() == 0.0
    for detector in engines["plain"].detectors:
        assert detector.detect(message, 12.0) is not None  # on time by the message's clock
    late = mime.parse(raw, engines["plain"].limits, clock=stopped)
    number_detectors = [d for d in engines["plain"].detectors if d.name == "nhs_number"]
    with pytest.raises(pipeline.InspectionTimeout):
        number_detectors[0].detect(late, 12.0)
