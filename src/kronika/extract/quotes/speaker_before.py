"""The subject before a cue: "X stwierdził, że…", "Rzeczniczka premier stwierdziła…"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from kronika.extract.quotes.detected import Attribution, QuoteIndex
from kronika.extract.quotes.lexicon import CLOSING_QUOTES, OPENING_QUOTES
from kronika.extract.quotes.tokens import (
    _capitalized,
    _is_preposition,
    _is_verbish,
    _lemmas,
    _maybe_nominative,
)
from kronika.extract.quotes.view import _DocView
from kronika.lang.components import readings, tag_values
from kronika.lang.view import trim


def _subject_before(view: _DocView, verb: Token, quotes: QuoteIndex | None = None) -> Attribution:
    """Speaker of "X stwierdził, że…": the nearest naming mention before the verb in its
    sentence."""
    lex = view.lex
    att = Attribution(cue=verb.text)
    if all(r.pos == "pcon" for r in readings(verb)):
        # "…, dodając, że": the subject is the main clause's, usually the previous speaker
        att.zero = True
        return att
    sent = view.sent_of[verb.i]
    region_start = sent.start_char
    # words inside an earlier quotation of the sentence are not the subject ("– To… – ocenił, że")
    # (the latest such end: a quotation ending between the sentence start and the verb)
    if quotes is not None:
        ends = [
            q.end for q in quotes.near(region_start, verb.idx) if region_start <= q.end <= verb.idx
        ]
        region_start = max([region_start, *ends])
    tokens = [t for t in sent if t.i < verb.i and t.idx >= region_start]
    words = [t for t in tokens if not t.is_punct]
    if not words or all(t.text.lower() in lex.skip_words for t in words):
        att.zero = True
        return att
    low_words = {t.text.lower() for t in words}
    # "52 proc. badanych przyznało": a share of respondents, not a speaker; a bare year
    # ("„Zapad 2021” Łukaszenko zapowiedział") is not a share
    if low_words & lex.survey_words or any(
        t.like_num and t.i + 1 < len(view.doc) and view.doc[t.i + 1].text.lower() in lex.share_words
        for t in words[-4:]
    ):
        att.survey = True
    antecedent = _relative_antecedent(view, verb, sent.start)
    if antecedent is not None:
        # "… organizacji naukowych, które przekonują, że": the relative's antecedent speaks
        att.speaker = antecedent
        return att
    mentions = [m for m in view.mentions_in(region_start, verb.idx) if _speaking_type(m)]
    # The subject is nominative: "Adamowi Dąbrowskiemu" or "Trumpa" before the verb are not it,
    # nor a name in a prepositional phrase ("w wywiadzie dla telewizji CBS sugerował")
    mentions = [
        m for m in mentions if _maybe_nominative(m[-1]) and not _after_preposition(view, m.start)
    ]
    persons = _name_like(
        [m for m in mentions if m._.entity_type == "person" or m.label_.startswith("persName")]
    )
    name_head = _name_head(view, tokens, verb.i)
    if persons or mentions or name_head is not None:
        _named_subject(view, att, tokens, persons, mentions, name_head)
        return att
    last = words[-1]
    if last.text.lower() in lex.pronouns or (
        len(words) >= 1 and words[-1].text.lower() in lex.subject_pronouns
    ):
        att.zero = True
        return att
    _unnamed_subject(view, att, tokens, verb)
    return att


#: The most words of an unnamed antecedent before ", który" ("części organizacji naukowych i
#: ekologicznych").
ANTECEDENT_WORDS = 6
RELATIVE = "który"


def _relative_antecedent(view: _DocView, verb: Token, sent_start: int) -> tuple[int, int] | None:
    """What ", który/która/które/którzy" right before the verb refers to: the name that ends at
    the comma, else the noun phrase before it from its first noun agreeing with the relative
    pronoun in number and gender (character offsets)."""
    doc = view.doc
    k = verb.i - 1
    if k > sent_start and doc[k].lower_ == "się":
        k -= 1
    if k - 1 <= sent_start or doc[k - 1].text != ",":
        return None
    relative = [r for r in readings(doc[k]) if r.lemma == RELATIVE and "nom" in tag_values(r.tag)]
    if not relative:
        return None
    comma = k - 1
    for mention in view.mentions_in(doc[sent_start].idx, doc[comma].idx):
        if mention.end == comma and not mention._.derived and _speaking_type(mention):
            return mention.start_char, mention.end_char
    words: list[Token] = []
    j = comma - 1
    while j >= sent_start and len(words) < ANTECEDENT_WORDS:
        token = doc[j]
        if not (token.is_alpha and token.text.islower()) or _is_verbish(token):
            break
        if token.pos_ in VERB_CLASSES:
            break  # "To byli rolnicy, którzy …": the verb the antecedent follows
        if _only_preposition(token):
            break
        words.insert(0, token)
        j -= 1
    wanted = [tag_values(r.tag) for r in relative]
    head = next((t for t in words if _agrees_with(t, wanted)), None)
    if head is None:
        return None
    last = doc[comma - 1]
    return head.idx, last.idx + len(last.text)


def _speaking_type(mention: Span) -> bool:
    return bool(
        mention._.entity_type in {"person", "organization", "country"}
        or mention.label_.startswith(("persName", "orgName"))
    )


GENDERS = frozenset({"m1", "m2", "m3", "f", "n"})


def _agrees_with(noun: Token, pronoun: list[frozenset[str]]) -> bool:
    """A reading of the noun's chosen lemma agreeing in number and gender with one of the
    pronoun's readings (SGJP's other lemmas, "sprzeciwa" of "sprzeciw", would agree with all)."""
    for reading in readings(noun):
        if reading.pos != "subst" or reading.lemma != noun.lemma_:
            continue
        values = tag_values(reading.tag)
        for wanted in pronoun:
            numbers, genders = wanted & {"sg", "pl"}, wanted & GENDERS
            if values & numbers and values & genders:
                return True
    return False


#: SGJP's classes of verb forms that end a phrase looked back over.
VERB_CLASSES = frozenset({"fin", "praet", "bedzie", "inf", "imps", "winien", "pred"})


def _only_preposition(token: Token) -> bool:
    """A lowercase word SGJP reads as a preposition only ("dla", not "na" … "nie")."""
    return _is_preposition(token) and all(r.pos == "prep" for r in readings(token))


#: Lowercase words a preposition may stand before a name by ("dla telewizji CBS").
PREPOSITION_REACH = 2


def _after_preposition(view: _DocView, start: int) -> bool:
    """A name at token ``start`` governed by a preposition, directly or through a lowercase kind
    noun and its adjectives ("dla CBS", "dla telewizji CBS", "z rosyjską agencją RIA")."""
    doc = view.doc
    k = start - 1
    for _ in range(PREPOSITION_REACH + 1):
        if k < 0:
            return False
        token = doc[k]
        if _only_preposition(token):
            return True
        if not (token.is_alpha and token.text.islower()):
            return False
        if any(r.pos in VERB_CLASSES for r in readings(token)):
            return False
        k -= 1
    return False


def _named_subject(
    view: _DocView,
    att: Attribution,
    tokens: list[Token],
    persons: list[Span],
    mentions: list[Span],
    name_head: tuple[int, int] | None,
) -> None:
    """The speaker among the mentions and the capitalized name before the verb, with the
    description noun before it ("znany politolog X")."""
    lex, text = view.lex, view.text
    if persons:
        # the first person: "Donald Tusk, przewodniczący Rady Europy, powiedział"
        start, end = persons[0].start_char, persons[0].end_char
        first_i = persons[0].start
    elif mentions:
        start, end = mentions[-1].start_char, mentions[-1].end_char
        first_i = mentions[-1].start
    else:
        assert name_head is not None
        start, end = name_head
        first_i = view.char_token[start]
    # an unknown capitalized name nearer to the verb wins over an earlier mention
    if name_head is not None and name_head[0] > end:
        start, end = name_head
        first_i = view.char_token[start]
    head = _subject_head(view, tokens, first_i)
    if head is not None and head.idx < start and _lemmas(head) & lex.description_nouns:
        if not _maybe_nominative(view.doc[first_i]):
            # "Rzeczniczka premier Theresy May": the description is the speaker
            s, e = trim(text, head.idx, end)
            att.speaker = (s, e)
            return
        d_s, d_e = trim(text, head.idx, start)
        if d_e > d_s:
            att.description = text[d_s:d_e]
    att.speaker = (start, end)


def _unnamed_subject(view: _DocView, att: Attribution, tokens: list[Token], verb: Token) -> None:
    """No mention: a description noun or an unknown capitalized name before the verb."""
    lex, text = view.lex, view.text
    head = _subject_head(view, tokens, verb.i)
    if head is None:
        att.zero = True
        return
    end_tok = head
    k = head.i + 1
    while (
        k < verb.i
        and (not view.doc[k].is_punct or view.doc[k].text in OPENING_QUOTES | CLOSING_QUOTES)
        and view.doc[k].text.lower() not in lex.skip_words
    ):
        end_tok = view.doc[k]
        k += 1
    att.speaker = trim(text, head.idx, end_tok.idx + len(end_tok.text))


def _name_like(persons: list[Span]) -> list[Span]:
    """Person mentions that look like names: the rule-based detector also tags common nouns
    ("Rady" in "Prezesa Rady Ministrów"); keep those only when nothing better is there."""

    def proper(token: Token) -> bool:
        # every reading is a name or unknown: "Trump", "Channan", not "Rady" (rada, Rado)
        return all(r.pos == "ign" or set(r.names) & {"imię", "nazwisko"} for r in readings(token))

    tiers: tuple[Callable[[Span], bool], ...] = (lambda m: len(m) > 1, lambda m: proper(m[0]))
    for tier in tiers:
        named = [m for m in persons if tier(m)]
        if named:
            return named
    return persons


def _name_head(view: _DocView, tokens: list[Token], before: int) -> tuple[int, int] | None:
    """The capitalized, possibly nominative name run nearest before ``before`` (not sentence-initial
    unless SGJP calls it a name or does not know it): surnames the mention rules missed."""
    run: list[Token] = []
    for t in reversed([t for t in tokens if t.i < before]):
        if _capitalized(t) and not t.is_punct and t.text.lower() not in view.lex.skip_words:
            run.insert(0, t)
            continue
        if run:
            break
        if t.text in {",", "–", "—"} or _is_verbish(t):
            # the nearest subject sits right before the verb ("…, White przyznał")
            break
    if not run:
        return None
    first = run[0]
    lemmas = _lemmas(first)
    if lemmas & view.lex.description_nouns and len(run) == 1:
        return None
    is_name = any(r.names or r.pos == "ign" for t in run for r in readings(t))
    if first.is_sent_start and not is_name:
        return None
    if not _maybe_nominative(run[-1]):
        return None
    if (first.i > 0 and _is_preposition(view.doc[first.i - 1])) or _after_preposition(
        view, first.i
    ):
        # "w Brukseli", "z Londynu", "dla telewizji CBS": the object of a preposition is not
        # the subject
        return None
    return first.idx, run[-1].idx + len(run[-1].text)


def _subject_head(view: _DocView, tokens: list[Token], before: int) -> Token | None:
    """The first description noun or capitalized name-like word among ``tokens`` before
    ``before``."""
    lex = view.lex
    for idx, t in enumerate(tokens):
        if t.i >= before:
            break
        if t.is_punct:
            continue
        prev = tokens[idx - 1].text.lower() if idx > 0 else ""
        if prev in lex.head_prepositions or (_capitalized(t) and _after_preposition(view, t.i)):
            continue
        if _lemmas(t) & lex.description_nouns:
            return t
        if (
            _capitalized(t)
            and t.text.lower() not in lex.skip_words | lex.pronouns
            and (idx > 0 or any(r.names or r.pos == "ign" for r in readings(t)))
        ):
            return t
    return None
