"""Relations of kronika's pipeline scored against gold-dev's ``relations.jsonl``.

Usage::

    python benchmarks/relations.py ../shared/data/gold-dev [--dev 30] [--errors FILE]

DATA holds ``articles.jsonl`` (id, date, text) and ``relations.jsonl`` (id, relations: subject,
predicate, object, value, status, time, evidence, claim), annotated by GUIDELINES-graph.md. The
pipeline reads each article's body ``text`` (as the gold does) with its date. Articles are split in
file order: the first ``--dev`` (30) are the development part, the rest are held out; the numbers
are printed for both and for all.

Scoring (GUIDELINES-graph.md, "How a system is scored"): a found relation matches an unmatched
gold one with the same predicate when the subject names match and, if the gold has an object,
the object names match; for ``role`` the titles must also share a word. Two names match when the
set of their words' first five letters (lowercased) of one contains the other's; a found entity
matches by its canonical name or any alias. Time accuracy is over matched relations with a gold
time: the found time must start with the gold value. The relaxed figure also lets a found relation
with no object match a gold one that has an object. Which unmatched gold a found relation takes
is not fixed by the guidelines: one with the same status first, then any (in text order).

``--errors FILE`` writes the false positives and negatives of the development part only; the
held-out part is never shown item by item.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kronika
from kronika.ingest import Document
from kronika.pipeline import analyze_document

PREDICATES = ("member_of", "role", "subsidiary_of", "partner_of", "opposes", "sanctions")
WORD = re.compile(r"\w+")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Score:
    counts: dict[str, Counts] = field(
        default_factory=lambda: {p: Counts() for p in (*PREDICATES, "all")}
    )
    relaxed: Counts = field(default_factory=Counts)
    time_ok: int = 0
    time_total: int = 0

    def add(self, other: Score) -> None:
        for key, counts in other.counts.items():
            self.counts[key].add(counts)
        self.relaxed.add(other.relaxed)
        self.time_ok += other.time_ok
        self.time_total += other.time_total


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def name_key(name: str) -> frozenset[str]:
    """The set of the first five letters (lowercased) of the name's words."""
    return frozenset(word.lower()[:5] for word in WORD.findall(name))


def names_match(found: Iterable[str], gold: str) -> bool:
    """Some found name and the gold name: one's word set contains the other's."""
    g = name_key(gold)
    if not g:
        return False
    for name in found:
        f = name_key(name)
        if f and (f <= g or g <= f):
            return True
    return False


def titles_share_word(found: str | None, gold: str | None) -> bool:
    return bool(
        {w.lower() for w in WORD.findall(found or "")}
        & {w.lower() for w in WORD.findall(gold or "")}
    )


def entity_names(record: dict[str, Any]) -> dict[str, list[str]]:
    """Entity id → its canonical name and aliases."""
    return {e["id"]: [e["name"], *e.get("aliases", [])] for e in record["entities"]}


def _matches(found: dict[str, Any], gold: dict[str, Any], relaxed: bool) -> bool:
    if found["predicate"] != gold["predicate"]:
        return False
    if not names_match(found["subject_names"], gold["subject"]):
        return False
    if gold.get("object") is not None:
        if found["object_names"]:
            if not names_match(found["object_names"], gold["object"]):
                return False
        elif not relaxed:
            return False
    return gold["predicate"] != "role" or titles_share_word(found.get("value"), gold["value"])


def found_relations(record: dict[str, Any]) -> list[dict[str, Any]]:
    names = entity_names(record)
    text = record["text"]
    result = []
    for rel in record["relations"]:
        result.append(
            {
                **rel,
                "subject_names": names.get(rel["subject"], []),
                "object_names": names.get(rel["object"], []) if rel.get("object") else [],
                "evidence_text": text[rel["start"] : rel["end"]],
            }
        )
    return result


def _pair(
    found: list[dict[str, Any]], gold: list[dict[str, Any]], relaxed: bool
) -> list[int | None]:
    """For each found relation, the index of the gold one it takes, or None."""
    used: set[int] = set()
    # which gold a found relation takes is left open by the guidelines: one of the same
    # status if there is one, so a relation stated twice with two statuses pairs right
    matched: dict[int, int] = {}
    for n, rel in enumerate(found):
        same = next(
            (
                i
                for i, g in enumerate(gold)
                if i not in used and g["status"] == rel.get("status") and _matches(rel, g, relaxed)
            ),
            None,
        )
        if same is not None:
            used.add(same)
            matched[n] = same
    matches: list[int | None] = []
    for n, rel in enumerate(found):
        match = matched.get(n)
        if match is None:
            match = next(
                (i for i, g in enumerate(gold) if i not in used and _matches(rel, g, relaxed)),
                None,
            )
        if match is not None:
            used.add(match)
        matches.append(match)
    return matches


