"""NKJP named entities (IOB, nested labels joined with ``#``) → spaCy DocBin corpora.

The PolDeepNer export of the NKJP 1-million-word subcorpus has one token per line,
``orth<TAB>base<TAB>ctag<TAB>label``, blank lines between sentences and ``-DOCSTART FILE …`` lines
between documents. A label holds one IOB tag per nesting level, outermost first, joined with ``#``:
``I-persName#B-persName-surname`` is inside a ``persName`` and begins its ``persName_surname``.
Subtypes are written with a hyphen in the file (``placeName-country``); kronika (and PolEval)
spell them with an underscore (``placeName_country``), so they are rewritten on reading.

Usage (also called by ``training/train.sh``)::

    python training/nkjp.py DATA_DIR_OR_FILE training/corpus [--seed 13]

writes ``train.spacy``, ``dev.spacy`` and ``test.spacy``: a document-level 80/10/10 split with a
fixed seed, so the test documents never leak into training or tuning.
"""

from __future__ import annotations

import argparse
import lzma
import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

#: The file inside the ``nkjp-ner`` data folder.
IOB_NAME = "nkjp-nested-simplified-v2.iob.xz"
#: Span group holding every gold entity, all nesting levels (also kronika's runtime interface).
ALL_KEY = "ner"
#: Span group holding the nested (level ≥ 1) entities only: the inner layer's training target.
INNER_KEY = "ner_inner"
DEFAULT_SEED = 13

# Tokens glued to the previous one: NKJP stores no spacing, so a readable text is rebuilt from
# the usual Polish typography. A wrong guess only changes the text the tokenizer sees.
NO_SPACE_BEFORE = frozenset(",.:;!?)]}…%") | {"...", "''", "”", "»"}
NO_SPACE_AFTER = frozenset("([{„«") | {"``"}


@dataclass(frozen=True, slots=True)
class Span:
    """An entity over sentence tokens ``start``..``end`` (exclusive) at nesting ``level``
    (0 = top)."""

    start: int
    end: int
    label: str
    level: int = 0


@dataclass(slots=True)
class Sentence:
    words: list[str] = field(default_factory=list)
    ctags: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class NkjpDocument:
    id: str
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def n_tokens(self) -> int:
        return sum(len(s.words) for s in self.sentences)


def normalize_label(raw: str) -> str:
    """``placeName-country`` → ``placeName_country``; a main type stays as it is."""
    category, sep, subtype = raw.partition("-")
    return f"{category}_{subtype}" if sep else category


def parse_tag(tag: str) -> list[tuple[str, str]]:
    """``I-persName#B-persName-surname`` → ``[("I", "persName"), ("B", "persName_surname")]``.

    ``O`` (outside every entity) gives an empty list; each item is one nesting level.
    """
    if tag in ("", "O"):
        return []
    levels: list[tuple[str, str]] = []
    for part in tag.split("#"):
        prefix, sep, raw = part.partition("-")
        if not sep or prefix not in ("B", "I"):
            raise ValueError(f"not an IOB tag: {tag!r}")
        levels.append((prefix, normalize_label(raw)))
    return levels


def decode_spans(tags: Sequence[str]) -> list[Span]:
    """Entity spans of one sentence from its per-token nested IOB tags.

    Each level is decoded on its own. An ``I-`` that does not continue an open span of the same
    label starts a new one (the file has a handful of such tags; dropping them loses entities).
    A span at an inner level is closed when its token no longer carries that level.
    """
    spans: list[Span] = []
    open_spans: dict[int, tuple[int, str]] = {}  # level -> (start, label)
    for i, tag in enumerate(tags):
        levels = parse_tag(tag)
        for level in sorted(open_spans):
            start, label = open_spans[level]
            continues = (
                level < len(levels) and levels[level][0] == "I" and levels[level][1] == label
            )
            if not continues:
                spans.append(Span(start, i, label, level))
                del open_spans[level]
        for level, (_prefix, label) in enumerate(levels):
            if level not in open_spans:
                open_spans[level] = (i, label)
    for level, (start, label) in open_spans.items():
        spans.append(Span(start, len(tags), label, level))
    spans.sort(key=lambda s: (s.start, -s.end, s.level))
    return spans


def _open_text(path: Path) -> TextIO:
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def resolve_path(data: Path) -> Path:
    """Accept the ``nkjp-ner`` folder or the IOB file itself."""
    if data.is_dir():
        for name in (IOB_NAME, IOB_NAME.removesuffix(".xz")):
            if (data / name).exists():
                return data / name
        raise FileNotFoundError(f"{data}: no {IOB_NAME} in this folder")
    if not data.exists():
        raise FileNotFoundError(f"{data}: no such file")
    return data


