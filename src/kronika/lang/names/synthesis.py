"""The nominative of one word of a name in the phrase's number and gender: the lemma of a
singular noun or a guess, Morfeusz synthesis for adjectives, participles and plurals."""

from __future__ import annotations

from kronika.lang.names.grammar import NOUN_CLASSES, Reading, Tag, parse_tag
from kronika.lang.names.resources import NameResources

#: Lemmas kept in the synthesis cache before it is emptied (bounds memory on huge corpora).
CACHE_LIMIT = 200_000

#: lemma, class, number, gender, the tag fields after gender
FormKey = tuple[str, str, str, str, tuple[str, ...]]


class Synthesizer:
    """Nominatives by SGJP synthesis, cached per lemma and wanted tag."""

    def __init__(self, resources: NameResources) -> None:
        self._resources = resources
        self._cache: dict[FormKey, list[str]] = {}

    def nominative(
        self, reading: Reading, number: str, gender: str, group: str | None
    ) -> str | None:
        """The nominative of a chain word in the phrase's number and its gender."""
        if reading.lemma_ending is not None:
            return reading.lemma
        if reading.noun:
            if number == "sg" or "pt" in reading.extra:
                return reading.lemma
            forms = self.generate(reading.lemma, reading.pos, "pl", reading.extra, gender)
            if group == "nation":
                # peoples take the plain plural ("Tatarzy", "Włosi"), not the honorific
                # "-owie" SGJP also lists ("Tatarowie")
                plain = [f for f in forms if not f.endswith("owie")]
                forms = plain or forms
            return forms[0] if forms else None
        forms = self.generate(reading.lemma, reading.pos, number, reading.extra, gender)
        return forms[0] if forms else None

    def adjective_lemma(self, reading: Reading) -> str | None:
        """Masculine singular nominative: the lemma, or for a comparative or superlative
        ("Najwyższego") its own form, "najwyższy", not "wysoki"."""
        if reading.lemma_ending is not None:
            return reading.lemma
        if reading.pos == "adj" and reading.extra[:1] in (("pos",), ()):
            return reading.lemma
        forms = self.generate(reading.lemma, reading.pos, "sg", reading.extra, "m3")
        return forms[0] if forms else None

    def generate(
        self, lemma: str, pos: str, number: str, extra: tuple[str, ...], gender: str
    ) -> list[str]:
        """Morfeusz synthesis of ``lemma`` as ``pos:number:nom:gender:extra``, in SGJP's order."""
        key = (lemma, pos, number, gender, extra)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: list[str] = []
        for form, tag in self._resources.morphology.generate(lemma):
            if _fits(tag, pos, number, extra, gender) and form not in found:
                found.append(form)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = found
        return found


def _fits(tag: str, pos: str, number: str, extra: tuple[str, ...], gender: str) -> bool:
    """Whether a synthesized form's tag is the nominative wanted."""
    fields: Tag = (
        parse_tag(tag) if tag.count(":") >= 3 else (tag, frozenset(), frozenset(), frozenset(), ())
    )
    t_pos, numbers, cases, genders, t_extra = fields
    if t_pos != pos or number not in numbers or "nom" not in cases or gender not in genders:
        return False
    # degree of adjectives, aspect and negation of participles must match; a noun's extra
    # fields (collective, plurale tantum) say nothing about the wanted form
    return pos in NOUN_CLASSES or (
        len(t_extra) >= len(extra)
        and all(e in t.split(".") for e, t in zip(extra, t_extra, strict=False))
    )
