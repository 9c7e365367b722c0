"""Events joined to the graph: their place and parties as entities, claims, ids.

The extract stage (:mod:`kronika.extract.events`) gives mention offsets; here each becomes the
entity of that mention. A place the press names for a government ("Kreml zapowiedział") takes
part as the entity it stands for; any other place is no party. A sentence that leaves out its
subject ("Wówczas nie mogła …") is about the person of the verb's gender named just before. An
event inside a quotation is the speaker's claim. References to one event are then joined and
given the event's id (:mod:`kronika.extract.events.joining`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from spacy.tokens import Doc

from kronika.extract.events import FoundEvent, find_events
from kronika.extract.events.joining import Reference, join
from kronika.lang.names import feminine_name
from kronika.model import Entity, Event, EventStatus, EventType, Mention, Quote, Timex
from kronika.resolve.coreference import nearest_before

#: How many characters back the person a sentence leaves out as its subject may be named.
SUBJECT_REACH = 600


def document_events(
    doc: Doc,
    document_id: str,
    document_date: str | None,
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    quotes: Sequence[Quote],
    body_start: int = 0,
) -> list[Event]:
    """The contract events of one analysed document, in text order; those before
    ``body_start`` (in a title read with the body) are left out before references are joined,
    so that a headline does not stand for the body's first report of an event."""
    found = [
        event for event in find_events(doc, timexes, document_date) if event.start >= body_start
    ]
    return link_events(found, document_id, mentions, entities, quotes)


def link_events(
    found: Sequence[FoundEvent],
    document_id: str,
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
) -> list[Event]:
    """Events with entities for the offsets of ``found``, joined within the document."""
    at = {(m.start, m.end): m.entity for m in mentions if m.entity}
    by_id = {e.id: e for e in entities}
    references = []
    for event in found:
        place = at.get(event.place) if event.place else None
        parties = []
        for span in event.participants:
            party = _party(at.get(span), by_id)
            if party is not None and party != place and party not in parties:
                parties.append(party)
        if event.subject_gender is not None:
            subject = _left_out_subject(event, mentions, by_id)
            if subject is not None and subject not in parties:
                parties.insert(0, subject)
        head = _party(at.get(event.head), by_id) if event.head else None
        quote = _quote_of(event.trigger_start, quotes)
        linked = Event(
            id="",
            # the events lexicon is checked against the contract's types when it loads
            type=cast(EventType, event.type),
            start=event.start,
            end=event.end,
            trigger=event.trigger,
            trigger_start=event.trigger_start,
            trigger_end=event.trigger_end,
            status=cast(EventStatus, event.status),
            time=event.time,
            time_text=event.time_text,
            time_source="timex" if event.time else None,
            place=place,
            participants=tuple(parties),
            claim=quote is not None,
            quote_index=quote,
        )
        references.append(
            Reference(
                linked,
                event.lemma,
                anaphoric=event.anaphoric,
                novel=event.novel,
                heads=(head,) if head else (),
                named=_named(event, mentions, by_id),
            )
        )
    return join(references, document_id)


def _party(ident: str | None, entities: dict[str, Entity]) -> str | None:
    """The entity taking part for the mention's entity: a place only as what it stands for."""
    entity = entities.get(ident) if ident else None
    if entity is None:
        return None
    if entity.type == "place":
        return entity.stands_for
    if entity.type in ("event", "other"):
        return None
    return entity.id


def _left_out_subject(
    event: FoundEvent, mentions: Sequence[Mention], entities: dict[str, Entity]
) -> str | None:
    """The person a sentence without a subject is about: the nearest one named before it whose
    name agrees with the verb's gender ("… stanęła Cichanouska … Wówczas nie mogła …")."""
    feminine = event.subject_gender == "f"

    def fits(mention: Mention) -> bool:
        entity = entities.get(mention.entity or "")
        return (
            entity is not None
            and entity.type == "person"
            and (feminine_name(entity.name) == feminine)
        )

    found = nearest_before(mentions, event.start, SUBJECT_REACH, fits)
    return found.entity if found is not None else None


def _named(
    event: FoundEvent, mentions: Sequence[Mention], entities: dict[str, Entity]
) -> str | None:
    """The event entity whose name is the trigger ("Brexit"): the entity of a mention there, or
    one the document names elsewhere whose name is the trigger's lemma (the detector may find
    only some of a name's occurrences)."""
    for mention in mentions:
        if mention.start <= event.trigger_start < mention.end and mention.entity:
            entity = entities.get(mention.entity)
            if entity is not None and entity.type == "event":
                return entity.id
    return next(
        (e.id for e in entities.values() if e.type == "event" and e.name.lower() == event.lemma),
        None,
    )


def _quote_of(offset: int, quotes: Sequence[Quote]) -> int | None:
    return next((i for i, q in enumerate(quotes) if q.start <= offset < q.end), None)
