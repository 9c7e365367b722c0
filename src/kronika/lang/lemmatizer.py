"""One lemma per Polish token, chosen among the SGJP readings Morfeusz offers.

Morfeusz lists every lemma a form can have, in no useful order: "mi" is ja, the Greek letter
and Księga_Micheasza; "od" is the preposition and the genitive plural of "oda". Choosing well
matters because kronika indexes, links and groups by lemma. The choice is a score per lemma:

* a prior: how much running text each lemma covers (``pl/lemma_frequencies.tsv``, estimated
  from the NKJP 1M text by ``training/lemma_priors.py``; the corpus's own automatic base forms
  measured as noise, see that script);
* a preference for the classes real text is made of (pronouns and prepositions over
  interjections, a common noun over a surname for a lowercase word) and against readings SGJP
  itself marks as rare, dated or incorrect;
* capitalization: a lowercase word does not get a proper-name lemma, a capitalized word inside
  a sentence prefers one, a sentence-initial word leans to the common reading ("Ale" → ale);
* context: a preposition's case favours readings of the following word in that case
  ("w Mińsku" → loc), a post-prepositional pronoun ("nie" = them) needs a preposition, a
  demonstrative agreeing with the next word is "ten" and otherwise "to", "może" before an
  infinitive is "móc", and the agglutinate ("-em", "-śmy") after a past form is "być".

Everything is local to one token and its neighbours, so the cost stays a few microseconds per
token; per-form work is cached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kronika import resources
from kronika.lang.morphology import Interpretation, Morphology, shared_morphology

#: The package holding the Polish language data.
PACKAGE = "kronika.lang.pl"

#: Forms kept in the per-form cache before it is emptied (bounds memory on huge corpora).
CACHE_LIMIT = 200_000

#: How much each word class is preferred when nothing else decides (log-scale bonus).
CLASS_WEIGHT: dict[str, float] = {
    "prep": 1.5,
    "conj": 1.0,
    "comp": 1.0,
    "ppron12": 1.5,
    "ppron3": 1.5,
    "siebie": 1.5,
    "part": 0.6,
    "qub": 0.6,
    "adv": 0.4,
    "fin": 0.5,
    "praet": 0.5,
    "impt": 0.2,
    "inf": 0.5,
    "bedzie": 0.5,
    "aglt": 0.5,
    "pred": 0.3,
    "num": 0.3,
    "adj": 0.2,
    "adja": 0.0,
    "adjp": -0.5,
    "adjc": 0.0,
    "subst": 0.0,
    "ger": -1.5,  # a lexicalized noun ("pytanie") over the gerund when SGJP has both
    "pact": 0.0,
    "ppas": 0.0,
    "pcon": 0.0,
    "pant": 0.0,
    "depr": -1.5,
    "interj": -1.5,
    "brev": 0.0,
    "burk": -0.5,
    "winien": 0.3,
    "interp": 0.0,
    "dig": 0.0,
    "romandig": 0.0,
}

PRIOR_WEIGHT = 0.7
PRIOR_SMOOTHING = 0.5
#: A lowercase word read as a proper name ("mi" → Księga_Micheasza, "ale" → Al).
LOWER_FORM_PROPER_LEMMA = 4.0
#: A capitalized word inside a sentence read as a proper name ("Polski" → Polska, "Kola").
CAPITAL_FORM_PROPER_LEMMA = 1.0
#: A sentence-initial capitalized word read as a proper name ("Ale" → Ala).
INITIAL_PROPER_LEMMA = 1.0
#: A pronoun form that needs a preposition before it ("nie" as "them") without one.
POST_PREPOSITIONAL = 6.0
#: A reading of a form without its "-ś" ("gdzieś" as "gdzie" + "ś") when the whole word exists.
SPLIT_AGGLUTINATE = 4.0
#: An adjectival pronoun agreeing with the next word ("tego roku"), a noun one when not.
AGREEMENT = 1.5
#: A modal verb before an infinitive ("może być"), the particle otherwise ("może tak").
MODAL = 1.5
#: A preposition's case on the next declinable word.
GOVERNED_CASE = 2.0
#: ``brev:npun`` readings ("m" → metr) of a word that is not an abbreviation in context.
BARE_ABBREVIATION = 1.0

#: Hosts an agglutinate attaches to besides past forms: "by", "że", "gdzie", "czy"…
AGGLUTINATE_HOST_CLASSES = frozenset({"praet", "qub", "part", "comp", "conj", "adv", "pred"})

#: Word classes whose tag carries case in field 2 (``subst:sg:loc:m3``).
CASE_FIELD_2 = frozenset(
    {"subst", "depr", "adj", "num", "numcol", "ppron12", "ppron3", "ger", "ppas", "pact"}
)


@lru_cache(maxsize=1)
def lemma_frequencies() -> dict[str, float]:
    """The shipped lemma frequencies (``lemma → estimated corpus frequency``), read once per
    process (callers read them, never change them): the token lemmatizer and the name lemmatizer
    both weigh readings by them."""
    rows = resources.rows(
        PACKAGE,
        "lemma_frequencies.tsv",
        2,
        "reinstall kronika or rebuild them with training/lemma_priors.py",
    )
    return {lemma: float(n) for lemma, n in rows}


@lru_cache(maxsize=1)
def label_penalties() -> dict[str, float]:
    """SGJP qualifiers that make a reading unlikely in news text, with their penalty."""
    rows = resources.rows(PACKAGE, "sgjp_qualifiers.tsv", 3)
    return {label: float(penalty) for label, penalty, _meaning in rows}


@lru_cache(maxsize=1)
def agglutinates() -> frozenset[str]:
    """Agglutinated forms of "być" that UD and NKJP split off ("zrobił|em", "byli|śmy")."""
    return resources.word_set(PACKAGE, "agglutinates.txt")


def tag_cases(reading: Interpretation) -> frozenset[str] | None:
    """The cases a reading's tag allows, or None for a class without case."""
    fields = reading.tag.split(":")
    pos = fields[0]
    if pos in CASE_FIELD_2 and len(fields) > 2:
        return frozenset(fields[2].split("."))
    if pos == "siebie" and len(fields) > 1:
        return frozenset(fields[1].split("."))
    if pos == "prep" and len(fields) > 1:
        return frozenset(fields[1].split("."))
    return None


