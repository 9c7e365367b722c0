"""Poll results, membership relations and claims, on short Polish texts written for these tests."""

from __future__ import annotations

import pytest

from kronika.extract.facts import find_polls, lexicon
from kronika.extract.relations.lists import find_memberships
from kronika.extract.timex import find_timexes
from kronika.ingest import Document
from kronika.model import Fact
from kronika.pipeline import analyze_document


def polls_of(nlp, text: str, date: str | None = "2023-07") -> list[Fact]:
    doc = nlp(text)
    found = find_polls(doc, find_timexes(doc, date))
    for fact in found:
        # the contract: offsets into the text, the source offsets name the source
        assert fact.type == "poll"
        assert 0 <= fact.start < fact.end <= len(text)
        if fact.source_text is not None:
            assert text[fact.source_start : fact.source_end] == fact.source_text
        for s in fact.statements:
            assert text[s.start : s.end] == s.text
            assert fact.start <= s.start < s.end <= fact.end
    return found


def statements(fact: Fact) -> list[tuple]:
    return [(s.share, s.population, s.about) for s in fact.statements]


def test_lexicon_loads():
    lex = lexicon()
    assert "sondaż" in lex.poll_nouns
    assert "respondent" in lex.population_words
    assert "%" in lex.percent_forms


# --- poll formats --------------------------------------------------------------------------------

FORMATS = [
    # (text, [(share, population, about)])
    (
        "Według sondażu CBOS 38 proc. ankietowanych popiera budowę elektrowni.",
        [(38, "ankietowanych", "popiera budowę elektrowni")],
    ),
    (
        "Z badania wynika, że 12,5 proc. respondentów nie ufa rządowi.",
        [(12.5, "respondentów", "nie ufa rządowi")],
    ),
    (
        "W sondażu 61 % badanych uznało reformę za potrzebną.",
        [(61, "badanych", "uznało reformę za potrzebną")],
    ),
    (
        "Jak pokazała ankieta, 54 procent Czechów chce wprowadzenia euro.",
        [(54, "Czechów", "chce wprowadzenia euro")],
    ),
    (
        "Sondaż pokazał, że co trzeci Węgier obawia się inflacji.",
        [(33.3, "Węgier", "obawia się inflacji")],
    ),
    (
        "Według sondażu większość (56 proc.) respondentów ocenia rząd źle.",
        [(56, "respondentów", "ocenia rząd źle")],
    ),
    (
        (
            "Za podniesieniem podatków opowiada się 20 proc. pytanych, "
            "obniżkę popiera 65 proc. badanych, a zmian nie chce tylko 9 proc. Litwinów."
        ),
        [
            (20, "pytanych", "za podniesieniem podatków opowiada się"),
            (65, "badanych", "obniżkę popiera"),
            (9, "Litwinów", "zmian nie chce"),
        ],
    ),
]


@pytest.mark.parametrize("text,expected", FORMATS)
def test_poll_formats(nlp, text, expected):
    found = polls_of(nlp, text)
    assert len(found) == 1, found
    assert statements(found[0]) == expected


def test_bare_number_after_a_share_of_people(nlp):
    text = "Według sondażu za zmianą jest 46 proc. ankietowanych, a przeciwnego zdania – 40 proc."
    (fact,) = polls_of(nlp, text)
    assert statements(fact) == [
        (46, "ankietowanych", "za zmianą jest"),
        (40, None, "przeciwnego zdania"),
    ]


def test_population_takes_a_following_name(nlp):
    text = "Według sondażu 61 proc. mieszkańców Górnego Śląska popiera autonomię regionu."
    (fact,) = polls_of(nlp, text)
    assert fact.statements[0].population == "mieszkańców Górnego Śląska"


def test_qualifier_is_kept_apart(nlp):
    (fact,) = polls_of(nlp, "Według sondażu IBRiS ponad 70 proc. Polaków popiera członkostwo w UE.")
    (s,) = fact.statements
    assert (s.share, s.qualifier, s.text) == (70, ">", "ponad 70 proc.")


