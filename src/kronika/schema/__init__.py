"""The output contract as a JSON Schema, and a validator for records."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # ships no types; no stubs in our deps

CONTRACT_SCHEMA = "contract-v1.schema.json"


@lru_cache(maxsize=1)
def contract_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        resources.files(__name__).joinpath(CONTRACT_SCHEMA).read_text("utf-8")
    )
    return schema


def validate_record(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``record`` follows contract v1, and
    ``ValueError`` if an offset does not point at the text it claims."""
    jsonschema.validate(record, contract_schema())
    text = record["text"]
    for key in ("mentions", "timexes", "quotes"):
        for item in record[key]:
            if not 0 <= item["start"] <= item["end"] <= len(text):
                raise ValueError(f"{key} offsets {item['start']}:{item['end']} outside the text")
            if "text" in item and text[item["start"] : item["end"]] != item["text"]:
                raise ValueError(
                    f"{key} text {item['text']!r} differs from the text at its offsets"
                )
    entity_ids = {entity["id"] for entity in record["entities"]}
    for mention in record["mentions"]:
        if mention["entity"] is not None and mention["entity"] not in entity_ids:
            raise ValueError(f"mention {mention['text']!r} points at an unknown entity")
