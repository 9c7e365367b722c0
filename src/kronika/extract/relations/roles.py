"""``role``: who holds which office or profession, with its status.

The titles next to a name come from ``kronika.extract.roles.find_roles`` ("wicepremier Białorusi
Pawieł Czarniawski", "Paweł Usow, znany białoruski politolog"); this module adds

* the status: "były premier" → former, "obecny lider" → current, "kandydat na prezydenta" →
  candidate;
* the title cut before a party phrase ("premier z ramienia Partii Pracy": the title is
  "premier", the party a ``member_of`` of the person);
* titles beyond the language layer's list ("papież Franciszek", "korespondent Polskiego Radia
  Adam Dąbrowski", "dyrektor w Citigroup Jan Skarbek", "X, partner w Crido Taxand");
* a title after a copula: "Theresa May została premierem w lipcu 2016".
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from kronika.extract.relations.base import Found, Ref, View, has_tag
from kronika.extract.relations.cues import cues, is_one_of, lemmas
from kronika.extract.roles import find_roles
from kronika.lang.components import readings
from kronika.lang.titles import person_titles

#: Tokens before a title where its status adjective may stand ("były polski premier").
STATUS_REACH = 3
#: Object types an office belongs to.
OBJECT_TYPES = frozenset({"country", "organization", "place"})
ADDRESS = frozenset({"pan", "pani"})
#: Prepositions that attach a title's organization: "dyrektor w Citigroup", "partner w MDDP".
OF_PREPOSITIONS = frozenset({"w", "we"})


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return (person_titles() | cues().words("roles", "extra_titles")) - ADDRESS


def find_roles_all(view: View) -> list[Found]:
    """Every ``role`` (and the ``member_of`` a party phrase in a title gives), in text order."""
    found: list[Found] = []
    people: set[int] = set()
    for item in find_roles(view.doc):
        found += _refined(view, item)
        people.add(item["subject"]["start"])
    for person in view.mentions:
        if person._.entity_type != "person" or person.start_char in people:
            continue
        found += _extra_title(view, person)
    found += _copula_titles(view)
    return sorted(found, key=lambda f: (f.start, f.subject.start or 0))


def _status(view: View, lo: int, hi: int, skip: Span | None) -> str:
    """former / current / candidate from the adjectives and nouns in tokens [lo, hi)."""
    words = cues().sections["roles"]
    for k in range(max(lo, view.doc[lo].sent.start), hi):
        if skip is not None and skip.start <= k < skip.end:
            continue
        token = view.doc[k]
        if is_one_of(token, words["former_adjectives"]):
            return "former"
        if is_one_of(token, words["candidate_nouns"]):
            return "candidate"
    return "current"


def _token_at(view: View, char: int) -> int:
    span = view.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _refined(view: View, item: dict[str, Any]) -> list[Found]:
    subject = item["subject"]
    person = view.doc.char_span(subject["start"], subject["end"], alignment_mode="expand")
    lo = _token_at(view, item["start"])
    hi = _token_at(view, item["end"] - 1) + 1
    status = _status(view, lo - STATUS_REACH, hi, person)
    value = str(item["value"])
    obj = item["object"]
    obj_ref = Ref(obj["text"], obj["start"], obj["end"]) if obj else None
    words = value.split()
    party = _party_cut(words)
    result = []
    if party is not None:
        value = " ".join(words[:party])
        if obj_ref is not None:
            result.append(
                Found("member_of", _ref(subject), obj_ref, item["start"], item["end"], "party")
            )
        obj_ref = None
    role = Found(
        "role", _ref(subject), obj_ref, item["start"], item["end"], "title", value.lower(), status
    )  # fmt: skip
    return result + [role] + _party_membership(role)


def _party_membership(role: Found) -> list[Found]:
    """A member's title of an organization ("parlamentarzysta Partii Pracy", "poseł torysów")
    also states the person's ``member_of`` it."""
    titles = cues().words("roles", "member_titles")
    if role.object is None or (role.value or "").split()[0] not in titles:
        return []
    return [Found("member_of", role.subject, role.object, role.start, role.end, "member_title")]


