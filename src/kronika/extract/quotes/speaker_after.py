"""The attribution clause after a cue: speaker, description and addressee ("– mówi „Gazecie” X,
politolog")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kronika.extract.quotes.detected import Attribution
from kronika.extract.quotes.lexicon import CLOSING_QUOTES, OPENING_QUOTES, Lexicon, lexicon
from kronika.extract.quotes.speaker_before import _name_like
from kronika.extract.quotes.tokens import (
    _capitalized,
    _is_adjective,
    _is_noun_like,
    _lemmas,
    _maybe_nominative,
    _noun_cases,
    _strip_marks,
    _trim_clause,
)
from kronika.extract.quotes.view import _DocView
from kronika.lang.components import readings
from kronika.lang.view import trim


def _span(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    """Characters from ``tokens[first]`` to the end of ``tokens[last]``."""
    return tokens[first].idx, tokens[last].idx + len(tokens[last].text)


def _skip_preamble(
    view: _DocView, tokens: list[Token]
) -> tuple[int, tuple[int, int] | None, list[tuple[int, int]]]:
    """Leading adverbs, time and place phrases and an addressee, which are not the subject:
    (index of the first token after them, the addressee's characters, the blocked spans)."""
    lex, stops = view.lex, view.person_starts
    i = 0
    addressee: tuple[int, int] | None = None
    blocked: list[tuple[int, int]] = []
    while i < len(tokens):
        t = tokens[i]
        low = t.text.lower()
        if low in lex.skip_words or t.is_punct and t.text not in OPENING_QUOTES:
            i += 1
            continue
        # "w rozmowie z agencją RBK", "w wywiadzie dla „Rzeczpospolitej”"
        if low in lex.locative_prepositions and i + 2 < len(tokens):
            head = _lemmas(tokens[i + 1])
            prep = tokens[i + 2].text.lower()
            if any((h, prep) in lex.addressee_frames for h in head):
                j = i + 3
                _, a_end = _noun_phrase(tokens, j, lex, stops)
                if a_end > j:
                    addressee = _span(tokens, j, a_end - 1)
                    blocked.append(addressee)
                i = a_end
                continue
            # other prepositional phrases: "w czwartek", "w oświadczeniu", "w Radiu ZET"
            _, e = _noun_phrase(tokens, i + 1, lex, stops)
            blocked.append(_span(tokens, i + 1, max(e, i + 2) - 1))
            i = max(e, i + 2)
            continue
        if low in lex.phrase_prepositions and i + 1 < len(tokens):
            j = i + 1
            _, e = _noun_phrase(tokens, j, lex, stops)
            blocked.append(_span(tokens, j, max(e, j + 1) - 1))
            i = max(e, j + 1)
            continue
        # a dative addressee right after the verb: "mówi „Gazecie”", "powiedział dziennikarzom"
        if addressee is None and _is_dative_addressee(tokens, i, lex):
            s, e = _noun_phrase(tokens, i, lex, stops)
            addressee = _span(tokens, s, e - 1)
            blocked.append(addressee)
            i = e
            continue
        break
    return i, addressee, blocked


def _speaker_in_addressee(
    tokens: list[Token], rest: list[Token], addressee: tuple[int, int]
) -> tuple[list[Token], tuple[int, int]]:
    """ "w rozmowie z agencją RBK Cichanouska": the subject follows the addressee, so the last
    capitalized word of an addressee that ends the clause is the speaker."""
    if [t for t in rest if not t.is_punct]:
        return rest, addressee
    a_tokens = [t for t in tokens if addressee[0] <= t.idx < addressee[1]]
    capitals = [t for t in a_tokens if _capitalized(t)]
    if len(capitals) >= 2 and a_tokens[-1] is capitals[-1] and not capitals[-1].is_upper:
        return [capitals[-1]], (addressee[0], a_tokens[-2].idx + len(a_tokens[-2].text))
    return rest, addressee


def _subject_stop(view: _DocView, rest: list[Token], end_char: int) -> int:
    """Where the subject ends: at a relative clause or a second clause."""
    for t in rest:
        if t.text.lower() in view.lex.subject_stops or t.text in {"–", "—"}:
            return t.idx
    return end_char


def _subject_after(view: _DocView, first: int, end_char: int) -> Attribution:
    """Speaker, description and addressee in a clause after the cue ("mówi „Gazecie” X,
    politolog")."""
    text = view.text
    att = Attribution()
    tokens = view.tokens_until(first, end_char)
    i, addressee, blocked = _skip_preamble(view, tokens)
    rest = tokens[i:]
    if addressee is not None:
        rest, addressee = _speaker_in_addressee(tokens, rest, addressee)
        att.addressee = _strip_marks(text[addressee[0] : addressee[1]])
    if not rest:
        att.zero = True
        return att
    _name_subject(view, att, rest, _subject_stop(view, rest, end_char), blocked)
    return att


def _name_subject(
    view: _DocView, att: Attribution, rest: list[Token], stop: int, blocked: list[tuple[int, int]]
) -> None:
    """The speaker (and description) among ``rest``, the clause after the preamble."""
    lex, text = view.lex, view.text
    rest_start = rest[0].idx
    candidates = [
        m
        for m in view.mentions_in(rest_start, stop)
        if m.label_.startswith(("persName", "orgName"))
        or m._.entity_type in {"person", "organization"}
        if not any(b[0] <= m.start_char < b[1] for b in blocked)
    ]
    persons = _name_like(
        [m for m in candidates if m._.entity_type == "person" or m.label_.startswith("persName")]
    )
    # the subject is nominative: not "Trumpa" in "była menadżer kampanii Trumpa, Kellyanne Conway"
    persons = [m for m in persons if _maybe_nominative(m[-1])] or persons
    first_rest = rest[0]
    apposition = _capitalized_run(view, rest_start, stop) if not persons else None
    if apposition is not None and not re.search(r",\s*$", text[rest_start : apposition[0]]):
        apposition = None
    if apposition is not None:
        # "– stwierdziła partnerka kancelarii w Niemczech, Anahita Thoms."
        d_s, d_e = trim(text, rest_start, apposition[0])
        att.speaker, att.description = apposition, text[d_s:d_e] or None
        return
    if (
        not persons
        and first_rest.text[:1].islower()
        and _lemmas(first_rest) & lex.description_nouns
    ):
        # "– mówił szef ARM": the description with its organization is the speaker
        att.speaker = _trim_clause(
            text, *trim(text, rest_start, _clause_end(text, rest_start, stop))
        )
        return
    chosen: tuple[int, int] | None
    if persons:
        chosen = (persons[0].start_char, persons[0].end_char)
    elif candidates:
        chosen = (candidates[0].start_char, candidates[0].end_char)
    else:
        chosen = _capitalized_run(view, rest_start, stop)
    if chosen is None:
        _unnamed_speaker(view, att, first_rest, stop)
        return
    att.speaker = chosen
    _describe(view, att, rest_start, chosen, stop)


def _unnamed_speaker(view: _DocView, att: Attribution, first_rest: Token, stop: int) -> None:
    """An unnamed speaker: "– dodał przewodniczący RE", "– mówił polityk"; else a zero subject."""
    text, rest_start = view.text, first_rest.idx
    if _is_noun_like(first_rest) or _capitalized(first_rest) or first_rest.text in OPENING_QUOTES:
        s, e = trim(text, rest_start, _clause_end(text, rest_start, stop))
        s, e = _trim_clause(text, s, e)
        if e > s:
            att.speaker = (s, e)
    if att.speaker is None:
        att.zero = True


def _describe(
    view: _DocView, att: Attribution, rest_start: int, chosen: tuple[int, int], stop: int
) -> None:
    """The description before the name ("znany białoruski politolog X") or after it ("X,
    politolog")."""
    text = view.text
    before_s, before_e = trim(text, rest_start, chosen[0])
    if before_e > before_s and not _is_preposition_phrase(text[before_s:before_e]):
        att.description = text[before_s:before_e]
    after = text[chosen[1] : stop]
    m = re.match(r"\s*,\s*([^,.;:!?\n]+)", after)
    if m and m.group(1)[:1].islower():
        att.description = m.group(1).strip()


def _is_preposition_phrase(text: str) -> bool:
    return text.split()[0].lower() in lexicon().object_prepositions


def _clause_end(text: str, start: int, stop: int) -> int:
    m = re.search(r"[,;:(]", text[start:stop])
    return start + m.start() if m else stop


def _is_dative_addressee(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    t = tokens[i]
    j = i
    if t.text in OPENING_QUOTES and i + 1 < len(tokens):
        j = i + 1
    target = tokens[j]
    cases = [_noun_cases(r.tag) for r in readings(target) if r.pos in {"subst", "depr"}]
    # dative but never nominative: "Gazecie", "dziennikarzom", not a name that may be the subject
    if not any("dat" in c for c in cases) or any("nom" in c for c in cases):
        return False
    return j > i or bool(_lemmas(target) & lex.addressee_nouns)


def _noun_phrase(
    tokens: list[Token], j: int, lex: Lexicon, stops: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """A short noun phrase from ``j``: a quoted name, or a common noun plus capitalized words.
    ``stops`` are token indices where a person's name begins ("agencją Reuters | Anna Nowak")."""
    if j >= len(tokens):
        return j, j
    if tokens[j].text in OPENING_QUOTES:
        k = j + 1
        while k < len(tokens) and tokens[k].text not in CLOSING_QUOTES:
            k += 1
        return j, min(k + 1, len(tokens))
    # leading adjectives agree with the noun: "rosyjską agencją RBK"
    while j + 1 < len(tokens) and tokens[j].text[:1].islower() and _is_adjective(tokens[j]):
        j += 1
    k = j + 1
    while (
        k < len(tokens)
        and tokens[k].i not in stops
        and (
            _capitalized(tokens[k])
            or tokens[k].text in OPENING_QUOTES
            or (tokens[k].text in CLOSING_QUOTES and k > j)
        )
    ):
        if tokens[k].text in OPENING_QUOTES:
            k2 = k + 1
            while k2 < len(tokens) and tokens[k2].text not in CLOSING_QUOTES:
                k2 += 1
            k = k2 + 1
            continue
        k += 1
    return j, min(k, len(tokens))


def _capitalized_run(view: _DocView, start: int, stop: int) -> tuple[int, int] | None:
    """The first run of capitalized words (an unknown surname the mention rules missed)."""
    run: list[Token] = []
    tok = view.token_at(start)
    while tok is not None and tok.idx < stop:
        if _capitalized(tok) and not tok.is_punct:
            run.append(tok)
        elif run:
            break
        elif tok.text.lower() in view.lex.object_prepositions:
            # skip a prepositional phrase's capitalized object
            nxt = tok.i + 1
            while nxt < len(view.doc) and (
                _capitalized(view.doc[nxt])
                or view.doc[nxt].is_punct
                and view.doc[nxt].text in OPENING_QUOTES | CLOSING_QUOTES
            ):
                nxt += 1
            tok = view.doc[nxt] if nxt < len(view.doc) else None
            continue
        tok = view.doc[tok.i + 1] if tok.i + 1 < len(view.doc) else None
    if not run:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)
