"""Staff accounts (admins only): add, change password or role, disable, enable, clear failed logins."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dlpgate.admin.users import User, UserError, Users
from dlpgate.web.auth import Endpoint, requires
from dlpgate.web.context import db, flash, render, services
from dlpgate.web.csrf import post
from dlpgate.web.errors import NotFound

# One account change: the accounts, the form, the account's name and who acts; returns what to tell them.
Change = Callable[[Users, FormData, str, User], Awaitable[str]]


@requires("admin")
async def users_page(request: Request, user: User) -> Response:
    users = services(request).users
    return render(request, "users.html", user=user, users=await db(users.all), locks=await db(users.locks))


def account_change(change: Change) -> Endpoint:
    """The route for one change; a change that cannot be done is told to the admin, not raised."""

    @requires("admin")
    @functools.wraps(change)
    async def endpoint(request: Request, user: User) -> Response:
        form = await request.form()
        name = str(request.path_params.get("name") or form.get("name") or "").strip()
        try:
            flash(request, await change(services(request).users, form, name, user))
        except UserError as exc:
            flash(request, str(exc), "error")
        return RedirectResponse("/users", 303)

    return endpoint


@account_change
async def add(users: Users, form: FormData, name: str, user: User) -> str:
    password = str(form.get("password") or "")
    if password != str(form.get("password2") or ""):
        raise UserError("the two passwords differ")
    await db(users.add, name, str(form.get("role") or ""), password, f"web:{user.name}")
    return f"User {name} added."


@account_change
async def passwd(users: Users, form: FormData, name: str, user: User) -> str:
    await db(users.passwd, name, str(form.get("password") or ""), f"web:{user.name}")
    return f"Password of {name} changed."


@account_change
async def disable(users: Users, form: FormData, name: str, user: User) -> str:
    if name == user.name:
        raise UserError("you cannot disable your own account")
    await db(users.set_disabled, name, True, f"web:{user.name}")
    return f"User {name} disabled."


@account_change
async def enable(users: Users, form: FormData, name: str, user: User) -> str:
    await db(users.set_disabled, name, False, f"web:{user.name}")
    return f"User {name} enabled."


@account_change
async def unlock(users: Users, form: FormData, name: str, user: User) -> str:
    n = await db(users.unlock, name, f"web:{user.name}")
    return f"Failed logins of {name} cleared ({n} address{'es' if n != 1 else ''})."


@account_change
async def role(users: Users, form: FormData, name: str, user: User) -> str:
    await db(users.set_role, name, str(form.get("role") or ""), f"web:{user.name}")
    return f"Role of {name} changed."


@requires("admin")
async def no_such_action(request: Request, user: User) -> Response:
    raise NotFound("No such action.")


ROUTES = [
    Route("/users", users_page, methods=["GET"]),
    post("/users", add),
    post("/users/{name}/add", add),
    post("/users/{name}/passwd", passwd),
    post("/users/{name}/disable", disable),
    post("/users/{name}/enable", enable),
    post("/users/{name}/unlock", unlock),
    post("/users/{name}/role", role),
    post("/users/{name}/{what}", no_such_action),
]
