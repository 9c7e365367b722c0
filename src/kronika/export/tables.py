"""Tables for pandas, polars, DuckDB and spreadsheets: a folder of CSV or Parquet files.

Tables (columns in ``TABLES``): documents, sentences, entities, mentions, timexes, quotes,
relations, events, facts, statements. Rows join by ``doc_id`` and by the index of an item in its
document (``quote_idx``, ``fact_idx``, ``sentence_idx``), entities by ``entity_id`` (mentions'
``entity_id``, relations' ``subject_id`` and ``object_id``, …). Entities are deduplicated across
documents; their aliases are those of every document.

Streaming: rows go out as each document (CSV) or each batch of documents (Parquet, one row
group per batch) is read; only the entity table is kept until the end, so memory grows with the
entities, not with the documents.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kronika.export.common import Sentences
from kronika.model import Analysis

Row = dict[str, Any]
#: column types: str, int, float, bool; every column may be empty (None)
TABLES: dict[str, tuple[tuple[str, type], ...]] = {
    "documents": (
        ("doc_id", str), ("source", str), ("external_id", str), ("title", str), ("url", str),
        ("date", str), ("date_source", str), ("date_precision", str), ("sentences", int),
        ("text", str),
    ),
    "sentences": (("doc_id", str), ("sentence_idx", int), ("start", int), ("end", int)),
    "entities": (
        ("entity_id", str), ("name", str), ("type", str), ("kb", str), ("stands_for", str),
        ("aliases", str), ("documents", int),
    ),
    "mentions": (
        ("doc_id", str), ("start", int), ("end", int), ("text", str), ("lemma", str),
        ("type", str), ("label", str), ("derived", bool), ("description", bool),
        ("entity_id", str), ("sentence_idx", int),
    ),
    "timexes": (
        ("doc_id", str), ("start", int), ("end", int), ("text", str), ("type", str),
        ("value", str), ("mod", str), ("anchor", str), ("end_value", str),
    ),
    "quotes": (
        ("doc_id", str), ("quote_idx", int), ("start", int), ("end", int), ("text", str),
        ("kind", str), ("speaker_id", str), ("speaker_text", str), ("speaker_start", int),
        ("speaker_end", int), ("speaker_description", str), ("cue", str),
        ("addressee_id", str), ("addressee_text", str), ("time", str), ("time_source", str),
        ("sentence_idx", int),
    ),
    "relations": (
        ("doc_id", str), ("relation_idx", int), ("subject_id", str), ("predicate", str),
        ("object_id", str), ("value", str), ("status", str), ("time", str), ("time_text", str),
        ("time_source", str), ("valid_from", str), ("valid_to", str), ("subject_text", str),
        ("object_text", str), ("start", int), ("end", int), ("sentence_idx", int),
        ("evidence", str), ("claim", bool), ("quote_idx", int),
    ),
    "events": (
        ("doc_id", str), ("event_idx", int), ("event_id", str), ("type", str), ("status", str),
        ("trigger", str), ("trigger_start", int), ("trigger_end", int), ("start", int),
        ("end", int), ("time", str), ("time_text", str), ("time_source", str),
        ("place_id", str), ("participants", str), ("claim", bool), ("quote_idx", int),
    ),
    "facts": (
        ("doc_id", str), ("fact_idx", int), ("type", str), ("start", int), ("end", int),
        ("source_id", str), ("source_text", str), ("time", str), ("time_text", str),
        ("time_source", str), ("claim", bool), ("quote_idx", int), ("sentence_idx", int),
    ),
    "statements": (
        ("doc_id", str), ("fact_idx", int), ("statement_idx", int), ("share", float),
        ("unit", str), ("about", str), ("population", str), ("qualifier", str),
        ("text", str), ("start", int), ("end", int),
    ),
}  # fmt: skip
#: separator of a list inside one cell (aliases, participants)
LIST_SEPARATOR = "|"
#: documents per Parquet row group
BATCH_SIZE = 1000


def document_rows(analysis: Analysis) -> dict[str, list[Row]]:
    """The rows of one document in every table but ``entities``."""
    a, doc = analysis, analysis.id
    sentences = Sentences(a)
    rows: dict[str, list[Row]] = {name: [] for name in TABLES if name != "entities"}
    rows["documents"].append(
        {"doc_id": doc, "source": a.source, "external_id": a.external_id, "title": a.title,
         "url": a.url, "date": a.date, "date_source": a.date_source,
         "date_precision": a.date_precision, "sentences": len(a.sentences), "text": a.text}
    )  # fmt: skip
    for index, span in enumerate(a.sentences):
        rows["sentences"].append(
            {"doc_id": doc, "sentence_idx": index, "start": span.start, "end": span.end}
        )
    for m in a.mentions:
        rows["mentions"].append(
            {"doc_id": doc, "start": m.start, "end": m.end, "text": m.text, "lemma": m.lemma,
             "type": m.type, "label": m.label, "derived": m.derived,
             "description": m.description, "entity_id": m.entity,
             "sentence_idx": sentences.index(m.start)}
        )  # fmt: skip
    for t in a.timexes:
        rows["timexes"].append(
            {"doc_id": doc, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
             "value": t.value, "mod": t.mod, "anchor": t.anchor, "end_value": t.end_value}
        )  # fmt: skip
    for i, q in enumerate(a.quotes):
        rows["quotes"].append(
            {"doc_id": doc, "quote_idx": i, "start": q.start, "end": q.end, "text": q.text,
             "kind": q.kind, "speaker_id": q.speaker, "speaker_text": q.speaker_text,
             "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
             "speaker_description": q.speaker_description, "cue": q.cue,
             "addressee_id": q.addressee, "addressee_text": q.addressee_text, "time": q.time,
             "time_source": q.time_source, "sentence_idx": sentences.index(q.start)}
        )  # fmt: skip
    for i, r in enumerate(a.relations):
        rows["relations"].append(
            {"doc_id": doc, "relation_idx": i, "subject_id": r.subject,
             "predicate": r.predicate, "object_id": r.object, "value": r.value,
             "status": r.status, "time": r.time, "time_text": r.time_text,
             "time_source": r.time_source, "valid_from": r.valid_from, "valid_to": r.valid_to,
             "subject_text": r.subject_text, "object_text": r.object_text, "start": r.start,
             "end": r.end, "sentence_idx": sentences.index(r.start), "evidence": r.evidence,
             "claim": r.claim, "quote_idx": r.quote_index}
        )  # fmt: skip
    for i, e in enumerate(a.events):
        rows["events"].append(
            {"doc_id": doc, "event_idx": i, "event_id": e.id, "type": e.type,
             "status": e.status, "trigger": e.trigger, "trigger_start": e.trigger_start,
             "trigger_end": e.trigger_end, "start": e.start, "end": e.end, "time": e.time,
             "time_text": e.time_text, "time_source": e.time_source, "place_id": e.place,
             "participants": LIST_SEPARATOR.join(e.participants), "claim": e.claim,
             "quote_idx": e.quote_index}
        )  # fmt: skip
    for i, f in enumerate(a.facts):
        rows["facts"].append(
            {"doc_id": doc, "fact_idx": i, "type": f.type, "start": f.start, "end": f.end,
             "source_id": f.source, "source_text": f.source_text, "time": f.time,
             "time_text": f.time_text, "time_source": f.time_source, "claim": f.claim,
             "quote_idx": f.quote_index, "sentence_idx": sentences.index(f.start)}
        )  # fmt: skip
        for j, s in enumerate(f.statements):
            rows["statements"].append(
                {"doc_id": doc, "fact_idx": i, "statement_idx": j,
                 "share": None if s.share is None else float(s.share), "unit": s.unit,
                 "about": s.about, "population": s.population, "qualifier": s.qualifier,
                 "text": s.text, "start": s.start, "end": s.end}
            )  # fmt: skip
    return rows


@dataclass
class EntityTable:
    """Entities across documents: the first document's name and type, every alias."""

    rows: dict[str, Row] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)

    def add(self, analysis: Analysis) -> None:
        for e in analysis.entities:
            row = self.rows.get(e.id)
            if row is None:
                row = self.rows[e.id] = {
                    "entity_id": e.id, "name": e.name, "type": e.type, "kb": e.kb,
                    "stands_for": e.stands_for, "documents": 0,
                }  # fmt: skip
                self.aliases[e.id] = set()
            row["documents"] += 1
            self.aliases[e.id].update(e.aliases)

    def table(self) -> list[Row]:
        return [
            {**self.rows[ident], "aliases": LIST_SEPARATOR.join(sorted(self.aliases[ident]))}
            for ident in sorted(self.rows)
        ]


