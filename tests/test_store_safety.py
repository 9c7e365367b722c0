"""Reading never writes; a file that is no kronika database, a damaged or locked one gets one
clear StoreError; names and search words are matched as written (issue 19, items 2, 6, 7, 11)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import kronika
from kronika.cli import main
from kronika.errors import StoreError
from kronika.model import Analysis, Span
from kronika.store import QueryError, Store, connection, migrations
from kronika.store.queries import MAX_QUERY_TERMS

ARTICLE = (
    "date 2024-03-12\n"
    "Donald Tusk spotkał się w Warszawie z prezydentem Ukrainy Wołodymyrem Zełenskim. "
    "– Polska będzie wspierać Ukrainę tak długo, jak będzie trzeba – powiedział Donald Tusk. "
    "Premier zapowiedział też wizytę w Kijowie w kwietniu.\n"
)

QUERIES: dict[str, Callable[[Store], object]] = {
    "search": lambda store: kronika.search(store, "Tusk"),
    "entity": lambda store: kronika.find_entities(store, "Tusk"),
    "quotes": lambda store: kronika.quotes(store, speaker="Tusk"),
    "timeline": lambda store: kronika.timeline(store, "Tusk"),
    "stats": lambda store: store.stats(),
    "export": lambda store: list(store.export()),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    article = folder / "tusk.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = folder / "news.db"
    kronika.build([article], db)
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A copy of the built database (closed, so its WAL is checkpointed into the file)."""
    copy = tmp_path / "data" / "news.db"
    copy.parent.mkdir()
    shutil.copy(built, copy)
    return copy


def one_document(doc_id: str = "lock-test") -> Analysis:
    return Analysis(
        id=doc_id,
        source="test",
        text="Ala ma kota.",
        sentences=(Span(0, 12),),
        sentence_lemmas=("Ala mieć kot",),
    )


# --- files that are not (whole) kronika databases ----------------------------------------------


