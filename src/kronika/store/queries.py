"""What a query may ask: names and search words checked, LIKE patterns escaped, terms bounded.

User input reaches SQL only as bound parameters; where it becomes part of a pattern (LIKE) or of
a full-text query (FTS5) it is escaped or quoted here, so that ``%``, ``_``, ``"``, ``*``,
``NEAR(`` or ``AND`` are searched for as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from kronika.errors import StoreError

#: longest name an entity lookup accepts, in characters
MAX_NAME_CHARS = 200
#: longest search query, in characters, and most distinct words in it
MAX_QUERY_CHARS = 10_000
MAX_QUERY_TERMS = 32


class QueryError(StoreError, ValueError):
    """A query that cannot be answered as asked (an empty name, too many words). A ValueError,
    and a StoreError so that callers handling the store's errors show it too."""


def shown(text: str, limit: int = 60) -> str:
    """``text`` for a message: quoted, and cut to ``limit`` characters."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def check_name(name: str | None, what: str = "name") -> str:
    """``name`` stripped; a QueryError when it is empty or too long to be a name."""
    stripped = (name or "").strip()
    if not stripped:
        raise QueryError(f"the {what} is empty: give the name of a person, place or organization")
    if len(stripped) > MAX_NAME_CHARS:
        raise QueryError(
            f"the {what} {shown(stripped)} is {len(stripped):,} characters long; a name has at "
            f"most {MAX_NAME_CHARS}"
        )
    return stripped


def like_literal(text: str) -> str:
    r"""``text`` as a LIKE pattern matching itself only (with ``ESCAPE '\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_terms(words: Iterable[str], query: str) -> list[str]:
    """The distinct words of a search query (case-insensitive), in order; a QueryError when the
    query is longer than MAX_QUERY_CHARS or has more than MAX_QUERY_TERMS distinct words."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the search query {shown(query)} is {len(query):,} characters long; kronika searches "
            f"at most {MAX_QUERY_CHARS:,} characters ({MAX_QUERY_TERMS} distinct words)"
        )
    distinct: dict[str, str] = {}
    for word in words:
        if word:
            distinct.setdefault(word.casefold(), word)
    terms = list(distinct.values())
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(
            f"the search query {shown(query)} has {len(terms)} distinct words; kronika searches "
            f"at most {MAX_QUERY_TERMS}: leave out some"
        )
    return terms


def fts_phrase(term: str) -> str:
    """``term`` as an FTS5 string: operators, stars and quotes inside it are plain characters."""
    return '"' + term.replace('"', '""') + '"'


class LemmaQuery(str):
    """A search for sentences holding every term: the string is its FTS5 query (SQLite's store
    reads that), ``terms`` the same query as ``(lemmas, word)`` pairs (for a store without FTS5,
    PostgreSQL's). A term matches where one of its lemmas is among a sentence's lemmas or the
    word itself is in its text."""

    terms: tuple[tuple[tuple[str, ...], str], ...]

    def __new__(cls, terms: Iterable[tuple[Iterable[str], str]]) -> LemmaQuery:
        pairs = tuple((tuple(lemmas), word) for lemmas, word in terms)
        clauses = [
            "("
            + " OR ".join(
                [f"lemmas:{fts_phrase(lemma)}" for lemma in lemmas] + [f"text:{fts_phrase(word)}"]
            )
            + ")"
            for lemmas, word in pairs
        ]
        query = super().__new__(cls, " AND ".join(clauses))
        query.terms = pairs
        return query


#: A search ranks the latest this many matching sentences (the latest stored), a multiple of it
#: for a page beyond them: a word in a quarter of a million sentences of a million articles is
#: ranked in 16 ms instead of 293 (scoring every match), and the newest reports are the ones a
#: reader of the news asks for first. Fewer matches are all ranked.
RANKED_WINDOW = 5000


def ranked_window(limit: int, offset: int) -> int:
    """How many of the latest matches a page ``[offset, offset + limit)`` is ranked among."""
    return -(-max(offset + limit, 1) // RANKED_WINDOW) * RANKED_WINDOW