def score_article(
    found: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> tuple[Score, list[tuple[str, dict[str, Any]]]]:
    score = Score()
    errors: list[tuple[str, dict[str, Any]]] = []
    for relaxed in (False, True):
        matches = _pair(found, gold, relaxed)
        for rel, match in zip(found, matches, strict=True):
            counts = score.relaxed if relaxed else score.counts[rel["predicate"]]
            if match is None:
                counts.fp += 1
                if not relaxed:
                    errors.append(("FP", rel))
                continue
            counts.tp += 1
            g = gold[match]
            if not relaxed and g.get("time"):
                score.time_total += 1
                if str(rel.get("time") or "").startswith(str(g["time"])):
                    score.time_ok += 1
                else:
                    errors.append(("TIME", {**rel, "gold_time": g["time"]}))
        used = {match for match in matches if match is not None}
        for i, g in enumerate(gold):
            if i in used:
                continue
            if relaxed:
                score.relaxed.fn += 1
            else:
                score.counts[g["predicate"]].fn += 1
                errors.append(("FN", g))
    for predicate in PREDICATES:
        score.counts["all"].add(score.counts[predicate])
    return score, errors


def report(name: str, score: Score) -> str:
    lines = [name]
    for key in (*PREDICATES, "all"):
        c = score.counts[key]
        p, r, f = c.prf()
        lines.append(
            f"  {key:13s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"
        )
    p, r, f = score.relaxed.prf()
    lines.append(f"  {'relaxed':13s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    acc = score.time_ok / score.time_total if score.time_total else 0.0
    lines.append(f"  time accuracy {acc:.3f} ({score.time_ok}/{score.time_total} with a gold time)")
    return "\n".join(lines)


def _document(article: dict[str, Any]) -> Document:
    date = (article.get("date") or "").strip() or None
    if date is not None:
        date = date[:10]
    return Document.create(
        article["text"],
        source=article["id"],
        date=date,
        external_id=article["id"],
        title=article.get("title"),
    )


def evaluate(data: Path, dev: int = 30) -> dict[str, Any]:
    """Scores per part ("dev", "held-out", "all") and the development part's errors."""
    articles = read_jsonl(data / "articles.jsonl")
    gold = {row["id"]: row["relations"] for row in read_jsonl(data / "relations.jsonl")}
    nlp = kronika.load()
    parts = {"dev": Score(), "held-out": Score(), "all": Score()}
    dev_errors: list[tuple[str, str, dict[str, Any]]] = []
    started = time.perf_counter()
    for n, article in enumerate(articles):
        record = analyze_document(_document(article), nlp).record
        score, errors = score_article(found_relations(record), gold.get(article["id"], []))
        part = "dev" if n < dev else "held-out"
        parts[part].add(score)
        parts["all"].add(score)
        if part == "dev":
            dev_errors += [(article["id"], kind, item) for kind, item in errors]
    return {
        "parts": parts,
        "errors": dev_errors,
        "articles": len(articles),
        "dev": min(dev, len(articles)),
        "seconds": time.perf_counter() - started,
    }


def _error_line(article_id: str, kind: str, item: dict[str, Any]) -> str:
    if kind == "FN":
        return (
            f"FN {article_id}: {item['subject']} | {item['predicate']} | {item['object']} | "
            f"{item['value']} | {item['status']} | {item['time']} | {item['evidence'][:120]!r}"
        )
    subject = (item["subject_names"] or ["?"])[0]
    obj = (item["object_names"] or [None])[0]
    extra = f" gold time {item['gold_time']}" if kind == "TIME" else ""
    return (
        f"{kind} {article_id}: {subject} | {item['predicate']} | {obj} | {item.get('value')} | "
        f"{item.get('status')} | {item.get('time')}{extra} | {item['evidence_text'][:120]!r}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--dev", type=int, default=30, help="development articles (file order)")
    parser.add_argument("--errors", type=Path, help="write the development part's errors here")
    args = parser.parse_args()
    result = evaluate(args.data, args.dev)
    if args.errors:
        lines = [_error_line(*error) for error in result["errors"]]
        args.errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n, d = result["articles"], result["dev"]
    parts = result["parts"]
    print(report(f"development part: first {d} articles", parts["dev"]))
    print(report(f"held-out part: last {n - d} articles", parts["held-out"]))
    print(report(f"all {n} articles", parts["all"]))
    print(f"({result['seconds']:.1f} s, pipeline included)")


if __name__ == "__main__":
    main()
