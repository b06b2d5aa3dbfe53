"""The whole talk in one HTML file: every step's card, narration, sources and notes, the timeline with the step
ringed and the grid as of the step, moving together with a presentation clicker's keys, offline.

The file needs no network and no Python: plotly.js and all data are inside it. plotly.js (4.8 MB) and the figures
travel gzip-compressed and base64-encoded, and the browser inflates them with its built-in `DecompressionStream`
(Chrome/Edge 80+, Firefox 113+, Safari 16.4+); that keeps the bundled debate's deck well under 5 MB. Every card is
plain HTML rendered here with all dataset text escaped, so the talk stays readable even where scripts cannot run.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.offline
from plotly.utils import PlotlyJSONEncoder

from stances import cards, charts, query, room, stories, vocab
from stances.model import Debate
from stances.query import EventDetail, Filters, StatementDetail

FADED = 0.25  # opacity of statements after the step's day, as on the Present page's timeline
TIMELINE_HEIGHT = 360
LANES_SHOWN = 8  # timeline lanes on screen at once: more actors scroll into view with the step
NEXT_KEYS = ("ArrowRight", "ArrowDown", "PageDown", " ", "Enter")
PREVIOUS_KEYS = ("ArrowLeft", "ArrowUp", "PageUp", "Backspace")
NOTES_KEY = "n"


def safe_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no `<`, `>` or `&` (so no `</script>` or `<!--`), and no
    U+2028/U+2029 line separators, whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def packed(text: str) -> str:
    """`text` gzip-compressed and base64-encoded: only A-Z a-z 0-9 + / = , safe anywhere in HTML."""
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


@cache
def _plotly_js_packed() -> str:
    return packed(plotly.offline.get_plotlyjs())


@dataclass(frozen=True, kw_only=True)
class DeckStep:
    """What the browser needs to move the charts to one step (the cards are HTML already)."""

    number: int
    statement_id: str  # "" on a context event's step
    event_id: str  # "" on a statement's step
    ring: tuple[str, float]  # the ringed mark: x (ISO date) and y of the step's statement on the timeline
    opacity: dict[int, list[float]]  # timeline trace index -> marker opacity per point (later statements faded)
    range: tuple[str, str] | None  # the timeline's visible dates, or None for the whole debate
    lanes: tuple[float, float]  # the timeline's visible lanes (y range, top lane last: the axis is reversed)
    grid: int  # the index of the step's grid figure in the deck's list of distinct grids


def _points(figure: go.Figure) -> tuple[dict[str, tuple[int, int]], list[int]]:
    """Where each statement sits on the timeline figure (trace, point), and which traces carry statements."""
    where: dict[str, tuple[int, int]] = {}
    traces = []
    for index, trace in enumerate(figure.data):
        data = trace.customdata
        if data is None or trace.name in ("Context events",):
            continue
        ids = [str(row[0]) if len(row) else "" for row in np.asarray(data, dtype=object).reshape(len(data), -1)]
        if not any(ids):
            continue
        traces.append(index)
        for point, statement_id in enumerate(ids):
            where.setdefault(statement_id, (index, point))
    return where, traces


def _ring_index(figure: go.Figure) -> int:
    return next(i for i, trace in enumerate(figure.data) if trace.name == "Current step")


def lane_window(lane: float, lanes: int, shown: int = LANES_SHOWN) -> tuple[float, float]:
    """The y range of the timeline that shows `shown` lanes around `lane` (all of them when they are fewer), so
    that a lane label stays at room size however many actors the debate has."""
    if lanes <= shown:
        return (lanes - 0.5, -1.0)
    top = min(max(round(lane) - shown // 2, 0), lanes - shown)
    return (top + shown - 0.5, top - 1.0)


def lane_range(y: float, extents: list[tuple[float, float]], top: float) -> tuple[float, float]:
    """The timeline's y range that shows `LANES_SHOWN` lanes around the mark at height `y` (`lane_window`, in lanes),
    in the figure's heights: its lanes differ in height (`charts.lane_extents`); `top` is the axis' top (the events'
    marks above the first lane)."""
    if not extents:
        return (0.5, top)
    lane = next((i for i, (_, bottom) in enumerate(extents) if y < bottom), len(extents) - 1)
    low, high = lane_window(lane, len(extents))
    first, last = round(high + 1.0), round(low + 0.5) - 1
    return (extents[last][1], extents[first][0] if first > 0 else top)


def _grid_key(view: stories.StepView) -> tuple:
    cells = view.snapshot[["actor_id", "question_id", "statement_id", "stale"]].astype(str)
    moved = tuple(sorted(view.moved.items())) if view.moved else ()
    return (tuple(view.actors), tuple(view.questions), tuple(map(tuple, cells.to_numpy())), moved)


def deck_steps(
    debate: Debate, views: list[stories.StepView], timeline: go.Figure
) -> tuple[list[DeckStep], list[dict[str, Any]]]:
    """Per step: the ring's position, the fading, the ranges and which grid, read from the figures `charts` builds;
    and the distinct grids (steps of one day often show the same one: each is built once)."""
    where, traces = _points(timeline)
    extents = charts.lane_extents(timeline)
    top = float(timeline.layout.yaxis.range[1]) if timeline.layout.yaxis.range else -1.0
    dates = {t: pd.to_datetime(pd.Series(timeline.data[t].x)).to_numpy() for t in traces}
    grids: list[dict[str, Any]] = []
    known: dict[tuple, int] = {}
    out = []
    for view in views:
        ring = _ring_at(timeline, where, debate, view)
        day = np.datetime64(pd.Timestamp(view.day))
        opacity = {t: np.where(dates[t] > day, FADED, 1.0).tolist() for t in traces}
        key = _grid_key(view)
        if key not in known:
            grid = room.grid_json(debate, view)
            grid["layout"] = {**grid["layout"], "height": None, "autosize": True}
            known[key] = len(grids)
            grids.append(grid)
        y = ring[1]
        out.append(
            DeckStep(
                number=view.number,
                statement_id=view.statement_id,
                event_id=view.event_id,
                ring=ring,
                opacity=opacity,
                range=(view.start.isoformat(), view.end.isoformat()) if view.start and view.end else None,
                lanes=lane_range(y, extents, top),
                grid=known[key],
            )
        )
    return out, grids


def _ring_at(
    timeline: go.Figure, where: dict[str, tuple[int, int]], debate: Debate, view: stories.StepView
) -> tuple[str, float]:
    """Where the step's ring goes on the deck's timeline: its statement's mark, or its context event's mark."""
    if view.is_event:
        mark = charts.event_mark(timeline, debate.events, view.event_id)
        if mark is None:
            raise ValueError(f"step {view.number}: the timeline does not draw the event {view.event_id!r}")
        return mark[0].date().isoformat(), mark[1]
    index, point = where[view.statement_id]
    trace = timeline.data[index]
    return pd.Timestamp(trace.x[point]).date().isoformat(), float(trace.y[point])


def _licence(debate: Debate) -> str:
    meta = debate.meta
    if not meta.licence:
        return "see the dataset's datapackage.json"
    return cards.link(meta.licence_url, meta.licence) if meta.licence_url else cards.esc(meta.licence)


def title_slide(debate: Debate, story: stories.Story, total: int) -> str:
    meta = debate.meta
    description = f'<p class="lede">{cards.esc(story.description)}</p>' if story.description else ""
    return f"""<section class="slide title-slide" data-step="0" aria-label="Title">
  <p class="kicker">{cards.esc(meta.title)}</p>
  <h1>{cards.esc(story.title)}</h1>
  {description}
  <dl class="meta">
    <dt>Dataset</dt><dd>{cards.esc(meta.title)}</dd>
    <dt>Version</dt><dd>{cards.esc(meta.version or "unversioned")}</dd>
    <dt>Licence</dt><dd>{_licence(debate)}</dd>
    <dt>Cite as</dt><dd>{cards.esc(meta.citation or meta.title)}</dd>
  </dl>
  <p class="hint">{total} steps. Next: → Space PageDown · Back: ← PageUp · First/last: Home End ·
  Speaker notes: N</p>
