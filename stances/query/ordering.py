"""Which actors, questions and days appear, in the order people see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from stances.model import Debate


def step_order(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements in presentation order: by date, then actor, then question, then id."""
    return statements.sort_values(["date", "actor_id", "question_id", "statement_id"], kind="stable").reset_index(
        drop=True
    )


def date_bounds(statements: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last statement date (today for an empty table)."""
    if statements.empty:
        today = dt.date.today()
        return today, today
    return statements["date"].min().date(), statements["date"].max().date()


def _present(ids: Iterable[str]) -> set[str]:
    values = ids if isinstance(ids, pd.Series) else pd.Series(list(ids), dtype=object)
    return set(map(str, values.unique()))


def actors_in(debate: Debate, actor_ids: Iterable[str]) -> list[str]:
    """The actors among `actor_ids`, in the dataset's order (core actors first)."""
    present = _present(actor_ids)
    return [a for a in debate.actors["actor_id"] if a in present]


def questions_in(debate: Debate, question_ids: Iterable[str]) -> list[str]:
    """The questions among `question_ids`, in display order."""
    present = _present(question_ids)
    return [q for q in debate.questions["question_id"] if q in present]
