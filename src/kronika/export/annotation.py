"""Annotation formats: brat standoff, NKJP-style IOB (CoNLL columns) and spaCy DocBin.

Mentions are what the record holds: every nesting level the named-entity model and the resolver
produced, with its NKJP label. Tokens for IOB and DocBin come from ``spacy.blank("pl")``'s
tokenizer (no pipeline is loaded), so the output is deterministic and offsets are the text's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kronika.export.common import mention_of
from kronika.model import Analysis, Mention

#: spaCy files written per DocBin chunk (a DocBin is held in memory until written)
DOCBIN_CHUNK = 1000
MENTIONS_KEY = "mentions"
_SAFE_NAME = re.compile(r"[^\w.-]")


def file_stem(analysis: Analysis) -> str:
    """A file name for the document: its id (the external one where given), made safe."""
    return _SAFE_NAME.sub("_", analysis.external_id or analysis.id)


# --- brat ----------------------------------------------------------------------------------


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``start``–``end`` cut at line breaks, which a brat span may not cross."""
    parts, position = [], start
    for piece in text[start:end].split("\n"):
        if piece.strip():
            left = position + len(piece) - len(piece.lstrip())
            right = position + len(piece.rstrip())
            parts.append((left, right))
        position += len(piece) + 1
    return parts or [(start, end)]


