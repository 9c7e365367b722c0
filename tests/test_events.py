"""Events: triggers by lemma, status, time, place, parties, joining and ids (composed texts)."""

from __future__ import annotations

import pytest

import kronika
from kronika.extract.events.lexicon import EVENT_TYPES, lexicon
from kronika.ingest import Document
from kronika.schema import validate_record


def _record(nlp, text: str, date: str | None = "2021-10-20") -> dict:
    return kronika.analyze(Document.create(text, source="test", date=date), nlp=nlp).to_json()


def _events(nlp, text: str, date: str | None = "2021-10-20") -> list[dict]:
    return _record(nlp, text, date)["events"]


def _names(record: dict, idents: list[str]) -> set[str]:
    names = {e["id"]: e["name"] for e in record["entities"]}
    return {names.get(i, i) for i in idents}  # a party a place stands for may be unnamed


@pytest.mark.parametrize(
    ("text", "kind", "trigger"),
    [
        ("Przywódcy państw spotkali się na szczycie NATO w Wilnie.", "summit", "szczycie"),
        ("Szczyt Unii Europejskiej zakończył się w piątek.", "summit", "Szczyt"),
        ("Do Brukseli przed szczytem Unii Europejskiej przyjechał premier.", "summit", "szczytem"),
        ("Premier Polski spotkał się z prezydentem Francji.", "meeting", "spotkał"),
        ("Rozmowy Polski z Litwą zakończyły się porozumieniem.", "meeting", "Rozmowy"),
        ("Wizyta kanclerza Niemiec w Warszawie trwała dwa dni.", "meeting", "Wizyta"),
        ("Negocjacji z Wielką Brytanią nie zakończono.", "meeting", "Negocjacji"),
        ("Wybory parlamentarne w Polsce odbyły się w październiku.", "election", "Wybory"),
        ("W referendum mieszkańcy odrzucili projekt.", "election", "referendum"),
        ("Posłowie głosowali nad ustawą do późna.", "election", "głosowali"),
        ("Wyborcy wybrali nowy parlament.", "election", "wybrali"),
        ("Sejm wybrał ją na prezydenta miasta.", "appointment", "wybrał"),
        ("Tysiące ludzi protestowały w Mińsku.", "protest", "protestowały"),
        ("Strajk pilotów sparaliżował lotnisko.", "protest", "Strajk"),
        ("Po protestach rząd wycofał projekt.", "protest", "protestach"),
        ("Polska i Litwa podpisały umowę o współpracy.", "agreement", "podpisały"),
        ("Porozumienia nie udało się osiągnąć.", "agreement", "Porozumienia"),
        ("Sejm uchwalił nowy budżet.", "agreement", "uchwalił"),
        ("Unia Europejska nałożyła sankcje na Białoruś.", "sanctions", "nałożyła"),
        ("Nowe sankcje wobec Rosji weszły w życie.", "sanctions", "sankcje"),
        ("Sąd skazał dziennikarza na dwa lata więzienia.", "legal", "skazał"),
        ("Policja aresztowała trzech mężczyzn.", "legal", "aresztowała"),
        ("Prokuratura wszczęła śledztwo w sprawie wypadku.", "legal", "śledztwo"),
        ("Rosja i Białoruś przeprowadziły ćwiczenia wojskowe.", "military", "ćwiczenia"),
        ("Wojska zakończyły manewry na poligonie.", "military", "manewry"),
        ("Atak terrorystyczny wstrząsnął miastem.", "military", "Atak"),
        ("Prezydent mianował nowego ministra.", "appointment", "mianował"),
        ("Dymisja ministra zaskoczyła opozycję.", "appointment", "Dymisja"),
        ("Anna Nowak została premierem w 2015 roku.", "appointment", "została"),
        ("Chorwacja wstąpiła do Unii Europejskiej w 2013 roku.", "accession", "wstąpiła"),
        ("Po wyjściu Wielkiej Brytanii z Unii Europejskiej ceny wzrosły.", "accession", "wyjściu"),
        ("Fuzja dwóch banków została zatwierdzona.", "business", "Fuzja"),
        ("Inwestycja pochłonie miliard złotych.", "business", "Inwestycja"),
        ("Pożar strawił magazyn w nocy.", "incident", "Pożar"),
        ("Przewoźnik odwołał wszystkie loty do Berlina.", "incident", "odwołał"),
        ("Samolot pasażerski został uziemiony na lotnisku.", "incident", "uziemiony"),
        ("Budowa gazociągu dobiegła końca.", "business", "Budowa"),
        ("Katastrofa samolotu wstrząsnęła krajem.", "incident", "Katastrofa"),
        ("Kampania wyborcza rozpoczęła się w sierpniu.", "other", "Kampania"),
        ("W niedzielę w Słowenii odbyła się pierwsza tura wyborów.", "election", "tura"),
        ("Druga tura odbędzie się za dwa tygodnie.", "election", "tura"),
        ("Burmistrz zwyciężył w drugiej turze.", "election", "zwyciężył"),
        ("Urzędująca prezydent zdobyła 52 proc. głosów.", "election", "głosów"),
        ("Frekwencja wyniosła niespełna 40 procent.", "election", "Frekwencja"),
        ("Senator ubiega się o reelekcję.", "election", "reelekcję"),
        ("Mieszkańcy tłumnie poszli do urn.", "election", "urn"),
        ("Połowa posłów zagłosowała za poprawką.", "election", "zagłosowała"),
        ("Na uroczystości zjawili się goście z zagranicy.", "other", "uroczystości"),
    ],
)
def test_trigger_forms_and_types(nlp, text: str, kind: str, trigger: str) -> None:
    found = [(e["type"], e["trigger"]) for e in _events(nlp, text)]
    assert (kind, trigger) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Turyści weszli na szczyt góry.",  # a mountain's top is no summit
        "Ćwiczenia fizyczne są zdrowe.",  # physical exercise is no military exercise
        "Ekspert udzielił wywiadu, a w rozmowie z dziennikarzem chwalił rząd.",  # an interview
        "Po wyjściu na wolność wrócił do domu.",  # leaving prison is no accession
        "Na koniec debaty głos zabrał marszałek.",  # taking the floor is no vote
    ],
)
def test_words_in_other_senses_are_no_events_of_that_type(nlp, text: str) -> None:
    kinds = {e["type"] for e in _events(nlp, text)}
    assert not kinds & {"summit", "military", "meeting", "accession", "election"}, kinds


