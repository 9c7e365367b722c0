"""Core expressions of clock times ("o 6.40", "do godziny 12") and parts of the day."""

from __future__ import annotations

import re

from kronika.extract.timex.calendar import _time_value
from kronika.extract.timex.context import (
    _CLOCK,
    _Core,
    _Ctx,
    _lookup,
    _skip_period,
    _token_ending_at,
)


def _core_clock(ctx: _Ctx, i: int, preposition: str | None) -> _Core | None:
    """ "o 6.40", "godzinie 12", "do godziny 12", "o północy", "do południa"."""
    j = i
    named = _lookup(ctx.key(i), ctx.tables.named_times)
    at_named = preposition in ctx.tables.named_time_prepositions
    if named is not None and at_named and ctx.text(i).lower() in ctx.tables.named_time_forms:
        return _Core(i + 1, "TIME", _time_value(ctx, named), "document", kind="time")
    hour_word = "godzina" in ctx.key(i) or ctx.text(i).lower() == "godz"
    if hour_word:
        j = _skip_period(ctx, i + 1) if ctx.text(i).lower() == "godz" else i + 1
    elif preposition not in ctx.tables.clock_prepositions:
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
