"""Public words beside private signals, on a hand-built debate whose gaps are worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from stances import gaps
from stances.load import load_debate
from stances.model import Debate, DebateMeta

from .test_alignment import DAY, FIVE, said, scale


def actors(**speaks_for: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"actor_id": list(speaks_for), "name": [a.title() for a in speaks_for], "speaks_for": list(speaks_for.values())}
    )


def debate_of(statements: pd.DataFrame, actor_table: pd.DataFrame) -> Debate:
    empty = pd.DataFrame()
    return Debate(
        folder=Path("."),
        meta=DebateMeta(name="t", title="t"),
        actors=actor_table,
        questions=pd.DataFrame({"question_id": ["q"], "label": ["Q"]}),
        scale_points=scale(q=FIVE),
        sources=empty,
        statements=statements,
        statement_sources=empty,
        events=empty,
    )


# pres speaks for no one; aide and anon speak for pres; other is unlinked.
CAST = actors(pres="", aide="pres", anon="pres", other="")
STATEMENTS = said(
    ("pres", "q", -2, 1, "on-record"),
    ("pres", "q", 0, 1, "official-document"),  # same day: the on-record words win
    ("anon", "q", 1, 5, "unnamed-officials", "private"),
    ("aide", "q", -1, 10, "on-record"),
    ("aide", "q", 2, 12, "unnamed-officials", "private"),
    ("other", "q", 2, 12, "unnamed-officials", "private"),
    ("pres", "q", 0, 20, "on-record"),
    ("aide", "q", 1, 30, "paraphrase"),  # an outlet's paraphrase of public words: neither side
)


def test_gaps_by_hand_biggest_first():
    found = gaps.public_private_gaps(debate_of(STATEMENTS, CAST), STATEMENTS)
    assert found[
        ["public_actor", "public_position", "private_actor", "private_position", "gap", "link", "days_apart"]
    ].values.tolist() == [
        ["pres", -2, "aide", 2, 4, "spoken-for", 11],  # pres's standing words on day 12 are those of day 1
        ["aide", -1, "aide", 2, 3, "same", 2],
        ["pres", -2, "anon", 1, 3, "spoken-for", 4],
        ["aide", -1, "anon", 1, 2, "same-principal", 5],  # aide had no public words yet: the first after
    ]
    assert found["public_statement"].iloc[0] == "s00-pres-q"
    assert found["gap_share"].tolist() == [1.0, 0.75, 0.75, 0.5]
    assert found["direction"].tolist() == [1, 1, 1, 1]


def test_window_limits_both_sides():
    found = gaps.public_private_gaps(
        debate_of(STATEMENTS, CAST), STATEMENTS, start=DAY + dt.timedelta(days=4), end=DAY + dt.timedelta(days=11)
    )
    assert found[["public_actor", "private_actor", "gap"]].values.tolist() == [["aide", "anon", 2]]


def test_without_speaks_for_only_the_same_actor_is_compared():
    found = gaps.public_private_gaps(debate_of(STATEMENTS, actors(pres="", aide="", anon="", other="")), STATEMENTS)
    assert found[["public_actor", "private_actor", "gap"]].values.tolist() == [["aide", "aide", 3]]


def test_actors_table_without_the_column_counts_as_no_links():
    cast = CAST.drop(columns="speaks_for")
    found = gaps.public_private_gaps(debate_of(STATEMENTS, cast), STATEMENTS)
    assert found["link"].unique().tolist() == ["same"]


def test_no_private_statements_no_gaps():
    public_only = STATEMENTS[STATEMENTS["channel"] == "public"]
    found = gaps.public_private_gaps(debate_of(public_only, CAST), public_only)
    assert (found.empty, list(found.columns)) == (True, list(gaps.GAP_COLUMNS))


def test_differing_cells_as_of_a_day():
    found = gaps.public_private_gaps(debate_of(STATEMENTS, CAST), STATEMENTS)
    assert gaps.differing_cells(found, DAY + dt.timedelta(days=9)) == {("pres", "q"), ("anon", "q")}
    assert gaps.differing_cells(found, DAY + dt.timedelta(days=12)) == {("pres", "q"), ("anon", "q"), ("aide", "q")}


def test_gap_table_names_both_sides_and_their_sources(tiny_debate):
    debate = load_debate(tiny_debate)
    found = gaps.public_private_gaps(debate, debate.statements)
    table = gaps.gap_table(debate, found)
    assert table[
        ["Question", "Gap", "Said in public by", "In public", "In private", "Private sources"]
    ].values.tolist() == [
        [
            "Open talks now",
            1,
            "Mark A. Milley",
            "+1 talks-now 1",
            "+2 talks-now 2",
            "The New York Times; New Voice of Ukraine",
        ],
    ]
    assert table["Private reporting chain"].tolist() == ["New Voice of Ukraine, citing The New York Times"]


def test_linked_actors_lists_every_direction_once():
    links = gaps.linked_actors(CAST)
    pairs = set(zip(links["public_actor"], links["private_actor"], links["link"], strict=True))
    assert pairs == {
        ("pres", "pres", "same"),
        ("aide", "aide", "same"),
        ("anon", "anon", "same"),
        ("other", "other", "same"),
        ("aide", "pres", "speaks-for"),
        ("anon", "pres", "speaks-for"),
        ("pres", "aide", "spoken-for"),
        ("pres", "anon", "spoken-for"),
        ("aide", "anon", "same-principal"),
        ("anon", "aide", "same-principal"),
    }


def test_grid_marks_the_differing_cells_only(tiny_debate):
    from stances import charts, query

    debate = load_debate(tiny_debate)
    found = gaps.public_private_gaps(debate, debate.statements)
    day = dt.date(2022, 11, 10)
    cells = frozenset(gaps.differing_cells(found, day))
    assert cells == {("milley", "talks-now")}
    figure = charts.grid(
        debate,
        query.as_of(debate.statements, day),
        actors=["milley", "sullivan"],
        questions=["talks-now"],
        differs=cells,
    )
    assert list(figure.data[0].text) == ["+1 ≠", "−1"]
    assert "public words and a private signal differ" in figure.data[0].hovertext[0]
