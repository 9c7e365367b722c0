"""What detection hands on to resolve: the mentions as typed objects, with their evidence.

A mention's knowledge-base key here is evidence (the entry whose name its words matched), not
its entity: ``kronika.resolve.entities`` decides that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from spacy.tokens import Doc

from kronika.model import EntityType, Mention
from kronika.ner.gazetteer import default_gazetteer
from kronika.ner.mentions import MENTIONS_KEY


@dataclass(frozen=True, slots=True)
class Detected:
    """A mention as detection found it, before linking: the contract mention (no entity yet)
    and, as evidence for resolve, the knowledge-base key of the name it matched."""

    mention: Mention
    kb: str | None = None
    #: the knowledge-base short names the mention is ("sojusz"): an organization named in full
    #: elsewhere in the document, or the one the press means by it
    short_for: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KbName:
    """Where the text names a knowledge-base entry in full (any inflection): evidence for which
    organization a short name stands for."""

    start: int
    end: int
    key: str


def kb_names(doc: Doc) -> tuple[KbName, ...]:
    """Every knowledge-base name the gazetteer found in ``doc``, in text order."""
    return tuple(
        KbName(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]), m.entry.key)
        for m in default_gazetteer().find_in_doc(doc)
    )


def detected_mentions(doc: Doc) -> list[Detected]:
    """The mentions of ``doc.spans["mentions"]`` as typed objects, in text order."""
    return [
        Detected(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                lemma=span._.lemma,
                type=cast(EntityType, span._.entity_type),
                label=span.label_,
                derived=span._.derived,
            ),
            span._.kb,
            span._.short_for or (),
        )
        for span in doc.spans[MENTIONS_KEY]
    ]
