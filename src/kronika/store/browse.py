"""Read-only queries for browsing a database: pages of documents, entities and search hits.

Like every query of the store, they see the current version of each page only: a document
replaced by a later text of the same URL (``documents.replaced_by``) is kept but not shown.

These answer what a reader of the web app asks (the latest documents, an entity's mentions by
month, who is named beside it, a page of search results with filters); every query is bounded by
a limit and an offset, so a page costs the same in a thousand documents and in a million.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from kronika.store.queries import ranked_window

#: Marks FTS5 puts around a matched word; private-use characters never stored in a text.
MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    source: str
    title: str | None
    date: str | None
    url: str | None
    opening: str


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    name: str
    type: str
    kb: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: str
    source: str
    title: str | None
    date: str | None
    start: int
    end: int
    #: the sentence with each match between MATCH_OPEN and MATCH_CLOSE
    marked: str


def latest_documents(
    db: sqlite3.Connection, *, limit: int = 20, offset: int = 0
) -> list[DocumentRow]:
    rows = db.execute(
        "SELECT id, source, title, date, url, substr(text, 1, 200) FROM documents "
        "WHERE replaced_by IS NULL ORDER BY date IS NULL, date DESC, id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [DocumentRow(*row) for row in rows]


def document_count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM documents WHERE replaced_by IS NULL").fetchone()[0])


def top_entities(
    db: sqlite3.Connection, *, entity_type: str | None = None, limit: int = 20, offset: int = 0
) -> list[EntityRow]:
    where, params = ("WHERE type = ?", [entity_type]) if entity_type else ("WHERE TRUE", [])
    rows = db.execute(
        f"SELECT id, name, type, kb, mention_count FROM entities {where} AND mention_count > 0 "
        "ORDER BY mention_count DESC, name LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [EntityRow(*row) for row in rows]


def entity_row(db: sqlite3.Connection, entity_id: str) -> EntityRow | None:
    row = db.execute(
        "SELECT id, name, type, kb, mention_count FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    return EntityRow(*row) if row else None


def mentions_by_month(db: sqlite3.Connection, entity_id: str) -> list[tuple[str, int]]:
    """(YYYY-MM, mentions) for the dated documents that mention the entity, oldest first."""
    rows = db.execute(
        "SELECT substr(date, 1, 7) AS month, sum(mentions) FROM entity_documents "
        "WHERE entity_id = ? AND date != '' AND mentions > 0 GROUP BY month ORDER BY month",
        (entity_id,),
    )
    return [(month, int(count)) for month, count in rows]


def entity_documents(
    db: sqlite3.Connection, entity_id: str, *, limit: int = 20, offset: int = 0
) -> list[DocumentRow]:
    # the entity's documents latest first, read in the order of entity_documents' key
    rows = db.execute(
        "SELECT d.id, d.source, d.title, d.date, d.url, substr(d.text, 1, 200) "
        "FROM (SELECT doc_id, date FROM entity_documents WHERE entity_id = ? AND mentions > 0 "
        "ORDER BY date DESC, doc_id LIMIT ? OFFSET ?) e JOIN documents d ON d.id = e.doc_id "
        "ORDER BY e.date DESC, e.doc_id",
        (entity_id, limit, offset),
    )
    return [DocumentRow(*row) for row in rows]


#: How many of an entity's documents, the latest, its neighbours are counted in: a page of an
#: entity named in a hundred thousand articles costs what one named in a thousand does.
NEIGHBOUR_DOCUMENTS = 200


def co_occurring(
    db: sqlite3.Connection, entity_id: str, *, limit: int = 20
) -> list[tuple[EntityRow, int]]:
    """Entities named in the same sentences as ``entity_id`` in its latest
    ``NEIGHBOUR_DOCUMENTS`` documents, with the number of sentences."""
    rows = db.execute(
        f"""
        WITH docs AS (
            SELECT doc_id AS id FROM entity_documents WHERE entity_id = ?1 AND mentions > 0
            ORDER BY date DESC, doc_id LIMIT {NEIGHBOUR_DOCUMENTS}
        ),
        own AS (
            SELECT DISTINCT s.rowid AS sentence, s.doc_id, s.start, s."end"
            FROM mentions m JOIN sentences s
              ON s.doc_id = m.doc_id AND s.start <= m.start AND m.start < s."end"
            WHERE m.entity_id = ?1 AND m.doc_id IN (SELECT id FROM docs)
        )
        SELECT e.id, e.name, e.type, e.kb, count(DISTINCT own.sentence) AS n
        FROM own JOIN mentions o
          ON o.doc_id = own.doc_id AND o.start >= own.start AND o.start < own."end"
        JOIN entities e ON e.id = o.entity_id
        WHERE o.entity_id != ?1
        GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?2
        """,
        (entity_id, limit),
    )
    return [(EntityRow(row[0], row[1], row[2], row[3], 0), int(row[4])) for row in rows]


def search(
    db: sqlite3.Connection,
    fts_query: str,
    *,
    since: str | None = None,
    until: str | None = None,
    entity_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """A page of sentences matching an FTS5 query, best first, with the matches marked."""
    if not isinstance(db, sqlite3.Connection):  # a PostgreSQL store's: no FTS5 there
        from kronika.store.postgres import search_page

        found = search_page(
            db,
            fts_query,
            since=since,
            until=until,
            entity_type=entity_type,
            limit=limit,
            offset=offset,
        )
        return [hit for hit, _sentence in found]
    conditions, params = ["sentences_fts MATCH ?"], [fts_query]
    if since:
        conditions.append("d.date IS NOT NULL AND substr(d.date, 1, length(?)) >= ?")
        params += [since, since]
    if until:
        conditions.append("d.date IS NOT NULL AND substr(d.date, 1, length(?)) <= ?")
        params += [until, until]
    if entity_type:
        conditions.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE "
            'm.doc_id = s.doc_id AND m.start >= s.start AND m.start < s."end" AND e.type = ?)'
        )
        params.append(entity_type)
    joined = (
        "FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid "
        "JOIN documents d ON d.id = s.doc_id AND d.replaced_by IS NULL"
    )
    where = " AND ".join(conditions)
    # without a filter the window is counted in the index alone (it then counts the sentences of
    # replaced versions too, which are few)
    counted = joined if len(conditions) > 1 else "FROM sentences_fts"
    oldest = oldest_ranked(db, f"{counted} WHERE {where}", params, ranked_window(limit, offset))
    rows = db.execute(
        f"""
        SELECT s.doc_id, d.source, d.title, d.date, s.start, s."end",
               highlight(sentences_fts, 0, '{MATCH_OPEN}', '{MATCH_CLOSE}')
        {joined}
        WHERE {where} AND sentences_fts.rowid >= ?
        ORDER BY sentences_fts.rank, s.doc_id, s.idx LIMIT ? OFFSET ?
        """,
        (*params, oldest, limit, offset),
    )
    return [Hit(*row) for row in rows]


def oldest_ranked(
    db: sqlite3.Connection, matches: str, params: Sequence[object], window: int
) -> int:
    """The rowid of the oldest of the latest ``window`` sentences that ``matches`` (a ``FROM …
    WHERE`` clause over sentences_fts) finds, 0 when it finds fewer: where a ranked page starts
    (``queries.RANKED_WINDOW``). Read newest first in the index's own order, unscored."""
    row = db.execute(
        f"SELECT sentences_fts.rowid {matches} ORDER BY sentences_fts.rowid DESC LIMIT 1 OFFSET ?",
        (*params, window - 1),
    ).fetchone()
    return int(row[0]) if row is not None else 0
