"""Phrase accuracy of :class:`kronika.lang.names.NameLemmatizer` on the Polem KPWr name lemmas.

Usage::

    python benchmarks/name_lemmas.py /work/shared/data/polem-kpwr
        [--bsnlp /work/shared/data/bsnlp-pl] [--errors N] [--set train|tune|both]
        [--ceiling] [--consistency]

Polem data (``kpwr-1.2-ne-train-fix.tsv``, ``kpwr-1.2-ne-tune-fix.tsv``), one name per line,
six tab-separated columns (a few lines carry an empty seventh):

1. the gold **lemma** (nominative) of the name, as a string: "Unia Europejska";
2. the **orth**, the name as it stands in the text, *tokenized*, tokens joined by single spaces:
   "Unii Europejskiej", "Jerzy Sulima - Kamiński";
3. per-token base forms from the corpus tagger (not used: noisy, lowercased);
4. per-token morphosyntactic tags from the tagger (not used);
5. per-token ``True``/``False``: in the train file, whether the token is followed by a space
   in the text (so "Sulima - Kamiński" with ``True False False`` is "Sulima-Kamiński"). The tune
   file differs: its column 2 is the raw text ("Zjednoczeniu Chrześcijańsko-Narodowym", not
   tokenized) and its column 5 is mostly ``False`` whatever the spacing ("Smardy Dolne" has
   ``False False``), so it is used only where it is mostly ``True`` inside names (detected per
   file);
6. the KPWr category (``nam_liv_person``, ``nam_loc_gpe_city``, ``nam_adj_country``, …);
   the tune file adds a seventh column, always ``null``.

Columns 1 and 2 of a name holding quotation marks are written with CSV quoting (the field in
quotation marks, each one inside it doubled) and are read back as text.

Each name is given to the lemmatizer as text (``lemmatize_text``, spaCy's Polish tokenizer), the
way the pipeline and ``kronika lemmatize`` see names.

The column order was read off the data, not assumed from the file's description: column 2 is the
one whose tags (column 4) are oblique ("Unii Europejskiej" with ``subst:sg:gen:f``) and column 1 is
always the nominative; in about half the lines the two are equal (names already nominative).

Scored (whitespace runs in the gold lemma counted as one space): exact string match of the
lemmatizer's output against column 1; case-insensitive match; and Polem's own scoring, with which
its published 97.99% was measured (its ``main.cpp`` by default lowercases both strings and
removes every space before comparing), overall and per category group (person = ``nam_liv*``,
location = ``nam_loc*`` and ``nam_fac*``, organization = ``nam_org*``, other = the rest,
adjectives included). The baseline "orth unchanged" is printed beside it. Develop on train;
tune is reported, never tuned on.

``--ceiling`` adds, per set, the share of phrases whose gold lemma is among the lemmatizer's
candidates at all: what a perfect ranker would reach. ``--consistency`` measures the gold itself:
for each name written the same way in two parts of the data (consecutive duplicate lines dropped),
how often the two parts give it the same lemma (the first part's most frequent one) — within
train (first half against second), train against tune, and within tune; and, by Polem's
scoring, the lemmatizer on the tune names train also has, beside train's own gold looked up,
and on the rest.

With ``--bsnlp DIR``, the BSNLP shared-task annotated lists (``*/annotated/pl/*.out``: a first line
with the document id, then ``form<TAB>lemma<TAB>PER|LOC|ORG|EVT|PRO<TAB>id``) are scored too, each
form tokenized by spaCy's Polish tokenizer (``lemmatize_text``), per PER/LOC/ORG (and EVT/PRO).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kronika.lang.names import NameLemmatizer, category_group

FILES = {"train": "kpwr-1.2-ne-train-fix.tsv", "tune": "kpwr-1.2-ne-tune-fix.tsv"}
GROUPS = ("person", "location", "organization", "other")
BSNLP_TO_NKJP = {"PER": "persName", "LOC": "placeName", "ORG": "orgName", "EVT": None, "PRO": None}


@dataclass
class Example:
    forms: list[str]
    spaces: list[bool] | None
    lemma: str
    category: str
    orth: str
    document: str = ""


def read_polem(path: Path) -> Iterator[Example]:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            columns = line.rstrip("\n").split("\t")
            if len(columns) >= 6:
                rows.append(columns)
    # Column 5 means "followed by a space" only where column 2 is tokenized (the train file:
    # "Sulima - Kamiński" with True False False). In the tune file column 2 is the raw text
    # ("Bielsku-Białej") and column 5 is mostly False whatever the spacing, so it is ignored.
    inner = [f == "True" for c in rows for f in c[4].split()[:-1]]
    flags_are_spacing = bool(inner) and sum(inner) > len(inner) / 2
    for quoted_lemma, quoted_orth, _bases, _tags, flags, category, *_rest in rows:
        lemma, orth = unquote(quoted_lemma), unquote(quoted_orth)
        forms = orth.split(" ")
        space_flags = flags.split()
        text = orth
        if flags_are_spacing and len(space_flags) == len(forms):
            spaces = [f == "True" for f in space_flags[:-1]] + [False]
            text = "".join(f + (" " if s else "") for f, s in zip(forms, spaces, strict=True))
        yield Example([], None, normalize_space(lemma), category, text.strip())


def unquote(field: str) -> str:
    """A field written with CSV quoting as its text: ``Partia "Jedność"`` comes in quotation
    marks with the inner ones doubled, as a few dozen names in both files do."""
    inner = field[1:-1]
    if len(field) >= 2 and field[0] == field[-1] == '"' and '"' not in inner.replace('""', ""):
        return inner.replace('""', '"')
    return field


def polem_key(text: str) -> str:
    """What Polem's scorer compares: lowercased, spaces removed."""
    return text.lower().replace(" ", "")


