"""The document as the quotation detectors see it: characters to tokens, sentences, mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from kronika.extract.quotes.lexicon import lexicon
from kronika.extract.quotes.model import QuoteIndex
from kronika.lang.components import doc_text, readings
from kronika.ner.mentions import MENTIONS_KEY


class _DocView:
    """Character-level lookups over one Doc, shared by the detectors."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = doc_text(doc)
        self.lex = lexicon()
        self.char_token: list[int] = [-1] * (len(text) + 1)
        for token in doc:
            start = token.idx
            length = len(token.text)
            self.char_token[start : start + length] = [token.i] * length
        self.sent_of: list[Span] = []
        for sent in doc.sents:
            self.sent_of.extend([sent] * len(sent))
        found = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
        self.mentions: list[Span] = [_trim_person(m) for m in found]
        # mention positions by start offset, so that a range query does not scan them all
        self._by_start = sorted(
            range(len(self.mentions)), key=lambda k: self.mentions[k].start_char
        )
        self._starts = [self.mentions[k].start_char for k in self._by_start]
        self._ends = [m.end_char for m in self.mentions]
        self.sentences: list[Span] = list(doc.sents)
        self.sentence_starts = [s.start_char for s in self.sentences]

        #: Quotations found by the earlier detectors (the subject of a later cue is not inside them).
        self.taken = QuoteIndex()

    @cached_property
    def person_starts(self) -> frozenset[int]:
        """Token indices where a person's name begins."""
        return frozenset(
            m.start
            for m in self.mentions
            if m._.entity_type == "person" or m.label_.startswith("persName")
        )

    def tokens_until(self, first: int, end_char: int) -> list[Token]:
        """Tokens from index ``first`` that start before ``end_char``."""
        doc = self.doc
        tokens = []
        for i in range(first, len(doc)):
            token = doc[i]
            if token.idx >= end_char:
                break
            tokens.append(token)
        return tokens

    def token_at(self, char: int) -> Token | None:
        """The token covering ``char`` or the first one after it."""
        n = len(self.text)
        while char < n and self.char_token[char] < 0:
            char += 1
        if char >= n:
            return None
        return self.doc[self.char_token[char]]

    def token_before(self, char: int) -> Token | None:
        char -= 1
        while char >= 0 and self.char_token[char] < 0:
            char -= 1
        return self.doc[self.char_token[char]] if char >= 0 else None

    def sentence_start(self, char: int) -> int:
        token = self.token_before(char)
        return self.sent_of[token.i].start_char if token is not None else 0

    def mentions_in(self, start: int, end: int) -> list[Span]:
        """Mentions within ``[start, end)`` characters, in the order of the mention list."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        found = sorted(k for k in self._by_start[lo:hi] if self._ends[k] <= end)
        return [self.mentions[k] for k in found]

    def sentences_starting(self, start: int, end: int) -> list[Span]:
        """Sentences whose first character is in ``[start, end)``."""
        lo, hi = bisect_left(self.sentence_starts, start), bisect_left(self.sentence_starts, end)
        return self.sentences[lo:hi]


def _trim_person(mention: Span) -> Span:
    """A person mention without leading words glued to it by the rule-based detector
    ("Reuters Anna Wiśniewska", "Twitterze Piotr Nowak"): the name starts at the first first name."""
    if not mention.label_.startswith("persName") or len(mention) < 3:
        return mention
    for k, token in enumerate(mention):
        if k > 0 and any("imię" in r.names for r in readings(token)):
            if not any("imię" in r.names for r in readings(mention[k - 1])):
                return Span(mention.doc, mention.start + k, mention.end, label=mention.label_)
            break
    return mention
