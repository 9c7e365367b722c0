"""Turn named-entity spans into mentions: lemma, entity type, derived flag and knowledge-base link.

Reads ``doc.spans["ner"]`` (from the rule detector or the trained model), keeps the top-level,
non-temporal spans and writes them to ``doc.spans["mentions"]`` with span extensions
``lemma``, ``entity_type``, ``derived`` and ``kb`` (a knowledge-base key or None).

``kb`` is detection's evidence: the entry whose name the words matched (inflected, or as the
country an adjective or demonym comes from); a short name ("Sojuszu") gets ``short_for``
instead, the knowledge-base short names it is, since several bodies may bear one.
``kronika.ner.evidence`` hands that evidence on as typed objects; which entity a mention is,
is decided in ``kronika.resolve.entities``.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from kronika.kb import Entry, adjectives, by_key, demonyms, short_names, usual_short_names
from kronika.lang.components import doc_readings
from kronika.lang.morphology import shared_morphology
from kronika.lang.names import NameLemmatizer, shared_name_lemmatizer
from kronika.lang.titles import organization_nouns, place_nouns
from kronika.lang.view import DocumentView
from kronika.ner.context_names import context_names
from kronika.ner.edges import merge_overlaps, person_words, trimmed, whole_words, without_demonyms
from kronika.ner.gazetteer import (
    Gazetteer,
    Match,
    default_gazetteer,
    derived_spans,
    token_keys,
)
from kronika.ner.labels import TEMPORAL_LABELS, entity_type
from kronika.ner.people import apposed_people, split_person_tail, titled_people
from kronika.ner.rules import SPAN_KEY
from kronika.ner.types import agreeing_types

MENTIONS_KEY = "mentions"

for _name in ("lemma", "entity_type", "kb", "short_for"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Span.has_extension("derived"):
    Span.set_extension("derived", default=False)


def top_level(spans: list[Span]) -> list[Span]:
    """Spans not inside a longer one, in text order."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result


def is_derived(span: Span) -> bool:
    """A word derived from a name ("białoruskiej", "rosyjskich") rather than the name itself.

    Only a single word: a name may begin with an adjective ("Euroazjatycka Unia Gospodarcza").
    """
    if len(span) > 1:
        return False
    head = span[0]
    if head.text[:1].islower():
        return True
    return head.lemma_[:1].islower() and head.tag_.startswith("adj")


def _name_itself(span: Span, link: tuple[Entry, str] | None) -> bool:
    """A sentence's first word spelled as a known name and not before a noun it could qualify:
    "Polska jako członek UE" is the country, "Polska gospodarka" the adjective."""
    if link is None or span.text.lower() != link[1].lower() or not span[0].is_sent_start:
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return after is None or not (after.text[:1].islower() and after.tag_.startswith("subst"))


def _common_at_start(doc: Doc, match: Match) -> bool:
    """A one-word match at a sentence start that SGJP also reads as a common word."""
    token = doc[match.start]
    return (
        match.end - match.start == 1
        and bool(token.is_sent_start)
        and any(r.lemma[:1].islower() for r in doc_readings(doc)[match.start])
    )


def _event_label(doc: Doc, match: Match) -> str | None:
    """``eventName`` for an event's name capitalized inside a sentence ("mimo Brexitu"), where
    the detector, which learned no events from NKJP, did not take it: the writer made a common
    word ("brexit") a name. At a sentence start the capital says nothing, and a lowercase
    "brexit" is left to the detector."""
    first = doc[match.start]
    if match.entry.type != "event" or first.is_sent_start or not first.text[:1].isupper():
        return None
    return "eventName"


def derived_link(span: Span) -> tuple[Entry, str] | None:
    """The country a one-word adjective or demonym comes from, with that word's lemma."""
    adjective_table, demonym_table = adjectives(), demonyms()
    for reading in doc_readings(span.doc)[span.start]:
        key = demonym_table.get(reading.lemma)
        if key is None and reading.pos == "adj":
            key = adjective_table.get(reading.lemma)
        if key:
            return by_key()[key], reading.lemma
    return None


