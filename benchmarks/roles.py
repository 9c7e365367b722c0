"""Roles (``role`` relations of :mod:`kronika.extract.relations`) over real articles.

Usage::

    python benchmarks/roles.py /work/shared/data [--sample 30] [--seed 11] [--limit N]

DATA holds ``gold-dev/articles.jsonl`` and ``bsnlp-pl/*/raw/pl/*.txt`` (read as in
``benchmarks/facts.py``). No gold annotation of roles exists, so the script prints counts, the
most frequent titles, and a fixed-seed random sample of roles with their evidence, for a person
to judge (is the person right, the title right, the object right or rightly absent).

Measured note (2026-12-02, judged by reading; 843 documents = 40 gold-dev + 803 BSNLP raw): 874
roles, 388 with an object. Sample of 30 (seed 11): 26 right in person, title and object
(precision 0.87). The errors: "rzeczniczka May" (May's spokeswoman, read as May's title), a title
whose complement took the start of the object's name ("lider eurosceptycznej" of Partia
Niepodległości…), a party read as what a deputy prime minister is of ("wicepremier z partii
Liberalnych Demokratów"), and a name the detector split ("generałowi Qamarowi Javedowi Bajwie":
object "Qamar"). A first sample (before rejecting complements with no object, apposition words
that are not adjectives and a title that belongs to the next name) judged 24/30.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facts import analysed, print_sample, sample_arguments  # noqa: E402

MEASURED = "precision 0.87 on 30 sampled roles (2026-12-02); see the module docstring"


def main() -> None:
    args = sample_arguments(__doc__.splitlines()[0], seed=11)
    roles: list[tuple[str, str, str, str | None, str]] = []
    documents = 0
    for record in analysed(args.data, args.limit):
        documents += 1
        ident = record["source"]
        names = {e["id"]: e["name"] for e in record["entities"]}
        for relation in record["relations"]:
            if relation["predicate"] == "role":
                evidence = record["text"][relation["start"] : relation["end"]]
                roles.append(
                    (
                        ident,
                        names[relation["subject"]],
                        relation["value"],
                        names.get(relation["object"]),
                        evidence,
                    )
                )
    titles = Counter(value.split()[0] for _doc, _who, value, _of, _text in roles)
    with_object = sum(1 for role in roles if role[3])
    print(f"{documents} documents, {len(roles)} roles, {with_object} with an object")
    print("titles:", ", ".join(f"{t} {n}" for t, n in titles.most_common(15)))
    print_sample(
        roles,
        args,
        lambda item: f"{item[1]} | {item[2]} | {item[3] or '-'}    «{item[4]}»  [{item[0]}]",
    )
    print(f"\nmeasured: {MEASURED}")


if __name__ == "__main__":
    main()
