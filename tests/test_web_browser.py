"""The web page in a real Chromium: upload the demo corpus, read the dossier, stay inert on hostile text."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import crosswire
from crosswire.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
import server as web_helpers  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "japan-2plus2"
ARTIFACTS = Path(__file__).parent / "artifacts"
EVIL_TITLE = "Budget row <script>alert(1)</script>"
EVIL_BODY = ("The finance ministry said on Monday that the defence budget would rise to 2% of GDP by 2027. "
             "<script>alert(1)</script> <img src=x onerror=alert(1)> "
             "Officials in Tokyo said the increase was decided domestically, according to Reuters.")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(web_helpers.CHROMIUM),
                       reason=f"{web_helpers.CHROMIUM} is not installed (make test installs it via apt)"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    store = crosswire.Store(tmp_path_factory.mktemp("web-browser") / "crosswire.db")
    with web_helpers.running_server(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def seeded(base_url) -> dict:
    """The demo corpus analysed through the API, so page tests do not depend on test order."""
    import httpx

    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(DEMO.glob("*.txt"))]
    response = httpx.post(base_url + "/api/analyze", files=files, timeout=300)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=web_helpers.CHROMIUM,
            args=web_helpers.CHROMIUM_ARGS, headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser_context):
    """A fresh tab that records dialogs (an executed alert) and CSP violations."""
    tab = browser_context.new_page()
    tab.dialogs, tab.csp_errors = [], []

    def on_dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("console", lambda m: tab.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield tab
    tab.close()


def test_web_browser_upload_demo_corpus_and_read_dossier(page, base_url):
    page.goto(base_url + "/")
    page.set_input_files("#files", sorted(str(p) for p in DEMO.glob("*.txt")))
    page.click("#analyse-button")
    page.wait_for_selector("#results-list a", timeout=120_000)
    assert "Done:" in page.text_content("#analyse-status")
    # Open the story with the most articles.
    links = page.locator("#results-list li")
    counts = [int(links.nth(i).get_attribute("data-articles")) for i in range(links.count())]
    links.nth(counts.index(max(counts))).locator("a").click()
    page.wait_for_selector("#matrix")
    assert page.locator("table.claim-matrix").first.is_visible()
    assert page.locator("#discrepancies h2").is_visible()
    assert page.locator("svg.lineage-graph").is_visible()
    assert page.locator("table.claim-matrix").first.locator("th.art-col").count() == max(counts)
    # The dossier page's stylesheet applies (served from /dossier.css, not inline).
    weight = page.eval_on_selector("#matrix h2", "e => getComputedStyle(e).borderBottomStyle")
    assert weight == "solid"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-dossier.png"), full_page=True)
    assert page.csp_errors == []


def test_web_browser_story_search_filters_the_list(page, base_url, seeded):
    page.goto(base_url + "/")
    items = page.locator("#story-list li")
    assert items.count() >= 1
    page.fill("#story-search", "zzzz-no-such-story")
    assert page.locator("#story-list li:visible").count() == 0
    assert page.locator("#no-match").is_visible()
    page.fill("#story-search", "")
    assert page.locator("#story-list li:visible").count() == items.count()


def test_web_browser_hostile_article_renders_inert(page, base_url):
    page.goto(base_url + "/")
    page.click("#paste summary")
    page.fill("#title", EVIL_TITLE)
    page.fill("#outlet", "<img src=x onerror=alert(2)>")
    page.fill("#text", EVIL_BODY)
    page.click("#analyse-button")
    page.wait_for_selector("#results-list a", timeout=120_000)
    page.locator("#results-list a").first.click()
    page.wait_for_selector("#articles")
    page.click("#articles details summary")
    body = page.text_content("#articles")
    assert "<script>alert(1)</script>" in body  # shown as text...
    assert page.locator("main script").count() == 0  # ...never as elements
    assert page.locator("main img").count() == 0
    page.goto(base_url + "/")  # the story list shows the title too
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.csp_errors == []


def test_web_browser_standalone_dossier_applies_its_hashed_style(page, base_url, seeded):
    page.goto(base_url + f"/api/stories/{seeded['stories'][0]['story']['id']}?format=html")
    assert page.locator("table.claim-matrix").first.is_visible()
    # The CSP allows the inlined stylesheet by its hash: styles apply, nothing is refused.
    assert page.eval_on_selector("body", "e => getComputedStyle(e).maxWidth") == "1200px"
    assert page.csp_errors == []
    assert page.dialogs == []


def test_web_browser_standalone_file_opens_offline_and_inert(page, tmp_path):
    from crosswire.models import LineageEdge
    from crosswire.report.html import render_html

    dossier = web_helpers.load("sample").build_dossier()
    dossier.story.title = EVIL_TITLE
    article = dossier.articles[0]
    article.title, article.text, article.paragraphs = EVIL_TITLE, EVIL_BODY, [EVIL_BODY]
    dossier.claims[0].support[0].evidence = EVIL_BODY
    dossier.lineage.append(LineageEdge(article.id, "<img src=x onerror=alert(3)>", "cites", None, EVIL_BODY))
    path = tmp_path / "dossier.html"
    path.write_text(render_html(dossier), encoding="utf-8")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.click("#articles details summary")
    assert "<script>alert(1)</script>" in page.text_content("#articles")
    assert EVIL_TITLE in page.text_content("h1.story-title")
    assert page.locator("body > script:not([type='application/ld+json']), article script, img").count() == 0
    assert page.eval_on_selector("body", "e => getComputedStyle(e).maxWidth") == "1200px"
    assert requests == [path.as_uri()]  # nothing else is fetched
    assert page.dialogs == [] and page.csp_errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "standalone-dossier.png"), full_page=True)


OTHER_STORY = ("Firefighters tackled a blaze at the Waitrose supermarket in Wellington town centre early on Sunday "
               "morning. The fire started in the roof space and spread quickly, a spokesman for Devon and Somerset "
               "Fire and Rescue Service said. No one was hurt, and the store will stay closed while engineers "
               "inspect the damaged roof.")


def _until(condition, seconds: float) -> None:
    """Poll in Python: the page's CSP forbids the string evaluation wait_for_function uses."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the page did not get there in time"
        time.sleep(0.25)


