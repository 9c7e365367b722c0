"""kronika: Polish news articles into a dated, searchable knowledge graph.

import kronika
analysis = kronika.analyze("Aleksander Łukaszenko spotkał się w Moskwie z Władimirem Putinem.")
record = analysis.to_json()
report = kronika.build(["articles/"], "news.db")
"""

from __future__ import annotations

import importlib
from typing import Any

from kronika.errors import InputError, KronikaError, ModelError, StoreError

__version__ = "0.1.0"

#: Names re-exported from the modules that define them, imported on first use: loading the
#: pipeline (spaCy) for ``import kronika.errors`` or ``kronika --help`` would cost a second.
_LAZY = {
    "BuildReport": "kronika.api",
    "analyze": "kronika.api",
    "analyze_paths": "kronika.api",
    "build": "kronika.api",
    "events": "kronika.api",
    "find_entities": "kronika.api",
    "load": "kronika.api",
    "members": "kronika.api",
    "open_db": "kronika.api",
    "quotes": "kronika.api",
    "relations": "kronika.api",
    "roles": "kronika.api",
    "search": "kronika.api",
    "timeline": "kronika.api",
    "Document": "kronika.ingest",
}

__all__ = ["InputError", "KronikaError", "ModelError", "StoreError", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'kronika' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
