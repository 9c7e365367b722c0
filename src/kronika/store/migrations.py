"""The schema's history as numbered migrations, recorded in ``PRAGMA user_version``.

A new database runs every migration from the first; an older one runs those after its version.
Each migration runs in its own transaction together with the version it leads to, so a migration
interrupted at any point leaves the database at the version before it. Only a read-write
connection migrates; a read-only one refuses a database that is not at the current version.

Databases made before numbered migrations have user_version 0 and a ``meta`` row
``schema_version = 1``; they are at version 2 when their mentions have the ``description``
column, else at version 1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kronika.errors import StoreError
from kronika.store.connection import transaction
from kronika.store.packed import DOCUMENT_WORDS, pack_json, pack_lemmas, pack_row, unpack


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    summary: str
    apply: Callable[[sqlite3.Connection], None]


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one by one: ``executescript`` would commit first."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if any(line.strip() and not line.strip().startswith("--") for line in pending.splitlines()):
        raise StoreError(f"an SQL statement of kronika's schema is not complete: {pending[:60]!r}")


def _tables(db: sqlite3.Connection) -> None:
    script = resources.files("kronika.store").joinpath("schema_v1.sql").read_text("utf-8")
    for statement in _statements(script):
        db.execute(statement)


def _mention_descriptions(db: sqlite3.Connection) -> None:
    # the databases of this time held no office descriptions: all their mentions are names
    db.execute("ALTER TABLE mentions ADD COLUMN description INTEGER NOT NULL DEFAULT 0")


def _stored_stands_for(db: sqlite3.Connection) -> None:
    # no REFERENCES: the entity a metonym stands for need not be mentioned in the corpus
    db.execute("ALTER TABLE entities ADD COLUMN stands_for TEXT")
    ids = [ident for (ident,) in db.execute("SELECT id FROM entities")]
    if not ids:
        return
    # what these databases' readers computed from the knowledge base at read time
    from kronika.resolve.entities import stands_for

    db.executemany(
        "UPDATE entities SET stands_for = ? WHERE id = ?",
        [(target, ident) for ident in ids if (target := stands_for(ident)) is not None],
    )


def _versions(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE documents ADD COLUMN replaced_by TEXT")
    db.execute("CREATE INDEX documents_url ON documents (url) WHERE url IS NOT NULL")
    # what is stored already: of the documents of one URL, the latest replaces the others
    latest: dict[str, str] = {}
    rows = db.execute(
        "SELECT url, id FROM documents WHERE url IS NOT NULL "
        "ORDER BY url, coalesce(date, ''), rowid"
    ).fetchall()
    for url, ident in rows:
        latest[url] = ident
    db.executemany(
        "UPDATE documents SET replaced_by = ? WHERE url = ? AND id != ?",
        [(ident, url, ident) for url, ident in latest.items()],
    )


def _document_indexes(db: sqlite3.Connection) -> None:
    # a document's rows are read by document id (a record, an export): without these every
    # record read scanned the whole table, and an export took time quadratic in the corpus
    for table in ("quotes", "relations", "events", "facts"):
        db.execute(f"CREATE INDEX IF NOT EXISTS {table}_doc ON {table} (doc_id, start)")
    # members of a bloc, holders of an office: relations by their object
    db.execute("CREATE INDEX IF NOT EXISTS relations_object ON relations (object, predicate)")
    db.execute("CREATE INDEX IF NOT EXISTS events_type ON events (type, time)")


def _event_parties(db: sqlite3.Connection) -> None:
    # who takes part in or hosts an event, by entity: an entity's events by an index, not by
    # reading every event's JSON
    db.execute(
        "CREATE TABLE event_parties (event INTEGER NOT NULL, entity_id TEXT NOT NULL, "
        "PRIMARY KEY (entity_id, event)) WITHOUT ROWID"
    )
    db.execute(
        "INSERT OR IGNORE INTO event_parties SELECT e.rowid, j.value FROM events e, "
        "json_each(e.data, '$.participants') j"
    )
    db.execute(
        "INSERT OR IGNORE INTO event_parties SELECT rowid, json_extract(data, '$.place') "
        "FROM events WHERE json_extract(data, '$.place') IS NOT NULL"
    )


def _mention_counts(db: sqlite3.Connection) -> None:
    # how often each entity is named, kept as documents are added: the most named entities of
    # a million articles without counting every mention at each look
    db.execute("ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "UPDATE entities SET mention_count = "
        "(SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id)"
    )
    db.execute("CREATE INDEX entities_mention_count ON entities (mention_count DESC)")
    db.execute("CREATE INDEX documents_date ON documents (date)")


def _compact(db: sqlite3.Connection) -> None:
    # the full-text index kept its own copy of every sentence's text and lemmas (a sixth of a
    # database): it reads them from the sentences and their documents instead
    db.execute(
        "CREATE VIEW sentence_texts AS SELECT s.rowid AS rowid, "
        'substr(d.text, s.start + 1, s."end" - s.start) AS text, s.lemmas AS lemmas '
        "FROM sentences s JOIN documents d ON d.id = s.doc_id"
    )
    db.execute("DROP TABLE sentences_fts")
    db.execute(
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, lemmas, content = 'sentence_texts', "
        "content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
    # each row's contract JSON compressed (store.packed): a third of a database as plain text
    db.create_function("kronika_pack", 1, pack_json, deterministic=True)
    for table in ("timexes", "quotes", "relations", "events", "facts"):
        db.execute(f"UPDATE {table} SET data = kronika_pack(data) WHERE typeof(data) = 'text'")
    # an entity by the lemma of a mention of it: one row per lemma and entity, where the index
    # of every mention's lemma held a row per mention (half a million for a country at 1M)
    db.execute(
        "CREATE TABLE entity_lemmas (lemma TEXT NOT NULL COLLATE NOCASE, entity_id TEXT NOT NULL, "
        "PRIMARY KEY (lemma, entity_id)) WITHOUT ROWID"
    )
    db.execute(
        "INSERT OR IGNORE INTO entity_lemmas SELECT lemma, entity_id FROM mentions "
        "WHERE entity_id IS NOT NULL"
    )
    db.execute("DROP INDEX mentions_lemma")


#: what migration 9 creates; the store keeps it as documents are added and replaced
ENTITY_DOCUMENTS = (
    "CREATE TABLE entity_documents (entity_id TEXT NOT NULL, date TEXT NOT NULL, "
    "doc_id TEXT NOT NULL, mentions INTEGER NOT NULL, "
    "PRIMARY KEY (entity_id, date DESC, doc_id)) WITHOUT ROWID"
)


#: migration 9's rows for the documents stored before it (its PostgreSQL twin runs it too)
ENTITY_DOCUMENTS_BACKFILL = (
    "INSERT INTO entity_documents SELECT p.entity_id, coalesce(d.date, ''), p.doc_id, "
    "sum(p.mentions) FROM (SELECT entity_id, doc_id, 1 AS mentions FROM mentions "
    "WHERE entity_id IS NOT NULL UNION ALL SELECT subject, doc_id, 0 FROM relations "
    "UNION ALL SELECT object, doc_id, 0 FROM relations WHERE object IS NOT NULL "
    "UNION ALL SELECT ep.entity_id, e.doc_id, 0 FROM event_parties ep "
    "JOIN events e ON e.rowid = ep.event) p "
    "JOIN documents d ON d.id = p.doc_id AND d.replaced_by IS NULL "
    "GROUP BY p.entity_id, p.doc_id, d.date"
)


def _entity_documents(db: sqlite3.Connection) -> None:
    # each entity's current documents, latest first, with its mentions in each ('' for an
    # undated one): a page of an entity named in a third of a million articles reads its latest
    # documents and months from one index instead of sorting every mention by date
    db.execute(ENTITY_DOCUMENTS)
    db.execute(ENTITY_DOCUMENTS_BACKFILL)


#: what migration 10 creates: each quotation under each entity its words name, oldest first
#: (``undated`` 1 after the dated ones, as the quotes query orders them)
QUOTED_ENTITIES = (
    "CREATE TABLE quoted_entities (entity_id TEXT NOT NULL, undated INTEGER NOT NULL, "
    "time TEXT NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL, quote INTEGER NOT NULL, "
    "PRIMARY KEY (entity_id, undated, time, doc_id, start, quote)) WITHOUT ROWID"
)

#: the rows of quoted_entities of the current documents (``{where}``: which of them); the store
#: adds a document's with it, removes a replaced one's, migration 10 adds those stored before it
QUOTED_ENTITY_ROWS = (
    "SELECT DISTINCT m.entity_id, CASE WHEN q.time IS NULL THEN 1 ELSE 0 END, "
    "coalesce(q.time, ''), q.doc_id, q.start, q.rowid FROM quotes q "
    'JOIN mentions m ON m.doc_id = q.doc_id AND m.start >= q.start AND m."end" <= q."end" '
    "WHERE m.entity_id IS NOT NULL AND {where}"
)


#: migration 10's rows for the documents stored before it
QUOTED_ENTITIES_BACKFILL = "INSERT INTO quoted_entities " + QUOTED_ENTITY_ROWS.format(
    where="q.doc_id IN (SELECT id FROM documents WHERE replaced_by IS NULL)"
)

#: the rows the migrations after 8 derive from the tables before them, by version: the
#: PostgreSQL store's upgrade runs them too
BACKFILLS = {9: ENTITY_DOCUMENTS_BACKFILL, 10: QUOTED_ENTITIES_BACKFILL}


def _quoted_entities(db: sqlite3.Connection) -> None:
    # the quotations about an entity named in a third of a million articles: a page of them,
    # oldest first, read from one key instead of every quotation of its documents sorted
    db.execute(QUOTED_ENTITIES)
    db.execute(QUOTED_ENTITIES_BACKFILL)


def _smaller_rows(db: sqlite3.Connection) -> None:
    # the index of mentions by entity took a sixteenth of a database; an entity's mentions are
    # read from its documents in entity_documents and each document's mentions by its key
    db.execute("DROP INDEX mentions_entity")
    # a quotation's and a timex's words were stored three times: in the document, in a column
    # and in the row's packed record; the column was never read back. A mention's words are the
    # document's at its offsets.
    db.execute("ALTER TABLE quotes DROP COLUMN text")
    db.execute("ALTER TABLE timexes DROP COLUMN text")
    db.execute("ALTER TABLE mentions DROP COLUMN text")


def _quotes_by_speaker_in_time(db: sqlite3.Connection) -> None:
    # a speaker's quotations are read a page at a time, oldest first: in the index's order, a
    # speaker of 71,000 of a million articles' quotations costs 0.2 ms instead of a 180 ms sort
    db.execute("DROP INDEX quotes_speaker")
    db.execute("CREATE INDEX quotes_speaker ON quotes (speaker, time IS NULL, time, doc_id, start)")


def _title_mentions(db: sqlite3.Connection) -> None:
    # the names of a document's title, offsets into the title (documents stored before have none:
    # their titles were not analysed)
    db.execute(
        "CREATE TABLE title_mentions (doc_id TEXT NOT NULL REFERENCES documents(id), "
        'start INTEGER NOT NULL, "end" INTEGER NOT NULL, entity TEXT, data BLOB NOT NULL)'
    )
    db.execute("CREATE INDEX title_mentions_doc ON title_mentions (doc_id, start)")


#: a sentence's text, by the sentence row ``s`` and its document ``d``
_SENTENCE_TEXT = 'substr(d.text, s.start + 1, s."end" - s.start)'


def _packed_lemmas(db: sqlite3.Connection) -> None:
    # a sentence's lemmas were a sixth of a database, as long as its text: compressed against
    # the text (store.packed), they take a third of that; the full-text index reads them
    # unpacked through the view, so the index itself stays as it is
    db.create_function("kronika_pack_lemmas", 2, pack_lemmas, deterministic=True)
    db.execute(
        f"UPDATE sentences AS s SET lemmas = kronika_pack_lemmas(s.lemmas, {_SENTENCE_TEXT}) "
        "FROM documents d WHERE d.id = s.doc_id AND typeof(s.lemmas) = 'text'"
    )
    # a quotation's and a timex's words are the document's at their offsets (store.packed)
    for table in DOCUMENT_WORDS:
        last = 0
        while rows := db.execute(  # a thousand at a time: a million articles do not fit memory
            f"SELECT t.rowid, t.data, d.text FROM {table} t JOIN documents d ON d.id = t.doc_id "
            "WHERE t.rowid > ? ORDER BY t.rowid LIMIT 1000",
            (last,),
        ).fetchall():
            db.executemany(
                f"UPDATE {table} SET data = ? WHERE rowid = ?",
                [(pack_row(table, unpack(data), text), rowid) for rowid, data, text in rows],
            )
            last = rows[-1][0]
    db.execute("DROP VIEW sentence_texts")
    db.execute(
        f"CREATE VIEW sentence_texts AS SELECT s.rowid AS rowid, {_SENTENCE_TEXT} AS text, "
        f"kronika_lemmas(s.lemmas, {_SENTENCE_TEXT}) AS lemmas "
        "FROM sentences s JOIN documents d ON d.id = s.doc_id"
    )


MIGRATIONS = (
    Migration(1, "documents, sentences and their full-text index, entities, mentions, …", _tables),
    Migration(2, "mentions.description: an office standing for its holder", _mention_descriptions),
    Migration(3, "entities.stands_for, stored when written instead of read", _stored_stands_for),
    Migration(4, "documents.replaced_by: a page fetched again replaces its older text", _versions),
    Migration(
        5,
        "indexes: a document's quotes, relations, events, facts; relations by object",
        _document_indexes,
    ),
    Migration(
        6, "event_parties: the entities taking part in or hosting each event", _event_parties
    ),
    Migration(
        7,
        "entities.mention_count kept as documents are added; documents by date",
        _mention_counts,
    ),
    Migration(
        8,
        "smaller: full-text index over the stored text, rows' JSON packed, entity_lemmas",
        _compact,
    ),
    Migration(
        9,
        "entity_documents: each entity's current documents by date, with its mentions",
        _entity_documents,
    ),
    Migration(
        10,
        "quoted_entities: each quotation under each entity it names, oldest first",
        _quoted_entities,
    ),
    Migration(
        11,
        "smaller: no index of mentions by entity (read through entity_documents), no text "
        "column in mentions, quotes and timexes (their words are the document's)",
        _smaller_rows,
    ),
    Migration(
        12,
        "quotes_speaker in the order a speaker's quotations are read: undated last, by time",
        _quotes_by_speaker_in_time,
    ),
    Migration(13, "title_mentions: the names of a document's title", _title_mentions),
    Migration(
        14,
        "smaller: sentences' lemmas compressed against their text, quotations' and timexes' "
        "words not stored twice",
        _packed_lemmas,
    ),
)
CURRENT_VERSION = MIGRATIONS[-1].version


def version_of(db: sqlite3.Connection, path: str) -> int:
    """The database's schema version, 0 for an empty database; a StoreError for a file that is
    not a kronika database."""
    if db.in_transaction:
        return _version_in(db, path)
    # one read transaction, so the version, the tables and meta come from one snapshot: read one
    # by one, another build could commit its migrations between them
    db.execute("BEGIN DEFERRED")
    try:
        return _version_in(db, path)
    finally:
        db.execute("COMMIT")


def _version_in(db: sqlite3.Connection, path: str) -> int:
    (version,) = db.execute("PRAGMA user_version").fetchone()
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names:
        return 0
    if "meta" not in names:
        raise StoreError(
            f"{path}: not a kronika database (an SQLite database with other tables: "
            f"{', '.join(sorted(names)[:5])}); pass a new file name or one made by `kronika build`"
        )
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # another application's table called meta
        row = None
    if row is None:
        raise StoreError(
            f"{path}: not a kronika database (its meta table has no schema version); pass a new "
            "file name or one made by `kronika build`"
        )
    if version == 0 and row[0] == "1":
        columns = {column for _cid, column, *_rest in db.execute("PRAGMA table_info(mentions)")}
        return 2 if "description" in columns else 1
    if version == 0:
        raise StoreError(f"{path}: a kronika database of unknown schema version {row[0][:20]!r}")
    return int(version)


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Bring the database to the current version (a new one from nothing), then check it."""
    version = _known(version_of(db, path), path)
    while version < CURRENT_VERSION:
        with transaction(db):
            # read again under the write lock: another build may have migrated meanwhile
            version = _known(version_of(db, path), path)
            if version >= CURRENT_VERSION:
                break
            migration = MIGRATIONS[version]
            migration.apply(db)
            db.execute(f"PRAGMA user_version = {migration.version}")
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                (str(migration.version),),
            )
            version = migration.version
    check_tables(db, path)


