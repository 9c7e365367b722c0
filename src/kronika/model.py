"""kronika's document model: the typed objects of output contract v1, and their JSON.

Every stage after the language layer passes these frozen objects on; a stage that adds to an
object makes a new one (``dataclasses.replace``). The contract JSON is made and read here only:
``Analysis.to_json`` / ``Analysis.from_json`` at the boundaries (api, store, export).

    Analysis            one document: its metadata, text, sentences and everything found in it
    ├── Entity          a canonical entity (knowledge-base id, aliases, the entity it stands for)
    ├── Mention         a name in the text (offsets, lemma, type, NKJP label) and its entity
    ├── Timex           a temporal expression and its TIMEX3 value
    ├── Quote           who said what (direct or indirect), speaker and addressee entities
    ├── Relation        subject — predicate — object, with status, time and validity
    ├── Event           something that happened (or is planned) with participants, place, time
    └── Fact            numeric data (polls) made of Statements

Offsets are Python string indices into ``Analysis.text``. Entity references are entity ids.

Who makes each object (``kronika.pipeline.analyze_document`` calls them in this order):

    Timex       extract.timex.find_timexes
    Span        pipeline (the language layer's sentences, trailing space trimmed)
    DateRange   extract.timex.document_date_range, for an inferred date
    Mention     ner.evidence.detected_mentions (with the knowledge-base name or short name it
                matched as evidence, ``ner.evidence.Detected``),
                resolve.descriptions.office_mentions (offices); resolve.entities decides the
                entity (link_short_names, then link_document sets ``entity``)
    Entity      resolve.entities.link_document
    Quote       extract.quotes.find_quotes; resolve.quotes.link_quotes sets speaker,
                addressee and time
    Fact        extract.facts.find_polls; resolve.facts.link_facts sets source, time, claim
    Relation    extract.relations.find_relations finds them (``extract.relations.Found``: ends
                as stretches of text); resolve.relations.link_relations joins them to entities
                and sets time, validity and claim
    Event       extract.events and resolve.events.document_events (trigger, participants,
                place, time, the id shared across documents)
    Analysis    pipeline.analyze_document; ``to_json`` is the contract record
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Self, cast

CONTRACT_VERSION = "1"

EntityType = Literal["person", "organization", "country", "place", "event", "other"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect"]
Predicate = Literal["member_of", "role", "subsidiary_of", "partner_of", "opposes", "sanctions"]
#: member_of: current, joined, left, suspended, candidate, planned, former; role: current,
#: former, candidate; partner_of: current, suspended; sanctions: current, planned, former.
RelationStatus = Literal["current", "joined", "left", "suspended", "candidate", "planned", "former"]
EventType = Literal[
    "summit",
    "meeting",
    "election",
    "protest",
    "agreement",
    "sanctions",
    "legal",
    "military",
    "appointment",
    "accession",
    "business",
    "incident",
    "other",
]
EventStatus = Literal["happened", "ongoing", "planned", "cancelled", "hypothetical"]


class _Record:
    """JSON conversion shared by the contract objects.

    ``_nested`` names fields holding another record or a tuple of them, ``_optional`` fields
    left out of the JSON when they are None, ``_json_names`` fields whose JSON key differs."""

    __slots__ = ()
    _nested: ClassVar[dict[str, type[_Record]]] = {}
    _optional: ClassVar[frozenset[str]] = frozenset()
    _json_names: ClassVar[dict[str, str]] = {}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for item in dataclasses.fields(cast(Any, self)):
            value = getattr(self, item.name)
            if value is None and item.name in self._optional:
                continue
            if isinstance(value, _Record):
                value = value.to_json()
            elif item.name in self._nested and value is not None:
                value = [part.to_json() for part in value]
            elif isinstance(value, tuple):
                value = list(value)
            data[self._json_names.get(item.name, item.name)] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cast(Any, cls)):
            key = cls._json_names.get(item.name, item.name)
            if key not in data:
                continue  # the field's default: an older record without it
            value = data[key]
            nested = cls._nested.get(item.name)
            if nested is not None and isinstance(value, dict):
                value = nested.from_json(value)
            elif nested is not None and value is not None:
                value = tuple(nested.from_json(part) for part in value)
            elif isinstance(value, list):
                value = tuple(value)
            values[item.name] = value
        return cls(**values)


#: a record class; named because fields called ``type`` shadow the builtin in class bodies
_RecordClass = type[_Record]


@dataclass(frozen=True, slots=True)
class Span(_Record):
    """A stretch of the text: a sentence."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateRange(_Record):
    """The earliest and latest date an undated document's text allows."""

    earliest: str | None
    latest: str | None
    _json_names: ClassVar[dict[str, str]] = {"earliest": "from", "latest": "to"}


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    id: str
    name: str
    type: EntityType
    kb: str | None = None
    aliases: tuple[str, ...] = ()
    #: the entity a metonym stands for ("Kreml" → Russia's government), by entity id
    stands_for: str | None = None


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    start: int
    end: int
    text: str
    lemma: str
    type: EntityType
    #: the named-entity model's NKJP label: persName, orgName, placeName_country, …
    label: str
    #: a word derived from a name ("białoruskiej" → Białoruś) rather than the name
    derived: bool = False
    #: an office standing for its holder ("prezydent Rosji"), not a name
    description: bool = False
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Timex(_Record):
    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    mod: str | None = None
    #: what the value was resolved against: "document", "absolute", "text" or None
    anchor: str | None = None
    #: the end of a range ("od 2004 do 2007 roku")
    end_value: str | None = None
    _optional: ClassVar[frozenset[str]] = frozenset({"end_value"})


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    speaker_description: str | None = None
    addressee_text: str | None = None
    speaker: str | None = None
    addressee: str | None = None
    time: str | None = None
    time_source: str | None = None


