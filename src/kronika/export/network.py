"""The entity network for Gephi and networkx: GraphML and GEXF.

Nodes are entities (name, type, Wikidata id, mention count); edges are relations (predicate,
status, first and last time, how many documents state them) and co-occurrence in a sentence
(``kind="cooccurrence"``, ``weight`` = the number of sentences naming both).

Memory: the documents stream past; what is kept is one small dict per entity and one per
distinct edge, so memory grows with the entities and edges of the database, not with its
documents. The networkx graph is built from those dicts once, at the end.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped]

from kronika.export.common import Sentences
from kronika.model import Analysis

#: GEXF version written; networkx's writer knows "1.1draft", "1.2draft" and "1.3"
GEXF_VERSION = "1.3"
# networkx 3.6 spells the XML Schema instance namespace of its 1.3 writer without "www.", which
# no validator recognizes; the header is corrected after writing.
_XSI_WRONG = 'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"'
_XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


@dataclass(slots=True)
class _Edge:
    kind: str
    predicate: str = ""
    status: str = ""
    weight: int = 0
    first_time: str = ""
    last_time: str = ""

    def seen(self, time: str | None) -> None:
        self.weight += 1
        if time:
            self.first_time = min(self.first_time or time, time)
            self.last_time = max(self.last_time, time)


@dataclass
class EntityNetwork:
    """Entities and edges gathered document by document."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str, str], _Edge] = field(default_factory=dict)

    def add(self, analysis: Analysis) -> None:
        for entity in analysis.entities:
            node = self.nodes.setdefault(
                entity.id, {"label": entity.name, "type": entity.type, "mentions": 0}
            )
            if entity.kb:
                node["wikidata"] = entity.kb
        by_sentence: dict[int, set[str]] = {}
        sentences = Sentences(analysis)
        for mention in analysis.mentions:
            if mention.entity is None or mention.entity not in self.nodes:
                continue
            self.nodes[mention.entity]["mentions"] += 1
            index = sentences.index(mention.start)
            if index is not None:
                by_sentence.setdefault(index, set()).add(mention.entity)
        for members in by_sentence.values():
            for a, b in itertools.combinations(sorted(members), 2):
                self._edge(a, b, "cooccurrence", "", "").seen(None)
        for relation in analysis.relations:
            if relation.object is None:
                continue  # a role without what it is of: no second node
            for ident in (relation.subject, relation.object):
                self.nodes.setdefault(ident, {"label": ident, "type": "other", "mentions": 0})
            edge = self._edge(
                relation.subject, relation.object, "relation", relation.predicate, relation.status
            )
            edge.seen(relation.time)

    def _edge(self, source: str, target: str, kind: str, predicate: str, status: str) -> _Edge:
        key = (source, target, kind, predicate, status)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = _Edge(kind, predicate, status)
        return edge

    def graph(self) -> nx.MultiDiGraph:
        """Relations point from subject to object; co-occurrence edges run from the smaller id
        to the larger and carry no direction."""
        graph: nx.MultiDiGraph = nx.MultiDiGraph()
        for ident in sorted(self.nodes):
            graph.add_node(ident, **self.nodes[ident])
        for key in sorted(self.edges):
            edge = self.edges[key]
            attributes: dict[str, Any] = {"kind": edge.kind, "weight": edge.weight}
            for name in ("predicate", "status", "first_time", "last_time"):
                if getattr(edge, name):
                    attributes[name] = getattr(edge, name)
            graph.add_edge(key[0], key[1], key="|".join(key[2:]), **attributes)
        return graph


def network(analyses: Iterable[Analysis]) -> nx.MultiDiGraph:
    gathered = EntityNetwork()
    for analysis in analyses:
        gathered.add(analysis)
    return gathered.graph()


def write_graphml(analyses: Iterable[Analysis], out: Path) -> None:
    nx.write_graphml(network(analyses), out, encoding="utf-8")


def write_gexf(analyses: Iterable[Analysis], out: Path) -> None:
    lines = nx.generate_gexf(network(analyses), version=GEXF_VERSION)
    with out.open("w", encoding="utf-8") as stream:
        for line in lines:
            stream.write(line.replace(_XSI_WRONG, _XSI) + "\n")
