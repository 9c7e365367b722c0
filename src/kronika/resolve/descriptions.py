"""Office descriptions as mentions of the person holding the office: "prezydent Rosji" → Putin.

News refers to office holders by office as often as by name: "prezydenta Rosji", "premier
Wielkiej Brytanii", "rosyjski prezydent", "przewodniczący Rady Europejskiej". Such a phrase is a
mention of the person the knowledge base gives that office of that country or organization in
the article's year, whether or not the article names them, when exactly one person holds it then.

The phrase is a singular head office (``head_offices`` of ``extract/pl/quotes.yaml``) right before
a country or organization the knowledge base knows ("prezydenta Rosji"), or right after the
country's adjective ("rosyjskiego prezydenta"). Left alone: an office noun after a word that makes
it the office or another holder ("byłego prezydenta", "kandydat na prezydenta", "wybory
prezydenta": ``office_not_holder``), an instrumental not after a preposition ("zostać
prezydentem USA", "prezydentem będzie Joe Biden"), a description followed by a person's name
("prezydent Rosji Władimir Putin": the name is the mention), and any article without a year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kronika.extract.quotes import lexicon
from kronika.kb import Entry, by_key, load_kb
from kronika.lang.morphology import Morphology
from kronika.lang.names import NameLemmatizer, parse_tag

_morphology = Morphology()
_names = NameLemmatizer(_morphology)
WORD_BEFORE = re.compile(r"(\w[\w.]*)\s+$")
#: How far back the word before a phrase is looked for (the search never scans the whole text).
WINDOW = 60
WORD_AFTER = re.compile(r"\s+(\w+)")


@lru_cache(maxsize=1)
def _office_holders() -> tuple[tuple[Entry, str, str, int | None, int | None], ...]:
    """(person, office, of, since, until) for every office the knowledge base records."""
    return tuple(
        (entry, role.role.lower(), role.of, role.since, role.until)
        for entry in load_kb()
        if entry.type == "person"
        for role in entry.roles
    )


def holder(office: str, of: str, year: int) -> Entry | None:
    """The one person the knowledge base gives ``office`` of ``of`` (a key: ``country:RU``) in
    ``year``; None when nobody or several do. A woman's title matches by the office's stem
    ("prezydentka" → prezydent); the office must be the role's first word ("prezydent", not
    "wiceprezydent" or "były prezydent")."""
    stem = office[:5]
    found = {
        entry.key: entry
        for entry, role, role_of, since, until in _office_holders()
        if role_of == of
        and role.split()[0].startswith(stem)
        and (since or 0) <= year <= (until if until is not None else year)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _office(word: str) -> tuple[str, frozenset[str]] | None:
    """The head office a word names in the singular and the cases it may be in ("prezydenta" →
    prezydent, genitive or accusative), if any."""
    offices = lexicon().head_offices
    cases: set[str] = set()
    office = None
    for reading in _morphology.analyse(word):
        if reading.pos != "subst" or reading.lemma.lower() not in offices:
            continue
        _pos, numbers, reading_cases, _genders, _extra = parse_tag(reading.tag)
        if "sg" in numbers:
            office = reading.lemma.lower()
            cases |= reading_cases
    return (office, frozenset(cases)) if office else None


def _blocked(text: str, start: int, cases: frozenset[str]) -> bool:
    """Whether the word before ``start`` makes the office noun there the office itself or
    another holder ("byłego", "na", "wybory"), or the office is what someone is or becomes: an
    instrumental not after a preposition ("zostać prezydentem USA")."""
    match = WORD_BEFORE.search(text, max(0, start - WINDOW), start)
    previous = match.group(1).lower() if match else ""
    lex = lexicon()
    if cases == {"inst"} and previous not in lex.instrumental_prepositions:
        return True
    if not previous:
        return False
    if previous.rstrip(".").isdigit():
        return True  # "45. prezydent USA" is one of a series, not the one of the day
    return previous in lex.office_not_holder or any(
        r.lemma.lower() in lex.office_not_holder for r in _morphology.analyse(previous)
    )


def office_mentions(
    mentions: Sequence[dict[str, Any]], text: str, year: int | None
) -> list[dict[str, Any]]:
    """New person mentions for the office descriptions of one document (see the module doc).

    ``mentions`` are the document's name mentions before linking, with their knowledge-base key
    in ``kb``; each new mention carries its holder's key there and ``description`` True."""
    if year is None:
        return []
    kb = by_key()
    taken = sorted((m["start"], m["end"]) for m in mentions)
    found: list[dict[str, Any]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def named_next(end: int) -> bool:
        # "prezydent Rosji Władimir Putin": the name right after is the mention
        return any(
            m["type"] == "person" and m["start"] >= end and not text[end : m["start"]].strip()
            for m in mentions
        )

    for mention in mentions:
        entry = kb.get(mention.get("kb") or "")
        if entry is None or entry.type not in ("country", "organization"):
            continue
        if mention["derived"]:
            # "rosyjskiego prezydenta": the office right after the country's adjective
            match = WORD_AFTER.match(text, mention["end"])
            if match is None:
                continue
            start, end = mention["start"], match.end(1)
        else:
            # "prezydenta Rosji": the office right before the country's name
            match = WORD_BEFORE.search(text, max(0, mention["start"] - WINDOW), mention["start"])
            if match is None:
                continue
            start, end = match.start(1), mention["end"]
        office = _office(match.group(1))
        if (
            office is None
            or not free(match.start(1), match.end(1))
            or _blocked(text, start, office[1])
            or named_next(end)
        ):
            continue
        person = holder(office[0], entry.key, year)
        if person is None:
            continue
        phrase = text[start:end]
        if mention["derived"]:
            # "brytyjskiej premier" → brytyjska premier: adjective and office agree
            lemma = _names.lemmatize_text(phrase) or phrase
        else:
            # the office in the nominative, the name after it as written ("prezydenta Rosji")
            lemma = office[0] + text[match.end(1) : end]
        found.append(
            {
                "start": start,
                "end": end,
                "text": phrase,
                # an office and a country's adjective are common words, whatever their place
                "lemma": lemma[:1].lower() + lemma[1:],
                "type": "person",
                "label": "persName",
                "derived": False,
                "kb": person.key,
                "description": True,
            }
        )
        taken.append((start, end))
    return found
