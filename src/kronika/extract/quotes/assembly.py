"""``find_quotes``: the detectors in order, overlaps settled, zero subjects resolved to speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from kronika.extract.quotes.dashes import _dash_quotes, _pull_quotes
from kronika.extract.quotes.detected import QuoteIndex
from kronika.extract.quotes.groups import (
    cue_gender,
    introduced_group,
    person_of_gender,
    plural_cue,
    speaker_gender,
)
from kronika.extract.quotes.indirect import _indirect_quotes
from kronika.extract.quotes.marked import _colon_quotes, _marked_quotes
from kronika.extract.quotes.tokens import _has_verb_reading, _lemmas, _maybe_nominative
from kronika.extract.quotes.view import _DocView
from kronika.lang.components import readings
from kronika.lang.view import trim
from kronika.model import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """The document's quotations in text order, one per speech act, each with its speaker as the
    text names or describes it (``speaker_start``/``speaker_end``; for a zero subject those of the
    speaker it continues), its cue and addressee. Speakers are linked to entities in
    ``kronika.resolve.quotes``."""
    view = _DocView(doc)
    strong = _dash_quotes(view)
    dashes = QuoteIndex(strong)
    strong += [q for q in _pull_quotes(view) if not dashes.overlaps(q.start, q.end)]
    marked = _marked_quotes(view, QuoteIndex(strong))
    marked += _colon_quotes(view, QuoteIndex(strong + marked))
    view.taken = QuoteIndex(strong + marked)
    indirect = _indirect_quotes(view, view.taken)
    # a quoted fragment inside a reported clause belongs to that clause (one record per act)
    reported = QuoteIndex(indirect)
    marked = [
        q
        for q in marked
        if not any(i.start <= q.start and q.end <= i.end for i in reported.near(q.start, q.end))
    ]
    marked_index = QuoteIndex(marked)
    indirect = [
        i
        for i in indirect
        if not any(m.start <= i.anchor < m.end for m in marked_index.near(i.anchor, i.anchor))
    ]
    quotes = sorted(strong + marked + indirect, key=lambda q: (q.anchor, q.start))
    placed = QuoteIndex(quotes)
    text = view.text
    result: list[Quote] = []
    last: tuple[int, int] | None = None
    previous_end = 0
    for q in quotes:
        att = q.attribution
        speaker = att.speaker
        if speaker is None and att.zero and plural_cue(view, q.anchor):
            # "Uważają również, że …": the group named before, not the last person
            speaker = introduced_group(view, min(q.start, q.anchor), placed)
        if speaker is None and att.zero:
            # a person named between the previous quotation and this one ("Głos zabrał też X.
            # – … – ocenił") is nearer than the previous speaker
            introduced = _introduced_person(view, previous_end, min(q.start, q.anchor), placed)
            speaker = introduced or last
            gender = cue_gender(view, q.anchor)
            if (
                gender
                and speaker is not None
                and speaker_gender(view, speaker) not in (None, gender)
            ):
                # "Jak sprecyzowała, …" is not the man just named
                speaker = person_of_gender(view, min(q.start, q.anchor), gender, placed) or speaker
        if speaker is not None:
            last = speaker
        previous_end = max(previous_end, q.end, q.anchor)
        result.append(
            Quote(
                start=q.start,
                end=q.end,
                text=text[q.start : q.end],
                kind=q.kind,
                speaker_text=text[speaker[0] : speaker[1]] if speaker else None,
                speaker_start=speaker[0] if speaker else None,
                speaker_end=speaker[1] if speaker else None,
                cue=att.cue,
                speaker_description=att.description,
                addressee_text=att.addressee,
            )
        )
    result.sort(key=lambda r: (r.start, r.end))
    return result


def _introduced_person(
    view: _DocView, start: int, end: int, quotes: QuoteIndex
) -> tuple[int, int] | None:
    """The last person mention in ``[start, end)`` outside every quotation."""
    found = None
    for m in view.mentions_in(start, end):
        if not (m._.entity_type == "person" or m.label_.startswith("persName")):
            continue
        if quotes.inside(m.start_char) or not _maybe_nominative(m[-1]):
            continue
        found = (m.start_char, m.end_char)
    described = _introduced_description(view, start, end, quotes)
    if described is None or found is None:
        return described or found
    same_sentence = view.sentence_start(described[0] + 1) == view.sentence_start(found[0] + 1)
    # the sentence's subject beats a name later in it ("… prostowała wypowiedzi Łukaszenki")
    return described if same_sentence or described[0] > found[1] else found


def _introduced_description(
    view: _DocView, start: int, end: int, quotes: QuoteIndex
) -> tuple[int, int] | None:
    """A sentence in ``[start, end)`` opening with a described person ("Najważniejsza
    kandydatka opozycji, …, prostowała te słowa."): that description introduces the speaker."""
    text = view.text
    found = None
    for sent in view.sentences_starting(start, end):
        if quotes.inside(sent.start_char):
            continue
        k = sent.start
        while (
            k < sent.end - 1
            and view.doc[k].text[:1].isalpha()
            and not _lemmas(view.doc[k]) & view.lex.description_nouns
            and any(r.pos in {"adj", "pact", "ppas"} for r in readings(view.doc[k]))
        ):
            k += 1
        head = view.doc[k]
        if not (_lemmas(head) & view.lex.description_nouns and _maybe_nominative(head)):
            continue
        stop = next(
            (t.idx for t in view.doc[k + 1 : sent.end] if t.is_punct or _has_verb_reading(t)),
            sent.end_char,
        )
        s, e = trim(text, sent.start_char, stop)
        if e > s:
            found = (s, e)
    return found
