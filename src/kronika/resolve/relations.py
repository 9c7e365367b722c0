"""Found relations joined to the graph: entity ids at both ends, time, claim, validity.

``link_relations`` takes what ``kronika.extract.relations.find_relations`` read and returns the
document's final ``Relation`` objects, with any entity a relation names that the text does not
(the country of a bare office, the bloc an event leaves) added to the document's entities.

* Ends: the entity of the mention at the text; a place standing for its government ("władze w
  Mińsku", "Kreml") is the country for every predicate but ``role`` ("prezydent Warszawy");
  what is opposed may be a description ("budowa gazociągu"), an entity of type ``other``.
* A role's organization when the text names none: the office the knowledge base records the
  person in ("premier Theresy May" → United Kingdom), else the organization a title always
  belongs to ("papież" → Kościół katolicki), else for a national office the country of kronika's
  Polish press, Poland — unless the article names another country more often than Poland (it
  is about that country, whose office it then is); a role with none of these and no
  profession title is left out.
* ``time``: the first dated timex inside the evidence (``time_source`` "timex"), else None: the
  relation holds at the document date (``time_source`` "document").
* Validity, by a simple rule: ``joined``, ``current``, ``suspended``, ``candidate`` at time T →
  ``valid_from`` T; ``left``, ``former`` at T → ``valid_to`` T; ``planned`` and any relation
  without a time → neither (stated in the article, it holds at least at the document date).
* ``claim``: true when the evidence lies inside a quotation (``quote_index``).
* A relation stated twice in the document (same ends, predicate, status, title) is kept once;
  one stated only by an event's name ("Brexit") is dropped when the text states it otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from kronika.extract.relations import Found, Ref
from kronika.extract.relations.base import HOME_KEY
from kronika.extract.relations.cues import cues
from kronika.kb import by_key
from kronika.model import (
    Entity,
    EntityType,
    Mention,
    Predicate,
    Quote,
    Relation,
    RelationStatus,
    Timex,
)
from kronika.resolve.coreference import nearest_before
from kronika.resolve.entities import entity_at, entity_id, kb_entry, stands_for
from kronika.resolve.quotes import quote_holding

#: Statuses whose time is when the relation began, and those whose time is when it ended.
BEGINS = frozenset({"joined", "current", "suspended", "candidate"})
ENDS = frozenset({"left", "former"})
#: The country of kronika's press: a bare national office in its articles is this country's.
HOME_COUNTRY = "country:PL"


class _Entities:
    """The document's entities by id, growing by the ones relations name off the text."""

    def __init__(self, entities: Sequence[Entity], mentions: Sequence[Mention]) -> None:
        self.items = list(entities)
        self.by_id = {e.id: e for e in self.items}
        self.mentions = mentions
        self._home: str | None = None

    @property
    def home(self) -> str:
        """The country of the article's bare national offices: the country it names most (an
        article about Britain: "premier" is Britain's), Poland when Poland is named as often."""
        if self._home is None:
            counts: dict[str, int] = {}
            for mention in self.mentions:
                ident = mention.entity
                if ident and self.type_of(ident) == "country":
                    counts[ident] = counts.get(ident, 0) + 1
            poland = entity_id(HOME_COUNTRY)
            best = max(counts, key=lambda ident: counts[ident], default=None)
            if best is not None and counts[best] > counts.get(poland, 0):
                self._home = best
            else:
                self._home = self.of_key(HOME_COUNTRY)
        return self._home

    def of_key(self, key: str) -> str:
        ident = entity_id(key)
        if ident not in self.by_id:
            entry = by_key().get(key)
            kind, _, name = key.partition(":")
            entity = Entity(
                id=ident,
                name=entry.name if entry else name,
                # a key's kind is an entity type ("other:budowa gazociągu", "country:PL")
                type=cast(EntityType, entry.type if entry else kind),
                kb=entry.wikidata if entry else None,
                stands_for=stands_for(ident),
            )
            self.items.append(entity)
            self.by_id[ident] = entity
        return ident

    def type_of(self, ident: str) -> str | None:
        entity = self.by_id.get(ident)
        return entity.type if entity else None

    def government(self, ident: str) -> str:
        """The country a place stands for ("Mińsk" → Białoruś), else the entity itself."""
        entity = self.by_id.get(ident)
        seat = entity.stands_for if entity else None
        if seat and self.type_of(seat) is None:
            entry = kb_entry(seat)
            if entry is not None:
                self.of_key(entry.key)
        return seat or ident


