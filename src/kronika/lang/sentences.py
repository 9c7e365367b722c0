"""Sentence segmentation that survives Polish abbreviations, initials and ordinal numbers.

A period ends a sentence unless what precedes it is an abbreviation that cannot end one ("np.",
"prof."), an initial ("A. Nowak"), or the next word starts in lowercase ("30. szczyt", "r. w").
A line break always ends a sentence: scraped articles carry headings and pull-quotes as bare lines.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

from kronika import resources
from kronika.lang.components import READINGS_KEY

TERMINATORS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
# Closing punctuation that stays with the sentence it closes.
CLOSERS = frozenset({'"', "”", "»", "'", "’", ")", "]"})


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation (lowercase, without its period) → ``inner`` or ``final``."""
    rows = resources.rows("kronika.lang.pl", "abbreviations.tsv", 2)
    return {abbreviation: kind for abbreviation, kind in rows}


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first token after ``i`` that is not punctuation or space."""
    for token in doc[i + 1 :]:
        if not (token.is_punct or token.is_space):
            return token
    return None


def _ends_sentence(doc: Doc, i: int, table: dict[str, str]) -> bool:
    token = doc[i]
    if token.text not in TERMINATORS:
        return False
    following = _next_word(doc, i)
    if following is None:
        return True
    starts_upper = following.text[:1].isupper() or following.text[:1].isdigit()
    if token.text != ".":
        return starts_upper
    if not token.whitespace_ and i + 1 < len(doc) and doc[i + 1].text[:1].isalnum():
        return False  # inside "04.11.2021" or "m.in.x"
    if i > 0 and not doc[i - 1].whitespace_:
        before = doc[i - 1].text
        kind = table.get(before.lower())
        if kind == "inner":
            return False
        if len(before) == 1 and before.isupper():
            return False  # an initial
        if kind == "final":
            # "47 proc. Białorusinów" goes on, "w 2006 r. Prezydent…" starts anew
            return following.text[:1].isupper() and not _is_name(following)
    return starts_upper


def _is_name(token: Token) -> bool:
    """A word SGJP lemmatizes with a capital (a name or demonym) or does not know."""
    all_readings = token.doc.user_data.get(READINGS_KEY)
    if all_readings is None:
        return False
    token_readings = all_readings[token.i]
    return any(not r.known or r.lemma[:1].isupper() for r in token_readings)


def set_sentence_starts(doc: Doc) -> Doc:
    table = abbreviations()
    # Collected first and set in one go: assigning ``token.is_sent_start`` token by token makes
    # spaCy re-check the whole document's annotation each time.
    starts = [False] * len(doc)
    start_next = True
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        if token.is_space:
            starts[i] = i == 0
            if "\n" in token.text:
                start_next = True
            i += 1
            continue
        starts[i] = start_next
        start_next = False
        if "\n" in token.whitespace_:
            start_next = True
        if _ends_sentence(doc, i, table):
            # keep closing quotes and brackets glued to the sentence they close
            while i + 1 < n and doc[i + 1].text in CLOSERS:
                i += 1
            start_next = True
        i += 1
    if n:
        values = numpy.array([1 if start else -1 for start in starts], dtype="int64").astype(
            "uint64"
        )
        # spaCy's stubs ask for thinc's Ints2d, a typing-only view of a 2-d integer array
        doc.from_array(["SENT_START"], cast(Ints2d, values.reshape(-1, 1)))
    return doc


@Language.component("kronika_sentences", assigns=["token.is_sent_start"])
def sentences_component(doc: Doc) -> Doc:
    return set_sentence_starts(doc)
