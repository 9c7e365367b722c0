"""Quotations joined to the graph: speaker and addressee as entities, and the quote's time.

A description's words are read from the document's ``DocumentView`` (its tokens and their SGJP
readings), never analysed again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from kronika.extract.quotes import lexicon
from kronika.lang.morphology import Interpretation
from kronika.lang.names import feminine_name, parse_tag
from kronika.lang.view import DocumentView
from kronika.model import Entity, Mention, Quote, Span, Timex
from kronika.resolve.coreference import nearest_before, referred_entity
from kronika.resolve.entities import entity_at, kb_entry
from kronika.resolve.timing import DocumentTime

#: The SGJP readings of each token of a stretch of the document.
Readings = Sequence[tuple[Interpretation, ...]]
#: How many characters back a description may look for the person it describes.
DESCRIPTION_REACH = 600


def quote_holding(start: int, end: int, quotes: Sequence[Quote]) -> int | None:
    """The index of the first quotation holding [``start``, ``end``), if any: what is stated
    there is the speaker's claim, not the article's."""
    return next((i for i, q in enumerate(quotes) if q.start <= start and end <= q.end), None)


def _readings_of(view: DocumentView, start: int, end: int, *, word: bool = False) -> Readings:
    """The readings of the tokens starting in ``[start, end)``; with ``word``, of the first
    word's only (up to the first token followed by a space)."""
    first = view.token_at(start)
    if first is None:
        return []
    found = []
    for token in view.tokens_until(first.i, end):
        found.append(view.readings[token.i])
        if word and token.whitespace_:
            break
    return found


def _description_head(words: Readings) -> tuple[frozenset[str], str | None]:
    """The lemmas of a description's head, its first noun for a person or an institution, and
    its gender: ``m`` where SGJP reads it as a masculine person (SGJP also lists "rzecznik" as an
    indeclinable feminine, the title a woman may bear), else ``f`` for a feminine one; ``pl``
    for a noun only plural there."""
    heads = lexicon().description_nouns
    for word in words:
        readings = [r for r in word if r.pos == "subst"]
        lemmas = frozenset(r.lemma.lower() for r in readings)
        if not lemmas & heads:
            continue  # "Znana" of "Znana socjolożka" is read as a name too
        tags = [parse_tag(r.tag) for r in readings]
        if all(numbers == {"pl"} for _pos, numbers, _cases, _genders, _extra in tags):
            return lemmas, "pl"  # "Przedstawiciele Moskwy" are several people
        genders = frozenset().union(*(tag[3] for tag in tags))
        return lemmas, "m" if "m1" in genders else "f" if "f" in genders else None
    return frozenset(), None


def _names_office(role: str, office: frozenset[str]) -> bool:
    """Whether a knowledge-base role is one of the offices (a woman's title matched by the
    office's stem: "prezydentka" → prezydent)."""
    return any(word.startswith(name[:5]) for name in office for word in role.lower().split())


def _holds_office(entity_id: str, office: frozenset[str]) -> bool:
    """Whether the knowledge base gives the person one of the offices."""
    entry = kb_entry(entity_id)
    if entry is None:
        return True  # nothing known against it
    return any(_names_office(role.role, office) for role in entry.roles)


def _described_person(
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    start: int,
    end: int,
    words: Readings,
    year: int | None = None,
) -> str | None:
    """The person a description stands for: the nearest person mentioned before it whose name
    agrees in gender ("Najważniejsza kandydatka opozycji" → the woman just named). Only a
    description headed by a noun for a person counts ("opozycji" is nobody), and one by an office
    ("rzecznik rządu") only for a person the knowledge base gives that office, if it knows them."""
    lex = lexicon()
    lemmas, gender = _description_head(words)
    if not lemmas & lex.person_nouns or gender == "pl":
        return None
    office = lemmas & lex.office_nouns
    if office:
        holder = _office_holder(mentions, entities, start, end, office, year)
        if holder is not None:
            return holder

    def fits(mention: Mention) -> bool:
        entity = entities.get(mention.entity or "")
        if entity is None or entity.type != "person":
            return False
        if gender is not None and (gender == "f") != feminine_name(entity.name):
            return False
        return not office or _holds_office(entity.id, office)

    found = nearest_before(mentions, start, DESCRIPTION_REACH, fits)
    return found.entity if found is not None else None


