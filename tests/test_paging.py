"""Which actors and questions a large view shows: the busiest first, a page at a time, narrowed by a search."""

from __future__ import annotations

import pandas as pd
import pytest

from stances.paging import Window, by_activity, view_order, window


def test_by_activity_puts_the_busiest_first_and_breaks_ties_in_dataset_order():
    ids = pd.Series(["c", "a", "c", "b", "b", "d"])
    assert by_activity(ids, ["a", "b", "c", "d"]) == ["b", "c", "a", "d"]


def test_view_order_keeps_dataset_order_when_everything_fits():
    ids = pd.Series(["c", "c", "c", "a"])
    assert view_order(ids, ["a", "b", "c"], size=5) == ["a", "c"]
    assert view_order(ids, ["a", "b", "c"], size=1) == ["c", "a"]


def test_window_pages_through_the_order_and_clamps_the_page():
    ordered = [f"a{i}" for i in range(1, 96)]
    second = window(ordered, size=40, page=2)
    assert (second.ids[0], second.ids[-1], second.first, second.last, second.pages) == ("a41", "a80", 41, 80, 3)
    assert window(ordered, size=40, page=9).ids == ordered[80:]
    assert window(ordered, size=40, page=0).ids == ordered[:40]


def test_window_search_matches_display_names_in_any_case():
    names = pd.Series({"x": "General (x)", "y": "Energy", "z": "general aid"})
    found = window(["x", "y", "z"], size=2, needle="GENERAL", names=names)
    assert (found.ids, found.matching, found.total) == (["x", "z"], 2, 3)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (window(["a", "b"], size=40), "all 2 actors"),
        (window([f"a{i}" for i in range(1000)], size=40, page=2), "actors 41–80 of 1,000, busiest first"),
        (
            window(
                [f"a{i}" for i in range(1000)],
                size=40,
                needle="a99",
                names=pd.Series({f"a{i}": f"a{i}" for i in range(1000)}),
            ),
            "actors 1–11 of 11 matching the search of 1,000, busiest first",
        ),
        (window(["a", "b"], size=1, needle="zz", names=pd.Series({"a": "a", "b": "b"})), "no actors match the search"),
    ],
)
def test_window_says_what_is_shown(shown: Window, expected: str):
    assert shown.describe("actors") == expected
