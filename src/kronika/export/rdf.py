"""Linked data: each document as an RDF graph (rdflib), written one document at a time.

Entities are typed with schema.org and linked to Wikidata by ``owl:sameAs``; relations are
``rdf:Statement`` nodes (so a claim is never asserted as a plain triple) carrying status, time
and PROV-O / Web Annotation evidence. The vocabulary is described in docs/export.md.

Streaming: ``nquads`` writes every document as its own named graph (the document's IRI), sorted
line by line; ``turtle`` writes one chunk per document (prefixes repeated, which Turtle allows);
``jsonld`` writes one JSON-LD document whose ``@graph`` lists a named graph per document, opened
before the first document and closed after the last.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import rdflib
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kronika.export.common import Sentences
from kronika.model import Analysis, Entity, Event, Fact, Quote, Relation


class Vocabulary:
    """A namespace whose terms are made once (rdflib's ``Namespace`` makes a new ``URIRef`` at
    every attribute access, a third of an export's time)."""

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self._terms: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> URIRef:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = URIRef(self.iri + name)
        return term

    def __str__(self) -> str:
        return self.iri


KRONIKA = Vocabulary("https://w3id.org/kronika/ns#")
SCHEMA = Vocabulary("https://schema.org/")
OA = Vocabulary("http://www.w3.org/ns/oa#")
WD = Vocabulary("http://www.wikidata.org/entity/")
PROV = Vocabulary(str(rdflib.PROV))
OWL = Vocabulary(str(rdflib.OWL))
RDF = Vocabulary(str(rdflib.RDF))
XSD = Vocabulary(str(rdflib.XSD))
#: where kronika's own resources live: documents, entities, events
BASE = "https://w3id.org/kronika/id/"

PREFIXES: dict[str, str] = {
    "kronika": str(KRONIKA),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "owl": str(OWL),
    "wd": str(WD),
    "xsd": str(XSD),
    "rdf": str(RDF),
}
ENTITY_CLASSES = {
    "person": SCHEMA.Person,
    "organization": SCHEMA.Organization,
    "country": SCHEMA.Country,
    "place": SCHEMA.Place,
    "event": SCHEMA.Event,
    "other": SCHEMA.Thing,
}
Triple = tuple[Node, Node, Node]
_QID = re.compile(r"Q[1-9][0-9]*")
#: TIMEX3 values that are calendar dates, with their XSD type; other values stay plain strings
_DATE_TYPES = (
    (re.compile(r"[0-9]{4}"), XSD.gYear),
    (re.compile(r"[0-9]{4}-[0-9]{2}"), XSD.gYearMonth),
    (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), XSD.date),
)


def document_iri(doc_id: str) -> URIRef:
    return URIRef(f"{BASE}document/{doc_id}")


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(f"{BASE}entity/{entity_id}")


