"""Speed of kronika's analyze step beside Morfeusz's own analysis of the same text, same run.

    python benchmarks/speed.py PATH [--limit N] [--ner auto|trained|rules]

PATH: files or folders kronika can ingest, or a BSNLP ``raw`` folder (files of: id, language,
date, url, title, then the body). Prints words/s per core for ``analyze`` (one process), for
Morfeusz 2 analysing the same texts, their ratio, the pipeline's load time and peak memory.
Machines here are noisy: compare the ratio between runs, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

import morfeusz2

from kronika.headlines import analysed_text
from kronika.ingest import Document, read_sources
from kronika.pipeline import analyze_many, load

#: Morfeusz's timing is the median of this many runs over the text.
MORFEUSZ_RUNS = 3


def read_bsnlp(path: Path) -> Document | None:
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) < 6 or len(lines[1].strip()) != 2:
        return None
    body = "\n".join(lines[5:]).strip()
    return Document.create(body, source=str(path), title=lines[4].strip() or None) if body else None


def documents(paths: list[str]) -> list[Document]:
    result: list[Document] = []
    for raw in paths:
        path = Path(raw)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        bsnlp = [d for f in files if f.is_file() and f.suffix == ".txt" and (d := read_bsnlp(f))]
        if bsnlp:
            result.extend(bsnlp)
        else:
            result.extend(d for d in read_sources([raw]) if isinstance(d, Document))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    parser.add_argument("--ner", default="auto", choices=["auto", "trained", "rules"])
    args = parser.parse_args()

    docs = documents(args.paths)
    if args.limit:
        docs = docs[: args.limit]
    # kronika reads a title with its body: Morfeusz gets the same text, and the words are its
    texts = [analysed_text(d.title, d.text) for d in docs]
    words = sum(len(text.split()) for text in texts)
    print(f"{len(docs)} documents, {words} words, {sum(map(len, texts))} characters")

    started = time.perf_counter()
    nlp = load(args.ner)
    load_seconds = time.perf_counter() - started
    names = [name for name, _ in nlp.pipeline]

    morfeusz = morfeusz2.Morfeusz(expand_tags=False)
    # Morfeusz's few seconds vary most between runs: the median of three
    runs = []
    for _ in range(MORFEUSZ_RUNS):
        cpu = time.process_time()
        for text in texts:
            morfeusz.analyse(text)
        runs.append(time.process_time() - cpu)
    morfeusz_seconds = statistics.median(runs)

    cpu = time.process_time()
    for _analysis in analyze_many(docs, ner=args.ner):  # the one-process engine, batches and all
        pass
    kronika_seconds = time.process_time() - cpu

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kronika_rate = words / kronika_seconds
    morfeusz_rate = words / morfeusz_seconds
    print(f"pipeline: {' → '.join(names)} (loaded in {load_seconds:.2f} s)")
    print(
        f"kronika analyze : {kronika_rate:>10,.0f} words/s per core ({kronika_seconds:.1f} s CPU)"
    )
    print(
        f"Morfeusz analyse: {morfeusz_rate:>10,.0f} words/s per core ({morfeusz_seconds:.1f} s CPU)"
    )
    print(f"ratio kronika/Morfeusz: {kronika_rate / morfeusz_rate:.3f}")
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
