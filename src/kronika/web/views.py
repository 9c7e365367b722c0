"""What each page and API endpoint shows, assembled from the Python API and the store.

Every function takes the request's store and returns plain data (dataclasses, dicts, lists) that
the JSON API serializes and the templates render; neither does any querying of its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from kronika import api
from kronika.store import Store, browse, graph
from kronika.store.graph import RelationAnswer
from kronika.web.highlight import document_segments, marked_words

PAGE_SIZE = 20
#: How many of an entity's latest relation statements its page and graph read.
STATEMENTS_SHOWN = 500
WIKIDATA = "https://www.wikidata.org/wiki/"


@dataclass(frozen=True, slots=True)
class Page:
    """Which slice of a list: ``limit`` items from ``offset``."""

    offset: int = 0
    limit: int = PAGE_SIZE

    def cut(self, items: list[Any]) -> list[Any]:
        return items[self.offset : self.offset + self.limit]


def as_data(value: Any) -> Any:
    """Dataclasses (and lists and tuples of them) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


def home(store: Store) -> dict[str, Any]:
    counts = store.stats()
    return {
        "counts": {key: value for key, value in counts.items() if isinstance(value, int)},
        "entities_by_type": counts["entities_by_type"],
        "top_entities": browse.top_entities(store.db, limit=15),
        "latest": browse.latest_documents(store.db, limit=10),
    }


def search(
    store: Store,
    query: str,
    *,
    since: str | None = None,
    until: str | None = None,
    entity_type: str | None = None,
    page: Page = Page(),
) -> list[dict[str, Any]]:
    fts = api.lemma_query(query)
    if not fts:
        return []
    hits = browse.search(
        store.db,
        fts,
        since=since,
        until=until,
        entity_type=entity_type,
        limit=page.limit,
        offset=page.offset,
    )
    return [{"hit": hit, "parts": marked_words(hit.marked, query)} for hit in hits]


def find(store: Store, name: str) -> list[browse.EntityRow]:
    rows = (browse.entity_row(store.db, ident) for ident in api.entity_ids(store, name))
    return [row for row in rows if row is not None]


def entity(store: Store, entity_id: str, page: Page = Page()) -> dict[str, Any] | None:
    row = browse.entity_row(store.db, entity_id)
    if row is None:
        return None
    details = store.entity(entity_id)
    return {
        "entity": row,
        "aliases": details["aliases"],
        "wikidata": WIKIDATA + row.kb if row.kb and row.kb.startswith("Q") else None,
        "months": browse.mentions_by_month(store.db, entity_id),
        # the statements of the entity's latest documents: a page reads a bounded number
        "relations": graph.relations(store.db, [entity_id], latest=STATEMENTS_SHOWN),
        "quotes_by": store.quotes(speakers=[entity_id], limit=page.limit, offset=page.offset),
        "quotes_about": store.quotes(about=[entity_id], limit=page.limit, offset=page.offset),
        # the events of the latest reports: a page need not read every report of the corpus
        "events": graph.events(store.db, entity_ids=[entity_id], reports=200)[: page.limit],
        "neighbours": browse.co_occurring(store.db, entity_id, limit=page.limit),
        "documents": browse.entity_documents(
            store.db, entity_id, limit=page.limit, offset=page.offset
        ),
    }


def neighbourhood(store: Store, entity_id: str, *, limit: int = 25) -> dict[str, Any] | None:
    """Nodes and edges around an entity: its typed, dated relations and who is named beside it."""
    row = browse.entity_row(store.db, entity_id)
    if row is None:
        return None
    nodes = {row.id: {"id": row.id, "name": row.name, "type": row.type, "centre": True}}
    edges = []
    for answer in graph.relations(store.db, [entity_id], latest=STATEMENTS_SHOWN):
        if answer.object is None:
            continue
        for ident, name in (
            (answer.subject, answer.subject_name),
            (answer.object, answer.object_name),
        ):
            nodes.setdefault(ident, {"id": ident, "name": name, "type": "", "centre": False})
        edges.append(
            {
                "source": answer.subject,
                "target": answer.object,
                "kind": "relation",
                "label": _relation_label(answer),
                "weight": len(answer.evidence),
            }
        )
    for other, count in browse.co_occurring(store.db, entity_id, limit=limit):
        nodes.setdefault(
            other.id, {"id": other.id, "name": other.name, "type": other.type, "centre": False}
        )
        edges.append(
            {
                "source": entity_id,
                "target": other.id,
                "kind": "co-occurrence",
                "label": f"{count}×",
                "weight": count,
            }
        )
    return {"entity": row, "nodes": list(nodes.values()), "edges": edges}


def _relation_label(answer: RelationAnswer) -> str:
    title = f" {answer.value}" if answer.value else ""
    since = f" od {answer.since}" if answer.since else ""
    return f"{answer.predicate}{title} ({answer.status}{since})"


def timeline(store: Store, entity_id: str | None, page: Page = Page()) -> list[dict[str, Any]]:
    """Events, quotes and relation statements in time order, for one entity or the corpus."""
    ids = [entity_id] if entity_id else None
    items: list[dict[str, Any]] = []
    for event in graph.events(store.db, entity_ids=ids):
        items.append({"time": event.time, "kind": "event", "item": event})
    quotes = store.quotes(speakers=ids) if ids else store.quotes()
    for quote in quotes:
        if quote["time"]:
            items.append({"time": quote["time"], "kind": "quote", "item": quote})
    if ids:
        for assertion in graph.assertions(store.db, ids):
            if assertion.date:
                items.append({"time": assertion.date, "kind": "relation", "item": assertion})
    items.sort(key=lambda item: (item["time"] or "", item["kind"]))
    return page.cut(items)


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    if not store.has_document(doc_id):
        return None
    record = store.record(doc_id)
    names = {entity["id"]: entity["name"] for entity in record["entities"]}
    return {
        "record": record,
        "names": names,
        "segments": document_segments(record),
        # the title's names, linked as the body's are (offsets into the title)
        "title_segments": document_segments(
            {
                "text": record["title"] or "",
                "mentions": record["title_mentions"],
                "quotes": [],
                "timexes": [],
                "relations": [],
            }
        ),
    }


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    page: Page = Page(),
) -> list[dict[str, Any]]:
    found = api.quotes(store, speaker=speaker or None, about=about or None, since=since or None)
    names = graph.entity_names(store.db, {q["speaker"] for q in found if q["speaker"]})
    return [
        {**quote, "speaker_name": names.get(quote["speaker"] or "")} for quote in page.cut(found)
    ]


def events(
    store: Store,
    *,
    entity: str | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: Page = Page(),
) -> list[graph.EventAnswer]:
    return page.cut(
        api.events(
            store,
            entity=entity or None,
            event_type=event_type or None,
            since=since or None,
            until=until or None,
        )
    )


def members(
    store: Store, bloc: str, as_of: str | None, page: Page = Page()
) -> list[RelationAnswer]:
    return page.cut(api.members(store, bloc, as_of=as_of or None))
