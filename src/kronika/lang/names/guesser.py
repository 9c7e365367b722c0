"""Readings of a word SGJP does not know, guessed from how names with its ending inflect.

A Belarusian surname in Polish transcription ("Cichanouskiej") is in no dictionary, but its
ending is: ``pl/name_endings.tsv`` (``training/name_endings.py``, from SGJP paradigms of real
names) says which tags and which lemma changes forms ending so have, and how often.
"""

from __future__ import annotations

from kronika.lang.names.grammar import CASE_ORDER, Reading, parse_tag
from kronika.lang.names.resources import EndingRule, NameResources
from kronika.lang.names.weights import WEIGHTS

#: Observations (of the wanted kind) an ending needs before its rules are trusted.
MIN_SUPPORT = 10

#: The rule that leaves the form as it is (an indeclinable or already nominative word).
UNCHANGED = (0, "")

Change = tuple[int, str]


class EndingGuesser:
    """Guessed readings from the longest ending of a word that the table knows well enough."""

    def __init__(self, resources: NameResources) -> None:
        self._resources = resources

    def guess(self, form: str, group: str | None, wanted: str, scale: float) -> list[Reading]:
        """Readings of an unknown word from the longest ending the table knows, each weighed by
        its share of the ending's observations of names of the ``wanted`` kind (person, place),
        times ``scale``."""
        table = self._resources.endings
        lower = form.lower()
        # the changes the longest known ending was seen with, however rarely (none if it was
        # only seen unchanged, which says nothing of how it changes)
        attested: set[Change] | None = None
        for length in range(min(self._resources.max_ending, len(lower) - 1), -1, -1):
            rules = table.get(lower[len(lower) - length :] if length else "")
            if not rules:
                continue
            fitting = _fitting(rules, wanted, attested)
            if not fitting or (length and sum(r.count for r in fitting) < MIN_SUPPORT):
                # too few observations to trust this ending: back off to a shorter one
                changes = {(r.cut, r.add) for r in fitting} - {UNCHANGED}
                if changes and attested is None:
                    attested = changes
                continue
            result = _readings(form, fitting, group, scale)
            if result:
                return result
        return []


def _fitting(
    rules: list[EndingRule], wanted: str, attested: set[Change] | None
) -> list[EndingRule]:
    """The ending's rules for names of the wanted kind. A shorter ending lends its shares, not
    changes the longer one never shows: "-i" is often "-a" cut ("Olgi" → Olga) but no "-bi" is
    a genitive of "-ba"."""
    fitting = [r for r in rules if r.kind == wanted]
    if fitting and attested is not None:
        fitting = [
            r for r in fitting if (r.cut, r.add) in attested or (r.cut, r.add) == UNCHANGED
        ] or fitting
    return fitting


def _readings(
    form: str, fitting: list[EndingRule], group: str | None, scale: float
) -> list[Reading]:
    """The readings the trusted rules give, and for a person, the feminine twin.

    Two questions, answered by the ending's observations: is the word in an oblique case at all
    (the share of changing rules), and if so, which lemma (the share of this change, in this
    gender, among the changing ones: "-skiej → -ska" is one feminine change in three cases;
    "-enki" is -enko for a man, -enka for a woman)."""
    total = sum(r.share for r in fitting)
    unchanged = sum(r.share for r in fitting if (r.cut, r.add) == UNCHANGED) / total
    changed = 1.0 - unchanged
    change_share: dict[tuple[int, str, str], float] = {}
    for r in fitting:
        key = (r.cut, r.add, r.tag.split(":")[3])
        change_share[key] = change_share.get(key, 0.0) + r.share / total
    result = []
    for rule in fitting:
        if rule.cut >= len(form):
            continue
        pos, numbers, cases, genders, extra = parse_tag(rule.tag)
        lemma = form[: len(form) - rule.cut] + rule.add
        if (rule.cut, rule.add) == UNCHANGED:
            weight = scale * unchanged
            if len(cases) > 4:
                # SGJP gives every masculine surname an indeclinable feminine twin
                # (Iwanow:Sf); it should not outvote a declined reading in context
                weight *= WEIGHTS.indeclinable_factor
        else:
            share = change_share[rule.cut, rule.add, rule.tag.split(":")[3]]
            weight = scale * _changed_weight(changed, share)
        if group == "person" and "m1" in genders:
            weight += WEIGHTS.masculine_prior
        result.append(
            Reading(
                pos,
                lemma,
                numbers,
                cases,
                genders,
                extra,
                frozenset(),
                weight,
                (rule.cut, rule.add),
            )
        )
    if group == "person":
        result.extend(_feminine_twin(form, result, scale * unchanged))
    return result


def _changed_weight(changed: float, share: float) -> float:
    """A changing rule's weight: part the share of changing rules, part this change's share
    among them."""
    return WEIGHTS.class_share * changed + (1 - WEIGHTS.class_share) * share / changed


def _feminine_twin(form: str, readings: list[Reading], weight: float) -> list[Reading]:
    """A woman's surname that does not end in -a does not decline ("Giny Miller", "Federiki
    Mogherini"): as SGJP gives every masculine surname it knows, a guessed masculine
    nominative gets an indeclinable feminine twin."""
    if form.lower().endswith("a"):
        return []  # "Kowalska", "Nowakowa": a woman's surname in -a declines
    if any("f" in r.genders and len(r.cases) > 4 for r in readings):
        return []
    if not any(
        r.lemma_ending == UNCHANGED and "m1" in r.genders and "nom" in r.cases for r in readings
    ):
        return []
    return [
        Reading(
            "subst",
            form,
            frozenset({"sg"}),
            frozenset(CASE_ORDER),
            frozenset({"f"}),
            (),
            frozenset(),
            weight * WEIGHTS.indeclinable_factor,
            UNCHANGED,
        )
    ]
