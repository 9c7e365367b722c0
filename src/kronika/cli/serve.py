"""The database in a web browser."""

from __future__ import annotations

import click

from kronika.cli.output import _echo, _open


@click.command()
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


COMMANDS: list[click.Command] = [serve]
