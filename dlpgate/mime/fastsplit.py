"""A fast path for email.message_from_bytes (compat32) on well-formed messages.

The stdlib parser reads a message one line at a time in Python: for a 10 MB
attachment that is 180,000 lines and most of the time spent parsing. This
module finds the MIME boundaries with one regular-expression pass per
multipart and reads each header block as the stdlib's compat32 parser does
(tests/mime/test_fastsplit_headers.py compares the two), building the very
same tree of ``email.message.Message`` objects: same headers, payload strings,
preambles and epilogues (the stdlib's rules for the line ending before a
boundary are followed).

A message/* part holds one message, read the same way; a delivery report
(message/delivery-status) holds header blocks, one message each. A text that
does not start with a header block is, as for the stdlib, all body, with its
defect noted. Everything else it cannot mirror exactly goes to the stdlib
parser (``parse`` returns None): a bare CR line ending, a Unix "From " line
anywhere but first, a header block the stdlib would flag, multipart/digest
(whose parts are messages by default), a multipart without
a boundary, with a transfer encoding, or with two boundary lines in a row. A
multipart without its first boundary, or without its closing one, is read as the
stdlib reads it, with the same defect noted. tests/mime/test_mime_fastsplit.py checks it
against the stdlib parser on every message in the test corpora.
"""

from __future__ import annotations

import re
from email import errors
from email.message import Message
from itertools import pairwise

from dlpgate.mime import headers as H

# A blank line (``\r?\n\r?\n``) found from its first line feed: a literal the engine skips to.
_BLANK_FROM_LF = re.compile(r"\n\r?\n")
_BARE_CR = re.compile(rb"\r(?!\n)")
# The stdlib's own test for a header line (feedparser.headerRE): a "From " line counts.
_STDLIB_HEADER_LINE = re.compile(r"From |[\041-\071\073-\176]*:|[\t ]")
_MAX_DEPTH = 50


class _Fallback(Exception):
    """The stdlib parser must read this message."""


def parse(raw: bytes) -> Message | None:
    """The stdlib's compat32 tree for ``raw``, or None when the stdlib must parse it."""
    if _BARE_CR.search(raw) is not None:
        return None
    text = raw.decode("ascii", "surrogateescape")
    unixfrom = None
    if text.startswith("From "):
        # An mbox envelope line first: the stdlib keeps it (without its line
        # end) as the unix-from and reads the headers after it.
        eol = text.find("\n")
        if eol < 0:
            return None
        unixfrom = text[: eol - 1 if text.startswith("\r\n", eol - 1) else eol]
        text = text[eol + 1 :]
    try:
        msg = _message(text, 0)
    except _Fallback:
        return None
    if unixfrom is not None:
        msg.set_unixfrom(unixfrom)
    return msg


# One header field: its name (printable ASCII but ":"), the colon, the blanks after it,
# then the rest of its line and its continuation lines (each starting with a blank),
# each line with its "\n".
_FIELD = r"([\041-\071\073-\176]++):[ \t]*+([^\n]*+(?:\n[ \t][^\n]*+)*+)\n"
_HEADER_FIELD = re.compile(_FIELD)
_HEADER_BLOCK = re.compile(f"(?:{_FIELD})++")


# The ``headers.raw_index`` _read_headers gathered, kept on the message it built (its
# fields are not changed after): the walker's look-ups take it rather than gather it again.
_RAW_INDEX = "_dlpgate_raw_index"


def raw_index(msg: Message) -> dict[str, list[str]]:
    """``headers.raw_index(msg)``: as fastsplit gathered it when it read the header block."""
    index = vars(msg).get(_RAW_INDEX)
    return H.raw_index(msg) if index is None else index


