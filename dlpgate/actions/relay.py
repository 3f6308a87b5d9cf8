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

from dlpgate.smtp_data import dot_stuff, normalize_line_endings

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


class FastDataSMTP(aiosmtplib.SMTP):
    """aiosmtplib's client with the message prepared for DATA in a few C-level passes.

    sendmail_fast() is aiosmtplib's sendmail() (same commands, same errors,
    RSET after a refusal) built from its public calls; only the encoding of
    the body differs: aiosmtplib runs regular-expression substitutions over
    every line, about 50 ms of CPU for a 2 MB message (dlpgate/smtp_data.py).
    """

    async def sendmail_fast(
        self, sender: str, recipients: list[str], raw: bytes, mail_options: list[str]
    ) -> tuple[dict[str, aiosmtplib.SMTPResponse], str]:
        options = list(mail_options)
        encoding = "utf-8" if any(o.lower() == "smtputf8" for o in options) else "ascii"
        normalized = normalize_line_endings(raw)
        if self.is_ehlo_or_helo_needed:
            try:
                await self.ehlo()
            except aiosmtplib.SMTPHeloError:
                if not self.is_connected:
                    raise
                await self.helo()
        if encoding == "utf-8" and not self.supports_extension("smtputf8"):
            raise aiosmtplib.SMTPNotSupported("SMTPUTF8 is not supported by this server")
        if self.supports_extension("size"):
            options.insert(0, f"size={len(normalized)}")
        try:
            await self.mail(sender, options=options, encoding=encoding)
            refused = []
            for rcpt in recipients:
                try:
                    await self.rcpt(rcpt, encoding=encoding)
                except aiosmtplib.SMTPRecipientRefused as exc:
                    refused.append(exc)
            if len(refused) == len(recipients):
                raise aiosmtplib.SMTPRecipientsRefused(refused)
            response = await self._data_prepared(dot_stuff(normalized))
        except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
            try:
                await self.rset()
            except (ConnectionError, aiosmtplib.SMTPResponseException):
                pass
            raise
        return {e.recipient: aiosmtplib.SMTPResponse(e.code, e.message) for e in refused}, response.message

    async def _data_prepared(self, payload: bytes) -> aiosmtplib.SMTPResponse:
        """DATA with a payload already dot-stuffed and terminated."""
        start = await self.execute_command(b"DATA")
        if start.code != 354:
            raise aiosmtplib.SMTPDataError(start.code, start.message)
        if self.protocol is None:
            raise aiosmtplib.SMTPServerDisconnected("Connection lost")
        try:
            self.protocol.write(payload)
            response = await self.protocol.read_response(timeout=self.timeout)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
            self.close()
            raise
        if response.code != 250:
            raise aiosmtplib.SMTPDataError(response.code, response.message)
        return response


class SmtpRelay:
    """Relays with aiosmtplib to host:port, one connection per message.

    tls: "none" (plain), "opportunistic" (STARTTLS when offered, certificate not
    checked, as MTAs do between each other) or "required" (STARTTLS must work and
    the certificate must verify against ca_file or the system store; otherwise
    nothing is sent and the result is temporary, so the upstream gets 451).
    """

    def __init__(
        self, host: str, port: int, timeout: float = 60.0, helo: str | None = None, tls: str = "opportunistic", ca_file: str = ""
    ):
        self.host, self.port, self.timeout, self.helo = host, port, timeout, helo or None
        self.tls, self.ca_file = tls, ca_file or None

    @classmethod
    def from_spec(
        cls, spec: str, timeout: float = 60.0, helo: str | None = None, tls: str = "opportunistic", ca_file: str = ""
    ) -> SmtpRelay:
        host, _, port = spec.rpartition(":")
        return cls(host.strip("[]"), int(port), timeout, helo, tls, ca_file)

    def _tls_options(self) -> dict:
        if self.tls == "none":
            return {"start_tls": False}
        if self.tls == "required":
            return {"start_tls": True, "validate_certs": True, "cert_bundle": self.ca_file}
        return {"start_tls": None, "validate_certs": False}

    async def send(self, mail_from: str, rcpt_tos: tuple[str, ...], raw: bytes, smtputf8: bool = False, eight_bit: bool = False) -> RelayResult:
        options = ["SMTPUTF8"] if smtputf8 else []
        if eight_bit:
            options.append("BODY=8BITMIME")
        client = FastDataSMTP(
            hostname=self.host, port=self.port, timeout=self.timeout, local_hostname=self.helo, **self._tls_options()
        )
        try:
            await client.connect()
            try:
                errors, _reply = await client.sendmail_fast(mail_from, list(rcpt_tos), raw, options)
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
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
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


def make_relay(spec: str, timeout: float = 60.0, helo: str | None = None, tls: str = "opportunistic", ca_file: str = "") -> Relay:
    if spec.startswith("dir:"):
        return DirRelay(spec[4:])
    return SmtpRelay.from_spec(spec, timeout, helo, tls, ca_file)


def relay_for(smtp) -> Relay:
    """The relay an SmtpSettings describes (next hop, time-out, EHLO name, TLS)."""
    return make_relay(smtp.relay, smtp.relay_timeout, smtp.relay_helo or None, smtp.relay_tls, smtp.relay_ca_file)
