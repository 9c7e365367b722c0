"""Web-archive crawls (WARC, plain or gzipped per record) through warcio.

Every HTML ``response`` record becomes a document with its target URI, dated by the page (or,
where the page gives no date, by the record's ``WARC-Date``). Other records (requests, metadata,
images, scripts) are skipped and counted. A truncated or corrupt record is an error naming the
file and the record's byte offset, and reading resumes at the next record the file still holds.
"""

from __future__ import annotations

import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from kronika.errors import InputError
from kronika.ingest.document import Document
from kronika.ingest.html import decode_page, parse_page

WARC_EXTENSIONS = (".warc", ".warc.gz")

#: A record's content longer than this is not read (a video, a dump): the limit of a page.
MAX_RECORD_BYTES = 20_000_000

#: What a record starts with: a gzip member, or the WARC version line.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."


@dataclass(slots=True)
class WarcCounts:
    """What one file held: pages read and records skipped by kind."""

    pages: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, kind: str) -> None:
        self.skipped[kind] = self.skipped.get(kind, 0) + 1


def read_warc(
    handle: BinaryIO, *, source: str, max_chars: int, counts: WarcCounts | None = None
) -> Iterator[Document | InputError]:
    """The documents of one WARC file, and an error for each record that cannot be read."""
    counts = counts if counts is not None else WarcCounts()
    offset: int | None = 0
    while offset is not None:
        handle.seek(offset)
        offset = yield from _read_from(handle, source, max_chars, counts)


def _read_from(
    handle: BinaryIO, source: str, max_chars: int, counts: WarcCounts
) -> Generator[Document | InputError, None, int | None]:
    """Records from the handle's position; returns where to resume after a broken record."""
    start = handle.tell()
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(handle)
    position = start  # where the record being read starts
    try:
        for record in records:
            # the content first: asking warcio for the offset before reading it loses the content
            page = _html_of(record, counts)
            position = start + records.get_record_offset()
            if page is not None:
                yield from _document(page, record, f"{source}@{position}", max_chars, counts)
            position += records.get_record_length()
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
        yield InputError(
            f"record at byte offset {position} is truncated or corrupt ({error}); "
            "the rest of the file is still read",
            source=source,
        )
        return _next_record(handle, position + 1)
    return None


def _html_of(record: Any, counts: WarcCounts) -> bytes | None:
    """The payload of an HTML response, or None (the record's kind counted as skipped)."""
    if record.rec_type != "response":
        counts.skip(str(record.rec_type))
        return None
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else "") or ""
    if "html" not in content_type.lower():
        counts.skip(content_type.split(";")[0].strip() or "response without a type")
        return None
    data: bytes = record.content_stream().read(MAX_RECORD_BYTES + 1)
    return data


def _document(
    data: bytes, record: Any, where: str, max_chars: int, counts: WarcCounts
) -> Iterator[Document | InputError]:
    if len(data) > MAX_RECORD_BYTES:
        yield InputError(f"page larger than {MAX_RECORD_BYTES:,} bytes; not read", source=where)
        return
    try:
        page = decode_page(data, source=where)
    except InputError as error:
        yield error
        return
    counts.pages += 1
    headers = record.rec_headers
    yield from parse_page(
        page,
        source=where,
        max_chars=max_chars,
        url=headers.get_header("WARC-Target-URI"),
        date=headers.get_header("WARC-Date"),
    )


def _next_record(handle: BinaryIO, after: int, chunk: int = 1 << 20) -> int | None:
    """Offset of the next gzip member or WARC header after ``after``, or None at the end.

    Read in chunks that overlap by a marker's length, so a marker across two chunks is found."""
    position = after
    while True:
        handle.seek(position)
        data = handle.read(chunk)
        found = [i for i in (data.find(_GZIP_MAGIC), data.find(_WARC_MAGIC)) if i >= 0]
        if found:
            return position + min(found)
        if len(data) < chunk:
            return None
        position += chunk - len(_WARC_MAGIC)
