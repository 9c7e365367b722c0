"""Entities on the annotated BSNLP news: recognition, name lemmas and cross-document identity.

    python benchmarks/entities.py ../shared/data/bsnlp-pl [--topics brexit,ec]
        [--ner auto|rules|trained] [--errors FILE]

``--errors FILE`` writes every recognition error as a TSV line (topic, document, FP or FN, type,
form, and for a false positive the gold type of the same form, if any; LEMMA lines give a wrong
lemma and the gold one; SPLIT lines a gold entity kronika gives several ids, with the forms
under each) for error analysis; the recognition scores are also printed per topic.

BSNLP annotates, per document, each distinct surface form once with its lemma, type (PER, LOC,
ORG, EVT, PRO) and a cross-document id. kronika analyses title + body of the raw article and is
scored on PER/LOC/ORG ("all"); EVT (kronika's ``event``) and PRO (``other``) are scored per type
beside them, in the 2019 edition only: the 2017 one (ec, trump) has MISC instead of EVT and PRO.
Derived words are left out on both sides: kronika's mentions marked
``derived``, and gold forms whose SGJP lemma is a country adjective or demonym in the knowledge
base (BSNLP tags demonyms such as "Brytyjczyków" as PER; see ``is_derived_word``):

- recognition: per document, the set of (form, type) found against the gold set — P/R/F1;
- lemma accuracy: for gold forms kronika found, is its mention lemma the gold lemma;
- identity: for those forms, kronika's entity ids against the gold cross-document ids, as
  pairwise and B-cubed precision/recall/F1 across the whole topic set.

The topics come in two editions of the shared task. asia_bibi and brexit (2019) have ``*.out``
files with forms as written and ids such as ``PER-Nigel-Farage``. ec and trump (2017) have
``*.txt`` files whose forms and lemmas are all lowercased and whose ids are numbers; for those
files both sides are compared lowercased. The two editions' ids are separate schemes (Poland is
``GPE-Poland`` in one, ``20002`` in the other), so identity is measured within each edition:
a gold id and a kronika id only meet inside the edition they come from.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from spacy.language import Language

from kronika.ingest import Document
from kronika.kb import adjectives, demonyms, load_kb
from kronika.lang.morphology import Morphology
from kronika.pipeline import analyze_document, load

TYPES = {
    "person": "PER",
    "organization": "ORG",
    "country": "LOC",
    "place": "LOC",
    "event": "EVT",
    "other": "PRO",
}
SCORED = ("PER", "ORG", "LOC")
#: Scored per type but outside "all", which stays comparable with the numbers before kronika
#: typed events and products.
EXTRA = ("EVT", "PRO")


_morphology = Morphology()


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    return frozenset(name for entry in load_kb() for name in entry.names)


def is_derived_word(form: str, lowercased: bool = False) -> bool:
    """A word derived from a name: an adjective or demonym by the knowledge base
    ("Brytyjczyków", "Polaków"), which BSNLP annotates as PER and the measure leaves out.

    "Polska" is also the adjective "polska" and "Niemcy" also the demonym "Niemiec": a reading
    as a name the knowledge base knows keeps such a word a name. Other name readings do not
    ("Polaków" is also the genitive of the village Polaki). In a ``lowercased`` file the form's
    case is lost, so the capitalized form is read too ("polski" may be "Polski", of Polska)."""
    if " " in form:
        return False
    derived = adjectives().keys() | demonyms().keys()
    readings = _morphology.analyse(form)
    if lowercased:
        readings += _morphology.analyse(form[:1].upper() + form[1:])
    named = any(r.lemma in known_names() and r.lemma not in derived for r in readings)
    return not named and any(r.lemma in derived for r in readings)


def read_gold(path: Path) -> tuple[dict[str, tuple[str, str, str]], bool]:
    """form → (lemma, type, cross-document id) of one annotated file, derived words left out;
    and whether the file is of the lowercased 2017 edition (every form lowercased)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]]
    rows = [[part.strip() for part in row] for row in rows if len(row) >= 4]
    lowercased = bool(rows) and all(row[0] == row[0].lower() for row in rows)
    gold = {
        form: (lemma, kind, cluster)
        for form, lemma, kind, cluster, *_ in rows
        if kind in (*SCORED, *EXTRA) and not is_derived_word(form, lowercased)
    }
    return gold, lowercased


