"""The graph in time: which relations hold at a date, and which events happened, with evidence.

Every stored relation is one *assertion*: a document says, at a date, that a relation has a
status. The date is the relation's own ``time`` when the text gives one ("wystąpiła w 2020
roku"), else the document's date (it holds when reported). What holds at a date D is decided per
relation (subject, predicate, object, and for roles the title) by the latest assertion dated at
or before D:

    current, joined         holds
    suspended               suspended
    left, former            ended
    candidate, planned      not yet

Nothing is silently chosen between sources: an answer carries every assertion dated up to D, and
``disputed`` says that assertions of the latest date disagree. An assertion with no date at all
(an undated document, no time in the text) counts only when no date is asked for. Dates compare
at the precision they are written with: "2021" holds in "2021-10", "2021-11" does not hold in
"2021-10-15".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import isqrt
from typing import Any

from kronika.store.packed import unpack

#: what a relation's status says about it at the assertion's date
STATE_OF_STATUS = {
    "current": "holds",
    "joined": "holds",
    "suspended": "suspended",
    "left": "ended",
    "former": "ended",
    "candidate": "not yet",
    "planned": "not yet",
}


@dataclass(frozen=True, slots=True)
class Assertion:
    """One stored relation: what one document says, where, and when."""

    subject: str
    predicate: str
    object: str | None
    value: str | None
    status: str
    date: str | None
    doc_id: str
    source: str
    doc_date: str | None
    start: int
    end: int
    sentence: str
    claim: bool

    @property
    def state(self) -> str:
        return STATE_OF_STATUS.get(self.status, "holds")


@dataclass(frozen=True, slots=True)
class RelationAnswer:
    """A relation at a date: its state then, since when it is known to hold, and the evidence."""

    subject: str
    subject_name: str
    predicate: str
    object: str | None
    object_name: str | None
    value: str | None
    state: str
    status: str
    since: str | None
    disputed: bool
    evidence: tuple[Assertion, ...]


@dataclass(frozen=True, slots=True)
class EventReport:
    doc_id: str
    source: str
    doc_date: str | None
    start: int
    end: int
    sentence: str
    trigger: str
    status: str
    claim: bool


@dataclass(frozen=True, slots=True)
class EventAnswer:
    """One real event, merged over the documents that report it."""

    id: str
    type: str
    #: the calendar date that places the event: its own time, else its first report's date
    time: str | None
    #: the TIMEX3 values the reports give, as written ("2021-10-14", "XXXX-WXX-4")
    times: tuple[str, ...]
    status: str
    place: str | None
    place_name: str | None
    participants: tuple[tuple[str, str], ...]
    reports: tuple[EventReport, ...]


def at_or_before(date: str, limit: str) -> bool:
    """``date`` can lie at or before ``limit``, each at its own precision."""
    return date[: len(limit)] <= limit


def _placeholders(values: Sequence[str]) -> str:
    return ", ".join("?" * len(values))


_SENTENCE = """
    LEFT JOIN sentences s ON s.doc_id = r.doc_id AND s.start <= r.start AND r.start < s."end"
"""


def _walk_pays(
    db: sqlite3.Connection, entity_id: str, latest: int, counted: str, more: Sequence[str] = ()
) -> bool:
    """Whether the latest ``latest`` rows of an entity are found sooner by walking its documents
    latest first (entity_documents) than by sorting all its rows (``counted``: a query of one
    row per row of it, the entity as ?1, ``more`` after it). With D documents and S rows the walk
    reads about latest·D/S documents, the sort S rows: walk when S² > latest·D, S counted only
    up to that bound (an index range) and D bounded by the entity's mentions."""
    row = db.execute("SELECT mention_count FROM entities WHERE id = ?", (entity_id,)).fetchone()
    bound = isqrt(latest * int(row[0] if row else 0)) + 1
    limit = f"?{len(more) + 2}"
    (rows,) = db.execute(
        f"SELECT count(*) FROM ({counted} LIMIT {limit}) AS counted", [entity_id, *more, bound]
    ).fetchone()
    return int(rows) >= bound