def other_application(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('zakupy')")
    db.commit()
    db.close()


def other_application_with_meta(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (name TEXT, data BLOB)")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def garbage(path: Path) -> None:
    path.write_bytes(b"To nie jest baza danych.\n" * 400)


def _change(path: Path, statement: str) -> None:
    db = sqlite3.connect(path)
    db.execute(statement)
    db.commit()
    db.close()


NOT_KRONIKA: dict[str, tuple[Callable[[Path], None], str]] = {
    "other application": (other_application, "not a kronika database"),
    "other meta table": (other_application_with_meta, "not a kronika database"),
    "empty file": (empty_file, "empty file or database, not a kronika database"),
    "garbage": (garbage, "damaged or not a kronika database"),
}
BROKEN_KRONIKA: dict[str, tuple[str, str]] = {
    "table dropped": ("DROP TABLE quotes", "damaged kronika database: table quotes is missing"),
    "newer schema": ("PRAGMA user_version = 99", "made by a newer kronika"),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("make", NOT_KRONIKA, ids=list(NOT_KRONIKA))
def test_a_file_that_is_not_a_kronika_database_is_refused_unchanged(
    tmp_path: Path, make: str
) -> None:
    write, message = NOT_KRONIKA[make]
    path = tmp_path / "theirs.db"
    write(path)
    before = _files(tmp_path)
    with pytest.raises(StoreError, match=message) as raised:
        kronika.open_db(path)
    assert str(path) in str(raised.value)
    # nothing written, not even a journal beside it
    assert _files(tmp_path) == before


@pytest.mark.parametrize("make", ["other application", "other meta table", "garbage"])
def test_building_into_another_file_refuses_it_unchanged(tmp_path: Path, make: str) -> None:
    write, _ = NOT_KRONIKA[make]
    path = tmp_path / "theirs.db"
    write(path)
    before = _files(tmp_path)
    with pytest.raises(StoreError, match=str(path)):
        Store(path)
    assert _files(tmp_path) == before


def test_an_empty_file_can_become_a_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    path.touch()
    with Store(path) as store:
        assert store.add([one_document()]) == 1
    with kronika.open_db(path) as store:
        assert store.stats()["documents"] == 1


@pytest.mark.parametrize("damage", BROKEN_KRONIKA, ids=list(BROKEN_KRONIKA))
def test_a_broken_kronika_database_is_refused_not_repaired(db: Path, damage: str) -> None:
    statement, message = BROKEN_KRONIKA[damage]
    _change(db, statement)
    before = db.read_bytes()
    for readonly in (True, False):
        with pytest.raises(StoreError, match=message):
            Store(db, readonly=readonly)
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", ["stats", "search", "export", "entity", "quotes", "timeline"])
def test_the_command_line_says_it_in_one_line(tmp_path: Path, command: str) -> None:
    path = tmp_path / "theirs.db"
    other_application(path)
    extra = {"search": ["Tusk"], "entity": ["Tusk"], "timeline": ["Tusk"]}.get(command, [])
    result = CliRunner().invoke(main, [command, "--db", str(path), *extra])
    assert result.exit_code == 1
    assert "not a kronika database" in result.output and "Traceback" not in result.output
    assert result.output.count("\n") == 1


# --- reading never writes ----------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=list(QUERIES))
def test_queries_change_nothing(db: Path, query: str) -> None:
    before = db.read_bytes()
    with kronika.open_db(db) as store:
        assert QUERIES[query](store)
        with pytest.raises(StoreError, match="read-only"):
            store.add([one_document()])
    assert db.read_bytes() == before


@pytest.fixture
def read_only_copy(db: Path) -> Iterator[Path]:
    folder = db.parent
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield db
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


@pytest.mark.parametrize("query", QUERIES, ids=list(QUERIES))
def test_a_read_only_copy_can_be_queried(read_only_copy: Path, query: str) -> None:
    with kronika.open_db(read_only_copy) as store:
        assert QUERIES[query](store)


def test_an_unwritable_copy_is_read_as_immutable(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root may write anything: what a user without write access gets, forced
    monkeypatch.setattr(connection, "_writable", lambda path: False)
    before = _files(db.parent)
    with kronika.open_db(db) as store:
        assert [hit.doc_id for hit in kronika.search(store, "Tusk")]
        assert store.stats()["documents"] == 1
    assert _files(db.parent) == before


# --- damaged and locked databases --------------------------------------------------------------


def _zero_pages_after_the_first(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size:] = bytes(len(data) - page_size)
    path.write_bytes(bytes(data))


def test_a_damaged_database_gives_a_store_error_in_every_command(db: Path) -> None:
    _zero_pages_after_the_first(db)
    for query in QUERIES.values():
        with pytest.raises(StoreError, match="damaged"), kronika.open_db(db) as store:
            query(store)
    article = db.parent / "tusk.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(StoreError, match="damaged"):
        kronika.build([article], db)


def test_an_inconsistent_database_gives_a_store_error_in_build(db: Path) -> None:
    # sentences without their document: storing the document again breaks a UNIQUE constraint
    _change(db, "DELETE FROM documents")
    article = db.parent / "tusk.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(StoreError, match="damaged.*UNIQUE constraint failed"):
        kronika.build([article], db)


def test_a_write_lock_held_elsewhere_is_waited_for_then_named(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        # readers go on while another process writes
        with kronika.open_db(db, timeout=0.1) as store:
            assert store.stats()["documents"] == 1
        with Store(db, timeout=0.3) as store:
            started = time.monotonic()
            with pytest.raises(StoreError, match="being written by another process") as raised:
                store.add([one_document()])
            assert time.monotonic() - started >= 0.25
        assert "KRONIKA_DB_TIMEOUT" in str(raised.value)
        monkeypatch.setenv("KRONIKA_DB_TIMEOUT", "0.2")
        article = db.parent / "other.txt"
        article.write_text("Ala ma kota w Krakowie.", encoding="utf-8")
        with pytest.raises(StoreError, match="being written by another process"):
            kronika.build([article], db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(db) as store:
        assert store.add([one_document()]) == 1


def test_the_lock_timeout_is_generous_by_default(db: Path) -> None:
    with Store(db) as store:
        assert store.timeout == 30.0


# --- names and search words as written ---------------------------------------------------------


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with kronika.open_db(db) as opened:
        yield opened


@pytest.mark.parametrize("pattern", ["%", "Tu_k", "%usk", "_", "\\"])
def test_names_are_no_patterns(store: Store, pattern: str) -> None:
    assert kronika.find_entities(store, "Tusk")
    assert kronika.find_entities(store, pattern) == []
    assert kronika.quotes(store, speaker="Tusk")
    assert kronika.quotes(store, speaker=pattern) == []
    assert kronika.quotes(store, about=pattern) == []


EMPTY_NAMES: dict[str, Callable[[Store], object]] = {
    "entity": lambda store: kronika.find_entities(store, ""),
    "entity blank": lambda store: kronika.find_entities(store, "   "),
    "speaker": lambda store: kronika.quotes(store, speaker=""),
    "about": lambda store: kronika.quotes(store, about=" "),
    "timeline": lambda store: kronika.timeline(store, ""),
}


@pytest.mark.parametrize("ask", EMPTY_NAMES, ids=list(EMPTY_NAMES))
def test_an_empty_name_is_an_error(store: Store, ask: str) -> None:
    with pytest.raises(ValueError, match="is empty"):
        EMPTY_NAMES[ask](store)


def test_a_very_long_name_is_an_error_that_does_not_echo_it(store: Store) -> None:
    with pytest.raises(ValueError, match="characters long") as raised:
        kronika.find_entities(store, "Tusk" * 2_500)
    assert len(str(raised.value)) < 200


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"Tusk',
        "*",
        "Tusk*",
        "NEAR(Tusk Polska)",
        "NEAR(",
        "Tusk AND OR NOT",
        "'; DROP TABLE documents; --",
        "^Tusk",
        "^",
        "(Tusk",
        "Tusk)",
        "()",
        "text:Tusk",
        "-Tusk",
        "+",
        "\\",
    ],
)
def test_search_words_are_words_not_operators(store: Store, query: str) -> None:
    hits = kronika.search(store, query)
    assert isinstance(hits, list)
    assert store.stats()["documents"] == 1


def test_operator_words_are_searched_for_as_written(store: Store) -> None:
    assert kronika.search(store, "Tusk")
    # AND, OR, NOT are words every sentence must hold, not operators
    assert kronika.search(store, "Tusk AND") == []
    assert kronika.search(store, "Tusk OR Kowalski") == []
    assert kronika.search(store, "Tusk NOT Polska") == []
    assert [hit.sentence for hit in kronika.search(store, "^Tusk")] == [
        hit.sentence for hit in kronika.search(store, "Tusk")
    ]


def test_a_repeated_word_counts_once(store: Store) -> None:
    assert kronika.api.lemma_query("Tusk tusk TUSK Tusk.") == kronika.api.lemma_query("Tusk")
    started = time.monotonic()
    assert kronika.search(store, " ".join(["Tusk"] * 300)) == kronika.search(store, "Tusk")
    assert time.monotonic() - started < 5


def test_a_too_long_query_is_an_error_at_once(store: Store) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="characters long") as raised:
        kronika.search(store, " ".join(["Tusk"] * 5_000))
    assert time.monotonic() - started < 1
    assert isinstance(raised.value, ValueError) and len(str(raised.value)) < 300
    words = " ".join(f"słowo{n}" for n in range(MAX_QUERY_TERMS + 1))
    with pytest.raises(QueryError, match="distinct words"):
        kronika.search(store, words)


# --- imports -----------------------------------------------------------------------------------


def test_the_store_does_not_import_spacy() -> None:
    # kronika/__init__ is not the store's: import the store package on its own
    source = Path(kronika.__file__).parent
    code = (
        "import sys, types\n"
        "package = types.ModuleType('kronika')\n"
        f"package.__path__ = [{str(source)!r}]\n"
        "sys.modules['kronika'] = package\n"
        "import kronika.store, kronika.store.migrations\n"
        "print('spacy' in sys.modules, 'kronika.pipeline' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env()
    )
    assert result.stdout.split() == ["False", "False"]


def _env() -> dict[str, Any]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def test_two_builds_creating_one_database_at_once_both_open_it(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    opened: list[int] = []
    failed: list[BaseException] = []

    def open_and_add(number: int) -> None:
        try:
            with Store(path) as store:
                opened.append(store.add([one_document(f"doc-{number}")]))
        except (StoreError, sqlite3.Error) as error:  # reported below, in the test's thread
            failed.append(error)

    threads = [threading.Thread(target=open_and_add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failed and opened == [1, 1, 1, 1]
    with kronika.open_db(path) as store:
        assert store.stats()["documents"] == 4


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the file"):
        Store(tmp_path / "no" / "such" / "folder.db")
    with pytest.raises(StoreError, match="no such database"):
        kronika.open_db(tmp_path / "missing.db")


def test_the_lock_timeout_comes_from_the_environment(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KRONIKA_DB_TIMEOUT", "2.5")
    with kronika.open_db(db) as store:
        assert store.timeout == 2.5
    monkeypatch.setenv("KRONIKA_DB_TIMEOUT", "długo")
    with pytest.raises(StoreError, match="KRONIKA_DB_TIMEOUT='długo' is not a number of seconds"):
        kronika.open_db(db)


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="as root, to query as a user without write access (others run the chmod test as such)",
)
def test_a_user_without_write_access_can_query(built: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kronika-read-only-"))
    try:
        folder.chmod(0o755)
        db = folder / "news.db"
        shutil.copy(built, db)
        db.chmod(0o444)
        folder.chmod(0o555)
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        result = subprocess.run(
            [*nobody, sys.executable, "-m", "kronika.cli", "stats", "--db", str(db)],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(),
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("documents  1\n")
        assert sorted(path.name for path in folder.iterdir()) == ["news.db"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_build_that_migrates_while_another_reads_the_version_is_not_taken_for_unknown(
    tmp_path: Path,
) -> None:
    # The race CI met once: a build read user_version 0, another build then committed its
    # migrations, and the first read meta's new version beside the old user_version.
    path = tmp_path / "new.db"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode = WAL")  # a reader's snapshot lets the writer commit
    setup.close()
    reader = sqlite3.connect(path, isolation_level=None)
    migrated: list[int] = []

    def migrate_meanwhile(statement: str) -> None:
        if "sqlite_master" in statement and not migrated:
            with Store(path) as other:
                migrated.append(other.add([one_document("doc-1")]))

    reader.set_trace_callback(migrate_meanwhile)
    assert migrations.version_of(reader, str(path)) == 0  # the state before the other build
    reader.set_trace_callback(None)
    assert migrated == [1]
    assert migrations.version_of(reader, str(path)) == migrations.CURRENT_VERSION
    reader.close()
