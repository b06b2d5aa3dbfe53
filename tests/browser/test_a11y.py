"""Accessibility in a real browser: axe-core (vendored, see vendor/README.md) on every page of the app.

WCAG 2.2 AA rules only; a page passes with no violation of impact "serious" or "critical". The failure message
names each violation's rule, impact and the elements it found, so a failure says what to fix where.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from stances.load import load_debate

from .conftest import screenshot, settled

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}
# Every page in the navigation, with the bundled debate; a card open where a page has one; the presenter.
PAGES = {
    "timeline": "/",
    "timeline-card": "/?statement=sullivan-20221110-us-press-kyiv",
    "grid": "/grid?changes=true&since=2022-11-01&asof=2022-12-01",
    "trends": "/trends",
    "alignment": "/alignment",
    "public-private": "/gaps",
    "actor": "/actor",
    "present": "/present",
    "sources": "/sources",
    "table": "/table",
    "about": "/about",
}
RUN_AXE = r"""async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 8).map(n => {
      const data = (n.any[0] || n.all[0] || {}).data;
      const ratio = data && data.contrastRatio ? ` [${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}:1]` : '';
      return n.target.join(' ') + ratio + '  ' + n.html.slice(0, 140).replace(/\s+/g, ' ');
    }),
    count: v.nodes.length,
  }));
}"""


def axe_violations(tab) -> list[dict]:
    """Run axe-core on the page as it is now: its WCAG 2.2 AA violations (id, impact, help, targets, count)."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.add_script_tag(path=str(AXE))
    return tab.evaluate(RUN_AXE, WCAG_AA)


def described(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}, {v['count']} element(s)): {v['help']}\n    " + "\n    ".join(v["targets"])
        for v in violations
    )


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(page, server, path):
    page.goto(server.url + path)
    settled(page)
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
    # charts draw after the run ends: wait until every plotly chart on the page has drawn its SVG
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"
    )
    violations = axe_violations(page)
    print(json.dumps({path: [(v["id"], v["impact"], v["count"]) for v in violations]}))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"axe-core on {path}:\n{described(blocking)}"


FOCUS = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {text: e.innerText.trim(), current: e.getAttribute('aria-current'), outline: s.outlineStyle,
          width: parseFloat(s.outlineWidth)}; }"""


def test_keyboard_focus_is_a_ring_unlike_the_current_page_mark(page, server):
    # Streamlit draws a focused navigation link with the same tint as the current page, and no ring (issue 16)
    page.goto(server.url + "/grid")
    settled(page)
    seen = []
    for _ in range(4):  # skip link, Timeline, Comparison grid (the current page), Positions over time
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS))
    assert [(s["text"].split("\n")[-1], s["current"]) for s in seen[1:]] == [
        ("Timeline", None),
        ("Comparison grid", "page"),
        ("Positions over time", None),
    ]
    assert all(s["outline"] == "solid" and s["width"] >= 2 for s in seen), seen
    current = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    mark = current.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).boxShadow]")
    assert mark[0] == "none" and "inset" in mark[1], mark  # not focused now: marked by its bar, with no ring


def test_icon_buttons_are_named_for_what_they_do(page, server):
    # they were read out as "first_page icon" and "close icon" (issue 16)
    page.goto(server.url + "/present?step=2&actor=Nobody")
    settled(page)
    for name in ("First step", "Last step", "Dismiss this notice"):
        expect(page.get_by_role("button", name=re.compile(f"^{name}"))).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile("icon"))).to_have_count(0)
    # the label is for screen readers: on screen the button still shows its icon alone
    label = page.locator('.st-key-first [data-testid="stMarkdownContainer"]').first
    expect(label).to_have_css("width", "1px")
    screenshot(page, "present-step-bar")


IN_PICKER = """(key) => !!document.activeElement.closest('.st-key-' + key)
  && document.activeElement.getAttribute('role') === 'combobox'"""


@pytest.mark.parametrize(
    ("path", "key"),
    [("/", "timeline_statements"), ("/grid?asof=2022-12-01", "grid_statements")],
    ids=["timeline", "grid"],
)
def test_a_statement_card_opens_with_the_keyboard_alone(page, server, path, key):
    # a plotly mark takes no focus, so no card could be opened without a mouse (issue 16)
    page.goto(server.url + path)
    settled(page)
    page.locator(f".st-key-{key}").wait_for()
    page.keyboard.press("Tab")  # Streamlit's "Skip to main content"
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(IN_PICKER, key):
            break
    else:
        pytest.fail(f"30 presses of Tab from the main content did not reach the list of statements ({key})")
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    settled(page)
    card = page.locator(".st-key-detail_card")
    expect(card).to_be_visible()
    chosen = re.search(r"[?&]statement=([^&]+)", page.url)
    assert chosen, page.url
    statement = load_debate().statements.set_index("statement_id").loc[chosen.group(1)]
    expect(card).to_contain_text(statement["summary"])
    actor = load_debate().actors.set_index("actor_id").loc[statement["actor_id"], "name"]
    expect(page.locator(f".st-key-{key} [role=combobox]")).to_have_value(re.compile(re.escape(actor)))
    card.scroll_into_view_if_needed()
    screenshot(page, f"keyboard-card-{key}")
