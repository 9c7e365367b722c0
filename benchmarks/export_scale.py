"""Export a synthetic database in every format, with time and peak memory per format.

    python benchmarks/export_scale.py [--sizes 1000,10000] [--formats all] [--seed 7] [--work DIR]

For each size N a database of N articles is made (deterministic by seed) from sentence templates
written for this benchmark and the knowledge base's names (its people, plus people composed of
their given names and surnames: about 20,000 distinct people; countries, capitals,
organizations; each drawn by Zipf's law, so that a few are named in a large share of the
articles and most in a few; dates from 2015 to 2025), inserted directly with ``Store.add`` — the
NLP pipeline is not run. Each format is then exported by a child process, and its peak resident
memory read from ``os.wait4``'s rusage (``ru_maxrss``). ``read`` is the baseline: the records
read from the store and turned into analyses, nothing written. Memory should stay flat as N
grows, except for graphml and gexf (and the entities table of csv and parquet), which grow with
entities and edges.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kronika.kb import load_kb
from kronika.model import (
    Analysis,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Relation,
    Span,
    Statement,
    Timex,
)
from kronika.resolve.entities import entity_id
from kronika.store import Store

_T = TypeVar("_T")

MONTHS = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "września", "października", "listopada", "grudnia",
)  # fmt: skip
CLAUSES = (
    "Nie zgodzimy się na żadne ustępstwa",
    "Rozmowy były trudne, ale potrzebne",
    "Nasz kraj jest gotów do dialogu",
    "Sankcje nie przyniosły oczekiwanych skutków",
    "Współpraca gospodarcza musi być kontynuowana",
    "Decyzja zapadnie jeszcze w tym roku",
)
FILLERS = (
    "Komentatorzy zwracają uwagę na rosnące koszty energii.",
    "Opozycja zapowiada kolejne protesty.",
    "Rynki finansowe zareagowały spokojnie.",
    "Eksperci nie spodziewają się szybkiego porozumienia.",
)


@dataclass(frozen=True)
class Name:
    entity: Entity
    label: str


@dataclass
class Names:
    people: list[tuple[Entity, str, str]]  # entity, forename, surname
    countries: list[Name]
    cities: list[Name]
    blocs: list[Name]
    pollsters: list[Name]


def names() -> Names:
    kb = load_kb()
    people, seen = [], set()
    kb_people = [e for e in kb if e.type == "person" and " " in e.name]
    for entry in kb_people:
        forename, surname = entry.name.split(" ", 1)
        ident = entity_id(entry.key)
        people.append((Entity(ident, entry.name, "person", entry.wikidata), forename, surname))
        seen.add(entry.name)
    forenames = sorted({e.name.split(" ", 1)[0] for e in kb_people})
    surnames = sorted({e.name.rsplit(" ", 1)[1] for e in kb_people})
    for forename in forenames:
        for surname in surnames:
            name = f"{forename} {surname}"
            if name not in seen:
                entity = Entity(entity_id(f"person:{name.lower()}"), name, "person")
                people.append((entity, forename, surname))
    countries = [
        Name(Entity(entity_id(e.key), e.name, "country", e.wikidata), "placeName_country")
        for e in kb
        if e.type == "country" and e.wikidata
    ]
    cities = [
        Name(Entity(entity_id(f"place:{e.capital}"), e.capital, "place"), "placeName_settlement")
        for e in kb
        if e.type == "country" and e.capital and " " not in e.capital
    ]
    orgs = [e for e in kb if e.type == "organization"]
    blocs = [Name(Entity(entity_id(e.key), e.name, "organization", e.wikidata), "orgName")
             for e in orgs if e.members]  # fmt: skip
    pollsters = [Name(Entity(entity_id(e.key), e.name, "organization", e.wikidata), "orgName")
                 for e in orgs if not e.members]  # fmt: skip
    return Names(people, countries, cities, blocs, pollsters)


@dataclass
class Article:
    """A text composed piece by piece, with what each piece names."""

    text: str = ""
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    _sentence_start: int = 0

    def say(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)

    def name(self, name: Name | Entity, label: str = "") -> tuple[int, int]:
        entity = name.entity if isinstance(name, Name) else name
        start, end = self.say(entity.name)
        label = name.label if isinstance(name, Name) else label
        self.mentions.append(
            Mention(start, end, entity.name, entity.name, entity.type, label, entity=entity.id)
        )
        self.entities[entity.id] = entity
        return start, end

    def person(self, person: tuple[Entity, str, str]) -> tuple[int, int]:
        entity, forename, _surname = person
        start, end = self.name(entity, "persName")
        for form, offset, label in (
            (forename, start, "persName_forename"),
            (entity.name[len(forename) + 1 :], start + len(forename) + 1, "persName_surname"),
        ):
            self.mentions.append(
                Mention(offset, offset + len(form), form, form, "person", label, entity=entity.id)
            )
        return start, end

    def end_sentence(self) -> tuple[int, int]:
        span = Span(self._sentence_start, len(self.text))
        self.sentences.append(span)
        self.text += " "
        self._sentence_start = len(self.text)
        return span.start, span.end


class Zipf:
    """Draws from a list with the weight of its r-th item ∝ 1/r (Zipf's law, as names are in
    news: a few entities in a large share of the articles, a long tail named once or twice)."""

    def __init__(self) -> None:
        self._cumulative: dict[int, list[float]] = {}

    def __call__(self, rng: random.Random, items: Sequence[_T]) -> _T:
        cumulative = self._cumulative.get(len(items))
        if cumulative is None:
            cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(items) + 1)))
            self._cumulative[len(items)] = cumulative
        return rng.choices(items, cum_weights=cumulative)[0]


pick = Zipf()


def _date(rng: random.Random) -> tuple[str, str]:
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return f"{year}-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]} {year} r."


def _member(a: Article, rng: random.Random, pool: Names, date: str) -> None:
    country, bloc = pick(rng, pool.countries), pick(rng, pool.blocs)
    subject = a.name(country)
    a.say(" pozostaje członkiem organizacji ")
    obj = a.name(bloc)
    a.say(".")
    start, end = a.end_sentence()
    a.relations.append(Relation(country.entity.id, "member_of", bloc.entity.id, start,
                       end, subject_text=a.text[slice(*subject)],
                       object_text=a.text[slice(*obj)], time=date,
                       time_source="document", evidence="phrase"))  # fmt: skip


def _visit(a: Article, rng: random.Random, pool: Names, date: str) -> None:
    a.person(pick(rng, pool.people))
    a.say(" przyjechał do miasta ")
    a.name(pick(rng, pool.cities))
    a.say(" ")
    value, words = _date(rng)
    span = a.say("w dniu " + words)
    a.timexes.append(Timex(*span, a.text[slice(*span)], "DATE", value, anchor="absolute"))
    a.say(".")
    a.end_sentence()


def _quote(a: Article, rng: random.Random, pool: Names, date: str) -> None:
    a.say("„")
    said = a.say(rng.choice(CLAUSES))
    a.say("” – powiedział dziennikarzom ")
    person = pick(rng, pool.people)
    speaker = a.person(person)
    a.say(".")
    a.end_sentence()
    a.quotes.append(Quote(*said, a.text[slice(*said)], "direct", person[0].name,
                    *speaker, cue="powiedział", speaker=person[0].id, time=date,
                    time_source="document"))  # fmt: skip


def _meeting(a: Article, rng: random.Random, pool: Names, date: str) -> None:
    first, second, city = (pick(rng, pool.countries), pick(rng, pool.countries),
                           pick(rng, pool.cities))  # fmt: skip
    trigger = a.say("Spotkanie")
    a.say(" przedstawicieli państw: ")
    a.name(first)
    a.say(" i ")
    a.name(second)
    a.say(" odbędzie się ")
    value, words = _date(rng)
    span = a.say(words)
    a.timexes.append(Timex(*span, words, "DATE", value, anchor="absolute"))
    a.say(" w mieście ")
    a.name(city)
    a.say(".")
    start, end = a.end_sentence()
    a.events.append(Event(entity_id(f"event:{city.entity.name}:{value}"), "meeting",
                    start, end, "Spotkanie", *trigger, status="planned", time=value,
                    place=city.entity.id,
                    participants=(first.entity.id, second.entity.id)))  # fmt: skip


def _poll(a: Article, rng: random.Random, pool: Names, date: str) -> None:
    pollster, person = pick(rng, pool.pollsters), pick(rng, pool.people)
    a.say("Według sondażu ")
    a.name(pollster)
    share = rng.randint(5, 70)
    a.say(f" {share} proc. badanych ufa, że ")
    a.person(person)
    a.say(" wygra wybory.")
    start, end = a.end_sentence()
    a.facts.append(Fact("poll", start, end, source=pollster.entity.id,
                   source_text=pollster.entity.name, time=date,
                   statements=(Statement(share, "proc.", f"{person[0].name} wygra "
                               "wybory", population="badanych"),)))  # fmt: skip


def _filler(a: Article, rng: random.Random, pool: Names, date: str) -> None:
    a.say(rng.choice(FILLERS))
    a.end_sentence()


SENTENCES = {
    "member": _member,
    "visit": _visit,
    "quote": _quote,
    "meeting": _meeting,
    "poll": _poll,
    "filler": _filler,
}


def compose(index: int, seed: int, pool: Names) -> Analysis:
    rng = random.Random(seed * 1_000_003 + index)
    a = Article()
    date, _text = _date(rng)
    for _ in range(rng.randint(3, 6)):
        kind = rng.choice(tuple(SENTENCES))
        SENTENCES[kind](a, rng, pool, date)
    text = a.text.rstrip()
    return Analysis(
        id=f"synth{seed}-{index:07d}",
        source="export_scale",
        date=date,
        date_source="metadata",
        text=text,
        sentences=tuple(a.sentences),
        entities=tuple(a.entities.values()),
        mentions=tuple(sorted(a.mentions, key=lambda m: (m.start, -m.end))),
        timexes=tuple(a.timexes),
        quotes=tuple(a.quotes),
        relations=tuple(a.relations),
        events=tuple(a.events),
        facts=tuple(a.facts),
        sentence_lemmas=tuple(text[s.start : s.end] for s in a.sentences),
    )


def make_db(path: Path, count: int, seed: int, batch: int = 1000) -> None:
    pool = names()
    with Store(path) as store:
        for first in range(0, count, batch):
            store.add([compose(i, seed, pool) for i in range(first, min(count, first + batch))])  # type: ignore[misc]


def _child(format_name: str, db: Path, out: Path) -> None:
    from kronika.export import analyses_of, export

    started = time.perf_counter()
    with Store(db) as store:
        if format_name == "read":
            for _analysis in analyses_of(store):
                pass
        else:
            export(store, format_name, out)
    print(time.perf_counter() - started)


def measure(format_name: str, db: Path, out: Path) -> tuple[float, float]:
    """Seconds (the export itself, after the imports) and peak resident MB (the whole child
    process) of one export."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", format_name, str(db), str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    assert child.stdout is not None
    seconds = float(child.stdout.read().strip() or "nan")
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"export to {format_name} failed (exit {child.returncode})")
    return seconds, usage.ru_maxrss / 1024


