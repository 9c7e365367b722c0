"""A synthetic Polish news corpus to measure kronika on, composed from its own knowledge base.

    python benchmarks/corpus.py --count 10000 [--seed 7] [--out corpus-10k.jsonl]

Each article is a JSONL record as ``kronika build`` reads it (``id``, ``date``, ``title``,
``text``): a few paragraphs of sentences written for this benchmark, filled with the knowledge
base's people (and people composed of their given names and surnames of the same gender: about
15,000 distinct people), countries, capitals, blocs and offices, and dates from 2015 to 2025.
Sentence types: meetings and visits, direct and indirect quotations, memberships, accessions,
offices, sanctions, partnerships, polls, relative and absolute dates, and filler. Names are
inflected with Morfeusz 2's generator (``Morfeusz().generate``): a slot needing a case takes only
names Morfeusz can put in it, so the Polish stays grammatical.

``generate(count, seed)`` yields the records one at a time: article ``i`` depends only on
``(seed, i)``, so memory stays flat at any size and the same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import morfeusz2

from kronika.kb import Entry, load_kb

MONTHS_GENITIVE = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "września", "października", "listopada", "grudnia",
)  # fmt: skip
WEEKDAYS = (
    "w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek", "w sobotę", "w niedzielę",
)  # fmt: skip

#: What people say, written for this benchmark (direct quotations, then indirect ones after "że").
CLAUSES = (
    "Nie zgodzimy się na żadne ustępstwa w sprawie granic",
    "Rozmowy były trudne, ale potrzebne obu stronom",
    "Nasz kraj jest gotów do dialogu bez warunków wstępnych",
    "Sankcje nie przyniosły oczekiwanych skutków",
    "Współpraca gospodarcza musi być kontynuowana mimo różnic",
    "Decyzja w sprawie gazociągu zapadnie jeszcze w tym roku",
    "Nikt nie będzie nam dyktował, z kim mamy handlować",
    "Bezpieczeństwo energetyczne regionu jest naszym priorytetem",
    "Oczekujemy od partnerów konkretnych zobowiązań, a nie deklaracji",
    "Granica pozostanie otwarta dla ruchu towarowego",
)
INDIRECT = (
    "rząd przygotuje nowy pakiet pomocy dla rolników",
    "negocjacje w sprawie umowy handlowej potrwają do jesieni",
    "wojsko nie weźmie udziału w ćwiczeniach",
    "ceny gazu nie wzrosną przed końcem roku",
    "ambasada wznowi wydawanie wiz w przyszłym miesiącu",
    "parlament zajmie się ustawą na najbliższym posiedzeniu",
)
FILLERS = (
    "Komentatorzy zwracają uwagę na rosnące koszty energii.",
    "Opozycja zapowiada kolejne protesty w stolicy.",
    "Rynki finansowe zareagowały na te doniesienia spokojnie.",
    "Eksperci nie spodziewają się szybkiego porozumienia.",
    "Wcześniej w tej sprawie wypowiadali się przedstawiciele biznesu.",
    "Do rozmów ma dojść także na poziomie wiceministrów.",
    "Według analityków najbliższe tygodnie będą decydujące.",
    "Obie delegacje podpisały protokół o dalszej współpracy.",
)
TOPICS = (
    "energetyki", "handlu", "bezpieczeństwa", "transportu", "migracji", "rolnictwa",
    "ochrony granic", "współpracy wojskowej",
)  # fmt: skip
POLL_OBJECTS = (
    "przystąpienie kraju do Unii Europejskiej",
    "zaostrzenie sankcji",
    "dalszą pomoc dla uchodźców",
    "politykę rządu wobec sąsiadów",
)
#: Who comments, as a man and as a woman.
EXPERTS = (("ekspert", "ekspertka"), ("analityk", "analityczka"), ("politolog", "politolożka"))
#: Past forms of the verbs the templates use, by the subject's gender (m, f, n) or plural (p).
VERBS: dict[str, dict[str, str]] = {
    "met": {"m": "spotkał się", "f": "spotkała się", "n": "spotkało się", "p": "spotkały się"},
    "came": {"m": "przyjechał", "f": "przyjechała", "n": "przyjechało", "p": "przyjechały"},
    "said": {"m": "powiedział", "f": "powiedziała", "n": "powiedziało", "p": "powiedziały"},
    "announced": {"m": "zapowiedział", "f": "zapowiedziała", "n": "zapowiedziało",
                  "p": "zapowiedziały"},
    "joined": {"m": "wstąpił", "f": "wstąpiła", "n": "wstąpiło", "p": "wstąpiły"},
    "imposed": {"m": "nałożył", "f": "nałożyła", "n": "nałożyło", "p": "nałożyły"},
    "signed": {"m": "podpisał", "f": "podpisała", "n": "podpisało", "p": "podpisały"},
}  # fmt: skip
IS = {"m": "jest", "f": "jest", "n": "jest", "p": "są"}

_morfeusz = morfeusz2.Morfeusz()


def _gender(tag: str) -> str:
    """m, f, n or p (plural) of an SGJP noun tag."""
    parts = tag.split(":")
    if len(parts) > 1 and parts[1] == "pl":
        return "p"
    kind = parts[3] if len(parts) > 3 else ""
    return "f" if kind == "f" else "n" if kind == "n" else "m"


@cache
def forms(word: str, label: str) -> dict[str, dict[str, str]]:
    """Gender (m, f, n, p) -> case -> form of the proper noun ``word`` with the SGJP label
    ``label`` (imię, nazwisko, nazwa_geograficzna), as Morfeusz generates it; empty if unknown."""
    found: dict[str, dict[str, str]] = {}
    for form, lemma, tag, labels, _qualifiers in _morfeusz.generate(word):
        parts = tag.split(":")
        if parts[0] != "subst" or label not in labels or lemma.split(":")[0] != word:
            continue
        gender = _gender(tag)
        if "sg" not in parts[1].split(".") and gender != "p":
            continue  # a singular name's plural forms
        for case in parts[2].split("."):
            found.setdefault(gender, {}).setdefault(case, form)
    return found


@dataclass(frozen=True)
class Name:
    """A name and its forms by case (nominative always; others where Morfeusz knows them)."""

    nom: str
    cases: dict[str, str]
    gender: str

    def at(self, case: str) -> str:
        return self.cases[case]


def _word_name(word: str, label: str) -> Name | None:
    for gender, cases in forms(word, label).items():
        if cases.get("nom") == word:
            return Name(word, cases, gender)
    return None


CASES = ("nom", "gen", "dat", "acc", "inst", "loc")


def _surname(surname: str, gender: str) -> dict[str, str]:
    """The forms of a family name for a bearer of ``gender``: a woman's form of an adjectival
    name ("Kowalski" -> "Kowalska"); a woman's consonant-ending name does not inflect."""
    if gender == "f" and surname.endswith("i"):
        surname = surname[:-1] + "a"
    return forms(surname, "nazwisko").get(gender, {})


