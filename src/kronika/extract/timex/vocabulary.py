"""The Polish word lists of ``pl/timex.yaml`` as lookup tables, built once per process."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kronika.extract.pl import PACKAGE
from kronika.resources import Vocabulary, vocabulary


class _Lowered:
    """A vocabulary file read with its keys and words lowercased."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab

    def table(self, name: str) -> dict[str, Any]:
        return {str(k).lower(): v for k, v in (self.vocab[name] or {}).items()}

    def words(self, name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self.vocab[name] or ())

    def entries(self, name: str) -> list[Any]:
        return list(self.vocab[name] or [])


def _lowered(words: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def _vocabulary() -> _Tables:
    return _Tables(
        _Lowered(vocabulary(PACKAGE, "timex.yaml")), vocabulary(PACKAGE, "timex_forms.yaml")
    )


class _Tables:
    """Lookup tables built once from the vocabulary."""

    def __init__(self, vocab: _Lowered, forms: Vocabulary) -> None:
        self.months: dict[str, int] = vocab.table("months")
        self.month_adjectives: dict[str, int] = vocab.table("month_adjectives")
        self.roman: dict[str, int] = {k.upper(): v for k, v in vocab.table("roman").items()}
        self.weekdays: dict[str, int] = vocab.table("weekdays")
        self.weekday_adjectives: dict[str, int] = vocab.table("weekday_adjectives")
        self.seasons: dict[str, str] = vocab.table("seasons")
        self.day_parts: dict[str, str] = vocab.table("day_parts")
        self.units: dict[str, str] = vocab.table("units")
        self.unit_adjectives: dict[str, str] = vocab.table("unit_adjectives")
        self.bare_unit_adjectives = vocab.words("bare_unit_adjectives")
        self.vague_unit_adjectives: dict[str, str] = vocab.table("vague_unit_adjectives")
        self.numerals: dict[str, float] = vocab.table("numerals")
        self.vague_numerals = vocab.words("vague_numerals")
        self.ordinals: dict[str, int] = vocab.table("ordinals")
        self.relative_adjectives: dict[str, int] = vocab.table("relative_adjectives")
        self.year_abbreviations: dict[str, int] = vocab.table("year_abbreviations")
        self.deictic_days: dict[str, int] = vocab.table("deictic_days")
        self.deictic_day_adjectives: dict[str, int] = vocab.table("deictic_day_adjectives")
        self.present_ref = vocab.words("present_ref")
        self.triggers = vocab.vocab.every_word()
        self.phrases: list[dict[str, Any]] = sorted(
            vocab.entries("phrases"), key=lambda p: -len(p["lemmas"])
        )
        # (rank in self.phrases, lowercased lemmas, phrase) by first lemma
        self.phrases_by_first: dict[str, list[tuple[int, tuple[str, ...], dict[str, Any]]]] = {}
        for rank, phrase in enumerate(self.phrases):
            lemmas = _lowered(phrase["lemmas"])
            self.phrases_by_first.setdefault(lemmas[0], []).append((rank, lemmas, phrase))
        self.prepositions: dict[str, str | None] = vocab.table("prepositions")
        self.complex_prepositions: list[list[str]] = vocab.entries("complex_prepositions")
        self.positions: dict[str, str] = vocab.table("positions")
        self.position_adjectives: dict[str, str] = vocab.table("position_adjectives")
        self.approx_words: dict[str, str] = vocab.table("approx_words")
        self.approx_pairs: dict[tuple[str, ...], str] = {
            tuple(k.split()): v for k, v in vocab.table("approx_pairs").items()
        }
        self.ago = vocab.words("ago")
        self.later = vocab.words("later")
        self.anaphor_phrases: list[tuple[tuple[str, ...], dict[str, Any]]] = [
            (_lowered(p["lemmas"]), p) for p in vocab.entries("anaphor_phrases")
        ]
        self.duration_adjectives = vocab.words("duration_adjectives")
        self.year_adjectives: dict[str, int] = vocab.table("year_adjectives")
        self.decade_ordinals: dict[str, int] = vocab.table("decade_ordinals")
        self.standalone_day_parts: list[tuple[tuple[str, ...], dict[str, Any]]] = [
            (_lowered(e["lemmas"]), e) for e in vocab.entries("standalone_day_parts")
        ]
        # First words of the multi-word entries: a token with none of them starts none.
        self.anaphor_firsts = frozenset(lemmas[0] for lemmas, _ in self.anaphor_phrases)
        self.day_part_firsts = frozenset(lemmas[0] for lemmas, _ in self.standalone_day_parts)
        self.complex_firsts = frozenset(words[0] for words in self.complex_prepositions)
        self.anaphor_determiners = vocab.words("anaphor_determiners")
        self.holidays: dict[str, str] = vocab.table("holidays")
        self.movable_holidays: dict[str, str] = vocab.table("movable_holidays")
        self._read_forms(forms)

    def _read_forms(self, forms: Vocabulary) -> None:
        """The surface forms of ``pl/timex_forms.yaml``."""
        self.year_words = forms.words("year_words")
        self.years_plural_forms = forms.words("years_plural_forms")
        self.past_prepositions = forms.words("past_prepositions")
        self.position_forms = forms.words("position_forms")
        self.hour_forms = forms.words("hour_forms")
        self.named_times: dict[str, str] = dict(forms["named_times"])
        self.named_time_forms = forms.words("named_time_forms")
        self.named_time_prepositions = forms.words("named_time_prepositions")
        self.named_time_openers = forms.words("named_time_openers")
        self.clock_prepositions = forms.words("clock_prepositions")
        self.day_forms = forms.words("day_forms")
        self.plural_endings = tuple(str(e) for e in forms["plural_endings"])
        self.year_abbreviation_prefixes = tuple(str(p) for p in forms["year_abbreviation_prefixes"])
        self.next_plural_forms = forms.words("next_plural_forms")
        self.year_before_number_forms = forms.words("year_before_number_forms")
        self.instrumental_endings = tuple(str(e) for e in forms["instrumental_endings"])
        self.holiday_plural_forms = forms.words("holiday_plural_forms")
        self.holiday_prepositions = forms.words("holiday_prepositions")
        self.current_units: dict[str, str] = dict(forms["current_units"])
        self.year_prepositions = forms.words("year_prepositions")
        self.ahead_prepositions = forms.words("ahead_prepositions")
        self.duration_prepositions_outside = forms.words("duration_prepositions_outside")
        self.bare_units = forms.words("bare_units")
        self.plural_unit_forms = forms.words("plural_unit_forms")
        self.span_prepositions = forms.words("span_prepositions")
        self.bare_adjective_units: dict[str, str] = dict(forms["bare_adjective_units"])
        self.bare_adjective_counts: dict[str, float] = dict(forms["bare_adjective_counts"])
        self.current_year_determiners = forms.words("current_year_determiners")
