"""Nouns that stand before a name in Polish news and say what it names: a person's offices,
professions and forms of address (``pl/person_titles.txt``), kinds of organization
(``pl/organization_nouns.txt``), of place (``pl/place_nouns.txt``), of product
(``pl/product_nouns.txt``) and of event (``pl/event_nouns.txt``), and the legal forms that follow
a company's name (``pl/legal_forms.txt``) — language data."""

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


@lru_cache(maxsize=1)
def product_nouns() -> frozenset[str]:
    """Kinds of product, programme or legal act as SGJP lemmas ("gazociąg", "program")."""
    return resources.word_set(PACKAGE, "product_nouns.txt")


@lru_cache(maxsize=1)
def event_nouns() -> frozenset[str]:
    """Kinds of named event as SGJP lemmas ("szczyt", "operacja", "ćwiczenie")."""
    return resources.word_set(PACKAGE, "event_nouns.txt")


@lru_cache(maxsize=1)
def legal_forms() -> tuple[str, ...]:
    """Company legal forms as written ("AG", "S.A.", "sp. z o.o."), longest first."""
    forms = resources.word_set(PACKAGE, "legal_forms.txt")
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))
