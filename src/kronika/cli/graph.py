"""The graph in time: relations, members and roles at a date with their evidence, and events."""

from __future__ import annotations

from typing import Any

import click

from kronika.cli.output import IsoDate, _echo, _open

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


@click.command()
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


@click.command()
@click.argument("bloc", nargs=-1, required=True)
@click.option("--db", required=True)
@AS_OF_OPTION
def members(bloc: tuple[str, ...], db: str, as_of: str | None) -> None:
    """Members of a bloc or organization at a date, each with its evidence."""
    from kronika import api

    with _open(db) as store:
        answers = api.members(store, " ".join(bloc), as_of=as_of)
    _echo_relations(answers, "no members found")


@click.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", required=True)
@AS_OF_OPTION
def roles(name: tuple[str, ...], db: str, as_of: str | None) -> None:
    """Offices a person holds, or the offices of an organization or country and their holders."""
    from kronika import api

    with _open(db) as store:
        answers = api.roles(store, " ".join(name), as_of=as_of)
    _echo_relations(answers, "no roles found")


@click.command()
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


COMMANDS: list[click.Command] = [relations, members, roles, events]
