"""``find_polls``: poll results as data, grouped by sentence, with source and time."""

from __future__ import annotations

from spacy.tokens import Doc

from kronika.extract.facts.lexicon import DASHES
from kronika.extract.facts.shares import _shares
from kronika.extract.facts.sources import (
    LOOKBACK,
    _any_share_word,
    _fieldwork_time,
    _find_source,
    _may_hold_share,
    _Sentences,
)
from kronika.extract.facts.statements import _about, _clauses, _keep
from kronika.extract.facts.view import TimexIndex, _View
from kronika.lang.view import STATEMENT_EDGE, trim
from kronika.model import Fact, Statement, Timex


def find_polls(doc: Doc, timexes: list[Timex]) -> list[Fact]:
    """Facts of type "poll": the sentence(s) holding the numbers, the pollster as written (or
    None), the fieldwork time (or None) and a statement per share. Sources and times are texts
    here; ``resolve.facts`` links them."""
    view = _View(doc)
    if not _any_share_word(view, 0, len(doc)):
        return []
    info = _Sentences(view)
    timex_tokens = {
        t.i for x in timexes for t in (doc.char_span(x.start, x.end, alignment_mode="expand") or ())
    }

    index = TimexIndex(timexes)
    per_sentence, clause_ends = _statements_by_sentence(view, info)
    groups = _group_sentences(view, info, per_sentence, timex_tokens)
    return [
        _poll(view, info, group, per_sentence, clause_ends, index, timex_tokens) for group in groups
    ]


def _statements_by_sentence(
    view: _View, info: _Sentences
) -> tuple[dict[int, list[Statement]], dict[int, int]]:
    """Poll statements per sentence index, and where the last statement's clause ends."""
    doc, sents = view.doc, view.sents
    # 1. poll statements per sentence. Context for a share of people is a poll cue in this or a
    #    neighbouring sentence, or a run of poll sentences that had one; a bare number needs, in
    #    addition, a share of people kept in this or the previous sentence
    per_sentence: dict[int, list[Statement]] = {}
    #: where the last statement's clause ends in each sentence: the evidence stops before a dash
    #: attribution, so a poll quoted in dialogue lies inside its quotation
    clause_ends: dict[int, int] = {}
    context_run = False
    people_before = False
    for n, sent in enumerate(sents):
        if not _may_hold_share(view, sent):
            context_run = people_before = False
            continue
        shares = _shares(view, sent)
        if not shares:
            context_run = people_before = False
            continue
        _clauses(view, sent, shares)
        lemmas = info.lemmas(n)
        poll_here = info.cue(n)
        context = poll_here or info.cue(n - 1) or info.cue(n + 1) or context_run
        kept_people = [
            s for s in shares if s.people and _keep(view, s, lemmas, poll_here, context, False)
        ]
        people_near = bool(kept_people) or people_before
        kept = [
            s
            for s in shares
            if s in kept_people
            or (not s.people and _keep(view, s, lemmas, poll_here, context, people_near))
        ]
        statements: list[Statement] = []
        for share in kept:
            first, last = doc[share.start], doc[share.end - 1]
            pop = doc[share.pop_start : share.pop_end] if share.pop_end > share.pop_start else None
            statements.append(
                Statement(
                    share=share.value,
                    unit=share.unit,
                    about=_about(view, sent, share),
                    population=pop.text.strip(" ()") if pop is not None else None,
                    qualifier=share.qualifier,
                    text=view.text[first.idx : last.idx + len(last.text)],
                    start=first.idx,
                    end=last.idx + len(last.text),
                )
            )
        if statements:
            per_sentence[n] = statements
            last_clause = doc[kept[-1].clause_end - 1]
            clause_ends[n] = last_clause.idx + len(last_clause.text)
        context_run = bool(statements) and context
        people_before = bool(kept_people)

    return per_sentence, clause_ends


def _group_sentences(
    view: _View,
    info: _Sentences,
    per_sentence: dict[int, list[Statement]],
    timex_tokens: set[int],
) -> list[list[int]]:
    """Sentence indices grouped into polls."""
    sents = view.sents
    # 2. consecutive poll sentences are one poll unless a later one names its own source
    groups: list[list[int]] = []
    for n in sorted(per_sentence):
        if (
            groups
            and groups[-1][-1] == n - 1
            and not (info.cue(n) and _find_source(view, sents[n], timex_tokens))
        ):
            groups[-1].append(n)
        else:
            groups.append([n])

    return groups


def _poll(
    view: _View,
    info: _Sentences,
    group: list[int],
    per_sentence: dict[int, list[Statement]],
    clause_ends: dict[int, int],
    timexes: TimexIndex,
    timex_tokens: set[int],
) -> Fact:
    """One poll: its sentences, source, time and statements."""
    sents = view.sents
    # the source: in the group, else the sentence before, else the one after, else a poll
    # named up to LOOKBACK sentences earlier with no other poll's figures between ("…
    # wynika z sondażu IBRiS. Badanie przeprowadzono w maju. Za jest 47 proc. …")
    earlier = []
    for n in range(group[0] - 2, max(-1, group[0] - 2 - LOOKBACK), -1):
        if n in per_sentence:
            break
        earlier.append(n)
    candidates = [n for n in group + [group[0] - 1, group[-1] + 1] + earlier if info.cue(n)]
    source: tuple[int, int] | None = None
    source_sent: int | None = None
    for n in candidates:
        source = _find_source(view, sents[n], timex_tokens)
        if source is not None:
            source_sent = n
            break
    time: Timex | None = None
    ordered = ([source_sent] if source_sent is not None else []) + [
        n for n in candidates if n != source_sent
    ]
    for n in ordered:
        time = _fieldwork_time(view, sents[n], timexes, anywhere=n not in per_sentence)
        if time is not None:
            break
    first_sent, last_sent = sents[group[0]], sents[group[-1]]
    start, end = trim(view.text, first_sent.start_char, last_sent.end_char, STATEMENT_EDGE)
    end = min(len(view.text), end + (1 if view.text[end : end + 1] in {".", "!", "?"} else 0))
    dash_end = clause_ends[group[-1]]
    if dash_end < end and view.text[dash_end:end].lstrip()[:1] in DASHES:
        end = dash_end
    return Fact(
        type="poll",
        start=start,
        end=end,
        source_text=view.text[source[0] : source[1]] if source else None,
        source_start=source[0] if source else None,
        source_end=source[1] if source else None,
        time=time.value if time else None,
        time_text=time.text if time else None,
        statements=tuple(stmt for n in group for stmt in per_sentence[n]),
    )
