"""Filters, as-of snapshots, change detection and joins on the tiny debate."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from stances import query
from stances.load import load_debate
from stances.query import Filters
from stances.vocab import EVIDENCE_KINDS


@pytest.fixture
def debate(tiny_debate):
    return load_debate(tiny_debate)


def ids(frame) -> list[str]:
    return frame["statement_id"].tolist()


def test_no_filters_keep_everything_in_date_order(debate):
    assert ids(query.apply(debate, Filters())) == [
        "milley-private",
        "milley-club",
        "sullivan-briefing",
        "sullivan-view",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(actors=("sullivan",)), ["sullivan-briefing", "sullivan-view"]),
        (Filters(questions=("us-press-kyiv",)), ["sullivan-briefing"]),
        (Filters(start=dt.date(2022, 11, 9), end=dt.date(2022, 11, 9)), ["milley-club"]),
        (Filters(positions=(-1, -2)), ["sullivan-briefing", "sullivan-view"]),
        (Filters(evidence=("unnamed-officials",)), ["milley-private", "sullivan-view"]),
        (Filters(on_record_only=True), ["milley-club", "sullivan-briefing"]),
        (Filters(channels=("private",)), ["milley-private", "sullivan-view"]),
        (Filters(outlets=("The White House",)), ["sullivan-briefing"]),
        (Filters(outlets=("The New York Times",)), ["milley-private"]),
        (Filters(text="SEIZE"), ["milley-club"]),
        (Filters(text="internally"), ["milley-private"]),
        (Filters(actors=("milley",), channels=("public",)), ["milley-club"]),
        (Filters(text="no such words"), []),
    ],
)
def test_each_filter_narrows_the_statements(debate, filters, expected):
    assert ids(query.apply(debate, filters)) == expected


def test_active_filters_are_described_for_people():
    filters = Filters(actors=("milley", "biden"), start=dt.date(2022, 11, 1), on_record_only=True, text="talks")
    assert filters.active() == {
        "Actors": "milley, biden",
        "From": "2022-11-01",
        "On-record only": "yes",
        "Search": "talks",
    }
    assert filters.without("text").active() == {
        "Actors": "milley, biden",
        "From": "2022-11-01",
        "On-record only": "yes",
    }


def test_as_of_ignores_statements_after_the_day(debate):
    snapshot = query.as_of(debate.statements, dt.date(2022, 11, 5))
    assert ids(snapshot) == ["milley-private"]


def test_as_of_keeps_the_latest_per_actor_and_question(debate):
    snapshot = query.as_of(debate.statements, dt.date(2022, 11, 30))
    assert sorted(ids(snapshot)) == ["milley-club", "sullivan-briefing", "sullivan-view"]
    assert snapshot.set_index("statement_id").loc["milley-club", "age_days"] == 21


def test_as_of_marks_old_positions_as_stale(debate):
    snapshot = query.as_of(debate.statements, dt.date(2023, 1, 20)).set_index("statement_id")
    assert snapshot.loc["milley-club", "stale"]
    fresh = query.as_of(debate.statements, dt.date(2022, 11, 20)).set_index("statement_id")
    assert not fresh.loc["milley-club", "stale"]


def test_as_of_prefers_on_record_words_on_the_same_day(debate):
    statements = debate.statements.copy()
    statements.loc[statements["statement_id"] == "milley-private", "date"] = statements.loc[
        statements["statement_id"] == "milley-club", "date"
    ].iloc[0]
    assert "milley-club" in ids(query.as_of(statements, dt.date(2022, 11, 9)))


def test_changes_between_two_dates(debate):
    changes = query.changes_between(debate.statements, dt.date(2022, 11, 5), dt.date(2022, 11, 30))
    rows = changes[["actor_id", "question_id", "before", "after", "change"]].values.tolist()
    assert [[None if v is pd.NA else v for v in row] for row in rows] == [
        ["milley", "talks-now", 2, 1, "moved"],
        ["sullivan", "talks-now", None, -1, "new"],
        ["sullivan", "us-press-kyiv", None, -2, "new"],
    ]


def test_changes_between_identical_dates_moves_nothing(debate):
    changes = query.changes_between(debate.statements, dt.date(2022, 11, 30), dt.date(2022, 11, 30))
    assert set(changes["change"]) == {"unchanged"}


def test_reporting_chain_follows_reports_on(debate):
    assert query.reporting_chain(debate.sources, "nv-report") == ["nyt-report"]
    assert query.reporting_chain(debate.sources, "wh-briefing") == []


def test_reporting_chain_stops_at_a_loop(debate):
    sources = debate.sources.copy()
    sources.loc[sources["source_id"] == "nyt-report", "reports_on"] = "nv-report"
    assert query.reporting_chain(sources, "nv-report") == ["nyt-report"]


def test_statement_detail_has_sources_and_chain(debate):
    detail = query.statement_detail(debate, "milley-private")
    assert (detail.actor, detail.question, detail.position, detail.position_label) == (
        "Mark A. Milley",
        "Open talks now",
        2,
        "talks-now 2",
    )
    assert detail.evidence_label == "Reported by unnamed officials"
    assert [s.source_id for s in detail.sources] == ["nv-report", "nyt-report"]
    assert detail.sources[0].cites() == "New Voice of Ukraine, citing The New York Times"
    assert detail.sources[0].locator == "para. 1"


def test_statement_detail_of_unknown_id_is_none(debate):
    assert query.statement_detail(debate, "nope") is None


def test_table_rows_carry_names_labels_and_original_sources(debate):
    rows = query.table_rows(debate, query.apply(debate, Filters(actors=("milley",)))).set_index("statement_id")
    assert list(rows.columns) == list(query.TABLE_COLUMNS)[1:]
    private = rows.loc["milley-private"]
    assert (private["actor"], private["question"], private["position_label"]) == (
        "Mark A. Milley",
        "Open talks now",
        "talks-now 2",
    )
    assert private["source_outlets"] == "The New York Times; New Voice of Ukraine"
    assert private["source_dates"] == "2022-11-10; 2022-11-11"
    assert private["source_urls"] == "https://example.org/nv"
    assert private["reporting_chain"] == "New Voice of Ukraine, citing The New York Times"


@pytest.mark.parametrize("columns", [("source_outlets",), ("reporting_chain", "source_ids")])
def test_source_columns_named_are_those_of_all_columns(debate, columns):
    ids = debate.statements["statement_id"].iloc[:3]
    every = query.source_columns(debate, ids)
    some = query.source_columns(debate, ids, columns=columns)
    assert list(some.columns) == [c for c in query.SOURCE_COLUMNS if c in columns]
    pd.testing.assert_frame_equal(some, every[list(some.columns)])


def test_source_table_counts_statements_per_source(debate):
    table = query.source_table(debate).set_index("source_id")
    assert table["statements"].to_dict() == {"nyt-report": 1, "wh-briefing": 1, "nv-report": 3}
    assert table.loc["nv-report", "reports_on"] == "The New York Times"


def test_step_order_is_by_date_then_actor(debate):
    assert ids(query.step_order(debate.statements)) == [
        "milley-private",
        "milley-club",
        "sullivan-view",
        "sullivan-briefing",
    ]


def test_grid_view_orders_actors_and_questions_and_marks_moves(debate):
    view = query.grid_view(debate, debate.statements, dt.date(2022, 11, 30), since=dt.date(2022, 11, 5))
    assert (view.actors, view.questions) == (["milley", "sullivan"], ["talks-now", "us-press-kyiv"])
    assert sorted(view.snapshot["statement_id"]) == ["milley-club", "sullivan-briefing", "sullivan-view"]
    assert view.moved == {("milley", "talks-now"): -1, ("sullivan", "talks-now"): 0, ("sullivan", "us-press-kyiv"): 0}


def test_grid_view_without_an_earlier_day_has_no_changes(debate):
    view = query.grid_view(debate, debate.statements, dt.date(2022, 11, 30))
    assert (view.changes, view.moved) == (None, None)


def test_grid_table_writes_positions_with_the_charts_minus(debate):
    """Regression (issue 9, defect 7): the grid's table printed `-1` where its chart printed `−1`."""
    snapshot = query.as_of(debate.statements, dt.date(2022, 11, 30))
    table = query.grid_table(debate, snapshot, ["milley", "sullivan"], ["talks-now", "us-press-kyiv"])
    assert table.loc["Jake Sullivan"].tolist() == [
        "\u22121 talks-now -1 (2022-11-10)",
        "\u22122 us-press-kyiv -2 (2022-11-10)",
    ]


