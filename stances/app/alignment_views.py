"""The alignment pages: who stands with whom, public words against private signals, one actor's profile.

Thin layouts over `stances.alignment`, `stances.gaps`, `stances.alignment_charts` and `stances.alignment_export`.
Dataset text reaches the screen only through plain-text elements (`st.text`, tables) and the escaped card HTML.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from stances import alignment as al
from stances import alignment_charts, alignment_export, charts, gaps, query
from stances import alignment_tables as tables
from stances.app import state, ui
from stances.app.state import AppContext
from stances.app.views import statement_table
from stances.model import Debate
from stances.names import actor_names, question_labels
from stances.query import Filters
from stances.vocab import day_text

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
PAIR = "pair"  # URL parameter: the two actor ids of the pair whose statements are open
MATRIX_ACTORS = 60  # the matrix shows at most this many actors (those with the most positions in the window)
MEASURES = [m.value for m in al.Measure]
WINDOW_SIZES = (7, 14, 30, 45, 60, 90)
WINDOW_STEPS = (1, 7, 14, 30)
SMOOTHING = (1, 3, 5)


def link_choices(debate: Debate) -> dict[str, frozenset[str]]:
    """What the alignment pages' link parameters may hold, as their widgets write them (option labels)."""
    names = frozenset(actor_names(debate))
    return {
        "measure": frozenset(MEASURES),
        "focus": names,
        "who": names,
        "compare": names,
        "pair": frozenset(debate.actors["actor_id"].astype(str)),
        "wsize": frozenset(map(str, WINDOW_SIZES)),
        "wstep": frozenset(map(str, WINDOW_STEPS)),
        "smooth": frozenset(map(str, SMOOTHING)),
    }


@st.cache_resource(max_entries=16, show_spinner=False)
def cached_alignment(_debate: Debate, signature: tuple, filters: Filters) -> al.Alignment:
    del signature  # cache key only
    return alignment_export.compute(_debate, alignment_export.AlignmentOptions(filters=filters))


@st.cache_resource(max_entries=16, show_spinner=False)
def cached_moving(_debate: Debate, signature: tuple, filters: Filters, size: int, step: int, smooth: int):
    shown = state.filtered(_debate, signature, filters)
    first, last = alignment_export.window(_debate, alignment_export.AlignmentOptions(filters=filters))
    return al.moving_alignment(
        shown,
        _debate.scale_points,
        size_days=size,
        step_days=step,
        smooth=smooth,
        actor_order=_debate.actors["actor_id"].astype(str).tolist(),
        first=first,
        last=last,
    )


@st.cache_resource(max_entries=16, show_spinner=False)
def cached_gaps(_debate: Debate, signature: tuple, filters: Filters) -> pd.DataFrame:
    return gaps.public_private_gaps(
        _debate, state.filtered(_debate, signature, filters), start=filters.start, end=filters.end
    )


def window_caption(context: AppContext) -> str:
    start, end = alignment_export.window(context.debate, alignment_export.AlignmentOptions(filters=context.filters))
    return (
        f"Window: {day_text(start)} – {day_text(end)} (the sidebar's Dates). Each actor's latest position on each "
        "question inside the window counts; the other sidebar filters apply too (e.g. On-record words only)."
    )


def selected_pair(actors: set[str]) -> tuple[str, str] | None:
    values = st.query_params.get_all(PAIR)
    if len(values) == 2 and values[0] != values[1] and set(values) <= actors:
        return values[0], values[1]
    return None


def select_pair(pair: tuple[str, str] | None) -> None:
    if pair:
        st.query_params[PAIR] = list(pair)
    else:
        st.query_params.pop(PAIR, None)


def follow_pair_click(event: Any, key: str) -> None:
    """Open the statements of a newly clicked matrix cell (a rerun with the same selection changes nothing)."""
    picked = ui.picked_customdata(event)
    pair = (str(picked[0]), str(picked[1])) if picked and len(picked) >= 2 and picked[1] else None
    memory = f"_last_pair_{key}"
    if pair and pair != st.session_state.get(memory):
        select_pair(pair)
    st.session_state[memory] = pair


