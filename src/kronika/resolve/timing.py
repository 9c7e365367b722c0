"""When a quote, fact or relation holds: the timex governing it, else the document date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kronika.extract.time import governing_time
from kronika.model import Span, Timex


@dataclass(frozen=True, slots=True)
class DocumentTime:
    """One document's sentences, timexes and date, as ``extract.time.governing_time`` reads
    them (contract JSON), made once per document rather than once per statement."""

    sentences: tuple[dict[str, int], ...]
    timexes: tuple[dict[str, Any], ...]
    date: str | None

    @classmethod
    def of(
        cls, sentences: Sequence[Span], timexes: Sequence[Timex], date: str | None
    ) -> DocumentTime:
        return cls(
            tuple(sentence.to_json() for sentence in sentences),
            tuple(timex.to_json() for timex in timexes),
            date,
        )

    def governing(
        self, start: int, end: int, *, outside: tuple[int, int] | None = None
    ) -> tuple[str | None, str | None]:
        """(time, time_source) of the text between ``start`` and ``end``; timexes inside
        ``outside`` (a quotation's own words) do not count."""
        return governing_time(start, end, self.sentences, self.timexes, self.date, outside=outside)
