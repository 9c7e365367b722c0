"""NKJP IOB → entity spans, the PolEval 2018 measure, and the NER component's contract.

Hand-made Polish examples only: these tests run without the data in /work/shared.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from nkjp import (
    ALL_KEY,
    INNER_KEY,
    NkjpDocument,
    Sentence,
    Span,
    decode_spans,
    normalize_label,
    parse_iob,
    parse_tag,
    spaces_for,
    split_documents,
    to_spacy_doc,
)
from poleval import Entity, overlap_matches, per_label, poleval

from kronika.errors import ModelError
from kronika.ner.model import top_level_spans


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("persName", "persName"),
        ("persName-forename", "persName_forename"),
        ("placeName-country", "placeName_country"),
        ("orgName", "orgName"),
    ],
)
def test_normalize_label(raw: str, label: str) -> None:
    assert normalize_label(raw) == label


def test_parse_tag_levels() -> None:
    assert parse_tag("O") == []
    assert parse_tag("B-date") == [("B", "date")]
    assert parse_tag("I-persName#B-persName-surname") == [
        ("I", "persName"),
        ("B", "persName_surname"),
    ]
    with pytest.raises(ValueError):
        parse_tag("X-persName")


def test_decode_person_with_forename_and_surname() -> None:
    # "Wczoraj Jan Kowalski przyjechał do Gdańska ."
    tags = [
        "O",
        "B-persName#B-persName-forename",
        "I-persName#B-persName-surname",
        "O",
        "O",
        "B-placeName-settlement",
        "O",
    ]
    assert decode_spans(tags) == [
        Span(1, 3, "persName", 0),
        Span(1, 2, "persName_forename", 1),
        Span(2, 3, "persName_surname", 1),
        Span(5, 6, "placeName_settlement", 0),
    ]


def test_decode_nested_span_with_the_parent_extent() -> None:
    # "Nowak milczał ." — a one-word persName that is also its persName_surname.
    assert decode_spans(["B-persName#B-persName-surname", "O", "O"]) == [
        Span(0, 1, "persName", 0),
        Span(0, 1, "persName_surname", 1),
    ]


def test_decode_settlement_inside_organization_and_multiword_inner() -> None:
    # "Urząd Miasta Stołecznego Warszawy" with "Warszawy" a settlement; "Anna Maria Wesołowska".
    tags = [
        "B-orgName",
        "I-orgName",
        "I-orgName",
        "I-orgName#B-placeName-settlement",
        "B-persName#B-persName-forename",
        "I-persName#I-persName-forename",
        "I-persName#B-persName-surname",
    ]
    assert decode_spans(tags) == [
        Span(0, 4, "orgName", 0),
        Span(3, 4, "placeName_settlement", 1),
        Span(4, 7, "persName", 0),
        Span(4, 6, "persName_forename", 1),
        Span(6, 7, "persName_surname", 1),
    ]


def test_decode_adjacent_entities_and_stray_inside_tag() -> None:
    # "Polska Niemcy" (two countries, B after B); a stray I- opens a new span.
    assert decode_spans(["B-placeName-country", "B-placeName-country"]) == [
        Span(0, 1, "placeName_country", 0),
        Span(1, 2, "placeName_country", 0),
    ]
    assert decode_spans(["O", "I-geogName", "I-geogName"]) == [Span(1, 3, "geogName", 0)]
    # An I- of another label also starts a new span.
    assert decode_spans(["B-date", "I-time"]) == [Span(0, 1, "date", 0), Span(1, 2, "time", 0)]


IOB_TEXT = """-DOCSTART CONFIG FEATURES orth base ctag
-DOCSTART FILE ./doc-a
Ala\tAla\tsubst:sg:nom:f\tB-persName#B-persName-forename
śpi\tspać\tfin:sg:ter:imperf\tO
.\t.\tinterp:\tO

