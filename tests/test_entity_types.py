"""One type per entity, names of products and events, legal forms and nominal coreference
(issue 14), on texts composed for these tests."""

from __future__ import annotations

from collections import defaultdict

from kronika.ingest import Document
from kronika.pipeline import analyze_document
from kronika.resolve.coreference import description_type

AIRLINE = (
    "Irlandzkie linie lotnicze Ryanair ogłosiły nowe połączenia z Modlina. Ryanair poleci też do "
    "Dublina i Cork. Przewoźnik zapowiada, że ceny biletów spadną jesienią. Lufthansa AG "
    "odpowiedziała obniżką, a Lufthansa zapowiedziała kolejne trasy."
)
PIPELINE = (
    "Gazociąg Nord Stream ma zostać ukończony w przyszłym roku. Przeciwnicy projektu twierdzą, "
    "że Nord Stream uzależni Europę od rosyjskiego gazu."
)


def _analysis(nlp, text):
    return analyze_document(Document.create(text, source="test"), nlp)


def test_no_name_alternates_types_in_one_article(nlp):
    for text in (AIRLINE, PIPELINE):
        types = defaultdict(set)
        for mention in _analysis(nlp, text).mentions:
            types[mention.lemma].add((mention.type, mention.label))
        assert all(len(kinds) == 1 for kinds in types.values()), types


def test_context_nouns_and_legal_forms_type_a_company(nlp):
    mentions = _analysis(nlp, AIRLINE).mentions
    ryanair = [m for m in mentions if m.lemma == "Ryanair"]
    assert len(ryanair) == 2 and {m.type for m in ryanair} == {"organization"}
    # the legal form is evidence, not part of the name: both are one entity
    lufthansa = [m for m in mentions if m.text == "Lufthansa"]
    assert len(lufthansa) == 2 and {m.type for m in lufthansa} == {"organization"}
    assert len({m.entity for m in lufthansa}) == 1


def test_a_pipeline_is_a_product(nlp):
    mentions = [m for m in _analysis(nlp, PIPELINE).mentions if m.text == "Nord Stream"]
    assert len(mentions) == 2
    assert {(m.type, m.label) for m in mentions} == {("other", "productName")}


def test_the_carrier_speaks_for_the_airline_named_before(nlp):
    analysis = _analysis(nlp, AIRLINE)
    ryanair = next(m.entity for m in analysis.mentions if m.lemma == "Ryanair")
    quote = next(q for q in analysis.quotes if q.speaker_text == "Przewoźnik")
    assert quote.speaker == ryanair


def test_a_description_naming_its_entity_is_not_a_reference():
    assert description_type("irlandzki przewoźnik") == ("przewoźnik", "organization")
    assert description_type("spółka Ryanair") is None
    assert description_type("polityk") is None
