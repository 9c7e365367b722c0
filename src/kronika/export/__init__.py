"""Exports: a database's contract records in the formats other tools read.

Every writer takes an iterable of :class:`kronika.model.Analysis` and a path, and streams: it
holds one document (or, for the tables, one batch of documents) at a time. The network formats
are the exception networkx allows: their memory grows with the entities and edges, not with the
documents (see ``network.py``).

    FORMATS["turtle"].write(analyses_of(store), Path("out.ttl"))

``FORMATS`` maps a format name to its :class:`Format`; ``folder`` formats write a directory.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kronika.model import Analysis

__all__ = ["FORMATS", "Format", "analyses_of", "export", "read_jsonl_export"]


class _RecordSource(Protocol):
    def export(self) -> Iterator[dict[str, Any]]: ...


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    #: ``module:function`` of the writer, imported on first use (rdflib, pyarrow… load only then)
    writer: str
    #: True: ``out`` is a directory of files; False: one file
    folder: bool
    description: str

    def write(self, analyses: Iterable[Analysis], out: Path) -> None:
        module, function = self.writer.split(":")
        write: Callable[[Iterable[Analysis], Path], None] = getattr(
            importlib.import_module(f"kronika.export.{module}"), function
        )
        write(analyses, out)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("jsonl", "jsonl:write", False, "the contract: one JSON record per line"),
        Format("turtle", "rdf:write_turtle", False, "RDF Turtle, one chunk per document"),
        Format("nquads", "rdf:write_nquads", False, "RDF N-Quads, one named graph per document"),
        Format("jsonld", "rdf:write_jsonld", False, "one JSON-LD document, a graph per document"),
        Format("graphml", "network:write_graphml", False, "entity network (Gephi, networkx)"),
        Format("gexf", "network:write_gexf", False, "entity network, GEXF 1.2 (Gephi)"),
        Format("csv", "tables:write_csv", True, "a folder of CSV tables joined by ids"),
        Format("parquet", "tables:write_parquet", True, "the same tables as typed Parquet"),
        Format("brat", "annotation:write_brat", True, "per document .txt and .ann"),
        Format("conll", "annotation:write_conll", False, "NKJP-style IOB, a token per line"),
        Format("spacy", "annotation:write_docbin", True, "spaCy DocBin files (.spacy)"),
        Format("bsnlp", "bsnlp:write", True, "BSNLP shared-task system responses"),
    )
}


def analyses_of(store: _RecordSource) -> Iterator[Analysis]:
    """The store's documents as typed analyses, one at a time."""
    for record in store.export():
        yield Analysis.from_json(record)


def export(store: _RecordSource, format_name: str, out: Path) -> None:
    """Write every document of ``store`` to ``out`` in the format ``format_name``."""
    FORMATS[format_name].write(analyses_of(store), out)


def read_jsonl_export(path: str | Path) -> Iterator[Analysis]:
    """The analyses of a ``jsonl`` export, one at a time (to add them to another database)."""
    from kronika.export.jsonl import read

    return read(Path(path))