def parse_iob(lines: Iterable[str]) -> Iterator[NkjpDocument]:
    """Documents from the IOB lines (``-DOCSTART CONFIG`` header lines are skipped)."""
    doc: NkjpDocument | None = None
    words: list[str] = []
    ctags: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words and doc is not None:
            doc.sentences.append(Sentence(list(words), list(ctags), decode_spans(tags)))
        words.clear()
        ctags.clear()
        tags.clear()

    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART"):
            flush()
            fields = line.split()
            if len(fields) >= 3 and fields[1] == "FILE":
                if doc is not None and doc.sentences:
                    yield doc
                doc = NkjpDocument(fields[2].removeprefix("./"))
            continue
        if not line.strip():
            flush()
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise ValueError(f"line {number}: expected 4 tab-separated columns, got {len(cols)}")
        if doc is None:
            doc = NkjpDocument("unnamed")
        words.append(cols[0])
        ctags.append(cols[2])
        tags.append(cols[3])
    flush()
    if doc is not None and doc.sentences:
        yield doc


def read_documents(data: Path) -> list[NkjpDocument]:
    with _open_text(resolve_path(data)) as f:
        return list(parse_iob(f))


def spaces_for(words: Sequence[str], ctags: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, guessed from Polish typography.

    No space before closing punctuation or an agglutinate (``zrobił|em``, ``zrobił|by``), none
    after an opening bracket; straight quotes alternate between opening and closing.
    """
    n = len(words)
    glue_to_previous = [False] * n
    glue_to_next = [False] * n
    quote_open = False
    for i, (word, ctag) in enumerate(zip(words, ctags, strict=False)):
        if word == '"':
            if quote_open:
                glue_to_previous[i] = True
            else:
                glue_to_next[i] = True
            quote_open = not quote_open
        elif word in NO_SPACE_BEFORE:
            glue_to_previous[i] = True
        elif word in NO_SPACE_AFTER:
            glue_to_next[i] = True
        elif i > 0 and (
            ctag.startswith("aglt")
            or (word == "by" and ctag.startswith("qub") and ctags[i - 1].startswith("praet"))
        ):
            glue_to_previous[i] = True
    return [not (glue_to_next[i] or (i + 1 < n and glue_to_previous[i + 1])) for i in range(n)]


def split_documents(
    docs: Sequence[NkjpDocument], seed: int = DEFAULT_SEED
) -> dict[str, list[NkjpDocument]]:
    """80/10/10 train/dev/test by document, shuffled with ``seed`` (order of ids, not of
    reading)."""
    ordered = sorted(docs, key=lambda d: d.id)
    random.Random(seed).shuffle(ordered)
    n_dev = n_test = len(ordered) // 10
    return {
        "test": ordered[:n_test],
        "dev": ordered[n_test : n_test + n_dev],
        "train": ordered[n_test + n_dev :],
    }


def split_ids(data: Path, seed: int = DEFAULT_SEED) -> dict[str, list[NkjpDocument]]:
    return split_documents(read_documents(data), seed)


def to_spacy_doc(vocab: object, document: NkjpDocument) -> object:
    """A spaCy ``Doc`` of one NKJP document: gold top level in ``doc.ents``, all levels in
    ``doc.spans["ner"]``, the nested level in ``doc.spans["ner_inner"]``."""
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    offsets: list[int] = []
    for sentence in document.sentences:
        offsets.append(len(words))
        words.extend(sentence.words)
        sentence_spaces = spaces_for(sentence.words, sentence.ctags)
        sentence_spaces[-1] = True  # sentences are separated by a space
        spaces.extend(sentence_spaces)
        sent_starts.extend([True] + [False] * (len(sentence.words) - 1))
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts)  # type: ignore[arg-type]
    top, every, inner = [], [], []
    for offset, sentence in zip(offsets, document.sentences, strict=True):
        for s in sentence.spans:
            span = SpacySpan(doc, offset + s.start, offset + s.end, label=s.label)
            every.append(span)
            (top if s.level == 0 else inner).append(span)
    doc.ents = top
    doc.spans[ALL_KEY] = every
    doc.spans[INNER_KEY] = inner
    doc.user_data["nkjp_id"] = document.id
    return doc


def write_corpora(data: Path, out: Path, seed: int = DEFAULT_SEED) -> dict[str, int]:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("pl")
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, docs in split_ids(data, seed).items():
        db = DocBin(store_user_data=True)
        for document in docs:
            db.add(to_spacy_doc(nlp.vocab, document))
        db.to_disk(out / f"{name}.spacy")
        counts[name] = len(docs)
        tokens = sum(d.n_tokens for d in docs)
        print(f"{name}: {len(docs)} documents, {tokens} tokens -> {out / (name + '.spacy')}")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the nkjp-ner folder or its .iob(.xz) file")
    parser.add_argument("out", type=Path, help="folder for train/dev/test.spacy")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    write_corpora(args.data, args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
