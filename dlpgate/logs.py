"""Logging set-up: plain text lines, or one JSON object per line for log shippers.

A log call can carry structured fields with extra={"fields": {...}}; in JSON they
become top-level keys (and replace the text message). Fields, like every log
line, carry kinds, counts and rule names, never detected values.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict) and fields:
            out.update(fields)
        else:
            out["msg"] = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            # The type and where, not the exception's text: that could quote message content.
            out["error"] = record.exc_info[0].__name__
            out["traceback"] = "".join(traceback.format_tb(record.exc_info[2])).rstrip()
        return json.dumps(out, ensure_ascii=False, default=str)


def setup(fmt: str = "text", level: str = "info", stream=None) -> None:
    """Configure the root logger once per process (the supervisor and each worker)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # aiosmtpd logs every command at INFO, including the envelope addresses.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
