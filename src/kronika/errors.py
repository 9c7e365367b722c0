"""kronika's exceptions.

    KronikaError            base of everything kronika raises on purpose
    ├── InputError          one source (file, and line for JSONL) cannot be read; the batch goes on
    ├── AnalysisError       a document broke an extractor (a kronika bug); the batch goes on
    ├── ModelError          a shipped resource (model, dictionary, knowledge base) cannot be loaded
    └── StoreError          the database cannot be opened or written

Every message says what went wrong and what to do about it.

Every error survives pickling with its attributes (``__reduce__``): worker processes send them
back to the main process, and an exception that cannot be unpickled there kills the pool.
"""

from __future__ import annotations

from typing import Any


class KronikaError(Exception):
    """Base class for errors kronika raises deliberately."""


class InputError(KronikaError):
    """A source that cannot become a document. Names the file and, where it applies, the line."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # keyword-only arguments are not replayed by BaseException's default reduction
        return (_rebuild, (type(self), (self.reason,), {"source": self.source, "line": self.line}))


class AnalysisError(KronikaError):
    """Analysing one document failed. Names the document; the rest of the batch goes on."""

    def __init__(self, message: str, *, source: str, document_id: str) -> None:
        self.source = source
        self.document_id = document_id
        self.reason = message
        super().__init__(f"{source} [{document_id}]: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        keywords = {"source": self.source, "document_id": self.document_id}
        return (_rebuild, (type(self), (self.reason,), keywords))


class ModelError(KronikaError):
    """A resource shipped with the package is missing or broken; reinstall the package."""


class StoreError(KronikaError):
    """The database cannot be used; the message says which file and why."""


def _rebuild(cls: type[KronikaError], args: tuple[Any, ...], keywords: dict[str, Any]) -> Any:
    """Unpickle an error whose constructor takes keyword-only arguments."""
    return cls(*args, **keywords)


#: How much of a user's input an error message repeats.
ECHO_CHARS = 80


def shorten(text: str, limit: int = ECHO_CHARS) -> str:
    """``text`` cut to ``limit`` characters with "…", for echoing user input in a message."""
    return text if len(text) <= limit else text[:limit] + "…"
