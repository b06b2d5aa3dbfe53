"""The alignment pages through AppTest: they run, read their state from the link, and show the real debate's camps,
gaps and pairs."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from stances import alignment_export
from stances.load import load_debate
from stances.query import Filters
from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")
PAGES = {
    "alignment": "stances/app/pages/alignment.py",
    "gaps": "stances/app/pages/public_private.py",
    "actor": "stances/app/pages/actor.py",
}
LATE_NOVEMBER = ["2022-10-01", "2022-11-30"]


def page(name: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    ok(at)
    at.switch_page(PAGES[name]).run()
    return ok(at)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def frames(at: AppTest, column: str) -> list[pd.DataFrame]:
    """The tables on screen that have `column`, in page order (display-only tables carry no key in AppTest)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, [list(d.value.columns) for d in at.dataframe]
    return found


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_runs_on_the_bundled_debate(name):
    at = page(name)
    assert (
        at.title[0].value
        == {
            "alignment": "Who stands with whom",
            "gaps": "Said in public, signalled in private",
            "actor": "Actor profile",
        }[name]
    )


def test_link_sets_measure_threshold_windows_and_focus():
    at = page(
        "alignment",
        measure="congruence",
        threshold="0.6",
        wsize="14",
        wstep="7",
        smooth="3",
        focus="Joe Biden",
        dates=LATE_NOVEMBER,
    )
    assert (at.selectbox(key="measure").value, at.slider(key="threshold").value) == ("congruence", 0.6)
    assert (at.selectbox(key="wsize").value, at.selectbox(key="wstep").value, at.selectbox(key="smooth").value) == (
        14,
        7,
        3,
    )
    assert at.selectbox(key="focus").value == "biden"
    assert list(frames(at, "Questions (own / their position)")[0].columns)[:3] == [
        "Actor",
        "Congruence",
        "Shared questions",
    ]


def test_bad_link_values_are_ignored_and_said():
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"measure": "<b>x</b>", "threshold": "7", "wsize": "13", "pair": ["biden", "nobody"]}.items():
        at.query_params[key] = value
    ok(at.run())
    from stances import cards, links

    notice = at.warning[0].value
    expected = [
        links.Unused(name="measure", value="<b>x</b>", why="not agreement, congruence, conflict or jaccard"),
        links.Unused(name="threshold", value="7", why="not a number from 0 to 1"),
        links.Unused(name="wsize", value="13", why="not one of the window sizes offered"),
        links.Unused(name="pair", value="nobody", why="unknown actor id"),
    ]
    assert notice == cards.shown(links.notice(expected))  # escaped: the link's <b> is text
    assert "pair" not in at.query_params
    ok(at.switch_page(PAGES["alignment"]).run())
    assert (at.selectbox(key="measure").value, at.slider(key="threshold").value) == ("agreement", 0.75)
    assert not [t for t in texts(at) if " and " in t]


def test_page_numbers_equal_the_cli_csv():
    at = page("alignment", dates=LATE_NOVEMBER)
    debate = load_debate()
    options = alignment_export.AlignmentOptions(
        filters=Filters(start=pd.Timestamp("2022-10-01").date(), end=pd.Timestamp("2022-11-30").date())
    )
    edges = alignment_export.edge_table(debate, options)
    button = next(b for b in at.get("download_button") if "alignment_csv" in b.proto.id)
    assert button is not None
    focus = at.selectbox(key="focus").value
    closest = frames(at, "Questions (own / their position)")[0]
    names = debate.actors.set_index("actor_id")["name"]
    mine = edges[(edges["actor_a"] == focus) | (edges["actor_b"] == focus)]
    expected = {
        names[b if a == focus else a]: agreement
        for a, b, agreement in zip(mine["actor_a"], mine["actor_b"], mine["agreement"], strict=True)
    }
    assert {r.Actor: r.Agreement for r in closest.itertuples()} == {a: expected[a] for a in closest["Actor"]}