</section>"""


def step_slide(view: stories.StepView, detail: StatementDetail) -> str:
    """One step: narration, the statement's card, every source with its link, and the (hidden) speaker notes."""
    narration = f'<p class="narration">{cards.esc(view.step.narration)}</p>' if view.step.narration else ""
    sources = "".join(cards.source_line(s) for s in detail.sources)
    notes = [n for n in (view.step.notes, detail.notes) if n]
    notes_html = "".join(f"<p>{cards.esc(n)}</p>" for n in notes) or "<p>No notes for this step.</p>"
    quote = f"<blockquote>“{cards.esc(detail.quote)}”</blockquote>" if detail.quote else ""
    colour = cards.position_colour(detail)
    grid_note = cards.esc(stories.grid_note(view, brief=True))
    return f"""<section class="slide step-slide" data-step="{view.number}"
 data-statement="{cards.esc(view.statement_id)}" aria-label="Step {view.number} of {view.total}">
  <p class="count">Step {view.number} of {view.total} · {grid_note}</p>
  {narration}
  <div class="card">
    <p class="who">{cards.esc(detail.actor)} <span class="role">· {cards.esc(detail.actor_role)}</span></p>
    <p class="when">{vocab.day_text(detail.date)}{cards.PRECISION_NOTE.get(detail.date_precision, "")}</p>
    <p class="position"><span class="pos" style="background:{colour}">{vocab.signed(detail.position)}</span>
    <strong>{cards.esc(detail.question)}</strong>: {cards.esc(detail.position_label)}</p>
    {quote}
    <p class="summary">{cards.esc(detail.summary)}</p>
    <p class="how">How we know: {cards.esc(detail.evidence_label)} · {cards.esc(detail.channel)} ·
    confidence {cards.esc(detail.confidence)}</p>
    <p class="sources-title">Sources</p>
    <ul class="sources">{sources}</ul>
  </div>
  <aside class="notes" hidden><p class="notes-title">Speaker notes</p>{notes_html}</aside>
</section>"""


