"""A document's title is read with its body: its names are mentions with offsets into the title,
linked to the body's entities; the body's offsets and findings stay the body's."""

from __future__ import annotations

from pathlib import Path

import kronika
from kronika.export.bsnlp import response_lines
from kronika.ingest import Document
from kronika.model import Analysis
from kronika.pipeline import analyze_batch, analyze_document
from kronika.schema import validate_record

BODY = (
    "Prezydent Litwy Gitanas Nausėda spotkał się w czwartek w Wilnie z premierem Estonii. "
    "Nausėda powiedział, że oba kraje wspólnie kupią nowe systemy obrony powietrznej."
)
TITLE = "Nausėda: Litwa i Estonia kupią razem systemy obrony"


def _document(title: str | None, text: str = BODY) -> Document:
    return Document.create(text, source="litwa.jsonl", date="2023-03-09", title=title)


def test_the_names_of_a_title_index_the_title_and_share_the_bodys_entities(nlp) -> None:
    analysis = analyze_document(_document(TITLE), nlp)
    record = analysis.to_json()
    validate_record(record)
    found = {m.text: m for m in analysis.title_mentions}
    assert {"Nausėda", "Litwa", "Estonia"} <= set(found)
    for mention in analysis.title_mentions:
        assert TITLE[mention.start : mention.end] == mention.text
    for mention in analysis.mentions:
        assert BODY[mention.start : mention.end] == mention.text
    # the surname of the headline is the person the body names in full
    full = next(m for m in analysis.mentions if m.text == "Gitanas Nausėda")
    assert found["Nausėda"].entity == full.entity is not None
    estonia = next(m for m in analysis.mentions if m.text == "Estonii")
    assert found["Estonia"].entity == estonia.entity
    assert Analysis.from_json(record) == analysis


def test_a_title_adds_names_and_leaves_the_bodys_findings_as_they_were(nlp) -> None:
    plain = analyze_document(_document(None), nlp)
    titled = analyze_document(_document(TITLE), nlp)
    assert plain.title_mentions == ()
    assert titled.sentences == plain.sentences
    assert titled.sentence_lemmas == plain.sentence_lemmas
    assert [(m.start, m.end, m.entity) for m in titled.mentions] == [
        (m.start, m.end, m.entity) for m in plain.mentions
    ]
    assert titled.timexes == plain.timexes
    assert titled.quotes == plain.quotes
    assert titled.relations == plain.relations
    assert [(e.type, e.trigger_start, e.time) for e in titled.events] == [
        (e.type, e.trigger_start, e.time) for e in plain.events
    ]


def test_a_headline_states_nothing_of_its_own_but_names(nlp) -> None:
    title = "Szczyt NATO w Wilnie. Stoltenberg: Ukraina będzie członkiem Sojuszu"
    body = "Szczyt NATO w Wilnie rozpoczął się we wtorek 11 lipca 2023 roku."
    plain = analyze_document(_document(None, body), nlp)
    titled = analyze_document(_document(title, body), nlp)
    assert "Stoltenberg" in {m.text for m in titled.title_mentions}
    # the headline's quotation and membership are not the body's; its summit is the body's
    assert titled.quotes == plain.quotes == ()
    assert titled.relations == plain.relations
    summits = [e for e in titled.events if e.type == "summit"]
    assert [(e.trigger_start, e.time) for e in summits] == [(0, "2023-07-11")]
    assert [e for e in plain.events if e.type == "summit"] == summits


def test_a_batch_reads_each_title_with_its_body(nlp) -> None:
    documents = [_document(TITLE), _document(None), _document("   ")]
    batch = analyze_batch(documents, nlp)
    assert batch == [analyze_document(document, nlp) for document in documents]
    assert batch[0].title_mentions and not batch[1].title_mentions
    assert not batch[2].title_mentions


def test_a_stored_title_keeps_its_names_and_lists_its_entities(nlp, tmp_path: Path) -> None:
    title = "Łotwa: Nausėda i Karin pomogą"
    body = "Gitanas Nausėda przyjechał do Rygi."
    analysis = analyze_document(_document(title, body), nlp)
    latvia = next(m.entity for m in analysis.title_mentions if m.text == "Łotwa")
    assert latvia not in {m.entity for m in analysis.mentions}
    path = tmp_path / "kronika.db"
    with kronika.open_db(path, readonly=False) as store:
        store.add([analysis])
    with kronika.open_db(path) as store:
        record = store.record(analysis.id)
        assert Analysis.from_json(record).to_json() == analysis.to_json()
        # the entity only the title names is the document's: its page lists the document
        listed = store.db.execute(
            "SELECT doc_id FROM entity_documents WHERE entity_id = ?", (latvia,)
        ).fetchall()
        assert listed == [(analysis.id,)]


def test_the_bsnlp_response_names_the_title_too(nlp) -> None:
    title = "Łotwa wspiera Litwę"
    analysis = analyze_document(_document(title, "Gitanas Nausėda przyjechał do Rygi."), nlp)
    forms = {line.split("\t")[0] for line in list(response_lines(analysis))[1:]}
    assert {"Łotwa", "Litwę", "Gitanas Nausėda"} <= forms
