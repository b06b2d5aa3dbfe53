"""DataFrames -> plotly Figures. No I/O, no streamlit; every piece of dataset text is escaped before plotly sees it."""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap
from collections.abc import Collection

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from stances import query, scales
from stances.model import Debate
from stances.names import actor_names, question_labels
from stances.vocab import (
    DAY_FORMAT,
    EVIDENCE_LABELS,
    EVIDENCE_RANK,
    EVIDENCE_SYMBOLS,
    NO_POSITION_COLOUR,
    POSITION_COLOURS,
    POSITION_NAMES,
    POSITION_PALETTE,
    POSITIONS,
    STALE_NOTE,
    counted,
    day_text,
    signed,
)

EVENT_LABEL_LEVELS = 4  # rows of event labels above the timeline; events beyond them keep their line and hover
EVENT_LABELS_UP_TO = 30  # more events than this in view: lines and hover only, no labels
# Okabe–Ito qualitative palette for actors' lines.
ACTOR_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
ACTOR_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
ACTOR_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")

# Cell suffix in the grid's change view: moved up (towards +2), moved down, new since the earlier date.
CHANGE_MARKS = {0: "", 1: " ▲", -1: " ▼", 2: " ◆"}

WEBGL_ABOVE = 2_000  # points; beyond this the timeline uses WebGL traces
FONT = "Source Sans Pro, sans-serif"
# All chart text (ticks, legends, titles, notes) in one dark grey: 12.6:1 on white, where Streamlit's theme would
# draw the axes in rgb(128,132,149), 3.7:1, under WCAG AA's 4.5:1 for text.
TEXT_COLOUR = "#31333F"
AA_TEXT = 4.5  # WCAG 2.2 AA: least contrast ratio of normal-size text


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance of an sRGB colour written `#rrggbb`."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on `background`: a number printed in a coloured mark or cell."""
    return max(("#000000", "#ffffff"), key=lambda text: contrast_ratio(text, background))


# The one chart style of the app and the take-away files (HTML, PNG). Streamlit's theme gives the figures in the app
# room for their axis labels; a file has no Streamlit, so the room comes from here: every axis grows its margin to
# fit its labels (automargin), over the small fixed margins each figure asks for.
TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": 14, "color": TEXT_COLOUR},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"family": FONT, "size": 13, "color": TEXT_COLOUR}},
        "xaxis": {"automargin": True, "color": TEXT_COLOUR},
        "yaxis": {"automargin": True, "color": TEXT_COLOUR},
        "legend": {"font": {"color": TEXT_COLOUR}},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
    }
)


def styled(fig: go.Figure) -> go.Figure:
    """`fig` in the shared chart style: the template, every axis sized to fit its labels, and every text dark enough.

    The colours are set on the figure itself as well as in the template: Streamlit's theme replaces a figure's
    template values in the app (its grey axis labels), but not what a figure sets itself.
    """
    # One layout update for all of it, every axis included (each update is validated again: four cost twice one).
    axes = ["xaxis", "yaxis", *sorted(name for name in fig.layout if _NUMBERED_AXIS.fullmatch(name))]
    axis = {"automargin": True, "color": TEXT_COLOUR, "tickfont": {"color": TEXT_COLOUR}}
    fig.update_layout(
        template=TEMPLATE,
        font_color=TEXT_COLOUR,
        legend_font_color=TEXT_COLOUR,
        legend_title_font_color=TEXT_COLOUR,
        hoverlabel_font_color=TEXT_COLOUR,
        **{name: {**axis, "title": {"font": {"color": TEXT_COLOUR}}} for name in axes},
    )
    return fig


_NUMBERED_AXIS = re.compile(r"[xy]axis\d+")


LABEL_MAX = 32  # characters of a name on an axis or in a legend; hover text holds it whole


def short(text: object, limit: int = LABEL_MAX) -> str:
    """`escape(text)` cut to `limit` characters with an ellipsis, so that a very long actor name or question label
    cannot squash the plot to nothing."""
    return escape(cut(text, limit))


def cut(text: object, limit: int) -> str:
    """The text, cut to `limit` characters with an ellipsis when longer (even a single long word)."""
    value = "" if text is None else str(text)
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


# Characters textwrap turns into spaces; a text without them, no longer than the width and not ending in white
# space is one line of itself, so it needs no wrapping (most quotes and outlets; textwrap costs ~20 µs a text).
_WRAPPED_SPACE = frozenset("\t\n\x0b\x0c\r")


def escape(text: object, width: int | None = None) -> str:
    """Dataset text made safe for plotly's HTML-ish labels; optionally wrapped with <br> every `width` characters."""
    value = "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text)
    if width and (len(value) > width or (value and value[-1].isspace()) or not _WRAPPED_SPACE.isdisjoint(value)):
        lines = textwrap.wrap(value, width=width, break_long_words=True) or [""]
        return "<br>".join(html.escape(line, quote=False) for line in lines)
    return html.escape(value, quote=False)


HOVER_WIDTH = 70  # characters of a line of a summary, quote or outlets in a hover label


def hover_texts(debate: Debate, statements: pd.DataFrame) -> list[str]:
    """The hover label of each statement: date, actor, question, position, summary, quote and outlets."""
    actors = {actor: escape(name) for actor, name in actor_names(debate).items()}
    questions = {question: escape(label) for question, label in question_labels(debate).items()}
    evidence_labels = {kind: escape(label) for kind, label in EVIDENCE_LABELS.items()}
    labels = query.label_positions(debate, statements).tolist()
    ids = statements["statement_id"].astype(str)
    outlet_text = query.source_columns(debate, ids, columns=("source_outlets",))["source_outlets"]
    outlets_of = {text: escape(text, HOVER_WIDTH) for text in pd.unique(outlet_text)}
    outlets = outlet_text.reindex(ids).fillna("").tolist()
    positions = statements["position"].astype(int).tolist()
    out = []
    for actor, day, precision, question, position, label, summary, quote, evidence, outlet in zip(
        statements["actor_id"].tolist(),
        statements["date"].tolist(),
        statements["date_precision"].tolist(),
        statements["question_id"].tolist(),
        positions,
        labels,
        statements["summary"].tolist(),
        statements["quote"].tolist(),
        statements["evidence"].tolist(),
        outlets,
        strict=True,
    ):
        quoted = f"<br><i>“{escape(quote, HOVER_WIDTH)}”</i>" if quote else ""
        kind = evidence_labels.get(str(evidence))
        out.append(
            f"<b>{actors[actor] if actor in actors else escape(actor)}</b> · {day:{DAY_FORMAT}}"
            f"{' (approx.)' if precision != 'day' else ''}<br>"
            f"{questions[question] if question in questions else escape(question)}: <b>{signed(position)}</b> "
            f"{escape(label)}<br>"
            f"{escape(summary, HOVER_WIDTH)}{quoted}<br>"
            f"<span style='color:#555'>{escape(evidence) if kind is None else kind}"
            f" · {outlets_of[outlet] if outlet in outlets_of else escape(outlet, HOVER_WIDTH)}</span>"
        )
    return out


