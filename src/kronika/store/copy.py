"""One store's documents into another, whole: records and the lemmas their search uses.

A ``jsonl`` export carries no lemmas (a database rebuilt from it searches the text's own word
forms); copying store to store keeps them, so the copy answers every query as the original
does: an SQLite database moved to PostgreSQL, or back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from itertools import islice

from kronika.model import Analysis
from kronika.store.sqlite import Store


def stored_analysis(store: Store, doc_id: str) -> Analysis:
    """A stored document as the analysis it was stored from, with its sentences' lemmas."""
    analysis = Analysis.from_json(store.record(doc_id))
    return dataclasses.replace(analysis, sentence_lemmas=tuple(store.sentence_lemmas(doc_id)))


def copy_documents(
    source: Store,
    target: Store,
    *,
    batch_size: int = 100,
    on_progress: Callable[[int], object] | None = None,
) -> int:
    """Add every document of ``source`` (all versions) to ``target``, a batch per transaction;
    those ``target`` has already are skipped. Returns how many were added."""
    ids = iter(source.document_ids())
    added = 0
    while batch := list(islice(ids, batch_size)):
        added += target.add([stored_analysis(source, doc_id) for doc_id in batch])
        if on_progress:
            on_progress(len(batch))
    return added
