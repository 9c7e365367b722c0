"""Quotation detection and speaker attribution of :func:`kronika.extract.quotes.find_quotes`.

Usage::

    python benchmarks/quotes.py /work/shared/data/gold-dev [--tune 30] [--errors]
    python benchmarks/quotes.py --check-lexicon

DATA holds ``articles.jsonl`` (id, date, text) and ``quotes.jsonl`` (id, quotes: kind, text,
speaker, speaker_mention, cue). Articles are split in file order: the first ``--tune`` (30) are
the tuning part, the rest are held out; the numbers are printed for both and for all.

Matching: a found quote matches a gold quote of the same kind when their spans overlap by at
least half of the shorter one (each gold quote matched at most once, greedily by overlap).
Speaker accuracy is over matched pairs whose gold speaker is not null. A speaker is correct when,
after lower-casing and stripping quotation marks, either
  (a) the found speaker_text contains the gold speaker_mention or is contained in it, or
  (b) the found text and the gold speaker or speaker_mention share a lemma of a capitalized word
      (surname match: "Noblet" ~ "Philip Noblet", "Timesa" ~ "Times" via the lemma "Times"), or
  (c) the lemma sequence of the found text equals that of the gold speaker or speaker_mention.
``--errors`` lists misses, false alarms and wrong speakers of the tuning part only; the held-out
part is never shown item by item.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kronika
from kronika.extract.quotes import find_quotes

KINDS = ("direct", "indirect")


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
    counts: dict[str, Counts]
    speaker_ok: int = 0
    speaker_total: int = 0

    @classmethod
    def empty(cls) -> Score:
        return cls({k: Counts() for k in (*KINDS, "all")})

    def add(self, other: Score) -> None:
        for k, c in other.counts.items():
            self.counts[k].add(c)
        self.speaker_ok += other.speaker_ok
        self.speaker_total += other.speaker_total


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_spans(text: str, quotes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold quotes with offsets: each text is located at its next occurrence in the article."""
    result = []
    cursor: dict[str, int] = {}
    for q in quotes:
        start = text.find(q["text"], cursor.get(q["text"], 0))
        if start < 0:
            start = text.find(q["text"])
        if start < 0:
            continue
        cursor[q["text"]] = start + 1
        result.append({**q, "start": start, "end": start + len(q["text"])})
    return result


def overlap_ok(a: dict[str, Any], b: dict[str, Any]) -> bool:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return inter > 0 and inter * 2 >= shorter


def _norm(text: str | None) -> str:
    return (text or "").lower().strip(" ,.„”\"«»“'")


