"""References to one event joined within a document, and the event's id across documents.

Within a document, a reference joins the latest event before it when

* it is a demonstrative reference ("tego szczytu", "ten wyrok") to an event of its type, or
* it has the same type and trigger lemma (or names the same event, "Brexit", or is a name and
  a word of one type: "wyjście z UE" … "Brexit"), is no new one of
  its kind ("drugie referendum", "kolejna dostawa"), and agrees with the event: the same group
  of status (happened or ongoing / planned, hypothetical or cancelled), no other time, no other
  place, and not only other parties ("AB InBev kupił SABMiller, a Shell BG Group" are two);
  mentions of one named event always agree.

A joined reference that adds no time, place or party to its event is a bare repeat and is not
reported again (the guidelines annotate "each reference that adds information"); a mention of
a named event counts as new only for a time or place.

The id of an event is a digest of (type, place entity, time, parties) of the joined event, so
reports of one real event in different documents get the same id: five articles on "czwartkowy
szczyt EAEU w Mińsku" give (summit, Mińsk, 2021-10-14, EAEU) five times. The parties are the
event's head names when it has them (the name right after a noun trigger, "szczyt EAEU"), else
all its parties. An event named by a name of its own ("Brexit") is identified by that entity.
Limits: reports that differ in the precision of the time ("w październiku" / "14 października"),
in the place given, or in the parties named (without a head name) get different ids; an event
with no time is never merged across documents (type, place and parties alone describe recurring
events: "wybory w Polsce"), so its id is local to its document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kronika.model import Event

#: Statuses that report the event as real and those that do not (yet).
REAL = frozenset({"happened", "ongoing"})


@dataclass(frozen=True, slots=True)
class Reference:
    """An event reference with its names resolved to entities; ``event.id`` is not set yet."""

    event: Event
    lemma: str
    anaphoric: bool = False
    novel: bool = False
    #: entity ids of the name(s) right after a noun trigger ("szczyt EAEU")
    heads: tuple[str, ...] = ()
    #: the entity of the event's own name ("Brexit"), if it has one
    named: str | None = None


@dataclass(slots=True)
class _Joined:
    members: list[Reference]
    times: set[str]
    places: set[str]
    parties: set[str]
    names: set[str]

    @classmethod
    def of(cls, reference: Reference) -> _Joined:
        joined = cls([], set(), set(), set(), set())
        joined.add(reference)
        return joined

    def add(self, reference: Reference) -> bool:
        """Add the reference; whether it told something new."""
        event = reference.event
        new = not self.members
        if event.time and event.time not in self.times:
            self.times.add(event.time)
            new = True
        if event.place and event.place not in self.places:
            self.places.add(event.place)
            new = True
        if set(event.participants) - self.parties:
            self.parties.update(event.participants)
            # the parties near a named event's name ("Tusk komentując sprawę Brexitu") are
            # seldom its parties: a mention of it tells something new only by time or place
            new = new or reference.named is None
        if reference.named:
            self.names.add(reference.named)
        self.members.append(reference)
        return new

    @property
    def first(self) -> Reference:
        return self.members[0]

    def agrees(self, reference: Reference) -> bool:
        event, first = reference.event, self.first.event
        if reference.named is not None and reference.named in self.names:
            return True  # a named event is one whatever a mention says of its status
        # the name of an event ("Brexit") is the same event whatever a mention of it says of
        # its status ("mimo brexitu" after "opuści Unię")
        if reference.named is None and (event.status in REAL) != (first.status in REAL):
            return False
        if event.time and self.times and event.time not in self.times:
            return False
        if event.place and self.places and event.place not in self.places:
            return False
        parties = set(event.participants)
        return not (parties and self.parties and not parties & self.parties)


def _same_kind(joined: _Joined, reference: Reference) -> bool:
    first = joined.first
    if first.event.type != reference.event.type:
        return False
    if reference.named is not None and joined.names:
        return reference.named in joined.names
    # "wyjście Wielkiej Brytanii z UE" … "Brexit": a name and a word for one event
    return first.lemma == reference.lemma or bool(reference.named or joined.names)


def _target(groups: list[_Joined], reference: Reference) -> _Joined | None:
    for joined in reversed(groups):
        if reference.anaphoric and joined.first.event.type == reference.event.type:
            return joined
        if not reference.novel and _same_kind(joined, reference) and joined.agrees(reference):
            return joined
    return None


def join(references: Sequence[Reference], document_id: str) -> list[Event]:
    """The document's events: each reference that adds something, with its event's id."""
    groups: list[_Joined] = []
    kept: list[tuple[Reference, _Joined]] = []
    for reference in references:
        joined = _target(groups, reference)
        if joined is None:
            joined = _Joined.of(reference)
            groups.append(joined)
            kept.append((reference, joined))
        elif joined.add(reference):
            kept.append((reference, joined))
    ids = {id(joined): event_id(joined, document_id) for joined in groups}
    return [replace(reference.event, id=ids[id(joined)]) for reference, joined in kept]


def event_id(joined: _Joined, document_id: str) -> str:
    """``v`` + 12 hex digits of the digest of the event's identity (see the module docstring)."""
    first = joined.first
    named = next((m.named for m in joined.members if m.named), None)
    if named is not None:
        key = f"named|{first.event.type}|{named}"
    else:
        time = next((m.event.time for m in joined.members if m.event.time), None)
        place = next((m.event.place for m in joined.members if m.event.place), None)
        heads = sorted({h for m in joined.members for h in m.heads})
        parties = heads or sorted(joined.parties)
        key = "|".join([first.event.type, place or "", time or "", ",".join(parties)])
        if time is None:
            key += f"|document:{document_id}|{first.event.trigger_start}"
    return "v" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