def test_clicking_a_pair_shows_its_statements():
    at = page("alignment", dates=LATE_NOVEMBER)
    at.session_state["matrix_chart"] = {
        "selection": {
            "points": [{"point_index": 0, "customdata": ["sullivan", "us-officials"]}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    ok(at)
    assert at.query_params["pair"] == ["sullivan", "us-officials"]
    assert "Jake Sullivan and US administration officials (unnamed)" in texts(at)
    cards = [e.proto.body for e in at.get("html") if "stances-card" in e.proto.body]
    assert len(cards) == 2 * len(frames(at, "Agreement")[0])
    assert "How we know:" in cards[0]


def test_gap_page_lists_the_administrations_biggest_gap_first_with_sources():
    at = page("gaps")
    table = frames(at, "Private reporting chain")[0]
    first = table.iloc[0]
    assert (first["Question"], first["Gap"], first["Said in public by"], first["Signalled in private for"]) == (
        "Settle without full territory",
        3,
        "Joe Biden",
        "Jake Sullivan",
    )
    assert first["Private reporting chain"] == "The Kyiv Independent, citing The Wall Street Journal"
    assert (table["Gap"] > 0).all()
    press = table[table["Question"] == "US should press Kyiv"]
    assert {"Joe Biden", "John F. Kirby", "Jake Sullivan"} <= set(press["Said in public by"])


def test_gap_page_says_why_on_record_only_leaves_nothing():
    at = page("gaps", onrecord="true")
    assert "removes the private signals" in at.info[0].value


def test_actor_profile_from_the_link_with_comparison():
    at = page("actor", who="Jake Sullivan", compare=["Joe Biden", "John F. Kirby"])
    assert at.selectbox(key="who").value == "sullivan"
    who = frames(at, "Value")[0]
    assert dict(zip(who[""], who["Value"], strict=True))["Speaks for"] == "Joe Biden"
    pairs = frames(at, "Pair")[0]
    assert pairs["Pair"].tolist() == [
        "Jake Sullivan – Joe Biden",
        "Jake Sullivan – John F. Kirby",
        "Joe Biden – John F. Kirby",
    ]
    paths = frames(at, "Path")[0]
    assert "US should press Kyiv" in paths["Question"].tolist()


def test_grid_marks_public_private_gaps_from_the_link():
    import json

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["gapmarks"] = "true"
    at.query_params["asof"] = "2022-11-30"
    ok(at.run())
    ok(at.switch_page("stances/app/pages/grid.py").run())
    assert at.toggle(key="gapmarks").value is True
    spec = json.loads(next(c for c in at.get("plotly_chart") if c.key == "grid_chart").proto.spec)
    marked = [t for t in spec["data"][0]["text"] if t.endswith("≠")]
    assert marked, spec["data"][0]["text"]


def test_a_pair_of_the_matrix_opens_with_the_list_under_it():
    # the matrix's cells take no focus: no pair's statements could be read without a mouse (issue 16)
    at = page("alignment", dates=LATE_NOVEMBER)
    picker = at.selectbox(key="matrix_pairs")
    assert picker.value is None
    pair = {"Jake Sullivan", "US administration officials (unnamed)"}
    label = next(o for o in picker.options if set(o.split(" · ")[0].split(" and ")) == pair)
    assert re.fullmatch(r".+ · agreement \d{1,3}% · \d+ shared questions?", label), label
    ok(picker.select(label).run())
    assert sorted(at.query_params["pair"]) == ["sullivan", "us-officials"]
    assert [t for t in texts(at) if set(t.split(" and ")) == pair] != []  # the pair's statements are open


def test_a_clicked_pair_shows_in_the_list():
    at = page("alignment", dates=LATE_NOVEMBER)
    at.session_state["matrix_chart"] = {
        "selection": {"points": [{"point_index": 0, "customdata": ["us-officials", "sullivan"]}]}
    }
    ok(at.run())
    assert sorted(at.selectbox(key="matrix_pairs").value.split("|")) == ["sullivan", "us-officials"]
