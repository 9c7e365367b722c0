"""An event's clause and what it names there: place and the parties taking part.

A clause is the stretch of the sentence between commas, semicolons, colons and dashes around
the trigger, or from a conjunction that coordinates a verb ("… i powinna opuścić …"); a comma
inside a list of names ("Armenia, Białoruś, Kazachstan") or inside brackets does not end it, so
a bloc's members listed after it stay with the event. Names are given as mention offsets; the
resolve stage turns them into entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kronika.extract.events.lexicon import lexicon
from kronika.lang.components import readings
from kronika.model import Timex

#: Tokens that end a clause (a hyphen only when spaced, as a dash).
CLAUSE_MARKS = frozenset({",", ";", ":", "–", "—", "-"})
#: Conjunctions that, before a verb, begin a coordinated clause.
COORDINATORS = frozenset({"i", "a", "oraz", "ale", "lecz", "zaś"})
#: Verb forms that head a clause.
FINITE = frozenset({"fin", "praet", "bedzie", "winien", "imps"})
#: Parties to an event: the types of mention that can take part, organize or be targeted.
PARTY_TYPES = frozenset({"person", "organization", "country"})
#: Temporal expressions that locate an event (not durations or sets).
TIME_TYPES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Arguments:
    clause: tuple[int, int]  # character offsets
    place: tuple[int, int] | None
    participants: tuple[tuple[int, int], ...]
    #: the name right after a noun trigger: what the event is of ("szczyt WNP")
    head: tuple[int, int] | None


def clauses(sentence: Span, mentions: Sequence[Span]) -> list[tuple[int, int]]:
    """Token ranges of the clauses of ``sentence``, in order."""
    ends = {m.end - 1 for m in mentions}
    starts = {m.start for m in mentions}
    result: list[tuple[int, int]] = []
    begin, depth = sentence.start, 0
    for token in sentence:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        if not depth and _coordinates_a_verb(token):
            if token.i > begin:
                result.append((begin, token.i))
            begin = token.i
            continue
        if depth or token.text not in CLAUSE_MARKS:
            continue
        if token.text == "-" and not token.whitespace_:
            continue
        if token.text == "," and token.i - 1 in ends and token.i + 1 in starts:
            continue  # a list of names
        if token.i > begin:
            result.append((begin, token.i))
        begin = token.i + 1
    if begin < sentence.end:
        result.append((begin, sentence.end))
    return result or [(sentence.start, sentence.end)]


def _coordinates_a_verb(token: Token) -> bool:
    """ "i", "a", "oraz" before a verb begin a coordinated clause ("rozpoczęła proces wyjścia
    29 marca 2017 r. i powinna opuścić Wspólnotę 29 marca 2019 r.")."""
    if token.lower_ not in COORDINATORS:
        return False
    doc = token.doc
    for j in (token.i + 1, token.i + 2):
        if j >= len(doc) or doc[j].is_punct:
            return False
        if j == token.i + 2 and not doc[j - 1].text.islower():
            return False  # "Trump i Biden spotkali się": a name coordinated with the subject
        chosen = [r for r in readings(doc[j]) if r.lemma == doc[j].lemma_]
        if any(r.pos in FINITE for r in chosen):
            return True
    return False


def clause_of(i: int, spans: list[tuple[int, int]]) -> int:
    """Index of the clause holding token ``i``."""
    return next((n for n, (lo, hi) in enumerate(spans) if lo <= i < hi), len(spans) - 1)


def _chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def dating(timexes: Sequence[Timex], lo: int, hi: int) -> list[Timex]:
    """The timexes between character offsets ``lo`` and ``hi`` that locate an event in time."""
    return [
        t
        for t in timexes
        if t.type in TIME_TYPES
        and t.value
        and not t.value.endswith("_REF")  # "obecnie", "wcześniej": no point in time
        and lo <= t.start
        and t.end <= hi
    ]


def distance(timex: Timex, start: int, end: int) -> int:
    """Characters between a timex and the span ``start``–``end``."""
    return max(0, timex.start - end, start - timex.end)


def _after_preposition(doc: Doc, mention: Span) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in lexicon().place_prepositions


def _governed(doc: Doc, mention: Span) -> bool:
    """A country adjective before a noun for its authorities ("brytyjski rząd")."""
    nouns = lexicon().government_nouns
    return mention.end < len(doc) and doc[mention.end].lemma_.lower() in nouns


def arguments(
    doc: Doc,
    trigger: int,
    clause: tuple[int, int],
    mentions: Sequence[Span],
    nominal: bool,
    subject: tuple[int, int] | None = None,
) -> Arguments:
    """Place, parties and head of the event whose trigger is token ``trigger``.

    ``subject`` is the sentence's first clause when the trigger's clause is another: a verb with
    no party before it in its clause takes the name opening the sentence as its subject
    ("Asia Bibi, 47-letnia matka, została skazana")."""
    lo, hi = _chars(doc, *clause)
    place: Span | None = None
    parties: list[Span] = []
    for mention in mentions:
        if not (clause[0] <= mention.start and mention.end <= clause[1]):
            continue
        kind = mention._.entity_type
        if kind in ("place", "country") and _after_preposition(doc, mention):
            if place is None or abs(mention.start - trigger) < abs(place.start - trigger):
                place = mention
        elif kind in PARTY_TYPES or kind == "place":
            beside = nominal and trigger in (mention.end, mention.start - 1)
            if mention._.derived and not (beside or _governed(doc, mention)):
                continue  # "amerykańskie sankcje", "brytyjski rząd" name a party; others not
            parties.append(mention)
    if subject is not None and not nominal and not any(m.start < trigger for m in parties):
        opening = next(
            (
                m
                for m in mentions
                if subject[0] <= m.start and m.end <= subject[1] and m._.entity_type in PARTY_TYPES
            ),
            None,
        )
        if opening is not None and opening.start <= subject[0] + 2 and not opening._.derived:
            parties.insert(0, opening)
    head = next((m for m in parties if m.start == trigger + 1), None) if nominal else None
    return Arguments(
        clause=(lo, hi),
        place=(place.start_char, place.end_char) if place is not None else None,
        participants=tuple((m.start_char, m.end_char) for m in parties),
        head=(head.start_char, head.end_char) if head is not None else None,
    )
