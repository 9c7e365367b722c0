"""The ``kronika`` command: one group, each command a thin call into :mod:`kronika.api`.

Everything printed goes through :func:`_echo`, which escapes control characters: article text,
entity names and file names come from the input and must not drive the user's terminal
(``ESC ] 52`` writes the clipboard, backspaces overwrite one name with another). The API, and
with it spaCy, is imported inside the commands, so that ``kronika --help`` stays fast.
"""

from __future__ import annotations

import json
import logging
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from kronika.errors import KronikaError, shorten
from kronika.export import FORMATS
from kronika.ingest import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from kronika.store import Store

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
    "--workers", type=POSITIVE, default=1, show_default=True, help="Processes to use."
)

#: C0 controls but newline and tab, DEL, C1: never written to the terminal as they are.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape (``\\x1b``)."""
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _echo(text: str = "", *, err: bool = False) -> None:
    click.echo(_safe(text), err=err)


class _Failure(click.ClickException):
    """A ClickException whose message is made safe for the terminal."""

    def format_message(self) -> str:
        return _safe(self.message)


def _report_error(error: KronikaError) -> None:
    _echo(f"kronika: rejected {error}", err=True)


def _report_skip(message: str) -> None:
    _echo(f"kronika: {message}", err=True)


def _dump(record: dict[str, Any]) -> str:
    return _safe_json(json.dumps(record, ensure_ascii=False))


def _safe_json(text: str) -> str:
    # json escapes C0 controls itself, but not DEL and C1 (U+009B is a terminal's CSI)
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class IsoDate(click.ParamType):
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


@click.group()
@click.version_option(package_name="kronika")
def main() -> None:
    """kronika: Polish news articles into a dated, searchable knowledge graph."""
    # warnings of the library (a metadata date not trusted) go to stderr, made safe to print
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("kronika: %(message)s"))
    library = logging.getLogger("kronika")
    if not library.handlers:
        library.addHandler(handler)
        library.setLevel(logging.WARNING)


class _SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _safe(super().format(record))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "text"]),
    default="text",
    show_default=True,
    help="jsonl: one contract record per document.",
)
@workers_option
@click.option(
    "--ner",
    type=NER_CHOICE,
    default="auto",
    show_default=True,
    help="Mention detector: the trained model, the rules, or the model if shipped.",
)
@max_chars_option
def analyze(
    paths: tuple[str, ...], output_format: str, workers: int, ner: str, max_chars: int
) -> None:
    """Analyse files, directories or - (stdin) without a database."""
    from kronika import api

    errors: list[KronikaError] = []

    def on_error(error: KronikaError) -> None:
        errors.append(error)
        _report_error(error)

    analyses = api.analyze_paths(
        paths,
        workers=workers,
        ner=ner,
        max_chars=max_chars,
        on_error=on_error,
        on_skip=_report_skip,
    )
    with _interruptible():
        try:
            for analysis in analyses:
                if output_format == "jsonl":
                    click.echo(_dump(analysis.record))
                else:
                    _echo(_summary(analysis.record))
        except KeyboardInterrupt:
            analyses.close()  # stops the worker processes now
            raise _Failure("interrupted") from None
    if errors:
        raise SystemExit(1)


def _summary(record: dict[str, Any]) -> str:
    first = record["text"][:70].replace("\n", " ")
    lines = [
        f"{record['id']}  {record['source']}  date: {record['date'] or '-'}"
        f" ({record['date_source'] or 'unknown'})",
        f"  {first}…",
        f"  {len(record['sentences'])} sentences, {len(record['mentions'])} mentions,"
        f" {len(record['entities'])} entities, {len(record['timexes'])} time expressions,"
        f" {len(record['quotes'])} quotations, {len(record['facts'])} polls,"
        f" {len(record['relations'])} relations",
    ]
    counts = Counter(m["entity"] for m in record["mentions"] if m["entity"])
    for entity in sorted(record["entities"], key=lambda e: (-counts[e["id"]], e["name"])):
        kb = f" {entity['kb']}" if entity["kb"] else ""
        aliases = f"  ({', '.join(entity['aliases'])})" if entity["aliases"] else ""
        lines.append(
            f"    {entity['type']:<12} {entity['name']}{kb} ×{counts[entity['id']]}{aliases}"
        )
    names = {entity["id"]: entity["name"] for entity in record["entities"]}
    for quote in record["quotes"]:
        who = names.get(quote["speaker"]) or quote["speaker_text"] or "?"
        lines.append(
            f"    said  {who} ({quote['kind']}, {quote['time'] or '-'}): {quote['text'][:60]}…"
        )
    for fact in record["facts"]:
        shares = ", ".join(f"{s['share']}% {s['about'][:30]}" for s in fact["statements"])
        lines.append(
            f"    poll  {fact.get('source_text') or '?'} ({fact['time'] or '-'}): {shares}"
        )
    for relation in record["relations"]:
        subject, obj = names.get(relation["subject"]), names.get(relation["object"])
        if relation["predicate"] == "role":
            of = f" ({obj})" if obj else ""
            lines.append(f"    role  {subject}: {relation['value']}{of}")
        else:
            lines.append(f"    {relation['predicate']}  {subject} → {obj}")
    return "\n".join(lines)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, help="SQLite database file (created if missing).")