def _end(ref: Ref, mentions: Sequence[Mention], entities: _Entities, derived: bool) -> str | None:
    if ref.entity is not None:
        return ref.entity
    if ref.key == HOME_KEY:
        return entities.home
    if ref.key is not None:
        return entities.of_key(ref.key)
    if ref.start is None or ref.end is None:
        return None
    found = entity_at(mentions, ref.start, ref.end)
    if found is None and derived:
        found = entity_at(mentions, ref.start, ref.end, derived=True)
    return found


def _office_of(
    subject: str, value: str, year: int | None, entities: _Entities, *, current: bool = True
) -> str | None:
    """The organization of a title the text gives without one (see the module docstring);
    ``current``: the text says the subject holds it now."""
    words = cues().sections["roles"]
    head = value.split()[0]
    entry = kb_entry(subject)
    if entry is not None:
        offices = [r for r in entry.roles if r.role.split()[0] == head]
        held = [r for r in offices if r.held_in(year)] or offices
        if held:
            return entities.of_key(held[0].of)
    key = cues().title_objects.get(value) or cues().title_objects.get(head)
    if key is not None:
        return entities.of_key(key)
    if value in words["national_offices"] or head in words["national_offices"]:
        home = entities.home
        single = value in words["single_offices"]
        if current and single and _held_by_another(subject, value, home, year):
            # "prezydent Hanny Gronkiewicz-Waltz" in 2017 is not Poland's president: a city's
            return None
        return home
    return None


def _held_by_another(subject: str, value: str, country: str, year: int | None) -> bool:
    """Whether the knowledge base records someone other than ``subject`` in the country's one
    office ``value`` in ``year``."""
    for entry in by_key().values():
        if entry.type != "person" or entity_id(entry.key) == subject:
            continue
        for role in entry.roles:
            if role.role == value and entity_id(role.of) == country and role.held_in(year):
                return True
    return False


def _time(found: Found, timexes: Sequence[Timex]) -> tuple[str | None, str | None]:
    """The dated timex inside the evidence nearest after the cue, else nearest before it
    ("rozpoczęła proces wyjścia z UE 29 marca 2017 roku i powinna opuścić Wspólnotę do 29
    marca 2019 roku": the exit is the 2019 one)."""
    anchor = found.anchor if found.anchor is not None else found.start
    inside = [
        t
        for t in timexes
        if found.start <= t.start and t.end <= found.end and t.type == "DATE" and t.value
    ]
    if not inside:
        return None, None
    best = min(inside, key=lambda t: (t.start < anchor, abs(t.start - anchor)))
    return best.value, best.text


def _validity(status: str, time: str | None) -> tuple[str | None, str | None]:
    if time is None:
        return None, None
    if status in BEGINS:
        return time, None
    if status in ENDS:
        return None, time
    return None, None


#: How far back (characters) the place of a local office may be named.
PLACE_REACH = 300


def _place_before(start: int, mentions: Sequence[Mention]) -> str | None:
    """The town or region named last before ``start``, not too far back: whose a mayor or a
    governor is when the text does not say."""
    found = nearest_before(
        mentions,
        start,
        PLACE_REACH,
        lambda m: m.end <= start and m.type == "place" and not m.derived,
    )
    return found.entity if found is not None else None


def _office_in_context(value: str, start: int, mentions: Sequence[Mention]) -> str | None:
    """The object of a title the text gives without one, from the names before it: a town's or
    region's office is of the place named last (``local_offices``), a judge's or a rector's of
    the body of that kind (``office_bodies``)."""
    head = value.split()[0] if value.split() else ""
    if head in cues().words("roles", "local_offices"):
        return _place_before(start, mentions)
    bodies = cues().office_bodies.get(head)
    return _body_before(start, bodies, mentions) if bodies else None


#: How far back (characters) the body of an office may be named.
BODY_REACH = 1500


def _body_before(start: int, kinds: frozenset[str], mentions: Sequence[Mention]) -> str | None:
    """The organization of one of ``kinds`` ("sąd") named last before ``start``: whose judge,
    prosecutor or rector a title without an object is."""
    found = nearest_before(
        mentions,
        start,
        BODY_REACH,
        lambda m: (
            m.end <= start and m.type == "organization" and m.lemma.split()[0].lower() in kinds
        ),
    )
    return found.entity if found is not None else None


