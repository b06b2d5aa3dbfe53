"""Present: step through the debate in front of a room, one large card at a time."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from stances import cards, charts, links, query, steps
from stances.app import state, ui
from stances.app.main import DEBATE, FILTER_KEYS, PAGES, note

STEP = "step"  # the URL parameter
CURRENT = "_present_step"  # the step, kept in the session so that Back from another page returns to it
STEP_BOX = "step_box"
LAST_MOVE = "_present_last_move"  # when the step last changed, for autoplay's pace
PRESENT_GRID_ACTORS = 16  # beyond this the grid keeps the current actor and the busiest ones, to stay legible
PRESENT_GRID_QUESTIONS = 10  # the same for the grid's questions


def _go(number: int) -> None:
    """Move to step `number`: in the session and in the URL (so the link opens at this step)."""
    st.session_state[LAST_MOVE] = time.monotonic()
    st.session_state[CURRENT] = int(number)
    st.query_params[STEP] = str(int(number))


def _from_box() -> None:
    _go(st.session_state[STEP_BOX])


def current_step(total: int) -> int:
    """The step the URL names (a shared link), else the one this session was at, else 1; within 1..total.

    A linked step beyond the last (the filters leave fewer) opens the last step, and the link notice says so."""
    linked = st.query_params.get(STEP)
    number = links.parse_count(linked) if linked else None
    if number is not None and number > total:
        note(links.Unused(name=STEP, value=str(linked), why=f"beyond the last step, {total}", read_as=str(total)))
    return steps.clamp(number or st.session_state.get(CURRENT, 1), total)


def present_page() -> None:
    context = state.get()
    debate = context.debate
    ordered = state.in_step_order(debate, context.signature, context.filters)
    if ordered.empty:
        st.title("Present")
        ui.empty_state(context)
        return
    total = len(ordered)
    st.html(cards.PRESENT_CSS)
    hide = st.session_state.get("hide_sidebar", False)
    if hide:
        st.html(cards.HIDE_SIDEBAR_CSS)
    bar = st.columns([1, 2, 2, 1, 2, 2, 1.3, 2], vertical_alignment="bottom")
    step = steps.step_at(ordered, current_step(total))
    assert step is not None
    st.session_state[CURRENT] = step.number
    if st.query_params.get(STEP) != str(step.number):
        st.query_params[STEP] = str(step.number)
    st.session_state[STEP_BOX] = step.number
    bar[4].number_input("Step", min_value=1, max_value=total, step=1, key=STEP_BOX, on_change=_from_box)
    bar[0].button(
        "",
        on_click=_go,
        args=(1,),
        disabled=step.is_first,
        key="first",
        icon=":material/first_page:",
        help="First step",
    )
    bar[1].button(
        "Previous",
        on_click=_go,
        args=(step.number - 1,),
        disabled=step.is_first,
        key="prev",
        shortcut="Left",
        icon=":material/chevron_left:",
        width="stretch",
    )
    bar[2].button(
        "Next",
        on_click=_go,
        args=(step.number + 1,),
        disabled=step.is_last,
        key="next",
        shortcut="Right",
        icon=":material/chevron_right:",
        type="primary",
        width="stretch",
    )
    bar[3].button(
        "",
        on_click=_go,
        args=(total,),
        disabled=step.is_last,
        key="last",
        icon=":material/last_page:",
        help="Last step",
    )
    first, last = query.date_bounds(ordered)
    bar[5].date_input(
        "Jump to date",
        value=None,
        min_value=first,
        max_value=last,
        key="jump",
        on_change=_jump,
        args=(ordered,),
        format="YYYY-MM-DD",
    )
    playing = bar[6].toggle("Autoplay", key="autoplay", bind="query-params")
    pace = bar[7].slider("Seconds per step", *links.PACE, 6, key="pace", bind="query-params")
    detail = query.statement_detail(debate, step.statement_id)
    left, right = st.columns([5, 7])
    with left:
        st.html(cards.present_html(detail, step.number, total))
        with st.expander("Speaker notes: sources and coding notes"):
            st.html(cards.detail_html(detail))
        foot = st.columns([3, 2, 2], vertical_alignment="center")
        foot[0].toggle("Hide sidebar", key="hide_sidebar")
        params = _explore_params(step.day)
        if foot[1].button("Grid", key="explore_grid", icon=":material/grid_on:", help="Explore the grid from here"):
            st.switch_page(PAGES / "grid.py", query_params=params)
        if foot[2].button(
            "Timeline", key="explore_timeline", icon=":material/timeline:", help="Explore the timeline from here"
        ):
            st.switch_page(PAGES / "timeline.py", query_params={**params, "statement": step.statement_id})
    with right:
        chosen = steps.grid_actors(ordered, step.number, limit=PRESENT_GRID_ACTORS)
        if charts.needs_density(ordered):
            freq = charts.dense_period(ordered, lanes=PRESENT_GRID_ACTORS)
            bins = state.binned(debate, context.signature, context.filters, freq)
            bins = bins[bins["actor_id"].isin(chosen)]
            current = (str(ordered.iloc[step.number - 1]["actor_id"]), step.day)
            figure = charts.timeline_density(debate, bins, events=debate.events, current=current, height=290)
        else:
            figure = charts.timeline(
                debate,
                ordered,
                events=debate.events,
                current=step.statement_id,
                until=step.day,
                height=290,
                compact=True,
            )
        st.plotly_chart(
            figure,
            key="present_timeline",
            config={"displayModeBar": False},
            alt=f"Timeline with step {step.number} of {total} ringed; later statements faded.",
        )
        actors = charts.actor_lanes(debate, chosen)
        questions = query.questions_in(debate, steps.grid_questions(ordered, step.number, limit=PRESENT_GRID_QUESTIONS))
        snapshot = steps.state_at(ordered, step.number, actors=actors, questions=questions)
        grid = charts.grid(debate, snapshot, actors=actors, questions=questions, compact=True, height=290)
        st.plotly_chart(
            grid,
            key="present_grid",
            config={"displayModeBar": False},
            alt=charts.grid_alt(debate, snapshot, actors, questions, step.day),
        )
        if len(questions) < ordered["question_id"].nunique():
            st.caption(
                f"Grid: this step's actor and question and the most active so far ({len(actors)} actors, "
                f"{len(questions)} questions); filter to choose."
            )
        elif len(actors) < ordered["actor_id"].nunique():
            st.caption(f"Grid: the current actor and the {len(actors) - 1} most active so far; filter to choose.")
    with left.popover("Take away", icon=":material/download:"):
        ui.figure_downloads(context, {"Timeline": figure, "Grid": grid}, key="present_files")
    if playing:
        _autoplay(pace, step)
    else:
        st.session_state.pop(LAST_MOVE, None)


def _jump(ordered) -> None:
    day = st.session_state.get("jump")
    if isinstance(day, dt.date):
        _go(steps.step_on_or_after(ordered, day))


def _explore_params(day: dt.date) -> dict[str, str | list[str]]:
    """The debate and the current filters (as the URL holds them) plus the step's date as the grid's as-of day."""
    keys = (DEBATE, *FILTER_KEYS)
    params: dict[str, str | list[str]] = {k: st.query_params.get_all(k) for k in keys if k in st.query_params}
    params["asof"] = day.isoformat()
    return params


def _autoplay(pace: int, step: steps.Step) -> None:
    """Advance one step every `pace` seconds: a timer reruns only this fragment, which reruns the page when due."""
    st.session_state.setdefault(LAST_MOVE, time.monotonic())

    @st.fragment(run_every=dt.timedelta(seconds=1))
    def tick() -> None:
        waited = time.monotonic() - st.session_state.get(LAST_MOVE, time.monotonic())
        if waited < pace - 0.25:
            st.caption(f"Playing: next step in {max(pace - waited, 0):.0f} s. Switch Autoplay off to pause.")
            return
        if step.is_last:
            st.session_state["autoplay"] = False
        else:
            _go(step.number + 1)
        st.rerun(scope="app")

    tick()
