"""Who a zero subject is, from its verb's agreement.

A verb in the plural ("Uważają również, że …", "Ich zdaniem …") continues a group named before,
not the last person who spoke; a past-tense verb's gender ("Jak sprecyzowała, …") rules out a
speaker of the other gender ("burmistrza Erica Garcettiego … rzeczniczka Connie Llanos").

A group is a noun phrase in the plural that is a clause's subject: its head a noun for people
(SGJP's masculine-personal plural: "Pakistańscy przywódcy duchowi domagają się …") or for a body
(``source_nouns``: "organizacje"), with the adjectives around it and the genitive words after it,
right before a plural verb; or a numeral and such a noun, before the singular neuter verb a
numeral takes ("Siedem pozarządowych organizacji ochrony przyrody wysłało …"); or two people
joined by "i"/"oraz" beside a plural verb ("przemawiali Donald Tusk oraz … Jean-Claude Juncker").
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from kronika.extract.quotes.detected import QuoteIndex
from kronika.extract.quotes.view import _DocView
from kronika.lang.components import readings, tag_values
from kronika.lang.names.gender import Gender, person_gender, subject_gender

#: Pronouns of a plural speaker before "zdaniem" and after "według" ("Ich zdaniem", "Według nich").
PLURAL_PRONOUNS = frozenset({"ich", "nich"})
#: Verb classes that agree with a subject.
AGREEING = frozenset({"fin", "praet", "bedzie"})
#: How many sentences back a group may be named.
GROUP_REACH = 3


def plural_cue(view: _DocView, anchor: int) -> bool:
    """Whether the attribution at ``anchor`` (its verb or "zdaniem") has a plural third-person
    subject: "Uważają", "przekonywali", "Ich zdaniem"."""
    token = view.token_at(anchor)
    if token is None:
        return False
    doc = view.doc
    if token.i > 0 and doc[token.i - 1].lower_ in PLURAL_PRONOUNS:
        return True  # "Ich zdaniem"
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in PLURAL_PRONOUNS:
        return True  # "Według nich"
    verbs = [r for r in readings(token) if r.pos in AGREEING]
    if not verbs:
        return False
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and any(r.pos == "aglt" for r in readings(nxt)):
        return False  # "uważaliśmy": the writers themselves
    for reading in verbs:
        values = tag_values(reading.tag)
        if "pl" not in values or "sg" in values or values & {"pri", "sec"}:
            return False
    return True


def introduced_group(view: _DocView, end: int, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The last plural group named as a subject in the sentences up to offset ``end`` (at most
    ``GROUP_REACH`` of them, outside quotations), as character offsets."""
    doc = view.doc
    last = view.token_before(end)
    if last is None:
        return None
    sentence = bisect_right(view.base.sentence_starts, view.sent_of[last.i].start_char) - 1
    found = None
    for sent in view.sentences[max(0, sentence - GROUP_REACH) : sentence + 1]:
        groups = [_group_at(view, token, sent) for token in sent if token.idx < end]
        groups += _coordinated_people(view, sent)
        for group in sorted((g for g in groups if g is not None), key=lambda g: g.start):
            if group.end_char <= end and not quotes.inside(doc[group.start].idx):
                found = (group.start_char, group.end_char)
    return found


#: Words between two coordinated people that still join them ("Donald Tusk oraz przewodniczący
#: Komisji Europejskiej Jean-Claude Juncker": the second one's title).
TITLE_GAP = 6


def _coordinated_people(view: _DocView, sent: Span) -> list[Span]:
    """Two people joined by "i"/"oraz" as the subject of a plural verb right before or after
    them ("W PE przemawiali Donald Tusk oraz przewodniczący KE Jean-Claude Juncker")."""
    doc = view.doc
    people = [
        m
        for m in view.mentions_in(sent.start_char, sent.end_char)
        if m.label_.startswith("persName") or m._.entity_type == "person"
    ]
    found = []
    for first, second in zip(people, people[1:], strict=False):
        joint = first.end
        if joint >= second.start or doc[joint].lower_ not in {"i", "oraz"}:
            continue
        between = doc[joint + 1 : second.start]
        if len(between) > TITLE_GAP or any(t.is_punct for t in between):
            continue
        before = doc[first.start - 1] if first.start > sent.start else None
        after = doc[second.end] if second.end < sent.end else None
        if any(t is not None and _subject_verb(t, False) for t in (before, after)):
            found.append(doc[first.start : second.end])
    return found


