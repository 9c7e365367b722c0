"""Compressed sources: ``.gz``, ``.bz2``, ``.xz`` and ``.zst`` around any other kind of source.

The name without the compression suffix says what is inside ("crawl.jsonl.gz" is JSONL). A
gzipped WARC is not unpacked here: warcio reads its per-record gzip members itself, so a broken
member costs one record, not the file.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from typing import IO, cast

from kronika.errors import InputError

COMPRESSED_EXTENSIONS = (".gz", ".bz2", ".xz", ".zst")


def inner_name(path: str) -> str:
    """The file name without its compression suffix."""
    for suffix in COMPRESSED_EXTENSIONS:
        if path.lower().endswith(suffix):
            return path[: -len(suffix)]
    return path


def decompressed(path: str, limit: int) -> bytes:
    """The uncompressed content of ``path``, at most ``limit`` bytes (an InputError beyond)."""
    import zstandard  # on first use: only .zst needs it

    try:
        with _open(path) as handle:
            data = handle.read(limit + 1)
    except (OSError, EOFError, lzma.LZMAError, zstandard.ZstdError) as error:
        raise InputError(
            f"cannot decompress ({error}); the file is damaged or not what its name says",
            source=path,
        ) from error
    if len(data) > limit:
        raise InputError(
            f"more than {limit:,} bytes once decompressed; not read. Split it into smaller files",
            source=path,
        )
    return data


def _open(path: str) -> IO[bytes]:
    lower = path.lower()
    if lower.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    if lower.endswith(".bz2"):
        return bz2.open(path, "rb")
    if lower.endswith(".xz"):
        return lzma.open(path, "rb")
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)  # noqa: SIM115
