"""The hostile fixture map in real headless Chromium: no script from the data runs (no
dialog opens) and the Content-Security-Policy is never violated by the app's own pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright
from serving import FIXTURES, fixture_app, running
from test_browser import ARGS, CHROMIUM

from claims.building import build_memory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url():
    store = build_memory([FIXTURES / "maps" / "hostile.ttl"])
    with running(fixture_app(store)) as url:
        yield url


def test_hostile_map_runs_no_script_and_violates_no_policy(base_url):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(base_url=base_url)
            dialogs, console, errors = [], [], []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: console.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in (
                "/map/hostile",
                "/map/hostile/article",
                "/map/hostile/diagram",
                "/id/hostile/thesis",
            ):
                response = page.goto(path)
                assert response.status == 200
                assert "script-src 'self'" in response.headers["content-security-policy"]
                page.wait_for_load_state("load")
                assert "<script>alert(1)</script>" in page.inner_text("main"), path
                page.wait_for_timeout(300)
            # The app's own script did run (it unhides the tree tools), under the policy.
            page.goto("/map/hostile")
            assert page.locator(".tree-tools").is_visible()
        finally:
            browser.close()
    assert dialogs == []
    assert errors == []
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m], console
