"""Exceptions raised by the MIME layer."""

from __future__ import annotations


class InspectionTimeout(Exception):
    """The deadline passed to :func:`dlpgate.mime.parse` was reached.

    Raised between parts (never in the middle of decoding one), so a huge or
    hostile message cannot keep the parser busy forever.  It is the only
    exception :func:`dlpgate.mime.parse` lets out.
    """
