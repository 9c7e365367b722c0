"""JSONL: one JSON object a line; ``text`` required, ``id``, ``date``, ``title``, ``url`` optional.

Files are streamed line by line, so a large export never has to fit in memory, and each bad
line becomes one InputError naming it while the following lines go on.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kronika.errors import InputError, shorten
from kronika.ingest.dates import trusted_date
from kronika.ingest.document import Document
from kronika.ingest.encoding import BINARY_MESSAGE, bom_encoding, decode, looks_binary
from kronika.ingest.text import DATE_FORMS, normalize, too_long, validate_date

EMPTY_MESSAGE = "empty file; nothing to ingest (add text or leave the file out)"

_ONE_OBJECT = "each line must be one JSON object"

_CHUNK_BYTES = 1 << 16

_JSON_TYPES: dict[type, str] = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def read_jsonl_file(path: str, *, source: str, max_chars: int) -> Iterator[Document | InputError]:
    """Stream a JSONL file. Opening and decoding problems become InputErrors, never exceptions."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the with-block below
    except OSError as exc:
        yield InputError(
            f"cannot read: {exc.strerror or exc}; check the path and its permissions",
            source=source,
        )
        return
    with raw:
        try:
            yield from _read_stream(raw, source=source, max_chars=max_chars)
        except OSError as exc:
            yield InputError(
                f"reading failed: {exc.strerror or exc}; check the file and the disk",
                source=source,
            )


def _read_stream(
    raw: io.BufferedReader, *, source: str, max_chars: int
) -> Iterator[Document | InputError]:
    # peek() looks at the buffer without consuming it, so this works on pipes too.
    head = raw.peek(4096)[:4096]
    encoding = bom_encoding(head)
    if encoding is None and looks_binary(head) and not head.lstrip().startswith(b"{"):
        # A NUL inside a JSONL file costs its line only (reported as malformed JSON); a file
        # whose first line is not even an object is taken to be binary data.
        yield InputError(BINARY_MESSAGE, source=source)
        return
    if encoding in ("utf-16", "utf-32"):
        lines: Iterable[tuple[int, str | InputError]] = _wide_lines(raw, encoding, source)
    else:
        lines = _byte_lines(raw, source)
    any_content = False
    for line_no, line in lines:
        if isinstance(line, InputError):
            any_content = True  # something was there, just unreadable: not "empty"
            yield line
            if line.reason == BINARY_MESSAGE:
                return
            continue
        if not line.strip():
            continue
        any_content = True
        yield parse_line(line, source=source, line_no=line_no, max_chars=max_chars)
    if not any_content:
        yield InputError(EMPTY_MESSAGE, source=source)


def _byte_lines(raw: io.BufferedReader, source: str) -> Iterator[tuple[int, str | InputError]]:
    """Lines of an 8-bit or UTF-8 file. Lines that are not UTF-8 get legacy detection each."""
    for line_no, data in enumerate(raw, start=1):
        if line_no == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            yield line_no, data.decode("utf-8")
        except UnicodeDecodeError:
            # JSON is meant to be UTF-8, but exports from old Windows tools are cp1250; decoding
            # per line keeps the streaming and still gets the Polish letters right.
            try:
                yield line_no, decode(data, source=source)
            except InputError as exc:
                yield line_no, InputError(exc.reason, source=source, line=line_no)


