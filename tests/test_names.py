"""Name phrases go to their nominative: agreeing words change, dependents and acronyms stay.

Phrases are composed for these tests (news-style names around Belarus, Russia, the EAEU); each
row is (phrase, NKJP label or None, expected nominative).
"""

from __future__ import annotations

import pickle

import pytest

from kronika.lang.names import NameLemmatizer, category_group, default_spaces, reachable
from kronika.lang.names.gender import person_gender


@pytest.fixture(scope="session")
def names() -> NameLemmatizer:
    return NameLemmatizer()


CASES = [
    # adjectives agree with their head, before and after it
    ("Euroazjatyckiej Unii Gospodarczej", "orgName", "Euroazjatycka Unia Gospodarcza"),
    ("Federacji Rosyjskiej", "placeName_country", "Federacja Rosyjska"),
    ("Zielonej Górze", "placeName_settlement", "Zielona Góra"),
    ("Nowym Jorku", "placeName_settlement", "Nowy Jork"),
    ("Sądu Najwyższego", "orgName", "Sąd Najwyższy"),
    # a dependent genitive or prepositional phrase keeps its case
    (
        "Organizacji Układu o Bezpieczeństwie Zbiorowym",
        "orgName",
        "Organizacja Układu o Bezpieczeństwie Zbiorowym",
    ),
    ("Wspólnocie Niepodległych Państw", "orgName", "Wspólnota Niepodległych Państw"),
    ("Radzie Bezpieczeństwa ONZ", "orgName", "Rada Bezpieczeństwa ONZ"),
    ("Ministerstwa Spraw Zagranicznych", "orgName", "Ministerstwo Spraw Zagranicznych"),
    # two conjoined names both decline
    ("Prawa i Sprawiedliwości", "orgName", "Prawo i Sprawiedliwość"),
    ("Bośni i Hercegowinie", "placeName_country", "Bośnia i Hercegowina"),
    # plural-only names stay plural
    ("Stanach Zjednoczonych", "placeName_country", "Stany Zjednoczone"),
    ("Niemczech", "placeName_country", "Niemcy"),
    ("Węgier", "placeName_country", "Węgry"),
    # single known names
    ("Białorusią", "placeName_country", "Białoruś"),
    ("Mińsku", "placeName_settlement", "Mińsk"),
    # a town's name as GeoNames writes it in Polish stays ("w Karaczi"), not a made-up Karacź
    ("Karaczi", "placeName_settlement", "Karaczi"),
    ("Łukaszence", "persName", "Łukaszenko"),
    ("Putinowi", "persName", "Putin"),
    # first name + surname agree: the genitive masculine, not the feminine nominative
    ("Aleksandra Milinkiewicza", "persName", "Aleksander Milinkiewicz"),
    ("Władimira Putina", "persName", "Władimir Putin"),
    ("Siergiejem Ławrowem", "persName", "Siergiej Ławrow"),
    ("Jarosławem Kaczyńskim", "persName", "Jarosław Kaczyński"),
    # surnames SGJP does not know, guessed from their endings and the first name's case
    ("Cichanouskiej", "persName", "Cichanouska"),
    ("Cichanouską", "persName", "Cichanouska"),
    ("Swiatłany Cichanouskiej", "persName", "Swiatłana Cichanouska"),
    ("Marią Kalesnikawą", "persName", "Maria Kalesnikawa"),
    ("Tacciany Suzdalcewej", "persName", "Tacciana Suzdalcewa"),
    ("Jurija Suzdalcewa", "persName", "Jurij Suzdalcew"),
    ("Pawłem Usowem", "persName", "Paweł Usow"),
    # an ending too rare to trust alone still rules out what it never does: no "-ba" noun has
    # a genitive in "-bi", so "Bibi" is not the genitive of "Biba"
    ("Asi Bibi", "persName", "Asia Bibi"),
    # an ending seen only unchanged ("-yra") does not keep a shorter one's change from it
    ("Wołodymyra Zełenskiego", "persName", "Wołodymyr Zełenski"),
    # a woman's surname not ending in -a stays while her first name declines; a first name
    # SGJP knows only as a common noun ("giny", of gin) is still a name here
    ("Giny Miller", "persName", "Gina Miller"),
    ("Federikę Mogherini", "persName", "Federika Mogherini"),
    # SGJP cites some surnames with a pronunciation mark ("praUss"): the text's spelling stays
    ("Stefana Praussa", "persName", "Stefan Prauss"),
    ("Kołosowem", "persName", "Kołosow"),
    ("Wincuka Wiaczorki", "persName", "Wincuk Wiaczorka"),
    ("Ihara Marzaliuka", "persName", "Ihar Marzaliuk"),
    # hyphenated names: both halves decline, each in its own gender
    ("Bielsku-Białej", "placeName_settlement", "Bielsko-Biała"),
    ("Kędzierzyna-Koźla", "placeName_settlement", "Kędzierzyn-Koźle"),
    ("Anny Kowalskiej-Nowak", "persName", "Anna Kowalska-Nowak"),
    ("Jerzego Sulimy-Kamińskiego", "persName", "Jerzy Sulima-Kamiński"),
    # the first part of a compound adjective does not decline
    ("Partii Komunistycznej Białorusi", "orgName", "Partia Komunistyczna Białorusi"),
    ("granicy polsko-białoruskiej", None, "granica polsko-białoruska"),
    # acronyms are unchanged; a glued case ending goes
    ("NATO", "orgName", "NATO"),
    ("OUBZ", "orgName", "OUBZ"),
    ("PSL-u", "orgName", "PSL"),
    ("NATO-wi", "orgName", "NATO"),
    ("PiS-u", "orgName", "PiS"),
    ("Chomsky'ego", "persName", "Chomsky"),
    # quotes and numerals inside a name are kept
    ('"Gazety Wyborczej"', "orgName", '"Gazeta Wyborcza"'),
    ("XIV Brygady Kawalerii", "orgName", "XIV Brygada Kawalerii"),
    # an adjectival name is cited in the masculine; a derived adjective in lowercase
    ("opolskim", None, "opolski"),
    ("rosyjskich", "nam_adj_country", "rosyjski"),
    ("Białoruskiej", "nam_adj_country", "białoruski"),
    # a person's abbreviated title is kept, the name after it declines
    ("św. Wincentego", "persName", "św. Wincenty"),
    # an abbreviated head keeps the rest as it is
    ("al. Jana Pawła II", "nam_fac_road", "al. Jana Pawła II"),
    # foreign names that Polish readings would mangle stay as they are
    ("New Scientist", "orgName", "New Scientist"),
    # an English possessive is no Polish ending glued on
    ("Reader's Digest", "orgName", "Reader's Digest"),
    # particles of foreign names stay, the names around them decline
    ("Ursuli von der Leyen", "persName", "Ursula von der Leyen"),
    ("Leonarda da Vinci", "persName", "Leonard da Vinci"),
    # a foreign first name that does not decline before a surname that does
    ("Benito Mussoliniego", "persName", "Benito Mussolini"),
    # an adjective agreeing with the head is not taken for one of the dependent's
    ("Parku Narodowego Gór Stołowych", "placeName", "Park Narodowy Gór Stołowych"),
    # a given name of many languages is no oblique form of a rarer one
    ("Andy", "persName", "Andy"),
    # no name is read as addressed: "Mario" is not the vocative of Maria
    ("Mario Puzo", "persName", "Mario Puzo"),
    # already nominative
    ("Unia Europejska", "orgName", "Unia Europejska"),
    ("Aleksander Łukaszenko", "persName", "Aleksander Łukaszenko"),
]


