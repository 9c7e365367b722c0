"""When a quote, fact or relation holds: the timex governing it, else the document date."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from kronika.extract.time import calendar_dates, governing_time, nearest_time
from kronika.model import Span, Timex


@dataclass(frozen=True, slots=True)
class DocumentTime:
    """One document's sentences, timexes and date, as ``extract.time.governing_time`` reads
    them (contract JSON), made once per document rather than once per statement.

    ``governing`` finds the sentence by binary search and reads only that sentence's calendar
    dates (``dates``, one list per sentence): a scan of every sentence and timex for each
    statement made long documents quadratic. Sentences out of order (never made by the
    pipeline) fall back to ``governing_time``'s scan.
    """

    sentences: tuple[dict[str, int], ...]
    timexes: tuple[dict[str, Any], ...]
    date: str | None
    starts: tuple[int, ...] = ()
    dates: tuple[tuple[dict[str, Any], ...], ...] = ()

    @classmethod
    def of(
        cls, sentences: Sequence[Span], timexes: Sequence[Timex], date: str | None
    ) -> DocumentTime:
        spans = tuple(sentence.to_json() for sentence in sentences)
        found = tuple(timex.to_json() for timex in timexes)
        if any(a["end"] > b["start"] for a, b in pairwise(spans)):
            return cls(spans, found, date)
        starts = tuple(sentence["start"] for sentence in spans)
        dates: list[list[dict[str, Any]]] = [[] for _ in spans]
        for timex in calendar_dates(found):
            k = _holding(spans, starts, timex["start"])
            if k is not None:
                dates[k].append(timex)
        return cls(spans, found, date, starts, tuple(tuple(d) for d in dates))

    def governing(
        self, start: int, end: int, *, outside: tuple[int, int] | None = None
    ) -> tuple[str | None, str | None]:
        """(time, time_source) of the text between ``start`` and ``end``; timexes inside
        ``outside`` (a quotation's own words) do not count."""
        if len(self.starts) != len(self.sentences):
            return governing_time(
                start, end, self.sentences, self.timexes, self.date, outside=outside
            )
        k = _holding(self.sentences, self.starts, start)
        time = nearest_time(self.dates[k], start, end, outside) if k is not None else None
        if time is not None:
            return time, "timex"
        if self.date:
            return self.date, "document"
        return None, None


def _holding(sentences: Sequence[dict[str, int]], starts: Sequence[int], char: int) -> int | None:
    """The index of the sentence holding ``char`` (sentences in order, not overlapping)."""
    k = bisect_right(starts, char) - 1
    return k if k >= 0 and char < sentences[k]["end"] else None
