"""A watched folder: files that scrapers keep writing are added to the database as they appear.

The folder is polled (portable, and a network share raises no file events). A file is read once
it is *stable*: the same size and modification time at two polls in a row, so a file still being
written is never stored half. What is stored needs no bookkeeping of its own: a document's id is
the hash of its text, so a file read again after a restart adds nothing twice, and a changed file
adds its new text as a new document. Each build commits batch by batch; stopped at any moment
(Ctrl-C, SIGTERM, even ``kill -9``), the database holds whole documents only and the next start
completes it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kronika.api import BuildReport, build
from kronika.errors import AnalysisError, InputError
from kronika.ingest import SOURCE_EXTENSIONS

#: Seconds between two polls of the folder.
DEFAULT_INTERVAL = 2.0

Signature = tuple[int, int]


@dataclass(slots=True)
class WatchState:
    """What the watcher saw: each file's last signature, and what is already handed to build."""

    seen: dict[str, Signature] = field(default_factory=dict)
    done: dict[str, Signature] = field(default_factory=dict)


def scan(directory: Path) -> dict[str, Signature]:
    """Source files under ``directory`` (hidden ones left out) with (size, mtime in ns)."""
    found: dict[str, Signature] = {}
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SOURCE_EXTENSIONS):
                continue
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
            except OSError:
                continue  # removed between listing and stat: the next poll decides
            found[path] = (info.st_size, info.st_mtime_ns)
    return found


def ready(state: WatchState, now: dict[str, Signature]) -> list[str]:
    """Files unchanged since the previous poll and not yet built in this form."""
    stable = [
        path
        for path, signature in now.items()
        if state.seen.get(path) == signature and state.done.get(path) != signature
    ]
    state.seen = now
    return stable


def watch(
    directory: str | Path,
    db: str | Path,
    *,
    interval: float = DEFAULT_INTERVAL,
    workers: int = 1,
    ner: str = "auto",
    should_stop: Callable[[], bool] = lambda: False,
    on_build: Callable[[list[str], BuildReport], None] | None = None,
    on_error: Callable[[InputError | AnalysisError], None] | None = None,
) -> None:
    """Poll ``directory`` every ``interval`` seconds and build new and changed files into ``db``
    until ``should_stop()`` says so (or the process is stopped)."""
    folder = Path(directory)
    state = WatchState()
    while not should_stop():
        paths = ready(state, scan(folder))
        if paths:
            report = build(paths, db, workers=workers, ner=ner, on_error=on_error)
            for path in paths:
                state.done[path] = state.seen[path]
            if on_build:
                on_build(paths, report)
        time.sleep(interval)