def test_change_table_writes_positions_with_the_charts_minus(debate):
    changes = query.changes_between(debate.statements, dt.date(2022, 11, 5), dt.date(2022, 11, 30))
    table = query.change_table(debate, changes)
    assert table[["Actor", "Before", "After"]].values.tolist() == [
        ["Mark A. Milley", "+2 talks-now 2", "+1 talks-now 1"],
        ["Jake Sullivan", "", "\u22121 talks-now -1"],
        ["Jake Sullivan", "", "\u22122 us-press-kyiv -2"],
    ]


def long_chain(debate):
    """The tiny debate with one more hop: New Voice of Ukraine cites The New York Times, which cites Reuters."""
    from dataclasses import replace

    reuters = debate.sources[debate.sources["source_id"] == "nyt-report"].assign(
        source_id="reuters-report", outlet="Reuters", reports_on=""
    )
    sources = pd.concat([debate.sources, reuters], ignore_index=True)
    sources.loc[sources["source_id"] == "nyt-report", "reports_on"] = "reuters-report"
    return replace(debate, sources=sources)


def test_reporting_chain_follows_every_hop(debate):
    assert query.reporting_chain(long_chain(debate).sources, "nv-report") == ["nyt-report", "reuters-report"]


def test_table_rows_carry_the_whole_reporting_chain_as_the_card_does(debate):
    """Regression (issue 9, defect 4): the export's `reporting_chain` stopped after one hop."""
    longer = long_chain(debate)
    card = query.statement_detail(longer, "milley-club").sources[0].cites()
    rows = query.table_rows(longer, longer.statements).set_index("statement_id")
    assert card == "New Voice of Ukraine, citing The New York Times, citing Reuters"
    assert rows.loc["milley-club", "reporting_chain"] == card