def _class_names(debate: Debate) -> dict[int, str]:
    """Legend names of the colour classes: the five points' names when every question uses −2 … +2, else the
    classes' own (most against … most for), since the numbers differ from scale to scale."""
    return POSITION_NAMES if scales.all_five_point(debate.scale_points) else scales.CLASS_NAMES


MARK_PX = 19  # a statement's mark on the timeline: room for its position number inside
ROW_PX = 22  # height of one row of marks in a lane
LANE_PAD = 0.5  # rows of space above and below a lane's marks
PLOT_PX = 600  # about how wide the timeline's plot is at the narrowest screens it is read on (1280 px, sidebar open)
EVENT_LEVEL = 1.3  # rows per level of the context events' numbered marks above the lanes
OTHER_QUESTION = "#ffffff"  # fill of a mark on another question than the one the colours show
OTHER_INK = "#595959"  # its number and outline: 7:1 on white


def stack_rows(lanes: np.ndarray, days: np.ndarray, width: float) -> np.ndarray:
    """The row of each mark inside its lane, so that no two marks of a lane lie closer than `width` days in one row.

    Marks are placed in the order given (sort them by day first); each takes the top row where it does not touch the
    last mark, else opens a row below. Two statements of one actor on one day (a public −1 and a private −2) so get
    rows of their own and stay visible and clickable.
    """
    rows = np.zeros(len(days), dtype=int)
    ends: dict[object, list[float]] = {}
    for i, (lane, day) in enumerate(zip(lanes.tolist(), days.tolist(), strict=True)):
        taken = ends.setdefault(lane, [])
        row = next((r for r, end in enumerate(taken) if day - end >= width), len(taken))
        if row == len(taken):
            taken.append(day)
        else:
            taken[row] = day
        rows[i] = row
    return rows


EACH_OWN_QUESTION = "The position on each mark's own question"  # the colour choice that is no single question


def colour_note(debate: Debate, colour_by: str | None) -> str:
    """What the colours of the timeline show, in words for the page and the legend (plain text: escape to show)."""
    if colour_by is None:
        return "Colour: each statement's position on its own question (hover a mark to see which)"
    label = question_labels(debate).get(colour_by, colour_by)
    return f"Colour: position on “{label}”; white marks are statements on other questions"


