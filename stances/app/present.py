"""Present: step through the debate in front of a room, one large card at a time."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from stances import cards, charts, deck, links, query, room, steps, stories
from stances.app import state, ui
from stances.app.main import DEBATE, FILTER_KEYS, PAGES, note

STEP = "step"  # the URL parameters
STORY = "story"
CURRENT = "_present_step"  # (story id, step), kept in the session so that Back from another page returns to it
STEP_BOX = "step_box"
STORY_BOX = "story_box"
LAST_MOVE = "_present_last_move"  # when the step last changed, for autoplay's pace
DRAFT = "_story_draft"  # the story being built in this session (never written to disk)
RETURN = "_present_return"  # (story id, step) the presenter's Grid/Timeline buttons left from: the way back
HIDE_SIDEBAR = "hide_sidebar"  # kept for the whole session (persist_state): exploring and coming back keep it
JUMP = "jump"
JUMP_PROBLEM = "_present_jump_problem"  # what was wrong with the typed day, said under the bar
ROOM = "_present_room"  # the room's scale for this browser's screen (`room.scale_for`), as its page reported it

# Sizes for a room (issue 16, item 10): no text under 16 px at 1280x720, the page's side margins narrow so that the
# controls keep their whole labels beside the sidebar, and rows of controls wrap rather than cut a label.
PRESENTER_CSS = """<style>
.block-container { padding: .6rem 1.5rem 0 1.5rem !important; max-width: none !important; }
[data-testid="stMain"] button p, [data-testid="stMain"] label p, [data-testid="stMain"] input,
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] summary p,
[data-testid="stMain"] [data-testid="stSelectbox"] div { font-size: 1rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #333; }
.stances-present { font-size: 1.25rem; padding: .6em .9em; }
.stances-present .who { font-size: 1.8rem; }
.stances-present .when { font-size: 1.15rem; }
.stances-present blockquote { font-size: 1.3rem; line-height: 1.3; }
.stances-present .outlet { font-size: 1rem; }
.stances-narration { font-size: 1.15rem !important; }
</style>"""

# The presentation clicker's keys, from anywhere on the Present page (issue 16, item 11): Streamlit's own button
# shortcuts are ignored while any widget has focus (a toggle, a button), so one listener on the page presses the
# step buttons instead. It stands aside while the presenter types (text, number and date boxes, a select's search)
# or moves a slider, and on every other page. No data goes in here.
PRESENTER_KEYS = """<script>
(function () {
  if (window.__stancesPresenterKeys) return;
  window.__stancesPresenterKeys = true;
  var MOVES = {PageDown: "next", ArrowRight: "next", ArrowDown: "next", " ": "next",
               PageUp: "prev", ArrowLeft: "prev", ArrowUp: "prev", Home: "first", End: "last"};
  var TYPED = ["text", "search", "number", "date", "email", "url", "tel", "password", "datetime-local", "month",
               "week", "time"];
  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    if (el.tagName === "INPUT") return TYPED.indexOf((el.getAttribute("type") || "text").toLowerCase()) >= 0;
    var role = el.getAttribute("role");
    return role === "slider" || role === "combobox" || role === "listbox" || role === "option";
  }
  document.addEventListener("keydown", function (event) {
    // Enter commits a typed step or day; then the box lets go of the focus, so the clicker steps on at once.
    var box = event.key === "Enter" && event.target.closest && event.target.closest(".st-key-jump, .st-key-step_box");
    if (box) { var typed = event.target; setTimeout(function () { typed.blur(); }, 0); return; }
    var move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!document.querySelector(".stances-present") || typing(event.target)) return;
    if (event.target.closest && event.target.closest('[data-testid="stPopoverBody"], [role="dialog"]')) return;
    event.preventDefault();
    event.stopPropagation();
    var button = document.querySelector(".st-key-" + move + " button");
    if (button && !button.disabled) button.click();
  }, true);
})();
</script>"""

# The room's scale (issue 14: the charts did not grow at 1920x1080): the server cannot see the screen, so the page
# reports it. It reads the scales from the page's room mark and, when its screen wants another one, presses that
# scale's hidden button (once, then waits for the rerun). No data goes in here.
ROOM_SCRIPT = """<script>
(function () {
  if (window.__stancesRoom) return;
  window.__stancesRoom = true;
  var asked = -1, when = 0;
  function check() {
    var mark = document.querySelector(".stances-room");
    if (!mark) return;
    var scales = mark.getAttribute("data-scales").split(",").map(Number);
    var fits = Math.min(window.innerWidth / Number(mark.getAttribute("data-width")),
                        window.innerHeight / Number(mark.getAttribute("data-height")));
    var wanted = 0;
    scales.forEach(function (scale, i) { if (scale <= fits + 1e-9) wanted = i; });
    if (String(wanted) === mark.getAttribute("data-index")) { asked = -1; return; }
    if (wanted === asked && Date.now() - when < 3000) return;
    var button = document.querySelector(".st-key-room_" + wanted + " button");
    if (button) { asked = wanted; when = Date.now(); button.click(); }
  }
  window.addEventListener("resize", check);
  setInterval(check, 250);
})();
</script>"""

# The card, controls and captions grow with the charts; plotly's own sizes are scaled in `room` instead (a zoomed
# plotly chart measures its box wrongly and is cut).
ZOOMED = ".st-key-present_head, .st-key-present_bar, .st-key-present_left, .st-key-present_caption"


def room_css(scale: float) -> str:
    """The page's parts beside the charts at the room's scale; nothing at 1."""
    # The hidden scale buttons and their layout wrapper take no room (the wrapper kept a gap and a row's width).
    hidden = (
        '.st-key-present_room, [data-testid="stLayoutWrapper"]:has(> .st-key-present_room) '
        "{ display: none !important; }"
    )
    return f"<style>{hidden}{'' if scale == 1 else f' {ZOOMED} {{ zoom: {float(scale):g}; }}'}</style>"


def _set_room(scale: float) -> None:
    st.session_state[ROOM] = scale


def _room_controls(row, scale: float) -> None:
    """The hidden buttons the page presses to report its screen's scale, and the mark saying which one is on."""
    box = row.container(key="present_room", width="content")
    for index, value in enumerate(room.SCALES):
        box.button(f"Room scale {value:g}", key=f"room_{index}", on_click=_set_room, args=(value,))
    scales = ",".join(f"{value:g}" for value in room.SCALES)
    box.html(
        f'<span class="stances-room" data-index="{room.SCALES.index(scale)}" data-scales="{scales}" '
        f'data-width="{room.BASE[0]}" data-height="{room.BASE[1]}"></span>'
    )


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
    st.session_state.pop(RETURN, None)
    scale = st.session_state.get(ROOM, 1.0)
    scale = scale if scale in room.SCALES else 1.0
    st.html(cards.PRESENT_CSS + PRESENTER_CSS + room_css(scale))
    if st.session_state.get(HIDE_SIDEBAR, False):
        st.html(cards.HIDE_SIDEBAR_CSS)
    st.html(PRESENTER_KEYS + ROOM_SCRIPT, unsafe_allow_javascript=True)
    head = st.container(horizontal=True, vertical_alignment="center", key="present_head")
    _room_controls(head, scale)  # in the head's row: hidden, it takes no line of the page
    head.html(cards.story_header_html(story.title, view.number, total), width="stretch")
    if known:
        st.session_state[STORY_BOX] = story.story_id
        titles = {stories.WALK: f"{stories.WALK_TITLE} ({len(ordered)} steps)"} | {
            k: f"{s.title} ({len(s.steps)} steps)" for k, s in known.items()
        }
        with head.popover("Stories", icon=":material/list:", help="The default walk, or a curated story"):
            st.radio(
                "Story",
                list(titles),
                format_func=lambda k: titles.get(k, k),
                key=STORY_BOX,
                on_change=_choose_story,
                help="The default walk, or one of the debate's curated stories",
            )
    take_away = head.popover("Take away", icon=":material/download:")
    build = head.popover("Build a story", icon=":material/playlist_add:")
    _step_bar(view, total, ordered if story.is_walk else stories.step_dates(debate, story))
    playing = st.session_state.get("autoplay", False)
    pace = st.session_state.get("pace", 6)
    detail = None if view.is_event else query.statement_detail(debate, view.statement_id)
    event = query.event_detail(debate, view.event_id) if view.is_event else None
    if detail is None and event is None:  # the step's target comes from the debate: a defect; say so, do not crash
        st.error(f"Step {view.number} names a statement or event that is not in the debate.")
        return
    columns = st.columns([4.6, 7.4])
    left, right = columns[0].container(key="present_left"), columns[1]
    with left:
        if view.step.narration:
            st.html(cards.narration_html(view.step.narration))
        if event is not None:
            st.html(cards.event_present_html(event, view.number, total))
        elif detail is not None:
            st.html(cards.present_html(detail, view.number, total))
        with st.expander("Speaker notes: sources and coding notes"):
            if view.step.notes:
                st.html(cards.notes_html(view.step.notes))
            if event is not None:
                st.html(cards.event_detail_html(event))
            elif detail is not None:
                st.html(cards.detail_html(detail))
        foot = st.container(horizontal=True, vertical_alignment="center", key="present_foot")
        foot.toggle("Hide sidebar", key=HIDE_SIDEBAR, persist_state="session")
        params = _explore_params(view.grid_day)
        if foot.button("Grid", key="explore_grid", icon=":material/grid_on:", help="Explore the grid from here"):
            st.session_state[RETURN] = (story.story_id, view.number)
            st.switch_page(PAGES / "grid.py", query_params=params)
        if foot.button(
            "Timeline", key="explore_timeline", icon=":material/timeline:", help="Explore the timeline from here"
        ):
            st.session_state[RETURN] = (story.story_id, view.number)
            shown = {"statement": view.statement_id} if view.statement_id else {}
            st.switch_page(PAGES / "timeline.py", query_params={**params, **shown})
        walk_note = _walk_grid_note(view, ordered)
        if walk_note:
            st.caption(walk_note)
    with right:
        figure = _timeline(context, view, ordered, scale)
        st.plotly_chart(
            figure,
            key="present_timeline",
            config={"displayModeBar": False},
            alt=f"Timeline with step {view.number} of {total} ringed; later statements faded.",
        )
        grid = room.grid(debate, view, scale)
        st.plotly_chart(
            grid,
            key="present_grid",
            config={"displayModeBar": False},
            alt=charts.grid_alt(debate, view.snapshot, view.actors, view.questions, view.grid_day),
        )
        st.container(key="present_caption").caption(cards.shown(_grid_caption(view)))
    with take_away:
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
    with build:
        _authoring(context, view)
    if playing:
        _autoplay(pace, view)
    else:
        st.session_state.pop(LAST_MOVE, None)


