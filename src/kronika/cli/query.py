"""What a database holds, out: sentences, entities, quotations, timelines, counts, exports."""

from __future__ import annotations

from pathlib import Path

import click

from kronika.cli.output import POSITIVE, IsoDate, _dump, _echo, _Failure, _open
from kronika.errors import KronikaError, shorten
from kronika.export import FORMATS


@click.command()
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


@click.command()
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
        for answer in found["relations"]:
            title = f" {answer.value}" if answer.value else ""
            other = f" → {answer.object_name}" if answer.object_name else ""
            _echo(
                f"  {answer.predicate}{title}: {answer.subject_name}{other} "
                f"({answer.state}, {len(answer.evidence)} sources)"
            )
        for event in found["events"]:
            _echo(
                f"  event {event.time or '----'} {event.type} ({event.status}), "
                f"{len(event.reports)} reports"
            )
        for mention in found["mentions"]:
            _echo(f"  {mention['date'] or '----'} {mention['source']} «{mention['text']}»")
            _echo(f"      {mention['sentence']}")


@click.command()
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


@click.command()
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
        elif item["item"] == "relation":
            title = f" {item['value']}" if item["value"] else ""
            _echo(
                f"{item['time']:<10}  {item['predicate']}{title} ({item['status']})  "
                f"{item['source']}"
            )
            _echo(f"    {item['sentence']}")
        elif item["item"] == "event":
            _echo(f"{item['time']:<10}  {item['type']} ({item['status']})  {item['source']}")
            _echo(f"    {item['sentence']}")
        else:
            _echo(f"{item['time']:<10}  {item['timex']!r}  {item['source']}")
            _echo(f"    {item['sentence']}")


@click.command()
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


@click.command()
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


COMMANDS: list[click.Command] = [search, entity, quotes, timeline, stats, export]
