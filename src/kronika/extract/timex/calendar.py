"""Calendar arithmetic: the tense that decides which way a month or weekday points, value
formats, and moving the document date by calendar units."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from spacy.tokens import Token

from kronika.extract.timex.context import _Ctx, _own_readings
from kronika.lang.components import readings


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


def _time_value(ctx: _Ctx, clock: str) -> str:
    date = ctx.anchor.date
    return f"{date.isoformat() if date else 'XXXX-XX-XX'}{clock}"
