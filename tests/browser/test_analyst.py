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


def click_until_the_card_opens(page, target) -> None:
    """Click the centre of `target` (a chart mark, a table row) until the card opens (plotly may redraw once after
    the first paint and swallow an early click)."""
    card = page.locator(".st-key-detail_card")
    for _ in range(3):
        expect(target).to_be_visible()
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        settled(page)
        if card.count():
            break
    expect(card).to_be_visible()


def card_in_view(page, size: tuple[int, int]) -> None:
    card = page.locator(".st-key-detail_card")
    expect(card).to_contain_text("How we know:")
    # The panel slides in from the right: wait (bounded) until it has arrived, then measure.
    page.wait_for_function(
        """() => { const r = document.querySelector('.st-key-detail_card').getBoundingClientRect();
                   return r.left >= 0 && r.right <= window.innerWidth + 1; }""",
        timeout=5_000,
    )
    box = card.bounding_box()
    assert 0 <= box["y"] < size[1] - 100, f"the card's top is at {box['y']:.0f} px in a {size[1]} px window"
    assert box["x"] >= 0 and box["x"] + box["width"] <= size[0] + 1, f"the card runs off the right: {box}"


SIZES = [(1440, 900), (1280, 720)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_grid_cell_opens_its_card_in_view(page, server, outside_requests, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, server, "/grid")
    click_until_the_card_opens(page, page.locator(".st-key-grid_chart .scatterlayer .point").first)
    card_in_view(page, size)
    assert re.search(r"[?&]statement=", page.url)
    screenshot(page, f"grid-card-{size[0]}x{size[1]}")
    page.keyboard.press("Escape")
    settled(page)
    expect(page.locator(".st-key-detail_card")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"[?&]statement="))
    assert outside_requests == []


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_table_row_opens_its_card_in_view(page, server, outside_requests, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, server, "/table")
    table = page.locator(".st-key-statement_table")
    expect(table).to_be_visible()
    box = table.bounding_box()
    # The row selector of the first row: the grid is a canvas, so the click goes to where the row is drawn.
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    settled(page)
    card_in_view(page, size)
    screenshot(page, f"table-card-{size[0]}x{size[1]}")
    assert outside_requests == []


def test_a_typed_date_range_moves_from_start_to_end(page, server, outside_requests):
    """Regression (issue 16, item 8): typing a range into the date field ran on into the start's day (2022-11-30)."""
    open_app(page, server, "/")
    box = page.locator(".st-key-dates_typed input")
    box.fill("")
    box.type("2022-11-05 to 2022-11-20", delay=20)  # typed, key by key, as a person does
    box.press("Enter")
    settled(page)
    expect(page).to_have_url(re.compile(r"dates=2022-11-05&dates=2022-11-20"))
    field = page.locator(".st-key-dates [data-testid=stDateInputField]")
    expect(field).to_contain_text(re.compile(r"2022\D*11\D*05\D*2022\D*11\D*20"))
    expect(box).to_have_value("2022-11-05 to 2022-11-20")
    box.fill("the fifth of November")
    box.press("Enter")
    settled(page)
    expect(page.get_by_text("Not read as dates: “the fifth of November”")).to_be_visible()
    expect(page).to_have_url(re.compile(r"dates=2022-11-05&dates=2022-11-20"))
    assert outside_requests == []