def test_a_round_of_talks_is_a_meeting_not_an_election(nlp) -> None:
    kinds = [e["type"] for e in _events(nlp, "Kolejna tura rozmów odbędzie się w Genewie.")]
    assert kinds == ["meeting"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Polska podpisała umowę z Litwą.", "happened"),
        ("Szczyt NATO ma się odbyć w Wilnie.", "planned"),
        ("Prezydent zapowiedział, że podpisze umowę z Litwą.", "planned"),
        ("Polska podpisze umowę z Litwą.", "planned"),
        ("Szczyt NATO w Wilnie został odwołany.", "cancelled"),
        ("Gdyby doszło do referendum, Szkoci wybraliby niepodległość.", "hypothetical"),
        ("Rząd nie podpisał umowy z Litwą.", "hypothetical"),
        ("Negocjacje z Litwą wciąż trwają.", "ongoing"),
        ("Podczas manewrów wojskowych prezydent zapowiedział wizytę premiera.", "happened"),
    ],
)
def test_status(nlp, text: str, status: str) -> None:
    events = _events(nlp, text)
    assert events, text
    assert events[0]["status"] == status, events[0]


def test_what_follows_an_announcement_is_planned(nlp) -> None:
    events = _events(nlp, "Podczas manewrów wojskowych prezydent zapowiedział wizytę premiera.")
    assert [(e["type"], e["status"]) for e in events] == [
        ("military", "happened"),
        ("meeting", "planned"),
    ]


