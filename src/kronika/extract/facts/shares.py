"""Poll shares in a sentence: "47 proc. ankietowanych", "co trzeci Polak", "większość (56
proc.) respondentów", with their populations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from kronika.extract.facts.lexicon import NUMBER
from kronika.extract.facts.view import _lemmas, _View
from kronika.lang.components import has_tag


@dataclass
class _Share:
    """One share in a sentence: tokens [start, end) hold qualifier, number and percent word;
    [pop_start, pop_end) the population (empty when none follows)."""

    start: int
    end: int
    value: float | int | None
    unit: str
    qualifier: str | None
    pop_start: int
    pop_end: int
    survey_population: bool = False
    people: bool = False
    #: "wyborców", "głosujących": a share of voters is a vote result unless a poll is named
    voters: bool = False
    #: the clause of the share, tokens [clause_start, clause_end), set by ``_clauses``
    clause_start: int = 0
    clause_end: int = 0
    bracketed: bool = False


def _number(text: str) -> float | int:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() and "," not in text and "." not in text else value


def _population(
    view: _View, i: int, stop: int, plural: bool = True
) -> tuple[int, bool, bool, bool]:
    """The population phrase starting at token ``i``: adjectives/participles and nouns in the
    genitive plural ("ankietowanych Polaków"), or for "co trzeci" the nominative singular, with a
    name in the genitive after it ("mieszkańców Irlandii Północnej").
    Returns (end, is_people, is_survey_word, is_voters)."""
    lex = view.lex
    doc = view.doc
    number, case = ("pl", "gen") if plural else ("sg", "nom")
    j = i
    people = survey = voters = False
    while j < stop and j < i + 3:
        token = doc[j]
        lemmas = _lemmas(token)
        mention = view.mention_at[j]
        # an adjective that SGJP also reads as a noun ("nowych" → "nowi") is an adjective here
        is_person_noun = has_tag(token, {"subst", "depr"}, number, case, "m1") and not has_tag(
            token, {"adj"}
        )
        participle = bool(lemmas & lex.population_participles) and has_tag(token, {"ppas"}, number)
        is_word = bool(lemmas & lex.population_words) or participle
        # a demonym the NER linked to its country ("Białorusinów") is people, never a place
        demonym = mention is not None and mention._.derived and has_tag(token, {"subst"}, number)
        if is_person_noun or is_word or demonym:
            people = True
            survey = survey or participle or bool(lemmas & lex.survey_population_words)
            voters = voters or bool(lemmas & lex.voter_words)
            j += 1
            continue
        # an adjective before the head noun ("dorosłych Polaków"), only if a head follows
        if has_tag(token, {"adj", "ppas", "pact"}, number, case) and j + 1 < stop:
            nxt = doc[j + 1]
            if has_tag(nxt, {"subst", "depr"}, number, case, "m1") or (
                _lemmas(nxt) & lex.population_words
            ):
                j += 1
                continue
        break
    if not people:
        return i, False, False, False
    # "mieszkańców Irlandii Północnej", "członków Partii Pracy": the name belongs to the population
    mention = view.mention_at[j] if j < stop else None
    if mention is not None and mention.start == j and mention.end <= stop:
        j = mention.end
    return j, people, survey, voters


def _qualify(view: _View, sent: Span, share: _Share) -> None:
    """Qualifier and emphasis words before the number ("tylko ponad 7 proc.", "ok. 20 proc.")."""
    doc, lex = view.doc, view.lex
    for _ in range(2):
        q = share.start - 1
        if q >= sent.start and doc[q].text == "." and q - 1 >= sent.start:
            q -= 1
        word = doc[q].text.lower() if q >= sent.start else ""
        if word not in lex.qualifiers:
            return
        if share.qualifier is None:
            share.qualifier = lex.qualifiers[word]
        share.start = q


def _shares(view: _View, sent: Span) -> list[_Share]:
    """Shares of the sentence in order: "47 proc. X", "co trzeci X", "większość (56 proc.) X".
    Changes ("wzrost o 4 proc.") are left out."""
    lex = view.lex
    doc = view.doc
    found: list[_Share] = []
    i = sent.start
    stop = sent.end
    while i < stop:
        share = _share_at(view, sent, i)
        if share is None:
            i += 1
            continue
        if share.pop_end == share.pop_start:
            pop_end, people, survey, voters = _population(view, share.end, stop)
            share.pop_start = share.end
            share.pop_end, share.people = pop_end, people
            share.survey_population, share.voters = survey, voters
        _bracketed_share(view, share, stop)
        if share.unit == "majority" and not share.people:
            # "większość" alone is too common a word to be a poll share without its population
            i += 1
            continue
        _qualify(view, sent, share)
        before = share.start - 1
        if before >= sent.start and doc[before].text.lower() in lex.change_prepositions:
            i = max(share.pop_end, share.end)
            continue
        found.append(share)
        i = max(share.pop_end, share.end)
    return found


def _share_at(view: _View, sent: Span, i: int) -> _Share | None:
    """The share that starts at token ``i``, its population not yet read for a percentage."""
    lex = view.lex
    doc = view.doc
    stop = sent.end
    token = doc[i]
    low = token.text.lower()
    share: _Share | None = None
    if NUMBER.match(token.text) and i + 1 < stop and doc[i + 1].text.lower() in lex.percent_forms:
        end = i + 2
        if end < stop and doc[end].text == "." and doc[i + 1].text.lower() == "proc":
            end += 1
        share = _Share(i, end, _number(token.text), "percent", None, end, end)
        share.bracketed = i > sent.start and doc[i - 1].text == "("
    elif low == "co" and i + 1 < stop:
        ordinal = _lemmas(doc[i + 1]) & set(lex.distributive_ordinals)
        if ordinal:
            n = lex.distributive_ordinals[min(ordinal)]
            share = _Share(i, i + 2, round(100 / n, 1), "percent", None, i + 2, i + 2)
            pop_end, people, survey, voters = _population(view, i + 2, stop, plural=False)
            share.pop_end, share.people = pop_end, people
            share.survey_population, share.voters = survey, voters
            if not people:
                share = None
    elif low[:1].isalpha() and token.lemma_.lower() in lex.share_nouns:
        value: Any = lex.share_nouns[token.lemma_.lower()]
        unit = "percent" if value is not None else "majority"
        end = i + 1
        share = _Share(i, end, value, unit, None, end, end)
    return share


def _bracketed_share(view: _View, share: _Share, stop: int) -> None:
    """A bracketed percentage after a majority word or a half gives its share (the value)."""
    lex = view.lex
    doc = view.doc
    if share.unit == "majority" or (share.value == 50 and doc[share.start].text[:1].isalpha()):
        # "większość (56 proc.) respondentów" or "większość wyborców (59 proc.)": the bracketed
        # number is the share
        for at in (share.end, share.pop_end):
            if (
                at + 2 < stop
                and doc[at].text == "("
                and NUMBER.match(doc[at + 1].text)
                and doc[at + 2].text.lower() in lex.percent_forms
            ):
                share.value, share.unit = _number(doc[at + 1].text), "percent"
                close = at + 3
                while close < stop and doc[close].text in {".", ")"}:
                    close += 1
                if at == share.end:
                    share.end = close
                    pop_end, people, survey, voters = _population(view, close, stop)
                    share.pop_start, share.pop_end, share.people = close, pop_end, people
                    share.survey_population, share.voters = survey, voters
                else:
                    share.pop_end = close
                break
