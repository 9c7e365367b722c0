"""Events: what happened (or is planned) to whom, where and when, found by trigger words.

``find_events(doc, timexes, document_date)`` gives every reference to an event in the text as a
:class:`FoundEvent` (offsets only). The modules, in the order they run:

    triggers    words whose lemma ``extract/pl/events.yaml`` lists, in the sense it allows
    arguments   the trigger's clause: its place ("w Mińsku") and parties
    implied     parties outside it: who takes part ("weźmie udział w"), a subject left out
    status      happened, planned, ongoing, cancelled or hypothetical, from the clause's grammar
    joining     references to one event joined, and the event's id (run by ``resolve.events``
                once names are entities)

An event's time is a timex of its sentence: each timex belongs to the trigger nearest to it, and
a trigger takes the nearest of its own in its clause, else the nearest in its clause, else the
nearest of its own in the sentence ("W połowie grudnia posłowie przyjęli - wbrew rekomendacji
rządu - poprawkę"). An event the text does not date has no time: the document date is when it
was reported, not when it happened (the gold-dev annotation leaves such times null too).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

from kronika.extract.events.arguments import (
    Arguments,
    arguments,
    clause_of,
    clauses,
    dating,
    distance,
)
from kronika.extract.events.found import FoundEvent
from kronika.extract.events.implied import attendees, zero_subject
from kronika.extract.events.lexicon import lexicon
from kronika.extract.events.status import event_status
from kronika.extract.events.triggers import Context, TriggerMatch, find_triggers, mentions_of
from kronika.lang.components import doc_text
from kronika.model import Timex

__all__ = ["FoundEvent", "find_events"]

T = TypeVar("T")


def find_events(
    doc: Doc, timexes: Sequence[Timex], document_date: str | None = None
) -> list[FoundEvent]:
    """Every event reference of ``doc`` in text order; ``timexes`` are the document's, resolved
    against ``document_date``."""
    context = Context.of(doc)
    found_mentions = mentions_of(doc)
    mentions = _ByStart(found_mentions, [m.start for m in found_mentions])
    timed = _ByStart(timexes, [t.start for t in timexes])
    found: list[FoundEvent] = []
    for sentence in doc.sents:
        matches = find_triggers(doc, sentence, context)
        if matches:
            found += _sentence_events(
                doc,
                sentence,
                matches,
                mentions.within(sentence.start, sentence.end),
                timed.within(sentence.start_char, sentence.end_char),
                document_date,
            )
    return found


class _ByStart(Generic[T]):
    """Items found by their start offset: each sentence takes its own without a scan of the whole
    document (a scan per sentence made long documents quadratic)."""

    def __init__(self, items: Sequence[T], starts: Sequence[int]) -> None:
        self._order = sorted(range(len(items)), key=starts.__getitem__)
        self._starts = [starts[i] for i in self._order]
        self._items = items

    def within(self, lo: int, hi: int) -> list[T]:
        """The items starting from ``lo`` to ``hi`` (inclusive), in their original order."""
        first, last = bisect_left(self._starts, lo), bisect_right(self._starts, hi)
        return [self._items[i] for i in sorted(self._order[first:last])]


def _sentence_events(
    doc: Doc,
    sentence: Span,
    matches: list[TriggerMatch],
    mentions: Sequence[Span],
    timexes: Sequence[Timex],
    document_date: str | None,
) -> list[FoundEvent]:
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
    spans = clauses(sentence, inside)
    found: list[tuple[TriggerMatch, int, Arguments]] = []
    for match in matches:
        n = clause_of(match.token, spans)
        subject = spans[0] if n else None
        args = arguments(doc, match.token, spans[n], inside, match.nominal, subject)
        found.append((match, n, args))
    times = _times(doc, sentence, [(m.token, a.clause) for m, _n, a in found], timexes)
    attending = attendees(doc, sentence, [m.token for m in matches], spans, inside)
    gender = zero_subject(doc, sentence, inside)
    persons = {(m.start_char, m.end_char) for m in inside if m._.entity_type == "person"}
    events = []
    for (match, n, args), time in zip(found, times, strict=False):
        previous = spans[n - 1] if n else None
        extra = [
            (m.start_char, m.end_char)
            for m in attending.get(match.token, [])
            if (m.start_char, m.end_char) not in args.participants
        ]
        if extra:
            args = replace(args, participants=args.participants + tuple(extra))
        trigger_start = doc[match.token].idx
        left_out = (
            gender
            if not any(span[0] < trigger_start for span in args.participants)
            and not persons & set(args.participants)
            else None
        )
        event = _event(doc, sentence, spans[n], previous, match, args, time, document_date)
        events.append(replace(event, subject_gender=left_out) if left_out else event)
    return events


def _times(
    doc: Doc,
    sentence: Span,
    triggers: list[tuple[int, tuple[int, int]]],
    timexes: Sequence[Timex],
) -> list[Timex | None]:
    """The time of each trigger (token, clause offsets) of a sentence: each timex belongs to the
    trigger nearest to it; a trigger takes the nearest of its own timexes in its clause, else the
    nearest timex of its clause, else the nearest of its own elsewhere in the sentence."""
    dated = dating(timexes, sentence.start_char, sentence.end_char)
    spans = [(doc[i].idx, doc[i].idx + len(doc[i])) for i, _clause in triggers]
    owner = [min(range(len(spans)), key=lambda k: distance(t, *spans[k])) for t in dated]
    result: list[Timex | None] = []
    for k, (_i, (lo, hi)) in enumerate(triggers):
        own = [t for t, o in zip(dated, owner, strict=True) if o == k]
        in_clause = [t for t in dated if lo <= t.start and t.end <= hi]
        for pool in ([t for t in own if t in in_clause], in_clause, own):
            if pool:
                result.append(min(pool, key=lambda t: distance(t, *spans[k])))
                break
        else:
            result.append(None)
    return result


def _event(
    doc: Doc,
    sentence: Span,
    clause: tuple[int, int],
    previous: tuple[int, int] | None,
    match: TriggerMatch,
    args: Arguments,
    timex: Timex | None,
    document_date: str | None,
) -> FoundEvent:
    time = timex.value if timex is not None else None
    status = event_status(
        doc, match.token, clause, previous, time, document_date, match.entry.status
    )
    token = doc[match.token]
    before = {t.lemma_.lower() for t in doc[max(sentence.start, match.token - 2) : match.token]}
    lex = lexicon()
    text = doc_text(doc)
    end = sentence.end_char
    while end > sentence.start_char and text[end - 1].isspace():
        end -= 1
    return FoundEvent(
        type=match.entry.type,
        lemma=match.entry.lemma,
        trigger=token.text,
        trigger_start=token.idx,
        trigger_end=token.idx + len(token.text),
        start=sentence.start_char,
        end=end,
        clause=args.clause,
        status=status,
        time=time,
        time_text=timex.text if timex is not None else None,
        place=args.place,
        participants=args.participants,
        head=args.head,
        anaphoric=match.nominal and bool(before & lex.demonstratives),
        novel=bool(before & lex.novelty),
    )
