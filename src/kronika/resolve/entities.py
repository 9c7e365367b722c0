"""Canonical entities for the mentions of one document, with ids stable across documents.

An entity's id is derived from its key alone (a knowledge-base key such as ``org:NATO``, else
type and lemma), so documents analysed separately, in any order or process, agree on ids and a
new document joins existing entities without reprocessing the corpus.

Within a document: a bare surname joins the one full name it ends ("Usow" → "Paweł Usow"), an
acronym in brackets joins the name before it ("… Zbiorowym (OUBZ)"). Across documents: a mention
whose lemma is a knowledge-base name, alias or (for people) unambiguous surname gets its key.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import Any, cast

from kronika.kb import Entry, by_key, load_kb, short_names, usual_short_names
from kronika.lang.morphology import shared_morphology
from kronika.lang.view import DocumentView
from kronika.model import Entity, EntityType, Mention
from kronika.ner.evidence import Detected, KbName

# Which knowledge-base entry types a mention of each type may link to by lemma.
COMPATIBLE = {
    "person": {"person"},
    "organization": {"organization"},
    "country": {"country"},
    "place": {"place", "country"},
    "other": set(),
    "event": {"event"},
}


# Which kinds of full name a shortened name of each kind may stand for: "Stanach" for "Stanów
# Zjednoczonych", "Republika" for "Republika Irlandii", "Komisja" for "Komisja Europejska".
SHORTENED_KINDS = {
    "organization": {"organization"},
    "place": {"place", "country"},
    "country": {"place", "country"},
}

_morphology = shared_morphology()


def entity_id(key: str) -> str:
    """``e`` + 12 hex digits of the SHA-1 of the entity key."""
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1)
def _entries() -> dict[str, Entry]:
    return {entity_id(entry.key): entry for entry in load_kb()}


def kb_entry(ident: str) -> Entry | None:
    """The knowledge-base entry an entity id was made from, if any."""
    return _entries().get(ident)


def stands_for(ident: str) -> str | None:
    """The entity a place name usually stands for in political news ("Kreml" → Russia, its
    government), by the knowledge base's metonyms; None for every other entity."""
    entry = kb_entry(ident)
    return entity_id(entry.stands_for) if entry is not None and entry.stands_for else None


@lru_cache(maxsize=1)
def name_index() -> dict[str, Entry]:
    """Lowercased knowledge-base names, aliases and people's surnames → the one entry they name.

    A name two entries share is left out: linking it would be a guess.
    """
    claims: dict[str, set[str]] = defaultdict(set)
    for entry in load_kb():
        for name in entry.names:
            claims[name.lower()].add(entry.key)
            if entry.type == "person" and " " in name:
                claims[name.split()[-1].lower()].add(entry.key)
    entries = by_key()
    return {name: entries[next(iter(keys))] for name, keys in claims.items() if len(keys) == 1}


def link_short_names(detected: Sequence[Detected], named: Sequence[KbName]) -> list[Detected]:
    """Each short name ("Sojuszu", "Wspólnoty") with the knowledge-base key of the organization
    it stands for: one the text names in full (``named``), the nearest before it first, else the
    first after it; with none named, the one the press means by it ("Unia" → UE)."""
    table, usual = short_names(), usual_short_names()
    result = []
    for item in detected:
        if item.kb or not item.short_for:
            result.append(item)
            continue
        wanted = {entry.key for name in item.short_for for entry in table[name]}
        matches = [name for name in named if name.key in wanted]
        before = [name for name in matches if name.end <= item.mention.start]
        chosen = before[-1] if before else (matches[0] if matches else None)
        key = (
            chosen.key
            if chosen
            else next((usual[n].key for n in item.short_for if n in usual), None)
        )
        result.append(replace(item, kb=key))
    return result


