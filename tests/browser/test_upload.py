"""Upload in a real browser: a broken zip shows its problems and changes nothing on disk; a good one is explored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.app.test_upload import disk_state, zip_of
from tests.conftest import write_debate

from .conftest import screenshot, settled

pytestmark = pytest.mark.browser


def send(page, tmp_path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_text("Explore your own debate").click()
    page.locator(".st-key-upload_file_zip input[type=file]").set_input_files(str(path))
    settled(page)
    button = page.locator(".st-key-upload_open button")
    expect(button).to_be_enabled()
    button.click()
    settled(page)


def test_a_broken_zip_shows_its_problems_and_changes_nothing(page, server, tmp_path, outside_requests):
    folder = write_debate(tmp_path / "tiny")
    statements = (folder / "statements.csv").read_bytes().replace(b"milley-club,milley", b"milley-club,nobody")
    before = disk_state()
    page.goto(server.url + "/")
    settled(page)
    send(page, tmp_path, "broken.zip", zip_of(folder, **{"statements.csv": statements}))
    expect(page.get_by_text("“broken.zip” cannot be explored: 1 problem(s). Nothing was kept.")).to_be_visible()
    expect(page.locator('[data-testid="stCode"]').last).to_contain_text("[unknown-actor]")
    screenshot(page, "upload-broken-zip")
    assert disk_state() == before
    assert outside_requests == []


def test_a_good_zip_is_explored_in_this_session(page, server, tmp_path, outside_requests):
    page.goto(server.url + "/")
    settled(page)
    send(page, tmp_path, "tiny.zip", zip_of(write_debate(tmp_path / "tiny")))
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Exploring your upload “tiny.zip”")
    expect(sidebar).to_contain_text("A tiny debate")
    screenshot(page, "upload-explored")
    page.locator(".st-key-upload_close button").click()
    settled(page)
    expect(sidebar).not_to_contain_text("Exploring your upload")
    assert outside_requests == []
