"""App shell: page config, the debate to show, sidebar filters bound to the URL, and navigation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from stances import cache, debates, links, query, revisions
from stances.app import state, ui, uploads
from stances.cards import shown
from stances.charts import EACH_OWN_QUESTION
from stances.load import folder_signature
from stances.model import Debate
from stances.names import actor_names, question_labels
from stances.problems import DebateError, Problem, errors
from stances.query import Filters
from stances.vocab import CHANNEL_LABELS, DAY_WIDGET_FORMAT, EVIDENCE_LABELS, POSITION_NAMES, day_text, read_days

PAGES = Path(__file__).resolve().parent / "pages"
# A bundled icon: a `:material/…:` page icon would make the browser fetch the favicon from a CDN.
ICON = Path(__file__).resolve().parent / "icon.png"
FILTER_KEYS = ("actor", "question", "dates", "position", "evidence", "onrecord", "channel", "outlet", "q")
DEBATE = "debate"  # the picker's key and URL parameter
NOTICE = "_link_notice"  # the parts of links not used as written, for the notice
NOTED = "_link_noted"  # (parameter, value) already noted in this session
OPENED_WITH = "_opened_with"  # the filters of the link this session was opened with
SHOWN_PROBLEMS = 5  # problems of a broken save named on screen
EVERY_QUESTION = ""  # the timeline's colour choice that is no single question: each mark's own


@st.cache_resource(max_entries=4, show_spinner="Loading the debate …")
def cached_load(folder: str, signature: tuple) -> Debate | tuple[Problem, ...]:
    """The debate as its files are now, or their problems (kept too: a broken save is read once, not per rerun)."""
    del signature  # part of the cache key only: a changed file on disk loads afresh
    try:
        return cache.load_debate(Path(folder))
    except DebateError as exc:
        return tuple(exc.problems)


@st.cache_resource
def last_good() -> dict[str, tuple[tuple, Debate]]:
    """Per debate folder, the signature and debate of its last version that validated (shared by every viewer)."""
    return {}


@dataclass(frozen=True, kw_only=True)
class Served:
    """The debate to show: the files as they are when they validate, else the last good version and the problems
    that keep the new files from being shown (debate None when there never was a good version)."""

    debate: Debate | None
    signature: tuple
    problems: tuple[Problem, ...] = ()


def served_debate(folder: Path) -> Served:
    signature = folder_signature(folder)
    loaded = cached_load(str(folder), signature)
    kept = last_good()
    if isinstance(loaded, Debate):
        kept[str(folder)] = (signature, loaded)
        return Served(debate=loaded, signature=signature)
    if str(folder) in kept:
        good_signature, good = kept[str(folder)]
        return Served(debate=good, signature=good_signature, problems=loaded)
    return Served(debate=None, signature=signature, problems=loaded)


def problems_notice(served: Served) -> None:
    """Say that the files on disk have problems, and which (the first few; the CLI lists all)."""
    found = errors(list(served.problems))
    listed = "; ".join(str(p) for p in found[:SHOWN_PROBLEMS])
    more = f"; and {len(found) - SHOWN_PROBLEMS:,} more" if len(found) > SHOWN_PROBLEMS else ""
    if served.debate is None:
        st.error("This debate's files have problems, so it cannot be shown yet; it appears once they are fixed.")
        st.code("\n".join(str(p) for p in found), language=None)
        return
    version = served.debate.meta.version or "–"
    st.warning(
        shown(
            f"The debate's files were changed and have {len(found):,} problem(s), so this is the last good version "
            f"(version {version}); the changes appear once the files validate. {listed}{more}."
        ),
        icon=":material/history:",
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def vocabulary(_debate: Debate, signature: tuple) -> tuple[links.LinkVocabulary, list[str]]:
    """What a link may name, as the bound widgets write it (their option labels), and the outlets offered."""
    from stances.app import alignment_views  # its pages import views, which imports this module

    del signature
    outlets = sorted(set(_debate.sources["outlet"]))
    actors = frozenset(actor_names(_debate))
    questions = frozenset(question_labels(_debate))
    choices = {
        "actor": actors,
        "question": questions,
        "question_focus": questions,
        links.COLOURS: questions | {EACH_OWN_QUESTION},
        "position": frozenset(POSITION_NAMES.values()),
        "evidence": frozenset(EVIDENCE_LABELS.values()),
        "channel": frozenset(CHANNEL_LABELS.values()),
        "outlet": frozenset(outlets),
        **alignment_views.link_choices(_debate),
    }
    first, last = query.date_bounds(_debate.statements)
    vocabulary = links.LinkVocabulary(
        choices=choices,
        statements=frozenset(_debate.statements["statement_id"]),
        stories=frozenset(_debate.stories["story_id"].astype(str)),
        first=first,
        last=last,
    )
    return vocabulary, outlets


@st.cache_resource(max_entries=4, show_spinner=False)
def renamed_statements(_debate: Debate, signature: tuple) -> dict[str, str]:
    del signature
    return revisions.renamed_ids(_debate.statements)


def follow_renamed_statement(debate: Debate, signature: tuple) -> None:
    """A link to a statement by an id it had in an earlier version opens the statement under its current id."""
    wanted = st.query_params.get(links.STATEMENT_PARAM)
    if not wanted:
        return
    known = vocabulary(debate, signature)[0].statements
    current = revisions.resolve_statement_id(wanted, known, renamed_statements(debate, signature))
    if current is not None and current != wanted:
        st.query_params[links.STATEMENT_PARAM] = current


def check_link(debate: Debate, signature: tuple, offered: debates.Catalogue) -> None:
    """Before any widget reads the URL: note what of it is unusable, and drop the parameters no widget owns."""
    follow_renamed_statement(debate, signature)
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    words = vocabulary(debate, signature)[0]
    words = dataclasses.replace(words, choices={**words.choices, "debate": frozenset(offered.names)})
    unused = links.unused_values(params, words)
    for item in unused:
        note(item)
        if item.name not in links.PARAMS or item.name in links.UNBOUND:
            st.query_params.pop(item.name, None)


def note(item: links.Unused) -> None:
    """Add a part of the link the app could not use to the notice (once per session: a dismissed notice stays so)."""
    said = st.session_state.setdefault(NOTED, set())
    if (item.name, item.value) in said:
        return
    said.add((item.name, item.value))
    st.session_state.setdefault(NOTICE, []).append(item)


def link_notice(place) -> None:
    """The notice naming every part of the link that was ignored or read differently, with a button to dismiss it."""
    unused = st.session_state.get(NOTICE)
    if not unused:
        return
    cols = place.container().columns([14, 1], vertical_alignment="center")
    cols[0].warning(shown(links.notice(unused)), icon=":material/link_off:")
    if cols[1].button("Dismiss this notice", key="dismiss_notice", icon=":material/close:", help="Dismiss this notice"):
        st.session_state.pop(NOTICE)
        st.rerun()


def remember_link() -> None:
    """At the session's first run, keep the link's filters: a page click can reach the server before the sidebar
    has been drawn, and the browser then drops the filters from the URL (it does not yet know they are bound)."""
    if OPENED_WITH not in st.session_state:
        st.session_state[OPENED_WITH] = {k: st.query_params.get_all(k) for k in FILTER_KEYS if k in st.query_params}


def filter_options(debate: Debate, signature: tuple) -> dict[str, dict]:
    """For each choice filter, its options as the widget holds them (value -> label shown)."""
    return {
        "actor": actor_names(debate).to_dict(),
        "question": question_labels(debate).to_dict(),
        "position": dict(POSITION_NAMES),
        "evidence": dict(EVIDENCE_LABELS),
        "channel": dict(CHANNEL_LABELS),
        "outlet": {o: o for o in vocabulary(debate, signature)[1]},
    }


def lost_filters(debate: Debate, signature: tuple) -> dict[str, list[str]]:
    """The link's filters that the URL lost before their widgets were ever drawn (see `remember_link`), minus the
    values the link check refuses; empty when nothing was lost."""
    opened = st.session_state.get(OPENED_WITH, {})
    lost = {k: v for k, v in opened.items() if k not in st.query_params and k not in st.session_state}
    if not lost:
        return {}
    unused = links.unused_values(lost, vocabulary(debate, signature)[0])
    for item in unused:
        note(item)
    refused = {(u.name, u.value) for u in unused if u.read_as is None}
    kept = {
        k: [v for v in values if (k, v) not in refused and (k, ", ".join(values)) not in refused]
        for k, values in lost.items()
    }
    return {k: v for k, v in kept.items() if v}


def forget_filters() -> None:
    """Drop the filters' state (another debate was picked: its names and days differ from the old defaults)."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def filter_defaults(first: dt.date, last: dt.date) -> dict[str, Any]:
    """Each filter widget's value when nothing is chosen (the whole debate, from `first` to `last`)."""
    return {
        "actor": [],
        "question": [],
        "dates": (first, last),
        "position": [],
        "evidence": [],
        "onrecord": False,
        "channel": [],
        "outlet": [],
        "q": "",
    }


