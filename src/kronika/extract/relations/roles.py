"""``role``: who holds which office or profession, with its status.

The titles next to a name come from ``kronika.extract.relations.titles.find_roles`` ("wicepremier
Białorusi Pawieł Czarniawski", "Paweł Usow, znany białoruski politolog"); this module adds

* the status: "były premier" → former, "obecny lider" → current, "kandydat na prezydenta" →
  candidate;
* the title cut before a party phrase ("premier z ramienia Partii Pracy": the title is
  "premier", the party a ``member_of`` of the person);
* a party named by its members after a title ("poseł torysów Dominic Grieve": Partia
  Konserwatywna, ``adherents``);
* titles beyond the language layer's list ("papież Franciszek", "korespondent Polskiego Radia
  Adam Dąbrowski", "dyrektor w Citigroup Jan Skarbek", "X, partner w Crido Taxand");
* a title after a copula: "Theresa May została premierem w lipcu 2016".
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from kronika.extract.relations.adherents import adherent_ref
from kronika.extract.relations.base import HOME_KEY, Found, Ref, View, genitive_name
from kronika.extract.relations.cues import cues, is_one_of, lemmas
from kronika.extract.relations.titles import feminine_before_masculine, find_roles
from kronika.lang.components import has_tag, readings
from kronika.lang.titles import organization_nouns, person_titles

#: Tokens before a title where its status adjective may stand ("były polski premier").
STATUS_REACH = 3
#: Object types an office belongs to.
#: ("other": a publication, "korespondent Polskiego Radia")
OBJECT_TYPES = frozenset({"country", "organization", "place", "other"})
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
        people.add(item.subject.start or 0)
    for person in view.mentions:
        if person._.entity_type != "person" or person.start_char in people:
            continue
        found += _extra_title(view, person)
    found += _copula_titles(view)
    found += [more for role in found for more in _coordinated_titles(view, role)]
    return sorted(found, key=lambda f: (f.start, f.subject.start or 0))


def _coordinated_titles(view: View, role: Found) -> list[Found]:
    """ "Tomasz Nowak, doradca podatkowy i partner w MDDP", "X, dziennikarz, publicysta": a title
    coordinated after an apposition's title is the same person's."""
    if role.predicate != "role" or role.start != role.subject.start or role.subject.start is None:
        return []
    doc = view.doc
    person = doc.char_span(role.subject.start, role.subject.end or 0, alignment_mode="expand")
    k = _token_at(view, role.end - 1) + 1
    while k < len(doc) and doc[k].text.islower() and has_tag(doc[k], {"adj"}):
        k += 1  # "doradca podatkowy i partner"
    result: list[Found] = []
    while person is not None and k + 1 < len(doc) and doc[k].text.lower() in {"i", "oraz", ","}:
        t = k + 1
        while t < len(doc) and not doc[t].is_sent_start and has_tag(doc[t], {"adj"}):
            t += 1  # "i znany publicysta"
        title = _title_lemma(doc[t]) if t < len(doc) and not doc[t].is_sent_start else None
        if title is None:
            break
        m = _modifiers(view, t)
        obj, after = _office_object(view, m)
        result.append(_role(view, person, _value(view, title, t, m), obj, t, max(after, m)))
        k = max(after, m)
    return result


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


def _refined(view: View, item: Found) -> list[Found]:
    subject = item.subject
    person = view.doc.char_span(subject.start or 0, subject.end or 0, alignment_mode="expand")
    lo = _token_at(view, item.start)
    hi = _token_at(view, item.end - 1) + 1
    status = _status(view, lo - STATUS_REACH, hi, person)
    value = _profession(view, str(item.value), hi)
    obj_ref = item.object
    if obj_ref is None and person is not None and person.start < lo + 1:
        obj_ref = _described_after(view, hi)  # "Jan Nowak, rzecznik związku pilotów"
    words = value.split()
    party = _party_cut(words)
    result = []
    if party is not None:
        value = " ".join(words[:party])
        if obj_ref is not None:
            result.append(Found("member_of", subject, obj_ref, item.start, item.end, "party"))
        obj_ref = None
    end = max(item.end, obj_ref.end or 0) if obj_ref is not None else item.end
    role = Found("role", subject, obj_ref, item.start, end, "title", value.lower(), status)
    return result + [role] + _party_membership(view, role)


def _party_membership(view: View, role: Found) -> list[Found]:
    """A member's title of an organization ("parlamentarzysta Partii Pracy", "poseł torysów")
    also states the person's ``member_of`` it; of a place it does not ("senator z Utah")."""
    titles = cues().words("roles", "member_titles")
    if role.object is None or (role.value or "").split()[0] not in titles:
        return []
    start = role.object.start
    mention = view.mention_at[_token_at(view, start)] if start is not None else None
    if role.object.key is None and mention is not None and mention._.entity_type != "organization":
        return []
    return [Found("member_of", role.subject, role.object, role.start, role.end, "member_title")]


