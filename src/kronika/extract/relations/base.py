"""What the relation extractors share: a found relation before linking, and token lookups.

There is no dependency parser in the pipeline, so a clause is the stretch of a sentence between
clause punctuation, and cases come from SGJP readings (all of them)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kronika.lang.components import doc_text, readings
from kronika.lang.view import DocumentView
from kronika.ner.mentions import MENTIONS_KEY

#: Punctuation that closes a clause inside a sentence.
CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "(", ")"})
#: Verb classes of SGJP that make a clause's predicate.
VERB_CLASSES = frozenset({"fin", "praet", "imps", "inf", "bedzie", "impt", "winien", "pcon"})
#: Entity types that can be a member, partner, owner or target.
PARTY_TYPES = frozenset({"country", "organization"})


#: The key of a ``Ref`` for the country of the article's national offices ("rządowy
#: pełnomocnik"), decided when the relation is linked.
HOME_KEY = "home:"


@dataclass(frozen=True, slots=True)
class Ref:
    """One end of a relation: a stretch of the text, or (``start`` None) an entity the text does
    not name there, by its entity key ("country:PL" for the office of a Polish article)."""

    text: str
    start: int | None = None
    end: int | None = None
    key: str | None = None
    #: the entity id when it is already known ("prezydent Rosji" stands for its holder)
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A relation as the text states it, before its ends are linked to entities.

    ``start``–``end`` is the evidence (the clause stating it); ``cue`` names the rule."""

    predicate: str
    subject: Ref
    object: Ref | None
    start: int
    end: int
    cue: str
    value: str | None = None
    status: str = "current"
    #: where the cue word starts (characters): the time nearest it is the relation's
    anchor: int | None = None


class View:
    """Token-level lookups over one Doc: the mention at each token, clause bounds."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.base = DocumentView.of(doc)
        self.text = doc_text(doc)
        self.mentions: list[Span] = (
            sorted(doc.spans[MENTIONS_KEY], key=lambda m: (m.start, -m.end))
            if MENTIONS_KEY in doc.spans
            else []
        )
        self.mention_at: list[Span | None] = [None] * len(doc)
        for mention in reversed(self.mentions):
            for i in range(mention.start, mention.end):
                self.mention_at[i] = mention

    def starting(self, i: int, stop: int | None = None) -> Span | None:
        """The mention that starts at token ``i`` (and ends by ``stop``)."""
        if i < 0 or i >= len(self.doc):
            return None
        mention = self.mention_at[i]
        if mention is None or mention.start != i:
            return None
        if stop is not None and mention.end > stop:
            return None
        return mention

    def clause(self, i: int) -> tuple[int, int]:
        """Token bounds [lo, hi) of the clause around token ``i``."""
        sent = self.base.sentence_of(i)
        texts = self.base.texts
        lo = i
        while lo > sent.start and texts[lo - 1] not in CLAUSE_PUNCT:
            lo -= 1
        hi = i + 1
        while hi < sent.end and texts[hi] not in CLAUSE_PUNCT:
            hi += 1
        return lo, hi

    def chars(self, lo: int, hi: int) -> tuple[int, int]:
        """Character offsets of tokens [lo, hi)."""
        tokens = self.base.tokens
        last = tokens[hi - 1]
        return tokens[lo].idx, last.idx + len(last.text)

    def ref(self, mention: Span) -> Ref:
        return Ref(mention.text, mention.start_char, mention.end_char)

    def span_ref(self, lo: int, hi: int) -> Ref:
        start, end = self.chars(lo, hi)
        return Ref(self.text[start:end], start, end)


def is_party(mention: Span) -> bool:
    """A state or an organization, not a derived word ("białoruska")."""
    kb = mention._.kb or ""
    return not mention._.derived and (
        mention._.entity_type in PARTY_TYPES or kb.startswith(("country:", "org:"))
    )


def is_organization(mention: Span) -> bool:
    kb = mention._.kb or ""
    return (
        not mention._.derived
        and (mention._.entity_type == "organization" or kb.startswith("org:"))
        and not kb.startswith("country:")
    )


def is_verb(token: Token) -> bool:
    return token.text[:1].islower() and any(r.pos in VERB_CLASSES for r in readings(token))


def is_conditional(token: Token) -> bool:
    """A conditional form ("wyprowadziłaby", "wstąpiłby"): a hypothetical, not a fact."""
    return token.text.lower().endswith(("by", "łbym", "łabym", "liby", "łyby"))


def is_future(token: Token) -> bool:
    """A perfective non-past form ("wycofa", "opuści") or "będzie": the future."""
    return any(r.pos == "bedzie" or (r.pos == "fin" and ":perf" in r.tag) for r in readings(token))


#: Endings of a foreign name SGJP does not know that Polish puts in the genitive ("Bidena").
GENITIVE_ENDINGS = ("a", "ego")


def genitive_name(person: Span) -> bool:
    """Whether a person's name can be in the genitive: "rzecznik premier Theresy May" (the
    title before the name is the person's) but not "doradczyni prezydenta Kellyanne Conway"."""
    for token in person:
        found = readings(token)
        if any(r.known for r in found):
            if any(":gen" in r.tag or ".gen" in r.tag for r in found):
                return True
        elif token.text.endswith(GENITIVE_ENDINGS):
            return True
    return False
