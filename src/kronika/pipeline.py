"""Document -> Analysis: the pure per-document step, and the engines that map it over a corpus.

``analyze_document`` holds no state beyond the loaded pipeline, so the local process engine (and
later a cluster engine) can run it anywhere; its result is a frozen ``kronika.model.Analysis``,
cheap to pickle. The extractors still return contract JSON; it becomes typed objects here, at
their boundary.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from importlib import resources
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Registering kronika's components with spaCy is the purpose of these imports.
import kronika.lang.components
import kronika.lang.sentences
import kronika.ner.mentions
import kronika.ner.rules  # noqa: F401
from kronika.errors import AnalysisError, ModelError, shorten
from kronika.extract.facts import find_polls
from kronika.extract.quotes import find_quotes
from kronika.extract.relations import find_relations
from kronika.extract.timex import (
    document_date_range,
    infer_document_date,
    redate_timexes,
    search_timexes,
)
from kronika.headlines import (
    analysed_text,
    body_quotes,
    body_quoting,
    in_body,
    moved,
    split_mentions,
    title_head,
)
from kronika.ingest import Document
from kronika.ingest.document import DATE_PRECISION
from kronika.lang.components import TextKeepingTokenizer
from kronika.lang.view import DocumentView
from kronika.model import CONTRACT_VERSION, Analysis, DateRange, Span, Timex
from kronika.ner.evidence import detected_mentions, kb_names
from kronika.resolve import link_document
from kronika.resolve.descriptions import office_mentions
from kronika.resolve.entities import link_short_names
from kronika.resolve.events import document_events
from kronika.resolve.facts import link_facts
from kronika.resolve.quotes import link_quotes
from kronika.resolve.relations import link_relations

__all__ = [
    "CONTRACT_VERSION",
    "Analysis",
    "analyze_batch",
    "analyze_document",
    "analyze_many",
    "analyze_safely",
    "load",
    "trained_ner_available",
]


def trained_ner_available() -> bool:
    model = resources.files("kronika.ner").joinpath("model")
    return model.is_dir() and model.joinpath("meta.json").is_file()


def load(ner: str = "auto") -> Language:
    """kronika's spaCy pipeline. ``ner`` is ``trained``, ``rules`` or ``auto`` (trained if
    shipped)."""
    if ner == "auto":
        ner = "trained" if trained_ner_available() else "rules"
    nlp = spacy.blank("pl")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("kronika_morphology")
    nlp.add_pipe("kronika_sentences")
    if ner == "trained":
        import kronika.ner.model  # noqa: F401  (registers kronika_ner)

        nlp.add_pipe("kronika_ner")
    else:
        nlp.add_pipe("kronika_rule_ner")
    nlp.add_pipe("kronika_lemmatizer")
    nlp.add_pipe("kronika_mentions")
    return nlp


def _dated(
    doc: Doc, document: Document
) -> tuple[str | None, str | None, list[Timex], DateRange | None]:
    """The document's date and its source, its timexes resolved against that date, and for an
    inferred date the range its text allows."""
    date, date_source = document.date, document.date_source
    timexes, matched = search_timexes(doc, date)
    if date is None:
        # relative expressions need a date: infer one from the text, then resolve again
        date, _precision = infer_document_date(doc, timexes)
        if date is not None:
            date_source = "inferred"
            timexes = redate_timexes(doc, date, matched)
    if date_source != "inferred":
        return date, date_source, timexes, None
    earliest, latest = document_date_range(doc, timexes)
    return date, date_source, timexes, DateRange(earliest, latest)


def analyze_document(document: Document, nlp: Language, doc: Doc | None = None) -> Analysis:
    """What kronika finds in ``document``; ``doc`` is its spaCy Doc if already made (of
    ``headlines.analysed_text``: the title, if any, is read with the body)."""
    text = analysed_text(document.title, document.text)
    if doc is None:
        doc = nlp(text)
    date, date_source, found_timexes, date_range = _dated(doc, document)
    timexes = tuple(found_timexes)
    # "prezydent Rosji" is a mention of the office holder of the article's year
    year = int(date[:4]) if date else None
    view = DocumentView.of(doc)
    detected = link_short_names(detected_mentions(doc), kb_names(doc))
    detected = sorted(
        detected + office_mentions(detected, view, year),
        key=lambda item: (item.mention.start, item.mention.end),
    )
    mentions, entities = link_document(detected, view)
    sentences = [sent for sent in doc.sents if text[sent.start_char : sent.end_char].strip()]
    spans = tuple(_trimmed(sent.start_char, sent.end_char, text) for sent in sentences)
    quotes = link_quotes(find_quotes(doc), mentions, spans, timexes, date, entities, view)
    facts = link_facts(find_polls(doc, found_timexes), mentions, spans, timexes, date, quotes)
    # every relation (memberships and roles included) comes from kronika.extract.relations
    shift = len(title_head(document.title))
    relations, entities = link_relations(
        find_relations(doc, timexes), mentions, entities, timexes, date, quotes, shift
    )
    events = document_events(doc, document.id, date, mentions, entities, timexes, quotes, shift)
    # back onto the body: the title's mentions apart, its other findings dropped
    title_mentions, mentions = split_mentions(mentions, len(document.title or ""), shift)
    quotes, quote_index = body_quotes(quotes, shift)
    kept = [i for i, sent in enumerate(sentences) if sent.start_char >= shift]
    return Analysis(
        id=document.id,
        source=document.source,
        external_id=document.external_id,
        title=document.title,
        url=document.url,
        date=date,
        date_source=date_source,
        date_precision=DATE_PRECISION.get(len(date)) if date else None,
        date_range=date_range,
        text=document.text,
        sentences=tuple(moved(spans[i], shift) for i in kept),
        entities=entities,
        mentions=mentions,
        title_mentions=title_mentions,
        timexes=tuple(in_body(timexes, shift)),
        quotes=quotes,
        relations=tuple(body_quoting(relations, shift, quote_index)),
        events=tuple(body_quoting(events, shift, quote_index)),
        facts=tuple(body_quoting(facts, shift, quote_index)),
        sentence_lemmas=tuple(
            " ".join(t.lemma_ for t in sentences[i] if not (t.is_punct or t.is_space)) for i in kept
        ),
    )


def _trimmed(start: int, end: int, text: str) -> Span:
    """Sentence offsets without the trailing whitespace (line breaks) spaCy attaches."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


