"""Query latency on SQLite and PostgreSQL over the same data: p50/p95 of entity, search, members
and timeline, and whether both backends answer alike.

    python benchmarks/store_backends.py --postgres URL --sqlite DB      # a built database
    python benchmarks/store_backends.py --postgres URL --synthetic 10000 [--seed 7] [--work DIR]

``URL`` names an empty PostgreSQL database (or one this script filled before: documents stored
are skipped). With ``--sqlite`` its documents are copied into PostgreSQL through the store API
(records and lemmas, ``store.copy``); with ``--synthetic N`` both databases are made from the
articles of ``export_scale.compose`` (deterministic by seed). The queries are the Python API's,
as the CLI and the web app ask them, on names and words drawn from the data: the entities at
evenly spaced ranks of mention count, blocs with members, words of stored sentences. Each query
runs once to warm the caches, then ``--repeat`` times per backend; the answers of both are
compared (search hits as a set: the two rank equally good hits differently).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kronika
from kronika.store import Store, open_store
from kronika.store.copy import copy_documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_scale import compose, names  # noqa: E402

QUERIES: dict[str, Callable[[Store, str], Any]] = {
    "entity": lambda store, name: kronika.find_entities(store, name),
    "search": lambda store, words: sorted(map(repr, kronika.search(store, words, limit=20))),
    "members": lambda store, bloc: kronika.members(store, bloc),
    "timeline": lambda store, name: kronika.timeline(store, name),
}


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def fill_synthetic(sqlite_db: Path, url: str, count: int, seed: int) -> None:
    pool = names()
    for target in (str(sqlite_db), url):
        started = time.perf_counter()
        with open_store(target) as store:
            for first in range(0, count, 500):
                batch = [compose(i, seed, pool) for i in range(first, min(count, first + 500))]
                store.add(batch)  # type: ignore[arg-type]
        took = time.perf_counter() - started
        kind = "postgres" if target == url else "sqlite"
        print(f"made {count} articles in {kind:<8} {took:7.1f} s ({count / took:6.0f} docs/s)")


def copy_into(sqlite_db: Path, url: str) -> None:
    started = time.perf_counter()
    with kronika.open_db(sqlite_db) as source, open_store(url) as target:
        added = copy_documents(source, target, batch_size=100)
        total = len(source.document_ids())
    took = time.perf_counter() - started
    print(f"copied {added} of {total} documents into postgres in {took:.1f} s")


def asked(sqlite_db: Path, samples: int, seed: int) -> dict[str, list[str]]:
    """Names and words to ask, drawn from the SQLite database."""
    rng = random.Random(seed)
    with kronika.open_db(sqlite_db) as store:
        db = store.db
        ranked = [n for (n,) in db.execute("SELECT name FROM entities ORDER BY mention_count DESC")]
        step = max(1, len(ranked) // samples)
        people = ranked[::step][:samples]
        blocs = [
            name
            for (name,) in db.execute(
                "SELECT e.name FROM entities e WHERE e.id IN (SELECT object FROM relations "
                "WHERE predicate = 'member_of') ORDER BY e.mention_count DESC LIMIT ?",
                (samples,),
            )
        ]
        sentences = db.execute(
            'SELECT substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s '
            "JOIN documents d ON d.id = s.doc_id ORDER BY s.rowid LIMIT 5000"
        ).fetchall()
    words = []
    for _ in range(samples):
        (sentence,) = rng.choice(sentences)
        picked = [w.strip(".,;:!?\"'„”()–") for w in sentence.split() if len(w) > 3]
        words.append(" ".join(rng.sample(picked, min(len(picked), rng.choice((1, 2))))) or "rok")
    return {"entity": people, "search": words, "members": blocs, "timeline": people}


def measure(targets: dict[str, str], asks: dict[str, list[str]], repeat: int) -> None:
    stores = {kind: kronika.open_db(target) for kind, target in targets.items()}
    try:
        print(f"{'query':<9} {'n':>4}  " + "  ".join(f"{k + ' p50/p95 ms':>24}" for k in stores))
        for query, ask in QUERIES.items():
            timings: dict[str, list[float]] = {kind: [] for kind in stores}
            differ = 0
            for item in asks[query]:
                answers = {}
                for kind, store in stores.items():
                    answers[kind] = ask(store, item)  # warm
                    for _ in range(repeat):
                        started = time.perf_counter()
                        ask(store, item)
                        timings[kind].append((time.perf_counter() - started) * 1000)
                differ += len({repr(answer) for answer in answers.values()}) > 1
            cells = []
            for kind in stores:
                p50, p95 = percentiles(timings[kind])
                cells.append(f"{p50:11.1f} / {p95:8.1f}  ")
            print(f"{query:<9} {len(asks[query]):>4}  " + "  ".join(cells) + f"  differ {differ}")
    finally:
        for store in stores.values():
            store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", required=True, help="postgresql:// URL of a database")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--sqlite", type=Path, help="an SQLite database made by kronika build")
    source.add_argument("--synthetic", type=int, help="make N synthetic articles in both")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("build/store_backends"))
    parser.add_argument("--samples", type=int, default=40, help="names and words per query")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.synthetic:
        args.work.mkdir(parents=True, exist_ok=True)
        sqlite_db = args.work / f"synthetic-{args.synthetic}-{args.seed}.db"
        fill_synthetic(sqlite_db, args.postgres, args.synthetic, args.seed)
    else:
        sqlite_db = args.sqlite
        copy_into(sqlite_db, args.postgres)
    asks = asked(sqlite_db, args.samples, args.seed)
    measure({"sqlite": str(sqlite_db), "postgres": args.postgres}, asks, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
