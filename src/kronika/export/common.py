"""What several exports need: the sentence around an offset, mentions by span, a type map."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from kronika.model import Analysis, Mention

#: kronika entity type → the BSNLP / CoNLL-style coarse type
COARSE_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "country": "LOC",
    "place": "LOC",
    "event": "EVT",
    "other": "PRO",
}


class Sentences:
    """Sentence lookup by character offset (the sentences are sorted and do not overlap)."""

    def __init__(self, analysis: Analysis) -> None:
        self.spans = [(s.start, s.end) for s in analysis.sentences]
        self._starts = [start for start, _end in self.spans]

    def index(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset``, or None between sentences."""
        position = bisect.bisect_right(self._starts, offset) - 1
        if position >= 0 and offset < self.spans[position][1]:
            return position
        return None


def mention_at(mentions: Sequence[Mention], start: int | None, end: int | None) -> Mention | None:
    """The mention spanning exactly ``start``–``end``, if any."""
    if start is None or end is None:
        return None
    for mention in mentions:
        if mention.start == start and mention.end == end:
            return mention
    return None


def mention_of(mentions: Sequence[Mention], entity: str | None, start: int, end: int) -> int | None:
    """The index of the first mention of ``entity`` inside ``start``–``end``, if any."""
    if entity is None:
        return None
    for index, mention in enumerate(mentions):
        if mention.entity == entity and start <= mention.start and mention.end <= end:
            return index
    return None
