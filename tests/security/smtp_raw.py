"""A raw-socket SMTP client for the security tests: bytes go out exactly as given.

smtplib rewrites bare CR and LF in DATA to CRLF, which would hide exactly the
header tricks these tests send.
"""

from __future__ import annotations

import socket


class RawSMTP:
    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 30.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.file = self.sock.makefile("rb")
        self.banner = self.reply()

    def reply(self) -> bytes:
        lines = []
        while True:
            line = self.file.readline()
            if not line:
                break
            lines.append(line)
            if line[3:4] != b"-":
                break
        return b"".join(lines)

    def cmd(self, line: bytes | str) -> bytes:
        if isinstance(line, str):
            line = line.encode()
        self.sock.sendall(line + b"\r\n")
        return self.reply()

    def data(self, body: bytes) -> bytes:
        """DATA with body sent as is (dot-stuffed for lines starting with a dot after CRLF), then the dot."""
        reply = self.cmd(b"DATA")
        assert reply.startswith(b"354"), reply
        stuffed = body.replace(b"\r\n.", b"\r\n..")
        if stuffed.startswith(b"."):
            stuffed = b"." + stuffed
        if not stuffed.endswith(b"\r\n"):
            stuffed += b"\r\n"
        self.sock.sendall(stuffed + b".\r\n")
        return self.reply()

    def send(self, mail_from: str, rcpts: list[str], body: bytes) -> bytes:
        assert self.cmd("EHLO upstream.test").startswith(b"250")
        assert self.cmd(f"MAIL FROM:<{mail_from}>").startswith(b"250")
        for r in rcpts:
            assert self.cmd(f"RCPT TO:<{r}>").startswith(b"250")
        return self.data(body)

    def close(self) -> None:
        try:
            self.sock.sendall(b"QUIT\r\n")
        except OSError:
            pass
        self.file.close()
        self.sock.close()

    def __enter__(self) -> RawSMTP:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
