"""Quotation finder: one table per construction, on short Polish texts written for these tests."""

from __future__ import annotations

import pytest

from kronika.extract.quotes import find_quotes, lexicon


def quotes_of(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    found = find_quotes(doc)
    for q in found:
        # the contract: offsets into doc.text, text is the slice, speaker offsets name the speaker
        assert q.text == doc.text[q.start : q.end]
        if q.speaker_text is not None:
            assert q.speaker_text == doc.text[q.speaker_start : q.speaker_end]
        assert q.kind in {"direct", "indirect"}
    return found


def quote_opening(nlp, text: str, words: str):
    """The one quotation of ``text`` whose words open with ``words``."""
    (quote,) = [q for q in quotes_of(nlp, text) if q.text.startswith(words)]
    return quote


def only(nlp, text: str) -> dict:
    found = quotes_of(nlp, text)
    assert len(found) == 1, found
    return found[0]


# --- dash dialogue -------------------------------------------------------------------------------

DASH = [
    # (text, quote, speaker, cue, description, addressee)
    (
        "– Ta decyzja niczego nie zmieni – mówi Jan Kowalski, politolog z Krakowa.",
        "Ta decyzja niczego nie zmieni",
        "Jan Kowalski",
        "mówi",
        "politolog z Krakowa",
        None,
    ),
    (
        "– Nikt nie wierzy w te obietnice – mówi „Gazecie” Piotr Nowak, rosyjski ekonomista.",
        "Nikt nie wierzy w te obietnice",
        "Piotr Nowak",
        "mówi",
        "rosyjski ekonomista",
        "Gazecie",
    ),
    (
        "– Nie planujemy żadnych zmian – zaprzeczała w rozmowie z agencją Reuters Anna Wiśniewska.",
        "Nie planujemy żadnych zmian",
        "Anna Wiśniewska",
        "zaprzeczała",
        None,
        "agencją Reuters",
    ),
    (
        "– Rynek pozostaje stabilny mimo wszystko — stwierdził Piotr Nowak.".replace("–", "—"),
        "Rynek pozostaje stabilny mimo wszystko",
        "Piotr Nowak",
        "stwierdził",
        None,
        None,
    ),
    (
        "- Spokojnie czekamy na wyniki głosowania - ocenił Tomasz Zieliński.",
        "Spokojnie czekamy na wyniki głosowania",
        "Tomasz Zieliński",
        "ocenił",
        None,
        None,
    ),
    (
        (
            "– Rozmowy trwały do rana. Nikt nie chciał ustąpić. Wreszcie jest umowa – powiedział "
            "minister Adam Zieliński."
        ),
        "Rozmowy trwały do rana. Nikt nie chciał ustąpić. Wreszcie jest umowa",
        "Adam Zieliński",
        "powiedział",
        "minister",
        None,
    ),
    (
        "– Nie wrócimy do tamtych czasów – mówi Cichanouska.",
        "Nie wrócimy do tamtych czasów",
        "Cichanouska",
        "mówi",
        None,
        None,
    ),
    (
        "– Spółka nie złamała żadnego prawa – czytamy w oświadczeniu zarządu.",
        "Spółka nie złamała żadnego prawa",
        "zarządu",
        "czytamy",
        None,
        None,
    ),
]


@pytest.mark.parametrize("text, quote, speaker, cue, description, addressee", DASH)
def test_dash_quotes(nlp, text, quote, speaker, cue, description, addressee):
    q = only(nlp, text)
    assert (q.kind, q.text, q.speaker_text, q.cue) == ("direct", quote, speaker, cue)
    assert q.speaker_description == description
    assert q.addressee_text == addressee


def test_bare_closing_verb_takes_the_previous_speaker(nlp):
    text = (
        "– Pierwsze spotkanie było bardzo trudne – mówi Jan Kowalski.\n"
        "– Drugie poszło już znacznie lepiej – dodaje."
    )
    first, second = quotes_of(nlp, text)
    assert second.text == "Drugie poszło już znacznie lepiej"
    assert second.cue == "dodaje"
    assert second.speaker_text == "Jan Kowalski"
    assert second.speaker_start == first.speaker_start


def test_quote_interrupted_by_its_attribution_is_two_records(nlp):
    text = "– Pierwsza część wypowiedzi – mówił Jan Kowalski. – Druga część jest znacznie dłuższa."
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == [
        "Pierwsza część wypowiedzi",
        "Druga część jest znacznie dłuższa",
    ]
    assert [q.speaker_text for q in found] == ["Jan Kowalski", "Jan Kowalski"]


def test_content_dash_verb_without_opening_dash(nlp):
    text = "Ceny mieszkań spadły o jedną trzecią – podało w czwartek biuro statystyczne."
    q = only(nlp, text)
    assert (q.kind, q.text, q.cue) == (
        "direct",
        "Ceny mieszkań spadły o jedną trzecią",
        "podało",
    )
    assert q.speaker_text == "biuro statystyczne"


def test_hyphen_inside_words_is_no_dash(nlp):
    assert quotes_of(nlp, "Spotkanie polsko-niemieckie odbyło się w Berlinie.") == []


# --- pull-quote glued to its author --------------------------------------------------------------


def test_pull_quote_glued_to_name_and_description(nlp):
    text = (
        "O tym, co dzieje się w więzieniach, ludzie wciąż niewiele wiedzą Jan Kowalski, "
        "weteran opozycji\nRząd zapowiedział nowe przepisy."
    )
    q = only(nlp, text)
    assert q.kind == "direct"
    assert q.text == "O tym, co dzieje się w więzieniach, ludzie wciąż niewiele wiedzą"
    assert q.speaker_text == "Jan Kowalski"
    assert q.speaker_description == "weteran opozycji"


# --- quotation marks -----------------------------------------------------------------------------

MARKED = [
    (
        "Jan Kowalski powiedział: „Nie zamierzamy wycofać się z tego projektu”.",
        "Nie zamierzamy wycofać się z tego projektu",
        "Jan Kowalski",
        "powiedział",
    ),
    (
        "„Granice pozostaną otwarte dla wszystkich” – napisał na Twitterze Piotr Nowak.",
        "Granice pozostaną otwarte dla wszystkich",
        "Piotr Nowak",
        "napisał",
    ),
    (
        'Anna Wiśniewska zastrzegła, że "to nie jest ostatnie słowo rządu".',
        "to nie jest ostatnie słowo rządu",
        "Anna Wiśniewska",
        "zastrzegła",
    ),
    (
        "«Nie poddamy się w tej sprawie nigdy» – oświadczył Tomasz Zieliński.",
        "Nie poddamy się w tej sprawie nigdy",
        "Tomasz Zieliński",
        "oświadczył",
    ),
]


@pytest.mark.parametrize("text, quote, speaker, cue", MARKED)
def test_quotation_marks(nlp, text, quote, speaker, cue):
    q = only(nlp, text)
    assert (q.kind, q.text, q.speaker_text, q.cue) == ("direct", quote, speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Film „Ostatnia rodzina” zdobył główną nagrodę festiwalu.",
        "Tak zwana „reforma” budzi w kraju wiele emocji.",
        'Dziennik "Rzeczpospolita" opublikował wczoraj nowy ranking uczelni.',
    ],
)
def test_titles_and_scare_quotes_are_not_quotations(nlp, text):
    assert quotes_of(nlp, text) == []


