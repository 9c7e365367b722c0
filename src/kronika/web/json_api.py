"""``/api/…``: the data of every page as JSON, paged with ``limit`` and ``offset``.

FastAPI describes every endpoint in ``/api/openapi.json``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from kronika.store import Store
from kronika.web import views
from kronika.web.views import PAGE_SIZE, Page, as_data

router = APIRouter(tags=["kronika"])

Limit = Annotated[int, Query(ge=1, le=200, description="How many items at most.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="How many items to skip.")]
Text = Annotated[str, Query(max_length=500)]
Date = Annotated[
    str,
    Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY[-MM[-DD]]"),
]


def _store(request: Request) -> Store:
    store: Store = request.app.state.stores.get()
    return store


def _found(value: Any) -> Any:
    if value is None:
        raise HTTPException(404, "not found")
    return as_data(value)


@router.get(
    "/stats", summary="Corpus counts, most mentioned entities, latest documents", name="api_stats"
)
def stats(request: Request) -> Any:
    return as_data(views.home(_store(request)))


@router.get("/search", summary="Sentences matching words in any inflection", name="api_search")
def search(
    request: Request,
    q: Text,
    since: Date = "",
    until: Date = "",
    type: Text = "",  # noqa: A002 - the query parameter's name
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> Any:
    return as_data(
        views.search(
            _store(request),
            q,
            since=since or None,
            until=until or None,
            entity_type=type or None,
            page=Page(offset, limit),
        )
    )


@router.get("/entities", summary="Entities called a name in any inflection", name="api_entities")
def entities(request: Request, name: Text, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> Any:
    return as_data(Page(offset, limit).cut(views.find(_store(request), name)))


@router.get(
    "/entity/{entity_id}",
    summary="An entity with its relations, quotes and documents",
    name="api_entity",
)
def entity(request: Request, entity_id: str, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> Any:
    return _found(views.entity(_store(request), entity_id, Page(offset, limit)))


@router.get(
    "/entity/{entity_id}/graph",
    summary="An entity's neighbourhood: nodes and edges",
    name="entity_graph_json",
)
def entity_graph(request: Request, entity_id: str, limit: Limit = 25) -> Any:
    return _found(views.neighbourhood(_store(request), entity_id, limit=limit))


@router.get("/timeline", summary="Events, quotes and relations in time order", name="api_timeline")
def timeline(request: Request, entity: Text = "", limit: Limit = 50, offset: Offset = 0) -> Any:
    store = _store(request)
    rows = views.find(store, entity) if entity.strip() else []
    if entity.strip() and not rows:
        return []
    return as_data(views.timeline(store, rows[0].id if rows else None, Page(offset, limit)))


@router.get("/document/{doc_id}", summary="A document's contract record", name="api_document")
def document(request: Request, doc_id: str) -> Any:
    shown = views.document(_store(request), doc_id)
    return _found(shown["record"] if shown else None)


@router.get(
    "/quotes", summary="Quotations by a speaker, about an entity, since a date", name="api_quotes"
)
def quotes(
    request: Request,
    speaker: Text = "",
    about: Text = "",
    since: Date = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> Any:
    return as_data(
        views.quotes(
            _store(request), speaker=speaker, about=about, since=since, page=Page(offset, limit)
        )
    )


@router.get("/events", summary="Events merged across documents, in time order", name="api_events")
def events(
    request: Request,
    entity: Text = "",
    type: Text = "",  # noqa: A002 - the query parameter's name
    since: Date = "",
    until: Date = "",
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> Any:
    return as_data(
        views.events(
            _store(request),
            entity=entity,
            event_type=type,
            since=since,
            until=until,
            page=Page(offset, limit),
        )
    )


@router.get("/members", summary="Members of a bloc at a date", name="api_members")
def members(
    request: Request, bloc: Text, as_of: Date = "", limit: Limit = PAGE_SIZE, offset: Offset = 0
) -> Any:
    return as_data(views.members(_store(request), bloc, as_of, Page(offset, limit)))
