"""The console's routes, one module per area; each module's ROUTES lists its URLs."""

from __future__ import annotations

from starlette.routing import BaseRoute

from dlpgate.web.routes import audit, link, message, overview, queue, requests, session, users


def all_routes() -> list[BaseRoute]:
    return [
        *session.ROUTES, *queue.ROUTES, *message.ROUTES, *requests.ROUTES,
        *audit.ROUTES, *overview.ROUTES, *users.ROUTES, *link.ROUTES,
    ]
