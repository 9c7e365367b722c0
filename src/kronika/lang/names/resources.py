"""The name lemmatizer's tables and word lists (``lang/pl/``), each read on first use.

``NameResources`` holds one lemmatizer's tables: the ending table of the guesser, the trained
ranker's weights, the lexicon of names seen in annotated text, the name lists of other
languages, the towns GeoNames knows, the lemma frequencies and the Morfeusz morphology. No
Morfeusz object exists and no file is read before the first call that needs one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from kronika import resources
from kronika.errors import ModelError
from kronika.lang.lemmatizer import lemma_frequencies
from kronika.lang.morphology import Morphology, shared_morphology

#: The package holding the Polish language data.
PACKAGE = "kronika.lang.pl"
ENDINGS_FILE = "name_endings.tsv"
RANKER_FILE = "name_ranker.tsv"
LEXICON_FILE = "name_lexicon.txt"
LOCALES_FILE = "name_locales.tsv"
TOWNS_FILE = "place_names.txt"

#: Where ``training/name_ranker.py`` writes the weights and the lexicon it learns.
RANKER_PATH = resources.location(PACKAGE, RANKER_FILE)
LEXICON_PATH = resources.location(PACKAGE, LEXICON_FILE)


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Lowercase particles of foreign people's names ("von", "da"): they do not decline."""
    return resources.word_set(PACKAGE, "name_particles.txt")


@lru_cache(maxsize=1)
def name_conjunctions() -> frozenset[str]:
    """Conjunctions joining two declining names in one ("Prawo i Sprawiedliwość")."""
    return resources.word_set(PACKAGE, "name_conjunctions.txt")


@lru_cache(maxsize=1)
def english_clitics() -> frozenset[str]:
    """What follows an apostrophe in English names and is no Polish ending ("Men's")."""
    return resources.word_set(PACKAGE, "english_clitics.txt")


@dataclass(frozen=True, slots=True)
class EndingRule:
    """One line of the ending table: a form ending in ``ending`` with tag ``tag`` has the lemma
    made by cutting ``cut`` letters and adding ``add``; ``share`` is its part of the ending's
    observations, ``count`` their number."""

    cut: int
    add: str
    tag: str
    share: float
    kind: str
    count: int


def load_endings() -> dict[str, list[EndingRule]]:
    """The ending table (``training/name_endings.py``): ending → its rules, best supported
    first."""
    counts: dict[str, list[tuple[str, str, str, str, int]]] = {}
    for ending, cut_form, add, tag, kind, count in resources.rows(PACKAGE, ENDINGS_FILE, 6):
        counts.setdefault(ending, []).append((cut_form, add, tag, kind, int(count)))
    table: dict[str, list[EndingRule]] = {}
    for ending, observed in counts.items():
        total = sum(row[4] for row in observed)
        table[ending] = sorted(
            (
                EndingRule(len(cut), add, tag, count / total, kind, count)
                for cut, add, tag, kind, count in observed
            ),
            key=lambda rule: (-rule.share, rule.tag, rule.add),
        )
    return table


def load_ranker() -> dict[str, float]:
    """The ranker's feature weights (``training/name_ranker.py``)."""
    weights: dict[str, float] = {}
    for name, value in resources.rows(PACKAGE, RANKER_FILE, 2):
        try:
            weights[name] = float(value)
        except ValueError as error:
            raise ModelError(
                f"{PACKAGE}/{RANKER_FILE}: malformed weight {value!r} of {name!r}; "
                "reinstall kronika or retrain it with training/name_ranker.py"
            ) from error
    return weights


def load_locales() -> dict[str, tuple[float, float]]:
    """Per name, how widely it is a given name and a family name: log2(1 + number of locales)
    (``scripts/name_locales.py``)."""
    return {
        name: (math.log2(1 + int(given)), math.log2(1 + int(family)))
        for name, given, family in resources.rows(PACKAGE, LOCALES_FILE, 3)
    }


class NameResources:
    """One name lemmatizer's tables, read on first use. ``lexicon`` and ``ranker`` may be
    replaced: the ranker's training cross-fits the lexicon and scores without a ranker."""

    def __init__(self, morphology: Morphology | None = None) -> None:
        self._morphology = morphology
        self._frequencies: dict[str, float] | None = None
        self._endings: dict[str, list[EndingRule]] | None = None
        self._max_ending = 0
        self._ranker: dict[str, float] | None = None
        self._lexicon: frozenset[str] | None = None
        self._locales: dict[str, tuple[float, float]] | None = None
        self._towns: frozenset[str] | None = None

    @property
    def morphology(self) -> Morphology:
        if self._morphology is None:
            self._morphology = shared_morphology()
        return self._morphology

    @property
    def frequencies(self) -> dict[str, float]:
        """NKJP lemma frequencies, shared with the token lemmatizer."""
        if self._frequencies is None:
            self._frequencies = lemma_frequencies()
        return self._frequencies

    @property
    def endings(self) -> dict[str, list[EndingRule]]:
        """The guesser's ending table (``training/name_endings.py``)."""
        return self._loaded_endings()

    @property
    def max_ending(self) -> int:
        """The length of the longest ending in the table."""
        self._loaded_endings()
        return self._max_ending

    def _loaded_endings(self) -> dict[str, list[EndingRule]]:
        if self._endings is None:
            self._endings = load_endings()
            self._max_ending = max((len(e) for e in self._endings), default=0)
        return self._endings

    @property
    def ranker(self) -> dict[str, float]:
        if self._ranker is None:
            self._ranker = load_ranker()
        return self._ranker

    @ranker.setter
    def ranker(self, weights: dict[str, float]) -> None:
        self._ranker = weights

    @property
    def lexicon(self) -> frozenset[str]:
        """The nominatives of names seen in annotated text (``training/name_ranker.py``): a
        candidate that is one of them is likelier ("Bielsko-Biała", not "Bielsk-Biała")."""
        if self._lexicon is None:
            self._lexicon = resources.word_set(PACKAGE, LEXICON_FILE)
        return self._lexicon

    @lexicon.setter
    def lexicon(self, names: frozenset[str]) -> None:
        self._lexicon = names

    @property
    def locales(self) -> dict[str, tuple[float, float]]:
        if self._locales is None:
            self._locales = load_locales()
        return self._locales

    @property
    def towns(self) -> frozenset[str]:
        """The towns GeoNames knows, with their alternate names (``scripts/place_names.py``)."""
        if self._towns is None:
            self._towns = resources.word_set(PACKAGE, TOWNS_FILE)
        return self._towns