def reset_filters(first: dt.date, last: dt.date) -> None:
    """The Reset button: every filter back to its default, and out of the URL (the timeline's "Colours show" too).

    The defaults are set, not the keys dropped: a bound widget whose key is gone reads the value of the link the
    page was opened with again (Streamlit seeds it from that first URL), so a dropped key put the link's actor
    back. A widget set to its default removes its parameter from the URL. The link's remembered filters go too.
    """
    st.session_state.update(filter_defaults(first, last))
    st.session_state[links.COLOURS] = EVERY_QUESTION  # the timeline's colours, chosen beside it, go back too
    st.session_state[OPENED_WITH] = {}
    st.session_state.pop(UNREAD_DATES, None)


# What a page remembers of the debate shown: reset when another debate is picked (its names and days differ).
VIEW_KEYS: tuple[str, ...] = ("asof", "since", "changes", "question_focus", "step", "grid_actors_find")
VIEW_KEYS += ("grid_actors_page", "grid_questions_find", "grid_questions_page", "source_search", "source_kind")
VIEW_KEYS += ("_present_step", links.COLOURS)


def reset_view() -> None:
    forget_filters()
    for key in VIEW_KEYS:
        st.session_state.pop(key, None)
    st.query_params.pop(links.STATEMENT_PARAM, None)


