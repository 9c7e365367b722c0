"""Reported speech (construction 4): a speech verb with "że", "według X", "zdaniem X", "jak
podkreślił X" and comma attributions."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kronika.extract.quotes.detected import Attribution, Detected, QuoteIndex
from kronika.extract.quotes.lexicon import (
    CLOSING_QUOTES,
    DASHES,
    OPENING_QUOTES,
    PLACE_LABELS,
    Lexicon,
)
from kronika.extract.quotes.speaker_after import _subject_after
from kronika.extract.quotes.speaker_before import _subject_before
from kronika.extract.quotes.tokens import (
    _capitalized,
    _has_case,
    _has_verb_reading,
    _is_impersonal,
    _is_preposition,
    _is_speech_verb,
    _is_verbish,
    _lemmas,
    _trim_clause,
)
from kronika.extract.quotes.view import _DocView
from kronika.lang.components import readings
from kronika.lang.view import trim
from kronika.model import QuoteKind


def _indirect_quotes(view: _DocView, taken: QuoteIndex) -> list[Detected]:
    """Reported speech (construction 4)."""
    lex = view.lex
    quotes: list[Detected] = []
    placed = QuoteIndex()
    for sent in view.sentences:
        toks = view.base.tokens[sent.start : sent.end]
        for k, t in enumerate(toks):
            low = t.text.lower()
            if taken.inside(t.idx):
                continue
            found: Detected | None = None
            if _is_speech_verb(t, lex):
                found = _verb_clause(view, toks, k)
            elif low in lex.according_to or (
                low in lex.opinion_instrumentals
                or (low in lex.opinion_locatives and _after_w(toks, k, lex))
            ):
                found = _opinion_clause(view, toks, k)
            if found is None:
                continue
            if (
                found.end - found.start < 8
                or taken.overlaps(found.start, found.end)
                and not _nested_ok(taken, found)
            ):
                continue
            if placed.overlaps(found.start, found.end):
                continue
            quotes.append(found)
            placed.add(found)
    return quotes


def _nested_ok(taken: QuoteIndex, q: Detected) -> bool:
    """An indirect clause may contain weak (quotation-marked) fragments: they are dropped later."""
    return all(
        not t.strong for t in taken.near(q.start, q.end) if t.start < q.end and q.start < t.end
    )


def _sentence_clause_end(view: _DocView, toks: list[Token], start: int) -> int:
    """End of a reported clause: the sentence end, before a dash that opens a direct quote."""
    text = view.text
    end = toks[-1].idx + len(toks[-1].text)
    m = re.search(r"\s[–—-]\s+(?=[a-ząćęłńóśźż]+\b)", text[start:end])
    if m:
        verb = view.token_at(start + m.end())
        if verb is not None and _is_speech_verb(verb, view.lex):
            end = start + m.start()
    return end


def _verb_clause(view: _DocView, toks: list[Token], k: int) -> Detected | None:
    """Reported speech around the speech verb ``toks[k]``: "X powiedział, że …", "Jak podkreślił
    X, …", "…, stwierdził X."."""
    lex = view.lex
    verb = toks[k]
    # "X powiedział (w rozmowie z Y), że …": the complementizer within a few tokens
    for j in range(k + 1, min(k + 12, len(toks))):
        w = toks[j]
        low = w.text.lower()
        if low in lex.complementizers or (
            low in lex.purpose_complementizers and _lemmas(verb) & lex.directive_verbs
        ):
            return _complement_clause(view, toks, k, j)
        if w.text in {".", "!", "?", ":", ";"} or w.text in DASHES:
            break
    if k > 0 and toks[k - 1].text.lower() == "jak":
        return _jak_clause(view, toks, k)
    if k >= 5 and toks[k - 1].text == "," and not _is_impersonal(verb) and verb.text[:1].islower():
        return _comma_attribution(view, toks, k)
    return None


