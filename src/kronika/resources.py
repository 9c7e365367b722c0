"""Data files shipped inside the kronika package, read through :mod:`importlib.resources`.

Every vocabulary, table and trained weight file is read here, so that a file that is missing or
broken fails the same way everywhere: a :class:`~kronika.errors.ModelError` naming the file and
saying what to do. Files are UTF-8 text; a line starting with ``#`` is a comment (each file opens
with a header saying where its entries come from) and empty lines are skipped. A YAML
vocabulary (``extract/pl/*.yaml``: keys to word lists or tables, every entry with its source) is a
:class:`Vocabulary` that records every key read, so a test finds keys no code reads.

This module imports nothing from kronika but its errors, so that every layer may use it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

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


class Vocabulary:
    """One parsed YAML vocabulary; ``vocab[key]`` reads a key and records that it was read."""

    def __init__(self, path: str, data: dict[str, Any]) -> None:
        #: ``package/name`` as the error messages give it ("kronika.extract.pl/quotes.yaml")
        self.path = path
        self.data = data
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        if key not in self.data:
            raise ModelError(f"{self.path} has no key {key!r}; {REINSTALL}")
        self.read.add(key)
        return self.data[key]

    def words(self, key: str) -> frozenset[str]:
        """The list under ``key`` as a set of strings."""
        return frozenset(str(word) for word in self[key] or ())

    def every_word(self) -> frozenset[str]:
        """Every word anywhere in the file, lowercased (keys, values, list items); not recorded
        as reading any key."""
        words: set[str] = set()
        stack: list[Any] = [self.data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, (list, tuple)):
                stack.extend(item)
            elif isinstance(item, str):
                words.update(item.lower().split())
        return frozenset(words)


@cache
def vocabulary(package: str, name: str) -> Vocabulary:
    """The YAML mapping ``name`` of ``package``, parsed once per process (one object, so the
    keys read are recorded in one place)."""
    path = f"{package}/{name}"
    text = read_text(package, name)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ModelError(f"{path} is not valid YAML ({error}); {REINSTALL}") from error
    if not isinstance(data, dict):
        raise ModelError(f"{path} is not a mapping of keys to words; {REINSTALL}")
    return Vocabulary(path, data)