def assertions(
    db: sqlite3.Connection,
    entity_ids: Sequence[str],
    *,
    predicate: str | None = None,
    role: str = "any",
    latest: int = -1,
) -> list[Assertion]:
    """Stored relations with one of ``entity_ids`` as subject (``role="subject"``), object
    (``"object"``) or either (``"any"``), optionally of one predicate; ``latest``: only the
    statements of the latest documents, at most that many (-1: all)."""
    if not entity_ids:
        return []
    marks = _placeholders(entity_ids)
    where = {
        "subject": f"r.subject IN ({marks})",
        "object": f"r.object IN ({marks})",
        # a union of two index lookups, not an OR that scans the table
        "any": f"r.rowid IN (SELECT rowid FROM relations WHERE subject IN ({marks}) "
        f"UNION SELECT rowid FROM relations WHERE object IN ({marks}))",
    }[role]
    columns = ("subject", "object") if role == "any" else (role,)
    params: list[str] = list(entity_ids) * len(columns)
    if predicate is not None:
        where += " AND r.predicate = ?"
        params.append(predicate)
    picked = f"""
            SELECT r.rowid AS id FROM relations r
            JOIN documents d ON d.id = r.doc_id AND d.replaced_by IS NULL
            WHERE {where}
            ORDER BY d.date IS NULL, d.date DESC, r.doc_id, r.start LIMIT ?
    """
    of_predicate = "" if predicate is None else " AND predicate = ?2"
    counted = " UNION ALL ".join(
        f"SELECT 1 FROM relations WHERE {c} = ?1{of_predicate}" for c in columns
    )
    more = [] if predicate is None else [predicate]
    if (
        latest >= 0
        and len(entity_ids) == 1
        and _walk_pays(db, entity_ids[0], latest, counted, more)
    ):
        # the entity's documents latest first (entity_documents' key), each looked into until
        # ``latest`` statements are found: a page of an entity named in a third of the corpus
        # does not sort every statement of it (the columns unqualified: relations' own)
        ends = " OR ".join(f"{c} = ?1" for c in columns)
        params = [entity_ids[0], *more]
        picked = f"""
            SELECT r.rowid AS id FROM entity_documents e
            JOIN relations r ON r.doc_id = e.doc_id AND ({ends}){of_predicate}
            WHERE e.entity_id = ?1
            ORDER BY e.date DESC, e.doc_id, r.start LIMIT ?{len(params) + 1}
        """
    rows = db.execute(
        f"""
        WITH picked AS ({picked})
        SELECT r.subject, r.predicate, r.object, r.time, r.claim, r.data, r.doc_id, d.source,
               d.date, r.start, r."end",
               coalesce(substr(d.text, s.start + 1, s."end" - s.start), '')
        FROM picked JOIN relations r ON r.rowid = picked.id
        JOIN documents d ON d.id = r.doc_id {_SENTENCE}
        ORDER BY r.doc_id, r.start
        """,
        [*params, latest],
    )
    found = []
    for subject, pred, obj, time, claim, data, doc_id, source, doc_date, start, end, sent in rows:
        extra = unpack(data)
        dated = time if time and time[:1].isdigit() else doc_date
        found.append(
            Assertion(
                subject=subject,
                predicate=pred,
                object=obj,
                value=extra.get("value"),
                status=extra.get("status") or "current",
                date=dated,
                doc_id=doc_id,
                source=source,
                doc_date=doc_date,
                start=start,
                end=end,
                sentence=sent.strip(),
                claim=bool(claim),
            )
        )
    return found


def _key(assertion: Assertion) -> tuple[str, str, str, str]:
    value = (assertion.value or "").lower() if assertion.predicate == "role" else ""
    return (assertion.subject, assertion.predicate, assertion.object or "", value)


def relations_at(
    found: Iterable[Assertion], names: dict[str, str], as_of: str | None = None
) -> list[RelationAnswer]:
    """Group assertions by relation and decide each one's state at ``as_of`` (or the latest)."""
    groups: dict[tuple[str, str, str, str], list[Assertion]] = {}
    for assertion in found:
        if as_of is not None and (
            assertion.date is None or not at_or_before(assertion.date, as_of)
        ):
            continue
        groups.setdefault(_key(assertion), []).append(assertion)
    answers = []
    for group in groups.values():
        dated = sorted((a for a in group if a.date), key=lambda a: a.date or "")
        latest_date = dated[-1].date if dated else None
        latest = [a for a in group if a.date == latest_date] if dated else group
        states = {a.state for a in latest}
        chosen = latest[0]
        holding = [a.date for a in dated if a.state == "holds"]
        first = group[0]
        answers.append(
            RelationAnswer(
                subject=first.subject,
                subject_name=names.get(first.subject, first.subject),
                predicate=first.predicate,
                object=first.object,
                object_name=names.get(first.object, first.object) if first.object else None,
                value=chosen.value,
                state=chosen.state,
                status=chosen.status,
                since=holding[0] if holding else None,
                disputed=len(states) > 1,
                evidence=tuple(sorted(group, key=lambda a: (a.date or "", a.doc_id, a.start))),
            )
        )
    return sorted(
        answers, key=lambda a: (a.predicate, a.subject_name, a.object_name or "", a.value or "")
    )


