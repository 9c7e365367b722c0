"""Analysis shards: analyses written as Parquet files, to store later without analysing again.

``kronika analyze PATHS --out DIR --format parquet`` writes ``DIR/part-00000.parquet``, … (one
row per document) and ``kronika load DIR --db DB`` stores them, for pipelines that keep the
analysis (on a cluster) apart from the one store writer. A row holds the document's id, source
and date (to select shards without reading records), its contract record as JSON, and what the
store needs beyond the contract: the lemmas of each sentence, for the full-text index.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from kronika.errors import InputError
from kronika.model import Analysis

__all__ = ["ROWS_PER_SHARD", "SCHEMA", "read_shards", "shard_paths", "write_shards"]

#: Documents per shard file; a row group holds ``ROWS_PER_GROUP`` of them, so a reader holds one
#: group in memory at a time.
ROWS_PER_SHARD = 10_000
ROWS_PER_GROUP = 256

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("date", pa.string()),
        ("record", pa.string()),  # the contract record, JSON
        ("sentence_lemmas", pa.list_(pa.string())),
    ],
    metadata={"kronika": "analysis shard, contract v1"},
)


def _table(analyses: list[Analysis]) -> pa.Table:
    return pa.table(
        {
            "id": [a.id for a in analyses],
            "source": [a.source for a in analyses],
            "date": [a.date for a in analyses],
            "record": [json.dumps(a.to_json(), ensure_ascii=False) for a in analyses],
            "sentence_lemmas": [list(a.sentence_lemmas) for a in analyses],
        },
        schema=SCHEMA,
    )


def write_shards(
    analyses: Iterable[Analysis], out: str | Path, *, rows_per_shard: int = ROWS_PER_SHARD
) -> int:
    """Write ``analyses`` into shard files in ``out`` (created; existing shards replaced),
    streaming: a row group at a time. Returns the number of documents written."""
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    for old in shard_paths(directory):
        old.unlink()
    written, writer, group = 0, None, []
    try:
        for analysis in analyses:
            if writer is None:
                path = directory / f"part-{written // rows_per_shard:05d}.parquet"
                writer = pq.ParquetWriter(path, SCHEMA, compression="zstd")
            group.append(analysis)
            written += 1
            if len(group) == ROWS_PER_GROUP or written % rows_per_shard == 0:
                writer.write_table(_table(group))
                group = []
            if written % rows_per_shard == 0:
                writer.close()
                writer = None
        if writer is not None and group:
            writer.write_table(_table(group))
    finally:
        if writer is not None:
            writer.close()
    return written


def shard_paths(directory: str | Path) -> list[Path]:
    """The shard files of ``directory``, in the order they were written."""
    return sorted(Path(directory).glob("part-*.parquet"))


def read_shards(directory: str | Path) -> Iterator[Analysis]:
    """The analyses of every shard in ``directory``, in order, a row group at a time."""
    paths = shard_paths(directory)
    if not paths:
        raise InputError(
            "no analysis shards (part-*.parquet) here; write them with "
            "`kronika analyze PATHS --out DIR --format parquet`",
            source=str(directory),
        )
    for path in paths:
        yield from _read_shard(path)


def _read_shard(path: Path) -> Iterator[Analysis]:
    try:
        parquet = pq.ParquetFile(path)
        if not {"record", "sentence_lemmas"} <= set(parquet.schema_arrow.names):
            raise ValueError("it has no record and sentence_lemmas columns")
        batches = parquet.iter_batches(columns=["record", "sentence_lemmas"])
    except (OSError, ValueError, pa.ArrowException) as error:
        raise InputError(f"not a kronika analysis shard ({error})", source=str(path)) from error
    row = 0
    for batch in batches:
        records, lemmas_of = batch.column(0).to_pylist(), batch.column(1).to_pylist()
        for record, lemmas in zip(records, lemmas_of, strict=True):
            row += 1
            try:
                analysis = Analysis.from_json(json.loads(record))
            except (TypeError, KeyError, ValueError) as error:
                raise InputError(
                    f"not a contract record ({error}); the row's line number is its row",
                    source=str(path),
                    line=row,
                ) from error
            yield _with_lemmas(analysis, tuple(lemmas or ()))


def _with_lemmas(analysis: Analysis, lemmas: tuple[str, ...]) -> Analysis:
    return dataclasses.replace(analysis, sentence_lemmas=lemmas)
