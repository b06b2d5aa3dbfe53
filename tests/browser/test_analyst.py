"""The analyst's pages in a real browser: the sidebar filters, the comparison grid, the table and the card."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .conftest import screenshot, settled

pytestmark = pytest.mark.browser


def open_app(page, server, path: str = "/") -> None:
    page.goto(server.url + path)
    settled(page)


def test_reset_filters_clears_the_chips_the_link_and_the_next_page(page, server, outside_requests):
    # The bug: the bound parameter put the link's actor back (a dropped widget key is seeded from the first URL).
    open_app(page, server, "/?actor=" + quote("Mark A. Milley"))
    actors = page.locator(".st-key-actor")
    expect(actors).to_contain_text("Mark A. Milley")
    page.get_by_role("button", name="Reset filters").click()
    settled(page)
    expect(actors).not_to_contain_text("Mark A. Milley")
    expect(page).not_to_have_url(re.compile(r"[?&]actor="))
    page.get_by_role("link", name="Comparison grid").click()
    settled(page)
    expect(page).to_have_url(re.compile(r"/grid"))
    expect(page).not_to_have_url(re.compile(r"[?&]actor="))
    expect(actors).not_to_contain_text("Mark A. Milley")
    expect(page.locator(".st-key-grid_chart")).to_contain_text("Joe Biden")  # the grid is not narrowed to Milley
    assert outside_requests == []