def _surname_owners(mentions: Sequence[Mention]) -> dict[str, str]:
    """Last word of each multi-word person name → that full name, for "Usow" → "Paweł Usow".

    A surname shared by two different full names in the document stays ambiguous and unlinked.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        words = mention.lemma.split()
        if mention.type == "person" and len(words) > 1:
            owners[words[-1]].add(mention.lemma)
    return {surname: next(iter(names)) for surname, names in owners.items() if len(names) == 1}


def _shortened_names(
    mentions: Sequence[Mention], keys: list[str | None], names: list[str], view: DocumentView
) -> dict[int, int]:
    """Index of a shortened name → index of its full name in the document: "Komisja",
    "Parlament", "Sąd Najwyższy" for "Komisji Europejskiej", "Parlamentu Europejskiego", "Sądu
    Najwyższego Pakistanu"; "Republika" for "Republiki Irlandii" (the nearest such name before
    it, else the first after it, as a headline shortens what the text names in full). Only a
    name that opens with a common noun is a shortening; "Gazprom" is not one of "Gazprom
    Neft"."""
    known = by_key()
    fulls = _full_names(mentions, keys, names)
    result: dict[int, int] = {}
    for i, mention in enumerate(mentions):
        kinds = SHORTENED_KINDS.get(mention.type)
        if not kinds or keys[i] in known:
            continue
        short = tuple(mention.lemma.lower().split())
        if not short or not _opens_with_common_noun(mention):
            continue
        before, after = -1, len(mentions)
        for kind in kinds:
            holders = fulls.get((kind, short), [])
            k = bisect_left(holders, i)
            if k > 0:
                before = max(before, holders[k - 1])
            k += k < len(holders) and holders[k] == i
            if k < len(holders):
                after = min(after, holders[k])
        if before >= 0 or after < len(mentions):
            result[i] = before if before >= 0 else after
    return result


def _full_names(
    mentions: Sequence[Mention], keys: list[str | None], names: list[str]
) -> dict[tuple[str, tuple[str, ...]], list[int]]:
    """(type, a shorter opening of the name's lemma or entity name, as lowercased words) → the
    indexes of the linked mentions with that opening, in order: a shortened name finds its full
    name by lookup, not by a scan of the document for each (which made long documents
    quadratic). "Kanału" for "kanał La Manche": the head is a common noun, written either way."""
    found: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for j, other in enumerate(mentions):
        if keys[j] is None:
            continue
        openings: set[tuple[str, ...]] = set()
        for full in (tuple(other.lemma.lower().split()), tuple(names[j].lower().split())):
            openings.update(full[:length] for length in range(1, len(full)))
        for opening in openings:
            found[(other.type, opening)].append(j)
    return found


def _opens_with_common_noun(mention: Mention) -> bool:
    """Whether SGJP reads the first word of the mention's lemma as a common noun."""
    # The lemma is the language layer's nominative, not a word of the document (the view holds
    # "Komisji", this asks about "komisja"): the one analysis resolve makes. The token's own
    # readings decide differently for some names (one BSNLP document's entities change).
    word = mention.lemma.lower().split()[0]
    return any(r.pos == "subst" and r.lemma[:1].islower() for r in _morphology.analyse(word))


def _bracketed_acronyms(mentions: Sequence[Mention], text: str) -> dict[str, int]:
    """Acronym text → index of the organization named just before it in brackets."""
    result: dict[str, int] = {}
    for i, (before, inside) in enumerate(pairwise(mentions)):
        if (
            before.type == "organization"
            and inside.text.isupper()
            and text[before.end : inside.start].strip() == "("
            and text[inside.end : inside.end + 1] == ")"
        ):
            result[inside.text] = i
    return result


def _key(mention: Mention, kb_key: str | None, surnames: dict[str, str]) -> tuple[str | None, str]:
    """The entity key of one mention and the entity's name, before the document-level joins:
    the knowledge-base entry its name matched, else the one its lemma names, else its own
    type and lemma (None for a derived word tied to no known name)."""
    index = name_index()
    name = mention.lemma
    if mention.type == "person" and " " not in name and name in surnames:
        name = surnames[name]
        # the full name given in this document decides whom a bare surname means
        owner = index.get(name.lower())
        kb_key = owner.key if owner and owner.type == "person" else None
    if not kb_key:
        entry = index.get(name.lower())
        if entry and entry.type in COMPATIBLE.get(mention.type, set()):
            kb_key = entry.key
    if kb_key:
        return kb_key, by_key()[kb_key].name
    if mention.derived:
        return None, name  # a derived word we cannot tie to a known name
    return f"{mention.type}:{name}", name