def timeline(
    debate: Debate,
    statements: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    current: str | None = None,
    current_event: str | None = None,
    keep_events: Collection[str] = (),
    until: dt.date | None = None,
    height: int | None = None,
    compact: bool = False,
    colour_by: str | None = None,
) -> go.Figure:
    """Each statement is one mark at its date, on its actor's lane; colour = position, number = position, shape =
    evidence.

    Marks of a lane that would touch (one actor, near or equal days) are stacked in rows, so every statement is seen
    and can be clicked. With `colour_by`, only that question's statements are coloured (the others are white, their
    number grey). `current` rings one statement, or `current_event` one context event's mark (a story's event step);
    statements after `until` are faded (the presenter's "later steps").
    Context events are numbered marks above the lanes with a dotted line down, and a key of their numbers below
    (hover gives label and description); the ringed event and those `keep_events` names are always among them.
    The statement id travels in `customdata`, so a click maps back to its row.
    """
    lanes = query.actors_in(debate, statements["actor_id"])
    names = actor_names(debate)
    order = np.lexsort(
        (
            statements["evidence"].astype(str).map(EVIDENCE_RANK).fillna(99).to_numpy(),
            statements["question_id"]
            .astype(str)
            .map({q: i for i, q in enumerate(debate.questions["question_id"])})
            .fillna(-1)
            .to_numpy(),
            statements["date"].to_numpy(),
            statements["actor_id"].astype(str).map({a: i for i, a in enumerate(lanes)}).to_numpy(),
        )
    )
    statements = statements.iloc[order]
    first, last = (statements["date"].min(), statements["date"].max()) if len(statements) else (None, None)
    span = max((last - first).days, 1) if first is not None else 1
    days = ((statements["date"] - first).dt.total_seconds() / 86_400).to_numpy() if first is not None else np.zeros(0)
    lane_ids = statements["actor_id"].astype(str).to_numpy()
    rows = stack_rows(lane_ids, days, (MARK_PX + 2) * span / PLOT_PX)
    lane_rows = {lane: 1 for lane in lanes}
    for lane, row in zip(lane_ids.tolist(), rows.tolist(), strict=True):
        lane_rows[lane] = max(lane_rows[lane], row + 1)
    tops = np.cumsum([0.0] + [lane_rows[a] + 2 * LANE_PAD for a in lanes])
    lane_top = dict(zip(lanes, tops[:-1], strict=False))
    centres = [float(lane_top[a] + (lane_rows[a] + 2 * LANE_PAD) / 2) for a in lanes]
    bottom = float(tops[-1])
    y = pd.Series(
        [lane_top[a] + LANE_PAD + 0.5 + r for a, r in zip(lane_ids.tolist(), rows.tolist(), strict=True)],
        index=statements.index,
        dtype=float,
    )
    # A figure of a given height (the presenter's) has rows of its own size: marks shrink to fit them, and drop the
    # number when it would not fit inside.
    mark = MARK_PX if height is None else int(min(MARK_PX, max(7, 0.9 * (height - 90) / (bottom + EVENT_LEVEL))))
    hover = hover_texts(debate, statements)
    scatter = "scattergl" if len(statements) > WEBGL_ABOVE else "scatter"
    faded = (
        (statements["date"] > pd.Timestamp(until)).to_numpy() if until is not None else np.zeros(len(statements), bool)
    )
    # The traces and the layout are written as plain specs and validated once, as one figure: plotly validates (and
    # copies) every trace added and every layout update again, which took most of a rerun's time.
    traces: list[dict] = []
    # Colour follows each question's own scale: a 7 on 0 … 10 and a +1 on -2 … +2 both lean "for".
    classes = scales.colour_class(
        scales.leaning(statements["question_id"], statements["position"], debate.scale_points)
    )
    if colour_by is not None:
        classes = np.where(statements["question_id"].astype(str).to_numpy() == colour_by, classes, OTHER_CLASS)
    class_names = _class_names(debate)
    numbers = [signed(p) for p in statements["position"].astype(int)]
    for position in [*sorted(POSITION_COLOURS), OTHER_CLASS]:
        picked = np.flatnonzero(classes == position)
        if picked.size == 0:
            continue
        part = statements.iloc[picked]
        fill = POSITION_COLOURS.get(position, OTHER_QUESTION)
        ink = text_colour_on(fill) if position in POSITION_COLOURS else OTHER_INK
        traces.append(
            {
                "type": scatter,
                "x": part["date"],
                "y": y.iloc[picked],
                "mode": "markers+text" if mark >= MARK_PX - 4 else "markers",
                "name": class_names.get(position, "Other questions"),
                "legendgroup": "position",
                "showlegend": False,
                "marker": {
                    "color": fill,
                    "symbol": [EVIDENCE_SYMBOLS.get(str(e), "circle") for e in part["evidence"]],
                    "size": mark,
                    "opacity": np.where(faded[picked], FADED, 1.0),
                    "line": {"color": "#333333" if position in POSITION_COLOURS else OTHER_INK, "width": 1.2},
                },
                "text": [numbers[i] for i in picked],
                "textposition": "middle center",
                "textfont": {
                    "size": 10 if compact else 11,
                    "color": [_faded_ink(ink) if faded[i] else ink for i in picked],
                    "family": FONT,
                },
                "customdata": part[["statement_id"]].to_numpy(),
                "hovertext": [hover[i] for i in picked],
                "hovertemplate": "%{hovertext}<extra></extra>",
            }
        )
    legend_title = (
        "Position" if colour_by is None else f"Position on {short(question_labels(debate).get(colour_by, colour_by))}"
    )
    for position in sorted(POSITION_COLOURS):
        if (classes == position).any():
            traces.append(
                _legend_entry(class_names[position], "position", legend_title, "square", POSITION_COLOURS[position])
            )
    if (classes == OTHER_CLASS).any():
        traces.append(
            _legend_entry("Other questions", "position", legend_title, "square", OTHER_QUESTION, line=OTHER_INK)
        )
    for evidence, symbol in EVIDENCE_SYMBOLS.items():
        if (statements["evidence"].astype(str) == evidence).any():
            traces.append(_legend_entry(EVIDENCE_LABELS[evidence], "evidence", "How we know", symbol, "#767676"))
    if current is not None:
        row = statements[statements["statement_id"] == current]
        if not row.empty:
            traces.append(_ring(list(row["date"]), list(y.loc[row.index])))
    pinned = (*keep_events, *((current_event,) if current_event else ()))
    levels, key = _add_event_marks(traces, events, statements, bottom=bottom, labels=not compact, keep=pinned)
    # The events' dotted lines first, so they run under the marks and not across their numbers.
    traces.sort(key=lambda trace: trace.get("name") != "Event lines")
    band = EVENT_LEVEL * levels + 0.2 if levels else 0.3
    key_notes, key_lines = _event_key_notes(key) if key else ([], 0)
    plot_px = ROW_PX * (bottom + band)
    top_px = 20 if compact else 10
    bottom_px = 20 if compact else 64 + (17 * key_lines + 16 if key_lines else 0)
    layout: dict = dict(
        font={"family": FONT, "size": 14},
        height=height or int(max(260, top_px + bottom_px + plot_px + (0 if compact else 130))),
        margin={"l": 10, "r": 10, "t": top_px, "b": bottom_px},
        legend={
            "orientation": "h",
            "groupclick": "toggleitem",
            "font": {"size": 13},
            # Above the plot and its top date axis, so the key is seen without scrolling, whatever the lanes.
            "yanchor": "bottom",
            "y": 1 + 34 / max(plot_px, 1),
            "x": 0,
        },
        showlegend=not compact,
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 13, "family": FONT}},
        clickmode="event+select",
        dragmode="zoom",
        plot_bgcolor="white",
        xaxis={
            "title": {"text": "Date of statement"} if compact else None,
            "side": "bottom" if compact else "top",
            "showgrid": True,
            "gridcolor": "#eeeeee",
            "type": "date",
        },
        yaxis={
            "title": None,
            "tickmode": "array",
            "tickvals": centres,
            "ticktext": [short(names.get(a, a)) for a in lanes],
            "tickfont": {"size": 9 if compact else 14},
            "autorange": False,
            "range": [bottom, -band],
            "showgrid": False,
            "zeroline": False,
            # Lane separators as minor grid lines: one property, where a shape per lane costs plotly a validation each.
            "minor": {"tickvals": [float(t) for t in tops[1:-1]], "showgrid": True, "gridcolor": "#d9d9d9"},
        },
    )
    dates = pd.concat([statements["date"], events_near(events, statements, keep=pinned)["date"]])
    if not compact and len(dates) and (dates.max() - dates.min()).days > 75:
        # The months again below the lanes, where a tall timeline ends: a second axis matching the first, held by an
        # empty trace. Its ticks are set to months (plotly labels a matched axis' automatic date ticks wrongly).
        start = dates.min()
        traces.append(
            {
                "type": "scatter",
                "x": [start],
                "y": [None],
                "xaxis": "x2",
                "showlegend": False,
                "hoverinfo": "skip",
                "name": "Dates below",
            }
        )
        layout.update(
            xaxis2={
                "matches": "x",
                "overlaying": "x",
                "anchor": "y",
                "side": "bottom",
                "type": "date",
                "showgrid": False,
                "dtick": "M1",
                "tick0": f"{start:%Y-%m}-01",
                "tickformat": "%b %Y",
                "title": {"text": "Date of statement"},
            }
        )
    layout["annotations"] = key_notes
    fig = go.Figure({"data": traces, "layout": layout})
    ringed = event_mark(fig, events, current_event) if current_event else None
    if ringed is not None:
        fig.add_trace(_ring([ringed[0]], [ringed[1]]))
    fig.update_layout(title=None)  # no title: an empty one, as an update writes it (the figure's JSON as before)
    return styled(fig)


def _ring(x: list, y: list) -> dict:
    """The ring around the presenter's current step (a trace spec): a statement's mark, or a context event's."""
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "markers",
        "name": "Current step",
        "marker": {"symbol": "circle-open", "size": 32, "color": "#000000", "line": {"width": 3}},
        "hoverinfo": "skip",
        "showlegend": False,
        "cliponaxis": False,  # drawn whole on the top lane and on an event's mark above the lanes
    }


def lane_extents(figure: go.Figure) -> list[tuple[float, float]]:
    """The (top, bottom) heights of each lane of a `timeline` figure, top lane first (lanes differ in height: each
    holds as many rows as its stacked marks need)."""
    axis = figure.layout.yaxis
    separators = [float(v) for v in (axis.minor.tickvals or ())]
    lanes = len(axis.tickvals or ())
    if lanes == 0:
        return []
    return list(zip([0.0, *separators], [*separators, float(axis.range[0])], strict=True))


OTHER_CLASS = 99  # colour class of the statements on other questions than the one the colours show
FADED = 0.25  # opacity of a statement after the presenter's day


def _faded_ink(ink: str) -> str:
    value = ink.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{FADED})"