def test_quoted_fragment_inside_reported_clause_is_one_indirect_record(nlp):
    q = only(nlp, "Piotr Nowak stwierdził, że rząd działa „zbyt wolno” w tej sprawie.")
    assert (q.kind, q.text) == ("indirect", "rząd działa „zbyt wolno” w tej sprawie")


# --- reported speech -----------------------------------------------------------------------------

# Both aspects and many inflections: the verbs are matched by lemma.
VERBS = [
    "zapowiedział",
    "zapowiada",
    "podkreślała",
    "podkreśliła",
    "zaznaczył",
    "zaznaczają",
    "dodał",
    "ocenia",
    "oceniła",
    "przekazało",
    "poinformowała",
    "informuje",
    "oświadczył",
    "przyznaje",
    "przyznał",
    "ostrzegł",
    "ostrzega",
    "twierdzi",
    "uważa",
    "stwierdził",
    "mówi",
    "powiedziała",
    "zaprzeczył",
]


@pytest.mark.parametrize("verb", VERBS)
def test_speech_verbs_by_lemma(nlp, verb):
    q = only(nlp, f"Anna Wiśniewska {verb}, że rząd przygotuje nową ustawę o podatkach.")
    assert q.kind == "indirect"
    assert q.text == "rząd przygotuje nową ustawę o podatkach"
    assert q.cue == verb
    assert q.speaker_text == "Anna Wiśniewska"


