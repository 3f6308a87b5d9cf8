"""A cheap SMTP sink for the benchmark: answers 250 to everything, throws the mail away.

A raw asyncio Protocol (no line-by-line reading), so the sink costs little CPU
next to what is measured. Usage: python bench/sink.py PORT (prints "ready").
"""

from __future__ import annotations

import asyncio
import sys

EHLO = b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 209715200\r\n"


class Sink(asyncio.Protocol):
    def connection_made(self, transport):
        self.t = transport
        self.buf = bytearray()
        self.in_data = False
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data):
        self.buf += data
        while self.buf:
            if self.in_data:
                i = self.buf.find(b"\r\n.\r\n")
                if i == -1:
                    del self.buf[: max(0, len(self.buf) - 4)]
                    return
                del self.buf[: i + 5]
                self.in_data = False
                self.t.write(b"250 2.0.0 sunk\r\n")
                continue
            i = self.buf.find(b"\r\n")
            if i == -1:
                return
            cmd = bytes(self.buf[:4]).upper()
            del self.buf[: i + 2]
            if cmd in (b"EHLO", b"HELO"):
                self.t.write(EHLO)
            elif cmd == b"DATA":
                self.t.write(b"354 go ahead\r\n")
                self.in_data = True
                self.buf[:0] = b"\r\n"  # the DATA line's CRLF: an empty body ends at ".\r\n"
            elif cmd == b"QUIT":
                self.t.write(b"221 bye\r\n")
                self.t.close()
                return
            else:
                self.t.write(b"250 OK\r\n")


async def main(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Sink, "127.0.0.1", port, backlog=1024)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
