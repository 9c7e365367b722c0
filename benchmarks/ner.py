"""Measure kronika's NER on held-out NKJP documents with the PolEval 2018 Task 2 measure.

    python benchmarks/ner.py PATH/TO/nkjp-ner [--split test|dev] [--model DIR]
    python benchmarks/ner.py PATH/TO/nkjp-ner --write-texts split.jsonl
    kronika ner split.jsonl --format poleval > answers.json
    python benchmarks/ner.py PATH/TO/nkjp-ner --answers answers.json
    python benchmarks/ner.py PATH/TO/nkjp-ner --write-answers mine.json   # then --answers mine.json

``--answers`` scores a PolEval 2018 Task 2 answers file (a JSON list of ``{"id", "answers"}``,
lines ``category start end<TAB>text``, fragments joined by ``;``) instead of kronika's objects:
each answer becomes a span over the text's own tokens and is scored by the same code.

The documents of the split are rebuilt exactly as ``training/nkjp.py`` split them (same seed),
their text goes through kronika's pipeline (``spacy.blank("pl")`` tokenizer →
``kronika_morphology`` → ``kronika_ner``) and every span of ``doc.spans["ner"]`` is mapped back
onto the gold NKJP tokens by character offsets, so a tokenization difference never hides a hit.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

import spacy
from nkjp import DEFAULT_SEED, INNER_KEY, split_ids, to_spacy_doc
from poleval import PRF, Entity, PolEvalScore, per_label, poleval
from spacy.tokens import Doc

from kronika.api import poleval_line
from kronika.ner.model import SPANS_KEY, top_level_spans

#: Published scores on NKJP, printed beside ours (their test sets differ from our split).
ANCHORS = (
    ("Liner2 (CRF), PolEval 2018", 0.810),
    ("PolDeepNer, PolEval 2018", 0.851),
    ("PolEval 2018 winner (LSTM-CRF + Flair)", 0.866),
    ("HerBERT-large (PolDeepNer2)", 0.921),
    ("spaCy pl_core_news_lg NER F1", 0.842),
)


@dataclass
class Result:
    split: str
    n_docs: int
    n_words: int
    all_levels: PolEvalScore
    top_level: PolEvalScore
    labels: dict[str, PRF]
    seconds: dict[str, float]


def gold_entities(doc_id: str, doc: Doc, *, top_only: bool = False) -> list[Entity]:
    spans = list(doc.ents) if top_only else [*doc.ents, *doc.spans[INNER_KEY]]
    return [Entity(doc_id, s.start, s.end, s.label_) for s in spans]


def predicted_entities(
    doc_id: str, gold: Doc, pred: Doc, *, top_only: bool = False
) -> list[Entity]:
    group = list(pred.spans.get(SPANS_KEY, []))
    spans = top_level_spans(group) if top_only else group
    entities = []
    for span in spans:
        aligned = gold.char_span(span.start_char, span.end_char, alignment_mode="expand")
        if aligned is not None and len(aligned):
            entities.append(Entity(doc_id, aligned.start, aligned.end, span.label_))
    return entities


def read_answers(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    """A PolEval answers file: per document id, ``(category, start, end)`` of every answer (a
    discontinuous answer spans its first fragment's start to its last fragment's end)."""
    answers: dict[str, list[tuple[str, int, int]]] = {}
    for item in json.loads(path.read_text(encoding="utf-8")):
        found = answers.setdefault(str(item["id"]), [])
        for line in item["answers"].splitlines():
            if not line.strip():
                continue
            annotation = line.split("\t", 1)[0]
            category, offsets = annotation.split(" ", 1)
            fragments = [tuple(map(int, part.split())) for part in offsets.split(";")]
            found.append((category, fragments[0][0], fragments[-1][1]))
    return answers


def answer_doc(nlp: spacy.Language, text: str, answers: list[tuple[str, int, int]]) -> Doc:
    """The text tokenized as kronika tokenizes it, with the answers as its NER spans."""
    doc = nlp.make_doc(text)
    spans = []
    for label, start, end in answers:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.spans[SPANS_KEY] = spans
    return doc


def _select(data: Path, split: str, limit: int) -> list:
    documents = split_ids(data, DEFAULT_SEED)[split]
    return documents[:limit] if limit else documents


def write_texts(data: Path, split: str, out: Path, limit: int = 0) -> int:
    """The split's documents as kronika JSONL input (``id``, ``text``), for ``kronika ner``."""
    nlp = spacy.blank("pl")
    documents = _select(data, split, limit)
    with out.open("w", encoding="utf-8") as stream:
        for document in documents:
            text = to_spacy_doc(nlp.vocab, document).text  # type: ignore[attr-defined]
            stream.write(json.dumps({"id": document.id, "text": text}, ensure_ascii=False) + "\n")
    return len(documents)


def score(documents: list, gold_docs: list[Doc], docs: list[Doc]) -> tuple:
    gold_all: list[Entity] = []
    pred_all: list[Entity] = []
    gold_top: list[Entity] = []
    pred_top: list[Entity] = []
    for document, gold, pred in zip(documents, gold_docs, docs, strict=True):
        gold_all += gold_entities(document.id, gold)
        pred_all += predicted_entities(document.id, gold, pred)
        gold_top += gold_entities(document.id, gold, top_only=True)
        pred_top += predicted_entities(document.id, gold, pred, top_only=True)
    return (
        poleval(gold_all, pred_all),
        poleval(gold_top, pred_top),
        per_label(gold_all, pred_all),
    )


