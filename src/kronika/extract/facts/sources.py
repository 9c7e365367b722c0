"""Who made a poll and when: the pollster after a poll noun or by name, and the fieldwork time."""

from __future__ import annotations

from spacy.tokens import Span

from kronika.extract.facts.lexicon import CLOSING_QUOTES, OPENING_QUOTES
from kronika.extract.facts.statements import _pollster_name
from kronika.extract.facts.view import TimexIndex, _capitalized, _lemmas, _View
from kronika.lang.components import has_tag
from kronika.model import Timex


def _name_at(view: _View, j: int, stop: int) -> tuple[int, int] | None:
    """A name starting at token ``j``: a (non-place) mention, a quoted title, or a capitalized run.
    Returns token indices [start, end)."""
    doc = view.doc
    token = doc[j]
    if token.text in OPENING_QUOTES:
        k = j + 1
        while k < stop and k < j + 8 and doc[k].text not in CLOSING_QUOTES:
            k += 1
        if k < stop and doc[k].text in CLOSING_QUOTES and k > j + 1:
            return j, k + 1
        return None
    mention = view.mention_at[j]
    if mention is not None:
        if mention._.entity_type in {"country", "place"} or mention._.derived:
            return None
        # the NER may take the kind of institution in ("instytut Opinia24"): the name is the
        # capitalized part
        first = max(j, mention.start)
        while first < mention.end - 1 and not _capitalized(doc[first]):
            first += 1
        return first, min(mention.end, stop)
    if _capitalized(token) or token.text in {"&"}:
        k = j
        # a run of capitalized words, up to the next name the NER found ("Monmouth University
        # Biden": the person is the next clause's subject)
        while (
            k < stop
            and k < j + 5
            and (_capitalized(doc[k]) or doc[k].text in {"&", "/"})
            and (k == j or view.mention_at[k] is None)
        ):
            k += 1
        return j, k
    return None


#: How many sentences before a poll's figures its source may be named.
LOOKBACK = 3


def _find_source(view: _View, sent: Span, timex_tokens: set[int]) -> tuple[int, int] | None:
    """The pollster named in a sentence, as character offsets, with its client ("IBRiS dla
    „Rzeczpospolitej”"): the name after a poll noun, or a well-known pollster's name."""
    doc, lex = view.doc, view.lex
    for i in range(sent.start, sent.end):
        if not (_lemmas(doc[i]) & lex.poll_nouns):
            continue
        j = i + 1
        while j < sent.end and j < i + 10:
            token = doc[j]
            if token.text in OPENING_QUOTES or _capitalized(token):
                # "w Wielkiej Brytanii", "wśród Polaków": a place or a population, not a pollster
                prev = doc[j - 1].text.lower()
                name = _name_at(view, j, sent.end)
                if name is None or prev in lex.place_prepositions:
                    break
                start, end = name
                # the client after "dla" belongs to the source as written
                if end + 1 < sent.end and doc[end].text.lower() in lex.client_words:
                    client = _name_at(view, end + 1, sent.end)
                    if client is not None:
                        end = client[1]
                return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            # only words that describe the poll may stand between it and its author
            # ("sondażu przeprowadzonego na początku roku przez ośrodek YouGov"); anything else
            # ("sondażu w sprawie Brexitu", "sondażem z końca września przewaga Demokraty") means
            # the name that follows is not the pollster
            if not (
                has_tag(token, {"adj", "ppas", "pact"})
                or token.text.lower() in lex.source_links
                or _lemmas(token) & lex.pollster_nouns
                or j in timex_tokens
            ):
                break
            j += 1
    return _pollster_name(view, sent)


def _fieldwork_time(view: _View, sent: Span, timexes: TimexIndex, anywhere: bool) -> Timex | None:
    """The timex of the fieldwork: right after "przeprowadzonego/zrealizowano …", else (when the
    sentence holds no statements) any date in it."""
    doc, lex = view.doc, view.lex
    # a concrete date only: "ostatnio" (PAST_REF) says nothing about when the poll was done
    inside = [
        t
        for t in timexes.within(sent.start_char, sent.end_char)
        if t.type == "DATE" and (t.value or "")[:1].isdigit()
    ]
    if not inside:
        return None
    for i in range(sent.start, sent.end):
        if _lemmas(doc[i]) & lex.fieldwork_verbs:
            limit = doc[min(i + 4, sent.end - 1)].idx
            for t in inside:
                if doc[i].idx < t.start <= limit:
                    return t
    return inside[0] if anywhere else None


def _may_hold_share(view: _View, sent: Span) -> bool:
    """A cheap test before the real work: most sentences hold no number with a percent word, no
    "co trzeci" and no share noun, and are skipped."""
    return _any_share_word(view, sent.start, sent.end)


def _any_share_word(view: _View, start: int, end: int) -> bool:
    lex, doc = view.lex, view.doc
    for i in range(start, end):
        token = doc[i]
        low = token.text.lower()
        if low in lex.percent_forms or token.lemma_.lower() in lex.share_nouns:
            return True
        if low == "co" and i + 1 < end and doc[i + 1].lemma_.lower() in lex.distributive_ordinals:
            return True
    return False


class _Sentences:
    """Per-sentence facts computed on demand, so sentences far from any share cost nothing."""

    def __init__(self, view: _View) -> None:
        self.view = view
        self._lemmas: dict[int, set[str]] = {}
        self._cue: dict[int, bool] = {}

    def lemmas(self, n: int) -> set[str]:
        if n not in self._lemmas:
            result: set[str] = set()
            for token in self.view.sents[n]:
                result |= _lemmas(token)
            self._lemmas[n] = result
        return self._lemmas[n]

    def cue(self, n: int) -> bool:
        """A poll noun or a well-known pollster in sentence ``n`` (False outside the document)."""
        if n < 0 or n >= len(self.view.sents):
            return False
        if n not in self._cue:
            self._cue[n] = bool(self.lemmas(n) & self.view.lex.poll_nouns) or (
                _pollster_name(self.view, self.view.sents[n]) is not None
            )
        return self._cue[n]
