"""Polish morphology from Morfeusz 2 with the SGJP dictionary.

One :class:`Morphology` per process (:func:`shared_morphology`): Morfeusz objects cannot be
pickled, so it is created lazily and never shipped between processes. Analyses are cached per
token form because news text repeats the same few thousand forms over and over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import morfeusz2  # the binding ships no types: pyproject's mypy override lets it be Any

#: Forms kept in the per-process cache before it is emptied (bounds memory on huge corpora).
CACHE_LIMIT = 400_000


@dataclass(frozen=True, slots=True)
class Interpretation:
    """One SGJP reading of a token: its lemma, tag and name categories.

    ``lemma`` has Morfeusz's homonym mark removed (``Łukaszenko:Sm1`` → ``Łukaszenko``);
    ``names`` holds SGJP name categories such as ``nazwisko``, ``imię``, ``nazwa_geograficzna``;
    ``known`` is False for ``ign`` (a form SGJP does not know), whose lemma is the form itself.
    """

    lemma: str
    tag: str
    names: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    #: The word class (``subst``, ``adj``, ``ign``…), kept because every extractor asks for it.
    pos: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pos", self.tag.split(":", 1)[0])

    @property
    def known(self) -> bool:
        return self.pos != "ign"


def strip_homonym(lemma: str) -> str:
    """``Łukaszenko:Sm1`` → ``Łukaszenko``; a lone ``:`` (the punctuation) stays as it is."""
    if len(lemma) > 1 and ":" in lemma:
        return lemma.split(":", 1)[0] or lemma
    return lemma


class Morphology:
    """Cached Morfeusz analysis and synthesis.

    ``analyse(form)`` returns the readings of the token's main segment: Morfeusz splits some
    orthographic words ("zrobiłem" = "zrobił" + "em", "m.in." = "m.in" + "."), and the lemma a
    reader wants is that of the first segment.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Interpretation, ...]] = {}

    @cached_property
    def _morfeusz(self) -> morfeusz2.Morfeusz:
        return morfeusz2.Morfeusz(expand_tags=False, whitespace=morfeusz2.SKIP_WHITESPACES)

    def analyse(self, form: str) -> tuple[Interpretation, ...]:
        cached = self._cache.get(form)
        if cached is not None:
            return cached
        readings: list[Interpretation] = []
        seen: set[tuple[str, str]] = set()
        for start, _end, (_orth, lemma, tag, names, labels) in self._morfeusz.analyse(form):
            if start != 0:
                continue
            reading = Interpretation(strip_homonym(lemma), tag, tuple(names), tuple(labels))
            key = (reading.lemma, reading.tag)
            if key not in seen:
                seen.add(key)
                readings.append(reading)
        result = tuple(readings) or (Interpretation(form, "ign"),)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[form] = result
        return result

    def analyse_words(
        self, forms: Sequence[str], glued: Sequence[bool]
    ) -> list[tuple[Interpretation, ...]]:
        """Readings of consecutive words; ``glued[i]``: no space after word ``i``.

        SGJP knows an abbreviation only with its period ("np." is brev, "np" alone is unknown),
        so a word glued to a following "." is analysed with it when that makes it a ``brev``.
        """
        result = []
        for i, form in enumerate(forms):
            readings = self.analyse(form)
            if (
                i + 1 < len(forms)
                and glued[i]
                and forms[i + 1] == "."
                and any(ch.isalpha() for ch in form)
            ):
                with_period = self.analyse(form + ".")
                if any(r.pos == "brev" for r in with_period):
                    readings = with_period
            result.append(readings)
        return result

    def generate(self, lemma: str) -> list[tuple[str, str]]:
        """All (form, tag) pairs SGJP has for ``lemma``; empty when SGJP does not know it."""
        try:
            return [(form, tag) for form, _lemma, tag, _n, _l in self._morfeusz.generate(lemma)]
        except RuntimeError:
            return []

    def speed_probe(self, words: list[str]) -> None:
        """Analyse ``words`` with Morfeusz alone, uncached: the reference for speed benchmarks."""
        analyse = self._morfeusz.analyse
        for word in words:
            analyse(word)


@lru_cache(maxsize=1)
def shared_morphology() -> Morphology:
    """The process's one :class:`Morphology`, for every part that is not handed one: each
    Morfeusz engine holds its own copy of the dictionary (about 18 MB) and each instance its own
    cache, so the pipeline, the name lemmatizer and the resolvers share this one."""
    return Morphology()
