"""Very long actor names and question labels: axes and legends cut them, hover text keeps them whole."""

from __future__ import annotations

from stances import charts, query
from stances.load import load_debate
from tests.conftest import TINY, write_debate

LONG = "The Extraordinarily Long-Named Interagency Working Group on Negotiations " * 4


def long_named(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["actors"][0]["name"] = LONG.strip()
    tables["questions"][0]["label"] = LONG.strip() + " question"
    return load_debate(write_debate(tmp_path / "long", tables))


def test_the_timeline_lanes_cut_a_long_name(tmp_path):
    """Regression (issue 10, defect 8): a 300-character actor name squashed the timeline to nothing."""
    debate = long_named(tmp_path)
    figure = charts.timeline(debate, query.apply(debate, query.Filters()), events=debate.events)
    ticks = figure.layout.yaxis.ticktext
    assert max(len(t) for t in ticks) <= charts.LABEL_MAX
    assert "The Extraordinarily Long-Named…" in ticks
    assert any(LONG.strip() in h for trace in figure.data for h in (trace.hovertext or ()) if h)


def test_the_trend_legend_cuts_a_long_name_and_its_hover_keeps_it(tmp_path):
    """Regression (issue 10, defect 8): the legend took the whole width of the Positions over time chart."""
    debate = long_named(tmp_path)
    figure = charts.positions_over_time(debate, query.apply(debate, query.Filters()), "talks-now")
    names = [trace.name for trace in figure.data]
    assert max(len(n) for n in names) <= charts.LABEL_MAX
    full = [row[1] for trace in figure.data for row in trace.customdata]
    assert LONG.strip() in full


def test_the_grid_cuts_long_names_and_labels(tmp_path):
    debate = long_named(tmp_path)
    statements = query.apply(debate, query.Filters())
    view = query.grid_view(debate, statements, statements["date"].max().date(), None)
    figure = charts.grid(debate, view.snapshot, actors=view.actors, questions=view.questions)
    assert max(len(t) for t in figure.layout.yaxis.ticktext) <= charts.LABEL_MAX
    assert max(len(t.replace("<br>", " ")) for t in figure.layout.xaxis.ticktext) <= 3 * charts.LABEL_MAX // 2


def test_cut_keeps_short_text_and_cuts_one_long_word():
    assert charts.cut("Jake Sullivan", 32) == "Jake Sullivan"
    assert charts.cut("x" * 40, 10) == "x" * 9 + "…"
    assert charts.short("<b>" + "y" * 40, 10) == "&lt;b&gt;yyyyyy…"