def time_literal(value: str) -> Literal:
    """A TIMEX3 value as an XSD date where it is one ("2023-11" → xsd:gYearMonth)."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def _pl(text: str) -> Literal:
    return Literal(text, lang="pl")


class _DocumentGraph:
    """The triples of one analysis."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        # a set of tuples rather than an rdflib Graph: ten times faster to fill, and the
        # writers below serialize it directly
        self.triples: set[Triple] = set()
        #: sentences and selectors already described (a sentence holds many spans)
        self.made: set[URIRef] = set()
        self.doc = document_iri(analysis.id)
        self.sentences = Sentences(analysis)

    def add(self, subject: Node, predicate: Node, value: Node | None) -> None:
        if value is not None:
            self.triples.add((subject, predicate, value))

    def local(self, name: str) -> URIRef:
        return URIRef(f"{self.doc}#{name}")

    def build(self) -> None:
        self.document()
        for entity in self.analysis.entities:
            self.entity(entity)
        for mention in self.analysis.mentions:
            node = self.local(f"mention-{mention.start}-{mention.end}")
            self.add(node, RDF.type, OA.Annotation)
            self.add(node, RDF.type, KRONIKA.Mention)
            self.add(node, OA.motivatedBy, OA.identifying)
            self.add(node, OA.hasTarget, self.span(mention.start, mention.end, mention.text))
            if mention.entity:
                self.add(node, OA.hasBody, entity_iri(mention.entity))
            self.add(node, KRONIKA.label, Literal(mention.label))
            self.add(node, KRONIKA.lemma, _pl(mention.lemma))
            if mention.derived:
                self.add(node, KRONIKA.derived, Literal(True))
            if mention.description:
                self.add(node, KRONIKA.description, Literal(True))
        for timex in self.analysis.timexes:
            node = self.local(f"timex-{timex.start}-{timex.end}")
            self.add(node, RDF.type, KRONIKA.Timex)
            self.add(node, OA.hasTarget, self.span(timex.start, timex.end, timex.text))
            self.add(node, KRONIKA.timexType, Literal(timex.type))
            if timex.value:
                self.add(node, KRONIKA.value, time_literal(timex.value))
        for index, quote in enumerate(self.analysis.quotes):
            self.quote(index, quote)
        for index, relation in enumerate(self.analysis.relations):
            self.relation(index, relation)
        for index, event in enumerate(self.analysis.events):
            self.event(index, event)
        for index, fact in enumerate(self.analysis.facts):
            self.fact(index, fact)

    def document(self) -> None:
        a, doc = self.analysis, self.doc
        self.add(doc, RDF.type, SCHEMA.NewsArticle)
        self.add(doc, RDF.type, PROV.Entity)
        self.add(doc, SCHEMA.identifier, Literal(a.id))
        self.add(doc, KRONIKA.source, Literal(a.source))
        if a.external_id:
            self.add(doc, KRONIKA.externalId, Literal(a.external_id))
        if a.title:
            self.add(doc, SCHEMA.headline, _pl(a.title))
        if a.url:
            self.add(doc, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI))
        if a.date:
            self.add(doc, SCHEMA.datePublished, time_literal(a.date))
            self.add(doc, KRONIKA.dateSource, Literal(a.date_source or "unknown"))
        self.add(doc, SCHEMA.inLanguage, Literal("pl"))
        self.add(doc, SCHEMA.text, _pl(a.text))

    def entity(self, entity: Entity) -> None:
        node = entity_iri(entity.id)
        self.add(node, RDF.type, ENTITY_CLASSES.get(entity.type, SCHEMA.Thing))
        self.add(node, SCHEMA.name, _pl(entity.name))
        for alias in entity.aliases:
            self.add(node, SCHEMA.alternateName, _pl(alias))
        if entity.kb and _QID.fullmatch(entity.kb):
            self.add(node, OWL.sameAs, WD[entity.kb])
        if entity.stands_for:
            self.add(node, KRONIKA.standsFor, entity_iri(entity.stands_for))
        self.add(node, SCHEMA.subjectOf, self.doc)

    def sentence(self, offset: int) -> URIRef | None:
        index = self.sentences.index(offset)
        if index is None:
            return None
        start, end = self.sentences.spans[index]
        node = self.local(f"sentence-{index}")
        if node in self.made:
            return node
        self.made.add(node)
        self.add(node, RDF.type, KRONIKA.Sentence)
        self.add(node, RDF.type, OA.SpecificResource)
        self.add(node, OA.hasSource, self.doc)
        self.add(node, OA.hasSelector, self.selector(start, end))
        self.add(node, KRONIKA.sentenceIndex, Literal(index))
        self.add(node, RDF.value, _pl(self.analysis.text[start:end]))
        return node

    def selector(self, start: int, end: int) -> URIRef:
        node = self.local(f"chars-{start}-{end}")
        if node in self.made:
            return node
        self.made.add(node)
        self.add(node, RDF.type, OA.TextPositionSelector)
        self.add(node, OA.start, Literal(start))
        self.add(node, OA.end, Literal(end))
        return node

    def span(self, start: int, end: int, exact: str | None = None) -> URIRef:
        """The text at ``start``–``end`` as a Web Annotation target, with its sentence."""
        node = self.local(f"span-{start}-{end}")
        self.add(node, RDF.type, OA.SpecificResource)
        self.add(node, OA.hasSource, self.doc)
        self.add(node, OA.hasSelector, self.selector(start, end))
        self.add(node, KRONIKA.sentence, self.sentence(start))
        if exact is not None:
            self.add(node, KRONIKA.exact, _pl(exact))
        return node

    def evidence(self, node: URIRef, start: int, end: int) -> None:
        self.add(node, PROV.wasDerivedFrom, self.doc)
        self.add(node, KRONIKA.evidence, self.span(start, end, self.analysis.text[start:end]))

    def attribution(self, node: URIRef, claim: bool, quote_index: int | None) -> None:
        """The article asserts it, or (inside a quotation) a speaker claims it and the article
        reports the claim."""
        if not claim:
            self.add(node, KRONIKA.assertedBy, self.doc)
            return
        self.add(node, KRONIKA.reportedBy, self.doc)
        quotes = self.analysis.quotes
        if quote_index is not None and 0 <= quote_index < len(quotes):
            self.add(node, KRONIKA.quote, self.local(f"quote-{quote_index}"))
            speaker = quotes[quote_index].speaker
            if speaker:
                self.add(node, KRONIKA.claimedBy, entity_iri(speaker))

    def quote(self, index: int, quote: Quote) -> None:
        node = self.local(f"quote-{index}")
        self.add(node, RDF.type, SCHEMA.Quotation)
        self.add(node, SCHEMA.text, _pl(quote.text))
        self.add(node, KRONIKA.kind, Literal(quote.kind))
        if quote.speaker:
            self.add(node, SCHEMA.creator, entity_iri(quote.speaker))
        if quote.addressee:
            self.add(node, KRONIKA.addressee, entity_iri(quote.addressee))
        for predicate, text in (
            (KRONIKA.speakerText, quote.speaker_text),
            (KRONIKA.speakerDescription, quote.speaker_description),
            (KRONIKA.addresseeText, quote.addressee_text),
            (KRONIKA.cue, quote.cue),
        ):
            if text:
                self.add(node, predicate, _pl(text))
        if quote.time:
            self.add(node, SCHEMA.dateCreated, time_literal(quote.time))
        self.evidence(node, quote.start, quote.end)

    def relation(self, index: int, relation: Relation) -> None:
        node = self.local(f"relation-{index}")
        self.add(node, RDF.type, RDF.Statement)
        self.add(node, RDF.type, KRONIKA.Relation)
        self.add(node, RDF.subject, entity_iri(relation.subject))
        self.add(node, RDF.predicate, KRONIKA[relation.predicate])
        if relation.object:
            self.add(node, RDF.object, entity_iri(relation.object))
        if relation.value:
            self.add(node, SCHEMA.value, _pl(relation.value))
        self.add(node, KRONIKA.status, Literal(relation.status))
        if relation.time:
            self.add(node, KRONIKA.time, time_literal(relation.time))
        if relation.valid_from:
            self.add(node, SCHEMA.startDate, time_literal(relation.valid_from))
        if relation.valid_to:
            self.add(node, SCHEMA.endDate, time_literal(relation.valid_to))
        if relation.evidence:
            self.add(node, KRONIKA.method, Literal(relation.evidence))
        self.evidence(node, relation.start, relation.end)
        self.attribution(node, relation.claim, relation.quote_index)

    def event(self, index: int, event: Event) -> None:
        node = self.local(f"event-{index}")
        real = URIRef(f"{BASE}event/{event.id}")
        self.add(real, RDF.type, SCHEMA.Event)
        self.add(node, RDF.type, KRONIKA.EventReport)
        self.add(node, KRONIKA.event, real)
        self.add(node, KRONIKA.eventType, Literal(event.type))
        self.add(node, KRONIKA.status, Literal(event.status))
        self.add(node, KRONIKA.trigger, _pl(event.trigger))
        if event.time:
            self.add(node, SCHEMA.startDate, time_literal(event.time))
        if event.place:
            self.add(node, SCHEMA.location, entity_iri(event.place))
        for participant in event.participants:
            self.add(node, SCHEMA.attendee, entity_iri(participant))
        self.evidence(node, event.start, event.end)
        self.attribution(node, event.claim, event.quote_index)

    def fact(self, index: int, fact: Fact) -> None:
        node = self.local(f"fact-{index}")
        self.add(node, RDF.type, KRONIKA.Fact)
        self.add(node, KRONIKA.factType, Literal(fact.type))
        if fact.source:
            self.add(node, KRONIKA.pollster, entity_iri(fact.source))
        if fact.time:
            self.add(node, KRONIKA.time, time_literal(fact.time))
        for number, statement in enumerate(fact.statements):
            part = self.local(f"fact-{index}-{number}")
            self.add(node, KRONIKA.statement, part)
            if statement.share is not None:
                self.add(part, KRONIKA.share, Literal(statement.share))
            for predicate, text in (
                (KRONIKA.unit, statement.unit),
                (KRONIKA.about, statement.about),
                (KRONIKA.population, statement.population),
                (KRONIKA.qualifier, statement.qualifier),
            ):
                if text:
                    self.add(part, predicate, _pl(text))
        self.evidence(node, fact.start, fact.end)
        self.attribution(node, fact.claim, fact.quote_index)


