"""Every export read back by the tool it is for: rdflib, networkx, pyarrow, csv, brat offsets,
the NKJP IOB decoder, spaCy, and kronika itself (a jsonl export rebuilt into a new database)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kronika
from kronika.api import poleval_line
from kronika.cli import main
from kronika.export import FORMATS, analyses_of, export, read_jsonl_export
from kronika.export.tables import EntityTable, document_rows, read_csv
from kronika.model import (
    Analysis,
    Entity,
    Event,
    Fact,
    Mention,
    Quote,
    Relation,
    Span,
    Statement,
    Timex,
)
from kronika.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

ASTANA = (
    "Armenia i Białoruś należą do Euroazjatyckiej Unii Gospodarczej. "
    "Kasym-Żomart Tokajew powiedział w Astanie, że Kirgistan pozostanie w Unii.\n"
    "Obrady w Astanie potrwają do piątku."
)
POLL = (
    "Według sondażu CBOS 47 proc. Polaków popiera członkostwo Ukrainy w Unii Europejskiej.\n"
    "Ukraina złożyła wniosek o członkostwo w 2022 r. Białoruś nie ubiega się o nie."
)
ENTITIES = {
    "armenia": Entity("armenia", "Armenia", "country", "Q399"),
    "bialorus": Entity("bialorus", "Białoruś", "country", "Q184"),
    "eaeu": Entity("eaeu", "Euroazjatycka Unia Gospodarcza", "organization", "Q4173083"),
    "tokajew": Entity("tokajew", "Kasym-Żomart Tokajew", "person", "Q200881"),
    "astana": Entity("astana", "Astana", "place", "Q1520"),
    "kirgistan": Entity("kirgistan", "Kirgistan", "country", "Q813"),
    "cbos": Entity("cbos", "CBOS", "organization"),
    "ukraina": Entity("ukraina", "Ukraina", "country", "Q212"),
    "ue": Entity("ue", "Unia Europejska", "organization", "Q458"),
}


def at(text: str, form: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(form, start + 1)
    return start, start + len(form)


def mention(text: str, form: str, lemma: str, label: str, entity: str, nth: int = 0) -> Mention:
    start, end = at(text, form, nth)
    kind = ENTITIES[entity].type
    return Mention(start, end, form, lemma, kind, label, entity=entity)


def sentences(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    # a full stop before a capital letter ends a sentence, but not after "proc."
    for match in re.finditer(r"(?<!proc)[.!?](?=\s+[A-ZŁŚŻ]|$)", text):
        spans.append(Span(start, match.end()))
        start = match.end() + 1
    return tuple(spans)


def analysis(doc_id: str, text: str, date: str, **parts: object) -> Analysis:
    found = sentences(text)
    used = {m.entity for m in parts.get("mentions", ())}  # type: ignore[attr-defined]
    return Analysis(
        id=doc_id,
        source=f"{doc_id}.txt",
        date=date,
        date_source="marker",
        text=text,
        sentences=found,
        entities=tuple(e for key, e in ENTITIES.items() if key in used),
        sentence_lemmas=tuple(text[s.start : s.end] for s in found),
        **parts,  # type: ignore[arg-type]
    )


def astana_relations(first: tuple[int, int], said: tuple[int, int]) -> tuple[Relation, ...]:
    """Two memberships the article states, and one Tokajew claims."""
    return (
        Relation(
            "armenia",
            "member_of",
            "eaeu",
            *first,
            subject_text="Armenia",
            time="2023-11-20",
            evidence="phrase",
        ),
        Relation(
            "bialorus",
            "member_of",
            "eaeu",
            *first,
            subject_text="Białoruś",
            time="2023-11-20",
            evidence="phrase",
        ),
        Relation(
            "kirgistan",
            "member_of",
            "eaeu",
            *said,
            subject_text="Kirgistan",
            evidence="phrase",
            claim=True,
            quote_index=0,
        ),
    )


def astana() -> Analysis:
    t = ASTANA
    first = at(t, "Armenia i Białoruś należą do Euroazjatyckiej Unii Gospodarczej.")
    said = at(t, "Kirgistan pozostanie w Unii")
    speaker = at(t, "Kasym-Żomart Tokajew")
    return analysis(
        "astana2023",
        t,
        "2023-11-20",
        mentions=(
            mention(t, "Armenia", "Armenia", "placeName_country", "armenia"),
            mention(t, "Białoruś", "Białoruś", "placeName_country", "bialorus"),
            mention(
                t,
                "Euroazjatyckiej Unii Gospodarczej",
                "Euroazjatycka Unia Gospodarcza",
                "orgName",
                "eaeu",
            ),
            mention(t, "Kasym-Żomart Tokajew", "Kasym-Żomart Tokajew", "persName", "tokajew"),
            mention(t, "Kasym-Żomart", "Kasym-Żomart", "persName_forename", "tokajew"),
            mention(t, "Tokajew", "Tokajew", "persName_surname", "tokajew"),
            mention(t, "Astanie", "Astana", "placeName_settlement", "astana"),
            mention(t, "Kirgistan", "Kirgistan", "placeName_country", "kirgistan"),
            mention(t, "Unii", "Unia", "orgName", "eaeu", nth=1),
            mention(t, "Astanie", "Astana", "placeName_settlement", "astana", nth=1),
        ),
        timexes=(Timex(*at(t, "do piątku"), "do piątku", "DATE", "2023-11-24", mod="BEFORE"),),
        quotes=(
            Quote(
                *said,
                t[said[0] : said[1]],
                "indirect",
                "Kasym-Żomart Tokajew",
                *speaker,
                cue="powiedział",
                speaker="tokajew",
                time="2023-11-20",
                time_source="document",
            ),
        ),
        relations=astana_relations(first, said),
        events=(
            Event(
                "ev-astana-2023",
                "meeting",
                *at(t, "Obrady w Astanie potrwają do piątku"),
                trigger="Obrady",
                trigger_start=at(t, "Obrady")[0],
                trigger_end=at(t, "Obrady")[1],
                status="ongoing",
                time="2023-11-24",
                place="astana",
            ),
        ),
    )


def poll() -> Analysis:
    t = POLL
    return analysis(
        "sondaz2024",
        t,
        "2024-02",
        mentions=(
            mention(t, "CBOS", "CBOS", "orgName", "cbos"),
            mention(t, "Ukrainy", "Ukraina", "placeName_country", "ukraina"),
            mention(t, "Unii Europejskiej", "Unia Europejska", "orgName", "ue"),
            mention(t, "Ukraina", "Ukraina", "placeName_country", "ukraina"),
            mention(t, "Białoruś", "Białoruś", "placeName_country", "bialorus"),
        ),
        timexes=(Timex(*at(t, "w 2022 r."), "w 2022 r.", "DATE", "2022"),),
        relations=(
            Relation(
                "ukraina",
                "member_of",
                "ue",
                *at(t, "Ukraina złożyła wniosek o członkostwo"),
                status="candidate",
                time="2022",
                evidence="phrase",
            ),
        ),
        facts=(
            Fact(
                "poll",
                *at(
                    t,
                    "Według sondażu CBOS 47 proc. Polaków popiera członkostwo Ukrainy"
                    " w Unii Europejskiej",
                ),
                source="cbos",
                source_text="CBOS",
                time="2024-02",
                statements=(
                    Statement(
                        47, "proc.", "członkostwo Ukrainy w Unii Europejskiej", population="Polaków"
                    ),
                ),
            ),
        ),
    )


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add([astana(), poll()])  # type: ignore[list-item]
    return path


def export_to(db: Path, name: str, out: Path) -> Path:
    with Store(db) as store:
        export(store, name, out)
    return out


def test_every_format_is_registered() -> None:
    assert set(FORMATS) == {
        "jsonl",
        "turtle",
        "nquads",
        "jsonld",
        "graphml",
        "gexf",
        "csv",
        "parquet",
        "brat",
        "conll",
        "spacy",
        "bsnlp",
    }


MEMBERS = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kronika: <https://w3id.org/kronika/ns#>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?member ?wikidata ?bloc ?status ?sentence ?start ?end WHERE {
  ?r rdf:predicate kronika:member_of ; rdf:subject ?s ; rdf:object ?o ; kronika:status ?status ;
     kronika:assertedBy ?doc ; prov:wasDerivedFrom ?doc ; kronika:evidence ?span .
  ?span oa:hasSelector [ oa:start ?start ; oa:end ?end ] ;
        kronika:sentence [ rdf:value ?sentence ] .
  ?s schema:name ?member ; owl:sameAs ?wikidata .
  ?o schema:name ?bloc .
} ORDER BY ?member
"""