def test_the_as_of_day_can_be_typed_and_the_slider_and_link_follow(page, server, outside_requests):
    open_app(page, server, "/grid")
    page.get_by_role("spinbutton", name=re.compile(r"^year, Positions as of")).click()
    page.keyboard.type("20221115", delay=30)
    page.locator("h1").first.click()  # leave the field: the day is applied
    settled(page)
    expect(page).to_have_url(re.compile(r"asof=2022-11-15"))
    expect(page.locator(".st-key-asof_slider")).to_contain_text("2022-11-15")
    # and the other way: a link's day shows in the typed field
    open_app(page, server, "/grid?asof=2022-10-01")
    expect(page.locator(".st-key-asof [data-testid=stDateInputField]")).to_contain_text(re.compile(r"2022\D*10\D*01"))
    expect(page.locator(".st-key-asof_slider")).to_contain_text("2022-10-01")
    # sliding moves the day in the field and the link (keys: the slider has the focus after a click on its thumb)
    page.locator(".st-key-asof_slider input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    settled(page)
    expect(page).to_have_url(re.compile(r"asof=2022-10-02"))
    expect(page.locator(".st-key-asof [data-testid=stDateInputField]")).to_contain_text(re.compile(r"2022\D*10\D*02"))
    screenshot(page, "grid-typed-day")
    assert outside_requests == []


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_grid_keeps_its_questions_and_key_in_view_while_its_cells_scroll(page, server, outside_requests, size):
    """Regression (issue 16, item 4): the grid was taller than the screen; its column labels scrolled away."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, server, "/grid")
    header, cells = page.locator(".st-key-grid_header"), page.locator(".st-key-grid_cells")
    expect(page.locator(".stances-grid-key")).to_contain_text("−2 strongly against")
    expect(header).to_contain_text("Open talks now")
    top, head = cells.bounding_box(), header.bounding_box()
    together = top["y"] + top["height"] - head["y"]
    assert together <= size[1] - 40, f"the header and the cells' box take {together:.0f} px: more than the window"
    box_height = cells.evaluate("e => e.querySelector('[data-testid=stVerticalBlock]')?.clientHeight ?? e.clientHeight")
    inner = cells.evaluate("e => e.scrollHeight")
    assert inner > box_height  # 34 actors: more rows than the box shows
    header.scroll_into_view_if_needed()
    top = cells.bounding_box()
    page.mouse.move(top["x"] + top["width"] / 2, min(top["y"] + 60, size[1] - 10))
    page.mouse.wheel(0, 600)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.st-key-grid_cells, .st-key-grid_cells *')].some(e => e.scrollTop > 0)"
    )
    expect(header).to_be_in_viewport()
    assert header.bounding_box()["y"] + header.bounding_box()["height"] <= cells.bounding_box()["y"] + 1
    screenshot(page, f"grid-scrolled-{size[0]}x{size[1]}")
    assert outside_requests == []


# Each cell of the changes table's Path column: its text, and whether any of it lies outside the cell.
PATH_CELLS = """() => {
  const table = document.querySelector('.st-key-changes_table table');
  const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const at = heads.indexOf('Path');
  return [...table.querySelectorAll('tbody tr')].map(row => {
    const cell = row.children[at], box = cell.getBoundingClientRect(), text = document.createRange();
    text.selectNodeContents(cell);
    const ink = text.getBoundingClientRect();
    return {text: cell.textContent.trim().replaceAll('\u2011', '-'),
            cut: cell.scrollWidth > cell.clientWidth + 1 || ink.right > box.right + 1};
  });
}"""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_long_path_in_the_changes_table_is_shown_whole(page, server, outside_requests, size):
    """Regression (issue 16, item 3): the changes table cut a long path at its column's edge; only a mouse could
    widen the column. Milley's path on "Victory by force" has five moves."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(page, server, "/grid?changes=true")
    table = page.locator(".st-key-changes_table table")
    # its days written with non-breaking hyphens, so that no day is wrapped after its month
    expect(table).to_contain_text("+1 (2022-09-08) → −1 (2022-11-09) → 0 (2022-11-10)".replace("-", "\u2011"))
    cells = page.evaluate(PATH_CELLS)
    longest = max(cells, key=lambda cell: len(cell["text"]))
    assert longest["text"].startswith("+1 (2022-09-08) → −1 (2022-11-09) → 0 (2022-11-10) → −1 (2022-11-16)")
    assert [cell["text"] for cell in cells if cell["cut"]] == []
    table.locator("tr", has_text="Mark A. Milley").filter(has_text="Victory by force").scroll_into_view_if_needed()
    screenshot(page, f"grid-changes-path-{size[0]}x{size[1]}")
    assert outside_requests == []


def test_the_dates_field_says_how_to_type_a_range_and_tab_moves_to_the_last_day(page, server, outside_requests):
    """Issue 16, item 8: typing on past the first day rewrote it (Streamlit's range field does not move on to the
    last day by itself); the field's help says to press Tab, which does."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, server, "/")
    expect(page.get_by_role("button", name="Help for Dates")).to_be_visible()
    page.get_by_role("spinbutton", name="year, Dates start date").click()
    page.keyboard.type("20221105", delay=30)
    page.keyboard.press("Tab")
    expect(page.get_by_role("spinbutton", name="year, Dates end date")).to_be_focused()
    page.keyboard.type("20221120", delay=30)
    page.locator("h1").first.click()  # leave the field: the range is applied
    settled(page)
    expect(page).to_have_url(re.compile(r"dates=2022-11-05&dates=2022-11-20"))
    screenshot(page, "dates-typed-with-tab-1280x720")
    assert outside_requests == []
