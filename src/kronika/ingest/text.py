"""Plain text: articles separated by ``date YYYY[-MM[-DD]]`` markers.

A marker is a line that starts (after optional spaces or tabs) with the word ``date`` and a
token of digits and hyphens. It begins a new article; the article text may start on the
marker's own line after the date. Text before the first marker, if not blank, is an undated
article, and a file without markers is one undated article.

A line of only ``date`` and one word that is not a date (``date yesterday``) is a marker with an
invalid date. A marker whose date is not a real calendar date is reported (file and line) and
its article is skipped rather than read undated: a wrong date is worse for a dated knowledge
graph than a missing article the user is told about.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator

from kronika.errors import InputError, shorten
from kronika.ingest.document import Document

#: A line that is meant to be a marker. The date token is matched loosely (any digits and
#: hyphens) so that a malformed date such as ``2023-7`` or ``2023-13`` is reported instead of
#: silently becoming article text.
#: A line holding nothing but ``date`` and one word (``date yesterday``) is a marker too, with a
#: date that is not one: folding it into the article above would hide the mistake.
MARKER = re.compile(r"^[ \t]*date[ \t]+(?:([0-9][0-9-]*)(?=[ \t]|$)|([^\s]+)[ \t]*$)", re.MULTILINE)

_DATE_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


#: Control characters other than tab and newline (C0, DEL, C1): a space each. Terminal escapes
#: (``ESC ] 52 ; … BEL``) would otherwise become part of words and of stored entity names.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Characters that are invisible inside words: zero-width space, non-joiner and joiner, word
#: joiner, a byte order mark inside text, soft hyphen. Removed, so "Wła\u200bdimir" is one word.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalize(text: str) -> str:
    """The text kronika stores and analyses; every offset of the contract indexes this text.

    ``\\n`` line ends; other control characters become spaces; zero-width characters and soft
    hyphens are removed; then NFC. Nothing else changes.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL_CHARACTERS.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def validate_date(value: str) -> str:
    """Return ``value`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date.

    Raises ValueError with a short reason otherwise.
    """
    match = _DATE_SHAPE.fullmatch(value)
    if match is None:
        raise ValueError(f"expected {DATE_FORMS}")
    year, month, day = match.groups()
    if int(year) < datetime.MINYEAR:
        raise ValueError("there is no year 0")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"there is no month {month}")
    if day is not None:
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"{year}-{month} has no day {day}") from None
    return value


def too_long(source: str, line: int | None, length: int, max_chars: int) -> InputError:
    """The error for a document over the size limit; the other documents go on."""
    return InputError(
        f"document is {length:,} characters long, over the limit of {max_chars:,}; "
        "split it, or raise the limit with --max-chars (max_chars= in Python)",
        source=source,
        line=line,
    )


def parse_text(text: str, *, source: str, max_chars: int) -> Iterator[Document | InputError]:
    """Documents (and errors) from plain text, in order of appearance.

    Duplicates are not removed here; the caller keeps the set of ids seen across a whole read.
    """
    text = normalize(text)
    markers = list(MARKER.finditer(text))
    # Text before the first marker (all of it, without markers) is an undated article.
    head_end = markers[0].start() if markers else len(text)
    yield from _article(text[:head_end], source, 1, None, max_chars, marked=False)

    line_no, counted_to = 1, 0
    for index, marker in enumerate(markers):
        line_no += text.count("\n", counted_to, marker.start())
        counted_to = marker.start()
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        token = marker.group(1) or marker.group(2)
        try:
            date = validate_date(token)
        except ValueError as exc:
            yield InputError(
                f"invalid date {shorten(token)!r} in marker ({exc}); "
                f"write the marker as 'date' and {DATE_FORMS} with a real calendar date. "
                "The article under it was not read",
                source=source,
                line=line_no,
            )
            continue
        yield from _article(text[marker.end() : end], source, line_no, date, max_chars, marked=True)


def _article(
    body: str, source: str, line: int, date: str | None, max_chars: int, *, marked: bool
) -> Iterator[Document | InputError]:
    body = body.strip()
    if not body:
        # Blank text before the first marker is just spacing; a marker with nothing after it
        # is probably a cut-off paste, worth telling about.
        if marked:
            yield InputError(
                "date marker with no article text after it; add the text or remove the marker",
                source=source,
                line=line,
            )
        return
    if len(body) > max_chars:
        yield too_long(source, line, len(body), max_chars)
        return
    yield Document.create(body, source=source, date=date, date_source="marker" if date else None)