def link_document(
    detected: Sequence[Detected], view: DocumentView
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """The document's mentions with their ``entity`` set, and its entities in first-mention
    order.

    Each detected mention brings the knowledge-base key of the name it matched, if any (the
    contract gives the Wikidata id on the entity instead); offsets are into the text of
    ``view``, whose tokens and readings are the document's words.
    """
    kb = by_key()
    mentions = [item.mention for item in detected]
    surnames = _surname_owners(mentions)
    acronyms = _bracketed_acronyms(mentions, view.text)
    keyed = [_key(item.mention, item.kb, surnames) for item in detected]
    keys = [key for key, _name in keyed]
    names = [name for _key, name in keyed]
    for i, mention in enumerate(mentions):
        owner = acronyms.get(mention.text)
        if owner is not None and not (keys[i] or "").startswith(("org:", "country:", "person:")):
            keys[i], names[i] = keys[owner], names[owner]
    for i, owner in _shortened_names(mentions, keys, names, view).items():
        keys[i], names[i] = keys[owner], names[owner]

    linked: list[Mention] = []
    first: dict[str, Entity] = {}
    aliases: dict[str, set[str]] = {}
    for mention, key, name in zip(mentions, keys, names, strict=False):
        ident = entity_id(key) if key is not None else None
        linked.append(replace(mention, entity=ident))
        if key is None or ident is None:
            continue
        if ident not in first:
            entry = kb.get(key)
            first[ident] = Entity(
                id=ident,
                name=name,
                type=cast(EntityType, entry.type) if entry else mention.type,
                kb=entry.wikidata if entry else None,
                stands_for=stands_for(ident),
            )
            aliases[ident] = set()
        # "białoruską" is evidence of Białoruś and "prezydent Rosji" of Putin, not their names
        if not mention.derived and not mention.description:
            aliases[ident].update({mention.text, mention.lemma})
    entities = tuple(
        replace(entity, aliases=tuple(sorted(aliases[ident] - {entity.name})))
        for ident, entity in first.items()
    )
    return tuple(linked), entities


def entity_at(
    mentions: Sequence[Mention], start: int, end: int, *, derived: bool = False
) -> str | None:
    """The entity of the mention overlapping [start, end), the longest overlap first (the first
    such mention where two overlap as much); of a derived word only when ``derived``
    ("kandydatka białoruskiej opozycji" is not spoken by Białoruś, but "białoruski politolog"
    is a role of Belarus)."""
    best: tuple[int, str] | None = None
    for index in overlapping(mentions, start, end, lambda m: (m.start, m.end)):
        mention = mentions[index]
        if (mention.derived and not derived) or not mention.entity:
            continue
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, mention.entity)
    return best[1] if best else None


class _SpanIndex:
    """A document's spans by start, to find those overlapping a stretch without a scan."""

    def __init__(self, spans: Sequence[Any], extent: Callable[[Any], tuple[int, int]]) -> None:
        self.spans = spans
        ends = [extent(span) for span in spans]
        order = sorted(range(len(spans)), key=lambda i: ends[i][0])
        self.starts = [ends[i][0] for i in order]
        self.order = order
        self.extents = ends
        self.longest = max((e - s for s, e in ends), default=0)


_last_index: list[_SpanIndex] = []


def overlapping(
    spans: Sequence[Any], start: int, end: int, extent: Callable[[Any], tuple[int, int]]
) -> list[int]:
    """Positions in ``spans`` of those overlapping [start, end), in the order of ``spans``.

    The index of the last sequence asked about is kept (the same document's mentions are asked
    about once per quote, fact and relation): linear in a document's statements, not quadratic.
    """
    known = _last_index[0] if _last_index else None
    if known is None or known.spans is not spans or len(spans) != len(known.order):
        _last_index[:] = [_SpanIndex(spans, extent)]
    index = _last_index[0]
    low = bisect_left(index.starts, start - index.longest)
    high = bisect_left(index.starts, end)
    found = [index.order[k] for k in range(low, high) if index.extents[index.order[k]][1] > start]
    return sorted(found)