@pytest.mark.parametrize(("phrase", "category", "expected"), CASES)
def test_lemmatize_text(
    names: NameLemmatizer, phrase: str, category: str | None, expected: str
) -> None:
    assert names.lemmatize_text(phrase, category) == expected


def test_tokens_with_spaces(names: NameLemmatizer) -> None:
    forms = ["Bielsku", "-", "Białej"]
    assert names.lemmatize(forms, "placeName_settlement", [False, False, False]) == "Bielsko-Biała"
    # the default spacing glues hyphens
    assert names.lemmatize(forms, "placeName_settlement") == "Bielsko-Biała"
    assert names.lemmatize(["Unii", "Europejskiej"]) == "Unia Europejska"
    # a case ending split off by the tokenizer goes with its hyphen or apostrophe
    assert names.lemmatize(["PSL", "-", "u"], "orgName") == "PSL"
    assert names.lemmatize(["Wordsworth", "’", "a"], "persName") == "Wordsworth"


def test_ending_glued_to_a_compound_first_name(names: NameLemmatizer) -> None:
    # the apostrophe ending closes "Jean-Claude": the surname after it is in the same case
    assert names.lemmatize_text("Jean-Claude'a Junckera", "persName") == "Jean-Claude Juncker"
    assert names.lemmatize_text("Jeremy'ego Corbyna", "persName") == "Jeremy Corbyn"


def test_scored_candidates_are_probabilities(names: NameLemmatizer) -> None:
    scored = names.scored(["Swiatłany", "Cichanouskiej"], "persName")
    assert scored[0][0] == "Swiatłana Cichanouska"
    assert abs(sum(p for _t, p in scored) - 1.0) < 1e-9
    assert [p for _t, p in scored] == sorted((p for _t, p in scored), reverse=True)


def test_document_names_agree_on_one_nominative(names: NameLemmatizer) -> None:
    # alone, "Obama" reads best as the genitive of a surname "Obam"; in an article that also
    # writes "Baracka Obamy" and "Obamie", the forms agree on Obama
    alone = names.scored(["Obama"], "persName_surname")
    assert {t for t, _p in alone} >= {"Obama", "Obam"}
    together = names.lemmatize_document(
        [
            (["Baracka", "Obamy"], "persName", None),
            (["Obamie"], "persName", None),
            (["Obama"], "persName", None),
        ]
    )
    assert together == ["Barack Obama", "Obama", "Obama"]
    # names of another category group do not vote
    assert names.lemmatize_document([(["Unii", "Europejskiej"], "orgName", None)]) == [
        "Unia Europejska"
    ]


