"""Numeric facts: poll results as data.

``find_polls(doc, timexes)`` reads poll results as data: each share of a population ("47 proc.
ankietowanych", "co trzeci Polak", "większość (56 proc.) respondentów") with what it is about, the
pollster ("z sondażu Chatham House", "według CBOS", "badanie IBRiS dla „Rzeczpospolitej”") from
the same or a neighbouring sentence, and the fieldwork time ("przeprowadzonego w sierpniu ubiegłego
roku"). A percentage counts as a poll result only when it is a share of people with a poll or an
opinion verb around it; economic percentages ("PKB wzrośnie o 2 proc.") and vote results ("w
referendum 52 proc. głosujących") are left alone. Whether a poll is a speaker's claim (inside a
quotation) is decided when it is linked, in ``kronika.resolve.facts``.

There is no dependency parser in the pipeline, so clauses are cut at punctuation and conjunctions
and cases come from SGJP readings (all of them, as the chosen lemma can be wrong). The vocabulary
lives in ``pl/facts.yaml``; this module holds only the logic.

Modules: ``lexicon`` (the vocabulary of ``pl/facts.yaml``), ``view`` (token tests and the
document as the extractors see it), ``shares`` (a share and its population), ``statements`` (a
share's clause and what it is about; whether it is a poll result), ``sources`` (pollster and
fieldwork time) and ``polls`` (``find_polls``). The ``member_of`` lists and phrases that also read
this vocabulary are ``kronika.extract.relations.lists``.
"""

from __future__ import annotations

from kronika.extract.facts.lexicon import Lexicon, lexicon
from kronika.extract.facts.polls import find_polls

__all__ = ["Lexicon", "find_polls", "lexicon"]
