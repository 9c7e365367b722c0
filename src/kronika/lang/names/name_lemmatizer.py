"""The name lemmatizer's public face: a phrase in, its nominative out, alone or with the other
names of its article; and the person-name questions other layers ask of it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kronika.lang.morphology import Morphology, shared_morphology
from kronika.lang.names.chains import candidate_chains
from kronika.lang.names.document import choose_together
from kronika.lang.names.gender import person_gender
from kronika.lang.names.grammar import category_group
from kronika.lang.names.phrase import prepare
from kronika.lang.names.ranker import Candidate, Ranker
from kronika.lang.names.readings import WordReadings
from kronika.lang.names.resources import NameResources
from kronika.lang.names.spelling import APOSTROPHE_INFLECTED, default_spaces
from kronika.lang.names.synthesis import Synthesizer

#: Candidates the ranker sees, best by the hand-set score first: on Polem train the right one is
#: never below the third distinct text, and each candidate costs a Morfeusz synthesis.
MAX_CANDIDATES = 10

#: Phrases kept in the per-phrase caches before they are emptied (bounds memory on huge corpora).
CACHE_LIMIT = 200_000

#: A phrase as the caches know it: tokens, space flags, category label.
PhraseKey = tuple[tuple[str, ...], tuple[bool, ...], str | None]


def feminine_name(name: str) -> bool:
    """Whether a person's name is a woman's, as a Polish reader tells it ("Anna Nowak", "Hillary
    Clinton", "Kowalska"; :func:`kronika.lang.names.gender.person_gender`)."""
    return bool(name.strip()) and person_gender(name) == "f"


class NameLemmatizer:
    """Nominative of Polish name phrases by agreement, Morfeusz synthesis and an ending guesser.

    Everything is per phrase and cached, so running it on every mention costs microseconds; no
    Morfeusz object exists and no table is read before the first call."""

    def __init__(self, morphology: Morphology | None = None) -> None:
        self.resources = NameResources(morphology)
        self._words = WordReadings(self.resources)
        self._synthesizer = Synthesizer(self.resources)
        self._ranking = Ranker(self.resources, self._synthesizer)
        self._tokenizer: Any = None
        self._text_cache: dict[tuple[str, str | None], str] = {}
        self._scored: dict[PhraseKey, list[tuple[str, float]]] = {}

    def __reduce__(self) -> tuple[type[NameLemmatizer], tuple[()]]:
        # Morfeusz and the spaCy tokenizer stay in their process; the tables and caches reload
        # cheaply where they are needed, so a copy is a fresh lemmatizer there.
        return (NameLemmatizer, ())

    @property
    def towns(self) -> frozenset[str]:
        """The towns GeoNames knows (``pl/place_names.txt``)."""
        return self.resources.towns

    def lemmatize(
        self,
        forms: Sequence[str],
        category: str | None = None,
        spaces: Sequence[bool] | None = None,
    ) -> str:
        """Nominative of the name phrase given as tokens (spaCy-style tokens: "Bielsko", "-",
        "Biała"), spaces[i] = whether token i is followed by a space (default: all True except
        before/after hyphens and before punctuation). category: the NKJP label (persName,
        orgName, placeName_country, …) or a KPWr category (nam_liv_person, nam_loc_gpe_city, …)
        or None; use it as a hint only."""
        forms = tuple(forms)
        spaces = tuple(spaces) if spaces is not None else tuple(default_spaces(forms))
        if len(spaces) != len(forms):
            raise ValueError(f"{len(forms)} tokens but {len(spaces)} space flags")
        scored = self.scored(forms, category, spaces)
        return scored[0][0] if scored else ""

    def lemmatize_text(self, phrase: str, category: str | None = None) -> str:
        """Same, for a phrase given as a string (tokenized like spaCy's Polish tokenizer)."""
        # the tokenizer costs more than a cached answer, so strings are cached as they come
        key = (phrase, category)
        cached = self._text_cache.get(key)
        if cached is not None:
            return cached
        tokens = self.tokenize(phrase.strip())
        result = self.lemmatize([t[0] for t in tokens], category, [t[1] for t in tokens])
        if len(self._text_cache) >= CACHE_LIMIT:
            self._text_cache.clear()
        self._text_cache[key] = result
        return result

    def lemmatize_document(
        self, phrases: Sequence[tuple[Sequence[str], str | None, Sequence[bool] | None]]
    ) -> list[str]:
        """Nominatives of one document's name phrases (tokens, category, spaces), chosen together
        (see :mod:`kronika.lang.names.document`)."""
        keys = [(tuple(f), c, tuple(s) if s is not None else None) for f, c, s in phrases]
        scored = {key: self.scored(*key) for key in dict.fromkeys(keys)}
        groups = {key: category_group(key[1]) for key in scored}
        return choose_together(keys, scored, groups)

    def possible_lemmas(self, form: str) -> list[str]:
        """Every lemma one word may have as a person's or place's name, best first: SGJP's and,
        for a word SGJP does not know, the ending table's guesses ("Nausėdy" → Nausėda, …).

        For lookups, where a word comes without the context that picks one reading."""
        return self._words.possible_lemmas(form)

    def given_name(self, form: str) -> bool:
        """Whether a word is, in some case, a given name somewhere: in SGJP (``imię``) or in
        the name lists of other languages ("Nigela" of Nigel, "George'a")."""
        return self._personal_name(form, "imię", 0)

    def family_name(self, form: str) -> bool:
        """Whether a word is, in some case, a family name in SGJP or another language's lists."""
        return self._personal_name(form, "nazwisko", 1)

    def _personal_name(self, form: str, category: str, column: int) -> bool:
        inflected = APOSTROPHE_INFLECTED.match(form)  # "George'a" is George's
        stem = inflected.group(1) if inflected else form
        if any(category in r.names for r in self.resources.morphology.analyse(stem)):
            return True
        locales = self.resources.locales
        lemmas = (stem, *self.possible_lemmas(stem))
        return any(locales.get(lemma, (0.0, 0.0))[column] >= 1.0 for lemma in lemmas)

    def candidates(self, phrase: str, category: str | None = None) -> list[Candidate]:
        """Every nominative the phrase may have, one per grammatical key, with the features the
        ranker scores, in the order of the hand-set score (for training and inspection)."""
        tokens = self.tokenize(phrase.strip())
        return self._rendered(tuple(t[0] for t in tokens), tuple(t[1] for t in tokens), category)

    def scored(
        self,
        forms: Sequence[str],
        category: str | None = None,
        spaces: Sequence[bool] | None = None,
    ) -> list[tuple[str, float]]:
        """The phrase's possible nominatives with the ranker's probability of each, best first;
        without a ranker, the hand-set best alone."""
        forms = tuple(forms)
        spaces = tuple(spaces) if spaces is not None else tuple(default_spaces(forms))
        key = (forms, spaces, category)
        cached = self._scored.get(key)
        if cached is not None:
            return cached
        rendered = self._rendered(forms, spaces, category)
        result: list[tuple[str, float]] = []
        if rendered:
            ranked = bool(self.resources.ranker)
            result = self._ranking.probabilities(rendered) if ranked else [(rendered[0].text, 1.0)]
        if len(self._scored) >= CACHE_LIMIT:
            self._scored.clear()
        self._scored[key] = result
        return result

    def tokenize(self, phrase: str) -> list[tuple[str, bool]]:
        """The phrase as spaCy's Polish tokenizer splits it: (token, followed by a space)."""
        if self._tokenizer is None:
            import spacy  # only when a caller hands in raw strings

            self._tokenizer = spacy.blank("pl").tokenizer
        return [(t.text, bool(t.whitespace_)) for t in self._tokenizer(phrase)]

    #: The name ``benchmarks/name_lemmas.py`` calls it by.
    _tokenize = tokenize

    def _rendered(
        self, forms: tuple[str, ...], spaces: tuple[bool, ...], category: str | None
    ) -> list[Candidate]:
        """The candidates worth scoring, rendered, best by the hand-set score first."""
        phrase = prepare(forms, spaces, category, self._words, self._synthesizer)
        if phrase is None:
            return []
        chains = candidate_chains(phrase, self._words.unknown)
        return [self._ranking.render(phrase, chain) for chain in chains[:MAX_CANDIDATES]]


@lru_cache(maxsize=1)
def shared_name_lemmatizer() -> NameLemmatizer:
    """The process's one :class:`NameLemmatizer` over :func:`shared_morphology`, for every part
    that is not handed one: each instance loads its own tables (ranker, endings, lexicon, name
    lists, towns) and keeps its own caches, so the mention builder, the office resolver and the
    query API share this one."""
    return NameLemmatizer(shared_morphology())
