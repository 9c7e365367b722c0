"""The vocabulary of ``extract/pl/events.yaml``: triggers with their conditions, status cues."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, get_args

from kronika.errors import ModelError
from kronika.extract.resources import vocabulary
from kronika.model import EventType

LEXICON_PATH = "src/kronika/extract/pl/events.yaml"
EVENT_TYPES = frozenset(get_args(EventType))
#: SGJP word classes of a trigger used as a noun; every other class with a lemma is verbal.
NOUN_CLASSES = frozenset({"subst", "ger", "depr"})
VERB_CLASSES = frozenset(
    {"fin", "praet", "inf", "imps", "impt", "ppas", "pact", "pcon", "pant", "bedzie", "winien"}
)


@dataclass(frozen=True, slots=True)
class Condition:
    """One test on a trigger's context; see the header of ``events.yaml``."""

    kind: str  # near, prev, next, mention_after, title_after
    lemmas: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    within: int = 1


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    lemma: str
    type: str
    #: "noun", "verb" or None (both)
    pos: str | None
    requires: tuple[Condition, ...]
    excludes: tuple[Condition, ...]
    singular: bool = False
    #: the status the trigger's meaning gives a reported act ("zaproponować" → planned)
    status: str | None = None

    def allows(self, word_class: str, tag: str = "") -> bool:
        if self.singular and ":sg:" not in f"{tag}:":
            return False
        if self.pos == "noun":
            return word_class in NOUN_CLASSES
        if self.pos == "verb":
            return word_class in VERB_CLASSES
        return word_class in NOUN_CLASSES or word_class in VERB_CLASSES


@dataclass(frozen=True, slots=True)
class StatusCues:
    cancelled: frozenset[str]
    cancelled_negated: frozenset[str]
    hypothetical: frozenset[str]
    hypothetical_modals: frozenset[str]
    planned: frozenset[str]
    announcing: frozenset[str]
    planned_modals: frozenset[str]
    ongoing: frozenset[str]


@dataclass(frozen=True, slots=True)
class Participation:
    """Words of taking part in an event ("wziąć udział w", "uczestniczyć w")."""

    verbs: frozenset[str]
    light_verbs: frozenset[str]
    nouns: frozenset[str]
    general_events: frozenset[str]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    #: lemma → its entries in file order
    triggers: dict[str, tuple[TriggerEntry, ...]]
    demonstratives: frozenset[str]
    novelty: frozenset[str]
    place_prepositions: frozenset[str]
    government_nouns: frozenset[str]
    office_markers: frozenset[str]
    status: StatusCues
    participation: Participation


def _condition(data: dict[str, Any], where: str) -> Condition:
    kinds = [key for key in ("near", "prev", "next", "mention_after", "title_after") if key in data]
    if len(kinds) != 1:
        raise ModelError(
            f"{where}: a condition needs exactly one kind, got {data}"
            f" in {LEXICON_PATH}; correct the entry"
        )
    kind = kinds[0]
    value = data[kind]
    if kind == "title_after":
        return Condition(kind, within=int(value))
    within = int(data.get("within", 1))
    if kind == "mention_after":
        return Condition(kind, types=frozenset(value), within=within)
    return Condition(kind, lemmas=frozenset(value), within=within)


def _entry(data: dict[str, Any]) -> TriggerEntry:
    where = f"trigger {data.get('lemma')!r}"
    if data.get("type") not in EVENT_TYPES:
        raise ModelError(
            f"{where}: unknown event type {data.get('type')!r} in {LEXICON_PATH}; correct the entry"
        )
    if data.get("pos") not in (None, "noun", "verb"):
        raise ModelError(f"{where}: pos must be noun or verb in {LEXICON_PATH}; correct the entry")
    return TriggerEntry(
        lemma=str(data["lemma"]),
        type=str(data["type"]),
        pos=data.get("pos"),
        requires=tuple(_condition(c, where) for c in data.get("requires", ())),
        excludes=tuple(_condition(c, where) for c in data.get("excludes", ())),
        singular=bool(data.get("singular", False)),
        status=data.get("status"),
    )


@lru_cache(maxsize=1)
def lexicon() -> EventLexicon:
    """The vocabulary of ``pl/events.yaml``, read once per process."""
    vocab = vocabulary("events")
    data = {key: vocab[key] for key in vocab.data}
    triggers: dict[str, list[TriggerEntry]] = defaultdict(list)
    for item in data["triggers"]:
        entry = _entry(item)
        triggers[entry.lemma].append(entry)
    status = data["status"]
    return EventLexicon(
        triggers={lemma: tuple(entries) for lemma, entries in triggers.items()},
        demonstratives=frozenset(data["demonstratives"]),
        novelty=frozenset(data["novelty"]),
        place_prepositions=frozenset(data["place_prepositions"]),
        government_nouns=frozenset(data["government_nouns"]),
        office_markers=frozenset(data["office_markers"]),
        status=StatusCues(**{key: frozenset(status[key]) for key in StatusCues.__slots__}),
        participation=Participation(
            **{key: frozenset(data["participation"][key]) for key in Participation.__slots__}
        ),
    )
