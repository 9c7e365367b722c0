"""Rows' contract JSON as the store packs it: the same JSON back, and smaller."""

from __future__ import annotations

import json

import pytest

from kronika.errors import StoreError
from kronika.store.packed import LEMMAS_1, pack, pack_json, pack_lemmas, unpack, unpack_lemmas

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


@pytest.mark.parametrize(
    ("lemmas", "text"),
    [
        (
            "pakistański sąd wysoki uniewinnić chrześcijanka",
            "Pakistański Sąd Najwyższy uniewinnił chrześcijankę",
        ),
        ("Łukaszenko spotkać się z Putin", "Łukaszenko spotkał się z Putinem"),
        ("", ""),
        ("2021 10 14", "14.10.2021 🙂"),
    ],
)
def test_lemmas_read_back_exactly_from_their_sentence(lemmas: str, text: str) -> None:
    packed = pack_lemmas(lemmas, text)
    assert packed[:1] == LEMMAS_1
    assert unpack_lemmas(packed, text) == lemmas
    assert unpack_lemmas(lemmas, text) == lemmas  # stored plain (PostgreSQL, older rows)


def test_packed_lemmas_are_smaller_than_plain() -> None:
    text = "Radykalna partia zagroziła protestami ulicznymi, jeśli wyrok zostanie zmniejszony."
    lemmas = "radykalny partia zagrozić protest uliczny jeśli wyrok zostać zmniejszyć"
    assert len(pack_lemmas(lemmas, text)) < len(lemmas.encode()) / 2


def test_lemmas_of_an_unknown_format_are_refused() -> None:
    with pytest.raises(StoreError, match="unknown format"):
        unpack_lemmas(b"\x09abc", "abc")
