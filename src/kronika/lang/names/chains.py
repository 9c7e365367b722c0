"""Candidate analyses of a name phrase by agreement: one per grammatical key.

Each key (case, number, gender) the first words allow is tried: the words agreeing with it from
the start of the phrase form the chain that changes (adjectives, names in apposition, hyphen- or
"i"-joined halves); a second common noun is a dependent and ends it. A key's hand-set score is
what its words gain over being left unchanged, with the bonuses and penalties of
:class:`~kronika.lang.names.weights.HandWeights`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from kronika.lang.names.grammar import CASE_ORDER, GENDER_ORDER, PERSON_NAMES, Reading
from kronika.lang.names.phrase import Phrase
from kronika.lang.names.resources import name_conjunctions
from kronika.lang.names.spelling import HYPHENS, is_fixed, is_word
from kronika.lang.names.weights import WEIGHTS

#: a chain word's reading and the number and gender of its nominative
Link = tuple[Reading, str, str]
Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Chain:
    """One grammatical key's reading of a phrase: the words that change, each with its reading
    and the number and gender of its nominative; ``score`` is the hand-set score, ``declining``
    the words that could have changed, ``first`` whether the hand-set score prefers this key
    over every other."""

    case: str
    number: str
    gender: str
    chain: dict[int, Link]
    score: float
    declining: tuple[int, ...]
    first: bool = False


def candidate_chains(phrase: Phrase, unknown: Callable[[str], bool]) -> list[Chain]:
    """One candidate per grammatical key, best hand-set score first; leaving the phrase as it
    is is a candidate too (``unknown(form)``: Morfeusz has no reading of the word).

    Leaving the phrase as it is competes: a foreign name that Morfeusz or the ending table reads
    as an odd oblique form ("Biberach" as a plural locative of the surname Biber) stays
    unchanged unless the reading is convincing."""
    words, readings = phrase.words, phrase.readings
    declining = phrase.declining
    unchanged = Chain("nom", "sg", "", {}, 0.0, declining)
    if not words or not readings[words[0]]:
        # the phrase starts with something that does not decline ("im.", "o", "de"):
        # it is not a noun phrase we can put in the nominative
        return [unchanged]
    ranked: list[tuple[tuple[float, int, bool, int], Chain]] = [((0.0, 1, True, 0), unchanged)]
    for case, number, gender in sorted(_keys(phrase)):
        chain, score = _chain(phrase, (case, number, gender), unknown)
        if not chain:
            continue
        total = _key_score(chain, score, case, number, phrase.group)
        rank = (
            total,
            -CASE_ORDER.index(case),
            number == "sg",
            -GENDER_ORDER.index(gender) if gender in GENDER_ORDER else -len(GENDER_ORDER),
        )
        ranked.append((rank, Chain(case, number, gender, chain, total, declining)))
    ranked.sort(key=lambda item: item[0], reverse=True)
    # "first" tells the ranker the hand-set score prefers this key; on a tie with the next
    # one the order above is only a convention (the case and gender order) and says nothing
    tied = len(ranked) > 1 and ranked[0][1].score == ranked[1][1].score
    best = ranked[0][1] if tied else replace(ranked[0][1], first=True)
    return [best] + [candidate for _rank, candidate in ranked[1:]]


def _keys(phrase: Phrase) -> set[Key]:
    """The keys the first three words' readings allow. No vocative key: a name in running text
    is addressed almost never, and reading one turns foreign names into Polish ones ("Mario
    Puzo" as "Mario" and "Puzo" addressed: Maria Puza)."""
    keys: set[Key] = set()
    for i in phrase.words[:3]:
        for r in phrase.readings[i]:
            keys.update(
                (c, n, g) for c in r.cases if c != "voc" for n in r.numbers for g in r.genders
            )
    return keys


def _key_score(
    chain: dict[int, Link], score: float, case: str, number: str, group: str | None
) -> float:
    """The chain's gain with the key's bonuses and penalties."""
    head = any(r.noun for r, _n, _g in chain.values())
    # plurals that are the name's own: pluralia tantum ("Stany", "Niemcy") and peoples
    # ("Hindusów": SGJP's capitalized common nouns of persons, Hindus, Polak)
    own_plural = group == "nation" or any(
        "pt" in r.extra
        or (r.noun and r.lemma[:1].isupper() and "nazwa_pospolita" in r.names and "m1" in r.genders)
        for r, _n, _g in chain.values()
    )
    proper_plural = (
        number == "pl"
        and not own_plural
        and any(r.lemma[:1].isupper() for r, _n, _g in chain.values())
    )
    return round(
        score
        + (WEIGHTS.nominative_bonus if case == "nom" else 0.0)
        + (WEIGHTS.head_bonus if head else 0.0)
        + WEIGHTS.agreement_bonus * (len(chain) - 1)
        - (WEIGHTS.plural_penalty if number == "pl" and not own_plural else 0.0)
        - (WEIGHTS.proper_plural_penalty if proper_plural else 0.0),
        6,
    )


def _chain(
    phrase: Phrase, key: Key, unknown: Callable[[str], bool]
) -> tuple[dict[int, Link], float]:
    """Words agreeing with the key from the phrase start, each with the number and gender its
    nominative takes, and what their readings gain over no change."""
    forms, words, readings = phrase.forms, phrase.words, phrase.readings
    case, number, current = key
    chain: dict[int, Link] = {}
    score = 0.0
    head: Reading | None = None
    head_index = -1
    previous = -1
    lone = len(words) == 1
    for i in words:
        if i in phrase.transparent:
            # "polsko-" of "polsko-czeskiej" stays as it is; the chain goes on after it
            continue
        if forms[i] in name_conjunctions() and chain and previous == i - 1:
            # "Prawa i Sprawiedliwości", "Bośni i Hercegowinie": both conjuncts decline
            continue
        hyphenated = previous >= 0 and _hyphen_between(forms, previous, i)
        if previous >= 0 and not hyphenated and not _adjacent(phrase, previous, i):
            break
        choice = _pick(readings[i], case, number, current, hyphenated, lone or hyphenated)
        if choice is None or (
            choice.noun
            and head is not None
            and not hyphenated
            and not _apposition(forms, head, head_index, choice, i, phrase.group, case)
        ):
            stop = _stop(phrase, i, chain, unknown(forms[i]))
            if stop == "skip":
                previous = i
                continue
            return ({}, 0.0) if stop == "foreign" else (chain, score)
        if not choice.noun and head is not None and _modifies_next(phrase, i, key[:2], current):
            # "Klubie Międzynarodowej Prasy": the adjective agrees with the head but goes
            # with the genitive after it
            break
        if choice.noun:
            if current not in choice.genders:
                # the second half of "Bielsko-Biała" has its own gender
                current = min(choice.genders)
            head, head_index = choice, i
        chain[i] = (choice, number, current)
        score += choice.weight - WEIGHTS.identity
        previous = i
    return chain, score


def _stop(
    phrase: Phrase, i: int, chain: dict[int, Link], unknown: bool
) -> Literal["skip", "foreign", "end"]:
    """What a word that does not continue the chain means: skipped as a foreign first part,
    the sign of a foreign phrase (no chain at all), or the chain's end."""
    forms, words, group = phrase.forms, phrase.words, phrase.group
    if (
        not chain
        and i != words[-1]
        and ((group == "location" and unknown) or (group == "person" and i == words[0]))
    ):
        # A foreign first part that does not decline before words that do: a place's "Sankt
        # Petersburgu", a person's first name "Benito Mussoliniego" (no form of a Polish
        # paradigm). Elsewhere an unknown first word ("The Firm") is no sign that the rest is
        # Polish.
        return "skip"
    if (
        unknown
        and forms[i][:1].isupper()
        and all(
            r.lemma[:1].isupper() and not r.names & PERSON_NAMES for r, _n, _g in chain.values()
        )
    ):
        # A word Morfeusz does not know ends a chain of proper names: the phrase is foreign
        # ("Red Hat", "New York", "Bani Bu Ali"), and the Polish reading of its first word
        # ("Redy", "Newy") a coincidence. After a common noun the unknown word is a dependent
        # ("Fundacji Wikimedia"), after a known first name an indeclinable surname ("Jakubem
        # Freiberger").
        return "foreign"
    return "end"


def _modifies_next(phrase: Phrase, index: int, key: tuple[str, str], gender: str) -> bool:
    """Whether the adjective at ``index``, after the head, agrees with the noun right after
    it, which does not continue the chain: then it opens that dependent phrase
    ("Regimentarza *Lewego Brzegu* Wisły")."""
    words, readings = phrase.words, phrase.readings
    case, number = key
    position = words.index(index)
    if position + 1 >= len(words) or words[position + 1] != index + 1:
        return False
    following = [r for r in readings[index + 1] if r.noun]
    if any(case in r.cases and number in r.numbers and gender in r.genders for r in following):
        return False
    # the noun's likely readings only: "Doliny" is the valley, not the surname Dolina (m1)
    # that an adjective after "Parku" would agree with
    best = max((r.weight for r in following), default=0.0)
    following = [r for r in following if r.weight >= best - WEIGHTS.likely_margin]
    return any(
        adjective.cases & noun.cases
        and adjective.numbers & noun.numbers
        and adjective.genders & noun.genders
        for adjective in readings[index]
        if not adjective.noun
        for noun in following
    )


def _pick(
    options: tuple[Reading, ...],
    case: str,
    number: str,
    gender: str,
    hyphenated: bool,
    prefer_noun: bool,
) -> Reading | None:
    """The best reading of a word under the key. Where a word is both an adjective and a noun
    ("Dolnej": dolny or the place Dolna), the adjective is taken unless the word stands
    alone: agreeing adjectives never end the chain, a second noun may."""
    best: Reading | None = None
    best_rank = 0.0
    for r in options:
        if case not in r.cases or number not in r.numbers:
            continue
        if gender not in r.genders and not (hyphenated and r.noun):
            continue
        if prefer_noun:
            # a word alone: its likeliest reading, a noun on a near tie
            rank = r.weight + (WEIGHTS.class_preference if r.noun else 0.0)
        else:
            rank = r.weight + (0.0 if r.noun else WEIGHTS.phrase_adjective)
        if best is None or rank > best_rank:
            best, best_rank = r, rank
    return best


def _hyphen_between(forms: tuple[str, ...], a: int, b: int) -> bool:
    """Two declining halves joined by a hyphen or a conjunction, each with its own gender."""
    between = forms[a + 1 : b]
    return len(between) == 1 and (between[0] in HYPHENS or between[0] in name_conjunctions())


def _adjacent(phrase: Phrase, a: int, b: int) -> bool:
    """Words of one chain follow each other; quotes, fixed tokens ("XIV") and the first part
    of a compound adjective with its hyphen ("socjal-", "polsko-") may sit between."""
    for k in range(a + 1, b):
        f = phrase.forms[k]
        if k in phrase.transparent or (f in HYPHENS and k - 1 in phrase.transparent):
            continue
        if (is_word(f) or f in HYPHENS) and not is_fixed(f):
            return False
    return True


def _apposition(
    forms: tuple[str, ...],
    head: Reading,
    head_index: int,
    noun: Reading,
    index: int,
    group: str | None,
    case: str,
) -> bool:
    """Whether a second noun in the head's case is part of the name rather than its dependent:
    names of a person follow each other ("Aleksandra Milinkiewicza"); a common noun before a
    proper one in a non-genitive case is apposition ("rzece Wiśle")."""
    head_person = bool(head.names & PERSON_NAMES) or head.lemma_ending is not None
    noun_person = bool(noun.names & PERSON_NAMES) or noun.lemma_ending is not None
    if head_person and noun_person and group in (None, "person", "location"):
        # a person's names, also inside a street's ("ulica Jana Kilińskiego")
        return True
    capitalized = forms[head_index][:1].isupper() and forms[index][:1].isupper()
    if group == "person" and capitalized:
        # in a person's name capitalized nouns of one case and gender are one name
        # ("Chrystusa Zbawiciela"); a dependent has its own gender ("Prymasa Tysiąclecia")
        return True
    # "rzece Wiśle": a lowercase common noun, then the proper name, in a case no dependent
    # takes (a dependent would be genitive)
    return (
        case not in ("gen", "nom")
        and forms[head_index][:1].islower()
        and forms[index][:1].isupper()
    )