def check(db: sqlite3.Connection, path: str) -> None:
    """A StoreError unless the database is a kronika database of the current version, whole."""
    version = _known(version_of(db, path), path)
    if version == 0:
        raise StoreError(
            f"{path}: an empty file or database, not a kronika database; build one with "
            f"`kronika build PATH --db {path}`"
        )
    if version < CURRENT_VERSION:
        raise StoreError(
            f"{path}: a kronika database of schema version {version}, this kronika reads version "
            f"{CURRENT_VERSION}; upgrade it in place by opening it for writing once: rerun "
            f"`kronika build` with its sources (stored documents are skipped), or in Python "
            f"`kronika.open_db({path!r}, readonly=False).close()`"
        )
    check_tables(db, path)


def _known(version: int, path: str) -> int:
    if version > CURRENT_VERSION:
        raise StoreError(
            f"{path}: made by a newer kronika (schema version {version}; this one reads up to "
            f"{CURRENT_VERSION}); upgrade kronika to read it"
        )
    return version


def check_tables(db: sqlite3.Connection, path: str) -> None:
    """A StoreError naming the first table or column of the current schema the database lacks."""
    for table, columns in _current_shape().items():
        found = {column for _cid, column, *_rest in db.execute(f'PRAGMA table_info("{table}")')}
        if not found:
            missing = f"table {table}"
        elif columns - found:
            missing = f"column {table}.{min(columns - found)}"
        else:
            continue
        raise StoreError(
            f"{path}: a damaged kronika database: {missing} is missing; rebuild it into a new "
            "file with `kronika build`"
        )


@lru_cache(maxsize=1)
def _current_shape() -> dict[str, frozenset[str]]:
    """Every table of the current schema and its columns, from running the migrations."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with transaction(db):
            for migration in MIGRATIONS:
                migration.apply(db)
        query = "SELECT name FROM sqlite_master WHERE type = 'table'"
        tables = [name for (name,) in db.execute(query)]
        return {
            table: frozenset(row[1] for row in db.execute(f'PRAGMA table_info("{table}")'))
            for table in tables
        }
    finally:
        db.close()
