"""Time on facts: the timex that governs a span in its sentence, else the document date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_calendar(value: str | None) -> bool:
    """A plain calendar value (``2021``, ``2021-11``, ``2021-11-04``), not a week, season or ref."""
    return bool(value and _CALENDAR.match(value))


def governing_time(
    start: int,
    end: int,
    sentences: Sequence[dict[str, int]],
    timexes: Sequence[dict[str, Any]],
    document_date: str | None,
    *,
    outside: tuple[int, int] | None = None,
) -> tuple[str | None, str | None]:
    """(time, time_source) for the text between ``start`` and ``end``.

    Timexes inside ``outside`` (a quotation's own words) are not the time of the statement.

    A calendar DATE timex in the sentence where the span starts wins ("w sierpniu ubiegłego roku
    przeprowadzono sondaż" → 2022-08), the nearest one if several; otherwise the document date,
    marked ``document``; otherwise (None, None).
    """
    sentence = next((s for s in sentences if s["start"] <= start < s["end"]), None)
    if sentence is not None:
        inside = [
            t for t in calendar_dates(timexes) if sentence["start"] <= t["start"] < sentence["end"]
        ]
        time = nearest_time(inside, start, end, outside)
        if time is not None:
            return time, "timex"
    if document_date:
        return document_date, "document"
    return None, None


def calendar_dates(timexes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The DATE timexes with a plain calendar value, in their order."""
    return [t for t in timexes if t["type"] == "DATE" and is_calendar(t.get("value"))]


def nearest_time(
    dates: Sequence[dict[str, Any]], start: int, end: int, outside: tuple[int, int] | None
) -> str | None:
    """The value of the date (of one sentence's ``dates``) nearest the span, none inside
    ``outside``; the first of several as near."""
    inside = [t for t in dates if not (outside and outside[0] <= t["start"] < outside[1])]
    if not inside:
        return None
    nearest = min(inside, key=lambda t: min(abs(t["start"] - start), abs(t["start"] - end)))
    value: str = nearest["value"]
    return value
