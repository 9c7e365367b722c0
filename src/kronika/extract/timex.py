"""Polish temporal expressions, recognized on the analysed Doc and normalized to TIMEX3 values.

Recognition is a small left-to-right grammar over tokens: an optional preposition (which gives the
``mod``: "od" START, "do" END, …), an optional position noun ("do końca", "w połowie") or
approximation word ("ponad"), then one *core* expression (a date, month, year, weekday, relative
phrase, duration, clock time …). Words are compared by their disambiguated lemma, so the
vocabularies in ``pl/timex.yaml`` hold lemmas, not inflected forms.

Values are resolved against the document date; a weekday or a month without a year takes the
tense of the nearest verb into account (past → the most recent one, future → the next one), as the
annotation guidelines ask. Without a document date such values keep ``X`` placeholders
("XXXX-11-04"), which :func:`infer_document_date` can later fill.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Span, Token

from kronika.extract.pl import load_vocabulary
from kronika.extract.time import is_calendar
from kronika.lang.components import doc_readings, doc_text, readings
from kronika.lang.morphology import Interpretation

__all__ = ["find_timexes", "infer_document_date"]

_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
_DAY = re.compile(r"^(0?[1-9]|[12][0-9]|3[01])$")
# Numeric dates and clock times are matched on the raw text from a token's start: the tokenizer
# splits "04.11.2021" into five tokens, and one pattern on the characters is clearer than five.
_NUMERIC_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)|(\d{4})-(\d{2})-(\d{2})(?!\d)")
_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})(?!\d)")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class Vocabulary:
    """The Polish word lists of ``pl/timex.yaml``, keys lowercased."""

    data: dict[str, Any]

    def table(self, name: str) -> dict[str, Any]:
        return {str(k).lower(): v for k, v in (self.data.get(name) or {}).items()}

    def words(self, name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self.data.get(name) or ())


def _all_words(data: Any) -> frozenset[str]:
    """Every word anywhere in the vocabulary: a token with none of them and no digit cannot
    start an expression, which lets ``find_timexes`` skip most tokens cheaply."""
    words: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, str):
            words.update(item.lower().split())
    return frozenset(words)


def _lowered(words: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def _vocabulary() -> _Tables:
    return _Tables(Vocabulary(load_vocabulary("timex")))


class _Tables:
    """Lookup tables built once from the vocabulary."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.months: dict[str, int] = vocab.table("months")
        self.month_adjectives: dict[str, int] = vocab.table("month_adjectives")
        self.roman: dict[str, int] = {k.upper(): v for k, v in vocab.table("roman").items()}
        self.weekdays: dict[str, int] = vocab.table("weekdays")
        self.weekday_adjectives: dict[str, int] = vocab.table("weekday_adjectives")
        self.seasons: dict[str, str] = vocab.table("seasons")
        self.day_parts: dict[str, str] = vocab.table("day_parts")
        self.units: dict[str, str] = vocab.table("units")
        self.time_units = vocab.words("time_units")
        self.time_units = frozenset(u.upper() for u in self.time_units)
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
        self.triggers = _all_words(vocab.data)
        self.phrases: list[dict[str, Any]] = sorted(
            vocab.data.get("phrases") or [], key=lambda p: -len(p["lemmas"])
        )
        # (rank in self.phrases, lowercased lemmas, phrase) by first lemma
        self.phrases_by_first: dict[str, list[tuple[int, tuple[str, ...], dict[str, Any]]]] = {}
        for rank, phrase in enumerate(self.phrases):
            lemmas = _lowered(phrase["lemmas"])
            self.phrases_by_first.setdefault(lemmas[0], []).append((rank, lemmas, phrase))
        self.prepositions: dict[str, str | None] = vocab.table("prepositions")
        self.complex_prepositions: list[list[str]] = vocab.data.get("complex_prepositions") or []
        self.positions: dict[str, str] = vocab.table("positions")
        self.position_adjectives: dict[str, str] = vocab.table("position_adjectives")
        self.approx_words: dict[str, str] = vocab.table("approx_words")
        self.approx_pairs: dict[tuple[str, ...], str] = {
            tuple(k.split()): v for k, v in vocab.table("approx_pairs").items()
        }
        self.ago = vocab.words("ago")
        self.later = vocab.words("later")
        self.anaphor_phrases: list[tuple[tuple[str, ...], dict[str, Any]]] = [
            (_lowered(p["lemmas"]), p) for p in vocab.data.get("anaphor_phrases") or []
        ]
        self.duration_adjectives = vocab.words("duration_adjectives")
        self.year_adjectives: dict[str, int] = vocab.table("year_adjectives")
        self.decade_ordinals: dict[str, int] = vocab.table("decade_ordinals")
        self.standalone_day_parts: list[tuple[tuple[str, ...], dict[str, Any]]] = [
            (_lowered(e["lemmas"]), e) for e in vocab.data.get("standalone_day_parts") or []
        ]
        # First words of the multi-word entries: a token with none of them starts none.
        self.anaphor_firsts = frozenset(lemmas[0] for lemmas, _ in self.anaphor_phrases)
        self.day_part_firsts = frozenset(lemmas[0] for lemmas, _ in self.standalone_day_parts)
        self.complex_firsts = frozenset(words[0] for words in self.complex_prepositions)
        self.anaphor_determiners = vocab.words("anaphor_determiners")
        self.holidays: dict[str, str] = vocab.table("holidays")
        self.movable_holidays: dict[str, str] = vocab.table("movable_holidays")


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
    type: str
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
    #: The preposition in front of the core being matched: "od marca" points back, "na piątek" ahead.
    preposition: str | None = None
    _sentences: list[Span] = field(default_factory=list)

    @cached_property
    def text_all(self) -> str:
        return doc_text(self.doc)

    @cached_property
    def tokens(self) -> _Tokens:
        return _tokens(self.doc, self.tables)

    @property
    def texts(self) -> list[str]:
        return self.tokens.texts

    @property
    def lemmas(self) -> list[str]:
        return self.tokens.lemmas

    @property
    def lowers(self) -> list[str]:
        return self.tokens.lowers

    @cached_property
    def token_ends(self) -> dict[int, int]:
        """Character offset where a token ends → the index after that token."""
        return {token.idx + len(token.text): token.i + 1 for token in reversed(self.doc)}

    def sentence_of(self, i: int) -> Span:
        """The sentence of token ``i``; ``Token.sent`` rescans the document on every call."""
        if not self._sentences:
            for sent in self.doc.sents:
                self._sentences.extend([sent] * len(sent))
        return self._sentences[i]

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
    """Per token: text, lemma, lowercased form, keys, and whether it may start an expression
    (a vocabulary word, a digit or a Roman numeral). Lists, because ``doc[i]`` makes a new
    Token object on every access."""

    texts: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    keys: list[set[str]] = field(default_factory=list)
    starts: list[bool] = field(default_factory=list)


