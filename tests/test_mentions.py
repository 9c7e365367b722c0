"""Mention assembly: abbreviated names, events, places that are not states, leaders' names."""

from __future__ import annotations

from spacy.tokens import Span

import kronika
from kronika.lang.names import NameLemmatizer
from kronika.ner.gazetteer import default_gazetteer
from kronika.ner.mentions import retyped_people


def _mentions(nlp, text: str) -> dict[str, dict]:
    record = kronika.analyze(text, nlp=nlp).to_json()
    return {m["text"]: m for m in record["mentions"]}


def test_abbreviated_names_keep_their_period_and_link(nlp) -> None:
    mentions = _mentions(
        nlp, "Rząd Wlk. Brytanii rozmawiał z władzami Irlandii Płn. o granicy z Irlandią."
    )
    assert mentions["Wlk. Brytanii"]["type"] == "country"
    assert mentions["Irlandii Płn."]["type"] == "place"
    assert mentions["Irlandii Płn."]["lemma"] == "Irlandia Płn."


def test_brexit_is_an_event_not_a_person_or_organization(nlp) -> None:
    record = kronika.analyze(
        "Po Brexicie ceny wzrosły, a przeciwnicy Brexitu protestowali w Londynie.", nlp=nlp
    ).to_json()
    kinds = {m["text"]: m["type"] for m in record["mentions"]}
    assert kinds.get("Brexicie", "event") == "event"
    assert kinds.get("Brexitu", "event") == "event"
    assert kinds["Londynie"] in {"place", "country"}
    events = [e for e in record["entities"] if e["type"] == "event"]
    assert all(e["kb"] == "Q7888194" for e in events)


def test_continents_and_nations_of_the_united_kingdom(nlp) -> None:
    mentions = _mentions(
        nlp, "Szkocja chce zostać w Europie, a Anglicy i Europejczycy się spierają."
    )
    assert mentions["Szkocja"]["type"] == "place"
    assert mentions["Europie"]["type"] == "place"
    assert mentions["Anglicy"]["derived"] and mentions["Europejczycy"]["derived"]


def test_a_leader_after_the_body_he_leads_is_a_person_of_his_own(nlp) -> None:
    mentions = _mentions(
        nlp, "Wczoraj przewodniczący Komisji Europejskiej Jean-Claude Juncker odwiedził Madryt."
    )
    assert mentions["Komisji Europejskiej"]["type"] == "organization"
    assert mentions["Jean-Claude Juncker"]["type"] == "person"
    assert not any("Europejskiej Jean" in text for text in mentions)


def test_two_known_names_run_together_are_two_mentions(nlp) -> None:
    mentions = _mentions(nlp, "Negocjacje między Unią Europejską Wielką Brytanią utknęły.")
    assert mentions["Unią Europejską"]["type"] == "organization"
    assert mentions["Wielką Brytanią"]["type"] == "country"


def test_a_hyphen_with_a_lowercase_particle_joins_one_name(nlp) -> None:
    from spacy.tokens import Span

    from kronika.ner.edges import whole_words

    doc = nlp("Wczoraj partia Tehreek-e-Labbaik zorganizowała marsz, a mecz Polska-Niemcy trwał.")
    words = [t.text for t in doc]
    piece = Span(doc, words.index("Tehreek"), words.index("Tehreek") + 3, label="orgName")
    assert whole_words(piece).text == "Tehreek-e-Labbaik"
    poland = Span(doc, words.index("Polska"), words.index("Polska") + 1, label="placeName_country")
    assert whole_words(poland).text == "Polska"


def test_outlets_are_publications_and_agencies_organizations(nlp) -> None:
    record = kronika.analyze(
        "Jak podała agencja Reutera, premier udzielił wywiadu dla BBC, a potem pisał na Twitterze.",
        nlp=nlp,
    ).to_json()
    kinds = {m["text"]: m["type"] for m in record["mentions"]}
    assert kinds["Reutera"] == "organization"
    assert kinds["BBC"] == "other" and kinds["Twitterze"] == "other"
    names = {e["name"] for e in record["entities"]}
    assert {"Reuters", "BBC", "Twitter"} <= names


