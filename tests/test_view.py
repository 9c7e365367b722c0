"""The shared document view (kronika.lang.view): one per Doc, lists that agree with spaCy's."""

from __future__ import annotations

from kronika.lang.view import CLAUSE_EDGE, STATEMENT_EDGE, DocumentView, trim

TEXT = "Wczoraj w Gdańsku Anna Nowak powiedziała, że budżet jest napięty. Radni się nie zgodzili."


def test_one_view_per_doc(nlp):
    doc = nlp(TEXT)
    assert DocumentView.of(doc) is DocumentView.of(doc)
    assert DocumentView.of(nlp(TEXT)) is not DocumentView.of(doc)


def test_lists_agree_with_the_doc(nlp):
    doc = nlp(TEXT)
    view = DocumentView.of(doc)
    assert view.text == doc.text
    assert view.texts == [t.text for t in doc]
    assert view.lemmas == [t.lemma_ for t in doc]
    for token in doc:
        assert view.char_token[token.idx] == token.i
        assert view.token_at(token.idx).i == token.i
        assert view.sentence_of(token.i).start == token.sent.start
        assert view.token_ends[token.idx + len(token.text)] == token.i + 1
    assert view.token_at(TEXT.index(" w ")).text == "w"  # a space: the next token
    assert [s.text for s in view.sentences_starting(0, 1)] == [next(doc.sents).text]


def test_lemma_sets(nlp):
    doc = nlp("Ankietowani popierają reformę.")
    view = DocumentView.of(doc)
    first = doc[0]
    assert first.lemma_ in view.reading_lemmas(first)
    assert view.lemmas_and_form(first) == view.reading_lemmas(first) | {"ankietowani"}


def test_having_finds_the_tokens_of_any_lemma_or_form(nlp):
    doc = nlp("Radni nie zgodzili się, a burmistrz zgodził się z radnymi. Zgoda przyszła później.")
    view = DocumentView.of(doc)
    assert view.tokens == list(doc)
    words = frozenset({"zgodzić", "radny", "zgoda"})
    every = [t for t in doc if view.lowered_lemmas_and_form(t) & words]
    assert view.having(words) == every
    assert [t.text for t in every] == ["Radni", "zgodzili", "zgodził", "radnymi", "Zgoda"]
    assert view.having(frozenset({"później"})) == [doc[-2]]  # a form, not only a lemma
    assert view.having(frozenset({"nieznane"})) == []


def test_trims_keep_their_callers_edges():
    text = " – budżet jest napięty. "
    assert text[slice(*trim(text, 0, len(text), CLAUSE_EDGE))] == "budżet jest napięty."
    assert text[slice(*trim(text, 0, len(text), STATEMENT_EDGE))] == "budżet jest napięty"
