from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import dump_db

import kronika
from kronika.schema import validate_record
from kronika.store.packed import unpack

PEOPLE = ["Aleksander Łukaszenko", "Władimir Putin", "Swiatłana Cichanouska", "Donald Tusk"]
CITIES = ["w Mińsku", "w Moskwie", "w Wilnie", "w Warszawie", "w Kijowie"]


def write_corpus(folder: Path, count: int) -> Path:
    """``count`` short distinct articles in one marker-separated file."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = []
    for i in range(count):
        person = PEOPLE[i % len(PEOPLE)]
        city = CITIES[i % len(CITIES)]
        articles.append(
            f"date 2023-{i % 12 + 1:02d}-{i % 28 + 1:02d}\n"
            f"{person} przemawiał {city} po raz {i + 1}. "
            f"Według obserwatorów z NATO wystąpienie trwało {i + 10} minut.\n"
        )
    path = folder / "corpus.txt"
    path.write_text("".join(articles), encoding="utf-8")
    return path


def test_build_twice_leaves_identical_content(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "news.db"
    first = kronika.build([examples_dir], db)
    assert first.added >= 8 and first.skipped == 0 and not first.errors
    before = dump_db(db)
    second = kronika.build([examples_dir], db)
    assert second.added == 0 and second.skipped == first.added
    assert dump_db(db) == before


def test_incremental_build_adds_only_new_documents(tmp_path: Path, examples_dir: Path) -> None:
    corpus = write_corpus(tmp_path / "more", 6)
    db = tmp_path / "news.db"
    kronika.build([examples_dir], db)
    report = kronika.build([examples_dir, corpus], db)
    assert report.added == 6
    whole = tmp_path / "whole.db"
    kronika.build([examples_dir, corpus], whole)
    assert dump_db(db) == dump_db(whole)


def test_export_round_trips_the_contract(tmp_path: Path, examples_dir: Path, nlp) -> None:
    db = tmp_path / "news.db"
    kronika.build([examples_dir], db)
    with kronika.open_db(db) as store:
        records = list(store.export())
    assert len(records) == len({r["id"] for r in records}) >= 8
    for record in records:
        validate_record(record)
        fresh = kronika.analyze(
            kronika.Document(
                id=record["id"],
                text=record["text"],
                source=record["source"],
                date=record["date"],
                date_source=record["date_source"],
                title=record["title"],
                url=record["url"],
                external_id=record["external_id"],
            ),
            nlp=nlp,
        ).to_json()
        assert {(m["start"], m["end"], m["entity"]) for m in fresh["mentions"]} == {
            (m["start"], m["end"], m["entity"]) for m in record["mentions"]
        }


def test_search_is_inflection_insensitive(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Opozycja zarzuciła Łukaszence fałszerstwa.", encoding="utf-8")
    (folder / "b.txt").write_text("Sąsiedzi rozmawiali o pogodzie.", encoding="utf-8")
    db = tmp_path / "news.db"
    kronika.build([folder], db)
    with kronika.open_db(db) as store:
        hits = kronika.search(store, "Łukaszenko")
        assert [hit.sentence for hit in hits] == ["Opozycja zarzuciła Łukaszence fałszerstwa."]
        assert hits[0].source.endswith("a.txt")
        assert kronika.search(store, "pogoda")[0].sentence.startswith("Sąsiedzi")
        assert kronika.search(store, "Kowalski") == []


def test_entity_lookup_by_any_form(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "news.db"
    kronika.build([examples_dir], db)
    with kronika.open_db(db) as store:
        found = kronika.find_entities(store, "Łukaszenki")
    # the full name and the surname alone, in every article, are one knowledge-base person
    (entity,) = found
    assert entity["name"] == "Aleksander Łukaszenko" and entity["type"] == "person"
    assert entity["documents"] >= 4
    assert {"Łukaszence", "Łukaszenką"} <= set(entity["aliases"])
    assert all(m["sentence"] and m["text"] in m["sentence"] for m in entity["mentions"])


def _build_one(tmp_path: Path, text: str) -> Path:
    """A database built from one article written to ``tmp_path``."""
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    db = tmp_path / "news.db"
    kronika.build([article], db)
    return db


def test_entity_lookup_by_knowledge_base_alias(tmp_path: Path) -> None:
    db = _build_one(
        tmp_path,
        "date 2024-10-08\n"
        "Przywódcy Wspólnoty Niepodległych Państw spotkali się w Moskwie na nieformalnym "
        "szczycie.\n",
    )
    with kronika.open_db(db) as store:
        # the article never writes the acronym; the knowledge base knows it
        (entity,) = kronika.find_entities(store, "WNP")
    assert entity["name"] == "Wspólnota Niepodległych Państw"
    assert entity["kb"] == "Q7779"


def _documents_in(db: Path) -> int:
    try:
        connection = sqlite3.connect(db, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:
        return 0


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT])
def test_kill_mid_build_then_rerun_completes(tmp_path: Path, signal_number: int) -> None:
    corpus = write_corpus(tmp_path / "corpus", 400)
    db = tmp_path / "killed.db"
    command = [
        sys.executable,
        "-m",
        "kronika.cli",
        "build",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        "3",
    ]
    # A shell started in the background (nohup, CI runners) ignores SIGINT, and its children
    # inherit that; the build must get the Ctrl-C a user at a terminal would send.
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_default_sigint
    )
    deadline = time.monotonic() + 180
    while _documents_in(db) < 10 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be killed"
    os.kill(process.pid, signal_number)
    assert process.wait(timeout=60) != 0
    stored = _documents_in(db)
    assert 10 <= stored < 400
    report = kronika.build([corpus], db, batch_size=50)
    assert report.added == 400 - stored and report.skipped == stored
    clean = tmp_path / "clean.db"
    kronika.build([corpus], clean, batch_size=50)
    assert dump_db(db) == dump_db(clean)


def test_claims_stay_apart_from_assertions(tmp_path: Path) -> None:
    db = _build_one(
        tmp_path,
        "date 2024-05-10\n"
        "Według sondażu CBOS, przeprowadzonego w kwietniu, 61 proc. Polaków popiera członkostwo "
        "w NATO.\n\n"
        "– Według naszego badania 80 proc. ankietowanych chce silnej armii – mówi Jan Kowalczyk, "
        "socjolog.\n",
    )
    with kronika.open_db(db) as store:
        rows = store.db.execute("SELECT claim, data FROM facts ORDER BY start").fetchall()
        (record,) = store.export()
    assert [claim for claim, _ in rows] == [0, 1]
    assert [f["claim"] for f in record["facts"]] == [False, True]
    asserted, claimed = record["facts"]
    assert asserted["time"] == "2024-04" and asserted["statements"][0]["share"] == 61
    assert claimed["statements"][0]["share"] == 80 and claimed["quote_index"] == 0


def test_office_descriptions_are_stored_as_such(tmp_path: Path) -> None:
    db = _build_one(
        tmp_path,
        "date 2021-10-05\nPrezydent Rosji zapowiedział nowe manewry wojsk w pobliżu granicy.\n",
    )
    with kronika.open_db(db) as store:
        (record,) = store.export()
        (entity,) = kronika.find_entities(store, "Putin")
    validate_record(record)
    (description,) = [m for m in record["mentions"] if m["description"]]
    putin = next(e for e in record["entities"] if e["id"] == description["entity"])
    assert putin["name"] == "Władimir Putin" and putin["aliases"] == []
    assert entity["name"] == "Władimir Putin" and "Prezydent Rosji" not in entity["aliases"]


def test_words_the_document_holds_are_stored_once(tmp_path: Path) -> None:
    text = (
        "Jan Kowalski powiedział w piątek 3 marca 2023 roku: „Rząd podniesie podatki”. "
        "Opozycja zarzuciła Łukaszence fałszerstwa."
    )
    db = _build_one(tmp_path, text)
    with kronika.open_db(db) as store:
        (record,) = store.export()
        (quote,) = store.quotes()
        stored = {
            table: [unpack(data) for (data,) in store.db.execute(f"SELECT data FROM {table}")]
            for table in ("quotes", "timexes")
        }
        plain = store.db.execute("SELECT typeof(lemmas) FROM sentences").fetchall()
        hits = kronika.search(store, "Łukaszenko")
    # a quotation's and a timex's words, a sentence's lemmas: read back from the document
    assert stored["quotes"] and all("text" not in row for row in stored["quotes"])
    assert stored["timexes"] and all("text" not in row for row in stored["timexes"])
    assert set(plain) == {("blob",)}
    assert record["quotes"][0]["text"] == quote["text"] == "Rząd podniesie podatki"
    assert [t["text"] for t in record["timexes"]] == [
        text[t["start"] : t["end"]] for t in record["timexes"]
    ]
    assert [hit.sentence for hit in hits] == ["Opozycja zarzuciła Łukaszence fałszerstwa."]
