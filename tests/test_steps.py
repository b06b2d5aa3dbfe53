"""The presenter's steps through the tiny debate: which statement each step shows and the grid after it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from stances import query, steps
from stances.load import load_debate
from stances.steps import Step

# query.step_order of the tiny debate: by date, then actor, then question.
ORDER = ["milley-private", "milley-club", "sullivan-view", "sullivan-briefing"]


@pytest.fixture
def ordered(tiny_debate):
    return query.step_order(load_debate(tiny_debate).statements)


def ids(frame) -> list[str]:
    return frame["statement_id"].tolist()


def test_the_tiny_debate_steps_in_date_order(ordered):
    assert ids(ordered) == ORDER


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, Step(number=1, total=4, statement_id="milley-private", day=dt.date(2022, 11, 1))),
        (2, Step(number=2, total=4, statement_id="milley-club", day=dt.date(2022, 11, 9))),
        (3, Step(number=3, total=4, statement_id="sullivan-view", day=dt.date(2022, 11, 10))),
        (4, Step(number=4, total=4, statement_id="sullivan-briefing", day=dt.date(2022, 11, 10))),
        (0, Step(number=1, total=4, statement_id="milley-private", day=dt.date(2022, 11, 1))),
        (-3, Step(number=1, total=4, statement_id="milley-private", day=dt.date(2022, 11, 1))),
        (99, Step(number=4, total=4, statement_id="sullivan-briefing", day=dt.date(2022, 11, 10))),
    ],
)
def test_step_at_clamps_to_the_steps_there_are(ordered, number, expected):
    assert steps.step_at(ordered, number) == expected


def test_step_at_of_no_statements_is_none(ordered):
    assert steps.step_at(ordered.iloc[:0], 1) is None


@pytest.mark.parametrize(("number", "first", "last"), [(1, True, False), (2, False, False), (4, False, True)])
def test_step_knows_whether_it_is_first_or_last(ordered, number, first, last):
    step = steps.step_at(ordered, number)
    assert (step.is_first, step.is_last) == (first, last)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 10, 1), 1),  # before the first statement
        (dt.date(2022, 11, 1), 1),  # on the first statement's day
        (dt.date(2022, 11, 5), 2),  # between two statements: the next one
        (dt.date(2022, 11, 9), 2),
        (dt.date(2022, 11, 10), 3),  # two statements that day: the first of them
        (dt.date(2022, 12, 1), 4),  # after the last: the last step
    ],
)
def test_step_on_or_after(ordered, day, expected):
    assert steps.step_on_or_after(ordered, day) == expected


def test_step_on_or_after_of_no_statements_is_the_first(ordered):
    assert steps.step_on_or_after(ordered.iloc[:0], dt.date(2022, 11, 1)) == 1


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, ORDER[:1]), (1, ORDER[:1]), (2, ORDER[:2]), (3, ORDER[:3]), (4, ORDER), (99, ORDER)],
)
def test_shown_so_far_is_every_step_up_to_this_one(ordered, number, expected):
    assert ids(steps.shown_so_far(ordered, number)) == expected


def test_shown_so_far_of_no_statements_is_empty(ordered):
    assert ids(steps.shown_so_far(ordered.iloc[:0], 3)) == []


def cells(snapshot: pd.DataFrame) -> dict[tuple[str, str], tuple[str, int]]:
    return {
        (row.actor_id, row.question_id): (row.statement_id, int(row.position))
        for row in snapshot.itertuples(index=False)
    }


def test_grid_questions_keeps_the_current_question_and_the_busiest_so_far():
    ordered = pd.DataFrame(
        {
            "question_id": ["a", "b", "b", "c", "c", "c", "d"],
            "actor_id": ["x"] * 7,
            "date": pd.to_datetime(["2022-01-0" + str(i) for i in range(1, 8)]),
        }
    )
    assert steps.grid_questions(ordered, 7, limit=2) == ["d", "c"]
    assert steps.grid_questions(ordered, 3, limit=2) == ["b", "a"]
    assert steps.grid_questions(ordered, 3, limit=4) == ["a", "b", "c", "d"]


def test_grid_actors_are_the_days_speakers_then_the_busiest_by_that_day():
    ordered = pd.DataFrame(
        {
            "actor_id": ["a", "b", "b", "c", "d", "e", "b"],
            "question_id": ["q"] * 7,
            "date": pd.to_datetime(
                ["2022-01-01", "2022-01-02", "2022-01-03", "2022-01-03", "2022-01-04"] * 1
                + ["2022-01-04", "2022-01-05"]
            ),
        }
    )
    # Steps 3 and 4 share 3 Jan: the same rows whichever of them is current.
    assert sorted(steps.grid_actors(ordered, 3, limit=3)) == sorted(steps.grid_actors(ordered, 4, limit=3))
    assert sorted(steps.grid_actors(ordered, 3, limit=3)) == ["a", "b", "c"]
    assert sorted(steps.grid_actors(ordered, 5, limit=3)) == ["b", "d", "e"]
    # A day with more speakers than rows still shows the current step's actor.
    assert "e" in steps.grid_actors(ordered, 6, limit=1) and len(steps.grid_actors(ordered, 6, limit=1)) == 1
    assert steps.grid_actors(ordered, 1, limit=9) == ["a", "b", "c", "d", "e"]