def test_a_surname_alone_is_the_person_named_in_full(nlp) -> None:
    from spacy.tokens import Span

    from kronika.ner.mentions import surnames_as_people

    doc = nlp.make_doc("Sąd uwolnił Asię Bibi. Potem Bibi wyjechała do Kanady.")
    full = Span(doc, 2, 4, label="persName")
    full._.lemma, full._.entity_type = "Asia Bibi", "person"
    alone = Span(doc, 6, 7, label="orgName")
    alone._.lemma, alone._.entity_type = "Bibi", "organization"
    canada = Span(doc, 9, 10, label="placeName_country")
    canada._.lemma, canada._.entity_type = "Kanada", "country"
    result = surnames_as_people([full, alone, canada])
    assert [(m.text, m._.entity_type, m.label_) for m in result] == [
        ("Asię Bibi", "person", "persName"),
        ("Bibi", "person", "persName"),
        ("Kanady", "country", "placeName_country"),
    ]


def test_foreign_names_match_the_knowledge_base_in_polish_inflection(nlp) -> None:
    record = kronika.analyze(
        "Według Financial Timesa szef Komisji Europejskiej Jean-Claude'a Junckera nie ustąpi.",
        nlp=nlp,
    ).to_json()
    lemmas = {m["text"]: m["lemma"] for m in record["mentions"]}
    assert lemmas["Financial Timesa"] == "Financial Times"
    assert lemmas["Jean-Claude'a Junckera"] == "Jean-Claude Juncker"


def test_unknown_words_lose_only_polish_endings() -> None:
    from kronika.ner.gazetteer import _stems

    assert "times" in _stems("timesa")
    assert _stems("farage'a") == {"farage"}
    assert _stems("farage’owi") == {"farage"}
    assert _stems("ab") == set()
    assert "theresa" in _stems("theresy") and "theresa" in _stems("theresą")


def test_a_feminine_foreign_name_in_the_genitive_links_to_the_knowledge_base(nlp) -> None:
    record = kronika.analyze("Gabinet Theresy May zebrał się w Londynie.", nlp=nlp).to_json()
    (may,) = [m for m in record["mentions"] if m["text"] == "Theresy May"]
    assert may["lemma"] == "Theresa May" and may["type"] == "person"


def test_feminine_inhabitant_nouns_are_derived_words(nlp) -> None:
    mentions = _mentions(nlp, "Polka i Pakistanka rozmawiały z Niemką o Szkotce.")
    derived = {text for text, m in mentions.items() if m["derived"]}
    assert {"Polka", "Pakistanka", "Niemką"} <= derived


def test_a_name_stops_at_a_line_break(nlp) -> None:
    text = "Posłowie Izby Gmin\nGłosowanie odbyło się wczoraj."
    mentions = _mentions(nlp, text)
    assert all("\n" not in t for t in mentions)
    assert mentions["Izby Gmin"]["type"] == "organization"


def test_a_common_word_opening_a_sentence_is_not_a_country(nlp) -> None:
    mentions = _mentions(nlp, "Dane pokazują wzrost. Eksport do Danii rośnie.")
    assert "Dane" not in mentions
    assert mentions["Danii"]["type"] == "country"


def test_an_inhabitant_noun_at_the_edge_of_a_name_is_cut_off(nlp) -> None:
    from spacy.tokens import Span

    from kronika.ner.edges import without_demonyms

    doc = nlp("Sąd skazał Nigeryjkę Annę Obi, a Polak Jan Nowak protestował.")
    words = [t.text for t in doc]
    start = words.index("Nigeryjkę")
    span = without_demonyms(Span(doc, start, start + 3, label="orgName"))
    assert (span.text, span.label_) == ("Annę Obi", "persName")
    alone = without_demonyms(Span(doc, words.index("Polak"), words.index("Polak") + 1, "persName"))
    assert alone.text == "Polak"


def test_currency_codes_are_not_organizations(nlp) -> None:
    record = kronika.analyze("Kurs EUR wobec PLN spadł, a GBP zyskał.", nlp=nlp).to_json()
    assert not [m for m in record["mentions"] if m["type"] == "organization"]


def test_a_known_person_closing_a_span_is_split_off(nlp) -> None:
    from spacy.tokens import Span

    from kronika.ner.mentions import split_joined

    doc = nlp("Wczoraj rzecznik Komisji Frans Timmermans odwiedził Kraków.")
    words = [t.text for t in doc]
    start = words.index("Komisji")
    matches = {m.start: m for m in default_gazetteer().find_in_doc(doc)}
    parts = split_joined(Span(doc, start, start + 3, label="orgName"), matches)
    assert [(p.text, p.label_) for p in parts] == [
        ("Komisji", "orgName"),
        ("Frans Timmermans", "persName"),
    ]


