"""Finding the parties of a relation around its cue: the subject before the verb, the object
after a preposition, lists of members in brackets or after a colon."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from kronika.extract.relations.base import CLAUSE_PUNCT, View, is_party
from kronika.extract.relations.cues import cues, is_one_of, lemmas
from kronika.lang.components import has_tag, readings
from kronika.lang.titles import organization_nouns

#: Tokens that open a partial list: "(m.in. A, B)", "np. A i B".
LIST_OPENERS = frozenset({"m.in", "m", "in", "np", ".", "między", "innymi", "to", "takich", "jak"})
COORDINATORS = frozenset({",", "i", "oraz", "a"})
#: How far past a preposition the object may stand ("do struktur Sojuszu", "z szeregów UE").
OBJECT_REACH = 3
#: How far a bracketed or colon list may follow its cue ("do kilku inicjatyw w ramach … (m.in.").
LIST_REACH = 12

Accept = Callable[[Span], bool]


def coordinated(view: View, i: int, stop: int, accept: Accept = is_party) -> tuple[list[Span], int]:
    """Mentions coordinated from token ``i`` ("A, B i C", "m.in. A oraz B"); and the token after."""
    doc = view.doc
    found: list[Span] = []
    j = i
    while j < stop and doc[j].text.lower() in LIST_OPENERS:
        j += 1
    while j < stop:
        mention = view.starting(j, stop)
        if mention is None or not accept(mention):
            break
        found.append(mention)
        j = mention.end
        # "Organizacji Układu o Bezpieczeństwie Zbiorowym (OUBZ) i …": skip the acronym
        if j + 2 < stop and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3
        if j < stop and doc[j].text.lower() in COORDINATORS:
            j += 1
            continue
        break
    return found, j


def listed(view: View, i: int, stop: int, accept: Accept) -> list[Span]:
    """A list in brackets or after a colon at token ``i``: "(A, B)", ": A i B"."""
    doc = view.doc
    if i >= stop or doc[i].text not in {"(", ":"}:
        return []
    members, j = coordinated(view, i + 1, stop, accept)
    if doc[i].text == "(" and (j >= stop or doc[j].text != ")"):
        return []
    return members


def objects_after(
    view: View, p: int, prepositions: frozenset[str], accept: Accept = is_party
) -> tuple[list[Span], int]:
    """The object(s) of the preposition at token ``p`` ("do NATO", "z szeregów UE", "do kilku
    inicjatyw … (m.in. A, B)", "z sojuszy: A i B"), and the token after them; ([], p) if none."""
    doc = view.doc
    if p >= len(doc) or doc[p].text.lower() not in prepositions:
        return [], p
    stop = doc[p].sent.end
    containers = cues().words("membership", "container_nouns") | organization_nouns()
    j = p + 1
    direct = True
    while j < stop and j <= p + LIST_REACH:
        if doc[j].text in {"(", ":"}:
            members = listed(view, j, stop, accept)
            if members:
                return members, members[-1].end
            return [], p
        mention = view.starting(j, stop)
        if mention is not None and mention._.derived and len(mention) == 1:
            j += 1  # "z niemiecką firmą BioNTech": an adjective of a country qualifies the object
            continue
        if mention is not None and direct and j <= p + OBJECT_REACH:
            if accept(mention):
                members, after = coordinated(view, j, stop, accept)
                return members, after
            return [], p
        if doc[j].text in CLAUSE_PUNCT or doc[j].text == ".":
            return [], p
        token = doc[j]
        # past a container noun or its adjectives the object may still follow directly; past
        # another preposition only a list may ("w ramach współpracy z NATO (…)")
        if not (is_one_of(token, containers) or token.pos_ == "ADJ" or _modifier(token)):
            direct = False
        j += 1
    return [], p


def _modifier(token: Token) -> bool:
    return has_tag(token, {"adj", "num", "ppas", "pact"})


def subjects_before(view: View, i: int, accept: Accept = is_party) -> list[Span]:
    """The party (and those coordinated with it) nearest before token ``i`` in its clause; a
    relative clause ("Polska, która wstąpiła …") takes the name before its comma."""
    doc = view.doc
    sent = doc[i].sent
    k = i - 1
    while k >= sent.start:
        token = doc[k]
        if token.text in CLAUSE_PUNCT:
            nxt = doc[k + 1] if k + 1 < i else None
            if nxt is not None and "który" in lemmas(nxt) and k - 1 >= sent.start:
                k -= 1
                continue
            # "Lotos, należąca do Orlenu": a participle in apposition to the name before
            if token.text == "," and k + 1 == i and k - 1 >= sent.start:
                k -= 1
                continue
            return []
        mention = view.mention_at[k]
        if mention is not None and _governed(view, mention):
            # "… proces wyjścia z UE … i powinna opuścić": a preposition's object is no subject
            k = mention.start - 2
            continue
        if mention is not None:
            if not accept(mention):
                return []
            found = [mention]
            j = mention.start - 1
            while j - 1 >= sent.start and doc[j].text.lower() in COORDINATORS:
                other = view.mention_at[j - 1]
                if other is None or not accept(other):
                    break
                found.insert(0, other)
                j = other.start - 1
            return found
        k -= 1
    return []


def previous_country(view: View, i: int) -> Span | None:
    """The country named last before token ``i``: what "kraj" refers to ("wyprowadziłaby kraj
    z sojuszy" of the article's Belarus)."""
    for mention in reversed(view.mentions):
        if mention.end <= i and not mention._.derived and mention._.entity_type == "country":
            return mention
    return None


def _governed(view: View, mention: Span) -> bool:
    """Whether a preposition stands right before the mention ("z UE", "do NATO")."""
    k = mention.start - 1
    return k >= 0 and any(r.pos == "prep" for r in readings(view.doc[k]))