def _office_descriptions(mentions: Sequence[Mention]) -> list[Found]:
    """ "prezydent Rosji" where it stands for its holder (``description`` mentions, by the
    knowledge base's offices of the article's year): the holder's role, of the country named."""
    result = []
    for office in mentions:
        if not office.description or not office.entity:
            continue
        inner = [
            m
            for m in mentions
            if office.start <= m.start and m.end <= office.end and m is not office and m.entity
        ]
        if not inner:
            continue
        country = inner[0]
        # the lemma's words before the country's ("premierem Wielkiej Brytanii" → "premier")
        words = len(office.text[: country.start - office.start].split())
        title = " ".join(office.lemma.split()[:words]).lower()
        if not title:
            continue
        holder = Ref(office.text, office.start, office.end, entity=office.entity)
        obj = Ref(country.text, country.start, country.end, entity=country.entity)
        result.append(Found("role", holder, obj, office.start, office.end, "office", title))
    return result


def _linked(
    found: Found,
    mentions: Sequence[Mention],
    entities: _Entities,
    year: int | None,
) -> tuple[str, str | None] | None:
    """Subject and object ids of a found relation, or None when it cannot join the graph."""
    subject = _end(found.subject, mentions, entities, derived=False)
    if subject is None:
        return None
    role = found.predicate == "role"
    if role and entities.type_of(subject) != "person":
        return None
    obj = _end(found.object, mentions, entities, derived=role) if found.object else None
    if obj is None and found.object is not None and found.object.key is None:
        # what the detector did not name: a description opposed ("budowa gazociągu") or an
        # office's organization written as a name ("dyrektor w Citigroup")
        if found.predicate == "opposes":
            obj = entities.of_key(f"other:{found.object.text}")
        elif role:
            obj = entities.of_key(f"organization:{found.object.text}")
    if not role:
        subject = entities.government(subject)
        obj = entities.government(obj) if obj is not None else None
    if role and obj is None:
        value = found.value or ""
        obj = _office_of(subject, value, year, entities, current=found.status == "current")
        obj = obj or _office_in_context(value, found.start, mentions)
        professions = cues().words("roles", "professions")
        if obj is None and value not in professions and value.split()[0] not in professions:
            return None
    if obj is None and not role or subject == obj:
        return None
    # a person belongs to parties and bodies, not to a country ("poseł Litwy")
    person = entities.type_of(subject) == "person"
    if found.predicate == "member_of" and person and entities.type_of(obj or "") == "country":
        return None
    return subject, obj


def link_relations(
    found: Sequence[Found],
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    document_date: str | None,
    quotes: Sequence[Quote],
    body_start: int = 0,
) -> tuple[list[Relation], tuple[Entity, ...]]:
    """The document's relations and its entities (with those the relations added). Those before
    ``body_start`` (in a title read with the body) are left out before one statement of each
    relation is chosen: a headline's is dropped with the headline, the body's must stay."""
    known = _Entities(entities, mentions)
    found = sorted(
        [f for f in (*found, *_office_descriptions(mentions)) if f.start >= body_start],
        key=lambda f: (f.start, f.end),
    )
    year = int(document_date[:4]) if document_date else None
    linked = [(item, _linked(item, mentions, known, year)) for item in found]
    # an event's name ("Brexit") states its membership change only where the article does not
    # state the membership itself: one relation per article, its clearest statement
    stated = {(e[0], e[1]) for item, e in linked if e is not None and item.cue != "event"}
    relations: list[Relation] = []
    seen: set[tuple[Any, ...]] = set()
    for item, ends in linked:
        if ends is None or (item.cue == "event" and ends in stated):
            continue
        subject, obj = ends
        head = (item.value or "").split()[:1]
        key = (subject, item.predicate, obj, item.status, tuple(head))
        if key in seen:
            continue
        seen.add(key)
        time, time_text = _time(item, timexes)
        valid_from, valid_to = _validity(item.status, time)
        index = quote_holding(item.start, item.end, quotes)
        relations.append(
            Relation(
                subject=subject,
                # the extractors write only the contract's predicates and statuses
                predicate=cast(Predicate, item.predicate),
                object=obj,
                start=item.start,
                end=item.end,
                value=item.value,
                subject_text=item.subject.text,
                object_text=item.object.text if item.object else None,
                status=cast(RelationStatus, item.status),
                time=time,
                time_text=time_text,
                time_source="timex" if time else "document",
                valid_from=valid_from,
                valid_to=valid_to,
                evidence=item.cue,
                claim=index is not None,
                quote_index=index,
            )
        )
    return relations, tuple(known.items)
