"""Direct and indirect quotations in Polish news, attributed to their speakers.

``find_quotes(doc)`` works on a kronika Doc (tokens, sentences, SGJP readings, lemmas and name
mentions) and returns contract items (DESIGN.md, ``quotes``), one per speech act as the gold
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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kronika.extract.pl import load_vocabulary
from kronika.lang.components import all_lemmas, doc_text, readings
from kronika.ner.mentions import MENTIONS_KEY

#: Dialogue dashes: en dash, em dash, or a hyphen standing alone between spaces.
DASHES = frozenset("–—-")
#: Opening → closing quotation marks. Straight quotes pair with themselves.
QUOTE_PAIRS = {"„": '”"“', "«": "»", "“": "”", '"': '"', "»": "«"}
OPENING_QUOTES = frozenset(QUOTE_PAIRS)
CLOSING_QUOTES = frozenset('”"“»«')
#: Verb forms that can carry a speech act (finite, past, impersonal -no/-to, adverbial participle,
#: infinitive after "miał", future "będzie").
VERB_CLASSES = frozenset({"fin", "praet", "imps", "pcon", "inf", "bedzie", "impt", "pant"})
SENTENCE_END = frozenset(".!?…")


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    complementizers: frozenset[str]
    purpose_complementizers: frozenset[str]
    according_to: frozenset[str]
    opinion_nouns: frozenset[str]
    according_nouns: frozenset[str]
    according_excluded: frozenset[str]
    survey_words: frozenset[str]
    share_words: frozenset[str]
    pronouns: frozenset[str]
    description_nouns: frozenset[str]
    person_nouns: frozenset[str]
    office_nouns: frozenset[str]
    office_not_holder: frozenset[str]
    head_offices: frozenset[str]
    instrumental_prepositions: frozenset[str]
    addressee_frames: frozenset[tuple[str, str]]
    addressee_nouns: frozenset[str]
    skip_words: frozenset[str]
    first_person_cues: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary of ``pl/quotes.yaml``, read once per process."""
    raw = load_vocabulary("quotes")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in raw[key])

    return Lexicon(
        speech_verbs=frozenset(v for pair in raw["speech_verbs"] for v in pair),
        directive_verbs=words("directive_verbs"),
        complementizers=words("complementizers"),
        purpose_complementizers=words("purpose_complementizers"),
        according_to=words("according_to"),
        opinion_nouns=words("opinion_nouns"),
        according_nouns=words("according_nouns"),
        according_excluded=words("according_excluded"),
        survey_words=words("survey_words"),
        share_words=words("share_words"),
        pronouns=words("pronouns"),
        description_nouns=words("description_nouns") | words("source_nouns"),
        person_nouns=words("description_nouns"),
        office_nouns=words("office_nouns"),
        office_not_holder=words("office_not_holder"),
        head_offices=words("head_offices"),
        instrumental_prepositions=words("instrumental_prepositions"),
        addressee_frames=frozenset((a, b) for a, b in raw["addressee_frames"]),
        addressee_nouns=words("addressee_nouns"),
        skip_words=words("skip_words"),
        first_person_cues=words("first_person_cues"),
    )


@dataclass
class Attribution:
    """Who said it, as found in the text; ``zero`` means "the previous speaker"."""

    cue: str | None = None
    speaker: tuple[int, int] | None = None
    description: str | None = None
    addressee: str | None = None
    zero: bool = False
    #: The subject is a survey share ("52 proc. … przyznało"): not a speaker.
    survey: bool = False


@dataclass
class Quote:
    start: int
    end: int
    kind: str
    attribution: Attribution
    #: Where the attribution stands: zero subjects resolve to speakers found before this point.
    anchor: int
    strong: bool = False


# --- token helpers ----------------------------------------------------------------------------


def _lemmas(token: Token) -> set[str]:
    return all_lemmas(token)


def _is_speech_verb(token: Token, lex: Lexicon) -> bool:
    """A verb form whose lemma is a speech verb; by readings, so a mis-chosen lemma still counts."""
    if not token.text[:1].isalpha() or (token.is_upper and len(token.text) > 1):
        # all capitals are headlines and links ("CZYTAJ TAKŻE")
        return False
    for reading in readings(token):
        if reading.pos in VERB_CLASSES and reading.lemma in lex.speech_verbs:
            # first person ("sądzę", "Przypomnijmy") is the speaker inside a quotation or the
            # outlet itself, an imperative is an instruction: neither reports speech
            if (
                ":pri" in reading.tag and reading.lemma not in lex.first_person_cues
            ) or reading.pos == "impt":
                continue
            return True
    return False


def _noun_cases(tag: str) -> set[str]:
    """Cases of a nominal tag ("subst:sg:dat.loc:f" → {"dat", "loc"})."""
    parts = tag.split(":")
    return set(parts[2].split(".")) if len(parts) > 2 else set()


def _has_case(token: Token, case: str) -> bool:
    return any(
        case in _noun_cases(r.tag)
        for r in readings(token)
        if r.pos in {"subst", "adj", "ppron3", "depr"}
    )


def _is_noun_like(token: Token) -> bool:
    return any(r.pos in {"subst", "depr", "ign", "ger"} for r in readings(token))


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _trim(text: str, start: int, end: int, strip: str = " \t\n,;:–—-") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote's content: no surrounding spaces, dashes, commas or a final period."""
    start, end = _trim(text, start, end)
    while end > start and text[end - 1] in ".,;: \n":
        end -= 1
    return start, end


