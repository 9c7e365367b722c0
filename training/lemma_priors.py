"""Build ``src/kronika/lang/pl/lemma_frequencies.tsv``: how much text each SGJP lemma covers.

Morfeusz offers every lemma a form can have ("potem" is the adverb and the instrumental of
"pot"), in no useful order. A lemma that covers much running text is the likelier reading, so
the lemmatizer needs a frequency per lemma.

Why not the corpus's own base forms: the NKJP file has a base and a tag per token, but they were
assigned automatically and measure as noise (for "nie" the base is "on" 10,379 times and "nie"
4,283 times; "potem" is "pot" more often than "potem"). Priors built from them did not beat no
priors at all on UD dev. What is reliable is the text itself: each token of the 1.2M-word
corpus is analysed by Morfeusz and its one unit of frequency is split evenly among the lemmas it
could have. An unambiguous form ("mieli") gives its lemma a whole unit; "potem" gives half to
"pot", which otherwise hardly occurs. (Re-estimating the split from the frequencies, EM-style,
measured worse: frequent lemmas swallow rare ones.)

Usage::

    python training/lemma_priors.py /work/shared/data/nkjp-ner [--out PATH]

The data directory holds ``nkjp-nested-simplified-v2.iob.xz`` (columns ``orth base ctag
label``, ``-DOCSTART`` lines between documents, blank lines between sentences); only ``orth`` is
used.
"""

from __future__ import annotations

import argparse
import lzma
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kronika.lang.morphology import Interpretation, Morphology

CORPUS_FILE = "nkjp-nested-simplified-v2.iob.xz"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src/kronika/lang/pl/lemma_frequencies.tsv"
#: Lemmas with less estimated frequency than this are left out (the lemmatizer smooths).
MIN_FREQUENCY = 0.5


def read_sentences(path: Path) -> Iterator[list[str]]:
    """Sentences of token forms from the NKJP IOB file."""
    sentence: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line or line.startswith("-DOCSTART"):
                if sentence:
                    yield sentence
                    sentence = []
                continue
            sentence.append(line.split("\t", 1)[0])
    if sentence:
        yield sentence


def token_readings(morphology: Morphology, forms: list[str], i: int) -> tuple[Interpretation, ...]:
    """Readings as the pipeline gets them: an abbreviation is analysed with its period."""
    form = forms[i]
    if i + 1 < len(forms) and forms[i + 1] == "." and any(ch.isalpha() for ch in form):
        with_period = morphology.analyse(form + ".")
        if any(r.pos == "brev" for r in with_period):
            return with_period
    return morphology.analyse(form)


def lemma_frequencies(data_dir: Path) -> tuple[Counter[str], int]:
    """Estimated running-text frequency per lemma, and the number of tokens read."""
    morphology = Morphology()
    frequencies: Counter[str] = Counter()
    tokens = 0
    for forms in read_sentences(data_dir / CORPUS_FILE):
        for i in range(len(forms)):
            tokens += 1
            readings = token_readings(morphology, forms, i)
            if not readings[0].known:
                continue
            lemmas = {r.lemma for r in readings}
            share = 1.0 / len(lemmas)
            for lemma in lemmas:
                frequencies[lemma] += share
    return frequencies, tokens


def write(frequencies: Counter[str], tokens: int, out: Path) -> int:
    """``lemma<TAB>frequency`` lines, most frequent first; returns the number written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(
        ((lemma, n) for lemma, n in frequencies.items() if n >= MIN_FREQUENCY),
        key=lambda item: (-item[1], item[0]),
    )
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            f"# Estimated frequency per SGJP lemma in {tokens} tokens of the NKJP 1M subcorpus "
            f"({CORPUS_FILE}): each token's unit split evenly among its Morfeusz 2 lemmas. "
            "Made by training/lemma_priors.py.\n"
        )
        for lemma, n in rows:
            handle.write(f"{lemma}\t{n:.1f}\n")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help=f"directory holding {CORPUS_FILE}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    frequencies, tokens = lemma_frequencies(args.data_dir)
    rows = write(frequencies, tokens, args.out)
    print(
        f"{tokens} tokens, {rows} lemmas written to {args.out} "
        f"({args.out.stat().st_size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