def _step_bar(view: stories.StepView, total: int, dated) -> None:
    """First, previous, next, last, the step box, jump to date and autoplay, in one row that wraps rather than cut
    a label. The clicker's keys press these buttons (see `PRESENTER_KEYS`), from anywhere on the page."""
    bar = st.container(horizontal=True, vertical_alignment="center", key="present_bar")
    st.session_state[STEP_BOX] = view.number
    moves = (
        ("first", "First step", 1, view.is_first, ":material/first_page:", "First step (Home)"),
        (
            "prev",
            "Previous",
            view.number - 1,
            view.is_first,
            ":material/chevron_left:",
            "Previous step (← or PageUp)",
        ),
        (
            "next",
            "Next",
            view.number + 1,
            view.is_last,
            ":material/chevron_right:",
            "Next step (→, Space or PageDown)",
        ),
        ("last", "Last step", total, view.is_last, ":material/last_page:", "Last step (End)"),
    )
    for key, label, target, disabled, icon, help_text in moves:
        bar.button(
            label,
            on_click=_go,
            args=(target,),
            disabled=disabled,
            key=key,
            icon=icon,
            help=help_text,
            type="primary" if key == "next" else "secondary",
        )
    bar.number_input(
        "Step",
        min_value=1,
        max_value=total,
        step=1,
        key=STEP_BOX,
        on_change=_from_box,
        width=150,
        label_visibility="collapsed",
        help="Go to step: type its number and press Enter",
    )
    first, last = query.date_bounds(dated)
    bar.text_input(
        "Jump to date",
        key=JUMP,
        placeholder="Jump to date: YYYY-MM-DD",
        on_change=_jump,
        args=(dated, first, last),
        max_chars=10,
        width=270,
        label_visibility="collapsed",
        help=f"Type a day from {first.isoformat()} to {last.isoformat()} and press Enter: the first step on or "
        "after it",
    )
    with bar.popover("Autoplay", icon=":material/play_circle:"):
        st.toggle("Autoplay", key="autoplay", bind="query-params")
        st.slider("Seconds per step", *links.PACE, 6, key="pace", bind="query-params")
    problem = st.session_state.get(JUMP_PROBLEM)
    if problem:
        st.warning(problem)


