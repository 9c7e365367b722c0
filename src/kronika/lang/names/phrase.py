"""What every candidate nominative of a phrase shares: glued case endings cut ("PSL-u",
"Chomsky'ego"), punctuation, abbreviations and name particles set aside, and the words that may
decline with their readings."""

from __future__ import annotations

from dataclasses import dataclass

from kronika.lang.names.grammar import (
    ADJ_CLASSES,
    Reading,
    category_group,
    guess_kind,
    name_subcategory,
    names_group,
)
from kronika.lang.names.readings import WordReadings
from kronika.lang.names.resources import english_clitics, name_particles
from kronika.lang.names.spelling import (
    ACRONYM_SUFFIX,
    APOSTROPHE_INFLECTED,
    APOSTROPHES,
    HYPHENS,
    INFLECTED_ACRONYM,
    TRAILING_PUNCTUATION,
    analysed_form,
    is_acronym,
    is_word,
)
from kronika.lang.names.synthesis import Synthesizer


@dataclass(frozen=True, slots=True)
class Phrase:
    """A name phrase ready for its candidates.

    ``base`` is each token as every candidate writes it unless its chain changes it (glued
    endings cut); ``keep`` says which tokens the nominative writes at all; ``words`` are the
    tokens that may decline, ``readings`` theirs; ``transparent`` the words among them that stay
    inside a chain (the first part of a compound adjective, name particles); ``group`` and
    ``kind`` come from the category label."""

    forms: tuple[str, ...]
    spaces: tuple[bool, ...]
    base: tuple[str, ...]
    keep: tuple[bool, ...]
    words: tuple[int, ...]
    readings: dict[int, tuple[Reading, ...]]
    transparent: frozenset[int]
    group: str | None
    kind: str | None

    @property
    def glued(self) -> bool:
        """A case ending glued on ("Jeremy'ego", "PSL-u") says the phrase is not nominative."""
        return any(b != f for b, f in zip(self.base, self.forms, strict=False)) or any(
            not k and f not in TRAILING_PUNCTUATION
            for k, f in zip(self.keep, self.forms, strict=False)
        )

    @property
    def declining(self) -> tuple[int, ...]:
        """The words that may change."""
        return tuple(i for i in self.words if i not in self.transparent)


def prepare(
    forms: tuple[str, ...],
    spaces: tuple[bool, ...],
    category: str | None,
    words: WordReadings,
    synthesizer: Synthesizer,
) -> Phrase | None:
    """The phrase of tokens ``forms`` (``spaces[i]``: a space after token ``i``), read under the
    NKJP or KPWr ``category``; None for no tokens."""
    if not forms:
        return None
    group = category_group(category)
    base, keep = _cut_glued_endings(forms, spaces)
    stems = _stems(forms, spaces, base, keep)
    abbreviations = _abbreviations(forms, spaces)
    declinable = [
        i
        for i, form in enumerate(forms)
        if keep[i]
        and i not in stems
        and i not in abbreviations
        and is_word(form)
        and not words.fixed(form)
    ]
    if abbreviations and min(abbreviations) == 0 and group != "person":
        # an abbreviated head ("al. Unii Europejskiej", "ul. Jana Olbrachta") keeps the rest
        # of the name in the case it governs; only a person's title ("św. Wincentego") is
        # followed by a declining name
        declinable = []
    kind = name_subcategory(category) if group == "person" else None
    readings = _readings(forms, declinable, category, kind, words)
    transparent = _compound_prefixes(forms, spaces, declinable, readings, words)
    if group == "person":
        transparent |= _particles(forms)
    if group == "adjective":
        declinable = _adjective_lemma(forms, base, declinable, readings, transparent, synthesizer)
    return Phrase(
        forms,
        spaces,
        tuple(base),
        tuple(keep),
        tuple(declinable),
        readings,
        transparent,
        group,
        kind,
    )


def _readings(
    forms: tuple[str, ...],
    declinable: list[int],
    category: str | None,
    kind: str | None,
    words: WordReadings,
) -> dict[int, tuple[Reading, ...]]:
    """The readings of the words that may decline, looked up as SGJP writes them."""
    group = category_group(category)
    return {
        i: words.readings(
            analysed_form(forms[i]),
            names_group(category, group),
            kind,
            guess_kind(category, group),
            len(forms[i]) > 2,  # no guessing for two-letter words
        )
        for i in declinable
    }


