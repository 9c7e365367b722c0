"""The vocabulary of ``pl/facts.yaml`` and the punctuation the fact extractors cut clauses at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kronika.extract.pl import PACKAGE
from kronika.resources import vocabulary

#: A number as Polish press writes it: "47", "12,5", "1.5".
NUMBER = re.compile(r"^\d{1,3}(?:[,.]\d+)?$")


#: Punctuation that closes a clause inside a sentence.
CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "-"})


OPENING_QUOTES = frozenset('„«"“')


#: Punctuation that separates one statement's clause from the next.
SEPARATOR_PUNCT = frozenset({",", ";", ":"})


#: Dashes that end a statement's clause (dialogue attribution, asides).
DASHES = frozenset({"–", "—", "-"})


CLOSING_QUOTES = frozenset('”"“»')


#: Verb classes of a clause's predicate (SGJP): a name search stops at a verb.
VERB_CLASSES = frozenset({"fin", "praet", "imps", "inf", "bedzie", "impt", "winien"})


MEMBER_TYPES = frozenset({"country", "organization"})


@dataclass(frozen=True)
class Lexicon:
    percent_forms: frozenset[str]
    qualifiers: dict[str, str | None]
    distributive_ordinals: dict[str, int]
    share_nouns: dict[str, int | None]
    population_words: frozenset[str]
    survey_population_words: frozenset[str]
    population_participles: frozenset[str]
    voter_words: frozenset[str]
    place_prepositions: frozenset[str]
    poll_nouns: frozenset[str]
    pollster_nouns: frozenset[str]
    pollster_names: tuple[str, ...]
    fieldwork_verbs: frozenset[str]
    client_words: frozenset[str]
    source_links: frozenset[str]
    opinion_verbs: frozenset[str]
    vote_words: frozenset[str]
    change_prepositions: frozenset[str]
    statement_separators: frozenset[str]
    member_nouns: frozenset[str]
    member_adjectives: frozenset[str]
    member_heads: frozenset[str]
    join_verbs: frozenset[str]
    belong_verbs: frozenset[str]
    container_nouns: frozenset[str]
    irrealis_words: frozenset[str]
    complementizers: frozenset[str]
    copulas: frozenset[str]
    list_openers: frozenset[str]
    conditional_endings: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary of ``pl/facts.yaml``, read once per process."""
    raw = vocabulary(PACKAGE, "facts.yaml")

    words = raw.words

    return Lexicon(
        percent_forms=words("percent_forms"),
        qualifiers={
            str(k): (str(v) if v is not None else None) for k, v in raw["qualifiers"].items()
        },
        distributive_ordinals={str(k): int(v) for k, v in raw["distributive_ordinals"].items()},
        share_nouns={str(k): v for k, v in raw["share_nouns"].items()},
        population_words=words("population_words"),
        survey_population_words=words("survey_population_words"),
        population_participles=words("population_participles"),
        voter_words=words("voter_words"),
        place_prepositions=words("place_prepositions"),
        poll_nouns=words("poll_nouns"),
        pollster_nouns=words("pollster_nouns"),
        # longest first, so "Kantar Public" wins over "Kantar"
        pollster_names=tuple(
            sorted((str(n) for n in raw["pollster_names"]), key=len, reverse=True)
        ),
        fieldwork_verbs=words("fieldwork_verbs"),
        client_words=words("client_words"),
        source_links=words("source_links"),
        opinion_verbs=words("opinion_verbs"),
        vote_words=words("vote_words"),
        change_prepositions=words("change_prepositions"),
        statement_separators=words("statement_separators"),
        member_nouns=words("member_nouns"),
        member_adjectives=words("member_adjectives"),
        member_heads=words("member_heads"),
        join_verbs=words("join_verbs"),
        belong_verbs=words("belong_verbs"),
        container_nouns=words("container_nouns"),
        irrealis_words=words("irrealis_words"),
        complementizers=words("complementizers"),
        copulas=words("copulas"),
        list_openers=words("list_openers"),
        conditional_endings=tuple(str(e) for e in raw["conditional_endings"]),
    )
