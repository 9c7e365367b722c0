"""Poll facts joined to the graph: the pollster's entity, the time, claims."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kronika.model import Fact, Mention, Quote, Span, Statement, Timex
from kronika.resolve.entities import entity_at
from kronika.resolve.quotes import quote_holding
from kronika.resolve.timing import DocumentTime


def _split_by_quotes(poll: Fact, quotes: Sequence[Quote], sentences: Sequence[Span]) -> list[Fact]:
    """A poll whose statements are partly the article's and partly inside a quotation becomes one
    fact per voice: what a speaker says about "our survey" is their claim, not the article's."""
    groups: dict[int | None, list[Statement]] = {}
    for statement in poll.statements:
        index = (
            quote_holding(statement.start, statement.end, quotes)
            if statement.start is not None and statement.end is not None
            else None
        )
        groups.setdefault(index, []).append(statement)
    if len(groups) < 2:
        return [poll]
    parts = []
    for index, statements in groups.items():
        part = replace(poll, statements=tuple(statements))
        if index is None:
            last = max(st.end for st in statements if st.end is not None)
            sentence_end = next((s.end for s in sentences if s.start <= last < s.end), last)
            part = replace(part, end=min(poll.end, sentence_end))
        else:
            quote = quotes[index]
            part = replace(part, start=max(poll.start, quote.start), end=min(poll.end, quote.end))
            source = poll.source_start
            if source is None or not quote.start <= source < quote.end:
                # the pollster named outside the quotation is not the speaker's source
                part = replace(
                    part,
                    source_text=None,
                    source_start=None,
                    source_end=None,
                    time=None,
                    time_text=None,
                )
        parts.append(part)
    return sorted(parts, key=lambda part: part.start)


def _linked_poll(
    poll: Fact, mentions: Sequence[Mention], clock: DocumentTime, quotes: Sequence[Quote]
) -> Fact:
    start, end = poll.source_start, poll.source_end
    source = entity_at(mentions, start, end) if start is not None and end is not None else None
    # keep a time the extractor found in the text; else the governing timex or document date
    time: str | None
    time_source: str | None
    if poll.time:
        time, time_source = poll.time, "timex"
    else:
        time, time_source = clock.governing(poll.start, poll.end)
    index = quote_holding(poll.start, poll.end, quotes)
    return replace(
        poll,
        source=source,
        time=time,
        time_source=time_source,
        claim=index is not None,
        quote_index=index,
    )


def link_facts(
    polls: Sequence[Fact],
    mentions: Sequence[Mention],
    sentences: Sequence[Span],
    timexes: Sequence[Timex],
    document_date: str | None,
    quotes: Sequence[Quote],
) -> tuple[Fact, ...]:
    """The contract's ``facts``: a poll's ``source`` is the entity of its pollster when one was
    recognized, its time the fieldwork's or the governing one; ``claim`` is true when the poll
    is inside a quotation, i.e. someone's claim, not the article's. A poll whose statements lie
    partly inside a quotation is split there."""
    clock = DocumentTime.of(sentences, timexes, document_date)
    parts = [part for poll in polls for part in _split_by_quotes(poll, quotes, sentences)]
    return tuple(_linked_poll(poll, mentions, clock, quotes) for poll in parts)
