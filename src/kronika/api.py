"""What Python users import: analyze text, build a database, open and query it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from kronika.errors import AnalysisError, InputError
from kronika.ingest import DEFAULT_MAX_CHARS, Document, read_sources
from kronika.lang.morphology import shared_morphology
from kronika.lang.names import shared_name_lemmatizer
from kronika.ner.rules import SPAN_KEY as NER_SPANS_KEY
from kronika.pipeline import Analysis, analyze_document, analyze_many
from kronika.pipeline import load as load_pipeline
from kronika.resolve.entities import kb_entry, name_index
from kronika.store import SearchHit, Store

_default_nlp: Language | None = None


def load(ner: str = "auto") -> Language:
    """kronika's spaCy pipeline (``Doc`` with ``doc.spans["mentions"]``, lemmas, sentences)."""
    return load_pipeline(ner)


def analyze(source: str | Document, *, nlp: Language | None = None) -> dict[str, Any]:
    """The contract record (DESIGN.md, output contract v1) for a text or a Document."""
    global _default_nlp
    if nlp is None:
        if _default_nlp is None:
            _default_nlp = load_pipeline()
        nlp = _default_nlp
    document = source if isinstance(source, Document) else Document.create(source, source="<text>")
    return analyze_document(document, nlp).record


def analyze_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    ner: str = "auto",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_error: Callable[[InputError | AnalysisError], None] | None = None,
) -> Iterator[Analysis]:
    """Analyses of every document in ``paths``; unreadable input and documents whose analysis
    failed go to ``on_error``."""
    documents = _documents(paths, on_error, max_chars=max_chars)
    for result in analyze_many(documents, workers=workers, ner=ner):
        if isinstance(result, AnalysisError):
            if on_error:
                on_error(result)
        else:
            yield result


def _documents(
    paths: Iterable[str | os.PathLike[str]],
    on_error: Callable[[InputError], None] | None,
    skip: Callable[[str], bool] = lambda _id: False,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Document]:
    for item in read_sources(paths, max_chars=max_chars):
        if isinstance(item, InputError):
            if on_error:
                on_error(item)
            continue
        if not skip(item.id):
            yield item


@dataclass
class BuildReport:
    added: int = 0
    skipped: int = 0
    errors: list[InputError | AnalysisError] = field(default_factory=list)


