"""Direct speech in dialogue dashes (construction 1) and scraped pull-quotes (construction 2)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kronika.extract.quotes.detected import Attribution, Detected, QuoteIndex
from kronika.extract.quotes.lexicon import CLOSING_QUOTES, OPENING_QUOTES, SENTENCE_END
from kronika.extract.quotes.speaker_after import _subject_after
from kronika.extract.quotes.speaker_before import _subject_before
from kronika.extract.quotes.tokens import (
    _is_speech_verb,
    _last_char_not_in,
    _lines,
    _trim_clause,
)
from kronika.extract.quotes.view import _DocView
from kronika.lang.components import readings
from kronika.lang.view import trim


def _dash_quotes(view: _DocView) -> list[Detected]:
    """Dialogue dashes line by line (construction 1)."""
    text = view.text
    quotes: list[Detected] = []
    placed = QuoteIndex()
    for line_start, line in _lines(text):
        # a blank line has no dash
        dashes = [line_start + m.start() for m in re.finditer(r"(?:(?<=\s)|^)[–—-](?=\s|$)", line)]
        if not dashes:
            continue
        stripped = line_start + len(line) - len(line.lstrip())
        open_at: int | None = None
        after_attr: Attribution | None = None
        cursor = line_start
        for d in dashes:
            if d < cursor:
                continue
            verb = _verb_after(view, d + 1)
            before = text[line_start:d].rstrip()
            opening = _opens(view, d, d == stripped, before, verb is None)
            if verb is not None:
                if open_at is not None:
                    q_start = open_at
                else:
                    if before.endswith(":") or not before:
                        continue
                    q_start = view.sentence_start(d)
                    q_start = max(q_start, line_start)
                s, e = _content(text, line_start, q_start, d, open_at is None)
                sent_end = _attribution_end(view, verb)
                att = _subject_after(view, verb.i + 1, sent_end)
                att.cue = verb.text
                if e > s and len(text[s:e].split()) >= 2 and not placed.inside(s):
                    quotes.append(Detected(s, e, "direct", att, anchor=verb.idx, strong=True))
                    placed.add(quotes[-1])
                    after_attr = att
                open_at = None
                cursor = sent_end
            elif opening:
                if open_at is not None:
                    # a new dash paragraph inside the line: the previous one had no attribution
                    _close_unattributed(view, quotes, placed, open_at, d, after_attr)
                open_at = d + 1
        if open_at is not None:
            _close_unattributed(view, quotes, placed, open_at, line_start + len(line), after_attr)
    return quotes


def _opens(view: _DocView, d: int, at_line_start: bool, before: str, no_verb: bool) -> bool:
    """Whether the dash at ``d`` opens a quotation."""
    # a dash opens a quotation at the line start, or after a sentence end when speech
    # (a capitalized word) follows: "…10 proc. - wynika z danych" is no quotation
    nxt = view.token_at(d + 1)
    return at_line_start or bool(
        before
        and before[-1] in SENTENCE_END | {":", "”", '"'}
        and no_verb
        and nxt is not None
        and (nxt.text[:1].isupper() or nxt.text in OPENING_QUOTES or before[-1] == ":")
    )


def _content(text: str, line_start: int, q_start: int, d: int, unopened: bool) -> tuple[int, int]:
    """The quoted content between ``q_start`` and the attributing dash at ``d``."""
    s, e = _trim_clause(text, q_start, d)
    if e > s and text[e - 1] in CLOSING_QUOTES and unopened:
        # „Several sentences.” – napisał X: the quotation starts at its opening mark
        opening_mark = _opening_mark(text, line_start, e - 1)
        if opening_mark is not None:
            s = opening_mark
    # "„…” – napisał X": the content without its quotation marks
    if e > s and text[s] in OPENING_QUOTES and text[e - 1] in CLOSING_QUOTES:
        s, e = s + 1, e - 1
    return s, e


def _opening_mark(text: str, line_start: int, close: int) -> int | None:
    """The quotation mark in the same line that opens the one closing at ``close``."""
    closing = text[close]
    openers = {"”": '„“"', '"': '"„', "“": "„", "»": "«", "«": "»"}.get(closing, "")
    i = close - 1
    while i >= line_start:
        if text[i] in openers:
            return i
        i -= 1
    return None


def _close_unattributed(
    view: _DocView,
    quotes: list[Detected],
    placed: QuoteIndex,
    start: int,
    end: int,
    previous: Attribution | None,
) -> None:
    """A dash paragraph with no attribution of its own: the speaker comes from the context."""
    text = view.text
    s, e = trim(text, start, end, " \t\n")
    if e <= s or len(text[s:e].split()) < 3:
        return
    # A colon introduction in the previous sentence ("Powiedział: – …") keeps its cue.
    att = Attribution(zero=True)
    colon = _last_char_not_in(text, start, " –—-\t")
    if colon >= 0 and text[colon] == ":":
        verb = _last_speech_verb(view, colon)
        if verb is not None:
            att = _subject_before(view, verb)
    s, e = trim(text, s, e, " \t\n")
    while e > s and text[e - 1] in ".":
        e -= 1
    quotes.append(Detected(s, e, "direct", att, anchor=s, strong=True))
    placed.add(quotes[-1])


def _last_speech_verb(view: _DocView, char: int) -> Token | None:
    tok = view.token_before(char + 1)
    if tok is None:
        return None
    sent = view.sent_of[tok.i]
    for t in reversed(list(sent)):
        if t.i <= tok.i and _is_speech_verb(t, view.lex):
            return t
    return None


def _verb_after(view: _DocView, char: int) -> Token | None:
    """The speech verb starting the attribution after a dash ("– mówi", "– czytamy w…")."""
    tok = view.token_at(char)
    if tok is None or "\n" in view.text[char : tok.idx]:
        return None
    if tok.text[:1].isupper():
        return None
    if _is_speech_verb(tok, view.lex):
        return tok
    return None


def _attribution_end(view: _DocView, verb: Token) -> int:
    """End of the attribution clause: its sentence end, or an earlier ". –" reopening a quote."""
    text = view.text
    sent = view.sent_of[verb.i]
    # an abbreviation's period is no sentence end for us ("dominikanin o. James Channan")
    while (
        sent.end < len(view.doc)
        and len(sent) >= 2
        and sent[-1].text == "."
        and any(r.pos == "brev" for r in readings(sent[-2]))
        and "\n" not in sent.text
    ):
        sent = view.sent_of[sent.end]
    end = sent.end_char
    m = re.search(r"[.!?…](?=\s+[–—-]\s)|\n", text[verb.idx : end])
    if m:
        end = verb.idx + m.start() + 1
    return end


PULL_QUOTE = re.compile(
    r"(?P<name>(?:[A-ZŁŚŻŹĆŃÓĘĄ][\w'-]+\s+){1,2}[A-ZŁŚŻŹĆŃÓĘĄ][\w'-]+),\s+(?P<desc>[a-ząćęłńóśźż][^.!?\n]{2,80})$"
)


def _pull_quotes(view: _DocView) -> list[Detected]:
    """A line ending "… content Name Surname, description" without a final period
    (construction 2)."""
    text = view.text
    quotes: list[Detected] = []
    for line_start, line in _lines(text):
        body = line.rstrip()
        if not body or body[-1] in SENTENCE_END | CLOSING_QUOTES:
            continue
        m = PULL_QUOTE.search(body)
        if not m:
            continue
        name_start = line_start + m.start("name")
        # the name must be preceded by content in the same line
        s, e = trim(text, line_start, name_start)
        s, e = trim(text, s, e, ' \t\n„”"«»')
        if len(text[s:e].split()) < 4:
            continue
        # the first capitalized word must not be the start of a sentence of content
        first = view.token_at(name_start)
        if first is None or first.is_sent_start:
            continue
        att = Attribution(
            speaker=(name_start, line_start + m.end("name")), description=m.group("desc").strip()
        )
        quotes.append(Detected(s, e, "direct", att, anchor=name_start, strong=True))
    return quotes