class _DocView:
    """Character-level lookups over one Doc, shared by the detectors."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = doc_text(doc)
        self.lex = lexicon()
        self.char_token: list[int] = [-1] * (len(text) + 1)
        for token in doc:
            start = token.idx
            length = len(token.text)
            self.char_token[start : start + length] = [token.i] * length
        self.sent_of: list[Span] = []
        for sent in doc.sents:
            self.sent_of.extend([sent] * len(sent))
        found = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
        self.mentions: list[Span] = [_trim_person(m) for m in found]

        #: Quotations found by the earlier detectors (the subject of a later cue is not inside them).
        self.taken: list[Quote] = []

    def token_at(self, char: int) -> Token | None:
        """The token covering ``char`` or the first one after it."""
        n = len(self.text)
        while char < n and self.char_token[char] < 0:
            char += 1
        if char >= n:
            return None
        return self.doc[self.char_token[char]]

    def token_before(self, char: int) -> Token | None:
        char -= 1
        while char >= 0 and self.char_token[char] < 0:
            char -= 1
        return self.doc[self.char_token[char]] if char >= 0 else None

    def sentence_start(self, char: int) -> int:
        token = self.token_before(char)
        return self.sent_of[token.i].start_char if token is not None else 0

    def mentions_in(self, start: int, end: int) -> list[Span]:
        return [m for m in self.mentions if m.start_char >= start and m.end_char <= end]


def _trim_person(mention: Span) -> Span:
    """A person mention without leading words glued to it by the rule-based detector
    ("Reuters Anna Wiśniewska", "Twitterze Piotr Nowak"): the name starts at the first first name."""
    if not mention.label_.startswith("persName") or len(mention) < 3:
        return mention
    for k, token in enumerate(mention):
        if k > 0 and any("imię" in r.names for r in readings(token)):
            if not any("imię" in r.names for r in readings(mention[k - 1])):
                return Span(mention.doc, mention.start + k, mention.end, label=mention.label_)
            break
    return mention


# --- attribution clauses ----------------------------------------------------------------------


def _subject_after(view: _DocView, first: int, end_char: int) -> Attribution:
    """Speaker, description and addressee in a clause after the cue ("mówi „Gazecie” X, politolog")."""
    doc, lex, text = view.doc, view.lex, view.text
    att = Attribution()
    tokens = [t for t in doc[first:] if t.idx < end_char]
    i = 0
    addressee: tuple[int, int] | None = None
    blocked: list[tuple[int, int]] = []
    stops = frozenset(
        m.start
        for m in view.mentions
        if m._.entity_type == "person" or m.label_.startswith("persName")
    )
    # Leading adverbs, time phrases and an addressee are not the subject.
    while i < len(tokens):
        t = tokens[i]
        low = t.text.lower()
        if low in lex.skip_words or t.is_punct and t.text not in OPENING_QUOTES:
            i += 1
            continue
        # "w rozmowie z agencją RBK", "w wywiadzie dla „Rzeczpospolitej”"
        if low in {"w", "we"} and i + 2 < len(tokens):
            head = _lemmas(tokens[i + 1])
            prep = tokens[i + 2].text.lower()
            if any((h, prep) in lex.addressee_frames for h in head):
                j = i + 3
                _, a_end = _noun_phrase(tokens, j, lex, stops)
                if a_end > j:
                    addressee = (tokens[j].idx, tokens[a_end - 1].idx + len(tokens[a_end - 1].text))
                    blocked.append(addressee)
                i = a_end
                continue
            # other prepositional phrases: "w czwartek", "w oświadczeniu", "w Radiu ZET"
            _, e = _noun_phrase(tokens, i + 1, lex, stops)
            blocked.append(
                (
                    tokens[i + 1].idx,
                    tokens[max(e, i + 2) - 1].idx + len(tokens[max(e, i + 2) - 1].text),
                )
            )
            i = max(e, i + 2)
            continue
        if low in {
            "na",
            "podczas",
            "po",
            "przed",
            "z",
            "ze",
            "od",
            "dla",
            "do",
            "o",
        } and i + 1 < len(tokens):
            j = i + 1
            _, e = _noun_phrase(tokens, j, lex, stops)
            blocked.append(
                (tokens[j].idx, tokens[max(e, j + 1) - 1].idx + len(tokens[max(e, j + 1) - 1].text))
            )
            i = max(e, j + 1)
            continue
        # a dative addressee right after the verb: "mówi „Gazecie”", "powiedział dziennikarzom"
        if addressee is None and _is_dative_addressee(tokens, i, lex):
            s, e = _noun_phrase(tokens, i, lex, stops)
            addressee = (tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text))
            blocked.append(addressee)
            i = e
            continue
        break
    rest = tokens[i:]
    if addressee is not None and not [t for t in rest if not t.is_punct]:
        # "w rozmowie z agencją RBK Cichanouska": the subject follows the addressee, so the
        # last capitalized word of an addressee that ends the clause is the speaker
        a_tokens = [t for t in tokens if addressee[0] <= t.idx < addressee[1]]
        capitals = [t for t in a_tokens if _capitalized(t)]
        if len(capitals) >= 2 and a_tokens[-1] is capitals[-1] and not capitals[-1].is_upper:
            last = capitals[-1]
            rest = [last]
            addressee = (addressee[0], a_tokens[-2].idx + len(a_tokens[-2].text))
    if addressee is not None:
        att.addressee = _strip_marks(text[addressee[0] : addressee[1]])
    if not rest:
        att.zero = True
        return att
    rest_start = rest[0].idx
    # Stop the subject at a relative clause or a second clause.
    stop = end_char
    for t in rest:
        if t.text.lower() in {"który", "która", "które", "którzy", "że", "iż"} or t.text in {
            "–",
            "—",
        }:
            stop = t.idx
            break
    candidates = [
        m
        for m in view.mentions_in(rest_start, stop)
        if m.label_.startswith(("persName", "orgName"))
        or m._.entity_type in {"person", "organization"}
        if not any(b[0] <= m.start_char < b[1] for b in blocked)
    ]
    persons = _name_like(
        [m for m in candidates if m._.entity_type == "person" or m.label_.startswith("persName")]
    )
    # the subject is nominative: not "Trumpa" in "była menadżer kampanii Trumpa, Kellyanne Conway"
    persons = [m for m in persons if _maybe_nominative(m[-1])] or persons
    chosen: tuple[int, int] | None = None
    first_rest = rest[0]
    apposition = _capitalized_run(view, rest_start, stop) if not persons else None
    if apposition is not None and not re.search(r",\s*$", text[rest_start : apposition[0]]):
        apposition = None
    if apposition is not None:
        # "– stwierdziła partnerka kancelarii w Niemczech, Anahita Thoms."
        d_s, d_e = _trim(text, rest_start, apposition[0])
        att.speaker, att.description = apposition, text[d_s:d_e] or None
        return att
    if (
        not persons
        and first_rest.text[:1].islower()
        and _lemmas(first_rest) & lex.description_nouns
    ):
        # "– mówił szef ARM": the description with its organization is the speaker
        s, e = _trim_clause(text, *_trim(text, rest_start, _clause_end(text, rest_start, stop)))
        att.speaker = (s, e)
        return att
    if persons:
        chosen = (persons[0].start_char, persons[0].end_char)
    elif candidates:
        chosen = (candidates[0].start_char, candidates[0].end_char)
    else:
        chosen = _capitalized_run(view, rest_start, stop)
    if chosen is None:
        # an unnamed speaker: "– dodał przewodniczący RE", "– mówił polityk"
        if (
            _is_noun_like(first_rest)
            or _capitalized(first_rest)
            or first_rest.text in OPENING_QUOTES
        ):
            s, e = _trim(text, rest_start, _clause_end(text, rest_start, stop))
            s, e = _trim_clause(text, s, e)
            if e > s:
                att.speaker = (s, e)
        if att.speaker is None:
            att.zero = True
        return att
    att.speaker = chosen
    # description before the name ("znany białoruski politolog X") or after it ("X, politolog")
    before_s, before_e = _trim(text, rest_start, chosen[0])
    if before_e > before_s and not _is_preposition_phrase(text[before_s:before_e]):
        att.description = text[before_s:before_e]
    after = text[chosen[1] : stop]
    m = re.match(r"\s*,\s*([^,.;:!?\n]+)", after)
    if m and m.group(1)[:1].islower():
        att.description = m.group(1).strip()
    return att


def _is_preposition_phrase(text: str) -> bool:
    return text.split()[0].lower() in {"w", "we", "z", "ze", "na", "dla", "do", "od", "po", "o"}


def _clause_end(text: str, start: int, stop: int) -> int:
    m = re.search(r"[,;:(]", text[start:stop])
    return start + m.start() if m else stop


def _is_dative_addressee(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    t = tokens[i]
    j = i
    if t.text in OPENING_QUOTES and i + 1 < len(tokens):
        j = i + 1
    target = tokens[j]
    cases = [_noun_cases(r.tag) for r in readings(target) if r.pos in {"subst", "depr"}]
    # dative but never nominative: "Gazecie", "dziennikarzom", not a name that may be the subject
    if not any("dat" in c for c in cases) or any("nom" in c for c in cases):
        return False
    return j > i or bool(_lemmas(target) & lex.addressee_nouns)


def _is_adjective(token: Token) -> bool:
    token_readings = readings(token)
    return bool(token_readings) and all(r.pos in {"adj", "pact", "ppas"} for r in token_readings)


def _noun_phrase(
    tokens: list[Token], j: int, lex: Lexicon, stops: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """A short noun phrase from ``j``: a quoted name, or a common noun plus capitalized words.
    ``stops`` are token indices where a person's name begins ("agencją Reuters | Anna Nowak")."""
    if j >= len(tokens):
        return j, j
    if tokens[j].text in OPENING_QUOTES:
        k = j + 1
        while k < len(tokens) and tokens[k].text not in CLOSING_QUOTES:
            k += 1
        return j, min(k + 1, len(tokens))
    # leading adjectives agree with the noun: "rosyjską agencją RBK"
    while j + 1 < len(tokens) and tokens[j].text[:1].islower() and _is_adjective(tokens[j]):
        j += 1
    k = j + 1
    while (
        k < len(tokens)
        and tokens[k].i not in stops
        and (
            _capitalized(tokens[k])
            or tokens[k].text in OPENING_QUOTES
            or (tokens[k].text in CLOSING_QUOTES and k > j)
        )
    ):
        if tokens[k].text in OPENING_QUOTES:
            k2 = k + 1
            while k2 < len(tokens) and tokens[k2].text not in CLOSING_QUOTES:
                k2 += 1
            k = k2 + 1
            continue
        k += 1
    return j, min(k, len(tokens))


