"""The dense timeline (past `charts.DENSITY_ABOVE` statements) in a real browser, with the keyboard alone: from the
page to a period's marks, to one of its statements and its card; axe-core on the page (issue 16)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stances import charts
from stances.load import load_debate
from stances.synth import write_synthetic

from .conftest import AppServer, chromium_or_skip, screenshot, settled
from .test_a11y import BLOCKING, axe_violations, described

pytestmark = pytest.mark.browser

STATEMENTS = 6_000  # just past charts.DENSITY_ABOVE: small enough to start in seconds


@pytest.fixture(scope="module")
def dense_server(tmp_path_factory):
    chromium_or_skip()
    assert STATEMENTS > charts.DENSITY_ABOVE
    folder = write_synthetic(tmp_path_factory.mktemp("dense") / "debate", STATEMENTS, seed=0)
    app = AppServer(folder)
    app.wait()
    app.debate = load_debate(folder)
    yield app
    app.stop()


def focus_in(page, key: str, presses: int = 40) -> None:
    """Press Tab until the select box of widget `key` has the focus."""
    script = f"""() => !!document.activeElement.closest('.st-key-{key}')
        && document.activeElement.getAttribute('role') === 'combobox'"""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(script):
            return
    pytest.fail(f"{presses} presses of Tab did not reach the select box {key}")


def choose_second_option(page) -> None:
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    settled(page, timeout=60_000)


def drawn(page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"
    )


def test_a_statement_of_a_dense_period_opens_with_the_keyboard_alone(page, dense_server):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(dense_server.url + "/")
    settled(page, timeout=90_000)
    drawn(page)
    expect(page.get_by_text(f"{STATEMENTS:,} statements are too many to draw one by one")).to_be_visible()
    screenshot(page, "dense-timeline-1440x900")
    page.set_viewport_size({"width": 1280, "height": 720})
    screenshot(page, "dense-timeline-1280x720")
    page.keyboard.press("Tab")  # Streamlit's "Skip to main content"
    page.keyboard.press("Enter")
    focus_in(page, "timeline_bin")
    choose_second_option(page)
    chosen = page.locator(".st-key-timeline_bin [role=combobox]").input_value()
    who, period = chosen.split(" · ")[:2]
    start, _, end = period.partition(" – ")
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end or start)
    # the chart rings the chosen period
    page.wait_for_function(
        "() => document.querySelector('.st-key-timeline_bins .js-plotly-plot').data"
        ".some(t => t.name === 'Current step' && t.x.length === 1)"
    )
    focus_in(page, "bin_statements")
    choose_second_option(page)
    card = page.locator(".st-key-detail_card")
    expect(card).to_be_visible()
    picked = re.search(r"[?&]statement=([^&]+)", page.url)
    assert picked, page.url
    debate = dense_server.debate
    statement = debate.statements.set_index("statement_id").loc[picked.group(1)]
    actor = debate.actors.set_index("actor_id").loc[statement["actor_id"], "name"]
    assert (actor, first <= statement["date"].date() <= last) == (who, True)
    expect(card).to_contain_text(statement["summary"])
    screenshot(page, "dense-timeline-card-1280x720")
    page.keyboard.press("Escape")  # closes the card: the page under it, with the period's list, for axe
    settled(page)
    expect(card).to_have_count(0)
    page.locator(".st-key-bin_statements").scroll_into_view_if_needed()
    screenshot(page, "dense-timeline-period-1280x720")
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"axe-core on the dense timeline:\n{described(blocking)}"
