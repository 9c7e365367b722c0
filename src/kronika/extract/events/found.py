"""An event as the extract stage finds it: offsets of its trigger, clause and names, no entities."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """One reference to an event in the text.

    ``start``–``end`` is the evidence (the sentence), ``clause`` the stretch of it the arguments
    come from. Names are mention offsets: ``place``, ``participants`` and ``head`` (the name right
    after a noun trigger, what the event is of: "szczyt WNP"). ``lemma`` is the trigger's lemma,
    ``anaphoric`` marks a demonstrative reference ("tego szczytu") and ``novel`` a new one of its
    kind ("drugie referendum"), for joining references within the document.
    ``subject_gender`` is set for an event with no party before its trigger in a sentence whose
    subject is left out.
    """

    type: str
    lemma: str
    trigger: str
    trigger_start: int
    trigger_end: int
    start: int
    end: int
    clause: tuple[int, int]
    status: str
    time: str | None = None
    time_text: str | None = None
    place: tuple[int, int] | None = None
    participants: tuple[tuple[int, int], ...] = ()
    head: tuple[int, int] | None = None
    anaphoric: bool = False
    novel: bool = False
    #: "f" or "m": the event's sentence leaves out its subject, a person of that gender named
    #: before (``kronika.extract.events.implied``); they take part
    subject_gender: str | None = None
