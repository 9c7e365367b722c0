"""Data files shipped inside the kronika package, read through :mod:`importlib.resources`.

Every vocabulary, table and trained weight file is read here, so that a file that is missing or
broken fails the same way everywhere: a :class:`~kronika.errors.ModelError` naming the file and
saying what to do. Files are UTF-8 text; a line starting with ``#`` is a comment (each file opens
with a header saying where its entries come from) and empty lines are skipped.

This module imports nothing from kronika but its errors, so that every layer may use it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kronika.errors import ModelError

#: What to do about a shipped file that cannot be read.
REINSTALL = "reinstall kronika"


def read_text(package: str, name: str, remedy: str = REINSTALL) -> str:
    """The whole file ``name`` of ``package`` ("kronika.lang.pl")."""
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ImportError) as error:
        raise ModelError(f"cannot read {package}/{name}: {error}; {remedy}") from error


def entries(package: str, name: str, remedy: str = REINSTALL) -> list[str]:
    """The file's lines that are neither empty nor comments, as written (nothing stripped)."""
    text = read_text(package, name, remedy)
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def word_set(package: str, name: str, remedy: str = REINSTALL) -> frozenset[str]:
    """A vocabulary of one entry per line."""
    return frozenset(entries(package, name, remedy))


def rows(package: str, name: str, columns: int, remedy: str = REINSTALL) -> list[tuple[str, ...]]:
    """A tab-separated table, each entry with exactly ``columns`` fields."""
    text = read_text(package, name, remedy)
    table: list[tuple[str, ...]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise ModelError(
                f"{package}/{name}:{number}: {len(fields)} tab-separated fields where "
                f"{columns} belong ({line!r}); {remedy}"
            )
        table.append(fields)
    return table


def location(package: str, name: str) -> Path:
    """Where the file lies on disk, for the scripts that regenerate it (``training/``)."""
    try:
        found = resources.files(package).joinpath(name)
    except ImportError as error:
        raise ModelError(f"no package {package} for {name}: {error}; {REINSTALL}") from error
    if not isinstance(found, Path):
        raise ModelError(f"{package}/{name} is not a file on disk (a zipped install?)")
    return found
