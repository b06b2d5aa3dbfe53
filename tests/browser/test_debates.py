"""Two debates in one app in a real browser: the picker's choice is in the link, and a shared link keeps it."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import TINY, write_debate

from .conftest import AppServer, chromium_or_skip, screenshot, settled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_debates_server(tmp_path_factory):
    chromium_or_skip()
    root = tmp_path_factory.mktemp("data")
    write_debate(root / "alpha")
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["actors"][0]["name"] = "Beta Milley"
    write_debate(root / "beta", tables)
    descriptor = json.loads((root / "beta" / "datapackage.json").read_text())
    descriptor.update(name="beta", title="The beta debate")
    (root / "beta" / "datapackage.json").write_text(json.dumps(descriptor))
    app = AppServer(environ={"STANCES_DATA": str(root)})
    app.wait()
    yield app
    app.stop()


def test_the_picked_debate_is_in_the_link_and_survives_sharing_it(browser, page, two_debates_server, outside_requests):
    server = two_debates_server
    page.goto(server.url + "/")
    settled(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("A tiny debate")
    page.locator(".st-key-debate [role=combobox]").click()
    page.get_by_role("option", name="beta").click()
    settled(page)
    expect(page).to_have_url(re.compile(r"[?&]debate=beta"))
    expect(sidebar).to_contain_text("The beta debate")
    # Another page of the same session keeps the debate, in the app and in the link.
    page.get_by_role("link", name="Comparison grid").click()
    settled(page)
    expect(page).to_have_url(re.compile(r"/grid\?.*debate=beta"))
    expect(page.locator(".st-key-grid_chart")).to_contain_text("Beta Milley")
    shared = page.url
    screenshot(page, "debate-picker-beta")

    # The link, opened by someone else (a new browser context: no session), shows the same debate.
    other = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = other.new_page()
        tab.goto(shared)
        settled(tab)
        expect(tab.locator(".st-key-debate [role=combobox]")).to_have_value("beta")
        expect(tab.locator('[data-testid="stSidebar"]')).to_contain_text("The beta debate")
        expect(tab.locator(".st-key-grid_chart")).to_contain_text("Beta Milley")
        screenshot(tab, "debate-shared-link")
    finally:
        other.close()
    assert outside_requests == []
