"""``member_of`` from a noun for a member of one organization: "republikanin Donald Trump",
"demokraty Joe Bidena", "Jacob Rees-Mogg, jeden z czołowych eurosceptycznych torysów",
"dominikanin o. James Channan". The nouns and their organizations are the ``adherents`` of
``pl/relations.yaml``; the roles read the same nouns as a title's organization ("poseł torysów
Dominic Grieve", :func:`adherent_ref`).
"""

from __future__ import annotations

from spacy.tokens import Span

from kronika.extract.relations.base import Found, Ref, View
from kronika.extract.relations.cues import cues, lemmas
from kronika.lang.components import has_tag

#: Words between "Person," and the noun after it ("jeden z najbardziej znanych"): adjectives,
#: adverbs and "jeden z".
APPOSITION_WORDS = 5
#: What may stand between the words of "jeden z …" and the noun, besides adjectives.
ONE_OF = frozenset({"jeden", "jedna", "jedno", "z", "ze"})
#: Religious forms of address between a member of an order and the name ("dominikanin o.").
ADDRESSES = frozenset({"o", "ks", "br", "s"})


def adherent_ref(view: View, i: int) -> Ref | None:
    """The organization token ``i`` names a member of, if it is such a noun. Only lowercase:
    "Demokraci" written large may be a party's own name."""
    token = view.doc[i]
    if not token.text.islower():
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
    return found


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
