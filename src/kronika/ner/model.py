"""The trained NKJP named-entity model as one kronika pipeline component, ``kronika_ner``.

The model in ``kronika/ner/model/`` is a spaCy pipeline trained by ``training/train.sh``:
``morphology → tok2vec → ner → spancat``. Its ``ner`` predicts the top level of the NKJP scheme
(``persName``, ``orgName``, ``placeName_country``, ``date``, …) into ``doc.ents``; its
``spancat`` predicts the nested level (``persName_forename``, ``persName_surname``,
``persName_addName``, ``placeName_settlement`` inside an ``orgName``). ``kronika_ner`` runs
those three trained components on kronika's own doc (already tokenized, with the SGJP features of
``kronika_morphology`` the model was trained on) and writes every predicted span, both levels,
into ``doc.spans["ner"]``: the group other NER sources (rules) also write and the mention
builder reads. :func:`top_level_spans` separates the levels again.

Usage::

    nlp = spacy.blank("pl")
    nlp.add_pipe("kronika_morphology")
    nlp.add_pipe("kronika_ner")
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import Ops, get_current_ops, use_ops
from thinc.types import Ragged
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

import kronika.lang.components  # noqa: F401  (the model's features come from kronika_morphology)
from kronika.errors import ModelError

#: Where the packaged model lives.
MODEL_DIR = Path(__file__).resolve().parent / "model"
#: The span group kronika's NER sources write (all nesting levels).
SPANS_KEY = "ner"
#: The span group the model's own span categorizer writes (the nested level only).
INNER_KEY = "ner_inner"
#: The trained components, in the order they run.
TRAINED_PIPES = ("tok2vec", "ner", "spancat")
#: Which outer category each nested label may sit in: a nested span outside one is dropped,
#: because the nested level is only defined inside its parent (PolEval scores it there too).
INNER_PARENTS: dict[str, frozenset[str]] = {
    "persName_forename": frozenset({"persName"}),
    "persName_surname": frozenset({"persName"}),
    "persName_addName": frozenset({"persName"}),
    "placeName_settlement": frozenset({"orgName"}),
}
#: Top-level categories that have a nested level, and the longest nested span looked for
#: (99.9% of NKJP's nested spans have 1-3 tokens; the model was trained on 1-3-grams).
PARENT_LABELS = frozenset(label for parents in INNER_PARENTS.values() for label in parents)
MAX_INNER_LENGTH = 3


def suggest_inside_parents(docs: Iterable[Doc], *, ops: Ops | None = None) -> Ragged:
    """Candidate nested spans: the 1-3-grams inside each predicted ``persName``/``orgName``.

    Training scored every 1-3-gram of the text; at run time only those inside a parent can be
    kept, so only they are scored: about a tenth of the work, and no orphan forenames.
    """
    ops = ops or get_current_ops()
    spans: list[tuple[int, int]] = []
    lengths: list[int] = []
    for doc in docs:
        before = len(spans)
        for ent in doc.ents:
            if ent.label_ not in PARENT_LABELS:
                continue
            for size in range(1, MAX_INNER_LENGTH + 1):
                spans.extend(
                    (start, start + size) for start in range(ent.start, ent.end - size + 1)
                )
        lengths.append(len(spans) - before)
    data = ops.asarray2i(spans) if spans else ops.alloc2i(0, 0)
    return Ragged(data, ops.asarray1i(lengths))


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_DIR) -> Language:
    """The trained pipeline at ``path``, loaded once per process (a read-only resource)."""
    path = Path(path)
    missing = [
        name for name in ("config.cfg", "meta.json", *TRAINED_PIPES) if not (path / name).exists()
    ]
    if missing:
        raise ModelError(
            f"the NER model at {path} is missing ({', '.join(missing)} not found); reinstall "
            "kronika, or rebuild the model with `bash training/train.sh PATH/TO/nkjp-ner`"
        )
    try:
        # The model's layers do their matrix products with numpy (its OpenBLAS picks a kernel for
        # the CPU at run time) rather than thinc's default, BLIS: BLIS falls back to its generic
        # reference kernel on CPUs it does not know (AMD Zen 4 here), 3-4x slower.
        # The model's own morphology component is not needed: kronika's pipeline runs one.
        with use_ops("numpy", use_blis=False):
            model = spacy.load(path, exclude=["morphology"])
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(
            f"the NER model at {path} cannot be loaded ({error}); reinstall kronika, or rebuild "
            "it with `bash training/train.sh PATH/TO/nkjp-ner`"
        ) from error
    # The nested layer runs after the top level here, so it only needs to look inside parents.
    model.get_pipe("spancat").suggester = suggest_inside_parents  # type: ignore[attr-defined]
    return model


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _batches(docs: Iterable[Doc], most_docs: int, most_words: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    words = 0
    for doc in docs:
        batch.append(doc)
        words += len(doc)
        if len(batch) >= most_docs or words >= most_words:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


def _is_inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def top_level_spans(spans: Iterable[Span]) -> list[Span]:
    """The spans not nested in another span of the group (NKJP's level 0), in text order.

    A nested span may have the very extent of its parent ("Kowalski" is a ``persName`` and its
    ``persName_surname``), so nesting is told by the labels in :data:`INNER_PARENTS`, not by
    extent alone.
    """
    spans = list(spans)
    result: list[Span] = []
    for span in spans:
        parents = INNER_PARENTS.get(span.label_)
        nested = False
        for other in spans:
            if other is span or not _is_inside(span, other):
                continue
            larger = (other.end - other.start) > (span.end - span.start)
            if larger or (parents is not None and other.label_ in parents):
                nested = True
                break
        if not nested:
            result.append(span)
    result.sort(key=lambda s: (s.start, s.end))
    return result


def _has_parent(span: Span, top: Sequence[Span], starts: Sequence[int]) -> bool:
    """Whether a top-level entity of a fitting label holds ``span``. The top level does not
    overlap and is in text order, so the one candidate is the last entity starting at or before
    the span: a binary search, not a scan of every entity (which made long documents
    quadratic)."""
    index = bisect_right(starts, span.start) - 1
    if index < 0:
        return False
    parent = top[index]
    return parent.label_ in INNER_PARENTS.get(span.label_, ()) and _is_inside(span, parent)


class NerComponent:
    """Runs the packaged model's tok2vec, ner and spancat; writes ``doc.spans["ner"]``."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        model: str | Path | None = None,
        spans_key: str = SPANS_KEY,
        filter_inner: bool = True,
        batch_words: int = 1500,
        group_words: int = 20000,
        greedy_words: int = 5000,
    ) -> None:
        self.name = name
        self.batch_words = batch_words
        self.group_words = group_words
        self.greedy_words = greedy_words
        self.spans_key = spans_key
        self.filter_inner = filter_inner
        trained = load_model(Path(model) if model is not None else MODEL_DIR)
        # the trained pipes are spaCy's TrainablePipes; get_pipe types them as plain callables
        self.pipes: list[Any] = [trained.get_pipe(pipe) for pipe in TRAINED_PIPES]
        ner, spancat = self.pipes[1], self.pipes[2]
        self.labels: tuple[str, ...] = tuple(sorted(set(ner.labels) | set(spancat.labels)))
        # The model predicts label hashes from its own vocabulary; the host doc's vocabulary must
        # know their strings for ``span.label_``.
        for label in self.labels:
            nlp.vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Annotate ``docs`` in groups of at most ``batch_size`` docs and ``group_words`` words.

        The encoder runs over at most ``batch_words`` words at a time: ``nlp.pipe`` passes its
        own batch size (1000 docs by default), and batches of ~100k words make the encoder
        allocate arrays of hundreds of MB, so the kernel's page-fault work (system time)
        outweighs the arithmetic (measured: 97 vs 60 µs/word for 90k- vs 1.5k-word batches).
        The decoder wants the larger group: it steps through all its documents at once.
        """
        for group in _batches(docs, batch_size, self.group_words):
            yield from self._annotate(group)

    def _annotate(self, group: list[Doc]) -> list[Doc]:
        tok2vec, ner, spancat = self.pipes
        # One BLAS thread: the products are small, and OpenBLAS's threads spin while they wait,
        # which costs 2-3x the CPU time; parallelism comes from analyze_many's worker processes.
        with _blas().limit(limits=1, user_api="blas"):
            for batch in _batches(group, len(group), self.batch_words):
                tok2vec.set_annotations(batch, tok2vec.predict(batch))  # sets doc.tensor
            # spaCy's greedy decoder calls BLIS for every state at every step; its beam decoder
            # scores all the states of a step with one product, and with a beam of one it makes
            # the same choices (checked on all 803 BSNLP documents): about 2x faster on groups
            # of 16 or more documents.
            # ...but the beam copies a state's whole history at every step, so its time grows
            # with the square of a document's length (1M characters: 70 s of 140): long
            # documents go to the greedy decoder, which makes the same choices in linear time.
            short = [doc for doc in group if len(doc) <= self.greedy_words]
            long = [doc for doc in group if len(doc) > self.greedy_words]
            if short:
                ner.set_annotations(short, ner.beam_parse(short, beam_width=1))
            if long:
                ner.set_annotations(long, ner.greedy_parse(long, drop=0.0))
            spancat.set_annotations(group, spancat.predict(group))
        for doc in group:
            self.set_annotations(doc)
        return group

    def set_annotations(self, doc: Doc) -> None:
        top = list(doc.ents)
        inner: Sequence[Span] = list(doc.spans.get(INNER_KEY, []))
        if INNER_KEY in doc.spans:
            del doc.spans[INNER_KEY]
        if self.filter_inner:
            starts = [entity.start for entity in top]
            inner = [span for span in inner if _has_parent(span, top, starts)]
        existing = list(doc.spans.get(self.spans_key, []))
        seen = {(s.start, s.end, s.label) for s in existing}
        merged = existing + [s for s in [*top, *inner] if (s.start, s.end, s.label) not in seen]
        merged.sort(key=lambda s: (s.start, -s.end))
        doc.spans[self.spans_key] = merged


@Language.factory(
    "kronika_ner",
    assigns=["doc.ents", "doc.spans", "doc.tensor"],
    requires=["token.tag", "token.lemma"],
    default_config={"model": None, "spans_key": SPANS_KEY, "filter_inner": True},
)
def make_ner(
    nlp: Language, name: str, model: str | None, spans_key: str, filter_inner: bool
) -> NerComponent:
    """``nlp.add_pipe("kronika_ner")``; raises :class:`ModelError` when the model is missing."""
    return NerComponent(nlp, name, model=model, spans_key=spans_key, filter_inner=filter_inner)
