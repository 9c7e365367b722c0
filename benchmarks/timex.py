"""Temporal expressions: recognition and normalization of
:func:`kronika.extract.timex.find_timexes`.

Usage::

    python benchmarks/timex.py /work/shared/data/gold-dev [--tune 30] [--errors]

Reads ``articles.jsonl`` (id, date, text) and ``timex.jsonl`` (id, timexes: text, type, value,
mod, end, anchor_needed). Gold records carry no offsets, so each gold text is located in the
article in order of the records (the next occurrence after the previous one, else the first).
Printed for the first ``--tune`` articles (the tuning part), the rest (held out) and all:
recognition precision/recall/F1 by exact span and by overlap, and on overlap-matched pairs the
accuracy of ``value`` (value and mod and end all equal), of value alone, of the ones that need the
publication date (gold ``anchor_needed``), and of ``type``. ``--errors`` lists the tuning part's
mistakes only: the held-out part's individual errors are never shown.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kronika
from kronika.extract.timex import find_timexes


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap_gold: int = 0
    overlap_pred: int = 0
    matched: int = 0
    value_full: int = 0
    value_only: int = 0
    anchored: int = 0
    anchored_right: int = 0
    type_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name != "errors":
                setattr(self, name, getattr(self, name) + getattr(other, name))


def locate(text: str, gold: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    spans = []
    cursor = 0
    for record in gold:
        at = text.find(record["text"], cursor)
        if at < 0:
            at = text.find(record["text"])
        if at < 0:
            continue
        spans.append((at, at + len(record["text"]), record))
        cursor = at + len(record["text"])
    return spans


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_article(text: str, gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Score:
    score = Score(gold=len(gold), predicted=len(predicted))
    spans = locate(text, gold)
    used: set[int] = set()
    for start, end, record in spans:
        exact = [k for k, p in enumerate(predicted) if p["start"] == start and p["end"] == end]
        over = [
            k
            for k, p in enumerate(predicted)
            if p["start"] < end and start < p["end"] and k not in used
        ]
        if exact:
            score.exact += 1
        pick = exact[0] if exact and exact[0] not in used else (over[0] if over else None)
        if pick is None:
            score.errors.append(f"MISS  {record['text']!r} {record['type']} {record['value']}")
            continue
        used.add(pick)
        score.overlap_gold += 1
        score.matched += 1
        p = predicted[pick]
        same_value = p["value"] == record["value"]
        full = (
            same_value
            and p.get("mod") == record.get("mod")
            and p.get("end_value") == record.get("end")
        )
        score.value_only += same_value
        score.value_full += full
        score.type_right += p["type"] == record["type"]
        if record.get("anchor_needed"):
            score.anchored += 1
            score.anchored_right += full
        if not full or p["type"] != record["type"] or not exact:
            score.errors.append(
                f"DIFF  gold {record['text']!r} {record['type']} {record['value']} "
                f"{record.get('mod')} {record.get('end')} "
                f"| got {p['text']!r} {p['type']} {p['value']} {p.get('mod')} "
                f"{p.get('end_value')}"
            )
    for k, p in enumerate(predicted):
        if any(p["start"] < e and s < p["end"] for s, e, _ in spans):
            score.overlap_pred += 1
        elif k not in used:
            score.errors.append(f"EXTRA {p['text']!r} {p['type']} {p['value']} {p.get('mod')}")
    return score


def report(name: str, s: Score) -> dict[str, float]:
    p_exact = s.exact / s.predicted if s.predicted else 0.0
    r_exact = s.exact / s.gold if s.gold else 0.0
    p_over = s.overlap_pred / s.predicted if s.predicted else 0.0
    r_over = s.overlap_gold / s.gold if s.gold else 0.0
    result = {
        "gold": s.gold,
        "predicted": s.predicted,
        "P_exact": p_exact,
        "R_exact": r_exact,
        "F1_exact": _f1(p_exact, r_exact),
        "P_overlap": p_over,
        "R_overlap": r_over,
        "F1_overlap": _f1(p_over, r_over),
        "value_acc": s.value_full / s.matched if s.matched else 0.0,
        "value_only_acc": s.value_only / s.matched if s.matched else 0.0,
        "value_acc_anchored": s.anchored_right / s.anchored if s.anchored else 0.0,
        "type_acc": s.type_right / s.matched if s.matched else 0.0,
    }
    print(
        f"{name:>9}: gold {s.gold:3d} pred {s.predicted:3d} "
        f"| exact P {p_exact:.3f} R {r_exact:.3f} F1 {result['F1_exact']:.3f} "
        f"| overlap P {p_over:.3f} R {r_over:.3f} F1 {result['F1_overlap']:.3f} "
        f"| value {result['value_acc']:.3f} (value alone {result['value_only_acc']:.3f}, "
        f"anchored {result['value_acc_anchored']:.3f} of {s.anchored}) "
        f"| type {result['type_acc']:.3f}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--tune", type=int, default=30, help="articles in the tuning part")
    parser.add_argument("--errors", action="store_true", help="list the tuning part's errors")
    args = parser.parse_args()
    articles = [json.loads(line) for line in (args.data / "articles.jsonl").open(encoding="utf-8")]
    gold = {
        record["id"]: record["timexes"]
        for record in map(json.loads, (args.data / "timex.jsonl").open(encoding="utf-8"))
    }
    nlp = kronika.load()
    parts = {"tune": Score(), "held-out": Score()}
    for n, article in enumerate(articles):
        doc = nlp(article["text"])
        predicted = [t.to_json() for t in find_timexes(doc, article.get("date") or None)]
        score = score_article(article["text"], gold.get(article["id"], []), predicted)
        part = "tune" if n < args.tune else "held-out"
        parts[part].add(score)
        if args.errors and part == "tune" and score.errors:
            print(f"## {article['id']} {article.get('date')}")
            for line in score.errors:
                print("  ", line)
    total = Score()
    for s in parts.values():
        total.add(s)
    report(f"first {args.tune}", parts["tune"])
    report(f"last {len(articles) - args.tune}", parts["held-out"])
    report("all", total)


if __name__ == "__main__":
    main()
