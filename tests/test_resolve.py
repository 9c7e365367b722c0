from __future__ import annotations

import pytest
from spacy.language import Language

import kronika
from kronika.lang.view import DocumentView
from kronika.model import Analysis, Entity, EntityType, Mention
from kronika.ner.evidence import Detected
from kronika.resolve import entity_id, link_document


def mention(
    text: str, lemma: str, type_: EntityType, start: int, kb: str | None = None
) -> Detected:
    return Detected(Mention(start, start + len(text), text, lemma, type_, "x"), kb)


def linked(
    nlp: Language, detected: list[Detected], text: str | None = None
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """``link_document`` over the view of ``text``, by default a text holding each mention's
    words at its offsets (spaces between)."""
    if text is None:
        chars = [" "] * max(item.mention.end for item in detected)
        for item in detected:
            chars[item.mention.start : item.mention.end] = item.mention.text
        text = "".join(chars)
    return link_document(detected, DocumentView.of(nlp(text)))


def test_surname_joins_the_full_name_of_the_same_document(nlp: Language) -> None:
    detected = [
        mention("Pawła Usowa", "Paweł Usow", "person", 0),
        mention("Usow", "Usow", "person", 20),
    ]
    mentions, (entity,) = linked(nlp, detected)
    assert entity.name == "Paweł Usow"
    assert {m.entity for m in mentions} == {entity.id}
    # linking makes new mentions: what detection found is left as it was
    assert all(item.mention.entity is None for item in detected)
    assert [m.text for m in mentions] == [item.mention.text for item in detected]


def test_a_knowledge_base_match_is_evidence_the_linker_follows(nlp: Language) -> None:
    mentions, (entity,) = linked(nlp, [mention("Sojuszu", "Sojusz", "organization", 0, "org:NATO")])
    assert entity.name == "NATO" and entity.kb == "Q7184"
    assert mentions[0].entity == entity.id == entity_id("org:NATO")


def test_shared_surname_stays_apart(nlp: Language) -> None:
    detected = [
        mention("Jan Nowak", "Jan Nowak", "person", 0),
        mention("Anna Nowak", "Anna Nowak", "person", 20),
        mention("Nowak", "Nowak", "person", 40),
    ]
    _mentions, entities = linked(nlp, detected)
    assert [e.name for e in entities] == ["Jan Nowak", "Anna Nowak", "Nowak"]


def test_bracketed_acronym_joins_the_organization_before_it(nlp: Language) -> None:
    text = "Rada Współpracy Bałtyckiej (RWB) obradowała. RWB przyjęła uchwałę."
    detected = [
        mention("Rada Współpracy Bałtyckiej", "Rada Współpracy Bałtyckiej", "organization", 0),
        mention("RWB", "RWB", "organization", 28),
        mention("RWB", "RWB", "organization", 45),
    ]
    _mentions, (entity,) = linked(nlp, detected, text)
    assert entity.name == "Rada Współpracy Bałtyckiej"
    assert entity.aliases == ("RWB",)


def test_shortened_name_joins_the_organization_named_in_full_before_it(nlp: Language) -> None:
    detected = [
        mention("Sądu Najwyższego Litwy", "Sąd Najwyższy Litwy", "organization", 0),
        mention("Rady Współpracy Bałtyckiej", "Rada Współpracy Bałtyckiej", "organization", 30),
        mention("Sąd Najwyższy", "Sąd Najwyższy", "organization", 70),
        mention("Rada", "Rada", "organization", 90),
        # a name that does not open with a common noun is no shortening
        mention("Orlen Lietuva", "Orlen Lietuva", "organization", 110),
        mention("Orlen", "Orlen", "organization", 130),
    ]
    mentions, entities = linked(nlp, detected)
    assert [e.name for e in entities] == [
        "Sąd Najwyższy Litwy",
        "Rada Współpracy Bałtyckiej",
        "Orlen Lietuva",
        "Orlen",
    ]
    assert mentions[2].entity == mentions[0].entity
    assert mentions[3].entity == mentions[1].entity


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        pytest.param(
            [
                ("Komisja", "Komisja", "organization"),
                ("Komisja Wenecka", "Komisja Wenecka", "organization"),
                ("Komisji Europejskiej", "Komisja Europejska", "organization"),
                ("Komisja", "Komisja", "organization"),
            ],
            [(0, 1), (3, 2)],
            id="a headline's: the first full name after it; else the nearest one before it",
        ),
        pytest.param(
            [
                ("Republika Mołdawii", "Republika Mołdawii", "country"),
                ("Republika", "Republika", "country"),
                ("kanał Sueski", "kanał Sueski", "place"),
                ("Kanale", "Kanał", "place"),
            ],
            [(1, 0), (3, 2)],
            id="places; the head written in lowercase in the full name is the same noun",
        ),
    ],
)
def test_shortened_name_joins_its_full_name(
    nlp: Language, names: list[tuple[str, str, EntityType]], joined: list[tuple[int, int]]
) -> None:
    detected = [mention(text, lemma, kind, 40 * i) for i, (text, lemma, kind) in enumerate(names)]
    mentions, _entities = linked(nlp, detected)
    for short, full in joined:
        assert mentions[short].entity == mentions[full].entity


