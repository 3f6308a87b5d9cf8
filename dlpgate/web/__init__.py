"""The admin web console and the staff release-request pages."""

from dlpgate.web.app import create_app

__all__ = ["create_app"]