def _profession(view: View, value: str, after: int) -> str:
    """A one-word title with the adjective after it when together they name a profession
    ("doradca" + "podatkowy" → "doradca podatkowy")."""
    doc = view.doc
    if " " in value or after >= len(doc) or not has_tag(doc[after], {"adj"}):
        return value
    longer = f"{value} {doc[after].lemma_.lower()}"
    return longer if longer in cues().words("roles", "professions") else value


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


#: Lowercase words of a title's complement before its organization ("partner kancelarii
#: adwokackiej Latham&Watkins").
COMPLEMENT_REACH = 2
#: Lowercase words between a title and its person ("minister spraw zagranicznych").
COMPLEMENT_WORDS = 3
#: How far before a name a title may stand ("były lider eurosceptycznej Partii … (UKIP) Nigel
#: Farage").
TITLE_REACH = 9


def _office_object(view: View, i: int, title: str | None = None) -> tuple[Ref | None, int]:
    """The organization or country from token ``i`` ("Polskiego Radia", "w Citigroup",
    "kancelarii adwokackiej Latham&Watkins", "Partii … (UKIP)"), and the token after it; after
    a ``title`` of a person's staff, a person too ("doradczyni Donalda Trumpa")."""
    types = OBJECT_TYPES
    if title is not None and title in cues().words("roles", "staff_titles"):
        types = OBJECT_TYPES | {"person"}
    doc = view.doc
    j = i
    while j < len(doc) and j < i + COMPLEMENT_REACH and _complement_word(doc[j]):
        party = adherent_ref(view, j)
        if party is not None:  # "poseł torysów", "lider laburzystów": the party's members
            return party, j + 1
        j += 1
    located = j < len(doc) and doc[j].text.lower() in OF_PREPOSITIONS
    j += 1 if located else 0
    mention = view.starting(j)
    ref: Ref | None = None
    if mention is not None:
        if mention._.entity_type not in types or mention._.derived:
            return None, i
        # "partnerka kancelarii w Niemczech": a known place is where, not whose (an unknown
        # "place" after "partner w" is mostly a firm the detector misread: "w Crido Taxand")
        if located and (mention._.entity_type == "country" or mention._.kb):
            return None, i
        ref, after = view.ref(mention), mention.end
    else:
        # a name the detector missed: capitalized words no mention covers ("w Citigroup")
        after = j
        while after < len(doc) and _unknown_name_word(view, after):
            after += 1
        if after == j:
            return None, i
        ref = view.span_ref(j, after)
    if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")":
        after += 3  # the acronym in brackets: "(UKIP)"
    return ref, after


def _complement_word(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text.islower()
        and not any(r.pos == "prep" for r in readings(token))
    )


def _unknown_name_word(view: View, k: int) -> bool:
    token = view.doc[k]
    return (
        view.mention_at[k] is None
        and not token.is_sent_start
        and token.text[:1].isupper()
        and any(c.isalpha() for c in token.text)
    )


def _modifiers(view: View, t: int) -> int:
    """The token after a title's fixed modifiers ("prezydent elekt", "redaktor naczelny")."""
    words = cues().words("roles", "title_modifiers")
    doc = view.doc
    k = t + 1
    while k < len(doc) and (doc[k].text == "-" or is_one_of(doc[k], words)):
        k += 1
    return k if k == t + 1 or doc[k - 1].text != "-" else k - 1