def _person(forename: str, surname: str) -> Name | None:
    """A person whose names Morfeusz inflects in every case the templates use."""
    first = _word_name(forename, "imię")
    if first is None or first.gender not in ("m", "f"):
        return None
    last = _surname(surname, first.gender)
    if not all(case in first.cases and case in last for case in CASES):
        return None
    cases = {case: f"{first.cases[case]} {last[case]}" for case in CASES}
    return Name(cases["nom"], cases, first.gender)


@dataclass(frozen=True)
class Office:
    title: str  # "prezydent", in the nominative
    country: Name
    since: int | None = None
    until: int | None = None


@dataclass
class Pools:
    forenames: dict[str, list[str]]  # gender (m, f) -> given names Morfeusz inflects
    surnames: dict[str, list[str]]  # gender -> family names Morfeusz inflects for that gender
    officials: list[tuple[Name, Office]]  # the knowledge base's office holders
    countries: list[Name]
    cities: list[Name]
    blocs: list[str]  # acronyms: they stand after "do", "członkiem" without inflecting
    pollsters: list[str]

    def distinct_people(self) -> int:
        return sum(len(self.forenames[g]) * len(self.surnames[g]) for g in self.forenames)


#: Polling institutes of the knowledge base, named in the poll sentences.
POLLSTER_KEYS = ("org:CBOS", "org:IBRiS", "org:Lewada", "org:Pew")
#: Of the given and family names in name_locales.tsv, every n-th is tried (all would take
#: Morfeusz several seconds to inflect; these give a few hundred thousand people).
NAME_SAMPLE = 3