def test_ids_depend_only_on_the_entity_key() -> None:
    first = kronika.analyze("Delegacja NATO przyjechała do Wilna.")
    second = kronika.analyze("O NATO mówiono długo. Wilno czekało.")
    assert isinstance(first, Analysis)

    def ids(analysis: Analysis) -> dict[str, str]:
        return {e.name: e.id for e in analysis.entities}

    assert ids(first)["NATO"] == ids(second)["NATO"] == entity_id("org:NATO")
    assert ids(first)["Wilno"] == ids(second)["Wilno"]


def test_a_full_name_in_the_document_beats_a_famous_namesake() -> None:
    record = kronika.analyze(
        "Jan Putin, rolnik spod Lublina, sprzedał ziemię. Putin mówi, że nie żałuje."
    ).to_json()
    (person,) = [e for e in record["entities"] if e["type"] == "person"]
    assert person["name"] == "Jan Putin" and person["kb"] is None


def test_a_metonym_is_the_place_and_says_whom_it_stands_for() -> None:
    analysis = kronika.analyze(
        "Kreml ostrzegł sąsiadów przed zbliżeniem z NATO. Rosja nie podała szczegółów."
    )
    entities = {e.name: e for e in analysis.entities}
    kreml, rosja = entities["Kreml"], entities["Rosja"]
    assert kreml.type == "place" and kreml.stands_for == rosja.id
    assert rosja.stands_for is None


def test_a_description_is_the_person_just_named_only_when_it_can_be() -> None:
    record = kronika.analyze(
        "– Rozmowy szły dobrze – mówi Anna Nowak, socjolożka z Krakowa. "
        "Prezydent Wołodymyr Zełenski przyjedzie do Warszawy w grudniu.\n\n"
        "Rzecznik rządu podkreślił, że Warszawa pozostaje orędownikiem rozszerzenia Unii. "
        "Zdaniem opozycji gabinet powinien najpierw wynegocjować okresy przejściowe. "
        "Według kancelarii prezydenta RP rozmowy dotyczyć będą energetyki.\n\n"
        "Zełenski spotkał się z Nowak w Kijowie. Znana socjolożka z Krakowa zapowiedziała, że "
        "napisze o tym książkę."
    ).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    said = {q["speaker_text"]: names.get(q["speaker"]) for q in record["quotes"]}
    # an office the knowledge base does not give Zełenski; a collective; a place's office
    assert said["Rzecznik rządu"] is None
    assert said["opozycji"] is None
    assert said["kancelarii prezydenta RP"] is None
    # a person's description after her name is her
    assert said["Znana socjolożka z Krakowa"] == "Anna Nowak"


def test_several_people_are_not_the_man_just_named() -> None:
    record = kronika.analyze(
        "Minister Jan Kowalski przyjechał do Wilna. Przedstawiciele Moskwy odpowiedzieli, że "
        "kontrole na granicy są konieczne."
    ).to_json()
    (quote,) = record["quotes"]
    assert quote["speaker_text"] == "Przedstawiciele Moskwy" and quote["speaker"] is None


def test_an_office_of_a_country_is_its_holder_named_in_the_article() -> None:
    from kronika.ingest import Document

    record = kronika.analyze(
        Document.create(
            "Władimir Putin przyjechał do Mińska, gdzie czekał na niego Aleksander Łukaszenko. "
            "Prezydent Rosji zapowiedział, że współpraca wojskowa będzie się rozwijać.",
            source="test",
            date="2023-05",
        )
    ).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    (quote,) = record["quotes"]
    # the nearest man before is Łukaszenko; the knowledge base says whose office it is
    assert names[quote["speaker"]] == "Władimir Putin"


def _descriptions(text: str, date: str | None) -> list[tuple[str, str, str]]:
    from kronika.ingest import Document

    record = kronika.analyze(Document.create(text, source="test", date=date)).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    return [
        (m["text"], m["lemma"], names[m["entity"]])
        for m in record["mentions"]
        if m.get("description")
    ]