PAIR_PICK = "matrix_pairs"


def pair_picker(choices: pd.DataFrame, pair: tuple[str, str] | None) -> None:
    """The keyboard's way into the matrix (its cells take no focus): its pairs, in its order, in a select box;
    choosing one opens its statements, and a pair opened by a click or a link shows here too."""
    if choices.empty:
        return
    labels = dict(zip(choices["pair"], choices["label"], strict=True))
    current = next((key for key in ("|".join(pair), "|".join(pair[::-1])) if key in labels), None) if pair else None
    st.session_state[PAIR_PICK] = current
    st.selectbox(
        "Open a pair of the matrix",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        key=PAIR_PICK,
        on_change=_open_picked_pair,
        placeholder=f"{len(labels):,} pairs, row by row in the matrix's order: choose one, or type to search",
        help="Every pair the matrix shows, with its agreement, for the keyboard and screen readers: Tab here, the "
        "arrow keys to choose, Enter to read the statements behind it.",
    )


def _open_picked_pair() -> None:
    value = st.session_state.get(PAIR_PICK)
    first, _, second = str(value or "").partition("|")
    select_pair((first, second) if value else None)


def statement_card(debate: Debate, statement_id: str) -> None:
    """One statement's card (escaped HTML from `cards`)."""
    detail = query.statement_detail(debate, statement_id)
    if detail is not None:
        with st.container(border=True):
            st.html(ui.cards.detail_html(detail))


def pair_statements(context: AppContext, result: al.Alignment, pair: tuple[str, str]) -> None:
    """The statements that make one pair: per shared question, the two positions side by side with their cards."""
    debate = context.debate
    names = actor_names(debate)
    a, b = pair
    rows = al.pair_questions(result, debate.scale_points, a, b)
    with st.container(border=True, key="pair_statements"):
        cols = st.columns([6, 1], vertical_alignment="center")
        with cols[0]:
            st.subheader("Statements behind the pair")
            st.text(f"{names.get(a, a)} and {names.get(b, b)}")
        if cols[1].button("Close", key="close_pair", icon=":material/close:"):
            select_pair(None)
            st.rerun()
        if rows.empty:
            st.text("These two share no question in this window.")
            return
        table = tables.pair_table(debate, rows, a, b)
        st.dataframe(table, hide_index=True, width="stretch", key="pair_table")
        labels = question_labels(debate)
        for row in rows.itertuples(index=False):
            st.text(f"{labels.get(row.question_id, row.question_id)}: agreement {row.agreement:.2f}")
            left, right = st.columns(2)
            with left:
                statement_card(debate, str(row.statement_a))
            with right:
                statement_card(debate, str(row.statement_b))


