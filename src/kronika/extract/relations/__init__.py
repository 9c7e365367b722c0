"""Relations of the graph read from one document: ``member_of``, ``role``, ``subsidiary_of``,
``partner_of``, ``opposes``, ``sanctions`` (GUIDELINES-graph.md), each as a :class:`Found` with
its evidence, status and the stretches of text of its two ends. Linking the ends to entities,
the time, the claim and the validity interval are ``kronika.resolve.relations``' part.

The cues live in ``kronika/extract/pl/relations.yaml`` and are matched by SGJP lemma.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from kronika.extract.relations.adherents import find_adherents
from kronika.extract.relations.base import Found, Ref, View
from kronika.extract.relations.companies import find_companies
from kronika.extract.relations.membership import find_memberships_all
from kronika.extract.relations.roles import find_roles_all
from kronika.extract.relations.stances import find_stances
from kronika.model import Timex

__all__ = ["Found", "Ref", "find_relations"]


def find_relations(doc: Doc, timexes: Sequence[Timex]) -> list[Found]:
    """Every relation the document states, in text order (duplicates are joined when linked)."""
    view = View(doc)
    found = (
        find_memberships_all(view, timexes)
        + find_roles_all(view)
        + find_companies(view)
        + find_stances(view)
        + find_adherents(view)
    )
    return sorted(found, key=lambda f: (f.start, f.end))