_TOKENS = "kronika.timex_tokens"


def _tokens(doc: Doc, tables: _Tables) -> _Tokens:
    """The doc's token lists, made in one pass and kept on the doc: an undated document is
    searched twice."""
    cached = doc.user_data.get(_TOKENS)
    if cached is None:
        cached = doc.user_data[_TOKENS] = _Tokens()
        for token, token_readings in zip(doc, doc_readings(doc)):
            text, lemma, lower = token.text, token.lemma_, token.lower_
            keys = _token_keys(lemma, lower, token_readings)
            cached.texts.append(text)
            cached.lemmas.append(lemma)
            cached.lowers.append(lower)
            cached.keys.append(keys)
            cached.starts.append(
                bool(keys & tables.triggers)
                or any(ch.isdigit() for ch in text)
                or text in tables.roman  # the matchers read Roman numerals in capitals only
            )
    return cached


def _own_readings(token: Token) -> list[str]:
    """Tags of the readings that agree with the disambiguated lemma (all, if none agrees)."""
    tags = [r.tag for r in readings(token) if r.lemma == token.lemma_]
    return tags or [r.tag for r in readings(token)]


def _lookup(keys: set[str], table: dict[str, Any]) -> Any:
    for key in keys:
        if key in table:
            return table[key]
    return None


# ---------------------------------------------------------------------------------------------
# Tense: which way a month or weekday without a year points.


def _tense(ctx: _Ctx, start: int, end: int) -> str | None:
    """ "past", "future", "present" or None, from the verb nearest to the span in its sentence."""
    sentence = ctx.sentence_of(start)
    best: tuple[int, str] | None = None
    for token in sentence:
        if start <= token.i < end:
            continue
        tags = _own_readings(token)
        tense: str | None = None
        if any(t.startswith("praet") for t in tags):
            tense = "past"
        elif any(t.startswith("bedzie") for t in tags):
            tense = "future"
        elif any(t.startswith("fin") for t in tags):
            perfective = any(t.startswith("fin") and t.endswith(":perf") for t in tags)
            tense = "future" if perfective or _modal_future(ctx, token) else "present"
        if tense is None:
            continue
        distance = start - token.i if token.i < start else token.i - end + 1
        if best is None or distance < best[0]:
            best = (distance, tense)
    return best[1] if best else None


def _modal_future(ctx: _Ctx, token: Token) -> bool:
    """ "ma zostać podpisana", "mają przylecieć": a present "mieć" with an infinitive announces."""
    if token.lemma_ != "mieć":
        return False
    following = ctx.doc[token.i + 1 : token.i + 3]
    return any(r.pos == "inf" for t in following for r in readings(t))


def _pick_year(ctx: _Ctx, month: int, tense: str | None) -> int | None:
    """The year of a month (or a day in it) mentioned without one, relative to the document date.

    The document's own month keeps its year whatever the day: a slip of a few days is likelier than
    a date a year away. Otherwise past tense looks back, future forward, and without a tense the
    nearer occurrence wins."""
    a = ctx.anchor
    if a.year is None:
        return None
    if a.month is None or month == a.month:
        return a.year
    if tense == "past":
        return a.year if month < a.month else a.year - 1
    if tense == "future":
        return a.year if month > a.month else a.year + 1
    if (month - a.month) % 12 <= 6:
        return a.year if month > a.month else a.year + 1
    return a.year if month < a.month else a.year - 1


def _iso_week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def _fmt_month(year: int | None, month: int) -> str:
    return f"{year if year else 'XXXX'}-{month:02d}"


def _fmt_day(year: int | None, month: int, day: int) -> str:
    return f"{_fmt_month(year, month)}-{day:02d}"


# ---------------------------------------------------------------------------------------------
# Small token helpers.


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
    if text in {"roku", "rok", "r.", "rokiem"}:
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
    """A year glued to a capitalized non-temporal word is part of a name ("Zapad 2021", "Euro 2012")."""
    if i == 0:
        return False
    prev = ctx.doc[i - 1]
    if not prev.is_alpha or not prev.text[0].isupper() or prev.is_sent_start:
        return False
    keys = ctx.key(i - 1)
    temporal = (ctx.tables.months, ctx.tables.prepositions, ctx.tables.seasons)
    return not any(keys & table.keys() for table in temporal)


def _number_at(ctx: _Ctx, i: int) -> tuple[float | None, int] | None:
    """(number or None for vague "kilka", end index) at ``i``."""
    if i >= len(ctx.doc):
        return None
    text = ctx.text(i)
    if _NUMBER.match(text):
        return float(text.replace(",", ".")), i + 1
    keys = ctx.key(i)
    if keys & ctx.tables.vague_numerals:
        return None, i + 1
    value = _lookup(keys, ctx.tables.numerals)
    if value is not None:
        # "dwadzieścia jeden", "sto dwadzieścia": add following numeral words.
        total, j = float(value), i + 1
        while j < len(ctx.doc):
            more = _lookup(ctx.key(j), ctx.tables.numerals)
            if more is None or more >= total or more < 1:
                break
            total, j = total + float(more), j + 1
        return total, j
    return None


