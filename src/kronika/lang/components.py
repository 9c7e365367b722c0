"""spaCy components of the Polish language layer, registered by name.

Order in the pipeline: ``kronika_morphology`` (SGJP readings, NER features) →
``kronika_sentences`` → the NER component → ``kronika_lemmatizer`` (one lemma per token). The
morphology component gives every token a provisional lemma (the first SGJP reading) and a tag
made only from the readings, so the features the NER model sees never depend on the later
disambiguation.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from kronika.lang.lemmatizer import Lemmatizer
from kronika.lang.morphology import Interpretation, Morphology, shared_morphology

READINGS_KEY = "kronika.readings"
TEXT_KEY = "kronika.text"


def readings(token: Token) -> tuple[Interpretation, ...]:
    """The SGJP readings ``kronika_morphology`` stored for ``token``."""
    token_readings: tuple[Interpretation, ...] = token.doc.user_data[READINGS_KEY][token.i]
    return token_readings


def has_tag(token: Token, pos: Collection[str], *features: str) -> bool:
    """A reading of class ``pos`` whose tag holds every one of ``features`` (as tag values,
    e.g. "pl", "gen", "m1"; dotted alternatives such as "gen.acc" count)."""
    for reading in readings(token):
        if reading.pos not in pos:
            continue
        values = tag_values(reading.tag)
        if all(f in values for f in features):
            return True
    return False


@lru_cache(maxsize=8192)
def tag_values(tag: str) -> frozenset[str]:
    """The values of an SGJP tag after its class, dotted alternatives apart: a few thousand
    distinct tags, asked about hundreds of thousands of times."""
    values: set[str] = set()
    for part in tag.split(":")[1:]:
        values.update(part.split("."))
    return frozenset(values)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy joins every token's text again on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class TextKeepingTokenizer:
    """spaCy's tokenizer, keeping the text it tokenized on the Doc for :func:`doc_text`: the Doc
    is non-destructive (its text is that text), and ``doc.text`` joins every token again (2% of
    ``analyze``)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc


def all_lemmas(token: Token) -> set[str]:
    """The chosen lemma and every SGJP lemma of the token, as written and lowercased: matching
    vocabulary by all of them keeps a mis-chosen lemma from hiding a word."""
    result = {token.lemma_, token.lemma_.lower()}
    for reading in readings(token):
        result.add(reading.lemma)
        result.add(reading.lemma.lower())
    return result


def doc_readings(doc: Doc) -> Sequence[tuple[Interpretation, ...]]:
    all_readings: Sequence[tuple[Interpretation, ...]] = doc.user_data[READINGS_KEY]
    return all_readings


def feature_tag(token_readings: tuple[Interpretation, ...]) -> str:
    """``subst|imię+nazwisko``: the first reading's class and every SGJP name category offered."""
    names = sorted({name for reading in token_readings for name in reading.names})
    return f"{token_readings[0].pos}|{'+'.join(names)}"


def analyse_doc(doc: Doc, morphology: Morphology) -> list[tuple[Interpretation, ...]]:
    """Readings for each token; an abbreviation is analysed with the period that follows it."""
    tokens = list(doc)
    return morphology.analyse_words([t.text for t in tokens], [not t.whitespace_ for t in tokens])


class MorphologyComponent:
    """Stores SGJP readings per token and sets ``tag_`` and a provisional ``lemma_``."""

    def __init__(self, morphology: Morphology | None = None) -> None:
        self.morphology = morphology or shared_morphology()

    def __call__(self, doc: Doc) -> Doc:
        all_readings = analyse_doc(doc, self.morphology)
        doc.user_data[READINGS_KEY] = all_readings
        for token, token_readings in zip(doc, all_readings, strict=False):
            token.tag_ = feature_tag(token_readings)
            token.lemma_ = token_readings[0].lemma
        return doc


@Language.factory("kronika_morphology", assigns=["token.tag", "token.lemma"])
def make_morphology(nlp: Language, name: str) -> MorphologyComponent:
    return MorphologyComponent()


class LemmatizerComponent:
    """Sets ``lemma_`` to the reading the disambiguator chooses. Runs after sentence splitting."""

    def __init__(self) -> None:
        self.lemmatizer = Lemmatizer()

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)
        chosen = self.lemmatizer.choose(
            [t.text for t in tokens], doc_readings(doc), [bool(t.is_sent_start) for t in tokens]
        )
        for token, reading in zip(tokens, chosen, strict=False):
            token.lemma_ = reading.lemma
        return doc


@Language.factory(
    "kronika_lemmatizer", assigns=["token.lemma"], requires=["token.tag", "token.is_sent_start"]
)
def make_lemmatizer(nlp: Language, name: str) -> LemmatizerComponent:
    return LemmatizerComponent()