def alignment_page() -> None:
    context = state.get()
    debate = context.debate
    st.title("Who stands with whom")
    st.caption(window_caption(context))
    if context.shown.empty:
        ui.empty_state(context)
        return
    result = cached_alignment(debate, context.signature, context.filters)
    names = actor_names(debate)
    controls = st.columns([2, 3], vertical_alignment="bottom")
    measure = controls[0].selectbox(
        "Measure for the lists and downloads",
        MEASURES,
        key="measure",
        bind="query-params",
        help="; ".join(f"{m}: {al.MEASURE_MEANINGS[m]}" for m in MEASURES),
    )
    threshold = controls[1].slider(
        "Agreement threshold (network lines and camps)",
        min_value=0.0,
        max_value=1.0,
        value=0.75,
        step=0.05,
        key="threshold",
        bind="query-params",
        help="A line joins two actors whose agreement is at least this; camps are the groups whose members agree "
        "on average at least this much (average-linkage clustering).",
    )
    st.caption(f"{measure}: {al.MEASURE_MEANINGS[measure]}")
    if len(result.actors) < 2 or result.pairs.empty:
        st.info("No two actors share a question in this window: widen the dates or relax the filters.")
        return
    camps = al.camps(result, threshold)
    st.subheader("Agreement matrix")
    shown_result = tables.busiest(result, MATRIX_ACTORS)
    st.caption(
        "Rows and columns are in the order of an average-linkage clustering, so camps sit together. Colour is "
        "agreement (orange: opposite ends, purple: the same positions), and the number in a cell is the agreement "
        "in per cent; the hover adds how many questions the pair shares. Click a cell, or choose the pair in the "
        "list under the matrix, to read the statements behind it."
        + (
            f" Showing the {MATRIX_ACTORS} actors with most positions of {len(result.actors)}; choose actors in the "
            "sidebar for others."
            if len(shown_result.actors) < len(result.actors)
            else ""
        )
    )
    event = st.plotly_chart(
        alignment_charts.agreement_matrix(debate, shown_result),
        alt=alignment_charts.matrix_alt(debate, shown_result),
        on_select="rerun",
        selection_mode="points",
        key="matrix_chart",
        config=CHART_CONFIG,
    )
    follow_pair_click(event, "matrix_chart")
    pair_picker(tables.pair_choices(debate, shown_result), selected_pair(set(shown_result.actors)))
    pair = selected_pair(set(result.actors))
    if pair:
        pair_statements(context, result, pair)
    st.subheader("Camps")
    st.dataframe(tables.camp_table(debate, camps), hide_index=True, width="stretch", key="camp_table")
    st.subheader("Network")
    st.caption(
        f"A line joins two actors whose agreement is at least {threshold:.2f}; thicker lines: more shared questions. "
        "Colours are camps."
    )
    st.plotly_chart(
        alignment_charts.alignment_network(debate, shown_result, threshold=threshold, camps=camps),
        alt=f"Network of {len(shown_result.actors)} actors; lines join pairs agreeing at least {threshold:.2f}.",
        key="network_chart",
        config=CHART_CONFIG,
    )
    st.subheader("Closest and furthest")
    focus = st.selectbox(
        "Actor",
        result.actors,
        format_func=lambda a: names.get(a, a),
        key="focus",
        bind="query-params",
    )
    for closest, label in ((True, "Stands closest to"), (False, "Stands furthest from")):
        st.text(label)
        st.dataframe(
            tables.neighbour_table(debate, result, focus, measure=measure, closest=closest),
            hide_index=True,
            width="stretch",
            key="closest_table" if closest else "furthest_table",
        )
    st.subheader("What divides, what unites")
    st.caption(
        "Per question, the spread of the actors' positions in the window: the mean distance between two actors "
        "as a share of the scale (0: all in one place, 1: half at each end). Most divisive first."
    )
    st.dataframe(
        tables.spread_table(debate, al.question_spread(result.positions, debate.scale_points)),
        hide_index=True,
        width="stretch",
        key="spread_table",
    )
    over_time(context)
    downloads(context, result, measure, threshold)


