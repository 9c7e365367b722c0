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

Words are the language layer's: the tokens of the document's ``DocumentView`` and their SGJP
readings; nothing of the document is split or analysed again here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kronika.extract.quotes import lexicon
from kronika.kb import Entry, Role, by_key, load_kb
from kronika.lang.morphology import Interpretation
from kronika.lang.names import feminine_name, parse_tag, shared_name_lemmatizer
from kronika.lang.view import DocumentView
from kronika.model import Mention
from kronika.ner.evidence import Detected

_names = shared_name_lemmatizer()
#: How far around a name the words of an office are looked for (never the whole text).
WINDOW = 120
#: How far before an office the words that may block it are looked for.
CLAUSE_WINDOW = 80
#: What ends a clause for the words before an office: sentence punctuation, quotes, brackets.
CLAUSE_BREAK = re.compile(r"[.!?;:,()\"„”«»]")
ORDINAL_BEFORE = re.compile(r"\b\d+\.?\s*$")
#: Conjunctions after which the office of a coordinated phrase is looked for further back.
COORDINATORS = frozenset({"i", "oraz", "lub", "albo", "ani", "czy"})
#: How many words before a conjunction are looked at for a blocking word.
COORDINATED_REACH = 8
#: A word, as opposed to punctuation: a token of letters and digits only.
WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Word:
    """A word token of the document: its offsets, text and SGJP readings."""

    start: int
    end: int
    text: str
    readings: tuple[Interpretation, ...]


def _words_in(view: DocumentView, start: int, end: int) -> list[_Word]:
    """The word tokens lying wholly in ``[start, end)``, in order."""
    first = view.token_at(start)
    if first is None:
        return []
    texts, readings = view.texts, view.readings
    found = []
    for token in view.tokens_until(first.i, end):
        i, text = token.i, texts[token.i]
        if token.idx + len(text) <= end and WORD.fullmatch(text):
            found.append(_Word(token.idx, token.idx + len(text), text, readings[i]))
    return found


@lru_cache(maxsize=1)
def _office_holders() -> tuple[tuple[Entry, Role], ...]:
    """(person, office) for every office the knowledge base records."""
    return tuple(
        (entry, role) for entry in load_kb() if entry.type == "person" for role in entry.roles
    )


