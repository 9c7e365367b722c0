"""Nouns that stand before a person's name in Polish news: offices, professions and forms of
address (language data, ``pl/person_titles.txt``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TITLES_PATH = Path(__file__).resolve().parent / "pl" / "person_titles.txt"


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """The titles as SGJP lemmas ("wicepremier", "politolog", "pani")."""
    lines = TITLES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
