"""A debate file replaced by a broken one while viewers are in the app (issue 10, fault test): in the real browser,
the viewer keeps the last good version with a notice naming the problem, a viewer arriving then gets the same, and
both get the fixed files once they validate. The About page never shows the server's folder."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from stances.load import DEFAULT_DEBATE, load_debate

from .conftest import AppServer, screenshot, settled

pytestmark = pytest.mark.browser

NOTICE = "The debate's files were changed and have 1 problem(s), so this is the last good version (version 0.2.0)"


def save(path, text: str, later_by: int) -> None:
    """Write `text` as a curator's editor would, with a clearly later modification time."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + later_by * 1_000_000_000))


@pytest.fixture
def copied_debate(tmp_path):
    folder = tmp_path / "server-folder" / "ukraine-talks-2022"
    shutil.copytree(DEFAULT_DEBATE, folder)
    app = AppServer(folder)
    app.wait()
    yield app, folder
    app.stop()


def go_to(page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    settled(page)


def test_a_broken_save_mid_session_keeps_the_last_good_data_with_a_notice_then_recovers(
    page, browser, copied_debate, outside_requests
):
    app, folder = copied_debate
    total = len(load_debate(folder).statements)
    page.goto(app.url + "/table")
    settled(page)
    expect(page.get_by_text(f"{total} statements", exact=False).first).to_be_visible()
    notice = page.get_by_text(NOTICE, exact=False)
    expect(notice).to_have_count(0)

    statements = folder / "statements.csv"
    good = statements.read_text(encoding="utf-8")
    first_row = good.splitlines()[1]
    actor = first_row.split(",")[1]
    save(statements, good.replace(first_row, first_row.replace(f",{actor},", ",nobody-at-all,", 1), 1), later_by=5)

    go_to(page, "Comparison grid")  # the viewer's next click, after the bad save
    expect(notice).to_be_visible()
    # (shown() puts a word joiner after "csv:", so no browser reads the place as a link)
    problem = re.compile(r"statements\.csv:\u2060?2: actor_id: 'nobody-at-all' unknown actor")
    expect(page.get_by_text(problem)).to_be_visible()
    go_to(page, "Table & export")
    expect(page.get_by_text(f"{total} statements", exact=False).first).to_be_visible()  # the last good rows
    screenshot(page, "served-broken-save")

    newcomer = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    newcomer.goto(app.url + "/about")
    settled(newcomer)
    expect(newcomer.get_by_role("heading", name="About this debate")).to_be_visible()
    expect(newcomer.get_by_text(NOTICE, exact=False)).to_be_visible()
    assert str(folder.parent) not in newcomer.locator("body").inner_text()
    newcomer.context.close()

    descriptor = folder / "datapackage.json"
    save(descriptor, re.sub(r'"version": "[^"]*"', '"version": "0.2.1"', descriptor.read_text("utf-8"), count=1), 10)
    save(statements, good, later_by=10)
    go_to(page, "About")
    expect(page.get_by_text("version 0.2.1", exact=False).first).to_be_visible()  # the fixed files, picked up
    expect(notice).to_have_count(0)
    expect(page.get_by_text("last good version", exact=False)).to_have_count(0)
    assert str(folder.parent) not in page.locator("body").inner_text()  # About shows no server folder
    screenshot(page, "served-recovered-about")
    assert outside_requests == []