def _countries(kb: tuple[Entry, ...]) -> tuple[list[Name], dict[str, Name], list[Name]]:
    countries, by_key, cities = [], {}, []
    for entry in kb:
        if entry.type != "country" or not entry.wikidata or " " in entry.name:
            continue
        name = _word_name(entry.name, "nazwa_geograficzna")
        if name and {"gen", "acc", "loc"} <= set(name.cases):
            countries.append(name)
            by_key[entry.key] = name
        capital = entry.capital if entry.capital and " " not in entry.capital else None
        city = capital and _word_name(capital, "nazwa_geograficzna")
        if city and {"gen", "loc", "inst"} <= set(city.cases):
            cities.append(city)
    return countries, by_key, cities


def _locale_names() -> tuple[list[str], list[str]]:
    """Given names and family names of kronika's name-locale table (every NAME_SAMPLE-th)."""
    table = resources.files("kronika.lang.pl").joinpath("name_locales.tsv").read_text("utf-8")
    given, family = [], []
    rows = [line.split("\t") for line in table.splitlines() if not line.startswith("#")]
    for number, (name, as_given, as_family) in enumerate(rows):
        if number % NAME_SAMPLE or not name.isalpha() or not name[0].isupper():
            continue
        if as_given != "0":
            given.append(name)
        if as_family != "0":
            family.append(name)
    return given, family


def _officials(kb: tuple[Entry, ...], country_of: dict[str, Name]) -> list[tuple[Name, Office]]:
    officials = []
    for entry in kb:
        if entry.type != "person" or entry.name.count(" ") != 1:
            continue
        first = _word_name(entry.name.split(" ")[0], "imię")
        if first is None or first.gender not in ("m", "f"):
            continue
        # office holders stand in the nominative only: their own names need no inflection
        person = Name(entry.name, {"nom": entry.name}, first.gender)
        for role in entry.roles:
            if role.of in country_of and " " not in role.role:
                office = Office(role.role, country_of[role.of], role.since, role.until)
                officials.append((person, office))
    return officials


@cache
def pools() -> Pools:
    kb = load_kb()
    countries, country_of, cities = _countries(kb)
    given, family = _locale_names()
    kb_names = [e.name.split(" ") for e in kb if e.type == "person" and e.name.count(" ") == 1]
    given += [first for first, _ in kb_names]
    family += [last for _, last in kb_names]
    forenames: dict[str, list[str]] = {"m": [], "f": []}
    for name in sorted(set(given)):
        first = _word_name(name, "imię")
        if first and first.gender in forenames and all(c in first.cases for c in CASES):
            forenames[first.gender].append(name)
    surnames = {
        gender: [
            name for name in sorted(set(family)) if all(c in _surname(name, gender) for c in CASES)
        ]
        for gender in forenames
    }
    orgs = {e.key: e for e in kb if e.type == "organization"}
    acronyms = (
        next((a for a in (e.name, *e.aliases) if _is_acronym(a)), None)
        for e in orgs.values()
        if e.members
    )
    return Pools(
        forenames=forenames,
        surnames=surnames,
        officials=_officials(kb, country_of),
        countries=countries,
        cities=cities,
        blocs=sorted(a for a in acronyms if a),
        pollsters=[
            next((a for a in orgs[k].aliases if _is_acronym(a)), orgs[k].name)
            for k in POLLSTER_KEYS
            if k in orgs
        ],
    )


def _is_acronym(name: str) -> bool:
    return " " not in name and sum(c.isupper() for c in name) >= 2


# --- sentences ---------------------------------------------------------------------------------


@dataclass
class Scene:
    """One article's random source, date and the people it is about."""

    rng: random.Random
    pools: Pools
    year: int
    month: int
    day: int

    def person(self) -> Name:
        gender = "f" if self.rng.random() < 0.3 else "m"
        while True:  # a few names Morfeusz inflects only in some cases
            forename = self.rng.choice(self.pools.forenames[gender])
            person = _person(forename, self.rng.choice(self.pools.surnames[gender]))
            if person is not None:
                return person

    def official(self) -> tuple[Name, Office]:
        """Someone holding an office in the article's year (any office holder if none does)."""
        return self.rng.choice(_officials_in(self.year) or self.pools.officials)

    def date_words(self) -> str:
        choice = self.rng.random()
        if choice < 0.4:
            return f"{self.day} {MONTHS_GENITIVE[self.month - 1]}"
        if choice < 0.7:
            return self.rng.choice(WEEKDAYS)
        return f"{self.day} {MONTHS_GENITIVE[self.month - 1]} {self.year} r."


