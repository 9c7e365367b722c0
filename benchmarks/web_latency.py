"""Latency of the web app's pages, and 200 concurrent readers, on loopback.

    python benchmarks/web_latency.py DB [--requests N] [--readers 200] [--rounds 5]

Starts ``kronika serve`` on a free loopback port over DB, asks for the entity, search and
document pages of entities and words drawn from the database (deterministic by seed), and
prints p50/p95 per page in milliseconds; then runs ``--readers`` concurrent clients, each asking
``--rounds`` pages, and prints how many requests failed (a bounded loop that stops by itself).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample(db: Path, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Entity ids, search words and document ids to ask for, drawn from the database."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    entities = [
        r[0]
        for r in connection.execute(
            "SELECT id FROM entities ORDER BY mention_count DESC, id LIMIT 500"
        )
    ]
    names = [r[0] for r in connection.execute("SELECT name FROM entities LIMIT 2000")]
    documents = [r[0] for r in connection.execute("SELECT id FROM documents LIMIT 5000")]
    connection.close()
    pick = random.Random(seed)
    words = [word for name in names for word in name.split() if len(word) > 3]
    return {
        "entity": [f"/entity/{pick.choice(entities)}" for _ in range(count)],
        "search": [f"/search?q={pick.choice(words)}" for _ in range(count)],
        "document": [f"/document/{pick.choice(documents)}" for _ in range(count)],
    }


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def sequential(base: str, urls: dict[str, list[str]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        for page, paths in urls.items():
            client.get(paths[0])  # warm the caches of this kind of page once
            timings = []
            for path in paths:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            p50, p95 = percentiles(timings)
            print(f"{page:<9} {len(paths)} requests   p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


async def readers(base: str, urls: list[str], count: int, rounds: int) -> tuple[int, int, float]:
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    failures = 0
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def reader(number: int) -> int:
            failed = 0
            for round_ in range(rounds):
                try:
                    response = await client.get(urls[(number * rounds + round_) % len(urls)])
                    failed += response.status_code != 200
                except httpx.HTTPError:
                    failed += 1
            return failed

        started = time.perf_counter()
        results = await asyncio.gather(*(reader(n) for n in range(count)))
        failures = sum(results)
    return count * rounds, failures, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--requests", type=int, default=100, help="per page kind")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5, help="requests per reader")
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kronika.cli", "serve", "--db", str(args.db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/api/stats", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        urls = sample(args.db, args.requests)
        print(
            f"{args.db}: {urls['document'] and len(set(urls['document']))} distinct documents asked"
        )
        sequential(base, urls)
        mixed = [path for paths in urls.values() for path in paths]
        total, failed, seconds = asyncio.run(readers(base, mixed, args.readers, args.rounds))
        print(
            f"{args.readers} concurrent readers: {total} requests in {seconds:.1f} s, "
            f"{failed} failed"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
