"""The extractors' vocabularies (``kronika.resources.vocabulary``): every key of extract/pl/*.yaml
is read, and read for a use."""

from __future__ import annotations

import ast
import dataclasses
from importlib import resources
from pathlib import Path

import pytest

from kronika.errors import ModelError
from kronika.extract import events, facts, quotes, relations
from kronika.extract.pl import PACKAGE
from kronika.extract.relations import titles
from kronika.extract.timex.vocabulary import _vocabulary as timex_tables
from kronika.resources import Vocabulary, vocabulary

SRC = Path(__file__).resolve().parent.parent / "src" / "kronika"


def _files() -> list[str]:
    return sorted(p.name for p in resources.files(PACKAGE).iterdir() if p.name.endswith(".yaml"))


def _lexicons() -> list[object]:
    return [
        quotes.lexicon(),
        facts.lexicon(),
        titles.lexicon(),
        timex_tables(),
        events.lexicon(),
        relations.cues.cues(),
    ]


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
    vocab = vocabulary(PACKAGE, name)
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
        vocabulary(PACKAGE, "no_such_vocabulary.yaml")


def test_a_missing_key_is_a_model_error():
    with pytest.raises(ModelError, match="empty.yaml has no key 'speech_verbs'"):
        Vocabulary("kronika.extract.pl/empty.yaml", {})["speech_verbs"]


def test_a_file_that_is_no_mapping_is_a_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kronika.resources.read_text", lambda package, name: "- a\n- b\n")
    with pytest.raises(ModelError, match="list.yaml is not a mapping"):
        vocabulary.__wrapped__(PACKAGE, "list.yaml")


def test_the_extractors_share_one_parsed_vocabulary():
    from kronika.extract.resources import vocabulary as by_name

    assert by_name("quotes") is vocabulary(PACKAGE, "quotes.yaml")


def test_reads_are_recorded():
    vocab = Vocabulary("kronika.extract.pl/sample.yaml", {"a": ["x"], "b": ["y"]})
    assert vocab.words("a") == {"x"}
    assert vocab.every_word() == {"x", "y", "a", "b"}
    assert vocab.read == {"a"}