@cache
def _offices_of(of: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The offices of a country or organization the knowledge base records, as (the words that
    stand before its name, the role), longest first; only those one person holds at a time
    (their first word a ``head_offices`` word). A role that ends in the organization's own name
    ("przewodniczący Rady Europejskiej") stands before that name as its first word alone."""
    heads = lexicon().head_offices
    entry = by_key()[of]
    own = {name.lower() for name in entry.names}
    offices = set()
    for _person, role in _office_holders():
        name = role.role.lower()
        words = tuple(name.split())
        if role.of != of or words[0] not in heads:
            continue
        rest = " ".join(words[1:])
        # a knowledge-base role, not document text: the one string lemmatized here
        named = bool(rest) and (_names.lemmatize_text(rest) or rest).lower() in own
        offices.add((words[:1] if named else words, name))
    return tuple(sorted(offices, key=lambda office: (-len(office[0]), office)))


def holder(office: str, of: str, year: int) -> Entry | None:
    """The one person the knowledge base gives ``office`` ("prezydent", "minister spraw
    zagranicznych") of ``of`` (a key: ``country:RU``) in ``year``; None when nobody or several
    do."""
    found = {
        entry.key: entry
        for entry, role in _office_holders()
        if role.of == of and role.role.lower() == office and role.held_in(year)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _head(word: _Word, office: str) -> frozenset[str] | None:
    """The cases in which ``word`` is the singular of the office's first word ("prezydenta" of
    prezydent: genitive, accusative; a woman's title by its stem, "prezydentka"), or None."""
    titles = lexicon().office_nouns
    cases: set[str] = set()
    for reading in word.readings:
        lemma = reading.lemma.lower()
        if reading.pos != "subst" or lemma[:5] != office[:5]:
            continue
        if lemma != office and lemma not in titles:
            continue  # "premiera" is premier or the woman's title, "premierowski" is neither
        _pos, numbers, reading_cases, _genders, _extra = parse_tag(reading.tag)
        if "sg" in numbers:
            cases |= reading_cases
    return frozenset(cases) or None


def _one_of(word: _Word, wanted: Collection[str]) -> bool:
    """Whether a word is one of ``wanted`` as written ("spraw", "na") or by its lemma
    ("generalnego" of generalny, "byłego" of były)."""
    return word.text.lower() in wanted or any(r.lemma.lower() in wanted for r in word.readings)


def _words(view: DocumentView, start: int, end: int) -> list[_Word]:
    """The words between ``start`` and ``end``, after the last character that is neither a
    letter nor a space (what stands before a comma or a quote is no part of an office next to
    the name)."""
    text = view.text
    found = _words_in(view, start, end)
    for i in range(len(found) - 1, 0, -1):
        if text[found[i - 1].end : found[i].start].strip():
            return found[i:]
    return found


def _office_at(
    words: list[_Word], offices: tuple[tuple[tuple[str, ...], str], ...]
) -> tuple[str, str, int, int, frozenset[str]] | None:
    """The first of ``offices`` whose words are ``words`` from the first: (the words as an
    office, the role, start, end, the cases of its first word)."""
    for office, role in offices:
        if len(words) < len(office):
            continue
        cases = _head(words[0], office[0])
        if cases and all(_one_of(w, (o,)) for w, o in zip(words[1:], office[1:], strict=False)):
            return " ".join(office), role, words[0].start, words[len(office) - 1].end, cases
    return None


def _same_gender(lemma: str, office: str, person: Entry) -> bool:
    """Whether a description that says its gender says the person's: "brytyjska premier",
    "prezydentka" are a woman, "rosyjski prezydent" a man; "prezydent Rosji" says nothing."""
    first = lemma.split()[0].lower()
    if first == office.split()[0]:
        return True
    return first.endswith("a") == feminine_name(person.name)


def _blocked(view: DocumentView, start: int, cases: frozenset[str]) -> bool:
    """Whether the word before ``start`` makes the office noun there the office itself or
    another holder ("byłego", "na", "wybory"), or the office is what someone is or becomes: an
    instrumental not after a preposition ("zostać prezydentem USA"). A dash between is passed
    over, and after a conjunction the words before it count too, up to the clause's start
    ("stanowisk – przewodniczącego Komisji Europejskiej i przewodniczącego Rady Europejskiej")."""
    low = max(0, start - CLAUSE_WINDOW)
    before = view.text[low:start]
    if ORDINAL_BEFORE.search(before):
        return True  # "45. prezydent USA" is one of a series, not the one of the day
    clause = low + len(before) - len(CLAUSE_BREAK.split(before)[-1])
    words = _words_in(view, clause, start)
    previous = words[-1].text.lower() if words else ""
    lex = lexicon()
    if cases == {"inst"} and previous not in lex.instrumental_prepositions:
        return True
    if not previous:
        return False
    # a word after which an office noun is the office or another holder ("byłego", "na")
    blockers = lex.office_not_holder
    if previous in COORDINATORS:
        return any(_one_of(word, blockers) for word in words[-COORDINATED_REACH:-1])
    return _one_of(words[-1], blockers)


def _office_next_to(
    mention: Mention, offices: tuple[tuple[tuple[str, ...], str], ...], view: DocumentView
) -> tuple[str, str, int, int, frozenset[str]] | None:
    """The office written right after a country's adjective ("rosyjskiego prezydenta") or right
    before a name ("prezydenta Rosji", "ministra spraw zagranicznych Rosji"), as ``_office_at``
    gives it."""
    longest, text = len(offices[0][0]), view.text
    if mention.derived:
        words = _words_in(view, mention.end, min(len(text), mention.end + WINDOW))[:longest]
        if not words or text[mention.end : words[0].start].strip():
            return None
        return _office_at(words, offices)
    words = _words(view, max(0, mention.start - WINDOW), mention.start)
    if not words or text[words[-1].end : mention.start].strip():
        return None
    for size in range(min(longest, len(words)), 0, -1):
        sized = tuple(o for o in offices if len(o[0]) == size)
        matched = _office_at(words[-size:], sized) if sized else None
        if matched:
            return matched
    return None


def _lemmatized(view: DocumentView, start: int, end: int) -> str:
    """The nominative of the document's tokens in ``[start, end)`` by the name lemmatizer, as it
    lemmatizes names: from the view's tokens, the last one taken as ending the phrase."""
    first = view.token_at(start)
    tokens = view.tokens_until(first.i, end) if first is not None else []
    if not tokens:
        return ""
    spaces = [bool(token.whitespace_) for token in tokens[:-1]] + [False]
    return _names.lemmatize([token.text for token in tokens], None, spaces)


def office_mentions(
    detected: Sequence[Detected], view: DocumentView, year: int | None
) -> list[Detected]:
    """New person mentions for the office descriptions of one document (see the module doc).

    ``detected`` are the document's name mentions before linking, with the knowledge-base key
    of the name each matched; each new mention has ``description`` True and brings its
    holder's key."""
    if year is None:
        return []
    kb, text = by_key(), view.text
    mentions = [item.mention for item in detected]
    taken = sorted((m.start, m.end) for m in mentions)
    found: list[Detected] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def named_next(end: int) -> bool:
        # "prezydent Rosji Władimir Putin": the name right after is the mention
        return any(
            m.type == "person" and m.start >= end and not text[end : m.start].strip()
            for m in mentions
        )

    for item in detected:
        mention = item.mention
        entry = kb.get(item.kb or "")
        if entry is None or entry.type not in ("country", "organization"):
            continue
        offices = _offices_of(entry.key)
        if not offices:
            continue
        matched = _office_next_to(mention, offices, view)
        if matched is None:
            continue
        office, role, office_start, office_end, cases = matched
        start = mention.start if mention.derived else office_start
        end = office_end if mention.derived else mention.end
        if not free(office_start, office_end) or _blocked(view, start, cases) or named_next(end):
            continue
        person = holder(role, entry.key, year)
        if person is None:
            continue
        phrase = text[start:end]
        if mention.derived:
            # "brytyjskiej premier" → brytyjska premier: adjective and office agree; the rest of
            # the office stays as written ("… spraw zagranicznych")
            head_end = _words_in(view, office_start, office_end)[0].end
            head = text[start:head_end]
            lemma = (_lemmatized(view, start, head_end) or head) + text[head_end:end]
        else:
            # the office in the nominative, the name after it as written ("prezydenta Rosji")
            lemma = office + text[office_end:end]
        if not _same_gender(lemma, office, person):
            continue
        office_mention = Mention(
            start=start,
            end=end,
            text=phrase,
            # an office and a country's adjective are common words, whatever their place
            lemma=lemma[:1].lower() + lemma[1:],
            type="person",
            label="persName",
            description=True,
        )
        found.append(Detected(office_mention, person.key))
        taken.append((start, end))
    return found