def event_slide(view: stories.StepView, detail: EventDetail) -> str:
    """An event step: narration, the context event's card with its source and link, and the (hidden) notes."""
    narration = f'<p class="narration">{cards.esc(view.step.narration)}</p>' if view.step.narration else ""
    sources = "".join(cards.source_line(s) for s in detail.sources)
    notes = f"<p>{cards.esc(view.step.notes)}</p>" if view.step.notes else "<p>No notes for this step.</p>"
    description = f'<p class="summary">{cards.esc(detail.description)}</p>' if detail.description else ""
    grid_note = cards.esc(stories.grid_note(view, brief=True))
    return f"""<section class="slide step-slide event-slide" data-step="{view.number}"
 data-event="{cards.esc(view.event_id)}" aria-label="Step {view.number} of {view.total}">
  <p class="count">Step {view.number} of {view.total} · {grid_note}</p>
  {narration}
  <div class="card">
    <p class="kind">Context event · {cards.esc(detail.event_kind)}</p>
    <p class="who">{cards.esc(detail.label)}</p>
    <p class="when">{vocab.day_text(detail.date)}</p>
    {description}
    <p class="sources-title">Sources</p>
    <ul class="sources">{sources}</ul>
  </div>
  <aside class="notes" hidden><p class="notes-title">Speaker notes</p>{notes}</aside>
</section>"""


def footer(debate: Debate) -> str:
    meta = debate.meta
    return (
        f"<footer>{cards.esc(meta.title)} · version {cards.esc(meta.version or '–')} · {_licence(debate)} · "
        f"{cards.esc(meta.citation)} · made with stances</footer>"
    )


