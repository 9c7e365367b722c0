"""Saved news pages: the article's text, title, date and URL, without menus, ads and banners.

trafilatura finds the main text and the metadata (``<meta>`` tags, JSON-LD ``datePublished``,
``<title>``); kronika keeps the paragraphs as paragraphs (a blank line between them, as the
plain-text reader expects, so a dialogue dash still opens a quotation), drops a first line that
only repeats the title, and never stores the raw page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kronika.errors import InputError
from kronika.ingest.dates import trusted_date
from kronika.ingest.document import Document
from kronika.ingest.encoding import decode
from kronika.ingest.text import normalize

#: Pages longer than this (characters of markup) are not parsed: no news page is this long, and
#: parsing one costs memory far beyond its size.
MAX_PAGE_CHARS = 20_000_000

HTML_EXTENSIONS = (".html", ".htm", ".xhtml")

#: Less text than this is a byline, a menu or a caption, not an article.
MIN_ARTICLE_CHARS = 100

_LOOKS_LIKE_HTML = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def looks_like_html(text: str) -> bool:
    """Content that is an HTML page whatever the file is called."""
    return bool(_LOOKS_LIKE_HTML.match(text[:4096]))


def decode_page(data: bytes, *, source: str) -> str:
    """The page as text: UTF-8 if it decodes as UTF-8, else the declared or detected code page.

    A page's declared charset is often wrong (a cp1250 page that says UTF-8): the bytes decide.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared is not None:
        try:
            name = declared.group(1).decode("ascii").lower()
            if name not in ("utf-8", "utf8"):
                return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, source=source)


def parse_page(
    page: str,
    *,
    source: str,
    max_chars: int,
    url: str | None = None,
    date: str | None = None,
) -> Iterator[Document | InputError]:
    """The article of one page; ``url`` and ``date`` stand in where the page gives none."""
    if len(page) > MAX_PAGE_CHARS:
        yield InputError(
            f"page of {len(page):,} characters is larger than the {MAX_PAGE_CHARS:,}-character "
            "limit for HTML; not read",
            source=source,
        )
        return
    found = _extract(page, url)
    text = normalize(_body(found))
    if len(text) < MIN_ARTICLE_CHARS:
        yield InputError(
            "no article text found in this page (only navigation or an empty body); skipped",
            source=source,
        )
        return
    if len(text) > max_chars:
        yield InputError(
            f"article of {len(text):,} characters exceeds --max-chars {max_chars:,}",
            source=source,
        )
        return
    published = trusted_date(found.get("date"), source=source) if found.get("date") else None
    yield Document.create(
        text,
        source=source,
        date=published or (trusted_date(date, source=source) if date else None),
        title=_clean(normalize(found.get("title") or "")),
        url=found.get("url") or url,
    )


def _extract(page: str, url: str | None) -> dict[str, str | None]:
    import trafilatura  # on first use: it costs a tenth of a second to import

    result = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return {}
    return dict(result if isinstance(result, dict) else result.as_dict())


def _body(found: dict[str, str | None]) -> str:
    lines = [line.strip() for line in (found.get("text") or "").splitlines() if line.strip()]
    title = _clean(found.get("title"))
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
