"""Parties an event's own clause does not name.

Two constructions of Polish give an event a party outside the trigger's clause:

* taking part: "prezydent Putin weźmie udział w imprezach" — the name before "wziąć udział w"
  (or "uczestniczyć w") takes part in the event the noun after "w" refers to: the trigger
  itself, or, for a general word for an event ("impreza", "uroczystość"), the nearest trigger
  before it in the sentence ("kilka dni przed szczytem Kreml zapowiedział, że …");
* a subject left out: "Wówczas nie mogła sobie wyobrazić, że będzie reprezentować swój kraj na
  szczycie NATO" — a sentence opening with a past-tense verb of the third person and no subject
  before it is about someone named before; the verb's gender is all the extract stage knows of
  them (``resolve.events`` finds the person).

The words are data (``extract/pl/events.yaml``, ``participation``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from kronika.extract.events.lexicon import lexicon
from kronika.lang.components import readings, tag_values
from kronika.lang.morphology import Interpretation
from kronika.lang.names.gender import subject_gender
from kronika.lang.view import DocumentView

#: Word classes that can be a clause's subject in the nominative.
SUBJECT_CLASSES = frozenset({"subst", "depr", "ppron3", "ppron12", "num", "ger"})
#: Types of mention that can take part in an event.
ATTENDING_TYPES = frozenset({"person", "organization", "country"})
#: How many words may stand between "w" and the noun it governs ("w tegorocznych obradach").
NOUN_REACH = 3


def attendees(
    doc: Doc,
    sentence: Span,
    triggers: Sequence[int],
    clauses: Sequence[tuple[int, int]],
    mentions: Sequence[Span],
) -> dict[int, list[Span]]:
    """Trigger token → the mentions the sentence says take part in its event."""
    words = lexicon().participation
    lemmas = DocumentView.of(doc).lowered_lemmas
    found: dict[int, list[Span]] = {}
    for i in range(sentence.start, sentence.end):
        taking_part = bool(lemmas[i] & words.verbs) or bool(
            lemmas[i] & words.nouns and i > sentence.start and lemmas[i - 1] & words.light_verbs
        )
        after = i + 1
        if not taking_part or after >= sentence.end or doc[after].lower_ not in ("w", "we"):
            continue
        target = _event_after(doc, after, sentence, triggers, lemmas, words.general_events)
        party = _party_before(i, sentence, clauses, mentions)
        if target is not None and party is not None:
            found.setdefault(target, []).append(party)
    return found


def _event_after(
    doc: Doc,
    preposition: int,
    sentence: Span,
    triggers: Sequence[int],
    lemmas: Sequence[frozenset[str]],
    general: frozenset[str],
) -> int | None:
    """The trigger the noun after "w" is, or the nearest before for a general word."""
    for j in range(preposition + 1, min(sentence.end, preposition + 1 + NOUN_REACH)):
        if j in triggers:
            return j
        if lemmas[j] & general:
            before = [t for t in triggers if t < preposition]
            return before[-1] if before else None
        if doc[j].is_punct:
            return None
    return None


def _party_before(
    cue: int, sentence: Span, clauses: Sequence[tuple[int, int]], mentions: Sequence[Span]
) -> Span | None:
    """The last name of a party before the cue in its clause (not an adjective: "rosyjska")."""
    lo = next((a for a, b in clauses if a <= cue < b), sentence.start)
    before = [
        m
        for m in mentions
        if lo <= m.start and m.end <= cue and m._.entity_type in ATTENDING_TYPES and not m._.derived
    ]
    return before[-1] if before else None


def zero_subject(doc: Doc, sentence: Span, mentions: Sequence[Span]) -> str | None:
    """``f`` or ``m`` when the sentence opens with a past-tense verb of the third person singular
    of that gender with no subject before it ("Wówczas nie mogła …"), else None."""
    named = {i for m in mentions for i in range(m.start, m.end)}
    for token in sentence:
        if token.is_punct or token.i in named:
            return None
        chosen = _chosen(token)
        if any(r.pos == "praet" for r in chosen):
            return subject_gender(token)
        if any(r.pos in SUBJECT_CLASSES and "nom" in tag_values(r.tag) for r in chosen):
            return None
        if any(r.pos in ("fin", "bedzie", "winien", "imps", "inf") for r in chosen):
            return None
    return None


def _chosen(token: Token) -> list[Interpretation]:
    chosen = [r for r in readings(token) if r.lemma == token.lemma_ and r.pos == token.pos_]
    return chosen or [r for r in readings(token) if r.lemma == token.lemma_]