def _extra_title(view: View, person: Span) -> list[Found]:
    """ "title [object] Person" and "Person, [adjectives] title [object]" for any title."""
    doc = view.doc
    # before: "papież Franciszek", "korespondentowi Polskiego Radia Adamowi Dąbrowskiemu"
    for t in range(person.start - 1, max(person.sent.start, person.start - TITLE_REACH) - 1, -1):
        title = _title_lemma(doc[t])
        if title is None:
            continue
        if (
            t > person.sent.start
            and _title_lemma(doc[t - 1]) is not None
            and (not genitive_name(person) or feminine_before_masculine(doc[t - 1], doc[t]))
        ):
            # "doradczyni prezydenta X": the title before is the person's; "rzeczniczka
            # burmistrza Connie Llanos": a woman's title before a man's, whatever the name's case
            continue
        m = _modifiers(view, t)
        k = _topic(view, m, person.start)
        obj, after = _office_object(view, k, title) if k < person.start else (None, k)
        if obj is None and after != person.start:
            # "minister zdrowia Adam Nowak", "rzecznik związku zawodowego pilotów Jan Nowak"
            obj, end = _lowercase_complement(view, k, person.start)
            if end == person.start and _agrees(doc[t], doc[person.end - 1]):
                k = k if obj is not None else end  # an organization is not in the title
                after = end
        if obj is None:
            obj = _adjective_country(view, t)
        after = _past_post(view, after, person.start) if obj is not None else after
        if obj is not None and after < person.start and _located(view, after):
            after += 2  # "dyrektor Centrum Pokoju w Lahore, …": where the body is
        # "obecny lider UKIP, Henry Bolton": a gap only before a full name, as a bare surname
        # after a comma begins another phrase ("burmistrza X, Garcetti")
        if after != person.start and (len(person) < 2 or _gap(view, after, person.start)):
            break
        # the evidence opens with the title, or with its object when that stands before it (an
        # object the text does not name, the article's own country, has no offsets)
        before = obj is not None and obj.start is not None and obj.start <= doc[t].idx
        lo = _token_at(view, obj.start or 0) if before and obj is not None else t
        role = _role(view, person, _value(view, title, t, m, k), obj, lo, person.end)
        return [role, *_party_membership(view, role)]
    return _title_after(view, person)


def _located(view: View, after: int) -> bool:
    """ "w Lahore" after an office's object: a one-word place the organization is in."""
    doc = view.doc
    if after + 1 >= len(doc) or doc[after].lower_ not in OF_PREPOSITIONS:
        return False
    place = view.starting(after + 1)
    return place is not None and len(place) == 1 and place._.entity_type in ("place", "country")


def _past_post(view: View, after: int, stop: int) -> int:
    """Past the place an office is held in, when it ends right before the name: "ambasador USA
    w Polsce Mark Brzezinski" (the office is the United States')."""
    doc = view.doc
    if after + 1 >= stop or doc[after].lower_ not in OF_PREPOSITIONS | {"na"}:
        return after
    place = view.starting(after + 1)
    if place is not None and place.end == stop and place._.entity_type in ("country", "place"):
        return stop
    return after


def _title_after(view: View, person: Span) -> list[Found]:
    """ "Berthold Pelster, ekspert …", "Romana Namysłowskiego, partnera w Crido Taxand", and
    without the comma: "Mark Singer dziennikarz, publicysta i autor"."""
    doc = view.doc
    i = person.end
    if i + 1 >= len(doc):
        return []
    if doc[i].text != ",":
        return _bare_apposition(view, person)
    for t in range(i + 1, min(i + 4, person.sent.end)):
        title = _title_lemma(doc[t])
        if title is not None:
            k = _modifiers(view, t)
            obj, after = _office_object(view, k, title)
            obj = obj or _described_after(view, k)
            value = _profession(view, _value(view, title, t, k), k)
            role = _role(view, person, value, obj, person.start, max(after, k))
            return [role, *_party_membership(view, role)]
        if not has_tag(doc[t], {"adj", "ppas", "pact"}):
            return []
    return []


def _bare_apposition(view: View, person: Span) -> list[Found]:
    """A title right after a name with no comma ("Mark Singer dziennikarz, publicysta") in a case
    the name can share, when no other name follows it: then it is that name's ("Dudę premier
    Szydło")."""
    doc = view.doc
    t = person.end
    title = _title_lemma(doc[t]) if t < person.sent.end else None
    if title is None or doc[t].text[:1].isupper() or not _shares_case(doc[t], title, person):
        return []
    k = _modifiers(view, t)
    if k < len(doc) and view.mention_at[k] is not None:
        named = view.mention_at[k]
        if named is not None and named._.entity_type == "person":
            return []
    obj, after = _office_object(view, k)
    role = _role(view, person, _value(view, title, t, k), obj, person.start, max(after, k))
    return [role, *_party_membership(view, role)]


def _shares_case(token: Token, title: str, person: Span) -> bool:
    """Whether the title (its readings as the title, not "polityka" of "polityk") can stand in a
    case of the name's last word: "przez Tuska polityk pełni" is another's title."""
    cases, name = _cases(token, title), _cases(person[-1])
    return not cases or not name or bool(cases & name)


