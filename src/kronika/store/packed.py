"""What the SQLite store keeps compressed: each row's contract JSON (the ``data`` column of
timexes, quotes, relations, events and facts) and each sentence's lemmas. A quotation's and a
timex's words are the document's at their offsets: their rows leave them out.

Each row keeps its whole contract record, so that fields the schema has no column for survive a
round trip; as plain JSON these records were a third of a database. They are stored as one
format byte and the JSON (``sort_keys``, not ASCII-escaped) compressed by raw DEFLATE with a
preset dictionary of the contract's keys and common values: a record of a few hundred bytes is
stored in under half of them, and reads back as the same JSON, byte for byte.

The dictionary belongs to format 1 and must never change: a blob compressed with it cannot be
read with another. A new dictionary is a new format byte (readers keep knowing the old ones).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from kronika.errors import StoreError

#: The first byte of a blob of format 1 (the only one).
FORMAT_1 = b"\x01"

# Format 1's preset dictionary: the keys of the contract's rows, as they appear in their sorted
# JSON, then the commonest values. DEFLATE finds the most recent matches cheapest, so the most
# frequent pieces come last.
_DICTIONARY_1 = (
    '{"about": null, "population": null, "qualifier": null, "share": null, "unit": "percent"}'
    '"statements": [], "source": null, "source_end": null, "source_start": null, '
    '"source_text": null, "type": "poll", "trigger": "", "trigger_end": null, '
    '"trigger_start": null, "participants": [], "place": null, "id": "v", "type": "meeting", '
    '"type": "summit", "type": "election", "type": "agreement", "evidence": "phrase", '
    '"evidence": "title", "object": "e", "object_text": null, "predicate": "member_of", '
    '"predicate": "role", "status": "current", "status": "happened", "subject": "e", '
    '"subject_text": null, "valid_from": null, "valid_to": null, "value": null, '
    '"addressee": null, "addressee_text": null, "cue": "powiedział", "kind": "direct", '
    '"kind": "indirect", "speaker": null, "speaker_description": null, "speaker_end": null, '
    '"speaker_start": null, "speaker_text": null, "anchor": "absolute", "anchor": "document", '
    '"mod": null, "type": "DATE", "type": "DURATION", "end_value": null, '
    '"claim": false, "end": , "quote_index": null, "start": , "text": "", '
    '"time": null, "time_mod": null, "time_source": "document", "time_text": null}'
).encode()


def pack(row: dict[str, Any]) -> bytes:
    """A row's contract record as stored."""
    return pack_json(json.dumps(row, ensure_ascii=False, sort_keys=True))


def pack_json(text: str) -> bytes:
    """The stored form of a row's JSON (as :func:`pack` writes it: sorted keys, not escaped)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY_1)
    return FORMAT_1 + compressor.compress(text.encode("utf-8")) + compressor.flush()


#: The field of a stored row that is the document's own words at the row's offsets, by table:
#: left out of the packed row when it is exactly those words, and read back from the document.
DOCUMENT_WORDS: dict[str, tuple[str, str, str]] = {
    "quotes": ("text", "start", "end"),
    "timexes": ("text", "start", "end"),
}


def pack_row(table: str, row: dict[str, Any], text: str) -> bytes:
    """A row of ``table`` as stored, ``text`` its document's: without the words the document
    holds at its offsets (a quotation's words were half of its stored row)."""
    spec = DOCUMENT_WORDS.get(table)
    if spec is not None:
        field, start, end = spec
        words = row.get(field)
        if words is not None and text[row[start] : row[end]] == words:
            row = {key: value for key, value in row.items() if key != field}
    return pack(row)


def unpack_row(table: str, data: bytes | str, text: str, offset: int = 0) -> dict[str, Any]:
    """A stored row of ``table`` whole again; ``text`` is its document's text, or the part of it
    from character ``offset`` on that holds the row's words."""
    row = unpack(data)
    spec = DOCUMENT_WORDS.get(table)
    if spec is not None and spec[0] not in row:
        field, start, end = spec
        row[field] = text[row[start] - offset : row[end] - offset]
        row = dict(sorted(row.items()))  # as the row was packed: keys sorted
    return row


def unpack(data: bytes | str) -> dict[str, Any]:
    """A stored row's contract record (a ``str`` is a row of plain JSON, from before format 1)."""
    if isinstance(data, str):
        loaded: dict[str, Any] = json.loads(data)
        return loaded
    if data[:1] != FORMAT_1:
        raise StoreError(
            f"a stored row of unknown format {data[:1]!r}: made by a newer kronika; upgrade "
            "kronika to read this database"
        )
    decompressor = zlib.decompressobj(-15, _DICTIONARY_1)
    text = decompressor.decompress(data[1:]) + decompressor.flush()
    record: dict[str, Any] = json.loads(text)
    return record


#: The first byte of a sentence's packed lemmas (format 1, the only one).
LEMMAS_1 = b"\x01"


def pack_lemmas(lemmas: str, text: str) -> bytes:
    """A sentence's lemmas as stored: raw DEFLATE with the sentence's own text as the preset
    dictionary. A lemma is mostly its word's letters ("batalii" → "batalia"), so the lemmas of a
    sentence are stored in a third of their bytes and read back exactly; reading them needs the
    sentence's text, which the document holds."""
    compressor = zlib.compressobj(
        9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, text.encode("utf-8") or b" "
    )
    return LEMMAS_1 + compressor.compress(lemmas.encode("utf-8")) + compressor.flush()


def unpack_lemmas(data: bytes | str, text: str) -> str:
    """A sentence's lemmas from their stored form and the sentence's text (a ``str`` is stored
    plain: a PostgreSQL database, or a row from before the packing)."""
    if isinstance(data, str):
        return data
    if data[:1] != LEMMAS_1:
        raise StoreError(
            f"a sentence's lemmas of unknown format {data[:1]!r}: made by a newer kronika; "
            "upgrade kronika to read this database"
        )
    decompressor = zlib.decompressobj(-15, text.encode("utf-8") or b" ")
    return (decompressor.decompress(data[1:]) + decompressor.flush()).decode("utf-8")
