"""``member_of``: accession, leaving, leading out, membership lists, events that are an exit.

* verbs: "X wstąpiła/dołączyła do Y" (joined), "X wystąpiła z Y", "X opuściła Y" (left;
  planned when future or intended: "powinna opuścić Wspólnotę do 29 marca"), "X wyprowadzi /
  wycofa Z z Y" (Z is a member; planned, or current when the exit is only conditional);
* nouns: "wstąpienie Polski do NATO" (joined), "wyjście Wielkiej Brytanii z UE", "opuszczenie
  Wspólnoty przez Zjednoczone Królestwo" (left);
* lists and phrases found by ``kronika.extract.relations.lists.find_memberships`` ("szczyt
  WNP (A, B…)", "X jest członkiem Y"): current;
* a mention of an event that is a change of membership ("Brexit"), by ``membership_events``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from kronika.extract.relations.base import (
    Found,
    Ref,
    View,
    is_conditional,
    is_future,
    is_organization,
    is_party,
    is_verb,
)
from kronika.extract.relations.cues import cues, is_one_of, lemmas
from kronika.extract.relations.lists import find_memberships
from kronika.extract.relations.parties import objects_after, previous_country, subjects_before
from kronika.lang.components import has_tag
from kronika.model import Timex

DO = frozenset({"do"})
Z = frozenset({"z", "ze"})
W = frozenset({"w", "we"})
PRZEZ = frozenset({"przez"})
#: Nouns that stand for a country named before ("kraj", "państwo").
COUNTRY_NOUNS = frozenset({"kraj", "państwo"})


@lru_cache(maxsize=1)
def _change_words() -> frozenset[str]:
    """The words ``_by_verb`` and ``_by_noun`` start from."""
    words = cues().sections["membership"]
    keys = (
        "join_verbs",
        "return_verbs",
        "leave_verbs",
        "lead_out_verbs",
        "join_nouns",
        "return_nouns",
        "leave_nouns",
    )
    return frozenset().union(*(words[key] for key in keys))


def find_memberships_all(view: View, timexes: Sequence[Timex]) -> list[Found]:
    """Every ``member_of`` relation of the document, in text order."""
    words = cues().sections["membership"]
    found: list[Found] = []
    for token in view.base.having(_change_words()):
        found += _by_verb(view, token) or _by_noun(view, token)
    # the phrases read here with their status win over the same pair read without one
    pairs = {(f.subject.start, f.object.start) for f in found if f.object is not None}
    found += [
        f
        for f in _listed(view, timexes)
        if f.object is None or (f.subject.start, f.object.start) not in pairs
    ]
    found += _by_event(view) + _person_from(view)
    found += [
        f
        for token in view.base.having(words["member_nouns"])
        for f in _membership_change(view, token)
    ]
    return sorted(found, key=lambda f: (f.start, f.subject.start or 0))


def _listed(view: View, timexes: Sequence[Timex]) -> list[Found]:
    """Lists and "członek" phrases; accession verbs are read by ``_by_verb`` with their status."""
    result = []
    for item in find_memberships(view.doc, timexes):
        # "należy do NATO od 1999 roku": a beginning, which GUIDELINES-graph.md annotates as
        # joined at that time (an accession verb's own reading wins in find_memberships_all)
        status = "joined" if item.time_mod == "START" else "current"
        result.append(
            Found(
                "member_of",
                item.subject,
                item.object,
                item.start,
                item.end,
                cue=item.evidence,
                status=status,
            )
        )
    return result


def _status(view: View, verb: Token, kind: str) -> str | None:
    """The status a verb of ``kind`` (join, leave, lead_out) gives; None when it states nothing
    (negated; a conditional accession or exit)."""
    doc = view.doc
    sent = verb.sent
    before = [doc[k] for k in range(max(sent.start, verb.i - 3), verb.i)]
    vocabulary = cues().sections[""]
    if any(is_one_of(t, vocabulary["negation_words"]) for t in before):
        return None
    if is_conditional(verb) or (verb.i + 1 < sent.end and doc[verb.i + 1].text == "by"):
        return "current" if kind == "lead_out" else None
    planned = is_future(verb) or any(is_one_of(t, vocabulary["planned_words"]) for t in before)
    if planned:
        return "planned"
    return {"join": "joined", "return": "joined", "leave": "left", "lead_out": "left"}[kind]


def _verb_kind(token: Token) -> str | None:
    words = cues().sections["membership"]
    if not is_verb(token):
        return None
    found = lemmas(token)
    for kind, key in (
        ("join", "join_verbs"),
        ("return", "return_verbs"),
        ("leave", "leave_verbs"),
        ("lead_out", "lead_out_verbs"),
    ):
        if found & words[key]:
            return kind
    return None


def _by_verb(view: View, verb: Token) -> list[Found]:
    kind = _verb_kind(verb)
    if kind is None:
        return []
    lo, hi = view.clause(verb.i)
    status = _status(view, verb, kind)
    if status is None:
        return []
    members: list[Span | Ref] = []
    objects: list[Span] = []
    if kind == "lead_out":
        member = _accusative_member(view, verb.i + 1, hi)
        if member is not None:
            members = [member]
            objects = _after_preposition(view, verb.i + 1, Z)
    else:
        accept = is_organization if kind == "return" else is_party
        objects = _after_preposition(view, verb.i + 1, Z if kind == "leave" else DO, accept)
        if not objects and "opuścić" in lemmas(verb):
            obj = _accusative_member(view, verb.i + 1, hi, is_organization)
            objects = [obj] if isinstance(obj, Span) else []
        members = list(subjects_before(view, verb.i))
        if objects and not members:
            after = view.starting(objects[-1].end) or view.starting(verb.i + 1)
            members = [after] if after is not None and is_party(after) else []
    return _relations(view, members, objects, verb.i, lo, hi, status, f"{kind}_verb")


def _by_noun(view: View, noun: Token) -> list[Found]:
    """ "wstąpienie Polski do NATO", "wyjście Wielkiej Brytanii z UE", "opuszczenie Wspólnoty
    przez Zjednoczone Królestwo"."""
    words = cues().sections["membership"]
    found = lemmas(noun)
    if not has_tag(noun, {"subst", "ger"}):
        return []
    accept = is_party
    if found & words["join_nouns"]:
        kind, prepositions, status = "join", DO, "joined"
    elif found & words["return_nouns"]:
        kind, prepositions, status, accept = "join", DO, "joined", is_organization
    elif found & words["leave_nouns"]:
        kind, prepositions, status = "leave", Z, "left"
    else:
        return []
    lo, hi = view.clause(noun.i)
    if _announced(view, noun, lo):
        status = "planned"  # "zapowiedział powrót USA do WHO"
    member = view.starting(noun.i + 1)
    if member is not None and is_party(member):
        objects = _after_preposition(view, member.end, prepositions, accept)
        members: list[Span | Ref] = [member]
    else:
        # "opuszczenia Wspólnoty przez Zjednoczone Królestwo": the bloc first, the member after
        obj = view.starting(noun.i + 1)
        if obj is None or not is_organization(obj) or obj.end >= len(view.doc):
            return []
        objects = [obj]
        members = list(objects_after(view, obj.end, PRZEZ)[0][:1])
    return _relations(view, members, objects, noun.i, lo, hi, status, f"{kind}_noun")


