"""Relations of the graph (kronika.extract.relations + kronika.resolve.relations) on Polish
sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

import kronika
from kronika.extract.relations.cues import cues
from kronika.ingest import Document
from kronika.model import Relation


def analyzed(nlp: Any, text: str, date: str = "2021-12-01") -> dict[str, Any]:
    return kronika.analyze(Document.create(text, source="test", date=date), nlp=nlp).to_json()


def relations(
    nlp: Any, text: str, date: str = "2021-12-01"
) -> set[tuple[str, str, str | None, str | None, str, str | None]]:
    """(subject, predicate, object, value, status, time) by entity names."""
    record = analyzed(nlp, text, date)
    names = {e["id"]: e["name"] for e in record["entities"]}
    found = set()
    for rel in record["relations"]:
        assert rel["subject"] in names and (rel["object"] is None or rel["object"] in names)
        found.add(
            (
                names[rel["subject"]],
                rel["predicate"],
                names.get(rel["object"]),
                rel["value"],
                rel["status"],
                rel["time"],
            )
        )
    return found


def test_every_cue_list_is_read() -> None:
    loaded = cues()
    assert "wstąpić" in loaded.words("membership", "join_verbs")
    assert loaded.title_objects["papież"] == "organization:Kościół katolicki"
    assert loaded.membership_events["event:Brexit"] == ("country:GB", "org:UE", "left")


def test_joined_with_its_year_and_validity(nlp) -> None:
    record = analyzed(nlp, "Litwa wstąpiła do NATO w 2004 roku.")
    [rel] = [r for r in record["relations"] if r["predicate"] == "member_of"]
    relation = Relation.from_json(rel)
    assert (relation.status, relation.time, relation.time_source) == ("joined", "2004", "timex")
    assert (relation.valid_from, relation.valid_to) == ("2004", None)
    assert record["text"][relation.start : relation.end].startswith("Litwa wstąpiła do NATO")


def test_left_and_planned_exit(nlp) -> None:
    assert ("Grecja", "member_of", "Unia Europejska", None, "left", None) in relations(
        nlp, "Grecja wystąpiła z Unii Europejskiej."
    )
    planned = relations(nlp, "Węgry mają opuścić Unię Europejską do 1 marca 2030 roku.")
    assert ("Węgry", "member_of", "Unia Europejska", None, "planned", "2030-03-01") in planned


def test_an_exit_noun_with_its_member(nlp) -> None:
    found = relations(nlp, "Rząd przygotowuje się na wyjście Wielkiej Brytanii z UE.")
    assert ("Wielka Brytania", "member_of", "Unia Europejska", None, "left", None) in found


def test_being_led_out_of_two_alliances_keeps_the_membership(nlp) -> None:
    # a conditional exit is hypothetical: the country is still a member of both
    found = relations(
        nlp,
        "Armenia jest w trudnym położeniu. Nowa władza wyprowadziłaby kraj z dwóch sojuszy: "
        "Organizacji Układu o Bezpieczeństwie Zbiorowym (OUBZ) i Euroazjatyckiej Unii "
        "Gospodarczej.",
    )
    members = {(s, o, status) for s, p, o, _v, status, _t in found if p == "member_of"}
    assert members == {
        ("Armenia", "Organizacja Układu o Bezpieczeństwie Zbiorowym", "current"),
        ("Armenia", "Euroazjatycka Unia Gospodarcza", "current"),
    }


def test_joining_programmes_listed_in_brackets(nlp) -> None:
    found = relations(
        nlp,
        "Mołdawia przystąpiła do kilku programów współpracy z NATO (m.in. Partnerstwo dla Pokoju).",
    )
    assert ("Mołdawia", "member_of", "Partnerstwo dla Pokoju", None, "joined", None) in found
    assert not any(o == "NATO" and p == "member_of" for _s, p, o, *_ in found)


def test_members_listed_after_a_bloc(nlp) -> None:
    found = relations(
        nlp,
        "Na szczycie Euroazjatyckiej Unii Gospodarczej (Rosja, Armenia, Kazachstan) "
        "mówiono o cłach.",
    )
    members = {
        s for s, p, o, *_ in found if p == "member_of" and o == "Euroazjatycka Unia Gospodarcza"
    }
    assert members == {"Rosja", "Armenia", "Kazachstan"}


def test_suspended_cooperation_with_nato_from_a_month(nlp) -> None:
    record = analyzed(
        nlp,
        "Współpraca władz w Kiszyniowie z NATO została zawieszona w listopadzie 2021 roku.",
    )
    names = {e["id"]: e["name"] for e in record["entities"]}
    [rel] = [r for r in record["relations"] if r["predicate"] == "partner_of"]
    assert (names[rel["subject"]], names[rel["object"]]) == ("Mołdawia", "NATO")
    assert (rel["status"], rel["time"], rel["valid_from"]) == ("suspended", "2021-11", "2021-11")


def test_role_with_status_and_default_country(nlp) -> None:
    found = relations(nlp, "Były premier Jan Nowak skrytykował rząd.", date="2018-05-02")
    # a bare national office in a Polish article is Poland's
    assert ("Jan Nowak", "role", "Polska", "premier", "former", None) in found


def test_role_of_a_known_person_in_their_country(nlp) -> None:
    found = relations(
        nlp, "Rzeczniczka premier Theresy May odmówiła komentarza.", date="2018-05-02"
    )
    assert ("Theresa May", "role", "Wielka Brytania", "premier", "current", None) in found


def test_role_after_a_copula_dated_by_its_clause(nlp) -> None:
    found = relations(nlp, "Anna Kowalska została prezesem Orlenu w listopadzie 2021 roku.")
    roles = {(s, v, t) for s, p, _o, v, _st, t in found if p == "role"}
    assert ("Anna Kowalska", "prezes", "2021-11") in roles


def test_a_title_always_of_one_organization(nlp) -> None:
    found = relations(nlp, "Papież Franciszek modlił się za ofiary.")
    assert ("Franciszek", "role", "Kościół katolicki", "papież", "current", None) in found


def test_a_party_phrase_is_membership_not_the_office(nlp) -> None:
    found = relations(nlp, "Były premier z ramienia Partii Pracy Tony Blair zabrał głos.")
    assert ("Tony Blair", "member_of", "Partia Pracy", None, "current", None) in found
    assert any(p == "role" and v == "premier" and st == "former" for _s, p, _o, v, st, _t in found)


def test_an_office_without_its_organization_is_left_out(nlp) -> None:
    found = relations(nlp, "Sędzia Marek Wiśniewski odczytał wyrok.")
    assert not [r for r in found if r[1] == "role"]


def test_subsidiary_and_former_owner(nlp) -> None:
    found = relations(nlp, "Spółka Lotos, należąca do koncernu Orlen, podniosła ceny.")
    assert any(p == "subsidiary_of" for _s, p, *_ in found)


def test_opposes_a_described_project(nlp) -> None:
    found = relations(nlp, "Polska sprzeciwia się budowie gazociągu.")
    assert ("Polska", "opposes", "budowa gazociągu", None, "current", None) in found


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Unia Europejska nałożyła sankcje na Białoruś.", "current"),
        ("Unia Europejska zniosła sankcje wobec Białorusi.", "former"),
        ("Unia Europejska zagroziła sankcjami wobec Białorusi.", "planned"),
    ],
)
def test_sanctions_by_their_verb(nlp, text: str, status: str) -> None:
    found = relations(nlp, text)
    assert ("Unia Europejska", "sanctions", "Białoruś", None, status, None) in found


def test_a_relation_inside_a_quotation_is_a_claim(nlp) -> None:
    record = analyzed(nlp, "– Litwa wstąpiła do NATO w 2004 roku – powiedział Jan Nowak.")
    [rel] = [r for r in record["relations"] if r["predicate"] == "member_of"]
    quote = record["quotes"][rel["quote_index"]]
    assert rel["claim"] is True
    assert quote["start"] <= rel["start"] and rel["end"] <= quote["end"]


def test_a_negated_accession_is_no_relation(nlp) -> None:
    assert not relations(nlp, "Ukraina nie wstąpiła do NATO.")


def test_an_office_standing_for_its_holder_is_their_role(nlp) -> None:
    found = relations(nlp, "Prezydent Rosji przyleciał wczoraj do Mińska.", date="2021-10-15")
    assert ("Władimir Putin", "role", "Rosja", "prezydent", "current", None) in found


def test_coordinated_titles_after_a_name(nlp) -> None:
    found = relations(nlp, "Głos zabrał Piotr Zieliński, doradca podatkowy i partner w Deloitte.")
    roles = {(v, o) for s, p, o, v, *_ in found if p == "role" and s == "Piotr Zieliński"}
    assert ("doradca podatkowy", None) in roles
    assert any(v == "partner" and o is not None for v, o in roles)


def test_a_person_from_an_organization_is_its_member(nlp) -> None:
    found = relations(nlp, "Wyniki przedstawiła Ewa Malinowska z Głównego Urzędu Statystycznego.")
    assert any(
        s == "Ewa Malinowska" and p == "member_of" and o is not None for s, p, o, *_ in found
    )


def test_coalition_parties_are_partners(nlp) -> None:
    found = relations(
        nlp, "Kraj rządzony jest przez koalicję Partii Pracy z Liberalnymi Demokratami."
    )
    assert ("Partia Pracy", "partner_of", "Liberalni Demokraci", None, "current", None) in found


def test_an_opponent_in_apposition(nlp) -> None:
    found = relations(nlp, "Jan Nowak, przeciwnik Brexitu, zabrał głos w Sejmie.")
    assert ("Jan Nowak", "opposes", "Brexit", None, "current", None) in found


def test_a_name_inside_a_described_target_is_not_the_target(nlp) -> None:
    found = relations(nlp, "Komisja Europejska sprzeciwia się budowie gazociągu Nord Stream 2.")
    [target] = [o for s, p, o, *_ in found if p == "opposes"]
    assert target == "budowa gazociągu Nord Stream 2"


def test_the_financiers_of_a_project_are_its_partners(nlp) -> None:
    found = relations(
        nlp,
        "Rosja buduje gazociąg Nord Stream 2. Budowę Nord Stream 2 finansują koncerny OMV, "
        "Shell i Uniper.",
    )
    partners = {s for s, p, o, *_ in found if p == "partner_of" and o and o.startswith("Nord")}
    assert partners == {"OMV", "Shell", "Uniper"}


def test_each_shareholder_of_a_consortium_controls_it(nlp) -> None:
    found = relations(nlp, "Budowę prowadzi Orlen, w którym udziały mają OMV, Shell i Uniper.")
    owners = {o for s, p, o, *_ in found if p == "subsidiary_of" and s == "Orlen"}
    assert owners == {"OMV", "Shell", "Uniper"}


def test_a_lowercase_complement_is_the_title_or_an_unnamed_organization(nlp) -> None:
    found = relations(
        nlp,
        "Minister zdrowia Adam Niedzielski zapowiedział zmiany. Rzecznik związku zawodowego "
        "pilotów Jan Nowak protestował.",
    )
    assert ("Adam Niedzielski", "role", "Polska", "minister zdrowia", "current", None) in found
    roles = {(s, o) for s, p, o, v, *_ in found if p == "role" and v == "rzecznik"}
    assert roles == {("Jan Nowak", "związek zawodowego pilotów")}


def test_a_genitive_name_after_a_title_is_not_its_holder(nlp) -> None:
    found = relations(nlp, "Była menadżer kampanii Trumpa odmówiła komentarza.")
    assert not [r for r in found if r[1] == "role"]


def test_an_unnamed_organization_after_an_apposition(nlp) -> None:
    record = analyzed(nlp, "Protest zapowiedział Jan Nowak, rzecznik związku zawodowego pilotów.")
    names = {e["id"]: e["name"] for e in record["entities"]}
    [role] = [r for r in record["relations"] if r["predicate"] == "role"]
    assert names[role["object"]] == "związek zawodowego pilotów"
    assert record["text"][role["start"] : role["end"]].endswith("zawodowego pilotów")


def test_z_with_the_instrumental_is_company_not_membership(nlp) -> None:
    found = relations(nlp, "Rozmowy Jana Nowaka z Sojuszem Północnoatlantyckim trwały długo.")
    assert not [r for r in found if r[1] == "member_of"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Estonia należy do NATO od 2004 roku.",
            ("Estonia", "member_of", "NATO", None, "joined", "2004"),
        ),
        (
            "Finlandia złożyła wniosek o członkostwo w NATO.",
            ("Finlandia", "member_of", "NATO", None, "candidate", None),
        ),
        (
            "Gruzja od lat ubiega się o członkostwo w Unii Europejskiej.",
            ("Gruzja", "member_of", "Unia Europejska", None, "candidate", None),
        ),
        (
            "Węgry zawiesiły członkostwo w Radzie Europy.",
            ("Węgry", "member_of", "Rada Europy", None, "suspended", None),
        ),
    ],
)
def test_membership_from_belonging_application_and_suspension(nlp, text, expected) -> None:
    assert expected in relations(nlp, text)


def test_a_denied_application_states_no_candidacy(nlp) -> None:
    found = relations(nlp, "Norwegia nie złożyła wniosku o członkostwo w Unii Europejskiej.")
    assert not [r for r in found if r[1] == "member_of"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Marta Wiśniewska została wybrana na prezydenta Litwy.",
            ("Marta Wiśniewska", "role", "Litwa", "prezydent", "current", None),
        ),
        (
            "Tomasz Zieliński został powołany na stanowisko prezesa Orlenu.",
            ("Tomasz Zieliński", "role", "Orlen", "prezes", "current", None),
        ),
        (
            "Nowym premierem Łotwy został Jānis Ozols.",
            ("Jānis Ozols", "role", "Łotwa", "premier", "current", None),
        ),
        (
            "Sekretarzem generalnym NATO jest Jens Stoltenberg.",
            ("Jens Stoltenberg", "role", "NATO", "sekretarz generalny", "current", None),
        ),
    ],
)
def test_titles_around_a_copula(nlp, text, expected) -> None:
    assert expected in relations(nlp, text)


def test_a_past_copula_in_a_relative_clause_is_a_former_office(nlp) -> None:
    found = relations(nlp, "Adam Kowalczyk, który był prezesem Orlenu, krytykuje plan.")
    assert ("Adam Kowalczyk", "role", "Orlen", "prezes", "former", None) in found


def test_a_noun_for_a_partys_member_makes_a_person_its_member(nlp) -> None:
    found = relations(
        nlp,
        "O fotel prezydenta walczą republikanin Donald Trump i demokrata Joe Biden. "
        "Zakonnicy, których odwiedził dominikanin o. Paweł Nowak, modlą się za nich.",
        "2020-10-20",
    )
    assert ("Donald Trump", "member_of", "Partia Republikańska", None, "current", None) in found
    assert ("Joe Biden", "member_of", "Partia Demokratyczna", None, "current", None) in found
    assert ("Paweł Nowak", "member_of", "Zakon Dominikanów", None, "current", None) in found


def test_an_apposition_one_of_the_partys_members(nlp) -> None:
    found = relations(
        nlp,
        "W debacie głos zabrał Jan Kowalski, jeden z najbardziej znanych torysów.",
        "2019-02-01",
    )
    assert ("Jan Kowalski", "member_of", "Partia Konserwatywna", None, "current", None) in found


def test_a_partys_members_after_a_title_name_the_party(nlp) -> None:
    found = relations(nlp, "Lider laburzystów Jeremy Corbyn zapowiedział sprzeciw.", "2019-02-01")
    assert ("Jeremy Corbyn", "role", "Partia Pracy", "lider", "current", None) in found


def test_a_members_noun_far_from_a_name_or_written_large_states_nothing(nlp) -> None:
    found = relations(
        nlp,
        "Przewaga demokratów zmalała, a wyborcy republikanów czekają. Anna Nowak z partii "
        "Demokraci mówi, że to nic nie znaczy.",
        "2020-11-05",
    )
    assert not {r for r in found if r[2] in ("Partia Demokratyczna", "Partia Republikańska")}


def test_offices_of_an_american_government(nlp) -> None:
    found = relations(
        nlp,
        "Wybory w USA. Joe Biden, były wiceprezydent USA, pokonał Donalda Trumpa. "
        "Kandydatka na wiceprezydenta Kamala Harris przemawiała w Filadelfii.",
        "2020-11-08",
    )
    assert ("Joe Biden", "role", "Stany Zjednoczone", "wiceprezydent", "former", None) in found
    assert ("Kamala Harris", "role", "Stany Zjednoczone", "wiceprezydent", "candidate", None) in (
        found
    )


def test_a_countrys_one_office_held_by_another_is_not_the_persons(nlp) -> None:
    found = relations(nlp, "Prezydent Hanna Gronkiewicz-Waltz otworzyła most.", "2017-05-01")
    assert not {r for r in found if r[1] == "role" and r[2] == "Polska"}
    former = relations(nlp, "Były premier Leszek Miller skrytykował rząd.", "2021-01-10")
    assert ("Leszek Miller", "role", "Polska", "premier", "former", None) in former


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Estonia, członek NATO i Unii Europejskiej, wzmacnia granicę.",
            {("Estonia", "NATO"), ("Estonia", "Unia Europejska")},
        ),
        (
            "Państwa członkowskie UE, w tym Hiszpania i Portugalia, poparły wniosek.",
            {("Hiszpania", "Unia Europejska"), ("Portugalia", "Unia Europejska")},
        ),
        (
            "Hiszpania i Portugalia, dwa najbliższe kraje Unii, porozumiały się.",
            {("Hiszpania", "Unia Europejska"), ("Portugalia", "Unia Europejska")},
        ),
        ("Węgry to jedyny kraj UE, który zgłosił weto.", {("Węgry", "Unia Europejska")}),
    ],
)
def test_memberships_in_apposition_and_after_a_members_noun(
    nlp: Any, text: str, expected: set[tuple[str, str]]
) -> None:
    found = {(s, o) for s, p, o, *_rest in relations(nlp, text) if p == "member_of"}
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hiszpania, kraj o wielkiej historii, świętuje.",
        "Gruzja nie jest członkiem NATO.",
        "Premier Hiszpanii, członek rządu od lat, podał się do dymisji.",
    ],
)
def test_no_membership_without_an_organization_or_when_denied(nlp: Any, text: str) -> None:
    assert not [r for r in relations(nlp, text) if r[1] == "member_of"]


def test_sanctions_on_a_party_named_before_the_noun(nlp: Any) -> None:
    threatened = relations(nlp, "Kanada zagroziła Iranowi sankcjami.")
    assert ("Kanada", "sanctions", "Iran", None, "planned", None) in threatened
    imposed = relations(nlp, "Unia Europejska nałożyła na Białoruś nowe sankcje.")
    assert ("Unia Europejska", "sanctions", "Białoruś", None, "current", None) in imposed


def test_a_demonstrative_is_no_part_of_what_is_opposed(nlp: Any) -> None:
    record = analyzed(nlp, "Austria od początku sprzeciwiała się temu projektowi.")
    (opposed,) = [r for r in record["relations"] if r["predicate"] == "opposes"]
    assert opposed["object_text"] == "projekt"


def test_a_role_of_the_articles_country_has_its_own_sentence_as_evidence(nlp: Any) -> None:
    text = "Rano odbyło się posiedzenie. Plan ogłosił rządowy pełnomocnik Jan Nowak."
    record = analyzed(nlp, text)
    (role,) = [r for r in record["relations"] if r["predicate"] == "role"]
    assert text[role["start"] : role["end"]].startswith("pełnomocnik")


def test_a_headlines_relation_leaves_the_bodys_statement_in_place(nlp: Any) -> None:
    document = Document.create(
        "Estonia, członek NATO, wzmacnia granicę.",
        source="test",
        date="2021-12-01",
        title="Estonia, członek NATO, reaguje",
    )
    record = kronika.analyze(document, nlp=nlp).to_json()
    (member,) = [r for r in record["relations"] if r["predicate"] == "member_of"]
    assert record["text"][member["start"] : member["end"]].startswith("Estonia")


@pytest.mark.parametrize(
    ("text", "member", "party"),
    [
        (
            "Republikański senator Mitt Romney pogratulował zwycięzcy.",
            "Mitt Romney",
            "Partia Republikańska",
        ),
        (
            "Andrew Cuomo, demokratyczny gubernator Nowego Jorku, zamknął szkoły.",
            "Andrew Cuomo",
            "Partia Demokratyczna",
        ),
        ("Kandydat Demokratów Joe Biden wygrał w Arizonie.", "Joe Biden", "Partia Demokratyczna"),
        ("Brian Kemp jest członkiem Partii Republikańskiej.", "Brian Kemp", "Partia Republikańska"),
        ("Jan Nowak należy do Platformy Obywatelskiej.", "Jan Nowak", "Platforma Obywatelska"),
    ],
)
def test_a_person_member_of_a_party(nlp, text: str, member: str, party: str) -> None:
    assert (member, "member_of", party, None, "current", None) in relations(nlp, text)


def test_a_democratic_country_is_no_party(nlp) -> None:
    # "demokratyczny" names the party only before a person's title
    found = relations(nlp, "Kraj ma demokratyczny rząd, a premier Jan Nowak rządzi.")
    assert not [r for r in found if r[1] == "member_of"]


@pytest.mark.parametrize(
    "text",
    [
        "Polska jako członek UE otrzyma szczepionki.",
        "Szczepionki trafiły do krajów UE, takich jak Niemcy i Polska.",
        "Kraje UE: Polska i Litwa zamówiły dawki.",
    ],
)
def test_a_member_named_as_one_or_in_a_list_after_the_bloc(nlp, text: str) -> None:
    assert ("Polska", "member_of", "Unia Europejska", None, "current", None) in relations(nlp, text)


def test_a_return_to_an_organization_is_an_accession(nlp) -> None:
    found = relations(nlp, "Biden zapowiedział powrót USA do WHO.")
    assert (
        "Stany Zjednoczone",
        "member_of",
        "Światowa Organizacja Zdrowia",
        None,
        "planned",
        None,
    ) in found
    found = relations(nlp, "Rosja wróciła do Rady Europy.")
    assert ("Rosja", "member_of", "Rada Europy", None, "joined", None) in found
    assert not relations(nlp, "Premier wrócił do Polski.")


def test_an_office_on_a_persons_staff_is_of_that_person(nlp) -> None:
    found = relations(nlp, "Była doradczyni Donalda Trumpa Kellyanne Conway odeszła.")
    assert ("Kellyanne Conway", "role", "Donald Trump", "doradczyni", "former", None) in found
    # a title that is no staff office does not take a person as its organization
    found = relations(nlp, "Następca Donalda Trumpa Joe Biden objął urząd.")
    assert not [r for r in found if r[1] == "role" and r[2] == "Donald Trump"]


def test_cooperation_by_which_something_was_done(nlp) -> None:
    text = "Lek opracował koncern Pfizer we współpracy z niemiecką firmą BioNTech."
    assert ("Pfizer", "partner_of", "BioNTech", None, "current", None) in relations(nlp, text)
    # a wish for cooperation is no partnership
    assert not relations(nlp, "Polska chce współpracy z Niemcami.")
