"""The vocabulary of ``pl/quotes.yaml`` (cues, descriptions, addressees) and the punctuation of
quotations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kronika.extract.pl import PACKAGE
from kronika.resources import vocabulary

#: Dialogue dashes: en dash, em dash, or a hyphen standing alone between spaces.
DASHES = frozenset("–—-")


#: Opening → closing quotation marks. Straight quotes pair with themselves.
QUOTE_PAIRS = {"„": '”"“', "«": "»", "“": "”", '"': '"', "»": "«"}


OPENING_QUOTES = frozenset(QUOTE_PAIRS)


CLOSING_QUOTES = frozenset('”"“»«')


#: Verb forms that can carry a speech act (finite, past, impersonal -no/-to, adverbial participle,
#: infinitive after "miał", future "będzie").
VERB_CLASSES = frozenset({"fin", "praet", "imps", "pcon", "inf", "bedzie", "impt", "pant"})


SENTENCE_END = frozenset(".!?…")


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    complementizers: frozenset[str]
    purpose_complementizers: frozenset[str]
    according_to: frozenset[str]
    opinion_locatives: frozenset[str]
    opinion_instrumentals: frozenset[str]
    own_possessives: frozenset[str]
    locative_prepositions: frozenset[str]
    phrase_prepositions: frozenset[str]
    object_prepositions: frozenset[str]
    head_prepositions: frozenset[str]
    subject_stops: frozenset[str]
    comma_attribution_stops: frozenset[str]
    subject_pronouns: frozenset[str]
    quotation_nouns: tuple[str, ...]
    according_nouns: frozenset[str]
    according_excluded: frozenset[str]
    survey_words: frozenset[str]
    share_words: frozenset[str]
    pronouns: frozenset[str]
    description_nouns: frozenset[str]
    person_nouns: frozenset[str]
    office_nouns: frozenset[str]
    office_not_holder: frozenset[str]
    head_offices: frozenset[str]
    instrumental_prepositions: frozenset[str]
    addressee_frames: frozenset[tuple[str, str]]
    addressee_nouns: frozenset[str]
    skip_words: frozenset[str]
    first_person_cues: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary of ``pl/quotes.yaml``, read once per process."""
    raw = vocabulary(PACKAGE, "quotes.yaml")

    words = raw.words

    return Lexicon(
        speech_verbs=frozenset(v for pair in raw["speech_verbs"] for v in pair),
        directive_verbs=words("directive_verbs"),
        complementizers=words("complementizers"),
        purpose_complementizers=words("purpose_complementizers"),
        according_to=words("according_to"),
        opinion_locatives=words("opinion_locatives"),
        opinion_instrumentals=words("opinion_instrumentals"),
        own_possessives=words("own_possessives"),
        locative_prepositions=words("locative_prepositions"),
        phrase_prepositions=words("phrase_prepositions"),
        object_prepositions=words("object_prepositions"),
        head_prepositions=words("head_prepositions"),
        subject_stops=words("subject_stops"),
        comma_attribution_stops=words("comma_attribution_stops"),
        subject_pronouns=words("subject_pronouns"),
        quotation_nouns=tuple(str(w) for w in raw["quotation_nouns"]),
        according_nouns=words("according_nouns"),
        according_excluded=words("according_excluded"),
        survey_words=words("survey_words"),
        share_words=words("share_words"),
        pronouns=words("pronouns"),
        description_nouns=words("description_nouns") | words("source_nouns"),
        person_nouns=words("description_nouns"),
        office_nouns=words("office_nouns"),
        office_not_holder=words("office_not_holder"),
        head_offices=words("head_offices"),
        instrumental_prepositions=words("instrumental_prepositions"),
        addressee_frames=frozenset((a, b) for a, b in raw["addressee_frames"]),
        addressee_nouns=words("addressee_nouns"),
        skip_words=words("skip_words"),
        first_person_cues=words("first_person_cues"),
    )


#: NKJP labels of places: inside a source phrase after a common noun they are its dependents.
PLACE_LABELS = ("placeName", "geogName")
