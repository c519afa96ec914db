"""The pages in real headless Chromium against a real waitress server: read the argument from
the thesis down to a quote, and query it. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from serving import CARFREE, fixture_app, running

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def base_url():
    with running(fixture_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def offline_page(browser, base_url: str):
    """A page on ``base_url`` that fails the test if it fetches anything from elsewhere."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=base_url)
    pg = context.new_page()
    outside = []
    pg.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    yield pg
    context.close()
    assert outside == [], f"the page fetched from outside the server: {outside}"


@pytest.fixture
def page(browser, base_url):
    yield from offline_page(browser, base_url)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_read_from_thesis_down_to_the_quote(page: Page):
    page.goto("/")
    expect(page.get_by_role("heading", name="Argument maps")).to_be_visible()
    expect(page.locator(".map-card")).to_have_count(2)
    shot(page, "1-home")

    page.get_by_role("link", name="City centres should be closed to private cars.").first.click()
    expect(page).to_have_url(re.compile(r"/map/carfree$"))
    thesis = page.locator(".rel-root > details")
    pollution = page.get_by_role("link", name="Residents' health would improve with cleaner air.")
    # The thesis opens with its reasons in view; collapsing and expanding it works without scripts.
    expect(pollution).to_be_visible()
    thesis.locator("> summary .meta").click()
    expect(pollution).to_be_hidden()
    thesis.locator("> summary .meta").click()
    expect(pollution).to_be_visible()

    # Follow the linked reason down to its evidence and the evidence's quote.
    linked = page.locator(".tree-node.rel-support > details", has_text="Linked reasons").first
    linked.locator("> summary .meta").click()
    page.locator(".tree-node.rel-premise > details", has_text="air pollution").locator(
        "> summary .meta"
    ).click()
    evidence = page.locator(".card:not(.ref)", has_text="Traffic causes 60% of the nitrogen dioxide")
    expect(evidence.locator("blockquote.quote")).to_have_text(
        "traffic causes 60 percent of the nitrogen dioxide measured there"
    )
    expect(evidence.locator(".badge.kind")).to_have_text("statistic")
    # Reported speech, concession and undercut are visibly marked.
    page.get_by_role("button", name="Expand all").click()
    expect(page.locator(".speaker", has_text="the shopkeepers' association")).to_be_visible()
    expect(page.locator(".rel-concession .rel", has_text="granted")).to_be_visible()
    expect(page.locator(".rel-undercut").first).to_be_visible()
    expect(page.locator(".see-above").first).to_be_visible()
    shot(page, "2-tree")

    page.get_by_role("button", name="Collapse all").click()
    expect(pollution).to_be_hidden()
    page.get_by_role("button", name="Expand all").click()

    # The evidence's statement page, then "show in article".
    evidence.get_by_role(
        "link", name="Traffic causes 60% of the nitrogen dioxide measured in the centre."
    ).click()
    expect(page).to_have_url(re.compile(r"/id/carfree/no2$"))
    expect(page.locator("h1.statement")).to_have_text(
        "Traffic causes 60% of the nitrogen dioxide measured in the centre."
    )
    expect(page.locator("section.pro", has_text="Supports")).to_contain_text("Car traffic is the main source")
    expect(page.locator("tr.graph-inferred").first).to_be_visible()
    shot(page, "3-statement")

    page.get_by_role("link", name="show in article").click()
    expect(page).to_have_url(re.compile(r"/map/carfree/article#q-no2$"))
    marked = page.locator("a.span.current")
    expect(marked.first).to_be_visible()
    expect(marked.first).to_be_in_viewport()
    assert (
        "".join(marked.all_text_contents())
        == "traffic causes 60 percent of the nitrogen dioxide measured there"
    )
    shot(page, "4-article")

    # Every highlighted span links to its statement.
    page.locator("a.span", has_text="The shopkeepers' association says").click()
    expect(page).to_have_url(re.compile(r"/id/carfree/malls$"))
    expect(page.locator(".speaker")).to_contain_text("reported: the shopkeepers' association says so")


def test_diagram_draws_support_and_attack_apart(page: Page):
    page.goto("/map/carfree/diagram")
    svg = page.locator(".diagram-frame svg")
    expect(svg).to_be_visible()
    expect(svg.locator("a.node")).to_have_count(14)
    assert svg.locator("path.edge-support").count() == 9
    assert svg.locator("path.edge-attack").count() == 2
    assert svg.locator("path.edge-concession").count() == 2
    assert svg.locator("path.edge-undercut").count() == 2
    stroke = {
        rel: svg.locator(f"path.edge-{rel}").first.get_attribute("stroke") for rel in ("support", "attack")
    }
    assert stroke["support"] != stroke["attack"]
    # The thesis is drawn above its reasons.
    thesis_box = svg.locator("a.node.thesis rect").bounding_box()
    evidence_box = svg.locator('a.node[href="/id/carfree/no2"] rect').bounding_box()
    assert thesis_box["y"] < evidence_box["y"]
    shot(page, "5-diagram")
    svg.locator("a.node.thesis").click()
    expect(page).to_have_url(re.compile(r"/id/carfree/thesis$"))


