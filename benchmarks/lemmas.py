"""Lemma accuracy of :class:`kronika.lang.lemmatizer.Lemmatizer` on Universal Dependencies Polish.

Usage::

    python benchmarks/lemmas.py /work/shared/data/ud-polish

Reads ``pl_pdb-ud-dev.conllu.xz`` and ``pl_lfg-ud-dev.conllu.xz`` and scores *syntactic* words
(multiword-token range lines are skipped, their parts are used), the way UD counts lemmas.
Each word is analysed as the pipeline does it: an abbreviation followed by a "." token is
analysed with the period attached when that gives ``brev`` readings. Printed per file: accuracy
of the lemmatizer and of the baseline "first Morfeusz reading", both case-sensitive and
case-insensitive, split by whether Morfeusz knows the word, and the lemmatizer's speed.
"""

from __future__ import annotations

import argparse
import lzma
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kronika.lang.lemmatizer import Lemmatizer
from kronika.lang.morphology import Interpretation, Morphology

FILES = ("pl_pdb-ud-dev.conllu.xz", "pl_lfg-ud-dev.conllu.xz")


@dataclass
class Sentence:
    forms: list[str]
    lemmas: list[str]
    #: True where the word is glued to the next one (``SpaceAfter=No``).
    glued: list[bool]


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Sentences of syntactic words with their gold lemmas."""
    sentence = Sentence([], [], [])
    glued_range_end = 0
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if sentence.forms:
                    yield sentence
                sentence = Sentence([], [], [])
                continue
            if line.startswith("#"):
                continue
            columns = line.split("\t")
            word_id = columns[0]
            if "-" in word_id:
                # A multiword token: its spacing belongs to its last part.
                if "SpaceAfter=No" in columns[9]:
                    glued_range_end = int(word_id.split("-")[1])
                continue
            if "." in word_id:
                continue
            sentence.forms.append(columns[1])
            sentence.lemmas.append(columns[2])
            sentence.glued.append("SpaceAfter=No" in columns[9] or int(word_id) == glued_range_end)
    if sentence.forms:
        yield sentence


def analyse(morphology: Morphology, sentence: Sentence) -> list[tuple[Interpretation, ...]]:
    """Readings per word, as the pipeline makes them (abbreviations with their period)."""
    return morphology.analyse_words(sentence.forms, sentence.glued)


@dataclass
class Score:
    words: int = 0
    correct: int = 0
    correct_ci: int = 0
    baseline: int = 0
    baseline_ci: int = 0
    known: list[int] = field(default_factory=lambda: [0, 0])  # words, correct
    unknown: list[int] = field(default_factory=lambda: [0, 0])
    seconds: float = 0.0

    def line(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:6.2f}%" if b else "     -"

        speed = self.words / self.seconds if self.seconds else 0.0
        return (
            f"{name}: {self.words} words\n"
            f"  lemmatizer  {pct(self.correct, self.words)}  "
            f"(case-insensitive {pct(self.correct_ci, self.words)})\n"
            f"  baseline    {pct(self.baseline, self.words)}  "
            f"(case-insensitive {pct(self.baseline_ci, self.words)})  first Morfeusz reading\n"
            f"  known to Morfeusz   {pct(self.known[1], self.known[0])} of {self.known[0]}\n"
            f"  unknown (ign)       {pct(self.unknown[1], self.unknown[0])} of {self.unknown[0]}\n"
            f"  speed       {speed:,.0f} tokens/s ({1e6 / speed if speed else 0:.2f} µs/token,"
            " choose() only, warm caches)"
        )


def evaluate(path: Path, lemmatizer: Lemmatizer, morphology: Morphology) -> Score:
    """Score the lemmatizer on one CoNLL-U file; prints nothing."""
    score = Score()
    prepared = []
    for sentence in read_conllu(path):
        readings = analyse(morphology, sentence)
        starts = [i == 0 for i in range(len(sentence.forms))]
        prepared.append((sentence, readings, starts))
    choose = lemmatizer.choose
    start = time.perf_counter()
    chosen_all = [choose(s.forms, readings, starts) for s, readings, starts in prepared]
    score.seconds = time.perf_counter() - start
    for (sentence, readings, _starts), chosen in zip(prepared, chosen_all, strict=True):
        for gold, token_readings, reading in zip(sentence.lemmas, readings, chosen, strict=True):
            score.words += 1
            ok = reading.lemma == gold
            score.correct += ok
            score.correct_ci += reading.lemma.lower() == gold.lower()
            first = token_readings[0].lemma
            score.baseline += first == gold
            score.baseline_ci += first.lower() == gold.lower()
            bucket = score.known if token_readings[0].known else score.unknown
            bucket[0] += 1
            bucket[1] += ok
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="directory holding the UD Polish dev files")
    args = parser.parse_args()
    morphology = Morphology()
    for name in FILES:
        lemmatizer = Lemmatizer(morphology)
        path = args.data_dir / name
        cold = evaluate(path, lemmatizer, morphology)  # empty per-form caches
        print(evaluate(path, lemmatizer, morphology).line(name))
        print(f"  speed, cold caches {cold.words / cold.seconds:,.0f} tokens/s")


if __name__ == "__main__":
    main()