def test_time_place_and_parties(nlp) -> None:
    text = (
        "14 października 2021 roku Aleksander Łukaszenko spotkał się w Moskwie "
        "z Władimirem Putinem."
    )
    record = _record(nlp, text)
    (event,) = [e for e in record["events"] if e["type"] == "meeting"]
    assert event["time"] == "2021-10-14"
    assert event["time_text"] == "14 października 2021 roku"
    assert _names(record, [event["place"]]) == {"Moskwa"}
    assert {"Aleksander Łukaszenko", "Władimir Putin"} <= _names(record, event["participants"])
    assert (event["start"], event["end"]) == (0, len(text))  # the evidence: the sentence
    assert text[event["trigger_start"] : event["trigger_end"]] == "spotkał"


def test_a_country_adjective_beside_the_trigger_names_a_party(nlp) -> None:
    record = _record(nlp, "Amerykańskie sankcje wobec Rosji weszły w życie.")
    (event,) = [e for e in record["events"] if e["type"] == "sanctions"]
    assert {"Stany Zjednoczone", "Rosja"} <= _names(record, event["participants"])


def test_undated_event_has_no_time(nlp) -> None:
    # the document date is when the event was reported, not when it happened
    (event,) = _events(nlp, "Polska podpisała umowę z Litwą.")
    assert event["time"] is None


def test_a_date_after_the_document_makes_an_event_planned(nlp) -> None:
    # a headline has no verb to tell the tense: the date does
    (event,) = _events(nlp, "Szczyt NATO w Wilnie 11 lipca 2023 roku.", "2023-06-20")
    assert event["time"] == "2023-07-11"
    assert event["status"] == "planned"


def test_event_inside_a_quotation_is_a_claim(nlp) -> None:
    text = "– Podpiszemy umowę z Litwą – powiedział premier Polski.\n"
    events = [e for e in _events(nlp, text) if e["type"] == "agreement"]
    assert events and events[0]["claim"] is True and events[0]["quote_index"] == 0


def test_references_to_one_event_share_its_id(nlp) -> None:
    text = (
        "Szczyt NATO odbył się w Wilnie 11 lipca 2023 roku. "
        "W tym szczycie wziął udział prezydent Francji Emmanuel Macron."
    )
    record = _record(nlp, text, "2023-07-12")
    summits = [e for e in record["events"] if e["type"] == "summit"]
    assert len(summits) == 2
    assert summits[0]["id"] == summits[1]["id"]
    assert "Emmanuel Macron" in _names(record, summits[1]["participants"])


def test_a_bare_repeat_is_not_reported_again(nlp) -> None:
    text = "Polska podpisała umowę z Litwą. Podpisała ją w Wilnie. Potem podpisała ją jeszcze raz."
    agreements = [e for e in _events(nlp, text) if e["type"] == "agreement"]
    # the second adds a place; the third adds nothing
    assert len(agreements) == 2
    assert agreements[0]["id"] == agreements[1]["id"]


def test_a_new_one_of_its_kind_is_another_event(nlp) -> None:
    text = "Referendum odbyło się w 2016 roku. Politycy chcą drugiego referendum."
    elections = [e for e in _events(nlp, text, "2018-01-10") if e["type"] == "election"]
    assert len(elections) == 2
    assert elections[0]["id"] != elections[1]["id"]


def test_two_articles_reporting_one_summit_give_one_id(nlp) -> None:
    first = _events(
        nlp,
        "W czwartek w Mińsku odbył się szczyt Euroazjatyckiej Unii Gospodarczej.",
        "2021-10-15",
    )
    second = _events(
        nlp,
        "Białoruś gościła 14 października w Mińsku szczyt Euroazjatyckiej Unii Gospodarczej, "
        "w którym zdalnie uczestniczył Władimir Putin.",
        "2021-10-16",
    )
    (one,) = [e for e in first if e["type"] == "summit"]
    (other,) = [e for e in second if e["type"] == "summit"]
    assert one["time"] == other["time"] == "2021-10-14"
    assert one["id"] == other["id"]


