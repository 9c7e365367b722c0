"""The document as the quotation detectors see it: characters to tokens, sentences, mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property

from spacy.tokens import Doc, Span

from kronika.extract.quotes.detected import QuoteIndex
from kronika.extract.quotes.lexicon import lexicon
from kronika.lang.components import readings
from kronika.lang.view import DocumentView
from kronika.ner.mentions import MENTIONS_KEY


class _DocView:
    """The shared :class:`DocumentView` with what only the quotation detectors need: the
    vocabulary, the mentions (person names trimmed) indexed by offset, the quotations found."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.base = base = DocumentView.of(doc)
        self.text = base.text
        self.lex = lexicon()
        self.char_token = base.char_token
        self.sent_of = base.token_sentences
        self.sentences = base.sentences
        self.token_at = base.token_at
        self.token_before = base.token_before
        self.tokens_until = base.tokens_until
        self.sentence_start = base.sentence_start
        self.sentences_starting = base.sentences_starting
        found = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
        self.mentions: list[Span] = [_trim_person(m) for m in found]
        # mention positions by start offset, so that a range query does not scan them all
        self._by_start = sorted(
            range(len(self.mentions)), key=lambda k: self.mentions[k].start_char
        )
        self._starts = [self.mentions[k].start_char for k in self._by_start]
        self._ends = [m.end_char for m in self.mentions]

        #: Quotations found by the earlier detectors (the subject of a later cue is not inside
        #: them).
        self.taken = QuoteIndex()

    @cached_property
    def person_starts(self) -> frozenset[int]:
        """Token indices where a person's name begins."""
        return frozenset(
            m.start
            for m in self.mentions
            if m._.entity_type == "person" or m.label_.startswith("persName")
        )

    @cached_property
    def full_names(self) -> dict[str, tuple[int, str]]:
        """A person's last word → where a full name ending in it is first given, and that
        name (nominative): what a lone surname stands for ("Llanos" after "Connie Llanos")."""
        names: dict[str, tuple[int, str]] = {}
        for mention in self.mentions:
            if mention._.entity_type == "person" or mention.label_.startswith("persName"):
                name = str(mention._.lemma or mention.text)
                if " " in name:
                    names.setdefault(name.split()[-1], (mention.start_char, name))
        return names

    def mentions_in(self, start: int, end: int) -> list[Span]:
        """Mentions within ``[start, end)`` characters, in the order of the mention list."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        found = sorted(k for k in self._by_start[lo:hi] if self._ends[k] <= end)
        return [self.mentions[k] for k in found]


def _trim_person(mention: Span) -> Span:
    """A person mention without leading words glued to it by the rule-based detector
    ("Reuters Anna Wiśniewska", "Twitterze Piotr Nowak"): the name starts at the first first
    name."""
    if not mention.label_.startswith("persName") or len(mention) < 3:
        return mention
    for k, token in enumerate(mention):
        if k > 0 and any("imię" in r.names for r in readings(token)):
            if not any("imię" in r.names for r in readings(mention[k - 1])):
                return Span(mention.doc, mention.start + k, mention.end, label=mention.label_)
            break
    return mention
