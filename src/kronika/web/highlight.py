"""Text cut into marked pieces for display: search matches, and a document's annotations.

The pieces are plain strings with what marks them; templates escape every piece, so article
text can never become markup, whatever characters it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kronika.lang.morphology import shared_morphology
from kronika.store.browse import MATCH_CLOSE, MATCH_OPEN

_WORD = re.compile(r"\w+")
#: the CSS class of each kind of annotation
_CLASS = {"mentions": "mention", "quotes": "quote", "timexes": "timex", "relations": "relation"}


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    marked: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a document with every annotation covering it."""

    start: int
    end: int
    text: str
    mention: dict[str, Any] | None = None
    quote: bool = False
    timex: dict[str, Any] | None = None
    relation: bool = False
    classes: tuple[str, ...] = field(default=())


def _lemmas(word: str) -> set[str]:
    return {reading.lemma.lower() for reading in shared_morphology().analyse(word)} | {word.lower()}


def marked_words(marked: str, query: str) -> list[Part]:
    """The sentence as parts; a part is marked where FTS5 matched it or where its lemma is one
    of the query words' lemmas ("Łukaszence" for the query "Łukaszenko")."""
    wanted: set[str] = set()
    for word in _WORD.findall(query):
        wanted |= _lemmas(word)
    plain = marked.replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")
    matched = [False] * len(plain)
    position = 0
    for piece in re.split(f"({MATCH_OPEN}.*?{MATCH_CLOSE})", marked):
        inner = piece.strip(MATCH_OPEN + MATCH_CLOSE)
        if piece.startswith(MATCH_OPEN):
            matched[position : position + len(inner)] = [True] * len(inner)
        position += len(inner)
    for word in _WORD.finditer(plain):
        if _lemmas(word.group()) & wanted:
            matched[word.start() : word.end()] = [True] * (word.end() - word.start())
    parts: list[Part] = []
    for index, char in enumerate(plain):
        if parts and parts[-1].marked == matched[index]:
            parts[-1] = Part(parts[-1].text + char, matched[index])
        else:
            parts.append(Part(char, matched[index]))
    return parts


def document_segments(record: dict[str, Any]) -> list[Segment]:
    """The record's text cut at every annotation boundary, each piece with what covers it (the
    innermost mention where names nest). One sweep over the boundaries: linear in the text's
    annotations, however long the document."""
    text = record["text"]
    layers = ("mentions", "quotes", "timexes", "relations")
    opening: dict[int, list[tuple[str, int, dict[str, Any]]]] = {}
    cuts = {0, len(text)}
    for layer in layers:
        for number, item in enumerate(record[layer]):
            if 0 <= item["start"] < item["end"] <= len(text):
                opening.setdefault(item["start"], []).append((layer, number, item))
                cuts.update((item["start"], item["end"]))
    active: dict[str, dict[int, dict[str, Any]]] = {layer: {} for layer in layers}
    bounds = sorted(cuts)
    segments = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        for layer, number, item in opening.get(start, []):
            active[layer][number] = item
        for layer in layers:
            for number in [n for n, i in active[layer].items() if i["end"] <= start]:
                del active[layer][number]
        segments.append(_segment(text, start, end, active))
    return segments


def _segment(
    text: str, start: int, end: int, active: dict[str, dict[int, dict[str, Any]]]
) -> Segment:
    mentions = sorted(active["mentions"].values(), key=lambda m: m["end"] - m["start"])
    timexes = list(active["timexes"].values())
    classes = tuple(_CLASS[layer] for layer, on in active.items() if on)
    return Segment(
        start=start,
        end=end,
        text=text[start:end],
        mention=mentions[0] if mentions else None,
        quote=bool(active["quotes"]),
        timex=timexes[0] if timexes else None,
        relation=bool(active["relations"]),
        classes=classes,
    )
