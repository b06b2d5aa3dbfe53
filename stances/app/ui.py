"""Widgets shared by the pages: detail card, empty state, link notice, statement selection."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import streamlit as st

from stances import cards, chart_rows, links, query
from stances.app.state import AppContext
from stances.vocab import counted

STATEMENT = links.STATEMENT_PARAM
# Buttons that show only their icon: their label names them for screen readers and is hidden on screen.
ICON_ONLY_KEYS = ("first", "last", "dismiss_notice")
_ICON_ONLY = ", ".join(f'.st-key-{key} [data-testid="stMarkdownContainer"]' for key in ICON_ONLY_KEYS)
# What every page needs beyond Streamlit's defaults for WCAG 2.2 AA (checked by tests/browser/test_a11y.py):
# - a focus ring on whatever the keyboard is on, distinct from the current page's highlight in the navigation
#   (which Streamlit draws like a focused link), and the current page marked by more than a tint;
# - captions and buttons' shortcut hints at 4.5:1 (Streamlit fades them to 60% of the text colour, 4.4:1 on white);
# - the day and month boxes of a date field at least 24 px wide (target size);
# - icon-only buttons named by a label that only screen readers get;
# - the changes table's cells wrap between words, never inside a day (Streamlit's tables break anywhere).
APP_CSS = f"""<style>
:focus-visible {{ outline: 3px solid #1f5fa8 !important; outline-offset: 2px !important; }}
[data-testid="stSidebarNavLink"]:focus-visible {{ outline-offset: -3px !important; }}
[data-testid="stSidebarNavLink"][aria-current="page"] {{ box-shadow: inset 4px 0 0 #1b1f24; }}
[data-testid="stSidebarNavLink"][aria-current="page"] span {{ font-weight: 700; }}
[data-testid="stCaptionContainer"], [data-testid^="stBaseButton"] kbd {{ color: #4f555c; opacity: 1; }}
[data-testid="stDateInputField"] [role="spinbutton"] {{ display: inline-block; min-width: 24px; text-align: center; }}
.st-key-changes_table td {{ overflow-wrap: normal; word-break: normal; }}
{_ICON_ONLY} {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }}
</style>"""


def page_style() -> None:
    """The app-wide style above, once per run (a style-only st.html takes no room on the page)."""
    st.html(APP_CSS)


def selected_statement() -> str | None:
    value = st.query_params.get(STATEMENT)
    return value or None


def select_statement(statement_id: str | None) -> None:
    if statement_id:
        st.query_params[STATEMENT] = statement_id
    elif STATEMENT in st.query_params:
        del st.query_params[STATEMENT]


def picked_customdata(event: Any) -> list | None:
    """The `customdata` of the first clicked point that carries one, from a plotly selection event (real or
    injected by AppTest); None when nothing with data was clicked."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, str):
            data = [data]
        if isinstance(data, list | tuple) and data and data[0]:
            return list(data)
    return None


def picked_id(event: Any) -> str | None:
    """The statement id carried by the first clicked point of a plotly selection event."""
    data = picked_customdata(event)
    return str(data[0]) if data else None


def follow_click(event: Any, key: str) -> None:
    """Open the card of a newly clicked mark (a rerun with the same selection changes nothing)."""
    picked = picked_id(event)
    memory = f"_last_pick_{key}"
    if picked and picked != st.session_state.get(memory):
        select_statement(picked)
    st.session_state[memory] = picked


def statement_picker(choices: pd.DataFrame, *, key: str, chart: str) -> None:
    """The keyboard's way into a chart (its marks take no focus): the chart's statements, in its order, in a select
    box; choosing one opens its card, and a card opened by a click on a mark shows here too."""
    if choices.empty:
        return
    labels = dict(zip(choices["statement_id"], choices["label"], strict=True))
    current = selected_statement()
    st.session_state[key] = current if current in labels else None
    st.selectbox(
        f"Open a statement of the {chart}",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        key=key,
        on_change=_open_picked,
        args=(key,),
        placeholder=f"{len(labels):,} statements, in the {chart}'s order: choose one, or type to search",
        help=f"Every statement the {chart} shows, in the order it is read, "
        "for the keyboard and screen readers: Tab here, the arrow keys to choose, Enter to open its card.",
    )


def chart_statement_picker(
    context: AppContext, figure: Any, *, by: Literal["rows", "traces"], key: str, chart: str
) -> None:
    """`statement_picker` over the statements `figure` draws, in its reading order (`stances.chart_rows`)."""
    ids = chart_rows.chart_statements(figure, chart_rows.statement_ids(context.debate), by=by)
    statement_picker(chart_rows.statement_choices(context.debate, ids), key=key, chart=chart)


def _open_picked(key: str) -> None:
    select_statement(st.session_state.get(key))


CLICK_A_MARK = "Click a mark to read the statement, its quote and its sources."


def detail_card(context: AppContext, *, hint: str | None = CLICK_A_MARK) -> None:
    """The card of the selected statement, in a panel at the right of the screen (seen whatever the scroll and
    the size of the window: below the chart or the downloads it opened off screen); else the page's `hint` on how
    to open one (None: the page says it already)."""
    detail = query.statement_detail(context.debate, statement_id) if (statement_id := selected_statement()) else None
    if detail is None:
        if hint:
            st.caption(hint)
        return
    _card_panel(detail)


def _close_card() -> None:
    select_statement(None)


@st.dialog("Statement", width=600, position="right", on_dismiss=_close_card)
def _card_panel(detail: query.StatementDetail) -> None:
    with st.container(key="detail_card"):
        st.html(cards.detail_html(detail))


START_PAGE = Path(__file__).resolve().parent / "pages" / "timeline.py"  # where the upload form is
BRING_YOUR_OWN = (
    "**Your own debate**: on the start page, open “Explore your own debate” and upload a zipped debate folder, a "
    "workbook with one sheet per table, or a table with one row per statement (actor, question, date, position). It "
    "is checked, and shown in this browser session only. To offer a debate to everyone, its folder goes in the app's "
    "data folder (see the README, “Your own debate”)."
)


def bring_your_own_debate() -> None:
    """How to bring one's own debate, with a link to the start page's upload."""
    st.markdown(BRING_YOUR_OWN)
    st.page_link(START_PAGE, label="Upload a debate on the start page", icon=":material/upload_file:")


def empty_state(context: AppContext) -> None:
    """Nothing matches: say which filters are on, and how many statements relaxing each would bring back (and how
    to bring a debate of one's own)."""
    active = context.filters.active()
    st.info("No statements match these filters.", icon=":material/filter_alt_off:")
    if not active:
        st.write("This debate has no statements yet.")
        bring_your_own_debate()
        return
    lines = []
    for name, label in query.FILTER_LABELS.items():
        if label not in active:
            continue
        relaxed = context.filters.without(name)
        if name == "start":
            relaxed = relaxed.without("end")
        count = int(query.filter_mask(context.debate, relaxed).sum())
        lines.append(
            f"- **{cards.shown(label)}** ({cards.shown(active[label])}): "
            f"clearing it would show {counted(count, 'statement')}"
        )
    st.markdown("Try relaxing a filter in the sidebar:\n" + "\n".join(lines))
    bring_your_own_debate()


def figure_downloads(context: AppContext, figures: dict[str, Any], *, key: str) -> None:
    """Take-away files for slides and USB sticks: each figure as self-contained HTML, and as PNG when a browser
    binary is here to draw it (said plainly when not). Files are built only when their button is clicked."""
    from stances import snapshots

    name = context.debate.meta.name
    browser = snapshots.find_browser()
    for label, figure in figures.items():
        slug = label.lower().replace(" ", "-")
        cols = st.columns(2)
        cols[0].download_button(
            f"{label} as HTML (works offline)",
            data=partial(
                snapshots.standalone_html,
                figure,
                title=f"{context.debate.meta.title}: {label}",
                caption=_caption(context),
            ),
            file_name=f"{name}_{slug}.html",
            mime="text/html",
            key=f"{key}_{slug}_html",
            on_click="ignore",
            icon=":material/html:",
        )
        if browser:
            cols[1].download_button(
                f"{label} as PNG",
                data=partial(snapshots.static_image, figure, fmt="png"),
                file_name=f"{name}_{slug}.png",
                mime="image/png",
                key=f"{key}_{slug}_png",
                on_click="ignore",
                icon=":material/image:",
            )
        else:
            cols[1].caption(
                "PNG needs Chromium or Chrome on this machine, and none was found; the HTML file needs none."
            )


def _caption(context: AppContext) -> str:
    active = context.filters.active()
    filters = "; ".join(f"{k}: {v}" for k, v in active.items()) or "no filters"
    return f"Version {context.debate.meta.version or '–'} · {filters} · made with stances"