def _legend_entry(name: str, group: str, title: str, symbol: str, colour: str, *, line: str = "#333333") -> dict:
    """A legend key without marks of its own (a trace spec)."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "name": name,
        "legendgroup": group,
        "legendgrouptitle": {"text": title},
        "marker": {"symbol": symbol, "size": 12, "color": colour, "line": {"color": line, "width": 1.2}},
        "hoverinfo": "skip",
    }


def event_label_levels(days: list[float], widths: list[float], levels: int = EVENT_LABEL_LEVELS) -> list[int | None]:
    """Row of each event label so that labels in one row do not overlap; None when every row is taken.

    `days` are the events' positions and `widths` their labels' widths, in the same unit, sorted by day.
    """
    ends: list[float] = []
    out: list[int | None] = []
    for day, width in zip(days, widths, strict=True):
        level = next((i for i, end in enumerate(ends) if end < day), None)
        if level is None and len(ends) < levels:
            ends.append(-np.inf)
            level = len(ends) - 1
        if level is not None:
            ends[level] = day + width
        out.append(level)
    return out


EVENT_KEY_WIDTH = 46  # characters of a line in the key of context events under the timeline (two columns of them)
EVENT_NUMBER_LEVELS = 6  # rows of numbered event marks above the lanes; more crowded events share the last row


def event_key(events: pd.DataFrame) -> list[str]:
    """The key of the numbered context events, one escaped entry each: number, date and the whole label, wrapped."""
    out = []
    for number, (day, label) in enumerate(zip(events["date"], events["label"].astype(str), strict=True), start=1):
        lines = textwrap.wrap(f"{number}.  {day:{DAY_FORMAT}} · {label}", EVENT_KEY_WIDTH, break_long_words=True)
        out.append("<br>".join(html.escape(line, quote=False) for line in lines))
    return out


def _event_key_notes(key: list[str]) -> tuple[list[dict], int]:
    """The key as notes under the lower date axis, in two columns when long; and how many lines the longer holds."""
    half = -(-len(key) // 2) if len(key) > 6 else len(key)
    columns = [column for column in (key[:half], key[half:]) if column]
    notes = [
        {
            "text": "<br>".join(column),
            "xref": "paper",
            "yref": "paper",
            "x": 0.5 * i,
            "y": 0,
            "xanchor": "left",
            "yanchor": "top",
            "yshift": -70,
            "align": "left",
            "showarrow": False,
            "font": {"size": 12, "color": TEXT_COLOUR, "family": FONT},
            "name": "Event key",
        }
        for i, column in enumerate(columns)
    ]
    lines = max((sum(entry.count("<br>") + 1 for entry in column) for column in columns), default=0)
    return notes, lines


def events_near(events: pd.DataFrame | None, statements: pd.DataFrame, *, keep: Collection[str] = ()) -> pd.DataFrame:
    """The context events the timeline of `statements` shows: those up to two weeks either side of them, and the
    events `keep` names (a story's event steps) wherever they fall, by date."""
    if events is None or events.empty:
        return pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"), "label": [], "description": []})
    if not statements.empty:
        low, high = statements["date"].min(), statements["date"].max()
        near = pd.Timedelta(days=14)
        within = (events["date"] >= low - near) & (events["date"] <= high + near)
        if keep and "event_id" in events.columns:
            within |= events["event_id"].astype(str).isin(list(keep))
        events = events[within.to_numpy()]
    return events.sort_values("date", kind="stable")


def event_mark(figure: go.Figure, events: pd.DataFrame | None, event_id: str) -> tuple[pd.Timestamp, float] | None:
    """Where a timeline figure draws the mark of the context event `event_id` (x, y), or None when it does not."""
    if events is None or events.empty or "event_id" not in events.columns:
        return None
    match = events[(events["event_id"].astype(str) == event_id).to_numpy()]
    if match.empty:
        return None
    day = pd.Timestamp(match["date"].iloc[0])
    for trace in figure.data:
        if trace.name != "Context events" or trace.x is None:
            continue
        for x, y in zip(trace.x, trace.y, strict=True):
            if pd.Timestamp(x) == day:
                return day, float(y)
    return None


def _add_event_marks(
    traces: list[dict],
    events: pd.DataFrame | None,
    statements: pd.DataFrame,
    *,
    bottom: float,
    labels: bool = True,
    keep: Collection[str] = (),
) -> tuple[int, list[str]]:
    """Context events near the statements (and those `keep` names), as trace specs added to `traces`: a numbered
    mark each above the lanes (staggered so numbers do not overlap), a dotted line down through the lanes, a hover
    with label and description. Returns the levels of marks used and the key of the numbers (empty without labels)."""
    events = events_near(events, statements, keep=keep)
    if events.empty:
        return 0, []
    dates = pd.concat([events["date"], statements["date"]]) if not statements.empty else events["date"]
    days_per_px = max((dates.max() - dates.min()).days, 1) / PLOT_PX
    # One mark per day: events of one day share it, their numbers side by side ("17, 18").
    hovers = [
        f"<b>{number}. {escape(label)}</b> · {day:{DAY_FORMAT}}<br>{escape(description, 70)}"
        for number, (label, day, description) in enumerate(
            zip(events["label"].tolist(), events["date"].tolist(), events["description"].tolist(), strict=True),
            start=1,
        )
    ]
    marks = (
        pd.DataFrame({"date": events["date"].to_numpy(), "number": range(1, len(events) + 1), "hover": hovers})
        .groupby("date", sort=True)
        .agg(numbers=("number", lambda n: ", ".join(map(str, n))), hover=("hover", "<br><br>".join))
        .reset_index()
    )
    days = [(d - dates.min()).days for d in marks["date"]]
    widths = [(7 * len(n) + 12) * days_per_px for n in marks["numbers"]]
    placed = event_label_levels(days, widths, levels=EVENT_NUMBER_LEVELS if labels else 1)
    # Without numbers (a compact timeline) every mark sits on the one row; else crowded ones share the last row.
    levels = [0 if not labels else EVENT_NUMBER_LEVELS - 1 if level is None else level for level in placed]
    heights = [-(0.6 + EVENT_LEVEL * level) for level in levels]
    traces.append(
        {
            "type": "scatter",
            "x": [d for day in marks["date"] for d in (day, day, None)],
            "y": [y for height in heights for y in (height, bottom, None)],
            "mode": "lines",
            "line": {"color": "#8c8c8c", "width": 1, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "Event lines",
        }
    )
    traces.append(
        {
            "type": "scatter",
            "x": marks["date"],
            "y": heights,
            "mode": "markers+text" if labels else "markers",
            "name": "Context events",
            "marker": {"symbol": "triangle-down", "size": 9, "color": "#767676"},
            "text": marks["numbers"].tolist() if labels else None,
            "textposition": "top center",
            "textfont": {"size": 12, "color": TEXT_COLOUR, "family": FONT},
            "hovertext": marks["hover"].tolist(),
            "hovertemplate": "%{hovertext}<extra></extra>",
            "customdata": [[""]] * len(marks),
            "showlegend": labels,
            # A click on a statement dims the other marks; the events' numbers stay readable.
            "unselected": {"marker": {"opacity": 1}, "textfont": {"color": TEXT_COLOUR}},
        }
    )
    return max(levels) + 1, event_key(events) if labels else []


def _add_events(
    fig: go.Figure, events: pd.DataFrame | None, statements: pd.DataFrame, *, lanes: int, labels: bool = True
) -> int:
    """Dotted vertical lines with staggered labels on top and a hover marker each; returns the label rows used."""
    if events is None or events.empty:
        return 0
    low, high = (statements["date"].min(), statements["date"].max()) if not statements.empty else (None, None)
    if low is not None and high is not None:
        span = pd.Timedelta(days=14)
        events = events[(events["date"] >= low - span) & (events["date"] <= high + span)]
    if events.empty:
        return 0
    events = events.sort_values("date")
    first = min(events["date"].min(), low) if low is not None else events["date"].min()
    last = max(events["date"].max(), high) if high is not None else events["date"].max()
    days_per_px = max((last - first).days, 1) / 520  # the plot is ~520 px wide on a 1280 px screen with the sidebar
    texts = [textwrap.shorten(str(label), 30, placeholder="…") for label in events["label"]]
    days = [(d - first).days for d in events["date"]]
    labelled = labels and len(events) <= EVENT_LABELS_UP_TO
    levels = event_label_levels(
        days, [len(t) * 7 * days_per_px + 3 for t in texts], levels=EVENT_LABEL_LEVELS if labelled else 0
    )
    # The event lines are one trace of segments (None breaks the line): one object to build, whatever their number.
    top, bottom = -1.0, max(lanes - 0.5, 0.5)
    fig.add_trace(
        go.Scatter(
            x=[d for day in events["date"] for d in (day, day, None)],
            y=[y for _ in range(len(events)) for y in (top, bottom, None)],
            mode="lines",
            line={"color": "#8c8c8c", "width": 1, "dash": "dot"},  # 3.4:1 on white
            hoverinfo="skip",
            showlegend=False,
            name="Event lines",
        )
    )
    notes = [
        {
            "x": event.date,
            "y": 1.0,
            "yref": "paper",
            "yanchor": "bottom",
            "xanchor": "left",
            "text": escape(label),
            "showarrow": False,
            "font": {"size": 11, "color": "#444444"},
            "yshift": 2 + 16 * level,
        }
        for event, label, level in zip(events.itertuples(index=False), texts, levels, strict=True)
        if level is not None
    ]
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    fig.add_trace(
        go.Scatter(
            x=events["date"],
            y=[-0.75] * len(events),
            mode="markers",
            name="Context events",
            marker={"symbol": "triangle-down", "size": 11, "color": "#777777"},
            hovertext=[
                f"<b>{escape(label)}</b> · {day}<br>{escape(description, 70)}"
                for label, day, description in zip(
                    events["label"].tolist(),
                    [day_text(day) for day in events["date"]],
                    events["description"].tolist(),
                    strict=True,
                )
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[""]] * len(events),
            showlegend=True,
        )
    )
    return max((lv for lv in levels if lv is not None), default=-1) + 1


GRID_TICK_CHARS = 22  # question labels longer than this are shortened on the axis (the hover has them whole)


def grid(
    debate: Debate,
    snapshot: pd.DataFrame,
    *,
    actors: list[str],
    questions: list[str],
    changed: dict[tuple[str, str], int] | None = None,
    differs: frozenset[tuple[str, str]] = frozenset(),
    compact: bool = False,
    height: int | None = None,
) -> go.Figure:
    """Actors × questions: each cell is the actor's latest known position as of the snapshot's date.

    `differs` holds the (actor, question) cells where public words and a private signal differ (`gaps`): their
    text gets a "≠" and their hover says so.

    All cells are one trace of square markers on a numeric lattice (row = actor, column = question, both keyed by
    id; the names are tick labels), so the figure grows by one entry per array and cell, not by one shape per cell.
    Colour = position, text = the signed position (an asterisk when older than the others, i.e. stale), empty cells
    are open grey squares. `changed` maps (actor, question) to the shift since an earlier date; those cells get a
    thick black frame and an arrow. `customdata` carries the statement id.
    """
    changed = changed or {}
    names = actor_names(debate)
    labels = question_labels(debate)
    by_cell = {
        (str(r.actor_id), str(r.question_id)): r
        for r in snapshot[["actor_id", "question_id", "position", "stale", "statement_id", "date"]].itertuples(
            index=False
        )
    }
    point_labels = query.position_labels(debate)
    scale = scales.scales(debate.scale_points)
    shown_names = {a: escape(names.get(a, a)) for a in actors}
    shown_labels = {q: escape(labels.get(q, q)) for q in questions}
    xs, ys, colours, texts, hovers, ids, symbols, widths = [], [], [], [], [], [], [], []
    for row_number, actor in enumerate(actors):
        for column, question in enumerate(questions):
            xs.append(column)
            ys.append(row_number)
            key = (actor, question)
            row = by_cell.get(key)
            where = f"<b>{shown_names[actor]}</b> on {shown_labels[question]}<br>"
            if row is not None:
                position = int(str(row.position))
                shift = changed.get(key)
                arrow = CHANGE_MARKS[0 if shift is None else (1 if shift > 0 else (-1 if shift < 0 else 2))]
                gap = key in differs
                texts.append(signed(position) + ("*" if row.stale else "") + arrow + (" ≠" if gap else ""))
                colours.append(POSITION_COLOURS[scales.position_class(question, position, scale)])
                symbols.append("square")
                widths.append(4 if shift is not None else 1)
                ids.append(str(row.statement_id))
                label = point_labels.get((question, position), "")
                hovers.append(
                    f"{where}<b>{signed(position)}</b> {escape(label)}<br>said {row.date:{DAY_FORMAT}}"
                    f"{' — ' + STALE_NOTE if row.stale else ''}"
                    f"{_change_note(shift)}"
                    f"{'<br>≠ public words and a private signal differ (see Public and private)' if gap else ''}"
                    "<br><i>click for the statement</i>"
                )
            else:
                texts.append("")
                colours.append(NO_POSITION_COLOUR)
                symbols.append("square-open")
                widths.append(1)
                ids.append("")
                hovers.append(f"{where}no known position at this date")
    rows = max(len(actors), 1)
    columns = max(len(questions), 1)
    # Fit the rows into the height given (below the question labels), else a comfortable size; many columns shrink
    # the cells to fit a laptop's plot width (~900 px).
    fit = int(900 / columns) - 4
    roomy = max(46 if rows <= 14 else 26, int(640 / rows))
    cell = max(10, min(64, int((height - 70) / rows) - 4, fit) if height else min(64, roomy, fit))
    slanted = columns > 8
    ticks = [
        escape(textwrap.shorten(str(labels.get(q, q)), GRID_TICK_CHARS, placeholder="…"), None)
        if slanted
        else escape(cut(labels.get(q, q), 3 * LABEL_MAX // 2), 12)
        if compact
        # side by side, long labels run into each other at a laptop's width: wrapped on lines of a cell's width
        else "<br>".join(escape(line, None) for line in textwrap.wrap(cut(labels.get(q, q), 3 * LABEL_MAX // 2), 16))
        for q in questions
    ]
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text" if cell >= 18 else "markers",
            marker={
                "symbol": symbols,
                "size": cell,
                "color": colours,
                "line": {"color": ["#000000" if w > 1 else "#9a9a9a" for w in widths], "width": widths},
            },
            text=texts,
            textfont={"size": 15 if cell >= 30 else 11, "color": [text_colour_on(colour) for colour in colours]},
            customdata=np.array(ids, dtype=object).reshape(-1, 1),
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_layout(
        font={"family": FONT, "size": 14},
        height=height or max(260, (160 if slanted else 110) + (cell + 10) * len(actors)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        font_size=14 if not compact else 11,
        xaxis={
            "side": "top",
            "title": None,
            "tickmode": "array",
            "tickvals": list(range(len(questions))),
            "ticktext": ticks,
            "tickangle": -45 if slanted else 0,
            "tickfont": {"size": 11 if slanted or compact else 14},
            "range": [-0.5, columns - 0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": True,  # slanted question labels need the room above the cells
        },
        yaxis={
            "title": None,
            "tickmode": "array",
            "tickvals": list(range(len(actors))),
            "ticktext": [short(names.get(a, a)) for a in actors],
            "tickfont": {"size": 11 if rows > 14 or compact else 14},
            "range": [rows - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        hoverlabel={"align": "left", "bgcolor": "white"},
    )
    return styled(fig)


def _change_note(shift: int | None) -> str:
    if shift is None:
        return ""
    if shift == 0:
        return "<br>new since the earlier date"
    return f"<br>moved by {signed(int(shift))} since the earlier date"


TREND_LINE = "#1d3557"  # the step lines: a dark blue that is none of the position colours (10:1 on white)
TREND_ROW_PX = 64  # height of one actor's small chart
TREND_GAP_PX = 30  # room above each small chart for its actor's name
TOP_DATES_PX = 22  # room for the dates above the first row
TREND_MARK_PX = 10  # a statement's mark on a small chart
TREND_PLOT_PX = 300  # about how wide a small chart's dates run at the narrowest (1280 px, sidebar open, 2 columns)


def side_by_side(days: np.ndarray, positions: np.ndarray, width: float) -> np.ndarray:
    """Where each of one actor's marks is drawn (in days, like `days`), so that no two marks at one position lie
    closer than `width` and hide each other: a mark that would touch the last one at its position is set just right
    of it (two statements of one day at −1 side by side), and the marks after it keep the order (the step line never
    runs back). `days` in date order; no mark is drawn left of its day.
    """
    drawn = np.empty(len(days), dtype=float)
    last_at: dict[int, float] = {}
    previous = -np.inf
    for i, (day, position) in enumerate(zip(days.tolist(), positions.tolist(), strict=True)):
        previous = max(day, previous, last_at.get(position, -np.inf) + width)
        drawn[i] = last_at[position] = previous
    return drawn


def positions_over_time(
    debate: Debate, statements: pd.DataFrame, question: str, *, until: dt.date | None = None
) -> go.Figure:
    """One question: a small chart per actor, on one date axis, with the actor's position as a step line through
    time; each mark is one statement (colour = position), and nothing else is a mark.

    A line goes on, dotted and without a mark, from the actor's last statement to `until` (the position held).
    Marks of one actor at one position that would touch (two statements of one day at −1) are drawn side by side
    (`side_by_side`), so every statement is seen and clicked; the hover gives each its own day.
    Small multiples rather than one chart of lines: lines at the same value hid each other (four actors on −1).
    Beyond `DENSITY_ABOVE` statements on the question, each actor's line steps once per period (the last position
    held in it) and has no markers. When the chart is dense, or more than `CROWDED_LINES` actors spoke on the
    question, only the `MAX_LINES` busiest actors are drawn, so the figure stays light and legible whatever the size
    of the debate.
    """
    from plotly.subplots import make_subplots

    scale = debate.scale_points[debate.scale_points["question_id"] == question].sort_values("position")
    points = scale["position"].astype(int).tolist() or list(POSITIONS)
    names = actor_names(debate)
    part = statements[(statements["question_id"] == question).to_numpy()]
    dense = len(part) > DENSITY_ABOVE
    speakers = part["actor_id"].astype(str)
    if (dense or speakers.nunique() > CROWDED_LINES) and speakers.nunique() > MAX_LINES:
        busiest = speakers.value_counts().index[:MAX_LINES]
        part = part[speakers.isin(busiest).to_numpy()]
    if dense:
        part = query.last_per_period(part, query.bin_width(part))
    by_actor = dict(tuple(part.groupby(part["actor_id"].astype(str), sort=False)))
    actors = query.actors_in(debate, list(by_actor))
    columns = 2 if len(actors) > 6 else 1
    # Two marks at one position closer than this many days would touch: they are drawn side by side.
    start, width = pd.Timestamp(0), 1.0
    if len(part):
        start = part["date"].min()
        end = max(part["date"].max(), pd.Timestamp(until)) if until is not None else part["date"].max()
        plot_width = TREND_PLOT_PX * (2 if columns == 1 else 1)
        width = (TREND_MARK_PX + 2) * max((end - start) / pd.Timedelta(days=1), 1.0) / plot_width
    rows = max(-(-len(actors) // columns), 1)
    plot_px = rows * TREND_ROW_PX + (rows - 1) * TREND_GAP_PX
    fig = make_subplots(
        rows=rows,
        cols=columns,
        shared_xaxes="all",
        shared_yaxes="all",
        vertical_spacing=TREND_GAP_PX / max(plot_px, 1),
        horizontal_spacing=0.08,
    )
    scale_colours = scales.scales(debate.scale_points) if len(scale) else None
    for i, actor in enumerate(actors):
        mine = by_actor[actor].sort_values("date", kind="stable")
        row, column = i // columns + 1, i % columns + 1
        positions = mine["position"].astype(int).tolist()
        days = mine["date"]
        if not dense:  # marks that would hide each other side by side; the hover says each one's own day
            offset = (days - start) / pd.Timedelta(days=1)
            drawn = side_by_side(offset.to_numpy(dtype=float), np.asarray(positions), width)
            days = pd.Series(start + pd.to_timedelta(drawn, unit="D"), index=mine.index)
        colours = (
            [POSITION_COLOURS[scales.position_class(question, p, scale_colours)] for p in positions]
            if scale_colours is not None
            else [POSITION_COLOURS.get(p, NO_POSITION_COLOUR) for p in positions]
        )
        fig.add_trace(
            go.Scatter(
                x=list(days),
                y=positions,
                mode="lines" if dense else "lines+markers",
                line={"shape": "hv", "color": TREND_LINE, "width": 2},
                marker={"size": TREND_MARK_PX, "color": colours, "line": {"color": "#333333", "width": 1}},
                name=short(names.get(actor, actor)),
                customdata=np.column_stack(
                    [
                        mine["statement_id"].to_numpy(),
                        np.full(len(mine), escape(names.get(actor, actor)), dtype=object),
                        np.array([signed(p) for p in positions], dtype=object),
                        np.array([day_text(d) for d in mine["date"]], dtype=object),
                    ]
                ),
                hovertemplate="%{customdata[1]}: %{customdata[2]} on %{customdata[3]}<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=column,
        )
        last_day = days.iloc[-1]
        if until is not None and pd.Timestamp(until) > last_day:
            fig.add_trace(
                go.Scatter(
                    x=[last_day, pd.Timestamp(until)],
                    y=[positions[-1], positions[-1]],
                    mode="lines",
                    line={"color": TREND_LINE, "width": 2, "dash": "dot"},
                    name=HELD,
                    hoverinfo="skip",
                    showlegend=False,
                ),
                row=row,
                col=column,
            )
        domain = fig.get_subplot(row, column)
        fig.add_annotation(
            text=f"<b>{short(names.get(actor, actor))}</b>",
            xref="paper",
            yref="paper",
            x=domain.xaxis.domain[0],
            y=domain.yaxis.domain[1],
            xanchor="left",
            yanchor="bottom",
            yshift=TOP_DATES_PX if row == 1 else 0,  # the top row's names sit above its dates
            showarrow=False,
            font={"size": 14, "color": TEXT_COLOUR, "family": FONT},
        )
    scale_ticks = [signed(p) for p in points]
    fig.update_yaxes(
        tickmode="array",
        tickvals=points,
        ticktext=scale_ticks,
        tickfont={"size": 11},
        range=[min(points) - 0.5, max(points) + 0.5],
        gridcolor="#e5e5e5",
        zeroline=False,
        fixedrange=True,
        showticklabels=True,
    )
    fig.update_xaxes(type="date", gridcolor="#eeeeee", tickfont={"size": 12})
    # Dates above the first row as well as below the last: a tall page of small charts is read from either end.
    fig.update_xaxes(side="top", showticklabels=True, row=1)
    if columns == 2 and len(actors) % 2 and rows > 1:
        fig.update_xaxes(showticklabels=True, row=rows - 1, col=2)  # the right column ends a row early
    # The scale's words once, above the charts: the numbers on every small chart's axis are these points.
    words = " · ".join(
        f"{signed(int(p))} {escape(label)}" for p, label in zip(scale["position"], scale["label"], strict=True)
    )
    fig.update_layout(
        font={"family": FONT, "size": 14},
        height=int(plot_px + 90 + TOP_DATES_PX),
        margin={"l": 10, "r": 10, "t": 60 + TOP_DATES_PX, "b": 30},
        plot_bgcolor="white",
        showlegend=False,
        clickmode="event+select",
        annotations=[
            *fig.layout.annotations,
            {
                "text": f"Position: {words}" if words else "Position",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1,
                "yshift": 34 + TOP_DATES_PX,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "align": "left",
                "font": {"size": 13, "color": TEXT_COLOUR, "family": FONT},
            },
        ],
    )
    return styled(fig)


HELD = "position held"  # the dotted line from an actor's last statement to the end of the range: not a statement


def trend_actors(figure: go.Figure) -> int:
    """How many actors a positions-over-time figure draws (one statement trace each)."""
    return sum(1 for trace in figure.data if trace.customdata is not None)


def trend_marks(figure: go.Figure) -> int:
    """How many statement marks a positions-over-time figure draws (none when its lines step once per period)."""
    return sum(
        len(trace.customdata) for trace in figure.data if trace.customdata is not None and "markers" in trace.mode
    )


def timeline_alt(debate: Debate, statements: pd.DataFrame) -> str:
    """Text alternative of the timeline for screen readers."""
    if statements.empty:
        return "Timeline with no statements."
    first, last = query.date_bounds(statements)
    lanes = query.actors_in(debate, statements["actor_id"])
    return (
        f"Timeline of {counted(len(statements), 'statement')} by {counted(len(lanes), 'actor')} from {day_text(first)} "
        f"to {day_text(last)}; "
        "each mark is one statement, numbered and coloured by position and shaped by how we know it."
    )


DENSITY_ABOVE = 5_000  # statements; beyond this the timeline draws counts per actor and time bin
MAX_LINES = 12  # actors drawn on one crowded "positions over time" chart: the busiest ones
CROWDED_LINES = 40  # more actors than this on one question: only the MAX_LINES busiest are drawn
DENSE_LANES = 40  # actors with a lane on the dense timeline: the busiest ones
DENSE_BINS = 2_400  # about how many markers the dense timeline draws at most (lanes × periods)


def needs_density(statements: pd.DataFrame) -> bool:
    """Whether the timeline draws counts per actor and period rather than one mark per statement: past
    `DENSITY_ABOVE` statements, or past `DENSE_LANES` actors (a lane each would not fit on a screen)."""
    return len(statements) > DENSITY_ABOVE or statements["actor_id"].nunique() > DENSE_LANES


def dense_period(statements: pd.DataFrame, *, lanes: int) -> str:
    """The period of a dense timeline with `lanes` lanes: as fine as keeps it near `DENSE_BINS` markers."""
    return query.bin_width(statements, periods=max(12, DENSE_BINS // max(lanes, 1)))


def _bin_hover(bins: pd.DataFrame, names: pd.Series) -> np.ndarray:
    """Hover labels of the dense timeline's bins, built column-wise (a Python loop per bin is slow at 10k bins)."""
    if bins.empty:
        return np.array([], dtype=object)
    who = bins["actor_id"].astype(str).map(lambda a: escape(names.get(a, a)))
    text = (
        "<b>"
        + who
        + "</b><br>"
        + bins["statements"].map(lambda n: counted(n, "statement"))
        + ", "
        + bins["start"].map(day_text)
        + " – "
        + bins["end"].map(day_text)
        + "<br>mean position "
        + bins["mean_position"].map("{:+.2f}".format)
        + "<br><i>click to list them</i>"
    )
    return text.to_numpy(dtype=object)


def timeline_density(
    debate: Debate,
    bins: pd.DataFrame,
    *,
    events: pd.DataFrame | None = None,
    current: tuple[str, dt.date] | None = None,
    height: int | None = None,
    max_lanes: int | None = None,
) -> go.Figure:
    """Each (actor, time bin) with statements is one marker: area ∝ the number of statements, colour = their mean
    position, and shape its leaning (▲ for, ● between, ▼ against: `query.LEANINGS`), so the mean is read without the
    colours; a key of the shapes under the chart. `customdata` carries the actor and the bin's first and last day,
    so a click lists its statements. With `max_lanes`, only the actors with most statements get a lane (the page
    says so)."""
    bins = query.busiest_lanes(bins, max_lanes)
    lanes = query.actors_in(debate, bins["actor_id"])
    lane_of = {a: i for i, a in enumerate(lanes)}
    names = actor_names(debate)
    counts = bins["statements"].to_numpy()
    size = 5 + 11 * np.sqrt(counts / max(counts.max(), 1)) if len(counts) else []
    fig = go.Figure(
        go.Scatter(  # SVG: the bins are bounded (DENSE_LANES × periods), and SVG redraws fast without a GPU
            x=bins["start"],
            y=bins["actor_id"].map(lane_of),
            mode="markers",
            name="Statements per period",
            marker={
                "size": size,
                "color": bins["mean_position"],
                "cmin": min(POSITIONS),
                "cmax": max(POSITIONS),
                "colorscale": [[i / (len(POSITION_PALETTE) - 1), c] for i, c in enumerate(POSITION_PALETTE)],
                "colorbar": {
                    "title": {"text": "Mean position"},
                    "tickvals": list(POSITIONS),
                    "ticktext": [signed(p) for p in POSITIONS],
                },
                "showscale": height is None,
                "symbol": [query.LEANINGS[c][0] for c in query.leaning(bins["mean_position"])],
                "line": {"color": "#333333", "width": 1},
            },
            customdata=np.column_stack(
                [
                    bins["actor_id"].astype(str),
                    bins["start"].dt.strftime("%Y-%m-%d"),
                    bins["end"].dt.strftime("%Y-%m-%d"),
                ]
            )
            if len(bins)
            else None,
            hovertext=_bin_hover(bins, names),
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    if current is not None and current[0] in lane_of:
        fig.add_trace(
            go.Scatter(
                x=[pd.Timestamp(current[1])],
                y=[lane_of[current[0]]],
                mode="markers",
                name="Current step",
                marker={"symbol": "circle-open", "size": 30, "color": "#000000", "line": {"width": 3}},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    label_rows = _add_events(
        fig, events, bins.rename(columns={"start": "date"}), lanes=len(lanes), labels=height is None
    )
    fig.update_traces(selector={"name": "Context events"}, showlegend=False)
    shapes_shown = set(query.leaning(bins["mean_position"]).tolist())
    for leaning, entry in zip(query.LEANINGS, query.leaning_key(), strict=True):
        if leaning in shapes_shown:
            fig.add_trace(_legend_entry(entry[2:], "leaning", "Shape", query.LEANINGS[leaning][0], "#767676"))
    fig.update_layout(
        showlegend=height is None and bool(shapes_shown),
        # The key of the shapes under the date axis (the colour bar holds the right side).
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "font": {"size": 13}},
    )
    fig.update_layout(
        font={"family": FONT, "size": 14},
        height=height or max(380, 190 + 16 * label_rows + 40 * len(lanes)),
        margin={"l": 10, "r": 10, "t": 20 + 16 * label_rows, "b": 40 if height else 70},
        clickmode="event+select",
        plot_bgcolor="white",
        hoverlabel={"align": "left", "bgcolor": "white"},
        xaxis={"title": {"text": "Date (statements counted per period)"}, "gridcolor": "#eeeeee", "type": "date"},
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(lanes))),
            "ticktext": [short(names.get(a, a)) for a in lanes],
            "autorange": False,
            "range": [len(lanes) - 0.5, -1.0],
            "showgrid": False,
            "zeroline": False,
        },
    )
    return styled(fig)


def grid_alt(debate: Debate, snapshot: pd.DataFrame, actors: list[str], questions: list[str], day: dt.date) -> str:
    """Text alternative of the grid for screen readers (the grid is also offered as a table)."""
    return (
        f"Comparison grid of {counted(len(actors), 'actor')} by {counted(len(questions), 'question')} as of "
        f"{day_text(day)}: {counted(len(snapshot), 'cell')} with a known position, coloured by position with the "
        "signed value written in each cell. The same content is available as a table below the grid."
    )


def positions_alt(debate: Debate, figure: go.Figure, question_label: str) -> str:
    """Text alternative of the positions-over-time chart."""
    points = list(figure.layout.yaxis.tickvals or POSITIONS)
    return (
        f"Step lines of {trend_actors(figure)} actors' positions on “{question_label}” over time, one chart each, "
        f"on its scale from {signed(min(points))} to {signed(max(points))}."
    )


def with_date_range(figure: go.Figure, start: dt.date | None, end: dt.date | None) -> go.Figure:
    """The figure's date axis shown from `start` to `end` (a story step's view), half a day wider each side so marks
    on the edges show whole; unchanged when either is None."""
    if start is None or end is None:
        return figure
    figure.update_xaxes(
        range=[pd.Timestamp(start) - pd.Timedelta(hours=12), pd.Timestamp(end) + pd.Timedelta(hours=12)]
    )
    return figure


def grid_key_names(debate: Debate) -> dict[int, str]:
    """The names of the grid's colour classes, as the timeline's legend names them (for the grid's key)."""
    return _class_names(debate)


GRID_LABEL_PX = 7.4  # the width of a character of an actor's name at the grid's tick font, for a fixed left margin
GRID_BODY_PX = 440  # the cells' scroll box on screen: with the header above it, both fit a 720 px window


def grid_parts(figure: go.Figure) -> tuple[go.Figure, go.Figure]:
    """The `grid` figure cut in two for the screen: the question header, and the cells under it (which scroll in a
    box of their own while the header stays in view). Both get the same fixed left margin, so that their columns
    line up; the header keeps the figure's column labels and nothing else, the body its cells without them."""
    names = list(figure.layout.yaxis.ticktext or [])
    left = int(16 + GRID_LABEL_PX * max((len(html.unescape(str(n))) for n in names), default=0))
    slanted = (figure.layout.xaxis.tickangle or 0) != 0
    labels = 130 if slanted else 56  # room for the column labels: slanted ones, or up to three wrapped lines
    header = go.Figure(
        go.Scatter(x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False), layout=figure.layout
    )
    header.update_layout(  # a plot two pixels high, with the column labels under it, right above the cells
        height=labels + 4,
        margin={"l": left, "r": 10, "t": 2, "b": labels},
        xaxis={"side": "bottom", "automargin": False, "tickangle": -45 if slanted else 0},
        yaxis={"showticklabels": False, "range": [0, 1], "automargin": False},
    )
    body = go.Figure(figure)
    rows = max(len(names), 1)
    body.update_layout(
        height=max(60, int(figure.layout.height or 0) - (160 if slanted else 110) + 20),
        margin={"l": left, "r": 10, "t": 10, "b": 10},
        yaxis={"automargin": False},
        xaxis={"showticklabels": False, "automargin": False},
    )
    body.update_yaxes(range=[rows - 0.5, -0.5])
    return header, body
