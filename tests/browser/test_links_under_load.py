"""A shared link keeps its view whatever the viewer clicks while the server is slow: the URL is the source of truth."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, AppServer, screenshot, settled

pytestmark = pytest.mark.browser

LINK = "/?actor=" + quote("Mark A. Milley") + "&actor=" + quote("Jake Sullivan") + "&onrecord=true&q=talks"
PAGES = ["Comparison grid", "Table & export"]


@pytest.fixture(scope="module")
def stalled_server():
    server = AppServer(script=ROOT / "tests" / "browser" / "stalled_app.py")
    server.wait()
    yield server
    server.stop()


@pytest.mark.parametrize("target", PAGES)
def test_a_page_click_before_the_sidebar_is_drawn_keeps_the_links_filters(page, stalled_server, target):
    """Regression (issue 10, defect 5): 3 of 8 such clicks lost the link's filters with the server stalled 1.5 s."""
    page.goto(stalled_server.url + LINK)
    nav = page.locator('[data-testid="stSidebarNav"]').get_by_text(target, exact=True)
    expect(nav).to_be_visible(timeout=20_000)
    assert page.locator(".st-key-actor").count() == 0  # the click comes before the filters are drawn
    nav.click()
    settled(page)
    expect(page.locator(".st-key-actor")).to_contain_text("Mark A. Milley")
    expect(page.locator(".st-key-actor")).to_contain_text("Jake Sullivan")
    expect(page.locator(".st-key-q input")).to_have_value("talks")
    expect(page).to_have_url(re.compile(r"actor=Mark"))
    expect(page).to_have_url(re.compile(r"onrecord=true"))
    expect(page).to_have_url(re.compile(r"q=talks"))
    screenshot(page, f"stalled-link-{target.split()[0].lower()}")
