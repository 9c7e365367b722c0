"""The grammar of one expression: [preposition] [position | approximation] core, and the
left-to-right search over the document (``find_timexes``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from kronika.extract.timex.calendar import _shift_unit
from kronika.extract.timex.clock import _core_clock, _standalone_day_part
from kronika.extract.timex.context import (
    _Anchor,
    _Core,
    _Ctx,
    _lookup,
    _skip_period,
    _year_at,
    _year_word,
)
from kronika.extract.timex.dates import (
    _core_century,
    _core_day_month,
    _core_holiday,
    _core_month,
    _core_month_adjective,
    _core_numeric_date,
    _core_season,
    _core_year,
    _core_year_adjective,
    _core_year_after_word,
    _core_years_plural,
)
from kronika.extract.timex.durations import _core_duration, _core_relative_unit, _number_at
from kronika.extract.timex.phrases import _anaphor_phrase, _core_anaphor, _phrase
from kronika.extract.timex.vocabulary import _vocabulary
from kronika.extract.timex.weekdays import (
    _core_deictic,
    _core_present,
    _core_weekday,
    _core_weekend,
)
from kronika.model import Timex


def _core(ctx: _Ctx, i: int, preposition: str | None, previous: Sequence[Timex]) -> _Core | None:
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


def _preposition_at(ctx: _Ctx, i: int) -> tuple[str | None, int]:
    """(the preposition at token ``i`` — one word or two, "w ciągu" — or None, index after it)."""
    complex_prepositions = (
        ctx.tables.complex_prepositions if ctx.key(i) & ctx.tables.complex_firsts else ()
    )
    for words in complex_prepositions:
        if all(w in ctx.key(i + k) for k, w in enumerate(words)):
            return " ".join(words), i + len(words)
    text = ctx.text(i).lower()
    if text in ctx.tables.prepositions:
        return text, _skip_period(ctx, i + 1) if text == "ok" else i + 1
    return None, i


def _position_at(ctx: _Ctx, j: int, preposition: str | None) -> tuple[str | None, int]:
    """(the mod of a position noun after a preposition, "do końca", "w połowie", index after)."""
    if preposition is None:
        return None, j
    position = _lookup(ctx.key(j), ctx.tables.positions)
    if position is not None and ctx.text(j).lower() in ctx.tables.position_forms:
        return position, j + 1
    return None, j


def _half_year(ctx: _Ctx, j: int, preposition: str | None) -> _Core | None:
    """ "w pierwszej połowie roku / 2019 r.": a half year."""
    half = (
        ctx.tables.ordinals.get(ctx.lemmas[j].lower())
        if preposition is not None and j < len(ctx.doc)
        else None
    )
    if half not in {1, 2} or "połowa" not in ctx.key(j + 1):
        return None
    year = _year_at(ctx, j + 2)
    if year is not None:
        end = _year_word(ctx, j + 3) or j + 3
        return _Core(end, "DATE", f"{year}-H{half}", "absolute", kind="half")
    if ctx.text(j + 2).lower() == "roku":
        value = _shift_unit(ctx, "Y", 0) or "XXXX"
        return _Core(j + 3, "DATE", f"{value}-H{half}", "document", kind="half")
    return None


def _current_unit(ctx: _Ctx, j: int, preposition: str | None, position: str) -> _Core:
    """ "na początku roku", "do końca miesiąca": the document's year or month."""
    unit = ctx.tables.current_units[ctx.text(j).lower()]
    rel = _lookup(ctx.key(j + 1), ctx.tables.relative_adjectives)
    end = j + 2 if rel is not None and ctx.text(j + 1).lower() != "tego" else j + 1
    if ctx.text(j + 1).lower() in ctx.tables.current_year_determiners and "rok" in ctx.key(j):
        end, rel = j + 1, 0
    value = _shift_unit(ctx, unit, int(rel or 0)) or ("XXXX" if unit == "Y" else None)
    core = _Core(end, "DATE", value, "document", mod=position, kind="relative")
    if preposition == "do" and position == "MID" and unit == "Y" and value:
        core.value = f"{value}-H1"
        core.mod = "END"
    return core


def _approximation_at(ctx: _Ctx, j: int) -> tuple[str | None, int]:
    """(the mod of an approximation word, "ponad", "dłużej niż", index after it)."""
    approx = ctx.tables.approx_words.get(ctx.text(j).lower())
    if approx is not None:
        return approx, _skip_period(ctx, j + 1) if ctx.text(j).lower() == "ok" else j + 1
    pair = (ctx.text(j).lower(), ctx.text(j + 1).lower())
    if pair in ctx.tables.approx_pairs:
        return ctx.tables.approx_pairs[pair], j + 2
    return None, j


