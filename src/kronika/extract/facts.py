"""Numeric facts (poll results), membership relations, and the claim/assertion split.

``find_polls(doc, timexes)`` reads poll results as data: each share of a population ("47 proc.
ankietowanych", "co trzeci Polak", "większość (56 proc.) respondentów") with what it is about, the
pollster ("z sondażu Chatham House", "według CBOS", "badanie IBRiS dla „Rzeczpospolitej”") from
the same or a neighbouring sentence, and the fieldwork time ("przeprowadzonego w sierpniu ubiegłego
roku"). A percentage counts as a poll result only when it is a share of people with a poll or an
opinion verb around it; economic percentages ("PKB wzrośnie o 2 proc.") and vote results ("w
referendum 52 proc. głosujących") are left alone.

``find_memberships(doc)`` reads ``member_of`` relations from a list of states in parentheses right
after an organization ("szczytem WNP (Armenia, Białoruś, …)") and from explicit phrases ("X jest
członkiem Y", "członkami Y są A, B i C", "X wstąpiła do Y w 2004 roku", "X należy do Y").

``mark_claims(items, quotes)`` flags items whose evidence lies inside a quotation: the article
reports someone saying them rather than asserting them (DESIGN.md principles).

There is no dependency parser in the pipeline, so clauses are cut at punctuation and conjunctions
and cases come from SGJP readings (all of them, as the chosen lemma can be wrong). The vocabulary
lives in ``pl/facts.yaml``; this module holds only the logic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from kronika.extract.pl import load_vocabulary
from kronika.extract.timex import find_timexes
from kronika.lang.components import all_lemmas, doc_text, readings
from kronika.ner.mentions import MENTIONS_KEY

#: A number as Polish press writes it: "47", "12,5", "1.5".
NUMBER = re.compile(r"^\d{1,3}(?:[,.]\d+)?$")
#: Punctuation that closes a clause inside a sentence.
CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "-"})
#: Complementizers opening the clause that holds a share ("wynika, że 43 proc. …").
COMPLEMENTIZERS = frozenset({"że", "iż", "jakoby"})
OPENING_QUOTES = frozenset('„«"“')
#: Punctuation that separates one statement's clause from the next.
SEPARATOR_PUNCT = frozenset({",", ";", ":"})
#: Dashes that end a statement's clause (dialogue attribution, asides).
DASHES = frozenset({"–", "—", "-"})
CLOSING_QUOTES = frozenset('”"“»')
#: Verb classes of a clause's predicate (SGJP): a name search stops at a verb.
VERB_CLASSES = frozenset({"fin", "praet", "imps", "inf", "bedzie", "impt", "winien"})
MEMBER_TYPES = frozenset({"country", "organization"})


@dataclass(frozen=True)
class Lexicon:
    percent_forms: frozenset[str]
    qualifiers: dict[str, str | None]
    distributive_ordinals: dict[str, int]
    share_nouns: dict[str, int | None]
    population_words: frozenset[str]
    survey_population_words: frozenset[str]
    population_participles: frozenset[str]
    voter_words: frozenset[str]
    place_prepositions: frozenset[str]
    poll_nouns: frozenset[str]
    pollster_nouns: frozenset[str]
    pollster_names: tuple[str, ...]
    fieldwork_verbs: frozenset[str]
    client_words: frozenset[str]
    source_links: frozenset[str]
    opinion_verbs: frozenset[str]
    vote_words: frozenset[str]
    change_prepositions: frozenset[str]
    statement_separators: frozenset[str]
    member_nouns: frozenset[str]
    member_adjectives: frozenset[str]
    member_heads: frozenset[str]
    join_verbs: frozenset[str]
    belong_verbs: frozenset[str]
    container_nouns: frozenset[str]
    irrealis_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary of ``pl/facts.yaml``, read once per process."""
    raw = load_vocabulary("facts")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in raw[key])

    return Lexicon(
        percent_forms=words("percent_forms"),
        qualifiers={
            str(k): (str(v) if v is not None else None) for k, v in raw["qualifiers"].items()
        },
        distributive_ordinals={str(k): int(v) for k, v in raw["distributive_ordinals"].items()},
        share_nouns={str(k): v for k, v in raw["share_nouns"].items()},
        population_words=words("population_words"),
        survey_population_words=words("survey_population_words"),
        population_participles=words("population_participles"),
        voter_words=words("voter_words"),
        place_prepositions=words("place_prepositions"),
        poll_nouns=words("poll_nouns"),
        pollster_nouns=words("pollster_nouns"),
        # longest first, so "Kantar Public" wins over "Kantar"
        pollster_names=tuple(
            sorted((str(n) for n in raw["pollster_names"]), key=len, reverse=True)
        ),
        fieldwork_verbs=words("fieldwork_verbs"),
        client_words=words("client_words"),
        source_links=words("source_links"),
        opinion_verbs=words("opinion_verbs"),
        vote_words=words("vote_words"),
        change_prepositions=words("change_prepositions"),
        statement_separators=words("statement_separators"),
        member_nouns=words("member_nouns"),
        member_adjectives=words("member_adjectives"),
        member_heads=words("member_heads"),
        join_verbs=words("join_verbs"),
        belong_verbs=words("belong_verbs"),
        container_nouns=words("container_nouns"),
        irrealis_words=words("irrealis_words"),
    )


