"""Generate src/kronika/lang/pl/name_locales.tsv: how widely a word is a given or a family name.

Run from the project root: ``python scripts/name_locales.py``. The output is committed, so kronika
never needs the generation-time tool at run time. Install it into the venv first::

    pip install -e ".[kb]"

Source: the person providers of Faker (MIT licence), one per locale (``pl_PL``, ``en_US``,
``hu_HU``, ``it_IT``, …), whose given- and family-name lists are drawn from each country's common
names. For each name written in letters and capitalized, the file gives the number of locales
listing it as a given name and as a family name.

Why: a foreign name alone in Polish text is ambiguous. "Andy" reads as the genitive of a
woman's name "Anda", "Maja" as the genitive of "Maj", "Luigi" as the plural of "Luiga". That
"Andy", "Maja" and "Luigi" are given names in many languages, and the other readings in few or
none, is what tells them apart; ``NameLemmatizer`` weighs it (a ranker feature, trained by
``training/name_ranker.py``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import pkgutil
import re
from collections import defaultdict
from pathlib import Path

import faker.providers.person

OUT = Path(__file__).resolve().parents[1] / "src" / "kronika" / "lang" / "pl" / "name_locales.tsv"
#: The providers' list attributes of given and of family names: the plain lists, their gendered,
#: regional and common-name variants, and the romanized lists of Chinese, Japanese and Korean
#: names ("Liu", "Wang"); not the kana lists.
GIVEN = re.compile(r"^(first_names|first_romanized_names|middle_names)(_\w+)?$")
FAMILY = re.compile(r"^(last_names|last_romanized_names|male_last_names|unisex_last_names)(_\w+)?$")


def names_of(provider: type, attributes: re.Pattern[str]) -> set[str]:
    """The capitalized one-word names in a provider's lists (a list, or a dict name → weight)."""
    found: set[str] = set()
    for attribute in dir(provider):
        if not attributes.match(attribute):
            continue
        values = getattr(provider, attribute, None)
        if not isinstance(values, (list, tuple, dict)):
            continue  # absent, or computed per instance (a property)
        for name in values:
            if isinstance(name, str) and name.isalpha() and name[:1].isupper():
                found.add(name)
    return found


def main() -> None:
    given: dict[str, set[str]] = defaultdict(set)
    family: dict[str, set[str]] = defaultdict(set)
    package = faker.providers.person
    for module in pkgutil.iter_modules(package.__path__):
        provider = importlib.import_module(f"{package.__name__}.{module.name}").Provider
        for name in names_of(provider, GIVEN):
            given[name].add(module.name)
        for name in names_of(provider, FAMILY):
            family[name].add(module.name)
    version = importlib.metadata.version("faker")
    lines = [
        f"# name<TAB>locales listing it as a given name<TAB>… as a family name — Faker {version} "
        "person providers (MIT), by scripts/name_locales.py",
        *(
            f"{name}\t{len(given.get(name, ()))}\t{len(family.get(name, ()))}"
            for name in sorted(given.keys() | family.keys())
        ),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} names written to {OUT}")


if __name__ == "__main__":
    main()
