"""The extractors' Polish vocabularies: ``extract/pl/NAME.yaml``, loaded once and read by key.

Each file is a mapping from keys to word lists or tables, every entry with its source. A missing,
unparsable or non-mapping file, or a key the code asks for and the file lacks, is a
:class:`~kronika.errors.ModelError` naming it. Every key read is recorded (``Vocabulary.read``),
so a test can find keys that no code reads.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from kronika.errors import ModelError

__all__ = ["Vocabulary", "vocabulary"]

PACKAGE = "kronika.extract.pl"


class Vocabulary:
    """One parsed vocabulary file; ``vocab[key]`` reads a key and records that it was read."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data
        self.read: set[str] = set()

    @property
    def path(self) -> str:
        return f"src/kronika/extract/pl/{self.name}.yaml"

    def __getitem__(self, key: str) -> Any:
        if key not in self.data:
            raise ModelError(f"{self.path} has no key {key!r}; reinstall kronika")
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
def vocabulary(name: str) -> Vocabulary:
    """``extract/pl/NAME.yaml``, parsed once per process."""
    where = f"src/kronika/extract/pl/{name}.yaml"
    try:
        text = resources.files(PACKAGE).joinpath(f"{name}.yaml").read_text("utf-8")
    except (FileNotFoundError, OSError) as error:
        raise ModelError(f"{where} cannot be read ({error}); reinstall kronika") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ModelError(f"{where} is not valid YAML ({error}); reinstall kronika") from error
    if not isinstance(data, dict):
        raise ModelError(f"{where} is not a mapping of keys to words; reinstall kronika")
    return Vocabulary(name, data)
