"""Storage of analyses: SQLite by default, PostgreSQL for a ``postgresql://`` URL."""

from __future__ import annotations

from pathlib import Path

from kronika.errors import StoreError
from kronika.store.queries import QueryError
from kronika.store.sqlite import SearchHit, Store

__all__ = ["QueryError", "SearchHit", "Store", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(
    target: str | Path, *, readonly: bool = False, timeout: float | None = None
) -> Store:
    """The store of ``target``: a PostgreSQL database for a ``postgresql://`` URL (psycopg, the
    ``kronika[postgres]`` extra), else an SQLite file."""
    if isinstance(target, str) and target.startswith(_POSTGRES_SCHEMES):
        try:
            from kronika.store.postgres import PostgresStore
        except ImportError as error:
            raise StoreError(
                f"a PostgreSQL database needs psycopg ({error}); install it with "
                "`pip install 'kronika[postgres]'`"
            ) from error
        return PostgresStore(target, readonly=readonly, timeout=timeout)
    return Store(target, readonly=readonly, timeout=timeout)
