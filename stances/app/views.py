"""The pages: thin layouts over `query`, `charts`, `cards` and `export`."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from stances import cards, chart_rows, charts, links, paging, query
from stances.app import state, ui
from stances.app.main import EVERY_QUESTION, note
from stances.names import actor_names, question_labels
from stances.vocab import DAY_WIDGET_FORMAT, STALE_AFTER_DAYS, counted, day_text, signed

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def timeline_page() -> None:
    context = state.get()
    debate, shown = context.debate, context.shown
    _back_to_story()
    st.title("Timeline")
    st.caption(
        "Each mark is one statement, on its actor's lane at the date it was made: its number and colour are the "
        "position (orange against, purple for the proposition), its shape how we know it. Marks of one actor close "
        "in time are stacked. Numbered triangles with dotted lines are context events, listed under the chart."
    )
    _upload_panel()
    if shown.empty:
        ui.empty_state(context)
        return
    if charts.needs_density(shown):
        figure = _dense_timeline(context)
    else:
        colour_by = _colour_choice(context)
        figure = charts.timeline(
            debate, shown, events=debate.events, current=ui.selected_statement(), colour_by=colour_by
        )
        event = st.plotly_chart(
            figure,
            alt=charts.timeline_alt(debate, shown),
            on_select="rerun",
            selection_mode="points",
            key="timeline_chart",
            config=CHART_CONFIG,
        )
        st.caption(charts.timeline_alt(debate, shown))
        ui.follow_click(event, "timeline_chart")
        ui.chart_statement_picker(context, figure, by="rows", key="timeline_statements", chart="timeline")
    ui.detail_card(context)
    with st.expander("Take the timeline away: HTML for offline use, PNG for slides"):
        ui.figure_downloads(context, {"Timeline": figure}, key="timeline_files")


def _colour_choice(context: state.AppContext) -> str | None:
    """What the timeline's colours show: each mark's own question, or one question; said beside the choice and
    bound to the link (`?colours=` holds the question's label)."""
    debate, shown = context.debate, context.shown
    labels = question_labels(debate)
    present = query.questions_in(debate, shown["question_id"])
    linked = st.query_params.get(links.COLOURS)
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    choice = left.selectbox(
        "Colours show",
        [EVERY_QUESTION, *present],
        format_func=lambda q: charts.EACH_OWN_QUESTION if q == EVERY_QUESTION else labels.get(q, q),
        key=links.COLOURS,
        bind="query-params",
        help="A lane holds statements on several questions: choose one to colour only its statements.",
    )
    if linked and linked != labels.get(choice) and linked in set(labels):
        note(links.Unused(name=links.COLOURS, value=linked, why="no statement on it passes the filters"))
    colour_by = choice or None
    right.caption(cards.shown(charts.colour_note(debate, colour_by)) + ".")
    return colour_by


def _upload_panel() -> None:
    """The start page offers to explore a debate of one's own (see `stances.app.uploads`)."""
    from stances.app import uploads
    from stances.app.main import reset_view

    uploads.panel(reset_view)


def _dense_timeline(context: state.AppContext):
    """Many statements: counts per actor and period. A click on a bin, or choosing it in the list of bins under the
    chart (the keyboard's way), lists its statements a page at a time; choosing one opens its card."""
    debate, shown = context.debate, context.shown
    freq = charts.dense_period(shown, lanes=min(shown["actor_id"].nunique(), charts.DENSE_LANES))
    bins = state.binned(debate, context.signature, context.filters, freq)
    period = {"D": "day", "W": "week", "MS": "month", "QS": "quarter", "YS": "year"}[freq]
    too_many = (
        f"{len(shown):,} statements are too many to draw one by one"
        if len(shown) > charts.DENSITY_ABOVE
        else f"{shown['actor_id'].nunique():,} actors are too many for a lane each"
    )
    st.info(
        f"{too_many}: each mark counts one actor's statements "
        f"in a {period} (area = how many, colour = mean position, shape = its leaning: ▲ for, ● between, "
        "▼ against). Click a mark, or choose it in the list under the chart, to list them; or narrow the "
        f"filters to {charts.DENSITY_ABOVE:,} statements by {charts.DENSE_LANES} actors or fewer to see every mark."
        + (
            f" Lanes: the {charts.DENSE_LANES} actors with most statements; choose actors in the sidebar for others."
            if shown["actor_id"].nunique() > charts.DENSE_LANES
            else ""
        ),
        icon=":material/blur_on:",
    )
    rows = state.bin_rows(debate, context.signature, context.filters, freq)
    chosen = _follow_bin_click(st.session_state.get("timeline_bins"), rows)
    figure = state.density_figure(
        debate, context.signature, context.filters, freq, (chosen[0], chosen[1]) if chosen else None
    )
    st.plotly_chart(
        figure,
        alt=f"Timeline of {len(shown):,} statements counted per {period} and actor, coloured by mean position and "
        "shaped by its leaning; the list of periods under the chart holds the same.",
        on_select="rerun",
        selection_mode="points",
        key="timeline_bins",
        config=CHART_CONFIG,
    )
    st.caption(
        f"Timeline of {counted(len(shown), 'statement')} by {counted(bins['actor_id'].nunique(), 'actor')}, "
        f"counted per {period}."
    )
    labels = dict(zip(rows["bin"], rows["label"], strict=True))
    st.selectbox(
        f"Open a {period} of the timeline",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        key=BIN_PICK,
        placeholder=f"{len(labels):,} marks, lane by lane in the chart's order: choose one, or type to search",
        help="Every mark the chart draws, for the keyboard and screen readers: Tab here, the arrow keys to "
        "choose, Enter to list its statements.",
    )
    picked = query.parse_bin_key(st.session_state.get(BIN_PICK) or "")
    if picked is not None:
        _bin_statements(context, *picked)
    return figure


BIN_PICK = "timeline_bin"  # the chosen bin of the dense timeline, as `query.bin_key`
BIN_ROWS = 100  # statements of a bin listed at a time


def _follow_bin_click(event, rows: pd.DataFrame) -> tuple[str, dt.date, dt.date] | None:
    """The bin chosen now: a newly clicked circle becomes the list's choice (a rerun with the same selection
    changes nothing), and a choice the filters no longer draw is dropped."""
    picked = ui.picked_customdata(event)
    clicked = query.bin_key(picked[0], picked[1], picked[2]) if picked and len(picked) == 3 else None
    memory = "_last_pick_timeline_bins"
    if clicked and clicked != st.session_state.get(memory):
        st.session_state[BIN_PICK] = clicked
    st.session_state[memory] = clicked
    if st.session_state.get(BIN_PICK) not in set(rows["bin"]):
        st.session_state[BIN_PICK] = None
    return query.parse_bin_key(st.session_state[BIN_PICK] or "")


def _bin_statements(context: state.AppContext, actor: str, start: dt.date, end: dt.date) -> None:
    """The statements of one bin, a page of `BIN_ROWS` at a time: a list to open one by keyboard, and a table."""
    inside = query.in_bin(context.shown, actor, start, end).sort_values("date", kind="stable")
    ids = inside["statement_id"].astype(str).tolist()
    window = paging.window(ids, size=BIN_ROWS)
    name = actor_names(context.debate).get(actor, actor)
    title, pages = st.columns([3, 2], vertical_alignment="bottom")
    title.subheader(f"{counted(len(inside), 'statement')}, {day_text(start)} – {day_text(end)}")
    title.text(name)  # dataset text: plain, never markup
    if window.pages > 1:
        bin_key = query.bin_key(actor, start, end)
        if st.session_state.get("_bin_page_of") != bin_key:  # another bin starts at its first page
            st.session_state["bin_page"] = 1
        st.session_state["_bin_page_of"] = bin_key
        page = pages.selectbox(
            "Which statements",
            range(1, window.pages + 1),
            format_func=lambda p: f"{(p - 1) * BIN_ROWS + 1:,}–{min(p * BIN_ROWS, len(ids)):,} of {len(ids):,}",
            key="bin_page",
        )
        window = paging.window(ids, size=BIN_ROWS, page=page or 1)
    ui.statement_picker(chart_rows.statement_choices(context.debate, window.ids), key="bin_statements", chart="period")
    statement_table(query.table_rows(context.debate, inside.iloc[window.first - 1 : window.last]), key="bin_table")


def statement_table(rows: pd.DataFrame, *, key: str) -> None:
    """Joined statement rows as a table; selecting a row opens that statement's card."""
    event = st.dataframe(
        rows.assign(position=rows["position"].map(signed)),  # "+1", "0", "−1" as everywhere (a format gave "+0")
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config=TABLE_COLUMNS,
        column_order=SCREEN_ORDER,
    )
    try:
        chosen = event["selection"]["rows"]
    except (KeyError, TypeError):
        chosen = []
    if chosen:
        ui.select_statement(str(rows.iloc[chosen[0]]["statement_id"]))


def _day_slider(place, label: str, bounds: tuple[dt.date, dt.date], *, default: dt.date, key: str) -> dt.date:
    """A day between `bounds`: a date field to type it (bound to the URL parameter `key`) and a slider beside it to
    slide through the days (one day is a few pixels of a slider, too fine to pick), kept in step; just the day when
    there is only one (every statement of an imported debate may share its document's date, and a slider cannot
    span no time). The field holds the link's value: a slider set from code writes its day to the URL in
    microseconds (Streamlit 1.67), a date field as YYYY-MM-DD."""
    if bounds[0] >= bounds[1]:
        place.caption(f"{label}: {day_text(bounds[0])}")
        return bounds[0]
    typed, sliding = place.columns([1, 1], vertical_alignment="bottom")
    day = typed.date_input(
        label,
        value=default,
        min_value=bounds[0],
        max_value=bounds[1],
        format=DAY_WIDGET_FORMAT,
        key=key,
        bind="query-params",
        help="Type the day as YYYY-MM-DD or pick it; the slider beside it moves through the days.",
    )
    day = day if isinstance(day, dt.date) else default
    st.session_state[f"{key}_slider"] = day
    sliding.slider(
        f"{label} (slide)",
        min_value=bounds[0],
        max_value=bounds[1],
        step=dt.timedelta(days=1),
        format=DAY_WIDGET_FORMAT,
        key=f"{key}_slider",
        on_change=_slid_day,
        args=(key,),
        label_visibility="collapsed",
    )
    return day


def _slid_day(key: str) -> None:
    st.session_state[key] = st.session_state[f"{key}_slider"]


def grid_page() -> None:
    context = state.get()
    debate, shown = context.debate, context.shown
    _back_to_story()
    st.title("Comparison grid")
    first, last = query.date_bounds(debate.statements)
    controls = st.columns([4, 2, 4], vertical_alignment="bottom")
    day = _day_slider(controls[0], "Positions as of", (first, last), default=last, key="asof")
    compare = controls[1].toggle("Show changes", key="changes", bind="query-params")
    gap_marks = controls[1].toggle(
        "Mark gaps ≠",
        key="gapmarks",
        bind="query-params",
        help="≠ marks a cell where the actor's public words and a private signal (its own, or of an actor linked "
        "by speaks_for) differ as of the day; the Public and private page lists them.",
    )
    since = _day_slider(controls[2], "Changes since", (first, last), default=first, key="since") if compare else None
    if since is not None and since > day:  # a link or the sliders may give them either way round: read in order
        controls[2].caption(
            f"“Changes since” is later than “Positions as of”: the changes run from "
            f"{day_text(day)} to {day_text(since)}, and the grid shows {day_text(since)}."
        )
        since, day = day, since
    st.caption(
        "Each cell is the actor's latest known position on the question as of the chosen day (the key below "
        "says what the colours and marks mean)."
        + (" ≠ marks differences that the Public and private page lists." if gap_marks else "")
    )
    if shown.empty:
        ui.empty_state(context)
        return
    actor_order, question_order = state.grid_orders(debate, context.signature, context.filters)
    rows = _grid_window(actor_order, actor_names(debate), "actors", state.GRID_ROWS, key="grid_actors")
    columns = _grid_window(
        question_order, question_labels(debate), "questions", state.GRID_COLUMNS, key="grid_questions"
    )
    if not (rows.complete and columns.complete):
        st.caption(f"Showing {rows.describe('actors')} × {columns.describe('questions')}.")
    if not rows.ids or not columns.ids:
        st.info("No actor or question matches the search; clear it to see the grid.", icon=":material/search_off:")
        return
    differs = _differing_cells(context, day) if gap_marks else frozenset()
    view, figure, table = state.grid(
        debate, context.signature, context.filters, day, since, tuple(rows.ids), tuple(columns.ids), differs
    )
    snapshot, actors, questions, changes = view.snapshot, view.actors, view.questions, view.changes
    st.html(
        cards.grid_key_html(
            charts.grid_key_names(debate), changes=changes is not None, gaps=gap_marks, stale_after=STALE_AFTER_DAYS
        )
    )
    # The question header stays above the cells, which scroll in a box of their own when they are taller.
    header, cells = charts.grid_parts(figure)
    st.plotly_chart(
        header,
        key="grid_header",
        config={"staticPlot": True},
        alt=GRID_HEADER_ALT,
    )
    with st.container(height=min(charts.GRID_BODY_PX, int(cells.layout.height) + 8), border=False, key="grid_cells"):
        event = st.plotly_chart(
            cells,
            alt=charts.grid_alt(debate, snapshot, actors, questions, day),
            on_select="rerun",
            selection_mode="points",
            key="grid_chart",
            config=CHART_CONFIG,
        )
    ui.follow_click(event, "grid_chart")
    ui.chart_statement_picker(context, figure, by="rows", key="grid_statements", chart="grid")
    if changes is not None and since is not None:
        where = "" if rows.complete and columns.complete else " (in the cells shown)"
        st.subheader(f"What changed from {day_text(since)} to {day_text(day)}{where}")
        paths = state.held_positions(debate, context.signature, context.filters, since, day)
        moved_rows = query.change_table(debate, changes, paths)
        if moved_rows.empty:
            st.write("No position moved between these dates.")
        else:
            st.caption(
                "Path: each position the actor held on the way, with the day it was said; a position that moved "
                "and came back by the later day is listed as “moved and back”."
            )
            # A static table: a long path wraps and is read whole (the interactive table cut it at the column's
            # edge, and only a mouse could widen the column).
            with st.container(key="changes_table"):
                st.table(cards.shown_cells(moved_rows), hide_index=True, border="horizontal")
    with st.expander("The grid as a table"):
        st.dataframe(table, width="stretch")
    ui.detail_card(context, hint="Click a cell to read the statement behind it, its quote and its sources.")
    with st.expander("Take the grid away: HTML for offline use, PNG for slides"):
        ui.figure_downloads(context, {"Grid": figure}, key="grid_files")


def _differing_cells(context: state.AppContext, day: dt.date) -> frozenset[tuple[str, str]]:
    from stances import gaps
    from stances.app.alignment_views import cached_gaps

    found = cached_gaps(context.debate, context.signature, context.filters)
    return frozenset(gaps.differing_cells(found, day))


def _grid_window(ordered: list[str], names, noun: str, size: int, *, key: str) -> paging.Window:
    """Which of `ordered` the grid shows: all when they fit in a page; else a search box and a page picker."""
    if len(ordered) <= size:
        return paging.window(ordered, size=size)
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    needle = left.text_input(
        f"Find {noun}", key=f"{key}_find", placeholder=f"Part of a name; {len(ordered):,} {noun}, busiest first"
    )
    matching = paging.window(ordered, size=size, needle=needle, names=names)
    page = right.selectbox(
        f"Which {noun}",
        range(1, matching.pages + 1),
        format_func=lambda p: f"{(p - 1) * size + 1:,}–{min(p * size, matching.matching):,} of {matching.matching:,}",
        key=f"{key}_page",
        disabled=matching.pages == 1,
    )
    return paging.window(ordered, size=size, page=page or 1, needle=needle, names=names)


def trends_page() -> None:
    context = state.get()
    debate, shown = context.debate, context.shown
    st.title("Positions over time")
    st.caption(
        "One small chart per actor: each mark is one of their statements on the question (its height and colour the "
        "position), and the line holds that position until the next; dotted after the last statement, no mark."
    )
    if shown.empty:
        ui.empty_state(context)
        return
    labels = question_labels(debate).to_dict()
    present = query.questions_in(debate, shown["question_id"])
    linked = st.query_params.get("question_focus")
    question = st.selectbox(
        "Question", present, format_func=lambda q: str(labels.get(q, q)), key="question_focus", bind="query-params"
    )
    if linked and linked != labels[question] and linked in set(labels.values()):
        note(links.Unused(name="question_focus", value=linked, why="no statement on it passes the filters"))
    proposition = debate.questions.set_index("question_id").loc[question, "proposition"]
    st.markdown(f"**{cards.shown(labels[question])}**: {cards.shown(proposition)}")
    _, last = query.date_bounds(shown)
    figure = charts.positions_over_time(debate, shown, question, until=last)
    event = st.plotly_chart(
        figure,
        alt=charts.positions_alt(debate, figure, labels[question]),
        on_select="rerun",
        selection_mode="points",
        key="trend_chart",
        config=CHART_CONFIG,
    )
    actors_here = shown.loc[(shown["question_id"] == question).to_numpy(), "actor_id"].nunique()
    more = (
        f" Showing the {charts.trend_actors(figure)} actors with the most statements of {actors_here}; choose actors "
        "in the sidebar to compare others."
        if charts.trend_actors(figure) < actors_here
        else ""
    )
    marks = charts.trend_marks(figure)
    drawn = (
        f"{counted(marks, 'statement')} by {counted(charts.trend_actors(figure), 'actor')} in the filter, a mark "
        "each (marks at one position that would overlap stand side by side; hover one for its day)"
        if marks
        else "too many statements for a mark each: each line steps once per period, to the last position in it"
    )
    st.caption(f"Each actor's position on “{cards.shown(labels[question])}”: {drawn}.{more}")
    ui.follow_click(event, "trend_chart")
    ui.chart_statement_picker(context, figure, by="traces", key="trend_statements", chart="chart")
    ui.detail_card(context)


def sources_page() -> None:
    context = state.get()
    st.title("Sources")
    st.caption(
        "Every document the statements rest on. “Reports on” is the reporting chain (outlet A citing outlet B); "
        "“read” says whether the curators read the document itself."
    )
    table = state.source_table(context.debate, context.signature)
    cols = st.columns([3, 2])
    needle = cols[0].text_input("Search outlets and titles", key="source_search")
    kinds = cols[1].multiselect(
        "Kind", sorted(map(str, table["source_kind"].unique())), key="source_kind", placeholder="All kinds"
    )
    found = query.search_sources(table, needle, kinds)
    more = f"; the first {SOURCE_ROWS:,} are listed, search to find others" if len(found) > SOURCE_ROWS else ""
    st.caption(f"{len(found):,} of {len(table):,} sources{more}")
    st.dataframe(
        found.head(SOURCE_ROWS).assign(url=lambda rows: rows["url"].map(cards.safe_url)),
        hide_index=True,
        width="stretch",
        column_config={
            "source_id": st.column_config.TextColumn("Id"),
            "outlet": st.column_config.TextColumn("Outlet"),
            "title": st.column_config.TextColumn("Title", width="large"),
            "published": st.column_config.DateColumn("Published", format=DAY_WIDGET_FORMAT),
            "url": st.column_config.LinkColumn("Link", display_text="open"),
            "source_kind": st.column_config.TextColumn("Kind"),
            "reports_on": st.column_config.TextColumn("Reports on"),
            "consulted": st.column_config.CheckboxColumn("Read"),
            "statements": st.column_config.NumberColumn("Statements", format="%d"),
        },
    )


def table_page() -> None:
    from stances.app import downloads

    context = state.get()
    st.title("Table & export")
    scope = st.radio(
        "Rows",
        ["view", "all"],
        format_func={"view": "Current view (the sidebar filters)", "all": "Whole dataset"}.get,
        horizontal=True,
        key="scope",
    )
    statements = context.shown if scope == "view" else query.apply(context.debate, query.Filters())
    if statements.empty:
        ui.empty_state(context)
        return
    visible = statements.head(TABLE_ROWS)
    rows = query.table_rows(context.debate, visible)
    note = "" if len(statements) <= TABLE_ROWS else f" (showing the first {TABLE_ROWS:,}; downloads hold all)"
    st.caption(f"{counted(len(statements), 'statement')}{note}. Select a row to open its card.")
    statement_table(rows, key="statement_table")
    downloads.buttons(context, statements, scope)
    ui.detail_card(context, hint=None)  # the caption above the table says how


TABLE_ROWS = 1_000
GRID_HEADER_ALT = "The comparison grid's column header: one column per question, as in the cells below it."
SOURCE_ROWS = 2_000
TABLE_COLUMNS = {
    "statement_id": st.column_config.TextColumn("Id"),
    "date": st.column_config.DateColumn("Date", format=DAY_WIDGET_FORMAT),
    "date_precision": st.column_config.TextColumn("Date precision"),
    "actor_id": None,
    "actor": st.column_config.TextColumn("Actor"),
    "question_id": None,
    "question": st.column_config.TextColumn("Question"),
    "position": st.column_config.TextColumn("Position"),
    "position_label": st.column_config.TextColumn("Position label"),
    "summary": st.column_config.TextColumn("Summary", width="large"),
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "evidence": st.column_config.TextColumn("Evidence"),
    "channel": st.column_config.TextColumn("Channel"),
    "confidence": st.column_config.TextColumn("Confidence"),
    "notes": st.column_config.TextColumn("Notes"),
    "source_ids": None,
    "source_outlets": st.column_config.TextColumn("Outlets"),
    "source_titles": st.column_config.TextColumn("Source titles"),
    "source_dates": st.column_config.TextColumn("Source dates"),
    "source_urls": st.column_config.TextColumn("Source links"),
    "reporting_chain": st.column_config.TextColumn("Reporting chain"),
}
# On screen, what a reader looks for first: when, who, on what, where they stood, their words, then the sources;
# the technical id last (the downloads keep the export's own column order).
SCREEN_ORDER = (
    "date",
    "actor",
    "question",
    "position",
    "position_label",
    "quote",
    "summary",
    "evidence",
    "channel",
    "source_outlets",
    "source_titles",
    "source_dates",
    "source_urls",
    "reporting_chain",
    "confidence",
    "date_precision",
    "notes",
    "statement_id",
)


def about_page() -> None:
    from stances.load import read_documents

    context = state.get()
    meta = context.debate.meta
    st.title("About this debate")
    st.subheader(cards.shown(meta.title))
    if meta.description:
        st.text(meta.description)  # plain text: the descriptor's words, never markup
    debate = context.debate
    facts = pd.DataFrame(
        {
            "": ["Version", "Licence", "Statements", "Actors", "Questions", "Sources", "Events"],
            "Value": [
                meta.version or "–",
                meta.licence or "–",
                f"{len(debate.statements):,}",
                f"{len(debate.actors):,}",
                f"{len(debate.questions):,}",
                f"{len(debate.sources):,}",
                f"{len(debate.events):,}",
            ],
        }
    )
    st.dataframe(facts, hide_index=True)
    if debate.warnings:
        with st.expander(f"Warnings from checking the files ({len(debate.warnings):,})"):
            st.caption("The debate is valid; these are worth a look. `stances validate` lists them too.")
            st.code("\n".join(str(problem) for problem in debate.warnings), language=None)
    st.subheader("How to cite")
    if meta.citation:
        st.code(meta.citation, language=None, wrap_lines=True)
    st.html(cards.dataset_links_html(meta))
    st.caption(
        "Every download says this too: the Excel file's about sheet, the JSON file's header, the README beside the "
        "CSV and the data package's README. Cite the original reporting as well: every row names its sources."
    )
    st.markdown(
        "**Positions** are points on each question's own scale, from against the question's proposition to for it; "
        "the codebook says what every point of every scale means."
    )
    ui.bring_your_own_debate()
    documents = read_documents(context.folder)
    # The debate's own files, as plain text (never rendered: they are data), each to download as it ships.
    for name, title in DOCUMENTS.items():
        if name not in documents:
            continue
        with st.expander(title):
            st.download_button(
                f"Download {name}",
                data=documents[name],
                file_name=name,
                mime="text/markdown" if name.endswith(".md") else "text/plain",
                key=f"about_{name}",
                on_click="ignore",
                icon=":material/download:",
            )
            st.code(documents[name].decode("utf-8", errors="replace"), language=None, wrap_lines=True)


DOCUMENTS = {
    "codebook.md": "Codebook: what every table, column and scale point means (codebook.md, shipped with the data)",
    "README.md": "Scope, method and known gaps (the data's README.md)",
    "CITATION.cff": "Citation file (CITATION.cff)",
}


def present_page() -> None:
    from stances.app.present import present_page as page

    page()


def _back_to_story() -> None:
    """The presenter's way back, on the pages its Grid and Timeline buttons open."""
    from stances.app.present import back_to_story

    back_to_story()