def _capitalized_run(view: _DocView, start: int, stop: int) -> tuple[int, int] | None:
    """The first run of capitalized words (an unknown surname the mention rules missed)."""
    run: list[Token] = []
    tok = view.token_at(start)
    while tok is not None and tok.idx < stop:
        if _capitalized(tok) and not tok.is_punct:
            run.append(tok)
        elif run:
            break
        elif tok.text.lower() in {"z", "ze", "w", "we", "dla", "na", "do", "od", "o", "po"}:
            # skip a prepositional phrase's capitalized object
            nxt = tok.i + 1
            while nxt < len(view.doc) and (
                _capitalized(view.doc[nxt])
                or view.doc[nxt].is_punct
                and view.doc[nxt].text in OPENING_QUOTES | CLOSING_QUOTES
            ):
                nxt += 1
            tok = view.doc[nxt] if nxt < len(view.doc) else None
            continue
        tok = view.doc[tok.i + 1] if tok.i + 1 < len(view.doc) else None
    if not run:
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def _subject_before(view: _DocView, verb: Token, quotes: list[Quote] | None = None) -> Attribution:
    """Speaker of "X stwierdził, że…": the nearest naming mention before the verb in its sentence."""
    lex, text = view.lex, view.text
    att = Attribution(cue=verb.text)
    if all(r.pos == "pcon" for r in readings(verb)):
        # "…, dodając, że": the subject is the main clause's, usually the previous speaker
        att.zero = True
        return att
    sent = view.sent_of[verb.i]
    region_start = sent.start_char
    # words inside an earlier quotation of the sentence are not the subject ("– To… – ocenił, że")
    for q in quotes or ():
        if region_start <= q.end <= verb.idx:
            region_start = max(region_start, q.end)
    tokens = [t for t in sent if t.i < verb.i and t.idx >= region_start]
    words = [t for t in tokens if not t.is_punct]
    if not words or all(t.text.lower() in lex.skip_words for t in words):
        att.zero = True
        return att
    low_words = {t.text.lower() for t in words}
    # "52 proc. badanych przyznało": a share of respondents, not a speaker; a bare year
    # ("„Zapad 2021” Łukaszenko zapowiedział") is not a share
    if low_words & lex.survey_words or any(
        t.like_num and t.i + 1 < len(view.doc) and view.doc[t.i + 1].text.lower() in lex.share_words
        for t in words[-4:]
    ):
        att.survey = True
    mentions = [
        m
        for m in view.mentions_in(region_start, verb.idx)
        if m._.entity_type in {"person", "organization", "country"}
        or m.label_.startswith(("persName", "orgName"))
    ]
    # The subject is nominative: "Adamowi Dąbrowskiemu" or "Trumpa" before the verb are not it.
    mentions = [m for m in mentions if _maybe_nominative(m[-1])]
    persons = _name_like(
        [m for m in mentions if m._.entity_type == "person" or m.label_.startswith("persName")]
    )
    name_head = _name_head(view, tokens, verb.i)
    if persons or mentions or name_head is not None:
        if persons:
            # the first person: "Donald Tusk, przewodniczący Rady Europy, powiedział"
            start, end = persons[0].start_char, persons[0].end_char
            first_i = persons[0].start
        elif mentions:
            start, end = mentions[-1].start_char, mentions[-1].end_char
            first_i = mentions[-1].start
        else:
            assert name_head is not None
            start, end = name_head
            first_i = view.char_token[start]
        # an unknown capitalized name nearer to the verb wins over an earlier mention
        if name_head is not None and name_head[0] > end:
            start, end = name_head
            first_i = view.char_token[start]
        head = _subject_head(view, tokens, first_i)
        if head is not None and head.idx < start and _lemmas(head) & lex.description_nouns:
            if not _maybe_nominative(view.doc[first_i]):
                # "Rzeczniczka premier Theresy May": the description is the speaker
                s, e = _trim(text, head.idx, end)
                att.speaker = (s, e)
                return att
            d_s, d_e = _trim(text, head.idx, start)
            if d_e > d_s:
                att.description = text[d_s:d_e]
        att.speaker = (start, end)
        return att
    last = words[-1]
    if last.text.lower() in lex.pronouns or (
        len(words) >= 1 and words[-1].text.lower() in {"on", "ona", "oni", "one"}
    ):
        att.zero = True
        return att
    # no mention: a description noun or an unknown capitalized name before the verb
    head = _subject_head(view, tokens, verb.i)
    if head is not None:
        end_tok = head
        k = head.i + 1
        while (
            k < verb.i
            and (not view.doc[k].is_punct or view.doc[k].text in OPENING_QUOTES | CLOSING_QUOTES)
            and view.doc[k].text.lower() not in lex.skip_words
        ):
            end_tok = view.doc[k]
            k += 1
        s, e = _trim(text, head.idx, end_tok.idx + len(end_tok.text))
        att.speaker = (s, e)
        return att
    att.zero = True
    return att