def test_events_without_time_stay_apart_across_documents(nlp) -> None:
    one = _events(nlp, "Polska podpisała umowę z Litwą.")
    other = _events(nlp, "Polska podpisała umowę z Litwą, o czym poinformował rząd.")
    assert one[0]["id"] != other[0]["id"]


def test_records_with_events_follow_the_contract_schema(nlp) -> None:
    record = _record(
        nlp,
        "Szczyt NATO odbył się w Wilnie 11 lipca 2023 roku. "
        "– Podpiszemy umowę z Litwą – powiedział premier Polski.\n",
        "2023-07-12",
    )
    assert {e["type"] for e in record["events"]} >= {"summit", "agreement"}
    validate_record(record)


def test_lexicon_entries_are_known_types_and_lemmas(nlp) -> None:
    from kronika.lang.morphology import shared_morphology

    morphology = shared_morphology()
    for lemma, entries in lexicon().triggers.items():
        assert all(entry.type in EVENT_TYPES for entry in entries)
        known = {r.lemma.lower() for r in morphology.analyse(lemma) if r.known}
        assert lemma.lower() in known, f"{lemma} is not an SGJP lemma"


def test_who_takes_part_in_a_general_word_for_the_event(nlp) -> None:
    # "impreza" is no event of its own: it is the summit the sentence named before it
    text = (
        "Tydzień przed szczytem NATO w Wilnie Kreml ogłosił, że premier Jan Nowak weźmie "
        "udział w imprezach, ale tylko zdalnie."
    )
    record = _record(nlp, text)
    (summit,) = [e for e in record["events"] if e["type"] == "summit"]
    assert summit["trigger"] == "szczytem"
    assert "Jan Nowak" in _names(record, summit["participants"])


def test_a_subject_left_out_is_the_person_of_its_gender_named_before(nlp) -> None:
    text = (
        "Opozycję reprezentowała Anna Wiśniewska, a rząd Jan Nowak. "
        "Wkrótce potem pojechała na szczyt NATO w Wilnie."
    )
    record = _record(nlp, text)
    (summit,) = [e for e in record["events"] if e["type"] == "summit"]
    names = _names(record, summit["participants"])
    assert "Anna Wiśniewska" in names
    assert "Jan Nowak" not in names


def test_a_sentence_with_its_own_subject_takes_no_one_from_before(nlp) -> None:
    text = "Anna Wiśniewska wróciła z Brukseli. Rząd pojechał na szczyt NATO w Wilnie."
    record = _record(nlp, text)
    (summit,) = [e for e in record["events"] if e["type"] == "summit"]
    assert "Anna Wiśniewska" not in _names(record, summit["participants"])


def test_an_arrival_where_to_is_said_is_an_event(nlp) -> None:
    (event,) = _events(nlp, "Szczepionki przyleciały do Polski w poniedziałek.")
    assert (event["type"], event["trigger"]) == ("other", "przyleciały")
    assert not _events(nlp, "Goście przyjechali wcześnie i szybko wyszli.")


def test_names_coordinated_before_the_verb_both_take_part(nlp) -> None:
    record = _record(nlp, "Trump i Biden spotkali się w Waszyngtonie.")
    [meeting] = [e for e in record["events"] if e["type"] == "meeting"]
    assert _names(record, meeting["participants"]) == {"Donald Trump", "Joe Biden"}


def test_a_complaint_a_court_rules_on_is_legal(nlp) -> None:
    [event] = _events(nlp, "Sąd odrzucił skargę Trumpa.")
    assert (event["type"], event["trigger"]) == ("legal", "skargę")
