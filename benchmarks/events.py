"""Events of :mod:`kronika.extract.events` against the gold-dev annotation.

Usage::

    python benchmarks/events.py ../shared/data/gold-dev [--dev 30] [--errors FILE]

DATA holds ``articles.jsonl`` (id, date, text) and ``events.jsonl`` (id, events: type, trigger,
evidence, time, place, participants, status, event), annotated by ``GUIDELINES-graph.md``.
kronika's pipeline runs over each article's body ``text`` (dated by its ``date``, cut to the day).
Articles are split in file order: the first ``--dev`` (30) are the development part, the rest
are held out and never tuned on; the numbers are printed for both and for all.

Scoring, as the guidelines' section "How a system is scored" says: a found event matches an
unmatched gold record of the same ``type`` whose ``evidence`` span its own span (``start``–
``end``) overlaps; a gold evidence is located in the text by exact substring search (its first
occurrence). Among several candidates, the gold whose evidence holds the found trigger is taken,
else the one overlapping most. Precision, recall and F1 per type and overall; then, on matches,
time accuracy (equal TIMEX3 values, over matched golds that have a time) and participant
precision and recall. Two names match when the set of their words' first five letters
(lowercased) of one contains the other's; a found participant (an entity id) matches by its
canonical name or any alias in the record's ``entities``.

``--errors FILE`` writes the development part's misses, false alarms, wrong times and
participants; the held-out part is never shown item by item.

Measured (2026-12-03, 40 articles, 304 gold records; tuned on the first 30 only):

    part        P      R      F1     time accuracy   participants P / R
    dev 30      0.701  0.662  0.681  0.864 (38/44)   0.596 / 0.401
    held out    0.416  0.364  0.388  0.778 (7/9)     0.550 / 0.333
    all 40      0.623  0.576  0.598  0.849 (45/53)   0.590 / 0.391

The held-out part is mostly elections (33 of its 88 records), where the found events rarely
overlap the gold evidence of that type (P 0.29, R 0.30); its errors were not looked at.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kronika
from kronika.ingest import Document

TYPES = (
    "summit", "meeting", "election", "protest", "agreement", "sanctions", "legal", "military",
    "appointment", "accession", "business", "incident", "other",
)  # fmt: skip


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    timed: int = 0
    time_right: int = 0
    found_parties: int = 0
    found_parties_right: int = 0
    gold_parties: int = 0
    gold_parties_right: int = 0
    status_right: int = 0

    def add(self, other: Score) -> None:
        for name in ("tp", "fp", "fn"):
            mine = getattr(self, name)
            for key, value in getattr(other, name).items():
                mine[key] += value
        for name in (
            "timed", "time_right", "found_parties", "found_parties_right", "gold_parties",
            "gold_parties_right", "status_right",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def name_key(name: str) -> frozenset[str]:
    return frozenset(word[:5].lower() for word in re.findall(r"\w+", name))


def names_match(one: str, other: str) -> bool:
    a, b = name_key(one), name_key(other)
    return bool(a and b) and (a <= b or b <= a)


def _party_names(ident: str, entities: dict[str, dict[str, Any]]) -> list[str]:
    entity = entities.get(ident)
    return [entity["name"], *entity.get("aliases", [])] if entity else []


def score_parties(found: list[str], gold: list[str], entities: dict, score: Score) -> list[str]:
    """Add participant counts; return the unmatched names, for the error list."""
    unmatched = list(gold)
    right = 0
    for ident in found:
        names = _party_names(ident, entities)
        hit = next((g for g in unmatched if any(names_match(n, g) for n in names)), None)
        if hit is not None:
            unmatched.remove(hit)
            right += 1
    score.found_parties += len(found)
    score.found_parties_right += right
    score.gold_parties += len(gold)
    score.gold_parties_right += len(gold) - len(unmatched)
    return unmatched


def locate(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    return (start, start + len(evidence)) if start >= 0 else None


def score_article(record: dict, gold: list[dict], errors: list[str] | None) -> Score:
    score = Score()
    text = record["text"]
    entities = {e["id"]: e for e in record["entities"]}
    spans = [locate(text, g["evidence"]) for g in gold]
    if errors is not None:
        errors += [
            f"  (gold evidence not in text: {g['evidence']!r})"
            for g, s in zip(gold, spans, strict=True)
            if s is None
        ]
    taken: set[int] = set()
    for event in record["events"]:
        candidates = [
            (i, s)
            for i, (g, s) in enumerate(zip(gold, spans, strict=True))
            if i not in taken
            and s is not None
            and g["type"] == event["type"]
            and s[0] < event["end"]
            and event["start"] < s[1]
        ]
        if not candidates:
            score.fp[event["type"]] += 1
            if errors is not None:
                errors.append(
                    f"  FALSE {event['type']} «{event['trigger']}» {event['status']}: "
                    f"{text[event['start'] : event['end']]!r}"
                )
            continue
        i, _span = max(
            candidates,
            key=lambda c: (
                c[1][0] <= event["trigger_start"] < c[1][1],
                min(c[1][1], event["end"]) - max(c[1][0], event["start"]),
            ),
        )
        taken.add(i)
        g = gold[i]
        score.tp[g["type"]] += 1
        score.status_right += event["status"] == g["status"]
        if g["time"]:
            score.timed += 1
            score.time_right += event["time"] == g["time"]
        missed = score_parties(event["participants"], g["participants"], entities, score)
        if errors is not None and (
            (g["time"] and event["time"] != g["time"])
            or missed
            or len(event["participants"]) > len(g["participants"]) - len(missed)
        ):
            found = [entities[p]["name"] for p in event["participants"] if p in entities]
            errors.append(
                f"  MATCH {g['type']} «{event['trigger']}»/«{g['trigger']}» "
                f"time {event['time']}/{g['time']} "
                f"parties {found} / {g['participants']} status {event['status']}/{g['status']}"
            )
    for i, g in enumerate(gold):
        if i not in taken:
            score.fn[g["type"]] += 1
            if errors is not None:
                errors.append(
                    f"  MISS {g['type']} «{g['trigger']}» {g['status']}: {g['evidence']!r}"
                )
    return score


def report(name: str, score: Score) -> None:
    tp, fp, fn = (sum(getattr(score, k).values()) for k in ("tp", "fp", "fn"))
    p, r, f = prf(tp, fp, fn)
    print(f"\n== {name}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    time = score.time_right / score.timed if score.timed else 0.0
    pp = score.found_parties_right / score.found_parties if score.found_parties else 0.0
    pr = score.gold_parties_right / score.gold_parties if score.gold_parties else 0.0
    print(
        f"   time accuracy {time:.3f} ({score.time_right}/{score.timed} matched golds with a time)"
    )
    print(
        f"   participants P {pp:.3f} ({score.found_parties_right}/{score.found_parties})"
        f"  R {pr:.3f} ({score.gold_parties_right}/{score.gold_parties})"
    )
    status = score.status_right / tp if tp else 0.0
    print(
        f"   status agreement {status:.3f} ({score.status_right}/{tp} matches;"
        " not in the guidelines' score)"
    )
    print(f"   {'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'found':>6}")
    for kind in TYPES:
        t, f_, n = score.tp[kind], score.fp[kind], score.fn[kind]
        if t + f_ + n:
            p, r, f1 = prf(t, f_, n)
            print(f"   {kind:<12} {p:6.3f} {r:6.3f} {f1:6.3f} {t + n:5d} {t + f_:6d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with articles.jsonl and events.jsonl")
    parser.add_argument("--dev", type=int, default=30, help="articles in the development part")
    parser.add_argument("--errors", type=Path, help="write the development part's errors here")
    args = parser.parse_args()
    articles = [
        json.loads(line)
        for line in (args.data / "articles.jsonl").open(encoding="utf-8")
        if line.strip()
    ]
    gold = {
        row["id"]: row["events"]
        for row in map(json.loads, (args.data / "events.jsonl").open(encoding="utf-8"))
        if row
    }
    nlp = kronika.load()
    dev, held, errors = Score(), Score(), []
    for n, article in enumerate(articles):
        date = (article.get("date") or "")[:10] or None
        document = Document.create(
            article["text"], source=article["id"], date=date, title=article.get("title")
        )
        record = kronika.analyze(document, nlp=nlp).to_json()
        in_dev = n < args.dev
        article_errors: list[str] | None = [] if in_dev and args.errors else None
        score = score_article(record, gold.get(article["id"], []), article_errors)
        (dev if in_dev else held).add(score)
        if article_errors:
            errors += [f"## {n} {article['id']}", *article_errors]
    every = Score()
    every.add(dev)
    every.add(held)
    report(f"development (first {args.dev} articles)", dev)
    report(f"held out (last {len(articles) - args.dev} articles)", held)
    report(f"all ({len(articles)} articles)", every)
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")
        print(f"\nerrors of the development part: {args.errors}", file=sys.stderr)


if __name__ == "__main__":
    main()
