"""Publication dates from metadata, checked before they are trusted.

Scraped collections carry placeholder dates: the Unix epoch (1970-01-01, a zero timestamp), dates
in the future, years before any newspaper kronika reads. Taken at face value they move every
relative expression of the article ("10 sierpnia" → 1969-08-10). A date that cannot be a
publication date is dropped with a warning naming the document; the pipeline then infers the
date from the text, as for an undated article, and says so in ``date_source``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

logger = logging.getLogger("kronika.ingest")

#: A date before this year is taken for a placeholder, not a publication date.
EARLIEST_YEAR = 1900
#: How far into the future a date may lie (time zones, clocks of servers) and still be trusted.
FUTURE_TOLERANCE = dt.timedelta(days=1)

_ISO_START = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_date(value: str | None) -> str | None:
    """The ``YYYY[-MM[-DD]]`` start of an ISO 8601 date or timestamp, if it is a real date."""
    if not value:
        return None
    match = _ISO_START.match(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return match.group(0)


def trusted_date(value: str | None, *, source: str, today: dt.date | None = None) -> str | None:
    """``value`` as an ISO date if it can be a publication date, else None (with a warning)."""
    date = iso_date(value)
    if date is None:
        if value:
            logger.warning(
                "%s: metadata date %r is not a date; it is inferred from the text",
                source,
                value[:40],
            )
        return None
    reason = implausible(date, today or dt.date.today())
    if reason is not None:
        logger.warning(
            "%s: metadata date %s %s; the date is inferred from the text", source, date, reason
        )
        return None
    return date


def implausible(date: str, today: dt.date) -> str | None:
    """Why ``date`` (ISO, any precision) cannot be a publication date, or None."""
    year = int(date[:4])
    if date.startswith("1970-01-01"):
        return "is the Unix epoch, a placeholder"
    if year < EARLIEST_YEAR:
        return f"is before {EARLIEST_YEAR}"
    first_day = dt.date(
        year,
        int(date[5:7] or 1) if len(date) >= 7 else 1,
        int(date[8:10]) if len(date) >= 10 else 1,
    )
    if first_day > today + FUTURE_TOLERANCE:
        return "lies in the future"
    return None
