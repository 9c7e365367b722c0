"""`kronika build` takes a jsonl export back: the graph moves between databases unchanged."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import kronika
from kronika.cli import main


def test_an_export_built_into_a_new_database_exports_the_same(
    tmp_path: Path, examples_dir: Path
) -> None:
    first, second = tmp_path / "pierwsza.db", tmp_path / "druga.db"
    kronika.build([str(examples_dir / "07_oubz_moskwa.txt")], first, ner="rules")
    runner = CliRunner()
    exported = tmp_path / "graf.jsonl"
    result = runner.invoke(main, ["export", "--db", str(first), "--out", str(exported)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["build", str(exported), "--db", str(second)])
    assert result.exit_code == 0, result.output
    again = tmp_path / "znowu.jsonl"
    runner.invoke(main, ["export", "--db", str(second), "--out", str(again)])
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
    with kronika.open_db(second) as store:
        assert kronika.members(store, "OUBZ")
