"""One type per entity: the mentions of one name in a document agree on a type.

A statistical detector types each occurrence of a name by its sentence alone, so a company the
article names five times may be a person in one sentence and a place in the next. Here the
occurrences of one name (one lemma, or a form another occurrence has as its lemma) pool their
evidence and all take the type it favours:

- the detector's labels, as shares of the name's occurrences (together worth ``MODEL_WEIGHT``);
- each occurrence right after a noun naming a kind of organization, product or event ("linie
  lotnicze Ryanair", "gazociąg Nord Stream", "szczyt G20"; ``kronika.lang.titles``) or a kind of
  place ("w mieście Karaczi"), and each followed by a company's legal form ("Lufthansa AG"):
  ``CONTEXT_WEIGHT`` each, as a word that says what a name names outweighs a guess from its shape.

Names the knowledge base links keep their type: the knowledge base is the strongest evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span

from kronika.lang.components import doc_readings, doc_text
from kronika.lang.titles import (
    event_nouns,
    legal_forms,
    organization_nouns,
    place_nouns,
    product_nouns,
)
from kronika.lang.view import DocumentView
from kronika.ner.labels import entity_type

#: What the detector's labels of a name's occurrences are worth together.
MODEL_WEIGHT = 2.0
#: What one occurrence after a kind noun, or before a legal form, is worth.
CONTEXT_WEIGHT = 3.0
#: The label a mention takes for a type none of its name's occurrences was labelled with.
DEFAULT_LABELS = {
    "person": "persName",
    "organization": "orgName",
    "country": "placeName_country",
    "place": "placeName",
    "other": "productName",
    "event": "eventName",
}


@lru_cache(maxsize=1)
def _legal_form() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A legal form right after a name, and one ending a name."""
    forms = "|".join(re.escape(form) for form in legal_forms())
    return re.compile(rf"\s*,?\s*(?:{forms})(?!\w)"), re.compile(rf"\s(?:{forms})$")


def kind_before(doc: Doc, start: int) -> str | None:
    """The type a lowercase noun right before token ``start`` says the name there has, with at
    most one adjective between ("przewoźnik Ryanair", "linie lotnicze Ryanair", "gazociąg Nord
    Stream"); None without one."""
    tokens = DocumentView.of(doc).tokens
    for noun in (start - 1, start - 2):
        # the noun may open a sentence ("Gazociąg Nord Stream 2 …")
        if noun < 0 or not (tokens[noun].text[:1].islower() or tokens[noun].is_sent_start):
            return None
        readings = doc_readings(doc)[noun]
        lemmas = {r.lemma for r in readings if r.pos == "subst"}
        for kind, nouns in _KINDS:
            if lemmas & nouns():
                return kind
        if not any(r.pos == "adj" for r in readings):
            return None
    return None


_KINDS = (
    ("organization", organization_nouns),
    ("other", product_nouns),
    ("event", event_nouns),
    ("place", place_nouns),
)


def followed_by_legal_form(doc: Doc, end: int) -> bool:
    """A company's legal form follows token ``end - 1`` ("Lufthansa" of "Lufthansa AG")."""
    last = DocumentView.of(doc).tokens[end - 1]
    return bool(_legal_form()[0].match(doc_text(doc), last.idx + len(last.text)))


def has_legal_form(span: Span) -> bool:
    """A company's legal form ends the name or follows it ("Lufthansa AG", "Orlen S.A.")."""
    after, ending = _legal_form()
    return bool(after.match(doc_text(span.doc), span.end_char) or ending.search(span.text))


def _group_keys(mentions: Sequence[Span]) -> list[int]:
    """For each mention, the number of the group of mentions of one name it belongs to: one
    lemma (lowercased, without a legal form), or a form that is another mention's lemma
    ("Ryanaira" of "Ryanair")."""
    _after, ending = _legal_form()
    by_lemma: dict[str, int] = {}
    groups = []
    for mention in mentions:
        # "Lufthansa AG" is the Lufthansa of the next sentence
        lemma = ending.sub("", mention._.lemma or mention.text).lower()
        group = by_lemma.setdefault(lemma, by_lemma.get(mention.text.lower(), len(by_lemma)))
        by_lemma.setdefault(mention.text.lower(), group)
        groups.append(group)
    return groups


def _votes(mentions: Sequence[Span]) -> dict[str, float]:
    """The evidence for each type of one name's occurrences (see the module docstring)."""
    votes: dict[str, float] = defaultdict(float)
    for mention in mentions:
        votes[mention._.entity_type] += MODEL_WEIGHT / len(mentions)
        kind = kind_before(mention.doc, mention.start)
        if kind is not None:
            votes[kind] += CONTEXT_WEIGHT
        if has_legal_form(mention):
            votes["organization"] += CONTEXT_WEIGHT
    # a place the detector calls a country stays one: the two differ in kind, not in evidence
    if "place" in votes and "country" in votes:
        votes["country"] += votes.pop("place")
    return votes


def agreeing_types(mentions: list[Span]) -> list[Span]:
    """The mentions with every unlinked name's occurrences given one type and label, chosen
    from the evidence of them all; linked, derived and short names as they are."""
    open_ = [i for i, m in enumerate(mentions) if not (m._.kb or m._.short_for or m._.derived)]
    groups: dict[int, list[int]] = defaultdict(list)
    for i, group in zip(open_, _group_keys([mentions[i] for i in open_]), strict=True):
        groups[group].append(i)
    result = list(mentions)
    for members in groups.values():
        spans = [mentions[i] for i in members]
        votes = _votes(spans)
        # ties go to the type of the first occurrence, as the article introduced the name
        first = spans[0]._.entity_type
        chosen = max(votes, key=lambda kind: (votes[kind], kind == first))
        labels = [s.label_ for s in spans if s._.entity_type == chosen]
        label = max(labels, key=labels.count) if labels else DEFAULT_LABELS[chosen]
        for i in members:
            if mentions[i]._.entity_type != chosen or mentions[i].label_ != label:
                result[i] = retyped(mentions[i], label, chosen)
    return result


def retyped(mention: Span, label: str, kind: str | None = None) -> Span:
    """The mention with another label and type, its other annotations kept."""
    span = Span(mention.doc, mention.start, mention.end, label=label)
    for name in ("lemma", "kb", "short_for", "derived"):
        setattr(span._, name, getattr(mention._, name))
    span._.entity_type = kind or entity_type(label)
    return span
