"""An article's names chosen together.

A name comes back in other cases in the same article, and the forms agree on one nominative
where each alone is unsure: "Obama" could be the genitive of "Obam", but next to "Obamy" and
"Baracka Obamy" it is Obama. Each candidate's probability gains the probability the document's
other phrases of the same category group give that text (a one-word candidate also from their
longer candidates that contain it as a word). Another phrase's nominative that this phrase
reaches word by word is a candidate too: "Asi Bibi" reads as Asia Biba under every one key, but
next to "Asia Bibi" it is Asia Bibi.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from kronika.lang.names.weights import WEIGHTS

#: A phrase's possible nominatives with their probabilities, best first.
Options = list[tuple[str, float]]

#: How the caller names a phrase (its tokens, category and spaces).
PhraseKey = TypeVar("PhraseKey", bound=Hashable)


def choose_together(
    keys: Sequence[PhraseKey],
    scored: Mapping[PhraseKey, Options],
    groups: Mapping[PhraseKey, str | None],
) -> list[str]:
    """The nominative of each phrase ``keys[i]``: ``scored`` holds every distinct phrase's own
    options, ``groups`` its category group; only phrases of one group back each other."""
    result = []
    for key in keys:
        others = [k for k in scored if k != key and groups[k] == groups[key]]
        options = scored[key] + reachable(scored[key], [scored[k] for k in others])
        if len(options) < 2:
            result.append(options[0][0] if options else "")
            continue
        best, best_value = options[0][0], -math.inf
        for text, probability in options:
            value = probability + WEIGHTS.document_weight * sum(
                support(text, scored[other]) for other in others
            )
            if value > best_value + 1e-9:
                best, best_value = text, value
        result.append(best)
    return result


def reachable(options: Options, others: list[Options]) -> Options:
    """The other phrases' best nominatives that are not among ``options`` but that each of
    whose words one of the options has in the same place (with no probability of their own)."""
    if not options:
        return []
    known = {text for text, _p in options}
    words: dict[int, list[set[str]]] = {}
    for text, _p in options:
        split = text.split(" ")
        places = words.setdefault(len(split), [set() for _ in split])
        for place, word in zip(places, split, strict=True):
            place.add(word)
    found: Options = []
    for other in others:
        if not other:
            continue
        text = other[0][0]
        split = text.split(" ")
        at = words.get(len(split))
        if text in known or at is None:
            continue
        if all(word in place for word, place in zip(split, at, strict=True)):
            known.add(text)
            found.append((text, 0.0))
    return found


def support(text: str, options: Options) -> float:
    """How much another phrase's candidates back ``text``: the probability of the same text, or
    for one word, of longer candidates with that word in them ("Obama" in "Barack Obama")."""
    if " " in text:
        return sum(p for t, p in options if t == text)
    return min(1.0, sum(p for t, p in options if t == text or text in t.split(" ")))