def write_csv(analyses: Iterable[Analysis], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    entities = EntityTable()
    with ExitStack() as stack:
        writers = {}
        for name, columns in TABLES.items():
            if name == "entities":
                continue
            stream = stack.enter_context(
                (out / f"{name}.csv").open("w", encoding="utf-8", newline="")
            )
            writers[name] = csv.DictWriter(stream, [c for c, _t in columns])
            writers[name].writeheader()
        for analysis in analyses:
            entities.add(analysis)
            for name, rows in document_rows(analysis).items():
                writers[name].writerows(rows)
    with (out / "entities.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, [c for c, _t in TABLES["entities"]])
        writer.writeheader()
        writer.writerows(entities.table())


def read_csv(folder: Path) -> dict[str, list[Row]]:
    """The tables of a CSV export with their columns' types (an empty cell is None; empty
    strings are not told apart from missing values)."""
    tables: dict[str, list[Row]] = {}
    for name, columns in TABLES.items():
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
            tables[name] = [
                {column: _typed(row[column], kind) for column, kind in columns}
                for row in csv.DictReader(stream)
            ]
    return tables


def _typed(cell: str, kind: type) -> Any:
    if cell == "":
        return None
    if kind is bool:
        return cell == "True"
    return kind(cell)


def _arrow_schema(name: str) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    types = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return pa.schema([(column, types[kind]) for column, kind in TABLES[name]])


def write_parquet(analyses: Iterable[Analysis], out: Path, *, batch_size: int = BATCH_SIZE) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    out.mkdir(parents=True, exist_ok=True)
    entities = EntityTable()
    names = [name for name in TABLES if name != "entities"]
    schemas = {name: _arrow_schema(name) for name in TABLES}
    with ExitStack() as stack:
        writers = {
            name: stack.enter_context(pq.ParquetWriter(out / f"{name}.parquet", schemas[name]))
            for name in names
        }
        batch: dict[str, list[Row]] = {name: [] for name in names}
        pending = 0

        def flush() -> None:
            for name in names:
                writers[name].write_table(pa.Table.from_pylist(batch[name], schema=schemas[name]))
                batch[name].clear()

        for analysis in analyses:
            entities.add(analysis)
            for name, rows in document_rows(analysis).items():
                batch[name].extend(rows)
            pending += 1
            if pending == batch_size:
                flush()
                pending = 0
        if pending:
            flush()
    pq.write_table(
        pa.Table.from_pylist(entities.table(), schema=schemas["entities"]),
        out / "entities.parquet",
    )
