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
