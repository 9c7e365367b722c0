"""A person's gender as a Polish reader tells it from the name: what "she" or "he" can refer to.

In order: the first word as a forename SGJP knows (its tag carries the gender: "Anna" f, "Kuba"
m1), a woman's given name of world news SGJP does not know (``pl/female_forenames.txt``:
"Kayleigh", "Ursula") or a man's (``pl/foreign_forenames.txt`` less those: "Mitch"), a Polish
surname's ending ("Kowalska", "Nowicki"), and last the first word's ending in -a. A past-tense
verb's gender says the same of its subject (:func:`subject_gender`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from spacy.tokens import Token

from kronika import resources
from kronika.lang.components import readings, tag_values
from kronika.lang.morphology import shared_morphology
from kronika.lang.titles import PACKAGE

Gender = Literal["f", "m"]
#: Endings of Polish surnames that are adjectives: a woman's and a man's.
FEMININE_SURNAME_ENDINGS = ("ska", "cka", "dzka", "owa", "ówna")
MASCULINE_SURNAME_ENDINGS = ("ski", "cki", "dzki")


@lru_cache(maxsize=1)
def female_forenames() -> frozenset[str]:
    """Women's given names SGJP does not know as forenames ("Kayleigh", "Ursula")."""
    return resources.word_set(PACKAGE, "female_forenames.txt")


@lru_cache(maxsize=1)
def foreign_forenames() -> frozenset[str]:
    """Given names SGJP does not know as forenames ("Amy", "Mitch"), as written."""
    return resources.word_set(PACKAGE, "foreign_forenames.txt")


def subject_gender(verb: Token) -> Gender | None:
    """The gender a singular past-tense verb of the third person gives its subject ("mogła" f,
    "zapowiedział" m); None for the first or second person ("mogłam": a glued "-m" follows),
    a neuter or plural form, or no past tense."""
    doc = verb.doc
    if verb.i + 1 < len(doc) and any(r.pos == "aglt" for r in readings(doc[verb.i + 1])):
        return None
    values = frozenset().union(*(tag_values(r.tag) for r in readings(verb) if r.pos == "praet"))
    if "sg" not in values:
        return None
    if "f" in values and "m1" not in values and "n" not in values:
        return "f"
    if "m1" in values and "f" not in values:
        return "m"
    return None


@lru_cache(maxsize=4096)
def person_gender(name: str) -> Gender:
    """``f`` or ``m`` for a person's name in the nominative ("Hillary Clinton" → f)."""
    words = name.split()
    if not words:
        return "m"
    first = words[0].split("-")[0]
    known = _forename_gender(first)
    if known is not None:
        return known
    if first in female_forenames():
        return "f"
    if first in foreign_forenames():
        return "m"
    last = words[-1].lower()
    if last.endswith(FEMININE_SURNAME_ENDINGS):
        return "f"
    if last.endswith(MASCULINE_SURNAME_ENDINGS):
        return "m"
    return "f" if words[0].endswith("a") else "m"


def _forename_gender(word: str) -> Gender | None:
    """The gender SGJP gives ``word`` as a forename in the nominative, if one."""
    genders = {
        part
        for reading in shared_morphology().analyse(word)
        if "imię" in reading.names and reading.lemma == word and ":nom" in reading.tag
        for part in reading.tag.split(":")[3].split(".")
    }
    if genders == {"f"}:
        return "f"
    if genders and "f" not in genders:
        return "m"
    return None
