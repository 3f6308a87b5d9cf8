"""message/rfc822, message/global and .eml files: walked like the top-level message.

The nested message goes through the same walker at ``depth + 1``; ``where``
names it ("attached message 'referral.eml'") and prefixes everything inside.

A mailbox file (mbox: messages one after another, each after a "From " line,
as mail programs export a folder) is split, and each message is walked in
turn ("attachment export.mbox > message 2").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext

# A "From " separator line, followed by a header field: the start of a message in an mbox.
_MBOX_FROM = re.compile(rb"^From [^\r\n]*\r?\n(?=[!-9;-~]+[ \t]*:)", re.M)
_MBOX_START = re.compile(rb"\s*From ")


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    starts = [m.start() for m in _MBOX_FROM.finditer(data)] if _MBOX_START.match(data) else []
    if len(starts) < 2:
        yield from ctx.walk_message(data, where)
        return
    starts[0] = 0
    for i, (start, end) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), 1):
        ctx.check_deadline()
        yield from ctx.walk_message(data[start:end], f"{where} > message {i}")