def test_adjectives_and_surnames_are_not_forms_of_a_country(nlp) -> None:
    gazetteer = default_gazetteer()
    doc = nlp("Polskie firmy i polscy emigranci wrócili do Polski.")
    found = {doc[m.start : m.end].text: m.entry.key for m in gazetteer.find_in_doc(doc)}
    assert found == {"Polski": "country:PL"}


def test_a_country_sgjp_knows_only_as_a_surname_still_inflects(nlp) -> None:
    gazetteer = default_gazetteer()
    doc = nlp("Rząd podpisał umowę z Polską i z Polską Agencją Prasową.")
    found = [(doc[m.start : m.end].text, m.entry.key) for m in gazetteer.find_in_doc(doc)]
    assert found == [("Polską", "country:PL"), ("Polską Agencją Prasową", "org:PAP")]


def test_a_surname_repeated_alone_is_a_mention_of_the_person(nlp) -> None:
    from spacy.tokens import Span

    from kronika.ner.mentions import repeated_names

    doc = nlp(
        "Minister Anna Tull przyjechała do Gdańska. Potem Tullowi podziękowano. Tull wyjechała."
    )
    full = Span(doc, 1, 3, label="persName")
    full._.lemma, full._.entity_type = "Anna Tull", "person"
    found = repeated_names(doc, [full])
    assert [(m.text, m._.lemma, m._.entity_type) for m in found] == [
        ("Tullowi", "Tull", "person"),
        ("Tull", "Tull", "person"),
    ]
    record = kronika.analyze(
        "Minister Anna Tull przyjechała. Potem Tull wyjechała.", nlp=nlp
    ).to_json()
    entities = {m["entity"] for m in record["mentions"] if m["type"] == "person"}
    assert len(entities) == 1


def test_a_place_named_once_is_found_again_in_another_case(nlp) -> None:
    from spacy.tokens import Span

    from kronika.ner.mentions import repeated_names

    doc = nlp("Wiec odbył się w Mohylewie. Władze Mohylewa milczały. Mohylew jest spokojny.")
    place = Span(doc, 4, 5, label="placeName_settlement")
    place._.lemma, place._.entity_type, place._.kb, place._.derived = (
        "Mohylew",
        "place",
        None,
        False,
    )
    found = repeated_names(doc, [place])
    assert [(m.text, m._.lemma, m._.entity_type, m.label_) for m in found] == [
        ("Mohylewa", "Mohylew", "place", "placeName_settlement"),
        ("Mohylew", "Mohylew", "place", "placeName_settlement"),
    ]


def test_a_quoted_part_of_a_name_keeps_its_closing_mark(nlp) -> None:
    mentions = _mentions(
        nlp,
        "Sondaż przeprowadziła Pracownia Badań Społecznych „Sonda” na próbie tysiąca osób. "
        "Wyniki opisała „Gazeta Poranna”.",
    )
    assert "Pracownia Badań Społecznych „Sonda”" in mentions
    # a name quoted as a whole is the name without its marks
    assert "Gazeta Poranna" in mentions


def test_unia_alone_is_the_european_union_unless_another_union_is_named(nlp) -> None:
    record = kronika.analyze(
        "Rolnicy protestowali w Brukseli. Po rozmowach Unia obiecała nowe dopłaty.", nlp=nlp
    ).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    assert {m["text"]: names.get(m["entity"]) for m in record["mentions"]}["Unia"] == (
        "Unia Europejska"
    )
    record = kronika.analyze(
        "Szczyt Euroazjatyckiej Unii Gospodarczej odbył się w Mińsku. Unia obniży cła.", nlp=nlp
    ).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    assert {m["text"]: names.get(m["entity"]) for m in record["mentions"]}["Unia"] == (
        "Euroazjatycka Unia Gospodarcza"
    )


def test_unknown_names_after_a_title_are_a_person(nlp) -> None:
    mentions = _mentions(
        nlp,
        "Wicepremier Białorusi Pawieł Czarniawski zapowiedział nowe inwestycje. "
        "Na konferencji głos zabrał politolog Alaksiej Dziermant.",
    )
    assert mentions["Pawieł Czarniawski"]["type"] == "person"
    assert mentions["Białorusi"]["type"] == "country"
    assert mentions["Alaksiej Dziermant"]["type"] == "person"


