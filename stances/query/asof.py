"""Snapshots in time: each actor's latest position as of a day, what changed between two days, the grid of a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from stances.columns import is_in
from stances.model import Debate
from stances.query.ordering import actors_in, questions_in
from stances.vocab import EVIDENCE_RANK, STALE_AFTER_DAYS


def as_of(statements: pd.DataFrame, day: dt.date | pd.Timestamp) -> pd.DataFrame:
    """Each actor's latest position on each question on `day`: one row per (actor, question) said on or before it.

    Ties on one date go to the stronger evidence (on-record first), then the smaller statement id, so the result
    is stable. Adds `age_days` (days between the statement and `day`) and `stale` (older than `STALE_AFTER_DAYS`).
    """
    day = pd.Timestamp(day)
    known = statements[(statements["date"] <= day).to_numpy()]
    if known.empty:
        return known.assign(age_days=pd.Series(dtype="int64"), stale=pd.Series(dtype=bool))
    evidence = known["evidence"]
    unranked = len(EVIDENCE_RANK)
    if isinstance(evidence.dtype, pd.CategoricalDtype):  # as loaded: rank the few categories, not every row
        per_kind = np.array([EVIDENCE_RANK.get(str(c), unranked) for c in evidence.cat.categories] + [unranked])
        rank = per_kind[evidence.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry
    else:
        rank = evidence.astype(str).map(EVIDENCE_RANK).fillna(unranked).to_numpy()
    days = known["date"].to_numpy().astype("datetime64[D]").astype("int64")
    # One sortable score per statement: later day first, then stronger evidence; ties fall to the smaller id below.
    score = days * 16 - rank
    order = pd.DataFrame(
        {
            "actor_id": known["actor_id"].astype(str).to_numpy(),
            "question_id": known["question_id"].astype(str).to_numpy(),
            "score": score,
            "statement_id": known["statement_id"].astype(str).to_numpy(),
            "row": np.arange(len(known)),
        }
    )
    best = order.groupby(["actor_id", "question_id"], sort=True)["score"].transform("max").to_numpy() == score
    chosen = order[best].sort_values(["actor_id", "question_id", "statement_id"], kind="stable")
    chosen = chosen.drop_duplicates(["actor_id", "question_id"], keep="first")
    latest = known.iloc[chosen["row"].to_numpy()]
    age = (day - latest["date"]).dt.days
    return latest.assign(age_days=age.astype("int64"), stale=age > STALE_AFTER_DAYS).reset_index(drop=True)


CHANGE_KINDS = ("moved", "new", "unchanged")


def changes_between(statements: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """How each actor's position on each question changed from `start` to `end` (both as-of snapshots).

    One row per (actor, question) known at `end`: `before`/`after` positions and statement ids, `shift`
    (after - before) and `change`: "moved" (position differs), "new" (no position at `start`) or "unchanged".
    Sorted with the moves first, largest shift first.
    """
    before = as_of(statements, start)[["actor_id", "question_id", "position", "statement_id", "date"]]
    after = as_of(statements, end)[["actor_id", "question_id", "position", "statement_id", "date"]]
    merged = after.merge(before, on=["actor_id", "question_id"], how="left", suffixes=("_after", "_before"))
    merged["actor_id"] = merged["actor_id"].astype(str)
    merged["question_id"] = merged["question_id"].astype(str)
    pos_before = merged["position_before"].astype("Int64")
    pos_after = merged["position_after"].astype("Int64")
    change = np.where(pos_before.isna(), "new", np.where(pos_before.ne(pos_after).fillna(True), "moved", "unchanged"))
    out = pd.DataFrame(
        {
            "actor_id": merged["actor_id"],
            "question_id": merged["question_id"],
            "before": pos_before,
            "after": pos_after,
            "shift": (pos_after - pos_before),
            "change": pd.Categorical(change, categories=CHANGE_KINDS),
            "statement_before": merged["statement_id_before"].fillna(""),
            "statement_after": merged["statement_id_after"],
            "date_after": merged["date_after"],
        }
    )
    order = out["shift"].abs().fillna(0)
    return (
        out.assign(_order=-order)
        .sort_values(["change", "_order", "actor_id", "question_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


@dataclass(frozen=True, kw_only=True, eq=False)
class GridView:
    """Everything the comparison grid shows for one as-of day (and, optionally, the changes since an earlier day)."""

    snapshot: pd.DataFrame
    actors: list[str]
    questions: list[str]
    changes: pd.DataFrame | None
    moved: dict[tuple[str, str], int] | None  # (actor, question) -> shift; 0 for a position new since `since`


def grid_view(
    debate: Debate,
    statements: pd.DataFrame,
    day: dt.date,
    since: dt.date | None = None,
    *,
    actors: list[str] | None = None,
    questions: list[str] | None = None,
) -> GridView:
    """The grid of `statements` as of `day`, and what moved since `since`.

    Without `actors`/`questions`, every actor (dataset order) and question (display order) that appears; with them,
    only those rows and columns, in that order, and only their statements are snapshotted (a page of a large grid
    costs what its cells cost, not what the whole debate does).
    """
    if actors is not None or questions is not None:
        keep = np.ones(len(statements), dtype=bool)
        if actors is not None:
            keep &= is_in(statements["actor_id"], actors).to_numpy()
        if questions is not None:
            keep &= is_in(statements["question_id"], questions).to_numpy()
        statements = statements[keep]
    changes = changes_between(statements, since, day) if since is not None else None
    moved = (
        {
            (str(actor), str(question)): 0 if pd.isna(shift) else int(shift)
            for actor, question, shift in changes.loc[
                changes["change"] != "unchanged", ["actor_id", "question_id", "shift"]
            ].itertuples(index=False, name=None)
        }
        if changes is not None
        else None
    )
    return GridView(
        snapshot=as_of(statements, day),
        actors=list(actors) if actors is not None else actors_in(debate, statements["actor_id"]),
        questions=list(questions) if questions is not None else questions_in(debate, statements["question_id"]),
        changes=changes,
        moved=moved,
    )
