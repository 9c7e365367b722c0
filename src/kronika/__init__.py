"""kronika: Polish news articles into a dated, searchable knowledge graph.

import kronika
analysis = kronika.analyze("Aleksander Łukaszenko spotkał się w Moskwie z Władimirem Putinem.")
record = analysis.to_json()
report = kronika.build(["articles/"], "news.db")
"""

from kronika.api import (
    BuildReport,
    analyze,
    analyze_paths,
    build,
    find_entities,
    load,
    open_db,
    quotes,
    search,
    timeline,
)
from kronika.errors import InputError, KronikaError, ModelError, StoreError
from kronika.ingest import Document

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "Document",
    "InputError",
    "KronikaError",
    "ModelError",
    "StoreError",
    "analyze",
    "analyze_paths",
    "build",
    "find_entities",
    "load",
    "open_db",
    "quotes",
    "search",
    "timeline",
]