def test_a_name_after_an_organization_noun_is_that_organization(nlp) -> None:
    doc = nlp(
        "Rzecznik powiedział agencji Bloomfield, że tanie linie lotnicze Nordvind i koncern "
        "Lindqvist zamykają biura. Lider partii Marek Wolny, szefowa kampanii Caroline Dunn "
        "i firma Kowalskiego milczą."
    )
    words = ["Bloomfield", "Nordvind", "Lindqvist", "Marek Wolny", "Caroline Dunn", "Kowalskiego"]
    spans = []
    for words_of_name in words:
        first = words_of_name.split()[0]
        start = next(t.i for t in doc if t.text == first)
        spans.append(Span(doc, start, start + len(words_of_name.split()), label="persName"))
    typed = retyped_people(doc, spans, NameLemmatizer())
    assert [s.label_ for s in typed] == [
        "orgName",  # agencji Bloomfield
        "orgName",  # linie lotnicze Nordvind: one adjective between
        "orgName",  # koncern Lindqvist
        "persName",  # a given name opens it
        "persName",  # a given name of another language opens it
        "persName",  # an owner in the genitive
    ]


def test_a_town_after_a_preposition_or_a_place_noun_is_that_town(nlp) -> None:
    doc = nlp("Protesty trwały w Rawalpindi i w mieście Faisalabad, a rozmawiano z Hammond.")
    spans = [
        Span(doc, t.i, t.i + 1, label="persName")
        for t in doc
        if t.text in {"Rawalpindi", "Faisalabad", "Hammond"}
    ]
    typed = retyped_people(doc, spans, NameLemmatizer())
    # Hammond is a town too, but also a family name: the detector's person stands
    assert [s.label_ for s in typed] == ["placeName", "placeName", "persName"]


def test_a_person_after_a_title_and_what_it_is_of(nlp) -> None:
    mentions = _mentions(
        nlp,
        "Rzecznik Białego Domu Kayleigh McEnany odpowiadała na pytania. Szef sztabu Białego "
        "Domu Mark Meadows nie przyszedł, a lider większości w Senacie Mitch McConnell milczał.",
    )
    for name in ("Kayleigh McEnany", "Mark Meadows", "Mitch McConnell"):
        assert mentions[name]["type"] == "person"
    assert mentions["Senacie"]["type"] == "organization"


def test_a_foreign_name_run_into_an_institution_is_split_off(nlp) -> None:
    mentions = _mentions(nlp, "Wyrok ogłosiła sędzia Sądu Najwyższego Amy Coney Barrett.")
    assert mentions["Amy Coney Barrett"]["type"] == "person"
    assert mentions["Sądu Najwyższego"]["type"] == "organization"


def test_a_person_before_a_comma_and_a_title(nlp) -> None:
    mentions = _mentions(nlp, "Brad Raffensperger, sekretarz stanu Georgii, zapowiedział kontrolę.")
    assert mentions["Brad Raffensperger"]["type"] == "person"


def test_a_name_after_an_institution_named_after_someone_stays_its_name(nlp) -> None:
    from kronika.ner.people import split_person_tail

    doc = nlp("Pieniądze przekazała Fundacja Billa Gatesa.")
    span = Span(doc, 2, 5, label="orgName")
    assert split_person_tail(span) == [span]


def test_a_name_ends_before_a_preposition_and_starts_after_a_title(nlp) -> None:
    found = _mentions(
        nlp,
        "Ekonomista Banku Pekao Piotr Bielski rozmawiał z korespondentem Polskiego Radia w "
        "Moskwie.",
    )
    assert "Ekonomista Banku Pekao" not in found and "Banku Pekao" in found
    assert not any(form.endswith(" w") for form in found)
    # an institution's own name that opens with a title stays whole
    assert "Rzecznik Praw Obywatelskich" in _mentions(
        nlp, "Skargę złożył Rzecznik Praw Obywatelskich."
    )


def test_an_events_name_capitalized_inside_a_sentence_is_a_name(nlp) -> None:
    found = _mentions(nlp, "Mimo Brexitu firmy inwestują. Firmy boją się, że brexit zaszkodzi.")
    assert found["Brexitu"]["type"] == "event"
    assert "brexit" not in found  # lowercase: the common noun, left to the detector