def _name_like(persons: list[Span]) -> list[Span]:
    """Person mentions that look like names: the rule-based detector also tags common nouns
    ("Rady" in "Prezesa Rady Ministrów"); keep those only when nothing better is there."""

    def proper(token: Token) -> bool:
        # every reading is a name or unknown: "Trump", "Channan", not "Rady" (rada, Rado)
        return all(r.pos == "ign" or set(r.names) & {"imię", "nazwisko"} for r in readings(token))

    for tier in (lambda m: len(m) > 1, lambda m: proper(m[0])):
        named = [m for m in persons if tier(m)]
        if named:
            return named
    return persons


def _maybe_nominative(token: Token) -> bool:
    """The token may be nominative (or SGJP does not know it, as with many foreign names)."""
    nominal = [r for r in readings(token) if r.pos in {"subst", "depr", "adj", "ppron3", "ppron12"}]
    if not nominal:
        return True
    return any("nom" in _noun_cases(r.tag) for r in nominal)


def _name_head(view: _DocView, tokens: list[Token], before: int) -> tuple[int, int] | None:
    """The capitalized, possibly nominative name run nearest before ``before`` (not sentence-initial
    unless SGJP calls it a name or does not know it): surnames the mention rules missed."""
    run: list[Token] = []
    for t in reversed([t for t in tokens if t.i < before]):
        if _capitalized(t) and not t.is_punct and t.text.lower() not in view.lex.skip_words:
            run.insert(0, t)
            continue
        if run:
            break
        if t.text in {",", "–", "—"} or _is_verbish(t):
            # the nearest subject sits right before the verb ("…, White przyznał")
            break
    if not run:
        return None
    first = run[0]
    lemmas = _lemmas(first)
    if lemmas & view.lex.description_nouns and len(run) == 1:
        return None
    is_name = any(r.names or r.pos == "ign" for t in run for r in readings(t))
    if first.is_sent_start and not is_name:
        return None
    if not _maybe_nominative(run[-1]):
        return None
    if first.i > 0 and _is_preposition(view.doc[first.i - 1]):
        # "w Brukseli", "z Londynu": the object of a preposition is not the subject
        return None
    return first.idx, run[-1].idx + len(run[-1].text)


def _is_preposition(token: Token) -> bool:
    return any(r.pos == "prep" for r in readings(token)) and token.text.islower()


def _subject_head(view: _DocView, tokens: list[Token], before: int) -> Token | None:
    """The first description noun or capitalized name-like word among ``tokens`` before ``before``."""
    lex = view.lex
    for idx, t in enumerate(tokens):
        if t.i >= before:
            break
        if t.is_punct:
            continue
        prev = tokens[idx - 1].text.lower() if idx > 0 else ""
        if prev in {
            "w",
            "we",
            "z",
            "ze",
            "na",
            "dla",
            "do",
            "od",
            "po",
            "o",
            "przez",
            "przy",
            "podczas",
        }:
            continue
        if _lemmas(t) & lex.description_nouns:
            return t
        if (
            _capitalized(t)
            and t.text.lower() not in lex.skip_words | lex.pronouns
            and (idx > 0 or any(r.names or r.pos == "ign" for r in readings(t)))
        ):
            return t
    return None


# --- detectors --------------------------------------------------------------------------------


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of ``text``: scraped paragraphs are lines."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _dash_quotes(view: _DocView) -> list[Quote]:
    """Dialogue dashes line by line (construction 1)."""
    text = view.text
    quotes: list[Quote] = []
    for line_start, line in _lines(text):
        if not line.strip():
            continue
        dashes = [line_start + m.start() for m in re.finditer(r"(?:(?<=\s)|^)[–—-](?=\s|$)", line)]
        if not dashes:
            continue
        stripped = line_start + len(line) - len(line.lstrip())
        open_at: int | None = None
        after_attr: Attribution | None = None
        cursor = line_start
        for d in dashes:
            if d < cursor:
                continue
            verb = _verb_after(view, d + 1)
            before = text[line_start:d].rstrip()
            # a dash opens a quotation at the line start, or after a sentence end when speech
            # (a capitalized word) follows: "…10 proc. - wynika z danych" is no quotation
            nxt = view.token_at(d + 1)
            opening = d == stripped or bool(
                before
                and before[-1] in SENTENCE_END | {":", "”", '"'}
                and verb is None
                and nxt is not None
                and (nxt.text[:1].isupper() or nxt.text in OPENING_QUOTES or before[-1] == ":")
            )
            if verb is not None:
                if open_at is not None:
                    q_start = open_at
                else:
                    if before.endswith(":") or not before:
                        continue
                    q_start = view.sentence_start(d)
                    q_start = max(q_start, line_start)
                s, e = _trim_clause(text, q_start, d)
                if e > s and text[e - 1] in CLOSING_QUOTES and open_at is None:
                    # „Several sentences.” – napisał X: the quotation starts at its opening mark
                    opening_mark = _opening_mark(text, line_start, e - 1)
                    if opening_mark is not None:
                        s = opening_mark
                # "„…” – napisał X": the content without its quotation marks
                if e > s and text[s] in OPENING_QUOTES and text[e - 1] in CLOSING_QUOTES:
                    s, e = s + 1, e - 1
                sent_end = _attribution_end(view, verb)
                att = _subject_after(view, verb.i + 1, sent_end)
                att.cue = verb.text
                if e > s and len(text[s:e].split()) >= 2 and not _inside(quotes, s):
                    quotes.append(Quote(s, e, "direct", att, anchor=verb.idx, strong=True))
                    after_attr = att
                open_at = None
                cursor = sent_end
            elif opening:
                if open_at is not None:
                    # a new dash paragraph inside the line: the previous one had no attribution
                    _close_unattributed(view, quotes, open_at, d, after_attr)
                open_at = d + 1
        if open_at is not None:
            _close_unattributed(view, quotes, open_at, line_start + len(line), after_attr)
    return quotes


