"""Poll facts and relations joined to the graph: entities at their offsets, time, claims."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from kronika.model import Fact, Mention, Predicate, Quote, Relation, Span, Statement, Timex
from kronika.resolve.entities import entity_at
from kronika.resolve.timing import DocumentTime


@dataclass(frozen=True, slots=True)
class TextRef:
    """A stretch of the text an extractor points at: one end of a relation."""

    start: int
    end: int
    text: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextRef:
        return cls(data["start"], data["end"], data["text"])


@dataclass(frozen=True, slots=True)
class FoundRelation:
    """A relation as an extractor found it: its ends are stretches of text, not yet entities."""

    subject: TextRef
    predicate: str
    object: TextRef | None
    start: int
    end: int
    value: str | None = None
    evidence: str | None = None
    time: str | None = None
    time_text: str | None = None
    time_mod: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FoundRelation:
        """From the extractors' items (``extract.facts.find_memberships``, ``extract.roles``)."""
        obj = data.get("object")
        return cls(
            subject=TextRef.from_json(data["subject"]),
            predicate=data["predicate"],
            object=TextRef.from_json(obj) if obj is not None else None,
            start=data["start"],
            end=data["end"],
            value=data.get("value"),
            evidence=data.get("evidence"),
            time=data.get("time"),
            time_text=data.get("time_text"),
            time_mod=data.get("time_mod"),
        )


def _quote_of(start: int, end: int, quotes: Sequence[Quote]) -> int | None:
    """The index of the first quotation holding [start, end), if any."""
    return next((i for i, q in enumerate(quotes) if q.start <= start and end <= q.end), None)


def _split_by_quotes(poll: Fact, quotes: Sequence[Quote], sentences: Sequence[Span]) -> list[Fact]:
    """A poll whose statements are partly the article's and partly inside a quotation becomes one
    fact per voice: what a speaker says about "our survey" is their claim, not the article's."""
    groups: dict[int | None, list[Statement]] = {}
    for statement in poll.statements:
        index = (
            _quote_of(statement.start, statement.end, quotes)
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


def _object_entity(mentions: Sequence[Mention], obj: TextRef) -> str | None:
    """The entity at a relation's object; a country adjective stands for its country here
    ("białoruski politolog" is a role of Belarus)."""
    return entity_at(mentions, obj.start, obj.end) or entity_at(
        mentions, obj.start, obj.end, derived=True
    )


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
    index = _quote_of(poll.start, poll.end, quotes)
    return replace(
        poll,
        source=source,
        time=time,
        time_source=time_source,
        claim=index is not None,
        quote_index=index,
    )


def _linked_relation(
    found: FoundRelation, mentions: Sequence[Mention], clock: DocumentTime, quotes: Sequence[Quote]
) -> Relation | None:
    """The relation between the entities at its ends, or None when it does not join two."""
    subject_id = entity_at(mentions, found.subject.start, found.subject.end)
    object_id = _object_entity(mentions, found.object) if found.object is not None else None
    # a role may stand alone ("politolog"); every other relation joins two entities
    if subject_id is None or subject_id == object_id:
        return None
    if object_id is None and (found.object is not None or found.predicate != "role"):
        return None
    time: str | None = found.time
    time_source: str | None = "timex"
    if found.predicate == "role":
        # a title is given as it stands when the article is written, whatever else its
        # sentence dates ("wicepremier X zapowiedział, że przed 2022 r. …")
        time, time_source = clock.date, "document" if clock.date else None
    elif not found.time:
        time, time_source = clock.governing(found.start, found.end)
    index = _quote_of(found.start, found.end, quotes)
    return Relation(
        subject=subject_id,
        predicate=cast(Predicate, found.predicate),
        object=object_id,
        start=found.start,
        end=found.end,
        value=found.value,
        subject_text=found.subject.text,
        object_text=found.object.text if found.object is not None else None,
        time=time,
        time_text=found.time_text,
        time_mod=found.time_mod,
        time_source=time_source,
        evidence=found.evidence,
        claim=index is not None,
        quote_index=index,
    )


def link_facts(
    polls: Sequence[Fact],
    relations: Sequence[FoundRelation],
    mentions: Sequence[Mention],
    sentences: Sequence[Span],
    timexes: Sequence[Timex],
    document_date: str | None,
    quotes: Sequence[Quote],
) -> tuple[tuple[Fact, ...], tuple[Relation, ...]]:
    """Contract ``facts`` and ``relations``.

    A poll's ``source`` is the entity of its pollster when one was recognized. A relation is
    kept only when both ends are entities: a graph edge needs two nodes. Both carry ``claim``:
    true when the statement is inside a quotation, i.e. someone's claim, not the article's.
    """
    clock = DocumentTime.of(sentences, timexes, document_date)
    parts = [part for poll in polls for part in _split_by_quotes(poll, quotes, sentences)]
    facts = tuple(_linked_poll(poll, mentions, clock, quotes) for poll in parts)
    linked = (_linked_relation(found, mentions, clock, quotes) for found in relations)
    return facts, tuple(relation for relation in linked if relation is not None)
