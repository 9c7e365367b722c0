"""RSS and Atom feeds through feedparser: one document per entry.

An entry gives its title, link, published (or updated) date and its content, or its summary
where the feed carries no content; markup in them is reduced to paragraphs of text. Where the
linked page was saved too (a folder of pages, a WARC crawl), ``pages`` maps its URL to that
page's document, and the entry becomes the whole article rather than the feed's excerpt.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping

from kronika.errors import InputError
from kronika.ingest.dates import trusted_date
from kronika.ingest.document import Document
from kronika.ingest.text import normalize

FEED_EXTENSIONS = (".rss", ".atom")

_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote")


def looks_like_feed(text: str) -> bool:
    """An RSS or Atom document whatever the file is called."""
    head = text[:2048].lower()
    return "<rss" in head or ("<feed" in head and "atom" in head)


def read_feed(
    data: bytes | str,
    *,
    source: str,
    max_chars: int,
    pages: Mapping[str, Document] | None = None,
) -> Iterator[Document | InputError]:
    """The entries of one feed, in the feed's order."""
    import feedparser  # on first use, as every reader of a web format

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(
            f"not a readable RSS or Atom feed ({parsed.bozo_exception})", source=source
        )
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        link = entry.get("link")
        saved = pages.get(link) if pages and link else None
        if saved is not None:
            yield Document.create(
                saved.text,
                source=saved.source,
                date=saved.date or _date(entry, where),
                title=saved.title or _text(entry.get("title")),
                url=link,
            )
            continue
        text = _entry_text(entry)
        if not text:
            yield InputError("feed entry with no text (no content and no summary)", source=where)
        elif len(text) > max_chars:
            yield InputError(f"entry of {len(text):,} characters exceeds --max-chars", source=where)
        else:
            yield Document.create(
                text,
                source=where,
                date=_date(entry, where),
                title=_text(entry.get("title")),
                url=link,
            )


def _entry_text(entry: Mapping[str, object]) -> str:
    contents = entry.get("content") or []
    if isinstance(contents, list) and contents:
        return _text(str(contents[0].get("value", ""))) or ""
    return _text(str(entry.get("summary") or "")) or ""


def _text(markup: str | None) -> str | None:
    """Markup reduced to its text, one paragraph per block element."""
    if not markup or not markup.strip():
        return None
    markup = normalize(markup)
    if "<" not in markup:
        return " ".join(markup.split()) or None
    import lxml.html

    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    paragraphs = [" ".join(p.split()) for p in root.text_content().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p) or None


def _date(entry: Mapping[str, object], source: str) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return trusted_date(time.strftime("%Y-%m-%d", value), source=source)
    return None
