"""The presenter's charts at room sizes (stances/room.py)."""

from __future__ import annotations

from stances import room
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
