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


def _evidence_rank(evidence: pd.Series) -> np.ndarray:
    """Each statement's evidence rank (`EVIDENCE_RANK`; unknown kinds last): a tie on one day goes to the smaller."""
    unranked = len(EVIDENCE_RANK)
    if isinstance(evidence.dtype, pd.CategoricalDtype):  # as loaded: rank the few categories, not every row
        per_kind = np.array([EVIDENCE_RANK.get(str(c), unranked) for c in evidence.cat.categories] + [unranked])
        return per_kind[evidence.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry
    return evidence.astype(str).map(EVIDENCE_RANK).fillna(unranked).to_numpy()


def recency_score(statements: pd.DataFrame) -> np.ndarray:
    """One sortable score per statement for `as_of`'s rule: a later day first, then stronger evidence (ties after
    that fall to the smaller statement id)."""
    days = statements["date"].to_numpy().astype("datetime64[D]").astype("int64")
    return days * 16 - _evidence_rank(statements["evidence"])


def as_of(statements: pd.DataFrame, day: dt.date | pd.Timestamp) -> pd.DataFrame:
    """Each actor's latest position on each question on `day`: one row per (actor, question) said on or before it.

    Ties on one date go to the stronger evidence (on-record first), then the smaller statement id, so the result
    is stable. Adds `age_days` (days between the statement and `day`) and `stale` (older than `STALE_AFTER_DAYS`).
    """
    day = pd.Timestamp(day)
    known = statements[(statements["date"] <= day).to_numpy()]
    if known.empty:
        return known.assign(age_days=pd.Series(dtype="int64"), stale=pd.Series(dtype=bool))
    score = recency_score(known)
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


def held_positions(statements: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Each actor's position on each question as it was held from `start` to `end`, step by step.

    One row per step: the position held at `start` (its `as_of` statement, dated when it was said) and then each
    later day up to `end` on which the held position changed, with the statement that changed it. A day's position
    is the one `as_of` gives on that day (on-record words first, then the smaller id), so the last step of a pair is
    its `as_of(end)` row; a pair first heard of after `start` starts at its first statement. Columns `actor_id`,
    `question_id`, `date`, `position`, `statement_id`, sorted by actor, question and date. A move and its reversal
    inside the period both appear, where `changes_between` (the two end days only) shows nothing.
    """
    start_day, end_day = pd.Timestamp(start), pd.Timestamp(end)
    columns = ["actor_id", "question_id", "date", "position", "statement_id"]
    held = as_of(statements, start_day)[columns]
    dates = statements["date"]
    later = statements[((dates > start_day) & (dates <= end_day)).to_numpy()]
    steps = later[columns].assign(_rank=_evidence_rank(later["evidence"]))
    steps = steps.sort_values(["actor_id", "question_id", "date", "_rank", "statement_id"], kind="stable")
    steps = steps.drop_duplicates(["actor_id", "question_id", "date"], keep="first").drop(columns="_rank")
    path = pd.concat([held.assign(_first=True), steps.assign(_first=False)], ignore_index=True)
    path = path.astype({"actor_id": str, "question_id": str, "statement_id": str})
    path["position"] = path["position"].astype("int64")
    path = path.sort_values(["actor_id", "question_id", "_first", "date"], ascending=[True, True, False, True])
    pair = path["actor_id"] + "\x1f" + path["question_id"]
    same_pair = pair.eq(pair.shift())
    moved = ~same_pair | path["position"].ne(path["position"].shift())
    return path[moved.to_numpy()].drop(columns="_first").reset_index(drop=True)


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
