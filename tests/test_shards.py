"""Analysis shards: `kronika analyze --format parquet`, then `kronika load` stores what `build`
stores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import dump_db

from kronika import api
from kronika.cli import main
from kronika.errors import InputError
from kronika.model import Analysis
from kronika.shards import SCHEMA, read_shards, shard_paths, write_shards


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("sources")
    for name in ("01_szczyt_wnp_minsk.txt", "03_cichanouska_wilno.txt", "09_agencje.jsonl"):
        shutil.copy(examples_dir / name, folder / name)
    return folder


def test_analyze_then_load_gives_the_database_build_gives(sources: Path, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    result = run("analyze", str(sources), "--out", str(shards), "--format", "parquet")
    assert result.exit_code == 0, result.output
    assert shard_paths(shards)
    loaded = run("load", str(shards), "--db", str(tmp_path / "loaded.db"))
    assert loaded.exit_code == 0, loaded.output
    assert "added" in loaded.output
    built = run("build", str(sources), "--db", str(tmp_path / "built.db"))
    assert built.exit_code == 0, built.output
    assert dump_db(tmp_path / "loaded.db") == dump_db(tmp_path / "built.db")
    # loading again adds nothing: the store skips documents it has
    again = api.load_shards(shards, tmp_path / "loaded.db")
    assert again.added == 0 and again.skipped > 0


def test_shards_keep_every_analysis_and_its_lemmas_across_files(nlp, tmp_path: Path) -> None:
    texts = [f"Prezydent Litwy Gitanas Nausėda odwiedził Rygę {n} maja." for n in range(1, 8)]
    analyses = [api.analyze(text, nlp=nlp) for text in texts]
    assert write_shards(analyses, tmp_path, rows_per_shard=3) == 7
    assert [p.name for p in shard_paths(tmp_path)] == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    back = list(read_shards(tmp_path))
    assert back == analyses  # the contract record, field by field
    assert [a.sentence_lemmas for a in back] == [a.sentence_lemmas for a in analyses]
    assert back[0].sentence_lemmas[0].startswith("prezydent Litwa")
    table = pq.read_table(tmp_path / "part-00000.parquet")
    assert table.schema.names == SCHEMA.names and table.column("id").to_pylist() == [
        a.id for a in analyses[:3]
    ]


def test_a_bad_shard_is_named_with_its_row(nlp, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no analysis shards"):
        list(read_shards(tmp_path))
    good = api.analyze("Donald Tusk przyjechał do Wilna.", nlp=nlp)
    rows = {
        "id": [good.id, "x"],
        "source": ["a", "b"],
        "date": [None, None],
        "record": [json.dumps(good.to_json()), json.dumps({"id": "x"})],
        "sentence_lemmas": [list(good.sentence_lemmas), []],
    }
    pq.write_table(pa.table(rows, schema=SCHEMA), tmp_path / "part-00000.parquet")
    read: list[Analysis] = []
    with pytest.raises(InputError) as error:
        read.extend(read_shards(tmp_path))
    assert read == [good]
    assert error.value.line == 2 and "part-00000.parquet" in error.value.source
    (tmp_path / "part-00001.parquet").write_text("not parquet", encoding="utf-8")
    (tmp_path / "part-00000.parquet").unlink()
    with pytest.raises(InputError, match="not a kronika analysis shard"):
        list(read_shards(tmp_path))


def test_parquet_needs_out_and_address_needs_the_ray_engine(sources: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(sources), "--format", "parquet"])
    assert result.exit_code == 2 and "--out" in result.output
    result = CliRunner().invoke(
        main, ["build", str(sources), "--db", "x.db", "--address", "127.0.0.1:6379"]
    )
    assert result.exit_code == 2 and "--engine ray" in result.output