def run(sizes: list[int], formats: list[str], seed: int, work: Path) -> Iterator[str]:
    from kronika.export import FORMATS

    work.mkdir(parents=True, exist_ok=True)
    yield f"{'documents':>9}  {'format':<8}  {'seconds':>8}  {'peak MB':>8}  {'docs/s':>8}"
    for size in sizes:
        db = work / f"synthetic-{size}.db"
        if not db.exists():
            started = time.perf_counter()
            make_db(db, size, seed)
            yield f"{size:>9}  (made the database in {time.perf_counter() - started:.1f} s)"
        for name in formats:
            suffix = "" if FORMATS.get(name) is None or FORMATS[name].folder else f".{name}"
            seconds, peak = measure(name, db, work / f"out-{size}-{name}{suffix}")
            yield f"{size:>9}  {name:<8}  {seconds:>8.1f}  {peak:>8.0f}  {size / seconds:>8.0f}"


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return 0
    from kronika.export import FORMATS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated document counts")
    parser.add_argument("--formats", default="all", help="comma-separated, or all")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("export-scale"))
    args = parser.parse_args(argv)
    formats = ["read", *FORMATS] if args.formats == "all" else args.formats.split(",")
    sizes = [int(size) for size in args.sizes.split(",")]
    for line in run(sizes, formats, args.seed, args.work):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