def test_run_a_competency_query_and_click_through(page: Page):
    page.goto("/query")
    page.locator("#pick").select_option("reported-speech")
    expect(page.locator("#query")).to_have_value(re.compile(r"am:ReportedSpeech"))
    page.get_by_role("button", name="Run query").click()
    expect(page.locator(".results-table tbody tr")).to_have_count(2)
    expect(page.locator(".downloads a")).to_have_count(4)
    expect(page.locator("#curl")).to_contain_text("curl -s http://127.0.0.1:")
    shot(page, "6-query")
    page.get_by_role("link", name=CARFREE + "malls").click()
    expect(page).to_have_url(re.compile(r"/id/carfree/malls$"))
    expect(page.locator("h1.statement")).to_have_text("A ban will drive customers to out-of-town malls.")


def test_query_errors_show_their_position(page: Page):
    page.goto("/query")
    page.locator("#query").fill("SELECT * WHERE { ?s ?p }")
    page.get_by_role("button", name="Run query").click()
    expect(page.locator(".error-box")).to_contain_text("line 1, column")
    shot(page, "7-query-error")


ARTICLE = Path(__file__).resolve().parent.parent / "claims" / "maps" / "kim-jong-un-better-off.ttl"
NOBEL = "Trump's summit diplomacy with North Korea deserved the Nobel Peace Prize."
IRONY = "Trump's diplomatic setbacks were completely avoidable and self-inflicted"


@pytest.fixture(scope="module")
def article_url():
    from claims.building import build_memory

    with running(fixture_app(build_memory([ARTICLE]))) as url:
        yield url


@pytest.fixture
def article_page(browser, article_url):
    yield from offline_page(browser, article_url)


def test_see_what_is_defeated_and_why_then_analyse(article_page: Page):
    page = article_page
    page.goto("/map/kim-jong-un-better-off")
    page.get_by_role("button", name="Expand all").click()
    card = page.locator(".card.status-out", has_text=NOBEL)
    expect(card).to_be_visible()
    expect(card.locator(".badge.status")).to_have_text("out")
    expect(card.locator("p.why")).to_contain_text("out: attacked by")
    # Defeated means struck through, in a muted colour.
    text = card.locator(".text a")
    assert "line-through" in text.evaluate("e => getComputedStyle(e).textDecorationLine")
    card.evaluate("e => e.scrollIntoView({block: 'center'})")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "8-tree-out.png"))
    expect(page.locator(".legend-status .status-out")).to_have_text("out")

    # The defeater named in the explanation is a link to its statement page.
    card.locator("p.why a.named").click()
    expect(page).to_have_url(re.compile(r"/id/kim-jong-un-better-off/setbacks-self-inflicted$"))
    expect(page.locator(".standing .badge.status")).to_have_text("in")
    page.go_back()

    page.get_by_role("link", name="Analysis").click()
    expect(page).to_have_url(re.compile(r"/map/kim-jong-un-better-off/analysis$"))
    defeated = page.locator("section#f-defeated")
    expect(defeated.locator("h2")).to_have_text("Which claims are out, and what defeats them?")
    expect(defeated.locator("tbody tr")).to_have_count(3)
    defeated.locator("details.sparql > summary").click()
    expect(defeated.locator("details.sparql pre")).to_contain_text("am:status am:Out")
    defeated.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(ARTIFACTS / "9-analysis.png"))
    row = defeated.locator("tbody tr", has_text=NOBEL)
    row.get_by_role("link", name=NOBEL).click()
    expect(page).to_have_url(re.compile(r"/id/kim-jong-un-better-off/imp-nobel-worthy$"))
    standing = page.locator("section.standing")
    expect(standing.locator(".badge.status")).to_have_text("out")
    expect(standing.locator(".defeaters a")).to_contain_text(IRONY)
    expect(standing.locator("table.acceptance tbody tr")).to_have_count(2)
    shot(page, "10-statement-out")

    # The finding opens in the query page, scoped to the map, with the same rows.
    page.go_back()
    page.locator("section#f-defeated a.open-query").click()
    expect(page.locator(".results-table tbody tr")).to_have_count(3)