def normalize_space(text: str) -> str:
    """Gold lemmas carry stray spaces ("Bóg ", "Dz.   U."): whitespace runs count as one space."""
    return " ".join(text.split())


def group_of(category: str) -> str:
    group = category_group(category)
    if group == "nation":
        return "organization"
    return group if group in GROUPS else "other"


def score(examples: list[Example], lemmatizer: NameLemmatizer, show: int) -> dict[str, Counter]:
    counts: dict[str, Counter] = {g: Counter() for g in ("all", *GROUPS)}
    errors: list[str] = []
    start = time.perf_counter()
    for ex in examples:
        predicted = lemmatizer.lemmatize_text(ex.orth, ex.category)
        exact = predicted == ex.lemma
        folded = predicted.lower() == ex.lemma.lower()
        for key in ("all", group_of(ex.category)):
            counts[key]["n"] += 1
            counts[key]["exact"] += exact
            counts[key]["folded"] += folded
            counts[key]["polem"] += polem_key(predicted) == polem_key(ex.lemma)
            counts[key]["baseline"] += ex.orth == ex.lemma
        if not folded and len(errors) < show:
            errors.append(f"  {ex.orth!r} -> {predicted!r}, gold {ex.lemma!r} [{ex.category}]")
    elapsed = time.perf_counter() - start
    counts["all"]["microseconds"] = int(1e6 * elapsed / max(1, len(examples)))
    repeat = time.perf_counter()
    for ex in examples:
        lemmatizer.lemmatize_text(ex.orth, ex.category)
    counts["all"]["cached_microseconds"] = int(
        1e6 * (time.perf_counter() - repeat) / max(1, len(examples))
    )
    for error in errors:
        print(error)
    return counts


