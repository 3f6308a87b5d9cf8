"""Hand a message to the downstream MTA and report exactly what it said.

The result tells the SMTP side which reply it may give: "ok" (every recipient
taken), "partial" (some taken, the rest refused), "temp" (nothing taken, try
again later) or "perm" (every recipient refused for good).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import aiosmtplib

OK, PARTIAL, TEMP, PERM = "ok", "partial", "temp", "perm"


@dataclass(frozen=True)
class RelayResult:
    status: str
    code: int = 250
    message: str = ""
    # recipient -> (code, reply) for each refused recipient
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)


class Relay(Protocol):
    async def send(self, mail_from: str, rcpt_tos: tuple[str, ...], raw: bytes, smtputf8: bool = False, eight_bit: bool = False) -> RelayResult: ...


_CTRL = re.compile(r"[\x00-\x1f\x7f]+")


def clean_reply(text: str, limit: int = 200) -> str:
    """A downstream reply, safe to quote in our own SMTP reply (one line, short)."""
    return _CTRL.sub(" ", text).strip()[:limit]


def _status_for(code: int) -> str:
    return TEMP if 400 <= code < 500 else PERM


class SmtpRelay:
    """Relays with aiosmtplib to host:port, one connection per message."""

    def __init__(self, host: str, port: int, timeout: float = 60.0, helo: str | None = None):
        self.host, self.port, self.timeout, self.helo = host, port, timeout, helo or None

    @classmethod
    def from_spec(cls, spec: str, timeout: float = 60.0, helo: str | None = None) -> SmtpRelay:
        host, _, port = spec.rpartition(":")
        return cls(host.strip("[]"), int(port), timeout, helo)

    async def send(self, mail_from: str, rcpt_tos: tuple[str, ...], raw: bytes, smtputf8: bool = False, eight_bit: bool = False) -> RelayResult:
        options = ["SMTPUTF8"] if smtputf8 else []
        if eight_bit:
            options.append("BODY=8BITMIME")
        client = aiosmtplib.SMTP(
            hostname=self.host, port=self.port, timeout=self.timeout, start_tls=False, local_hostname=self.helo
        )
        try:
            await client.connect()
            try:
                errors, _reply = await client.sendmail(mail_from, list(rcpt_tos), raw, mail_options=options)
            finally:
                try:
                    await client.quit()
                except Exception:  # noqa: BLE001 - the message is already accepted or refused
                    client.close()
        except aiosmtplib.SMTPRecipientsRefused as exc:
            refused = {r.recipient: (r.code, clean_reply(r.message)) for r in exc.recipients}
            codes = [c for c, _ in refused.values()]
            status = TEMP if any(400 <= c < 500 for c in codes) else PERM
            first = next(iter(refused.values()), (550, "recipients refused"))
            return RelayResult(status, first[0], first[1], refused)
        except aiosmtplib.SMTPResponseException as exc:
            return RelayResult(_status_for(exc.code), exc.code, clean_reply(exc.message))
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as exc:
            return RelayResult(TEMP, 451, f"downstream unavailable ({exc.__class__.__name__})")
        if errors:
            refused = {rcpt: (resp.code, clean_reply(resp.message)) for rcpt, resp in errors.items()}
            return RelayResult(PARTIAL, 250, "", refused)
        return RelayResult(OK)


class DirRelay:
    """For trying dlpgate without a downstream MTA: writes each delivery as .eml.

    The envelope is written in X-Envelope-From / X-Envelope-To lines ahead of
    the message, the way a maildrop would; the file appears atomically.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    async def send(self, mail_from: str, rcpt_tos: tuple[str, ...], raw: bytes, smtputf8: bool = False, eight_bit: bool = False) -> RelayResult:
        try:
            await asyncio.to_thread(self._write, mail_from, rcpt_tos, raw)
        except OSError as exc:
            return RelayResult(TEMP, 451, f"outbox folder not writable ({exc.__class__.__name__})")
        return RelayResult(OK)

    def _write(self, mail_from: str, rcpt_tos: tuple[str, ...], raw: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{os.getpid()}-{os.urandom(3).hex()}.eml"
        head = f"X-Envelope-From: <{mail_from}>\r\n" + "".join(f"X-Envelope-To: <{r}>\r\n" for r in rcpt_tos)
        tmp = self.folder / (name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(head.encode("utf-8") + raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / name)


def make_relay(spec: str, timeout: float = 60.0, helo: str | None = None) -> Relay:
    if spec.startswith("dir:"):
        return DirRelay(spec[4:])
    return SmtpRelay.from_spec(spec, timeout, helo)
