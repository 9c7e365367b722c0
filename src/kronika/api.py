"""What Python users import: analyze text, build a database, open and query it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from kronika.errors import AnalysisError, InputError, shorten
from kronika.ingest import DEFAULT_MAX_CHARS, Document, read_sources, saved_pages
from kronika.ingest.text import normalize
from kronika.lang.morphology import shared_morphology
from kronika.lang.names import shared_name_lemmatizer
from kronika.model import Analysis
from kronika.ner.rules import SPAN_KEY as NER_SPANS_KEY
from kronika.pipeline import (
    analysis_failed,
    analyze_document,
    analyze_many,
    fit_max_length,
)
from kronika.pipeline import load as load_pipeline
from kronika.resolve.entities import kb_entry, name_index
from kronika.store import SearchHit, Store, graph, open_store
from kronika.store.graph import EventAnswer, RelationAnswer
from kronika.store.queries import LemmaQuery, check_name, search_terms

_default_nlp: Language | None = None


def load(ner: str = "auto") -> Language:
    """kronika's spaCy pipeline (``Doc`` with ``doc.spans["mentions"]``, lemmas, sentences)."""
    return load_pipeline(ner)


def analyze(source: str | Document, *, nlp: Language | None = None) -> Analysis:
    """What kronika finds in a text or a Document, as typed objects (``kronika.model``);
    ``.to_json()`` (or ``.record``) gives the contract record, output contract v1."""
    global _default_nlp
    if nlp is None:
        if _default_nlp is None:
            _default_nlp = load_pipeline()
        nlp = _default_nlp
    document = source if isinstance(source, Document) else Document.create(source, source="<text>")
    return analyze_document(document, nlp)


def analyze_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    ner: str = "auto",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_error: Callable[[InputError | AnalysisError], None] | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Generator[Analysis, None, None]:
    """Analyses of every document in ``paths``; unreadable input and documents whose analysis
    failed go to ``on_error``, a message for each text read twice (skipped) to ``on_skip``.
    ``engine``: ``local`` (processes of this machine) or ``ray`` (a Ray cluster at ``address``,
    or a Ray started here with ``workers`` CPUs)."""
    documents = _documents(paths, on_error, max_chars=max_chars, on_skip=on_skip)
    for result in _analyses(documents, engine, workers, ner, address):
        if isinstance(result, AnalysisError):
            if on_error:
                on_error(result)
        else:
            yield result


ENGINES = ("local", "ray")


def _analyses(
    documents: Iterable[Document], engine: str, workers: int, ner: str, address: str | None
) -> Iterator[Analysis | AnalysisError]:
    """The analyses of ``documents`` by the engine named ``engine``, in input order."""
    if engine == "local":
        if address:
            raise ValueError("address names a Ray cluster: it needs engine='ray'")
        return analyze_many(documents, workers=workers, ner=ner)
    if engine == "ray":
        from kronika.ray_engine import analyze_many as ray_analyze_many

        return ray_analyze_many(documents, workers=workers, ner=ner, address=address)
    raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")


def _documents(
    paths: Iterable[str | os.PathLike[str]],
    on_error: Callable[[InputError], None] | None,
    skip: Callable[[str], bool] = lambda _id: False,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_skip: Callable[[str], None] | None = None,
    pages: Mapping[str, Document] | None = None,
) -> Iterator[Document]:
    def duplicate(dropped: Document, kept: Document) -> None:
        if on_skip:
            on_skip(duplicate_message(dropped, kept))

    for item in read_sources(paths, max_chars=max_chars, on_duplicate=duplicate, pages=pages):
        if isinstance(item, InputError):
            if on_error:
                on_error(item)
            continue
        if not skip(item.id):
            yield item


