"""What happened to a message, announced to whoever subscribed at start-up.

The actions say what they did (held, rewritten, refused recipients); metrics and
notices listen. Dispatch is synchronous, on the caller's thread, in subscription
order: no awaits or thread hops on the message path.

A subscriber may answer with mail to send because of the event (the notices).
The action that published commits that mail with its own work, so a held
message and its notices are on disk together, and a rewrite notice is queued
only once the rewritten copies were accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from dlpgate.types import Envelope, Verdict

if TYPE_CHECKING:
    from dlpgate.store import Outgoing


@dataclass(frozen=True, slots=True)
class VerdictReached:
    """A message was decided and acted on; `reply` is what the upstream is told."""

    envelope: Envelope
    verdict: Verdict
    size: int
    reply: str


@dataclass(frozen=True, slots=True)
class MessageTempfailed:
    """A message was answered 451: inspection busy, slow or failed, or its action failed."""

    reason: str
    size: int


@dataclass(frozen=True, slots=True)
class MessageHeld:
    """A message is being committed to the quarantine as `qid`."""

    qid: str
    envelope: Envelope
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class MessageRewritten:
    """A message's recipients were hidden from each other (`mode`: "bcc" or "split") before relaying."""

    envelope: Envelope
    verdict: Verdict
    mode: str


@dataclass(frozen=True, slots=True)
class RecipientsRefused:
    """The downstream refused some recipients of a message for good (or the outbox gave up on them)."""

    envelope: Envelope
    refused: Mapping[str, tuple[int, str]]


E = TypeVar("E")
Handler = Callable[[Any], "Iterable[Outgoing] | None"]


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[type, list[Handler]] = {}

    def subscribe(self, kind: type[E], handler: Callable[[E], Iterable[Outgoing] | None]) -> None:
        self._handlers.setdefault(kind, []).append(handler)

    def publish(self, event: object) -> list[Outgoing]:
        """Tell every subscriber of the event's type; returns the mail they want sent because of it."""
        mail: list[Outgoing] = []
        for handler in self._handlers.get(type(event), ()):
            answer = handler(event)
            if answer is not None:
                mail.extend(answer)
        return mail
