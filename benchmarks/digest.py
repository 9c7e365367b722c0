"""Digests of the contract records kronika writes for a corpus: the check that a refactor changed
nothing.

    python benchmarks/digest.py PATH... [--save FILE] [--compare FILE] [--drop KEYS] [--drop-null]

PATH: files or folders kronika can ingest, or a BSNLP ``raw`` folder (read as benchmarks/speed.py
reads it). Prints one digest over every record. ``--save`` writes the records (JSONL);
``--compare`` reads such a file and lists the documents whose record differs, with the first
differing field. ``--drop status,valid_from`` leaves those keys out of every object on both
sides and ``--drop-null`` every key whose value is null: a new field that is null or constant
does not hide a real change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from kronika.errors import AnalysisError
from kronika.pipeline import analyze_many
from speed import documents


def normalized(value: Any, drop: frozenset[str], drop_null: bool) -> Any:
    if isinstance(value, dict):
        return {
            key: normalized(item, drop, drop_null)
            for key, item in value.items()
            if key not in drop and not (drop_null and item is None)
        }
    if isinstance(value, list):
        return [normalized(item, drop, drop_null) for item in value]
    return value


def digest(record: Any) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_difference(before: Any, after: Any, path: str = "") -> str:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                return first_difference(before.get(key), after.get(key), f"{path}.{key}")
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return f"{path}: {len(before)} items → {len(after)}"
        for index, (one, two) in enumerate(zip(before, after, strict=True)):
            if one != two:
                return first_difference(one, two, f"{path}[{index}]")
    shown_before = json.dumps(before, ensure_ascii=False)[:200]
    shown_after = json.dumps(after, ensure_ascii=False)[:200]
    return f"{path}: {shown_before} → {shown_after}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--save", type=Path, help="write the records here (JSONL)")
    parser.add_argument("--compare", type=Path, help="records (JSONL) to compare with")
    parser.add_argument("--drop", default="", help="comma-separated keys left out on both sides")
    parser.add_argument("--drop-null", action="store_true", help="leave out null-valued keys")
    args = parser.parse_args()
    drop = frozenset(key for key in args.drop.split(",") if key)

    docs = documents(args.paths)
    records: list[dict[str, Any]] = []
    for document, analysis in zip(docs, analyze_many(docs), strict=True):
        if isinstance(analysis, AnalysisError):
            records.append({"id": document.id, "source": document.source, "error": str(analysis)})
        else:
            records.append(analysis.record)
    overall = hashlib.sha256(
        "\n".join(digest(normalized(r, drop, args.drop_null)) for r in records).encode()
    ).hexdigest()
    print(f"{len(records)} documents, digest {overall}")
    if args.save:
        with args.save.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.compare:
        with args.compare.open(encoding="utf-8") as lines:
            before = {(r["source"], r["id"]): r for r in map(json.loads, lines)}
        changed = 0
        for record in records:
            old = before.get((record["source"], record["id"]))
            new = normalized(record, drop, args.drop_null)
            old = normalized(old, drop, args.drop_null) if old is not None else None
            if old != new:
                changed += 1
                if changed <= 30:
                    where = first_difference(old, new) if old else "not in the saved records"
                    print(f"  {record['source']}: {where}")
        print(f"{changed} documents differ from {args.compare}")
        if changed:
            sys.exit(1)


if __name__ == "__main__":
    main()