@workers_option
@click.option(
    "--batch-size", type=POSITIVE, default=32, show_default=True, help="Documents per transaction."
)
@click.option("--ner", type=NER_CHOICE, default="auto", show_default=True)
@max_chars_option
def build(
    paths: tuple[str, ...], db: str, workers: int, batch_size: int, ner: str, max_chars: int
) -> None:
    """Analyse PATHS and add new documents to the database (incremental)."""
    from tqdm import tqdm

    from kronika import api

    started = time.perf_counter()
    with tqdm(unit="doc", desc="build", file=sys.stderr, disable=None) as bar, _interruptible():
        try:
            report = api.build(
                paths,
                db,
                workers=workers,
                batch_size=batch_size,
                ner=ner,
                max_chars=max_chars,
                on_error=lambda e: bar.write(_safe(f"kronika: rejected {e}"), file=sys.stderr),
                on_progress=bar.update,
                on_skip=lambda message: bar.write(_safe(f"kronika: {message}"), file=sys.stderr),
            )
        except KronikaError as error:
            raise _Failure(str(error)) from error
        except KeyboardInterrupt:
            # the open batch was rolled back; every committed batch stays
            raise _Failure(
                f"interrupted: {db} keeps every batch committed so far; rerun the same command "
                "to complete it"
            ) from None
    seconds = time.perf_counter() - started
    rate = report.added / seconds if seconds else 0.0
    duplicates = (
        f"skipped {len(report.duplicates)} with the same text as another input, "
        if report.duplicates
        else ""
    )
    _echo(
        f"{db}: added {report.added} documents, skipped {report.skipped} already stored, "
        f"{duplicates}rejected {len(report.errors)} inputs in {seconds:.1f} s "
        f"({rate:.1f} documents/s)"
    )
    if report.errors:
        raise SystemExit(1)


@main.command()
@click.option("--db", required=True, help="Database made by `kronika build`.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="jsonl",
    show_default=True,
    help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()),
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="File (or folder, for csv, parquet, brat, spacy, bsnlp) to write; jsonl without it "
    "prints to stdout.",
)
@click.option(
    "--all-versions",
    is_flag=True,
    help="jsonl: every stored version of a page fetched again, not only its current one.",
)
def export(db: str, output_format: str, out: Path | None, all_versions: bool) -> None:
    """Write every stored document in a format other tools read (streaming)."""
    from kronika.export import export as export_store

    if out is None and output_format != "jsonl":
        raise click.UsageError(f"--format {output_format} writes files: pass --out PATH")
    with _open(db) as store:
        if out is not None:
            export_store(store, output_format, out)
            return
        for record in store.export(all_versions=all_versions):
            click.echo(_dump(record))


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--db", required=True)
@click.option("--limit", type=POSITIVE, default=20, show_default=True)
def search(query: tuple[str, ...], db: str, limit: int) -> None:
    """Sentences containing QUERY in any inflected form ("Łukaszenko" finds "Łukaszence")."""
    from kronika import api

    with _open(db) as store:
        try:
            hits = api.search(store, " ".join(query), limit=limit)
        except KronikaError as error:
            raise _Failure(str(error)) from error
    if not hits:
        _echo("no sentences found")
    for hit in hits:
        _echo(f"{hit.date or '----'}  {hit.source}  [{hit.doc_id}]")
        _echo(f"    {hit.sentence}")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
def entity(name: tuple[str, ...], db: str) -> None:
    """An entity by any of its names: aliases, documents and every mention with its sentence."""
    from kronika import api

    with _open(db) as store:
        entities = api.find_entities(store, " ".join(name))
    if not entities:
        raise _Failure(f"no entity called {shorten(' '.join(name))!r} in {db}")
    for found in entities:
        kb = f", {found['kb']}" if found["kb"] else ""
        _echo(f"{found['name']} ({found['type']}{kb}) [{found['id']}]")
        _echo(f"  aliases: {', '.join(found['aliases']) or '-'}")
        if found["stands_for_name"]:
            _echo(f"  stands for: {found['stands_for_name']} (its government, in political news)")
        _echo(f"  {len(found['mentions'])} mentions in {found['documents']} documents")
        for mention in found["mentions"]:
            _echo(f"  {mention['date'] or '----'} {mention['source']} «{mention['text']}»")
            _echo(f"      {mention['sentence']}")