def is_post_prepositional(reading: Interpretation) -> bool:
    """A pronoun form used only right after a preposition (``ppron3:…:praep``)."""
    return reading.pos == "ppron3" and reading.tag.rsplit(":", 1)[-1] == "praep"


#: Word classes that a demonstrative before them agrees with.
NOMINAL = frozenset({"subst", "depr", "adj", "ger", "ppas", "pact", "num", "adja"})


def agreement_keys(readings: Sequence[Interpretation]) -> frozenset[str]:
    """``number:case:gender`` combinations a word allows as a noun or adjective."""
    keys: set[str] = set()
    for reading in readings:
        if reading.pos in NOMINAL:
            fields = reading.tag.split(":")
            if len(fields) > 3:
                for number in fields[1].split("."):
                    for case in fields[2].split("."):
                        for gender in fields[3].split("."):
                            keys.add(f"{number}:{case}:{gender}")
    return frozenset(keys)


def is_capitalized(form: str) -> bool:
    return form[:1].isupper()


class _Candidate:
    """One lemma of a form with its context-free score and its readings."""

    __slots__ = (
        "after_preposition_only",
        "agreement",
        "cases",
        "conflict",
        "has_adj",
        "has_fin",
        "has_part",
        "has_subst",
        "lemma",
        "readings",
        "score",
    )

    def __init__(self, lemma: str, score: float, readings: list[Interpretation]) -> None:
        self.lemma = lemma
        self.score = score
        self.readings = readings
        cases: set[str] = set()
        declinable = False
        for reading in readings:
            reading_cases = tag_cases(reading)
            if reading_cases is not None and reading.pos != "prep":
                declinable = True
                cases |= reading_cases
        #: None when no reading declines (so a preposition before it says nothing).
        self.cases: frozenset[str] | None = frozenset(cases) if declinable else None
        #: Only post-prepositional pronoun forms ("nie", "niego" as in "na nie", "do niego").
        self.after_preposition_only = all(is_post_prepositional(r) for r in readings)
        if self.after_preposition_only:
            self.score -= POST_PREPOSITIONAL
        classes = {r.pos for r in readings}
        self.has_adj = "adj" in classes
        self.agreement = agreement_keys([r for r in readings if r.pos == "adj"])
        self.has_subst = "subst" in classes
        self.has_fin = "fin" in classes
        self.has_part = "part" in classes or "qub" in classes
        #: Set on the first candidate of a form: which context cue can decide between lemmas.
        self.conflict: str | None = None


