"""Document -> Analysis: the pure per-document step, and the engines that map it over a corpus.

``analyze_document`` holds no state beyond the loaded pipeline, so the local process engine (and
later a cluster engine) can run it anywhere; its result is a frozen ``kronika.model.Analysis``,
cheap to pickle. The extractors still return contract JSON; it becomes typed objects here, at
their boundary.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Registering kronika's components with spaCy is the purpose of these imports.
import kronika.lang.components
import kronika.lang.sentences
import kronika.ner.mentions
import kronika.ner.rules  # noqa: F401
from kronika.errors import AnalysisError
from kronika.extract.facts import find_memberships, find_polls
from kronika.extract.quotes import find_quotes
from kronika.extract.roles import find_roles
from kronika.extract.timex import document_date_range, find_timexes, infer_document_date
from kronika.ingest import Document
from kronika.ingest.document import DATE_PRECISION
from kronika.model import CONTRACT_VERSION, Analysis, DateRange, Fact, Quote, Span, Timex
from kronika.ner.evidence import detected_mentions, kb_names
from kronika.resolve import link_document
from kronika.resolve.descriptions import office_mentions
from kronika.resolve.entities import link_short_names
from kronika.resolve.facts import FoundRelation, link_facts
from kronika.resolve.quotes import link_quotes

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
    """kronika's spaCy pipeline. ``ner`` is ``trained``, ``rules`` or ``auto`` (trained if shipped)."""
    if ner == "auto":
        ner = "trained" if trained_ner_available() else "rules"
    nlp = spacy.blank("pl")
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
) -> tuple[str | None, str | None, list[dict[str, Any]], DateRange | None]:
    """The document's date and its source, its timexes (extract's JSON) resolved against that
    date, and for an inferred date the range its text allows."""
    date, date_source = document.date, document.date_source
    timexes = find_timexes(doc, date)
    if date is None:
        # relative expressions need a date: infer one from the text, then resolve again
        date, _precision = infer_document_date(doc, timexes)
        if date is not None:
            date_source = "inferred"
            timexes = find_timexes(doc, date)
    if date_source != "inferred":
        return date, date_source, timexes, None
    earliest, latest = document_date_range(doc, timexes)
    return date, date_source, timexes, DateRange(earliest, latest)


def analyze_document(document: Document, nlp: Language, doc: Doc | None = None) -> Analysis:
    """What kronika finds in ``document``; ``doc`` is its spaCy Doc if already made."""
    if doc is None:
        doc = nlp(document.text)
    text = document.text
    date, date_source, found_timexes, date_range = _dated(doc, document)
    timexes = tuple(Timex.from_json(item) for item in found_timexes)
    # "prezydent Rosji" is a mention of the office holder of the article's year
    year = int(date[:4]) if date else None
    detected = link_short_names(detected_mentions(doc), kb_names(doc))
    detected = sorted(
        detected + office_mentions(detected, text, year),
        key=lambda item: (item.mention.start, item.mention.end),
    )
    mentions, entities = link_document(detected, text)
    sentences = [sent for sent in doc.sents if text[sent.start_char : sent.end_char].strip()]
    spans = tuple(_trimmed(sent.start_char, sent.end_char, text) for sent in sentences)
    found_quotes = [Quote.from_json(item) for item in find_quotes(doc)]
    quotes = link_quotes(found_quotes, mentions, spans, timexes, date, entities)
    facts, relations = link_facts(
        [Fact.from_json(item) for item in find_polls(doc, found_timexes)],
        [
            FoundRelation.from_json(item)
            for item in find_memberships(doc, found_timexes) + find_roles(doc)
        ],
        mentions,
        spans,
        timexes,
        date,
        quotes,
    )
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
        text=text,
        sentences=spans,
        entities=entities,
        mentions=mentions,
        timexes=timexes,
        quotes=quotes,
        relations=relations,
        facts=facts,
        sentence_lemmas=tuple(
            " ".join(t.lemma_ for t in sent if not (t.is_punct or t.is_space)) for sent in sentences
        ),
    )


def _trimmed(start: int, end: int, text: str) -> Span:
    """Sentence offsets without the trailing whitespace (line breaks) spaCy attaches."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


# --- engines -----------------------------------------------------------------------------------

_worker_nlp: Language | None = None


def _init_worker(ner: str) -> None:
    global _worker_nlp
    _worker_nlp = load(ner)


#: Documents that go through the spaCy pipeline together: the model is several times faster per
#: word on a batch than on one document at a time, and its decoder still gains from 16 to 32.
BATCH_SIZE = 32


def _work(documents: list[Document]) -> list[Analysis | AnalysisError]:
    assert _worker_nlp is not None, "worker used before _init_worker"
    return analyze_batch(documents, _worker_nlp)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def analyze_batch(documents: list[Document], nlp: Language) -> list[Analysis | AnalysisError]:
    """Analyses of ``documents`` in order, the spaCy pipeline run over them as one batch."""
    try:
        docs = list(nlp.pipe([document.text for document in documents]))
    except Exception:  # find the document that broke the batch, one by one
        return [analyze_safely(document, nlp) for document in documents]
    return [analyze_safely(document, nlp, doc) for document, doc in zip(documents, docs)]


def analyze_safely(
    document: Document, nlp: Language, doc: Doc | None = None
) -> Analysis | AnalysisError:
    """``analyze_document``, turning a failure into an error that names the document."""
    try:
        return analyze_document(document, nlp, doc)
    except Exception as error:  # one bad document must not stop a corpus build
        return AnalysisError(
            f"analysis failed ({type(error).__name__}: {error}); the document was skipped, "
            "please report it",
            source=document.source,
            document_id=document.id,
        )


def analyze_many(
    documents: Iterable[Document], *, workers: int = 1, ner: str = "auto"
) -> Iterator[Analysis | AnalysisError]:
    """Analyses in input order, or the error of a document that failed.

    ``workers`` > 1 maps over that many processes."""
    batches = _batches(documents, BATCH_SIZE)
    if workers <= 1:
        nlp = load(ner)
        for batch in batches:
            yield from analyze_batch(batch, nlp)
        return
    # fork shares the loaded libraries; each worker still loads its own pipeline once
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_init_worker, initargs=(ner,)) as pool:
        for analyses in pool.imap(_work, batches):
            yield from analyses