def _complement_clause(view: _DocView, toks: list[Token], k: int, j: int) -> Detected | None:
    """ "X powiedział, że …": the clause after the complementizer ``toks[j]``."""
    text, verb, w = view.text, toks[k], toks[j]
    if toks[j - 1].text not in {",", *CLOSING_QUOTES} and j > k + 3:
        # far from the verb "że" needs its comma ("mówił że" is a common slip)
        return None
    if any(_is_verbish(toks[x]) for x in range(k + 1, j)):
        return None
    s = w.idx + len(w.text)
    e = _sentence_clause_end(view, toks, s)
    s, e = _trim_clause(text, s, e)
    if e <= s:
        return None
    kind: QuoteKind = "indirect"
    # a clause entirely in quotation marks is direct
    if (
        text[s] in OPENING_QUOTES
        and text[e - 1] in CLOSING_QUOTES
        and not any(ch in CLOSING_QUOTES for ch in text[s + 1 : e - 1])
    ):
        s, e, kind = s + 1, e - 1, "direct"
    if k > 0 and toks[k - 1].text.lower() == "jak":
        att = _subject_after(view, verb.i + 1, toks[j - 1].idx)
        att.cue = verb.text
    else:
        att = _subject_before(view, verb, view.taken)
    if att.survey:
        return None
    if _is_impersonal(verb):
        att = Attribution(cue=verb.text, zero=True)
    return Detected(s, e, kind, att, anchor=verb.idx)


def _jak_clause(view: _DocView, toks: list[Token], k: int) -> Detected | None:
    """ "Jak podkreślił X, …": the subject after the verb, the clause after the comma."""
    lex, text, verb = view.lex, view.text, toks[k]
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if (
        nxt is not None
        and nxt.text[:1].islower()
        and nxt.text.lower() not in lex.skip_words
        and not _lemmas(nxt) & lex.description_nouns
        and not _is_preposition(nxt)
    ):
        # "Jak przyznała organizacja akcji jest wyzwaniem": no subject, the clause follows
        s, e = _trim_clause(text, nxt.idx, _sentence_clause_end(view, toks, nxt.idx))
        att = Attribution(cue=f"{toks[k - 1].text} {verb.text}", zero=True)
        return Detected(s, e, "indirect", att, anchor=verb.idx) if e > s else None
    named = [
        m
        for m in view.mentions_in(verb.idx, toks[-1].idx)
        if m.label_.startswith("persName") and m.start <= verb.i + 6
    ]
    if named and named[0].end < toks[-1].i and view.doc[named[0].end].text not in {",", "."}:
        # "Jak informował wojewoda Artur Chojecki przed końcem roku szczepienia były …"
        after = view.doc[named[0].end]
        att = _subject_after(view, verb.i + 1, after.idx)
        att.cue = f"{toks[k - 1].text} {verb.text}"
        s, e = _trim_clause(text, after.idx, _sentence_clause_end(view, toks, after.idx))
        return Detected(s, e, "indirect", att, anchor=verb.idx) if e > s else None
    for j in range(k + 1, min(k + 14, len(toks))):
        if _is_verbish(toks[j]):
            # "Jak przyznała, organizacja … jest wyzwaniem" without the comma: zero subject
            s, e = _trim_clause(
                text, toks[k + 1].idx, _sentence_clause_end(view, toks, toks[k + 1].idx)
            )
            att = Attribution(cue=f"{toks[k - 1].text} {verb.text}", zero=True)
            return Detected(s, e, "indirect", att, anchor=verb.idx) if e > s else None
        if toks[j].text == ",":
            att = _subject_after(view, verb.i + 1, toks[j].idx)
            att.cue = f"{toks[k - 1].text} {verb.text}"
            if _is_impersonal(verb):
                att.zero = True
            s = toks[j].idx + 1
            e = _sentence_clause_end(view, toks, s)
            s, e = _trim_clause(text, s, e)
            return Detected(s, e, "indirect", att, anchor=verb.idx) if e > s else None
        if toks[j].text in {".", "!", "?", ":", ";"}:
            break
    return None


