"""Token tests and the document as the fact extractors see it: mentions by token, sentences."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from kronika.extract.facts.lexicon import VERB_CLASSES, lexicon
from kronika.lang.components import readings
from kronika.lang.view import DocumentView
from kronika.model import Timex
from kronika.ner.mentions import MENTIONS_KEY


def _lemmas(token: Token) -> frozenset[str]:
    """Every lemma SGJP offers for the token and its lowercased form: the disambiguated lemma can
    be wrong ("badanych" → "badać" instead of the participle-adjective "badany")
    (:meth:`DocumentView.lemmas_and_form`)."""
    return DocumentView.of(token.doc).lemmas_and_form(token)


def _is_verb(token: Token) -> bool:
    return any(r.pos in VERB_CLASSES for r in readings(token)) and token.text[:1].islower()


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


class _View:
    """Token-level lookups over one Doc shared by the extractors: mentions by token, sentences.
    Both are built on first use: most documents hold no poll or membership cue, and a cheap scan
    of the tokens lets them skip the rest."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.base = DocumentView.of(doc)
        self.text = self.base.text
        self.lex = lexicon()
        found = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
        self.mentions: list[Span] = found
        self._mention_at: list[Span | None] | None = None
        self._sents: list[Span] | None = None

    @property
    def mention_at(self) -> list[Span | None]:
        if self._mention_at is None:
            self._mention_at = [None] * len(self.doc)
            for m in self.mentions:
                for i in range(m.start, m.end):
                    self._mention_at[i] = m
        return self._mention_at

    @property
    def sents(self) -> list[Span]:
        if self._sents is None:
            self._sents = [
                s for s in self.base.sentences if self.text[s.start_char : s.end_char].strip()
            ]
        return self._sents


class TimexIndex:
    """Timexes by start offset: those inside a range are found without scanning them all."""

    def __init__(self, timexes: Sequence[Timex]) -> None:
        self.timexes = timexes
        self._order = sorted(range(len(timexes)), key=lambda k: timexes[k].start)
        self._starts = [timexes[k].start for k in self._order]

    def within(self, lo: int, hi: int) -> list[Timex]:
        """Timexes with start >= ``lo`` and end <= ``hi``, in the order of the list."""
        a, b = bisect_left(self._starts, lo), bisect_right(self._starts, hi)
        found = sorted(k for k in self._order[a:b] if self.timexes[k].end <= hi)
        return [self.timexes[k] for k in found]
