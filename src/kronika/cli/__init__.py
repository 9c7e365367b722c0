"""The ``kronika`` command: one group, each command a thin call into :mod:`kronika.api`.

The commands live by concern in :mod:`.build` (documents in), :mod:`.query` (documents and
entities out), :mod:`.graph` (the graph in time) and :mod:`.serve` (the browser); what they share,
above all the terminal-safe :func:`~kronika.cli.output._echo`, in :mod:`.output`. The API, and
with it spaCy, is imported inside the commands, so that ``kronika --help`` stays fast.
"""

from __future__ import annotations

import logging
import sys

import click

from kronika.cli import build, graph, query, serve
from kronika.cli.output import _SafeFormatter

__all__ = ["main"]


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


for _module in (build, query, graph, serve):
    for _command in _module.COMMANDS:
        main.add_command(_command)
