"""Regression tests for issue 19: hostile but fair input, workers that fail, terminal safety."""

from __future__ import annotations

import os
import pickle
import threading
import time
from pathlib import Path

import pytest

from kronika import api, pipeline
from kronika.errors import AnalysisError, InputError, KronikaError, ModelError, StoreError
from kronika.ingest import Document

GOOD = [
    "Premier Litwy odwiedził Rygę w poniedziałek.",
    "Prezydent Polski przyjechał do Kijowa.",
    "Minister finansów Czech spotkał się z ambasadorem Francji.",
]


# --- item 1: errors cross process boundaries, workers fail their batch and not the run -------


@pytest.mark.parametrize(
    "error",
    [
        KronikaError("coś poszło źle"),
        InputError("zła linia", source="a.jsonl", line=3),
        InputError("pusty plik", source="b.txt"),
        AnalysisError("analiza padła", source="c.txt", document_id="0123abcd"),
        ModelError("brak modelu"),
        StoreError("baza zablokowana"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_error_survives_pickling(error: KronikaError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)


def _analyze_or_misbehave(document: Document, nlp, doc=None):
    if "ZEPSUTY" in document.text:
        raise RuntimeError("extractor broke")
    if "UMIERAJĄCY" in document.text:
        os._exit(3)
    if "ZAWIESZONY" in document.text:
        time.sleep(600)
    return _real_analyze(document, nlp, doc)


_real_analyze = pipeline.analyze_document


def _build_with_workers(tmp_path: Path, monkeypatch, bad: str) -> api.BuildReport:
    monkeypatch.setattr(pipeline, "analyze_document", _analyze_or_misbehave)
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    paths = []
    for n, text in enumerate([GOOD[0], bad, *GOOD[1:]]):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    errors: list[KronikaError] = []
    reports: list[api.BuildReport] = []

    def run() -> None:
        db = tmp_path / "x.db"
        reports.append(
            api.build(paths, db, workers=2, batch_size=2, ner="rules", on_error=errors.append)
        )

    # in a thread, so that a hang (what this guards against) fails the test instead of the suite
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=180)
    assert not thread.is_alive(), "build with workers hung"
    (report,) = reports
    assert errors == report.errors
    return report


def _stored_texts(db: Path) -> set[str]:
    with api.open_db(db) as store:
        return {record["text"] for record in store.export()}


@pytest.mark.parametrize(
    "bad", ["ZEPSUTY tekst o Warszawie.", "UMIERAJĄCY tekst o Krakowie."], ids=["raises", "dies"]
)
def test_a_failing_document_in_a_worker_is_reported_and_the_rest_stored(
    tmp_path: Path, monkeypatch, bad: str
) -> None:
    started = time.monotonic()
    report = _build_with_workers(tmp_path, monkeypatch, bad)
    assert time.monotonic() - started < 120
    assert report.added == 3
    (error,) = report.errors
    assert isinstance(error, AnalysisError) and error.source.endswith("1.txt")
    assert _stored_texts(tmp_path / "x.db") == set(GOOD)


def test_a_stuck_worker_fails_its_batch_not_the_run(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "BATCH_TIMEOUT", 15.0)
    monkeypatch.setattr(pipeline, "SECONDS_PER_CHAR", 0.0)
    started = time.monotonic()
    report = _build_with_workers(tmp_path, monkeypatch, "ZAWIESZONY tekst o Gdańsku.")
    assert time.monotonic() - started < 150
    assert report.added == 3
    (error,) = report.errors
    assert "still busy" in str(error)
    assert _stored_texts(tmp_path / "x.db") == set(GOOD)