def split_joined(span: Span, matches: dict[int, Match]) -> list[Span]:
    """A detector span that runs two names together, split where the knowledge base says:
    names it knows end to end ("Unii Europejskiej Wielka Brytania"), or a known body and the name
    of its leader, which the press puts right after it ("Komisji Europejskiej Jean-Claude
    Juncker") when the rest can begin a person's name, or any body before a known person's full
    name."""
    doc = span.doc
    parts: list[Span] = []
    i = span.start
    while i < span.end and (match := matches.get(i)) is not None and match.end <= span.end:
        parts.append(Span(doc, i, match.end, label=match.entry.label or span.label_))
        i = match.end
    if i == span.end and len(parts) > 1:
        return parts
    head = matches.get(span.start)
    if head is None or head.entry.type == "person" or not head.end < span.end:
        # a known person's full name closing a span that is not a person ("Komisji Frans
        # Timmermans"): the body before it need not be known
        if span.label_.startswith("persName"):
            return [span]
        for i in range(span.start + 1, span.end - 1):
            match = matches.get(i)
            if match and match.entry.type == "person" and match.end == span.end:
                return [Span(doc, span.start, i, span.label_), Span(doc, i, span.end, "persName")]
        return [span]
    if not person_words(doc, head.end, span.end, matches):
        return [span]
    return [
        Span(doc, span.start, head.end, label=head.entry.label or span.label_),
        Span(doc, head.end, span.end, label="persName"),
    ]


def _nominative(tag: str) -> bool:
    fields = tag.split(":")
    return len(fields) > 2 and "nom" in fields[2].split(".")


def _lowercase(doc: Doc, i: int, pos: str, lemmas: frozenset[str] | None = None) -> bool:
    """Whether token ``i`` is a lowercase word of this class (and one of ``lemmas``)."""
    if i < 0 or not doc[i].text[:1].islower():
        return False
    return any(r.pos == pos and (lemmas is None or r.lemma in lemmas) for r in doc_readings(doc)[i])


def _names_organization(doc: Doc, span: Span, names: NameLemmatizer) -> bool:
    """After a noun naming a kind of organization, with at most one adjective between
    ("agencji Bloomberg", "koncern Unilever", "linie lotnicze Ryanair"); not when a given name
    opens the span ("lider partii Donald Tusk", "kampanii Leave.EU Nigela Oakesa") or it stands
    in an oblique case of its own, as an owner does ("firma Kowalskiego")."""
    kinds = organization_nouns()
    before = span.start - 1
    if not (
        _lowercase(doc, before, "subst", kinds)
        or (_lowercase(doc, before, "adj") and _lowercase(doc, before - 1, "subst", kinds))
    ):
        return False
    first = doc_readings(doc)[span.start]
    nominative = not any(r.known for r in first) or any(_nominative(r.tag) for r in first)
    return nominative and not names.given_name(span[0].text)


def _names_town(doc: Doc, span: Span, names: NameLemmatizer) -> bool:
    """One word that is a town's name, after a noun naming a kind of place or a preposition
    ("w mieście Karaczi", "w Rawalpindi"); not when it is also a given or family name ("z
    Hammond")."""
    before = span.start - 1
    return (
        len(span) == 1
        and span.text in names.towns
        and (
            _lowercase(doc, before, "subst", place_nouns())
            or (before >= 0 and any(r.pos == "prep" for r in doc_readings(doc)[before]))
        )
        and not names.given_name(span.text)
        and not names.family_name(span.text)
    )


def retyped_people(doc: Doc, spans: list[Span], names: NameLemmatizer) -> list[Span]:
    """The detector's person spans that the words before them show to be an organization or a
    town (see ``_names_organization``, ``_names_town``); other spans as they are."""
    result = []
    for span in spans:
        if span.label_.startswith("persName"):
            if _names_town(doc, span, names):
                span = Span(doc, span.start, span.end, label="placeName")
            elif _names_organization(doc, span, names):
                span = Span(doc, span.start, span.end, label="orgName")
        result.append(span)
    return result