def test_document_name_reached_word_by_word(names: NameLemmatizer) -> None:
    # no one key of "Fransowi Timmermansowi" gives "Frans Timmermans", but each of its words
    # stands in the same place in one of the candidates: the article's nominative is offered
    options = [("Frans Timmermansowi", 0.8), ("Fransowi Timmermans", 0.2)]
    others = [[("Frans Timmermans", 0.9), ("Frans Timmermansa", 0.1)], [("Bruksela", 1.0)]]
    assert reachable(options, others) == [("Frans Timmermans", 0.0)]
    # a word no candidate has in that place is not reached
    assert reachable(options, [[("Frank Timmermans", 1.0)]]) == []
    together = names.lemmatize_document(
        [(["Asi", "Bibi"], "persName", None), (["Asia", "Bibi"], "persName", None)]
    )
    assert together == ["Asia Bibi", "Asia Bibi"]


def test_space_flags_must_match(names: NameLemmatizer) -> None:
    with pytest.raises(ValueError):
        names.lemmatize(["Unii", "Europejskiej"], None, [True])


def test_default_spaces() -> None:
    assert default_spaces(["Bielsko", "-", "Biała"]) == [False, False, False]
    assert default_spaces(['"', "Gazeta", "Wyborcza", '"']) == [False, True, False, False]
    assert default_spaces(["św", ".", "Wincenty"]) == [False, True, False]


def test_capitalization_follows_input(names: NameLemmatizer) -> None:
    assert names.lemmatize_text("unii europejskiej") == "unia europejska"
    assert names.lemmatize_text("UNII EUROPEJSKIEJ", "orgName") == "UNIA EUROPEJSKA"


def test_deterministic_and_cached(names: NameLemmatizer) -> None:
    first = names.lemmatize_text("Swiatłany Cichanouskiej", "persName")
    fresh = NameLemmatizer().lemmatize_text("Swiatłany Cichanouskiej", "persName")
    assert first == fresh == names.lemmatize_text("Swiatłany Cichanouskiej", "persName")


def test_nothing_loaded_until_used() -> None:
    lemmatizer = NameLemmatizer()
    assert lemmatizer.resources._morphology is None
    assert lemmatizer.resources._endings is None


def test_pickles_without_morfeusz(names: NameLemmatizer) -> None:
    names.lemmatize_text("Mińsku")
    copy = pickle.loads(pickle.dumps(names))
    assert copy.lemmatize_text("Mińsku", "placeName_settlement") == "Mińsk"


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("persName_surname", "person"),
        ("nam_liv_person", "person"),
        ("placeName_country", "location"),
        ("nam_loc_gpe_city", "location"),
        ("orgName", "organization"),
        ("nam_org_nation", "nation"),
        ("nam_adj_country", "adjective"),
        ("nam_pro_title", "other"),
        (None, None),
    ],
)
def test_category_groups(label: str | None, group: str | None) -> None:
    assert category_group(label) == group


def test_without_ranker_the_hand_set_score_decides() -> None:
    # the ranker's training scores candidates with no ranker and its own lexicon
    lemmatizer = NameLemmatizer()
    lemmatizer.resources.ranker = {}
    lemmatizer.resources.lexicon = frozenset()
    assert lemmatizer.scored(["Władimira", "Putina"], "persName") == [("Władimir Putin", 1.0)]
    candidates = lemmatizer.candidates("Władimira Putina", "persName")
    assert candidates[0].text == "Władimir Putin"
    # genitive and accusative give the same words: their hand-set scores tie, neither is "first"
    assert candidates[0].features["hand"] == candidates[1].features["hand"] > 0.0
    assert candidates[1].text == "Władimir Putin"
    assert "known name" not in candidates[0].features


def test_import_paths_of_other_layers() -> None:
    # ner, resolve, api, cli and training import these from kronika.lang.names
    from kronika.lang.names import (
        LEXICON_PATH,
        RANKER_PATH,
        feminine_name,
        parse_tag,
        shared_name_lemmatizer,
    )

    assert RANKER_PATH.name == "name_ranker.tsv" and LEXICON_PATH.is_file()
    assert feminine_name("Swiatłana Cichanouska") and not feminine_name("Paweł Usow")
    assert parse_tag("subst:sg:gen.acc:m1")[2] == frozenset({"gen", "acc"})
    assert shared_name_lemmatizer() is shared_name_lemmatizer()


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Anna Nowak", "f"),
        ("Hillary Clinton", "f"),  # SGJP's forename, feminine
        ("Kellyanne Conway", "f"),  # a woman's name of world news
        ("Ursula von der Leyen", "f"),
        ("Maria Kowalska", "f"),
        ("Kuba Wojewódzki", "m"),  # a man's name ending in -a
        ("Donald Trump", "m"),
        ("Mitch McConnell", "m"),
        ("Jean-Claude Juncker", "m"),
        ("Kowalska", "f"),
        ("Nowicki", "m"),
    ],
)
def test_a_persons_gender_from_the_name(name: str, gender: str) -> None:
    assert person_gender(name) == gender
