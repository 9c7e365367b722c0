"""Rows' contract JSON as the store packs it: the same JSON back, and smaller."""

from __future__ import annotations

import json

import pytest

from kronika.errors import StoreError
from kronika.store.packed import pack, pack_json, unpack

QUOTE = {
    "addressee": None,
    "cue": "powiedział",
    "end": 61,
    "kind": "direct",
    "speaker": "e3f2a1",
    "speaker_text": "Małgorzata Nowak",
    "start": 12,
    "text": "Nie zgodzimy się na żadne ustępstwa – dodała.",
    "time": "2024-05-03",
    "time_source": "document",
}


def test_a_packed_row_reads_back_equal_and_is_smaller() -> None:
    text = json.dumps(QUOTE, ensure_ascii=False, sort_keys=True)
    packed = pack(QUOTE)
    assert packed == pack_json(text)
    assert unpack(packed) == QUOTE
    assert len(packed) < len(text.encode("utf-8")) * 0.7


def test_plain_json_from_before_packing_is_read_as_it_is() -> None:
    assert unpack(json.dumps(QUOTE)) == QUOTE


def test_a_row_of_an_unknown_format_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="newer kronika"):
        unpack(b"\x07" + pack(QUOTE)[1:])