def entity_names(db: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(set(entity_ids))
    if not ids:
        return {}
    rows = db.execute(f"SELECT id, name FROM entities WHERE id IN ({_placeholders(ids)})", ids)
    return dict(rows.fetchall())


def relations(
    db: sqlite3.Connection,
    entity_ids: Sequence[str],
    *,
    predicate: str | None = None,
    role: str = "any",
    as_of: str | None = None,
    latest: int = -1,
) -> list[RelationAnswer]:
    """The relations of ``entity_ids`` at ``as_of`` (else their latest state), with the names of
    both ends: :func:`assertions` decided by :func:`relations_at`."""
    found = assertions(db, entity_ids, predicate=predicate, role=role, latest=latest)
    names = entity_names(db, {a.subject for a in found} | {a.object or "" for a in found})
    return relations_at(found, names, as_of)


def events(
    db: sqlite3.Connection,
    *,
    entity_ids: Sequence[str] | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    reports: int = -1,
) -> list[EventAnswer]:
    """Events (merged by id across documents) with a participant or place among ``entity_ids``,
    of a type, with a time (its own, else the report's document date) between the dates;
    ``reports`` bounds how many reports are read, the latest documents' first (-1: all)."""
    where: list[str] = ["TRUE"]
    params: list[str] = []
    if entity_ids is not None:
        marks = _placeholders(entity_ids)
        where.append(f"r.rowid IN (SELECT event FROM event_parties WHERE entity_id IN ({marks}))")
        params += list(entity_ids)
    if event_type is not None:
        where.append("r.type = ?")
        params.append(event_type)
    # each report picked with its document's date ('' undated) and place, latest first
    picked = f"""
        SELECT r.rowid AS id, coalesce(d.date, '') AS date, r.doc_id AS doc_id, r.start AS start
        FROM events r JOIN documents d ON d.id = r.doc_id AND d.replaced_by IS NULL
        WHERE {" AND ".join(where)}
        ORDER BY date DESC, doc_id, start LIMIT ?
    """
    if (
        reports >= 0
        and entity_ids is not None
        and len(entity_ids) == 1
        and event_type is None
        and _walk_pays(
            db, entity_ids[0], reports, "SELECT 1 FROM event_parties WHERE entity_id = ?1"
        )
    ):
        # the entity's documents latest first (entity_documents' key) instead of sorting every
        # report of it
        picked = """
            SELECT r.rowid AS id, e.date AS date, e.doc_id AS doc_id, r.start AS start
            FROM entity_documents e JOIN events r ON r.doc_id = e.doc_id
            JOIN event_parties p ON p.event = r.rowid AND p.entity_id = e.entity_id
            WHERE e.entity_id = ?
            ORDER BY e.date DESC, e.doc_id, r.start LIMIT ?
        """
    rows = db.execute(
        f"""
        SELECT r.data, r.doc_id, d.source, d.date, r.start, r."end",
               coalesce(substr(d.text, s.start + 1, s."end" - s.start), '')
        FROM ({picked}) picked JOIN events r ON r.rowid = picked.id
        JOIN documents d ON d.id = r.doc_id {_SENTENCE}
        ORDER BY picked.date DESC, picked.doc_id, picked.start
        """,
        [*params, reports],
    )
    return _event_answers(db, _merged(rows), since, until)


def _merged(
    rows: Iterable[tuple[Any, ...]],
) -> dict[str, list[tuple[dict[str, Any], EventReport]]]:
    """Reports of one event (by its id) together, in the order of the rows."""
    merged: dict[str, list[tuple[dict[str, Any], EventReport]]] = {}
    for data, doc_id, source, doc_date, start, end, sentence in rows:
        event = unpack(data)
        report = EventReport(
            doc_id=doc_id,
            source=source,
            doc_date=doc_date,
            start=start,
            end=end,
            sentence=sentence.strip(),
            trigger=str(event.get("trigger") or ""),
            status=str(event.get("status") or "happened"),
            claim=bool(event.get("claim")),
        )
        key = str(event.get("id") or f"{doc_id}:{start}")
        merged.setdefault(key, []).append((event, report))
    return merged


def _event_answers(
    db: sqlite3.Connection,
    merged: dict[str, list[tuple[dict[str, Any], EventReport]]],
    since: str | None,
    until: str | None,
) -> list[EventAnswer]:
    ids: set[str] = set()
    for reports in merged.values():
        for event, _ in reports:
            ids.update(str(p) for p in event.get("participants") or [])
            if event.get("place"):
                ids.add(str(event["place"]))
    names = entity_names(db, ids)
    answers = []
    for key, reports in merged.items():
        event = reports[0][0]
        # a calendar time places the event; a TIMEX3 value without one ("XXXX-WXX-4", a
        # Thursday of an undated article) is shown, and the report's date places it instead
        times = [str(e["time"]) for e, _ in reports if e.get("time")]
        calendar = [t for t in times if t[:4].isdigit()]
        time = calendar[0] if calendar else reports[0][1].doc_date
        if since is not None and (time is None or time[: len(since)] < since):
            continue
        if until is not None and (time is None or not at_or_before(time, until)):
            continue
        participants: dict[str, None] = {}
        for one, _ in reports:
            participants.update(dict.fromkeys(str(p) for p in one.get("participants") or []))
        place = next((str(e["place"]) for e, _ in reports if e.get("place")), None)
        answers.append(
            EventAnswer(
                id=key,
                type=str(event.get("type")),
                time=time,
                times=tuple(dict.fromkeys(times)),
                status=str(event.get("status") or "happened"),
                place=place,
                place_name=names.get(place) if place else None,
                participants=tuple((p, names.get(p, p)) for p in participants),
                reports=tuple(report for _, report in reports),
            )
        )
    return sorted(answers, key=lambda a: (a.time is None, a.time or "", a.id))
