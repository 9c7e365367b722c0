"""An event's status from the grammar of its clause: tense, mood, negation and modal cues.

In order: ``cancelled`` (a cue of calling off: "odwołany", "próba nie powiodła się"),
``hypothetical`` (a condition, a conditional verb "byłoby", a possibility "może dojść", or a
negated verb: "nie będzie prowadzić śledztwa"), ``planned`` (future tense "będzie", "zostanie",
a perfective present "wezwie", a plan or announcement "zapowiedział", "ma się odbyć"),
``ongoing`` (present tense of an imperfective verb, "trwają", "nadal"), else ``happened``.
Cues are searched in the trigger's clause and in the clause before it in the sentence, where
Polish puts the condition ("Jeśli …, Komisja rozpocznie …") and the announcing verb
("zapowiedział, że …"). A time the text gives then corrects the tense: an event dated after the
document is planned, one dated before it has happened.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kronika.extract.events.lexicon import lexicon
from kronika.extract.time import is_calendar
from kronika.lang.components import readings
from kronika.lang.morphology import Interpretation
from kronika.lang.view import DocumentView

#: Endings of a conditional verb ("byłoby", "zrobiłby", "wyprowadziłaby"): Morfeusz splits the
#: "by" off as its own segment, which the token's first reading does not show.
CONDITIONAL_ENDINGS = ("by", "bym", "byś", "byśmy", "byście")
#: Statuses of an act reported as done or going on.
REPORTED = frozenset({"happened", "ongoing"})
VERBAL = ("fin", "praet", "bedzie", "imps", "inf", "ppas", "winien", "pcon", "pact")


def _chosen(token: Token) -> tuple[Interpretation, ...]:
    """The readings of the lemma the disambiguator chose ("nadzieje" is hope, not "nadziać")."""
    all_readings = readings(token)
    return tuple(r for r in all_readings if r.lemma == token.lemma_) or all_readings


def _classes(token: Token) -> set[str]:
    return {r.pos for r in _chosen(token)}


def _aspects(token: Token) -> set[str]:
    return {part for r in _chosen(token) for part in r.tag.split(":") if part in ("perf", "imperf")}


def _lemmas(doc: Doc, i: int) -> frozenset[str]:
    """The chosen and every SGJP lemma of token ``i``, lowercased (kept by the document's view)."""
    return DocumentView.of(doc).lowered_lemmas[i]


def _conditional(token: Token) -> bool:
    return "praet" in _classes(token) and token.lower_.endswith(CONDITIONAL_ENDINGS)


def _negated(doc: Doc, i: int, lo: int) -> bool:
    """ "nie" right before the word (one word may stand between: "nie zostanie uwolniona")."""
    for j in (i - 1, i - 2):
        if (
            j >= lo
            and doc[j].lower_ == "nie"
            and (j + 1 >= len(doc) or doc[j + 1].lower_ != "tylko")
        ):
            return True
    return False


def _verb_status(doc: Doc, i: int, lo: int) -> str | None:
    """The status a verb form gives, or None for a word that is no verb."""
    token = doc[i]
    classes = _classes(token)
    if not classes & set(VERBAL):
        return None
    if _conditional(token) or _negated(doc, i, lo):
        return "hypothetical"
    if "bedzie" in classes:
        return "planned"
    if "fin" in classes and not classes & {"praet", "ppas"}:
        aspects = _aspects(token)
        if token.lemma_ in ("być", "mieć") or aspects == {"imperf"}:
            return "ongoing"
        return "planned" if "perf" in aspects else "ongoing"
    if classes & {"praet", "imps", "ppas", "pant"}:
        return "happened"
    return None


def _modal_before_infinitive(doc: Doc, lo: int, hi: int, modals: frozenset[str]) -> bool:
    for j in range(lo, hi):
        if _lemmas(doc, j) & modals and "praet" not in _classes(doc[j]):
            ahead = doc[j + 1 : min(hi, j + 4)]
            if any("inf" in _classes(t) for t in ahead):
                return True
    return False


def _cues(doc: Doc, lo: int, hi: int, trigger: int) -> str | None:
    """The status the cue words of ``doc[lo:hi]`` give, if any."""
    cues = lexicon().status
    words = [j for j in range(lo, hi) if j != trigger]
    lemmas = frozenset().union(*(_lemmas(doc, j) for j in words))
    if lemmas & cues.cancelled:
        return "cancelled"
    if any(_lemmas(doc, j) & cues.cancelled_negated and _negated(doc, j, lo) for j in words):
        return "cancelled"
    if lemmas & cues.hypothetical or _modal_before_infinitive(
        doc, lo, hi, cues.hypothetical_modals
    ):
        return "hypothetical"
    if lemmas & cues.planned or _modal_before_infinitive(doc, lo, hi, cues.planned_modals):
        return "planned"
    # "zapowiedział, że …", "zapowiedział wycofanie …": what follows the announcing verb
    before = [j for j in words if j < trigger or trigger < 0]
    if any(_lemmas(doc, j) & cues.announcing for j in before):
        return "planned"
    if lemmas & cues.ongoing:
        return "ongoing"
    return None


def _clause_verb(doc: Doc, lo: int, hi: int, trigger: int) -> str | None:
    """The status of the verb of the clause nearest the trigger."""
    order = sorted((j for j in range(lo, hi) if j != trigger), key=lambda j: abs(j - trigger))
    for j in order:
        status = _verb_status(doc, j, lo)
        if status is not None:
            return status
    return None


def event_status(
    doc: Doc,
    trigger: int,
    clause: tuple[int, int],
    previous: tuple[int, int] | None,
    time: str | None,
    document_date: str | None,
    meaning: str | None = None,
) -> str:
    """The status of the event at token ``trigger`` in the token range ``clause``; ``meaning``
    is the status the trigger's sense gives a reported act (a proposal is of a planned law)."""
    lo, hi = clause
    status = _cues(doc, lo, hi, trigger)
    if status is None and previous is not None:
        status = _cues(doc, *previous, -1)
        if status == "ongoing":
            status = None  # "nadal" in the clause before says nothing of this one
    if status in ("cancelled", "hypothetical"):
        return status
    own = _verb_status(doc, trigger, lo)
    if own == "hypothetical":
        return own
    status = status or own or _clause_verb(doc, lo, hi, trigger) or "happened"
    if status == "hypothetical":
        return status
    if meaning is not None and status in REPORTED:
        return meaning
    if time and document_date and is_calendar(time) and is_calendar(document_date):
        if time[: len(document_date)] > document_date[: len(time)]:
            return "planned"
        if time[: len(document_date)] < document_date[: len(time)]:
            return "happened"
    return status
