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
            t
            for t in timexes
            if t["type"] == "DATE"
            and is_calendar(t.get("value"))
            and sentence["start"] <= t["start"] < sentence["end"]
            and not (outside and outside[0] <= t["start"] < outside[1])
        ]
        if inside:
            nearest = min(inside, key=lambda t: min(abs(t["start"] - start), abs(t["start"] - end)))
            return nearest["value"], "timex"
    if document_date:
        return document_date, "document"
    return None, None
