"""Days are written one way on every page (issue 16, item 9): as `vocab.day_text` writes them, YYYY-MM-DD.

The pages are opened on a copy of the bundled debate whose own text has its dates written as words taken out (a
source title may say "10 November 2022"): any day left written another way on a page was written by the app.
Every string the page sends (captions, headings, hovers and text inside the charts' specs) is read.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from stances import charts, query
from stances.load import DEFAULT_DEBATE, load_debate
from stances.vocab import day_text
from tests.app.test_app import APP, PAGES, ok
from tests.app.test_hostile import strings

MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A day written another way: "08 Sep 2022", "Sep 8, 2022", "08/09/2022", "8.9.2022".
OTHER_DAY = re.compile(
    rf"\b[0-9]{{1,2}} {MONTH} [0-9]{{4}}\b"
    rf"|\b{MONTH} [0-9]{{1,2}},? [0-9]{{4}}\b"
    r"|\b[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{4}\b"
)


def without_worded_days(folder: Path) -> Path:
    """A copy of the bundled debate whose files write no day in another format than the app's."""
    shutil.copytree(DEFAULT_DEBATE, folder)
    for path in folder.iterdir():
        if path.suffix in {".csv", ".md", ".json", ".cff"}:
            text = path.read_text(encoding="utf-8")
            path.write_text(OTHER_DAY.sub("that day", text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plain_days(tmp_path_factory) -> Path:
    return without_worded_days(tmp_path_factory.mktemp("days") / "debate")


def days_written_otherwise(at: AppTest) -> list[str]:
    found = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        for path, text in strings(proto):
            found += [f"{getattr(node, 'type', '?')} {path}: {hit.group(0)}" for hit in OTHER_DAY.finditer(text)]
    return found


def test_the_pattern_finds_the_formats_pages_used_and_not_the_apps():
    assert [m.group(0) for m in OTHER_DAY.finditer("Window: 08 Sep 2022 – 25 Jan 2023; Nov 9, 2022; 09/11/2022")] == [
        "08 Sep 2022",
        "25 Jan 2023",
        "Nov 9, 2022",
        "09/11/2022",
    ]
    assert OTHER_DAY.search(f"Window: {day_text(dt.date(2022, 9, 8))} – 2023-01-25 · Nov 2022") is None


@pytest.mark.parametrize("page", PAGES)
def test_every_page_writes_days_as_yyyy_mm_dd(page, plain_days, monkeypatch):
    """Regression (issue 16): the alignment and gaps pages wrote their window as "08 Sep 2022 – 25 Jan 2023"."""
    monkeypatch.setenv("STANCES_DEBATE", str(plain_days))
    debate = load_debate(plain_days)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["changes"] = "true"  # the grid's change view and its table of paths
    at.query_params["statement"] = str(debate.statements["statement_id"].iloc[0])  # a card open
    ok(at.run())
    if page != "timeline":
        ok(at.switch_page(f"stances/app/pages/{page}.py").run())
    assert days_written_otherwise(at) == []


def test_the_dense_timeline_hovers_write_days_as_yyyy_mm_dd(plain_days):
    """Regression (issue 16): a circle's hover said "07 Nov 2022 – 13 Nov 2022", a context event's "08 Sep 2022"."""
    debate = load_debate(plain_days)
    figure = charts.timeline_density(debate, query.timeline_bins(debate.statements, "W"), events=debate.events)
    hovers = [str(text) for trace in figure.data if trace.hovertext is not None for text in trace.hovertext]
    assert hovers and [h for h in hovers if OTHER_DAY.search(h)] == []
    assert any(re.search(r"[0-9]{4}-[0-9]{2}-[0-9]{2} – [0-9]{4}-[0-9]{2}-[0-9]{2}", h) for h in hovers)
    assert [h for h in hovers if "<br>1 statements" in h] == []  # and one statement is "1 statement"
    assert any("<br>1 statement, " in h for h in hovers)
