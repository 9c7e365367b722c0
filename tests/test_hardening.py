"""Regression tests for issue 19: hostile but fair input, workers that fail, terminal safety."""

from __future__ import annotations

import json
import os
import pickle
import re
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kronika import api, pipeline
from kronika.cli import main
from kronika.errors import AnalysisError, InputError, KronikaError, ModelError, StoreError
from kronika.ingest import Document, read_sources, read_text
from kronika.ingest.jsonl import parse_line

KRONIKA = str(Path(sys.executable).with_name("kronika"))

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


def _interruptible_child() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_workers(pid: int, count: int, timeout: float = 90) -> None:
    """Until the process has ``count`` children (its pool's workers): on a loaded machine its
    start alone can take longer than any fixed wait, and a signal before it tests nothing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = [
            child
            for task in Path(f"/proc/{pid}/task").glob("*")
            for child in (task / "children").read_text().split()
        ]
        if len(children) >= count:
            return
        time.sleep(0.2)
    pytest.fail(f"the build started no {count} workers within {timeout} s")


def test_interrupting_a_build_with_workers_ends_it_promptly(tmp_path: Path) -> None:
    texts = tmp_path / "many.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for n in range(5000):  # far more than a build can do in the seconds before the signal
            line = (
                f"Wiadomość numer {n}: premier Litwy odwiedził Rygę w dniu {n % 28 + 1} maja. " * 4
            )
            out.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
    for sig in (signal.SIGINT, signal.SIGTERM):
        process = subprocess.Popen(
            [KRONIKA, "build", str(texts), "--db", str(tmp_path / f"{sig}.db"), "--workers", "2"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            # a run started from a background job inherits SIGINT ignored; a user's Ctrl-C is not
            preexec_fn=_interruptible_child,
        )
        _wait_for_workers(process.pid, 2)
        time.sleep(1)  # the workers are busy
        process.send_signal(sig)
        try:
            _out, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"build did not end within 20 s of {sig!r}")
        assert process.returncode != 0
        assert b"interrupted" in err
        time.sleep(1)
        with pytest.raises(ProcessLookupError):  # no worker left behind
            os.killpg(process.pid, 0)


# --- item 3 and 9: what the input holds never drives the terminal or splits names ------------

HOSTILE = (
    "date 2024-03-05\n"
    "Premier \x1b]52;c;SGFsbG8=\x07Donald Tusk spotkał się w Warszawie z Wła\u200bdimirem "
    "Zełe\u00adnskim.\x1b[2J\x08\x08\x08 Rozmowa dotyczyła pomocy dla Ukrainy."
    " W poniedziałek premier odwiedził Kraków.\n\n"
    "– Polska pomoże Ukrainie \x1b]0;tytuł\x07– powiedział Donald Tusk.\n\n"
    # enough ordinary text that the escapes are stray characters, not a binary file (under 1%)
    + "Rozmowy trwały kilka godzin i dotyczyły także wspólnych inwestycji w energetykę. "
    * 14
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "wrogi\x1b]0;plik\x07.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "news.db"
    result = run("build", str(folder), "--db", str(db))
    assert result.exit_code == 0, result.stdout
    return db


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_ingest_replaces_controls_and_removes_invisible_characters() -> None:
    (document,) = read_text(HOSTILE)
    assert not CONTROL.search(document.text)
    assert "Władimirem Zełenskim" in document.text
    assert "Donald Tusk" in document.text
    # the stored text is the normalized text: offsets index it
    assert read_text("A\x1bB\u200bC\u00adD e\u0301")[0].text == "A BCD é"


def test_hostile_names_link_as_the_names(hostile_db: Path) -> None:
    with api.open_db(hostile_db) as store:
        (record,) = store.export()
    names = {entity["name"] for entity in record["entities"]}
    assert "Donald Tusk" in names
    assert not any(CONTROL.search(name) for name in names)
    assert not any("\u200b" in name or "\u00ad" in name for name in names)
    people = [e for e in record["entities"] if e["type"] == "person"]
    assert any(e["name"].startswith("Władimir") for e in people), people


@pytest.mark.parametrize(
    "args",
    [
        ("search", "Tusk"),
        ("entity", "Donald Tusk"),
        ("quotes",),
        ("timeline", "Donald Tusk"),
        ("stats",),
        ("export",),
    ],
    ids=lambda args: args[0],
)
def test_no_command_prints_control_characters(hostile_db: Path, args: tuple[str, ...]) -> None:
    result = run(args[0], "--db", str(hostile_db), *args[1:])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.strip()
    assert not CONTROL.search(result.stdout + result.stderr)


def test_analyze_text_and_error_messages_print_no_control_characters(tmp_path: Path) -> None:
    raw = tmp_path / "surowy\x1b[2J.txt"
    # written raw (not through ingest): a C1 CSI and an OSC in the file name and text
    text = "Premier \x9b2J Donald Tusk \x1b]0;x\x07przyjechał do Wilna. " + "Było zimno. " * 40
    raw.write_text(text, encoding="utf-8")
    analyzed = run("analyze", str(raw), "--format", "text")
    jsonl = run("analyze", str(raw), "--format", "jsonl")
    missing = run("stats", "--db", str(tmp_path / "brak\x1b]52;c;eA==\x07.db"))
    for result in (analyzed, jsonl, missing):
        assert not CONTROL.search(result.stdout + result.stderr), repr(result.stdout)
    assert "Donald Tusk" in analyzed.stdout
    assert "\\x1b" in missing.stderr  # shown, escaped


def test_zero_width_characters_do_not_hide_sentences_from_search(hostile_db: Path) -> None:
    result = run("search", "--db", str(hostile_db), "Zełenskim")
    assert "Zełenskim" in result.stdout


def test_nfd_queries_find_what_nfc_queries_find(hostile_db: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Tusk spotkał się")
    assert nfd != "Tusk spotkał się"
    name = unicodedata.normalize("NFD", "Władimir Zełenski")
    with api.open_db(hostile_db) as store:
        assert api.find_entities(store, name) == api.find_entities(store, "Władimir Zełenski")
        assert api.search(store, nfd) and api.search(store, nfd) == api.search(
            store, "Tusk spotkał"
        )
        speaker = unicodedata.normalize("NFD", "Donalda Tuska")
        assert api.quotes(store, speaker=speaker) == api.quotes(store, speaker="Donalda Tuska")
        assert api.quotes(store, speaker="Donalda Tuska")
        place = unicodedata.normalize("NFD", "Kraków")
        assert place != "Kraków"
        assert api.timeline(store, "Kraków")
        assert api.timeline(store, place) == api.timeline(store, "Kraków")
        assert api.find_entities(store, place) == api.find_entities(store, "Kraków")


# --- item 4: one bad stdin line ------------------------------------------------------------------


def test_stdin_jsonl_with_one_bad_line_keeps_the_others(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = run("build", "-", "--db", str(db), input='{"text":"A."}\noops\n{"text":"B."}\n')
    assert result.exit_code == 1
    assert "<stdin>:2: malformed JSON" in result.stderr
    assert _stored_texts(db) == {"A.", "B."}


# --- item 5: documents up to the documented limit -----------------------------------------------


def test_a_document_longer_than_spacys_max_length_is_analysed(nlp) -> None:
    before = nlp.max_length
    try:
        nlp.max_length = 40  # stands for spaCy's 1,000,000 against the 2,000,000 of --max-chars
        (result,) = pipeline.analyze_batch([Document.create(GOOD[2], source="a.txt")], nlp)
    finally:
        nlp.max_length = max(before, nlp.max_length)
    assert not isinstance(result, AnalysisError), result
    assert result.record["text"] == GOOD[2]


def test_ner_reports_a_failing_document_and_prints_the_others(tmp_path: Path, monkeypatch) -> None:
    real_load = api.load_pipeline

    def fragile_load(ner: str = "auto"):
        nlp = real_load(ner)

        class Fragile:
            max_length = nlp.max_length

            def __call__(self, text: str):
                if "ZEPSUTY" in text:
                    raise ValueError("[E088] Text of length 1500000 exceeds maximum")
                return nlp(text)

        return Fragile()

    monkeypatch.setattr(api, "load_pipeline", fragile_load)
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(GOOD[1], encoding="utf-8")
    bad.write_text("ZEPSUTY tekst o Warszawie.", encoding="utf-8")
    result = run("ner", str(bad), str(good))
    assert result.exit_code == 1
    assert "b.txt" in result.stderr and "analysis failed" in result.stderr
    answers = json.loads(result.stdout)
    assert len(answers) == 1 and "placeName" in answers[0]["answers"]


# --- items 6 and 8: usage errors, not tracebacks or silence ------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("build", "x.txt", "--db", "x.db", "--batch-size", "0"),
        ("build", "x.txt", "--db", "x.db", "--batch-size", "-1"),
        ("build", "x.txt", "--db", "x.db", "--workers", "0"),
        ("quotes", "--db", "x.db", "--since", "2023-13-45"),
        ("quotes", "--db", "x.db", "--since", "yesterday"),
        ("quotes", "--db", "x.db", "--since", "2023-02-29"),
    ],
    ids=lambda args: " ".join(args[-2:]),
)
def test_bad_option_values_are_usage_errors(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert "Invalid value" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("since", ["2023", "2023-11", "2024-02-29"])
def test_valid_dates_are_accepted(hostile_db: Path, since: str) -> None:
    assert run("quotes", "--db", str(hostile_db), "--since", since).exit_code == 0


@pytest.mark.parametrize(
    "data",
    [
        "Stanach Zjednoczonych\n".encode("cp1250"),
        "Państwach Bałtyckich\n".encode("cp1250"),
        "Stanach Zjednoczonych\n".encode("utf-16"),
    ],
    ids=["cp1250", "cp1250-polish-letters", "utf-16"],
)
def test_lemmatize_reads_input_as_every_other_command(data: bytes) -> None:
    expected = run("lemmatize", input=data.decode("cp1250" if b"\x00" not in data else "utf-16"))
    result = run("lemmatize", input=data)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout and result.stdout.strip()
    assert "\ufeff" not in result.stdout


def test_lemmatize_rejects_binary_input_clearly() -> None:
    result = run("lemmatize", input=bytes(range(256)) * 4)
    assert result.exit_code == 1
    assert "looks like a binary file" in result.stderr


# --- item 10: nothing is merged or dropped without a word --------------------------------------


def test_the_same_text_read_twice_is_reported(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"text": GOOD[0], "date": "2023-05-07", "id": 1}) + "\n")
    second.write_text(json.dumps({"text": GOOD[0], "date": "2023-05-08", "id": 2}) + "\n")
    report = api.build([first, second], tmp_path / "x.db", ner="rules")
    assert report.added == 1
    (message,) = report.duplicates
    assert "b.jsonl: skipped: same text as document" in message and "a.jsonl" in message
    assert "date 2023-05-08 instead of 2023-05-07" in message
    result = run("build", str(first), str(second), "--db", str(tmp_path / "y.db"))
    assert "skipped 1 with the same text as another input" in result.stdout
    assert "skipped: same text as document" in result.stderr


def test_a_bad_date_marker_costs_its_own_article_only(tmp_path: Path) -> None:
    path = tmp_path / "depesze.txt"
    path.write_text(
        "date 2023-05-07\nPierwsza depesza z Rygi.\n"
        "date 2023-5-7\nDruga depesza z Wilna.\n"
        "date 2023-05-09\nTrzecia depesza z Tallina.\n"
        "date yesterday\nCzwarta depesza z Kijowa.\n"
        "date 2023-05-10\nPiąta depesza z Mińska.\n",
        encoding="utf-8",
    )
    results = list(read_sources([path]))
    documents = [(r.date, r.text) for r in results if isinstance(r, Document)]
    assert documents == [
        ("2023-05-07", "Pierwsza depesza z Rygi."),
        ("2023-05-09", "Trzecia depesza z Tallina."),
        ("2023-05-10", "Piąta depesza z Mińska."),
    ]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [(e.line, "invalid date" in e.reason) for e in errors] == [(3, True), (7, True)]
    assert "'yesterday'" in str(errors[1])


# --- item 11: messages ----------------------------------------------------------------------------


def test_jsonl_control_character_message_says_at_once() -> None:
    error = parse_line('{"text": "a\x01b"}', source="a.jsonl", line_no=1, max_chars=100)
    assert isinstance(error, InputError)
    assert "at at" not in str(error) and "Invalid control character at column" in str(error)


def test_echoed_input_is_shortened(hostile_db: Path) -> None:
    name = "Kowalski" * 1250
    result = run("entity", "--db", str(hostile_db), name)
    assert result.exit_code == 1
    assert len(result.stderr) < 400 and "…" in result.stderr
    (error,) = [r for r in read_text_errors(f"date {'9' * 5000}\nTekst.\n")]
    assert len(str(error)) < 400


def read_text_errors(text: str) -> list[InputError]:
    from kronika.ingest.text import parse_text

    return [
        r for r in parse_text(text, source="a.txt", max_chars=1000) if isinstance(r, InputError)
    ]


# --- issue 12: the CLI starts without the pipeline ---------------------------------------------


def test_importing_the_cli_does_not_import_spacy() -> None:
    code = (
        "import sys, kronika.cli, kronika\n"
        "heavy = [m for m in ('spacy', 'kronika.api', 'kronika.pipeline', 'kronika.store')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