@cache
def _officials_in(year: int) -> list[tuple[Name, Office]]:
    return [
        (person, office)
        for person, office in pools().officials
        if (office.since or 0) <= year <= (office.until or 9999)
    ]


def _meeting(s: Scene) -> str:
    a, b, city = s.person(), s.person(), s.rng.choice(s.pools.cities)
    when = s.date_words()
    return (
        f"{when[0].upper()}{when[1:]} {a.nom} {VERBS['met'][a.gender]} w {city.at('loc')} "
        f"z {b.at('inst')}, by rozmawiać o kwestiach "
        f"{s.rng.choice(TOPICS)}."
    )


def _visit(s: Scene) -> str:
    person, office = s.official()
    city = s.rng.choice(s.pools.cities)
    return (
        f"{office.title.capitalize()} {office.country.at('gen')} {person.nom} "
        f"{VERBS['came'][person.gender]} {s.date_words()} do {city.at('gen')}."
    )


def _quote(s: Scene) -> str:
    person, office = s.official()
    if s.rng.random() < 0.5:
        person = s.person()
        expert = s.rng.choice(EXPERTS)[person.gender == "f"]
        country = s.rng.choice(s.pools.countries)
        return (
            f"– {s.rng.choice(CLAUSES)} – {VERBS['said'][person.gender]} {person.nom}, "
            f"{expert} z {country.at('gen')}."
        )
    return (
        f"– {s.rng.choice(CLAUSES)} – {VERBS['said'][person.gender]} {person.nom}, "
        f"{office.title} {office.country.at('gen')}."
    )


def _indirect(s: Scene) -> str:
    person = s.person()
    return f"{person.nom} {VERBS['announced'][person.gender]}, że {s.rng.choice(INDIRECT)}."


def _membership(s: Scene) -> str:
    country, bloc = s.rng.choice(s.pools.countries), s.rng.choice(s.pools.blocs)
    if s.rng.random() < 0.5:
        return f"{country.nom} {IS[country.gender]} członkiem {bloc} od wielu lat."
    return f"{country.nom} {VERBS['joined'][country.gender]} do {bloc} w {s.year - 3} r."


def _sanctions(s: Scene) -> str:
    a, b = s.rng.sample(s.pools.countries, 2)
    return f"{a.nom} {VERBS['imposed'][a.gender]} {s.date_words()} nowe sankcje na {b.at('acc')}."


def _partners(s: Scene) -> str:
    a, b = s.rng.sample(s.pools.countries, 2)
    return (
        f"{a.nom} i {b.nom} podpisały umowę o partnerstwie strategicznym w dziedzinie "
        f"{s.rng.choice(TOPICS)}."
    )


def _poll(s: Scene) -> str:
    pollster = s.rng.choice(s.pools.pollsters)
    share = s.rng.randint(12, 78)
    return f"Według sondażu {pollster} {share} proc. badanych popiera {s.rng.choice(POLL_OBJECTS)}."


def _filler(s: Scene) -> str:
    return s.rng.choice(FILLERS)


SENTENCES: tuple[tuple[Callable[[Scene], str], float], ...] = (
    (_meeting, 3),
    (_visit, 2),
    (_quote, 3),
    (_indirect, 2),
    (_membership, 1.5),
    (_sanctions, 1),
    (_partners, 1),
    (_poll, 0.7),
    (_filler, 3),
)


def article(index: int, seed: int) -> dict[str, str]:
    """Article ``index`` of the corpus of ``seed`` (depends on nothing else)."""
    rng = random.Random(f"{seed}:{index}")
    scene = Scene(rng, pools(), rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28))
    kinds = [kind for kind, _weight in SENTENCES]
    weights = [weight for _kind, weight in SENTENCES]
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        chosen = rng.choices(kinds, weights, k=rng.randint(2, 5))
        paragraphs.append(" ".join(kind(scene) for kind in chosen))
    first = paragraphs[0].split(".")[0]
    return {
        "id": f"corpus-{seed}-{index}",
        "date": f"{scene.year}-{scene.month:02d}-{scene.day:02d}",
        "title": first[:80],
        "text": "\n\n".join(paragraphs),
    }


def generate(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``count`` articles, one JSONL record each, in order; deterministic by ``seed``."""
    for index in range(count):
        yield article(index, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="JSONL file (default: stdout)")
    args = parser.parse_args()
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        for record in generate(args.count, args.seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if args.out:
            out.close()


if __name__ == "__main__":
    main()