def report(name: str, counts: dict[str, Counter], groups: tuple[str, ...]) -> None:
    polem = "polem" in counts["all"]
    print(
        f"{name}:  (exact / case-insensitive / "
        + ("Polem's scoring, case and spaces ignored / " if polem else "")
        + "baseline 'orth unchanged')"
    )
    for group in ("all", *groups):
        c = counts[group]
        if not c["n"]:
            continue
        n = c["n"]
        scored_as_polem = f"Polem {100 * c['polem'] / n:6.2f}%  " if polem else ""
        print(
            f"  {group:13s} n={n:6d}  exact {100 * c['exact'] / n:6.2f}%  "
            f"case-insensitive {100 * c['folded'] / n:6.2f}%  {scored_as_polem}"
            f"baseline {100 * c['baseline'] / n:6.2f}%"
        )
    if counts["all"]["microseconds"]:
        print(
            "  time per phrase, spaCy tokenization included: "
            f"first pass {counts['all']['microseconds']} µs, "
            f"repeated {counts['all']['cached_microseconds']} µs"
        )


def ceiling(examples: list[Example], lemmatizer: NameLemmatizer) -> tuple[float, float]:
    """Shares of phrases whose gold is among the candidates: exactly, and by Polem's scoring."""
    exact = polem = 0
    for ex in examples:
        texts = [c.text for c in lemmatizer.candidates(ex.orth, ex.category)] or [ex.orth]
        exact += ex.lemma in texts
        polem += polem_key(ex.lemma) in {polem_key(t) for t in texts}
    return exact / max(1, len(examples)), polem / max(1, len(examples))


def agreement(first: list[Example], second: list[Example]) -> tuple[int, float, int, float]:
    """Names of ``second`` also written so in ``first``: how many, the share given the lemma
    ``first`` gives most often, and the same for those whose lemma differs from the text."""
    lemmas: dict[str, Counter] = {}
    for ex in first:
        lemmas.setdefault(ex.orth, Counter())[ex.lemma] += 1
    shared = [ex for ex in second if ex.orth in lemmas]
    changing = [ex for ex in shared if ex.lemma != ex.orth or set(lemmas[ex.orth]) != {ex.orth}]

    def share(part: list[Example]) -> float:
        same = sum(lemmas[ex.orth].most_common(1)[0][0] == ex.lemma for ex in part)
        return same / max(1, len(part))

    return len(shared), share(shared), len(changing), share(changing)


def without_repeats(examples: list[Example]) -> list[Example]:
    """The Polem files list many names twice in a row; a repeat would agree with itself."""
    kept: list[Example] = []
    for ex in examples:
        if not kept or (kept[-1].orth, kept[-1].lemma, kept[-1].category) != (
            ex.orth,
            ex.lemma,
            ex.category,
        ):
            kept.append(ex)
    return kept


def report_consistency(data: Path, lemmatizer: NameLemmatizer) -> None:
    train = without_repeats(list(read_polem(data / FILES["train"])))
    tune = without_repeats(list(read_polem(data / FILES["tune"])))
    half, tune_half = len(train) // 2, len(tune) // 2
    print("Gold consistency: names written alike in two parts, share given the same lemma")
    for name, first, second in (
        ("train 1st half -> 2nd half", train[:half], train[half:]),
        ("train -> tune", train, tune),
        ("tune 1st half -> 2nd half", tune[:tune_half], tune[tune_half:]),
    ):
        n, same, n_changing, same_changing = agreement(first, second)
        print(
            f"  {name:27s} n={n:5d}  same lemma {100 * same:6.2f}%   "
            f"names that change: n={n_changing:5d}  same lemma {100 * same_changing:6.2f}%"
        )
    # the tune names train also has: train's own gold looked up, against the lemmatizer
    lemmas: dict[str, Counter] = {}
    for ex in train:
        lemmas.setdefault(ex.orth, Counter())[ex.lemma] += 1
    for seen in (True, False):
        part = [ex for ex in tune if (ex.orth in lemmas) == seen]
        right = sum(
            polem_key(lemmatizer.lemmatize_text(ex.orth, ex.category)) == polem_key(ex.lemma)
            for ex in part
        )
        line = f"  tune names {'also' if seen else 'not'} in train: n={len(part):5d}  "
        line += f"lemmatizer {100 * right / max(1, len(part)):6.2f}%"
        if seen:
            looked_up = sum(
                polem_key(lemmas[ex.orth].most_common(1)[0][0]) == polem_key(ex.lemma)
                for ex in part
            )
            line += f"  train's gold looked up {100 * looked_up / max(1, len(part)):6.2f}%"
        print(line + "  (Polem's scoring)")


