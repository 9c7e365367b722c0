"""Polish temporal expressions, recognized on the analysed Doc and normalized to TIMEX3 values.

Recognition is a small left-to-right grammar over tokens: an optional preposition (which gives the
``mod``: "od" START, "do" END, …), an optional position noun ("do końca", "w połowie") or
approximation word ("ponad"), then one *core* expression (a date, month, year, weekday, relative
phrase, duration, clock time …). Words are compared by their disambiguated lemma, so the
vocabularies in ``pl/timex.yaml`` hold lemmas, not inflected forms.

Values are resolved against the document date; a weekday or a month without a year takes the
tense of the nearest verb into account (past → the most recent one, future → the next one), as the
annotation guidelines ask. Without a document date such values keep ``X`` placeholders
("XXXX-11-04"), which :func:`infer_document_date` can later fill.

Modules: ``vocabulary`` (the tables of ``pl/timex.yaml``), ``context`` (the document being
searched, the anchor date, token helpers), ``calendar`` (tense, value formats, moving by units),
``dates``, ``weekdays``, ``durations``, ``clock`` and ``phrases`` (the core expressions),
``grammar`` (preposition, position and approximation around a core; ``find_timexes``) and
``document_date`` (dating an undated document from its text).
"""

from __future__ import annotations

from kronika.extract.timex.document_date import document_date_range, infer_document_date
from kronika.extract.timex.grammar import find_timexes, redate_timexes, search_timexes

__all__ = [
    "document_date_range",
    "find_timexes",
    "infer_document_date",
    "redate_timexes",
    "search_timexes",
]