class Lemmatizer:
    """Chooses one SGJP reading per token from corpus priors, word-class and context cues."""

    def __init__(self, morphology: Morphology | None = None) -> None:
        self._morphology = morphology
        self._frequencies = lemma_frequencies()
        self._cache: dict[tuple[str, bool, tuple[Interpretation, ...]], list[_Candidate]] = {}
        self._agreement_cache: dict[tuple[Interpretation, ...], frozenset[str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Morfeusz cannot be pickled and caches are cheap to rebuild.
        state = dict(self.__dict__)
        state["_morphology"] = None
        state["_cache"] = {}
        state["_agreement_cache"] = {}
        return state

    @property
    def morphology(self) -> Morphology:
        if self._morphology is None:
            self._morphology = shared_morphology()
        return self._morphology

    # -- per-form, context-free scores -------------------------------------------------------

    def _candidates(
        self, form: str, readings: tuple[Interpretation, ...], initial: bool
    ) -> list[_Candidate]:
        key = (form, initial, readings)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        by_lemma: dict[str, list[Interpretation]] = {}
        for reading in readings:
            by_lemma.setdefault(reading.lemma, []).append(reading)
        if len(by_lemma) == 1:
            lemma, lemma_readings = next(iter(by_lemma.items()))
            result = [_Candidate(lemma, 0.0, lemma_readings)]
        else:
            result = self._score_lemmas(form, initial, by_lemma)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _score_lemmas(
        self, form: str, initial: bool, by_lemma: dict[str, list[Interpretation]]
    ) -> list[_Candidate]:
        frequencies = self._frequencies
        capitalized = is_capitalized(form)
        result = []
        for lemma, lemma_readings in by_lemma.items():
            score = PRIOR_WEIGHT * math.log(frequencies.get(lemma, 0.0) + PRIOR_SMOOTHING)
            score += max(self._reading_score(r) for r in lemma_readings)
            proper = is_capitalized(lemma)
            if not capitalized and proper:
                score -= LOWER_FORM_PROPER_LEMMA
            elif capitalized and not initial and proper:
                score += CAPITAL_FORM_PROPER_LEMMA
            elif initial and proper:
                score -= INITIAL_PROPER_LEMMA
            if form.endswith("ś") and lemma + "ś" in by_lemma:
                score -= SPLIT_AGGLUTINATE  # "coś" read as "co" + "ś"
            result.append(_Candidate(lemma, score, lemma_readings))
        result.sort(key=lambda c: -c.score)
        if any(c.has_adj for c in result) and any(c.has_subst and not c.has_adj for c in result):
            result[0].conflict = "adj-subst"  # "tego" (ten) before a noun, "to" otherwise
        elif any(c.has_fin for c in result) and any(c.has_part for c in result):
            result[0].conflict = "part-fin"  # "może" (móc) before an infinitive
        return result

    @staticmethod
    def _reading_score(reading: Interpretation) -> float:
        score = CLASS_WEIGHT.get(reading.pos, 0.0)
        penalties = label_penalties()
        for label in reading.labels:
            score -= penalties.get(label, 0.0)
        if reading.tag == "brev:npun":
            score -= BARE_ABBREVIATION
        return score

    # -- choice in context -------------------------------------------------------------------

    def choose(
        self,
        forms: Sequence[str],
        readings: Sequence[tuple[Interpretation, ...]],
        sentence_starts: Sequence[bool],
    ) -> list[Interpretation]:
        """For each token (``forms[i]`` with its readings ``readings[i]``), the chosen reading."""
        chosen: list[Interpretation] = []
        governed: frozenset[str] | None = None  # cases the previous preposition allows
        previous: Interpretation | None = None
        agglutinated = agglutinates()
        for i, form in enumerate(forms):
            if (
                previous is not None
                and form in agglutinated
                and previous.pos in AGGLUTINATE_HOST_CLASSES
            ):
                reading = Interpretation("być", "aglt")
            else:
                candidates = self._candidates(form, readings[i], sentence_starts[i])
                if len(candidates) == 1 and governed is None:
                    reading = candidates[0].readings[0]
                else:
                    reading = self._choose_one(candidates, governed, readings, i)
            chosen.append(reading)
            governed = tag_cases(reading) if reading.pos == "prep" else None
            previous = reading
        return chosen

    def _agreement(self, readings: tuple[Interpretation, ...]) -> frozenset[str]:
        keys = self._agreement_cache.get(readings)
        if keys is None:
            if len(self._agreement_cache) >= CACHE_LIMIT:
                self._agreement_cache.clear()
            keys = self._agreement_cache[readings] = agreement_keys(readings)
        return keys

    def _choose_one(
        self,
        candidates: list[_Candidate],
        governed: frozenset[str] | None,
        readings: Sequence[tuple[Interpretation, ...]],
        i: int,
    ) -> Interpretation:
        conflict = candidates[0].conflict
        if governed is None and conflict is None:
            return candidates[0].readings[0]
        next_keys: frozenset[str] = frozenset()
        infinitive_follows = False
        if conflict == "adj-subst" and i + 1 < len(readings):
            next_keys = self._agreement(readings[i + 1])
        elif conflict == "part-fin":
            infinitive_follows = any(
                r.pos == "inf" for later in readings[i + 1 : i + 4] for r in later
            )
        best = candidates[0]
        best_score = -math.inf
        for candidate in candidates:
            score = _score(candidate, governed, conflict, next_keys, infinitive_follows)
            if score > best_score:
                best, best_score = candidate, score
        if governed is not None:
            for reading in best.readings:
                cases = tag_cases(reading)
                if cases is not None and cases & governed:
                    return reading
        return best.readings[0]

    def lemmatize(
        self, forms: Sequence[str], sentence_starts: Sequence[bool] | None = None
    ) -> list[str]:
        """Lemmas of one sentence (or document) of tokens, analysed with the morphology."""
        if sentence_starts is None:
            sentence_starts = [i == 0 for i in range(len(forms))]
        analyse = self.morphology.analyse
        readings = []
        for i, form in enumerate(forms):
            token_readings = analyse(form)
            if i + 1 < len(forms) and forms[i + 1] == "." and any(ch.isalpha() for ch in form):
                with_period = analyse(form + ".")
                if any(r.pos == "brev" for r in with_period):
                    token_readings = with_period
            readings.append(token_readings)
        return [r.lemma for r in self.choose(forms, readings, sentence_starts)]


def _score(
    candidate: _Candidate,
    governed: frozenset[str] | None,
    conflict: str | None,
    next_keys: frozenset[str],
    infinitive_follows: bool,
) -> float:
    """The candidate's score with the bonuses its context gives it."""
    score = candidate.score
    if governed is not None:
        if candidate.after_preposition_only:
            score += POST_PREPOSITIONAL
        if candidate.cases is not None and candidate.cases & governed:
            score += GOVERNED_CASE
    if conflict == "adj-subst":
        if candidate.has_adj:
            if candidate.agreement & next_keys:
                score += AGREEMENT
        else:
            score += AGREEMENT
    elif conflict == "part-fin" and candidate.has_fin == infinitive_follows:
        score += MODAL
    return score
