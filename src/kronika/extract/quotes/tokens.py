"""Tests on single tokens and text helpers shared by the quotation detectors."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kronika.extract.quotes.lexicon import VERB_CLASSES, Lexicon
from kronika.lang.components import readings
from kronika.lang.view import DocumentView, trim


def _lemmas(token: Token) -> frozenset[str]:
    """Every lemma of the token (:meth:`DocumentView.reading_lemmas`)."""
    return DocumentView.of(token.doc).reading_lemmas(token)


def _is_speech_verb(token: Token, lex: Lexicon) -> bool:
    """A verb form whose lemma is a speech verb; by readings, so a mis-chosen lemma still counts."""
    if not token.text[:1].isalpha() or (token.is_upper and len(token.text) > 1):
        # all capitals are headlines and links ("CZYTAJ TAKŻE")
        return False
    for reading in readings(token):
        if reading.pos in VERB_CLASSES and reading.lemma in lex.speech_verbs:
            # first person ("sądzę", "Przypomnijmy") is the speaker inside a quotation or the
            # outlet itself, an imperative is an instruction: neither reports speech
            if (
                ":pri" in reading.tag and reading.lemma not in lex.first_person_cues
            ) or reading.pos == "impt":
                continue
            return True
    return False


def _noun_cases(tag: str) -> set[str]:
    """Cases of a nominal tag ("subst:sg:dat.loc:f" → {"dat", "loc"})."""
    parts = tag.split(":")
    return set(parts[2].split(".")) if len(parts) > 2 else set()


def _has_case(token: Token, case: str) -> bool:
    return any(
        case in _noun_cases(r.tag)
        for r in readings(token)
        if r.pos in {"subst", "adj", "ppron3", "depr"}
    )


def _is_noun_like(token: Token) -> bool:
    return any(r.pos in {"subst", "depr", "ign", "ger"} for r in readings(token))


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's content: no surrounding spaces, dashes, commas or a final period."""
    start, end = trim(text, start, end)
    while end > start and text[end - 1] in ".,;: \n":
        end -= 1
    return start, end


def _is_adjective(token: Token) -> bool:
    token_readings = readings(token)
    return bool(token_readings) and all(r.pos in {"adj", "pact", "ppas"} for r in token_readings)


def _maybe_nominative(token: Token) -> bool:
    """The token may be nominative (or SGJP does not know it, as with many foreign names)."""
    nominal = [r for r in readings(token) if r.pos in {"subst", "depr", "adj", "ppron3", "ppron12"}]
    if not nominal:
        return True
    return any("nom" in _noun_cases(r.tag) for r in nominal)


def _is_preposition(token: Token) -> bool:
    return any(r.pos == "prep" for r in readings(token)) and token.text.islower()


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of ``text``: scraped paragraphs are lines."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _last_char_not_in(text: str, end: int, chars: str) -> int:
    """Index of the last character before ``end`` that is not one of ``chars`` (-1 if none)."""
    k = end - 1
    while k >= 0 and text[k] in chars:
        k -= 1
    return k


def _first_char_not_in(text: str, start: int, chars: str) -> int:
    """Index of the first character from ``start`` that is not one of ``chars`` (len if none)."""
    k = start
    while k < len(text) and text[k] in chars:
        k += 1
    return k


def _is_verbish(token: Token) -> bool:
    """A finite verb form (a second clause between the cue and the complementizer)."""
    first = readings(token)[0] if readings(token) else None
    return bool(
        first
        and first.pos in {"fin", "praet"}
        and all(r.pos in {"fin", "praet", "imps"} for r in readings(token))
    )


def _has_verb_reading(token: Token) -> bool:
    return any(r.pos in {"fin", "praet", "bedzie", "imps", "pred"} for r in readings(token))


def _is_impersonal(verb: Token) -> bool:
    return any(r.pos == "imps" for r in readings(verb))


def _strip_marks(text: str) -> str:
    return text.strip(' ,„”"«»“')
