"""Writing a document into the SQLite store's tables: the document, its sentences and their
full-text rows, entities, mentions and the rows of its other findings, the keys kept beside them
(``entity_documents``, ``quoted_entities``, ``event_parties``), and which version of a URL's page
is current. ``Store.add`` runs these in one transaction per batch; the PostgreSQL store writes
its sentences its own way and the rest the same.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from kronika.model import Analysis
from kronika.store import migrations
from kronika.store.packed import pack_lemmas, pack_row

# Record keys whose rows live in their own tables (all but the columns named in the schema go
# into the row's `data` JSON, so contract fields added later survive a round trip).
EXTRA_TABLES = {
    "timexes": ("start", "end", "type", "value"),
    "quotes": ("start", "end", "kind", "speaker", "time"),
    "relations": ("start", "end", "subject", "predicate", "object", "time", "claim"),
    "events": ("start", "end", "type", "time"),
    "facts": ("start", "end", "type", "time", "claim"),
    "title_mentions": ("start", "end", "entity"),
}

#: a document's rows of quoted_entities, from its stored quotes and mentions (``?``: its id)
_QUOTED_ENTITIES_OF = migrations.QUOTED_ENTITY_ROWS.format(where="q.doc_id = ?")


def entity_counts(record: dict[str, Any], named: Counter[str]) -> dict[str, int]:
    """The document's rows of ``entity_documents``: each entity it names with how many of its
    stored mentions (``named``) do, and with 0 those only its title names or its relations and
    events hold unnamed."""
    held = {m["entity"] for m in record.get("title_mentions", []) if m["entity"]}
    held |= {r["subject"] for r in record.get("relations", [])}
    held |= {r["object"] for r in record.get("relations", []) if r.get("object")}
    for event in record.get("events", []):
        held |= {*event.get("participants", ()), event.get("place")} - {None}
    return {ident: named.get(ident, 0) for ident in sorted(set(named) | held)}


class DocumentWriting:
    """The writing half of a store: ``db`` its connection, ``record`` how it reads a stored
    document back (a replaced version's rows are found from it)."""

    db: sqlite3.Connection
    record: Callable[[str], dict[str, Any]]

    def _add_one(self, analysis: Analysis) -> int:
        record = analysis.record
        doc_id: str = record["id"]
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO documents (id, source, external_id, title, url, date, "
            "date_source, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                record["source"],
                record.get("external_id"),
                record["title"],
                record["url"],
                record["date"],
                record["date_source"],
                record["text"],
            ),
        )
        if cursor.rowcount == 0:
            return 0
        url = record["url"]
        current = self._new_version(doc_id, url, record["date"]) if url else True
        self._add_sentences(doc_id, record, analysis.sentence_lemmas)
        self._add_entities(record)
        named = self._add_mentions(doc_id, record)
        self._add_rows(doc_id, record)
        if current:
            date = record["date"] or ""
            self.db.executemany(
                "INSERT INTO entity_documents VALUES (?, ?, ?, ?)",
                [(ident, date, doc_id, n) for ident, n in entity_counts(record, named).items()],
            )
            self.db.execute(f"INSERT INTO quoted_entities {_QUOTED_ENTITIES_OF}", (doc_id,))
        return 1

    def _add_sentences(self, doc_id: str, record: dict[str, Any], lemmas_of: Sequence[str]) -> None:
        text = record["text"]
        for idx, (sentence, lemmas) in enumerate(zip(record["sentences"], lemmas_of, strict=False)):
            words = text[sentence["start"] : sentence["end"]]
            rowid = self.db.execute(
                'INSERT INTO sentences (doc_id, idx, start, "end", lemmas) VALUES (?, ?, ?, ?, ?)',
                (doc_id, idx, sentence["start"], sentence["end"], pack_lemmas(lemmas, words)),
            ).lastrowid
            self.db.execute(
                "INSERT INTO sentences_fts (rowid, text, lemmas) VALUES (?, ?, ?)",
                (rowid, words, lemmas),
            )

    def _add_entities(self, record: dict[str, Any]) -> None:
        for entity in record["entities"]:
            self.db.execute(
                "INSERT OR IGNORE INTO entities (id, name, type, kb, stands_for) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    entity["id"],
                    entity["name"],
                    entity["type"],
                    entity["kb"],
                    entity.get("stands_for"),
                ),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)",
                [(entity["id"], alias) for alias in (entity["name"], *entity["aliases"])],
            )

    def _add_mentions(self, doc_id: str, record: dict[str, Any]) -> Counter[str]:
        """The document's mentions; how many of them name each entity."""
        # the first mention of each span is stored (the table's key), and only those counted
        spans: dict[tuple[int, int], dict[str, Any]] = {}
        for mention in record["mentions"]:
            spans.setdefault((mention["start"], mention["end"]), mention)
        self.db.executemany(
            'INSERT OR IGNORE INTO mentions (doc_id, start, "end", lemma, type, label, '
            "derived, entity_id, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    m["start"],
                    m["end"],
                    m["lemma"],
                    m["type"],
                    m["label"],
                    int(m["derived"]),
                    m["entity"],
                    int(m.get("description", False)),
                )
                for m in spans.values()
            ],
        )
        named = Counter(m["entity"] for m in spans.values() if m["entity"])
        self.db.executemany(
            "UPDATE entities SET mention_count = mention_count + ? WHERE id = ?",
            [(count, ident) for ident, count in sorted(named.items())],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO entity_lemmas VALUES (?, ?)",
            sorted({(m["lemma"], m["entity"]) for m in spans.values() if m["entity"]}),
        )
        return named

    def _add_rows(self, doc_id: str, record: dict[str, Any]) -> None:
        """Timexes, quotes, relations, events and facts: their columns, and the whole row."""
        for table, columns in EXTRA_TABLES.items():
            for row in record.get(table, []):
                values = [row.get(column) for column in columns]
                if "claim" in columns:
                    values[columns.index("claim")] = int(bool(row.get("claim")))
                placeholders = ", ".join("?" * (len(columns) + 2))
                names = ", ".join(f'"{c}"' for c in columns)
                cursor = self.db.execute(
                    f"INSERT INTO {table} (doc_id, {names}, data) VALUES ({placeholders})",
                    (doc_id, *values, pack_row(table, row, record["text"])),
                )
                if table == "events":
                    parties = {*row.get("participants", ()), row.get("place")} - {None}
                    self.db.executemany(
                        "INSERT OR IGNORE INTO event_parties VALUES (?, ?)",
                        [(cursor.lastrowid, party) for party in sorted(parties)],
                    )

    def _new_version(self, doc_id: str, url: str, date: str | None) -> bool:
        """Another text of a URL already stored: the later one (by date, else the one added
        last, as a page fetched again) is the document's current version; both are kept.
        Whether ``doc_id`` is the current version."""
        row = self.db.execute(
            "SELECT id, date FROM documents WHERE url = ? AND id != ? AND replaced_by IS NULL",
            (url, doc_id),
        ).fetchone()
        if row is None:
            return True
        current, current_date = row
        newer, older = (
            (doc_id, current) if (date or "") >= (current_date or "") else (current, doc_id)
        )
        self.db.execute(
            "UPDATE documents SET replaced_by = ? WHERE id = ? OR replaced_by = ?",
            (newer, older, older),
        )
        if older == current:
            # the replaced text's rows, each by its table's key, not a scan
            replaced = self.record(current)
            named = Counter(m["entity"] for m in replaced["mentions"] if m["entity"])
            self.db.executemany(
                "DELETE FROM entity_documents WHERE entity_id = ? AND date = ? AND doc_id = ?",
                [(ident, current_date or "", current) for ident in entity_counts(replaced, named)],
            )
            self.db.execute(
                "DELETE FROM quoted_entities WHERE (entity_id, undated, time, doc_id, start, "
                f"quote) IN ({_QUOTED_ENTITIES_OF})",
                (current,),
            )
        return newer == doc_id
