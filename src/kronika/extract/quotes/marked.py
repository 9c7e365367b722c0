"""Direct speech in quotation marks and after a colon (construction 3)."""

from __future__ import annotations

import re
from functools import lru_cache

from kronika.extract.quotes.dashes import _attribution_end, _last_speech_verb, _verb_after
from kronika.extract.quotes.detected import Attribution, Detected, QuoteIndex
from kronika.extract.quotes.lexicon import OPENING_QUOTES, QUOTE_PAIRS, SENTENCE_END, Lexicon
from kronika.extract.quotes.speaker_after import _subject_after
from kronika.extract.quotes.speaker_before import _subject_before
from kronika.extract.quotes.tokens import (
    _first_char_not_in,
    _is_speech_verb,
    _last_char_not_in,
    _trim_clause,
)
from kronika.extract.quotes.view import _DocView


def _quotation_marks(view: _DocView) -> list[tuple[int, int]]:
    """(open, close) character positions of balanced quotation marks within a line."""
    text = view.text
    pairs: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            ch = line[i]
            if ch in OPENING_QUOTES:
                closers = QUOTE_PAIRS[ch]
                j = i + 1
                while j < len(line) and line[j] not in closers:
                    j += 1
                if j < len(line):
                    pairs.append((pos + i, pos + j))
                    i = j + 1
                    continue
            i += 1
        pos += len(line) + 1
    return pairs


def _marked_quotes(view: _DocView, taken: QuoteIndex) -> list[Detected]:
    """Quotation-marked speech (construction 3); titles and scare quotes are not speech."""
    text = view.text
    quotes: list[Detected] = []
    for o, c in _quotation_marks(view):
        s, e = o + 1, c
        content = text[s:e]
        if taken.overlaps(s, e) or len(content.split()) < 3:
            continue
        after = text[c + 1 : c + 40]
        before = text[max(0, o - 40) : o]
        att: Attribution | None = None
        anchor = s
        # „…” – napisał X / „…”, powiedział X
        m = re.match(r"\s*[,.]?\s*[–—-]?\s*", after)
        verb = _verb_after(view, c + 1 + (m.end() if m else 0))
        if verb is not None:
            att = _subject_after(view, verb.i + 1, _attribution_end(view, verb))
            att.cue = verb.text
            anchor = verb.idx
        elif before.rstrip().endswith(":"):
            intro = _last_speech_verb(view, o - 1 - (len(before) - len(before.rstrip())))
            if intro is not None:
                att = _subject_before(view, intro)
                anchor = intro.idx
            elif _words_intro(view.lex).search(before):
                att = Attribution(zero=True)
        elif re.search(r"(?:,\s*|\s)(że|iż)\s*$", before) and re.match(
            r"\s*[.!?]?\s*(\n|$)", text[c + 1 : c + 4] + "\n"
        ):
            # a whole "że" clause in quotation marks is a direct quote
            comp = view.token_before(o)
            intro = _last_speech_verb(view, comp.idx - 1) if comp is not None else None
            if intro is not None:
                att = _subject_before(view, intro)
                anchor = intro.idx
        elif _standalone(view, o, c) and len(content.split()) >= 6:
            att = Attribution(zero=True)
        if att is None:
            continue
        quotes.append(Detected(s, e, "direct", att, anchor=anchor))
    return quotes


def _colon_quotes(view: _DocView, taken: QuoteIndex) -> list[Detected]:
    """ "X powiedziała: Jezus umarł…" — speech after a colon with no quotation mark or dash
    (scraping often drops the opening mark and leaves the closing one)."""
    text, lex = view.text, view.lex
    quotes: list[Detected] = []
    for verb in view.base.having(lex.speech_verbs):
        if not _is_speech_verb(verb, lex) or taken.inside(verb.idx):
            continue
        sent = view.sent_of[verb.i]
        colon = next(
            (t for t in view.doc[verb.i + 1 : min(verb.i + 7, sent.end + 1)] if t.text == ":"), None
        )
        if colon is None or any(
            t.text.lower() in lex.complementizers or t.text == "."
            for t in view.doc[verb.i + 1 : colon.i]
        ):
            continue
        first = view.token_at(colon.idx + 1)
        if first is None or "\n" in text[colon.idx : first.idx] or not first.text[:1].isupper():
            continue
        start = first.idx
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        # an orphan closing mark ends it; otherwise the sentence does
        end = None
        depth = 0
        for i in range(start, line_end):
            if text[i] in "„«":
                depth += 1
            elif text[i] in "”»":
                if depth == 0:
                    end = i
                    break
                depth -= 1
        if end is None:
            end = view.sent_of[first.i].end_char
        s, e = _trim_clause(text, start, end)
        if len(text[s:e].split()) < 3 or taken.overlaps(s, e):
            continue
        att = _subject_before(view, verb, taken)
        quotes.append(Detected(s, e, "direct", att, anchor=verb.idx))
    return quotes


def _standalone(view: _DocView, o: int, c: int) -> bool:
    """A quotation that is a whole sentence or paragraph by itself."""
    text = view.text
    before = _last_char_not_in(text, o, " \t")
    after = _first_char_not_in(text, c + 1, " \t")
    starts = before < 0 or text[before] in SENTENCE_END | {"\n"}
    ends = (
        after >= len(text)
        or text[after] in "\n"
        or (text[after] in SENTENCE_END and (after + 1 == len(text) or text[after + 1] in " \n"))
    )
    return starts and ends


@lru_cache(maxsize=1)
def _words_intro_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(" + "|".join(re.escape(stem) for stem in stems) + r")\w*\s*:\s*$")


def _words_intro(lex: Lexicon) -> re.Pattern[str]:
    """ "…słowa:", "…wpis:" right before a quotation mark: a quotation introduced by a noun."""
    return _words_intro_pattern(lex.quotation_nouns)
