"""Polish temporal expressions: recognition and TIMEX3 normalization against the document date.

Every sentence here is composed for these tests; expected values follow the annotation
conventions (weekdays by tense, ``od`` → START, ``do`` → END, adjectives annotated alone).
"""

from __future__ import annotations

import pytest

from kronika.extract.timex import (
    find_timexes,
    infer_document_date,
    redate_timexes,
    search_timexes,
)


def _found(nlp, text: str, date: str | None) -> list[tuple[str, str, str | None, str | None]]:
    return [(t.text, t.type, t.value, t.mod) for t in find_timexes(nlp(text), date)]


CASES = [
    # (sentence, document date, expected (text, type, value, mod))
    (
        "Fabrykę otwarto w listopadzie 2021 roku pod Lublinem.",
        "2023-07-10",
        ("w listopadzie 2021 roku", "DATE", "2021-11", None),
    ),
    (
        "Rozmowy zerwano w sierpniu ubiegłego roku.",
        "2023-07",
        ("w sierpniu ubiegłego roku", "DATE", "2022-08", None),
    ),
    ("Spółka powstała w 2006 roku w Gdańsku.", "2023-07", ("w 2006 roku", "DATE", "2006", None)),
    ("Od 2019 roku kieruje klubem.", "2023-07", ("Od 2019 roku", "DATE", "2019", "START")),
    (
        "Umowa obowiązuje do końca stycznia.",
        "2022-01-10",
        ("do końca stycznia", "DATE", "2022-01", "END"),
    ),
    (
        "Podpisano ją 4 listopada 2021 r. w Paryżu.",
        None,
        ("4 listopada 2021 r.", "DATE", "2021-11-04", None),
    ),
    ("Termin minął 04.11.2021 o północy.", None, ("04.11.2021", "DATE", "2021-11-04", None)),
    (
        "Wyniki ogłoszono wczoraj wieczorem.",
        "2022-03-09",
        ("wczoraj wieczorem", "TIME", "2022-03-08TEV", None),
    ),
    ("Wczoraj rząd przyjął projekt.", "2022-03-09", ("Wczoraj", "DATE", "2022-03-08", None)),
    (
        "Minister pojedzie tam w przyszłym tygodniu.",
        "2018-11-14",
        ("w przyszłym tygodniu", "DATE", "2018-W47", None),
    ),
    (
        "Decyzja zapadnie za dwa tygodnie.",
        "2018-11-14",
        ("za dwa tygodnie", "DATE", "2018-W48", None),
    ),
    ("Dwa lata temu most się zawalił.", "2020-05-05", ("Dwa lata temu", "DATE", "2018", None)),
    ("Obecnie trwa remont dworca.", "2020-05-05", ("Obecnie", "DATE", "PRESENT_REF", None)),
    (
        "Przez dwa lata mieszkał w Wilnie.",
        "2020-05-05",
        ("Przez dwa lata", "DURATION", "P2Y", None),
    ),
    ("Kilka dni temu spadł śnieg.", "2020-05-05", ("Kilka dni temu", "DATE", "PAST_REF", None)),
    ("Festiwal odbywa się co roku w Opolu.", "2020-05-05", ("co roku", "SET", "P1Y", None)),
    ("Zamek zbudowano w XIX wieku.", "2020-05-05", ("w XIX wieku", "DATE", "18", None)),
    (
        "Sprzedaż wzrosła w I kwartale 2020 r.",
        "2020-05-05",
        ("w I kwartale 2020 r.", "DATE", "2020-Q1", None),
    ),
    (
        "Jesienią 2017 roku doszło do przełomu.",
        "2020-05-05",
        ("Jesienią 2017 roku", "DATE", "2017-FA", None),
    ),
    ("Ceny rosły w ubiegłym roku.", "2020-05-05", ("w ubiegłym roku", "DATE", "2019", None)),
    (
        "Pociąg odjechał o 6.40 z Krakowa.",
        "2021-01-04",
        ("o 6.40", "TIME", "2021-01-04T06:40", None),
    ),
    ("Mistrz ma 47-letnią żonę.", "2021-01-04", ("47-letnią", "DURATION", "P47Y", None)),
]


@pytest.mark.parametrize(("text", "date", "expected"), CASES)
def test_recognized_and_normalized(nlp, text, date, expected):
    assert expected in _found(nlp, text, date)


