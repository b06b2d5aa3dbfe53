"""The one chart style: every text in a figure meets WCAG AA contrast, in the app and in the take-away files."""

from __future__ import annotations

import datetime as dt

import pytest

from stances import charts, query
from stances.load import load_debate
from stances.vocab import NO_POSITION_COLOUR, POSITION_PALETTE


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),  # order does not matter
        ("#777777", "#777777", 1.0),
        ("#808495", "#ffffff", 3.72),  # Streamlit's grey axis labels, as measured in the review
        ("#5e3c99", "#000000", 2.58),  # the grid's "+2" cell, black on dark purple
        ("#5e3c99", "#ffffff", 8.13),
        ("#e66101", "#000000", 6.07),
    ],
)
def test_contrast_ratio_follows_wcag(first, second, expected):
    assert round(charts.contrast_ratio(first, second), 2) == expected


def test_relative_luminance_refuses_what_is_not_a_hex_colour():
    with pytest.raises(ValueError, match="not a #rrggbb colour"):
        charts.relative_luminance("red")


@pytest.mark.parametrize("background", [*POSITION_PALETTE, NO_POSITION_COLOUR])
def test_text_on_every_position_colour_meets_aa(background):
    assert charts.contrast_ratio(charts.text_colour_on(background), background) >= charts.AA_TEXT


def test_text_on_dark_purple_is_white_and_on_light_orange_black():
    assert (charts.text_colour_on(POSITION_PALETTE[4]), charts.text_colour_on(POSITION_PALETTE[1])) == (
        "#ffffff",
        "#000000",
    )


def test_chart_text_colour_meets_aa_on_white():
    assert charts.contrast_ratio(charts.TEXT_COLOUR, "#ffffff") >= charts.AA_TEXT


@pytest.fixture(scope="module")
def bundled():
    return load_debate()


def figures(debate):
    shown = query.apply(debate, query.Filters())
    last = query.date_bounds(shown)[1]
    snapshot = query.as_of(shown, last)
    actors = query.actors_in(debate, shown["actor_id"])
    questions = query.questions_in(debate, shown["question_id"])
    return {
        "timeline": charts.timeline(debate, shown, events=debate.events),
        "grid": charts.grid(debate, snapshot, actors=actors, questions=questions),
        "trends": charts.positions_over_time(debate, shown, "talks-now", until=last),
    }


@pytest.mark.parametrize("name", ["timeline", "grid", "trends"])
def test_every_figure_sets_its_own_text_colours(bundled, name):
    """Streamlit's theme overrides a figure's template in the app: the colours must be the figure's own."""
    figure = figures(bundled)[name]
    layout = figure.layout
    assert (layout.font.color, layout.legend.font.color) == (charts.TEXT_COLOUR, charts.TEXT_COLOUR)
    axes = [value for key, value in layout.to_plotly_json().items() if key.startswith(("xaxis", "yaxis"))]
    assert axes
    assert {(axis["tickfont"]["color"], axis["title"]["font"]["color"]) for axis in axes} == {
        (charts.TEXT_COLOUR, charts.TEXT_COLOUR)
    }


def test_grid_numbers_read_on_their_cells(bundled):
    """Regression (issue 16): "+2" cells printed black on dark purple, 2.3:1."""
    shown = query.apply(bundled, query.Filters())
    snapshot = query.as_of(shown, dt.date(2022, 11, 30))
    actors = query.actors_in(bundled, shown["actor_id"])
    questions = query.questions_in(bundled, shown["question_id"])
    [cells] = charts.grid(bundled, snapshot, actors=actors, questions=questions).data
    cells_drawn = zip(cells.text, cells.marker.color, cells.textfont.color, strict=True)
    pairs = {(text, fill, ink) for text, fill, ink in cells_drawn if text}
    assert {fill for _, fill, _ in pairs} >= {POSITION_PALETTE[0], POSITION_PALETTE[4]}
    assert min(charts.contrast_ratio(ink, fill) for _, fill, ink in pairs) >= charts.AA_TEXT
