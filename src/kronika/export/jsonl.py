"""The contract as JSON Lines, and reading such an export back."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kronika.errors import InputError
from kronika.model import Analysis


def write(analyses: Iterable[Analysis], out: Path) -> None:
    with out.open("w", encoding="utf-8") as stream:
        write_stream(analyses, stream)


def write_stream(analyses: Iterable[Analysis], stream: TextIO) -> None:
    stream.writelines(json.dumps(a.to_json(), ensure_ascii=False) + "\n" for a in analyses)


def surface_words(sentence: str) -> str:
    """A sentence's words without punctuation: what stands in for its lemmas in a rebuilt
    database (the export carries no lemmas; lemma search then matches the text's own forms)."""
    words = (word.strip(".,;:!?\"'„”«»()[]–—-") for word in sentence.split())
    return " ".join(word for word in words if word)


def read(path: Path, *, lemmatize: Callable[[str], str] = surface_words) -> Iterator[Analysis]:
    """Analyses of a jsonl export; ``lemmatize`` makes each sentence's lemma string for the
    store's full-text index."""
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                analysis = Analysis.from_json(json.loads(line))
            except (json.JSONDecodeError, TypeError, KeyError) as error:
                raise InputError(
                    f"not a kronika contract record ({error}); pass a file written by "
                    "`kronika export --format jsonl`",
                    source=str(path),
                    line=number,
                ) from error
            lemmas = tuple(lemmatize(analysis.text[s.start : s.end]) for s in analysis.sentences)
            yield _with_lemmas(analysis, lemmas)


def _with_lemmas(analysis: Analysis, lemmas: tuple[str, ...]) -> Analysis:
    return dataclasses.replace(analysis, sentence_lemmas=lemmas)