def document_triples(analysis: Analysis) -> set[Triple]:
    """The RDF triples of one analysis."""
    built = _DocumentGraph(analysis)
    built.build()
    return built.triples


def document_graph(analysis: Analysis) -> Graph:
    """The triples of one analysis as an rdflib graph named by its document's IRI."""
    graph = Graph(identifier=document_iri(analysis.id))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in document_triples(analysis):
        graph.add(triple)
    return graph


# --- writers: each document's triples serialized on their own, sorted (deterministic) -------

_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt_term(term: Node) -> str:
    """A term in N-Triples syntax (every string on one line)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return f"<{term}>"


def _turtle_term(term: Node) -> str:
    if isinstance(term, Literal):
        return _nt_term(term)
    return _prefixed(str(term))


@functools.lru_cache(maxsize=4096)
def _prefixed(iri: str) -> str:
    """An IRI as a prefixed name where one of :data:`PREFIXES` allows, else ``<iri>``."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and _PN_LOCAL.fullmatch(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _sort_key(triple: Triple) -> tuple[str, ...]:
    value = triple[2]
    detail = (value.language or str(value.datatype or "")) if isinstance(value, Literal) else "<"
    return (str(triple[0]), str(triple[1]), str(value), detail)


def _by_subject(triples: set[Triple]) -> dict[Node, dict[Node, list[Node]]]:
    subjects: dict[Node, dict[Node, list[Node]]] = {}
    for subject, predicate, value in sorted(triples, key=_sort_key):
        subjects.setdefault(subject, {}).setdefault(predicate, []).append(value)
    return subjects


