"""Event triggers: words whose lemma the lexicon lists, in the sense its conditions allow.

A token is a trigger when one of its SGJP readings has a listed lemma in a word class the entry
allows and the entry's context conditions hold (``extract/pl/events.yaml``). Words inside a
name ("Partia Pracy", "Sąd Najwyższy") are no triggers, except the name of an event ("Brexit").
Two triggers of one type close together with no punctuation between ("podpisano porozumienie")
name one event: the first is kept.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from kronika.extract.events.lexicon import Condition, TriggerEntry, lexicon
from kronika.lang.components import readings
from kronika.lang.titles import person_titles
from kronika.lang.view import DocumentView
from kronika.ner.mentions import MENTIONS_KEY

#: Words between two triggers of one type that still name one event ("podpisano porozumienie").
SAME_EVENT_GAP = 3


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger token, the entry that made it one and whether it is used as a noun."""

    token: int
    entry: TriggerEntry
    nominal: bool


@dataclass(slots=True)
class Context:
    """What the conditions look at, computed once per document."""

    lemmas: list[frozenset[str]]
    #: token index → entity types of the mentions starting there
    mention_starts: dict[int, set[str]]
    #: token indices inside a mention that is not an event's name
    in_names: set[int]
    #: the tokens with a reading whose lemma the lexicon lists, by index, in order
    candidates: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Context:
        view = DocumentView.of(doc)
        # every token a listed lemma can make a trigger of, and some _match turns down
        candidates = [token.i for token in view.having(_trigger_words())]
        starts: dict[int, set[str]] = {}
        in_names: set[int] = set()
        for mention in mentions_of(doc):
            starts.setdefault(mention.start, set()).add(mention._.entity_type)
            if mention._.entity_type != "event":
                in_names.update(range(mention.start, mention.end))
        return cls(view.lowered_lemmas, starts, in_names, candidates)


def mentions_of(doc: Doc) -> Sequence[Span]:
    return (
        sorted(doc.spans[MENTIONS_KEY], key=lambda m: m.start) if MENTIONS_KEY in doc.spans else []
    )


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """The lexicon's trigger lemmas lowercased, as :meth:`DocumentView.having` looks them up."""
    return frozenset(lemma.lower() for lemma in lexicon().triggers)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(title.lower() for title in person_titles())


def _holds(condition: Condition, i: int, sentence: Span, context: Context) -> bool:
    lo, hi = sentence.start, sentence.end
    if condition.kind == "prev":
        return i - 1 >= lo and bool(context.lemmas[i - 1] & condition.lemmas)
    if condition.kind == "next":
        return i + 1 < hi and bool(context.lemmas[i + 1] & condition.lemmas)
    after = range(i + 1, min(hi, i + 1 + condition.within))
    if condition.kind == "mention_after":
        return any(context.mention_starts.get(j, set()) & condition.types for j in after)
    if condition.kind == "title_after":
        return any(context.lemmas[j] & _titles() for j in after)
    around = range(max(lo, i - condition.within), min(hi, i + 1 + condition.within))
    wanted = {lemma.lower() for lemma in condition.lemmas}
    return any(j != i and context.lemmas[j] & wanted for j in around)


def _applies(entry: TriggerEntry, i: int, sentence: Span, context: Context) -> bool:
    if entry.requires and not any(_holds(c, i, sentence, context) for c in entry.requires):
        return False
    return not any(_holds(c, i, sentence, context) for c in entry.excludes)


def _match(doc: Doc, i: int, sentence: Span, context: Context) -> TriggerMatch | None:
    triggers = lexicon().triggers
    for reading in readings(doc[i]):
        for lemma in (reading.lemma, reading.lemma.lower()):
            for entry in triggers.get(lemma, ()):
                if entry.allows(reading.pos, reading.tag) and _applies(entry, i, sentence, context):
                    return TriggerMatch(i, entry, reading.pos in ("subst", "ger", "depr"))
    return None


def _in_office(doc: Doc, i: int, start: int) -> bool:
    """A word of an office's name: "minister ds. Brexitu", "minister do spraw wystąpienia …"."""
    markers = lexicon().office_markers
    before = [doc[j].lower_ for j in range(max(start, i - 2), i)]
    return bool(set(before) & markers)


def _after_title(i: int, start: int, context: Context) -> bool:
    """A noun right after a person's title names a role ("menadżer kampanii"), not an event."""
    return i - 1 >= start and bool(context.lemmas[i - 1] & _titles())


def find_triggers(doc: Doc, sentence: Span, context: Context) -> list[TriggerMatch]:
    """The triggers of one sentence in text order."""
    found: list[TriggerMatch] = []
    tokens, candidates = DocumentView.of(doc).tokens, context.candidates
    first = bisect_left(candidates, sentence.start)
    last = bisect_left(candidates, sentence.end)
    for token in (tokens[i] for i in candidates[first:last]):
        if token.is_punct or token.is_space or token.i in context.in_names:
            continue
        if _in_office(doc, token.i, sentence.start):
            continue
        match = _match(doc, token.i, sentence, context)
        if match is None or (match.nominal and _after_title(token.i, sentence.start, context)):
            continue
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.entry.type == match.entry.type
            and match.token - previous.token <= SAME_EVENT_GAP
            and not any(t.is_punct for t in doc[previous.token : match.token])
        ):
            continue
        found.append(match)
    return found