def _ref(part: dict[str, Any]) -> Ref:
    return Ref(part["text"], part["start"], part["end"])


def _party_cut(words: list[str]) -> int | None:
    """Where a party phrase starts in a title's words ("premier z ramienia"), or None."""
    party = cues().words("roles", "party_phrases")
    for k, word in enumerate(words[1:], start=1):
        if word.lower() in {"z", "ze"} and k + 1 < len(words):
            nxt = words[k + 1].lower()
            # the words are as written: compare their stems ("ramienia" ~ "ramię")
            if any(nxt[:4] == p[:4] for p in party):
                return k
    return None


def _title_lemma(token: Token) -> str | None:
    names = titles()
    return next(
        (r.lemma.lower() for r in readings(token) if r.pos == "subst" and r.lemma.lower() in names),
        None,
    )


def _office_object(view: View, i: int) -> tuple[Span | None, int]:
    """The organization or country at token ``i`` ("Polskiego Radia", "w Citigroup"), and the
    token after it."""
    doc = view.doc
    j = i + 1 if i < len(doc) and doc[i].text.lower() in OF_PREPOSITIONS else i
    mention = view.starting(j)
    if mention is not None and mention._.entity_type in OBJECT_TYPES and not mention._.derived:
        return mention, mention.end
    return None, i


def _extra_title(view: View, person: Span) -> list[Found]:
    """ "title [object] Person" and "Person, [adjectives] title [object]" for any title."""
    doc = view.doc
    # before: "papież Franciszek", "korespondentowi Polskiego Radia Adamowi Dąbrowskiemu"
    for t in (person.start - 1, person.start - 2, person.start - 3, person.start - 4):
        if t < person.sent.start:
            break
        title = _title_lemma(doc[t])
        if title is None:
            continue
        obj, after = _office_object(view, t + 1)
        if after != person.start and not (obj is None and t == person.start - 1):
            break
        role = _role(view, person, title, obj, t, person.end)
        return [role, *_party_membership(role)]
    # after: "Berthold Pelster, ekspert …", "Romana Namysłowskiego, partnera w Crido Taxand"
    i = person.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return []
    for t in range(i + 1, min(i + 4, person.sent.end)):
        title = _title_lemma(doc[t])
        if title is not None:
            obj, after = _office_object(view, t + 1)
            role = _role(view, person, title, obj, person.start, max(after, t + 1))
            return [role, *_party_membership(role)]
        if not has_tag(doc[t], {"adj", "ppas", "pact"}):
            return []
    return []


def _role(view: View, person: Span, title: str, obj: Span | None, lo: int, hi: int) -> Found:
    start, end = view.chars(lo, hi)
    status = _status(view, lo - STATUS_REACH, hi, person)
    return Found(
        "role", view.ref(person), view.ref(obj) if obj is not None else None, start, end,
        "title", title, status,
    )  # fmt: skip


def _copula_titles(view: View) -> list[Found]:
    """ "X została premierem (w lipcu 2016)", "X jest politologiem": a title in the
    instrumental after a copula, its object the name in the genitive after it."""
    copulas = cues().words("roles", "copulas")
    doc = view.doc
    result = []
    for token in doc:
        if not (is_one_of(token, copulas) and token.i + 1 < len(doc)):
            continue
        noun = doc[token.i + 1]
        title = _title_lemma(noun)
        if title is None or not has_tag(noun, {"subst"}, "inst"):
            continue
        person = _person_before(view, token.i)
        if person is None:
            continue
        obj, after = _office_object(view, noun.i + 1)
        # the clause may say when: "została premierem w lipcu 2016"
        _, clause_end = view.clause(noun.i)
        result.append(_role(view, person, title, obj, person.start, max(after, clause_end)))
    return result


def _person_before(view: View, i: int) -> Span | None:
    """The person right before the copula ("Theresa May została"), nothing in between."""
    mention = view.mention_at[i - 1] if i > 0 else None
    if mention is not None and mention._.entity_type == "person" and "." not in lemmas(view.doc[i]):
        return mention
    return None
