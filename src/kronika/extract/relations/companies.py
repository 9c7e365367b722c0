"""``subsidiary_of`` and ``partner_of``: ownership and cooperation between parties.

* "spółka zależna Gazpromu", "X, należąca do Y", "X kupił Y", "przejęcie Y przez X", "X była
  właścicielem Y" (former when the copula is past);
* "współpraca X z Y", "X współpracuje z Y"; suspended when the clause says so ("współpraca …
  została zawieszona", "zawiesić współpracę z NATO").
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from kronika.extract.relations.base import (
    Found,
    Ref,
    View,
    is_organization,
    is_party,
    is_verb,
)
from kronika.extract.relations.cues import cues, is_one_of, lemmas
from kronika.extract.relations.parties import coordinated, listed, objects_after, subjects_before
from kronika.lang.components import has_tag
from kronika.lang.titles import organization_nouns

DO = frozenset({"do"})
Z = frozenset({"z", "ze"})
PRZEZ = frozenset({"przez"})
#: What a financed project can be named as: an event, a facility or thing ("Nord Stream 2").
PROJECT_TYPES = frozenset({"other", "event", "place", "organization"})
#: How far the company bought may stand after a takeover noun ("kupienia za 3,9 mld funtów
#: (4,4 mld euro) firmy bukmacherskiej Ladbrokes Coral przez …").
TAKEOVER_REACH = 14


@lru_cache(maxsize=1)
def _company_words() -> frozenset[str]:
    """The words ``_subsidiary`` and ``_partner`` start from."""
    subsidiary, partner = cues().sections["subsidiary"], cues().sections["partner"]
    own = ("belong_words", "takeover_verbs", "takeover_nouns", "share_nouns", "owner_nouns")
    partners = ("finance_words", "coalition_nouns", "partner_nouns", "partner_verbs")
    return frozenset({"spółka", "współpraca"}).union(
        *(subsidiary[key] for key in own), *(partner[key] for key in partners)
    )


def find_companies(view: View) -> list[Found]:
    found: list[Found] = []
    for token in view.base.having(_company_words()):
        found += _subsidiary(view, token) or _partner(view, token)
    return found


def _company(mention: Span) -> bool:
    """A company or other organization (the detector types some firms as places or names)."""
    return is_organization(mention) or (
        not mention._.derived and not mention._.kb and mention._.entity_type == "other"
    )


def _first_after(view: View, i: int, reach: int, accept: object = _company) -> Span | None:
    doc = view.doc
    stop = doc[i - 1].sent.end if i > 0 else len(doc)
    for k in range(i, min(stop, i + reach)):
        mention = view.starting(k)
        if mention is not None:
            return mention if accept(mention) else None  # type: ignore[operator]
    return None


def _first(mentions: list[Span]) -> Span | None:
    return mentions[0] if mentions else None


def _found(view: View, predicate: str, sub: Span, obj: Span, cue: Token, status: str) -> Found:
    lo = min(sub.start, obj.start, cue.i)
    hi = max(sub.end, obj.end, cue.i + 1)
    start, end = view.chars(lo, hi)
    return Found(predicate, view.ref(sub), view.ref(obj), start, end, cue.lemma_, None, status)


def _subsidiary(view: View, token: Token) -> list[Found]:
    words = cues().sections["subsidiary"]
    found = lemmas(token)
    doc = view.doc
    i = token.i
    if "spółka" in found and i + 1 < len(doc) and "zależny" in lemmas(doc[i + 1]):
        return _subsidiary_company(view, token)
    if found & words["belong_words"] and not is_one_of(token, frozenset({"członek"})):
        parents, _ = objects_after(view, i + 1, DO, _company)
        child = _first(subjects_before(view, i, _company))
        if parents and child is not None:
            return [_found(view, "subsidiary_of", child, parents[0], token, "current")]
        return []
    if found & words["takeover_verbs"] and is_verb(token) and has_tag(token, {"praet", "fin"}):
        buyer = _first(subjects_before(view, i, _company))
        bought = _first_after(view, i + 1, 4)
        if buyer is not None and bought is not None:
            return [_found(view, "subsidiary_of", bought, buyer, token, "current")]
        return []
    if found & words["takeover_nouns"] and has_tag(token, {"subst", "ger"}):
        return _takeover(view, token)
    if found & words["share_nouns"] and has_tag(token, {"subst"}, "pl"):
        return _shareholders(view, token)
    if found & words["owner_nouns"] and has_tag(token, {"subst"}):
        return _owner(view, token)
    return []


def _subsidiary_company(view: View, token: Token) -> list[Found]:
    """In "spółka zależna X" the company before (or after a dash) is owned by X."""
    doc = view.doc
    i = token.i
    parent = _first_after(view, i + 2, 2)
    child = _first(subjects_before(view, i, _company))
    # "spółka zależna Gazpromu – Nord Stream 2 AG", "spółka zależna Gazpromu, X"
    after = parent.end if parent is not None else len(doc)
    if child is None and after + 1 < len(doc) and doc[after].text in {",", "–", "—", "-"}:
        child = _first_after(view, after + 1, 1)
    if parent is not None and child is not None:
        return [_found(view, "subsidiary_of", child, parent, token, "current")]
    return []


def _takeover(view: View, token: Token) -> list[Found]:
    """In "przejęcie X przez Y" Y owns X."""
    doc = view.doc
    i = token.i
    bought = _first_after(view, i + 1, TAKEOVER_REACH)
    if bought is None:
        return []
    for p in range(bought.end, min(bought.end + 3, len(doc))):
        if doc[p].text.lower() == "przez":
            buyer = _first_after(view, p + 1, 6)
            if buyer is not None:
                return [_found(view, "subsidiary_of", bought, buyer, token, "current")]
    return []


def _owner(view: View, token: Token) -> list[Found]:
    """In "Y, właściciel X" the company before owns X, or owned it ("był właścicielem")."""
    doc = view.doc
    i = token.i
    owned = _first_after(view, i + 1, 4)
    owner = _first(subjects_before(view, i, _company))
    if owned is None or owner is None:
        return []
    past = any(has_tag(doc[k], {"praet"}) and "być" in lemmas(doc[k]) for k in range(i - 2, i))
    return [_found(view, "subsidiary_of", owned, owner, token, "former" if past else "current")]


def _shareholders(view: View, token: Token) -> list[Found]:
    """ "konsorcjum Nord Stream, w którym udziały mają Gazprom, Engie i OMV": the consortium is
    controlled by each shareholder (GUIDELINES-graph.md, subsidiary_of)."""
    doc = view.doc
    lo, hi = view.clause(token.i)
    owners: list[Span] = []
    for k in range(token.i + 1, min(hi + 1, len(doc))):
        if view.starting(k) is not None:
            owners, _ = coordinated(view, k, token.sent.end, _company)
            break
    # the consortium: the name before the relative clause ("…, w którym udziały mają")
    firm = None
    if lo >= 2 and doc[lo - 1].text == ",":
        before = view.mention_at[lo - 2]
        firm = before if before is not None and _company(before) else None
    if firm is None or not owners:
        return []
    return [
        _found(view, "subsidiary_of", firm, owner, token, "current")
        for owner in owners
        if owner.start != firm.start
    ]


def _suspension(view: View, token: Token) -> int | None:
    """The end of the clause saying the cooperation is suspended ("… została zawieszona na
    wszelkich szczeblach w listopadzie 2021 roku"), as a token index; None if none does."""
    words = cues().words("partner", "suspend_words")
    for t in token.sent:
        if is_one_of(t, words):
            return view.clause(t.i)[1]
    return None


def _partner(view: View, token: Token) -> list[Found]:
    words = cues().sections["partner"]
    found = lemmas(token)
    i = token.i
    if found & words["finance_words"] and has_tag(token, {"fin", "praet", "pact", "ger", "inf"}):
        return _financing(view, token)
    if found & words["coalition_nouns"] and has_tag(token, {"subst"}):
        return _coalition(view, token)
    if found & words["partner_nouns"] and has_tag(token, {"subst"}) and "współpraca" not in found:
        return _partner_noun(view, token)
    if not (
        (has_tag(token, {"subst"}) and "współpraca" in found)
        or (found & words["partner_verbs"] and is_verb(token))
    ):
        return []
    doc = view.doc
    # "współpraca władz w Mińsku z NATO": the party after the noun, its partner after "z"
    first = None
    k = i + 1
    while k < min(len(doc), i + 5) and doc[k].text.lower() not in Z:
        mention = view.starting(k)
        if mention is not None and first is None:
            first = mention if is_party(mention) or _government_seat(mention) else None
        k += 1
    partners, _ = objects_after(view, k, Z) if k < len(doc) else ([], k)
    subjects = [first] if first is not None else subjects_before(view, i)
    if not partners or not subjects:
        return []
    # "współpraca X z Y" alone is often a wish or a topic; stated cooperation is suspended,
    # or under an agreement, or in the verb ("X współpracuje z Y")
    suspension = _suspension(view, token)
    if suspension is not None:
        relation = _found(view, "partner_of", subjects[0], partners[0], token, "suspended")
        start, end = view.chars(token.i, max(suspension, token.i + 1))
        return [replace(relation, start=min(relation.start, start), end=max(relation.end, end))]
    # "opracował we współpracy z Y": the cooperation is how something was done, a fact
    done_with = i > 0 and view.doc[i - 1].lower_ in {"w", "we"}
    if (
        done_with
        or is_verb(token)
        or any(is_one_of(t, words["agreement_nouns"]) for t in token.sent)
    ):
        return [_found(view, "partner_of", subjects[0], partners[0], token, "current")]
    return []


def _financing(view: View, token: Token) -> list[Found]:
    """ "firmy finansujące projekt: Engie, OMV, Shell", "Engie i OMV finansują gazociąg": each
    financier is a partner of the project (named after "projekt", else the noun financed)."""
    doc = view.doc
    sent = token.sent
    project: Ref | None = None
    k = token.i + 1
    kinds = organization_nouns()
    if k < sent.end and is_one_of(doc[k], kinds):
        pass  # "finansują koncerny OMV, Shell": the financiers follow, the project is before
    elif k < sent.end and doc[k].is_lower and has_tag(doc[k], {"subst"}):
        # "finansujące projekt Nord Stream 2", "finansują gazociąg Nord Stream 2": the name
        # after the noun is the project
        after = view.starting(k + 1)
        k += 1 if after is not None and not is_party(after) else 0
    named = view.starting(k)
    if named is not None and not is_party(named):
        project, k = view.ref(named), named.end
    elif (
        named is None
        and has_tag(doc[k], {"subst"})
        and doc[k].is_lower
        and not is_one_of(doc[k], kinds)
    ):
        name = doc[k].lemma_.lower()
        project = Ref(name, doc[k].idx, doc[k].idx + len(doc[k].text), key=f"other:{name}")
        k += 1
    elif named is not None:
        project, k = view.ref(named), named.end
    if project is None:
        # "finansujące projekt: A, B": the project named before in the sentence
        earlier = [
            m for m in view.mentions
            if sent.start <= m.start < token.i and m._.entity_type in PROJECT_TYPES
        ]  # fmt: skip
        if not earlier:
            return []
        project = view.ref(earlier[-1])
        if k < sent.end and ("projekt" in lemmas(doc[k]) or is_one_of(doc[k], kinds)):
            k += 1
    financiers = listed(view, k, sent.end, _company) or subjects_before(view, token.i, _company)
    if not financiers and k < sent.end:
        financiers, _ = coordinated(view, k, sent.end, _company)
    result = []
    for financier in financiers:
        if financier.start_char == project.start:
            continue
        lo = min(financier.start, token.i)
        start, end = view.chars(lo, max(financier.end, k))
        result.append(Found("partner_of", view.ref(financier), project, start, end, "finance"))
    return result


def _coalition(view: View, token: Token) -> list[Found]:
    """ "koalicja PO-PSL", "koalicja Partii Konserwatywnej z DUP": the two are partners."""
    doc = view.doc
    first = view.starting(token.i + 1)
    if first is None or not is_party(first) or first.end + 1 >= len(doc):
        return []
    if doc[first.end].text.lower() not in {"-", "–", "i", "z", "ze", "oraz"}:
        return []
    second = view.starting(first.end + 1)
    if second is None or not is_party(second):
        return []
    return [_found(view, "partner_of", first, second, token, _tense_status(view, token))]


def _partner_noun(view: View, token: Token) -> list[Found]:
    """ "X, partner Y", "X jest partnerem Y", "koalicyjny partner Y" (the party of the clause)."""
    doc = view.doc
    obj = view.starting(token.i + 1)
    if obj is None or not is_party(obj):
        return []
    holder = _first(subjects_before(view, token.i))
    if holder is None and token.i > 1 and doc[token.i - 1].text == ",":
        before = view.mention_at[token.i - 2]
        holder = before if before is not None and is_party(before) else None
    if holder is None or holder.start == obj.start:
        return []
    if token.i > 0 and has_tag(doc[token.i - 1], {"adj"}):
        # "koalicyjnego partnera DUP": the name is in apposition, it is the partner
        return [_found(view, "partner_of", obj, holder, token, "current")]
    return [_found(view, "partner_of", holder, obj, token, "current")]


def _tense_status(view: View, token: Token) -> str:
    """former when the clause's verb is a past or conditional form ("rządziła koalicja X-Y")."""
    lo, hi = view.clause(token.i)
    for t in view.doc[lo:hi]:
        if is_verb(t) and (has_tag(t, {"praet"}) or t.text.lower().endswith("by")):
            return "former"
    return "current"


def _government_seat(mention: Span) -> bool:
    """A capital standing for its government ("władze w Mińsku")."""
    entity_type: str | None = mention._.entity_type
    return entity_type == "place"
