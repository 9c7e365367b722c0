"""A share's clause, what it is about, and whether the share is a poll result."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from kronika.extract.facts.lexicon import (
    CLOSING_QUOTES,
    DASHES,
    OPENING_QUOTES,
    SEPARATOR_PUNCT,
)
from kronika.extract.facts.shares import _Share
from kronika.extract.facts.view import _capitalized, _is_verb, _lemmas, _View
from kronika.lang.components import has_tag


def _separator_before(view: _View, lo: int, hi: int) -> tuple[int, int]:
    """Where the clause of a share starting at token ``hi`` begins, searching tokens [lo, hi):
    (index of the separator token, index of the first content token), or (lo, lo) when there is
    none. Punctuation wins over conjunctions, so "X i Y popiera 43 proc." keeps "X i Y" together;
    a dash is not a separator here ("a przeciwnego – 42 proc.")."""
    doc = view.doc
    lex = view.lex
    for k in range(hi - 1, lo - 1, -1):
        if doc[k].text in SEPARATOR_PUNCT:
            content = k + 1
            while content < hi and (
                doc[content].text.lower() in lex.statement_separators
                or doc[content].text.lower() in lex.complementizers
            ):
                content += 1
            return k, content
    for k in range(hi - 1, lo - 1, -1):
        if doc[k].text.lower() in lex.statement_separators:
            return k, k + 1
    return lo, lo


def _clauses(view: _View, sent: Span, shares: list[_Share]) -> None:
    """Set each share's clause: from the separator after the previous share to the separator
    before the next one; a dash, a relative "…, co …" or a closing bracket ends it early."""
    doc = view.doc
    for k, share in enumerate(shares):
        lo = max(shares[k - 1].pop_end, shares[k - 1].end) if k > 0 else sent.start
        if share.bracketed:
            # "kierunek holenderski (15%)": the clause is what stands before the bracket
            _sep, content = _separator_before(view, lo, share.start - 1)
        else:
            _sep, content = _separator_before(view, lo, share.start)
        right_start = max(share.pop_end, share.end)
        if k + 1 < len(shares):
            sep_next, content_next = _separator_before(view, right_start, shares[k + 1].start)
            # no separator between two shares: this one's clause runs up to the next number
            end = sep_next if content_next > sep_next else shares[k + 1].start
            if shares[k + 1].bracketed and content_next == sep_next:
                end = shares[k + 1].start
        else:
            end = sent.end
        for d in range(right_start, end):
            text = doc[d].text
            # a dash right after the number stands for an omitted verb ("a 47 proc. – za"); later
            # it starts an attribution or an aside ("… popiera reformę – mówi X")
            if text in DASHES and d > right_start:
                end = d
                break
            if text == ")" and share.bracketed:
                end = d
                break
            if text == "," and d + 1 < end and doc[d + 1].text.lower() == "co":
                end = d
                break
        share.clause_start, share.clause_end = content, max(end, right_start)


def _about(view: _View, sent: Span, share: _Share) -> str:
    """What a share is about: its clause without the share and its population."""
    doc, text, lex = view.doc, view.text, view.lex
    parts: list[str] = []
    left_end = share.start - 1 if share.bracketed else share.start
    left = share.clause_start
    # "Według sondażu CBOS za zmianą jest 47 proc. …": the source phrase is not what the share
    # is about; the clause starts after it
    for k in range(share.clause_start, left_end):
        if _lemmas(doc[k]) & lex.poll_nouns:
            left = k + 1
            while left < left_end and (
                _capitalized(doc[left])
                or view.mention_at[left] is not None
                or doc[left].text in OPENING_QUOTES | CLOSING_QUOTES
                or doc[left].text.lower() in lex.client_words
            ):
                left += 1
    if left < left_end:
        named = _pollster_name(view, doc[left:left_end])
        while named is not None and left < left_end and doc[left].idx < named[1]:
            left += 1
    if left < left_end:
        left_span = doc[left:left_end]
        parts.append(text[left_span.start_char : left_span.end_char])
    right_start = max(share.pop_end, share.end)
    if right_start < share.clause_end:
        s, e = (
            doc[right_start].idx,
            doc[share.clause_end - 1].idx + len(doc[share.clause_end - 1].text),
        )
        parts.append(text[s:e])
    about = " ".join(p.strip(" ,;:–—-.") for p in parts if p.strip(" ,;:–—-."))
    # an unclosed bracket left behind by the cut
    if about.count("(") > about.count(")"):
        about = about[: about.rfind("(")].rstrip(" ,;:–—-")
    about = about.strip()
    first = doc[left]
    if (
        about
        and parts
        and left < left_end
        and first.i == sent.start
        and view.mention_at[first.i] is None
    ):
        # sentence case is typography, not part of the statement
        about = about[0].lower() + about[1:]
    return about


def _pollster_name(view: _View, span: Span) -> tuple[int, int] | None:
    """A well-known pollster named in the span ("według CBOS"), as character offsets."""
    m = _pollster_pattern(view.lex.pollster_names).search(view.text, span.start_char, span.end_char)
    return (m.start(), m.end()) if m else None


@lru_cache(maxsize=4)
def _pollster_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _keep(
    view: _View, share: _Share, lemmas: set[str], poll_here: bool, context: bool, people_near: bool
) -> bool:
    """Whether a share is a poll result (see the module docstring)."""
    lex, doc = view.lex, view.doc
    clause: set[str] = set()
    for t in doc[share.clause_start : share.clause_end]:
        clause |= _lemmas(t)
    if share.survey_population:
        return True
    # a vote in the clause ("52 proc. z nich zagłosowało"), or in a sentence naming no poll
    if clause & lex.vote_words or (lemmas & lex.vote_words and not poll_here):
        return False
    if share.voters and not poll_here:
        return False
    if share.people:
        if share.unit == "majority" or share.value is None:
            # "większość Polaków uważa": only in a sentence that names its poll
            return poll_here
        return context or bool(clause & lex.opinion_verbs)
    if not (context and people_near) or share.value is None:
        return False
    # a bare number among poll results ("… 46 proc. ankietowanych, a przeciwnego – 42 proc.") but
    # not a share of something ("75 proc. obrotu"): no genitive noun phrase after it
    after = share.end
    if after >= share.clause_end or after >= len(doc):
        return True
    nxt = doc[after]
    return not (has_tag(nxt, {"subst", "adj", "ger", "depr", "ign"}, "gen") and not _is_verb(nxt))
