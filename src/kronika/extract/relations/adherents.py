"""``member_of`` from a noun for a member of one organization: "republikanin Donald Trump",
"demokraty Joe Bidena", "Jacob Rees-Mogg, jeden z czołowych eurosceptycznych torysów",
"dominikanin o. James Channan"; and from a party's adjective before a title: "republikański
senator Mitt Romney", "Andrew Cuomo, demokratyczny gubernator Nowego Jorku". The nouns, the
adjectives and their organizations are the ``adherents`` and ``party_adjectives`` of
``pl/relations.yaml``; the roles read the same nouns as a title's organization ("poseł torysów
Dominic Grieve", "kandydat Demokratów Joe Biden": :func:`adherent_ref`).
"""

from __future__ import annotations

from spacy.tokens import Span

from kronika.extract.relations.base import Found, Ref, View
from kronika.extract.relations.cues import cues, lemmas
from kronika.lang.components import has_tag, readings
from kronika.lang.titles import person_titles

#: Words between "Person," and the noun after it ("jeden z najbardziej znanych"): adjectives,
#: adverbs and "jeden z".
APPOSITION_WORDS = 5
#: What may stand between the words of "jeden z …" and the noun, besides adjectives.
ONE_OF = frozenset({"jeden", "jedna", "jedno", "z", "ze"})
#: Religious forms of address between a member of an order and the name ("dominikanin o.").
ADDRESSES = frozenset({"o", "ks", "br", "s"})
#: Words of a title's complement between it and the name ("gubernator Nowego Jorku Andrew
#: Cuomo", "kandydat na prezydenta Joe Biden").
COMPLEMENT_WORDS = 4


def adherent_ref(view: View, i: int) -> Ref | None:
    """The organization token ``i`` names a member of, if it is such a noun: lowercase, or
    written large ("kandydat Demokratów") where it is no part of a longer name ("Liberalni
    Demokraci", "Szwedzcy Demokraci", which the detector takes as names)."""
    token = view.doc[i]
    if not token.text.islower() and view.mention_at[i] is not None:
        return None
    table = cues().adherents
    key = next((table[lemma] for lemma in sorted(lemmas(token)) if lemma in table), None)
    if key is None:
        return None
    return Ref(token.text, token.idx, token.idx + len(token.text), key=key)


def find_adherents(view: View) -> list[Found]:
    """Every person called a member of an organization by such a noun, in text order."""
    found: list[Found] = []
    for token in view.base.having(frozenset(cues().adherents)):
        party = adherent_ref(view, token.i)
        if party is None:
            continue
        person = _person_after(view, token.i) or _person_before(view, token.i)
        if person is None:
            continue
        start, end = view.chars(min(person.start, token.i), max(person.end, token.i + 1))
        found.append(Found("member_of", view.ref(person), party, start, end, "adherent"))
    return found + _by_adjective(view)


def _by_adjective(view: View) -> list[Found]:
    """ "republikański senator Mitt Romney", "Mitt Romney, republikański senator z Utah"."""
    table = cues().party_adjectives
    titles = person_titles() | cues().words("roles", "extra_titles")
    found: list[Found] = []
    for token in view.base.having(frozenset(table)):
        if not (token.text.islower() or token.is_sent_start) or not has_tag(token, {"adj"}):
            continue
        title = token.i + 1
        if title >= len(view.doc) or not any(
            r.pos == "subst" and r.lemma.lower() in titles for r in readings(view.doc[title])
        ):
            continue
        person = _titled_person(view, title) or _person_before(view, token.i)
        if person is None:
            continue
        key = next(table[lemma] for lemma in sorted(lemmas(token)) if lemma in table)
        party = Ref(token.text, token.idx, token.idx + len(token.text), key=key)
        start, end = view.chars(min(person.start, token.i), max(person.end, title + 1))
        found.append(Found("member_of", view.ref(person), party, start, end, "party_adjective"))
    return found


def _titled_person(view: View, title: int) -> Span | None:
    """The person a title names, right after it or past a short complement of lowercase words
    and names of places ("gubernator Nowego Jorku Andrew Cuomo")."""
    doc = view.doc
    j = title + 1
    sentence_end = view.base.sentence_of(title).end
    while j < min(sentence_end, title + 1 + COMPLEMENT_WORDS):
        mention = view.starting(j)
        if mention is not None:
            if mention._.entity_type == "person":
                return mention
            if mention._.entity_type not in {"place", "country"}:
                return None
            j = mention.end
            continue
        if not (doc[j].is_alpha and doc[j].text.islower()):
            return None
        j += 1
    return None


def _person_after(view: View, i: int) -> Span | None:
    """ "republikanin Donald Trump", "dominikanin o. James Channan"."""
    doc = view.doc
    j = i + 1
    if j + 1 < len(doc) and doc[j].lower_ in ADDRESSES and doc[j + 1].text == ".":
        j += 2  # the sentence splitter may have taken the abbreviation's point for an end
    elif j >= len(doc) or doc[j].is_sent_start:
        return None
    mention = view.starting(j)
    if mention is None or mention._.entity_type != "person":
        return None
    return mention


def _person_before(view: View, i: int) -> Span | None:
    """ "Jacob Rees-Mogg, jeden z czołowych torysów", "Mitt Romney, republikanin"."""
    doc = view.doc
    start = view.base.sentence_of(i).start
    k = i - 1
    while k > start and doc[k].text != ",":
        word = doc[k]
        if i - k > APPOSITION_WORDS or not (word.is_alpha and word.text.islower()):
            return None
        if word.lower_ not in ONE_OF and not has_tag(word, {"adj", "adv"}):
            return None
        k -= 1
    if k <= start or doc[k].text != ",":
        return None
    mention = view.mention_at[k - 1]
    if mention is None or mention.end != k or mention._.entity_type != "person":
        return None
    return mention
