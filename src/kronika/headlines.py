"""A document's title analysed with its body.

Headlines name an article's main actors, often in a shorter form than the body does
("Łukaszenko grozi Litwie" over "Alaksandr Łukaszenka powiedział…"). The pipeline therefore reads
the title and the body as one text, the title first and a blank line after it, so that a name in
the title is recognized, typed and linked to an entity together with the body's names. The
contract's offsets still index ``text`` (the body) alone: here the results are split again,
title mentions to ``Analysis.title_mentions`` with offsets into ``title``, everything else moved
back onto the body. Quotations, relations, events, facts and temporal expressions of a headline
are not kept: a headline states in brief what the body states in full, and a fact counted twice
would weigh double.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from kronika.model import Event, Fact, Mention, Quote, Relation, Span, Timex

#: what joins a title to its body in the analysed text: a paragraph break, which is also a
#: sentence break, so no sentence spans both
TITLE_BREAK = "\n\n"


def analysed_text(title: str | None, text: str) -> str:
    """The text the pipeline reads for a document."""
    head = title_head(title)
    return head + text if head else text


def title_head(title: str | None) -> str:
    """The part of the analysed text before the body ("" for a document without a title)."""
    if title is None or not title.strip():
        return ""
    return title + TITLE_BREAK


_Located = TypeVar("_Located", Span, Mention, Timex, Quote, Relation, Event, Fact)


def _offset_fields(record: Any) -> list[str]:
    return [
        item.name
        for item in dataclasses.fields(record)
        if item.name in ("start", "end") or item.name.endswith(("_start", "_end"))
    ]


def moved(record: _Located, shift: int, *, quote_index: dict[int, int] | None = None) -> _Located:
    """``record`` with every offset ``shift`` earlier; an offset that falls before the body (a
    speaker or poll source named in the title) becomes None. ``quote_index`` maps the quotes'
    old indices to their new ones."""
    changes: dict[str, Any] = {}
    for name in _offset_fields(record):
        value = getattr(record, name)
        if value is None:
            continue
        if value - shift < 0:
            changes[name] = None
        else:
            changes[name] = value - shift
    if isinstance(record, Fact):
        changes["statements"] = tuple(
            dataclasses.replace(
                part,
                start=None if part.start is None or part.start < shift else part.start - shift,
                end=None if part.end is None or part.end < shift else part.end - shift,
            )
            for part in record.statements
        )
    index = getattr(record, "quote_index", None)
    if quote_index is not None and index is not None:
        changes["quote_index"] = quote_index.get(index)
    return dataclasses.replace(record, **changes)


def in_body(records: Sequence[_Located], shift: int) -> list[_Located]:
    """The records that begin in the body, moved onto it."""
    return [moved(record, shift) for record in records if record.start >= shift]


def split_mentions(
    mentions: Sequence[Mention], title_length: int, shift: int
) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """The mentions of the title (offsets into the title) and those of the body (moved onto it)."""
    title = tuple(m for m in mentions if m.end <= title_length)
    body = tuple(moved(m, shift) for m in mentions if m.start >= shift)
    return title, body


def body_quotes(quotes: Sequence[Quote], shift: int) -> tuple[tuple[Quote, ...], dict[int, int]]:
    """The quotes of the body moved onto it, and their new index for each old one."""
    kept: list[Quote] = []
    index: dict[int, int] = {}
    for old, quote in enumerate(quotes):
        if quote.start >= shift:
            index[old] = len(kept)
            kept.append(moved(quote, shift))
    return tuple(kept), index


_Quoting = TypeVar("_Quoting", Relation, Event, Fact)


def body_quoting(records: Sequence[_Quoting], shift: int, index: dict[int, int]) -> list[_Quoting]:
    """Relations, events or facts stated in the body moved onto it, their quote indices
    renumbered; evidence that reaches back into the title starts at the body."""
    return [
        moved(dataclasses.replace(record, start=max(record.start, shift)), shift, quote_index=index)
        for record in records
        if record.end > shift
    ]