def test_reporting_chains_stop_at_loops_and_unknown_sources(debate):
    sources = debate.sources.copy()
    sources.loc[sources["source_id"] == "nyt-report", "reports_on"] = "nv-report"
    sources.loc[sources["source_id"] == "wh-briefing", "reports_on"] = "gone"
    chains = query.reporting_chains(sources)
    assert {s: [x for x in row if x] for s, row in zip(chains.index, chains.to_numpy().tolist(), strict=True)} == {
        "nyt-report": ["nv-report"],
        "nv-report": ["nyt-report"],
        "wh-briefing": [],
    }


def test_filter_problems_report_every_bad_filter_at_once(debate):
    filters = Filters(
        actors=("milly", "sullivan"), questions=("talks",), positions=(3,), evidence=("rumour",), channels=("secret",)
    )
    assert query.filter_problems(debate, filters) == [
        "unknown actor 'milly' (known: milley, sullivan)",
        "unknown question 'talks' (known: talks-now, us-press-kyiv)",
        f"unknown evidence kind 'rumour' (known: {', '.join(EVIDENCE_KINDS)})",
        "unknown channel 'secret' (known: public, private)",
        "position 3 is on no question's scale (points: -2, -1, 0, 1, 2)",
    ]


def _with_statement(debate, **changes) -> pd.DataFrame:
    """The debate's statements plus a copy of `milley-club` with `changes` (a later statement of the same actor)."""
    row = debate.statements[debate.statements["statement_id"] == "milley-club"].assign(**changes)
    return pd.concat([debate.statements, row], ignore_index=True)


def test_held_positions_keep_a_move_and_its_reversal_that_the_end_days_hide(debate):
    """Regression (issue 16, item 3): Milley +2 -> +1 -> +2 inside the period vanished from the changes table."""
    statements = _with_statement(
        debate, statement_id="milley-back", date=pd.Timestamp("2022-11-20"), position=2, evidence="on-record"
    )
    start, end = dt.date(2022, 11, 5), dt.date(2022, 11, 30)
    held = query.held_positions(statements, start, end)
    mine = held[(held["actor_id"] == "milley") & (held["question_id"] == "talks-now")]
    assert [(d.date().isoformat(), p, s) for d, p, s in mine[["date", "position", "statement_id"]].values] == [
        ("2022-11-01", 2, "milley-private"),
        ("2022-11-09", 1, "milley-club"),
        ("2022-11-20", 2, "milley-back"),
    ]
    changes = query.changes_between(statements, start, end)
    assert changes.loc[changes["actor_id"] == "milley", "change"].tolist() == ["unchanged"]
    table = query.change_table(debate, changes, held)
    assert table.loc[table["Actor"] == "Mark A. Milley", ["Change", "Path"]].values.tolist() == [
        ["moved and back", "+2 (2022-11-01) → +1 (2022-11-09) → +2 (2022-11-20)"]
    ]


def test_held_positions_skip_a_repeated_position_and_take_the_days_stronger_evidence(debate):
    statements = _with_statement(debate, statement_id="milley-again", date=pd.Timestamp("2022-11-20"), position=1)
    statements = pd.concat(
        [
            statements,
            statements[statements["statement_id"] == "milley-again"].assign(
                statement_id="a-rumour", position=-2, evidence="unnamed-officials"
            ),
        ],
        ignore_index=True,
    )
    held = query.held_positions(statements, dt.date(2022, 11, 1), dt.date(2022, 11, 30))
    mine = held[held["actor_id"] == "milley"]
    assert mine[["position", "statement_id"]].values.tolist() == [[2, "milley-private"], [1, "milley-club"]]


def test_held_positions_start_a_new_pair_at_its_first_statement_and_stop_at_the_end_day(debate):
    held = query.held_positions(debate.statements, dt.date(2022, 11, 5), dt.date(2022, 11, 10))
    assert held[["actor_id", "question_id", "position", "statement_id"]].values.tolist() == [
        ["milley", "talks-now", 2, "milley-private"],
        ["milley", "talks-now", 1, "milley-club"],
        ["sullivan", "talks-now", -1, "sullivan-view"],
        ["sullivan", "us-press-kyiv", -2, "sullivan-briefing"],
    ]
    assert query.held_positions(debate.statements, dt.date(2022, 11, 5), dt.date(2022, 11, 8))[
        "statement_id"
    ].tolist() == ["milley-private"]


def test_reporting_cycles_lists_each_cycle_once_from_its_first_source_and_not_its_tails():
    from stances.query.chains import reporting_cycles

    sources = pd.DataFrame(
        {
            "source_id": ["tail", "a", "b", "c", "self", "x", "y", "end"],
            "reports_on": ["a", "b", "c", "a", "self", "y", "x", ""],
        }
    )
    assert reporting_cycles(sources) == [["a", "b", "c"], ["x", "y"]]
