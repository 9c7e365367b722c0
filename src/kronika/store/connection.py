"""Opening a database file: read-only or read-write, and SQLite's errors as StoreErrors.

Reading never writes: a read-only connection is opened with ``mode=ro`` and changes neither the
file nor its journal mode. Where the file or its folder cannot be written (a read-only copy) a
WAL database cannot make its shared-memory file, so the file is opened ``immutable``: SQLite then
reads it as it is, without locks, which is right for a copy nobody writes.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from kronika.errors import StoreError
from kronika.store.packed import unpack_lemmas

#: seconds a connection waits for another one's write lock before giving up
DEFAULT_TIMEOUT = 30.0
#: environment variable that overrides DEFAULT_TIMEOUT (seconds), for the command line
TIMEOUT_VARIABLE = "KRONIKA_DB_TIMEOUT"


def busy_timeout(timeout: float | None = None) -> float:
    """``timeout``, else the KRONIKA_DB_TIMEOUT environment variable, else DEFAULT_TIMEOUT."""
    if timeout is not None:
        return timeout
    value = os.environ.get(TIMEOUT_VARIABLE)
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise StoreError(
            f"{TIMEOUT_VARIABLE}={value[:40]!r} is not a number of seconds; set it to one (30)"
        ) from None
    return max(seconds, 0.0)


def connect(path: str, *, readonly: bool, timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), foreign keys on, with the
    functions kronika's views call."""
    if readonly:
        if not Path(path).is_file():
            raise StoreError(
                f"{path}: no such database; create it with `kronika build PATH --db {path}`"
            )
        uri = f"file:{quote(os.path.abspath(path))}?mode=ro"
        if not _writable(path):
            uri += "&immutable=1"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout)
    else:
        db = sqlite3.connect(path, isolation_level=None, timeout=timeout)
    db.execute("PRAGMA foreign_keys = ON")
    # the full-text index reads a sentence's lemmas through the view sentence_texts
    db.create_function("kronika_lemmas", 2, unpack_lemmas, deterministic=True)
    return db


def _writable(path: str) -> bool:
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def use_wal(db: sqlite3.Connection, timeout: float) -> None:
    """The database in WAL mode (kept in the file: set once, by its first writer). SQLite
    answers "locked" to the switch at once, without waiting, while another connection opening
    the same new file holds a lock: asked again until ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def is_busy(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def store_error(path: str, error: sqlite3.Error, timeout: float, *, doing: str) -> StoreError:
    """What to tell the user about an SQLite error met while ``doing`` something with ``path``."""
    name = getattr(error, "sqlite_errorname", "")
    if is_busy(error):
        return StoreError(
            f"{path}: the database is being written by another process (a `kronika build` or "
            f"another program holding its write lock); waited {timeout:g} s while {doing}. Let "
            f"that process finish or stop it, then try again (or wait longer: set "
            f"{TIMEOUT_VARIABLE} to more seconds)"
        )
    if name.startswith("SQLITE_CANTOPEN"):
        return StoreError(
            f"{path}: cannot open the file while {doing} ({error}); check that its folder exists "
            "and that you may read it (and write it, to build)"
        )
    if name.startswith("SQLITE_READONLY"):
        return StoreError(
            f"{path}: cannot write the database while {doing} ({error}); check that you may write "
            "the file and its folder, or build into another file"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CONSTRAINT")):
        return StoreError(
            f"{path}: the database is damaged or not a kronika database ({error}) while {doing}; "
            f"check it with `sqlite3 {path} 'PRAGMA integrity_check'` and rebuild it into a new "
            "file with `kronika build`"
        )
    return StoreError(f"{path}: database error while {doing}: {error}")


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (KeyboardInterrupt included)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # SQLite itself rolls back after some errors (a full disk)
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
