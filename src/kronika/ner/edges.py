"""A detector's span cut to the name it is: its edges trimmed of punctuation, a person's title
before an organization and a trailing preposition (:func:`trimmed`), grown over the words a
hyphen or a web suffix glues to it (:func:`whole_words`), rid of inhabitant nouns at its edges
(:func:`without_demonyms`); overlapping spans merged (:func:`merge_overlaps`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kronika.kb import demonyms
from kronika.lang.components import doc_readings
from kronika.lang.titles import organization_nouns, person_titles
from kronika.ner.gazetteer import Match


def _ends_abbreviation(doc: Doc, i: int) -> bool:
    """Token ``i`` is the period of an abbreviation ("Płn." in "Irlandii Płn.")."""
    return (
        doc[i].text == "."
        and i > 0
        and not doc[i - 1].whitespace_
        and any(r.pos == "brev" for r in doc_readings(doc)[i - 1])
    )


def trimmed(span: Span) -> Span | None:
    """The span without quotation marks, brackets or spaces at its edges („Rzeczpospolitej”),
    and only up to a line break: a name does not run from a title into the text. The period of
    an abbreviation at its end is part of the name."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(start, end - 1):
        if "\n" in doc[i].whitespace_ or (doc[i + 1].is_space and "\n" in doc[i + 1].text):
            end = i + 1
            break
    while end > start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and not _ends_abbreviation(doc, end - 1))
    ):
        end -= 1
    # a person's title at the start of an organization's name is the person's, not the name's
    # ("Ekonomista Banku Pekao Piotr Bielski")
    if end - start > 1 and not span.label_.startswith("persName") and _titled_kind(doc, start):
        start += 1
    # a name does not end in a lowercase preposition or conjunction ("Polskiego Radia w")
    while end - start > 1 and _function_word(doc, end - 1):
        end -= 1
    if start == end:
        return None
    # a quoted part of the name keeps its closing mark ("Instytutu … „Puls”")
    opened = [i for i in range(start, end) if doc[i].text in QUOTE_PAIRS]
    if (
        opened
        and end < len(doc)
        and doc[end].text == QUOTE_PAIRS[doc[opened[-1]].text]
        and not any(doc[i].text == doc[end].text for i in range(opened[-1] + 1, end))
    ):
        end += 1
    return (
        span if (start, end) == (span.start, span.end) else Span(span.doc, start, end, span.label_)
    )


def _titled_kind(doc: Doc, i: int) -> bool:
    """A person's title followed by a kind of organization: "Ekonomista Banku", "Prezes
    Urzędu" (not "Rzecznik Praw Obywatelskich", an institution's own name)."""
    readings = doc_readings(doc)
    titles, kinds = person_titles(), organization_nouns()
    return any(r.pos == "subst" and r.lemma.lower() in titles for r in readings[i]) and any(
        r.pos == "subst" and r.lemma.lower() in kinds for r in readings[i + 1]
    )


#: Word classes that cannot end a name.
FUNCTION_CLASSES = frozenset({"prep", "conj", "comp"})


def _function_word(doc: Doc, i: int) -> bool:
    """A lowercase word SGJP reads only as a preposition or a conjunction."""
    token = doc[i]
    if not token.text.islower():
        return False
    found = doc_readings(doc)[i]
    return bool(found) and all(r.pos in FUNCTION_CLASSES for r in found)


#: Opening quotation marks and the marks that close them.
QUOTE_PAIRS = {"„": "”", "«": "»", "‚": "’"}


def person_words(doc: Doc, start: int, end: int, matches: dict[int, Match]) -> bool:
    """Tokens [start, end) can be a person's name: a known person; or capitalized words not
    known as another name, beginning with an SGJP forename or a word SGJP does not know (most
    foreign names), or at least two of them (forename and surname)."""
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words or not all(t.text[:1].isupper() for t in words):
        return False
    match = matches.get(start)
    if match is not None:
        return match.entry.type == "person"
    readings = doc_readings(doc)[start]
    return len(words) > 1 or any("imię" in r.names or not r.known for r in readings)


HYPHENS = frozenset({"-", "‐"})


def _joins(doc: Doc, hyphen: int) -> bool:
    """The hyphen at ``hyphen`` glues two words into one name, as the particles of Arabic and
    Persian names do ("Tehreek-e-Labbaik", "Noor-ul-Haq"): no spaces, one of the two words
    lowercase and the other capitalized. Two capitalized words ("Polska-Niemcy") stay two names,
    and two lowercase ones are a compound adjective ("polsko-brytyjskie"), not a name."""
    if not 0 < hyphen < len(doc) - 1 or doc[hyphen].text not in HYPHENS:
        return False
    left, right = doc[hyphen - 1], doc[hyphen + 1]
    if left.whitespace_ or doc[hyphen].whitespace_ or not (left.is_alpha and right.is_alpha):
        return False
    return left.text[:1].islower() != right.text[:1].islower()


def _domain_suffix(doc: Doc, dot: int) -> bool:
    """The period at ``dot`` glues a short all-capital or all-lowercase suffix to a name, as in
    web addresses and campaign names ("Onet.pl", "Leave.EU"); a missing space after a sentence
    ("Polska.Od") has a capitalized word after it."""
    if not 0 < dot < len(doc) - 1 or doc[dot].text != ".":
        return False
    left, suffix = doc[dot - 1], doc[dot + 1].text
    return (
        not left.whitespace_
        and not doc[dot].whitespace_
        and suffix.isalnum()
        and len(suffix) <= 4
        and (suffix.isupper() or suffix.islower())
    )


def whole_words(span: Span) -> Span:
    """The span grown over hyphens that glue it to the rest of a name (:func:`_joins`) and over
    a web-address suffix (:func:`_domain_suffix`)."""
    doc = span.doc
    start, end = span.start, span.end
    while _joins(doc, start - 1):
        start -= 2
    while _joins(doc, end) or _domain_suffix(doc, end):
        end += 2
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, span.label_)


def _is_demonym(doc: Doc, i: int) -> bool:
    table = demonyms()
    return any(r.lemma in table for r in doc_readings(doc)[i])


def without_demonyms(span: Span) -> Span:
    """The span without inhabitant nouns at its edges: "Survation Brytyjczycy" is the pollster
    and the people it asked, "Nigeryjką Rebeccą Bitrus" a description and a name. A lone
    demonym stays: it is a derived word."""
    doc = span.doc
    start, end = span.start, span.end
    if end - start < 2:
        return span
    while start < end and _is_demonym(doc, start):
        start += 1
    while end > start and _is_demonym(doc, end - 1):
        end -= 1
    if start == end:
        return span
    if (start, end) == (span.start, span.end):
        return span
    # an inhabitant noun before a name describes a person ("Nigeryjka Rebecca Bitrus")
    person = start > span.start and person_words(doc, start, end, {})
    return Span(doc, start, end, "persName" if person else span.label_)


def merge_overlaps(spans: list[Span]) -> list[Span]:
    """Overlapping spans as one, with the label of the longer."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if result and span.start < result[-1].end:
            last = result[-1]
            if span.end > last.end:
                label = last.label_ if len(last) >= len(span) else span.label_
                result[-1] = Span(span.doc, last.start, span.end, label=label)
            continue
        result.append(span)
    return result