def _timeline(context: state.AppContext, view: stories.StepView, ordered, scale: float = 1.0):
    """The timeline of the grid's actors with the step ringed and later statements faded, zoomed to a story step's
    range, at room sizes."""
    debate = context.debate
    if view.story.is_walk and charts.needs_density(ordered):
        freq = charts.dense_period(ordered, lanes=stories.GRID_ACTORS)
        bins = state.binned(debate, context.signature, context.filters, freq)
        bins = bins[bins["actor_id"].isin(view.actors)]
        row = ordered.iloc[view.number - 1]
        figure = charts.timeline_density(
            debate,
            bins,
            events=debate.events,
            current=(str(row["actor_id"]), view.day),
            height=room.timeline_height(view, scale),
        )
        return room.sized_timeline(figure, debate, query.actors_in(debate, bins["actor_id"]), scale)
    return room.timeline(debate, view, events=debate.events, scale=scale)


def _grid_caption(view: stories.StepView) -> str:
    """The grid's day and rule, and whether its step's cell shows another statement than the card."""
    return stories.grid_note(view)


def _walk_grid_note(view: stories.StepView, ordered) -> str | None:
    """How much of the debate the default walk's grid and timeline show, when not all of it."""
    all_actors, all_questions = ordered["actor_id"].nunique(), ordered["question_id"].nunique()
    if not view.story.is_walk or (len(view.actors) >= all_actors and len(view.questions) >= all_questions):
        return None
    shown = [f"{len(view.actors)} of {all_actors:,} actors"]
    if len(view.questions) < all_questions:
        shown.append(f"{len(view.questions)} of {all_questions:,} questions")
    return f"Charts: {' and '.join(shown)}, this step's and the busiest so far."


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
    """Append the current statement (or context event) and view, with the typed narration and notes, to the
    session's draft story."""
    draft: stories.Story = st.session_state.get(DRAFT) or stories.Story(story_id="", title="")
    step = stories.StoryStep(
        statement_id=view.statement_id,
        event_id=view.event_id,
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


def _jump(ordered, first: dt.date, last: dt.date) -> None:
    """Enter (or leaving the box) commits the typed day: go to the first step on or after it."""
    st.session_state.pop(JUMP_PROBLEM, None)
    text = (st.session_state.get(JUMP) or "").strip()
    if not text:
        return
    day = links.parse_date(text)
    if day is None or not first <= day <= last:
        st.session_state[JUMP_PROBLEM] = (
            f"Jump to date: type a day as YYYY-MM-DD, from {first.isoformat()} to {last.isoformat()}."
        )
        return
    st.session_state[JUMP] = ""
    _go(steps.step_on_or_after(ordered, day))


def back_to_story() -> None:
    """On a page opened with the presenter's Grid or Timeline button: a button back to the same story and step
    (the filters of the link kept; the sidebar as the presenter left it)."""
    place = st.session_state.get(RETURN)
    if not place:
        return
    story_id, number = place
    params: dict[str, str | list[str]] = {
        k: st.query_params.get_all(k) for k in (DEBATE, *FILTER_KEYS) if k in st.query_params
    }
    params[STEP] = str(number)
    if story_id:
        params[STORY] = story_id
    if st.button(
        "Back to the story",
        key="back_to_story",
        icon=":material/arrow_back:",
        type="primary",
        help=f"Return to the Present page at step {number}",
    ):
        st.session_state.pop(RETURN, None)
        st.switch_page(PAGES / "present.py", query_params=params)


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