def _opening_mark(text: str, line_start: int, close: int) -> int | None:
    """The quotation mark in the same line that opens the one closing at ``close``."""
    closing = text[close]
    openers = {"”": '„“"', '"': '"„', "“": "„", "»": "«", "«": "»"}.get(closing, "")
    i = close - 1
    while i >= line_start:
        if text[i] in openers:
            return i
        i -= 1
    return None


def _close_unattributed(
    view: _DocView, quotes: list[Quote], start: int, end: int, previous: Attribution | None
) -> None:
    """A dash paragraph with no attribution of its own: the speaker comes from the context."""
    text = view.text
    s, e = _trim(text, start, end, " \t\n")
    if e <= s or len(text[s:e].split()) < 3:
        return
    # A colon introduction in the previous sentence ("Powiedział: – …") keeps its cue.
    att = Attribution(zero=True)
    before = text[:start].rstrip(" –—-\t")
    if before.endswith(":"):
        verb = _last_speech_verb(view, len(before) - 1)
        if verb is not None:
            att = _subject_before(view, verb)
    s, e = _trim(text, s, e, " \t\n")
    while e > s and text[e - 1] in ".":
        e -= 1
    quotes.append(Quote(s, e, "direct", att, anchor=s, strong=True))


def _last_speech_verb(view: _DocView, char: int) -> Token | None:
    tok = view.token_before(char + 1)
    if tok is None:
        return None
    sent = view.sent_of[tok.i]
    for t in reversed(list(sent)):
        if t.i <= tok.i and _is_speech_verb(t, view.lex):
            return t
    return None


def _verb_after(view: _DocView, char: int) -> Token | None:
    """The speech verb starting the attribution after a dash ("– mówi", "– czytamy w…")."""
    tok = view.token_at(char)
    if tok is None or "\n" in view.text[char : tok.idx]:
        return None
    if tok.text[:1].isupper():
        return None
    if _is_speech_verb(tok, view.lex):
        return tok
    return None


def _attribution_end(view: _DocView, verb: Token) -> int:
    """End of the attribution clause: its sentence end, or an earlier ". –" reopening a quote."""
    text = view.text
    sent = view.sent_of[verb.i]
    # an abbreviation's period is no sentence end for us ("dominikanin o. James Channan")
    while (
        sent.end < len(view.doc)
        and len(sent) >= 2
        and sent[-1].text == "."
        and any(r.pos == "brev" for r in readings(sent[-2]))
        and "\n" not in sent.text
    ):
        sent = view.sent_of[sent.end]
    end = sent.end_char
    m = re.search(r"[.!?…](?=\s+[–—-]\s)|\n", text[verb.idx : end])
    if m:
        end = verb.idx + m.start() + 1
    return end


def _inside(quotes: list[Quote], char: int) -> bool:
    return any(q.start <= char < q.end for q in quotes)


def _overlaps(quotes: list[Quote], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end for q in quotes)


PULL_QUOTE = re.compile(
    r"(?P<name>(?:[A-ZŁŚŻŹĆŃÓĘĄ][\w'-]+\s+){1,2}[A-ZŁŚŻŹĆŃÓĘĄ][\w'-]+),\s+(?P<desc>[a-ząćęłńóśźż][^.!?\n]{2,80})$"
)


def _pull_quotes(view: _DocView) -> list[Quote]:
    """A line ending "… content Name Surname, description" without a final period (construction 2)."""
    text = view.text
    quotes: list[Quote] = []
    for line_start, line in _lines(text):
        body = line.rstrip()
        if not body or body[-1] in SENTENCE_END | CLOSING_QUOTES:
            continue
        m = PULL_QUOTE.search(body)
        if not m:
            continue
        name_start = line_start + m.start("name")
        # the name must be preceded by content in the same line
        s, e = _trim(text, line_start, name_start)
        s, e = _trim(text, s, e, ' \t\n„”"«»')
        if len(text[s:e].split()) < 4:
            continue
        # the first capitalized word must not be the start of a sentence of content
        first = view.token_at(name_start)
        if first is None or first.is_sent_start:
            continue
        att = Attribution(
            speaker=(name_start, line_start + m.end("name")), description=m.group("desc").strip()
        )
        quotes.append(Quote(s, e, "direct", att, anchor=name_start, strong=True))
    return quotes


def _quotation_marks(view: _DocView) -> list[tuple[int, int]]:
    """(open, close) character positions of balanced quotation marks within a line."""
    text = view.text
    pairs: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            ch = line[i]
            if ch in OPENING_QUOTES:
                closers = QUOTE_PAIRS[ch]
                j = i + 1
                while j < len(line) and line[j] not in closers:
                    j += 1
                if j < len(line):
                    pairs.append((pos + i, pos + j))
                    i = j + 1
                    continue
            i += 1
        pos += len(line) + 1
    return pairs