def _office_holder(
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    start: int,
    end: int,
    office: frozenset[str],
    year: int | None,
) -> str | None:
    """The person of this document whom the knowledge base gives the office of the country or
    organization named in the description in the article's year ("Prezydent Rosji" → Władimir
    Putin, when the article names him somewhere); the one holder, or nobody."""
    of = {
        entry.key
        for m in mentions
        if start <= m.start and m.end <= end and m.entity
        for entry in [kb_entry(m.entity)]
        if entry is not None and entry.type in ("country", "organization")
    }
    if not of:
        return None
    holders = []
    for ident, entity in entities.items():
        entry = kb_entry(ident)
        if entity.type != "person" or entry is None:
            continue
        for role in entry.roles:
            if role.of in of and role.held_in(year) and _names_office(role.role, office):
                holders.append(ident)
                break
    return holders[0] if len(holders) == 1 else None


def _opens_with_person_noun(first_word: Readings) -> bool:
    return bool(_description_head(first_word)[0] & lexicon().person_nouns)


def _place_inside(mentions: Sequence[Mention], start: int, end: int) -> bool:
    """A country or place named inside a description, after its head noun."""
    return any(
        m.type in ("country", "place") and start < m.start and m.end <= end for m in mentions
    )


def _entity_named(mentions: Sequence[Mention], text: str | None) -> str | None:
    """The entity of a mention whose text appears in ``text`` ("agencją RBK" → RBK)."""
    if not text:
        return None
    for mention in mentions:
        # "rosyjską agencją RBK" is addressed to RBK, not to Russia
        if mention.entity and not mention.derived and mention.text in text:
            return mention.entity
    return None


def link_quotes(
    quotes: Sequence[Quote],
    mentions: Sequence[Mention],
    sentences: Sequence[Span],
    timexes: Sequence[Timex],
    document_date: str | None,
    entities: Sequence[Entity],
    view: DocumentView,
) -> tuple[Quote, ...]:
    """The quotes with the contract fields ``speaker``, ``addressee``, ``time`` and
    ``time_source`` filled.

    A speaker given only by a description ("znany politolog", "Najważniejsza kandydatka
    opozycji") is the person it describes when one was just named; one headed by a noun that
    refers back to a company, a product or an event ("przewoźnik", "spółka") is the entity of
    that type named before (``kronika.resolve.coreference``; ``text`` is the document's).
    """
    by_id = {entity.id: entity for entity in entities}
    year = int(document_date[:4]) if document_date else None
    clock = DocumentTime.of(sentences, timexes, document_date)
    linked = []
    for quote in quotes:
        start, end = quote.speaker_start, quote.speaker_end
        anchor = start if start is not None else quote.start
        time, time_source = clock.governing(anchor, anchor + 1, outside=(quote.start, quote.end))
        speaker = None
        if start is not None and end is not None:
            speaker = _speaker(mentions, by_id, view, start, end, quote.speaker_text or "", year)
            if speaker is None and quote.speaker_text:
                speaker = referred_entity(mentions, by_id, start, quote.speaker_text, view.text)
        linked.append(
            replace(
                quote,
                speaker=speaker,
                addressee=_entity_named(mentions, quote.addressee_text),
                time=time,
                time_source=time_source,
            )
        )
    return tuple(linked)


def _speaker(
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    view: DocumentView,
    start: int,
    end: int,
    speaker_text: str,
    year: int | None,
) -> str | None:
    """The entity who speaks at ``start``–``end``: the one named there, or the person a
    description there stands for."""
    speaker = entity_at(mentions, start, end)
    # a description has a lowercase word, no name in it ("Socjolożka" opening a sentence),
    # or opens with a noun for a person ("Wicepremier Białorusi …")
    is_description = (
        speaker is None
        or any(word[:1].islower() for word in speaker_text.split())
        or _opens_with_person_noun(_readings_of(view, start, end, word=True))
    )
    if not is_description:
        return speaker
    if _place_inside(mentions, start, end):
        # "kancelarii prezydenta RP" speaks for Poland's president, not for Poland
        speaker = None
    if speaker is None:
        words = _readings_of(view, start, end)
        speaker = _described_person(
            mentions, entities, start, start + len(speaker_text), words, year
        )
    return speaker