def debate_picker(offered: debates.Catalogue) -> str:
    """The debate to show: a picker bound to `?debate=` when several are on offer (the default one otherwise)."""
    if len(offered.folders) == 1:
        return offered.default
    # The binding drops a name not on offer before anything else reads the link: note it here, first.
    for value in st.query_params.get_all(DEBATE):
        if value not in offered.folders:
            note(links.Unused(name=DEBATE, value=value, why=links.CHOICE_WHY[DEBATE]))
    with st.sidebar:
        name = st.selectbox(
            "Debate",
            offered.names,
            index=offered.names.index(offered.default),
            key=DEBATE,
            bind="query-params",
            on_change=reset_view,
            help="The debates in this app's data folder, by folder name; links name the debate they show.",
        )
    return offered.pick(name)


def _choose(label: str, options: Mapping[Any, str], *, key: str, placeholder: str) -> list[Any]:
    """A multiselect over `options` (value -> label shown), bound to the URL parameter `key`: links hold labels."""
    return st.multiselect(
        label, list(options), format_func=options.__getitem__, key=key, bind="query-params", placeholder=placeholder
    )


def sidebar_filters(debate: Debate, signature: tuple) -> Filters:
    """The filters shared by every page; each widget is bound to its URL parameter."""
    options = filter_options(debate, signature)
    actors, questions = options["actor"], options["question"]
    first, last = query.date_bounds(debate.statements)
    with st.sidebar:
        st.subheader("Filters")
        chosen_actors = _choose("Actors", actors, key="actor", placeholder="All actors")
        chosen_questions = _choose("Questions", questions, key="question", placeholder="All questions")
        dates = st.date_input(
            "Dates",
            value=(first, last),
            min_value=first,
            max_value=last,
            key="dates",
            bind="query-params",
            format=DAY_WIDGET_FORMAT,
            on_change=st.session_state.pop,
            args=(UNREAD_DATES, None),
            help=DATES_HELP,
        )
        start, end = (dates[0], dates[-1]) if isinstance(dates, tuple | list) and dates else (first, last)
        start, end = min(start, end), max(start, end)
        typed_dates(first, last, start, end)
        positions = _choose("Positions", options["position"], key="position", placeholder="All positions")
        on_record = st.toggle(
            "On-record words only",
            key="onrecord",
            bind="query-params",
            help="Only the actors' own words: on-record statements and official documents.",
        )
        evidence = _choose("How we know", options["evidence"], key="evidence", placeholder="All evidence kinds")
        channels = _choose("Channel", options["channel"], key="channel", placeholder="Public and private")
        chosen_outlets = _choose("Outlets", options["outlet"], key="outlet", placeholder="All outlets")
        text = st.text_input(
            "Search summaries and quotes",
            key="q",
            bind="query-params",
            placeholder="e.g. negotiat",
            max_chars=links.Q_MAX,
        )
        st.button(
            "Reset filters",
            on_click=reset_filters,
            args=(first, last),
            icon=":material/restart_alt:",
            key="reset_filters",
            help="Every filter back to the whole debate, and the timeline's colours to each mark's own question "
            "(the link then holds none).",
        )
    return Filters(
        actors=tuple(chosen_actors),
        questions=tuple(chosen_questions),
        start=start if start != first else None,
        end=end if end != last else None,
        positions=tuple(positions),
        evidence=tuple(evidence),
        on_record_only=bool(on_record),
        channels=tuple(channels),
        outlets=tuple(chosen_outlets),
        text=text or "",
    )