def deck_html(debate: Debate, story: stories.Story, shown: pd.DataFrame) -> str:
    """The presentation of `story` (or the default walk) over the statements `shown`, as one HTML document."""
    context = stories.context_statements(debate, shown, story)
    views = stories.step_views(debate, story, context)
    timeline = charts.timeline(
        debate,
        context,
        events=debate.events,
        current=views[0].statement_id or None,
        current_event=views[0].event_id or None,
        keep_events=[view.event_id for view in views if view.is_event],
        height=TIMELINE_HEIGHT,
        compact=True,
    )
    # Room sizes (16 px at 1280x720; the player scales them up with the screen), at most `LANES_SHOWN` lanes at once.
    timeline = room.sized_timeline(timeline, debate, query.actors_in(debate, context["actor_id"]))
    timeline.update_layout(height=None, autosize=True)
    moves, grids = deck_steps(debate, views, timeline)
    slides = [title_slide(debate, story, len(views))] + [_slide(debate, view) for view in views]
    figures = {
        "timeline": timeline.to_plotly_json(),
        "ring": _ring_index(timeline),
        "steps": [
            {
                "statement": m.statement_id,
                "event": m.event_id,
                "ring": list(m.ring),
                "opacity": {str(k): v for k, v in m.opacity.items()},
                "range": list(m.range) if m.range else None,
                "lanes": list(m.lanes),
                "grid": m.grid,
            }
            for m in moves
        ],
        "grids": grids,
        "font": room.FONT,
    }
    meta = {
        "title": story.title,
        "dataset": debate.meta.title,
        "steps": [{"number": m.number, "statement": m.statement_id, "event": m.event_id} for m in moves],
        "next": list(NEXT_KEYS),
        "previous": list(PREVIOUS_KEYS),
        "notes": NOTES_KEY,
    }
    parts = {
        "TITLE": cards.esc(f"{story.title} · {debate.meta.title}"),
        "CSS": CSS,
        "SLIDES": "\n".join(slides),
        "FOOTER": footer(debate),
        "META": safe_json(meta),
        "FIGURES": packed(json.dumps(figures, separators=(",", ":"), cls=PlotlyJSONEncoder)),
        "PLOTLY": _plotly_js_packed(),
        "SCRIPT": SCRIPT,
    }
    # One pass over the template: text put in is never scanned again for placeholders.
    return re.sub(r"@@([A-Z]+)@@", lambda m: parts[m.group(1)], PAGE)


def _slide(debate: Debate, view: stories.StepView) -> str:
    """The step's slide: its statement's card, or its context event's."""
    if view.is_event:
        event = query.event_detail(debate, view.event_id)
        if event is None:
            raise ValueError(f"step {view.number} names an unknown event {view.event_id!r}")
        return event_slide(view, event)
    detail = query.statement_detail(debate, view.statement_id)
    if detail is None:
        raise ValueError(f"step {view.number} names an unknown statement {view.statement_id!r}")
    return step_slide(view, detail)


def story_for(debate: Debate, story_id: str | None, shown: pd.DataFrame) -> stories.Story:
    """The named story, or the default walk over `shown` when `story_id` is None; `KeyError` for an unknown id."""
    if story_id is None:
        return stories.default_walk(query.step_order(shown))
    known = stories.stories_in(debate)
    if story_id not in known:
        raise KeyError(story_id)
    return known[story_id]


def presentation(debate: Debate, *, story_id: str | None = None, filters: Filters | None = None) -> bytes:
    """The deck as UTF-8 bytes: what `stances deck` writes and "Download the presentation" gives."""
    shown = query.apply(debate, filters or Filters())
    story = story_for(debate, story_id, shown)
    if not story.steps:
        raise ValueError("no statements to present: relax the filters")
    return deck_html(debate, story, shown).encode("utf-8")


def deck_file_name(debate: Debate, story_id: str | None, today: dt.date) -> str:
    """`ukraine-talks-2022_milley-vs-advisers_talk.html`: names come from validated slugs only."""
    parts = [debate.meta.name if stories.SLUG.match(debate.meta.name) else "debate"]
    if story_id and stories.SLUG.match(story_id):
        parts.append(story_id)
    return "_".join([*parts, f"talk-{today.isoformat()}.html"])


