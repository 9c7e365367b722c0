"""Roles from titles next to names, on Polish sentences written for these tests."""

from __future__ import annotations

import kronika
from kronika.ingest import Document


def roles_of(text: str, date: str = "2024-03") -> set[tuple[str, str, str | None, str | None]]:
    record = kronika.analyze(Document.create(text, source="test", date=date)).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    found = set()
    for relation in record["relations"]:
        if relation["predicate"] == "role":
            assert relation["object"] is None or relation["object"] in names
            found.add(
                (
                    names[relation["subject"]],
                    relation["value"],
                    names.get(relation["object"]),
                    relation["time"],
                )
            )
    return found


def test_title_before_the_name_with_what_it_is_of() -> None:
    assert roles_of(
        "Minister spraw zagranicznych Litwy Gabrielius Landsbergis przyjechał do Kijowa."
    ) == {("Gabrielius Landsbergis", "minister spraw zagranicznych", "Litwa", None)}


def test_title_in_apposition_after_the_name() -> None:
    roles = roles_of(
        "– Reżim się nie zmieni – mówi Paweł Nowak, znany białoruski politolog. "
        "Anna Lis, socjolożka z Krakowa, jest innego zdania."
    )
    assert ("Paweł Nowak", "politolog", "Białoruś", None) in roles
    assert ("Anna Lis", "socjolożka", None, None) in roles


def test_a_title_is_dated_by_the_article_not_by_its_sentence() -> None:
    # no time of its own (the year is the transit's): it holds at the document date
    roles = roles_of(
        "Wicepremier Białorusi Pawieł Czarniawski zapowiedział, że tranzyt sprzed 2022 r. wróci."
    )
    assert roles == {("Pawieł Czarniawski", "wicepremier", "Białoruś", None)}


def test_a_form_of_address_is_no_role() -> None:
    assert roles_of("Pan Jan Kowalski nie przyszedł na spotkanie.") == set()


def test_a_title_right_after_the_name_without_a_comma() -> None:
    roles = roles_of("Książkę napisał Tomasz Wrona dziennikarz, publicysta i reportażysta.")
    assert {
        ("Tomasz Wrona", "dziennikarz", None, None),
        ("Tomasz Wrona", "publicysta", None, None),
    } <= roles


def test_a_genitive_name_before_a_title_is_not_its_holder() -> None:
    roles = roles_of("Chwalony przez Nowaka polityk pełni obecnie funkcję ministra.")
    assert not any(name.startswith("Nowak") for name, *_rest in roles)


def test_a_forename_the_detector_misread_opens_the_titled_name() -> None:
    record = kronika.analyze(
        Document.create(
            "Autor poprawki, poseł torysów Dominic Grieve, przekonywał posłów.", source="test"
        )
    ).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    found = {
        (names[r["subject"]], r["predicate"], names.get(r["object"])) for r in record["relations"]
    }
    assert ("Dominic Grieve", "member_of", "Partia Konserwatywna") in found
    assert ("Dominic Grieve", "role", "Partia Konserwatywna") in found


def test_a_member_of_parliament_of_a_party() -> None:
    roles = roles_of("Głos zabrał Jan Kowalski, parlamentarzysta Platformy Obywatelskiej.")
    assert ("Jan Kowalski", "parlamentarzysta", "Platforma Obywatelska", None) in roles


def test_a_local_office_is_of_the_place_named_before() -> None:
    roles = roles_of("Mieszkańcy Gdańska głosowali wczoraj. Burmistrz Jan Wrona ogłosił wyniki.")
    assert ("Jan Wrona", "burmistrz", "Gdańsk", None) in roles


def test_a_womans_title_before_a_mans_is_hers() -> None:
    roles = roles_of("Jak dodała rzeczniczka burmistrza Kellyanne Lis, rozmowy trwają.")
    assert not any(value == "burmistrz" for _name, value, *_rest in roles)


def test_a_title_reaches_its_name_past_the_place_and_a_friars_address() -> None:
    roles = roles_of(
        "– Sytuacja jest trudna – powiedział dyrektor Centrum Pokoju w Lahore, dominikanin "
        "o. Jan Lis."
    )
    assert ("Jan Lis", "dyrektor", "Centrum Pokoju", None) in roles


def test_a_judge_is_of_the_court_named_before() -> None:
    roles = roles_of("Sąd Najwyższy uchylił wyrok. Sędzia Adam Wrona uzasadnił decyzję.")
    assert ("Adam Wrona", "sędzia", "Sąd Najwyższy", None) in roles
