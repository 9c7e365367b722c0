"""Nominative of multi-word Polish name phrases: "Euroazjatyckiej Unii Gospodarczej" →
"Euroazjatycka Unia Gospodarcza", "Aleksandra Milinkiewicza" → "Aleksander Milinkiewicz".

A name phrase is a head noun with the words that agree with it (adjectives, further names in
apposition: first name + surname, the two halves of "Bielsko-Biała") followed, optionally, by
material that keeps its own case: a dependent genitive ("Organizacji *Układu o Bezpieczeństwie
Zbiorowym*"), a prepositional phrase, an acronym. Only the agreeing part changes. The steps, each
in its own module:

1. ``phrase``: glued endings ("PSL-u"), punctuation, abbreviations and particles are set aside;
   every other word gets its nominal SGJP readings from Morfeusz (``readings``); a word SGJP
   does not know (a Belarusian surname in Polish transcription, "Cichanouskiej") gets *guessed*
   readings from a table of inflectional endings (``guesser``, ``pl/name_endings.tsv``);
2. ``chains``: each grammatical key (case, number, gender) the words allow is tried: the words
   agreeing with it from the start of the phrase form the chain that changes; the key's hand-set
   score (``weights``) is what the chain gains over leaving the words unchanged, and leaving
   the phrase as it is is a candidate too (foreign names);
3. ``ranker``: each candidate is written out, the chain's words in the nominative of the same
   number and gender by Morfeusz synthesis (``synthesis``), the lemma or the guessed ending,
   capitalization following the input word (``spelling``); the trained ranker
   (``pl/name_ranker.tsv``) turns the candidates' features into probabilities;
4. ``document``: an article's names are chosen together, the forms of one name backing each
   other.

``resources`` reads the tables on first use; ``name_lemmatizer`` is the public face.
"""

from kronika.lang.names.document import reachable
from kronika.lang.names.grammar import (
    Reading,
    category_group,
    name_subcategory,
    parse_tag,
)
from kronika.lang.names.name_lemmatizer import (
    NameLemmatizer,
    feminine_name,
    shared_name_lemmatizer,
)
from kronika.lang.names.ranker import Candidate
from kronika.lang.names.resources import LEXICON_PATH, RANKER_PATH
from kronika.lang.names.spelling import APOSTROPHE_INFLECTED, default_spaces, transfer_case
from kronika.lang.names.weights import WEIGHTS, HandWeights

__all__ = [
    "APOSTROPHE_INFLECTED",
    "LEXICON_PATH",
    "RANKER_PATH",
    "WEIGHTS",
    "Candidate",
    "HandWeights",
    "NameLemmatizer",
    "Reading",
    "category_group",
    "default_spaces",
    "feminine_name",
    "name_subcategory",
    "parse_tag",
    "reachable",
    "shared_name_lemmatizer",
    "transfer_case",
]
