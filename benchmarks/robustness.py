"""Issue 19 re-run: every item of the hardening list against the installed ``kronika`` command.

    python benchmarks/robustness.py [--kronika PATH] [--quick] [--only 3,9]

Works in a temporary directory, runs each step with a timeout, and prints one line per item:
PASS or FAIL and what was seen. ``--quick`` leaves out the slowest check (a 1.1M-character
document through ``analyze``). The texts are composed here; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = (
    "date 2024-03-05\n"
    "Premier \x1b]52;c;SGFsbG8=\x07Donald Tusk spotkał się w Warszawie z prezydentem Rosji "
    "Wła\u200bdimirem Putinem.\x1b[2J\x08\x08\x08 Rozmowa dotyczyła granicy."
    " W poniedziałek premier odwiedził Kraków.\n\n"
    "– Polska nie ustąpi \x1b]0;tytuł\x07– powiedział Donald Tusk.\n\n"
    + "Rozmowy trwały kilka godzin i dotyczyły także wspólnych inwestycji w energetykę. "
    * 14
)
GOOD = "Prezydent Litwy Gitanas Nausėda spotkał się w Wilnie z premierem Polski Donaldem Tuskiem."

#: A standalone worker-failure check: the CLI with one document made to raise in analysis.
FAILING_WORKER = """
import sys
import kronika.pipeline as pipeline
real = pipeline.analyze_document
def broken(document, nlp, doc=None):
    if "ZEPSUTY" in document.text:
        raise RuntimeError("extractor broke")
    return real(document, nlp, doc)
