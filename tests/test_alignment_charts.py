"""The alignment matrix and its list of pairs: agreement as a number, not only a colour; a keyboard path (issue 16)."""

from __future__ import annotations

import pytest

from stances import alignment_charts, alignment_export, alignment_tables, charts
from stances.load import load_debate
from stances.names import actor_names


def test_the_matrix_writes_each_agreement_in_its_cell_readable_on_its_colour():
    # agreement was colour only (the cells held the number of shared questions), and black on dark purple 2.2:1
    debate = load_debate()
    result = alignment_export.compute(debate, alignment_export.AlignmentOptions())
    shown = alignment_tables.busiest(result, 12)
    figure = alignment_charts.agreement_matrix(debate, shown)
    cells = []
    for heatmap in [t for t in figure.data if t.type == "heatmap"]:
        for z_row, text_row in zip(heatmap.z, heatmap.text, strict=True):
            cells += [(z, text, heatmap.textfont.color) for z, text in zip(z_row, text_row, strict=True) if text]
    shared = shown.shared > 0
    assert len(cells) == int(shared.sum() - shared.diagonal().sum())  # every pair sharing a question, both ways
    assert all(text == f"{round(100 * z)}" for z, text, _ in cells)
    ratios = [charts.contrast_ratio(alignment_charts.agreement_colour(z), ink) for z, _, ink in cells]
    assert min(ratios) >= charts.AA_TEXT


@pytest.mark.parametrize(
    ("agreement", "colour"), [(0.0, "#e66101"), (0.5, "#cfcfcf"), (1.0, "#5e3c99"), (2.0, "#5e3c99")]
)
def test_the_matrix_colour_of_an_agreement_is_its_scale_stop(agreement, colour):
    assert alignment_charts.agreement_colour(agreement) == colour


def test_the_pairs_of_the_matrix_are_listed_once_each_with_their_agreement_in_words():
    debate = load_debate()
    result = alignment_export.compute(debate, alignment_export.AlignmentOptions())
    choices = alignment_tables.pair_choices(debate, result)
    shared = result.shared > 0
    assert len(choices) == int((shared.sum() - shared.diagonal().sum()) // 2)
    first = choices.iloc[0]
    a, b = first["pair"].split("|")
    i, j = result.actors.index(a), result.actors.index(b)
    names = actor_names(debate)
    questions = int(result.shared[i, j])
    assert first["label"] == (
        f"{names[a]} and {names[b]} · agreement {round(100 * result.matrix[i, j])}% · "
        f"{questions} shared question{'s' if questions != 1 else ''}"
    )