@dataclass(frozen=True, slots=True)
class Relation(_Record):
    """``subject`` —``predicate``→ ``object`` (entity ids), stated by the text at ``start``–``end``.

    ``time`` is when the text says the relation held, began or ended; ``valid_from`` and
    ``valid_to`` the interval it holds over, from its status, time and the document date."""

    subject: str
    predicate: Predicate
    object: str | None
    start: int
    end: int
    value: str | None = None
    subject_text: str | None = None
    object_text: str | None = None
    status: RelationStatus = "current"
    time: str | None = None
    time_text: str | None = None
    #: the TIMEX3 modifier of that time: "START" for "od 1973 roku", …
    time_mod: str | None = None
    time_source: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    #: how it was found: "list", "phrase", "title", a cue's name …
    evidence: str | None = None
    #: true inside a quotation: the speaker's claim, not the article's
    claim: bool = False
    quote_index: int | None = None


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """One event as the document reports it; ``id`` is shared by the reports of one real event,
    in this document and across documents."""

    id: str
    type: EventType
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    status: EventStatus = "happened"
    time: str | None = None
    time_text: str | None = None
    time_source: str | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()
    claim: bool = False
    quote_index: int | None = None


@dataclass(frozen=True, slots=True)
class Statement(_Record):
    """One number of a fact: "47 proc. ankietowanych popiera …"."""

    share: float | int | None
    unit: str | None
    about: str | None
    population: str | None = None
    qualifier: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Fact(_Record):
    type: str
    start: int
    end: int
    source: str | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    time: str | None = None
    time_text: str | None = None
    time_source: str | None = None
    statements: tuple[Statement, ...] = ()
    claim: bool = False
    quote_index: int | None = None
    _nested: ClassVar[dict[str, _RecordClass]] = {"statements": Statement}


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis(_Record):
    """What kronika found in one document: the contract record, plus the lemmas of each sentence
    (for the store's full-text index; not part of the contract)."""

    id: str
    source: str
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    date_source: str | None = None
    date_precision: str | None = None
    date_range: DateRange | None = None
    text: str
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    #: the names of ``title``, offsets into the title (``kronika.headlines``)
    title_mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()
    sentence_lemmas: tuple[str, ...] = field(default=(), compare=False)
    _nested: ClassVar[dict[str, _RecordClass]] = {
        "date_range": DateRange,
        "sentences": Span,
        "entities": Entity,
        "mentions": Mention,
        "title_mentions": Mention,
        "timexes": Timex,
        "quotes": Quote,
        "relations": Relation,
        "events": Event,
        "facts": Fact,
    }

    def to_json(self) -> dict[str, Any]:
        """The contract record (without ``sentence_lemmas``)."""
        data = _Record.to_json(self)
        del data["sentence_lemmas"]
        return data

    @property
    def record(self) -> dict[str, Any]:
        """The contract record as JSON-ready data."""
        return self.to_json()
