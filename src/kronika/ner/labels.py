"""The NKJP named-entity labels and how they map to kronika's entity types."""

from __future__ import annotations

#: NKJP labels that are temporal expressions, handled by the timex extractor, not as mentions.
TEMPORAL_LABELS = frozenset({"date", "time"})

ENTITY_TYPES = ("person", "organization", "country", "place", "event", "other")


def entity_type(label: str) -> str:
    """Contract entity type of an NKJP label such as ``placeName_country``, or of kronika's own
    ``eventName`` and ``productName`` (NKJP has no label for events and products)."""
    if label.startswith("persName"):
        return "person"
    if label.startswith("orgName") or label == "placeName_bloc":
        return "organization"
    if label == "placeName_country":
        return "country"
    if label.startswith(("placeName", "geogName")):
        return "place"
    if label == "eventName":
        return "event"
    return "other"
