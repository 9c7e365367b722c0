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

Modules: ``lexicon`` (the vocabulary of ``pl/facts.yaml``), ``view`` (token tests and the
document as the extractors see it), polls in ``shares`` (a share and its population),
``statements`` (a share's clause and what it is about; whether it is a poll result), ``sources``
(pollster and fieldwork time) and ``polls`` (``find_polls``), ``memberships``
(``find_memberships``) and ``claims`` (``mark_claims``).
"""

from __future__ import annotations

from kronika.extract.facts.claims import mark_claims
from kronika.extract.facts.lexicon import Lexicon, lexicon
from kronika.extract.facts.memberships import find_memberships
from kronika.extract.facts.polls import find_polls

__all__ = ["Lexicon", "find_memberships", "find_polls", "lexicon", "mark_claims"]
