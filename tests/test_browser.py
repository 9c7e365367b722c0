"""The web app in a real browser: Debian's Chromium driven by Playwright, following each page's
main path with clicks, a screenshot of each saved into build/screenshots/.

Playwright never downloads a browser here: it drives /usr/bin/chromium (``.ci/run`` installs it).
Without that browser the tests are skipped, unless KRONIKA_BROWSER_TESTS=1 (set by CI) makes the
missing browser a failure.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

import kronika
from kronika.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not CHROMIUM.exists():
    if os.environ.get("KRONIKA_BROWSER_TESTS") == "1":
        raise RuntimeError(f"{CHROMIUM} is missing; install Debian's chromium package")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    kronika.build([str(examples_dir)], db)
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server: str):  # noqa: ANN001, ANN201 - Playwright's own types
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _shot(page, name: str) -> None:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_to_entity_to_document(page) -> None:  # noqa: ANN001
    page.goto("/")
    assert "Korpus" in page.inner_text("h1")
    _shot(page, "home")
    page.click(".top-entities a >> nth=0")
    page.wait_for_selector("h2:has-text('Wzmianki w czasie')")
    assert page.locator("svg.chart rect").count() > 0
    _shot(page, "entity")
    page.click("section:has(h2:has-text('Dokumenty')) a.document >> nth=0")
    page.wait_for_selector("article.annotated")
    assert page.locator("article.annotated a.mention").count() > 0
    _shot(page, "document")
    page.click("article.annotated a.mention >> nth=0")
    page.wait_for_selector("h2:has-text('Role, członkostwa')")


def test_search_with_inflection(page) -> None:  # noqa: ANN001
    page.goto("/")
    page.fill("header input[name=q]", "Łukaszenko")
    page.click("header button[type=submit]")
    page.wait_for_selector("ol.hits li")
    assert page.locator("ol.hits mark").count() > 0
    _shot(page, "search")
    page.click("ol.hits li a.document >> nth=0")
    page.wait_for_selector("article.annotated")


def test_graph_draws_and_its_nodes_lead_to_pages(page) -> None:  # noqa: ANN001
    page.goto("/entities?name=Białoruś")
    page.click("text=sieć powiązań")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15_000)
    assert page.locator("#graph canvas").count() > 0
    _shot(page, "graph")
    page.click("ul.edges a.entity >> nth=1")
    page.wait_for_selector("h2:has-text('Wzmianki w czasie')")


def test_quotes_events_members_and_timeline(page) -> None:  # noqa: ANN001
    page.goto("/quotes")
    page.fill("input[name=speaker]", "Cichanouska")
    page.click("form.filters button")
    page.wait_for_selector("ol.quotes li")
    _shot(page, "quotes")
    page.click("header nav >> text=Członkowie")
    page.fill("input[name=bloc]", "WNP")
    page.fill("input[name=as_of]", "2024-03")
    page.click("form.filters button")
    page.wait_for_selector("table.relations tbody tr")
    _shot(page, "members")
    page.click("header nav >> text=Wydarzenia")
    page.wait_for_selector("h1:has-text('Wydarzenia')")
    _shot(page, "events")
    page.click("header nav >> text=Oś czasu")
    page.fill("input[name=entity]", "Białoruś")
    page.click("main form button")
    page.wait_for_selector("ol.timeline")
    _shot(page, "timeline")
