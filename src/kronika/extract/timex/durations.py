"""Numbers, durations and relative units ("dwa lata", "kilka dni temu", "w przyszłym tygodniu")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta

from kronika.extract.timex.calendar import _UNIT_DATE, _shift_unit
from kronika.extract.timex.context import (
    _DASHES,
    _NUMBER,
    _YEAR,
    _Core,
    _Ctx,
    _lookup,
    _year_offset_abbrev,
)
from kronika.lang.components import readings
from kronika.model import Timex


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


def _core_relative_unit(ctx: _Ctx, i: int) -> _Core | None:
    """ "ubiegłym roku", "przyszłym tygodniu", "tym roku", "roku ubiegłego", "br."."""
    abbrev = _year_offset_abbrev(ctx, i)
    if abbrev is not None and ctx.text(i).lower().startswith(ctx.tables.year_abbreviation_prefixes):
        value = _shift_unit(ctx, "Y", abbrev[0])
        return _Core(abbrev[1], "DATE", value or "XXXX", "document", kind="year")
    rel = _lookup(ctx.key(i), ctx.tables.relative_adjectives)
    unit = _lookup(ctx.key(i + 1), ctx.tables.units)
    if rel is not None and unit in _UNIT_DATE:
        if ctx.text(i + 1).lower() in ctx.tables.years_plural_forms:
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
        and ctx.text(i + 1).lower() not in ctx.tables.next_plural_forms
    ):
        if not any(r.tag.startswith("adj") and ":gen" in r.tag for r in readings(ctx.doc[i + 1])):
            return None
        value = _shift_unit(ctx, unit, int(rel))
        return _Core(i + 2, "DATE", value, "document", kind="relative")
    return None


#: (number, unit, index after the unit) of a duration whose meaning depends on what follows.
_Counted = tuple[float | None, str, int]


def _core_duration(
    ctx: _Ctx, i: int, preposition: str | None, previous: Sequence[Timex]
) -> _Core | None:
    """ "dwa lata", "3240 dni", "kilka dni temu", "za dwa tygodnie", "47-letnia", "rocznym"."""
    number = _number_at(ctx, i)
    found = _counted(ctx, i, number) if number is not None else _bare_unit(ctx, i, preposition)
    if found is None or isinstance(found, _Core):
        return found
    n, unit, end = found
    return _duration_or_date(ctx, n, unit, end, preposition, previous)


def _counted(ctx: _Ctx, i: int, number: tuple[float | None, int]) -> _Core | _Counted | None:
    """A number and its unit: "dwa lata", "47-letnia", "21 do 27 miesięcy"."""
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
    return n, unit, j + 1


def _bare_unit(ctx: _Ctx, i: int, preposition: str | None) -> _Core | _Counted | None:
    """A unit without a number: "tydzień temu", "za tydzień", "przez rok", "wieloletni"."""
    tables = ctx.tables
    unit = _lookup(ctx.key(i), tables.units)
    if (
        unit is None
        or unit in {"CE", "DE", "Q", "H"}
        and ctx.text(i).lower() not in tables.hour_forms
    ):
        return _unit_adjective(ctx, i)
    if ctx.lemmas[i].lower() not in tables.bare_units:
        return None
    if ctx.text(i).lower() in tables.plural_unit_forms:
        return None
    if preposition not in tables.span_prepositions and ctx.text(i + 1).lower() not in tables.ago:
        return None
    return 1.0, unit, i + 1


def _unit_adjective(ctx: _Ctx, i: int) -> _Core | None:
    """An adjective of a unit alone: "wieloletni" (PXY), "roczny" (P1Y), "półroczny" (P6M)."""
    tables = ctx.tables
    vague = _lookup({ctx.lemmas[i].lower()}, tables.vague_unit_adjectives)
    if vague is not None:
        value = f"P{'T' if vague == 'H' else ''}X{vague}"
        return _Core(i + 1, "DURATION", value, None, kind="adjective")
    lemma = ctx.lemmas[i].lower()
    if lemma not in tables.bare_unit_adjectives:
        return None
    adj_unit = tables.unit_adjectives.get(lemma, tables.bare_adjective_units.get(lemma, "Y"))
    n_adj = float(tables.bare_adjective_counts.get(lemma, 1.0))
    return _Core(i + 1, "DURATION", _duration(n_adj, adj_unit), None, kind="adjective")


def _duration_or_date(
    ctx: _Ctx,
    n: float | None,
    unit: str,
    end: int,
    preposition: str | None,
    previous: Sequence[Timex],
) -> _Core:
    """A duration, or the date it points to: "rok później", "dwa lata temu", "za tydzień"."""
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


def _later(ctx: _Ctx, n: float | None, unit: str, previous: Sequence[Timex]) -> str | None:
    """ "rok później", "kilka dni później": counted from the last date the text gave."""
    for item in reversed(previous):
        value = item.value or ""
        match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", value)
        if item.type != "DATE" or not match:
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
