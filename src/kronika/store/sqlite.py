"""The SQLite store: one file, WAL, one transaction per batch, FTS5 over lemmas and surface text.

A batch is committed whole or not at all, and a document's rows are written in the same
transaction as the document, so a build killed at any moment leaves only complete documents; a
rerun skips them by id and adds the rest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kronika.errors import StoreError
from kronika.pipeline import Analysis
from kronika.resolve.entities import stands_for

SCHEMA_VERSION = "1"
# Record keys whose rows live in their own tables (all but the columns named in the schema go
# into the row's `data` JSON, so contract fields added later survive a round trip).
EXTRA_TABLES = {
    "timexes": ("start", "end", "text", "type", "value"),
    "quotes": ("start", "end", "text", "kind", "speaker", "time"),
    "relations": ("start", "end", "subject", "predicate", "object", "time", "claim"),
    "events": ("start", "end", "type", "time"),
    "facts": ("start", "end", "type", "time", "claim"),
}


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    source: str
    date: str | None
    title: str | None
    sentence: str
    start: int
    end: int


class Store:
    """A kronika database. ``Store(path)`` creates it if needed; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path}: cannot open as a kronika database ({error}); "
                "pass a new file name or a database made by `kronika build`"
            ) from error

    def _migrate(self) -> None:
        schema = resources.files("kronika.store").joinpath("schema.sql").read_text("utf-8")
        self.db.executescript(f"BEGIN; {schema} COMMIT;")
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {row[0]}, this kronika reads {SCHEMA_VERSION}; "
                "rebuild the database with this version"
            )
        columns = {name for _cid, name, *_rest in self.db.execute("PRAGMA table_info(mentions)")}
        if "description" not in columns:
            # a database from before office descriptions were mentions: none of its are
            self.db.execute(
                "ALTER TABLE mentions ADD COLUMN description INTEGER NOT NULL DEFAULT 0"
            )

    # --- transactions --------------------------------------------------------------------------

    def transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    def add(self, analyses: Sequence[Analysis]) -> int:
        """Store a batch in one transaction; documents already stored are skipped. Returns added."""
        added = 0
        with self.transaction():
            for analysis in analyses:
                added += self._add_one(analysis)
        return added

    def _add_one(self, analysis: Analysis) -> int:
        record = analysis.record
        doc_id = record["id"]
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                record["source"],
                record.get("external_id"),
                record["title"],
                record["url"],
                record["date"],
                record["date_source"],
                record["text"],
            ),
        )
        if cursor.rowcount == 0:
            return 0
        text = record["text"]
        for idx, (sentence, lemmas) in enumerate(
            zip(record["sentences"], analysis.sentence_lemmas)
        ):
            rowid = self.db.execute(
                'INSERT INTO sentences (doc_id, idx, start, "end", lemmas) VALUES (?, ?, ?, ?, ?)',
                (doc_id, idx, sentence["start"], sentence["end"], lemmas),
            ).lastrowid
            self.db.execute(
                "INSERT INTO sentences_fts (rowid, text, lemmas) VALUES (?, ?, ?)",
                (rowid, text[sentence["start"] : sentence["end"]], lemmas),
            )
        for entity in record["entities"]:
            self.db.execute(
                "INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?)",
                (entity["id"], entity["name"], entity["type"], entity["kb"]),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)",
                [(entity["id"], alias) for alias in (entity["name"], *entity["aliases"])],
            )
        self.db.executemany(
            'INSERT OR IGNORE INTO mentions (doc_id, start, "end", text, lemma, type, label, '
            "derived, entity_id, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    m["start"],
                    m["end"],
                    m["text"],
                    m["lemma"],
                    m["type"],
                    m["label"],
                    int(m["derived"]),
                    m["entity"],
                    int(m.get("description", False)),
                )
                for m in record["mentions"]
            ],
        )
        for table, columns in EXTRA_TABLES.items():
            for row in record.get(table, []):
                values = [row.get(column) for column in columns]
                if "claim" in columns:
                    values[columns.index("claim")] = int(bool(row.get("claim")))
                placeholders = ", ".join("?" * (len(columns) + 2))
                names = ", ".join(f'"{c}"' for c in columns)
                self.db.execute(
                    f"INSERT INTO {table} (doc_id, {names}, data) VALUES ({placeholders})",
                    (doc_id, *values, json.dumps(row, ensure_ascii=False, sort_keys=True)),
                )
        return 1

    # --- reading -------------------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def export(self) -> Iterator[dict[str, Any]]:
        """Contract records of every stored document, ordered by id."""
        for doc_id in self.document_ids():
            yield self.record(doc_id)

    def record(self, doc_id: str) -> dict[str, Any]:
        db = self.db
        row = db.execute(
            "SELECT id, source, external_id, title, url, date, date_source, text "
            "FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document with id {doc_id}")
        keys = ("id", "source", "external_id", "title", "url", "date", "date_source", "text")
        record: dict[str, Any] = dict(zip(keys, row))
        record["sentences"] = [
            {"start": s, "end": e}
            for s, e in db.execute(
                'SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY idx', (doc_id,)
            )
        ]
        mentions = db.execute(
            'SELECT start, "end", text, lemma, type, label, derived, description, entity_id '
            'FROM mentions WHERE doc_id = ? ORDER BY start, "end"',
            (doc_id,),
        ).fetchall()
        record["mentions"] = [
            {
                "start": s,
                "end": e,
                "text": t,
                "lemma": lm,
                "type": ty,
                "label": lb,
                "derived": bool(d),
                "description": bool(ds),
                "entity": ent,
            }
            for s, e, t, lm, ty, lb, d, ds, ent in mentions
        ]
        entity_ids = list(dict.fromkeys(m["entity"] for m in record["mentions"] if m["entity"]))
        record["entities"] = [self.entity(ident, doc_id=doc_id) for ident in entity_ids]
        for table in EXTRA_TABLES:
            record[table] = [
                json.loads(data)
                for (data,) in db.execute(
                    f'SELECT data FROM {table} WHERE doc_id = ? ORDER BY start, "end", rowid',
                    (doc_id,),
                )
            ]
        return record

    def entity(self, entity_id: str, *, doc_id: str | None = None) -> dict[str, Any]:
        """An entity with its aliases: those seen in ``doc_id`` only, or everywhere."""
        row = self.db.execute(
            "SELECT id, name, type, kb FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no entity with id {entity_id}")
        entity = dict(zip(("id", "name", "type", "kb"), row))
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
                "SELECT text, lemma FROM mentions WHERE entity_id = ? AND doc_id = ? "
                "AND NOT derived AND NOT description",
                (entity_id, doc_id),
            ):
                aliases.update((text, lemma))
        entity["aliases"] = sorted(aliases - {entity["name"]})
        entity["stands_for"] = stands_for(entity_id)
        return entity

    def find_entities(self, names: Iterable[str]) -> list[str]:
        """Ids of entities whose name, alias or a mention lemma equals one of ``names``, or whose
        name ends with it as a word (a surname finds the full name). Case-insensitive."""
        found: dict[str, None] = {}
        for name in names:
            query = (
                "SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE "
                "OR name LIKE '% ' || ?1 "
                "UNION SELECT entity_id FROM entity_aliases WHERE alias = ?1 COLLATE NOCASE "
                "UNION SELECT entity_id FROM mentions WHERE lemma = ?1 COLLATE NOCASE "
                "AND entity_id IS NOT NULL"
            )
            for (ident,) in self.db.execute(query, (name,)):
                found.setdefault(ident)
        return sorted(found, key=lambda ident: -self.mention_count(ident))

    def mention_count(self, entity_id: str) -> int:
        return self.db.execute(
            "SELECT count(*) FROM mentions WHERE entity_id = ?", (entity_id,)
        ).fetchone()[0]

    def mentions_of(self, entity_id: str) -> list[dict[str, Any]]:
        """Every mention of an entity with its sentence, by document date then position."""
        rows = self.db.execute(
            """
            SELECT m.doc_id, d.source, d.date, m.start, m."end", m.text,
                   substr(d.text, s.start + 1, s."end" - s.start)
            FROM mentions m
            JOIN documents d ON d.id = m.doc_id
            LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.start <= m.start AND m.start < s."end"
            WHERE m.entity_id = ?
            ORDER BY d.date IS NULL, d.date, m.doc_id, m.start
            """,
            (entity_id,),
        )
        keys = ("doc_id", "source", "date", "start", "end", "text", "sentence")
        return [dict(zip(keys, row)) for row in rows]

    def search(self, fts_query: str, *, limit: int = 20) -> list[SearchHit]:
        """Sentences matching an FTS5 query, best first."""
        try:
            rows = self.db.execute(
                """
                SELECT s.doc_id, d.source, d.date, d.title, f.text, s.start, s."end"
                FROM sentences_fts f
                JOIN sentences s ON s.rowid = f.rowid
                JOIN documents d ON d.id = s.doc_id
                WHERE sentences_fts MATCH ?
                ORDER BY f.rank, s.doc_id, s.idx
                LIMIT ?
                """,
                (fts_query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise StoreError(f"search query {fts_query!r} is not valid: {error}") from error
        return [SearchHit(*row) for row in rows]

    def quotes(
        self,
        *,
        speakers: Sequence[str] | None = None,
        about: Sequence[str] | None = None,
        since: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored quotations, oldest first, each with its document and sentence.

        ``speakers``: entity ids of the speaker; ``about``: entity ids one of which the quoted
        words mention; ``since``: an ISO date the quote's time must not precede.
        """
        conditions, parameters = [], []
        if speakers is not None:
            conditions.append(f"q.speaker IN ({', '.join('?' * len(speakers))})")
            parameters.extend(speakers)
        if about is not None:
            conditions.append(
                "EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = q.doc_id AND m.start >= q.start"
                f' AND m."end" <= q."end" AND m.entity_id IN ({", ".join("?" * len(about))}))'
            )
            parameters.extend(about)
        if since is not None:
            # "2022" ≥ "2021-11" compares as text the way dates do, prefix for prefix
            conditions.append("q.time IS NOT NULL AND q.time >= ?")
            parameters.append(since)
        where = " AND ".join(conditions) or "1"
        rows = self.db.execute(
            f"""
            SELECT q.doc_id, d.source, q.time, q.data,
                   (SELECT substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s
                    WHERE s.doc_id = q.doc_id AND s."end" > q.start ORDER BY s.idx LIMIT 1)
            FROM quotes q JOIN documents d ON d.id = q.doc_id
            WHERE {where}
            ORDER BY q.time IS NULL, q.time, q.doc_id, q.start
            """,
            parameters,
        )
        result = []
        for doc_id, source, time, data, sentence in rows:
            quote = json.loads(data)
            quote.update(doc_id=doc_id, source=source, time=time, sentence=sentence)
            result.append(quote)
        return result

    def dated_mentions(self, entity_id: str) -> list[dict[str, Any]]:
        """Sentences mentioning the entity together with a calendar date, one row per pair."""
        rows = self.db.execute(
            """
            SELECT DISTINCT m.doc_id, d.source, t.value, t.text, s.start,
                   substr(d.text, s.start + 1, s."end" - s.start)
            FROM mentions m
            JOIN documents d ON d.id = m.doc_id
            JOIN sentences s ON s.doc_id = m.doc_id AND s.start <= m.start AND m.start < s."end"
            JOIN timexes t ON t.doc_id = m.doc_id AND t.start >= s.start AND t.start < s."end"
            WHERE m.entity_id = ? AND t.type = 'DATE' AND t.value GLOB '[0-9][0-9][0-9][0-9]*'
            ORDER BY t.value, m.doc_id, s.start
            """,
            (entity_id,),
        )
        keys = ("doc_id", "source", "time", "timex", "start", "sentence")
        return [dict(zip(keys, row)) for row in rows]

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


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (KeyboardInterrupt included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
