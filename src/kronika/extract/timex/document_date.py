"""Dating an undated document from the dates its text reports (``infer_document_date``) and
the range its tenses allow (``document_date_range``)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from kronika.extract.time import is_calendar
from kronika.extract.timex.calendar import _tense
from kronika.extract.timex.context import _Anchor, _Ctx
from kronika.extract.timex.vocabulary import _vocabulary
from kronika.model import Timex

_PRECISION = {4: "year", 7: "month", 10: "day"}


def infer_document_date(doc: Doc, timexes: Iterable[Timex]) -> tuple[str | None, str | None]:
    """For an undated document: (date, precision) inferred from the text, or (None, None).

    Evidence, strongest first: the latest explicit absolute date (day, month or year) that the text
    mentions outside future-tense sentences — news reports what has happened, so the publication
    date is on or after the latest past event. A future-only mention is not evidence of the
    publication date and is ignored. Nothing is invented: without an absolute date, no date."""
    vocab = _vocabulary()
    ctx = _Ctx(doc, vocab, _Anchor())
    candidates: list[str] = []
    for item in timexes:
        value = item.value or ""
        if item.anchor != "absolute" or item.type != "DATE":
            continue
        if item.mod in {"START", "AFTER", "BEFORE"}:
            continue  # "od 2019 roku" bounds the date from below; it does not date the article
        if not is_calendar(value):
            continue
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None:
            continue
        tense = _tense(ctx, span.start, span.end)
        if tense == "future":
            continue
        # A past range ended before publication; a present one ("obowiązuje do 2025") may not have.
        end_value = item.end_value or ""
        if tense == "past" and is_calendar(end_value):
            value = end_value
        candidates.append(value)
    candidates.extend(_name_years(ctx, timexes))
    if not candidates:
        return None, None
    # The latest in time; at equal start, the more precise one.
    best = max(candidates, key=lambda v: (v[:4], v[5:7] or "00", v[8:10] or "00", len(v)))
    return best, _PRECISION.get(len(best))


def _name_years(ctx: _Ctx, timexes: Iterable[Timex]) -> list[str]:
    """Years inside names of past events ("manewrów „Zapad 2021”", "Euro 2012") as evidence.

    They are not timexes, but an event named by its year that the text reports in the past tense
    dates the article no earlier than that year.
    """
    taken = {i for item in timexes for i in range(item.start, item.end)}
    years = []
    for token in ctx.doc:
        text = token.text
        if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
            continue
        if token.idx in taken or token.i == 0:
            continue
        previous = ctx.doc[token.i - 1]
        if not previous.text[:1].isupper() or previous.is_sent_start:
            continue
        if _tense(ctx, token.i, token.i + 1) == "past":
            years.append(text)
    return years


def document_date_range(doc: Doc, timexes: Iterable[Timex]) -> tuple[str | None, str | None]:
    """(earliest, latest) publication date the text allows: on or after every calendar date it
    reports in the past tense, before every one it announces in the future tense.

    For an undated article whose date is inferred only to the year, this narrows it down:
    "we wrześniu … zapowiedział" and "ma zostać podpisanych 4 listopada" put it between
    September and 4 November."""
    ctx = _Ctx(doc, _vocabulary(), _Anchor())
    past: list[str] = []
    future: list[str] = []
    for item in timexes:
        value = item.value or ""
        if item.type != "DATE" or not is_calendar(value):
            continue
        if item.mod in {"START", "AFTER", "BEFORE"}:
            continue  # "od 2019 roku" says when something began, not when it was reported
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None:
            continue
        tense = _tense(ctx, span.start, span.end)
        if tense == "past":
            past.append(value)
        elif tense == "future":
            future.append(value)
    earliest = max(past) if past else None
    later = [v for v in future if earliest is None or v > earliest]
    return earliest, (min(later) if later else None)