@pytest.mark.parametrize(("name", "parser"), [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_rdf_lists_members_with_their_evidence_sentences(
    db: Path, tmp_path: Path, name: str, parser: str
) -> None:
    from rdflib import Dataset, Literal

    out = export_to(db, name, tmp_path / f"graph.{name}")
    graph = Dataset(default_union=True)
    graph.parse(out, format=parser)
    rows = [tuple(map(str, row)) for row in graph.query(MEMBERS)]  # type: ignore[union-attr]
    sentence = "Armenia i Białoruś należą do Euroazjatyckiej Unii Gospodarczej."
    span = (str(ASTANA.index(sentence)), str(ASTANA.index(sentence) + len(sentence)))
    assert rows == [
        (
            "Armenia",
            "http://www.wikidata.org/entity/Q399",
            "Euroazjatycka Unia Gospodarcza",
            "current",
            sentence,
            *span,
        ),
        (
            "Białoruś",
            "http://www.wikidata.org/entity/Q184",
            "Euroazjatycka Unia Gospodarcza",
            "current",
            sentence,
            *span,
        ),
        (
            "Ukraina",
            "http://www.wikidata.org/entity/Q212",
            "Unia Europejska",
            "candidate",
            "Ukraina złożyła wniosek o członkostwo w 2022 r.",
            *map(str, at(POLL, "Ukraina złożyła wniosek o członkostwo")),
        ),
    ]
    # the claim inside Tokajew's words is his, reported by the article, never asserted by it
    claims = list(
        graph.query(  # type: ignore[union-attr]
            MEMBERS.split("SELECT")[0]
            + "SELECT ?who ?doc WHERE { ?r rdf:subject ?s ; kronika:claimedBy ?who ; "
            "kronika:reportedBy ?doc . FILTER NOT EXISTS { ?r kronika:assertedBy ?any } }"
        )
    )
    assert [str(who).rsplit("/", 1)[1] for who, _doc in claims] == ["tokajew"]
    names = set(graph.objects(predicate=__import__("rdflib").URIRef("https://schema.org/name")))
    assert Literal("Białoruś", lang="pl") in names


def test_nquads_names_a_graph_per_document(db: Path, tmp_path: Path) -> None:
    from rdflib import Dataset

    out = export_to(db, "nquads", tmp_path / "graph.nq")
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    turtle = Dataset(default_union=True)
    turtle.parse(export_to(db, "turtle", tmp_path / "graph.ttl"), format="turtle")
    assert {(s, p, o) for s, p, o, _g in dataset.quads()} == set(turtle.triples((None, None, None)))
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {
        "https://w3id.org/kronika/id/document/astana2023",
        "https://w3id.org/kronika/id/document/sondaz2024",
    }


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_network_opens_in_networkx(db: Path, tmp_path: Path, name: str) -> None:
    import networkx as nx

    out = export_to(db, name, tmp_path / f"net.{name}")
    graph = nx.read_graphml(out) if name == "graphml" else nx.read_gexf(out, version="1.3")
    assert graph.nodes["bialorus"]["wikidata"] == "Q184"
    assert graph.nodes["bialorus"]["mentions"] == 2
    assert graph.nodes["tokajew"]["type"] == "person"
    edges = {(u, v, d["kind"], d.get("predicate")): d for u, v, d in graph.edges(data=True)}
    assert edges[("ukraina", "ue", "relation", "member_of")]["status"] == "candidate"
    assert "first_time" not in edges[("kirgistan", "eaeu", "relation", "member_of")]
    # Armenia and Białoruś share one sentence; Astana is named twice, in two sentences
    assert edges[("armenia", "bialorus", "cooccurrence", None)]["weight"] == 1
    assert ("astana", "tokajew", "cooccurrence", None) in edges


def test_gexf_declares_version_1_3(db: Path, tmp_path: Path) -> None:
    head = export_to(db, "gexf", tmp_path / "net.gexf").read_text(encoding="utf-8")[:400]
    assert 'xmlns="http://gexf.net/1.3"' in head and 'version="1.3"' in head
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in head


def test_parquet_tables_join_mentions_to_entities(db: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = export_to(db, "parquet", tmp_path / "tables")
    mentions = pq.read_table(out / "mentions.parquet")
    entities = pq.read_table(out / "entities.parquet")
    assert mentions.schema.field("start").type == pa.int64()
    assert mentions.schema.field("derived").type == pa.bool_()
    assert entities.column("entity_id").to_pylist().count("bialorus") == 1
    joined = mentions.join(entities, keys="entity_id", right_suffix="_entity").to_pylist()
    assert len(joined) == 15
    belarus = [row for row in joined if row["text"] == "Białoruś"]
    assert {(row["name"], row["kb"], row["documents"]) for row in belarus} == {
        ("Białoruś", "Q184", 2)
    }
    shares = pq.read_table(out / "statements.parquet").column("share").to_pylist()
    assert shares == [47.0]


def test_csv_round_trips(db: Path, tmp_path: Path) -> None:
    out = export_to(db, "csv", tmp_path / "tables")
    tables = read_csv(out)
    with Store(db) as store:
        expected: dict[str, list[dict]] = {}
        entities = EntityTable()
        for item in analyses_of(store):
            entities.add(item)
            for name, rows in document_rows(item).items():
                expected.setdefault(name, []).extend(rows)
    expected["entities"] = entities.table()
    for name, rows in expected.items():
        assert tables[name] == [{k: (None if v == "" else v) for k, v in r.items()} for r in rows]
    assert {r["predicate"] for r in tables["relations"]} == {"member_of"}


def test_brat_offsets_reproduce_the_mentions(db: Path, tmp_path: Path) -> None:
    out = export_to(db, "brat", tmp_path / "brat")
    text = (out / "astana2023.txt").read_text(encoding="utf-8")
    assert text == ASTANA
    spans, relations = {}, []
    for line in (out / "astana2023.ann").read_text(encoding="utf-8").splitlines():
        ident, body, *rest = line.split("\t")
        if ident.startswith("T"):
            label, offsets = body.split(" ", 1)
            parts = [tuple(map(int, part.split())) for part in offsets.split(";")]
            assert " ".join(text[s:e] for s, e in parts) == rest[0]
            spans[ident] = (label, rest[0])
        elif ident.startswith("R"):
            kind, arg1, arg2 = body.split()
            relations.append((kind, spans[arg1.split(":")[1]], spans[arg2.split(":")[1]]))
    labels = [label for label, _text in spans.values()]
    assert labels.count("persName_forename") == 1 and "Quote" in labels
    assert (
        "member_of",
        ("placeName_country", "Armenia"),
        ("orgName", "Euroazjatyckiej Unii Gospodarczej"),
    ) in relations
    assert (
        "SaidBy",
        ("Quote", "Kirgistan pozostanie w Unii"),
        ("persName", "Kasym-Żomart Tokajew"),
    ) in relations


def test_conll_decodes_to_the_nested_mentions(db: Path, tmp_path: Path) -> None:
    from nkjp import decode_spans

    out = export_to(db, "conll", tmp_path / "ner.iob")
    lines = out.read_text(encoding="utf-8").split("-DOCSTART FILE ")[1].splitlines()
    assert lines[0] == "astana2023"
    rows = [line.split("\t") for line in lines[1:] if line]
    found = {
        (" ".join(r[0] for r in rows[s.start : s.end]), s.label, s.level)
        for s in decode_spans([r[3] for r in rows])
    }
    assert ("Kasym - Żomart Tokajew", "persName", 0) in found
    assert ("Kasym - Żomart", "persName_forename", 1) in found
    assert ("Euroazjatyckiej Unii Gospodarczej", "orgName", 0) in found
    assert all(ASTANA[int(r[1]) : int(r[2])] == r[0] for r in rows)
    assert "" in lines  # sentences apart


def test_docbin_holds_entities_and_nested_mentions(db: Path, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    out = export_to(db, "spacy", tmp_path / "docs")
    nlp = spacy.blank("pl")
    (part,) = out.iterdir()
    docs = {d.user_data["id"]: d for d in DocBin().from_disk(part).get_docs(nlp.vocab)}
    doc = docs["astana2023"]
    assert len(doc.spans["mentions"]) == 10
    assert [(e.text, e.label_) for e in doc.ents][:4] == [
        ("Armenia", "placeName_country"),
        ("Białoruś", "placeName_country"),
        ("Euroazjatyckiej Unii Gospodarczej", "orgName"),
        ("Kasym-Żomart Tokajew", "persName"),
    ]


def test_bsnlp_lists_each_form_once(db: Path, tmp_path: Path) -> None:
    out = export_to(db, "bsnlp", tmp_path / "bsnlp")
    lines = (out / "astana2023.out").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "astana2023"
    rows = [line.split("\t") for line in lines[1:]]
    assert len({r[0] for r in rows}) == len(rows)
    assert ["Astanie", "Astana", "LOC", "astana"] in rows
    assert ["Kasym-Żomart Tokajew", "Kasym-Żomart Tokajew", "PER", "tokajew"] in rows
    assert [
        "Euroazjatyckiej Unii Gospodarczej",
        "Euroazjatycka Unia Gospodarcza",
        "ORG",
        "eaeu",
    ] in rows


def test_jsonl_export_rebuilds_an_identical_database(tmp_path: Path) -> None:
    articles = tmp_path / "articles.txt"
    articles.write_text(
        "date 2023-11-20\n" + ASTANA + "\ndate 2024-02-12\n" + POLL + "\n", encoding="utf-8"
    )
    first = tmp_path / "first.db"
    kronika.build([articles], first)
    out = export_to(first, "jsonl", tmp_path / "first.jsonl")
    second = tmp_path / "second.db"
    with Store(second) as store:
        store.add(list(read_jsonl_export(out)))  # type: ignore[arg-type]
    again = export_to(second, "jsonl", tmp_path / "second.jsonl")
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2 and all(r["mentions"] and r["sentences"] for r in records)
    with Store(second) as store:  # the full-text index was rebuilt from the sentences
        assert store.search('text:"Astanie"')


def test_reading_a_broken_export_names_the_line(tmp_path: Path) -> None:
    from kronika.errors import InputError

    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(astana().to_json()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.jsonl:2"):
        list(read_jsonl_export(broken))


def test_cli_exports_a_folder_format(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "entities.csv").read_text(encoding="utf-8").count("\n") == len(ENTITIES) + 1
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "brat"])
    assert result.exit_code != 0 and "--out" in result.output


def test_poleval_answer_line_format() -> None:
    # the official PolEval 2018 Task 2 script splits `category start end<TAB>text`
    assert poleval_line("persName", 0, 21, "Aleksander Łukaszenko") == (
        "persName 0 21\tAleksander Łukaszenko"
    )
    assert poleval_line("placeName_country", 5, 19, "Republika\nIrlandii") == (
        "placeName_country 5 19\tRepublika Irlandii"
    )


def test_ner_benchmark_reads_the_answer_lines(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from ner import read_answers

    text = "Wczoraj Jan Kowalski i Anna Nowak przyjechali do Krakowa."
    answers = "\n".join(
        [
            poleval_line("persName", *at(text, "Jan Kowalski"), "Jan Kowalski"),
            poleval_line("persName_surname", *at(text, "Kowalski"), "Kowalski"),
            "placeName_settlement 10 12;49 56\tan Krakowa",  # fragments, as brat joins them
        ]
    )
    path = tmp_path / "answers.json"
    path.write_text(json.dumps([{"id": "d1", "answers": answers}]), encoding="utf-8")
    assert read_answers(path) == {
        "d1": [
            ("persName", 8, 20),
            ("persName_surname", 12, 20),
            ("placeName_settlement", 10, 56),
        ]
    }
