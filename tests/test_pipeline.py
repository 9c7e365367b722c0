from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import kronika
from kronika.ingest import read_sources
from kronika.pipeline import GC_THRESHOLD, analyze_document, analyze_many
from kronika.schema import validate_record

ARTICLE = (
    "Aleksander Łukaszenko spotkał się w Moskwie z Władimirem Putinem. "
    "Według Kremla rozmowa dotyczyła m.in. integracji w ramach Euroazjatyckiej Unii Gospodarczej. "
    "Łukaszence zależy na kredytach, a Putinowi na bazach wojskowych. "
    "Opozycja z Wilna skrytykowała Łukaszenkę za uległość wobec Rosji."
)


def _entity_by_name(record: dict, name: str) -> dict:
    matches = [e for e in record["entities"] if e["name"] == name]
    assert matches, f"{name} not among {[e['name'] for e in record['entities']]}"
    return matches[0]


def test_inflected_names_become_one_entity(nlp) -> None:
    record = kronika.analyze(ARTICLE, nlp=nlp).to_json()
    validate_record(record)
    lukaszenko = _entity_by_name(record, "Aleksander Łukaszenko")
    assert lukaszenko["type"] == "person"
    texts = {m["text"] for m in record["mentions"] if m["entity"] == lukaszenko["id"]}
    assert {"Aleksander Łukaszenko", "Łukaszence", "Łukaszenkę"} <= texts
    putin = _entity_by_name(record, "Władimir Putin")
    assert {"Władimirem Putinem", "Putinowi"} <= set(putin["aliases"])
    eaeu = _entity_by_name(record, "Euroazjatycka Unia Gospodarcza")
    assert eaeu["type"] == "organization"
    assert _entity_by_name(record, "Rosja")["type"] == "country"


def test_mention_offsets_point_at_their_text(nlp) -> None:
    record = kronika.analyze(ARTICLE, nlp=nlp).to_json()
    for mention in record["mentions"]:
        assert ARTICLE[mention["start"] : mention["end"]] == mention["text"]
    assert [ARTICLE[s["start"] : s["end"]][:12] for s in record["sentences"]] == [
        "Aleksander Ł",
        "Według Kreml",
        "Łukaszence z",
        "Opozycja z W",
    ]


def test_knowledge_base_links_acronyms_and_full_names(nlp) -> None:
    text = (
        "Delegacja NATO przyjechała do Brukseli. Sojusz Północnoatlantycki zaprosił gości z WNP, "
        "a przedstawiciele Wspólnoty Niepodległych Państw odmówili."
    )
    record = kronika.analyze(text, nlp=nlp).to_json()
    nato = _entity_by_name(record, "NATO")
    assert nato["kb"] == "Q7184"
    assert "Sojusz Północnoatlantycki" in nato["aliases"]
    cis = _entity_by_name(record, "Wspólnota Niepodległych Państw")
    assert cis["kb"] == "Q7779"
    assert {"WNP", "Wspólnoty Niepodległych Państw"} <= set(cis["aliases"])


def test_every_example_gives_a_valid_record(nlp, examples_dir: Path) -> None:
    documents = [item for item in read_sources([examples_dir]) if not isinstance(item, Exception)]
    assert len(documents) >= 8
    for document in documents:
        record = analyze_document(document, nlp).record
        validate_record(record)
        assert record["mentions"], document.source


