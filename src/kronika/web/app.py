"""``kronika serve``: a read-only web app and JSON API over one database.

The app never writes: every request reads through a connection of its own thread, opened
read-only. Pages are rendered on the server and read well without JavaScript; the graph page
draws with cytoscape.js shipped in the package. Article text is data, never markup: templates
escape everything, and the Content-Security-Policy allows scripts from the app itself only, so
even a ``<script>`` that slipped through could not run.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from kronika.api import open_db
from kronika.ingest.text import CONTROL_CHARACTERS
from kronika.store import Store

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Stores:
    """One read-only store per thread: SQLite connections are not shared across threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_db(self.path)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every thread's store (a PostgreSQL server keeps a session for each)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            # an SQLite connection closes in its own thread only (and with it)
            with suppress(sqlite3.ProgrammingError):
                store.close()


class _SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def templates() -> Jinja2Templates:
    folder = resources.files("kronika.web").joinpath("templates")
    found = Jinja2Templates(directory=str(folder))
    found.env.autoescape = True
    found.env.filters["pager_query"] = _pager_query
    found.env.finalize = printable
    return found


def printable(value: Any) -> Any:
    """Every value a template prints, with control characters (kept by older databases, or
    in names) shown as spaces: a page is no place for a bell or an escape sequence.

    ``Markup`` (a page's highlighted text with its links) stays ``Markup``: a space for a control
    character adds no markup, and as a plain string Jinja would escape its links again."""
    if not isinstance(value, str):
        return value
    spaced = CONTROL_CHARACTERS.sub(" ", value)
    return Markup(spaced) if isinstance(value, Markup) else spaced


def _pager_query(params: Any, offset: int) -> str:
    """The page's query string with another offset."""
    return urlencode({**dict(params), "offset": offset})


def create_app(db: str | Path) -> FastAPI:
    """The web app over the database ``db`` (which must exist; it is only read)."""
    from kronika.web import json_api, pages

    # a str stays one: a postgresql:// URL is no path
    stores = Stores(db)
    stores.get()  # fail now, with the store's own message, rather than at the first request

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="kronika",
        description="A read-only API over a kronika knowledge graph of Polish news.",
        version="1",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.templates = templates()
    app.add_middleware(_SecurityHeaders)
    static = resources.files("kronika.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(json_api.router, prefix="/api")
    app.include_router(pages.router)

    @app.exception_handler(404)
    async def not_found(request: Request, _error: Exception) -> HTMLResponse:
        if request.url.path.startswith("/api/"):
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": "not found"}, status_code=404)  # type: ignore[return-value]
        page = app.state.templates.TemplateResponse(
            request, "error.html", {"message": "Nie ma takiej strony."}, status_code=404
        )
        return page  # type: ignore[no-any-return]

    return app