def write_nquads(analyses: Iterable[Analysis], out: Path) -> None:
    """N-Quads by rdflib's serializer, one named graph per document, lines sorted."""
    with out.open("w", encoding="utf-8") as stream:
        for analysis in analyses:
            dataset = Dataset()
            named = dataset.graph(document_iri(analysis.id))
            for triple in document_triples(analysis):
                named.add(triple)
            text = dataset.serialize(format="nquads")
            stream.writelines(sorted(line + "\n" for line in text.splitlines() if line.strip()))


def turtle_prefixes() -> str:
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items())


def turtle_chunk(analysis: Analysis) -> str:
    """One document's triples in Turtle by rdflib's serializer (its prefixes included: a
    Turtle file may declare a prefix again)."""
    return document_graph(analysis).serialize(format="turtle")


def write_turtle(analyses: Iterable[Analysis], out: Path) -> None:
    with out.open("w", encoding="utf-8") as stream:
        stream.write(turtle_prefixes())
        for analysis in analyses:
            stream.write(f"\n# document {analysis.id}\n")
            stream.write(turtle_chunk(analysis))


#: the JSON-LD context: kronika's prefixes, so keys read as compact IRIs ("schema:name")
JSONLD_CONTEXT: dict[str, Any] = dict(PREFIXES)
_NATIVE_JSON = {XSD.integer: int, XSD.boolean: bool}


def _compact(iri: Node) -> str:
    text = _turtle_term(iri)
    return str(iri) if text.startswith("<") else text


def _jsonld_value(term: Node) -> Any:
    if not isinstance(term, Literal):
        return {"@id": str(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype in _NATIVE_JSON:
        return term.toPython()
    if term.datatype and term.datatype != XSD.string:
        return {"@value": str(term), "@type": _compact(term.datatype)}
    return str(term)


def jsonld_nodes(analysis: Analysis) -> list[dict[str, Any]]:
    """One document's nodes as JSON-LD node objects under :data:`JSONLD_CONTEXT`."""
    nodes = []
    for subject, predicates in _by_subject(document_triples(analysis)).items():
        node: dict[str, Any] = {"@id": str(subject)}
        for predicate, values in predicates.items():
            if predicate == RDF.type:
                node["@type"] = [_compact(v) for v in values]
            else:
                node[_compact(predicate)] = [_jsonld_value(v) for v in values]
        nodes.append(node)
    return nodes


def write_jsonld(analyses: Iterable[Analysis], out: Path) -> None:
    with out.open("w", encoding="utf-8") as stream:
        stream.write('{"@context": ' + json.dumps(JSONLD_CONTEXT) + ',\n "@graph": [\n')
        for number, analysis in enumerate(analyses):
            named = {"@id": str(document_iri(analysis.id)), "@graph": jsonld_nodes(analysis)}
            stream.write(("" if number == 0 else ",\n") + json.dumps(named, ensure_ascii=False))
        stream.write("\n]}\n")
