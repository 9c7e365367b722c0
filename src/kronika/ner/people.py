"""People the detectors missed or ran into another name, found from the words around them.

* Two or three name words after a person's title, past what the title is of: "Wicepremier
  Białorusi Pawieł Czarniawski", "rzecznik Białego Domu Kayleigh McEnany", "szef sztabu Białego
  Domu Mark Meadows", "lider większości w Senacie Mitch McConnell"; "poseł torysów Dominic
  Grieve", where the detector took "Dominic" for a place (:func:`titled_people`).
* A foreign person's name closing a detector's span of an institution: "Sądu Najwyższego Amy
  Coney Barrett" is the court and the judge (:func:`split_person_tail`).

The statistical model learned its names from NKJP: foreign names after a Polish institution's
name look to it like the institution's own words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kronika.lang.components import doc_readings
from kronika.lang.names.gender import female_forenames, foreign_forenames
from kronika.lang.titles import person_titles
from kronika.lang.view import DocumentView

#: The most name words a person found this way has.
LONGEST = 3
#: Lowercase words between a title and what it is of ("szef sztabu", "lider większości w").
COMPLEMENT_WORDS = 2
#: Endings of a Polish oblique case: a name ending so after an institution is whose it is named
#: after ("Fundacji Billa Gatesa"), not a person beside it.
OBLIQUE_ENDINGS = ("a", "owi", "em", "ego")


def name_word(doc: Doc, i: int) -> bool:
    """A capitalized word that can only be a name: SGJP does not know it, or knows it only as a
    proper name ("Pawieł", "Czarniawski"), not as a common word ("Rada")."""
    token = DocumentView.of(doc).tokens[i]
    if not (token.is_alpha and token.text[:1].isupper() and token.text[1:2].islower()):
        return False
    return all(not r.known or r.lemma[:1].isupper() for r in doc_readings(doc)[i])


def forename(doc: Doc, i: int) -> bool:
    """A capitalized forename: SGJP's, or one of the given names of world news it does not know
    (:mod:`kronika.lang.names.gender`)."""
    token = DocumentView.of(doc).tokens[i]
    if not (token.is_alpha and token.text[:1].isupper() and token.text[1:2].islower()):
        return False
    if token.text in foreign_forenames() or token.text in female_forenames():
        return True
    return any("imię" in r.names for r in doc_readings(doc)[i])


def _first_name_word(doc: Doc, i: int) -> bool:
    """A name word, or a forename SGJP also knows as a common word ("Mark")."""
    return name_word(doc, i) or forename(doc, i)


def _after_title(doc: Doc, i: int, spans: dict[int, int]) -> int:
    """Where a name may start after the title at token ``i``: past its lowercase complement
    (a preposition included) and the name of what it is of."""
    texts = DocumentView.of(doc).texts
    j = i + 1
    while j < len(doc) and j - i <= COMPLEMENT_WORDS and texts[j].isalpha() and texts[j].islower():
        j += 1
    if misread_forename(doc, j, spans):
        return j  # "poseł torysów Dominic Grieve": "Dominic" is no place the MP is of
    return spans.get(j, j)


def misread_forename(doc: Doc, j: int, spans: dict[int, int]) -> bool:
    """A detector's span of no person at ``j`` that opens with a forename and goes on (inside
    it or right after a one-word span) with name words: a person's name after a title, not a
    name of its own ("poseł torysów Dominic Grieve", "rzeczniczka burmistrza Connie Llanos")."""
    end = spans.get(j)
    if end is None or not forename(doc, j) or end - j > LONGEST:
        return False
    if end == j + 1:
        return j + 1 < len(doc) and name_word(doc, j + 1)
    # inside the detector's span a capitalized word is a name word ("Llanos" is also llanos)
    return all(doc[k].is_alpha and doc[k].text[:1].isupper() for k in range(j + 1, end))


def titled_people(doc: Doc, spans: list[Span], covered: set[int]) -> list[Span]:
    """Two or three name words after a person's title, or after the title and what it is of,
    that no detector took (or took only the forename of, as another name's): a person."""
    others = {s.start: s.end for s in spans if not s.label_.startswith("persName")}
    # a person's words the detector found in part ("Grieve" of "Dominic Grieve") may be joined
    people = {i for s in spans if s.label_.startswith("persName") for i in range(s.start, s.end)}
    found: list[Span] = []
    # only the words that can be a title (the view's index of lemmas), not every word
    for token in DocumentView.of(doc).having(person_titles()):
        i = token.i
        if i >= len(doc) - 2 or not token.is_alpha:
            continue
        start = _after_title(doc, i, others)
        misread = misread_forename(doc, start, others)
        taken = set(range(start, others[start])) if misread else set()
        # a capitalized word next is cheap to test and rare: the name words only then
        if start >= len(doc) or (start in covered and not misread):
            continue
        if not _first_name_word(doc, start):
            continue
        end = start + 1
        while (
            end < len(doc)
            and end - start < LONGEST
            and (end in taken or (end not in covered or end in people) and name_word(doc, end))
        ):
            end += 1
        if end - start >= 2 and not (end < len(doc) and name_word(doc, end)):
            found.append(Span(doc, start, end, label="persName"))
            covered = covered | set(range(start, end))
    return found


def split_person_tail(span: Span) -> list[Span]:
    """A span not of a person that ends in a foreign person's full name after the ordinary
    Polish words of an institution's name: the two names. The person's name opens with a
    forename, its other words are name words, one of them unknown to SGJP, the last not in an
    oblique case; the word before it is a capitalized Polish word, no name word."""
    doc = span.doc
    if span.label_.startswith("persName") or len(span) < 3:
        return [span]
    readings = doc_readings(doc)
    for k in range(span.start + 1, span.end - 1):
        before = doc[k - 1]
        if not (before.text[:1].isupper() and any(r.known for r in readings[k - 1])):
            continue  # the institution's own words end in a Polish word ("Sądu Najwyższego")
        if name_word(doc, k - 1) or not forename(doc, k):
            continue
        tail = range(k, span.end)
        if len(tail) > LONGEST or not all(name_word(doc, t) for t in tail[1:]):
            continue
        if not any(not r.known for t in tail for r in readings[t]):
            continue
        if doc[span.end - 1].text.endswith(OBLIQUE_ENDINGS):
            continue
        return [Span(doc, span.start, k, label=span.label_), Span(doc, k, span.end, "persName")]
    return [span]


def apposed_people(doc: Doc, covered: set[int]) -> list[Span]:
    """Two or three name words before a comma and a person's title ("Brad Raffensperger,
    sekretarz stanu Georgii"; adjectives may stand before the title: "…, były doradca") that no
    detector took: a person."""
    titles = person_titles()
    readings = doc_readings(doc)
    texts = DocumentView.of(doc).texts
    found: list[Span] = []
    for comma, text in enumerate(texts):
        if text != "," or comma < 2 or comma + 1 >= len(doc):
            continue
        title = comma + 1
        while (
            title < min(comma + 3, len(doc) - 1)
            and texts[title].islower()
            and any(r.pos == "adj" for r in readings[title])
        ):
            title += 1
        if not {r.lemma.lower() for r in readings[title]} & titles:
            continue
        start = comma
        while start > comma - LONGEST and name_word(doc, start - 1) and start - 1 not in covered:
            start -= 1
        if (
            start < comma
            and start - 1 >= 0
            and start - 1 not in covered
            and _first_name_word(doc, start - 1)
            and not name_word(doc, start - 1)
        ):
            start -= 1  # a forename SGJP also knows as a word ("Mark Meadows, szef …")
        if comma - start < 2 or (start > 0 and name_word(doc, start - 1)):
            continue
        found.append(Span(doc, start, comma, label="persName"))
        covered = covered | set(range(start, comma))
    return found