def _marked_quotes(view: _DocView, taken: list[Quote]) -> list[Quote]:
    """Quotation-marked speech (construction 3); titles and scare quotes are not speech."""
    text = view.text
    quotes: list[Quote] = []
    for o, c in _quotation_marks(view):
        s, e = o + 1, c
        content = text[s:e]
        if _overlaps(taken, s, e) or len(content.split()) < 3:
            continue
        after = text[c + 1 : c + 40]
        before = text[max(0, o - 40) : o]
        att: Attribution | None = None
        anchor = s
        # „…” – napisał X / „…”, powiedział X
        m = re.match(r"\s*[,.]?\s*[–—-]?\s*", after)
        verb = _verb_after(view, c + 1 + (m.end() if m else 0))
        if verb is not None:
            att = _subject_after(view, verb.i + 1, _attribution_end(view, verb))
            att.cue = verb.text
            anchor = verb.idx
        elif before.rstrip().endswith(":"):
            intro = _last_speech_verb(view, o - 1 - (len(before) - len(before.rstrip())))
            if intro is not None:
                att = _subject_before(view, intro)
                anchor = intro.idx
            elif re.search(r"(słowa|stwierdzenie|hasło|słowo|wpis|okrzyk)\w*\s*:\s*$", before):
                att = Attribution(zero=True)
        elif re.search(r"(?:,\s*|\s)(że|iż)\s*$", before) and re.match(
            r"\s*[.!?]?\s*(\n|$)", text[c + 1 : c + 4] + "\n"
        ):
            # a whole "że" clause in quotation marks is a direct quote
            comp = view.token_before(o)
            intro = _last_speech_verb(view, comp.idx - 1) if comp is not None else None
            if intro is not None:
                att = _subject_before(view, intro)
                anchor = intro.idx
        elif _standalone(view, o, c) and len(content.split()) >= 6:
            att = Attribution(zero=True)
        if att is None:
            continue
        quotes.append(Quote(s, e, "direct", att, anchor=anchor))
    return quotes


def _colon_quotes(view: _DocView, taken: list[Quote]) -> list[Quote]:
    """ "X powiedziała: Jezus umarł…" — speech after a colon with no quotation mark or dash
    (scraping often drops the opening mark and leaves the closing one)."""
    text, lex = view.text, view.lex
    quotes: list[Quote] = []
    for verb in view.doc:
        if not _is_speech_verb(verb, lex) or _inside(taken, verb.idx):
            continue
        sent = view.sent_of[verb.i]
        colon = next(
            (t for t in view.doc[verb.i + 1 : min(verb.i + 7, sent.end + 1)] if t.text == ":"), None
        )
        if colon is None or any(
            t.text.lower() in lex.complementizers or t.text == "."
            for t in view.doc[verb.i + 1 : colon.i]
        ):
            continue
        first = view.token_at(colon.idx + 1)
        if first is None or "\n" in text[colon.idx : first.idx] or not first.text[:1].isupper():
            continue
        start = first.idx
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        # an orphan closing mark ends it; otherwise the sentence does
        end = None
        depth = 0
        for i in range(start, line_end):
            if text[i] in "„«":
                depth += 1
            elif text[i] in "”»":
                if depth == 0:
                    end = i
                    break
                depth -= 1
        if end is None:
            end = view.sent_of[first.i].end_char
        s, e = _trim_clause(text, start, end)
        if len(text[s:e].split()) < 3 or _overlaps(taken, s, e):
            continue
        att = _subject_before(view, verb, taken)
        quotes.append(Quote(s, e, "direct", att, anchor=verb.idx))
    return quotes


def _standalone(view: _DocView, o: int, c: int) -> bool:
    """A quotation that is a whole sentence or paragraph by itself."""
    text = view.text
    before = text[:o].rstrip(" \t")
    after = text[c + 1 :].lstrip(" \t")
    starts = not before or before[-1] in SENTENCE_END | {"\n"}
    ends = (
        not after
        or after[0] in "\n"
        or (after[0] in SENTENCE_END and (len(after) == 1 or after[1] in " \n"))
    )
    return starts and ends


def _indirect_quotes(view: _DocView, taken: list[Quote]) -> list[Quote]:
    """Reported speech (construction 4)."""
    doc, lex = view.doc, view.lex
    quotes: list[Quote] = []
    for sent in doc.sents:
        toks = list(sent)
        for k, t in enumerate(toks):
            low = t.text.lower()
            if _inside(taken, t.idx):
                continue
            found: Quote | None = None
            if _is_speech_verb(t, lex):
                found = _verb_clause(view, toks, k)
            elif low in lex.according_to or (
                low in {"zdaniem"} or (low in {"opinii", "ocenie"} and _after_w(toks, k, lex))
            ):
                found = _opinion_clause(view, toks, k)
            if found is None:
                continue
            if (
                found.end - found.start < 8
                or _overlaps(taken, found.start, found.end)
                and not _nested_ok(taken, found)
            ):
                continue
            if _overlaps(quotes, found.start, found.end):
                continue
            quotes.append(found)
    return quotes


def _nested_ok(taken: list[Quote], q: Quote) -> bool:
    """An indirect clause may contain weak (quotation-marked) fragments: they are dropped later."""
    return all(not t.strong for t in taken if t.start < q.end and q.start < t.end)


def _sentence_clause_end(view: _DocView, toks: list[Token], start: int) -> int:
    """End of a reported clause: the sentence end, before a dash that opens a direct quote."""
    text = view.text
    end = toks[-1].idx + len(toks[-1].text)
    m = re.search(r"\s[–—-]\s+(?=[a-ząćęłńóśźż]+\b)", text[start:end])
    if m:
        verb = view.token_at(start + m.end())
        if verb is not None and _is_speech_verb(verb, view.lex):
            end = start + m.start()
    return end