def test_description_before_name_and_zero_subject(nlp):
    text = (
        "Premier Adam Zieliński zapowiedział, że podatki nie wzrosną w przyszłym roku. "
        "Dodał, że rząd przygotuje nową ustawę."
    )
    first, second = quotes_of(nlp, text)
    assert (first.speaker_text, first.speaker_description) == ("Adam Zieliński", "Premier")
    assert second.text == "rząd przygotuje nową ustawę"
    assert (second.cue, second.speaker_text) == ("Dodał", "Adam Zieliński")


def test_iz_and_directive_clauses(nlp):
    q = only(nlp, "Piotr Nowak oświadczył, iż spółka wypłaci dywidendę.")
    assert q.text == "spółka wypłaci dywidendę"
    q = only(nlp, "Minister Anna Wiśniewska zaapelowała, aby mieszkańcy zostali w domach.")
    assert (q.kind, q.text, q.cue) == (
        "indirect",
        "mieszkańcy zostali w domach",
        "zaapelowała",
    )
    q = only(nlp, "Opozycjoniści namawiają, by wyborcy zostali w domach.")
    assert q.cue == "namawiają"


@pytest.mark.parametrize(
    "text",
    [
        "Minister zaapelował o spokój i rozwagę.",
        "Prezydent skrytykował projekt ustawy.",
        "Aż 52 proc. badanych przyznało, że boi się kryzysu.",
        "Według założeń budżetu deficyt spadnie do trzech procent.",
        "Piotr Nowak pojechał do Warszawy, aby spotkać się z ministrem.",
    ],
)
def test_not_quotations(nlp, text):
    assert quotes_of(nlp, text) == []


OPINION = [
    (
        "Według Jana Kowalskiego gospodarka zwolni w przyszłym roku.",
        "gospodarka zwolni w przyszłym roku",
        "Jana Kowalskiego",
        "Według",
    ),
    (
        # the adjective from a country's name is not the source; the agency is
        "Według rosyjskiej agencji TASS minister obrony zapowiedział nowe ćwiczenia.",
        "minister obrony zapowiedział nowe ćwiczenia",
        "TASS",
        "Według",
    ),
    (
        "Zdaniem ekspertów, inflacja jeszcze wzrośnie przed zimą.",
        "inflacja jeszcze wzrośnie przed zimą",
        "ekspertów",
        "Zdaniem",
    ),
    (
        "Jak podkreślił Piotr Nowak, rozmowy będą kontynuowane.",
        "rozmowy będą kontynuowane",
        "Piotr Nowak",
        "Jak podkreślił",
    ),
    (
        "Gospodarka wyjdzie z kryzysu jeszcze w tym roku, stwierdził Piotr Nowak.",
        "Gospodarka wyjdzie z kryzysu jeszcze w tym roku",
        "Piotr Nowak",
        "stwierdził",
    ),
]


@pytest.mark.parametrize("text, quote, speaker, cue", OPINION)
def test_according_to_and_attached_attribution(nlp, text, quote, speaker, cue):
    q = only(nlp, text)
    assert (q.kind, q.text, q.speaker_text, q.cue) == ("indirect", quote, speaker, cue)


def test_jego_zdaniem_takes_the_previous_speaker(nlp):
    text = (
        "– Ten kryzys potrwa długo – mówi Piotr Nowak, ekonomista. "
        "Jego zdaniem ceny paliw jeszcze wzrosną."
    )
    _, second = quotes_of(nlp, text)
    assert (second.kind, second.text) == ("indirect", "ceny paliw jeszcze wzrosną")
    assert second.speaker_text == "Piotr Nowak"


def test_lexicon_is_data():
    lex = lexicon()
    # aspect pairs both present
    assert {"mówić", "powiedzieć", "stwierdzać", "stwierdzić"} <= lex.speech_verbs
    assert "politolog" in lex.description_nouns


# --- more constructions found in press text ------------------------------------------------------


def test_colon_introduction_without_quotation_marks(nlp):
    # scraped text often loses the opening mark and keeps the closing one
    q = only(
        nlp,
        "Anna Wiśniewska powiedziała: Nie boję się żadnych gróźb. Zostanę tutaj”. Potem wyszła.",
    )
    assert (q.kind, q.text) == ("direct", "Nie boję się żadnych gróźb. Zostanę tutaj")
    assert (q.speaker_text, q.cue) == ("Anna Wiśniewska", "powiedziała")


def test_colon_then_dash_paragraph(nlp):
    text = (
        "Podobnego zdania jest ekonomista Piotr Nowak: – ceny nie spadną szybko, bo popyt rośnie."
    )
    q = only(nlp, text)
    assert q.kind == "direct"
    assert q.text == "ceny nie spadną szybko, bo popyt rośnie"


