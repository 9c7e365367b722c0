"""Direct and indirect quotations in Polish news, attributed to their speakers.

``find_quotes(doc)`` works on a kronika Doc (tokens, sentences, SGJP readings, lemmas and name
mentions) and returns :class:`kronika.model.Quote` objects, one per speech act as the gold
guidelines define it. Constructions, in the order they are tried (earlier ones win overlaps):

1. dash dialogue inside a line: "– A – mówi X. – B – dodał.", "A – podało X." (no opening dash),
   a dash paragraph with no attribution (speaker from the context);
2. a scraped pull-quote glued to its author: "… niewiele wiedzą Jan Kowalski, weteran opozycji";
3. quotation-marked text („…", "…", «…») with a speech verb after a dash/comma, before a colon, or
   a whole "że" clause in quotation marks; scare quotes and titles are left alone; speech after
   "powiedziała:" whose opening mark the scraper lost;
4. reported speech: speech verb (by lemma) + "że/iż" (or "aby/by" after a directive verb),
   "według X", "zdaniem X", "jak podkreślił X, …", and "…, stwierdził X." (comma attribution).

A zero subject ("Dodał, że…", "Jego zdaniem", a bare "– dodaje") takes the person introduced
between the previous quotation and this one (a nominative name, or a sentence opening with a
described person), else the previous attribution's speaker. Verbs match by SGJP lemma over all
readings; first-person forms ("sądzę", "przypomnijmy") and imperatives are not cues.
The vocabulary lives in ``pl/quotes.yaml``; this module holds only the logic.

Modules: ``lexicon`` (the vocabulary of ``pl/quotes.yaml`` and the quotation marks), ``detected``
(a quotation as a detector finds it, its attribution, an index of quotations by position),
``tokens`` (token tests), ``view`` (the document as the detectors see it), ``speaker_after`` and
``speaker_before`` (the attribution clause after or before the cue), ``dashes`` and ``marked``
(direct speech: dialogue dashes and pull-quotes; quotation marks and colons), ``indirect``
(reported speech) and ``assembly`` (``find_quotes``: the detectors in order, zero subjects
resolved).
"""

from __future__ import annotations

from kronika.extract.quotes.assembly import find_quotes
from kronika.extract.quotes.detected import Attribution, Detected
from kronika.extract.quotes.lexicon import Lexicon, lexicon

__all__ = ["Attribution", "Lexicon", "Detected", "find_quotes", "lexicon"]