# --- token helpers ----------------------------------------------------------------------------


def _lemmas(token: Token) -> set[str]:
    """Every lemma SGJP offers for the token: the disambiguated one can be wrong ("badanych" →
    "badać" instead of the participle-adjective "badany")."""
    return all_lemmas(token) | {token.text.lower()}


def _has(token: Token, pos: frozenset[str] | set[str], *features: str) -> bool:
    """A reading of class ``pos`` whose tag holds every one of ``features`` (as tag values,
    e.g. "pl", "gen", "m1"; dotted alternatives such as "gen.acc" count)."""
    for reading in readings(token):
        if reading.pos not in pos:
            continue
        values: set[str] = set()
        for part in reading.tag.split(":")[1:]:
            values.update(part.split("."))
        if all(f in values for f in features):
            return True
    return False


def _is_verb(token: Token) -> bool:
    return any(r.pos in VERB_CLASSES for r in readings(token)) and token.text[:1].islower()


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    strip = " \t\n,;:–—-."
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


class _View:
    """Token-level lookups over one Doc shared by the extractors: mentions by token, sentences.
    Both are built on first use: most documents hold no poll or membership cue, and a cheap scan
    of the tokens lets them skip the rest."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lexicon()
        found = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
        self.mentions: list[Span] = found
        self._mention_at: list[Span | None] | None = None
        self._sents: list[Span] | None = None

    @property
    def mention_at(self) -> list[Span | None]:
        if self._mention_at is None:
            self._mention_at = [None] * len(self.doc)
            for m in self.mentions:
                for i in range(m.start, m.end):
                    self._mention_at[i] = m
        return self._mention_at

    @property
    def sents(self) -> list[Span]:
        if self._sents is None:
            self._sents = [
                s for s in self.doc.sents if self.text[s.start_char : s.end_char].strip()
            ]
        return self._sents


# --- polls ------------------------------------------------------------------------------------


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
        is_person_noun = _has(token, {"subst", "depr"}, number, case, "m1") and not _has(
            token, {"adj"}
        )
        participle = bool(lemmas & lex.population_participles) and _has(token, {"ppas"}, number)
        is_word = bool(lemmas & lex.population_words) or participle
        # a demonym the NER linked to its country ("Białorusinów") is people, never a place
        demonym = mention is not None and mention._.derived and _has(token, {"subst"}, number)
        if is_person_noun or is_word or demonym:
            people = True
            survey = survey or participle or bool(lemmas & lex.survey_population_words)
            voters = voters or bool(lemmas & lex.voter_words)
            j += 1
            continue
        # an adjective before the head noun ("dorosłych Polaków"), only if a head follows
        if _has(token, {"adj", "ppas", "pact"}, number, case) and j + 1 < stop:
            nxt = doc[j + 1]
            if _has(nxt, {"subst", "depr"}, number, case, "m1") or (
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
        token = doc[i]
        low = token.text.lower()
        share: _Share | None = None
        if (
            NUMBER.match(token.text)
            and i + 1 < stop
            and doc[i + 1].text.lower() in lex.percent_forms
        ):
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
        if share is None:
            i += 1
            continue
        if share.pop_end == share.pop_start:
            pop_end, people, survey, voters = _population(view, share.end, stop)
            share.pop_start = share.end
            share.pop_end, share.people = pop_end, people
            share.survey_population, share.voters = survey, voters
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
                or doc[content].text.lower() in COMPLEMENTIZERS
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


def _name_at(view: _View, j: int, stop: int) -> tuple[int, int] | None:
    """A name starting at token ``j``: a (non-place) mention, a quoted title, or a capitalized run.
    Returns token indices [start, end)."""
    doc = view.doc
    token = doc[j]
    if token.text in OPENING_QUOTES:
        k = j + 1
        while k < stop and k < j + 8 and doc[k].text not in CLOSING_QUOTES:
            k += 1
        if k < stop and doc[k].text in CLOSING_QUOTES and k > j + 1:
            return j, k + 1
        return None
    mention = view.mention_at[j]
    if mention is not None:
        if mention._.entity_type in {"country", "place"} or mention._.derived:
            return None
        # the NER may take the kind of institution in ("instytut Opinia24"): the name is the
        # capitalized part
        first = max(j, mention.start)
        while first < mention.end - 1 and not _capitalized(doc[first]):
            first += 1
        return first, min(mention.end, stop)
    if _capitalized(token) or token.text in {"&"}:
        k = j
        # a run of capitalized words, up to the next name the NER found ("Monmouth University
        # Biden": the person is the next clause's subject)
        while (
            k < stop
            and k < j + 5
            and (_capitalized(doc[k]) or doc[k].text in {"&", "/"})
            and (k == j or view.mention_at[k] is None)
        ):
            k += 1
        return j, k
    return None


#: How many sentences before a poll's figures its source may be named.
LOOKBACK = 3


def _find_source(view: _View, sent: Span, timex_tokens: set[int]) -> tuple[int, int] | None:
    """The pollster named in a sentence, as character offsets, with its client ("IBRiS dla
    „Rzeczpospolitej”"): the name after a poll noun, or a well-known pollster's name."""
    doc, lex = view.doc, view.lex
    for i in range(sent.start, sent.end):
        if not (_lemmas(doc[i]) & lex.poll_nouns):
            continue
        j = i + 1
        while j < sent.end and j < i + 10:
            token = doc[j]
            if token.text in OPENING_QUOTES or _capitalized(token):
                # "w Wielkiej Brytanii", "wśród Polaków": a place or a population, not a pollster
                prev = doc[j - 1].text.lower()
                name = _name_at(view, j, sent.end)
                if name is None or prev in lex.place_prepositions:
                    break
                start, end = name
                # the client after "dla" belongs to the source as written
                if end + 1 < sent.end and doc[end].text.lower() in lex.client_words:
                    client = _name_at(view, end + 1, sent.end)
                    if client is not None:
                        end = client[1]
                return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            # only words that describe the poll may stand between it and its author
            # ("sondażu przeprowadzonego na początku roku przez ośrodek YouGov"); anything else
            # ("sondażu w sprawie Brexitu", "sondażem z końca września przewaga Demokraty") means
            # the name that follows is not the pollster
            if not (
                _has(token, {"adj", "ppas", "pact"})
                or token.text.lower() in lex.source_links
                or _lemmas(token) & lex.pollster_nouns
                or j in timex_tokens
            ):
                break
            j += 1
    return _pollster_name(view, sent)


def _fieldwork_time(view: _View, sent: Span, timexes: list[dict], anywhere: bool) -> dict | None:
    """The timex of the fieldwork: right after "przeprowadzonego/zrealizowano …", else (when the
    sentence holds no statements) any date in it."""
    doc, lex = view.doc, view.lex
    # a concrete date only: "ostatnio" (PAST_REF) says nothing about when the poll was done
    inside = [
        t
        for t in timexes
        if t["start"] >= sent.start_char
        and t["end"] <= sent.end_char
        and t["type"] == "DATE"
        and str(t.get("value") or "")[:1].isdigit()
    ]
    if not inside:
        return None
    for i in range(sent.start, sent.end):
        if _lemmas(doc[i]) & lex.fieldwork_verbs:
            limit = doc[min(i + 4, sent.end - 1)].idx
            for t in inside:
                if doc[i].idx < t["start"] <= limit:
                    return t
    return inside[0] if anywhere else None


def _may_hold_share(view: _View, sent: Span) -> bool:
    """A cheap test before the real work: most sentences hold no number with a percent word, no
    "co trzeci" and no share noun, and are skipped."""
    return _any_share_word(view, sent.start, sent.end)


def _any_share_word(view: _View, start: int, end: int) -> bool:
    lex, doc = view.lex, view.doc
    for i in range(start, end):
        token = doc[i]
        low = token.text.lower()
        if low in lex.percent_forms or token.lemma_.lower() in lex.share_nouns:
            return True
        if low == "co" and i + 1 < end and doc[i + 1].lemma_.lower() in lex.distributive_ordinals:
            return True
    return False


class _Sentences:
    """Per-sentence facts computed on demand, so sentences far from any share cost nothing."""

    def __init__(self, view: _View) -> None:
        self.view = view
        self._lemmas: dict[int, set[str]] = {}
        self._cue: dict[int, bool] = {}

    def lemmas(self, n: int) -> set[str]:
        if n not in self._lemmas:
            result: set[str] = set()
            for token in self.view.sents[n]:
                result |= _lemmas(token)
            self._lemmas[n] = result
        return self._lemmas[n]

    def cue(self, n: int) -> bool:
        """A poll noun or a well-known pollster in sentence ``n`` (False outside the document)."""
        if n < 0 or n >= len(self.view.sents):
            return False
        if n not in self._cue:
            self._cue[n] = bool(self.lemmas(n) & self.view.lex.poll_nouns) or (
                _pollster_name(self.view, self.view.sents[n]) is not None
            )
        return self._cue[n]


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
    return not (_has(nxt, {"subst", "adj", "ger", "depr", "ign"}, "gen") and not _is_verb(nxt))


def find_polls(doc: Doc, timexes: list[dict]) -> list[dict]:
    """Contract ``facts`` items of type "poll": {"type", "start", "end" (the sentence(s) holding
    the numbers), "source_text", "source_start", "source_end" (the pollster as written, or None),
    "time", "time_text" (the fieldwork timex or None), "statements": [{"share", "unit", "about",
    "population", "qualifier", "text", "start", "end"}]}."""
    view = _View(doc)
    if not _any_share_word(view, 0, len(doc)):
        return []
    sents = view.sents
    info = _Sentences(view)
    timex_tokens = {
        t.i
        for x in timexes
        for t in (doc.char_span(x["start"], x["end"], alignment_mode="expand") or ())
    }

    # 1. poll statements per sentence. Context for a share of people is a poll cue in this or a
    #    neighbouring sentence, or a run of poll sentences that had one; a bare number needs, in
    #    addition, a share of people kept in this or the previous sentence
    per_sentence: dict[int, list[dict]] = {}
    #: where the last statement's clause ends in each sentence: the evidence stops before a dash
    #: attribution, so a poll quoted in dialogue lies inside its quotation
    clause_ends: dict[int, int] = {}
    context_run = False
    people_before = False
    for n, sent in enumerate(sents):
        if not _may_hold_share(view, sent):
            context_run = people_before = False
            continue
        shares = _shares(view, sent)
        if not shares:
            context_run = people_before = False
            continue
        _clauses(view, sent, shares)
        lemmas = info.lemmas(n)
        poll_here = info.cue(n)
        context = poll_here or info.cue(n - 1) or info.cue(n + 1) or context_run
        kept_people = [
            s for s in shares if s.people and _keep(view, s, lemmas, poll_here, context, False)
        ]
        people_near = bool(kept_people) or people_before
        kept = [
            s
            for s in shares
            if s in kept_people
            or (not s.people and _keep(view, s, lemmas, poll_here, context, people_near))
        ]
        statements: list[dict] = []
        for share in kept:
            first, last = doc[share.start], doc[share.end - 1]
            pop = doc[share.pop_start : share.pop_end] if share.pop_end > share.pop_start else None
            statements.append(
                {
                    "share": share.value,
                    "unit": share.unit,
                    "about": _about(view, sent, share),
                    "population": pop.text.strip(" ()") if pop is not None else None,
                    "qualifier": share.qualifier,
                    "text": view.text[first.idx : last.idx + len(last.text)],
                    "start": first.idx,
                    "end": last.idx + len(last.text),
                }
            )
        if statements:
            per_sentence[n] = statements
            last_clause = doc[kept[-1].clause_end - 1]
            clause_ends[n] = last_clause.idx + len(last_clause.text)
        context_run = bool(statements) and context
        people_before = bool(kept_people)

    # 2. consecutive poll sentences are one poll unless a later one names its own source
    groups: list[list[int]] = []
    for n in sorted(per_sentence):
        if (
            groups
            and groups[-1][-1] == n - 1
            and not (info.cue(n) and _find_source(view, sents[n], timex_tokens))
        ):
            groups[-1].append(n)
        else:
            groups.append([n])

    facts: list[dict] = []
    for group in groups:
        # the source: in the group, else the sentence before, else the one after, else a poll
        # named up to LOOKBACK sentences earlier with no other poll's figures between ("…
        # wynika z sondażu IBRiS. Badanie przeprowadzono w maju. Za jest 47 proc. …")
        earlier = []
        for n in range(group[0] - 2, max(-1, group[0] - 2 - LOOKBACK), -1):
            if n in per_sentence:
                break
            earlier.append(n)
        candidates = [n for n in group + [group[0] - 1, group[-1] + 1] + earlier if info.cue(n)]
        source: tuple[int, int] | None = None
        source_sent: int | None = None
        for n in candidates:
            source = _find_source(view, sents[n], timex_tokens)
            if source is not None:
                source_sent = n
                break
        time: dict | None = None
        ordered = ([source_sent] if source_sent is not None else []) + [
            n for n in candidates if n != source_sent
        ]
        for n in ordered:
            time = _fieldwork_time(view, sents[n], timexes, anywhere=n not in per_sentence)
            if time is not None:
                break
        first_sent, last_sent = sents[group[0]], sents[group[-1]]
        start, end = _trim(view.text, first_sent.start_char, last_sent.end_char)
        end = min(len(view.text), end + (1 if view.text[end : end + 1] in {".", "!", "?"} else 0))
        dash_end = clause_ends[group[-1]]
        if dash_end < end and view.text[dash_end:end].lstrip()[:1] in DASHES:
            end = dash_end
        facts.append(
            {
                "type": "poll",
                "start": start,
                "end": end,
                "source_text": view.text[source[0] : source[1]] if source else None,
                "source_start": source[0] if source else None,
                "source_end": source[1] if source else None,
                "time": time["value"] if time else None,
                "time_text": time["text"] if time else None,
                "statements": [stmt for n in group for stmt in per_sentence[n]],
            }
        )
    return facts


# --- memberships ------------------------------------------------------------------------------


def _is_member(mention: Span) -> bool:
    """States and organizations can be members; a derived word ("białoruska") cannot."""
    if mention._.derived:
        return False
    kb = mention._.kb or ""
    return mention._.entity_type in MEMBER_TYPES or kb.startswith("country:")


def _is_org(mention: Span) -> bool:
    kb = mention._.kb or ""
    return (
        not mention._.derived
        and (mention._.entity_type == "organization" or kb.startswith("org:"))
        and not kb.startswith("country:")
    )


def _ref(view: _View, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": view.text[start:end]}


def _mention_ref(view: _View, mention: Span) -> dict:
    return _ref(view, mention.start_char, mention.end_char)


def _list_members(view: _View, i: int, stop: int) -> tuple[list[Span], int]:
    """A coordinated list of member mentions from token ``i`` ("A, B i C", "m.in. A, B oraz C").
    Returns the mentions and the index after the list."""
    doc = view.doc
    members: list[Span] = []
    j = i
    # "m.in.", "np.": the list is partial, the members are still members
    while j < stop and doc[j].text.lower() in {"m.in", "np", ".", "między", "innymi", "to"}:
        j += 1
    while j < stop:
        mention = view.mention_at[j]
        if mention is None or mention.start != j or not _is_member(mention):
            break
        members.append(mention)
        j = mention.end
        if j < stop and doc[j].text.lower() in {",", "i", "oraz"}:
            j += 1
            continue
        break
    return members, j


def _bracket_lists(view: _View) -> list[dict]:
    """Members in brackets right after an organization: "szczytem WNP (Azerbejdżan, Armenia, …)"."""
    doc = view.doc
    found: list[dict] = []
    for org in view.mentions:
        if not _is_org(org) or org.end >= len(doc) or doc[org.end].text != "(":
            continue
        sent_end = doc[org.end].sent.end
        members, j = _list_members(view, org.end + 1, sent_end)
        # a bracketed acronym ("(OUBZ)") or a list of programmes is not a membership list
        if len(members) < 2 or j >= sent_end or doc[j].text != ")":
            continue
        if sum(1 for m in members if (m._.kb or "").startswith("country:")) * 2 < len(members):
            continue
        close = doc[j]
        for member in members:
            found.append(
                {
                    "subject": _mention_ref(view, member),
                    "predicate": "member_of",
                    "object": _mention_ref(view, org),
                    "start": org.start_char,
                    "end": close.idx + 1,
                    "evidence": "list",
                    "time": None,
                    "time_text": None,
                }
            )
    return found


def _irrealis(view: _View, lo: int, hi: int) -> bool:
    """Negation, condition or intention in tokens [lo, hi) ("nie jest członkiem", "chce wstąpić")."""
    doc = view.doc
    for k in range(max(lo, 0), hi):
        if _lemmas(doc[k]) & view.lex.irrealis_words:
            return True
    return False


def _subjects_before(view: _View, verb: int, sent: Span) -> list[Span]:
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
            if not _is_member(mention):
                return []
            members = [mention]
            j = mention.start - 1
            while j - 1 >= sent.start and doc[j].text.lower() in {",", "i", "oraz"}:
                other = view.mention_at[j - 1]
                if other is None or not _is_member(other):
                    break
                members.insert(0, other)
                j = other.start - 1
            return members
        k -= 1
    return []


def _time_near(
    view: _View, timexes: Callable[[], list[dict]], lo_char: int, hi_char: int
) -> dict | None:
    inside = [
        t
        for t in timexes()
        if t["start"] >= lo_char and t["end"] <= hi_char and t["type"] == "DATE" and t["value"]
    ]
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
    view: _View, subject: Span, obj: Span, lo: int, hi: int, time: dict | None, mod: str | None
) -> dict:
    return {
        "subject": _mention_ref(view, subject),
        "predicate": "member_of",
        "object": _mention_ref(view, obj),
        "start": lo,
        "end": hi,
        "evidence": "phrase",
        "time": time["value"] if time else None,
        "time_text": time["text"] if time else None,
        "time_mod": (time.get("mod") or mod) if time else None,
    }


def _phrases(view: _View, timexes: Callable[[], list[dict]]) -> list[dict]:
    doc, lex = view.doc, view.lex
    found: list[dict] = []
    # the disambiguated lemma is a cheap first filter; the readings decide after it
    triggers = lex.join_verbs | lex.belong_verbs | lex.member_nouns | lex.member_adjectives
    for token in doc:
        if token.lemma_.lower() not in triggers:
            continue
        i = token.i
        sent = token.sent
        lemmas = _lemmas(token)
        clause_end = _clause_end(view, i + 1, sent)
        # "X wstąpiła do Y (w 2004 roku)", "X należy do Y": past joins, present belonging
        joins = bool(lemmas & lex.join_verbs) and _has(token, {"praet"})
        belongs = bool(lemmas & lex.belong_verbs) and _has(token, {"fin"})
        if (joins or belongs) and not token.text.lower().endswith(("by", "łbym")):
            obj = _object_after_do(view, i + 1, sent.end)
            subjects: list[Span] = []
            if obj is not None:
                subjects = _subjects_before(view, i, sent)
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
                continue
            lo = min(subjects[0].start, obj.start)
            if _irrealis(view, max(lo, i - 3), i):
                continue
            time = _time_near(view, timexes, doc[lo].idx, doc[clause_end - 1].idx + 1)
            hi_char = max(obj.end_char, subjects[-1].end_char, time["end"] if time else 0)
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
            continue
        # "X jest członkiem Y", "członkami Y są A, B i C", "członkowie Y: A, B i C",
        # "państwa członkowskie Y: A, B"
        is_member_noun = bool(lemmas & lex.member_nouns)
        is_member_adj = (
            bool(lemmas & lex.member_adjectives)
            and i > sent.start
            and bool(_lemmas(doc[i - 1]) & lex.member_heads)
        )
        if not (is_member_noun or is_member_adj):
            continue
        j = i + 1
        obj = view.mention_at[j] if j < sent.end else None
        if obj is None or obj.start != j or not _is_org(obj):
            continue
        after = obj.end
        subjects = []
        lo = doc[i - 1].idx if is_member_adj else token.idx
        if after < sent.end and (
            doc[after].text == ":"
            or "być" in _lemmas(doc[after])
            and not _has(doc[after], {"praet"}, "sg")
        ):
            # the list follows the organization
            subjects, _end = _list_members(view, after + 1, sent.end)
            if _irrealis(view, max(sent.start, i - 2), after + 1):
                continue
        elif is_member_noun and _has(token, {"subst"}, "inst"):
            # "X jest (pełnoprawnym) członkiem Y": the copula shortly before the noun
            k = i - 1
            while (
                k >= sent.start
                and k >= i - 4
                and not (_lemmas(doc[k]) & {"być", "zostać", "pozostawać", "stać"})
            ):
                k -= 1
            if k < sent.start or k < i - 4:
                continue
            subjects = _subjects_before(view, k, sent)
            if subjects:
                lo = subjects[0].start_char
            if _irrealis(view, max(sent.start, k - 2), i):
                continue
        if not subjects:
            continue
        hi_tok = _clause_end(view, obj.end, sent)
        time = _time_near(view, timexes, lo, doc[hi_tok - 1].idx + len(doc[hi_tok - 1].text))
        hi_char = max(obj.end_char, subjects[-1].end_char, time["end"] if time else 0)
        for subject in subjects:
            found.append(_relation(view, subject, obj, lo, hi_char, time, None))
    return found


def find_memberships(doc: Doc, timexes: list[dict] | None = None) -> list[dict]:
    """Contract ``relations`` items {"subject": {"start","end","text"}, "predicate": "member_of",
    "object": {"start","end","text"}, "start", "end", "evidence": "list"|"phrase", "time",
    "time_text"}. ``timexes`` (from ``find_timexes``) give the time of explicit phrases ("wstąpiła
    do UE w 2004 roku"); without them they are found here with no document date, so only
    absolute dates resolve."""
    view = _View(doc)
    cache: list[list[dict]] = [timexes] if timexes is not None else []

    def timexes_of() -> list[dict]:
        # computed only when a phrase needs its time: absolute years ("w 2004 roku") need no
        # document date, and most documents have no membership phrase at all
        if not cache:
            cache.append(find_timexes(doc, None))
        return cache[0]

    found = _bracket_lists(view) + _phrases(view, timexes_of)
    # one relation per (subject, object) evidence pair, in text order
    seen: set[tuple[int, int, int]] = set()
    unique: list[dict] = []
    for rel in sorted(found, key=lambda r: (r["start"], r["subject"]["start"])):
        key = (rel["subject"]["start"], rel["object"]["start"], rel["start"])
        if key not in seen:
            seen.add(key)
            unique.append(rel)
    return unique


# --- claims -----------------------------------------------------------------------------------


def mark_claims(items: list[dict], quotes: list[dict]) -> list[dict]:
    """Set on each fact/relation "claim": True and "quote_index": i when its evidence span lies
    inside quotes[i]'s span (the article reports someone saying it), else "claim": False and
    "quote_index": None. Items are updated in place and returned."""
    for item in items:
        index: int | None = None
        for i, quote in enumerate(quotes):
            if quote["start"] <= item["start"] and item["end"] <= quote["end"]:
                index = i
                break
        item["claim"] = index is not None
        item["quote_index"] = index
    return items
