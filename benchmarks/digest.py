"""Digests of the contract records kronika writes for a corpus: the check that a refactor changed
nothing.

    python benchmarks/digest.py PATH... [--out FILE] [--compare FILE]

PATH: files or folders kronika can ingest, or a BSNLP ``raw`` folder (read as benchmarks/speed.py
reads it). Prints one digest over every record; ``--out`` writes one line per document (source,
document id, sha256 of its record as sorted JSON), ``--compare`` lists the documents whose record
differs from such a file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from speed import documents

from kronika.errors import AnalysisError
from kronika.pipeline import analyze_many


def record_digest(record: dict[str, object]) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path, help="write per-document digests here")
    parser.add_argument("--compare", type=Path, help="per-document digests to compare with")
    args = parser.parse_args()

    docs = documents(args.paths)
    lines: list[str] = []
    for document, analysis in zip(docs, analyze_many(docs), strict=True):
        if isinstance(analysis, AnalysisError):
            lines.append(f"{document.source}\t{document.id}\tERROR {analysis}")
            continue
        lines.append(f"{document.source}\t{document.id}\t{record_digest(analysis.record)}")
    overall = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    print(f"{len(lines)} documents, digest {overall}")
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.compare:
        before = dict(
            (line.split("\t")[0] + "\t" + line.split("\t")[1], line.split("\t")[2])
            for line in args.compare.read_text(encoding="utf-8").splitlines()
        )
        changed = [
            line.split("\t")[0]
            for line in lines
            if before.get("\t".join(line.split("\t")[:2])) != line.split("\t")[2]
        ]
        print(f"{len(changed)} documents differ from {args.compare}")
        for source in changed[:50]:
            print(f"  {source}")
        if changed:
            sys.exit(1)


if __name__ == "__main__":
    main()
