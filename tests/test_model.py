"""The typed contract objects and their JSON: a record read and written back is unchanged."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from kronika.ingest import read_sources
from kronika.model import (
    Analysis,
    DateRange,
    Entity,
    Event,
    Fact,
    Mention,
    Relation,
    Span,
    Statement,
    Timex,
)
from kronika.pipeline import analyze_document
from kronika.schema import validate_record


def _analysis() -> Analysis:
    return Analysis(
        id="0123456789abcdef",
        source="przyklad.txt",
        date="2021-10",
        date_source="marker",
        date_range=DateRange("2021-09", "2021-10"),
        text="Białoruś jest członkiem OUBZ.",
        sentences=(Span(0, 29),),
        entities=(Entity("e1", "Białoruś", "country", "Q184", ("Białorusi",)),),
        mentions=(
            Mention(0, 8, "Białoruś", "Białoruś", "country", "placeName_country", entity="e1"),
        ),
        relations=(Relation("e1", "member_of", "e2", 0, 28, status="current", time="2021-10"),),
        facts=(Fact("poll", 0, 5, statements=(Statement(47, "percent", "za"),)),),
        sentence_lemmas=("Białoruś być członek OUBZ",),
    )


def test_json_round_trip_keeps_every_field() -> None:
    analysis = _analysis()
    record = analysis.to_json()
    assert record["date_range"] == {"from": "2021-09", "to": "2021-10"}
    assert record["entities"][0]["aliases"] == ["Białorusi"]
    assert record["facts"][0]["statements"][0]["share"] == 47
    assert "sentence_lemmas" not in record
    again = Analysis.from_json(record)
    assert again == analysis
    assert again.to_json() == record


def test_optional_fields_are_left_out_when_empty() -> None:
    assert "end_value" not in Timex(0, 4, "2021", "DATE", "2021").to_json()
    ranged = Timex(0, 9, "2004-2007", "DATE", "2004", end_value="2007")
    assert ranged.to_json()["end_value"] == "2007"


def test_objects_are_frozen() -> None:
    mention = _analysis().mentions[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.entity = "e9"  # type: ignore[misc]
    assert dataclasses.replace(mention, entity="e9").entity == "e9"


def _event() -> Event:
    return Event(
        id="v1",
        type="summit",
        start=0,
        end=28,
        trigger="szczyt",
        trigger_start=0,
        trigger_end=6,
        status="planned",
        place="e1",
        participants=("e1", "e2"),
    )


def test_the_schema_knows_the_new_relation_and_event_fields() -> None:
    record = dataclasses.replace(_analysis(), events=(_event(),)).to_json()
    validate_record(record)
    assert record["relations"][0]["status"] == "current"
    assert record["events"][0]["trigger"] == "szczyt"
    for key, field_name, wrong in [
        ("relations", "status", "ended"),
        ("events", "status", "done"),
        ("events", "type", "party"),
    ]:
        broken = copy.deepcopy(record)
        broken[key][0][field_name] = wrong
        with pytest.raises(jsonschema.ValidationError):
            validate_record(broken)


def test_real_output_follows_the_schema_and_reads_back_the_same(nlp, examples_dir: Path) -> None:
    documents = [item for item in read_sources([examples_dir]) if not isinstance(item, Exception)]
    relations = 0
    for document in documents:
        analysis = analyze_document(document, nlp)
        record = analysis.to_json()
        validate_record(record)
        assert json.loads(json.dumps(record)) == record  # JSON-ready as it is
        again = Analysis.from_json(record)
        assert again == analysis and again.to_json() == record
        relations += len(analysis.relations)
        assert all(r.status == "current" and r.valid_from is None for r in analysis.relations)
    assert relations  # the examples state memberships and roles
