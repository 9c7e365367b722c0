"""A watched folder: files are added as they appear, once, even across a kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import dump_db

import kronika
from kronika.watch import WatchState, ready

ARTICLES = [
    f"date 2024-0{n}-1{n}\nPrezydent Litwy Gitanas Nausėda spotkał się w Wilnie z premierem "
    f"Polski. Rozmawiali o granicy i o wspólnych ćwiczeniach wojskowych numer {n}.\n"
    for n in range(1, 7)
]


def test_a_file_is_ready_once_it_stops_changing() -> None:
    state = WatchState()
    assert ready(state, {"a.txt": (10, 1)}) == []  # first seen: maybe still being written
    assert ready(state, {"a.txt": (20, 2)}) == []  # it grew
    assert ready(state, {"a.txt": (20, 2)}) == ["a.txt"]
    state.done["a.txt"] = (20, 2)
    assert ready(state, {"a.txt": (20, 2)}) == []  # built already
    assert ready(state, {"a.txt": (30, 3)}) == []
    assert ready(state, {"a.txt": (30, 3)}) == ["a.txt"]  # changed, then stable again


def _start(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "kronika.cli",
        "watch",
        str(folder),
        "--db",
        str(db),
        "--interval",
        "0.2",
        "--ner",
        "rules",
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    with kronika.open_db(db) as store:
        return int(store.stats()["documents"])


def _wait_for(db: Path, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if _documents(db) >= count:
                return
        except kronika.KronikaError:
            pass  # the watcher is creating the database right now
        time.sleep(0.2)
    raise AssertionError(f"{db} did not reach {count} documents")


@pytest.mark.slow
def test_watch_survives_kill_and_adds_nothing_twice(tmp_path: Path) -> None:
    folder, db = tmp_path / "wpadajace", tmp_path / "watch.db"
    folder.mkdir()
    watcher = _start(folder, db)
    try:
        for n, text in enumerate(ARTICLES[:3]):
            (folder / f"{n}.txt").write_text(text, encoding="utf-8")
        _wait_for(db, 3)
        for n, text in enumerate(ARTICLES[3:], start=3):
            (folder / f"{n}.txt").write_text(text, encoding="utf-8")
        time.sleep(0.3)
    finally:
        os.kill(watcher.pid, signal.SIGKILL)  # wherever it is: reading, analysing or writing
        watcher.wait()
    restarted = _start(folder, db)
    try:
        _wait_for(db, len(ARTICLES))
        time.sleep(1.0)  # a few more polls: nothing may be added again
    finally:
        restarted.terminate()
        restarted.wait()
    clean = tmp_path / "clean.db"
    kronika.build([str(folder)], clean, ner="rules")
    assert dump_db(db) == dump_db(clean)
