"""``extract/pl/NAME.yaml`` by its name alone: what ``extract.relations`` and ``extract.events``
still call. The loader is :func:`kronika.resources.vocabulary`; the other extractors call it
directly, and these two will when their own rework lands (then this module goes)."""

from __future__ import annotations

from kronika import resources
from kronika.extract.pl import PACKAGE
from kronika.resources import Vocabulary

__all__ = ["Vocabulary", "vocabulary"]


def vocabulary(name: str) -> Vocabulary:
    """``extract/pl/NAME.yaml``: the one parsed object of :func:`kronika.resources.vocabulary`."""
    return resources.vocabulary(PACKAGE, f"{name}.yaml")