def over_time(context: AppContext) -> None:
    debate = context.debate
    st.subheader("Over time")
    cols = st.columns(3)
    size = cols[0].selectbox("Window (days)", WINDOW_SIZES, index=2, key="wsize", bind="query-params")
    step = cols[1].selectbox("Step (days)", WINDOW_STEPS, index=2, key="wstep", bind="query-params")
    smooth = cols[2].selectbox("Smoothing (windows averaged)", SMOOTHING, index=0, key="smooth", bind="query-params")
    first, last = alignment_export.window(debate, alignment_export.AlignmentOptions(filters=context.filters))
    used_step = al.bounded_step(first, last, step_days=int(step))
    if used_step != int(step):
        st.caption(
            f"A step of {step} days would make more than {al.MAX_WINDOWS} windows over this period: "
            f"the windows step by {used_step} days."
        )
    moving = cached_moving(debate, context.signature, context.filters, int(size), used_step, int(smooth))
    st.caption(
        "The polarisation index of a window is the mean agreement of the pairs inside the two main camps minus "
        "that of the pairs across them (the clustering tree cut in two): 0 = no camps, 1 = two camps each fully "
        "agreed and fully opposed to the other. Blank where a window has no pair across or inside the camps."
    )
    st.plotly_chart(
        alignment_charts.polarisation_over_time(moving, smoothed=int(smooth) > 1),
        alt=f"Polarisation index and mean agreement in {len(moving)} windows of {size} days.",
        key="polarisation_chart",
        config=CHART_CONFIG,
    )
    st.dataframe(tables.window_table(debate, moving), hide_index=True, width="stretch", key="window_table")


