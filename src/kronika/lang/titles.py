"""Nouns that stand before a name in Polish news and say what it names: a person's offices,
professions and forms of address (``pl/person_titles.txt``), kinds of organization
(``pl/organization_nouns.txt``) and of place (``pl/place_nouns.txt``) — language data."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TITLES_PATH = Path(__file__).resolve().parent / "pl" / "person_titles.txt"
ORGANIZATION_NOUNS_PATH = Path(__file__).resolve().parent / "pl" / "organization_nouns.txt"
PLACE_NOUNS_PATH = Path(__file__).resolve().parent / "pl" / "place_nouns.txt"


def _word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """The titles as SGJP lemmas ("wicepremier", "politolog", "pani")."""
    return _word_list(TITLES_PATH)


@lru_cache(maxsize=1)
def organization_nouns() -> frozenset[str]:
    """Kinds of organization as SGJP lemmas ("agencja", "koncern", "partia")."""
    return _word_list(ORGANIZATION_NOUNS_PATH)


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Kinds of place as SGJP lemmas ("miasto", "stolica", "aglomeracja")."""
    return _word_list(PLACE_NOUNS_PATH)
