"""The graph built over the two seed articles, checked against what a reader finds in them.

    python benchmarks/seeds.py ../shared/seeds [--db FILE]

Builds a database from the seed folder (or uses ``--db``) and prints, for each statement of the
seeds a user would ask about, PASS or FAIL and what kronika answered: the members of the EAEU
and the CIS in autumn 2021, Belarus's alliances and its suspended cooperation with NATO, the
roles of the people quoted, and the events reported. Names compare as the gold-dev scoring
compares them: the set of their words' first five letters, one containing the other.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import kronika
from kronika.store import Store


def name_key(name: str) -> frozenset[str]:
    return frozenset(word[:5].lower() for word in name.replace("-", " ").split())


def same_name(one: str, two: str) -> bool:
    a, b = name_key(one), name_key(two)
    return bool(a and b) and (a <= b or b <= a)


def has(names: Iterable[str], wanted: str) -> bool:
    return any(same_name(name, wanted) for name in names)


EAEU = ["Armenia", "Białoruś", "Kazachstan", "Rosja", "Kirgistan"]
CIS = EAEU + ["Azerbejdżan", "Mołdawia", "Tadżykistan", "Uzbekistan", "Turkmenistan"]


def _members(store: Store, bloc: str, wanted: list[str]) -> tuple[bool, str]:
    found = [a.subject_name for a in kronika.members(store, bloc, as_of="2021-10")]
    exact = len(found) == len(wanted) and all(has(found, w) for w in wanted)
    return exact, ", ".join(sorted(found)) or "nothing"


def _relation(
    store: Store,
    subject: str,
    predicate: str,
    obj: str,
    status: str | None,
    as_of: str | None = None,
    since: str | None = None,
) -> tuple[bool, str]:
    answers = kronika.relations(store, subject, predicate=predicate, as_of=as_of)
    seen = [f"{a.object_name} {a.status} since {a.since}" for a in answers]
    for answer in answers:
        if not has([answer.object_name or ""], obj):
            continue
        if status is not None and answer.status != status:
            continue
        if since is not None and not any(
            (e.date or "").startswith(since) for e in answer.evidence if e.status == answer.status
        ):
            continue
        return True, f"{answer.object_name}: {answer.status}"
    return False, "; ".join(seen) or "nothing"


def _role(store: Store, person: str, title: str, of: str | None = None) -> tuple[bool, str]:
    answers = kronika.roles(store, person)
    seen = [f"{a.value} of {a.object_name}" for a in answers]
    for answer in answers:
        words = set((answer.value or "").lower().split())
        if title not in words and not any(w.startswith(title[:6]) for w in words):
            continue
        if of is not None and not has([answer.object_name or ""], of):
            continue
        return True, f"{answer.value} ({answer.object_name or '-'})"
    return False, "; ".join(seen) or "nothing"


def _event(
    store: Store, event_type: str, time: str | None, words: list[str], entity: str | None = None
) -> tuple[bool, str]:
    answers = kronika.events(store, entity=entity, event_type=event_type)
    seen = []
    for answer in answers:
        text = " ".join(r.sentence for r in answer.reports).lower()
        seen.append(f"{'/'.join(answer.times) or answer.time} «{answer.reports[0].trigger}»")
        stated = [answer.time or "", *answer.times]
        if time is not None and not any(t.startswith(time) or t.endswith(time) for t in stated):
            continue
        if all(word in text for word in words):
            who = ", ".join(name for _, name in answer.participants)
            when = "/".join(answer.times) or answer.time
            return True, f"{when} {answer.place_name or '-'} [{who}]"
    return False, "; ".join(seen) or "nothing"


def checks(store: Store) -> list[tuple[str, Callable[[], tuple[bool, str]]]]:
    return [
        ("EAEU has its five members, 2021-10", lambda: _members(store, "EAEU", EAEU)),
        ("CIS has its ten members, 2021-10", lambda: _members(store, "WNP", CIS)),
        (
            "Białoruś member_of OUBZ",
            lambda: _relation(
                store,
                "Białoruś",
                "member_of",
                "Organizacja Układu o Bezpieczeństwie Zbiorowym",
                None,
            ),
        ),
        (
            "Białoruś member_of EAEU",
            lambda: _relation(
                store, "Białoruś", "member_of", "Euroazjatycka Unia Gospodarcza", None
            ),
        ),
        (
            "Białoruś partner_of NATO suspended from 2021-11",
            lambda: _relation(
                store,
                "Białoruś",
                "partner_of",
                "NATO",
                "suspended",
                as_of="2022-01",
                since="2021-11",
            ),
        ),
        (
            "Białoruś joined Partnerstwo dla Pokoju",
            lambda: _relation(store, "Białoruś", "member_of", "Partnerstwo dla Pokoju", "joined"),
        ),
        (
            "Białoruś joined Nauka dla Pokoju i Bezpieczeństwa",
            lambda: _relation(
                store, "Białoruś", "member_of", "Nauka dla Pokoju i Bezpieczeństwa", "joined"
            ),
        ),
        ("Usow is a politologist", lambda: _role(store, "Usow", "politolog")),
        ("Suzdalcew is an economist", lambda: _role(store, "Suzdalcew", "ekonomista")),
        (
            "Milinkiewicz a veteran of the opposition",
            lambda: _role(store, "Milinkiewicz", "weteran"),
        ),
        ("Putin president of Russia", lambda: _role(store, "Putin", "prezydent", "Rosja")),
        (
            "EAEU summit on Thursday",
            lambda: _event(store, "summit", "-4", ["euroazjatyckiej"]),
        ),
        ("30th CIS summit on Friday", lambda: _event(store, "summit", "-5", ["wnp"])),
        (
            "Putin takes part remotely",
            lambda: _event(store, "summit", None, ["zdalnie"], entity="Putin"),
        ),
        (
            "Zapad 2021 exercise, September 2021",
            lambda: _event(store, "military", "2021-09", ["zapad"]),
        ),
        (
            "28 integration programmes to be signed on 4 November 2021",
            lambda: _event(store, "agreement", "2021-11-04", ["28"]),
        ),
        ("the 2020 election", lambda: _event(store, "election", "2020", [])),
        ("the protests after the election", lambda: _event(store, "protest", None, [])),
        (
            "the NATO summit Cichanouska attended",
            lambda: _event(store, "summit", None, ["nato"], entity="Cichanouska"),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--db", type=Path, help="an already built database of the seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "seeds.db"
        if args.db is None:
            kronika.build([str(args.seeds)], path)
        with kronika.open_db(path) as store:
            passed = 0
            results = checks(store)
            for label, check in results:
                ok, seen = check()
                passed += ok
                print(f"{'PASS' if ok else 'FAIL'}  {label}: {seen}")
            print(f"{passed} of {len(results)} checks pass")


if __name__ == "__main__":
    main()
