"""Exceptions raised by the MIME layer."""

from __future__ import annotations


class InspectionTimeout(Exception):
    """The deadline passed to :func:`dlpgate.mime.parse` was reached.

    Raised between parts (never in the middle of decoding one), so a huge or
    hostile message cannot keep the parser busy forever.  It is the only
    exception :func:`dlpgate.mime.parse` lets out.
    """


class HeavyContent(InspectionTimeout):
    """A light parse (``light=True``) reached a part that needs more than a text reader.

    Archives, PDFs, Office files, pictures, encrypted or TNEF parts: anything
    that decompresses, runs a program or is not linear text. Raised at the first
    such part, before it is read; the caller inspects the whole message again
    without ``light`` (in an inspection thread). A kind of InspectionTimeout, so
    every guard that lets a timeout through lets this through too.
    """
