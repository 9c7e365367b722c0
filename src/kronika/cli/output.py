"""What every command shares: terminal-safe output, option types, the database opened for reading.

Everything printed goes through :func:`_echo`, which escapes control characters: article text,
entity names and file names come from the input and must not drive the user's terminal
(``ESC ] 52`` writes the clipboard, backspaces overwrite one name with another).
"""

from __future__ import annotations

import json
import logging
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from kronika.errors import KronikaError, shorten
from kronika.ingest import DEFAULT_MAX_CHARS
from kronika.ingest.text import CONTROL_CHARACTERS

if TYPE_CHECKING:
    from kronika.store import Store

    # generic in recent click, not in every version the range in pyproject.toml admits
    _StrParamType = click.ParamType[str]
else:
    _StrParamType = click.ParamType

NER_CHOICE = click.Choice(["auto", "trained", "rules"])
POSITIVE = click.IntRange(min=1)
max_chars_option = click.option(
    "--max-chars",
    type=POSITIVE,
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longest document accepted, in characters.",
)
workers_option = click.option(
    "--workers",
    type=POSITIVE,
    default=1,
    show_default=True,
    help="Processes to use (with --engine ray: Ray actors).",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: processes of this machine; ray: a Ray cluster (pip install 'kronika[ray]').",
)
address_option = click.option(
    "--address",
    default=None,
    help="With --engine ray: the address of an existing Ray cluster (as `ray start` prints "
    "it, or auto); without it a local Ray starts.",
)


def check_engine(engine: str, address: str | None) -> None:
    if address and engine != "ray":
        raise click.UsageError("--address names a Ray cluster: add --engine ray")


def _safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape (``\\x1b``)."""
    return CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _echo(text: str = "", *, err: bool = False) -> None:
    click.echo(_safe(text), err=err)


class _Failure(click.ClickException):
    """A ClickException whose message is made safe for the terminal."""

    def format_message(self) -> str:
        return _safe(self.message)


class _SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _safe(super().format(record))


def _report_error(error: KronikaError) -> None:
    _echo(f"kronika: rejected {error}", err=True)


def _report_skip(message: str) -> None:
    _echo(f"kronika: {message}", err=True)


def _dump(record: dict[str, Any]) -> str:
    return _safe_json(json.dumps(record, ensure_ascii=False))


def _safe_json(text: str) -> str:
    # json escapes C0 controls itself, but not DEL and C1 (U+009B is a terminal's CSI)
    return CONTROL_CHARACTERS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class IsoDate(_StrParamType):
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real calendar date."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from kronika.ingest.text import validate_date

        try:
            return validate_date(str(value).strip())
        except ValueError as error:
            self.fail(f"{shorten(str(value))!r} is not a date ({error})", param, ctx)


@contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM ends the run as Ctrl-C does: worker processes stopped, the open batch rolled back."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _open(db: str) -> Iterator[Store]:
    """The database for reading; its errors, and a query's (an empty name), said plainly."""
    import os

    # the API, and with it spaCy, is imported only here, so that ``kronika --help`` stays fast
    from kronika import api

    if not db.startswith(("postgresql://", "postgres://")) and not os.path.exists(db):
        raise _Failure(f"{db}: no such database; create it with `kronika build PATH --db {db}`")
    try:
        store = api.open_db(db)
    except KronikaError as error:
        raise _Failure(str(error)) from error
    with store:
        try:
            yield store
        except (KronikaError, ValueError) as error:
            raise _Failure(str(error)) from error