def duplicate_message(dropped: Document, kept: Document) -> str:
    """What to tell about a document skipped because its text was read before in the run."""
    differences = [
        f"{what} {mine or '-'} instead of {theirs or '-'}"
        for what, mine, theirs in (
            ("date", dropped.date, kept.date),
            ("id", dropped.external_id, kept.external_id),
            ("title", dropped.title, kept.title),
        )
        if mine != theirs
    ]
    also = f" (with {', '.join(differences)}; the first one read is kept)" if differences else ""
    return (
        f"{shorten(dropped.source)}: skipped: same text as document {kept.id} already read "
        f"from {shorten(kept.source)}{also}"
    )


@dataclass
class BuildReport:
    """``skipped``: documents already in the database; ``duplicates``: a message for each text
    read twice in this build (the second was skipped)."""

    added: int = 0
    skipped: int = 0
    errors: list[InputError | AnalysisError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def build(
    paths: Iterable[str | os.PathLike[str]],
    db: str | Path,
    *,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    batch_size: int = 32,
    ner: str = "auto",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_error: Callable[[InputError | AnalysisError], None] | None = None,
    on_progress: Callable[[int], object] | None = None,  # its return value is ignored
    on_skip: Callable[[str], None] | None = None,
    feed_pages: Iterable[str | os.PathLike[str]] | None = None,
) -> BuildReport:
    """Analyse ``paths`` and add new documents to the database ``db``, a batch per transaction.

    Incremental: documents already stored (same content hash) are not analysed again. Killed at
    any point, the database keeps every committed batch, and rerunning completes it. A
    ``jsonl`` export of another kronika database (``kronika export``) is stored as it is, not
    analysed again, so a graph moves between databases. ``feed_pages``: saved pages (HTML,
    WARC) whose articles stand in for the excerpts of the feed entries linking to them.
    ``engine``, ``address``: as for :func:`analyze_paths`; the analyses come back to this
    process, which alone writes the database.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    given = [os.fspath(path) for path in ([paths] if isinstance(paths, str | Path) else paths)]
    exports = [path for path in given if is_jsonl_export(path)]
    sources = [path for path in given if path not in exports]
    pages = saved_pages(feed_pages) if feed_pages else None
    report = BuildReport()

    def skipped(message: str) -> None:
        report.duplicates.append(message)
        if on_skip:
            on_skip(message)

    def error(item: InputError | AnalysisError) -> None:
        report.errors.append(item)
        if on_error:
            on_error(item)

    with open_store(db) as store:
        for export in exports:
            _add_export(store, export, batch_size, report)
        # Read once here: the feeder may run in a pool thread, which must not touch the connection.
        known = set(store.document_ids())

        def skip(doc_id: str) -> bool:
            if doc_id in known:
                report.skipped += 1
                return True
            known.add(doc_id)
            return False

        analyses = _analyses(
            _documents(sources, error, skip, max_chars=max_chars, on_skip=skipped, pages=pages),
            engine,
            workers,
            ner,
            address,
        )
        while batch := list(islice(analyses, batch_size)):
            failed = [item for item in batch if isinstance(item, AnalysisError)]
            for item in failed:
                error(item)
            report.added += store.add([a for a in batch if isinstance(a, Analysis)])
            if on_progress:
                on_progress(len(batch))
    return report


def load_shards(
    directory: str | Path,
    db: str | Path,
    *,
    batch_size: int = 256,
    on_progress: Callable[[int], object] | None = None,
) -> BuildReport:
    """Store the analysis shards in ``directory`` (``kronika analyze --format parquet``) in the
    database ``db`` without analysing again; documents already stored are skipped."""
    from kronika.shards import read_shards

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    report = BuildReport()
    analyses = read_shards(directory)
    with Store(db) as store:
        while batch := list(islice(analyses, batch_size)):
            added = store.add(batch)
            report.added += added
            report.skipped += len(batch) - added
            if on_progress:
                on_progress(len(batch))
    return report


def is_jsonl_export(path: str) -> bool:
    """A JSONL file whose first record is a whole contract record (``kronika export``)."""
    if not path.lower().endswith((".jsonl", ".ndjson")) or not os.path.isfile(path):
        return False
    try:
        with open(path, encoding="utf-8") as lines:
            first = next((line for line in lines if line.strip()), "")
        record = json.loads(first)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(record, dict) and {"id", "text", "sentences", "mentions"} <= set(record)


def _add_export(store: Store, path: str, batch_size: int, report: BuildReport) -> None:
    from kronika.export import read_jsonl_export

    records = read_jsonl_export(path)
    try:
        while batch := list(islice(records, batch_size)):
            before = len(batch)
            added = store.add(batch)
            report.added += added
            report.skipped += before - added
    except InputError as error:
        report.errors.append(error)


def open_db(path: str | Path, *, readonly: bool = True, timeout: float | None = None) -> Store:
    """Open a kronika database, an SQLite file or a ``postgresql://`` URL: for queries only
    (changing nothing), or with ``readonly=False`` for writing (created or migrated if needed).
    ``timeout``: seconds to wait for a writer."""
    return open_store(path, readonly=readonly, timeout=timeout)


_query_morphology = shared_morphology()
_name_lemmatizer = shared_name_lemmatizer()


def lemma_query(text: str) -> LemmaQuery:
    """A query for ``text`` that matches any inflected form of each word (the string: its FTS5
    query).

    Every word must match, either by one of its SGJP lemmas in the lemma column or by its own
    form in the text column: "Łukaszenko" finds sentences with "Łukaszence". A word repeated
    counts once; FTS5 operators and quotes in ``text`` are searched for as words.
    """
    words = search_terms((w.strip(".,;:!?\"'„”()") for w in text.split()), text)
    return LemmaQuery(
        (sorted({r.lemma for r in _query_morphology.analyse(word)} | {word}), word)
        for word in words
    )


def query_text(text: str) -> str:
    """A query as the stored text is normalized (NFC, no zero-width characters or controls), so
    that a decomposed "Łukaszenko" (NFD) finds what the composed one finds."""
    return normalize(text).strip()


def search(store: Store, text: str, *, limit: int = 20) -> list[SearchHit]:
    """Sentences mentioning ``text`` in any inflected form."""
    query = lemma_query(query_text(text))
    return store.search(query, limit=limit) if query else []


def entity_ids(store: Store, name: str) -> list[str]:
    """Ids of the entities called ``name`` in any inflection, most mentioned first.

    ``%`` and ``_`` in ``name`` are characters, no wildcards; an empty name is a ValueError."""
    name = check_name(query_text(name))
    names = {name, _name_lemmatizer.lemmatize_text(name)}
    if " " not in name:
        names.update(r.lemma for r in _query_morphology.analyse(name))
        names.update(_name_lemmatizer.possible_lemmas(name))
    # a knowledge-base alias finds its entity even where the text never used it ("EAEU")
    known = name_index()
    names.update(known[n.lower()].name for n in list(names) if n.lower() in known)
    return store.find_entities(sorted(names))


def find_entities(store: Store, name: str) -> list[dict[str, Any]]:
    """Entities called ``name`` in any inflection, most mentioned first, with their mentions."""
    result = []
    for ident in entity_ids(store, name):
        entity = store.entity(ident)
        entity["mentions"] = store.mentions_of(ident)
        entity["documents"] = len({m["doc_id"] for m in entity["mentions"]})
        target = kb_entry(entity["stands_for"]) if entity["stands_for"] else None
        entity["stands_for_name"] = target.name if target else None
        entity["relations"] = _graph_answers(store, [ident], "any", None, None)
        entity["events"] = graph.events(store.db, entity_ids=[ident], reports=200)
        result.append(entity)
    return result


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Quotations by a speaker and/or mentioning an entity, named in any inflection, since a
    date."""
    # an empty speaker or subject is a ValueError, not "no filter"
    speaker, about = (query_text(x) if x is not None else None for x in (speaker, about))
    speaker = check_name(speaker, "speaker") if speaker is not None else None
    about = check_name(about, "subject (about)") if about is not None else None
    speakers = [e["id"] for e in find_entities(store, speaker)] if speaker is not None else None
    subjects = [e["id"] for e in find_entities(store, about)] if about is not None else None
    if speakers == [] or subjects == []:
        return []
    return store.quotes(speakers=speakers, about=subjects, since=since)


def _graph_items(store: Store, ident: str) -> list[dict[str, Any]]:
    """The entity's dated relation statements and events as timeline items."""
    items: list[dict[str, Any]] = []
    for said in graph.assertions(store.db, [ident]):
        if said.date:
            items.append(
                {
                    "item": "relation",
                    "time": said.date,
                    "doc_id": said.doc_id,
                    "source": said.source,
                    "start": said.start,
                    "sentence": said.sentence,
                    "predicate": said.predicate,
                    "status": said.status,
                    "value": said.value,
                }
            )
    for event in graph.events(store.db, entity_ids=[ident]):
        report = event.reports[0]
        if event.time:
            items.append(
                {
                    "item": "event",
                    "time": event.time,
                    "doc_id": report.doc_id,
                    "source": report.source,
                    "start": report.start,
                    "sentence": report.sentence,
                    "type": event.type,
                    "status": event.status,
                    "reports": len(event.reports),
                }
            )
    return items


def timeline(store: Store, name: str) -> list[dict[str, Any]]:
    """Dated quotes by or about an entity, its relations and events, and dated sentences
    mentioning it, in time order.

    Each item: ``item`` (``quote``, ``mention``, ``relation`` or ``event``), ``time``,
    ``source``, ``doc_id``, ``sentence``; quotes keep their contract fields, mentions carry the
    ``timex`` text, relations their predicate and status, events their type and status.
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
        items += _graph_items(store, ident)
    return sorted(items, key=lambda item: (item["time"], item["doc_id"], item["start"]))


def _graph_answers(
    store: Store, ids: list[str], role: str, predicate: str | None, as_of: str | None
) -> list[RelationAnswer]:
    return graph.relations(store.db, ids, predicate=predicate, role=role, as_of=as_of)


def relations(
    store: Store, name: str, *, predicate: str | None = None, as_of: str | None = None
) -> list[RelationAnswer]:
    """The relations of the entity called ``name`` (as subject or object) and their state at
    ``as_of`` (else their latest), each with every assertion behind it (see ``store.graph``)."""
    ids = entity_ids(store, name)[:1]
    return _graph_answers(store, ids, "any", predicate, as_of)


def members(store: Store, bloc: str, *, as_of: str | None = None) -> list[RelationAnswer]:
    """Members of the bloc or organization called ``bloc`` at ``as_of`` (else by the latest
    reports): those whose membership holds then."""
    ids = entity_ids(store, bloc)[:1]
    answers = _graph_answers(store, ids, "object", "member_of", as_of)
    return [answer for answer in answers if answer.state == "holds"]


def roles(store: Store, name: str, *, as_of: str | None = None) -> list[RelationAnswer]:
    """Offices and jobs: held by the person called ``name``, or, for an organization or a
    country, the offices of it and who holds them; with their state at ``as_of``."""
    ids = entity_ids(store, name)[:1]
    if not ids:
        return []
    kind = store.entity(ids[0])["type"]
    return _graph_answers(store, ids, "subject" if kind == "person" else "object", "role", as_of)


def events(
    store: Store,
    *,
    entity: str | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[EventAnswer]:
    """Events in time order, merged across the documents that report them: those the entity
    called ``entity`` takes part in or hosts, of a type, between two dates."""
    ids = entity_ids(store, entity)[:1] if entity else None
    if ids == []:
        return []
    return graph.events(store.db, entity_ids=ids, event_type=event_type, since=since, until=until)


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
        fit_max_length(nlp, [document])
        try:
            doc = nlp(document.text)
        except Exception as error:  # one bad document must not cost the answers of the others
            if on_error:
                on_error(analysis_failed(document, error))
            continue
        spans = sorted(doc.spans.get(NER_SPANS_KEY, []), key=lambda s: (s.start_char, -s.end_char))
        lines = [poleval_line(s.label_, s.start_char, s.end_char, s.text) for s in spans]
        yield {"id": document.external_id or document.id, "answers": "\n".join(lines)}