def test_an_office_is_a_mention_of_its_holder_of_the_year() -> None:
    text = (
        "Prezydent Rosji zapowiedział nowe manewry. Rosyjskiego prezydenta poparł "
        "węgierski premier, który spotkał się też z prezydentem Francji."
    )
    found = _descriptions(text, "2021-10")
    assert found == [
        ("Prezydent Rosji", "prezydent Rosji", "Władimir Putin"),
        ("Rosyjskiego prezydenta", "rosyjski prezydent", "Władimir Putin"),
        ("węgierski premier", "węgierski premier", "Viktor Orbán"),
        ("prezydentem Francji", "prezydent Francji", "Emmanuel Macron"),
    ]
    # the knowledge base's holder of that year, not of today; and no year, no holder
    assert _descriptions("Prezydent Polski przyjechał do Wilna.", "2012-03") == [
        ("Prezydent Polski", "prezydent Polski", "Bronisław Komorowski")
    ]
    assert _descriptions(text, None) == []
    # the description is no alias of the person
    from kronika.ingest import Document

    record = kronika.analyze(Document.create(text, source="test", date="2021-10")).to_json()
    putin = next(e for e in record["entities"] if e["name"] == "Władimir Putin")
    assert putin["aliases"] == []


def test_an_office_that_is_not_its_holder_of_the_day_is_no_mention() -> None:
    text = (
        "Były prezydent Rosji milczał. Kandydat na prezydenta Białorusi został zatrzymany. "
        "Kto zostanie prezydentem Francji? Jako premier Węgier nie mógłbym tego zrobić. "
        "Prezydent Białorusi Aleksander Łukaszenko przyjął gości. Trwa spór o obsadę stanowisk "
        "– przewodniczącego Komisji Europejskiej i przewodniczącego Rady Europejskiej. "
        "Przemawiał 45. prezydent USA."
    )
    assert _descriptions(text, "2021-10") == []
    # a conjunction alone blocks nothing
    assert [
        who
        for _t, _l, who in _descriptions(
            "Spotkanie premiera Węgier i prezydenta Francji odbyło się w Paryżu.", "2021-10"
        )
    ] == ["Viktor Orbán", "Emmanuel Macron"]


def test_an_office_of_several_words_and_its_holders_gender() -> None:
    text = (
        "Minister spraw zagranicznych Rosji spotkał się z sekretarzem generalnym NATO. "
        "Brytyjska premier nie przyjechała."
    )
    assert _descriptions(text, "2021-10") == [
        (
            "Minister spraw zagranicznych Rosji",
            "minister spraw zagranicznych Rosji",
            "Siergiej Ławrow",
        ),
        ("sekretarzem generalnym NATO", "sekretarz generalny NATO", "Jens Stoltenberg"),
    ]  # in 2021 the British prime minister was a man: "Brytyjska premier" is nobody
    assert _descriptions("Brytyjska premier nie przyjechała.", "2018-03") == [
        ("Brytyjska premier", "brytyjska premier", "Theresa May")
    ]


def test_link_facts_makes_new_typed_facts() -> None:
    from kronika.model import Fact, Quote, Span, Statement
    from kronika.resolve.facts import link_facts

    text = (
        "CBOS podał, że 40 proc. ankietowanych popiera rząd. "
        "– Według nas 55 proc. jest przeciw – mówi Jan Nowak, politolog. Polska jest w NATO."
    )
    sentences = (Span(0, 51), Span(52, 115), Span(116, 135))
    mentions = (
        Mention(0, 4, "CBOS", "CBOS", "organization", "orgName", entity="e_cbos"),
        Mention(94, 103, "Jan Nowak", "Jan Nowak", "person", "persName", entity="e_nowak"),
    )
    (quote,) = [Quote(54, 86, text[54:86], "direct", speaker="e_nowak")]
    poll = Fact(
        "poll",
        0,
        86,
        source_text="CBOS",
        source_start=0,
        source_end=4,
        time="2023-05",
        statements=(
            Statement(40, "percent", "popiera rząd", start=15, end=50),
            Statement(55, "percent", "przeciw", start=65, end=86),
        ),
    )
    asserted, claimed = link_facts([poll], mentions, sentences, (), "2023-06-01", [quote])
    assert (asserted.source, asserted.claim, asserted.time_source) == ("e_cbos", False, "timex")
    assert [s.share for s in asserted.statements] == [40]
    # the pollster is named outside the quotation: not the speaker's source, nor its time
    assert (claimed.source, claimed.claim, claimed.quote_index) == (None, True, 0)
    assert (claimed.time, claimed.time_source) == ("2023-06-01", "document")
    assert len(poll.statements) == 2  # the extractor's fact is left as it was


