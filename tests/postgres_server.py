"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, on loopback.

``KRONIKA_TEST_POSTGRES=postgresql://…`` names a server to use instead (each test gets a new
database on it). Without either, the PostgreSQL tests are skipped with the reason, unless
``KRONIKA_POSTGRES_TESTS=1`` (CI sets it): then a missing server fails them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_VARIABLE = "KRONIKA_TEST_POSTGRES"
REQUIRED_VARIABLE = "KRONIKA_POSTGRES_TESTS"
#: who runs the server when the tests run as root (PostgreSQL refuses to run as root)
SERVER_USER = "postgres"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps it off PATH)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


@contextmanager
def cluster() -> Iterator[str]:
    """A running server's URL (user ``kronika``, no password, database ``postgres``)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="kronika-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER)
    data, port = folder / "data", _free_port()
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run(
        _as_server_user(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "kronika", "--auth=trust"]
            + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        ),
        **run,  # type: ignore[call-overload]
    )
    options = (
        f"-k {folder} -h 127.0.0.1 -p {port} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=50"
    )
    ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w"]
    subprocess.run(_as_server_user([*ctl, "-o", options, "start"]), **run)  # type: ignore[call-overload]
    try:
        yield f"postgresql://kronika@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([*ctl, "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server: str) -> str:
    """The URL of a new, empty database on ``server``."""
    import psycopg

    name = f"kronika_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name