@main.command()
@click.option("--db", required=True)
@click.option("--speaker", help="Only quotes by this person or organization (any inflection).")
@click.option("--about", help="Only quotes whose words mention this entity.")
@click.option(
    "--since",
    type=IsoDate(),
    help="Only quotes dated on or after this ISO date (2021, 2021-11, …).",
)
def quotes(db: str, speaker: str | None, about: str | None, since: str | None) -> None:
    """Who said what: quotations with speaker, date, document and sentence."""
    from kronika import api

    with _open(db) as store:
        found = api.quotes(store, speaker=speaker, about=about, since=since)
        names = {e: store.entity(e)["name"] for q in found for e in [q["speaker"]] if e}
    if not found:
        _echo("no quotations found")
    for quote in found:
        who = names.get(quote["speaker"]) or quote["speaker_text"] or "?"
        described = f", {quote['speaker_description']}" if quote["speaker_description"] else ""
        _echo(
            f"{quote['time'] or '----'}  {who}{described}  [{quote['kind']}, "
            f"{quote['cue'] or '-'}]  {quote['source']}"
        )
        _echo(f"    „{quote['text']}”")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
def timeline(name: tuple[str, ...], db: str) -> None:
    """Dated quotes and mentions of an entity in time order, each with its source sentence."""
    from kronika import api

    with _open(db) as store:
        items = api.timeline(store, " ".join(name))
    if not items:
        raise _Failure(f"nothing dated about {shorten(' '.join(name))!r} in {db}")
    for item in items:
        if item["item"] == "quote":
            _echo(f"{item['time']:<10}  quote  {item['source']}")
            _echo(f"    „{item['text']}” ({item['speaker_text'] or '?'})")
        else:
            _echo(f"{item['time']:<10}  {item['timex']!r}  {item['source']}")
            _echo(f"    {item['sentence']}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["poleval"]),
    default="poleval",
    show_default=True,
    help="poleval: PolEval 2018 Task 2 answers (a JSON list).",
)
@click.option("--ner", type=NER_CHOICE, default="auto", show_default=True)
@max_chars_option
def ner(paths: tuple[str, ...], output_format: str, ner: str, max_chars: int) -> None:
    """Named entities of every nesting level with NKJP labels, for interoperability."""
    from kronika import api

    errors: list[KronikaError] = []

    def on_error(error: KronikaError) -> None:
        errors.append(error)
        _report_error(error)

    answers = list(api.poleval_answers(paths, ner=ner, max_chars=max_chars, on_error=on_error))
    click.echo(_safe_json(json.dumps(answers, ensure_ascii=False, indent=1)))
    if errors:
        raise SystemExit(1)


@main.command()
@click.argument("file", type=click.File("rb"), default="-")
def lemmatize(file: IO[bytes]) -> None:
    """Nominative of each name phrase in FILE (one per line, optional TAB + NKJP category).

    FILE is read as every other input: UTF-8, cp1250, ISO-8859-2 or UTF-16/32 with a byte order
    mark, normalized as documents are."""
    from kronika.ingest import MAX_FILE_BYTES, decode
    from kronika.ingest.text import normalize
    from kronika.lang.names import NameLemmatizer

    name = str(getattr(file, "name", "-"))
    source = "<stdin>" if name in ("-", "<stdin>") else name
    try:
        data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _Failure(f"{source}: larger than {MAX_FILE_BYTES:,} bytes; split it")
        text = normalize(decode(data, source=source))
    except KronikaError as error:
        raise _Failure(str(error)) from error
    lemmatizer = NameLemmatizer()
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline ending the last line does not start another
    for line in lines:
        phrase, _, category = line.partition("\t")
        _echo(lemmatizer.lemmatize_text(phrase, category or None) if phrase.strip() else "")


@main.command()
@click.option("--db", required=True)
def stats(db: str) -> None:
    """Counts of what the database holds."""
    with _open(db) as store:
        counts = store.stats()
    for table in (
        "documents",
        "sentences",
        "entities",
        "mentions",
        "timexes",
        "quotes",
        "relations",
        "events",
        "facts",
    ):
        _echo(f"{table:<10} {counts[table]}")
    by_type = ", ".join(f"{t}: {n}" for t, n in counts["entities_by_type"].items())
    _echo(f"entities by type: {by_type or '-'}")
    _echo("most mentioned:")
    for item in counts["top_entities"]:
        _echo(f"  {item['mentions']:>4}  {item['name']} ({item['type']})")


