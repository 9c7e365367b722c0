"""The Ray engine (kronika.ray_engine) on a local Ray with 2 CPUs (`make test-ray`).

Its output equals the local engine's with one worker, a worker actor killed mid-run loses and
duplicates nothing, and bad input is reported per file and line as with the local engine.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from kronika import api, pipeline
from kronika.ingest import Document
from kronika.model import Analysis

ray = pytest.importorskip("ray")
ray_engine = pytest.importorskip("kronika.ray_engine")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus  # noqa: E402

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray for the module; the engine joins it instead of starting its own."""
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        namespace=ray_engine.NAMESPACE,
        log_to_driver=False,
        _node_ip_address="127.0.0.1",
    )
    yield ray
    ray.shutdown()


def _documents(count: int, seed: int) -> list[Document]:
    return [
        Document.create(r["text"], source=f"corpus:{r['id']}", date=r["date"])
        for r in corpus.generate(count, seed)
    ]


def _exported(db: Path) -> list[dict]:
    with api.open_db(db) as store:
        return list(store.export())


def test_ray_build_stores_what_one_local_worker_stores(local_ray, tmp_path: Path, examples_dir):
    sources = tmp_path / "in"
    shutil.copytree(examples_dir, sources)
    # a bad line is reported with its file and line, and the rest is stored
    with (sources / "09_agencje.jsonl").open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    reports = {
        engine: api.build([sources], tmp_path / f"{engine}.db", workers=workers, engine=engine)
        for engine, workers in (("local", 1), ("ray", 2))
    }
    assert reports["ray"].added == reports["local"].added > 5
    for report in reports.values():
        assert [(e.source.endswith("09_agencje.jsonl"), e.line) for e in report.errors] == [
            (True, 4)
        ]
    assert _exported(tmp_path / "ray.db") == _exported(tmp_path / "local.db")
    again = api.build([sources], tmp_path / "ray.db", workers=2, engine="ray")
    assert again.added == 0 and again.skipped == reports["ray"].added


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(local_ray, monkeypatch) -> None:
    documents = _documents(24, seed=5)
    resent: list[int] = []
    submit = ray_engine._RayPool.submit

    def counting_submit(self, batch, tries=1):
        if tries > 1:
            resent.append(len(batch))
        return submit(self, batch, tries)

    monkeypatch.setattr(ray_engine._RayPool, "submit", counting_submit)
    results = ray_engine.analyze_many(documents, workers=2, batch_size=2)
    received = [next(results)]
    # the first batch came back and others are in flight: kill the first actor now
    victim = ray.get_actor(ray_engine.ACTOR_NAME.format(index=0), namespace=ray_engine.NAMESPACE)
    ray.kill(victim, no_restart=False)
    received.extend(results)
    assert resent, "no batch was in flight on the killed actor"
    assert all(isinstance(item, Analysis) for item in received)
    assert [item.id for item in received] == [document.id for document in documents]
    expected = list(pipeline.analyze_many(documents, workers=1))
    assert [a.to_json() for a in received] == [a.to_json() for a in expected]
    assert [a.sentence_lemmas for a in received] == [a.sentence_lemmas for a in expected]


def test_a_batch_that_kills_its_worker_twice_fails_only_its_documents(local_ray, monkeypatch):
    documents = _documents(6, seed=9)
    poison = documents[2].id

    class Poisoned(ray_engine._Analyzer):
        """An analyzer whose process dies on one document, as a crash in native code kills it
        (a local class: Ray sends it to the workers by value)."""

        def analyze(self, batch):
            if any(document.id == poison for document in batch):
                import os

                os._exit(1)
            return super().analyze(batch)

    monkeypatch.setattr(ray_engine, "_Analyzer", Poisoned)
    results = list(ray_engine.analyze_many(documents, workers=2, batch_size=2))
    failed = [r for r in results if not isinstance(r, Analysis)]
    assert [r.document_id for r in failed] == [d.id for d in documents[2:4]]
    assert "died while analysing it, 3 times" in str(failed[0])
    assert [r.id for r in results if isinstance(r, Analysis)] == [
        d.id for d in documents[:2] + documents[4:]
    ]


def test_the_cli_builds_with_the_ray_engine(local_ray, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kronika.cli import main

    source = tmp_path / "corpus.jsonl"
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus.generate(4, 2)),
        encoding="utf-8",
    )
    db = tmp_path / "news.db"
    result = CliRunner().invoke(
        main, ["build", str(source), "--db", str(db), "--engine", "ray", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "added 4 documents" in result.output
