"""Full-text search without FTS5: the words of a text as SQLite's unicode61 tokenizer sees them.

The SQLite store indexes each sentence's surface text and lemmas with FTS5's ``unicode61
remove_diacritics 2`` tokenizer: a token is a run of letters and digits, lowercased, its
combining diacritics removed ("Łukaszence" → "łukaszence": ł has no combining mark and stays).
The PostgreSQL store gives the same answers by cutting and folding words the same way here, in
Python, and handing PostgreSQL's 'simple' configuration the result (words separated by spaces,
which it only lowercases): no stemmer, no ``unaccent`` extension to install on the server.

A search term matches a sentence where one of its lemmas matches the sentence's lemmas or the
word itself matches its text, each as a phrase of its tokens, as the FTS5 query of
``queries.LemmaQuery`` does; the lemmas carry weight A and the text weight B in the tsvector.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: a token: letters and digits (``\w`` less the underscore, which unicode61 separates on)
_TOKEN = re.compile(r"[^\W_]+")


def fold(token: str) -> str:
    """A token lowercased, its combining diacritics removed (unicode61 remove_diacritics 2)."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def tokens(text: str) -> list[str]:
    """The folded tokens of ``text``, in order."""
    return [fold(match.group()) for match in _TOKEN.finditer(text)]


def indexed(text: str) -> str:
    """``text`` as PostgreSQL's 'simple' configuration should index it: its tokens, spaced."""
    return " ".join(tokens(text))


def _phrase(text: str, weight: str) -> str | None:
    """A tsquery phrase of the tokens of ``text`` at ``weight``; None for a text without any."""
    words = tokens(text)
    if not words:
        return None
    # tokens are letters and digits only: quoted, nothing in them is a tsquery operator
    return " <-> ".join(f"'{word}':{weight}" for word in words)


def tsquery(terms: Sequence[tuple[Sequence[str], str]]) -> str | None:
    """A tsquery (text for ``::tsquery``) for ``(lemmas, word)`` terms, each to match; None
    when a term has no token at all (as FTS5, it then matches nothing)."""
    clauses = []
    for lemmas, word in terms:
        options = [_phrase(lemma, "A") for lemma in lemmas] + [_phrase(word, "B")]
        present = [option for option in options if option is not None]
        if not present:
            return None
        clauses.append("(" + " | ".join(f"({option})" for option in present) + ")")
    return " & ".join(clauses) if clauses else None


def marked(sentence: str, words: Sequence[str], marks: tuple[str, str]) -> str:
    """``sentence`` with each run of tokens that spells one of ``words`` between ``marks``, as
    FTS5's highlight() marks the matches of a query's text phrases."""
    spans = [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(sentence)]
    phrases = [phrase for phrase in (tokens(word) for word in words) if phrase]
    matched: list[tuple[int, int]] = []
    index = 0
    while index < len(spans):
        length = next(
            (
                len(phrase)
                for phrase in phrases
                if [token for _, _, token in spans[index : index + len(phrase)]] == phrase
            ),
            0,
        )
        if length:
            matched.append((spans[index][0], spans[index + length - 1][1]))
            index += length
        else:
            index += 1
    pieces, position = [], 0
    for start, end in matched:
        pieces += [sentence[position:start], marks[0], sentence[start:end], marks[1]]
        position = end
    return "".join(pieces) + sentence[position:]