def build(
    paths: Iterable[str | os.PathLike[str]],
    db: str | Path,
    *,
    workers: int = 1,
    batch_size: int = 32,
    ner: str = "auto",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_error: Callable[[InputError | AnalysisError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """Analyse ``paths`` and add new documents to the database ``db``, a batch per transaction.

    Incremental: documents already stored (same content hash) are not analysed again. Killed at
    any point, the database keeps every committed batch, and rerunning completes it.
    """
    report = BuildReport()

    def error(item: InputError | AnalysisError) -> None:
        report.errors.append(item)
        if on_error:
            on_error(item)

    with Store(db) as store:
        # Read once here: the feeder may run in a pool thread, which must not touch the connection.
        known = set(store.document_ids())

        def skip(doc_id: str) -> bool:
            if doc_id in known:
                report.skipped += 1
                return True
            known.add(doc_id)
            return False

        analyses = analyze_many(
            _documents(paths, error, skip, max_chars=max_chars), workers=workers, ner=ner
        )
        while batch := list(islice(analyses, batch_size)):
            failed = [item for item in batch if isinstance(item, AnalysisError)]
            for item in failed:
                error(item)
            report.added += store.add([a for a in batch if isinstance(a, Analysis)])
            if on_progress:
                on_progress(len(batch))
    return report


def open_db(path: str | Path) -> Store:
    """Open (or create) a kronika database."""
    return Store(path)


_query_morphology = shared_morphology()
_name_lemmatizer = shared_name_lemmatizer()


def lemma_query(text: str) -> str:
    """An FTS5 query for ``text`` that matches any inflected form of each word.

    Every word must match, either by one of its SGJP lemmas in the lemma column or by its own
    form in the text column: "Łukaszenko" finds sentences with "Łukaszence".
    """
    clauses = []
    for word in text.split():
        word = word.strip(".,;:!?\"'„”()")
        if not word:
            continue
        lemmas = sorted({r.lemma for r in _query_morphology.analyse(word)} | {word})
        options = [f'lemmas:"{_quoted(lemma)}"' for lemma in lemmas] + [f'text:"{_quoted(word)}"']
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses)


def _quoted(term: str) -> str:
    return term.replace('"', '""')


def search(store: Store, text: str, *, limit: int = 20) -> list[SearchHit]:
    """Sentences mentioning ``text`` in any inflected form."""
    query = lemma_query(text)
    return store.search(query, limit=limit) if query else []


def find_entities(store: Store, name: str) -> list[dict[str, Any]]:
    """Entities called ``name`` in any inflection, most mentioned first, with their mentions."""
    names = {name, _name_lemmatizer.lemmatize_text(name)}
    if " " not in name:
        names.update(r.lemma for r in _query_morphology.analyse(name))
        names.update(_name_lemmatizer.possible_lemmas(name))
    # a knowledge-base alias finds its entity even where the text never used it ("EAEU")
    known = name_index()
    names.update(known[n.lower()].name for n in list(names) if n.lower() in known)
    result = []
    for ident in store.find_entities(sorted(names)):
        entity = store.entity(ident)
        entity["mentions"] = store.mentions_of(ident)
        entity["documents"] = len({m["doc_id"] for m in entity["mentions"]})
        target = kb_entry(entity["stands_for"]) if entity["stands_for"] else None
        entity["stands_for_name"] = target.name if target else None
        result.append(entity)
    return result


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Quotations by a speaker and/or mentioning an entity, named in any inflection, since a date."""
    speakers = [e["id"] for e in find_entities(store, speaker)] if speaker else None
    subjects = [e["id"] for e in find_entities(store, about)] if about else None
    if speakers == [] or subjects == []:
        return []
    return store.quotes(speakers=speakers, about=subjects, since=since)


def timeline(store: Store, name: str) -> list[dict[str, Any]]:
    """Dated quotes by or about an entity and dated sentences mentioning it, in time order.

    Each item: ``item`` (``quote`` or ``mention``), ``time``, ``source``, ``doc_id``,
    ``sentence``; quotes keep their contract fields, mentions carry the ``timex`` text.
    """
    items: list[dict[str, Any]] = []
    for entity in find_entities(store, name)[:1]:
        ident = entity["id"]
        seen: set[tuple[str, int]] = set()
        for quote in store.quotes(speakers=[ident]) + store.quotes(about=[ident]):
            if (quote["doc_id"], quote["start"]) in seen or not quote["time"]:
                continue
            seen.add((quote["doc_id"], quote["start"]))
            items.append({**quote, "item": "quote"})
        for row in store.dated_mentions(ident):
            items.append({**row, "item": "mention"})
    return sorted(items, key=lambda item: (item["time"], item["doc_id"], item["start"]))


def poleval_line(label: str, start: int, end: int, text: str) -> str:
    """One PolEval 2018 Task 2 answer: ``category start end<TAB>text``, as the official script
    reads it (no brat ``T1`` id in front; a line break inside the text becomes a space)."""
    return f"{label} {start} {end}\t{' '.join(text.split())}"


def poleval_answers(
    paths: Iterable[str | os.PathLike[str]],
    *,
    ner: str = "auto",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_error: Callable[[InputError | AnalysisError], None] | None = None,
) -> Iterator[dict[str, str]]:
    """Named entities in the PolEval 2018 Task 2 answer format, one item per document.

    ``{"id": …, "answers": "persName 0 5\tPutin\n…"}``: every entity of every nesting
    level with its NKJP label and character offsets into the document text, a line each
    (:func:`poleval_line`); the id is the JSONL line's ``id`` where there is one, else kronika's
    document id.
    """
    nlp = load_pipeline(ner)
    documents = _documents(paths, on_error, max_chars=max_chars)
    for document in documents:
        doc = nlp(document.text)
        spans = sorted(doc.spans.get(NER_SPANS_KEY, []), key=lambda s: (s.start_char, -s.end_char))
        lines = [poleval_line(s.label_, s.start_char, s.end_char, s.text) for s in spans]
        yield {"id": document.external_id or document.id, "answers": "\n".join(lines)}
