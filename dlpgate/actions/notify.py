"""Who is told what, and when: the notice subscriber of the gateway's events.

dlpgate/actions/notice.py words the notices; this decides who gets which, and
answers each event with the mail to queue. The action that published the event
commits that mail with its own work.
"""

from __future__ import annotations

from dlpgate.actions import notice
from dlpgate.config import Settings
from dlpgate.events import EventBus, MessageHeld, MessageRewritten, RecipientsRefused
from dlpgate.links import ReleaseLinks
from dlpgate.store import Outgoing


class Notifier:
    def __init__(self, settings: Settings, links: ReleaseLinks, hostname: str):
        self.settings = settings
        self.links = links
        self.hostname = hostname

    def subscribe(self, events: EventBus) -> None:
        events.subscribe(MessageHeld, self.held)
        events.subscribe(MessageRewritten, self.rewritten)
        events.subscribe(RecipientsRefused, self.refused)

    def held(self, event: MessageHeld) -> list[Outgoing]:
        """The sender (with a release-request link when a console is reachable) and the admins."""
        cfg, settings = self.settings.notices, self.settings
        qid, envelope, verdict = event.qid, event.envelope, event.verdict
        out = []
        if envelope.mail_from:
            url = self.links.url(qid, envelope.mail_from)
            body = notice.hold_notice(
                qid, envelope, verdict, cfg.sender, settings.quarantine.retention_days, url, settings=settings
            )
            out.append(Outgoing("notice", "", (envelope.mail_from,), body, qid))
        if cfg.admins:
            body = notice.admin_notice(qid, envelope, verdict, cfg.sender, cfg.admins, settings=settings)
            out.append(Outgoing("notice", "", cfg.admins, body, qid))
        return out

    def rewritten(self, event: MessageRewritten) -> list[Outgoing]:
        envelope, cfg = event.envelope, self.settings.notices
        if not envelope.mail_from or not cfg.notify_rewrite:
            return []
        body = notice.rewrite_notice(envelope, event.verdict, cfg.sender, event.mode, settings=self.settings)
        return [Outgoing("notice", "", (envelope.mail_from,), body)]

    def refused(self, event: RecipientsRefused) -> list[Outgoing]:
        """A delivery status notification to the sender (none for a null sender: no bounce of a bounce)."""
        envelope = event.envelope
        if not event.refused or not envelope.mail_from:
            return []
        dsn = notice.delivery_failure(envelope, dict(event.refused), self.settings.notices.sender, self.hostname)
        return [Outgoing("dsn", "", (envelope.mail_from,), dsn)]
