"""What the console refuses, as types: each error class carries its HTTP status and its page's title.

One exception handler (dlpgate.web.app) turns any ConsoleError into the error
page; nothing picks a status from an error's text.
"""

from __future__ import annotations


class ConsoleError(Exception):
    status = 400
    title = "Not possible"
    staff = True  # a staff page: the error page shows who is logged in

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadRequest(ConsoleError):
    status = 400


class Forbidden(ConsoleError):
    status = 403
    title = "Refused"


class NotFound(ConsoleError):
    status = 404


class Gone(ConsoleError):
    status = 410


class LinkRefused(ConsoleError):
    """A sender's release link that is not valid; the sender's pages never show a staff login."""

    status = 403
    title = "Link refused"
    staff = False


class LinkGone(LinkRefused):
    status = 410


class LoginNeeded(Exception):
    """No live session: the handler sends the browser to the login page."""
