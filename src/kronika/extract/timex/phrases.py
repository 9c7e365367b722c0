"""Fixed multi-word phrases and anaphors ("tego dnia", "w tym samym czasie")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kronika.extract.timex.context import _Core, _Ctx
from kronika.model import Timex


def _core_anaphor(ctx: _Ctx, i: int, previous: Sequence[Timex]) -> _Core | None:
    """ "tego dnia", "w tym samym dniu": the last full date mentioned before."""
    if not (ctx.key(i) & ctx.tables.anaphor_determiners):
        return None
    j = i + 1
    if "sam" in ctx.key(j):
        j += 1
    if "dzień" not in ctx.key(j) or ctx.text(j).lower() not in ctx.tables.day_forms:
        return None
    for item in reversed(previous):
        value = item.value or ""
        if item.type == "DATE" and re.match(r"^(\d{4}|XXXX)-\d{2}-\d{2}$", value):
            return _Core(j + 1, "DATE", value, "text", kind="day")
    return None


def _anaphor_phrase(ctx: _Ctx, i: int, previous: Sequence[Timex]) -> _Core | None:
    if not ctx.key(i) & ctx.tables.anaphor_firsts:
        return None
    for lemmas, phrase in ctx.tables.anaphor_phrases:
        if i + len(lemmas) > len(ctx.doc):
            continue
        if all(lemma in ctx.key(i + k) for k, lemma in enumerate(lemmas)):
            for item in reversed(previous):
                if item.type in {"DATE", "TIME"} and item.value and "REF" not in item.value:
                    return _Core(
                        i + len(lemmas),
                        item.type,
                        item.value,
                        "text",
                        mod=phrase.get("mod"),
                        kind="phrase",
                    )
            return None
    return None


def _phrase(ctx: _Ctx, i: int) -> _Core | None:
    candidates = [p for key in ctx.key(i) for p in ctx.tables.phrases_by_first.get(key, ())]
    for _rank, lemmas, phrase in sorted(candidates, key=lambda c: c[0]):
        if i + len(lemmas) > len(ctx.doc):
            continue
        if all(lemma in ctx.key(i + k) for k, lemma in enumerate(lemmas)):
            last = ctx.doc[i + len(lemmas) - 1]
            if phrase.get("plural") and not last.lower_.endswith(ctx.tables.plural_endings):
                continue
            return _Core(
                i + len(lemmas),
                phrase.get("type", "DATE"),
                phrase["value"],
                phrase.get("anchor"),
                mod=phrase.get("mod"),
                kind="phrase",
            )
    return None
