"""kronika's read-only web app (``kronika serve``): pages and a JSON API over one database."""

from kronika.web.app import create_app

__all__ = ["create_app"]
