"""Documents in: analyse them, add them to a database, watch a folder, name phrases' nominatives."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import IO, Any

import click

from kronika.cli.output import (
    NER_CHOICE,
    POSITIVE,
    _dump,
    _echo,
    _Failure,
    _interruptible,
    _report_error,
    _report_skip,
    _safe,
    _safe_json,
    address_option,
    check_engine,
    engine_option,
    max_chars_option,
    workers_option,
)
from kronika.errors import KronikaError


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "text", "parquet"]),
    default="text",
    show_default=True,
    help="jsonl: one contract record per document; parquet: analysis shards in --out, for "
    "`kronika load`.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="With --format parquet: the folder of the shards (created).",
)
@workers_option
@engine_option
@address_option
@click.option(
    "--ner",
    type=NER_CHOICE,
    default="auto",
    show_default=True,
    help="Mention detector: the trained model, the rules, or the model if shipped.",
)
@max_chars_option
def analyze(
    paths: tuple[str, ...],
    output_format: str,
    out: str | None,
    workers: int,
    engine: str,
    address: str | None,
    ner: str,
    max_chars: int,
) -> None:
    """Analyse files, directories or - (stdin) without a database."""
    from kronika import api

    check_engine(engine, address)
    if (output_format == "parquet") != bool(out):
        raise click.UsageError("--format parquet writes into --out DIR (and only it does)")
    errors: list[KronikaError] = []

    def on_error(error: KronikaError) -> None:
        errors.append(error)
        _report_error(error)

    analyses = api.analyze_paths(
        paths,
        workers=workers,
        engine=engine,
        address=address,
        ner=ner,
        max_chars=max_chars,
        on_error=on_error,
        on_skip=_report_skip,
    )
    with _interruptible():
        try:
            if out:
                from kronika.shards import write_shards

                written = write_shards(analyses, out)
                _echo(f"{out}: {written} documents analysed into shards", err=True)
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


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--db",
    required=True,
    help="SQLite database file (created if missing), or a postgresql:// URL.",
)
@workers_option
@engine_option
@address_option
@click.option(
    "--batch-size", type=POSITIVE, default=32, show_default=True, help="Documents per transaction."
)
@click.option("--ner", type=NER_CHOICE, default="auto", show_default=True)
@max_chars_option
@click.option(
    "--feed-pages",
    multiple=True,
    type=click.Path(exists=True),
    help="Saved pages (HTML files, WARC crawls, folders of them): a feed entry linking to one "
    "is stored as that page's whole article instead of the feed's excerpt.",
)
def build(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    engine: str,
    address: str | None,
    batch_size: int,
    ner: str,
    max_chars: int,
    feed_pages: tuple[str, ...],
) -> None:
    """Analyse PATHS and add new documents to the database (incremental)."""
    from tqdm import tqdm

    from kronika import api

    check_engine(engine, address)
    started = time.perf_counter()

    def progress(documents: int) -> None:
        bar.update(documents)

    with tqdm(unit="doc", desc="build", file=sys.stderr, disable=None) as bar, _interruptible():
        try:
            report = api.build(
                paths,
                db,
                workers=workers,
                engine=engine,
                address=address,
                batch_size=batch_size,
                ner=ner,
                max_chars=max_chars,
                on_error=lambda e: bar.write(_safe(f"kronika: rejected {e}"), file=sys.stderr),
                on_progress=progress,
                on_skip=lambda message: bar.write(_safe(f"kronika: {message}"), file=sys.stderr),
                feed_pages=feed_pages or None,
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


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--db", required=True, help="SQLite database file (created if missing).")
@click.option(
    "--batch-size", type=POSITIVE, default=256, show_default=True, help="Documents per transaction."
)
def load(directory: str, db: str, batch_size: int) -> None:
    """Store the analysis shards in DIRECTORY (`kronika analyze --format parquet --out DIR`)."""
    from kronika import api

    started = time.perf_counter()
    with _interruptible():
        try:
            report = api.load_shards(directory, db, batch_size=batch_size)
        except KronikaError as error:
            raise _Failure(str(error)) from error
        except KeyboardInterrupt:
            raise _Failure(
                f"interrupted: {db} keeps every batch committed so far; rerun the same command "
                "to complete it"
            ) from None
    seconds = time.perf_counter() - started
    _echo(
        f"{db}: added {report.added} documents, skipped {report.skipped} already stored "
        f"in {seconds:.1f} s"
    )


@click.command()
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


@click.command()
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


@click.command()
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


COMMANDS: list[click.Command] = [analyze, build, load, watch, ner, lemmatize]