def annotated_files(folder: Path) -> list[tuple[Path, str]]:
    """(annotated file, raw file name) pairs of one topic, in either edition's naming."""
    pairs = [(path, path.stem + ".txt") for path in folder.glob("*.out")]
    pairs += [(path, path.name) for path in folder.glob("*.txt")]
    return sorted(pairs)


def read_raw(path: Path) -> Document:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    title, body = lines[4].strip(), "\n".join(lines[5:]).strip()
    text = f"{title}\n\n{body}" if title else body
    return Document.create(text, source=str(path), date=lines[2].strip()[:10] or None)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1(p, r)


def bcubed(items: list[tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed over items given as (gold cluster, predicted cluster)."""
    gold_size: dict[str, int] = defaultdict(int)
    pred_size: dict[str, int] = defaultdict(int)
    both: dict[tuple[str, str], int] = defaultdict(int)
    for g, p in items:
        gold_size[g] += 1
        pred_size[p] += 1
        both[(g, p)] += 1
    precision = sum(both[(g, p)] / pred_size[p] for g, p in items) / len(items)
    recall = sum(both[(g, p)] / gold_size[g] for g, p in items) / len(items)
    return precision, recall, f1(precision, recall)


def pairwise(items: list[tuple[str, str]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in combinations(items, 2):
        same_gold, same_pred = g1 == g2, p1 == p2
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return prf(tp, fp, fn)


@dataclass
class Tally:
    """What the documents add up to, per measure."""

    counts: dict[str, list[int]] = field(
        default_factory=lambda: {t: [0, 0, 0] for t in (*SCORED, *EXTRA, "all")}
    )
    per_topic: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lemma_right: int = 0
    lemma_total: int = 0
    lemma_by_type: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0] for t in SCORED})
    identity: list[tuple[str, str]] = field(default_factory=list)
    forms_of: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    documents: int = 0


def found_names(
    record: dict, lowered: bool
) -> tuple[dict[tuple[str, str], str | None], dict[str, str]]:
    """(form, type) → entity id of the names kronika found, and form → its lemma."""
    found: dict[tuple[str, str], str | None] = {}
    lemmas: dict[str, str] = {}
    for mention in record["mentions"]:
        kind = TYPES.get(mention["type"])
        # names only: derived words and office descriptions ("prezydent Rosji") are
        # mentions of an entity, not forms of its name
        if kind and not mention["derived"] and not mention.get("description"):
            form = mention["text"].lower() if lowered else mention["text"]
            lemma = mention["lemma"].lower() if lowered else mention["lemma"]
            found.setdefault((form, kind), mention["entity"])
            lemmas.setdefault(form, lemma)
    return found, lemmas


def score_recognition(
    tally: Tally,
    where: str,
    gold: dict[str, tuple[str, str, str]],
    found: dict[tuple[str, str], str | None],
    topic_counts: list[int],
    kinds: tuple[str, ...] = SCORED,
) -> None:
    """Add one document's (form, type) sets of ``kinds``; ``where`` is "topic<TAB>document"."""
    gold_pairs = {(form, g[1]) for form, g in gold.items()}
    for kind in kinds:
        g = {pair for pair in gold_pairs if pair[1] == kind}
        p = {pair for pair in found if pair[1] == kind}
        scored = [tally.counts[kind]]
        if kind in SCORED:
            scored += [tally.counts["all"], topic_counts]
        for counts in scored:
            counts[0] += len(g & p)
            counts[1] += len(p - g)
            counts[2] += len(g - p)
        gold_types = {form: g[1] for form, g in gold.items()}
        tally.errors.extend(
            f"{where}\tFP\t{kind}\t{form}\t{gold_types.get(form, '')}" for form, _ in sorted(p - g)
        )
        tally.errors.extend(f"{where}\tFN\t{kind}\t{form}\t" for form, _ in sorted(g - p))


def score_lemmas_and_identity(
    tally: Tally,
    where: str,
    edition: str,
    gold: dict[str, tuple[str, str, str]],
    found: dict[tuple[str, str], str | None],
    lemmas: dict[str, str],
) -> None:
    """Add one document's lemmas of found gold forms and their (gold id, kronika id) pairs."""
    for form, (gold_lemma, kind, cluster) in gold.items():
        if kind not in SCORED:
            continue
        if form in lemmas:
            tally.lemma_total += 1
            right = lemmas[form] == gold_lemma
            tally.lemma_right += right
            tally.lemma_by_type[kind][0] += right
            tally.lemma_by_type[kind][1] += 1
            if not right:
                wrong = f"{lemmas[form]} ≠ {gold_lemma}"
                tally.errors.append(f"{where}\tLEMMA\t{kind}\t{form}\t{wrong}")
        entity = found.get((form, kind))
        if entity:
            tally.identity.append((f"{edition}:{cluster}", f"{edition}:{entity}"))
            tally.forms_of[(f"{edition}:{cluster}", entity)].add(form)


def score_topics(tally: Tally, data: Path, topics: list[str], nlp: Language) -> None:
    for topic in topics:
        topic_counts = tally.per_topic.setdefault(topic, [0, 0, 0])
        for gold_path, raw_name in annotated_files(data / topic / "annotated" / "pl"):
            raw_path = data / topic / "raw" / "pl" / raw_name
            if not raw_path.exists():
                continue
            tally.documents += 1
            gold, lowered = read_gold(gold_path)
            edition = "2017" if lowered else "2019"
            record = analyze_document(read_raw(raw_path), nlp).record
            found, lemmas = found_names(record, lowered)
            where = f"{topic}\t{gold_path.stem}"
            kinds = SCORED if lowered else (*SCORED, *EXTRA)
            score_recognition(tally, where, gold, found, topic_counts, kinds)
            score_lemmas_and_identity(tally, where, edition, gold, found, lemmas)


def split_entities(forms_of: dict[tuple[str, str], set[str]]) -> list[str]:
    """SPLIT error lines: gold entities kronika gives several ids, with the forms under each."""
    ids_of: dict[str, list[str]] = defaultdict(list)
    for cluster, entity in sorted(forms_of):
        ids_of[cluster].append(entity)
    lines = []
    for cluster, entities in ids_of.items():
        if len(entities) > 1:
            parts = [f"{e}: {', '.join(sorted(forms_of[(cluster, e)]))}" for e in entities]
            lines.append(f"SPLIT\t{cluster}\t" + " | ".join(parts))
    return lines


def print_recognition(tally: Tally, seconds: float) -> None:
    print(f"{tally.documents} documents in {seconds:.1f} s")
    print("recognition (document level, distinct forms; anchor for issue 3: F1 ≥ 0.85)")
    for kind in (*SCORED, "all", *EXTRA):
        p, r, f = prf(*tally.counts[kind])
        note = "  (not in all)" if kind in EXTRA else ""
        print(f"  {kind:<4} P {p:.3f}  R {r:.3f}  F1 {f:.3f}{note}")
    for topic, counts in tally.per_topic.items():
        p, r, f = prf(*counts)
        print(f"  topic {topic:<10} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def print_lemmas_and_identity(tally: Tally) -> None:
    print(
        "lemma accuracy on found names: "
        f"{tally.lemma_right / max(tally.lemma_total, 1):.3f} of {tally.lemma_total}"
    )
    for kind in SCORED:
        right, total = tally.lemma_by_type[kind]
        print(f"  {kind:<4} {right / max(total, 1):.3f} of {total}")
    if tally.identity:
        print(f"cross-document identity over {len(tally.identity)} found forms")
        print("  B-cubed   P {:.3f}  R {:.3f}  F1 {:.3f}".format(*bcubed(tally.identity)))
        print("  pairwise  P {:.3f}  R {:.3f}  F1 {:.3f}".format(*pairwise(tally.identity)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--topics", default="asia_bibi,brexit,ec,trump")
    parser.add_argument("--ner", default="auto", choices=["auto", "rules", "trained"])
    parser.add_argument("--errors", type=Path, help="write recognition errors to this TSV file")
    args = parser.parse_args()

    nlp = load(args.ner)
    print(f"pipeline: {' → '.join(name for name, _ in nlp.pipeline)}")
    tally = Tally()
    started = time.perf_counter()
    score_topics(tally, args.data, args.topics.split(","), nlp)
    seconds = time.perf_counter() - started

    print_recognition(tally, seconds)
    tally.errors.extend(split_entities(tally.forms_of))
    if args.errors:
        args.errors.write_text("".join(line + "\n" for line in tally.errors), encoding="utf-8")
    print_lemmas_and_identity(tally)


if __name__ == "__main__":
    main()
