"""Time of the extractors on one long composed document: extraction must be linear in length.

    python benchmarks/long_extract.py [--sizes 100000,300000] [--profile]

The text is made of our own Polish sentences (quotations of every construction, dates, polls,
memberships and roles), repeated with varied names and numbers up to each size. The language
layer runs once per size (not timed); each extractor is then timed on the analysed Doc, and the
ratio of times between consecutive sizes is printed next to the ratio of lengths.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

import kronika
from kronika.extract.facts import find_polls
from kronika.extract.quotes import find_quotes
from kronika.extract.relations.lists import find_memberships
from kronika.extract.relations.titles import find_roles
from kronika.extract.timex import document_date_range, find_timexes, infer_document_date

NAMES = ["Jan Kowalski", "Anna Nowak", "Piotr Wiśniewski", "Maria Zielińska", "Tomasz Lis"]
PLACES = ["Gdańsku", "Lublinie", "Krakowie", "Poznaniu", "Wrocławiu"]
PARAGRAPH = (
    "W poniedziałek {n} stycznia w {place} odbyło się spotkanie radnych.\n"
    "– Nie zgodzimy się na takie cięcia – powiedział dziennikarzom {name}, przewodniczący rady.\n"
    "„Budżet miasta jest napięty, ale damy radę” – dodała {other}.\n"
    "{name} stwierdził, że decyzja zapadnie do końca marca {year} roku.\n"
    "Zdaniem ekspertów koszty wzrosną o {n} proc. w ciągu dwóch lat.\n"
    "Jak podkreśliła {other}, rozmowy trwały ponad trzy godziny.\n"
    "Według sondażu CBOS dla „Rzeczpospolitej” {n} proc. ankietowanych popiera reformę, "
    "a {m} proc. jest przeciw.\n"
    "Polska wstąpiła do NATO w 1999 roku, a minister finansów {name} przypomniał o tym wczoraj.\n"
    "{other} powiedziała: Nie boję się żadnych gróźb. Zostanę tutaj”. Potem wyszła.\n"
    "Dwa tygodnie temu {name}, znany ekonomista, ostrzegał przed kryzysem.\n\n"
)


def composed(size: int) -> str:
    parts: list[str] = []
    length = 0
    k = 0
    while length < size:
        name, other = NAMES[k % len(NAMES)], NAMES[(k + 2) % len(NAMES)]
        part = PARAGRAPH.format(
            n=k % 27 + 1,
            m=(k * 7) % 40 + 10,
            place=PLACES[k % len(PLACES)],
            name=name,
            other=other,
            year=2020 + k % 5,
        )
        parts.append(part)
        length += len(part)
        k += 1
    return "".join(parts)[:size]


def run_extractors(doc) -> None:
    timexes = find_timexes(doc, "2023-05-10")
    undated = find_timexes(doc, None)
    infer_document_date(doc, undated)
    document_date_range(doc, undated)
    find_quotes(doc)
    find_polls(doc, timexes)
    find_memberships(doc, timexes)
    find_roles(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,300000")
    parser.add_argument("--profile", action="store_true", help="cProfile of the largest size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    nlp = kronika.load()
    nlp.max_length = max(sizes) + 1000
    previous: tuple[int, float] | None = None
    for size in sizes:
        doc = nlp(composed(size))
        started = time.perf_counter()
        run_extractors(doc)
        seconds = time.perf_counter() - started
        ratio = ""
        if previous is not None:
            ratio = f"  length ×{size / previous[0]:.1f}, time ×{seconds / previous[1]:.2f}"
        print(f"{size:>8} chars {len(doc):>7} tokens  extract {seconds:7.2f} s{ratio}", flush=True)
        previous = (size, seconds)
        if args.profile and size == sizes[-1]:
            doc = nlp(composed(size))
            profile = cProfile.Profile()
            profile.enable()
            run_extractors(doc)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