def _comma_attribution(view: _DocView, toks: list[Token], k: int) -> Detected | None:
    """ "…, stwierdził X.": the clause before the comma, the subject after the verb."""
    lex, text, verb = view.lex, view.text, toks[k]
    tail = toks[k + 1 :]
    if any(
        t.text.lower() in lex.complementizers | lex.purpose_complementizers | {":"} for t in tail
    ):
        return None
    if any(_is_verbish(t) for t in tail):
        return None
    if not any(_has_verb_reading(x) for x in toks[: k - 1]):
        # "Radykalny duchowny X, wezwał …": the comma only closes the subject
        return None
    s = toks[0].idx
    e = toks[k - 1].idx
    # only the clause before the comma: from the sentence start or an opening dash
    s, e = _trim_clause(text, s, e)
    if e - s < 15 or any(x.text.lower() in lex.comma_attribution_stops for x in toks[k - 3 : k]):
        return None
    att = _subject_after(view, verb.i + 1, toks[-1].idx + len(toks[-1].text))
    att.cue = verb.text
    kind: QuoteKind = "indirect"
    if text[s] in OPENING_QUOTES and text[e - 1] in CLOSING_QUOTES:
        s, e, kind = s + 1, e - 1, "direct"
    return Detected(s, e, kind, att, anchor=verb.idx)