class MentionsComponent:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        morphology = self.gazetteer.morphology
        # the process's one name lemmatizer unless the gazetteer brings its own morphology
        self.names = (
            shared_name_lemmatizer()
            if morphology is shared_morphology()
            else NameLemmatizer(morphology)
        )

    def short_names_at(self, doc: Doc, i: int, *, detected: bool = False) -> tuple[str, ...]:
        """The knowledge-base short names ("sojusz", "wspólnota") a capitalized word is, when an
        organization it may stand for is named in full in this document or the press means one
        by it ("Unia" → UE); which one it is, is for resolve to say. At a sentence start only a
        word a detector already took for a name (``detected``) counts."""
        token = DocumentView.of(doc).tokens[i]
        if not token.text[:1].isupper() or (token.is_sent_start and not detected):
            return ()
        table = short_names()
        names = {r.lemma.lower() for r in doc_readings(doc)[i]} & table.keys()
        if not names:
            return ()
        wanted = {entry.key for name in names for entry in table[name]}
        named = any(m.entry.key in wanted for m in self.gazetteer.find_in_doc(doc))
        if not named and not names & usual_short_names().keys():
            return ()
        return tuple(sorted(names))

    def candidates(self, doc: Doc) -> list[Span]:
        """The detector's top-level spans, plus knowledge-base names and country adjectives or
        demonyms it left out: a statistical model misses names a curated list is sure of."""
        matches = self.gazetteer.find_in_doc(doc)
        starts = {m.start: m for m in matches}
        detected = merge_overlaps(
            [
                whole_words(part)
                for span in map(trimmed, top_level(list(doc.spans.get(SPAN_KEY, []))))
                if span
                for joined in split_joined(without_demonyms(span), starts)
                for part in split_person_tail(joined)
            ]
        )
        detected = retyped_people(doc, detected, self.names)
        # a detector span inside a longer known name is a piece of it ("W." of "W. Brytanii")
        spans = [
            span
            for span in detected
            if not any(
                m.entry.label
                and m.start <= span.start
                and span.end <= m.end
                and len(span) < m.end - m.start
                for m in matches
            )
        ]
        covered = {i for span in spans for i in range(span.start, span.end)}
        for match in matches:
            # an entry without an NKJP label (an event) only types what a detector found, and a
            # sentence's first word that is also a common word ("Dane", not Dania) is not a name
            # unless a detector says so
            label = match.entry.label or _event_label(doc, match)
            if (
                label
                and not covered.intersection(range(match.start, match.end))
                and not _common_at_start(doc, match)
            ):
                spans.append(Span(doc, match.start, match.end, label=label))
                covered.update(range(match.start, match.end))
        for token in DocumentView.of(doc).tokens:
            if token.i not in covered and self.short_names_at(doc, token.i):
                spans.append(Span(doc, token.i, token.i + 1, label="orgName"))
                covered.add(token.i)
        spans.extend(context_names(doc, covered))
        for span in titled_people(doc, spans, covered) + apposed_people(doc, covered):
            # a span misread from the forename the person's name opens with gives way to the
            # name ("Dominic" a place, "Grieve" a person: "Dominic Grieve")
            inside = [s for s in spans if span.start <= s.start and s.end <= span.end]
            taken = {i for s in inside for i in range(s.start, s.end)}
            if not all(s.label_.startswith("persName") or s.start == span.start for s in inside):
                continue
            if not (covered - taken).intersection(range(span.start, span.end)):
                spans = [s for s in spans if s not in inside]
                covered = (covered - taken) | set(range(span.start, span.end))
                spans.append(span)
        spans.extend(derived_spans(doc, covered))
        return sorted(spans, key=lambda s: (s.start, s.end))

    def __call__(self, doc: Doc) -> Doc:
        links: dict[tuple[int, int], tuple[Entry, str]] = {
            (m.start, m.end): (m.entry, m.alias) for m in self.gazetteer.find_in_doc(doc)
        }
        mentions = []
        unlinked: list[Span] = []
        for span in self.candidates(doc):
            if span.label_ in TEMPORAL_LABELS:
                continue
            link = links.get((span.start, span.end))
            mention = Span(doc, span.start, span.end, label=span.label_)
            mention._.derived = is_derived(span) and not _name_itself(span, link)
            short: tuple[str, ...] = ()
            if link is None and len(span) == 1:
                short = self.short_names_at(doc, span.start, detected=True)
            if link is None and not short and len(span) == 1:
                link = derived_link(span)
                if link:
                    mention._.derived = True
            if link:
                entry, alias = link
                mention._.kb = entry.key
                mention._.lemma = alias
                mention._.entity_type = entry.type
            elif short:
                # a short name of an organization: which one, resolve decides
                mention._.short_for = short
                mention._.lemma = span[0].lemma_[:1].upper() + span[0].lemma_[1:]
                mention._.entity_type = "organization"
            else:
                unlinked.append(mention)
                mention._.entity_type = entity_type(span.label_)
            mentions.append(mention)
        self._lemmatize(unlinked)
        # the occurrences of one name agree on a type (kronika.ner.types); a changed label may
        # change the nominatives, so they are chosen again
        agreeing = agreeing_types(mentions)
        if any(new is not old for new, old in zip(agreeing, mentions, strict=True)):
            mentions = agreeing
            self._lemmatize([m for m in mentions if not (m._.kb or m._.short_for)])
        mentions = surnames_as_people(mentions)
        doc.spans[MENTIONS_KEY] = sorted(
            mentions + repeated_names(doc, mentions), key=lambda m: (m.start, m.end)
        )
        return doc

    def _lemmatize(self, mentions: list[Span]) -> None:
        """The mentions' lemmas, chosen together: the names of one article agree on their
        nominatives ("Obamy", "Obama" → Obama)."""
        phrases = [
            ([t.text for t in m], m.label_, [bool(t.whitespace_) for t in m]) for m in mentions
        ]
        for mention, lemma in zip(mentions, self.names.lemmatize_document(phrases), strict=True):
            mention._.lemma = lemma