class SpeakerJudge:
    """Rule (a)–(c) of the module docstring, with lemmas from kronika's own pipeline."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.cache: dict[str, list[str]] = {}

    def lemmas(self, text: str) -> list[str]:
        if text not in self.cache:
            self.cache[text] = [t.lemma_.lower() for t in self.nlp(text) if t.text[:1].isalnum()]
        return self.cache[text]

    def capital_lemmas(self, text: str) -> set[str]:
        doc = self.nlp(text)
        return {t.lemma_.lower() for t in doc if t.text[:1].isupper()} | {
            t.text.lower() for t in doc if t.text[:1].isupper()
        }

    def ok(self, found: str | None, speaker: str | None, mention: str | None) -> bool:
        if not found:
            return False
        f = _norm(found)
        for g in (mention, speaker):
            if g and (_norm(g) in f or (f and f in _norm(g))):
                return True
        for g in (mention, speaker):
            if not g:
                continue
            if self.capital_lemmas(found) & self.capital_lemmas(g):
                return True
            if self.lemmas(found) == self.lemmas(g):
                return True
        return False


def score_article(found: list[dict], gold: list[dict], judge: SpeakerJudge) -> tuple[Score, list]:
    score = Score.empty()
    errors: list[tuple[str, Any]] = []
    used: set[int] = set()
    for f in found:
        match = None
        for gi, g in enumerate(gold):
            if gi in used or g["kind"] != f["kind"] or not overlap_ok(f, g):
                continue
            match = gi
            break
        if match is None:
            score.counts[f["kind"]].fp += 1
            errors.append(("FP", f))
            continue
        used.add(match)
        score.counts[f["kind"]].tp += 1
        g = gold[match]
        if g.get("speaker"):
            score.speaker_total += 1
            if judge.ok(f["speaker_text"], g["speaker"], g.get("speaker_mention")):
                score.speaker_ok += 1
            else:
                errors.append(("SPK", (f, g)))
    for gi, g in enumerate(gold):
        if gi not in used:
            score.counts[g["kind"]].fn += 1
            errors.append(("FN", g))
    for k in KINDS:
        score.counts["all"].add(score.counts[k])
    return score, errors


def report(name: str, score: Score) -> str:
    lines = [f"{name}"]
    for k in (*KINDS, "all"):
        c = score.counts[k]
        p, r, f = c.prf()
        lines.append(
            f"  {k:9s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"
        )
    acc = score.speaker_ok / score.speaker_total if score.speaker_total else 0.0
    lines.append(f"  speaker accuracy {acc:.3f} ({score.speaker_ok}/{score.speaker_total} matched)")
    return "\n".join(lines)


def evaluate(data: Path, tune: int = 30) -> dict[str, Any]:
    """Scores per part ("tune", "held-out", "all") and the tuning part's errors; prints nothing."""
    articles = read_jsonl(data / "articles.jsonl")
    gold = {row["id"]: row["quotes"] for row in read_jsonl(data / "quotes.jsonl")}
    nlp = kronika.load()
    judge = SpeakerJudge(nlp)
    parts = {"tune": Score.empty(), "held-out": Score.empty(), "all": Score.empty()}
    tune_errors: list[tuple[str, str, Any]] = []
    chars = 0
    started = time.perf_counter()
    for n, article in enumerate(articles):
        text = article["text"]
        chars += len(text)
        doc = nlp(text)
        found = [quote.to_json() for quote in find_quotes(doc)]
        score, errors = score_article(found, gold_spans(text, gold.get(article["id"], [])), judge)
        part = "tune" if n < tune else "held-out"
        parts[part].add(score)
        parts["all"].add(score)
        if part == "tune":
            tune_errors += [(article["id"], kind, item) for kind, item in errors]
    return {
        "parts": parts,
        "errors": tune_errors,
        "articles": len(articles),
        "tune": min(tune, len(articles)),
        "seconds": time.perf_counter() - started,
        "chars": chars,
    }


def check_lexicon() -> list[str]:
    """Lemmas of quotes.yaml's verb list that SGJP does not know as verbs (should be empty)."""
    from kronika.extract.quotes import lexicon
    from kronika.lang.morphology import Morphology

    morphology = Morphology()
    missing = []
    for lemma in sorted(lexicon().speech_verbs):
        if not any(r.lemma == lemma and r.pos == "inf" for r in morphology.analyse(lemma)):
            missing.append(lemma)
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, nargs="?")
    parser.add_argument("--tune", type=int, default=30, help="tuning articles (file order)")
    parser.add_argument("--errors", action="store_true", help="list the tuning part's errors")
    parser.add_argument("--check-lexicon", action="store_true")
    args = parser.parse_args()
    if args.check_lexicon:
        missing = check_lexicon()
        print("verbs not in SGJP:", ", ".join(missing) if missing else "none")
        return
    if args.data is None:
        parser.error("DATA is required")
    result = evaluate(args.data, args.tune)
    if args.errors:
        for article_id, kind, item in result["errors"]:
            if kind == "SPK":
                f, g = item
                print(
                    f"{kind} {article_id}: found {f['speaker_text']!r} gold {g['speaker']!r}/"
                    f"{g.get('speaker_mention')!r} cue {f['cue']!r} | {f['text'][:70]!r}"
                )
            else:
                print(
                    f"{kind} {article_id}: {item['kind']} {item.get('cue')!r} "
                    f"{item.get('speaker_text', item.get('speaker'))!r} | {item['text'][:90]!r}"
                )
        print()
    n, t = result["articles"], result["tune"]
    parts = result["parts"]
    print(report(f"tuning part: first {t} articles", parts["tune"]))
    print(report(f"held-out part: last {n - t} articles", parts["held-out"]))
    print(report(f"all {n} articles", parts["all"]))
    print(f"({result['chars']} characters in {result['seconds']:.1f} s, pipeline included)")


if __name__ == "__main__":
    main()
