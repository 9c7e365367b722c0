"""The grammar a name phrase is read with: SGJP tags split into their fields, the word classes
that decline, the order in which cases and genders win ties, the SGJP name categories and the
category groups of the NKJP and KPWr labels a caller passes as a hint.

These are the identifiers of the SGJP tagset Morfeusz 2 answers in (like ``subst`` or ``gen``),
not vocabulary of running text; the Polish word lists the name lemmatizer uses are in
``lang/pl/`` (see :mod:`kronika.lang.names.resources`).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Word classes that decline like nouns or adjectives and so can be part of the agreeing chain.
NOUN_CLASSES = frozenset({"subst", "depr"})
ADJ_CLASSES = frozenset({"adj", "ppas", "pact"})

#: Order in which cases win ties: an already nominative phrase is left as it is; otherwise the
#: oblique cases by how often names stand in them in news text.
CASE_ORDER = ("nom", "gen", "loc", "inst", "dat", "acc", "voc")

#: Ties between genders go to the first of these: an adjectival region name is cited in the
#: masculine ("opolskim" → opolski; the KPWr train set has the neuter of województwo for
#: voivodeships, its tune set the masculine).
GENDER_ORDER = ("m1", "m3", "f", "n", "m2")

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

#: KPWr categories of streets and squares, often named by a person in the genitive.
ROAD_CATEGORIES = ("nam_fac_road", "nam_fac_square", "nam_fac_goe_stop")

#: An SGJP tag split for agreement checks: class, numbers, cases, genders, the fields after.
Tag = tuple[str, frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]


def parse_tag(tag: str) -> Tag:
    """``subst:sg:gen.acc:m1`` → ("subst", {sg}, {gen, acc}, {m1}, ()); the tag must have a
    number, a case and a gender field."""
    fields = tag.split(":")
    return (
        fields[0],
        frozenset(fields[1].split(".")),
        frozenset(fields[2].split(".")),
        frozenset(fields[3].split(".")),
        tuple(fields[4:]),
    )


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


def guess_kind(category: str | None, group: str | None) -> str:
    """Which names unknown words of the phrase inflect like: place names in a place's name,
    people's names elsewhere, streets included (mostly named after someone: "Wilsona",
    "Mielczarskiego")."""
    if group in (None, "person") or (category or "").startswith(ROAD_CATEGORIES):
        return "person"
    return "place"


def names_group(category: str | None, group: str | None) -> str | None:
    """The group whose SGJP name categories fit the phrase: a street's are its own ("road")."""
    return "road" if (category or "").startswith(ROAD_CATEGORIES) else group
