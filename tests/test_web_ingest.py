"""Saved pages, crawls and feeds: only the article, its title and its date are stored."""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import logging
import lzma
from pathlib import Path

import pytest
import zstandard

from kronika.errors import InputError
from kronika.ingest import Document, read_sources
from kronika.ingest.dates import implausible, trusted_date

PARAGRAPHS = [
    "Premier Litwy Ingrida Šimonytė spotkała się w poniedziałek w Wilnie z przewodniczącą "
    "Komisji Europejskiej Ursulą von der Leyen. Rozmowy dotyczyły bezpieczeństwa "
    "energetycznego regionu i budowy nowych połączeń kolejowych z Polską.",
    "– Musimy szybciej uniezależnić się od rosyjskiego gazu – powiedziała Šimonytė po "
    "spotkaniu z dziennikarzami.",
    "Według litewskiego ministerstwa energetyki terminal w Kłajpedzie przyjmie w przyszłym "
    "roku więcej statków z gazem skroplonym niż w tym.",
]
BODY = "\n\n".join(PARAGRAPHS)
TITLE = "Litwa chce szybciej odciąć się od rosyjskiego gazu"


def page(date: str = "2023-03-13", charset: str = "utf-8", body: str | None = None) -> str:
    paragraphs = body if body is not None else "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="pl"><head><meta charset="{charset}">
<title>{TITLE} | Kurier Bałtycki</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="{date}T09:30:00+01:00">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{TITLE}",
 "datePublished": "{date}", "author": {{"@type": "Person", "name": "Anna Kowalczyk"}}}}</script>
<script>window.dataLayer = [];</script></head>
<body>
<div id="cookies">Ta strona korzysta z plików cookies. <button>Akceptuję</button></div>
<nav><ul><li><a href="/">Strona główna</a></li><li><a href="/swiat">Świat</a></li>
<li><a href="/gospodarka">Gospodarka</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">REKLAMA: Kredyt bez zaświadczeń! Sprawdź teraz.</div>
<main><article><h1>{TITLE}</h1>
<p class="byline">Anna Kowalczyk, 13 marca 2023</p>
{paragraphs}</article>
<aside><h3>Czytaj także</h3><ul><li><a href="/a">Nowy most na Niemnie</a></li>
<li><a href="/b">Ceny prądu w górę</a></li></ul></aside></main>
<footer>© 2023 Kurier Bałtycki. Wszelkie prawa zastrzeżone.
<a href="/r">Regulamin</a></footer>
</body></html>"""


def documents(*paths: Path) -> tuple[list[Document], list[InputError]]:
    found = list(read_sources([str(p) for p in paths]))
    return (
        [d for d in found if isinstance(d, Document)],
        [e for e in found if isinstance(e, InputError)],
    )


def test_a_saved_page_gives_only_the_article(tmp_path: Path) -> None:
    (tmp_path / "artykul.html").write_text(page(), encoding="utf-8")
    [doc], errors = documents(tmp_path / "artykul.html")
    assert errors == []
    assert doc.title == TITLE and doc.date == "2023-03-13" and doc.date_source == "metadata"
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for boilerplate in ("cookies", "REKLAMA", "Strona główna", "Czytaj także", "Regulamin", "<"):
        assert boilerplate not in doc.text
    assert "\n\n– Musimy" in doc.text  # paragraphs stay paragraphs, the dash opens a quote


def test_a_page_is_read_by_its_content_and_its_wrong_charset_is_overruled(
    tmp_path: Path,
) -> None:
    # cp1250 has no "ė": the Lithuanian name is written as Polish papers often write it
    markup = page(charset="utf-8").replace("Šimonytė", "Szimonyte")
    (tmp_path / "zapis.txt").write_bytes(markup.encode("cp1250"))
    [doc], errors = documents(tmp_path / "zapis.txt")
    assert errors == [] and "Ingrida Szimonyte spotkała" in doc.text and "<" not in doc.text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("", "empty"),
        (page(body="<div></div>"), "no article text"),
        ("<html><body><nav><a href='/'>Start</a></nav></body></html>", "no article text"),
    ],
)
def test_pages_without_an_article_are_named(tmp_path: Path, markup: str, expected: str) -> None:
    (tmp_path / "pusta.html").write_text(markup, encoding="utf-8")
    docs, [error] = documents(tmp_path / "pusta.html")
    assert docs == [] and error.source.endswith("pusta.html") and expected in str(error)


def test_broken_markup_still_gives_the_text(tmp_path: Path) -> None:
    broken = page().replace("</p>", "", 2).replace("</article>", "<div><span>")
    (tmp_path / "zla.html").write_text(broken, encoding="utf-8")
    [doc], _ = documents(tmp_path / "zla.html")
    assert "Ingrida Šimonytė" in doc.text and "Kłajpedzie" in doc.text


def test_a_huge_page_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "wielka.html").write_text(page(body="<p>" + "x " * 25_000_000 + "</p>"))
    docs, [error] = documents(tmp_path / "wielka.html")
    assert docs == [] and "larger than" in str(error) and "wielka.html" in str(error)


def test_placeholder_dates_are_not_trusted(caplog: pytest.LogCaptureFixture) -> None:
    today = dt.date(2026, 12, 3)
    assert implausible("1970-01-01", today) and implausible("1850-05", today)
    assert implausible("2027-01-01", today) and not implausible("2026-12-04", today)
    assert implausible("2023-03-13", today) is None
    with caplog.at_level(logging.WARNING, logger="kronika.ingest"):
        assert trusted_date("1970-01-01T00:00:00Z", source="x.html") is None
    assert "x.html" in caplog.text and "Unix epoch" in caplog.text


def test_an_epoch_dated_page_gets_no_date_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "epoka.html").write_text(page(date="1970-01-01"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kronika.ingest"):
        [doc], _ = documents(tmp_path / "epoka.html")
    assert doc.date is None and doc.date_source is None


def _record(number: int, url: str, content_type: str, payload: bytes) -> bytes:
    """One WARC response record, written by hand as the WARC 1.0 standard lays it out."""
    block = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode() + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2023-03-20T12:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def _warc(path: Path, pages: list[tuple[str, str]], gzipped: bool) -> list[int]:
    """A crawl of the pages and a logo image; returns each page record's byte offset."""
    records = [
        _record(n, url, "text/html; charset=utf-8", html.encode())
        for n, (url, html) in enumerate(pages)
    ]
    records.append(_record(99, "https://kurier.example/logo.png", "image/png", b"\x89PNG...."))
    offsets, data = [], b""
    for record in records:
        offsets.append(len(data))
        data += gzip.compress(record, mtime=0) if gzipped else record
    path.write_bytes(data)
    return offsets[: len(pages)]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_crawl_gives_each_page_with_its_url(tmp_path: Path, gzipped: bool) -> None:
    name = "zbior.warc.gz" if gzipped else "zbior.warc"
    other = page(date="2023-03-14").replace("poniedziałek", "wtorek")
    _warc(
        tmp_path / name,
        [("https://kurier.example/a", page()), ("https://kurier.example/b", other)],
        gzipped,
    )
    docs, errors = documents(tmp_path / name)
    assert errors == []
    assert [d.url for d in docs] == ["https://kurier.example/a", "https://kurier.example/b"]
    assert [d.date for d in docs] == ["2023-03-13", "2023-03-14"]


