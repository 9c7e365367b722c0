"""Nominative of multi-word Polish name phrases: "Euroazjatyckiej Unii Gospodarczej" → "Euroazjatycka
Unia Gospodarcza", "Aleksandra Milinkiewicza" → "Aleksander Milinkiewicz".

A name phrase is a head noun with the words that agree with it (adjectives, further names in
apposition: first name + surname, the two halves of "Bielsko-Biała") followed, optionally, by
material that keeps its own case: a dependent genitive ("Organizacji *Układu o Bezpieczeństwie
Zbiorowym*"), a prepositional phrase, an acronym. Only the agreeing part changes. The steps:

1. every word gets its nominal SGJP readings from Morfeusz; a word SGJP does not know (a
   Belarusian surname in Polish transcription, "Cichanouskiej") gets *guessed* readings from a
   table of inflectional endings (``pl/name_endings.tsv``, derived by ``training/name_endings.py``
   from SGJP paradigms of real names);
2. each grammatical key (case, number, gender) the words allow is tried: the words agreeing with
   it from the start of the phrase form the chain that changes (adjectives, names in apposition,
   hyphen- or "i"-joined halves; a second common noun is a dependent and ends it); the key whose
   chain gains most over leaving the words unchanged wins ("Aleksandra Milinkiewicza" is gen m1
   for both words, rather than the feminine nominative Aleksandra and nothing else), and when
   no key gains, the phrase stays as it is (foreign names);
3. the chain's words are put in the nominative of the same number and gender by Morfeusz
   synthesis (adjectives, participles, non-lemma plurals) or by the lemma (singular nouns) or by
   the guessed ending; capitalization follows the input word.

Everything is per phrase and cached, so running it on every mention costs microseconds; no
Morfeusz object exists before the first call.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from kronika.errors import ModelError
from kronika.lang.lemmatizer import lemma_frequencies
from kronika.lang.morphology import Morphology, shared_morphology

ENDINGS_PATH = Path(__file__).resolve().parent / "pl" / "name_endings.tsv"
RANKER_PATH = Path(__file__).resolve().parent / "pl" / "name_ranker.tsv"
LEXICON_PATH = Path(__file__).resolve().parent / "pl" / "name_lexicon.txt"
LOCALES_PATH = Path(__file__).resolve().parent / "pl" / "name_locales.tsv"
TOWNS_PATH = Path(__file__).resolve().parent / "pl" / "place_names.txt"

#: Candidates the ranker sees, best by the hand-set score first: on Polem train the right one is
#: never below the third distinct text, and each candidate costs a Morfeusz synthesis.
MAX_CANDIDATES = 10

#: How much the other phrases of a document count against a phrase's own probabilities.
DOCUMENT_WEIGHT = 1.0

#: Phrases kept in the per-phrase cache before it is emptied (bounds memory on huge corpora).
CACHE_LIMIT = 200_000

#: Word classes that decline like nouns or adjectives and so can be part of the agreeing chain.
NOUN_CLASSES = frozenset({"subst", "depr"})
ADJ_CLASSES = frozenset({"adj", "ppas", "pact"})

#: Order in which cases win ties: an already nominative phrase is left as it is; otherwise the
#: oblique cases by how often names stand in them in news text.
CASE_ORDER = ("nom", "gen", "loc", "inst", "dat", "acc", "voc")

#: SGJP name categories that suit each category group (from the NKJP or KPWr label).
GROUP_NAMES: dict[str, frozenset[str]] = {
    "person": frozenset({"imię", "nazwisko"}),
    "location": frozenset({"nazwa_geograficzna", "nazwa_własna_astronomiczna"}),
    "organization": frozenset({"nazwa_organizacji"}),
    # streets and squares are named after places and, in the genitive, people ("Gagarina")
    "road": frozenset({"nazwa_geograficzna", "imię", "nazwisko"}),
}
PERSON_NAMES = GROUP_NAMES["person"]
PROPER_NAMES = frozenset(
    {
        "imię",
        "nazwisko",
        "nazwa_geograficzna",
        "człon_nazwy_geograficznej",
        "nazwa_organizacji",
        "nazwa_własna_astronomiczna",
    }
)

#: An acronym with its case ending glued on by a hyphen, the way Polish writes it: "PSL-u".
INFLECTED_ACRONYM = re.compile(
    r"^([A-ZĄĆĘŁŃÓŚŹŻ0-9][A-ZĄĆĘŁŃÓŚŹŻa-ząćęłńóśźż0-9]*[A-ZĄĆĘŁŃÓŚŹŻ0-9])-([a-ząćęłńóśźż]{1,4})$"
)
ACRONYM_SUFFIX = re.compile(r"^[a-ząćęłńóśźż]{1,4}$")
#: A foreign name with its Polish case ending after an apostrophe: "Chomsky'ego", "Wordsworth’a".
APOSTROPHES = frozenset("'’´`")
APOSTROPHE_INFLECTED = re.compile(r"^(\w*[^\W\d_])['’´`]([a-ząćęłńóśźż]{1,4})$")
#: What follows an apostrophe in English names and is no Polish ending: "Men's Health", "Ain't".
ENGLISH_CLITICS = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})

#: Tokens before which, and after which, no space is written when the caller gives none.
NO_SPACE_BEFORE = frozenset(".,;:!?)]}…»”’%")
NO_SPACE_AFTER = frozenset("([{„«‘")
HYPHENS = frozenset({"-", "‐", "‑", "–"})
#: Punctuation that never ends a name (a final period may: "S.A.", "Płn.").
TRAILING_PUNCTUATION = frozenset({",", ";", ":"})
#: How far below a word's best reading a reading still counts as likely.
LIKELY_MARGIN = 0.3
#: Lowercase particles of foreign people's names; the names around them decline, they do not
#: ("Andrzeja von Hattena" → Andrzej von Hatten, "Leonarda da Vinci").
NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "de",
        "der",
        "den",
        "da",
        "di",
        "del",
        "della",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
        "ben",
        "dos",
        "das",
    }
)
#: Conjunctions joining two declining names in one ("Prawo i Sprawiedliwość").
COORDINATORS = frozenset({"i", "oraz"})

# Scores of the competing analyses of a phrase (sums of reading weights, about 1 per word). The
# values were set on the Polem KPWr train set (benchmarks/name_lemmas.py), the guesser's with an
# ending table built without that set's own name pairs (training/name_endings.py --no-pairs).
#: Keeping the phrase unchanged.
IDENTITY_SCORE = 0.9
#: A key in the nominative: the phrase is usually already in its citation form when it can be.
NOMINATIVE_BONUS = 0.05
#: A chain with a noun in it, over adjectives alone.
HEAD_BONUS = 0.1
#: Per word beyond the first agreeing in an oblique case: agreement is evidence of its own
#: ("Swiatłany Cichanouskiej", two guesses that agree on gen f, beat two unchanged words).
AGREEMENT_BONUS = 0.1
#: A plural reading of a word that is not a plurale tantum: names are mostly singular
#: ("Moskwy" is Moskwa's genitive, not a plural of Moskwa).
PLURAL_PENALTY = 0.4
#: More for the plural of a proper name ("Red" as the genitive plural of Reda): a name is
#: almost never pluralized.
PROPER_PLURAL_PENALTY = 0.4
#: A reading whose SGJP name category fits the phrase's category.
CATEGORY_BONUS = 0.5
#: A proper-name reading of another kind than the phrase's category (a surname in a place name).
CATEGORY_CONFLICT = 0.3
#: Per decade of a lemma's NKJP frequency (``pl/lemma_frequencies.tsv``): "liga" over "Ligi".
FREQUENCY_WEIGHT = 0.15
#: A depreciative plural ("Polaki"): never the reading a name phrase means.
DEPRECIATIVE_PENALTY = 0.5
#: A reading of the name kind the category names (first name for ``persName_forename`` or
#: ``nam_liv_person_first``, surname for ``…_surname``/``…_last``).
SUBCATEGORY_BONUS = 0.2
#: How much a guessed reading's weight rests on the word being oblique at all rather than on
#: its lemma being the likeliest among the oblique ones (see ``_guess``).
CLASS_SHARE = 0.5
#: Between readings of one word, the preferred class (noun for a word alone, else adjective).
CLASS_PREFERENCE = 0.05
#: Weight kept by a guessed indeclinable reading (see ``_guess``).
INDECLINABLE_FACTOR = 0.5
#: Observations (of the wanted kind) an ending needs before its rules are trusted.
MIN_SUPPORT = 10
#: Per further fitting SGJP name category of a reading (Leszek: imię and nazwisko).
EXTRA_KIND_BONUS = 0.1
#: Ties between genders go to the first of these: an adjectival region name is cited in the
#: masculine ("opolskim" → opolski; the KPWr train set has the neuter of województwo for
#: voivodeships, its tune set the masculine).
GENDER_ORDER = ("m1", "m3", "f", "n", "m2")
#: KPWr categories of streets and squares, often named by a person in the genitive.
ROAD_CATEGORIES = ("nam_fac_road", "nam_fac_square", "nam_fac_goe_stop")
#: A masculine personal reading of a first name or surname in a person name: men's names in the
#: genitive outnumber women's in the nominative in news text ("Stanisława" → Stanisław).
MASCULINE_PRIOR = 0.1


def category_group(category: str | None) -> str | None:
    """person / location / organization / nation / adjective / other from an NKJP or KPWr label."""
    if not category:
        return None
    if category.startswith(("nam_org_nation", "nam_liv_habitant")):
        # peoples and inhabitants ("Polakami" → Polacy) keep their plural, unlike other names
        return "nation"
    if category.startswith(("persName", "nam_liv")):
        return "person"
    if category.startswith(("placeName", "geogName", "nam_loc", "nam_fac")):
        return "location"
    if category.startswith(("orgName", "nam_org")):
        return "organization"
    if category.startswith("nam_adj"):
        return "adjective"
    return "other"


def name_subcategory(category: str | None) -> str | None:
    """The SGJP name kind a person label asks for: imię for first names, nazwisko for surnames."""
    if not category:
        return None
    if category.endswith(("_first", "_forename")):
        return "imię"
    if category.endswith(("_last", "_surname")):
        return "nazwisko"
    return None


def default_spaces(forms: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, as text is usually written: none around hyphens
    and apostrophes ("Wordsworth’a"), none before closing punctuation, none after opening
    brackets and inside straight quotes."""
    spaces = [True] * len(forms)
    quote_open = False
    for i, form in enumerate(forms):
        nxt = forms[i + 1] if i + 1 < len(forms) else ""
        if form == '"':
            quote_open = not quote_open
            if quote_open:
                spaces[i] = False
        if form in HYPHENS or nxt in HYPHENS or form in NO_SPACE_AFTER or form in APOSTROPHES:
            spaces[i] = False
        if nxt and (nxt in NO_SPACE_BEFORE or (nxt == '"' and quote_open)):
            spaces[i] = False
    if spaces:
        spaces[-1] = False
    return spaces


