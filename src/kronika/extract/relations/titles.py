"""Roles: who holds which office or profession, read off a title next to a person's name.

Two shapes carry nearly all of them in Polish news:

* the title before the name, with what it is of in between: "wicepremier Białorusi Pawieł
  Czarniawski", "minister spraw zagranicznych Litwy Gabrielius Landsbergis", "białoruski
  politolog Waler Karbalewicz";
* the title in apposition after the name: "Paweł Usow, znany białoruski politolog", "Dmitrij
  Pieskow, rzecznik Kremla".

Each gives a ``role`` (a :class:`Found` with cue "title") whose value is the title as a dictionary
word with its lowercase complement ("minister spraw zagranicznych") and whose object is the country
or organization named with it, when one is (a country adjective counts: "białoruski politolog").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kronika.extract.pl import PACKAGE
from kronika.extract.relations.base import Found, Ref, genitive_name
from kronika.lang.components import readings
from kronika.lang.titles import person_titles
from kronika.ner.mentions import MENTIONS_KEY
from kronika.resources import vocabulary

#: Words a title's complement may hold before its object ("spraw zagranicznych", "ds. …").
MAX_COMPLEMENT = 3
#: Adjectives between an apposition's comma and its title ("znany białoruski politolog").
MAX_ADJECTIVES = 3


def find_roles(doc: Doc) -> list[Found]:
    """The ``role`` of each person a title stands next to, in text order; ``refined`` later by
    ``kronika.extract.relations.roles`` (status, profession, party)."""
    mentions = (
        sorted(doc.spans[MENTIONS_KEY], key=lambda m: m.start) if MENTIONS_KEY in doc.spans else []
    )
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    found: list[Found] = []
    for person in mentions:
        if person._.entity_type != "person":
            continue
        role = _title_before(doc, person, by_end) or _title_after(doc, person, by_start)
        if role is not None:
            found.append(role)
    return found


@dataclass(frozen=True)
class Lexicon:
    """The vocabulary of ``pl/roles.yaml``."""

    address_titles: frozenset[str]
    coordinators: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary of ``pl/roles.yaml``, read once per process."""
    raw = vocabulary(PACKAGE, "roles.yaml")
    return Lexicon(
        address_titles=raw.words("address_titles"), coordinators=raw.words("coordinators")
    )


@lru_cache(maxsize=1)
def _role_titles() -> frozenset[str]:
    # forms of address find names ("pan Kowalski") but are no role
    return person_titles() - lexicon().address_titles


def _title_lemma(token: Token) -> str | None:
    """The title the token is, as its SGJP lemma; None for any other word."""
    titles = _role_titles()
    return next(
        (
            r.lemma.lower()
            for r in readings(token)
            if r.pos == "subst" and r.lemma.lower() in titles
        ),
        None,
    )


def _title_genders(token: Token) -> set[str]:
    """The genders SGJP gives the token as a title."""
    return {
        part
        for r in readings(token)
        if r.pos == "subst" and r.lemma.lower() in _role_titles()
        for part in r.tag.split(":")[3].split(".")
    }


def feminine_before_masculine(outer: Token, inner: Token) -> bool:
    """A woman's title before a man's ("rzeczniczka burmistrza"): the name after them is the
    woman's, whatever its case ("rzeczniczka burmistrza Connie Llanos")."""
    inner_genders = _title_genders(inner)
    return _title_genders(outer) == {"f"} and "m1" in inner_genders and "f" not in inner_genders


def _adjective(token: Token) -> bool:
    return any(r.pos in ("adj", "ppas", "pact") for r in readings(token))


def _preposition(token: Token) -> bool:
    return any(r.pos == "prep" for r in readings(token))


def _relation(
    person: Span, title: str, complement: list[Token], obj: Span | None, start: int, end: int
) -> Found:
    while complement and _preposition(complement[-1]):
        complement = complement[:-1]  # "senator z Utah", "lider większości w Senacie"
    value = " ".join([title, *(t.text for t in complement)])
    doc = person.doc
    return Found(
        "role",
        Ref(person.text, person.start_char, person.end_char),
        Ref(obj.text, obj.start_char, obj.end_char) if obj is not None else None,
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1].text),
        "title",
        value,
    )


def _title_before(doc: Doc, person: Span, by_end: dict[int, Span]) -> Found | None:
    """ "[adjective] title [complement] [object mentions] Person"."""
    i = person.start
    objects: list[Span] = []
    while i in by_end and len(objects) < 2 and by_end[i]._.entity_type != "person":
        objects.insert(0, by_end[i])
        i = by_end[i].start
    complement: list[Token] = []
    while i > 0 and len(complement) <= MAX_COMPLEMENT:
        token = doc[i - 1]
        title = _title_lemma(token)
        if title is not None:
            if (
                i - 2 >= 0
                and not token.is_sent_start
                and _title_lemma(doc[i - 2]) is not None
                and (not genitive_name(person) or feminine_before_masculine(doc[i - 2], token))
            ):
                # "doradczyni prezydenta Kellyanne Conway": the person's title is the first
                return None
            if complement and not objects:
                # "przywódców państw unijnych zwycięstwo Trumpa": words after a title with no
                # name of what it is of are not its complement
                return None
            obj = objects[0] if objects else _adjective_object(doc, i - 1, by_end)
            start = obj.start if obj is not None and obj.end <= i - 1 else i - 1
            return _relation(person, title, complement, obj, start, person.end)
        if token.is_sent_start:
            return None
        if not (token.is_alpha and token.text.islower()) or token.text in lexicon().coordinators:
            return None
        complement.insert(0, token)
        i -= 1
    return None


def _adjective_object(doc: Doc, title: int, by_end: dict[int, Span]) -> Span | None:
    """The country adjective right before a title ("białoruski politolog")."""
    before = by_end.get(title)
    return before if before is not None and before._.derived else None


def _title_after(doc: Doc, person: Span, by_start: dict[int, Span]) -> Found | None:
    """ "Person, [adjectives] title [complement] [object]"."""
    i = person.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    adjective_object: Span | None = None
    title: str | None = None
    for _ in range(MAX_ADJECTIVES + 1):
        if i >= len(doc) or doc[i].is_sent_start:
            return None
        title = _title_lemma(doc[i])
        if title is not None:
            break
        mention = by_start.get(i)
        if mention is not None and mention._.derived:
            adjective_object = mention
            i = mention.end
            continue
        if not (doc[i].is_alpha and doc[i].text.islower() and _adjective(doc[i])):
            return None  # "de France, a obecnie ekspert …", "…, jako pierwsza kobieta prezydent"
        i += 1
    else:
        return None
    complement: list[Token] = []
    j = i + 1
    while j < len(doc) and len(complement) < MAX_COMPLEMENT and j not in by_start:
        token = doc[j]
        if (
            not (token.is_alpha and token.text.islower())
            or token.is_sent_start
            or _preposition(token)
        ):
            break
        complement.append(token)
        j += 1
    obj = by_start.get(j)
    if obj is not None and obj._.entity_type not in ("country", "organization", "place"):
        obj = None
    if obj is None:
        complement = []  # words after a title with no name after them are not part of it
        obj = adjective_object
    end = obj.end if obj is not None and obj.start > i else i + 1
    following = by_start.get(end)
    if following is not None and following._.entity_type == "person":
        # "Hillary Clinton, prezydent Turcji Recep Erdoğan …": the title is the next person's
        return None
    return _relation(person, title, complement, obj, person.start, end)
