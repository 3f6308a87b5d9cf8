"""The programs inspection runs and the clock it reads, handed in rather than reached for.

Inspection is pure given its inputs: what it needs from the machine - an OCR
program for pictures, a reader for Word 97-2003 files, the time - comes in as
a :class:`Tools` object and a :data:`Clock`. :class:`SystemTools` runs
Debian's tesseract and antiword as subprocesses, found on ``PATH`` once, when
it is built (``pipeline.build_engine`` builds one at start-up); tests may pass
their own.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

#: Seconds on a steady scale (``time.monotonic`` or a stand-in); deadlines are on the same scale.
Clock = Callable[[], float]


class Outcome(StrEnum):
    READ = "read"
    MISSING = "missing"  # the program is not installed
    TIMED_OUT = "timed out"
    FAILED = "failed"  # it ran and could not read the input, or could not run


@dataclass(frozen=True)
class ToolResult:
    outcome: Outcome
    text: str = ""
    #: Why there is no text, naming the program ("tesseract not installed"); "" when read.
    detail: str = ""


class Tools(Protocol):
    @property
    def can_ocr(self) -> bool:
        """Whether :meth:`ocr` can read anything (a PDF reports scanned pages otherwise)."""
        ...

    def ocr(self, image: bytes, timeout: float) -> ToolResult:
        """The text in a picture (png, jpeg, tiff, gif, bmp, webp), within ``timeout`` seconds."""
        ...

    def word_doc_text(self, data: bytes, timeout: float) -> ToolResult:
        """The text of a Word 97-2003 binary (OLE) document, within ``timeout`` seconds."""
        ...


# The programs run with a fixed, minimal environment: nothing of the gateway's leaks in.
_OCR_ENV = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}
_ANTIWORD_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}


def _run(
    argv: list[str], timeout: float, env: dict[str, str], stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes] | None:
    """The finished program, output captured; None when it ran out of time (it is killed then)."""
    try:
        return subprocess.run(argv, input=stdin, capture_output=True, timeout=timeout, check=False, env=env)
    except subprocess.TimeoutExpired:
        return None


class SystemTools:
    """tesseract and antiword from the system, located once when built."""

    def __init__(self, path: str | None = None) -> None:
        # ``path`` is searched instead of $PATH (None: $PATH).
        self.tesseract = shutil.which("tesseract", path=path)
        self.antiword = shutil.which("antiword", path=path)

    @property
    def can_ocr(self) -> bool:
        return self.tesseract is not None

    def ocr(self, image: bytes, timeout: float) -> ToolResult:
        if self.tesseract is None:
            return ToolResult(Outcome.MISSING, detail="tesseract not installed")
        try:
            done = _run([self.tesseract, "stdin", "stdout", "-l", "eng", "--psm", "3"], timeout, _OCR_ENV, image)
        except OSError as exc:
            return ToolResult(Outcome.FAILED, detail=f"tesseract could not run ({exc.__class__.__name__})")
        if done is None:
            return ToolResult(Outcome.TIMED_OUT, detail="OCR timed out")
        if done.returncode != 0:
            return ToolResult(Outcome.FAILED, detail="tesseract could not read the image")
        return ToolResult(Outcome.READ, done.stdout.decode("utf-8", "replace"))

    def word_doc_text(self, data: bytes, timeout: float) -> ToolResult:
        if self.antiword is None:
            return ToolResult(Outcome.MISSING, detail="antiword is not installed")
        # antiword reads a file, not stdin.
        fd, path = tempfile.mkstemp(suffix=".doc", prefix="dlpgate-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            done = _run([self.antiword, "-w", "0", "-m", "UTF-8.txt", path], timeout, _ANTIWORD_ENV)
        finally:
            os.unlink(path)
        if done is None:
            return ToolResult(Outcome.TIMED_OUT, detail="antiword took too long")
        if done.returncode != 0:
            return ToolResult(Outcome.FAILED, detail="antiword could not read the document")
        return ToolResult(Outcome.READ, done.stdout.decode("utf-8", "replace"))


@functools.cache
def default_tools() -> SystemTools:
    """The system's tools, for callers that were not given any (found on first use)."""
    return SystemTools()
