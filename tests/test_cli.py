from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from kronika.cli import main
from kronika.schema import validate_record

README = Path(__file__).resolve().parent.parent / "README.md"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_analyze_jsonl_prints_valid_records(examples_dir: Path) -> None:
    result = run("analyze", str(examples_dir / "02_eaeu_astana.txt"), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    validate_record(record)
    assert record["date"] == "2023-11" and record["date_source"] == "marker"
    assert record["text"].startswith("Przedstawiciele")


def test_analyze_reads_stdin() -> None:
    result = run("analyze", "-", "--format", "text", input="Delegacja NATO odwiedziła Wilno.\n")
    assert result.exit_code == 0
    assert "organization NATO Q7184" in re.sub(r" +", " ", result.output)


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "Premier Litwy odwiedził Rygę."}\n{"text": \n{"id": 3}\n', encoding="utf-8"
    )
    (tmp_path / "good.txt").write_text("Prezydent Polski przyjechał do Kijowa.", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["text"] for r in records} == {
        "Premier Litwy odwiedził Rygę.",
        "Prezydent Polski przyjechał do Kijowa.",
    }
    errors = result.stderr
    assert "empty.txt" in errors and "binary.txt" in errors
    assert "lines.jsonl:2" in errors and "lines.jsonl:3" in errors


def test_build_search_entity_stats_export(tmp_path: Path, examples_dir: Path) -> None:
    db = str(tmp_path / "news.db")
    built = run("build", str(examples_dir), "--db", db)
    assert built.exit_code == 0
    assert re.search(r"added \d+ documents, skipped 0", built.output)
    again = run("build", str(examples_dir), "--db", db)
    assert "added 0 documents" in again.output

    found = run("search", "--db", db, "Cichanouska")
    assert found.exit_code == 0 and "Cichanousk" in found.output

    entity = run("entity", "--db", db, "Putina")
    assert entity.exit_code == 0
    assert entity.output.startswith("Władimir Putin (person")
    assert "mentions in" in entity.output

    stats = run("stats", "--db", db)
    assert re.search(r"documents\s+1\d", stats.output)

    exported = run("export", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in exported.output.splitlines()]
    assert len(records) >= 10
    for record in records:
        validate_record(record)


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no such database" in result.output and "kronika build" in result.output


def test_every_command_has_help_and_is_documented() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, name
        assert f"kronika {name}" in readme, f"README does not document `kronika {name}`"


def test_quotes_and_timeline(tmp_path: Path) -> None:
    article = tmp_path / "wywiad.txt"
    article.write_text(
        "date 2024-02-20\n"
        "Prezydent Litwy Gitanas Nausėda spotkał się w Wilnie z Swiatłaną Cichanouską. "
        "W poniedziałek rozmawiali o sankcjach wobec Białorusi.\n\n"
        "– Litwa nie zostawi Białorusinów samych – mówi Nausėda.\n\n"
        "Cichanouska podkreśliła, że opozycja potrzebuje wsparcia NATO.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "news.db")
    assert run("build", str(article), "--db", db).exit_code == 0

    by_speaker = run("quotes", "--db", db, "--speaker", "Nausėdy")
    assert by_speaker.exit_code == 0
    assert "Litwa nie zostawi Białorusinów samych" in by_speaker.output
    assert "opozycja potrzebuje" not in by_speaker.output
    assert by_speaker.output.startswith("2024-02-20")

    about = run("quotes", "--db", db, "--about", "NATO")
    assert "opozycja potrzebuje wsparcia NATO" in about.output
    assert "Litwa nie zostawi" not in about.output
    assert "no quotations found" in run("quotes", "--db", db, "--since", "2025").output

    timeline = run("timeline", "--db", db, "Białoruś")
    assert timeline.exit_code == 0
    assert "2024-02-19" in timeline.output and "W poniedziałek" in timeline.output


def test_lemmatize_prints_one_nominative_per_line() -> None:
    result = run(
        "lemmatize",
        input=(
            "Wspólnoty Niepodległych Państw\norganizacji\n"
            "Stanach Zjednoczonych\tplaceName_country\n"
        ),
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Wspólnota Niepodległych Państw",
        "organizacja",
        "Stany Zjednoczone",
    ]


def test_ner_writes_poleval_answers(tmp_path: Path) -> None:
    lines = tmp_path / "lines.jsonl"
    text = "Aleksander Łukaszenko spotkał się w Moskwie z Władimirem Putinem."
    lines.write_text(
        json.dumps({"id": "art-7", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    result = run("ner", str(lines), "--format", "poleval")
    assert result.exit_code == 0
    (item,) = json.loads(result.output)
    assert item["id"] == "art-7"
    found = {}
    for line in item["answers"].splitlines():
        annotation, surface = line.split("\t")  # PolEval's `category start end<TAB>text`
        label, start, end = annotation.split()
        assert text[int(start) : int(end)] == surface
        found[surface] = label
    assert found["Aleksander Łukaszenko"] == "persName"
    assert found["Władimirem Putinem"] == "persName"