def test_w_jej_ocenie_and_jak_without_comma(nlp):
    text = (
        "– Szczepienia idą zgodnie z planem – mówi dyrektorka szpitala Anna Wiśniewska. "
        "W jej ocenie najtrudniejsze będą pierwsze tygodnie."
    )
    found = quotes_of(nlp, text)
    assert found[1].text == "najtrudniejsze będą pierwsze tygodnie"
    assert (found[1].cue, found[1].speaker_text) == ("W jej ocenie", "Anna Wiśniewska")
    q = only(nlp, "Jak informował wojewoda Piotr Nowak przed świętami szpitale były gotowe.")
    assert (q.text, q.speaker_text, q.cue) == (
        "przed świętami szpitale były gotowe",
        "Piotr Nowak",
        "Jak informował",
    )


def test_name_in_apposition_after_description(nlp):
    q = only(
        nlp, "– Firmy boją się chaosu – stwierdziła partnerka kancelarii w Berlinie, Ewa Wrona."
    )
    assert (q.speaker_text, q.speaker_description) == (
        "Ewa Wrona",
        "partnerka kancelarii w Berlinie",
    )


def test_genitive_name_is_not_the_speaker(nlp):
    q = only(
        nlp, "– Nie będzie śledztwa – stwierdziła była doradczyni Donalda Trumpa, Anna Wiśniewska."
    )
    assert q.speaker_text == "Anna Wiśniewska"
    q = only(nlp, "Rzecznik Donalda Tuska powiedział, że spotkanie zostało przełożone.")
    assert q.speaker_text == "Rzecznik Donalda Tuska"


def test_unknown_surname_after_speech_verb(nlp):
    q = only(nlp, "– Reżim nie przetrwa kolejnego roku – powiedział Wiaczorka.")
    assert q.speaker_text == "Wiaczorka"


@pytest.mark.parametrize(
    "text",
    [
        # a first-person verb is the speaker inside a quotation or the outlet, not a report
        "Przypomnijmy, że wybory odbędą się jesienią.",
        "Sądzę, że wybory odbędą się jesienią.",
        # a dash after a sentence end followed by a lowercase non-speech word is no quotation
        "Sprzedaż spadła o 10 proc. - wynika z danych urzędu.",
        # a headline in capitals
        "CZYTAJ TAKŻE: Wybory odbędą się jesienią",
    ],
)
def test_first_person_and_headlines_are_not_quotations(nlp, text):
    assert quotes_of(nlp, text) == []


def test_zero_subject_after_a_described_person(nlp):
    text = (
        "Znana opozycjonistka, niedługo po wyjeździe z kraju, skrytykowała słowa Piotra Nowaka. "
        "– Nikt nigdy tego nie proponował – zaprzeczała w rozmowie z agencją PAP."
    )
    q = only(nlp, text)
    assert q.text == "Nikt nigdy tego nie proponował"
    assert q.speaker_text == "Znana opozycjonistka"
    assert q.addressee_text == "agencją PAP"


# --- linear time on long documents (issue 19, item 5) ---------------------------------------------


def test_quote_index_answers_as_a_scan_does():
    # the index replaces scans over every quotation; it must give the same answers
    import random

    from kronika.extract.quotes.detected import Attribution, Detected, QuoteIndex

    rng = random.Random(7)
    quotes = []
    for _ in range(200):
        start = rng.randrange(0, 5000)
        quotes.append(
            Detected(start, start + rng.randrange(1, 120), "direct", Attribution(), start)
        )
    index = QuoteIndex(quotes)
    for _ in range(2000):
        a = rng.randrange(0, 5200)
        b = a + rng.randrange(0, 80)
        assert index.inside(a) == any(q.start <= a < q.end for q in quotes)
        assert index.overlaps(a, b) == any(q.start < b and a < q.end for q in quotes)


def test_subject_scan_stays_in_its_clause(nlp):
    from kronika.extract.quotes.view import _DocView

    text = "– Nie zgodzimy się – powiedział Jan Kowalski. " + "Radni długo dyskutowali. " * 50
    view = _DocView(nlp(text))
    verb = next(t for t in view.doc if t.text == "powiedział")
    end = view.sent_of[verb.i].end_char
    tokens = view.tokens_until(verb.i + 1, end)
    assert [t.text for t in tokens] == ["Jan", "Kowalski", "."]