def _wide_lines(
    raw: io.BufferedReader, encoding: str, source: str
) -> Iterator[tuple[int, str | InputError]]:
    """Lines of a UTF-16/32 file with a byte order mark (the codec consumes the mark).

    An incremental decoder rather than a TextIOWrapper: the wrapper would split on "\r" as well
    and would close the file when garbage-collected, behind the caller's with-block.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    parts: list[str] = []  # the unfinished line, in pieces, so a long line is joined once
    line_no = 0
    while True:
        chunk = raw.read(_CHUNK_BYTES)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            yield (
                line_no + 1,
                InputError(
                    f"not valid {encoding.upper()} in or after this line; "
                    "re-save the file as UTF-8",
                    source=source,
                    line=line_no + 1,
                ),
            )
            return
        pieces = text.split("\n")
        for piece in pieces[:-1]:
            parts.append(piece)
            line_no += 1
            yield line_no, "".join(parts)
            parts = []
        parts.append(pieces[-1])
        if not chunk:
            break
    if any(parts):
        yield line_no + 1, "".join(parts)


def parse_jsonl(text: str, *, source: str, max_chars: int) -> Iterator[Document | InputError]:
    """Documents from JSONL already in memory (stdin); blank lines are skipped."""
    for line_no, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield parse_line(line, source=source, line_no=line_no, max_chars=max_chars)


def parse_line(
    raw_line: str, *, source: str, line_no: int, max_chars: int
) -> Document | InputError:
    """One JSONL line to a Document, or the InputError saying what is wrong with it."""

    def error(message: str) -> InputError:
        return InputError(message, source=source, line=line_no)

    record = _record(raw_line, error)
    if isinstance(record, InputError):
        return record
    text = _text(record, error)
    if isinstance(text, InputError):
        return text
    if len(text) > max_chars:
        return too_long(source, line_no, len(text), max_chars)

    external_id = record.get("id")
    # bool is an int subclass, but an id of true is a mistake, not an id.
    if external_id is not None and (
        isinstance(external_id, bool) or not isinstance(external_id, str | int)
    ):
        return error(f'"id" must be a string or an integer, got {_json_type(external_id)}')

    date = _date(record, error, where=f"{source}:{line_no}")
    if isinstance(date, InputError):
        return date

    fields: dict[str, str | None] = {}
    for key in ("title", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return error(f'"{key}" must be a string, got {_json_type(value)}')
        fields[key] = (normalize(value).strip() or None) if value is not None else None

    return Document.create(
        text,
        source=source,
        date=date,
        date_source="metadata" if date else None,
        title=fields["title"],
        url=fields["url"],
        external_id=str(external_id) if external_id is not None else None,
    )


def _record(raw_line: str, error: Callable[[str], InputError]) -> dict[str, Any] | InputError:
    """The line's JSON object."""
    if "\x00" in raw_line:
        return error(f"NUL byte in the line (binary data, not text); {_ONE_OBJECT}")
    try:
        record: Any = json.loads(raw_line)
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" already ("Invalid control character at")
        reason = exc.msg.removesuffix(" at")
        return error(f"malformed JSON ({reason} at column {exc.colno}); {_ONE_OBJECT}")
    except RecursionError:
        return error(f"malformed JSON (nested too deeply); {_ONE_OBJECT}")
    if not isinstance(record, dict):
        return error(f"expected a JSON object, got {_json_type(record)}; {_ONE_OBJECT}")
    return record


def _text(record: dict[str, Any], error: Callable[[str], InputError]) -> str | InputError:
    """The record's normalized, non-empty ``text``."""
    text = record.get("text")
    if text is None:
        return error('missing "text"; every object needs a non-empty "text" string')
    if not isinstance(text, str):
        return error(f'"text" must be a string, got {_json_type(text)}')
    text = normalize(text).strip()
    if not text:
        return error('"text" is empty; every object needs a non-empty "text" string')
    return text


def _date(
    record: dict[str, Any], error: Callable[[str], InputError], *, where: str
) -> str | None | InputError:
    """The record's valid, trusted ``date``, or None when it has none."""
    date = record.get("date")
    if date is not None:
        if not isinstance(date, str):
            return error(f'"date" must be a string ({DATE_FORMS}), got {_json_type(date)}')
        # An empty date is how many exporters write "unknown"; treat it like a missing one.
        date = date.strip() or None
    if date is not None:
        try:
            validate_date(date)
        except ValueError as exc:
            return error(f'invalid "date" {shorten(date)!r} ({exc}); use {DATE_FORMS}')
        # a placeholder (the epoch, the future) is dropped with a warning: the date is inferred
        date = trusted_date(date, source=where)
    return date


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)
