"""The lemmatizer picks the lemma a reader means among Morfeusz's readings.

Sentences are tokenized by hand the way spaCy's Polish tokenizer splits them ("np" and "." are
separate tokens). Each case checks only the ambiguous tokens that motivate a rule.
"""

from __future__ import annotations

import pickle

import pytest

from kronika.lang.lemmatizer import Lemmatizer
from kronika.lang.morphology import Interpretation, Morphology


@pytest.fixture(scope="session")
def lemmatizer() -> Lemmatizer:
    return Lemmatizer(Morphology())


CASES = [
    # a preposition's case decides; a capitalized word keeps its proper-name lemma
    ("W Mińsku spotkali się prezydenci .", {"Mińsku": "Mińsk", "W": "w", "się": "się"}),
    # the noun lemma of a capitalized name, the verb for the next word
    ("Mińsk wiązał nadzieję z porozumieniem .", {"Mińsk": "Mińsk", "wiązał": "wiązać"}),
    # "nie" is the particle unless a preposition precedes; an unknown surname stays as it is
    (
        "Nie wiem , czy Kowalczykiewiczowski przyjedzie .",
        {"Nie": "nie", "Kowalczykiewiczowski": "Kowalczykiewiczowski"},
    ),
    ("Patrzył na nie z daleka .", {"nie": "on"}),
    # sentence-initial common words get lowercase lemmas, not a first name ("Ala", "Al")
    ("Ale to nie jest prawda .", {"Ale": "ale", "to": "to", "jest": "być"}),
    ("Potem poszedł do domu .", {"Potem": "potem", "domu": "dom"}),
    # a demonstrative agreeing with the next noun is "ten", on its own "to"
    ("Tego dnia padało .", {"Tego": "ten"}),
    ("Nie mówił o tym nikomu .", {"tym": "to"}),
    ("W tym roku Polska ma nowy rząd .", {"tym": "ten", "Polska": "Polska", "ma": "mieć"}),
    # "może" before an infinitive is the verb, otherwise the particle
    ("Jutro może padać .", {"może": "móc"}),
    ("Może to prawda .", {"Może": "może"}),
    # pronouns, not interjections or rare nouns
    ("Dał mu książkę i pomógł jej .", {"mu": "on", "jej": "on"}),
    ("Powiedział mi to wczoraj .", {"mi": "ja"}),
    ("Spotkał się z nim w Moskwie .", {"nim": "on", "Moskwie": "Moskwa"}),
    # the whole word, not "gdzie" + "-ś"
    ("Gdzieś tam coś się stało .", {"Gdzieś": "gdzieś", "coś": "coś", "tam": "tam"}),
    # past verb over the homonymous noun
    ("Miał pan rację .", {"Miał": "mieć", "pan": "pan"}),
    # abbreviations analysed with their period
    ("Mówił np . o sankcjach .", {"np": "na_przykład"}),
    ("Było to w 2021 r . w Mińsku .", {"r": "rok", "2021": "2021"}),
    # agglutinate split off a past form, as UD and NKJP do
    ("Zrobił em to sam .", {"em": "być", "Zrobił": "zrobić"}),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_lemmas_in_context(lemmatizer: Lemmatizer, sentence: str, expected: dict[str, str]) -> None:
    forms = sentence.split()
    lemmas = dict(zip(forms, lemmatizer.lemmatize(forms), strict=True))
    for form, lemma in expected.items():
        assert lemmas[form] == lemma, (form, lemmas)


def test_unknown_word_keeps_its_form(lemmatizer: Lemmatizer) -> None:
    assert lemmatizer.lemmatize(["Zbyszkowiczówna", "przyszła"]) == [
        "Zbyszkowiczówna",
        "przyjść",
    ]


def test_choose_returns_one_offered_reading_per_token(lemmatizer: Lemmatizer) -> None:
    morphology = Morphology()
    forms = ["Ale", "od", "tego", "czasu", "nie", "było", "go", "tam", "."]
    readings = [morphology.analyse(form) for form in forms]
    chosen = lemmatizer.choose(forms, readings, [i == 0 for i in range(len(forms))])
    assert len(chosen) == len(forms)
    for reading, offered in zip(chosen, readings, strict=True):
        assert isinstance(reading, Interpretation)
        assert reading in offered
    assert [r.lemma for r in chosen] == ["ale", "od", "ten", "czas", "nie", "być", "on", "tam", "."]


def test_deterministic_and_picklable(lemmatizer: Lemmatizer) -> None:
    forms = ["Ale", "to", "nie", "jest", "prawda", "."]
    first = lemmatizer.lemmatize(forms)
    copy = pickle.loads(pickle.dumps(lemmatizer))
    assert copy.lemmatize(forms) == first == lemmatizer.lemmatize(forms)


def test_sentence_starts_default_to_first_token(lemmatizer: Lemmatizer) -> None:
    forms = ["Potem", "przyszła", "Ala", "."]
    assert lemmatizer.lemmatize(forms) == lemmatizer.lemmatize(forms, [True, False, False, False])