def read_bsnlp(root: Path) -> list[Example]:
    examples = []
    for path in sorted(root.glob("*/annotated/pl/*.out")):
        with path.open(encoding="utf-8-sig") as lines:
            for number, line in enumerate(lines):
                columns = line.rstrip("\n").split("\t")
                if number == 0 or len(columns) < 3:
                    continue
                form, lemma, kind = columns[0].strip(), columns[1].strip(), columns[2].strip()
                examples.append(Example([], None, normalize_space(lemma), kind, form, str(path)))
    return examples


def score_bsnlp(
    examples: list[Example], lemmatizer: NameLemmatizer, show: int, together: bool
) -> dict[str, Counter]:
    """Each name alone, or (``together``) the names of one annotated document lemmatized
    together (``lemmatize_document``), as the pipeline does."""
    predictions: list[str] = []
    if together:
        documents: dict[str, list[int]] = {}
        for index, ex in enumerate(examples):
            documents.setdefault(ex.document, []).append(index)
        predictions = [""] * len(examples)
        for indices in documents.values():
            phrases = []
            for index in indices:
                tokens = lemmatizer._tokenize(examples[index].orth)
                category = BSNLP_TO_NKJP.get(examples[index].category)
                phrases.append(([t[0] for t in tokens], category, [t[1] for t in tokens]))
            for index, lemma in zip(indices, lemmatizer.lemmatize_document(phrases), strict=True):
                predictions[index] = lemma
    else:
        predictions = [
            lemmatizer.lemmatize_text(ex.orth, BSNLP_TO_NKJP.get(ex.category)) for ex in examples
        ]
    counts: dict[str, Counter] = {}
    errors: list[str] = []
    for ex, predicted in zip(examples, predictions, strict=True):
        for key in ("all", ex.category):
            c = counts.setdefault(key, Counter())
            c["n"] += 1
            c["exact"] += predicted == ex.lemma
            c["folded"] += predicted.lower() == ex.lemma.lower()
            c["baseline"] += ex.orth == ex.lemma
        if predicted.lower() != ex.lemma.lower() and len(errors) < show:
            errors.append(f"  {ex.orth!r} -> {predicted!r}, gold {ex.lemma!r} [{ex.category}]")
    for error in errors:
        print(error)
    counts["all"]["microseconds"] = 0
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="directory with the Polem KPWr tsv files")
    parser.add_argument("--bsnlp", type=Path, help="BSNLP directory (*/annotated/pl/*.out)")
    parser.add_argument("--set", choices=("train", "tune", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per set")
    parser.add_argument(
        "--ceiling", action="store_true", help="share of phrases whose gold is a candidate at all"
    )
    parser.add_argument(
        "--consistency", action="store_true", help="how the gold lemmas agree across the files"
    )
    args = parser.parse_args()
    lemmatizer = NameLemmatizer()
    names = ("train", "tune") if args.set == "both" else (args.set,)
    for name in names:
        examples = list(read_polem(args.data / FILES[name]))
        report(f"Polem KPWr {name}", score(examples, lemmatizer, args.errors), GROUPS)
        if args.ceiling:
            exact, polem = ceiling(examples, lemmatizer)
            print(
                f"  gold among the candidates (a perfect ranker): exact {100 * exact:.2f}%, "
                f"Polem's scoring {100 * polem:.2f}%"
            )
    if args.consistency:
        report_consistency(args.data, lemmatizer)
    if args.bsnlp:
        examples = read_bsnlp(args.bsnlp)
        for together, name in ((False, "each name alone"), (True, "a document's names together")):
            report(
                f"BSNLP pl, {name}",
                score_bsnlp(examples, lemmatizer, args.errors, together),
                ("PER", "LOC", "ORG", "EVT", "PRO"),
            )


if __name__ == "__main__":
    main()
