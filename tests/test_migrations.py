"""Numbered migrations: a database of the schema before them (tests/fixtures/kronika-v1.sql, made
by `kronika build` at commit 9accc9c) migrates to the current version and keeps its content."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from kronika.errors import StoreError
from kronika.ingest.document import DATE_PRECISION
from kronika.resolve.entities import entity_id
from kronika.store import Store, browse, migrations
from kronika.store.connection import connect
from kronika.store.migrations import CURRENT_VERSION, MIGRATIONS

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def v1_database(path: Path, *, descriptions: bool = True) -> Path:
    """The fixture's database; without ``descriptions``, as before office descriptions (the
    column that was added by ALTER TABLE then)."""
    db = sqlite3.connect(path)
    db.executescript((FIXTURES / "kronika-v1.sql").read_text(encoding="utf-8"))
    if not descriptions:
        db.execute("ALTER TABLE mentions DROP COLUMN description")
    db.commit()
    db.close()
    return path


def v1_export() -> list[dict[str, object]]:
    """What the version 1 database exported, with the fields added to the contract since: the
    date's precision, and a title analysed since schema 13 (its documents were stored without
    title mentions)."""
    lines = (FIXTURES / "kronika-v1.export.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    return [
        {**r, "date_precision": DATE_PRECISION.get(len(r["date"] or "")), "title_mentions": []}
        for r in records
    ]


def user_version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def test_the_fixture_is_a_database_of_schema_version_one(tmp_path: Path) -> None:
    db = sqlite3.connect(v1_database(tmp_path / "old.db"))
    assert db.execute("PRAGMA user_version").fetchone() == (0,)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
    columns = {row[1] for row in db.execute("PRAGMA table_info(entities)")}
    assert "stands_for" not in columns
    db.close()


def test_a_version_one_database_migrates_keeping_its_content(tmp_path: Path) -> None:
    path = v1_database(tmp_path / "old.db")
    with Store(path) as store:
        records = list(store.export())
    assert user_version(path) == CURRENT_VERSION
    # what today's code exported, stands_for now read from the column the migration filled
    assert records == v1_export()
    kreml = next(e for e in records[0]["entities"] if e["name"] == "Kreml")
    assert kreml["stands_for"] == entity_id("country:RU")
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(CURRENT_VERSION),
    )
    db.close()


def test_a_database_from_before_office_descriptions_migrates(tmp_path: Path) -> None:
    path = v1_database(tmp_path / "older.db", descriptions=False)
    with Store(path) as store:
        (record,) = store.export()
    assert user_version(path) == CURRENT_VERSION
    # what the old database held comes back, its mentions read as names
    (expected,) = v1_export()
    assert record == expected
    assert record["mentions"] and not any(m["description"] for m in record["mentions"])


def test_reading_an_old_database_asks_to_upgrade_it_and_changes_nothing(tmp_path: Path) -> None:
    path = v1_database(tmp_path / "old.db")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="schema version 2.*rerun `kronika build`"):
        Store(path, readonly=True)
    assert path.read_bytes() == before


def test_a_failing_migration_leaves_the_version_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v1_database(tmp_path / "old.db")

    def half_done(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE entities ADD COLUMN stands_for TEXT")
        raise RuntimeError("interrupted")

    broken = dataclasses.replace(MIGRATIONS[2], apply=half_done)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS[:2], broken))
    with pytest.raises(RuntimeError, match="interrupted"):
        Store(path)
    db = sqlite3.connect(path)
    # still a database of before numbered migrations, at version 2 (it has descriptions)
    assert db.execute("PRAGMA user_version").fetchone() == (0,)
    assert migrations.version_of(db, str(path)) == 2
    assert "stands_for" not in {row[1] for row in db.execute("PRAGMA table_info(entities)")}
    db.close()
    monkeypatch.undo()
    with Store(path) as store:
        assert list(store.export()) == v1_export()


def test_a_new_database_runs_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    assert user_version(path) == CURRENT_VERSION == len(MIGRATIONS)
    with Store(path, readonly=True) as store:
        assert store.stats()["documents"] == 0


def test_stands_for_is_read_as_stored(tmp_path: Path) -> None:
    path = v1_database(tmp_path / "old.db")
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE entities SET stands_for = NULL")
    db.commit()
    db.close()
    with Store(path, readonly=True) as store:
        (record,) = store.export()
    # not recomputed from the knowledge base when read
    assert all(entity["stands_for"] is None for entity in record["entities"])


def test_migration_eight_packs_rows_and_indexes_the_stored_text(tmp_path: Path) -> None:
    path = v1_database(tmp_path / "old.db")
    with Store(path) as store:
        # the full-text index answers from the sentences' own text and lemmas, highlighted
        (hit,) = store.search('lemmas:"zapowiedzieć"')
        assert hit.sentence == "Kreml zapowiedział nowe manewry."
        assert [h.start for h in store.search('text:"Mińska"')] == [33]
        # an entity found by the lemma of a mention, as the mentions' lemma index found it
        mentioned = store.db.execute(
            "SELECT DISTINCT entity_id FROM mentions WHERE lemma = 'Kreml'"
        ).fetchall()
        assert store.find_entities(["KREML"]) == [ident for (ident,) in mentioned]
        assert list(store.export()) == v1_export()
    db = sqlite3.connect(path)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "sentences_fts_content" not in tables and "mentions_lemma" not in tables
    kinds = {
        kind
        for table in ("timexes", "quotes", "relations", "events", "facts")
        for (kind,) in db.execute(f"SELECT DISTINCT typeof(data) FROM {table}")
    }
    assert kinds == {"blob"}
    db.close()
    db = connect(str(path), readonly=False, timeout=5.0)  # the index reads lemmas by a function
    assert db.execute("SELECT DISTINCT typeof(lemmas) FROM sentences").fetchall() == [("blob",)]
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
    db.close()


def test_migration_nine_lists_each_entitys_documents_by_date(tmp_path: Path) -> None:
    path = v1_database(tmp_path / "old.db")
    with Store(path) as store:
        rows = store.db.execute(
            "SELECT entity_id, date, doc_id, mentions FROM entity_documents"
        ).fetchall()
        counted = store.db.execute(
            "SELECT m.entity_id, coalesce(d.date, ''), m.doc_id, count(*) FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id "
            "WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id, m.doc_id"
        ).fetchall()
        # the fixture has no relations nor events: every row is an entity's mentions in a document
        assert sorted(rows) == sorted(counted) and rows
        (kreml,) = store.find_entities(["Kreml"])
        assert browse.mentions_by_month(store.db, kreml) == [("2021-10", 1)]
        assert [d.id for d in browse.entity_documents(store.db, kreml)] == ["99e093bbdc6a2574"]