def downloads(context: AppContext, result: al.Alignment, measure: str, threshold: float) -> None:
    debate = context.debate
    options = alignment_export.AlignmentOptions(
        filters=context.filters, measure=al.Measure(measure), threshold=threshold
    )
    st.subheader("Take the alignment away")
    st.caption(
        "The edge list (one row per pair sharing a question) with the window, the measure, the dataset's version "
        "and citation in the file; `stances alignment` writes the same files."
    )
    cols = st.columns(len(alignment_export.FORMATS))
    for col, fmt in zip(cols, alignment_export.FORMATS, strict=True):
        col.download_button(
            f"Alignment as {fmt.upper() if fmt != 'graphml' else 'GraphML'}",
            data=partial(alignment_export.alignment_bytes, debate, options, fmt, result),
            file_name=alignment_export.file_name(debate, options, fmt),
            mime=alignment_export.MEDIA_TYPES[fmt],
            key=f"alignment_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )


def gaps_page() -> None:
    context = state.get()
    debate = context.debate
    st.title("Said in public, signalled in private")
    st.caption(
        "Each row sets a private signal (private channel, or known only from unnamed officials) beside the public "
        "words (on-record or an official document) of the same actor, or of an actor linked to it by speaks_for, "
        "standing on the day of the signal. Biggest gaps first. Only what the coded statements say."
    )
    start, end = alignment_export.window(debate, alignment_export.AlignmentOptions(filters=context.filters))
    st.caption(f"Window: {day_text(start)} – {day_text(end)} (the sidebar's Dates); the other sidebar filters apply.")
    found = cached_gaps(debate, context.signature, context.filters)
    matches = st.toggle("Also show where they match (gap 0)", key="matches", bind="query-params")
    listed = found if matches else found[found["gap"] > 0]
    if listed.empty:
        st.info(
            "No public words and private signals to compare here. The filters may leave out one side: "
            "On-record words only, or an evidence or channel filter, removes the private signals."
        )
        return
    table = gaps.gap_table(debate, listed.reset_index(drop=True))
    st.text(f"{len(listed):,} comparisons; {int((listed['gap'] > 0).sum()):,} with a gap. Select a row for both cards.")
    event = st.dataframe(
        table.drop(columns=["public_statement", "private_statement"]),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="gap_table",
        column_config={"Gap": st.column_config.NumberColumn("Gap (scale points)", format="%d")},
    )
    try:
        chosen = event["selection"]["rows"]
    except (KeyError, TypeError):
        chosen = []
    row = table.iloc[chosen[0]] if chosen and chosen[0] < len(table) else table.iloc[0]
    st.subheader("The two statements")
    left, right = st.columns(2)
    with left:
        st.text("Said in public")
        statement_card(debate, str(row["public_statement"]))
    with right:
        st.text("Signalled in private")
        statement_card(debate, str(row["private_statement"]))


def actor_page() -> None:
    context = state.get()
    debate = context.debate
    names = actor_names(debate)
    st.title("Actor profile")
    ids = debate.actors["actor_id"].astype(str).tolist()
    who = st.selectbox("Actor", ids, format_func=lambda a: names.get(a, a), key="who", bind="query-params")
    others = st.multiselect(
        "Compare with (up to three)",
        [a for a in ids if a != who],
        format_func=lambda a: names.get(a, a),
        key="compare",
        bind="query-params",
        max_selections=3,
        placeholder="Choose actors to compare side by side",
    )
    st.dataframe(tables.who_table(debate, who), hide_index=True, width="stretch", key="who_table")
    mine = context.shown[(context.shown["actor_id"].astype(str) == who).to_numpy()]
    st.caption(window_caption(context))
    if mine.empty:
        st.info("This actor has no statements that pass the filters.")
    else:
        st.subheader("Statements")
        figure = charts.timeline(debate, mine, events=debate.events, current=ui.selected_statement())
        event = st.plotly_chart(
            figure,
            alt=charts.timeline_alt(debate, mine),
            on_select="rerun",
            selection_mode="points",
            key="actor_timeline",
            config=CHART_CONFIG,
        )
        ui.follow_click(event, "actor_timeline")
        ui.chart_statement_picker(context, figure, by="rows", key="actor_statements", chart="timeline")
        ui.detail_card(context)
        st.subheader("Position path per question")
        st.dataframe(tables.position_paths(debate, mine), hide_index=True, width="stretch", key="path_table")
        result = cached_alignment(debate, context.signature, context.filters)
        if who in result.actors:
            for closest, label in ((True, "Stands closest to"), (False, "Stands furthest from")):
                st.text(label)
                st.dataframe(
                    tables.neighbour_table(debate, result, who, closest=closest),
                    hide_index=True,
                    width="stretch",
                    key="profile_closest" if closest else "profile_furthest",
                )
        found = cached_gaps(debate, context.signature, context.filters)
        theirs = found[((found["public_actor"] == who) | (found["private_actor"] == who)) & (found["gap"] > 0)]
        st.subheader("Public and private")
        if theirs.empty:
            st.text("No gap between public words and private signals for this actor in the window.")
        else:
            st.dataframe(
                gaps.gap_table(debate, theirs.reset_index(drop=True)).drop(
                    columns=["public_statement", "private_statement"]
                ),
                hide_index=True,
                width="stretch",
                key="profile_gaps",
            )
    if others:
        compare(context, [who, *others])


def compare(context: AppContext, chosen: list[str]) -> None:
    """Two to four actors side by side: the grid of just them as of the window's end, and their statements."""
    debate = context.debate
    st.subheader("Side by side")
    shown = context.shown[context.shown["actor_id"].astype(str).isin(chosen).to_numpy()]
    if shown.empty:
        st.text("None of these actors has statements that pass the filters.")
        return
    _, end = alignment_export.window(debate, alignment_export.AlignmentOptions(filters=context.filters))
    snapshot = al.window_positions(shown, context.filters.start, end)
    questions = query.questions_in(debate, shown["question_id"])
    figure = charts.grid(debate, snapshot, actors=chosen, questions=questions)
    event = st.plotly_chart(
        figure,
        alt=charts.grid_alt(debate, snapshot, chosen, questions, end),
        on_select="rerun",
        selection_mode="points",
        key="compare_grid",
        config=CHART_CONFIG,
    )
    ui.follow_click(event, "compare_grid")
    ui.chart_statement_picker(context, figure, by="rows", key="compare_grid_statements", chart="grid")
    result = cached_alignment(debate, context.signature, context.filters)
    st.dataframe(tables.pairs_among(debate, result, chosen), hide_index=True, width="stretch", key="compare_pairs")
    st.text("Their statements (select a row for its card)")
    statement_table(query.table_rows(debate, shown), key="compare_statements")
    picked = ui.selected_statement()
    if picked and picked in set(shown["statement_id"].astype(str)):
        statement_card(debate, picked)
