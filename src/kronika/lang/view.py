"""One view of an analysed document, built once per Doc and shared by every extractor.

spaCy makes a new ``Token`` object on every ``doc[i]`` and finds a token's sentence by scanning,
so the extractors read the document through plain lists instead: token texts, lemmas and
character offsets, the SGJP readings, the sentences and which sentence holds each token, and a
character → token map. Each part is built on first use and kept; :meth:`DocumentView.of` keeps
the view itself on the Doc (``doc.user_data``), so the timex, quotation and fact extractors share
one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

from kronika.lang.components import all_lemmas, doc_readings, doc_text
from kronika.lang.morphology import Interpretation

__all__ = ["CLAUSE_EDGE", "STATEMENT_EDGE", "DocumentView", "trim"]

VIEW_KEY = "kronika.view"
T = TypeVar("T")

#: Characters trimmed from the edges of a quoted clause or a speaker's words.
CLAUSE_EDGE = " \t\n,;:–—-"
#: The same and a period: the edges of a fact's evidence sentence.
STATEMENT_EDGE = CLAUSE_EDGE + "."


def trim(text: str, start: int, end: int, edge: str = CLAUSE_EDGE) -> tuple[int, int]:
    """``[start, end)`` without the characters of ``edge`` at either end."""
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


class DocumentView:
    """Lists over one Doc's tokens and sentences; see the module docstring."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._derived: dict[str, Any] = {}
        self._reading_lemmas: list[frozenset[str] | None] = [None] * len(doc)

    @classmethod
    def of(cls, doc: Doc) -> DocumentView:
        """The view of ``doc``, made on the first call and kept on the doc."""
        view = doc.user_data.get(VIEW_KEY)
        if not isinstance(view, DocumentView) or view.doc is not doc:
            view = doc.user_data[VIEW_KEY] = cls(doc)
        return view

    # --- tokens -------------------------------------------------------------------------------

    @cached_property
    def text(self) -> str:
        return doc_text(self.doc)

    @cached_property
    def tokens(self) -> list[Token]:
        """The document's tokens, made once (``doc[i]`` and iterating a Doc make new ones)."""
        return list(self.doc)

    @cached_property
    def texts(self) -> list[str]:
        return [token.text for token in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:
        """The disambiguated lemma of each token."""
        return [token.lemma_ for token in self.tokens]

    @cached_property
    def lowers(self) -> list[str]:
        return [token.lower_ for token in self.tokens]

    @property
    def readings(self) -> Sequence[tuple[Interpretation, ...]]:
        """The SGJP readings of each token."""
        return doc_readings(self.doc)

    def reading_lemmas(self, token: Token) -> frozenset[str]:
        """The chosen lemma and every SGJP lemma of ``token``, as written and lowercased."""
        cached = self._reading_lemmas[token.i]
        if cached is None:
            cached = self._reading_lemmas[token.i] = frozenset(all_lemmas(token))
        return cached

    def lowered_lemmas_and_form(self, token: Token) -> frozenset[str]:
        """:meth:`reading_lemmas` lowercased, and the lowercased form."""
        return self.lowered[token.i]

    @cached_property
    def lowered(self) -> list[frozenset[str]]:
        """:meth:`lowered_lemmas_and_form` of each token."""
        return [
            lemmas | {lower} for lemmas, lower in zip(self.lowered_lemmas, self.lowers, strict=True)
        ]

    @cached_property
    def lowered_lemmas(self) -> list[frozenset[str]]:
        """The chosen and every SGJP lemma of each token, lowercased (no form)."""
        result = []
        for lemma, readings in zip(self.lemmas, self.readings, strict=True):
            lowered = {reading.lemma.lower() for reading in readings}
            lowered.add(lemma.lower())
            result.append(frozenset(lowered))
        return result

    @cached_property
    def _lowered_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, words in enumerate(self.lowered):
            for word in words:
                index.setdefault(word, []).append(i)
        return index

    def having(self, words: Iterable[str]) -> list[Token]:
        """The tokens one of whose lowercased lemmas or lowercased form is one of ``words``, in
        order: an extractor visits the tokens its cue words can start at, not every token."""
        index = self._lowered_index
        found = sorted({i for word in words for i in index.get(word, ())})
        tokens = self.tokens
        return [tokens[i] for i in found]

    def lemmas_and_form(self, token: Token) -> frozenset[str]:
        """:meth:`reading_lemmas` and the lowercased form: for vocabularies that list forms too."""
        return self.reading_lemmas(token) | {token.text.lower()}

    @cached_property
    def char_token(self) -> list[int]:
        """For each character, the index of the token covering it, or -1 (spaces)."""
        index = [-1] * (len(self.text) + 1)
        for token in self.tokens:
            start, length = token.idx, len(token.text)
            index[start : start + length] = [token.i] * length
        return index

    @cached_property
    def token_ends(self) -> dict[int, int]:
        """Character offset where a token ends → the index after that token."""
        return {token.idx + len(token.text): token.i + 1 for token in reversed(self.tokens)}

    def token_at(self, char: int) -> Token | None:
        """The token covering ``char`` or the first one after it."""
        n, index = len(self.text), self.char_token
        while char < n and index[char] < 0:
            char += 1
        if char >= n:
            return None
        return self.tokens[index[char]]

    def token_before(self, char: int) -> Token | None:
        """The token covering ``char - 1`` or the last one before it."""
        index = self.char_token
        char -= 1
        while char >= 0 and index[char] < 0:
            char -= 1
        return self.tokens[index[char]] if char >= 0 else None

    def tokens_until(self, first: int, end_char: int) -> list[Token]:
        """Tokens from index ``first`` that start before ``end_char``."""
        tokens, found = self.tokens, []
        for i in range(first, len(tokens)):
            if tokens[i].idx >= end_char:
                break
            found.append(tokens[i])
        return found

    # --- sentences ----------------------------------------------------------------------------

    @cached_property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The first character of each sentence."""
        return [sent.start_char for sent in self.sentences]

    @cached_property
    def token_sentences(self) -> list[Span]:
        """The sentence of each token."""
        found: list[Span] = []
        for sent in self.sentences:
            found.extend([sent] * len(sent))
        return found

    def sentence_of(self, i: int) -> Span:
        """The sentence of token ``i``."""
        return self.token_sentences[i]

    def sentence_start(self, char: int) -> int:
        """The first character of the sentence holding the token before ``char`` (0 if none)."""
        token = self.token_before(char)
        return self.token_sentences[token.i].start_char if token is not None else 0

    def sentences_starting(self, start: int, end: int) -> list[Span]:
        """Sentences whose first character is in ``[start, end)``, in order."""
        starts = self.sentence_starts
        return self.sentences[bisect_left(starts, start) : bisect_left(starts, end)]

    # --- extractor tables ---------------------------------------------------------------------

    def derived(self, key: str, build: Callable[[DocumentView], T]) -> T:
        """A table an extractor derives from the view (built once, kept with it)."""
        if key not in self._derived:
            self._derived[key] = build(self)
        result: T = self._derived[key]
        return result