def _cut_glued_endings(
    forms: tuple[str, ...], spaces: tuple[bool, ...]
) -> tuple[list[str], list[bool]]:
    """Acronyms and foreign names with a glued case ending lose it ("PSL-u", "NATO-wi",
    "Chomsky'ego", "Wordsworth’a"), whether the tokenizer kept them whole or split them; and
    punctuation a mention's span caught at its end ("Indiami,") is no part of the name."""
    base = list(forms)
    keep = [True] * len(forms)
    clitics = english_clitics()
    for i, form in enumerate(forms):
        match = INFLECTED_ACRONYM.match(form)
        if match:
            base[i] = match.group(1)
            continue
        match = APOSTROPHE_INFLECTED.match(form)
        if match and match.group(1)[:1].isupper() and match.group(2) not in clitics:
            base[i] = match.group(1)
        elif _split_ending(forms, spaces, i, clitics):
            keep[i] = keep[i + 1] = False
    last = len(forms) - 1
    while last > 0 and forms[last] in TRAILING_PUNCTUATION:
        keep[last] = False
        last -= 1
    return base, keep


def _split_ending(
    forms: tuple[str, ...], spaces: tuple[bool, ...], i: int, clitics: frozenset[str]
) -> bool:
    """Whether token ``i`` is the hyphen or apostrophe of an ending the tokenizer split off,
    glued on both sides: "PSL", "-", "u"; "Chomsky", "'", "ego"."""
    if not (0 < i < len(forms) - 1 and not spaces[i - 1] and not spaces[i]):
        return False
    if not ACRONYM_SUFFIX.match(forms[i + 1]):
        return False
    if forms[i] in HYPHENS and is_acronym(forms[i - 1]):
        return True
    return forms[i] in APOSTROPHES and forms[i - 1][:1].isupper() and forms[i + 1] not in clitics


def _stems(
    forms: tuple[str, ...], spaces: tuple[bool, ...], base: list[str], keep: list[bool]
) -> set[int]:
    """The words left by a cut ending ("Chomsky", "Wordsworth"): each is the nominative and
    declines no further, and the ending closes a hyphenated compound: "Jean-Claude'a" is one
    stem, "Jean" included."""
    stems = {i for i in range(len(forms)) if base[i] != forms[i]}
    stems.update(i - 1 for i in range(1, len(forms)) if forms[i] in APOSTROPHES and not keep[i])
    for i in sorted(stems):
        while (
            i >= 2
            and forms[i - 1] in HYPHENS
            and not spaces[i - 2]
            and not spaces[i - 1]
            and is_word(forms[i - 2])
        ):
            stems.add(i - 2)
            i -= 2
    return stems


def _abbreviations(forms: tuple[str, ...], spaces: tuple[bool, ...]) -> set[int]:
    """Abbreviations ("św.", "al.", "gen."): short words glued to a period; they do not
    decline."""
    return {
        i
        for i in range(len(forms) - 1)
        if forms[i + 1] == "." and not spaces[i] and len(forms[i]) <= 4 and is_word(forms[i])
    }


def _compound_prefixes(
    forms: tuple[str, ...],
    spaces: tuple[bool, ...],
    declinable: list[int],
    readings: dict[int, tuple[Reading, ...]],
    words: WordReadings,
) -> frozenset[int]:
    """The first parts of compound adjectives ("polsko-", "Socjal-"): they do not decline."""
    return frozenset(
        i
        for i in declinable
        if i + 2 < len(forms)
        and forms[i + 1] in HYPHENS
        and not spaces[i]
        and not spaces[i + 1]
        and is_word(forms[i + 2])
        and words.compound_prefix(forms[i], readings[i], readings.get(i + 2, ()))
    )


def _particles(forms: tuple[str, ...]) -> frozenset[int]:
    """Runs of name particles between two capitalized words: "von der" in "Ursuli von der
    Leyen"; the names around them decline, they do not ("Leonarda da Vinci")."""
    particles = name_particles()
    found: set[int] = set()
    i = 1
    while i < len(forms) - 1:
        end = i
        while end < len(forms) - 1 and forms[end] in particles:
            end += 1
        if end > i and forms[i - 1][:1].isupper() and forms[end][:1].isupper():
            found.update(range(i, end))
        i = max(end, i + 1)
    return frozenset(found)


def _adjective_lemma(
    forms: tuple[str, ...],
    base: list[str],
    declinable: list[int],
    readings: dict[int, tuple[Reading, ...]],
    transparent: frozenset[int],
    synthesizer: Synthesizer,
) -> list[int]:
    """A word derived from a name ("polskich", "Rosyjskiego") is cited by its adjective lemma,
    masculine singular, lowercase, as dictionaries cite adjectives: written into ``base``, and
    then nothing is left to decline. A longer adjective phrase declines as any other."""
    declining = [i for i in declinable if i not in transparent]
    if len(declining) != 1:
        return declinable
    i = declining[0]
    adjectives = [r for r in readings[i] if r.pos in ADJ_CLASSES]
    if adjectives:
        best = max(adjectives, key=lambda r: r.weight)
        base[i] = (synthesizer.adjective_lemma(best) or forms[i]).lower()
    return []