@contextmanager
def _open(db: str) -> Iterator[Store]:
    """The database for reading; its errors, and a query's (an empty name), said plainly."""
    import os

    from kronika import api

    if not os.path.exists(db):
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


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--db", required=True, help="The database to add to (created if missing).")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=2.0,
    show_default=True,
    help="Seconds between two looks at the folder.",
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--ner", type=NER_CHOICE, default="auto", show_default=True)
def watch(directory: str, db: str, interval: float, workers: int, ner: str) -> None:
    """Add new and changed files in DIRECTORY to the database as they appear (Ctrl-C stops)."""
    from kronika.watch import watch as watch_folder

    def built(paths: list[str], report: Any) -> None:
        _echo(
            f"{len(paths)} files: added {report.added}, skipped {report.skipped}, "
            f"errors {len(report.errors)}"
        )

    _echo(f"watching {directory} (every {interval:g} s); Ctrl-C stops")
    try:
        watch_folder(
            directory,
            db,
            interval=interval,
            workers=workers,
            ner=ner,
            on_build=built,
            on_error=_report_error,
        )
    except KeyboardInterrupt:
        _echo("stopped")


@main.command()
@click.option("--db", required=True, help="The database to serve (opened read-only).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default answers this machine only.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str, host: str, port: int) -> None:
    """Browse the database in a web browser: search, entities, graph, timeline, documents."""
    import uvicorn

    from kronika.web import create_app

    with _open(db):
        pass  # the database's own errors, said plainly, before the server starts
    _echo(f"kronika serves {db} read-only at http://{host}:{port}/ (Ctrl-C stops)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


# --- the graph in time -------------------------------------------------------------------------

AS_OF_OPTION = click.option(
    "--as-of",
    "as_of",
    type=IsoDate(),
    help="The state at this ISO date (2021, 2021-10, 2021-10-15).",
)


def _echo_relations(answers: list[Any], empty: str) -> None:
    if not answers:
        _echo(empty)
    for answer in answers:
        title = f" {answer.value}" if answer.value else ""
        target = f" → {answer.object_name}" if answer.object_name else ""
        since = f" since {answer.since}" if answer.since else ""
        disputed = "  (sources disagree)" if answer.disputed else ""
        _echo(
            f"{answer.predicate}{title}  {answer.subject_name}{target}  "
            f"{answer.state} ({answer.status}){since}{disputed}"
        )
        for evidence in answer.evidence:
            claim = " claim" if evidence.claim else ""
            _echo(
                f"    {evidence.date or '----'}  {evidence.status}{claim}  {evidence.source}  "
                f"[{evidence.doc_id}]"
            )
            _echo(f"        {evidence.sentence}")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
@click.option("--predicate", help="Only this predicate (member_of, role, partner_of, …).")
@AS_OF_OPTION
def relations(name: tuple[str, ...], db: str, predicate: str | None, as_of: str | None) -> None:
    """Relations of an entity and their state at a date, each with its evidence."""
    from kronika import api

    with _open(db) as store:
        answers = api.relations(store, " ".join(name), predicate=predicate, as_of=as_of)
    _echo_relations(answers, "no relations found")


@main.command()
@click.argument("bloc", nargs=-1, required=True)
@click.option("--db", required=True)
@AS_OF_OPTION
def members(bloc: tuple[str, ...], db: str, as_of: str | None) -> None:
    """Members of a bloc or organization at a date, each with its evidence."""
    from kronika import api

    with _open(db) as store:
        answers = api.members(store, " ".join(bloc), as_of=as_of)
    _echo_relations(answers, "no members found")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
@AS_OF_OPTION
def roles(name: tuple[str, ...], db: str, as_of: str | None) -> None:
    """Offices a person holds, or the offices of an organization or country and their holders."""
    from kronika import api

    with _open(db) as store:
        answers = api.roles(store, " ".join(name), as_of=as_of)
    _echo_relations(answers, "no roles found")


@main.command()
@click.option("--db", required=True)
@click.option("--entity", help="Only events this entity takes part in or hosts.")
@click.option("--type", "event_type", help="Only events of this type (summit, election, …).")
@click.option("--from", "since", type=IsoDate(), help="Only events on or after this ISO date.")
@click.option("--to", "until", type=IsoDate(), help="Only events on or before this ISO date.")
def events(
    db: str, entity: str | None, event_type: str | None, since: str | None, until: str | None
) -> None:
    """Events in time order, merged across the documents that report them."""
    from kronika import api

    with _open(db) as store:
        answers = api.events(store, entity=entity, event_type=event_type, since=since, until=until)
    if not answers:
        _echo("no events found")
    for event in answers:
        place = f" in {event.place_name}" if event.place_name else ""
        who = ", ".join(name for _, name in event.participants) or "-"
        _echo(f"{event.time or '----':<10}  {event.type}{place}  ({event.status})  {who}")
        for report in event.reports:
            _echo(f"    «{report.trigger}»  {report.source}  [{report.doc_id}]")
            _echo(f"        {report.sentence}")


if __name__ == "__main__":
    main()
