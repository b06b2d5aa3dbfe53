"""Which actors, questions and days appear, in the order people see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from stances.model import Debate


def step_order(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements in presentation order: by date, then actor, then question, then id."""
    if statements.empty:
        return statements.reset_index(drop=True)
    # One integer sort over ranked keys: half the time of sort_values on four columns at a million rows.
    ranks = [pd.factorize(statements[c], sort=True)[0] for c in ("statement_id", "question_id", "actor_id")]
    days = statements["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return statements.take(np.lexsort([*ranks, days])).reset_index(drop=True)


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