def _group_at(view: _DocView, head: Token, sent: Span) -> Span | None:
    """The group whose head noun is ``head``, when it is a subject (see the module docstring)."""
    doc = view.doc
    numeral = _numeral_before(head, sent)
    if numeral is None and not _plural_people(view, head, "nom"):
        return None
    if numeral is not None and not _plural_people(view, head, "gen"):
        return None
    start = numeral if numeral is not None else _adjectives_before(head, sent)
    stop = head.i + 1
    while stop < sent.end and _modifier_after(doc[stop]):
        stop += 1
    if stop >= sent.end or not _subject_verb(doc[stop], numeral is not None):
        return None
    return doc[start:stop]


def _plural_people(view: _DocView, token: Token, case: str) -> bool:
    if not token.is_alpha or token.text.isupper():
        return False
    for reading in readings(token):
        if reading.pos != "subst":
            continue
        values = tag_values(reading.tag)
        if "pl" not in values or case not in values:
            continue
        if "m1" in values or reading.lemma.lower() in view.lex.description_nouns:
            return True
    return False


def _numeral_before(head: Token, sent: Span) -> int | None:
    """The numeral opening the phrase before ``head`` ("Siedem pozarządowych organizacji")."""
    k = head.i - 1
    while k >= sent.start and _adjective(head.doc[k]):
        k -= 1
    if k >= sent.start and any(r.pos == "num" for r in readings(head.doc[k])):
        return k
    return None


def _adjectives_before(head: Token, sent: Span) -> int:
    k = head.i
    while k - 1 >= sent.start and _adjective(head.doc[k - 1]):
        k -= 1
    return k


def _adjective(token: Token) -> bool:
    return token.is_alpha and any(r.pos in {"adj", "ppas", "pact"} for r in readings(token))


def _modifier_after(token: Token) -> bool:
    """An adjective or a genitive word after the head ("duchowi", "ochrony przyrody")."""
    if not token.is_alpha or not token.text.islower():
        return False
    if any(r.pos in AGREEING for r in readings(token)):
        return False
    return _adjective(token) or any(
        r.pos == "subst" and "gen" in tag_values(r.tag) for r in readings(token)
    )


def _subject_verb(token: Token, after_numeral: bool) -> bool:
    """A verb agreeing with a plural subject (or, after a numeral, the neuter singular)."""
    wanted = {"sg", "n"} if after_numeral else {"pl"}
    return any(
        r.pos in AGREEING and wanted <= tag_values(r.tag) and "sec" not in tag_values(r.tag)
        for r in readings(token)
    )


#: How far back (characters) a person of the verb's gender may be named.
PERSON_REACH = 1200


def cue_gender(view: _DocView, anchor: int) -> Gender | None:
    """The gender of a singular past-tense verb at ``anchor`` ("sprecyzowała" f), if it has one."""
    token = view.token_at(anchor)
    if token is None or token.idx != anchor:
        return None
    return subject_gender(token)


def speaker_gender(view: _DocView, speaker: tuple[int, int]) -> Gender | None:
    """The gender of a person mention at ``speaker``; None for anything else (a description)."""
    for mention in view.mentions_in(speaker[0], speaker[1]):
        if mention.start_char == speaker[0] and _is_person(mention):
            return person_gender(_full_name(view, mention))
    return None


def person_of_gender(
    view: _DocView, end: int, gender: Gender, quotes: QuoteIndex
) -> tuple[int, int] | None:
    """The last person of ``gender`` named before ``end`` outside quotations, not too far back."""
    found = None
    for mention in view.mentions_in(max(0, end - PERSON_REACH), end):
        if not _is_person(mention) or quotes.inside(mention.start_char):
            continue
        if person_gender(_full_name(view, mention)) == gender:
            found = (mention.start_char, mention.end_char)
    return found


def _is_person(mention: Span) -> bool:
    return bool(mention.label_.startswith("persName") or mention._.entity_type == "person")


def _full_name(view: _DocView, mention: Span) -> str:
    """The mention's nominative name; a lone surname takes the full name it had before
    ("Llanos" after "Connie Llanos")."""
    name = str(mention._.lemma or mention.text)
    if " " in name:
        return name
    start, full = view.full_names.get(name, (mention.start_char, name))
    return full if start < mention.start_char else name
