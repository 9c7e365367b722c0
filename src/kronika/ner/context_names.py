"""Names the detectors missed that the words around them give away: a capitalized name right
after a noun naming a kind of product, event or organization ("gazociąg Nord Stream 2",
"operacja Pustynna Burza", "koncern Unilever"), a name in quotation marks after one ("program
„Rodzina 500 plus”"), and a name before a company's legal form ("Lufthansa AG").

The statistical model learned its names from NKJP, which has no products or events and few
companies; these are the names of the topics it never saw.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kronika.lang.components import doc_readings
from kronika.lang.view import DocumentView
from kronika.ner.types import DEFAULT_LABELS, followed_by_legal_form, kind_before

#: The most words a name found this way runs to.
LONGEST = 4
#: Opening quotation marks and the marks that close them.
QUOTES = {"„": "”", "«": "»", '"': '"', "“": "”"}


def _name_word(doc: Doc, i: int) -> bool:
    """A word that continues a name: capitalized, all capitals, or a number ("Nord Stream 2")."""
    text = DocumentView.of(doc).texts[i]
    return bool(text) and (text[:1].isupper() or (text.isdigit() and len(text) <= 4))


def _capitalized_run(doc: Doc, start: int, covered: set[int]) -> int:
    """The end of the run of name words from ``start``, none of them in a mention already; a
    number only after a word and only last ("Nord Stream 2")."""
    tokens = DocumentView.of(doc).tokens
    end = start
    while (
        end < len(doc)
        and end - start < LONGEST
        and end not in covered
        and _name_word(doc, end)
        and not (tokens[end].text.isdigit() and end == start)
    ):
        end += 1
        if tokens[end - 1].text.isdigit() or not tokens[end - 1].whitespace_:
            break
    return end


def _quoted_run(doc: Doc, start: int, covered: set[int]) -> int:
    """The end of a name in quotation marks opening at ``start`` (the marks excluded), or
    ``start`` when there is none: up to ``LONGEST`` words, the first capitalized."""
    texts = DocumentView.of(doc).texts
    close = QUOTES.get(texts[start])
    if close is None or start + 1 >= len(doc) or not texts[start + 1][:1].isupper():
        return start
    for end in range(start + 2, min(start + LONGEST + 2, len(doc))):
        if texts[end] == close:
            inside = range(start + 1, end)
            return end if not covered.intersection(inside) else start
    return start


def _nominative_or_unknown(doc: Doc, i: int) -> bool:
    """A name after a kind noun stays in the nominative whatever the noun's case ("gazociągu
    Nord Stream", "operacji Pustynna Burza"); a word SGJP reads only in another case is an owner
    or a complement ("program Unii", "projekt Kowalskiego"), not the name."""
    readings = doc_readings(doc)[i]
    if not any(r.known for r in readings):
        return True
    return any(len(f := r.tag.split(":")) > 2 and "nom" in f[2].split(".") for r in readings)


def context_names(doc: Doc, covered: set[int]) -> list[Span]:
    """Spans of the names the words around them show (see the module docstring), with the
    label of the kind they are; ``covered`` is updated."""
    found: list[Span] = []
    texts = DocumentView.of(doc).texts
    for i, text in enumerate(texts):
        if i in covered or not (text[:1].isupper() or text in QUOTES):
            continue
        kind = kind_before(doc, i)
        if kind in ("other", "event", "organization"):
            quoted = _quoted_run(doc, i, covered)
            start, end = (i + 1, quoted) if quoted > i else (i, _capitalized_run(doc, i, covered))
            if quoted == i and not _nominative_or_unknown(doc, i):
                continue
        else:
            start, run = i, _capitalized_run(doc, i, covered)
            # the name ends where its legal form begins ("Lufthansa" of "Lufthansa AG")
            end = next((e for e in range(i + 1, run + 1) if followed_by_legal_form(doc, e)), i)
            kind = "organization"
        if end > start and DocumentView.of(doc).tokens[start].is_alpha:
            found.append(Span(doc, start, end, label=DEFAULT_LABELS[kind or "other"]))
            covered.update(range(start, end))
    return found
