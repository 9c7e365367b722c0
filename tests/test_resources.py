"""Shipped data files: read through one module, and a missing or broken one is a ModelError
that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika import resources
from kronika.errors import ModelError
from kronika.lang.names.resources import name_conjunctions, name_particles

PACKAGE = "kronika.lang.pl"


def test_missing_file_is_a_model_error_naming_it() -> None:
    with pytest.raises(ModelError, match=r"kronika\.lang\.pl/no_such_list\.txt.*reinstall"):
        resources.word_set(PACKAGE, "no_such_list.txt")


def test_missing_package_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="kronika.no_such_package"):
        resources.read_text("kronika.no_such_package", "words.txt")


def test_comments_and_empty_lines_are_skipped() -> None:
    assert "oraz" in name_conjunctions()
    assert not any(entry.startswith("#") or not entry for entry in name_particles())


def test_rows_have_their_columns() -> None:
    table = resources.rows(PACKAGE, "sgjp_qualifiers.tsv", 3)
    assert ("rzad.", "1.5", "rzadki: rare") in table
    with pytest.raises(ModelError, match=r"sgjp_qualifiers\.tsv:\d+: 3 tab-separated fields"):
        resources.rows(PACKAGE, "sgjp_qualifiers.tsv", 2)


def test_location_is_the_file_on_disk() -> None:
    path = resources.location(PACKAGE, "name_ranker.tsv")
    assert isinstance(path, Path)
    assert path.is_file()


def test_undecodable_file_is_a_model_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a package of our own on the path, holding a file that is not UTF-8
    package = tmp_path / "kronika_test_data"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "latin2.txt").write_bytes("zażółć".encode("iso-8859-2"))
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModelError, match="latin2.txt"):
        resources.entries("kronika_test_data", "latin2.txt")
