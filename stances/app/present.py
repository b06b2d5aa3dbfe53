"""Present: step through the debate in front of a room, one large card at a time."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from stances import cards, charts, deck, links, query, steps, stories
from stances.app import state, ui
from stances.app.main import DEBATE, FILTER_KEYS, PAGES, note

STEP = "step"  # the URL parameters
STORY = "story"
CURRENT = "_present_step"  # (story id, step), kept in the session so that Back from another page returns to it
STEP_BOX = "step_box"
STORY_BOX = "story_box"
LAST_MOVE = "_present_last_move"  # when the step last changed, for autoplay's pace
CHART_HEIGHT = 240  # timeline and grid, one above the other: the page fits a 1280x720 projector without scrolling
DRAFT = "_story_draft"  # the story being built in this session (never written to disk)
# Extra keys a presentation clicker sends, each on a hidden button (one shortcut per button): key -> step change.
CLICKER_KEYS = {"PageDown": 1, "Space": 1, "Down": 1, "PageUp": -1, "Up": -1}


def _go(number: int, story_id: str | None = None) -> None:
    """Move to step `number` of a story: in the session and in the URL (so the link opens at this step)."""
    story_id = st.session_state.get(CURRENT, (stories.WALK, 1))[0] if story_id is None else story_id
    st.session_state[LAST_MOVE] = time.monotonic()
    st.session_state[CURRENT] = (story_id, int(number))
    st.query_params[STEP] = str(int(number))
    if story_id:
        st.query_params[STORY] = story_id
    else:
        st.query_params.pop(STORY, None)


def _from_box() -> None:
    _go(st.session_state[STEP_BOX])


def _choose_story() -> None:
    _go(1, st.session_state[STORY_BOX])


def current_place(known: dict[str, stories.Story]) -> tuple[str, int | None]:
    """The story and step the URL names (a shared link), else where this session was, else the default walk."""
    if STORY in st.query_params or STEP in st.query_params:
        story_id = stories.parse_story(st.query_params.get(STORY), known) or stories.WALK
        remembered = st.session_state.get(CURRENT, (None, None))
        fallback = remembered[1] if remembered[0] == story_id else None
        return story_id, stories.parse_step(st.query_params.get(STEP), 10**9) or fallback
    return st.session_state.get(CURRENT, (stories.WALK, None))


def present_page() -> None:
    context = state.get()
    debate = context.debate
    known = stories.stories_in(debate)
    story_id, wanted = current_place(known)
    ordered = state.in_step_order(debate, context.signature, context.filters)
    story = known[story_id] if story_id in known else stories.default_walk(ordered)
    if not story.steps:
        st.title("Present")
        ui.empty_state(context)
        return
    around = ordered if story.is_walk else stories.context_statements(debate, context.shown, story)
    view = stories.step_view(debate, story, around, wanted or 1)
    total = view.total
    if wanted is not None and wanted > total:
        note(links.Unused(name=STEP, value=str(wanted), why=f"beyond the last step, {total}", read_as=str(total)))
    st.session_state[CURRENT] = (story.story_id, view.number)
    if st.query_params.get(STEP) != str(view.number):
        st.query_params[STEP] = str(view.number)
    if story.story_id and st.query_params.get(STORY) != story.story_id:
        st.query_params[STORY] = story.story_id
    elif not story.story_id:
        st.query_params.pop(STORY, None)
    st.html(cards.PRESENT_CSS)
    if st.session_state.get("hide_sidebar", False):
        st.html(cards.HIDE_SIDEBAR_CSS)
    st.html(cards.CLICKER_KEYS_CSS)
    head = st.columns([3, 5, 1.6, 1.6], vertical_alignment="center")
    head[1].html(cards.story_header_html(story.title, view.number, total))
    if known:
        st.session_state[STORY_BOX] = story.story_id
        titles = {stories.WALK: f"{stories.WALK_TITLE} ({len(ordered)} steps)"} | {
            k: f"{s.title} ({len(s.steps)} steps)" for k, s in known.items()
        }
        head[0].selectbox(
            "Story",
            list(titles),
            format_func=lambda k: titles.get(k, k),
            key=STORY_BOX,
            on_change=_choose_story,
            label_visibility="collapsed",
            help="The default walk, or one of the debate's curated stories",
        )
    _step_bar(view, total, ordered if story.is_walk else stories.step_dates(debate, story))
    playing = st.session_state.get("autoplay", False)
    pace = st.session_state.get("pace", 6)
    detail = query.statement_detail(debate, view.statement_id)
    if detail is None:  # the step's statement comes from the debate, so this is a defect; say so, do not crash
        st.error(f"Step {view.number} names a statement that is not in the debate.")
        return
    left, right = st.columns([5, 7])
    with left:
        if view.step.narration:
            st.html(cards.narration_html(view.step.narration))
        st.html(cards.present_html(detail, view.number, total))
        with st.expander("Speaker notes: sources and coding notes"):
            if view.step.notes:
                st.html(cards.notes_html(view.step.notes))
            st.html(cards.detail_html(detail))
        foot = st.columns([3, 2, 2], vertical_alignment="center")
        foot[0].toggle("Hide sidebar", key="hide_sidebar")
        params = _explore_params(view.grid_day)
        if foot[1].button("Grid", key="explore_grid", icon=":material/grid_on:", help="Explore the grid from here"):
            st.switch_page(PAGES / "grid.py", query_params=params)
        if foot[2].button(
            "Timeline", key="explore_timeline", icon=":material/timeline:", help="Explore the timeline from here"
        ):
            st.switch_page(PAGES / "timeline.py", query_params={**params, "statement": view.statement_id})
    with right:
        figure = _timeline(context, view, ordered)
        st.plotly_chart(
            figure,
            key="present_timeline",
            config={"displayModeBar": False},
            alt=f"Timeline with step {view.number} of {total} ringed; later statements faded.",
        )
        grid = charts.grid(
            debate,
            view.snapshot,
            actors=view.actors,
            questions=view.questions,
            changed=view.moved,
            compact=True,
            height=CHART_HEIGHT,
        )
        st.plotly_chart(
            grid,
            key="present_grid",
            config={"displayModeBar": False},
            alt=charts.grid_alt(debate, view.snapshot, view.actors, view.questions, view.grid_day),
        )
        all_actors, all_questions = ordered["actor_id"].nunique(), ordered["question_id"].nunique()
        if story.is_walk and (len(view.actors) < all_actors or len(view.questions) < all_questions):
            st.caption(
                f"Grid: {len(view.actors)} of {all_actors:,} actors, {len(view.questions)} of {all_questions:,} "
                "questions (this step's and the busiest so far)."
            )
    with head[2].popover("Take away", icon=":material/download:"):
        st.download_button(
            "Download the presentation (one HTML file, plays offline)",
            data=lambda: deck.presentation(debate, story_id=story.story_id or None, filters=context.filters),
            file_name=deck.deck_file_name(debate, story.story_id or None, dt.datetime.now(dt.UTC).date()),
            mime="text/html",
            key="download_deck",
            on_click="ignore",
            icon=":material/slideshow:",
        )
        st.caption("Every step's card, narration, sources and notes, with the timeline and grid; keys as here.")
        ui.figure_downloads(context, {"Timeline": figure, "Grid": grid}, key="present_files")
    with head[3].popover("Build a story", icon=":material/playlist_add:"):
        _authoring(context, view)
    if playing:
        _autoplay(pace, view)
    else:
        st.session_state.pop(LAST_MOVE, None)


def _step_bar(view: stories.StepView, total: int, dated) -> None:
    """First, previous, next, last (with a clicker's keys), the step box, jump to date and autoplay."""
    bar = st.columns([1, 2, 2, 1, 2, 2, 1.3, 2], vertical_alignment="bottom")
    st.session_state[STEP_BOX] = view.number
    bar[4].number_input("Step", min_value=1, max_value=total, step=1, key=STEP_BOX, on_change=_from_box)
    bar[0].button(
        "First step",
        on_click=_go,
        args=(1,),
        disabled=view.is_first,
        key="first",
        shortcut="Home",
        icon=":material/first_page:",
        help="First step (Home)",
    )
    bar[1].button(
        "Previous",
        on_click=_go,
        args=(view.number - 1,),
        disabled=view.is_first,
        key="prev",
        shortcut="Left",
        icon=":material/chevron_left:",
        width="stretch",
        help="Previous step (← or PageUp)",
    )
    bar[2].button(
        "Next",
        on_click=_go,
        args=(view.number + 1,),
        disabled=view.is_last,
        key="next",
        shortcut="Right",
        icon=":material/chevron_right:",
        type="primary",
        width="stretch",
        help="Next step (→, Space or PageDown)",
    )
    bar[3].button(
        "Last step",
        on_click=_go,
        args=(total,),
        disabled=view.is_last,
        key="last",
        shortcut="End",
        icon=":material/last_page:",
        help="Last step (End)",
    )
    for key, move in CLICKER_KEYS.items():
        target = view.number + move
        st.button(
            key,
            on_click=_go,
            args=(target,),
            disabled=not 1 <= target <= total,
            key=f"clicker_{key.lower()}",
            shortcut=key,
        )
    first, last = query.date_bounds(dated)
    bar[5].date_input(
        "Jump to date",
        value=None,
        min_value=first,
        max_value=last,
        key="jump",
        on_change=_jump,
        args=(dated,),
        format="YYYY-MM-DD",
    )
    bar[6].toggle("Autoplay", key="autoplay", bind="query-params")
    bar[7].slider("Seconds per step", *links.PACE, 6, key="pace", bind="query-params")


def _timeline(context: state.AppContext, view: stories.StepView, ordered):
    """The timeline with the step ringed and later statements faded, zoomed to a story step's range."""
    debate = context.debate
    if view.story.is_walk and charts.needs_density(ordered):
        freq = charts.dense_period(ordered, lanes=stories.GRID_ACTORS)
        bins = state.binned(debate, context.signature, context.filters, freq)
        bins = bins[bins["actor_id"].isin(view.actors)]
        row = ordered.iloc[view.number - 1]
        return charts.timeline_density(
            debate, bins, events=debate.events, current=(str(row["actor_id"]), view.day), height=CHART_HEIGHT
        )
    figure = charts.timeline(
        debate,
        view.timeline,
        events=debate.events,
        current=view.statement_id,
        until=view.day,
        height=CHART_HEIGHT,
        compact=True,
    )
    return charts.with_date_range(figure, view.start, view.end)


def _authoring(context: state.AppContext, view: stories.StepView) -> None:
    """Add the current view as a step of a story kept in this session; download it as rows or as the debate with
    the story added. Nothing is written to the debate's folder."""
    debate = context.debate
    draft: stories.Story = st.session_state.get(DRAFT) or stories.Story(story_id="", title="")
    st.text_input("Story id (a slug, e.g. my-story)", key="draft_id", max_chars=60)
    st.text_input("Title", key="draft_title", max_chars=200)
    st.text_area("Narration for this step (plain text)", key="draft_narration", max_chars=2000)
    st.text_area("Speaker notes for this step", key="draft_notes", max_chars=2000)
    st.button(
        "Add this view as a step",
        key="draft_add",
        icon=":material/add:",
        on_click=_add_step,
        args=(view, context.filters),
    )
    draft = st.session_state.get(DRAFT) or draft
    draft = stories.Story(
        story_id=st.session_state.get("draft_id", "").strip(),
        title=st.session_state.get("draft_title", "").strip(),
        steps=draft.steps,
    )
    st.session_state[DRAFT] = draft
    if draft.steps:
        st.dataframe(stories.steps_table(draft), hide_index=True, key="draft_steps")
        if st.button("Remove the last step", key="draft_pop", icon=":material/undo:"):
            st.session_state[DRAFT] = stories.Story(story_id="", title="", steps=draft.steps[:-1])
            st.rerun()
    problems = stories.story_problems(draft, debate)
    if problems:
        st.caption("To download: " + "; ".join(cards.shown(p) for p in problems) + ".")
        return
    rows = stories.story_rows(draft)
    files = st.columns(3)
    files[0].download_button(
        "stories.csv rows",
        data=stories.csv_text("stories", rows["stories"], header=False),
        file_name=f"{draft.story_id}_stories.csv",
        mime="text/csv",
        key="draft_stories_csv",
        on_click="ignore",
    )
    files[1].download_button(
        "story_steps.csv rows",
        data=stories.csv_text("story_steps", rows["story_steps"], header=False),
        file_name=f"{draft.story_id}_story_steps.csv",
        mime="text/csv",
        key="draft_steps_csv",
        on_click="ignore",
    )
    files[2].download_button(
        "The debate with this story (zip)",
        data=lambda: _debate_with_story(context, draft),
        file_name=f"{debate.meta.name}-with-{draft.story_id}.zip",
        mime="application/zip",
        key="draft_zip",
        on_click="ignore",
    )
    st.caption("Paste the rows at the end of the debate's stories.csv and story_steps.csv, or unzip the debate.")


def _add_step(view: stories.StepView, filters) -> None:
    """Append the current statement and view, with the typed narration and notes, to the session's draft story."""
    draft: stories.Story = st.session_state.get(DRAFT) or stories.Story(story_id="", title="")
    step = stories.StoryStep(
        statement_id=view.statement_id,
        narration=st.session_state.get("draft_narration", "").strip(),
        notes=st.session_state.get("draft_notes", "").strip(),
        as_of=view.step.as_of,
        since=view.step.since,
        view_start=view.start or filters.start,
        view_end=view.end or filters.end,
        actors=view.step.actors or filters.actors,
        questions=view.step.questions or filters.questions,
    )
    st.session_state[DRAFT] = stories.add_step(draft, step)
    st.session_state["draft_narration"] = ""
    st.session_state["draft_notes"] = ""


def _debate_with_story(context: state.AppContext, draft: stories.Story) -> bytes:
    from stances.load import read_debate_files

    return stories.debate_zip(read_debate_files(context.folder), draft, name=context.debate.meta.name)


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


def _autoplay(pace: int, step: stories.StepView) -> None:
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
