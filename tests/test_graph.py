"""The graph in time: what holds at a date, with every source kept, and events merged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import kronika
from kronika.model import Analysis, Entity, Event, Mention, Relation, Span
from kronika.store import Store, open_store
from kronika.store.graph import Assertion, at_or_before, relations_at

ENTITIES = {
    "by": Entity("e-by", "Białoruś", "country", "Q184"),
    "am": Entity("e-am", "Armenia", "country", "Q399"),
    "ru": Entity("e-ru", "Rosja", "country", "Q159"),
    "wnp": Entity("e-wnp", "Wspólnota Niepodległych Państw", "organization", "Q7779", ("WNP",)),
    "nato": Entity("e-nato", "NATO", "organization", "Q7184"),
    "minsk": Entity("e-minsk", "Mińsk", "place"),
}


def _document(ident: str, date: str, text: str, keys: list[str], **found: object) -> Analysis:
    mentions = []
    for key in keys:
        entity = ENTITIES[key]
        start = text.find(entity.name.split()[0][:5])
        assert start >= 0, (entity.name, text)
        word = text[start:].split()[0].strip(".,")
        label = "placeName_country" if entity.type == "country" else "orgName"
        mentions.append(
            Mention(
                start, start + len(word), word, entity.name, entity.type, label, entity=entity.id
            )
        )
    return Analysis(
        id=ident,
        source=f"{ident}.txt",
        date=date,
        date_source="marker",
        text=text,
        sentences=(Span(0, len(text)),),
        entities=tuple(ENTITIES[key] for key in keys),
        mentions=tuple(sorted(mentions, key=lambda m: m.start)),
        sentence_lemmas=(text,),
        **found,  # type: ignore[arg-type]
    )


def _member(subject: str, obj: str, text: str, status: str = "current", time: str | None = None):
    return Relation(
        ENTITIES[subject].id, "member_of", ENTITIES[obj].id, 0, len(text), status=status, time=time
    )


@pytest.fixture()
def store(any_database: str) -> Iterator[Store]:
    """The documents below in a database of each backend."""
    one = "Białoruś, Rosja i Armenia należą do Wspólnoty Niepodległych Państw."
    two = "W listopadzie 2021 roku zawieszono współpracę Białorusi z NATO."
    three = "Białoruś od lat współpracuje z NATO w ramach programów partnerskich."
    four = "Armenia zawiesiła swój udział we Wspólnocie Niepodległych Państw."
    summit = "W czwartek w Mińsku przywódcy państw Wspólnoty Niepodległych Państw spotkali się."
    documents = [
        _document(
            "0000000000000001",
            "2021-10-05",
            one,
            ["by", "ru", "am", "wnp"],
            relations=tuple(_member(k, "wnp", one) for k in ("by", "ru", "am")),
        ),
        _document(
            "0000000000000002",
            "2021-12-01",
            two,
            ["by", "nato"],
            relations=(
                Relation(
                    "e-by", "partner_of", "e-nato", 0, len(two), status="suspended", time="2021-11"
                ),
            ),
        ),
        _document(
            "0000000000000003",
            "2019-05",
            three,
            ["by", "nato"],
            relations=(Relation("e-by", "partner_of", "e-nato", 0, len(three)),),
        ),
        _document(
            "0000000000000004",
            "2023-03-02",
            four,
            ["am", "wnp"],
            relations=(_member("am", "wnp", four, status="suspended"),),
        ),
    ]
    for ident, date in (("0000000000000005", "2021-10-14"), ("0000000000000006", "2021-10-15")):
        event = Event(
            "ev-1",
            "summit",
            0,
            len(summit),
            "spotkali się",
            summit.index("spotkali"),
            summit.index("spotkali") + 12,
            time="2021-10-14",
            place="e-minsk",
            participants=("e-wnp",),
        )
        documents.append(_document(ident, date, summit, ["minsk", "wnp"], events=(event,)))
    db = open_store(any_database)
    db.add(documents)
    yield db
    db.close()


def test_members_as_of_a_date(store: Store) -> None:
    names = lambda answers: sorted(a.subject_name for a in answers)  # noqa: E731
    assert names(kronika.members(store, "WNP", as_of="2021-10")) == ["Armenia", "Białoruś", "Rosja"]
    # before anything was reported nothing is known; after Armenia's suspension it is left out
    assert kronika.members(store, "WNP", as_of="2020") == []
    assert names(kronika.members(store, "WNP", as_of="2023-06")) == ["Białoruś", "Rosja"]
    evidence = kronika.members(store, "Wspólnoty Niepodległych Państw", as_of="2021-10")[
        0
    ].evidence[0]
    assert evidence.sentence.startswith("Białoruś, Rosja i Armenia") and evidence.doc_date


def test_relations_show_the_state_then_and_every_source(store: Store) -> None:
    [before] = kronika.relations(store, "Białorusi", predicate="partner_of", as_of="2020-01")
    assert before.state == "holds" and len(before.evidence) == 1
    [after] = kronika.relations(store, "Białoruś", predicate="partner_of", as_of="2022-01")
    assert (after.state, after.status, after.object_name) == ("suspended", "suspended", "NATO")
    assert [e.status for e in after.evidence] == ["current", "suspended"]
    assert after.since == "2019-05"


def test_disagreeing_sources_of_one_date_are_shown_as_disputed() -> None:
    def said(status: str, doc: str) -> Assertion:
        return Assertion(
            "a", "member_of", "b", None, status, "2022-01", doc, doc, "2022-01", 0, 1, "", False
        )

    [answer] = relations_at([said("current", "x"), said("suspended", "y")], {})
    assert answer.disputed and len(answer.evidence) == 2


def test_dates_compare_at_their_precision() -> None:
    assert at_or_before("2021", "2021-10") and at_or_before("2021-10-31", "2021-10")
    assert not at_or_before("2021-11", "2021-10-15")


def test_events_are_merged_across_documents(store: Store) -> None:
    [summit] = kronika.events(store, entity="Mińsk")
    assert (summit.type, summit.time, summit.place_name) == ("summit", "2021-10-14", "Mińsk")
    assert len(summit.reports) == 2
    assert kronika.events(store, event_type="summit", since="2021-11") == []
    assert len(kronika.events(store, until="2021-10")) == 1
