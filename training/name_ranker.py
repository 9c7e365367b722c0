"""Train the ranker that picks a name phrase's nominative among its candidates.

``NameLemmatizer`` reads a phrase under every grammatical key its words allow ("Krystyna" as a
nominative feminine, or as the genitive of the man's name Krystyn) and renders one candidate
nominative per key, leaving the phrase unchanged among them. The hand-set score alone picks
the wrong one in about one phrase in ten; this script learns, from the Polem KPWr *train* set,
a linear score over the candidates' features (``kronika.lang.names.ranker``: the hand-set score,
the key by category, how each word's reading was found, how words end before and after) by
softmax regression over each phrase's candidates with L2 regularization and AdaGrad.

The Polem *tune* set is never read here: it is the held-out measure
(``benchmarks/name_lemmas.py``).

Usage::

    python training/name_ranker.py /work/shared/data/polem-kpwr [--epochs 15]
        [--out src/kronika/lang/pl/name_ranker.tsv] [--folds 4]

It prints the share of train phrases whose gold lemma is among the candidates (the ceiling)
and the train accuracy per epoch. Runs in about a minute on one core. ``--folds 4`` instead
cross-validates on the train file (contiguous blocks; the hand-set score beside the ranker) to
choose features and settings; nothing is written then. (The ending table the guesser uses was
built with the train pairs, so cross-validated numbers are somewhat optimistic.)
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path
from typing import Any

from kronika.lang.names import LEXICON_PATH, RANKER_PATH, NameLemmatizer

#: Where the Polem reader lives (``benchmarks/name_lemmas.py``).
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

#: a phrase's candidates (one per grammatical key): features, texts, and which give the gold
Example = tuple[list[dict[str, float]], list[str], frozenset[int]]
Phrase = Any  # name_lemmas.Example: orth, lemma, category


def examples(
    phrases: list[Phrase],
    lemmatizer: NameLemmatizer,
    folds: int = 2,
    known: frozenset[str] | None = None,
) -> tuple[list[Example], int]:
    """Per phrase with more than one candidate, the candidates' features and the index of the
    gold one; also the number of phrases whose gold is no candidate (they teach nothing).

    The lexicon feature is cross-fitted: a phrase sees the lexicon of the other folds only, as
    a name met in new text is not always one seen before. ``known``: one lexicon for all
    (for held-out phrases)."""
    found: list[Example] = []
    unreachable = 0
    size = -(-len(phrases) // folds)
    for start in range(0, len(phrases), size):
        part = phrases[start : start + size]
        lemmatizer.resources.lexicon = (
            known if known is not None else lexicon(phrases[:start] + phrases[start + size :])
        )
        for example in part:
            candidates = lemmatizer.candidates(example.orth, example.category)
            gold = frozenset(i for i, c in enumerate(candidates) if c.text == example.lemma)
            if not gold:
                unreachable += 1
            elif len(gold) < len(candidates):
                found.append(([c.features for c in candidates], [c.text for c in candidates], gold))
    return found, unreachable


def lexicon(phrases: list[Phrase]) -> frozenset[str]:
    return frozenset(p.lemma for p in phrases)


def accuracy(data: list[Example], weights: dict[str, float]) -> float:
    """Share of phrases whose best candidate gives the gold text."""
    correct = 0
    for candidates, _texts, gold in data:
        scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in candidates]
        correct += scores.index(max(scores)) in gold
    return correct / max(1, len(data))


def train(
    data: list[Example], epochs: int, rate: float, l2: float, seed: int, quiet: bool = False
) -> dict[str, float]:
    weights: dict[str, float] = {"hand": 1.0}  # start where the hand-set score stands
    squares: dict[str, float] = {}
    order = list(range(len(data)))
    shuffle = random.Random(seed).shuffle
    for epoch in range(1, epochs + 1):
        shuffle(order)
        correct = 0
        loss = 0.0
        for index in order:
            candidates, _texts, gold = data[index]
            scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in candidates]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            norm = sum(exps)
            probabilities = [e / norm for e in exps]
            correct += scores.index(top) in gold
            # the gold text may come from several keys: their probabilities add up
            mass = sum(probabilities[i] for i in gold)
            loss -= math.log(max(mass, 1e-12))
            gradient: dict[str, float] = {}
            for i in gold:
                for k, v in candidates[i].items():
                    gradient[k] = gradient.get(k, 0.0) - v * probabilities[i] / mass
            for p, features in zip(probabilities, candidates, strict=True):
                for k, v in features.items():
                    gradient[k] = gradient.get(k, 0.0) + p * v
            for k, g in gradient.items():
                w = weights.get(k, 0.0)
                g += l2 * w
                squares[k] = squares.get(k, 0.0) + g * g
                weights[k] = w - rate * g / (math.sqrt(squares[k]) + 1e-8)
        if quiet:
            continue
        print(
            f"epoch {epoch}: train accuracy among ambiguous phrases {correct / len(data):.4f}, "
            f"loss {loss / len(data):.4f}"
        )
    return weights


def main() -> None:
    sys.path.insert(0, str(BENCHMARKS))
    from name_lemmas import FILES, read_polem

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="directory with the Polem KPWr tsv files")
    parser.add_argument("--out", type=Path, default=RANKER_PATH)
    parser.add_argument("--lexicon-out", type=Path, default=LEXICON_PATH)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="cross-validate on the train file in this many blocks to choose settings (nothing "
        "written)",
    )
    args = parser.parse_args()
    lemmatizer = NameLemmatizer()
    lemmatizer.resources.ranker = {}  # candidates must not depend on a previous ranker
    phrases = list(read_polem(args.data / FILES["train"]))
    if args.folds:
        # contiguous blocks of the file, so that one document's names stay in one block
        size = -(-len(phrases) // args.folds)
        totals = {"hand-set score": 0.0, "ranker": 0.0}
        for start in range(0, len(phrases), size):
            rest = phrases[:start] + phrases[start + size :]
            held = phrases[start : start + size]
            data, _unreachable = examples(rest, lemmatizer)
            weights = train(data, args.epochs, args.rate, args.l2, args.seed, quiet=True)
            dev, dev_unreachable = examples(held, lemmatizer, folds=1, known=lexicon(rest))
            # phrases with one candidate that is the gold are right whatever the weights
            single = len(held) - dev_unreachable - len(dev)
            for name, chosen in (("hand-set score", {"hand": 1.0}), ("ranker", weights)):
                totals[name] += single + accuracy(dev, chosen) * len(dev)
        for name, right in totals.items():
            print(f"{args.folds}-fold cross-validation on train: {name} {right / len(phrases):.4f}")
        return
    data, unreachable = examples(phrases, lemmatizer)
    print(
        f"{len(phrases)} train phrases; gold among the candidates in "
        f"{1 - unreachable / len(phrases):.4f}; {len(data)} with more than one candidate"
    )
    weights = train(data, args.epochs, args.rate, args.l2, args.seed)
    lines = [
        "# feature\tweight — trained by training/name_ranker.py on Polem KPWr train",
        *(f"{k}\t{w:.4f}" for k, w in sorted(weights.items()) if abs(w) >= 5e-4),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = sorted(lexicon(phrases))
    args.lexicon_out.write_text(
        "# name nominatives of Polem KPWr train, by training/name_ranker.py\n"
        + "\n".join(names)
        + "\n",
        encoding="utf-8",
    )
    print(
        f"{len(lines) - 1} weights written to {args.out}, {len(names)} names to {args.lexicon_out}"
    )


if __name__ == "__main__":
    main()
