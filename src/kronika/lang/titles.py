"""Nouns that stand before a name in Polish news and say what it names: a person's offices,
professions and forms of address (``pl/person_titles.txt``), kinds of organization
(``pl/organization_nouns.txt``) and of place (``pl/place_nouns.txt``) — language data."""

from __future__ import annotations

from functools import lru_cache

from kronika import resources

#: The package holding the Polish language data.
PACKAGE = "kronika.lang.pl"


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """The titles as SGJP lemmas ("wicepremier", "politolog", "pani")."""
    return resources.word_set(PACKAGE, "person_titles.txt")


@lru_cache(maxsize=1)
def organization_nouns() -> frozenset[str]:
    """Kinds of organization as SGJP lemmas ("agencja", "koncern", "partia")."""
    return resources.word_set(PACKAGE, "organization_nouns.txt")


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    """Kinds of place as SGJP lemmas ("miasto", "stolica", "aglomeracja")."""
    return resources.word_set(PACKAGE, "place_nouns.txt")