def _announced(view: View, noun: Token, lo: int) -> bool:
    """Whether a word of intention or promise governs a noun of change in its clause
    ("zapowiedział powrót", "planowane wyjście")."""
    planned = cues().sections[""]["planned_words"]
    return any(is_one_of(view.doc[k], planned) for k in range(max(lo, noun.i - 3), noun.i))


def _after_preposition(
    view: View, i: int, prepositions: frozenset[str], accept: Any = is_party
) -> list[Span]:
    """The objects of the first of ``prepositions`` in the clause from token ``i``."""
    doc = view.doc
    _, hi = view.clause(i) if i < len(doc) else (i, i)
    for p in range(i, min(hi, i + 6)):
        if doc[p].text.lower() in prepositions:
            return objects_after(view, p, prepositions, accept)[0]
    return []


def _accusative_member(view: View, i: int, hi: int, accept: Any = is_party) -> Span | Ref | None:
    """The member right after a verb ("wycofa USA z …"); "kraj" for the country named last."""
    for k in range(i, min(hi, i + 3)):
        mention = view.starting(k)
        if mention is not None:
            return mention if accept(mention) else None
        if is_one_of(view.doc[k], COUNTRY_NOUNS):
            country = previous_country(view, k)
            return view.ref(country) if country is not None else None
    return None


