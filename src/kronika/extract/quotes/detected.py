"""A quotation as the detectors find it, its attribution, and an index of quotations by position."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kronika.model import QuoteKind


@dataclass
class Attribution:
    """Who said it, as found in the text; ``zero`` means "the previous speaker"."""

    cue: str | None = None
    speaker: tuple[int, int] | None = None
    description: str | None = None
    addressee: str | None = None
    zero: bool = False
    #: The subject is a survey share ("52 proc. … przyznało"): not a speaker.
    survey: bool = False


@dataclass
class Detected:
    start: int
    end: int
    kind: QuoteKind
    attribution: Attribution
    #: Where the attribution stands: zero subjects resolve to speakers found before this point.
    anchor: int
    strong: bool = False


class QuoteIndex:
    """Quotations by position: asking whether a character or a range meets one of them looks at
    the quotations near it, not at all of them (a long document holds thousands)."""

    def __init__(self, quotes: Iterable[Detected] = ()) -> None:
        self._items: list[tuple[int, int, int]] = []  # (start, order, end)
        self._quotes: list[Detected] = []
        self._longest = 0
        for quote in quotes:
            self.add(quote)

    def add(self, quote: Detected) -> None:
        insort(self._items, (quote.start, len(self._quotes), quote.end))
        self._quotes.append(quote)
        self._longest = max(self._longest, quote.end - quote.start)

    def near(self, lo: int, hi: int) -> Iterator[Detected]:
        """Every quotation with start <= ``hi`` and end >= ``lo`` (callers test exactly)."""
        k = bisect_right(self._items, (hi, len(self._quotes), hi))
        floor = lo - self._longest
        while k > 0:
            k -= 1
            start, order, end = self._items[k]
            if start < floor:
                break
            if end >= lo:
                yield self._quotes[order]

    def inside(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.near(char, char))

    def overlaps(self, start: int, end: int) -> bool:
        return any(q.start < end and start < q.end for q in self.near(start, end))
