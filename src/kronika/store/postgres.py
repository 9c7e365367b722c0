"""The PostgreSQL store: ``--db postgresql://…``, the SQLite store's tables, queries and answers.

``PostgresStore`` is the SQLite ``Store`` on another connection: its queries are the SQLite
store's own, translated where only the spelling differs (``store.postgres_connection``); what
differs in meaning is here: the schema (``schema_postgres.sql``), full-text search (a tsvector
per sentence, ``store.text_search``), case-insensitive names, and several writers.

Several writers at once (builds on other machines): each write transaction first takes kronika's
advisory lock on the database, so batches are written one at a time as SQLite writes them (its
single writer is what the store's write path relies on: a document's entity counts, the version
of a URL's page); a document stored already is skipped (``ON CONFLICT DO NOTHING``). Readers are
never blocked. A read-only store opens its session with ``default_transaction_read_only``: the
server itself refuses any write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from importlib import resources
from typing import Any, cast

import psycopg

from kronika.errors import StoreError
from kronika.store import migrations, text_search
from kronika.store.browse import MATCH_CLOSE, MATCH_OPEN, Hit
from kronika.store.connection import busy_timeout
from kronika.store.postgres_connection import Connection, shown_url, store_error
from kronika.store.queries import LemmaQuery, QueryError, like_literal, ranked_window, shown
from kronika.store.sqlite import SearchHit, Store

#: the schema version schema_postgres.sql makes: the SQLite migrations' version it mirrors
SCHEMA_VERSION = 14
#: kronika's advisory lock (the bytes of "kronika"): one writer at a time in a database
WRITE_LOCK = 0x6B726F6E696B61
#: the SQLite tables that PostgreSQL's text search replaces, and the column that does
_FTS_TABLES = ("sentences_fts",)
_SEARCH_COLUMN = ("sentences", "search")


class PostgresStore(Store):
    """A kronika database on a PostgreSQL server; ``url`` as libpq reads it
    (``postgresql://user:password@host:port/database``). Otherwise as ``Store``."""

    def __init__(self, url: str, *, readonly: bool = False, timeout: float | None = None) -> None:
        self.path = shown_url(url)
        self.readonly = readonly
        self.timeout = busy_timeout(timeout)
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=max(int(self.timeout), 1))
        except psycopg.Error as error:
            raise store_error(self.path, error, self.timeout) from error
        self.connection = Connection(raw, self.path, self.timeout)
        # the shared queries use only what Connection offers of sqlite3.Connection
        self.db = cast(sqlite3.Connection, self.connection)
        try:
            self._open()
        except BaseException:
            self.connection.close()
            raise

    def _open(self) -> None:
        db = self.connection
        db.execute(f"SET lock_timeout = {int(self.timeout * 1000)}")
        if self.readonly:
            db.execute("SET default_transaction_read_only = on")
            self._check(self._version())
            return
        with self.transaction():
            version = self._version()
            if version == 0:
                self._create()
                version = SCHEMA_VERSION
            elif 8 <= version < SCHEMA_VERSION:
                self._upgrade(version)
                version = SCHEMA_VERSION
        self._check(version)

    def _create(self) -> None:
        script = resources.files("kronika.store").joinpath("schema_postgres.sql").read_text("utf-8")
        self.connection.raw.execute(script.encode())
        self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _upgrade(self, version: int) -> None:
        """The migrations after ``version`` on a database schema_postgres.sql made at 8 or
        later: the tables of the script's sections "since schema N", and their rows."""
        script = resources.files("kronika.store").joinpath("schema_postgres.sql").read_text("utf-8")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            section = script.split(f"-- since schema {step}:", 1)[1].split("-- since schema")[0]
            self.connection.raw.execute(section.split("\n", 1)[1].encode())
            if step in migrations.BACKFILLS:
                self.db.execute(migrations.BACKFILLS[step])
        self.db.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )

    def _version(self) -> int:
        """The database's schema version, 0 for a database without tables."""
        names = {
            name
            for (name,) in self.db.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }
        if not names:
            return 0
        if "meta" not in names:
            raise StoreError(
                f"{self.path}: not a kronika database (a database with other tables: "
                f"{', '.join(sorted(names)[:5])}); name an empty database or one made by "
                "`kronika build`"
            )
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise StoreError(
                f"{self.path}: not a kronika database (its meta table has no schema version); "
                "name an empty database or one made by `kronika build`"
            )
        return int(row[0])

    def _check(self, version: int) -> None:
        if version == 0:
            raise StoreError(
                f"{self.path}: an empty database, not a kronika database; build one with "
                f"`kronika build PATH --db {self.path}`"
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer kronika (schema version {version}; this one reads "
                f"up to {SCHEMA_VERSION}); upgrade kronika to read it"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: a kronika database of schema version {version}, this kronika reads "
                f"version {SCHEMA_VERSION}; upgrade it in place by opening it for writing once "
                "(rerun `kronika build` with its sources: stored documents are skipped)"
            )
        found = self.tables()
        for table, columns in expected_tables().items():
            missing = (
                f"table {table}"
                if table not in found
                else f"column {table}.{min(columns - found[table])}"
                if columns - found[table]
                else None
            )
            if missing:
                raise StoreError(
                    f"{self.path}: a damaged kronika database: {missing} is missing; rebuild it "
                    "into a new database with `kronika build`"
                )

    def tables(self) -> dict[str, frozenset[str]]:
        """Every table of the database's schema and its columns."""
        found: dict[str, set[str]] = {}
        for table, column in self.db.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        ):
            found.setdefault(table, set()).add(column)
        return {table: frozenset(columns) for table, columns in found.items()}

    # --- transactions --------------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        self._writable()
        return self._locked()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with self.connection.raw.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                yield
        except psycopg.Error as error:  # raised by the commit
            raise store_error(self.path, error, self.timeout) from error

    def close(self) -> None:
        self.connection.close()

    # --- what differs from SQLite --------------------------------------------------------------

    def _add_sentences(self, doc_id: str, record: dict[str, Any], lemmas_of: Sequence[str]) -> None:
        text = record["text"]
        self.db.executemany(
            'INSERT INTO sentences (doc_id, idx, start, "end", lemmas, search) VALUES '
            "(?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A') || "
            "setweight(to_tsvector('simple', ?), 'B'))",
            [
                (
                    doc_id,
                    idx,
                    sentence["start"],
                    sentence["end"],
                    lemmas,
                    text_search.indexed(lemmas),
                    text_search.indexed(text[sentence["start"] : sentence["end"]]),
                )
                for idx, (sentence, lemmas) in enumerate(
                    zip(record["sentences"], lemmas_of, strict=False)
                )
            ],
        )

    def find_entities(self, names: Iterable[str]) -> list[str]:
        """As ``Store.find_entities``: lower() under the columns' "C" collation folds ASCII only,
        as SQLite's NOCASE and LIKE do."""
        query = """
            SELECT id FROM entities WHERE lower(name) = lower(?1 COLLATE "C")
                OR lower(name) LIKE '% ' || lower(?2 COLLATE "C") ESCAPE '\\'
            UNION SELECT entity_id FROM entity_aliases WHERE lower(alias) = lower(?1 COLLATE "C")
            UNION SELECT entity_id FROM entity_lemmas WHERE lower(lemma) = lower(?1 COLLATE "C")
        """
        found: dict[str, None] = {}
        for name in names:
            if not name.strip():
                continue
            for (ident,) in self.db.execute(query, (name, like_literal(name))):
                found.setdefault(ident)
        return sorted(found, key=lambda ident: -self.mention_count(ident))

    def search(self, fts_query: str, *, limit: int = 20) -> list[SearchHit]:
        """Sentences matching a query of ``api.lemma_query``, best first (by ts_rank: the order
        of equally good hits may differ from SQLite's bm25, the hits do not)."""
        return [
            SearchHit(hit.doc_id, hit.source, hit.date, hit.title, sentence, hit.start, hit.end)
            for hit, sentence in search_page(self.db, fts_query, limit=limit)
        ]


