"""``mark_claims``: facts whose evidence lies inside a quotation are claims, not assertions."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any


def mark_claims(items: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set on each fact/relation "claim": True and "quote_index": i when its evidence span lies
    inside quotes[i]'s span (the article reports someone saying it), else "claim": False and
    "quote_index": None. Items are updated in place and returned."""
    # quotations by start, so that each item looks only at those that may contain it
    order = sorted(range(len(quotes)), key=lambda i: quotes[i]["start"])
    starts = [quotes[i]["start"] for i in order]
    longest = max((q["end"] - q["start"] for q in quotes), default=0)
    for item in items:
        index: int | None = None
        k = bisect_right(starts, item["start"])
        while k > 0:
            k -= 1
            quote = quotes[order[k]]
            if quote["start"] < item["end"] - longest:
                break
            if quote["start"] <= item["start"] and item["end"] <= quote["end"]:
                index = order[k] if index is None else min(index, order[k])
        item["claim"] = index is not None
        item["quote_index"] = index
    return items
