"""The presenter's charts at room sizes (stances/room.py)."""

from __future__ import annotations

import pytest

from stances import room, stories
from stances.load import load_debate


def test_a_one_row_grid_leaves_plotly_room_for_every_line_of_the_question_labels():
    # plotly keeps a plot area of at least 64 px (layout.minreducedheight) and cuts the margin above it instead:
    # a one-row grid under four-line question labels lost their first lines ("without full territory")
    debate = load_debate()
    questions = list(debate.questions["question_id"])
    actor = str(debate.actors["actor_id"].iloc[0])
    figure = {"data": [], "layout": {"xaxis": {}, "yaxis": {}}}
    sized = room.sized_grid(figure, debate, [actor], questions)
    lines = max(head.count("<br>") + 1 for head in sized["layout"]["xaxis"]["ticktext"])
    head = room.HEAD_LINE * lines + 14
    assert sized["layout"]["height"] - head >= 64


@pytest.mark.parametrize(
    ("size", "scale"),
    [
        ((1280, 720), 1.0),
        ((1366, 768), 1.0),
        ((1600, 900), 1.25),
        ((1920, 1080), 1.5),
        ((1920, 1200), 1.5),
        ((2560, 1080), 1.5),
        ((3840, 2160), 2.0),
        ((1024, 768), 1.0),
    ],
)
def test_the_room_scale_is_the_largest_step_at_which_the_1280x720_layout_fits(size, scale):
    assert room.scale_for(*size) == scale


def test_at_1920x1080_the_presenters_figures_grow_by_half():
    # Issue 14: at 1920x1080 the Present page's charts stayed at their 1280x720 sizes.
    debate = load_debate()
    story = stories.stories_in(debate)["decree-to-peace-formula"]
    view = stories.step_view(debate, story, stories.context_statements(debate, debate.statements, story), 1)
    small, large = (room.timeline(debate, view, events=debate.events, scale=s) for s in (1.0, 1.5))
    grids = [room.grid(debate, view, s) for s in (1.0, 1.5)]
    ring = [[t.marker.size for t in f.data if t.name == "Current step"] for f in (small, large)]
    assert (small.layout.yaxis.tickfont.size, large.layout.yaxis.tickfont.size, ring) == (16, 24, [[32], [48]])
    assert large.layout.height == round(small.layout.height * 1.5)
    assert [(g.layout.yaxis.tickfont.size, g.data[0].textfont.size, g.data[0].marker.size) for g in grids] == [
        (16, 16, 28),
        (24, 24, 42),
    ]
    assert grids[1].layout.height == round(grids[0].layout.height * 1.5)