def search_page(
    db: sqlite3.Connection,
    query: str,
    *,
    since: str | None = None,
    until: str | None = None,
    entity_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[tuple[Hit, str]]:
    """``browse.search`` on PostgreSQL's connection (``db``): each hit with its sentence."""
    if not isinstance(query, LemmaQuery):
        raise QueryError(
            f"{cast(Connection, db).where}: search query {shown(query)} is an FTS5 query; the "
            "PostgreSQL store takes the queries of kronika.api.lemma_query"
        )
    ts = text_search.tsquery(query.terms)
    if ts is None:
        return []
    conditions, params = ["s.search @@ ?::tsquery"], [ts]
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
    # ranked among the latest matches, counted as browse.oldest_ranked counts them on SQLite:
    # without a filter in the sentences alone, replaced versions' included
    joined = "sentences s JOIN documents d ON d.id = s.doc_id AND d.replaced_by IS NULL"
    counted = joined if len(conditions) > 1 else "sentences s"
    oldest = db.execute(
        f"SELECT s.rowid FROM {counted} WHERE {' AND '.join(conditions)} "
        "ORDER BY s.rowid DESC LIMIT 1 OFFSET ?",
        (*params, ranked_window(limit, offset) - 1),
    ).fetchone()
    if oldest is not None:
        conditions.append("s.rowid >= ?")
        params.append(oldest[0])
    rows = db.execute(
        f"""
        SELECT s.doc_id, d.source, d.title, d.date, s.start, s."end",
               substr(d.text, s.start + 1, s."end" - s.start)
        FROM {joined}
        WHERE {" AND ".join(conditions)}
        ORDER BY ts_rank(s.search, ?::tsquery) DESC, s.doc_id, s.idx LIMIT ? OFFSET ?
        """,
        (*params, ts, limit, offset),
    )
    words = [word for _lemmas, word in query.terms]
    marks = (MATCH_OPEN, MATCH_CLOSE)
    hits = []
    for doc_id, source, title, date, start, end, sentence in rows:
        marked = text_search.marked(sentence, words, marks)
        hits.append((Hit(doc_id, source, title, date, start, end, marked), sentence))
    return hits


def expected_tables() -> dict[str, frozenset[str]]:
    """The SQLite store's tables and columns at SCHEMA_VERSION, as PostgreSQL holds them."""
    shape = {
        table: columns
        for table, columns in migrations._current_shape().items()
        if not table.startswith(_FTS_TABLES)
    }
    table, column = _SEARCH_COLUMN
    shape[table] = shape[table] | {column}
    return shape
