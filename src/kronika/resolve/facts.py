"""Poll facts and relations joined to the graph: entities at their offsets, time, claims."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kronika.extract.facts import mark_claims
from kronika.extract.time import governing_time
from kronika.resolve.entities import entity_at


def _timed(
    item: dict[str, Any],
    sentences: Sequence[dict[str, int]],
    timexes: Sequence[dict[str, Any]],
    document_date: str | None,
) -> None:
    """Keep a time the extractor found in the text; else the governing timex or document date."""
    if item.get("time"):
        item["time_source"] = "timex"
    else:
        item["time"], item["time_source"] = governing_time(
            item["start"], item["end"], sentences, timexes, document_date
        )


def _quote_of(start: int, end: int, quotes: Sequence[dict[str, Any]]) -> int | None:
    return next((i for i, q in enumerate(quotes) if q["start"] <= start and end <= q["end"]), None)


def _split_by_quotes(
    poll: dict[str, Any], quotes: Sequence[dict[str, Any]], sentences: Sequence[dict[str, int]]
) -> list[dict[str, Any]]:
    """A poll whose statements are partly the article's and partly inside a quotation becomes one
    fact per voice: what a speaker says about "our survey" is their claim, not the article's."""
    groups: dict[int | None, list[dict[str, Any]]] = {}
    for statement in poll["statements"]:
        groups.setdefault(_quote_of(statement["start"], statement["end"], quotes), []).append(
            statement
        )
    if len(groups) < 2:
        return [poll]
    parts = []
    for index, statements in groups.items():
        part = dict(poll, statements=statements)
        if index is None:
            last = max(st["end"] for st in statements)
            sentence_end = next(
                (s["end"] for s in sentences if s["start"] <= last < s["end"]), last
            )
            part["end"] = min(poll["end"], sentence_end)
        else:
            quote = quotes[index]
            part["start"], part["end"] = (
                max(poll["start"], quote["start"]),
                min(poll["end"], quote["end"]),
            )
            source = poll.get("source_start")
            if source is None or not quote["start"] <= source < quote["end"]:
                # the pollster named outside the quotation is not the speaker's source
                part.update(
                    source_text=None, source_start=None, source_end=None, time=None, time_text=None
                )
        parts.append(part)
    return sorted(parts, key=lambda part: part["start"])


def _object_entity(mentions: Sequence[dict[str, Any]], obj: dict[str, Any]) -> str | None:
    """The entity at a relation's object; a country adjective stands for its country here
    ("białoruski politolog" is a role of Belarus)."""
    return entity_at(mentions, obj["start"], obj["end"]) or entity_at(
        mentions, obj["start"], obj["end"], derived=True
    )


def link_facts(
    polls: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    mentions: Sequence[dict[str, Any]],
    sentences: Sequence[dict[str, int]],
    timexes: Sequence[dict[str, Any]],
    document_date: str | None,
    quotes: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Contract ``facts`` and ``relations``.

    A poll's ``source`` is the entity of its pollster when one was recognized. A relation is
    kept only when both ends are entities: a graph edge needs two nodes. Both carry ``claim``:
    true when the statement is inside a quotation, i.e. someone's claim, not the article's.
    """
    polls = [part for poll in polls for part in _split_by_quotes(poll, quotes, sentences)]
    for poll in polls:
        start, end = poll.get("source_start"), poll.get("source_end")
        poll["source"] = entity_at(mentions, start, end) if start is not None else None
        _timed(poll, sentences, timexes, document_date)
    linked = []
    for relation in relations:
        subject, obj = relation["subject"], relation["object"]
        subject_id = entity_at(mentions, subject["start"], subject["end"])
        object_id = _object_entity(mentions, obj) if obj is not None else None
        # a role may stand alone ("politolog"); every other relation joins two entities
        if subject_id is None or subject_id == object_id:
            continue
        if object_id is None and (obj is not None or relation["predicate"] != "role"):
            continue
        relation.update(
            subject=subject_id,
            object=object_id,
            value=relation.get("value"),
            subject_text=subject["text"],
            object_text=obj["text"] if obj is not None else None,
        )
        if relation["predicate"] == "role":
            # a title is given as it stands when the article is written, whatever else its
            # sentence dates ("wicepremier X zapowiedział, że przed 2022 r. …")
            relation["time"] = document_date
            relation["time_source"] = "document" if document_date else None
        else:
            _timed(relation, sentences, timexes, document_date)
        linked.append(relation)
    mark_claims(polls + linked, quotes)
    return polls, linked
