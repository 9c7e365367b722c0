from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import postgres_server as postgres_server_module
import pytest

import kronika
from kronika.store.connection import connect

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def nlp():
    return kronika.load()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def dump_db(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without rowids: equal dumps mean equal database content."""
    db = connect(str(path), readonly=True, timeout=5.0)  # with the functions the views call
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sentences_fts%'"
        )
    ]
    result = {}
    for table in tables:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})") if row[1] != "rowid"]
        names = ", ".join(f'"{c}"' for c in columns)
        result[table] = sorted(db.execute(f"SELECT {names} FROM {table}").fetchall(), key=repr)
    result["fts"] = sorted(db.execute("SELECT text, lemmas FROM sentences_fts").fetchall())
    db.close()
    return result


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server's URL: KRONIKA_TEST_POSTGRES, else a throwaway cluster started here;
    skipped when there is none, unless KRONIKA_POSTGRES_TESTS=1 (CI) makes that a failure."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (kronika[postgres])")
    given = os.environ.get(postgres_server_module.SERVER_VARIABLE)
    if given:
        yield given
        return
    try:
        started = postgres_server_module.cluster()
        url = started.__enter__()
    except (OSError, subprocess.CalledProcessError) as error:
        reason = f"no PostgreSQL server to test on: {error}"
        if os.environ.get(postgres_server_module.REQUIRED_VARIABLE) == "1":
            pytest.fail(reason + getattr(error, "stderr", ""))
        pytest.skip(reason)
    try:
        yield url
    finally:
        started.__exit__(None, None, None)


@pytest.fixture(params=["sqlite", "postgres"])
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database of each backend: an SQLite file's path, a PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    return postgres_server_module.new_database(request.getfixturevalue("postgres_server"))
