"""Build throughput with 1 and 2 local workers and with Ray; where the one writer saturates.

    python benchmarks/build_scaling.py [--count 2000] [--seed 7] [--work DIR] [--skip-ray]

Articles come from benchmarks/corpus.py (deterministic by seed). Measured, wall clock, each run
into a fresh database:

- ``build`` with the local engine and 1 and 2 workers, and with the Ray engine (a local Ray,
  2 actors): documents per second, pipeline loading included (``load`` is printed apart);
- ``analyze --format parquet`` with 1 worker: the analysis rate of one worker, nothing stored;
- ``load`` of those shards: the single writer's rate alone, nothing analysed.

From the last two the scaling curve is simulated: with k workers the build stores at most
``min(k * analysis rate, writer rate)`` documents per second, so the writer saturates at
``writer rate / analysis rate`` workers; the 8-worker line is that simulation (this machine has
2 cores). Sizes per article: the database (after a checkpoint) and the shards.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402
from kronika import api  # noqa: E402
from kronika.pipeline import load  # noqa: E402
from kronika.shards import write_shards  # noqa: E402


def _db_bytes(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.stat().st_size


def _write_corpus(path: Path, count: int, seed: int) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for record in generate(count, seed):
            words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def _build(corpus: Path, db: Path, workers: int, engine: str) -> tuple[float, int]:
    started = time.perf_counter()
    report = api.build([corpus], db, workers=workers, engine=engine)
    return time.perf_counter() - started, report.added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, help="folder for the corpus and databases")
    parser.add_argument("--skip-ray", action="store_true", help="without the Ray engine run")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kronika-scaling-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    words = _write_corpus(corpus, args.count, args.seed)
    print(f"corpus: {args.count} articles, {words / args.count:.0f} words each ({corpus})")
    started = time.perf_counter()
    load()
    loading = time.perf_counter() - started
    print(f"pipeline load: {loading:.1f} s (in each build and each worker)")

    runs = [("local", 1), ("local", 2)] + ([] if args.skip_ray else [("ray", 2)])
    for engine, workers in runs:
        db = work / f"build-{engine}-{workers}.db"
        db.unlink(missing_ok=True)
        seconds, added = _build(corpus, db, workers, engine)
        print(
            f"build --engine {engine} --workers {workers}: {added} documents in {seconds:.1f} s, "
            f"{added / seconds:.1f} documents/s, {words / seconds:.0f} words/s"
        )
    db_size = _db_bytes(work / "build-local-1.db")

    shards = work / "shards"
    started = time.perf_counter()
    written = write_shards(api.analyze_paths([corpus]), shards)
    analysis_s = time.perf_counter() - started
    analysis_rate = written / analysis_s
    shard_bytes = sum(path.stat().st_size for path in shards.glob("*.parquet"))
    loaded_db = work / "loaded.db"
    loaded_db.unlink(missing_ok=True)
    started = time.perf_counter()
    report = api.load_shards(shards, loaded_db)
    writer_s = time.perf_counter() - started
    writer_rate = report.added / writer_s
    print(
        f"analyze --format parquet --workers 1: {written} documents in {analysis_s:.1f} s, "
        f"{analysis_rate:.1f} documents/s per worker"
    )
    print(
        f"load (the writer alone): {report.added} documents in {writer_s:.1f} s, "
        f"{writer_rate:.1f} documents/s"
    )
    print(f"writer saturates at {writer_rate / analysis_rate:.1f} workers")
    print("simulated: workers  analysis docs/s  stored docs/s  writer busy")
    for workers in (1, 2, 4, 8, 16, 32):
        offered = workers * analysis_rate
        stored = min(offered, writer_rate)
        print(f"{workers:>20}  {offered:>15.1f}  {stored:>13.1f}  {stored / writer_rate:>10.0%}")
    print(
        f"size per article: database {db_size / args.count / 1024:.1f} KB, "
        f"shards {shard_bytes / args.count / 1024:.1f} KB"
    )


if __name__ == "__main__":
    main()
