"""``opposes`` and ``sanctions``: stated positions against a party or a policy, and sanctions.

* "X sprzeciwia się Y" (Y a name or a description: "budowie gazociągu"), "sprzeciw X wobec Y",
  "X jest przeciwny Y";
* "X nałożył sankcje na Y" (current), "X zagroził sankcjami wobec Y" / a future or intended
  imposition (planned), "X zniósł sankcje wobec Y" (former).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from kronika.extract.relations.base import (
    CLAUSE_PUNCT,
    Found,
    Ref,
    View,
    is_future,
    is_party,
    is_verb,
)
from kronika.extract.relations.cues import cues, is_one_of, lemmas
from kronika.extract.relations.parties import objects_after, subjects_before
from kronika.lang.components import has_tag

WOBEC = frozenset({"wobec", "dla"})
#: Words of a described object: "budowie gazociągu Nord Stream 2" (up to the clause end).
DESCRIPTION_REACH = 5
#: Who can hold a position: parties and people.
HOLDER_TYPES = frozenset({"country", "organization", "person"})


@lru_cache(maxsize=1)
def _stance_words() -> frozenset[str]:
    """The words ``_opposes`` and ``_sanctions`` start from."""
    opposition, sanctions = cues().sections["opposition"], cues().sections["sanctions"]
    keys = ("oppose_verbs", "opponent_nouns", "oppose_adjectives", "oppose_nouns")
    return frozenset().union(*(opposition[key] for key in keys), sanctions["sanction_nouns"])


def find_stances(view: View) -> list[Found]:
    found: list[Found] = []
    for token in view.base.having(_stance_words()):
        found += _opposes(view, token) or _sanctions(view, token)
    return found


def _holder(mention: Span) -> bool:
    return not mention._.derived and mention._.entity_type in HOLDER_TYPES


def _target(view: View, i: int) -> Ref | None:
    """What is opposed, from token ``i``: a name, else the words up to the clause end."""
    doc = view.doc
    if i >= len(doc) or doc[i].is_punct:
        return None
    mention = view.starting(i)
    if mention is not None:
        return view.ref(mention)
    stop = i
    while stop < min(len(doc), i + DESCRIPTION_REACH) and doc[stop].text not in CLAUSE_PUNCT:
        if doc[stop].text == "." or (stop > i and is_verb(doc[stop])):
            break
        stop += 1
    demonstrative = is_one_of(doc[i], cues().sections[""]["demonstratives"])
    head = i + 1 if demonstrative and i + 1 < stop else i
    if stop == i or not has_tag(doc[head], {"subst", "ger"}):
        return None
    ref = view.span_ref(i, stop)
    # the description is named in the nominative: the head noun's lemma, its complements as
    # written ("budowie gazociągu" → "budowa gazociągu"); a demonstrative says nothing of it
    # ("temu projektowi" → "projekt")
    name = " ".join([doc[head].lemma_.lower(), *(t.text for t in doc[head + 1 : stop])])
    # keyed as an unnamed participant: a name inside the description ("budowie gazociągu Nord
    # Stream 2") is not what is opposed
    return Ref(name, ref.start, ref.end, key=f"other:{name}")


def _opposes(view: View, token: Token) -> list[Found]:
    words = cues().sections["opposition"]
    found = lemmas(token)
    i = token.i
    doc = view.doc
    if found & words["oppose_verbs"] and is_verb(token):
        j = i + 1
        if j < len(doc) and doc[j].text.lower() == "się":
            j += 1
        holders = subjects_before(view, i, _holder)
        target = _target(view, j)
    elif found & words["opponent_nouns"] and has_tag(token, {"subst"}):
        # "Jan Nowak, przeciwnik Brexitu", "Polska jest przeciwnikiem budowy gazociągu"
        holders = subjects_before(view, i, _holder)
        if not holders and i > 1 and doc[i - 1].text == ",":
            before = view.mention_at[i - 2]
            holders = [before] if before is not None and _holder(before) else []
        target = _target(view, i + 1)
    elif found & words["oppose_adjectives"] and has_tag(token, {"adj"}):
        holders = subjects_before(view, i, _holder)
        target = _target(view, i + 1)
    elif found & words["oppose_nouns"] and has_tag(token, {"subst"}):
        # "sprzeciw Polski wobec budowy", "sprzeciw wobec relokacji"
        after = view.starting(i + 1)
        holders = [after] if after is not None and _holder(after) else []
        j = after.end if holders and after is not None else i + 1
        if j < len(doc) and doc[j].text.lower() in WOBEC:
            j += 1
        else:
            return []
        holders = holders or subjects_before(view, i, _holder)
        target = _target(view, j)
    else:
        return []
    if not holders or target is None or target.start == holders[0].start_char:
        return []
    start = min(holders[0].start_char, token.idx)
    return [
        Found("opposes", view.ref(holder), target, start, max(target.end or 0, token.idx), "oppose")
        for holder in holders
    ]


def _sanctions(view: View, token: Token) -> list[Found]:
    words = cues().sections["sanctions"]
    if not (lemmas(token) & words["sanction_nouns"] and has_tag(token, {"subst"})):
        return []
    lo, hi = view.clause(token.i)
    doc = view.doc
    verb = next((doc[k] for k in range(lo, token.i) if is_verb(doc[k])), None)
    if verb is None:
        return []
    verb_lemmas = lemmas(verb)
    planned_words = cues().sections[""]["planned_words"]
    if verb_lemmas & words["lift_verbs"]:
        status = "former"
    elif verb_lemmas & words["threat_verbs"] or verb_lemmas & planned_words or is_future(verb):
        status = "planned"
    elif verb_lemmas & words["impose_verbs"]:
        status = "current"
    else:
        return []
    if any(is_one_of(doc[k], cues().sections[""]["negation_words"]) for k in range(lo, verb.i)):
        return []
    imposers = subjects_before(view, verb.i, is_party)
    targets: list[Span] = []
    # "sankcje na Rosję", and before the noun: "nałożyła na Rosję sankcje"
    for p in [*range(token.i + 1, hi), *range(verb.i + 1, token.i)]:
        if doc[p].text.lower() in words["target_prepositions"]:
            targets = objects_after(view, p, words["target_prepositions"])[0]
            break
    if not targets:
        targets = _dative_target(view, verb.i + 1, token.i)
    if not imposers or not targets:
        return []
    start, end = view.chars(imposers[0].start, max(hi, targets[-1].end))
    return [
        Found(
            "sanctions", view.ref(imposer), view.ref(target), start, end, "sanctions", None, status
        )
        for imposer in imposers
        for target in targets
    ]


def _dative_target(view: View, lo: int, hi: int) -> list[Span]:
    """A party in the dative between the verb and the sanctions: "zagroziły Chinom sankcjami"."""
    for k in range(lo, hi):
        mention = view.starting(k)
        if (
            mention is not None
            and is_party(mention)
            and has_tag(view.doc[mention.end - 1], {"subst"}, "dat")
        ):
            return [mention]
    return []