def _verb_clause(view: _DocView, toks: list[Token], k: int) -> Quote | None:
    lex, text = view.lex, view.text
    verb = toks[k]
    # "X powiedział (w rozmowie z Y), że …": the complementizer within a few tokens
    for j in range(k + 1, min(k + 12, len(toks))):
        w = toks[j]
        low = w.text.lower()
        if low in lex.complementizers or (
            low in lex.purpose_complementizers and _lemmas(verb) & lex.directive_verbs
        ):
            if toks[j - 1].text not in {",", *CLOSING_QUOTES} and j > k + 3:
                # far from the verb "że" needs its comma ("mówił że" is a common slip)
                return None
            if any(_is_verbish(toks[x]) for x in range(k + 1, j)):
                return None
            s = w.idx + len(w.text)
            e = _sentence_clause_end(view, toks, s)
            s, e = _trim_clause(text, s, e)
            if e <= s:
                return None
            kind = "indirect"
            # a clause entirely in quotation marks is direct
            if (
                text[s] in OPENING_QUOTES
                and text[e - 1] in CLOSING_QUOTES
                and not any(ch in CLOSING_QUOTES for ch in text[s + 1 : e - 1])
            ):
                s, e, kind = s + 1, e - 1, "direct"
            if k > 0 and toks[k - 1].text.lower() == "jak":
                att = _subject_after(view, verb.i + 1, toks[j - 1].idx)
                att.cue = verb.text
            else:
                att = _subject_before(view, verb, view.taken)
            if att.survey:
                return None
            if _is_impersonal(verb):
                att = Attribution(cue=verb.text, zero=True)
            return Quote(s, e, kind, att, anchor=verb.idx)
        if w.text in {".", "!", "?", ":", ";"} or w.text in DASHES:
            break
    # "Jak podkreślił X, …"
    if k > 0 and toks[k - 1].text.lower() == "jak":
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if (
            nxt is not None
            and nxt.text[:1].islower()
            and nxt.text.lower() not in lex.skip_words
            and not _lemmas(nxt) & lex.description_nouns
            and not _is_preposition(nxt)
        ):
            # "Jak przyznała organizacja akcji jest wyzwaniem": no subject, the clause follows
            s, e = _trim_clause(text, nxt.idx, _sentence_clause_end(view, toks, nxt.idx))
            att = Attribution(cue=f"{toks[k - 1].text} {verb.text}", zero=True)
            return Quote(s, e, "indirect", att, anchor=verb.idx) if e > s else None
        named = [
            m
            for m in view.mentions_in(verb.idx, toks[-1].idx)
            if m.label_.startswith("persName") and m.start <= verb.i + 6
        ]
        if named and named[0].end < toks[-1].i and view.doc[named[0].end].text not in {",", "."}:
            # "Jak informował wojewoda Artur Chojecki przed końcem roku szczepienia były …"
            after = view.doc[named[0].end]
            att = _subject_after(view, verb.i + 1, after.idx)
            att.cue = f"{toks[k - 1].text} {verb.text}"
            s, e = _trim_clause(text, after.idx, _sentence_clause_end(view, toks, after.idx))
            return Quote(s, e, "indirect", att, anchor=verb.idx) if e > s else None
        for j in range(k + 1, min(k + 14, len(toks))):
            if _is_verbish(toks[j]):
                # "Jak przyznała, organizacja … jest wyzwaniem" without the comma: zero subject
                s, e = _trim_clause(
                    text, toks[k + 1].idx, _sentence_clause_end(view, toks, toks[k + 1].idx)
                )
                att = Attribution(cue=f"{toks[k - 1].text} {verb.text}", zero=True)
                return Quote(s, e, "indirect", att, anchor=verb.idx) if e > s else None
            if toks[j].text == ",":
                att = _subject_after(view, verb.i + 1, toks[j].idx)
                att.cue = f"{toks[k - 1].text} {verb.text}"
                if _is_impersonal(verb):
                    att.zero = True
                s = toks[j].idx + 1
                e = _sentence_clause_end(view, toks, s)
                s, e = _trim_clause(text, s, e)
                return Quote(s, e, "indirect", att, anchor=verb.idx) if e > s else None
            if toks[j].text in {".", "!", "?", ":", ";"}:
                break
        return None
    # "…, stwierdził X." — a comma attribution after the clause
    if k >= 5 and toks[k - 1].text == "," and not _is_impersonal(verb) and verb.text[:1].islower():
        tail = toks[k + 1 :]
        if any(
            t.text.lower() in lex.complementizers | lex.purpose_complementizers | {":"}
            for t in tail
        ):
            return None
        if any(_is_verbish(t) for t in tail):
            return None
        if not any(_has_verb_reading(x) for x in toks[: k - 1]):
            # "Radykalny duchowny X, wezwał …": the comma only closes the subject
            return None
        s = toks[0].idx
        e = toks[k - 1].idx
        # only the clause before the comma: from the sentence start or an opening dash
        s, e = _trim_clause(text, s, e)
        if e - s < 15 or any(
            x.text.lower() in {"który", "która", "które", "którzy", "że"} for x in toks[k - 3 : k]
        ):
            return None
        att = _subject_after(view, verb.i + 1, toks[-1].idx + len(toks[-1].text))
        att.cue = verb.text
        kind = "indirect"
        if text[s] in OPENING_QUOTES and text[e - 1] in CLOSING_QUOTES:
            s, e, kind = s + 1, e - 1, "direct"
        return Quote(s, e, kind, att, anchor=verb.idx)
    return None


def _is_verbish(token: Token) -> bool:
    """A finite verb form (a second clause between the cue and the complementizer)."""
    first = readings(token)[0] if readings(token) else None
    return bool(
        first
        and first.pos in {"fin", "praet"}
        and all(r.pos in {"fin", "praet", "imps"} for r in readings(token))
    )


def _has_verb_reading(token: Token) -> bool:
    return any(r.pos in {"fin", "praet", "bedzie", "imps", "pred"} for r in readings(token))


def _is_impersonal(verb: Token) -> bool:
    return any(r.pos == "imps" for r in readings(verb))