CSS = """
:root { --ink: #111; --muted: #444; --line: #d0d0d0; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fff;
  display: grid; grid-template-rows: auto 1fr auto; height: 100vh; overflow: hidden;
  font-size: clamp(14px, 1.25vw, 24px); }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1em;
  padding: .35em 1em; border-bottom: 2px solid var(--ink); }
header .story { font-weight: 700; font-size: 1.15em; }
header .counter { font-variant-numeric: tabular-nums; font-weight: 700; white-space: nowrap; }
main { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: .8em; padding: .5em 1em;
  min-height: 0; }
#slides { overflow-y: auto; min-height: 0; }
#charts { display: grid; grid-template-rows: 55fr 45fr; gap: .3em; min-height: 0; }
#timeline, #grid { min-height: 0; width: 100%; height: 100%; }
footer { font-size: .7em; color: var(--muted); padding: .3em 1em; border-top: 1px solid var(--line); }
.slide { padding: .2em 0 1em 0; border-bottom: 1px dashed var(--line); }
.js .slide { display: none; border: 0; }
.js .slide.current { display: block; }
.title-slide h1 { font-size: 2.2em; margin: .2em 0; line-height: 1.1; }
.title-slide .kicker { font-size: 1em; color: var(--muted); margin: 0; }
.title-slide .lede { font-size: 1.15em; }
.title-slide dl.meta { display: grid; grid-template-columns: auto 1fr; gap: .2em .8em; font-size: .9em; }
.title-slide dt { font-weight: 700; }
.title-slide dd { margin: 0; }
.hint { color: var(--muted); font-size: .85em; }
.count { color: var(--muted); font-size: .8em; margin: 0 0 .3em 0; }
.narration { font-size: 1.25em; line-height: 1.35; margin: 0 0 .5em 0; }
.card { border: 2px solid var(--ink); border-radius: 8px; padding: .5em .8em; font-size: .9em; line-height: 1.35; }
.card p { margin: .2em 0; }
.card .who { font-size: 1.3em; font-weight: 700; }
.card .kind { color: var(--muted); margin: 0; }
.card .role { font-weight: 400; font-size: .75em; color: var(--muted); }
.card .pos { display: inline-block; font-weight: 700; border: 1px solid #000; border-radius: 4px; padding: 0 .3em; }
.card blockquote { font-size: 1.15em; margin: .3em 0; padding-left: .6em; border-left: 5px solid #555; }
.card .sources-title { font-weight: 700; margin-top: .4em; }
.card ul.sources { margin: .1em 0 0 0; padding-left: 1.1em; font-size: .85em; }
.notes { margin-top: .6em; background: #fff8d6; border: 1px solid #c9b458; border-radius: 6px; padding: .3em .7em; }
.notes-title { font-weight: 700; margin: .2em 0; }
a { color: #0b57a4; }
#status { color: #8a1c1c; }
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>@@CSS@@</style>
</head>
<body>
<header><span class="story" id="story-title">@@TITLE@@</span><span id="status"></span>
<span class="counter" id="counter" aria-live="polite"></span></header>
<main>
<div id="slides">
@@SLIDES@@
</div>
<div id="charts">
<div id="timeline" role="img" aria-label="Timeline of the statements; the current step is ringed"></div>
<div id="grid" role="img" aria-label="Actors by questions: positions as of the step's day"></div></div>
</main>
@@FOOTER@@
<script type="application/json" id="deck-meta">@@META@@</script>
<script type="application/octet-stream" id="deck-figures" data-encoding="gzip+base64">@@FIGURES@@</script>
<script type="application/octet-stream" id="deck-plotly" data-encoding="gzip+base64">@@PLOTLY@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""

# The player: no data in here; it reads the two data elements above and never builds HTML from data.
SCRIPT = r"""
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.body.classList.add("js");
  var meta = JSON.parse(document.getElementById("deck-meta").textContent);
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var total = slides.length - 1;
  var state = { step: 0, figures: null, notes: false };
  var counter = document.getElementById("counter");
  var status = document.getElementById("status");

  function inflate(id) {
    var text = document.getElementById(id).textContent.trim();
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  function fromHash() {
    var match = /^#(\d{1,6})$/.exec(window.location.hash);
    var n = match ? parseInt(match[1], 10) : 0;
    return n >= 0 && n <= total ? n : 0;
  }

  function draw() {
    var f = state.figures;
    if (!f) return;
    var s = f.steps[Math.max(state.step, 1) - 1];
    var tl = document.getElementById("timeline");
    var ring = f.ring;
    var traces = Object.keys(s.opacity).map(Number);
    Plotly.restyle(tl, {"marker.opacity": traces.map(function (t) { return s.opacity[String(t)]; })}, traces);
    Plotly.restyle(tl, {x: [[s.ring[0]]], y: [[s.ring[1]]], customdata: [[[s.statement || s.event]]],
                        visible: state.step > 0}, [ring]);
    var view = s.range ? {"xaxis.range": s.range, "xaxis.autorange": false} : {"xaxis.autorange": true};
    view["yaxis.range"] = s.lanes;
    view["yaxis.autorange"] = false;
    Plotly.relayout(tl, Object.assign(view, fonts()));
    var g = document.getElementById("grid");
    var grid = f.grids[s.grid], size = fontSize();
    var sized = function (part) { return Object.assign({}, part, {size: size}); };
    var layout = Object.assign({}, grid.layout, {font: sized(grid.layout.font),
      xaxis: Object.assign({}, grid.layout.xaxis, {tickfont: sized(grid.layout.xaxis.tickfont)}),
      yaxis: Object.assign({}, grid.layout.yaxis, {tickfont: sized(grid.layout.yaxis.tickfont)})});
    var grow = size / state.figures.font;  // the cells grow with their numbers
    var data = grid.data.map(function (t) {
      var marker = Object.assign({}, t.marker, {size: t.marker.size * grow});
      return Object.assign({}, t, {textfont: sized(t.textfont), marker: marker});
    });
    Plotly.react(g, data, layout, {displayModeBar: false, responsive: true});
    tl.setAttribute("data-step", String(state.step));
    g.setAttribute("data-step", String(state.step));
  }

  // Text grows with the screen: `meta.font` px at 1280x720, in proportion beyond (1920x1080: 1.5 times).
  function fontSize() {
    var scale = Math.max(1, Math.min(window.innerWidth / 1280, window.innerHeight / 720));
    return Math.round(state.figures.font * scale);
  }
  function fonts() {
    var size = fontSize();
    return {"font.size": size, "xaxis.tickfont.size": size, "yaxis.tickfont.size": size};
  }

  function show(n) {
    state.step = Math.max(0, Math.min(total, n));
    slides.forEach(function (slide, i) { slide.classList.toggle("current", i === state.step); });
    slides.forEach(function (slide) {
      var notes = slide.querySelector(".notes");
      if (notes) notes.hidden = !state.notes;
    });
    counter.textContent = state.step === 0 ? "Title · " + total + " steps" : "Step " + state.step + " of " + total;
    document.body.setAttribute("data-step", String(state.step));
    if (window.location.hash !== "#" + state.step) history.replaceState(null, "", "#" + state.step);
    draw();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (meta.next.indexOf(key) >= 0) { show(state.step + 1); }
    else if (meta.previous.indexOf(key) >= 0) { show(state.step - 1); }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(total); }
    else if (key.toLowerCase() === meta.notes) { state.notes = !state.notes; show(state.step); }
    else { return; }
    event.preventDefault();
  });
  window.addEventListener("hashchange", function () { show(fromHash()); });
  window.addEventListener("resize", function () { if (state.figures) draw(); });

  show(fromHash());
  if (!("DecompressionStream" in window)) {
    status.textContent = "Charts need a newer browser (DecompressionStream); the cards work without them.";
    return;
  }
  inflate("deck-plotly").then(function (source) {
    var element = document.createElement("script");
    element.textContent = source;
    document.head.appendChild(element);
    return inflate("deck-figures");
  }).then(function (text) {
    var f = JSON.parse(text);
    var config = {displayModeBar: false, responsive: true, staticPlot: false};
    return Plotly.newPlot("timeline", f.timeline.data, f.timeline.layout, config).then(function () {
      state.figures = f;
      document.body.setAttribute("data-ready", "true");
      show(state.step);
    });
  }).catch(function (error) {
    status.textContent = "The charts could not be drawn: " + error;
  });
})();
"""
