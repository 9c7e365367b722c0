"""How name phrases are written: spaces between tokens, hyphens and apostrophes, glued case
endings ("PSL-u", "Chomsky'ego"), acronyms and numerals that never change, capitalization."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: An acronym with its case ending glued on by a hyphen, the way Polish writes it: "PSL-u".
INFLECTED_ACRONYM = re.compile(
    r"^([A-ZĄĆĘŁŃÓŚŹŻ0-9][A-ZĄĆĘŁŃÓŚŹŻa-ząćęłńóśźż0-9]*[A-ZĄĆĘŁŃÓŚŹŻ0-9])-([a-ząćęłńóśźż]{1,4})$"
)
ACRONYM_SUFFIX = re.compile(r"^[a-ząćęłńóśźż]{1,4}$")
#: A foreign name with its Polish case ending after an apostrophe: "Chomsky'ego", "Wordsworth’a".
APOSTROPHES = frozenset("'’´`")
APOSTROPHE_INFLECTED = re.compile(r"^(\w*[^\W\d_])['’´`]([a-ząćęłńóśźż]{1,4})$")

#: Tokens before which, and after which, no space is written when the caller gives none.
NO_SPACE_BEFORE = frozenset(".,;:!?)]}…»”’%")
NO_SPACE_AFTER = frozenset("([{„«‘")
HYPHENS = frozenset({"-", "‐", "‑", "–"})
#: Punctuation that never ends a name (a final period may: "S.A.", "Płn.").
TRAILING_PUNCTUATION = frozenset({",", ";", ":"})


def default_spaces(forms: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, as text is usually written: none around hyphens
    and apostrophes ("Wordsworth’a"), none before closing punctuation, none after opening
    brackets and inside straight quotes."""
    spaces = [True] * len(forms)
    quote_open = False
    for i, form in enumerate(forms):
        nxt = forms[i + 1] if i + 1 < len(forms) else ""
        if form == '"':
            quote_open = not quote_open
            if quote_open:
                spaces[i] = False
        if form in HYPHENS or nxt in HYPHENS or form in NO_SPACE_AFTER or form in APOSTROPHES:
            spaces[i] = False
        if nxt and (nxt in NO_SPACE_BEFORE or (nxt == '"' and quote_open)):
            spaces[i] = False
    if spaces:
        spaces[-1] = False
    return spaces


def joined(forms: Sequence[str], spaces: Sequence[bool]) -> str:
    """The tokens as the text writes them."""
    return "".join(f + (" " if s else "") for f, s in zip(forms, spaces, strict=False)).strip()


def transfer_case(source: str, target: str) -> str:
    """Write ``target`` with the capitalization of ``source``: "UNII" → "UNIA", "unii" → "unia"."""
    if not target:
        return target
    if len(source) > 1 and source.isupper():
        return target.upper()
    # the letters both share are written as in the text: SGJP cites some lemmas with a
    # pronunciation mark ("praUss" for "Praussa"), which is not how the name is spelled
    shared = 0
    for a, b in zip(source, target, strict=False):
        if a.lower() != b.lower():
            break
        shared += 1
    if shared:
        return source[:shared] + target[shared:]
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    if source[:1].islower():
        return target[:1].lower() + target[1:]
    return target


def is_word(form: str) -> bool:
    return any(ch.isalpha() for ch in form)


def is_acronym(form: str) -> bool:
    """ "NATO", "PSL", "PiS": two capitals or more, not a capitalized word."""
    return sum(ch.isupper() for ch in form) >= 2 and form.isalnum()


def is_fixed(form: str) -> bool:
    """Words that never change: acronyms and Roman numerals ("NATO", "OUBZ", "XIV"), single
    capitals, words with digits."""
    letters = [ch for ch in form if ch.isalpha()]
    if not letters:
        return True
    if any(ch.isdigit() for ch in form):
        return True
    if len(letters) == 1 and form[:1].isupper():
        return True
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return True
    return is_acronym(form) and len(form) <= 5  # "PiS", "PKiN"


def analysed_form(form: str) -> str:
    """The form looked up in SGJP: words in capitals as capitalized words."""
    if len(form) > 1 and form.isupper():
        return form[0] + form[1:].lower()
    return form