def _after_w(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """ "w opinii", "w ocenie" or "w jej/jego/ich ocenie"."""
    if k > 0 and toks[k - 1].text.lower() in {"w", "we"}:
        return True
    return (
        k > 1
        and toks[k - 1].text.lower() in lex.pronouns
        and toks[k - 2].text.lower() in {"w", "we"}
    )


def _opinion_clause(view: _DocView, toks: list[Token], k: int) -> Quote | None:
    """ "Zdaniem X, …", "Jego zdaniem …", "Według X …", "W opinii X …"."""
    lex, text = view.lex, view.text
    word = toks[k]
    low = word.text.lower()
    att = Attribution(cue=word.text)
    j = k + 1
    if low in {"opinii", "ocenie"} and toks[k - 1].text.lower() in lex.pronouns:
        # "W jej ocenie …": the pronoun's referent is the previous speaker
        att.cue = f"{toks[k - 2].text} {toks[k - 1].text} {word.text}"
        att.zero = True
        clause_from = j
    elif (
        low == "zdaniem"
        and k > 0
        and toks[k - 1].text.lower() in lex.pronouns | {"moim", "naszym", "twoim"}
    ):
        att.cue = f"{toks[k - 1].text} {word.text}"
        att.zero = toks[k - 1].text.lower() in lex.pronouns
        if not att.zero:
            return None
        clause_from = j
    else:
        if low in {"opinii", "ocenie"}:
            att.cue = f"{toks[k - 1].text} {word.text}"
        if low in lex.according_to and j < len(toks) and _lemmas(toks[j]) & lex.according_excluded:
            return None
        if low in lex.according_to and j < len(toks) and _lemmas(toks[j]) & lex.according_nouns:
            att.cue = f"{word.text} {toks[j].text}"
            j += 1
        # the source: up to a comma, else a genitive phrase or a quoted/capitalized name
        comma = next((x for x in range(j, min(j + 10, len(toks))) if toks[x].text == ","), None)
        if comma is not None and not any(_is_verbish(toks[x]) for x in range(j, comma)):
            src_end = comma
            clause_from = comma + 1
        else:
            x = j
            while (
                x < len(toks)
                and (
                    toks[x].text in OPENING_QUOTES | CLOSING_QUOTES
                    or (x == j and (_has_case(toks[x], "gen") or _capitalized(toks[x])))
                    or (
                        x > j
                        and (
                            _capitalized(toks[x])
                            or (_has_case(toks[x], "gen") and not _has_case(toks[x], "nom"))
                        )
                    )
                )
                and x < j + 6
            ):
                x += 1
            src_end = x
            clause_from = x
        if src_end <= j:
            return None
        src_s = toks[j].idx
        src_e = toks[src_end - 1].idx + len(toks[src_end - 1].text)
        if any(_lemmas(t) & lex.according_excluded for t in toks[j:src_end]):
            return None
        # "według rosyjskiej agencji TASS": the adjective from a country name is not the source
        ments = [m for m in view.mentions_in(src_s, src_e) if not m._.derived]
        if ments and ments[0].start_char > src_s and ments[0].label_.startswith(PLACE_LABELS):
            # "według kancelarii prezydenta RP": the place only says whose office speaks
            ments = []
        if ments:
            att.speaker = (ments[0].start_char, ments[0].end_char)
        else:
            s, e = _trim(text, src_s, src_e, ' ,\t\n„”"«»')
            att.speaker = (s, e)
        if toks[j].text.lower() in lex.pronouns:
            att.zero, att.speaker = True, None
    if clause_from >= len(toks):
        return None
    s = toks[clause_from].idx
    e = _sentence_clause_end(view, toks, s)
    # a clause before "zdaniem X" ("…, zdaniem X.") is not handled: the source then ends the sentence
    s, e = _trim_clause(text, s, e)
    if e - s < 8:
        return None
    return Quote(s, e, "indirect", att, anchor=word.idx)


#: NKJP labels of places: inside a source phrase after a common noun they are its dependents.
PLACE_LABELS = ("placeName", "geogName")


# --- assembly ---------------------------------------------------------------------------------


def find_quotes(doc: Doc) -> list[dict]:
    """Contract items: {"start","end","text","kind": "direct"|"indirect","speaker_text": str|None,
    "speaker_start", "speaker_end" (char offsets of the speaker's name or description; for a zero
    subject the one of the previous attribution), "cue", "speaker_description", "addressee_text"}.
    """
    view = _DocView(doc)
    strong = _dash_quotes(view)
    strong += [q for q in _pull_quotes(view) if not _overlaps(strong, q.start, q.end)]
    marked = _marked_quotes(view, strong)
    marked += _colon_quotes(view, strong + marked)
    view.taken = strong + marked
    indirect = _indirect_quotes(view, strong + marked)
    # a quoted fragment inside a reported clause belongs to that clause (one record per act)
    marked = [q for q in marked if not any(i.start <= q.start and q.end <= i.end for i in indirect)]
    indirect = [i for i in indirect if not any(m.start <= i.anchor < m.end for m in marked)]
    quotes = sorted(strong + marked + indirect, key=lambda q: (q.anchor, q.start))
    text = view.text
    result: list[dict] = []
    last: tuple[int, int] | None = None
    previous_end = 0
    for q in quotes:
        att = q.attribution
        speaker = att.speaker
        if speaker is None and att.zero:
            # a person named between the previous quotation and this one ("Głos zabrał też X.
            # – … – ocenił") is nearer than the previous speaker
            introduced = _introduced_person(view, previous_end, min(q.start, q.anchor), quotes)
            speaker = introduced or last
        if speaker is not None:
            last = speaker
        previous_end = max(previous_end, q.end, q.anchor)
        result.append(
            {
                "start": q.start,
                "end": q.end,
                "text": text[q.start : q.end],
                "kind": q.kind,
                "speaker_text": text[speaker[0] : speaker[1]] if speaker else None,
                "speaker_start": speaker[0] if speaker else None,
                "speaker_end": speaker[1] if speaker else None,
                "cue": att.cue,
                "speaker_description": att.description,
                "addressee_text": att.addressee,
            }
        )
    result.sort(key=lambda r: (r["start"], r["end"]))
    return result


def _introduced_person(
    view: _DocView, start: int, end: int, quotes: list[Quote]
) -> tuple[int, int] | None:
    """The last person mention in ``[start, end)`` outside every quotation."""
    found = None
    for m in view.mentions_in(start, end):
        if not (m._.entity_type == "person" or m.label_.startswith("persName")):
            continue
        if any(q.start <= m.start_char < q.end for q in quotes) or not _maybe_nominative(m[-1]):
            continue
        found = (m.start_char, m.end_char)
    described = _introduced_description(view, start, end, quotes)
    if described is None or found is None:
        return described or found
    same_sentence = view.sentence_start(described[0] + 1) == view.sentence_start(found[0] + 1)
    # the sentence's subject beats a name later in it ("… prostowała wypowiedzi Łukaszenki")
    return described if same_sentence or described[0] > found[1] else found


def _introduced_description(
    view: _DocView, start: int, end: int, quotes: list[Quote]
) -> tuple[int, int] | None:
    """A sentence in ``[start, end)`` opening with a described person ("Najważniejsza
    kandydatka opozycji, …, prostowała te słowa."): that description introduces the speaker."""
    text = view.text
    found = None
    for sent in view.doc.sents:
        if not start <= sent.start_char < end or _inside(quotes, sent.start_char):
            continue
        k = sent.start
        while (
            k < sent.end - 1
            and view.doc[k].text[:1].isalpha()
            and not _lemmas(view.doc[k]) & view.lex.description_nouns
            and any(r.pos in {"adj", "pact", "ppas"} for r in readings(view.doc[k]))
        ):
            k += 1
        head = view.doc[k]
        if not (_lemmas(head) & view.lex.description_nouns and _maybe_nominative(head)):
            continue
        stop = next(
            (t.idx for t in view.doc[k + 1 : sent.end] if t.is_punct or _has_verb_reading(t)),
            sent.end_char,
        )
        s, e = _trim(text, sent.start_char, stop)
        if e > s:
            found = (s, e)
    return found


def _strip_marks(text: str) -> str:
    return text.strip(' ,„”"«»“')
