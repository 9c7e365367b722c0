"""Storage of analyses: SQLite by default."""

from kronika.store.queries import QueryError
from kronika.store.sqlite import SearchHit, Store

__all__ = ["QueryError", "SearchHit", "Store"]