def _lowercase_complement(view: View, k: int, stop: int) -> tuple[Ref | None, int]:
    """Lowercase genitive words filling tokens [k, stop) between a title and its person: an
    unnamed organization when they open with a kind of organization ("związku zawodowego
    pilotów" → "związek zawodowego pilotów", kept as written after its head), else part of the
    title ("minister zdrowia"). Returns the organization (or None) and the token after the words
    (``k`` when they are neither)."""
    doc = view.doc
    words = doc[k:stop]
    if not 0 < len(words) <= COMPLEMENT_WORDS:
        return None, k
    if not all(
        t.is_alpha and t.text.islower() and has_tag(t, {"subst", "adj"}, "gen") for t in words
    ):
        return None, k
    if is_one_of(words[0], organization_nouns()):
        name = " ".join([words[0].lemma_.lower(), *(t.text for t in words[1:])])
        end = words[-1].idx + len(words[-1].text)
        return Ref(name, words[0].idx, end, key=f"other:{name}"), stop
    return None, stop


CASES = frozenset({"nom", "gen", "dat", "acc", "inst", "loc", "voc"})


def _cases(token: Token, lemma: str | None = None) -> set[str]:
    """The cases the token's readings (of ``lemma``, lowercased, if given) allow."""
    found: set[str] = set()
    for reading in readings(token):
        if lemma is not None and reading.lemma.lower() != lemma:
            continue
        for part in reading.tag.split(":")[1:]:
            found.update(c for c in part.split(".") if c in CASES)
    return found


def _agrees(title: Token, name: Token) -> bool:
    """Whether a title and the name after it can share a case ("menadżer kampanii Trumpa": the
    genitive name is whose campaign, not the manager); a name SGJP does not know agrees."""
    title_cases, name_cases = _cases(title), _cases(name)
    return not title_cases or not name_cases or bool(title_cases & name_cases)


def _described_after(view: View, k: int) -> Ref | None:
    """An unnamed organization from token ``k`` after an apposition's title ("…, rzecznik
    związku zawodowego pilotów")."""
    doc = view.doc
    stop = k
    while stop < len(doc) and stop < k + COMPLEMENT_WORDS and doc[stop].text.islower():
        if not (doc[stop].is_alpha and has_tag(doc[stop], {"subst", "adj"}, "gen")):
            break
        stop += 1
    obj, _ = _lowercase_complement(view, k, stop) if stop > k else (None, k)
    return obj


def _topic(view: View, k: int, stop: int) -> int:
    """The token after a title's topic ("minister ds. Irlandii Północnej", "pełnomocnik do spraw
    programu szczepień"), or ``k`` when none follows."""
    doc = view.doc
    words = cues().words("roles", "topic_openers")
    j = k
    if j < stop and doc[j].text.lower() in words:
        j += 1
    elif j + 1 < stop and doc[j].text.lower() == "do" and "sprawa" in lemmas(doc[j + 1]):
        j += 2
    else:
        return k
    if j < stop and doc[j].text == ".":
        j += 1
    while j < stop and doc[j].text not in {",", "-", "–", "—", "(", ")"}:
        j += 1
    return j


def _gap(view: View, after: int, person: int) -> bool:
    """Whether more than a comma or a dash ("minister ds. X - obecnie Karen Bradley"), a form of
    address or a member of an order ("…, dominikanin o. James Channan") stands between a
    title's end and its person."""
    words = cues().words("roles", "title_gap") | cues().words("roles", "address_gap")
    adherents = cues().adherents
    return after > person or any(
        view.doc[k].text.lower() not in words and not lemmas(view.doc[k]) & adherents.keys()
        for k in range(after, person)
    )


def _adjective_country(view: View, t: int) -> Ref | None:
    """The country adjective right before a title ("brytyjski minister"); "rządowy" for the
    government of the article's country ("rządowy pełnomocnik")."""
    mention = view.mention_at[t - 1] if t > 0 else None
    if mention is not None and mention._.derived and mention._.entity_type == "country":
        return view.ref(mention)
    if t > 0 and is_one_of(view.doc[t - 1], cues().words("roles", "government_adjectives")):
        return Ref(view.doc[t - 1].text, key=HOME_KEY)
    return None