# --- engines -----------------------------------------------------------------------------------

#: Allocations between two young-generation collections while analysing. Each document leaves
#: reference cycles (a Doc and the views kept on it) that only the cyclic collector frees, and at
#: Python's default of 700 it ran so often, over the pipeline's ~450k long-lived objects, that it
#: took 17% of analyze (BSNLP, 803 documents: 5.5 s of 31 s; frozen and at 10,000: 1.2 s).
GC_THRESHOLD = 10_000


def settle_heap() -> None:
    """Move the loaded pipeline out of the collector's sight (``gc.freeze``) and collect young
    objects less often: for a process that analyses until it ends (a worker)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 10, 10)


@contextmanager
def analysis_heap() -> Iterator[None]:
    """:func:`settle_heap` for the time of one run in a process that goes on after it."""
    thresholds = gc.get_threshold()
    settle_heap()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


_worker_nlp: Language | None = None
#: A pipeline that failed to load in a worker, raised by its first batch (the pool would break).
_worker_error: ModelError | None = None


def _init_worker(ner: str) -> None:
    global _worker_nlp, _worker_error
    # The main process decides about interrupts and terminates the workers; a worker that also
    # took Ctrl-C would die mid-batch and look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        _worker_nlp = load(ner)
    except ModelError as error:
        _worker_error = error
    settle_heap()


#: Documents that go through the spaCy pipeline together: the model is several times faster per
#: word on a batch than on one document at a time, and its decoder still gains from 16 to 32.
BATCH_SIZE = 32

#: A worker batch that takes longer than this (seconds), plus ``SECONDS_PER_CHAR`` for each
#: character of its text, is taken to be stuck: its worker is killed and the batch reported. The
#: pipeline analyses several thousand characters a second, so this is far above any real batch.
BATCH_TIMEOUT = 300.0
SECONDS_PER_CHAR = 0.002


def _work(documents: list[Document]) -> list[Analysis | AnalysisError]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_nlp is not None, "worker used before _init_worker"
    return analyze_batch(documents, _worker_nlp)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def analyze_batch(documents: list[Document], nlp: Language) -> list[Analysis | AnalysisError]:
    """Analyses of ``documents`` in order, the spaCy pipeline run over them as one batch."""
    fit_max_length(nlp, documents)
    try:
        docs = list(nlp.pipe([analysed_text(d.title, d.text) for d in documents]))
    except Exception:  # find the document that broke the batch, one by one
        return [analyze_safely(document, nlp) for document in documents]
    results = []
    for document, doc in zip(documents, docs, strict=False):
        results.append(analyze_safely(document, nlp, doc))
        # the views and tables kept on the Doc refer back to it: without them reference counting
        # frees the Doc now, instead of the cyclic collector later (peak memory)
        doc.user_data.clear()
    return results


def fit_max_length(nlp: Language, documents: list[Document]) -> None:
    """Let spaCy take every document ingest accepted (``--max-chars``).

    spaCy's ``max_length`` guards the memory of its own parser and entity recognizer, which
    kronika does not run; kronika's components are linear in the length of a document, and
    ingest already bounds that length.
    """
    longest = max((len(analysed_text(d.title, d.text)) for d in documents), default=0)
    if longest >= nlp.max_length:
        nlp.max_length = longest + 1


def analyze_safely(
    document: Document, nlp: Language, doc: Doc | None = None
) -> Analysis | AnalysisError:
    """``analyze_document``, turning a failure into an error that names the document."""
    try:
        return analyze_document(document, nlp, doc)
    except Exception as error:  # one bad document must not stop a corpus build
        return analysis_failed(document, error)


def analysis_failed(document: Document, error: Exception) -> AnalysisError:
    """The error reported for a document whose analysis raised ``error``."""
    return AnalysisError(
        f"analysis failed ({type(error).__name__}: {shorten(str(error))}); the document was "
        "skipped, please report it",
        source=document.source,
        document_id=document.id,
    )


def analyze_many(
    documents: Iterable[Document], *, workers: int = 1, ner: str = "auto"
) -> Iterator[Analysis | AnalysisError]:
    """Analyses in input order, or the error of a document that failed.

    ``workers`` > 1 maps over that many processes; a worker that dies or is stuck fails the
    documents of its batch (as AnalysisErrors) and the run goes on with a new pool."""
    batches = _batches(documents, BATCH_SIZE)
    if workers <= 1:
        nlp = load(ner)
        with analysis_heap():
            for batch in batches:
                yield from analyze_batch(batch, nlp)
        return
    pool = _Pool(workers, ner)
    try:
        # a bounded window of batches in flight keeps memory flat and output in input order
        for batch in batches:
            pool.submit(batch)
            if len(pool.pending) >= 2 * workers:
                yield from pool.next_result()
        while pool.pending:
            yield from pool.next_result()
    finally:
        # also on Ctrl-C, SIGTERM (turned into an exception by the CLI) or an abandoned iterator
        pool.terminate()


class _Pool:
    """Worker processes with a queue of batches, replaced whole when a worker dies or hangs."""

    def __init__(self, workers: int, ner: str) -> None:
        # fork shares the loaded libraries; each worker still loads its own pipeline once
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._context = multiprocessing.get_context(method)
        self._workers, self._ner = workers, ner
        self._executor = self._start()
        self.pending: deque[tuple[list[Document], Future[list[Analysis | AnalysisError]]]] = deque()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self._workers, mp_context=self._context, initializer=_init_worker, initargs=(self._ner,)
        )

    def submit(self, batch: list[Document]) -> None:
        self.pending.append((batch, self._executor.submit(_work, batch)))

    def next_result(self) -> list[Analysis | AnalysisError]:
        """The results of the oldest batch in flight."""
        batch, future = self.pending.popleft()
        timeout = _batch_timeout(batch)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            self._restart()
            return _failed(
                batch, f"its worker was still busy after {timeout:.0f} s and was stopped"
            )
        except BrokenProcessPool:
            # every batch in flight fails with a dead worker; rerun this one alone to tell
            # whether it is the one that kills its worker
            self._restart()
            retry = self._executor.submit(_work, batch)
            try:
                result = retry.result(timeout=timeout)
            except (BrokenProcessPool, FutureTimeout):
                self._restart()
                return _failed(batch, "its worker process died while analysing it")
            finally:
                self._resubmit()
            return result

    def _restart(self) -> None:
        """Replace the pool; the batches still in flight are resubmitted by ``_resubmit``."""
        self.terminate()
        self._executor = self._start()

    def _resubmit(self) -> None:
        batches = [batch for batch, _future in self.pending]
        self.pending.clear()
        for batch in batches:
            self.submit(batch)

    def terminate(self) -> None:
        """Stop every worker now, busy or not (shutdown alone waits for running batches)."""
        # ProcessPoolExecutor has no public way to stop a running worker before Python 3.14
        processes = list((self._executor._processes or {}).values())
        for process in processes:
            process.terminate()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=5)


def _batch_timeout(batch: list[Document]) -> float:
    return BATCH_TIMEOUT + SECONDS_PER_CHAR * sum(len(document.text) for document in batch)


def _failed(batch: list[Document], why: str) -> list[Analysis | AnalysisError]:
    return [
        AnalysisError(
            f"analysis failed: {why}; the document was skipped (its batch of {len(batch)} "
            "documents too). Rerun with --workers 1 to find the document, and please report it",
            source=document.source,
            document_id=document.id,
        )
        for document in batch
    ]
