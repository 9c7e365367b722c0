"""Step 1 of the pipeline: every source becomes Documents; bad input never stops the batch.

    read_sources(paths)  files, directories (recursively) and "-" (stdin) -> Document | InputError
    read_text(text)      the plain-text rules on a string -> list[Document]
    decode(data)         bytes -> str, with Polish legacy code pages detected

Problems with one source (or one JSONL line, or one marked article) come out of
``read_sources`` as InputError *values*, in their place in the stream, so a caller can report
them and carry on; nothing is raised for bad input.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping

from kronika.errors import InputError
from kronika.ingest.document import Document, content_id
from kronika.ingest.encoding import decode
from kronika.ingest.formats import (
    WEB_EXTENSIONS,
    is_web_or_compressed,
    read_decoded,
    read_special_file,
)
from kronika.ingest.jsonl import EMPTY_MESSAGE, parse_jsonl, read_jsonl_file
from kronika.ingest.text import parse_text

__all__ = [
    "DEFAULT_MAX_CHARS",
    "MAX_FILE_BYTES",
    "SOURCE_EXTENSIONS",
    "STDIN",
    "Document",
    "content_id",
    "decode",
    "read_sources",
    "saved_pages",
    "read_text",
]

#: Longest document accepted, in characters; longer ones are reported (``--max-chars``).
DEFAULT_MAX_CHARS = 2_000_000

#: Files larger than this are not read at all.
MAX_FILE_BYTES = 1 << 30

#: What a directory is searched for (case-insensitive); files named explicitly are read whatever
#: their name, as JSONL if they end in one of the JSONL extensions and as plain text otherwise.
SOURCE_EXTENSIONS = (".txt", ".jsonl", ".ndjson", *WEB_EXTENSIONS, ".gz", ".bz2", ".xz", ".zst")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")

#: The path that means standard input, and the source name its documents get.
STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_duplicate: Callable[[Document, Document], None] | None = None,
    pages: Mapping[str, Document] | None = None,
) -> Iterator[Document | InputError]:
    """Documents from files, directories and "-" (stdin), in a deterministic order.

    Sources are read in the order given; a directory contributes its ``.txt``, ``.jsonl`` and
    ``.ndjson`` files recursively, sorted by path, skipping hidden files and directories (names
    starting with "."). A source that cannot be read yields one InputError naming the file (and
    the line, for JSONL and date markers) and the iteration goes on. A document whose text was
    already yielded in this call (same content id) is yielded only once; ``on_duplicate`` is
    called with it and the document of the same text yielded before, so the caller can say so
    (its date, title or id may differ: the first one read wins).
    """
    if isinstance(paths, str | os.PathLike):
        # A lone path would otherwise be iterated character by character.
        paths = [paths]
    seen: dict[str, Document] = {}
    for path in paths:
        for result in _read_path(os.fspath(path), max_chars, pages):
            if isinstance(result, Document):
                if result.id in seen:
                    if on_duplicate:
                        on_duplicate(result, seen[result.id])
                    continue
                seen[result.id] = result
            yield result


def saved_pages(paths: Iterable[str | os.PathLike[str]]) -> dict[str, Document]:
    """The articles of saved pages (HTML files, WARC crawls) by their URL, for feed entries
    that link to them (``read_sources(..., pages=...)``); unreadable pages are left out."""
    found: dict[str, Document] = {}
    for item in read_sources(paths):
        if isinstance(item, Document) and item.url:
            found.setdefault(item.url, item)
    return found


def read_text(
    text: str, *, source: str = "<text>", max_chars: int = DEFAULT_MAX_CHARS
) -> list[Document]:
    """The plain-text rules (date markers, normalization) applied to a string.

    Unlike ``read_sources`` this is a single source handed over by code, so a problem in it
    (an invalid marker date, an article over ``max_chars``) is raised as the first InputError
    rather than reported alongside the documents.
    """
    documents: list[Document] = []
    seen: set[str] = set()
    for result in parse_text(text, source=source, max_chars=max_chars):
        if isinstance(result, InputError):
            raise result
        if result.id not in seen:
            seen.add(result.id)
            documents.append(result)
    return documents


def _read_path(
    path: str, max_chars: int, pages: Mapping[str, Document] | None = None
) -> Iterator[Document | InputError]:
    if path == STDIN:
        yield from _read_stdin(max_chars)
    elif os.path.isdir(path):
        for entry in _walk(path):
            if isinstance(entry, InputError):
                yield entry
            else:
                yield from _read_file(entry, max_chars, pages)
    else:
        yield from _read_file(path, max_chars, pages)


def _walk(directory: str) -> list[str | InputError]:
    """The source files under ``directory`` sorted by path components, and walk errors.

    Sorting by components rather than by the joined string keeps a directory's contents
    together: "a/z.txt" sorts before "a.txt" and "a-b.txt" whatever the separator's code point.
    """
    found: list[tuple[tuple[str, ...], str | InputError]] = []

    def on_error(exc: OSError) -> None:
        where = str(exc.filename or directory)
        error = InputError(f"cannot list directory: {exc.strerror or exc}", source=where)
        found.append((_components(directory, where), error))

    # Symlinked directories are not followed, so a link cycle cannot make the walk endless.
    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(SOURCE_EXTENSIONS):
                continue
            path = os.path.join(root, name)
            found.append((_components(directory, path), path))
    if not found:
        return [
            InputError(
                "no .txt, .jsonl or .ndjson files in this directory (nor web pages, crawls, feeds "
                "or compressed files); check the path",
                source=directory,
            )
        ]
    found.sort(key=lambda item: item[0])
    return [entry for _, entry in found]


def _components(directory: str, path: str) -> tuple[str, ...]:
    return tuple(os.path.relpath(path, directory).split(os.sep))


def _read_file(
    path: str, max_chars: int, pages: Mapping[str, Document] | None = None
) -> Iterator[Document | InputError]:
    """One file, dispatched by extension; every failure becomes an InputError."""
    try:
        info = os.stat(path)
    except OSError as exc:
        yield _os_error(exc, path)
        return
    if stat.S_ISDIR(info.st_mode):
        # Reached only through a race with the directory check; said plainly all the same.
        yield InputError("is a directory where a file was expected", source=path)
        return
    is_regular = stat.S_ISREG(info.st_mode)
    # Only regular files have a meaningful size; pipes and devices report 0.
    if is_regular and info.st_size > MAX_FILE_BYTES:
        yield _too_big(path, info.st_size)
        return
    if is_regular and info.st_size == 0:
        yield InputError(EMPTY_MESSAGE, source=path)
        return

    if path.lower().endswith(JSONL_EXTENSIONS):
        yield from read_jsonl_file(path, source=path, max_chars=max_chars)
        return
    if is_web_or_compressed(path):
        yield from read_special_file(path, limit=MAX_FILE_BYTES, max_chars=max_chars, pages=pages)
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        yield _os_error(exc, path)
        return
    if len(data) > MAX_FILE_BYTES:
        yield _too_big(path, None)
        return
    yield from _parse_plain(data, path, max_chars)


def _parse_plain(data: bytes, source: str, max_chars: int) -> Iterator[Document | InputError]:
    try:
        text = decode(data, source=source)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield InputError(EMPTY_MESSAGE, source=source)
        return
    yield from read_decoded(text, name=source, source=source, max_chars=max_chars)


def _read_stdin(max_chars: int) -> Iterator[Document | InputError]:
    """Standard input, sniffed: JSONL if its lines are mostly JSON objects, else plain text."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            # Bytes, so that a cp1250 pipe gets the same detection as a cp1250 file.
            data: bytes = buffer.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                yield _too_big(STDIN_SOURCE, None)
                return
            text = decode(data, source=STDIN_SOURCE)
        else:
            # A text stream without bytes underneath (e.g. io.StringIO): already decoded.
            text = stream.read(MAX_FILE_BYTES + 1).lstrip("\ufeff")
            if len(text) > MAX_FILE_BYTES:
                yield _too_big(STDIN_SOURCE, None)
                return
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield _os_error(exc, STDIN_SOURCE)
        return
    if not text.strip():
        yield InputError("empty input; nothing to ingest from standard input", source=STDIN_SOURCE)
        return
    if _looks_like_jsonl(text):
        yield from parse_jsonl(text, source=STDIN_SOURCE, max_chars=max_chars)
    else:
        yield from parse_text(text, source=STDIN_SOURCE, max_chars=max_chars)


def _looks_like_jsonl(text: str) -> bool:
    """JSONL if the first non-blank line and most of all of them start with "{".

    One malformed line must not turn a JSONL stream into one text document holding raw JSON;
    it is reported by the JSONL reader like a bad line in a file.
    """
    lines = [line.lstrip() for line in text.split("\n") if line.strip()]
    objects = sum(line.startswith("{") for line in lines)
    return lines[0].startswith("{") and 2 * objects > len(lines)


def _os_error(exc: OSError, source: str) -> InputError:
    return InputError(
        f"cannot read: {exc.strerror or exc}; check the path and its permissions", source=source
    )


def _too_big(source: str, size: int | None) -> InputError:
    size_text = f"{size:,} bytes, " if size is not None else ""
    return InputError(
        f"{size_text}larger than the {MAX_FILE_BYTES:,}-byte limit; not read. "
        "Split it into smaller files",
        source=source,
    )