def _read_headers(head: str) -> tuple[Message, dict[str, list[str]]]:
    """The header block ``head`` (lines ending in "\\n") as the stdlib's compat32 parser
    stores it: (name, value) with the name up to the first colon, the value from after it
    with its leading blanks dropped, continuation lines joined with their line ends, and
    the last line end dropped (``Compat32.header_source_parse``). A block with a line
    that is neither a field's first line nor a continuation, or one the stdlib would flag (a continuation line first, a line starting with a colon),
    raises :class:`_Fallback`. With the message comes its ``headers.raw_index``,
    gathered on the way."""
    if _HEADER_BLOCK.fullmatch(head) is None:
        raise _Fallback
    msg = Message()
    index: dict[str, list[str]] = {}
    # The block is fields end to end, so the search finds each in turn.
    for name, value in _HEADER_FIELD.findall(head):
        text = value.rstrip("\r\n")
        msg.set_raw(name, text)
        key = name.lower()
        if key in index:
            index[key].append(text)
        else:
            index[key] = [text]
    msg.set_payload("")  # what a headers-only parse leaves
    setattr(msg, _RAW_INDEX, index)
    # Repeated structure fields (or boundary parameters) are read differently by
    # different clients: the walker reports them, on the stdlib's tree.
    if len(index.get("content-type", ())) > 1 or len(index.get("content-transfer-encoding", ())) > 1:
        raise _Fallback
    if (H.get_text(msg, "content-type", index) or "").lower().count("boundary") > 1:
        raise _Fallback
    return msg, index


def _blank_line(text: str) -> tuple[int, int] | None:
    """Where ``\\r?\\n\\r?\\n`` first matches in ``text`` (start, end), or None. Its leftmost
    match starts at the first line feed followed by ``\\r?\\n``, or at the CR just before."""
    m = _BLANK_FROM_LF.search(text)
    if m is None:
        return None
    start = m.start()
    if start and text[start - 1] == "\r":
        start -= 1
    return start, m.end()


def _message(text: str, depth: int, *, child: bool = False) -> Message:
    """The tree for ``text``; ``child``: a part of a multipart, whose last line ending
    belongs to the boundary after it (RFC 2046)."""
    if depth > _MAX_DEPTH:
        raise _Fallback
    index: dict[str, list[str]] = {}
    if text.startswith(("\r\n", "\n")):  # no headers at all
        msg, body = Message(), text[2 if text.startswith("\r\n") else 1 :]
    elif text and _STDLIB_HEADER_LINE.match(text) is None:
        # Not a header block at all ("Message removed" where a message was): the
        # stdlib notes the missing separator and reads everything as the body.
        msg, body = Message(), text
        msg.defects.append(errors.MissingHeaderBodySeparatorDefect())
    else:
        sep = _blank_line(text)
        if sep is None:  # headers to the end (a part of no body): all of it a header block, or the stdlib reads it
            msg, index = _read_headers(text if text.endswith("\n") else text + "\n")
            body = ""
        else:
            start, end = sep
            head_end = start + (2 if text.startswith("\r\n", start) else 1)
            msg, index = _read_headers(text[:head_end])
            body = text[end:]
    ctype = H.get_content_type(msg, index)
    maintype = ctype.split("/")[0]
    if maintype == "message":
        if ctype == "message/delivery-status":
            msg.set_payload(_status_blocks(body))
            return msg
        # What follows the headers is a message of its own (the stdlib's one child);
        # the line ending before a boundary goes from the innermost part read last.
        msg.set_payload([_message(body, depth + 1, child=child)])
    elif maintype == "multipart":
        _multipart(msg, index, ctype, body, depth)
        if child and msg.epilogue is not None:  # _multipart always sets a str
            # the stdlib keeps an empty one as None
            msg.epilogue = None if msg.epilogue == "" else _strip_eol(msg.epilogue)
    else:
        msg.set_payload(_strip_eol(body) if child else body)
    return msg


