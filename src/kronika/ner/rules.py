"""The first mention detector: knowledge-base names, SGJP name categories and capitalization.

It writes the same span group as the trained model (``doc.spans["ner"]``, NKJP labels), so either
can feed ``kronika_mentions``. Deliberately conservative: it prefers a missed name to a made-up one.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from kronika.lang.components import doc_readings
from kronika.lang.morphology import Interpretation
from kronika.ner.gazetteer import Gazetteer, default_gazetteer, derived_spans

SPAN_KEY = "ner"
PERSON_CATEGORIES = frozenset({"imię", "nazwisko"})


def _capitalized(text: str) -> bool:
    return text[:1].isupper()


def _proper_only(token_readings: tuple[Interpretation, ...]) -> bool:
    """Every reading is a proper name or unknown: safe even at a sentence start."""
    return all(not r.known or r.lemma[:1].isupper() for r in token_readings)


def _categories(token_readings: tuple[Interpretation, ...]) -> set[str]:
    return {name for r in token_readings if r.lemma[:1].isupper() for name in r.names}


class RuleNER:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        all_readings = doc_readings(doc)
        spans, taken = self._gazetteer_spans(doc, all_readings)

        def candidate(i: int) -> set[str] | None:
            """The token's SGJP name categories if it can be part of a name here, else None."""
            token = doc[i]
            if taken[i] or not _capitalized(token.text) or not token.is_alpha:
                return None
            token_readings = all_readings[i]
            if token.is_sent_start and not _proper_only(token_readings):
                return None
            categories = _categories(token_readings)
            if not categories and any(r.known for r in token_readings):
                return None
            return categories

        i = 0
        while i < len(doc):
            categories = candidate(i)
            if categories is None:
                i += 1
                continue
            run = [(i, categories)]
            j = i + 1
            while j < len(doc) and (following := candidate(j)) is not None:
                if not (following & PERSON_CATEGORIES or not following):
                    break
                run.append((j, following))
                j += 1
            label = self._label(run)
            if label:
                spans.append(Span(doc, i, run[-1][0] + 1, label=label))
                i = run[-1][0] + 1
            else:
                i += 1
        spans.extend(self._surnames_again(doc, spans))
        covered = {i for span in spans for i in range(span.start, span.end)}
        spans.extend(derived_spans(doc, covered))
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, -s.end))
        return doc

    def _gazetteer_spans(
        self, doc: Doc, all_readings: Sequence[tuple[Interpretation, ...]]
    ) -> tuple[list[Span], list[bool]]:
        """The gazetteer's names in ``doc``, and which tokens they take."""
        spans: list[Span] = []
        taken = [False] * len(doc)
        for match in self.gazetteer.find_in_doc(doc):
            if not match.entry.label:
                continue  # an event: NKJP has no label for it
            start = match.start
            # "Jan Putin" is not Władimir Putin: a first name before a known surname makes
            # the whole a name of its own
            if match.entry.type == "person" and match.end - start == 1 and start > 0:
                previous = all_readings[start - 1]
                if doc[start - 1].text[:1].isupper() and "imię" in _categories(previous):
                    start -= 1
            spans.append(Span(doc, start, match.end, label=match.entry.label))
            taken[start : match.end] = [True] * (match.end - start)
        return spans, taken

    @staticmethod
    def _label(run: list[tuple[int, set[str]]]) -> str | None:
        person = sum(bool(categories & PERSON_CATEGORIES) for _, categories in run)
        if len(run) > 1 and person:
            return "persName"  # "Paweł Usow": a known first name beside an unknown surname
        categories = run[0][1]
        # alone, "Moskwa" or "Mińska" is the city rather than the rare surname
        if "nazwa_geograficzna" in categories:
            return "placeName"
        if categories & PERSON_CATEGORIES:
            return "persName"
        if "nazwa_organizacji" in categories:
            return "orgName"
        return None

    @staticmethod
    def _surnames_again(doc: Doc, spans: list[Span]) -> list[Span]:
        """Lone unknown words that repeat a surname met earlier in the document ("Usow",
        "Usowa")."""
        covered = {i for span in spans for i in range(span.start, span.end)}
        surnames = {span[-1].text for span in spans if span.label_ == "persName" and len(span) > 1}
        found = []
        for token in doc:
            if token.i in covered or not _capitalized(token.text) or not token.is_alpha:
                continue
            for surname in surnames:
                stem = surname[:-1] if len(surname) > 4 else surname
                if token.text.startswith(stem) and len(token.text) - len(surname) <= 3:
                    found.append(Span(doc, token.i, token.i + 1, label="persName"))
                    break
        return found


@Language.factory("kronika_rule_ner", assigns=["doc.spans"], requires=["token.tag"])
def make_rule_ner(nlp: Language, name: str) -> RuleNER:
    return RuleNER()