def _fmt_number(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


def _duration(n: float | None, unit: str) -> str:
    if unit in {"H", "MIN", "S"}:
        if n is not None and n != int(n) and unit == "H":
            return f"PT{_fmt_number(n * 60)}M"
        return f"PT{_fmt_number(n)}{'M' if unit == 'MIN' else unit}"
    if unit == "CE":
        return f"P{_fmt_number(n * 100 if n is not None else None)}Y"
    if unit == "DE":
        return f"P{_fmt_number(n * 10 if n is not None else None)}Y"
    if unit == "Q":
        return f"P{_fmt_number(n * 3 if n is not None else None)}M"
    if unit == "H":
        return f"P{_fmt_number(n * 6 if n is not None else None)}M"
    if n is not None and n != int(n):
        # Half units become the next smaller unit: "półtora roku" → P18M.
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H")}
        factor, small = smaller.get(unit, (1, unit))
        return _duration(n * factor, small) if small != "H" else f"PT{_fmt_number(n * 24)}H"
    return f"P{_fmt_number(n)}{unit}"


# ---------------------------------------------------------------------------------------------
# Core expressions. Each takes the start index and returns a _Core or None.


def _core_numeric_date(ctx: _Ctx, i: int) -> _Core | None:
    token = ctx.doc[i]
    if not token.text[:1].isdigit():
        return None
    match = _NUMERIC_DATE.match(ctx.text_all, token.idx)
    if not match:
        return None
    if match.group(1):
        day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        year, month, day = int(match.group(4)), int(match.group(5)), int(match.group(6))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    end = _token_ending_at(ctx, match.end())
    if end is None:
        return None
    return _Core(end, "DATE", _fmt_day(year, month, day), "absolute", kind="day")


def _token_ending_at(ctx: _Ctx, char: int) -> int | None:
    return ctx.token_ends.get(char)


def _trailing_year(ctx: _Ctx, j: int) -> tuple[int | None, int, int | None]:
    """After a month: (explicit year, end index, year offset from "ubiegłego roku"/"ub.r.")."""
    year = _year_at(ctx, j)
    if year is not None:
        end = _year_word(ctx, j + 1) or j + 1
        return year, end, None
    abbrev = _year_offset_abbrev(ctx, j)
    if abbrev is not None:
        return None, abbrev[1], abbrev[0]
    offset = _lookup(ctx.key(j), ctx.tables.relative_adjectives)
    if offset is not None and "rok" in ctx.key(j + 1):
        return None, j + 2, int(offset)
    # "tego roku" after a month means the document's year.
    return None, j, None


def _month_or_day_value(
    ctx: _Ctx,
    start: int,
    end: int,
    month: int,
    day: int | None,
    year: int | None,
    offset: int | None,
) -> _Core:
    kind = "day" if day else "month"
    if year is not None:
        anchor = "absolute"
    elif offset is not None:
        year = ctx.anchor.year + offset if ctx.anchor.year else None
        anchor = "document"
    else:
        tense = _tense(ctx, start, end)
        if ctx.preposition in {"od", "z", "ze", "sprzed"} and tense != "future":
            tense = "past"
        elif ctx.preposition == "na" and tense != "past":
            tense = "future"
        year = _pick_year(ctx, month, tense)
        anchor = "document"
    value = _fmt_day(year, month, day) if day else _fmt_month(year, month)
    return _Core(end, "DATE", value, anchor, kind=kind)


def _core_day_month(ctx: _Ctx, i: int) -> _Core | None:
    """ "4 listopada [2021 r.]", "4 XI 2021", "pierwszego dnia"."""
    if not _DAY.match(ctx.text(i)):
        return None
    if ctx.text(i + 1) in _DASHES and _DAY.match(ctx.text(i + 2)):
        # "12-14 listopada": a range of days in one month.
        last = _core_day_month(ctx, i + 2)
        if last is not None and last.value:
            first = last.value[:-2] + f"{int(ctx.text(i)):02d}"
            return _Core(last.end, "DATE", first, last.anchor, end_value=last.value, kind="range")
    j = _skip_period(ctx, i + 1) if ctx.text(i + 1) == "." else i + 1
    month = _lookup(ctx.key(j), ctx.tables.months)
    if month is None:
        month = ctx.tables.roman.get(ctx.text(j)) if ctx.text(j) in ctx.tables.roman else None
        if month is None or month > 12 or _year_at(ctx, j + 1) is None:
            return None
    year, end, offset = _trailing_year(ctx, j + 1)
    return _month_or_day_value(ctx, i, end, int(month), int(ctx.text(i)), year, offset)


def _core_month(ctx: _Ctx, i: int) -> _Core | None:
    """ "listopadzie [2021 roku]", "sierpniu ubiegłego roku", "lutym br."."""
    month = _lookup(ctx.key(i), ctx.tables.months)
    if month is None:
        return None
    # "Maj" as a name: months are lowercase in Polish, a capital one mid-sentence is a month only
    # after a preposition.
    upper = ctx.texts[i][0].isupper() and not ctx.doc[i].is_sent_start and i > 0
    if upper and ctx.text(i - 1).lower() not in ctx.tables.prepositions:
        return None
    year, end, offset = _trailing_year(ctx, i + 1)
    return _month_or_day_value(ctx, i, end, int(month), None, year, offset)


def _core_year_adjective(ctx: _Ctx, i: int) -> _Core | None:
    offset = ctx.tables.year_adjectives.get(ctx.lemmas[i].lower())
    if offset is None:
        return None
    value = _shift_unit(ctx, "Y", int(offset)) or "XXXX"
    return _Core(i + 1, "DATE", value, "document", kind="adjective")


def _core_year_after_word(ctx: _Ctx, i: int) -> _Core | None:
    """ "w roku 2020"."""
    if ctx.text(i).lower() in {"roku", "rok"} and _year_at(ctx, i + 1) is not None:
        return _Core(i + 2, "DATE", ctx.text(i + 1), "absolute", kind="year")
    return None


def _core_month_adjective(ctx: _Ctx, i: int) -> _Core | None:
    month = _lookup({ctx.lemmas[i].lower(), ctx.lowers[i]}, ctx.tables.month_adjectives)
    if month is None:
        return None
    year = _pick_year(ctx, int(month), _tense(ctx, i, i + 1))
    return _Core(i + 1, "DATE", _fmt_month(year, int(month)), "document", kind="adjective")


def _core_year(ctx: _Ctx, i: int, after_preposition: bool) -> _Core | None:
    """ "2006 roku", "2017 r.", bare "1932" after a preposition, and "2015–2018" ranges."""
    year = _year_at(ctx, i)
    if year is None or _in_name(ctx, i):
        return None
    end = _year_word(ctx, i + 1)
    # "2012 -2021" / "2015–2018" / "2008 - 2015"
    j = i + 1
    second: int | None = None
    if ctx.text(j) in _DASHES and _year_at(ctx, j + 1):
        second, j = _year_at(ctx, j + 1), j + 2
    elif re.match(r"^[-–—]\d{4}$", ctx.text(j)):
        second, j = int(ctx.text(j)[1:]), j + 1
    if second is not None and second > year:
        end = _year_word(ctx, j) or j
        return _Core(end, "DATE", str(year), "absolute", end_value=str(second), kind="range")
    if end is None:
        # A bare number after a preposition is a year only where years are likely ("w 1932");
        # "z 1480 do 1681" are counts.
        prev = ctx.text(i - 1).lower()
        if not after_preposition or not (1900 <= year <= 2099 or prev in {"w", "we"}):
            return None
        if _lookup(ctx.key(i + 1), ctx.tables.units) is not None or ctx.text(i + 1).isdigit():
            return None
        end = i + 1
    return _Core(end, "DATE", str(year), "absolute", kind="year")


def _core_years_plural(ctx: _Ctx, i: int) -> _Core | None:
    """ "latach 2015–2018", "lata 2012 -2021", "latach 90." (a decade)."""
    if ctx.text(i).lower() not in {"latach", "lata", "lat"}:
        return None
    j = i + 1
    year = _year_at(ctx, j)
    if year is not None:
        core = _core_year(ctx, j, after_preposition=True)
        if core is not None and core.kind == "range":
            return core
        return None
    text = ctx.text(j)
    ordinal = ctx.tables.decade_ordinals.get(ctx.lemmas[j].lower()) if j < len(ctx.doc) else None
    if ordinal is not None:
        return _Core(j + 1, "DATE", f"19{ordinal}", "absolute", kind="decade")
    if re.match(r"^\d0$", text) and ctx.text(j + 1) == ".":
        decade = int(text)
        century = "19" if decade >= 20 else "20"
        return _Core(j + 2, "DATE", f"{century}{decade // 10}", "absolute", kind="decade")
    return None


def _core_century(ctx: _Ctx, i: int) -> _Core | None:
    text = ctx.text(i)
    if text not in ctx.tables.roman:
        return None
    n = ctx.tables.roman[text]
    nxt = ctx.key(i + 1)
    if "wiek" in nxt or ctx.text(i + 1) == "w" and ctx.text(i + 2) == ".":
        end = i + 2 if "wiek" in nxt else i + 3
        return _Core(end, "DATE", f"{n - 1:02d}", "absolute", kind="century")
    if "kwartał" in nxt and n <= 4:
        year, end, offset = _trailing_year(ctx, i + 2)
        anchor = "absolute" if year else "document"
        if year is None:
            year = (ctx.anchor.year + (offset or 0)) if ctx.anchor.year else None
        return _Core(end, "DATE", f"{year or 'XXXX'}-Q{n}", anchor, kind="quarter")
    return None


def _core_season(ctx: _Ctx, i: int) -> _Core | None:
    season = _lookup(ctx.key(i), ctx.tables.seasons)
    if season is None:
        return None
    year, end, offset = _trailing_year(ctx, i + 1)
    if year is None:
        # Seasons alone are ambiguous words ("lato" is also "years"); only the instrumental
        # ("wiosną", "latem") or one with a year or a preposition is a time expression.
        instrumental = ctx.text(i).lower().endswith(("ą", "em"))
        if (
            not instrumental
            and offset is None
            and ctx.text(i - 1).lower() not in ctx.tables.prepositions
        ):
            return None
        year = (ctx.anchor.year + (offset or 0)) if ctx.anchor.year else None
        anchor = "document"
    else:
        anchor = "absolute"
    return _Core(end, "DATE", f"{year or 'XXXX'}-{season}", anchor, kind="season")


def _weekday_date(ctx: _Ctx, weekday: int, tense: str | None, shift: int) -> str:
    date = ctx.anchor.date
    if date is None:
        return f"XXXX-WXX-{weekday}"
    delta = weekday - date.isoweekday()
    if shift > 0 or (shift == 0 and tense == "future"):
        # The next such day (never the publication day itself when said in the future).
        # The next such day; said in the future on that very day, the day itself.
        days = delta if delta > 0 or (delta == 0 and shift == 0) else delta + 7
    elif shift < 0:
        days = (delta if delta < 0 else delta - 7) - (7 if shift < -1 else 0)
    else:
        days = delta if delta <= 0 else delta - 7
    return (date + dt.timedelta(days=days)).isoformat()


def _core_weekend(ctx: _Ctx, i: int) -> _Core | None:
    """ "w weekend", "w ten weekend", "w ubiegły weekend": the ISO week's weekend (2018-W42-WE)."""
    shift = 0
    j = i
    rel = _lookup(ctx.key(i), ctx.tables.relative_adjectives)
    if rel is not None:
        shift, j = int(rel), i + 1
    if "weekend" not in ctx.key(j):
        return None
    date = ctx.anchor.date
    if date is None:
        return _Core(j + 1, "DATE", "XXXX-WXX-WE", "document", kind="day")
    if shift == 0:
        tense = _tense(ctx, i, j + 1)
        # Said on a weekday in the past tense, "w weekend" is the one just gone.
        if tense == "past" and date.isoweekday() < 6:
            shift = -1
    return _Core(
        j + 1, "DATE", f"{_iso_week(date + dt.timedelta(weeks=shift))}-WE", "document", kind="day"
    )


def _day_part(ctx: _Ctx, j: int) -> tuple[str, int] | None:
    """ "rano", "wieczorem", "po południu" after a day."""
    text = ctx.text(j).lower()
    if text == "po" and ctx.text(j + 1).lower() == "południu":
        return "AF", j + 2
    if text in {"o", "w"} and ctx.key(j + 1) & {"północ", "południe"}:
        return None
    part = ctx.tables.day_parts.get(text)
    if part is None or part.startswith("T"):
        return None
    return part, j + 1


def _core_weekday(ctx: _Ctx, i: int, preposition: str | None) -> _Core | None:
    shift = 0
    j = i
    rel = _lookup(ctx.key(i), ctx.tables.relative_adjectives)
    if rel is not None or "ostatni" in ctx.key(i):
        shift = int(rel) if rel is not None else -1
        j = i + 1
    weekday = _lookup(ctx.key(j), ctx.tables.weekdays)
    adjective = False
    if weekday is None:
        weekday = _lookup({ctx.lemmas[j].lower(), ctx.lowers[j]}, ctx.tables.weekday_adjectives)
        adjective = weekday is not None
    if weekday is None:
        return None
    upper = ctx.texts[j][0].isupper() and not ctx.doc[j].is_sent_start and j == i and i > 0
    if upper and ctx.text(i - 1).lower() not in ctx.tables.prepositions:
        return None
    end = j + 1
    tags = _own_readings(ctx.doc[j])
    plural = any(t.startswith("subst:pl") for t in tags) and not any(
        t.startswith("subst:sg") for t in tags
    )
    if plural and not adjective:
        return _Core(end, "SET", f"XXXX-WXX-{weekday}", None, kind="set")
    # "w poniedziałek, 4 stycznia": the explicit date wins.
    k = end + 1 if ctx.text(end) == "," else end
    explicit = _core_day_month(ctx, k) if _DAY.match(ctx.text(k)) else None
    if explicit is not None:
        return explicit
    # "na piątek", "do czwartku": a day looked forward to.
    tense = "future" if preposition in {"na", "do"} else _tense(ctx, i, end)
    value = _weekday_date(ctx, int(weekday), tense, shift)
    part = _day_part(ctx, end)
    if part is not None:
        return _Core(part[1], "TIME", f"{value}T{part[0]}", "document", kind="time")
    return _Core(end, "DATE", value, "document", kind="adjective" if adjective else "day")


def _core_deictic(ctx: _Ctx, i: int, preposition: str | None) -> _Core | None:
    keys = {ctx.lemmas[i].lower(), ctx.lowers[i]}
    offset = _lookup(keys, ctx.tables.deictic_days)
    adjective = False
    if offset is None:
        offset = _lookup(keys, ctx.tables.deictic_day_adjectives)
        adjective = offset is not None
    if offset is None:
        return None
    end = i + 1
    date = ctx.anchor.date
    if offset == 0 and (preposition == "do" or date is None):
        # "do dziś" is "until now"; an undated "dziś" is the present in general.
        return _Core(end, "DATE", "PRESENT_REF", None, kind="ref")
    if date is None:
        return _Core(end, "DATE", None, "document", kind="day")
    value = (date + dt.timedelta(days=int(offset))).isoformat()
    part = _day_part(ctx, end) if not adjective else None
    if part is not None:
        return _Core(part[1], "TIME", f"{value}T{part[0]}", "document", kind="time")
    return _Core(end, "DATE", value, "document", kind="day")


def _core_present(ctx: _Ctx, i: int) -> _Core | None:
    if ctx.lowers[i] in ctx.tables.present_ref:
        return _Core(i + 1, "DATE", "PRESENT_REF", None, kind="ref")
    return None


def _shift_unit(ctx: _Ctx, unit: str, offset: int) -> str | None:
    """The calendar unit containing the document date, moved by ``offset`` units."""
    a = ctx.anchor
    if a.year is None:
        return None
    if unit == "Y":
        return str(a.year + offset)
    if unit == "M" and a.month:
        moved = dt.date(a.year, a.month, 1) + relativedelta(months=offset)
        return f"{moved.year}-{moved.month:02d}"
    if unit == "W" and a.date:
        return _iso_week(a.date + relativedelta(weeks=offset))
    if unit == "D" and a.date:
        return (a.date + relativedelta(days=offset)).isoformat()
    if unit == "Q" and a.month:
        moved = dt.date(a.year, a.month, 1) + relativedelta(months=3 * offset)
        return f"{moved.year}-Q{(moved.month - 1) // 3 + 1}"
    return None


_UNIT_DATE = {"Y", "M", "W", "D", "Q"}
# Singular genitive unit nouns after a position word ("na początku roku").
_CURRENT_UNIT = {"roku": "Y", "miesiąca": "M", "tygodnia": "W", "dnia": "D"}


def _core_relative_unit(ctx: _Ctx, i: int) -> _Core | None:
    """ "ubiegłym roku", "przyszłym tygodniu", "tym roku", "roku ubiegłego", "br."."""
    abbrev = _year_offset_abbrev(ctx, i)
    if abbrev is not None and ctx.text(i).lower().startswith(("br", "ub")):
        value = _shift_unit(ctx, "Y", abbrev[0])
        return _Core(abbrev[1], "DATE", value or "XXXX", "document", kind="year")
    rel = _lookup(ctx.key(i), ctx.tables.relative_adjectives)
    unit = _lookup(ctx.key(i + 1), ctx.tables.units)
    if rel is not None and unit in _UNIT_DATE:
        if ctx.text(i + 1).lower() in {"latach", "lata", "lat"}:
            return None
        end = i + 2
        # "tym samym roku" is an anaphor; resolve to the document's unit anyway.
        value = _shift_unit(ctx, unit, int(rel))
        if value is None:
            value = "XXXX" if unit == "Y" else None
        return _Core(end, "DATE", value, "document", kind="relative")
    unit = _lookup(ctx.key(i), ctx.tables.units)
    rel = _lookup(ctx.key(i + 1), ctx.tables.relative_adjectives)
    if (
        unit in _UNIT_DATE
        and rel is not None
        and rel != 0
        and ctx.text(i + 1).lower() not in {"następne", "kolejne", "następnych", "kolejnych"}
    ):
        if not any(r.tag.startswith("adj") and ":gen" in r.tag for r in readings(ctx.doc[i + 1])):
            return None
        value = _shift_unit(ctx, unit, int(rel))
        return _Core(i + 2, "DATE", value, "document", kind="relative")
    return None


def _core_duration(
    ctx: _Ctx, i: int, preposition: str | None, previous: list[dict[str, Any]]
) -> _Core | None:
    """ "dwa lata", "3240 dni", "kilka dni temu", "za dwa tygodnie", "47-letnia", "rocznym"."""
    number = _number_at(ctx, i)
    if number is not None:
        n, j = number
        # "47-letnia", "24-godzinny", "2,5 minutowym"
        if ctx.text(j) in _DASHES and not ctx.doc[j - 1].whitespace_:
            adj_unit = _lookup({ctx.lemmas[j + 1].lower()}, ctx.tables.unit_adjectives)
            if adj_unit is not None:
                return _Core(j + 2, "DURATION", _duration(n, adj_unit), None, kind="adjective")
        adj_unit = _lookup(
            {ctx.lemmas[j].lower()} if j < len(ctx.doc) else set(), ctx.tables.unit_adjectives
        )
        if adj_unit is not None and adj_unit != "Y":
            return _Core(j + 1, "DURATION", _duration(n, adj_unit), None, kind="adjective")
        if ctx.text(j).lower() == "do" and _number_at(ctx, j + 1):
            # "21 do 27 miesięcy": a range of durations.
            n2, k = _number_at(ctx, j + 1) or (None, j + 1)
            unit = _lookup(ctx.key(k), ctx.tables.units)
            if unit:
                return _Core(
                    k + 1,
                    "DURATION",
                    _duration(n, unit),
                    None,
                    end_value=_duration(n2, unit),
                    kind="duration",
                )
        unit = _lookup(ctx.key(j), ctx.tables.units)
        if unit is None or (n is not None and _YEAR.match(ctx.text(i)) and unit == "Y"):
            return None
        if unit == "Y" and ctx.text(j).lower() == "rok" and n is not None and n > 1:
            return None
        end = j + 1
    else:
        # A bare unit: "tydzień temu", "za tydzień", "przez rok".
        unit = _lookup(ctx.key(i), ctx.tables.units)
        if (
            unit is None
            or unit in {"CE", "DE", "Q", "H"}
            and ctx.text(i).lower() not in {"godzinę", "godzina"}
        ):
            vague = _lookup({ctx.lemmas[i].lower()}, ctx.tables.vague_unit_adjectives)
            if vague is not None:
                return _Core(
                    i + 1,
                    "DURATION",
                    f"P{'T' if vague == 'H' else ''}X{vague}",
                    None,
                    kind="adjective",
                )
            lemma = ctx.lemmas[i].lower()
            if lemma in ctx.tables.bare_unit_adjectives:
                adj_unit = ctx.tables.unit_adjectives.get(
                    lemma, {"dobowy": "D", "półroczny": "M", "kwartalny": "M"}.get(lemma, "Y")
                )
                n_adj = {"półroczny": 6.0, "kwartalny": 3.0}.get(lemma, 1.0)
                return _Core(i + 1, "DURATION", _duration(n_adj, adj_unit), None, kind="adjective")
            return None
        if ctx.lemmas[i].lower() not in {
            "rok",
            "tydzień",
            "miesiąc",
            "dzień",
            "doba",
            "godzina",
            "minuta",
        }:
            return None
        plural = ctx.text(i).lower() in {"lata", "latach", "lat", "miesiące", "tygodnie", "dni"}
        if plural:
            return None
        if (
            preposition not in {"przez", "za", "w ciągu", "na", "od"}
            and ctx.text(i + 1).lower() not in ctx.tables.ago
        ):
            return None
        n, end = 1.0, i + 1
    if ctx.text(end).lower() in ctx.tables.later:
        later = _later(ctx, n, unit, previous)
        if later is not None:
            return _Core(end + 1, "DATE", later, "text", kind="later")
    if ctx.text(end).lower() in ctx.tables.ago or preposition == "sprzed":
        stop = end + 1 if preposition != "sprzed" else end
        value: str | None
        if n is None or unit not in _UNIT_DATE:
            value = "PAST_REF"
        else:
            value = _shift_unit(ctx, unit, -int(n)) if n == int(n) else None
            value = value or ("XXXX" if unit == "Y" else "PAST_REF")
        return _Core(stop, "DATE", value, "document" if value != "PAST_REF" else None, kind="ago")
    if preposition == "za" and n is not None and unit in _UNIT_DATE and n == int(n):
        value = _shift_unit(ctx, unit, int(n))
        return _Core(end, "DATE", value, "document", kind="ahead")
    return _Core(end, "DURATION", _duration(n, unit), None, kind="duration")


def _later(ctx: _Ctx, n: float | None, unit: str, previous: list[dict[str, Any]]) -> str | None:
    """ "rok później", "kilka dni później": counted from the last date the text gave."""
    for item in reversed(previous):
        value = item.get("value") or ""
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", value)
        if item["type"] != "DATE" or not match:
            continue
        year = int(match.group(1))
        if unit == "Y" and n is not None and n == int(n):
            return str(year + int(n))
        if n is not None and n == int(n) and match.group(3) and unit in {"D", "W", "M"}:
            base = dt.date(year, int(match.group(2)), int(match.group(3)))
            moved = base + relativedelta(
                days=int(n) if unit == "D" else 0,
                weeks=int(n) if unit == "W" else 0,
                months=int(n) if unit == "M" else 0,
            )
            return moved.isoformat()
        # A vague "kilka dni później" stays within the year it follows.
        return str(year)
    return None


def _core_clock(ctx: _Ctx, i: int, preposition: str | None) -> _Core | None:
    """ "o 6.40", "godzinie 12", "do godziny 12", "o północy", "do południa"."""
    j = i
    named = _lookup(ctx.key(i), {"północ": "T24:00", "południe": "T12:00"})
    at_named = preposition in {"o", "do", "w", "przed", "po", "od", "około"}
    if (
        named is not None
        and at_named
        and ctx.text(i).lower() in {"północy", "południa", "północ", "południe"}
    ):
        return _Core(i + 1, "TIME", _time_value(ctx, named), "document", kind="time")
    hour_word = "godzina" in ctx.key(i) or ctx.text(i).lower() == "godz"
    if hour_word:
        j = _skip_period(ctx, i + 1) if ctx.text(i).lower() == "godz" else i + 1
    elif preposition not in {"o", "około"}:
        return None
    text = ctx.text(j)
    match = (
        _CLOCK.match(ctx.text_all, ctx.doc[j].idx)
        if j < len(ctx.doc) and text[:1].isdigit()
        else None
    )
    if match and int(match.group(1)) < 25 and int(match.group(2)) < 60:
        end = _token_ending_at(ctx, match.end())
        if end is not None:
            return _Core(
                end,
                "TIME",
                _time_value(ctx, f"T{int(match.group(1)):02d}:{match.group(2)}"),
                "document",
                kind="time",
            )
    if hour_word and re.match(r"^\d{1,2}$", text) and int(text) < 25:
        return _Core(
            j + 1, "TIME", _time_value(ctx, f"T{int(text):02d}:00"), "document", kind="time"
        )
    return None


def _time_value(ctx: _Ctx, clock: str) -> str:
    date = ctx.anchor.date
    return f"{date.isoformat() if date else 'XXXX-XX-XX'}{clock}"


def _core_holiday(ctx: _Ctx, i: int) -> _Core | None:
    keys = ctx.key(i)
    movable = _lookup(keys, ctx.tables.movable_holidays)
    year = ctx.anchor.year
    if movable == "easter":
        value = easter(year).isoformat() if year else "XXXX-XX-XX"
        return _Core(i + 1, "DATE", value, "document", kind="day")
    if "święto" in keys:
        two = f"święto_{ctx.lemmas[i + 1]}".lower() if i + 1 < len(ctx.doc) else ""
        if two in ctx.tables.holidays:
            return _Core(
                i + 2,
                "DATE",
                f"{year or 'XXXX'}-{ctx.tables.holidays[two]}",
                "document",
                kind="day",
            )
        # "po świętach" at the turn of the year: Christmas.
        if ctx.text(i).lower() in {"świętach", "święta", "świąt"} and ctx.anchor.month in {12, 1}:
            hy = (year - 1 if ctx.anchor.month == 1 else year) if year else None
            if ctx.text(i - 1).lower() in {"po", "przed", "na", "w"}:
                return _Core(i + 1, "DATE", f"{hy}-12-25", "document", kind="day")
    return None


def _core_anaphor(ctx: _Ctx, i: int, previous: list[dict[str, Any]]) -> _Core | None:
    """ "tego dnia", "w tym samym dniu": the last full date mentioned before."""
    if not (ctx.key(i) & ctx.tables.anaphor_determiners):
        return None
    j = i + 1
    if "sam" in ctx.key(j):
        j += 1
    if "dzień" not in ctx.key(j) or ctx.text(j).lower() not in {"dnia", "dniu", "dzień"}:
        return None
    for item in reversed(previous):
        value = item.get("value") or ""
        if item["type"] == "DATE" and re.match(r"^(\d{4}|XXXX)-\d{2}-\d{2}$", value):
            return _Core(j + 1, "DATE", value, "text", kind="day")
    return None


def _anaphor_phrase(ctx: _Ctx, i: int, previous: list[dict[str, Any]]) -> _Core | None:
    if not ctx.key(i) & ctx.tables.anaphor_firsts:
        return None
    for lemmas, phrase in ctx.tables.anaphor_phrases:
        if i + len(lemmas) > len(ctx.doc):
            continue
        if all(lemma in ctx.key(i + k) for k, lemma in enumerate(lemmas)):
            for item in reversed(previous):
                if (
                    item["type"] in {"DATE", "TIME"}
                    and item.get("value")
                    and "REF" not in item["value"]
                ):
                    return _Core(
                        i + len(lemmas),
                        item["type"],
                        item["value"],
                        "text",
                        mod=phrase.get("mod"),
                        kind="phrase",
                    )
            return None
    return None


def _standalone_day_part(ctx: _Ctx, i: int) -> _Core | None:
    if not ctx.key(i) & ctx.tables.day_part_firsts:
        return None
    for lemmas, entry in ctx.tables.standalone_day_parts:
        if i + len(lemmas) > len(ctx.doc):
            continue
        if all(lemma in ctx.key(i + k) for k, lemma in enumerate(lemmas)):
            date = ctx.anchor.date
            value = f"{date.isoformat() if date else 'XXXX-XX-XX'}T{entry['part']}"
            return _Core(i + len(lemmas), "TIME", value, "document", kind="time")
    return None


def _phrase(ctx: _Ctx, i: int) -> _Core | None:
    candidates = [p for key in ctx.key(i) for p in ctx.tables.phrases_by_first.get(key, ())]
    for _rank, lemmas, phrase in sorted(candidates, key=lambda c: c[0]):
        if i + len(lemmas) > len(ctx.doc):
            continue
        if all(lemma in ctx.key(i + k) for k, lemma in enumerate(lemmas)):
            last = ctx.doc[i + len(lemmas) - 1]
            if phrase.get("plural") and not last.lower_.endswith(
                ("ach", "ami", "ata", "ta", "ni", "at")
            ):
                continue
            return _Core(
                i + len(lemmas),
                phrase.get("type", "DATE"),
                phrase["value"],
                phrase.get("anchor"),
                mod=phrase.get("mod"),
                kind="phrase",
            )
    return None


# ---------------------------------------------------------------------------------------------
# The grammar: [preposition] [position | approximation] core


def _core(
    ctx: _Ctx, i: int, preposition: str | None, previous: list[dict[str, Any]]
) -> _Core | None:
    if i >= len(ctx.doc):
        return None
    ctx.preposition = preposition
    after_prep = preposition is not None
    # the first matcher that recognizes the core wins (a _Core is always true)
    return (
        _core_numeric_date(ctx, i)
        or _core_day_month(ctx, i)
        or _core_years_plural(ctx, i)
        or _core_year(ctx, i, after_prep)
        or _core_year_after_word(ctx, i)
        or _core_month(ctx, i)
        or _core_century(ctx, i)
        or _core_season(ctx, i)
        or _core_weekday(ctx, i, preposition)
        or _core_weekend(ctx, i)
        or _core_deictic(ctx, i, preposition)
        or _core_relative_unit(ctx, i)
        or _core_clock(ctx, i, preposition)
        or _core_duration(ctx, i, preposition, previous)
        or _core_month_adjective(ctx, i)
        or _core_year_adjective(ctx, i)
        or _core_present(ctx, i)
        or _core_holiday(ctx, i)
        or _core_anaphor(ctx, i, previous)
    )


def _match_at(ctx: _Ctx, i: int, previous: list[dict[str, Any]]) -> tuple[int, _Core] | None:
    """(start index, core with mod applied) for an expression starting at token ``i``."""
    phrase = _anaphor_phrase(ctx, i, previous) or _phrase(ctx, i) or _standalone_day_part(ctx, i)
    if phrase is not None:
        return i, phrase
    j = i
    preposition: str | None = None
    complex_prepositions = (
        ctx.tables.complex_prepositions if ctx.key(i) & ctx.tables.complex_firsts else ()
    )
    for words in complex_prepositions:
        if all(w in ctx.key(i + k) for k, w in enumerate(words)):
            preposition, j = " ".join(words), i + len(words)
            break
    else:
        text = ctx.text(i).lower()
        if text in ctx.tables.prepositions:
            preposition, j = text, _skip_period(ctx, i + 1) if text == "ok" else i + 1
    position: str | None = None
    approx: str | None = None
    if preposition is not None:
        position = _lookup(ctx.key(j), ctx.tables.positions)
        if position is not None and ctx.text(j).lower() in {
            "koniec",
            "końca",
            "końcem",
            "początku",
            "połowie",
            "połowy",
            "początek",
            "połowę",
        }:
            j += 1
        else:
            position = None
    adjective_mod = _lookup(
        {ctx.lemmas[j].lower()} if j < len(ctx.doc) else set(), ctx.tables.position_adjectives
    )
    if adjective_mod is not None and _lookup(ctx.key(j + 1), ctx.tables.seasons):
        j += 1
    half = (
        ctx.tables.ordinals.get(ctx.lemmas[j].lower())
        if preposition is not None and j < len(ctx.doc)
        else None
    )
    if half in {1, 2} and "połowa" in ctx.key(j + 1):
        # "w pierwszej połowie roku / 2019 r.": a half year.
        year = _year_at(ctx, j + 2)
        if year is not None:
            end = _year_word(ctx, j + 3) or j + 3
            return i, _Core(end, "DATE", f"{year}-H{half}", "absolute", kind="half")
        if ctx.text(j + 2).lower() == "roku":
            value = _shift_unit(ctx, "Y", 0) or "XXXX"
            return i, _Core(j + 3, "DATE", f"{value}-H{half}", "document", kind="half")
    if position is not None and ctx.text(j).lower() in _CURRENT_UNIT and not _year_at(ctx, j + 1):
        # "na początku roku", "do końca miesiąca": the document's year or month.
        unit = _CURRENT_UNIT[ctx.text(j).lower()]
        rel = _lookup(ctx.key(j + 1), ctx.tables.relative_adjectives)
        end = j + 2 if rel is not None and ctx.text(j + 1).lower() != "tego" else j + 1
        if ctx.text(j + 1).lower() in {"tego", "bieżącego"} and "rok" in ctx.key(j):
            end, rel = j + 1, 0
        value = _shift_unit(ctx, unit, int(rel or 0)) or ("XXXX" if unit == "Y" else None)
        core = _Core(end, "DATE", value, "document", mod=position, kind="relative")
        if preposition == "do" and position == "MID" and unit == "Y" and value:
            core.value = f"{value}-H1"
            core.mod = "END"
        return i, core
    approx = ctx.tables.approx_words.get(ctx.text(j).lower())
    if approx is not None:
        j = _skip_period(ctx, j + 1) if ctx.text(j).lower() == "ok" else j + 1
    elif (ctx.text(j).lower(), ctx.text(j + 1).lower()) in ctx.tables.approx_pairs:
        approx = ctx.tables.approx_pairs[(ctx.text(j).lower(), ctx.text(j + 1).lower())]
        j += 2
    if (
        preposition is not None
        and ctx.key(j) & ctx.tables.duration_adjectives
        and _number_at(ctx, j + 1)
    ):
        j += 1
    core = _core(ctx, j, preposition, previous)
    if core is None:
        return None
    # "do" followed by "końca" takes the END of the thing; "od X do Y" is a range.
    if (
        core.type in {"DATE", "TIME"}
        and core.value not in {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
        or core.kind == "ref"
    ):
        mod = position or adjective_mod or core.mod
        if mod is None and preposition is not None and core.kind != "ref":
            mod = ctx.tables.prepositions.get(preposition)
        if mod is None and preposition == "do" and core.kind == "ref":
            mod = "END"
        if preposition == "do" and position == "MID" and core.kind == "year":
            core.value = f"{core.value}-H1"
            mod = "END"
        if preposition == "w" and position == "MID":
            mod = "MID"
        if preposition == "od" and ctx.text(core.end).lower() == "do":
            second = _core(ctx, core.end + 1, "do", previous)
            if second is not None and second.type == "DATE" and second.kind == core.kind:
                core.end_value, core.end, mod = second.value, second.end, None
                # "od stycznia do marca 2021 r.": the first month takes the second one's year.
                if core.anchor == "document" and second.anchor == "absolute" and second.value:
                    core.value = second.value[:4] + (core.value or "")[4:]
                    core.anchor = "absolute"
        if approx == "APPROX":
            mod = "APPROX"
        core.mod = mod
    elif approx is not None:
        core.mod = approx
    start = i if (preposition is not None or approx is not None or position is not None) else j
    if adjective_mod is not None:
        start = i
    if core.kind == "adjective":
        # Adjectives are annotated alone ("z marcowym szczytem" → "marcowym").
        start = j
    if (
        preposition is not None
        and core.kind in {"duration"}
        and preposition in {"z", "o", "po", "pod"}
    ):
        start = j
    # "o" introduces clock times and durations only ("o 6.40", "o dwa lata"), not "o 2020 roku".
    if preposition == "o" and core.type not in {"TIME", "DURATION"} and core.kind != "ahead":
        return None
    return start, core


def find_timexes(doc: Doc, document_date: str | None) -> list[dict[str, Any]]:
    """Contract items: {"start", "end", "text", "type": DATE|TIME|DURATION|SET, "value": str|None,
    "mod": str|None, "anchor": "document"|"absolute"|"text"|None[, "end_value"]}.

    Offsets are character offsets into doc.text; values are normalized against
    ``document_date`` (ISO 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' — a longer timestamp is cut — or None,
    in which case document-relative values keep X placeholders)."""
    ctx = _Ctx(doc, _vocabulary(), _Anchor.parse(document_date))
    ctx.keys, starts = ctx.tokens.keys, ctx.tokens.starts
    found: list[dict[str, Any]] = []
    i = 0
    while i < len(doc):
        if not starts[i]:
            i += 1
            continue
        match = _match_at(ctx, i, found)
        if match is None:
            i += 1
            continue
        start, core = match
        first, last = doc[start], doc[core.end - 1]
        start_char, end_char = first.idx, last.idx + len(last.text)
        item: dict[str, Any] = {
            "start": start_char,
            "end": end_char,
            "text": ctx.text_all[start_char:end_char],
            "type": core.type,
            "value": core.value,
            "mod": core.mod,
            "anchor": core.anchor,
        }
        if core.end_value is not None:
            item["end_value"] = core.end_value
        found.append(item)
        i = core.end
    return found


# ---------------------------------------------------------------------------------------------
# Document date inference.

_PRECISION = {4: "year", 7: "month", 10: "day"}


def infer_document_date(
    doc: Doc, timexes: Iterable[dict[str, Any]]
) -> tuple[str | None, str | None]:
    """For an undated document: (date, precision) inferred from the text, or (None, None).

    Evidence, strongest first: the latest explicit absolute date (day, month or year) that the text
    mentions outside future-tense sentences — news reports what has happened, so the publication
    date is on or after the latest past event. A future-only mention is not evidence of the
    publication date and is ignored. Nothing is invented: without an absolute date, no date."""
    vocab = _vocabulary()
    ctx = _Ctx(doc, vocab, _Anchor())
    candidates: list[str] = []
    for item in timexes:
        value = item.get("value") or ""
        if item.get("anchor") != "absolute" or item.get("type") != "DATE":
            continue
        if item.get("mod") in {"START", "AFTER", "BEFORE"}:
            continue  # "od 2019 roku" bounds the date from below; it does not date the article
        if not is_calendar(value):
            continue
        span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
        if span is None:
            continue
        tense = _tense(ctx, span.start, span.end)
        if tense == "future":
            continue
        # A past range ended before publication; a present one ("obowiązuje do 2025") may not have.
        end_value = item.get("end_value") or ""
        if tense == "past" and is_calendar(end_value):
            value = end_value
        candidates.append(value)
    candidates.extend(_name_years(ctx, timexes))
    if not candidates:
        return None, None
    # The latest in time; at equal start, the more precise one.
    best = max(candidates, key=lambda v: (v[:4], v[5:7] or "00", v[8:10] or "00", len(v)))
    return best, _PRECISION.get(len(best))


def _name_years(ctx: _Ctx, timexes: Iterable[dict[str, Any]]) -> list[str]:
    """Years inside names of past events ("manewrów „Zapad 2021”", "Euro 2012") as evidence.

    They are not timexes, but an event named by its year that the text reports in the past tense
    dates the article no earlier than that year.
    """
    taken = {i for item in timexes for i in range(item["start"], item["end"])}
    years = []
    for token in ctx.doc:
        text = token.text
        if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
            continue
        if token.idx in taken or token.i == 0:
            continue
        previous = ctx.doc[token.i - 1]
        if not previous.text[:1].isupper() or previous.is_sent_start:
            continue
        if _tense(ctx, token.i, token.i + 1) == "past":
            years.append(text)
    return years


def document_date_range(
    doc: Doc, timexes: Iterable[dict[str, Any]]
) -> tuple[str | None, str | None]:
    """(earliest, latest) publication date the text allows: on or after every calendar date it
    reports in the past tense, before every one it announces in the future tense.

    For an undated article whose date is inferred only to the year, this narrows it down:
    "we wrześniu … zapowiedział" and "ma zostać podpisanych 4 listopada" put it between
    September and 4 November."""
    ctx = _Ctx(doc, _vocabulary(), _Anchor())
    past: list[str] = []
    future: list[str] = []
    for item in timexes:
        value = item.get("value") or ""
        if item.get("type") != "DATE" or not is_calendar(value):
            continue
        if item.get("mod") in {"START", "AFTER", "BEFORE"}:
            continue  # "od 2019 roku" says when something began, not when it was reported
        span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
        if span is None:
            continue
        tense = _tense(ctx, span.start, span.end)
        if tense == "past":
            past.append(value)
        elif tense == "future":
            future.append(value)
    earliest = max(past) if past else None
    later = [v for v in future if earliest is None or v > earliest]
    return earliest, (min(later) if later else None)