def _status_blocks(body: str) -> list[Message | str]:
    """A delivery report's body as the stdlib reads it: header blocks, each ended by a
    blank line, each a message without a body. As feedparser does, the blank line after
    a block is taken, and another blank line after it starts an empty block. A block
    with a line that is not a header field, or with a type of its own, raises
    :class:`_Fallback`. (Where it is a part, the line ending before the boundary is
    inside the last block's header value, which drops it anyway.) The blocks hold no
    parts, so they add no depth."""
    blocks: list[Message | str] = []
    pos, n = 0, len(body)
    while True:
        end = pos
        while end < n and body[end] not in "\r\n":  # the block: lines up to a blank one
            eol = body.find("\n", end)
            end = n if eol < 0 else eol + 1
        if end > pos:
            head = body[pos:end]
            block, index = _read_headers(head if head.endswith("\n") else head + "\n")
            if "content-type" in index:
                raise _Fallback  # read as a message of that type, not as a header block
        else:
            block = Message()
            block.set_payload("")
        blocks.append(block)
        if end < n:  # take the blank line
            eol = body.find("\n", end)
            end = n if eol < 0 else eol + 1
        if end >= n:
            return blocks
        pos = end


def _strip_eol(s: str) -> str:
    if s.endswith("\r\n"):
        return s[:-2]
    if s.endswith("\n"):
        return s[:-1]
    return s


def _multipart(msg: Message, index: dict[str, list[str]], ctype: str, body: str, depth: int) -> None:
    """``msg`` (its ``headers.raw_index`` and content type with it) holds the parts in ``body``."""
    boundary = H.get_boundary(msg, index)
    if boundary is None or ctype == "multipart/digest":
        raise _Fallback
    cte = H.get_text(msg, "content-transfer-encoding", index)
    if ("8bit" if cte is None else cte).lower() not in ("7bit", "8bit", "binary"):
        raise _Fallback
    marks = _delimiters(body, "--" + boundary)
    if not marks or marks[0][2]:
        # No first boundary (or only a closing one): the stdlib keeps the text before the
        # closing one (or the whole body) as the multipart's payload, its epilogue empty.
        msg.set_payload(body[: marks[0][0]] if marks else body)
        msg.epilogue = ""
        msg.defects.append(errors.StartBoundaryNotFoundDefect())
        if depth == 0:  # the stdlib's last check, of the message it returns: a multipart of no parts
            msg.defects.append(errors.MultipartInvariantViolationDefect())
        return
    close = next((i for i, m in enumerate(marks) if m[2]), None)
    if close is not None:
        marks = marks[: close + 1]
    else:  # no closing boundary: the last part runs to the end, and there is no epilogue
        marks = [*marks, (len(body), len(body), True)]

    preamble = body[: marks[0][0]]
    if preamble:
        msg.preamble = _strip_eol(preamble)

    children: list[Message | str] = []
    for (_, after, _), (nxt, _, _) in pairwise(marks):
        part = body[after:nxt]
        if not part:
            raise _Fallback  # two boundary lines in a row (the stdlib merges them), or none after the last
        children.append(_message(part, depth + 1, child=True))
    msg.set_payload(children)
    if close is None:
        msg.defects.append(errors.CloseBoundaryNotFoundDefect())
    else:
        msg.epilogue = body[marks[-1][1] :]


# After "--boundary" at the start of a line: "--" to close, blanks, the line end.
_DELIMITER_TAIL = re.compile(r"(--)?[ \t]*\r?(?:\n|\Z)")


def _delimiters(body: str, needle: str) -> list[tuple[int, int, bool]]:
    """(start, start of the next line, is closing) of each boundary line, found
    with str.find (a line-anchored regular expression is slow on long bodies)."""
    out = []
    pos = 0
    while (i := body.find(needle, pos)) >= 0:
        if i == 0 or body[i - 1] == "\n":
            m = _DELIMITER_TAIL.match(body, i + len(needle))
            if m:
                out.append((i, m.end(), bool(m.group(1))))
        pos = i + 1
    return out
