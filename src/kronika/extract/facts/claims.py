"""``mark_claims``: facts whose evidence lies inside a quotation are claims, not assertions."""

from __future__ import annotations


def mark_claims(items: list[dict], quotes: list[dict]) -> list[dict]:
    """Set on each fact/relation "claim": True and "quote_index": i when its evidence span lies
    inside quotes[i]'s span (the article reports someone saying it), else "claim": False and
    "quote_index": None. Items are updated in place and returned."""
    for item in items:
        index: int | None = None
        for i, quote in enumerate(quotes):
            if quote["start"] <= item["start"] and item["end"] <= quote["end"]:
                index = i
                break
        item["claim"] = index is not None
        item["quote_index"] = index
    return items
