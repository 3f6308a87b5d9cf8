"""The baseline: a bare aiosmtpd relay with no inspection, relaying with aiosmtplib.

Stock aiosmtpd (line-by-line DATA) and stock aiosmtplib sendmail(), one
downstream connection per message, as dlpgate does. Usage:
python bench/bare_relay.py LISTEN_PORT SINK_PORT (prints "ready").
"""

from __future__ import annotations

import asyncio
import sys

import aiosmtplib
from aiosmtpd.smtp import SMTP


class RelayHandler:
    def __init__(self, sink_port: int):
        self.sink_port = sink_port

    async def handle_DATA(self, server, session, envelope):
        client = aiosmtplib.SMTP(hostname="127.0.0.1", port=self.sink_port, start_tls=False, timeout=60)
        try:
            await client.connect()
            await client.sendmail(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
            await client.quit()
        except Exception as exc:  # the benchmark counts the reply
            client.close()
            return f"451 4.4.1 relay failed ({exc.__class__.__name__})"
        return "250 2.0.0 Relayed"


async def main(port: int, sink_port: int) -> None:
    loop = asyncio.get_running_loop()
    handler = RelayHandler(sink_port)
    server = await loop.create_server(
        lambda: SMTP(handler, data_size_limit=209715200, enable_SMTPUTF8=True, hostname="bare"),
        "127.0.0.1",
        port,
        backlog=1024,
    )
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
