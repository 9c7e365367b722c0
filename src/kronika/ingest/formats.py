"""Which reader a file goes to: web pages, crawls, feeds, and compressed files of any kind.

Plain text and JSONL keep their readers in ``text`` and ``jsonl``; this module sends the web's
formats to theirs by name (``.html``, ``.warc``, ``.warc.gz``, ``.rss``, ``.atom``), unwraps
``.gz``/``.bz2``/``.xz``/``.zst`` first, and tells a page or a feed by its content when its name
says nothing (a ``.txt`` or ``.xml`` that holds HTML or RSS).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kronika.errors import InputError
from kronika.ingest.compressed import COMPRESSED_EXTENSIONS, decompressed, inner_name
from kronika.ingest.document import Document
from kronika.ingest.encoding import decode
from kronika.ingest.feeds import FEED_EXTENSIONS, looks_like_feed, read_feed
from kronika.ingest.html import HTML_EXTENSIONS, decode_page, looks_like_html, parse_page
from kronika.ingest.jsonl import parse_jsonl
from kronika.ingest.text import parse_text
from kronika.ingest.warc import WARC_EXTENSIONS, read_warc

#: Names a directory walk picks up besides .txt and .jsonl.
WEB_EXTENSIONS = (*HTML_EXTENSIONS, *WARC_EXTENSIONS, *FEED_EXTENSIONS, ".xml")
JSONL_NAMES = (".jsonl", ".ndjson")


def is_web_or_compressed(path: str) -> bool:
    lower = path.lower()
    return lower.endswith(COMPRESSED_EXTENSIONS) or lower.endswith(WEB_EXTENSIONS)


def read_special_file(
    path: str, *, limit: int, max_chars: int, pages: Mapping[str, Document] | None = None
) -> Iterator[Document | InputError]:
    """One web-format or compressed file; every failure becomes an InputError."""
    inner = inner_name(path).lower()
    if inner.endswith(".warc"):
        try:
            with open(path, "rb") as handle:
                yield from read_warc(handle, source=path, max_chars=max_chars)
        except OSError as error:
            yield InputError(f"cannot read: {error.strerror or error}", source=path)
        return
    try:
        if path.lower().endswith(COMPRESSED_EXTENSIONS):
            data = decompressed(path, limit)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
            if len(data) > limit:
                raise InputError(f"larger than the {limit:,}-byte limit; not read", source=path)
    except InputError as error:
        yield error
        return
    except OSError as error:
        yield InputError(f"cannot read: {error.strerror or error}", source=path)
        return
    yield from read_bytes(data, name=inner, source=path, max_chars=max_chars, pages=pages)


def read_bytes(
    data: bytes,
    *,
    name: str,
    source: str,
    max_chars: int,
    pages: Mapping[str, Document] | None = None,
) -> Iterator[Document | InputError]:
    """Content of a known name: by its extension, else by what it looks like."""
    if not data.strip():
        yield InputError("empty file; nothing to ingest", source=source)
        return
    try:
        if name.endswith(FEED_EXTENSIONS):
            yield from read_feed(data, source=source, max_chars=max_chars, pages=pages)
            return
        if name.endswith(HTML_EXTENSIONS):
            yield from parse_page(
                decode_page(data, source=source), source=source, max_chars=max_chars
            )
            return
        text = decode(data, source=source)
    except InputError as error:
        yield error
        return
    yield from read_decoded(text, name=name, source=source, max_chars=max_chars, pages=pages)


def read_decoded(
    text: str,
    *,
    name: str,
    source: str,
    max_chars: int,
    pages: Mapping[str, Document] | None = None,
) -> Iterator[Document | InputError]:
    """Decoded text: JSONL by its name, a page or a feed by its content, else plain text."""
    if name.endswith(JSONL_NAMES):
        yield from parse_jsonl(text, source=source, max_chars=max_chars)
    elif looks_like_feed(text):
        yield from read_feed(text, source=source, max_chars=max_chars, pages=pages)
    elif looks_like_html(text):
        yield from parse_page(text, source=source, max_chars=max_chars)
    else:
        yield from parse_text(text, source=source, max_chars=max_chars)