def test_a_truncated_gzip_member_costs_only_its_record(tmp_path: Path) -> None:
    pages = [
        (f"https://kurier.example/{n}", page().replace("Wilnie", f"Wilnie {n}")) for n in range(3)
    ]
    path = tmp_path / "uszkodzony.warc.gz"
    offsets = _warc(path, pages, gzipped=True)
    data = path.read_bytes()
    # cut the middle record's gzip member short
    damaged = data[: offsets[1] + 200] + data[offsets[2] :]
    path.write_bytes(damaged)
    docs, errors = documents(path)
    assert [d.url for d in docs] == ["https://kurier.example/0", "https://kurier.example/2"]
    assert len(errors) == 1 and "uszkodzony.warc.gz" in str(errors[0])
    assert f"offset {offsets[1]}" in str(errors[0])


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kurier Bałtycki</title><link>https://kurier.example</link>
<item><title>{title}</title><link>https://kurier.example/a</link>
<pubDate>Mon, 13 Mar 2023 09:30:00 +0100</pubDate>
<description><![CDATA[{body}]]></description></item>
<item><title>Puste</title><link>https://kurier.example/pusty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kurier Bałtycki</title>
<id>urn:kurier</id><updated>2023-03-13T09:30:00Z</updated>
<entry><title>{title}</title><id>urn:kurier:a</id><link href="https://kurier.example/a"/>
<published>2023-03-13T09:30:00Z</published><updated>2023-03-13T10:00:00Z</updated>
<content type="html"><![CDATA[{body}]]></content></entry></feed>"""


@pytest.mark.parametrize(("template", "name"), [(RSS, "kanal.rss"), (ATOM, "kanal.atom")])
def test_feed_entries_become_documents(tmp_path: Path, template: str, name: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    (tmp_path / name).write_text(template.format(title=TITLE, body=body), encoding="utf-8")
    docs, errors = documents(tmp_path / name)
    assert docs[0].text == BODY and docs[0].title == TITLE and docs[0].date == "2023-03-13"
    assert docs[0].url == "https://kurier.example/a"
    assert all("pusty" not in d.url for d in docs if d.url)
    assert len(errors) == (1 if name.endswith(".rss") else 0)


@pytest.mark.parametrize(
    ("suffix", "pack"),
    [
        (".gz", gzip.compress),
        (".bz2", bz2.compress),
        (".xz", lzma.compress),
        (".zst", zstandard.ZstdCompressor().compress),
    ],
)
def test_compressed_files_of_every_kind(tmp_path: Path, suffix: str, pack) -> None:  # noqa: ANN001
    (tmp_path / f"strona.html{suffix}").write_bytes(pack(page().encode("utf-8")))
    (tmp_path / f"teksty.jsonl{suffix}").write_bytes(pack(b'{"text": "Ala ma kota w Wilnie."}\n'))
    docs, errors = documents(tmp_path)
    assert errors == []
    assert sorted(d.text[:10] for d in docs) == ["Ala ma kot", "Premier Li"]


def test_a_damaged_compressed_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "zly.txt.gz").write_bytes(gzip.compress(b"Tekst artykulu. " * 100)[:40])
    docs, [error] = documents(tmp_path / "zly.txt.gz")
    assert docs == [] and "zly.txt.gz" in str(error) and "decompress" in str(error)


@pytest.mark.slow
def test_a_page_gives_what_its_plain_text_gives(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    from kronika.pipeline import analyze_document

    (tmp_path / "artykul.html").write_text(page(), encoding="utf-8")
    [from_page], _ = documents(tmp_path / "artykul.html")
    plain = Document.create(BODY, source="plain", date="2023-03-13")
    one = analyze_document(from_page, nlp).record
    two = analyze_document(plain, nlp).record
    assert from_page.text == BODY
    assert [(m["text"], m["entity"]) for m in one["mentions"]] == [
        (m["text"], m["entity"]) for m in two["mentions"]
    ]
    assert [(q["text"], q["speaker"]) for q in one["quotes"]] == [
        (q["text"], q["speaker"]) for q in two["quotes"]
    ]
    assert one["quotes"], "the dash paragraph is a quotation"


def test_an_epoch_date_in_jsonl_is_inferred_instead(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "zrzut.jsonl").write_text(
        '{"text": "W czwartek 10 sierpnia rząd przyjął ustawę.", "date": "1970-01-01"}\n'
        '{"text": "W piątek rząd odrzucił projekt.", "date": "2031-05-01"}\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="kronika.ingest"):
        docs, errors = documents(tmp_path / "zrzut.jsonl")
    assert errors == [] and [d.date for d in docs] == [None, None]
    assert "zrzut.jsonl:1" in caplog.text and "zrzut.jsonl:2" in caplog.text


def test_page_text_is_normalized_like_any_text(tmp_path: Path) -> None:
    hidden = page().replace("Ingrida", "In\u200bgri\u00adda").replace("Wilnie", "Wil\x1bnie")
    (tmp_path / "ukryte.html").write_text(hidden, encoding="utf-8")
    [doc], _ = documents(tmp_path / "ukryte.html")
    assert "Ingrida Šimonytė" in doc.text and "\x1b" not in doc.text


def test_feed_entries_become_the_saved_pages_they_link_to(tmp_path: Path) -> None:
    from kronika.ingest import saved_pages

    saved = tmp_path / "strony"
    saved.mkdir()
    html = page().replace("<head>", '<head><link rel="canonical" href="https://kurier.example/a">')
    (saved / "a.html").write_text(html, encoding="utf-8")
    excerpt = "<p>Premier Litwy spotkała się z szefową Komisji.</p>"
    (tmp_path / "kanal.rss").write_text(RSS.format(title=TITLE, body=excerpt), encoding="utf-8")
    pages = saved_pages([saved])
    assert list(pages) == ["https://kurier.example/a"]
    found = [d for d in read_sources([str(tmp_path / "kanal.rss")], pages=pages)]
    [entry] = [d for d in found if isinstance(d, Document)]
    assert entry.text == BODY and entry.url == "https://kurier.example/a"
    assert entry.date == "2023-03-13" and entry.title == TITLE
