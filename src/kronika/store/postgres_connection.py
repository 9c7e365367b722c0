"""A PostgreSQL connection that runs the store's SQLite-flavoured SQL, and its errors as
StoreErrors.

The store's queries are written once, in the SQL both databases speak; what is only SQLite's
spelling is translated here, statement by statement (cached):

* placeholders ``?`` and ``?NNN`` become psycopg's ``%s`` (the parameters reordered), and a
  literal ``%`` is doubled;
* ``INSERT OR IGNORE INTO …`` becomes ``INSERT INTO … ON CONFLICT DO NOTHING``;
* ``LIMIT ?`` takes -1 for "no limit", as SQLite's negative limit means: ``LIMIT nullif(?, -1)``;
* a single-row ``INSERT`` into a table with a ``rowid`` returns it, for ``cursor.lastrowid``.

What means something else in each (FTS5, COLLATE NOCASE) is not translated: the PostgreSQL
store has its own query for it (``store.postgres``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors, pq
from psycopg.types.string import StrDumper

from kronika.errors import StoreError
from kronika.store.connection import TIMEOUT_VARIABLE

#: the tables whose rows have a ``rowid`` column (SQLite's implicit one, PostgreSQL's identity)
ROWID_TABLES = frozenset({"sentences", "timexes", "quotes", "relations", "events", "facts"})

_PIECE = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\?(\d*)|%""")
_INSERT_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_LIMIT = re.compile(r"\bLIMIT\s+\?(\d*)", re.IGNORECASE)


@lru_cache(maxsize=512)
def translate(sql: str, *, single: bool = True) -> tuple[str, tuple[int, ...] | None]:
    """The statement in PostgreSQL's spelling and which parameter each ``%s`` takes (None: in
    their order); ``single``: run once, not for many rows."""
    conflict = bool(_INSERT_IGNORE.match(sql))
    if conflict:
        sql = _INSERT_IGNORE.sub("INSERT INTO", sql, count=1)
    sql = _LIMIT.sub(lambda m: f"LIMIT nullif(?{m.group(1)}, -1)", sql)
    pieces: list[str] = []
    order: list[int] = []
    numbered = False
    position = 0
    for match in _PIECE.finditer(sql):
        pieces.append(sql[position : match.start()])
        text = match.group()
        if text.startswith("?"):
            numbered = numbered or bool(match.group(1))
            order.append(int(match.group(1)) - 1 if match.group(1) else len(order))
            pieces.append("%s")
        else:
            pieces.append(text.replace("%", "%%"))
        position = match.end()
    pieces.append(sql[position:])
    translated = "".join(pieces).rstrip().rstrip(";")
    if conflict:
        translated += " ON CONFLICT DO NOTHING"
    table = _INSERT_INTO.match(translated)
    if single and table and table.group(1) in ROWID_TABLES and "RETURNING" not in translated:
        translated += " RETURNING rowid"
    return translated, tuple(order) if numbered else None


def _arguments(order: tuple[int, ...] | None, parameters: Sequence[Any]) -> Sequence[Any]:
    return parameters if order is None else [parameters[index] for index in order]


def shown_url(url: str) -> str:
    """``url`` for messages: its password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def store_error(where: str, error: psycopg.Error, timeout: float) -> StoreError:
    """What to tell the user about a PostgreSQL error met on the database ``where``."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, errors.LockNotAvailable | errors.QueryCanceled):
        return StoreError(
            f"{where}: the database is being written by another process (a `kronika build` "
            f"holding kronika's write lock); waited {timeout:g} s. Let that process finish or "
            f"stop it, then try again (or wait longer: set {TIMEOUT_VARIABLE} to more seconds)"
        )
    if isinstance(error, errors.ReadOnlySqlTransaction):
        return StoreError(
            f"{where}: the database is read-only ({first}); open it for writing, or ask its "
            "administrator for write access"
        )
    if isinstance(error, errors.InsufficientPrivilege):
        return StoreError(f"{where}: not allowed ({first}); ask the server's administrator")
    if isinstance(error, errors.UndefinedTable | errors.UndefinedColumn):
        return StoreError(
            f"{where}: a damaged kronika database ({first}); rebuild it into a new database "
            "with `kronika build`"
        )
    if isinstance(error, psycopg.OperationalError):
        return StoreError(
            f"{where}: cannot reach the PostgreSQL server ({first}); check the URL, that the "
            "server runs and that you may log in"
        )
    return StoreError(f"{where}: database error: {first}")


class Cursor:
    """The rows of one statement, as much of sqlite3.Cursor as the store uses."""

    def __init__(self, cursor: psycopg.Cursor[Any], lastrowid: int | None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class Connection:
    """A psycopg connection (autocommit: transactions are explicit) with sqlite3's ``execute``
    and ``executemany``; every error a StoreError naming the database."""

    def __init__(self, raw: psycopg.Connection[Any], where: str, timeout: float) -> None:
        self.raw = raw
        self.where = where
        self.timeout = timeout
        # text parameters typed as text: PostgreSQL then resolves length(?) and lower(?)
        raw.adapters.register_dumper(str, StrDumper)

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        statement, order = translate(sql)
        try:
            cursor = self.raw.execute(statement, _arguments(order, parameters))
            lastrowid = None
            if statement.endswith("RETURNING rowid"):
                row = cursor.fetchone()
                lastrowid = int(row[0]) if row else None
            return Cursor(cursor, lastrowid)
        except psycopg.Error as error:
            raise store_error(self.where, error, self.timeout) from error

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        statement, order = translate(sql, single=False)
        arguments = [_arguments(order, row) for row in rows]
        if not arguments:
            return
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(statement, arguments)
        except psycopg.Error as error:
            raise store_error(self.where, error, self.timeout) from error

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()