def test_web_browser_walk_upload_contested_claim_merge_and_search(page, tmp_path):
    # the walk of issue 12's acceptance, in a store of its own: upload -> the list updates ->
    # open the dossier -> open a contested claim -> its other side -> merge -> search article text
    store = crosswire.Store(tmp_path / "walk.db")
    with web_helpers.running_server(create_app(store)) as url:
        page.goto(url + "/")
        assert page.locator("#story-list li").count() == 0
        page.set_input_files("#files", sorted(str(p) for p in DEMO.glob("*.txt")))
        page.click("#analyse-button")
        page.wait_for_selector("#results-list a", timeout=120_000)
        assert "new" in page.text_content("#results-list")
        # the story list updates without a reload
        page.wait_for_selector("#story-list li", timeout=30_000)
        demo_href = page.get_attribute("#results-list a", "href")
        demo_id = demo_href.rsplit("/", 1)[-1]

        page.set_input_files("#files", [])
        page.click("#paste summary")
        page.fill("#title", "Wellington supermarket fire")
        page.fill("#text", OTHER_STORY)
        page.click("#analyse-button")
        _until(lambda: page.locator("#story-list li").count() == 2, 120)

        page.goto(url + demo_href)
        page.wait_for_selector("#matrix")
        contested = page.locator("tr.row-contested").first
        contested.locator("summary").click()
        opposing = contested.locator(".opposing").first
        assert opposing.is_visible()
        assert "other side" in opposing.text_content()
        assert contested.locator("a.disc-link").first.get_attribute("href").startswith("#")

        before = page.locator("table.claim-matrix").first.locator("th.art-col").count()
        page.select_option("#merge-with", index=0)
        page.click("#merge-form button[type=submit]")
        _until(lambda: page.locator("table.claim-matrix").count() > 0 and
               page.locator("table.claim-matrix").first.locator("th.art-col").count() == before + 1, 120)
        assert len(store.stories()) == 1 and store.stories()[0].id == demo_id

        page.goto(url + "/")
        assert page.locator("#story-list li").count() == 1
        page.fill("#story-search", "roof waitrose")  # words of the pasted text, in another order
        page.wait_for_selector("#search-list li", timeout=30_000)
        assert "Waitrose" in page.text_content("#search-list")
        assert page.csp_errors == []
        assert page.dialogs == []
