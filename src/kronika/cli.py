"""The ``kronika`` command: one group, each command a thin call into :mod:`kronika.api`."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from kronika import api
from kronika.errors import KronikaError
from kronika.export import FORMATS
from kronika.export import export as export_store
from kronika.ingest import DEFAULT_MAX_CHARS

NER_CHOICE = click.Choice(["auto", "trained", "rules"])
max_chars_option = click.option(
    "--max-chars",
    type=int,
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longest document accepted, in characters.",
)


def _report_error(error: KronikaError) -> None:
    click.echo(f"kronika: rejected {error}", err=True)


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


@click.group()
@click.version_option(package_name="kronika")
def main() -> None:
    """kronika: Polish news articles into a dated, searchable knowledge graph."""


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
@click.option("--workers", type=int, default=1, show_default=True, help="Processes to use.")
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
    errors: list[KronikaError] = []

    def on_error(error: KronikaError) -> None:
        errors.append(error)
        _report_error(error)

    for analysis in api.analyze_paths(
        paths, workers=workers, ner=ner, max_chars=max_chars, on_error=on_error
    ):
        if output_format == "jsonl":
            click.echo(_dump(analysis.record))
        else:
            click.echo(_summary(analysis.record))
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
@click.option("--workers", type=int, default=1, show_default=True, help="Processes to use.")
@click.option(
    "--batch-size", type=int, default=32, show_default=True, help="Documents per transaction."
)
@click.option("--ner", type=NER_CHOICE, default="auto", show_default=True)
@max_chars_option
def build(
    paths: tuple[str, ...], db: str, workers: int, batch_size: int, ner: str, max_chars: int
) -> None:
    """Analyse PATHS and add new documents to the database (incremental)."""
    from tqdm import tqdm

    started = time.perf_counter()
    with tqdm(unit="doc", desc="build", file=sys.stderr, disable=None) as bar:
        try:
            report = api.build(
                paths,
                db,
                workers=workers,
                batch_size=batch_size,
                ner=ner,
                max_chars=max_chars,
                on_error=lambda e: bar.write(f"kronika: rejected {e}", file=sys.stderr),
                on_progress=bar.update,
            )
        except KronikaError as error:
            raise click.ClickException(str(error)) from error
        except KeyboardInterrupt:
            # the open batch was rolled back; every committed batch stays
            raise click.ClickException(
                f"interrupted: {db} keeps every batch committed so far; rerun the same command "
                "to complete it"
            ) from None
    seconds = time.perf_counter() - started
    rate = report.added / seconds if seconds else 0.0
    click.echo(
        f"{db}: added {report.added} documents, skipped {report.skipped} already stored, "
        f"rejected {len(report.errors)} inputs in {seconds:.1f} s ({rate:.1f} documents/s)"
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
def export(db: str, output_format: str, out: Path | None) -> None:
    """Write every stored document in a format other tools read (streaming)."""
    with _open(db) as store:
        if out is not None:
            export_store(store, output_format, out)
            return
        if output_format != "jsonl":
            raise click.UsageError(f"--format {output_format} writes files: pass --out PATH")
        for record in store.export():
            click.echo(_dump(record))


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--db", required=True)
@click.option("--limit", type=int, default=20, show_default=True)
def search(query: tuple[str, ...], db: str, limit: int) -> None:
    """Sentences containing QUERY in any inflected form ("Łukaszenko" finds "Łukaszence")."""
    with _open(db) as store:
        try:
            hits = api.search(store, " ".join(query), limit=limit)
        except KronikaError as error:
            raise click.ClickException(str(error)) from error
    if not hits:
        click.echo("no sentences found")
    for hit in hits:
        click.echo(f"{hit.date or '----'}  {hit.source}  [{hit.doc_id}]")
        click.echo(f"    {hit.sentence}")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
def entity(name: tuple[str, ...], db: str) -> None:
    """An entity by any of its names: aliases, documents and every mention with its sentence."""
    with _open(db) as store:
        entities = api.find_entities(store, " ".join(name))
    if not entities:
        raise click.ClickException(f"no entity called {' '.join(name)!r} in {db}")
    for found in entities:
        kb = f", {found['kb']}" if found["kb"] else ""
        click.echo(f"{found['name']} ({found['type']}{kb}) [{found['id']}]")
        click.echo(f"  aliases: {', '.join(found['aliases']) or '-'}")
        if found["stands_for_name"]:
            click.echo(
                f"  stands for: {found['stands_for_name']} (its government, in political news)"
            )
        click.echo(f"  {len(found['mentions'])} mentions in {found['documents']} documents")
        for mention in found["mentions"]:
            click.echo(f"  {mention['date'] or '----'} {mention['source']} «{mention['text']}»")
            click.echo(f"      {mention['sentence']}")


@main.command()
@click.option("--db", required=True)
@click.option("--speaker", help="Only quotes by this person or organization (any inflection).")
@click.option("--about", help="Only quotes whose words mention this entity.")
@click.option("--since", help="Only quotes dated on or after this ISO date (2021, 2021-11, …).")
def quotes(db: str, speaker: str | None, about: str | None, since: str | None) -> None:
    """Who said what: quotations with speaker, date, document and sentence."""
    with _open(db) as store:
        found = api.quotes(store, speaker=speaker, about=about, since=since)
        names = {e: store.entity(e)["name"] for q in found for e in [q["speaker"]] if e}
    if not found:
        click.echo("no quotations found")
    for quote in found:
        who = names.get(quote["speaker"]) or quote["speaker_text"] or "?"
        described = f", {quote['speaker_description']}" if quote["speaker_description"] else ""
        click.echo(
            f"{quote['time'] or '----'}  {who}{described}  [{quote['kind']}, "
            f"{quote['cue'] or '-'}]  {quote['source']}"
        )
        click.echo(f"    „{quote['text']}”")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
def timeline(name: tuple[str, ...], db: str) -> None:
    """Dated quotes and mentions of an entity in time order, each with its source sentence."""
    with _open(db) as store:
        items = api.timeline(store, " ".join(name))
    if not items:
        raise click.ClickException(f"nothing dated about {' '.join(name)!r} in {db}")
    for item in items:
        if item["item"] == "quote":
            click.echo(f"{item['time']:<10}  quote  {item['source']}")
            click.echo(f"    „{item['text']}” ({item['speaker_text'] or '?'})")
        else:
            click.echo(f"{item['time']:<10}  {item['timex']!r}  {item['source']}")
            click.echo(f"    {item['sentence']}")


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
    errors: list[KronikaError] = []

    def on_error(error: KronikaError) -> None:
        errors.append(error)
        _report_error(error)

    answers = list(api.poleval_answers(paths, ner=ner, max_chars=max_chars, on_error=on_error))
    click.echo(json.dumps(answers, ensure_ascii=False, indent=1))
    if errors:
        raise SystemExit(1)


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
def lemmatize(file: Any) -> None:
    """Nominative of each name phrase in FILE (one per line, optional TAB + NKJP category)."""
    from kronika.lang.names import NameLemmatizer

    lemmatizer = NameLemmatizer()
    for line in file:
        phrase, _, category = line.rstrip("\n").partition("\t")
        click.echo(lemmatizer.lemmatize_text(phrase, category or None) if phrase.strip() else "")


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
        click.echo(f"{table:<10} {counts[table]}")
    by_type = ", ".join(f"{t}: {n}" for t, n in counts["entities_by_type"].items())
    click.echo(f"entities by type: {by_type or '-'}")
    click.echo("most mentioned:")
    for item in counts["top_entities"]:
        click.echo(f"  {item['mentions']:>4}  {item['name']} ({item['type']})")


def _open(db: str) -> Any:
    import os

    if not os.path.exists(db):
        raise click.ClickException(
            f"{db}: no such database; create it with `kronika build PATH --db {db}`"
        )
    try:
        return api.open_db(db)
    except KronikaError as error:
        raise click.ClickException(str(error)) from error


if __name__ == "__main__":
    main()
