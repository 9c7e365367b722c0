"""The Polish cues of ``pl/relations.yaml``, read once per process, and lemma matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from kronika.extract.resources import vocabulary
from kronika.lang.view import DocumentView


@dataclass(frozen=True)
class Cues:
    """Every list of ``relations.yaml`` as lowercased lemma sets, by section and key."""

    sections: dict[str, dict[str, frozenset[str]]]
    title_objects: dict[str, str]
    #: event key → (member key, bloc key, status)
    membership_events: dict[str, tuple[str, str, str]]
    #: a noun for a member of one organization → the organization's key ("torys" → the
    #: Conservative Party)
    adherents: dict[str, str]
    #: an adjective of one party → the party's key ("republikański" → the Republican Party)
    party_adjectives: dict[str, str]
    #: an office held in a kind of body → those kinds ("sędzia" → sąd, trybunał)
    office_bodies: dict[str, frozenset[str]]

    def words(self, section: str, key: str) -> frozenset[str]:
        return self.sections[section][key]


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@lru_cache(maxsize=1)
def cues() -> Cues:
    vocab = vocabulary("relations")
    raw = {key: vocab[key] for key in vocab.data}
    events = {
        str(key): (str(v["member"]), str(v["bloc"]), str(v["status"]))
        for key, v in raw.pop("membership_events", {}).items()
    }
    adherents = {str(k).lower(): str(v) for k, v in raw.pop("adherents", {}).items()}
    party_adjectives = {str(k).lower(): str(v) for k, v in raw.pop("party_adjectives", {}).items()}
    bodies = {str(k).lower(): _words(v) for k, v in raw.pop("office_bodies", {}).items()}
    sections: dict[str, dict[str, frozenset[str]]] = {}
    title_objects: dict[str, str] = {}
    for name, body in raw.items():
        if isinstance(body, list):
            sections.setdefault("", {})[name] = _words(body)
            continue
        sections[name] = {}
        for key, values in body.items():
            if isinstance(values, dict):
                title_objects.update({str(k).lower(): str(v) for k, v in values.items()})
            else:
                sections[name][key] = _words(values)
    return Cues(sections, title_objects, events, adherents, party_adjectives, bodies)


def lemmas(token: Token) -> frozenset[str]:
    """Every SGJP lemma of the token and its lowercased text: a mis-chosen lemma hides nothing.
    Kept per token by the document's view (the extractors ask again and again)."""
    return DocumentView.of(token.doc).lowered_lemmas_and_form(token)


def is_one_of(token: Token, words: frozenset[str]) -> bool:
    """Whether one of the token's lemmas is one of ``words``."""
    return bool(lemmas(token) & words)