W\tw\tprep:loc:nwok\tO
Sopocie\tSopot\tsubst:sg:loc:m3\tB-placeName-settlement
.\t.\tinterp:\tO
-DOCSTART FILE ./doc-b
12\t12\tadj:sg:gen:m3:pos\tB-date
maja\tmaj\tsubst:sg:gen:m3\tI-date
"""


def test_parse_iob_documents_and_sentences() -> None:
    docs = list(parse_iob(IOB_TEXT.splitlines(keepends=True)))
    assert [d.id for d in docs] == ["doc-a", "doc-b"]
    assert [s.words for s in docs[0].sentences] == [["Ala", "śpi", "."], ["W", "Sopocie", "."]]
    assert docs[0].sentences[1].spans == [Span(1, 2, "placeName_settlement", 0)]
    assert docs[1].sentences[0].spans == [Span(0, 2, "date", 0)]
    assert docs[0].n_tokens == 6


def test_parse_iob_rejects_a_broken_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        list(parse_iob(["-DOCSTART FILE ./x\n", "Ala\tAla\n"]))


def _text(words: list[str], ctags: list[str] | None = None) -> str:
    spaces = spaces_for(words, ctags or ["subst"] * len(words))
    return "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)).strip()


@pytest.mark.parametrize(
    ("words", "ctags", "text"),
    [
        (["Jan", "powiedział", ":", '"', "Tak", '"', "."], None, 'Jan powiedział: "Tak".'),
        (["Zrobił", "em", "to", "."], ["praet", "aglt", "subst", "interp"], "Zrobiłem to."),
        (["Poszedł", "by", "tam", "."], ["praet", "qub", "adv", "interp"], "Poszedłby tam."),
        (["Sejm", "(", "izba", ")", "obraduje", ","], None, "Sejm (izba) obraduje,"),
        (["„", "Rzeczpospolita", "”", "pisze", "!"], None, "„Rzeczpospolita” pisze!"),
    ],
)
def test_spaces_rebuild_polish_typography(
    words: list[str], ctags: list[str] | None, text: str
) -> None:
    assert _text(words, ctags) == text


def test_to_spacy_doc_keeps_tokens_and_all_levels() -> None:
    sentence = Sentence(
        ["Jan", "Kowalski", "mieszka", "w", "Polsce", "."],
        ["subst"] * 5 + ["interp"],
        decode_spans(
            [
                "B-persName#B-persName-forename",
                "I-persName#B-persName-surname",
                "O",
                "O",
                "B-placeName-country",
                "O",
            ]
        ),
    )
    doc = to_spacy_doc(spacy.blank("pl").vocab, NkjpDocument("d1", [sentence, sentence]))
    assert isinstance(doc, Doc)
    assert doc.text.startswith("Jan Kowalski mieszka w Polsce. Jan Kowalski")
    assert [(e.text, e.label_) for e in doc.ents][:2] == [
        ("Jan Kowalski", "persName"),
        ("Polsce", "placeName_country"),
    ]
    assert len(doc.spans[ALL_KEY]) == 8
    assert [(s.start, s.label_) for s in doc.spans[INNER_KEY]] == [
        (0, "persName_forename"),
        (1, "persName_surname"),
        (6, "persName_forename"),
        (7, "persName_surname"),
    ]
    assert [s.start for s in doc.sents] == [0, 6]


def test_split_is_by_document_fixed_and_disjoint() -> None:
    docs = [NkjpDocument(f"doc-{i:03d}") for i in range(50)]
    first = split_documents(docs, seed=13)
    again = split_documents(list(reversed(docs)), seed=13)
    assert {k: [d.id for d in v] for k, v in first.items()} == {
        k: [d.id for d in v] for k, v in again.items()
    }
    assert (len(first["train"]), len(first["dev"]), len(first["test"])) == (40, 5, 5)
    ids = [d.id for part in first.values() for d in part]
    assert sorted(ids) == sorted(d.id for d in docs)


# --- the PolEval measure -------------------------------------------------------------------


def E(start: int, end: int, label: str, doc: str = "d") -> Entity:
    return Entity(doc, start, end, label)


def test_poleval_perfect_prediction() -> None:
    gold = [E(0, 2, "persName"), E(0, 1, "persName_forename"), E(1, 2, "persName_surname")]
    score = poleval(gold, gold)
    assert score.exact.f1 == score.overlap.f1 == score.final == 1.0


def test_poleval_exact_and_overlap() -> None:
    # Gold: "Rada Miasta Krakowa" (orgName 0-3, settlement 2-3) and "Wisła" (geogName 5-6).
    gold = [E(0, 3, "orgName"), E(2, 3, "placeName_settlement"), E(5, 6, "geogName")]
    # Predicted: the organization one word short, the settlement right, Wisła with a wrong label.
    pred = [E(0, 2, "orgName"), E(2, 3, "placeName_settlement"), E(5, 6, "placeName")]
    score = poleval(gold, pred)
    assert (score.exact.tp, score.exact.n_pred, score.exact.n_gold) == (1, 3, 3)
    assert (score.overlap.tp, score.overlap.n_pred, score.overlap.n_gold) == (2, 3, 3)
    assert score.exact.f1 == pytest.approx(1 / 3)
    assert score.overlap.f1 == pytest.approx(2 / 3)
    assert score.final == pytest.approx(0.8 * 2 / 3 + 0.2 / 3)


def test_overlap_counts_each_gold_entity_once() -> None:
    # "Jana Pawła II" as one gold persName, predicted as two pieces: one hit, one false positive.
    prf = overlap_matches([E(0, 3, "persName")], [E(0, 1, "persName"), E(1, 3, "persName")])
    assert (prf.tp, prf.n_pred, prf.n_gold) == (1, 2, 1)
    assert prf.precision == 0.5 and prf.recall == 1.0


def test_overlap_prefers_the_exact_match() -> None:
    # Two adjacent gold dates; the exact prediction must not lose its gold to the overlapping one.
    gold = [E(0, 2, "date"), E(2, 4, "date")]
    pred = [E(1, 3, "date"), E(2, 4, "date")]
    prf = overlap_matches(gold, pred)
    assert prf.tp == 2


def test_overlap_needs_same_document_and_label() -> None:
    gold = [E(0, 2, "persName", doc="a")]
    assert overlap_matches(gold, [E(0, 2, "persName", doc="b")]).tp == 0
    assert overlap_matches(gold, [E(0, 2, "orgName", doc="a")]).tp == 0
    assert overlap_matches(gold, [E(2, 3, "persName", doc="a")]).tp == 0  # touching, no overlap


def test_empty_prediction_scores_zero() -> None:
    score = poleval([E(0, 1, "date")], [])
    assert score.final == 0.0 and score.exact.precision == 0.0


def test_per_label_table() -> None:
    gold = [E(0, 1, "placeName_country"), E(3, 4, "placeName_country"), E(5, 6, "time")]
    pred = [E(0, 1, "placeName_country"), E(5, 6, "date")]
    table = per_label(gold, pred)
    assert set(table) == {"placeName_country", "time", "date"}
    assert table["placeName_country"].precision == 1.0
    assert table["placeName_country"].recall == 0.5
    assert table["time"].f1 == 0.0 and table["date"].n_pred == 1


# --- the component's interface -----------------------------------------------------------


def test_top_level_spans_tells_levels_apart() -> None:
    nlp = spacy.blank("pl")
    doc = nlp("Prezydent Nowak i Urząd Miasta Poznania .")
    group = [
        SpacySpan(doc, 1, 2, "persName"),
        SpacySpan(doc, 1, 2, "persName_surname"),
        SpacySpan(doc, 3, 6, "orgName"),
        SpacySpan(doc, 5, 6, "placeName_settlement"),
    ]
    assert [(s.text, s.label_) for s in top_level_spans(group)] == [
        ("Nowak", "persName"),
        ("Urząd Miasta Poznania", "orgName"),
    ]
    # A settlement on its own is top level.
    assert [s.label_ for s in top_level_spans([SpacySpan(doc, 5, 6, "placeName_settlement")])] == [
        "placeName_settlement"
    ]


def test_missing_model_raises_model_error_on_creation(tmp_path: Path) -> None:
    nlp = spacy.blank("pl")
    with pytest.raises(ModelError, match="train.sh"):
        nlp.add_pipe("kronika_ner", config={"model": str(tmp_path / "nothing")})


@pytest.mark.slow
def test_shipped_model_finds_both_levels() -> None:
    from kronika.ner.model import MODEL_DIR

    if not (MODEL_DIR / "config.cfg").exists():
        pytest.skip("no trained model in src/kronika/ner/model (bash training/train.sh DATA)")
    nlp = spacy.blank("pl")
    nlp.add_pipe("kronika_morphology")
    nlp.add_pipe("kronika_ner")
    doc = nlp("Wczoraj premier Donald Tusk przyleciał do Berlina, a jutro odwiedzi Francję.")
    found = {(s.text, s.label_) for s in doc.spans["ner"]}
    assert ("Donald Tusk", "persName") in found
    assert ("Donald", "persName_forename") in found
    assert ("Tusk", "persName_surname") in found
    assert "Donald Tusk" in {s.text for s in top_level_spans(doc.spans["ner"])}
    assert "Donald" not in {s.text for s in top_level_spans(doc.spans["ner"])}


@pytest.mark.slow
def test_a_long_document_is_decoded_greedily_with_the_beams_choices() -> None:
    """Long documents skip the beam decoder (its time grows with the square of the length);
    the greedy decoder must find the very spans the beam of one finds."""
    from kronika.ner.model import MODEL_DIR

    if not (MODEL_DIR / "config.cfg").exists():
        pytest.skip("no trained model in src/kronika/ner/model (bash training/train.sh DATA)")
    paragraphs = [
        f"W {day} dniu obrad prezes Jan Kowalczyk spotkał się w Krakowie z Anną Nowicką z "
        f"Ministerstwa Finansów, a senator Piotr Zając pojechał do Gdańska i Lublina. "
        f"Rzecznik firmy Orlen Maria Lis powiedziała, że Unia Europejska zgodzi się na plan."
        for day in range(1, 60)
    ]
    text = "\n\n".join(paragraphs)
    found = {}
    for greedy_words in (10**9, 0):
        nlp = spacy.blank("pl")
        nlp.add_pipe("kronika_morphology")
        ner = nlp.add_pipe("kronika_ner")
        ner.greedy_words = greedy_words  # type: ignore[attr-defined]
        doc = nlp(text)
        found[greedy_words] = [(s.start, s.end, s.label_) for s in doc.spans["ner"]]
    assert len(found[0]) > 300
    assert found[0] == found[10**9]