def _after_w(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """ "w opinii", "w ocenie" or "w jej/jego/ich ocenie"."""
    if k > 0 and toks[k - 1].text.lower() in lex.locative_prepositions:
        return True
    return (
        k > 1
        and toks[k - 1].text.lower() in lex.pronouns
        and toks[k - 2].text.lower() in lex.locative_prepositions
    )


def _opinion_clause(view: _DocView, toks: list[Token], k: int) -> Detected | None:
    """ "Zdaniem X, …", "Jego zdaniem …", "Według X …", "W opinii X …"."""
    lex, text = view.lex, view.text
    word = toks[k]
    low = word.text.lower()
    att = Attribution(cue=word.text)
    j = k + 1
    if low in lex.opinion_locatives and toks[k - 1].text.lower() in lex.pronouns:
        # "W jej ocenie …": the pronoun's referent is the previous speaker
        att.cue = f"{toks[k - 2].text} {toks[k - 1].text} {word.text}"
        att.zero = True
        clause_from = j
    elif (
        low in lex.opinion_instrumentals
        and k > 0
        and toks[k - 1].text.lower() in lex.pronouns | lex.own_possessives
    ):
        att.cue = f"{toks[k - 1].text} {word.text}"
        att.zero = toks[k - 1].text.lower() in lex.pronouns
        if not att.zero:
            return None
        clause_from = j
    else:
        found = _named_source(view, toks, k, att)
        if found is None:
            return None
        clause_from = found
    if clause_from >= len(toks):
        return None
    s = toks[clause_from].idx
    e = _sentence_clause_end(view, toks, s)
    # a clause before "zdaniem X" ("…, zdaniem X.") is not handled: the source then ends the
    # sentence
    s, e = _trim_clause(text, s, e)
    if e - s < 8:
        return None
    return Detected(s, e, "indirect", att, anchor=word.idx)


def _past_according_noun(toks: list[Token], j: int, att: Attribution) -> int:
    """Past "informacji" of "według informacji X" (kept in the cue), and past "przekazanych
    przez" after it, where the source follows "przez"; the index the source starts at."""
    att.cue = f"{toks[j - 1].text} {toks[j].text}"
    j += 1
    if (
        j + 1 < len(toks)
        and toks[j + 1].text.lower() == "przez"
        and any(r.pos == "ppas" for r in readings(toks[j]))
    ):
        att.cue = f"{att.cue} {toks[j].text} przez"
        j += 2
    return j


#: How many words of titles may stand before the person a source names.
SOURCE_TITLE_WORDS = 14


def _person_after_titles(view: _DocView, toks: list[Token], j: int) -> int | None:
    """The index (in ``toks``) after a person named from ``toks[j]`` on behind lowercase title
    words, with no verb or punctuation before it; None when none is."""
    if j >= len(toks) or not toks[j].text.islower():
        return None  # a name right away is read as before
    stop = min(j + SOURCE_TITLE_WORDS, len(toks))
    window = view.mentions_in(toks[j].idx, toks[stop - 1].idx + len(toks[stop - 1].text))
    starts = {m.start: len(m) for m in window if m.label_.startswith("persName")}
    others = {m.start for m in window if not m.label_.startswith("persName")}
    named = False
    for x in range(j, stop):
        token = toks[x]
        if token.is_punct or _is_verbish(token):
            return None
        if named and token.tag_.startswith("prep"):
            # "według kancelarii prezydenta RP rozmowy z Zełenskim": the titles were RP's, a
            # preposition past it opens the reported clause's own phrase
            return None
        if token.i in others:
            named = True
        if token.i in starts:
            end = x + starts[token.i]
            return end if end <= len(toks) else None
    return None


def _named_source(view: _DocView, toks: list[Token], k: int, att: Attribution) -> int | None:
    """ "Zdaniem X, …", "Według X …": set the source as the speaker; the index where the
    reported clause starts, or None when the phrase names a plan or data rather than a source."""
    lex, text = view.lex, view.text
    word = toks[k]
    low = word.text.lower()
    j = k + 1
    if low in lex.opinion_locatives:
        att.cue = f"{toks[k - 1].text} {word.text}"
    if low in lex.according_to and j < len(toks) and _lemmas(toks[j]) & lex.according_excluded:
        return None
    if low in lex.according_to and j < len(toks) and _lemmas(toks[j]) & lex.according_nouns:
        j = _past_according_noun(toks, j, att)
    # the source: up to a comma, else a genitive phrase or a quoted/capitalized name; a person
    # named after titles first ("przez szefa kancelarii premiera i … Michała Dworczyka")
    person_end = _person_after_titles(view, toks, j)
    comma = next((x for x in range(j, min(j + 10, len(toks))) if toks[x].text == ","), None)
    if person_end is not None and (comma is None or person_end <= comma):
        src_end = person_end
        clause_from = person_end + (person_end < len(toks) and toks[person_end].text == ",")
    elif comma is not None and not any(_is_verbish(toks[x]) for x in range(j, comma)):
        src_end = comma
        clause_from = comma + 1
    else:
        x = j
        while (
            x < len(toks)
            and (
                toks[x].text in OPENING_QUOTES | CLOSING_QUOTES
                or (x == j and (_has_case(toks[x], "gen") or _capitalized(toks[x])))
                or (
                    x > j
                    and (
                        _capitalized(toks[x])
                        or (
                            _has_case(toks[x], "gen")
                            and (
                                not _has_case(toks[x], "nom")
                                # "premiera Michała Dworczyka": a genitive title before a name
                                or (x + 1 < len(toks) and _capitalized(toks[x + 1]))
                            )
                        )
                    )
                )
            )
            and x < j + 6
        ):
            x += 1
        src_end = x
        clause_from = x
    if src_end <= j:
        return None
    src_s = toks[j].idx
    src_e = toks[src_end - 1].idx + len(toks[src_end - 1].text)
    if any(_lemmas(t) & lex.according_excluded for t in toks[j:src_end]):
        return None
    # "według rosyjskiej agencji TASS": the adjective from a country name is not the source
    ments = [m for m in view.mentions_in(src_s, src_e) if not m._.derived]
    if ments and ments[0].start_char > src_s and ments[0].label_.startswith(PLACE_LABELS):
        # "według kancelarii prezydenta RP": the place only says whose office speaks
        ments = []
    if ments:
        att.speaker = (ments[0].start_char, ments[0].end_char)
    else:
        s, e = trim(text, src_s, src_e, ' ,\t\n„”"«»')
        att.speaker = (s, e)
    if toks[j].text.lower() in lex.pronouns:
        att.zero, att.speaker = True, None
    return clause_from
