"""The HTML pages: server-rendered, readable without JavaScript, every list paged."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kronika.store import Store
from kronika.web import views
from kronika.web.views import PAGE_SIZE, Page

router = APIRouter(include_in_schema=False)

Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Text = Annotated[str, Query(max_length=500)]
Date = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")]


def _store(request: Request) -> Store:
    store: Store = request.app.state.stores.get()
    return store


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, {"page_size": PAGE_SIZE, **context}
    )
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return _render(request, "home.html", **views.home(_store(request)))


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Text = "",
    since: Date = "",
    until: Date = "",
    type: Text = "",  # noqa: A002 - the query parameter's name
    offset: Offset = 0,
) -> HTMLResponse:
    hits = (
        views.search(
            _store(request),
            q,
            since=since or None,
            until=until or None,
            entity_type=type or None,
            page=Page(offset),
        )
        if q.strip()
        else []
    )
    return _render(
        request, "search.html", q=q, since=since, until=until, type=type, hits=hits, offset=offset
    )


@router.get("/entities", response_class=HTMLResponse, response_model=None)
def entities(request: Request, name: Text = "") -> HTMLResponse | RedirectResponse:
    found = views.find(_store(request), name) if name.strip() else []
    if len(found) == 1:
        return RedirectResponse(request.url_for("entity", entity_id=found[0].id), status_code=303)
    return _render(request, "entities.html", name=name, found=found)


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, offset: Offset = 0) -> HTMLResponse:
    shown = views.entity(_store(request), entity_id, Page(offset))
    if shown is None:
        raise HTTPException(404)
    return _render(request, "entity.html", offset=offset, **shown)


@router.get("/entity/{entity_id}/graph", response_class=HTMLResponse)
def entity_graph(request: Request, entity_id: str) -> HTMLResponse:
    shown = views.neighbourhood(_store(request), entity_id)
    if shown is None:
        raise HTTPException(404)
    return _render(request, "graph.html", **shown)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, entity: Text = "", offset: Offset = 0) -> HTMLResponse:
    store = _store(request)
    row = views.find(store, entity)[0] if entity.strip() and views.find(store, entity) else None
    items = views.timeline(store, row.id if row else None, Page(offset, 50))
    return _render(request, "timeline.html", entity=entity, row=row, items=items, offset=offset)


@router.get("/document/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    shown = views.document(_store(request), doc_id)
    if shown is None:
        raise HTTPException(404)
    return _render(request, "document.html", **shown)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request, speaker: Text = "", about: Text = "", since: Date = "", offset: Offset = 0
) -> HTMLResponse:
    found = views.quotes(
        _store(request), speaker=speaker, about=about, since=since, page=Page(offset)
    )
    return _render(
        request,
        "quotes.html",
        speaker=speaker,
        about=about,
        since=since,
        quotes=found,
        offset=offset,
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    entity: Text = "",
    type: Text = "",  # noqa: A002 - the query parameter's name
    since: Date = "",
    until: Date = "",
    offset: Offset = 0,
) -> HTMLResponse:
    found = views.events(
        _store(request), entity=entity, event_type=type, since=since, until=until, page=Page(offset)
    )
    return _render(
        request,
        "events.html",
        entity=entity,
        type=type,
        since=since,
        until=until,
        events=found,
        offset=offset,
    )


@router.get("/members", response_class=HTMLResponse)
def members(
    request: Request, bloc: Text = "", as_of: Date = "", offset: Offset = 0
) -> HTMLResponse:
    found = views.members(_store(request), bloc, as_of, Page(offset)) if bloc.strip() else []
    return _render(request, "members.html", bloc=bloc, as_of=as_of, members=found, offset=offset)
