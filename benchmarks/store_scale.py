"""The store at scale: size per article, query latency and the cost of adding one article.

    python benchmarks/store_scale.py DB [DB ...] [--requests 100] [--add 5] [--seed 7]

For each database (made by ``export_scale.make_db``, or by ``kronika build``) prints its size per
article, then p50/p95 in milliseconds of the queries the API and the web app's pages answer, each
asked ``--requests`` times for entities and words drawn from the database (deterministic by
seed; entities from the 500 most named, where a page is costliest):

    lookup     api.entity_ids: an entity by name, in any inflection
    entity     views.entity: what the entity page and /api/entity/{id} show
    search     views.search: a page of search hits for a word of an entity's name
    members    api.members: the members of a bloc
    timeline   views.timeline: a page of an entity's timeline

Last, ``--add`` synthetic articles are added one by one (a transaction each, as a build of one
new article does) and the median and worst seconds per article printed: the incremental-add cost
beyond loading the pipeline. The database keeps them (new ids, after those stored).

    python benchmarks/store_scale.py SMALL.db BIG.db --replicate 10

makes BIG.db of ten copies of SMALL.db's documents (a million articles from 100k in minutes,
where composing them takes hours), then measures it.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from export_scale import compose, names
from kronika import api
from kronika.store import Store
from kronika.store.connection import connect
from kronika.web import views


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def size_line(db: Path, store: Store) -> str:
    documents = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    size = sum(os.path.getsize(p) for p in (db, Path(f"{db}-wal")) if p.exists())
    per_article = size / documents / 1024
    return f"{documents:,} documents, {size / 2**20:,.0f} MB: {per_article:.1f} KB per article"


def sample(store: Store, count: int, seed: int) -> dict[str, list[str]]:
    """Entity ids, names, search words and blocs to ask for."""
    db = store.db
    top = db.execute(
        "SELECT id, name FROM entities ORDER BY mention_count DESC LIMIT 500"
    ).fetchall()
    blocs = [
        name
        for (name,) in db.execute(
            "SELECT e.name FROM entities e WHERE e.id IN "
            "(SELECT object FROM relations WHERE predicate = 'member_of' LIMIT 10000) "
            "ORDER BY e.mention_count DESC LIMIT 50"
        )
    ]
    pick = random.Random(seed)
    chosen = [pick.choice(top) for _ in range(count)]
    words = [word for _id, name in top for word in name.split() if len(word) > 3]
    return {
        "ids": [ident for ident, _name in chosen],
        "names": [name for _ident, name in chosen],
        "words": [pick.choice(words) for _ in range(count)],
        "blocs": [pick.choice(blocs) for _ in range(count)] if blocs else [],
    }


def timed(ask: Callable[[Any], object], arguments: list[Any]) -> tuple[float, float]:
    if not arguments:
        return float("nan"), float("nan")
    ask(arguments[0])  # warm this query's pages of the file once
    timings = []
    for argument in arguments:
        started = time.perf_counter()
        ask(argument)
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def queries(store: Store, asked: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    return {
        "lookup": timed(lambda name: api.entity_ids(store, name), asked["names"]),
        "entity": timed(lambda ident: views.entity(store, ident), asked["ids"]),
        "search": timed(lambda word: views.search(store, word), asked["words"]),
        "members": timed(lambda bloc: api.members(store, bloc), asked["blocs"]),
        "timeline": timed(lambda ident: views.timeline(store, ident), asked["ids"]),
    }


def add_cost(db: Path, count: int, seed: int) -> tuple[float, float]:
    pool = names()
    timings = []
    with Store(db) as store:
        first = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        for index in range(first, first + count):
            analysis = compose(index, seed + 1, pool)  # another seed: ids never stored yet
            started = time.perf_counter()
            added = store.add([analysis])
            timings.append(time.perf_counter() - started)
            assert added == 1, f"{analysis.id} was stored already"
    return statistics.median(timings), max(timings)


#: Tables of one row per document or per thing in a document, copied once per copy; the others
#: (entities, their aliases and lemmas) once.
PER_DOCUMENT = (
    "documents", "sentences", "mentions", "timexes", "quotes", "relations", "events", "facts",
    "event_parties", "entity_documents", "quoted_entities",
)  # fmt: skip


def _copied_columns(db: sqlite3.Connection, table: str, copy: int, offset: int) -> str:
    columns = [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]
    suffix = f"'.{copy}'" if copy else "''"
    shifted = {
        "id": f"id || {suffix}",
        "doc_id": f"doc_id || {suffix}",
        "event": f"event + {offset}",
        "rowid": f"rowid + {offset}",
        "quote": f"quote + {offset}",
    }
    # a rowid of its own (sentences declares it as a column), else SQLite's implicit one
    without_rowid = (
        "documents",
        "mentions",
        "event_parties",
        "entity_documents",
        "quoted_entities",
    )
    if table not in without_rowid and "rowid" not in columns:
        columns.insert(0, "rowid")
    picked = [shifted.get(column, f'"{column}"') for column in columns]
    return f"({', '.join(chr(34) + c + chr(34) for c in columns)}) SELECT {', '.join(picked)}"


def replicate(source: Path, target: Path, copies: int) -> None:
    """A database of ``copies`` copies of ``source``'s documents (ids ``ID.1``, ``ID.2``, …;
    events keep their ids, as reports of one event), quicker to make than composing as many:
    the distribution of names is the source's, each entity named ``copies`` times as often."""
    Store(target).close()  # the current schema
    db = connect(str(target), readonly=False, timeout=30.0)  # the index reads lemmas by a function
    db.execute("ATTACH ? AS source", (str(source),))
    indexes = db.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("BEGIN")
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    # rowids of every table stay apart between copies: one offset beyond the largest of any
    offset = 1 + max(
        db.execute(f"SELECT coalesce(max(rowid), 0) FROM source.{table}").fetchone()[0]
        for table in ("sentences", "timexes", "quotes", "relations", "events", "facts")
    )
    for copy in range(copies):
        for table in PER_DOCUMENT:
            columns = _copied_columns(db, table, copy, copy * offset)
            db.execute(f"INSERT INTO main.{table} {columns} FROM source.{table}")
    for table in ("entities", "entity_aliases", "entity_lemmas"):
        db.execute(f"INSERT INTO main.{table} SELECT * FROM source.{table}")
    db.execute("UPDATE main.entities SET mention_count = mention_count * ?", (copies,))
    for _name, sql in indexes:
        db.execute(sql)
    db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
    db.execute("COMMIT")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dbs", type=Path, nargs="+")
    parser.add_argument(
        "--replicate",
        metavar="COPIES",
        type=int,
        help="make the last DB of COPIES copies of the first one's documents, then measure it",
    )
    parser.add_argument("--requests", type=int, default=100, help="per query")
    parser.add_argument("--add", type=int, default=5, help="articles added one by one")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.replicate:
        started = time.perf_counter()
        replicate(args.dbs[0], args.dbs[-1], args.replicate)
        print(f"made {args.dbs[-1]} in {time.perf_counter() - started:.0f} s", flush=True)
        args.dbs = args.dbs[-1:]
    for db in args.dbs:
        with Store(db, readonly=True) as store:
            print(f"{db}: {size_line(db, store)}", flush=True)
            asked = sample(store, args.requests, args.seed)
            for query, (p50, p95) in queries(store, asked).items():
                print(f"  {query:<9} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms", flush=True)
        if args.add:
            median, worst = add_cost(db, args.add, args.seed)
            print(f"  add one article: median {median:.3f} s, worst {worst:.3f} s", flush=True)


if __name__ == "__main__":
    main()
