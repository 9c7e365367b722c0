"""``find_memberships``: ``member_of`` relations from bracketed lists and explicit phrases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kronika.extract.facts.lexicon import CLAUSE_PUNCT, MEMBER_TYPES
from kronika.extract.facts.view import TimexIndex, _lemmas, _View
from kronika.extract.relations.base import Ref
from kronika.extract.timex import find_timexes
from kronika.lang.components import has_tag
from kronika.model import Timex


@dataclass(frozen=True, slots=True)
class Listed:
    """A ``member_of`` the text states by a list or a phrase: ``evidence`` is "list" or
    "phrase", ``start``–``end`` the stretch stating it, ``time`` the date tied to it, if any."""

    subject: Ref
    object: Ref
    start: int
    end: int
    evidence: str
    time: Timex | None = None
    #: the TIMEX3 modifier of the time ("START" for "należy do NATO od 1999 roku")
    time_mod: str | None = None


def _is_member(mention: Span) -> bool:
    """States and organizations can be members; a derived word ("białoruska") cannot."""
    if mention._.derived:
        return False
    kb = mention._.kb or ""
    return mention._.entity_type in MEMBER_TYPES or kb.startswith("country:")


def _is_member_or_person(mention: Span) -> bool:
    """Of an organization a person can be a member too ("Brian Kemp jest członkiem Partii
    Republikańskiej")."""
    return _is_member(mention) or (mention._.entity_type == "person" and not mention._.derived)


def _is_org(mention: Span) -> bool:
    kb = mention._.kb or ""
    return (
        not mention._.derived
        and (mention._.entity_type == "organization" or kb.startswith("org:"))
        and not kb.startswith("country:")
    )


def _mention_ref(view: _View, mention: Span) -> Ref:
    return Ref(
        view.text[mention.start_char : mention.end_char], mention.start_char, mention.end_char
    )


def _list_members(
    view: _View,
    i: int,
    stop: int,
    accept: Callable[[Span], bool] = _is_member,
    *,
    openers: bool = True,
) -> tuple[list[Span], int]:
    """A coordinated list of member mentions from token ``i`` ("A, B i C", "m.in. A, B oraz C";
    ``accept``: which mentions may stand in it, ``openers``: whether "m.in." may open it).
    Returns the mentions and the index after the list."""
    doc = view.doc
    members: list[Span] = []
    j = i
    # "m.in.", "np.": the list is partial, the members are still members
    while openers and j < stop and doc[j].text.lower() in view.lex.list_openers:
        j += 1
    while j < stop:
        mention = view.mention_at[j]
        if mention is None or mention.start != j or not accept(mention):
            break
        members.append(mention)
        j = mention.end
        if j < stop and doc[j].text.lower() in {",", "i", "oraz"}:
            j += 1
            continue
        break
    return members, j


def _bracket_lists(view: _View) -> list[Listed]:
    """Members in brackets right after an organization: "szczytem WNP (Azerbejdżan, Armenia, …)"."""
    doc = view.doc
    found: list[Listed] = []
    for org in view.mentions:
        if not _is_org(org) or org.end >= len(doc) or doc[org.end].text != "(":
            continue
        sent_end = view.base.sentence_of(org.end).end
        members, j = _list_members(view, org.end + 1, sent_end)
        # a bracketed acronym ("(OUBZ)") or a list of programmes is not a membership list
        if len(members) < 2 or j >= sent_end or doc[j].text != ")":
            continue
        if sum(1 for m in members if (m._.kb or "").startswith("country:")) * 2 < len(members):
            continue
        close = doc[j]
        for member in members:
            found.append(
                Listed(
                    _mention_ref(view, member),
                    _mention_ref(view, org),
                    org.start_char,
                    close.idx + 1,
                    "list",
                )
            )
    return found


def _irrealis(view: _View, lo: int, hi: int) -> bool:
    """Negation, condition or intention in tokens [lo, hi) ("nie jest członkiem", "chce
    wstąpić")."""
    doc = view.doc
    return any(_lemmas(doc[k]) & view.lex.irrealis_words for k in range(max(lo, 0), hi))


def _subjects_before(
    view: _View, verb: int, sent: Span, accept: Callable[[Span], bool] = _is_member
) -> list[Span]:
    """The member(s) before a verb in its clause: the nearest mention to the left, with the
    mentions coordinated with it ("Polska, Czechy i Węgry wstąpiły …"). A relative clause
    ("Polska, która wstąpiła …") takes the mention before its comma."""
    doc = view.doc
    k = verb - 1
    while k >= sent.start:
        token = doc[k]
        if token.text in CLAUSE_PUNCT:
            nxt = doc[k + 1] if k + 1 < verb else None
            # "Polska, która wstąpiła …": the antecedent is the name right before the comma
            # ("pierwszym krajem, który dołączył" has none)
            before = view.mention_at[k - 1] if k - 1 >= sent.start else None
            if nxt is not None and "który" in _lemmas(nxt) and before is not None:
                k -= 1
                continue
            return []
        mention = view.mention_at[k]
        if mention is not None:
            # the nearest name decides: "Rząd Francji wstąpił…" has no state as the subject
            if not accept(mention):
                return []
            members = [mention]
            j = mention.start - 1
            while j - 1 >= sent.start and doc[j].text.lower() in {",", "i", "oraz"}:
                other = view.mention_at[j - 1]
                if other is None or not accept(other):
                    break
                members.insert(0, other)
                j = other.start - 1
            return members
        k -= 1
    return []


def _time_near(
    view: _View, timexes: Callable[[], TimexIndex], lo_char: int, hi_char: int
) -> Timex | None:
    inside = [t for t in timexes().within(lo_char, hi_char) if t.type == "DATE" and t.value]
    return inside[0] if inside else None


def _clause_end(view: _View, i: int, sent: Span) -> int:
    doc = view.doc
    while i < sent.end and doc[i].text not in CLAUSE_PUNCT:
        i += 1
    return i


def _object_after_do(view: _View, i: int, stop: int) -> Span | None:
    """The organization after "do" at token ``i`` ("do NATO", "do struktur NATO")."""
    doc = view.doc
    if i >= stop or doc[i].text.lower() != "do":
        return None
    j = i + 1
    if j < stop and _lemmas(doc[j]) & view.lex.container_nouns:
        j += 1
    mention = view.mention_at[j] if j < stop else None
    if mention is not None and mention.start == j and _is_org(mention):
        return mention
    return None


def _relation(
    view: _View,
    subject: Span,
    obj: Span,
    lo: int,
    hi: int,
    time: Timex | None,
    mod: str | None,
) -> Listed:
    return Listed(
        _mention_ref(view, subject),
        _mention_ref(view, obj),
        lo,
        hi,
        "phrase",
        time,
        (time.mod or mod) if time else None,
    )


def _phrases(view: _View, timexes: Callable[[], TimexIndex]) -> list[Listed]:
    """Relations from explicit phrases: a verb of joining or belonging, or a membership noun."""
    lex = view.lex
    found: list[Listed] = []
    # the disambiguated lemma is a cheap first filter; the readings decide after it
    triggers = (
        lex.join_verbs
        | lex.belong_verbs
        | lex.member_nouns
        | lex.member_adjectives
        | lex.member_heads
    )
    for token in view.base.having(triggers):
        if token.lemma_.lower() not in triggers:
            continue
        sent = view.base.sentence_of(token.i)
        lemmas = _lemmas(token)
        # "X wstąpiła do Y (w 2004 roku)", "X należy do Y": past joins, present belonging
        joins = bool(lemmas & lex.join_verbs) and has_tag(token, {"praet"})
        belongs = bool(lemmas & lex.belong_verbs) and has_tag(token, {"fin"})
        if (joins or belongs) and not token.text.lower().endswith(lex.conditional_endings):
            found += _joining(view, token, sent, joins, timexes)
        else:
            found += _membership_noun(view, token, sent, lemmas, timexes)
    return found


def _joining(
    view: _View, token: Token, sent: Span, joins: bool, timexes: Callable[[], TimexIndex]
) -> list[Listed]:
    """ "X wstąpiła do Y", "do NATO dołączyła Finlandia", "X należy do Y"."""
    doc, i = view.doc, token.i
    found: list[Listed] = []
    clause_end = _clause_end(view, i + 1, sent)
    obj = _object_after_do(view, i + 1, sent.end)
    subjects: list[Span] = []
    if obj is not None:
        # "Kowalski należy do PiS", "wstąpił do Partii Pracy": a person can be the member
        subjects = _subjects_before(view, i, sent, _is_member_or_person)
    elif i - 1 >= sent.start and view.mention_at[i - 1] is not None:
        # "do NATO dołączyła Finlandia": object before the verb, subject after it
        before = view.mention_at[i - 1]
        assert before is not None
        if (
            _is_org(before)
            and before.start - 1 >= sent.start
            and (doc[before.start - 1].text.lower() == "do")
        ):
            obj = before
            after = view.mention_at[i + 1] if i + 1 < sent.end else None
            if after is not None and after.start == i + 1 and _is_member(after):
                subjects, _ = _list_members(view, i + 1, sent.end)
    if obj is None or not subjects:
        return []
    lo = min(subjects[0].start, obj.start)
    if _irrealis(view, max(lo, i - 3), i):
        return []
    time = _time_near(view, timexes, doc[lo].idx, doc[clause_end - 1].idx + 1)
    hi_char = max(obj.end_char, subjects[-1].end_char, time.end if time else 0)
    for subject in subjects:
        if subject.start_char == obj.start_char:
            continue
        found.append(
            _relation(
                view,
                subject,
                obj,
                doc[lo].idx,
                hi_char,
                time,
                "START" if joins else None,
            )
        )
    return found


def _membership_noun(
    view: _View, token: Token, sent: Span, lemmas: frozenset[str], timexes: Callable[[], TimexIndex]
) -> list[Listed]:
    """ "X jest członkiem Y", "członkami Y są A, B i C", "państwa członkowskie Y: A, B", "kraje
    Y, takie jak A i B", "X jako członek Y"."""
    doc, lex, i = view.doc, view.lex, token.i
    is_member_noun = bool(lemmas & lex.member_nouns)
    is_member_adj = (
        bool(lemmas & lex.member_adjectives)
        and i > sent.start
        and bool(_lemmas(doc[i - 1]) & lex.member_heads)
    )
    # a bare "kraje UE" says membership only before a list of them
    is_head = bool(lemmas & lex.member_heads) and has_tag(token, {"subst"})
    if not (is_member_noun or is_member_adj or is_head):
        return []
    j = i + 1
    obj = view.mention_at[j] if j < sent.end else None
    if obj is None or obj.start != j or not _is_org(obj):
        return []
    obj_end = obj.end
    subjects: list[Span] = []
    first = i - 1 if is_member_adj else i
    lo = doc[first].idx
    accept = _is_member_or_person if is_member_noun else _is_member
    opener = _list_opening(view, obj_end, sent)
    if opener:
        # the list follows the organization: "członkowie Y: A, B", "państwa członkowskie Y,
        # w tym A i B", "państwa członkowskie Y (A, B)"
        subjects, _end = _list_members(view, opener, sent.end)
        if _irrealis(view, max(sent.start, i - 2), obj_end + 1):
            return []
    elif first > sent.start and doc[first - 1].lower_ == "jako" and not is_head:
        # "Polska jako członek UE", "Węgry jako państwo członkowskie Unii"
        subjects = _subjects_before(view, first - 1, sent, accept)
        if subjects and subjects[-1].end != first - 1:
            subjects = []
    elif is_member_noun and has_tag(token, {"subst"}, "inst"):
        subjects = _copula_subjects(view, i, sent, accept)
    if subjects and not opener:
        lo = subjects[0].start_char
    if not subjects:
        return []
    hi_tok = _clause_end(view, obj.end, sent)
    time = _time_near(view, timexes, lo, doc[hi_tok - 1].idx + len(doc[hi_tok - 1].text))
    hi_char = max(obj.end_char, subjects[-1].end_char, time.end if time else 0)
    return [_relation(view, subject, obj, lo, hi_char, time, None) for subject in subjects]


#: Words after "państwa członkowskie Y," that open the list of them ("w tym", "takie jak").
LIST_AFTER_COMMA = (("w", "tym"), ("m.in", "."), ("np", "."), ("czyli",))


def _copula_subjects(view: _View, i: int, sent: Span, accept: Callable[[Span], bool]) -> list[Span]:
    """ "X jest (pełnoprawnym) członkiem Y": the members before the copula shortly before the
    noun at ``i``; none when negated or only intended."""
    doc, lex = view.doc, view.lex
    k = i - 1
    while k >= sent.start and k >= i - 4 and not (_lemmas(doc[k]) & lex.copulas):
        k -= 1
    if k < sent.start or k < i - 4 or _irrealis(view, max(sent.start, k - 2), i):
        return []
    return _subjects_before(view, k, sent, accept)


def _list_opening(view: _View, k: int, sent: Span) -> int:
    """Where the list of an organization's members begins after it, at token ``k``: after ":",
    a copula ("członkami Y są A, B"), "(" or a comma and "w tym" / "takie jak"; else 0."""
    doc = view.doc
    if k >= sent.end:
        return 0
    token = doc[k]
    if token.text in (":", "("):
        return k + 1
    if "być" in _lemmas(token) and not has_tag(token, {"praet"}, "sg"):
        return k + 1
    if token.text == ",":
        for words in LIST_AFTER_COMMA:
            stop = k + 1 + len(words)
            if stop <= sent.end and tuple(t.text.lower() for t in doc[k + 1 : stop]) == words:
                return stop
        # "takie jak", "takich jak", "takimi jak": any case of "taki"
        if k + 2 < sent.end and "taki" in _lemmas(doc[k + 1]) and doc[k + 2].lower_ == "jak":
            return k + 3
    return 0


def _apposed_memberships(view: _View, timexes: Callable[[], TimexIndex]) -> list[Listed]:
    """A member noun or a country noun in apposition to names, or after "to": "Litwa, członek
    NATO i UE", "Francja i Niemcy, dwa największe kraje Unii", "Węgry to jedyny kraj UE"."""
    lex = view.lex
    doc = view.doc
    found: list[Listed] = []
    for token in view.base.having(lex.member_nouns | lex.member_heads):
        lemmas = _lemmas(token)
        if not has_tag(token, {"subst"}) or token.text[:1].isupper():
            continue
        sent = view.base.sentence_of(token.i)
        j = token.i + 1
        if lemmas & lex.member_heads and j < sent.end and _lemmas(doc[j]) & lex.member_adjectives:
            j += 1  # "kraj członkowski UE"
        # "członek NATO i Unii Europejskiej": the organizations coordinated after the noun
        objects, _ = _list_members(view, j, sent.end, _is_org, openers=False)
        if not objects:
            continue
        k = token.i - 1
        while (
            k > sent.start
            and doc[k].lower_ != "to"
            and doc[k].text.islower()
            and has_tag(doc[k], {"adj", "num"})
        ):
            k -= 1  # "dwa największe", "jedyny"
        if k <= sent.start or not (doc[k].text == "," or doc[k].lower_ == "to"):
            continue
        subjects = _subjects_before(view, k + (doc[k].lower_ == "to"), sent)
        if doc[k].text == "," and subjects and subjects[-1].end != k:
            continue  # the apposition stands right after the names it describes
        if not subjects or _irrealis(view, subjects[-1].end, token.i):
            continue
        lo = subjects[0].start_char
        hi = objects[-1].end_char
        time = _time_near(view, timexes, lo, hi)
        for subject in subjects:
            for obj in objects:
                if subject.start != obj.start:
                    found.append(_relation(view, subject, obj, lo, hi, time, None))
    return found


def find_memberships(doc: Doc, timexes: Sequence[Timex] | None = None) -> list[Listed]:
    """The ``member_of`` relations lists and phrases state, one per (subject, object, evidence),
    in text order. ``timexes`` (from ``find_timexes``) give the time of explicit phrases ("wstąpiła
    do UE w 2004 roku"); without them they are found here with no document date, so only
    absolute dates resolve."""
    view = _View(doc)
    cache: list[TimexIndex] = [TimexIndex(timexes)] if timexes is not None else []

    def timexes_of() -> TimexIndex:
        # computed only when a phrase needs its time: absolute years ("w 2004 roku") need no
        # document date, and most documents have no membership phrase at all
        if not cache:
            cache.append(TimexIndex(find_timexes(doc, None)))
        return cache[0]

    found = (
        _bracket_lists(view) + _phrases(view, timexes_of) + _apposed_memberships(view, timexes_of)
    )
    # one relation per (subject, object) evidence pair, in text order
    seen: set[tuple[int, int, int]] = set()
    unique: list[Listed] = []
    for rel in sorted(found, key=lambda r: (r.start, r.subject.start or 0)):
        key = (rel.subject.start or 0, rel.object.start or 0, rel.start)
        if key not in seen:
            seen.add(key)
            unique.append(rel)
    return unique
