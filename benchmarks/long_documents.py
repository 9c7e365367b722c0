"""Time and peak memory of analysing one long document, at growing lengths (issue 19, item 5).

    python benchmarks/long_documents.py [--sizes 100000,300000,1000000] [--ner auto|trained|rules]

Each size runs in a fresh process (so peak memory is that size's own): the pipeline is loaded,
then one document of composed Polish news text (names, dates, quotations with dashes and „…”
marks, varied sentence by sentence) is analysed. Prints seconds of analysis (the load is not
counted), in wall-clock and CPU seconds (CPU time is what to compare on a shared machine), peak
resident memory of the process and the growth of CPU time against the previous size; the target
is that ×3 in length costs at most ×4 in time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

#: name, genitive, instrumental, office, past-tense ending (feminine "a" or masculine "")
PEOPLE = [
    ("Anna Kowalska", "Anny Kowalskiej", "Anną Kowalską", "minister zdrowia", "a"),
    ("Jan Nowak", "Jana Nowaka", "Janem Nowakiem", "prezydent Gdańska", ""),
    ("Piotr Wiśniewski", "Piotra Wiśniewskiego", "Piotrem Wiśniewskim", "rzecznik rządu", ""),
    ("Maria Zielińska", "Marii Zielińskiej", "Marią Zielińską", "posłanka z Lublina", "a"),
    ("Tomasz Lewandowski", "Tomasza Lewandowskiego", "Tomaszem Lewandowskim", "szef klubu", ""),
    ("Ewa Wójcik", "Ewy Wójcik", "Ewą Wójcik", "przewodnicząca komisji", "a"),
]
#: locative, genitive
PLACES = [
    ("Warszawie", "Warszawy"),
    ("Krakowie", "Krakowa"),
    ("Poznaniu", "Poznania"),
    ("Lublinie", "Lublina"),
    ("Rzeszowie", "Rzeszowa"),
    ("Olsztynie", "Olsztyna"),
]
MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "września"]
#: locative, genitive
TOPICS = [
    ("budżecie na przyszły rok", "budżetu na przyszły rok"),
    ("reformie szpitali powiatowych", "reformy szpitali powiatowych"),
    ("budowie nowej linii kolejowej", "budowy nowej linii kolejowej"),
    ("podatku od nieruchomości", "podatku od nieruchomości"),
    ("pomocy dla rolników", "pomocy dla rolników"),
    ("cenach energii", "cen energii"),
]


def sentence(n: int) -> str:
    """The n-th sentence of the composed text: a deterministic rotation of several shapes."""
    name, genitive, _, office, ending = PEOPLE[n % len(PEOPLE)]
    other, _, other_instrumental, _, other_ending = PEOPLE[(n * 5 + 1) % len(PEOPLE)]
    place, place_genitive = PLACES[n % len(PLACES)]
    day, month, year = 1 + n % 28, MONTHS[n % len(MONTHS)], 2015 + n % 9
    topic, topic_genitive = TOPICS[n % len(TOPICS)]
    shapes = [
        (
            f"{day} {month} {year} r. w {place} {office} {name} spotkał{ending} się z "
            f"{other_instrumental}."
        ),
        f"– Nie zgodzimy się na takie zmiany w {topic} – powiedział{ending} {name} w {place}.",
        f"„Rozmowy o {topic} potrwają do końca {month}” – zapowiedział{ending} {name}.",
        f"Według {genitive} decyzja w sprawie {topic_genitive} zapadnie w ciągu dwóch tygodni.",
        (
            f"{other} przypomniał{other_ending}, że w {year} r. rząd przyjął plan dla "
            f"{place_genitive}."
        ),
        (
            f"W czwartek {office} {name} ogłosił{ending}, że konferencja w {place} odbędzie się "
            f"{day} {month}."
        ),
        f"Sondaż z {month} pokazał, że {10 + n % 50} proc. badanych popiera {genitive}.",
        (
            f"Jak mówił{other_ending} {other}: „To jest najważniejsza sprawa dla mieszkańców "
            f"{place_genitive}”."
        ),
    ]
    return shapes[n % len(shapes)]


def composed_text(length: int) -> str:
    parts: list[str] = []
    total, n = 0, 0
    while total < length:
        piece = sentence(n) + ("\n\n" if n % 7 == 6 else " ")
        parts.append(piece)
        total += len(piece)
        n += 1
    return "".join(parts)[:length].rstrip()


def measure(length: int, ner: str) -> dict[str, float]:
    """Analyse one document of ``length`` characters in this process."""
    from kronika.errors import AnalysisError
    from kronika.ingest import read_text
    from kronika.pipeline import analyze_batch, load

    nlp = load(ner)
    (document,) = read_text(composed_text(length), max_chars=max(length, 1))
    started, cpu_started = time.perf_counter(), time.process_time()
    (result,) = analyze_batch([document], nlp)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if isinstance(result, AnalysisError):
        raise SystemExit(f"{length:,} characters: {result}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(document.text),
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak_mb,
        "mentions": len(result.record["mentions"]),
        "quotes": len(result.record["quotes"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--ner", default="auto", choices=["auto", "trained", "rules"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process's size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.ner)))
        return
    previous: dict[str, float] | None = None
    print(
        f"{'chars':>10} {'seconds':>9} {'CPU s':>8} {'peak MB':>8} {'×CPU':>6} {'mentions':>9}"
        f" {'quotes':>7}",
        flush=True,
    )
    for size in (int(s) for s in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--ner", args.ner],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(f"{size:>10} failed: {child.stderr.strip()[-500:]}")
            return
        row = json.loads(child.stdout.strip().splitlines()[-1])
        growth = f"{row['cpu'] / previous['cpu']:.1f}" if previous else "-"
        print(
            f"{row['chars']:>10,.0f} {row['seconds']:>9.1f} {row['cpu']:>8.1f}"
            f" {row['peak_mb']:>8.0f} {growth:>6} {row['mentions']:>9.0f} {row['quotes']:>7.0f}",
            flush=True,
        )
        previous = row


if __name__ == "__main__":
    main()
