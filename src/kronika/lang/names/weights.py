"""The hand-set weights of the name scorer, in one place.

The scores of the competing analyses of a phrase are sums of reading weights, about 1 per word.
The values were set on the Polem KPWr train set (``benchmarks/name_lemmas.py``), the guesser's
with an ending table built without that set's own name pairs (``training/name_endings.py
--no-pairs``). The trained ranker (``pl/name_ranker.tsv``) starts from the resulting score (its
``hand`` feature) and its features were computed with these values: changing one means
retraining the ranker (``training/name_ranker.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HandWeights:
    """Each weight with the reason it exists; see the module docstring for where they come from."""

    #: Keeping the phrase unchanged: a key's words score their weight less this.
    identity: float = 0.9
    #: A key in the nominative: the phrase is usually already in its citation form when it can be.
    nominative_bonus: float = 0.05
    #: A chain with a noun in it, over adjectives alone.
    head_bonus: float = 0.1
    #: Per word beyond the first agreeing in an oblique case: agreement is evidence of its own
    #: ("Swiatłany Cichanouskiej", two guesses that agree on gen f, beat two unchanged words).
    agreement_bonus: float = 0.1
    #: A plural reading of a word that is not a plurale tantum: names are mostly singular
    #: ("Moskwy" is Moskwa's genitive, not a plural of Moskwa).
    plural_penalty: float = 0.4
    #: More for the plural of a proper name ("Red" as the genitive plural of Reda): a name is
    #: almost never pluralized.
    proper_plural_penalty: float = 0.4
    #: A reading whose SGJP name category fits the phrase's category.
    category_bonus: float = 0.5
    #: A proper-name reading of another kind than the phrase's category (a surname in a place).
    category_conflict: float = 0.3
    #: Per decade of a lemma's NKJP frequency (``pl/lemma_frequencies.tsv``): "liga" over "Ligi".
    frequency_weight: float = 0.15
    #: A depreciative plural ("Polaki"): never the reading a name phrase means.
    depreciative_penalty: float = 0.5
    #: A reading of the name kind the category names (first name for ``persName_forename`` or
    #: ``nam_liv_person_first``, surname for ``…_surname``/``…_last``).
    subcategory_bonus: float = 0.2
    #: Per further fitting SGJP name category of a reading (Leszek: imię and nazwisko).
    extra_kind_bonus: float = 0.1
    #: A masculine personal reading of a first name or surname in a person name: men's names in
    #: the genitive outnumber women's in the nominative in news text ("Stanisława" → Stanisław).
    masculine_prior: float = 0.1
    #: Between "hindus" and "Hindus", the lemma capitalized like the word.
    written_like_lemma: float = 0.01
    #: How much a guessed reading's weight rests on the word being oblique at all rather than on
    #: its lemma being the likeliest among the oblique ones (see ``EndingGuesser``).
    class_share: float = 0.5
    #: Weight kept by a guessed indeclinable reading (see ``EndingGuesser``).
    indeclinable_factor: float = 0.5
    #: Scale of the guesses that join the SGJP readings of a capitalized word SGJP knows only as
    #: something else ("Giny" of Gina, not of the drink), against 1 for a word SGJP does not know.
    supplement_scale: float = 0.6
    #: Between readings of one word alone, the noun on a near tie ("Wilanowskiej" is the street's
    #: adjective, not the rarer surname Wilanowska).
    class_preference: float = 0.05
    #: Inside a phrase an agreeing adjective always wins over a noun reading of the same word.
    phrase_adjective: float = 10.0
    #: How far below a word's best reading a reading still counts as likely.
    likely_margin: float = 0.3
    #: How much the other phrases of a document count against a phrase's own probabilities.
    document_weight: float = 1.0


#: The weights every part of the name lemmatizer reads.
WEIGHTS = HandWeights()
