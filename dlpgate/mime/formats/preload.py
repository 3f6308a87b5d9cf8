"""The libraries the readers import when they are first used, loaded ahead of the first message.

A reader imports its library (extract_msg, pypdf, openpyxl, lxml...) inside the function
that needs it, so that `dlpgate scan` and the tests load only what a message calls for. A
server's worker loads those of common attachments before it says it is ready
(workers.run_worker, through pipeline.preload_readers): together they take a second or
more to import, which the first message of each kind would otherwise pay in its reply
time and its inspection time limit.

tests/formats/test_formats_preload.py checks that LIBRARIES or ON_FIRST_USE names every
library that a module of dlpgate.mime imports inside a function.
"""

from __future__ import annotations

import importlib
import warnings

LIBRARIES = (
    "PIL.Image",
    "asn1crypto.cms",
    "brotli",
    "extract_msg",
    "extract_msg.enums",
    "extract_msg.msg_classes",
    "filetype",
    "inflate64",
    "libarchive",
    "lxml.etree",
    "msoffcrypto",
    "msoffcrypto.format.ooxml",
    "mutagen",
    "mutagen.apev2",
    "mutagen.id3",
    "olefile",
    "openpyxl.styles.numbers",
    "openpyxl.utils.datetime",
    "puremagic",
    "pypdf",
    "pypdf.errors",
    "pypdf.generic",
    "python_calamine",
    "striprtf.striprtf",
    "tnefparse",
    "xlrd",
)
# Left to their first use: rare in mail, and together some 20 MB more in every worker
# (DICOM images, Office macros, 7z archives, HL7's reference tables, iWork's Snappy blocks).
ON_FIRST_USE = ("cramjam", "hl7apy", "oletools.olevba", "py7zr", "py7zr.exceptions", "py7zr.io", "pydicom", "pydicom.errors")
# Either of these, whichever this Python has (the standard library's from 3.14).
ALTERNATIVES = (("compression.zstd", "backports.zstd"),)


def preload() -> list[str]:
    """Import LIBRARIES (and one of each ALTERNATIVES); the names that could not be imported.

    A library missing here is missing at a message too: the reader that needs it reports
    the file as unreadable, and the caller says so once at start-up.
    """
    missing = [name for name in LIBRARIES if not _load(name)]
    for choices in ALTERNATIVES:
        if not any(_load(name) for name in choices):
            missing.append(choices[-1])
    return missing


def _load(name: str) -> bool:
    try:
        with warnings.catch_warnings():  # a library's own deprecation notes at import: not the gateway's
            warnings.simplefilter("ignore")
            importlib.import_module(name)
    except Exception:  # an ImportError, or a library whose shared object fails to load (OSError)
        return False
    return True
