"""The SQLite store: one file, WAL, one transaction per batch, FTS5 over lemmas and surface text.

A batch is committed whole or not at all, and a document's rows are written in the same
transaction as the document, so a build killed at any moment leaves only complete documents; a
rerun skips them by id and adds the rest.

``Store(path)`` opens read-write: it creates or migrates the database (``store.migrations``).
``Store(path, readonly=True)`` changes nothing, and refuses a file that is not a kronika database
of the current schema. Every SQLite error becomes a StoreError naming the file.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Self, TypeVar

from kronika.errors import StoreError
from kronika.ingest.document import DATE_PRECISION
from kronika.model import Analysis
from kronika.store import migrations
from kronika.store.browse import oldest_ranked
from kronika.store.connection import (
    busy_timeout,
    connect,
    is_busy,
    store_error,
    transaction,
    use_wal,
)
from kronika.store.packed import unpack, unpack_lemmas, unpack_row
from kronika.store.queries import QueryError, like_literal, ranked_window, shown
from kronika.store.writing import EXTRA_TABLES, DocumentWriting

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(
    doing: str,
) -> Callable[[Callable[Concatenate[Store, _P], _R]], Callable[Concatenate[Store, _P], _R]]:
    """The method's SQLite errors as StoreErrors saying the file and what was being done."""

    def decorate(
        method: Callable[Concatenate[Store, _P], _R],
    ) -> Callable[Concatenate[Store, _P], _R]:
        def guarded(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as error:
                raise store_error(self.path, error, self.timeout, doing=doing) from error

        functools.update_wrapper(guarded, method)
        return guarded

    return decorate


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    source: str
    date: str | None
    title: str | None
    sentence: str
    start: int
    end: int


class Store(DocumentWriting):
    """A kronika database; use as a context manager.

    ``readonly``: open for queries only (the file must be a kronika database of this version);
    else create it if needed and migrate it. ``timeout``: seconds to wait for another process's
    write lock (default: KRONIKA_DB_TIMEOUT from the environment, else 30).
    """

    def __init__(
        self, path: str | Path, *, readonly: bool = False, timeout: float | None = None
    ) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.timeout = busy_timeout(timeout)
        try:
            self.db = connect(self.path, readonly=readonly, timeout=self.timeout)
        except sqlite3.Error as error:
            raise store_error(self.path, error, self.timeout, doing="opening it") from error
        try:
            self._open()
        except sqlite3.Error as error:
            self.db.close()
            raise store_error(self.path, error, self.timeout, doing="opening it") from error
        except BaseException:
            self.db.close()
            raise

    def _open(self) -> None:
        if self.readonly:
            migrations.check(self.db, self.path)
            return
        migrations.version_of(self.db, self.path)  # another application's file stays untouched
        use_wal(self.db, self.timeout)
        self.db.execute("PRAGMA synchronous = NORMAL")
        migrations.migrate(self.db, self.path)

    # --- transactions --------------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        self._writable()
        return transaction(self.db)

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; open it with readonly=False to write")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    @_guarded("reading it")
    def has_document(self, doc_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    @_guarded("storing documents")
    def add(self, analyses: Sequence[Analysis]) -> int:
        """Store a batch in one transaction; documents already stored are skipped. Returns added."""
        self._writable()
        added = 0
        with self.transaction():
            for analysis in analyses:
                added += self._add_one(analysis)
        return added

    # --- reading -------------------------------------------------------------------------------

    @_guarded("reading it")
    def document_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY id")]

    @_guarded("reading it")
    def current_document_ids(self) -> list[str]:
        """Ids of the documents not replaced by a later version of the same URL."""
        rows = self.db.execute("SELECT id FROM documents WHERE replaced_by IS NULL ORDER BY id")
        return [row[0] for row in rows]

    def export(self, *, all_versions: bool = False) -> Iterator[dict[str, Any]]:
        """Contract records of the stored documents, ordered by id: the current version of each
        URL's page, or with ``all_versions`` every version."""
        for doc_id in self.document_ids() if all_versions else self.current_document_ids():
            yield self.record(doc_id)

    @_guarded("reading a document's lemmas")
    def sentence_lemmas(self, doc_id: str) -> list[str]:
        """The lemmas of each sentence of a stored document, in order, as its search uses them."""
        rows = self.db.execute(
            'SELECT s.lemmas, substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s '
            "JOIN documents d ON d.id = s.doc_id WHERE s.doc_id = ? ORDER BY s.idx",
            (doc_id,),
        ).fetchall()
        return [unpack_lemmas(lemmas, text) for lemmas, text in rows]

    @_guarded("reading a document")
    def record(self, doc_id: str) -> dict[str, Any]:
        db = self.db
        row = db.execute(
            "SELECT id, source, external_id, title, url, date, date_source, text "
            "FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document with id {shown(doc_id)}")
        keys = ("id", "source", "external_id", "title", "url", "date", "date_source", "text")
        record: dict[str, Any] = dict(zip(keys, row, strict=False))
        date = record["date"]
        record["date_precision"] = DATE_PRECISION.get(len(date)) if date else None
        record["sentences"] = [
            {"start": s, "end": e}
            for s, e in db.execute(
                'SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY idx', (doc_id,)
            )
        ]
        mentions = db.execute(
            'SELECT start, "end", lemma, type, label, derived, description, entity_id '
            'FROM mentions WHERE doc_id = ? ORDER BY start, "end"',
            (doc_id,),
        ).fetchall()
        record["mentions"] = [
            {
                "start": s,
                "end": e,
                "text": record["text"][s:e],
                "lemma": lm,
                "type": ty,
                "label": lb,
                "derived": bool(d),
                "description": bool(ds),
                "entity": ent,
            }
            for s, e, lm, ty, lb, d, ds, ent in mentions
        ]
        for table in EXTRA_TABLES:
            record[table] = [
                unpack_row(table, data, record["text"])
                for (data,) in db.execute(
                    f'SELECT data FROM {table} WHERE doc_id = ? ORDER BY start, "end", rowid',
                    (doc_id,),
                )
            ]
        # first-mention order: the title is read before the body
        named = [*record["title_mentions"], *record["mentions"]]
        entity_ids = list(dict.fromkeys(m["entity"] for m in named if m["entity"]))
        record["entities"] = [self.entity(ident, doc_id=doc_id) for ident in entity_ids]
        return record

    @_guarded("reading an entity")
    def entity(self, entity_id: str, *, doc_id: str | None = None) -> dict[str, Any]:
        """An entity with its aliases: those seen in ``doc_id`` only, or everywhere."""
        row = self.db.execute(
            "SELECT id, name, type, kb, stands_for FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no entity with id {shown(entity_id)}")
        entity = dict(zip(("id", "name", "type", "kb", "stands_for"), row, strict=True))
        if doc_id is None:
            aliases = {
                a
                for (a,) in self.db.execute(
                    "SELECT alias FROM entity_aliases WHERE entity_id = ?", (entity_id,)
                )
            }
        else:
            aliases = set()
            for text, lemma in self.db.execute(
                'SELECT substr(d.text, m.start + 1, m."end" - m.start), m.lemma '
                "FROM mentions m JOIN documents d ON d.id = m.doc_id "
                "WHERE m.entity_id = ? AND m.doc_id = ? AND m.derived = 0 AND m.description = 0",
                (entity_id, doc_id),
            ):
                aliases.update((text, lemma))
            for (data,) in self.db.execute(
                "SELECT data FROM title_mentions WHERE entity = ? AND doc_id = ?",
                (entity_id, doc_id),
            ):
                mention = unpack(data)
                if not mention["derived"] and not mention.get("description"):
                    aliases.update((mention["text"], mention["lemma"]))
        # the contract's key order: stands_for after the aliases
        entity["aliases"] = sorted(aliases - {entity["name"]})
        entity["stands_for"] = entity.pop("stands_for")
        return entity

    @_guarded("looking up entities")
    def find_entities(self, names: Iterable[str]) -> list[str]:
        """Ids of entities whose name, alias or a mention lemma equals one of ``names``, or whose
        name ends with it as a word (a surname finds the full name). Case-insensitive; a name is
        matched as written (``%`` and ``_`` are no wildcards); empty names match nothing."""
        query = (
            "SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE "
            "OR name LIKE '% ' || ?2 ESCAPE '\\' "
            "UNION SELECT entity_id FROM entity_aliases WHERE alias = ?1 COLLATE NOCASE "
            "UNION SELECT entity_id FROM entity_lemmas WHERE lemma = ?1"
        )
        found: dict[str, None] = {}
        for name in names:
            if not name.strip():
                continue
            for (ident,) in self.db.execute(query, (name, like_literal(name))):
                found.setdefault(ident)
        return sorted(found, key=lambda ident: -self.mention_count(ident))

    @_guarded("reading mentions")
    def mention_count(self, entity_id: str) -> int:
        (count,) = self.db.execute(
            "SELECT coalesce(max(mention_count), 0) FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        return int(count)

    @_guarded("reading mentions")
    def mentions_of(self, entity_id: str) -> list[dict[str, Any]]:
        """Every mention of an entity with its sentence, by document date then position."""
        rows = self.db.execute(
            """
            SELECT m.doc_id, d.source, d.date, m.start, m."end",
                   substr(d.text, m.start + 1, m."end" - m.start),
                   substr(d.text, s.start + 1, s."end" - s.start)
            FROM entity_documents ed
            JOIN mentions m ON m.doc_id = ed.doc_id AND m.entity_id = ed.entity_id
            JOIN documents d ON d.id = m.doc_id AND d.replaced_by IS NULL
            LEFT JOIN sentences s
              ON s.doc_id = m.doc_id AND s.start <= m.start AND m.start < s."end"
            WHERE ed.entity_id = ? AND ed.mentions > 0
            ORDER BY d.date IS NULL, d.date, m.doc_id, m.start
            """,
            (entity_id,),
        )
        keys = ("doc_id", "source", "date", "start", "end", "text", "sentence")
        return [dict(zip(keys, row, strict=False)) for row in rows]

    @_guarded("searching")
    def search(self, fts_query: str, *, limit: int = 20) -> list[SearchHit]:
        """Sentences matching an FTS5 query, best first."""
        matches = (
            "FROM sentences_fts f JOIN sentences s ON s.rowid = f.rowid "
            "JOIN documents d ON d.id = s.doc_id AND d.replaced_by IS NULL "
            "WHERE sentences_fts MATCH ?"
        )
        try:
            # ranked among the latest matches, as browse.search is
            oldest = oldest_ranked(
                self.db,
                "FROM sentences_fts WHERE sentences_fts MATCH ?",
                (fts_query,),
                ranked_window(limit, 0),
            )
            rows = self.db.execute(
                f"""
                SELECT s.doc_id, d.source, d.date, d.title, f.text, s.start, s."end"
                {matches} AND f.rowid >= ?
                ORDER BY f.rank, s.doc_id, s.idx
                LIMIT ?
                """,
                (fts_query, oldest, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            if is_busy(error):
                raise
            raise QueryError(
                f"{self.path}: search query {shown(fts_query)} is not valid: {error}"
            ) from error
        return [SearchHit(*row) for row in rows]

    @_guarded("reading quotations")
    def quotes(
        self,
        *,
        speakers: Sequence[str] | None = None,
        about: Sequence[str] | None = None,
        since: str | None = None,
        limit: int = -1,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored quotations, oldest first, each with its document and sentence.

        ``speakers``: entity ids of the speaker; ``about``: entity ids one of which the quoted
        words mention; ``since``: an ISO date the quote's time must not precede; ``limit`` and
        ``offset`` a page of them (-1: all).
        """
        conditions: list[str] = []
        parameters: list[str] = []
        quotes, order = "quotes q", "q.time IS NULL, q.time, q.doc_id, q.start"
        if about is not None and len(about) == 1:
            # the entity's quotations in quoted_entities' key order: a page reads that many
            quotes = "quoted_entities a JOIN quotes q ON q.rowid = a.quote"
            order = "a.undated, a.time, a.doc_id, a.start, a.quote"
            conditions.append("a.entity_id = ?")
            parameters.extend(about)
        elif about is not None:
            marks = ", ".join("?" * len(about))
            conditions.append(
                f"q.rowid IN (SELECT quote FROM quoted_entities WHERE entity_id IN ({marks}))"
            )
            parameters.extend(about)
        if speakers is not None:
            conditions.append(f"q.speaker IN ({', '.join('?' * len(speakers))})")
            parameters.extend(speakers)
        if since is not None:
            # "2022" ≥ "2021-11" compares as text the way dates do, prefix for prefix
            conditions.append("q.time IS NOT NULL AND q.time >= ?")
            parameters.append(since)
        where = " AND ".join(conditions) or "TRUE"
        rows = self.db.execute(
            f"""
            SELECT q.doc_id, d.source, q.time, q.data, q.start,
                   substr(d.text, q.start + 1, q."end" - q.start),
                   (SELECT substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s
                    WHERE s.doc_id = q.doc_id AND s."end" > q.start ORDER BY s.idx LIMIT 1)
            FROM {quotes} JOIN documents d ON d.id = q.doc_id AND d.replaced_by IS NULL
            WHERE {where}
            ORDER BY {order}
            LIMIT ? OFFSET ?
            """,
            [*parameters, limit, offset],
        )
        result = []
        for doc_id, source, time, data, start, words, sentence in rows:
            quote = unpack_row("quotes", data, words, offset=start)
            quote.update(doc_id=doc_id, source=source, time=time, sentence=sentence)
            result.append(quote)
        return result

    @_guarded("reading dated mentions")
    def dated_mentions(self, entity_id: str) -> list[dict[str, Any]]:
        """Sentences mentioning the entity together with a calendar date, one row per pair."""
        rows = self.db.execute(
            """
            SELECT DISTINCT m.doc_id, d.source, t.value,
                   substr(d.text, t.start + 1, t."end" - t.start), s.start,
                   substr(d.text, s.start + 1, s."end" - s.start)
            FROM entity_documents ed
            JOIN mentions m ON m.doc_id = ed.doc_id AND m.entity_id = ed.entity_id
            JOIN documents d ON d.id = m.doc_id AND d.replaced_by IS NULL
            JOIN sentences s ON s.doc_id = m.doc_id AND s.start <= m.start AND m.start < s."end"
            JOIN timexes t ON t.doc_id = m.doc_id AND t.start >= s.start AND t.start < s."end"
            WHERE ed.entity_id = ? AND ed.mentions > 0 AND t.type = 'DATE' AND length(t.value) >= 4
              AND ltrim(substr(t.value, 1, 4), '0123456789') = ''
            ORDER BY t.value, m.doc_id, s.start
            """,
            (entity_id,),
        )
        keys = ("doc_id", "source", "time", "timex", "start", "sentence")
        return [dict(zip(keys, row, strict=False)) for row in rows]

    @_guarded("counting its rows")
    def stats(self) -> dict[str, Any]:
        counts = {
            table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "sentences", "entities", "mentions", *EXTRA_TABLES)
        }
        counts["entities_by_type"] = dict(
            self.db.execute("SELECT type, count(*) FROM entities GROUP BY type ORDER BY type")
        )
        counts["top_entities"] = [
            {"name": name, "type": type_, "mentions": n}
            for name, type_, n in self.db.execute(
                "SELECT e.name, e.type, count(*) AS n FROM mentions m JOIN entities e "
                "ON e.id = m.entity_id GROUP BY e.id ORDER BY n DESC, e.name LIMIT 10"
            )
        ]
        return counts