def _relations(
    view: View,
    members: list[Span | Ref],
    objects: list[Span],
    cue: int,
    lo: int,
    hi: int,
    status: str,
    name: str,
) -> list[Found]:
    result = []
    first = min([cue, *(m.start for m in members if isinstance(m, Span))])
    start, end = view.chars(first, max(hi, first + 1))
    if objects:
        end = max(end, objects[-1].end_char)
    for member in members:
        ref = view.ref(member) if isinstance(member, Span) else member
        for obj in objects:
            if ref.start == obj.start_char:
                continue
            obj_ref = view.ref(obj)
            anchor = view.doc[cue].idx
            result.append(Found("member_of", ref, obj_ref, start, end, name, None, status, anchor))
    return result


def _by_event(view: View) -> list[Found]:
    events = cues().membership_events
    result = []
    for mention in view.mentions:
        change = events.get(mention._.kb or "")
        if change is None:
            continue
        member, bloc, status = change
        lo, hi = view.clause(mention.start)
        start, end = view.chars(lo, hi)
        result.append(
            Found(
                "member_of",
                Ref(mention.text, key=member),
                Ref(mention.text, key=bloc),
                start,
                end,
                "event",
                None,
                status,
            )
        )
    return result


def _person_from(view: View) -> list[Found]:
    """ "Ewa Nowak z GUS", "Jan Nowak z Platformy Obywatelskiej", "Jan Nowak (PiS)": a person
    named with "z" and an organization right after the name, or the organization in brackets,
    belongs to it (a place after "z" is where they come from, a person a companion)."""
    doc = view.doc
    result = []
    for person in view.mentions:
        if person._.entity_type != "person" or person.end + 1 >= len(doc):
            continue
        if doc[person.end].text == "(":
            # "Jan Nowak (PiS)": the party in brackets right after a name
            party = view.starting(person.end + 1)
            close = party.end if party is not None else person.end
            closed = close < len(doc) and doc[close].text == ")"
            if party is not None and is_organization(party) and closed:
                start, end = person.start_char, doc[close].idx + 1
                ref = view.ref(party)
                result.append(Found("member_of", view.ref(person), ref, start, end, "from"))
            continue
        if doc[person.end].text.lower() not in Z:
            continue
        words = cues().sections["membership"]
        before = doc[person.start - 1] if person.start > 0 else None
        if before is not None and is_one_of(before, words["leave_nouns"] | words["join_nouns"]):
            continue  # "wyjścia W. Brytanii z UE": a mistyped country leaving, not a person
        org = view.starting(person.end + 1)
        if org is None or not is_organization(org) or (org._.kb or "").startswith("event:"):
            continue
        head = doc[org.start]
        if has_tag(head, {"subst"}, "inst") and not has_tag(head, {"subst"}, "gen"):
            continue  # "z" with the instrumental is "with" ("relacje X z Sojuszem"), not "from"
        start, end = person.start_char, org.end_char
        result.append(Found("member_of", view.ref(person), view.ref(org), start, end, "from"))
    return result


def _membership_change(view: View, noun: Token) -> list[Found]:
    """ "Szwecja złożyła wniosek o członkostwo w NATO", "ubiega się o członkostwo w UE"
    (candidate), "zawiesiła członkostwo Rosji w Radzie" (suspended): the membership noun with
    the cue of its clause before it; the member is named after the noun or before the cue."""
    words = cues().sections["membership"]
    if not (is_one_of(noun, words["member_nouns"]) and has_tag(noun, {"subst"})):
        return []
    if "członkostwo" not in lemmas(noun):
        return []
    lo, hi = view.clause(noun.i)
    candidate = words["candidate_verbs"] | words["candidate_nouns"] | words["application_nouns"]
    suspended = words["suspend_verbs"] | words["suspend_nouns"]
    doc = view.doc
    cue = next(
        (doc[k] for k in range(noun.i - 1, lo - 1, -1) if is_one_of(doc[k], candidate | suspended)),
        None,
    )
    if cue is None:
        return []
    negation = cues().sections[""]["negation_words"]
    if any(is_one_of(doc[k], negation) for k in range(max(lo, cue.i - 2), cue.i)):
        return []
    status = "suspended" if is_one_of(cue, suspended) else "candidate"
    member = view.starting(noun.i + 1)
    if member is not None and is_party(member):
        objects = _after_preposition(view, member.end, W)
        members: list[Span | Ref] = [member]
        if not objects and status == "suspended":
            # "Rada Europy zawiesiła członkostwo Rosji": the body suspending is the bloc
            objects = [m for m in subjects_before(view, cue.i) if is_organization(m)][:1]
    else:
        objects = _after_preposition(view, noun.i + 1, W)
        members = list(subjects_before(view, cue.i))
    return _relations(view, members, objects, cue.i, lo, hi, status, f"{status}_noun")