# Streamlit's range field moves from year to month to day, but not on from the first day to the last: typing on
# rewrites the first day (checked in Chromium, Streamlit 1.67). Tab moves to the last day.
DATES_HELP = "Type the first day, press Tab, then type the last day (or type both in the box below)."
TYPED_DATES = "dates_typed"
UNREAD_DATES = "_dates_unread"  # the typed text that could not be read as days, to say so


def typed_dates(first: dt.date, last: dt.date, start: dt.date, end: dt.date) -> None:
    """A box to type the range in one go (the date field above takes the start and the end in two parts, and typing
    on past the start's day rewrote the start): read on Enter, then shown in the date field and the link."""
    unread = st.session_state.get(UNREAD_DATES)
    if unread is None:
        st.session_state[TYPED_DATES] = f"{day_text(start)} to {day_text(end)}"
    st.text_input(
        "Or type the dates",
        key=TYPED_DATES,
        on_change=read_typed_dates,
        args=(first, last),
        placeholder=f"{day_text(first)} to {day_text(last)}",
        help="Two days as YYYY-MM-DD, e.g. 2022-11-05 to 2022-11-20 (or one day); Enter applies them.",
    )
    if unread is not None:
        st.caption(shown(f"Not read as dates: “{unread}”. Type two days as YYYY-MM-DD, e.g. 2022-11-05 to 2022-11-20."))


def read_typed_dates(first: dt.date, last: dt.date) -> None:
    text = str(st.session_state.get(TYPED_DATES, ""))
    days = read_days(text)
    if days is None:
        st.session_state[UNREAD_DATES] = text
        return
    st.session_state.pop(UNREAD_DATES, None)
    start, end = (min(max(day, first), last) for day in days)
    st.session_state["dates"] = (start, end)


def navigation() -> StreamlitPage:
    pages = [
        st.Page(PAGES / "timeline.py", title="Timeline", icon=":material/timeline:", default=True),
        st.Page(PAGES / "grid.py", title="Comparison grid", icon=":material/grid_on:", url_path="grid"),
        st.Page(PAGES / "trends.py", title="Positions over time", icon=":material/show_chart:", url_path="trends"),
        st.Page(PAGES / "alignment.py", title="Who stands with whom", icon=":material/hub:", url_path="alignment"),
        st.Page(
            PAGES / "public_private.py", title="Public and private", icon=":material/compare_arrows:", url_path="gaps"
        ),
        st.Page(PAGES / "actor.py", title="Actor profile", icon=":material/person:", url_path="actor"),
        st.Page(PAGES / "present.py", title="Present", icon=":material/slideshow:", url_path="present"),
        st.Page(PAGES / "sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
        st.Page(PAGES / "table.py", title="Table & export", icon=":material/table:", url_path="table"),
        st.Page(PAGES / "about.py", title="About", icon=":material/info:", url_path="about"),
    ]
    return st.navigation(pages)


def main() -> None:
    st.set_page_config(page_title="stances", page_icon=str(ICON), layout="wide")
    ui.page_style()
    offered = debates.catalogue(sys.argv, os.environ)
    explored = uploads.current()
    if explored is not None:  # this session's own upload, in place of the debates on offer
        uploads.sidebar_note(reset_view)
        folder, debate, signature = explored.folder, explored.debate, explored.signature
    else:
        folder = offered.folders[debate_picker(offered)]
        served = served_debate(folder)
        if served.problems:
            problems_notice(served)
        if served.debate is None:
            return
        debate, signature = served.debate, served.signature
    remember_link()
    page = navigation()
    check_link(debate, signature, offered)
    lost = lost_filters(debate, signature)
    if lost:  # open this page again with the link's filters in its URL: the widgets then read them as from a link
        current = {k: st.query_params.get_all(k) for k in st.query_params}
        st.switch_page(page, query_params={**current, **lost})
    filters = sidebar_filters(debate, signature)
    with st.sidebar:
        st.caption(shown(f"{debate.meta.title} · version {debate.meta.version or '–'}"))
    top = st.empty()  # the link notice, drawn after the page so that it holds what the page noted too
    state.put(state.AppContext(folder=folder, signature=signature, debate=debate, filters=filters))
    page.run()
    link_notice(top)
