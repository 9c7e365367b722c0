"""A page fetched again with changed text is a new version of the same article, not another one."""

from __future__ import annotations

from pathlib import Path

import pytest

import kronika
from kronika.store import migrations

PAGE = """<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Most na Niemnie</title>
<link rel="canonical" href="https://kurier.example/most">
<meta property="article:published_time" content="{date}"></head><body>
<nav><a href="/">Start</a></nav><article><h1>Most na Niemnie</h1>
<p>{text}</p><p>„Litwa czeka na ten most od lat” – powiedział burmistrz Kowna.</p>
<p>Budowa ma kosztować kilkaset milionów euro i potrwać trzy lata.</p></article>
</body></html>"""

FIRST = "W Kownie samorząd ogłosił przetarg na budowę nowego mostu drogowego na Niemnie."
SECOND = "W Kownie samorząd rozstrzygnął przetarg na budowę nowego mostu kolejowego na Niemnie."


def test_the_latest_version_is_shown_and_both_are_kept(tmp_path: Path) -> None:
    first, second = tmp_path / "most-1.html", tmp_path / "most-2.html"
    first.write_text(PAGE.format(date="2024-04-02", text=FIRST), encoding="utf-8")
    second.write_text(PAGE.format(date="2024-04-03", text=SECOND), encoding="utf-8")
    db = tmp_path / "wersje.db"
    # the newer version first: which one is current follows the dates, not the order read
    kronika.build([str(second)], db, ner="rules")
    kronika.build([str(first)], db, ner="rules")
    with kronika.open_db(db) as store:
        current = list(store.export())
        every = list(store.export(all_versions=True))
        assert [r["text"].split("\n\n")[0] for r in current] == [SECOND]
        assert len(every) == 2 and {r["url"] for r in every} == {"https://kurier.example/most"}
        assert [hit.sentence for hit in kronika.search(store, "rozstrzygnął")]
        assert kronika.search(store, "ogłosił") == []


def _entity_documents(store: kronika.Store) -> list[tuple[str, ...]]:
    return store.db.execute("SELECT * FROM entity_documents ORDER BY 1, 2, 3").fetchall()


def _quoted_entities(store: kronika.Store) -> list[tuple[str, ...]]:
    return store.db.execute("SELECT * FROM quoted_entities ORDER BY 1, 2, 3, 4, 5, 6").fetchall()


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2, 0)])
def test_each_entitys_documents_are_its_current_versions(
    tmp_path: Path, order: tuple[int, int, int]
) -> None:
    texts = [FIRST, SECOND, SECOND.replace("kolejowego", "pieszego")]
    pages = []
    for number in order:
        page = tmp_path / f"most-{number}.html"
        page.write_text(PAGE.format(date=f"2024-04-0{number + 2}", text=texts[number]), "utf-8")
        pages.append(page)
    db = tmp_path / "wersje.db"
    for page in pages:
        kronika.build([str(page)], db, ner="rules")
    with kronika.open_db(db, readonly=False) as store:
        (current,) = store.export()
        kept, quoted = _entity_documents(store), _quoted_entities(store)
        assert kept and {doc_id for _entity, _date, doc_id, _count in kept} == {current["id"]}
        assert quoted and {row[3] for row in quoted} == {current["id"]}
        # what the store kept document by document is what migrations 9 and 10 make of them all
        store.db.execute("DELETE FROM entity_documents")
        store.db.execute(migrations.ENTITY_DOCUMENTS_BACKFILL)
        assert _entity_documents(store) == kept
        store.db.execute("DROP TABLE quoted_entities")
        migrations.MIGRATIONS[9].apply(store.db)
        assert _quoted_entities(store) == quoted