# Weekdays are computed from the document date and the tense of the nearest verb.
WEEKDAYS = [
    # 2021-11-05 is a Friday.
    ("W czwartek premier spotkał się z rolnikami.", "2021-11-05", "w czwartek", "2021-11-04"),
    ("W czwartek premier spotka się z rolnikami.", "2021-11-05", "w czwartek", "2021-11-11"),
    ("Po czwartkowym szczycie ministrowie milczeli.", "2021-11-05", "czwartkowym", "2021-11-04"),
    ("Piątkowe głosowanie przyniosło niespodziankę.", "2021-11-05", "Piątkowe", "2021-11-05"),
    ("W poniedziałek odbędzie się sesja.", "2021-11-05", "w poniedziałek", "2021-11-08"),
]


@pytest.mark.parametrize(("text", "date", "span", "value"), WEEKDAYS)
def test_weekdays_by_tense(nlp, text, date, span, value):
    found = {t.text.lower(): t.value for t in find_timexes(nlp(text), date)}
    assert found[span.lower()] == value


def test_adjective_is_annotated_alone(nlp):
    found = _found(nlp, "Po czwartkowym szczycie ministrowie milczeli.", "2021-11-05")
    assert [f[0] for f in found] == ["czwartkowym"]


def test_year_range(nlp):
    (timex,) = find_timexes(nlp("W latach 2015–2018 budowano drogę."), "2020-01-01")
    assert (timex.text, timex.value, timex.end_value) == (
        "W latach 2015–2018",
        "2015",
        "2018",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ćwiczenia „Zapad 2021” zaniepokoiły sąsiadów.",
        "Bilety na Euro 2012 rozeszły się szybko.",
        "To był 30. szczyt, na którym 47 proc. delegatów głosowało.",
        "Obecny plan zakłada, że przyszła rola miasta wzrośnie.",
    ],
)
def test_not_temporal(nlp, text):
    assert find_timexes(nlp(text), "2021-09-01") == []


def test_offsets_point_into_text(nlp):
    text = "Jak poinformowano 12 marca, sesja potrwa do 2024 r."
    for timex in find_timexes(nlp(text), "2023-03-14"):
        assert text[timex.start : timex.end] == timex.text


def test_undated_keeps_placeholders(nlp):
    assert ("4 listopada", "DATE", "XXXX-11-04", None) in _found(
        nlp, "Szczyt odbędzie się 4 listopada.", None
    )


UNDATED = (
    "W październiku 2021 roku rząd ogłosił nowy plan. Ministrowie spotkali się 28 października "
    "w Warszawie. Kolejne posiedzenie odbędzie się 4 listopada, a ustawa wejdzie w życie "
    "w 2023 roku."
)


def test_infer_document_date_and_resolve(nlp):
    doc = nlp(UNDATED)
    first_pass = find_timexes(doc, None)
    date, precision = infer_document_date(doc, first_pass)
    # The latest past-tense absolute date is October 2021; the future 2023 is no evidence.
    assert (date, precision) == ("2021-10", "month")
    resolved = {t.text: t.value for t in find_timexes(doc, date)}
    assert resolved["4 listopada"] == "2021-11-04"


def test_infer_document_date_without_evidence(nlp):
    doc = nlp("Wczoraj ministrowie spotkali się w Warszawie. Rozmowy potrwają do piątku.")
    assert infer_document_date(doc, find_timexes(doc, None)) == (None, None)


@pytest.mark.parametrize("date", ["2023-01-03", "2022-12-27", "2021-06-15"])
def test_an_undated_search_resolved_again_equals_a_search_with_the_date(nlp, date) -> None:
    # every sentence of CASES, and what only a date lets reach further or match at all
    text = " ".join(sentence for sentence, _date, _expected in CASES) + (
        " Dziś rano minister wrócił. Po świętach ruszą rozmowy. Rok później nic nie zostało. "
        "W ubiegły piątek i w przyszłym tygodniu, za dwa lata, trzy dni temu."
    )
    doc = nlp(text)
    undated, matched = search_timexes(doc, None)
    assert len(matched) == len(undated) > len(CASES)
    assert redate_timexes(doc, date, matched) == find_timexes(doc, date)