def test_a_short_name_is_the_body_named_in_full_nearest_before_it() -> None:
    from kronika.ner.evidence import KbName
    from kronika.resolve.entities import link_short_names

    def short(start: int, text: str, lemma: str, name: str) -> Detected:
        return Detected(
            Mention(start, start + len(text), text, lemma, "organization", "x"), None, (name,)
        )

    # the text names the CIS at 10 and the EU at 60; detection says only "a short name"
    named = [KbName(10, 15, "org:WNP"), KbName(60, 75, "org:UE")]
    detected = [
        short(0, "Wspólnota", "Wspólnota", "wspólnota"),
        short(40, "Wspólnoty", "Wspólnota", "wspólnota"),
        short(90, "Wspólnotę", "Wspólnota", "wspólnota"),
    ]
    linked = link_short_names(detected, named)
    # before any full name: the first after it; then the nearest one before it
    assert [item.kb for item in linked] == ["org:WNP", "org:WNP", "org:UE"]
    assert all(item.kb is None for item in detected)
    # nothing named in full: the one the press means by the name, if any
    (unia, wspolnota) = link_short_names(
        [short(0, "Unii", "Unia", "unia"), short(20, "Wspólnoty", "Wspólnota", "wspólnota")], []
    )
    assert (unia.kb, wspolnota.kb) == ("org:UE", None)


ANALYSED = (
    "date 2023-05-10\n"
    "W Mińsku gościł rosyjski prezydent. Z brytyjskim premierem rozmawiano długo, a spotkanie z "
    "premierem Wielkiej Brytanii zaplanowano na czerwiec. Komisja Europejska obradowała w "
    "Brukseli, a Komisja przyjęła plan. Rzecznik Kremla Dmitrij Pieskow powiedział, że "
    "rozmowy trwają. "
    "Swiatłana Cichanouska przyjechała do Wilna. Najważniejsza kandydatka opozycji dodała, że "
    "nie wróci."
)


def test_resolve_reads_the_view_and_analyses_no_document_word(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resolve takes words, readings and lemmas from the language layer's DocumentView: it asks
    Morfeusz nothing about the document and starts no tokenizer."""
    import inspect

    from kronika.extract.quotes import find_quotes
    from kronika.lang.morphology import Morphology, shared_morphology
    from kronika.lang.names.name_lemmatizer import NameLemmatizer
    from kronika.ner.evidence import detected_mentions, kb_names
    from kronika.resolve.descriptions import office_mentions
    from kronika.resolve.entities import link_short_names
    from kronika.resolve.quotes import link_quotes

    morphology = shared_morphology()
    morphology._cache.clear()  # what the document needs is analysed by the pipeline below
    doc = nlp(ANALYSED)
    view = DocumentView.of(doc)
    quotes = find_quotes(doc)
    detected = link_short_names(detected_mentions(doc), kb_names(doc))

    engine_calls: list[str] = []
    resolve_calls: list[str] = []
    engine = morphology._morfeusz
    analyse = Morphology.analyse

    class Counting:
        def analyse(self, form: str) -> object:
            engine_calls.append(form)
            return engine.analyse(form)

        def generate(self, lemma: str) -> object:
            # synthesis (the name lemmatizer's nominatives), not analysis
            return engine.generate(lemma)

    def recorded(self: Morphology, form: str) -> object:
        caller = inspect.stack()[1].frame.f_globals.get("__name__", "")
        if caller.startswith("kronika.resolve"):
            resolve_calls.append(form)
        return analyse(self, form)

    def no_tokenizer(self: NameLemmatizer, phrase: str) -> object:
        raise AssertionError(f"resolve tokenized {phrase!r} again")

    monkeypatch.setattr(morphology, "_morfeusz", Counting())
    monkeypatch.setattr(Morphology, "analyse", recorded)
    monkeypatch.setattr(NameLemmatizer, "tokenize", no_tokenizer)

    offices = office_mentions(detected, view, 2023)
    detected = sorted(detected + offices, key=lambda item: item.mention.start)
    mentions, entities = link_document(detected, view)
    linked_quotes = link_quotes(quotes, mentions, [], [], "2023-05-10", entities, view)

    # only strings the document does not hold are analysed (a lemma's first word: "komisja")
    words = set(view.texts)
    assert not words & set(resolve_calls) and not words & set(engine_calls)
    # and it resolved: the office holders, a shortened name, a described speaker
    assert {item.mention.text for item in offices} == {
        "rosyjski prezydent",
        "brytyjskim premierem",
        "premierem Wielkiej Brytanii",
    }
    komisje = [m.entity for m in mentions if m.text.startswith("Komisja")]
    assert len(komisje) == 2 and len(set(komisje)) == 1
    speakers = {q.speaker_text: q.speaker for q in linked_quotes}
    cichanouska = next(m.entity for m in mentions if m.text == "Swiatłana Cichanouska")
    assert speakers.get("kandydatka opozycji") == cichanouska