class _BratDocument:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.lines: list[str] = []
        self.counts: dict[str, int] = {}

    def next_id(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return f"{kind}{self.counts[kind]}"

    def span(self, label: str, start: int, end: int) -> str:
        ident = self.next_id("T")
        parts = fragments(self.analysis.text, start, end)
        offsets = ";".join(f"{s} {e}" for s, e in parts)
        text = " ".join(self.analysis.text[s:e] for s, e in parts)
        self.lines.append(f"{ident}\t{label} {offsets}\t{text}")
        return ident

    def note(self, target: str, text: str) -> None:
        self.lines.append(f"{self.next_id('#')}\tAnnotatorNotes {target}\t{text}")

    def build(self) -> str:
        a = self.analysis
        mention_ids = [self.mention(m) for m in a.mentions]
        quote_ids = [self.quote(index, mention_ids) for index in range(len(a.quotes))]
        for relation in a.relations:
            subject = mention_of(a.mentions, relation.subject, relation.start, relation.end)
            obj = mention_of(a.mentions, relation.object, relation.start, relation.end)
            if subject is None or obj is None:
                continue  # brat relates two spans; without both mentions there is nothing to draw
            ident = self.next_id("R")
            self.lines.append(
                f"{ident}\t{relation.predicate} Arg1:{mention_ids[subject]} Arg2:{mention_ids[obj]}"
            )
            notes = [f"status={relation.status}"]
            if relation.time:
                notes.append(f"time={relation.time}")
            if relation.value:
                notes.append(f"value={relation.value}")
            if relation.claim and relation.quote_index is not None:
                notes.append(f"claim in {quote_ids[relation.quote_index]}")
            self.note(ident, " ".join(notes))
        for event in a.events:
            trigger = self.span(f"Event_{event.type}", event.trigger_start, event.trigger_end)
            arguments = [f"Event_{event.type}:{trigger}"]
            for number, participant in enumerate(event.participants, start=1):
                found = mention_of(a.mentions, participant, event.start, event.end)
                if found is not None:
                    role = "Participant" if number == 1 else f"Participant{number}"
                    arguments.append(f"{role}:{mention_ids[found]}")
            place = mention_of(a.mentions, event.place, event.start, event.end)
            if place is not None:
                arguments.append(f"Place:{mention_ids[place]}")
            ident = self.next_id("E")
            self.lines.append(f"{ident}\t{' '.join(arguments)}")
            self.note(ident, f"status={event.status} time={event.time or '-'} id={event.id}")
        return "".join(line + "\n" for line in self.lines)

    def mention(self, mention: Mention) -> str:
        ident = self.span(mention.label, mention.start, mention.end)
        for flag, name in ((mention.derived, "Derived"), (mention.description, "Description")):
            if flag:
                self.lines.append(f"{self.next_id('A')}\t{name} {ident}")
        entity = next((e for e in self.analysis.entities if e.id == mention.entity), None)
        if entity is not None:
            if entity.kb and entity.kb.startswith("Q"):
                self.lines.append(
                    f"{self.next_id('N')}\tReference {ident} Wikidata:{entity.kb}\t{entity.name}"
                )
            self.note(ident, f"entity={entity.id} {entity.type} {entity.name}")
        return ident

    def quote(self, index: int, mention_ids: Sequence[str]) -> str:
        quote = self.analysis.quotes[index]
        ident = self.span("Quote", quote.start, quote.end)
        self.lines.append(f"{self.next_id('A')}\tKind {ident} {quote.kind}")
        if quote.speaker_start is not None and quote.speaker_end is not None:
            found = next(
                (
                    i
                    for i, m in enumerate(self.analysis.mentions)
                    if m.start == quote.speaker_start and m.end == quote.speaker_end
                ),
                None,
            )
            speaker = (
                mention_ids[found]
                if found is not None
                else self.span("Speaker", quote.speaker_start, quote.speaker_end)
            )
            self.lines.append(f"{self.next_id('R')}\tSaidBy Arg1:{ident} Arg2:{speaker}")
        return ident


def brat_annotations(analysis: Analysis) -> str:
    """The ``.ann`` file of one document."""
    return _BratDocument(analysis).build()


def write_brat(analyses: Iterable[Analysis], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for analysis in analyses:
        stem = file_stem(analysis)
        (out / f"{stem}.txt").write_text(analysis.text, encoding="utf-8", newline="")
        (out / f"{stem}.ann").write_text(brat_annotations(analysis), encoding="utf-8")


# --- tokens: IOB and DocBin ----------------------------------------------------------------


def _tokenizer() -> Any:
    import spacy

    return spacy.blank("pl")


def nesting_levels(mentions: Sequence[Mention]) -> list[int]:
    """Each mention's level: 0 outermost, 1 inside one other mention, …; a mention crossing
    another's boundary takes the lowest level free over its span."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, -mentions[i].end))
    levels = [0] * len(mentions)
    busy: list[int] = []  # end offset of the mention open at each level
    for i in order:
        mention = mentions[i]
        level = next((lv for lv, end in enumerate(busy) if end <= mention.start), len(busy))
        if level == len(busy):
            busy.append(mention.end)
        else:
            busy[level] = mention.end
        levels[i] = level
    return levels


def iob_tags(analysis: Analysis, tokens: Sequence[tuple[int, int]]) -> list[str]:
    """NKJP-style nested IOB tags of the tokens (``(start, end)`` offsets): levels joined by
    ``#`` from the outermost, labels as NKJP writes them (``B-persName#B-persName-forename``)."""
    mentions = analysis.mentions
    levels = nesting_levels(mentions)
    per_token: list[dict[int, str]] = [{} for _ in tokens]
    for mention, level in zip(mentions, levels, strict=False):
        first = True
        for index, (start, end) in enumerate(tokens):
            if start < mention.end and mention.start < end and level not in per_token[index]:
                prefix = "B" if first else "I"
                per_token[index][level] = f"{prefix}-{mention.label.replace('_', '-')}"
                first = False
    tags = []
    for levels_of_token in per_token:
        parts = [levels_of_token[lv] for lv in sorted(levels_of_token)]
        tags.append("#".join(parts) if parts else "O")
    return tags


def conll_lines(analysis: Analysis, nlp: Any) -> Iterator[str]:
    """One document: a ``-DOCSTART FILE`` line, then ``orth start end tag`` per token and an
    empty line after each sentence."""
    doc = nlp.make_doc(analysis.text)
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    words = [t.text for t in doc if not t.is_space]
    tags = iob_tags(analysis, tokens)
    ends = sorted(s.end for s in analysis.sentences)
    yield f"-DOCSTART FILE {analysis.id}"
    sentence = 0
    for word, (start, end), tag in zip(words, tokens, tags, strict=False):
        while sentence < len(ends) and start >= ends[sentence]:
            sentence += 1
            yield ""
        yield f"{word}\t{start}\t{end}\t{tag}"
    yield ""


def write_conll(analyses: Iterable[Analysis], out: Path) -> None:
    nlp = _tokenizer()
    with out.open("w", encoding="utf-8") as stream:
        stream.write("-DOCSTART CONFIG FEATURES orth start end\n")
        for analysis in analyses:
            for line in conll_lines(analysis, nlp):
                stream.write(line + "\n")


def spacy_doc(analysis: Analysis, nlp: Any) -> Any:
    """A spaCy Doc: every mention in ``doc.spans["mentions"]``, the outermost non-overlapping
    ones as ``doc.ents``; the document id in ``doc.user_data["id"]``."""
    from spacy.util import filter_spans

    doc = nlp.make_doc(analysis.text)
    spans = []
    for mention in analysis.mentions:
        span = doc.char_span(
            mention.start, mention.end, label=mention.label, alignment_mode="expand"
        )
        if span is not None and len(span):
            spans.append(span)
    doc.spans[MENTIONS_KEY] = spans
    doc.ents = filter_spans(spans)
    doc.user_data["id"] = analysis.id
    return doc


def write_docbin(analyses: Iterable[Analysis], out: Path, *, chunk: int = DOCBIN_CHUNK) -> None:
    """A folder of ``.spacy`` files of ``chunk`` documents each (``spacy train`` reads a folder
    as one corpus)."""
    from spacy.tokens import DocBin

    out.mkdir(parents=True, exist_ok=True)
    nlp = _tokenizer()
    part, docs = 0, DocBin(store_user_data=True)
    for analysis in analyses:
        docs.add(spacy_doc(analysis, nlp))
        if len(docs) == chunk:
            docs.to_disk(out / f"part-{part:05d}.spacy")
            part, docs = part + 1, DocBin(store_user_data=True)
    if len(docs) or part == 0:
        docs.to_disk(out / f"part-{part:05d}.spacy")