@dataclass(frozen=True, slots=True)
class Reading:
    """A nominal reading of one word, tag fields split for agreement checks.

    ``extra`` holds the fields after gender (degree of an adjective, aspect and negation of a
    participle, ``pt`` of a plurale tantum); ``weight`` says how much the reading is believed
    (Morfeusz's readings 1, guessed ones their share in the ending table); ``lemma_ending`` is
    set on guessed readings: (letters to cut from the form, letters to add).
    """

    pos: str
    lemma: str
    numbers: frozenset[str]
    cases: frozenset[str]
    genders: frozenset[str]
    extra: tuple[str, ...]
    names: frozenset[str]
    weight: float = 1.0
    lemma_ending: tuple[int, str] | None = None

    @property
    def noun(self) -> bool:
        return self.pos in NOUN_CLASSES


@dataclass(frozen=True, slots=True)
class Chain:
    """One grammatical key's reading of a phrase: the words that change, each with its reading
    and the number and gender of its nominative; ``score`` is the hand-set score, ``declining``
    the words that could have changed."""

    case: str
    number: str
    gender: str
    chain: dict[int, tuple[Reading, str, str]]
    score: float
    declining: tuple[int, ...]
    first: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A nominative of a phrase and the features the ranker weighs it by."""

    text: str
    features: dict[str, float]


def feminine_name(name: str) -> bool:
    """Whether a person's name is a woman's, as a Polish reader guesses it: her first name ends
    in -a ("Anna Nowak", "Theresa May", "Angela Merkel"); a lone surname the same way
    ("Kowalska")."""
    return name.split()[0].endswith("a") if name.strip() else False


def parse_tag(
    tag: str,
) -> tuple[str, frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]:
    fields = tag.split(":")
    return (
        fields[0],
        frozenset(fields[1].split(".")),
        frozenset(fields[2].split(".")),
        frozenset(fields[3].split(".")),
        tuple(fields[4:]),
    )


@dataclass(frozen=True, slots=True)
class EndingRule:
    """One line of the ending table: a form ending in ``ending`` with tag ``tag`` has the lemma
    made by cutting ``cut`` letters and adding ``add``; ``share`` is its part of the ending's
    observations, ``count`` their number."""

    cut: int
    add: str
    tag: str
    share: float
    kind: str
    count: int


def load_endings(path: Path) -> dict[str, list[EndingRule]]:
    """The ending table: ending → its rules, best supported first."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ModelError(
            f"cannot read the name ending table {path}: {error}; reinstall kronika"
        ) from error
    counts: dict[str, list[tuple[str, str, str, str, int]]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            raise ModelError(f"{path}: malformed line {line!r}; reinstall kronika")
        ending, cut_form, add, tag, kind, count = fields
        counts.setdefault(ending, []).append((cut_form, add, tag, kind, int(count)))
    table: dict[str, list[EndingRule]] = {}
    for ending, rows in counts.items():
        total = sum(row[4] for row in rows)
        table[ending] = sorted(
            (
                EndingRule(len(cut), add, tag, count / total, kind, count)
                for cut, add, tag, kind, count in rows
            ),
            key=lambda rule: (-rule.share, rule.tag, rule.add),
        )
    return table


def _reachable(
    options: list[tuple[str, float]], others: list[list[tuple[str, float]]]
) -> list[tuple[str, float]]:
    """The other phrases' best nominatives that are not among ``options`` but that each of
    whose words one of the options has in the same place (with no probability of their own)."""
    if not options:
        return []
    known = {text for text, _p in options}
    words: dict[int, list[set[str]]] = {}
    for text, _p in options:
        split = text.split(" ")
        places = words.setdefault(len(split), [set() for _ in split])
        for place, word in zip(places, split):
            place.add(word)
    found: list[tuple[str, float]] = []
    for other in others:
        if not other:
            continue
        text = other[0][0]
        split = text.split(" ")
        places = words.get(len(split))
        if text in known or places is None:
            continue
        if all(word in place for word, place in zip(split, places)):
            known.add(text)
            found.append((text, 0.0))
    return found


def _support(text: str, options: list[tuple[str, float]]) -> float:
    """How much another phrase's candidates back ``text``: the probability of the same text, or
    for one word, of longer candidates with that word in them ("Obama" in "Barack Obama")."""
    if " " in text:
        return sum(p for t, p in options if t == text)
    return min(1.0, sum(p for t, p in options if t == text or text in t.split(" ")))


def load_ranker(path: Path) -> dict[str, float]:
    """The ranker's feature weights (``training/name_ranker.py``); none when the file is absent,
    and the hand-set score decides alone."""
    if not path.exists():
        return {}
    weights: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        name, _tab, value = line.rpartition("\t")
        try:
            weights[name] = float(value)
        except ValueError:
            raise ModelError(f"{path}:{number}: malformed weight {line!r}; reinstall kronika")
    return weights


def load_locales(path: Path) -> dict[str, tuple[float, float]]:
    """Per name, how widely it is a given name and a family name: log2(1 + number of locales)."""
    table: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            name, given, family = line.rstrip("\n").split("\t")
            table[name] = (math.log2(1 + int(given)), math.log2(1 + int(family)))
    return table


def load_lexicon(path: Path) -> frozenset[str]:
    """Names one per line, ``#`` lines comments: the nominatives of names seen in annotated text
    (``training/name_ranker.py``; a candidate that is one of them is likelier: "Bielsko-Biała",
    not "Bielsk-Biała") or the towns GeoNames knows (``scripts/place_names.py``)."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def transfer_case(source: str, target: str) -> str:
    """Write ``target`` with the capitalization of ``source``: "UNII" → "UNIA", "unii" → "unia"."""
    if not target:
        return target
    if len(source) > 1 and source.isupper():
        return target.upper()
    # the letters both share are written as in the text: SGJP cites some lemmas with a
    # pronunciation mark ("praUss" for "Praussa"), which is not how the name is spelled
    shared = 0
    for a, b in zip(source, target):
        if a.lower() != b.lower():
            break
        shared += 1
    if shared:
        return source[:shared] + target[shared:]
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    if source[:1].islower():
        return target[:1].lower() + target[1:]
    return target


def is_word(form: str) -> bool:
    return any(ch.isalpha() for ch in form)


def is_acronym(form: str) -> bool:
    """ "NATO", "PSL", "PiS": two capitals or more, not a capitalized word."""
    return sum(ch.isupper() for ch in form) >= 2 and form.isalnum()


def is_fixed(form: str) -> bool:
    """Words that never change: acronyms and Roman numerals ("NATO", "OUBZ", "XIV"), single
    capitals, words with digits."""
    letters = [ch for ch in form if ch.isalpha()]
    if not letters:
        return True
    if any(ch.isdigit() for ch in form):
        return True
    if len(letters) == 1 and form[:1].isupper():
        return True
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return True
    return is_acronym(form) and len(form) <= 5  # "PiS", "PKiN"


class NameLemmatizer:
    """Nominative of Polish name phrases by agreement, Morfeusz synthesis and an ending guesser."""

    def __init__(self, morphology: Morphology | None = None) -> None:
        self._morphology = morphology
        self._endings: dict[str, list[EndingRule]] | None = None
        self._max_ending = 0
        self._readings: dict[
            tuple[str, str | None, str | None, str, bool], tuple[Reading, ...]
        ] = {}
        self._frequencies: dict[str, float] | None = None
        self._nominatives: dict[tuple[str, str, str, str, tuple[str, ...]], list[str]] = {}
        self._tokenizer: Any = None
        self._text_cache: dict[tuple[str, str | None], str] = {}
        self._ranker: dict[str, float] | None = None
        self._lexicon: frozenset[str] | None = None
        self._locales: dict[str, tuple[float, float]] | None = None
        self._towns: frozenset[str] | None = None
        self._scored: dict[
            tuple[tuple[str, ...], tuple[bool, ...], str | None], list[tuple[str, float]]
        ] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Morfeusz and the spaCy tokenizer stay in their process; caches and the two tables
        # reload cheaply where they are needed.
        state = dict(self.__dict__)
        state.update(
            _morphology=None,
            _endings=None,
            _frequencies=None,
            _text_cache={},
            _readings={},
            _nominatives={},
            _tokenizer=None,
            _ranker=None,
            _lexicon=None,
            _locales=None,
            _towns=None,
            _scored={},
        )
        return state

    @property
    def morphology(self) -> Morphology:
        if self._morphology is None:
            self._morphology = shared_morphology()
        return self._morphology

    @property
    def frequencies(self) -> dict[str, float]:
        if self._frequencies is None:
            self._frequencies = lemma_frequencies()
        return self._frequencies

    @property
    def endings(self) -> dict[str, list[EndingRule]]:
        if self._endings is None:
            self._endings = load_endings(ENDINGS_PATH)
            self._max_ending = max((len(e) for e in self._endings), default=0)
        return self._endings

    @property
    def ranker(self) -> dict[str, float]:
        if self._ranker is None:
            self._ranker = load_ranker(RANKER_PATH)
        return self._ranker

    @property
    def lexicon(self) -> frozenset[str]:
        if self._lexicon is None:
            self._lexicon = load_lexicon(LEXICON_PATH)
        return self._lexicon

    @property
    def locales(self) -> dict[str, tuple[float, float]]:
        if self._locales is None:
            self._locales = load_locales(LOCALES_PATH)
        return self._locales

    @property
    def towns(self) -> frozenset[str]:
        if self._towns is None:
            self._towns = load_lexicon(TOWNS_PATH)
        return self._towns

    # -- public API ------------------------------------------------------------------------

    def lemmatize(
        self,
        forms: Sequence[str],
        category: str | None = None,
        spaces: Sequence[bool] | None = None,
    ) -> str:
        """Nominative of the name phrase given as tokens (spaCy-style tokens: "Bielsko", "-",
        "Biała"), spaces[i] = whether token i is followed by a space (default: all True except
        before/after hyphens and before punctuation). category: the NKJP label (persName,
        orgName, placeName_country, …) or a KPWr category (nam_liv_person, nam_loc_gpe_city, …)
        or None; use it as a hint only."""
        forms = tuple(forms)
        spaces = tuple(spaces) if spaces is not None else tuple(default_spaces(forms))
        if len(spaces) != len(forms):
            raise ValueError(f"{len(forms)} tokens but {len(spaces)} space flags")
        scored = self.scored(forms, category, spaces)
        return scored[0][0] if scored else ""

    def possible_lemmas(self, form: str) -> list[str]:
        """Every lemma one word may have as a person's or place's name, best first: SGJP's and,
        for a word SGJP does not know, the ending table's guesses ("Nausėdy" → Nausėda, …).

        For lookups, where a word comes without the context that picks one reading."""
        found: dict[str, float] = {}
        for guess_kind, group in (("person", "person"), ("place", "location")):
            for reading in self._word_readings(form, group, None, guess_kind, len(form) > 2):
                found[reading.lemma] = max(found.get(reading.lemma, 0.0), reading.weight)
        return sorted(found, key=lambda lemma: (-found[lemma], lemma))

    def given_name(self, form: str) -> bool:
        """Whether a word is, in some case, a given name somewhere: in SGJP (``imię``) or in
        the name lists of other languages ("Nigela" of Nigel, "George'a")."""
        return self._personal_name(form, "imię", 0)

    def family_name(self, form: str) -> bool:
        """Whether a word is, in some case, a family name in SGJP or another language's lists."""
        return self._personal_name(form, "nazwisko", 1)

    def _personal_name(self, form: str, category: str, column: int) -> bool:
        inflected = APOSTROPHE_INFLECTED.match(form)  # "George'a" is George's
        stem = inflected.group(1) if inflected else form
        if any(category in r.names for r in self.morphology.analyse(stem)):
            return True
        locales = self.locales
        lemmas = (stem, *self.possible_lemmas(stem))
        return any(locales.get(lemma, (0.0, 0.0))[column] >= 1.0 for lemma in lemmas)

    def lemmatize_document(
        self, phrases: Sequence[tuple[Sequence[str], str | None, Sequence[bool] | None]]
    ) -> list[str]:
        """Nominatives of one document's name phrases (tokens, category, spaces), chosen together.

        A name comes back in other cases in the same article, and the forms agree on one
        nominative where each alone is unsure: "Obama" could be the genitive of "Obam", but next
        to "Obamy" and "Baracka Obamy" it is Obama. Each candidate's probability gains the
        probability the document's other phrases of the same category group give that text (a
        one-word candidate also from their longer candidates that contain it as a word). Another
        phrase's nominative that this phrase reaches word by word is a candidate too: "Asi Bibi"
        reads as Asia Biba under every one key, but next to "Asia Bibi" it is Asia Bibi."""
        keys = [(tuple(f), c, tuple(s) if s is not None else None) for f, c, s in phrases]
        scored = {key: self.scored(*key) for key in dict.fromkeys(keys)}
        groups = {key: category_group(key[1]) for key in scored}
        result = []
        for key in keys:
            others = [k for k in scored if k != key and groups[k] == groups[key]]
            options = scored[key] + _reachable(scored[key], [scored[k] for k in others])
            if len(options) < 2:
                result.append(options[0][0] if options else "")
                continue
            best, best_value = options[0][0], -math.inf
            for text, probability in options:
                value = probability + DOCUMENT_WEIGHT * sum(
                    _support(text, scored[other]) for other in others
                )
                if value > best_value + 1e-9:
                    best, best_value = text, value
            result.append(best)
        return result

    def lemmatize_text(self, phrase: str, category: str | None = None) -> str:
        """Same, for a phrase given as a string (tokenized like spaCy's Polish tokenizer)."""
        # the tokenizer costs more than a cached answer, so strings are cached as they come
        key = (phrase, category)
        cached = self._text_cache.get(key)
        if cached is not None:
            return cached
        tokens = self._tokenize(phrase.strip())
        result = self.lemmatize([t[0] for t in tokens], category, [t[1] for t in tokens])
        if len(self._text_cache) >= CACHE_LIMIT:
            self._text_cache.clear()
        self._text_cache[key] = result
        return result

    # -- tokens ----------------------------------------------------------------------------

    def _tokenize(self, phrase: str) -> list[tuple[str, bool]]:
        if self._tokenizer is None:
            import spacy  # only when a caller hands in raw strings

            self._tokenizer = spacy.blank("pl").tokenizer
        return [(t.text, bool(t.whitespace_)) for t in self._tokenizer(phrase)]

    # -- the phrase ------------------------------------------------------------------------

    def _prepare(
        self, forms: tuple[str, ...], spaces: tuple[bool, ...], category: str | None
    ) -> (
        tuple[
            list[str],
            list[bool],
            list[int],
            dict[int, tuple[Reading, ...]],
            frozenset[int],
            str | None,
            str | None,
        ]
        | None
    ):
        """The phrase's words that may decline, with their readings: what every candidate
        shares (glued endings cut, punctuation and abbreviations set aside)."""
        if not forms:
            return None
        group = category_group(category)
        out = list(forms)
        keep = [True] * len(forms)
        # Acronyms and foreign names with a glued case ending lose it ("PSL-u", "NATO-wi",
        # "Chomsky'ego", "Wordsworth’a"), whether the tokenizer kept them whole or split them.
        for i, form in enumerate(forms):
            match = INFLECTED_ACRONYM.match(form)
            if match:
                out[i] = match.group(1)
                continue
            match = APOSTROPHE_INFLECTED.match(form)
            if match and match.group(1)[:1].isupper() and match.group(2) not in ENGLISH_CLITICS:
                out[i] = match.group(1)
            elif (
                0 < i < len(forms) - 1
                and not spaces[i - 1]
                and not spaces[i]
                and ACRONYM_SUFFIX.match(forms[i + 1])
                and (
                    (form in HYPHENS and is_acronym(forms[i - 1]))
                    or (
                        form in APOSTROPHES
                        and forms[i - 1][:1].isupper()
                        and forms[i + 1] not in ENGLISH_CLITICS
                    )
                )
            ):
                keep[i] = keep[i + 1] = False
        # punctuation a mention's span caught at its end ("Indiami,") is no part of the name
        last = len(forms) - 1
        while last > 0 and forms[last] in TRAILING_PUNCTUATION:
            keep[last] = False
            last -= 1
        # the stem left ("Chomsky", "Wordsworth") is the nominative and declines no further
        stems = {i for i in range(len(forms)) if out[i] != forms[i]}
        stems.update(i - 1 for i in range(1, len(forms)) if forms[i] in APOSTROPHES and not keep[i])
        # the ending closes a hyphenated compound: "Jean-Claude'a" is one stem, "Jean" included
        for i in sorted(stems):
            while (
                i >= 2
                and forms[i - 1] in HYPHENS
                and not spaces[i - 2]
                and not spaces[i - 1]
                and is_word(forms[i - 2])
            ):
                stems.add(i - 2)
                i -= 2
        # abbreviations ("św.", "al.", "gen.") do not decline
        abbreviations = {
            i
            for i in range(len(forms) - 1)
            if forms[i + 1] == "." and not spaces[i] and len(forms[i]) <= 4 and is_word(forms[i])
        }
        words = [
            i
            for i, form in enumerate(forms)
            if keep[i]
            and i not in stems
            and i not in abbreviations
            and is_word(form)
            and not self._is_fixed(form)
        ]
        if abbreviations and min(abbreviations) == 0 and group != "person":
            # an abbreviated head ("al. Unii Europejskiej", "ul. Jana Olbrachta") keeps the rest
            # of the name in the case it governs; only a person's title ("św. Wincentego") is
            # followed by a declining name
            words = []
        kind = name_subcategory(category) if group == "person" else None
        # unknown words inflect like place names in a place's name, like people's names elsewhere,
        # streets included: they are mostly named after someone ("Wilsona", "Mielczarskiego")
        guess_kind = (
            "person"
            if group in (None, "person") or (category or "").startswith(ROAD_CATEGORIES)
            else "place"
        )
        names_group = "road" if (category or "").startswith(ROAD_CATEGORIES) else group
        readings = {
            i: self._word_readings(
                self._analysed_form(forms[i]),
                names_group,
                kind,
                guess_kind,
                len(forms[i]) > 2,  # no guessing for two-letter words
            )
            for i in words
        }
        # the first part of a compound adjective ("polsko-", "Socjal-") does not decline
        transparent = frozenset(
            i
            for i in words
            if i + 2 < len(forms)
            and forms[i + 1] in HYPHENS
            and not spaces[i]
            and not spaces[i + 1]
            and is_word(forms[i + 2])
            and self._compound_prefix(forms[i], readings[i], readings.get(i + 2, ()))
        )
        if group == "person":
            transparent |= self._particles(forms)
        declining = [i for i in words if i not in transparent]
        if group == "adjective" and len(declining) == 1:
            # A word derived from a name ("polskich", "Rosyjskiego") is cited by its adjective
            # lemma, masculine singular, lowercase, as dictionaries cite adjectives.
            i = declining[0]
            adjectives = [r for r in readings[i] if r.pos in ADJ_CLASSES]
            if adjectives:
                best = max(adjectives, key=lambda r: r.weight)
                out[i] = (self._adjective_lemma(best) or forms[i]).lower()
            words = []
        return out, keep, words, readings, transparent, group, kind

    def candidates(self, phrase: str, category: str | None = None) -> list[Candidate]:
        """Every nominative the phrase may have, one per grammatical key, with the features the
        ranker scores, in the order of the hand-set score (for training and inspection)."""
        tokens = self._tokenize(phrase.strip())
        return self._rendered(tuple(t[0] for t in tokens), tuple(t[1] for t in tokens), category)

    def scored(
        self,
        forms: Sequence[str],
        category: str | None = None,
        spaces: Sequence[bool] | None = None,
    ) -> list[tuple[str, float]]:
        """The phrase's possible nominatives with the ranker's probability of each, best first;
        without a ranker, the hand-set best alone."""
        forms = tuple(forms)
        spaces = tuple(spaces) if spaces is not None else tuple(default_spaces(forms))
        key = (forms, spaces, category)
        cached = self._scored.get(key)
        if cached is not None:
            return cached
        rendered = self._rendered(forms, spaces, category)
        result: list[tuple[str, float]] = []
        if rendered:
            result = self._probabilities(rendered) if self.ranker else [(rendered[0].text, 1.0)]
        if len(self._scored) >= CACHE_LIMIT:
            self._scored.clear()
        self._scored[key] = result
        return result

    def _rendered(
        self, forms: tuple[str, ...], spaces: tuple[bool, ...], category: str | None
    ) -> list[Candidate]:
        """The candidates worth scoring, rendered, best by the hand-set score first."""
        prepared = self._prepare(forms, spaces, category)
        if prepared is None:
            return []
        out, keep, words, readings, transparent, group, kind = prepared
        # a case ending glued on ("Jeremy'ego", "PSL-u") says the phrase is not nominative
        glued = any(out[i] != forms[i] for i in range(len(forms))) or any(
            not k and f not in TRAILING_PUNCTUATION for k, f in zip(keep, forms)
        )
        candidates = self._candidates(forms, words, readings, group, transparent)
        return [
            self._render(forms, spaces, out, keep, c, group, kind, glued)
            for c in candidates[:MAX_CANDIDATES]
        ]

    def _probabilities(self, rendered: list[Candidate]) -> list[tuple[str, float]]:
        weights = self.ranker
        scores = [sum(weights.get(k, 0.0) * v for k, v in c.features.items()) for c in rendered]
        top = max(scores)
        # a text is as good as the best key that gives it (measured better than their sum)
        mass: dict[str, float] = {}
        for candidate, score in zip(rendered, scores):
            mass[candidate.text] = max(mass.get(candidate.text, 0.0), math.exp(score - top))
        total = sum(mass.values())
        # ties keep the hand-set order (dicts keep insertion order, sorted is stable)
        return sorted(((t, m / total) for t, m in mass.items()), key=lambda item: -item[1])

    def _render(
        self,
        forms: tuple[str, ...],
        spaces: tuple[bool, ...],
        base: list[str],
        keep: list[bool],
        candidate: Chain,
        group: str | None,
        kind: str | None,
        glued: bool,
    ) -> Candidate:
        """The phrase with the candidate's chain in the nominative, and its ranking features."""
        out = list(base)
        case = candidate.case
        for i, (reading, number, gender) in candidate.chain.items():
            # a word already in the nominative of its number keeps its own spelling ("Włosi",
            # not the other plural "Włochowie" synthesis would give first)
            if case == "nom":
                nominative = forms[i]
            else:
                if (
                    group == "person"
                    and number == "pl"
                    and ("nazwisko" in reading.names or reading.lemma_ending is not None)
                ):
                    # a family in an oblique case is cited by one member: "Żeromskich",
                    # "Kossaków" → Żeromski, Kossak (a nominative plural stays, "Sokołowscy"; a
                    # people stays plural, "Hindusów" → Hindusi)
                    number = "sg"
                nominative = self._nominative(reading, number, gender, group)
            if nominative:
                out[i] = transfer_case(forms[i], nominative)
        parts: list[str] = []
        for i, form in enumerate(out):
            if keep[i]:
                parts.append(form + (" " if spaces[i] else ""))
            elif parts and spaces[i]:
                # the dropped suffix carried the space that followed the acronym
                parts[-1] = parts[-1].rstrip(" ") + " "
        text = "".join(parts).strip()
        features = self._features(forms, out, candidate, group, kind)
        if glued:
            features[f"glued {case}"] = 1.0
        if text in self.lexicon:
            features["known name"] = 1.0
        if group == "location" and candidate.chain:
            # a town's name as GeoNames knows it, before or after the change ("w Karaczi")
            towns = self.towns
            written = "".join(f + (" " if s else "") for f, s in zip(forms, spaces)).strip()
            features["town name"] = float(text in towns) - float(written in towns)
        return Candidate(text, features)

    def _features(
        self,
        forms: tuple[str, ...],
        out: list[str],
        candidate: Chain,
        group: str | None,
        kind: str | None,
    ) -> dict[str, float]:
        """What the ranker weighs: the hand-set score and its parts, the key, and per word of
        the chain how its reading was found and how the word ends before and after."""
        where = f"{group}/{kind}" if kind else str(group)
        case, number = candidate.case, candidate.number
        features: dict[str, float] = {
            "hand": candidate.score,
            "hand first": float(candidate.first),
            f"key {case}:{number}:{candidate.gender}": 1.0,
            f"key {case}:{number}:{candidate.gender} {where}": 1.0,
            f"key {case}:{number} {where}": 1.0,
            f"length {min(len(candidate.chain), 3)} {case}": 1.0,
        }

        def add(name: str, value: float = 1.0) -> None:
            features[name] = features.get(name, 0.0) + value

        left = [i for i in candidate.declining if i not in candidate.chain]
        if candidate.chain and left:
            # some words change and some stay: right for "Unii Europejskiej Wolnego Handlu",
            # suspicious in a person's name ("Theresy May" is one name in one case)
            features[f"partial {where}"] = 1.0
        for i in candidate.declining:
            if i in candidate.chain:
                continue
            # a word left as it stands: how it ends says whether that is plausible
            add(f"kept end {forms[i][-2:].lower()} {where}")
        if group == "person":
            # a given or family name known in many languages stays as it is ("Andy", not the
            # genitive of "Anda"); one that is the result of the change speaks for the change
            locales = self.locales
            for i in candidate.declining:
                if out[i] != forms[i]:
                    before = locales.get(forms[i], (0.0, 0.0))
                    after = locales.get(out[i], (0.0, 0.0))
                    add("given name locales", after[0] - before[0])
                    add("family name locales", after[1] - before[1])
                    add("given name changed", before[0])
                    add("family name changed", before[1])
        for i, (reading, _number, _gender) in candidate.chain.items():
            source = (
                "guess"
                if reading.lemma_ending is not None
                else "name"
                if reading.names & PROPER_NAMES
                else "word"
            )
            pos = "noun" if reading.noun else "adj"
            add(f"reading {source} {pos} {case} {where}")
            if case != "nom" and out[i] == forms[i]:
                # an oblique case with no change: indeclinable ("May"), or a guess gone wrong
                add(f"indeclinable {source} {where}")
            add(f"weight {source}", reading.weight - IDENTITY_SCORE)
            if source != "name":
                # how words end only says something where no dictionary names the lemma
                add(f"end {forms[i][-2:].lower()}>{out[i][-2:].lower()} {group}")
                add(f"end {forms[i][-3:].lower()}>{out[i][-3:].lower()} {where}")
                add(f"result end {out[i][-3:].lower()} {where}")
            add(
                "frequency",
                math.log10(1.0 + self.frequencies.get(reading.lemma, 0.0))
                - math.log10(1.0 + self.frequencies.get(forms[i], 0.0)),
            )
        return features

    @staticmethod
    def _particles(forms: tuple[str, ...]) -> frozenset[int]:
        """Runs of name particles between two capitalized words: "von der" in "Ursuli von der
        Leyen"."""
        found: set[int] = set()
        i = 1
        while i < len(forms) - 1:
            end = i
            while end < len(forms) - 1 and forms[end] in NAME_PARTICLES:
                end += 1
            if end > i and forms[i - 1][:1].isupper() and forms[end][:1].isupper():
                found.update(range(i, end))
            i = max(end, i + 1)
        return frozenset(found)

    def _compound_prefix(
        self, form: str, readings: tuple[Reading, ...], following: tuple[Reading, ...]
    ) -> bool:
        """Whether a word before a hyphen is the fixed first part of a compound ("polsko-",
        "Socjal-") rather than the first of two declining halves ("Bielsku-Białej", both in the
        locative): no nominal reading, the adjectival compound form, or no case in common."""
        if not readings or any(r.pos == "adja" for r in self.morphology.analyse(form)):
            return True
        cases = frozenset().union(*(r.cases for r in readings))
        return bool(following) and not any(cases & r.cases for r in following)

    def _is_fixed(self, form: str) -> bool:
        """Acronyms and numerals stay; a word in capitals that SGJP knows as an ordinary word
        ("TRYBUNAŁU", "OZORKOWA") declines like that word."""
        if not is_fixed(form):
            return False
        letters = sum(ch.isalpha() for ch in form)
        if letters < 4 or any(ch.isdigit() for ch in form) or not form.isupper():
            return True
        if any(r.known and r.lemma == form for r in self.morphology.analyse(form)):
            return True  # an acronym SGJP knows ("NATO")
        return not any(
            r.pos in NOUN_CLASSES or r.pos in ADJ_CLASSES
            for r in self.morphology.analyse(form[0] + form[1:].lower())
            if not r.lemma.isupper()
        )

    @staticmethod
    def _analysed_form(form: str) -> str:
        """The form looked up in SGJP: words in capitals as capitalized words."""
        if len(form) > 1 and form.isupper():
            return form[0] + form[1:].lower()
        return form

    # -- readings --------------------------------------------------------------------------

    def _word_readings(
        self, form: str, group: str | None, kind: str | None, guess_kind: str, guess: bool
    ) -> tuple[Reading, ...]:
        key = (form, group, kind, guess_kind, guess)
        cached = self._readings.get(key)
        if cached is not None:
            return cached
        frequencies = self.frequencies
        fitting = GROUP_NAMES.get(group or "", frozenset())
        readings: list[Reading] = []
        for interpretation in self.morphology.analyse(form):
            pos = interpretation.pos
            if pos not in NOUN_CLASSES and pos not in ADJ_CLASSES:
                continue
            _pos, numbers, cases, genders, extra = parse_tag(interpretation.tag)
            names = frozenset(interpretation.names)
            weight = 1.0 + FREQUENCY_WEIGHT * math.log10(
                1.0 + frequencies.get(interpretation.lemma, 0.0)
            )
            if names & fitting:
                # a first name that is also a surname is a name twice over ("Leszek")
                weight += CATEGORY_BONUS + EXTRA_KIND_BONUS * (len(names & fitting) - 1)
                if group == "person" and "m1" in genders:
                    weight += MASCULINE_PRIOR
                if kind in names:
                    weight += SUBCATEGORY_BONUS
            elif fitting and names & PROPER_NAMES:
                weight -= CATEGORY_CONFLICT
            if group == "nation" and "m1" in genders and "pl" in numbers:
                # "Tatarów" of a people is Tatarzy, not the mountains
                weight += CATEGORY_BONUS
            if pos == "depr":
                weight -= DEPRECIATIVE_PENALTY
            if interpretation.lemma[:1].isupper() == form[:1].isupper():
                # between "hindus" and "Hindus", the lemma written like the word
                weight += 0.01
            readings.append(
                Reading(pos, interpretation.lemma, numbers, cases, genders, extra, names, weight)
            )
        known_name = any(r.names & PERSON_NAMES for r in readings)
        # Guess only where unknown words are names that decline like Polish ones: people and
        # places. An unknown word in an organization or a title is mostly foreign ("Dominion").
        # A capitalized word SGJP knows only as something else (a place, a common noun) may
        # still be a name in a person's name ("Wata", "Giny" of Gina, not of the drink): a weaker
        # guess joins its readings, unless a common-noun reading makes it a title word, a
        # person noun or a dependent genitive ("Prymasa Tysiąclecia").
        supplement = (
            group == "person"
            and not known_name
            and all(
                r.lemma[:1].isupper() or ("m1" not in r.genders and "gen" not in r.cases)
                for r in readings
            )
        )
        if guess and form[:1].isupper() and (not readings or supplement):
            readings.extend(self._guess(form, group, guess_kind, 1.0 if not readings else 0.6))
        result = tuple(readings)
        if len(self._readings) >= CACHE_LIMIT:
            self._readings.clear()
        self._readings[key] = result
        return result

    def _guess(self, form: str, group: str | None, wanted: str, scale: float) -> list[Reading]:
        """Readings of an unknown word from the longest ending the table knows."""
        table = self.endings
        lower = form.lower()
        # the changes the longest known ending was seen with, however rarely (none if it was
        # only seen unchanged, which says nothing of how it changes)
        attested: set[tuple[int, str]] | None = None
        for length in range(min(self._max_ending, len(lower) - 1), -1, -1):
            rules = table.get(lower[len(lower) - length :] if length else "")
            if not rules:
                continue
            fitting = [r for r in rules if r.kind == wanted]
            if fitting and attested is not None:
                # a shorter ending lends its shares, not changes the longer one never shows:
                # "-i" is often "-a" cut ("Olgi" → Olga) but no "-bi" is a genitive of "-ba"
                fitting = [
                    r for r in fitting if (r.cut, r.add) in attested or (r.cut, r.add) == (0, "")
                ] or fitting
            if not fitting or (length and sum(r.count for r in fitting) < MIN_SUPPORT):
                # too few observations to trust this ending: back off to a shorter one
                changes = {(r.cut, r.add) for r in fitting} - {(0, "")}
                if changes and attested is None:
                    attested = changes
                continue
            # Two questions, answered by the ending's observations: is the word in an oblique
            # case at all (the share of changing rules), and if so, which lemma (the share of
            # this change, in this gender, among the changing ones: "-skiej → -ska" is one
            # feminine change in three cases; "-enki" is -enko for a man, -enka for a woman).
            total = sum(r.share for r in fitting)
            unchanged = sum(r.share for r in fitting if (r.cut, r.add) == (0, "")) / total
            changed = 1.0 - unchanged
            change_share: dict[tuple[int, str, str], float] = {}
            for r in fitting:
                key = (r.cut, r.add, r.tag.split(":")[3])
                change_share[key] = change_share.get(key, 0.0) + r.share / total
            result = []
            for rule in fitting:
                if rule.cut >= len(form):
                    continue
                pos, numbers, cases, genders, extra = parse_tag(rule.tag)
                lemma = form[: len(form) - rule.cut] + rule.add
                if (rule.cut, rule.add) == (0, ""):
                    weight = scale * unchanged
                    if len(cases) > 4:
                        # SGJP gives every masculine surname an indeclinable feminine twin
                        # (Iwanow:Sf); it should not outvote a declined reading in context
                        weight *= INDECLINABLE_FACTOR
                else:
                    share = change_share[rule.cut, rule.add, rule.tag.split(":")[3]]
                    weight = scale * (CLASS_SHARE * changed + (1 - CLASS_SHARE) * share / changed)
                if group == "person" and "m1" in genders:
                    weight += MASCULINE_PRIOR
                result.append(
                    Reading(
                        pos,
                        lemma,
                        numbers,
                        cases,
                        genders,
                        extra,
                        frozenset(),
                        weight,
                        (rule.cut, rule.add),
                    )
                )
            if group == "person":
                result.extend(self._feminine_twin(form, result, scale * unchanged))
            if result:
                return result
        return []

    @staticmethod
    def _feminine_twin(form: str, readings: list[Reading], weight: float) -> list[Reading]:
        """A woman's surname that does not end in -a does not decline ("Giny Miller", "Federiki
        Mogherini"): as SGJP gives every masculine surname it knows, a guessed masculine
        nominative gets an indeclinable feminine twin."""
        if form.lower().endswith("a"):
            return []  # "Kowalska", "Nowakowa": a woman's surname in -a declines
        if any("f" in r.genders and len(r.cases) > 4 for r in readings):
            return []
        if not any(
            r.lemma_ending == (0, "") and "m1" in r.genders and "nom" in r.cases for r in readings
        ):
            return []
        return [
            Reading(
                "subst",
                form,
                frozenset({"sg"}),
                frozenset(CASE_ORDER),
                frozenset({"f"}),
                (),
                frozenset(),
                weight * INDECLINABLE_FACTOR,
                (0, ""),
            )
        ]

    # -- agreement -------------------------------------------------------------------------

    def _candidates(
        self,
        forms: tuple[str, ...],
        words: list[int],
        readings: dict[int, tuple[Reading, ...]],
        group: str | None,
        transparent: frozenset[int],
        genders: tuple[str, ...] = GENDER_ORDER,
    ) -> list[Chain]:
        """One candidate per grammatical key: the case and the agreeing words from the start of
        the phrase, best hand-set score first; leaving the phrase as it is is a candidate too.

        A key's score is what its words gain over being left unchanged (each reading's weight
        less ``IDENTITY_SCORE``), so leaving the phrase as it is competes too: a foreign name
        that Morfeusz or the ending table reads as an odd oblique form ("Biberach" as a plural
        locative of the surname Biber) stays unchanged unless the reading is convincing.
        """
        declining = tuple(i for i in words if i not in transparent)
        unchanged = Chain("nom", "sg", "", {}, 0.0, declining)
        if not words or not readings[words[0]]:
            # the phrase starts with something that does not decline ("im.", "o", "de"):
            # it is not a noun phrase we can put in the nominative
            return [unchanged]
        keys: set[tuple[str, str, str]] = set()
        for i in words[:3]:
            for r in readings[i]:
                # No vocative key: a name in running text is addressed almost never, and reading
                # one turns foreign names into Polish ones ("Mario Puzo" as "Mario" and "Puzo"
                # addressed: Maria Puza).
                keys.update(
                    (c, n, g) for c in r.cases if c != "voc" for n in r.numbers for g in r.genders
                )
        ranked: list[tuple[tuple[Any, ...], Chain]] = [((0.0, 1, True, 0), unchanged)]
        for case, number, gender in sorted(keys):
            chain, score = self._chain(
                forms, words, readings, group, transparent, case, number, gender
            )
            if not chain:
                continue
            head = any(r.noun for r, _n, _g in chain.values())
            # plurals that are the name's own: pluralia tantum ("Stany", "Niemcy") and peoples
            # ("Hindusów": SGJP's capitalized common nouns of persons, Hindus, Polak)
            own_plural = group == "nation" or any(
                "pt" in r.extra
                or (
                    r.noun
                    and r.lemma[:1].isupper()
                    and "nazwa_pospolita" in r.names
                    and "m1" in r.genders
                )
                for r, _n, _g in chain.values()
            )
            total = round(
                score
                + (NOMINATIVE_BONUS if case == "nom" else 0.0)
                + (HEAD_BONUS if head else 0.0)
                + AGREEMENT_BONUS * (len(chain) - 1)
                - (PLURAL_PENALTY if number == "pl" and not own_plural else 0.0)
                - (
                    PROPER_PLURAL_PENALTY
                    if number == "pl"
                    and not own_plural
                    and any(r.lemma[:1].isupper() for r, _n, _g in chain.values())
                    else 0.0
                ),
                6,
            )
            rank = (
                total,
                -CASE_ORDER.index(case),
                number == "sg",
                -genders.index(gender) if gender in genders else -len(genders),
            )
            ranked.append((rank, Chain(case, number, gender, chain, total, declining)))
        ranked.sort(key=lambda item: item[0], reverse=True)
        # "first" tells the ranker the hand-set score prefers this key; on a tie with the next
        # one the order above is only a convention (the case and gender order) and says nothing
        tied = len(ranked) > 1 and ranked[0][1].score == ranked[1][1].score
        best = ranked[0][1] if tied else replace(ranked[0][1], first=True)
        return [best] + [candidate for _rank, candidate in ranked[1:]]

    def _chain(
        self,
        forms: tuple[str, ...],
        words: list[int],
        readings: dict[int, tuple[Reading, ...]],
        group: str | None,
        transparent: frozenset[int],
        case: str,
        number: str,
        gender: str,
    ) -> tuple[dict[int, tuple[Reading, str, str]], float]:
        """Words agreeing with (case, number, gender) from the phrase start, each with the number
        and gender its nominative takes, and what their readings gain over no change."""
        chain: dict[int, tuple[Reading, str, str]] = {}
        score = 0.0
        head: Reading | None = None
        head_index = -1
        current = gender
        previous = -1
        lone = len(words) == 1
        for i in words:
            if i in transparent:
                # "polsko-" of "polsko-czeskiej" stays as it is; the chain goes on after it
                continue
            if forms[i] in COORDINATORS and chain and previous == i - 1:
                # "Prawa i Sprawiedliwości", "Bośni i Hercegowinie": both conjuncts decline
                continue
            hyphenated = previous >= 0 and self._hyphen_between(forms, previous, i)
            if (
                previous >= 0
                and not hyphenated
                and not self._adjacent(forms, previous, i, transparent)
            ):
                break
            options = readings[i]
            choice = self._pick(options, case, number, current, hyphenated, lone or hyphenated)
            unknown = self._unknown(forms[i])
            if choice is None or (
                choice.noun
                and head is not None
                and not hyphenated
                and not self._apposition(forms, head, head_index, choice, i, group, case)
            ):
                if (
                    not chain
                    and i != words[-1]
                    and ((group == "location" and unknown) or (group == "person" and i == words[0]))
                ):
                    # A foreign first part that does not decline before words that do: a place's
                    # "Sankt Petersburgu", a person's first name "Benito Mussoliniego" (no form of
                    # a Polish paradigm). Elsewhere an unknown first word ("The Firm") is no sign
                    # that the rest is Polish.
                    previous = i
                    continue
                if (
                    unknown
                    and forms[i][:1].isupper()
                    and all(
                        r.lemma[:1].isupper() and not r.names & PERSON_NAMES
                        for r, _n, _g in chain.values()
                    )
                ):
                    # A word Morfeusz does not know ends a chain of proper names: the phrase is
                    # foreign ("Red Hat", "New York", "Bani Bu Ali"), and the Polish reading of
                    # its first word ("Redy", "Newy") a coincidence. After a common noun the
                    # unknown word is a dependent ("Fundacji Wikimedia"), after a known first
                    # name an indeclinable surname ("Jakubem Freiberger").
                    return {}, 0.0
                break
            if (
                not choice.noun
                and head is not None
                and self._modifies_next(words, readings, i, case, number, current)
            ):
                # "Klubie Międzynarodowej Prasy": the adjective agrees with the head but goes
                # with the genitive after it
                break
            if choice.noun:
                if current not in choice.genders:
                    # the second half of "Bielsko-Biała" has its own gender
                    current = min(choice.genders)
                head, head_index = choice, i
            chain[i] = (choice, number, current)
            score += choice.weight - IDENTITY_SCORE
            previous = i
        return chain, score

    @staticmethod
    def _modifies_next(
        words: list[int],
        readings: dict[int, tuple[Reading, ...]],
        index: int,
        case: str,
        number: str,
        gender: str,
    ) -> bool:
        """Whether the adjective at ``index``, after the head, agrees with the noun right after
        it, which does not continue the chain: then it opens that dependent phrase
        ("Regimentarza *Lewego Brzegu* Wisły")."""
        position = words.index(index)
        if position + 1 >= len(words) or words[position + 1] != index + 1:
            return False
        following = [r for r in readings[index + 1] if r.noun]
        if any(case in r.cases and number in r.numbers and gender in r.genders for r in following):
            return False
        # the noun's likely readings only: "Doliny" is the valley, not the surname Dolina (m1)
        # that an adjective after "Parku" would agree with
        best = max((r.weight for r in following), default=0.0)
        following = [r for r in following if r.weight >= best - LIKELY_MARGIN]
        return any(
            adjective.cases & noun.cases
            and adjective.numbers & noun.numbers
            and adjective.genders & noun.genders
            for adjective in readings[index]
            if not adjective.noun
            for noun in following
        )

    def _unknown(self, form: str) -> bool:
        """Morfeusz has no reading for the word at all."""
        return all(not r.known for r in self.morphology.analyse(self._analysed_form(form)))

    @staticmethod
    def _pick(
        options: tuple[Reading, ...],
        case: str,
        number: str,
        gender: str,
        hyphenated: bool,
        prefer_noun: bool,
    ) -> Reading | None:
        """The best reading of a word under the key. Where a word is both an adjective and a noun
        ("Dolnej": dolny or the place Dolna), the adjective is taken unless the word stands
        alone: agreeing adjectives never end the chain, a second noun may."""
        best: Reading | None = None
        best_rank = 0.0
        for r in options:
            if case not in r.cases or number not in r.numbers:
                continue
            if gender not in r.genders and not (hyphenated and r.noun):
                continue
            if prefer_noun:
                # a word alone: its likeliest reading, a noun on a near tie ("Wilanowskiej" is
                # the street's adjective, not the rarer surname Wilanowska)
                rank = r.weight + (CLASS_PREFERENCE if r.noun else 0.0)
            else:
                # inside a phrase an agreeing adjective always wins over a noun reading
                rank = r.weight + (0.0 if r.noun else 10.0)
            if best is None or rank > best_rank:
                best, best_rank = r, rank
        return best

    @staticmethod
    def _hyphen_between(forms: tuple[str, ...], a: int, b: int) -> bool:
        """Two declining halves joined by a hyphen or a conjunction, each with its own gender."""
        between = forms[a + 1 : b]
        return len(between) == 1 and (between[0] in HYPHENS or between[0] in COORDINATORS)

    @staticmethod
    def _adjacent(forms: tuple[str, ...], a: int, b: int, transparent: frozenset[int]) -> bool:
        """Words of one chain follow each other; quotes, fixed tokens ("XIV") and the first part
        of a compound adjective with its hyphen ("socjal-", "polsko-") may sit between."""
        for k in range(a + 1, b):
            f = forms[k]
            if k in transparent or (f in HYPHENS and k - 1 in transparent):
                continue
            if (is_word(f) or f in HYPHENS) and not is_fixed(f):
                return False
        return True

    @staticmethod
    def _apposition(
        forms: tuple[str, ...],
        head: Reading,
        head_index: int,
        noun: Reading,
        index: int,
        group: str | None,
        case: str,
    ) -> bool:
        """Whether a second noun in the head's case is part of the name rather than its dependent:
        names of a person follow each other ("Aleksandra Milinkiewicza"); a common noun before a
        proper one in a non-genitive case is apposition ("rzece Wiśle")."""
        head_person = bool(head.names & PERSON_NAMES) or head.lemma_ending is not None
        noun_person = bool(noun.names & PERSON_NAMES) or noun.lemma_ending is not None
        if head_person and noun_person and group in (None, "person", "location"):
            # a person's names, also inside a street's ("ulica Jana Kilińskiego")
            return True
        capitalized = forms[head_index][:1].isupper() and forms[index][:1].isupper()
        if group == "person" and capitalized:
            # in a person's name capitalized nouns of one case and gender are one name
            # ("Chrystusa Zbawiciela"); a dependent has its own gender ("Prymasa Tysiąclecia")
            return True
        # "rzece Wiśle": a lowercase common noun, then the proper name, in a case no dependent
        # takes (a dependent would be genitive)
        return (
            case not in ("gen", "nom")
            and forms[head_index][:1].islower()
            and forms[index][:1].isupper()
        )

    # -- synthesis -------------------------------------------------------------------------

    def _nominative(
        self, reading: Reading, number: str, gender: str, group: str | None
    ) -> str | None:
        """The nominative of a chain word in the phrase's number and its gender."""
        if reading.lemma_ending is not None:
            return reading.lemma
        if reading.noun:
            if number == "sg" or "pt" in reading.extra:
                return reading.lemma
            forms = self._generate(reading.lemma, reading.pos, "pl", reading.extra, gender)
            if group == "nation":
                # peoples take the plain plural ("Tatarzy", "Włosi"), not the honorific
                # "-owie" SGJP also lists ("Tatarowie")
                plain = [f for f in forms if not f.endswith("owie")]
                forms = plain or forms
            return forms[0] if forms else None
        forms = self._generate(reading.lemma, reading.pos, number, reading.extra, gender)
        return forms[0] if forms else None

    def _adjective_lemma(self, reading: Reading) -> str | None:
        """Masculine singular nominative: the lemma, or for a comparative or superlative
        ("Najwyższego") its own form, "najwyższy", not "wysoki"."""
        if reading.lemma_ending is not None:
            return reading.lemma
        if reading.pos == "adj" and reading.extra[:1] in (("pos",), ()):
            return reading.lemma
        forms = self._generate(reading.lemma, reading.pos, "sg", reading.extra, "m3")
        return forms[0] if forms else None

    def _generate(
        self, lemma: str, pos: str, number: str, extra: tuple[str, ...], gender: str
    ) -> list[str]:
        """Morfeusz synthesis of ``lemma`` as ``pos:number:nom:gender:extra``, in SGJP's order."""
        key = (lemma, pos, number, gender, extra)
        cached = self._nominatives.get(key)
        if cached is not None:
            return cached
        found: list[str] = []
        for form, tag in self.morphology.generate(lemma):
            t_pos, numbers, cases, genders, t_extra = (
                parse_tag(tag)
                if tag.count(":") >= 3
                else (tag, frozenset(), frozenset(), frozenset(), ())
            )
            if t_pos != pos or number not in numbers or "nom" not in cases or gender not in genders:
                continue
            # degree of adjectives, aspect and negation of participles must match; a noun's
            # extra fields (collective, plurale tantum) say nothing about the wanted form
            if pos not in NOUN_CLASSES and (
                len(t_extra) < len(extra)
                or not all(e in t.split(".") for e, t in zip(extra, t_extra))
            ):
                continue
            if form not in found:
                found.append(form)
        if len(self._nominatives) >= CACHE_LIMIT:
            self._nominatives.clear()
        self._nominatives[key] = found
        return found


@lru_cache(maxsize=1)
def shared_name_lemmatizer() -> NameLemmatizer:
    """The process's one :class:`NameLemmatizer` over :func:`shared_morphology`, for every part
    that is not handed one: each instance loads its own tables (ranker, endings, lexicon, name
    lists, towns) and keeps its own caches, so the mention builder, the office resolver and the
    query API share this one."""
    return NameLemmatizer(shared_morphology())