def _apply_mod(
    ctx: _Ctx,
    core: _Core,
    preposition: str | None,
    position: str | None,
    adjective_mod: str | None,
    approx: str | None,
    previous: Sequence[Timex],
) -> None:
    """The core's mod from what stands before it; "od X do Y" becomes a range."""
    # "do" followed by "końca" takes the END of the thing; "od X do Y" is a range.
    if not (
        core.type in {"DATE", "TIME"}
        and core.value not in {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
        or core.kind == "ref"
    ):
        if approx is not None:
            core.mod = approx
        return
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


def _match_at(ctx: _Ctx, i: int, previous: Sequence[Timex]) -> tuple[int, _Core] | None:
    """(start index, core with mod applied) for an expression starting at token ``i``."""
    phrase = _anaphor_phrase(ctx, i, previous) or _phrase(ctx, i) or _standalone_day_part(ctx, i)
    if phrase is not None:
        return i, phrase
    preposition, j = _preposition_at(ctx, i)
    position, j = _position_at(ctx, j, preposition)
    adjective_mod = _lookup(
        {ctx.lemmas[j].lower()} if j < len(ctx.doc) else set(), ctx.tables.position_adjectives
    )
    if adjective_mod is not None and _lookup(ctx.key(j + 1), ctx.tables.seasons):
        j += 1
    half = _half_year(ctx, j, preposition)
    if half is not None:
        return i, half
    if (
        position is not None
        and ctx.text(j).lower() in ctx.tables.current_units
        and not _year_at(ctx, j + 1)
    ):
        return i, _current_unit(ctx, j, preposition, position)
    approx, j = _approximation_at(ctx, j)
    if (
        preposition is not None
        and ctx.key(j) & ctx.tables.duration_adjectives
        and _number_at(ctx, j + 1)
    ):
        j += 1
    core = _core(ctx, j, preposition, previous)
    if core is None:
        return None
    _apply_mod(ctx, core, preposition, position, adjective_mod, approx, previous)
    return _expression_start(ctx, i, j, core, preposition, position, adjective_mod, approx)


def _expression_start(
    ctx: _Ctx,
    i: int,
    j: int,
    core: _Core,
    preposition: str | None,
    position: str | None,
    adjective_mod: str | None,
    approx: str | None,
) -> tuple[int, _Core] | None:
    """Where the annotated expression starts: with its preposition or at the core."""
    start = i if (preposition is not None or approx is not None or position is not None) else j
    if adjective_mod is not None:
        start = i
    if core.kind == "adjective":
        # Adjectives are annotated alone ("z marcowym szczytem" → "marcowym").
        start = j
    if (
        preposition is not None
        and core.kind in {"duration"}
        and preposition in ctx.tables.duration_prepositions_outside
    ):
        start = j
    # "o" introduces clock times and durations only ("o 6.40", "o dwa lata"), not "o 2020 roku".
    if preposition == "o" and core.type not in {"TIME", "DURATION"} and core.kind != "ahead":
        return None
    return start, core


def find_timexes(doc: Doc, document_date: str | None) -> list[Timex]:
    """The document's temporal expressions in text order, each with its TIMEX3 type, value, mod
    and what the value was resolved against ("document", "absolute", "text" or None).

    Offsets are character offsets into doc.text; values are normalized against
    ``document_date`` (ISO 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' — a longer timestamp is cut — or None,
    in which case document-relative values keep X placeholders)."""
    return search_timexes(doc, document_date)[0]


def search_timexes(
    doc: Doc, document_date: str | None, only_at: Collection[int] | None = None
) -> tuple[list[Timex], list[int]]:
    """:func:`find_timexes`, and the token each expression was matched from; ``only_at``: try
    those tokens alone (see :func:`redate_timexes`)."""
    ctx = _Ctx(doc, _vocabulary(), _Anchor.parse(document_date))
    ctx.keys, starts = ctx.tokens.keys, ctx.tokens.starts
    found: list[Timex] = []
    matched: list[int] = []
    i = 0
    while i < len(doc):
        if not starts[i] or (only_at is not None and i not in only_at):
            i += 1
            continue
        match = _match_at(ctx, i, found)
        if match is None:
            i += 1
            continue
        start, core = match
        first, last = doc[start], doc[core.end - 1]
        start_char, end_char = first.idx, last.idx + len(last.text)
        found.append(
            Timex(
                start=start_char,
                end=end_char,
                text=ctx.text_all[start_char:end_char],
                type=core.type,
                value=core.value,
                mod=core.mod,
                anchor=core.anchor,
                end_value=core.end_value,
            )
        )
        matched.append(i)
        i = core.end
    return found, matched


def redate_timexes(doc: Doc, document_date: str, matched: Sequence[int]) -> list[Timex]:
    """The expressions :func:`search_timexes` found from the tokens ``matched`` without a date,
    resolved against ``document_date`` (an undated document's inferred date).

    Where an expression is found does not depend on the date, only its value does (and how far
    it reaches: "dziś rano" is one time once "dziś" has a date), so only those tokens are tried
    again, and the plural holidays ("po świętach"), which are Christmas only at the turn of a
    year. Analysing an undated document searched every token twice (6% of analyze on BSNLP)."""
    holidays = _vocabulary().holiday_plural_forms
    # the holiday with the preposition before it ("po świętach")
    again = set(matched) | {i for t in doc if t.lower_ in holidays for i in (t.i - 1, t.i)}
    return search_timexes(doc, document_date, again)[0]