def test_mentions_in_a_range_as_a_scan_finds_them(nlp):
    from kronika.extract.quotes.view import _DocView

    text = (
        "Anna Nowak spotkała się z Piotrem Wiśniewskim w Gdańsku. "
        "Jan Kowalski i Maria Zielińska przyjechali później do Lublina."
    )
    view = _DocView(nlp(text))
    for start in range(0, len(text), 7):
        for end in range(start, len(text) + 1, 11):
            expected = [m for m in view.mentions if m.start_char >= start and m.end_char <= end]
            assert view.mentions_in(start, end) == expected


def test_a_plural_zero_subject_continues_the_group_named_before(nlp):
    text = (
        "Minister Jan Nowak przedstawił plan. Polscy rolnicy protestują przeciwko niemu. "
        "Uważają, że plan zniszczy małe gospodarstwa."
    )
    quote = quote_opening(nlp, text, "plan zniszczy")
    assert quote.speaker_text == "Polscy rolnicy"


def test_a_numeral_group_takes_a_singular_verb(nlp):
    text = (
        "Pięć organizacji ekologicznych wysłało skargę do Komisji Europejskiej. "
        "Ich zdaniem wycinka narusza prawo."
    )
    quote = quote_opening(nlp, text, "wycinka")
    assert quote.speaker_text == "Pięć organizacji ekologicznych"


def test_a_singular_zero_subject_still_takes_the_person(nlp):
    text = "Polscy rolnicy protestują. Minister Jan Nowak zabrał głos. Dodał, że plan zostanie."
    quote = quote_opening(nlp, text, "plan")
    assert quote.speaker_text.endswith("Jan Nowak")


def test_two_people_joined_as_the_subject_are_the_group(nlp):
    text = (
        "W Sejmie przemawiali Jan Nowak oraz przewodniczący komisji Adam Lis. "
        "Ich zdaniem ustawa wymaga poprawek."
    )
    quote = quote_opening(nlp, text, "ustawa")
    assert quote.speaker_text == "Jan Nowak oraz przewodniczący komisji Adam Lis"


def test_a_past_verbs_gender_rules_out_the_other_genders_speaker(nlp):
    text = (
        "Spotkanie zorganizowała Kellyanne Conway. Przemawiał też Mitch McConnell. "
        "Jak dodała, rozmowy potrwają do piątku."
    )
    quote = quote_opening(nlp, text, "rozmowy")
    assert quote.speaker_text == "Kellyanne Conway"


def test_a_titled_name_the_detector_took_for_a_place_is_a_person(nlp):
    doc = nlp("Jak sprecyzowała rzeczniczka burmistrza Connie Llanos, rozmowa była długa.")
    (quote,) = find_quotes(doc)
    assert quote.speaker_text.endswith("Connie Llanos")


def test_according_to_them_continues_the_group(nlp):
    text = "Autorzy raportu zwracają uwagę na wieś. Według nich wyniki zależą od cen zboża."
    quote = quote_opening(nlp, text, "wyniki")
    assert quote.speaker_text == "Autorzy raportu"


def test_a_name_after_a_preposition_is_not_the_speaker(nlp):
    text = (
        "Jan Nowak zmienił zdanie. Już w wywiadzie dla telewizji TVN sugerował, że wycofa "
        "swoje groźby."
    )
    quote = quote_opening(nlp, text, "wycofa")
    assert quote.speaker_text == "Jan Nowak"


def test_a_relative_clause_speaker_is_its_antecedent(nlp):
    text = (
        "Plan wywołał sprzeciw części organizacji ekologicznych, które przekonują, że wycinka "
        "jest niepotrzebna. Głos zabrał Jan Lis, który powiedział, że las trzeba chronić."
    )
    speakers = {q.text.split()[0]: q.speaker_text for q in quotes_of(nlp, text)}
    assert speakers["wycinka"] == "części organizacji ekologicznych"
    assert speakers["las"] == "Jan Lis"


def test_according_to_information_given_by_a_titled_person(nlp):
    text = (
        "Według informacji przekazanych przez szefa kancelarii premiera i rządowego "
        "pełnomocnika Jana Lisa transport szczepionek to 300 tysięcy dawek."
    )
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker_text == "Jana Lisa"
    assert quote.text.startswith("transport szczepionek")


def test_a_source_after_titles_ends_at_the_name_they_belong_to(nlp) -> None:
    text = "Według kancelarii prezydenta RP rozmowy z Zełenskim będą dotyczyć energetyki."
    [quote] = quotes_of(nlp, text)
    assert quote.speaker_text == "kancelarii prezydenta RP"
