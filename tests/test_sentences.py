from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Na szczycie byli m.in. prezydenci. Rozmowy trwały długo.",
            ["Na szczycie byli m.in. prezydenci.", "Rozmowy trwały długo."],
        ),
        (
            "Kraje regionu, np. Kazachstan, milczały. Tzw. opozycja protestowała.",
            ["Kraje regionu, np. Kazachstan, milczały.", "Tzw. opozycja protestowała."],
        ),
        (
            "Mszę odprawił dominikanin o. Jan Lis. Kościół był pełny.",
            ["Mszę odprawił dominikanin o. Jan Lis.", "Kościół był pełny."],
        ),
        (
            "Wykład wygłosił prof. A. Nowak z Krakowa. Sala była pełna.",
            ["Wykład wygłosił prof. A. Nowak z Krakowa.", "Sala była pełna."],
        ),
        (
            "Wybory odbyły się w 2020 r. Protesty trwały miesiącami.",
            ["Wybory odbyły się w 2020 r.", "Protesty trwały miesiącami."],
        ),
        (
            "Umowę podpisano w 2019 r. w Mińsku. Nic się nie zmieniło.",
            ["Umowę podpisano w 2019 r. w Mińsku.", "Nic się nie zmieniło."],
        ),
        (
            "Poparło to 47 proc. Białorusinów i 12 proc. Polaków. Reszta milczy.",
            ["Poparło to 47 proc. Białorusinów i 12 proc. Polaków.", "Reszta milczy."],
        ),
        (
            "Odbył się 30. szczyt WNP. Goście wyjechali 04.11.2021 wieczorem.",
            ["Odbył się 30. szczyt WNP.", "Goście wyjechali 04.11.2021 wieczorem."],
        ),
        (
            "Rozmawiał z nim dr Kowalski ws. sankcji. Potem wyszedł.",
            ["Rozmawiał z nim dr Kowalski ws. sankcji.", "Potem wyszedł."],
        ),
        (
            "Powiedział: „To koniec!” Nikt nie odpowiedział.",
            ["Powiedział: „To koniec!”", "Nikt nie odpowiedział."],
        ),
        (
            "Śródtytuł bez kropki\nPierwsze zdanie akapitu. Drugie?",
            ["Śródtytuł bez kropki", "Pierwsze zdanie akapitu.", "Drugie?"],
        ),
    ],
)
def test_sentences_survive_polish_abbreviations(nlp, text: str, expected: list[str]) -> None:
    doc = nlp(text)
    assert [sent.text.strip() for sent in doc.sents] == expected


def test_tokens_keep_offsets_into_the_original_text(nlp) -> None:
    text = "Łukaszenko  przyjechał\n\ndo Mińska, m.in. z ministrami."
    doc = nlp(text)
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
