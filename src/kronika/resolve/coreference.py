"""Nominal coreference: a definite description refers back to a named entity of a fitting type.

Polish news names a company once and then calls it "przewoźnik", "irlandzki przewoźnik",
"spółka" or "koncern"; a pipeline becomes "gazociąg". A description headed by one of the nouns
of ``lang/pl/referring_nouns.tsv`` stands for an entity of that noun's type named before it:
the one the text introduced with that very noun ("linie lotnicze Ryanair" … "przewoźnik"
prefers the name once written after "przewoźnik"), else the nearest one. People's descriptions
("menedżer", "szef polskiego rządu") are resolved by ``kronika.resolve.quotes``, which knows the
offices people hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from kronika import resources
from kronika.lang.morphology import shared_morphology
from kronika.model import Entity, Mention

_morphology = shared_morphology()
#: How many characters back a description may look for the entity it refers to.
REACH = 1500
WORD = re.compile(r"\w+")


def nearest_before(
    mentions: Sequence[Mention], start: int, reach: int, accept: Callable[[Mention], bool]
) -> Mention | None:
    """The mention linked to an entity nearest before offset ``start`` (beginning before it,
    at most ``reach`` characters back) that ``accept`` takes: what a description, a left-out
    subject or an office without its object refers back to."""
    found: Mention | None = None
    for mention in mentions:
        if not (start - reach <= mention.start < start) or not mention.entity:
            continue
        if (found is None or mention.start > found.start) and accept(mention):
            found = mention
    return found


@lru_cache(maxsize=1)
def referring_nouns() -> dict[str, str]:
    """Noun lemma → the contract type of the entities it refers back to."""
    table = resources.rows("kronika.lang.pl", "referring_nouns.tsv", 2)
    return {noun: kind for noun, kind in table}


def _nouns(word: str) -> set[str]:
    return {r.lemma.lower() for r in _morphology.analyse(word) if r.pos == "subst"}


def description_type(text: str) -> tuple[str, str] | None:
    """The referring noun heading a description and the type it refers to ("irlandzki
    przewoźnik" → przewoźnik, organization); None when a capitalized word other than its first
    names someone in it, or no noun of the table heads it."""
    table = referring_nouns()
    words = WORD.findall(text)
    if any(word[:1].isupper() for word in words[1:]):
        return None  # "spółka Ryanair" names its entity itself
    for word in words:
        nouns = _nouns(word) & table.keys()
        if nouns:
            noun = min(nouns)
            return noun, table[noun]
    return None


def _introduced_by(text: str, mention: Mention, noun: str) -> bool:
    """The mention comes right after the noun, or after it and an adjective ("linie lotnicze
    Ryanair")."""
    words = WORD.findall(text[max(0, mention.start - 40) : mention.start])
    return any(noun in _nouns(word) for word in words[-2:])


def referred_entity(
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    start: int,
    description: str,
    text: str,
) -> str | None:
    """The entity a description at ``start`` refers back to (see the module docstring)."""
    head = description_type(description)
    if head is None:
        return None
    noun, kind = head
    candidates = [
        m
        for m in mentions
        if start - REACH <= m.start < start
        and m.entity
        and not m.derived
        and not m.description
        and (entity := entities.get(m.entity)) is not None
        and entity.type == kind
    ]
    if not candidates:
        return None
    introduced = [m for m in candidates if text and _introduced_by(text, m, noun)]
    chosen = max(introduced or candidates, key=lambda m: m.start)
    return chosen.entity
