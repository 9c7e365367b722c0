"""The typed contract objects and their JSON: a record read and written back is unchanged."""

from __future__ import annotations

import dataclasses

import pytest

from kronika.model import (
    Analysis,
    DateRange,
    Entity,
    Fact,
    Mention,
    Relation,
    Span,
    Statement,
    Timex,
)


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
