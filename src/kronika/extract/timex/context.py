"""The document being searched for temporal expressions: the anchor date, per-token keys, and
the small token helpers every core expression uses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Span, Token

from kronika.extract.timex.vocabulary import _Tables
from kronika.lang.components import readings
from kronika.lang.morphology import Interpretation
from kronika.lang.view import DocumentView
from kronika.model import TimexType

_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")


_DAY = re.compile(r"^(0?[1-9]|[12][0-9]|3[01])$")


# Numeric dates and clock times are matched on the raw text from a token's start: the tokenizer
# splits "04.11.2021" into five tokens, and one pattern on the characters is clearer than five.
_NUMERIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)|(\d{4})-(\d{2})-(\d{2})(?!\d)")


_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})(?!\d)")


_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class _Anchor:
    """The document date, at whatever precision it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> _Anchor:
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
        if not match:
            return cls()
        year, month, day = (int(g) if g else None for g in match.groups())
        return cls(year, month, day)

    @property
    def date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


@dataclass
class _Core:
    """What one core expression means, before the preposition's mod is applied."""

    end: int  # token index, exclusive
    type: TimexType
    value: str | None
    anchor: str | None = None
    mod: str | None = None
    end_value: str | None = None
    kind: str = ""  # "year", "month", "day", "duration", "ref", "time", "set", "range"


@dataclass
class _Ctx:
    doc: Doc
    tables: _Tables
    anchor: _Anchor
    keys: list[set[str]] = field(default_factory=list)
    #: The preposition in front of the core being matched: "od marca" points back, "na piątek"
    #: ahead.
    preposition: str | None = None

    @cached_property
    def view(self) -> DocumentView:
        return DocumentView.of(self.doc)

    @property
    def text_all(self) -> str:
        return self.view.text

    @cached_property
    def tokens(self) -> _Tokens:
        return self.view.derived(_TOKENS, lambda view: _tokens(view, self.tables))

    @property
    def texts(self) -> list[str]:
        return self.view.texts

    @property
    def lemmas(self) -> list[str]:
        return self.view.lemmas

    @property
    def lowers(self) -> list[str]:
        return self.view.lowers

    @property
    def token_ends(self) -> dict[int, int]:
        return self.view.token_ends

    def sentence_of(self, i: int) -> Span:
        return self.view.sentence_of(i)

    def key(self, i: int) -> set[str]:
        return self.keys[i] if 0 <= i < len(self.keys) else set()

    def text(self, i: int) -> str:
        return self.texts[i] if 0 <= i < len(self.texts) else ""


def _token_keys(lemma: str, lower: str, token_readings: Iterable[Interpretation]) -> set[str]:
    """Words a token may stand for: its lemma, its lowercased form and its noun lemmas.

    Noun lemmas help where the disambiguator picked a verb ("jesienią" → jesienić, not jesień)."""
    keys = {lemma.lower(), lower}
    for reading in token_readings:
        if reading.tag.startswith(("subst", "brev", "adv", "num")):
            keys.add(reading.lemma.lower())
    return keys


@dataclass(slots=True)
class _Tokens:
    """Per token: the keys it may stand for, and whether it may start an expression (a
    vocabulary word, a digit or a Roman numeral)."""

    keys: list[set[str]] = field(default_factory=list)
    starts: list[bool] = field(default_factory=list)


_TOKENS = "kronika.timex_tokens"


def _tokens(view: DocumentView, tables: _Tables) -> _Tokens:
    """The doc's keys, made in one pass and kept with its view: an undated document is searched
    twice."""
    found = _Tokens()
    for text, lemma, lower, token_readings in zip(
        view.texts, view.lemmas, view.lowers, view.readings, strict=False
    ):
        keys = _token_keys(lemma, lower, token_readings)
        found.keys.append(keys)
        found.starts.append(
            bool(keys & tables.triggers)
            or any(ch.isdigit() for ch in text)
            or text in tables.roman  # the matchers read Roman numerals in capitals only
        )
    return found


def _own_readings(token: Token) -> list[str]:
    """Tags of the readings that agree with the disambiguated lemma (all, if none agrees)."""
    tags = [r.tag for r in readings(token) if r.lemma == token.lemma_]
    return tags or [r.tag for r in readings(token)]


def _lookup(keys: set[str], table: dict[str, Any]) -> Any:
    for key in keys:
        if key in table:
            return table[key]
    return None


def _skip_period(ctx: _Ctx, i: int) -> int:
    """Index after an abbreviation's period, if one follows token ``i - 1`` directly."""
    if i < len(ctx.doc) and ctx.texts[i] == "." and not ctx.doc[i - 1].whitespace_:
        return i + 1
    return i


def _year_word(ctx: _Ctx, i: int) -> int | None:
    """End index after "r." / "roku" / "rok" at ``i``, or None."""
    if i >= len(ctx.doc):
        return None
    text = ctx.text(i).lower()
    if text == "r":
        return _skip_period(ctx, i + 1)
    if text in ctx.tables.year_words:
        return i + 1
    return None


def _year_offset_abbrev(ctx: _Ctx, i: int) -> tuple[int, int] | None:
    """("br." → 0 / "ub.r." → -1, end index) at ``i``."""
    if i >= len(ctx.doc):
        return None
    text = ctx.text(i).lower().rstrip(".")
    offset = ctx.tables.year_abbreviations.get(text)
    if offset is None:
        offset = ctx.tables.year_abbreviations.get(ctx.lemmas[i].lower())
    if offset is None:
        # "ub. r." spelled with a space.
        if text == "ub" and ctx.text(_skip_period(ctx, i + 1)).lower() == "r":
            return -1, _skip_period(ctx, _skip_period(ctx, i + 1) + 1)
        return None
    return int(offset), _skip_period(ctx, i + 1)


def _year_at(ctx: _Ctx, i: int) -> int | None:
    text = ctx.text(i)
    return int(text) if _YEAR.match(text) else None


def _in_name(ctx: _Ctx, i: int) -> bool:
    """A year glued to a capitalized non-temporal word is part of a name ("Zapad 2021",
    "Euro 2012")."""
    if i == 0:
        return False
    prev = ctx.doc[i - 1]
    if not prev.is_alpha or not prev.text[0].isupper() or prev.is_sent_start:
        return False
    keys = ctx.key(i - 1)
    temporal = (ctx.tables.months, ctx.tables.prepositions, ctx.tables.seasons)
    return not any(keys & table.keys() for table in temporal)


def _token_ending_at(ctx: _Ctx, char: int) -> int | None:
    return ctx.token_ends.get(char)
