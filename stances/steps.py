"""The presenter's walk through a debate: one statement per step, in date order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True, kw_only=True)
class Step:
    """Where the presentation stands: step `number` (1-based) of `total`, and the state of the debate at it."""

    number: int
    total: int
    statement_id: str
    day: dt.date

    @property
    def is_first(self) -> bool:
        return self.number <= 1

    @property
    def is_last(self) -> bool:
        return self.number >= self.total


def clamp(number: int, total: int) -> int:
    """A step number forced into 1..total (1 for an empty presentation)."""
    return max(1, min(int(number), max(total, 1)))


def step_at(ordered: pd.DataFrame, number: int) -> Step | None:
    """The step `number` of statements already in `query.step_order`; None when there are no statements."""
    if ordered.empty:
        return None
    number = clamp(number, len(ordered))
    row = ordered.iloc[number - 1]
    return Step(
        number=number,
        total=len(ordered),
        statement_id=str(row["statement_id"]),
        day=pd.Timestamp(row["date"]).date(),
    )


def step_on_or_after(ordered: pd.DataFrame, day: dt.date) -> int:
    """The first step dated on or after `day` (the last step when every statement is earlier)."""
    if ordered.empty:
        return 1
    later = (ordered["date"] >= pd.Timestamp(day)).to_numpy().nonzero()[0]
    return int(later[0]) + 1 if later.size else len(ordered)


def shown_so_far(ordered: pd.DataFrame, number: int) -> pd.DataFrame:
    """The statements up to and including step `number`: what the audience has seen."""
    return ordered.iloc[: clamp(number, len(ordered))]


def grid_actors(ordered: pd.DataFrame, number: int, *, limit: int) -> list[str]:
    """The actors the presenter's grid shows: all of them up to `limit`; beyond, those who speak on the step's day,
    then those with most statements by that day, and always the current step's actor. Every step of one day
    shows the same rows (unless that day alone has more speakers than fit), as the grid is "as of the day"."""
    actors = pd.unique(ordered["actor_id"].astype(str))
    if len(actors) <= limit:
        return list(actors)
    number = clamp(number, len(ordered))
    current = str(ordered.iloc[number - 1]["actor_id"])
    day = ordered["date"].iloc[number - 1]
    by_day = ordered[(ordered["date"] <= day).to_numpy()]
    speakers = by_day.loc[(by_day["date"] == day).to_numpy(), "actor_id"].astype(str)
    busiest = by_day["actor_id"].astype(str).value_counts(sort=True).index
    chosen = list(dict.fromkeys([*pd.unique(speakers), *busiest]))[:limit]
    if current not in chosen:
        chosen[-1] = current
    return chosen


def grid_questions(ordered: pd.DataFrame, number: int, *, limit: int) -> list[str]:
    """The questions the presenter's grid shows: all of them up to `limit`; beyond, the current step's question and
    the questions with most statements so far (as `grid_actors` does for actors)."""
    questions = pd.unique(ordered["question_id"].astype(str))
    if len(questions) <= limit:
        return list(questions)
    current = str(ordered.iloc[clamp(number, len(ordered)) - 1]["question_id"])
    busiest = shown_so_far(ordered, number)["question_id"].astype(str).value_counts().index
    return [current, *[q for q in busiest if q != current]][:limit]