pipeline.analyze_document = broken
from kronika.cli import main
sys.argv = ["kronika", *sys.argv[1:]]
main()
"""


class Run:
    def __init__(self, kronika: str, work: Path) -> None:
        self.kronika, self.work = kronika, work

    def cli(
        self, *args: str, input: bytes | str | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        data = input.encode("utf-8") if isinstance(input, str) else input
        done = subprocess.run(
            [self.kronika, *args],
            input=data,
            capture_output=True,
            timeout=timeout,
            cwd=self.work,
            check=False,
        )
        return subprocess.CompletedProcess(
            done.args,
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
        )

    def python(
        self, code: str, *args: str, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        python = str(Path(self.kronika).with_name("python"))
        return subprocess.run(
            [python, "-c", code, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.work,
            check=False,
        )

    def file(self, name: str, content: str | bytes) -> str:
        path = self.work / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)


def traceback_in(result: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" in result.stderr


# --- the items ----------------------------------------------------------------------------------


def item1(run: Run) -> tuple[bool, str]:
    seen = []
    code = (
        "import pickle\nfrom kronika.errors import *\n"
        "errors = [KronikaError('a'), InputError('b', source='f', line=2),"
        " AnalysisError('c', source='f', document_id='d'), ModelError('e'), StoreError('g')]\n"
        "print(all(vars(pickle.loads(pickle.dumps(e))) == vars(e)"
        " and str(pickle.loads(pickle.dumps(e))) == str(e) for e in errors))"
    )
    pickled = run.python(code).stdout.strip() == "True"
    seen.append(f"errors pickle: {pickled}")
    good, bad = run.file("good1.txt", GOOD), run.file("bad1.txt", "ZEPSUTY tekst o Warszawie.")
    try:
        built = run.python(FAILING_WORKER, "build", good, bad, "--db", "w.db", "--workers", "2")
        failed_one = built.returncode == 1 and "bad1.txt" in built.stderr
        stored = "added 1 documents" in built.stdout
        seen.append(
            f"failing document with --workers 2: reported {failed_one}, rest stored {stored}"
        )
    except subprocess.TimeoutExpired:
        failed_one = stored = False
        seen.append("build --workers 2 with a failing document HUNG")
    lines = "".join(
        json.dumps({"text": f"Depesza {n}: premier Litwy odwiedził Rygę. " * 4}) + "\n"
        for n in range(5000)
    )
    many = run.file("many.jsonl", lines)
    process = subprocess.Popen(
        [run.kronika, "build", many, "--db", "int.db", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=run.work,
        start_new_session=True,
        # a run started from a background job inherits SIGINT ignored; a user's Ctrl-C is not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(6)
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    try:
        process.wait(timeout=30)
        ended = time.monotonic() - started
        time.sleep(1)
        try:
            os.killpg(process.pid, 0)
            leftover = True
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            leftover = False
        prompt = not leftover
        seen.append(f"Ctrl-C with --workers 2 ended in {ended:.1f} s, workers left: {leftover}")
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        prompt = False
        seen.append("Ctrl-C with --workers 2 did not end within 30 s")
    return pickled and failed_one and stored and prompt, "; ".join(seen)


def item2(run: Run) -> tuple[bool, str]:
    seen, ok = [], True
    other = run.work / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    result = run.cli("search", "--db", str(other), "Tusk")
    changed = other.read_bytes() != before or Path(str(other) + "-wal").exists()
    ok &= not changed and result.returncode != 0 and not traceback_in(result)
    seen.append(f"search on another app's db: changed {changed}, exit {result.returncode}")
    empty = run.file("empty.db", b"")
    result = run.cli("stats", "--db", empty)
    grown = Path(empty).stat().st_size
    ok &= grown == 0 and result.returncode != 0
    seen.append(f"stats on a 0-byte file: size after {grown}, exit {result.returncode}")
    run.cli("build", run.file("good2.txt", GOOD), "--db", "k.db")
    broken = run.work / "broken.db"
    shutil.copy(run.work / "k.db", broken)
    db = sqlite3.connect(broken)
    db.execute("DROP TABLE quotes")
    db.commit()
    db.close()
    result = run.cli("stats", "--db", str(broken))
    repaired = "documents" in result.stdout
    ok &= not repaired and result.returncode != 0 and not traceback_in(result)
    seen.append(f"table dropped: stats printed counts {repaired}, exit {result.returncode}")
    return ok, "; ".join(seen)


def _hostile_db(run: Run) -> str:
    folder = run.work / "hostile"
    if not folder.exists():
        folder.mkdir()
        (folder / "wrogi\x1b]0;plik\x07.txt").write_text(HOSTILE, encoding="utf-8")
        run.cli("build", str(folder), "--db", "hostile.db")
    return "hostile.db"


def item3(run: Run) -> tuple[bool, str]:
    db = _hostile_db(run)
    hostile_file = next((run.work / "hostile").iterdir())
    commands = {
        "analyze": ["analyze", str(hostile_file), "--format", "text"],
        "search": ["search", "--db", db, "Tusk"],
        "entity": ["entity", "--db", db, "Donald Tusk"],
        "quotes": ["quotes", "--db", db],
        "timeline": ["timeline", "--db", db, "Donald Tusk"],
        "stats": ["stats", "--db", db],
        "error": ["stats", "--db", "brak\x1b]52;c;eA==\x07.db"],
    }
    raw = [
        name
        for name, args in commands.items()
        if CONTROL.search((result := run.cli(*args)).stdout + result.stderr)
    ]
    exported = [json.loads(line) for line in run.cli("export", "--db", db).stdout.splitlines()]
    names = {entity["name"] for record in exported for entity in record["entities"]}
    dirty = sorted(name for name in names if CONTROL.search(name))
    tusk = "Donald Tusk" in names
    ok = not raw and not dirty and tusk
    return (
        ok,
        f"raw controls printed by {raw or 'none'}; "
        f"stored names with controls {dirty or 'none'}; 'Donald Tusk' linked {tusk}",
    )


def item4(run: Run) -> tuple[bool, str]:
    result = run.cli("build", "-", "--db", "s.db", input='{"text":"A."}\noops\n{"text":"B."}\n')
    exported = run.cli("export", "--db", "s.db").stdout.splitlines()
    texts = sorted(json.loads(line)["text"] for line in exported)
    line2 = "<stdin>:2" in result.stderr
    return texts == ["A.", "B."] and line2, f"stored {texts}, line 2 reported {line2}"


def item5(run: Run, quick: bool) -> tuple[bool, str]:
    seen, ok = [], True
    long_text = "Ala ma kota, a Jan Kowalski ma psa w Krakowie. " * 24_000  # 1.13M characters
    long_file = run.file("long.txt", long_text)
    good = run.file("good5.txt", GOOD)
    try:
        started = time.monotonic()
        result = run.cli("ner", good, long_file, timeout=900)
        answers = json.loads(result.stdout) if result.stdout.strip() else []
        ok &= result.returncode == 0 and len(answers) == 2
        seen.append(
            f"ner on {len(long_text):,} chars + a good one: exit {result.returncode}, "
            f"{len(answers)} answers, {time.monotonic() - started:.0f} s"
        )
    except subprocess.TimeoutExpired:
        ok = False
        seen.append("ner on a long document timed out")
    if not quick:
        try:
            started = time.monotonic()
            result = run.cli("analyze", long_file, "--format", "text", timeout=1200)
            ok &= result.returncode == 0
            seen.append(
                f"analyze {len(long_text):,} chars: exit {result.returncode}, "
                f"{time.monotonic() - started:.0f} s"
            )
        except subprocess.TimeoutExpired:
            ok = False
            seen.append("analyze of a long document timed out (1200 s)")
    seen.append("time and memory growth: see benchmarks/long_documents.py")
    return ok, "; ".join(seen)


def item6(run: Run) -> tuple[bool, str]:
    seen, ok = [], True
    good = run.file("good6.txt", GOOD)
    for size in ("0", "-1"):
        result = run.cli("build", good, "--db", "b.db", "--batch-size", size)
        ok &= result.returncode == 2 and not traceback_in(result)
        seen.append(f"--batch-size {size}: exit {result.returncode}")
    expected = run.cli("lemmatize", input="Stanach Zjednoczonych\nPaństwach Bałtyckich\n").stdout
    for name, data in (
        ("cp1250", "Stanach Zjednoczonych\nPaństwach Bałtyckich\n".encode("cp1250")),
        ("utf-16", "Stanach Zjednoczonych\nPaństwach Bałtyckich\n".encode("utf-16")),
    ):
        result = run.cli("lemmatize", input=data)
        same = result.returncode == 0 and result.stdout == expected
        ok &= same
        seen.append(f"lemmatize {name}: same as UTF-8 {same}")
    result = run.cli("lemmatize", input=bytes(range(256)) * 4)
    clear = result.returncode == 1 and "binary" in result.stderr and not traceback_in(result)
    ok &= clear
    seen.append(f"lemmatize binary: clear error {clear}")
    damaged = run.file("damaged.db", b"SQLite format 3\x00" + b"\xff" * 4000)
    tracebacks = [
        command
        for command in ("stats", "export", "search", "entity")
        if traceback_in(
            run.cli(
                command, "--db", damaged, *(["Tusk"] if command in ("search", "entity") else [])
            )
        )
    ]
    ok &= not tracebacks
    seen.append(f"damaged db tracebacks in {tracebacks or 'none'}")
    run.cli("build", good, "--db", "locked.db")
    holder = sqlite3.connect(run.work / "locked.db", isolation_level=None, timeout=1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run.cli(
            "build",
            run.file("good6b.txt", "Nowa depesza z Rygi."),
            "--db",
            "locked.db",
            timeout=180,
        )
        named = (
            result.returncode != 0 and not traceback_in(result) and "lock" in result.stderr.lower()
        )
        seen.append(f"locked db: named error {named}")
    except subprocess.TimeoutExpired:
        named = False
        seen.append("locked db: build did not end within 180 s")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ok &= named
    return ok, "; ".join(seen)


def item7(run: Run) -> tuple[bool, str]:
    db = _hostile_db(run)
    percent = run.cli("entity", "--db", db, "%")
    underscore = run.cli("entity", "--db", db, "Tu_k")
    speaker = run.cli("quotes", "--db", db, "--speaker", "%")
    empty = run.cli("quotes", "--db", db, "--speaker", "")
    ok = (
        percent.returncode != 0
        and underscore.returncode != 0
        and "„" not in speaker.stdout
        and empty.returncode != 0
    )
    return ok, (
        f"entity '%': exit {percent.returncode}; 'Tu_k': exit {underscore.returncode}; "
        f"--speaker '%' quotes printed {'„' in speaker.stdout}; "
        f"--speaker '': exit {empty.returncode}"
    )


def item8(run: Run) -> tuple[bool, str]:
    db = _hostile_db(run)
    codes = {
        value: run.cli("quotes", "--db", db, "--since", value).returncode
        for value in ("2023-13-45", "yesterday", "2024-03")
    }
    ok = codes["2023-13-45"] == 2 and codes["yesterday"] == 2 and codes["2024-03"] == 0
    return ok, f"exit codes {codes}"


def item9(run: Run) -> tuple[bool, str]:
    seen, ok = [], True
    data = (
        b'{"text": "Pierwsza depesza."}\n'
        b'{"text": "zepsuta\x00linia"}\n'
        b'{"text": "Trzecia depesza."}\n'
    )
    result = run.cli("build", run.file("nul.jsonl", data), "--db", "nul.db")
    added = "added 2 documents" in result.stdout and "nul.jsonl:2" in result.stderr
    ok &= added
    seen.append(f"NUL in line 2: other lines stored and line 2 reported {added}")
    db = _hostile_db(run)
    exported = [json.loads(line) for line in run.cli("export", "--db", db).stdout.splitlines()]
    people = {e["name"]: e["kb"] for r in exported for e in r["entities"] if e["type"] == "person"}
    putin = any(name.startswith("Władimir Putin") for name in people)
    ok &= putin
    seen.append(f"'Wła\\u200bdimir Putin' linked as Władimir Putin {putin}")
    found = run.cli("search", "--db", db, "Władimirem")
    ok &= "Władimirem" in found.stdout
    seen.append(f"search finds the sentence {'Władimirem' in found.stdout}")
    nfd_failures = []
    for args in (
        ["entity", "--db", db, "Donald Tusk"],
        ["quotes", "--db", db, "--speaker", "Donald Tusk"],
        ["timeline", "--db", db, "Kraków"],
        ["entity", "--db", db, "Kraków"],
        ["search", "--db", db, "spotkał się"],
    ):
        nfc = run.cli(*args)
        nfd = run.cli(*[unicodedata.normalize("NFD", a) for a in args])
        if nfd.stdout != nfc.stdout or not nfc.stdout.strip():
            nfd_failures.append(args[0])
    ok &= not nfd_failures
    seen.append(f"NFD queries differing from NFC: {nfd_failures or 'none'}")
    return ok, "; ".join(seen)


def item10(run: Run) -> tuple[bool, str]:
    seen, ok = [], True
    first = run.file("a10.jsonl", json.dumps({"text": GOOD, "date": "2023-05-07"}) + "\n")
    second = run.file("b10.jsonl", json.dumps({"text": GOOD, "date": "2023-05-08"}) + "\n")
    result = run.cli("build", first, second, "--db", "dup.db")
    said = "same text" in result.stderr + result.stdout
    ok &= said
    seen.append(f"same text, other date: said {said}")
    markers = run.file(
        "markers.txt",
        "date 2023-05-07\nPierwsza depesza z Rygi.\ndate 2023-5-7\nDruga depesza z Wilna.\n"
        "date 2023-05-09\nTrzecia depesza z Tallina.\ndate yesterday\nCzwarta depesza z Kijowa.\n",
    )
    result = run.cli("build", markers, "--db", "markers.db")
    added = re.search(r"added (\d+) documents", result.stdout)
    lines = sorted(set(re.findall(r"markers\.txt:(\d+)", result.stderr)))
    exported = run.cli("export", "--db", "markers.db").stdout
    folded = "Czwarta" in exported
    good = bool(added) and added.group(1) == "2" and lines == ["3", "7"] and not folded
    ok &= good
    seen.append(
        f"markers: added {added.group(1) if added else '?'}, errors on lines {lines}, "
        f"'date yesterday' folded into the article above {folded}"
    )
    return ok, "; ".join(seen)


def item11(run: Run) -> tuple[bool, str]:
    seen, ok = [], True
    db = _hostile_db(run)
    try:
        started = time.monotonic()
        result = run.cli("search", "--db", db, *(["Tusk"] * 5000), timeout=60)
        seconds = time.monotonic() - started
        fast = seconds < 10 and not traceback_in(result)
        seen.append(f"5,000 × 'Tusk': {seconds:.1f} s, exit {result.returncode}")
    except subprocess.TimeoutExpired:
        fast = False
        seen.append("5,000 × 'Tusk' did not finish in 60 s")
    ok &= fast
    result = run.cli("build", run.file("ctl.jsonl", '{"text": "a\x01b"}\n'), "--db", "ctl.db")
    double = "at at" in result.stderr
    ok &= not double
    seen.append(f"'at at' in the JSONL error {double}")
    result = run.cli("entity", "--db", db, "Kowalski" * 1250)
    echoed = len(result.stderr)
    ok &= echoed < 400
    seen.append(f"10,000-character name echoed in a {echoed}-character message")
    return ok, "; ".join(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kronika",
        default=shutil.which("kronika") or str(Path(sys.executable).with_name("kronika")),
    )
    parser.add_argument("--quick", action="store_true", help="leave out the 1.1M-character analyze")
    parser.add_argument("--only", help="comma-separated item numbers to run (default: all)")
    args = parser.parse_args()
    items: list[tuple[int, Callable[[Run], tuple[bool, str]]]] = [
        (1, item1),
        (2, item2),
        (3, item3),
        (4, item4),
        (5, lambda run: item5(run, args.quick)),
        (6, item6),
        (7, item7),
        (8, item8),
        (9, item9),
        (10, item10),
        (11, item11),
    ]
    if args.only:
        wanted = {int(n) for n in args.only.split(",")}
        items = [(number, check) for number, check in items if number in wanted]
    passed = 0
    with tempfile.TemporaryDirectory(prefix="kronika-robustness-") as work:
        run = Run(args.kronika, Path(work))
        for number, check in items:
            started = time.monotonic()
            try:
                ok, seen = check(run)
            except subprocess.TimeoutExpired as error:
                ok, seen = False, f"timed out: {' '.join(map(str, error.cmd))[:100]}"
            except Exception as error:  # noqa: BLE001 - one broken check must not hide the rest
                ok, seen = False, f"check failed: {type(error).__name__}: {error}"
            passed += ok
            seconds = time.monotonic() - started
            print(
                f"item {number:>2}  {'PASS' if ok else 'FAIL'}  ({seconds:.0f} s)  {seen}",
                flush=True,
            )
    print(f"{passed} of {len(items)} items pass")


if __name__ == "__main__":
    main()
