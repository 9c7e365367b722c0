"""The web app over a real database: every page, the API, links, paging, and hostile input."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

import kronika
from kronika.web import create_app

HOSTILE = (
    "date 2024-05-06\n"
    'Minister <script>alert("x")</script> spraw zagranicznych Litwy spotkał się w Wilnie z '
    'Swiatłaną Cichanouską. Jego rzecznik napisał: "><img src=x onerror=alert(1)> oraz '
    '<a href="javascript:alert(2)">link</a>.\n\n'
    '– Litwa nie zostawi Białorusinów samych <b onmouseover="alert(3)">nigdy</b> – mówi '
    "Gabrielius Landsbergis.\x07\n\n"
    "Według agencji BNS w Wilnie protestowało tysiąc osób; 'onfocus='alert(4)' – dodano.\n"
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "web.db"
    kronika.build([str(examples_dir), str(folder / "hostile.txt")], db)
    return db


@pytest.fixture(scope="module")
def client(database: Path) -> TestClient:
    return TestClient(create_app(database))


class _Page(HTMLParser):
    """Links, scripts and event-handler attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "script":
            self.scripts.append(values.get("src") or "inline")
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_home_shows_the_corpus(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Najczęściej wymieniani" in page.text and "Łukaszenk" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_every_link_from_the_home_page_works(client: TestClient) -> None:
    seen: set[str] = set()
    queue = ["/"]
    while queue and len(seen) < 60:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if "text/html" in response.headers["content-type"]:
            for link in parsed(response.text).links:
                parts = urlsplit(link)
                internal = parts.netloc in ("", "testserver") and parts.path.startswith("/")
                if internal and "/api/docs" not in link and "/static/" not in link:
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert any(url.startswith("/entity/") for url in seen)
    assert any(url.startswith("/document/") for url in seen)


def test_entity_page_has_its_parts(client: TestClient) -> None:
    found = client.get("/entities", params={"name": "Łukaszence"}, follow_redirects=False)
    assert found.status_code == 303
    page = client.get(found.headers["location"])
    for part in (
        "Wzmianki w czasie",
        "Role, członkostwa",
        "Cytaty",
        "Wymieniani obok",
        "Dokumenty",
    ):
        assert part in page.text
    assert "<svg" in page.text and "Wikidata" in page.text


def test_search_marks_inflected_matches_and_pages(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Łukaszenko"})
    assert "<mark>Łukaszenk" in page.text
    api = client.get("/api/search", params={"q": "Białoruś", "limit": 2}).json()
    more = client.get("/api/search", params={"q": "Białoruś", "limit": 2, "offset": 2}).json()
    assert len(api) == 2 and api != more


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NEAR(", "AND OR NOT", "'; DROP TABLE documents; --", "^", "(((", "a:b", "\\"],
)
def test_search_answers_any_input(client: TestClient, query: str) -> None:
    assert client.get("/search", params={"q": query}).status_code == 200
    assert client.get("/api/search", params={"q": query}).status_code == 200


def test_bad_parameters_are_client_errors(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "x", "limit": 0}).status_code == 422
    assert client.get("/api/quotes", params={"since": "wczoraj"}).status_code == 422
    assert client.get("/entity/nie-ma").status_code == 404
    assert client.get("/api/entity/nie-ma").status_code == 404
    assert client.get("/document/0000000000000000").status_code == 404


def test_article_text_never_becomes_markup(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "rzecznik napisał"}).json()
    doc_id = hits[0]["hit"]["doc_id"]
    pages = [f"/document/{doc_id}", "/search?q=rzecznik", "/quotes", "/timeline", "/"]
    for url in pages:
        html = client.get(url).text
        page = parsed(html)
        assert page.handlers == [], url
        assert all(src != "inline" for src in page.scripts), url
        assert not any(link.startswith("javascript:") for link in page.links), url
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "\x07" not in html
    document = client.get(f"/document/{doc_id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in document


def test_api_covers_every_page(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    for path in (
        "/api/stats",
        "/api/search",
        "/api/entities",
        "/api/entity/{entity_id}",
        "/api/entity/{entity_id}/graph",
        "/api/timeline",
        "/api/document/{doc_id}",
        "/api/quotes",
        "/api/events",
        "/api/members",
    ):
        assert path in paths
    stats = client.get("/api/stats").json()
    assert stats["counts"]["documents"] == 13
    members = client.get("/api/members", params={"bloc": "WNP", "as_of": "2024-03"}).json()
    assert {m["subject_name"] for m in members} >= {"Armenia", "Białoruś", "Kazachstan"}


def test_graph_page_ships_its_script_and_lists_edges(client: TestClient) -> None:
    entity = client.get("/api/entities", params={"name": "Białoruś"}).json()[0]
    page = client.get(f"/entity/{entity['id']}/graph").text
    assert "/static/vendor/cytoscape.min.js" in page and "<li>" in page
    graph = client.get(f"/api/entity/{entity['id']}/graph").json()
    assert graph["nodes"] and graph["edges"]
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200


def test_the_server_never_writes(database: Path) -> None:
    before = database.stat().st_mtime_ns, database.stat().st_size
    client = TestClient(create_app(database))
    for url in ("/", "/search?q=Putin", "/quotes", "/events", "/timeline"):
        client.get(url)
    assert (database.stat().st_mtime_ns, database.stat().st_size) == before
    methods = {m for route in client.app.routes for m in getattr(route, "methods", set())}
    assert methods <= {"GET", "HEAD"}


def test_printed_values_lose_control_characters_and_keep_markup() -> None:
    from markupsafe import Markup, escape

    from kronika.web.app import printable

    assert printable("Putin\x1b]52;\x07 i\tBiden\n") == "Putin ]52;  i\tBiden\n"
    linked = printable(Markup('<a href="/entity/e1">Putin</a>\x07 mówi'))
    assert isinstance(linked, Markup)
    assert escape(linked) == '<a href="/entity/e1">Putin</a>  mówi'
    assert printable(7) == 7
