"""Find knowledge-base names in a document however Polish inflects them.

Each name is turned into a sequence of lemma sets once (via Morfeusz); a text token matches a name
token when one of its SGJP lemmas, or its own lowercased form, is among that token's lemmas. So
"Euroazjatyckiej Unii Gospodarczej" matches "Euroazjatycka Unia Gospodarcza" and "Białorusi" matches
"Białoruś", with no inflection tables written by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from kronika.kb import Entry, adjectives, demonyms, load_kb
from kronika.lang.components import doc_readings
from kronika.lang.morphology import Interpretation, Morphology, shared_morphology
from kronika.lang.view import DocumentView

MATCHES_KEY = "kronika.kb_matches"

# Hyphenated names ("Gwinea-Bissau") and abbreviated ones ("Irlandia Płn.") are matched token by
# token, as the tokenizer splits the hyphen and the period off.
_SPLIT = str.maketrans({"-": " - ", ".": " . "})


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    entry: Entry
    alias: str  # the name (nominative) that matched


# Endings Polish gives foreign names SGJP does not know ("Timesa", "Junckerowi", "Cleggiem",
# "Theresy"): a masculine name adds them to its nominative, a feminine one replaces its "-a".
_ENDINGS = (
    "owie",
    "owi",
    "ami",
    "ach",
    "iem",
    "em",
    "om",
    "ów",
    "ie",
    "a",
    "u",
    "e",
    "y",
    "i",
    "ę",
    "ą",
)
_APOSTROPHES = str.maketrans({"’": "'"})


def _stems(form: str) -> set[str]:
    """What an unknown word may be an inflected form of: "timesa" → "times", "theresy" →
    "theresa"; after an apostrophe only the ending goes ("farage'a" → "farage")."""
    form = form.translate(_APOSTROPHES)
    if "'" in form:
        head, _, tail = form.rpartition("'")
        return {head} if tail in _ENDINGS else set()
    stems = {form[: -len(e)] for e in _ENDINGS if form.endswith(e) and len(form) - len(e) >= 3}
    return stems | {stem + "a" for stem in stems}


def _personal(reading: Interpretation) -> bool:
    """A reading as the plural of a forename or surname ("Polskie": members of a family
    Polska). SGJP knows some country names only as surnames, so a singular one must stay
    ("Polską")."""
    return (
        bool(reading.names) and set(reading.names) <= {"imię", "nazwisko"} and ":pl:" in reading.tag
    )


def token_keys(form: str, readings: Sequence[Interpretation]) -> frozenset[str]:
    keys = {form.lower(), *(r.lemma.lower() for r in readings)}
    if readings and not any(r.known for r in readings):
        keys.update(_stems(form.lower()))
    return frozenset(keys)


class Gazetteer:
    """Longest-match lookup of knowledge-base names over tokens with their SGJP readings."""

    def __init__(
        self, entries: Sequence[Entry] | None = None, morphology: Morphology | None = None
    ):
        self.morphology = morphology or shared_morphology()
        # first-token key → [(name token keys, entry, alias)], longest names first
        self._index: dict[str, list[tuple[tuple[frozenset[str], ...], Entry, str]]] = defaultdict(
            list
        )
        for entry in entries if entries is not None else load_kb():
            for alias in entry.names:
                keys = self._name_keys(alias)
                for key in keys[0]:
                    self._index[key].append((keys, entry, alias))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def _name_keys(self, name: str) -> tuple[frozenset[str], ...]:
        # A name in the nominative: only its nominative readings matter, which keeps
        # "Unia" from matching as a form of "unić" and the like; and a word that is its own
        # lemma is only that ("Polska", not the adjective "polski" of "Polscy").
        result = []
        for form in name.translate(_SPLIT).split():
            readings = self.morphology.analyse(form)
            nominative = [r for r in readings if ":nom" in r.tag or "nom." in r.tag] or readings
            itself = [r for r in nominative if r.lemma.lower() == form.lower()]
            nominative = itself or nominative
            result.append(frozenset({form.lower(), *(r.lemma.lower() for r in nominative)}))
        return tuple(result)

    def find(
        self, forms: Sequence[str], readings: Sequence[tuple[Interpretation, ...]]
    ) -> list[Match]:
        """Non-overlapping matches, leftmost-longest, over the document's tokens."""
        # Keys are made only for the tokens a name is tried on: most tokens never are.
        keys: dict[int, frozenset[str]] = {}
        other_keys: dict[int, frozenset[str]] = {}

        def key_at(i: int, person: bool) -> frozenset[str]:
            table = keys if person else other_keys
            if i not in table:
                token_readings: Sequence[Interpretation] = readings[i]
                if not person:
                    # a plural surname does not make "Polskie" a form of the country Polska
                    own = [r for r in token_readings if not _personal(r)]
                    token_readings = own or token_readings
                table[i] = token_keys(forms[i], token_readings)
            return table[i]

        matches: list[Match] = []
        i = 0
        n = len(forms)
        while i < n:
            best: Match | None = None
            if forms[i][:1].isupper():
                for key in key_at(i, True):
                    for name_keys, entry, alias in self._index.get(key, ()):
                        end = i + len(name_keys)
                        if end > n or (best and end - i <= best.end - best.start):
                            continue
                        person = entry.type == "person"
                        if all(name_keys[k] & key_at(i + k, person) for k in range(len(name_keys))):
                            best = Match(i, end, entry, alias)
            if best:
                matches.append(best)
                i = best.end
            else:
                i += 1
        return matches

    def find_in_doc(self, doc: Doc) -> list[Match]:
        """``find`` over a document, computed once and kept on the doc for later components."""
        matches = doc.user_data.get(MATCHES_KEY)
        if matches is None:
            matches = self.find(DocumentView.of(doc).texts, doc_readings(doc))
            doc.user_data[MATCHES_KEY] = matches
        return matches


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer over the shipped knowledge base, built once per process."""
    return Gazetteer()


def derived_spans(doc: Doc, covered: set[int]) -> list[Span]:
    """Country adjectives and demonyms outside ``covered`` ("białoruskiej", "Białorusini"),
    labelled as NKJP labels words derived from names: by the country they come from."""
    adjective_table, demonym_table = adjectives(), demonyms()
    all_readings = doc_readings(doc)
    found = []
    for token in DocumentView.of(doc).tokens:
        if token.i in covered or not token.is_alpha:
            continue
        if any(
            (r.pos == "adj" and r.lemma in adjective_table) or r.lemma in demonym_table
            for r in all_readings[token.i]
        ):
            found.append(Span(doc, token.i, token.i + 1, label="placeName_country"))
    return found
