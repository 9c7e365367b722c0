"""Core expressions of days: weekdays, weekends, deictic days ("wczoraj") and the present."""

from __future__ import annotations

import datetime as dt

from kronika.extract.timex.calendar import _iso_week, _tense, _weekday_date
from kronika.extract.timex.context import _DAY, _Core, _Ctx, _lookup, _own_readings
from kronika.extract.timex.dates import _core_day_month


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
    if text in ctx.tables.named_time_openers and ctx.key(j + 1) & ctx.tables.named_times.keys():
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
    tense = "future" if preposition in ctx.tables.ahead_prepositions else _tense(ctx, i, end)
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
