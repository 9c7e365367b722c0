"""Core expressions of dates: numeric dates, days of months, months, years, decades, centuries,
quarters, seasons and holidays."""

from __future__ import annotations

import re

from dateutil.easter import easter

from kronika.extract.timex.calendar import _fmt_day, _fmt_month, _pick_year, _shift_unit, _tense
from kronika.extract.timex.context import (
    _DASHES,
    _DAY,
    _NUMERIC_DATE,
    _Core,
    _Ctx,
    _in_name,
    _lookup,
    _skip_period,
    _token_ending_at,
    _year_at,
    _year_offset_abbrev,
    _year_word,
)


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
        if ctx.preposition in ctx.tables.past_prepositions and tense != "future":
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
    if (
        ctx.text(i).lower() in ctx.tables.year_before_number_forms
        and _year_at(ctx, i + 1) is not None
    ):
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
        if not after_preposition or not (
            1900 <= year <= 2099 or prev in ctx.tables.year_prepositions
        ):
            return None
        if _lookup(ctx.key(i + 1), ctx.tables.units) is not None or ctx.text(i + 1).isdigit():
            return None
        end = i + 1
    return _Core(end, "DATE", str(year), "absolute", kind="year")


def _core_years_plural(ctx: _Ctx, i: int) -> _Core | None:
    """ "latach 2015–2018", "lata 2012 -2021", "latach 90." (a decade)."""
    if ctx.text(i).lower() not in ctx.tables.years_plural_forms:
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
        instrumental = ctx.text(i).lower().endswith(ctx.tables.instrumental_endings)
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
        if ctx.text(i).lower() in ctx.tables.holiday_plural_forms and ctx.anchor.month in {12, 1}:
            hy = (year - 1 if ctx.anchor.month == 1 else year) if year else None
            if ctx.text(i - 1).lower() in ctx.tables.holiday_prepositions:
                return _Core(i + 1, "DATE", f"{hy}-12-25", "document", kind="day")
    return None
