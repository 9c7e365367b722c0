"""The nominal readings of one word of a name phrase, each weighed by how well it suits the
phrase: SGJP's through Morfeusz, and guesses from the ending table where SGJP has none or only
readings that cannot be a person's name."""

from __future__ import annotations

import math

from kronika.lang.morphology import Interpretation
from kronika.lang.names.grammar import (
    ADJ_CLASSES,
    GROUP_NAMES,
    NOUN_CLASSES,
    PERSON_NAMES,
    PROPER_NAMES,
    Reading,
    parse_tag,
)
from kronika.lang.names.guesser import EndingGuesser
from kronika.lang.names.resources import NameResources
from kronika.lang.names.spelling import analysed_form, is_fixed
from kronika.lang.names.weights import WEIGHTS

#: Words kept in the per-word cache before it is emptied (bounds memory on huge corpora).
CACHE_LIMIT = 200_000

#: form, category group, name kind, kind of names unknown words inflect like, guess or not
ReadingKey = tuple[str, str | None, str | None, str, bool]


class WordReadings:
    """Weighed nominal readings of words, cached per word and phrase category."""

    def __init__(self, resources: NameResources) -> None:
        self._resources = resources
        self._guesser = EndingGuesser(resources)
        self._cache: dict[ReadingKey, tuple[Reading, ...]] = {}

    def readings(
        self, form: str, group: str | None, kind: str | None, guess_kind: str, guess: bool
    ) -> tuple[Reading, ...]:
        """The readings of ``form`` in a phrase of category ``group`` (a person's name asking for
        the name ``kind`` imię or nazwisko); unknown words guessed as names of ``guess_kind``
        (person, place) when ``guess``."""
        key = (form, group, kind, guess_kind, guess)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        fitting = GROUP_NAMES.get(group or "", frozenset())
        readings = [
            self._weighed(interpretation, form, group, kind, fitting)
            for interpretation in self._resources.morphology.analyse(form)
            if interpretation.pos in NOUN_CLASSES or interpretation.pos in ADJ_CLASSES
        ]
        if guess and form[:1].isupper() and (not readings or _supplement(readings, group)):
            scale = 1.0 if not readings else WEIGHTS.supplement_scale
            readings.extend(self._guesser.guess(form, group, guess_kind, scale))
        result = tuple(readings)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _weighed(
        self,
        interpretation: Interpretation,
        form: str,
        group: str | None,
        kind: str | None,
        fitting: frozenset[str],
    ) -> Reading:
        """An SGJP reading, weighed by its lemma's frequency and its fit with the category."""
        pos, numbers, cases, genders, extra = parse_tag(interpretation.tag)
        names = frozenset(interpretation.names)
        weight = 1.0 + WEIGHTS.frequency_weight * math.log10(
            1.0 + self._resources.frequencies.get(interpretation.lemma, 0.0)
        )
        if names & fitting:
            # a first name that is also a surname is a name twice over ("Leszek")
            weight += WEIGHTS.category_bonus + WEIGHTS.extra_kind_bonus * (len(names & fitting) - 1)
            if group == "person" and "m1" in genders:
                weight += WEIGHTS.masculine_prior
            if kind in names:
                weight += WEIGHTS.subcategory_bonus
        elif fitting and names & PROPER_NAMES:
            weight -= WEIGHTS.category_conflict
        if group == "nation" and "m1" in genders and "pl" in numbers:
            # "Tatarów" of a people is Tatarzy, not the mountains
            weight += WEIGHTS.category_bonus
        if pos == "depr":
            weight -= WEIGHTS.depreciative_penalty
        if interpretation.lemma[:1].isupper() == form[:1].isupper():
            # between "hindus" and "Hindus", the lemma written like the word
            weight += WEIGHTS.written_like_lemma
        return Reading(pos, interpretation.lemma, numbers, cases, genders, extra, names, weight)

    def possible_lemmas(self, form: str) -> list[str]:
        """Every lemma one word may have as a person's or place's name, best first."""
        found: dict[str, float] = {}
        for guess_kind, group in (("person", "person"), ("place", "location")):
            for reading in self.readings(form, group, None, guess_kind, len(form) > 2):
                found[reading.lemma] = max(found.get(reading.lemma, 0.0), reading.weight)
        return sorted(found, key=lambda lemma: (-found[lemma], lemma))

    def unknown(self, form: str) -> bool:
        """Morfeusz has no reading for the word at all."""
        return all(not r.known for r in self._resources.morphology.analyse(analysed_form(form)))

    def fixed(self, form: str) -> bool:
        """Acronyms and numerals stay; a word in capitals that SGJP knows as an ordinary word
        ("TRYBUNAŁU", "OZORKOWA") declines like that word."""
        if not is_fixed(form):
            return False
        letters = sum(ch.isalpha() for ch in form)
        if letters < 4 or any(ch.isdigit() for ch in form) or not form.isupper():
            return True
        analyse = self._resources.morphology.analyse
        if any(r.known and r.lemma == form for r in analyse(form)):
            return True  # an acronym SGJP knows ("NATO")
        return not any(
            r.pos in NOUN_CLASSES or r.pos in ADJ_CLASSES
            for r in analyse(form[0] + form[1:].lower())
            if not r.lemma.isupper()
        )

    def compound_prefix(
        self, form: str, readings: tuple[Reading, ...], following: tuple[Reading, ...]
    ) -> bool:
        """Whether a word before a hyphen is the fixed first part of a compound ("polsko-",
        "Socjal-") rather than the first of two declining halves ("Bielsku-Białej", both in the
        locative): no nominal reading, the adjectival compound form, or no case in common."""
        if not readings or any(r.pos == "adja" for r in self._resources.morphology.analyse(form)):
            return True
        cases = frozenset[str]().union(*(r.cases for r in readings))
        return bool(following) and not any(cases & r.cases for r in following)


def _supplement(readings: list[Reading], group: str | None) -> bool:
    """Whether guesses join SGJP's readings: in a person's name, a capitalized word SGJP knows
    only as something else (a place, a common noun) may still be a name ("Wata", "Giny" of
    Gina, not of the drink), unless a common-noun reading makes it a title word, a person noun
    or a dependent genitive ("Prymasa Tysiąclecia").

    Guesses are made only where unknown words are names that decline like Polish ones: people
    and places. An unknown word in an organization or a title is mostly foreign ("Dominion")."""
    known_name = any(r.names & PERSON_NAMES for r in readings)
    return (
        group == "person"
        and not known_name
        and all(
            r.lemma[:1].isupper() or ("m1" not in r.genders and "gen" not in r.cases)
            for r in readings
        )
    )
