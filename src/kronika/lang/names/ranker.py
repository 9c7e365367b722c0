"""Candidates rendered as text, their features, and the trained ranker's probabilities.

The hand-set score alone picks the wrong key in about one phrase in ten; ``pl/name_ranker.tsv``
(``training/name_ranker.py``, softmax regression on the Polem KPWr train set) weighs each
candidate's features: the hand-set score, the key by category, how each word's reading was found,
how words end before and after, whether the result is a name known from annotated text, other
languages' name lists or GeoNames' towns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kronika.lang.names.chains import Chain
from kronika.lang.names.grammar import PROPER_NAMES
from kronika.lang.names.phrase import Phrase
from kronika.lang.names.resources import NameResources
from kronika.lang.names.spelling import joined, transfer_case
from kronika.lang.names.synthesis import Synthesizer
from kronika.lang.names.weights import WEIGHTS

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A nominative of a phrase and the features the ranker weighs it by."""

    text: str
    features: Features


class Ranker:
    """Renders a phrase's chains and scores them with the trained weights."""

    def __init__(self, resources: NameResources, synthesizer: Synthesizer) -> None:
        self._resources = resources
        self._synthesizer = synthesizer

    def render(self, phrase: Phrase, candidate: Chain) -> Candidate:
        """The phrase with the candidate's chain in the nominative, and its ranking features."""
        out = self._changed(phrase, candidate)
        text = _text(phrase, out)
        features = self._features(phrase, out, candidate)
        if phrase.glued:
            features[f"glued {candidate.case}"] = 1.0
        if text in self._resources.lexicon:
            features["known name"] = 1.0
        if phrase.group == "location" and candidate.chain:
            # a town's name as GeoNames knows it, before or after the change ("w Karaczi")
            towns = self._resources.towns
            written = joined(phrase.forms, phrase.spaces)
            features["town name"] = float(text in towns) - float(written in towns)
        return Candidate(text, features)

    def probabilities(self, rendered: list[Candidate]) -> list[tuple[str, float]]:
        """Each distinct text with the ranker's probability, best first."""
        weights = self._resources.ranker
        scores = [sum(weights.get(k, 0.0) * v for k, v in c.features.items()) for c in rendered]
        top = max(scores)
        # a text is as good as the best key that gives it (measured better than their sum)
        mass: dict[str, float] = {}
        for candidate, score in zip(rendered, scores, strict=True):
            mass[candidate.text] = max(mass.get(candidate.text, 0.0), math.exp(score - top))
        total = sum(mass.values())
        # ties keep the hand-set order (dicts keep insertion order, sorted is stable)
        return sorted(((t, m / total) for t, m in mass.items()), key=lambda item: -item[1])

    def _changed(self, phrase: Phrase, candidate: Chain) -> list[str]:
        """Each token as the candidate writes it: the chain's words in the nominative."""
        out = list(phrase.base)
        forms, case = phrase.forms, candidate.case
        for i, (reading, number, gender) in candidate.chain.items():
            # a word already in the nominative of its number keeps its own spelling ("Włosi",
            # not the other plural "Włochowie" synthesis would give first)
            if case == "nom":
                nominative: str | None = forms[i]
            else:
                if (
                    phrase.group == "person"
                    and number == "pl"
                    and ("nazwisko" in reading.names or reading.lemma_ending is not None)
                ):
                    # a family in an oblique case is cited by one member: "Żeromskich",
                    # "Kossaków" → Żeromski, Kossak (a nominative plural stays, "Sokołowscy"; a
                    # people stays plural, "Hindusów" → Hindusi)
                    number = "sg"
                nominative = self._synthesizer.nominative(reading, number, gender, phrase.group)
            if nominative:
                out[i] = transfer_case(forms[i], nominative)
        return out

    def _features(self, phrase: Phrase, out: list[str], candidate: Chain) -> Features:
        """What the ranker weighs: the hand-set score and its parts, the key, and per word of
        the chain how its reading was found and how the word ends before and after."""
        group, kind = phrase.group, phrase.kind
        where = f"{group}/{kind}" if kind else str(group)
        case, number, gender = candidate.case, candidate.number, candidate.gender
        features: Features = {
            "hand": candidate.score,
            "hand first": float(candidate.first),
            f"key {case}:{number}:{gender}": 1.0,
            f"key {case}:{number}:{gender} {where}": 1.0,
            f"key {case}:{number} {where}": 1.0,
            f"length {min(len(candidate.chain), 3)} {case}": 1.0,
        }
        left = [i for i in candidate.declining if i not in candidate.chain]
        if candidate.chain and left:
            # some words change and some stay: right for "Unii Europejskiej Wolnego Handlu",
            # suspicious in a person's name ("Theresy May" is one name in one case)
            features[f"partial {where}"] = 1.0
        for i in left:
            # a word left as it stands: how it ends says whether that is plausible
            _add(features, f"kept end {phrase.forms[i][-2:].lower()} {where}")
        if group == "person":
            self._locale_features(features, phrase, out, candidate)
        self._reading_features(features, phrase, out, candidate, where)
        return features

    def _locale_features(
        self, features: Features, phrase: Phrase, out: list[str], candidate: Chain
    ) -> None:
        """A given or family name known in many languages stays as it is ("Andy", not the
        genitive of "Anda"); one that is the result of the change speaks for the change."""
        locales = self._resources.locales
        for i in candidate.declining:
            before_form, after_form = phrase.forms[i], out[i]
            if after_form != before_form:
                before = locales.get(before_form, (0.0, 0.0))
                after = locales.get(after_form, (0.0, 0.0))
                _add(features, "given name locales", after[0] - before[0])
                _add(features, "family name locales", after[1] - before[1])
                _add(features, "given name changed", before[0])
                _add(features, "family name changed", before[1])

    def _reading_features(
        self, features: Features, phrase: Phrase, out: list[str], candidate: Chain, where: str
    ) -> None:
        """Per word of the chain: where its reading came from, whether it changed, how it ends
        before and after, and how much more frequent its lemma is than the form itself."""
        frequencies = self._resources.frequencies
        group, case = phrase.group, candidate.case
        for i, (reading, _number, _gender) in candidate.chain.items():
            form, result = phrase.forms[i], out[i]
            source = (
                "guess"
                if reading.lemma_ending is not None
                else "name"
                if reading.names & PROPER_NAMES
                else "word"
            )
            pos = "noun" if reading.noun else "adj"
            _add(features, f"reading {source} {pos} {case} {where}")
            if case != "nom" and result == form:
                # an oblique case with no change: indeclinable ("May"), or a guess gone wrong
                _add(features, f"indeclinable {source} {where}")
            _add(features, f"weight {source}", reading.weight - WEIGHTS.identity)
            if source != "name":
                # how words end only says something where no dictionary names the lemma
                _add(features, f"end {form[-2:].lower()}>{result[-2:].lower()} {group}")
                _add(features, f"end {form[-3:].lower()}>{result[-3:].lower()} {where}")
                _add(features, f"result end {result[-3:].lower()} {where}")
            _add(
                features,
                "frequency",
                math.log10(1.0 + frequencies.get(reading.lemma, 0.0))
                - math.log10(1.0 + frequencies.get(form, 0.0)),
            )


def _add(features: Features, name: str, value: float = 1.0) -> None:
    features[name] = features.get(name, 0.0) + value


def _text(phrase: Phrase, out: list[str]) -> str:
    """The candidate's tokens joined as the text spaces them, dropped ones left out."""
    parts: list[str] = []
    for i, form in enumerate(out):
        if phrase.keep[i]:
            parts.append(form + (" " if phrase.spaces[i] else ""))
        elif parts and phrase.spaces[i]:
            # the dropped suffix carried the space that followed the acronym
            parts[-1] = parts[-1].rstrip(" ") + " "
    return "".join(parts).strip()
