"""The overview: counts per day and per kind, as a chart and a table."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dlpgate.admin.users import User
from dlpgate.web import overview as overview_mod
from dlpgate.web.auth import requires
from dlpgate.web.context import db, render, services


def _days(text: str) -> int:
    try:
        return min(max(int(text), 1), 90)
    except ValueError:
        return 14


@requires()
async def overview(request: Request, user: User) -> Response:
    days = _days(request.query_params.get("days", "14"))
    ov = await db(overview_mod.compute, services(request).store, days)
    return render(
        request, "overview.html", user=user, ov=ov, days=days, chart=overview_mod.bar_chart(ov),
        series=overview_mod.SERIES, colours=overview_mod.COLOURS,
    )


ROUTES = [Route("/overview", overview)]