NOT_POLLS = [
    "Produkt krajowy brutto wzrośnie w tym roku o 2,5 proc.",
    "Inflacja spadła do 8 proc. w marcu.",
    "Eksport do Niemiec stanowi 28 proc. całej sprzedaży firmy.",
    "W referendum 58 proc. głosujących opowiedziało się za niepodległością.",
    "Chrześcijanie stanowią 2 proc. mieszkańców tego kraju.",
    "Rok temu 52 proc. z nich zagłosowało za wyjściem, choć sondaże mówiły co innego.",
    "Większość Polaków wyjeżdża latem nad morze.",
]


@pytest.mark.parametrize("text", NOT_POLLS)
def test_other_percentages_are_not_polls(nlp, text):
    assert polls_of(nlp, text) == []


# --- pollster and time ---------------------------------------------------------------------------

SOURCES = [
    # (text, source, time, time_text)
    (
        (
            "Przyjęcie euro popiera 41 proc. ankietowanych. Wynika to z sondażu Chatham House, "
            "przeprowadzonego w sierpniu ubiegłego roku."
        ),
        "Chatham House",
        "2022-08",
        "w sierpniu ubiegłego roku",
    ),
    (
        (
            "Badanie IBRiS dla „Rzeczpospolitej” zrealizowano w marcu. "
            "Aż 64 proc. respondentów chce zmiany rządu."
        ),
        "IBRiS dla „Rzeczpospolitej”",
        "2023-03",
        "w marcu",
    ),
    (
        "Według CBOS 45 proc. Polaków dobrze ocenia sytuację w kraju.",
        "CBOS",
        None,
        None,
    ),
    (
        (
            "Z sondażu przeprowadzonego w maju przez instytut Opinia24 wynika, że "
            "30 proc. badanych nie wie, na kogo zagłosuje."
        ),
        "Opinia24",
        "2023-05",
        "w maju",
    ),
]


@pytest.mark.parametrize("text,source,time,time_text", SOURCES)
def test_pollster_and_time(nlp, text, source, time, time_text):
    (fact,) = polls_of(nlp, text)
    assert fact.source_text == source
    assert (fact.time, fact.time_text) == (time, time_text)


def test_poll_without_source(nlp):
    (fact,) = polls_of(nlp, "Ponad 80 proc. Irlandczyków popiera członkostwo w Unii.")
    assert fact.source_text is None and fact.source_start is None
    assert fact.time is None


def test_pollster_named_a_few_sentences_before_the_figures(nlp):
    text = (
        "Poparcie dla rządu spada – wynika z najnowszego sondażu CBOS. Badanie przeprowadzono "
        "w dniach 3–6 czerwca na próbie 1000 osób. Autorzy porównali wyniki z poprzednimi "
        "miesiącami.\n\nZa rządem opowiada się 31 proc. ankietowanych, przeciw jest 52 proc."
    )
    (fact,) = polls_of(nlp, text)
    assert fact.source_text == "CBOS"
    # the figures of another poll in between end the search
    text = (
        "Według sondażu CBOS 40 proc. Polaków ufa prezydentowi. Eksperci byli zaskoczeni. "
        "Opinie były różne. Za reformą opowiada się 45 proc. badanych."
    )
    first, second = polls_of(nlp, text)
    assert first.source_text == "CBOS" and second.source_text is None


def test_evidence_is_the_sentences_with_numbers(nlp):
    text = (
        "Rząd przedstawił plan. Za planem jest 35 proc. ankietowanych. "
        "Przeciw jest 50 proc. badanych. Sondaż przeprowadziła pracownia CBOS."
    )
    (fact,) = polls_of(nlp, text)
    assert text[fact.start : fact.end] == (
        "Za planem jest 35 proc. ankietowanych. Przeciw jest 50 proc. badanych."
    )
    assert [s.share for s in fact.statements] == [35, 50]
    assert fact.source_text == "CBOS"


# --- memberships ---------------------------------------------------------------------------------


def members_of(nlp, text: str, date: str | None = "2023-07") -> list[tuple]:
    doc = nlp(text)
    found = find_memberships(doc, find_timexes(doc, date))
    for rel in found:
        for ref in (rel.subject, rel.object):
            assert text[ref.start : ref.end] == ref.text
    return [
        (r.subject.text, r.object.text, r.evidence, r.time.value if r.time else None) for r in found
    ]


