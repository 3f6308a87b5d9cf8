"""message/rfc822, message/global and .eml files: walked like the top-level message.

The nested message goes through the same walker at ``depth + 1``; ``where``
names it ("attached message 'referral.eml'") and prefixes everything inside.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dlpgate.types import Problem, Segment

if TYPE_CHECKING:
    from dlpgate.mime.formats import ExtractContext


def extract(data: bytes, name: str, where: str, ctx: ExtractContext) -> Iterator[Segment | Problem]:
    yield from ctx.walk_message(data, where)