def _value(view: View, title: str, t: int, m: int, k: int | None = None) -> str:
    """The title with its modifiers (tokens up to ``m``) in the nominative ("prezydenta-elekta"
    → "prezydent elekt") and its topic (up to ``k``) as written ("ds. Irlandii Północnej")."""
    words = [title]
    for token in view.doc[t + 1 : m]:
        if token.text != "-":
            words.append(_nominative(token))
    topic = view.doc[m : k if k is not None else m].text
    return " ".join([*words, topic]) if topic else " ".join(words)


def _nominative(token: Token) -> str:
    """A modifier in the nominative: its lemma ("naczelnego" → "naczelny"; "elekta" → "elekt")."""
    return token.lemma_.lower()


def _role(view: View, person: Span, title: str, obj: Ref | None, lo: int, hi: int) -> Found:
    start, end = view.chars(lo, hi)
    status = _status(view, lo - STATUS_REACH, hi, person)
    return Found("role", view.ref(person), obj, start, end, "title", title, status)


def _copula_titles(view: View) -> list[Found]:
    """A title after a copula: "X została premierem (w lipcu 2016)", "X jest politologiem",
    "X, który był ministrem finansów", "X został wybrany na prezydenta Y"; and before it:
    "Nowym premierem Włoch został Mario Draghi"."""
    copulas = cues().words("roles", "copulas")
    doc = view.doc
    result = []
    for token in view.base.having(copulas):
        if token.i + 1 < len(doc):
            result += _title_after_copula(view, token) or _title_before_copula(view, token)
    return result


def _title_after_copula(view: View, token: Token) -> list[Found]:
    """The title in the instrumental after the copula ("została premierem"), or after "na"
    past a participle of appointing ("został wybrany na prezydenta", "na stanowisko prezesa");
    its object the name in the genitive after it."""
    doc = view.doc
    words = cues().sections["roles"]
    k = token.i + 1
    case = "inst"
    if is_one_of(doc[k], words["appointment_participles"]) and has_tag(doc[k], {"ppas"}):
        k += 1
        if k < len(doc) and doc[k].text.lower() == "na":
            k, case = k + 1, "acc"
            if k + 1 < len(doc) and is_one_of(doc[k], words["office_nouns"]):
                k, case = k + 1, "gen"
    if k >= len(doc):
        return []
    noun = doc[k]
    title = _title_lemma(noun)
    if title is None or not has_tag(noun, {"subst"}, case):
        return []
    person = _person_before(view, token.i)
    if person is None:
        return []
    m = _modifiers(view, noun.i)
    obj, after = _office_object(view, m)
    title = _value(view, title, noun.i, m)
    # the clause may say when: "została premierem w lipcu 2016"
    _, clause_end = view.clause(noun.i)
    role = _role(view, person, title, obj, person.start, max(after, clause_end))
    if "być" in lemmas(token) and has_tag(token, {"praet"}) and role.status == "current":
        role = replace(role, status="former")  # "był ministrem": an office held in the past
    return [role]


def _title_before_copula(view: View, token: Token) -> list[Found]:
    """ "Nowym premierem Włoch został Mario Draghi": the title in the instrumental, its object
    in the genitive, the copula, and the person right after it."""
    doc = view.doc
    person = view.starting(token.i + 1)
    if person is None or person._.entity_type != "person":
        return []
    t = token.i - 1
    obj: Ref | None = None
    named = view.mention_at[t] if t >= 0 else None
    if named is not None and named._.entity_type in OBJECT_TYPES and not named._.derived:
        obj, t = view.ref(named), named.start - 1
    if t < 0:
        return []
    k = t
    while k > 0 and _title_lemma(doc[k]) is None and doc[k].text.islower():
        if not has_tag(doc[k], {"adj", "ppas"}, "inst"):
            return []
        k -= 1  # "sekretarzem generalnym": the title before its modifiers
    title = _title_lemma(doc[k])
    m = _modifiers(view, k)
    if title is None or not has_tag(doc[k], {"subst"}, "inst") or m <= t:
        return []
    return [_role(view, person, _value(view, title, k, m), obj, k, person.end)]
    return []


def _person_before(view: View, i: int) -> Span | None:
    """The person right before the copula ("Theresa May została"), nothing in between."""
    doc = view.doc
    if i > 2 and "który" in lemmas(doc[i - 1]) and doc[i - 2].text == ",":
        i -= 2  # "Jan Nowak, który był ministrem": the name before the relative clause
    mention = view.mention_at[i - 1] if i > 0 else None
    if mention is not None and mention._.entity_type == "person" and "." not in lemmas(doc[i]):
        return mention
    return None
