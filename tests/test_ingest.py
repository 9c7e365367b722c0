"""kronika.ingest: every source becomes Documents; bad input never stops the batch."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from kronika import ingest
from kronika.errors import InputError
from kronika.ingest import Document, content_id, decode, read_sources, read_text

# Short sentences written for these tests.
PANGRAM = "Zażółć gęślą jaźń. ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż"
SEJM = "Sejm przyjął wczoraj ustawę o ochronie lasów."
SAD = "Sąd w Łodzi oddalił skargę spółki na decyzję wojewody."
ŚNIEG = "Śnieg spadł w środę, a źrebię biegało po łące."


def split(results: list[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(docs) + len(errors) == len(results)
    return docs, errors


def read(*paths: str | Path, **kwargs: int) -> list[Document | InputError]:
    return list(read_sources([str(p) for p in paths], **kwargs))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_public_surface() -> None:
    assert sorted(ingest.__all__) == sorted(
        [
            "DEFAULT_MAX_CHARS",
            "MAX_FILE_BYTES",
            "SOURCE_EXTENSIONS",
            "STDIN",
            "Document",
            "content_id",
            "decode",
            "read_sources",
            "read_text",
            "saved_pages",
        ]
    )
    assert ingest.DEFAULT_MAX_CHARS == 2_000_000


# --- plain text and date markers -------------------------------------------------------------


def test_markers_split_articles_and_date_them(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt",
        "Wstęp bez daty.\n\n"
        "date 2023-07-14\n"
        f"{SEJM}\nDrugi akapit.\n"
        "   date 2023-07\n"  # leading spaces
        f"{SAD}\n"
        "\tdate 2021\n"  # a tab
        f"{ŚNIEG}\n",
    )
    docs, errors = split(read(path))
    assert errors == []
    assert [(d.text, d.date, d.date_source, d.date_precision) for d in docs] == [
        ("Wstęp bez daty.", None, None, None),
        (f"{SEJM}\nDrugi akapit.", "2023-07-14", "marker", "day"),
        (SAD, "2023-07", "marker", "month"),
        (ŚNIEG, "2021", "marker", "year"),
    ]
    assert all(d.source == str(path) for d in docs)
    assert [d.id for d in docs] == [content_id(d.text) for d in docs]


def test_article_text_may_start_on_the_marker_line() -> None:
    docs = read_text(" date 2023-07 Współpraca władz miasta z uczelnią się rozwija.\nKoniec.")
    assert len(docs) == 1
    assert docs[0].date == "2023-07"
    assert docs[0].date_source == "marker"
    assert docs[0].text == "Współpraca władz miasta z uczelnią się rozwija.\nKoniec."


def test_file_without_markers_is_one_undated_article() -> None:
    docs = read_text(f"\n\n  {SEJM}\n\n{SAD}  \n")
    assert [(d.text, d.date, d.source) for d in docs] == [(f"{SEJM}\n\n{SAD}", None, "<text>")]


@pytest.mark.parametrize(
    "line",
    [
        "date: 2023-07-14",  # not "date" followed by whitespace and a date token
        "dates 2023",
        "Update 2023-07-14 w tekście",
        "date 2023-07-14, Warszawa",  # the token must end at whitespace
        "mandate 2023",
    ],
)
def test_lines_that_are_not_markers_stay_text(line: str) -> None:
    docs = read_text(f"{SEJM}\n{line}\n{SAD}")
    assert [d.text for d in docs] == [f"{SEJM}\n{line}\n{SAD}"]
    assert docs[0].date is None


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        ("date 2023-13", "there is no month 13"),
        ("date 2023-02-29", "2023-02 has no day 29"),
        ("date 2023-7", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("date 0000", "there is no year 0"),
        ("date 2023-07-143", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_invalid_marker_date_skips_only_its_article(
    tmp_path: Path, marker: str, reason: str
) -> None:
    path = write(
        tmp_path / "zle.txt",
        f"date 2023-07-01\n{SEJM}\n\n{marker}\n{SAD}\ndate 2024-02-29\n{ŚNIEG}\n",
    )
    docs, errors = split(read(path))
    assert [(d.text, d.date) for d in docs] == [(SEJM, "2023-07-01"), (ŚNIEG, "2024-02-29")]
    assert len(errors) == 1
    assert (errors[0].source, errors[0].line) == (str(path), 4)
    assert reason in errors[0].reason
    assert str(errors[0]).startswith(f"{path}:4: invalid date")


def test_marker_without_text_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "pusty.txt", f"date 2023-01-02\n{SEJM}\ndate 2023-01-03\n  \n")
    docs, errors = split(read(path))
    assert [d.text for d in docs] == [SEJM]
    assert [(e.line, "no article text" in e.reason) for e in errors] == [(3, True)]


def test_read_text_raises_the_first_problem() -> None:
    with pytest.raises(InputError) as info:
        read_text(f"{SEJM}\ndate 2023-13 {SAD}", source="wklejka")
    assert (info.value.source, info.value.line) == ("wklejka", 2)


def test_read_text_removes_exact_duplicates() -> None:
    docs = read_text(f"date 2023-01-01 {SEJM}\ndate 2023-01-01 {SEJM}\ndate 2023-01-02 {SAD}")
    assert [d.text for d in docs] == [SEJM, SAD]


def test_newlines_and_unicode_are_normalized(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", SAD)
    assert decomposed != SAD
    path = write(tmp_path / "crlf.txt", f"date 2023-05-05\r\n{SEJM}\r\n{decomposed}\rKoniec.\r\n")
    docs, errors = split(read(path))
    assert errors == []
    assert docs[0].text == f"{SEJM}\n{SAD}\nKoniec."
    assert docs[0].id == content_id(f"{SEJM}\n{SAD}\nKoniec.")


def test_inner_whitespace_is_kept_exactly() -> None:
    text = f"{SEJM}\n\n\t  {SAD}   Koniec."
    assert read_text(f"  \n{text}\n\n")[0].text == text


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines_in_one_file(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 17, "text": SEJM, "date": "2023-07-14", "title": "Lasy", "url": "u1"}),
        "",  # blank: skipped, but still counted for line numbers
        '{"text": "Brak przecinka" "date": "2023"}',
        json.dumps([SAD]),
        json.dumps({"title": "Bez tekstu"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 5}),
        json.dumps({"text": SAD, "date": "2023-13-01"}),
        json.dumps({"text": SAD, "title": ["x"]}),
        json.dumps({"text": SAD, "id": {"a": 1}}),
        json.dumps({"id": "art-2", "text": ŚNIEG, "date": "2022"}, ensure_ascii=False),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    docs, errors = split(read(path))

    assert [(d.text, d.external_id, d.date, d.date_source, d.title, d.url) for d in docs] == [
        (SEJM, "17", "2023-07-14", "metadata", "Lasy", "u1"),
        (ŚNIEG, "art-2", "2022", "metadata", None, None),
    ]
    assert all(d.source == str(path) for d in docs)
    assert [(e.source, e.line) for e in errors] == [(str(path), n) for n in range(3, 11)]
    reasons = [e.reason for e in errors]
    assert reasons[0] == (
        "malformed JSON (Expecting ',' delimiter at column 27); each line must be one JSON object"
    )
    assert reasons[1].startswith("expected a JSON object, got an array")
    assert reasons[2].startswith('missing "text"')
    assert reasons[3].startswith('"text" is empty')
    assert reasons[4] == '"text" must be a string, got a number'
    assert reasons[5].startswith("invalid \"date\" '2023-13-01' (there is no month 13)")
    assert reasons[6] == '"title" must be a string, got an array'
    assert reasons[7] == '"id" must be a string or an integer, got an object'


def test_jsonl_results_keep_file_order(tmp_path: Path) -> None:
    path = write(tmp_path / "b.ndjson", f'{{"text": "{SEJM}"}}\nnie json\n{{"text": "{SAD}"}}\n')
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]


def test_jsonl_utf8_bom_crlf_and_empty_date(tmp_path: Path) -> None:
    body = json.dumps({"text": f"{SEJM}\r\n{SAD}", "date": ""}, ensure_ascii=False)
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8") + b"\r\n")
    docs, errors = split(read(path))
    assert errors == []
    assert [(d.text, d.date) for d in docs] == [(f"{SEJM}\n{SAD}", None)]


def test_jsonl_in_cp1250_is_decoded_per_line(tmp_path: Path) -> None:
    body = json.dumps({"text": PANGRAM}, ensure_ascii=False)
    path = tmp_path / "stary.jsonl"
    path.write_bytes(body.encode("cp1250") + b"\n")
    docs, errors = split(read(path))
    assert errors == []
    assert docs[0].text == PANGRAM


def test_jsonl_utf16_with_bom(tmp_path: Path) -> None:
    body = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (PANGRAM, SAD))
    path = tmp_path / "szeroki.jsonl"
    path.write_bytes(body.encode("utf-16"))
    docs, errors = split(read(path))
    assert errors == []
    assert [d.text for d in docs] == [PANGRAM, SAD]


def test_jsonl_only_blank_lines_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "nic.jsonl", "\n  \n\n")
    docs, errors = split(read(path))
    assert docs == []
    assert [e.reason.startswith("empty file") for e in errors] == [True]


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1250", "iso8859_2"])
@pytest.mark.parametrize("text", [PANGRAM, SAD, ŚNIEG, "Źle. Ścisk. Ąę. Źródło.", "Też."])
def test_polish_legacy_encodings_round_trip(tmp_path: Path, encoding: str, text: str) -> None:
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful if UTF-8 fails
    assert decode(data, source="x") == text

    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    docs, errors = split(read(path))
    assert errors == []
    assert [d.text for d in docs] == [text]


def test_the_two_code_pages_really_differ() -> None:
    # Guards the test above: the letters that differ are in the pangram.
    assert PANGRAM.encode("cp1250") != PANGRAM.encode("iso8859_2")
    assert PANGRAM.encode("cp1250").decode("iso8859_2") != PANGRAM
    assert PANGRAM.encode("iso8859_2").decode("cp1250") != PANGRAM


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    data = f"date 2023-03-03 {PANGRAM}\r\n".encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = "\ufeff".encode(encoding) + data  # utf-16-be writes no mark of its own
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    docs, errors = split(read(path))
    assert errors == []
    assert [(d.text, d.date) for d in docs] == [(PANGRAM, "2023-03-03")]


def test_utf8_bom_is_removed() -> None:
    assert decode(b"\xef\xbb\xbf" + SAD.encode(), source="x") == SAD


# --- bad files ---------------------------------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "obraz.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    docs, errors = split(read(path))
    assert docs == []
    assert [e.source for e in errors] == [str(path)]
    assert errors[0].reason.startswith("looks like a binary file, not text")


def test_binary_without_nul_bytes_is_still_binary() -> None:
    data = bytes(b for b in range(1, 256) if b not in b"\t\n\r\x0b\x0c") * 8
    with pytest.raises(InputError, match="looks like a binary file"):
        decode(data, source="dane.bin")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "pusty.txt"
    path.write_bytes(content)
    docs, errors = split(read(path))
    assert docs == []
    assert [(e.source, e.reason.startswith("empty file")) for e in errors] == [(str(path), True)]


def test_unreadable_sources_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "dobry.txt", SEJM)
    missing = tmp_path / "brak.txt"
    docs, errors = split(read(missing, good, tmp_path / "brak.jsonl"))
    assert [d.text for d in docs] == [SEJM]
    assert [e.source for e in errors] == [str(missing), str(tmp_path / "brak.jsonl")]
    assert all("No such file or directory" in e.reason for e in errors)


def test_huge_document_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    long_text = "Bardzo długi artykuł. " * 10
    path = write(tmp_path / "duzy.txt", f"date 2023-01-01\n{SEJM}\ndate 2023-01-02\n{long_text}\n")
    jpath = write(
        tmp_path / "duzy.jsonl",
        json.dumps({"text": long_text}) + "\n" + json.dumps({"text": SAD}) + "\n",
    )
    docs, errors = split(read(path, jpath, max_chars=100))
    assert [d.text for d in docs] == [SEJM, SAD]
    assert [(e.source, e.line) for e in errors] == [(str(path), 3), (str(jpath), 1)]
    assert all("over the limit of 100" in e.reason for e in errors)
    assert all("--max-chars" in e.reason for e in errors)


def test_file_over_the_byte_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 10)
    big = write(tmp_path / "wielki.txt", SEJM)
    big_jsonl = write(tmp_path / "wielki.jsonl", json.dumps({"text": SEJM}))
    small = write(tmp_path / "maly.txt", "Krótki.")
    docs, errors = split(read(big, big_jsonl, small))
    assert [d.text for d in docs] == ["Krótki."]
    assert [e.source for e in errors] == [str(big), str(big_jsonl)]
    assert all("larger than the 10-byte limit" in e.reason for e in errors)


# --- directories, duplicates, order ------------------------------------------------------------


def test_directory_recursion_is_sorted_and_filtered(tmp_path: Path) -> None:
    root = tmp_path / "korpus"
    write(root / "b.txt", "Tekst b.")
    write(root / "a" / "z.jsonl", json.dumps({"text": "Tekst a/z."}))
    write(root / "a" / "c" / "d.TXT", "Tekst a/c/d.")
    write(root / "a.txt", "Tekst a.")
    write(root / "c.ndjson", json.dumps({"text": "Tekst c."}))
    write(root / "notatki.md", "Pominięty.")
    write(root / ".ukryty.txt", "Pominięty ukryty.")
    write(root / ".git" / "x.txt", "Pominięty w ukrytym katalogu.")
    docs, errors = split(read(root))
    assert errors == []
    assert [(Path(d.source).relative_to(root).as_posix(), d.text) for d in docs] == [
        ("a/c/d.TXT", "Tekst a/c/d."),
        ("a/z.jsonl", "Tekst a/z."),
        ("a.txt", "Tekst a."),
        ("b.txt", "Tekst b."),
        ("c.ndjson", "Tekst c."),
    ]
    assert read(root) == read(root)  # deterministic


def test_directory_without_sources(tmp_path: Path) -> None:
    write(tmp_path / "tylko.md", "Nic.")
    docs, errors = split(read(tmp_path))
    assert docs == []
    assert [e.source for e in errors] == [str(tmp_path)]
    assert "no .txt, .jsonl or .ndjson files" in errors[0].reason


def test_exact_duplicates_are_yielded_once(tmp_path: Path) -> None:
    first = write(tmp_path / "1.txt", f"date 2023-01-01 {SEJM}\ndate 2023-01-01 {SEJM}\n")
    second = write(tmp_path / "2.jsonl", json.dumps({"text": f"  {SEJM}\r\n"}) + "\n")
    third = write(tmp_path / "3.txt", SAD)
    docs, errors = split(read(first, second, third, first))
    assert errors == []
    assert [(d.text, d.source) for d in docs] == [(SEJM, str(first)), (SAD, str(third))]


def test_a_single_path_is_not_iterated_by_character(tmp_path: Path) -> None:
    path = write(tmp_path / "jeden.txt", SEJM)
    assert [d.text for d in read_sources(str(path))] == [SEJM]  # type: ignore[arg-type]
    assert [d.text for d in read_sources(path)] == [SEJM]  # type: ignore[arg-type]


# --- stdin -------------------------------------------------------------------------------------


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, f"date 2023-09-09 {SEJM}\r\ndate 2023-09-10\n{SAD}\n".encode())
    docs, errors = split(read("-"))
    assert errors == []
    assert [(d.text, d.date, d.source) for d in docs] == [
        (SEJM, "2023-09-09", "<stdin>"),
        (SAD, "2023-09-10", "<stdin>"),
    ]


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\n".join(
        [json.dumps({"text": SEJM, "date": "2023"}), "", '  {"text": 1}', json.dumps({"text": SAD})]
    )
    fake_stdin(monkeypatch, data.encode())
    docs, errors = split(read("-"))
    assert [(d.text, d.date, d.date_source) for d in docs] == [
        (SEJM, "2023", "metadata"),
        (SAD, None, None),
    ]
    assert [(e.source, e.line) for e in errors] == [("<stdin>", 3)]


def test_stdin_with_a_non_json_line_is_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    data = f'{{"text": "x"}}\n{SEJM}'
    fake_stdin(monkeypatch, data.encode())
    assert [d.text for d in read_sources(["-"])] == [data]


def test_stdin_in_cp1250(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, PANGRAM.encode("cp1250"))
    assert [d.text for d in read_sources(["-"])] == [PANGRAM]


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"\n\n")
    docs, errors = split(read("-"))
    assert docs == []
    assert [(e.source, e.reason.startswith("empty input")) for e in errors] == [("<stdin>", True)]


def test_binary_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dane.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    docs, errors = split(read(path))
    assert docs == []
    assert [(e.source, e.line) for e in errors] == [(str(path), None)]
    assert errors[0].reason.startswith("looks like a binary file")


def test_a_binary_line_in_jsonl_costs_its_line_only(tmp_path: Path) -> None:
    # issue 19, item 9: a NUL in the first KiB rejected the whole file, its valid lines too
    path = tmp_path / "dane.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x01\x02\x03\n{"text": "b"}\n')
    docs, errors = split(read(path))
    assert [d.text for d in docs] == ["a", "b"]
    assert [(e.source, e.line) for e in errors] == [(str(path), 2)]
    assert "NUL byte" in errors[0].reason