def evaluate_answers(data: Path, answers: Path, split: str = "test", limit: int = 0) -> Result:
    """Score an answers file over the split's documents, the same way as :func:`evaluate`."""
    documents = _select(data, split, limit)
    nlp = spacy.blank("pl")
    gold_docs = [to_spacy_doc(nlp.vocab, d) for d in documents]
    found = read_answers(answers)
    docs = [
        answer_doc(nlp, gold.text, found.get(d.id, []))  # type: ignore[attr-defined]
        for d, gold in zip(documents, gold_docs, strict=True)
    ]
    n_words = sum(len(d) for d in docs)
    return Result(split, len(documents), n_words, *score(documents, gold_docs, docs), {})


def write_answers(out: Path, documents: list, docs: list[Doc]) -> None:
    """kronika's predictions as a PolEval answers file, as ``kronika ner --format poleval``
    writes them."""
    items = []
    for document, doc in zip(documents, docs, strict=True):
        spans = sorted(doc.spans.get(SPANS_KEY, []), key=lambda s: (s.start_char, -s.end_char))
        lines = [poleval_line(s.label_, s.start_char, s.end_char, s.text) for s in spans]
        items.append({"id": document.id, "answers": "\n".join(lines)})
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")


def evaluate(
    data: Path,
    split: str = "test",
    model: Path | None = None,
    limit: int = 0,
    answers_out: Path | None = None,
) -> Result:
    """Predict the split's documents and score them; prints nothing (``answers_out``: also
    write the predictions as a PolEval answers file)."""
    documents = _select(data, split, limit)
    nlp = spacy.blank("pl")
    nlp.add_pipe("kronika_morphology")
    nlp.add_pipe("kronika_ner", config={"model": str(model) if model else None})
    gold_docs = [to_spacy_doc(nlp.vocab, d) for d in documents]
    texts = [g.text for g in gold_docs]  # type: ignore[attr-defined]

    # One untimed pass over a few documents first: the first batch pays one-off costs (pages of
    # the embedding tables, allocator warm-up) that a corpus run spreads over millions of words.
    for _ in nlp.pipe(texts[:20]):
        pass
    # Each stage timed on its own, so NER's share of a word's cost is visible. CPU time of this
    # process, not wall time: kronika's speed target is per core, and the machine may be shared.
    seconds: dict[str, float] = {}
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    seconds["tokenizer"] = time.process_time() - start
    for name, component in nlp.pipeline:
        start = time.process_time()
        docs = (
            list(component.pipe(docs))
            if hasattr(component, "pipe")
            else [component(d) for d in docs]
        )
        seconds[name] = time.process_time() - start
    n_words = sum(len(d) for d in docs)
    if answers_out is not None:
        write_answers(answers_out, documents, docs)  # type: ignore[arg-type]
    return Result(split, len(documents), n_words, *score(documents, gold_docs, docs), seconds)


def report(result: Result) -> str:
    a, t = result.all_levels, result.top_level
    lines = [
        f"NKJP {result.split} split: {result.n_docs} documents, {result.n_words} words",
        "",
        "PolEval 2018 Task 2 measure, all nesting levels, full labels:",
        f"  final   {a.final:.3f}   (0.8 x overlap + 0.2 x exact)",
        f"  overlap P {a.overlap.precision:.3f}  R {a.overlap.recall:.3f}  F1 {a.overlap.f1:.3f}",
        f"  exact   P {a.exact.precision:.3f}  R {a.exact.recall:.3f}  F1 {a.exact.f1:.3f}",
        f"  (gold {a.exact.n_gold} entities, predicted {a.exact.n_pred})",
        "Top level only:",
        f"  final {t.final:.3f}  exact F1 {t.exact.f1:.3f}  overlap F1 {t.overlap.f1:.3f}",
        "",
        "Published anchors (other test sets; PolEval final unless marked F1):",
        *(f"  {score:.3f}  {name}" for name, score in ANCHORS),
        "",
        f"{'label':<24}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}   (exact match)",
    ]
    for label, prf in result.labels.items():
        lines.append(
            f"{label:<24}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
            f"{prf.n_gold:>7}{prf.n_pred:>7}"
        )
    total = sum(result.seconds.values())
    if not total:  # an answers file: nothing was timed
        return "\n".join(lines)
    lines += [
        "",
        f"speed: {result.n_words / total:,.0f} words/s per core (CPU time), whole pipeline above",
    ]
    for name, secs in result.seconds.items():
        lines.append(f"  {name:<20}{secs / result.n_words * 1e6:8.1f} µs/word")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the nkjp-ner folder (or its .iob.xz file)")
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: shipped)")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--answers", type=Path, help="score this PolEval answers file instead")
    parser.add_argument("--write-texts", type=Path, help="write the split as JSONL and stop")
    parser.add_argument("--write-answers", type=Path, help="also write the predictions there")
    args = parser.parse_args(argv)
    if args.write_texts:
        count = write_texts(args.data, args.split, args.write_texts, args.limit)
        print(f"{args.write_texts}: {count} documents of the {args.split} split")
    elif args.answers:
        print(report(evaluate_answers(args.data, args.answers, args.split, args.limit)))
    else:
        result = evaluate(args.data, args.split, args.model, args.limit, args.write_answers)
        print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
