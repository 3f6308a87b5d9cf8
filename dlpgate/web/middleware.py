"""ASGI middleware around the whole console: security headers and request size limits."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SecurityHeaders:
    """Headers on every response: no caching of patient data, no framing, no referrer (links carry tokens)."""

    HEADERS = [
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
        (
            b"content-security-policy",
            b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    ]

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [h for h in self.HEADERS if h[0] not in names]
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def _expects_continue(scope: Scope) -> bool:
    """The client waits for "100 Continue" before it sends the body (its body is not on its way)."""
    return any(name == b"expect" and value.lower() == b"100-continue" for name, value in scope.get("headers", ()))


class BodyLimit:
    """413 for a request body over `limit` bytes, by its Content-Length or as it streams in.

    Also 431 for a header block over MAX_HEADER_BYTES that arrived in one read
    (h11 bounds only the part of a request it is still waiting for).
    """

    MAX_HEADER_BYTES = 16 * 1024

    class TooLarge(Exception):
        pass

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if sum(len(k) + len(v) + 4 for k, v in scope.get("headers", ())) > self.MAX_HEADER_BYTES:
            return await self._refuse(send, 431, b"Request headers too large.")
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                if value.isdigit() and int(value) <= self.DRAIN_BYTES and not _expects_continue(scope):
                    await self._drain(receive)
                return await self._refuse(send)
        seen = 0
        started = False
        complete = False  # the body's last part was read

        async def counting_receive() -> Message:
            nonlocal seen, complete
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if seen > self.limit:
                    raise BodyLimit.TooLarge()
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyLimit.TooLarge:
            if not started:
                if not complete:
                    await self._drain(receive)
                await self._refuse(send)

    # A refused body is read and dropped, up to this many bytes, before the 413: a connection
    # closed with data still unread is reset, and a reset can reach the client before the
    # reply does. A larger body is cut off (its client may see the reset instead).
    DRAIN_BYTES = 1 << 20

    @classmethod
    async def _drain(cls, receive: Receive) -> None:
        seen = 0
        while seen <= cls.DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return
            seen += len(message.get("body", b""))

    @staticmethod
    async def _refuse(send: Send, status: int = 413, body: bytes = b"Request too large.") -> None:
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
        ]})
        await send({"type": "http.response.body", "body": body})