def repeated_names(doc: Doc, mentions: list[Span]) -> list[Span]:
    """A name the article gave once comes back in other forms the detectors missed: a person
    named in full by the surname alone ("Theresa May" … "May powiedziała"), a one-word place or
    organization in another case ("w Grodnie" … "mer Grodna"). Such words become mentions of
    their own, of the same name. Not acronyms, not words of two letters, not a word two names
    claim, and at a sentence start not a word SGJP also reads as common."""
    claims: dict[str, dict[str, Span]] = defaultdict(dict)
    for mention in mentions:
        lemma = mention._.lemma or ""
        if mention._.derived or not lemma:
            continue
        if mention._.entity_type == "person" and len(mention) > 1:
            last = lemma.split()[-1]
            if len(last) > 2:
                claims[last.lower()][last] = mention
                claims[mention[-1].text.lower()][last] = mention
        elif (
            len(mention) == 1
            and " " not in lemma
            and len(lemma) > 2
            and mention.text.isalpha()
            and mention._.entity_type in ("place", "country", "organization")
        ):
            claims[lemma.lower()][lemma] = mention
            claims[mention.text.lower()][lemma] = mention
    covered = {i for mention in mentions for i in range(mention.start, mention.end)}
    found = []
    for token in DocumentView.of(doc).tokens:
        if (
            token.i in covered
            or not token.text[:1].isupper()
            or token.text.isupper()
            or not token.is_alpha
        ):
            continue
        readings = doc_readings(doc)[token.i]
        if token.is_sent_start and any(r.lemma[:1].islower() for r in readings):
            continue
        # keys in a fixed order: when two mentions claim one name ("Polonii" an organization,
        # "Polonia" a country), the same one wins in every process, whatever its hash seed
        hits = {
            name: source
            for key in sorted(token_keys(token.text, readings))
            for name, source in claims.get(key, {}).items()
        }
        if len(hits) != 1:
            continue
        ((name, source),) = hits.items()
        whole = len(source) == 1  # the name itself, not the surname of a full name
        mention = Span(doc, token.i, token.i + 1, label=source.label_ if whole else "persName")
        mention._.lemma, mention._.entity_type = name, source._.entity_type
        mention._.kb = source._.kb if whole else None
        mention._.short_for = source._.short_for if whole else None
        mention._.derived = False
        found.append(mention)
    return found


def surnames_as_people(mentions: list[Span]) -> list[Span]:
    """A lone word that is the surname of a person named in full in the document is that person,
    whatever a detector took it for ("Asia Bibi" … "Bibi"); known names keep their type."""
    surnames = set()
    for mention in mentions:
        if mention._.entity_type == "person" and len(mention) > 1 and mention[-1].is_alpha:
            surnames.update({mention[-1].text, mention._.lemma.split()[-1]})
    result = []
    for mention in mentions:
        if (
            len(mention) == 1
            and mention._.entity_type != "person"
            and not mention._.kb
            and not mention._.short_for
            and not mention._.derived
            and {mention.text, mention._.lemma} & surnames
        ):
            person = Span(mention.doc, mention.start, mention.end, label="persName")
            person._.lemma, person._.kb, person._.derived = mention._.lemma, None, False
            person._.entity_type = "person"
            mention = person
        result.append(mention)
    return result


@Language.factory("kronika_mentions", assigns=["doc.spans"], requires=["token.lemma"])
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent()
