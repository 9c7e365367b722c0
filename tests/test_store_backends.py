"""The store on both backends, SQLite and PostgreSQL: storing, skipping what is stored, reading
only when asked to read, several writers at once, and the same answers to every query."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import postgres_server as pg_server
import psycopg
import pytest

import kronika
from kronika.errors import StoreError
from kronika.model import Analysis, Entity, Mention, Span
from kronika.store import (
    Store,
    browse,
    graph,
    migrations,
    open_store,
    postgres,
    queries,
    text_search,
)
from kronika.store.copy import copy_documents, stored_analysis
from kronika.store.postgres_connection import translate

# --- the same answers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def both(
    tmp_path_factory: pytest.TempPathFactory, examples_dir: Path, postgres_server: str
) -> tuple[str, str]:
    """The examples built into SQLite, and the same records stored into PostgreSQL."""
    folder = tmp_path_factory.mktemp("both")
    sqlite_db = str(folder / "news.db")
    kronika.build([examples_dir], sqlite_db)
    url = pg_server.new_database(postgres_server)
    with kronika.open_db(sqlite_db) as source, open_store(url) as target:
        assert copy_documents(source, target, batch_size=5) == len(source.document_ids()) >= 8
    return sqlite_db, url


NAMES = ["Łukaszenko", "Białoruś", "WNP", "Putin", "Cichanouska", "Rosja", "Astana"]
SEARCHES = ["Łukaszenko", "Łukaszence", "lukaszence", "Mińsk", "wybory prezydenckie", "Unii"]


def _answers(target: str) -> dict[str, Any]:
    with kronika.open_db(target) as store:
        db = store.db
        answers: dict[str, Any] = {
            "export": list(store.export(all_versions=True)),
            "stats": store.stats(),
            "home": (browse.top_entities(db), browse.latest_documents(db)),
            "count": browse.document_count(db),
            "events": kronika.events(store),
        }
        for name in NAMES:
            ids = kronika.api.entity_ids(store, name)
            answers[f"entity {name}"] = kronika.find_entities(store, name)
            answers[f"quotes {name}"] = (
                kronika.quotes(store, speaker=name),
                kronika.quotes(store, about=name, since="2021"),
            )
            answers[f"timeline {name}"] = kronika.timeline(store, name)
            answers[f"graph {name}"] = (
                kronika.relations(store, name),
                kronika.members(store, name, as_of="2024-03"),
                kronika.roles(store, name),
                kronika.events(store, entity=name),
            )
            answers[f"browse {name}"] = [
                (
                    browse.entity_row(db, ident),
                    browse.mentions_by_month(db, ident),
                    browse.entity_documents(db, ident),
                    browse.co_occurring(db, ident),
                    graph.assertions(db, [ident], latest=5),
                )
                for ident in ids
            ]
        for words in SEARCHES:
            # the hits, not their order: ts_rank and bm25 rank equally good hits differently
            answers[f"search {words}"] = sorted(
                kronika.search(store, words, limit=1000), key=lambda hit: repr(hit)
            )
            query = kronika.api.lemma_query(words)
            answers[f"page {words}"] = sorted(
                browse.search(db, query, limit=1000, since="2020", entity_type="person"),
                key=lambda hit: repr(hit),
            )
    return answers


def test_both_backends_give_the_same_answers(both: tuple[str, str]) -> None:
    sqlite_answers, postgres_answers = (_answers(target) for target in both)
    assert sqlite_answers["stats"]["documents"] >= 8
    assert any(sqlite_answers[f"search {words}"] for words in SEARCHES)
    assert any(sqlite_answers[f"graph {name}"][1] for name in NAMES)  # members found somewhere
    for key, expected in sqlite_answers.items():
        assert postgres_answers[key] == expected, key


# --- storing, skipping, reading only -------------------------------------------------------------


def document(doc_id: str, person: str = "Donald Tusk") -> Analysis:
    text = f"{person} przemawiał w Sejmie."
    entity = Entity(f"e-{person.split()[-1].lower()}", person, "person")
    return Analysis(
        id=doc_id,
        source=f"{doc_id}.txt",
        date="2024-03-12",
        date_source="marker",
        text=text,
        sentences=(Span(0, len(text)),),
        entities=(entity,),
        mentions=(Mention(0, len(person), person, person, "person", "persName", entity=entity.id),),
        sentence_lemmas=(f"{person} przemawiać w Sejm",),
    )


def test_a_document_stored_already_is_skipped(any_database: str) -> None:
    with open_store(any_database) as store:
        assert store.add([document("0000000000000001"), document("0000000000000002")]) == 2
        assert store.add([document("0000000000000002"), document("0000000000000003")]) == 1
        assert store.document_ids() == [f"000000000000000{i}" for i in (1, 2, 3)]
        assert store.stats()["top_entities"] == [
            {"name": "Donald Tusk", "type": "person", "mentions": 3}
        ]
    with kronika.open_db(any_database) as store:
        (hit, *_) = kronika.search(store, "przemawiać Sejmu")
        assert hit.sentence == "Donald Tusk przemawiał w Sejmie."
        assert [e["name"] for e in kronika.find_entities(store, "tusk")] == ["Donald Tusk"]


def test_a_frequent_word_is_ranked_among_its_latest_matches(
    any_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = ["Donald Tusk", "Jan Kowalski", "Anna Nowak", "Ewa Lis", "Piotr Wiśniewski"]
    with open_store(any_database) as store:
        store.add([document(f"{i:016d}", person) for i, person in enumerate(people)])
    with kronika.open_db(any_database) as store:
        assert len(kronika.search(store, "Sejm", limit=10)) == 5
        monkeypatch.setattr(queries, "RANKED_WINDOW", 2)
        # one hit ranked among the two latest stored; ten among the ten latest, so all five
        (hit,) = kronika.search(store, "Sejm", limit=1)
        assert hit.doc_id in {f"{3:016d}", f"{4:016d}"}
        assert len(kronika.search(store, "Sejm", limit=10)) == 5


def test_reading_never_writes(any_database: str) -> None:
    with open_store(any_database) as store:
        store.add([document("0000000000000001")])
    with kronika.open_db(any_database) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.add([document("0000000000000002")])
        # the database itself refuses: SQLite's mode=ro, PostgreSQL's read-only transactions
        with pytest.raises((StoreError, sqlite3.Error)):
            store.db.execute("DELETE FROM documents")
        assert store.document_ids() == ["0000000000000001"]


def test_an_empty_database_is_not_created_by_reading(any_database: str) -> None:
    if not any_database.startswith("postgresql://"):
        Path(any_database).write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        kronika.open_db(any_database)
    with open_store(any_database) as store:  # writing creates it
        assert store.document_ids() == []


def _damage(target: str, statement: str) -> None:
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as db:
            db.execute(statement)
    else:
        with sqlite3.connect(target) as db:
            db.execute(statement)
        db.close()


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("DROP TABLE quotes", "table quotes is missing"),
        ("UPDATE meta SET value = '99' WHERE key = 'schema_version'", "newer kronika"),
    ],
)
def test_a_damaged_database_is_refused(any_database: str, statement: str, message: str) -> None:
    open_store(any_database).close()
    if "99" in statement and not any_database.startswith("postgresql://"):
        statement = "PRAGMA user_version = 99"
    _damage(any_database, statement)
    with pytest.raises(StoreError, match=message):
        kronika.open_db(any_database)


def test_another_applications_database_is_refused_unchanged(postgres_server: str) -> None:
    url = pg_server.new_database(postgres_server)
    _damage(url, "CREATE TABLE notes (id serial PRIMARY KEY, body text)")
    for readonly in (True, False):
        with pytest.raises(StoreError, match="not a kronika database"):
            open_store(url, readonly=readonly)
    import psycopg

    with psycopg.connect(url) as db:
        tables = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("notes",)]


def test_a_password_is_never_shown(postgres_server: str) -> None:
    host = postgres_server.split("@", 1)[1].split("/", 1)[0]
    url = f"postgresql://kronika:sekret@{host}/no_such_database"
    with pytest.raises(StoreError) as raised:
        kronika.open_db(url)
    assert "sekret" not in str(raised.value) and "***" in str(raised.value)


# --- several writers ----------------------------------------------------------------------------


def test_writers_at_once_store_each_document_once(any_database: str) -> None:
    # no database yet: the writers also create it at once
    people = ["Donald Tusk", "Andrzej Duda", "Radosław Sikorski"]
    batches = [
        [document(f"{i:016d}", people[i % 3]) for i in range(start, start + 30)]
        for start in (0, 10, 20, 5)  # overlapping: every id offered by two or more writers
    ]
    added: list[int] = []
    failures: list[BaseException] = []

    def write(batch: list[Analysis]) -> None:
        try:
            with open_store(any_database) as store:
                for first in range(0, len(batch), 5):
                    added.append(store.add(batch[first : first + 5]))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)

    threads = [threading.Thread(target=write, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    with kronika.open_db(any_database) as store:
        assert store.document_ids() == [f"{i:016d}" for i in range(50)]
        counts = {row["name"]: row["mentions"] for row in store.stats()["top_entities"]}
        rows = browse.top_entities(store.db)
    assert sum(added) == 50
    assert counts == {"Donald Tusk": 17, "Andrzej Duda": 17, "Radosław Sikorski": 16}
    assert {row.name: row.mentions for row in rows} == counts  # the kept counts agree


def test_the_postgres_schema_is_the_sqlite_schema_of_its_version(postgres_server: str) -> None:
    # a migration added to SQLite needs its twin in schema_postgres.sql (and SCHEMA_VERSION)
    assert postgres.SCHEMA_VERSION == migrations.CURRENT_VERSION
    with open_store(pg_server.new_database(postgres_server)) as store:
        tables = cast(postgres.PostgresStore, store).tables()
    for table, columns in postgres.expected_tables().items():
        assert columns <= tables[table], table
    assert set(tables) == set(postgres.expected_tables())


# --- the pieces, without a server ---------------------------------------------------------------


def test_sqlite_spelling_is_translated() -> None:
    assert translate("SELECT a FROM t WHERE b = ?1 OR c LIKE '% ' || ?2 OR d = ?1") == (
        "SELECT a FROM t WHERE b = %s OR c LIKE '%% ' || %s OR d = %s",
        (0, 1, 0),
    )
    assert translate("INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)", single=False) == (
        "INSERT INTO entity_aliases VALUES (%s, %s) ON CONFLICT DO NOTHING",
        None,
    )
    assert translate("SELECT x FROM t LIMIT ? OFFSET ?")[0] == (
        "SELECT x FROM t LIMIT nullif(%s, -1) OFFSET %s"
    )
    assert translate("INSERT INTO events (doc_id) VALUES (?)")[0].endswith("RETURNING rowid")
    assert translate("SELECT \"?\" FROM t WHERE x = '?'")[0] == "SELECT \"?\" FROM t WHERE x = '?'"


def _fts5(sentence: str, query: str) -> tuple[bool, str]:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO f VALUES (?)", (sentence,))
    row = db.execute(
        "SELECT highlight(f, 0, '[', ']') FROM f WHERE f MATCH ?", (f'"{query}"',)
    ).fetchone()
    db.close()
    return (row is not None, row[0] if row else sentence)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Łukaszenko spotkał się z Putinem.", "ŁUKASZENKO"),
        ("Łukaszenko spotkał się z Putinem.", "Lukaszenko"),
        ("Zażółć gęślą jaźń, rzekł Zbigniew.", "zazolc"),
        ("Zażółć gęślą jaźń, rzekł Zbigniew.", "gesla"),
        ("Rada Bezpieczeństwa ONZ-u zebrała się w 2024 r.", "ONZ-u"),
        ("Rada Bezpieczeństwa ONZ-u zebrała się w 2024 r.", "2024"),
        ("Kowalska-Nowak i Nowak mówili o tym.", "Nowak"),
        ("Kowalska-Nowak i Nowak mówili o tym.", "Kowalska-Nowak"),
    ],
)
def test_words_are_cut_and_folded_as_fts5_does(sentence: str, word: str) -> None:
    found, highlighted = _fts5(sentence, word)
    phrase = text_search.tokens(word)
    assert (phrase == [] or _contains(text_search.tokens(sentence), phrase)) == found
    assert text_search.marked(sentence, [word], ("[", "]")) == highlighted


def _contains(tokens: list[str], phrase: list[str]) -> bool:
    return any(tokens[i : i + len(phrase)] == phrase for i in range(len(tokens)))


def test_a_store_of_each_backend_opens_by_its_name(any_database: str) -> None:
    opened: Callable[..., Store] = open_store
    with opened(any_database) as store:
        kind = type(store).__name__
    assert kind == ("PostgresStore" if any_database.startswith("postgresql://") else "Store")


def test_the_command_line_takes_a_url(postgres_server: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kronika.cli import main

    url = pg_server.new_database(postgres_server)
    article = tmp_path / "tusk.txt"
    article.write_text(
        "date 2024-03-12\nDonald Tusk spotkał się w Warszawie z Wołodymyrem Zełenskim.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(article), "--db", url])
    assert built.exit_code == 0, built.output
    assert "added 1 documents" in built.output
    found = runner.invoke(main, ["entity", "--db", url, "Tuska"])
    assert found.exit_code == 0 and "Donald Tusk" in found.output
    searched = runner.invoke(main, ["search", "--db", url, "spotkać"])
    assert searched.exit_code == 0 and "Zełenskim" in searched.output


def test_the_web_app_serves_a_postgres_database(both: tuple[str, str]) -> None:
    from fastapi.testclient import TestClient

    from kronika.web import create_app

    _, url = both
    with TestClient(create_app(url)) as client:  # closes the app's connections at the end
        assert client.get("/").status_code == 200
        page = client.get("/search", params={"q": "Łukaszenko"})
        assert page.status_code == 200 and "<mark>Łukaszenk" in page.text
        for query in ('"', "NEAR(", "'; DROP TABLE documents; --", "a:b", "\\", "–"):
            assert client.get("/api/search", params={"q": query}).status_code == 200
        (entity, *_) = client.get("/api/entities", params={"name": "Łukaszenko"}).json()
        assert client.get(f"/entity/{entity['id']}").status_code == 200


def test_a_postgres_database_of_version_eight_is_upgraded(
    both: tuple[str, str], postgres_server: str
) -> None:
    sqlite_db, _url = both
    url = pg_server.new_database(postgres_server)
    with kronika.open_db(sqlite_db) as source, open_store(url) as target:
        # a database of version 8 holds no title mentions: titles were not analysed then
        target.add(
            [
                dataclasses.replace(stored_analysis(source, doc_id), title_mentions=())
                for doc_id in source.document_ids()
            ]
        )
        expected = sorted(map(tuple, target.db.execute("SELECT * FROM entity_documents")))
        expected_quoted = sorted(source.db.execute("SELECT * FROM quoted_entities"))
    # as schema_postgres.sql made it before migration 9
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("DROP TABLE entity_documents, quoted_entities, title_mentions")
        raw.execute("CREATE INDEX mentions_entity ON mentions (entity_id)")
        raw.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 8.*opening it for writing"):
        kronika.open_db(url)
    with kronika.open_db(url, readonly=False) as store:
        assert sorted(map(tuple, store.db.execute("SELECT * FROM entity_documents"))) == expected
        quoted = sorted(map(tuple, store.db.execute("SELECT * FROM quoted_entities")))
        # the quotes' rowids are PostgreSQL's own: the rest of each row is SQLite's
        assert [row[:5] for row in quoted] == [row[:5] for row in expected_quoted] != []
    with kronika.open_db(url) as store:
        assert store.db.execute("SELECT value FROM meta").fetchall() == [("14",)]
        assert store.db.execute("SELECT count(*) FROM title_mentions").fetchone() == (0,)
        indexes = store.db.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'mentions'")
        assert "mentions_entity" not in {name for (name,) in indexes}


def test_quotations_about_an_entity_are_those_whose_words_name_it(both: tuple[str, str]) -> None:
    for target in both:
        with kronika.open_db(target) as store:
            records = list(store.export())
            expected: dict[str, list[tuple[bool, str, str, int]]] = {}
            for record in records:
                for quote in record["quotes"]:
                    named = {
                        m["entity"]
                        for m in record["mentions"]
                        if m["entity"] and quote["start"] <= m["start"] and m["end"] <= quote["end"]
                    }
                    time = quote.get("time") or ""
                    for ident in named:
                        key = (not time, time, record["id"], quote["start"])
                        expected.setdefault(ident, []).append(key)
            assert sum(map(len, expected.values())) >= 5
            for ident, keys in expected.items():
                found = store.quotes(about=[ident])
                assert [(q["doc_id"], q["start"]) for q in found] == [
                    (doc_id, start) for *_, doc_id, start in sorted(keys)
                ], ident
                # a page of them is the same list cut
                page = store.quotes(about=[ident], limit=2, offset=1)
                assert [q["start"] for q in page] == [q["start"] for q in found[1:3]]