def test_member_list_after_a_summit(nlp):
    text = "Prezydenci spotkali się na szczycie NATO (Polska, Litwa, Łotwa, Estonia) w Wilnie."
    found = members_of(nlp, text)
    assert found == [
        ("Polska", "NATO", "list", None),
        ("Litwa", "NATO", "list", None),
        ("Łotwa", "NATO", "list", None),
        ("Estonia", "NATO", "list", None),
    ]
    doc = nlp(text)
    rel = find_memberships(doc)[0]
    assert text[rel.start : rel.end] == "NATO (Polska, Litwa, Łotwa, Estonia)"


def test_acronym_in_brackets_is_not_a_list(nlp):
    text = "Rosja kieruje Organizacją Układu o Bezpieczeństwie Zbiorowym (OUBZ)."
    assert members_of(nlp, text) == []


PHRASES = [
    # (text, [(subject, object, evidence, time)])
    (
        "Polska wstąpiła do NATO w 1999 roku.",
        [("Polska", "NATO", "phrase", "1999")],
    ),
    (
        "Litwa przystąpiła do Unii Europejskiej w 2004 roku.",
        [("Litwa", "Unii Europejskiej", "phrase", "2004")],
    ),
    (
        "Finlandia dołączyła do NATO w kwietniu 2023 roku.",
        [("Finlandia", "NATO", "phrase", "2023-04")],
    ),
    (
        "Estonia jest członkiem NATO.",
        [("Estonia", "NATO", "phrase", None)],
    ),
    (
        "Członkami NATO są m.in. Polska, Czechy i Węgry.",
        [
            ("Polska", "NATO", "phrase", None),
            ("Czechy", "NATO", "phrase", None),
            ("Węgry", "NATO", "phrase", None),
        ],
    ),
    (
        "Do NATO należy też Kanada, która wstąpiła do Sojuszu w 1949 roku.",
        [("Kanada", "Sojuszu", "phrase", "1949")],
    ),
    (
        "Armenia należy do Organizacji Układu o Bezpieczeństwie Zbiorowym.",
        [("Armenia", "Organizacji Układu o Bezpieczeństwie Zbiorowym", "phrase", None)],
    ),
]


@pytest.mark.parametrize("text,expected", PHRASES)
def test_membership_phrases(nlp, text, expected):
    assert members_of(nlp, text) == expected


NOT_MEMBERSHIPS = [
    "Ukraina nie jest członkiem NATO.",
    "Gruzja chce wstąpić do NATO.",
    "Wielka Brytania przestała być członkiem Unii Europejskiej.",
    "Mołdawia wstąpiłaby do Unii Europejskiej, gdyby mogła.",
    "Białoruś dołączyła do kilku programów współpracy z NATO.",
    "Wtedy Norwegia byłaby drugim krajem, który dołączył do tej umowy, a nie do NATO.",
]


@pytest.mark.parametrize("text", NOT_MEMBERSHIPS)
def test_not_memberships(nlp, text):
    assert members_of(nlp, text) == []


# --- claims --------------------------------------------------------------------------------------


def test_poll_inside_a_dash_quote_is_a_claim(nlp):
    text = (
        "– Z naszego sondażu wynika, że 60 proc. ankietowanych popiera reformę – "
        "mówi Jan Kowalski, socjolog."
    )
    analysis = analyze_document(Document(id="d", source="t", text=text, date="2023-07-01"), nlp)
    (poll,) = analysis.facts
    assert (poll.claim, poll.quote_index) == (True, 0)
    assert analysis.quotes[0].speaker_text == "Jan Kowalski"


def test_membership_inside_a_dash_quote_is_a_claim(nlp):
    text = (
        "Szwecja przystąpiła do NATO w 2024 roku. – Gruzja jest członkiem NATO – "
        "powiedział Piotr Nowak, ekspert."
    )
    analysis = analyze_document(Document(id="d", source="t", text=text, date="2024-05-01"), nlp)
    flags = {
        (relation.subject_text, relation.claim)
        for relation in analysis.relations
        if relation.predicate == "member_of"
    }
    assert flags == {("Szwecja", False), ("Gruzja", True)}