def test_marker_dates_reach_the_record(nlp, tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(" date 2023-07 Władze w Mińsku milczą.\n", encoding="utf-8")
    (document,) = read_sources([path])
    record = analyze_document(document, nlp).record
    assert record["date"] == "2023-07"
    assert record["date_source"] == "marker"
    assert record["text"].startswith("Władze")


def test_analysis_is_deterministic_and_the_same_with_workers(examples_dir: Path) -> None:
    documents = [d for d in read_sources([examples_dir]) if not isinstance(d, Exception)]
    one = [json.dumps(a.record, sort_keys=True) for a in analyze_many(documents, workers=1)]
    again = [json.dumps(a.record, sort_keys=True) for a in analyze_many(documents, workers=1)]
    two = [json.dumps(a.record, sort_keys=True) for a in analyze_many(documents, workers=2)]
    assert one == again == two


@pytest.mark.parametrize("text", ["", "   ", "!!!", "12 34"])
def test_texts_without_names(nlp, text: str) -> None:
    record = kronika.analyze(text, nlp=nlp).to_json()
    validate_record(record)
    assert record["mentions"] == [] and record["entities"] == []


def test_derived_words_link_to_their_country(nlp) -> None:
    record = kronika.analyze(
        "Białorusini poparli białoruską opozycję, a rosyjskie media milczały.", nlp=nlp
    ).to_json()
    derived = {m["text"]: m for m in record["mentions"] if m["derived"]}
    assert set(derived) == {"Białorusini", "białoruską", "rosyjskie"}
    names = {e["id"]: e for e in record["entities"]}
    assert names[derived["Białorusini"]["entity"]]["name"] == "Białoruś"
    assert names[derived["białoruską"]["entity"]]["kb"] == "Q184"
    assert names[derived["rosyjskie"]["entity"]]["name"] == "Rosja"
    assert names[derived["Białorusini"]["entity"]]["aliases"] == []


def test_a_document_that_breaks_analysis_is_reported_and_skipped(monkeypatch, tmp_path) -> None:
    from kronika import pipeline

    real = pipeline.analyze_document

    def fragile(document, nlp, doc=None):
        if "awaria" in document.text:
            raise RuntimeError("simulated extractor bug")
        return real(document, nlp, doc)

    monkeypatch.setattr(pipeline, "analyze_document", fragile)
    (tmp_path / "a.txt").write_text("Tu jest awaria.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Delegacja NATO przyjechała.", encoding="utf-8")
    report = kronika.build([tmp_path], tmp_path / "news.db")
    assert report.added == 1
    (error,) = report.errors
    assert "a.txt" in str(error) and "simulated extractor bug" in str(error)


def test_short_names_stand_for_the_bloc_named_in_full(nlp) -> None:
    record = kronika.analyze(
        "Delegacja NATO przyjechała do Wilna, a przywódcy WNP milczeli. Stolica zaprosiła "
        "przedstawicieli Sojuszu i Wspólnoty na rozmowy.",
        nlp=nlp,
    ).to_json()
    names = {e["id"]: e["name"] for e in record["entities"]}
    linked = {m["text"]: names.get(m["entity"]) for m in record["mentions"]}
    assert linked["Sojuszu"] == "NATO"
    assert linked["Wspólnoty"] == "Wspólnota Niepodległych Państw"
    alone = kronika.analyze("Przedstawiciele Wspólnoty odmówili komentarza.", nlp=nlp).to_json()
    assert all(e["kb"] is None for e in alone["entities"])


def test_an_undated_article_gets_a_date_from_its_evidence(nlp) -> None:
    text = (
        "W sierpniu podczas ćwiczeń „Tarcza 2019” prezydent zapowiedział nowe inwestycje. "
        "Umowa ma zostać podpisana 12 października w Mińsku."
    )
    record = kronika.analyze(text, nlp=nlp).to_json()
    validate_record(record)
    assert record["date"] == "2019" and record["date_source"] == "inferred"
    assert record["date_precision"] == "year"
    assert record["date_range"] == {"from": "2019-08", "to": "2019-10-12"}
    values = {t["text"]: t["value"] for t in record["timexes"]}
    assert values["W sierpniu"] == "2019-08"
    assert values["12 października"] == "2019-10-12"


def test_the_collector_is_given_back_as_it_was_after_a_run(examples_dir: Path) -> None:
    before = gc.get_threshold()
    documents = [d for d in read_sources([str(examples_dir)]) if not isinstance(d, Exception)]
    results = analyze_many(documents[:1])
    next(results)
    assert gc.get_threshold()[0] == GC_THRESHOLD and gc.get_freeze_count() > 0
    list(results)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
