"""Every state a stored row can be in, in one place.

They are ``StrEnum``s: each compares equal to the text stored in the database,
so rows written before these types existed read back unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class QuarantineState(StrEnum):
    """A held message: held -> releasing -> released; held -> deleted or expired."""

    HELD = "held"
    RELEASING = "releasing"  # claimed by one releaser, being relayed
    RELEASED = "released"
    DELETED = "deleted"
    EXPIRED = "expired"  # content dropped by retention


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # given up on


class OutboxKind(StrEnum):
    NOTICE = "notice"
    DSN = "dsn"
    COPY = "copy"


class RequestState(StrEnum):
    """A sender's release request."""

    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    SELF_RELEASED = "self_released"
    FAILED = "failed"  # a self-release the relay refused; the message stays held
