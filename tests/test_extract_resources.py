"""The extractors' vocabularies: every key of extract/pl/*.yaml is read, and read for a use."""

from __future__ import annotations

import ast
import dataclasses
from importlib import resources
from pathlib import Path

import pytest

from kronika.errors import ModelError
from kronika.extract import facts, quotes, roles
from kronika.extract.resources import PACKAGE, Vocabulary, vocabulary
from kronika.extract.timex.vocabulary import _vocabulary as timex_tables

SRC = Path(__file__).resolve().parent.parent / "src" / "kronika"


def _files() -> list[str]:
    return sorted(
        p.name.removesuffix(".yaml")
        for p in resources.files(PACKAGE).iterdir()
        if p.name.endswith(".yaml")
    )


def _lexicons() -> list[object]:
    return [quotes.lexicon(), facts.lexicon(), roles.lexicon(), timex_tables()]


def _attributes_read() -> set[str]:
    """Every attribute name the package's code reads (``x.name`` in a load context)."""
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                names.add(node.attr)
    return names


def _fields(lexicon: object) -> list[str]:
    if dataclasses.is_dataclass(lexicon):
        return [f.name for f in dataclasses.fields(lexicon)]
    return [name for name in vars(lexicon) if not name.startswith("_")]


@pytest.mark.parametrize("name", _files())
def test_every_key_is_loaded(name):
    _lexicons()
    vocab = vocabulary(name)
    unread = sorted(set(vocab.data) - vocab.read)
    assert not unread, f"{vocab.path}: keys no code loads: {unread}"


def test_every_loaded_table_is_used():
    # a key loaded into a lexicon field that no code reads is as dead as an unloaded one
    read = _attributes_read()
    unused = [
        f"{type(lexicon).__module__}.{field}"
        for lexicon in _lexicons()
        for field in _fields(lexicon)
        if field not in read
    ]
    assert not unused, f"lexicon fields no code reads: {unused}"


def test_a_missing_vocabulary_is_a_model_error():
    with pytest.raises(ModelError, match="no_such_vocabulary.yaml"):
        vocabulary("no_such_vocabulary")


def test_a_missing_key_is_a_model_error():
    with pytest.raises(ModelError, match="'speech_verbs'"):
        Vocabulary("empty", {})["speech_verbs"]


def test_reads_are_recorded():
    vocab = Vocabulary("sample", {"a": ["x"], "b": ["y"]})
    assert vocab.words("a") == {"x"}
    assert vocab.every_word() == {"x", "y", "a", "b"}
    assert vocab.read == {"a"}
